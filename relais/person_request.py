"""Is a message the model read as a request for a person really one?

A request for a person opens a case for the relais team: people will read the conversation. The
model learns requests from examples, and it has read as one a refusal (« non merci, pas besoin
qu'on m'appelle ») and a word about someone else of the citizen's life (« j'ose pas en parler à
mon chef »). This floor, applied before a case is opened on a typed request, says no to both,
and keeps the requests that refuse the program, not the person (« je veux parler à quelqu'un,
pas à un robot »).
"""

import re

from relais.form_answers import is_question
from relais.text import normalise

# "pas à un robot", "pas une machine", "j'ai pas envie de parler à un bot": a refusal of the
# program, which is a request for a person. Removed before the refusals are looked for.
_NOT_THE_PROGRAM = re.compile(
    r"\b((je |j')?(ne |n')?(veux|voudrais|ai|aime|parle|supporte)? ?(pas|plus|jamais) "
    r"(envie (de |d') ?)?((parler|discuter|ecrire|causer|repondre) )?((a|avec|aux) )?"
    r"(un |une |le |la |les |ce |cette |des |votre |du )?"
    r"(robots?|machines?|bots?|chatbots?|ia|intelligence artificielle|programmes?|ordinateurs?|ordi|"
    r"automates?|repondeurs?|logiciels?|algorithmes?|assistant virtuel))\b"
)

# A "no", a "no need", a "don't call": the negation sits near what it refuses (at most three
# words before it, within the same clause).
_REFUSAL = re.compile(
    # « non attends je veux parler à quelqu'un »: a « non » that corrects course, not a refusal.
    r"^(non|nan|nope|no|non merci|merci non)\b(?!(?: \w+){0,2} (?:je |j')(?:veux|voudrais|prefere|aimerais|souhaite)\b(?! pas| plus| jamais))"
    r"|\b(pas|plus|jamais|aucun|aucune|sans|inutile|surtout pas) (\w+ ){0,3}?"
    r"(besoin|envie|la peine|question|necessaire|utile|appel\w*|rappel\w*|telephon\w*|contact\w*|"
    r"parler|parle|discuter|ecrire|en parler|conseill\w*|humain|agent|personne|quelqu'un|qu'on|"
    r"que l'on|deranger|prevenir|transmet\w*|relation)\b"
    r"|\b(je n'ai|j'ai) besoin de personne\b"
    r"|\b(ne|n') (\w+ ){0,3}(personne|rien a personne)\b"
    r"|\b(ne|n') (\w+ ){0,2}(contact|appel|rappel|telephon|ecri|derange|previen)\w*"
    r"|\bpersonne a qui\b"
)

# Someone of the citizen's own life: "en parler à mon chef" is not asking Relais for a person.
_SOMEONE_ELSE = re.compile(
    r"\b(mon|ma|mes|notre|nos|son|sa|ses|leur|leurs|au|a la|aux) (\w+ )?"
    r"(chef|cheffe|patron|patronne|manager|superieure?|responsable|employeur|collegues?|rh|"
    r"mari|femme|conjointe?|compagnon|compagne|copain|copine|famille|parents?|pere|mere|"
    r"freres?|soeurs?|enfants?|fils|fille|amie?s?|potes?|voisine?s?|proches?|medecin|docteur|"
    r"banquiere?|banque|comptable|proprietaire|bailleur|avocate?|depute|maire|mairie|"
    r"fournisseur|assureur|assurance|notaire|delegues?)\b"
)

# Words of the relais team's people: with them, someone else named beside is context
# ("mon chef m'épuise, je veux parler à un conseiller").
_RELAIS_PERSON = re.compile(
    r"\b(conseill\w*|humain\w*|etre humain|vraie? personne|personne (reelle|en vrai|de l'equipe)|"
    r"quelqu'un (de vrai|de reel|en vrai|de l'equipe|du relais|de chez vous)|qqn de (vrai|reel)|agent|"
    r"equipe|relais|accompagnant\w*|referent\w*|professionnel\w*|travailleur social|benevole|"
    r"interlocut\w*|chair et en os)\b"
)


# « C'est quoi le conseil en évolution professionnelle ? »: a question about a thing, not a
# request, unless it asks to reach someone (« c'est quoi le numéro pour parler à un conseiller »).
_WHAT_IS = re.compile(r"^(c'est quoi|cest quoi|c quoi|qu'est ce que|qu'est ce qu'|ca veut dire quoi|que veut dire|a quoi sert)\b")
_REACH = re.compile(r"\b(parler|joindre|contacter|appeler|rappel\w*|ecrire|voir|rencontrer|discuter)\b")


def _clauses(text: str) -> list[str]:
    """The message cut where people cut it (punctuation, "mais"), each clause normalised."""
    parts = re.split(r"[,.;:!?()\n]+|\bmais\b", text or "")
    return [clause for clause in (normalise(part).strip() for part in parts) if clause]


def declines_a_person(text: str) -> bool:
    """True when a message read as a request for a person refuses one ("non merci, pas besoin
    qu'on m'appelle") or speaks of someone of the citizen's own life without asking for the
    relais team's people ("j'ai pas envie d'en parler à mon chef"). A button's payload (empty
    text or "/demander_humain") is always a request."""
    if not text or text.strip().startswith("/"):
        return False
    clauses = [_NOT_THE_PROGRAM.sub(" ", clause).strip() for clause in _clauses(text)]
    if clauses and _WHAT_IS.search(clauses[0]) and not any(_REACH.search(c) for c in clauses):
        return True
    if any(_ASKS_FOR_A_PERSON.search(clause) and not _REFUSAL.search(clause) for clause in clauses):
        # « Mais non il fait FROID pas chaud !! je voudrais parler à quelqu'un » (persona chat):
        # the « non » answers something else; the request stands in its own clause.
        return False
    refusal = any(_REFUSAL.search(clause) for clause in clauses if clause)
    asks = any(_RELAIS_PERSON.search(clause) and not _REFUSAL.search(clause) for clause in clauses)
    if refusal and not asks:
        return True
    whole = " ".join(clauses)
    return bool(_SOMEONE_ELSE.search(whole)) and not _RELAIS_PERSON.search(whole)


# An explicit request for the relais team's people, in the words people use (« je voudrais
# parler à quelqu'un de vrai », « je veux un humain, pas une machine »): read by a rule, so that
# a long message about a track that ends with it still reaches a person.
_TEAM_PERSON = r"(quelqu'un|quelqun|qqun|une personne|un humain|une humaine|un etre humain|un conseiller|une conseillere|une vraie personne|quelqu'un de vrai)"
_ASKS_FOR_A_PERSON = re.compile(
    r"\b(je veux|je voudrais|j'aimerais|je souhaite|je prefere|je prefererais|je peux|est ce que je peux|on peut|"
    r"pourrais je|puis je|besoin de|envie de|je veux bien|c'est possible de|est il possible de|y a moyen de) (\w+ ){0,2}"
    r"(parler|discuter|ecrire|echanger) (a|avec) (quelqu'un|quelqun|qqun|une personne|un humain|une humaine|"
    r"un etre humain|un conseiller|une conseillere|quelqu'un de vrai|une vraie personne|un vrai)"
    r"(?! (a|au|de|du|chez) (la |l')?(caf|cpam|mairie|banque|pole emploi|france travail|impots|prefecture|medecin|docteur)\b)"
    r"|\b(un humain|une vraie personne|quelqu'un de vrai|un etre humain) (svp|s'il vous plait|stp|pas une machine|pas un robot)\b"
    # « Passe-moi quelqu'un de vrai » (persona round 98: read as leaving).
    r"|\b(passe|passez|passer|mettez|mets) moi (\w+ )?(quelqu ?'?un|qqun|une personne|un humain|un conseiller|une conseillere)\b"
    # « Conseiller svp », « un humain » said alone (persona round 90: looped in a form).
    r"|^((non|ok|bon|alors|donc) )?((un|une|le|la) )?(conseiller|conseillere|humain|humaine|vraie personne|agent) (svp|stp|s'il vous plait|please|merci|vite)\b"
    r"|^((non|ok|bon|alors|donc) )?((un|une) )?(conseiller|conseillere|humain|humaine|vraie personne)$"
    # « Je peux avoir quelqu'un au téléphone ? », « quelqu'un de chez vous pourrait m'appeler ? »,
    # « j'aimerais qu'une vraie personne m'aide », « mettez-moi en relation avec un conseiller ».
    rf"|\b(avoir|joindre|parler a) {_TEAM_PERSON} (au telephone|au tel|au bout du fil|en vrai|en direct)\b"
    rf"|\b(quelqu'un|une personne|qqun|un conseiller|une conseillere) (de chez vous|de votre equipe|de l'equipe|du relais|de relais) "
    r"(\w+ ){0,2}(m'appeler|m'appelle|me rappeler|me rappelle|m'aider|m'aide|m'ecrire|m'ecrive|me contacter|me contacte|venir|passer|s'occuper)\b"
    r"|\b((qu'|qu )(une vraie personne|un humain|un etre humain|un conseiller|une conseillere)|que quelqu'un de vrai) "
    r"(\w+ ){0,2}(m'aide|m'accompagne|m'appelle|me rappelle|me contacte|m'ecrive|s'occupe)\b"
    # « En discuter de vive voix avec quelqu'un de votre équipe » (persona chat: kept as a goal).
    rf"|\b(parler|discuter|echanger|en discuter|en parler)\b.{{0,40}}\b(avec|a) {_TEAM_PERSON} (de votre equipe|de l'equipe|de chez vous|du relais|de relais)\b"
    rf"|\bde vive voix\b.{{0,40}}\b(avec|a) {_TEAM_PERSON}"
    # « Est-ce que quelqu'un peut venir ? ou m'appeler », « je veux juste quelqu'un qui m'appelle »
    # (persona round 102: a woman of 81, alone in the cold, got the digital coach).
    r"|\b(quelqu'un|quelqun|qqun|une personne) (peut|pourrait|pourra) (me |m')?(appeler|telephoner|rappeler|venir me voir|passer me voir)\b"
    r"(?! (ce (que|qu|qui)|ca|mes|mon|ma|le|la|les|quand|comment|qu|de (la|l'|chez)|du|des)\b)"
    r"|\b(quelqu'un|quelqun|qqun|une personne) (peut|pourrait) venir\W*($|\?|ou)"
    r"|\b(je veux|je voudrais|j'aimerais|il me faut|je demande) (juste |seulement |simplement )?(quelqu'un|quelqun|qqun|une personne) qui "
    r"(m'appelle|me telephone|me rappelle|vienne|passe me voir)\b"
    # « J'aimerais qu'une personne m'appelle pour m'expliquer »: to be called is to reach someone.
    r"|\b((qu'|qu )une personne|que quelqu'un) (\w+ ){0,1}(m'appelle|me rappelle|me telephone|me contacte|puisse m'appeler)\b"
    # « Je veux bien qu'une personne de l'équipe nous recontacte » (persona round 96: no case).
    r"|\b((qu'|qu )une personne|que quelqu'un) (de l'equipe|de votre equipe|du relais|de chez vous) (\w+ ){0,1}"
    r"(m'|nous |me )(appelle|rappelle|telephone|contacte|recontacte|ecrive|reponde)\b"
    r"|\b((qu'|qu )une personne|que quelqu'un) (\w+ ){0,1}(nous |me |m')(recontacte|ecrive|rappelle|contacte)\b"
    rf"|\b(mettre|mettez|mets) (moi )?en (relation|contact) avec {_TEAM_PERSON}\b"
    # Not an adviser of another service (« prendre rdv avec un conseiller CEP avant vendredi »,
    # a goal: persona round 93 opened a case).
    r"|\b(rendez vous|rdv) avec (un conseiller|une conseillere|une personne de|quelqu'un de)\b"
    r"(?! (cep|en evolution|france travail|pole emploi|bancaire|de (ma|la|mon|l') ?(banque|caf|cpam|mairie|mission|france|pole|agence|assurance)|"
    r"france renov|renov|numerique|mission locale|caf|cpam|emploi|d'orientation|financier|financiere|funeraire|immobilier)\b)"
    # « être aidée par quelqu'un en vrai », « quelqu'un qui m'aide en vrai », « un conseiller
    # humain dans le coin ? » (persona chats).
    rf"|\b(aidee?|accompagnee?|suivie?) par {_TEAM_PERSON} (en vrai|de vrai|en chair et en os|en personne)\b"
    r"|\b(quelqu'un|quelqun|qqun|une personne) qui (m'aide|m'accompagne|m'explique|me guide) (\w+ ){0,2}(en vrai|en personne)\b"
    r"|\b(un|une|des) (conseiller|conseillere|conseillers|agent|interlocuteur|interlocutrice) humaine?s?\b"
    r"|\b(je veux|je voudrais|j'aimerais|je souhaite|je demande|il me faut|je prefere|je prefererais|plutot) (\w+ )?(un humain|une humaine|un etre humain|"
    r"une vraie personne|quelqu'un de vrai|un vrai conseiller|une vraie conseillere|un conseiller|une conseillere)\b"
    r"(?! (bancaire|financier|financiere|d'orientation|immobilier|funeraire|en \w+|de (ma|la|mon|l') ?\w+|a la (caf|cpam|banque|mairie|poste|prefecture)|au (guichet|credit|pole)|chez|pole|france travail|caf)\b)")


def asks_for_a_person(text: str) -> bool:
    """True for an explicit request for a person of the relais team that declines nothing."""
    words = normalise(text or "")
    # Clause by clause too: « non annulez ça. conseiller svp » asks in its second sentence.
    asks = _ASKS_FOR_A_PERSON.search(words) or any(_ASKS_FOR_A_PERSON.search(c) for c in _clauses(text))
    return bool(asks) and not declines_a_person(text)


# A question about the relais team's people and what happens with a request (« la personne
# va m'écrire ici ? », « quand est-ce qu'on me répond ? », « c'est qui l'équipe relais ? »):
# answered from what Relais knows (a case open or not), never « pas compris ».
# Help in person, at a place (« quelqu'un peut m'aider en vrai, en personne ? je suis à Lyon
# 69003 », « y a un endroit où aller ? »; persona round 92: a questionnaire, then « je ne sais pas
# vous aider »): the help near the citizen, found from their postal code (action_trouver_relais).
_IN_PERSON = re.compile(
    r"\b(en personne|en vrai|physiquement|en face a face|de visu|sur place|a un guichet|au guichet)\b"
    r".{0,80}\b(aider|aide|accompagner|recevoir|voir|parler|aller|endroit|lieu|guichet|bureau|accueil)\b"
    r"|\b(aider|aide|accompagner|recevoir|voir|parler)\b.{0,40}\b(en personne|en vrai|physiquement|en face a face|de visu)\b"
    r"|\b(un endroit|un lieu|un bureau|un accueil|un guichet|une permanence) (ou|pour|a) (aller|me rendre|etre aidee?|etre recue?|demander de l'aide)\b"
    r"|\bou (je peux |puis je |on peut )?(aller|me rendre|trouver de l'aide) (pres de chez moi|dans mon quartier|a cote|en vrai)\b"
    # « Où aller pour qu'on m'aide à faire les papiers », « ils peuvent me téléphoner plutôt ? »
    # (persona round 93: a woman of 80 without a computer got a balcony solar kit).
    r"|\bou (je peux |puis je |on peut |je dois )?(aller|me rendre)\b.{0,40}\b(aide|aider|papiers|demarches|dossier)\b"
    r"|\b(aller|me rendre) quelque part\b"
    r"|\b(peut|peuvent|pouvez|pourriez|pourrait) (pas )?me (telephoner|appeler)\b"
    r"|\b(quelqu'un|quelqu un|qqun|une personne) (\w+ )?(peut|pourrait|pourra|peuvent) (venir|passer)\b")


_ASKING = re.compile(r"\b(je veux|je voudrais|j'aimerais|besoin|pouvez|peut|peux|y a|il y a|existe|je demande|je cherche)\b")


def asks_for_help_in_person(text: str) -> bool:
    """True when the citizen asks where to be helped in person, near them (not « il est venu en
    personne hier »)."""
    words = normalise(text)
    return bool(_IN_PERSON.search(words)) and (is_question(text) or bool(_ASKING.search(words)))


_ABOUT_THE_TEAM = re.compile(
    # « Et la personne de l'équipe relais elle va quand même m'écrire ? » (persona round 108:
    # a case opened right after everything was erased).
    r"\b(la personne|une personne|le conseiller|la conseillere|un conseiller|une conseillere|quelqu'un|qqun|l'equipe|ils|elle|il) (\w+ ){0,4}"
    r"(va|vont|doit|doivent|peut|pourra|pourront|allez) (\w+ ){0,2}(m'ecrire|me repondre|m'appeler|me rappeler|me contacter|me recontacter)\b"
    r"|\b(quand|dans combien de temps|combien de temps|a quelle heure) (est ce qu'|qu')?(on|la personne|quelqu'un|"
    r"l'equipe|vous|elle|il|ils|elles) (\w+ ){0,2}(me |m')?(repond\w*|ecri\w*|rappel\w*|contact\w*|recontact\w*)\b"
    r"|\b(c'est qui|qui est|qui sont|c'est quoi|ca sert a quoi) (\S+ ){0,2}(l'equipe|equipe) (relais|du relais)\b"
    r"|\b(qui) (va|vont) (me repondre|m'ecrire|m'appeler|lire)\b"
    r"|\b(ou en est|des nouvelles de) (ma demande|mon dossier)\b"
    # « Le conseiller il me contacte comment ? » (persona round 89)
    r"|\b(la personne|le conseiller|la conseillere|l'equipe) (il |elle |ils )?(me |m')(contacte|appelle|ecrit|rappelle|repond)\w* (comment|quand|ou|ici)\b"
    r"|\bcomment (la personne|le conseiller|la conseillere|l'equipe|il|elle|ils) (va |vont )?(me )?(contacter|joindre|me contacte|me joint)\b")


def asks_about_the_team(text: str) -> bool:
    """A question about the relais team's people or about a request already made."""
    return bool(_ABOUT_THE_TEAM.search(normalise(text or "")))


# « Dossier n° 3, ça veut dire quoi ? J'avais dit de rien garder » (persona round 99: answered
# « vous n'êtes pas obligé·e d'appeler »): what a case is, who sees it, how long it is kept.
_ABOUT_THE_CASE = re.compile(
    r"\b(c'est quoi|ca veu[tx] dire quoi|ca veu[tx] dire|ca sert a quoi|qu'est ce que c'est|pourquoi) (\w+ ){0,2}(ce|le|un|mon|du) dossier( n| numero| no)?( \d+)?$"
    r"|\bdossier (n |numero |no )?\d+ (\w+ ){0,3}(ca veu[tx] dire quoi|c'est quoi|kesako|qu'est ce que c'est|ca sert a quoi)\b"
    r"|\b(ce|le) dossier (\w+ ){0,2}(ca veu[tx] dire quoi|c'est quoi|kesako|qu'est ce que c'est|ca sert a quoi)$"
    r"|\b(pourquoi|vous avez|t'as|tu as|avez vous) (\w+ ){0,2}(ouvert|cree|fait) (un|ce) dossier\b")


def asks_about_the_case(text: str) -> bool:
    """A question about what the citizen's case is."""
    return any(_ABOUT_THE_CASE.search(normalise(part)) for part in re.split(r"[?.!;\n]+", text or ""))
