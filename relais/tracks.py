"""The eight specialist tracks. Their ids are a contract with Rasa slots, intents and tests."""

from typing import Dict, Optional

TRACKS: Dict[str, str] = {
    "alimentation": "alimentation durable",
    "mobilite": "mobilité décarbonée",
    "economie": "modèle économique résilient",
    "logement": "sobriété territoriale du logement",
    "travail": "travail raisonné",
    "energie": "auto-production énergétique",
    "numerique": "survie numérique",
    "permaculture": "activité permaculturelle",
}

TRACK_INTENT_PREFIX = "track_"
PHASES = ("urgence", "continu")


def track_from_intent(intent_name: Optional[str]) -> Optional[str]:
    """`track_energie` -> `energie`; anything else -> None."""
    if not intent_name or not intent_name.startswith(TRACK_INTENT_PREFIX):
        return None
    track = intent_name[len(TRACK_INTENT_PREFIX):]
    return track if track in TRACKS else None


def diagnostic_slots(track: str) -> list:
    """The diagnostic questions of a track, in the order they are asked."""
    return [f"{track}_situation", f"{track}_besoin", "engagement"]
