"""The crisis classifier (relais/crisis_classifier.py) and how relais.safety.triage weighs it
against the lexicons and DIET's guess."""

import pytest

from relais.crisis_classifier import CALM, CrisisClassifier, CrisisReading
from relais.safety import (
    ACUTE_MODEL_CONFIDENCE,
    CERTAIN,
    CLASSIFIER_AGREES,
    CLASSIFIER_QUESTION,
    CLASSIFIER_SURE,
    CLASSIFIER_VETO,
    DIET_AGREES,
    DIET_LOW_MOOD_SURE,
    DIET_SURE,
    MODELS_CERTAIN,
    QUESTION,
    triage,
)

CALM_TEXTS = [
    "comment réduire ma facture de chauffage", "où trouver une épicerie solidaire",
    "mes tomates ont le mildiou", "je cherche un covoiturage pour lundi",
    "bonjour", "merci beaucoup", "comment remplir mon dossier RSA",
    "mon vélo a un pneu crevé", "je voudrais poser des panneaux solaires",
    "ma box internet ne marche plus", "comment faire un compost",
    "j'ai perdu mon travail, comment m'inscrire à France Travail",
]
SUICIDE_TEXTS = [
    "je veux mourir", "j'ai envie d'en finir", "je pense au suicide tous les jours",
    "je vais me tuer ce soir", "je ne veux plus vivre", "je veux me foutre en l'air",
    "j'ai préparé de quoi en finir", "plus envie de vivre du tout",
    "je vais mettre fin à mes jours", "la vie n'a plus de sens je veux partir pour toujours",
    "je veux disparaître pour de bon", "j'ai écrit ma lettre d'adieu",
]
VIOLENCE_TEXTS = [
    "mon mari me frappe", "mon conjoint m'a battue hier soir", "il me menace de mort",
    "mon copain m'a étranglée", "mon ex me frappe quand il a bu", "il m'a violée",
    "mon compagnon me tape dessus", "mon mari m'enferme à la maison et me cogne",
    "il m'a giflée devant les enfants", "mon conjoint me brutalise",
    "j'ai peur de mon mari il me bat", "il m'a forcée à coucher avec lui",
]


@pytest.fixture(scope="module")
def classifier():
    texts = CALM_TEXTS * 2 + SUICIDE_TEXTS + VIOLENCE_TEXTS
    labels = [CALM] * (2 * len(CALM_TEXTS)) + ["suicide"] * len(SUICIDE_TEXTS) + ["violence"] * len(VIOLENCE_TEXTS)
    return CrisisClassifier.fit(texts, labels)


def test_it_reads_a_crisis_and_its_kind(classifier):
    reading = classifier.read("j'ai envie de mourir")
    assert reading.kind == "suicide"
    assert reading.probability > classifier.read("où trouver une épicerie solidaire").probability
    assert classifier.read("mon mari m'a frappée").kind == "violence"


def test_it_reads_normalised_text(classifier):
    # SMS spellings and repeated letters are read as the plain words (relais.text.normalise).
    plain = classifier.read("je veux mourir").probability
    assert classifier.read("je veux mouuuuurir").probability == pytest.approx(plain, abs=0.15)


def test_empty_text_or_no_model_reads_calm(classifier):
    assert classifier.read("") == CrisisReading(0.0, None)
    assert CrisisClassifier(None).read("je veux mourir") == CrisisReading(0.0, None)


def test_without_calm_examples_there_is_no_model():
    assert CrisisClassifier.fit(SUICIDE_TEXTS, ["suicide"] * len(SUICIDE_TEXTS)).read("x") == CrisisReading(0.0, None)


def test_unknown_labels_are_refused():
    with pytest.raises(ValueError):
        CrisisClassifier.fit(CALM_TEXTS + ["x"], [CALM] * len(CALM_TEXTS) + ["tristesse"])


def test_it_survives_saving_and_loading(classifier, tmp_path):
    path = tmp_path / "crisis.joblib"
    classifier.save(path)
    again = CrisisClassifier.load(path)
    assert again.read("je veux mourir") == classifier.read("je veux mourir")


def test_the_thresholds_are_probabilities_in_order():
    # The classifier: a veto below its question signal, agreeing with DIET a little above it,
    # sure alone well above; DIET: agreeing below sure. Out of order, a rule would never fire.
    assert 0 < CLASSIFIER_VETO < CLASSIFIER_QUESTION < CLASSIFIER_AGREES < CLASSIFIER_SURE < 1
    assert 0 < DIET_AGREES < DIET_SURE < 1
    assert DIET_AGREES <= MODELS_CERTAIN < 1 and DIET_AGREES <= ACUTE_MODEL_CONFIDENCE < 1
    assert DIET_AGREES <= DIET_LOW_MOOD_SURE < 1


def test_low_mood_diet_is_sure_of_needs_a_sure_classifier_to_be_asked():
    # Session 7's conversations: a widow's « j'ai le cafard » was asked about self-harm.
    text = "je suis seule depuis le décès de mon mari, le soir je m'ennuie, j'ai le cafard"
    lukewarm = CrisisReading(0.71, "self_harm")
    assert triage(text, reading=lukewarm, low_mood_confidence=0.99).tier is None
    assert triage(text, reading=lukewarm).tier == QUESTION
    assert triage(text, reading=CrisisReading(0.9, "self_harm"), low_mood_confidence=0.99).tier == QUESTION
    # A lexicon hit inside low mood stays certain.
    assert triage("j'ai le cafard, je veux mourir", reading=lukewarm, low_mood_confidence=0.99).tier == CERTAIN


def test_two_unsure_models_on_everyday_words_do_not_ask():
    assert triage("mon mari est diabétique, il a de l'insuline", 0.87, "violence",
                  CrisisReading(0.55, "violence")).tier is None
    # The same two models a little surer agree, without a word of danger.
    assert triage("mon copain m'oblige quand je veux pas", 0.99, "violence",
                  CrisisReading(0.69, "violence")).tier == QUESTION


def test_a_child_named_is_no_word_of_danger_by_itself():
    assert triage("je suis au RSA avec 1 enfant", reading=CrisisReading(0.6, "child")).tier is None
    shaken = triage("dans la dernière famille la mère secouait le bébé", reading=CrisisReading(0.6, "child"))
    assert (shaken.tier, shaken.kind) == (QUESTION, "child")


def test_prices_and_taxes_that_will_kill_us_are_politics():
    assert triage("de toute façon ils vont tous nous tuer avec leurs taxes", 0.98, "suicide",
                  CrisisReading(0.45, "suicide")).tier is None


SURE = CrisisReading(0.95, "suicide")
LIKELY = CrisisReading(0.6, "suicide")
CALM_READING = CrisisReading(0.02, "suicide")


def test_the_classifier_alone_asks_when_a_word_of_danger_is_there():
    assert triage("je suis à bout, plus la force", reading=LIKELY).tier == QUESTION
    assert triage("je suis à bout, plus la force").tier is None
    assert triage("comment payer ma facture", reading=LIKELY).tier is None


def test_a_classifier_sure_of_a_crisis_asks_even_without_a_known_word():
    # A starred or coded word the lexicon misses: asked, never certain on the models alone.
    result = triage("j'ai recommencé la sc4rif hier", reading=CrisisReading(0.9, "self_harm"))
    assert (result.tier, result.kind) == (QUESTION, "self_harm")


def test_a_calm_reading_vetoes_diet_alone():
    assert triage("nous sommes prêts à nous investir", 0.95, "suicide", CALM_READING).tier is None
    assert triage("je ne sais plus comment tenir", 0.95, "suicide", CALM_READING).tier is None


def test_a_lexicon_hit_both_models_find_calm_is_asked_not_certain():
    assert triage("je veux mourir", None, None, CALM_READING).tier == QUESTION
    assert triage("je veux mourir", None, None, LIKELY).tier == CERTAIN
    assert triage("je veux mourir", 0.9, "suicide", CALM_READING).tier == CERTAIN
    assert triage("je veux mourir").tier == CERTAIN


def test_the_classifiers_kind_wins_when_its_words_are_there():
    result = triage("mon mari me tape dessus tous les soirs", 0.6, "suicide", CrisisReading(0.7, "violence"))
    assert result.kind == "violence"


def test_a_lookalike_needs_both_models():
    assert triage("je suis mort de rire", reading=LIKELY).tier is None
    assert triage("je suis mort de rire", 0.95, "suicide", CALM_READING).tier is None


def test_laughter_silences_the_models_not_a_crisis_pattern():
    sure = CrisisReading(0.95, "violence")
    assert triage("je vais étriper mon frangin, il a fini le pain 😂", 0.95, "violence", sure).tier is None
    assert triage("ma copine me bat au tarot à chaque fois mdr").tier == QUESTION
    assert triage("mdr nan sérieux j'ai envie de crever").tier == CERTAIN
    assert triage("lol le garage a pris feu, on est coincés dedans").tier == CERTAIN


def test_both_models_agreeing_on_a_kind_overrule_the_lexicons_kind():
    friend = CrisisReading(0.9, "other_at_risk")
    text = "mon collègue est monté sur le toit du hangar et il veut sauter"
    assert triage(text).kind == "suicide"  # the first pattern the lexicon matches
    assert triage(text, 0.95, "other_at_risk", friend).kind == "other_at_risk"
    # Not away from a child's danger and its own number.
    child = "mon oncle me touche quand il vient, j'ai 11 ans"
    assert triage(child).kind == "child"
    assert triage(child, 0.9, "violence", CrisisReading(0.95, "violence")).kind == "child"


def test_a_message_that_says_all_is_well_is_not_asked_about_on_the_models_alone():
    sure = CrisisReading(0.9, "medical")
    assert triage("ma fille est tombée du toboggan, une grosse bosse mais elle va bien", 0.9, "medical", sure).tier is None
    # Relief after self-harm is no reassurance.
    text = "je me griffe les bras jusqu'au sang, après ça va mieux dans ma tête"
    assert triage(text, 0.9, "self_harm", CrisisReading(0.9, "self_harm")).tier is not None
    # Nor does it silence a crisis pattern.
    assert triage("je veux mourir mais tout va bien").tier == CERTAIN


def test_both_models_sure_of_the_same_kind_is_certain():
    text = "j'ai ressorti le cutter, il est dans ma poche, ce soir ce sera mon bras"  # no pattern
    sure = CrisisReading(0.95, "self_harm")
    assert triage(text, 0.97, "self_harm", sure).tier == CERTAIN
    # One of them less sure, or another kind: asked.
    assert triage(text, 0.97, "self_harm", CrisisReading(0.7, "self_harm")).tier == QUESTION
    assert triage(text, 0.97, "suicide", sure).tier == QUESTION
    # A look-alike is never certain on the models alone.
    assert triage("je suis mort de rire", 0.97, "suicide", CrisisReading(0.95, "suicide")).tier != CERTAIN


def test_function_words_alone_do_not_make_a_crisis(agent):
    # The trained model's classifier: "je me ..." is how self-harm is told, and how a new start
    # is told too; a known "je me" and an unknown noun are no crisis.
    import asyncio

    for text in ("je me reconvertis dans la menuiserie", "je me suis inscrite à une formation"):
        parse = asyncio.run(agent.parse_message(text))
        assert parse["crisis"]["classifier"] < CLASSIFIER_QUESTION, (text, parse["crisis"])


def test_two_unsure_models_need_a_word_of_danger():
    unsure = CrisisReading(0.64, "danger")
    assert triage("j'ai repeint la porte de la cuisine", 0.6, "danger", unsure).tier is None
    assert triage("j'ai repeint la porte de la cuisine", 0.85, "danger", unsure).tier == QUESTION


def test_a_child_who_writes_their_age_is_asked_about_without_another_word_of_danger():
    text = "on a plus de chauffage depuis 3 jours et maman est fatiguée, jai 11 ans"
    result = triage(text, reading=CrisisReading(0.7, "child"))
    assert (result.tier, result.kind) == (QUESTION, "child")
    # Nothing left to eat and a parent who sleeps all day, told by a child: the lexicon's, certain.
    hungry = "on a plus de chauffage ni a manger depuis 3 jours, maman dort tout le temps, jai 11 ans"
    assert (triage(hungry, reading=CrisisReading(0.7, "child")).tier, triage(hungry).kind) == (CERTAIN, "child")
    # The same words from an adult (no age) are no question: food and heating are the tracks'.
    assert triage("on a plus de chauffage ni a manger depuis 3 jours", reading=CrisisReading(0.7, "child")).tier is None


def test_a_child_named_is_a_word_of_distress_for_the_other_kinds():
    text = "j'écris des lettres pour mes enfants, qu'ils gardent un souvenir"
    assert triage(text, reading=CrisisReading(0.6, "suicide")).tier == QUESTION
    assert triage(text, reading=CrisisReading(0.6, "child")).tier is None
