"""The citizen-facing edge of Relais: Telegram (python-telegram-bot), or a chat in the terminal."""
