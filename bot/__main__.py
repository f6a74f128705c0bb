"""Entry point: `python -m bot`. The Telegram edge when TELEGRAM_BOT_TOKEN is set, otherwise a
chat in the terminal through the same bridge."""

from relais.settings import load_settings


def main() -> None:
    if load_settings().telegram_bot_token:
        from bot.telegram_main import main as telegram_main

        telegram_main()
    else:
        from bot.terminal import main as terminal_main

        terminal_main()


if __name__ == "__main__":
    main()
