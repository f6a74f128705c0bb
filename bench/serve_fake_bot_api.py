"""The fake Telegram Bot API as a standalone server, to run `make run`'s Telegram edge on this
machine without the network (bench/attacks.py, trying the stack by hand):

    .venv/bin/python bench/serve_fake_bot_api.py > var/fake-bot-api.log &
    TELEGRAM_BOT_TOKEN=123456:TEST-TOKEN TELEGRAM_API_BASE_URL=<printed base url> make run

Prints its base URL, then one line per message the bot sends (chat id and text)."""

import asyncio
import json

from tests.support.fake_bot_api import FakeBotApi


async def serve() -> None:
    async with FakeBotApi() as fake:
        print(json.dumps({"base_url": fake.base_url, "token": fake.token}), flush=True)
        seen = 0
        while True:
            await asyncio.sleep(0.2)  # polling a list for printing, not timing anything
            for call in fake.calls[seen:]:
                print(json.dumps({"method": call.method, "chat_id": call.params.get("chat_id"),
                                  "text": call.params.get("text")}, ensure_ascii=False), flush=True)
            seen = len(fake.calls)


if __name__ == "__main__":
    asyncio.run(serve())
