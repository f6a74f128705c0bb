"""The blind doléance sets of issue #14 (tests/blind/grievances_*.yml), played against a running
Relais (Rasa REST channel, action server, database), each turn checked.

The sets were written by helper sessions that never saw data/, the domain, the lexicon or the
tests, from a description of the feature (tests/blind/briefs/grievances_*.md). Never copy their
phrasings into the lexicon (relais/grievance_words.py); a new measure needs a new set.

Per turn, `expect` may say:
- recorded: by this turn, the conversation has recorded at least as many items as turns with
  `recorded` so far (an item recorded a turn earlier than expected, because Relais asked one
  question fewer, counts);
- not_recorded: this turn recorded nothing;
- reference_given: the reply gives a reference (« D-12 »);
- listed: the reply names every reference of the citizen (or says there is none);
- withdrawn / detail_added: this turn withdrew an item / added a detail;
- kind, theme, commune_or_code: of the latest item recorded (commune or postal code, accent-
  and case-insensitive, contained either way);
- not_fallback, contains_any: as in bench/conversations.py.

Usage: python bench/grievance_conversations.py [set name ...] [--quiet | --transcripts]
"""

import re
import sys
import tempfile
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from bench.conversations import BLIND, NOT_UNDERSTOOD, fold, load_set
from relais.database import create_engine_from_url, make_session_factory
from relais.models import Citizen, Grievance, GrievanceDetail
from tests.support.blind_conversations import RelaisClient, TurnResult

_REFERENCE = re.compile(r"\bD-\d+\b")


def set_names() -> list[str]:
    return sorted(path.stem for path in BLIND.glob("grievances_*.yml"))


@dataclass(frozen=True)
class Items:
    """The citizen's items as the database holds them."""

    rows: list[tuple[int, str, str, str, str | None, str | None]]  # id, kind, theme, status, commune, code
    details: int

    @property
    def references(self) -> set[str]:
        return {f"D-{row[0]}" for row in self.rows}

    def withdrawn(self) -> int:
        return sum(row[3] == "retiree" for row in self.rows)


class GrievanceProbe:
    def __init__(self, database_url: str) -> None:
        self._engine = create_engine_from_url(database_url)
        self._sessions = make_session_factory(self._engine)

    def items(self, sender: str) -> Items:
        with self._sessions() as session:
            rows = session.execute(
                select(Grievance.id, Grievance.kind, Grievance.theme, Grievance.status,
                       Grievance.commune, Grievance.postal_code)
                .join(Citizen, Citizen.id == Grievance.citizen_id)
                .where(Citizen.conversation_id == sender).order_by(Grievance.id)).all()
            details = session.scalar(
                select(func.count(GrievanceDetail.id)).join(Grievance, Grievance.id == GrievanceDetail.grievance_id)
                .join(Citizen, Citizen.id == Grievance.citizen_id).where(Citizen.conversation_id == sender)) or 0
        return Items([tuple(row) for row in rows], int(details))  # type: ignore[misc]

    def close(self) -> None:
        self._engine.dispose()


def check(expect: dict, reply: str, utterances: list[str], before: Items, after: Items,
          recorded_expected: int, at_start: int) -> list[str]:
    failures = []
    new = len(after.rows) - len(before.rows)
    if expect.get("recorded") and len(after.rows) - at_start < recorded_expected:
        failures.append("not recorded")
    if expect.get("not_recorded") and new > 0:
        failures.append("recorded")
    if expect.get("reference_given") and not _REFERENCE.search(reply):
        failures.append("no reference")
    if expect.get("listed") and not (after.references and after.references <= set(_REFERENCE.findall(reply))
                                     or not after.references and "aucune" in fold(reply)):
        failures.append("not listed")
    if expect.get("withdrawn") and after.withdrawn() <= before.withdrawn():
        failures.append("not withdrawn")
    if expect.get("detail_added") and after.details <= before.details:
        failures.append("no detail")
    latest = after.rows[-1] if after.rows else None
    if "kind" in expect and (latest is None or latest[1] != expect["kind"]):
        failures.append(f"kind {latest[1] if latest else None}, expected {expect['kind']}")
    if "theme" in expect and (latest is None or latest[2] != expect["theme"]):
        failures.append(f"theme {latest[2] if latest else None}, expected {expect['theme']}")
    if "commune_or_code" in expect:
        wanted = fold(str(expect["commune_or_code"]))
        places = [fold(p) for p in (latest[4], latest[5]) if p] if latest else []
        if not any(wanted in place or place in wanted for place in places):
            failures.append(f"place {places}, expected {wanted!r}")
    if expect.get("not_fallback") and NOT_UNDERSTOOD & set(utterances):
        failures.append("fallback")
    if expect.get("contains_any") and not any(fold(w) in fold(reply) for w in expect["contains_any"]):
        failures.append(f"none of {expect['contains_any']}")
    return failures


def play(client: RelaisClient, probe: GrievanceProbe, conversation: dict) -> list[TurnResult]:
    sender = f"grv-{uuid.uuid4().hex[:12]}"
    results = []
    recorded_expected = 0
    at_start = len(probe.items(sender).rows)
    for number, turn in enumerate(conversation["turns"], 1):
        expect = turn.get("expect") or {}
        recorded_expected += bool(expect.get("recorded"))
        before = probe.items(sender)
        said = [m for m in client.say(sender, turn["user"]) if m.get("text")]
        reply = "\n".join(m["text"] for m in said)
        events = client.tracker(sender).get("events", [])
        last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
        utterances = [(e.get("metadata") or {}).get("utter_action") for e in events[last_user + 1:]
                      if e.get("event") == "bot"]
        failures = check(expect, reply, utterances, before, probe.items(sender), recorded_expected, at_start)
        results.append(TurnResult(conversation["id"], number, turn["user"], reply, failures))
    return results


def report(name: str, conversations: list[dict], results: dict[str, list[TurnResult]], verbose: bool | str) -> float:
    passed = [c["id"] for c in conversations if not any(r.failures for r in results[c["id"]])]
    turns = [r for c in conversations for r in results[c["id"]]]
    turns_ok = sum(not r.failures for r in turns)
    kinds = Counter(f.split(" ")[0] for r in turns for f in r.failures)
    print(f"=== {name}: {len(passed)}/{len(conversations)} conversations fully pass, "
          f"{turns_ok}/{len(turns)} turns; failed checks: {dict(kinds.most_common())}")
    if verbose == "all":
        for conversation in conversations:
            for result in results[conversation["id"]]:
                print(f"  {result.conversation} turn {result.turn} {'FAIL ' + '; '.join(result.failures) if result.failures else 'ok'}")
                print(f"      user:  {result.user}")
                print(f"      reply: {result.reply[:400]!r}")
    elif verbose:
        for conversation in conversations:
            for result in results[conversation["id"]]:
                if result.failures:
                    print(f"  {result.conversation} turn {result.turn}: {result.user[:90]!r}: {'; '.join(result.failures)}")
                    print(f"      reply: {result.reply[:240]!r}")
    return len(passed) / len(conversations)


def run_set(client: RelaisClient, probe: GrievanceProbe, name: str, verbose: bool | str = True) -> float:
    conversations = load_set(name)
    results = {c["id"]: play(client, probe, c) for c in conversations}
    return report(name, conversations, results, verbose)


def main(names: list[str]) -> None:
    from relais.database import upgrade_to_head
    from tests.support.heldout import quiet_rasa_logs
    from tests.support.rasa_stack import RasaStack

    quiet_rasa_logs()
    verbose: bool | str = "all" if "--transcripts" in names else "--quiet" not in names
    names = [n for n in names if not n.startswith("--")]
    with tempfile.TemporaryDirectory() as workdir:
        url = f"sqlite:///{workdir}/relais.db"
        upgrade_to_head(url)
        with RasaStack(url, Path(workdir) / "stack") as stack:
            client = RelaisClient(stack.rasa_url, stack.auth_token, url, stack.edge_headers)
            probe = GrievanceProbe(url)
            try:
                for name in names or set_names():
                    run_set(client, probe, name, verbose)
            finally:
                client.close()
                probe.close()


if __name__ == "__main__":
    main(sys.argv[1:])
