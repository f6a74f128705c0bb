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
from dataclasses import dataclass
from typing import Iterable, Optional, Pattern, Tuple

from relais.crisis import CHILD, DANGER, MEDICAL, OTHER_AT_RISK, SELF_HARM, SUICIDE, VIOLENCE
from relais.text import variants

_WANT = r"(veux|voudrais|voulais|aimerais|envie de|envie d'|prefere|prefererais|vais|souhaite|besoin de|pense a|pense souvent a|compte|hate de|ai decide de|tente de|essaye de|essayer de|pret a|prete a|peur de|pulsion de|tentation de)"
_ME = r"(?:me |m')"
# Someone close, for the kinds about another person.
_CLOSE = r"(frere|soeur|fils|fille|pere|mere|papa|maman|ami|amie|pote|copain|copine|collegue|voisin|voisine|mari|femme|conjoint|conjointe|compagnon|compagne|cousin|cousine|oncle|tante|grand pere|grand mere|beau frere|belle soeur|coloc|colocataire|ado|meilleur ami|meilleure amie|petit ami|petite amie|patient|patiente|eleve|neveu|niece)"
_CHILD = r"(enfant|enfants|bebe|bebes|gamin|gamine|gamins|petit|petite|petits|fils|fille|neveu|niece|gosse|gosses|petiot|nourrisson|eleve|ado)"
_ABUSE = r"(frappe|frapper|frappent|battu|battue|bat|battent|cogne|cognent|maltrait|viol|attouch|abus|secoue|brule|enferme|enfermee|tape dessus|tapent dessus|roue de coups|coups)"
_OTHERS_HARM = r"(se suicider|suicid|se tuer|se supprimer|en finir|mettre fin a ses jours|se faire du mal|se scarifi|se couper|se mutiler|se pendre|se jeter|plus vivre|se foutre en l'air|tentative de suicide|adieux?|disparaitre pour toujours)"


def _compile(entries: Iterable[Tuple[str, str]]) -> Tuple[Tuple[str, Pattern], ...]:
    return tuple((kind, re.compile(pattern)) for kind, pattern in entries)


CRISIS_PATTERNS = _compile((
    # Someone else at risk: checked before the writer's own patterns, which share their words.
    (OTHER_AT_RISK, rf"\b(mon|ma|mes|notre|nos|un|une|son|sa) (\w+ )?{_CLOSE}s?\b(?!.{{0,80}}\b(je|j'|moi|me|m')\b).{{0,80}}\b{_OTHERS_HARM}"),
    (OTHER_AT_RISK, rf"\b(il|elle|ils|elles) (\w+ ){{0,2}}(veut|veulent|va|vont|parle de|parlent de|pense a|pensent a|menace de|menacent de|a essaye de|a tente de|a voulu|dit vouloir|compte|envisage de|a fait une) (\w+ ){{0,2}}{_OTHERS_HARM}"),
    (OTHER_AT_RISK, r"\b(il|elle) s'est (scarifiee?|coupee?|tailladee?|ouvert les veines|pendue?|jetee?)\b"),
    # A child in danger (abuse, neglect), or a minor who says they are hurt at home.
    (CHILD, rf"\b(le|la|les|mon|ma|mes|un|une|des|son|sa|ses|leur|leurs|notre|nos|du|de la) (\w+ )?{_CHILD}\b(?! de (la|l') (voisine?|rue))(\w+ ){{0,3}}.{{0,40}}\b{_ABUSE}"),
    (CHILD, rf"\b{_ABUSE}\w* (\w+ ){{0,3}}(le|la|les|mon|ma|mes|un|une|des|son|sa|ses|leur|leurs|notre|nos) (\w+ )?{_CHILD}\b"),
    (CHILD, r"\b(maltraitance|maltraite|maltraitee|maltraites|pedophil|inceste)"),
    (CHILD, rf"\b{_CHILD}s? (\w+ ){{0,4}}(seule?s?|abandonnee?s?|laisses? seule?s?) (\w+ ){{0,4}}(depuis (deux|trois|plusieurs|\d+) (jours|nuits)|sans manger|sans rien manger|toute la nuit|tout le week end|la nuit)"),
    (CHILD, rf"\bj'ai (1[0-7]|[6-9]) ans\b.{{0,80}}\b({_ME}(frappe|bat|cogne|tape|viole|touche|enferme|menace)|{_ME}(a|ont) (frappee?|battue?|violee?|touchee?))"),
    (CHILD, rf"\b(mon|ma|mes) (pere|mere|beau pere|belle mere|parents|beau-pere) {_ME}(frappe|bat|battent|frappent|cogne|cognent|tape|tapent|enferme|enferment)\b.{{0,60}}\bj'ai (1[0-7]|[6-9]) ans\b"),
    # Suicidal ideation or intent, direct.
    (SUICIDE, r"suicid"),
    (SUICIDE, rf"{_WANT} (\w+ ){{0,2}}{_ME}(tuer|supprimer|foutre en l'air|flinguer|pendre|noyer|jeter|tirer une balle|ouvrir les veines|faire sauter la cervelle)\b"),
    (SUICIDE, rf"\b{_ME}(supprimer|foutre en l'air|flinguer|pendre|tirer une balle|faire sauter la cervelle)\b"),
    (SUICIDE, rf"\bje {_ME}(tue|supprime)\b(?! (a|au|aux|pour|avec|de) )"),
    (SUICIDE, rf"{_WANT} (\w+ ){{0,2}}(mourir|crever)\b(?! (de|d') ?(rire|faim|soif|chaud|froid|ennui|honte|envie|fatigue|peur|impatience|jalousie|curiosite))"),
    (SUICIDE, r"\b(veux|voudrais|aimerais|envie de|envie d'|prefere) (\w+ ){0,2}(etre mort|etre morte|plus etre la|plus exister|ne plus exister|disparaitre pour (toujours|de bon)|etre six pieds sous terre)"),
    (SUICIDE, r"\b(veux|voudrais|ai|veut) (plus|pas) (envie de |le gout de |la force de )?vivre\b(?! (en|a|au|aux|dans|avec|chez|ici|sous|pres|loin|seule?|sans|la bas|comme (ca|cela) (dans|en|a)|de (mon|ma|mes))\b)"),
    (SUICIDE, r"\ben finir\b(?! avec (?!(la vie|ma vie|cette vie|tout|moi|l'existence|mes jours)\b))(?! (de|d') )"),
    (SUICIDE, r"\bmettre fin a (mes jours|ma vie|tout|mon existence|mes souffrances)"),
    (SUICIDE, r"\b(plus|pas|aucune?|perdu) (\w+ ){0,2}(envie|raison|gout|force) (de|d') ?(vivre|exister|continuer a vivre|rester en vie)"),
    (SUICIDE, r"\b(marre|fatigue|fatiguee|las|lasse|peur|degoute|degoutee) de (la vie|vivre|exister|ma vie)\b"),
    (SUICIDE, r"\bla vie (n'a|a) (plus|aucun) (de )?sens\b"),
    (SUICIDE, r"\b(ne plus|ne pas|jamais|plus) me reveiller\b"),
    (SUICIDE, r"\bm'endormir (pour toujours|a jamais|pour de bon|definitivement|et ne)"),
    (SUICIDE, r"\b(mieux|mieux lotis?|plus heureux|plus heureuse|plus tranquilles?) sans moi\b"),
    (SUICIDE, r"\b(un fardeau|un poids|une charge) pour (tout le monde|les autres|mes proches|ma famille|mes enfants|eux|vous|toi)"),
    (SUICIDE, r"\b(lettres? d'adieux?|faire mes adieux|dire adieu a (tout le monde|tous|mes proches|la vie))"),
    (SUICIDE, r"\b(plus|pas|aucune|sans) (d'|d )?(autre )?issue\b"),
    (SUICIDE, r"\bpartir pour (de bon|toujours)\b"),
    (SUICIDE, r"\b(pars|partir|m'en vais|men vais|m'en aller)\b.{0,40}\b((ne )?reviendrai (pas|plus|jamais)|pour toujours|pour de bon|sans retour)"),
    (SUICIDE, r"\b(me reverrez|me reverras|me verrez|me verras) (plus|jamais)\b"),
    (SUICIDE, r"\badieux?\b(?! ((a|au|aux) )?(la|le|les|l'|ce|cette|ces|mon|ma|mes)\b)(?! et a (demain|bientot|plus|la semaine|lundi|tout a l'heure))"),
    (SUICIDE, r"\b(ne serai|serai) plus (la|de ce monde)\b"),
    (SUICIDE, r"\ba quoi bon (vivre|continuer|me battre|rester en vie|exister|me lever)"),
    (SUICIDE, r"\b(ma vie|la vie|je) ne (vaut|vaux) (plus )?rien\b"),
    (SUICIDE, r"\b(repere|choisi|trouve) l'endroit\b"),
    (SUICIDE, r"\b(ils|elles|on) trouveront tout\b"),
    (SUICIDE, r"\bje n'en aurai (plus|jamais) besoin\b"),
    (SUICIDE, r"\b(cesser|arreter|finir) d'exister\b"),
    (SUICIDE, r"\bcomment je vais (le )?faire et quand\b"),
    (SUICIDE, r"\b(donne|distribue|offert|legue) (\w+ ){0,4}(toutes |tous )?mes (affaires|biens|animaux)\b"),
    (SUICIDE, r"\bje ne (derangerai|generai|embeterai|ennuierai|coulerai) plus (personne|jamais|longtemps)"),
    (SUICIDE, r"\bpersonne (ne )?(s'en rendra compte|remarquera|me regrettera|me manquera|ne verra la difference)"),
    (SUICIDE, r"\b(dire|dites|direz) a (ma|mon|mes) \w+ que je (l'|les )?aime\b"),
    (SUICIDE, r"\bje ne (pourrai|serai) plus (la |le |lui |leur )?(pour )?(le |la |les |lui |leur )?(dire|voir|la)\b"),
    (SUICIDE, r"\b(plus|pas|aucun) (l'interet|le sens|d'interet|de sens|la force|le courage) (de|d'|a) ?(vivre|continuer|me lever|exister|rester en vie)"),
    (SUICIDE, r"\bidees (noires|suicidaires|de mort)\b"),
    # "The end of the road": said of oneself, not of a path (nothing after it: "du chemin de halage").
    (SUICIDE, r"\b(pour moi (c'est|c'etait) |je suis (arrivee? )?(a|au) |j'arrive (a|au) |on arrive (a|au) )(la )?(fin|bout) (du|de mon|de ma|de la) (chemin|route|voyage|parcours)\b(?! (de|d'|du|des) )"),
    (SUICIDE, r"\b(fin|bout) (du|de mon|de ma|de la) (chemin|route|voyage) pour moi\b"),
    (SUICIDE, r"\b(sauter|me jeter) (du|d'un|de la|par la|sous|dans le vide|d'une|du haut)\b"),
    # Overdose and method phrasings (also PLAN_PATTERNS).
    (SUICIDE, r"\b(avaler|prendre|pris|avale|gober|gobe|bouffer|ingurgiter) (\w+ ){0,2}(tous (mes|les)|toutes (mes|les)|toute (la|ma) (boite|reserve|plaquette) de|la boite de|une boite de|les plaquettes de|tout le tube de|ma reserve de|le stock de|des boites de|plein de|trop de|une dizaine de|\d+) (\w+ )?(medicaments|medocs|cachets|pilules|comprimes|somniferes|anxiolytiques|antidepresseurs|doliprane|paracetamol|xanax|lexomil|stilnox|tramadol)\b(?! (prescrits?|prescrites?|du jour|de la journee|comme (prevu|indique|d'habitude)|avant|apres|au petit|le matin|le soir|pour (la|le|les|mon|ma|mes) (tension|toux|douleur|mal|fievre|rhume|grippe)))"),
    (SUICIDE, r"\b(tous |toutes )(mes|les) (medicaments|medocs|cachets|pilules|comprimes|somniferes) (d'un coup|en meme temps|ce soir|cette nuit)"),
    (SUICIDE, r"\b(m'ouvrir|ouvrir|m'entailler|taillader|me taillader) les veines\b"),
    (SUICIDE, r"\b(une balle dans (la|ma) tete|le canon dans (la|ma) bouche)\b"),
    (SUICIDE, r"\b(overdose|pendaison|corde au cou)\b"),
    (SUICIDE, r"\b(acheter|achete|prepare|preparee|trouve) (une|la) corde\b.{0,40}\b(pour moi|me pendre|ce soir|cette nuit|c'est pret|la poutre)"),
    # Self-harm.
    (SELF_HARM, r"\b(scarifi|automutil|auto mutil|mutiler)"),
    (SELF_HARM, rf"\b{_ME}(couper|coupe|taillader|tailladee?|bruler|brule|lacerer|griffer) (\w+ )?(les |le |la |aux |au |mes )?(veines|poignets?|bras|cuisses?|peau|jambes?|ventre)"),
    (SELF_HARM, r"\b(me faire|me fais|me suis fait|je me fais|je me suis fait) (\w+ )?(du mal|mal expres|saigner)\b"),
    (SELF_HARM, rf"\b(me suis |je {_ME}|{_ME})(entaille|entailler|coupe|taillade|brule|scarifie|lacere|griffe)e?s? (\w+ )?(les |le |la |l'|aux |au |mes )?(bras|avant bras|poignets?|veines|cuisses?|jambes?|peau|ventre)"),
    (SELF_HARM, rf"\b{_ME}(bruler|brule|blesser|blesse|frapper|frappe|cogner|cogne|taper|tape|griffer|griffe) (la tete contre|contre les murs|expres|volontairement|moi meme|jusqu'au sang)"),
    (SELF_HARM, r"\b(lame|rasoir|cutter|compas)\b.{0,40}\b(bras|poignets?|cuisses?|peau|me couper|me faire mal)"),
    (SELF_HARM, r"\b(envie|besoin|pulsions?) de me (couper|faire mal|bruler|blesser|mutiler|griffer)\b"),
    # Violence from someone else: domestic, family, sexual.
    (VIOLENCE, rf"(?<!qui )(?<!ca )(?<!cela )(?<!ce )\b{_ME}(a |ont |avait |avaient )?(frappe|frappee|frappent|bat|battu|battue|battent|cogne|cognee|cognent|etrangle|etranglee|etranglent|etrangler|viole|violee|violent|tabasse|tabassee|gifle|giflee|giflent|roue de coups|tape dessus|agresse|agressee|etouffe|etouffee|pousse dans l'escalier|tire les cheveux|traine par les cheveux|force a coucher|force a faire l'amour|forcee a coucher)\b(?! (aux|au|a la|en|sur|par|que|dans le jeu|a plate couture)\b)"),
    (VIOLENCE, rf"\b{_ME}(a |ont )?(menace|menacee) (de mort|de me tuer|avec (un|une|son|sa) (couteau|arme|fusil|pistolet|marteau)|de (me )?frapper|de tuer|de prendre les enfants)"),
    # Not "mon chef va me tuer si je rends le dossier en retard": a figure of speech at work.
    (VIOLENCE, r"\b(il|elle|ils|on|mon (?!(chef|patron|boss|prof|manager|collegue|entraineur|coach|pere|frere)\b)\w+|ma (?!(cheffe|patronne|prof|manageuse|collegue|mere|soeur)\b)\w+) (va|veut|menace de|a menace de|risque de|a essaye de) (me|nous|la|le) (tuer|frapper|etrangler|egorger)\b(?! (si|quand) (je|j'|on) (suis|rends|arrive|rentre) (en )?retard)"),
    (VIOLENCE, r"\bpeur (qu'il|qu'elle|qu'ils|que mon \w+|que ma \w+|que mon ex|de lui|de mon mari|de mon conjoint|de mon ex) (me|m'|nous|la|le|revienne|rentre)\b.{0,30}\b(tue|frappe|batte|cogne|etrangle|viole|tuer|frapper)"),
    (VIOLENCE, r"\bviolences? (conjugales?|familiales?|domestiques?|sexuelles?|sexistes?)"),
    (VIOLENCE, r"\b(agression sexuelle|agressee sexuellement|harcelement sexuel|abusee sexuellement|abus sexuels?|attouchements|m'a violee|j'ai ete violee?|ete abusee)"),
    (VIOLENCE, rf"\b(mon|ma|le|la) (mari|femme|conjoint|conjointe|compagnon|compagne|copain|copine|ex|beau pere|belle mere|frere|oncle|fils|mec|homme|concubin) {_ME}(frappe|bat|cogne|menace|etrangle|viole|enferme|tape|gifle|a frappee?|a battue?|a gifle|a giflee|a etranglee?|a violee?|a menacee?|empeche de sortir|enferme)"),
    (VIOLENCE, r"\b(il|elle|ils) (me|m') (a|ont) (frappee?|battue?|etranglee?|violee?|menacee? (de mort|avec))"),
    (VIOLENCE, r"\b(coups|bleus|ecchymoses|traces de coups)\b.{0,40}\b(mon mari|mon conjoint|mon compagnon|mon copain|mon ex|il m'a|il me)\b|\b(mon mari|mon conjoint|mon compagnon|mon copain|mon ex)\b.{0,40}\b(coups|bleus|ecchymoses)\b"),
    (VIOLENCE, r"\b(il|mon mari|mon conjoint|mon compagnon|mon ex) (m'enferme|me sequestre|m'empeche de sortir|a pris mes papiers|confisque mes papiers)"),
    # A medical emergency, now.
    (MEDICAL, r"\b(ne respire plus|respire plus|respire pas|respire mal|n'arrive plus a respirer|etouffe|s'etouffe|inconscient|inconsciente|evanoui|evanouie|ne se reveille pas|ne reagit plus|ne repond plus a|fait un malaise|a fait un malaise|s'est effondree?|perdu connaissance|tombe dans les pommes)"),
    (MEDICAL, r"\b(douleur|mal|serre|serrement|oppression) (\w+ ){0,2}(a la|dans la|au niveau de la) poitrine\b|\b(crise cardiaque|arret cardiaque|infarctus|avc|attaque cerebrale)\b"),
    (MEDICAL, r"\b(convulse|convulsions?|crise d'epilepsie|fait une crise convulsive)\b"),
    (MEDICAL, r"\b(saigne|saignement|perd|pisse le) (\w+ )?(enormement|beaucoup|abondamment|sans arret|du sang|le sang)\b|\bhemorragie\b|\bne s'arrete pas de saigner\b"),
    (MEDICAL, r"\b(bouche (de travers|tordue)|visage (paralyse|de travers)|ne peut plus parler|bras (paralyse|qui ne repond plus))\b"),
    (MEDICAL, rf"\b{_CHILD}\b.{{0,50}}\b(fievre|temperature)\b.{{0,40}}\b(40|41|42|mou|molle|ne reagit|convulse|bleu|gris|respire mal|ne boit plus|tout mou)\b"),
    (MEDICAL, rf"\b{_CHILD}\b.{{0,40}}\b(a avale|a bu|a mange) (\w+ ){{0,2}}(javel|produit|detergent|medicaments|cachets|pilules|de l'eau de javel|lessive|deboucheur)"),
    # Immediate danger to life.
    (DANGER, r"\b(odeur|fuite|sent|sens|pue) (de |le |du |la )?gaz\b"),
    (DANGER, r"\b(il y a le feu|au feu|brule|prend feu|en feu|flammes|un incendie chez|incendie dans|incendie (a|au) (l'etage|cote))\b(?!.{0,30}\b(exercice|alarme incendie|simulation)\b)"),
    (DANGER, r"\bmonoxyde\b"),
    (DANGER, r"\b(coinces?|coincees?|bloques?|bloquees?|pieges?|piegees?|encercles?|encerclees?) (\w+ ){0,3}(par|dans|a cause de|avec) (l'eau|les eaux|la crue|les flammes|le feu|la fumee|l'inondation)"),
    (DANGER, r"\bl'eau (monte|arrive|rentre|entre) (encore|vite|jusqu|dans la maison|a l'etage|au premier|dans les chambres|de plus en plus|a toute vitesse)"),
    (DANGER, rf"\b{_CHILD}\b.{{0,40}}\benfermee?s? .{{0,25}}\b(voiture|chaleur|soleil)"),
    (DANGER, r"\b(se noie|noyade|il coule|elle coule|tombee? (dans|a) (le canal|la riviere|l'eau|le fleuve|la mer|le lac))"),
    (DANGER, r"\b(arme|couteau|fusil|pistolet|machette|hache)\b.*\b(menace|tuer|frappe|poignarde)|\b(menace|tuer|frappe|poignarde)\b.*\b(arme|couteau|fusil|pistolet|machette)\b"),
    (DANGER, r"\b(quelqu'un|un homme|des hommes|un inconnu|des gens|un type|des types|un cambrioleur|des cambrioleurs) (\w+ ){0,2}(essaie d'entrer|essaye d'entrer|force la porte|est entre chez|sont entres chez|dans la maison|defonce la porte|casse la porte)"),
))

CONCERN_PATTERNS = _compile((
    (OTHER_AT_RISK, rf"\b(mon|ma|mes|notre|un|une) (\w+ )?{_CLOSE}\b.{{0,60}}\b(dit|parle|ecrit|poste|publie) (\w+ ){{0,3}}(qu'il|qu'elle|que) (\w+ ){{0,3}}(veut|voudrait) (disparaitre|partir|plus etre la|dormir pour toujours)"),
    (OTHER_AT_RISK, rf"\b(mon|ma) (\w+ )?{_CLOSE}\b.{{0,60}}\b(donne ses affaires|message d'adieu|dit au revoir a tout le monde|ne repond plus depuis)"),
    (CHILD, r"\bj'entends (\w+ ){0,3}(un enfant|des enfants|le bebe|un bebe|le petit|la petite) (\w+ ){0,3}(hurler|crier|pleurer) (\w+ ){0,6}(coups|frapp|tous les soirs|toutes les nuits)"),
    (CHILD, rf"\b{_CHILD} (\w+ ){{0,3}}(a|avait|a encore) (des|les) (bleus|marques|traces)\b"),
    (VIOLENCE, r"\bpeur (de rentrer (chez moi|a la maison)|de lui|de mon mari|de mon conjoint|de mon compagnon|de mon copain|de mon ex|qu'il revienne|qu'il rentre|qu'il me retrouve|de sa reaction)"),
    (VIOLENCE, r"\b(il|mon mari|mon conjoint|mon compagnon|mon copain|mon ex) (\w+ )?(me pousse|m'a pousse|m'a poussee|me bouscule|m'a bouscule|me tient par|m'attrape|me serre le bras|me crache|casse tout|jette des objets|lance des objets|me surveille|controle mon telephone|lit mes messages|m'interdit|me rabaisse|m'insulte|me hurle dessus|crie sur moi)"),
    (VIOLENCE, r"\bquand il (a bu|boit|est saoul|s'enerve)\b.{0,40}\b(peur|cache|enferme|crie|casse)"),
    (VIOLENCE, r"\b(porter plainte|deposer plainte|main courante)\b.{0,60}\b(sans qu'il|sans que mon|il le sache|mari|conjoint|compagnon|ex)\b"),
    (VIOLENCE, r"\b(3919|(appel|numero) (\w+ )?apparai\w* sur la facture)"),
    (SELF_HARM, r"\b(cacher|cache|caches) (\w+ ){0,2}(mes )?(cicatrices|coupures|marques) (\w+ ){0,3}(bras|poignets|cuisses)"),
    (MEDICAL, r"\b(je vais m'evanouir|je me sens partir|tres mal au coeur|le coeur qui s'emballe|je n'arrive pas a reprendre mon souffle)\b"),
    (MEDICAL, r"\bmal (de|a la) tete\b.{0,60}\b(poele|brasero|groupe electrogene|chauffage d'appoint|barbecue)\b.{0,60}\b(nausee|vomi|vertige|endormi)"),
    (DANGER, r"\b(ca sent le brule|de la fumee (sort|sous|dans)|l'eau (entre|rentre) (dans|par))"),
    (SUICIDE, r"\b(a quoi (ca|ca) sert|a quoi bon|ca sert a rien)\b.{0,40}\b(tout ca|de continuer|de vivre|de se battre|de me battre|de me lever|tout|la vie|moi)\b"),
    (SUICIDE, r"\b(je vois plus|je ne vois plus|je vois pas) (trop |vraiment |bien )?(a quoi (ca|tout ca) sert|le bout|d'avenir|de sortie|comment m'en sortir|l'interet)"),
    (SUICIDE, r"\b(je (ne )?tiens plus|je vais craquer pour de bon|je peux plus continuer|je ne peux plus continuer|j'en peux plus de (tout|cette vie|vivre comme ca)|je suis de trop|je ne sers a rien|je sers a rien|tout arreter|tout lacher|que tout s'arrete|que ca s'arrete|que la douleur s'arrete)\b"),
    (SUICIDE, r"\b(envie|besoin|voudrais|veux|aimerais) (de )?(disparaitre|m'effacer|dormir (longtemps|tres longtemps|pour longtemps|et ne plus))\b"),
    (SUICIDE, r"\b(plus (aucun|d')avenir|plus rien a perdre|plus personne|tout est fini pour moi|c'est fini pour moi|je suis foutue?|j'ai tout rate)\b"),
    (SUICIDE, r"\b(je (ne )?peux plus|j'en peux plus|je n'en peux plus)\b.{0,40}\b(vivre|de tout|de moi|de cette vie)\b"),
))

LOOKALIKE_PATTERNS: Tuple[Pattern, ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"\bmorte? de (rire|fatigue|faim|froid|peur|honte|ennui|chaud|soif)",
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
        r"\bsauter (le pas|une etape|un repas|sur l'occasion|de joie)\b",
        r"\b(plombs|fusibles?|disjoncteurs?|compteur) (ont |a |qui |vient de |viennent de )?(saute|sautent|sauter)",
        r"\b(film|serie|livre|roman|article|reportage|documentaire|podcast|expo|piece de theatre)\b",
        r"\b(exercice|alarme|simulation) (incendie|d'evacuation)\b",
    )
)

PLAN_PATTERNS: Tuple[Pattern, ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"\b(medicaments|medocs|cachets|pilules|comprimes|somniferes)\b",
        r"\b(corde|pont|voie ferree|train|fusil|arme|pistolet|balle|lame|couteau|rasoir|gaz|falaise|fenetre|balcon|toit)\b",
        r"\b(ce soir|cette nuit|demain matin|tout a l'heure|maintenant|dans une heure|aujourd'hui)\b.{0,30}\b(le faire|passer a l'acte|en finir|c'est decide|je le fais)",
        r"\b(tout (est )?prevu|tout (est )?pret|j'ai (tout )?prepare|c'est decide|ma decision est prise|j'ai choisi (le jour|la date|l'endroit)|la date est fixee)\b",
        r"\b(j'ai (deja )?(pris|avale)|je viens de (prendre|avaler))\b",
    )
)


@dataclass(frozen=True)
class SafetyAssessment:
    """What the lexicons say of a message. `is_crisis`: a crisis pattern matched (certain);
    `concern`: only a softer cue did; `kind` is the crisis kind of either."""

    is_crisis: bool
    kind: Optional[str] = None
    lookalike: bool = False
    concern: bool = False


def _first_kind(patterns, texts: Tuple[str, ...]) -> Optional[str]:
    for text in texts:
        for kind, pattern in patterns:
            if pattern.search(text):
                return kind
    return None


def assess(text: Optional[str]) -> SafetyAssessment:
    """Tell whether a citizen's message is a crisis, a concern to ask about, or a look-alike."""
    texts = variants(text or "")
    kind = _first_kind(CRISIS_PATTERNS, texts)
    if kind is not None:
        return SafetyAssessment(is_crisis=True, kind=kind)
    concern = _first_kind(CONCERN_PATTERNS, texts)
    lookalike = any(pattern.search(t) for t in texts for pattern in LOOKALIKE_PATTERNS)
    return SafetyAssessment(is_crisis=False, kind=concern, lookalike=lookalike,
                            concern=concern is not None)


def describes_plan(text: Optional[str]) -> bool:
    """Inside a crisis: does the message describe a plan, a means or an act under way?"""
    return any(pattern.search(t) for t in variants(text or "") for pattern in PLAN_PATTERNS)


CERTAIN = "certain"
QUESTION = "question"
# The model alone is never certain enough to page a coach: with a concern cue beside it, from
# this confidence on, it is.
MODEL_CERTAIN_CONFIDENCE = 0.85

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

    tier: Optional[str] = None
    kind: Optional[str] = None


def triage(text: Optional[str], model_crisis_confidence: Optional[float] = None) -> Triage:
    """Combine the lexicons with the model. `model_crisis_confidence` is the model's confidence
    when its best intent is the crisis intent, else None.

    - a crisis pattern: certain;
    - a concern cue with the model saying crisis confidently: certain;
    - a concern cue alone, or the model alone (unless the message is a known idiom): a question.
    """
    assessment = assess(text)
    if assessment.is_crisis:
        return Triage(CERTAIN, assessment.kind)
    model = model_crisis_confidence is not None
    if assessment.concern:
        if model and model_crisis_confidence >= MODEL_CERTAIN_CONFIDENCE:
            return Triage(CERTAIN, assessment.kind)
        return Triage(QUESTION, assessment.kind)
    if model and not assessment.lookalike:
        return Triage(QUESTION, kind_hint(text))
    return Triage()


def kind_hint(text: Optional[str]) -> str:
    """The likeliest kind of a message the model finds alarming and no pattern explains."""
    return _first_kind(_KIND_HINTS, variants(text or "")) or SUICIDE
