"""The coach desk under load, through the real entry point (`python -m bot` with COACH_CHAT_ID)
against a fake Bot API server on loopback, with Rasa and the action server.

`--cases` (20) citizens consent, then ask for a person at the same time. Measured:
- escalation to topic: from the case row's creation (opened_at) to createForumTopic, and from
  the citizen's message to createForumTopic (Rasa's turn included);
- relay citizen -> coach: from the citizen's update to the message in the case's topic;
- relay coach -> citizen: from the coach's update in the topic to the citizen's sendMessage;
each direction `--messages` (5) times per case, all cases at once.

Telegram lets a bot send about 20 messages a minute into one group: with the rate limiter at
that limit, 20 busy cases in one coaches' group queue behind it. The figures are measured with
the group limit raised (`--group-limit`) to show what the desk itself costs; the README says
what the real limit means for a deployment.

Usage: python bench/coach_desk.py [--cases 20] [--messages 5] [--group-limit 100000]
       [--postgresql postgresql://user@host/db]
"""

import argparse
import asyncio
import random
import re
import secrets
import statistics
import time
from datetime import datetime, timezone

from sqlalchemy import create_engine, text

from bench.telegram_bridge import Bridge, percentile, wait_quiet
from relais.database import upgrade_to_head
from tests.support.fake_bot_api import FakeBotApi
from tests.support.postgresql import fresh_postgresql_schema
from tests.support.rasa_stack import RasaStack
from tests.support.servers import ROOT, free_port

WORK = ROOT / "var" / "bench" / "desk"
COACH, COACH_GROUP = 4242, -1009876543210


def wall_time(monotonic_at: float) -> float:
    return time.time() - (time.monotonic() - monotonic_at)


def line(name: str, values: list[float]) -> str:
    return (f"| {name} | {statistics.median(values) * 1000:.0f} ms | "
            f"{percentile(values, 0.95) * 1000:.0f} ms | {len(values)} |")


async def consent(fake: FakeBotApi, chat: int) -> None:
    fake.push_update(fake.text_update(chat, "/start"))
    await fake.wait_for("sendMessage", 1, chat_id=chat, timeout=120)
    await wait_quiet(fake, chat)
    card = [m for m in fake.delivered(chat) if m.get("reply_markup")][-1]
    fake.push_update(fake.callback_update(chat, card["message_id"], "b0"))
    await fake.wait_for("sendMessage", 2, chat_id=chat, timeout=120)
    await wait_quiet(fake, chat)


def topic_call(fake: FakeBotApi, case_id: int):
    for call in fake.calls:
        if call.method == "createForumTopic" and call.params["name"].startswith(f"n°{case_id} "):
            return call
    return None


async def wait_until(predicate, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        await asyncio.sleep(0.005)
    raise AssertionError("timed out")


async def one_case(fake, stack, chat, messages, figures) -> None:
    await consent(fake, chat)
    before = len(fake.delivered(chat))
    asked = time.time()
    fake.push_update(fake.text_update(chat, "je voudrais parler à un conseiller"))
    await fake.wait_for("sendMessage", before + 1, chat_id=chat, timeout=120)
    texts = " ".join(m["text"] for m in fake.delivered(chat))
    case_id = int(re.search(r"dossier n°\s*(\d+)", texts).group(1))
    topic = await wait_until(lambda: topic_call(fake, case_id))
    created = wall_time(topic.at)
    with create_engine(stack.database_url, future=True).connect() as connection:
        opened = connection.execute(text("select opened_at from relais_cases where id = :c"),
                                    {"c": case_id}).scalar_one()
    opened = datetime.fromisoformat(str(opened)).replace(tzinfo=timezone.utc).timestamp()
    figures["escalation"].append(created - opened)
    figures["message_to_topic"].append(created - asked)
    thread = topic.result["message_thread_id"]
    card = await wait_until(lambda: next((m for m in fake.delivered(COACH_GROUP)
                                          if m.get("message_thread_id") == thread
                                          and m.get("reply_markup")), None))
    coach = {"id": COACH, "is_bot": False, "first_name": "Alice"}
    fake.push_update({"callback_query": {"id": f"take{case_id}", "from": coach, "chat_instance": "x",
                                         "data": f"take:{case_id}", "message": card}})
    try:
        await wait_until(lambda: any("vous rejoint" in m["text"] for m in fake.delivered(chat)))
    except AssertionError as timed_out:
        with create_engine(stack.database_url, future=True).connect() as connection:
            status = connection.execute(text("select status from relais_cases where id = :c"),
                                        {"c": case_id}).scalar_one()
        raise AssertionError(f"case {case_id} ({status}): citizen never told; card {card}; "
                             f"answers {[c.params for c in fake.calls if c.method == 'answerCallbackQuery'][-3:]}"
                             ) from timed_out

    for n in range(messages):
        words = f"message {n} du dossier {case_id}"
        start = time.perf_counter()
        fake.push_update(fake.text_update(chat, words))
        await wait_until(lambda words=words: any(words in m.get("text", "") for m in fake.delivered(COACH_GROUP)
                                     if m.get("message_thread_id") == thread))
        figures["citizen_to_coach"].append(time.perf_counter() - start)

        answer = f"réponse {n} au dossier {case_id}"
        start = time.perf_counter()
        fake.push_update(fake.group_update(COACH_GROUP, answer, chat_type="supergroup",
                                           message_thread_id=thread, **{"from": coach}))
        await wait_until(lambda answer=answer: any(answer in m.get("text", "") for m in fake.delivered(chat)))
        figures["coach_to_citizen"].append(time.perf_counter() - start)


async def run(cases: int, messages: int, group_limit: float, postgresql: str | None) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    if postgresql:
        schemas = fresh_postgresql_schema(postgresql)
        url = next(schemas)
    else:
        (WORK / "desk.db").unlink(missing_ok=True)
        url = f"sqlite:///{WORK / 'desk.db'}"
    upgrade_to_head(url)
    port = free_port()
    figures = {"escalation": [], "message_to_topic": [], "citizen_to_coach": [], "coach_to_citizen": []}
    with RasaStack(url, WORK / "stack", f"http://127.0.0.1:{port}/rasa/callback") as stack:
        stack.bridge_port = port
        async with FakeBotApi(first_update_id=random.randint(1, 10**8),
                              chat_members={(COACH_GROUP, COACH): "member"}) as fake:
            bridge = Bridge(stack, fake, 30.0, WORK / "bridge.log", extra_env={
                "COACH_CHAT_ID": str(COACH_GROUP),
                "PSEUDONYM_SECRET": secrets.token_hex(32),
                "COACH_ADMIN_IDS": str(COACH),  # a national admin: acts on every relais
                "TELEGRAM_MAX_GROUP_MESSAGES_PER_MINUTE": str(group_limit),
            })
            try:
                await bridge.ready()
                chats = [random.randint(10**6, 10**8) for _ in range(cases)]
                await asyncio.gather(*(one_case(fake, stack, chat, messages, figures) for chat in chats))
            finally:
                bridge.stop()
    if postgresql:
        next(schemas, None)  # drops the schema
    print(f"\n{cases} cases at once, {messages} messages each way per case "
          f"(group limit {group_limit:g}/min, {'PostgreSQL' if postgresql else 'SQLite'})")
    print("| measure | p50 | p95 | n |")
    print("|---|---|---|---|")
    print(line("case opened -> topic created", figures["escalation"]))
    print(line("citizen's request -> topic created (Rasa's turn included)", figures["message_to_topic"]))
    print(line("relay citizen -> coach", figures["citizen_to_coach"]))
    print(line("relay coach -> citizen", figures["coach_to_citizen"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--group-limit", type=float, default=100000.0)
    parser.add_argument("--postgresql", metavar="URL", default=None,
                        help="run on this PostgreSQL server (a throwaway schema) instead of SQLite")
    args = parser.parse_args()
    asyncio.run(run(args.cases, args.messages, args.group_limit, args.postgresql))


if __name__ == "__main__":
    main()
