"""Doléances and envies in the conversation (issue #14): a thin adapter over
relais.grievance_words (what the citizen said) and relais.services.grievances (the record).

Run by rasa_components.grievance_policy in any state but a crisis. It collects an item asking
only what is missing (what, where, the theme, what may be published), records it and gives its
reference; lists the citizen's items; adds a detail; withdraws one. The draft lives in the
`doleance` slot between turns. No consent to the coaching memory is needed: the item is the
record the citizen asks for.
"""

import logging
import re
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import backend
from actions.dialogue_state import previous_action
from actions.escalation import TEAM_FOLLOWS_UP
from actions.fallback import FALLBACK_ACTION
from actions.welcome import note_leading_consent
from relais.consent_words import without_leading_consent
from relais.conversation_contract import (
    CRISIS_ACTION,
    GRIEVANCE_ACTION,
    GRIEVANCE_RECORDED_KEY,
    GRIEVANCE_SLOT,
    GRIEVANCE_STEP_KEY,
)
from relais.form_answers import is_question
from relais.grievance_words import (
    ABOUT,
    DETAIL,
    EXPLICIT,
    IMPLICIT,
    LIST,
    STEP_DETAIL_TEXT,
    STEP_TRANSMIT,
    STEP_VISIBILITY,
    STEP_WHAT,
    STEP_WHERE,
    STEP_WHICH,
    WITHDRAW,
    Reading,
    another_item,
    answers_step,
    has_substance,
    ordinal_in,
    read_place,
    read_request,
    read_stated_theme,
    read_stated_visibility,
    read_theme,
    read_visibility,
    restates,
    says_no,
    says_same_place,
    says_yes,
    without_remarks_to_relais,
)
from relais.grievances import THEME_OTHER, grievance_texts, reference_of, references_in
from relais.models import GRIEVANCE_VISIBILITIES
from relais.person_request import asks_about_the_team, asks_for_a_person
from relais.services import StorageUnavailable
from relais.services.grievances import DONE, NOT_FOUND, CitizenItem, Draft, summary_of
from relais.text import normalise

logger = logging.getLogger(__name__)

# Where the citizen's answer to « c'est où ? » was not read: asked once more, then recorded
# with the place « non précisé » rather than losing the item.
MAX_PLACE_ASKS = 2
STOP_INTENTS = ("stop",)
_CANCEL = re.compile(r"^((non|mais non|nan|bon) )?(annule\w*|stop|laisse[sz]? tomber|oublie[sz]?( ca)?|non merci|finalement non|rien)\b"
                     r"|\b(annulez|annule) (ca|tout|cette|la|le)\b"
                     r"|\b(je (ne )?(parle|parlais)|c'est|ce n'est) pas (de|d'une|une) (doleance|envie|reclamation)s?\b"
                     # « Non, je ne veux pas déposer une nouvelle doléance, c'est déjà la D-1 »
                     # (persona round 93: the visibility question came back).
                     r"|\b(je )?(ne )?(veux|voulais|souhaite) (pas|plus) (deposer|faire|transmettre|envoyer|creer|ajouter) "
                     r"(une |de |d'|la )?(nouvelle |autre )?(doleance|envie|demande|reclamation)s?\b"
                     r"|\bc'est deja (la |le )?d ?\d+\b")
# The state key that hands the turn to the request for a person (action_escalader) after this one.
_HAND_OVER_KEY = "hand_over"
# The rest of a « no » to the offer is answered by the fallback's readings (the topics).
_ANSWER_REST_KEY = "answer_rest"
_ABOUT_CHOICES = re.compile(r"\b(difference|les (3|trois)|options?|choix|choisir|mon nom|nom apparai\w*|anonym\w*|ca veut dire quoi)\b")
ESCALATION_ACTION = "action_escalader"


class ActionDoleance(Action):
    def name(self) -> str:
        return GRIEVANCE_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[dict[str, Any]]:
        state = dict(tracker.get_slot(GRIEVANCE_SLOT) or {})
        consent = note_leading_consent(dispatcher, tracker)
        text = tracker.latest_message.get("text") or ""
        text = without_remarks_to_relais(without_leading_consent(text) if consent else text)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        try:
            state["earlier_place"] = _place_said_before(tracker)
            state["earlier_text"] = _said_before(tracker)
            state["just_filed"] = previous_action(tracker) == GRIEVANCE_ACTION and bool(state.get(GRIEVANCE_RECORDED_KEY))
            state = self._turn(dispatcher, tracker.sender_id, state, text, intent)
            for key in ("earlier_place", "earlier_text", "just_filed"):
                state.pop(key, None)
        except StorageUnavailable:
            logger.warning("Doléance not handled: storage unavailable")
            dispatcher.utter_message(text=_texts()["unavailable"])
        hand_over = state.pop(_HAND_OVER_KEY, False)
        answer_rest = state.pop(_ANSWER_REST_KEY, False)
        return consent + [SlotSet(GRIEVANCE_SLOT, state or None)] \
            + ([FollowupAction(ESCALATION_ACTION)] if hand_over else []) \
            + ([FollowupAction(FALLBACK_ACTION)] if answer_rest else [])

    def _turn(self, dispatcher: CollectingDispatcher, sender: str, state: dict[str, Any],
              text: str, intent: str | None) -> dict[str, Any]:
        step = state.get(GRIEVANCE_STEP_KEY)
        reading = read_request(text, recorded=bool(state.get(GRIEVANCE_RECORDED_KEY)), in_collection=bool(step))
        if step and reading is not None and reading.request in (LIST, WITHDRAW, DETAIL):
            step = None  # a request about the items given comes before the draft's question
        if reading is not None and reading.request == ABOUT:
            about_choices = step == STEP_VISIBILITY and bool(_ABOUT_CHOICES.search(normalise(text)))
            # « C'est quoi la différence entre les 3 ? Je veux pas que mon nom apparaisse »
            # (persona round 90: who reads it, and the three choices never explained).
            key = "visibility_options" if about_choices else "follow_up" if reading.follow_up else "about"
            dispatcher.utter_message(text=_texts()[key])
            if step and answers_step(text, step):
                # « oui transmettez, ça va à qui ? »: the question answered, the answer kept.
                return self._answer(dispatcher, sender, state, step, text)
            if step == STEP_VISIBILITY:
                # The question again, with its buttons: they are a scroll above otherwise.
                return _next_question(dispatcher, sender, state)
            return state
        another = another_item(text) if step in (STEP_TRANSMIT, STEP_WHERE, STEP_VISIBILITY) else None
        if another is not None:
            # « C'est bon vous l'avez publiée ? autre chose : … »: the new item is queued, and
            # only what comes before it may answer this one's question.
            before, item = another
            new = read_request(item, in_collection=True)
            state["queue"] = [*state.get("queue", []), {"kind": new.kind if new else "doleance", "text": item}]
            if before and answers_step(before, step) and not is_question(before):
                return self._answer(dispatcher, sender, state, step, before)
            return _next_question(dispatcher, sender, state)
        if step and asks_for_a_person(text):
            # « Je veux parler à quelqu'un », « non annulez ça. conseiller svp » in the middle of
            # the questions (persona round 90: captured as the doléance, then a loop): the draft
            # is set aside, and the request for a person is heard.
            dispatcher.utter_message(text=_texts()["set_aside_for_a_person"])
            return {_HAND_OVER_KEY: True}
        if step:
            # « Comptez-la seulement » may read as « stop » to the model: an answer to the
            # question asked is an answer, whatever the intent.
            if intent in STOP_INTENTS and not answers_step(text, step) or _CANCEL.search(normalise(text)):
                dispatcher.utter_message(text=_texts()["cancelled"])
                return {}
            if reading is not None and reading.request in (EXPLICIT, IMPLICIT) and has_substance(text) \
                    and step in (STEP_TRANSMIT, STEP_WHERE, STEP_VISIBILITY) \
                    and not answers_step(text, step):
                if restates(state.get("text"), text):
                    # The same item told again, in clearer words: it replaces the draft's text.
                    state["text"] = text.strip()
                    return _next_question(dispatcher, sender, state)
                # Another item while this one is collected: this one first, then that one.
                state["queue"] = [*state.get("queue", []), {"kind": reading.kind, "text": text.strip()}]
                if step == STEP_TRANSMIT:
                    state[GRIEVANCE_STEP_KEY] = None
                return _next_question(dispatcher, sender, state)
            return self._answer(dispatcher, sender, state, step, text)
        assert reading is not None  # the policy runs this action for a request only
        if reading.request == LIST:
            _list(dispatcher, sender, about_the_case=asks_about_the_team(text))
            return state
        if reading.request == WITHDRAW:
            return _withdraw(dispatcher, sender, state, reading, text)
        if reading.request == DETAIL:
            return _detail(dispatcher, sender, state, reading, text)
        return self._start(dispatcher, sender, reading, text, state)

    def _start(self, dispatcher: CollectingDispatcher, sender: str, reading: Reading,
               text: str, state: dict[str, Any]) -> dict[str, Any]:
        if not has_substance(text) and state.get("just_filed") and read_visibility(text) is not None:
            # « Publiez-la (sans nom) » tapped just after the item was filed (persona round 107:
            # a second item made of the question before it): it is the item just filed.
            dispatcher.utter_message(text=_texts()["already_sent"].format(
                reference=reference_of(int(state[GRIEVANCE_RECORDED_KEY]))))
            return state
        draft: dict[str, Any] = {"kind": reading.kind, "place_asks": 0,
                                 "last_place": state.get("last_place")}
        if has_substance(text):
            draft["text"] = text.strip()
            _read_fields(draft, text)
        elif has_substance(state.get("earlier_text")):
            # « Oui, faites remonter. Services publics, publiez »: what goes wrong is what the
            # citizen said just before.
            draft["text"] = state["earlier_text"].strip()
            _read_fields(draft, state["earlier_text"])
            _read_fields(draft, text)
        if not (draft.get("postal_code") or draft.get("commune")) and state.get("earlier_place"):
            draft.update(state["earlier_place"])
        if reading.request == IMPLICIT and not (read_stated_visibility(text) or read_stated_theme(text)):
            # Said in passing: ask first. Saying where it may be published, or its theme, is
            # already asking for it to be transmitted.
            draft[GRIEVANCE_STEP_KEY] = STEP_TRANSMIT
            kind = grievance_texts().kinds[reading.kind].lower()
            article = "une doléance" if reading.kind == "doleance" else "une envie"
            dispatcher.utter_message(text=_texts()["ask_transmit"].format(kind=kind, kind_article=article),
                                     buttons=_transmit_buttons())
            return draft
        return _next_question(dispatcher, sender, draft)

    def _answer(self, dispatcher: CollectingDispatcher, sender: str, state: dict[str, Any],
                step: str, text: str) -> dict[str, Any]:
        if step == STEP_TRANSMIT:
            if says_no(text):
                dispatcher.utter_message(text=_texts()["cancelled"])
                # « NON. jveux juste savoir si l'eau du Lidl c'est bon pour un bébé » (persona
                # round 102: « je ne transmets rien », and the question left unanswered twice).
                return {_ANSWER_REST_KEY: True} if _asks_beside_the_no(text) else {}
            if not (says_yes(text) or read_place(text).found or read_stated_visibility(text)
                    or read_stated_theme(text)):
                return _ask(dispatcher, state, STEP_TRANSMIT, _texts()["ask_transmit_again"],
                            _transmit_buttons())
            _read_fields(state, text)
        elif step == STEP_WHAT:
            state["text"] = text.strip()
            _read_fields(state, text)
        elif step == STEP_WHERE:
            place = read_place(text, answer=True)
            state["place_asks"] = state.get("place_asks", 0) + 1
            if not place.found and says_same_place(text) and state.get("last_place"):
                state.update(state["last_place"])
            elif place.found:
                state.update(postal_code=place.postal_code, commune=place.commune,
                             quartier=place.quartier or state.get("quartier"))
            elif _refuses(text) or state["place_asks"] >= MAX_PLACE_ASKS:
                state["place_refused"] = True
            _read_fields(state, text, place=False)
        elif step == STEP_VISIBILITY:
            visibility = read_visibility(text)
            if visibility is not None:
                state["visibility"] = visibility
            _read_fields(state, text, place=False)
        elif step == STEP_WHICH:
            return _which(dispatcher, sender, state, text)
        elif step == STEP_DETAIL_TEXT:
            return _add_detail(dispatcher, sender, int(state["item"]), text)
        return _next_question(dispatcher, sender, state)


def _transmit_buttons() -> list[dict[str, str]]:
    return [{"title": "Oui, transmettre", "payload": "oui"}, {"title": "Non merci", "payload": "non merci"}]


def _read_fields(draft: dict[str, Any], text: str, place: bool = True) -> None:
    """What a message also says of the draft: a place, a theme, what may be published. A theme
    the citizen names (« c'est de l'alimentation ») wins over one read from the words."""
    found = read_place(text)
    last = draft.get("last_place") or {}
    if place and not (draft.get("postal_code") or draft.get("commune")):
        if found.found:
            draft.update(postal_code=found.postal_code, commune=found.commune, quartier=found.quartier)
        elif says_same_place(text) and last:
            draft.update(last)
    elif found.postal_code and found.commune and not draft.get("postal_code"):
        # « Roubaix 59100 » after « Tourcoing » was read in passing: the commune said with its
        # postal code is the place (persona round 106: filed « Tourcoing, 59100 »).
        draft.update(postal_code=found.postal_code, commune=found.commune, quartier=found.quartier or draft.get("quartier"))
    elif found.postal_code and not draft.get("postal_code"):
        # « J'habite à Lamothe, 43100 », said after the place was named: the postal code places it.
        draft["postal_code"] = found.postal_code
    if draft.get("commune") and not draft.get("postal_code") and last.get("postal_code") \
            and normalise(draft["commune"]) == normalise(last.get("commune") or ""):
        draft["postal_code"] = last["postal_code"]  # « toujours à Pontivy »: the same place
    stated = read_stated_theme(text)
    if stated and not draft.get("theme_stated"):
        draft.update(theme=stated, theme_stated=True)
    elif not draft.get("theme"):
        theme = read_theme(text)
        if theme:
            draft["theme"] = theme
    if not draft.get("visibility"):
        visibility = read_stated_visibility(text)
        if visibility:
            draft["visibility"] = visibility


def _refuses(text: str) -> bool:
    return bool(re.search(r"\b(prefere pas|pas dire|sais pas|je ne sais pas|aucune idee|partout|peu importe)\b",
                          normalise(text)))


def _next_question(dispatcher: CollectingDispatcher, sender: str, draft: dict[str, Any]) -> dict[str, Any]:
    texts = _texts()
    if not draft.get("text"):
        return _ask(dispatcher, draft, STEP_WHAT, texts["ask_what"])
    if not (draft.get("postal_code") or draft.get("commune") or draft.get("place_refused")):
        key = "ask_where_again" if draft.get("place_asks") else "ask_where"
        return _ask(dispatcher, draft, STEP_WHERE, texts[key])
    if not draft.get("theme"):
        # Not asked: citizens rarely know which box their trouble goes in, and one question
        # fewer is one drop-out fewer; the unit sees the text. « Thème : … » said anywhere wins.
        draft["theme"] = read_theme(draft["text"]) or THEME_OTHER
    if draft.get("visibility") not in GRIEVANCE_VISIBILITIES:
        titles = texts["visibility_buttons"]
        buttons = [{"title": titles[v], "payload": titles[v]} for v in GRIEVANCE_VISIBILITIES]
        # With two items in flight, the question names the one it is about (persona round 88:
        # « c pour laquelle ? »).
        question = texts["ask_visibility_named"].format(summary=summary_of(draft["text"])) \
            if draft.get("queue") or draft.get("from_queue") else texts["ask_visibility"]
        return _ask(dispatcher, draft, STEP_VISIBILITY, question, buttons)
    recorded = _record(dispatcher, sender, draft)
    place = {key: draft.get(key) for key in ("postal_code", "commune", "quartier")}
    done = {GRIEVANCE_RECORDED_KEY: recorded, "last_place": place}
    queue = draft.get("queue") or []
    if not queue:
        return done
    # The next item the citizen gave meanwhile, at the same place unless it names another.
    following: dict[str, Any] = {**done, "kind": queue[0]["kind"], "text": queue[0]["text"],
                                 "queue": queue[1:], "place_asks": 0, "from_queue": True}
    _read_fields(following, queue[0]["text"])
    if not (following.get("postal_code") or following.get("commune")):
        following.update(postal_code=draft.get("postal_code"), commune=draft.get("commune"),
                         quartier=draft.get("quartier"))
    return _next_question(dispatcher, sender, following)


def _ask(dispatcher: CollectingDispatcher, draft: dict[str, Any], step: str, text: str,
         buttons: list[dict[str, str]] | None = None) -> dict[str, Any]:
    dispatcher.utter_message(text=text, buttons=buttons or [])
    return {**draft, GRIEVANCE_STEP_KEY: step}


def _record(dispatcher: CollectingDispatcher, sender: str, draft: dict[str, Any]) -> int:
    item = Draft(kind=draft["kind"], text=draft["text"], theme=draft["theme"],
                 visibility=draft["visibility"], postal_code=draft.get("postal_code"),
                 commune=draft.get("commune"), quartier=draft.get("quartier"))
    recorded = backend().grievances.record(sender, item)
    labels, texts = grievance_texts(), _texts()
    where = ", ".join(p for p in (item.commune, item.postal_code, item.quartier) if p) or "lieu non précisé"
    key = "recorded" if recorded.unit_name else "recorded_no_unit"
    dispatcher.utter_message(text=texts[key].format(
        kind_lower=labels.kinds[item.kind].lower(), reference=recorded.reference, where=where,
        theme=labels.themes[item.theme].lower(), visibility_line=labels.visibilities[item.visibility] + ".",
    ))
    return recorded.id


def _list(dispatcher: CollectingDispatcher, sender: str, about_the_case: bool = False) -> None:
    """The citizen's items; « où en est ma demande, le dossier 2 ? » speaks of the case with the
    relais team first (persona round 90: « aucune doléance » to a man with a crisis case)."""
    items = backend().grievances.items_of(sender)
    texts, labels = _texts(), grievance_texts()
    case = backend().escalation.active_case(sender) if about_the_case else None
    if case is not None:
        dispatcher.utter_message(response=TEAM_FOLLOWS_UP, escalation=str(case.id))
        if not items:
            return
    if not items:
        dispatcher.utter_message(text=texts["list_empty"])
        return
    lines = [texts["list_header"]]
    for item in items:
        status = labels.statuses[item.status] + (f" ({item.custom_status})" if item.custom_status else "")
        lines.append(texts["list_line"].format(reference=item.reference, summary=item.summary,
                                               where=item.where, status=status))
        if item.answer:
            lines.append(texts["list_answer"].format(answer=item.answer))
    lines.append(texts["list_footer"].format(reference=items[-1].reference))
    dispatcher.utter_message(text="\n".join(lines))


def _withdraw(dispatcher: CollectingDispatcher, sender: str, state: dict[str, Any],
              reading: Reading, text: str) -> dict[str, Any]:
    item = _chosen(dispatcher, sender, reading.references, text)
    if item is None:
        return {GRIEVANCE_STEP_KEY: STEP_WHICH, "op": WITHDRAW}
    if item.id < 0:
        return {}
    change = backend().grievances.withdraw(sender, item.id)
    _tell_change(dispatcher, change.outcome, change.item or item, "withdrawn")
    return {}


def _detail(dispatcher: CollectingDispatcher, sender: str, state: dict[str, Any],
            reading: Reading, text: str) -> dict[str, Any]:
    item = _chosen(dispatcher, sender, reading.references, text, state.get(GRIEVANCE_RECORDED_KEY))
    if item is None:
        return {GRIEVANCE_STEP_KEY: STEP_WHICH, "op": DETAIL, "detail": _detail_text(text)}
    if item.id < 0:
        return {}
    detail = _detail_text(text)
    if not detail:
        dispatcher.utter_message(text=_texts()["ask_detail"].format(reference=item.reference))
        return {GRIEVANCE_STEP_KEY: STEP_DETAIL_TEXT, "item": item.id}
    return _add_detail(dispatcher, sender, item.id, detail)


def _which(dispatcher: CollectingDispatcher, sender: str, state: dict[str, Any], text: str) -> dict[str, Any]:
    reading = Reading(state.get("op", WITHDRAW), references=tuple(references_in(text)))
    if reading.request == WITHDRAW:
        return _withdraw(dispatcher, sender, {}, reading, text)
    item = _chosen(dispatcher, sender, reading.references, text)
    if item is None or item.id < 0:
        return {}
    if state.get("detail"):
        return _add_detail(dispatcher, sender, item.id, state["detail"])
    dispatcher.utter_message(text=_texts()["ask_detail"].format(reference=item.reference))
    return {GRIEVANCE_STEP_KEY: STEP_DETAIL_TEXT, "item": item.id}


def _add_detail(dispatcher: CollectingDispatcher, sender: str, item_id: int, text: str) -> dict[str, Any]:
    change = backend().grievances.add_detail(sender, item_id, text)
    _tell_change(dispatcher, change.outcome, change.item, "detail_added", item_id)
    return {}


def _tell_change(dispatcher: CollectingDispatcher, outcome: str, item: CitizenItem | None, done_key: str,
                 item_id: int | None = None) -> None:
    texts = _texts()
    if outcome == NOT_FOUND or item is None:
        dispatcher.utter_message(text=texts["not_yours"].format(reference=f"D-{item_id}"))
    elif outcome == DONE:
        dispatcher.utter_message(text=texts[done_key].format(reference=item.reference, summary=item.summary))
    else:
        status = grievance_texts().statuses[item.status]
        dispatcher.utter_message(text=texts["already_closed"].format(reference=item.reference, status=status))


def _chosen(dispatcher: CollectingDispatcher, sender: str, references: tuple[int, ...],
            text: str, latest: int | None = None) -> CitizenItem | None:
    """The item the citizen means: by its reference, the only open one, or the one whose words
    the message names (« celle sur le lampadaire »). None after asking which one; an item with
    id -1 when there is nothing to choose from (the citizen was told)."""
    items = backend().grievances.items_of(sender)
    texts = _texts()
    if references:
        wanted = references[0]
        for item in items:
            if item.id == wanted:
                return item
        dispatcher.utter_message(text=texts["not_yours"].format(reference=f"D-{wanted}"))
        return _nothing()
    place = ordinal_in(text)
    if place is not None and items and (place < len(items)):
        # « La première » of the list as « mes doléances » shows it.
        return items[place]
    open_items = [item for item in items if item.is_open]
    if not open_items:
        dispatcher.utter_message(text=texts["list_empty"])
        return _nothing()
    if len(open_items) == 1:
        return open_items[0]
    named = _named_by_words(open_items, text)
    if named is not None:
        return named
    if latest is not None:
        # « J'ajoute que… » right after an item was given: that item.
        return next((item for item in open_items if item.id == latest), open_items[-1])
    buttons = [{"title": f"{item.reference} — {item.summary}", "payload": item.reference} for item in open_items[:8]]
    dispatcher.utter_message(text=texts["which_one"].format(reference=open_items[-1].reference), buttons=buttons)
    return None


def _named_by_words(items: list[CitizenItem], text: str) -> CitizenItem | None:
    said = {word for word in normalise(text).split() if len(word) > 3}
    scored = [(len(said & {w for w in normalise(item.summary).split() if len(w) > 3}), item) for item in items]
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    return None


def _nothing() -> CitizenItem:
    return CitizenItem(-1, "", "doleance", "", "", "", None, None, datetime.now(timezone.utc))


_ADDED_THAT = re.compile(r"\b(r?ajouter|pr[ée]ciser|j'ajoute|je rajoute|je pr[ée]cise)\s+qu(?:e\s+|['’]\s*)(?P<detail>.+)$",
                         re.IGNORECASE | re.DOTALL)


def _detail_text(text: str) -> str:
    """The detail in « précision D-12 : le car passait à 7 h »: what follows the colon or the
    reference; else the whole message when it says more than the request (« j'ajoute que le
    dimanche aussi »); else nothing (then Relais asks for it)."""
    if ":" in text:
        return text.split(":", 1)[1].strip()
    added = _ADDED_THAT.search(text)
    if added and len(added.group("detail").split()) >= 2:
        # « Pour le frigo solidaire, je peux ajouter que je suis dispo le samedi ? »
        return added.group("detail").strip(" ?!.")
    after = re.split(r"\b[dD]\s?-?\s?\d+\b", text, maxsplit=1)
    if len(after) == 2 and len(after[1].split()) >= 3:
        return after[1].strip(" ,.-")
    return text.strip() if len(text.split()) >= 6 else ""


def _earlier_user_texts(tracker: Tracker) -> list[str]:
    """The citizen's messages before this one, without their answers to the crisis dialogue:
    « non, pas en danger, c'est le trottoir » answers the safety question, it is not what goes
    wrong (a persona round recorded it as the doléance)."""
    said: list[tuple[str, bool]] = []
    last_action = None
    for event in tracker.events:
        if event.get("event") == "action" and event.get("name") != "action_listen":
            last_action = event.get("name")
        elif event.get("event") == "user":
            said.append((event.get("text") or "", last_action == CRISIS_ACTION))
            last_action = None
    return [text for text, answers_crisis in said[:-1] if not answers_crisis]


def _said_before(tracker: Tracker) -> str | None:
    """The latest of the citizen's three messages before this one that says something (not
    only a place or a yes): what a « publiez » or « oui, faites remonter » is about."""
    said = _earlier_user_texts(tracker)[-3:]
    return next((text for text in reversed(said) if has_substance(text)), None)


# A « no » to the offer that goes on with a question this long asks that question.
QUESTION_BESIDE_NO_WORDS = 6


def _asks_beside_the_no(text: str) -> bool:
    return len(text.split()) >= QUESTION_BESIDE_NO_WORDS and (is_question(text) or bool(_NEED_BESIDE_NO.search(normalise(text))))


_NEED_BESIDE_NO = re.compile(r"\b(je veux|jveux|je voudrais|j'ai besoin|jai besoin|juste savoir|ma question)\b")


def _place_said_before(tracker: Tracker) -> dict[str, Any] | None:
    """A postal code the citizen gave in one of their last messages, for an item they start
    now: asked « c'est où ? », they would only say it again."""
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"][-4:-1]
    for text in reversed(said):
        if text.startswith("/"):
            # A button's payload (« /greet » of Telegram's /start, persona round 94: filed as
            # the commune « /greet ») is no place.
            continue
        # A short message then was likely the answer to « c'est où ? » of a flow not started.
        place = read_place(text, answer=len(text.split()) <= 5 and read_request(text) is None)
        if place.found:
            return {"postal_code": place.postal_code, "commune": place.commune, "quartier": place.quartier}
    return None


def _texts() -> dict[str, Any]:
    return grievance_texts().conversation
