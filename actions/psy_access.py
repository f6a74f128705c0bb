"""« Y a des psys gratuits pour les étudiants ? »: how to see a psychologist without money
(relais/mood.py reads the question; the text is the crisis content's, one source for it)."""

from typing import Any

from relais.crisis import crisis_content
from relais.mood import asks_for_a_psychologist, psychologist_answers
from relais.track_turn import is_typed


def answer_psy_question(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """The ways to a psychologist (Mon soutien psy, the CMP; for students Santé Psy Étudiant, for
    young people the Maison des adolescents);
    None when the latest message asks nothing of the kind."""
    text = tracker.latest_message.get("text") or ""
    if not is_typed(text) or not asks_for_a_psychologist(text):
        return None
    answers = crisis_content().dialogue["thoughts_answers"]
    for key in psychologist_answers(text):
        dispatcher.utter_message(text=str(answers[key]))
    return []
