"""Who may call whom (issue #11, items 1 and 2), against real processes on loopback.

The action server and Rasa as `make run` starts them (rasa_components/action_server.py and
rasa_server.py, secrets in the environment), and the Telegram edge with a fake Bot API:
- the action server listens on 127.0.0.1 only and refuses any call without its secret;
- Rasa's REST and callback channels refuse a message without the edge's secret;
- the edge refuses Rasa's callback without that secret, and keeps no button whose payload is
  not an intent of the domain;
- no secret on a command line (/proc/<pid>/cmdline), and Rasa's token in no log line of the edge.
"""

import logging
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from aiohttp import web
from sqlalchemy import create_engine, text

from bot.bridge import Bridge
from bot.composition import telegram_edge
from bot.conversation import Turn
from bot.rasa_client import RasaClient, RasaUnavailable
from relais.settings import Settings
from relais.shared_secrets import ACTION_SERVER_AUTH_HEADER, EDGE_SECRET_HEADER
from tests.support.fake_bot_api import FakeBotApi
from tests.support.hung_server import HungServer
from tests.support.servers import ROOT, free_port
from tests.support.update_ids import next_update_id_base

LOOPBACK = "127.0.0.1"


@pytest.fixture(scope="module")
def stack(edge_stack):
    return edge_stack


def listening_addresses(port: int) -> set:
    """The local addresses of the listening TCP sockets on `port` (/proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.add(_address(address))
    return found


def _address(hex_address: str) -> str:
    if len(hex_address) == 8:  # IPv4, little-endian
        return ".".join(str(b) for b in reversed(bytes.fromhex(hex_address)))
    return "ipv6:" + hex_address


def action_call(sender: str, action: str = "action_exporter_donnees") -> dict:
    """A call as Rasa makes it, for a citizen who never talked to Relais."""
    return {
        "next_action": action, "sender_id": sender, "version": "3.6.2", "domain": {},
        "tracker": {"sender_id": sender, "slots": {}, "events": [], "paused": False,
                    "latest_message": {"text": "mes données", "intent": {"name": "mes_donnees"},
                                       "entities": []},
                    "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen"},
    }


# --- The action server ------------------------------------------------------------------------

def test_the_action_server_and_rasa_listen_on_loopback_only(stack):
    assert listening_addresses(stack.actions_port) == {LOOPBACK}
    assert listening_addresses(stack.rasa_port) == {LOOPBACK}


@pytest.mark.parametrize("headers", [{}, {ACTION_SERVER_AUTH_HEADER: "Bearer wrong"},
                                     {ACTION_SERVER_AUTH_HEADER: "wrong"}],
                         ids=["without", "wrong", "not bearer"])
def test_an_action_call_without_the_right_secret_is_refused(stack, headers):
    call = action_call(f"intruder-{uuid.uuid4().hex[:8]}")
    response = httpx.post(f"{stack.action_server_url}/webhook", json=call, headers=headers, timeout=30)
    assert response.status_code == 401
    assert "events" not in response.text
    assert httpx.get(f"{stack.action_server_url}/actions", headers=headers, timeout=30).status_code == 401


def test_an_action_call_with_the_secret_runs_the_action_and_health_stays_open(stack):
    assert httpx.get(f"{stack.action_server_url}/health", timeout=30).status_code == 200
    call = action_call(f"citizen-{uuid.uuid4().hex[:8]}")
    response = httpx.post(f"{stack.action_server_url}/webhook", json=call,
                          headers=stack.action_headers, timeout=60)
    assert response.status_code == 200
    assert "responses" in response.json()


def test_rasa_sends_the_secret_with_its_action_calls(stack):
    # A message that runs custom actions: with a refused call, Rasa would answer without them.
    sender = f"citizen-{uuid.uuid4().hex[:8]}"
    response = httpx.post(f"{stack.rasa_url}/webhooks/rest/webhook", headers=stack.edge_headers,
                          json={"sender": sender, "message": "bonjour"}, timeout=120)
    assert response.status_code == 200 and "Relais" in response.text
    log = (stack.workdir / "actions.log").read_text()
    # A refused call, not the digits 401 inside a port, a pid or a time (a flaky match seen on a
    # loaded machine).
    assert not re.search(r"(?<![\d.:])401(?!\d)|Unauthorized", log), log


@pytest.mark.parametrize("module, missing", [
    ("rasa_components.action_server", "ACTION_SERVER_SECRET"),
    ("rasa_components.rasa_server", "RASA_AUTH_TOKEN"),
    ("rasa_components.rasa_server", "EDGE_SECRET"),
])
def test_the_servers_refuse_to_start_without_their_secret(stack, module, missing):
    env = {**os.environ, **stack.secrets, "PYTHONPATH": str(ROOT)}
    env.pop(missing)
    done = subprocess.run([sys.executable, "-m", module, "-p", str(free_port())], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert missing in done.stderr


# --- Rasa's channels ----------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["rest", "callback"])
@pytest.mark.parametrize("headers", [{}, {EDGE_SECRET_HEADER: "wrong"}], ids=["without", "wrong"])
def test_rasas_channels_refuse_a_message_without_the_edges_secret(stack, channel, headers):
    sender = f"victim-{uuid.uuid4().hex[:8]}"
    response = httpx.post(f"{stack.rasa_url}/webhooks/{channel}/webhook", headers=headers,
                          json={"sender": sender, "message": "/consentir"}, timeout=60)
    assert response.status_code == 401
    tracker = httpx.get(f"{stack.rasa_url}/conversations/{sender}/tracker",
                        params={"token": stack.auth_token}, timeout=30).json()
    assert [e for e in tracker["events"] if e["event"] == "user"] == []  # nothing reached Rasa


def test_rasas_rest_channel_answers_the_edge_and_the_api_keeps_its_token(stack):
    response = httpx.post(f"{stack.rasa_url}/webhooks/rest/webhook", headers=stack.edge_headers,
                          json={"sender": f"citizen-{uuid.uuid4().hex[:8]}", "message": "bonjour"},
                          timeout=120)
    assert response.status_code == 200 and response.json()
    assert httpx.get(f"{stack.rasa_url}/webhooks/rest/", timeout=30).status_code == 200  # health
    assert httpx.get(f"{stack.rasa_url}/status", timeout=30).status_code == 401
    assert httpx.get(f"{stack.rasa_url}/status", params={"token": stack.auth_token},
                     timeout=30).status_code == 200


def test_no_secret_on_a_command_line(stack):
    for pid in (stack.rasa_pid, stack.actions_pid):
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
        assert "rasa_components" in cmdline
        for secret in stack.secrets.values():
            assert secret not in cmdline


# --- The edge's callback ------------------------------------------------------------------------

@pytest_asyncio.fixture
async def edge(stack):
    async with FakeBotApi(first_update_id=next_update_id_base()) as fake:
        settings = Settings(
            rasa_url=stack.rasa_url, rasa_auth_token=stack.auth_token, edge_secret=stack.edge_secret,
            action_server_url=stack.action_server_url, database_url=stack.database_url,
            telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url,
            bridge_port=stack.bridge_port,
        )
        async with telegram_edge(settings) as edge:
            edge.fake = fake
            yield edge


def callback_url(stack) -> str:
    return f"http://127.0.0.1:{stack.bridge_port}/rasa/callback"


@pytest.mark.asyncio(loop_scope="function")
@pytest.mark.parametrize("headers", [{}, {EDGE_SECRET_HEADER: "wrong"}], ids=["without", "wrong"])
async def test_the_edge_refuses_a_callback_without_the_secret(stack, edge, headers):
    chat = 7_000_001
    async with httpx.AsyncClient() as client:
        response = await client.post(callback_url(stack), headers=headers,
                                     json={"recipient_id": str(chat), "text": "Faux message"})
    assert response.status_code == 401
    await edge.queue.idle()
    assert edge.fake.delivered(chat) == []


@pytest.mark.asyncio(loop_scope="function")
async def test_a_callback_with_the_secret_is_delivered_without_buttons_outside_the_domain(
        stack, edge, caplog):
    chat = 7_000_002
    buttons = [{"title": "Oui", "payload": "/affirm"},
               {"title": "Choix", "payload": '/choisir{"choix":"seul"}'},
               {"title": "Piège", "payload": "/pirate"},
               {"title": "Slot", "payload": '/affirm{"consentement":"donne"}'},
               {"title": "Texte", "payload": "bonjour"}]
    async with httpx.AsyncClient() as client:
        response = await client.post(callback_url(stack), headers=stack.edge_headers,
                                     json={"recipient_id": str(chat), "text": "Un message",
                                           "buttons": buttons})
    assert response.status_code == 200
    await edge.fake.wait_for("sendMessage", 1, chat_id=chat)
    await edge.queue.idle()
    keyboard = edge.fake.delivered(chat)[0]["reply_markup"]["inline_keyboard"]
    assert [b["text"] for row in keyboard for b in row] == ["Oui", "Choix"]
    with create_engine(stack.database_url, future=True).connect() as connection:
        stored = connection.execute(text("select buttons from relais_keyboards where chat_id = :c"),
                                    {"c": str(chat)}).scalars().all()
    assert stored and all("pirate" not in row and "consentement" not in row for row in stored)
    dropped = [r for r in caplog.records if "Dropped 3 button" in r.getMessage()]
    assert dropped and dropped[0].levelno == logging.WARNING
    assert "Piège" not in caplog.text and "pirate" not in caplog.text


@pytest.mark.asyncio(loop_scope="function")
async def test_rasa_calls_the_edge_back_with_the_secret(stack, edge):
    chat = 7_000_003
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{stack.rasa_url}/conversations/{chat}/trigger_intent",
            params={"token": stack.auth_token, "output_channel": "callback"},
            json={"name": "aide"}, timeout=60)
    assert response.status_code == 200
    await edge.fake.wait_for("sendMessage", 1, chat_id=chat)


# --- Rasa's token in no log line --------------------------------------------------------------

async def _answers_500(request: web.Request) -> web.Response:
    return web.Response(status=500, text="boom")


@pytest_asyncio.fixture
async def failing_rasa():
    """A Rasa that answers 500 to everything."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", _answers_500)
    runner = web.AppRunner(app, access_log=None)  # the fake Rasa's log is not the edge's
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.mark.asyncio(loop_scope="function")
async def test_rasas_token_is_in_no_log_record_whatever_fails(stack, failing_rasa, caplog):
    token = f"token-{uuid.uuid4().hex}"
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "bot"):
        caplog.set_level(logging.DEBUG, logger=name)
    logger = logging.getLogger("bot.test_endpoints_security")
    async with HungServer() as hung:
        rasa_urls = {
            "down": f"http://127.0.0.1:{free_port()}",  # nothing listens
            "500": failing_rasa,
            "hung": hung.url,  # accepts, never answers: the client times out
            "wrong token": stack.rasa_url,  # a real Rasa answering 401
            "fine": stack.rasa_url,
        }
        for case, url in rasa_urls.items():
            rasa = RasaClient(url, timeout=2.0, auth_token=stack.auth_token if case == "fine" else token,
                              edge_secret=stack.edge_secret)
            try:
                for call in (rasa.tracker("7"), rasa.append_events("7", []), rasa.events("7"),
                             Bridge(rasa).answer_or_safety_net(Turn("7", "bonjour", "bonjour"))):
                    try:
                        await call
                    except (RasaUnavailable, httpx.HTTPError) as error:
                        # The worst a caller could do: the error and its traceback in the log.
                        logger.warning("%s: %s / %r", case, error, error)
                        logger.exception("%s", case)
            finally:
                await rasa.close()
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log
    for record in caplog.records:
        assert token not in record.getMessage() and stack.auth_token not in record.getMessage()
    assert token not in caplog.text and stack.auth_token not in caplog.text


def test_rasa_listens_on_loopback_unless_told_otherwise():
    from rasa_components.rasa_server import rasa_arguments

    default = rasa_arguments(["--model", "m.tar.gz", "-p", "5005"], "t0ken")
    assert default[default.index("-i") + 1] == "127.0.0.1"
    chosen = rasa_arguments(["-i", "10.0.0.5", "-p", "5005"], "t0ken")
    assert chosen.count("-i") == 1 and chosen[chosen.index("-i") + 1] == "10.0.0.5"


@pytest.mark.parametrize("token", ["-starts-with-a-dash", "plain_token-123"])
def test_any_token_reaches_rasa_whole_even_one_that_starts_with_a_dash(token):
    """token_urlsafe makes one token in 64 that starts with '-': Rasa must not exit on it."""
    from rasa.__main__ import create_argument_parser

    from rasa_components.rasa_server import rasa_arguments

    parsed = create_argument_parser().parse_args(rasa_arguments(["-p", "5005"], token)[1:])
    assert parsed.auth_token == token and parsed.enable_api
