"""The coach desk, on Telegram (bot/coach_desk.py) and in a terminal (bot/desk_terminal.py):
what both share (texts, card, commands, who may act) lives here, one module per concern."""
