"""Replies rendered for Telegram: texts cut to its 4,096-character limit, buttons as an inline
keyboard.

Texts are sent without a parse mode: Telegram then shows every character as written, so
nothing a response or a coach writes (`*`, `_`, `<b>`) can turn into formatting or break a
message. That is the escaping.
"""

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.conversation import Button
from bot.telegram_updates import CALLBACK_PREFIX

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH  # 4096
# Telegram lays buttons out in rows; short titles side by side read better on a phone.
SHORT_TITLE = 14


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut a text into parts of at most `limit` characters, at a paragraph break if there is
    one, else at a line break, else after a sentence, else between words."""
    parts = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _cut_point(rest, limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def _cut_point(text: str, limit: int) -> int:
    window = text[:limit]
    for separator in ("\n\n", "\n", ". ", " "):
        position = window.rfind(separator)
        if position > limit // 2:
            return position + len(separator)
    return limit  # one very long word: cut it


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    """The inline keyboard for a reply's buttons; callback data is the button's index only."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    for index, button in enumerate(buttons):
        key = InlineKeyboardButton(button.title[:64], callback_data=f"{CALLBACK_PREFIX}{index}")
        previous = rows[-1] if rows else None
        if (previous and len(previous) == 1 and len(button.title) <= SHORT_TITLE
                and len(previous[0].text) <= SHORT_TITLE):
            previous.append(key)
        else:
            rows.append([key])
    return InlineKeyboardMarkup(rows)
