"""What the edge reads in Rasa's tracker (bot/rasa_client.py, replies_after): the bot messages
Rasa sent after a message the edge tagged with its key, to answer a retry without Rasa
processing the message twice. Pure functions: no network."""

from bot.rasa_client import replies_after


def said(key, text):
    return {"event": "user", "text": text, "metadata": {"relais_key": key}}


def bot(text, buttons=None, custom=None):
    return {"event": "bot", "text": text, "data": {"buttons": buttons, "custom": custom}}


def test_a_message_rasa_never_received_has_no_replies():
    assert replies_after([], "tg-10") is None
    assert replies_after([said("tg-9", "bonjour"), bot("Bonjour !")], "tg-10") is None
    untagged = {"event": "user", "text": "bonjour", "metadata": {}}
    assert replies_after([untagged, bot("Bonjour !")], "tg-10") is None


def test_the_replies_are_the_bot_messages_up_to_the_next_user_message_in_the_rest_format():
    buttons = [{"title": "Oui", "payload": "/affirm"}]
    events = [
        said("tg-9", "avant"), bot("Réponse d'avant"),
        said("tg-10", "bonjour"),
        {"event": "action", "name": "utter_greet"},
        bot("Bonjour !", buttons=buttons),
        {"event": "slot", "name": "consentement", "value": "donne"},
        bot("Un document", custom={"document": {"name": "data.json"}}),
        {"event": "action", "name": "action_listen"},
        said("tg-11", "après"), bot("Réponse d'après"),
    ]

    assert replies_after(events, "tg-10") == [
        {"text": "Bonjour !", "buttons": buttons, "custom": None},
        {"text": "Un document", "buttons": None, "custom": {"document": {"name": "data.json"}}},
    ]


def test_a_message_processed_without_a_reply_has_an_empty_list_not_none():
    assert replies_after([said("tg-10", "bonjour"), {"event": "action", "name": "action_listen"}],
                         "tg-10") == []


def test_the_last_time_the_key_appears_counts():
    # The same message in the tracker twice (processed again after an outage): its last replies.
    events = [said("tg-10", "bonjour"), bot("première"), said("tg-10", "bonjour"), bot("seconde")]
    assert replies_after(events, "tg-10") == [{"text": "seconde", "buttons": None, "custom": None}]


def test_a_bot_event_without_data_gives_no_buttons():
    assert replies_after([said("tg-10", "x"), {"event": "bot", "text": "ok"}], "tg-10") == [
        {"text": "ok", "buttons": None, "custom": None}]
