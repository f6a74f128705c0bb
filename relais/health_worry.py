"""Whether a citizen who asks for a person worries about someone's health (« il a les mains
un peu froides, je m'inquiète, je peux parler à quelqu'un ? » about a baby at night).

The relais team answers in hours; a worry about health needs the 15 now. Not a crisis: no
danger is told, so the crisis dialogue does not start; the request for a person gets the
health line beside it (relais/content/crisis.yml, dialogue.health_signs). Free of any framework.
"""

import re

from relais.safety import speaks_of_a_person
from relais.text import normalise

_WORRY = re.compile(
    r"\b(je m'inquiete|je suis inquiete?|ca m'inquiete|j'ai peur pour (lui|elle|mon|ma)|"
    r"(a|fait) de la fievre|mains? (un peu |toutes? |tres )?froides?|tout froid|toute froide|gele|gelee|"
    r"respire mal|tousse beaucoup|vomit|ne (mange|boit) plus|tout pale|toute pale|tres pale|tout mou|toute molle)\b")


def worries_about_health(text: str | None) -> bool:
    """A worry about the health of someone named in the message (or the writer's body)."""
    words = normalise(text or "")
    return bool(_WORRY.search(words)) and speaks_of_a_person(text)
