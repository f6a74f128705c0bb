"""The domain's files (domain/): one file per concern and one per track, each name declared once,
and the loader of the tests and the edge (relais/domain_files.py) merging them as Rasa does."""

from textwrap import dedent

import pytest

from relais.domain_files import (
    DOMAIN_DIR,
    domain_files,
    duplicate_names,
    load_domain_dict,
    read_domain_file,
)
from relais.tracks import TRACKS, diagnostic_slots

TRACKS_DIR = DOMAIN_DIR / "tracks"


def test_no_name_is_declared_in_two_files():
    # Rasa keeps one of two declarations of a response, a slot or a form: the other is lost.
    assert duplicate_names() == {}


@pytest.mark.parametrize("path", domain_files(), ids=lambda path: str(path.relative_to(DOMAIN_DIR)))
def test_every_file_starts_with_its_version_and_says_what_it_holds(path):
    first, second = path.read_text(encoding="utf-8").splitlines()[:2]
    assert first == 'version: "3.1"'
    assert second.startswith("# ") and len(second) > 20


def test_every_track_and_only_a_track_has_a_file_in_domain_tracks():
    assert sorted(path.stem for path in TRACKS_DIR.glob("*.yml")) == sorted(TRACKS)
    assert [path for path in TRACKS_DIR.iterdir() if path.suffix != ".yml"] == []


@pytest.mark.parametrize("track", TRACKS)
def test_a_tracks_file_holds_its_intent_questions_and_responses(track):
    own = read_domain_file(TRACKS_DIR / f"{track}.yml")
    responses = load_domain_dict()["responses"]
    named_for_track = {name for name in responses
                       if name.startswith((f"utter_{track}_", f"utter_ask_{track}_"))}
    assert {f"utter_{track}_intro", f"utter_{track}_urgence"} <= named_for_track
    assert set(own["responses"]) == named_for_track
    assert own["intents"] == [f"track_{track}"]
    questions = [slot for slot in diagnostic_slots(track) if slot.startswith(track)]
    assert list(own["slots"]) == questions
    assert {f"utter_ask_{slot}" for slot in questions} <= set(own["responses"])


def test_every_diagnostic_question_lets_the_same_messages_through():
    # Each track file repeats the engagement slot's exits (a YAML alias does not cross files).
    slots = load_domain_dict()["slots"]
    def exits(slot):
        return [mapping["not_intent"] for mapping in slots[slot]["mappings"]
                if "not_intent" in mapping]

    for track in TRACKS:
        for slot in diagnostic_slots(track):
            assert exits(slot) == exits("engagement"), slot


def test_the_loader_reads_the_domain_rasa_reads():
    from rasa.shared.core.domain import Domain

    rasa_merge = Domain.load(str(DOMAIN_DIR)).as_dict()
    ours = Domain.from_dict(load_domain_dict()).as_dict()
    # Rasa orders the entities by the order it walks the files in, which the disk decides.
    for merged in (rasa_merge, ours):
        merged["entities"] = sorted(merged["entities"])
    assert ours == rasa_merge
    keys = {"session_config", "intents", "entities", "slots", "forms", "actions", "responses"}
    assert keys <= set(rasa_merge)


def test_the_loader_merges_lists_and_mappings_and_finds_a_name_declared_twice(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yml").write_text(dedent("""\
        version: "3.1"
        session_config: {session_expiration_time: 60}
        intents: [greet]
        responses:
          utter_x: [{text: "A"}]
        """), encoding="utf-8")
    (tmp_path / "sub" / "b.yml").write_text(dedent("""\
        version: "3.1"
        session_config: {session_expiration_time: 5}
        intents: [greet, {menu: {use_entities: []}}]
        responses:
          utter_x: [{text: "B"}]
          utter_y: [{text: "Y"}]
        """), encoding="utf-8")
    merged = load_domain_dict(tmp_path)
    # Lists joined, mappings put together; a name declared twice keeps its first declaration.
    assert merged["intents"] == ["greet", {"menu": {"use_entities": []}}]
    assert merged["responses"] == {"utter_x": [{"text": "A"}], "utter_y": [{"text": "Y"}]}
    assert merged["session_config"] == {"session_expiration_time": 60}
    both = ["a.yml", "sub/b.yml"]
    assert duplicate_names(tmp_path) == {
        "intents greet": both, "responses utter_x": both, "session_config": both}
