"""A short question about a word of the answer just given (relais/answer_detail.py)."""

from relais.answer_detail import line_named

ANSWER = """Changer de fournisseur est gratuit, sans coupure.
• Comparez avec le comparateur public et indépendant : comparateur-offres.energie-info.fr.
• Le tarif réglementé (tarif bleu) reste accessible chez EDF."""


def test_the_line_that_names_what_is_asked_comes_without_its_bullet():
    assert line_named("c'est quoi le comparateur officiel ?", ANSWER) == (
        "Comparez avec le comparateur public et indépendant : comparateur-offres.energie-info.fr.")
    assert line_named("et le tarif bleu alors ?", ANSWER).startswith("Le tarif réglementé")


def test_a_question_that_names_nothing_of_the_answer_gets_no_line():
    assert line_named("ok merci", ANSWER) is None
    assert line_named("c'est quoi un compteur Linky ?", ANSWER) is None
    long_question = "je voudrais savoir si le comparateur marche aussi pour le gaz et pour mon frère qui déménage"
    assert line_named(long_question, ANSWER) is None


def test_an_acronym_is_found_as_a_whole_word():
    answer = "Cependant, rien ne presse.\nCommencez par un conseil en évolution professionnelle (CEP) : gratuit."
    assert line_named("c'est quoi le CEP ?", answer).startswith("Commencez par un conseil")
    assert line_named("c'est quoi le CEP ?", "Cependant, rien ne presse.") is None
