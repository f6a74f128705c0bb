"""A plan of micro-actions (relais.plans chooses them) in French, as the citizen reads it in the
chat: one line each, with its effort and cost when the track's file gives them."""

from collections.abc import Sequence

from relais.track_content import MicroAction


def plan_text(actions: Sequence[MicroAction]) -> str:
    """« • text (Effort : … · Coût : …) », one line per action."""
    return "\n".join(_action_line(action) for action in actions)


def staged_plan_text(actions: Sequence[MicroAction], stages: Sequence[str]) -> str:
    """« 1. Semaine 1 : text (Effort : … · Coût : …) », one stage per action."""
    return "\n".join(f"{number}. {stage} : {_action_line(action)[2:]}"
                     for number, (stage, action) in enumerate(zip(stages, actions), start=1))


def _action_line(action: MicroAction) -> str:
    details = " · ".join(part for part in (
        f"Effort : {action.effort}" if action.effort else "",
        f"Coût : {action.cost}" if action.cost else "") if part)
    return f"• {action.text}" + (f" ({details})" if details else "")
