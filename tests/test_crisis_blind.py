"""The blind crisis sets (tests/blind/), against the trained model and a running Relais.

Those sets were written by helper sessions that never saw data/, the lexicon or the tests, and
are never trained on. Each corpus and each conversation set has floors: the figures measured
when it was frozen and Relais last improved (bench/crisis_eval.py, bench/crisis_conversations.py
print them in full), so that a change to the lexicon, the data or the dialogue that makes Relais
worse at a crisis turns `make test` red. A floor only ever goes up.
"""

import asyncio

import pytest

from tests.support.blind_conversations import load_set, play, set_names
from tests.support.blind_corpora import corpus_names, load_corpus, score

# corpus: (recall counting questions, tier-1 false alarms at most, questions on calm at most
# (share), kind accuracy).
CORPUS_FLOORS = {
    # A and B served to develop the lexicon and the dialogue, C, D and E the crisis classifier
    # (no longer blind); F was measured once, after that work (2026-12-01). G was written blind
    # on 2026-12-02 (249 crisis, 537 calm; sha256 4721ca42…); first run: recall 0.884, 7 false
    # alarms, questions 0.034, kind 0.945.
    "crisis_corpus_A": (0.97, 2, 0.05, 0.97),
    "crisis_corpus_B": (0.90, 3, 0.04, 0.92),
    "crisis_corpus_C": (0.93, 10, 0.05, 0.92),
    "crisis_corpus_D": (0.90, 12, 0.06, 0.91),
    "crisis_corpus_E": (0.91, 2, 0.03, 0.90),
    "crisis_corpus_F": (0.91, 15, 0.06, 0.90),
    "crisis_corpus_G": (0.87, 8, 0.04, 0.93),
    # H was written blind on 2026-12-02 (session 10; 238 crisis, 468 calm; sha256 ef22bb2c…);
    # first run: recall 0.929, 5 false alarms, questions 0.043, kind 0.946; after that day's
    # changes and retraining: 0.945, 4, 0.043, 0.942.
    # After the classes corpus I found missing (2026-12-03): 0.954, 2, 0.047, 0.943.
    # Trained from scratch on a fresh machine (session 14, 2026-12-03, no training cache), the
    # same data and code (3a8a28b) give a DIET that reads H at 0.937 recall and J at 0.943; the
    # figures above came from the model trained over earlier sessions. A fresh clone trains from
    # scratch, so the floors are those of a fresh model.
    "crisis_corpus_H": (0.92, 3, 0.05, 0.93),
    # I was written blind on 2026-12-03 (session 13; 281 crisis, 562 calm; sha256 3ce8d6af…);
    # first run: recall 0.897, 7 false alarms, questions 0.032, kind 0.869; after that day's
    # lexicon changes (no retraining of DIET): 0.996, 0, 0.036, 0.925.
    "crisis_corpus_I": (0.98, 1, 0.04, 0.91),
    # J was written blind on 2026-12-03 after those changes (263 crisis, 529 calm; sha256
    # 2b9c3135…), the honest measure of them; first run: 0.962, 8, 0.036, 0.921.
    "crisis_corpus_J": (0.93, 9, 0.04, 0.91),
    # K was written blind on 2026-12-05 (helper session; 226 crisis, 464 calm of which 243
    # look-alikes; sha256 a72dbc2b…); first run, on 11a0150 before that evening's changes:
    # recall 0.920, 12 false alarms, questions 0.030, kind 0.923; after them: 0.920, 11, 0.030,
    # 0.923. Read on 2026-12-06 (no longer blind) to widen the lexicon: 0.996, 1, 0.004, 0.933.
    "crisis_corpus_K": (0.97, 4, 0.03, 0.91),
    # L was written blind on 2026-12-06 (helper session; 229 crisis, 475 calm of which 316
    # look-alikes; sha256 03fd5c3c…). First run, on 80ea892 before that day's changes: recall
    # 0.939, 22 false alarms, questions 0.040, kind 0.930; on the day's lexicon before it was
    # read: 0.948, 20, 0.042, 0.935. Then read (no longer blind): 1.000, 1, 0.021, 0.943.
    "crisis_corpus_L": (0.97, 4, 0.04, 0.92),
    # M was written blind on 2026-12-06 (helper session, from the taxonomy only; 243 crisis, 505
    # calm of which 338 look-alikes; sha256 0a255a15…). First run, on the lexicon of 60bb7f3 with a
    # model trained that day, before it was read: recall 0.901, 6 false alarms, questions 0.051,
    # kind 0.922. A second training from scratch (2026-12-06 evening, same data, the lexicon
    # reading every message of M as before: checked by hash, unread): 0.885, 5, 0.059, 0.930;
    # the 4 messages between the two runs are the models'. Floors leave room under the lowest.
    "crisis_corpus_M": (0.86, 10, 0.07, 0.89),
}
# conversation set: share of conversations that fully pass (most failures of C and D are
# practical questions the conversation issue will answer, not crisis handling). B went down to
# 0.79 with the crisis classifier (2026-12-01) and is back at 0.85 since low mood DIET is sure
# of, and two lukewarm models, no longer ask (2026-12-02). E was written blind on 2026-12-02
# (brief in tests/blind/briefs/): 32/40 before that day's changes, 31/40 after. C went from 28/52
# to 33/52 on 2026-12-03 (a question about the suicide line, a false alarm « pas pour toi »,
# « à quoi ça servirait de continuer », stuck in the snow on a motorway).
CONVERSATION_FLOORS = {
    "crisis_conversations_A": 0.94,
    "crisis_conversations_B": 0.85,
    "crisis_conversations_C": 0.60,
    "crisis_conversations_D": 0.50,
    "crisis_conversations_E": 0.75,
}


def test_every_blind_set_has_a_floor():
    assert set(corpus_names()) == set(CORPUS_FLOORS)
    assert set(set_names()) == set(CONVERSATION_FLOORS)


@pytest.mark.parametrize("name", sorted(CORPUS_FLOORS))
def test_blind_corpus(agent, name):
    items = load_corpus(name)

    async def parse_all():
        return {item["text"]: await agent.parse_message(item["text"]) for item in items}

    result = score(items, asyncio.run(parse_all()))
    recall_floor, max_false_alarms, max_question_share, kind_floor = CORPUS_FLOORS[name]
    crisis_total = sum(c["total"] for c in result["per_kind"].values())
    found = sum(c["certain"] + c["question"] for c in result["per_kind"].values())
    calm = result["calm"]
    assert found / crisis_total >= recall_floor, result["misses"]
    assert calm["certain"] <= max_false_alarms, result["false_alarms"]
    assert calm["question"] / calm["total"] <= max_question_share, result["questions"]
    assert result["kind_right"] / result["kind_total"] >= kind_floor, result["wrong_kinds"]


# The session's stack (tests/conftest.py): every conversation has its own sender.
@pytest.fixture(scope="module")
def relais(relais_client):
    return relais_client


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
