"""French texts rendered from the domain's data, read by both the citizen (through the action
server, actions/) and the coaches (through the edge's desks, bot/).

relais/ returns data (dataclasses, dicts, dates, trends as "up"/"steady"/"down"); the wording
lives with the adapters that show it. A text only one adapter shows stays in that adapter
(e.g. actions/data_rights_text.py); a text both show lives here, once. This package imports
neither Rasa nor Telegram, so the action server's virtualenv and the edge's both import it.
"""
