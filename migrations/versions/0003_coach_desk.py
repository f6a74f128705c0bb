"""Coach desk: the forum topic of each case, and the audit of what coaches do on cases.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

Generated with `alembic revision --autogenerate`, checked by hand.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('relais_case_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IN ('announced', 'reannounced', 'taken', 'message', 'handed_back', 'transferred', 'closed', 'refused')", name=op.f('ck_relais_case_audit_action')),
    sa.ForeignKeyConstraint(['case_id'], ['relais_cases.id'], name=op.f('fk_relais_case_audit_case_id_relais_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relais_case_audit'))
    )
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relais_case_audit_case_id'), ['case_id'], unique=False)

    op.create_table('relais_case_topics',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('thread_id', sa.BigInteger(), nullable=False),
    sa.Column('card_message_id', sa.BigInteger(), nullable=True),
    sa.Column('announced_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_called_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('called_priority', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['relais_cases.id'], name=op.f('fk_relais_case_topics_case_id_relais_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_relais_case_topics')),
    sa.UniqueConstraint('chat_id', 'thread_id', name=op.f('uq_relais_case_topics_chat_id_thread_id'))
    )


def downgrade() -> None:
    op.drop_table('relais_case_topics')
    with op.batch_alter_table('relais_case_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relais_case_audit_case_id'))

    op.drop_table('relais_case_audit')
