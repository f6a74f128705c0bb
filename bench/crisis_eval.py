"""Crisis detection on a blind corpus: recall per kind (counting tier-2 questions), tier-1 false
alarms and tier-2 questions on calm messages, kind accuracy.

The corpora under tests/blind/ were written by helper sessions that never saw data/, the
lexicon or the tests; they are frozen and never used for training.

Usage: python bench/crisis_eval.py [corpus name ...] [--model models/relais.tar.gz] [--misses]
       (default: every tests/blind/crisis_corpus_*.yml)
"""

import argparse
import asyncio
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from bench.heldout import load_agent, quiet_rasa_logs

BLIND = Path(__file__).resolve().parent.parent / "tests" / "blind"
CALM = "calm"


def load_corpus(name: str) -> list[dict]:
    return yaml.safe_load((BLIND / f"{name}.yml").read_text(encoding="utf-8"))


def corpus_names() -> list[str]:
    return sorted(path.stem for path in BLIND.glob("crisis_corpus_*.yml"))


def triage_of(parse: dict) -> tuple[str | None, str | None]:
    """(tier, kind) the pipeline gave a message: tier "certain", "question" or None."""
    crisis = parse.get("crisis")
    if crisis is not None:
        return crisis.get("tier"), crisis.get("kind")
    # Before the crisis tiers existed: the `crise` intent was the one, certain answer, and its
    # reply was the suicide block whatever the danger.
    if (parse.get("intent") or {}).get("name") == "crise":
        return "certain", "suicide"
    return None, None


def parse_all(agent, texts: list[str]) -> dict[str, dict]:
    async def run() -> dict[str, dict]:
        return {text: await agent.parse_message(text) for text in texts}

    return asyncio.run(run())


def score(items: list[dict], parses: dict[str, dict]) -> dict:
    per_kind = defaultdict(Counter)
    calm = Counter()
    kind_right = kind_total = 0
    misses, false_alarms, questions, wrong_kinds = [], [], [], []
    for item in items:
        tier, kind = triage_of(parses[item["text"]])
        kinds = item["kinds"]
        if kinds == [CALM]:
            calm["total"] += 1
            if tier == "certain":
                calm["certain"] += 1
                false_alarms.append(item["text"])
            elif tier == "question":
                calm["question"] += 1
                questions.append(item["text"])
            continue
        label = kinds[0]
        per_kind[label]["total"] += 1
        if tier is None:
            misses.append((label, item.get("style"), item["text"]))
            continue
        per_kind[label][tier] += 1
        kind_total += 1
        if kind in kinds:
            kind_right += 1
        else:
            wrong_kinds.append((kinds, kind, item["text"]))
    return {
        "per_kind": per_kind, "calm": calm, "kind_right": kind_right, "kind_total": kind_total,
        "misses": misses, "false_alarms": false_alarms, "questions": questions,
        "wrong_kinds": wrong_kinds,
    }


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
