"""The citizen's contact instructions (relais.contact_wishes.ContactWishes) told in French: to
the coach on the case card, in notices and about held messages, and to the citizen when Relais
says what is noted. The phrases themselves are content (relais/content/contact_wishes.yml);
here they are chosen for the instructions given and put together."""

from typing import Literal

from relais.contact_wishes import WEEKDAYS, ContactTexts, ContactWishes, contact_texts

Reader = Literal["coach", "citizen"]

# An allowed time this short (« entre 9 h et midi ») is told as the window it is.
SHORT_WINDOW_HOURS = 9
# Between the phrases of several instructions, whoever reads them.
SEPARATOR = " ; "


def instructions_text(wishes: ContactWishes, who: Reader = "coach") -> str:
    """The instructions in one line, phrase after phrase; empty when there are none."""
    return SEPARATOR.join(instruction_phrases(wishes, who))


def instruction_phrases(wishes: ContactWishes, who: Reader = "coach") -> tuple[str, ...]:
    """Each instruction in a short French phrase, for the coach or the citizen."""
    wording = _wording(contact_texts(), who)
    phrases: list[str] = []
    hours = _hours_phrase(wishes, wording)
    if hours is not None:
        phrases.append(hours)
    if wishes.days_off:
        days = " et le ".join(WEEKDAYS[day] for day in wishes.days_off)
        phrases.append(wording["days_off"].format(days=days))
    for flag in ("no_weekend", "no_calls", "call_me", "discreet", "wait_for_me"):
        if getattr(wishes, flag):
            phrases.append(wording[flag])
    return tuple(phrases)


def _wording(texts: ContactTexts, who: Reader) -> dict[str, str]:
    return texts.coach if who == "coach" else texts.citizen


def _hours_phrase(wishes: ContactWishes, wording: dict[str, str]) -> str | None:
    # Only the hours the citizen gave: « pas avant 10 h » is not « entre 21 h et 10 h ».
    if wishes.quiet_from is not None and wishes.quiet_until is not None:
        allowed = (wishes.quiet_from - wishes.quiet_until) % 24
        # « Entre 9 h et midi » is told as a window, not as « aucun message entre 12 h et 9 h ».
        key = "window" if 0 < allowed <= SHORT_WINDOW_HOURS else "quiet_hours"
        return wording[key].format(start=wishes.quiet_from, end=wishes.quiet_until)
    if wishes.quiet_from is not None:
        return wording["quiet_after"].format(start=wishes.quiet_from)
    if wishes.quiet_until is not None:
        return wording["quiet_before"].format(end=wishes.quiet_until)
    return None
