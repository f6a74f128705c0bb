"""The citizens' local time: quiet hours, check-in days and the dates shown are Paris time."""

from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Paris")
