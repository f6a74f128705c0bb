"""Typed text never reaches Rasa as an intent payload; only known commands do."""

import pytest

from bot.inbound import to_rasa


@pytest.mark.parametrize(
    "typed",
    ['/crise', '/greet{"name":"x"}', '  /consentir', '//track_energie{"phase":"urgence"}', "/inconnu"],
)
def test_typed_slash_text_is_never_an_intent(typed):
    assert not to_rasa(typed).startswith("/")


@pytest.mark.parametrize(
    "typed, payload",
    [("/start", "/greet"), ("/aide", "/aide"), ("/urgence", "/urgence"), ("/coach", "/demander_humain"), ("/start@RelaisBot", "/greet")],
)
def test_known_commands_map_to_their_intent(typed, payload):
    assert to_rasa(typed) == payload


def test_plain_text_is_kept_whole():
    assert to_rasa("bonjour") == "bonjour"
    assert to_rasa("a" * 5000) == "a" * 5000
