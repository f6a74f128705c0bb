"""A case's audit trail as the tests read it (the desk service only writes it)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from relais.models import CaseAudit


@dataclass(frozen=True)
class AuditLine:
    case_id: int
    action: str
    actor: str
    detail: str | None
    at: datetime


def audit_log(session_factory: sessionmaker, case_id: int) -> list[AuditLine]:
    with session_factory() as session:
        query = select(CaseAudit).where(CaseAudit.case_id == case_id).order_by(CaseAudit.id)
        return [AuditLine(r.case_id, r.action, r.actor, r.detail, r.at) for r in session.scalars(query)]
