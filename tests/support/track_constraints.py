"""The database's CHECK constraints on a `track` column, tried against relais.tracks.TRACKS.

The models derive these constraints from TRACKS, but the database has what the migrations
wrote, and Alembic's autogenerate never compares CHECK constraints: a new track passes the
migration tests, then the database refuses its first enrolment at run time. So the constraints
are tried on a migrated database: a row for every track must be stored, a row for an unknown
id refused.
"""

from dataclasses import dataclass

from sqlalchemy import CheckConstraint, insert, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import ColumnClause

from relais.models import Base, Citizen

TRACK_COLUMN = "track"
UNKNOWN_TRACK = "pas_un_theme"

# What a row of each table with a track column needs besides its citizen and its track.
ROW_VALUES = {
    "relais_enrolments": {"phase": "continu"},
    "relais_progress": {"kind": "goal"},
    "relais_needs": {"phase": "continu"},
}


@dataclass(frozen=True)
class TrackConstraint:
    table: str
    name: str

    def fix(self) -> str:
        return (f"write a migration that recreates constraint {self.name} with the new list "
                "(relais.tracks.TRACKS; migrations/versions/0004_crisis_kinds.py does it for "
                "another list)")


def track_constraints() -> list[TrackConstraint]:
    """The CHECK constraints that the models declare on a `track` column."""
    return [
        TrackConstraint(table.name, str(constraint.name))
        for table in Base.metadata.sorted_tables
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint) and TRACK_COLUMN in _column_names(constraint)
    ]


def _column_names(constraint: CheckConstraint) -> set[str]:
    return {
        element.name for element in visitors.iterate(constraint.sqltext)
        if isinstance(element, ColumnClause)
    }


def accepts(engine: Engine, constraint: TrackConstraint, track: str) -> bool:
    """Whether the database stores a row of the constraint's table with this track. Nothing is
    kept: the row and its citizen are rolled back."""
    if constraint.table not in ROW_VALUES:
        raise LookupError(f"{constraint.table} has a track column: say in ROW_VALUES "
                          "(tests/support/track_constraints.py) what else its rows need")
    table = Base.metadata.tables[constraint.table]
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            citizen_id = connection.execute(
                insert(Citizen.__table__).values(conversation_id="track-constraint-check")
            ).inserted_primary_key[0]
            connection.execute(insert(table).values(
                citizen_id=citizen_id, **{TRACK_COLUMN: track}, **ROW_VALUES[constraint.table]
            ))
            return True
        except IntegrityError:
            return False
        finally:
            transaction.rollback()


def in_database(engine: Engine, constraint: TrackConstraint) -> str:
    """The constraint's expression as the database has it, for the failure messages."""
    for found in inspect(engine).get_check_constraints(constraint.table):
        if found["name"] == constraint.name:
            return found["sqltext"]
    return "absent"


def refusing(engine: Engine, track: str) -> list[TrackConstraint]:
    """The track constraints of the database that refuse this track id."""
    return [constraint for constraint in track_constraints()
            if not accepts(engine, constraint, track)]


def drift(engine: Engine, tracks) -> list[str]:
    """What differs between `tracks` and the database's constraints, one line each, with what
    to do about it; empty when they agree."""
    problems = []
    for constraint in track_constraints():
        refused = [track for track in tracks if not accepts(engine, constraint, track)]
        wrong = [f"refuses {', '.join(map(repr, refused))}"] if refused else []
        if accepts(engine, constraint, UNKNOWN_TRACK):
            wrong.append(f"accepts the unknown id {UNKNOWN_TRACK!r}")
        if wrong:
            problems.append(
                f"{constraint.name} on {constraint.table}.{TRACK_COLUMN} {' and '.join(wrong)} "
                f"(in the database: {in_database(engine, constraint)}): {constraint.fix()}"
            )
    return problems
