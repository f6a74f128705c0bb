"""Whether a citizen asks for a plan (« vous pouvez me faire un petit plan ? », « faites-moi un
programme sur 2 semaines », « en quelques étapes svp »).

Read by a rule, not guessed by the model: DIET read such requests as a mood check-in, a track's
introduction or « pas compris ». The request gets the intent of « 3 autres actions », whose
action shows the three actions that fit the answers given (the first three when none was shown).
A plan in another sense (« plan social », « plan de surendettement », « plan canicule ») is not one.
"""

import re

from relais.text import normalise

_REQUEST = (r"(fais|fait|faire|faites|pouvez|peux|pourriez|pourrais|pourrait|voudrais|veux|voulais|aimerais|"
            r"souhaite|souhaiterais|besoin d'|donne|donnez|donner|propose|proposez|proposer|envoie|envoyez|"
            r"avoir|construire|etablir|preparer|prepare|preparez)")
_PLAN = (r"(un|une|mon|le|ce|votre|ton|des|quelques) (petit |mini |vrai |court |simple |bon )?"
         r"(plan|programme|planning|feuille de route|plan d'action|liste d'actions)\b"
         r"(?! (de |d'|social|sociaux|b\b|canicule|grand froid|epargne|relance|sauvegarde|travail|cul))")
_STEPS = r"(en|par) (quelques|3|trois|4|quatre|5|cinq|petites|grandes) (petites |grandes )?etapes\b"
_ASKS_FOR_PLAN = re.compile(
    rf"\b{_REQUEST}\b(\W+\w+){{0,6}}?\W+{_PLAN}"
    rf"|\b{_REQUEST}\b(\W+\w+){{0,6}}?\W+{_STEPS}"
    rf"|^(et |ok |alors |bon |donc )*(un |une |le |mon )?(petit |mini )?(plan|programme)( d'action)?( concret)?( svp| stp| s'il vous plait)?\W*\??$")
_NOT_A_REQUEST = re.compile(r"\b(pas|plus|jamais) (besoin|envie) d'(un|une)? ?(petit |mini )?(plan|programme)\b"
                            r"|\b(sans|pas de|pas un) (petit |mini )?(plan|programme)\b")


def asks_for_a_plan(text: str | None) -> bool:
    """True for a request for a personal plan of actions."""
    raw = text or ""
    if raw.lstrip().startswith("/"):
        return False
    words = normalise(raw)
    return bool(_ASKS_FOR_PLAN.search(words)) and not _NOT_A_REQUEST.search(words)
