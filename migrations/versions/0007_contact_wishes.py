"""A citizen's contact instructions on their case (« pas après 19 h », « pas d'appel »), the
audit of those instructions and of a withdrawal by the citizen, and the desk's watermark of what
it posted in the case's topic.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Written by hand (autogenerate does not compare CHECK constraints).
"""
from alembic import op
import sqlalchemy as sa

from relais.models import UTCDateTime

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

OLD_AUDIT_ACTIONS = ("announced", "reannounced", "taken", "message", "handed_back", "transferred",
                     "closed", "refused", "false_alarm", "alert_raised", "citizen_message",
                     "reminded")
NEW_AUDIT_ACTIONS = OLD_AUDIT_ACTIONS + ("contact_wish", "withdrawn")


def _in(column, values):
    return sa.column(column).in_(values)


def upgrade() -> None:
    with op.batch_alter_table('relais_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_wishes', sa.Text(), nullable=True))
    with op.batch_alter_table('relais_case_topics', schema=None) as batch_op:
        batch_op.add_column(sa.Column('noticed_until', UTCDateTime(), nullable=True))
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_case_audit_action'), type_='check')
        batch_op.create_check_constraint('action', _in('action', NEW_AUDIT_ACTIONS))


def downgrade() -> None:
    op.execute(sa.text(
        "DELETE FROM relais_case_audit WHERE action IN ('contact_wish', 'withdrawn')"))
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_case_audit_action'), type_='check')
        batch_op.create_check_constraint('action', _in('action', OLD_AUDIT_ACTIONS))
    with op.batch_alter_table('relais_case_topics', schema=None) as batch_op:
        batch_op.drop_column('noticed_until')
    with op.batch_alter_table('relais_cases', schema=None) as batch_op:
        batch_op.drop_column('contact_wishes')
