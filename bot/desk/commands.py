"""The coach desk's commands, one table for both desks: the Telegram group (`/clore note`) and
the terminal (`clore note`). Each entry names its handler, a method each desk implements
(`DeskCommands`), and its help in each desk; a desk without a way to spell it does not have it.
"""

import re
from dataclasses import dataclass
from typing import Protocol

from bot.desk.texts import TERMINAL_TEXT_GOES_TO_CITIZEN
from relais.services.escalation import CaseInfo


@dataclass(frozen=True)
class Command:
    handler: str  # the DeskCommands method that runs it
    telegram: str | None  # "/name" in the coaches' group
    terminal: tuple[str, ...]  # the words typed in the terminal desk
    telegram_help: str = ""
    terminal_help: str = ""
    # Acts on a case (the topic's, or the one taken at the terminal) ...
    on_case: bool = False
    # ... and only by whoever holds it (the coach who took it, or an admin).
    holder_only: bool = False
    # The argument must be a number (the terminal's `prendre N`; else the line is text).
    numeric: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("list_cases", "cases", ("dossiers", "cases"), "/cases", "dossiers"),
    Command("take", None, ("prendre",), terminal_help="prendre N", numeric=True),
    Command("hand_back", "rendre", ("rendre",), "/rendre", "rendre", on_case=True,
            holder_only=True),
    Command("close", "clore", ("clore",), "/clore <note>", "clore [note]", on_case=True,
            holder_only=True),
    Command("transfer", "transferer", ("transferer",), "/transferer <relais>", "transferer CODE",
            on_case=True, holder_only=True),
    Command("cancel_held", "annuler", (), "/annuler (messages retenus)", on_case=True,
            holder_only=True),
    Command("help", None, ("aide", "help", ""), terminal_help="aide"),
    Command("quit", None, ("quitter", "exit"), terminal_help="quitter"),
)


class DeskCommands(Protocol):
    """What a desk does for each handler of the table: `argument` is what follows the command;
    `case` the case it acts on (commands `on_case`)."""

    async def list_cases(self, argument: str) -> None: ...

    async def hand_back(self, case: CaseInfo, argument: str) -> None: ...

    async def close(self, case: CaseInfo, argument: str) -> None: ...

    async def transfer(self, case: CaseInfo, argument: str) -> None: ...


# A Telegram command: "/clore la note", "/cases@RelaisBot"; the name is read in lower case.
_TELEGRAM = re.compile(r"^/([a-z]+)(@\w+)?(?:\s+(.*))?$", re.IGNORECASE | re.DOTALL)


def read_telegram(text: str) -> tuple[str, str] | None:
    """A message of the coaches' group read as a command: its name (in lower case, known or
    not) and its argument; None when it is not a command (it goes to the citizen)."""
    match = _TELEGRAM.match(text or "")
    if match is None:
        return None
    return match.group(1).lower(), (match.group(3) or "").strip()


def telegram_command(name: str) -> Command | None:
    return next((command for command in COMMANDS if command.telegram == name), None)


def read_terminal(line: str) -> tuple[Command | None, str]:
    """A line typed at the terminal desk: its command (None: text for the citizen) and its
    argument."""
    word, _, rest = line.strip().partition(" ")
    word, rest = word.lower(), rest.strip()
    for command in COMMANDS:
        if word in command.terminal and (not command.numeric or rest.isdigit()):
            return command, rest
    return None, rest


def telegram_help() -> str:
    """The case's commands first, then the others."""
    ordered = ([c for c in COMMANDS if c.on_case] + [c for c in COMMANDS if not c.on_case])
    return "Commandes : " + ", ".join(c.telegram_help for c in ordered if c.telegram) + "."


def terminal_help() -> str:
    words = " | ".join(c.terminal_help for c in COMMANDS if c.terminal)
    return f"Commandes : {words}.\n{TERMINAL_TEXT_GOES_TO_CITIZEN}"
