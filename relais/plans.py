"""Plans of three micro-actions chosen from the citizen's answers, three more on request."""

from typing import Dict, List, Optional, Sequence

from relais.track_content import MicroAction, track_content

PLAN_SIZE = 3
_EFFORT_ORDER = {"faible": 0, "moyen": 1, "fort": 2}
_FREE = ("0 €", "0 euro", "gratuit")


def _fits_engagement(action: MicroAction, engagement: Optional[str]) -> bool:
    # A citizen with little time or money gets free, easy steps even where the file is silent.
    if engagement == "petits_pas" and "engagement" not in action.fits:
        return action.effort != "fort" and action.cost.strip().lower().startswith(_FREE)
    return True


def choose_actions(
    track: str,
    answers: Dict[str, Optional[str]],
    shown: Sequence[str] = (),
    topic_id: Optional[str] = None,
    size: int = PLAN_SIZE,
) -> List[MicroAction]:
    """The next `size` actions of the track that fit the answers and were not shown yet.

    Actions made for the sub-topic the citizen talked about come first, then the easiest ones.
    """
    engagement = answers.get("engagement")
    candidates = _fitting(track, answers, shown, engagement)
    if not candidates and not shown:
        # Nothing fits every answer (a student « sans internet » who wants to be accompanied,
        # with little time): the first plan is never empty. What fits the need, then what
        # fits what the citizen can give, then the track's easiest steps.
        needs = {slot: value for slot, value in answers.items() if slot.endswith("_besoin")}
        for relaxed in (needs, {}):
            candidates = _fitting(track, relaxed, shown, engagement)
            if candidates:
                break

    def order(action: MicroAction):
        specific = sum(1 for slot in action.fits if answers.get(slot))
        return (topic_id not in action.topics if topic_id else True, -specific,
                _EFFORT_ORDER.get(action.effort, 1))

    return sorted(candidates, key=order)[:size]


def _fitting(track: str, answers: Dict[str, Optional[str]], shown: Sequence[str],
             engagement: Optional[str]) -> List[MicroAction]:
    return [a for a in track_content(track).actions
            if a.key not in shown and a.fits_answers(answers) and _fits_engagement(a, engagement)]


def render_actions(actions: Sequence[MicroAction]) -> str:
    lines = []
    for action in actions:
        details = " · ".join(part for part in (
            f"Effort : {action.effort}" if action.effort else "",
            f"Coût : {action.cost}" if action.cost else "") if part)
        lines.append(f"• {action.text}" + (f" ({details})" if details else ""))
    return "\n".join(lines)
