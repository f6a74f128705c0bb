"""Whole conversations played by a person (or a helper session playing citizens) against a
running Relais: Rasa's REST channel, the action server and a SQLite database, as the Telegram
edge would reach them. One command per turn, so that each message can answer the last reply.

    python bench/persona_chat.py serve                 # starts the stack, runs until killed
    python bench/persona_chat.py say P1 "bonjour"      # one message from citizen P1
    python bench/persona_chat.py tap P1 "Oui"          # taps a button of P1's last reply
    python bench/persona_chat.py cases P1              # the cases opened for P1
    python bench/persona_chat.py declare coupure_eau danger 43 "Eau non potable…"   # an event
    python bench/persona_chat.py inbox P1              # what Relais sent P1 first (alerts, check-ins)

`serve` writes what the other commands need to var/persona/stack.json.
"""

import json
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, select, text

from bot.inbound import to_rasa
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.directory import RelaisDirectory
from relais.models import InboxEntry
from relais.services.events import EventDraft, EventService
from relais.services.outbox import OutboxService
from tests.support.rasa_stack import RasaStack
from tests.support.servers import ROOT

WORKDIR = ROOT / "var" / "persona"
STACK_FILE = WORKDIR / "stack.json"


def serve() -> None:
    WORKDIR.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{WORKDIR}/relais.db"
    upgrade_to_head(url)
    with RasaStack(url, WORKDIR / "stack") as stack:
        STACK_FILE.write_text(json.dumps({
            "rasa_url": stack.rasa_url, "headers": stack.edge_headers, "database_url": url,
            # Rasa's HTTP API (/model/parse) for reading what the models hear, on loopback.
            "auth_token": stack.auth_token,
        }))
        print(f"Relais is up at {stack.rasa_url}; Ctrl-C to stop.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


def _stack() -> dict:
    if not STACK_FILE.exists():
        sys.exit("Start the stack first: python bench/persona_chat.py serve")
    return json.loads(STACK_FILE.read_text())


def _buttons_file(sender: str) -> Path:
    return WORKDIR / f"buttons-{sender}.json"


def say(sender: str, message: str) -> None:
    """A typed message, as the Telegram edge passes it on (bot/inbound.py: a command as its
    intent, never other text as one). A new citizen first opens the bot, and Telegram sends
    /start, as it does for everyone."""
    if not _buttons_file(sender).exists():
        print("(Telegram : /start)")
        _send(sender, to_rasa("/start"))
    _send(sender, to_rasa(message))


def _send(sender: str, message: str) -> None:
    stack = _stack()
    with httpx.Client(base_url=stack["rasa_url"], headers=stack["headers"], timeout=120) as http:
        response = http.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
        response.raise_for_status()
    replies: list[dict] = response.json()
    buttons = [button for reply in replies for button in reply.get("buttons") or []]
    path = _buttons_file(sender)
    # On Telegram the buttons of an earlier message stay tappable: a reply without buttons (the
    # greeting after the consent question) keeps the earlier ones in reach.
    kept = buttons or (json.loads(path.read_text()) if path.exists() else [])
    path.write_text(json.dumps(kept, ensure_ascii=False))
    for reply in replies:
        if reply.get("text"):
            print(f"RELAIS: {reply['text']}")
        if reply.get("image"):
            print(f"RELAIS [image]: {reply['image']}")
    if buttons:
        print("BUTTONS: " + " | ".join(f"[{button.get('title')}]" for button in buttons))


def tap(sender: str, title: str) -> None:
    path = _buttons_file(sender)
    buttons = json.loads(path.read_text()) if path.exists() else []
    chosen = next((b for b in buttons if str(b.get("title", "")).lower() == title.lower()), None)
    if chosen is None:
        sys.exit(f"No button {title!r} in the last reply; buttons: {[b.get('title') for b in buttons]}")
    print(f"(taps [{chosen['title']}])")
    _send(sender, chosen["payload"])


def cases(sender: str) -> None:
    engine = create_engine(_stack()["database_url"], future=True)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "select c.id, c.status, c.priority, c.closing_note, c.contact_wishes from relais_cases c "
            "join relais_citizens z on z.id = c.citizen_id where z.conversation_id = :sender"
        ), {"sender": sender}).all()
    engine.dispose()
    print(rows or "no case")


def declare(kind: str, severity: str, departements: str, instructions: str) -> None:
    """An operator declares a territorial event, as from the web space or web/events_cli.py."""
    engine = create_engine_from_url(_stack()["database_url"])
    events = EventService(make_session_factory(engine), RelaisDirectory.load())
    event = events.declare(EventDraft(kind, severity, tuple(departements.split()), instructions))
    engine.dispose()
    print(f"event {event.id}: {event.alerted} alerted")


def inbox(sender: str) -> None:
    """What Relais sent the citizen first, as the edge would deliver it (there is no edge here):
    the outbox's due messages are moved, the citizen's printed and taken off their queue."""
    engine = create_engine_from_url(_stack()["database_url"])
    sessions = make_session_factory(engine)
    while OutboxService(sessions).move_due(500):
        pass
    with sessions() as session, session.begin():
        entries = session.scalars(select(InboxEntry).where(
            InboxEntry.chat_id == sender, InboxEntry.kind == "outgoing").order_by(InboxEntry.id)).all()
        replies = [reply for entry in entries for reply in json.loads(entry.replies or "[]")]
        for entry in entries:
            session.delete(entry)
    engine.dispose()
    buttons = [button for reply in replies for button in reply.get("buttons") or []]
    if buttons:
        _buttons_file(sender).write_text(json.dumps(buttons, ensure_ascii=False))
    for reply in replies:
        print(f"RELAIS (de lui-même): {reply.get('text')}")
    if buttons:
        print("BUTTONS: " + " | ".join(f"[{button.get('title')}]" for button in buttons))
    if not replies:
        print("(nothing)")


def main(args: list[str]) -> None:
    commands = {"serve": (serve, 0), "say": (say, 2), "tap": (tap, 2), "cases": (cases, 1),
                "declare": (declare, 4), "inbox": (inbox, 1)}
    if not args or args[0] not in commands or len(args) - 1 != commands[args[0]][1]:
        sys.exit(__doc__)
    function, _ = commands[args[0]]
    function(*args[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
