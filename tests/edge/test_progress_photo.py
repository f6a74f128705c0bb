"""The citizen's progress chart as a Telegram photo (issue #16): from Rasa's custom payload or
the outbox's JSON to sendPhoto on the fake Bot API, the summary as its caption (a long one
after the photo), and in the terminal a PNG file under var/."""

import stat
import struct
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from telegram import Bot

from bot import terminal
from bot.conversation import Button, Reply, join_paragraphs, replies_from_rasa
from bot.telegram_delivery import CAPTION_LIMIT, TelegramDelivery, caption_and_rest
from relais.progress_chart import chart_photo, photo_bytes
from relais.services.outbox import reply as outbox_reply
from relais.services.progress import Goal
from relais.services.progress_picture import CHART_WEEKS, MoodPoint, ProgressChart, WeekSteps

CHAT = 4242
HEADING = "Votre suivi avec Relais"


class Keyboards:
    def __init__(self):
        self.remembered = []

    def remember(self, chat_id, message_id, buttons):
        self.remembered.append((chat_id, message_id, buttons))


def photo() -> dict:
    today = date(2026, 11, 19)
    monday = today - timedelta(days=today.weekday())
    moods = (MoodPoint(datetime(2026, 11, 2, 9, tzinfo=timezone.utc), 2),
             MoodPoint(datetime(2026, 11, 18, 9, tzinfo=timezone.utc), 4))
    steps = tuple(WeekSteps(monday - timedelta(weeks=ago), ago % 2)
                  for ago in range(CHART_WEEKS - 1, -1, -1))
    goal = Goal("marcher jusqu'au marché", "mobilite", datetime(2026, 11, 5, tzinfo=timezone.utc))
    return chart_photo(ProgressChart(today, moods, steps, goal))


async def deliver(fake, reply: Reply) -> Keyboards:
    keyboards = Keyboards()
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        await TelegramDelivery(bot, keyboards).send(CHAT, reply)
    return keyboards


@pytest.mark.asyncio
async def test_the_chart_is_sent_as_a_photo_with_the_summary_as_caption(fake):
    picture = photo()
    caption = HEADING + "\nObjectif en cours : marcher jusqu'au marché, fixé le 05/11."
    # As the outbox writes it (the weekly check-in), read back by the edge's queue.
    reply = Reply.from_dict(outbox_reply(caption, [("Faire le point", "/checkin")], silent=True,
                                         photo=picture))
    keyboards = await deliver(fake, reply)

    (sent,) = fake.sent("sendPhoto", chat_id=CHAT)
    assert sent["caption"] == caption
    assert sent["photo"]["content"] == photo_bytes(picture)
    assert sent["photo"]["filename"].endswith(".png")
    assert sent["disable_notification"] is True
    assert sent["reply_markup"]["inline_keyboard"][0][0]["text"] == "Faire le point"
    assert fake.sent("sendMessage", chat_id=CHAT) == []
    assert len(keyboards.remembered) == 1  # the buttons under the photo answer a tap


@pytest.mark.asyncio
async def test_a_summary_too_long_for_a_caption_follows_the_photo(fake):
    lines = [f"- étape numéro {n} réalisée avec soin, le 1{n % 10}/11" for n in range(40)]
    text = "\n".join([HEADING, *lines])
    assert len(text) > CAPTION_LIMIT
    await deliver(fake, Reply(text, (Button("Faire le point", "/checkin"),), photo=photo()))

    (sent,) = fake.sent("sendPhoto", chat_id=CHAT)
    assert sent["caption"] == HEADING and "reply_markup" not in sent
    (after,) = fake.sent("sendMessage", chat_id=CHAT)
    assert after["text"] == "\n".join(lines)
    assert after["reply_markup"]["inline_keyboard"][0][0]["text"] == "Faire le point"


@pytest.mark.asyncio
async def test_the_fake_refuses_a_caption_longer_than_telegrams(fake):
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        with pytest.raises(Exception, match="caption is too long"):
            await bot.send_photo(CHAT, photo=photo_bytes(photo()), caption="é" * 1025)


def test_caption_and_rest():
    assert caption_and_rest("court") == ("court", "")
    long_line = "x" * (CAPTION_LIMIT + 1)
    assert caption_and_rest(long_line) == ("", long_line)
    assert caption_and_rest("titre\n" + long_line) == ("titre", long_line)
    # Telegram counts UTF-16 code units: an emoji is two.
    assert caption_and_rest("🙂" * 512) == ("🙂" * 512, "")
    assert caption_and_rest("🙂" * 513)[0] == ""


@pytest.mark.asyncio
async def test_an_unusable_photo_sends_the_text_alone(fake):
    await deliver(fake, Reply("Votre suivi", photo={"png_base64": "pas une image"}))
    assert fake.sent("sendPhoto", chat_id=CHAT) == []
    assert [m["text"] for m in fake.sent("sendMessage", chat_id=CHAT)] == ["Votre suivi"]


@pytest.mark.asyncio
async def test_from_rasas_custom_payload_to_the_photo(fake):
    picture = photo()
    caption = HEADING + "\nDernier point d'étape : le 18/11."
    messages = [{"recipient_id": "c1", "text": "Voici votre suivi."},
                {"recipient_id": "c1", "custom": {"photo": {**picture, "caption": caption}}},
                {"recipient_id": "c1", "text": "À bientôt."}]
    replies = join_paragraphs(replies_from_rasa(messages))
    assert [r.text for r in replies] == ["Voici votre suivi.", caption, "À bientôt."]
    assert replies[1].photo == picture  # the caption travels as the reply's text
    assert Reply.from_dict(replies[1].to_dict()) == replies[1]  # through the chat's queue
    assert "photo" not in replies[0].to_dict()

    await deliver(fake, replies[1])
    (sent,) = fake.sent("sendPhoto", chat_id=CHAT)
    assert sent["caption"] == caption


def test_the_terminal_writes_the_png_under_var_and_says_where(tmp_path, monkeypatch, capsys):
    assert terminal.IMAGES.parent.name == "var"
    folder = tmp_path / "var" / "images"
    monkeypatch.setattr(terminal, "IMAGES", folder)
    picture = photo()
    terminal.render([Reply(HEADING, photo=picture)])

    printed = capsys.readouterr().out
    (path,) = folder.iterdir()
    assert str(path) in printed and HEADING in printed
    assert path.suffix == ".png" and path.read_bytes() == photo_bytes(picture)
    assert struct.unpack(">II", path.read_bytes()[16:24]) == (720, 450)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it shows the citizen's moods
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_terminal_says_when_a_photo_is_unreadable(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(terminal, "IMAGES", tmp_path / "images")
    terminal.render([Reply("Votre suivi", photo={"png_base64": "!!"})])
    assert "(image) illisible" in capsys.readouterr().out
    assert not Path(tmp_path / "images").exists() or not any((tmp_path / "images").iterdir())
