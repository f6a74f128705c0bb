"""The citizen-facing edge of Relais: terminal chat now, Telegram (python-telegram-bot) next."""
