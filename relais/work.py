"""What the Telegram edge stores for each update in the inbox ("work"), one kind per class, and
its JSON form.

Work is stored durably (relais_inbox.content, JSON) and read again after a restart: the dicts
written by `to_dict` are the ones the edge has always written, and `work_from_dict` reads them
back (tests/edge/test_work.py keeps the exact dicts). Kinds:

- `Rasa`: a message for Rasa (`message`: text for NLU or a payload Relais chose; `typed`: what
  the citizen wrote, for the safety net; `before`: replies to send first; `message_id`: a photo
  or a file with a caption, copied to a coach who has the conversation);
- `Tap`: a button tapped (`message_id`, `index` of the button in the keyboard Relais sent);
- `Local`: replies the edge gives by itself (media, contact, edited message, group chat);
- `Desk`: an update of the coaches' group, for the coach desk (`update`: Telegram's dict).
"""

from dataclasses import dataclass, field, replace
from typing import Any

RASA = "rasa"
TAP = "tap"
LOCAL = "local"
DESK = "desk"

ReplyDict = dict[str, Any]


@dataclass(frozen=True)
class Rasa:
    message: str
    typed: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    before: tuple[ReplyDict, ...] = ()
    message_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": RASA, "message": self.message, "typed": self.typed,
                                "metadata": self.metadata}
        if self.message_id is not None:
            data["message_id"] = self.message_id
        if self.before:
            data["before"] = list(self.before)
        return data

    def with_metadata(self, values: dict[str, Any]) -> "Rasa":
        return replace(self, metadata={**self.metadata, **values})


@dataclass(frozen=True)
class Tap:
    message_id: int
    index: int
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"type": TAP, "message_id": self.message_id, "index": self.index,
                "metadata": self.metadata}

    def with_metadata(self, values: dict[str, Any]) -> "Tap":
        return replace(self, metadata={**self.metadata, **values})


@dataclass(frozen=True)
class Local:
    replies: tuple[ReplyDict, ...] = ()
    message_id: int | None = None

    @classmethod
    def saying(cls, text: str) -> "Local":
        return cls(({"text": text},))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": LOCAL, "replies": list(self.replies)}
        if self.message_id is not None:
            data["message_id"] = self.message_id
        return data


@dataclass(frozen=True)
class Desk:
    update: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"type": DESK, "update": self.update}


# What a citizen's chat stores; Desk work is the coaches' group's, in the desk's own lane.
ChatWork = Rasa | Tap | Local
Work = ChatWork | Desk
# What a citizen's message is once a tapped button is resolved: what a coach may be relayed.
CitizenWork = Rasa | Local


def work_from_dict(data: dict[str, Any] | None) -> Work:
    """The work of a stored dict. Without a dict, or of a kind this code does not know, the
    replies it holds, if any (what the edge has always done with such a row)."""
    data = data or {}
    kind = data.get("type")
    if kind == RASA:
        return Rasa(message=data["message"], typed=data.get("typed") or "",
                    metadata=data.get("metadata") or {}, before=tuple(data.get("before") or ()),
                    message_id=data.get("message_id"))
    if kind == TAP:
        return Tap(message_id=data["message_id"], index=data["index"],
                   metadata=data.get("metadata") or {})
    if kind == DESK:
        return Desk(update=data["update"])
    return Local(replies=tuple(data.get("replies") or ()), message_id=data.get("message_id"))


def typed_of(work: Work) -> str:
    """What the citizen typed (the safety net reads it); empty for other kinds."""
    return work.typed if isinstance(work, Rasa) else ""
