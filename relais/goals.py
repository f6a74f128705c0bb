"""What a citizen's answer to « un petit objectif pour les jours qui viennent ? » says.

Relais offers the goal and asks it in one question, so the answer may be the goal itself
(« oui, éteindre l'ordi à 19 h trois soirs »), a bare yes (then: which one?), a question asked
instead (answered; the goal can wait), or how the citizen feels (heard, not kept as a goal).
The words of the goal are kept as written, a leading « oui, » aside.
"""

import re
from dataclasses import dataclass

from relais.coaching import clean_answer
from relais.form_answers import is_question
from relais.step_outcome import reports_struggle
from relais.text import normalise
from relais.yes_no import says_yes

GOAL = "goal"
YES_ONLY = "yes_only"
QUESTION = "question"
FEELINGS = "feelings"
NO_GOAL = "no_goal"
GOAL_AND_QUESTION = "goal_and_question"

# « Oui », « ok », « d'accord » opening the goal, with what follows them (« oui : marcher »).
_LEADING_YES = re.compile(
    r"^\s*(oui|ouais|ok|okay|d'accord|d'acc|dac|volontiers|allez|bien sûr|bien sur|carrément|"
    r"carrement|yes|pourquoi pas|entendu|très bien|tres bien|parfait|super|ça marche|ca marche)\b[\s,.!:;–—-]*",
    re.IGNORECASE,
)
# What a yes may carry without being a goal (« oui merci », « ok pourquoi pas »).
_YES_WORDS = re.compile(
    r"^((oui|ouais|ok|okay|d'accord|d'acc|dac|volontiers|allez|bien sur|carrement|yes|pourquoi pas|"
    r"merci|svp|s'il vous plait|je veux bien|avec plaisir|bonne idee|go|allons y|vas y|allez y)\W*)+$"
)

# « Pas pour l'instant », « plus tard », « non merci » typed instead of the button.
_NO_GOAL = re.compile(
    r"^(non|nan|bof|pas (maintenant|pour l'instant|pour le moment|aujourd'hui|tout de suite|besoin|envie|la)|"
    r"plus tard|une autre fois|ca ira|pas d'objectif|aucun|rien pour l'instant|je (ne )?sais pas)\b")


# A complaint about Relais, typed where a goal is asked.
# A death told: never kept as a goal.
_DEATH_TOLD = re.compile(r"\b(pendue?|suicid\w*|s'est tuee?|mort|morte|deces|decedee?|enterrement|mis fin a ses jours|s'est donne la mort)\b")
_COMPLAINT = re.compile(
    r"\b(vous (ne )?m'ecoutez (pas|plus|jamais)|tu (ne )?m'ecoutes (pas|jamais)|vous (ne )?comprenez rien|tu captes rien"
    r"|vous (ne )?repondez pas|c'est pas un objectif|ce n'est pas un objectif|n'importe quoi|ca sert a rien|enlevez ca|"
    r"retirez ca|encore le |encore la |encore les )")


@dataclass(frozen=True)
class GoalReading:
    kind: str
    goal: str | None = None
    question: str | None = None  # GOAL_AND_QUESTION: the question asked after the goal


# A first sentence that starts with a verb in the infinitive, the way goals are written
# (« comparer mon offre cette semaine », « faire la simulation des aides »).
_INFINITIVE_START = re.compile(
    # Not words that only end like one (« Encore le télétravail… vous m'écoutez pas », persona
    # round 102: kept as a goal).
    r"^(?!(encore|entre|contre|comme|notre|votre|autre|leur|pour|hier|premier|premiere|dernier|derniere|soir|noir|espoir"
    r"|mere|pere|frere|super|sur|ouvrier|quartier|janvier|fevrier|trop|cher|chere|lire)\b)"
    r"(\w+(er|ir|re|oir)|aller|faire|voir|prendre|mettre|appeler|essayer)\b")
_SENTENCE_END = re.compile(r"(?<=[.!;\n])\s+")


def _goal_then_question(raw: str) -> tuple[str | None, str | None]:
    """A goal written first, then a question in another sentence; (None, None) otherwise."""
    sentences = [part.strip() for part in _SENTENCE_END.split(raw) if part.strip()]
    if len(sentences) < 2 or is_question(sentences[0]):
        return None, None
    first = _LEADING_YES.sub("", sentences[0], count=1).strip(" .!;")
    words = normalise(first).split()
    if len(words) < 3 or not _INFINITIVE_START.match(words[0]) or reports_struggle(first):
        return None, None
    return first, " ".join(sentences[1:])


# After a no, what turns to another question: « autre question », « sinon », « par contre ».
_TURN_TO_QUESTION = re.compile(r"(?i)\b(autre question|une question|j'ai une question|sinon|par contre|au fait|en revanche)\b\s*[:,.!…-]*\s*")


def _question_after_a_no(raw: str) -> str | None:
    """The question asked after declining the goal (« non merci. sinon, pour le loyer ? »)."""
    words = normalise(raw)
    if not (_NO_GOAL.match(words) or _COMPLAINT.search(words)):
        return None
    turn = _TURN_TO_QUESTION.search(raw)
    rest = raw[turn.end():].strip() if turn else None
    # Only a question (review: « non par contre je voudrais économiser 50 € par mois » is a goal,
    # « nan. sinon c bon » nothing).
    asked_as_such = turn is not None and "question" in turn.group(1).lower()
    if rest and len(normalise(rest).split()) >= 2 and (asked_as_such or is_question(rest) or "?" in rest):
        return rest
    if "?" in raw:
        sentences = [part.strip() for part in re.split(r"(?<=[.!…;])\s+", raw) if part.strip()]
        asked = [part for part in sentences[1:] if "?" in part]
        return " ".join(asked) or None
    return None


def read_goal(text: str | None) -> GoalReading:
    """The kind of answer, and the goal as it will be kept when it is one."""
    raw = " ".join((text or "").split())
    words = normalise(raw).strip()
    if not words or _YES_WORDS.match(words) or says_yes(raw) and len(words.split()) <= 2:
        return GoalReading(YES_ONLY)
    asked = _question_after_a_no(raw)
    if asked:
        # « bof ça sert à rien… autre question : le chèque énergie ? » (persona round 106: the
        # question was lost behind « pas maintenant »): no goal, the question answered.
        return GoalReading(QUESTION, question=asked)
    if _NO_GOAL.match(words):
        return GoalReading(NO_GOAL)
    if is_question(raw) or "?" in raw:
        # A question mark anywhere: « Et la prochaine fois, comment je les reconnais ? Ils
        # avaient le vrai numéro » is a question, not a goal (persona round 91).
        goal, question = _goal_then_question(raw)
        if goal:
            # « Faire la simulation des aides ce week-end. Et pour la pension, il y a une aide ? »
            # (persona round 90: the question was answered, the goal lost).
            return GoalReading(GOAL_AND_QUESTION, clean_answer(goal), question)
        return GoalReading(QUESTION)
    if _DEATH_TOLD.search(words):
        # « Le voisin s'est pendu, même histoire que moi » (persona round 106: kept as « très
        # bon objectif »): heard, never a goal.
        return GoalReading(FEELINGS)
    if _COMPLAINT.search(words):
        # « C'est pas un objectif ça !! », « vous m'écoutez pas »: about Relais, no goal.
        return GoalReading(NO_GOAL)
    # Only how the citizen is, not a goal about it (« moins stresser le soir » is a goal).
    if reports_struggle(raw) or words.startswith("je me sens"):
        return GoalReading(FEELINGS)
    goal = _LEADING_YES.sub("", raw, count=1).strip() or raw
    return GoalReading(GOAL, clean_answer(goal))


# A goal stated outside the offer: « mon objectif : acheter 2 bacs ce week-end », « mon objectif
# cette semaine, aller aux Restos du cœur mercredi » (persona round 15: three were answered with a
# sub-topic or a list of actions).
_VERB = r"(c'est de |c'est d'|c'est |c est de |c est d'|c est |c'|c |ce sera de |ce sera d'|ce sera |sera de |sera d'|sera |est de |est d'|serait de |serait d')"
_STATED = re.compile(
    r"(^|[.!;]\s+)(et\s+|alors\s+|ok\s+|bon\s+)?((mon|notre)\s+)?(petit\s+|nouvel\s+|prochain\s+)?objectif"
    r"(\s+(pour\s+)?(cette semaine|ce week-end|ce week end|ce weekend|ce mois-ci|ce mois|demain|aujourd'hui|"
    r"pour les jours qui viennent|des prochains jours))?"
    rf"(\s*[:,=–—-]\s*{_VERB}?|\s+{_VERB})\s*(?P<goal>[^.!?;\n]+)(?P<end>[.!?;\n]|$)",
    re.IGNORECASE,
)
# Fewer words than this is no goal (« mon objectif : ? »).
MIN_GOAL_WORDS = 2


# « Tu peux noter ça comme objectif ? appeler la mairie demain » (persona round 91).
_NOTE_AS_GOAL = re.compile(
    r"\b(note[rz]?|garde[rz]?|enregistre[rz]?|mets|mettez|mettre)[\s-]+(moi[\s,]+|le[\s,]+|la[\s,]+)?(ca |ça |cela |ceci )?(comme|en) (mon |un )?objectif\W+(?P<goal>[^?]+?)\W*$",
    re.IGNORECASE)


def stated_goal(text: str | None) -> str | None:
    """The goal a citizen states in their own words outside the offer, as written; None when
    the message states none (or asks about one: « mon objectif est enregistré ? »)."""
    noted = _NOTE_AS_GOAL.search(text or "")
    if noted:
        goal = clean_answer(noted.group("goal").strip(" .!"))
        return goal if goal and len(goal.split()) >= MIN_GOAL_WORDS else None
    match = _STATED.search(text or "")
    # The goal's own sentence, not a question asked after it (« mon objectif : 2 bacs samedi.
    # vous pouvez me relancer chaque semaine ? », persona round 110: the goal was lost).
    if not match or match.group("end") == "?" or is_question(match.group(0)):
        return None
    goal = clean_answer(match.group("goal").strip(" .!"))
    return goal if goal and len(goal.split()) >= MIN_GOAL_WORDS else None


# « Vous avez gardé mon objectif ? », « mon objectif est noté ? » (persona round 90: answered
# with fixed and indexed electricity prices).
_ASKS_ABOUT_GOAL = re.compile(
    r"\b(mon|mes|notre|nos) (petits? )?objectifs?\b.{0,40}\b(garde|gardes|gardee|note|notes|notee|enregistre\w*|retenu\w*|"
    r"sauvegarde\w*|memorise\w*|toujours la|ou en est|c'etait quoi|c'est quoi)\b"
    r"|\b(garde|note|enregistre|retenu|sauvegarde|memorise)\b.{0,20}\b(mon|mes|notre|nos) (petits? )?objectifs?\b"
    r"|\b(c'etait|c'est|c etait|c est) quoi (deja )?(mon|mes|notre|nos) (petits? )?objectifs?\b")


def asks_about_goal(text: str | None) -> bool:
    """The citizen asks whether their goal was kept, or what it was."""
    return bool(_ASKS_ABOUT_GOAL.search(normalise(text or ""))) and stated_goal(text) is None
