"""The database's crisis-kind constraint lists exactly relais.crisis.CRISIS_KINDS once migrated
to head (migration 0004 spells the list out, as history must; autogenerate never compares CHECK
constraints). On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

import re

from sqlalchemy import inspect

from relais.crisis import CRISIS_KINDS

CONSTRAINT = "ck_relais_cases_crisis_kind"


def _listed_in_database(engine) -> set[str]:
    (sqltext,) = (found["sqltext"] for found in inspect(engine).get_check_constraints("relais_cases")
                  if found["name"] == CONSTRAINT)
    # SQLite keeps "crisis_kind IN ('suicide', …)", PostgreSQL "… ARRAY['suicide'::character
    # varying, …]": the quoted values are the list either way.
    return set(re.findall(r"'([^']+)'", sqltext))


def test_the_database_lists_exactly_the_crisis_kinds(engine):
    listed = _listed_in_database(engine)

    assert listed == set(CRISIS_KINDS), (
        f"{CONSTRAINT} lists {sorted(listed)}, relais.crisis.CRISIS_KINDS {sorted(CRISIS_KINDS)}: "
        "write a migration that recreates the constraint with the new list")
