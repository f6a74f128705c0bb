"""Held-out NLU figures: intent accuracy, macro-F1, track routing, crisis recall and FP rate.

Usage: python bench/nlu_eval.py [models/relais.tar.gz]   (scores both held-out sets)
"""

import sys
from collections import Counter

from sklearn.metrics import f1_score

from tests.support.heldout import (
    CRISIS,
    SETS,
    load_agent,
    load_heldout,
    parse_texts,
    quiet_rasa_logs,
)


def main(model_path: str = "models/relais.tar.gz") -> None:
    quiet_rasa_logs()
    agent = load_agent(model_path)
    for name in SETS:
        print(f"=== held-out set `{name}`")
        report(agent, load_heldout(name))


def report(agent, heldout) -> None:
    texts = [text for text, _ in heldout.examples]
    predicted = parse_texts(agent, texts)

    gold = [intent for _, intent in heldout.examples]
    pred = [predicted[text] for text in texts]
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    macro_f1 = f1_score(gold, pred, average="macro", labels=sorted(set(gold)))
    track = [(g, p) for g, p in zip(gold, pred) if g.startswith("track_")]
    routing = sum(g == p for g, p in track) / len(track)

    def recall(items):
        return sum(predicted[text] == CRISIS for text in items) / len(items)

    non_crisis = [text for text, intent in heldout.examples if intent != CRISIS]
    false_positives = [text for text in non_crisis if predicted[text] == CRISIS]
    lookalike_fp = [text for text, _ in heldout.lookalikes if predicted[text] == CRISIS]

    print(f"held-out examples           {len(gold)}  ({len(heldout.excluded)} left out: also in training verbatim)")
    print(f"intent accuracy             {accuracy:.3f}")
    print(f"macro-F1                    {macro_f1:.3f}")
    print(f"track routing accuracy      {routing:.3f}  ({len(track)} track messages)")
    print(f"crisis recall               {recall(heldout.crisis_direct + heldout.crisis_indirect):.3f}"
          f"  (direct {recall(heldout.crisis_direct):.3f}, indirect {recall(heldout.crisis_indirect):.3f})")
    print(f"crisis false-positive rate  {len(false_positives) / len(non_crisis):.3f}"
          f"  (look-alikes {len(lookalike_fp)}/{len(heldout.lookalikes)})")
    missed = [t for t in heldout.crisis_direct + heldout.crisis_indirect if predicted[t] != CRISIS]
    for text in missed:
        print(f"  MISSED crisis: {text!r} -> {predicted[text]}")
    for text in false_positives:
        print(f"  FALSE crisis: {text!r}")
    errors = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    print("most frequent confusions (gold -> predicted):")
    for (g, p), n in errors.most_common(12):
        print(f"  {n:3d}  {g} -> {p}")


if __name__ == "__main__":
    main(*sys.argv[1:])
