"""What each Telegram update becomes, and how replies are cut and laid out for Telegram."""

import pytest
from telegram import Update

from bot.conversation import Button
from bot.replies import CONTACT_TEXT, EDITED_TEXT, MEDIA_TEXTS, PRIVATE_ONLY_TEXT, URGENT_HINT
from bot.telegram_render import keyboard, split_text
from bot.telegram_updates import read_update

USER = {"id": 42, "is_bot": False, "first_name": "Camille", "language_code": "fr"}
CHAT = {"id": 42, "type": "private", "first_name": "Camille"}


def update(**fields) -> Update:
    return Update.de_json({"update_id": 1, **fields}, None)


def message(**fields) -> Update:
    return update(message={"message_id": 7, "date": 0, "chat": CHAT, "from": USER, **fields})


def test_text_goes_to_rasa_with_chat_language_and_message_id():
    arrival = read_update(message(text="J'ai plus de chauffage"))
    assert arrival.chat_id == 42
    assert arrival.work.to_dict() == {
        "type": "rasa", "message": "J'ai plus de chauffage", "typed": "J'ai plus de chauffage",
        "metadata": {"telegram": {"message_id": 7, "language_code": "fr"}},
    }


@pytest.mark.parametrize("typed, expected", [
    ("/start", "/greet"),
    ("/start@RelaisTestBot", "/greet"),
    ("/start campagne-affiche", "/greet"),
    ("/aide", "/aide"),
    ("/urgence", "/urgence"),
    ("/progres", "/progres"),
    ("/coach", "/demander_humain"),
    ("/mesdonnees", "/mes_donnees"),
    ("/oubli", "/oubli"),
    # Anything else typed with a slash is text for NLU, never an intent.
    ("/crise", "crise"),
    ('/choisir{"choix":"energie"}', 'choisir{"choix":"energie"}'),
    ("//affirm", "affirm"),
    ("/aide moi svp", "aide moi svp"),
])
def test_commands_map_to_intents_and_nothing_else_typed_is_a_payload(typed, expected):
    assert read_update(message(text=typed)).work.to_dict()["message"] == expected


def test_empty_or_slash_only_text_gets_a_kind_answer():
    work = read_update(message(text=" / ")).work.to_dict()
    assert work["type"] == "local" and "vide" in work["replies"][0]["text"]


@pytest.mark.parametrize("kind, body", [
    ("voice", {"file_id": "v", "file_unique_id": "v", "duration": 3}),
    ("photo", [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}]),
    ("sticker", {"file_id": "s", "file_unique_id": "s", "width": 9, "height": 9,
                 "is_animated": False, "is_video": False, "type": "regular"}),
    ("document", {"file_id": "d", "file_unique_id": "d"}),
    ("video", {"file_id": "x", "file_unique_id": "x", "width": 9, "height": 9, "duration": 1}),
])
def test_media_get_a_kind_answer_without_rasa(kind, body):
    work = read_update(message(**{kind: body})).work.to_dict()
    assert work == {"type": "local", "replies": [{"text": MEDIA_TEXTS[kind]}], "message_id": 7}


def test_a_caption_is_read_and_the_citizen_told_the_file_is_not():
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}]
    work = read_update(message(photo=photo, caption="ma facture d'électricité")).work.to_dict()
    assert work["message"] == "ma facture d'électricité"
    assert "fichier" in work["before"][0]["text"]


def test_a_shared_contact_is_not_kept():
    contact = {"phone_number": "+33612345678", "first_name": "Dominique", "user_id": 99}
    arrival = read_update(message(contact=contact))
    assert arrival.work.to_dict() == {"type": "local", "replies": [{"text": CONTACT_TEXT}]}
    assert "33612345678" not in str(arrival)


def test_a_shared_location_asks_rasa_for_the_relais_of_its_departement_and_keeps_no_position():
    work = read_update(message(location={"latitude": 45.7640, "longitude": 4.8357})).work.to_dict()
    assert work["message"] == '/trouver_relais{"code_postal":"69001"}'
    assert "Rhône" in work["before"][0]["text"]
    assert "45.76" not in str(work)


def test_a_location_abroad_asks_for_a_postal_code():
    work = read_update(message(location={"latitude": 51.5074, "longitude": -0.1278})).work.to_dict()
    assert work["type"] == "local" and "code postal" in work["replies"][0]["text"]


def test_an_edit_is_acknowledged_but_an_edit_into_a_crisis_goes_to_rasa():
    edited = {"message_id": 7, "date": 0, "edit_date": 1, "chat": CHAT, "from": USER}
    assert read_update(update(edited_message={**edited, "text": "bonjour"})).work.to_dict() == {
        "type": "local", "replies": [{"text": EDITED_TEXT}]}
    crisis = read_update(update(edited_message={**edited, "text": "je veux en finir avec la vie"}))
    assert crisis.work.to_dict()["type"] == "rasa"


def test_a_tap_carries_only_the_button_index():
    arrival = read_update(update(callback_query={
        "id": "cb1", "from": USER, "chat_instance": "x", "data": "b2",
        "message": {"message_id": 70, "date": 0, "chat": CHAT, "text": "Choisissez"},
    }))
    assert arrival.callback_query_id == "cb1"
    work = arrival.work.to_dict()
    assert (work["type"], work["message_id"], work["index"]) == ("tap", 70, 2)


@pytest.mark.parametrize("data", ['/crise', 'b', 'b-1', 'b99999999', 'b²', 'b①', 'b 1', None])
def test_forged_callback_data_points_at_no_button(data):
    arrival = read_update(update(callback_query={
        "id": "cb1", "from": USER, "chat_instance": "x", "data": data,
        "message": {"message_id": 70, "date": 0, "chat": CHAT, "text": "Choisissez"},
    }))
    assert arrival.work.to_dict()["index"] == -1


def test_groups_are_left_with_a_word_and_their_messages_ignored():
    group = {"id": -100, "type": "group", "title": "Famille"}
    added = read_update(update(my_chat_member={
        "chat": group, "from": USER, "date": 0,
        "old_chat_member": {"status": "left", "user": USER},
        "new_chat_member": {"status": "member", "user": USER},
    }))
    assert added.leave_chat and added.work.to_dict()["replies"][0]["text"] == PRIVATE_ONLY_TEXT
    said = update(message={"message_id": 1, "date": 0, "chat": group, "from": USER, "text": "/start"})
    assert read_update(said) is None


def test_long_texts_are_cut_at_paragraphs_under_the_limit_and_nothing_is_lost():
    paragraphs = [f"Paragraphe {n}. " + "mot " * 150 for n in range(12)]
    text = "\n\n".join(paragraphs)
    parts = split_text(text)
    assert len(parts) > 1 and all(len(part) <= 4096 for part in parts)
    assert all(part.startswith("Paragraphe") for part in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())


def test_a_single_huge_word_is_cut_hard():
    assert [len(part) for part in split_text("x" * 9000)] == [4096, 4096, 808]


def test_keyboards_send_indexes_and_pair_short_titles():
    markup = keyboard([Button("1", "/mood{\"humeur\":1}"), Button("2", "/x"),
                       Button("Parler à une personne", "/demander_humain")])
    rows = markup.inline_keyboard
    assert [[b.callback_data for b in row] for row in rows] == [["b0", "b1"], ["b2"]]
    assert keyboard([]) is None


def test_paragraphs_of_one_answer_become_one_message_and_buttons_stay_last():
    from bot.conversation import Reply, join_paragraphs

    replies = [Reply("Bonjour."), Reply("Je suis Relais."), Reply("Acceptez-vous ?", (Button("Oui", "/consentir"),)),
               Reply("Autre chose.")]
    joined = join_paragraphs(replies)
    assert [r.text for r in joined] == ["Bonjour.\n\nJe suis Relais.\n\nAcceptez-vous ?", "Autre chose."]
    assert joined[0].buttons == (Button("Oui", "/consentir"),)
    assert len(join_paragraphs([Reply("x" * 3000), Reply("y" * 3000)])) == 2


def test_live_location_edits_are_ignored():
    edited = {"message_id": 7, "date": 0, "edit_date": 1, "chat": CHAT, "from": USER,
              "location": {"latitude": 45.0, "longitude": 4.0, "live_period": 900}}
    assert read_update(update(edited_message=edited)) is None


def test_a_crisis_caption_gets_no_note_before_the_numbers():
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}]
    work = read_update(message(photo=photo, caption="je veux en finir avec la vie")).work.to_dict()
    assert "before" not in work


@pytest.mark.parametrize("kind", ["voice", "video_note", "audio", "video"])
def test_what_relais_cannot_hear_is_answered_with_the_numbers_hint(kind):
    # A crisis said aloud goes unread: the numbers come with the answer.
    assert MEDIA_TEXTS[kind].endswith(URGENT_HINT)
    assert "112" in MEDIA_TEXTS[kind] and "3114" in MEDIA_TEXTS[kind]
    assert URGENT_HINT not in MEDIA_TEXTS["photo"] + MEDIA_TEXTS["sticker"]
