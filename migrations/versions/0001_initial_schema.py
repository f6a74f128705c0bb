"""Initial schema: citizens, enrolments, progress entries and cases.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Generated with `alembic revision --autogenerate`, then checked by hand: constraint names follow
relais.models.NAMING_CONVENTION, CHECK constraints are spelled out (autogenerate never
compares them), and the partial unique index keeps at most one active case per citizen on
both SQLite and PostgreSQL. Rasa's `events` table is not Relais' and is never touched here.
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TRACKS_CHECK = (
    "track IN ('alimentation', 'mobilite', 'economie', 'logement', 'travail', 'energie', "
    "'numerique', 'permaculture')"
)
ACTIVE_CASE = "status IN ('open', 'taken')"


def upgrade() -> None:
    op.create_table(
        "relais_citizens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("consent_status", sa.String(length=16), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consent_notice_version", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "consent_status IN ('given', 'withdrawn')",
            name=op.f("ck_relais_citizens_consent_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relais_citizens")),
        sa.UniqueConstraint("conversation_id", name=op.f("uq_relais_citizens_conversation_id")),
    )

    op.create_table(
        "relais_enrolments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("track", sa.String(length=32), nullable=False),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(TRACKS_CHECK, name=op.f("ck_relais_enrolments_track")),
        sa.CheckConstraint(
            "phase IN ('urgence', 'continu')", name=op.f("ck_relais_enrolments_phase")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"],
            ["relais_citizens.id"],
            name=op.f("fk_relais_enrolments_citizen_id_relais_citizens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relais_enrolments")),
        sa.UniqueConstraint(
            "citizen_id", "track", name=op.f("uq_relais_enrolments_citizen_id_track")
        ),
    )

    op.create_table(
        "relais_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("track", sa.String(length=32), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('checkin', 'goal', 'action_done', 'action_skipped')",
            name=op.f("ck_relais_progress_kind"),
        ),
        sa.CheckConstraint(TRACKS_CHECK, name=op.f("ck_relais_progress_track")),
        sa.CheckConstraint("mood BETWEEN 1 AND 5", name=op.f("ck_relais_progress_mood")),
        sa.ForeignKeyConstraint(
            ["citizen_id"],
            ["relais_citizens.id"],
            name=op.f("fk_relais_progress_citizen_id_relais_citizens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relais_progress")),
    )
    op.create_index(
        "ix_relais_progress_citizen_id_created_at",
        "relais_progress",
        ["citizen_id", "created_at"],
        unique=False,
    )

    op.create_table(
        "relais_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("relais_code", sa.String(length=16), nullable=True),
        sa.Column("assigned_coach", sa.Text(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handed_back_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closing_note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "reason IN ('crisis', 'citizen_request', 'repeated_misunderstanding', 'no_progress')",
            name=op.f("ck_relais_cases_reason"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'taken', 'handed_back', 'closed')",
            name=op.f("ck_relais_cases_status"),
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"],
            ["relais_citizens.id"],
            name=op.f("fk_relais_cases_citizen_id_relais_citizens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relais_cases")),
    )
    op.create_index(
        op.f("ix_relais_cases_citizen_id"), "relais_cases", ["citizen_id"], unique=False
    )
    # At most one open or taken case per citizen, whatever the number of concurrent writers.
    op.create_index(
        "uq_relais_cases_one_active_per_citizen",
        "relais_cases",
        ["citizen_id"],
        unique=True,
        sqlite_where=sa.text(ACTIVE_CASE),
        postgresql_where=sa.text(ACTIVE_CASE),
    )


def downgrade() -> None:
    # Children first: their foreign keys point at relais_citizens.
    op.drop_index("uq_relais_cases_one_active_per_citizen", table_name="relais_cases")
    op.drop_index(op.f("ix_relais_cases_citizen_id"), table_name="relais_cases")
    op.drop_table("relais_cases")
    op.drop_index("ix_relais_progress_citizen_id_created_at", table_name="relais_progress")
    op.drop_table("relais_progress")
    op.drop_table("relais_enrolments")
    op.drop_table("relais_citizens")
