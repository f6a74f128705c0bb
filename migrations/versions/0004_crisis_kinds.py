"""Crisis kinds: the kind of a crisis case, when its alert was raised, and the audit of false
alarms and raised alerts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Written by hand (autogenerate does not compare CHECK constraints). The kinds are spelled out,
as they were on the day: a migration is history, and importing relais.crisis.CRISIS_KINDS would
rewrite it when the list changes. tests/domain/test_crisis_kind_constraint.py fails when the list
and the database drift apart; a new kind needs a new migration.
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OLD_AUDIT_ACTIONS = ("announced", "reannounced", "taken", "message", "handed_back", "transferred",
                     "closed", "refused")
NEW_AUDIT_ACTIONS = OLD_AUDIT_ACTIONS + ("false_alarm", "alert_raised")
CRISIS_KINDS = ("suicide", "self_harm", "violence", "child", "medical", "danger", "other_at_risk")


def _in(column, values):
    return sa.column(column).in_(values)


def upgrade() -> None:
    with op.batch_alter_table('relais_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('crisis_kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('alert_raised_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_check_constraint('crisis_kind', _in('crisis_kind', CRISIS_KINDS))
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_case_audit_action'), type_='check')
        batch_op.create_check_constraint('action', _in('action', NEW_AUDIT_ACTIONS))


def downgrade() -> None:
    op.execute(sa.text(
        "DELETE FROM relais_case_audit WHERE action IN ('false_alarm', 'alert_raised')"))
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_case_audit_action'), type_='check')
        batch_op.create_check_constraint('action', _in('action', OLD_AUDIT_ACTIONS))
    with op.batch_alter_table('relais_cases', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_cases_crisis_kind'), type_='check')
        batch_op.drop_column('alert_raised_at')
        batch_op.drop_column('crisis_kind')
