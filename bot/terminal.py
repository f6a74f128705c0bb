"""Chat with Relais in the terminal, through the same bridge as Telegram: the same commands,
the same rule that typed text never reaches Rasa as an intent, the same safety net when Rasa
is down, and a crisis message's first reply printed before anything waits on Rasa. Buttons are
shown as numbered choices: typing the number sends the button's payload.

With the local coach desk (`make desk`) in another terminal: while a coach has the
conversation the bot stays silent, messages go to the coach, and the coach's answers appear.
"""

import asyncio
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.bridge import Bridge, RecentFirstReplies, first_reply_at_once
from bot.coach_record import record_for_coach
from bot.conversation import Button, Reply, Turn
from bot.inbound import to_rasa
from bot.outbox_pump import OutboxPump
from bot.rasa_client import RasaClient
from relais.progress_chart import FILENAME, PictureError, photo_bytes
from relais.services.desk import DeskService
from relais.services.errors import StorageUnavailable
from relais.services.inbox import InboxService
from relais.settings import Settings, load_settings

PROMPT = "\nVous > "
EXPORTS = Path(__file__).resolve().parent.parent / "var" / "exports"
# The pictures the bot sends (the progress chart), as Telegram would show them.
IMAGES = Path(__file__).resolve().parent.parent / "var" / "images"


def render(replies: Sequence[Reply]) -> list[Button]:
    """Print the bot's replies; return the buttons of the last one, to be picked by number."""
    buttons: list[Button] = []
    for reply in replies:
        if reply.photo:
            print(f"\nRelais > (image) {_saved_photo(reply.photo)}")
        if reply.text:
            print(f"\nRelais > {reply.text}")
        if reply.document:
            print(f"\nRelais > (document) {save_document(reply.document)}")
        buttons = list(reply.buttons)
        for number, button in enumerate(buttons, start=1):
            print(f"   {number}. {button.title}")
    return buttons


def save_document(document: dict[str, Any], folder: Path = EXPORTS) -> Path:
    """A document the bot sends (the data export) becomes a file, as Telegram would deliver it.
    It holds a citizen's data: readable by its owner only (0600, in a 0700 folder)."""
    text = json.dumps(document.get("content"), ensure_ascii=False, indent=2)
    return _write_private(folder, str(document.get("filename", "document.json")), text.encode("utf-8"))


def save_photo(photo: dict[str, Any], folder: Path = IMAGES) -> Path:
    """A photo the bot sends (the progress chart) becomes a PNG file, private like a document
    (it shows the citizen's moods). PictureError if the payload is not a PNG."""
    return _write_private(folder, str(photo.get("filename") or FILENAME), photo_bytes(photo))


def _saved_photo(photo: dict[str, Any]) -> str:
    try:
        return str(save_photo(photo, IMAGES))
    except (PictureError, OSError) as error:
        return f"illisible ({error})"


def _write_private(folder: Path, filename: str, content: bytes) -> Path:
    """`content` in `folder` under a timestamped `filename` (its last part only: the name
    cannot leave the folder), 0600 in a 0700 folder."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)  # mkdir's mode is masked by the umask, and the folder may exist already
    path = folder / f"{int(time.time())}-{Path(filename).name}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    os.chmod(path, 0o600)  # an earlier file of the same name may have had wider rights
    return path


def turn_for(sender: str, typed: str, buttons: Sequence[Button]) -> Turn:
    """A number picks a button Relais sent (its payload); anything else is typed text."""
    choice = typed.strip()
    if choice.isdigit() and 1 <= int(choice) <= len(buttons):
        return Turn(sender, buttons[int(choice) - 1].payload, typed="")
    return Turn(sender, to_rasa(typed), typed=typed)


class LocalChat:
    """One citizen's conversation in the terminal."""

    def __init__(self, sender: str, bridge: Bridge, rasa: RasaClient, desk: DeskService) -> None:
        self.sender = sender
        self._bridge = bridge
        self._rasa = rasa
        self._desk = desk

    async def answer(self, turn: Turn) -> list[Reply]:
        """The replies to `turn`; a crisis message's first reply among them unless the turn
        says it was given already (see `first_reply_at_once`)."""
        if await self._coach_has_it():
            await record_for_coach(self._rasa, self.sender, turn.typed, {})
            first, _ = first_reply_at_once(turn)  # a crisis still gets the numbers
            return [first] if first else []
        return await self._bridge.answer_or_safety_net(turn)

    async def _coach_has_it(self) -> bool:
        try:
            return await asyncio.to_thread(self._desk.taken_case, self.sender) is not None
        except StorageUnavailable:
            return False  # without the database, the bot answers (safety net included)


async def print_coach_messages(inbox: InboxService, sender: str) -> None:
    """What the coach (local desk) sends, as Telegram would deliver it."""
    while True:
        try:
            item = await asyncio.to_thread(inbox.next_for_chat, sender)
            if item is not None and item.replies is not None:
                render([Reply.from_dict(reply) for reply in item.replies])
                print(PROMPT, end="", flush=True)
                await asyncio.to_thread(inbox.finish, item.id)
                continue
        except StorageUnavailable:
            pass
        await asyncio.sleep(0.5)


async def exchange(local: LocalChat, typed: str, buttons: list[Button],
                   recent: RecentFirstReplies) -> list[Button]:
    """One message of the citizen and what Relais says; the choices on offer after it."""
    # A crisis: its first reply now, whatever Rasa does next; Rasa is told it was given.
    first, turn = first_reply_at_once(turn_for(local.sender, typed, buttons), recent)
    if first is not None:
        render([first])
    replies = await local.answer(turn)
    if not replies:  # nothing while a coach has the conversation: the choices stay
        return buttons
    return render(replies)


async def chat(local: LocalChat, inbox: InboxService, pump: OutboxPump | None = None) -> None:
    """The conversation until Ctrl-D; the coach's messages and the units' news (`inbox`)
    printed as they come."""
    printer = asyncio.create_task(print_coach_messages(inbox, local.sender))
    stop = asyncio.Event()
    notifying = asyncio.create_task(pump.watch(stop)) if pump else None
    print("Relais, en local. Écrivez votre message (Ctrl-D pour quitter, /aide pour l'aide).")
    buttons: list[Button] = []
    recent = RecentFirstReplies()
    try:
        while True:
            try:
                typed = await asyncio.to_thread(input, PROMPT)
            except EOFError:
                break
            if not typed.strip():
                continue
            buttons = await exchange(local, typed, buttons, recent)
    finally:
        printer.cancel()
        stop.set()
        if notifying:
            await asyncio.gather(notifying, return_exceptions=True)


async def _chat_until_done(settings: Settings) -> None:
    # Imported here: the composition module imports this one (it builds the LocalChat).
    from bot.composition import terminal_chat

    async with terminal_chat(settings) as wired:
        await chat(wired.local, wired.inbox, wired.pump)


def main() -> None:
    asyncio.run(_chat_until_done(load_settings()))


if __name__ == "__main__":
    main()
