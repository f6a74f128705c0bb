"""The CrisisPolicy: a triaged message goes to action_crise, then action_listen; an open crisis
dialogue keeps the floor until the citizen confidently moves on."""

from rasa.shared.core.events import ActionExecuted, SlotSet

from rasa_components.crisis_policy import next_crisis_action
from tests.support.policy_trackers import tracker, user


def test_a_triaged_message_goes_to_the_crisis_action_then_listen():
    events = [user("je veux mourir", "crise", 1.0, "certain", "suicide")]
    assert next_crisis_action(tracker(events)) == "action_crise"
    events += [ActionExecuted("action_crise")]
    assert next_crisis_action(tracker(events)) == "action_listen"


def test_a_calm_message_is_left_to_the_other_policies():
    assert next_crisis_action(tracker([user("bonjour", "greet")])) is None


def test_an_open_dialogue_keeps_every_message_but_a_confident_change_of_topic():
    opened = [user("je veux mourir", "crise", 1.0, "certain", "suicide"), ActionExecuted("action_crise"),
              SlotSet("crisis", {"open": True, "tier": "certain", "kind": "suicide"}),
              ActionExecuted("action_listen")]
    assert next_crisis_action(tracker(opened + [user("ok", "affirm")])) == "action_crise"
    assert next_crisis_action(tracker(opened + [user("et pour mon potager ?", "track_permaculture", 0.97)])) is None


def test_a_closed_dialogue_no_longer_keeps_messages():
    closed = [user("je veux mourir", "crise", 1.0, "certain", "suicide"), ActionExecuted("action_crise"),
              SlotSet("crisis", {"open": False, "tier": None, "kind": "suicide"}),
              ActionExecuted("action_listen")]
    assert next_crisis_action(tracker(closed + [user("ok", "affirm")])) is None


def test_after_another_answer_the_dialogue_is_left():
    moved_on = [user("je veux mourir", "crise", 1.0, "certain", "suicide"), ActionExecuted("action_crise"),
                SlotSet("crisis", {"open": True, "tier": "certain", "kind": "suicide"}),
                ActionExecuted("action_listen"), user("menu", "menu"), ActionExecuted("utter_menu"),
                ActionExecuted("action_listen")]
    assert next_crisis_action(tracker(moved_on + [user("ok", "affirm")])) is None


def test_after_a_practical_aside_answered_by_a_track_the_dialogue_goes_on():
    aside = [user("il m'a poussée contre le mur", "crise", 1.0, "certain", "violence"), ActionExecuted("action_crise"),
             SlotSet("crisis", {"open": True, "tier": "certain", "kind": "violence"}),
             ActionExecuted("action_listen"),
             user("je demande juste pour le chauffage d'appoint, on a froid", "track_energie", 0.97),
             ActionExecuted("action_select_track"),
             SlotSet("crisis", {"open": True, "tier": "certain", "kind": "violence", "aside": True}),
             ActionExecuted("action_listen")]
    assert next_crisis_action(tracker(aside[:5])) is None  # the aside itself goes to the track
    assert next_crisis_action(tracker(aside + [user("il revient ce soir, j'ai peur", "out_of_scope", 0.6)])) == "action_crise"


def test_signs_of_poisoning_after_a_heater_told_before_take_the_floor():
    earlier = [user("le chauffage a petrole je peux l'allumer dans la cuisine ?", "track_energie", 0.9),
               ActionExecuted("action_select_track"), ActionExecuted("action_listen")]
    signs = user("j'ai mal au coeur et la tete qui tourne, je vais m'allonger", "track_energie", 0.6)
    assert next_crisis_action(tracker(earlier + [signs])) == "action_crise"
    assert next_crisis_action(tracker([signs])) is None
