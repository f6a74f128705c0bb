"""Chat with Relais in the terminal, through the same bridge as Telegram: the same commands,
the same rule that typed text never reaches Rasa as an intent, the same safety net when Rasa
is down. Buttons are shown as numbered choices: typing the number sends the button's payload.
"""

import asyncio
import json
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Sequence

from bot.bridge import Bridge
from bot.conversation import Button, Reply, Turn
from bot.inbound import to_rasa
from bot.rasa_client import RasaClient
from relais.settings import load_settings

PROMPT = "\nVous > "
EXPORTS = Path(__file__).resolve().parent.parent / "var" / "exports"


def render(replies: Sequence[Reply]) -> List[Button]:
    """Print the bot's replies; return the buttons of the last one, to be picked by number."""
    buttons: List[Button] = []
    for reply in replies:
        if reply.text:
            print(f"\nRelais > {reply.text}")
        if reply.document:
            print(f"\nRelais > (document) {save_document(reply.document)}")
        buttons = list(reply.buttons)
        for number, button in enumerate(buttons, start=1):
            print(f"   {number}. {button.title}")
    return buttons


def save_document(document: Dict[str, Any]) -> Path:
    """A document the bot sends (the data export) becomes a file, as Telegram would deliver it."""
    EXPORTS.mkdir(parents=True, exist_ok=True)
    path = EXPORTS / f"{int(time.time())}-{document.get('filename', 'document.json')}"
    path.write_text(json.dumps(document.get("content"), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def turn_for(sender: str, typed: str, buttons: Sequence[Button]) -> Turn:
    """A number picks a button Relais sent (its payload); anything else is typed text."""
    choice = typed.strip()
    if choice.isdigit() and 1 <= int(choice) <= len(buttons):
        return Turn(sender, buttons[int(choice) - 1].payload, typed="")
    return Turn(sender, to_rasa(typed), typed=typed)


async def chat() -> None:
    settings = load_settings()
    rasa = RasaClient(settings.rasa_url, settings.rasa_timeout_seconds,
                      settings.rasa_auth_token, settings.action_server_url)
    bridge = Bridge(rasa)
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("Relais, en local. Écrivez votre message (Ctrl-D pour quitter, /aide pour l'aide).")
    buttons: List[Button] = []
    try:
        while True:
            try:
                typed = await asyncio.to_thread(input, PROMPT)
            except EOFError:
                break
            if not typed.strip():
                continue
            buttons = render(await bridge.answer_or_safety_net(turn_for(sender, typed, buttons)))
    finally:
        await rasa.close()


def main() -> None:
    asyncio.run(chat())


if __name__ == "__main__":
    main()
