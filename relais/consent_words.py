"""Is a typed message really an answer to the consent question?

Consent to keep health-related data must be explicit. The NLU model sometimes files a stray
message ("azertyuiop") under `consentir`; a typed answer counts only if it also uses the words
of a yes or a no. Button taps are explicit by construction and are not checked here.
"""

import re

from relais.text import normalise

_YES = re.compile(
    r"\b(oui|ouais|ok|okay|d'accord|dacc|daccord|accepte|acceptee?|accord|consen(s|t\w*)|"
    r"enregistr\w*|gard\w*|conserv\w*|allez y|vas y|bien sur|volontiers|ca marche|valide|pas de (souci|probleme))\b"
)
_NO = re.compile(
    r"\b(non|nan|refus\w*|jamais|pas d'accord|ne veux pas|veux pas|sans enregistr\w*|pas d'enregistr\w*|"
    r"rien (garder|conserver|enregistrer)|retir\w*|supprim\w*|effac\w*|arret\w*)\b"
)


# « Oui mais vous répondez pas. Je peux y aller sans lui ou pas ? »: a yes to something else,
# with a question (persona round 95: recorded as consent, from a woman whose partner reads her
# phone). Consent is given by a yes about it alone.
_YES_BUT = re.compile(r"^\W*(oui|ouais|ok|okay|d'accord|dacc)\W+(mais|sauf|enfin|par contre)\b")


def is_explicit_answer(text: str, giving: bool) -> bool:
    """True when the words of `text` say yes (giving) or no (not giving) to consent."""
    if consent_in_words(text) is giving:
        return True
    words = normalise(text or "")
    if giving and (_YES_BUT.search(words) or "?" in (text or "")) and leading_consent(text) is not True:
        return False
    return bool((_YES if giving else _NO).search(words))


# The whole message is an answer to the consent question in words no other question calls for
# (« oui ok vous pouvez garder », « ouais garde », « non merci pour la trace »): read as such
# wherever it comes, by a rule (rasa_components/consent_reader.py). « Je garde mes petits-enfants »
# or « comment conserver les légumes » say more than that and are not.
_KEEP = r"(garder|gardez|garde|gardes|enregistrer|enregistrez|enregistre|conserver|conservez|conserve)"
_GIVES = re.compile(
    r"^((oui|ouais|ok|okay|d'accord|dacc|ca marche|allez y|vas y|bien sur|volontiers|pas de souci)\W+)*"
    r"(vous pouvez |tu peux |vous pouvez tout |tu peux tout )?" + _KEEP +
    r"( tout| ca| la trace| une trace| mes (donnees|infos|informations|echanges|reponses)| nos echanges)?"
    r"( (pas de souci|sans souci|pas de probleme|merci))?\W*$")
_REFUSES = re.compile(
    r"^((non|nan|nn|non merci|merci mais non|je refuse|refuse)\W+)*"
    r"((pour|pas de|sans|pas d'|aucune?) (la |une )?(trace|enregistrement|sauvegarde|donnees)"
    r"|(ne |n')?(gardez|garde|enregistrez|conservez) (rien|pas)( de trace)?"
    r"|(je ne veux pas|je veux pas|je prefere pas|je ne prefere pas|j'?prefere pas|je prefere que vous ne|pas envie|plutot pas) "
    r"(que vous (gardiez|enregistriez|conserviez)|qu'on (garde|enregistre|conserve)|de trace|d'enregistrement)( \w+){0,2})"
    r"( merci)?\W*$")


# « J'ai pas dit d'accord pour garder quoi que ce soit » (persona round 95: recorded as given all
# the same), in a message of any length.
_NEVER_AGREED = re.compile(
    r"\b(j'ai|je n'ai|jai) (pas|jamais|rien) (dit|donne|accepte) (\w+ ){0,2}?(oui|d'accord|mon accord)"
    r" (\w+ ){0,2}(garder|gardiez|enregistrer|enregistriez|conserver|stocker|trace)\w*\b"
    r"|\b(j'ai|je n'ai|jai) (pas|jamais) donne mon consentement\b"
    r"|\bje (n'ai|ai) (jamais|pas) accepte (que vous|qu'on|d'etre) (gardiez|enregistriez|conserviez|enregistre\w*)\b"
    # « Je vous ai dit que je refuse que vous gardiez mes informations » (persona round 110: a man
    # of 70 refused twice inside the budget questions, « pas bien saisi »).
    r"|\bje (refuse|ne veux pas|veux pas) (que vous (gardiez|enregistriez|conserviez|stockiez)|qu'on (garde|enregistre|conserve|stocke))"
    r" (mes|les|nos) (donnees|infos|informations|echanges|reponses)\b")
# « J'accepte », « jaccepte », « ok j'accepte », « je refuse »: the buttons' words, typed.
# « Si c'est juste pour le suivi ok j'accepte », « Et j'accepte pour les données » (persona round
# 97: neither was heard).
# « Je l'ai déjà écrit au début, mais : j'accepte », « J'accepte que vous gardiez mes données »
# (persona round 98: neither was heard, and the weekly check-in he asked for waited on it).
# « C'est payant ? Si c'est gratuit oui j'accepte » (persona round 101: a woman of 69 got the
# energy coach, and no consent).
_IF_ONLY = (r"((et|mais|bon|alors) |si c'est (juste |seulement |uniquement |bien )?(pour (le suivi|m'aider|m'accompagner|moi)|gratuit)( alors| ok| oui)?\W+"
            r"|je (vous )?l'ai (deja )?(dit|ecrit)( \w+){0,3}\W+(mais\W+)?)?")
_FOR_DATA = (r"( pour (les donnees|mes donnees|le suivi|l'enregistrement|la trace|les infos|vos conditions|la confidentialite)"
             r"| que vous (gardiez|enregistriez|conserviez) (mes|les|nos) (donnees|infos|informations|echanges|reponses)"
             r"| l'enregistrement( de mes donnees)?)?")
_ACCEPTS = re.compile(r"^" + _IF_ONLY + r"((oui|ouais|ok|okay|bon|d'accord|dacc)\W+)*(j'?accepte|jaccepte|c'est accepte|accepte|j'?accepte tout)"
                      + _FOR_DATA + r"( merci)?\W*$")
_DECLINES = re.compile(r"^((non|nan|ok|bon)\W+)*(je refuse|refuse|j'?accepte pas|jaccepte pas|je n'accepte pas)( merci)?\W*$")
# Where a message's sentences end (« ok jaccepte. on a plus d'eau… »).
_SENTENCE_END = re.compile(r"[.!?;\n]+")
_SENTENCE = re.compile(r"([^.!?;\n]+)([.!?;\n]*)")


def without_leading_consent(text: str) -> str:
    """The message without the consent answer it gives in a sentence of its own (« J'accepte.
    Je voudrais signaler que… »: persona round 91 published « J'accepte. » with the doléance)."""
    kept = [match.group(0) for match in _SENTENCE.finditer((text or "").strip())
            if consent_in_words(match.group(1)) is None]
    rest = "".join(kept).strip()
    return rest if rest and rest != (text or "").strip() else text


# A bare yes or no, heard as the consent answer only when it opens the reply to that question.
_BARE_YES = re.compile(r"^\W*((oui|ouais|ok|okay|d'accord|dacc|ca marche|pas de souci|vas y|allez y)\W*)+$")
_BARE_NO = re.compile(r"^\W*((non|nan|non merci)\W*)+$")


def leading_consent(text: str | None, just_asked: bool = False) -> bool | None:
    """The consent answer a message gives in a sentence of its own beside something else
    (« jaccepte. Je suis libérale… », persona round 90; « Factures trop lourdes. Et j'accepte pour
    les données. », persona round 97); None when it gives none or is nothing else."""
    # A sentence asked (« … une rupture conventionnelle. J'accepte ? ») answers no consent.
    sentences = [match.group(1) for match in _SENTENCE.finditer((text or "").strip())
                 if match.group(1).strip() and "?" not in match.group(2)]
    if not sentences or len(_SENTENCE_END.split((text or "").strip().rstrip(".!?; \n"))) < 2:
        return None
    if just_asked and _BARE_YES.match(normalise(sentences[0])):
        # « ouais ok. 40 cm d'eau au rdc… » right under « Acceptez-vous ? » (persona round 97).
        return True
    if just_asked and _BARE_NO.match(normalise(sentences[0])):
        return False
    return next((answer for answer in map(consent_in_words, sentences) if answer is not None), None)


def consent_in_words(text: str | None) -> bool | None:
    """True (given) or False (refused) when the whole message answers the consent question in
    its own words; None otherwise."""
    words = normalise(text or "").strip()
    if (text or "").lstrip().startswith("/"):
        return None
    if _NEVER_AGREED.search(words):
        return False
    if len(words.split()) > 9:
        return None
    if _REFUSES.search(words) or _DECLINES.search(words):
        return False
    if _GIVES.search(words) or _ACCEPTS.search(words):
        return True
    return None


# A polite yes or no, the whole message, right under the consent question (« Oui je veux bien
# madame, merci », persona round 100: read as thanks, and no consent recorded).
_POLITE_YES = re.compile(
    r"^((oui|ouais|ok|okay|d'accord|dacc|bien sur|volontiers)\W+)+(je veux bien|je veux|allez y|vas y|pas de souci|"
    r"pas de probleme|avec plaisir|pourquoi pas)?\W*(madame|monsieur)?\W*(merci( beaucoup| bien)?)?\W*$")
_POLITE_NO = re.compile(
    r"^((non|nan|nn|non merci)\W+)+(je prefere pas|je ne prefere pas|j'?prefere pas|pas pour l'instant|pas maintenant|"
    r"sans facon|ca ira|je ne veux pas|je veux pas)?\W*(madame|monsieur)?\W*(merci( beaucoup| bien)?)?\W*$")


def polite_answer(text: str | None) -> bool | None:
    """A yes or a no said politely, the whole message; None otherwise. Only for a reply right
    under the consent question: elsewhere a yes answers something else."""
    words = normalise(text or "").strip() + " "
    if _POLITE_YES.match(words):
        return True
    if _POLITE_NO.match(words):
        return False
    return None
