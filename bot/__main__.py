"""Entry point: `python -m bot`. The Telegram edge when TELEGRAM_BOT_TOKEN is set, otherwise a
chat in the terminal through the same bridge."""

import sys

from relais.settings import load_settings


def main() -> None:
    settings = load_settings()
    if not settings.edge_secret:
        # Rasa's channels refuse the edge without it, and the edge refuses Rasa's callbacks.
        sys.exit("EDGE_SECRET is not set (`make run` makes one in var/secrets.env).")
    if settings.telegram_bot_token:
        from bot.telegram_main import main as telegram_main

        telegram_main()
    else:
        from bot.terminal import main as terminal_main

        terminal_main()


if __name__ == "__main__":
    main()
