"""Whether a message asks a safety question that has one answer whatever the conversation:
water reaching the electricity, and whether to call the 15. Plain data, no framework."""

import re

from relais.crisis import DANGER
from relais.crisis_dialogue import practical_asks
from relais.safety import asks_about_a_painkiller
from relais.text import normalise

# Water on a light, a socket or the switchboard (« l'eau coule sur le lustre »), or a flood's
# switchboard asked about (relais/crisis_dialogue.py reads the latter).
_WATER_ON_ELECTRICITY = re.compile(
    r"\b(eau|fuite|ca) (\w+ )?(coule|coulent|goutte|gouttent|tombe|tombent|ruisselle|ruissellent|rentre|entre|arrive) "
    r"(\w+ ){0,2}(sur|dans|par|vers) (le |la |les |l' ?|un |une |mon |ma |mes )?"
    r"(lustre|lampe|plafonnier|luminaire|spots?|prises?|tableau|compteur|disjoncteur|douille|ampoule)\b")
_CALL_THE_15 = re.compile(
    r"\b(je dois|dois je|faut il|il faut|est ce que je dois|est ce qu'il faut|je devrais|faut que j'?|je dois pas|faut il que j'?)"
    r" (\w+ ){0,2}appeler (le )?(15|samu|112)\b|\bappeler le (15|samu) (ou pas|\?)|\bj'appelle le (15|samu) (ou pas|\?)"
    # « Est-ce que j'appelle le 15 maintenant oui ou non ? », « je ne voudrais pas les déranger
    # pour rien » about the 15 (persona round 105: an oxygen patient got « pas de réponse sûre »).
    r"|\bj'appelle (le )?(15|samu)( maintenant| tout de suite| ce soir)? (oui ou non|ou pas|ou non)\b"
    r"|^(?=.*\b(15|samu)\b).*\b(deranger|embeter) (\w+ ){0,2}pour rien\b")


# A switchboard or a breaker named beside water in the home (the crisis dialogue's wider reading
# of « courant… eau » is for a danger already told; here it would answer any power cut).
_SWITCHBOARD_IN_WATER = re.compile(
    r"^(?=.*\b(disjoncteur|tableau electrique|tableau)\b)(?=.*\b(eau|inonde\w*|mouille\w*|pieds dans)\b)")


def asks_about_water_on_electricity(text: str | None) -> bool:
    words = normalise(text or "")
    return bool(_WATER_ON_ELECTRICITY.search(words)) or (
        bool(_SWITCHBOARD_IN_WATER.search(words)) and "flood_power" in practical_asks(text, DANGER))


# The writer's own health, and no fire, smoke, gas, cry for help or a thing other than a body.
_HEALTH = re.compile(r"\b(coeur|mal|douleurs?|respir\w*|essouffl\w*|malaise|vertiges?|fievre|tete|poitrine|tension|diabet\w*|vomi\w*|"
                     r"chaleur|canicule|tourne|faible|palpitations?|insuffisan\w*|sang|saign\w*)\b")
_NOT_THE_15 = re.compile(r"\b(fumee|feu|incendie|gaz|brule|secours|crie|hurle|voleur|cambriol\w*|agress\w*|frapp\w*|ordonnance|"
                         r"renouvel\w*|chat|chien|animal|veto|veterinaire|etincelles?)\b")
# A fire beside water and electricity (« ça fait des étincelles »): the 18 first.
_SPARKS = re.compile(r"\b(etincelles?|fumee|odeur de brule|ca brule|ca crame|flammes?)\b")


def asks_whether_to_call_the_15(text: str | None, earlier: tuple[str, ...] = ()) -> bool:
    """The writer asks whether to call the 15 about a body, told now or in the citizen's latest
    messages (« est-ce que j'appelle le 15 maintenant oui ou non ? » after « je respire moins
    bien »)."""
    words = normalise(text or "")
    health = bool(_HEALTH.search(words)) or any(_HEALTH.search(normalise(t)) for t in earlier)
    return bool(_CALL_THE_15.search(words)) and health and not _NOT_THE_15.search(words)


def tells_sparks(text: str | None) -> bool:
    return bool(_SPARKS.search(normalise(text or "")))


# Someone who cannot call by voice and asks how to reach the emergency services (« si j'ai un
# malaise je peux pas appeler le 15, j'entends presque rien au téléphone », persona round 103:
# « le 15 » three times, never the 114).
_CANNOT_HEAR = re.compile(
    r"\b(j'entends? (presque |quasiment )?(rien|mal|pas)|j'entend (presque |quasiment )?(rien|mal|pas)|malentendante?|sourde?|"
    r"je (ne )?(peux|peut) pas (telephoner|appeler|parler au telephone|entendre))\b")
_EMERGENCY_CALL = re.compile(r"\b(15|112|17|18|samu|pompiers|urgences?|secours|malaise|appeler|telephoner)\b")


def cannot_call_by_voice(text: str | None) -> bool:
    """The writer says they cannot hear or speak on the phone, about calling for help."""
    words = normalise(text or "")
    return bool(_CANNOT_HEAR.search(words)) and bool(_EMERGENCY_CALL.search(words))


# A treatment out of stock (« la pharmacie n'a plus mon médicament pour le diabète », persona
# round 103): never stopped alone. Answered here, whatever the track, rather than as a track
# topic: a topic moved the sub-topic model's reading of other messages (blind set H).
_TREATMENT_WORDS = re.compile(r"\b(medicaments?|medocs?|traitements?|comprimes?|cachets?|insuline|inhalateur|ventoline|stylos?|"
                              r"metformine|stagid|glucophage|levothyrox|antibiotiques?)\b")
_OUT_OF_STOCK = re.compile(r"\b(rupture|en tension|plus en stock|pas en stock|introuvables?|manquent? partout|n'en (a|ont) plus|"
                           r"n'a plus (mon|ma|mes|le|la|les|ce|cette)|penurie de medicaments?|pas (ete )?livre)\b")


# Going back into a flooded home, or power put back after a flood; not while the water still
# rises (the flood's first steps and the switchboard's answer are for that).
_FLOODED = re.compile(r"\b(inonde\w*|inondation|crue|l'eau a (baisse|descendu|degage)|l'eau est (redescendue|partie|retiree)|"
                      r"l'eau s'est retiree|degats? des eaux)\b")
_GOING_BACK = re.compile(
    r"\b((retourner|rentrer|revenir|retourne|rentre|reviens|aller|dormir) (\w+ ){0,2}(dedans|chez moi|chez nous|a la maison|"
    r"dans (l'appart\w*|la maison|le logement|mon appart\w*|ma maison|notre maison|notre appart\w*))|y retourner|"
    r"dangereux de (rentrer|retourner|revenir)|"
    r"(remettre|rallumer|rebrancher|retablir|remettre en route) (le courant|l'electricite|l'elec|le disjoncteur|le jus|le gaz|la chaudiere)|"
    r"recuperer (des|mes|nos|les|leurs|ses) (affaires|vetements|papiers|cartables))\b")
_STILL_RISING = re.compile(r"\b(l'eau monte|ca monte|monte encore|on a les pieds dans l'eau|pieds dans l'eau|on est coinces|bloques a l'etage)\b")


def asks_about_going_back_after_a_flood(text: str | None) -> bool:
    """Going back into a flooded home, or the power put back after the flood."""
    words = normalise(text or "")
    return bool(_FLOODED.search(words)) and bool(_GOING_BACK.search(words)) and not _STILL_RISING.search(words)


def tells_a_medicine_shortage(text: str | None) -> bool:
    """A treatment the pharmacy cannot give."""
    words = normalise(text or "")
    return bool(_TREATMENT_WORDS.search(words)) and bool(_OUT_OF_STOCK.search(words))


# The writer's own pregnancy, told now or in the latest messages (persona round 105); not a wife's,
# nor one that ended (a review's probes).
_PREGNANT = re.compile(r"\b(enceinte|ma grossesse|je suis a \d+ (mois|semaines|sa)( de grossesse)?)\b")
# A pregnancy that is over (a loss, a birth, years ago): one source for both readers below.
_OVER = r"perdu (mon|le|notre) bebe|fausse couche|accouche\w*|il y a \d+ ans|j'etais enceinte"
_NOT_PREGNANT_NOW = re.compile(rf"\b({_OVER}|allaite\w*|(ma femme|ma compagne|ma copine|ma fille|ma soeur|elle) (est |etait )?enceinte)\b")
# A painkiller for someone else (« je peux lui donner », « mon fils de 8 ans… », « mon mari peut… »).
_FOR_SOMEONE_ELSE = re.compile(
    r"\b(lui (en )?donner|leur (en )?donner|\d+ (kilos|kg)|mon fils|ma fille|mon enfant|mon bebe|le petit|la petite|"
    r"(il|elle|mon mari|ma femme|papa|maman|mon pere|ma mere|mon copain) (peut|pourrait|a le droit de) (prendre|avoir))\b")


def asks_about_a_painkiller_in_pregnancy(text: str | None, earlier: tuple[str, ...] = ()) -> bool:
    """A painkiller asked about by a woman who said she is pregnant."""
    words = normalise(text or "")
    said = tuple(normalise(t) for t in (*earlier, text or ""))
    return asks_about_a_painkiller(text) and not _FOR_SOMEONE_ELSE.search(words) \
        and any(_PREGNANT.search(t) for t in said) and not any(_NOT_PREGNANT_NOW.search(t) for t in said)


# A child's fever: a child named now, or just before with « il / elle » now; a fever told now as a
# temperature or the word. Babies (under 3 months) are the crisis dialogue's; an adult's fever or
# the weather is no child's (a review's probes).
_CHILD = re.compile(r"\b(mon fils|ma fille|mon petit|ma petite|mon enfant|mes enfants|le petit|la petite|mon garcon|mon gamin|ma gamine|"
                    r"mon loulou|ma puce|(enfant|fils|fille|garcon) de \d+ ans)\b")
_FEVER = re.compile(r"\b(fievre|febrile)\b|\b(a|fait|de) (39|40|41)( \d)?( de fievre| degres de fievre| de temperature)?\b(?! (ans|kg|kilos?|euros?|semaines|mois|jours|km|min|minutes?|heures|a son|au|sur|en|degres dehors|points)\b)"
                    r"|\bsa temperature\b.{0,30}\b(39|40|41)\b")
_NOT_A_CHILD_S = re.compile(r"\b(j'ai|jai) (\d+ ans et )?(de la fievre|\d\d de fievre|39|40|41)\b")
# The weather's degrees read as a fever (« il fait 39 degrés dehors »), unless the fever is named
# (persona round 109: « ma fille de 3 ans a 39,8 de fièvre… il fait 31 degrés dans sa chambre »
# got the heat advice for an elderly person).
_WEATHER = re.compile(r"\b(il fait (\d+ ?degres|\d+ dehors|chaud|tres chaud|quelle temperature)|dehors|a l'ombre|dans l'appart|degres avec)\b")
# A fever named, not denied nor gone (« pas de fièvre », « boutons de fièvre », « la fièvre est
# tombée », a review).
_FEVER_NAMED = re.compile(r"(?<!pas de )(?<!plus de )(?<!sans )(?<!boutons de )(?<!bouton de )\b(fievre|febrile)\b(?! (est |a )?(tombee|baisse|partie|passee))")
_HE_OR_SHE = re.compile(r"\b(il|elle) (a|fait|est)\b")


def tells_a_child_fever(text: str | None, earlier: tuple[str, ...] = ()) -> bool:
    """A parent tells a child's fever, or asks for a child's painkiller after telling one."""
    words = normalise(text or "")
    recent = tuple(normalise(t) for t in earlier[-2:])
    if _NOT_A_CHILD_S.search(words) or (_WEATHER.search(words) and not _FEVER_NAMED.search(words)):
        return False
    named = bool(_CHILD.search(words)) or (any(_CHILD.search(t) for t in recent) and bool(_HE_OR_SHE.search(words)))
    fever_before = any(_CHILD.search(t) and _FEVER.search(t) for t in recent)
    return (named and bool(_FEVER.search(words))) or (fever_before and asks_about_a_painkiller(text))


# Signs that cannot wait in a pregnancy (persona round 106: « j'ai des contractions je crois » at
# six months got a job plan): the maternity ward or the 15, now.
_PREGNANCY_SIGNS = re.compile(
    r"\b(contractions?|ventre (qui )?(durcit|se durcit|devient dur|tire)|(perte|pertes|perdu|perds) (de |des )?(liquide|eaux|sang)|"
    r"je saigne|saignements?|(le )?bebe (ne )?bouge (plus|moins|pas)|poche des eaux)\b")


def tells_pregnancy_warning_signs(text: str | None, earlier: tuple[str, ...] = ()) -> bool:
    """A woman who said she is pregnant tells contractions, a loss of fluid or blood, or a baby
    who moves less."""
    said = tuple(normalise(t) for t in (*earlier, text or ""))
    return bool(_PREGNANCY_SIGNS.search(normalise(text or ""))) and any(_ANY_PREGNANCY.search(t) for t in said) \
        and not any(_PREGNANCY_OVER.search(t) for t in said)


# Anyone's pregnancy (« ma femme est enceinte, elle a des contractions »), and one that is over.
_ANY_PREGNANCY = re.compile(r"\b(enceinte|grossesse|je suis a \d+ (mois|semaines|sa))\b")
_PREGNANCY_OVER = re.compile(rf"\b({_OVER})\b")
