"""A fake Telegram Bot API server on loopback, for tests and benchmarks of the Telegram channel.

Why: the Telegram channel must be exercised end to end (python-telegram-bot's HTTP requests,
long polling, webhooks, retries after errors) without the network and without a real bot
token. This server speaks the Bot API's HTTP protocol closely enough for python-telegram-bot
(PTB) 22 to work against it unchanged: point `telegram.Bot(token, base_url=fake.base_url)` at
it, feed it updates with `push_update(...)` (or deliver them to a webhook with
`post_webhook(...)`), and read back what the bot sent with `sent(...)` / `wait_for(...)`.

What it imitates faithfully, because bots depend on it:

* `getUpdates` offset semantics (updates below the offset are confirmed and forgotten for
  good, a negative offset keeps the last -offset updates), long polling with `timeout`,
  `limit`, 409 Conflict while a webhook is set or when a newer poll supersedes a pending one;
* message ids that increase per chat (shared by the user's and the bot's messages, as in a
  private chat), `message_thread_id` kept on messages sent into a forum topic;
* `editMessageText` / `editMessageReplyMarkup`: editing without `reply_markup` removes the
  inline keyboard, and an edit that changes nothing answers 400 "message is not modified";
* only inline keyboards are echoed in returned messages (Telegram never returns reply
  keyboards, and PTB would fail to parse one as `Message.reply_markup`);
* errors as `{"ok": false, "error_code", "description"[, "parameters"]}` with the HTTP status
  equal to the error code, which is what PTB looks at to choose its exception.

How PTB sends requests (read from telegram/request/_requestdata.py, _requestparameter.py and
_httpxrequest.py): always a POST with httpx `data=` (application/x-www-form-urlencoded) or,
when a file is uploaded, multipart/form-data with the other parameters as plain text parts.
Every value that is not a `str` is `json.dumps`-ed (ints as "42", booleans as "true",
keyboards and command lists as JSON), while `str` values are sent raw. So on the wire a text
"42" and the integer 42 look the same: the server decodes values with JSON except for the
parameters it knows to be strings (`_STRING_PARAMS`), and keeps undecodable values as text.
JSON bodies (other clients) are accepted too.

All of it runs in the event loop of the caller: create, start and use a `FakeBotApi` from the
same loop. `push_update` may also be called from another thread.
"""

import asyncio
import itertools
import json
import mimetypes
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

JSONDict = dict[str, Any]
Handler = Callable[[JSONDict], Awaitable[Any]]

# Parameters that are strings in the Bot API: never JSON-decoded, so that a text "42" or
# "true" stays a string (PTB sends str values raw, see the module docstring).
_STRING_PARAMS = frozenset(
    {
        "action", "address", "animation", "audio", "business_connection_id", "callback_query_id",
        "caption", "currency", "custom_title", "description", "document", "emoji", "error_message",
        "explanation", "file_id", "first_name", "foursquare_id", "foursquare_type", "gift_id",
        "google_place_id", "google_place_type", "icon_custom_emoji_id", "inline_message_id",
        "inline_query_id", "invite_link", "ip_address", "language_code", "last_name",
        "message_effect_id", "name", "parse_mode", "payload", "phone_number", "photo",
        "pre_checkout_query_id", "provider_token", "question", "secret_token", "set_name",
        "shipping_query_id", "short_description", "short_name", "start_parameter", "sticker",
        "switch_pm_parameter", "switch_pm_text", "text", "thumbnail", "title", "url", "vcard",
        "video", "video_note", "voice",
    }
)

_CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note",
        "upload_video_note",
    }
)

_MESSAGE_MAX_LENGTH = 4096
_CAPTION_MAX_LENGTH = 1024  # a photo's caption (checked on sendPhoto)
_DEFAULT_TOPIC_COLOR = 7322096  # 0x6FB9F0, Telegram's default topic icon colour
_DEFAULT_FIRST_NAME = "Camille"
DEFAULT_GROUP_USER_ID = 5_550_001
"""The sender of `group_update` messages unless `from_id` is given."""


@dataclass
class Call:
    """One Bot API call as the server received it, with its parameters decoded.

    `status` is the HTTP status the server answered (filled in after the call is recorded),
    so that failed attempts (e.g. injected with `fail_next`) can be told from deliveries.
    """

    method: str
    params: JSONDict
    at: float
    status: int = 200
    # What the server answered ("result"), e.g. the Message of a sendMessage; None on failure.
    result: Any = None


@dataclass
class _Failure:
    error_code: int
    description: str
    retry_after: int | None
    chat_id: int | None = None  # only calls to this chat fail


class _ApiError(Exception):
    """Raised by method handlers to answer `{"ok": false, ...}` with this HTTP status."""

    def __init__(self, error_code: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters


@dataclass
class _Topic:
    name: str
    icon_color: int
    icon_custom_emoji_id: str | None = None
    closed: bool = False


@dataclass
class _ChatInfo:
    type: str
    title: str | None = None
    first_name: str | None = None
    is_forum: bool = False
    topics: dict[int, _Topic] = field(default_factory=dict)


class _Signal:
    """Wakes every coroutine waiting for "something changed" (new update, new call).

    Waiters take the current event, check their condition, then wait; `notify` sets that event
    and installs a fresh one, so no wake-up is lost between the check and the wait.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        """Wait for the next `notify`, at most `timeout` seconds (returns silently after)."""
        event = self._event
        try:
            await asyncio.wait_for(event.wait(), timeout=max(timeout, 0.0))
        except asyncio.TimeoutError:
            pass


class FakeBotApi:
    """A Telegram Bot API server on 127.0.0.1 (free port) that records every call."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "RelaisTestBot",
        chat_members: dict[tuple[int, int], str] | None = None,
        first_update_id: int = 1,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        bot_id = token.split(":", 1)[0]
        self.bot_id: int = int(bot_id) if bot_id.isdigit() else 123456
        self.calls: list[Call] = []
        # (chat_id, user_id) -> ChatMember status: "creator", "administrator", "member",
        # "restricted", "left" or "kicked"; absent pairs answer "member".
        self.chat_members: dict[tuple[int, int], str] = dict(chat_members or {})
        self.webhook_url: str = ""
        self.webhook_secret: str | None = None
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}

        self._updates: list[JSONDict] = []
        self._next_update_id = first_update_id
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._chats: dict[int, _ChatInfo] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._file_counter = itertools.count(1)
        self._callback_counter = itertools.count(1)
        self._poll_generation = 0
        self._closing = False
        self._lock = threading.Lock()  # push_update may come from another thread

        self._loop: asyncio.AbstractEventLoop | None = None
        self._updates_signal: _Signal | None = None
        self._calls_signal: _Signal | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._client: aiohttp.ClientSession | None = None

        self._methods: dict[str, tuple[str, Handler]] = {}
        for name, handler in self._method_table().items():
            self._methods[name.lower()] = (name, handler)  # Bot API method names ignore case

    # ----------------------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and serve until `stop`."""
        if self._runner is not None:
            raise RuntimeError("FakeBotApi is already started")
        self._loop = asyncio.get_running_loop()
        self._updates_signal = _Signal()
        self._calls_signal = _Signal()
        self._closing = False
        app = web.Application()
        app.router.add_route("*", "/{prefix:bot[^/]*}/{method}", self._handle)
        # handler_cancellation: a client that gives up a long poll frees its handler at once;
        # shutdown_timeout: stop() must not wait a minute for idle keep-alive connections.
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Answer pending long polls (empty), close the server and the webhook client."""
        self._closing = True
        if self._updates_signal is not None:
            self._updates_signal.notify()
        if self._client is not None:
            await self._client.close()
            self._client = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self._port = None

    async def __aenter__(self) -> "FakeBotApi":
        await self.start()
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotApi is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """What PTB's `base_url` wants: it appends the token, then `/{method}`."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ------------------------------------------------------------------------------- updates

    def push_update(self, update: JSONDict) -> JSONDict:
        """Queue an update for getUpdates (assigning an increasing `update_id` if missing) and
        wake the pending long polls. Returns the update."""
        with self._lock:
            self._assign_update_id(update)
            self._updates.append(update)
        self._notify_updates()
        return update

    def _assign_update_id(self, update: JSONDict) -> None:
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)

    def _notify_updates(self) -> None:
        if self._loop is None or self._updates_signal is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._updates_signal.notify()
        else:
            self._loop.call_soon_threadsafe(self._updates_signal.notify)

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates queued and not yet confirmed by a getUpdates offset."""
        with self._lock:
            return list(self._updates)

    # ------------------------------------------------------------------------------ builders

    def text_update(self, chat_id: int, text: str, **message_fields: Any) -> JSONDict:
        """A private-chat text message from the user `chat_id` (not queued)."""
        message = self._user_message(chat_id, _sender(chat_id))
        message["text"] = text
        message.update(message_fields)
        return {"message": message}

    def command_update(self, chat_id: int, text: str, **message_fields: Any) -> JSONDict:
        """Like `text_update`, with the `bot_command` entity Telegram adds for "/start ..."."""
        fields: JSONDict = {"entities": _command_entities(text)}
        fields.update(message_fields)
        return self.text_update(chat_id, text, **fields)

    def callback_update(self, chat_id: int, message_id: int, data: str) -> JSONDict:
        """A press on an inline button of the bot message `message_id` (not queued).

        The attached message is the one the bot sent, when this server delivered it; else a
        stand-in bot message with text "…"."""
        message = self._messages.get((chat_id, message_id))
        if message is None:
            message = {
                "message_id": message_id,
                "from": self._bot_user(),
                "chat": self._chat(chat_id),
                "date": _now(),
                "text": "…",
            }
        return {
            "callback_query": {
                "id": str(4_000_000_000_000_000 + next(self._callback_counter)),
                "from": self._user(_sender(chat_id)),
                "chat_instance": str(-7_000_000_000_000_000 - abs(chat_id)),
                "data": data,
                "message": json.loads(json.dumps(message)),
            }
        }

    def media_update(self, chat_id: int, kind: str, **message_fields: Any) -> JSONDict:
        """A private-chat message carrying a minimal valid file object of `kind` (photo,
        voice, video, video_note, audio, sticker, document or animation)."""
        n = next(self._file_counter)
        ids: JSONDict = {"file_id": f"{kind.upper()}-FILE-{n}", "file_unique_id": f"U{kind[:3]}{n}"}
        objects: dict[str, Any] = {
            "photo": [
                dict(ids, file_id=f"{ids['file_id']}-s", file_unique_id=f"{ids['file_unique_id']}s",
                     width=90, height=90, file_size=1_200),
                dict(ids, width=800, height=800, file_size=54_000),
            ],
            "voice": dict(ids, duration=3, mime_type="audio/ogg", file_size=9_800),
            "video": dict(ids, width=640, height=360, duration=5, mime_type="video/mp4",
                          file_size=480_000),
            "video_note": dict(ids, length=240, duration=4, file_size=160_000),
            "audio": dict(ids, duration=30, mime_type="audio/mpeg", title="Enregistrement",
                          file_size=300_000),
            "sticker": dict(ids, type="regular", width=512, height=512, is_animated=False,
                            is_video=False, emoji="🙂", file_size=20_000),
            "document": dict(ids, file_name="document.pdf", mime_type="application/pdf",
                             file_size=42_000),
            "animation": dict(ids, width=320, height=240, duration=2, mime_type="video/mp4",
                              file_name="animation.mp4", file_size=90_000),
        }
        if kind not in objects:
            raise ValueError(f"unknown media kind {kind!r}; expected one of {sorted(objects)}")
        message = self._user_message(chat_id, _sender(chat_id))
        message[kind] = objects[kind]
        if kind == "animation":  # Telegram also fills `document` for animations
            message["document"] = dict(objects["animation"])
        message.update(message_fields)
        return {"message": message}

    def location_update(
        self, chat_id: int, latitude: float, longitude: float, **message_fields: Any
    ) -> JSONDict:
        message = self._user_message(chat_id, _sender(chat_id))
        message["location"] = {"latitude": latitude, "longitude": longitude}
        message.update(message_fields)
        return {"message": message}

    def contact_update(
        self,
        chat_id: int,
        phone_number: str,
        first_name: str,
        user_id: int | None = None,
        **message_fields: Any,
    ) -> JSONDict:
        """A shared contact; pass `user_id=chat_id` for the user's own number (what a
        `request_contact` button sends)."""
        message = self._user_message(chat_id, _sender(chat_id))
        contact: JSONDict = {"phone_number": phone_number, "first_name": first_name}
        if user_id is not None:
            contact["user_id"] = user_id
        message["contact"] = contact
        message.update(message_fields)
        return {"message": message}

    def edited_update(self, chat_id: int, message_id: int, text: str) -> JSONDict:
        """The user edited their message `message_id` (does not take a new message id)."""
        now = _now()
        return {
            "edited_message": {
                "message_id": message_id,
                "from": self._user(_sender(chat_id)),
                "chat": self._chat(chat_id),
                "date": now - 60,
                "edit_date": now,
                "text": text,
            }
        }

    def group_update(
        self,
        chat_id: int,
        text: str,
        chat_type: str = "group",
        message_thread_id: int | None = None,
        from_id: int = DEFAULT_GROUP_USER_ID,
        **message_fields: Any,
    ) -> JSONDict:
        """A text message in a group (negative `chat_id`) or, with `message_thread_id`, in a
        forum topic (the chat is then a forum and the topic becomes known to the server).
        Text starting with "/" gets its `bot_command` entity, as Telegram does."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        info = self._chats.setdefault(
            chat_id, _ChatInfo(type=chat_type, title=f"Groupe {-chat_id}")
        )
        info.type = chat_type
        if message_thread_id is not None:
            info.is_forum = True
            topic = _Topic(name=f"Sujet {message_thread_id}", icon_color=_DEFAULT_TOPIC_COLOR)
            info.topics.setdefault(message_thread_id, topic)
        message = self._user_message(chat_id, from_id)
        message["text"] = text
        if text.startswith("/"):
            message["entities"] = _command_entities(text)
        if message_thread_id is not None:
            message["message_thread_id"] = message_thread_id
            message["is_topic_message"] = True
        message.update(message_fields)
        self._messages[(chat_id, message["message_id"])] = message  # in the group until deleted
        return {"message": message}

    # ------------------------------------------------------------------ reading what was sent

    def messages(self, chat_id: int, thread_id: int | None = None) -> list[JSONDict]:
        """The messages still in a chat (or in one forum topic of it), in order: those the bot
        sent or copied there and those of `group_update`, less what was deleted since."""
        return [json.loads(json.dumps(message))
                for (chat, _), message in sorted(self._messages.items(), key=lambda item: item[0])
                if chat == chat_id
                and (thread_id is None or message.get("message_thread_id") == thread_id)]

    def topics(self, chat_id: int) -> dict[int, str]:
        """The forum topics of a chat that still exist: thread id -> name."""
        return {thread_id: topic.name for thread_id, topic in self._chat_info(chat_id).topics.items()}

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[JSONDict]:
        """Params of the calls of `method` (to `chat_id` if given), in order. Failed attempts
        are included; filter `calls` on `Call.status` to keep only the successful ones."""
        return [call.params for call in self._matching(method, chat_id)]

    def delivered(self, chat_id: int | None = None) -> list[JSONDict]:
        """The messages the bot sent successfully (sendMessage results), in order."""
        return [call.result for call in self._matching("sendMessage", chat_id)
                if call.status == 200 and call.result]

    async def wait_for(
        self, method: str, count: int = 1, chat_id: int | None = None, timeout: float = 30.0
    ) -> list[JSONDict]:
        """Wait until at least `count` calls of `method` (to `chat_id`) were received; return
        the params of all of them. Raises AssertionError with what arrived instead on timeout."""
        if self._calls_signal is None:
            raise RuntimeError("FakeBotApi is not started")
        deadline = time.monotonic() + timeout
        while True:
            found = self.sent(method, chat_id)
            remaining = deadline - time.monotonic()
            if len(found) >= count or remaining <= 0:
                break
            await self._calls_signal.wait(remaining)
        if len(found) < count:
            target = f" to chat {chat_id}" if chat_id is not None else ""
            recent = ", ".join(
                f"{c.method}({c.params.get('chat_id', '')})={c.status}" for c in self.calls[-15:]
            )
            raise AssertionError(
                f"expected {count} {method} call(s){target} within {timeout:g} s, got {len(found)}"
                f"; last calls: [{recent}]"
            )
        return found

    def _matching(self, method: str, chat_id: int | None) -> list[Call]:
        return [
            call
            for call in self.calls
            if call.method.lower() == method.lower()
            and (chat_id is None or call.params.get("chat_id") == chat_id)
        ]

    # ------------------------------------------------------------------- failures and webhook

    def fail_next(
        self,
        method: str,
        error_code: int = 500,
        description: str = "Internal Server Error",
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `times` calls of `method` (to `chat_id` only, if given) answer
        `{"ok": false, ...}` with HTTP status `error_code`. A 429 always carries
        `parameters.retry_after` (1 s unless given), which PTB turns into `RetryAfter`; its
        default description is Telegram's "Too Many Requests"."""
        if error_code == 429:
            retry_after = retry_after if retry_after is not None else 1
            if description == "Internal Server Error":
                description = f"Too Many Requests: retry after {retry_after}"
        failures = self._failures.setdefault(method.lower(), [])
        failures.extend(_Failure(error_code, description, retry_after, chat_id)
                        for _ in range(times))

    async def post_webhook(self, url: str, update: JSONDict, secret: str | None) -> int:
        """Deliver `update` to a webhook as Telegram does (POST JSON, with the header
        X-Telegram-Bot-Api-Secret-Token when `secret` is not None); returns the HTTP status.
        Assigns an `update_id` if missing, from the same sequence as `push_update`."""
        with self._lock:
            self._assign_update_id(update)
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        if self._client is None:
            self._client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        async with self._client.post(url, json=update, headers=headers) as response:
            await response.read()
            return response.status

    # ------------------------------------------------------------------------- HTTP handling

    async def _handle(self, request: web.Request) -> web.Response:
        token = request.match_info["prefix"][len("bot"):]
        if token != self.token:
            return _error_response(_ApiError(401, "Unauthorized"))
        try:
            params = await _read_params(request)
        except (ValueError, UnicodeDecodeError) as exc:
            return _error_response(_ApiError(400, f"Bad Request: can't parse request: {exc}"))
        name = request.match_info["method"]
        known = self._methods.get(name.lower())
        call = Call(method=known[0] if known else name, params=params, at=time.monotonic())
        self.calls.append(call)  # before failure injection: tests see every attempt
        assert self._calls_signal is not None
        self._calls_signal.notify()

        response = await self._answer(name, known, params, call)
        call.status = response.status
        return response

    async def _answer(
        self, name: str, known: tuple[str, Handler] | None, params: JSONDict, call: Call
    ) -> web.Response:
        failure = self._take_failure(name, params)
        if failure is not None:
            parameters = (
                {"retry_after": failure.retry_after} if failure.retry_after is not None else None
            )
            return _error_response(_ApiError(failure.error_code, failure.description, parameters))
        if known is None:
            return _error_response(_ApiError(404, "Not Found"))
        try:
            result = await known[1](params)
        except _ApiError as error:
            return _error_response(error)
        call.result = result
        return _json_response({"ok": True, "result": result})

    def _take_failure(self, name: str, params: JSONDict) -> _Failure | None:
        failures = self._failures.get(name.lower()) or []
        for index, failure in enumerate(failures):
            if failure.chat_id is None or failure.chat_id == params.get("chat_id"):
                return failures.pop(index)
        return None

    def _method_table(self) -> dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "leaveChat": self._true,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "createForumTopic": self._create_forum_topic,
            "editForumTopic": self._edit_forum_topic,
            "closeForumTopic": self._close_forum_topic,
            "reopenForumTopic": self._reopen_forum_topic,
            "deleteForumTopic": self._delete_forum_topic,
            "deleteMessage": self._delete_message,
            "deleteMessages": self._delete_messages,
            "copyMessage": self._copy_message,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
        }

    # ------------------------------------------------------------------------------- methods

    async def _true(self, params: JSONDict) -> bool:
        _chat_id(params)
        return True

    async def _get_me(self, params: JSONDict) -> JSONDict:
        return dict(
            self._bot_user(),
            can_join_groups=True,
            can_read_all_group_messages=False,
            supports_inline_queries=False,
            can_connect_to_business=False,
            has_main_web_app=False,
        )

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = float(params.get("timeout") or 0)
        with self._lock:
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
        # A newer poll supersedes a pending one, which answers 409 as Telegram does when two
        # instances of a bot poll the same token.
        self._poll_generation += 1
        generation = self._poll_generation
        assert self._updates_signal is not None
        self._updates_signal.notify()
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                batch = self._updates[:limit]
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing:
                return batch
            await self._updates_signal.wait(remaining)
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )

    async def _send_message(self, params: JSONDict) -> JSONDict:
        chat_id = _chat_id(params)
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if len(text) > _MESSAGE_MAX_LENGTH:
            raise _ApiError(400, "Bad Request: message is too long")
        return self._bot_message(chat_id, params, text=text)

    async def _edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        return self._edit(params, text=text)

    async def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        return self._edit(params, text=None)

    def _edit(self, params: JSONDict, text: str | None) -> JSONDict | bool:
        """Shared by the edit methods: True for inline messages, else the edited message.
        Like Telegram, a missing reply_markup removes the inline keyboard."""
        if params.get("inline_message_id"):
            return True
        chat_id = _chat_id(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise _ApiError(400, "Bad Request: message identifier is not specified")
        message = self._messages.get((chat_id, message_id))
        if message is None:  # sent before this server knew it: stand in for it
            message = {
                "message_id": message_id,
                "from": self._bot_user(),
                "chat": self._chat(chat_id),
                "date": _now(),
                "text": "…",
            }
            self._messages[(chat_id, message_id)] = message
        new_text = message.get("text") if text is None else text
        markup = params.get("reply_markup")
        new_markup = markup if _is_inline_keyboard(markup) else None
        if new_text == message.get("text") and new_markup == message.get("reply_markup"):
            raise _ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        if new_text is not None:
            message["text"] = new_text
        if new_markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = new_markup
        message["edit_date"] = _now()
        return json.loads(json.dumps(message))

    async def _answer_callback_query(self, params: JSONDict) -> bool:
        if not params.get("callback_query_id"):
            raise _ApiError(400, "Bad Request: query is too old and response timeout expired "
                                 "or query ID is invalid")
        return True

    async def _send_chat_action(self, params: JSONDict) -> bool:
        _chat_id(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _ApiError(400, "Bad Request: parameter \"commands\" is required")
        self.commands[_commands_key(params)] = commands
        return True

    async def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return list(self.commands.get(_commands_key(params), []))

    async def _delete_my_commands(self, params: JSONDict) -> bool:
        self.commands.pop(_commands_key(params), None)
        return True

    async def _set_webhook(self, params: JSONDict) -> bool:
        url = params.get("url")
        if not isinstance(url, str):
            raise _ApiError(400, "Bad Request: parameter \"url\" is required")
        self.webhook_url = url
        self.webhook_secret = params.get("secret_token") if url else None
        if params.get("drop_pending_updates"):
            with self._lock:
                self._updates.clear()
        return True

    async def _delete_webhook(self, params: JSONDict) -> bool:
        self.webhook_url = ""
        self.webhook_secret = None
        if params.get("drop_pending_updates"):
            with self._lock:
                self._updates.clear()
        return True

    async def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        with self._lock:
            pending = len(self._updates)
        return {"url": self.webhook_url, "has_custom_certificate": False,
                "pending_update_count": pending}

    async def _send_document(self, params: JSONDict) -> JSONDict:
        chat_id = _chat_id(params)
        document = params.get("document")
        if not document:
            raise _ApiError(400, "Bad Request: there is no document in the request")
        n = next(self._file_counter)
        if isinstance(document, dict):
            file_name = document["filename"]
            size = len(document["content"])
        else:  # a file_id or a URL
            file_name, size = str(document).rsplit("/", 1)[-1], 1
        described: JSONDict = {
            "file_id": f"DOCUMENT-SENT-{n}",
            "file_unique_id": f"Udoc-sent-{n}",
            "file_name": file_name,
            "mime_type": mimetypes.guess_type(file_name)[0] or "application/octet-stream",
            "file_size": size,
        }
        return self._bot_message(chat_id, params, document=described)

    async def _send_photo(self, params: JSONDict) -> JSONDict:
        chat_id = _chat_id(params)
        if not params.get("photo"):
            raise _ApiError(400, "Bad Request: there is no photo in the request")
        caption = params.get("caption")
        if isinstance(caption, str) and len(caption.encode("utf-16-le")) // 2 > _CAPTION_MAX_LENGTH:
            raise _ApiError(400, "Bad Request: message caption is too long")
        n = next(self._file_counter)
        sizes = [
            {"file_id": f"PHOTO-SENT-{n}-s", "file_unique_id": f"Upho-sent-{n}s", "width": 90,
             "height": 90, "file_size": 1_200},
            {"file_id": f"PHOTO-SENT-{n}", "file_unique_id": f"Upho-sent-{n}", "width": 800,
             "height": 800, "file_size": 54_000},
        ]
        return self._bot_message(chat_id, params, photo=sizes)

    async def _create_forum_topic(self, params: JSONDict) -> JSONDict:
        chat_id = _chat_id(params)
        name = params.get("name")
        if not isinstance(name, str) or not name:
            raise _ApiError(400, "Bad Request: TOPIC_TITLE_EMPTY")
        info = self._chat_info(chat_id)
        info.is_forum = True
        if info.type == "group":
            info.type = "supergroup"  # only supergroups can be forums
        # The thread id is the id of the "topic created" service message.
        thread_id = self._take_message_id(chat_id)
        topic = _Topic(
            name=name,
            icon_color=int(params.get("icon_color") or _DEFAULT_TOPIC_COLOR),
            icon_custom_emoji_id=params.get("icon_custom_emoji_id"),
        )
        info.topics[thread_id] = topic
        return _topic_json(thread_id, topic)

    async def _edit_forum_topic(self, params: JSONDict) -> bool:
        topic = self._topic(params)
        if isinstance(params.get("name"), str) and params["name"]:
            topic.name = params["name"]
        if "icon_custom_emoji_id" in params:
            topic.icon_custom_emoji_id = params["icon_custom_emoji_id"] or None
        return True

    async def _close_forum_topic(self, params: JSONDict) -> bool:
        self._topic(params).closed = True
        return True

    async def _reopen_forum_topic(self, params: JSONDict) -> bool:
        self._topic(params).closed = False
        return True

    async def _delete_forum_topic(self, params: JSONDict) -> bool:
        """The topic goes, with every message in it (as Telegram does)."""
        chat_id = _chat_id(params)
        self._topic(params)  # TOPIC_ID_INVALID when unknown
        thread_id = params["message_thread_id"]
        del self._chat_info(chat_id).topics[thread_id]
        for key in [key for key, message in self._messages.items()
                    if key[0] == chat_id and message.get("message_thread_id") == thread_id]:
            del self._messages[key]
        return True

    async def _delete_message(self, params: JSONDict) -> bool:
        chat_id = _chat_id(params)
        if self._messages.pop((chat_id, params.get("message_id")), None) is None:
            raise _ApiError(400, "Bad Request: message to delete not found")
        return True

    async def _delete_messages(self, params: JSONDict) -> bool:
        """Telegram skips the messages it cannot find (at most 100 ids per call)."""
        chat_id = _chat_id(params)
        message_ids = params.get("message_ids")
        if not isinstance(message_ids, list) or not 1 <= len(message_ids) <= 100:
            raise _ApiError(400, "Bad Request: message_ids must be a list of 1 to 100 ids")
        for message_id in message_ids:
            self._messages.pop((chat_id, message_id), None)
        return True

    async def _copy_message(self, params: JSONDict) -> JSONDict:
        chat_id = _chat_id(params)
        if not isinstance(params.get("from_chat_id"), int) or not isinstance(
            params.get("message_id"), int
        ):
            raise _ApiError(400, "Bad Request: message to copy not found")
        copied = {"copy_of": {"chat_id": params["from_chat_id"], "message_id": params["message_id"]}}
        return {"message_id": self._bot_message(chat_id, params, **copied)["message_id"]}

    async def _get_chat(self, params: JSONDict) -> JSONDict:
        chat_id = _chat_id(params)
        chat = self._chat(chat_id)
        return dict(
            chat,
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={"unlimited_gifts": False, "limited_gifts": False,
                                 "unique_gifts": False, "premium_subscription": False,
                                 "gifts_from_channels": False},
        )

    async def _get_chat_member(self, params: JSONDict) -> JSONDict:
        chat_id = _chat_id(params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise _ApiError(400, "Bad Request: invalid user_id specified")
        status = self.chat_members.get((chat_id, user_id), "member")
        user = self._bot_user() if user_id == self.bot_id else self._user(user_id)
        return _chat_member(status, user)

    # --------------------------------------------------------------------------- JSON objects

    def _bot_user(self) -> JSONDict:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Relais",
                "username": self.bot_username}

    def _user(self, user_id: int) -> JSONDict:
        info = self._chats.get(user_id)
        first_name = info.first_name if info and info.first_name else _DEFAULT_FIRST_NAME
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "fr"}

    def _chat_info(self, chat_id: int) -> _ChatInfo:
        info = self._chats.get(chat_id)
        if info is None:
            if chat_id > 0:
                info = _ChatInfo(type="private", first_name=_DEFAULT_FIRST_NAME)
            else:
                kind = "supergroup" if str(chat_id).startswith("-100") else "group"
                info = _ChatInfo(type=kind, title=f"Groupe {-chat_id}")
            self._chats[chat_id] = info
        return info

    def _chat(self, chat_id: int) -> JSONDict:
        info = self._chat_info(chat_id)
        chat: JSONDict = {"id": chat_id, "type": info.type}
        if info.type == "private":
            chat["first_name"] = info.first_name or _DEFAULT_FIRST_NAME
        else:
            chat["title"] = info.title
            if info.is_forum:
                chat["is_forum"] = True
        return chat

    def _take_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _user_message(self, chat_id: int, from_id: int) -> JSONDict:
        return {
            "message_id": self._take_message_id(chat_id),
            "from": self._user(from_id),
            "chat": self._chat(chat_id),
            "date": _now(),
        }

    def _bot_message(self, chat_id: int, params: JSONDict, **content: Any) -> JSONDict:
        """A message the bot sent, as Telegram returns it, remembered for edits and callbacks."""
        message: JSONDict = {
            "message_id": self._take_message_id(chat_id),
            "from": self._bot_user(),
            "chat": self._chat(chat_id),
            "date": _now(),
        }
        thread_id = params.get("message_thread_id")
        if isinstance(thread_id, int) and thread_id:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        message.update(content)
        if isinstance(params.get("caption"), str) and params["caption"]:
            message["caption"] = params["caption"]
        if _is_inline_keyboard(params.get("reply_markup")):
            message["reply_markup"] = params["reply_markup"]
        self._messages[(chat_id, message["message_id"])] = message
        return json.loads(json.dumps(message))  # a copy: later edits must not alter it

    def _topic(self, params: JSONDict) -> _Topic:
        chat_id = _chat_id(params)
        thread_id = params.get("message_thread_id")
        topics = self._chat_info(chat_id).topics
        topic = topics.get(thread_id) if isinstance(thread_id, int) else None
        if topic is None:
            raise _ApiError(400, "Bad Request: TOPIC_ID_INVALID")
        return topic


# ---------------------------------------------------------------------------------- helpers


def _now() -> int:
    return int(time.time())


def _sender(chat_id: int) -> int:
    """Who writes in a chat built without an explicit sender: the user of a private chat (whose
    id is the chat id), or the default group member."""
    return chat_id if chat_id > 0 else DEFAULT_GROUP_USER_ID


def _command_entities(text: str) -> list[JSONDict]:
    first_word = text.split(maxsplit=1)[0] if text.strip() else text
    return [{"type": "bot_command", "offset": 0, "length": len(first_word)}]


def _is_inline_keyboard(markup: Any) -> bool:
    return isinstance(markup, dict) and "inline_keyboard" in markup


def _commands_key(params: JSONDict) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


def _topic_json(thread_id: int, topic: _Topic) -> JSONDict:
    result: JSONDict = {"message_thread_id": thread_id, "name": topic.name,
                        "icon_color": topic.icon_color}
    if topic.icon_custom_emoji_id:
        result["icon_custom_emoji_id"] = topic.icon_custom_emoji_id
    return result


def _chat_id(params: JSONDict) -> int:
    chat_id = params.get("chat_id")
    if chat_id is None or chat_id == "":
        raise _ApiError(400, "Bad Request: chat_id is empty")
    if not isinstance(chat_id, int) or isinstance(chat_id, bool):
        raise _ApiError(400, "Bad Request: chat not found")
    return chat_id


def _chat_member(status: str, user: JSONDict) -> JSONDict:
    """A ChatMember of `status` with every field PTB requires for that subclass."""
    member: JSONDict = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            {flag: False for flag in ("can_be_edited", "is_anonymous", "can_promote_members",
                                      "can_post_stories", "can_edit_stories",
                                      "can_delete_stories")}
        )
        member.update(
            {flag: True for flag in ("can_manage_chat", "can_delete_messages",
                                     "can_manage_video_chats", "can_restrict_members",
                                     "can_change_info", "can_invite_users",
                                     "can_pin_messages", "can_manage_topics")}
        )
    elif status == "restricted":
        member.update(
            {flag: False for flag in ("can_change_info", "can_invite_users", "can_pin_messages",
                                      "can_send_messages", "can_send_polls",
                                      "can_send_other_messages", "can_add_web_page_previews",
                                      "can_manage_topics", "can_send_audios",
                                      "can_send_documents", "can_send_photos",
                                      "can_send_videos", "can_send_video_notes",
                                      "can_send_voice_notes")}
        )
        member.update(is_member=True, until_date=0)
    elif status == "kicked":
        member["until_date"] = 0
    return member


def _decode(name: str, value: Any) -> Any:
    """Undo PTB's json.dumps of non-string values (see the module docstring)."""
    if not isinstance(value, str) or name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id "@channel" or an unknown string parameter


async def _read_params(request: web.Request) -> JSONDict:
    """Parameters from the query string and the body (form, multipart or JSON), decoded.

    Uploaded files become {"filename": ..., "content": bytes}; a parameter "attach://name"
    is replaced by the uploaded part `name`."""
    params: JSONDict = {key: _decode(key, value) for key, value in request.query.items()}
    content_type = request.content_type
    if content_type == "multipart/form-data":
        files: dict[str, JSONDict] = {}
        reader = await request.multipart()
        while True:
            part = await reader.next()
            if part is None:
                break
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                files[part.name] = {"filename": part.filename, "content": bytes(await part.read())}
            else:
                params[part.name] = _decode(part.name, await part.text())
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                attached = files.pop(value[len("attach://"):], None)
                if attached is not None:
                    params[key] = attached
        params.update(files)
    elif content_type == "application/json":
        body = await request.read()
        if body:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise ValueError("the JSON body must be an object")
            params.update({key: _decode(key, value) for key, value in data.items()})
    elif request.body_exists:
        form = await request.post()
        params.update({key: _decode(key, value) for key, value in form.items()
                       if isinstance(value, str)})
    return params


def _json_response(body: JSONDict, status: int = 200) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        content_type="application/json",
    )


def _error_response(error: _ApiError) -> web.Response:
    body: JSONDict = {"ok": False, "error_code": error.error_code, "description": error.description}
    if error.parameters:
        body["parameters"] = error.parameters
    return _json_response(body, status=error.error_code)
