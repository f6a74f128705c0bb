"""The observatory's vocabulary (issue #16): its indicators and keys, and a cell as the refresh
computes it. Shared by the refresh (relais.services.observatory) and the published figures
(relais.observatory)."""

from dataclasses import dataclass
from datetime import date

# A check-in mood at or under this is a low mood.
LOW_MOOD = 2
NO_KEY = ""
UNKNOWN_DEPARTEMENT = ""

# The indicators, in the order the pages show them.
CONVERSATIONS = "conversations"
NEED_TRACK = "need_track"
URGENCE = "urgence"
URGENCE_SCENARIO = "urgence_scenario"
CASE_REASON = "case_reason"
CASE_STATUS = "case_status"
CASE_TAKEN = "case_taken"
COACHES = "coaches"
GRIEVANCE_KIND = "grievance_kind"
GRIEVANCE_THEME = "grievance_theme"
GRIEVANCE_STATUS = "grievance_status"
ALERTED = "alerted"
WELFARE = "welfare"
MOOD = "mood"
MOOD_ALL = "mood_all"
MOOD_LOW = "mood_low"
INDICATORS = (CONVERSATIONS, NEED_TRACK, URGENCE, URGENCE_SCENARIO, CASE_REASON, CASE_STATUS,
              CASE_TAKEN, COACHES, GRIEVANCE_KIND, GRIEVANCE_THEME, GRIEVANCE_STATUS, ALERTED,
              WELFARE, MOOD, MOOD_ALL, MOOD_LOW)


@dataclass(frozen=True)
class Cell:
    period_start: date
    departement: str
    indicator: str
    key: str
    citizens: int
    facts: int
    total: float
