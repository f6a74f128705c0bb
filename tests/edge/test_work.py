"""The work the edge stores in the inbox (relais/work.py): the rows written before work was
typed load, and are written again as they were (the exact dicts of that code)."""

import json

import pytest

from bot.replies import CAPTION_NOTE, EMPTY_TEXT, MEDIA_TEXTS
from relais.work import Desk, Local, Rasa, Tap, typed_of, work_from_dict

METADATA = {"telegram": {"message_id": 7, "language_code": "fr"}}

# What bot/telegram_updates.py, bot/telegram_edge.py, bot/chat_queue.py and
# relais/services/inbox.py wrote as dicts before work was typed.
STORED = [
    # A text for Rasa (_text_work).
    {"type": "rasa", "message": "J'ai plus de chauffage", "typed": "J'ai plus de chauffage",
     "metadata": METADATA},
    # A photo's caption: a copy for a coach, a note before Rasa's reply.
    {"type": "rasa", "message": "ma facture", "typed": "ma facture", "metadata": METADATA,
     "message_id": 7, "before": [{"text": CAPTION_NOTE}]},
    # A caption in a crisis: nothing before the numbers.
    {"type": "rasa", "message": "je veux mourir", "typed": "je veux mourir",
     "metadata": METADATA, "message_id": 7},
    # A shared location (_location_work).
    {"type": "rasa", "message": '/trouver_relais{"code_postal":"69001"}', "typed": "",
     "metadata": METADATA, "before": [{"text": "Position reçue : Rhône."}]},
    # A crisis whose first reply was given (InboxService.add_to_metadata).
    {"type": "rasa", "message": "je veux mourir", "typed": "je veux mourir",
     "metadata": {**METADATA, "crisis_first_reply": True}},
    # A tap resolved (InboxService.resolve_tap).
    {"type": "rasa", "message": "/affirm", "typed": "",
     "metadata": {"telegram": {"language_code": "fr"}}},
    # A tap (_tap).
    {"type": "tap", "message_id": 70, "index": 2, "metadata": {"telegram": {"language_code": "fr"}}},
    {"type": "tap", "message_id": 70, "index": -1, "metadata": {"telegram": {"language_code": None}}},
    # The edge's own replies (_local), with a copy for a coach for a medium.
    {"type": "local", "replies": [{"text": EMPTY_TEXT}]},
    {"type": "local", "replies": [{"text": MEDIA_TEXTS["photo"]}], "message_id": 7},
    # The coaches' group (TelegramEdge._arrival).
    {"type": "desk", "update": {"update_id": 5, "message": {"message_id": 1, "date": 0,
                                                            "chat": {"id": -100, "type": "supergroup"},
                                                            "text": "/cases"}}},
]


@pytest.mark.parametrize("stored", STORED)
def test_a_stored_row_loads_and_is_written_again_as_it_was(stored):
    row = json.loads(json.dumps(stored, ensure_ascii=False))  # as the inbox reads it
    work = work_from_dict(row)
    assert work.to_dict() == stored
    assert work_from_dict(json.loads(json.dumps(work.to_dict()))) == work


def test_each_kind_loads_as_its_class():
    assert [type(work_from_dict(stored)) for stored in STORED] == [
        Rasa, Rasa, Rasa, Rasa, Rasa, Rasa, Tap, Tap, Local, Local, Desk]
    caption = work_from_dict(STORED[1])
    assert (caption.message_id, caption.before, caption.typed) == (
        7, ({"text": CAPTION_NOTE},), "ma facture")
    assert typed_of(caption) == "ma facture" and typed_of(work_from_dict(STORED[6])) == ""


def test_a_caption_without_words_kept_its_note_which_nothing_read():
    # Old code set "before" on the edge's own replies too (a caption of spaces); never read.
    stored = {"type": "local", "replies": [{"text": EMPTY_TEXT}], "message_id": 7,
              "before": [{"text": CAPTION_NOTE}]}
    assert work_from_dict(stored) == Local(({"text": EMPTY_TEXT},), message_id=7)


def test_a_row_without_a_kind_has_nothing_to_say():
    assert work_from_dict(None) == Local() and work_from_dict({}) == Local()
    assert work_from_dict({"type": "later", "replies": [{"text": "x"}]}) == Local(({"text": "x"},))
