"""Attacks of issue #11 tried against a running `make run` stack, as a local process that holds
none of its secrets would try them. Prints one line per attack: what was tried, what happened.

    make run                       # in one terminal (or RASA_PORT / ACTIONS_PORT set)
    .venv/bin/python bench/attacks.py [--rasa-port 5005] [--actions-port 5055] [--edge-port 5034]

The victim is set up first as the operator would (consent and a check-in written through the
domain services on DATABASE_URL); everything after that goes over HTTP without a secret.
"""

import argparse
import os
import socket
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

from relais.database import create_engine_from_url, make_session_factory
from relais.services import ConsentService, DataRightsService, ProgressService
from relais.settings import PROJECT_ROOT, load_settings

Row = tuple[str, str, str]  # attack, command, result


def main() -> None:
    args = _arguments()
    services = _services()
    victim = f"victim-{uuid.uuid4().hex[:8]}"
    services["consent"].record_consent(victim, True, "attack-setup")
    services["progress"].log_checkin(victim, 2, "attack-setup")
    actions = f"http://127.0.0.1:{args.actions_port}"
    rasa = f"http://127.0.0.1:{args.rasa_port}"
    edge = f"http://127.0.0.1:{args.edge_port}"
    attacks: list[Callable[[], Row]] = [
        lambda: _action_export(actions, victim),
        lambda: _action_with_wrong_secret(actions, victim),
        lambda: _action_escalate(actions, victim),
        lambda: _action_erase(actions, victim, services["data_rights"]),
        lambda: _other_interface(args.actions_port),
        lambda: _rest_command(rasa, victim),
        lambda: _edge_callback(edge, victim),
        _token_on_command_line,
        _token_in_logs,
        _listening_sockets,
    ]
    for attack in attacks:
        name, command, result = attack()
        print(f"| {name} | `{command}` | {result} |")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    parser.add_argument("--actions-port", type=int, default=int(os.environ.get("ACTIONS_PORT", 5055)))
    parser.add_argument("--edge-port", type=int, default=int(os.environ.get("BRIDGE_PORT", 5034)))
    return parser.parse_args()


def _services() -> dict:
    session_factory = make_session_factory(create_engine_from_url(load_settings().database_url))
    return {
        "consent": ConsentService(session_factory),
        "progress": ProgressService(session_factory),
        "data_rights": DataRightsService(session_factory),
    }


def _action_call(actions: str, action: str, victim: str, headers=None) -> httpx.Response:
    body = {
        "next_action": action,
        "sender_id": victim,
        "tracker": {"sender_id": victim, "slots": {}, "latest_message": {"intent": {"name": "demander_humain"}},
                    "events": [], "paused": False, "followup_action": None, "active_loop": {},
                    "latest_action_name": None},
        "domain": {},
        "version": "3.6.21",
    }
    return httpx.post(f"{actions}/webhook", json=body, headers=headers or {}, timeout=30)


def _action_export(actions: str, victim: str) -> Row:
    command = f"curl -X POST {actions}/webhook -d '{{\"next_action\": \"action_exporter_donnees\", \"sender_id\": \"<victim>\", …}}'"
    response = _action_call(actions, "action_exporter_donnees", victim)
    leaked = "attack-setup" in response.text
    return ("export another citizen's data", command,
            f"HTTP {response.status_code}" + (", the victim's whole export returned" if leaked else ", nothing of the victim"))


def _action_with_wrong_secret(actions: str, victim: str) -> Row:
    command = f"curl -X POST -H 'Authorization: Bearer guess' {actions}/webhook -d '{{…action_exporter_donnees…}}'"
    response = _action_call(actions, "action_exporter_donnees", victim, {"Authorization": "Bearer guess"})
    leaked = "attack-setup" in response.text
    return ("same, with a guessed secret", command,
            f"HTTP {response.status_code}" + (", export returned" if leaked else ", nothing of the victim"))


def _action_escalate(actions: str, victim: str) -> Row:
    command = f"curl -X POST {actions}/webhook -d '{{\"next_action\": \"action_escalader\", …}}'"
    response = _action_call(actions, "action_escalader", victim)
    opened = '"escalation"' in response.text
    return ("open a fake case for the coaches", command,
            f"HTTP {response.status_code}" + (", a case was opened" if opened else ", no case"))


def _action_erase(actions: str, victim: str, data_rights: DataRightsService) -> Row:
    command = f"curl -X POST {actions}/webhook -d '{{\"next_action\": \"action_effacer_donnees\", …}}'"
    response = _action_call(actions, "action_effacer_donnees", victim)
    left = data_rights.export(victim)["progress"]
    return ("erase another citizen's data", command,
            f"HTTP {response.status_code}, victim's check-ins left: {len(left)}")


def _other_interface(port: int) -> Row:
    address = _non_loopback_address()
    command = f"nc -z {address} {port}"
    if address is None:
        return ("reach the action server from the network", command, "no non-loopback address on this host")
    with socket.socket() as sock:
        sock.settimeout(2)
        reachable = sock.connect_ex((address, port)) == 0
    return ("reach the action server from the network", command, "reachable" if reachable else "connection refused")


def _rest_command(rasa: str, victim: str) -> Row:
    command = f"curl -X POST {rasa}/webhooks/rest/webhook -d '{{\"sender\": \"<victim>\", \"message\": \"/oubli\"}}'"
    try:
        response = httpx.post(f"{rasa}/webhooks/rest/webhook", json={"sender": victim, "message": "/oubli"}, timeout=60)
    except httpx.HTTPError as error:
        return ("send a command as the victim", command, f"not reachable ({type(error).__name__})")
    answered = response.status_code == 200 and response.json()
    return ("send a command as the victim", command,
            f"HTTP {response.status_code}" + (", Rasa ran it and answered" if answered else ", not run"))


def _edge_callback(edge: str, victim: str) -> Row:
    body = {"recipient_id": "424242", "text": "Votre compte est bloqué, cliquez ici",
            "buttons": [{"title": "ok", "payload": "/effacer_donnees"}]}
    command = f"curl -X POST {edge}/rasa/callback -d '{{\"recipient_id\": …, \"text\": …, \"buttons\": …}}'"
    try:
        response = httpx.post(f"{edge}/rasa/callback", json=body, timeout=10)
    except httpx.HTTPError:
        return ("make the bot send any text", command, "not listening (terminal chat: no callback server)")
    return ("make the bot send any text", command, f"HTTP {response.status_code}")


def _secrets() -> list[str]:
    values = []
    token_file = PROJECT_ROOT / "var" / "rasa-auth-token"
    if token_file.exists():
        values.append(token_file.read_text().strip())
    secrets_file = PROJECT_ROOT / "var" / "secrets.env"
    if secrets_file.exists():
        for line in secrets_file.read_text().splitlines():
            if "=" in line:
                values.append(line.split("=", 1)[1].strip().strip("'\""))
    return [value for value in values if len(value) >= 8]


def _token_on_command_line() -> Row:
    secrets = _secrets()
    found = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        found += any(secret in text for secret in secrets)
    return ("read a secret in `ps`", "ps -eo args | grep <token>", f"{found} process(es) show a secret")


def _token_in_logs() -> Row:
    secrets = _secrets()
    lines = 0
    for log in (PROJECT_ROOT / "var" / "log").glob("*.log"):
        lines += sum(any(secret in line for secret in secrets) for line in log.read_text(errors="replace").splitlines())
    return ("read a secret in the logs", "grep -c <token> var/log/*.log", f"{lines} line(s)")


def _listening_sockets() -> Row:
    output = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout
    ours = _pids_running_in(PROJECT_ROOT)
    sockets = [line.split() for line in output.splitlines()
               if any(f"pid={pid}," in line for pid in ours) and "fake_bot_api" not in line]
    open_ = sorted({fields[3] for fields in sockets if not fields[3].startswith(("127.0.0.1:", "[::1]:"))})
    return ("listening sockets of the stack", "ss -ltnp", "all on 127.0.0.1" if not open_ else "open: " + ", ".join(open_))


def _pids_running_in(directory: Path) -> list[int]:
    """Processes of this checkout's stack (their working directory), not other checkouts'."""
    pids = []
    for cwd in Path("/proc").glob("[0-9]*/cwd"):
        try:
            if cwd.resolve() == directory.resolve():
                pids.append(int(cwd.parent.name))
        except OSError:
            continue
    return pids


def _non_loopback_address():
    output = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return next((address for address in output if not address.startswith("127.")), None)


if __name__ == "__main__":
    main()
