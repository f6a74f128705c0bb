"""The consent question answered in the citizen's own words (relais/consent_words.py)."""

import pytest

from relais.consent_words import consent_in_words, is_explicit_answer, leading_consent


@pytest.mark.parametrize("text", ["ok gardez tout", "oui vous pouvez enregistrer mes échanges", "d'accord, conservez"])
def test_keeping_in_words_is_consent(text):
    assert consent_in_words(text) is True
    assert is_explicit_answer(text, True)


@pytest.mark.parametrize("text", ["non, aucune trace merci", "n'enregistrez rien", "je préfère pas que vous conserviez",
                                  "je ne veux pas que vous conserviez mes réponses"])
def test_refusing_in_words_is_a_refusal(text):
    assert consent_in_words(text) is False
    assert is_explicit_answer(text, False)


@pytest.mark.parametrize("text", [
    "je garde ma petite-fille le mercredi",
    "comment conserver les tomates ?",
    "oui",
    "garder la chaleur dans la maison, des idées ?",
    "/consentir",
])
def test_other_messages_are_not_read_as_consent(text):
    assert consent_in_words(text) is None


@pytest.mark.parametrize("text, given", [
    ("ok jaccepte. on n'a plus de chauffage depuis ce matin", True),
    ("j'accepte ! et pour le chèque énergie ?", True),
    ("non je refuse. je cherche une épicerie solidaire", False),
])
def test_a_consent_answer_before_the_rest_of_the_message_is_read(text, given):
    assert leading_consent(text) is given


@pytest.mark.parametrize("text", ["je garde mes petits-enfants. comment les occuper sans écran ?",
                                  "bonjour. on a plus d'eau", "jaccepte"])
def test_no_leading_consent_without_a_consent_sentence_and_something_after(text):
    assert leading_consent(text) is None


def test_the_consent_answer_is_taken_off_what_follows_it():
    from relais.consent_words import without_leading_consent
    assert without_leading_consent("J'accepte. Je voudrais signaler que le bus 49 ne passe plus") \
        == "Je voudrais signaler que le bus 49 ne passe plus"
    assert without_leading_consent("Je garde mes petits-enfants. Le parc est fermé") \
        == "Je garde mes petits-enfants. Le parc est fermé"


def test_a_yes_to_something_else_with_a_question_is_no_consent():
    # Persona round 95: recorded as consent, from a woman whose partner reads her phone.
    assert not is_explicit_answer("oui mais vous repondez pas. je peux y aller sans lui ou pas", True)
    assert is_explicit_answer("ouais ok c bon", True)
    assert is_explicit_answer("Oui je veux bien que vous gardiez mes informations, je n'ai rien à cacher.", True)


def test_never_having_agreed_is_a_refusal_in_a_long_message():
    assert consent_in_words("attendez non j'ai pas dit d'accord pour garder quoi que ce soit. ça reste où "
                            "tout ça ? il regarde mon telephone des fois") is False
    assert consent_in_words("je n'ai pas dit oui pour la publier") is None


@pytest.mark.parametrize("text", [
    "Vos données, qui les lit ? Si c'est juste pour le suivi ok j'accepte. Et oui c'est la facture le problème",
    "Factures trop lourdes je viens de vous le dire. Et j'accepte pour les données.",
    "excusez moi je ne comprends pas bien. C est payant? Si c est gratuit oui j accepte",
])
def test_a_consent_sentence_anywhere_in_the_message_is_heard(text):
    # Persona round 97: a shopkeeper accepted twice in his own words; neither was recorded.
    assert leading_consent(text) is True


def test_a_bare_yes_opens_a_reply_to_the_consent_question_only():
    text = "ouais ok. 40 cm d'eau au rdc, ya plus de courant"
    assert leading_consent(text) is None
    assert leading_consent(text, just_asked=True) is True
    assert leading_consent("non. je cherche du travail", just_asked=True) is False
    assert leading_consent("ouais ok", just_asked=True) is None


@pytest.mark.parametrize("text", ["J'accepte que vous gardiez mes données", "Je l'ai déjà écrit au début, mais : j'accepte."])
def test_consent_said_with_what_it_is_for_or_said_again_is_heard(text):
    # Persona round 98: neither was heard, and the weekly check-in asked for waited on it.
    assert consent_in_words(text) is True


def test_a_refusal_in_sms_words_is_a_refusal():
    from relais.consent_words import consent_in_words
    assert consent_in_words("nn jpréfère pas qu'on garde") is False
