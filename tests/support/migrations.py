"""Undoing the migrations, which only the migration tests do."""

from alembic import command

from relais.database import alembic_config


def downgrade_to_base(url: str) -> None:
    """Remove Relais' tables (Rasa's `events` is left alone)."""
    command.downgrade(alembic_config(url), "base")
