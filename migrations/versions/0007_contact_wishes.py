"""A citizen's contact instructions on their case (« pas après 19 h », « pas d'appel »), the
audit of those instructions and of a withdrawal by the citizen, the desk's watermark of what
it posted in the case's topic, and the coaches' messages those instructions hold.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Written by hand (autogenerate does not compare CHECK constraints).
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

OLD_AUDIT_ACTIONS = ("announced", "reannounced", "taken", "message", "handed_back", "transferred",
                     "closed", "refused", "false_alarm", "alert_raised", "citizen_message",
                     "reminded")
NEW_AUDIT_ACTIONS = OLD_AUDIT_ACTIONS + ("contact_wish", "withdrawn", "held", "held_sent",
                                         "held_dropped")


def _in(column, values):
    return sa.column(column).in_(values)


def upgrade() -> None:
    with op.batch_alter_table('relais_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_wishes', sa.Text(), nullable=True))
    with op.batch_alter_table('relais_case_topics', schema=None) as batch_op:
        batch_op.add_column(sa.Column('noticed_until', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_case_audit_action'), type_='check')
        batch_op.create_check_constraint('action', _in('action', NEW_AUDIT_ACTIONS))
    op.create_table(
        'relais_held_messages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('coach_name', sa.Text(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('held_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['relais_cases.id'],
                                name=op.f('fk_relais_held_messages_case_id_relais_cases'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_relais_held_messages')),
    )
    op.create_index(op.f('ix_relais_held_messages_case_id'), 'relais_held_messages', ['case_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_relais_held_messages_case_id'), table_name='relais_held_messages')
    op.drop_table('relais_held_messages')
    op.execute(sa.text(
        "DELETE FROM relais_case_audit WHERE action IN "
        "('contact_wish', 'withdrawn', 'held', 'held_sent', 'held_dropped')"))
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_relais_case_audit_action'), type_='check')
        batch_op.create_check_constraint('action', _in('action', OLD_AUDIT_ACTIONS))
    with op.batch_alter_table('relais_case_topics', schema=None) as batch_op:
        batch_op.drop_column('noticed_until')
    with op.batch_alter_table('relais_cases', schema=None) as batch_op:
        batch_op.drop_column('contact_wishes')
