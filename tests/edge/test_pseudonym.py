"""The citizen's label on coach cards (issue #11 item 5): keyed, 64 bits, stable."""

import hashlib
import itertools

import pytest

from bot.coach_desk import DeskConfig
from relais.pseudonym import PseudonymKeyMissing, citizen_label
from relais.settings import Settings

KEY = "une clé de test"


def test_one_citizen_keeps_one_label_and_it_shows_64_bits():
    label = citizen_label("123456789", KEY)
    assert label == citizen_label("123456789", KEY)
    digits = label.removeprefix("Personne ").replace("-", "")
    assert len(digits) == 16 and int(digits, 16) >= 0  # 16 hex digits: 64 bits
    assert "123456789" not in label


def test_a_guessed_chat_id_cannot_be_confirmed_without_the_key():
    label = citizen_label("123456789", KEY)
    # The old label: an unkeyed SHA-256 anyone could recompute from a guessed chat id.
    unkeyed = hashlib.sha256(b"relais-citizen:123456789").hexdigest()[:16].upper()
    assert unkeyed not in label.replace("-", "")
    assert citizen_label("123456789", "une autre clé") != label


def test_no_collision_among_many_citizens():
    labels = {citizen_label(str(chat), KEY) for chat in itertools.islice(itertools.count(10**9), 50_000)}
    assert len(labels) == 50_000  # 24 bits collided at a few thousand


def test_no_label_without_a_key():
    with pytest.raises(PseudonymKeyMissing):
        citizen_label("123456789", "")


def test_the_telegram_desk_does_not_start_without_a_key():
    with pytest.raises(PseudonymKeyMissing, match="PSEUDONYM_SECRET"):
        DeskConfig.from_settings(Settings(coach_chat_id=-100123, pseudonym_secret=None))
    config = DeskConfig.from_settings(Settings(coach_chat_id=-100123, pseudonym_secret=KEY))
    assert config.pseudonym_secret == KEY
