"""Telegram edge: the per-chat inbox (durable updates and outgoing messages) and sent keyboards.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

Generated with `alembic revision --autogenerate`, checked by hand.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('relais_inbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('update_id', sa.BigInteger(), nullable=True),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('replies', sa.Text(), nullable=True),
    sa.Column('delivered', sa.Integer(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('update', 'outgoing')", name=op.f('ck_relais_inbox_kind')),
    sa.CheckConstraint("status IN ('pending', 'answered', 'done')", name=op.f('ck_relais_inbox_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relais_inbox')),
    sa.UniqueConstraint('update_id', name=op.f('uq_relais_inbox_update_id'))
    )
    with op.batch_alter_table('relais_inbox', schema=None) as batch_op:
        batch_op.create_index('ix_relais_inbox_chat_id_status_id', ['chat_id', 'status', 'id'], unique=False)

    op.create_table('relais_keyboards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('buttons', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relais_keyboards')),
    sa.UniqueConstraint('chat_id', 'message_id', name=op.f('uq_relais_keyboards_chat_id_message_id'))
    )


def downgrade() -> None:
    op.drop_table('relais_keyboards')
    with op.batch_alter_table('relais_inbox', schema=None) as batch_op:
        batch_op.drop_index('ix_relais_inbox_chat_id_status_id')

    op.drop_table('relais_inbox')
