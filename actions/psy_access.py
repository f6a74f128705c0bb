"""« Y a des psys gratuits pour les étudiants ? »: how to see a psychologist without money
(relais/mood.py reads the question; the text is the crisis content's, one source for it)."""

from typing import Any

from relais.crisis import crisis_content
from relais.mood import (
    asks_about_drinking,
    asks_for_a_psychologist,
    asks_for_someone_to_talk_to_tonight,
    psychologist_answers,
    worries_for_a_relatives_mood,
)
from relais.track_turn import is_typed


def answer_psy_question(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """The ways to a psychologist (Mon soutien psy, the CMP; for students Santé Psy Étudiant, for
    young people the Maison des adolescents);
    None when the latest message asks nothing of the kind."""
    text = tracker.latest_message.get("text") or ""
    if not is_typed(text):
        return None
    spoken = [key for key, asked in (("relative_low_mood", worries_for_a_relatives_mood(text)),
                                     ("alcohol_worry", asks_about_drinking(text)),
                                     ("listening_tonight", asks_for_someone_to_talk_to_tonight(text))) if asked]
    for key in spoken:
        dispatcher.utter_message(text=crisis_content().text(key))
    if not asks_for_a_psychologist(text):
        return [] if spoken else None
    answers = crisis_content().dialogue["thoughts_answers"]
    for key in psychologist_answers(text):
        dispatcher.utter_message(text=str(answers[key]))
    return []
