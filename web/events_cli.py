"""Territorial events from a shell, for operators' scripts (issue #15); the agents' web space
does the same from /evenements. DATABASE_URL and RELAIS_DIRECTORY as for `make run`:

    python -m web.events_cli declare --kind coupure_eau --severity danger --departements 43 15 \
        --instructions "Eau non potable jusqu'à nouvel ordre : bouteilles à la mairie dès 14 h."
    python -m web.events_cli update 12 --instructions "Distribution prolongée jusqu'à 20 h." [--severity vigilance]
    python -m web.events_cli end 12 [--message "L'eau est de nouveau potable."]
    python -m web.events_cli list
    python -m web.events_cli welfare 12

Kinds: relais.models.EVENT_KINDS; severities: information, vigilance, danger. Instructions may
also come from stdin (`--instructions -`). A run is audited with no agent (a script).
"""

import argparse
import sys
from datetime import datetime
from typing import TextIO

from relais.database import create_engine_from_url, make_session_factory
from relais.directory import RelaisDirectory
from relais.events import EventError
from relais.models import EVENT_KINDS, SEVERITIES
from relais.services.events import EventDraft, EventService, EventView
from relais.settings import load_settings


def main(argv: list[str] | None = None, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    arguments = _parser().parse_args(argv)
    settings = load_settings()
    engine = create_engine_from_url(settings.database_url)
    try:
        service = EventService(make_session_factory(engine), RelaisDirectory.load(settings.relais_directory))
        return _run(service, arguments, stdin, out)
    except EventError as error:
        print(f"Refusé : {error}", file=sys.stderr)
        return 2
    except LookupError:
        print("Aucun événement en cours avec ce numéro.", file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def _run(service: EventService, arguments: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    if arguments.command == "declare":
        event = service.declare(EventDraft(
            kind=arguments.kind, severity=arguments.severity, departements=tuple(arguments.departements),
            instructions=_text(arguments.instructions, stdin), ends_at=arguments.ends_at))
        print(f"Événement {event.id} déclaré : {event.alerted} personne(s) alertée(s).", file=out)
    elif arguments.command == "update":
        event = service.update(arguments.id, _text(arguments.instructions, stdin), arguments.severity)
        print(f"Mise à jour de l'événement {event.id} envoyée à {event.alerted} personne(s).", file=out)
    elif arguments.command == "end":
        event = service.end(arguments.id, arguments.message or "")
        print(f"Événement {event.id} terminé : {event.alerted} personne(s) prévenue(s).", file=out)
    elif arguments.command == "list":
        for event in service.events():
            print(_line(event), file=out)
    else:
        for count in service.welfare(arguments.id):
            tracks = ", ".join(f"{track} {n}" for track, n in sorted(count.help_by_track.items()))
            print(f"{count.departement}: alertées {count.alerted}, tout va bien {count.fine}, "
                  f"besoin d'aide {count.help}{f' ({tracks})' if tracks else ''}, "
                  f"répondu autrement {count.wrote}, sans réponse {count.silent}, "
                  f"relancées {count.reminded}, signalées au relais {count.relayed}", file=out)
    return 0


def _line(event: EventView) -> str:
    return (f"{event.id}\t{event.status}\t{event.severity}\t{event.kind}\t"
            f"{' '.join(event.departements)}\t{event.starts_at:%Y-%m-%d %H:%M}\t{event.alerted}")


def _text(value: str, stdin: TextIO) -> str:
    return stdin.read() if value == "-" else value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m web.events_cli", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    declare = commands.add_parser("declare")
    declare.add_argument("--kind", required=True, choices=EVENT_KINDS)
    declare.add_argument("--severity", required=True, choices=SEVERITIES)
    declare.add_argument("--departements", required=True, nargs="+")
    declare.add_argument("--instructions", required=True)
    declare.add_argument("--ends-at", type=datetime.fromisoformat, default=None,
                         help="ISO 8601 with its offset, e.g. 2026-12-06T18:00+01:00")
    update = commands.add_parser("update")
    update.add_argument("id", type=int)
    update.add_argument("--instructions", required=True)
    update.add_argument("--severity", choices=SEVERITIES)
    end = commands.add_parser("end")
    end.add_argument("id", type=int)
    end.add_argument("--message")
    commands.add_parser("list")
    welfare = commands.add_parser("welfare")
    welfare.add_argument("id", type=int)
    return parser


if __name__ == "__main__":
    sys.exit(main())
