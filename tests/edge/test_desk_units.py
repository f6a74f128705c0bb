"""The coach desk's parts that need no network nor database: the command table and its
parsing in both desks, the card and the lists of cases, and who may act (bot/desk/)."""

import asyncio
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from telegram.error import BadRequest, NetworkError

from bot.desk.access import DeskAccess
from bot.desk.cards import card_keyboard, case_card, cases_by_relais, cases_lines, topic_name
from bot.desk.commands import (
    COMMANDS,
    read_telegram,
    read_terminal,
    telegram_command,
    telegram_help,
    terminal_help,
)
from bot.desk.texts import NO_CASES
from bot.telegram_delivery import DeliveryFailed
from relais.directory import CoachScope
from relais.models import utc_now
from relais.services.errors import ServiceError
from relais.services.escalation import CaseInfo
from relais.services.progress import Goal, ProgressSummary


def case(**fields) -> CaseInfo:
    values = dict(id=7, conversation_id="42", reason="citizen_request", priority=2, status="open",
                  relais_code="IDF", assigned_coach=None, opened_at=utc_now() - timedelta(minutes=5))
    return CaseInfo(**{**values, **fields})


# --- commands -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("/clore merci", ("clore", "merci")),
    ("/CLORE", ("clore", "")),
    ("/cases@RelaisBot", ("cases", "")),
    ("/transferer  ARA ", ("transferer", "ARA")),
    ("/clore une note\nsur deux lignes", ("clore", "une note\nsur deux lignes")),
    ("/inconnue", ("inconnue", "")),
    ("Bonjour, je suis Alice", None),
    ("", None),
    ("/ clore", None),
])
def test_a_group_message_is_a_command_or_text_for_the_citizen(text, expected):
    assert read_telegram(text) == expected


def test_the_group_knows_its_commands_and_not_the_terminals():
    assert telegram_command("clore").handler == "close"
    assert telegram_command("annuler").handler == "cancel_held"
    assert telegram_command("cases").on_case is False
    assert telegram_command("prendre") is None and telegram_command("aide") is None
    assert {c.handler for c in COMMANDS if c.holder_only} == {
        "hand_back", "close", "transfer", "cancel_held"}


@pytest.mark.parametrize("line, handler, argument", [
    ("dossiers", "list_cases", ""),
    ("CASES", "list_cases", ""),
    ("prendre 12", "take", "12"),
    ("prendre douze", None, "douze"),  # not a number: text for the citizen
    ("rendre", "hand_back", ""),
    ("clore  c'est réglé ", "close", "c'est réglé"),
    ("transferer ARA", "transfer", "ARA"),
    ("annuler", None, ""),  # the Telegram desk's only
    ("", "help", ""),
    ("aide", "help", ""),
    ("quitter", "quit", ""),
    ("exit", "quit", ""),
    ("Bonjour, je m'appelle Nadia", None, "je m'appelle Nadia"),
])
def test_a_terminal_line_is_a_command_or_text_for_the_citizen(line, handler, argument):
    command, rest = read_terminal(line)
    assert (command.handler if command else None, rest) == (handler, argument)


def test_each_desk_shows_the_help_it_always_showed():
    assert telegram_help() == ("Commandes : /rendre, /clore <note>, /transferer <relais>, "
                               "/annuler (messages retenus), /cases.")
    assert terminal_help() == (
        "Commandes : dossiers | prendre N | rendre | clore [note] | transferer CODE | aide | "
        "quitter.\nTout autre texte est envoyé à la personne du dossier que vous avez pris.")


# --- cards ----------------------------------------------------------------------------------


class Progress:
    """A progress service whose summary holds one goal, or nothing, or which fails."""

    def __init__(self, goal=None, fails=False):
        self.goal, self.fails = goal, fails

    def summary(self, conversation_id):
        if self.fails:
            raise ServiceError("down")
        goal = Goal(self.goal, "energie", datetime(2026, 3, 1, 9, 0)) if self.goal else None
        return ProgressSummary(actions_done_total=0, recent_actions_done=(), current_goal=goal,
                               checkin_streak_weeks=0, weekly_moods=(), mood_trend=None)


def card(case_info, tracker=None, progress=None):
    return asyncio.run(case_card(case_info, tracker or {}, progress or Progress(), "Relais IDF",
                                 "Loutre-12"))


def test_the_card_says_who_why_where_and_the_last_messages():
    events = [{"event": "user", "text": f"message {n}"} for n in range(12)]
    events += [{"event": "bot", "text": "  Je   suis là. "}, {"event": "action", "name": "x"}]
    text = card(case(opened_at=datetime(2026, 3, 1, 9, 5)),
                {"slots": {"phase": "diagnostic", "track": "energie"}, "events": events},
                Progress(goal="Isoler la porte d'entrée"))
    lines = text.splitlines()
    assert lines[0] == "Dossier n°7 — demande de la personne (priorité 2)"
    assert lines[1] == "Personne : Loutre-12"
    assert lines[2].startswith("Partagé à la demande de la personne")
    assert "Relais : Relais IDF" in lines and "Ouvert le 01/03/2026 à 09:05 (UTC)" in lines
    assert any("Isoler la porte d'entrée" in line for line in lines)
    assert "Votre suivi avec Relais" not in text
    assert "Personne : message 1" not in lines and "Personne : message 3" in lines
    assert lines[-1] == "Relais : Je suis là."


def test_a_crisis_card_says_its_kind_and_why_it_is_shared_without_a_request():
    text = card(case(reason="crisis", priority=1, crisis_kind="suicide"), progress=Progress(fails=True))
    assert text.startswith("Dossier n°7 — CRISE (")
    assert "intérêt vital" in text and "Suivi :\nindisponible" in text
    assert text.endswith("(aucun message disponible)")


def test_the_card_fits_in_a_telegram_message():
    events = [{"event": "user", "text": "x" * 1000}] * 10
    text = card(case(), {"events": events})
    assert f"Personne : {'x' * 300}…" in text  # each message cut
    long_label = card(case(), {"events": events, "slots": {"phase": "y" * 5000}})
    assert len(long_label) == 3800


def test_the_lists_of_cases():
    cases = [case(), case(id=8, status="taken", relais_code=None,
                          opened_at=utc_now() - timedelta(minutes=125))]
    names = {"IDF": "Relais IDF", None: "relais non déterminé"}
    assert cases_by_relais(cases, lambda c: names[c.relais_code]) == (
        "Dossiers en cours\n\nRelais IDF :\n- n°7 · demande de la personne · en attente · depuis 5 min"
        "\n\nrelais non déterminé :\n- n°8 · demande de la personne · pris en charge · depuis 2 h 05")
    assert cases_lines(cases) == ("n°7 · demande de la personne · en attente · IDF\n"
                                  "n°8 · demande de la personne · pris en charge · relais ?")
    assert cases_by_relais([], str) == NO_CASES == cases_lines([])


def test_the_topic_name_and_the_buttons_of_the_card():
    assert topic_name(case(priority=1), {"track": None}) == "n°7 · CRISE · sans thème · IDF"
    assert topic_name(case(relais_code=None), {}) == "n°7 · P2 · sans thème · relais ?"
    open_buttons = card_keyboard(case(), taken=False).inline_keyboard[0]
    assert [(b.text, b.callback_data) for b in open_buttons] == [
        ("Prendre en charge", "take:7"), ("Clore", "close:7")]
    assert [b.callback_data for b in card_keyboard(case(), taken=True).inline_keyboard[0]] == [
        "close:7"]


# --- who may act ----------------------------------------------------------------------------


class Directory:
    def scope_of_coach(self, coach_id, admin_ids=frozenset()):
        if coach_id in admin_ids:
            return CoachScope(national=True)
        return CoachScope(frozenset({"IDF"})) if coach_id == 501 else CoachScope()


class Bot:
    def __init__(self, status="member", error=None):
        self.status, self.error, self.asked = status, error, []

    async def get_chat_member(self, chat_id, user_id):
        self.asked.append((chat_id, user_id))
        if self.error:
            raise self.error
        return SimpleNamespace(status=self.status, is_member=self.status == "restricted")


def user(user_id, is_bot=False):
    return SimpleNamespace(id=user_id, is_bot=is_bot)


def scope(bot, who):
    return asyncio.run(DeskAccess(bot, -100, Directory(), frozenset({900})).scope_of(who))


def test_a_coach_acts_on_their_relais_while_a_member_of_the_group():
    bot = Bot()
    assert scope(bot, user(501)) == CoachScope(frozenset({"IDF"}))
    assert bot.asked == [(-100, 501)]  # asked each time, never cached
    assert scope(Bot("restricted"), user(501)).is_coach
    assert not scope(Bot("left"), user(501)).is_coach
    assert not scope(Bot("kicked"), user(501)).is_coach
    assert not scope(Bot(error=BadRequest("user not found")), user(501)).is_coach


def test_admins_are_not_asked_about_and_strangers_and_bots_can_do_nothing():
    bot = Bot()
    assert scope(bot, user(900)) == CoachScope(national=True)
    assert scope(bot, user(667)) == CoachScope() and scope(bot, None) == CoachScope()
    assert scope(bot, user(501, is_bot=True)) == CoachScope()
    assert bot.asked == []


def test_telegram_unreachable_keeps_the_update_for_later():
    with pytest.raises(DeliveryFailed):
        scope(Bot(error=NetworkError("down")), user(501))


def test_only_the_holder_or_an_admin_acts_on_a_taken_case():
    access = DeskAccess(Bot(), -100, Directory(), frozenset({900}))
    taken = case(status="taken", assigned_coach="501")
    assert access.holds(taken, user(501)) and access.holds(taken, user(900))
    assert not access.holds(taken, user(502))
    assert access.holds(case(), user(502))  # nobody took it yet
