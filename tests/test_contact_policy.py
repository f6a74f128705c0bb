"""The ContactPolicy: a contact instruction is heard in any state (inside a form, inside the
crisis dialogue), a crisis message first; the crisis dialogue goes on after it."""

from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet

from rasa_components.contact_policy import next_contact_action
from rasa_components.crisis_policy import next_crisis_action
from tests.support.policy_trackers import tracker, user


def test_an_instruction_goes_to_the_contact_action_then_listen():
    events = [user("ne m'écrivez pas après 19h", "track_travail", 0.6)]
    assert next_contact_action(tracker(events)) == "action_consignes_contact"
    events += [ActionExecuted("action_consignes_contact")]
    assert next_contact_action(tracker(events)) == "action_listen"


def test_inside_a_form_too():
    events = [user("je cherche un potager", "track_permaculture"), ActionExecuted("diagnostic_form"),
              ActiveLoop("diagnostic_form"), SlotSet("requested_slot", "permaculture_situation"),
              ActionExecuted("action_listen"), user("pas d'appel svp", "deny", 0.7)]
    assert next_contact_action(tracker(events)) == "action_consignes_contact"


def test_a_crisis_comes_first_and_calm_messages_are_left_alone():
    crisis = user("annulez ma demande il va me tuer", "crise_violence", 1.0, "certain", "violence")
    assert next_contact_action(tracker([crisis])) is None
    assert next_contact_action(tracker([user("je rentre pas avant 20h", "track_mobilite")])) is None
    assert next_contact_action(tracker([user("/affirm", "affirm")])) is None


def test_the_yes_to_the_withdrawal_question_is_for_it_only_right_after_it():
    asked = [user("annulez ma demande", "stop"), ActionExecuted("action_consignes_contact"),
             SlotSet("contact", {"awaiting_withdrawal": True}), ActionExecuted("action_listen")]
    assert next_contact_action(tracker(asked + [user("oui", "affirm")])) == "action_consignes_contact"
    later = asked + [user("menu", "menu"), ActionExecuted("utter_menu"), ActionExecuted("action_listen")]
    assert next_contact_action(tracker(later + [user("oui", "affirm")])) is None


OPENED = [user("il m'a frappée", "crise_violence", 1.0, "certain", "violence"),
          ActionExecuted("action_crise"),
          SlotSet("crisis", {"open": True, "tier": "certain", "kind": "violence"}),
          ActionExecuted("action_listen")]


def test_inside_the_crisis_dialogue_instructions_are_its_own_but_a_withdrawal():
    said = OPENED + [user("il regarde mon téléphone, pas après 19h", "track_numerique", 0.5)]
    assert next_contact_action(tracker(said)) is None
    assert next_crisis_action(tracker(said)) == "action_crise"
    withdrawn = OPENED + [user("annulez ma demande", "stop", 0.9)]
    assert next_contact_action(tracker(withdrawn)) == "action_consignes_contact"


def test_the_crisis_dialogue_goes_on_after_a_withdrawal_question():
    asked = OPENED + [user("annulez ma demande", "stop", 0.9),
                      ActionExecuted("action_consignes_contact"),
                      SlotSet("contact", {"awaiting_withdrawal": True}), ActionExecuted("action_listen")]
    assert next_contact_action(tracker(asked + [user("non", "deny")])) == "action_consignes_contact"
    answered = asked + [user("non", "deny"), ActionExecuted("action_consignes_contact"),
                        ActionExecuted("action_listen")]
    assert next_crisis_action(tracker(answered + [user("ok", "affirm")])) == "action_crise"


WITH_A_CASE = [user("il m'a frappée", "crise_violence", 1.0, "certain", "violence"),
               ActionExecuted("action_crise"),
               SlotSet("crisis", {"open": True, "tier": "certain", "kind": "violence", "case": 1}),
               ActionExecuted("action_listen")]


def test_a_withdrawal_a_model_only_finds_worrying_is_asked_about():
    # Persona round 104: « vous pouvez annuler ? » inside the violence dialogue went unheard.
    said = WITH_A_CASE + [user("si quelqu'un m'écrit ce soir ça va être pire. vous pouvez annuler ?",
                               "stop", 0.6, "question", "violence")]
    assert next_contact_action(tracker(said)) == "action_consignes_contact"
    certain = WITH_A_CASE + [user("annulez tout il arrive il va me tuer", "crise_violence", 1.0, "certain", "violence")]
    assert next_contact_action(tracker(certain)) is None


def test_a_typed_yes_to_the_withdrawal_question_is_heard_beside_a_worrying_word():
    asked = WITH_A_CASE + [user("annulez ma demande", "stop", 0.9), ActionExecuted("action_consignes_contact"),
                           SlotSet("contact", {"awaiting_withdrawal": True}), ActionExecuted("action_listen")]
    yes = user("oui annulez svp. je préfère appeler moi même quand je serai seule", "affirm", 0.5, "question", "suicide")
    assert next_contact_action(tracker(asked + [yes])) == "action_consignes_contact"


def test_a_withdrawal_beside_a_crisis_word_stays_the_crisis_dialogue_s():
    said = WITH_A_CASE + [user("annulez tout, je suis un poids pour tout le monde", "stop", 0.6, "question", "suicide")]
    assert next_contact_action(tracker(said)) is None
