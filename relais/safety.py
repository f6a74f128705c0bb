"""Crisis lexicon: the deterministic half of crisis detection.

The NLU model recognises most crisis messages, but a missed crisis is the worst failure Relais
can have, so the phrasings that must never be missed are also matched here, by explicit and
reviewable patterns. The same lexicon serves the Rasa pipeline (rasa_components.crisis_guard)
and the Telegram edge, which must answer a crisis even when Rasa is slow or down.

Three lists, each pattern tagged with a crisis kind (relais.crisis.CRISIS_KINDS):
- CRISIS_PATTERNS: a match is a crisis, certain (tier 1): the numbers at once, a case.
- CONCERN_PATTERNS: softer cues ("à quoi ça sert tout ça", "j'ai peur de rentrer chez moi"):
  not enough to page a coach, too much to ignore. They make Relais ask a direct question
  (tier 2), and they corroborate the model when it says crisis.
- LOOKALIKE_PATTERNS: idioms that use the words of a crisis harmlessly ("mort de rire", "ma
  batterie est morte"): they let the pipeline overrule a model that confuses them with a
  crisis, but they never overrule a crisis pattern.
PLAN_PATTERNS tell, inside a crisis, that a plan or a means is described: the alert goes up.

Patterns run on relais.text.variants(): lower-case, no accents, single spaces, SMS spellings
and elisions expanded ("m'tuer" reads "me tuer"), letters repeated 3+ times cut.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from re import Pattern

from relais.crisis import CHILD, DANGER, MEDICAL, OTHER_AT_RISK, SELF_HARM, SUICIDE, VIOLENCE
from relais.crisis_classifier import CrisisReading
from relais.heat_words import FIRST_SIGNS, speaks_of_heat
from relais.mood import WORTHLESS, worries_for_a_relatives_mood
from relais.text import normalise, single_letters, variants
from relais.violence_witness import witnesses_violence

_WANT = r"(veux|voudrais|voulais|aimerais|envie de|envie d'|prefere|prefererais|vais|souhaite|besoin de|pense a|pense souvent a|compte|hate de|ai decide de|ai prevu de|prevu de|prevois de|ai planifie de|tente de|essaye de|essayer de|pret a|prete a|peur de|pulsion de|tentation de)"
_ME = r"(?:me |m')"
# Someone close, for the kinds about another person.
_CLOSE = r"(ouvrier|ouvriere|salarie|salariee|employe|employee|associe|associee|client|cliente|resident|residente|frere|soeur|fils|fille|pere|mere|papa|maman|ami|amie|pote|copain|copine|collegue|voisin|voisine|mari|femme|conjoint|conjointe|compagnon|compagne|cousin|cousine|oncle|tante|grand pere|grand mere|beau frere|belle soeur|coloc|colocataire|ado|meilleur ami|meilleure amie|petit ami|petite amie|patient|patiente|eleve|neveu|niece)"
# The writer speaks of their own wish: the patterns about someone else step back.
_FIRST_PERSON_WISH = r"(je veux(?! (savoir|comprendre|l'aider|les aider|aider|lui dire|lui parler|quoi lui dire))|je vais(?! (bien|mieux|tres bien))|je voudrais|j'ai envie|je pense a|moi aussi|me tuer|me suicider|en finir moi)\b"
# Heat, and a mind that goes (for a heat stroke: a sign of it with heat, not heat alone).
# « il fait 41 dehors » and « pas de clim » by 41 are heat too (persona round 95: an 82-year-old
# father « bizarre, confus » at 41 got a question, then « pas compris », before the 15).
_HEAT_WORDS = r"\b(canicule|chaleur|coup de chaleur|il fait (tres |trop |super )?chaud|fait (3[4-9]|4[0-9]) ?(degres|°)|(3[4-9]|4[0-9]) ?(degres|°)|il fait (3[4-9]|4[0-9])|etuve|fournaise|insolation)\b"
# A budget kept together (« on gère l'argent ensemble », « comment faire un budget ? »): no control.
_SHARED_BUDGET = (r"ensemble|on gere|nous gerons|faire un budget|notre budget|budget serre|appli bancaire|application bancaire|"
                  r"nulle? en (compta|maths|chiffres)|je lui ai demande|on a decide|d'un commun accord")
# Who the writer may fear at home: a parent, a parent's partner, a sibling, a partner.
# Fear of a parent's reaction to grades or a bill: a teen's worry, not a danger at home.
_GRADES_OR_BILLS = r"bulletin|notes?|controle|resultats|conseil de classe|facture|factures"
_HOUSEHOLD = (r"(mon pere|ma mere|mon beau pere|ma belle mere|mon daron|ma daronne|mon frere|mon grand frere|mon oncle|"
              r"mon mari|mon conjoint|mon compagnon|mon copain|mon mec|mon ex|ma femme|ma copine|ma compagne)")
_SOMEONE = r"(il|elle|ma mere|mon pere|ma grand mere|mon grand pere|mamie|mamy|papi|papy|ma voisine|mon voisin|mon mari|ma femme|ma tante|mon oncle)"
_CONFUSED = (rf"\b({_SOMEONE} (\w+ ){{0,2}}(delire|divague)(?! (complet|completement|total|totalement|sur|avec|ou))|{_SOMEONE} (est|semble|devient|a l'air) (toute? |tres |un peu )?(confuse?|desorientee?|incoherente?|deliree?)|"
             rf"{_SOMEONE},? (est |semble |devient |a l'air )?((toute?|tres|un peu|bizarre|fatiguee?|vraiment|completement),? ){{0,2}}(confuse?|desorientee?)|"
             r"(sait|sais) (plus|pas) (trop |bien )?(quel jour on est|ou (il|elle) est|quelle heure il est)|"
             r"(dit|dire|raconte|raconter) des (choses|trucs) (bizarres|incoherente?s|sans queue ni tete)|"
             r"ne me reconnait (plus|pas)|me reconnait (plus|a peine)|ne reconnait plus|parle (bizarrement|de travers)|"
             r"ne repond (plus|pas) quand (je|on) (lui )?parle|ne reagit (plus|pas)|s'est evanouie?|fait un malaise)\b")
_CHILD = r"(enfant|enfants|bebe|bebes|gamin|gamine|gamins|petit|petite|petits|fils|fille|neveu|niece|gosse|gosses|petiot|nourrisson|eleve|ado|collegien|collegienne|ecolier|ecoliere|lyceen|lyceenne)"
_SHAKE = r"(envie de|peur de|pourrais|vais|failli|sur le point de) (le|la) secouer"
# A baby, by name or by what only a baby does: not a teenager or a boss one wants to shake.
_INFANT = r"(bebe|nourrisson|(a|de) \d+ (mois|semaines)|pleure\w*|pleurs|se taise|se taire)"
# An infant under three months, and a fever (38 °C or more, « 38,4 » read as « 38 4 »).
_YOUNG_INFANT = r"(nouveau nee?s?|(bebe|bb|nourrisson|fils|fille|petit|petite|petiot|enfant|loulou|puce) (\w+ ){0,2}((est )?nee? (il y a|depuis) (\d+|quelques|trois|deux) (jours|semaines)|(de|a|qui a) (\d{1,2}|quelques|deux|trois|quatre|cinq|six|sept|huit|dix) (jours|semaines)|(de |a |qui a )?(1|2|un|deux) mois( et demi)?(?! de)))"
# Not a term of birth or an age (« né à 38 semaines », « 40 ans »).
_FEVER = r"((?<!un peu de )(?<!petite )fievre|(38|39|40|41)( [0-9])?( c'est| degres| de fievre| de temperature)?\b(?! (semaines|sa|ans|kg|kilos?|euros?|mois|jours|km|min|minutes?)\b)|temperature (\w+ ){0,2}(a )?(38|39|40|41)\b)"
# Worn out, not dying: « à force », « à ce rythme », « au boulot » — unless blows follow
# (« il va me crever à force de me cogner »).
_WORN_OUT = r"(a force|a ce rythme|a la tache|au (boulot|travail|taf))\b(?! de (me|m'|nous) (cogner|frapper|taper|battre|tabasser|etrangler))(?! de (souffrir|pleurer|avoir mal))"
# Stems (« maltrait », « attouch ») end without a word boundary; the short ones must not be the
# start of another word: « la batterie » (« bat »), « le violon », « le brûleur ».
_ABUSE = r"(frappe|frapper|frappent|battu|battue|bat\b|bats\b|battent|cogne|cognent|maltrait|viol(?!on|et|ette|ine)|attouch|abus|secoue|brule(?!ur)|enferme|enfermee|tape dessus|tapent dessus|roue de coups|coups)"
_OTHERS_HARM = r"(se suicider|suicid|se tuer(?! a la tache)|se supprimer|en finir(?! avec (?!(la vie|sa vie|tout)\b))|mettre fin a ses jours|se faire du mal|se scarifi|se couper les|se mutiler|se pendre|se jeter (du|d'un|sous|par)|plus vivre|se foutre en l'air|tentative de suicide|lettre d'adieu|message d'adieu|disparaitre pour toujours|se tirer une balle|se faire sauter|(est|etre) un fardeau|ne (pas|plus) se reveiller|n'aura plus besoin de rien|ne sera(it)? plus la|(seraient|serait|serions) (\w+ )?mieux sans (elle|lui)|(a|avait|a deja) achete (une|la) corde)"


# Each kind with its pattern as written and spelling-blind (see _compile).
KindPatterns = tuple[tuple[str, Pattern[str], Pattern[str]], ...]


def _compile(entries: Iterable[tuple[str, str]]) -> KindPatterns:
    """Each pattern as written, and spelling-blind (its doubled letters once, to read
    relais.text.single_letters() of a message: "frapé", "mourrir")."""
    return tuple((kind, re.compile(pattern), re.compile(_single_letter_pattern(pattern)))
                 for kind, pattern in entries)


def _regexes(patterns: Iterable[str]) -> tuple[Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def _single_letter_pattern(pattern: str) -> str:
    # Doubled letters of the pattern's words, not an escape followed by the same letter ("\\bb").
    return re.sub(r"(?<!\\)([a-z])\1+", r"\1", pattern)


CRISIS_PATTERNS = _compile((
    # Someone else at risk: checked before the writer's own patterns, which share their words.
    (OTHER_AT_RISK, rf"\b(mon|ma|mes|notre|nos|un|une|son|sa) (\w+ )?{_CLOSE}s?\b(?!.{{0,80}}\b{_FIRST_PERSON_WISH}).{{0,80}}\b{_OTHERS_HARM}"),
    # Not denied (« non il va pas se faire du mal lui, c'est nous qui avons peur », persona round
    # 110: a certain « other at risk » for a girl afraid of her father).
    (OTHER_AT_RISK, rf"\b(il|elle|ils|elles) (\w+ ){{0,2}}(veut|veulent|va|vont|allait|voulait|pensait a|parlait de|parle de|parlent de|pense a|pensent a|menace de|menacent de|a essaye de|a tente de|a voulu|dit vouloir|compte|envisage de|a fait une) (?!(pas|plus|jamais|surtout pas|absolument pas)\b)(\w+ ){{0,2}}{_OTHERS_HARM}"),
    (OTHER_AT_RISK, rf"\b(qu'il|qu'elle) (prefererait|voudrait|aimerait|veut|voulait|va|allait|pense a|pensait a|compte) (\w+ ){{0,2}}{_OTHERS_HARM}"),
    (OTHER_AT_RISK, r"\b(il|elle) s'est (scarifiee?|coupee? les veines|tailladee?|ouvert les veines|pendue?|jetee? (du|d'un|sous|par))\b"),
    (OTHER_AT_RISK, r"\b(il|elle) (dit|a dit|m'a dit|ecrit|a ecrit) (\w+ ){0,3}(qu'il|qu'elle) (n'aura|n'aurait) plus besoin\b"),
    (OTHER_AT_RISK, r"\b(seraient|serait|serions|seriez) (\w+ )?mieux sans (elle|lui)\b"),
    (OTHER_AT_RISK, rf"\b(mon|ma|notre) (\w+ )?{_CLOSE}\b.{{0,60}}\b(dit au revoir|dit adieu|m'a dit adieu|a dit adieu a tout le monde|a donne (\w+ ){{0,2}}(ses|tous ses|toutes ses) (affaires|chiens|chats|outils|biens))\b.{{0,60}}\b(pour toujours|bizarre|repond plus|ne repond pas|n'aura plus besoin|telephone (est )?eteint)"),
    (OTHER_AT_RISK, rf"\b(mon|ma|notre) (\w+ )?{_CLOSE}\b.{{0,40}}\b(pardon|je vous aime|je t'aime|adieu)\b.{{0,60}}\b(telephone|portable) (est )?(eteint|coupe|injoignable)"),
    # A child in danger (abuse, neglect), or a minor who says they are hurt at home.
    (CHILD, rf"\b(le|la|les|mon|ma|mes|un|une|des|son|sa|ses|leur|leurs|notre|nos|du|de la) (\w+ )?{_CHILD}\b(?! de (la|l') (voisine?|rue))(?! de ([2-9]\d|1[89]) ?ans?)(\w+ ){{0,3}}.{{0,40}}\b(?<!\bse )(?<!\bs')(?<!s'est )(?<!c'est ){_ABUSE}"),
    (CHILD, rf"\b{_ABUSE}\w* (?!par )(\w+ ){{0,3}}(le|la|les|mon|ma|mes|un|une|des|son|sa|ses|leur|leurs|notre|nos) (\w+ )?{_CHILD}\b"),
    (CHILD, r"\b(maltraitance|maltraite|maltraitee|maltraites|pedophil|inceste)"),
    # A father who hits the mother at home: the child who writes lives in it (« chez moi… des fois
    # mon père il tape ma mère », persona round 101).
    (CHILD, r"^(?!.*\bj'ai (1[89]|[2-9]\d) ans\b)(?!.*\b(aux cartes|a la belote|aux echecs|au jeu|aux dames|au scrabble)\b).*("
            r"\b(mes parents|chez moi|a la maison|j'habite avec)\b.*\b(mon|mon beau) ?(pere|papa|beau pere|daron) (\w+ ){0,2}(tape|frappe|bat|cogne|tabasse|gifle) (ma|maman)( mere)?\b"
            r"|\b(mon|mon beau) ?(pere|papa|beau pere|daron) (\w+ ){0,2}(tape|frappe|bat|cogne|tabasse|gifle) (ma|maman)( mere)?\b.*\b(mes parents|chez moi|a la maison|j'habite avec)\b)"),
    # « J'entends un enfant qui se fait taper à côté » (the verb after « se fait » is excluded
    # above, where « se bat » is a fight).
    # Not a game lost, a rap on the knuckles, nor a scuffle at school.
    (CHILD, rf"\b(un|une|l'|le|la|les|des|cet|cette|leur|leurs|son|sa|ses|mon|ma|mes|notre|nos) ?(\w+ )?{_CHILD} (\w+ ){{0,3}}(se fait|se font|se faisait|s'est fait|s'est faite) (encore |souvent |toujours )?(taper|frapper|battre|cogner|tabasser|gifler|secouer)\b(?! sur les doigts)(?!.{{0,60}}\b(foot\w*|match\w*|tennis|jeux?|echecs|cartes|course|ping|basket|hand|rugby|belote|scrabble|console|mario|recre\w*|cour de recre\w*|a l'ecole|au college|au lycee|dans la cour|par des (grands|eleves|camarades|copains))\b)"),
    (CHILD, rf"\b{_CHILD}s? (\w+ ){{0,5}}(seule?s?|abandonnee?s?|livres? a eux memes?) (\w+ ){{0,5}}depuis (deux|trois|quatre|plusieurs|des|\d+) (jours|nuits|heures)"),
    (CHILD, r"\b(nous|les|le|la|me) laisse (\w+ ){0,2}seule?s? ([\w']+ ){0,6}(pendant des jours?|des jours|plusieurs jours|toute la nuit|toutes les nuits|sans manger|sans rien a manger)"),
    (CHILD, rf"\b{_CHILD}\b.{{0,60}}\b(pleure|hurle|crie) (\w+ ){{0,2}}depuis (\d+|deux|trois|des) (jours|heures).{{0,40}}(personne|coups|seul)"),
    (CHILD, r"\b(seule?s?|sans manger|sans chauffage) (\w+ ){0,4}(toute la journee|toute la nuit|des jours)\b.{0,60}\b(a|ont) [1-9] ans\b"),
    (CHILD, r"\bj'ai (1[0-7]|[6-9]) ans\b.{0,120}\b(me fait des choses|me touche|m'envoie des photos|photos de moi|veut que (je|j') (\w+ ){0,2}(vienne|aille) chez lui|frappe|me bat|me cogne|peur de rentrer)"),
    (CHILD, r"\b(me fait des choses|me touche (la|les|le|partout)|fait des secrets)\b.{0,80}\bj'ai (1[0-7]|[6-9]) ans\b"),
    (CHILD, r"\b(ma|mon) (fille|fils|petite|petit) de [1-9] ans\b.{0,120}\b(fait des secrets|lui fait des choses|la touche|le touche|mal (a la|au) (zezette|zizi|foufoune|sexe|culotte))"),
    (CHILD, rf"\b{_CHILD}s? (\w+ ){{0,4}}(seule?s?|abandonnee?s?|laisses? seule?s?) (\w+ ){{0,4}}(depuis (deux|trois|plusieurs|\d+) (jours|nuits)|sans manger|sans rien manger|toute la nuit|tout le week end|la nuit)"),
    (CHILD, rf"^(?=.*\b(j'ai (que |seulement |juste |a peine )?(1[0-7]|[6-9]) ans|je suis mineure?|suis mineure?|je suis au (college|lycee)|en (6e|5e|4e|3e|seconde|premiere|terminale))\b).*\b{_ME}(a |ont |avait )?(frappe|frappee|bat|battu|battue|cogne|tape|tapee|viole|violee|touche|touchee|enferme|enfermee|menace|maltraite|insulte et frappe|brule|brulee|pousse|poussee|bouscule|bousculee|secoue|secouee|(casse|cassee) (le|la|une|un|mon|ma) (bras|jambe|nez|dent|doigt|poignet|cote|cotes))\b"),
    (CHILD, rf"\b(mon|ma|mes) (pere|mere|beau pere|belle mere|parents|beau-pere) {_ME}(frappe|bat|battent|frappent|cogne|cognent|tape|tapent|enferme|enferment)\b.{{0,60}}\bj'ai (1[0-7]|[6-9]) ans\b"),
    # Suicidal ideation or intent, direct.
    (SUICIDE, r"suicid"),
    (SUICIDE, rf"{_WANT} (\w+ ){{0,2}}{_ME}(tuer|supprimer|foutre en l'?air|flinguer|pendre|noyer(?! dans (le|la|les|mon|ma|mes|l'|un|une) )|jeter(?! (sur|dans|a l'eau pour) )|tirer une balle|ouvrir les veines|faire sauter la cervelle)\b"),
    (SUICIDE, rf"\b{_ME}(supprimer|foutre en l'?air|fous en l'?air|fout en l'?air|flinguer|pendre|tirer une balle|faire sauter la cervelle)\b"),
    (SUICIDE, rf"\bje {_ME}(tue|supprime)\b(?! (a|au|aux|pour|avec|de) )"),
    # Not « je vais crever à force (de bosser) », « à ce rythme »: tiredness (persona round 88);
    # only after « vais »: « je veux crever à force de souffrir » is a wish to die.
    (SUICIDE, rf"(?!vais (\w+ ){{0,2}}(mourir|crever) {_WORN_OUT}){_WANT} (\w+ ){{0,2}}(mourir|crever)\b(?! (de|d') ?(rire|faim|soif|chaud|froid|ennui|honte|envie|fatigue|peur|impatience|jalousie|curiosite))"),
    (SUICIDE, r"\b(veux|voudrais|aimerais|envie de|envie d'|prefere) (\w+ ){0,2}(etre mort|etre morte|plus etre la|plus exister|ne plus exister|disparaitre pour (toujours|de bon)|etre six pieds sous terre)\b(?! (dans|sur|chez|pour|de) (vos|les|ses|ce|cette|votre|leur|la|le) )"),
    (SUICIDE, r"\b(veux|voudrais|ai|veut) (plus|pas) (envie de |le gout de |la force de )?vivre\b(?! (en|a|au|aux|dans|avec|chez|ici|sous|pres|loin|seule?|sans|la bas|comme (ca|cela) (dans|en|a)|de (mon|ma|mes))\b)"),
    (SUICIDE, r"\ben finir\b(?! avec (?!(la vie|ma vie|cette vie|tout|moi|l'existence|mes jours)\b))(?! (de|d') )"),
    (SUICIDE, r"\bmettre fin a (mes jours|ma vie|tout|mon existence|mes souffrances)"),
    (SUICIDE, r"\b(plus|pas|aucune?|perdu) (\w+ ){0,2}(envie|raison|gout|force) (de|d') ?(vivre|exister|continuer a vivre|rester en vie)"),
    (SUICIDE, r"\b(ne plus|ne pas|jamais|plus) me reveiller\b"),
    # « Je veux juste dormir pour toujours » (persona round 92, a boy of 15 beside his
    # grandmother's pills): not « je dormirais pour toujours tellement je suis crevé ».
    (SUICIDE, r"\b(je )?(veux|voudrais|veut|voulais|aimerais|ai envie de|prefere(rais)?) (juste |seulement )?(dormir|m'endormir|partir) (pour toujours|a jamais|pour de bon|et ne (plus|jamais) me reveiller)\b"),
    (SUICIDE, r"\bm'endormir (pour toujours|a jamais|pour de bon|definitivement|et ne)"),
    (SUICIDE, r"\b(mieux|mieux lotis?|plus heureux|plus heureuse|plus tranquilles?) sans moi\b"),
    (SUICIDE, r"\b(lettres? d'adieux?|faire mes adieux|dire adieu a (tout le monde|tous|mes proches|la vie))"),
    (SUICIDE, r"\bpartir pour (de bon|toujours)\b(?! (en|a|au|aux|dans|vers|chez|sur|a l'etranger)\b)"),
    (SUICIDE, r"\b(me reverrez|me reverras|me verrez|me verras) (plus|jamais)\b"),
    (SUICIDE, r"(?<!mot d')(?<!pot d')(?<!soiree d')(?<!fete d')(?<!repas d')(?<!cadeau d')(?<!bisou d')(?<!baiser d')(?<!discours d')\badieux?\b(?! (a|au|aux|a l') (?!(la vie|tout le monde|tous|mes proches|ce monde)\b))(?! ((a|au|aux) )?(la|le|les|l'|ce|cette|ces|mon|ma|mes)\b)(?! et a (demain|bientot|plus|la semaine|lundi|tout a l'heure))(?!.{0,50}\b(demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|a plus|a bientot|bientot|pour aujourd'hui|lol|mdr|veau|on se reparle)\b)"),
    (SUICIDE, r"\b(ne serai|serai) plus (la|de ce monde)\b"),
    (SUICIDE, r"\b(ma vie|la vie|je) ne (vaut|vaux) (plus )?rien\b"),
    (SUICIDE, r"\b(repere|choisi|trouve) l'endroit\b"),
    (SUICIDE, r"\b(ils|elles|on) trouveront tout\b"),
    (SUICIDE, r"\bje n'en aurai (plus|jamais) besoin\b"),
    (SUICIDE, r"\b(cesser|arreter|finir) d'exister\b"),
    (SUICIDE, r"\bcomment je vais (le )?faire et quand\b"),
    (SUICIDE, r"\b(donne|distribue|offert|legue) (\w+ ){0,4}(toutes |tous )?mes (affaires|biens|animaux)\b(?! (de (bebe|puericulture|grossesse|naissance|sport|camping|jardin|bricolage|cuisine|ski|plage|bureau|travail|l'ecole)|d'(enfant|enfants|hiver|ete|ecole)|trop (petites|grandes)))"),
    (SUICIDE, r"\bje ne (derangerai|generai|embeterai|ennuierai|coulerai) plus (personne|jamais|longtemps)"),
    (SUICIDE, r"\bpersonne (ne )?(s'en rendra compte|remarquera|me regrettera|me manquera|ne verra la difference)"),
    (SUICIDE, r"\b(dire|dites|direz) a (ma|mon|mes) \w+ que je (l'|les )?aime\b"),
    (SUICIDE, r"\bje ne (pourrai|serai) plus (la |le |lui |leur )?(pour )?(le |la |les |lui |leur )?(dire|voir|la)\b"),
    (SUICIDE, r"\b(plus|pas|aucun) (l'interet|le sens|d'interet|de sens|la force|le courage) (de|d'|a) ?(vivre|continuer|me lever|exister|rester en vie)"),
    (SUICIDE, r"\bidees (noires|suicidaires|de mort)\b"),
    (SUICIDE, rf"\b{_ME}(tuerai[st]?|suiciderai[st]?|flinguerai[st]?|pendrai[st]?)\b"),
    (SUICIDE, r"\b(pour|et) ne (pas|plus|jamais) (me|se) reveiller\b"),
    (SUICIDE, r"\b(barbecue|brasero|charbon)\b.{0,60}\b(chambre|piece|voiture|salle de bain)\b.{0,20}\b(fermee|close|calfeutree)\b"),
    # « La voiture dans le garage fermé, j'ai regardé combien de temps ça prend » (persona round
    # 103: asked twice, then « je n'insiste pas »).
    # A car's engine run in a closed garage, with signs of poisoning: carbon monoxide (review).
    (MEDICAL, r"\b(moteur|voiture|bagnole)\b.{0,60}\bgarage\b.{0,100}\b(mal a la tete|maux de tete|vomi\w*|nausee\w*|malaise|vertiges?|somnolen\w*|endormi\w*|inconscien\w*)\b"
              r"|\b(mal a la tete|maux de tete|vomi\w*|nausee\w*|malaise|vertiges?|somnolen\w*|inconscien\w*)\b.{0,100}\b(moteur|voiture|bagnole)\b.{0,60}\bgarage\b"),
    # Not an accident told with its signs (« le moteur a tourné dans le garage fermé, il vomit »):
    # that is the carbon monoxide emergency (review).
    (SUICIDE, r"^(?!.*\b(mal a la tete|vomi\w*|malaise|a tourne|laisse tourner|accident|neige|bloquee?)\b)"
              r".*(\b(voiture|moteur|bagnole)\b.{0,40}\bgarage (ferme|clos)\b.{0,80}\b(combien de temps (ca|il) (prend|faut|met)|en finir|mourir|me tuer)\b"
              r"|\b(combien de temps (ca|il) (prend|faut|met)|en finir|mourir|me tuer)\b.{0,80}\b(voiture|moteur|bagnole)\b.{0,40}\bgarage (ferme|clos)\b)"),
    (SUICIDE, r"\b(rien|plus rien) laisser derriere moi\b|\bquand je (serai|ne serai plus) (partie?|la)\b"),
    (SUICIDE, r"\b(ce sera|tout sera|ca sera) (fini|termine|regle) (pour moi|pour de bon|une fois pour toutes|ce soir|cette nuit)\b|\bcomme ca ce sera fini\b"),
    # "The end of the road": said of oneself, not of a path (nothing after it: "du chemin de halage").
    (SUICIDE, r"\b(pour moi (c'est|c'etait) |je suis (arrivee? )?(a|au) |j'arrive (a|au) |on arrive (a|au) )(la )?(fin|bout) (du|de mon|de ma|de la) (chemin|route|voyage|parcours)\b(?! (de|d'|du|des) )"),
    (SUICIDE, r"\b(fin|bout) (du|de mon|de ma|de la) (chemin|route|voyage) pour moi\b"),
    (SUICIDE, r"\b(sauter|me jeter) (du haut|d'un pont|du pont|par la fenetre|sous (un|le) (train|metro|camion|bus|voiture)|dans le vide|d'une falaise|du balcon|du toit|d'un immeuble|dans la (seine|riviere|loire))\b"),
    # Overdose and method phrasings (also PLAN_PATTERNS).
    (SUICIDE, r"\b(avaler|prendre|pris|avale|gober|gobe|bouffer|ingurgiter) (\w+ ){0,2}(tous (mes|les)|toutes (mes|les)|toute (la|ma) (boite|reserve|plaquette) de|la boite de|une boite de|les plaquettes de|tout le tube de|ma reserve de|le stock de|des boites de|plein de|trop de|une dizaine de|\d+) (\w+ )?(medicaments|medocs|cachets|pilules|comprimes|somniferes|anxiolytiques|antidepresseurs|doliprane|paracetamol|xanax|lexomil|stilnox|tramadol)\b(?! (prescrits?|prescrites?|du jour|de la journee|comme (prevu|indique|d'habitude)|avant|apres|au petit|le matin|le soir|pour (la|le|les|mon|ma|mes) (tension|toux|douleur|mal|fievre|rhume|grippe)))"),
    (SUICIDE, r"\b(tous |toutes )(mes|les) (medicaments|medocs|cachets|pilules|comprimes|somniferes) (d'un coup|en meme temps|ce soir|cette nuit)"),
    (SUICIDE, r"\b(m'ouvrir|ouvrir|m'entailler|taillader|me taillader) les veines\b"),
    (SUICIDE, r"\b(une balle dans (la|ma) tete|le canon dans (la|ma) bouche)\b"),
    (SUICIDE, r"\b(overdose|pendaison|corde au cou)\b(?! (de|d') (?!(medicaments|medocs|cachets|drogue|heroine|somniferes)))"),
    (SUICIDE, r"\b(acheter|achete|prepare|preparee|trouve) (une|la) corde\b.{0,40}\b(pour moi|me pendre|ce soir|cette nuit|c'est pret|la poutre)"),
    # Self-harm.
    (SELF_HARM, r"\b(scarifi|automutil|auto mutil|mutiler|me mutil)"),
    # « Il y a 5 ans je me coupais, et j'ai recommencé hier »: the old way, come back.
    (SELF_HARM, r"\bje me (coupais|brulais|griffais|tapais|faisais du mal)\b.{0,80}\b(recommence\w*|rechute\w*|ca m'a repris|ca revient)\b"),
    (SELF_HARM, rf"\b{_ME}(couper|coupe|taillader|tailladee?|bruler|brule|lacerer|griffer) (\w+ )?(les |le |la |aux |au |mes )?(veines|poignets?|bras|cuisses?|peau|jambes?|ventre)"),
    (SELF_HARM, r"\b(me faire|me fais|me suis fait|je me fais|je me suis fait) (\w+ )?(du mal|mal expres|saigner)\b"),
    (SELF_HARM, rf"\b(me suis |je {_ME}|{_ME})(entaille|entailler|coupe|taillade|brule|scarifie|lacere|griffe)e?s? (\w+ )?(les |le |la |l'|aux |au |mes )?(bras|avant bras|poignets?|veines|cuisses?|jambes?|peau|ventre)"),
    (SELF_HARM, rf"\b{_ME}(bruler|brule|blesser|blesse|frapper|frappe|cogner|cogne|taper|tape|griffer|griffe) (la tete contre|contre les murs|expres|volontairement|moi meme|jusqu'au sang)"),
    (SELF_HARM, r"\b(lame|rasoir|cutter|compas)\b.{0,40}\b(bras|poignets?|cuisses?|peau|me couper|me faire mal)"),
    (SELF_HARM, r"\b(envie|besoin|pulsions?) de me (couper|faire mal|faire du mal|bruler|blesser|mutiler|griffer|taper|frapper)\b"),
    (SELF_HARM, r"\b(recommence|recommencer|continue|continuer|arrete pas|arrive pas a arreter|encore) (a |de )?me (couper|scarifier|bruler|faire du mal|taillader|mutiler)\b"),
    (SELF_HARM, r"\bme suis (encore |de nouveau |a nouveau )?(coupee?|tailladee?|bruleee?|brulee?|entaillee?)s?\b(?! (en|avec (le|la|un|une) (couteau|econome|rape)s? (en|pour)|au (doigt|pouce)|le doigt|le pouce|en (epluchant|cuisinant|bricolant|jardinant|rasant|coupant)))(?=.{0,30}\b(expres|encore|ce soir|cette nuit|volontairement|de nouveau|a nouveau|avec (un|une|le|la) (lame|rasoir|cutter|cuteur|compas|ciseaux))\b)"),
    (SELF_HARM, r"\bme (tape|frappe|cogne|suis tape|suis frappee?|suis cognee?) (la tete )?(contre|sur) (le|les) (mur|murs)\b|\bme (tape|cogne|frappe) la tete\b"),
    (SELF_HARM, r"\bme (suis )?(mords?|mordue?|griffe|griffee?|pince|pincee?|donne des coups)\b.{0,40}\b(saigner|sang|bleus|marques|jusqu)"),
    (SELF_HARM, r"\b(cicatrices|plaies|coupures)\b.{0,60}\b(rouvert|rouvre|rouvrir|recommence)"),
    # Violence from someone else: domestic, family, sexual.
    (VIOLENCE, rf"(?<!qui )(?<!ca )(?<!cela )(?<!ce )\b{_ME}(a |ont |avait |avaient )?(frappe|frappee|frappent|bat|battu|battue|battent|cogne|cognee|cognent|etrangle|etranglee|etranglent|etrangler|viole|violee|violent|tabasse|tabassee|gifle|giflee|giflent|roue de coups|tape dessus|agresse|agressee|etouffe|etouffee|pousse dans l'escalier|tire les cheveux|traine par les cheveux|force a coucher|force a faire l'amour|forcee a coucher)\b(?! (aux|au|a la|en|sur|par|que|dans le jeu|a plate couture)\b)"),
    # « C'est moi qu'il frappe », « ma sœur et moi on se fait taper par mon père », « je me prends
    # des claques aussi » (review of persona round 99's fixes: no pattern read them).
    (VIOLENCE, r"\bc'est moi qu'(il|elle|ils|elles) (frappe|bat|tape|cogne|tabasse|gifle)\b"
               r"|\b(on|nous) (se fait|se font|nous faisons|se faisait|nous faisions) (encore |souvent |toujours )?(taper|frapper|battre|cogner|tabasser|gifler)\b(?!.{0,60}\b(foot\w*|match\w*|belote|cartes|echecs|jeux?|console|recre\w*|impots|fisc|banques?|etat|gouvernement|medias|prix|taxes|assurances?|concurrence)\b)"
               r"|\bje me (prends|prenais|suis pris|suis prise|mange|mangeais) (aussi |encore |souvent )?(des |une |un )?(claques?|baffes?|gifles?|coups|torgnoles?|beignes?|coup de poing)\b"),
    (VIOLENCE, rf"\b{_ME}(a |ont )?(menace|menacee) (de mort|de me tuer|avec (un|une|son|sa) (couteau|arme|fusil|pistolet|marteau)|de (me )?frapper|de tuer|de prendre les enfants)"),
    (VIOLENCE, rf"(?<!qui )(?<!ca )(?<!cela )(?<!ce )\b{_ME}(a |ont |avait )(deja |encore |souvent |plusieurs fois |toujours |de nouveau )(frappee?|battue?|cognee?|etranglee?|violee?|tabassee?|giflee?|agressee?|tapee?)\b"),
    (VIOLENCE, rf"\b(va|veut|vais|menace de|a menace de) (me |nous )?(buter|defoncer|massacrer|crever|saigner|egorger|planter)\b(?! {_WORN_OUT})(?!.{{0,30}}\b(si je (refuse|rends|arrive|suis en retard|dis non)|heures sup|dossier|rapport|boulot|travail|reunion)\b)"),
    (VIOLENCE, r"\b(serre|serree|tenu|tenue|pris|prise|attrape|attrapee) (\w+ ){0,2}(le cou|la gorge|le coup)\b.{0,40}\b(evanou|respirer|etouff|tomber|noir)"),
    (VIOLENCE, r"\b(si je (le|la) quitt\w*|si je pars)\b.{0,40}\b(ne verrais pas|tuer|buter|mort|morte|regretter|retrouver(a|ait))\b"),
    (VIOLENCE, r"\b(reviendr(a|ait)|revenir) (\w+ ){0,2}finir (le travail|ce qu'il a commence)\b"),
    (VIOLENCE, r"\b(me suis fait|je me suis fait|j'ai ete|me suis faite) (violer|violee?|agresser|agressee?|tabasser|tabassee?|frapper|frappee?|battre|battue?) (\w+ ){0,3}(par|hier|ce soir|cette nuit|dans|chez|jsp|je sais pas|ce matin)?"),
    (VIOLENCE, rf"\b{_ME}(a |ont )?(casse|cassee|fracture|fracturee) (le nez|la machoire|le bras|les dents|une dent|les cotes|une cote|le poignet)\b"),
    (VIOLENCE, rf"\b{_ME}(a |ont )?(tenue?|serree?|prise?|attrapee?|plaquee?) (\w+ ){{0,2}}(par le cou|a la gorge|la gorge)\b"),
    (VIOLENCE, r"\b(il|elle|mon \w+|ma \w+) (me|m') (bouscule|tape|taper|brutalise|maltraite|etrangle|cogne|frappe)\b(?! (a la porte|la porte|dans le dos pour|amicalement))"),
    (VIOLENCE, r"\bpeur (qu'il|qu'elle|qu'ils|que mon \w+|que ma \w+) (me |m')(tape|frappe|batte|cogne|etrangle|tue|viole)\b"),
    (VIOLENCE, r"\b(il|mon mari|mon conjoint|mon compagnon|mon ex|mon copain) (\w+ ){0,3}(me menace|m'a menacee?)\b(?! de (me )?(virer|licencier|renvoyer|couper|resilier|poursuivre|quitter))"),
    # Not "mon chef va me tuer si je rends le dossier en retard": a figure of speech at work.
    (VIOLENCE, r"\b(qu'il|qu'elle|qu'ils) (allait|allaient|va|voulait|veut|viendrait|finirait par) (me|nous) (tuer|buter|frapper|etrangler|egorger|defoncer|crever)\b"),
    (VIOLENCE, r"\b(il|mon \w+|on|un homme|un mec|le \w+) m'a forcee\b|\bm'a forcee (samedi|dimanche|hier|ce soir|cette nuit|quand|a)\b"),
    (VIOLENCE, r"\b(il|elle|ils|on|mon (?!(chef|patron|boss|prof|manager|collegue|entraineur|coach|pere|frere)\b)\w+|ma (?!(cheffe|patronne|prof|manageuse|collegue|mere|soeur)\b)\w+) (va|veut|menace de|a menace de|risque de|a essaye de) (me|nous|la|le) (tuer|frapper|etrangler|egorger)\b(?! (si|quand) (je|j'|on) (suis|rends|arrive|rentre) (en )?retard)"),
    (VIOLENCE, r"\bpeur (qu'il|qu'elle|qu'ils|que mon \w+|que ma \w+|que mon ex|de lui|de mon mari|de mon conjoint|de mon ex) (me|m'|nous|la|le|revienne|rentre)\b.{0,30}\b(tue|frappe|batte|cogne|etrangle|viole|tuer|frapper)"),
    (VIOLENCE, r"\bviolences? (conjugales?|familiales?|domestiques?|sexuelles?|sexistes?)"),
    (VIOLENCE, r"\b(agression sexuelle|agressee sexuellement|harcelement sexuel|abusee sexuellement|abus sexuels?|attouchements|m'a violee|j'ai ete violee?|ete abusee)"),
    (VIOLENCE, rf"\b(mon|ma|le|la) (mari|femme|conjoint|conjointe|compagnon|compagne|copain|copine|ex|beau pere|belle mere|frere|oncle|fils|mec|homme|concubin) {_ME}(frappe|bat|cogne|menace|etrangle|viole|enferme|tape|gifle|a frappee?|a battue?|a gifle|a giflee|a etranglee?|a violee?|a menacee?|empeche de sortir|enferme)"),
    (VIOLENCE, r"\b(il|elle|ils) (me|m') (a|ont) (frappee?|battue?|etranglee?|violee?|menacee? (de mort|avec))"),
    (VIOLENCE, r"\b(coups|bleus|ecchymoses|traces de coups)\b.{0,40}\b(mon mari|mon conjoint|mon compagnon|mon copain|mon ex|il m'a|il me)\b|\b(mon mari|mon conjoint|mon compagnon|mon copain|mon ex)\b.{0,40}\b(coups|bleus|ecchymoses)\b"),
    (VIOLENCE, r"\b(il|mon mari|mon conjoint|mon compagnon|mon ex) (m'enferme|me sequestre|m'empeche de sortir|a pris mes papiers|confisque mes papiers)"),
    # A medical emergency, now.
    (MEDICAL, r"\b(ne respire plus|respire plus|respire pas|respire mal|n'arrive plus a respirer|s'etouffe|inconscient|inconsciente|evanoui|evanouie|ne se reveille pas|ne reagit plus|ne repond plus a(?! (mes|ses|nos|tes|vos|leurs|mon|ma|son|sa) (messages|textos|sms|mails|appels|courriers|lettres|relances))|fait un malaise|a fait un malaise|perdu connaissance|tombe dans les pommes)\b"),
    (MEDICAL, r"\b(douleur|mal|serre|serrement|oppression) (\w+ ){0,2}(a la|dans la|au niveau de la) poitrine\b|(?<!failli faire une )(?<!faire une )\b(crise cardiaque|arret cardiaque|infarctus|avc|attaque cerebrale)\b(?! en (voyant|lisant|recevant|ouvrant))"),
    (MEDICAL, r"\b(convulse|convulsions?|crise d'epilepsie|fait une crise convulsive)\b"),
    (MEDICAL, r"\b(convuls\w*|crise cardiac\w*)"),
    (MEDICAL, r"\b(il|elle|mon \w+|ma \w+|quelqu'un|un homme|une femme|mon pere|ma mere) (\w+ )?(vient de s'ecrouler|vient de s'effondrer|s'ecroule|s'est ecroulee?|s'effondre|s'est effondree?)\b"),
    (MEDICAL, r"\b(devient bleu|devient bleue|est tout bleu|est toute bleue|suffoque|etouffe(?! (les|la|le|des|mes|ses|l'))|s'etouffe|respire (tres |vraiment )?mal|respire (bizarrement|difficilement|par a coups)|se reveille (presque )?(pas|plus)|ne se reveille (presque )?(pas|plus))\b"),
    (MEDICAL, r"\b(etau|poids|barre|pression) (\w+ )?(sur|dans) (le coeur|la poitrine)\b"),
    (MEDICAL, r"\b(pisse|gicle|coule) (\w+ )?(le sang|du sang)\b|\b(saigne|sang) (\w+ ){0,3}(s'arrete pas|arrete pas|ne s'arrete pas)\b|\bcoupee? (tres )?profondement\b"),
    (MEDICAL, rf"\b({_CHILD}|il|elle|mon pere|ma mere)\b.{{0,40}}\b(a avale|avale|a mange|a bu|en a mange|en a avale)\b.{{0,40}}\b(pastilles?|capsules?|javel|produits?|detergent|lessive|deboucheur|baies|champignons|granules|anti limaces|mort aux rats|essence|white spirit|piles?|aimants?|medicaments|cachets|pilules)"),
    (MEDICAL, r"\b(tout mou|toute molle|tout molle|mou et brulant|molle et brulante)\b|\b(fievre|temperature) (\w+ ){0,2}(a )?(40|41|42)\b|\b(40|41|42)[ ,.]?[0-9]? ?(de fievre|degres)\b"),
    (MEDICAL, r"\b(pris|prise) trop de (trucs|drogue|cachets|medocs|alcool)\b.{0,40}\b(reveille pas|reagit pas|respire)"),
    (MEDICAL, r"\b(plus|pas) respirer\b|\bjpeux plus respirer\b"),
    (MEDICAL, r"\b(saigne|saignement|perd|pisse le) (\w+ )?(enormement|beaucoup|abondamment|sans arret|du sang|le sang)\b|\bhemorragie\b|\bne s'arrete pas de saigner\b"),
    (MEDICAL, r"\b(bouche (de travers|tordue)|visage (paralyse|de travers)|ne peut plus parler|bras (paralyse|qui ne repond plus))\b"),
    (MEDICAL, rf"\b{_CHILD}\b.{{0,50}}\b(fievre|temperature)\b.{{0,40}}\b(40|41|42|mou|molle|ne reagit|convulse|bleu|gris|respire mal|ne boit plus|tout mou)\b"),
    # A feverish baby who breathes fast or will not drink, limp, or with spots that do not fade
    # (persona round 88: « brûlant, 39,8, il respire vite et veut pas boire son biberon »).
    (MEDICAL, rf"^(?=.*\b(bebe|bb|nourrisson|biberon|tetee|allaite|allaitement)\b)(?=.*\b(brulante?|{_FEVER}))"
              r".*\b(respire (tres |trop |super )?(vite|fort|mal)|halete|geint|gemit|(veut|veux) (plus|pas) (boire|teter)|"
              r"refuse (de boire|le biberon|le sein|de teter)|ne boit (plus|pas|rien)|boit plus|tout mou|toute molle|ne reagit|"
              r"convuls\w*|taches? (violettes?|rouges?) qui ne (s'effacent|partent) pas)\b"),
    (MEDICAL, rf"\b{_CHILD}\b.{{0,40}}\b(a avale|a bu|a mange) (\w+ ){{0,2}}(javel|produit|detergent|medicaments|cachets|pilules|de l'eau de javel|lessive|deboucheur)"),
    # Immediate danger to life.
    (DANGER, r"\b(odeur|fuite|sent|sens|pue) (de |le |du |la )?gaz\b"),
    (DANGER, r"\b(il y a le feu(?! au lac)|au feu|(maison|appart|appartement|immeuble|cuisine|chambre|garage|voiture|canape) (brule|est en feu)|en feu|un incendie chez|incendie chez (moi|nous)|(?<!eu un )incendie dans (mon|notre|l'immeuble|la maison)(?! (d'a cote|d'en face|voisin|voisine))|incendie (a|au) (l'etage|cote))\b"),
    (DANGER, r"(\b(alarme|detecteur) (\w+ ){0,2}(de )?(monox\w*|co) (\w+ ){0,3}(sonne|bipe|bippe|hurle|s'est declenche)|\bintoxi\w* (au|par le) monox\w*|\bmonox\w*\b.{0,60}\b(mal a la tete|vomi\w*|vertige|evanoui\w*|malaise|nausee\w*|endormi))"),
    # Someone behind a door who no longer answers, fell or said goodbye, the writer asking to
    # force it: the firemen's (review of the lookbehind below).
    (MEDICAL, r"\b(ne (me )?repond (plus|pas)|repond plus|n'ouvre (plus|pas)|chute|tombee?|entendu un bruit|au revoir|adieu)\b.{0,100}"
              r"\b(forcer|defoncer|casser|enfoncer) (la|sa) porte\b|\b(forcer|defoncer|casser|enfoncer) (la|sa) porte\b.{0,100}"
              r"\b(ne (me )?repond (plus|pas)|repond plus|n'ouvre (plus|pas)|chute|tombee?|entendu un bruit)\b"),
    # Not the writer forcing a door themselves (« je sais pas si je dois forcer la porte » of a
    # son locked in his room, persona round 102: « votre sécurité passe avant tout : le 112 »).
    (DANGER, r"(?<!je dois )(?<!dois je )(?<!je vais )(?<!je peux )(?<!faut il )(?<!je devrais )(?<!il faut )\b(forcer|force|fracturer|defoncer|defonce) (ma|la|notre) (porte|fenetre)\b|\b(essaie|essaye|essayent|tente) (de |d')(rentrer|entrer) (chez moi|chez nous|dans (la|ma) maison|par la fenetre)\b"
               # Someone trying the door at night: « qqn essaie d'ouvrir ma porte en pleine nuit ».
               r"|\b(quelqu'un|qqn|un homme|des hommes|un inconnu|des gens|un type) (essaie|essaye|essayent|tente|tentent) (d'ouvrir|de forcer|de crocheter) (ma|la|notre) (porte|fenetre)\b(?! (du garage|de la cave|de la boite))"),
    (DANGER, r"\b(quelqu'un|un homme|des hommes|qqn|un inconnu) (\w+ ){0,2}(est |sont )?dans (la|ma|notre) (maison|appart|appartement|chambre|cuisine)\b"),
    (DANGER, r"\b(bruits? de pas|quelqu'un marche|j'entends quelqu'un)\b.{0,80}\b(seule?|tout etait ferme|personne d'autre)\b"),
    (DANGER, r"\b(fumee|flammes) (\w+ ){0,2}(passe|passent|rentre|entre|sort|sortent|envahit|partout|sous la porte|dans l'escalier|dans le couloir)\b"),
    (DANGER, r"\b(a pris feu|prend feu|pris feu|en flammes|arrive pas a l'eteindre|n'arrive pas a l'eteindre|s'est enflamme)\b"),
    # Not « l'eau elle monte plus, elle redescend » (persona round 100: the danger block).
    (DANGER, r"\bl'eau (\w+ ){0,2}(?<!ne )(?<!n')(monte\w*|rentre\w*|entre\w*|arrive\w*)\b(?! plus\b)(?! pas\b).{0,60}\b(vite|taille|genoux|poitrine|sortir|toit|grenier|etage|marche|fauteuil|coinces?|bloques?)"),
    (DANGER, r"\b(sur le toit|au grenier|a l'etage)\b.{0,40}\b(l'eau|inond|crue)|\b(l'eau|inond|crue)\b.{0,40}\b(sur le toit|au grenier)\b"),
    (DANGER, r"\b(sort|sorti|brandit|a) (un|une) (hache|machette|couteau|arme|fusil|pistolet|batte)\b"),
    (DANGER, r"\b(enfermee?|cachee?|barricadee?) (\w+ ){0,2}dans (les toilettes|la salle de bain|la chambre|un placard)\b.{0,40}\b(quelqu'un|peur|maison|il)\b|\b(quelqu'un|qqn)\b.{0,40}\b(enfermee?|cachee?) (\w+ ){0,2}dans (les toilettes|la salle de bain|un placard)"),
    (DANGER, r"\b(coinces?|coincees?|bloques?|bloquees?|pieges?|piegees?|encercles?|encerclees?) (\w+ ){0,3}(par|dans|a cause de|avec) (l'eau|les eaux|la crue|les flammes|le feu|la fumee|l'inondation)"),
    # Water rising, and someone who cannot get away (« l'eau est déjà dans le garage et ma mère de
    # 84 ans à l'étage ne peut pas marcher », persona round 93: asked, not told, the danger).
    (DANGER, r"\b(l'eau|la crue|la riviere) (\w+ ){0,2}(monte|deborde|arrive|rentre|entre)\b.{0,160}\b(peut pas marcher|peux pas (la |le )?(porter|deplacer|descendre)|ne marche (plus|pas)|alitee?|grabataire|en fauteuil|fauteuil roulant|sous oxygene|concentrateur)\b"),
    (DANGER, r"\bl'eau (monte|arrive|rentre|entre) (encore|vite|jusqu|dans la maison|a l'etage|au premier|dans les chambres|de plus en plus|a toute vitesse)"),
    (DANGER, rf"\b{_CHILD}\b.{{0,40}}\benfermee?s? .{{0,25}}\b(voiture|chaleur|soleil)"),
    (DANGER, r"\b(se noie|noyade|il coule|elle coule|tombee? (dans|a) (le canal|la riviere|l'eau|le fleuve|la mer|le lac))"),
    (DANGER, r"\b(arme|couteau|fusil|pistolet|machette|hache)\b.*\b(menace|tuer|frappe|poignarde)|\b(menace|tuer|frappe|poignarde)\b.*\b(arme|couteau|fusil|pistolet|machette)\b"),
    (DANGER, r"\b(quelqu'un|un homme|des hommes|un inconnu|des gens|un type|des types|un cambrioleur|des cambrioleurs) (\w+ ){0,2}(essaie d'entrer|essaye d'entrer|force la porte|est entre chez|sont entres chez|dans la maison|defonce la porte|casse la porte)"),
))

# Broader phrasings, one class each (the first list stays the reference of each kind).
_MORE_CRISIS = (
    # Oxygen at home failing and breathing worse (persona round 105: « la bouteille est presque
    # vide… je respire moins bien… essoufflé et j'ai peur »): the 15 now, not a question.
    (MEDICAL, r"^(?=.*\b(oxygene|concentrateur|bouteille d'o2|o2|extracteur d'oxygene)\b)"
              r"(?=.*\b(je respire (moins bien|mal|difficilement)|essouffl\w*|essoufl\w*|du mal a respirer|manque d'air|suffoque|souffle court|j'etouffe)\b)"),
    (OTHER_AT_RISK, r"\b(il|elle|qu'il|qu'elle) (\w+ ){0,2}(veut|voudrait|voulait|a envie de|parle de|dit vouloir|pense a) (\w+ ){0,2}mourir\b"),
    (SUICIDE, r"\b(vouloir|veux|voudrais|envie de|envie d') (\w+ )?mourir\b(?! (de|d') ?(rire|faim|soif|chaud|froid|ennui|honte|envie|fatigue|peur|impatience))"),
    (SUICIDE, r"\bje (me )?(pends|pendrai)\b|\bje vais (me pendre|sauter)\b(?! (le pas|une etape|un repas|de joie|sur))"),
    (SUICIDE, r"\b(sur|au bord du|au dessus de la|au dessus du) (le )?(pont|voie ferree|voies|falaise|toit|balcon|quai)\b.{0,40}\b(sauter|me jeter|en finir|je vais)\b"),
    (SUICIDE, r"\b(donne|confie|place) (\w+ ){0,2}(mon|ma|mes) (chat|chien|chats|chiens|animaux|poules|affaires)\b.{0,80}\b(range|regle|trie|mis en ordre|prete?|tout regle|plus besoin)\b"),
    (SUICIDE, r"\b(si|et si|quand) (demain )?je ne me reveille (pas|plus)\b|\bpour (ne )?(plus|pas) (me|se) reveill\w*"),
    (SUICIDE, r"\b(c'est|c'etait) (la fin|fini|termine) pour moi\b(?! (ce|cette|le|la|les|avec|de|du|des) )"),
    (SUICIDE, r"\b(la|une) corde\b.{0,40}\b(grange|garage|poutre|il me reste|prete|pour moi|au plafond)\b|\bil me reste la corde\b"),
    (SUICIDE, r"\b(plus|pas) (la force|le courage|l'energie) de me battre\b"),
    (SUICIDE, r"\bpense a me tu(er|e|ee)\b|\benvie de me tu(er|e|ee)\b"),
    (SUICIDE, r"\b(ce serait|ca serait|ce sera) (plus simple|mieux|plus facile|un soulagement) (de |d')?(ne plus exister|ne plus etre la|ne plus vivre|mourir|etre mort|etre morte|ne pas me reveiller|si j'etais morte?|si je n'existais plus|si je mourais)\b"),
    # « Des fois je me dis que disparaître ce serait plus simple » (persona round 101).
    (SUICIDE, r"(^|\b(que|qu'|moi|des fois|parfois|souvent) )(disparaitre|en finir|ne plus exister|ne plus etre la|partir pour de bon),? (ce serait|ca serait|sa serait|c'est|serait) (\w+ )?(plus simple|mieux|plus facile|un soulagement|la solution)\b"),
    (SUICIDE, r"\b(pris|pri|prit|prise|avale|avalee) (tous|toutes|tout) (mes|les) (cachets?|medicaments?|medocs?|pilules?|comprimes?)\b(?! (prescrits?|prescrites?|du jour|comme))"),
    (SUICIDE, r"\bfaire sauter (le caisson|la cervelle|la tete)\b"),
    (SUICIDE, r"\b(lettres?|mots?) (a|pour) (chacun|chacune) (de mes|des|de ses) (enfants|proches|petits enfants)\b"),
    (SUICIDE, r"\b(cherche|recherche|regarde|regardait) (\w+ ){0,3}(doses? (mortelles?|letales?|de medicaments)|comment (mourir|se suicider|se tuer|en finir|se pendre))\b"),
    (SUICIDE, r"\b(va|vais|veut) (tous|toutes) les (prendre|avaler)\b"),
    (SUICIDE, r"\b(mis de cote|garde|gardee|stocke|stockee|accumule|accumulee|cache|cachee) (\w+ ){0,2}(ses|mes|des) (medicaments|cachets|pilules|comprimes|somniferes)\b.{0,60}\b(pour le jour|au cas ou|quand (je|elle|il) n'en|le moment venu)"),
    (SUICIDE, r"\b(prendre|avaler|prise|pris) (\w+ ){0,2}(une )?dose (mortelle|letale)\b"),
    (SUICIDE, r"\b(mis|mise|garde|gardee|stocke|cache) (\w+ ){0,2}(des |mes |ses |les )?(cachets|medicaments|medocs|pilules|comprimes|somniferes) (\w+ ){0,2}de cote\b"),
    (SELF_HARM, r"\bje me (brule|coupe|scarifie|griffe|mords|tape|frappe|cogne|pince|entaille|blesse) (\w+ ){0,5}(quand je (suis|me sens) (\w+ )?(angoisse|angoissee|stresse|stressee|mal|triste|seule?|nul|nulle|en colere)|pour me punir|pour (me )?calmer|pour sentir|pour oublier|pour avoir moins mal)"),
    (SELF_HARM, r"\bme suis (\w+ )?(brule|brulee|bruler|coupe|coupee|couper|griffe|mordu|mordue|tape|tapee|cogne|cognee) ([\w']+ ){0,9}(pour me punir|expres|volontairement|pour sentir|pour oublier|pour me calmer)\b"),
    (SELF_HARM, r"\b(ressorti|sorti|cache|cachais|garde|gardee) (\w+ ){0,2}(la|ma|une|mes|les) (lames?|rasoirs?)\b"),
    (SELF_HARM, r"\bquand je (suis|me sens) (\w+ ){0,2}(mal|angoissee?|stressee?|triste|seule?|nul|nulle|en colere|a bout)\b.{0,30}\bje me (brule|coupe|scarifie|griffe|mords|tape|frappe|cogne|pince|entaille|blesse)\b"),
    (SELF_HARM, r"\bme suis (recoupee?|rescarifiee?|re coupee?|encore scarifiee?|rebrulee?)\b"),
    (SELF_HARM, r"\bme suis (\w+ )?fait (\w+ )?(du mal|mal expres|saigner)\b|\b(envie|besoin) de me fair(e)? (du )?mal\b"),
    (SELF_HARM, r"\b(m'|me )suis (\w+ )?(ouvert|ouverte|entaille|entaillee|taillade|tailladee) (le|les|la|mon|ma|mes) (bras|poignets?|cuisses?|jambes?|ventre|peau|veines)\b"),
    (SELF_HARM, r"\bme (suis )?(encore |de nouveau |a nouveau )?(tape|tapee|frappe|frappee|cogne|cognee) (\w+ )?la tete\b|\bse (tape|cogne|frappe) la tete (contre|sur)\b|\bse mord (\w+ ){0,2}jusqu'au sang\b"),
    (SELF_HARM, r"\bse (coupe|couper|scarifie|brule|bruler|mutile|taillade) (\w+ ){0,2}(les|le|la|ses|son|sa) (bras|poignets?|cuisses?|jambes?|ventre|peau)\b"),
    (VIOLENCE, r"(?<!qui )(?<!ca )(?<!cela )(?<!ce )\b(me|m') (bouscule|brutalise|frappe|cogne|gifle|etrangle|viole|maltraite|tabasse)\b(?! (a la porte|la porte|l'esprit|en plein coeur|par (sa|son|leur)))"),
    (VIOLENCE, r"(?<!qui )(?<!ca )(?<!cela )(?<!ce )\b(il|elle|mon \w+|ma \w+|et) (me|m') tape\b(?! (sur (les nerfs|le systeme|l'epaule)|dans le dos|l'epaule|la bise))"),
    (VIOLENCE, r"\b(couteau|lame|arme|pistolet|fusil|tesson) (\w+ ){0,2}(sous|sur|contre) (la|ma) gorge\b"),
    (VIOLENCE, r"\b(il|elle|mon \w+|ma \w+) (m'a|m'ont|me) (poussee?|pousse|projetee?|jetee?|plaquee?|bousculee?|trainee?) (\w+ ){0,2}(contre|par terre|au sol|dans l'escalier|dans les escaliers)\b"),
    (VIOLENCE, r"\b(me|m') (force|forcent|a forcee?|ont forcee?|oblige|obligent|a obligee?) (a|a avoir|d'avoir) (\w+ ){0,2}(rapports|coucher|faire l'amour|relations|sexe|des choses)\b"),
    (VIOLENCE, r"\b(me retrouver(a|ait)|finir(a|ait) ce qu'il a commence|me le fera(it)? payer|me fera(it)? la peau|je suis morte? si je pars)\b"),
    (VIOLENCE, r"\bj'ai (des |plein de )?(bleus|marques|traces de coups)\b.{0,40}\b(il|mon mari|mon conjoint|mon ex|ma faute|partout)\b"),
    (VIOLENCE, r"\b(menace|menacee|menacer|a menace|m'a menace|m'a menacee|m'a menacer) (\w+ ){0,2}(de me tu(er|e|ee)|de mort|avec (un|une|son|sa|ses) (couteau|arme|fusil|pistolet|marteau|hache))\b"),
    (VIOLENCE, r"\b(m'a|m'ont) (mis|mise|mit|donne|colle|file) (une|des) (baffe|baffes|gifle|gifles|claque|claques|tarte|tartes|raclee|beigne|torgnole|coups?)\b"),
    (VIOLENCE, r"\b(m'a|m'ont) (touchee|tripotee|pelotee|agressee|attrapee) (de force|sans mon accord|partout|dans la rue|dans le metro|dans le bus)\b"),
    (VIOLENCE, r"\b(m'enferme|m'enfermait|m'a enfermee?|me sequestre) (\w+ ){0,3}(a cle|dans|quand|qd|toute)\b"),
    (CHILD, r"\b(laisse|laissent|a laisse|ont laisse) (son|sa|ses|le|la|les|leur|leurs|un|une) (\w+ )?(bebe|bebes|enfants?|petits?|petite|gamins?|gamine|fils|fille) (\w+ ){0,2}seule?s?\b"),
    (CHILD, r"\b(enfant|gamin|gamine|petit|petite|bebe|gosse)\b.{0,30}\b(erre|errant|traine|marche) (\w+ )?seule? (dans la rue|dehors|sur la route|la nuit|en pyjama)"),
    (CHILD, r"\b(enfants?|gamins?|petits?|gosses?)\b([\w' ]{0,40})\bseule?s? (\w+ ){0,3}depuis (deux|trois|quatre|plusieurs|des|\d+) (jours|nuits)\b"),
    (CHILD, r"\b(enfant|enfants|gamin|gamine|petit|petite|eleve|fils|fille)\b.{0,60}\b(avec|a|plein de|couvert de|couverte de|porte) (\w+ )?(des )?(bleus|marques|traces de coups|brulures de cigarette)\b"),
    (CHILD, r"\b(gamin|gamine|petit|petite|enfant|gosse)\b.{0,80}\b(son|sa|ses) (pere|mere|parents|beau pere|belle mere) (le|la|les) (cogne|frappe|bat|tabasse|tape)\b"),
    (CHILD, r"\b(vient|venait|rentre) dans (son|mon|leur) lit (la nuit|le soir)\b|\bdoit (rien|ne rien) dire\b.{0,40}\b(lit|touche|fait des choses)"),
    (CHILD, r"\b(enfant|gamin|gamine|petit|petite|gosse)\b.{0,30}\bmange dans les poubelles\b"),
    (CHILD, r"^(?=.*\b(j'ai (que |seulement |juste |a peine )?(1[0-7]|[6-9]) ?ans?|je suis mineure?|ai (1[0-7]|[6-9]) ?ans?)\b(?! (de|d'))).*\b(coups|frappe|frapper|bat|battre|me fait|ce qu'il me fait|me touche|enferme|enfermee?|m'ont enferme|cogne|tape|peur de rentrer|ose pas rentrer)\b"),
    (CHILD, r"\b(de (1[0-7]|[1-9]) ?ans?|a (1[0-7]|[1-9]) ?ans?)\b.{0,120}\b(la touche|le touche|lui fait des choses|fait des secrets|la tripote|le tripote)\b|\b(la touche|le touche|lui fait des choses)\b.{0,80}\b(de (1[0-7]|[1-9]) ?ans?|a (1[0-7]|[1-9]) ?ans?)\b"),
    (CHILD, rf"\b({_CHILD}|belle fille|beau fils)\b.{{0,60}}\b(beau pere|pere|oncle|cousin|voisin|grand pere|frere|demi frere|beau frere|parrain|compagnon|mec|copain de sa mere|nouveau compagnon)\b.{{0,30}}\b(la|le|lui) (touche|tripote|caresse)\b"),
    (CHILD, r"\b(mis|met|enferme|enfermee|laisse|sorti) (\w+ ){0,3}(mon|ma|son|sa|le|la|leur) (\w+ )?(frere|soeur|fils|fille|enfant|petit|petite|bebe)\b.{0,40}\b(dehors|sur le balcon|dans la cave|au froid|a la porte)\b.{0,40}\b(toute la nuit|pour le punir|pour la punir|des heures)"),
    (CHILD, r"\b(maltrait\w*)"),
    (CHILD, r"\b(c'est notre secret|notre petit secret|(dit|dis|dire) que c'est (un|notre) (petit )?secret|dois rien dire a (maman|papa|ma mere|mon pere)|faut pas le dire a (maman|papa))\b"),
    (CHILD, r"^(?=.*\b(j'ai (que |seulement |juste )?(1[0-7]|[6-9]) ?ans?\b(?! (de|d'))|je suis en (6e|5e|4e|3e|6eme|5eme|4eme|3eme|cm1|cm2|seconde))\b).*\b(dehors la nuit|me donne pas a manger|rien a manger|(plus|pas) (de \w+ )?(ni )?a manger|(maman|papa|ma mere|mon pere) (dort|boit) (tout le temps|toute la journee|tous les jours)|pas le droit de manger|sans manger|prive de (manger|repas|nourriture|diner|dejeuner)|met dehors|ferme a cle|fait des trucs|fait des choses|secret)\b"),
    (CHILD, r"\b(bebe|bb|petit|petite|enfant|enfants)\b.{0,40}\b(seule?s?|tout seul|toute seule|tous seuls)\b.{0,40}\b(depuis|sans chauffage|sans manger|personne)\b"),
    (MEDICAL, r"\b(levres|visage|doigts|peau) (\w+ ){0,2}(violettes?|violets?|bleues?|bleus|grises?|gris)\b"),
    # A heat stroke (persona round 91: an old woman confused, red and burning at 38 degrees got a
    # power-cut block, then a housing questionnaire, for seven messages): heat with confusion, a
    # heat stroke named with a sign, or « urgence médicale » said outright.
    (MEDICAL, rf"^(?=.*{_HEAT_WORDS}).*{_CONFUSED}"),
    (MEDICAL, rf"^(?=.*{_HEAT_WORDS}).*\b{_SOMEONE}\b.{{0,60}}\b((est|devient) (tout |toute |tres )?(brulante?|rouge et brulante?)|ne transpire plus|a la peau (tres )?(chaude|seche|brulante))\b"),
    (MEDICAL, rf"\b(coup de chaleur|insolation|hyperthermie)\b.{{0,80}}{_CONFUSED}|{_CONFUSED}.{{0,80}}\b(coup de chaleur|insolation|hyperthermie)\b"),
    (MEDICAL, r"\b(ma mere|mon pere|ma grand mere|mon grand pere|mamie|papi|ma voisine|mon voisin|mon mari|ma femme|il|elle|mon fils|ma fille) (\w+ )?(fait|est en train de faire|a fait|vient de faire|a) (un|une) (coup de chaleur|insolation|hyperthermie)\b"),
    (MEDICAL, r"\b(c'est|c est|cest|ceci est|on a|j'ai) une urgence (medicale|vitale)\b"),
    (MEDICAL, r"\b(dit n'importe quoi|incoherente?s?|me reconnait a peine|ne me reconnait (plus|pas)|ne reconnait plus personne|parle bizarre|parle de travers)\b.{0,80}\b(tremble|pale|sue|transpire|diabet\w*|tombe|bras|visage|bouche)\b|\b(tremble|pale|sue|transpire|diabet\w*)\b.{0,80}\b(dit n'importe quoi|incoherente?s?|me reconnait a peine|ne me reconnait (plus|pas)|parle bizarre)\b"),
    (MEDICAL, r"\b(tombee?|chute|glisse)\b.{0,50}\b(ne )?(repond|reagit|bouge) (plus|pas)\b|\b(il|elle) (ne )?(repond|reagit|bouge) plus\W*$"),
    # A parent at the end of their tether, about to shake a baby; a child abused by an adult in
    # charge of them (« l'animateur … le prend en photo tout nu »).
    (CHILD, rf"\b{_INFANT}\b.{{0,80}}\b{_SHAKE}\b|\b{_SHAKE}\b.{{0,80}}\b{_INFANT}\b"),
    (CHILD, rf"\b(animateur|animatrice|entraineur|entraineuse|moniteur|monitrice|nounou|baby sitter|prof|professeur|educateur|surveillant)\b.{{0,80}}\b((photo\w*|filme\w*|film) ([\w']+ ){{0,3}}(tout nu|toute nue|tous nus|nue?s?)|(tout nu|toute nue|tous nus) ([\w']+ ){{0,3}}(photo\w*|filme\w*)|attouch\w*|touche (\w+ ){{0,2}}{_CHILD}|(lui|leur) demande des photos|envoie des messages (la nuit|prives?))\b"),
    (MEDICAL, r"\b(bebe|nourrisson)\b.{0,80}\b(secoue|secouee)\b|\b(secoue|secouee)\b.{0,60}\b(bebe|nourrisson)\b"),
    # An infant limp, grey or not reacting: « un bébé de 4 mois, il est un peu mou depuis ce matin ».
    (MEDICAL, r"\b(bebe|nourrisson|(a|de) \d+ (mois|semaines))\b.{0,100}\b(est|devenu|devenue|tout|toute|un peu|tres) (un peu |tres |tout |toute )?(mou|molle|apathique|amorphe|somnolente?|gris|grise|marbre|marbree)\b(?! (le|la|les|du|de la) )"
              r"|\b(bebe|nourrisson)\b.{0,60}\b(ne reagit (pas|plus)|ne se reveille (pas|plus)|respire bizarrement)\b"),
    # An infant who has not drunk for hours (dehydration): « il a 4 mois, il a rien bu depuis ce
    # matin ». Not a food that changes (« ne boit plus de lait maternisé »).
    (MEDICAL, r"\b(bebe|nourrisson|(a|de) \d+ (mois|semaines))\b.{0,80}\b((n'a |a )?(rien|pas|plus) (bu|tete|avale)\b|ne boit (rien|pas|plus)\b(?! (de|du|des|d'|le|la|les|son|sa|ses)\b)|refuse (le biberon|le sein|de boire|tous? les biberons))"
              r".{0,40}\b(depuis|ce matin|cette nuit|hier|\d+ ?(h|heures?)\b)"),
    # Fever in an infant under three months is an emergency (the 15), not a question for the
    # pharmacy: « mon bébé de 5 semaines a 38,4 ». An older child's fever is not, by itself.
    (MEDICAL, rf"\b{_YOUNG_INFANT}\b.{{0,100}}\b{_FEVER}|\b{_FEVER}.{{0,60}}\b({_YOUNG_INFANT}|(il|elle) a (\d{{1,2}} (jours|semaines)|(1|2|un|deux) mois))\b"),
    (MEDICAL, r"\b(par terre|au sol|tombee?)\b.{0,40}\b(repond|reagit|bouge) (plus|pas)\b|\b(il|elle) (ne )?(repond|reagit|bouge) (plus|pas) (quand|du tout|a rien|depuis)\b"),
    (MEDICAL, r"\b(ne (me|nous) reconnait plus|tout confus|toute confuse)\b.{0,60}\b(tremble|sue|transpire|diabet|malaise|tombe)|\b(tremble|sue|transpire|diabet)\w*\b.{0,60}\b(ne (me|nous) reconnait plus|tout confus|toute confuse)\b"),
    (MEDICAL, r"\b(pastilles?|capsules?|javel|detergent|lessive|deboucheur|baies|champignons|granules|anti limaces|mort aux rats|white spirit|piles?|aimants?|medicaments|produit)\b.{0,80}\b(en a (mange|avale|bu)|a (mange|avale|bu))\b.{0,60}\b(vomi\w*|pale|ne respire|dort|somnol\w*|mal|poignee|quoi faire|je fais)\b"),
    (MEDICAL, r"\b(mal a la tete|maux de tete|vomi\w*|nausee\w*|somnolen\w*|envie de vomir)\b.{0,100}\b(chauffage d'appoint|groupe electrogene|le groupe|generateur|poele|brasero|barbecue|petrole|monox\w*)\b|\b(chauffage d'appoint|groupe electrogene|le groupe|generateur|brasero|barbecue|petrole|monox\w*)\b.{0,100}\b(mal a la tete|maux de tete|vomi\w*|nausee\w*|somnolen\w*)\b"),
    (MEDICAL, r"\b(transpire|sue) (\w+ ){0,2}(beaucoup|enormement)\b.{0,60}\b(coeur|poitrine|bras)\b|\b(coeur|poitrine)\b.{0,60}\b(transpire|sue) (\w+ ){0,2}(beaucoup|enormement)"),
    (DANGER, r"\b(sent|sens|pue|odeur) (\w+ ){0,4}(le |du |la |de )?gaz\b"),
    (DANGER, r"\b(le )?feu (chez moi|chez nous|dans (la|ma|notre) (maison|cuisine|chambre|immeuble)|a (la maison|l'appart))\b"),
    (DANGER, r"\b(il y a des|des) flammes\b|\bflammes (\w+ ){0,3}(ont pris|prennent|s'etend|partout|dans les rideaux)\b|\b(ca|le feu) s'etend\b"),
    (DANGER, r"\b(coups de feu|fusillade|ca tire|on tire|des tirs)\b"),
    (DANGER, r"\b(coincee?s?|bloquee?s?) ([\w']+ ){0,4}(sous la neige|dans la neige|sur l'autoroute|sur la route|dans la voiture)\b.{0,100}\b(bebe|enfant|froid|-\d+|moins \d+|plus d'essence|plus de chauffage|hypotherm)"),
    (DANGER, r"\b(le )?feu (a pris|a demarre|s'est declare|prend|a pris feu) (\w+ ){0,3}(dans|a)\b|\b(plein de fumee|de la fumee partout|fumee (noire|epaisse) (partout|dans))\b"),
    (DANGER, r"\b(le )?feu (dans|a) (la cage d'escalier|l'immeuble|le couloir|l'escalier|la cuisine|le garage|la chambre|l'appart|la maison)\b"),
    (DANGER, r"\b(emportee?s?|entrainee?s?|happee?s?) par (la riviere|l'eau|le courant|la crue|les vagues|la mer|le torrent)\b"),
    (VIOLENCE, r"\b(viendra|viendrait|va venir|vient) (me |nous )?(tuer|buter|chercher avec|frapper)\b|\b(tambourine|frappe|cogne|defonce) (\w+ ){0,2}a (la|ma|notre) porte\b.{0,60}\b(tuer|peur|menace|couteau|ex|mari)|\b(tuer|peur|menace|couteau|mon ex|mon mari)\b.{0,60}\b(tambourine|defonce) (\w+ ){0,2}(a )?(la|ma|notre) porte\b"),
    (VIOLENCE, r"\b(il|mon mari|mon conjoint|mon compagnon|mon ex) (\w+ ){0,4}(a pris|prend|sort|a sorti|tient) (un|une|le|son|sa) (couteau|arme|fusil|pistolet|marteau|hache|batte)\b"),
    (SUICIDE, r"\bj'ai (la|une) corde\b|\b(repere|trouve|choisi) (le|un) (pont|immeuble|toit|falaise|endroit)\b.{0,30}\b(assez haut|haut|pour sauter|pour moi)\b|\b(assez|suffisamment) de (cachets|medicaments|medocs|pilules|comprimes) pour\b"),
    (DANGER, r"\b(coincee?s?|bloquee?s?) (\w+ ){0,2}sous (les gravats|l'arbre|un arbre|la voiture|les decombres|le toit)\b"),
    # Past water (« entrée cette nuit »: its spelling-blind reading is « entre ») is no rising water.
    (DANGER, r"\bl'eau (\w+ ){0,2}(rentre|entre) (\w+ ){0,2}dans (la|ma|notre) (maison|appart|chambre|salon)\b(?!.{0,60}\b(redescend|baisse|cette nuit|hier)\b)|\b(peut|peux|peu|pouvons) (plus|pas) sortir\b.{0,40}\b(l'eau|inond|crue|feu|fumee)"),
    # A stranger who follows the writer (« un homme me suit depuis le métro »), not a coach or a
    # follower on a network.
    (DANGER, r"\b(un|une|le|la|ce|cet|cette|des|deux|trois)\b[\w' ]{0,30}\b(homme|type|mec|gars|individu|inconnu|inconnue|monsieur|voiture|camionnette|groupe|bande|hommes|types|mecs)\b[\w' ]{0,40}\b(me|nous) (suit|suivent|suivait|poursuit|poursuivent|file)\b(?! (sur|pour|a la trace|dans (mes|mon|ma)|depuis (des|plusieurs|\d+) (ans|annees|mois)))"),
    # Trapped by water or fire; water in the living rooms, up to the sockets or the ceiling.
    (DANGER, r"\b(on est|nous sommes|je suis|sommes|suis|on se retrouve) (\w+ )?(pieges?|piegees?|coinces?|coincees?|bloques?|bloquees?|encercle\w*)\b.{0,60}\b(l'eau|inond\w*|crue|feu|fumee|flammes)\b"),
    (DANGER, r"\bl'eau\b (\w+ ){0,3}(passe|arrive|monte|rentre|entre|atteint|est|m'arrive|nous arrive)\b (\w+ ){0,3}(au niveau des prises|aux prises|jusqu'aux prises|au plafond|a la taille|aux genoux|a la poitrine)\b"
              r"|\bl'eau (\w+ ){0,2}(passe|arrive|monte|rentre|entre)\b (\w+ ){0,2}dans (la|le|ma|mon|notre) (maison|salon|cuisine|chambre|appart|appartement|sejour)\b(?!.{0,60}\b(redescend|baisse|cette nuit|hier)\b)"),
    (DANGER, r"\bl'eau (\w+ ){0,3}(passe|passer|arrive|rentre|entre) (\w+ ){0,2}sous la porte\b(?=.{0,80}\b(monte|montent|vite|crue|inond\w*|riviere|courant)\b)|\b(crue|inond\w*|riviere|ca monte|l'eau monte)\b.{0,100}\bl'eau (\w+ ){0,3}(passe|passer|arrive|rentre|entre) (\w+ ){0,2}sous la porte\b"),
    (DANGER, r"\b(coin[cs]ee?s?|bloquee?s?) (\w+ ){0,2}sous (une |la |un |le |les |l')(poutre|mur|debris|armoire|meuble|charpente|tuiles|gravats|arbre|voiture|decombres|toit)\b"),
    (DANGER, r"\b(coin[cs]ee?s?|bloquee?s?|enfermee?s?) (\w+ ){0,3}dans (l'|un |l )?ascenseur\b.{0,120}\b(manque d'air|manquer d'air|respire mal|respirer|etouffe|malaise|panique|enceinte|bebe|tres chaud|plus d'air)"),
    # An armed person near the writer (« un gars avec un flingue devant le bar »).
    (DANGER, r"\b(un|une|des|deux|trois)\b (\w+ ){0,2}(homme|hommes|type|types|gars|mec|mecs|individu|individus|personne|jeune|jeunes|ado|ados)\b (\w+ ){0,3}(avec|qui a|qui tient|qui brandit|brandit|sort|sortent|a sorti|ont sorti|tient) (un|une|des|son|sa) (flingue|flingues|arme|armes|pistolet|revolver|fusil|couteau|couteaux|machette|kalach\w*|hache|sabre)\b(?! (a|de|d') ?(huitres|beurre|pain|cuisine|fromage|poisson|legumes|peche|eau|peinture|chasse|jardin))"),
    # A break-in under way: something forced, and the intruder heard or the writer hiding.
    (DANGER, r"\b(quel?qu'?u?n|on|un homme|des gens|des hommes|un type|un mec|ils)\b (\w+ ){0,2}(a casse|ont casse|casse|a force|ont force|force|a fracture|ont fracture|fracture|est entre|sont entres|est rentre|sont rentres) (\w+ ){0,3}(fenetre|porte|baie|serrure|vitre|volet|chez moi|chez nous|dans la maison|dans l'appart)\b.{0,80}\b(entend\w*|march\w*|il est (encore |toujours )?(la|dedans|en bas|dans)|ils sont (encore |toujours )?(la|dedans|en bas)|je me cache|cachee?s? (dans|sous)|monte l'escalier|fouill\w*)"),
    # An elderly or lone person who no longer answers, in the cold or without heating or power:
    # a medical emergency told from outside a closed door (a fall, the cold), the firemen's, not
    # a suicide concern (persona round 92: « lui demander si elle pense au suicide »).
    (MEDICAL, r"\b(voisine?|grand mere|grand pere|grd mere|grd pere|mamie|mamy|papi|papy|pere|mere|tante|oncle|dame|monsieur|personne agee|locataire)\b.{0,60}\b(n'ouvre (plus|pas)|ouvre plus|ne repond? (plus|pas)|repond? plus|ne donne plus (de )?nouvelles|n'a pas ouvert|pas ramasse son courrier|volets (\w+ ){0,2}fermes)\b.{0,120}\b(froid|gel\w*|glacial|\d+ degres|plus de chauffage|sans chauffage|n'a plus de chauffage|plus de courant|sans courant|canicule|chaleur|il fait (moins )?\d+|moins \d+)\b"),
    # Someone close gone missing while fragile (dementia, the cold, the night).
    (OTHER_AT_RISK, r"\b(mon|ma|notre|son|sa) (\w+ )?(pere|mere|papa|maman|grand pere|grand mere|mamie|papi|mari|femme|frere|soeur|oncle|tante|voisin|voisine)\b.{0,40}\b(a disparu|a fugue|est introuvable|n'est pas rentree?|est partie? (\w+ ){0,2}sans)\b.{0,100}\b(alzheimer|demence|desoriente\w*|froid|gel\w*|il fait (moins )?\d+|\d+ degres|la nuit|medicaments|traitement|suicid\w*|idees noires)\b"),
    (OTHER_AT_RISK, rf"\b(mon|ma|mes|notre|son|sa) (\w+ )?{_CLOSE}\b.{{0,40}}\b(a dit adieu|dit adieu|a ecrit adieu|message d'adieu|lettre d'adieu|au revoir a tout le monde|desole pour tout)\b.{{0,80}}\b(repond plus|ne repond|injoignable|introuvable|pas de nouvelles|telephone (est )?coupe|ne decroche)"),
    # Someone close shut in a room with a means, or silent behind the door.
    (OTHER_AT_RISK, rf"\b(mon|ma|notre|son|sa) (\w+ )?{_CLOSE}\b.{{0,60}}\b(s'est|c'est|est) enferme\w*\b.{{0,60}}\b(corde|medicaments?|medocs|cachets|arme|fusil|couteau|lame|rasoir|ne (me )?repond (pas|plus)|me repond (pas|plus)|repond plus)"),
    # The partner breaks a door down (« il a défoncé la porte de la chambre »).
    (VIOLENCE, r"\b(il|mon mari|mon conjoint|mon compagnon|mon copain|mon mec|mon ex) (\w+ ){0,3}(a casse|a defonce|defonce|casse|a enfonce|enfonce|a arrache) (\w+ ){0,2}(la|ma|une|notre) porte\b(?! (du garage|de la voiture|du placard|du four|du frigo|de la cave en|en (jouant|bricolant)))"),
    # A woman the writer knows, beaten or threatened by her partner.
    (OTHER_AT_RISK, r"\b(ma|la|une|notre) (\w+ ){0,2}(voisine|amie|copine|collegue|cousine|mere|tante|dame|belle soeur|coloc|colocataire)\b.{0,120}\b((son|sa) (mari|conjoint|compagnon|copain|mec|ex|homme) (\w+ ){0,4}|il (\w+ ){0,2})(la (frappe|frapper|bat|battre|cogne|cogner|tape|taper|etrangle|etrangler|tabasse)|a voulu la tuer|veut la tuer|l'a (frappee?|battue?|etranglee?|menacee?|tabassee?))\b"),
    # A child kept locked in or without food by their parents, told by the child.
    (CHILD, r"\b(mes parents|mon pere|ma mere|mon beau pere|ma belle mere|papa|maman)\b.{0,60}\b(m'enferment|m'enferme|m'ont enferme\w*|me privent|me prive|m'interdisent de manger|me laissent sans manger)\b.{0,60}\b(sans manger|sans nourriture|sans repas|de manger|de repas|dans ma chambre|dans la cave|a cle|dehors)\b"),
    # Self-harm taken up again, or bites, burns or cuts until it bleeds or bruises.
    (SELF_HARM, r"\b(recommence|repris|rechute|replonge) (a|de) (me |m')(couper|scarifier|mordre|bruler|griffer|taper|frapper|faire du mal|mutiler|entailler|blesser)\b"),
    (SELF_HARM, r"\bme (mordre|mords|mordu|mordue|griffer|griffe|pincer|pince|taper|tape|frapper|frappe|bruler|brule|couper|coupe) (\w+ ){0,2}(les|le|la|mes|mon|ma) (bras|poignets?|cuisses?|jambes?|ventre|mains?|avant bras|peau)\b.{0,40}\b(jusqu'(a|au) (avoir des bleus|saigner|ce que ca saigne)|jusqu'au sang)\b"),
    # Stroke signs: a face that drops on one side, speech gone wrong beside a weak arm.
    (MEDICAL, r"\b(sourire|bouche|visage|levre|levres)\b (\w+ ){0,4}(d'un (seul )?cote|de travers|tordue?|tombante?|paralyse\w*|deforme\w*)\b|\b(n'arrive plus a|ne peut plus) sourire (\w+ ){0,2}d'un cote\b"),
    (MEDICAL, r"\b(bafouill\w*|parle bizarre\w*|mots (\w+ ){0,2}melanges|ne trouve plus ses mots|n'arrive plus a parler|articule mal|n'articule plus)\b.{0,120}\b(bras|jambe|main|cote|visage|bouche|sourire)\b|\b(n'arrive plus a (lever|bouger)|ne peut plus (lever|bouger)|ne sent plus) (le|son|sa|un) (bras|jambe|main)\b.{0,100}\b(bafouill\w*|parle bizarre\w*|mots|parler|articul\w*|bouche|visage)"),
    # Everything made ready « pour en finir ».
    (SUICIDE, r"\b(tout )?(prepare|preparer|prevu|pret|prets) (\w+ ){0,3}pour en finir\b(?! avec (?!(la vie|ma vie|tout)\b))|\bpour en finir\b(?! avec (?!(la vie|ma vie|tout)\b)).{0,60}\b(medic\w*|cachets|corde|tout (est )?pret|prets?)\b"),

    # Searching how many pills it takes « pour ne pas se rater »; a crash meant to pass for an
    # accident.
    (SUICIDE, r"\bcombien de (\w+ ){0,2}(comprimes|cachets|medicaments|medocs|pilules|somniferes|boites)\b.{0,40}\bpour (ne pas (me |se )?rater|ne plus (me |se )?reveiller|mourir|y passer|y rester|que ce soit (mortel|fatal|definitif))\b"),
    (SUICIDE, r"\b(de |je vais |envie de |veux |voudrais |pense a |c'est de )(\w+ ){0,5}(foncer|me jeter|me planter|m'encastrer|me crasher|me lancer) (\w+ ){0,2}(dans|contre|sous) (un|le|une|la) (platane|arbre|mur|pilier|camion|poids lourd|pile de pont|parapet|ravin)\b"),
    # « sh » is how self-harm is written among the young (« j'ai sh hier », « envie de sh »).
    (SELF_HARM, r"^sh\b(?! (le|la|les|du|de|des|un|une)\b)|\b(j'ai (re)?sh|(re)?fait (du |un )?sh|envie de (re)?sh|pulsion de sh|rechute (de |en )?sh)\b|\bsh (encore|hier|ce soir|cette nuit|ce matin|\d+ fois|tous les soirs)\b"),
    # Partner violence named by its initials, at home.
    (VIOLENCE, r"\b(situation|victime|cas) de (vc|violences? conjugales?|violences? intrafamiliales?)\b.{0,40}\b(a la maison|chez moi|chez nous|j'ai besoin|aidez|aide moi|discretement)\b"),
    # Children left alone since their parent left, told with their age; a child tied up; a
    # parent drunk or high who takes the child in a car.
    (CHILD, rf"\b{_CHILD}s? (\w+ ){{0,3}}(sont |est )?(tout )?(seule?s?|abandonnee?s?)\b.{{0,80}}\b(mere|pere|parents|maman|papa) (est|sont|a|ont) (partie?s?|disparue?s?|pas revenue?s?|plus la)\b"),
    (CHILD, rf"\b(la|le|les|un|une|des|mon|ma|mes|son|sa|ses|leur|leurs|notre|nos) (\w+ )?{_CHILD}s?\b.{{0,60}}\b(attachee?s?|ligotee?s?|enchainee?s?) (\w+ ){{0,2}}(dans|depuis|dehors|au radiateur|a (un|une|son|sa|leur) (arbre|poteau|radiateur|lit|chaise|niche))\b"),
    (CHILD, rf"^(?=.*\b{_CHILD}\b).*\b(mere|pere|parent|maman|papa|beau pere|belle mere|mon ex|son ex|mon mari|mon conjoint)\b.{{0,60}}\b(droguee?|ivre|saoule?|bourree?|defoncee?|alcoolisee?)\b.{{0,80}}\b(voiture|volant|conduire|prendre la route)\b"),
    # Asthma with no inhaler; a pain that makes one scream, with a body part or a fever; a
    # child who has just eaten something.
    (MEDICAL, r"\bcrise d'asthme\b.{0,60}\b(grave|forte|severe|plus de ventoline|pas de ventoline|sans ventoline|n'arrive pas|respire|ne passe pas|s'arrete pas|bleu)\b|\b(plus de |pas de |plus d'|pas d'|sans |oublie (sa|ma|son|mon) )(ventoline|inhalateur|bronchodilatateur)\b.{0,60}\b(crise|respire|souffle|siffle|etouffe)"),
    (MEDICAL, r"^(?=.*\b(ventre|poitrine|tete|jambe|bras|dos|fievre|vomi\w*|sang|tombe\w*)\b).*\b(hurle|hurlent|crie|se tord|se tordent) de douleur\b"),
    (MEDICAL, rf"\b({_CHILD}|il|elle)\b.{{0,40}}\bvient (de |d')(manger|avaler|boire|gober|lecher)\b.{{0,40}}\b(pastilles?|capsules?|javel|produits?|detergent|lessive|deboucheur|baies|champignons|granules|anti limaces|mort aux rats|essence|white spirit|piles?|aimants?|medicaments|cachets|pilules|feuilles|plante)"),
    # A roof or a floor giving way with people inside; fuel leaking and starting to smoke; gas
    # everywhere or a gas detector ringing.
    (DANGER, r"\b(toit|plafond|charpente|plancher|balcon|mur|grange|hangar|maison|immeuble)\b (\w+ ){0,4}(en train de ceder|cede|va ceder|menace de ceder|commence a ceder|craque de partout|va s'ecrouler|va s'effondrer)\b.{0,80}\b(dedans|a l'interieur|en dessous|dessous|coince\w*|bloque\w*|pieges?)\b"),
    (DANGER, r"\b(jerricans?|bidons?|essence|carburant|fioul|gasoil|bouteilles? de gaz|cuve)\b.{0,60}\b(fuit|fuient|fuite|coule|coulent)\b.{0,60}\b(fume|fumer|fumee|etincelles?|flammes?|prend feu)\b"),
    (DANGER, r"\bgaz (partout|dans (tout )?(l'appart|l'appartement|la maison|la cuisine|l'immeuble|la cage))\b|\b(detecteur|alarme) (de gaz )?(\w+ ){0,2}(sonne|bipe|hurle|s'est declenche)\b.{0,40}\bgaz\b|\bgaz\b.{0,60}\b(detecteur|alarme) (de gaz )?(\w+ ){0,2}(sonne|bipe|hurle|s'est declenche)|\b(detecteur|alarme) de gaz (\w+ ){0,2}(sonne|bipe|hurle|s'est declenche)"),
    # A misspelt « suicide » (« suicder », « sucider », « suisider »).
    (SUICIDE, r"\bs[uo]i?[cs]s?i?d(e|er|es|ee|ai|ait|aire|aires)\b"),
    # Lying on the tracks; letters left for one's family beside « ça ne me servira plus ».
    (SUICIDE, r"\b(m'allonger|me coucher|me mettre|m'allonge|me couche) (\w+ )?(sur|en travers de) (la voie|les rails|la voie ferree|l'autoroute|la route nationale)\b"),
    (SUICIDE, r"\b(lettres?|mots?) (pour|a) (ma|mon|mes)\b.{0,120}\b(ne me (servira|serviront|sert) plus|n'en aurai plus besoin|plus besoin de rien)\b"),
    # Fists against the wall until the fingers go numb; burning oneself with a hot plate to cope.
    (SELF_HARM, r"\bme (tap|tape|taper|frappe|frapper|cogne|cogner) (\w+ ){0,2}(les poings|la tete|les mains|le front) contre (les|le|un) (murs?|porte|sol)\b.{0,60}\b(jusqu'a|jusqu a|saigne\w*|sang|plus sentir|tous les soirs|bleus)"),
    (SELF_HARM, r"\b(m'en sers|m'en servir|l'utilise|les utilise|j'utilise \w+) pour me (bruler|couper|taillader|scarifier|mutiler|faire mal)\b(?! (les |la |le |une |des )?(cheveux|ongles|frange|barbe|tranche|pain|part))"),
    # An adult who sends a child sexual pictures or wants to meet them.
    (CHILD, rf"^(?=.*\b(adulte|homme|inconnu|type|mec|majeur|monsieur)\b).*\b(photos?|videos?|images?) (sexuelles?|porno\w*|intimes?|nues?|denudee?s?)\b.{{0,80}}\b({_CHILD}|mineure?)\b"),
    # A power line down and sparking; a vulnerable neighbour who no longer answers after a disaster
    # (a medical emergency behind a closed door).
    (DANGER, r"\b(ligne|cable|fil)s? (electriques?|haute tension|edf|enedis)?\b.{0,40}\b(tombee?s?|par terre|au sol|arrachee?s?)\b.{0,80}\b(etincelles?|crepite|gresille|fume|arc)\b"),
    (MEDICAL, r"\b(voisine?|dame|monsieur|mamie|papi|personne agee|locataire)\b (\w+ ){0,2}(handicapee?|agee|seule?|malade)?\b.{0,20}\b(ne repond? (plus|pas)|repond? plus|n'ouvre plus|ne m'ouvre plus)\b.{0,40}\bdepuis (l'inondation|la tempete|la crue|la coupure|le sinistre|\d+ jours|deux jours|trois jours|plusieurs jours)\b"),
    (MEDICAL, r"\b([7-9]\d|1[01]\d) ans\b.{0,60}\b(n'ouvre plus|ne m'ouvre plus|ne repond plus|volets (\w+ ){0,2}(fermes|restent fermes))\b.{0,60}\b(depuis (\d+|deux|trois|plusieurs) jours|volets (\w+ ){0,2}(fermes|restent fermes))\b"),
    # A weapon or a rope taken out, and « c'est le moment »; a bridge named « pour sauter ».
    (SUICIDE, r"\bj'ai (sorti|pris|charge|prepare|accroche) (\w+ ){0,2}(le|mon|la|ma) (fusil|arme|pistolet|carabine|corde)\b.{0,80}\b(c'est le moment|ce soir|cette nuit|je vais le faire)\b"),
    (SUICIDE, r"^(?!.*\b(elastique|parachute|parapente|plongeon|base jump)\b).*\b(viaduc|pont|falaise|immeuble|tour|barrage)\b.{0,40}\b(c'est pour|pour) (sauter|me jeter|en finir)\b"),
    # The partner who « cogne quand il a bu »; a door being broken down now; someone threatening
    # to set fire to a place with people inside.
    (VIOLENCE, r"\b(il|mon mari|mon compagnon|mon conjoint|mon copain|mon mec) (\w+ ){0,2}(cogne|frappe|tape|bat)\b(?! (a la porte|dans|sur (le|la) (porte|table|mur)))\b.{0,40}\bquand il (a bu|boit|est saoul|s'enerve|rentre)\b"),
    (VIOLENCE, r"\b(il|mon mari|mon compagnon|mon conjoint|mon copain|mon mec|mon ex) (\w+ ){0,2}(vient de|est en train de|essaie de|essaye de) (casser|defoncer|enfoncer|forcer) (\w+ ){0,2}(la|ma|notre) porte\b"),
    (DANGER, r"\b(menace|menacent|veut|veulent|va|vont) (de )?(mettre le feu|foutre le feu|tout bruler|faire sauter)\b.{0,80}\b(essence|bidon|jerrican|briquet|on est dedans|nous sommes dedans|a l'interieur)\b"),
    # Water up to the knees; a ceiling giving way now.
    (DANGER, r"\b(on en a|j'en ai|il y en a|de l'eau|l'eau) (\w+ ){0,2}jusqu'(aux|a la|au) (genoux|taille|cuisses|poitrine|ventre)\b"),
    (DANGER, r"\b(plafond|toit|mur porteur|fissure|charpente|plancher)\b.{0,60}\b(s'affaisse|s'ouvre|s'elargit|bouge|descend) (\w+ )?(a vue d'oeil|de plus en plus|(d'|de )heure en heure)\b"),
    (SUICIDE, r"\bsi je ne me reveill(ais|e) (pas|plus)\b.{0,40}\b(soulagement|mieux|tant mieux|bien)\b"),
    (DANGER, r"\b(toit|plafond|charpente|plancher)\b.{0,30}\b(commence a ceder|est en train de ceder|va ceder|craque de partout)\b"),
)
_KIND_ORDER = {OTHER_AT_RISK: 0, CHILD: 1, SUICIDE: 2, SELF_HARM: 3, VIOLENCE: 4, MEDICAL: 5, DANGER: 6}
# Someone else's crisis and a child's first: their words overlap the writer's own kinds.
CRISIS_PATTERNS = tuple(sorted(CRISIS_PATTERNS + _compile(_MORE_CRISIS), key=lambda e: _KIND_ORDER[e[0]]))

CONCERN_PATTERNS = _compile((
    # Passive ideation (hopelessness, a burden, no way out, what's the point): asked about first.
    (SUICIDE, r"\b(pars|partir|m'en vais|men vais|m'en aller)\b.{0,40}\b((ne )?reviendrai (pas|plus|jamais)|pour toujours|pour de bon|sans retour)\b(?! (en|a|au|aux|dans|vers|chez|sur|a l'etranger)\b)"),
    (SUICIDE, r"\bplus envie d'etre (la|ici|en vie|vivante?|sur terre)\b|\b(je ne serai|je serai|serai) (bientot )?plus (un probleme|un poids|une charge|un fardeau|un souci) (pour (personne|vous|eux|les autres))?\b"),
    # « J'ai regardé comment faire », without an object: « je cherche comment faire des courses
    # pas chères » is a practical question (persona chats).
    (SUICIDE, r"\b(regarde|cherche|chercher|regarder|cherchais|regardais|lu) (\w+ ){0,2}comment (le faire|m'y prendre|passer a l'acte|faire(?! (des|du|de|un|une|les|la|le|pour|mes|mon|ma|ses|ca|cela|avec|sans|quand|si|a|au|aux|en|d'|l'|mieux|moins|plus|son|sa|ces|tout|quoi)\b))"),
    # « Et puis à quoi bon. Je me sens inutile. » (persona round 99: a woman just laid off got a
    # breathing exercise): hopelessness told with worthlessness, asked about.
    (SUICIDE, r"\ba quoi bon (je me sens|je suis) (tellement |si |completement |vraiment )?(inutile|nulle?|un poids|une charge|de trop)\b(?! (en|au|a la|pour) \w+)"),
    (SUICIDE, r"\ba quoi bon\W*$|\bje (ne )?sais (pas|plus) combien de temps je (vais|peux|pourrai) tenir( comme (ca|cela))?\W*$|\bje (ne )?tiens plus\W*$|^je (ne )?tiens plus\b(?! le coup)"),
    (SUICIDE, r"\b(marre|fatigue|fatiguee|las|lasse|peur|degoute|degoutee) de (la vie|vivre|exister|ma vie)\b"),
    # What to do when the thoughts come back (persona round 89, after a no to the question).
    (SUICIDE, r"\b(si|quand|et si|au cas ou) (les |ces |mes )(pensees|idees) (\w+ )?(reviennent|reviendront|recommencent)\b"),
    # « Des fois je me dis que ça serait plus simple si je me réveillais pas » (persona round 89).
    (SUICIDE, r"\b(ce serait|ca serait|ce sera|c'est) (\w+ )?(plus simple|mieux|plus facile|un soulagement) si je (ne )?(me )?reveill(ais|e) (pas|plus)\b"),
    (SUICIDE, r"\bla vie (n'a|a) (plus|aucun) (de )?sens\b"),
    # Worthlessness said of oneself (« je sers plus à rien », persona round 97: a lorry driver
    # laid off at 55, ashamed, not sleeping, got food aid); not a skill (« je sers à rien en
    # cuisine »).
    (SUICIDE, rf"\b{WORTHLESS}"),
    (SUICIDE, r"\bje (ne |n')?suis (plus )?(bon|bonne) (plus )?qu'a (jeter|mettre a la poubelle|crever)\b|\bje suis (un|une) (bon|bonne) a rien\b(?! (en|pour)\b)"),
    # An accident wished for (« parfois je me dis qu'un accident sur la route ce serait plus
    # simple », persona round 97: a night nurse, missed inside the work questionnaire).
    (SUICIDE, r"\b(un accident|un crash|une sortie de route|un camion)\b.{0,40}\b(ce serait|ca serait|serait|ce sera) (\w+ )?(plus simple|mieux|plus facile|un soulagement|reposant|la solution)\b(?! (de (le|la|les|l'|faire|prevenir|declarer|appeler)|d'(appeler|attendre|aller)|si|s'il)\b)"),
    (SUICIDE, r"\b(ce serait|ca serait) (\w+ )?(plus simple|mieux|plus facile|un soulagement) (d'avoir|si j'avais|si je faisais|de faire|qu'il m'arrive) un accident\b"),
    (SUICIDE, r"\b((ca |ca me |me )servirai[st]? a quoi|a quoi (ca )?(me )?servirai[st]?)\b.{0,30}\b(de continuer|de vivre|de me battre|de me lever|tout ca)\b"),
    (SUICIDE, r"\b(un fardeau|un poids|une charge) pour (tout le monde|les autres|mes proches|ma famille|mes enfants|eux|vous|toi)"),
    (SUICIDE, r"\ba quoi bon (vivre|continuer|me battre|rester en vie|exister|me lever)"),
    (SUICIDE, r"\b(plus|pas|aucune|sans) (d'|d )?(autre )?issue\b"),
    (OTHER_AT_RISK, rf"\b(mon|ma|mes|notre|un|une) (\w+ )?{_CLOSE}\b.{{0,60}}\b(dit|parle|ecrit|poste|publie) (\w+ ){{0,3}}(qu'il|qu'elle|que) (\w+ ){{0,3}}(veut|voudrait) (disparaitre|partir|plus etre la|dormir pour toujours)"),
    (OTHER_AT_RISK, rf"\b(mon|ma) (\w+ )?{_CLOSE}\b.{{0,60}}\b(donne ses affaires|message d'adieu|dit au revoir a tout le monde|ne repond plus depuis)"),
    (CHILD, r"\bj'entends (\w+ ){0,3}(un enfant|des enfants|le bebe|un bebe|le petit|la petite) (\w+ ){0,3}(hurler|crier|pleurer) (\w+ ){0,6}(coups|frapp|tous les soirs|toutes les nuits)"),
    (CHILD, rf"\b{_CHILD} (\w+ ){{0,3}}(a|avait|a encore) (des|les) (bleus|marques|traces)\b"),
    (VIOLENCE, r"\b(il|mon mari|mon conjoint|mon compagnon|mon copain|mon ex) (\w+ ){0,3}me fait (un peu |tres |vraiment |de plus en plus )?peur\b"),
    # « Chez moi ça crie tout le temps » (persona round 91: « pas sûr d'avoir compris »): asked.
    (VIOLENCE, r"\b(chez moi|a la maison|chez nous|a la maison ca|a la maison on)\b.{0,25}\b(ca|on|ils|il|elle|mes parents) (crie|crient|hurle|hurlent|gueule|gueulent|se dispute|se disputent|s'engueule|s'engueulent|se tape|se tapent)\b.{0,30}\b(tout le temps|tt le temps|sans arret|tous les soirs|tous les jours|toute la nuit|de plus en plus)\b"),
    (VIOLENCE, r"\bpeur (de rentrer (chez moi|a la maison|ce soir)|de lui|de mon mari|de mon conjoint|de mon compagnon|de mon copain|de mon ex|qu'il revienne|qu'il rentre|qu'il me retrouve|de sa reaction)"),
    (VIOLENCE, r"\b(il|mon mari|mon conjoint|mon compagnon|mon copain|mon ex) (\w+ )?(me pousse|m'a pousse|m'a poussee|me bouscule|m'a bouscule|me tient par|m'attrape|me serre le bras|me crache|casse tout|jette des objets|lance des objets|me surveille|controle mon telephone|lit mes messages|m'interdit|me rabaisse|m'insulte|me hurle dessus|crie sur moi)"),
    # Control of money and phone (persona round 104: « il gère tout l'argent, il me donne 20 euros
    # par semaine, il vérifie mes tickets, il regarde mon téléphone » got a contact note only).
    (VIOLENCE, rf"^(?!.*\b({_SHARED_BUDGET})\b).*"
               r"\b(il|mon mari|mon conjoint|mon compagnon|mon copain|mon mec) (\w+ ){0,2}(regarde|fouille|verifie|controle|lit) (\w+ )?(mon telephone|mon portable|mes messages|mes sms)\b"
               r".{0,200}\b(argent|ma carte|tickets|euros|salaire|ou je suis|mes sorties|regretter)\b"
               r"|\b(argent|ma carte|tickets|salaire)\b.{0,200}\b(il|mon mari|mon conjoint|mon compagnon|mon copain|mon mec) (\w+ ){0,2}(regarde|fouille|verifie|controle|lit) (\w+ )?(mon telephone|mon portable|mes messages|mes sms)\b"),
    (VIOLENCE, rf"^(?!.*\b({_SHARED_BUDGET}|argent de poche|patron|au noir|daron|mon pere|ma mere|mes parents|conseill\w*|banquier)\b).*"
               r"\b(il|elle|mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|ma compagne|mon copain|ma copine|mon mec) (\w+ ){0,2}"
               r"(gere tout l'argent|garde (ma|la) (carte|cb)\b(?! (grise|vitale|d'identite|de fidelite|de bus|de transport|du resto|de cantine))|"
               r"gere ma carte|prend ma (carte|cb)|a pris ma (carte|cb)|confisque ma (carte|cb)|"
               # « il me donne 20 balles par semaine et il garde la carte » (persona round 107);
               # « 30 € » reads « 30 » once normalised, « 50e » stays « 50e ».
               r"me (donne|laisse|file) (que |juste |seulement )?\d+ ?(euros?|e|balles)? ?(par |/ ?)(semaine|mois)|m'empeche (de travailler|de sortir|de voir))"
               # Not « mon conseiller bancaire dit que je sais pas gérer » (review).
               r"|\b(mon mari|mon conjoint|mon compagnon|mon copain|mon mec|ma femme|ma copine|ma compagne) (\w+ ){0,2}dit que je (ne )?sais pas gerer (l'argent|mon argent|les sous|mes sous|le budget)?\b"),
    # The partner who takes one's pay (« mon conjoint prend ma paie et me donne 50e par semaine…
    # comment je fais un budget avec ça », persona round 109: the Points conseil budget, twice),
    # even beside a budget asked for; not a pay kept by an employer, a bank or the CAF.
    (VIOLENCE, r"^(?!.*\b(ensemble|on gere|nous gerons|compte commun|commun accord|je lui ai demande|on a decide|patron|patronne|"
               r"employeur|entreprise|boite|banque|banquier|caf|huissier|conseill\w*|argent de poche|daron|mes parents|coloc|colocataire|colloc|"
               r"chef|gerant|gerante|directeur|directrice|l'etat|impots?|proprio|proprietaire|tante|oncle|mon fils|ma fille|ase)\b).*"
               r"\b(il|elle|mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|ma compagne|mon copain|ma copine|mon mec) (\w+ ){0,2}"
               r"((prend|garde|touche|encaisse|recupere|a pris) (toute |tout )?(ma|mon|mes) (paie|paye|salaire|argent|rsa|allocs?|allocations?)\b"
               r"|(prend|garde|a pris) tout (l'argent|mon argent|ce que je gagne)\b)"),
    # What to do tonight if he starts again (persona round 110: a girl of 16 and her sister asked
    # three times, and got a student job's hours, then the suicide question about the father).
    (VIOLENCE, r"\b(s'il|si il|sil|si ce soir il|quand il|si mon pere|si ma mere|si mon beau pere|si mon mari|si mon copain) (\w+ ){0,2}"
               r"(recommence a (crier|hurler|casser|taper|frapper|boire|nous|me|gueuler)|pete un cable|s'enerve|se met a (crier|hurler|casser|taper)|"
               r"casse (tout|des trucs|des choses|des objets)|crie|hurle|gueule|frappe|tape|devient violent)\b"
               r"(?! (sur|contre|apres) (le|la|les|son|sa|ses|mon|ma|mes) (chien|chat|ordi\w*|console|telephone|portable|voiture|jeux?|tele|match|arbitre|equipe))"
               r".{0,80}\b(je fais quoi|on fait quoi|que faire|quoi faire|comment (faire|me proteger|nous proteger|on fait)|en securite|se cacher|on se cache|ou aller|on va ou)"),
    (VIOLENCE, r"\bc'est (nous|moi) qui (avons|ai|on a|a) peur (de lui|de elle|d'elle)?\b.{0,60}\b(ce soir|en securite|on fait quoi|je fais quoi)"),
    (VIOLENCE, r"\bquand il (a bu|boit|est saoul|s'enerve)\b.{0,40}\b(peur|cache|enferme|crie|casse)"),
    # Identification with someone who took their life (« le voisin s'est pendu, même histoire que
    # moi… je comprends mieux maintenant », persona round 106: a farmer's words kept as a goal).
    (SUICIDE, r"\b(s'est pendue?|s'est suicidee?|s'est tuee?|a mis fin a ses jours|s'est donne la mort|s'est foutue? en l'air)\b"
              r".{0,80}\b(meme (histoire|situation|chose) que (moi|nous)|comme moi|je (le |la )?comprends( mieux)?|moi aussi|je serai le prochain|je serai la prochaine)\b"),
    # Short of breath, said by the writer, not in the heat (« je respire moins bien », « je suis
    # un peu essoufflé et j'ai peur », persona round 105: an oxygen patient in a power cut got
    # bike repair shops): asked about, and the own-symptoms answer says when it is the 15's.
    (MEDICAL, r"^(?!.*\b(chaleur|canicule|chaud|fumee|poussiere|masque|en courant|courir|couru|course|sport|foot|football|match|velo|footing|"
              r"jogging|muscu|salle|bus|escaliers? du metro|demarches|paperasse|administrati\w*|dossiers?)\b).*"
              r"\b(je respire (moins bien|mal|difficilement|de plus en plus mal)|je suis (un peu |tres |vite |tout )?(essouffle|essoufle)e?|"
              r"j'ai (du mal|de la peine|des difficultes) a respirer|je manque d'air|je suffoque|j'ai le souffle court)\b"),
    # Fear of a parent at home, objects thrown, a parent who « pète un câble » (persona round 104:
    # a boy of 16 whose father threw a plate against the wall was asked three times whether he
    # wanted to hurt himself, then got the computer-scam screen for « un numéro à appeler »).
    (VIOLENCE, rf"^(?!.*\b({_GRADES_OR_BILLS})\b).*\b(j'ai|j'avais|on a) (\w+ )?peur (de {_HOUSEHOLD}|de mes parents)\b"),
    (VIOLENCE, rf"^(?=.*\b(peur|gueul\w*|cri\w*|hurl\w*|disput\w*|engueul\w*|colere|enerv\w*|violent\w*|sur (moi|ma mere|mon pere|ma soeur|mon frere))\b).*"
               rf"\b({_HOUSEHOLD}|il|elle) (\w+ ){{0,2}}(a jete|a lance|a balance|a eclate|a fracasse|jette|lance|balance|eclate) "
               r"(une|des|la|les|un|le|son|sa|ses|l'|mon|ma|mes) ?(\w+ )?(assiettes?|verres?|chaises?|objets?|trucs|bouteilles?|telephone|portable|tasses?|affaires|plats?) "
               r"(\w+ ){0,3}(contre|par terre|sur|a travers|dans|par la fenetre|dehors)\b"),
    (VIOLENCE, rf"^(?!.*\b({_GRADES_OR_BILLS})\b)(?=.*\b(peur|ce soir|cette nuit|frappe|tape|casse|cri\w*|hurl\w*|rentre)\b).*"
               rf"\b{_HOUSEHOLD} (\w+ ){{0,2}}(pete|petait|a pete|va peter|repete) (un cable|les plombs|un plomb|une durite)\b"),
    (VIOLENCE, r"^(?=.*\b(ce soir|cette nuit|quand il rentre|a la maison|chez moi|chez nous)\b).*"
               r"\bpeur (qu'il|quil|qu'elle) (recommence|remette ca|repete un cable|s'enerve encore)\b(?! a )"),
    (VIOLENCE, rf"^(?=.*\bpeur\b).*\b{_HOUSEHOLD} (qui )?(\w+ ){{0,2}}(crie|hurle|gueule) (\w+ ){{0,3}}et (\w+ ){{0,2}}(casse|jette|balance|defonce|tape|frappe)\b"),
    # Blows heard or felt without a who (« il crie et il tape », « des coups et des cris chez moi
    # ce soir »): asked about; a neighbour's then gets a witness's numbers.
    (VIOLENCE, r"\b(il|elle) (crie|hurle|gueule) (\w+ ){0,2}et (il |elle )?(tape|frappe|cogne)\b(?! ((a|sur|contre|dans) )?(la porte|le mur|la table|le clavier|du pied|des pieds|ses mains|des mains))"),
    (VIOLENCE, r"\bdes (coups|cris) et des (cris|coups)\b.{0,30}\b(chez moi|a la maison|chez nous|a cote|ce soir|cette nuit|chez les voisins|chez la voisine|chez le voisin)\b"),
    (VIOLENCE, r"\b(porter plainte|deposer plainte|main courante)\b.{0,60}\b(sans qu'il|sans que mon|il le sache|mari|conjoint|compagnon|ex)\b"),
    (VIOLENCE, r"\b(3919|(appel|numero) (\w+ )?apparai\w* sur la facture)"),
    (SELF_HARM, r"\b(cacher|cache|caches) (\w+ ){0,2}(mes )?(cicatrices|coupures|marques) (\w+ ){0,3}(bras|poignets|cuisses)"),
    (SELF_HARM, r"\b(cacher|cache|camoufler|maquiller) (\w+ ){0,2}(des |mes |les )?(cicatrices|coupures|entailles) (toutes )?(fraiches|recentes)\b"),
    (MEDICAL, r"\b(je vais m'evanouir|je me sens partir|tres mal au coeur|le coeur qui s'emballe|je n'arrive pas a reprendre mon souffle)\b"),
    (MEDICAL, r"\bmal (de|a la) tete\b.{0,60}\b(poele|brasero|groupe electrogene|chauffage d'appoint|barbecue)\b.{0,60}\b(nausee|vomi|vertige|endormi)"),
    (DANGER, r"\b(ca sent le brule|de la fumee (sort|sous|dans)|l'eau (entre|rentre) (dans|par))"),
    (SUICIDE, r"\b(a quoi (ca|ca) sert|a quoi bon|ca sert a rien)\b(?! (de |d')(?!(vivre|continuer|me battre|se battre|me lever|exister|essayer)\b)).{0,40}\b(tout ca|de continuer|de vivre|de se battre|de me battre|de me lever|tout|la vie|moi)\b"),
    (SUICIDE, r"\b(je vois plus|je ne vois plus|je vois pas) (trop |vraiment |bien )?(a quoi (ca|tout ca) sert|le bout|d'avenir|de sortie|comment m'en sortir|l'interet)"),
    (SUICIDE, r"\b(je vais craquer pour de bon|je peux plus continuer|je ne peux plus continuer|j'en peux plus de (tout|cette vie|vivre comme ca)|je suis de trop|tout arreter|tout lacher|que tout s'arrete|que ca s'arrete|que la douleur s'arrete)\b"),
    (SUICIDE, r"\b(envie|besoin|voudrais|veux|aimerais) (de )?(disparaitre|m'effacer|dormir (longtemps|tres longtemps|pour longtemps|et ne plus))\b(?! (des|du|de la|de ses|de mes|d'un|d'une|sous|quelques|un moment|un peu|loin|a la campagne|en vacances|pour (le|un|quelques|la)) )"),
    (SUICIDE, r"\b(plus (aucun|d')avenir|plus rien a perdre|tout est fini pour moi|c'est fini pour moi|je suis foutue?|j'ai tout rate)\b"),
    (SUICIDE, r"\b(je (ne )?peux plus|j'en peux plus|je n'en peux plus)\b.{0,40}\b(vivre|de tout|de moi|de cette vie)\b"),
    (SUICIDE, r"\b(je lache|je vais lacher|je laisse tomber) (\w+ ){0,2}(pour de vrai|pour de bon|tout)\b|\bce serait (plus simple|mieux) si je (n'etais plus la|disparaissais|mourais|partais)\b|\bj'ai tout regle\b.{0,60}\b(partir|fin)\b|\bil ne me reste (plus )?qu'a partir\b"),
    (SUICIDE, r"\b(lettres?|mots?) (a|pour) (mes|chacun de mes) (enfants|proches)\b.{0,40}\b(au cas ou|si jamais|quand je)"),
    (VIOLENCE, r"\b(cacher|cache|maquille|maquiller|camoufler) (\w+ ){0,3}(les |mes )?(marques|bleus|traces|coquards?)\b"),
    (VIOLENCE, r"\b(partir|quitter|m'enfuir|fuir) (\w+ ){0,6}(discretement|sans qu'il (le sache|s'en rende compte|me voie|l'apprenne))\b"),
    (VIOLENCE, r"\b(chaise|meuble|commode|table) (\w+ ){0,2}(coincee?|calee?|bloquee?|contre|devant) (\w+ ){0,2}la porte\b"),
    (VIOLENCE, r"\b(mon ex|il) (\w+ ){0,2}(m'attend|me suit|me harcele|me traque|debarque|me guette) (\w+ ){0,4}(tous les|partout|chez moi|en bas|depuis)\b"),
    (VIOLENCE, r"\bquand il (a bu|boit|est saoul|s'enerve)\b.{0,60}\b(finit mal|mieux que je ne dise rien|je me tais)"),
    (SELF_HARM, r"\b(manches longues|cacher mes bras|qu'on (ne )?voie pas mes bras)\b"),
    (SELF_HARM, r"\b(douleur physique|avoir mal physiquement)\b.{0,40}\b(controle|soulage|mieux que)\b"),
    (SELF_HARM, r"\b(compas|lame|cutter|rasoir)\b.{0,40}\b(a cote de moi|dans ma main|pres de moi|sur mon bureau)\b"),
    (DANGER, r"\b(ca )?sent (bizarre|bizarrement|etrange|fort|le brule)\b.{0,40}\b(gaz|chauffage|poele|chaudiere)|\b(gaz|chauffage d'appoint|chaudiere)\b.{0,60}\bsent (bizarre|etrange|fort)\b"),
    (DANGER, r"\b(batterie|batteries|onduleur|panneau)\b.{0,30}\b(fume|fumee|chauffe fort|gonfle)\b"),
    # « jsp pk je continue », « ma mère s'en fout si je crève »; life insurance « au moins ».
    (SUICIDE, r"\b(je (ne )?sais (pas|plus)) pourquoi je continue\b(?! (a|de|d'|avec|ce|cette|mes|mon|ma|les|la|le) )|\bsi je creve\b(?! (de|d') )"),
    (SUICIDE, r"\bassurances? (vie|deces)\b.{0,80}\b(enfin vous voyez|si (c'est|je me|je ne suis plus|je pars)|suicide|servirait|serviront|seule chose utile|au moins)\b"),
    # Punishing oneself; a clean streak ended with a blade.
    (SELF_HARM, r"\b(je me punis|je me suis punie?|me punir)\b(?! (en (me privant|ne pas|m'interdisant)|de dessert|par))"),
    (SELF_HARM, r"\b(remis a zero|rechute|craque)\b.{0,60}\b(compas|lame|cutter|rasoir)\b|\b(compas|lame|cutter|rasoir)\b.{0,60}\b(remis a zero|rechute|craque)\b"),
    # The cover story for bruises; sleeping dressed, ready to flee; « tu vas le payer ».
    (VIOLENCE, r"\b(je dis|j'ai dit|je raconte|j'ai raconte|je leur dis|je leur ai dit|j'explique|j'ai explique|je pretends|de dire|je dois dire) (\w+ ){0,4}(que |qu')?(je suis tombee?|je me suis (cognee?|pris une porte|prise une porte|fait mal)|c'est (le sport|une chute|la porte|un accident))\b"),
    (VIOLENCE, r"\bquand il (a bu|boit|est saoul|s'enerve|rentre)\b.{0,60}\b(dors habillee|dors tout habillee|chaussures|sac (est )?pret|sac prets|m'enferme|dors dans la voiture)\b"),
    (VIOLENCE, r"\b(il|elle) (m'a|ma) dit (que |qu')?(je |j'|tu )?(allai\w*|vais|vas|allait) (le |me le )?(payer|regretter)\b"),
    # A last message (not a last day at work); a death meant to look like an accident; the
    # lethal dose looked up.
    (SUICIDE, r"\b(je crois|je pense)( que)? (c'est|ce sera) (mon|le) dernier\b(?! (jour|mois|soir|\w+ (de|du|d')))|\b(c'est|ce sera) (mon|le) dernier (message|mot)\b(?! (pour|de) (ce soir|aujourd'hui|la journee|la semaine|cette semaine|l'annee|ce mois))(?!.*\b(a demain|a plus|a bientot|a lundi|bonne (nuit|soiree|journee|semaine))\b)"),
    (SUICIDE, r"\b(on|ils|elles|tout le monde) (croira|croiront|pensera|penseront) (\w+ )?(a|que c'est|que c'etait) un accident\b"),
    (SUICIDE, r"\bdose (mortelle|letale)\b(?! (de |d')(sel|sucre|cafe|cafeine|chocolat|piment|alcool pour un chien|vitamines?)\b)"),
    (SUICIDE, r"\b(ca|cela|ils|elles) ne me (servira|serviront) plus\b"),
    (SUICIDE, r"\bc'est le moment\W*$"),
    (SELF_HARM, r"\b(m'en suis servie?|je l'ai utilisee?|je les ai utilisee?s) sur moi\b"),
    (SELF_HARM, r"\b(lame|lames|cutter|rasoir|compas)\b.{0,60}\b(redevenue?|meilleure amie|\w+ fois cette semaine|tous les soirs)\b"),
))

# An « envie » for one's place, the word Relais asks citizens for (persona round 111: « j'ai une
# envie pour mon quartier : un repair café » got the suicide question from two models): a firm
# look-alike, unless a death is said beside it.
_A_WISH_FOR_THE_PLACE = re.compile(
    r"^(?!.*\b(mourir|en finir|me tuer|disparaitre|plus vivre|me suicider|mettre fin)\b).*"
    r"\b((une|mon|ma|des|nos|mes) envies? (pour|de|d'amenagement|a proposer|a transmettre) (mon|ma|notre|nos|le|la|les|son|sa|ce|cette|du|au) "
    r"?(quartier|village|commune|ville|residence|rue|cite|hameau|immeuble|ecole|parc|centre)\b"
    r"|(deposer|proposer|transmettre|envoyer|faire remonter) (une|des|mon|mes) envies?\b"
    r"|\bune envie ?:)")


LOOKALIKE_PATTERNS = _regexes((
        r"\bmorte? de (rire|fatigue|faim|froid|peur|honte|ennui|chaud|soif)",
        # Getting ready before a disaster: an emergency bag, a kit, a list (persona round 92: « le
        # sac d'urgence pour la crue, avec un bébé » got « un enfant est-il en danger ? », and
        # the question was lost).
        r"\b(sac|kit|valise|trousse|liste) (d'urgence|de secours|d'evacuation|de survie)\b"
        r"|\b(je mets|on met|mettre|je prends|on prend|prendre|preparer|je prepare|on prepare) (quoi|quelles choses) (dans|pour) (le|un|mon|notre|les|nos) (sac|sacs|kit|valise|valises)\b",
        r"\b(mdr|ptdr|lol|xd|haha|hahaha)\b",
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
        # Plans for work: « je pense à me reconvertir », « j'envisage de me former ».
        r"\b(pense a|envisage de|veux|voudrais|compte) (me (reconvertir|former|mettre a mon compte|remettre aux etudes)|m'inscrire (a|en|au|sur|dans))\b",
        # Politics and prices as hyperbole: « ils vont tous nous tuer avec leurs taxes ».
        r"\b(ils|elles|vous|on) (vont|va|veulent|veut|allez) (tous |toutes )?nous (tuer|achever|saigner|crever) (avec|a coups? de|a force de) (leurs? |vos |votre |des |de )?(taxes?|impots?|prix|reformes?|lois?|factures?|tarifs?|hausses?|charges|normes|paperasse)\b",
        r"\bsauter (le pas|une etape|un repas|sur l'occasion|de joie)\b",
        r"\b(plombs|fusibles?|disjoncteurs?|compteur) (ont |a |qui |vient de |viennent de )?(saute|sautent|sauter)",
        r"\b(film|serie|livre|roman|article|reportage|documentaire|podcast|expo|piece de theatre)\b",
        r"\b(exercice|alarme|simulation) (incendie|d'evacuation)\b",
        r"\bsaigne aux quatre veines\b",
        r"\b(tue|tuer|tuons|tuez) le game\b",
        r"\b(assassinee?|massacree?|tuee?|detruite?|demolie?|laminee?) (au|aux|a la) (scrabble|belote|tarot|echecs|poker|mario|foot|tennis|petanque|babyfoot|quiz|jeu)\b",
        r"\b(battus?|battues?|battre|bats|bataille) (pour|contre) (obtenir|avoir|la|le|les|un|une|notre|nos|mon|ma)\b",
        r"\bcrever l'abces\b",
        r"\b(pris|prends|prendre) une (claque|baffe|gifle) (en voyant|en lisant|en recevant|avec)\b",
        r"\bdose de cheval\b",
        r"\btout (plaquer|lacher) (pour|et)\b",
        r"\blettre d'amour\b",
        r"\b(mes|les) (gosses|enfants|gamins|ados|filles|fils|collegues|potes|copains|copines|eleves) (vont|va) me tuer\b",
        r"\bje vais (le|la|les) (tuer|achever|massacrer|defoncer|exploser|balancer) (ce|cette|ces) (bagnole|voiture|caisse|machine|imprimante|box|ordi|telephone|tel|batterie|tondeuse|chaudiere|bestiole|moto|frigo|appareil|truc)\b",
        r"\bdisparaitre (des|du|de la|de ses|de mes) (fichiers|listes|registres|annuaires|reseaux|photos|radars)\b",
        r"\bla fin (pour|de) (mon|ma|mes|notre|nos|la|le) (vieux |vieille )?(frigo|voiture|ordi|telephone|machine|chaudiere|velo|canape|forfait|contrat|bail)\b",
        r"\bj'en peux plus d'attendre\b|\bje n'en peux plus d'attendre\b",
        # Leisure jumps, and a farewell that says when it comes back.
        r"\bsauts? (a l'elastique|en parachute|en parapente|en benji)\b|\bbungee\b",
        r"\b(adieu|je disparais|je m'en vais)\b.{0,40}\b(a la semaine prochaine|a demain|a plus tard|a lundi|a bientot|a tout a l'heure|a ce soir)\b",
        r"\b(aidant|aidante)\b",
        r"\bse sont (battus|battues|tapes|tapees|chamailles) (pour|a cause)\b",
        # Everyday uses of crisis words, seen in blind set B (dev): knocking, dead batteries,
        # gardening, bleeding a radiator, burning one's pay, video games, rules about age.
        r"\b(frappe|frapper|frappent|frappait|on frappe|a frappe) (\w+ ){0,2}(a la porte|a ma porte|a notre porte|chez moi|chez nous|trois fois|deux fois|plusieurs fois)\b",
        r"\b(pile|piles|batterie|batteries) (\w+ ){0,3}(morte|mortes|mort|a plat|vide)\b",
        r"\ba en (crever|mourir)\b",
        r"\b(saigner|purger) (un|une|le|la|les|mes|mon) (radiateur|radiateurs|canalisation|circuit|freins?)\b",
        r"\b(brule|claque|flambe|grille) (toute |tout )?(ma|mon|mes|la|le) (paye|paie|salaire|budget|economies|prime|argent|cheque)\b",
        r"\b(fortnite|minecraft|console|jeu video|manette|playstation|switch)\b",
        r"\bpeur du noir\b",
        r"\b(tailler|couper|rabattre|elaguer) (les|mes|le|la|ses) (rosiers|haies?|arbres?|branches|tiges|framboisiers|arbustes)\b",
        r"\b(gendarmes et (aux )?voleurs|cache cache|en jouant|jouent a|jouer a)\b",
        r"\bc'etait un exercice\b|\b(a sonne|sonnait) (\w+ ){0,4}tout va bien\b",
        r"\b(accident bete|eau froide et c'est bon|un pansement|petite brulure|petite coupure)\b",
        r"\b(autorise|autorisee|legal|legale|legalement|a partir de quel age|quel age)\b",
        r"\b(finir|boucler|terminer|tenir) (le|la|ce|mon|ma|jusqu'a la) (mois|fin du mois|fin de mois|semaine)\b",
))

# Words that put a crisis at a distance: fiction, news, study, a professional who asks, a past
# that is over. Without a cue of the writer's present (RECENT), they overrule the crisis and
# concern patterns and the model: "un roman sur la violence conjugale", "j'ai arrêté de me
# scarifier depuis 3 ans", "je suis assistante sociale, quel est le numéro pour...".
DISTANCE_PATTERNS = _regexes((
        # A danger survived years ago, told as a story (« j'ai survécu à l'incendie de notre
        # immeuble il y a 5 ans, merci aux pompiers »).
        r"\b(j'ai|on a|nous avons|il a|elle a) survecu\b.{0,80}\b(il y a|en|depuis) (\d+|deux|trois|quatre|cinq|six|sept|huit|dix|quelques|plusieurs) (ans|annees)\b",
        # Asking whether a line is only for suicide is said by someone who is not suicidal
        # (« le 3114 c'est que pour le suicide ? moi je veux pas mourir »).
        r"\b(3114|ce numero|le numero|cette ligne|ce truc)\b.{0,40}\b(que|seulement|juste|uniquement) pour (le |les )?(suicide|suicidaires?)\b",
        r"\b(pourquoi|pk|pq) (tu |vous )?(me |m')?(donnes?|donnez|parles?|parlez|envoies?|envoyez) (\w+ ){0,3}(numero|3114|ligne)\b|\b(c'est )?pas (que )?pour les suicidaires\b",
        r"\b(perso|boss final|(?<!au )niveau(?! (de|des|du|d')\b)|(une|la|ma|cette|notre) partie de|jeu video|console|film|thriller|polar|manga|dessin anime|serie|livre|roman|bd|article|reportage|documentaire|podcast|emission|journal|la tele|a la tele|television|actualites|les infos|expose|memoire|these|club de lecture|piece de theatre|jeu video|chanson|episode|heros|heroine|personnage)\b",
        r"\b((je suis|en tant que|je travaille comme|on est|nous sommes) (\w+ )?|en tant qu')(gardien|gardienne|concierge|auxiliaire de vie|aide a domicile|infirmiere?|medecin|docteur|assistante? sociale?|gendarme|policier|policiere|educatrice?|educateur|enseignante?|prof|professeure?|psychologue|benevole|travailleur social|travailleuse sociale|pompier|aide soignante?|formatrice?|formateur|secouriste|journaliste|etudiante?|sage femme|puericultrice)\b",
        r"\bpour (mon|ma|un|une|notre|la) (memoire|these|expose|devoir|formation|cours|association|asso|brigade|service|equipe|classe|stage)\b",
        r"\b(prevention du suicide|journee mondiale|campagne de prevention|statistiques?|chiffres sur|sensibilisation)\b",
        r"\b(il y a|depuis|ca fait) (\d+|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|vingt|quelques|plusieurs|des) (ans|annees|mois)\b.{0,100}\b(fini|finie|termine|derriere moi|reconstruite?|va (beaucoup |bien |tellement )?mieux|vais (beaucoup |bien |tellement )?mieux|vais bien|va bien|arrete|sortie?|fiere?|gueri|guerie|plus jamais|(bien |tres bien )?recupere|(bien )?remise?|retablie?)\b",
        r"^enfant,? (j'ai|je|on)\b|\bj'ai fait une therapie\b|\b(nouvel|dernier) album\b",
        r"\b(j'ai arrete de|c'est derriere moi|je me suis reconstruite?|ca va mieux maintenant|il va mieux|elle va mieux|je suis partie il y a|quand j'etais (petite?|enfant|ado|adolescente?|jeune|gamine?|gosse)|adolescente? je)\b",
        r"^(prof|professeure?|infirmiere?|medecin|educatrice?|educateur|assistante? sociale?|gendarme|policiere?|enseignante?|animatrice?|animateur|cpe|directrice?|directeur|aide soignante?|travailleuse sociale|travailleur social|pharmacienne?|sage femme|puericultrice)\b",
        r"\b(un|une) (eleve|patient|patiente|beneficiaire|usager|usagere|jeune|stagiaire) (nous|me|m') (confie|dit|a dit|a confie|raconte|a raconte)\b",
        # Someone who works or volunteers with the public, asking how to direct a person.
        r"\b(je travaille|je suis benevole|je fais du benevolat|nous accueillons|on accueille|j'accueille)\b.{0,80}\bcomment (orienter|accompagner|accueillir|reagir|repondre|conseiller)\b",
        # An animal is the victim (« le chat de ma voisine se fait frapper »): no crisis of Relais.
        r"\b(chat|chatte|chaton|chats|chien|chienne|chiot|chiens|lapin|cheval|poney|animal|animaux|oiseau)\b (\w+ ){0,4}(se fait|se font|s'est fait|s'est faite|a ete|ont ete) (frapp\w*|batt\w*|maltrait\w*|tap\w*|martyris\w*|empoisonn\w*|lapid\w*|tortur\w*)",
        r"\b(fausse alerte|c'etait juste|c'etait rien|rien de grave)\b",
        r"\b(avant|pour|a cause de) (mon|un|l'|le|mon prochain) (entretien|examen|oral|rendez vous|exam|concours|permis)\b",
        r"\baccident (du travail|de travail|domestique)\b",
        r"\b(formation|psc1|secourisme|premiers secours|gestes qui sauvent|savoir quoi faire si|apprendre a)\b",
        r"\b(quiz|en quelle annee|celebre|chanteur|chanteuse|acteur|actrice|ecrivain)\b",
        # An animal or a plant that is ill or dying (not "j'ai donné mon chien et mes affaires").
        r"\b(mes|ma|mon|une de mes|un de mes|nos|notre|le|la|les) (poules?|chats?|chiens?|lapins?|oiseaux?|poissons?|chevres?|moutons?|vaches?|cochons?|hamsters?|abeilles?|plantes?|tomates?|salades?) (\w+ ){0,3}(ne respire|respire|est morte?|sont morte?s|meurt|meurent|malade|a mange|a avale|vomit|saigne|boite|a du mal)",
        r"\b(salle des profs|pour l'afficher|une affiche|un flyer|des flyers|le panneau d'affichage)\b",
        r"\b(medecin|docteur|pharmacien|pharmacienne) m'a (ajoute|prescrit|donne|change|augmente)\b",
        r"\bc'est fini depuis\b|\bdepuis (19|20)\d\d\b",
        r"\b(heureusement personne|personne n'a ete blesse|personne n'est blesse|c'est regle|tout est rentre dans l'ordre|c'est fini maintenant)\b",
        r"\b(exercice|alarme|simulation) (incendie|d'evacuation)\b",
        r"\b(doudou|peluche|oreiller|en jouant|pour rire|bataille d'oreillers|pistolet a eau)\b",
        r"\b(cet ete|l'hiver dernier|l'annee derniere|l'an dernier|l'ete dernier|hier a la tele)\b",
        r"\b(il y a|ca fait) (\d+|deux|trois|quatre|cinq|six|sept|huit|dix|quelques|plusieurs) (ans|annees|mois) (on a eu|j'ai eu|nous avons eu|il y a eu|on avait eu)\b",
        r"\b(juste|pour) (savoir|etre pret|etre prete) au cas ou\b|\bau cas ou (ca|cela) (arrive|arriverait)\b",
        # Games where bruises and « kills » are the point; a text on a syllabus; training others.
        r"\b(paintball|laser ?game|airsoft|aux echecs|partie d'echecs|theatre|je joue (un|une) (role|personnage|\w+ (battue?|violente?)))\b",
        r"\bau programme (de|du|des)\b|\b(dissertation|commentaire de texte|fiche de lecture|une bonne analyse)\b",
        r"\bje forme (des|les)\b|\b(une|des|la) fiches? (sur|pour) (le |la |l'|les )?(reperage|prevention|detection|signes)\b",
        r"\b(conduite a tenir|que faire|quoi faire) en cas (de|d')|\b(l'afficher|le mettre sur (le|un) panneau|panneau (de|d') (l'asso|l'association|la mairie|l'ecole))\b",
        # Hypotheticals and prevention: « si un jour un ami me dit… », « en cas d'incendie »,
        # « un atelier de prévention des violences », « sensibiliser les jeunes ».
        r"\bsi un jour (un|une|quelqu'un|mon|ma|un de mes|une de mes) (\w+ ){0,3}(me dit|me parle|me confie|m'ecrit)\b|\bsavoir avant que (ca|cela) (n')?arrive\b|\b(que|qu'est ce qu'il) faut (il )?faire si on\b|\bque faire si on\b",
        r"\ben cas (d'incendie|de feu|d'inondation|de fuite|d'odeur|de crue|de tempete|de malaise|d'accident|de coupure|de canicule|d'alerte)\b",
        r"\b(prevention|atelier|sensibiliser|sensibilisation|formation|intervenants?) (\w+ )?(de la |des |du |de l'|aux |sur les |sur la |contre les )?(violences?|suicide|harcelement|noyades?|incendies?|risques?|addictions?)\b",
        r"\b(president|presidente|responsable|animatrice|animateur) (d'un|d'une|du|de la) (club|association|asso|equipe|mjc|centre)\b",
        # Bereaved, or past and since recovered, sober, followed.
        # A grief is a risk of its own: only a bereaved asking for a group or living with it.
        r"\b(endeuille\w*|groupe de deuil)\b|\b(s'est suicide\w*|est decede\w*) (\w+ ){0,3}il y a (\d+|deux|trois|quatre|cinq|six|sept|huit|dix|quelques|plusieurs) (ans|annees)\b(?=.{0,80}\b(je vis avec|va mieux|vais mieux|groupe|association|asso)\b)",
        r"\b(est|suis|sont) (bien |tres bien |completement |totalement )?(retablie?s?|guerie?s?|sortie?s? d'affaire|hors de danger)\b|\b(il|elle) a repris (le|la|les|son|sa) (velo|sport|travail|boulot|marche|course)\b",
        r"\b(il|elle|ils|elles|et|qui) (va|vont|se porte|se portent) (tres|tout a fait|super|parfaitement) bien\b|\b(il|elle) en a (maintenant |aujourd'hui )?\d+\b",
        r"\b(sains? et saufs?|saine et sauve|saines et sauves)\b|\b(quitte|parti|partie|divorce|divorcee|separee?) (\w+ ){0,3}en (19|20)\d\d\b",
        r"\bca fait (\d+|deux|trois|quatre|cinq|six|sept|huit|dix|quinze) (ans|annees) que (je suis|j'suis) (clean|sobre|abstinente?)\b|\b(clean|sobre|abstinente?) depuis\b|\bj'ai fait (une|un) (overdose|od|surdose) a (1[0-9]|[2-9]\d) ans\b",
        # Recovered since: « il s'en est remis », « maintenant elle a 25 ans et va très bien ».
        r"\b(s'en est|s'en sont) (bien |tres bien |completement )?remise?s?\b",
        r"\b(maintenant|aujourd'hui),? (il|elle|ils|elles) (a|ont) \d+ ans\b|\b(il|elle) va (tres |vraiment )?bien (maintenant|aujourd'hui)\b|\b(maintenant|aujourd'hui),? (il|elle) va (tres |vraiment )?bien\b",
))
# The writer's own present, which a distance word never overrules.
RECENT = re.compile(
    r"\b(je veux(?! (juste |simplement |seulement )?(savoir|comprendre|apprendre|l'apprendre|dire que|vous dire que|etre (pret|prete|prepare|preparee|informee?|formee?)|faire remonter|le faire remonter|signaler|le signaler|l'afficher|le mettre|les mettre|faire une (doleance|reclamation)|que (ca|cela) change))(?! pas\b)|"
    r"j'ai envie|je vais (?!bien|mieux|tres bien)|je pense a|ce soir|en ce moment|"
    # « Depuis j'ai peur des guirlandes »: a fear left by a past episode, not a danger now.
    r"aidez moi|aide moi|au secours|urgent|il me frappe|il me bat|(?<!depuis )j'ai peur|(?<!ne )(?<!eviter que ca )(?<!eviter que cela )recommence(?! pas| plus)|"
    r"je n'en peux plus|a l'aide(?! (sociale|a domicile|alimentaire|medicale|juridictionnelle|personnalisee|au logement|de|du|des|d')))\b"
)

PLAN_PATTERNS = _regexes((
        r"\b(medicaments?|medocs?|cachets?|pilules?|comprimes?|somniferes?)\b",
        r"\b(corde|pont|voie ferree|train|fusil|arme|pistolet|balle|lame|couteau|rasoir|gaz|falaise|fenetre|balcon|toit)\b",
        r"\b(ce soir|cette nuit|demain matin|tout a l'heure|maintenant|dans une heure|aujourd'hui)\b.{0,30}\b(le faire|passer a l'acte|en finir|c'est decide|je le fais)",
        r"\b(tout (est )?prevu|tout (est )?pret|j'ai (tout )?prepare|c'est decide|ma decision est prise|j'ai choisi (le jour|la date|l'endroit)|la date est fixee)\b",
        r"\b(j'ai (deja )?(pris|pri|prit|avale)|je viens de (prendre|avaler))\b",
        # The car's exhaust in a closed garage, a method looked up (persona round 103).
        r"\b(voiture|moteur|bagnole)\b.{0,50}\bgarage (ferme|clos)\b|\bgarage (ferme|clos)\b.{0,50}\b(voiture|moteur|bagnole)\b"
        r"|\b(gaz|pot|tuyau) d'echappement\b"
        r"|\b(j'ai )?(regarde|cherche|lu|calcule) combien de temps (ca|il) (prend|faut|met)\b(?! (pour|a|avant) (le|la|les|l'|un|une|obtenir|avoir|recevoir|toucher))"
        r"|\bj'ai (reflechi|pense|deja pense) a comment( (faire|le faire|m'y prendre|en finir|partir))?$",
        # A farewell letter written (« j'ai écrit une lettre pour elle, je la laisse sur la table »).
        r"\b(j'ai|je lui ai|je leur ai) (deja )?(ecrit|laisse|prepare) (une |des |ma |mes )?(lettres?|mots? d'adieu|message d'adieu)\b"
        r"|\b(lettres?|mots?) d'adieu\b|\bdire adieu\b",
))

# Pills already taken (« j'ai déjà pris quelques cachets », « g avalé la boîte »): inside a
# suicide or self-harm conversation, a medical emergency first.
_PILLS_TAKEN = re.compile(
    r"\b(j'ai|je viens d'|je viens de|vient d'|vient de) ?(deja |tout )?(avale|avaler|pris|pri|prit|prendre|gobe|gober)\b"
    r" (\w+ ){0,3}(medicaments?|medocs?|cachets?|pilules?|comprimes?|somniferes?|boites?|plaquettes?|tubes?|doliprane|paracetamol|xanax|lexomil|stilnox)\b"
    r"(?!.{0,30}\b(comme ((d'|de )hab|(d'|de )habitude|prevu|prescrit|tous les jours)|prescrits?|du matin|du soir)\b)")


def tells_pills_taken(text: str | None) -> bool:
    return any(_PILLS_TAKEN.search(t) for t in variants(text or ""))


@dataclass(frozen=True)
class SafetyAssessment:
    """What the lexicons say of a message. `is_crisis`: a crisis pattern matched (certain);
    `concern`: only a softer cue did; `kind` is the crisis kind of either."""

    is_crisis: bool
    kind: str | None = None
    lookalike: bool = False
    concern: bool = False
    # An idiom about a thing (« en finir avec la voiture »): only a sure classifier overrules it.
    firm_lookalike: bool = False
    # Fiction, a professional, a past that is over (`_at_a_distance`, `tells_an_episode_over`):
    # a sure model may still ask, never call it certain.
    distant: bool = False


def _first_kind(patterns: KindPatterns, texts: tuple[str, ...]) -> str | None:
    for text in texts:
        for kind, pattern, _ in patterns:
            if pattern.search(text):
                return kind
    for text in {single_letters(t) for t in texts}:
        for kind, _, spelling_blind in patterns:
            if spelling_blind.search(text):
                return kind
    return None


# Carbon monoxide, for the crisis dialogue's first reply (relais/crisis_dialogue.py); the
# lexicon's MEDICAL pattern of the same symptoms detects the crisis itself.
_CARBON_MONOXIDE = re.compile(
    r"\b(moteur|voiture|bagnole)\b.{0,60}\bgarage\b.{0,100}\b(mal a la tete|maux de tete|vomi\w*|nausee\w*|malaise|somnolen\w*|endormi\w*)"
    r"|\b(monoxyde|intoxication au co)\b|\b(barbecue|brasero|charbon|groupe electrogene|poele|chauffage d'appoint|petrole)\b"
    r".{0,120}\b(mal a la tete|maux de tete|vomi\w*|nausee\w*|vertiges?|tete qui tourne|somnolen\w*|endormi\w*|malaise)"
    r"|\b(mal a la tete|maux de tete|vomi\w*|nausee\w*|vertiges?|tete qui tourne|somnolen\w*)\b.{0,120}"
    r"\b(barbecue|brasero|charbon|groupe electrogene|poele|chauffage d'appoint|petrole)\b")


# A smell or a leak of gas, without fire or smoke (those are the fire brigade's first).
_GAS_LEAK = re.compile(r"\b(odeur de gaz|sent (\w+ ){0,2}le gaz|fuite de gaz|fuite (\w+ ){0,2}gaz|gaz (\w+ ){0,2}(fuit|s'echappe))\b")
_FIRE_OR_SMOKE = re.compile(r"\b(feu|flammes?|fumee|brule|incendie|explos\w*)\b")


def speaks_of_a_gas_leak(text: str | None) -> bool:
    """A gas leak or smell told, with no fire or smoke."""
    words = normalise(text or "")
    return bool(_GAS_LEAK.search(words)) and not _FIRE_OR_SMOKE.search(words)


def speaks_of_carbon_monoxide(text: str | None) -> bool:
    """Symptoms beside a fire indoors, or carbon monoxide named."""
    return bool(_CARBON_MONOXIDE.search(normalise(text or "")))


# Signs of poisoning told after a fire indoors was, a message or more before (persona round 102:
# « je l'ai allumé dans la cuisine, porte fermée… un peu mal à la tête », then « mal au cœur, la
# tête qui tourne, je vais m'allonger dans la cuisine » got cooking tips and « au moindre doute,
# le 15 »; the carbon monoxide alert came with the third message).
# A heater burning indoors by nature (« le poêle », not « la poêle » of the kitchen), or a fire
# meant for outdoors told inside (review: « un groupe électrogène dans le jardin » is none).
_FIRE_INDOORS = re.compile(
    r"^(?!.*\b(dehors|jardin|exterieur|terrasse|balcon|la cour)\b).*"
    r"(\b(?<!la )(?<!une )(?<!ma )(?<!sa )(?<!sans )(?<!ta )(?<!grande )(?<!petite )poele|\bchauffage d'appoint|\b(chauffage|radiateur) (a|au) (petrole|gaz|fioul)|\bpetrole|\brechaud|\binsert"
    r"|\bgaziniere|\bfour (porte )?ouvert|\bcheminee|\bbarbecue|\bbrasero|\bcharbon|\bgroupe electrogene|\bgenerateur|\bbraises?)\b")
# Signs of poisoning, not negated (« j'ai plus mal à la tête »); drowsiness and confusion too,
# not « confuse avec ces papiers ».
_POISONING_SIGNS = re.compile(
    r"(?<!plus )(?<!pas de )\b(mal (a la|de) tete|maux de tete|migraine|nausee\w*|envie de vomir|mal au coeur|vomi\w*|vertiges?|"
    r"tete qui tourne|la tete me tourne|somnolen\w*|envie de dormir|endormie?s?(?! (comme|vite|tot|devant))|tres fatiguee?s?|"
    r"confuse?s?(?! (avec|par|sur|de|dans))|malaise)\b")
# The messages before the latest that may tell the fire.
FIRE_CONTEXT_MESSAGES = 4


def carbon_monoxide_in_context(text: str | None, earlier: tuple[str, ...]) -> bool:
    """Signs of carbon monoxide poisoning in the message, and a heater or a fire indoors told in
    it or in the `earlier` messages (the latest last)."""
    words = normalise(text or "")
    if not _POISONING_SIGNS.search(words):
        return False
    told = (words, *(normalise(t) for t in earlier[-FIRE_CONTEXT_MESSAGES:]))
    return any(_FIRE_INDOORS.search(t) for t in told)


# Done with a thing of daily life: « je veux en finir avec la voiture », « en finir avec le fioul ».
_CHILDCARE = re.compile(r"\b(faire garder|(me )?garder (mon|ma|mes) (fils|fille|filles|enfants?|bebe|petit|petite|petits|gamin|gamine)|"
                        r"garde d'enfants?|mode de garde|solution de garde|nounou|assistante maternelle|baby ?sitt\w*|creche|"
                        r"centre de loisirs|periscolaire|qui peut (le |la |les )?garder)\b")
_DONE_WITH_A_THING = re.compile(
    r"\ben finir avec (la|le|les|ce|cette|ces|mon|ma|mes|l') ?(\w+ )?(voiture|bagnole|caisse|fioul|gaz|chaudiere|"
    r"credits?|dettes?|factures?|decouvert|loyer|paperasse|cartons?|travaux|chantier|dossier|demenagement|plastique|"
    r"gaspillage|routine|clopes?|cigarettes?|tabac|alcool|sucre|viande|chauffage|electricite|abonnements?|"
    r"embouteillages?|bouchons|trajets?|essence|diesel|gasoil|supermarche|pesticides?|desherbant|pelouse)\b"
    # The end of the month is money (« plus rien pour finir le mois »), and not wanting to leave
    # is staying at home (« il a froid et il veut pas partir »): the models read an end or a
    # departure in them.
    r"|\b(finir|terminer|boucler|tenir) (le|ce|la fin du) mois\b"
    r"|\b(il|elle|ils|elles|mon pere|ma mere) (ne )?(veut|veux|veulent|voulait|voulaient) (pas|plus) (partir|quitter)\b"
    r"|\brefuse\w* de (partir|quitter (sa|la|son) (maison|logement|appart\w*))\b"
    # A gas supply cut is no gas leak, a leak under the sink no flood: without a smell, water
    # rising or a socket, the models' danger gives way (« pu de gaz, c'est coupé dans la rue »).
    r"|\b(plus|pu|pas|coupure) de gaz\b(?!.*\b(odeur|sent|senti|sens|fuite|fuit|explos\w*|malaise|vertige)\b)"
    r"|\bfuite d'eau\b(?!.*\b(monte|montee|inond\w*|prises?|electri\w*|plafond|courant)\b)"
    # Sealing a home against the cold is a chore, often the step of a check-in (« j'ai calfeutré
    # la porte d'entrée »); both models read a danger behind a door at 0.98 and 0.64 on one
    # training. Sealing a door against smoke or water rising is the danger itself: it stays theirs.
    r"|^(?!.*\b(feu|flammes?|fumee|incendie|brule\w*|eau|inond\w*|crue|gaz|odeur|quelqu'un|il|elle|ils)\b)"
    r".*\b(j'ai|on a|je vais|on va|je dois|il faut) (bien )?(calfeutre\w*|colmate\w*|isole\w* (la|les|ma|mes|notre|nos) "
    r"(porte|portes|fenetres?|baies?)|bouche\w* les (fentes|trous|interstices)|pose\w* (un|des) (boudins?|joints?|coupe froid|bas de porte))\b"
    # A neighbour's noise or looks is a nuisance, told as such (« ma voisine me saoule, elle met
    # sa musique à fond ») — DIET read violence at 0.996 and the classifier a medical emergency
    # at 0.63 (blind doléance set B, 2026-12-04). A threat, a blow, a weapon, fear: it stays theirs.
    r"|^(?!.*\b(frapp\w*|coups?|tape\w*|menac\w*|couteau|arme|tuer|tue|violen\w*|agress\w*|peur|insult\w*|harcel\w*"
    r"|crie sur (moi|mes)|pousse\w*|bless\w*|sang|police|17)\b)"
    r".*\b(voisin|voisine|voisins|voisines)\b.*\b(saoul\w*|soul\w*|musique|bruit\w*|tapage|fete\w*|aboi\w*|regarde de travers"
    r"|fait la gueule|enerv\w*|agac\w*|casse les pieds|gonfl\w*)\b"
    # A planned cut of water or power is a chore to organise (« l'eau est coupée jusqu'à jeudi
    # pour des travaux, comment je fais avec deux petits ? »): DIET read self-harm at 0.55.
    r"|^(?!.*\b(mourir|mort|suicid\w*|en finir|fievre|malade|respire|malaise|bebe (ne|n'))\b)"
    r".*\b(eau|courant|electricite|gaz)\b.{0,20}\b(coupe\w*|coupure)\b.*\b(travaux|jusqu'a (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir)|annoncee?|prevue?|programmee?)\b"
    # Tap water of an odd colour is a service to report (« l'eau du robinet est marron depuis
    # ce matin »): a persona round got the crisis question. Someone ill from it stays theirs.
    r"|^(?!.*\b(malade|malades|vomi\w*|diarrhee\w*|fievre|mal au ventre|intoxi\w*|empoison\w*|bu|bue|boire|avale|bebe|brulure\w*|boutons)\b)"
    r"(?!.*\b(toit|grenier|etage|inond\w*|crue|partout|submerg\w*|coince\w*|monte\w*)\b)"
    r".*\b(robinet|eau courante|eau qui (sort|coule))\b.{0,40}\b(marron|jaune|brune?|trouble|rouille|rouillee|orange|orangee|noire|noiratre|boueuse)\b"
    # Going to bed until tomorrow is a goodnight: « bon je vais dormir, à demain ».
    r"|\b(je vais|on va|je vais aller|je file) (dormir|me coucher|au lit)\b.*\b(a demain|bonne nuit|demain matin)\b"
    # Sorting one's papers as a plan with a day or an office is a chore, often a goal (« ranger
    # mes papiers samedi », « trier mes papiers de la caf »); the models read putting one's
    # affairs in order. Without a day or an office, or with words of an end, it stays theirs.
    r"|^(?!.*\b(apres|disparai\w*|disparaitre|partir|partirai|adieu|fini|finir|fin|testament|lettres?|"
    r"pour de bon|derniere fois|mourir|mort|morte|plus la|en ordre)\b)"
    r".*\b(ranger|trier|classer) (\w+ ){0,2}(papiers|documents|dossiers)\b.*\b(samedi|dimanche|lundi|mardi|mercredi|jeudi|"
    r"vendredi|ce week end|ce weekend|demain|cette semaine|la semaine prochaine|de la caf|des impots|administratifs|"
    r"de la banque|du boulot|du travail|de la maison)\b")


# A child's own words passed on (not a scene of a series seen yesterday).
_CONFIDED = re.compile(r"\b(m'a|m'ont|nous a|lui a) (dit|confie|ecrit|raconte|montre|avoue|revele)\b")
_LATELY = re.compile(r"\b(hier|avant hier|ce matin|ce soir|cette nuit|cette semaine|tout a l'heure|m'a dit|m'a confie|m'a ecrit|vient de|m'a envoye)\b")


def assess(text: str | None) -> SafetyAssessment:
    """Tell whether a citizen's message is a crisis, a concern to ask about, or a look-alike."""
    texts = variants(text or "")
    if _at_a_distance(texts):
        # A volunteer or a professional telling what someone said lately (« un monsieur
        # qu'on suit m'a dit hier qu'il préférerait ne plus se réveiller »): someone else at
        # risk, asked about, never silenced by the distance of the writer. So too a teacher told
        # by a pupil lately what happens at home (« une élève m'a confié que son beau-père… »):
        # a child in danger, asked about.
        plain = _without_idioms(texts)
        reported = _first_kind(CRISIS_PATTERNS, plain)
        whose = _whose(reported, plain) if reported is not None else None
        told = _LATELY if whose == OTHER_AT_RISK else _CONFIDED
        if whose in (OTHER_AT_RISK, CHILD) and any(told.search(t) for t in texts):
            return SafetyAssessment(is_crisis=False, kind=whose, concern=True, distant=True)
        return SafetyAssessment(is_crisis=False, lookalike=True, distant=True)
    lookalike = any(pattern.search(t) for t in texts for pattern in LOOKALIKE_PATTERNS + IDIOMS)
    firm = any(_DONE_WITH_A_THING.search(t) or _A_WISH_FOR_THE_PLACE.search(t) for t in texts)
    not_a_person = not_about_a_person(texts)
    lookalike = lookalike or not_a_person
    texts = _without_idioms(texts)
    kind = _first_kind(CRISIS_PATTERNS, texts)
    if kind in _EPISODE_KINDS and tells_an_episode_over(text):
        return SafetyAssessment(is_crisis=False, lookalike=True, distant=True)
    if kind == MEDICAL and _only_the_weather(texts):
        # « Il fait 40 degrés dehors, j'ai mal à la tête, comment rafraîchir l'appartement ? »
        # (persona round 99: a woman of 79 got the bystander's script, « restez avec la
        # personne… massage cardiaque », four turns long): the weather, told by the one who
        # feels it, is the heat illness answer's (actions/heat_illness.py), not a fever of 40.
        return SafetyAssessment(is_crisis=False, lookalike=True)
    if kind == SELF_HARM and tells_self_harm_long_ago(text):
        # « Il y a 10 ans je me scarifiais, j'ai des cicatrices : le laser est remboursé ? »: a
        # question, gently, not the numbers and a priority case.
        return SafetyAssessment(is_crisis=False, kind=SELF_HARM, concern=True, distant=True)
    if kind is not None and not (kind == MEDICAL and (not_a_person or _only_food(texts))) and not (
            kind == VIOLENCE and not_a_person and not _threat_to_the_writer(texts)):
        return SafetyAssessment(is_crisis=True, kind=_whose(kind, texts))
    concern = _first_kind(CONCERN_PATTERNS, texts)
    return SafetyAssessment(is_crisis=False, kind=concern, lookalike=lookalike,
                            concern=concern is not None, firm_lookalike=firm and concern is None)


# Heat, gardens, plants, animals, engines, the economy: the words of a medical emergency ("40
# degrés", "malaise", "ne respire plus", "chauffe") said of something that is not a person. With
# no person in the message (PERSON_CUES), such a message is no medical crisis, from a pattern
# or from the model: "40 degrés annoncés, comment protéger mon potager ?", "le malaise de
# l'économie", "ma voiture chauffe". A person keeps it one: "il fait 40 degrés et mon grand-père
# est confus".
NOT_A_PERSON_PATTERNS = _regexes((
        r"\b(canicule|vague de chaleur|episode de chaleur|pic de chaleur|meteo|a l'ombre)\b",

        r"\b(3[5-9]|4[0-9]|5[0-9]) ?(degres|°c?)\b (\w+ ){0,2}(annonces?|prevus?|attendus?|dehors|cette semaine|ce week end|demain|cet ete)\b",
        r"\b(annonce\w*|prevu\w*|attendu\w*|il fait|il fera|il faisait|il va faire|jusqu'a|monte a|montera a) (\w+ ){0,2}(3[5-9]|4[0-9]|5[0-9]) ?(degres|°)",
        r"\b(potager|jardin|plants?|plantes?|semis|tomates?|salades?|courgettes?|arbres?|fruitiers?|(une|la|ma|sous|en) serre|pelouse|gazon|fleurs?|recoltes?|verger|vigne|cultures?)\b",
        r"\b(poules?|poulets?|chiens?|chats?|lapins?|vaches?|veaux?|brebis|moutons?|chevres?|cochons?|betes|betail|troupeaux?|chevaux|cheval|animaux|abeilles?|ruches?)\b",
        r"\b(voiture|moteur|scooter|moto|camion|tracteur|batterie|onduleur|chaudiere|frigo|congelateur|ordinateur|ordi|telephone|box|radiateur|pompe) (\w+ ){0,3}(chauffe|surchauffe|brulant|brulante|bouillant)\w*",
        r"\b(qui chauffe|surchauffe)\b",
        # « le groupe électrogène s'étouffe », « la flamme du poêle meurt »: an engine or a fire.
        r"\b(groupe electrogene|generateur|moteur|poele|insert|cheminee|flammes?|braises?|feu|tondeuse|tronconneuse|debroussailleuse|chaudiere|carburateur|bruleur)\b (\w+ ){0,4}(s'etouffe|etouffe|meurt|respire mal|ne respire plus|cale|tousse)\b",
        r"\bmalaise (de l'|de la|du|des|dans l'|dans la|dans le|social|economique|agricole|paysan|politique)",
        r"\b(economie|secteur|marche|entreprise|commerce|exploitation|bourse|filiere|agriculture|chiffre d'affaires|village|pays) (\w+ ){0,3}(malaise|ne respire plus|respire plus|asphyxi\w*|arret cardiaque|agonise|a l'agonie|en reanimation|sous perfusion)",
))
# A person in the message, possibly in danger: someone named, or a state of the body said by
# the writer or of "il"/"elle" (not "il fait", "il faut", "il y a").
PERSON_CUES = _regexes((
        rf"\b(mon|ma|mes|notre|nos|son|sa|ses|le|la|les|un|une|du|de la|leur) (\w+ )?({_CLOSE}|{_CHILD}|grand pere|grand mere|papi|papy|mamie|mami|personne agee|personnes agees|personne|homme|femme|dame|monsieur|passant|passante|bebe)s?\b",
        r"\b(quelqu'un|qqn|un homme|une femme|une personne|quelqu'une|gens|victimes?|blesses?|blessees?|conducteur|conductrice|passagere?s?|pietone?s?|cycliste|motard|randonneur|randonneuse|nageur|nageuse|jardinier|jardiniere|agriculteur|agricultrice|eleveur|eleveuse|paysan|paysanne|ouvriers?|ouvrieres?|vieille?s?|vieux|personnes?|pompiers?)\b",
        # A body in pain is a person: « une douleur dans la poitrine qui serre » is no greenhouse.
        r"\b(poitrine|thorax|bras gauche|machoire|mon coeur|ma tete|mes jambes|mon ventre|j'ai (une |des )?douleurs?)\b",
        # A deep wound that bleeds on (« je me suis coupée trop profond, le sang ne s'arrête pas »),
        # whatever the garden; a cut finger that bleeds is the models' to weigh.
        r"\b(je me suis (\w+ )?(coupee?|entaillee?|ouverte?) (\w+ ){0,2}(trop |tres )?profond\w*|le sang (ne s'arrete|s'arrete) pas)\b",
        r"\b(je me sens|je suis (tres |vraiment |super )?(mal|faible|brulante?|confuse?|etourdie?|en sueur|deshydratee?|a bout)|j'ai (\w+ )?(mal|de la fievre|des vertiges|la tete qui tourne|du mal a respirer|plus de force|vomi)|je (respire|transpire|vomi\w*|tremble|tombe|saigne|delire|m'evanouis)\b)",
        r"\b(il|elle)(?! (ne |n')?(fait|fera|faisait|pleut|faut|y a|va faire|annonce|parait|reste))(?: \w+)? (est|a|ne|n'|se|s'|respire|transpire|vomi\w*|delire|tremble|tombe|saigne)\b",
))


# « Il va me crever », « ils veulent nous buter »: a threat aimed at the writer stays violence
# whatever else the message speaks of; « mon potager va crever » is a garden.
_THREAT_TO_THE_WRITER = re.compile(
    r"\b(me|nous|m')\s?(buter|defoncer|massacrer|crever|saigner|egorger|planter|tuer|frapper|etrangler)\b")


def _threat_to_the_writer(texts: tuple[str, ...]) -> bool:
    return any(_THREAT_TO_THE_WRITER.search(t) for t in texts)


# Food after a power cut (« la viande hachée est encore froide mais toute molle », persona round
# 93: the SAMU's reply and a priority case): with no person in the message, no medical
# emergency. Not beside violence (« il m'a poussé contre le frigo »).
_FOOD = re.compile(
    r"\b(viande|viande hachee|steak|steaks|poisson|poissons|poulet|surgeles?|congele\w*|decongel\w*|recongel\w*|"
    r"bolognaise|sauce|beurre|fromage|yaourts?|gateau)\b")


# The weather's temperature (« il fait 40 », « 40 degrés dehors », « 41 degrés dans l'appart »),
# which the fever pattern of 40 degrés would read as a body's.
_WEATHER_TEMPERATURE = re.compile(
    r"\b((il|ca) fait (40|41|42)( degres)?(?! (de fievre|degres de fievre|de temperature))|(40|41|42) degres (dehors|a l'ombre|a l'interieur|dans (l'appart\w*|la maison|le logement|"
    r"la chambre|le studio|mon \w+|ma \w+)|chez moi|a la maison|sous les toits|au soleil|annonces|prevus|aujourd'hui|demain|"
    r"toute la semaine))\b")


def _only_the_weather(texts: tuple[str, ...]) -> bool:
    """A medical pattern read only in the weather's temperature, and no one else's body."""
    if not any(_WEATHER_TEMPERATURE.search(t) for t in texts) or any(_NOT_OWN_BODY.search(t) for t in texts):
        return False
    # The weather stays heat (« canicule ») for the heatstroke patterns; only its number goes.
    return _first_kind(CRISIS_PATTERNS, tuple(_WEATHER_TEMPERATURE.sub(" canicule ", t) for t in texts)) is None


def _only_food(texts: tuple[str, ...]) -> bool:
    return any(_FOOD.search(t) for t in texts) and not any(pattern.search(t) for t in texts for pattern in PERSON_CUES)


def not_about_a_person(texts: tuple[str, ...]) -> bool:
    """Heat, a garden, an animal, an engine or the economy, and no person in the message."""
    return (any(pattern.search(t) for t in texts for pattern in NOT_A_PERSON_PATTERNS)
            and not any(pattern.search(t) for t in texts for pattern in PERSON_CUES))


def speaks_of_a_person(text: str | None) -> bool:
    return any(pattern.search(t) for t in variants(text or "") for pattern in PERSON_CUES)


# Someone else is spoken of: the writer's suicide or self-harm patterns are theirs.
_THIRD_PERSON = re.compile(
    r"\b(un|une|ce|cette|le|la) (monsieur|dame|homme|femme|personne|jeune|beneficiaire|usager|usagere|patient|patiente|client|cliente|eleve|resident|residente) (\w+ ){0,4}qui (a|avait|pense|pensait|parle|parlait|dit|disait|veut|voulait|a dit)\b|"
    rf"\b((mon|ma|mes|notre|son|sa|un|une) (\w+ )?{_CLOSE}s? (\w+ ){{0,4}}(dit|a dit|a di|m'a dit|m'a ecrit|m'a envoye|a envoye|a laisse|a ecrit|a poste|a publie|publie|poste|parle|pense|veut|voulait|va|allait|cherche|s'est|se|a avale|a pris|a donne|repete)\b|(il|elle) (\w+ )?(dit|a dit|a di|m'a dit|m'a ecrit|a ecrit|a poste|a publie|publie|poste|parle|pense|pensait|veut|voulait|voudrait|allait|avait|a avale|a pris|cherche|repete)\b|(qu'il|qu'elle) (veut|voulait|va|allait|pensait|avait))"
)
_FIRST_PERSON = re.compile(rf"\b({_FIRST_PERSON_WISH}|je me (coupe|scarifie|fais du mal)|j'ai envie de mourir)")


# Birds and insects that « attack » a sandwich or a picnic.
_BEASTS = r"(mouette|goeland|pigeon|oie|jars|cygne|guepe|frelon|moustique)"

# Words of a trip or a leave, and no word of a farewell after them: an absence, not an end.
_AWAY = r"vacances|je pars (chez|en|a|au|pour)|deplacement|conges|en stage|en cure|demenag\w*"
_NO_FAREWELL_AFTER = r"(?!.*\b(adieu|pour toujours|pour de bon|definitivement|lettre|mourir|mort|en finir|fin de tout)\b)"


# Idioms whose words are a crisis's and whose meaning is not: blanked out of the message before
# the crisis and concern patterns read it ("le budget carburant m'étrangle", "mon portable est
# tombé dans l'eau", "me descendre en flammes", "adieu veau, vache, cochon").
IDIOMS = _regexes((
        # What Relais wrongly believed, blanked so that the rest is read alone (« le dossier
        # ouvert quand vous avez cru que je voulais mettre fin à mes jours », « pas moi qui veux
        # en finir »; persona round 98: a second priority case for a man asking to close the
        # first). « Je ne suis pas suicidaire mais j'aimerais mourir » keeps its second half.
        r"\b(vous avez cru|vous croyez|vous pensez|vous pensiez|vous avez pense|vous avez compris|vous imaginez|on a cru|vous aviez cru) "
        r"que (je|j') ?(voulais|veux|voudrais|allais|pensais a) (me tuer|mourir|me suicider|mettre fin a mes jours|en finir)\b",
        r"\b(pas moi qui|ce n'est pas moi qui|c'est pas moi qui) (veux|voulais|vais) (en finir|mourir|me tuer|mettre fin a mes jours)\b",
        r"\bje (ne )?suis (pas|absolument pas|pas du tout) suicidaire\b",
        # Money one wants to be done with: « en finir avec mes dettes une bonne fois pour toutes ».
        r"\ben finir (une bonne fois pour toutes |une fois pour toutes )?avec (mes|les|ces|nos|mon|ce|cette) (dettes?|credits?|decouverts?|factures?|impayes|agios|problemes d'argent|frais bancaires)\b",
        r"\b(budget|facture|factures|loyer|dettes?|credits?|impots?|charges|prix|fin de mois|fins de mois|banque|carburant|essence|taxes?|traites?|mensualites?)\b (\w+ ){0,3}(m'etrangle\w*|m'etouffe\w*|me tue\w*|m'achev\w*|me saigne\w*|m'asphyxi\w*)",
        r"\b(portable|telephone|tel|cles?|sac|velo|montre|ballon|casquette|doudou) (\w+ ){0,3}(tombee?s?|tombe) (dans|a) (l'eau|la riviere|le canal|la mer|le lac)",
        r"\bdescendre en flammes\b|\bdescendu en flammes\b",
        # « J'étouffe dans ce bureau sans clim, au-dessus de 35 degrés » : the heat of a room.
        r"\b(j'etouffe|on etouffe|ca etouffe|on crève|on creve) (dans|ici|au|a la|avec|sous) (\w+ ){0,3}(bureau|appart\w*|salle|atelier|chantier|classe|chaleur|canicule|clim|voiture|bus|train|metro|pieces?|maison)\b",
        # The bank or the landlord « va me pendre »: scolded for money (persona round 15 got the
        # suicide question). A partner, a parent or a boss who will kill the writer stays theirs.
        r"\b(mon|ma|le|la|les|mes) (banquier|banquiere|banque|conseiller bancaire|conseillere bancaire|comptable|"
        r"percepteur|fisc|impots|proprio|proprietaire|bailleur|prof|professeur|maitresse|instit) (\w+ )?"
        r"(va|vont|allait|allaient|risque de) me (pendre|tuer|massacrer|etrangler|achever|fusiller|egorger)\b",
        r"\badieu veau\b",
        r"\b(courgettes|tomates|plantes|plants|salades|semis|fleurs|poules|rosiers) se (suicident|suicide|tuent|laissent mourir)\b",
        r"\bje (le|la|l') ?(etouffe|tue|bute|etrangle|egorge|massacre) ([\w']+ ){0,5}(mdr|lol|haha|ptdr|hihi)\b",
        r"\b(va|vais) me tuer quand (il|elle|ils|elles) (verra|verront|saura|sauront|apprendra|decouvrira|rentrera)\b",
        r"\b(mis|mise|met|donne|colle|file) une (raclee|pile|branlee|lecon|tannee|deculottee) (au|aux|a la|en)\b",
        r"\bcrise cardiaque (devant|en voyant|en lisant|a cause de|avec) (ma|la|le|mon|les|mes|cette|ce)\b",
        r"\betouffe\w* (de|d') ?(stress|chaleur|rire|colere|rage|jalousie)\b",
        r"\b(du|un|une sorte de) suicide (commercial|politique|economique|social|financier|electoral|professionnel)\b",
        r"\b(failli|manque de|de quoi|va|allait) (me |lui |nous )?(donner|faire|filer|provoquer) (une )?crise cardiaque\b",
        r"\b(detecteur|alarme) (de fumee|incendie|de monoxyde|co) (\w+ ){0,3}(hurle|sonne|bippe|bipe|bip)\b.{0,60}\b(pile|batterie|des que|quand|chaque fois|cuisine|crepes|toasts?|douche)\b",
        r"\b(me|se|te) pendre (\w+ )?au cou\b",
        r"\b(mourir|mourrir|meurs|meurt|morte?) (de|d') ?(joie|bonheur|plaisir|rire|amour)\b",
        r"\b(me|se) (tape|tapent|taper|cogne|cogner) (\w+ ){0,2}la tete contre les murs (avec|a cause|pour|a chaque)\b",
        r"\b(veut|veux|voudrait|voudrais|souhaite) mourir (chez (lui|elle|moi|soi|nous)|dans (sa|son|ma|mon) (maison|lit)|a la maison|en paix|dignement)\b",
        # A scolding to come (« ma mère va me tuer si je rentre tard »), not a partner's threat
        # against leaving him or telling (« il va me tuer si je pars »).
        r"\b(va|vais|allait) me tuer\b.{0,20}\b(j'ai (oublie|casse|perdu|rate|raye|depense|mange|bu|mis|laisse|fini|vide|brule|explose|pris)|si (je|j') "
        r"(?!(pars|partais|le quitte|la quitte|quitte|m'en vais|m'en allais|parle|porte plainte|appelle|previens|le dis|dis|m'enfuis|fuis)\b))",
        # Smothered by clutter or by work, not by smoke or water.
        r"\b(me sens|se sent|suis|est) (\w+ )?etouffee?s? (par|sous) (?!(la |les |le |une |de la |des )?(fumee|gaz|chaleur|monoxyde|odeur|vapeurs?|eau|boue|gravats|decombres|neige|coussin|oreiller)\b)",
        r"\bje vais (le|la|les|te|vous) tuer\b.{0,20}\b(s'il|si elle|si il|si tu|si vous|quand)\b",
        r"\bagresse\w* par (les|des) (moustiques|guepes|pucerons|frelons|mouches|tiques|puces|punaises)\b",
        r"\b(enfermee?s?|coincee?s?|bloquee?s?) (a|dans) la maison\b",
        r"\bla mort dans l'ame\b",
        r"\b(mourir|mort|morte|meurs|meurt) socialement\b|\bmort sociale\b",
        # A pet that « va me tuer » for its food; a crossing that « est une tuerie »; « à mourir »
        # as an intensifier; the « reste à vivre » of a budget; a bird that « agresse ».
        r"\b(mon|ma|le|la|mes|les) (chat|chatte|chaton|chats|chien|chienne|chiot|chiens|lapin|perroquet|hamster|cochon d'inde) (\w+ )?(va|vont|allait|allaient) me (tuer|rendre fou|rendre folle|achever)\b",
        r"\b(c'est|est|etait|c'etait) une (vraie |veritable )?tuerie\b",
        r"\b(pue|puent|chiant|chiante|ennuyeux|ennuyeuse|triste|beau|belle|bete|long|longue|moche|laid|laide|cher|chere|m'ennuie|s'ennuie) a mourir\b",
        r"\breste a vivre\b",
        r"\b(me|se|te|nous) noi\w* (dans|sous) (la|le|les|mes|mon|ma|des|du|un|une) (paperasse|papiers|travail|boulot|dossiers?|factures|dettes|mails|emails|demarches|taches|problemes|chiffres|devoirs|courriers)\b",
        r"\b(feu|flamme) (\w+ ){0,3}(s'eteint|ne prend pas|prend mal|tire mal)\b",
        r"\bje vais tuer (mon|ma) (frere|soeur|fils|fille|mari|femme|coloc|colocataire|copain|copine|chat|chien|voisin|voisine) (\w+ ){0,6}(il|elle) a (mange|bu|fini|pris|casse|perdu|oublie|mis|vide|laisse|raye)\b",
        r"\b(fait|faire|fais) mes adieux (aux|a mes) (collegues|eleves|clients|patients|voisins|collegues de travail)\b",
        r"\b(plants?|plantes?|salades?|tomates?|semis|legumes|rosiers|courgettes|fleurs) se noient\b",
        r"\b(joue|jouent|jouer) a (faire )?(la morte|le mort|la mort)\b",
        r"\btirs? de (mine|mines|barrage)\b|\bball trap\b",
        # More denials: « aucune idée de me faire du mal », « pas d'idées noires », « personne ne
        # me frappe », « je ne me scarifie pas », « pas de fuite ni d'odeur », « j'ai dit non ».
        r"\b(aucune?|pas d'|pas l'|jamais eu d') ?(idees?|envie|intention|pensees?) (noires?|suicidaires?|de (me faire (du )?mal|me tuer|mourir|me suicider)|d'en finir)\b",
        r"\b(n'ai |ai )?jamais (pense|songe|eu envie de|voulu) (a |au |de |d')?(me (tuer|suicider|faire (du )?mal)|suicide|en finir|mourir)\b",
        r"\bdemande\w* si (j'avais|je pensais|j'ai) (des idees (suicidaires|noires)|au suicide|a me faire du mal)\b.{0,20}\b(j'ai (dit|repondu) non|non)\b",
        r"\bpersonne ne me (frappe|bat|touche|menace|fait de mal)\b",
        r"\bje ne me (scarifie|coupe|mutile|brule) (pas|plus|jamais)\b",
        r"\b(pas de|aucune) (fuite|odeur)( ni (de |d')?(fuite|odeur))?\b|\bpas (d'incendie|de feu|de blesse) chez (moi|nous)\b",
        rf"\bagresse\w* par (un|une) {_BEASTS}\b|\b(un|une|le|la|des|les) {_BEASTS}s? (m'a|m'ont|nous a|nous ont) (agresse|attaque|pique)\w*",
        r"\bme pendre (\w+ )?au (telephone|tel|bras|cou)\b",
        r"\bme suis brule\w* (\w+ ){0,3}en (sortant|cuisinant|repassant|faisant|prenant|touchant|ouvrant)\b",
        # Away for a trip or a leave (« la semaine prochaine je ne serai pas là, on reprend
        # lundi ? »), with no word of a farewell: the models read a disappearance.
        rf"\bne serai (plus|pas) la\b{_NO_FAREWELL_AFTER}"
        rf"(?=.{{0,80}}\b({_AWAY}|on reprend|reprendre|decaler|reporter|a mon retour|je reviens|je rentre|a l'hopital pour)\b)",
        rf"\b({_AWAY})\b.{{0,80}}\bne serai (plus|pas) la\b{_NO_FAREWELL_AFTER}",
        rf"\bne serai (plus|pas) (joignable|disponible|connectee?)\b{_NO_FAREWELL_AFTER}",
        rf"\b(c'est )?mon dernier message\b{_NO_FAREWELL_AFTER}(?=.{{0,80}}\b({_AWAY}|avant (un|une|deux|trois|quinze|\d+|la rentree|mon retour))\b)",
        rf"\b(je m'en vais|je pars|partir|m'en aller) pour (de bon|toujours)\b{_NO_FAREWELL_AFTER}(?=.{{0,80}}\b({_AWAY})\b)",
        rf"\b({_AWAY})\b.{{0,80}}\b(je m'en vais|je pars|partir|m'en aller) pour (de bon|toujours)\b{_NO_FAREWELL_AFTER}",
        r"\b(sauter|saute|sautons) le pas\b",
        r"\b(frappe|frapper|cogne|taper) dans (le|un) sac\b|\bboxe\b",
        r"\bcorde (d'escalade|pour l'escalade|a linge|a sauter)\b|\bescalade\b",
        r"\bla tete sous l'eau\b",
        r"\ba se taper la tete contre les murs\b|\bde quoi se (taper|cogner) la tete contre les murs\b",
        r"\b(me|se|te|nous) (jeter|jette|ruer|rue) sur (le|la|les|un|une|mon|ma|ses|mes|l')\b",
        r"\b(coeur|sang) (\w+ ){0,2}(s'arrete|ne fait qu'un tour|se glace)\b.{0,40}\b(facture|prix|montant|note|addition|releve|compte)\b",
        r"\b(j'en ai|on en a) fini avec (mes|les|nos|ce|cette|mon|ma)\b",
        r"\b(bruler|brule|bruleras?) (les|des|mes|ces) (plants?|feuilles|branches|herbes|tailles|dechets verts|papiers)\b",
        r"\b(detecteur|alarme) (de fumee|incendie) (\w+ ){0,3}(bippe|bipe|sonne) (\w+ ){0,6}(pile|batterie)\b",
        r"\b(moteur|tondeuse|chaudiere|ampoule|telephone|batterie|cocotte) (\w+ ){0,4}(explose|exploser|a explose)\b",
        r"\b(me|se|te|nous|vous) (jeter|jette|lancer|lance) a l'eau\b",
        # Denials: "je ne pense pas du tout à me faire du mal", "il ne m'a jamais frappée".
        r"\b(je )?(ne |n')?(pense|veux|vais|compte|songe|ai envie|ai pense|ai jamais pense) (pas|jamais|absolument pas|pas du tout|surtout pas)( du tout)? (a |de |d')?(me (faire (du )?mal|tuer|suicider|blesser|couper|foutre en l'air)|mourir|en finir|mettre fin a mes jours)\b",
        r"\b(pas|jamais|aucunement|absolument pas) (du tout )?(suicidaire|en danger)\b",
        r"\b(non )*pas (du tout )?(me faire (du )?mal|me tuer|mourir|me suicider|au suicide|en finir)\b",
        r"\b(il|elle) (n'est|est) (pas|jamais) (du tout )?violente?\b|\bpas violente? (du tout)?\b",
        r"\b(je )?(ne )?pense (pas|jamais|pas du tout) (du tout )?au suicide\b|\bpas moi qui (suis|veux|pense)\b( \w+){0,3}",
        r"\b(ne )?(m'a|m'ont) jamais (touchee?|frappee?|menacee?|battue?|violee?)( ni (touchee?|frappee?|menacee?|battue?|violee?))*\b",
        r"\b(se|me|te|nous|vous) tuer? a la tache\b|\btue a la tache\b",
        r"\b(morte?s?|meurs|meurt|mourir|creve\w*) (de|d') ?(rire|faim|soif|chaud|froid|ennui|envie|impatience|fatigue|honte|peur)\b",
        r"\bva me tuer si (je|j') (\w+ ){0,3}(en )?retard\b",
        r"\b(plafond|mur|toit|pont|marche|bourse|monde|systeme|tout) (\w+ ){0,2}s'(est )?(effondre|effondree|ecroule|ecroulee)\b",
        # Money that strangles, ears that a generator "kills", a wood fire to cook on, a dish
        # flambéed without setting the kitchen on fire, a bump on a table, a question about
        # the signs of a poisoning: the words of a crisis, none of its present.
        r"\b(m'etrangle\w*|m'etouffe\w*|m'asphyxi\w*|me saigne\w*|me tue\w*) (\w+ )?financierement\b",
        r"\b(me|se|te) flinguer (les|le|la|mes|ses|tes) (oreilles|dos|genoux|yeux|sante|foie|estomac|poumons|budget|moral|vue)\b",
        r"\bau feu de bois\b",
        r"\bsans (mettre|foutre) le feu\b",
        r"\b(s'est|(?<!que je )me suis|se sont) cogne\w* (la tete |le genou |le bras |le pied |le front )?(contre|sur|dans) (la|le|une|un|l') (table|porte|meuble|lit|coin|chaise|placard|marche|etagere)\b",
        r"\b(quels sont|quels seraient|c'est quoi|comment reconnaitre|a quoi on reconnait) (les )?(signes|symptomes) (d'une|d'un|de l'|du|de la|de) (\w+ ){0,4}",
))


def without_idioms(text: str | None) -> str:
    """The normalised message with its known idioms blanked ("je meurs de faim", "sauter le
    pas"): what the crisis classifier reads, as the lexicon does, for it learnt words, not
    figures of speech."""
    return _without_idioms(variants(text or ""))[0]


def _without_idioms(texts: tuple[str, ...]) -> tuple[str, ...]:
    blanked = []
    for text in texts:
        for pattern in IDIOMS:
            text = pattern.sub(" ", text)
        blanked.append(re.sub(r"\s+", " ", text).strip())
    return tuple(blanked)


# An overdose or a poison already taken: the SAMU first, whatever the intent.
_ALREADY_TAKEN = re.compile(
    r"\b(j'ai|je viens d'|je viens de|il a|elle a|vient d') ?(avale|pris|pri|prit|bu|ingere|gobe)\b.{0,60}\b(y a|il y a|depuis|tout a l'heure|ce soir|cette nuit|vient de|minutes?|heures?|\d+ ?min)\b"
    r"|\b(je viens|il vient|elle vient) (de|d') (prendre|avaler|boire|gober)\b"
)

# An overdose taken and the body failing now (« il est tout bleu »): the 15 first.
_OVERDOSE_NOW = re.compile(
    r"\b(overdose|surdose)\b.{0,60}\b(tout bleu|toute bleue|bleu|bleue|inconsciente?|ne respire|respire mal|ne repond plus|ne se reveille)")

# Too many pills taken by mistake (« 20 doliprane par erreur pour une rage de dents »).
_BY_MISTAKE = re.compile(r"\b(pris|avale|avalee|bu|donne) .{0,60}\b(par erreur|par accident|sans faire expres|par megarde|en croyant que|en pensant que)\b")


# « Il veut me tuer avec son arme »: someone else wants the writer dead, which is violence, not
# the writer's own wish (« je veux me tuer »).
_SOMEONE_WANTS_ME_DEAD = re.compile(
    r"\b(il|elle|ils|elles|on|mon (?!(chef|patron|boss|prof|manager|collegue)\b)\w+|ma (?!(cheffe|patronne|prof|collegue)\b)\w+) "
    r"(\w+ ){0,2}(veut|veux|veulent|va|vont|voulait|menace de|a menace de|essaie de|a essaye de) (me|nous) (tuer|buter|crever)\b")
_MY_OWN_WISH = re.compile(r"\b(je|moi je|j') (veux|vais|voudrais|pense a|ai envie de) (me tuer|mourir|me suicider|en finir|disparaitre)\b")


def _whose(kind: str, texts: tuple[str, ...]) -> str:
    if kind == SUICIDE and any(_ALREADY_TAKEN.search(t) for t in texts) and any(PLAN_PATTERNS[0].search(t) for t in texts):
        return MEDICAL
    if kind == SUICIDE and any(_SOMEONE_WANTS_ME_DEAD.search(t) for t in texts) \
            and not any(_MY_OWN_WISH.search(t) for t in texts):
        return VIOLENCE
    if kind == SUICIDE and any(_OVERDOSE_NOW.search(t) or _BY_MISTAKE.search(t) for t in texts):
        return MEDICAL
    if kind not in (SUICIDE, SELF_HARM):
        return kind
    if any(_REPORTED_WISH.search(t) for t in texts):
        return OTHER_AT_RISK
    third = any(_THIRD_PERSON.search(t) for t in texts)
    first = any(_FIRST_PERSON.search(t) for t in texts)
    return OTHER_AT_RISK if third and not first else kind


# Someone's words quoted (« mon fils de 15 ans m'a dit laisse-moi tranquille, je veux juste dormir
# pour toujours », persona round 92: the suicide reply spoken to his mother). Not « il m'a dit
# de me calmer, je veux mourir »: words told to the writer, then the writer's own.
_REPORTED_WISH = re.compile(
    r"\b(il|elle|mon fils|ma fille|mon ado|mon frere|ma soeur|mon mari|ma femme|mon pere|ma mere|mon ami|mon amie|mon copain|ma copine)"
    r" (m'a|nous a|lui a|a) (dit|ecrit|repondu|lache|crie|envoye)(?! (de|d'|que|qu'|a|au))\b"
    r"(?!.{0,80}\b(et moi|moi aussi|moi je|du coup je|alors je)\b).{0,80}\b(je veux|je voudrais|j'ai envie|j'en ai marre|je vais)\b")


# A medical emergency or a danger told as an episode that is over, usually to complain of a
# service (« samedi dernier ma fille a fait un malaise et l'ambulance a mis une heure », « le
# mois dernier un incendie dans la cage d'escalier, on voudrait des extincteurs »): a blind
# doléance set got a certain medical emergency, and a case paged to the team, for a fever of
# last Sunday. Only these two kinds: violence, suicide and a child told in the past are kept,
# because they go on. A word of the present keeps the episode theirs (« depuis », « encore »).
_OVER_EPISODE = re.compile(
    r"\b((lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la semaine|le mois|le week end|le weekend|l'hiver|"
    r"l'ete|l'automne|le printemps|l'annee|l'an|la nuit) (dernier|derniere|passe|passee)|l'autre (jour|soir|nuit|semaine)|"
    r"(?<!ne )(?<!nee )(?<!nes )(?<!nees )(il y a|ca fait) ((\d+|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|quelques|plusieurs) (jours|semaines|mois|ans)|(un|une) (an|annee|semaine|mois))|"
    r"\b(a fait|a eu|avait fait|avait eu) (\w+ ){0,3}en (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b(?! prochain)|"
    r"^en (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?! prochain)(?=.{0,80}\b(a fait|a eu|avait|s'est|a ete|ont|a mis)\b)|"
    # « C'était une fuite de gaz. Pour l'assurance… » (persona round 91: the gas alarm again).
    r"\b(c'etait|c etait) (une |un )?(fuite|incendie|feu|debut d'incendie|inondation|degat des eaux)\b(?=.{0,120}\b(assurance|assureur|declaration|constat|indemnis\w*|reparation|degats|franchise)\b))\b")
_STILL_NOW = re.compile(
    r"\b(encore|toujours|maintenant|en ce moment|actuellement|aujourd'hui|ce matin|ce soir|cette nuit|tout de suite|"
    r"depuis|vient de|viens de|venons de|est en train|ne respire|respire (plus|mal|pas)|inconscient\w*|saigne\w*|"
    r"(a|ont|fait|font|j'ai) (\w+ ){0,2}(fievre|de temperature))\b")
_EPISODE_KINDS = frozenset({MEDICAL, DANGER})


def tells_an_episode_over(text: str | None) -> bool:
    """A medical or danger episode told as past and over, with nothing of the present."""
    texts = variants(text or "")
    return (any(_OVER_EPISODE.search(t) for t in texts)
            and not any(_STILL_NOW.search(t) or RECENT.search(t) for t in texts))


# Self-harm in the imperfect, years ago (« il y a 10 ans je me scarifiais », « ado, je me
# coupais »), with nothing of late: a concern, not a certain crisis.
_SELF_HARM_LONG_AGO = re.compile(
    r"\b(il y a|ca fait) (\d+|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|vingt|plusieurs|des) (ans|annees)\b"
    r"|\b(quand j'etais|a l'epoque ou j'etais|plus jeune|a l'adolescence|ado|au lycee|au college)\b")
_SELF_HARM_IMPERFECT = re.compile(r"\bje me (scarifiais|coupais|mutilais|faisais du mal|brulais|griffais|tapais)\b")
_SELF_HARM_AGAIN = re.compile(r"\b(recommence\w*|de nouveau|a nouveau|envie de recommencer|rechute\w*|ca revient|hier|ce soir|cette nuit|ce matin|en ce moment)\b")


def tells_self_harm_long_ago(text: str | None) -> bool:
    """Self-harm told in the imperfect, years ago, and nothing that says it came back."""
    texts = variants(text or "")
    return any(_SELF_HARM_LONG_AGO.search(t) and _SELF_HARM_IMPERFECT.search(t) for t in texts) \
        and not any(_SELF_HARM_AGAIN.search(t) for t in texts)


def _at_a_distance(texts: tuple[str, ...]) -> bool:
    """Fiction, news, study, a professional, a past that is over, and nothing of the present."""
    distant = any(pattern.search(t) for t in texts for pattern in DISTANCE_PATTERNS)
    return distant and not any(RECENT.search(t) for t in texts)


def describes_plan(text: str | None) -> bool:
    """Inside a crisis: does the message describe a plan, a means or an act under way?"""
    return any(pattern.search(t) for t in variants(text or "") for pattern in PLAN_PATTERNS)


CERTAIN = "certain"
QUESTION = "question"

_KIND_HINTS = _compile((
    (OTHER_AT_RISK, rf"\b(mon|ma|mes|notre|un|une) (\w+ )?{_CLOSE}\b.{{0,60}}\b(se |s')"),
    (CHILD, rf"\b{_CHILD}\b"),
    (VIOLENCE, r"\b(frapp|cogn|battu|viol|coups|menac|agress|insult|mari|conjoint|compagnon|mon ex)\w*"),
    (SELF_HARM, r"\b(couper|coupure|bruler|brulure|cicatrice|lame|sang)\w*"),
    (MEDICAL, r"\b(respir|malaise|douleur|saign|fievre|evanou|coeur|poitrine|medecin|samu)\w*"),
    (DANGER, r"\b(feu|fumee|gaz|incendie|eau monte|inond|arme|couteau|intrus)\w*"),
))


@dataclass(frozen=True)
class Triage:
    """What a message is, for the crisis dialogue: tier CERTAIN (the numbers at once and a
    case), QUESTION (ask first) or None, and the crisis kind."""

    tier: str | None = None
    kind: str | None = None


# The model alone asks only about a message with at least one word of danger or distress: a
# message about politics or anger without any of them is not worth a question about suicide.
RISK_WORDS = re.compile(
    r"\b(mort|morte|mourir|meurs|meurt|crever|creve|vivre|vie|en finir|la fin|tuer|tue|suicid\w*|sang|saign\w*|"
    r"bless\w*|mal|peur|danger|dangereu\w*|urgen\w*|secours|aide moi|aidez moi|seule?|disparai\w*|partir|adieu|"
    r"force|bout|coups?|frapp\w*|cogn\w*|viol\w*|menac\w*|battu\w*|feu|fumee|gaz|eau|respir\w*|malaise|"
    r"douleur|coeur|poitrine|fievre|avale|cachets?|medic\w*|pilules?|corde|pont|sauter|coupe\w*|brul\w*|lame|"
    r"secou\w*|vomi\w*|maltrait\w*|gifl\w*|inconscien\w*|oblige\w*|forcee?|papiers|surveill\w*|interdit\w*|controle\w*|enferme\w*|enfant|enfants|bebe|noir|noires|vide|craque\w*|tenir|tiens|plus rien|arreter|lacher|sombre|detresse|"
    # Finality and farewell, the words of indirect ideation.
    r"adieux?|fardeau|peau|couteau|arme|pret|prete|terre|ce monde|derniere fois|dernier message|"
    r"lendemain|pour toujours|raison|testament|nouvelles|plus parler|plus entendre|jamais|reveiller|dormir)\b"
)


# A child named is a word of distress for the other kinds (« des lettres à mes enfants pour
# qu'ils aient un souvenir de moi »); for a child in danger, the kind itself, it counts only
# beside a sign of neglect or harm (« mon bébé ne mange plus depuis 2 jours », not « je suis
# au RSA avec 1 enfant », read 0.6 child).
_CHILD_WORDS = re.compile(r"(enfant|enfants|bebe)")
_CHILD_NEGLECT = re.compile(
    r"\b(seule?s?|dehors|nuit|faim|affamee?s?|mange(nt)? (plus|pas|rien)|hurle\w*|bleus?|marques?|"
    r"voiture|abandonne\w*|enferme\w*|personne (ne )?(vient|s'en occupe|repond)|depuis (hier|\d+ (jours?|heures?|h)))\b")
# Words of everyday sadness: beside low mood DIET is sure of they are no risk indicator (« je
# suis seule depuis le décès de mon mari », « je dors mal »); « tout est noir », « un fardeau »,
# « plus la force » are.
_LOW_MOOD_WORDS = frozenset({"seul", "seule", "mal", "peur", "dormir", "jamais", "partir", "vie", "tenir", "tiens"})
# The household's use of tap water in a cut or a contamination: no body's danger.
_WATER_USE = re.compile(r"\b(vaisselle|lave vaisselle|robinet|potable|bouillir|bouilli|lessive|laver|toilette|douche|bain|brosser|"
                        r"chasse d'eau|arroser|bouteilles? d'eau|packs? d'eau)\b")
# Words of despair only: no sign of a child's, a body's or a place's danger.
_MOOD_ONLY_WORDS = frozenset({"noir", "noires", "vide", "tenir", "tiens", "sombre", "plus rien", "lacher", "arreter",
                              "raison", "nouvelles", "lendemain", "pret", "prete", "dormir", "reveiller"})
# A child who writes their age (not « j'ai 15 ans de métier »).
_MINOR_WRITER = re.compile(r"\b(j'ai|moi j'ai) (1[0-7]|[6-9]) ans\b(?! (de|d'))")


_ME_THE_CHILD = re.compile(r"\b(c'est moi l'enfant|je suis l'enfant|l'enfant c'est moi|c'est moi qui (a|ai) (1[0-7]|[6-9]) ans)\b")
# A pupil says their class (« je suis au lycée en 1ère », « moi je suis en 3e »), not « en
# première ligne » or « en première année » of higher studies.
_PUPIL = re.compile(
    r"\bje suis (encore )?(au (lycee|college)( pro| general)? )?en (seconde|2nde|premiere|1ere|terminale|troisieme|3e|3eme|quatrieme|4e|4eme|"
    r"cinquieme|5e|5eme|sixieme|6e|6eme)\b"
    r"(?! (mois|semaines?|position|main|ligne|annee|jour|fois|rang|place|de|d'|sur|classe d'|de (bts|licence|master|fac|medecine))\b)"
    r"|\bje suis (lyceen|lyceenne|collegien|collegienne)\b|\bje suis encore au (lycee|college)\b")


def writes_as_minor(text: str | None) -> bool:
    """The writer says they are the child (« j'ai 16 ans », « c'est moi l'enfant », « je suis
    au lycée »)."""
    return any(_MINOR_WRITER.search(t) or _ME_THE_CHILD.search(t) or _PUPIL.search(t) for t in variants(text or ""))


# Where the writer is at school, said with an age (« j'ai 16 ans, je suis au lycée »).
_SCHOOL_SAID = re.compile(r"\b(je suis|moi) (encore )?au (lycee|college)( pro| general)?\b")


def _only_introduces(text: str) -> bool:
    """« J'ai 16 ans, je suis au lycée »: an age and a class, nothing told of a home (persona
    round 104's harness: a boy's introduction got « un enfant est-il en danger ? »)."""
    rest = _SCHOOL_SAID.sub(" ", _PUPIL.sub(" ", _MINOR_WRITER.sub(" ", text)))
    return len(re.findall(r"\w+", rest)) < 3


def minor_in_conversation(text: str | None, earlier: tuple[str, ...]) -> bool:
    """The writer said, now or earlier in the conversation, that they are under 18 or a pupil:
    violence at home is then a child's, answered with the 119 (persona round 104)."""
    return any(writes_as_minor(t) for t in (*earlier, text or ""))


# « J'ai du mal à lire les messages, les lettres sont petites » (persona round 101: a woman of
# 69 asking for a phone call got the self-harm question): « du mal à » says a difficulty, and
# its « mal » is no hurt, before a practical task only (review: « du mal à me lever, plus goût à
# rien » stays a word of risk); « du mal à vivre », « à respirer » and harm done stay risks.
_DIFFICULTY = re.compile(
    r"\b(du|de|autant de|tant de|tellement de|beaucoup de|bien du) mal (a|pour) (lire|comprendre|payer|remplir|ecrire|trouver|"
    r"joindre|marcher|porter|monter|descendre|entendre|voir|suivre|boucler|finir|m'organiser|utiliser|me servir|me deplacer|"
    r"conduire|taper|retenir|me souvenir|y arriver avec|faire (les|mes|le|la|ma|mon) (courses|papiers|demarches|comptes|budget))\b")


_PRACTICAL_ONLY_WORDS = frozenset({"eau", "bebe", "biberon"})


def _risk_words(text: str | None, kind: str | None, low_mood: bool = False) -> bool:
    for t in variants(text or ""):
        difficulties = [m.span() for m in _DIFFICULTY.finditer(t)]
        for match in RISK_WORDS.finditer(t):
            word = match.group(0)
            if word == "mal" and any(start <= match.start() < end for start, end in difficulties):
                continue
            if kind == CHILD and _CHILD_WORDS.fullmatch(word) and not _CHILD_NEGLECT.search(t):
                continue
            if kind == OTHER_AT_RISK and _CHILD_WORDS.fullmatch(word):
                # « Comment dire à mes enfants que j'ai perdu mon boulot ? »: children named are
                # a farewell's sign in the writer's own crisis, not someone else's danger.
                continue
            if kind == MEDICAL and word == "eau" and _WATER_USE.search(t):
                # « La vaisselle avec l'eau non potable, je peux ? » (persona round 105: the
                # medical question twice to a mother during a water contamination).
                continue
            if kind in (SUICIDE, SELF_HARM) and word in _PRACTICAL_ONLY_WORDS:
                # « Je peux donner de l'eau minérale au bébé ? » read as suicide by the models
                # (persona round 110: asked whether she wanted to die): water and a baby are
                # an emergency's words, not despair's.
                continue
            if kind in _SPECIFIC_KINDS and word in _MOOD_ONLY_WORDS:
                # « Des taches noires au plafond de la chambre des petits »: black is a word of
                # despair, not of a child's or a body's danger.
                continue
            if low_mood and word in _LOW_MOOD_WORDS:
                continue
            return True
    return False


# A medical emergency or an immediate danger the model is sure of (with a word of danger) is
# certain without a pattern: for these, a question first would cost minutes.
ACUTE_MODEL_KINDS = frozenset({MEDICAL, DANGER})
ACUTE_MODEL_CONFIDENCE = 0.9


# The crisis classifier (relais/crisis_classifier.py): from CLASSIFIER_QUESTION on it is a
# signal of its own; below CLASSIFIER_VETO it overrules DIET's crisis guess (DIET reads a crisis
# among fifty intents and fires on words; the classifier was fitted on crises against their
# look-alikes), and a lexicon hit it finds calm while DIET does too is asked, not certain.
CLASSIFIER_QUESTION = 0.5
CLASSIFIER_VETO = 0.1
# Both models agree (or the classifier is this sure): no word of the danger list is needed, nor
# is a look-alike pattern the last word. Misspelt, starred or coded words (« s*icider », « m'a
# v!olée », « j'ai recommencé la sc4rif ») are what the lists miss.
CLASSIFIER_SURE = 0.85
# DIET and the classifier both this sure of the same kind: certain.
MODELS_CERTAIN = 0.9
# DIET this sure, with the classifier's signal, overrules a look-alike pattern.
DIET_SURE = 0.95
# DIET at least this sure, with the classifier's signal, needs no word of danger: below it,
# two unsure models agree on everyday words (« j'ai calfeutré la porte d'entrée »).
DIET_AGREES = 0.8
# With DIET at DIET_AGREES, the classifier at least this sure: two models agree, no word of
# danger needed. Below it, everyday words two unsure models share (« mon mari est diabétique »,
# DIET violence 0.87 and the classifier 0.55) were asked about. Chosen on the corpora A–E and
# conversation sets A–D, already tuned on (the crises the two agree on there read 0.61 and
# more); coercion without a word of danger (« il me prend mes papiers ») passes by its words.
CLASSIFIER_AGREES = 0.58
# DIET this sure of low mood: the classifier alone needs CLASSIFIER_SURE to ask.
DIET_LOW_MOOD_SURE = 0.9


DECISIONS = re.compile(r"\bsauter le pas\b|\b(me|se|te) reconvertir\b|\b(ma|sa|une) reconversion\b")


# Laughter and a wink: "je vais tuer mon frère, il a fini le pain 😂". They never overrule a
# crisis pattern or a concern ("mdr nan srx jai envie de crever" stays certain), only the models,
# which read the words and not the tone. Not "jpp" (j'en peux plus) nor "💀", which a person in
# distress writes too.
_HUMOUR = re.compile(
    "(\U0001F602|\U0001F923|\U0001F605|\U0001F606|\U0001F639|\U0001F643|\U0001F644|\U0001F61C"
    "|\U0001F61D|\U0001F601|\U0001F604|\U0001F609)"
    r"|\b(mdr+|ptdr+|lol|xd|ha(ha)+|hi(hi)+|je rigole|pour rire|rassurez vous)\b|\(non\)"
)


_SERIOUS = re.compile(r"\b(srx|serieux|serieuse|serieusement|pas une blague|sans rire|je rigole pas|je plaisante pas)\b")


# The writer says all is well in the same message ("il a une bosse mais il joue normalement",
# "super soirée", "personne n'a été touché"): the models' crisis words are then a story told,
# not a danger. Not "ça va mieux", which is also how relief after self-harm is told.
_REASSURED = re.compile(
    r"\b(mais (ca|tout) va( bien)?|je vais bien|tout va bien|(il|elle|on) va bien|rien de grave|"
    r"rien de mechant|ca passe tout seul|plus de peur que de mal|personne n'a ete (touche|blesse)|"
    r"(il|elle) est bien (arrive|arrivee)|on a bien ri|super soiree|(elle|il) est (trop )?(fiere?|ravie?)|"
    r"ca ne fait pas mal|ca fait pas mal|(il|elle) joue (\w+ )?normalement|(il|elle) (joue|mange|boit) (et|bien et) (joue|mange|boit) (bien|normalement))\b"
)


# The writer says they are in no danger, beside words of exhaustion.
# Not « je suis pas suicidaire, j'ai juste envie de disparaître » (a review's probe): a denial
# beside the words of ideation stays asked about.
_DENIES_DANGER = re.compile(
    r"^(?!.*\b(disparaitre|mourir|en finir|plus envie|me tuer|plus la force|s'arrete|s'arreter|arreter|tout arreter|poids|fardeau|"
    r"charge pour|sens|a quoi bon|sauter|dormir pour toujours|reveiller|plus la)\b).*"
    r"\b(je (ne )?suis pas en danger|pas en danger (hein|rassurez vous|je vous rassure))\b")


def reassures(text: str | None) -> bool:
    """The writer says, in the message itself, that all is well."""
    return bool(text) and any(_REASSURED.search(t) for t in variants(text))


def jokes(text: str | None) -> bool:
    """Laughter or a wink in the message (an emoji, "mdr", "(non)")."""
    if not text:
        return False
    return bool(_HUMOUR.search(text)) or any(_HUMOUR.search(t) for t in variants(text))


# A child's, a body's or a place's danger: its own number (119, 15, 112) that the models'
# "someone else at risk" or "violence" would lose.
_SPECIFIC_KINDS = frozenset({CHILD, MEDICAL, DANGER})


def _agreed_kind(text: str | None, lexicon_kind: str | None, model_kind: str | None,
                 reading: CrisisReading | None) -> str | None:
    """The lexicon's kind, unless both models agree on another whose words are there: "mon
    pote est sur le toit et veut sauter" is someone else at risk, "je me frappe quand je
    craque" self-harm, whatever pattern matched first. Never away from a child, a medical
    emergency or an immediate danger."""
    if lexicon_kind == OTHER_AT_RISK and model_kind == DANGER:
        # « Ma voisine de 84 ans n'ouvre plus depuis 2 jours, il fait -5 » (persona round 92):
        # someone else at risk, never the writer's « êtes-vous à l'abri ? ».
        return lexicon_kind
    if (lexicon_kind not in _SPECIFIC_KINDS and reading is not None and model_kind is not None
            and reading.kind == model_kind
            and reading.probability >= CLASSIFIER_QUESTION and plausible_model_kind(text, model_kind)):
        # Whose wish it is decides between the writer's and someone else's, as for a pattern:
        # « il dit qu'on serait mieux sans lui » stays someone else at risk.
        return _whose(model_kind, _without_idioms(variants(text or "")))
    return lexicon_kind


def tells_witnessed_violence(text: str | None) -> bool:
    """The writer saw or heard violence against someone else, now: not a crisis of their
    own, not a film or a story (« dans le film le père frappe son fils »)."""
    if not witnesses_violence(text):
        return False
    assessment = assess(text)
    return not assessment.is_crisis and not assessment.distant


# The body's symptoms or its treatment, told by the writer, without a word of wanting to die.
_BODY_SYMPTOMS = re.compile(
    r"\b(envie de vomir|vomi\w*|nausee\w*|mal au coeur|vertiges?|tete qui tourne|la tete me tourne|"
    r"mal (a la tete|au crane|au ventre|a la poitrine|au thorax)|fievre|diarrhee|malaise|j'ai (tres |trop )?chaud|"
    r"coup de chaleur|insolation|essouffle\w*|palpitations?)\b")
# A treatment named for an illness, and its supply (« mon traitement pour le cœur, ma boîte finit
# la semaine prochaine, le pharmacien peut me les apporter ? »).
_TREATMENT = re.compile(r"\b((cachets?|comprimes?|medicaments?|traitement|pilules?) (\w+ ){0,2}pour (le|la|l'|mon|ma|les|mes) ?"
                        r"(coeur|tension|diabete|thyroide|asthme|cholesterol|epilepsie|sucre)|furosemide|lasilix|diuretiques?|insuline|"
                        r"metformine|stagid|glucophage|levothyrox|"
                        r"amlodipine|ramipril|perindopril|bisoprolol|aldactone|spironolactone|antihypertenseurs?|"
                        r"anticoagulants?|xarelto|eliquis|previscan|kardegic)\b")
_SUPPLY = re.compile(r"\b(pharmac\w*|ordonnance|renouvel\w*|livr\w*|apport\w*|boite|stock|rupture|continuer|je continue|"
                     r"(je )?(les|le) prends|les prendre|chaleur)\b")


# Someone else's body (« mon bébé a de la diarrhée », « mon mari est essoufflé »), or something
# swallowed (« j'ai bu de la javel »): not the writer's own symptoms.
_NOT_OWN_BODY = re.compile(
    r"\b(mon|ma|mes|son|sa|ses|notre|nos|le|la) (bebe|bb|fils|fille|mari|femme|pere|mere|enfant|enfants|copain|copine|conjoint|"
    r"conjointe|compagnon|compagne|voisin|voisine|frere|soeur|grand pere|grand mere|petit|petite|papa|maman|patient|patiente|"
    r"belle mere|beau pere|coloc|colocataire|pote|ami|amie|collegue|homme|mec|cheri|cherie|tante|oncle|cousin|cousine|neveu|niece)\b"
    # « ma voisine m'a dit que… », « mon fils est à Lyon »: a person who speaks or is away.
    r"(?! (m'a|m'ont|me|nous a) (dit|parle|conseille|explique|appele)\b)(?! (est|sont|habite|vit|vivent) (a|au|en|loin)\b)"
    r"|\b(il|elle|ils|elles) (a|ont|est|sont|fait(?! (si |tellement |vraiment |bien |encore |deja )?(chaud|froid|lourd|beau|nuit|jour|tres|trop|super|moche|humide|sec|\d+)\b)|font|vomit|respire|tousse)\b"
    r"|\b(mamie|mamy|papi|papy|pepe|meme|mami)\b"
    r"|\b(bu|avale|avalee|pris|prise|ingere|mange) (de la |du |des |un |une |toute? |tous )?(\w+ )?(javel|produit|detergent|medicaments?|cachets?|pilules?|comprimes?|alcool|poison|mort aux rats)\b")


# The writer's own state, told in the first person (« c'est moi qui suis pas bien », « je me sens
# faible », « je suis toute seule »).
_OWN_STATE = re.compile(
    r"\b(c'est moi qui|c'est pour moi|je suis (\w+ )?(seule?|toute? seule?|pas bien|mal|faible|assise?|allongee?|etourdie?|en sueur)|"
    r"je me sens (\w+ )?(mal|pas bien|faible|partir|bizarre)|j'ai (\w+ )?(mal|des vertiges|la tete qui tourne|envie de vomir|du mal a respirer|"
    r"tres chaud|trop chaud|de la fievre|des palpitations|des nausees)|je vis seule?|je (vomis|tremble|transpire|respire mal|respire moins bien|manque d'air)|"
    r"je suis (\w+ )?(essouffle|essoufle)e?|"
    r"je vais (m'evanouir|tomber|tourner de l'oeil)|je fais un malaise)\b")


def writes_of_own_body(text: str | None) -> bool:
    """The writer tells their own body's state, and nobody else's (crisis pattern or not)."""
    texts = variants(text or "")
    return any(_OWN_STATE.search(t) for t in texts) \
        and not any(_NOT_OWN_BODY.search(t) or _WE.search(t) for t in texts)


# Several people, the writer among them (« on a tous mal à la tête »): the family's script.
_WE = re.compile(r"\b(on|nous) (a|avons|est|sommes|se sent|nous sentons) (tous|toutes)?\b")


# The first signs of heat illness, and the signs that make it an emergency (the heart, breath,
# vomiting, confusion, a limb or speech, fever, fainting, great age, pregnancy): with any of
# these, the models' reading of an emergency stands (review of persona round 100's fixes).
_MILD_HEAT_SIGNS = re.compile(rf"\b({FIRST_SIGNS}|fatigue\w*|epuise\w*|mal au coeur|(tres |trop )?chaud|faible)\b")
_HEAT_ALARM = re.compile(
    r"\b(coeur (qui )?bat|palpit\w*|respir\w*|essouffl\w*|souffle|vomi\b|vomis|vomit|vomissements?|diarrhee|confus\w*|fievre|bras|jambe|"
    r"parler|flou|poitrine|malaise|evanou\w*|debout|me lever|pacemaker|enceinte|contractions?|bizarre|brulante?|transpire plus|"
    r"tombee?|par terre|partir|[7-9]\d ans|6[5-9] ans|1\d\d ans)\b")


def only_mild_heat_signs(text: str | None) -> bool:
    """The first signs of heat illness and no sign of an emergency."""
    texts = variants(text or "")
    return any(_MILD_HEAT_SIGNS.search(t) for t in texts) and not any(_HEAT_ALARM.search(t) for t in texts)


def tells_body_symptoms(text: str | None) -> bool:
    """The writer tells symptoms of their own body, without a crisis pattern nor anything
    swallowed."""
    if assess(text).is_crisis:
        return False
    return any(_BODY_SYMPTOMS.search(t) and not _NOT_OWN_BODY.search(t) and not _TREATMENT_RISK.search(t)
               for t in variants(text or ""))


# Taking it all, stopping it, or not wanting to go on: never a supply question.
_TREATMENT_RISK = re.compile(
    r"\b(tout|tous|toute|toutes|la boite|une boite entiere) (\w+ ){0,3}(prendre|avaler|prends|avale)\b|\bd'un coup\b|"
    # « si je les prends tous ce soir », « je le prends en entier la boîte », « avec du whisky »
    r"\b(prends|prendre|avale|avaler|prenais|avalais) (\w+ ){0,2}(tous|toutes|tout|en entier|la boite|toute la boite|ma boite)\b|"
    r"\btoute (ma|la) boite\b|\bavec (du|de l'|un|une|de la) (whisky|alcool|vin|vodka|biere|rhum)\b|\bca (tue|peut tuer)\b|\bmortel\w*|"
    r"\b(arret\w*|stopp?\w*) (\w+ ){0,2}(traitement|cachets|medicaments|pilules|insuline)\b|\bplus envie\b|\ben finir\b|\bmourir\b|"
    r"\bde ma vie\b|\bpersonne ne (s'en )?rendrait compte\b")


def asks_about_a_treatment(text: str | None) -> bool:
    """The writer asks about a treatment for an illness and its supply (a question, or « je sais
    pas quoi faire » to end the message), without a crisis pattern nor a word of taking it all,
    stopping it or despair."""
    asks = "?" in (text or "") or any(_ASKS_WHAT_TO_DO.search(t) for t in variants(text or ""))
    if not asks or assess(text).is_crisis:
        return False
    return any(_TREATMENT.search(t) and _SUPPLY.search(t) and not _TREATMENT_RISK.search(t)
               for t in variants(text or ""))


# A common painkiller asked about (« doliprane ou ibu ? », « je peux lui donner du doliprane ? »):
# a pharmacist's question, whatever a model reads in it (persona round 105: a violence question
# to a pregnant woman asking which one she may take).
_PAINKILLER = re.compile(r"\b(doliprane|paracetamol|dafalgan|efferalgan|ibuprofene|ibu|advil|nurofen|aspirine|anti inflammatoires?|"
                         r"antidouleurs?|anti douleurs?|medicaments? (pour|contre) (la douleur|le mal de tete|la fievre)|cachets? pour la tete)\b")
_MEDICINE_QUESTION = re.compile(
    r"\?|\b(oui ou non|je peux (prendre|lui donner|en prendre)|je prends quoi|on peut (prendre|donner)|c'est (autorise|ok|bon|dangereux|interdit)|"
    r"est ce que (je peux|c'est)|j'ai le droit)\b")


def asks_about_a_painkiller(text: str | None) -> bool:
    """The writer asks whether they may take or give a common painkiller."""
    raw = text or ""
    words = normalise(raw)
    return bool(_PAINKILLER.search(words)) and ("?" in raw or bool(_MEDICINE_QUESTION.search(words))) \
        and not _TREATMENT_RISK.search(words) and not _TAKEN_ALREADY.search(words) and not assess(raw).is_crisis


# Taken already, or in quantity (a review's probes: « j'ai avalé 2 plaquettes de doliprane c
# grave ? », « mon fils de 3 ans a avalé du doliprane »): a possible overdose, never a question
# for the pharmacist.
_TAKEN_ALREADY = re.compile(
    r"\b(avale|avalee|avales|a avale|j'ai avale|j'avale|ingere|ingurgite)\b"
    r"|\b(pris|prise|bu)\b.{0,40}\b(plaquettes?|boites?|tubes?|flacons?|dizaine|vingtaine|\d+ ?(g|grammes|comprimes|cachets|gelules))\b"
    r"|\b(plaquettes?|boites?) (entiere|complete)s?\b"
    # A number taken (« j'ai pris 8 g » reads « 8 j'ai » once SMS spellings are expanded).
    r"|\b(pris|prise|bu)\b \d+\b")


# A question without its mark (« mon médicament pour le diabète est en rupture… je sais pas quoi
# faire », persona round 103: the suicide question to a diabetic man).
_ASKS_WHAT_TO_DO = re.compile(r"\b(je (ne )?sais pas (quoi|comment) faire|que faire|je fais comment)\W*$")


def triage(text: str | None, model_crisis_confidence: float | None = None,
           model_kind: str | None = None, reading: CrisisReading | None = None,
           low_mood_confidence: float | None = None) -> Triage:
    """Combine the lexicons with the models. `model_crisis_confidence` is DIET's confidence
    when its best intent is a crisis, else None; `model_kind` the kind it guesses; `reading`
    the crisis classifier's probability and kind (None where it is not available: the edge);
    `low_mood_confidence` DIET's confidence when its best intent is low mood (humeur_basse).

    - a crisis pattern: certain, unless both models find the message calm or the writer
      laughs (then a question);
    - a concern cue: a question;
    - the models (with a word of danger or distress, or both agreeing; not against a look-alike
      unless sure; never when the writer laughs or says all is well): a question, certain when
      both are sure of the same kind or of an acute emergency.
    """
    assessment = assess(text)
    probability = None if reading is None else reading.probability
    both_calm = model_crisis_confidence is None and probability is not None and probability < CLASSIFIER_VETO
    if assessment.is_crisis:
        # Laughter beside a crisis pattern ("ma femme me bat aux échecs 😂") is asked about, not
        # certain, unless the writer says it is serious or the danger is acute (a fire, a body).
        joking = jokes(text) and assessment.kind not in ACUTE_MODEL_KINDS and not _SERIOUS.search(
            " ".join(variants(text or "")))
        return Triage(QUESTION if both_calm or joking else CERTAIN,
                      _agreed_kind(text, assessment.kind, model_kind, reading))
    if assessment.concern and assessment.kind in (SUICIDE, SELF_HARM) and (probability or 0.0) < CLASSIFIER_SURE \
            and _DENIES_DANGER.search(" ".join(variants(text or ""))):
        # « Je n'en peux plus de tout gérer seule. Je ne suis pas en danger hein, je suis juste à
        # bout » (persona round 105: the suicide question anyway): exhaustion, heard as such.
        return Triage()
    if assessment.concern:
        if assessment.kind in ACUTE_MODEL_KINDS and reading is not None and reading.kind == assessment.kind \
                and (probability or 0.0) >= CLASSIFIER_SURE:
            # An emergency's cue the models are sure of (« 39 dans l'appart… je suis essoufflée »):
            # asking first would cost minutes.
            return Triage(CERTAIN, assessment.kind)
        return Triage(QUESTION, assessment.kind)
    if witnesses_violence(text) and not assessment.distant:
        # Violence seen or heard against someone else, not in a film or told by a professional
        # at a distance: the crisis dialogue gives a witness's numbers
        # (relais/crisis_dialogue.py), whatever the models make of it.
        return Triage(QUESTION, VIOLENCE)
    diet = model_crisis_confidence is not None and (probability is None or probability >= CLASSIFIER_VETO)
    # Low mood that DIET is sure of ("je me sens seul depuis que je bosse plus") gets support and
    # the offer of a person (the issue: the suicide line only with a risk indicator): the
    # classifier, which fires on the same sad words, must be sure to ask alone. Not DIET sure of
    # a practical question: a crisis told inside one ("le chef vient de faire un malaise") is
    # what the classifier is there to catch.
    low_mood = (low_mood_confidence or 0.0) >= DIET_LOW_MOOD_SURE
    needed = CLASSIFIER_SURE if low_mood and not _risk_words(text, None, low_mood=True) else CLASSIFIER_QUESTION
    classifier = probability is not None and probability >= needed
    # The models' readings, read below only where `diet` or `classifier` says they exist.
    diet_confidence = model_crisis_confidence or 0.0
    classifier_probability = probability or 0.0
    classifier_kind = reading.kind if reading is not None else None
    if not (diet or classifier) or jokes(text) or reassures(text):
        return Triage()
    sure = (probability or 0.0) >= CLASSIFIER_SURE
    agree = (diet and classifier and diet_confidence >= DIET_AGREES and classifier_probability >= CLASSIFIER_AGREES) or sure
    # A decision told in an idiom (« sauter le pas », « me reconvertir »): DIET reads a jump at
    # 0.99; only the classifier, sure, may overrule it.
    if not sure and any(DECISIONS.search(t) for t in variants(text or "")):
        return Triage()
    # A look-alike pattern ("en finir avec le fioul") gives way only to a sure model.
    if assessment.firm_lookalike and not sure:
        return Triage()
    # A parent looking for someone to keep their child (persona round 108: « qui peut me garder
    # mon fils pendant la grève ? je suis seule avec lui » got « un enfant est-il en danger ? »
    # three times): childcare, unless the words tell a danger or the classifier is sure.
    if not sure and assessment.kind is None and any(_CHILDCARE.search(t) for t in variants(text or "")):
        return Triage()
    if assessment.lookalike and not (sure or (diet and classifier and diet_confidence >= DIET_SURE)):
        return Triage()
    kind = classifier_kind if classifier and plausible_model_kind(text, classifier_kind) else model_kind
    if kind == MEDICAL and tells_body_symptoms(text) and speaks_of_heat(text) and only_mild_heat_signs(text):
        # The writer's own body in a heat wave, read as an emergency by the models (persona
        # round 99: « il fait 40 degrés, j'ai mal à la tête, comment rafraîchir ? » got the
        # bystander's script and a priority case): the heat illness answer says when it is the
        # 15's now (actions/heat_illness.py).
        return Triage()
    if kind in (SUICIDE, SELF_HARM) and tells_body_symptoms(text):
        # « J'ai chaud et j'ai envie de vomir, je fais quoi », « je prends mes cachets pour le
        # cœur, je continue avec la chaleur ? » read as suicide by the models (persona round 98:
        # a heart patient in a heat wave was asked twice whether she wanted to die, and a
        # suicide case opened): the body speaks, a medical question, never certain from the
        # models' misreading.
        return Triage(QUESTION, MEDICAL)
    if kind == MEDICAL and asks_about_a_treatment(text) and not any(_HEAT_ALARM.search(t) for t in variants(text or "")):
        # « Je prends un anticoagulant et des cachets pour la tension, je dois les arrêter avec
        # la chaleur ? » (persona round 100: « est-ce une urgence médicale ? », then the
        # bystander's script): a question for the doctor or the pharmacist today.
        return Triage()
    if kind in (SUICIDE, SELF_HARM, VIOLENCE) and not sure and asks_about_a_painkiller(text):
        # « Je prends quoi alors, doliprane ou ibu ? » read as violence (persona round 105): a
        # pharmacist's question, unless a model is sure or a quantity was taken.
        return Triage()
    if kind in (OTHER_AT_RISK, MEDICAL) and not sure and worries_for_a_relatives_mood(text):
        # « Ma mère pleure la nuit, je sais pas quoi faire pour elle »: a relative's sadness, no
        # death nor harm said; answered with what helps (actions/psy_access.py), not the suicide
        # question twice (persona round 105).
        return Triage()
    if kind in (SUICIDE, SELF_HARM) and asks_about_a_treatment(text):
        # « Je prends un traitement pour le cœur, ma boîte finit la semaine prochaine : le
        # pharmacien peut me les apporter ? » (persona round 98: the suicide question, then a
        # priority case): a practical question, no crisis.
        return Triage()
    # A medical emergency or a danger that is over (tells_an_episode_over) is asked about only
    # when a model is sure; never certain.
    episode_over = kind in _EPISODE_KINDS and tells_an_episode_over(text)
    if episode_over and not sure:
        return Triage()
    acute_person = kind in ACUTE_MODEL_KINDS and speaks_of_a_person(text)
    # A child who writes (« j'ai 11 ans ») about their home, read as a child in danger: their
    # age is the word of danger ("plus à manger depuis 3 jours, maman dort tout le temps").
    minor_writer = kind == CHILD and any(_MINOR_WRITER.search(t) and not _only_introduces(t) for t in variants(text or ""))
    if not (agree or acute_person or minor_writer or _risk_words(text, kind)):
        return Triage()
    if episode_over or assessment.distant:
        # At a distance, even two sure models only ask: the numbers to a nurse asking for a
        # patient, or to a fever of last week, would page the team for nothing.
        return Triage(QUESTION, kind or kind_hint(text))
    if (diet and classifier and not assessment.lookalike and model_kind == classifier_kind
            and min(diet_confidence, classifier_probability) >= MODELS_CERTAIN):
        # Two models of different make, each sure, on the same kind: the corroborated model
        # reading the issue calls certain (a blade in a pocket and a forearm named, without a
        # pattern's words: asking first would delay the numbers).
        return Triage(CERTAIN, kind)
    if (diet and kind in ACUTE_MODEL_KINDS and diet_confidence >= ACUTE_MODEL_CONFIDENCE
            and (probability is None or probability >= CLASSIFIER_QUESTION)
            and (kind != MEDICAL or speaks_of_a_person(text))):
        # An emergency DIET is sure of and the classifier signals: asking "are you in danger?"
        # would cost minutes. DIET alone fires on words ("comment allumer un feu dans la
        # cheminée ?"): the classifier corroborates. A medical one is a person's: without a person named or a
        # state of the body, ask first.
        return Triage(CERTAIN, kind)
    return Triage(QUESTION, kind or kind_hint(text))


_CHILD_CUE = re.compile(rf"\b({_CHILD}|mineure?s?|collegiens?|collegiennes?|lyceens?|lyceennes?|bambins?|momes?|marmots?|j'ai (1[0-7]|[6-9]) ans|(a|de) [1-9] ans|(a|de) 1[0-7] ans)\b")


def plausible_model_kind(text: str | None, kind: str | None) -> bool:
    """Whether the model's crisis kind fits the words of the message: a child in danger needs a
    child or a minor in it ("mon père de 85 ans, confus et brûlant" is a medical emergency)."""
    if kind != CHILD:
        return True
    return any(_CHILD_CUE.search(t) for t in variants(text or ""))


def kind_hint(text: str | None) -> str:
    """The likeliest kind of a message the model finds alarming and no pattern explains."""
    return _first_kind(_KIND_HINTS, variants(text or "")) or SUICIDE
