"""Erasure, measured (issue #11; tests/support/citizen_erasure.py): a citizen lives a full life
with Relais through the Telegram edge, then erases it; printed before and after: their rows in
every table, their messages left in the coaches' group of the fake Bot API, the Redis keys
about the conversation.

    .venv/bin/python bench/erasure_counts.py [--redis redis://127.0.0.1:6379/2]

Runs Rasa, the action server (SQLite under var/bench/erasure) and the edge against a fake Bot
API on loopback. tests/test_citizen_data.py checks the same counts.
"""

import argparse
import asyncio
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.citizen_erasure import (  # noqa: E402
    COACH,
    PSEUDONYM_KEY,
    environment,
    erase,
    full_life,
    measure,
)
from tests.support.fake_bot_api import FakeBotApi  # noqa: E402


async def main(redis_url: str | None) -> None:
    from relais.database import upgrade_to_head
    from relais.settings import Settings
    from tests.support.edge_runner import polling_edge
    from tests.support.rasa_stack import RasaStack
    from tests.support.servers import ROOT, free_port

    work = ROOT / "var" / "bench" / "erasure"
    work.mkdir(parents=True, exist_ok=True)
    (work / "relais.db").unlink(missing_ok=True)
    url = f"sqlite:///{work / 'relais.db'}"
    upgrade_to_head(url)
    port = free_port()
    coaches, chat = -1009876543210, random.randint(10**6, 10**8)
    with environment(REDIS_URL=redis_url), RasaStack(url, work / "stack", f"http://127.0.0.1:{port}/rasa/callback") as stack:
        async with FakeBotApi(first_update_id=random.randint(1, 10**8),
                              chat_members={(coaches, COACH): "member"}) as fake:
            settings = Settings(
                rasa_url=stack.rasa_url, rasa_auth_token=stack.auth_token, edge_secret=stack.edge_secret,
                action_server_url=stack.action_server_url, database_url=url,
                telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url,
                bridge_port=port, coach_chat_id=coaches, pseudonym_secret=PSEUDONYM_KEY,
                coach_admin_ids=str(COACH),  # coaches act only when listed
                telegram_max_group_messages_per_minute=100000, redis_url=redis_url)
            async with polling_edge(settings) as edge:
                citizen = await full_life(edge, fake, coaches, chat, url)
                before = measure(url, fake, coaches, citizen, redis_url)
                await erase(edge, fake, chat, url)
                after = measure(url, fake, coaches, citizen, redis_url)
    print(json.dumps({"before erasure": before, "after erasure": after}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", help="a Redis URL: Rasa shares it, its keys are counted")
    asyncio.run(main(parser.parse_args().redis))
