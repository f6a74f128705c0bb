"""The blind doléance sets of issue #14 (tests/blind/grievances_*.yml) against the trained
model and a running Relais, with floors: capture (asking only what is missing, free answers),
listing, details, withdrawal, and look-alikes that must not be recorded.

Both sets were written by helper sessions that saw only a description of the feature
(tests/blind/briefs/grievances_*.md), never the lexicon (relais/grievance_words.py), the data or
the tests; never copy their phrasings into the lexicon. A floor is the figure measured when
Relais last improved, minus a little; it only ever goes up.
"""

import pytest

from bench.grievance_conversations import GrievanceProbe, load_set, play

FLOORS = {
    # A (sha256 55c3b327…), written 2026-12-04: first run 12/46 conversations (80/133 turns).
    # Its failures were read and guided the lexicon that day (seen): 39/46 (124/133). 2026-12-05:
    # the model retrained for crisis look-alikes (ea81f89) gave 37/46, the earlier model 38/46
    # on the same code; past medical episodes no longer certain crises (relais/safety.py): 38/46.
    "grievances_A": 0.82,
    # B (sha256 12daf3f6…), written the same day by another helper after A's changes, with 14
    # look-alikes; first run 32/71 (156/202 turns), before any of its failures was read. Then
    # read (seen): 56/71 (187/202). 2026-12-05: 52/71 with the retrained model (54/71 with the
    # earlier one, same code); then past medical episodes and « comment je saurai si… »: 54/71.
    "grievances_B": 0.76,
    # C (sha256 b4d3a7b5…), by a third helper (other regions, 17 look-alikes): first run 26/68
    # (91/141 turns), none recorded by mistake; then read (seen): 39/68 (111/141).
    "grievances_C": 0.54,
    # D (sha256 fcf2dd10…), by a fourth helper (18 look-alikes): first run 24/65 (103/156
    # turns), one item recorded with a wrong place; then read (seen): 34/65 (116/156).
    "grievances_D": 0.49,
}


@pytest.fixture(scope="module")
def probe(relais_stack):
    probe = GrievanceProbe(relais_stack.database_url)
    yield probe
    probe.close()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_grievance_conversations(relais_client, probe, name):
    conversations = load_set(name)
    failed = {}
    for conversation in conversations:
        failures = [(r.turn, r.user, r.failures) for r in play(relais_client, probe, conversation) if r.failures]
        if failures:
            failed[conversation["id"]] = failures
    passed = 1 - len(failed) / len(conversations)
    assert passed >= FLOORS[name], failed


@pytest.mark.parametrize("name", ["grievances_B", "grievances_C", "grievances_D"])
def test_look_alikes_record_nothing(relais_client, probe, name):
    """The practical requests of B, C and D (a power cut, an empty fridge, a scam SMS, a broken
    boiler…) are never recorded."""
    look_alikes = [c for c in load_set(name)
                   if all((t.get("expect") or {}).get("not_recorded") for t in c["turns"])]
    assert len(look_alikes) >= 10
    recorded = [c["id"] for c in look_alikes
                if any("recorded" in r.failures for r in play(relais_client, probe, c))]
    assert recorded == []
