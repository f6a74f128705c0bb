"""A message Rasa could not place, while a track is under way: read in its context.

"C'est gratuit ?", "j'ai 68 ans", "je suis à Rennes" mean little alone and much after an answer
about the chèque énergie. Rather than "pas compris", Relais answers the sub-topic of the track it
now recognises, says more on the topic just answered, or goes on with the next actions.
"""

from dataclasses import dataclass

from relais.form_answers import is_question
from relais.topics import best_topic, question_topic
from relais.track_content import Topic, find_topic
from relais.track_turn import is_typed

# Inside the track under way a sub-topic is recognised at a lower share than from scratch.
IN_CONTEXT_THRESHOLD = 0.3

TOPIC, MORE, NEXT_ACTIONS = "topic", "more", "next_actions"


@dataclass(frozen=True)
class FollowUp:
    kind: str                      # TOPIC, MORE or NEXT_ACTIONS
    topic: Topic | None = None
    question: bool = False         # the citizen asked something Relais has no answer for


def follow_up(text: str, track: str | None, topic_key: str | None, more_shown: bool) -> FollowUp | None:
    """What to do with a message not understood alone; None without a track under way."""
    if not track or not is_typed(text):
        return None
    current = find_topic(topic_key)
    asked = is_question(text)
    match = best_topic(text, track, threshold=IN_CONTEXT_THRESHOLD)
    if match is None and asked:
        match = question_topic(text, track)
    if match and (current is None or match.topic.key != current.key):
        return FollowUp(TOPIC, match.topic)
    if current and current.more and asked and not more_shown:
        return FollowUp(MORE, current)
    return FollowUp(NEXT_ACTIONS, current, question=asked)
