"""Engines, sessions and migrations. Nothing here runs at import time.

One database holds Rasa's tracker store (`events`) and Relais' tables (`relais_*`): an SQLite
file under `var/` by default, PostgreSQL in production, both through `DATABASE_URL`.

Usage::

    engine = create_engine_from_url(load_settings().database_url)
    session_factory = make_session_factory(engine)
    ProgressService(session_factory).log_checkin("123456", mood=4)
"""

import logging
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, CursorResult, Engine, Result, make_url
from sqlalchemy.orm import Session, sessionmaker

from relais.settings import PROJECT_ROOT, load_settings

logger = logging.getLogger(__name__)

# What the services take: a factory of Sessions. sessionmaker is generic in the stubs
# (sqlalchemy2-stubs) only; SQLAlchemy 1.4's class cannot be subscripted at run time.
if TYPE_CHECKING:
    # The stubs' own overloads type sessionmaker(bind=...) as sessionmaker[Session], but with
    # current mypy Session no longer matches their _SessionProtocol bound (identity_map's type),
    # so spelling it out is refused with [type-var].
    SessionFactory: TypeAlias = sessionmaker[Session]  # type: ignore[type-var]
else:
    SessionFactory = sessionmaker

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"


def create_engine_from_url(url: str, sqlite_foreign_keys: bool = True) -> Engine:
    """An engine for `url` (SQLAlchemy 2.0-style API). Does not connect yet.

    `sqlite_foreign_keys=False` is only for migrations: Alembic's batch mode rebuilds SQLite
    tables (copy, drop, rename), and with foreign keys enforced dropping the old parent table
    would cascade-delete every child row.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _create_sqlite_engine(url, sqlite_foreign_keys)
    # pool_pre_ping: a PostgreSQL restart or an idle timeout must not cost a citizen's message.
    return create_engine(url, future=True, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> SessionFactory:
    """Sessions for the services. Objects stay readable after commit (expire_on_commit=False)."""
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


def _create_sqlite_engine(url: str, foreign_keys: bool) -> Engine:
    _create_parent_folder(url)
    # The action server and the Telegram edge use sessions from several threads.
    engine = create_engine(url, future=True, connect_args={"check_same_thread": False})

    def _configure_connection(dbapi_connection: sqlite3.Connection, connection_record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (the sqlite3
        # module delays BEGIN and commits around DDL on its own).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # SQLite ignores foreign keys (and ON DELETE CASCADE) unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys = ON" if foreign_keys else "PRAGMA foreign_keys = OFF")
        cursor.close()

    def _begin_immediate(connection: Connection) -> None:
        # Take the write lock at BEGIN: a deferred transaction that reads, then writes, can
        # fail at once with "database is locked" when another writer is committing, instead
        # of waiting for it. Transactions are short, so serialising them costs nothing here.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    # event.listen, not the @event.listens_for decorator, which the stubs leave untyped.
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def rowcount(result: Result) -> int:
    """The number of rows an UPDATE or a DELETE matched. The stubs type Session.execute() as
    returning a Result; for those statements it is a CursorResult, which counts them."""
    return cast(CursorResult, result).rowcount


def _create_parent_folder(url: str) -> None:
    """Create the folder of an SQLite file. A failure is logged, not raised: the first query
    then fails with an OperationalError, which the services report as StorageUnavailable."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        logger.warning("Cannot create the folder of the SQLite database %s: %s", database, error)


def alembic_config(url: str) -> Config:
    """Alembic's configuration for `url`, usable from any working directory."""
    config = Config(str(ALEMBIC_INI))  # its paths are relative to the ini file itself
    # Passed as an attribute, not as `sqlalchemy.url`: the ini parser would choke on the `%`
    # of URL-encoded passwords and options.
    config.attributes["database_url"] = url
    # Leave the caller's logging alone (env.py would otherwise load alembic.ini's loggers).
    config.attributes["configure_logging"] = False
    return config


def upgrade_to_head(url: str) -> None:
    """Apply every migration to the database at `url` (creates the SQLite file if needed)."""
    command.upgrade(alembic_config(url), "head")


def main() -> int:
    """`python -m relais.database`: bring the database of DATABASE_URL to the latest schema."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    upgrade_to_head(load_settings().database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
