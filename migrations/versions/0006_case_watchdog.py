"""The watchdog of taken cases: the audit records a citizen's message to the coach (never its
content) and the reminder sent to the coach.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Written by hand (autogenerate does not compare CHECK constraints).
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

OLD_AUDIT_ACTIONS = ("announced", "reannounced", "taken", "message", "handed_back", "transferred",
                     "closed", "refused", "false_alarm", "alert_raised")
NEW_AUDIT_ACTIONS = OLD_AUDIT_ACTIONS + ("citizen_message", "reminded")


def _in(column, values):
    return sa.column(column).in_(values)


def upgrade() -> None:
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_case_audit_action'), type_='check')
        batch_op.create_check_constraint('action', _in('action', NEW_AUDIT_ACTIONS))


def downgrade() -> None:
    op.execute(sa.text(
        "DELETE FROM relais_case_audit WHERE action IN ('citizen_message', 'reminded')"))
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_case_audit_action'), type_='check')
        batch_op.create_check_constraint('action', _in('action', OLD_AUDIT_ACTIONS))
