"""The content of the specialist tracks, one YAML file per track (relais/content/tracks/).

Content designers edit those files: sub-topics (acute scenarios, questions people ask, everyday
situations) with their example messages and short answers, the words citizens type instead of
tapping a diagnostic button, and the micro-actions plans are made of. This module reads and
checks them and returns plain data; nothing here knows Rasa.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from relais.text import normalise
from relais.tracks import TRACKS

CONTENT_DIR = Path(__file__).resolve().parent / "content" / "tracks"
TOPIC_KINDS = ("acute", "question", "situation")


@dataclass(frozen=True)
class Topic:
    track: str
    id: str
    kind: str
    title: str
    # Every message the sub-topic model (relais/topics.py) learns the topic from.
    examples: tuple[str, ...]
    answer: str
    more: str | None = None
    # Words that rule the topic out, whatever the model reads (« froid » for a heatwave topic:
    # « il fait 12 degrés dans la chambre » is no heatwave). Normalised (relais.text.normalise).
    not_with: tuple[str, ...] = ()
    # Words one of which the message must hold for the topic to be read (« enfants », « ma
    # femme » for telling one's family about a job lost: « j'ai perdu mon travail, l'usine a
    # fermé » is no such question). Normalised too; empty: no such condition.
    only_with: tuple[str, ...] = ()
    # The part of `examples` Rasa's DIET is also taught as the track's intent (the file's
    # `examples`; its `subtopic_examples` are the sub-topic model's only). Every example DIET
    # learns moves the routing of every other message: six examples once cost a blind set 2.5
    # points. A new topic starts in `subtopic_examples`: live after a restart, no retraining.
    routing_examples: tuple[str, ...] = ()
    # Groups of words; a message holding one word of every group is this topic, without the
    # sub-topic model. A new topic with `when` and no examples moves the model's reading of no
    # other message (a new topic with examples once cost a blind set four conversations); `when`
    # added to a topic with examples leaves the model as it was too.
    when: tuple[tuple[str, ...], ...] = ()

    @property
    def key(self) -> str:
        """`energie/coupure_chauffage`: the id used in button payloads and slots."""
        return f"{self.track}/{self.id}"


@dataclass(frozen=True)
class MicroAction:
    track: str
    id: str
    text: str
    cost: str
    effort: str
    fits: dict[str, tuple[str, ...]] = field(default_factory=dict)
    topics: tuple[str, ...] = ()
    # Words of the citizen that rule the action out (« aide à domicile », « pas de télétravail »
    # for asking one's employer for remote work). Normalised.
    not_with: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.track}/{self.id}"

    def fits_answers(self, answers: dict[str, str | None]) -> bool:
        """True unless an answer given is outside what this action is for."""
        for slot, allowed in self.fits.items():
            value = answers.get(slot)
            if value and value not in allowed:
                return False
        return True


@dataclass(frozen=True)
class TrackContent:
    track: str
    topics: tuple[Topic, ...]
    actions: tuple[MicroAction, ...]
    # slot -> button value -> words citizens type for it
    answers: dict[str, dict[str, tuple[str, ...]]]

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


class ContentError(ValueError):
    """A track file that does not follow the format; the message names the file and the place."""


def _topic(track: str, raw: dict[str, Any], where: str) -> Topic:
    kind = raw.get("kind")
    if kind not in TOPIC_KINDS:
        raise ContentError(f"{where}: kind must be one of {TOPIC_KINDS}, not {kind!r}")
    routing_examples = _texts(raw.get("examples"))
    examples = routing_examples + _texts(raw.get("subtopic_examples"))
    answer = str(raw.get("answer") or "").strip()
    if not raw.get("id") or not raw.get("title") or not answer:
        raise ContentError(f"{where}: id, title and answer are required")
    more = str(raw["more"]).strip() if raw.get("more") else None
    not_with = tuple(normalise(str(w)) for w in raw.get("not_with") or ())
    only_with = tuple(normalise(str(w)) for w in raw.get("only_with") or ())
    when = tuple(tuple(normalise(str(w)) for w in group) for group in raw.get("when") or ())
    if any(not group for group in when):
        raise ContentError(f"{where}: every group of `when` needs at least one word")
    return Topic(track, str(raw["id"]), kind, str(raw["title"]).strip(), examples, answer, more, not_with,
                 only_with, routing_examples, when)


def _texts(raw: Any) -> tuple[str, ...]:
    return tuple(str(e).strip() for e in raw or () if str(e).strip())


def _action(track: str, raw: dict[str, Any], where: str) -> MicroAction:
    if not raw.get("id") or not raw.get("text"):
        raise ContentError(f"{where}: id and text are required")
    fits = {slot: tuple(values or ()) for slot, values in (raw.get("fits") or {}).items()}
    return MicroAction(
        track, str(raw["id"]), str(raw["text"]).strip(), str(raw.get("cost") or ""),
        str(raw.get("effort") or ""), fits, tuple(raw.get("topics") or ()),
        tuple(normalise(str(w)) for w in raw.get("not_with") or ()),
    )


def parse_track(track: str, raw: dict[str, Any], source: str = "") -> TrackContent:
    where = source or track
    if raw.get("track") != track:
        raise ContentError(f"{where}: `track: {track}` expected")
    topics = tuple(_topic(track, t, f"{where} topic {i + 1}") for i, t in enumerate(raw.get("topics") or ()))
    actions = tuple(_action(track, a, f"{where} action {i + 1}") for i, a in enumerate(raw.get("actions") or ()))
    answers = {
        slot: {value: tuple(str(w) for w in words or ()) for value, words in (options or {}).items()}
        for slot, options in (raw.get("answers") or {}).items()
    }
    return TrackContent(track, topics, actions, answers)


@cache
def track_content(track: str) -> TrackContent:
    """The content of one track, read once per process."""
    path = CONTENT_DIR / f"{track}.yml"
    if not path.exists():
        return TrackContent(track, (), (), {})
    return parse_track(track, yaml.safe_load(path.read_text(encoding="utf-8")) or {}, str(path))


def all_topics() -> list[Topic]:
    return [topic for track in TRACKS for topic in track_content(track).topics]


def find_topic(key: str | None) -> Topic | None:
    """The topic of a key `track/id`, or None for anything else (a payload is untrusted text)."""
    if not key or "/" not in key:
        return None
    track, topic_id = key.split("/", 1)
    return track_content(track).topic(topic_id) if track in TRACKS else None

