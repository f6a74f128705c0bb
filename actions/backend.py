"""The domain services this action server uses, built on first use (never at import time).

Tests point DATABASE_URL elsewhere and call `backend.cache_clear()`.
"""

from dataclasses import dataclass
from functools import lru_cache

from relais.database import create_engine_from_url, make_session_factory
from relais.directory import RelaisDirectory
from relais.services import ConsentService, DataRightsService, EscalationService, ProgressService
from relais.services.checkins import CheckinService
from relais.services.events import EventService
from relais.services.grievances import GrievanceService
from relais.services.progress_picture import ProgressPictureService
from relais.settings import load_settings

# Version of the consent notice shown by utter_demande_consentement; change it with the text.
CONSENT_NOTICE_VERSION = "2026-12"


@dataclass(frozen=True)
class Backend:
    consent: ConsentService
    progress: ProgressService
    escalation: EscalationService
    data_rights: DataRightsService
    grievances: GrievanceService
    events: EventService
    checkins: CheckinService
    # The progress chart's points (/progres); None: the summary goes without its picture.
    pictures: ProgressPictureService | None = None


@lru_cache(maxsize=1)
def backend() -> Backend:
    engine = create_engine_from_url(load_settings().database_url)
    session_factory = make_session_factory(engine)
    return Backend(
        consent=ConsentService(session_factory),
        progress=ProgressService(session_factory),
        escalation=EscalationService(session_factory),
        data_rights=DataRightsService(session_factory),
        grievances=GrievanceService(session_factory),
        events=EventService(session_factory, directory()),
        checkins=CheckinService(session_factory),
        pictures=ProgressPictureService(session_factory),
    )


@lru_cache(maxsize=1)
def directory() -> RelaisDirectory:
    # The same file as the edge and the desks (RELAIS_DIRECTORY): cases get the relais codes
    # the coaches are scoped by.
    return RelaisDirectory.load(load_settings().relais_directory)


def record(dispatcher, write, *, tell_without_consent: bool = False) -> bool:
    """Run one write of the citizen's progress; say so when it is not kept.

    Without consent nothing is recorded (the citizen was told when refusing, and the responses
    that follow have a variant without consent); when the database is unreachable the citizen
    is told that this was not recorded, never left to believe it was.
    """
    from relais.services import ConsentRequired, StorageUnavailable

    try:
        write()
        return True
    except ConsentRequired:
        if tell_without_consent:
            dispatcher.utter_message(response="utter_sans_consentement")
    except StorageUnavailable:
        dispatcher.utter_message(response="utter_stockage_indisponible")
    return False
