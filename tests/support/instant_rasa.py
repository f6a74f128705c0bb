"""A Rasa that answers at once: a loopback aiohttp server with the two routes the edge's Rasa
client (bot/rasa_client.py) uses for a citizen's turn — the REST channel
(POST /webhooks/rest/webhook, answered with one text message) and the tracker the edge reads
before sending a message again after a restart (GET /conversations/{sender}/tracker, answered
with no events: the message never reached Rasa, so the edge sends it). For tests and benches
of the edge where Rasa's own time and answers do not matter.

`requests` lists the senders in the order their messages came in (several per sender when a
message was sent again).
"""

from aiohttp import web

INSTANT_TEXT = "Bien reçu, je vous réponds tout de suite."


class InstantRasa:
    def __init__(self, text: str = INSTANT_TEXT) -> None:
        self.text = text
        self.requests: list[str] = []
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    async def start(self) -> "InstantRasa":
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_get("/conversations/{sender}/tracker", self._tracker)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()  # a free port
        self._port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> "InstantRasa":
        return await self.start()

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        assert self._port is not None, "not started"
        return f"http://127.0.0.1:{self._port}"

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(str(body["sender"]))
        return web.json_response([{"recipient_id": body["sender"], "text": self.text}])

    async def _tracker(self, request: web.Request) -> web.Response:
        return web.json_response({"sender_id": request.match_info["sender"], "events": []})
