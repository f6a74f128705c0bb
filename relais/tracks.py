"""The specialist tracks. Their ids are a contract with Rasa slots, intents and tests.

TRACKS is the one list of them in code; adding one is a checklist (README.md, « Adding a
track »), and tests/test_adding_a_track.py lists what a track still misses."""


# Track id -> the theme's name as citizens (and coaches) read it: in the menu, the welcome, the
# coach's name (« coach mobilité », actions/theme_text.py), progress and the data export. One word each, lower case,
# the words people use; the seed document's longer names ("mobilité décarbonée"...) are in
# DESIGN.md. The domain (domain/) repeats these words where Rasa utters a response by itself
# (the menu buttons, the lists of themes): tests/test_track_names.py keeps them in line.
TRACKS: dict[str, str] = {
    "alimentation": "alimentation",
    "mobilite": "mobilité",
    "economie": "budget",
    "logement": "logement",
    "travail": "travail",
    "energie": "énergie",
    "numerique": "numérique",
    "permaculture": "jardin",
}

TRACK_INTENT_PREFIX = "track_"
PHASES = ("urgence", "continu")


def track_from_intent(intent_name: str | None) -> str | None:
    """`track_energie` -> `energie`; anything else -> None."""
    if not intent_name or not intent_name.startswith(TRACK_INTENT_PREFIX):
        return None
    track = intent_name[len(TRACK_INTENT_PREFIX):]
    return track if track in TRACKS else None


def diagnostic_slots(track: str) -> list[str]:
    """The diagnostic questions of a track, in the order they are asked."""
    return [f"{track}_situation", f"{track}_besoin", "engagement"]

