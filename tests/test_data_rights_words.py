"""A request about one's own data in plain words (relais/data_rights_words.py; our own phrasings)."""

import pytest

from relais.data_rights_words import ERASE, SEE, data_request_in_words


@pytest.mark.parametrize("text, asked", [
    # Persona round 93: the first subscribed the citizen to alerts again, the second got « je
    # n'ai pas de réponse sûre ».
    ("vous avez oublié l'abonnement aux alertes non ? bon effacez tout s'il vous plaît", ERASE),
    ("Au fait, qu'est-ce que vous gardez comme données sur moi ?", SEE),
    ("supprimez mes données", ERASE),
    ("quelles données avez-vous ?", SEE),
    ("effacer tout le tableau", None),
    ("j'ai effacé tout mon historique de navigation", None),
    ("effacez le dernier message", None),
])
def test_data_requests_in_words(text, asked):
    assert data_request_in_words(text) == asked
