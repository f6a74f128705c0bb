"""The watchdog of taken cases, driven by a clock the test moves (no waiting on the wall clock),
and the local desk's scope: the coach desk against the fake Bot API on loopback, on SQLite,
without Rasa (a stub records what the desk would add to the conversation)."""

from datetime import timedelta

import pytest
import pytest_asyncio
from telegram import Bot

from bot.case_actions import SILENT_HAND_BACK_TEXT, CaseActions
from bot.coach_desk import CoachDesk, DeskConfig
from bot.desk_terminal import LocalDesk
from relais.directory import CoachScope, RelaisDirectory
from relais.services.desk import DeskService
from relais.services.escalation import EscalationService
from relais.services.progress import ProgressService
from relais.work import Rasa
from tests.support.audit import audit_log
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.asyncio(loop_scope="function")
GROUP, CITIZEN, COACH = -1001999, 4242, 501
KEY = "clé de test des pseudonymes"


class StubRasa:
    """What the desk would add to the Rasa conversation, and an empty tracker."""

    def __init__(self) -> None:
        self.appended: list[dict] = []

    async def append_events(self, conversation_id, events) -> None:
        self.appended.extend(events)

    async def tracker(self, conversation_id) -> dict:
        return {}


@pytest.fixture
def told():
    return []


@pytest.fixture
def actions(sessions, clock, told):
    async def send_to_citizen(chat_id, replies):
        told.extend((chat_id, reply.text) for reply in replies)

    return CaseActions(EscalationService(sessions, clock), DeskService(sessions, clock),
                       StubRasa(), RelaisDirectory.load(), send_to_citizen)


@pytest_asyncio.fixture
async def fake():
    async with FakeBotApi() as api:
        yield api


@pytest_asyncio.fixture
async def desk(fake, actions, sessions):
    config = DeskConfig(chat_id=GROUP, pseudonym_secret=KEY, admin_ids=frozenset({COACH}),
                        remind_after=timedelta(minutes=10), hand_back_after=timedelta(minutes=30))
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        desk = CoachDesk(bot, config, actions, ProgressService(sessions))
        yield desk
        await desk.stop()


async def taken_case(fake, actions):
    """A case taken by the coach, with its topic in the group."""
    case = actions.escalation.open_case(str(CITIZEN), "citizen_request", relais_code="IDF")
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        topic = await bot.create_forum_topic(GROUP, f"n°{case.id}")
    actions.desk.record_topic(case, GROUP, topic.message_thread_id, None)
    await actions.take(case, str(COACH), "Alice")
    return case, topic.message_thread_id


def in_topic(fake, thread_id):
    return [m["text"] for m in fake.delivered(GROUP) if m.get("message_thread_id") == thread_id]


async def test_a_silent_coach_is_reminded_then_the_bot_takes_the_conversation_back(
        desk, fake, actions, clock, told, sessions):
    case, thread = await taken_case(fake, actions)
    assert await desk.relay_from_citizen(str(CITIZEN), Rasa("Vous êtes là ?", typed="Vous êtes là ?")) == []
    assert any("Vous êtes là ?" in t for t in in_topic(fake, thread))

    clock.now += timedelta(minutes=9)
    await desk.watch_waiting()
    assert not any("⏰" in t for t in in_topic(fake, thread))

    clock.now += timedelta(minutes=1)
    await desk.watch_waiting()
    await desk.watch_waiting()  # once only
    reminders = [t for t in in_topic(fake, thread) if t.startswith("⏰")]
    assert len(reminders) == 1 and "depuis 10 min" in reminders[0] and "d'ici 20 min" in reminders[0]
    assert actions.escalation.active_case(str(CITIZEN)).status == "taken"

    clock.now += timedelta(minutes=20)
    await desk.watch_waiting()
    assert actions.escalation.active_case(str(CITIZEN)) is None  # handed back to the bot
    assert told[-1] == (str(CITIZEN), SILENT_HAND_BACK_TEXT)
    assert any(t.startswith("↩️ Sans réponse") for t in in_topic(fake, thread))
    assert any(c["message_thread_id"] == thread for c in fake.sent("closeForumTopic"))
    trail = [(line.action, line.actor, line.detail) for line in audit_log(sessions, case.id)]
    assert trail == [("announced", "desk", None), ("taken", str(COACH), None),
                     ("citizen_message", "citizen", None),
                     ("reminded", "desk", None), ("handed_back", "bot", "coach_silent")]
    # The citizen's next message is the bot's again.
    assert await desk.relay_from_citizen(str(CITIZEN), Rasa("allô", typed="allô")) is None


async def test_a_coach_who_answers_is_left_alone(desk, fake, actions, clock):
    case, thread = await taken_case(fake, actions)
    await desk.relay_from_citizen(str(CITIZEN), Rasa("Bonjour", typed="Bonjour"))
    clock.now += timedelta(minutes=5)
    await actions.message(case, str(COACH), _reply("Bonjour, je vous lis."), "Bonjour, je vous lis.")
    clock.now += timedelta(hours=2)
    await desk.watch_waiting()
    assert actions.escalation.active_case(str(CITIZEN)).status == "taken"
    assert not any(t.startswith(("⏰", "↩️")) for t in in_topic(fake, thread))


async def test_a_crisis_case_handed_back_by_the_watchdog_calls_another_coach(desk, fake, actions, clock):
    case = actions.escalation.open_case(str(CITIZEN), "crisis", relais_code="IDF", crisis_kind="suicide")
    actions.desk.record_topic(case, GROUP, 77, None)
    await actions.take(case, str(COACH), "Alice")
    actions.desk.record_citizen_message(case.id)
    clock.now += timedelta(minutes=30)
    await desk.watch_waiting()
    again = actions.escalation.active_case(str(CITIZEN))
    assert again.id != case.id and (again.status, again.reason, again.crisis_kind) == (
        "open", "crisis", "suicide")
    assert [c.id for c in actions.desk.cases_without_topic()] == [again.id]  # announced next


def _reply(text):
    from bot.conversation import Reply

    return Reply(text)


# --- the local desk (make desk) is scoped like the Telegram one -------------------------------

async def test_the_local_desk_acts_on_its_relais_only(actions, sessions, capsys, told):
    case = actions.escalation.open_case("terminal-ara", "citizen_request", relais_code="ARA")
    progress = ProgressService(sessions)
    idf_coach = LocalDesk(actions, progress, "Alice", KEY, CoachScope(frozenset({"IDF"})), 501)
    intruder = LocalDesk(actions, progress, "Marc", KEY, CoachScope(), 667)
    ara_coach = LocalDesk(actions, progress, "Clara", KEY, CoachScope(frozenset({"ARA"})), 503)

    assert f"n°{case.id}" not in await idf_coach.cases_text()
    await idf_coach.command(f"prendre {case.id}")
    assert "autre relais" in capsys.readouterr().out
    await intruder.command("dossiers")
    await intruder.command(f"prendre {case.id}")
    assert capsys.readouterr().out.count("aucune action possible") == 2
    assert actions.escalation.active_case("terminal-ara").status == "open"

    assert f"n°{case.id}" in await ara_coach.cases_text()
    await ara_coach.command(f"prendre {case.id}")
    assert actions.escalation.active_case("terminal-ara").assigned_coach == "503"
    await ara_coach.command("transferer XYZ")
    assert "Relais inconnu" in capsys.readouterr().out
    assert actions.escalation.active_case("terminal-ara").relais_code == "ARA"
    trail = [(line.action, line.actor) for line in audit_log(sessions, case.id)]
    assert trail == [("refused", "501"), ("taken", "503")]


async def test_the_desk_forgets_announced_cases_once_their_topic_is_recorded(desk, fake, actions):
    for citizen in range(3):
        actions.escalation.open_case(str(9000 + citizen), "citizen_request", relais_code="IDF")
    await desk.announce_new_cases()
    await desk.wait_background()
    assert len(fake.sent("createForumTopic")) == 3
    await desk.announce_new_cases()  # the topics are recorded: nothing left to remember
    assert desk.memory_sizes()["announced"] == 0
    assert len(fake.sent("createForumTopic")) == 3  # and no case announced twice


async def test_the_desk_remembers_a_bounded_number_of_alerted_crisis_messages(desk, monkeypatch):
    import bot.desk.relay as relay

    monkeypatch.setattr(relay, "ALERTED_KEPT", 5)
    for key in range(50):
        assert desk._relay._alerted_before(f"key-{key}") is False
    assert desk.memory_sizes()["alerted"] == 5
    assert desk._relay._alerted_before("key-49") is True  # the most recent are still recognised
