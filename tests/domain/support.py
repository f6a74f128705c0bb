"""Constants and helpers shared by the domain tests (fixtures are in conftest.py; the clock is
tests/support/clock.py)."""

# The version of the privacy notice a citizen consents to in the tests.
NOTICE = "2026-11"
