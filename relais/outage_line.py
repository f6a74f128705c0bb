"""The number to report a power cut, for a citizen's département.

Relais' advice on a power cut says « 09 726 750 suivi des 2 chiffres de votre département »; a
citizen who then says where they live (« j'habite à Limoges », « le 87 ») should get the whole
number, not the rule again (persona round 15: asked three times). Free of any framework.
"""

from relais.geography import Departement

# Enedis' breakdown line: this prefix and the two digits of the département, 24 h a day, at
# the price of a local call.
ENEDIS_PREFIX = "09 726 750"
# Corsica and overseas are not served by Enedis (EDF's island systems).
_NOT_ENEDIS = frozenset({"2A", "2B"})


def mentions_the_rule(text: str | None) -> bool:
    """Relais gave the rule, not the number, in this message."""
    return ENEDIS_PREFIX in (text or "")


def breakdown_line(departement: Departement) -> str:
    """The whole breakdown number for the département, in French, or what to do where Enedis
    does not run the network."""
    if departement.code in _NOT_ENEDIS or len(departement.code) == 3:
        return (f"Pour {departement.name}, le réseau électrique n'est pas celui d'Enedis : pour signaler "
                "une panne, appelez le numéro de dépannage d'EDF indiqué sur votre facture ou votre contrat.")
    return (f"Dépannage électricité pour {departement.name} : {ENEDIS_PREFIX} {departement.code[-2:]} "
            "(Enedis, 24 h/24, prix d'un appel local). Dites-leur depuis quand vous êtes coupé·e et si une "
            "personne fragile vit chez vous.")
