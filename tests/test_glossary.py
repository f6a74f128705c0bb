"""What a term of the public service means, when a citizen asks (relais/glossary.py)."""

import pytest

from relais.glossary import term_asked, terms


def test_every_term_has_aliases_a_definition_and_no_alias_is_shared():
    aliases = [alias for term in terms() for alias in term.aliases]
    assert len(aliases) == len(set(aliases))
    for term in terms():
        assert term.aliases and term.definition.endswith((".", "»")), term.term
        assert len(term.definition) < 600, term.term


@pytest.mark.parametrize("text, term", [
    ("c'est quoi l'ADIL ?", "L'ADIL"),
    ("c koi le fsl", "Le FSL"),
    ("le CEJ ça veut dire quoi", "Le CEJ"),
    ("FSL ?", "Le FSL"),
    ("c quoi ladil", "L'ADIL"),
    ("C'est quoi le transport à la demande ?", "Le transport à la demande"),
    ("et la VAE ?", "La VAE"),
    ("a quoi sert le CCAS", "Le CCAS"),
    ("c'est quoi des semences F1 ?", "Les semences F1"),
    ("d'accord. c'est quoi la marmite norvégienne dont parle ma voisine ?", "La marmite norvégienne"),
])
def test_a_short_question_about_a_term_is_read(text, term):
    assert term_asked(text).term == term


@pytest.mark.parametrize("text", [
    "je suis au RSA",
    "j'ai pas de sel",
    "vous pouvez m'aider pour ma demande de RSA ?",
    "le FSL peut-il payer ma facture de gaz de janvier et celle de février aussi ?",
    "c'est quoi la différence entre le RSA et la prime d'activité ?",
    "/track_logement",
])
def test_other_messages_that_name_a_term_are_not_asking_what_it_is(text):
    assert term_asked(text) is None
