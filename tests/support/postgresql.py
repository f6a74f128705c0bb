"""A fresh PostgreSQL schema per test (or benchmark), dropped afterwards."""

import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema


def fresh_postgresql_schema(base_url: str) -> Iterator[str]:
    """Yields the URL of a new, empty schema of the `base_url` database; drops it at the end."""
    schema = f"relais_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, future=True)
    with admin.begin() as connection:
        connection.execute(CreateSchema(schema))
    # Every connection of the test sees only its schema (search_path), so tests never share
    # tables and PostgreSQL's `public` is left alone.
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(DropSchema(schema, cascade=True))
        admin.dispose()
