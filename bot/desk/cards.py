"""What coaches read about cases, the same on Telegram and in the terminal: the case card, the
lists of cases, and the card's buttons on Telegram."""

import asyncio
from collections.abc import Callable
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.desk.texts import CASES_HEADING, NO_CASES, REASONS_FR, STATUS_FR
from relais.contact_wishes import contact_texts
from relais.crisis import kind_label
from relais.models import utc_now
from relais.services.desk import CRISIS_PRIORITY
from relais.services.errors import ServiceError
from relais.services.escalation import CaseInfo
from relais.services.progress import ProgressService
from relais.track_content import find_topic
from relais.tracks import TRACKS
from texts.contact_wishes import instructions_text
from texts.progress import progress_lines

LAST_MESSAGES = 10


async def case_card(case: CaseInfo, tracker: dict, progress: ProgressService, relais: str,
                    label: str) -> str:
    """The case card coaches read: who (`label`, a pseudonym), where, what, the follow-up, the
    last messages of the conversation."""
    slots = tracker.get("slots") or {}
    lines = [
        f"Dossier n°{case.id} — {REASONS_FR.get(case.reason, case.reason)}"
        f"{kind_note(case.crisis_kind)} (priorité {case.priority})",
        f"Personne : {label}",
        *_instructions(case),
        _why_shared(case),
        f"Relais : {relais}",
        f"Phase : {slots.get('phase') or '—'} · Thème : {TRACKS.get(slots.get('track') or '', '—')}",
        *_subject(slots.get("topic")),
        f"Ouvert le {case.opened_at:%d/%m/%Y à %H:%M} (UTC)",
        "",
        "Suivi :",
        await _progress_text(progress, case.conversation_id),
        "",
        f"Derniers messages ({LAST_MESSAGES} au plus) :",
        _last_messages(tracker.get("events") or []),
    ]
    # Telegram counts UTF-16 units (an emoji is two): a margin under its 4,096.
    return "\n".join(lines)[:3800]


def _subject(topic_key: str | None) -> list[str]:
    """The sub-topic last answered (« Toit abîmé, la pluie entre »): what the citizen came for,
    before the coach reads the messages."""
    topic = find_topic(topic_key)
    return [f"Sujet : {topic.title}"] if topic else []


def cases_by_relais(cases: list[CaseInfo], relais_name: Callable[[CaseInfo], str]) -> str:
    """The cases a coach may see, per relais, with their age (the Telegram desk's /cases)."""
    if not cases:
        return NO_CASES
    by_relais: dict[str, list[str]] = {}
    for case in cases:
        line = (f"n°{case.id} · {REASONS_FR.get(case.reason, case.reason)} · "
                f"{STATUS_FR.get(case.status, case.status)} · depuis {age(case.opened_at)}")
        by_relais.setdefault(relais_name(case), []).append(line)
    blocks = [f"{relais} :\n" + "\n".join(f"- {line}" for line in lines)
              for relais, lines in sorted(by_relais.items())]
    return f"{CASES_HEADING}\n\n" + "\n\n".join(blocks)


def cases_lines(cases: list[CaseInfo]) -> str:
    """The cases a coach may see, one line each with its relais' code (the terminal desk)."""
    if not cases:
        return NO_CASES
    return "\n".join(
        f"n°{c.id} · {REASONS_FR.get(c.reason, c.reason)} · {STATUS_FR.get(c.status, c.status)}"
        f" · {c.relais_code or 'relais ?'}" for c in cases
    )


def topic_name(case: CaseInfo, slots: dict) -> str:
    """A case's topic in the coaches' group: number, priority, theme, relais."""
    track = TRACKS.get(slots.get("track") or "", "sans thème")
    reason = "CRISE" if case.priority == CRISIS_PRIORITY else f"P{case.priority}"
    relais = case.relais_code or "relais ?"
    return f"n°{case.id} · {reason} · {track} · {relais}"[:128]


def card_keyboard(case: CaseInfo, taken: bool) -> InlineKeyboardMarkup:
    close = InlineKeyboardButton("Clore", callback_data=f"close:{case.id}")
    if taken:
        return InlineKeyboardMarkup([[close]])
    take = InlineKeyboardButton("Prendre en charge", callback_data=f"take:{case.id}")
    return InlineKeyboardMarkup([[take, close]])


def kind_note(kind: str | None) -> str:
    """A crisis's kind for coaches, as " (idées suicidaires)"; nothing when unknown."""
    return f" ({kind_label(kind)})" if kind else ""


def age(opened_at: datetime) -> str:
    minutes = int((utc_now() - opened_at).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d}"


def _instructions(case: CaseInfo) -> list[str]:
    """The citizen's contact instructions, first thing a coach reads after who it is."""
    if not case.contact_wishes.has_instructions:
        return []
    texts = contact_texts()
    return [f"{texts.coach['heading']} : " + instructions_text(case.contact_wishes)]


def _why_shared(case: CaseInfo) -> str:
    """Why the team sees this conversation: the citizen's yes, or a crisis (vital interest)."""
    if case.priority == CRISIS_PRIORITY:
        return (f"Partagé sans demande de la personne : crise (intérêt vital, RGPD art. 9.2.c). "
                f"Vous voyez ce résumé et ses {LAST_MESSAGES} derniers messages.")
    return (f"Partagé à la demande de la personne : ce résumé et ses {LAST_MESSAGES} derniers "
            "messages.")


async def _progress_text(progress: ProgressService, conversation_id: str) -> str:
    try:
        summary = await asyncio.to_thread(progress.summary, conversation_id)
    except ServiceError:
        return "indisponible"
    if summary.is_empty:
        return "rien d'enregistré (pas de consentement ou pas encore de suivi)"
    # The citizen's lines read as well for the coach; their heading, addressed to the
    # citizen ("Votre suivi avec Relais"), does not.
    return "\n".join(progress_lines(summary))


def _last_messages(events: list[dict]) -> str:
    said = [e for e in events if e.get("event") in ("user", "bot") and e.get("text")]
    lines = []
    for event in said[-LAST_MESSAGES:]:
        who = "Personne" if event["event"] == "user" else "Relais"
        text = " ".join(event["text"].split())
        lines.append(f"{who} : {text[:300]}{'…' if len(text) > 300 else ''}")
    return "\n".join(lines) or "(aucun message disponible)"
