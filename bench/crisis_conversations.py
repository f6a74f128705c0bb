"""The blind multi-turn crisis conversations (tests/support/blind_conversations.py), played
turn by turn against a Relais this script starts (on SQLite), each failed turn printed.

Usage: python bench/crisis_conversations.py [set name ...]
"""

import sys
import tempfile
from pathlib import Path

from tests.support.blind_conversations import RelaisClient, TurnResult, load_set, play, set_names


def report(name: str, conversations: list[dict], results: dict[str, list[TurnResult]],
           verbose: bool = True) -> float:
    passed = [c["id"] for c in conversations if not any(r.failures for r in results[c["id"]])]
    turns = [r for c in conversations for r in results[c["id"]]]
    turns_ok = sum(not r.failures for r in turns)
    print(f"=== {name}: {len(passed)}/{len(conversations)} conversations fully pass, "
          f"{turns_ok}/{len(turns)} turns")
    if verbose:
        for conversation in conversations:
            for result in results[conversation["id"]]:
                if result.failures:
                    print(f"  {result.conversation} turn {result.turn} ({conversation.get('kind')}): "
                          f"{result.user!r}: {'; '.join(result.failures)}")
                    print(f"      reply: {result.reply[:300]!r}")
    return len(passed) / len(conversations)


def main(names: list[str]) -> None:
    from relais.database import upgrade_to_head
    from tests.support.heldout import quiet_rasa_logs
    from tests.support.rasa_stack import RasaStack

    quiet_rasa_logs()
    with tempfile.TemporaryDirectory() as workdir:
        url = f"sqlite:///{workdir}/relais.db"
        upgrade_to_head(url)
        with RasaStack(url, Path(workdir) / "stack") as stack:
            client = RelaisClient(stack.rasa_url, stack.auth_token, url, stack.edge_headers)
            try:
                for name in names or set_names():
                    conversations = load_set(name)
                    results = {c["id"]: play(client, c) for c in conversations}
                    report(name, conversations, results)
            finally:
                client.close()


if __name__ == "__main__":
    main(sys.argv[1:])
