"""What a message about a track calls for: first steps for one scenario, the answer to a
question, the diagnostic, or a question back when two tracks are close. Plain data, no Rasa."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from relais.acute import happens_now, is_acute, is_pressing, speaks_of_preparing
from relais.form_answers import is_question
from relais.plan_request import asks_for_a_plan
from relais.text import normalise
from relais.topics import (
    TopicMatch,
    best_topic,
    question_topic,
    question_topic_anywhere,
    said_topic,
    tracks_by_topic_mass,
)
from relais.tracks import TRACKS, track_from_intent

# The sub-topic model overrules DIET's track when it is this sure of a topic of another track
# and DIET is less sure than DIET_SURE of its own.
TOPIC_OVERRULES = 0.6
DIET_SURE = 0.7
# A question or situation topic this sure (share in its track) keeps the phase continu.
CALM_TOPIC_SURE = 0.5
# Two tracks closer than this (DIET confidences) are asked about, not guessed.
AMBIGUITY_MARGIN = 0.15
# A second track this likely, in a message this long, is named for later ("on en parle ensuite ?").
SECOND_NEED_SCORE = 0.2
SECOND_NEED_WORDS = 14
# The share of the sub-topics' probability mass a second need's track needs as well.
SECOND_NEED_TOPIC_MASS = 0.1

URGENCE, ANSWER, DIAGNOSTIC, ASK = "urgence", "answered", "diagnostic", "ask"
# A question no topic of the track answers: said honestly, a person and a plan offered, no
# questionnaire (persona round 92: « ma carte bancaire était dans la coque, je bloque comment ? »
# got « Où en est votre budget aujourd'hui ? »; « c'est où le centre d'évacuation ? » the
# housing questionnaire). The track_step slot then says ANSWER.
UNANSWERED = "unanswered"
# Shorter questions (« et le budget ? », « on fait un plan ? ») open the track as before.
UNANSWERED_MIN_WORDS = 5
# A short message read in the context of the track under way (relais/follow_up.py): not a step
# of the rules (the track_step slot then says ANSWER).
IN_CONTEXT = "in_context"
# The subject under way refused, and nothing else asked (« arrête de me demander pr manger j'ai eu
# ma réponse »): the track lets go and Relais waits (persona round 107: « droit à la
# déconnexion » for that).
LET_GO = "let_go"


@dataclass(frozen=True)
class TrackTurn:
    step: str                      # URGENCE, ANSWER, DIAGNOSTIC or ASK
    track: str
    phase: str
    topic: TopicMatch | None = None
    choices: tuple[str, ...] = ()  # ASK: the tracks to choose between
    second_track: str | None = None
    switching: bool = False        # ASK: to leave the current track (choices: new, current)


def track_ranking(intent_ranking: Sequence[dict[str, Any]]) -> list[tuple[str, float]]:
    """DIET's ranking reduced to the tracks, best first."""
    ranked: list[tuple[str, float]] = []
    for entry in intent_ranking or ():
        track = track_from_intent(entry.get("name"))
        if track and all(track != t for t, _ in ranked):
            ranked.append((track, float(entry.get("confidence") or 0.0)))
    return ranked


def is_typed(text: str) -> bool:
    # A button's payload ("/track_energie{...}") is not the citizen's words.
    return bool(text) and not text.lstrip().startswith("/")


# The typed answer to « passer à travail, ou continuer sur mobilité ? »: « continuer, je veux
# juste arriver au boulot » stays, whatever other track its words name.
_STAYS = re.compile(r"^(non |mais |ok |oui |bah |ben |euh )*(je )?(continu\w*|on continue|rester|je reste|"
                    r"restons|reste|garder|on garde|poursuiv\w*)\b")
_MOVES_ON = re.compile(r"\b(passer|passons|changer|changeons)\b")


# The words that name a track in an answer to « c'est plutôt X ou Y ? » (« le travail
# évidemment, pourquoi logement ? »: persona round 91, the model read housing).
_TRACK_WORDS = {
    "alimentation": r"alimentation|nourriture|bouffe|manger|courses",
    "mobilite": r"mobilite|transports?|deplacements?|voiture|carburant|essence",
    "economie": r"budget|argent|economie|finances|thune|sous",
    "logement": r"logement|loyer|proprio|proprietaire|appart\w*|maison",
    "travail": r"travail|taf|boulot|emploi|job|chomage",
    "energie": r"energie|electricite|courant|chauffage|elec",
    "numerique": r"numerique|internet|telephone|portable|ordi\w*",
    "permaculture": r"jardin|potager|permaculture|plantes?",
}
_TRACK_NAMED = {track: re.compile(rf"\b({words})\b") for track, words in _TRACK_WORDS.items()}


def track_named_first(text: str | None) -> str | None:
    """The track an answer names first, when it names one."""
    words = normalise(text or "")
    found = [(match.start(), track) for track, pattern in _TRACK_NAMED.items() if (match := pattern.search(words))]
    return min(found)[1] if found else None


def keeps_current_track(text: str) -> bool:
    """The answer to the switch question says to go on with the current track."""
    words = normalise(text or "")
    return bool(_STAYS.search(words)) and not _MOVES_ON.search(words)


# A short statement that goes on with what is being discussed (« ma paye arrive le 5 », « je vis
# avec mon copain, il est au chômage »): the words of another track in it are context, not a new
# topic. A question, a request or an announced change (« autre chose », « sinon ») is a new topic.
CONTEXT_WORDS = 12
_NEW_TOPIC = re.compile(
    r"\b(je voudrais|je veux|j'aimerais|je cherche|j'ai besoin|besoin d'|conseils?|aidez moi|aide pour|"
    r"parler de|parlons|sinon|autre chose|autre question|une question|revenons|passons|comment|et pour|"
    r"par ailleurs|en plus|aussi|au fait|d'ailleurs|autre sujet|passer|passons|changer|changeons|plutot|revien\w*|revenir|retour a|retour au|"
    # A correction names the topic meant: « en fait c'est pour la voiture ».
    r"en fait|finalement|c'est pour|c'etait pour|je parlais|je voulais parler)\b")


def reads_as_context(text: str) -> bool:
    """A short statement that tells more, rather than a question or a new request."""
    words = normalise(text or "")
    return (is_typed(text) and not is_question(text) and len(words.split()) <= CONTEXT_WORDS
            and not _NEW_TOPIC.search(words) and not is_acute(text))


# A short question that goes on with what was just said (« et pour les charges ? », « faut des
# papiers ? ») is read in the track under way, unless it announces another subject.
_ANOTHER_SUBJECT = re.compile(
    r"\b(sinon|autre chose|autre question|une question|par ailleurs|au fait|d'ailleurs|autre sujet|"
    r"passer|passons|changer|changeons|revenons|rien a voir)\b")


def follows_up(text: str) -> bool:
    """A short question that asks more about what is being discussed."""
    words = normalise(text or "")
    return (is_typed(text) and is_question(text) and len(words.split()) <= CONTEXT_WORDS
            and not _ANOTHER_SUBJECT.search(words) and not is_acute(text))


# The citizen says Relais took the wrong subject (« rien à voir avec internet », « vous avez mal
# compris, je parle pas du jardin »): persona round 88 got the same question of the wrong
# questionnaire three times.
# « STOP lalimentation », « arrête de me demander pr manger », « j'ai dit non au jardin »,
# « non, pas le budget ! » (persona round 107: the food, garden and budget questions came
# back after each of these).
# « STOP lalimentation », « arrête de me demander pr manger », « j'ai dit non au jardin »,
# « non, pas le budget ! » (persona round 107: the food, garden and budget questionnaires came
# back after each of these): the questions refused, not a subject misread.
_REFUSED = (
    r"(?<!j')(?<!je )(?<!on )(?<!il )(?<!elle )(?<!va )(?<!vais )(stop|arrete|arretez|assez|fini) (avec |de )?(l'|l|le |la |les |ton |votre |vos )?"
    r"(energie|elec\w*|jardin|potager|logement|travail|boulot|mobilite|budget|alimentation|bouffe|numerique|internet)\b"
    r"(?! (en|le|la|a|au|des|pour|demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|dans)\b)|"
    r"arret\w* (de )?(me |m')(demander|parler|poser|proposer|reposer) (\w+ ){0,3}(manger|bouffe|budget|jardin|potager|alimentation|logement|energie|nourriture)\b|"
    r"(^|j'ai dit |jai dit |je vous ai dit |je t'ai dit |mdr |lol )(non|nan) (au|a la|a l') ?(jardin|potager|budget|logement|travail|boulot|alimentation|numerique)\b|"
    r"\b(non|nan)\W+(pas|plus) (le |la |l'|les |du |de l'|de la )?(budget|jardin|potager|alimentation|bouffe|logement|energie|numerique|mobilite|travail)\b"
    r"(?! (social|sociale|sociaux|prive|privee|public|publique|de|d'|du|des|en|a|au)\b)")
_WRONG_TRACK = re.compile(
    r"\b((ca )?(n'a |a )?rien a voir( avec)?|aucun rapport( avec)?|hors sujet|(vous avez|vous m'avez|tu as|tu m'as) mal compris|"
    r"je (ne )?(vous |te )?(parle|parlais) (pas|jamais) (de|d'|du|des)|(j'ai|jai|j ai|je n'ai) (jamais|pas) parle (de|d'|du|des)|"
    # « nan laisse tomber lénergie », « ni l'un ni l'autre », « jai pas parlé denergie » (persona
    # round 98: the energy questionnaire went on).
    r"(?<!je )(laisse|laissez|laissons) tomber (l'|l|le |la |les )?(energie|elec\w*|jardin|logement|travail|boulot|mobilite|budget|alimentation|bouffe|numerique|internet)|"
    r"ni l'un ni l'autre|ni lun ni lautre|"
    rf"{_REFUSED}|"
    r"(j'ai|jai|j ai) pas parle d(e |')?(energie|elec\w*|jardin|logement|travail|mobilite|budget|alimentation|numerique)\w*|"
    r"(c'est|ce n'est) pas (ca|le sujet|la question|mon probleme|le probleme|de ca que je parle)|"
    # « cheque energie. electricité. c'est pas de la bouffe la » (persona round 102: a food plan).
    r"(c'est|c|ce n'est|ce n est) pas (de la bouffe|a manger|de la nourriture|de l'alimentation|de l'energie|de l'elec\w*|du jardin|du boulot|du travail|du logement|du budget|de l'argent|d'internet|du numerique|de la mobilite|de la voiture)( la)?\b(?! (mais|et))|"
    r"pas le bon (sujet|theme|coach)|(mauvais|faux) (sujet|theme|coach)|vous vous trompez de sujet|"
    # « c pas mon elec le problème », « je veux parler de travail, pas d'énergie » (persona round 89)
    r"(c'est |c |ce n'est )?pas (mon |ma |mes |le |la |les |l'|de |d'|du )\w+ (le|mon) (probleme|souci))\b|"
    # « mon pb c l'essence pas le boulot » (persona round 93: the work questionnaire, four times).
    r"\b(je (veux|voulais|voudrais) parler|je parle|je vous parle|ma question c'est|ma question porte sur|"
    r"(mon|le) (probleme|souci|pb) (c'est|ce serait)|ce qui me pose probleme c'est) "
    r"(de |du |d'|des |sur )?(mon |ma |mes |le |la |l'|les )?(?P<meant>\w+),? (et )?pas (de |du |d'|des |mon |ma |mes |le |la |les |l')\w+\b")
# A refusal this short, beside nothing of a need, lets the track go.
LET_GO_WORDS = 8
# What the rest of a correction asks for, when it asks something.
_ASKS_SOMETHING = re.compile(r"\b(je (veux|voudrais|cherche)|j'aimerais|j'ai besoin|besoin d|comment|ou|quand|combien|pourquoi|"
                             r"question|aide|conseils?|parlons|revenons|parler)\b")
# Fewer words than this left beside the correction say nothing of the subject meant.
REROUTE_WORDS = 3
# The rest of a correction is about a track when its topics hold this much probability mass and
# this many times the next track's.
REROUTE_MASS = 0.3
REROUTE_LEAD = 1.5


def denies_the_track(text: str) -> bool:
    """The message says the subject under way is not the citizen's."""
    return bool(_WRONG_TRACK.search(normalise(text or "")))


# Within a track the correction is sure of, the share of its mass its best topic needs.
REROUTE_TOPIC_SHARE = 0.3


def rerouted(text: str, current: str | None, ranking: Sequence[dict[str, Any]]) -> TrackTurn | None:
    """The turn after « rien à voir avec X » while `current` is discussed: the subject the rest
    of the message is sure of, else a choice between the two other tracks the model ranks first.
    None: no such correction."""
    if not current or current not in TRACKS or not is_typed(text) or not denies_the_track(text):
        return None
    words = normalise(text)
    # « Je veux parler de travail, pas d'énergie »: the subject meant stays in the rest.
    rest = _WRONG_TRACK.sub(lambda m: f" {m.group('meant') or ''} ", words)
    if re.search(_REFUSED, words) and not any(m.group("meant") for m in _WRONG_TRACK.finditer(words)) and not is_question(text) \
            and not _ASKS_SOMETHING.search(rest) and len(rest.split()) <= LET_GO_WORDS \
            and best_topic(rest) is None:
        # Only when nothing else is told (review: « c'est pas ça, mon proprio veut m'expulser »
        # is the need).
        return TrackTurn(LET_GO, current, "continu")
    if len(rest.split()) < REROUTE_WORDS and not any(m.group("meant") for m in _WRONG_TRACK.finditer(words)):
        return _choice_between(current, [track for track, _score in track_ranking(ranking)])
    elsewhere = best_topic(rest, threshold=TOPIC_OVERRULES)
    if elsewhere is not None and elsewhere.topic.track != current:
        return TrackTurn(ANSWER, elsewhere.topic.track, "continu", elsewhere)
    # The ranking of the whole message still carries the track denied (« rien à voir avec
    # internet »); the rest alone says which subject is meant.
    every_mass = tracks_by_topic_mass(rest)
    if every_mass and every_mass[0][0] == current and every_mass[0][1] >= REROUTE_MASS:
        # « C'est pas le chauffage le problème, c'est la facture »: another subject of the same
        # track; the turn reads it as usual.
        return None
    masses = [(track, mass) for track, mass in every_mass if track != current]
    runner_up = masses[1][1] if len(masses) > 1 else 0.0
    if masses and masses[0][1] >= REROUTE_MASS and masses[0][1] >= REROUTE_LEAD * runner_up:
        # The track is sure: within it, its best topic needs a smaller share of the track's
        # mass (« mon compteur qui a disjoncté et plus de chauffage » spreads over two).
        match = best_topic(rest, masses[0][0], threshold=REROUTE_TOPIC_SHARE)
        if match is not None:
            return TrackTurn(ANSWER, masses[0][0], "continu", match)
    leaning = [track for track, mass in masses if mass >= REROUTE_MASS / 2]
    return _choice_between(current, leaning + [track for track, _score in track_ranking(ranking)])


def _choice_between(current: str, preferred: Sequence[str]) -> TrackTurn:
    """A question between the two tracks other than `current` that come first in `preferred`."""
    others = list(dict.fromkeys(track for track in [*preferred, *TRACKS] if track != current))
    return TrackTurn(ASK, others[0], "continu", choices=(others[0], others[1]))


def context_turn(text: str, current: str | None, track: str, phase: str | None) -> TrackTurn | None:
    """A short statement or follow-up question read as another track while `current` is being
    discussed: answered in the current track when one of its topics fits; when the sub-topic
    model is sure the message is about the other track, a question is answered there and the
    citizen is asked about a statement (« mon chauffage est en panne »); else it is read in the
    context of the current track
    (« environ 40 km », « jsuis seul, 1400 net par mois », « il y a des aides pour l'achat ? »).
    None: the message is not such a statement or question, or is about a topic of the current
    track (`decide` answers it)."""
    if not current or current not in TRACKS:
        return None
    if is_typed(text) and said_topic(text) is not None and not is_acute(text) and not is_pressing(text):
        # A topic said in its own words is answered (`decide`), not read in the advice under way
        # (persona round 109: « JE SUIS PAS AU CHOMAGE. retard au travail à cause de la pénurie,
        # mes droits ? » got a line of the job-loss steps, twice).
        return None
    if track == current:
        # A short follow-up question of the track under way that no topic answers (« et si le
        # couvercle est bombé ? »): read in context; the track's introduction again would start
        # the questionnaire over in the middle of the advice.
        if follows_up(text) and best_topic(text, current) is None and question_topic(text, current) is None:
            return TrackTurn(IN_CONTEXT, current, phase or "continu")
        return None
    statement = reads_as_context(text)
    if not (statement or follows_up(text)):
        return None
    phase = phase or "continu"
    match = best_topic(text, current)
    if match:
        return TrackTurn(ANSWER, current, phase, match)
    elsewhere = best_topic(text, threshold=TOPIC_OVERRULES)
    if elsewhere and elsewhere.topic.track == track:
        # A clear question of the other track (« comment je m'inscris à France Travail ») is
        # answered there; a statement of it (« mon chauffage ne marche plus ») is asked about.
        return TrackTurn(ASK, current, phase, choices=(track, current), switching=True) if statement else None
    return TrackTurn(IN_CONTEXT, current, phase)


def decide(text: str, track: str, ranking: Sequence[dict[str, Any]], requested_phase: str | None = None) -> TrackTurn:
    """The reply a message routed to `track` calls for."""
    typed = is_typed(text)
    ranked = track_ranking(ranking) if typed else []
    track = _overruled(text, track, ranked) if typed else track
    # Not over an urgence told now (review: « on est inondés, l'eau monte, et l'assurance ? »
    # gets the flood's first steps, not the insurance's delays).
    said = said_topic(text) if typed and not is_acute(text) and not is_pressing(text) else None
    if said is not None:
        track = said.topic.track
    match = (said or best_topic(text, track)) if typed else None
    if typed and match is None:
        # DIET is sure of its track, which has no topic for the message, and the sub-topic model
        # is sure of a topic of another (« un chauffage d'appoint au pétrole dans la chambre du
        # bébé ? » read as housing): that topic answers, not the housing questionnaire.
        elsewhere = best_topic(text, threshold=TOPIC_OVERRULES)
        if elsewhere is not None and elsewhere.topic.track != track:
            track, match = elsewhere.topic.track, elsewhere
    if typed and match is None and is_question(text):
        match = question_topic(text, track)
        anywhere = question_topic_anywhere(text) if match is None else None
        if anywhere is not None and (not ranked or anywhere.topic.track in [t for t, _score in ranked[:2]]):
            # Only a track DIET ranks among its two first: « je viens de perdre mon travail et je
            # n'ai plus de chauffage, je fais comment » stays work, with energy named beside it.
            # « 36° dans mon studio, comment je rafraîchis ? Et ce SMS Ameli ? » read as energy:
            # the track its sub-topics point to answers (persona round 93: « pas de réponse sûre »).
            track, match = anywhere.topic.track, anywhere
    second = _second_need(text, track, ranked)

    if requested_phase == "continu":
        return TrackTurn(DIAGNOSTIC, track, "continu")
    preparing = typed and speaks_of_preparing(text) and not is_acute(text)
    pressing = typed and is_pressing(text)
    acute_topic = match if match and match.topic.kind == "acute" and not preparing else None
    # The learned reading first: a sure match of a question or an everyday situation is not an
    # urgence even if a word of the pattern list is there (« l'hiver dernier, trois coupures »);
    # the patterns are the floor when the model has no sure reading. Said urgent, or the only
    # heating lost, it is one: its topic answers first.
    calm_topic = match is not None and acute_topic is None and match.score >= CALM_TOPIC_SURE
    # A sure everyday topic lived now (« un renard a attaqué le poulailler cette nuit ») is an
    # urgence all the same: its answer is the first step.
    now = typed and calm_topic and happens_now(text)
    if requested_phase == "urgence" or acute_topic or pressing or now or (typed and not calm_topic and is_acute(text)):
        first = acute_topic or (match if (pressing or now) and calm_topic else None)
        return TrackTurn(URGENCE, track, "urgence", first, second_track=second)
    if match and preparing and match.topic.kind == "acute":
        match = None
    if match:
        return TrackTurn(ANSWER, track, "continu", match, second_track=second)
    if len(ranked) >= 2 and ranked[0][0] == track and ranked[0][1] - ranked[1][1] < AMBIGUITY_MARGIN:
        return TrackTurn(ASK, track, "continu", choices=(ranked[0][0], ranked[1][0]))
    if typed and _unanswered_question(text):
        return TrackTurn(UNANSWERED, track, "continu", second_track=second)
    return TrackTurn(DIAGNOSTIC, track, "continu", second_track=second)


# A broad call for help (« comment je peux m'en sortir ? », « je fais quoi ? ») is what the
# questionnaire is for: its plan, not « no sure answer ».
_BROAD = re.compile(
    r"\b(m'en sortir|s'en sortir|nous en sortir|je fais quoi|on fait quoi|que faire|quoi faire|des conseils|des idees|"
    r"aidez moi|m'aider|nous aider|par ou commencer|comment faire|je fais comment|on fait comment|je dois faire quoi|"
    r"qu'est ce que je (peux|dois) faire)\b")


def _unanswered_question(text: str) -> bool:
    """A real question (no request for a plan, no short « et le budget ? », no broad call for
    help) that no topic answered."""
    return is_question(text) and len(text.split()) >= UNANSWERED_MIN_WORDS and not asks_for_a_plan(text) \
        and not _BROAD.search(normalise(text))


def _overruled(text: str, track: str, ranked: Sequence[tuple[str, float]]) -> str:
    """DIET's track, unless the sub-topic model is sure of a topic of another track."""
    overall = best_topic(text, threshold=TOPIC_OVERRULES)
    if overall and overall.topic.track != track and dict(ranked).get(track, 0.0) < DIET_SURE:
        return overall.topic.track
    return track


# The writer retired (« je suis à la retraite »), not a relative (« mon mari est à la retraite
# et moi je viens d'être licenciée ») nor wanting work again (a review).
_RETIRED = re.compile(r"^(?!.*\b(retravailler|reprendre (un|le) travail|cumul emploi)\b).*"
                      r"\b(je suis|jsuis|je suis a la|je suis en|moi a la) ?(retraite|retraitee|a la retraite|en retraite)\b")


def _second_need(text: str, track: str, ranked: Sequence[tuple[str, float]]) -> str | None:
    if len(text.split()) < SECOND_NEED_WORDS:
        return None
    others = [(t, score) for t, score in ranked if t != track]
    if not others or others[0][1] < SECOND_NEED_SCORE:
        return None
    if others[0][0] == "travail" and _RETIRED.search(normalise(text)):
        # « Je suis à la retraite » says no work to talk of (persona round 109: « Vous parlez
        # aussi de travail » to a retired woman before a power cut).
        return None
    # The sub-topics must see that need too (persona round 90: « Vous parlez aussi d'énergie »
    # after a question on the CSP, at 0.05 of the topics' mass).
    mass = dict(tracks_by_topic_mass(text))
    return others[0][0] if mass.get(others[0][0], 0.0) >= SECOND_NEED_TOPIC_MASS else None


def theme(track: str) -> str:
    return TRACKS[track]


# A question about a form or an online procedure (« où on met les revenus du conjoint ? »):
# France Services helps fill it in, for free.
_PAPERWORK = re.compile(r"\b(caf|impots?|dossier|formulaire|declar\w*|remplir|en ligne|demarche\w*|ameli|cpam|france travail|case|"
                        r"revenus|ressources|allocataire|numero fiscal|avis d'imposition)\b")


def asks_about_paperwork(text: str | None) -> bool:
    """The message speaks of a form or an administrative procedure."""
    return bool(_PAPERWORK.search(normalise(text or "")))
