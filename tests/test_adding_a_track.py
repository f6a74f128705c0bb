"""Adding a track: every place a specialist track needs, checked for each id of
relais.tracks.TRACKS, with one message that lists, per track, every place still missing.

README.md (« Adding a track ») is the same checklist in words. The places were found by
following how an existing track is wired; what each place must hold in detail is checked
elsewhere (tests/test_track_content.py, tests/test_track_names.py, tests/domain/...).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
import yaml

from relais.database import create_engine_from_url, upgrade_to_head
from relais.domain_files import load_domain_dict
from relais.tracks import TRACK_INTENT_PREFIX, TRACKS, diagnostic_slots
from tests.support.paths import ROOT
from tests.support.track_constraints import accepts, track_constraints

# How utter_aide counts the themes (« pour voir les huit thèmes »).
FRENCH_NUMBERS = {6: "six", 7: "sept", 8: "huit", 9: "neuf", 10: "dix", 11: "onze", 12: "douze"}


# libyaml when present: the track files are large, and pure-Python parsing takes seconds.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def names(items) -> set[str]:
    """Domain intents are names, or one-key mappings {name: options}."""
    return {item if isinstance(item, str) else next(iter(item)) for item in items or []}


def nlu_intents(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {block["intent"] for block in read_yaml(path).get("nlu", []) if "intent" in block}


class Project:
    """What the checks read, each read once."""

    def __init__(self, root: Path, engine) -> None:
        self.root = root
        self.engine = engine

    @cached_property
    def domain(self) -> dict[str, Any]:
        return load_domain_dict(self.root / "domain")

    @cached_property
    def rule_steps(self) -> list[dict]:
        return [step for path in sorted((self.root / "data" / "rules").glob("*.yml"))
                for rule in read_yaml(path).get("rules", []) for step in rule.get("steps", [])]

    @cached_property
    def test_story_slots(self) -> list[dict]:
        """The slots set by each step of the track test stories, as one dict per step."""
        stories = read_yaml(self.root / "tests" / "stories" / "test_tracks.yml")["stories"]
        return [{key: value for slot in step["slot_was_set"] for key, value in slot.items()}
                for story in stories for step in story["steps"] if "slot_was_set" in step]


def intent(track: str) -> str:
    return f"{TRACK_INTENT_PREFIX}{track}"


# --- The checks, one per place -------------------------------------------------------------

def has_intent(project: Project, track: str) -> bool:
    return intent(track) in names(project.domain.get("intents"))


def is_a_value_of_the_track_slot(project: Project, track: str) -> bool:
    return track in project.domain["slots"]["track"].get("values", [])


def has_diagnostic_slots(project: Project, track: str) -> bool:
    return all(slot in project.domain["slots"] for slot in diagnostic_slots(track)[:2])


def diagnostic_form_asks_them(project: Project, track: str) -> bool:
    required = project.domain["forms"]["diagnostic_form"]["required_slots"]
    return all(slot in required for slot in diagnostic_slots(track)[:2])


def leaves_the_diagnostic(project: Project, track: str) -> bool:
    """Its intent is in the not_intent of every free-text answer of the diagnostic."""
    slots = project.domain["slots"]
    exits = [mapping["not_intent"]
             for slot in project.domain["forms"]["diagnostic_form"]["required_slots"]
             for mapping in slots.get(slot, {}).get("mappings", [])
             if mapping.get("type") == "from_text" and "not_intent" in mapping]
    return bool(exits) and all(intent(track) in listed for listed in exits)


def has_responses(project: Project, track: str) -> bool:
    responses = project.domain.get("responses", {})
    asked = [f"utter_ask_{slot}" for slot in diagnostic_slots(track)[:2]]
    return (all(name in responses for name in (f"utter_{track}_intro", f"utter_{track}_urgence"))
            and all(any(v.get("buttons") for v in responses.get(name, [])) for name in asked))


def is_in_the_menu(project: Project, track: str) -> bool:
    (menu,) = project.domain["responses"]["utter_menu"]
    return f"/{intent(track)}" in {button.get("payload") for button in menu["buttons"]}


def is_in_the_themes_of_hors_sujet(project: Project, track: str) -> bool:
    (variation,) = project.domain["responses"]["utter_hors_sujet"]
    listed = re.search(r"\(([^)]*)\)", variation["text"])
    return bool(listed) and TRACKS[track] in {word.strip() for word in listed.group(1).split(",")}


def has_nlu_examples(project: Project, track: str) -> bool:
    return intent(track) in nlu_intents(project.root / "data" / "nlu" / "tracks" / f"{track}.yml")


def is_in_every_rule_of_the_tracks(project: Project, track: str) -> bool:
    """Every `or` of track intents in the rules lists it."""
    alternatives = [{choice.get("intent") for choice in step["or"]}
                    for step in project.rule_steps if "or" in step]
    of_tracks = [intents for intents in alternatives
                 if all(str(name).startswith(TRACK_INTENT_PREFIX) for name in intents)]
    return bool(of_tracks) and all(intent(track) in intents for intents in of_tracks)


def has_content(project: Project, track: str) -> bool:
    path = project.root / "relais" / "content" / "tracks" / f"{track}.yml"
    return path.exists() and (read_yaml(path) or {}).get("track") == track


def has_test_story(phase: str) -> Callable[[Project, str], bool]:
    def check(project: Project, track: str) -> bool:
        return any(slots.get("track") == track and slots.get("phase") == phase
                   for slots in project.test_story_slots)
    return check


def has_heldout_examples(project: Project, track: str) -> bool:
    return intent(track) in nlu_intents(project.root / "tests" / "heldout" / "heldout.yml")


def database_accepts(constraint) -> Callable[[Project, str], bool]:
    return lambda project, track: accepts(project.engine, constraint, track)


@dataclass(frozen=True)
class Place:
    label: str  # {track} and {name} are the track's id and its name in TRACKS
    present: Callable[[Project, str], bool]

    def for_track(self, track: str) -> str:
        return self.label.format(track=track, name=TRACKS[track])


def places() -> list[Place]:
    """Every place a track needs: steps 2 to 15 of README.md's checklist, in its order (step 1
    is TRACKS itself, step 16 is missing_for_all_tracks)."""
    return [
        *(Place(f"database: {constraint.name} accepts '{{track}}': {constraint.fix()}",
                database_accepts(constraint))
          for constraint in track_constraints()),
        Place("domain: intent track_{track}", has_intent),
        Place("domain: value {track} of the slot `track`", is_a_value_of_the_track_slot),
        Place("domain: slots {track}_situation and {track}_besoin", has_diagnostic_slots),
        Place("domain: {track}_situation and {track}_besoin in diagnostic_form's required_slots",
              diagnostic_form_asks_them),
        Place("domain: track_{track} in the not_intent of the diagnostic's free-text answers "
              "(&diagnostic_exits)", leaves_the_diagnostic),
        Place("domain: responses utter_{track}_intro, utter_ask_{track}_situation and "
              "utter_ask_{track}_besoin (with buttons), utter_{track}_urgence", has_responses),
        Place("domain: a button /track_{track} in utter_menu", is_in_the_menu),
        Place("domain: « {name} » in the themes listed by utter_hors_sujet",
              is_in_the_themes_of_hors_sujet),
        Place("data/nlu/tracks/{track}.yml: examples of the intent track_{track}",
              has_nlu_examples),
        Place("data/rules/: track_{track} in every `or` of track intents",
              is_in_every_rule_of_the_tracks),
        Place("relais/content/tracks/{track}.yml: the track's content, `track: {track}`",
              has_content),
        Place("tests/stories/test_tracks.yml: a story of {track} in phase continu (diagnostic "
              "then plan)", has_test_story("continu")),
        Place("tests/stories/test_tracks.yml: a story of {track} in phase urgence (first steps)",
              has_test_story("urgence")),
        Place("tests/heldout/heldout.yml: held-out examples of track_{track}",
              has_heldout_examples),
    ]


def missing_places(project: Project) -> dict[str, list[str]]:
    """Per track id, the places that do not have it yet (tracks wired everywhere left out)."""
    missing = {track: [place.for_track(track) for place in places()
                       if not place.present(project, track)] for track in TRACKS}
    return {track: labels for track, labels in missing.items() if labels}


def missing_for_all_tracks(project: Project) -> list[str]:
    """What depends on the number of tracks rather than on one of them."""
    count = FRENCH_NUMBERS.get(len(TRACKS), str(len(TRACKS)))
    texts = [variation.get("text", "") for variation in project.domain["responses"]["utter_aide"]]
    if any(f"les {count} thèmes" in text for text in texts):
        return []
    return [f"domain: utter_aide says « les {count} thèmes » ({len(TRACKS)} tracks)"]


def checklist_message(missing: dict[str, list[str]], for_all: list[str]) -> str:
    lines = ["Tracks not wired everywhere yet (README.md, « Adding a track »):"]
    for track, labels in missing.items():
        lines.append(f"{track}:")
        lines += [f"  - {label}" for label in labels]
    if for_all:
        lines.append("all tracks:")
        lines += [f"  - {label}" for label in for_all]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('tracks') / 'relais.db'}"
    upgrade_to_head(url)
    engine = create_engine_from_url(url)
    yield Project(ROOT, engine)
    engine.dispose()


def test_every_track_is_wired_everywhere(project):
    missing, for_all = missing_places(project), missing_for_all_tracks(project)
    assert not missing and not for_all, checklist_message(missing, for_all)


def test_a_new_track_is_reported_at_every_place_it_misses(project, monkeypatch):
    monkeypatch.setitem(TRACKS, "astronomie", "astronomie")

    missing, for_all = missing_places(project), missing_for_all_tracks(project)
    message = checklist_message(missing, for_all)

    assert list(missing) == ["astronomie"]
    assert missing["astronomie"] == [place.for_track("astronomie") for place in places()]
    for place in places():
        assert f"  - {place.for_track('astronomie')}\n" in message + "\n"
    assert "write a migration that recreates constraint ck_relais_enrolments_track" in message
    assert "domain: utter_aide says « les neuf thèmes » (9 tracks)" in message
