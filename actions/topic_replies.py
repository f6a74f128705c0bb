"""How sub-topic answers, plans and choices are shown: text and buttons, nothing decided here."""

import json
from collections.abc import Sequence
from typing import Any

from rasa_sdk.events import SlotSet

from actions.dialogue_state import in_crisis
from actions.plan_text import plan_text, staged_plan_text
from actions.stated_goal import keep_stated_goal
from actions.theme_text import coach_name, of_theme
from relais.answer_detail import QUESTION_MAX_WORDS, line_named
from relais.coaching import engagement_level, given
from relais.conversation_contract import (
    CONSENT_SLOT,
    CONSENT_SLOT_UNKNOWN,
    ESCALATION_SLOT,
    PERSON_INTENT,
)
from relais.follow_up import MORE, TOPIC, follow_up
from relais.form_answers import is_question
from relais.geography import departement_named
from relais.glossary import term_asked
from relais.outage_line import breakdown_line, mentions_the_rule
from relais.plan_request import plan_stages
from relais.plans import choose_actions
from relais.topics import (
    TopicMatch,
    best_topic,
    fallback_topic,
    other_questions,
    question_topic,
    question_topic_anywhere,
    two_needs,
)
from relais.track_content import MicroAction, Topic, find_topic, track_content
from relais.track_turn import ANSWER, URGENCE, asks_about_paperwork, decide, is_typed, track_ranking
from relais.tracks import TRACKS, diagnostic_slots

# A message below the NLU's confidence threshold whose best guess is a track this likely is
# taken as that track (first steps, an answer) or the track is proposed; another track than the
# one under way needs SWITCH_TRACK.
LIKELY_TRACK = 0.25
SWITCH_TRACK = 0.4
# At most this many scenario buttons when an urgence is not recognised precisely.
ACUTE_MENU_SIZE = 5


def _payload(intent: str, **entities: Any) -> str:
    # Braces as Rasa reads them in a payload: /intent{"entity": "value"}.
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def say_topic(dispatcher, topic: Topic, with_buttons: bool = True, also: Sequence[Topic] = ()) -> None:
    """The topic's answer; `also`, the topics of the message's other questions, as buttons."""
    buttons = [{"title": f"Et : {other.title}", "payload": _payload("sujet", topic=other.key)} for other in also]
    text = topic.answer + (ALSO_ASKED[len(also) > 1] if also else "")
    if with_buttons:
        if topic.more:
            buttons.append({"title": "En savoir plus", "payload": _payload("en_savoir_plus", topic=topic.key)})
        if topic.kind != "acute":
            buttons.append({"title": "Un plan pour moi",
                            "payload": _payload(f"track_{topic.track}", phase="continu")})
        else:
            buttons.append({"title": "Et ensuite ?", "payload": _payload("suite")})
        buttons.append({"title": "Parler à une personne", "payload": _payload(PERSON_INTENT)})
    dispatcher.utter_message(text=text, buttons=buttons)


ALSO_ASKED = {False: "\n\nVous posiez aussi une autre question : le bouton « Et : … » y répond.",
              True: "\n\nVous posiez aussi d'autres questions : les boutons « Et : … » y répondent."}


UNANSWERED_OPENING = "Je n'ai pas de réponse sûre à cette question"
PAPERWORK_HELP = ("\nPour remplir un dossier (CAF, impôts, France Travail…), un conseiller France Services vous aide "
                  "gratuitement, près de chez vous : annuaire sur france-services.gouv.fr.")


def say_unanswered_question(dispatcher, track: str, tracker=None) -> None:
    """A question no topic answers: said honestly, with a person and a plan offered, rather than
    a questionnaire that does not answer it (relais/track_turn.py, UNANSWERED)."""
    # Never twice the same words in a row (a blind conversation counted it as a failure).
    bot_texts = [e.get("text") or "" for e in (tracker.events if tracker is not None else []) if e.get("event") == "bot"]
    said_before = bool(bot_texts) and UNANSWERED_OPENING in bot_texts[-1]
    opening = ("Sur ce point non plus, je n'ai pas de réponse sûre." if said_before else
               f"{UNANSWERED_OPENING}, et je préfère ne pas vous répondre au hasard.")
    dispatcher.utter_message(
        text=(f"{opening} Une personne de l'équipe relais peut vous répondre ici, et le "
              f"{coach_name(track)} peut vous proposer un petit plan. Vous pouvez aussi me poser la question autrement."
              + (PAPERWORK_HELP if tracker is not None and asks_about_paperwork(tracker.latest_message.get("text"))
                 else "")),
        buttons=[{"title": "Parler à une personne", "payload": _payload(PERSON_INTENT)},
                 {"title": "Un plan pour moi", "payload": _payload(f"track_{track}", phase="continu")}])


def say_topic_more(dispatcher, topic: Topic, then_plan: bool = False, question: str | None = None) -> None:
    """More on a topic; a short question about a word of its answer (« c'est quoi le comparateur
    officiel ? ») gets the line that names it first (relais/answer_detail.py)."""
    buttons = [] if then_plan else [
        {"title": "3 actions pour moi", "payload": _payload("plus_actions")},
        {"title": "Parler à une personne", "payload": _payload(PERSON_INTENT)},
    ]
    line = line_named(question, topic.answer) if question and is_question(question) else None
    more = topic.more or topic.answer
    dispatcher.utter_message(text=f"{line}\n{more}" if line and line not in more else more, buttons=buttons)


def say_acute_menu(dispatcher, track: str) -> None:
    """An urgence not recognised precisely: the first reflex, then which situation it is."""
    dispatcher.utter_message(response=f"utter_{track}_urgence")
    acute = [t for t in track_content(track).topics if t.kind == "acute"][:ACUTE_MENU_SIZE]
    if acute:
        dispatcher.utter_message(
            text="Pour vous donner les bons gestes, qu'est-ce qui se passe exactement ?",
            buttons=[{"title": t.title, "payload": _payload("sujet", topic=t.key)} for t in acute],
        )


def say_first_steps(dispatcher, tracker, track: str, topic: Topic | None) -> list[dict[str, Any]]:
    """An urgence: the first steps of its scenario, or the track's first reflex and a choice of
    scenarios when the scenario is unclear; then the local relais, once in a conversation and
    not when a person of the team already has the case. Steps given a few turns ago are not
    given again word for word (persona round 90: the same water-cut block three times, the
    third to « vous comprenez rien ») : more on them, or what comes next."""
    events: list[dict[str, Any]] = []
    if topic:
        events = say_topic_once(dispatcher, tracker, topic)
    else:
        say_acute_menu(dispatcher, track)
    told = any((e.get("metadata") or {}).get("utter_action") == "utter_relais_local"
               for e in tracker.events if e.get("event") == "bot")
    if not told and not tracker.get_slot(ESCALATION_SLOT) and not in_crisis(tracker):
        dispatcher.utter_message(response="utter_relais_local")
    return events


def say_second_need(dispatcher, second_track: str | None) -> None:
    if second_track:
        dispatcher.utter_message(
            text=f"Vous parlez aussi {of_theme(second_track)} : on en parle ensuite ?",
            buttons=[{"title": f"Oui, parler {of_theme(second_track)}",
                      "payload": _payload(f"track_{second_track}")}],
        )


def ask_two_tracks(dispatcher, tracks: Sequence[str], switching: bool = False) -> None:
    first, second = tracks[0], tracks[1]
    if switching:
        text = f"Vous voulez passer à {TRACKS[first]}, ou continuer sur {TRACKS[second]} ?"
        buttons = [
            {"title": f"Passer à {TRACKS[first]}", "payload": _payload(f"track_{first}")},
            {"title": f"Continuer {TRACKS[second]}", "payload": _payload(f"track_{second}", phase="continu")},
        ]
    else:
        text = (f"Pour bien vous orienter : c'est plutôt une question {of_theme(first)} "
                f"ou {of_theme(second)} ?")
        buttons = [{"title": TRACKS[t].capitalize(), "payload": _payload(f"track_{t}")} for t in (first, second)]
    dispatcher.utter_message(text=text, buttons=buttons)


def ask_which_need_first(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """The two needs of a long message the model could not place (« on crève de chaud sous les
    toits, et mon fils s'est fait arnaquer, je commence par quoi ? », persona round 94: « je ne
    sais pas vous aider là-dessus », twice), asked about; None when it is not two needs."""
    text = tracker.latest_message.get("text") or ""
    needs = two_needs(text) if is_typed(text) else None
    if needs is None:
        return None
    first, second = needs
    dispatcher.utter_message(
        text=f"Vous me parlez de deux choses : {TRACKS[first]} et {TRACKS[second]}. Par laquelle commençons-nous ?",
        buttons=[{"title": TRACKS[t].capitalize(), "payload": _payload(f"track_{t}")} for t in (first, second)])
    return []


def say_plan(dispatcher, track: str, chosen: Sequence[MicroAction], shown: list[str],
             first: bool, heading: str | None = None,
             stages: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Three actions and what can come next; the slot `plan_shown` remembers them. With the
    `stages` of a plan asked for (« Semaine 1 »…), one action per stage."""
    if not chosen:
        dispatcher.utter_message(response="utter_plan_fin")
        return []
    if stages and len(chosen) == len(stages):
        heading, lines = "Voici votre plan en trois actions, une étape à la fois :", staged_plan_text(chosen, stages)
    else:
        heading = heading or ("Voici trois actions adaptées à vos réponses :" if first
                              else "Voici trois autres actions :")
        lines = plan_text(chosen)
    dispatcher.utter_message(
        text=f"{heading}\n{lines}",
        buttons=[
            {"title": "3 autres actions", "payload": _payload("plus_actions")},
            {"title": "Parler à une personne", "payload": _payload(PERSON_INTENT)},
        ],
    )
    return [SlotSet("plan_shown", shown + [a.key for a in chosen])]


# How many of Relais' latest messages may hold the rule of a number the citizen then completes.
RECENT_BOT_MESSAGES = 6


def say_breakdown_number(dispatcher, tracker) -> bool:
    """« J'habite à Limoges » after advice that said « 09 726 750 suivi des 2 chiffres de votre
    département »: the whole number (relais/outage_line.py). False when Relais gave no such rule
    lately, or the message names no one département."""
    said = [e.get("text") or "" for e in tracker.events if e.get("event") == "bot"][-RECENT_BOT_MESSAGES:]
    if not any(mentions_the_rule(text) for text in said):
        return False
    text = tracker.latest_message.get("text") or ""
    departement = departement_named(text) if is_typed(text) else None
    if departement is None:
        return False
    line = breakdown_line(departement)
    if any(line in text for text in said):
        return False
    dispatcher.utter_message(text=line)
    return True


def say_definition(dispatcher, text: str) -> bool:
    """« C'est quoi l'ADIL ? »: what the term means (relais/glossary.py); False when the message
    asks no such thing."""
    term = term_asked(text) if is_typed(text) else None
    if term is None:
        return False
    dispatcher.utter_message(text=term.definition)
    return True


def answer_aside(dispatcher, tracker, text: str) -> list[dict[str, Any]] | None:
    """What is answered beside any flow, in this order: a goal stated in words, the whole
    breakdown number after its rule, what a term means (`text`). None when none applies."""
    kept = keep_stated_goal(dispatcher, tracker)
    if kept is not None:
        return kept
    if say_breakdown_number(dispatcher, tracker) or say_definition(dispatcher, text):
        return []
    return None


def answer_from_topics(dispatcher, tracker, text: str | None = None) -> list[dict[str, Any]] | None:
    """A message Rasa could not place (or found off-topic, or the words after a greeting) may
    still be a question of a track file, in words DIET did not learn: answered when the
    sub-topic model is sure enough. None when it is not."""
    text = tracker.latest_message.get("text") or "" if text is None else text
    if not is_typed(text):
        return None
    aside = answer_aside(dispatcher, tracker, text)
    if aside is not None:
        return aside
    match = fallback_topic(text)
    if not match:
        return None
    return answer_topic(dispatcher, tracker, match)


def answer_topic(dispatcher, tracker, match: TopicMatch) -> list[dict[str, Any]]:
    """The answer of a topic recognised outside a track's turn; its track becomes the current one."""
    said = say_topic_once(dispatcher, tracker, match.topic)
    phase = "urgence" if match.topic.kind == "acute" else "continu"
    return [SlotSet("track", match.topic.track), SlotSet("phase", phase), SlotSet("topic", match.topic.key)] + said


# The events of about the current conversation: an answer said within them is not said again
# word for word (persona round 15: the same answer twice, two turns apart, after a plan).
RECENT_EVENTS = 60


def _said(tracker, text: str | None, recent: int | None = None) -> bool:
    # Contained, not equal: more on a topic may come after the line a question asked about.
    events = tracker.events[-recent:] if recent else tracker.events
    return bool(text) and any(e.get("event") == "bot" and text in (e.get("text") or "") for e in events)


def related_follow_up(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """A message read as off-topic that names a word of the advice under way (« et ce soir pour
    le bébé ? » after advice on a heating cut that speaks of babies): read in its context. None
    when it names nothing of it."""
    text = tracker.latest_message.get("text") or ""
    line = line_named(text, _topic_text(find_topic(tracker.get_slot("topic"))))
    if not tracker.get_slot("track") or not line:
        return None
    return next_actions(dispatcher, tracker, heading=_named_line_heading(line, is_question(text)))


def follow_up_in_context(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """A message not understood alone, read in the context of the track under way
    (relais/follow_up.py). None without a track."""
    track = tracker.get_slot("track")
    aside = answer_aside(dispatcher, tracker, tracker.latest_message.get("text") or "") if track else None
    if aside is not None:
        return aside
    topic_key = tracker.get_slot("topic")
    current = find_topic(topic_key)
    step = follow_up(tracker.latest_message.get("text") or "", track, topic_key,
                     _said(tracker, current.more if current else None))
    if step is None:
        return None
    if step.kind == TOPIC:
        say_topic(dispatcher, step.topic)
        return [SlotSet("topic", step.topic.key)]
    if step.kind == MORE:
        say_topic_more(dispatcher, step.topic, question=tracker.latest_message.get("text"))
        return []
    # « J'ai un barbecue sur la terrasse » after advice that names it: that line of the advice
    # (« jamais à l'intérieur ») before the next actions.
    line = line_named(tracker.latest_message.get("text") or "", _topic_text(current))
    if line:
        heading = _named_line_heading(line, step.question)
    else:
        heading = ("Je n'ai pas de réponse sûre à cette question ; l'équipe relais pourra vous répondre. "
                   "En attendant, voici ce que vous pouvez faire :" if step.question
                   else "C'est noté. Pour avancer, voici ce que vous pouvez faire :")
    return next_actions(dispatcher, tracker, heading=heading)


# A question is read against the advice under way when it names this many of its words.
NAMED_IN_ADVICE = 2


def answer_from_the_advice_under_way(dispatcher, tracker, text: str, topic: Topic | None = None) -> bool:
    """A question that names the advice under way (`topic`, else the topic of the slot) with
    two of its words or more: the line that names them. False when it names less, or is no
    question."""
    if not (is_typed(text) and ("?" in text or is_question(text))):
        return False
    topic = topic or find_topic(tracker.get_slot("topic"))
    line = line_named(text, _topic_text(topic), QUESTION_MAX_WORDS, min_count=NAMED_IN_ADVICE)
    if not line:
        return False
    dispatcher.utter_message(text=f"Ce que je peux vous dire : {line}")
    return True


def _named_line_heading(line: str, question: bool) -> str:
    said = "Ce que je peux vous dire" if question else "C'est noté. À retenir"
    return f"{said} : {line}\nPour avancer, voici ce que vous pouvez faire :"


def _topic_text(topic: Topic | None) -> str | None:
    return None if topic is None else "\n".join(part for part in (topic.answer, topic.more) if part)


def answer_likely_track(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """A message the NLU was not sure of, whose best guess is a track: the first steps or the
    answer when the sub-topic is clear, else the track proposed with a button. None when no
    track is likely enough."""
    text = tracker.latest_message.get("text") or ""
    ranking = tracker.latest_message.get("intent_ranking") or []
    ranked = track_ranking(ranking)
    if not is_typed(text) or not ranked:
        return None
    track, confidence = ranked[0]
    current = tracker.get_slot("track")
    if confidence < (LIKELY_TRACK if not current else SWITCH_TRACK) or track == current:
        return None
    turn = decide(text, track, ranking)
    events = [SlotSet("track", turn.track), SlotSet("phase", turn.phase)]
    if turn.step == URGENCE:
        steps = say_first_steps(dispatcher, tracker, turn.track, turn.topic.topic if turn.topic else None)
        return events + [SlotSet("topic", turn.topic.topic.key if turn.topic else None)] + steps
    if turn.step == ANSWER:
        say_topic(dispatcher, turn.topic.topic)
        return events + [SlotSet("topic", turn.topic.topic.key)]
    dispatcher.utter_message(
        text=f"Si je comprends bien, c'est une question {of_theme(turn.track)}. Je peux vous poser deux ou trois "
             "questions pour vous proposer des actions adaptées.",
        buttons=[{"title": "Oui, allons-y", "payload": _payload(f"track_{turn.track}", phase="continu")},
                 {"title": "Un autre thème", "payload": _payload("menu")},
                 {"title": "Parler à une personne", "payload": _payload(PERSON_INTENT)}],
    )
    return events + [SlotSet("topic", None)]


def next_actions(dispatcher, tracker, fresh: bool = False, heading: str | None = None) -> list[dict[str, Any]]:
    """The next three actions of the track under way that fit the diagnostic's answers, those
    made for the sub-topic just discussed first; `fresh` starts the plan over."""
    track = tracker.get_slot("track")
    if not track:
        dispatcher.utter_message(response="utter_menu")
        return []
    shown = [] if fresh else list(tracker.get_slot("plan_shown") or [])
    answers = {slot: given(tracker.get_slot(slot)) for slot in diagnostic_slots(track)}
    answers["engagement"] = engagement_level(answers.get("engagement"))
    topic = find_topic(tracker.get_slot("topic"))
    said = " ".join(e.get("text") or "" for e in tracker.events if e.get("event") == "user")
    chosen = choose_actions(track, answers, shown, topic.id if topic else None, said=said)
    stages = plan_stages(tracker.latest_message.get("text"))
    return say_plan(dispatcher, track, chosen, shown, first=not shown, heading=heading, stages=stages)


CONSENT_QUESTIONS = ("utter_demande_consentement", "utter_demande_consentement_court")


def consent_asked(tracker) -> bool:
    """The consent question was asked in this conversation."""
    return any((e.get("metadata") or {}).get("utter_action") in CONSENT_QUESTIONS
               for e in tracker.events if e.get("event") == "bot")


def ask_consent_once(dispatcher, tracker) -> None:
    """A conversation that began with the citizen's situation, not the welcome, has not been
    asked for consent: ask once, after the help, never before it."""
    if tracker.get_slot(CONSENT_SLOT) not in (None, CONSENT_SLOT_UNKNOWN) or in_crisis(tracker):
        return
    if not consent_asked(tracker):
        dispatcher.utter_message(response="utter_demande_consentement_court")


def say_topic_once(dispatcher, tracker, topic: Topic) -> list[dict[str, Any]]:
    """The topic's answer, unless Relais gave it in this conversation: then more on it, or the
    next actions (a citizen who asks again wants to go further, not the same words)."""
    if not _said(tracker, topic.answer, recent=RECENT_EVENTS):
        text = tracker.latest_message.get("text") or ""
        say_topic(dispatcher, topic, also=other_questions(text, topic) if is_typed(text) else ())
        return []
    text = tracker.latest_message.get("text") or ""
    if topic.more and not _said(tracker, topic.more):
        say_topic_more(dispatcher, topic, question=text)
        return []
    if is_typed(text) and answer_from_the_advice_under_way(dispatcher, tracker, text, topic):
        # « Et créer un jardin partagé, c'est compliqué ? » once all of the topic was said: the
        # line that names two of its words or more; a one-word match (« Fermez la cuve » for the
        # size of a tank) is no answer, the next actions are.
        return []
    if is_typed(text) and is_question(text):
        # A question the topic already said does not answer (« et pour le bain du bébé ? »
        # after all of the non-potable water advice): said honestly, not three actions that
        # answer nothing (persona round 93: « Voici trois actions » to three questions).
        say_unanswered_question(dispatcher, topic.track, tracker)
        return []
    return next_actions(dispatcher, tracker)


def answer_typed_question(dispatcher, text: str, track: str | None, sure_only: bool = False,
                          tracker=None) -> None:
    """A question typed where Relais asked one of its own: what a term means, its closest
    sub-topic, the line of the advice under way that names what it asks about (with the
    `tracker`), or a note (not with `sure_only`: the question came beside an answer)."""
    if say_definition(dispatcher, text):
        return
    match = best_topic(text, track) or best_topic(text) or (question_topic(text, track) if track else None) \
        or question_topic_anywhere(text)
    line = None if match or tracker is None else line_named(
        text, _topic_text(find_topic(tracker.get_slot("topic"))), QUESTION_MAX_WORDS)
    if match:
        say_topic(dispatcher, match.topic, with_buttons=False)
    elif line:
        # « Couverture oui ou non pour le bébé ? » in the goal question, after advice on a
        # heating cut that says it (persona round 16: « je n'ai pas de réponse sûre »).
        dispatcher.utter_message(text=f"Ce que je peux vous dire : {line}")
    elif not sure_only:
        dispatcher.utter_message(response="utter_question_notee")
