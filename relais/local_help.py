"""Where a citizen finds help near them, as data: their relais team with its real contact, or,
while the team's entry is sample data, the public services of that place that exist today.

Those services exist everywhere, so they need no directory of their own: the mairie of the
citizen's commune and its CCAS, the nearest France Services, Allô Service Public, and the
préfecture of the département (its town from directory/departements.yml). The action server
words them (actions/relais.py, responses in domain/relais_lookup.yml); nothing here is a sentence.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from relais.directory import RelaisDirectory, RelaisTeam
from relais.geography import Departement
from relais.geography import departements as all_departements


@dataclass(frozen=True)
class Prefecture:
    departement: str  # "69"
    departement_name: str  # "Rhône"
    town: str  # "Lyon"


@dataclass(frozen=True)
class LocalHelp:
    team: RelaisTeam
    # The préfecture of the citizen's département; None when the département is not known (a
    # team that covers several and no postal code to choose).
    prefecture: Prefecture | None

    @property
    def team_contact(self) -> str | None:
        """The team's real contact; None while its entry is sample data (never a placeholder)."""
        return None if self.team.sample else self.team.contact


def local_help(
    directory: RelaisDirectory,
    relais_code: str | None = None,
    postal_code: str | None = None,
    departements: Mapping[str, Departement] | None = None,
) -> LocalHelp | None:
    """The help near a citizen, from their postal code (or the text that holds it) and, failing
    that, the code of their relais team; None when neither leads to a team."""
    lookup = directory.find_by_postal_code(postal_code) if postal_code else None
    if lookup is not None and lookup.team is not None:  # lookup.found
        team, departement = lookup.team, lookup.departement
    else:
        by_code = directory.find_by_code(relais_code)
        if by_code is None:
            return None
        team = by_code
        # A team of one département (overseas, mostly) tells where the citizen is.
        departement = team.departements[0] if len(team.departements) == 1 else None
    return LocalHelp(team=team, prefecture=_prefecture(departement, departements))


def _prefecture(
    code: str | None, departements: Mapping[str, Departement] | None
) -> Prefecture | None:
    if code is None:
        return None
    entry = (departements if departements is not None else all_departements()).get(code)
    if entry is None:
        return None
    return Prefecture(departement=entry.code, departement_name=entry.name, town=entry.chef_lieu)
