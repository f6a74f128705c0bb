"""Erasure reaches the coaches' group: the messages of each case's topic, and the topics to
delete from Telegram after a citizen erased their data.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Generated with `alembic revision --autogenerate`, checked by hand.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('relais_topic_erasures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('thread_id', sa.BigInteger(), nullable=False),
    sa.Column('message_ids', sa.Text(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relais_topic_erasures'))
    )
    op.create_table('relais_topic_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('thread_id', sa.BigInteger(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['chat_id', 'thread_id'], ['relais_case_topics.chat_id', 'relais_case_topics.thread_id'], name=op.f('fk_relais_topic_messages_chat_id_relais_case_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relais_topic_messages'))
    )
    with op.batch_alter_table('relais_topic_messages', schema=None) as batch_op:
        batch_op.create_index('ix_relais_topic_messages_chat_id_thread_id', ['chat_id', 'thread_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('relais_topic_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_relais_topic_messages_chat_id_thread_id')
    op.drop_table('relais_topic_messages')
    op.drop_table('relais_topic_erasures')
