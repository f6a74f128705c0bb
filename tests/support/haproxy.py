"""Debian's HAProxy on loopback, configured from the deployment's own file.

deploy/haproxy/haproxy.cfg is the one source of the load balancer's policy (timeouts, health
checks, retries and redispatch, balancing). It finds the replicas through Docker's DNS; here
the servers are processes on loopback ports. So the test's configuration is that file with
three kinds of lines rewritten, everything else kept as it is:

* `bind :PORT` -> `bind 127.0.0.1:<free port>` (each frontend on a port the caller chose);
* `server-template NAME N host:port OPTIONS resolvers docker init-addr none` -> one `server`
  line per loopback address, with the same OPTIONS (check interval, fall, rise);
* the `resolvers docker` section is dropped (nothing to resolve);

and one line added to `global`: a stats socket, through which a test sees which server holds
a request in flight (`show stat`).
"""

import csv
import io
import shutil
import socket
import subprocess
from pathlib import Path

from tests.support.paths import ROOT

DEPLOY_CONFIG = ROOT / "deploy" / "haproxy" / "haproxy.cfg"
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
# Options of the deploy file's server-template lines that only mean something with Docker's DNS.
_DNS_OPTIONS = {"resolvers": 1, "init-addr": 1}  # option -> how many values follow it


def installed() -> bool:
    return Path(HAPROXY).exists()


def loopback_config(binds: dict[str, int], servers: dict[str, list[str]], stats_socket: Path,
                    source: Path = DEPLOY_CONFIG) -> str:
    """The deploy file with `binds` (frontend name -> loopback port) and `servers` (backend
    name -> "127.0.0.1:port" addresses). Every frontend and backend of the file must be given:
    a section added to the deploy file fails here instead of listening on a fixed port."""
    out: list[str] = []
    section: tuple[str, str] = ("", "")
    skipping = False
    for line in source.read_text().splitlines():
        words = line.split()
        if line and not line[0].isspace():  # a section starts
            section = (words[0], words[1] if len(words) > 1 else "")
            skipping = section[0] == "resolvers"
            if skipping:
                continue
            out.append(line)
            if section[0] == "global":
                out.append(f"    stats socket {stats_socket} mode 600 level admin")
            continue
        if skipping:
            continue
        if words[:1] == ["bind"]:
            out.append(f"    bind 127.0.0.1:{binds[section[1]]}")
        elif words[:1] == ["server-template"]:
            out.extend(_servers(words, servers[section[1]]))
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _servers(template: list[str], addresses: list[str]) -> list[str]:
    """`server-template NAME N host:port OPTIONS` as one server line per address."""
    name, options = template[1], _without_dns(template[4:])
    return [f"    server {name}{number} {address} {' '.join(options)}"
            for number, address in enumerate(addresses, start=1)]


def _without_dns(options: list[str]) -> list[str]:
    kept, index = [], 0
    while index < len(options):
        if options[index] in _DNS_OPTIONS:
            index += 1 + _DNS_OPTIONS[options[index]]
            continue
        kept.append(options[index])
        index += 1
    return kept


def check(config: Path) -> None:
    """`haproxy -c`: the rendered file is valid for this HAProxy."""
    result = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def args(config: Path) -> list[str]:
    """HAProxy in the foreground (-db), logging to its stdout, as in the container."""
    return [HAPROXY, "-db", "-f", str(config)]


def server_sessions(stats_socket: Path) -> dict[tuple[str, str], int]:
    """Requests each server holds right now ((backend, server) -> current sessions)."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(stats_socket))
        sock.sendall(b"show stat\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    rows = csv.DictReader(io.StringIO(data.decode().lstrip("# ")))
    return {(row["pxname"], row["svname"]): int(row["scur"] or 0) for row in rows
            if row["svname"] not in ("FRONTEND", "BACKEND")}
