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
        except IntegrityError:
            # A concurrent writer inserted the same unique row first; start again from scratch.
            logger.info("Unique-constraint conflict, retrying (attempt %d)", attempt)
    return _run_once(session_factory, work)


def _run_once(session_factory: SessionFactory, work: Callable[[Session], T]) -> T:
    try:
        with session_factory() as session, session.begin():
            return work(session)
    except IntegrityError:
        raise
    except (DBAPIError, PoolTimeoutError) as error:
        raise StorageUnavailable(f"database unavailable: {error.__class__.__name__}") from error
