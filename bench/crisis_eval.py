"""Crisis detection on the blind corpora (tests/support/blind_corpora.py), printed: recall per
kind (counting tier-2 questions), tier-1 false alarms and tier-2 questions on calm messages, kind
accuracy.

Usage: python bench/crisis_eval.py [corpus name ...] [--model models/relais.tar.gz] [--misses]
       (default: every tests/blind/crisis_corpus_*.yml)
"""

import argparse

from tests.support.blind_corpora import corpus_names, load_corpus, parse_all, score
from tests.support.heldout import load_agent, quiet_rasa_logs


def report(name: str, result: dict, show_misses: bool) -> None:
    per_kind, calm = result["per_kind"], result["calm"]
    total = sum(c["total"] for c in per_kind.values())
    found = sum(c["certain"] + c["question"] for c in per_kind.values())
    certain = sum(c["certain"] for c in per_kind.values())
    print(f"=== {name}: {total} crisis messages, {calm['total']} calm")
    print(f"{'kind':15} {'n':>4} {'recall':>7} {'tier 1':>7} {'tier 2':>7}")
    for kind in sorted(per_kind):
        c = per_kind[kind]
        print(f"{kind:15} {c['total']:4d} {(c['certain'] + c['question']) / c['total']:7.3f} "
              f"{c['certain'] / c['total']:7.3f} {c['question'] / c['total']:7.3f}")
    print(f"{'all':15} {total:4d} {found / total:7.3f} {certain / total:7.3f} "
          f"{(found - certain) / total:7.3f}")
    print(f"calm: tier-1 false alarms {calm['certain']}/{calm['total']}, "
          f"tier-2 questions {calm['question']}/{calm['total']} "
          f"({calm['question'] / max(calm['total'], 1):.3f})")
    print(f"kind accuracy (detected crises): {result['kind_right']}/{result['kind_total']} "
          f"= {result['kind_right'] / max(result['kind_total'], 1):.3f}")
    if show_misses:
        for label, style, text in result["misses"]:
            print(f"  MISSED {label} ({style}): {text!r}")
        for text in result["false_alarms"]:
            print(f"  FALSE ALARM: {text!r}")
        for text in result["questions"]:
            print(f"  QUESTION ON CALM: {text!r}")
        for kinds, kind, text in result["wrong_kinds"]:
            print(f"  WRONG KIND {kinds} -> {kind}: {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--model", default="models/relais.tar.gz")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    quiet_rasa_logs()
    agent = load_agent(args.model)
    for name in args.corpora or corpus_names():
        items = load_corpus(name)
        parses = parse_all(agent, [item["text"] for item in items])
        report(name, score(items, parses), args.misses)


if __name__ == "__main__":
    main()
