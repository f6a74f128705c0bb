"""What citizens say about territorial alerts (relais/alert_words.py): subscribing, stopping,
the status, the answers to the subscription's questions and the alert's buttons; and what is
not about Relais' alerts (our own phrasings; the last test reads other people's)."""

import pytest
import yaml

from relais.alert_words import (
    CURRENT,
    FINE,
    NEED_HELP,
    QUIET,
    STATUS,
    STEP_CHECK_ON_ME,
    STEP_PLACE,
    STOP,
    SUBSCRIBE,
    answers_step,
    button_choice,
    departement_in,
    quiet_hours_in,
    read_request,
    says_fine,
)
from tests.support.paths import ROOT


@pytest.mark.parametrize("text, request_", [
    ("je veux recevoir les alertes", SUBSCRIBE),
    # Persona round 93: unread, then an erasure request read as a subscription.
    ("Est-ce que je peux être prévenue quand l'eau redevient potable ? Je suis au 07600.", SUBSCRIBE),
    ("vous avez oublié l'abonnement aux alertes du 07600 non ? bon effacez tout", None),
    ("Je voudrais m'inscrire aux alertes de ma commune", SUBSCRIBE),
    ("prévenez-moi s'il y a une coupure d'eau", SUBSCRIBE),
    ("alertes", SUBSCRIBE),
    ("je veux recevoir les alertes pour le 43100", SUBSCRIBE),
    ("stop alertes", STOP),
    ("STOP ALERTES!!", STOP),
    ("arrêtez les alertes svp", STOP),
    ("je ne veux plus recevoir les alertes", STOP),
    ("désinscrivez-moi des alertes", STOP),
    ("je suis inscrit aux alertes ?", STATUS),
    ("je veux pas recevoir les alertes", STOP),  # a negation is no subscription
    ("n'envoyez plus d'alertes", STOP),
    ("je voudrais être prévenue s'il y a une inondation", SUBSCRIBE),
    ("pas de messages avant 9h svp", QUIET),
    ("je ne veux pas recevoir d'alertes avant 9 h", QUIET),  # no stop: a time
    ("je suis toujours inscrite aux alertes carburant du coup ?", STATUS),
    ("est-ce que je reçois toujours les alertes ?", STATUS),
    ("Est-ce qu'il y a une alerte en ce moment chez moi ?", CURRENT),
    ("y a toujours une alerte en cours ?", CURRENT),
    ("ya des alertes dans le 43 ?", CURRENT),
    ("yo c possible davoir les alertes pr 69003 stp", SUBSCRIBE),
    ("remettez-moi les alertes finalement", SUBSCRIBE),
    ("alertes pr le 63 000 stp", SUBSCRIBE),
])
def test_requests_about_the_alerts(text, request_):
    assert read_request(text) == request_


@pytest.mark.parametrize("text", [
    "alerte rouge électricité, il faut faire quoi maintenant",
    "j'ai reçu une alerte de ma banque, c'est une arnaque ?",
    "c'est quoi Ecowatt et comment recevoir les alertes sur mon téléphone ?",
    "plus de courant depuis hier",
    "stop",
    "je veux arrêter",
    "l'alarme incendie sonne chez la voisine",
    "il y a eu une alerte à la bombe au lycée",
])
def test_other_messages_are_not_about_relais_alerts(text):
    assert read_request(text) is None


@pytest.mark.parametrize("text, hours", [
    ("pas de messages avant 9h", (None, 9)),
    ("ne m'écrivez pas entre 22h et 7h", (22, 7)),
    ("heures calmes de 23 h à 6 h 30", (23, 6)),
    ("Pas de notif après 22h svp", (22, None)),
    ("ne me dérangez pas après minuit, de 0h à 8h", (0, 8)),
    ("je me lève avant 7h", None),  # an hour, no wish about messages
    ("je travaille de 9h à 17h", None),
    ("pas de rappels la nuit", None),  # no hour: the default already
])
def test_quiet_hours_asked_for(text, hours):
    assert quiet_hours_in(text) == hours


@pytest.mark.parametrize("text, departement", [
    ("y a-t-il une alerte dans le 43 ?", "43"),
    ("alerte en cours pour le 2a ?", "2A"),
    ("et au 75 011 ?", "75"),
    ("chez moi", None),
])
def test_the_departement_a_question_names(text, departement):
    assert departement_in(text) == departement


@pytest.mark.parametrize("text, fine", [
    ("ça va, j'ai encore un demi réservoir", True),
    ("ok merci, tout va bien en fait", True),
    ("ça va pas du tout", False),
    ("ça va mais j'ai besoin d'eau", False),
    ("tout va bien ?", False),  # a question, not an answer
])
def test_a_free_answer_that_says_all_is_well(text, fine):
    assert says_fine(text) is fine


def test_answers_to_the_subscription_questions():
    assert answers_step(STEP_PLACE, "43 100")
    assert answers_step(STEP_PLACE, "non merci")
    assert not answers_step(STEP_PLACE, "c'est quoi exactement ces alertes ?")
    assert answers_step(STEP_CHECK_ON_ME, "oui")
    assert answers_step(STEP_CHECK_ON_ME, "non")
    assert not answers_step(STEP_CHECK_ON_ME, "on a plus d'eau au robinet")
    assert not answers_step(None, "oui")


def test_the_alert_buttons_are_recognised_only_as_relais_sent_them():
    assert button_choice("choisir", [{"entity": "choix", "value": "alerte_aide"}]) == NEED_HELP
    assert button_choice("choisir", [{"entity": "choix", "value": "alerte_ok"}]) == FINE
    assert button_choice("choisir", [{"entity": "choix", "value": "seul"}]) is None
    assert button_choice("affirm", [{"entity": "choix", "value": "alerte_ok"}]) is None


# The sets this count was measured on; a later set (G, 2026-12-07) is a measure of its own and
# is not read here (its failures would no longer be blind).
SETS_OF_2026_12_04 = {f"{kind}_{letter}" for kind in ("routing", "conversations") for letter in "ABCDEF"} | {
    f"grievances_{letter}" for letter in "ABCD"}


def test_the_practical_messages_of_the_blind_sets_are_rarely_read_as_about_alerts():
    """Every message of the blind routing, conversation and doléance sets (4,220): none was read
    as a request about Relais' alerts on 2026-12-04 (two questions about receiving other
    systems' alerts were, before the guard). More means the lexicon reaches into the coaching."""
    messages = []
    for path in sorted((ROOT / "tests" / "blind").glob("routing_*.yml")):
        if path.stem in SETS_OF_2026_12_04:
            messages += [item["text"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    for pattern in ("conversations_*.yml", "grievances_*.yml"):
        for path in sorted((ROOT / "tests" / "blind").glob(pattern)):
            if path.stem in SETS_OF_2026_12_04:
                messages += [turn["user"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))
                             for turn in c["turns"]]
    read = [text for text in messages if read_request(text) is not None]
    assert len(messages) > 4000 and len(read) <= 1, read
