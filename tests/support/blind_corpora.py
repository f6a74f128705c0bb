"""The blind crisis corpora (tests/blind/crisis_corpus_*.yml), loaded and scored: recall per kind
(counting tier-2 questions), tier-1 false alarms and tier-2 questions on calm messages, kind
accuracy. tests/test_crisis_blind.py holds floors on them, bench/crisis_eval.py prints them.

The corpora were written by helper sessions that never saw data/, the lexicon or the tests;
they are frozen and never used for training.
"""

import asyncio
from collections import Counter, defaultdict

import yaml

from tests.support.paths import ROOT

BLIND = ROOT / "tests" / "blind"
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
