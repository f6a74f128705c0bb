"""What the edge sends to Rasa (a turn) and what it sends back to the citizen (replies),
independent of Telegram or the terminal."""

from dataclasses import dataclass, field
from typing import Any

from bot.payloads import trusted_buttons
from relais.conversation_contract import DOCUMENT_KEY, PHOTO_KEY


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One message for the citizen: text, buttons under it, a document (the data export), or
    a photo (the progress chart, {"png_base64", "filename"}) with the text as its caption."""

    text: str = ""
    buttons: tuple[Button, ...] = ()
    document: dict[str, Any] | None = None
    # A message to copy as is, {"chat_id", "message_id"}: a photo or file a coach sends.
    copy_of: dict[str, int] | None = None
    # Delivered without a sound (Telegram's disable_notification): Relais' own non-urgent
    # messages, a unit's news, an alert below `danger`.
    silent: bool = False
    photo: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "text": self.text,
            "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons],
            "document": self.document,
            "copy_of": self.copy_of,
        }
        if self.silent:
            data["silent"] = True
        if self.photo:
            data["photo"] = self.photo
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Reply":
        buttons = tuple(
            Button(str(b.get("title", "")), str(b.get("payload", "")))
            for b in data.get("buttons") or []
            if b.get("payload")
        )
        photo = data.get("photo")
        return cls(text=data.get("text") or "", buttons=buttons, document=data.get("document"),
                   copy_of=data.get("copy_of"), silent=bool(data.get("silent")),
                   photo=photo if isinstance(photo, dict) else None)


@dataclass(frozen=True)
class Turn:
    """A message for Rasa. `message` is text for NLU, or an intent payload that Relais itself
    chose (a command of the menu, a button it sent); `typed` is what the citizen wrote, read by
    the safety net."""

    chat_id: str
    message: str
    typed: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


def replies_from_rasa(messages: list[dict[str, Any]]) -> list[Reply]:
    """Rasa's REST (or callback) messages as replies. A document travels in `custom`, and so
    does a photo, with its caption (Rasa sends a text and a custom payload as two messages).
    Only buttons with a payload of the domain are kept (bot/payloads.py): a tap sends it as is."""
    replies = []
    for message in messages:
        custom = message.get("custom") or {}
        text = message.get("text") or ""
        photo = custom.get(PHOTO_KEY)
        if isinstance(photo, dict):
            photo = {key: value for key, value in photo.items() if key != "caption"}
            text = text or str(custom[PHOTO_KEY].get("caption") or "")
        reply = Reply.from_dict({
            "text": text,
            "buttons": trusted_buttons(message.get("buttons") or []),
            "document": custom.get(DOCUMENT_KEY),
            "photo": photo,
        })
        if reply.text or reply.buttons or reply.document or reply.photo:
            replies.append(reply)
    return replies


def join_paragraphs(replies: list[Reply], limit: int = 4096) -> list[Reply]:
    """Rasa's REST channel cuts each response into one message per paragraph; on Telegram one
    answer reads better as one message, and each message counts against the bot's flood limit
    (about 30 per second). Consecutive texts are joined, up to `limit` characters; a message
    with buttons or a document ends a group (the buttons stay under the text they follow); a
    photo is a message of its own, its text its caption."""
    joined: list[Reply] = []
    for reply in replies:
        previous = joined[-1] if joined else None
        if (previous is not None and not previous.buttons and not previous.document
                and not previous.copy_of and not reply.copy_of and not previous.photo
                and not reply.photo and previous.text and reply.text
                and len(previous.text) + 2 + len(reply.text) <= limit):
            joined[-1] = Reply(previous.text + "\n\n" + reply.text, reply.buttons, reply.document)
        else:
            joined.append(reply)
    return joined
