"""How likely a message is a crisis, and of which kind: a classifier of its own.

DIET reads a crisis among fifty intents, with one shared softmax: a crisis phrasing it never saw
often lands on a track. This classifier answers only "calm or which crisis kind", over character
and word n-grams of the normalised text (relais.text: SMS spellings, repeated letters, format
characters), with probabilities calibrated on held-out folds so that a threshold means the same
thing for every kind. It is fitted when Rasa trains, on the NLU data (crisis intents against
every other intent, look-alikes included), and stored in the model (rasa_components/
crisis_guard.py). relais.safety.triage decides what its probability is worth.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relais.crisis import CRISIS_KINDS
from relais.text import normalise

CALM = "calm"
# Words that carry no danger by themselves, left out of the word features: "je me ..." is how
# self-harm is told and also how one tells of a new job ("je me reconvertis"); without this list
# a sentence of known function words and one unknown noun read as a crisis. Negations stay:
# "je ne veux plus vivre". The character n-grams still see every word.
FUNCTION_WORDS = tuple(
    "je j me m te t se s le la les l de d du des et a au aux un une en dans sur pour par que qu "
    "qui ce c ca il elle on nous vous ils elles mon ma mes ton ta tes son sa ses y est suis ai as".split())


@dataclass(frozen=True)
class CrisisReading:
    """The probability that a message is any crisis, and the likeliest crisis kind."""

    probability: float
    kind: str | None


class CrisisClassifier:
    def __init__(self, model: Any) -> None:
        self._model = model
        self._classes = list(model.classes_) if model is not None else []

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[str]) -> "CrisisClassifier":
        """`labels`: a crisis kind of relais.crisis.CRISIS_KINDS, or CALM."""
        # Imported here: scikit-learn is slow to import and only training and Rasa need it.
        import numpy
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import LinearSVC

        unknown = set(labels) - set(CRISIS_KINDS) - {CALM}
        if unknown:
            raise ValueError(f"unknown crisis labels: {sorted(unknown)}")
        if len(set(labels)) < 2 or CALM not in labels:
            return cls(None)
        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                            stop_words=list(FUNCTION_WORDS), token_pattern=r"(?u)\b\w+\b"),
        )
        # Balanced weights: calm messages outnumber each kind fifty to one, and a kind with few
        # examples must still be heard. Sigmoid calibration over 3 folds gives probabilities.
        classifier = CalibratedClassifierCV(
            # Seeded: liblinear shuffles the data; the same examples must give the same model
            # on every machine (the blind floors are checked against it in CI).
            LinearSVC(C=0.5, class_weight="balanced", random_state=0), cv=3, method="sigmoid")
        model = make_pipeline(features, classifier)
        # An array, not a list: scikit-learn counts the examples of each class with `y == class`.
        model.fit([normalise(text) for text in texts], numpy.array(labels))
        return cls(model)

    def save(self, path: Path) -> None:
        # joblib (scikit-learn's own persistence): the file is the model's, written when Rasa
        # trains and read when it loads, never from elsewhere.
        import joblib

        joblib.dump(self._model, path)

    @classmethod
    def load(cls, path: Path) -> "CrisisClassifier":
        import joblib

        return cls(joblib.load(path))

    def read(self, text: str | None) -> CrisisReading:
        if self._model is None or not text:
            return CrisisReading(0.0, None)
        probabilities = self._model.predict_proba([normalise(text)])[0]
        by_class = dict(zip(self._classes, probabilities))
        calm = float(by_class.get(CALM, 0.0))
        kinds = {label: float(p) for label, p in by_class.items() if label != CALM}
        # The keys come from `kinds` itself: get() never returns None here. Left as is (this file
        # is an input of the trained model), hence the ignore rather than another spelling.
        kind = max(kinds, key=kinds.get) if kinds else None  # type: ignore[arg-type]
        return CrisisReading(1.0 - calm, kind)
