"""texts/contact_wishes.py: the citizen's contact instructions told in French, to the coach (card, notices, held
messages) and to the citizen (what is noted): the exact phrases, which must not change by a
byte, for every instruction and the hours' three ways of being told."""

import pytest

from relais.contact_wishes import ContactWishes
from texts.contact_wishes import instruction_phrases, instructions_text

EVERYTHING = ContactWishes(quiet_from=22, quiet_until=7, days_off=(2, 6), no_weekend=True,
                           no_calls=True, discreet=True, wait_for_me=True)

COACH = [
    (ContactWishes(), ""),
    (ContactWishes(quiet_from=19, quiet_until=8), "aucun message entre 19 h et 8 h (heure de Paris)"),
    (ContactWishes(quiet_from=12, quiet_until=9), "messages seulement entre 9 h et 12 h (heure de Paris)"),
    # Up to 9 allowed hours are told as a window; 10 as the quiet time; none (same hour) too.
    (ContactWishes(quiet_from=18, quiet_until=9), "messages seulement entre 9 h et 18 h (heure de Paris)"),
    (ContactWishes(quiet_from=19, quiet_until=9), "aucun message entre 19 h et 9 h (heure de Paris)"),
    (ContactWishes(quiet_from=9, quiet_until=9), "aucun message entre 9 h et 9 h (heure de Paris)"),
    (ContactWishes(quiet_from=2, quiet_until=1), "messages seulement entre 1 h et 2 h (heure de Paris)"),
    (ContactWishes(quiet_from=19), "aucun message après 19 h (heure de Paris ; ni la nuit)"),
    (ContactWishes(quiet_until=10), "aucun message avant 10 h (heure de Paris ; ni la nuit)"),
    (ContactWishes(days_off=(2,)), "aucun message le mercredi"),
    (ContactWishes(days_off=(0, 4)), "aucun message le lundi et le vendredi"),
    (EVERYTHING,
     "aucun message entre 22 h et 7 h (heure de Paris) ; aucun message le mercredi et le dimanche ; "
     "aucun message le week-end ; pas d'appel, uniquement par écrit ; messages discrets : "
     "quelqu'un peut lire son téléphone ; n'écrire qu'en réponse à la personne (dans les 30 min "
     "après son message)"),
]

CITIZEN = [
    (ContactWishes(), ""),
    (ContactWishes(quiet_from=19, quiet_until=8), "aucun message de l'équipe entre 19 h et 8 h"),
    (ContactWishes(quiet_from=12, quiet_until=9), "des messages de l'équipe seulement entre 9 h et 12 h"),
    (ContactWishes(quiet_from=18, quiet_until=9), "des messages de l'équipe seulement entre 9 h et 18 h"),
    (ContactWishes(quiet_from=19, quiet_until=9), "aucun message de l'équipe entre 19 h et 9 h"),
    (ContactWishes(quiet_from=9, quiet_until=9), "aucun message de l'équipe entre 9 h et 9 h"),
    (ContactWishes(quiet_from=2, quiet_until=1), "des messages de l'équipe seulement entre 1 h et 2 h"),
    (ContactWishes(quiet_from=19), "aucun message de l'équipe après 19 h"),
    (ContactWishes(quiet_until=10), "aucun message de l'équipe avant 10 h"),
    (ContactWishes(days_off=(2,)), "aucun message le mercredi"),
    (ContactWishes(days_off=(0, 4)), "aucun message le lundi et le vendredi"),
    (EVERYTHING,
     "aucun message de l'équipe entre 22 h et 7 h ; aucun message le mercredi et le dimanche ; "
     "aucun message le week-end ; pas d'appel, seulement des messages écrits ici ; des messages "
     "discrets, sans mot qui puisse vous mettre en difficulté ; personne ne vous écrit en "
     "premier : on vous répond seulement quand vous écrivez"),
]


@pytest.mark.parametrize("wishes, told", COACH)
def test_the_coach_reads_the_instructions(wishes, told):
    assert instructions_text(wishes) == told


@pytest.mark.parametrize("wishes, told", CITIZEN)
def test_the_citizen_reads_the_instructions(wishes, told):
    assert instructions_text(wishes, who="citizen") == told


def test_each_instruction_is_one_phrase_and_only_the_hours_given_are_told():
    for who in ("citizen", "coach"):
        assert len(instruction_phrases(EVERYTHING, who=who)) == 6
    # « Pas avant 10 h » is not told as « entre 21 h et 10 h ».
    assert instruction_phrases(ContactWishes(quiet_until=10), who="citizen") == (
        "aucun message de l'équipe avant 10 h",)


@pytest.mark.parametrize("text", ["plutôt le soir après 19h, ici c'est très bien", "de préférence après 19 h"])
def test_an_allowed_time_said_with_plutot_is_an_instruction(text):
    # Persona round 90: « c'est noté », and nothing was kept.
    from relais.contact_wishes import read_contact
    wishes = read_contact(text, in_context=True).wishes
    assert wishes.quiet_until == 19


@pytest.mark.parametrize("text", ["on peut pas rentrer cette nuit, on dort où ?", "je ne dors pas la nuit avec ce bruit"])
def test_a_night_that_is_not_about_being_contacted_sets_no_quiet_hours(text):
    # Persona round 91: quiet hours set on a gas emergency's case from « on dort où cette nuit ».
    from relais.contact_wishes import read_contact
    wishes = read_contact(text, in_context=True).wishes
    assert wishes.quiet_from is None and wishes.quiet_until is None


@pytest.mark.parametrize("text, waits", [
    ("laissez-moi tranquille", True),
    ("bon laisse moi tranquille avec vos messages", True),
    # Someone's words quoted are no instruction (persona round 92: « personne ne vous écrit en
    # premier » to a mother whose son had said it).
    ("mon fils m'a dit laisse moi tranquille je veux juste dormir pour toujours", False),
    ("elle m'a crié laissez-moi tranquille et a claqué la porte", False),
    # Persona round 97: a complaint that no check-in came is no « don't write first ».
    ("ça fait une semaine, vous m'avez pas relancé. J'ai tenu l'objectif", False),
    ("pas de relances svp", True),
])
def test_leave_me_alone_is_an_instruction_only_when_said_to_relais(text, waits):
    from relais.contact_wishes import read_contact
    assert read_contact(text).wishes.wait_for_me is waits


def test_cancelling_the_alert_a_misunderstanding_raised_withdraws_the_case_not_the_subscription():
    # Persona round 98: « annulez l'alerte de tout à l'heure, je ne suis pas suicidaire » got
    # « vous n'êtes pas inscrit aux alertes ».
    from relais.alert_words import read_request
    from relais.contact_wishes import read_contact
    text = "Je vous demande d'annuler l'alerte de tout à l'heure, je ne suis pas suicidaire."
    assert read_request(text) is None
    assert read_contact(text).wishes.withdraw
    assert read_request("annuler les alertes") == "stop"
