"""Manage the web space's agents from a shell (in .venv-edge, DATABASE_URL as for `make run`):

    python -m web.agents create --login c.martin --name "Claire Martin" --role unit \
        --territory unit:brioude

The password is asked twice on a terminal (getpass, never on the command line, where `ps` would
show it), or read from the first line of stdin when it is not a terminal (a script, a secret
manager). relais/passwords.py sets its minimum length.

Territories: unit:<code of directory/units.yml>, departement:<code>, region:<code of
directory/regions.yml>, nation:FR. Roles: unit, relais, negotiator.
"""

import argparse
import getpass
import sys
from typing import TextIO

from sqlalchemy.exc import IntegrityError

from relais.database import create_engine_from_url, make_session_factory
from relais.models import AGENT_ROLES
from relais.passwords import MIN_LENGTH
from relais.services.unit_desk import UnitDesk
from relais.settings import load_settings
from relais.territories import Territory, territories


def main(argv: list[str] | None = None, stdin: TextIO = sys.stdin) -> int:
    arguments = _parser().parse_args(argv)
    try:
        territory = parse_territory(arguments.territory)
        password = read_password(stdin)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    engine = create_engine_from_url(load_settings().database_url)
    try:
        desk = UnitDesk(make_session_factory(engine))
        agent_id = desk.create_agent(arguments.login, arguments.name, password, arguments.role,
                                     territory)
    except IntegrityError:
        print(f"An agent with the login {arguments.login!r} already exists.", file=sys.stderr)
        return 1
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    name = territories().name_of(territory)
    print(f"Agent {agent_id} created: {arguments.login.strip().lower()} ({arguments.role}, {name}).")
    return 0


def parse_territory(text: str) -> Territory:
    """« unit:brioude » → Territory("unit", "brioude"), if it exists."""
    kind, _, code = text.partition(":")
    territory = Territory(kind.strip(), code.strip())
    if not territories().exists(territory):
        raise ValueError(f"unknown territory {text!r}: unit:<code>, departement:<code>, "
                         "region:<code> or nation:FR")
    return territory


def read_password(stdin: TextIO) -> str:
    if stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            raise ValueError("the two passwords differ")
    else:
        password = stdin.readline().rstrip("\r\n")
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a password has at least {MIN_LENGTH} characters")
    return password


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m web.agents", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="create an agent of the web space")
    create.add_argument("--login", required=True)
    create.add_argument("--name", required=True, help="shown to colleagues (assignment, notes)")
    create.add_argument("--role", required=True, choices=AGENT_ROLES)
    create.add_argument("--territory", required=True, help="unit:brioude, departement:43, region:84, nation:FR")
    return parser


if __name__ == "__main__":
    sys.exit(main())
