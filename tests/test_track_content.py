"""The track files (relais/content/tracks/): format, counts, and the decisions built on them."""

import itertools

import pytest

from relais.coaching import ENGAGEMENT_LEVELS
from relais.domain_files import load_domain_dict
from relais.form_answers import OPTION, QUESTION, UNCLEAR, AnswerReading, read_answer
from relais.plans import PLAN_SIZE, choose_actions
from relais.track_content import CONTENT_DIR, all_topics, find_topic, track_content
from relais.track_turn import ANSWER, ASK, DIAGNOSTIC, IN_CONTEXT, URGENCE, context_turn, decide
from relais.tracks import TRACKS, diagnostic_slots
from tests.support.track_checks import problems

DOMAIN = load_domain_dict()


def button_values(slot):
    buttons = DOMAIN["responses"][f"utter_ask_{slot}"][0]["buttons"]
    return [b["payload"].split('"choix":"')[1].split('"')[0] for b in buttons]


@pytest.mark.parametrize("track", TRACKS)
def test_every_track_file_follows_the_format(track):
    assert (CONTENT_DIR / f"{track}.yml").exists()
    assert problems(track_content(track)) == []


@pytest.mark.parametrize("track", TRACKS)
def test_every_track_has_its_sub_topics(track):
    topics = track_content(track).topics
    kinds = [t.kind for t in topics]
    assert len(topics) >= 15
    assert kinds.count("acute") >= 3
    assert kinds.count("question") >= 8


def test_at_least_120_questions_are_answered():
    assert sum(t.kind == "question" for t in all_topics()) >= 120


@pytest.mark.parametrize("track", TRACKS)
def test_typed_answers_map_to_the_buttons_of_the_domain(track):
    answers = track_content(track).answers
    for slot in diagnostic_slots(track)[:2]:
        assert sorted(answers.get(slot, {})) == sorted(button_values(slot)), slot


@pytest.mark.parametrize("track", TRACKS)
def test_every_profile_gets_a_plan_of_three(track):
    situation, besoin, _ = diagnostic_slots(track)
    for values in itertools.product(button_values(situation), button_values(besoin), ENGAGEMENT_LEVELS):
        answers = dict(zip((situation, besoin, "engagement"), values))
        assert len(choose_actions(track, answers)) == PLAN_SIZE, answers


def test_three_more_actions_are_new_ones():
    answers = {"engagement": "ambitieux"}
    first = choose_actions("energie", answers)
    more = choose_actions("energie", answers, shown=[a.key for a in first])
    assert more and not {a.key for a in first} & {a.key for a in more}


def test_a_plan_keeps_to_what_the_answers_allow():
    # A home owner never gets an action written for tenants, and so on for every answer.
    for track in TRACKS:
        for action in track_content(track).actions:
            for slot, allowed in action.fits.items():
                values = ENGAGEMENT_LEVELS if slot == "engagement" else button_values(slot)
                for value in set(values) - set(allowed):
                    assert action not in choose_actions(track, {slot: value}, size=100), (action.key, value)


@pytest.mark.parametrize("typed, expected", [
    ("2", "locataire_social"),
    ("le premier", "locataire_prive"),
    ("Propriétaire", "proprietaire"),
])
def test_a_typed_answer_maps_to_an_option(typed, expected):
    assert read_answer("logement", "logement_situation", typed) == AnswerReading(OPTION, expected)


def test_a_question_typed_instead_of_an_answer_is_not_an_answer():
    assert read_answer("energie", "energie_situation", "c'est quoi le chèque énergie ?").kind == QUESTION


def test_words_that_match_no_option_are_unclear():
    assert read_answer("energie", "energie_besoin", "bof je sais pas trop").kind == UNCLEAR


def test_engagement_typed_freely_is_a_level():
    assert read_answer("energie", "engagement", "pas un rond et pas le temps").value == "petits_pas"


def test_an_example_of_an_acute_topic_gets_that_scenario_first_steps():
    # Sanity check on the content's own examples (the measure is the blind sets, bench/).
    for topic in [t for t in all_topics() if t.kind == "acute"]:
        turn = decide(topic.examples[0], topic.track, [])
        assert turn.step == URGENCE, topic.key


def test_a_word_of_not_with_rules_a_topic_out():
    # Persona chat, round 15: « 12 degrés dans la chambre » at 81 got the heatwave advice.
    from relais.topics import best_topic
    cold = best_topic("j'ai peur d'attraper froid cette nuit, il fait 12 degres dans la chambre", "logement")
    assert cold is None or cold.topic.key != "logement/canicule_logement"
    assert best_topic("il fait 32 degrés dans mon appartement, on étouffe", "logement").topic.key == \
        "logement/canicule_logement"
    assert all(w == w.lower() and w.strip() for t in all_topics() for w in t.not_with)


def test_a_sure_topic_of_another_track_answers_when_the_track_of_diet_has_none():
    # Persona round 15: read as housing, the question started the housing questionnaire.
    text = "ok merci. est ce que je peux utiliser un chauffage d'appoint au petrole dans la chambre du bebe la nuit ?"
    turn = decide(text, "logement", [{"name": "track_logement", "confidence": 0.97}])
    assert turn.step == ANSWER and turn.topic.topic.key == "energie/chauffage_appoint_sur"


def test_a_button_payload_is_never_read_as_a_sub_topic():
    assert decide('/track_energie{"phase":"continu"}', "energie", []).step == DIAGNOSTIC


def test_close_tracks_are_asked_about():
    ranking = [{"name": "track_logement", "confidence": 0.41}, {"name": "track_energie", "confidence": 0.38}]
    turn = decide("zzz qqq", "logement", ranking)
    assert turn.step == ASK and turn.choices == ("logement", "energie")


def test_a_topic_key_from_a_payload_is_checked():
    assert find_topic("energie/../../etc") is None
    assert find_topic("inconnu/x") is None
    assert find_topic(None) is None


def test_answers_already_given_in_words_are_not_asked_again():
    from relais.form_answers import answers_in
    found = answers_in("logement", ["je suis propriétaire d'une vieille maison"],
                       ["logement_situation", "logement_besoin", "engagement"])
    assert found == {"logement_situation": "proprietaire"}
    # A bare number in an earlier message answered nothing.
    assert answers_in("logement", ["2"], ["logement_situation"]) == {}


def test_the_first_plan_is_never_empty_when_no_action_fits_every_answer():
    from relais.plans import choose_actions

    answers = {"numerique_situation": "panne", "numerique_besoin": "accompagnement", "engagement": "petits_pas"}
    chosen = choose_actions("numerique", answers)
    assert len(chosen) == 3


@pytest.mark.parametrize("text", [
    "mon loyer tombe le 3 et le salaire le 10",
    "ma femme est en intérim",
    "on est trois à la maison",
])
def test_a_short_statement_goes_on_with_the_current_track(text):
    # DIET names another track on a word (« salaire », « intérim »); the citizen tells more.
    turn = context_turn(text, "economie", "travail", "urgence")
    assert turn is not None and turn.track == "economie" and turn.phase == "urgence"
    assert turn.step in (ANSWER, IN_CONTEXT)


@pytest.mark.parametrize("text", [
    "et pour les impôts ?",
    "faut des justificatifs ?",
    "c'est long ?",
    "environ 35 km",
    "on est deux, 1500 euros à nous deux",
])
def test_a_short_follow_up_stays_in_the_track_under_way(text):
    # A question that goes on with what was said, or a figure, is read in the current track
    # (relais/follow_up.py), not a reason to ask « passer à travail, ou continuer ? ».
    turn = context_turn(text, "economie", "travail", "continu")
    assert turn is not None and turn.track == "economie" and turn.step in (ANSWER, IN_CONTEXT)


def test_a_follow_up_question_of_the_same_track_that_no_topic_answers_is_read_in_context():
    # « Je suis le coach alimentation… » again in the middle of the advice would start over.
    turn = context_turn("et si le zorglub est tout bizarre ?", "alimentation", "alimentation", "urgence")
    assert turn is not None and turn.step == IN_CONTEXT and turn.phase == "urgence"
    # A topic of the track is answered by `decide`, as is a new request.
    assert context_turn("c'est quoi le chèque énergie ?", "energie", "energie", "continu") is None
    assert context_turn("je voudrais réduire ma facture d'électricité", "energie", "energie", "continu") is None


def test_a_statement_sure_of_another_track_asks_before_switching():
    turn = context_turn("mes tomates ont des limaces partout", "economie", "permaculture", "continu")
    assert turn is not None and turn.step == ASK and turn.choices == ("permaculture", "economie")


@pytest.mark.parametrize("text", [
    "et sinon, pour mon potager, les limaces ?",
    "autre chose : je n'ai plus de chauffage",
    "comment je m'inscris à France Travail",
    "je voudrais changer de métier",
    "plus de gaz pour cuisiner depuis hier soir",
    "/track_travail",
])
def test_a_question_a_request_or_a_new_urgence_is_a_new_topic(text):
    assert context_turn(text, "economie", "travail", "continu") is None


def test_no_current_track_or_the_same_track_is_decided_as_usual():
    assert context_turn("on est trois à la maison", None, "travail", None) is None
    assert context_turn("on est trois à la maison", "travail", "travail", None) is None


def test_an_urgence_rasa_could_not_place_leans_on_a_topic_of_first_steps():
    from relais.topics import fallback_topic

    flood = fallback_topic("l'eau est entrée dans la cuisine cette nuit, tout est mouillé, par quoi je commence")
    assert flood is not None and flood.topic.key == "logement/inondation_logement"
    # A close but wrong topic of a long message is not said (a fridge in a power cut to an
    # elderly woman without groceries), nor anything for small talk.
    assert fallback_topic("je suis une dame âgée seule, plus personne ne vient faire mes courses") is None
    assert fallback_topic("bon ben voilà") is None


@pytest.mark.parametrize("text, acute", [
    ("le chauffe-eau solaire marche pendant une coupure ?", False),
    ("il n'y a aucune coupure en ce moment, c'est pour préparer l'hiver", False),
    ("en cas de pénurie d'essence, comment aller au travail ?", False),
    ("coupure d'eau depuis ce matin dans tout l'immeuble", True),
    ("ma voiture est en panne au bord de la route", True),
])
def test_a_disruption_supposed_denied_or_planned_for_is_no_urgence(text, acute):
    from relais.acute import is_acute

    assert is_acute(text) is acute


def test_a_long_question_leans_on_its_closest_topic_a_short_one_does_not():
    from relais.topics import fallback_topic

    long_question = fallback_topic("il y a des ateliers pour apprendre à faire ses démarches en ligne quand on est âgé ?")
    assert long_question is not None and long_question.topic.track == "numerique"
    assert fallback_topic("tu peux m'aider ?") is None
    assert fallback_topic("vous pensez quoi de la réforme des retraites ?") is None


def test_a_how_to_question_is_practical_unless_it_tells_feelings():
    from relais.topics import practical_question_topic

    practical = practical_question_topic("comment avoir un mot de passe solide que je retiens ?")
    assert practical is not None and practical.topic.key == "numerique/mots_de_passe"
    assert practical_question_topic("je me sens nulle, comment avoir un mot de passe solide ?") is None
    assert practical_question_topic("j'ai un mot de passe solide") is None


@pytest.mark.parametrize("text, track", [
    ("je veux faire des économies sur le chauffage", "energie"),
])
def test_a_calm_need_thinly_close_to_an_acute_topic_is_no_urgence(text, track):
    # The sub-topic model reads a saving, not a heating cut (the heating examples of energie).
    assert decide(text, track, []).step != URGENCE


def test_a_topic_with_only_with_needs_one_of_its_words():
    # Persona round 90: « j'ai perdu mon travail, l'usine a fermé » from a man with no children
    # got how to tell one's children.
    from relais.topics import best_topic
    lost = best_topic("on m'a licencié, l'atelier ferme ses portes", "travail")
    assert lost is None or lost.topic.key != "travail/annoncer_perte_emploi_proches"
    told = best_topic("comment annoncer à mes enfants que je suis licencié", "travail")
    assert told.topic.key == "travail/annoncer_perte_emploi_proches"
    assert all(w == w.lower() and w.strip() for t in all_topics() for w in t.only_with)


def test_a_second_need_is_named_only_when_the_sub_topics_see_it_too():
    ranking = [{"name": "track_travail", "confidence": 0.6}, {"name": "track_energie", "confidence": 0.3}]
    csp = "et le contrat de sécurisation, on me donne trois semaines pour répondre, je le signe ou pas, c'est intéressant pour moi ?"
    assert decide(csp, "travail", ranking).second_track is None
    both = "je viens de perdre mon travail et en plus je n'ai plus de chauffage depuis hier soir, je fais comment"
    assert decide(both, "travail", ranking).second_track == "energie"


def test_a_broad_call_for_help_gets_the_questionnaire_a_precise_question_an_honest_answer():
    from relais.track_turn import DIAGNOSTIC, UNANSWERED
    ranking = [{"name": "track_mobilite", "confidence": 0.9}]
    assert decide("je dois changer ma façon de me déplacer, je fais comment ?", "mobilite", ranking).step == DIAGNOSTIC
    # Persona round 92: a precise question got a questionnaire that never answered it.
    assert decide("le contrôle technique de ma vieille moto peut se faire dans quel délai après la date ?",
                  "mobilite", ranking).step in (UNANSWERED, "answered")


def test_a_problem_denied_is_no_topic_a_lack_stays_one():
    # Persona round 97: « j'ai pas de retard de loyer. pas encore. » got the rent-arrears card twice.
    from relais.topics import without_denied_problems
    assert "retard" not in without_denied_problems("j'ai pas de retard de loyer pas encore je demande pour l'ags")
    assert "coupure" not in without_denied_problems("y a pas de coupure de courant")
    assert without_denied_problems("j'ai pas de bouffe") == "j'ai pas de bouffe"
    # « je veux pas changer de métier ni créer une entreprise » got a retraining guide.
    assert "metier" not in without_denied_problems("je veux pas changer de metier ni creer une entreprise")
    assert without_denied_problems("je ne veux pas etre expulse") == "je ne veux pas etre expulse"


@pytest.mark.parametrize("text", ["jai pas parlé denergie. et les 38e c grave ?", "nan laisse tomber lenergie",
                                  "ni lun ni lautre jte parle de la caf"])
def test_a_track_refused_in_sms_style_is_heard(text):
    # Persona round 98: the energy questionnaire went on after each of these.
    from relais.track_turn import denies_the_track
    assert denies_the_track(text)


def test_subtopic_examples_reach_the_sub_topic_model_and_never_rasa(tmp_path):
    from rasa_components.content_importer import track_examples
    from relais.track_content import parse_track

    raw = {"track": "energie", "topics": [{
        "id": "essai", "kind": "question", "title": "Essai", "answer": "Une réponse.",
        "examples": ["une phrase apprise par DIET"],
        "subtopic_examples": ["une phrase du seul modèle des sous-sujets"]}]}
    topic = parse_track("energie", raw).topics[0]
    assert topic.examples == ("une phrase apprise par DIET", "une phrase du seul modèle des sous-sujets")
    assert topic.routing_examples == ("une phrase apprise par DIET",)
    # The real files: DIET reads no sub-topic example (a crisis-like example is left out too).
    taught = {m.get("text") for m in track_examples().training_examples}
    only_subtopic = {e for t in all_topics() for e in t.examples if e not in t.routing_examples}
    assert not taught & only_subtopic


def test_an_action_the_citizens_words_rule_out_is_never_offered():
    # Persona round 102: remote work offered twice to a home help (« je peux pas faire du
    # télétravail enfin ! »).
    answers = {"mobilite_situation": "voiture", "mobilite_besoin": "depenser_moins", "engagement": "intermediaire"}
    every = [a.key for a in choose_actions("mobilite", answers, size=50)]
    said = "je suis aide à domicile, je fais la route entre mes personnes âgées"
    assert "mobilite/demander_teletravail" in every
    assert "mobilite/demander_teletravail" not in [a.key for a in choose_actions("mobilite", answers, size=50, said=said)]


@pytest.mark.parametrize("text, key", [
    # Persona round 105: a lycéen of 17 got student jobs and the CROUS three times.
    ("mon petit frère a 16 ans, il peut travailler pendant les vacances ? combien d'heures ?", "travail/job_mineur"),
    ("ma fille est en seconde et on vient de perdre un salaire, la bourse du lycée c'est trop tard ?", "economie/bourse_lycee_demande"),
])
def test_a_young_person_s_job_and_a_lycee_grant_have_their_own_answers(text, key):
    from relais.topics import best_topic
    assert best_topic(text).topic.key == key


@pytest.mark.parametrize("text, key", [
    # Persona round 106: a mother whose daughter's photos were shared got the digital declutter;
    # a pregnant woman asking for the CAF's birth aid got « pas de réponse sûre ».
    ("ma fille se fait harceler, des montages d'elle circulent sur snap", "numerique/harcelement_en_ligne"),
    ("enceinte de 5 mois, la caf verse une prime à la naissance ?", "economie/aide_naissance_caf"),
])
def test_harassment_online_and_the_birth_aid_have_their_own_answers(text, key):
    from relais.topics import best_topic
    assert best_topic(text).topic.key == key


def test_holiday_photos_in_a_group_are_no_harassment():
    from relais.topics import best_topic
    found = best_topic("on partage les photos de vacances dans le groupe whatsapp de la famille")
    assert found is None or found.topic.key != "numerique/harcelement_en_ligne"


def test_a_topic_read_from_its_words_answers_whatever_track_diet_hears():
    # Persona round 106: a dairy farmer in debt was heard as food and got the baby-milk answer.
    from relais.track_turn import decide
    text = "je suis éleveur laitier, avec le prix du lait on s'en sort plus, on a des dettes partout"
    turn = decide(text, "alimentation", [{"name": "track_alimentation", "confidence": 0.6}])
    assert (turn.track, turn.topic.topic.key) == ("economie", "economie/agriculteur_en_difficulte")
    milk = decide("on n'a plus de lait pour le bébé, les rayons sont vides", "alimentation",
                  [{"name": "track_alimentation", "confidence": 0.6}])
    assert milk.topic.topic.key == "alimentation/lait_bebe_manque"
