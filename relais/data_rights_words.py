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
    r"|\b(oubliez moi|droit a l'oubli)\b|^((bon|alors|ok|donc|et) )*(effacez|supprimez) tout\b")
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
