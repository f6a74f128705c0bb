"""Territorial events in the database (relais/services/events.py, outbox.py), on SQLite and
PostgreSQL: subscriptions, an alert to the citizens of the départements concerned only, quiet
hours except danger, updates and the end, the welfare check and the follow-up of silent
citizens, and the outbox claimed once by two workers."""

import json
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from relais.directory import RelaisDirectory
from relais.events import EventError
from relais.models import AgentAudit, Case, InboxEntry
from relais.services.events import FINE_PAYLOAD, NEED_HELP_PAYLOAD, EventDraft, EventService
from relais.services.outbox import OutboxService

NOON = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)  # 13:00 in Paris


@pytest.fixture
def events(session_factory, clock):
    return EventService(session_factory, RelaisDirectory.load(), clock=clock)


@pytest.fixture
def outbox(session_factory, clock):
    return OutboxService(session_factory, clock=clock)


def draft(**changes):
    values = {"kind": "coupure_eau", "severity": "vigilance", "departements": ("43",),
              "instructions": "L'eau du réseau n'est pas potable jusqu'à nouvel ordre."}
    values.update(changes)
    return EventDraft(**values)


def sent(session_factory):
    """What reached the chats' queues: {chat: [texts]}."""
    with session_factory() as session:
        rows = session.execute(select(InboxEntry.chat_id, InboxEntry.replies)
                               .where(InboxEntry.kind == "outgoing").order_by(InboxEntry.id)).all()
    texts: dict[str, list[dict]] = {}
    for chat, replies in rows:
        texts.setdefault(chat, []).extend(json.loads(replies))
    return texts


def test_an_alert_reaches_the_subscribers_of_its_departements_only(events, outbox, session_factory):
    events.subscribe("brioude", "43100")
    events.subscribe("le-puy", "43000")
    events.subscribe("lyon", "69008")
    events.subscribe("saint-flour", "15100")
    declared = events.declare(draft(departements=("43", "15")))
    assert declared.alerted == 3 and declared.label == "Coupure d'eau potable"
    assert sorted(outbox.move_due()) == ["brioude", "le-puy", "saint-flour"]
    assert outbox.move_due() == []
    [alert] = sent(session_factory)["brioude"]
    assert "Vigilance — Coupure d'eau potable (départements 43, 15)" in alert["text"]
    assert "n'est pas potable" in alert["text"]  # the operator's instructions
    assert "Les gestes généraux (les consignes ci-dessus passent avant)" in alert["text"]
    assert [b["payload"] for b in alert["buttons"]] == [NEED_HELP_PAYLOAD, FINE_PAYLOAD]
    assert NEED_HELP_PAYLOAD == '/choisir{"choix": "alerte_aide"}'
    assert alert["silent"] is True  # below danger: no sound


def test_quiet_hours_hold_an_alert_until_eight_except_a_danger(events, outbox, clock, session_factory):
    events.subscribe("c1", "43100")
    clock.now = datetime(2026, 11, 26, 22, 30, tzinfo=timezone.utc)  # 23:30 in Paris
    events.declare(draft(severity="information"))
    assert outbox.move_due() == []
    events.declare(draft(kind="inondation", severity="danger",
                         instructions="Crue rapide : montez à l'étage, ne prenez pas la voiture."))
    assert outbox.move_due() == ["c1"]
    [danger] = sent(session_factory)["c1"]
    assert danger["text"].startswith("DANGER — Inondation") and "silent" not in danger
    clock.now = datetime(2026, 11, 27, 6, 59, tzinfo=timezone.utc)
    assert outbox.move_due() == []
    clock.now = datetime(2026, 11, 27, 7, 0, tzinfo=timezone.utc)  # 08:00 in Paris
    assert outbox.move_due() == ["c1"]


def test_a_citizens_own_quiet_hours_hold_their_alert(events, outbox, clock):
    events.subscribe("c1", "43100")
    events.subscribe("c2", "43100")
    events.set_quiet_hours("c1", 12, 15)  # a night worker sleeps 12:00-15:00 in Paris
    assert events.set_quiet_hours("c3", 12, 15) is None  # not subscribed
    with pytest.raises(ValueError):
        events.set_quiet_hours("c1", 25, None)
    clock.now = NOON  # 13:00 in Paris
    events.declare(draft(severity="vigilance"))
    assert outbox.move_due() == ["c2"]
    clock.now = NOON + timedelta(hours=2)  # 15:00 in Paris
    assert outbox.move_due() == ["c1"]


def test_a_danger_goes_before_what_was_waiting(events, outbox, session_factory):
    for n in range(5):
        events.subscribe(f"c{n}", "43100")
    events.declare(draft(severity="information"))
    events.declare(draft(kind="inondation", severity="danger", instructions="Montez à l'étage."))
    first = outbox.move_due(limit=5)
    texts = sent(session_factory)
    assert sorted(first) == [f"c{n}" for n in range(5)]
    assert all(texts[chat][0]["text"].startswith("DANGER") for chat in first)


def test_invalid_events_are_refused_with_a_reason(events):
    with pytest.raises(EventError, match="département"):
        events.declare(draft(departements=("99",)))
    with pytest.raises(EventError, match="consignes"):
        events.declare(draft(instructions="   "))
    with pytest.raises(EventError):
        events.declare(draft(kind="tempete_de_neige"))
    assert events.events() == []


def test_update_and_end_reach_the_recipients_and_are_audited(events, outbox, session_factory):
    events.subscribe("c1", "43100")
    event = events.declare(draft(), agent_id=None)
    events.update(event.id, "Distribution d'eau en bouteilles à la mairie dès 14 h.", severity="danger")
    events.end(event.id, "L'eau est de nouveau potable.")
    assert outbox.move_due() == ["c1"]
    texts = [m["text"] for m in sent(session_factory)["c1"]]
    assert len(texts) == 3
    assert texts[1].startswith("Mise à jour") and "bouteilles" in texts[1]
    assert texts[2].startswith("Fin de l'alerte") and "de nouveau potable" in texts[2]
    assert events.event(event.id).status == "ended"
    with pytest.raises(LookupError):
        events.update(event.id, "Encore ?")
    with session_factory() as session:
        assert list(session.scalars(select(AgentAudit.action).order_by(AgentAudit.id))) == [
            "event_declared", "event_updated", "event_ended"]


def test_the_welfare_check_counts_answers_per_departement(events, outbox):
    for chat, postal_code in [("a", "43100"), ("b", "43100"), ("c", "43000"), ("d", "15100"),
                              ("e", "15100")]:
        events.subscribe(chat, postal_code)
    event = events.declare(draft(departements=("43", "15")))
    events.answer("a", "fine")
    events.answer("b", "help")
    events.answer("d", "help", track="economie")
    events.note_reply("e")
    counts = {c.departement: c for c in events.welfare(event.id)}
    assert (counts["43"].alerted, counts["43"].fine, counts["43"].help, counts["43"].silent) == (3, 1, 1, 1)
    assert counts["43"].help_by_track == {"alimentation": 1}  # the event's track
    assert (counts["15"].help, counts["15"].wrote, counts["15"].silent) == (1, 1, 0)
    assert counts["15"].help_by_track == {"economie": 1}
    assert [c.departement for c in events.welfare(event.id, departements=("15",))] == ["15"]


def test_a_free_answer_that_says_all_is_well_counts_as_fine(events):
    for chat in ("ok", "question", "worried"):
        events.subscribe(chat, "43100")
    event = events.declare(draft())
    events.note_reply("ok", "ça va, on a de l'eau en bouteille, on gère")
    events.note_reply("question", "ça va, mais je peux boire l'eau du robinet ?")
    events.note_reply("worried", "ça va pas trop, j'ai besoin d'eau pour ma mère")
    [count] = events.welfare(event.id)
    assert (count.fine, count.wrote, count.silent) == (1, 2, 0)
    events.answer("worried", "help")  # a button afterwards says more than the words
    [count] = events.welfare(event.id)
    assert (count.fine, count.help, count.wrote) == (1, 1, 1)


def test_a_silent_citizen_who_asked_is_asked_again_then_their_relais_is_told(events, outbox, clock,
                                                                             session_factory):
    events.subscribe("asked", "43100", check_on_me=True)
    events.subscribe("not-asked", "43100")
    events.subscribe("answered", "43100", check_on_me=True)
    events.declare(draft(severity="danger"))
    events.answer("answered", "fine")
    outbox.move_due()
    assert events.follow_up_silent() == (0, 0)
    clock.now += timedelta(hours=3)
    assert events.follow_up_silent() == (1, 0)
    assert events.follow_up_silent() == (0, 0)  # once
    assert outbox.move_due() == ["asked"]
    assert "comment allez-vous" in sent(session_factory)["asked"][-1]["text"]
    clock.now += timedelta(hours=3)
    assert events.follow_up_silent() == (0, 1)
    with session_factory() as session:
        [case] = session.scalars(select(Case)).all()
    assert case.reason == "welfare_check" and case.priority == 2
    assert events.follow_up_silent() == (0, 0)


def test_the_conversation_knows_the_event_while_it_lasts(events):
    events.subscribe("c1", "43100")
    assert events.event_for("c1") is None
    event = events.declare(draft(kind="rationnement_electricite"))
    current = events.event_for("c1")
    assert (current.topic_key, current.track) == ("energie/delestage_ce_soir", "energie")
    events.end(event.id)
    assert events.event_for("c1") is None
    assert events.event_for("stranger") is None


def test_unsubscribing_forgets_the_place_and_stops_the_alerts(events, outbox):
    events.subscribe("c1", "43 100")  # as typed on a phone
    assert events.subscription_of("c1").departement == "43"
    assert events.unsubscribe("c1") is True
    assert events.subscription_of("c1") is None and events.unsubscribe("c1") is False
    assert events.declare(draft()).alerted == 0
    with pytest.raises(ValueError):
        events.subscribe("c1", "pas de code")


def test_two_workers_claiming_one_outbox_move_each_message_once(events, outbox, session_factory, clock):
    for n in range(120):
        events.subscribe(f"c{n}", "43100")
    events.declare(draft(severity="danger"))
    events.declare(draft(kind="canicule", severity="danger", instructions="Buvez, restez au frais."))
    errors = []

    def work():
        try:
            mover = OutboxService(session_factory, clock=clock)
            while mover.move_due(limit=7):
                pass
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    per_chat = Counter(chat for chat, texts in sent(session_factory).items() for _ in texts)
    assert len(per_chat) == 120 and set(per_chat.values()) == {2}
    assert outbox.pending() == 0


def test_a_citizen_who_subscribes_during_an_event_gets_its_alert_at_once(events, outbox, session_factory):
    event = events.declare(draft(severity="information"))
    events.subscribe("late", "43100")
    events.subscribe("late", "43000")  # a new postal code of the same département: not twice
    events.subscribe("elsewhere", "69008")
    assert outbox.move_due() == ["late"]
    assert len(sent(session_factory)["late"]) == 1
    assert events.event(event.id).alerted == 1 and events.event_for("late").event_id == event.id
