"""The composition root (bot/composition.py): each runtime of bot/ built from the settings on a
temporary SQLite database, without a connection to anything (every TCP connect refused), and
nothing built at import time."""

import builtins
import socket
import subprocess
import sys

import pytest

from bot import composition, desk_terminal, terminal
from bot.chat_queue import ChatQueue
from bot.coach_desk import CoachDesk
from bot.desk_terminal import LocalDesk
from bot.telegram_edge import TelegramEdge
from bot.terminal import LocalChat
from relais.services.escalation import EscalationService
from relais.settings import Settings
from tests.support.paths import ROOT

pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest.fixture
def no_network(monkeypatch):
    """Any TCP connection fails the test: building a runtime must not connect."""
    attempts = []
    connect = socket.socket.connect

    def refuse(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError(f"no network in this test: connect to {address}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield
    assert attempts == []


@pytest.fixture
def settings(database_url):
    return Settings(database_url=database_url, telegram_bot_token="123456:test-token",
                    edge_secret="secret de l'edge", rasa_url="http://127.0.0.1:1")


@pytest.fixture
def lines(monkeypatch):
    """What is typed at the terminal: each `input` takes the next line; then Ctrl-D."""
    typed: list[str] = []

    def fake_input(prompt=""):
        if not typed:
            raise EOFError
        return typed.pop(0)

    monkeypatch.setattr(builtins, "input", fake_input)
    return typed


def test_importing_the_composition_root_builds_nothing():
    # A fresh interpreter: what importing the module (and all it imports) creates, alone.
    probe = (
        "import gc\n"
        "import bot.composition\n"
        "from sqlalchemy.engine import Engine\n"
        "from bot.rasa_client import RasaClient\n"
        "from telegram import Bot\n"
        "built = [type(o).__name__ for o in gc.get_objects() if isinstance(o, (Engine, RasaClient, Bot))]\n"
        "print(built)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"


async def test_the_telegram_edge_is_wired_from_the_settings(settings, no_network):
    wired = composition.wire_telegram_edge(settings)
    try:
        assert isinstance(wired.edge, TelegramEdge) and isinstance(wired.edge.queue, ChatQueue)
        assert wired.edge.desk is None and wired.eraser is None  # no COACH_CHAT_ID: no desk
        wired.edge.inbox.add_outgoing("42", [{"text": "bonjour"}])  # the temporary database
        assert wired.edge.inbox.next_for_chat("42").replies == [{"text": "bonjour"}]
    finally:
        await wired.close()


async def test_the_telegram_edge_gets_its_desk_with_a_coaches_group(settings, no_network):
    with_desk = settings.copy(update={"coach_chat_id": -1001999, "pseudonym_secret": "clé"})
    wired = composition.wire_telegram_edge(with_desk)
    try:
        assert isinstance(wired.edge.desk, CoachDesk) and wired.eraser is not None
        assert wired.edge.desk.config.chat_id == -1001999
    finally:
        await wired.close()


async def test_the_terminal_chat_is_built_from_the_settings(settings, sessions, no_network):
    async with composition.terminal_chat(settings) as wired:
        assert isinstance(wired.local, LocalChat) and wired.local.sender.startswith("terminal-")
        EscalationService(sessions).open_case(wired.local.sender, "citizen_request")
        assert not await wired.local._coach_has_it()  # read from the temporary database


async def test_the_terminal_desk_is_built_from_the_settings(settings, sessions, capsys, no_network):
    case = EscalationService(sessions).open_case("terminal-abc", "citizen_request", relais_code="ARA")
    async with composition.terminal_desk(settings, "Nadia") as desk:
        assert isinstance(desk, LocalDesk)
        assert f"n°{case.id}" in await desk.cases_text()  # without DESK_COACH_ID: every relais
    intruder = settings.copy(update={"desk_coach_id": 667})  # in no list of the directory
    async with composition.terminal_desk(intruder, "Marc") as desk:
        await desk.command("dossiers")
    assert "aucune action possible" in capsys.readouterr().out


async def test_make_desk_asks_the_composition_root_for_its_desk(settings, sessions, lines,
                                                                capsys, no_network):
    case = EscalationService(sessions).open_case("terminal-abc", "citizen_request")
    lines.extend(["Nadia", "dossiers", "quitter"])
    await desk_terminal._desk_until_done(settings)
    out = capsys.readouterr().out
    assert "Répétition locale" in out and "Bureau des coachs Relais, en local." in out
    assert out.count(f"n°{case.id}") >= 2  # at the start, then for « dossiers »


async def test_the_terminal_chat_asks_the_composition_root_for_its_chat(settings, lines, capsys,
                                                                        no_network):
    await terminal._chat_until_done(settings)  # Ctrl-D at once: nothing goes to Rasa
    assert "Relais, en local." in capsys.readouterr().out
