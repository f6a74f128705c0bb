"""One name per track wherever citizens read it: « coach <thème> » with the theme of
relais/tracks.py, in the coach's introduction, the menu and the lists of themes."""

import re

import pytest

from actions.theme_text import coach_name
from actions.tracks import ActionSelectTrack
from relais.tracks import TRACKS
from tests.support.action_trackers import make_tracker
from tests.support.paths import ROOT

pytestmark = pytest.mark.usefixtures("database")  # the action enrols the citizen

COACH_MENTION = re.compile(r"\bcoach(?:s)?\s+(\{?[\w\-À-ÿ]+\}?)", re.IGNORECASE)


def all_texts(domain):
    for name, variations in domain["responses"].items():
        for variation in variations:
            yield name, variation.get("text", "")


def test_the_pattern():
    assert [coach_name(track) for track in TRACKS] == [
        "coach alimentation", "coach mobilité", "coach budget", "coach logement",
        "coach travail", "coach énergie", "coach numérique", "coach jardin",
    ]


@pytest.mark.parametrize("track", TRACKS)
def test_each_coach_introduces_itself_by_the_pattern(dispatcher, domain, track):
    from rasa.core.nlg.interpolator import interpolate_text

    ActionSelectTrack().run(dispatcher, make_tracker(f"track_{track}", f"/track_{track}"), domain)
    (message,) = dispatcher.messages
    assert message["response"] == f"utter_{track}_intro"
    (variation,) = domain["responses"][message["response"]]
    shown = interpolate_text(variation["text"], {"coach": message["coach"]})
    assert shown.startswith(f"Je suis le coach {TRACKS[track]} de Relais.")


def test_no_response_names_a_coach_any_other_way(domain):
    for name, text in all_texts(domain):
        for named in COACH_MENTION.findall(text):
            assert named == "{coach}", (name, named)


def test_no_crisis_text_names_a_coach_any_other_way():
    crisis = (ROOT / "relais" / "content" / "crisis.yml").read_text(encoding="utf-8")
    body = "\n".join(line for line in crisis.splitlines() if not line.lstrip().startswith("#"))
    assert COACH_MENTION.findall(body) == []


def test_the_menu_shows_each_theme_by_its_name(domain):
    (menu,) = domain["responses"]["utter_menu"]
    titles = {button["payload"]: button["title"] for button in menu["buttons"]}
    for track, theme in TRACKS.items():
        assert titles[f"/track_{track}"] == theme.capitalize()


@pytest.mark.parametrize("response", ["utter_hors_sujet"])
def test_lists_of_the_eight_themes_use_their_names(domain, response):
    (variation,) = domain["responses"][response]
    listed = re.search(r"\(([^)]*)\)", variation["text"]).group(1)
    assert sorted(word.strip() for word in listed.split(",")) == sorted(TRACKS.values())
