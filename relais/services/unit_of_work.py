"""One transaction per service call, with database failures turned into StorageUnavailable."""

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session

from relais.database import SessionFactory
from relais.services.errors import StorageUnavailable

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Enough for the races the services expect (two writers creating the same citizen or case):
# the second attempt sees the row the other writer committed.
ATTEMPTS_ON_CONFLICT = 3


def run_in_transaction(session_factory: SessionFactory, work: Callable[[Session], T]) -> T:
    """Run `work(session)` in one transaction, committed when it returns, rolled back if it
    raises. `work` must return plain values (not ORM objects) and may run more than once."""
    for attempt in range(1, ATTEMPTS_ON_CONFLICT):
        try:
            return _run_once(session_factory, work)
        except IntegrityError as error:
            # Only a unique violation can be a race: a concurrent writer inserted the same row
            # first, and starting again sees it. A CHECK, NOT NULL or foreign-key violation is a
            # bug or bad data that a second attempt would only repeat: it is raised at once.
            if not is_unique_violation(error):
                raise
            logger.info("Unique-constraint conflict, retrying (attempt %d)", attempt)
    return _run_once(session_factory, work)


# PostgreSQL's SQLSTATE for unique_violation; SQLite (Python 3.10 exposes no error code) names
# it in its message, for UNIQUE constraints and primary keys alike.
_POSTGRESQL_UNIQUE_VIOLATION = "23505"
_SQLITE_UNIQUE_VIOLATION = "UNIQUE constraint failed"


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether the database refused a row because another one holds the same unique key."""
    driver_error = error.orig
    if getattr(driver_error, "pgcode", None) == _POSTGRESQL_UNIQUE_VIOLATION:
        return True
    return str(driver_error).startswith(_SQLITE_UNIQUE_VIOLATION)


def _run_once(session_factory: SessionFactory, work: Callable[[Session], T]) -> T:
    try:
        with session_factory() as session, session.begin():
            return work(session)
    except IntegrityError:
        raise
    except (DBAPIError, PoolTimeoutError) as error:
        raise StorageUnavailable(f"database unavailable: {error.__class__.__name__}") from error
