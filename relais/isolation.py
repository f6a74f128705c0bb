"""Does a citizen speak of loneliness or isolation? (« depuis que ma femme est partie je vois
plus personne », « il y a des associations pour les personnes âgées isolées ? »)

Loneliness is the psy-coach's to answer with people and places to see again, not a track's
questionnaire nor « je ne sais pas vous aider ».
"""

import re

from relais.text import normalise

_ISOLATION = re.compile(
    r"\b(solitude|isolement|(je suis|je me sens|personnes?|gens|seniors?|anciens) (\w+ )?isolee?s?|je me sens (tres |si |trop |tellement |vraiment )?seule?|"
    r"je suis (tout |toute )?seule?\b(?! avec)|seule? (depuis|au monde|toute la journee|toute la semaine|a la maison|chez moi)|"
    r"je (ne )?vois (plus|jamais) personne|je (ne )?vois personne|personne a qui parler|plus personne (ne )?(vient|passe|m'appelle|me rend visite)|"
    r"plus de visites?|je m'ennuie (toute la journee|tout seul|toute seule|chez moi|depuis)|personne ne (vient|passe|m'appelle)|rompre l'isolement|lien social|"
    r"voir du monde|rencontrer (du monde|des gens)|sortir de chez moi|(veuf|veuve)\b|"
    r"depuis (que|le deces de|la mort de) (ma femme|mon mari|mon epouse|mon epoux|mon compagnon|ma compagne)|"
    r"associations? (pour|qui aident|qui s'occupent) (les )?(personnes agees|seniors|anciens|isoles|gens seuls))")


def speaks_of_isolation(text: str | None) -> bool:
    """True when the message speaks of loneliness or of finding company again."""
    return bool(_ISOLATION.search(normalise(text or "")))
