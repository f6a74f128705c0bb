"""What each Telegram update means for Relais, decided once when it arrives.

The result ("work", relais/work.py) is what the inbox stores: only what is needed to answer,
never the citizen's name, username or a shared contact, and a shared position only as the
postal code of the nearest prefecture.
"""

import re
from dataclasses import dataclass, replace
from typing import Any

from telegram import Chat, Message, Update

from bot.bridge import is_crisis
from bot.inbound import command_payload, typed_text
from bot.replies import (
    CAPTION_NOTE,
    CONTACT_TEXT,
    EDITED_TEXT,
    EMPTY_TEXT,
    LOCATION_FOUND_TEXT,
    LOCATION_UNKNOWN_TEXT,
    MEDIA_TEXTS,
    OTHER_MESSAGE_TEXT,
    PRIVATE_ONLY_TEXT,
)
from relais.geography import departement_from_location, departements, postal_code_for_departement
from relais.work import ChatWork, Local, Rasa, Tap

CALLBACK_PREFIX = "b"
_CALLBACK_DATA = re.compile(CALLBACK_PREFIX + r"([0-9]{1,3})")
MEDIA_KINDS = tuple(MEDIA_TEXTS)


@dataclass(frozen=True)
class Arrival:
    """An update as the edge files it: the chat it belongs to and the work it asks for."""

    chat_id: int | str  # the citizen's chat id
    work: ChatWork
    # Acknowledged at once, before the work is done (Telegram shows a spinner until then).
    callback_query_id: str | None = None
    leave_chat: bool = False


def read_update(update: Update) -> Arrival | None:
    """The arrival for an update of a citizen, or None for updates Relais ignores."""
    if update.callback_query is not None:
        return _tap(update)
    chat = update.effective_chat
    if chat is None or chat.type == Chat.CHANNEL:
        return None
    if chat.type != Chat.PRIVATE:
        return _group(update, chat)
    if update.edited_message is not None:
        return _edited(update.edited_message)
    if update.message is not None:
        return _message(update.message)
    return None


def _message(message: Message) -> Arrival:
    chat_id = message.chat.id
    metadata = _metadata(message)
    if message.text is not None:
        return Arrival(chat_id, _text_work(message.text, metadata))
    if message.contact is not None:
        return Arrival(chat_id, Local.saying(CONTACT_TEXT))
    if message.location is not None:
        return Arrival(chat_id, _location_work(message, metadata))
    kind = next((kind for kind in MEDIA_KINDS if getattr(message, kind, None)), None)
    if message.caption:
        # The words that come with a photo or a file are read; the file itself is not.
        work = _text_work(message.caption, metadata)
        # A coach who has the conversation gets a copy; in a crisis, nothing comes before the
        # numbers.
        before = () if is_crisis(message.caption) else ({"text": CAPTION_NOTE},)
        if isinstance(work, Rasa):
            work = replace(work, message_id=message.message_id, before=before)
        else:
            work = replace(work, message_id=message.message_id)
        return Arrival(chat_id, work)
    work = Local.saying(MEDIA_TEXTS[kind] if kind else OTHER_MESSAGE_TEXT)
    # A coach who has the conversation gets a copy.
    return Arrival(chat_id, replace(work, message_id=message.message_id))


def _text_work(text: str, metadata: dict[str, Any]) -> Rasa | Local:
    payload = command_payload(text)
    message = payload or typed_text(text).strip()
    if not message:
        return Local.saying(EMPTY_TEXT)
    return Rasa(message=message, typed=text, metadata=metadata)


def _location_work(message: Message, metadata: dict[str, Any]) -> Rasa | Local:
    location = message.location
    departement = departement_from_location(location.latitude, location.longitude)
    postal_code = postal_code_for_departement(departement) if departement else None
    if not postal_code:
        return Local.saying(LOCATION_UNKNOWN_TEXT)
    # A payload Relais builds itself from a postal code it chose: the same path as a typed code.
    payload = '/trouver_relais{"code_postal":"' + postal_code + '"}'
    # The nearest prefecture is wrong near some borders: say what was understood.
    found = LOCATION_FOUND_TEXT.format(name=departements()[departement].name)
    return Rasa(message=payload, typed="", metadata=metadata, before=({"text": found},))


def _edited(message: Message) -> Arrival | None:
    if message.location is not None:
        return None  # a live location moving: Telegram sends it as edits, every few seconds
    text = message.text or message.caption or ""
    # An edit that turns a message into a crisis must not go unanswered.
    if is_crisis(text):
        return Arrival(message.chat.id, _text_work(text, _metadata(message)))
    return Arrival(message.chat.id, Local.saying(EDITED_TEXT))


def _tap(update: Update) -> Arrival | None:
    query = update.callback_query
    message = query.message
    if message is None or message.chat.type != Chat.PRIVATE:
        return None
    index = _button_index(query.data)
    work = Tap(message_id=message.message_id, index=index,
               metadata={"telegram": {"language_code": query.from_user.language_code}})
    return Arrival(message.chat.id, work, callback_query_id=query.id)


def _group(update: Update, chat: Chat) -> Arrival | None:
    """Relais works in private chats only: it says so once when added to a group, and leaves."""
    member = update.my_chat_member
    if member is not None and member.new_chat_member.status in ("member", "administrator"):
        return Arrival(chat.id, Local.saying(PRIVATE_ONLY_TEXT), leave_chat=True)
    return None


def _button_index(data: str | None) -> int:
    # Callback data comes from the citizen's app and can be anything: only "b<number>" is read
    # (ASCII digits: str.isdigit() also accepts "²", which int() refuses).
    match = _CALLBACK_DATA.fullmatch(data or "")
    return int(match.group(1)) if match else -1


def _metadata(message: Message) -> dict[str, Any]:
    user = message.from_user
    return {"telegram": {
        "message_id": message.message_id,
        "language_code": user.language_code if user else None,
    }}
