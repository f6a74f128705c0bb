"""The blind sets of issue #12 (tests/blind/routing_*.yml, conversations_*.yml) against the
trained model and a running Relais, with floors.

Those sets were written by helper sessions that never saw data/, the domain or the tests, and
are never trained on. Sets D to H are played here (A to C, older, only by
bench/conversations.py, which prints every failure). A floor is the figure measured when Relais
last improved, minus a margin: DIET on CPU is not reproducible across trainings (the same
data gives a few messages more or fewer), and a floor one message under the last figure turned
CI red on a fresh clone. A floor only ever goes up otherwise. A change that makes Relais understand citizens worse turns `make test` red.
"""

import pytest

from bench.conversations import load_set, play, route

# set: (right track, right phase) shares of first messages.
ROUTING_FLOORS = {
    # D: written blind on 2026-12-03 (session 14; sha256 041a0a66…); first run 0.796 / 0.783;
    # after that day's changes (seen: its failures guided them) 0.812 / 0.854. With the model
    # this machine trained on 2026-12-04 (same data: training is not reproducible across
    # machines) 0.804 / 0.825 at first, 0.804 / 0.833 after that day's changes.
    "routing_D": (0.78, 0.8),
    # E: written blind the same day by another helper (sha256 e60d4701…), not read before its
    # runs: first run (before that day's changes) 0.867 / 0.779; final 0.867 / 0.788. On
    # 2026-12-04 (its failures read that day): 0.871 / 0.800 at first, 0.888 / 0.800 at the end.
    # On 2026-12-06 a CI run on a fresh clone (model trained there) measured 0.863 / 0.783:
    # below the floor of 0.87 set the day before. The floors below keep three or more
    # messages of margin under the lowest figure any training gave.
    "routing_E": (0.85, 0.765),
    # F: written blind on 2026-12-03 from the brief of E (sha256 a8304e37…), frozen
    # before its first run (0.858 / 0.758 with the earlier machine's model); on 2026-12-04 0.846 /
    # 0.725 at first and at the end. Its failures were not read.
    "routing_F": (0.83, 0.71),
    # G: written blind on 2026-12-07 from the brief of F (sha256 a1e08575…), frozen before its
    # first run: 0.871 / 0.788 at first, 0.871 / 0.808 after that day's changes (guided by set
    # F's failures and two persona rounds; G's failures were not read).
    "routing_G": (0.855, 0.77),
    # H: written blind on 2026-12-07 (second session of the day) from the brief of F (sha256
    # 5686d190…), frozen before its first run: 0.883 / 0.792 (its failures were not read).
    # On 2026-12-07/08 a new machine trained the same data from scratch: 0.850 / 0.788 at
    # 14b66e6 and 0.850 / 0.783 at the session's end, turn by turn the same as at base. The
    # floor follows the fresh model of the machine CI runs on, with room under it.
    "routing_H": (0.835, 0.77),
}
# set: share of conversations that fully pass.
CONVERSATION_FLOORS = {
    # D (sha256 51dbf6bc…): first run 20/104 (213/364 turns); final 28/104 (230/364 turns).
    # On 2026-12-04: 26/104 (225/364) at first, 32/104 (237/364) at the end. On 2026-12-05 a
    # model trained again from unchanged data gave 30/104 (on the day's first and last commits
    # alike): DIET on CPU is not reproducible across trainings, so the floor keeps a margin.
    "conversations_D": 0.25,
    # E (sha256 1c7b3cb9…): first run 30/104 (270/395 turns); final 37/104 (280/395 turns).
    # On 2026-12-04: 31/104 (278/395) at first, 38/104 (289/395) at the end.
    # Floors keep two or three conversations of margin under the lowest trained figure.
    # On 2026-12-07 (third session) one training gave 34/104 (0.327), then 35/104 after that
    # day's last fix: the floor keeps its margin under the lowest figure.
    "conversations_E": 0.31,
    # F (sha256 c4b95edf…): first run 20/104 (270/416 turns, earlier machine's model); on
    # 2026-12-04 22/104 (277/416) then 23/104 (278/416). Its failures were not read.
    "conversations_F": 0.19,
    # G (sha256 41dbe1cb…): first run 42/104 (307/400 turns); 44/104 (310/400) after the day's
    # changes. Its failures were not read.
    "conversations_G": 0.37,
    # H (sha256 6704053b…): first run 38/104 (293/413 turns). Its failures were not read.
    "conversations_H": 0.34,
}


@pytest.fixture(scope="module")
def relais(relais_client):
    return relais_client


@pytest.mark.parametrize("name", sorted(ROUTING_FLOORS))
def test_blind_first_messages(relais, name):
    items = load_set(name)
    outcomes = [route(relais, item) for item in items]
    track = sum(o["track_ok"] for o in outcomes) / len(items)
    phase = sum(o["phase_ok"] for o in outcomes) / len(items)
    wrong = [(i["text"], i["track"], o["track"], i["phase"], o["phase"])
             for i, o in zip(items, outcomes) if not (o["track_ok"] and o["phase_ok"])]
    track_floor, phase_floor = ROUTING_FLOORS[name]
    assert track >= track_floor and phase >= phase_floor, (track, phase, wrong)


@pytest.mark.parametrize("name", sorted(CONVERSATION_FLOORS))
def test_blind_conversations(relais, name):
    conversations = load_set(name)
    failed = {}
    for conversation in conversations:
        failures = [(r.turn, r.user, r.failures) for r in play(relais, conversation) if r.failures]
        if failures:
            failed[conversation["id"]] = failures
    passed = 1 - len(failed) / len(conversations)
    assert passed >= CONVERSATION_FLOORS[name], failed
