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
            r"souhaite|souhaiterais|besoin d'|donne|donnez|donner|propose|proposes|proposez|proposer|envoie|envoyez|"
            r"avoir|construire|etablir|preparer|prepare|preparez)")
_PLAN = (r"(un|une|mon|le|ce|votre|ton|des|quelques) (petit |petite |mini |vrai |court |simple |bon )?"
         r"(plan|programme|planning|feuille de route|plan d'action|liste d'actions|liste d'etapes|liste des etapes)\b"
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


# The three stages of a plan asked for over a span of time, or in steps: the actions are given
# one per stage, so the citizen sees where to start and what comes after.
# A span of time said as the plan's horizon (« sur 6 mois », « pour les prochains jours »), not
# any number of a message (« mes enfants ont 6 et 9 ans »).
_SPAN = (r"\b(sur|en|pour|pendant|d'ici|dans|de) (les |la |le |un |une |ces |cette |ma |notre )?"
         r"((\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quelques|prochaine?s?|premiers?|premieres?) )*")
_STAGES = (
    # « sur 6 mois », « pour les prochains mois », « d'ici un an ».
    (re.compile(_SPAN + r"(mois|an|ans|annee|annees)\b"),
     ("Ce mois-ci", "Le mois prochain", "Les mois suivants")),
    # « pour la semaine », « cette semaine »: one week, three moments.
    (re.compile(r"\b(pour|sur|de|pendant) (la|cette|une|ma|notre) semaine\b|\bcette semaine\b"),
     ("En début de semaine", "En milieu de semaine", "En fin de semaine")),
    # « sur 2 semaines », « progressivement », « petit à petit »: a step a week.
    (re.compile(_SPAN + r"semaines\b|\b(progressi\w*|petit a petit|peu a peu|pas a pas|doucement)\b"),
     ("Semaine 1", "Semaine 2", "Semaine 3")),
    # « pour les prochains jours », « d'ici demain ».
    (re.compile(_SPAN + r"jours\b|\b(aujourd'hui|demain|ce soir)\b"),
     ("Aujourd'hui", "Demain", "Les jours suivants")),
)
_STEPS_ONLY = ("Étape 1", "Étape 2", "Étape 3")


def plan_stages(text: str | None) -> tuple[str, ...] | None:
    """The names of the stages of the plan the citizen asks for (« Semaine 1 »…), or None when
    the message asks for no plan."""
    if not asks_for_a_plan(text):
        return None
    words = normalise(text or "")
    return next((stages for pattern, stages in _STAGES if pattern.search(words)), _STEPS_ONLY)
