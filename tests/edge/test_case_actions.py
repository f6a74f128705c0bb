"""What a coach does on a case (bot/case_actions.py, CaseActions): the case's status, the audit
line, what the citizen is told, what the Rasa conversation records, and the citizen's contact
instructions holding a message. The services run on SQLite with a clock the test sets; Rasa is a
stub and the citizen's chat a list: no network."""

import pytest

from bot.case_actions import (
    CLOSED_TEXT,
    CLOSED_UNTAKEN_TEXT,
    COACH_MESSAGE,
    HANDED_BACK_TEXT,
    JOINED_TEXT,
    OVERRIDE_MARK,
    SILENT_HAND_BACK_TEXT,
    TRANSFERRED_TEXT,
    CaseActions,
    without_override,
)
from bot.conversation import Reply
from bot.rasa_client import RasaUnavailable
from relais.contact_wishes import ContactWishes
from relais.directory import CoachScope, RelaisDirectory
from relais.services.desk import DeskService
from relais.services.errors import InvalidCaseTransition
from relais.services.escalation import EscalationService
from tests.support.audit import audit_log

pytestmark = pytest.mark.asyncio(loop_scope="function")
CITIZEN, ALICE = "4242", "501"
# « n'écrivez que quand je vous écris »: nothing goes to the citizen until they write.
WAIT_FOR_ME = ContactWishes(wait_for_me=True)


class StubRasa:
    """What the desk adds to the Rasa conversation; down when `down` is set."""

    def __init__(self) -> None:
        self.appended: list[tuple[str, dict]] = []
        self.down = False

    async def append_events(self, conversation_id, events) -> None:
        if self.down:
            raise RasaUnavailable("Rasa is down")
        self.appended.extend((conversation_id, event) for event in events)

    async def tracker(self, conversation_id) -> dict:
        if self.down:
            raise RasaUnavailable("Rasa is down")
        return {"sender_id": conversation_id, "events": []}


@pytest.fixture
def escalation(sessions, clock):
    return EscalationService(sessions, clock)


@pytest.fixture
def desk(sessions, clock):
    return DeskService(sessions, clock)


@pytest.fixture
def rasa():
    return StubRasa()


@pytest.fixture
def told():
    """What the citizen's chat received: (chat id, text or copy)."""
    return []


@pytest.fixture
def actions(escalation, desk, rasa, told, clock):
    async def send_to_citizen(chat_id, replies):
        told.extend((chat_id, reply.text if reply.copy_of is None else reply.copy_of)
                    for reply in replies)

    return CaseActions(escalation, desk, rasa, RelaisDirectory.load(), send_to_citizen, clock)


def actions_in(desk, case_id):
    return [(line.action, line.actor, line.detail) for line in audit_log(desk._session_factory, case_id)]


def recorded(rasa):
    return [(event["event"], event["text"]) for _, event in rasa.appended]


async def test_taking_a_case_assigns_it_audits_it_and_tells_the_citizen_who_joins(
        actions, escalation, desk, rasa, told):
    case = escalation.open_case(CITIZEN, "citizen_request")

    taken = await actions.take(case, ALICE, "Alice")

    assert (taken.status, taken.assigned_coach) == ("taken", ALICE)
    assert escalation.case(case.id).status == "taken"
    assert actions_in(desk, case.id) == [("taken", ALICE, None)]
    joined = JOINED_TEXT.format(coach="Alice")
    assert told == [(CITIZEN, joined)]
    assert recorded(rasa) == [("bot", joined)]
    with pytest.raises(InvalidCaseTransition):  # a second coach is too late
        await actions.take(taken, "502", "Bruno")
    assert told == [(CITIZEN, joined)]


async def test_closing_says_what_happened_whether_or_not_a_coach_had_the_case(
        actions, escalation, desk, told):
    waiting = escalation.open_case(CITIZEN, "citizen_request")
    closed = await actions.close(waiting, ALICE, "demande déjà traitée")
    assert (closed.status, closed.closing_note) == ("closed", "demande déjà traitée")
    assert told[-1] == (CITIZEN, CLOSED_UNTAKEN_TEXT)

    taken = await actions.take(escalation.open_case(CITIZEN, "citizen_request"), ALICE, "Alice")
    await actions.close(taken, ALICE, None)
    assert told[-1] == (CITIZEN, CLOSED_TEXT)
    assert actions_in(desk, taken.id) == [("taken", ALICE, None), ("closed", ALICE, None)]


async def test_handing_back_returns_the_conversation_to_the_bot(actions, escalation, desk, told):
    taken = await actions.take(escalation.open_case(CITIZEN, "citizen_request"), ALICE, "Alice")

    handed = await actions.hand_back(taken, ALICE)

    assert handed.status == "handed_back"
    assert actions_in(desk, taken.id)[-1] == ("handed_back", ALICE, None)
    assert told[-1] == (CITIZEN, HANDED_BACK_TEXT)


async def test_a_transfer_to_an_unknown_relais_does_nothing(actions, escalation, desk, told):
    case = escalation.open_case(CITIZEN, "citizen_request", relais_code="IDF")

    assert await actions.transfer(case, ALICE, "XYZ") is None

    assert escalation.case(case.id).relais_code == "IDF"
    assert actions_in(desk, case.id) == [] and told == []


async def test_a_transfer_moves_the_case_and_tells_the_citizen_only_if_a_coach_had_it(
        actions, escalation, desk, told):
    waiting = escalation.open_case(CITIZEN, "citizen_request", relais_code="IDF")
    moved, team = await actions.transfer(waiting, ALICE, " ara ")  # as a coach types it
    assert (moved.relais_code, team.code) == ("ARA", "ARA")
    assert actions_in(desk, waiting.id) == [("transferred", ALICE, "IDF -> ARA")]
    assert told == []  # nobody had told them anything yet

    taken = await actions.take(moved, ALICE, "Alice")
    told.clear()
    moved, team = await actions.transfer(taken, ALICE, "IDF")
    assert (moved.status, moved.assigned_coach) == ("open", None)  # a coach of IDF takes it
    assert told == [(CITIZEN, TRANSFERRED_TEXT.format(relais=team.name))]


async def test_a_silent_coach_hands_a_crisis_back_and_a_new_crisis_case_opens(
        actions, escalation, desk, told):
    crisis = escalation.open_case(CITIZEN, "crisis", relais_code="IDF", crisis_kind="violence")
    taken = await actions.take(crisis, ALICE, "Alice")
    told.clear()

    handed = await actions.hand_back_unanswered(taken, "coach_silent")

    assert handed.status == "handed_back"
    assert actions_in(desk, crisis.id)[-1] == ("handed_back", "bot", "coach_silent")
    assert told == [(CITIZEN, SILENT_HAND_BACK_TEXT)]
    again = escalation.active_case(CITIZEN)
    assert again.id != crisis.id
    assert (again.reason, again.status, again.crisis_kind, again.relais_code) == (
        "crisis", "open", "violence", "IDF")


async def test_a_deleted_topic_hands_back_without_a_notice_from_here(actions, escalation, told):
    taken = await actions.take(escalation.open_case(CITIZEN, "citizen_request"), ALICE, "Alice")
    told.clear()

    await actions.hand_back_unanswered(taken, "topic_gone")

    assert told == []  # the caller tells the citizen, before the bot's answer
    assert escalation.active_case(CITIZEN) is None  # no crisis: no new case


async def test_a_coachs_message_reaches_the_citizen_and_the_rasa_conversation(
        actions, escalation, desk, rasa, told):
    taken = await actions.take(escalation.open_case(CITIZEN, "citizen_request"), ALICE, "Alice")
    text = COACH_MESSAGE.format(coach="Alice", text="Avez-vous appelé votre fournisseur ?")

    notice = await actions.message(taken, ALICE, Reply(text), "Avez-vous appelé votre fournisseur ?",
                                   coach_name="Alice")

    assert notice is None
    assert told[-1] == (CITIZEN, text)
    assert actions_in(desk, taken.id)[-1] == ("message", ALICE, None)
    assert rasa.appended[-1] == (CITIZEN, {"event": "bot", "text": "Avez-vous appelé votre fournisseur ?",
                                           "metadata": {"coach": ALICE}})


async def test_contact_instructions_hold_a_text_refuse_an_attachment_and_yield_to_an_override(
        actions, escalation, desk, told):
    case = escalation.open_case(CITIZEN, "citizen_request", contact_wishes=WAIT_FOR_ME)
    taken = await actions.take(case, ALICE, "Alice")
    assert told == []  # the notice that Alice joins is held too

    notice = await actions.message(taken, ALICE, Reply("Bonjour"), "Bonjour", coach_name="Alice")
    assert notice and told == []
    assert ("held", ALICE, None) in actions_in(desk, case.id)

    photo = Reply("", copy_of={"chat_id": -1001, "message_id": 7})
    notice = await actions.message(taken, ALICE, photo, "[photo]", coach_name="Alice")
    assert notice and told == []
    assert actions_in(desk, case.id)[-1] == ("refused", "desk", "contact_wishes")

    await actions.message(taken, ALICE, Reply("Appelez le 17."), "Appelez le 17.", override=True)
    assert told == [(CITIZEN, "Appelez le 17.")]


async def test_a_held_message_goes_out_once_the_citizen_writes_and_only_once(
        actions, escalation, desk, told):
    case = escalation.open_case(CITIZEN, "citizen_request", contact_wishes=WAIT_FOR_ME)
    taken = await actions.take(case, ALICE, "Alice")
    await actions.message(taken, ALICE, Reply("Bonjour"), "Bonjour", coach_name="Alice")
    assert desk.due_held_messages() == []

    desk.record_citizen_message(case.id)
    [delivery] = desk.due_held_messages()
    assert await actions.deliver_held(delivery) is True
    assert await actions.deliver_held(delivery) is False  # released already: not sent again

    assert told == [(CITIZEN, COACH_MESSAGE.format(coach="Alice", text="Bonjour"))]
    assert [action for action, _, _ in actions_in(desk, case.id)].count("held_sent") == 1


async def test_a_coach_outside_the_cases_relais_is_refused_and_audited(actions, escalation, desk):
    case = escalation.open_case(CITIZEN, "citizen_request", relais_code="ARA")
    idf, ara = CoachScope(frozenset({"IDF"})), CoachScope(frozenset({"ARA"}))

    assert await actions.allowed(case, ara, ALICE) is True
    assert await actions.allowed(case, CoachScope(national=True), ALICE) is True
    assert actions_in(desk, case.id) == []
    assert await actions.allowed(case, idf, ALICE) is False
    assert actions_in(desk, case.id) == [("refused", ALICE, None)]

    assert [c.id for c in await actions.cases_for(ara)] == [case.id]
    assert await actions.cases_for(idf) == []
    assert await actions.cases_for(CoachScope()) == []  # no coach at all


async def test_rasa_down_loses_the_record_not_the_action(actions, escalation, rasa, told):
    rasa.down = True
    taken = await actions.take(escalation.open_case(CITIZEN, "citizen_request"), ALICE, "Alice")

    assert taken.status == "taken"
    assert told == [(CITIZEN, JOINED_TEXT.format(coach="Alice"))]
    assert await actions.tracker(CITIZEN) == {}
    rasa.down = False
    assert (await actions.tracker(CITIZEN))["sender_id"] == CITIZEN


def test_the_override_mark_is_taken_off_the_coachs_text():
    assert without_override(f"{OVERRIDE_MARK} Appelez le 17.") == ("Appelez le 17.", True)
    assert without_override("Bonjour") == ("Bonjour", False)
