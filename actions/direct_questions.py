"""Questions answered from what Relais knows, whatever intent the model read: the team and the
citizen's case, the citizen's goal, how to see a psychologist; and signs of heat illness. One order for the actions that
read free text the model could not place (off-topic, fallback)."""

from typing import Any

from actions.escalation import answer_team_question
from actions.heat_illness import answer_heat_illness
from actions.psy_access import answer_psy_question
from actions.safety_questions import answer_safety_question
from actions.stated_goal import answer_goal_question


def answer_direct_question(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """The answer to such a question, or None when the latest message asks none."""
    for answer in (answer_safety_question, answer_heat_illness, answer_team_question, answer_goal_question,
                   answer_psy_question):
        answered = answer(dispatcher, tracker)
        if answered is not None:
            return answered
    return None
