"""A track's theme (relais.tracks.TRACKS) named in a French sentence by the action server, and its
coach's name."""

from relais.tracks import TRACKS

# Theme names starting with one of these letters are elided after « de ».
VOWELS = "aeéèêiîouy"


def of_theme(track: str) -> str:
    """« de mobilité », « d'alimentation »: the track's name after « de », elided before a vowel."""
    name = TRACKS[track]
    return f"d'{name}" if name[:1].lower() in VOWELS else f"de {name}"


def coach_name(track: str) -> str:
    """« coach mobilité »: how the specialist of a track is named, the same for every track."""
    return f"coach {TRACKS[track]}"
