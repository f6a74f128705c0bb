"""Topics read from their words (`when` in relais/content/tracks/*.yml; relais/topics.said_topic):
the messages that said them in persona rounds 108-109, and everyday messages with the same words
that mean something else."""

import pytest

from relais.topics import said_topic


@pytest.mark.parametrize("text, topic", [
    ("ok. autre chose. ma femme dit que je dois m'arreter qq jours sinon je vais craquer. mais qui fait tourner "
     "la ferme? les serres faut arroser tous les jours", "agriculteur_repit"),
    ("laissez le budget. service de remplacement, aide au répit MSA, vous connaissez? c'est ça que je demande",
     "agriculteur_repit"),
    ("qui je contacte pour un remplaçant sur l'exploitation?", "agriculteur_repit"),
    ("agriculteur, j'ai des dettes et je voudrais souffler", "agriculteur_en_difficulte"),
    ("ok merci. et si jarrive en retard ou que jpeux pas venir du tt, mon cadre peut me sanctionner? c pas ma faute "
     "la penurie. on peut me retirer une journee de salaire?", "trajet_travail_impossible"),
    ("pas le temps je bosse demain a 6h45 !! et en plus ma fille de 4 ans l ecole ferme a cause de la penurie, "
     "qui la garde??", "garde_enfant_ecole_fermee"),
    ("non je parle du CONGELATEUR pendant la coupure. combien de temps il tient fermé ? et est-ce que je peux "
     "mettre les sacs dehors dans la neige ?", "frigo_sans_courant"),
    ("Est ce que je peux rallumer la cheminée sans risque ? ça fait 2 ans qu'elle a pas servi", "rallumer_cheminee"),
    ("ma voisine Mme Aubert a 91 ans, elle vit seule à 500m, elle entend mal. Je m'inquiète pour elle pendant "
     "la coupure. Qu'est-ce que je peux faire ?", "voisin_age_coupure"),
    ("mon téléphone fixe passe par la box internet et mon portable capte mal ici. Comment je fais pour appeler "
     "les secours si besoin ?", "secours_sans_reseau"),
    ("On nous annonce une coupure de courant de plusieurs jours à cause de la tempête de neige. Je ne sais pas "
     "trop comment m'organiser.", "kit_coupure"),
    ("on a de l'eau au robinet, elle coule, c juste qu'elle est pas potable. pour ma mère : toilette avec l'eau du "
     "robinet ok ou pas, et ses médicaments ?", "eau_non_potable_usages"),
])
def test_a_topic_said_in_its_words(text, topic):
    said = said_topic(text)
    assert said is not None and said.topic.id == topic


@pytest.mark.parametrize("text", [
    "mon patron exploitant agricole refuse mes congés",
    "l'école ferme pendant les vacances, je fais garder mes enfants comment",
    "je suis en retard sur mes factures d'essence",
    "penurie d'essence, quels sont mes droits pour le chèque carburant ?",
    "mon voisin fait trop de bruit depuis la coupure, il a 30 ans",
    "la coupure annoncée a eu lieu, combien on est indemnisé ?",
    "ferme la porte, je veux du repos",
    # A review of rounds 109-110's topics: the right answer was displaced.
    "ma mère m'a mise dehors, j'ai 16 ans, je suis seule et il fait froid",
    "coupure d'électricité annoncée, mon fils est sous oxygène, je fais quoi ?",
    "EDF m'a annoncé une coupure pour facture impayée",
    "pendant la coupure, le frigo de l'insuline",
    "c'est de l'exploitation, je bosse 60h sans repos",
    "ma box internet est en panne depuis le 15 janvier",
    "retards de train à cause de la grève, comment rembourser mon abonnement ?",
    "ma nounou me vole, je peux porter plainte ?",
    "le poêle à bois est sans risque pour le bébé ?",
    "la ferme, je veux m'arrêter pour de bon, vous comprenez ?",
    "on m'a annoncé une coupure d'eau demain",
])
def test_the_same_words_meaning_something_else_say_no_topic(text):
    """Everyday messages with a topic's words, and, from a review of rounds 109-110's topics,
    dangers and other needs the topic displaced (someone put out in the cold, a medical
    device in a power cut, a bill's disconnection, burnout, box trouble, a complaint)."""
    said = said_topic(text)
    assert said is None, said.topic.id


def test_a_message_asking_for_a_click_or_codes_is_the_fake_messages_topic():
    # Persona round 110: « faites opposition » to a man who had clicked nothing.
    said = said_topic("hier j'ai reçu un SMS soi-disant de ma banque qui me demande de cliquer sur un lien pour "
                      "valider mon compte avec mon code de carte. Je dois le faire ?")
    assert said is not None and said.topic.id == "sms_hameconnage"
    assert said_topic("j'ai cliqué sur le lien du sms et donné mon code, ils m'ont débité 500 euros") is None
