"""Data rights: export everything kept about a citizen; erase it all, Rasa's events included."""

import json
import time

import pytest
from sqlalchemy import MetaData, Table, func, insert, inspect, select, tuple_

from relais.models import (
    AgentAudit,
    AlertSubscription,
    Case,
    CaseAudit,
    CaseTopic,
    CheckinPlan,
    Citizen,
    EventRecipient,
    Grievance,
    GrievanceDetail,
    GrievanceNote,
    HeldMessage,
    InboxEntry,
    OutboxMessage,
    SentKeyboard,
    TerritorialEvent,
    TopicMessage,
)
from relais.services.topic_erasure import PendingTopicErasure, TopicErasureService
from tests.domain.support import NOTICE
from tests.support.clock import NOW


def fill(consent, progress, escalation, engine, rasa_events, conversation_id):
    """A citizen with a row in every table, and a few Rasa events."""
    consent.record_consent(conversation_id, True, NOTICE)
    progress.enrol(conversation_id, "energie", "urgence")
    progress.enrol(conversation_id, "logement", "continu")
    progress.log_checkin(conversation_id, 3, "Pas facile sans chauffage.")
    progress.set_goal(conversation_id, "Calfeutrer les fenêtres", "logement")
    progress.mark_action(conversation_id, "energie", "Baisser le chauffage d'un degré")
    case = escalation.open_case(conversation_id, "citizen_request", relais_code="IDF")
    citizen = citizen_id(engine, conversation_id)
    with engine.begin() as connection:
        for type_name, intent, action in [
            ("user", "greet", None),
            ("action", None, "utter_greet"),
            ("bot", None, None),
        ]:
            connection.execute(
                insert(rasa_events).values(
                    sender_id=conversation_id,
                    type_name=type_name,
                    timestamp=time.time(),
                    intent_name=intent,
                    action_name=action,
                    data=json.dumps({"event": type_name, "text": "Bonjour"}),
                )
            )
        # What the Telegram edge holds: a queued update and the keyboard of a sent message.
        update_id = abs(hash(conversation_id)) % 10**9
        connection.execute(insert(InboxEntry).values(
            kind="update", update_id=update_id, lane="citizen", chat_id=conversation_id,
            status="done",
            content='{"message": {"text": "Bonjour"}}', delivered=0, attempts=0,
            received_at=NOW,
        ))
        connection.execute(insert(SentKeyboard).values(
            chat_id=conversation_id, message_id=1, buttons="[]", sent_at=NOW,
        ))
        # The coach desk: the case's topic and an audit line.
        connection.execute(insert(CaseTopic).values(
            case_id=case.id, chat_id=-100, thread_id=case.id, announced_at=NOW, last_called_at=NOW,
            called_priority=2, card_message_id=1000 + case.id,
        ))
        connection.execute(insert(TopicMessage).values(chat_id=-100, thread_id=case.id, message_id=2000 + case.id))
        connection.execute(insert(CaseAudit).values(
            case_id=case.id, action="taken", actor="7", at=NOW,
        ))
        # A doléance with a detail, an agent's note, a notice not sent yet and an audit line.
        item = connection.execute(insert(Grievance).values(
            citizen_id=citizen, kind="doleance", text="Plus de car le mercredi",
            theme="mobilite", visibility="private", status="recue", postal_code="43100",
            created_at=NOW, updated_at=NOW, hidden=False, notify_any_time=False,
        )).inserted_primary_key[0]
        connection.execute(insert(GrievanceDetail).values(grievance_id=item, text="Le vendredi aussi", at=NOW))
        connection.execute(insert(GrievanceNote).values(grievance_id=item, text="À voir", at=NOW))
        # A unit's news not sent yet, in the outbox; an alert received and the subscription.
        connection.execute(insert(OutboxMessage).values(
            citizen_id=citizen, kind="grievance", priority=5, due_at=NOW, replies="[]", created_at=NOW))
        event = connection.execute(insert(TerritorialEvent).values(
            kind="inondation", severity="danger", departements="43", instructions="Montez à l'étage.",
            starts_at=NOW, status="active", priority=0, created_at=NOW, updated_at=NOW)).inserted_primary_key[0]
        connection.execute(insert(EventRecipient).values(
            event_id=event, citizen_id=citizen, departement="43", alerted_at=NOW, answer="help",
            help_track="logement", answered_at=NOW))
        connection.execute(insert(AlertSubscription).values(
            citizen_id=citizen, postal_code="43100", departement="43", check_on_me=True,
            quiet_from=21, quiet_until=8, subscribed_at=NOW))
        connection.execute(insert(CheckinPlan).values(citizen_id=citizen, weekday=0, hour=18, paused=False,
                                                      stage="weekly"))
        connection.execute(insert(AgentAudit).values(action="viewed", grievance_id=item, at=NOW))
        # A coach's message the citizen's contact instructions hold.
        connection.execute(insert(HeldMessage).values(
            case_id=case.id, actor="7", coach_name="Alice", text="Bonjour, c'est Alice.", held_at=NOW,
        ))


def citizen_id(engine, conversation_id):
    with engine.connect() as connection:
        return connection.execute(
            select(Citizen.id).where(Citizen.conversation_id == conversation_id)
        ).scalar()


def rows_per_table(engine, conversation_id, citizen_id):
    """Rows of the citizen in EVERY table of the database, whatever its name."""
    counts = {}
    with engine.connect() as connection:
        for name in inspect(connection).get_table_names():
            if name in ("relais_alembic_version", "relais_agents", "relais_answer_templates",
                        "relais_events", "relais_observatory_cells",
                        "relais_observatory_refreshes", "relais_observatory_figures"):
                # The agents' own tables (and the events they declare), the observatory's
                # counts: no citizen.
                continue
            table = Table(name, MetaData(), autoload_with=connection)
            if "citizen_id" in table.c:
                condition = table.c.citizen_id == citizen_id
            elif "conversation_id" in table.c:
                condition = table.c.conversation_id == conversation_id
            elif "thread_id" in table.c:  # a topic of the coaches' group
                topics = select(CaseTopic.chat_id, CaseTopic.thread_id).join(Case).where(Case.citizen_id == citizen_id)
                condition = tuple_(table.c.chat_id, table.c.thread_id).in_(topics)
            elif "grievance_id" in table.c:  # a doléance's details, notes, notices, audit
                items = select(Grievance.id).where(Grievance.citizen_id == citizen_id)
                condition = table.c.grievance_id.in_(items)
            elif "case_id" in table.c:
                cases = select(Case.id).where(Case.citizen_id == citizen_id)
                condition = table.c.case_id.in_(cases)
            elif "chat_id" in table.c:
                condition = table.c.chat_id == conversation_id
            elif "sender_id" in table.c:
                condition = table.c.sender_id == conversation_id
            else:
                pytest.fail(f"table {name} has no citizen column: teach erasure (and this test)")
            counts[name] = connection.execute(
                select(func.count()).select_from(table).where(condition)
            ).scalar()
    return counts


@pytest.fixture
def two_citizens(consent, progress, escalation, engine, rasa_events):
    for conversation_id in ("alice", "bob"):
        fill(consent, progress, escalation, engine, rasa_events, conversation_id)
    return {name: citizen_id(engine, name) for name in ("alice", "bob")}


def test_erasure_of_one_citizen_leaves_none_of_their_rows_and_the_other_intact(
    data_rights, engine, two_citizens
):
    bob_before = rows_per_table(engine, "bob", two_citizens["bob"])
    assert set(bob_before) == {
        "relais_citizens", "relais_enrolments", "relais_progress", "relais_cases", "events",
        "relais_inbox", "relais_keyboards", "relais_case_topics", "relais_case_audit",
        "relais_topic_messages", "relais_topic_erasures", "relais_held_messages", "relais_grievances",
        "relais_grievance_details", "relais_grievance_notes", "relais_agent_audit", "relais_outbox",
        "relais_event_recipients", "relais_alert_subscriptions", "relais_checkin_plans",
        "relais_needs",
    }
    assert all(count > 0 for name, count in bob_before.items() if name != "relais_topic_erasures")
    alice_case = data_rights.export("alice")["cases"][0]["id"]

    counts = data_rights.erase("alice")

    assert counts == {
        "relais_progress": 3,
        "relais_enrolments": 2,
        "relais_needs": 2,
        "relais_cases": 1,
        "relais_citizens": 1,
        "relais_inbox": 1,
        "relais_keyboards": 1,
        "relais_case_topics": 1,
        "relais_case_audit": 1,
        "relais_topic_messages": 1,
        "relais_held_messages": 1,
        "relais_grievances": 1,
        "relais_grievance_details": 1,
        "relais_grievance_notes": 1,
        "relais_outbox": 1,
        "relais_event_recipients": 1,
        "relais_alert_subscriptions": 1,
        "relais_checkin_plans": 1,
        "events": 3,
    }
    alice_after = rows_per_table(engine, "alice", two_citizens["alice"])
    assert alice_after == {name: 0 for name in bob_before}
    assert rows_per_table(engine, "bob", two_citizens["bob"]) == bob_before
    # Alice's topic is left for the Telegram edge to delete, with the messages known in it.
    assert TopicErasureService(data_rights._session_factory).pending() == [
        PendingTopicErasure(1, -100, alice_case, [1000 + alice_case, 2000 + alice_case])]


def test_erasure_is_idempotent_and_covers_rasa_events_without_a_citizen_row(
    data_rights, engine, rasa_events
):
    with engine.begin() as connection:
        connection.execute(insert(rasa_events).values(sender_id="visitor", type_name="user"))

    assert data_rights.erase("visitor")["events"] == 1
    assert set(data_rights.erase("visitor").values()) == {0}


def test_erasure_without_rasa_events_table(data_rights, consent):
    consent.record_consent("c1", True, NOTICE)
    assert data_rights.erase("c1")["relais_citizens"] == 1


def test_export_holds_everything_of_the_citizen_only(data_rights, two_citizens):
    export = data_rights.export("alice")

    assert json.loads(json.dumps(export)) == export  # JSON-serialisable as is
    assert export["conversation_id"] == "alice"
    assert export["consent"]["status"] == "given"
    assert export["consent"]["notice_version"] == NOTICE
    assert [e["track"] for e in export["enrolments"]] == ["energie", "logement"]
    assert [p["kind"] for p in export["progress"]] == ["checkin", "goal", "action_done"]
    assert export["progress"][0]["mood"] == 3
    assert export["cases"][0]["relais_code"] == "IDF"
    assert len(export["conversation"]) == 2  # the user message and the bot reply, not the action
    assert export["conversation"][0]["from"] == "vous"
    assert export["conversation"][0]["text"] == "Bonjour"
    # Readable: no technical events (actions, policies, model ids) in the document.
    assert not {"type_name", "action_name", "policy", "model_id"} & {k for m in export["conversation"] for k in m}
    assert "bob" not in json.dumps(export)


def test_export_of_a_stranger(data_rights):
    export = data_rights.export("nobody")
    assert export["citizen"] is None and export["progress"] == []
    assert export["conversation"] == [] and export["consent"] is None


def test_export_leaves_out_the_coaches_ids_and_their_internal_notes(
    data_rights, escalation, engine, rasa_events, consent
):
    """Issue #11 item 6: the export is the citizen's data, not the desk's internals."""
    consent.record_consent("carla", True, NOTICE)
    case = escalation.open_case("carla", "citizen_request", relais_code="IDF")
    escalation.take_case(case.id, "424242")
    escalation.close_case(case.id, "Note interne : à rappeler, semble isolée")
    with engine.begin() as connection:
        connection.execute(insert(CaseAudit).values(case_id=case.id, action="taken", actor="424242", at=NOW))
        # What the coach desk records in Rasa when a coach writes to the citizen.
        connection.execute(insert(rasa_events).values(
            sender_id="carla", type_name="bot", timestamp=time.time(),
            data=json.dumps({"event": "bot", "text": "Alice (équipe Relais) : bonjour",
                             "metadata": {"coach": "424242"}}),
        ))

    export = data_rights.export("carla")
    document = json.dumps(export, ensure_ascii=False)

    assert "424242" not in document
    assert "Note interne" not in document
    assert not {"assigned_coach", "closing_note"} & set(export["cases"][0])
    assert export["cases"][0]["status"] == "closed"
    # What the citizen read in the chat stays.
    assert export["conversation"][-1]["text"] == "Alice (équipe Relais) : bonjour"


def test_export_holds_the_citizens_contact_instructions(data_rights, escalation, consent):
    from relais.contact_wishes import ContactWishes

    consent.record_consent("dora", True, NOTICE)
    escalation.open_case("dora", "citizen_request", contact_wishes=ContactWishes(quiet_from=19, no_calls=True))
    assert data_rights.export("dora")["cases"][0]["contact_wishes"] == {"no_calls": True, "quiet_from": 19}
