"""Chat with Relais in the terminal, through the same inbound rules as Telegram.

Buttons are shown as numbered choices: typing the number sends the button's payload.
"""

import asyncio
import json
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List

from bot.inbound import to_rasa
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.replies import fallback_reply
from relais.settings import load_settings

PROMPT = "\nVous > "
EXPORTS = Path(__file__).resolve().parent.parent / "var" / "exports"


def render(messages: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    """Print the bot's messages; return the buttons of the last one, to be picked by number."""
    buttons: List[Dict[str, str]] = []
    for message in messages:
        if message.get("text"):
            print(f"\nRelais > {message['text']}")
        document = (message.get("custom") or {}).get("document")
        if document:
            print(f"\nRelais > (document) {save_document(document)}")
        buttons = message.get("buttons") or []
        for number, button in enumerate(buttons, start=1):
            print(f"   {number}. {button['title']}")
    return buttons


def save_document(document: Dict[str, Any]) -> Path:
    """A document the bot sends (the data export) becomes a file, as Telegram would deliver it."""
    EXPORTS.mkdir(parents=True, exist_ok=True)
    path = EXPORTS / f"{int(time.time())}-{document.get('filename', 'document.json')}"
    path.write_text(json.dumps(document.get("content"), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


async def chat() -> None:
    settings = load_settings()
    client = RasaClient(settings.rasa_url, settings.rasa_timeout_seconds)
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("Relais, en local. Écrivez votre message (Ctrl-D pour quitter, /aide pour l'aide).")
    buttons: List[Dict[str, str]] = []
    try:
        while True:
            try:
                typed = await asyncio.to_thread(input, PROMPT)
            except EOFError:
                break
            if not typed.strip():
                continue
            choice = typed.strip()
            if choice.isdigit() and 1 <= int(choice) <= len(buttons):
                outgoing = buttons[int(choice) - 1]["payload"]  # a payload Relais itself sent
            else:
                outgoing = to_rasa(typed)
            try:
                buttons = render(await client.send(sender, outgoing))
            except RasaUnavailable:
                print(f"\nRelais > {fallback_reply(typed)}")
    finally:
        await client.close()


def main() -> None:
    asyncio.run(chat())


if __name__ == "__main__":
    main()
