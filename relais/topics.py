"""Which sub-topic of which track a citizen's message is about.

A small linear model over character and word n-grams, fitted on the example messages of the
track files (relais/track_content.py) the first time it is needed in a process: a few seconds,
so a content designer's change needs a restart, not a Rasa retrain. Rasa's DIET keeps routing
the track; this reads the finer sub-topic inside it, and gives a second opinion on the track.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from relais.acute import is_acute
from relais.form_answers import is_question
from relais.mood import speaks_of_feelings
from relais.text import normalise
from relais.track_content import Topic, all_topics

# Below this probability the best topic is not trusted on its own (a topic of ~180).
TOPIC_THRESHOLD = 0.35
# A question is answered from the closest topic of its track at a lower share: a near answer
# with « Parler à une personne » beside it serves better than a questionnaire.
QUESTION_THRESHOLD = 0.2
QUESTION_MIN_PROBABILITY = 0.05
# Whatever its share inside a track, a topic below this probability is noise (« bon ben voilà »
# spreads thinly over every topic and may still lean to one).
MIN_TOPIC_PROBABILITY = 0.1
# A message Rasa could not place is answered from a topic only above this...
FALLBACK_TOPIC_THRESHOLD = 0.5
# ...unless it is long: « pas compris » to a real need told in eight words or more (« une dame
# de 82 ans… plus de provisions ») serves worse than the closest topic, with a person offered
# beside it. An urgence (the acute lexicon) with a topic of first steps: lower still.
LONG_MESSAGE_WORDS = 8
LONG_FALLBACK_THRESHOLD = 0.42
ACUTE_FALLBACK_THRESHOLD = 0.3
# A long question (« il existe des cours pour les vieux comme moi ? ») asks for an answer: the
# closest topic at this probability, with « Parler à une personne » beside it, serves better than
# « hors sujet ». Short questions (« tu peux m'aider ? ») and opinions (« vous pensez quoi de la
# réforme ? ») stay below it.
LONG_QUESTION_THRESHOLD = 0.25
# A how-to question DIET read as low mood (« comment mettre un mot de passe solide ? ») is
# answered when its topic is this sure and it says nothing of how the citizen feels.
PRACTICAL_QUESTION_THRESHOLD = 0.5


@dataclass(frozen=True)
class TopicMatch:
    topic: Topic
    score: float


class TopicIndex:
    """Fitted once from the examples; `rank` gives topics with their probability."""

    def __init__(self, topics: Sequence[Topic]):
        # Imported here: scikit-learn is slow to import and only the action server needs it.
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import LinearSVC

        self.topics = [t for t in topics if t.examples]
        self.word_topics = [t for t in topics if t.when]
        texts = [normalise(e) for t in self.topics for e in t.examples]
        labels = [i for i, t in enumerate(self.topics) for _ in t.examples]
        self._model = None
        if len(set(labels)) < 2:
            return
        # Character n-grams read typos and SMS spellings; word pairs read the phrasing. A linear
        # SVM fits ~5,000 examples in about a second (a logistic regression took a minute);
        # calibration turns its scores into probabilities the thresholds above can use.
        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        )
        classifier = CalibratedClassifierCV(LinearSVC(C=0.3), cv=3, method="sigmoid")
        self._model = make_pipeline(features, classifier)
        self._model.fit(texts, labels)

    def rank(self, text: str, track: str | None = None) -> list[TopicMatch]:
        """Topics by probability, best first; within one track when `track` is given."""
        if not (text or "").strip():
            return []
        words = without_denied_problems(normalise(text))
        said = [TopicMatch(t, 1.0) for t in self.word_topics if (not track or t.track == track)
                and _said_in(t, words) and not _ruled_out(t, words)]
        if said:
            # Words the content designer chose are surer than the model: they alone answer.
            return [TopicMatch(m.topic, 1.0 / len(said)) for m in said]
        if self._model is None:
            return []
        probabilities = self._model.predict_proba([words])[0]
        classes = self._model.classes_
        matches = [TopicMatch(self.topics[c], float(p)) for c, p in zip(classes, probabilities)
                   if not _ruled_out(self.topics[c], words)]
        if track:
            matches = [m for m in matches if m.topic.track == track]
        return sorted(matches, key=lambda m: m.score, reverse=True)


# A problem the citizen says they do not have (« j'ai pas de retard de loyer, pas encore »,
# « y a pas de coupure ») is no topic; a thing they lack (« j'ai pas de bouffe ») stays one.
_DENIED_PROBLEM = re.compile(
    r"\b(je n'ai|j'ai|jai|on n'a|on a|nous n'avons|y a|il y a|il n'y a|c'est|ce n'est) (pas|plus|aucun|aucune|jamais) (de |d'|du |un |une )?"
    r"(retard|retards|dette|dettes|coupure|coupures|panne|fuite|impaye|impayes|probleme|souci|sinistre|degat|degats|arnaque|expulsion)"
    r"( (de|du|d'|des) \w+)?( (pas|non plus) encore| pour l'instant| pour le moment)?\b(?! que\b)")


# An option the citizen rules out (« je veux pas changer de métier ni créer une entreprise »,
# persona round 97: a retraining guide).
_UNWANTED = re.compile(
    r"\bje (ne )?(veux|souhaite|compte) (pas|surtout pas|absolument pas) (\w+ ){0,2}?"
    r"((changer de metier|me reconvertir|de reconversion|une reconversion|creer (une|mon) (entreprise|boite)|demenager|demissionner|"
    r"une formation|me former|vendre (ma|la) (voiture|maison))( (ni|et|ou) (changer de metier|me reconvertir|creer (une|mon) (entreprise|boite)|"
    r"demenager|demissionner|une formation|me former))*)\b")


def without_denied_problems(words: str) -> str:
    """Normalised words without the problems they deny and the options they rule out."""
    return _UNWANTED.sub(" ", _DENIED_PROBLEM.sub(" ", words))


def _said_in(topic: Topic, words: str) -> bool:
    """One word of every group of the topic's `when` is in the message, as whole words."""
    return all(any(re.search(rf"\b{re.escape(w)}\b", words) for w in group) for group in topic.when)


def _ruled_out(topic: Topic, words: str) -> bool:
    """A word of the topic's `not_with` is in the message, or none of its `only_with`, as whole
    words."""
    def said(word: str) -> bool:
        return bool(re.search(rf"\b{re.escape(word)}\b", words))
    return any(said(w) for w in topic.not_with) or bool(topic.only_with) and not any(said(w) for w in topic.only_with)


@lru_cache(maxsize=1)
def topic_index() -> TopicIndex:
    return TopicIndex(all_topics())


def best_topic(text: str, track: str | None = None, threshold: float = TOPIC_THRESHOLD,
               minimum: float = MIN_TOPIC_PROBABILITY) -> TopicMatch | None:
    """The sub-topic the message is about, when the model is confident enough."""
    ranked = topic_index().rank(text, track)
    if not ranked:
        return None
    if track:
        # Within the track DIET chose, the share of the track's mass is what counts.
        total = sum(m.score for m in ranked) or 1.0
        best = ranked[0]
        share = best.score / total
        return TopicMatch(best.topic, share) if share >= threshold and best.score >= minimum else None
    return ranked[0] if ranked[0].score >= threshold else None


def said_topic(text: str) -> TopicMatch | None:
    """The one topic, of any track, read from its words (`when`): the content designer's words
    are surer than the track DIET hears (persona round 106: a dairy farmer in debt was heard as
    food, and got the baby-milk answer). None when none, or several, are said."""
    words = without_denied_problems(normalise(text or ""))
    said = [t for t in word_topics() if _said_in(t, words) and not _ruled_out(t, words)]
    return TopicMatch(said[0], 1.0) if len(said) == 1 else None


@lru_cache(maxsize=1)
def word_topics() -> tuple[Topic, ...]:
    """The topics read from their words, without the sub-topic model: the Rasa server's crisis
    policy reads them too (relais/crisis_dialogue.py), and fits no model."""
    return tuple(t for t in all_topics() if t.when)


def tracks_by_topic_mass(text: str) -> list[tuple[str, float]]:
    """The tracks the message's sub-topics belong to, with the probability mass of each, most
    likely first: a reading of a short remainder of a message that DIET did not rank alone."""
    mass: dict[str, float] = {}
    for match in topic_index().rank(text):
        mass[match.topic.track] = mass.get(match.topic.track, 0.0) + match.score
    return sorted(mass.items(), key=lambda item: item[1], reverse=True)


def question_topic(text: str, track: str) -> TopicMatch | None:
    """The closest topic of the track for a question (lower thresholds than best_topic)."""
    return best_topic(text, track, QUESTION_THRESHOLD, QUESTION_MIN_PROBABILITY)


# A long question in no track's words for DIET (« comment je fais pour manger ? » inside the work
# questionnaire, persona round 92: « finissons ces quelques questions ») is answered from the
# track most of its sub-topics' mass is in, when that track holds this much of it (« cette facture
# d'électricité va me tuer… une aide ? » read as budget: energy's 0.38, persona round 94).
ANYWHERE_MASS = 0.3
ANYWHERE_WORDS = 8


def question_topic_anywhere(text: str) -> TopicMatch | None:
    """The closest topic of the track the question's sub-topics point to, for a long question."""
    if len(normalise(text or "").split()) < ANYWHERE_WORDS:
        return None
    ranked = tracks_by_topic_mass(text)
    if not ranked or ranked[0][1] < ANYWHERE_MASS:
        return None
    return question_topic(text, ranked[0][0])


def fallback_topic(text: str) -> TopicMatch | None:
    """The topic of a message DIET could not place, if the sub-topic model is sure enough for
    its length; a long question, or an urgence with a topic of first steps, at a lower share."""
    long_message = len(normalise(text or "").split()) >= LONG_MESSAGE_WORDS
    threshold = LONG_FALLBACK_THRESHOLD if long_message else FALLBACK_TOPIC_THRESHOLD
    if long_message and ("?" in (text or "") or is_question(text or "")):
        threshold = LONG_QUESTION_THRESHOLD
    match = best_topic(text, threshold=threshold)
    if match is None and is_acute(text):
        acute = best_topic(text, threshold=ACUTE_FALLBACK_THRESHOLD)
        match = acute if acute is not None and acute.topic.kind == "acute" else None
    return match


def practical_question_topic(text: str) -> TopicMatch | None:
    """The topic of a how-to question that says nothing of feelings, when the sub-topic model is
    sure of it; None otherwise (low mood is heard as such)."""
    if not is_question(text or "") or speaks_of_feelings(text):
        return None
    return best_topic(text, threshold=PRACTICAL_QUESTION_THRESHOLD)


# Two needs in one long message (each track holding this much of the sub-topics'
# mass, the second this many times the third's: two needs, not a message spread thin).
TWO_NEEDS_WORDS = 20
TWO_NEEDS_MASS = 0.15
TWO_NEEDS_LEAD = 1.2


def two_needs(text: str) -> tuple[str, str] | None:
    """The two tracks a long message speaks of, most likely first; None when it is not two."""
    if len(text.split()) < TWO_NEEDS_WORDS:
        return None
    ranked = tracks_by_topic_mass(text)
    third = ranked[2][1] if len(ranked) > 2 else 0.0
    if len(ranked) < 2 or ranked[1][1] < TWO_NEEDS_MASS or ranked[1][1] < TWO_NEEDS_LEAD * third:
        return None
    return ranked[0][0], ranked[1][0]


# Other questions of one message (« … et le CFA, il peut faire quelque chose ? ») are offered as
# buttons beside the answer to the main one (persona rounds 95-96: three questions in one message
# got one answer). Each question is read alone; only a topic this likely is offered, or one
# likely enough and this many times likelier than the next (« il y a des aides ? » alone leans
# to no topic).
OTHER_QUESTION_SURE = 0.45
OTHER_QUESTION_THRESHOLD = 0.3
OTHER_QUESTION_LEAD = 2.5
OTHER_QUESTION_MIN_WORDS = 4
OTHER_QUESTIONS_MAX = 2
_SENTENCE_END = re.compile(r"(?<=[?!.])\s+|\n+")


# A question that names no subject of its own but refers back to the message (« Faut-il
# déclarer quelque chose ? », « est-ce qu'on doit les enfermer ? » after hens; persona round 97
# got « Et : Sinistre : délai assurance »).
_REFERS_BACK = re.compile(
    r"\b(quelque chose|qqch|qqc|quoi que ce soit)\W*$"
    r"|^((et|mais|alors|donc) )?(faut il|il faut|est ce qu'on doit|est ce que je dois|est ce qu'il faut|on doit|doit on|"
    r"peut on|on peut|je peux|je dois|dois je|puis je) (les|le|la|l'|y|en|lui|leur)\b"
    # « Il doit s'adapter ou pas ? » about the employer just named (persona round 100: « Et :
    # Adapter le logement (âge) »).
    r"|^((et|mais|alors|donc) )?(il|elle|ils|elles|ca|cela) (\w+ )?(doit|doivent|peut|peuvent|a le droit|ont le droit|est oblige\w*|sont oblige\w*)\b")


def _question_sentences(text: str) -> list[str]:
    sentences = [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]
    return [s for s in sentences
            if len(s.split()) >= OTHER_QUESTION_MIN_WORDS and ("?" in s or is_question(s))
            and not _REFERS_BACK.search(normalise(s))]


def _sure_alone(ranked: Sequence[TopicMatch]) -> TopicMatch | None:
    if not ranked or ranked[0].score < OTHER_QUESTION_THRESHOLD:
        return None
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    sure = ranked[0].score >= OTHER_QUESTION_SURE or ranked[0].score >= OTHER_QUESTION_LEAD * runner_up
    return ranked[0] if sure else None


def other_questions(text: str, answered: Topic) -> list[Topic]:
    """The topics of the message's other questions, besides the one answered; none when the
    message asks one thing."""
    if len([s for s in _SENTENCE_END.split(text or "") if s.strip()]) < 2:
        return []
    found: list[Topic] = []
    for sentence in _question_sentences(text):
        match = _sure_alone(topic_index().rank(sentence))
        if match is None:
            continue
        if match.topic.key != answered.key and all(match.topic.key != t.key for t in found):
            found.append(match.topic)
    return found[:OTHER_QUESTIONS_MAX]
