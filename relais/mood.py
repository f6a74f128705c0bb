"""Check-in mood on a 1-5 scale, from a button or from the citizen's own words."""

import re

from relais.text import normalise

# Order matters: negations first ("pas terrible" is not "terrible"), "tres bien" before "bien".
_MOOD_WORDS = (
    (2, r"\b(pas terrible|pas top|pas bien|pas genial|pas super|pas la forme|pas fort)\b"),
    (1, r"\b(tres mal|horrible|au plus bas|au fond du trou|catastrophique|nul|terrible|epouvantable)\b"),
    (5, r"\b(tres bien|super|excellent|genial|top|parfait|au top|en forme|ravie?)\b"),
    (2, r"\b(pas bien|pas terrible|mal|pas top|difficile|dur|triste|fatiguee?|stresse|angoisse|inquiete?)\b"),
    (3, r"\b(bof|moyen|moyennement|couci|comme ci|a peu pres|ca va ca vient|mitige|neutre)\b"),
    (4, r"\b(bien|ca va|correct|pas mal|mieux|plutot bien)\b"),
)


def parse_mood(answer: str | None) -> int | None:
    """1 (very bad) to 5 (very good), or None when the answer says nothing about mood."""
    normalised = normalise(answer or "")
    digit = re.search(r"(?<![\d,.])([1-5])(?![\d,.])", normalised)
    if digit:
        return int(digit.group(1))
    for mood, pattern in _MOOD_WORDS:
        if re.search(pattern, normalised):
            return mood
    return None


def mood_band(mood: int) -> str:
    """`basse` (1-2), `moyenne` (3) or `haute` (4-5): how the psy-coach answers a check-in."""
    if mood <= 2:
        return "basse"
    return "moyenne" if mood == 3 else "haute"


# How the citizen feels, in a message that may also ask something practical: such a message is
# heard as low mood first (relais/topics.py practical_question_topic).
_FEELINGS = re.compile(
    r"\b(je me sens|je suis (triste|seule?|perdue?|epuisee?|a bout|deprimee?|angoissee?|stressee?|"
    r"inquiete?|fatiguee?|decouragee?|nulle?|inutile)|moral|deprim\w*|triste\w*|tristesse|solitude|"
    r"angoiss\w*|anxi\w*|peur|stress\w*|fatigu\w*|epuis\w*|craqu\w*|pleur\w*|plus la force|"
    r"plus envie|envie de rien|a bout|seule? au monde|isolee?|inutile|nulle?|honte|mal dans ma peau)\b")


def speaks_of_feelings(text: str | None) -> bool:
    """True when the message says how the citizen feels (sad, alone, exhausted, afraid)."""
    return bool(_FEELINGS.search(normalise(text or "")))


def drops_twice(moods_newest_first: list[int]) -> bool:
    """The mood fell at each of the last two check-ins (4, then 3, then 2): a person is offered."""
    newest = moods_newest_first[:3]
    return len(newest) == 3 and newest[0] < newest[1] < newest[2]


# Low mood said outright (« je me sens vide », « j'ai plus envie de rien »): heard as such even in a
# message the model reads as a goodbye or off-topic (persona round 91: « D'accord, je m'arrête
# là », then « je ne sais pas vous aider là-dessus »). Narrower than _FEELINGS: no fear of a bus.
# Shame, going round in circles, worthlessness (persona round 97: « j'ai honte voilà. je dors pas.
# je tourne en rond dans la cuisine » got the food coach, on « cuisine »). Worthlessness is also
# a concern of relais/safety.py; not a skill (« je sers à rien en cuisine »).
SHAME = r"j'ai (tellement |trop |si )?honte"
CIRCLES = r"je tourne en rond"
WORTHLESS = (r"je (ne |n')?sers (plus |vraiment |strictement |plus vraiment )?a rien\b"
             r"(?! (en \w+|pour (le|la|les|ca|faire) \w+|avec (le|la|les) \w+)\b)")
_LOW_MOOD = re.compile(
    r"\b(je me sens (vide|seule?|mal|triste|nulle?|inutile|perdue?|a bout|tellement seule?)|(j'ai )?plus envie de rien|envie de rien|"
    r"je suis (tellement |si |tres )?(triste|seule?(?! (avec|a|pour|depuis|dans|au|en|chez|sans)\b)|deprimee?|a bout|vide|au bout du rouleau)|deprime\w*|le moral (a zero|dans les chaussettes)|"
    r"je reste au lit|je pleure (tout le temps|tous les jours|sans arret)|(j|je n')?arrete pas de pleurer|(j'en|jen) ai marre de tout(?! (ces|ce|cet|cette|les|le|la)\b)|"
    r"ca va pas dans ma tete|"
    # « Depuis je fais des crises d'angoisse » (persona round 104: a student's first message got
    # a flooded home's first steps, then insulation tips).
    r"(je fais|jfais|j'ai|jai) des crises d'angoisse|crises? de panique|attaques? de panique|je suis en pleine crise|"
    rf"{SHAME}|{CIRCLES}|{WORTHLESS})\b")


# Nights without sleep, unless a noise, the heat or a place explains them (« le bar fait du
# bruit, je dors plus » is a doléance; « je dors pas chez moi ce soir » a plan).
_SLEEPLESS = re.compile(r"\b((je (ne |n')?|j)dors (plus|pas|presque plus|quasiment plus)|j'?arrive (pas|plus) a dormir)\b"
                        r"(?! (a cause|avec|depuis la coupure|de froid|au chaud|chez|a la maison|ici|la bas|dehors|dans|sur|a cote)\b)")
_SLEEP_EXPLAINED = re.compile(r"\b(bruit|bar|voisins?|travaux|rodeos?|fete|musique|chaleur|canicule|froid|inonde\w*|coupure)\b")


def speaks_of_low_mood(text: str | None) -> bool:
    """True when the message says outright that the citizen feels low."""
    words = normalise(text or "")
    return bool(_LOW_MOOD.search(words)) or bool(_SLEEPLESS.search(words) and not _SLEEP_EXPLAINED.search(words))


# « Y a des psys gratuits pour les étudiants ? », « je voudrais voir un psychologue » (persona
# round 91: a food-aid answer twice).
_ASKS_FOR_A_PSY = re.compile(
    r"\b(psy|psys|psychologue|psychologues|psychiatre|therapeute|therapie|soutien psy|cellule d'ecoute|parler a un psy)\b"
    r".{0,60}\b(gratuit\w*|rembourse\w*|pas cher|trouver|voir|consulter|parler|prix|cout\w*|combien|aller|rdv|rendez vous|ou|comment|besoin)\b"
    r"|\b(gratuit\w*|rembourse\w*|trouver|voir|consulter|parler a|besoin d'un|besoin de voir|aller voir)\b.{0,40}\b(psy|psys|psychologue|psychologues|therapeute)\b"
    r"|\b(demandais|demande|parle|parlais) (pour |d'un |de |d')?(un |une )?(psy|psys|psychologue)\b"
    # « Y a quelqu'un à qui parler gratos pour le stress ? » (persona round 92: « avec plaisir »).
    r"|\b(quelqu'un|quelqu un|qqun|une personne|un pro) (a qui|pour|avec qui) (parler|en parler|discuter)\b.{0,40}\b(gratuit\w*|gratos|pas cher|sans payer)\b"
    r"|\b(gratuit\w*|gratos)\b.{0,30}\b(quelqu'un|quelqu un|qqun|une personne) (a qui|pour|avec qui) (parler|en parler|discuter)\b")


# The places for a young person's mental health (« CMP ou Maison des ados, comment je trouve ? »,
# persona round 92: a budget questionnaire to a mother after her son's overdose).
_TEEN_CARE = re.compile(r"\b(maison des ados|maison des adolescents|mda|cmp|cmpp|cmp infanto juvenile|pedopsy\w*)\b")
# Both readings, for the crisis dialogue's moves too (relais/crisis_dialogue.py).
PSYCHOLOGIST_QUESTIONS = (_ASKS_FOR_A_PSY, _TEEN_CARE)


def asks_for_a_psychologist(text: str | None) -> bool:
    """True when the message asks how to see a psychologist."""
    words = normalise(text or "")
    return any(pattern.search(words) for pattern in PSYCHOLOGIST_QUESTIONS)
_YOUNG = re.compile(
    r"\b(ado|ados|adolescente?s?|mineure?s?|college\w*|lycee\w*|pedopsy\w*|maison des ados|maison des adolescents|cmpp)\b"
    r"|\b(fils|fille|enfant|gamin|gamine|petit|petite) (de |d')?(1[0-7]|[3-9]) ans\b|\b(il|elle) a (1[0-7]|[3-9]) ans\b")
_STUDENT = re.compile(r"\b(etudiante?s?|etudiant\w*|fac|universite|campus|crous|bts|iut|partiels?|en (l1|l2|l3|m1|m2))\b")


def speaks_of_a_young_person(text: str | None) -> bool:
    """The message speaks of a child or a teenager (« mon fils de 15 ans », « un psy pour ado »)."""
    return bool(_YOUNG.search(normalise(text or "")))


def psychologist_answers(text: str | None, young: bool = False) -> tuple[str, ...]:
    """The answers of a question about seeing a psychologist, keys of the crisis content's
    thoughts_answers: the ways for everyone, then those of students or of young people."""
    keys = ["psy_cost"]
    if _STUDENT.search(normalise(text or "")):
        keys.append("psy_students")
    if young or speaks_of_a_young_person(text):
        keys.append("psy_teens")
    return tuple(keys)


# Anxiety attacks, and the writer saying they are the one unwell (persona round 104: a student's
# « je fais des crises d'angoisse » got a flooded home's first steps, then insulation tips):
# distress first even beside an urgence.
_ANXIETY_ATTACKS = re.compile(r"\b((je fais|jfais|j'ai|jai) des crises d'angoisse|crises? de panique|attaques? de panique"
                              r"|(je suis|jsuis) en pleine crise|(c'est )?moi qui (ne )?va(is)? pas bien)\b")


# Distress that comes before the track a word of the message suggests (« j'ai honte voilà. je
# dors pas. je tourne en rond dans la cuisine »): said outright, not inside a question or an
# urgence, unless it is said twice (« quoi la bouffe ?? j'ai honte et je dors plus »).
_DISTRESS_SIGNS = (
    re.compile(rf"\b{SHAME}\b"),
    _SLEEPLESS,
    re.compile(rf"\b{CIRCLES}\b"),
    re.compile(rf"\b{WORTHLESS}"),
    re.compile(r"\bje me sens (vide|nulle?|inutile|a bout)\b|\b(envie de rien|plus envie de rien)\b|\bje pleure\b"
               r"|\b(j|je n')?arrete pas de pleurer\b|\bje suis (tellement |trop |si )?(nulle?|a bout)\b"),
    # « J'en ai marre de tout », « le moral à zéro », « ça va pas dans ma tête » (persona round
    # 100: a young woman's distress went to the food, the work and the budget coaches).
    re.compile(r"\b(j'en|jen|j en) ai marre de tout\b(?! (ces|ce|cet|cette|les|le|la)\b)|\ble moral a zero\b|\bca va pas (dans ma tete|moi)\b"),
    _ANXIETY_ATTACKS,
)


def distress_comes_first(text: str | None, asks: bool, acute: bool) -> bool:
    """Low mood said outright heard before a track: not beside a question (`asks`) or an urgence
    (`acute`) unless two signs of distress are said."""
    words = normalise(text or "")
    if _SLEEP_EXPLAINED.search(words):
        signs = sum(1 for sign in _DISTRESS_SIGNS if sign is not _SLEEPLESS and sign.search(words))
    else:
        signs = sum(1 for sign in _DISTRESS_SIGNS if sign.search(words))
    return signs >= 2 or (signs == 1 and not asks and not acute) or bool(_ANXIETY_ATTACKS.search(words))


# Drinking asked about (« 4-5 bières par soir c'est trop ? », persona round 103: read as
# firewood twice, then the energy coach).
_DRINKS = r"(bieres?|binouzes?|alcool|picole\w*|vin(?! (dans|pour) (la|le) (sauce|plat|cuisine))|whisky|vodka|rhum|pastis|apero|canettes?)"
_DRINKING_WORRY = re.compile(
    rf"\b{_DRINKS}\b.{{0,60}}\b(trop|c'est grave|beaucoup|tous les soirs|chaque soir|par soir|par jour|arreter|reduire|normal|conso\w*)\b"
    rf"|\b(trop|beaucoup|tous les soirs|chaque soir|arreter|reduire) (\w+ ){{0,3}}{_DRINKS}\b"
    r"|\bje bois (trop|de plus en plus|tous les soirs|pour oublier)\b(?! (d'eau|de l'eau|de soda|de cafe|de lait|de jus))|\bparle d'alcool\b"
    # « Arrêter de boire, ou réduire au moins » (persona round 106: the food aid card).
    r"|\b(arreter|reduire|diminuer|moins) (de )?boire\b(?! (de l'eau|d'eau|du cafe|de soda|sucre))|\bboire moins\b(?! (de cafe|de soda|sucre))"
    # « Je bois plus que d'habitude, 4-5 bières et un peu de whisky pour dormir » (persona round
    # 110: the employment-law actions instead).
    r"|\bje bois (plus|davantage|beaucoup plus) (que d'habitude|qu'avant|qu'avant|qu'avant ca|ces temps ci|depuis)\b"
    rf"|\b{_DRINKS}\b.{{0,40}}\bpour (dormir|tenir|oublier|m'endormir|decompresser|supporter)\b")
# Someone to talk to tonight, not the relais team's office hours (« y a qqun a qui parler ce
# soir ? », persona round 103: three times unanswered).
_TALK_TONIGHT = re.compile(
    r"\b(quelqu'un|qqun|qqn|quelqun|une personne) (a qui |avec qui )?(parler|discuter|ecouter|m'ecouter)\b.{0,30}\b(ce soir|cette nuit|maintenant|la|tout de suite)\b"
    r"|\b(parler|discuter) a (quelqu'un|qqun|qqn|quelqun|une personne) (ce soir|cette nuit|maintenant|la)\b")


def asks_about_drinking(text: str | None) -> bool:
    """The writer worries about how much they drink."""
    return bool(_DRINKING_WORRY.search(normalise(text or "")))


def asks_for_someone_to_talk_to_tonight(text: str | None) -> bool:
    """The writer wants someone to talk to now, at night."""
    return bool(_TALK_TONIGHT.search(normalise(text or "")))


# A relative's sadness told by someone who wants to help (« ma mère pleure la nuit, je sais pas
# quoi faire pour elle », persona round 105: a boy of 17 got the suicide question twice, then a
# food plan): what helps, and who listens to the writer. Not when death or harm is spoken of:
# that is the crisis dialogue's.
_RELATIVE = r"(ma mere|maman|mon pere|papa|mon mari|ma femme|mon fils|ma fille|mon frere|ma soeur|mon copain|ma copine|mon compagnon|ma compagne|mes parents)"
_SAD = (r"(pleure\w*|est (tres |trop |super |tout le temps )?triste|deprim\w*|va (pas|plus) bien|ne va (pas|plus) bien|a le moral a zero|"
        r"n'a plus le moral|a plus le moral|ne sort plus|sort plus|reste au lit|ne mange plus|mange plus|ne dort plus|dort plus)")
_RELATIVE_SAD = re.compile(
    rf"\b{_RELATIVE}\b(?! de (\d+|mon|ma))(\s\w+){{0,6}}\s{_SAD}\b|\b{_SAD}\b.{{0,20}}\b{_RELATIVE}\b"
    # « Elle ne veut plus aller au lycée et elle pleure tout le temps » (persona round 106: a
    # mother got « est-ce une urgence médicale ? »).
    r"|\b(elle|il) ne (veut|veux) plus (aller )?(a l'ecole|au lycee|au college|en cours|au travail|sortir)\b")
_DEATH_OR_HARM = re.compile(
    r"\b(mourir|mort|suicid\w*|en finir|se tuer|disparaitre|se faire du mal|plus envie|adieu|cachets|medicaments|corde|pendre|"
    r"sauter|se jeter|arme|fusil|pistolet|couteau|reveiller|mieux sans|un poids|un fardeau|pont|train|lettre|veut plus (vivre|etre la)|voudrait plus (vivre|etre la)|"
    r"plus la force|a quoi bon)\b")


def worries_for_a_relatives_mood(text: str | None) -> bool:
    """The writer tells a relative's sadness, without death or harm spoken of."""
    words = normalise(text or "")
    return bool(_RELATIVE_SAD.search(words)) and not _DEATH_OR_HARM.search(words)
