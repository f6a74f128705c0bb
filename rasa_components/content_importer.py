"""Rasa reads the example messages of the track files (relais/content/tracks/) as NLU data.

Content designers keep a sub-topic's examples next to its answer, in one file per track; DIET
learns them (`examples`, not `subtopic_examples`) as examples of the track's intent
(`track_energie`), so one source feeds both the routing and the sub-topics (relais/topics.py). Declared in config.yml under `importers`, beside
Rasa's own file importer.
"""

from typing import Dict, Optional

from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.structures import StoryGraph
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from relais.safety import assess
from relais.track_content import all_topics
from relais.tracks import TRACK_INTENT_PREFIX


def spread(examples, count: Optional[int]):
    """`count` examples taken evenly through the list (writers vary style as they go)."""
    if not count or len(examples) <= count:
        return list(examples)
    step = len(examples) / count
    return [examples[int(i * step)] for i in range(count)]


def _crisis_words(example: str) -> bool:
    # « ça sent le gaz », « l'eau monte dans la maison »: the crisis lexicon's business. Taught
    # to DIET as a track, they would teach it that danger is a track question, and lower the
    # model's crisis recall on phrasings the lexicon does not know.
    assessment = assess(example)
    return assessment.is_crisis or assessment.concern


def track_examples(examples_per_topic: Optional[int] = None) -> TrainingData:
    messages = [
        Message.build(text=example, intent=f"{TRACK_INTENT_PREFIX}{topic.track}")
        for topic in all_topics()
        for example in spread([e for e in topic.routing_examples if not _crisis_words(e)], examples_per_topic)
    ]
    return TrainingData(training_examples=messages)


class TrackContentImporter(TrainingDataImporter):
    """Only NLU examples; the domain, stories and config come from Rasa's file importer."""

    def __init__(self, config_file: Optional[str] = None, domain_path: Optional[str] = None,
                 training_data_paths=None, examples_per_topic: Optional[int] = None) -> None:
        # DIET's training time grows with the examples: routing needs a share of each topic's
        # examples, the sub-topic model (relais/topics.py) reads them all.
        self._examples_per_topic = examples_per_topic

    def get_domain(self) -> Domain:
        return Domain.empty()

    def get_stories(self, exclusion_percentage: Optional[int] = None) -> StoryGraph:
        return StoryGraph([])

    def get_conversation_tests(self) -> StoryGraph:
        return StoryGraph([])

    def get_config(self) -> Dict:
        return {}

    def get_config_file_for_auto_config(self) -> Optional[str]:
        return None

    def get_nlu_data(self, language: Optional[str] = "en") -> TrainingData:
        return track_examples(self._examples_per_topic)
