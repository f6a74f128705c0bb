"""What action_doleance remembers of the citizen's earlier messages: what a « publiez » or a
« oui, faites remonter » is about, never their answer to the crisis dialogue's safety question
(a persona round recorded « non pas en danger, c'est juste le trottoir » as the doléance)."""

from actions.grievances import _read_fields, _said_before
from tests.support.action_trackers import make_tracker

PAVEMENT = "le trottoir de la rue des Lilas s'effondre, c'est dangereux pour les enfants qui passent"
SAFETY_ANSWER = "non non personne n'est en danger, je voulais juste le signaler"


def _user(text: str) -> dict:
    return {"event": "user", "text": text}


def _action(name: str) -> list[dict]:
    return [{"event": "action", "name": name}, {"event": "action", "name": "action_listen"}]


def test_the_answer_to_the_safety_question_is_not_what_goes_wrong():
    events = [_user(PAVEMENT), *_action("action_crise"), _user(SAFETY_ANSWER),
              *_action("action_reprise"), _user("oui faites remonter")]
    tracker = make_tracker(intent="doleance", text="oui faites remonter", events=events)
    assert _said_before(tracker) == PAVEMENT


def test_the_latest_message_with_substance_is_remembered():
    events = [_user(PAVEMENT), *_action("utter_ask_transmit"),
              _user("et en plus l'éclairage public ne marche plus depuis trois semaines"),
              *_action("action_listen"), _user("publiez")]
    tracker = make_tracker(intent="doleance", text="publiez", events=events)
    assert _said_before(tracker) == "et en plus l'éclairage public ne marche plus depuis trois semaines"


def test_the_current_message_is_never_its_own_earlier_text():
    events = [_user(PAVEMENT), *_action("action_crise"), _user("publiez")]
    tracker = make_tracker(intent="doleance", text="publiez", events=events)
    assert _said_before(tracker) == PAVEMENT


def test_a_no_to_the_offer_with_a_question_beside_it_hands_the_question_on(dispatcher, domain):
    # Persona round 102: « NON. jveux juste savoir si l'eau du Lidl c bon pour un bébé » got
    # « je ne transmets rien », and the question was lost twice.
    from rasa_sdk.events import FollowupAction

    from actions.grievances import ActionDoleance
    offer = {"step": "transmit", "kind": "doleance", "text": "plus d'eau dans la cité"}
    text = "NON. jveux juste savoir si leau du lidl c bon pour un bebe de 6 mois ou si il lui faut une eau speciale"
    events = ActionDoleance().run(dispatcher, make_tracker("deny", text, slots={"doleance": offer}), domain)
    assert FollowupAction("action_fallback") in events
    dispatcher.messages.clear()
    events = ActionDoleance().run(dispatcher, make_tracker("deny", "non merci", slots={"doleance": offer}), domain)
    assert FollowupAction("action_fallback") not in events


def test_a_commune_said_with_its_postal_code_replaces_one_read_in_passing():
    # Persona round 106: « Roubaix 59100 » after Tourcoing was read earlier: filed at Tourcoing.
    draft = {"commune": "Tourcoing"}
    _read_fields(draft, "c'est à Roubaix 59100, quartier de l'Épeule")
    assert (draft["commune"], draft["postal_code"]) == ("Roubaix", "59100")


def test_a_postal_code_alone_completes_the_commune_already_named():
    draft = {"commune": "Lamothe"}
    _read_fields(draft, "c'est le 43100")
    assert (draft["commune"], draft["postal_code"]) == ("Lamothe", "43100")
