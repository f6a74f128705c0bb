"""Relais' services: each takes a session factory and owns its unit of work (one transaction per
call, committed before it returns). Nothing is created at import time.

    engine = create_engine_from_url(load_settings().database_url)
    session_factory = make_session_factory(engine)
    consent = ConsentService(session_factory)
"""

from relais.services.consent import ConsentService, ConsentState
from relais.services.data_rights import DataRightsService
from relais.services.errors import (
    CaseNotFound,
    ConsentRequired,
    InvalidCaseTransition,
    ServiceError,
    StorageUnavailable,
)
from relais.services.escalation import CaseInfo, EscalationService
from relais.services.progress import ProgressService, ProgressSummary

__all__ = [
    "CaseInfo",
    "CaseNotFound",
    "ConsentRequired",
    "ConsentService",
    "ConsentState",
    "DataRightsService",
    "EscalationService",
    "InvalidCaseTransition",
    "ProgressService",
    "ProgressSummary",
    "ServiceError",
    "StorageUnavailable",
]
