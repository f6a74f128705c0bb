"""Consent: the citizen says yes or no to Relais keeping their progress.

Without consent given, the progress service records nothing (ConsentRequired). Withdrawing
consent stops any further recording; deleting what is already kept is erasure
(data_rights.DataRightsService.erase), a separate request of the citizen.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from relais.database import SessionFactory
from relais.models import CONSENT_GIVEN, CONSENT_WITHDRAWN, Citizen, utc_now
from relais.services.citizens import check_conversation_id, find_citizen, get_or_create_citizen
from relais.services.unit_of_work import run_in_transaction


@dataclass(frozen=True)
class ConsentState:
    status: str | None  # 'given', 'withdrawn', or None: never answered / nothing held
    at: datetime | None = None
    notice_version: str | None = None

    @property
    def given(self) -> bool:
        return self.status == CONSENT_GIVEN

    @classmethod
    def of(cls, citizen: Citizen | None) -> "ConsentState":
        if citizen is None:
            return cls(status=None)
        return cls(citizen.consent_status, citizen.consent_at, citizen.consent_notice_version)


class ConsentService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def record_consent(
        self, conversation_id: str, given: bool, notice_version: str
    ) -> ConsentState:
        """Record the citizen's answer to the notice `notice_version` and return the result.

        A "no" from a citizen we hold nothing about creates no row: keeping their chat id
        to remember the refusal would keep the very data they declined to give.
        """
        conversation_id = check_conversation_id(conversation_id)
        if not notice_version:
            raise ValueError("notice_version is required: which notice did the citizen read?")

        def work(session: Session) -> ConsentState:
            now = self._clock()
            citizen: Citizen | None
            if given:
                citizen = get_or_create_citizen(session, conversation_id, now)
            else:
                citizen = find_citizen(session, conversation_id)
                if citizen is None:
                    return ConsentState(status=None)
            citizen.consent_status = CONSENT_GIVEN if given else CONSENT_WITHDRAWN
            citizen.consent_at = now
            citizen.consent_notice_version = notice_version
            return ConsentState.of(citizen)

        return run_in_transaction(self._session_factory, work)

    def has_consent(self, conversation_id: str) -> bool:
        return self.consent_state(conversation_id).given

    def consent_state(self, conversation_id: str) -> ConsentState:
        conversation_id = check_conversation_id(conversation_id)
        return run_in_transaction(
            self._session_factory,
            lambda session: ConsentState.of(find_citizen(session, conversation_id)),
        )
