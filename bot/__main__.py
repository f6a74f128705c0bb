"""Entry point: `python -m bot`. Without TELEGRAM_BOT_TOKEN, a chat in the terminal."""

import sys

from relais.settings import load_settings


def main() -> None:
    settings = load_settings()
    if settings.telegram_bot_token:
        sys.exit("The Telegram bridge is not built yet; unset TELEGRAM_BOT_TOKEN to chat locally.")
    from bot.terminal import main as terminal_main

    terminal_main()


if __name__ == "__main__":
    main()
