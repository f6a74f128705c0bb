"""Erasure, measured (issue #11): a citizen lives a full life with Relais through the Telegram
edge (consent, a check-in, a goal, a case taken by a coach with messages and a photo relayed
into its topic, a copy of their data), then erases it. Counted before and after: the citizen's
rows in EVERY table of the database (reflected, Rasa's `events` included), their messages
left in the coaches' group of the fake Bot API, and the Redis keys about the conversation.

tests/test_citizen_data.py checks the counts; bench/erasure_counts.py prints them.
"""

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import redis
from sqlalchemy import MetaData, String, Table, create_engine, func, inspect, or_, select, tuple_

from relais.pseudonym import citizen_label
from tests.support.edge_runner import taken_in
from tests.support.fake_bot_api import FakeBotApi
from tests.support.waiting import until

COACH = 501
PSEUDONYM_KEY = "clé de mesure des pseudonymes"


@dataclass
class Citizen:
    """What identifies the citizen's data, noted before the erasure (after it, the rows that
    link them are gone)."""

    chat_id: int
    citizen_ids: set[int] = field(default_factory=set)
    case_ids: set[int] = field(default_factory=set)
    topics: set[tuple[int, int]] = field(default_factory=set)  # (group chat id, thread id)
    grievance_ids: set[int] = field(default_factory=set)  # their doléances and envies
    said: list[str] = field(default_factory=list)  # what the citizen wrote, to find it anywhere

    def note_links(self, database_url: str) -> None:
        engine = create_engine(database_url, future=True)
        with engine.connect() as connection:
            tables = _tables(connection)
            citizens = tables["relais_citizens"]
            self.citizen_ids |= set(connection.execute(select(citizens.c.id).where(
                citizens.c.conversation_id == str(self.chat_id))).scalars())
            cases = tables["relais_cases"]
            self.case_ids |= set(connection.execute(select(cases.c.id).where(
                cases.c.citizen_id.in_(self.citizen_ids))).scalars())
            grievances = tables["relais_grievances"]
            self.grievance_ids |= set(connection.execute(select(grievances.c.id).where(
                grievances.c.citizen_id.in_(self.citizen_ids))).scalars())
            topics = tables["relais_case_topics"]
            self.topics |= set(connection.execute(select(topics.c.chat_id, topics.c.thread_id).where(
                topics.c.case_id.in_(self.case_ids))).all())
        engine.dispose()


# The web space's agents, their answer templates and the territorial events they declare:
# nothing of any citizen (who an event reached lives in relais_event_recipients); the
# observatory's cells and their refreshes: counts, never a citizen.
AGENTS_TABLES = ("relais_agents", "relais_answer_templates", "relais_events",
                 "relais_observatory_cells", "relais_observatory_refreshes",
                 "relais_observatory_figures")


def rows_per_table(database_url: str, citizen: Citizen) -> dict[str, int]:
    """The citizen's rows in every table: by conversation, sender or chat id (text or number),
    citizen id, case id, or topic of the coaches' group."""
    engine = create_engine(database_url, future=True)
    counts = {}
    with engine.connect() as connection:
        for name, table in sorted(_tables(connection).items()):
            conditions = _citizen_conditions(table, citizen)
            if not conditions:
                if name.endswith("alembic_version") or name in AGENTS_TABLES:
                    continue
                raise AssertionError(f"table {name} has no column that could name a citizen")
            counts[name] = connection.execute(
                select(func.count()).select_from(table).where(or_(*conditions))).scalar_one()
    engine.dispose()
    return counts


def _citizen_conditions(table: Table, citizen: Citizen) -> list:
    conditions = []
    for column_name in ("conversation_id", "sender_id", "chat_id"):
        if column_name in table.c:
            column = table.c[column_name]
            value = str(citizen.chat_id) if isinstance(column.type, String) else citizen.chat_id
            conditions.append(column == value)
    if "citizen_id" in table.c:
        conditions.append(table.c.citizen_id.in_(citizen.citizen_ids or {-1}))
    if "case_id" in table.c:
        conditions.append(table.c.case_id.in_(citizen.case_ids or {-1}))
    if "grievance_id" in table.c:
        conditions.append(table.c.grievance_id.in_(citizen.grievance_ids or {-1}))
    if table.name == "relais_grievances":
        conditions.append(table.c.id.in_(citizen.grievance_ids or {-1}))
    if table.name == "relais_cases":
        conditions.append(table.c.id.in_(citizen.case_ids or {-1}))
    if table.name == "relais_citizens":
        conditions.append(table.c.id.in_(citizen.citizen_ids or {-1}))
    if "thread_id" in table.c and citizen.topics:
        conditions.append(tuple_(table.c.chat_id, table.c.thread_id).in_(list(citizen.topics)))
    return conditions


def _tables(connection) -> dict[str, Table]:
    metadata = MetaData()
    return {name: Table(name, metadata, autoload_with=connection)
            for name in inspect(connection).get_table_names()}


def telegram_messages_left(fake: FakeBotApi, coaches: int, citizen: Citizen) -> dict[str, int]:
    """In the coaches' group: the citizen's topics still there, the messages in them, and any
    message elsewhere in the group naming the citizen or quoting them."""
    threads = {thread for chat, thread in citizen.topics if chat == coaches}
    label = citizen_label(str(citizen.chat_id), PSEUDONYM_KEY)
    needles = [label, str(citizen.chat_id)] + citizen.said
    quoting = [m for m in fake.messages(coaches)
               if m.get("message_thread_id") not in threads
               and any(needle in (m.get("text") or "") for needle in needles)]
    return {
        "topics": len(threads & set(fake.topics(coaches))),
        "messages in the topics": sum(len(fake.messages(coaches, thread)) for thread in threads),
        "messages elsewhere naming or quoting the citizen": len(quoting),
    }


def redis_keys(redis_url: str | None, chat_id: int) -> int | None:
    """Keys about the conversation in every database of the Redis server (the lock store and
    the unrecorded conversations use the URL's database, or 1)."""
    if not redis_url:
        return None
    client = redis.Redis.from_url(redis_url)
    databases = int(client.config_get("databases").get("databases", 16))
    found = 0
    for db in range(databases):
        found += sum(1 for _ in redis.Redis.from_url(redis_url, db=db).scan_iter(match=f"*{chat_id}*"))
    return found


# --- the citizen's life, through the edge ----------------------------------------------------

async def says(edge, fake: FakeBotApi, chat: int, message, citizen: Citizen | None = None) -> list[str]:
    """A message (text or update) from the citizen; the texts the bot sent back."""
    before = len(fake.delivered(chat))
    if isinstance(message, str):
        if citizen is not None and not message.startswith("/"):
            citizen.said.append(message)
        message = fake.text_update(chat, message)
    await taken_in(edge, fake, fake.push_update(message))
    return [m["text"] for m in fake.delivered(chat)[before:] if m.get("text")]


async def taps(edge, fake: FakeBotApi, chat: int, title_part: str) -> list[str]:
    """Taps the button whose title contains `title_part`, on the last keyboard sent."""
    keyboard = [m for m in fake.delivered(chat) if m.get("reply_markup")][-1]
    rows = keyboard["reply_markup"]["inline_keyboard"]
    button = next(b for row in rows for b in row if title_part.lower() in b["text"].lower())
    return await says(edge, fake, chat, fake.callback_update(chat, keyboard["message_id"],
                                                             button["callback_data"]))


def coach_update(fake: FakeBotApi, coaches: int, thread_id: int | None, text: str) -> dict:
    sender = {"id": COACH, "is_bot": False, "first_name": "Alice"}
    return fake.group_update(coaches, text, chat_type="supergroup", message_thread_id=thread_id,
                             **{"from": sender})


async def full_life(edge, fake: FakeBotApi, coaches: int, chat: int, database_url: str) -> Citizen:
    """Consent, a check-in, a goal, a case taken with messages and a photo, a copy of the data."""
    citizen = Citizen(chat)
    await says(edge, fake, chat, "/start")
    await taps(edge, fake, chat, "accepte")
    await says(edge, fake, chat, "je viens faire le point de la semaine", citizen)
    await taps(edge, fake, chat, "4")
    await says(edge, fake, chat, "j'ai calfeutré la porte d'entrée", citizen)
    await says(edge, fake, chat, "isoler les fenêtres de la chambre", citizen)
    texts = await says(edge, fake, chat, "je voudrais parler à un conseiller", citizen)
    assert any("dossier n°" in t for t in texts), texts
    citizen.note_links(database_url)
    await until(lambda: bool(_topics_of(fake, coaches, citizen, database_url)))
    thread_id = next(iter(citizen.topics))[1]
    card = await _card(fake, coaches, thread_id)
    case_id = next(iter(citizen.case_ids))
    fake.push_update({"callback_query": {
        "id": f"cq{random.randint(1, 10**9)}", "from": {"id": COACH, "is_bot": False, "first_name": "Alice"},
        "chat_instance": "x", "data": f"take:{case_id}", "message": card}})
    await until(lambda: any("vous rejoint" in (m.get("text") or "") for m in fake.delivered(chat)))
    fake.push_update(coach_update(fake, coaches, thread_id, "Bonjour, je suis Alice. Comment allez-vous ?"))
    await until(lambda: any("Comment allez-vous" in (m.get("text") or "") for m in fake.delivered(chat)))
    await says(edge, fake, chat, "j'ai très froid la nuit, le chauffage est coupé", citizen)
    await says(edge, fake, chat, fake.media_update(chat, "photo", caption="mon radiateur"))
    await until(lambda: any("copy_of" in m for m in fake.messages(coaches, thread_id)))
    fake.push_update(coach_update(fake, coaches, thread_id, "/rendre"))
    await until(lambda: any("à nouveau l'assistant" in (m.get("text") or "") for m in fake.delivered(chat)))
    await says(edge, fake, chat, "/mesdonnees")
    await until(lambda: bool(fake.sent("sendDocument", chat)))
    return citizen


def _topics_of(fake, coaches, citizen, database_url) -> set[tuple[int, int]]:
    citizen.note_links(database_url)
    return citizen.topics


async def _card(fake: FakeBotApi, coaches: int, thread_id: int) -> dict:
    await until(lambda: any(m.get("reply_markup") for m in fake.messages(coaches, thread_id)))
    return next(m for m in fake.messages(coaches, thread_id) if m.get("reply_markup"))


async def erase(edge, fake: FakeBotApi, chat: int, database_url: str) -> None:
    """The citizen erases their data; returns once the edge has deleted the topic."""
    await says(edge, fake, chat, "/oubli")
    texts = await taps(edge, fake, chat, "oui")
    assert any("effacées" in t for t in texts), texts
    await until(lambda: bool(fake.sent("deleteForumTopic")) and not _topic_erasures_pending(database_url))


def _topic_erasures_pending(database_url: str) -> bool:
    engine = create_engine(database_url, future=True)
    with engine.connect() as connection:
        table = Table("relais_topic_erasures", MetaData(), autoload_with=connection)
        pending = connection.execute(select(func.count()).select_from(table)).scalar_one() > 0
    engine.dispose()
    return pending


def measure(database_url: str, fake: FakeBotApi, coaches: int, citizen: Citizen,
            redis_url: str | None) -> dict:
    return {
        "rows": rows_per_table(database_url, citizen),
        "telegram": telegram_messages_left(fake, coaches, citizen),
        "redis_keys": redis_keys(redis_url, citizen.chat_id),
    }


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """Environment variables for the servers started inside (RasaStack passes os.environ)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update({name: value for name, value in values.items() if value is not None})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
