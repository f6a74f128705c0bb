"""A lookup of the directory by département code, which only the tests need (the citizen gives a
postal code: RelaisDirectory.find_by_postal_code)."""

from relais.directory import (
    REASON_FORMAT,
    REASON_UNKNOWN,
    RelaisDirectory,
    RelaisLookup,
    normalise_departement,
)


def find_by_departement(directory: RelaisDirectory, code: str | None) -> RelaisLookup:
    departement = normalise_departement(code)
    if departement is None:
        return RelaisLookup(reason=REASON_FORMAT)
    team = next((team for team in directory.teams if departement in team.departements), None)
    if team is None:
        return RelaisLookup(reason=REASON_UNKNOWN)
    return RelaisLookup(team=team, departement=departement)
