"""Plans of three micro-actions chosen from the citizen's answers, three more on request."""

import re
from collections.abc import Sequence

from relais.text import normalise
from relais.track_content import MicroAction, track_content

PLAN_SIZE = 3
_EFFORT_ORDER = {"faible": 0, "moyen": 1, "fort": 2}
_FREE = ("0 €", "0 euro", "gratuit")


def _fits_engagement(action: MicroAction, engagement: str | None) -> bool:
    # A citizen with little time or money gets free, easy steps even where the file is silent.
    if engagement == "petits_pas" and "engagement" not in action.fits:
        return action.effort != "fort" and action.cost.strip().lower().startswith(_FREE)
    return True


def choose_actions(
    track: str,
    answers: dict[str, str | None],
    shown: Sequence[str] = (),
    topic_id: str | None = None,
    size: int = PLAN_SIZE,
    said: str = "",
) -> list[MicroAction]:
    """The next `size` actions of the track that fit the answers and were not shown yet, none
    that what the citizen `said` rules out.

    Actions made for the sub-topic the citizen talked about come first, then the easiest ones.
    """
    engagement = answers.get("engagement")
    words = normalise(said)
    skipped = [*shown, *(a.key for a in track_content(track).actions if _ruled_out(a, words))]
    candidates = _fitting(track, answers, skipped, engagement)
    if not candidates and not shown:
        # Nothing fits every answer (a student « sans internet » who wants to be accompanied,
        # with little time): the first plan is never empty. What fits the need, then what
        # fits what the citizen can give, then the track's easiest steps.
        needs = {slot: value for slot, value in answers.items() if slot.endswith("_besoin")}
        for relaxed in (needs, {}):
            candidates = _fitting(track, relaxed, skipped, engagement)
            if candidates:
                break

    def order(action: MicroAction) -> tuple[bool, int, int]:
        specific = sum(1 for slot in action.fits if answers.get(slot))
        return (topic_id not in action.topics if topic_id else True, -specific,
                _EFFORT_ORDER.get(action.effort, 1))

    return sorted(candidates, key=order)[:size]


def _ruled_out(action: MicroAction, words: str) -> bool:
    """A word of the action's `not_with` is in what the citizen said, as whole words."""
    return any(re.search(rf"\b{re.escape(word)}\b", words) for word in action.not_with)


def _fitting(track: str, answers: dict[str, str | None], shown: Sequence[str],
             engagement: str | None) -> list[MicroAction]:
    return [a for a in track_content(track).actions
            if a.key not in shown and a.fits_answers(answers) and _fits_engagement(a, engagement)]

