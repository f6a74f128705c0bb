"""Blind sets of issue #12, played against a running Relais (Rasa REST channel, action server,
database): first-message routing and whole conversations, each turn checked.

The sets (tests/blind/routing_*.yml, tests/blind/conversations_*.yml) were written by helper
sessions that never saw data/, the domain or the tests, from a description of Relais. Never copy
their phrasings into data/; a new measure needs a new set, written the same way.

routing_*: one first message each, with the right `track`, `phase` and maybe `also_ok` tracks.
conversations_*: per turn, `expect` may say
- track / phase: the `track` / `phase` slot after the turn;
- contains_any: one of these in the reply (case- and accent-insensitive);
- not_fallback: the bot did not answer "not understood" (utter_default, or the offer of a person
  that follows a second misunderstanding). Until session 6 this was "action_fallback did not
  run"; that action now also reads a message in the context of the track under way and
  answers it, which is not a misunderstanding;
- human_offered: the reply offers a person of the relais team, or a case is open;
- no_case: no case was opened during the turn;
- max_messages: at most this many bot messages in the turn.
Every turn also fails when a bot message is longer than one phone screen without a button.

Usage: python bench/conversations.py [set name ...]   (starts its own Relais on SQLite)
"""

import re
import sys
import tempfile
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.support.blind_conversations import RelaisClient, TurnResult

BLIND = Path(__file__).resolve().parent.parent / "tests" / "blind"
NOT_UNDERSTOOD = {"utter_default", "utter_fallback_humain"}
# One phone screen: a longer message must offer a button for more (issue #12's target).
ONE_SCREEN = 700
HUMAN_WORDS = ("une personne", "un conseiller", "une conseillere", "l'equipe", "un humain", "coach humain")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return re.sub(r"\s+", " ", "".join(ch for ch in text if not unicodedata.combining(ch)))


def load_set(name: str) -> list[dict]:
    return yaml.safe_load((BLIND / f"{name}.yml").read_text(encoding="utf-8"))


def set_names() -> list[str]:
    return sorted(path.stem for pattern in ("routing_*.yml", "conversations_*.yml")
                  for path in BLIND.glob(pattern))


@dataclass
class Turn:
    """What one citizen message produced."""
    messages: list[str]
    long_without_more: int
    slots: dict[str, object]
    actions: list[str]
    utterances: list[str]
    cases_before: int
    cases_after: int

    @property
    def reply(self) -> str:
        return "\n".join(self.messages)


def say(client: RelaisClient, sender: str, text: str) -> Turn:
    cases_before = len(client.cases(sender))
    said = [m for m in client.say(sender, text) if m.get("text")]
    messages = [m["text"] for m in said]
    long_without_more = sum(1 for m in said if len(m["text"]) > ONE_SCREEN and not m.get("buttons"))
    tracker = client.tracker(sender)
    events = tracker.get("events", [])
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    actions = [e.get("name") for e in events[last_user + 1:] if e.get("event") == "action"]
    utterances = [(e.get("metadata") or {}).get("utter_action") for e in events[last_user + 1:]
                  if e.get("event") == "bot"]
    return Turn(messages, long_without_more, tracker.get("slots", {}), actions, utterances, cases_before,
                len(client.cases(sender)))


def check(expect: dict, turn: Turn) -> list[str]:
    failures = []
    for slot in ("track", "phase"):
        if slot in expect and turn.slots.get(slot) != expect[slot]:
            failures.append(f"{slot} {turn.slots.get(slot)!r}, expected {expect[slot]!r}")
    if expect.get("contains_any") and not any(fold(w) in fold(turn.reply) for w in expect["contains_any"]):
        failures.append(f"none of {expect['contains_any']}")
    if expect.get("not_fallback") and NOT_UNDERSTOOD & set(turn.utterances):
        failures.append("fallback")
    if expect.get("human_offered") and not (
            turn.cases_after or any(w in fold(turn.reply) for w in HUMAN_WORDS)):
        failures.append("no person offered")
    if expect.get("no_case") and turn.cases_after > turn.cases_before:
        failures.append("a case was opened")
    if turn.long_without_more:
        failures.append(f"long: {turn.long_without_more} message(s) over {ONE_SCREEN} characters without a button")
    if "max_messages" in expect and len(turn.messages) > expect["max_messages"]:
        failures.append(f"{len(turn.messages)} messages > {expect['max_messages']}")
    return failures


def play(client: RelaisClient, conversation: dict) -> list[TurnResult]:
    sender = f"blind-{uuid.uuid4().hex[:12]}"
    results = []
    for number, turn in enumerate(conversation["turns"], 1):
        outcome = say(client, sender, turn["user"])
        failures = check(turn.get("expect") or {}, outcome)
        results.append(TurnResult(conversation["id"], number, turn["user"], outcome.reply, failures))
    return results


def route(client: RelaisClient, item: dict) -> dict[str, object]:
    outcome = say(client, f"route-{uuid.uuid4().hex[:12]}", item["text"])
    track, phase = outcome.slots.get("track"), outcome.slots.get("phase")
    return {"track": track, "phase": phase,
            "track_ok": track == item["track"] or track in (item.get("also_ok") or []),
            "phase_ok": phase == item["phase"], "reply": outcome.reply}


def report_routing(name: str, items: list[dict], outcomes: list[dict[str, object]], verbose: bool) -> dict[str, float]:
    total = len(items)
    track_ok = sum(o["track_ok"] for o in outcomes)
    phase_ok = sum(o["phase_ok"] for o in outcomes)
    both = sum(o["track_ok"] and o["phase_ok"] for o in outcomes)
    print(f"=== {name}: {total} first messages; right track {track_ok}/{total} ({track_ok / total:.1%}), "
          f"right phase {phase_ok}/{total} ({phase_ok / total:.1%}), both {both}/{total} ({both / total:.1%})")
    confusions = Counter((i["track"], o["track"]) for i, o in zip(items, outcomes) if not o["track_ok"])
    print("  most frequent track errors (expected -> got): " + ", ".join(
        f"{a}->{b} x{n}" for (a, b), n in confusions.most_common(8)))
    if verbose:
        for item, outcome in zip(items, outcomes):
            if not (outcome["track_ok"] and outcome["phase_ok"]):
                print(f"  {item['track']}/{item['phase']} got {outcome['track']}/{outcome['phase']}: {item['text'][:110]!r}")
    return {"track": track_ok / total, "phase": phase_ok / total, "both": both / total}


def report_conversations(name: str, conversations: list[dict], results: dict[str, list[TurnResult]],
                         verbose: bool) -> float:
    passed = [c["id"] for c in conversations if not any(r.failures for r in results[c["id"]])]
    turns = [r for c in conversations for r in results[c["id"]]]
    turns_ok = sum(not r.failures for r in turns)
    kinds = Counter(f.split(" ")[0] for r in turns for f in r.failures)
    print(f"=== {name}: {len(passed)}/{len(conversations)} conversations fully pass, "
          f"{turns_ok}/{len(turns)} turns; failed checks: {dict(kinds.most_common())}")
    if verbose:
        for conversation in conversations:
            for result in results[conversation["id"]]:
                if result.failures:
                    print(f"  {result.conversation} turn {result.turn}: {result.user[:90]!r}: "
                          f"{'; '.join(result.failures)}")
                    print(f"      reply: {result.reply[:240]!r}")
    return len(passed) / len(conversations)


def run_set(client: RelaisClient, name: str, verbose: bool = True) -> dict[str, float]:
    items = load_set(name)
    if name.startswith("routing_"):
        return report_routing(name, items, [route(client, item) for item in items], verbose)
    results = {c["id"]: play(client, c) for c in items}
    return {"conversations": report_conversations(name, items, results, verbose)}


def main(names: list[str]) -> None:
    from relais.database import upgrade_to_head
    from tests.support.heldout import quiet_rasa_logs
    from tests.support.rasa_stack import RasaStack

    quiet_rasa_logs()
    verbose = "--quiet" not in names
    names = [n for n in names if not n.startswith("--")]
    with tempfile.TemporaryDirectory() as workdir:
        url = f"sqlite:///{workdir}/relais.db"
        upgrade_to_head(url)
        with RasaStack(url, Path(workdir) / "stack") as stack:
            client = RelaisClient(stack.rasa_url, stack.auth_token, url, stack.edge_headers)
            try:
                for name in names or set_names():
                    run_set(client, name, verbose)
            finally:
                client.close()


if __name__ == "__main__":
    main(sys.argv[1:])
