"""The inbox's lanes: an entry belongs to a citizen's chat or to a topic of the coaches' group
(served by the desk's own queue), instead of the desk's topics queued as fake chats `desk-<topic>`.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

Written by hand: the data migration moves the unfinished `desk-<topic>` entries into the desk's
lane (a finished entry has no chat any more: it stays a citizens' update id, which is all it
holds), and the downgrade moves them back.
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

CITIZEN, DESK = 'citizen', 'desk'
OLD_DESK_PREFIX = 'desk-'
# The chat of an entry whose chat is not known (as a finished entry's).
NO_CHAT = ''

inbox = sa.table(
    'relais_inbox',
    sa.column('id', sa.Integer), sa.column('lane', sa.String), sa.column('chat_id', sa.String),
    sa.column('topic_id', sa.BigInteger), sa.column('status', sa.String),
    sa.column('content', sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table('relais_inbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lane', sa.String(length=16), nullable=False,
                                      server_default=CITIZEN))
        batch_op.add_column(sa.Column('topic_id', sa.BigInteger(), nullable=True))
    _move_desk_entries_to_their_lane()
    with op.batch_alter_table('relais_inbox', schema=None) as batch_op:
        batch_op.alter_column('lane', existing_type=sa.String(length=16), server_default=None)
        batch_op.create_check_constraint('lane', sa.column('lane').in_((CITIZEN, DESK)))
        batch_op.create_check_constraint('topic_of_desk_only', sa.or_(
            sa.and_(sa.column('lane') == CITIZEN, sa.column('topic_id').is_(None)),
            sa.and_(sa.column('lane') == DESK, sa.column('topic_id').is_not(None)),
        ))
        batch_op.create_index('ix_relais_inbox_topic_id_status_id', ['topic_id', 'status', 'id'],
                              unique=False)


def downgrade() -> None:
    _move_desk_entries_back_to_fake_chats()
    with op.batch_alter_table('relais_inbox', schema=None) as batch_op:
        batch_op.drop_index('ix_relais_inbox_topic_id_status_id')
        batch_op.drop_constraint(op.f('ck_relais_inbox_topic_of_desk_only'), type_='check')
        batch_op.drop_constraint(op.f('ck_relais_inbox_lane'), type_='check')
        batch_op.drop_column('topic_id')
        batch_op.drop_column('lane')


def _move_desk_entries_to_their_lane() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(inbox.c.id, inbox.c.chat_id, inbox.c.content)
                        .where(inbox.c.chat_id.startswith(OLD_DESK_PREFIX))).all()
    for entry_id, chat_id, content in rows:
        bind.execute(sa.update(inbox).where(inbox.c.id == entry_id).values(
            lane=DESK, topic_id=int(chat_id[len(OLD_DESK_PREFIX):]),
            chat_id=_group_of(content)))


def _move_desk_entries_back_to_fake_chats() -> None:
    """Unfinished desk entries become `desk-<topic>` chats again, as the old edge served them;
    finished ones had no chat."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(inbox.c.id, inbox.c.topic_id, inbox.c.status)
                        .where(inbox.c.lane == DESK)).all()
    for entry_id, topic_id, status in rows:
        chat_id = NO_CHAT if status == 'done' else f'{OLD_DESK_PREFIX}{topic_id}'
        bind.execute(sa.update(inbox).where(inbox.c.id == entry_id).values(chat_id=chat_id))


def _group_of(content: str | None) -> str:
    """The coaches' group's chat id, read from the stored update (a message, an edit, or a tap
    on a message)."""
    update = (json.loads(content) if content else {}).get('update') or {}
    query = update.get('callback_query') or {}
    for message in (update.get('message'), update.get('edited_message'), query.get('message')):
        if message and (message.get('chat') or {}).get('id') is not None:
            return str(message['chat']['id'])
    return NO_CHAT
