"""A request about the citizen's own data said in plain words: to see what is kept (« qu'est-ce
que vous gardez comme données sur moi ? ») or to erase it (« bon effacez tout s'il vous plaît »).

Persona round 93: the first got « je n'ai pas de réponse sûre », the second subscribed the
citizen to alerts again. Erasure is still confirmed by a button (action_oubli asks); reading the
request from words only starts that question.
"""

import re

from relais.text import normalise

SEE, ERASE = "mes_donnees", "oubli"

_ERASE = re.compile(
    r"\b(effacez|effacer|supprimez|supprimer|oubliez|detruisez|detruire) (moi |tout\b(?! (le|la|les|l'|un|une|ce|cet|cette|mon|ma|mes|son|sa|ses)\b)|toutes? (mes|les) (donnees|infos|informations|traces)|"
    r"mes (donnees|infos|informations|traces|messages)|ce que vous (avez|savez|gardez) (sur|de) moi|mon compte|mon historique)\b"
    r"|\b(oubliez moi|droit a l'oubli)\b|^((bon|alors|ok|donc|et) )*(effacez|supprimez) tout\b"
    # « Effacez tout ce qui concerne mon fils », « comment on efface mes données ? » (persona
    # round 102: a father's refusal inside a crisis dialogue, twice unheard).
    r"|\b(effacez|effacer|supprimez|supprimer) tout ce (qui (concerne|touche|parle)|que (je vous ai|j'ai|vous avez|vous savez))\b"
    r"|\bcomment (on |je |est ce qu'on |je peux |on peut )?(efface|supprime|effacer|supprimer) (mes|les|ces|nos) (donnees|infos|informations|messages|echanges)\b")
_SEE = re.compile(
    r"\b(qu'est ce que|qu est ce que|que|quoi|quelles?) (vous )?(gardez|garde|conservez|savez|avez|stockez|enregistrez|enregistre)"
    r"( \w+){0,3} (sur moi|de moi|me concernant|comme donnees|comme infos|de mes donnees)\b"
    r"|\b(quelles|mes) (donnees|informations|infos) (avez vous|vous avez|gardez vous|vous gardez|sont gardees|sont enregistrees)\b"
    r"|\b(voir|consulter|acceder a|recevoir) (mes donnees|ce que vous (avez|savez|gardez) sur moi)\b")


def data_request_in_words(text: str | None) -> str | None:
    """ERASE, SEE, or None when the message asks neither."""
    words = normalise(text or "")
    if not words:
        return None
    if _ERASE.search(words):
        return ERASE
    if _SEE.search(words):
        return SEE
    return None


# How the data are kept, not a request about them (« c'est stocké où et combien de temps ? »,
# « vos données, qui les lit ? L'État, les impôts ? »; persona round 97: « pas compris », twice,
# before consent was given).
_DATA = r"(donnees|infos|informations|messages|echanges|conversations?|ce que je (vous )?(dis|ecris|raconte)|mes reponses|tout ca)"
_HOW_KEPT = re.compile(
    r"\b(c'est|c est|elles sont|ils sont|mes donnees sont|vous les|tout est|ce sera|c'est bien) (\w+ )?(stocke\w*|conserve\w*|garde\w*|enregistre\w*|heberge\w*)\b.{0,30}\b(ou|combien de temps|jusqu'a quand|pendant combien)\b"
    r"|\b(ou|combien de temps|jusqu'a quand)\b.{0,20}\b(vous )?(stockez|conservez|gardez|enregistrez|hebergez)\b"
    r"|\b(ou|combien de temps|jusqu'a quand)\b.{0,20}\b(sont|seront|restent) (\w+ )?(stockees?|conservees?|gardees?|enregistrees?|hebergees?)\b"
    rf"|\b(qui|qui est ce qui) (\w+ ){{0,2}}(lit|lira|lisent|liront|voit|verra|voient|a acces|aura acces|peut lire|peut voir|recoit)\b.{{0,25}}\b{_DATA}"
    rf"|\b{_DATA}\b.{{0,20}}\b(qui (les |la |le )?(lit|lira|voit|a acces)|transmises? a|partagees? avec|revendues?|vendues?)"
    r"|\bvous (gardez|stockez|conservez|enregistrez) (\w+ ){0,2}(ou|combien de temps|pendant combien|jusqu'a quand)\b"
    r"|\b(rgpd|confidentialite|vie privee)\b")
# Who else sees it, or whether it is confidential: about what the citizen tells Relais only
# (« la CAF a accès à mes comptes ? » or « le signalement c'est anonyme ? » are other questions).
_WHO_ELSE = re.compile(
    r"\b(l'etat|les impots|le fisc|la caf|france travail|pole emploi|mon employeur|mon patron|la police|la prefecture)\b.{0,30}\b"
    r"(ont|a|aura|auront|peut|peuvent|pourra|pourront) (acces|les lire|les voir|lire (ca|mes|ce que|nos)|voir (ca|mes|ce que|nos))"
    r"|\b(c'est|vous etes|c'est bien|tout ca est|ce que je vous (dis|ecris) est) (confidentiel|anonyme|securise)\b")
_ABOUT_RELAIS = re.compile(r"\b(vous|vos|ici|relais|ce que je vous|ce que je dis|ce que j'ecris|nos echanges|cette conversation|mes messages|mes donnees)\b")


def asks_how_data_is_kept(text: str | None) -> bool:
    """The message asks where, how long or by whom the citizen's data are kept or read."""
    words = normalise(text or "")
    return bool(_HOW_KEPT.search(words)) or bool(_WHO_ELSE.search(words) and _ABOUT_RELAIS.search(words))


# Whether Relais costs anything (« C'est payant ? Si c'est gratuit oui j'accepte », persona round
# 101: unanswered). Read only beside the consent answer, where « c'est » is Relais.
_COST = re.compile(
    r"\b(c'est|cest|est ce|vous etes|ce service est|relais est|c'est bien|ca reste) (payant|gratuit)\b"
    r"|\b(ca|cela) (coute|va couter|coutera) (combien|quelque chose|de l'argent|cher)\b|\bcombien (ca|cela) coute\b"
    r"|\b(il faut|faut il|faut-il|dois je|je dois|on doit|faudra) (payer|paye|que je paye)\b")


def asks_about_cost(text: str | None) -> bool:
    """The message asks whether the service costs anything."""
    return bool(_COST.search(normalise(text or "")))
