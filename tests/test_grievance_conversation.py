"""A doléance from the first message to its withdrawal, through Rasa and the action server
(our own phrasings; tests/test_grievance_blind.py measures other people's)."""

import uuid

import pytest

from bench.grievance_conversations import GrievanceProbe


@pytest.fixture(scope="module")
def probe(relais_stack):
    probe = GrievanceProbe(relais_stack.database_url)
    yield probe
    probe.close()


def texts(client, sender, message):
    return "\n".join(m.get("text") or "" for m in client.say(sender, message))


def test_capture_asks_only_what_is_missing_then_list_detail_and_withdraw(relais_client, probe):
    sender = f"grv-own-{uuid.uuid4().hex[:8]}"
    reply = texts(relais_client, sender, "Je voudrais signaler que l'abribus de la place du marché est cassé depuis l'été")
    assert "où" in reply.lower()  # what and theme are known: the place is asked
    reply = texts(relais_client, sender, "Brioude 43100")
    assert "que peut-on en faire" in reply.lower()
    reply = texts(relais_client, sender, "gardez-la pour l'unité")
    [item] = probe.items(sender).rows
    assert f"D-{item[0]}" in reply and item[2:6] == ("mobilite", "recue", "Brioude", "43100")

    assert f"D-{item[0]}" in texts(relais_client, sender, "mes doléances")
    texts(relais_client, sender, f"précision D-{item[0]} : la vitre est au sol, c'est dangereux")
    assert probe.items(sender).details == 1
    reply = texts(relais_client, sender, f"retirez la D-{item[0]}")
    assert "retirée" in reply and probe.items(sender).withdrawn() == 1


def test_a_practical_question_in_the_middle_is_answered_and_the_item_waits(relais_client, probe):
    sender = f"grv-own-{uuid.uuid4().hex[:8]}"
    texts(relais_client, sender, "Je veux faire une doléance : plus aucune permanence de la mairie le samedi")
    reply = texts(relais_client, sender, "au fait, comment je fais pour avoir le chèque énergie ?")
    assert "chèque énergie" in reply.lower() and probe.items(sender).rows == []
    texts(relais_client, sender, "43100")
    reply = texts(relais_client, sender, "comptez-la seulement")
    assert len(probe.items(sender).rows) == 1 and "D-" in reply


def test_an_outage_at_home_is_not_a_doleance(relais_client, probe):
    sender = f"grv-own-{uuid.uuid4().hex[:8]}"
    reply = texts(relais_client, sender, "plus de courant chez moi depuis ce matin, le congélateur est plein, je fais quoi ?")
    assert "unité de quartier" not in reply and probe.items(sender).rows == []


def test_a_question_about_who_reads_it_beside_the_answer_keeps_both(relais_client, probe):
    """« Brioude 43100. Et qui va la lire ? »: who reads it is told, and the place is kept."""
    sender = f"grv-own-{uuid.uuid4().hex[:8]}"
    texts(relais_client, sender, "Je voudrais signaler que l'abribus de la place du marché est cassé depuis l'été")
    reply = texts(relais_client, sender, "Brioude 43100. Et qui va la lire ?")
    assert "agents publics de votre territoire" in reply and "que peut-on en faire" in reply.lower()
    texts(relais_client, sender, "gardez-la pour l'unité")
    [item] = probe.items(sender).rows
    assert item[4:6] == ("Brioude", "43100")


def test_a_free_answer_to_what_to_do_with_it_is_read_and_another_item_is_kept(relais_client, probe):
    """A free answer at the publication question is an answer, never a second item; an item
    announced with « autre chose : » in the middle of a question is kept for after."""
    sender = f"grv-own-{uuid.uuid4().hex[:8]}"
    texts(relais_client, sender, "Je voudrais faire une doléance : le bureau de poste ferme tous les après-midi depuis la rentrée")
    texts(relais_client, sender, "saint-flour")
    reply = texts(relais_client, sender, "j'aimerais que les voisins puissent la lire aussi, sans mon nom")
    [item] = probe.items(sender).rows
    assert f"D-{item[0]}" in reply and item[4] == "Saint-Flour" and "Publiée" in reply
    texts(relais_client, sender, "Je veux faire une autre doléance : plus de car scolaire pour le hameau")
    reply = texts(relais_client, sender, "c'est pareil, même commune. Autre chose : les trottoirs de la grand-rue sont défoncés, une dame est tombée")
    assert "que peut-on en faire" in reply.lower()
    texts(relais_client, sender, "comptez-la seulement")
    reply = texts(relais_client, sender, "comptez-la seulement")
    rows = probe.items(sender).rows
    # The post office, the school bus, then the pavements told with « autre chose : ».
    assert [row[2] for row in rows] == ["services_publics", "mobilite", "services_publics"], rows


def test_a_request_for_a_person_in_the_middle_of_the_questions_reaches_a_person(relais_client, probe):
    """Persona round 90: « je veux parler à quelqu'un » was filed as the doléance, then « non
    annulez ça. conseiller svp » got the same question again."""
    sender = f"grv-own-{uuid.uuid4().hex[:8]}"
    texts(relais_client, sender, "Je voudrais signaler que l'abribus de la place du marché est cassé depuis l'été")
    texts(relais_client, sender, "Brioude 43100")
    reply = texts(relais_client, sender, "laissez, je préfère un conseiller svp")
    assert "de côté" in reply and "dossier n°" in reply and "que peut-on en faire" not in reply.lower()
    assert probe.items(sender).rows == [] and relais_client.cases(sender)


def test_consent_given_after_a_request_is_consent_and_the_request_waits_for_its_text(relais_client, probe):
    # Persona round 109: « j'accepte », typed to the consent question asked beside « que voulez-
    # vous transmettre ? », became the doléance's text.
    sender = f"grv-own-{uuid.uuid4().hex[:8]}"
    asked = texts(relais_client, sender, "Bonjour, je voudrais faire une réclamation")
    assert "Que voulez-vous transmettre" in asked
    reply = texts(relais_client, sender, "j'accepte")
    assert "Je garderai la trace" in reply and "Que voulez-vous transmettre" in reply
    reply = texts(relais_client, sender, "la ligne de bus 12 vers Villeneuve a été supprimée en septembre")
    assert "où" in reply.lower() and "j'accepte" not in reply
