"""Blind multi-turn crisis conversations, played against a running Relais (Rasa REST channel,
action server, database), each turn checked: tests/test_crisis_blind.py holds floors on them,
bench/crisis_conversations.py prints them in full.

The sets (tests/blind/crisis_conversations_*.yml) were written by helper sessions that never saw
data/, the lexicon or the tests. Per turn, `expect` may say:
- crisis: certain | question | none — whether the crisis dialogue answered this turn
  (action_crise ran), and in which tier (the `crisis` slot after the turn); `none` also accepts
  the dialogue acknowledging a "no" or a false alarm and closing, without numbers;
- kind: the crisis kind the dialogue is in after the turn;
- first_number / first_number_any: the first emergency number in the reply;
- contains_any / not_contains: words in the reply (case-insensitive);
- case: open (an active case exists) | none (no active case) | closed_false_alarm.
And for every conversation: no bot message identical to the one before it.
"""

import re
import uuid
from dataclasses import dataclass, field

import httpx
import yaml
from sqlalchemy import create_engine, text

from tests.support.paths import ROOT

BLIND = ROOT / "tests" / "blind"
NUMBERS = ("3114", "3919", "119", "112", "114", "115", "15", "17", "18")
# A number alone, not a part of a longer one ("0 800 235 236").
_NUMBER = re.compile(r"(?<!\d)(?<!\d )(" + "|".join(NUMBERS) + r")(?!\d)(?! \d)")


@dataclass
class TurnResult:
    conversation: str
    turn: int
    user: str
    reply: str
    failures: list[str] = field(default_factory=list)


def load_set(name: str) -> list[dict]:
    return yaml.safe_load((BLIND / f"{name}.yml").read_text(encoding="utf-8"))


def set_names() -> list[str]:
    return sorted(path.stem for path in BLIND.glob("crisis_conversations_*.yml"))


def first_number(reply: str) -> str | None:
    match = _NUMBER.search(reply)
    return match.group(1) if match else None


class RelaisClient:
    """Talks to Rasa's REST channel, reads the tracker (HTTP API) and the cases table."""

    def __init__(self, rasa_url: str, auth_token: str, database_url: str,
                 edge_headers: dict[str, str]) -> None:
        # The REST channel serves the edge only: it demands the edge's secret (edge_headers).
        self._http = httpx.Client(base_url=rasa_url, timeout=120, headers=edge_headers)
        self._token = auth_token
        self._engine = create_engine(database_url, future=True)

    def say(self, sender: str, message: str) -> list[dict]:
        response = self._http.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = self._http.get(f"/conversations/{sender}/tracker", params={"token": self._token})
        response.raise_for_status()
        return response.json()

    def cases(self, sender: str) -> list[tuple]:
        with self._engine.connect() as connection:
            return connection.execute(text(
                "select c.status, c.closing_note from relais_cases c "
                "join relais_citizens z on z.id = c.citizen_id where z.conversation_id = :sender"
            ), {"sender": sender}).all()

    def close(self) -> None:
        self._http.close()
        self._engine.dispose()


def _actions_of_last_turn(tracker: dict) -> list[str]:
    names: list[str] = []
    for event in reversed(tracker.get("events", [])):
        if event.get("event") == "user":
            break
        if event.get("event") == "action":
            names.append(event.get("name"))
    return names


def check_turn(expect: dict, reply: str, tracker: dict, cases: list[tuple]) -> list[str]:
    failures = []
    actions = _actions_of_last_turn(tracker)
    crisis_ran = "action_crise" in actions
    state = (tracker.get("slots") or {}).get("crisis") or {}
    if "utter_crise" in actions:
        # Relais before the crisis dialogue: one block, always certain, no kind.
        crisis_ran, state = True, {"open": True, "tier": "certain", "kind": None}
    expected = expect.get("crisis")
    if expected == "none" and crisis_ran and (state.get("open") or first_number(reply)):
        # Acknowledging a "no" or a false alarm and closing the dialogue is not a crisis reply;
        # a question, numbers or a dialogue left open are.
        failures.append("crisis reply to a calm turn")
    if expected in ("certain", "question"):
        if not crisis_ran:
            failures.append(f"expected crisis {expected}, the crisis dialogue did not answer")
        elif expected == "certain" and state.get("tier") != "certain" and state.get("open"):
            failures.append(f"expected certain, dialogue is {state.get('tier')}")
        elif expected == "question" and state.get("tier") != "question":
            failures.append(f"expected a question, dialogue is {state.get('tier')}")
    if expect.get("kind") and crisis_ran and state.get("kind") != expect["kind"]:
        failures.append(f"kind {state.get('kind')} instead of {expect['kind']}")
    wanted = expect.get("first_number_any") or ([expect["first_number"]] if expect.get("first_number") else [])
    if wanted and first_number(reply) not in [str(number) for number in wanted]:
        failures.append(f"first number {first_number(reply)} instead of {wanted}")
    lowered = reply.lower()
    if expect.get("contains_any") and not any(str(word).lower() in lowered for word in expect["contains_any"]):
        failures.append(f"none of {expect['contains_any']}")
    for word in expect.get("not_contains") or []:
        if str(word).lower() in lowered:
            failures.append(f"contains {word!r}")
    active = [case for case in cases if case[0] in ("open", "taken")]
    case = expect.get("case")
    if case == "open" and not active:
        failures.append("no case open")
    if case == "none" and active:
        failures.append("a case is open")
    if case == "closed_false_alarm" and not any(c[0] == "closed" and c[1] == "false_alarm" for c in cases):
        failures.append("no case closed as a false alarm")
    return failures


def play(client: RelaisClient, conversation: dict) -> list[TurnResult]:
    sender = f"blind-{conversation['id']}-{uuid.uuid4().hex[:8]}"
    results = []
    previous_messages: list[str] = []
    for number, turn in enumerate(conversation["turns"], start=1):
        messages = [m.get("text", "") for m in client.say(sender, turn["user"]) if m.get("text")]
        reply = "\n".join(messages)
        failures = check_turn(turn.get("expect") or {}, reply, client.tracker(sender), client.cases(sender))
        if messages and previous_messages and messages[0] == previous_messages[-1]:
            failures.append("same message as the previous reply")
        previous_messages = messages or previous_messages
        results.append(TurnResult(conversation["id"], number, turn["user"], reply, failures))
    return results
