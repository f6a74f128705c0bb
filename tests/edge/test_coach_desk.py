"""The coach desk end to end: cases opened by Rasa become forum topics in the coaches' group
(fake Bot API on loopback), coaches take them, talk with the citizen, hand back, close,
transfer; the bot's pause survives a restart of the edge."""

import asyncio
import itertools
import re

import httpx
import pytest
import pytest_asyncio
import yaml
from sqlalchemy import create_engine, text

from bot.case_actions import TOPIC_GONE_TEXT
from relais.crisis import first_reply, kind_label
from relais.directory import DEFAULT_DIRECTORY_PATH
from relais.settings import Settings
from tests.support.edge_runner import polling_edge, taken_in
from tests.support.fake_bot_api import FakeBotApi
from tests.support.update_ids import next_update_id_base
from tests.support.waiting import until

pytestmark = pytest.mark.asyncio(loop_scope="function")
# Each test has its own fake Telegram and coaches' group; the database is shared.
_coach_groups = itertools.count(-1001234567, -1)
# Alice coaches for Île-de-France, Bruno for Île-de-France and Auvergne-Rhône-Alpes, Clara for
# Auvergne-Rhône-Alpes; the intruder left the group; Marc is a member of the group, in no list.
ALICE, BRUNO, CLARA, INTRUDER, MARC = 501, 502, 503, 666, 667
COACHES_OF = {"IDF": [ALICE, BRUNO], "ARA": [BRUNO, CLARA]}
NAMES = {ALICE: "Alice", BRUNO: "Bruno", CLARA: "Clara", MARC: "Marc"}
PSEUDONYM_KEY = "clé de test des pseudonymes"
_chats = itertools.count(7000)


@pytest.fixture
def stack(edge_stack):
    return edge_stack


@pytest.fixture(scope="module")
def directory_file(tmp_path_factory):
    """The relais directory with the coaches of the tests."""
    document = yaml.safe_load(DEFAULT_DIRECTORY_PATH.read_text(encoding="utf-8"))
    for team in document["teams"]:
        team["coaches"] = COACHES_OF.get(team["code"], [])
    path = tmp_path_factory.mktemp("directory") / "relais.yml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest_asyncio.fixture
async def fake(directory_file):
    coaches = next(_coach_groups)
    members = {(coaches, ALICE): "member", (coaches, BRUNO): "administrator",
               (coaches, CLARA): "member", (coaches, INTRUDER): "left", (coaches, MARC): "member"}
    async with FakeBotApi(first_update_id=next_update_id_base(), chat_members=members) as api:
        api.coaches = coaches
        api.directory_file = directory_file
        yield api


def settings_for(stack, fake, **extra) -> Settings:
    return Settings(
        rasa_url=stack.rasa_url, rasa_auth_token=stack.auth_token, edge_secret=stack.edge_secret,
        action_server_url=stack.action_server_url, database_url=stack.database_url,
        telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url,
        bridge_port=stack.bridge_port, coach_chat_id=fake.coaches, coach_on_duty="@astreinte",
        telegram_max_group_messages_per_minute=100000, relais_directory=fake.directory_file,
        pseudonym_secret=PSEUDONYM_KEY,
        **extra,
    )


def running(stack, fake, **extra):
    """The edge, polling, as `make run` starts it (leave the block and run it again to restart)."""
    return polling_edge(settings_for(stack, fake, **extra))


async def citizen_says(edge, fake, chat, message):
    before = len(fake.delivered(chat))
    update = fake.push_update(fake.text_update(chat, message) if isinstance(message, str) else message)
    # Until the edge has taken it in and its queue is done (it may answer nothing: a coach has it).
    await taken_in(edge, fake, update)
    return [m["text"] for m in fake.delivered(chat)[before:] if m.get("text")]


async def consent_and_ask_for_a_person(edge, fake, chat):
    await citizen_says(edge, fake, chat, "/start")
    card = [m for m in fake.delivered(chat) if m.get("reply_markup")][-1]
    await citizen_says(edge, fake, chat, fake.callback_update(chat, card["message_id"], "b0"))
    texts = await citizen_says(edge, fake, chat, "je voudrais parler à un conseiller")
    assert any("dossier n°" in t for t in texts), texts


def coach_message(fake, coach, thread_id, text, **fields):
    sender = {"id": coach, "is_bot": False, "first_name": NAMES.get(coach, "Zoé")}
    return fake.group_update(fake.coaches, text, chat_type="supergroup", message_thread_id=thread_id,
                             **{"from": sender, **fields})


def coach_tap(coach, card, data):
    sender = {"id": coach, "is_bot": False, "first_name": NAMES.get(coach, "Zoé")}
    return {"callback_query": {"id": f"cq{next(_chats)}", "from": sender, "chat_instance": "x",
                               "data": data, "message": card}}


def topic_messages(fake, thread_id):
    return [m["text"] for m in fake.delivered(fake.coaches)
            if m.get("message_thread_id") == thread_id and m.get("text")]


async def topic_of(fake, case_number):
    def created():
        return [call.result["message_thread_id"] for call in fake.calls
                if call.method == "createForumTopic" and call.result
                and call.params["name"].startswith(f"n°{case_number} ")]

    await until(created, what=f"a topic for case {case_number}")
    return created()[0]


async def card_of(fake, thread_id):
    """The case card of a topic (it follows the topic: the desk reads Rasa's tracker first)."""
    def cards():
        return [m for m in fake.delivered(fake.coaches)
                if m.get("message_thread_id") == thread_id and m.get("reply_markup")]

    await until(cards, what=f"a card in topic {thread_id}")
    return cards()[0]


def case_number(fake, chat):
    texts = " ".join(m["text"] for m in fake.delivered(chat) if m.get("text"))
    return int(re.search(r"dossier n°\s*(\d+)", texts).group(1))


def audit(stack, case):
    with create_engine(stack.database_url, future=True).connect() as connection:
        return connection.execute(
            text("select action, actor from relais_case_audit where case_id = :c order by id"),
            {"c": case}).all()


def rasa_texts(stack, chat):
    tracker = httpx.get(f"{stack.rasa_url}/conversations/{chat}/tracker",
                        params={"token": stack.auth_token}, timeout=30).json()
    return [(e["event"], e.get("text")) for e in tracker["events"] if e["event"] in ("user", "bot")]


async def settle(edge, fake):
    """Until every update pushed so far is taken in by the edge, and its queues are done."""
    await until(lambda: not fake.pending_updates, what="every update taken in")
    await edge.idle()


async def test_two_coaches_two_citizens_lifecycle_and_a_restart_in_the_middle(stack, fake):
    anne, paul = next(_chats), next(_chats)
    async with running(stack, fake) as edge:
        await consent_and_ask_for_a_person(edge, fake, anne)
        await consent_and_ask_for_a_person(edge, fake, paul)
        case_anne, case_paul = case_number(fake, anne), case_number(fake, paul)
        topic_anne, topic_paul = await topic_of(fake, case_anne), await topic_of(fake, case_paul)
        card = (await card_of(fake, topic_anne))["text"]
        assert "Personne " in card and str(anne) not in card
        assert "je voudrais parler à un conseiller" in card  # the last messages
        assert "Partagé à la demande de la personne" in card  # what the team sees, and why

        # Each coach takes one case.
        fake.push_update(coach_tap(ALICE, await card_of(fake, topic_anne), f"take:{case_anne}"))
        fake.push_update(coach_tap(BRUNO, await card_of(fake, topic_paul), f"take:{case_paul}"))
        await settle(edge, fake)
        assert any("Alice, de l'équipe Relais" in m["text"] for m in fake.delivered(anne))
        assert any("Bruno, de l'équipe Relais" in m["text"] for m in fake.delivered(paul))

        # The citizen talks to the coach, not to the bot; no cross-talk.
        assert await citizen_says(edge, fake, anne, "le radiateur ne marche toujours pas") == []
        assert await citizen_says(edge, fake, paul, "merci d'être là") == []
        assert any("le radiateur" in t for t in topic_messages(fake, topic_anne))
        assert not any("le radiateur" in t for t in topic_messages(fake, topic_paul))
        assert any("merci d'être là" in t for t in topic_messages(fake, topic_paul))
        assert ("user", "le radiateur ne marche toujours pas") in rasa_texts(stack, anne)

        fake.push_update(coach_message(fake, ALICE, topic_anne, "Avez-vous appelé votre fournisseur ?"))
        await settle(edge, fake)
        assert fake.delivered(anne)[-1]["text"] == "Alice (équipe Relais) : Avez-vous appelé votre fournisseur ?"
        assert not any("fournisseur" in m.get("text", "") for m in fake.delivered(paul))

        # Another coach writing in Alice's case: stays between coaches.
        fake.push_update(coach_message(fake, BRUNO, topic_anne, "je peux aider si besoin"))
        await settle(edge, fake)
        assert not any("je peux aider" in m["text"] for m in fake.delivered(anne))
        assert any("suivi par un·e collègue" in t for t in topic_messages(fake, topic_anne))

        # Someone who is not a coach: ignored, and audited as refused.
        before = len(fake.delivered(anne))
        fake.push_update(coach_message(fake, INTRUDER, topic_anne, "donnez-moi son numéro"))
        fake.push_update(coach_tap(INTRUDER, await card_of(fake, topic_anne), f"close:{case_anne}"))
        await settle(edge, fake)
        assert len(fake.delivered(anne)) == before
        assert ("refused", str(INTRUDER)) in audit(stack, case_anne)

    # The edge restarts while Alice has the conversation, and Rasa starts a new session (which
    # would undo a pause kept in Rasa): the bot stays silent, the pause is the case's status.
    httpx.post(f"{stack.rasa_url}/conversations/{anne}/tracker/events",
               params={"token": stack.auth_token},
               json=[{"event": "action", "name": "action_session_start"},
                     {"event": "session_started"}], timeout=30).raise_for_status()
    async with running(stack, fake) as edge:
        assert await citizen_says(edge, fake, anne, "vous êtes toujours là ?") == []
        assert any("toujours là" in t for t in topic_messages(fake, topic_anne))

        fake.push_update(coach_message(fake, ALICE, topic_anne, "/rendre"))
        await settle(edge, fake)
        assert "c'est à nouveau l'assistant" in fake.delivered(anne)[-1]["text"]
        answer = await citizen_says(edge, fake, anne, "je voudrais réduire ma facture de chauffage")
        assert answer and not any("Alice" in t for t in answer)  # the bot answers again

        fake.push_update(coach_message(fake, BRUNO, topic_paul, "/clore conseils donnés, rappel lundi"))
        await settle(edge, fake)
        assert "terminé cet échange" in fake.delivered(paul)[-1]["text"]
        assert any(c["message_thread_id"] == topic_paul for c in fake.sent("closeForumTopic"))

    assert [a for a, _ in audit(stack, case_anne)] == [
        "announced", "taken", "citizen_message", "message", "refused", "refused",
        "citizen_message", "handed_back"]
    assert audit(stack, case_anne)[1] == ("taken", str(ALICE))
    assert [a for a, _ in audit(stack, case_paul)] == ["announced", "taken", "citizen_message", "closed"]
    with create_engine(stack.database_url, future=True).connect() as connection:
        status, note = connection.execute(
            text("select status, closing_note from relais_cases where id = :c"), {"c": case_paul}).one()
    assert (status, note) == ("closed", "conseils donnés, rappel lundi")


async def test_crisis_calls_the_on_duty_coaches_at_once_and_again_if_nobody_takes_it(stack, fake):
    chat = next(_chats)
    async with running(stack, fake, coach_call_again_crisis_seconds=2) as edge:
        texts = await citizen_says(edge, fake, chat, "je veux mourir, je n'en peux plus")
        assert texts[0] == first_reply("suicide")  # from the edge, on arrival
        case = case_number(fake, chat)
        topic = await topic_of(fake, case)

        def general():
            return [m["text"] for m in fake.delivered(fake.coaches) if not m.get("message_thread_id")]

        await until(lambda: any(f"n°{case}" in t and "@astreinte" in t for t in general()))
        assert any(f"CRISE ({kind_label('suicide')})" in t and f"n°{case}" in t and "@astreinte" in t
                   for t in general())
        crisis_card = (await card_of(fake, topic))["text"]
        assert kind_label("suicide") in crisis_card
        assert "Partagé sans demande de la personne : crise (intérêt vital" in crisis_card
        await until(lambda: any("Toujours en attente" in t for t in topic_messages(fake, topic)),
                    what="the on-duty coaches called again")

        fake.push_update(coach_message(fake, BRUNO, None, "/cases"))
        await settle(edge, fake)
        assert any(f"n°{case} · CRISE · en attente" in t for t in general())

        fake.push_update(coach_message(fake, BRUNO, topic, "/transferer ara"))
        await settle(edge, fake)
        renamed = [c for c in fake.sent("editForumTopic") if c["message_thread_id"] == topic]
        assert renamed and renamed[-1]["name"].endswith("ARA")

        fake.push_update(coach_tap(BRUNO, await card_of(fake, topic), f"take:{case}"))
        await settle(edge, fake)
        # Once taken, a photo from the coach reaches the citizen as a copy.
        photo = [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}]
        fake.push_update(coach_message(fake, BRUNO, topic, "", photo=photo))
        await settle(edge, fake)
        assert fake.sent("copyMessage", chat)
        # A crisis message while a coach has the conversation: its kind's first reply at once,
        # the coach alerted with the kind. (Another kind than the first message's: the same
        # block is not given twice in a row.)
        texts = await citizen_says(edge, fake, chat, "mon mari me frappe")
        assert texts == [first_reply("violence")]
        assert any(f"évoque une crise ({kind_label('violence')})" in t
                   for t in topic_messages(fake, topic))
        assert any("mon mari me frappe" in t for t in topic_messages(fake, topic))


async def test_the_local_desk_plays_the_coach_for_a_terminal_conversation(stack, capsys):
    from bot.bridge import Bridge
    from bot.case_actions import CaseActions
    from bot.desk_terminal import LocalDesk
    from bot.rasa_client import RasaClient
    from bot.terminal import LocalChat, turn_for
    from relais.database import create_engine_from_url, make_session_factory
    from relais.directory import RelaisDirectory
    from relais.services.desk import DeskService
    from relais.services.escalation import EscalationService
    from relais.services.inbox import InboxService
    from relais.services.progress import ProgressService

    engine = create_engine_from_url(stack.database_url)
    sessions = make_session_factory(engine)
    inbox = InboxService(sessions)
    rasa = RasaClient(stack.rasa_url, 60, stack.auth_token, stack.action_server_url, stack.edge_secret)
    sender = f"terminal-test-{next(_chats)}"

    async def to_inbox(chat_id, replies):
        await asyncio.to_thread(inbox.add_outgoing, chat_id, [r.to_dict() for r in replies])

    actions = CaseActions(EscalationService(sessions), DeskService(sessions), rasa,
                          RelaisDirectory.load(), to_inbox)
    desk = LocalDesk(actions, ProgressService(sessions), "Nadia", PSEUDONYM_KEY)
    chat = LocalChat(sender, Bridge(rasa), rasa, DeskService(sessions))

    async def say(typed):
        return [r.text for r in await chat.answer(turn_for(sender, typed, []))]

    def coach_messages():
        texts = []
        while (item := inbox.next_for_chat(sender)) is not None:
            texts += [reply["text"] for reply in item.replies]
            inbox.finish(item.id)
        return texts

    try:
        await say("bonjour")
        await say("/consentir")
        assert any("dossier n°" in t for t in await say("je voudrais parler à un conseiller"))
        case = [c for c in actions.escalation.active_cases() if c.conversation_id == sender][0]

        await desk.command(f"prendre {case.id}")
        assert "Nadia, de l'équipe Relais" in coach_messages()[0]
        assert await say("j'ai besoin d'aide pour remplir un dossier") == []
        await desk._print_citizen_messages()
        assert "Personne > j'ai besoin d'aide pour remplir un dossier" in capsys.readouterr().out

        await desk.command("Je regarde avec vous. Quel dossier ?")
        assert coach_messages() == ["Nadia (équipe Relais) : Je regarde avec vous. Quel dossier ?"]
        assert any("3114" in t for t in await say("je veux mourir"))  # numbers, even with a coach

        await desk.command("rendre")
        assert "c'est à nouveau l'assistant" in coach_messages()[0]
        assert await say("merci beaucoup")  # the bot answers again
        assert [a for a, _ in audit(stack, case.id)] == ["taken", "message", "handed_back"]
    finally:
        await rasa.close()
        engine.dispose()


def general_messages(fake):
    return [m["text"] for m in fake.delivered(fake.coaches) if not m.get("message_thread_id")]


def case_row(stack, case):
    with create_engine(stack.database_url, future=True).connect() as connection:
        return connection.execute(
            text("select status, relais_code, assigned_coach from relais_cases where id = :c"),
            {"c": case}).one()


async def test_coaches_act_on_the_cases_of_their_relais_only(stack, fake):
    chat = next(_chats)
    async with running(stack, fake) as edge:
        await consent_and_ask_for_a_person(edge, fake, chat)
        case = case_number(fake, chat)
        topic = await topic_of(fake, case)
        card = await card_of(fake, topic)

        # The relais is not known yet: any coach may act. Only an existing relais is accepted.
        fake.push_update(coach_message(fake, ALICE, topic, "/transferer XYZ"))
        await settle(edge, fake)
        assert any("Relais inconnu" in t for t in topic_messages(fake, topic))
        fake.push_update(coach_message(fake, ALICE, topic, "/transferer ara"))
        await settle(edge, fake)
        assert case_row(stack, case) == ("open", "ARA", None)

        # Now a case of Auvergne-Rhône-Alpes: Alice (Île-de-France) can neither list, take,
        # close nor transfer it.
        before = len(general_messages(fake))
        fake.push_update(coach_message(fake, ALICE, None, "/cases"))
        await settle(edge, fake)
        assert not any(f"n°{case} ·" in t for t in general_messages(fake)[before:])
        fake.push_update(coach_tap(ALICE, card, f"take:{case}"))
        fake.push_update(coach_message(fake, ALICE, topic, "/clore"))
        fake.push_update(coach_message(fake, ALICE, topic, "/transferer idf"))
        await settle(edge, fake)
        assert fake.sent("answerCallbackQuery")[-1]["text"].startswith("Ce dossier relève d'un autre relais")
        assert case_row(stack, case) == ("open", "ARA", None)

        # Marc, a member of the group in no coach list: nothing, not even /cases.
        before = len(fake.delivered(fake.coaches))
        fake.push_update(coach_message(fake, MARC, None, "/cases"))
        fake.push_update(coach_tap(MARC, card, f"take:{case}"))
        fake.push_update(coach_message(fake, MARC, topic, "/clore"))
        await settle(edge, fake)
        assert len(fake.delivered(fake.coaches)) == before
        assert case_row(stack, case) == ("open", "ARA", None)

        # Clara, coach of Auvergne-Rhône-Alpes, sees it and takes it.
        before = len(general_messages(fake))
        fake.push_update(coach_message(fake, CLARA, None, "/cases"))
        await settle(edge, fake)
        assert any(f"n°{case} ·" in t for t in general_messages(fake)[before:])
        fake.push_update(coach_tap(CLARA, card, f"take:{case}"))
        await settle(edge, fake)
        assert any("Clara, de l'équipe Relais" in m.get("text", "") for m in fake.delivered(chat))

        # Clara leaves the group: from that moment on she can do nothing (no membership cache).
        fake.chat_members[(fake.coaches, CLARA)] = "left"
        fake.push_update(coach_message(fake, CLARA, topic, "Je suis là, racontez-moi."))
        await settle(edge, fake)
        assert not any("racontez-moi" in m.get("text", "") for m in fake.delivered(chat))

    trail = audit(stack, case)
    assert ("transferred", str(ALICE)) in trail and ("taken", str(CLARA)) in trail
    assert trail.count(("refused", str(ALICE))) == 3
    assert trail.count(("refused", str(MARC))) == 2  # the tap and /clore in the case's topic
    assert trail[-1] == ("refused", str(CLARA))


async def test_a_deleted_topic_gives_the_conversation_back_to_the_bot_at_once(stack, fake):
    chat = next(_chats)
    async with running(stack, fake) as edge:
        await consent_and_ask_for_a_person(edge, fake, chat)
        case = case_number(fake, chat)
        topic = await topic_of(fake, case)
        fake.push_update(coach_tap(BRUNO, await card_of(fake, topic), f"take:{case}"))
        await settle(edge, fake)

        # The topic was deleted by hand: Telegram refuses what is sent into it.
        fake.fail_next("sendMessage", 400, "Bad Request: message thread not found",
                       chat_id=fake.coaches, times=20)
        texts = await citizen_says(edge, fake, chat, "je voudrais réduire ma facture de chauffage")
        said = "\n\n".join(texts)
        assert said.startswith(TOPIC_GONE_TEXT)
        answer = said[len(TOPIC_GONE_TEXT):]
        assert "énergie" in answer and "Bruno" not in answer  # the bot answers the message

    assert case_row(stack, case)[0] == "handed_back"
    assert audit(stack, case)[-1] == ("handed_back", "bot")
    assert ("user", "je voudrais réduire ma facture de chauffage") in rasa_texts(stack, chat)


def cases_of(stack, chat):
    with create_engine(stack.database_url, future=True).connect() as connection:
        return connection.execute(
            text("select c.reason from relais_cases c join relais_citizens z on z.id = c.citizen_id"
                 " where z.conversation_id = :chat"), {"chat": str(chat)}).all()


async def test_after_two_misunderstandings_only_the_citizens_yes_opens_a_case(stack, fake):
    yes, no, other = next(_chats), next(_chats), next(_chats)
    async with running(stack, fake) as edge:
        for chat in (yes, no, other):
            await citizen_says(edge, fake, chat, "hmm")
            offer = await citizen_says(edge, fake, chat, "truc")
            assert any("Voulez-vous qu'une personne" in t for t in offer), offer
        assert cases_of(stack, yes) == cases_of(stack, no) == []  # nothing sent to the team yet

        assert not any("dossier n°" in t for t in await citizen_says(edge, fake, no, "non merci"))
        assert not any("dossier n°" in t for t in await citizen_says(edge, fake, other, "bleu"))
        answer = await citizen_says(edge, fake, yes, "ouais")
        assert len(answer) == 1 and "dossier n°" in answer[0]  # once, not ten times
        await topic_of(fake, case_number(fake, yes))

    assert cases_of(stack, yes) == [("repeated_misunderstanding",)]
    assert cases_of(stack, no) == cases_of(stack, other) == []


async def eventually(check, what: str):
    await until(check, what=what)  # the desk looks every second, on a busy machine too


async def test_contact_instructions_reach_the_coaches_hold_a_message_and_a_withdrawal_ends_the_case(stack, fake):
    """A victim's « n'écrivez que quand je vous écris »: kept on the case, shown to the coaches,
    a coach's first message held and sent once the citizen writes; another citizen withdraws
    her request after a confirmation, and the topic is finished."""
    lea, ines = next(_chats), next(_chats)
    async with running(stack, fake) as edge:
        await consent_and_ask_for_a_person(edge, fake, lea)
        # Someone reading her phone: Relais also asks whether she is in danger (a question, the
        # case is hers already); the instructions are noted either way.
        texts = await citizen_says(edge, fake, lea, "ne m'écrivez que quand je vous écris, il lit mes messages")
        assert any("C'est noté" in t and "quand vous écrivez" in t for t in texts), texts
        case = case_number(fake, lea)
        topic = await topic_of(fake, case)
        card = await card_of(fake, topic)
        await eventually(lambda: "🔒 Consignes de la personne" in card["text"] or any(
            "Nouvelle consigne" in t for t in topic_messages(fake, topic)), "instructions never shown")
        shown = card["text"] + " ".join(topic_messages(fake, topic))
        assert "n'écrire qu'en réponse à la personne" in shown and "quelqu'un peut lire" in shown

        fake.push_update(coach_tap(ALICE, card, f"take:{case}"))
        await settle(edge, fake)
        before = len(fake.delivered(lea))
        fake.push_update(coach_message(fake, ALICE, topic, "Bonjour, je suis Alice."))
        await settle(edge, fake)
        await eventually(lambda: any("Message retenu" in t and "dès que la personne vous écrira" in t
                                     for t in topic_messages(fake, topic)),
                         "the held message was not explained to the coach")
        assert not any("je suis Alice" in m.get("text", "") for m in fake.delivered(lea)[before:])

        # She writes: the held message goes out (the desk says so), then the coach answers.
        said = await citizen_says(edge, fake, lea, "c'est bon je peux parler")
        assert all(t.startswith("Alice (équipe Relais)") for t in said), said  # the bot is silent
        await eventually(lambda: any(m.get("text", "").endswith("Bonjour, je suis Alice.")
                                     for m in fake.delivered(lea)), "the held message never went out")
        await eventually(lambda: any("Votre message retenu est parti" in t for t in topic_messages(fake, topic)),
                         "the coach was not told the held message went out")
        fake.push_update(coach_message(fake, ALICE, topic, "Merci. Comment allez-vous ?"))
        await settle(edge, fake)
        await eventually(lambda: fake.delivered(lea)[-1].get("text", "").endswith("Comment allez-vous ?"),
                         "the answer right after the citizen wrote did not go out")

        await consent_and_ask_for_a_person(edge, fake, ines)
        case_ines = case_number(fake, ines)
        topic_ines = await topic_of(fake, case_ines)
        await card_of(fake, topic_ines)
        texts = await citizen_says(edge, fake, ines, "annulez ma demande svp")
        assert any("annuler votre demande" in t for t in texts), texts
        question = [m for m in fake.delivered(ines) if m.get("reply_markup")][-1]
        texts = await citizen_says(edge, fake, ines, fake.callback_update(ines, question["message_id"], "b0"))
        assert any(t.startswith("C'est annulé") for t in texts), texts
        await eventually(lambda: any("a annulé sa demande" in t for t in topic_messages(fake, topic_ines)),
                         "the coaches were not told of the withdrawal")
        await eventually(lambda: any(c["message_thread_id"] == topic_ines for c in fake.sent("closeForumTopic")),
                         "the withdrawn case's topic was not closed")
    assert [a for a, _ in audit(stack, case_ines)][-1] == "withdrawn"
    assert [a for a, _ in audit(stack, case)].count("held_sent") == 1
