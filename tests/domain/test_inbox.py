"""The Telegram edge's inbox and keyboards, on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import timedelta

import pytest

from relais.services.inbox import DeskTopic, InboxService, KeyboardService
from relais.work import Desk, Rasa, Tap


@pytest.fixture
def inbox(session_factory, clock) -> InboxService:
    return InboxService(session_factory, clock)


@pytest.fixture
def keyboards(session_factory, clock) -> KeyboardService:
    return KeyboardService(session_factory, clock)


WORK = Rasa("bonjour", typed="bonjour")
COACHES = "-1001234567"


def desk_work(text: str) -> Desk:
    return Desk({"update_id": 1, "message": {"text": text, "chat": {"id": int(COACHES)}}})


def test_an_update_is_stored_once_and_served_in_order_per_chat(inbox):
    assert inbox.add_update(10, "1", WORK) is True
    assert inbox.add_update(11, "2", replace(WORK, message="autre chat")) is True
    assert inbox.add_update(12, "1", replace(WORK, message="deuxième")) is True
    assert inbox.add_update(10, "1", WORK) is False  # delivered again by Telegram

    first = inbox.next_for_chat("1")
    assert (first.update_id, first.content.message, first.status) == (10, "bonjour", "pending")
    assert sorted(inbox.chats_with_work()) == ["1", "2"]
    assert [item.update_id for item in inbox.pending_contents("1")] == [10, 12]


def test_an_entry_goes_from_pending_to_answered_to_done_and_forgets_its_content(inbox, clock):
    inbox.add_update(20, "1", WORK)
    entry = inbox.next_for_chat("1")
    inbox.count_attempt(entry.id)
    inbox.save_replies(entry.id, [{"text": "Bonjour !"}, {"text": "Que puis-je faire ?"}])
    inbox.count_delivered(entry.id, 1)

    again = inbox.next_for_chat("1")
    assert (again.status, again.attempts, again.delivered) == ("answered", 1, 1)
    assert again.replies[1]["text"] == "Que puis-je faire ?"

    inbox.finish(entry.id)
    assert inbox.next_for_chat("1") is None
    assert inbox.add_update(20, "1", WORK) is False  # still recognised once done
    assert inbox.last_update_id() == 20

    clock.now = clock.now + timedelta(hours=25)
    assert inbox.purge_done(timedelta(hours=24)) == 1
    assert inbox.last_update_id() is None


def test_outgoing_messages_queue_behind_what_the_chat_has(inbox):
    inbox.add_update(30, "1", WORK)
    inbox.add_outgoing("1", [{"text": "Une personne vous répond."}])
    first = inbox.next_for_chat("1")
    inbox.finish(first.id)
    second = inbox.next_for_chat("1")
    assert (second.kind, second.status, second.replies) == (
        "outgoing", "answered", [{"text": "Une personne vous répond."}]
    )


def test_a_button_is_taken_once_and_only_from_the_chat_it_was_sent_to(keyboards):
    buttons = [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}]
    keyboards.remember("1", 55, buttons)

    assert keyboards.take("2", 55, 0) is None  # another chat
    assert keyboards.take("1", 55, 7) is None  # no such button
    assert keyboards.take("1", 55, -1) is None
    assert keyboards.take("1", 55, 1) == {"title": "Non", "payload": "/deny"}
    assert keyboards.take("1", 55, 0) is None  # closed by the first tap


def test_a_tap_is_resolved_once_with_its_entry_even_if_processed_again(inbox, keyboards, clock):
    keyboards.remember("1", 55, [{"title": "Oui", "payload": "/affirm"}])
    tap = Tap(message_id=55, index=0, metadata={})
    inbox.add_update(40, "1", tap)
    entry = inbox.next_for_chat("1")
    first = inbox.resolve_tap(entry.id, tap)
    assert first.message == "/affirm"
    assert inbox.resolve_tap(entry.id, tap) == first  # a retry after an outage
    assert inbox.next_for_chat("1").content == first
    inbox.add_update(41, "1", tap)  # a second tap on the same keyboard
    second = [item for item in inbox.pending_contents("1") if item.update_id == 41][0]
    assert inbox.resolve_tap(second.id, tap) is None

    clock.now = clock.now + timedelta(days=8)
    assert keyboards.purge(timedelta(days=7)) == 1


def test_a_batch_of_updates_is_stored_at_once_in_order_and_repeats_are_recognised(inbox):
    assert inbox.add_update(40, "1", WORK) is True
    stored = inbox.add_updates([(40, "1", WORK), (41, "1", replace(WORK, message="deux")),
                                (42, "2", WORK), (41, "1", WORK)])
    assert stored == [False, True, True, False]
    assert [item.update_id for item in inbox.pending_contents("1")] == [40, 41]
    assert inbox.pending_contents("1")[1].content.message == "deux"


def test_what_the_edge_did_at_once_is_kept_in_the_metadata_of_a_waiting_update(inbox):
    inbox.add_update(50, "1", replace(WORK, metadata={"telegram": {"message_id": 7}}))
    assert inbox.add_to_metadata(50, {"crisis_first_reply": True}) is True
    assert inbox.next_for_chat("1").content.metadata == {
        "telegram": {"message_id": 7}, "crisis_first_reply": True}
    entry = inbox.next_for_chat("1")
    inbox.save_replies(entry.id, [{"text": "Je suis là."}])
    assert inbox.add_to_metadata(50, {"x": 1}) is False  # answered already: nothing to tell Rasa
    assert inbox.add_to_metadata(999, {"x": 1}) is False


def test_the_coaches_group_has_its_own_lane_served_in_order_per_topic(inbox):
    assert inbox.add_desk_update(60, DeskTopic(COACHES, 7), desk_work("/prendre")) is True
    assert inbox.add_update(61, "1", WORK) is True
    assert inbox.add_desk_update(62, DeskTopic(COACHES, 0), desk_work("/cases")) is True
    assert inbox.add_desk_update(63, DeskTopic(COACHES, 7), desk_work("bonjour")) is True

    # The citizens' queries see the citizens' entries only, whatever the group's chat id.
    assert inbox.chats_with_work() == ["1"]
    assert inbox.next_for_chat(COACHES) is None and inbox.pending_contents(COACHES) == []
    assert inbox.add_to_metadata(60, {"x": 1}) is False
    # The desk's see the desk's, one queue per topic (0: the group's general topic).
    assert sorted(inbox.topics_with_work()) == [0, 7]
    first = inbox.next_for_topic(7)
    assert (first.update_id, first.topic_id, first.work) == (60, 7, desk_work("/prendre"))
    inbox.finish(first.id)
    assert inbox.next_for_topic(7).update_id == 63
    assert inbox.next_for_topic(3) is None
    assert inbox.next_for_chat("1").update_id == 61


def test_an_update_is_recognised_across_lanes_and_finished_ones_are_purged_from_both(inbox, clock):
    stored = inbox.add_updates([(70, "1", WORK), (71, DeskTopic(COACHES, 7), desk_work("a"))])
    assert stored == [True, True]
    # Telegram's update ids are one sequence for both lanes: a repeat is known in either.
    assert inbox.add_updates([(71, DeskTopic(COACHES, 7), desk_work("a")), (70, "1", WORK)]) == [
        False, False]
    assert inbox.add_desk_update(70, DeskTopic(COACHES, 7), desk_work("a")) is False
    assert inbox.last_update_id() == 71

    inbox.finish(inbox.next_for_topic(7).id)
    assert inbox.topics_with_work() == []
    assert inbox.add_desk_update(71, DeskTopic(COACHES, 7), desk_work("a")) is False  # once done
    inbox.finish(inbox.next_for_chat("1").id)
    clock.now = clock.now + timedelta(hours=25)
    assert inbox.purge_done(timedelta(hours=24)) == 2


def test_an_update_goes_to_the_lane_of_its_work(inbox):
    with pytest.raises(ValueError):
        inbox.add_updates([(80, DeskTopic(COACHES, 7), WORK)])
    with pytest.raises(ValueError):
        inbox.add_updates([(81, COACHES, desk_work("a"))])
    assert inbox.last_update_id() is None
