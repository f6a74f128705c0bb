"""A citizen's message while a coach has the conversation (on Telegram or in the terminal):
recorded in the Rasa conversation, which the bot does not answer, for the coach and the
history."""

import logging

from bot.rasa_client import RasaClient, RasaUnavailable
from relais.conversation_contract import FALLBACK_INTENT

logger = logging.getLogger(__name__)


async def record_for_coach(rasa: RasaClient, chat_id: str, typed: str,
                           metadata: dict | None) -> None:
    """A citizen's message to the coach, added to the Rasa conversation without the bot
    reading or answering it. Rasa wants an intent: nlu_fallback (always in its domain) says
    "not understood by the bot"."""
    if not typed:
        return
    try:
        await rasa.append_events(chat_id, [{
            "event": "user", "text": typed,
            "metadata": {**(metadata or {}), "relais_to_coach": True},
            "parse_data": {"text": typed, "intent": {"name": FALLBACK_INTENT, "confidence": 1.0},
                           "entities": []},
        }])
    except RasaUnavailable as error:
        logger.warning("Could not record a message to the coach in Rasa: %s", error)
