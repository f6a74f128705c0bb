"""Recognise an abrupt disruption in a citizen's message (psy-coach phase `urgence`).

A message about a track is either a wish to adapt over time ("je voudrais moins utiliser la
voiture") or an abrupt step of change ("plus une goutte d'essence depuis ce matin"). The second
calls for first steps now, not a diagnostic questionnaire: that is the `urgence` phase.
"""

import re

from relais.text import normalise

_ACUTE = re.compile(
    "|".join(
        (
            r"\burgen(t|te|ce)\b",
            r"\bdepuis (ce matin|cette nuit|hier|ce soir|cet apres midi|avant hier|\d+ (h|heures?|jours?))",
            r"\b(tout de suite|immediatement|maintenant|ce soir|cette nuit)\b.*\b(plus|pas|rien|aide)",
            r"\b(d'un coup|du jour au lendemain|sans prevenir|sans preavis|soudainement|brutalement)\b",
            r"\b(on vient|je viens|il vient|ils viennent|elle vient) (de|d')\b",
            r"\b(vient|viennent) (de|d') (tout )?(detruire|ravager|couper|inonder|emporter|bruler|lacher|fermer|tomber)",
            r"\b(plus|pas) (une goutte|un sou|un centime|rien|de courant|d'electricite|de chauffage|d'eau|d'essence|de carburant|de gasoil|de gazole|de reseau|d'internet|de quoi manger|a manger|de travail|de boulot|de logement|de toit(?! ([\w']+ ){0,8}(balcon|panneaux?|solaires?|garde corps|terrasse)))\b",
            r"\bplus (du tout|aucun|aucune)\b",
            r"\b(coupe|coupee|coupes|coupure|coupures|panne|black ?out|delestage)\b",
            r"\b(inonde|inondee|inondation|inondations|crue|l'eau monte)\b",
            # « L'eau est entrée dans la cuisine », « de l'eau partout au rez-de-chaussée ».
            r"\bl'eau (\w+ ){0,2}(entree|rentree|montee|arrivee|passee) (\w+ ){0,2}(dans|au|a l'|jusqu)|\bde l'eau partout\b",
            r"\b(licencie|licenciee|vire|viree|licenciement|mis a la porte|mise a la porte)\b",
            r"\b(expulse|expulsee|expulsion|a la rue)\b",
            r"\b(rien a manger|frigo vide|placards? vides?|penurie|ruptures? de stock)\b",
            r"\b(panique|paniquer|paniquee?|au secours|sos)\b",
            # Job lost without notice: « mis à pied », « m'a dit de pas revenir lundi ».
            r"\b(mise? a pied|de (ne )?pas revenir (lundi|demain|la semaine prochaine))\b",
            # A loss told with its night or morning: « un renard a attaqué cette nuit », « mon
            # vélo s'est fait voler ce matin ».
            r"\b(cette nuit|ce matin|hier soir)\b.*\b(vole|volee|voles|volees|voler|attaque|mortes?|morts?|"
            r"envole|envolee|detruit|detruite|devore|devores|devorees|arrache|arrachee)\b",
            r"\b(vole|volee|voler|attaque|mortes?|morts?|envole|envolee|detruit|detruite|devore|devorees?|arrache|arrachee)\b"
            r".*\b(cette nuit|ce matin|hier soir|en une nuit)\b",
        )
    )
)

# Pressing whatever the topic: the citizen says it is urgent, or that the thing lost was the only
# one (« c'est notre seul chauffage », « on comptait dessus pour manger »). The learned reading of
# a calm topic does not overrule these (relais/track_turn.py).
_PRESSING = re.compile(
    r"\b(urgen(t|te|ce)|d'urgence|au secours|help|sos|vite un conseil|aidez moi vite|"
    r"je panique|on panique)\b"
    r"|\b(notre|mon|ma|leur|son) (seule?|unique) (chauffage|source|reserve)\b"
    # Hunger now is today's need: « mes enfants ont faim », « j'ai faim ».
    r"|\b(ont|a|ai|avons) (tres |trop |vraiment )?faim\b"
    # A need to be met fast: « besoin d'un colis rapidement », « il me faut du bois au plus vite ».
    r"|\b(besoin|il me faut|il nous faut)\b.{0,50}\b(rapidement|au plus vite|vite|asap)\b"
    r"|\b(notre|la|ma) seule source\b|\bon a (que|plus que) (ca|cela|lui|elle) pour (se chauffer|manger|vivre)\b"
    r"|\b(on|je|nous) (comptai(t|s|ent)|comptons|compte) (dessus|sur (ca|elles?|eux|ces|cette))\b")


# A disruption that is supposed, denied or planned for is no urgence: « pendant un délestage, le
# kit produit ? », « il n'y a pas de coupure maintenant », « en cas de panne ».
_NOT_NOW = re.compile(
    r"\b(pendant|en cas de|en cas d'|lors d'|lors de|si|s'il y a|quand il y a|avant|apres|pour|contre|prochaine?s?|prevue?s?|annoncee?s?)"
    r" (les |un |une |des |d'|le |la |l')?(\w+ )?(coupures?|delestages?|pannes?|penuries?|black ?outs?|inondations?|crues?)\b"
    r"|\b(pas|plus|aucune|aucun|jamais) (de |d'|eu de )?(coupures?|delestages?|pannes?|penurie)\b"
    # Habitual cuts are a way of life to plan for: « on a souvent des coupures le soir ».
    r"|\b(souvent|regulierement|frequemment|parfois|de temps en temps|chaque hiver|chaque soir) (des |les |de )?(\w+ )?(coupures?|delestages?|pannes?)\b"
    r"|\b(coupures?|delestages?|pannes?) (frequentes|a repetition|regulieres|chaque (soir|hiver|semaine))\b")

# Preparing for next time, or avoiding it: a question about an acute scenario that is not
# happening now (« comment préparer la maison pour la prochaine fois », « comment éviter le
# burn-out avant qu'il soit trop tard »).
_PREPARING = re.compile(
    r"\b(la prochaine fois|pour la prochaine|a l'avenir|en prevision|anticiper|se preparer|preparer la|"
    r"comment eviter|pour eviter|eviter (de|que|le|la|les)|avant qu'il (ne )?soit trop tard|l'an dernier|"
    r"l'annee derniere|l'hiver dernier|l'ete dernier)\b")


# A disruption anchored in the present. A sure everyday topic told so is lived now: its answer
# comes as the urgence's first steps (blind set F: « un renard a attaqué le poulailler cette
# nuit », « g perdu mon taf hier » were the calm phase).
# When it happened, weakly: « hier j'ai vu un reportage sur le compost » is no disruption, so
# these count only beside a word of one (is_acute).
_WHEN = re.compile(r"\b(cette nuit|ce matin|ce soir|aujourd'hui|hier|hier soir|avant hier|cet apres midi)\b")
# Strongly: it happened all at once, since a given time, has just happened, or falls due soon.
_JUST_NOW = re.compile(
    r"\b(en (une|1) (seule )?nuit|en (\d+|deux|trois) jours|d'un coup|du jour au lendemain|sans prevenir|sans preavis)\b"
    r"|\bdepuis (ce matin|cette nuit|hier|avant hier|\d+ (h|heures?|jours?)|ce week end)\b"
    r"|\b(on vient|je viens|il vient|ils viennent|elle vient|vient|viennent) (de|d') (\w+ )?(recevoir|perdre|couper|tomber|fermer|"
    r"licencier|apprendre|annoncer|casser|voler|inonder|refuser|supprimer|envoyer|m'envoyer|nous envoyer)\b"
    r"|\b(avant|d'ici|sous) (demain|ce soir|minuit|la fin de (la semaine|la journee)|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|\d+ ?(h|heures))\b"
    r"|\b(ferme|fermer|fermeture|coupe|coupure|raser|expulse\w*|saisie|s'arrete|annule\w*|supprime\w*)\b.{0,40}"
    r"\b(demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|ce soir|cette semaine)\b")


def happens_now(text: str) -> bool:
    """True when a disruption is told as happening now, just happened or falls due very soon
    (and is not supposed, planned for or prepared)."""
    words = _NOT_NOW.sub(" ", normalise(text or ""))
    if _PREPARING.search(words):
        return False
    return bool(_JUST_NOW.search(words)) or (bool(_WHEN.search(words)) and bool(_ACUTE.search(words)))


def is_acute(text: str) -> bool:
    """True when the message describes an abrupt disruption that needs first steps now."""
    return bool(_ACUTE.search(_NOT_NOW.sub(" ", normalise(text or ""))))


def is_pressing(text: str) -> bool:
    """True when the citizen says it is urgent, or that what was lost was the only one."""
    return bool(_PRESSING.search(normalise(text or "")))


def speaks_of_preparing(text: str) -> bool:
    """True when the message prepares for a disruption, or avoids one, rather than lives it now."""
    return bool(_PREPARING.search(normalise(text or "")))
