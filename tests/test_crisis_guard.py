"""The CrisisGuard overrules a crisis the model alone sees in a harmless message: its next
guess takes over only when it is understood; otherwise the message is not understood (a
refusal read at 0.25 as a request for a person opened a case, issue #12)."""

import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.crisis_guard import FALLBACK_THRESHOLD, LOW_MOOD_INTENT, CrisisGuard
from relais.domain_files import load_domain_dict
from tests.support.paths import ROOT


def guarded(text, ranking, intent=None):
    message = Message(data={TEXT: text})
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": c} for name, c in ranking])
    first = intent or ranking[0][0]
    message.set(INTENT, {"name": first, "confidence": dict(ranking).get(first, FALLBACK_THRESHOLD)})
    CrisisGuard().process([message])
    return message.get(INTENT)["name"]


def test_an_unsure_next_guess_is_not_understood():
    ranking = [("crise_suicide", 0.32), ("demander_humain", 0.25), ("deny", 0.2)]
    assert guarded("non merci pas besoin de personne", ranking, intent="nlu_fallback") == "nlu_fallback"
    ranking = [("crise_violence", 0.53), ("demander_humain", 0.05)]
    assert guarded("j'ose pas en parler à ma cheffe", ranking) == "nlu_fallback"


def test_a_sure_next_guess_takes_over():
    ranking = [("crise_suicide", 0.3), ("track_permaculture", 0.6)]
    assert guarded("mes tomates sont mortes de soif", ranking) == "track_permaculture"


def test_a_crisis_stays_a_crisis():
    assert guarded("je veux mourir", [("greet", 0.9)]) == "crise"


def test_the_threshold_is_the_fallback_classifiers():
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert fallback["threshold"] == FALLBACK_THRESHOLD


def crisis_of(text, ranking):
    message = Message(data={TEXT: text})
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": c} for name, c in ranking])
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    CrisisGuard().process([message])
    return message.get("crisis")


def test_a_child_in_danger_needs_a_child_in_the_message():
    crisis = crisis_of("la chaleur m'épuise, mon père de 85 ans est tout confus et brûlant",
                       [("crise_child", 0.55), ("crise_medical", 0.4), ("greet", 0.05)])
    assert (crisis["tier"], crisis["kind"]) == ("certain", "medical")
    crisis = crisis_of("ma fille de 3 ans est toute seule depuis ce matin",
                       [("crise_child", 0.55), ("crise_medical", 0.4)])
    assert crisis["kind"] == "child"


def test_the_model_sure_of_a_medical_emergency_about_a_person_needs_no_word_of_danger():
    # "ne boit plus", "ne répond presque plus": no word of RISK_WORDS, a person all the same.
    crisis = crisis_of("avec la canicule ma grand-mère ne boit plus et ne répond presque plus",
                       [("crise_medical", 0.97), ("greet", 0.03)])
    assert (crisis["tier"], crisis["kind"]) == ("certain", "medical")


class _Reads:
    """A stand-in crisis classifier that reads every message the same."""

    def __init__(self, probability, kind):
        from relais.crisis_classifier import CrisisReading
        self._reading = CrisisReading(probability, kind)

    def read(self, text):
        return self._reading


def _guard_with(classifier, text, ranking, intent=None):
    message = Message(data={TEXT: text})
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": c} for name, c in ranking])
    first = intent or ranking[0][0]
    message.set(INTENT, {"name": first, "confidence": dict(ranking).get(first, FALLBACK_THRESHOLD)})
    CrisisGuard(classifier).process([message])
    return message.get("crisis")


def test_low_mood_diet_is_sure_of_reaches_the_triage_past_the_fallback():
    text = "je me sens seule le soir depuis que mon mari est parti, j'ai le cafard"
    lukewarm = _Reads(0.7, "self_harm")
    assert _guard_with(lukewarm, text, [(LOW_MOOD_INTENT, 0.97), ("greet", 0.01)])["tier"] is None
    # The fallback classifier first in the ranking does not hide DIET's low mood.
    ranking = [("nlu_fallback", 0.45), (LOW_MOOD_INTENT, 0.95), ("greet", 0.01)]
    assert _guard_with(lukewarm, text, ranking)["tier"] is None
    # Unsure of low mood, DIET leaves the classifier its signal.
    assert _guard_with(lukewarm, text, [(LOW_MOOD_INTENT, 0.6), ("greet", 0.3)])["tier"] == "question"


def test_the_low_mood_intent_is_the_domains():
    assert LOW_MOOD_INTENT in load_domain_dict()["intents"]
