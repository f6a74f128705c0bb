"""A citizen's contact instructions: read from their words (and not from look-alikes), merged,
kept on the case, and the rule the desk applies before a coach's message goes out."""

from datetime import datetime, timedelta, timezone

import pytest

from relais.contact_wishes import (
    ContactWishes,
    allows_message,
    is_for_contact_turn,
    read_contact,
    read_contact_wishes,
    withdrawal_answer,
)
from relais.services.desk import DeskService
from tests.support.audit import audit_log


@pytest.mark.parametrize("text, expected", [
    ("Ne m’écrivez pas après 19h svp, il rentre", ContactWishes(quiet_from=19)),
    ("pas après 19 h", ContactWishes(quiet_from=19)),
    ("PAS AVANT 10H", ContactWishes(quiet_until=10)),
    ("écrivez-moi seulement entre 9h et 16h", ContactWishes(quiet_from=16, quiet_until=9)),
    ("pas entre 18h et 21h svp, il est là", ContactWishes(quiet_from=18, quiet_until=21)),
    ("pas le soir, il est là", ContactWishes(quiet_from=18, quiet_until=8)),
    ("jamais de message la nuit", ContactWishes(quiet_from=21, quiet_until=8)),
    ("pas de messages le week-end merci", ContactWishes(no_weekend=True)),
    ("n'appelez pas, jamais", ContactWishes(no_calls=True)),
    ("surtout pas d'appel", ContactWishes(no_calls=True)),
    ("seulement par écrit svp", ContactWishes(no_calls=True)),
    ("il lit mes messages", ContactWishes(discreet=True)),
    ("écrivez des messages neutres", ContactWishes(discreet=True)),
    ("ne m'écrivez que quand je vous écris", ContactWishes(wait_for_me=True)),
    ("jamais sur ce téléphone", ContactWishes(wait_for_me=True)),
    ("annulez ma demande", ContactWishes(withdraw=True)),
    ("annulez le dossier svp il va voir", ContactWishes(withdraw=True)),
    ("je ne veux plus qu'on me contacte", ContactWishes(withdraw=True)),
    ("ne m'écrivez plus", ContactWishes(withdraw=True)),
])
def test_instructions_are_read_from_the_citizens_words(text, expected):
    assert read_contact_wishes(text) == expected


@pytest.mark.parametrize("text", [
    "je finis le travail après 19h",
    "mon fils rentre après 19h",
    "je rentre pas avant 20h",
    "ils ont fermé mon dossier à la CAF",
    "je veux annuler ma demande de logement social",
    "j'ai arrêté mon dossier de surendettement",
    "jai pas réussi à appeler",
    "vous pouvez m'appeler",
    "je veux pas appeler le 3919",
    "je n'appelle jamais personne",
    "le magasin ferme le soir à 19h",
    # Look-alikes of the kinds other measures met, reworded (never in any training data).
    "de toute façon j'ai plus de forfait sur mon portable",
    "il dit de ne pas appeler les pompiers",
    "je ne téléphonerai pas, je veux juste parler ici",
    "est-ce que la mairie a accès à ce que j'écris ici",
    "plus rien sur mon compte jusqu'à la fin du mois",
])
def test_look_alikes_are_no_instruction(text):
    assert read_contact_wishes(text).is_empty


def test_newer_hours_replace_older_ones_and_other_instructions_add_up():
    kept = ContactWishes(quiet_from=19, no_calls=True).merged(ContactWishes(quiet_from=20, discreet=True))
    assert kept == ContactWishes(quiet_from=20, no_calls=True, discreet=True)
    assert ContactWishes.from_json(kept.to_json()) == kept
    assert ContactWishes.from_json(None).is_empty
    assert not ContactWishes(withdraw=True).has_instructions


PARIS_WINTER = timezone(timedelta(hours=1))


def _at(hour: int, day: int = 2) -> datetime:
    # 2026-12-02 is a Wednesday; 2026-12-05 a Saturday.
    return datetime(2026, 12, day, hour, 30, tzinfo=PARIS_WINTER)


def test_the_desk_holds_messages_in_the_quiet_time_paris_time():
    after_19 = ContactWishes(quiet_from=19)
    assert allows_message(after_19, _at(18))
    assert not allows_message(after_19, _at(19))
    assert not allows_message(after_19, _at(2))  # the quiet time runs to the morning
    assert allows_message(after_19, _at(8))
    window = ContactWishes(quiet_from=16, quiet_until=9)
    assert [allows_message(window, _at(hour)) for hour in (8, 9, 15, 16)] == [False, True, True, False]
    # The same instant given in UTC is read in Paris time.
    assert not allows_message(after_19, _at(19).astimezone(timezone.utc))
    assert not allows_message(ContactWishes(no_weekend=True), _at(11, day=5))
    assert allows_message(ContactWishes(no_calls=True, discreet=True), _at(23))


def test_wait_for_me_lets_a_coach_answer_only_soon_after_the_citizen_wrote():
    wishes = ContactWishes(wait_for_me=True)
    now = _at(14)
    assert not allows_message(wishes, now, None)
    assert allows_message(wishes, now, now - timedelta(minutes=10))
    assert not allows_message(wishes, now, now - timedelta(hours=2))


def test_the_withdrawal_question_takes_yes_no_and_nothing_else():
    assert withdrawal_answer("oui", None) is True
    assert withdrawal_answer("/affirm", "affirm") is True
    assert withdrawal_answer("non, gardez-la", None) is False
    assert withdrawal_answer("il rentre à quelle heure déjà", None) is None
    assert is_for_contact_turn("oui", "affirm", awaiting_withdrawal=True)
    assert not is_for_contact_turn("oui", "affirm", awaiting_withdrawal=False)
    assert not is_for_contact_turn("/affirm", "affirm", awaiting_withdrawal=False)
    assert is_for_contact_turn("pas après 19h", None, awaiting_withdrawal=False)


def test_instructions_are_kept_on_the_active_case_and_a_case_opened_later(escalation):
    assert escalation.add_contact_wishes("alice", ContactWishes(quiet_from=19)) is None
    case = escalation.open_case("alice", "crisis", crisis_kind="violence",
                                contact_wishes=ContactWishes(no_calls=True))
    assert case.contact_wishes == ContactWishes(no_calls=True)
    updated = escalation.add_contact_wishes("alice", ContactWishes(quiet_from=19))
    assert updated.contact_wishes == ContactWishes(quiet_from=19, no_calls=True)
    assert escalation.active_case("alice").contact_wishes == updated.contact_wishes


def test_a_withdrawal_closes_the_case_and_the_desk_tells_the_topic_once(session_factory, escalation, clock):
    desk = DeskService(session_factory, clock)
    assert escalation.withdraw("bob") is None
    case = escalation.open_case("bob", "citizen_request")
    desk.record_topic(case, -100, 11, 500)
    escalation.take_case(case.id, "7")
    assert desk.citizen_notices() == []

    clock.now += timedelta(minutes=1)
    escalation.add_contact_wishes("bob", ContactWishes(no_calls=True))
    (notice,) = desk.citizen_notices()
    assert (notice.case.id, notice.withdrawn) == (case.id, False)
    assert notice.case.contact_wishes == ContactWishes(no_calls=True)
    desk.mark_noticed(case.id, notice.until)
    assert desk.citizen_notices() == []

    clock.now += timedelta(minutes=1)
    closed = escalation.withdraw("bob")
    assert (closed.status, closed.closing_note) == ("closed", "withdrawn_by_citizen")
    (notice,) = desk.citizen_notices()
    assert notice.withdrawn and notice.until == clock.now
    assert escalation.active_case("bob") is None
    assert [line.action for line in audit_log(session_factory, case.id)][-2:] == ["contact_wish", "withdrawn"]


def test_the_desk_knows_when_the_citizen_last_wrote(session_factory, escalation, clock):
    desk = DeskService(session_factory, clock)
    case = escalation.open_case("carol", "citizen_request")
    assert desk.last_citizen_message(case.id) is None
    desk.record_citizen_message(case.id)
    assert desk.last_citizen_message(case.id) == clock.now


def test_a_held_message_goes_out_at_the_first_hour_the_instructions_allow():
    from relais.contact_wishes import next_allowed_at

    evening = _at(20)  # Wednesday 20:30, Paris
    assert next_allowed_at(ContactWishes(quiet_from=19), evening) == datetime(2026, 12, 3, 8, tzinfo=PARIS_WINTER)
    assert next_allowed_at(ContactWishes(quiet_from=16, quiet_until=9), evening).hour == 9
    saturday = _at(11, day=5)
    assert next_allowed_at(ContactWishes(no_weekend=True), saturday) == datetime(2026, 12, 7, 8, tzinfo=PARIS_WINTER)
    assert next_allowed_at(ContactWishes(wait_for_me=True), evening) is None
    assert next_allowed_at(ContactWishes(no_calls=True), evening) == evening


def test_held_messages_go_out_when_allowed_and_are_dropped_with_the_case(session_factory, escalation, clock):
    desk = DeskService(session_factory, clock)
    clock.now = datetime(2026, 12, 2, 19, 30, tzinfo=timezone.utc)  # 20:30 in Paris
    case = escalation.open_case("emma", "citizen_request", contact_wishes=ContactWishes(quiet_from=19))
    escalation.take_case(case.id, "7")
    held = desk.hold_message(case.id, "7", "Alice", "Bonjour, je suis Alice.")
    assert desk.due_held_messages() == []  # 20:30: quiet

    clock.now = datetime(2026, 12, 3, 7, 0, tzinfo=timezone.utc)  # 8:00 in Paris
    (due,) = desk.due_held_messages()
    assert (due.held.id, due.held.text, due.case.id) == (held.id, "Bonjour, je suis Alice.", case.id)
    assert desk.release_held(held.id) is True
    assert desk.release_held(held.id) is False  # never twice
    assert desk.due_held_messages() == []

    desk.hold_message(case.id, "7", "Alice", "Un autre")
    desk.hold_message(case.id, "7", "Alice", "Et encore un")
    assert desk.cancel_held(case.id, "7") == 2
    desk.hold_message(case.id, "7", "Alice", "Après la clôture")
    escalation.close_case(case.id, "fini")
    assert desk.due_held_messages() == []  # the case is no longer taken: dropped
    actions = [line.action for line in audit_log(session_factory, case.id)]
    assert actions.count("held") == 4 and actions.count("held_sent") == 1
    assert actions.count("held_dropped") == 3


def test_a_message_held_until_the_citizen_writes_goes_out_after_they_do(session_factory, escalation, clock):
    desk = DeskService(session_factory, clock)
    case = escalation.open_case("fanny", "citizen_request", contact_wishes=ContactWishes(wait_for_me=True))
    escalation.take_case(case.id, "7")
    desk.hold_message(case.id, "7", "Alice", "Bonjour")
    assert desk.due_held_messages() == []
    clock.now += timedelta(minutes=5)
    desk.record_citizen_message(case.id)
    assert len(desk.due_held_messages()) == 1


# Phrasings of the persona chats of 2026-12-02 (not a blind set): (text, in a contact context,
# instructions, lifted, asks what is noted).
@pytest.mark.parametrize("text, context, wishes, lifted, asks", [
    ("je vous ai dit qu'il part a 9h le matin donc pas de message avant 9h non plus", True,
     ContactWishes(quiet_until=9), set(), False),
    ("est ce que c'est bien noté pour les horaires ? pas apres 19h et pas avant 9h, pas d'appel", True,
     ContactWishes(quiet_from=19, quiet_until=9, no_calls=True), set(), True),
    ("merci. mais svp repondez moi seulement quand c moi qui ecrit en premier. sinon elle va voir", False,
     ContactWishes(wait_for_me=True), set(), False),
    ("vous avez compris ? ecrivez moi seulement si je vous ecris d abord", False,
     ContactWishes(wait_for_me=True), set(), True),
    ("je veux que l equipe me reponde uniquement quand j ecris en premier", False,
     ContactWishes(wait_for_me=True), set(), False),
    ("consigne pour l'equipe : ne m'ecrivez pas en premier, attendez que je vous ecrive", False,
     ContactWishes(wait_for_me=True), set(), False),
    ("pas ce soir hein ! seulement demain matin quand il sera parti au travail vers 8h30", True,
     ContactWishes(quiet_from=12, quiet_until=8), set(), False),
    ("c moi l enfant mdr. la ca va il dort. mais pas le soir svp c la qu il est la", True,
     ContactWishes(quiet_from=18, quiet_until=8), set(), False),
    ("mais c MOI qui a 16 ans 😭 et jvous dis pas de msg le soir sinn il va voir mon tel", False,
     ContactWishes(quiet_from=18, quiet_until=8, discreet=True), set(), False),
    ("ok mais pas d appel hein. et ecrivez rien qui dit violence sur le tel", False,
     ContactWishes(no_calls=True, discreet=True), set(), False),
    ("c bon c note tout ? pas le soir pas d appel et discret ?", True,
     ContactWishes(quiet_from=18, quiet_until=8, no_calls=True, discreet=True), set(), True),
    ("Est-ce que l'équipe sait que je ne suis pas disponible le week-end ?", True,
     ContactWishes(no_weekend=True), set(), True),
    ("Finalement, vous pouvez m'écrire le week-end aussi, ma fille est partie en vacances.", True,
     ContactWishes(), {"no_weekend"}, False),
    ("Je change ma consigne : le week-end c'est possible maintenant.", True,
     ContactWishes(), {"no_weekend"}, False),
    ("Je retire ma demande de parler à quelqu'un.", True, ContactWishes(withdraw=True), set(), False),
    ("en fait c'est bon, j'ai plus besoin qu'on me contacte, ma soeur va venir m'aider", True,
     ContactWishes(withdraw=True), set(), False),
    ("plus besoin de la personne de l'équipe", True, ContactWishes(withdraw=True), set(), False),
    ("donc c'est annulé ?", True, ContactWishes(withdraw=True), set(), False),
    ("merci. je suis joignable que le matin, l'aprem on fait le piquet devant l'usine", False,
     ContactWishes(quiet_from=12, quiet_until=8), set(), False),
    ("Je voudrais parler à une personne de l'équipe, par écrit.", False,
     ContactWishes(no_calls=True), set(), False),
    ("je veux pas de rappels. laissez moi tranquille", False, ContactWishes(wait_for_me=True), set(), False),
])
def test_what_citizens_said_in_whole_conversations_is_read(text, context, wishes, lifted, asks):
    from relais.contact_wishes import read_contact

    reading = read_contact(text, context)
    assert (reading.wishes, set(reading.lifted), reading.asks_noted) == (wishes, lifted, asks)


def test_a_lifted_instruction_goes_and_an_end_given_keeps_the_other():
    kept = ContactWishes(quiet_from=19, no_weekend=True, no_calls=True)
    assert kept.merged(ContactWishes(quiet_until=9)) == ContactWishes(quiet_from=19, quiet_until=9,
                                                                      no_weekend=True, no_calls=True)
    assert kept.merged(ContactWishes(), frozenset({"no_weekend", "quiet"})) == ContactWishes(no_calls=True)


@pytest.mark.parametrize("text, wishes", [
    ("pas de message avant 10h le matin je bosse de nuit, pas d appel non plus, et rien le mercredi",
     ContactWishes(quiet_until=10, days_off=(2,), no_calls=True)),
    ("le mardi et le jeudi pas de message svp", ContactWishes(days_off=(1, 3))),
    ("pas de message ni le lundi ni le mardi", ContactWishes(days_off=(0, 1))),
])
def test_weekdays_without_messages(text, wishes):
    from relais.contact_wishes import read_contact

    assert read_contact(text, True).wishes == wishes


# How the instructions are told (only the hours given, each instruction its phrase) is in
# tests/test_contact_texts.py.
def test_a_day_off_holds_messages():
    wednesday = datetime(2026, 12, 2, 11, 0, tzinfo=PARIS_WINTER)
    assert not allows_message(ContactWishes(days_off=(2,)), wednesday)
    assert allows_message(ContactWishes(days_off=(2,)), wednesday + timedelta(days=1))
    assert ContactWishes.from_json(ContactWishes(days_off=(2,)).to_json()) == ContactWishes(days_off=(2,))


@pytest.mark.parametrize("text, wishes, asks", [
    ("faut pas m'écrire quand il est là, le soir après 18h et le week end c'est impossible. le mieux c'est en semaine le matin entre 9h et midi",
     ContactWishes(quiet_from=12, quiet_until=9, no_weekend=True), False),
    ("en fait changement : vous pouvez m'écrire à partir de 8h finalement. qu'est ce qui est noté maintenant ?",
     ContactWishes(quiet_until=8), True),
    ("je demandais si une personne de l'équipe va m'écrire avant 18h", ContactWishes(), True),
])
def test_second_round_phrasings(text, wishes, asks):
    from relais.contact_wishes import read_contact

    reading = read_contact(text, True)
    assert (reading.wishes, reading.asks_noted) == (wishes, asks)


def test_the_citizen_writing_is_no_instruction_about_being_written_to():
    # « Je ne sais pas pourquoi j'écris ici… le car ne passe plus que le mardi »: a life told,
    # not « no message on Tuesday ».
    from relais.contact_wishes import read_contact

    told = "je sais pas pourquoi j'écris ici, le bus ne passe plus que le jeudi et je vois plus personne"
    assert read_contact(told).is_empty
    assert read_contact("ne m'écrivez pas le jeudi").wishes.days_off == (3,)


def test_noted_on_the_citizen_side_asks_nothing():
    from relais.contact_wishes import read_contact

    assert not read_contact("ok c'est noté de mon côté, bonne nuit", in_context=True, has_instructions=True).asks_noted
    assert read_contact("c'est bien noté pour les horaires ?", in_context=True, has_instructions=True).asks_noted


@pytest.mark.parametrize("text", [
    # Persona round 106: the hours of the power cuts became the hours the team may write.
    "coupures de 18h à 23h",
    "on a des coupures de 18h à 23h tous les soirs",
    "la mairie est ouverte de 9h à 12h",
])
def test_the_hours_of_a_cut_or_an_office_are_no_contact_hours(text):
    assert read_contact_wishes(text, in_context=True).quiet_from is None


def test_contact_hours_said_beside_a_cut_are_kept():
    wishes = read_contact_wishes("pas de message entre 18h et 23h, il y a les coupures", in_context=True)
    assert (wishes.quiet_from, wishes.quiet_until) == (18, 23)


def test_a_time_said_of_something_else_is_no_instruction_even_with_a_case_open():
    assert read_contact_wishes("bof les tuyaux c pas le sujet ce soir lol. bon merci, bonne soiree", in_context=True).is_empty
    assert not read_contact_wishes("pas le soir svp", in_context=True).is_empty


def test_a_habit_told_in_a_safety_plan_answer_is_no_instruction():
    """« Je ne réponds plus aux messages. Et le soir je bois » answers « what warns you? »: no
    quiet hours (persona round 88 stored 18 h to 8 h in a suicidal man's case)."""
    told = read_contact("quand ça va mal je ne décroche plus et le soir je fume trop", in_context=True)
    assert told.wishes.quiet_from is None and told.wishes.quiet_until is None
    assert read_contact("ne m'écrivez pas le soir", in_context=True).wishes.quiet_from is not None


@pytest.mark.parametrize("text", [
    # Persona round 95: each set quiet hours nobody asked for on a crisis case.
    "et comment on le surveille alors que je bosse toute la journée demain",
    "et ce soir je dors chez lui ou pas ? quels signes doivent m'inquieter cette nuit pour rappeler le 15 ?",
    "Oui, je suis chez moi, je ne vais rien faire ce soir, rassurez-vous.",
    "Je n'ai rien contre les messages le soir.",
])
def test_a_time_said_of_something_else_is_no_quiet_time(text):
    wishes = read_contact(text, in_context=True).wishes
    assert (wishes.quiet_from, wishes.quiet_until) == (None, None)


def test_instructions_lifted_and_nobody_writing_first_are_heard():
    assert read_contact("Non, enlevez cela s'il vous plaît.", in_context=True, has_instructions=True).lifted >= {"quiet"}
    assert read_contact("Je n'ai rien contre les messages le soir.", in_context=True).lifted == {"quiet"}
    # A victim whose partner reads her phone (persona round 95).
    assert read_contact("non non faut pas qu'on m'ecrive!! si il voit un message ça va mal se passer",
                        in_context=True).wishes.wait_for_me
    assert read_contact("ils vont m'ecrire ou pas ? je veux pas", in_context=True).asks_noted
    # Still read: an instruction and a question in two sentences.
    assert read_contact("ne m'écrivez pas après 19 h. il rentre", in_context=True).wishes.quiet_from == 19


def test_relais_writes_first_only_where_nobody_else_reads_the_phone():
    # Persona round 95: « je reviendrai vers vous demain » to a woman whose partner reads her phone.
    from relais.contact_wishes import may_write_first

    assert may_write_first(None, None)
    assert not may_write_first({"wishes": ContactWishes(wait_for_me=True).to_json()}, None)
    assert not may_write_first({"wishes": ContactWishes(discreet=True).to_json()}, None)
    assert not may_write_first(None, {"kind": "violence", "open": True})
    assert may_write_first({"wishes": ContactWishes(quiet_from=21).to_json()}, {"kind": "medical"})


def test_a_withdrawal_said_alone_is_read_where_a_case_or_instructions_exist():
    # Persona round 104: « vous pouvez annuler ? » and « oui annulez svp » went unheard.
    assert read_contact_wishes("vous pouvez annuler ?", in_context=True).withdraw
    assert not read_contact_wishes("vous pouvez annuler ?").withdraw
    assert not read_contact_wishes("vous pouvez annuler ma commande ?", in_context=True).withdraw
    assert withdrawal_answer("oui annulez svp. je préfère appeler moi même quand je serai seule", None) is True
    assert withdrawal_answer("non ne l'annulez pas", None) is False


def test_not_having_asked_to_be_written_to_is_wait_for_me():
    assert read_contact_wishes("attendez, je n'ai pas demandé qu'on m'écrive").wait_for_me


def test_hours_given_with_a_request_to_be_contacted_again():
    # Persona round 105: « me recontacte… pas avant 18h, je travaille » lost its hour.
    wishes = read_contact_wishes("je veux bien que quelqu'un me recontacte, par contre pas avant 18h, je travaille")
    assert wishes.quiet_until == 18


@pytest.mark.parametrize("text", [
    "mon rdv chez le dentiste demain, je peux annuler ?",
    "j'ai une commande amazon en retard, je voudrais annuler.",
    "je sais pas si je veux annuler.",
])
def test_something_else_cancelled_is_no_withdrawal(text):
    assert not read_contact_wishes(text, in_context=True).withdraw


@pytest.mark.parametrize("text, answer", [
    ("n'annulez pas le dossier svp", False),
    ("je voudrais pas annuler le dossier, juste décaler", False),
    ("je sais pas si je veux annuler.", None),
])
def test_keeping_or_doubting_is_no_yes_to_the_withdrawal(text, answer):
    assert withdrawal_answer(text, None) is answer


def test_a_time_refused_with_a_shop_s_hours_is_kept():
    # Review: « pas après 18h, mon mari ferme la boutique et rentre » lost its quiet hours.
    assert read_contact_wishes("pas après 18h, mon mari ferme la boutique et rentre", in_context=True).quiet_from == 18


def test_a_reminder_refused_asks_that_nobody_writes_first():
    # Persona round 108: « vous alliez me réécrire demain. faut pas !! si il voit une notif… ».
    said = "vous avez dit que vous alliez me réécrire demain. faut pas !! si il voit une notif de vous c'est fini"
    assert read_contact_wishes(said, in_context=True).wait_for_me


def test_a_day_said_of_something_else_is_no_day_off():
    # Persona round 108: « mon médecin répond pas, c'est samedi » became « aucun message le samedi ».
    said = "le 15 pour une fièvre ils vont me dire que j'encombre la ligne... mon médecin répond pas, c'est samedi. y a pas un numéro de garde ?"
    assert read_contact_wishes(said, in_context=True).days_off == ()
    assert read_contact_wishes("pas de message le samedi", in_context=True).days_off == (5,)
