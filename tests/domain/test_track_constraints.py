"""The database's track constraints list exactly relais.tracks.TRACKS, once migrated to head.

test_migrations.test_models_match_the_migrations cannot see it: Alembic's autogenerate never
compares CHECK constraints. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
"""

from sqlalchemy import CheckConstraint

from relais.models import Base
from relais.tracks import TRACKS
from tests.support.track_constraints import drift, track_constraints


def test_the_tracks_are_constrained_on_enrolments_progress_and_needs():
    assert {constraint.name for constraint in track_constraints()} == {
        "ck_relais_enrolments_track", "ck_relais_progress_track", "ck_relais_needs_track",
    }


def test_the_models_derive_their_track_constraints_from_the_tracks():
    for constraint in track_constraints():
        (declared,) = (c for c in Base.metadata.tables[constraint.table].constraints
                       if isinstance(c, CheckConstraint) and c.name == constraint.name)
        listed = str(declared.sqltext.compile(compile_kwargs={"literal_binds": True}))
        assert listed == "track IN ({})".format(", ".join(f"'{track}'" for track in TRACKS))


def test_the_database_constraints_list_exactly_the_tracks(engine):
    problems = drift(engine, TRACKS)
    assert not problems, "\n".join(problems)


def test_a_track_missing_from_the_database_is_reported_with_the_fix(engine, monkeypatch):
    monkeypatch.setitem(TRACKS, "astronomie", "astronomie")

    problems = drift(engine, TRACKS)

    assert len(problems) == 3
    for constraint, problem in zip(track_constraints(), problems):
        assert f"{constraint.name} on {constraint.table}.track refuses 'astronomie'" in problem
        assert (f"write a migration that recreates constraint {constraint.name} with the new "
                "list") in problem
