"""Custom actions, in the style of the Rasa demos: a tracker in, exact events and responses out."""

import asyncio

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from sqlalchemy import create_engine
from sqlalchemy import text as text_query

from actions.checkin import ActionCheckinBilan, ActionPreparerObjectif, ValidateCheckinForm
from actions.fallback import ActionFallback, consecutive_fallbacks
from actions.registry import action_classes
from actions.tracks import (
    ActionMoreActions,
    ActionSelectTrack,
    ActionSuite,
    ActionTopicAnswer,
    ActionTopicMore,
    ActionTrackPlan,
    ActionUrgenceAccueil,
    ValidateDiagnosticForm,
)
from actions.welcome import ActionAccueilRetour, ActionEnregistrerConsentement, note_leading_consent
from relais.coaching import NOT_SAID
from relais.track_content import all_topics, find_topic
from tests.support.action_trackers import make_tracker

# Every action here may touch the database: give each test a fresh, migrated one.
pytestmark = pytest.mark.usefixtures("database")


def responses(dispatcher):
    return [message["response"] for message in dispatcher.messages]


def test_every_action_is_declared_in_the_domain_with_existing_responses(domain):
    for cls in action_classes():
        assert cls().name() in domain["actions"]
        for response in getattr(cls, "responses", ()):
            assert response in domain["responses"], (cls.__name__, response)


# --- Tracks ----------------------------------------------------------------------------------


def test_a_track_button_starts_the_diagnostic(dispatcher, domain):
    tracker = make_tracker("track_energie", "/track_energie")
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("track", "energie"),
        SlotSet("phase", "continu"),
        SlotSet("track_step", "diagnostic"),
        SlotSet("energie_situation", None),
        SlotSet("energie_besoin", None),
        SlotSet("engagement", None),
        SlotSet("requested_slot", None),
        SlotSet("plan_shown", []),
    ]
    assert responses(dispatcher) == ["utter_energie_intro"]


def test_acute_track_request_gives_first_steps(dispatcher, domain):
    tracker = make_tracker("track_mobilite", "plus une goutte d'essence depuis ce matin")
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events[:3] == [SlotSet("track", "mobilite"), SlotSet("phase", "urgence"), SlotSet("track_step", "urgence")]
    assert "utter_relais_local" in responses(dispatcher)
    assert all(len(m.get("text") or "") <= 700 for m in dispatcher.messages)


def test_track_button_from_the_urgence_menu_is_urgence(dispatcher, domain):
    tracker = make_tracker("track_energie", '/track_energie{"phase":"urgence"}', entities=[{"entity": "phase", "value": "urgence"}])
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert SlotSet("phase", "urgence") in events
    # Not placed precisely: the first reflex, then a choice of scenarios.
    assert responses(dispatcher)[0] == "utter_energie_urgence"
    assert any(b["payload"].startswith("/sujet") for m in dispatcher.messages for b in m.get("buttons") or [])


def test_a_typed_option_inside_the_diagnostic_is_that_option(dispatcher, domain):
    tracker = make_tracker(
        "track_logement", "je suis proprio",
        slots={"track": "logement", "requested_slot": "logement_situation"},
        active_loop="diagnostic_form",
    )
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events == [SlotSet("logement_situation", "proprietaire"), SlotSet("track_step", "diagnostic")]


def test_a_question_inside_the_diagnostic_is_answered_not_stored(dispatcher, domain):
    tracker = make_tracker(
        "track_energie", "c'est quoi exactement le chèque énergie et comment on l'obtient ?",
        slots={"track": "energie", "requested_slot": "energie_besoin"},
        active_loop="diagnostic_form",
    )
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events == [SlotSet("track_step", "diagnostic")]
    assert "chèque énergie" in dispatcher.messages[0]["text"].lower()


def test_other_track_inside_a_diagnostic_is_confirmed(dispatcher, domain):
    tracker = make_tracker(
        "track_mobilite",
        "en fait c'est pour la voiture",
        slots={"track": "alimentation", "requested_slot": "alimentation_situation"},
        active_loop="diagnostic_form",
    )
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events == [SlotSet("track_step", "ask")]
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads == ["/track_mobilite", '/track_alimentation{"phase": "continu"}']


@pytest.mark.parametrize("answer", ["continuer, je veux juste arriver au boulot", "non je reste sur la mobilité"])
def test_a_typed_continue_to_the_switch_question_keeps_the_track_and_its_answers(dispatcher, domain, answer):
    tracker = make_tracker(
        "track_travail", answer,
        slots={"track": "mobilite", "track_step": "ask", "mobilite_situation": "voiture"},
    )
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events == [SlotSet("track", "mobilite"), SlotSet("track_step", "diagnostic"),
                      SlotSet("requested_slot", None)]
    assert dispatcher.messages[0]["text"] == "D'accord, on continue sur mobilité."


def test_passer_to_the_switch_question_moves_on(dispatcher, domain):
    tracker = make_tracker("track_travail", "passer au travail",
                           slots={"track": "mobilite", "track_step": "ask"})
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert SlotSet("track", "travail") in events


def test_diagnostic_asks_the_questions_of_the_current_track(dispatcher, domain):
    tracker = make_tracker(slots={"track": "numerique"})
    slots = asyncio.run(ValidateDiagnosticForm().required_slots([], dispatcher, tracker, domain))
    assert slots == ["numerique_situation", "numerique_besoin", "engagement"]


@pytest.mark.parametrize("engagement", ["petits_pas", "intermediaire", "ambitieux"])
def test_plan_is_three_actions_that_fit_one_screen(dispatcher, domain, engagement):
    tracker = make_tracker(slots={"track": "logement", "logement_situation": "proprietaire",
                                  "engagement": engagement})
    events = ActionTrackPlan().run(dispatcher, tracker, domain)
    shown = events[0]["value"]
    assert len(shown) == 3
    text = dispatcher.messages[0]["text"]
    assert text.count("•") == 3 and len(text) <= 700
    assert any(b["payload"] == "/plus_actions" for b in dispatcher.messages[0]["buttons"])


def test_three_more_actions_are_new_ones(dispatcher, domain):
    tracker = make_tracker("plus_actions", "/plus_actions",
                           slots={"track": "alimentation", "plan_shown": []})
    first = ActionMoreActions().run(dispatcher, tracker, domain)[0]["value"]
    tracker = make_tracker("plus_actions", "/plus_actions",
                           slots={"track": "alimentation", "plan_shown": first})
    both = ActionMoreActions().run(dispatcher, tracker, domain)[0]["value"]
    assert len(both) == 6 and len(set(both)) == 6


def test_and_now_goes_on_from_the_scenario_just_advised(dispatcher, domain):
    from relais.track_content import track_content
    acute = next(t for t in track_content("economie").topics if t.kind == "acute" and t.more)
    tracker = make_tracker("suite", "et maintenant ?", slots={"track": "economie", "topic": acute.key})
    events = ActionSuite().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == acute.more
    assert len(events[0]["value"]) == 3  # then three actions, made for that scenario first


def test_and_now_without_context_asks_what_is_on_the_mind(dispatcher, domain):
    assert ActionSuite().run(dispatcher, make_tracker("suite", "et maintenant"), domain) == []
    assert responses(dispatcher) == ["utter_suite_sans_contexte"]


def test_a_sub_topic_button_gives_its_answer_and_more(dispatcher, domain):
    from relais.track_content import track_content
    topic = next(t for t in track_content("travail").topics if t.more)
    entities = [{"entity": "topic", "value": topic.key}]
    events = ActionTopicAnswer().run(dispatcher, make_tracker("sujet", "/sujet", entities=entities), domain)
    assert SlotSet("topic", topic.key) in events and dispatcher.messages[0]["text"] == topic.answer
    ActionTopicMore().run(dispatcher, make_tracker("en_savoir_plus", "/en_savoir_plus", entities=entities), domain)
    assert dispatcher.messages[1]["text"] == topic.more


def test_an_unknown_sub_topic_from_a_payload_shows_the_menu(dispatcher, domain):
    entities = [{"entity": "topic", "value": "../../etc/passwd"}]
    assert ActionTopicAnswer().run(dispatcher, make_tracker("sujet", "/sujet", entities=entities), domain) == []
    assert responses(dispatcher) == ["utter_menu"]


def test_an_urgence_without_a_track_gets_its_scenario_when_recognised(dispatcher, domain):
    from relais.track_content import track_content
    acute = next(t for t in track_content("numerique").topics if t.kind == "acute")
    events = ActionUrgenceAccueil().run(dispatcher, make_tracker("urgence", acute.examples[0]), domain)
    assert SlotSet("phase", "urgence") in events and SlotSet("track", "numerique") in events


def test_an_urgence_not_recognised_asks_what_presses(dispatcher, domain):
    assert ActionUrgenceAccueil().run(dispatcher, make_tracker("urgence", "au secours"), domain) == []
    assert responses(dispatcher) == ["utter_urgence_accueil"]


def test_a_calm_question_read_as_an_urgence_gets_its_answer_not_first_steps(dispatcher, domain):
    # Persona round 97: a tenant's question on his balcony panels got a power cut's first steps.
    text = ("Non, pas de toit, je suis locataire, c'est un balcon. Panneaux solaires accrochés au "
            "garde-corps : accord du propriétaire ou vote en AG de copropriété ?")
    events = ActionUrgenceAccueil().run(dispatcher, make_tracker("urgence", text), domain)
    assert SlotSet("phase", "urgence") not in events
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "monoxyde" not in said and said


def test_a_track_question_the_nlu_could_not_place_is_answered(dispatcher, domain):
    from relais.track_content import track_content
    question = next(t for t in track_content("economie").topics if t.kind == "question")
    tracker = make_tracker("nlu_fallback", question.examples[0])
    events = ActionFallback().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == question.answer
    assert SlotSet("topic", question.key) in events


def form_check(dispatcher, slot, typed, slots, events=()):
    tracker = make_tracker("affirm", typed, slots=slots, events=list(events), active_loop="diagnostic_form")
    return ValidateDiagnosticForm()._check(dispatcher, tracker, slots["track"], slot, typed, typed)


def test_signs_of_heat_illness_typed_in_the_questions_are_answered_and_end_them(dispatcher, domain):
    # Persona round 110: « jme sens pas bien, jai vomi 2 fois… dans le coton » in the work
    # questionnaire, a heat wave told at the start, got « pas bien saisi » and the question again.
    from relais.crisis import crisis_content

    earlier = [{"event": "user", "text": "slt, c la canicule ici a Lyon, il fait genre 33 dedans"}]
    typed = "laissez tomber. la jme sens pas bien, jai vomi 2 fois et jai super chaud, j'ai l'impression d'etre dans le coton"
    events = form_check(dispatcher, "travail_situation", typed, {"track": "travail"},
                        earlier + [{"event": "user", "text": typed}])
    assert events == [SlotSet("travail_situation", None), SlotSet("requested_slot", None), ActiveLoop(None)]
    assert dispatcher.messages[0]["text"] == crisis_content().text("heat_illness_now")


def test_calling_the_15_after_heat_illness_signs_gets_what_to_do_while_waiting(dispatcher, domain):
    # Persona round 110: « ok j'appelle le 15. en attendant je fais quoi ? » got the right to
    # disconnect from work.
    from actions.heat_illness import answer_heat_illness
    from relais.crisis import crisis_content

    said = ["slt, c la canicule ici a Lyon, il fait genre 33 dedans",
            "la jme sens pas bien, jai vomi 2 fois et jai super chaud", "ok j'appelle le 15. en attendant je fais quoi ?"]
    tracker = make_tracker("track_travail", said[-1], events=[{"event": "user", "text": t} for t in said])
    assert answer_heat_illness(dispatcher, tracker) == []
    assert dispatcher.messages[0]["text"] == crisis_content().text("heat_illness_now")


def test_a_refusal_of_consent_typed_in_the_questions_is_recorded_and_the_question_waits(dispatcher, domain):
    # Persona round 110: « Je refuse, je ne veux pas que vous gardiez mes informations. » under
    # the budget question (the consent question asked beside it) got « pas bien saisi ».
    from actions.backend import backend

    asked = [{"event": "bot", "text": "Acceptez-vous ?", "metadata": {"utter_action": "utter_demande_consentement"}}]
    typed = "Je refuse, je ne veux pas que vous gardiez mes informations."
    tracker = make_tracker("refuser_consentement", typed, slots={"track": "economie", "requested_slot": "economie_situation"},
                           events=asked + [{"event": "user", "text": typed}], active_loop="diagnostic_form")
    assert note_leading_consent(dispatcher, tracker) == [SlotSet("consentement", "refuse")]
    assert ValidateDiagnosticForm()._check(dispatcher, tracker, "economie", "economie_situation", typed, typed) \
        == [SlotSet("economie_situation", None)]
    assert not backend().consent.has_consent(tracker.sender_id)


def test_i_told_you_already_finds_the_earlier_answer(dispatcher, domain):
    earlier = [{"event": "user", "text": "on est locataires dans le privé et on gèle"},
               {"event": "user", "text": "je vous l'ai déjà dit"}]
    events = form_check(dispatcher, "logement_situation", "je vous l'ai déjà dit", {"track": "logement"}, earlier)
    assert events[0] == SlotSet("logement_situation", "locataire_prive")


def test_an_answer_with_a_question_beside_keeps_the_answer_and_answers_the_question(dispatcher, domain):
    typed = "locataire du privé. mais vous avez pas repondu: le poele a petrole dans la chambre du petit cette nuit c'est ok ou pas?"
    events = form_check(dispatcher, "logement_situation", typed, {"track": "logement"})
    assert events == [SlotSet("logement_situation", "locataire_prive"), SlotSet("form_retries", 0)]
    assert "jamais la nuit ni dans une chambre" in dispatcher.messages[0]["text"]


def test_a_question_about_the_case_in_the_questions_is_answered_and_the_answer_kept(dispatcher, domain):
    # Persona round 89: « le conseiller il va m'appeler ? » was ignored twice in the questions.
    slots = {"track": "economie", "escalation": "12"}
    typed = "surtout les dettes. et la personne de l'équipe, elle va m'écrire ici ?"
    events = form_check(dispatcher, "economie_besoin", typed, slots)
    assert events == [SlotSet("economie_besoin", "gerer_dettes"), SlotSet("form_retries", 0)]
    assert responses(dispatcher) == ["utter_equipe_suivi"]


def test_a_question_about_the_team_alone_is_answered_and_the_question_waits(dispatcher, domain):
    typed = "le conseiller il me contacte comment ?"
    events = form_check(dispatcher, "economie_besoin", typed, {"track": "economie"})
    assert events == [SlotSet("economie_besoin", None)]
    assert responses(dispatcher) == ["utter_equipe_presentation"]


def test_an_unclear_answer_is_asked_again_once_then_kept(dispatcher, domain):
    events = form_check(dispatcher, "energie_besoin", "bof", {"track": "energie"})
    assert events == [SlotSet("energie_besoin", None), SlotSet("form_retries", 1)]
    assert responses(dispatcher) == ["utter_reponse_non_comprise"]
    events = form_check(dispatcher, "energie_besoin", "bof", {"track": "energie", "form_retries": 1})
    assert events == [SlotSet("energie_besoin", "bof"), SlotSet("form_retries", 0)]


def test_a_question_instead_of_an_answer_is_answered_and_asked_again(dispatcher, domain):
    events = form_check(dispatcher, "energie_situation", "c'est quoi le chèque énergie ?", {"track": "energie"})
    assert events == [SlotSet("energie_situation", None)]
    assert "chèque énergie" in dispatcher.messages[0]["text"].lower()


def test_a_plan_asked_for_in_the_middle_of_the_questions_skips_the_rest(dispatcher, domain):
    slots = {"track": "alimentation", "alimentation_situation": "budget_serre"}
    events = form_check(dispatcher, "alimentation_besoin", "vous pouvez nous proposer un plan par étapes ?", slots)
    assert events == [SlotSet("alimentation_besoin", NOT_SAID), SlotSet("engagement", NOT_SAID),
                      SlotSet("form_retries", 0)]
    assert dispatcher.messages == []
    # The plan reads no answer from a skipped question: every action of the track may fit.
    tracker = make_tracker("affirm", "", slots={"track": "alimentation", "alimentation_besoin": NOT_SAID,
                                                 "engagement": NOT_SAID})
    shown = ActionTrackPlan().run(dispatcher, tracker, domain)
    assert len(shown[0]["value"]) == 3


def test_a_plan_asked_over_a_span_of_time_comes_one_action_per_stage(dispatcher, domain):
    tracker = make_tracker("plus_actions", "tu peux me faire un petit plan sur 3 semaines ?",
                           slots={"track": "mobilite", "plan_shown": []})
    events = ActionMoreActions().run(dispatcher, tracker, domain)
    lines = dispatcher.messages[0]["text"].splitlines()
    assert lines[0] == "Voici votre plan en trois actions, une étape à la fois :"
    assert [line.split(" : ")[0] for line in lines[1:]] == ["1. Semaine 1", "2. Semaine 2", "3. Semaine 3"]
    assert len(events[0]["value"]) == 3


def test_a_statement_not_understood_alone_goes_on_with_the_track(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "bon ben voilà",
                           slots={"track": "mobilite", "plan_shown": []})
    events = ActionFallback().run(dispatcher, tracker, domain)
    assert "utter_default" not in responses(dispatcher)
    assert dispatcher.messages[0]["text"].startswith("C'est noté.")
    assert len(events[0]["value"]) == 3


def test_a_short_question_after_an_answer_gets_more_on_that_topic(dispatcher, domain):
    from relais.track_content import track_content
    topic = next(t for t in track_content("energie").topics if t.more and t.kind == "question")
    tracker = make_tracker("nlu_fallback", "et ça marche comment ?", slots={"track": "energie", "topic": topic.key})
    ActionFallback().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] in (topic.more, *[t.answer for t in track_content("energie").topics])


def test_loneliness_the_model_did_not_place_gets_people_and_places(dispatcher, domain):
    # Persona round 16: « pas sûr d'avoir compris ».
    text = "bonjour. j'ai ete licencie il y a 3 mois, depuis je vois plus personne, je reste chez moi"
    ActionFallback().run(dispatcher, make_tracker("nlu_fallback", text), domain)
    assert responses(dispatcher) == ["utter_isolement"]


def test_without_a_track_a_message_not_understood_is_said_so(dispatcher, domain):
    ActionFallback().run(dispatcher, make_tracker("nlu_fallback", "xkcd zorglub"), domain)
    assert responses(dispatcher) == ["utter_default"]


def test_the_same_question_twice_gets_more_not_the_same_words(dispatcher, domain):
    from relais.track_content import track_content
    question = next(t for t in track_content("economie").topics if t.kind == "question" and t.more)
    said = [{"event": "bot", "text": question.answer}]
    tracker = make_tracker("nlu_fallback", question.examples[0], events=said,
                           slots={"track": "economie", "topic": question.key})
    ActionFallback().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == question.more


def test_a_short_question_about_a_word_of_the_answer_gets_its_line_first(dispatcher, domain):
    topic = find_topic("energie/changer_offre")
    said = [{"event": "bot", "text": topic.answer}]
    tracker = make_tracker("nlu_fallback", "c'est quoi le comparateur officiel ?", events=said,
                           slots={"track": "energie", "topic": topic.key})
    ActionFallback().run(dispatcher, tracker, domain)
    first, *rest = dispatcher.messages[0]["text"].split("\n")
    assert "comparateur-offres.energie-info.fr" in first
    assert "\n".join(rest) == topic.more


def test_a_statement_about_a_word_of_the_advice_gets_that_line_before_the_actions(dispatcher, domain):
    topic = find_topic("alimentation/cuisiner_sans_energie")
    tracker = make_tracker("nlu_fallback", "jai un barbecue sur la terrasse", events=[{"event": "bot", "text": topic.answer}],
                           slots={"track": "alimentation", "topic": topic.key, "plan_shown": []})
    ActionFallback().run(dispatcher, tracker, domain)
    first = dispatcher.messages[0]["text"].splitlines()[0]
    assert first.startswith("C'est noté. À retenir : N'utilisez jamais barbecue"), first


def test_off_topic_for_the_model_but_naming_the_advice_under_way_is_read_in_context(dispatcher, domain):
    from actions.varied import ActionHorsSujet
    topic = find_topic("energie/coupure_chauffage")
    said = [{"event": "bot", "text": topic.answer}]
    slots = {"track": "energie", "topic": topic.key, "plan_shown": []}
    ActionHorsSujet().run(dispatcher, make_tracker("out_of_scope", "ok et ce soir pour le bebe ?", events=said,
                                                   slots=slots), domain)
    assert "bébé" in dispatcher.messages[0]["text"]
    assert "utter_hors_sujet" not in responses(dispatcher)
    dispatcher.messages.clear()
    ActionHorsSujet().run(dispatcher, make_tracker("out_of_scope", "qui a gagné le match hier soir ?", events=said,
                                                   slots=slots), domain)
    assert responses(dispatcher) == ["utter_hors_sujet"]


def test_what_a_term_means_is_said_in_the_questions_and_outside_them(dispatcher, domain):
    events = form_check(dispatcher, "logement_situation", "c'est quoi l'ADIL ?", {"track": "logement"})
    assert events == [SlotSet("logement_situation", None)]
    assert dispatcher.messages[0]["text"].startswith("L'ADIL (agence départementale d'information sur le logement)")
    dispatcher.messages.clear()
    tracker = make_tracker("track_travail", "c'est quoi le CEP ?", slots={"track": "economie"})
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"].startswith("Le CEP (conseil en évolution professionnelle)")
    assert SlotSet("track", "economie") in events and SlotSet("track_step", "answered") in events
    assert SlotSet("phase", "continu") in events


def test_where_the_citizen_lives_after_the_rule_of_the_breakdown_number_gets_the_whole_number(dispatcher, domain):
    said = [{"event": "bot", "text": "1. Signalez la panne au dépannage Enedis : 09 726 750 suivi des 2 chiffres de votre département."}]
    tracker = make_tracker("track_energie", "le numero d'enedis pour la haute vienne ?", events=said,
                           slots={"track": "energie", "phase": "urgence"})
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert "09 726 750 87" in dispatcher.messages[0]["text"]
    assert SlotSet("track_step", "answered") in events
    dispatcher.messages.clear()
    ActionSelectTrack().run(dispatcher, make_tracker("track_energie", "j'habite à Limoges", slots={"track": "energie"}),
                            domain)
    assert not any("09 726 750 87" in (m.get("text") or "") for m in dispatcher.messages)


def test_an_answer_given_earlier_in_the_conversation_is_not_given_again_word_for_word(dispatcher, domain):
    from actions.topic_replies import say_topic_once
    topic = next(t for t in all_topics() if t.more)
    said = [{"event": "bot", "text": topic.answer}, {"event": "bot", "text": "Voici votre plan en trois actions"}]
    tracker = make_tracker("track_x", "et pour mon balcon ?", events=said, slots={"track": topic.track, "topic": None})
    say_topic_once(dispatcher, tracker, topic)
    assert dispatcher.messages[0]["text"] != topic.answer


def test_a_question_read_as_another_track_that_names_the_advice_under_way_gets_its_line(dispatcher, domain):
    # Persona round 16: after the flood advice, « le courant on peut le remettre ? le tableau
    # électrique a pris l'eau » started the energy questionnaire.
    text = "ok merci. mais du coup le courant on peut le remettre ou pas ? le tableau electrique a pris l'eau je crois"
    tracker = make_tracker("track_energie", text, slots={"track": "logement", "topic": "logement/inondation_logement"})
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"].startswith("Ce que je peux vous dire : Ne remettez pas le courant")
    assert SlotSet("track", "logement") in events


def test_a_conversation_without_the_welcome_is_asked_for_consent_once(dispatcher, domain):
    tracker = make_tracker("track_energie", "plus de courant depuis ce matin dans tout le quartier",
                           slots={"consentement": "inconnu"})
    ActionSelectTrack().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[-1] == "utter_demande_consentement_court"
    asked = [{"event": "bot", "metadata": {"utter_action": "utter_demande_consentement_court"}}]
    dispatcher.messages.clear()
    tracker = make_tracker("track_energie", "plus de courant depuis ce matin dans tout le quartier",
                           slots={"consentement": "inconnu"}, events=asked)
    ActionSelectTrack().run(dispatcher, tracker, domain)
    assert "utter_demande_consentement_court" not in responses(dispatcher)


# --- Welcome and consent ----------------------------------------------------------------------


@pytest.mark.parametrize("intent, consent, response", [
    ("consentir", "donne", "utter_consentement_merci"),
    ("affirm", "donne", "utter_consentement_merci"),
    ("refuser_consentement", "refuse", "utter_consentement_refuse"),
    ("deny", "refuse", "utter_consentement_refuse"),
])
def test_consent_answer(dispatcher, domain, intent, consent, response):
    events = ActionEnregistrerConsentement().run(dispatcher, make_tracker(intent, f"/{intent}"), domain)
    assert events == [SlotSet("consentement", consent)]
    assert responses(dispatcher) == [response, "utter_menu"]


def test_consent_given_while_a_doleance_waits_for_its_text_asks_for_it_again(dispatcher, domain):
    # Persona round 109: « je voudrais faire une réclamation », then « j'accepte » to the consent
    # question asked beside it: the doléance's question again, not the menu.
    from relais.grievances import grievance_texts

    tracker = make_tracker("consentir", "j'accepte", slots={"doleance": {"step": "what", "kind": "doleance"}})
    events = ActionEnregistrerConsentement().run(dispatcher, tracker, domain)
    assert events == [SlotSet("consentement", "donne")]
    assert responses(dispatcher) == ["utter_consentement_merci", None]
    assert dispatcher.messages[1]["text"] == grievance_texts().conversation["ask_what"]


def test_consent_given_after_the_goal_was_offered_keeps_the_goal(dispatcher, domain):
    # Persona round 15: « voulez-vous que je le garde ? », « J'accepte », then the menu; the goal
    # was lost.
    from actions.backend import backend
    offered = [{"event": "bot", "text": "Très bon objectif", "metadata": {"utter_action": "utter_objectif_enregistre"}}]
    tracker = make_tracker("consentir", "/consentir", slots={"objectif": "aller au boulot en vélo 2 fois", "track": "mobilite"},
                           events=offered)
    events = ActionEnregistrerConsentement().run(dispatcher, tracker, domain)
    assert events == [SlotSet("consentement", "donne")]
    assert dispatcher.messages[0]["text"].startswith("Merci. C'est gardé : « aller au boulot en vélo 2 fois »")
    assert backend().progress.summary(tracker.sender_id).current_goal.text == "aller au boulot en vélo 2 fois"


def test_a_goal_stated_in_words_outside_the_offer_is_kept(dispatcher, domain):
    # Persona round 15: « mon objectif : … » got a sub-topic or a list of actions.
    tracker = make_tracker("track_permaculture", "ok je note. mon objectif : acheter 2 bacs et semer des radis ce week end",
                           slots={"track": "permaculture"})
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_objectif_enregistre"]
    assert dispatcher.messages[0]["objectif"] == "acheter 2 bacs et semer des radis ce week end"
    assert SlotSet("objectif", "acheter 2 bacs et semer des radis ce week end") in events


@pytest.mark.parametrize("intent, text", [("consentir", "azertyuiop"), ("refuser_consentement", "bof")])
def test_consent_is_never_recorded_on_a_guess(dispatcher, domain, intent, text):
    assert ActionEnregistrerConsentement().run(dispatcher, make_tracker(intent, text), domain) == []
    assert responses(dispatcher) == ["utter_consentement_non_compris"]


@pytest.mark.parametrize("intent, text", [("consentir", "oui j'accepte"), ("affirm", "ok"), ("refuser_consentement", "non merci"),
                                          ("deny", "je refuse"), ("consentir", "consentir"), ("consentir", "je consens")])
def test_typed_consent_answers_are_recorded(dispatcher, domain, intent, text):
    assert ActionEnregistrerConsentement().run(dispatcher, make_tracker(intent, text), domain)


def test_welcome_back_recalls_the_goal(dispatcher, domain):
    tracker = make_tracker("greet", slots={"objectif": "réparer mon vélo"})
    assert ActionAccueilRetour().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_retour_objectif"]


def test_welcome_back_without_goal_shows_the_menu(dispatcher, domain):
    ActionAccueilRetour().run(dispatcher, make_tracker("greet"), domain)
    assert responses(dispatcher) == ["utter_bon_retour", "utter_menu"]


# --- Check-in and goals -----------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [("4", "4"), ("pas terrible", "2"), ("super bien", "5")])
def test_mood_is_read_from_buttons_and_words(dispatcher, domain, value, expected):
    result = ValidateCheckinForm().validate_humeur(value, dispatcher, make_tracker(), domain)
    assert result == {"humeur": expected}
    assert dispatcher.messages == []


def test_unreadable_mood_is_asked_again(dispatcher, domain):
    result = ValidateCheckinForm().validate_humeur("patate", dispatcher, make_tracker(), domain)
    assert result == {"humeur": None}
    assert responses(dispatcher) == ["utter_humeur_non_comprise"]


@pytest.mark.parametrize("mood, done, goal, expected", [
    ("1", "rien", None, ["utter_bilan_humeur_basse", "utter_bilan_rien"]),
    ("3", "j'ai trié mes placards", None, ["utter_bilan_humeur_moyenne", "utter_bilan_fait"]),
    ("5", "rien", "prendre le vélo", ["utter_bilan_humeur_haute", "utter_bilan_rien", "utter_bilan_objectif"]),
])
def test_checkin_summary(dispatcher, domain, mood, done, goal, expected):
    tracker = make_tracker(slots={"humeur": mood, "fait_recemment": done, "objectif": goal})
    events = ActionCheckinBilan().run(dispatcher, tracker, domain)
    assert events == [SlotSet("humeur", None), SlotSet("fait_recemment", None)]
    assert responses(dispatcher) == expected


def test_new_goal_clears_the_previous_one(dispatcher, domain):
    events = ActionPreparerObjectif().run(dispatcher, make_tracker(slots={"objectif": "x"}), domain)
    assert events == [SlotSet("objectif", None), SlotSet("objectif_accepte", None)]


# --- Fallback ---------------------------------------------------------------------------------


def action(name):
    return {"event": "action", "name": name}


def user(text):
    return {"event": "user", "text": text}


def bot(response):
    return {"event": "bot", "text": response, "metadata": {"utter_action": response}}


def case_rows(url):
    with create_engine(url, future=True).connect() as connection:
        return connection.execute(text_query("select reason, status from relais_cases")).all()


LISTEN = FollowupAction("action_listen")


def test_first_misunderstanding_offers_buttons(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", events=[action("action_listen"), action("utter_menu"), action("action_listen")])
    assert ActionFallback().run(dispatcher, tracker, domain) == [LISTEN]
    assert responses(dispatcher) == ["utter_default"]


def test_second_misunderstanding_in_a_row_offers_a_person_without_a_case(dispatcher, domain, database):
    events = [action("utter_menu"), action("action_listen"), action("action_fallback"), action("action_listen")]
    result = ActionFallback().run(dispatcher, make_tracker("nlu_fallback", events=events), domain)
    assert responses(dispatcher) == ["utter_fallback_humain"]
    assert result == [LISTEN]  # no escalation slot, no case
    assert case_rows(database) == []
    assert "/demander_humain" in [b["payload"] for b in domain["responses"]["utter_fallback_humain"][0]["buttons"]]


def test_a_third_misunderstanding_does_not_repeat_the_offer(dispatcher, domain):
    events = [action("action_fallback"), action("action_listen"), action("action_fallback"), action("action_listen")]
    assert ActionFallback().run(dispatcher, make_tracker("nlu_fallback", events=events), domain) == [LISTEN]
    assert responses(dispatcher) == ["utter_default"]


def test_an_understood_turn_resets_the_count():
    events = [action("action_fallback"), action("action_listen"), action("utter_menu"), action("action_listen")]
    assert consecutive_fallbacks(events) == 0


def after_the_offer(intent, text):
    """The turn after Relais offered a person, as Rasa sends it to the action server."""
    events = [user("azerty"), action("action_fallback"), bot("utter_default"), action("action_listen"),
              user("qsdfg"), action("action_fallback"), bot("utter_fallback_humain"),
              action("action_listen"), user(text)]
    return make_tracker(intent, text, events=events)


@pytest.mark.parametrize("intent, text", [
    ("affirm", "oui"), ("affirm", "ouais"), ("nlu_fallback", "wi"), ("affirm", "oui svp"),
    ("nlu_fallback", "d'acc"), ("nlu_fallback", "oui une personne"), ("affirm", "👍"),
])
def test_a_yes_to_the_offer_opens_the_case(dispatcher, domain, database, intent, text):
    result = ActionFallback().run(dispatcher, after_the_offer(intent, text), domain)
    assert result == [SlotSet("escalation", "1"), LISTEN]
    assert responses(dispatcher) == ["utter_escalade_demande"]
    assert case_rows(database) == [("repeated_misunderstanding", "open")]


@pytest.mark.parametrize("intent, text", [
    ("nlu_fallback", "blablabla"), ("affirm", "mouais"), ("nlu_fallback", "oui mais non"),
    ("nlu_fallback", "plus tard"), ("affirm", "👎"), ("nlu_fallback", "svp je comprends pas"),
    ("nlu_fallback", "je ne suis pas ok"), ("affirm", "ok mais je ne vois pas le rapport"),
    ("nlu_fallback", "pourquoi pas"),
])
def test_anything_but_a_yes_to_the_offer_goes_on_without_a_case(dispatcher, domain, database, intent, text):
    result = ActionFallback().run(dispatcher, after_the_offer(intent, text), domain)
    assert SlotSet("escalation", "1") not in result
    assert responses(dispatcher) == ["utter_default"]
    assert case_rows(database) == []


def test_a_question_after_the_offer_is_answered_without_a_case(dispatcher, domain, database):
    text = "ok alors j'ai une autre question sur le chèque énergie pour ma mère"
    result = ActionFallback().run(dispatcher, after_the_offer("nlu_fallback", text), domain)
    assert SlotSet("escalation", "1") not in result
    assert "chèque énergie" in dispatcher.messages[0]["text"]
    assert case_rows(database) == []


def test_a_yes_long_after_the_offer_opens_nothing(dispatcher, domain, database):
    events = [action("action_fallback"), bot("utter_fallback_humain"), action("action_listen"),
              user("bof"), action("utter_menu"), bot("utter_menu"), action("action_listen"), user("oui")]
    ActionFallback().run(dispatcher, make_tracker("affirm", "oui", events=events), domain)
    assert responses(dispatcher) == ["utter_default"]
    assert case_rows(database) == []


@pytest.mark.parametrize("response", ["utter_action_notee", "utter_sans_consentement"])
def test_only_a_refusal_is_called_the_citizens_choice(domain, response):
    variants = domain["responses"][response]
    refused = [v for v in variants if any(c.get("value") == "refuse" for c in v.get("condition", []))]
    unanswered = [v for v in variants if "condition" not in v]
    assert "choisi" in refused[0]["text"]
    # Consent not answered yet: the citizen chose nothing, and is told how to accept.
    assert "choisi" not in unanswered[0]["text"] and "j'accepte l'enregistrement" in unanswered[0]["text"]


def test_low_mood_without_a_risk_offers_a_person_not_the_suicide_line(domain):
    wordings = ("utter_humeur_basse", "utter_humeur_basse_2", "utter_humeur_basse_3", "utter_bilan_humeur_basse")
    variants = [v for name in wordings for v in domain["responses"][name]]
    assert len(variants) >= 4
    for variant in variants:
        assert "3114" not in variant["text"]
    for variant in variants[:3]:
        assert "/demander_humain" in [button["payload"] for button in variant["buttons"]]


def test_low_mood_is_never_answered_twice_in_a_row_with_the_same_words(dispatcher, domain):
    from actions.varied import ActionHumeurBasse

    said = []
    events = []
    for _ in range(4):
        dispatcher.messages.clear()
        ActionHumeurBasse().run(dispatcher, make_tracker("humeur_basse", events=events), domain)
        said.append(dispatcher.messages[0]["response"])
        events = events + [action("action_humeur_basse")]
    assert all(a != b for a, b in zip(said, said[1:]))


def test_the_actions_read_the_relais_directory_the_edge_and_the_desks_read(tmp_path, monkeypatch):
    """Cases get the relais codes coaches are scoped by: one directory file for every process."""
    from actions.backend import directory
    from relais.settings import PROJECT_ROOT

    source = (PROJECT_ROOT / "directory" / "relais.yml").read_text(encoding="utf-8")
    custom = tmp_path / "relais.yml"
    custom.write_text(source.replace('updated: "2026-12-01"', 'updated: "2027-01-15"'), encoding="utf-8")
    monkeypatch.setenv("RELAIS_DIRECTORY", str(custom))
    directory.cache_clear()
    try:
        assert directory().updated == "2027-01-15"
    finally:
        directory.cache_clear()


def test_the_local_relais_is_named_once_and_not_once_a_person_has_the_case(dispatcher):
    from actions.topic_replies import say_first_steps

    told = {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_relais_local"}}
    say_first_steps(dispatcher, make_tracker(events=[told]), "alimentation", None)
    say_first_steps(dispatcher, make_tracker(slots={"escalation": "3"}), "alimentation", None)
    assert "utter_relais_local" not in [m.get("response") for m in dispatcher.messages]
    say_first_steps(dispatcher, make_tracker(), "alimentation", None)
    assert dispatcher.messages[-1].get("response") == "utter_relais_local"


def test_consent_typed_before_a_question_is_recorded_then_the_question_answered(dispatcher, domain):
    # Persona round 90: « ok jaccepte. on a plus d'eau… » got the water answer, not a word on consent.
    from actions.backend import backend
    asked = [{"event": "user", "text": "bonjour"},
             {"event": "bot", "text": "Pour vous suivre…", "metadata": {"utter_action": "utter_demande_consentement_court"}},
             {"event": "user", "text": "ok jaccepte. comment garder mon congélateur froid pendant la coupure ?"}]
    tracker = make_tracker("track_energie", "ok jaccepte. comment garder mon congélateur froid pendant la coupure ?",
                           events=asked)
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_consentement_note"
    assert events[0] == SlotSet("consentement", "donne")
    assert backend().consent.has_consent(tracker.sender_id)
    assert "utter_demande_consentement_court" not in responses(dispatcher)


def test_consent_on_condition_that_it_is_free_is_recorded_and_the_cost_answered(dispatcher, domain):
    # Persona round 101: « C'est payant ? Si c'est gratuit oui j'accepte » got the energy coach,
    # and no consent.
    from actions.backend import backend
    text = "excusez moi je ne comprends pas bien. C est payant? Si c est gratuit oui j accepte"
    asked = [{"event": "user", "text": "Bonjour"},
             {"event": "bot", "text": "Pour vous suivre…", "metadata": {"utter_action": "utter_demande_consentement_court"}},
             {"event": "user", "text": text}]
    tracker = make_tracker("nlu_fallback", text, events=asked)
    events = ActionFallback().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_consentement_note"
    assert SlotSet("consentement", "donne") in events
    assert backend().consent.has_consent(tracker.sender_id)
    assert any("gratuit" in (m.get("text") or "") for m in dispatcher.messages)
    assert "utter_default" not in responses(dispatcher) and len(dispatcher.messages) == 2


def test_first_steps_given_a_turn_ago_are_not_given_again_word_for_word(dispatcher):
    # Persona round 90: the same water-cut block three times, the third to « vous comprenez rien ».
    from actions.topic_replies import say_first_steps
    topic = find_topic("alimentation/eau_non_potable")
    said = [{"event": "bot", "text": topic.answer}]
    tracker = make_tracker("urgence", "et l'eau pour le biberon alors ?", events=said)
    say_first_steps(dispatcher, tracker, "alimentation", topic)
    texts = [m.get("text") or "" for m in dispatcher.messages]
    assert topic.answer not in texts and topic.more in texts[0]


def test_a_question_right_after_an_urgence_stays_with_it_not_another_tracks_questionnaire(dispatcher, domain):
    # Persona round 91: after a fake bank adviser, « qui j'appelle en premier ? est-ce qu'ils vont
    # me rembourser ? » read as budget got six budget questions.
    tracker = make_tracker("track_economie", "j'ai raccroché. j'appelle qui d'abord, ma banque ? et je serai remboursé de l'argent volé ?",
                           slots={"track": "numerique", "phase": "urgence", "topic": "numerique/faux_conseiller_en_cours"})
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert "utter_economie_intro" not in responses(dispatcher)
    assert SlotSet("track", "numerique") in events and SlotSet("track_step", "answered") in events


def test_a_psychologist_asked_for_gets_the_ways_to_one(dispatcher):
    from actions.psy_access import answer_psy_question
    tracker = make_tracker("track_alimentation", "et pour parler, y a des psys gratuits pour les étudiants ?")
    assert answer_psy_question(dispatcher, tracker) == []
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Mon soutien psy" in said and "Santé Psy Étudiant" in said


def test_consent_typed_a_turn_after_the_question_is_recorded_too(dispatcher, domain):
    # Persona round 92: « j'accepte. Et MaPrimeRénov' c'est pour moi ? » after a topic answer.
    from actions.backend import backend
    asked = [{"event": "bot", "text": "Acceptez-vous ?", "metadata": {"utter_action": "utter_demande_consentement"}},
             {"event": "user", "text": "ma facture de fioul est énorme"},
             {"event": "bot", "text": "Baisser sa facture…"},
             {"event": "user", "text": "j'accepte. Et le chèque énergie, j'y ai droit ?"}]
    tracker = make_tracker("track_energie", "j'accepte. Et le chèque énergie, j'y ai droit ?", events=asked)
    ActionSelectTrack().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_consentement_note"
    assert backend().consent.has_consent(tracker.sender_id)


def test_a_question_about_the_team_in_the_fallback_gets_one_answer(dispatcher, domain):
    # An answer that sets no slot ([]) has spoken: the fallback's next readings stay silent.
    from actions.fallback import ActionFallback
    tracker = make_tracker("nlu_fallback", "la personne va m'écrire ici ? et pour le frigo pendant la coupure")
    ActionFallback().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_equipe_presentation"]


def test_someone_to_talk_to_for_free_about_exams_gets_the_students_ways(dispatcher):
    # Persona round 92: « y a quelqu'un à qui parler gratos ? » got « avec plaisir ».
    from actions.psy_access import answer_psy_question
    tracker = make_tracker("thanks", "cool merci. et pour le stress des partiels y a quelqu'un a qui parler gratos ?")
    assert answer_psy_question(dispatcher, tracker) == []
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Santé Psy Étudiant" in said


def test_thanks_with_a_question_in_the_same_breath_answers_the_question(dispatcher, domain):
    from actions.varied import ActionDeRien
    ActionDeRien().run(dispatcher, make_tracker("thanks", "cool merci. et pour le stress des partiels y a quelqu'un a qui parler gratos ?"), domain)
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Santé Psy Étudiant" in said and "utter_de_rien" not in responses(dispatcher)
    dispatcher.messages.clear()
    ActionDeRien().run(dispatcher, make_tracker("thanks", "merci beaucoup"), domain)
    assert responses(dispatcher) == ["utter_de_rien"]


def test_a_long_question_inside_a_questionnaire_is_answered_from_the_track_it_points_to(dispatcher):
    # Persona round 92: « comment je fais pour manger ? » inside the work questionnaire got
    # « finissons ces quelques questions ».
    from actions.topic_replies import answer_typed_question
    answer_typed_question(dispatcher, "et pour le budget, j'ai 450€ par mois (bourse + parents) et 380 de loyer "
                                      "en crous, comment je fais pour manger ?", "travail")
    assert "CROUS" in dispatcher.messages[0]["text"]


def test_a_question_after_all_of_a_topic_was_said_is_answered_honestly_not_with_actions(dispatcher):
    # Persona round 93: « et pour le bain du bébé ? » after all of the non-potable water advice
    # got « Voici trois actions adaptées à vos réponses ».
    from actions.topic_replies import say_topic_once
    from relais.track_content import find_topic
    topic = find_topic("alimentation/eau_non_potable")
    said = [{"event": "bot", "text": topic.answer}, {"event": "bot", "text": topic.more}]
    tracker = make_tracker("track_alimentation", "et pour ranger les courses, je fais comment ?", events=said)
    say_topic_once(dispatcher, tracker, topic)
    assert "pas de réponse sûre" in dispatcher.messages[0]["text"]
    assert "Voici trois actions" not in dispatcher.messages[0]["text"]


def test_signs_of_heat_illness_get_what_to_do_now_whatever_the_questionnaire(dispatcher, domain):
    # Persona round 93: dizziness and a headache in a 36° studio got firewood, then cycling.
    earlier = [{"event": "user", "text": "il fait 36° dans mon studio sous les toits, je dors plus"}]
    tracker = make_tracker("track_energie", "j'ai la tête qui tourne et un peu mal au crâne, je bois pas beaucoup. je dois m'inquiéter ?",
                           slots={"track": "numerique"}, events=earlier, active_loop="diagnostic_form")
    ActionSelectTrack().run(dispatcher, tracker, domain)
    assert "0 800 06 66 66" in dispatcher.messages[0]["text"]


def test_a_heat_answer_outside_a_questionnaire_ends_the_turn_as_an_answer(dispatcher, domain):
    # Persona round 101: with no step set yet no rule followed, and the fallback gave a heart
    # patient « appelez le 15 maintenant » a second time.
    text = ("avec cette chaleur 38 degrés depuis hier j'ai la tête qui tourne et je suis essoufflé dans l'escalier, "
            "j'ai une insuffisance cardiaque")
    events = ActionSelectTrack().run(dispatcher, make_tracker("track_energie", text), domain)
    assert SlotSet("track_step", "answered") in events
    inside = make_tracker("track_energie", text, slots={"track": "numerique"}, active_loop="diagnostic_form")
    assert not any(e.get("name") == "track_step" for e in ActionSelectTrack().run(dispatcher, inside, domain))


def test_a_doctor_away_in_a_heat_wave_gets_who_else_to_ask(dispatcher):
    # Persona round 101: a heart patient whose doctor was on holiday was sent back to him twice.
    from actions.heat_illness import answer_heat_illness
    earlier = [{"event": "user", "text": "avec cette chaleur 38 degrés je suis essoufflé"}]
    tracker = make_tracker("track_energie", "Mon medecin est en vacances je vous dis. Je fais quoi alors, j'attends le 20 ?",
                           events=earlier)
    assert answer_heat_illness(dispatcher, tracker) == []
    assert "116 117" in dispatcher.messages[-1]["text"]


def test_two_needs_the_model_could_not_place_are_asked_which_first(dispatcher, domain):
    # Persona round 94: heat under the roof and a scam, « je commence par quoi ? », got « je ne
    # sais pas vous aider là-dessus » twice.
    from actions.varied import ActionHorsSujet
    text = ("Bonjour, deux choses : on crève de chaud dans notre appart sous les toits à Lyon (33°C la nuit), et en plus "
            "mon fils de 15 ans s'est fait arnaquer sur Vinted, il a payé 80€ par un lien bizarre. Je commence par quoi ?")
    ActionHorsSujet().run(dispatcher, make_tracker("out_of_scope", text), domain)
    message = dispatcher.messages[-1]
    assert "deux choses" in message["text"] and len(message["buttons"]) == 2


def test_a_fever_with_a_headache_is_no_heat_illness():
    # One heat vocabulary (relais/heat_words.py): a temperature alone is a fever's.
    from relais.health_worry import tells_heat_illness
    assert not tells_heat_illness("j'ai 39 et mal à la tête depuis ce matin")
    assert tells_heat_illness("j'ai des vertiges, c'est grave ?", ("il fait 36° dans mon studio sous les toits",))
    # Not a confused mind about paperwork, nor someone else's vomiting (a review of round 110's fix).
    assert not tells_heat_illness("il fait chaud, je suis confus sur la démarche")
    assert not tells_heat_illness("il a vomi son biberon, il fait chaud")


def test_the_other_questions_of_one_message_are_offered_beside_the_answer(dispatcher, domain):
    # Persona rounds 95-96: three questions in one message got one answer, the others were lost.
    text = ("ma retraite a 10 jours de retard depuis le changement de caisse. qui j'appelle ? "
            "et la banque m'a pris des frais de découvert, je peux les contester ?")
    ActionFallback().run(dispatcher, make_tracker("nlu_fallback", text), domain)
    answer = dispatcher.messages[0]
    assert answer["text"].startswith(find_topic("economie/retraite_en_retard").answer)
    assert "autre question" in answer["text"]
    others = [b for b in answer["buttons"] if b["title"].startswith("Et : ")]
    assert [b["payload"] for b in others] == ['/sujet{"topic": "economie/frais_bancaires"}']


def test_a_message_with_one_question_gets_no_other_question_button(dispatcher, domain):
    text = "ma retraite a 10 jours de retard depuis le changement de caisse, qui j'appelle ?"
    ActionFallback().run(dispatcher, make_tracker("nlu_fallback", text), domain)
    assert not [b for b in dispatcher.messages[0].get("buttons") or [] if b["title"].startswith("Et : ")]
    assert "autre question" not in dispatcher.messages[0]["text"]


def test_a_bare_yes_opening_the_reply_to_the_consent_question_is_recorded(dispatcher, domain):
    # Persona round 97: « ouais ok. 40 cm d'eau au rdc… » under « Acceptez-vous ? » was not heard.
    from actions.backend import backend
    text = "ouais ok. 40 cm d'eau au rdc, ya plus de courant"
    asked = [{"event": "bot", "text": "Acceptez-vous ?", "metadata": {"utter_action": "utter_demande_consentement"}},
             {"event": "user", "text": text}]
    tracker = make_tracker("track_logement", text, events=asked)
    ActionSelectTrack().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_consentement_note"
    assert backend().consent.has_consent(tracker.sender_id)


def test_a_bare_yes_a_turn_after_the_consent_question_is_no_consent(dispatcher, domain):
    from actions.backend import backend
    text = "ouais ok. et pour le chauffage ?"
    asked = [{"event": "bot", "text": "Acceptez-vous ?", "metadata": {"utter_action": "utter_demande_consentement"}},
             {"event": "user", "text": "ma facture de fioul est énorme"},
             {"event": "bot", "text": "Baisser sa facture…"},
             {"event": "user", "text": text}]
    tracker = make_tracker("track_energie", text, events=asked)
    ActionSelectTrack().run(dispatcher, tracker, domain)
    assert "utter_consentement_note" not in responses(dispatcher)
    assert not backend().consent.has_consent(tracker.sender_id)


def test_a_question_that_refers_back_is_no_other_question():
    # Persona round 97: « Faut-il déclarer quelque chose ? » after hens gave « Et : Sinistre ».
    from relais.topics import best_topic, other_questions
    text = ("Maintenant les poules. J'en voudrais trois, pour les oeufs et les épluchures. Faut-il déclarer "
            "quelque chose ? J'ai entendu parler de la grippe aviaire, est-ce qu'on doit les enfermer ?")
    main = best_topic(text)
    assert main is not None and main.topic.id == "poules"
    assert other_questions(text, main.topic) == []


def test_heat_illness_that_lasts_or_in_a_heart_patient_is_the_15_now(dispatcher):
    # Persona round 98: « appelez le 15 si ça ne passe pas dans l'heure » twice, after the hour.
    from actions.heat_illness import answer_heat_illness
    from relais.crisis import crisis_content
    events = [{"event": "user", "text": "il fait 41 degrés chez moi, j'ai des problèmes de coeur"}]
    tracker = make_tracker("track_logement", "j'ai toujours la tete qui tourne, ca fait plus d'une heure", events=events)
    assert answer_heat_illness(dispatcher, tracker) == []
    assert dispatcher.messages[0]["text"] == crisis_content().text("heat_illness_now")


def test_a_treatment_asked_about_in_a_heat_wave_is_answered(dispatcher):
    # Persona round 98: « le furosemide, est-ce que je dois continuer avec la chaleur ? ».
    from actions.heat_illness import answer_heat_illness
    from relais.crisis import crisis_content
    events = [{"event": "user", "text": "il fait 41 degrés à Nîmes"}]
    tracker = make_tracker("track_logement", "je prends mes cachets pour le coeur, le furosemide, je continue avec la chaleur ?",
                           events=events)
    assert answer_heat_illness(dispatcher, tracker) == []
    assert dispatcher.messages[0]["text"] == crisis_content().text("heat_medicine")


def test_signs_and_a_treatment_question_in_one_message_get_both_answers(dispatcher):
    # Persona round 99: « l'amlodipine et le diurétique, je les prends ce soir ou pas ? j'ai un
    # peu la tête qui tourne » got the signs only.
    from actions.heat_illness import answer_heat_illness
    from relais.crisis import crisis_content
    events = [{"event": "user", "text": "il fait 40 degrés dehors et chez moi c'est pareil"}]
    tracker = make_tracker("track_logement", "mes cachets, l'amlodipine et le diurétique, je les prends ce soir ou pas ? "
                           "j'ai un peu la tête qui tourne quand je me lève", events=events)
    assert answer_heat_illness(dispatcher, tracker) == []
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[-1] == crisis_content().text("heat_medicine")
    assert texts[0] in (crisis_content().text("heat_illness"), crisis_content().text("heat_illness_now"))


def test_a_person_asked_for_on_a_crisis_case_is_promised_as_soon_as_possible_with_the_kinds_line(dispatcher, domain):
    # Persona round 99: after thoughts of suicide (a priority case), « Parler à une personne »
    # answered « en général dans la demi-journée aux heures d'ouverture… En cas de danger : 112 ».
    from actions.backend import backend
    from actions.escalation import ActionEscalader
    tracker = make_tracker("demander_humain", "je voudrais parler à quelqu'un")
    backend().escalation.open_case(tracker.sender_id, "crisis", crisis_kind="suicide")
    ActionEscalader().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert "3114" in text and "dossier n°" in text
    assert "dès que possible" in text and "demi-journée" not in text


def test_a_consent_given_in_words_before_a_message_the_model_did_not_place_is_noted(dispatcher, domain):
    # Persona round 99: « oui d'accord vous pouvez garder. J'ai 79 ans… » under « Acceptez-vous ? »
    # got « je ne suis pas sûr d'avoir compris », and no word of the consent.
    from actions.backend import backend
    text = "oui d'accord vous pouvez garder. Bonjour, j'habite sous les toits et il fait une chaleur terrible"
    asked = [{"event": "bot", "text": "Acceptez-vous ?", "metadata": {"utter_action": "utter_demande_consentement"}},
             {"event": "user", "text": text}]
    tracker = make_tracker("nlu_fallback", text, events=asked)
    ActionFallback().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_consentement_note"
    assert backend().consent.has_consent(tracker.sender_id)


def test_what_a_case_is_is_answered_with_who_sees_it_and_how_to_withdraw_it(dispatcher, domain):
    # Persona round 99: « dossier n° 3, ça veut dire quoi ? j'avais dit de rien garder » got
    # « vous n'êtes pas obligé·e d'appeler ».
    from actions.escalation import answer_team_question
    tracker = make_tracker("nlu_fallback", "au fait le dossier n°3 ça veut dire quoi ? j'avais dit de rien garder",
                           slots={"escalation": "3"})
    assert answer_team_question(dispatcher, tracker) == []
    text = dispatcher.messages[0]["text"]
    assert "dossier n° 3" in text and "90 jours" in text and "annulez ma demande" in text
    dispatcher.messages.clear()
    other = make_tracker("nlu_fallback", "j'ai un dossier CAF en cours, c'est quoi les délais ?", slots={"escalation": "3"})
    assert answer_team_question(dispatcher, other) is None


def test_a_polite_yes_after_a_greeting_under_the_consent_question_is_the_consent(dispatcher, domain):
    # Persona round 100: /start, « Bonjour », then « Oui je veux bien madame, merci » got « Avec
    # plaisir » and no consent.
    from actions.backend import backend
    from actions.varied import ActionDeRien
    text = "Oui je veux bien madame, merci"
    events = [{"event": "user", "text": "/start"},
              {"event": "bot", "text": "Acceptez-vous ?", "metadata": {"utter_action": "utter_demande_consentement"}},
              {"event": "user", "text": "Bonjour"},
              {"event": "bot", "text": "Bonjour ! Écrivez-moi avec vos mots…"},
              {"event": "user", "text": text}]
    tracker = make_tracker("merci", text, events=events)
    ActionDeRien().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_consentement_note"]
    assert backend().consent.has_consent(tracker.sender_id)


def test_a_question_about_data_alone_is_no_consent_and_no_crash():
    from relais.consent_words import leading_consent, polite_answer
    assert leading_consent("ça va où vos données ? chez l'état ?", just_asked=True) is None
    assert polite_answer("oui mais j'ai une question ?") is None


def test_what_a_crisis_case_is_comes_with_the_kinds_numbers_and_no_invitation_to_withdraw(dispatcher, domain):
    from actions.backend import backend
    from actions.escalation import answer_team_question
    tracker = make_tracker("nlu_fallback", "c'est quoi ce dossier ?")
    case = backend().escalation.open_case(tracker.sender_id, "crisis", crisis_kind="suicide")
    tracker.slots["escalation"] = str(case.id)
    assert answer_team_question(dispatcher, tracker) == []
    text = dispatcher.messages[0]["text"]
    assert "3114" in text and "annulez" not in text


def test_thanks_followed_by_a_need_gets_the_need_answered(dispatcher, domain):
    # Persona round 100: « merci. mais l'eau pour boire. il me reste 2 bouteilles. je peux pas
    # descendre au magasin » got « Avec plaisir ».
    from actions.varied import ActionDeRien
    text = "merci. mais pour la coupure d'eau, les toilettes je fais comment sans eau courante"
    ActionDeRien().run(dispatcher, make_tracker("merci", text), domain)
    assert responses(dispatcher) != ["utter_de_rien"]
    assert dispatcher.messages[0].get("text")


def test_distress_in_sms_words_is_heard_before_a_track():
    # Persona round 100: « ça va pas moi c tout. jdors pas depuis hier jarrete pas de pleurer »
    # got the job coach; « jen ai marre de tout, jsuis nulle » the food coach.
    from relais.mood import distress_comes_first, speaks_of_low_mood
    assert distress_comes_first("ni l'un ni l'autre. ça va pas moi c tout. jdors pas depuis hier jarrete pas de pleurer",
                                asks=False, acute=False)
    assert distress_comes_first("france services c ouvert quand ? franchement jen ai marre de tout, jsuis nulle, jme sens inutile",
                                asks=True, acute=False)
    assert not speaks_of_low_mood("jen ai marre de tout ces bouchons le matin")


def test_a_question_about_the_person_just_named_is_no_other_question():
    # Persona round 100: « il doit s'adapter ou pas ? » about the boss got « Et : Adapter le
    # logement (âge) ».
    from relais.topics import _question_sentences
    assert _question_sentences("c'est MOI qui peux pas venir faute d'essence. il doit s'adapter ou pas ?") == []


@pytest.mark.parametrize("text, key", [
    ("L'EAU COULE SUR LE LUSTRE, je coupe le disjoncteur oui ou non ???", "flood_power"),
    ("avec mon coeur je dois appeler le 15 ?", "call_the_15"),
])
def test_a_safety_question_outside_a_crisis_is_answered_whatever_the_track(dispatcher, domain, text, key):
    # Persona round 101: both got « je n'ai pas de réponse sûre » and an energy plan.
    from relais.crisis import crisis_content
    ActionSelectTrack().run(dispatcher, make_tracker("track_energie", text), domain)
    expected = crisis_content().dialogue["danger_answers"]["flood_power"] if key == "flood_power" else crisis_content().text(key)
    assert dispatcher.messages[0]["text"] == expected


def test_a_person_asked_for_during_an_urgence_is_told_it_is_one_and_what_to_do_tonight(dispatcher, domain):
    # Persona round 102: a woman of 81 alone at 14 °C in a power cut at night got « en général
    # dans la demi-journée ».
    from actions.escalation import ActionEscalader
    tracker = make_tracker("demander_humain", "Je veux juste quelqu'un qui m'appelle. Il fait 14 degres dans le salon",
                           slots={"phase": "urgence", "track": "energie"})
    ActionEscalader().run(dispatcher, tracker, domain)
    said = dispatcher.messages[0]["text"]
    assert "dès que possible" in said and "demi-journée" not in said and "15 ou le 112" in said


def test_drinking_worried_about_and_someone_to_talk_to_tonight_are_answered(dispatcher):
    # Persona round 103: « 4-5 bières par soir c trop ? » read as firewood; « qqun à qui parler
    # ce soir ? » three times unanswered.
    from actions.psy_access import answer_psy_question
    assert answer_psy_question(dispatcher, make_tracker("track_energie", "jparle d'alcool pas de bois, 4-5 bieres par soir c trop?")) == []
    assert "0 980 980 930" in dispatcher.messages[-1]["text"]
    assert answer_psy_question(dispatcher, make_tracker("track_alimentation", "y a qqun a qui parler ce soir ?")) == []
    assert "SOS Amitié" in dispatcher.messages[-1]["text"]


def test_whether_someone_will_still_write_is_answered_and_opens_no_case(dispatcher, domain):
    # Persona round 108: asked right after an erasure, it opened a new case.
    from actions.escalation import ActionEscalader
    from relais.contact_wishes import contact_texts
    tracker = make_tracker("demander_humain", "et la personne de l'équipe relais elle va quand même m'écrire ?")
    events = ActionEscalader().run(dispatcher, tracker, domain)
    assert events == [] and dispatcher.messages[0]["text"] == contact_texts().citizen["nothing_to_withdraw"]
