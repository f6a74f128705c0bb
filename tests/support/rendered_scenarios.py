"""Citizens whose progress and data make every line of the French texts Relais renders from
the domain's data (the citizen's progress, the data-rights summary, the coach's case card).

Built with the services' own API on a fresh migrated SQLite, at fixed dates, so that the
tests can pin the exact text. Imports neither Rasa nor Telegram: both virtualenvs use it.
"""

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import insert
from sqlalchemy.orm import sessionmaker

from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.models import RASA_EVENTS
from relais.services import ConsentService, DataRightsService, EscalationService, ProgressService
from tests.domain.support import NOTICE
from tests.support.clock import NOW, FakeClock

# NOW is Thursday 26 November 2026; its ISO week starts Monday 23 November.
THIS_WEEK, LAST_WEEK, TWO_WEEKS_AGO, THREE_WEEKS_AGO = "2026-11-24", "2026-11-17", "2026-11-10", "2026-11-03"


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc)


@dataclass
class Services:
    session_factory: sessionmaker
    clock: FakeClock
    consent: ConsentService
    progress: ProgressService
    escalation: EscalationService
    data_rights: DataRightsService

    def at(self, day: str, hour: int = 12) -> "Services":
        self.clock.now = at(day, hour)
        return self


def services(tmp_path) -> Services:
    """The services on a fresh migrated SQLite (with Rasa's events table), clock at NOW."""
    url = f"sqlite:///{tmp_path / 'relais.db'}"
    upgrade_to_head(url)
    engine = create_engine_from_url(url)
    RASA_EVENTS.create(engine)
    session_factory = make_session_factory(engine)
    clock = FakeClock(NOW)
    return Services(
        session_factory,
        clock,
        ConsentService(session_factory, clock=clock),
        ProgressService(session_factory, clock=clock),
        EscalationService(session_factory, clock=clock),
        DataRightsService(session_factory, clock=clock),
    )


def say(s: Services, conversation_id: str, who: str, text: str, when: datetime) -> None:
    """A message of the conversation as Rasa's tracker store keeps it."""
    with s.session_factory() as session, session.begin():
        session.execute(
            insert(RASA_EVENTS).values(
                sender_id=conversation_id,
                type_name=who,
                timestamp=when.timestamp(),
                data=f'{{"event": "{who}", "text": "{text}"}}',
            )
        )


def one_action(s: Services, conversation_id: str = "one-action") -> str:
    s.at(TWO_WEEKS_AGO).consent.record_consent(conversation_id, True, NOTICE)
    s.progress.mark_action(conversation_id, "mobilite", "Prendre le vélo")
    s.clock.now = NOW
    return conversation_id


def a_busy_month(s: Services, conversation_id: str = "busy") -> str:
    """Seven steps done (one skipped), two goals, check-ins every week with a rising mood."""
    s.at(THREE_WEEKS_AGO, 9).consent.record_consent(conversation_id, True, NOTICE)
    s.progress.enrol(conversation_id, "energie", "urgence")
    for day in range(1, 8):
        s.at(f"2026-11-{day + 10:02d}").progress.mark_action(conversation_id, "energie", f"action {day}")
    s.progress.mark_action(conversation_id, "energie", "pas faite", done=False)
    s.progress.set_goal(conversation_id, "ancien objectif")
    s.at("2026-11-20").progress.set_goal(conversation_id, "baisser le chauffage d'un degré", "energie")
    for day, mood in [(THREE_WEEKS_AGO, 2), (TWO_WEEKS_AGO, 2), (TWO_WEEKS_AGO, 3), (LAST_WEEK, 3), (THIS_WEEK, 4)]:
        s.at(day, 18).progress.log_checkin(conversation_id, mood)
    s.clock.now = NOW
    return conversation_id


def a_falling_mood_and_long_texts(s: Services, conversation_id: str = "falling") -> str:
    """A mood going down with a week left out, a note-only check-in, texts to shorten."""
    s.at(THREE_WEEKS_AGO).consent.record_consent(conversation_id, True, NOTICE)
    s.progress.log_checkin(conversation_id, 5)
    s.at(LAST_WEEK).progress.log_checkin(conversation_id, 4)
    s.progress.log_checkin(conversation_id, 3, "fatigué")
    s.at(THIS_WEEK).progress.log_checkin(conversation_id, None, "une note sans humeur")
    s.progress.set_goal(conversation_id, "  trouver   un\nlogement " + "plus petit " * 30)
    s.progress.mark_action(conversation_id, None, "appeler le bailleur\t" + "x" * 250)
    s.progress.mark_action(conversation_id, "logement", "écrire au bailleur")
    s.clock.now = NOW
    return conversation_id


def a_steady_mood(s: Services, conversation_id: str = "steady") -> str:
    s.at(TWO_WEEKS_AGO).consent.record_consent(conversation_id, True, NOTICE)
    s.progress.log_checkin(conversation_id, 3)
    s.at(LAST_WEEK).progress.log_checkin(conversation_id, 3)
    s.clock.now = NOW
    return conversation_id


def two_silent_weeks(s: Services, conversation_id: str = "silent") -> str:
    s.at(THREE_WEEKS_AGO).consent.record_consent(conversation_id, True, NOTICE)
    s.progress.log_checkin(conversation_id, 3)
    s.clock.now = NOW
    return conversation_id


def everything_kept(s: Services, conversation_id: str = "alice") -> str:
    """A row in every table of the citizen's, and a short conversation."""
    s.at("2026-11-02", 8).consent.record_consent(conversation_id, True, NOTICE)
    say(s, conversation_id, "user", "Bonjour", at("2026-11-01", 7))
    say(s, conversation_id, "bot", "Bonjour, je suis Relais.", at("2026-11-01", 7))
    s.progress.enrol(conversation_id, "energie", "urgence")
    s.at("2026-11-10").progress.enrol(conversation_id, "logement", "continu")
    s.progress.log_checkin(conversation_id, 3, "Pas facile sans chauffage.")
    s.progress.set_goal(conversation_id, "Calfeutrer les fenêtres", "logement")
    for day in range(12, 17):
        s.at(f"2026-11-{day}").progress.mark_action(conversation_id, "energie", f"Étape {day}")
    s.progress.mark_action(conversation_id, "energie", "pas réussi", done=False)
    s.progress.mark_action(conversation_id, "energie", "pas réussi non plus", done=False)
    s.at("2026-11-18").progress.log_checkin(conversation_id, None, "une note")
    s.escalation.open_case(conversation_id, "citizen_request", relais_code="IDF")
    s.clock.now = NOW
    return conversation_id


def consent_withdrawn_and_a_closed_case(s: Services, conversation_id: str = "bruno") -> str:
    s.at("2026-11-03").consent.record_consent(conversation_id, True, NOTICE)
    case = s.escalation.open_case(conversation_id, "citizen_request")
    s.at("2026-11-04").escalation.take_case(case.id, "424242")
    s.escalation.close_case(case.id, "note interne")
    s.progress.mark_action(conversation_id, None, "une seule étape")
    s.progress.log_checkin(conversation_id, 4)
    s.at("2026-11-05").consent.record_consent(conversation_id, False, NOTICE)
    s.clock.now = NOW
    return conversation_id


def only_a_conversation(s: Services, conversation_id: str = "chloe") -> str:
    """Nothing but messages (no consent): Rasa's events are still the citizen's data."""
    say(s, conversation_id, "user", "Salut", at("2026-11-25", 22))
    say(s, conversation_id, "bot", "Bonsoir !", at("2026-11-25", 22))
    return conversation_id
