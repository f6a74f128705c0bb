"""The held-out NLU sets (tests/heldout/): loading them and scoring a model's predictions.

Both were written separately from data/nlu/ and are never trained on:
- `heldout`: the development set; the crisis lexicon was corrected after reading its misses;
- `fresh`: written later by someone who saw neither the training data nor the lexicon; its
  first measurement was reported before the lexicon was corrected on its misses;
- `unseen`: written last, the same way; its first measurement is the honest estimate of what
  the bot does with messages nobody tuned it for. Do not tune on it: write a new set instead.
Each file keeps its two crisis blocks in order, direct phrasings first, then indirect ones;
<name>_lookalikes.tsv (lookalikes.tsv for `heldout`) lists messages that look like a crisis
and are not.
"""

import asyncio
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from tests.support.paths import ROOT

HELDOUT_DIR = ROOT / "tests" / "heldout"
TRAINING_DIR = ROOT / "data" / "nlu"
CRISIS = "crise"


@dataclass
class HeldOut:
    examples: list[tuple[str, str]] = field(default_factory=list)  # (text, gold intent)
    crisis_direct: list[str] = field(default_factory=list)
    crisis_indirect: list[str] = field(default_factory=list)
    lookalikes: list[tuple[str, str]] = field(default_factory=list)  # (text, gold intent)
    excluded: list[str] = field(default_factory=list)


def _examples(block: str) -> list[str]:
    return [line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")]


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def training_texts() -> set:
    """Normalised texts of the training data, to keep verbatim repeats out of the scores."""
    texts = set()
    for path in TRAINING_DIR.rglob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            texts |= {_key(text) for text in _examples(block.get("examples", ""))}
    return texts


SETS = {
    "heldout": ("heldout.yml", "lookalikes.tsv"),
    "fresh": ("fresh.yml", "fresh_lookalikes.tsv"),
    "unseen": ("unseen.yml", "unseen_lookalikes.tsv"),
}


def load_heldout(name: str = "heldout", exclude_training: bool = True) -> HeldOut:
    """A held-out set. For figures, messages that also appear verbatim in the training data
    (short chit-chat like "bonjour" is bound to) are left out and listed in `excluded`; the
    crisis regression suite keeps them all (exclude_training=False)."""
    examples_file, lookalikes_file = SETS[name]
    data = yaml.safe_load((HELDOUT_DIR / examples_file).read_text(encoding="utf-8"))
    heldout = HeldOut()
    seen_in_training = training_texts() if exclude_training else set()
    crisis_blocks = 0
    for block in data["nlu"]:
        texts = _examples(block["examples"])
        heldout.excluded += [text for text in texts if _key(text) in seen_in_training]
        texts = [text for text in texts if _key(text) not in seen_in_training]
        heldout.examples += [(text, block["intent"]) for text in texts]
        if block["intent"] == CRISIS:
            target = heldout.crisis_direct if crisis_blocks == 0 else heldout.crisis_indirect
            target += texts
            crisis_blocks += 1
    for line in (HELDOUT_DIR / lookalikes_file).read_text(encoding="utf-8").splitlines():
        if line.strip():
            intent, text = line.split("\t", 1)
            if _key(text) not in seen_in_training:
                heldout.lookalikes.append((text.strip(), intent.strip()))
    return heldout


def parse_texts(agent, texts: list[str]) -> dict[str, str]:
    """Predicted intent of each text, through the model's whole NLU pipeline."""

    async def parse_all() -> dict[str, str]:
        predictions = {}
        for text in texts:
            result = await agent.parse_message(text)
            predictions[text] = result["intent"]["name"]
        return predictions

    return asyncio.run(parse_all())


def load_agent(model_path: str):
    from rasa.core.agent import Agent

    return Agent.load(model_path)


def quiet_rasa_logs() -> None:
    """Rasa logs every parse at debug level through structlog; benchmarks print figures only."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    logging.basicConfig(level=logging.WARNING)
    configure_structlog(logging.WARNING)
