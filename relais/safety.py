"""Crisis lexicon: the deterministic half of crisis detection.

The NLU model recognises most crisis messages, but a missed crisis is the worst failure Relais
can have, so the phrasings that must never be missed are also matched here, by explicit and
reviewable patterns. The same lexicon serves the Rasa pipeline (rasa_components.crisis_guard)
and the Telegram edge, which must answer a crisis even when Rasa is down.

It also knows common idioms that look like a crisis and are not ("mort de rire", "ma batterie
est morte"): they let the pipeline overrule a model that confuses them with a crisis, but they
never overrule a crisis pattern.
"""

import re
from dataclasses import dataclass
from typing import Optional, Pattern, Tuple

from relais.text import normalise

# Patterns run on relais.text.normalise() output: lower-case, no accents, single spaces.
_WANT = r"(veux|voudrais|aimerais|envie de|prefere|prefererais|vais|souhaite|besoin de|pense a|pense souvent a|compte|hate de|ai decide de|tente de|essaye de|essayer de)"
_ME = r"(me |m')"

CRISIS_PATTERNS: Tuple[Tuple[str, Pattern], ...] = tuple(
    (category, re.compile(pattern))
    for category, pattern in (
        # Suicidal ideation, direct.
        ("suicide", r"suicid"),
        ("suicide", rf"{_WANT} (\w+ ){{0,2}}me (tuer|supprimer|foutre en l'air|flinguer|pendre|noyer|jeter)\b"),
        ("suicide", r"\bme (supprimer|foutre en l'air|flinguer|pendre)\b"),
        ("suicide", r"\bje me (tue|supprime)\b(?! (a|au|aux|pour|avec|de) )"),
        ("suicide", rf"{_WANT} (\w+ ){{0,2}}(mourir|crever)\b(?! (de|d') (rire|faim|soif|chaud|froid|ennui|honte|envie|fatigue|peur|impatience))"),
        ("suicide", r"\b(veux|voudrais|aimerais|envie de|prefere) (\w+ ){0,2}(etre mort|etre morte|plus etre la|plus exister|disparaitre pour (toujours|de bon))"),
        ("suicide", r"\ben finir\b(?! avec (?!(la vie|ma vie|cette vie|tout|moi|l'existence|mes jours)\b))"),
        ("suicide", r"\bmettre fin a (mes jours|ma vie|tout|mon existence)"),
        ("suicide", r"\b(plus|pas|aucune?|perdu) (\w+ ){0,2}(envie|raison|gout|force) (de|d') (vivre|exister|continuer a vivre)"),
        ("suicide", r"\b(marre|fatigue|fatiguee|las|lasse|peur) de (la vie|vivre|exister)\b"),
        ("suicide", r"\bla vie (n'a|a) (plus|aucun) (de )?sens\b"),
        ("suicide", r"\b(ne plus|ne pas|jamais) me reveiller\b"),
        ("suicide", r"\bm'endormir (pour toujours|a jamais|pour de bon|definitivement)"),
        ("suicide", r"\b(mieux|mieux lotis?|plus heureux) sans moi\b"),
        ("suicide", r"\b(un fardeau|un poids|une charge) pour (tout le monde|les autres|mes proches|ma famille|mes enfants|eux)"),
        ("suicide", r"\b(lettres? d'adieux?|faire mes adieux|dire adieu a (tout le monde|tous|mes proches|la vie))"),
        ("suicide", r"\b(plus|pas|aucune|sans) (d'|d )?(autre )?issue\b"),
        ("suicide", r"\bpartir pour (de bon|toujours)\b"),
        ("suicide", r"\b(pars|partir|m'en vais|men vais|m'en aller)\b.{0,40}\b((ne )?reviendrai (pas|plus|jamais)|pour toujours|pour de bon|sans retour)"),
        ("suicide", r"\b(me reverrez|me reverras|me verrez) (plus|jamais)\b"),
        ("suicide", r"\badieux?\b(?! ((a|au|aux) )?(la|le|les|l'|ce|cette|ces)\b)(?! et a (demain|bientot|plus|la semaine|lundi|tout a l'heure))"),
        ("suicide", r"\b(ne serai|serai) plus (la|de ce monde)\b"),
        ("suicide", r"\ba quoi bon (vivre|continuer|me battre|rester en vie|exister)"),
        ("suicide", r"\b(ma vie|la vie|je) ne (vaut|vaux) (plus )?rien\b"),
        ("suicide", r"\b(repere|choisi|trouve) l'endroit\b"),
        ("suicide", r"\b(ils|elles|on) trouveront tout\b"),
        ("suicide", r"\bje n'en aurai (plus|jamais) besoin\b"),
        ("suicide", r"\b(cesser|arreter|finir) d'exister\b"),
        ("suicide", r"\bcomment je vais (le )?faire et quand\b"),
        ("suicide", r"\b(donne|distribue|offert|legue) (\w+ ){0,4}(toutes |tous )?mes (affaires|biens|animaux)\b"),
        ("suicide", r"\bje ne (derangerai|generai|embeterai|ennuierai|coulerai) plus (personne|jamais|longtemps)"),
        ("suicide", r"\bpersonne (ne )?(s'en rendra compte|remarquera|me regrettera|me manquera|ne verra la difference)"),
        ("suicide", r"\b(dire|dites|direz) a (ma|mon|mes) \w+ que je (l'|les )?aime\b"),
        ("suicide", r"\bje ne (pourrai|serai) plus (la |le |lui |leur )?(pour )?(le |la |les |lui |leur )?(dire|voir|la)\b"),
        ("suicide", r"\b(plus|pas|aucun) (l'interet|le sens|d'interet|de sens|la force|le courage) (de|d'|a) ?(vivre|continuer|me lever|exister|rester en vie)"),
        ("suicide", r"\bidees (noires|suicidaires|de mort)\b"),
        # "The end of the road": said of oneself, not of a path (nothing after it: "du chemin de halage").
        ("suicide", r"\b(pour moi (c'est|c'etait) |je suis (arrivee? )?(a|au) |j'arrive (a|au) |on arrive (a|au) )(la )?(fin|bout) (du|de mon|de ma|de la) (chemin|route|voyage|parcours)\b(?! (de|d'|du|des) )"),
        ("suicide", r"\b(fin|bout) (du|de mon|de ma|de la) (chemin|route|voyage) pour moi\b"),
        ("suicide", r"\b(sauter|me jeter) (du|d'un|de la|par la|sous|dans le vide|d'une)\b"),
        ("suicide", r"\b(avaler|prendre) (tous |toutes |toute )?(mes|la boite de|les|une boite de) (medicaments|medocs|cachets|pilules|comprimes)\b"),
        ("suicide", r"\b(overdose|pendaison|corde au cou)\b"),
        # Self-harm.
        ("self_harm", r"\b(scarifi|automutil|auto mutil)"),
        ("self_harm", r"\bme (couper|coupe|taillader|tailladee?) (les |le |aux )?(veines|poignets?|bras|cuisses?|peau)"),
        ("self_harm", r"\b(me faire|me fais|me suis fait|je me fais) du mal\b"),
        ("self_harm", r"\b(me suis |je m'|m')(entaille|entailler|coupe|taillade|brule|scarifie)e?s? (les |le |la |l'|aux |au )?(bras|avant bras|poignets?|veines|cuisses?|jambes?|peau)"),
        ("self_harm", r"\bme (bruler|brule|blesser|blesse|frapper) (expres|volontairement|moi meme)"),
        # Violence from someone else, domestic violence, a child in danger.
        ("violence", r"\b(me|m') (frappe|bat|battu|battue|cogne|etrangle|viole|violee?|tabasse)\b"),
        # Not "mon chef va me tuer si je rends le dossier en retard": a figure of speech at work.
        ("violence", r"\b(il|elle|ils|on|mon (?!(chef|patron|boss|prof|manager|collegue|entraineur|coach)\b)\w+|ma (?!(cheffe|patronne|prof|manageuse|collegue)\b)\w+) (va|veut|menace de|a menace de|risque de) (me|nous|la|le) tuer\b"),
        ("violence", r"\bpeur (qu'il|qu'elle|qu'ils|que mon \w+|que ma \w+) (me|nous|la|le) (tue|frappe|batte)\b"),
        ("violence", r"\bviolences? (conjugales?|familiales?|domestiques?|sexuelles?)"),
        ("violence", r"\b(mon|ma|le|la) (mari|femme|conjoint|conjointe|compagnon|compagne|copain|copine|pere|mere|beau pere|belle mere|ex) (me|m') (frappe|bat|cogne|menace|etrangle|viole|enferme|a frappee?|a battue?)"),
        ("violence", r"\b(il|elle|ils) (me|m') (a|ont) (frappee?|battue?|etranglee?|violee?|menacee? (de mort|avec))"),
        # Immediate danger to life.
        ("danger", r"\b(odeur|fuite|sent|sens) (de |le |du )?gaz\b"),
        ("danger", r"\b(il y a le feu|au feu|mon appart(ement)? brule|la maison brule|un incendie chez|incendie dans)"),
        ("danger", r"\bmonoxyde\b"),
        ("danger", r"\b(ne respire plus|respire plus|inconscient|inconsciente|evanoui|evanouie|ne se reveille pas|fait un malaise)"),
        ("danger", r"\b(coinces?|coincees?|bloques?|bloquees?|pieges?|piegees?) (par|dans|a cause de) (l'eau|les eaux|la crue|les flammes|le feu|la fumee)"),
        ("danger", r"\bl'eau (monte|arrive) (encore|vite|jusqu|dans la maison|a l'etage|au premier)"),
        ("danger", r"\b(enfant|bebe|petit|petite|fils|fille)\b.{0,40}\benfermee?s? .{0,25}\b(voiture|chaleur|soleil)"),
        ("danger", r"\b(enfant|bebe|petit|petite|gamin|gamine)\b.{0,40}\b(seule?|abandonnee?)\b.{0,30}\b(depuis (deux|trois|\d+) jours|sans manger|sans rien manger)"),
        ("danger", r"\b(se noie|noyade|il coule|elle coule|tombee? (dans|a) (le canal|la riviere|l'eau|le fleuve|la mer|le lac))"),
        ("danger", r"\b(arme|couteau|fusil|pistolet)\b.*\b(menace|tuer|frappe)|\b(menace|tuer|frappe)\b.*\b(arme|couteau|fusil|pistolet)\b"),
    )
)

# Idioms that use the words of a crisis harmlessly. They only overrule the NLU model, never a
# crisis pattern above.
LOOKALIKE_PATTERNS: Tuple[Pattern, ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"\bmorte? de (rire|fatigue|faim|froid|peur|honte|ennui|chaud|soif)",
        r"\b(mdr|ptdr|lol|xd)\b",
        r"\b(meurs|meurt|mourir|creve|crever|crevee?) (de |d' ?)(rire|faim|soif|chaud|froid|ennui|envie|impatience)",
        r"\b(m'a|ma|m'ont) (tuee?|achevee?|tue)\b",
        r"\bdisparaitre sous (ma|la|les|mes) (couette|couverture|draps|plaid)",
        r"\b(batterie|telephone|portable|ordi|ordinateur|voiture|moteur|frigo|chaudiere|imprimante|plante|plantes|box|ampoule|pile|piles|tondeuse) (est |sont |a |ont |vient de )?(morte?s?|creves?|rendu l'ame|lache|claque)",
        r"\brendu l'ame\b",
        r"\b(c'est|cest|trop) mortel\b",
        r"\b(ca|ce \w+|cette \w+|ces \w+|le \w+|la \w+|les \w+) (me|nous) tue(nt)?\b",
        r"\b(tue|tuee|tuer) a la tache\b",
        r"\ben finir avec (la|le|les|ce|cette|ces|mon|ma|mes|l') (?!(vie|existence)\b)",
        r"\bcreve(e|s)?\b(?! (les|mes|ses) )",
        r"\btuer le temps\b",
        r"\bsauter (le pas|une etape|un repas|sur l'occasion|de joie)\b",
        r"\b(plombs|fusibles?|disjoncteurs?|compteur) (ont |a |qui |vient de |viennent de )?(saute|sautent|sauter)",
    )
)


@dataclass(frozen=True)
class SafetyAssessment:
    is_crisis: bool
    category: Optional[str] = None
    lookalike: bool = False


def assess(text: str) -> SafetyAssessment:
    """Tell whether a citizen's message matches the crisis lexicon or a harmless look-alike."""
    normalised = normalise(text or "")
    for category, pattern in CRISIS_PATTERNS:
        if pattern.search(normalised):
            return SafetyAssessment(is_crisis=True, category=category)
    lookalike = any(pattern.search(normalised) for pattern in LOOKALIKE_PATTERNS)
    return SafetyAssessment(is_crisis=False, lookalike=lookalike)


# The reply every channel gives to a crisis, also used by the Telegram edge when Rasa is down.
EMERGENCY_NUMBERS_TEXT = (
    "Si vous pensez au suicide ou si vous êtes en danger, vous n'êtes pas seul·e :\n"
    "• 3114 : numéro national de prévention du suicide, gratuit, 24 h/24 et 7 j/7\n"
    "• 15 : SAMU, urgence médicale\n"
    "• 112 : numéro d'urgence européen\n"
    "• 114 : par SMS, si vous ne pouvez pas parler\n"
    "• 119 : enfance en danger, si vous avez moins de 18 ans\n"
    "• 3919 : violences faites aux femmes, gratuit et anonyme"
)
