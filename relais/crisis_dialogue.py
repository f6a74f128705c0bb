"""The crisis conversation: what Relais says after a crisis is detected, turn by turn.

A crisis is not one block. Certain (tier 1): the kind's first reply, numbers in its order, and
a priority case. Uncertain (tier 2): a caring, direct question first, and no case; yes makes it
certain, no goes back to the conversation. Then a dialogue: Relais answers what the person says
(prefers writing, will not call, asks whether it is free or anonymous, says Relais repeats
itself, describes a plan or a means, asks a question a victim of violence asks), offers a
person, and walks through safety-plan steps (Stanley & Brown), never the same text twice in a
row. A false alarm is acknowledged once, and its case closed as such.

Pure logic over plain data: the Rasa action keeps the state in a slot and renders the turn;
the texts come from relais.crisis (relais/content/crisis.yml).
"""

import re
from dataclasses import dataclass, replace
from re import Pattern
from typing import Any

from relais.checkins import PAUSE, RESUME, STATUS, STOP
from relais.checkins import read_request as read_checkin_request
from relais.conversation_contract import CRISIS_ACTION, PERSON_INTENT, TRACK_ACTION
from relais.crisis import (
    CHILD,
    DANGER,
    MEDICAL,
    OTHER_AT_RISK,
    SELF_HARM,
    SUICIDE,
    VIOLENCE,
    crisis_content,
)
from relais.form_answers import is_question
from relais.health_worry import tells_heat_illness
from relais.heat_words import speaks_of_heat
from relais.isolation import speaks_of_isolation
from relais.leaving import says_goodbye
from relais.mood import (
    PSYCHOLOGIST_QUESTIONS,
    asks_for_a_psychologist,
    psychologist_answers,
    speaks_of_a_young_person,
    speaks_of_feelings,
)
from relais.person_request import asks_for_a_person, declines_a_person
from relais.safety import (
    CERTAIN,
    QUESTION,
    Triage,
    assess,
    describes_plan,
    jokes,
    speaks_of_a_gas_leak,
    speaks_of_carbon_monoxide,
    tells_body_symptoms,
    tells_pills_taken,
    tells_witnessed_violence,
    writes_as_minor,
    writes_of_own_body,
)
from relais.sentences import sentences
from relais.text import normalise
from relais.topics import said_topic
from relais.tracks import TRACK_INTENT_PREFIX, TRACKS
from relais.violence_witness import tells_violence_to_another, witness_question, writer_is_hit
from relais.yes_no import is_acknowledgement

# What the case of the conversation should do after the turn.
CASE_OPEN = "open"
CASE_RAISE = "raise"
CASE_FALSE_ALARM = "false_alarm"

# Intents that leave the crisis dialogue when the model is sure of them and no crisis cue is
# in the message: the citizen moved on to something else.
# Every track's intent is one of them (relais.tracks.TRACKS).
LEAVING_INTENTS = frozenset(
    {"menu", "progres", "mes_donnees", "oubli", "stop"}
    | {f"{TRACK_INTENT_PREFIX}{track}" for track in TRACKS}
)
LEAVING_CONFIDENCE = 0.95
# In an acute emergency only an explicit "menu" or "stop" leaves: a garden, a staircase or a
# number is part of the emergency ("on est sortis dans le jardin", "le 112 sonne occupé").
ACUTE_KINDS = frozenset({MEDICAL, DANGER, CHILD})
ACUTE_LEAVING_INTENTS = frozenset({"menu", "stop"})
# « Si il lit ça je suis morte, supprimez tout ce que j'ai écrit »: in a violence or a child's
# dialogue, erasing is about the phone someone reads (the dialogue's phone_watched answer), not
# a move to the data rights that would end the dialogue (review).
_STAYS_WITH_DATA = frozenset({"oubli", "mes_donnees"})


# What Relais keeps, asked in a violence or a child's dialogue; not the one who hits erasing
# (« il a effacé les données de mon portable »), nor a danger told with it (« il rentre, efface
# mes données vite »: his return first). Review of persona round 107's fixes.
_NOT_THE_ABUSERS_ERASING = (r"^(?!.*\b((il|elle|on) (a |m'a |lui a )?(efface|supprime|retire|detruit)|il rentre|il revient|il arrive|"
                            r"elle rentre|elle revient|il est la|frapp\w*|tape|menac\w*|tuer|peur)\b).*")


def _patterns(*patterns: str) -> tuple[Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


# Not a farewell, a means, a death wish, nor a fear of hospital: such a message is the dialogue's
# own (review of persona round 99's fixes: « comment leur dire adieu sans qu'ils se doutent de
# rien » got advice on telling a partner; « je dors plus, je veux ne plus jamais me réveiller »
# a doctor this week).
_NO_FAREWELL = (r"^(?!.*\b(adieu|au revoir|lettres?|partir|en finir|mourir|me tuer|reveiller|comment faire|regarde comment|"
                r"tiens plus|je pense qu'a ca|interner|hopital|hp|corde|cachets|somniferes|sauter|plus la|disparaitre)\b)")


_MOVES: tuple[tuple[str, tuple[Pattern[str], ...]], ...] = (
    # « Je ne voudrais pas les déranger pour rien » (persona round 105: an oxygen patient short
    # of breath got the medical question again).
    ("bother_the_15", _patterns(
        r"\b(deranger|embeter|encombrer) (\w+ ){0,3}pour (rien|pas grand chose|si peu|ca)\b",
        r"\b(ils|le 15|le samu|les secours) (ont|doivent avoir) (\w+ )?(plus grave|mieux a faire|d'autres (urgences|gens))\b",
    )),
    # A young person about their own home: what to do, whom to call if it starts again tonight,
    # and whether there is a line for the young (persona round 104: a boy of 16 got « le 119 ne
    # prévient pas vos parents » and « si l'enfant est en danger »).
    ("child_tonight", _patterns(
        r"^(?=.*\b(qui|quoi|numero|appeler|appelle|jappel\w*|faire|fais|jfais)\b).*"
        r"\b(si|quand|s'il|si il|au cas ou) (\w+ ){0,3}(recommence|remet ca|pete|rentre|s'enerve|crie|gueule|casse|frappe|tape|revient)\b",
    )),
    # « Ma grand-mère peut faire quoi pour me prendre chez elle ? un papier ou un juge ? »
    # (persona round 106: five times unanswered).
    ("child_live_elsewhere", _patterns(
        r"\b(vivre|habiter|aller vivre|aller habiter|partir|dormir|rester) (\w+ ){0,2}chez (ma|mon|mes) (grand mere|grand pere|grands parents|mamie|papi|tante|oncle|mere|pere|cousine?|soeur|frere|parrain|marraine)\b",
        r"\b(ma grand mere|mamie|mon grand pere|papi|mes grands parents|ma tante|mon oncle) (\w+ ){0,4}(me prendre|m'accueillir|me garder|m'heberger)\b",
        r"\b(un|le) juge\b.{0,40}\b(chez|vivre|habiter|garde)\b|\b(chez|vivre|habiter|garde)\b.{0,40}\b(un|le) juge\b",
    )),
    ("child_line_for_young", _patterns(
        r"\b(numero|ligne|truc|quelqu'un|qqn|asso|association|service)s? (\w+ ){0,2}(pour|pr) (les )?(jeunes|ados|mineurs|adolescents|enfants comme moi)\b",
    )),
    # A parent whose child hurts themselves (persona round 102: « urgences ce soir oui ou non ? »,
    # « c'est confidentiel ? », « je préviens le lycée ? » asked five times, the 3114's line each time).
    ("force_door", _patterns(
        # Not when he no longer answers, fell or said goodbye: that is the firemen's (review).
        r"^(?!.*\b(ne (me )?repond (plus|pas)|repond plus|repond pas|n'ouvre (plus|pas)|chute|tombe\w*|bruit|au revoir|adieu|"
        r"sang|saigne\w*|avale|pris des)\b).*\b(forcer|defoncer|casser|ouvrir de force) (la|sa) porte\b")),
    ("er_tonight", _patterns(
        # Not « il est aux urgences maintenant », « les pompiers l'ont emmené » (review).
        r"^(?!.*\b((il|elle) est (deja )?(aux urgences|a l'hopital)|l'ont (emmene|pris)|hors de danger|pris en charge)\b)"
        r".*\b(urgences?|l'hopital)\b.{0,40}\b(ce soir|cette nuit|maintenant|oui ou non|ou pas|ou non)\b",
        r"\b(je l'emmene|l'emmener|je dois l'emmener|faut il l'emmener|j'emmene (\w+ )?(mon|ma) \w+) (\w+ ){0,2}(aux urgences|a l'hopital)\b")),
    ("confidential_care", _patterns(
        # Not a person asked for (« je peux parler à quelqu'un ? c'est confidentiel ? »: review).
        r"^(?!.*\b(parler (a|avec) (quelqu'un|une personne|un humain|un conseiller)|vraie personne)\b).*"
        r"\b(confidentiel\w*|tenue? au secret|secret (medical|professionnel)|signalement|services sociaux|information preoccupante"
        r"|dans un dossier|un dossier (\w+ ){0,2}(mairie|social)|avoir des problemes)\b")),
    ("tell_school", _patterns(
        r"\b(lycee|college|l'ecole|prof|profs|cpe|infirmiere scolaire)\b.{0,40}\b(dire|prevenir|previens|leur dis|en parler|au courant)\b",
        r"\b(dire|prevenir|previens|en parler) (\w+ ){0,3}(au lycee|au college|a l'ecole|a son lycee|a l'infirmiere)\b")),
    ("false_alarm", _patterns(
        r"\b(fausse alerte|je plaisant|je rigol|c'etait (une blague|pour rire|une expression|une image|ironique|du second degre|une facon de parler)|une (facon|maniere) de parler|je parlais (de|d'|du|des)|vous avez (mal|pas bien) compris|tu as (mal|pas bien) compris|mal compris|mal interprete|rien a voir|c'est une expression|au sens figure|je ne suis pas en danger|personne n'est en danger|pas du tout (suicidaire|en danger)|aucun danger|pas de danger)\b",
        r"^(non|nan|mais non|non non)?\W*(tout va (tres )?bien|je vais (tres )?bien|on va (tres )?bien|nous allons (tres )?bien|ca va (tres )?bien)\b",
        r"^(haha|hihi|mdr|ptdr|lol|hahaha)\b",
        r"(?<!pas )(?<!ne )\b(tout va (tres )?bien|moi je vais bien|je vais tres bien)\b(?! mal)",
        r"\b(c'etait un test|c'est un test|(c'etait|c'est|ce n'etait) pas pour (toi|vous)|(fausse|mauvaise) manip|je repondais a|je (me suis )?trompee? de (fenetre|conversation|personne|destinataire|chat)|(?<!\bil )(?<!\belle )(a|avait) pris mon (tel|telephone|portable)|pour faire le malin|c'etait une blague|c'est une blague)\b",
        r"^(non |nan )?(aux|au|a la) (echecs|cartes|scrabble|foot|tennis|belote|tarot|jeu|jeux|ping pong|console|boxe|mario)\b",
        r"\b(je veux dire|je voulais dire|c'est une image|une maniere de dire)\b",
    )),
    # What Relais keeps, asked in a violence or a child's dialogue (persona round 107: « efface
    # tout », « je veux que tu supprimes mes données » four times, unanswered).
    ("stored_data", tuple(re.compile(_NOT_THE_ABUSERS_ERASING + pattern) for pattern in (
        r"\b(supprim\w*|effac\w*|retir\w*|detrui\w*) (\w+ ){0,2}(mes|les|toutes mes|vos|ces) donnees\b",
        r"\bje (refuse|ne veux pas|veux pas) (qu'on|que vous|que tu) (garde|gardiez|gardes|enregistre|enregistriez|conserve)\w*",
        r"\b(ca|c'est|ce que je (te |vous )?(dis|ecris)|mes messages|la conversation) (est |sont )?(s')?(enregistre|garde|stocke|conserve)\w*",
        r"\b(vous|tu) (gardez|enregistrez|stockez|conservez|gardes|enregistres) (\w+ ){0,2}(ce que|mes|les|tout)\b",
        r"\bdroit a l'oubli\b",
        r"^((s'il vous plait|svp|stp|vite|alors|bon|ok|et) )*(efface|effacez|supprime|supprimez) tout( svp| s'il vous plait| stp| vite)?$",
        # « je veux que vous effaciez tout ce que vous avez sur moi » (persona round 108).
        r"\b(effac|supprim)\w* (\w+ ){0,2}(tout )?(ce que vous avez|ce que vous savez|ce que tu as|ce que tu sais|ce que vous gardez) (sur moi|de moi)\b",
    ))),
    ("phone_watched", _patterns(
        r"\b(regarde|lit|lire|regarder|fouille|fouiller|surveille|surveiller|controle|controler|verifie|verifier|espionne|prend) (\w+ ){0,2}(mon|mes) (tel|telephone|portable|messages|sms|conversations)\b",
        r"\b(a|connait|sait) (mon|le) (code|mot de passe|schema)\b",
        # « il est sorti mais il a pris mon téléphone » (review): control, not a false alarm.
        r"\b(il|elle) (m'a |a )?(pris|confisque|casse|garde) (mon|mes) (tel|telephone|portable|telephones)\b",
        r"\b(effacer|supprimer|effacez|supprimez|efface|supprime) (ca|ce message|cette conversation|la conversation|les messages|tout)\b",
    )),
    # Before who_answers: « c'est qui l'équipe relais, une vraie personne qui répond ? » asks
    # about the team, not a helpline.
    # An emergency over (« plus de danger », « on est soignés », « le médecin dit que ça va
    # aller »): the dialogue ends, and practical help (where to sleep, heating) can follow.
    ("emergency_over", _patterns(
        r"\b(y a plus de danger|il n'y a plus de danger|plus aucun danger|c'est fini|c'est passe|on est soigne\w*|"
        r"le danger est (passe|ecarte)|danger ecarte|(ils|les pompiers|grdf|le technicien) ont (coupe|ferme|repare|colmate)|"
        r"(la )?fuite (est )?(reparee|colmatee)|"
        r"(le|la) (medecin|docteur) (\w+ )?(dit|a dit) que (ca|tout) va (aller|bien)|ca va aller (maintenant|pour (eux|lui|elle|les petits|les enfants))|"
        r"(on est|nous sommes|ils sont|elle est|il est) (tous )?(a l'hopital|aux urgences|pris en charge|hors de danger)|tout le monde va bien|plus de risque|"
        # « Oui ça va, personne n'est blessé, j'ai mis des bassines » (persona round 108).
        r"personne n'est blesse|personne (n'a ete |n'est )?blesse|pas de blesses?|aucun blesse)\b",
        # Persona round 90: « les pompiers sont passés, l'eau redescend », « on est en sécurité
        # maintenant c bon », « ils emmènent ma fille à l'hôpital pour vérifier, moi ça va ».
        r"\b((les pompiers|les secours|le samu|grdf|ils) sont (passes|repartis)|l' ?eau (re)?descend|l' ?eau (baisse|se retire|est redescendue|est partie)|"
        r"le feu est (eteint|maitrise)|(le|la|les) gardent en observation|en observation (a l'hopital|cette nuit|pour la nuit)|(on est|je suis|nous sommes) (en securite|hors de danger) maintenant|"
        r"(ils|les pompiers|le samu|l'ambulance|les secours) (l'|les |la |le )?(emmenent|emmene|ont emmene\w*|transportent|amenent|conduisent) .{0,60}\b(a l'hopital|aux urgences))\b",
        # Persona round 96: « non non là il va bien il joue, c'était cette nuit qu'il sifflait »,
        # « y a PAS d'urgence médicale, personne attend les secours » got « appelez le 15 » for
        # eight turns.
        r"\b((y a|il y a|c'est|c est) pas (d'|d |de )?urgence( medicale| vitale)?|pas d'? ?urgence medicale|"
        r"personne (n'?)?attend (les secours|le samu|les pompiers)|"
        # Not « voir si elle va bien », « savoir s'il va bien » (persona round 97: « la police
        # peut passer voir si elle va bien ? » ended the emergency).
        r"(?<!\bsi )(?<!\bs')(?<!\bcomment )(?<!\bque )(?<!\bqu')"
        r"(il|elle|mon fils|ma fille|le petit|la petite|le bebe|bebe) (\w+ )?(va bien|va mieux|joue|rigole)( maintenant| la| il joue| elle joue)?)\b",
        # Persona round 92: « les pompiers l'ont trouvée, elle était tombée, elle est vivante,
        # ils l'emmènent ».
        r"\b((ils|les pompiers|les secours|le samu) l'ont (trouvee?|retrouvee?|sortie?|pris\w* en charge)|"
        r"(elle|il) est (vivante?|consciente?|sauvee?)|(ils|les pompiers|le samu|l'ambulance) l'(emmenent|ont emmenee?))\b",
    )),
    # Carbon monoxide (a brazier, a barbecue, a generator indoors): fresh air and out, first. A
    # medical emergency's only: opening the windows on a fire (a danger) would feed it.
    ("carbon_monoxide", _patterns(
        r"\b(monoxyde|charbon|barbecue|brasero|groupe electrogene|ouvrir les fenetres|ouvre les fenetres|aerer|j'aere)\b",
    )),
    # « Je suis un peu sourde »: the 114 is made for it (persona round 88: unanswered).
    ("hard_of_hearing", _patterns(
        # The writer's own hearing: not « une douleur sourde », « je n'entends pas sa respiration ».
        r"\b(je suis|suis|j'suis|chuis) (un peu |tres |a moitie |completement |presque |devenue? )?(sourde?|malentendante?)\b",
        r"\b(j'entends (mal|tres mal|plus rien|plus bien|pas bien|pas tres bien|rien)|"
        r"je n'entends (plus rien|pas bien|plus bien|rien|pas tres bien|presque rien|plus))\b"
        r"(?! (ce|ces|sa|son|ses|si|s'|quand|qu'|que|le|la|les|l'|un|une|des|du|rien|personne|plus))",
        r"\b(appareil auditif|appareils auditifs|je suis malentendante?|malentendante?s?)\b",
    )),
    # « Tu peux me reparler demain pour voir comment ça va ? » (persona round 88: an energy
    # answer, then « je m'arrête là » to « je veux un suivi »).
    ("follow_up_request", _patterns(
        r"\b(tu peux|vous pouvez|tu pourrais|vous pourriez|tu pourras|vous pourrez|pouvez vous|peux tu|pourriez vous|pourrais tu|"
        r"est ce que (tu|vous|quelqu'un|on) (peux|pouvez|pourrais|pourriez|peut|pourrait)|quelqu'un (peut|pourrait)|on (peut|pourrait)|"
        r"(j'aimerais|je voudrais|je veux|je souhaite)( bien)?( que (tu|vous|quelqu'un|on)| qu'on)?) "
        r"(\w+ ){0,2}(me (reparler|recontacter|rappeler|relancer|reecrire|redemander|reparle|recontacte|rappelle|reecrive|"
        r"demande|demander|suive|suivre)|m'ecrire|m'ecrive|me contacter|me contacte|prendre de mes nouvelles|prenne de mes nouvelles)"
        r" (\w+ ){0,3}(demain|apres demain|la semaine prochaine|dans quelques jours|plus tard|de temps en temps|regulierement|"
        r"comment (ca|je) va)\b",
        r"\b(je veux|je voudrais|j'aimerais|je souhaite|je demande|possible d'avoir|on peut avoir|je peux avoir|vous faites) "
        r"(\w+ ){0,2}(un suivi|etre suivie?)\b|\bqu'on me suive\b",
    )),
    # A young person afraid that calling gets the family in trouble, and asking help for the
    # mother (persona round 91: the 119 repeated, the 3919 never given when asked twice).
    ("child_fears_call", _patterns(
        # The 119 named: « si j'appelle le 119, ça va mettre mes parents dans la merde ? ». Who the
        # team is, the police, a foyer without the 119 are team_question's.
        r"^(?=.*\b(119|allo 119)\b).*\b(dans la merde|des (pb|problemes|ennuis|soucis)|me placer|on me place|qu'on me place|en foyer|separer)\b",
    )),
    ("mother_help", _patterns(
        r"\b(ma mere|maman|ma mere elle|pour ma mere|pour maman)\b.{0,60}\b(peut appeler|appeler qui|qui appeler|un numero|quel numero|peut (faire|aller)|aide|aider)\b",
        r"\b(un numero|quel numero|qui appeler)\b.{0,40}\b(pour (les )?femmes|pour ma mere|pour maman|femmes battues|femmes qui se font)\b",
    )),
    # « Ça va pas remonter à mon cadre j'espère, je veux pas perdre mon poste » (persona round
    # 97: a nurse got the right to disconnect).
    ("employer_told", _patterns(
        r"\b(remonter|transmis|transmise|transmettre|transmet|prevenir|previen\w*|dire|dit|savoir|sache|saura|sauront|au courant|apprendre|apprend|signale\w*|communique\w*) "
        r"(\w+ ){0,3}(a |au |aux )?(mon|ma|mes|l'|le|la) ?(cadre|employeur|patron|patronne|chef|cheffe|direction|hierarchie|rh|boite|entreprise|travail|boulot|superieur\w*)\b",
        r"\b(mon|ma|mes) (cadre|employeur|patron|patronne|chef|cheffe|direction|hierarchie|rh|collegues|superieur\w*) (\w+ ){0,2}(va|vont|peut|peuvent|pourra|pourront|risque\w*) (\w+ ){0,1}(le )?(savoir|etre au courant|etre prevenue?s?|l'apprendre|le lire)\b",
    )),
    # « Je conduis ce soir ou pas ? », « je fais quoi pour pas m'endormir en conduisant ? »
    # (persona round 97: a night nurse who wished for an accident got safety-plan lines).
    ("drive_tonight", _patterns(
        r"\b(je|j') ?(conduis|conduire|prends? la (voiture|route)|prendre (la voiture|le volant|la route))\b.{0,30}\b(ce soir|cette nuit|ou pas|demain)\b",
        r"\b(m'endormir|m'endors|dormir|piquer du nez|somnoler)\b.{0,30}\b(au volant|en conduisant|sur la route|sur l'autoroute|sur l'a\d+)\b",
        r"\bje (ne )?(me sens|suis) (pas|plus) (en etat )?(de|capable de) (conduire|prendre la route|prendre le volant)\b",
        r"\b(medecin|docteur|generaliste)\b.{0,30}\b(un arret|arret de travail|m'arreter)\b",
    )),
    ("team_question", _patterns(
        r"\b(c'est qui|qui est|qui sont|c'est quoi|ca sert a quoi) (\S+ ){0,2}(l'equipe|equipe|le relais|relais)\b",
        r"\b(l'equipe|ils|elles?|vous) (va|vont|allez) (me )?faire quoi\b",
        r"\b(ils|elles?|vous|l'equipe|le 119|le 3919|relais) (vont|va|allez) (appeler|prevenir|envoyer|ramener) (la police|les flics|les gendarmes|la gendarmerie|les services sociaux)\b",
        r"\b(aille|aller|ira|va aller|finir|finisse) en prison\b",
        r"\b(va|vont) avoir des problemes\b|\b(mettre|placer|envoyer) en foyer\b|\bme (placer|retirer)\b",
    )),
    ("parents_told", _patterns(
        # Not about the school's nurse or social worker (child_school_staff answers that).
        r"^(?!.*\b(infirmiere|infirmier|assistante sociale|assistant social|cpe)\b).*"
        r"\b(dire|le dire|raconter|prevenir|appeler|appelle|previendr\w*|diront|dira|sauront|saura|savoir|voir) (\w+ ){0,2}(a )?(mes|mon|ma) (parents|pere|mere|daron\w*)\b",
        r"^(?!.*\b(infirmiere|infirmier|assistante sociale|assistant social|cpe)\b).*"
        r"\b(mes|mon|ma) (parents|pere|mere|daron\w*) (\w+ ){0,2}(vont|va|peuvent|peut|pourront) (\w+ ){0,1}(savoir|voir|etre prevenus?|le savoir|apprendre)\b",
        r"^(?!.*\b(infirmiere|infirmier|assistante sociale|assistant social|cpe)\b).*\b(mes|mon|ma) (parents|pere|mere) (sachent|sache|soient prevenus|le sachent)\b",
    )),
    ("code_word", _patterns(r"\b(c'est quoi|qu'est ce que|quoi) (\w+ ){0,2}(mot code|mot de code|mot-code|code)\b|\bun mot code\b.{0,20}\?")),
    ("come_here", _patterns(
        r"\b(quelqu'un|vous|personne|on|la police|quelqu'un de chez vous) (peut|pouvez|peuvent|pourrait|pourriez|va) (\w+ )?venir\b",
        r"\b(venir|passer) (chez moi|a la maison|me chercher|me voir)\b",
    )),
    # « Le 3114, je peux les appeler même si je ne suis pas sur le point de faire quelque
    # chose ? » (persona round 95: labour law's helplines, after the dialogue had ended).
    # « Il existe des gens qui appellent les personnes seules, juste pour parler ? » (persona
    # round 111: a widow asked three times and got the safety plan's questions).
    ("befriending", _patterns(
        r"\b(associations?|benevoles?|des gens|quelqu'un|des personnes|un service)\b.{0,40}\b(qui )?(appellent|appelle|telephonent|telephone|rendent visite|"
        r"rend visite|passent voir|passe voir|visitent|discutent)\b.{0,40}\b(personnes? seules?|gens seuls|personnes agees|isolee?s?|seule?s?)\b",
        r"\b(quelqu'un|une personne) a qui parler (de temps en temps|regulierement|une fois par semaine|parfois)\b",
        r"\b(associations?|benevoles?)\b.{0,60}\b(solitude|seule?|isolee?|parler)\b",
    )),
    ("line_for_me", _patterns(
        r"\b(3114|numero|ligne)\b.{0,80}\b(meme si|meme sans|sans etre|pas sur le point|pour rien|occuper la ligne|deranger|juste pour parler)\b",
        r"\b(meme si|meme sans|sans etre)\b.{0,60}\b(appeler|joindre) (le )?3114\b",
    )),
    # « Je préférerais qu'on m'appelle au téléphone plutôt qu'écrire » (persona round 95: a
    # widower got the fake-bank-adviser answer).
    ("wants_a_call", _patterns(
        r"\b(qu'on|que quelqu'un|que vous|qu'une personne|quelqu'un (peut|pourrait|pouvait)|une personne (peut|pourrait|pouvait)|vous pourriez|vous pouvez) "
        r"(\w+ ){0,2}(m'appelle|me telephone|me rappelle|m'appeler|me telephoner|me rappeler)\b(?! (ce qu|ce que|les|la|le|mes|mon|ma)\b)",
        r"\b(parler|discuter) (a quelqu'un |avec quelqu'un |a une personne )?(au telephone|de vive voix|par telephone)\b",
    )),
    ("who_answers", _patterns(
        r"\b(qui|c'est qui|quelle personne|quel genre de personne) (\w+ ){0,3}(repond|au bout du fil|decroche|va me repondre|est au bout)\b",
        r"\b(c'est quoi|qu'est ce que c'est|c'est qui|quoi) (le |ce )?(numero )?(3114|3919|119|114|112|15|17|18)\b",
        r"\b(c'est )?pour (moi|lui|elle) ou (pour )?(moi|lui|elle)\b|\bje peux (l')?appeler (moi|pour (lui|elle))\b",
        r"\b(une vraie personne|un vrai humain) qui repond\b",
        r"\b(parler|tomber|avoir affaire) (a |avec )?(une femme|un homme)\b",
        r"\b(numero|3114) ([\w']+ ){0,5}(suicide|suicidaires?)\b|\bpas pour les suicidaires\b|\b(repondent|repond|ouvert) (\w+ )?(la nuit|le week end|le dimanche|24)\b",
    )),
    ("what_to_do", _patterns(
        r"\b(je fais quoi|que (dois je|faire|je fais)|qu'est ce que je (dois faire|fais)|quoi faire|je dois (le |la |les |lui )?(faire vomir|faire boire|allonger|bouger|demander)|faire vomir|on fait quoi)\b",
        r"\b(j'ouvre|on ouvre|ouvrir) (les |la )?fenetres?\b|\b(je|on) (les |le |la )?reveille\b|\breveiller (les enfants|tout le monde)\b",
        r"\b(j'allume|allumer|interrupteur|briquet|bougie)\b",
        r"\bj'appelle (d'ici|depuis|dans)\b|\b(je|on) (jette|jettes|verse|mets|balance) ([\w']+ ){0,3}(l'|d')?(eau|seau)\b",
        r"\b(je|on) (le|la) (mets|met|place|installe|allonge) comment\b|\bcomment (je |on )?(le|la) (mettre|placer|installer|allonger|mets|met)\b",
    )),
    # A medical emergency's wound (not blood vomited, coughed or lost otherwise: those are
    # health signs, for the 15) and driving the person oneself: before "care" reads "hôpital".
    ("bleeding", _patterns(
        r"^(?!.*\b(vomi\w*|crache\w*|selles|urine|nez|enceinte|regles|sang froid)\b)"
        r".*\b(plaie|coupure(?! (de|d'|du|des|sur|totale|generale|programmee|electrique)\b)|entaille|s'est ouvert|s'est coupee?|pisse le sang|le sang traverse|saigne (beaucoup|enormement|abondamment|encore|toujours)|ca saigne|hemorragie|pisser le sang|garrot)\b",
    )),
    ("drive_there", _patterns(r"\b(je l'emmene|on l'emmene|l'emmener|je le conduis|je la conduis|on y va (nous memes|en voiture)|par nos propres moyens)\b")),
    # « Parler à quelqu'un de vrai, mais pas un psy, j'ai pas les moyens » (persona round 89):
    # before wants_person and free_anonymous, which would read half of it. Where to find one
    # (« un psy pour ado rapidement ? », « CMP ou Maison des ados, comment je trouve ? », persona
    # round 92): relais.mood's reading, before fear_of_hospital reads « hôpital ».
    ("psy_cost", _patterns(
        r"\b(psy|psys|psychologue|psychiatre|therapeute|therapie)\b.{0,60}\b(moyens|trop cher|payer|coute|argent|rembourse\w*|sous)\b",
        r"\b(moyens|trop cher|payer|argent|sous)\b.{0,40}\b(psy|psys|psychologue|therapeute|therapie)\b",
    ) + PSYCHOLOGIST_QUESTIONS),
    ("fear_of_hospital", _patterns(r"\b(hopital|hospitalis\w*|interne|internee|psychiatr\w*|hp|m'enfermer)\b")),
    ("care", _patterns(
        r"\b(medecin|docteur|urgences|hopital|me faire soigner|me soigner|radio|certificat)\b",
    )),
    ("health_signs", _patterns(
        r"\b(vomi\w*|dort beaucoup|somnol\w*|saigne\w*|respire mal|fievre|convuls\w*|tousse|ne se reveille|mal a la tete)\b",
    )),
    # « Et ce soir si les pensées reviennent, je fais quoi ? »: what to do when the thoughts come back.
    ("thoughts_return", _patterns(
        r"\b(si|quand|et si|au cas ou|des que) (les |ces |mes )?(pensees|idees)( noires| sombres)? (\w+ )?(reviennent|reviendront|recommencent|reprennent|remontent|arrivent)\b",
        r"\b(ce soir|cette nuit|la nuit|le soir)\b.{0,60}\b(je fais quoi|jfais quoi|que faire|je fais comment|comment je fais|je dois faire quoi)\b",
    )),
    ("wants_person", _patterns(
        r"\b(parler|ecrire|discuter) (a|avec) (quelqu'un|quelqun|qqun|kelkun|qlqun|une personne|un humain|une humaine|un vrai|une vraie|un conseiller|une conseillere|un professionnel|une professionnelle|un psy)\b",
        r"\b(un humain|une vraie personne|quelqu'un de reel|un etre humain|pas une machine|pas un robot)\b",
        r"\b(me )?passer (quelqu'un|une personne|un humain|un conseiller)\b|\bquelqu'un de vrai\b",
        r"\bquelqu'un (\w+ ){0,2}(m'appelle|me rappelle|m'appeler|me rappeler|m'ecrive|m'ecrire|me contacte|me contacter)\b",
        r"\b(prevenir|contacter|m'envoyer|nous envoyer) quelqu'un\b|\bquelqu'un (\w+ ){0,2}pour (nous|m') ?aider\b",
    )),
    ("repeats", _patterns(r"\b(repet|la meme chose|meme message|deja dit|toujours pareil|copier coller|disque raye|tu radotes|vous radotez)")),
    ("prefers_writing", _patterns(
        r"\b(prefere\w*|plutot|mieux|que) (\w+ ){0,2}(t'|vous |m'|lui )?(ecrire|par ecrit|par sms|par message|par texto|ici|le tchat|le chat)\b",
        r"\b(peux pas|ne peux pas|n'arrive pas a|pas capable de|je ne sais pas) (\w+ )?(parler|appeler|telephoner)\b.{0,30}\b(ecrire|sms|message|ici)?",
        r"\b(y a|il y a|existe) (\w+ ){0,2}(un tchat|un chat|par sms|par ecrit|par message)\b",
        r"\b(numero|moyen|ligne|service) (\w+ ){0,4}(envoyer des messages|ecrire|par sms|par message|par ecrit|tchat|chat|textos?)\b",
        r"\benvoyer des (messages|sms|textos)\b",
        r"\b(signaler|ecrire|contacter|joindre|parler|appeler|faire) (\w+ ){0,2}(sur internet|par internet|en ligne|sur un site|par un formulaire|un formulaire)\b",
        r"\b(qu'on s'ecrive|s'ecrire|on s'ecrit|ecrivons|par ecrit)\b",
        r"\b(ecrire|par ecrit|par message) (au lieu|plutot) (d'appeler|de telephoner|que d'appeler|que de telephoner)\b|\bou on peut (ecrire|s'ecrire)\b",
        r"\b(peux pas|ne peux pas|peut pas) parler\b|\b(va|vont|pourrait) m'entendre\b",
    )),
    ("refuses_call", _patterns(
        r"\b(pas|jamais|refuse d'|refuse de|sert a rien d'|sert a rien de|pas envie d'|ose pas|osera pas) (\w+ ){0,2}(appeler|telephoner|appel|coup de fil)\b",
        r"\b(appeler|telephoner)\b.{0,20}\b(sert a rien|non merci|pas question|hors de question|jamais)\b",
        r"\bje n'appellerai (pas|personne|jamais)\b",
        r"\b(veut|veux|voulons|veulent|voulait) pas (qu'on |que j'|que je |que tu |que vous |que l'on )(appelle|appelles|telephone|appeler)\b",
        r"\b(honte|peur|gene|genee) (d'|de )(appeler|telephoner)\b",
        r"\b(refuse|refusent|refusait) (qu'on|que j'|que je|que l'on|d') ?(appelle|appeler|telephoner)\b",
        r"\b(j'appellerai|j'appelerai|je telephonerai|j'appelle|je vais pas appeler|je vais pas telephoner) (pas|jamais|personne)\b",
    )),
    # Before free_anonymous: « un compte à mon nom sans qu'il le sache » is about money. Not
    # « c'est normal qu'il garde l'argent ? »: is_it_violence answers that.
    ("own_money", _patterns(
        r"^(?!.*\b(c'est|est ce que c'est|ca compte comme|c'est pas) (normal|grave|de la violence|violent)\b).*\b(compte (en banque |bancaire )?(a moi|a mon nom|perso\w*|juste a moi|rien qu'a moi)|mon propre compte|"
        r"ouvrir un compte|un compte (en banque|bancaire)|(garde|prend|controle|a) (tout )?(l'argent|mon salaire|mes sous|ma carte|la carte bleue)|"
        r"pas (d'argent|de compte) a moi|argent a moi)\b",
    )),
    ("free_anonymous", _patterns(
        # Not an energy bill (« la facture edf si elle est pas payée ils peuvent couper ? », persona
        # round 95: the 3919's bill line): a bill beside a call or a number.
        r"^(?!.*\b(facture (d'|de l')?(edf|engie|electricite|gaz|energie|eau|loyer|telephone d'un autre)|couper le courant|coupure)\b)"
        r".*\b(gratuit|payant|ca coute|combien ca coute|anonyme|anonymat|confidentiel|facture|apparai\w*|mon nom|tracable|trace|savoir que j'ai appele|sans credit|forfait|plus de credit|pas de credit)",
        r"\b(savoir|sauront|sache|saura|decouvrir) (\w+ ){0,2}(que c'est moi|qui je suis|qui appelle|qui a appele|que j'ai appele)\b",
    )),
    # Before complaint and leave (persona round 98: a victim who said « je ne vais pas partir »
    # and « je ne veux pas porter plainte » got departure plans three times and the complaint
    # twice, and « quelqu'un à voir en vrai, discrètement » got the complaint).
    ("not_leaving", _patterns(
        r"^(?!.*\b(ou aller|ou dormir|ou partir|comment partir)\b).*"
        r"(\bje (ne )?(vais|veux|compte|souhaite) (pas|plus|surtout pas) (le )?(partir|quitter)\b|\bje (ne )?pars pas\b|\bje (ne )?partirai pas\b)(?! sans)",
        r"\b(arretez|arrete|stop) (\w+ ){0,3}(avec )?(le depart|de me dire de partir|avec partir|de partir)\b|\bje reste (avec lui|chez moi|a la maison)\b",
    )),
    ("no_complaint", _patterns(
        r"\bje (ne )?(veux|vais|compte|souhaite) (pas|surtout pas) (porter plainte|aller (a la|au) (police|gendarmerie|commissariat)|qu'il ait des problemes)\b",
        r"\b(pas de plainte|sans (porter )?plainte)\b",
    )),
    ("meet_in_person", _patterns(
        r"\b(quelqu'un|une personne|un endroit|un lieu|une association|une asso)\b.{0,50}\b(voir|rencontrer|parler|aller)\b.{0,30}\b(en vrai|en personne|discretement|sur place|face a face)\b",
        r"\b(voir|rencontrer|parler a) (quelqu'un|une personne) (en vrai|en personne|discretement)\b|\bpas par telephone\b",
    )),
    ("complaint", _patterns(r"\b(plainte|main courante|porter plainte|commissariat|gendarmerie)\b")),
    ("leave", _patterns(r"\b(partir|quitter|m'enfuir|fuir|hebergement|heberger|dormir ce soir|ou aller|ou dormir|refuge|foyer|"
                        r"(aller )?dormir chez|aller chez (ma|mon|mes|une|un)|me refugier|nous refugier)\b")),
    ("children", _patterns(r"\b(mes enfants|les enfants|mes petits|mon fils|ma fille|les gosses|mon bebe)\b")),
    # Before safe_now: « je suis chez un pote. est-ce qu'un homme peut être aidé ? » asks first.
    ("male_victim", _patterns(
        r"\bje suis un (homme|mec|gars)\b|\b(un homme|les hommes|un mec|les mecs) (\w+ )?(aussi|peut|peuvent|ca compte|victimes?)\b|\bhommes? battus?\b"
        # « le 3919 c'est pour les femmes non ? », « y a un numéro pour les hommes ? » (persona
        # round 102: the 3919 Violences Femmes Info, three times, to a man hit by his partner).
        r"|\b(pour|aux) (les )?(hommes|mecs)\b|\b(c'est|c|reserve|que) (pour|aux) (les )?femmes\b")),
    ("is_it_violence", _patterns(
        r"\b(c'est|est ce que c'est|ca compte comme|c'est vraiment|c'est bien|ca reste) (quand meme |vraiment |bien |aussi )?(de la |des )?violences?\b",
        r"\bon peut appeler ca (de la |des )?violences?\b",
    )),
    # « garder ma carte et me faire montrer les tickets, c'est normal dans un couple ? » (persona
    # round 98: never answered): « non », not is_it_violence's « oui ».
    ("is_it_normal", _patterns(
        r"\b(c'est|est ce que c'est) (normal|grave)\b.{0,40}\b(controle|surveille|interdit|insulte|humilie|rabaisse|argent|carte)\b",
        r"\b(carte|argent|tickets|compte|salaire|controle\w*|surveille\w*|pousse\w*)\b.{0,80}\b(c'est|est ce que c'est|est ce) normal\b",
        r"\bnormal dans un couple\b",
    )),
    # A call that did not get through (« ça sonne occupé », « personne ne répond »): stay on the
    # line or the next number; never « je suis soulagé » (persona round 88).
    ("line_busy", _patterns(
        r"\b((le )?(15|17|18|112|114|115|119|3114|3919|numero|ligne|standard) (est |sonne |etait )?(toujours )?occupe|sonne occupe|c'est occupe|ca sonne dans le vide|sonne dans le vide|(ne )?repond(ent)? pas|personne (ne )?repond|"
        r"pas de reponse|musique d'attente|en attente|ca a coupe|pas reussi a (les |le |la )?(joindre|avoir)|"
        r"(n'arrive|j'arrive) pas a (les |le |la )?(joindre|avoir))\b",
    )),
    # Thoughts of suicide kept from a partner (« mon mari ne sait pas à quel point ça va mal…
    # comment lui dire ? »), and nights without sleep (persona round 99: the budget coach, then a
    # Livret A, to a woman two turns after she told her thoughts).
    ("tell_close_one", _patterns(
        _NO_FAREWELL +
        r".*\b(mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|ma compagne|mon copain|ma copine|mes enfants|ma famille|"
        r"mes proches|mes parents|ma fille|mon fils|ma mere|mon pere|personne) (ne |n')?(sait|savent|se doute|se doutent) (pas|rien)\b",
        _NO_FAREWELL + r".*(\b(n'arrive|j'arrive|arrive|n'ose|j'ose|ose) pas a (lui|leur) (en )?(parler|dire)\b|\b(n'ose|j'ose|ose) pas (lui|leur) (en )?(parler|dire)\b)",
        _NO_FAREWELL + r".*\b(comment|je (lui |leur )?dis quoi|quoi) (\w+ ){0,2}(lui |leur )(dire|en parler|parler|annoncer|avouer|expliquer)\b",
        _NO_FAREWELL + r".*\b(en parler|le dire|lui dire|lui en parler) a (mon mari|ma femme|mes proches|ma famille|mes enfants|mon conjoint|ma conjointe|mon compagnon|ma compagne)\b",
    )),
    ("sleepless", _patterns(
        _NO_FAREWELL + r".*\bje (ne |n')?dors (plus|pas|presque plus|quasiment plus|mal|tres mal)\b|\b(insomnies?|nuits? blanches?|"
        r"(\d|deux|trois|quatre) (heures?|h) par nuit|je (ne |n')?(arrive|arrive plus) (pas |plus )?a dormir)\b",
    )),
    ("safe_now", _patterns(
        r"\b(on est|je suis|nous sommes) (tous |toutes )?(sortie?s?|dehors|a l'exterieur|en haut|chez (le|la|les) voisine?s?)\b",
        r"\b(je suis en securite|suis en securite|on est en securite|a l'abri|ca va mieux|ca va un peu mieux|je suis avec (ma|mon|des|une|un)|je suis chez (ma|mon|une|un)|les secours sont (la|arrives)|les pompiers sont (la|arrives)|le samu est (la|arrive)|j'ai appele|on a appele|je les ai appeles)\b",
    )),
    ("thanks", _patterns(r"^(merci|mci|thx|merci beaucoup)\b")),
    # Moves of one kind's dialogue (_KIND_MOVES), last: a shared move in the same message (a
    # question about cost, leaving, writing) is answered first.
    # Drinking told in a suicide dialogue (persona round 101: « le soir j'ouvre la 3e bière, je
    # commence à ruminer » never acknowledged).
    ("drinking", _patterns(
        r"^(?!.*\b(javel|courage|jusqu'a|plus d'alcool|arrete de boire|ne bois plus|avec des amis|un verre avec|de l'eau|un the|un cafe)\b)"
        + _NO_FAREWELL[1:] +
        r".*\b((je bois|jbois|j'bois|je picole|jpicole|j'ai bu|je suis bourre\w*)( \w+){0,3} (bieres?|alcool|whisky|vodka|vin|pinard|pastis|verres?|"
        r"un peu plus|trop|beaucoup|tous les soirs|le soir|seule?)|bieres?|whisky|vodka|pastis|je suis bourre\w*)\b",
    )),
    # A neighbour who reports a child (persona round 100: « ils vont placer le petit ? », « ça fait
    # quoi concrètement le 119, ils viennent ce soir ? » got the 119's hours four times).
    ("child_placement", _patterns(
        r"\b(placer|place|placement|placee?|enlever|retirer|foutre (la|dans la) (famille )?(dans la )?merde|dans la merde|des ennuis|"
        r"denoncer|balancer|prison)\b.{0,40}\b(le petit|la petite|l'enfant|les enfants|le gamin|la famille|les parents|le pere|la mere)\b"
        r"|\b(le petit|la petite|l'enfant|les enfants|le gamin|la famille|les parents) (\w+ ){0,3}(place|placee?s?|en foyer|retire\w*)\b",
    )),
    # A young person about their own home (persona round 101: a boy of 17 asked three times
    # whether his father would go to prison, whether the 119 was « pour les petits », whether
    # the school nurse would tell his parents).
    ("child_prison", _patterns(
        r"\b(prison|en taule|au trou|garde a vue|embarquer|menottes)\b",
    )),
    ("child_119_for_me", _patterns(
        r"\b119\b.{0,30}\b(pour les (petits|enfants|gamins|bebes)|pour moi|c'est pour qui|pour les jeunes)\b"
        r"|\b(c'est )?pas si grave\b|\b(ya|y a|il y a) (des gens qui ont |qui ont )?pire\b|\bd'autres ont pire\b",
    )),
    ("child_school_staff", _patterns(
        r"^(?!.*\b(me touche|m'a touche\w*|me frappe|me tape|m'a frappe\w*|me fait des|m'a fait|me force)\b).*"
        r"\b(parler|dire|le dire|raconter|en parler|aller voir|voir) (\w+ ){0,2}(a |l'|la |le |a l' ?)?(infirmiere|infirmier|assistante sociale|assistant social|cpe)\b"
        r"|\b(infirmiere|infirmier|assistante sociale|assistant social|cpe)\b (\w+ ){0,6}(lui |leur )?(parler|dire|raconter|en parler)\b",
    )),
    ("what_119_does", _patterns(
        r"\b(ca fait quoi|c'est quoi|ils font quoi|que fait|ca sert a quoi)\b.{0,30}\b119\b|\b119\b.{0,40}\b(viennent|vient|se deplacent|se deplace|envoient|font quoi|ca fait quoi)\b"
        r"|\b(ils|le 119) (\w+ )?(viennent|vient|se deplacent|se deplace) (ce soir|maintenant|tout de suite|ou pas)\b",
    )),
    ("far_or_near", _patterns(
        r"\b(il|elle) (habite|vit|reste|loge) (a|au|en|chez|loin|pas loin|tout pres)\b",
        r"\bou (il|elle) (habite|vit|loge)\b",
        r"\b(\d+ ?(km|kilometres?|min|minutes?|h|heures?) (de chez moi|d'ici|de route|de moi)|je peux pas y aller|je ne peux pas y aller|trop loin)\b",
    )),
    ("helper_strain", _patterns(
        r"\b(je suis|moi aussi je suis|suis) (\w+ ){0,2}(epuisee?|crevee?|videe?|depassee?)\b",
    )),
    # A parent about a teenager who wrote he « ne veut plus être là » (persona round 96: « est-ce
    # que c'est grave ? je lui dis que j'ai lu son téléphone ? » got a burn-out answer for her,
    # then the job-loss template): whether it is serious, and how to open the talk tonight.
    ("is_it_serious", _patterns(
        r"\b((est ce que )?c'est (vraiment |si )?(grave|serieux)|je dramatise|crise d'ado|juste l'adolescence|c'est l'adolescence|"
        r"je m'inquiete pour rien|j'exagere)\b",
    )),
    ("how_to_talk", _patterns(
        r"\b(comment (je )?(lui |le |la )?(parle|parler|commencer|aborder|dire|amener)|je (lui )?dis quoi|lui dire quoi|quelles phrases|"
        r"je commence comment|par quoi je commence|je lui mens|(je lui dis|lui dire|lui avouer) que j'ai (vu|lu|regarde|fouille)|"
        r"qu'il (sache|saura|va savoir) que j'ai (vu|lu|regarde|fouille))\b",
    )),
    ("keeps_secret", _patterns(r"\b(jurer|jure|promis|promettre|promesse|garder le secret|rien dire a personne)\b")),
    ("how_to_help", _patterns(
        r"\b(je lui pose la question|lui poser la question|lui demander directement|donner l'idee|peut etre une blague|(il|elle) plaisantait)\b",
        r"\b(m'en meler|me meler|de mon ressort|a moi de|mon role|je dois lui (dire|parler)|comment (reagir|lui parler|lui dire|l'aider|aborder)|quoi lui dire|je lui dis quoi|(j'ose|ose) pas (lui )?en parler)\b",
    )),
    # Gas: the network's emergency line, the meter, the neighbours (« je ferme le compteur ? »).
    # Not gas denied (« il n'y a ni gaz ni feu », persona round 108: the gas-leak steps to a
    # tenant whose roof leaked).
    ("gas", _patterns(r"(?<!\bni )(?<!\bpas de )(?<!\bpas d'odeur de )(?<!\bsans )(?<!\baucun )(?<!\baucune odeur de )"
                      r"\b(gaz|compteur|grdf|robinet de gaz|butane|propane|monoxyde|co)\b")),
    ("aggressor_returns", _patterns(
        r"\b(il|elle) (rentre|revient|arrive|sera la|sera rentre|rentrera|reviendra)\b"
        # Not « il arrive pas à se calmer », « il n'arrive à rien ».
        r"(?! (pas|plus|rien)\b)(?! a (se|s'|me|m'|te|t'|rien|faire|dormir|trouver|parler|manger)\b)",
    )),
    # Last: taking the dog when leaving (persona round 102); « il rentre », « il lit mes
    # messages » or new blows told with it are answered first (review).
    ("pet", _patterns(
        r"\b(le|du|mon|notre|mes|nos|un|son) (chien|chienne|chat|chatte|chiens|chats|animal|animaux|chiot|lapin)\b.{0,80}"
        r"\b(prendre|emmener|partir|garder|foyers?|hebergement|accept\w*|vol|voler|recuper\w*)\b"
        r"|\b(prendre|emmener|partir avec|garder|recuperer) (\w+ ){0,2}(le|mon|notre|mes|nos) (chien|chienne|chat|chatte|chiens|chats|animal|animaux|chiot)\b")),
)
# Making the environment safe: « je vais mettre la lame dans la boîte à gants », « j'ai donné
# mes cachets à ma sœur ».
_MAKES_SAFE = re.compile(
    r"\b(mettre|mets|mis|ranger|range|range|ranger|jeter|jete|jette|donner|donne|enfermer|enferme|cacher|cache|"
    r"eloigner|eloigne|confier|confie) (\w+ ){0,3}(la lame|les lames|le couteau|les couteaux|le cutter|les cachets|"
    r"les medicaments|mes medicaments|mes cachets|la corde|le rasoir|les rasoirs|l'arme|le fusil)\b"
    r".{0,60}\b(boite|loin|poubelle|hors de|a ma|a mon|a quelqu'un|sous cle|voiture|garage|chez|pharmacie|cadenas)")
# The writer is not the one at risk: « pas moi, c'est mon petit-fils », « quelqu'un d'autre ».
_SOMEONE_ELSE = re.compile(
    r"\b(pas moi|pas pour moi|quelqu'un d'autre|c'est (mon|ma|mes|notre) \w+ qui|il s'agit de (mon|ma|mes) \w+|"
    r"c'est pour (mon|ma|mes) \w+|je parlais de (mon|ma|mes) \w+)\b")
# The state key set when the citizen said yes to the question, or told the thoughts in answer
# to it: no turn misread later takes that back.
TOLD_KEY = "told"
# Words that take back what was told (a joke, a test, not suicidal), not a misread turn.
# « Non non tout va bien, je parlais du match de boxe »: the violence taken back.
_PLAY_OR_FINE = re.compile(r"\b(tout va bien|on va bien|ca va bien|match|boxe|film|serie|jeu|jeux|sport|echecs|belote|judo|rugby|foot|karate|"
                           r"catch|console|roman|livre)\b")
# « Il ne m'a jamais frappée, c'était une dispute »: the violence taken back, unless the same
# message tells some (« c'est fini mais il me suit encore et il m'a tapée hier »).
_DENIES_VIOLENCE = re.compile(r"\b(il|elle) (ne )?m'a jamais (frappee?|touchee?|battue?|tapee?)\b|\bjamais (frappee?|touchee?|battue?)\b")
_NEW_VIOLENCE = re.compile(r"\b(frapp\w*|tap\w*|cogn\w*|menac\w*|suit|suivie?|poursui\w*|gifl\w*|pousse\w*|etrangl\w*)\b")


def _takes_violence_back(words: str) -> bool:
    return bool(_DENIES_VIOLENCE.search(words)) and not _NEW_VIOLENCE.search(_DENIES_VIOLENCE.sub(" ", words))
# « Je parlais de… », « vous avez mal compris »: a turn misread, not the danger taken back.
_SPOKE_OF = re.compile(r"\b(je parlais (de|d'|du|des)|je voulais dire|vous avez (mal|pas bien) compris|tu as (mal|pas bien) compris|mal compris|ma question (c'etait|etait))\b")
_RETRACTS = re.compile(
    r"\b(je plaisant\w*|je rigol\w*|blague|pour rire|second degre|une expression|une (facon|maniere) de parler|une image|"
    r"au sens figure|un test|pas (du tout |vraiment )?suicidaire|(fausse|mauvaise) manip|pas pour (toi|vous)|"
    r"trompee? de (fenetre|conversation|personne|destinataire|chat)|pris mon (tel|telephone|portable)|je vais (tres )?bien|"
    r"pas (du tout )?en danger|aucun danger|je n'ai jamais (dit|pense))\b")
_ONLY_ME_FINE = re.compile(r"\b(moi je vais bien|je vais bien|je vais tres bien)\b")
# « Quoi ?? non c'est pas moi… », « euh oui »: an interjection before the answer (persona round
# 15: the suicide question was asked again after « quoi?? non »).
_INTERJECTION = r"^((quoi|hein|euh|ben|bah|ah|oh|eh|comment|pardon|hum|bon|heu|mais|alors|enfin) )*"
_YES = re.compile(_INTERJECTION + r"(oui|ouais|ouai|oue|ouep|yes|si|un peu|parfois|des fois(?=\W*($|j'y|oui|je me dis|ca m'arrive|j'ai (reflechi|pense)))|souvent|peut etre|je crois(?! qu)|j'y pense|j'y ai pense|ca m'arrive|c'est le cas|exactement|voila|grave|carrement|bof oui)\b(?! (pas|plus|jamais)\b)")
_NO_SENTENCE = re.compile(r"(^|[.!?;:]\s*)(non|nan|non non|mais non)( enfin| merci)?\s*([.!;]|$)", re.IGNORECASE)
_NO = re.compile(_INTERJECTION + r"(non|nan|nn|no|pas du tout|absolument pas|jamais|pas vraiment|non merci|mais non)\b")

_TAKEN_BACK = re.compile(r"\b(enfin|mais|ou plutot|bon) (si|oui|un peu|parfois|des fois)\b|\bsauf (le soir|la nuit|parfois|quand)\b")
# A no taken back in the same breath (« non… enfin si, j'y pense le soir », « jamais… sauf le
# soir »): no denial that overrules the models.
_SELF_CORRECTED = re.compile(r"\b(enfin|mais|ou plutot) (si|oui|un peu|parfois)\b|\bun peu\b|\bparfois\b|\bdes fois\b|\bsauf\b|\bde temps en temps\b")

# Calming down asked for, or an anxiety attack named (by the 15's doctor or the writer).
_CALM_DOWN = re.compile(r"\b(me calmer|jme calme|je me calme|m'aider a me calmer|respirer calmement|comment (on )?respire|"
                        r"c'est (une|juste une|juste de l') (crise d'angoisse|angoisse|crise de panique)|crise d'angoisse|crise de panique|attaque de panique)\b")
# The writer's own signs, beside someone else's emergency.
_ME_TOO = re.compile(r"\b(et moi|moi aussi|moi j'ai|moi jai|moi je|j'ai aussi)\b")
# The person who no longer answered is found: the door open, someone with them.
_FOUND = re.compile(r"\b((elle|il) (a|m'a) (enfin )?ouvert|la porte est ouverte|on est entres?|je suis entree?|(elle|il) est entree?|on l'a trouvee?|"
                    r"(la|le) (voisine?|gardien(ne)?) (est entree?|l'a trouvee?|est avec (elle|lui)|est chez (elle|lui)))\b")
# Someone else than the writer is with the person found: the writer helps from afar.
_HELPER_THERE = re.compile(r"\b(la|le) (voisine?|gardien(ne)?|pompiers?)\b|\b(elle|il) (a|m'a) (enfin )?ouvert\b")
_HEAT_STROKE_SIGNS = re.compile(r"\b(peau (brulante|chaude et seche|seche et chaude|tres chaude)|brulante|confuse?|delire|"
                                r"(40|41|42)( ?°| ?degres| de fievre|,\d)|fievre)")
# A plan or a means was told in this dialogue: playing it down does not close the case (an
# other referent told, « je parlais de mes tomates, tout va bien », still does).
PLAN_TOLD_KEY = "plan_told"
_MINIMISES = re.compile(r"\b((une|un) (facon|maniere) de parler|laissez tomber|laisse tomber|oubliez (ca|ce que)|c'etait rien|"
                        r"je disais ca comme ca|j'exagere|j'exagerais|pas si grave|n'importe quoi)\b")
# « Je viens de vous le dire » to the question asked again: the answer given was a yes the words
# did not show, unless the message denies (« je l'ai déjà dit, j'ai pas d'idées noires »).
_NEGATED = re.compile(r"\b(pas|jamais|aucune?|rien)\b")
_TOLD_ALREADY = re.compile(r"\b(je (viens de|vous ai|te l'ai|vous l'ai) (vous |te )?(le )?(dire|dit|ecrire|ecrit)|je l'ai (deja )?(dit|ecrit)|deja dit)\b")
# A yes said later in the answer, not denied right after (« j'y pense pas » is a no).
_YES_INSIDE = re.compile(r"\b(oui|ouais|j'y pense|j'y ai (deja )?pense|il m'arrive d'y penser|ca m'arrive d'y penser|"
                         r"des fois j'y pense|parfois j'y pense)\b(?! (pas|plus|jamais)\b)")

# A no that tells the thoughts all the same, to the suicide or self-harm question: « pas
# vraiment… j'ai pas de plan, c'est juste des pensées qui viennent le soir » (persona round 89:
# « pardon si la question a surpris », then food parcels to « si les pensées reviennent »).
# Passive ideation is a yes to the question, answered without alarm.
_THOUGHTS_ALL_THE_SAME = re.compile(
    r"\b((?<!pas de )(?<!aucune )(?<!sans )(des|les|ces|mes|de ces|juste des|que des|seulement des) (pensees|idees)( noires| sombres| bizarres| comme ca)?"
    r"(?! (de (vacances|recettes|cadeaux|sorties|menus|repas|jardin|deco|noms))\b)|"
    r"ca me (traverse|passe par) (l'esprit|la tete)|j'y pense (des fois|parfois|le soir|la nuit|de temps en temps)|"
    r"pas (de|vraiment de) (plan|projet)|je (ne )?(passerai|ferai|ferais|le ferai|le ferais) (jamais |pas |rien)(a l'acte|de betise|de mal|rien)?|"
    r"pas au point de|pas concretement|pas serieusement)\b")
# « Non, tout de même pas, je ne ferais jamais une chose pareille » (persona round 107: a widow
# of 74 got the crisis block and a priority case, then a false alarm closed it).
_FIRM_DENIAL = re.compile(r"\b(jamais (de la vie|pense|eu)|pas du tout|absolument pas|aucune (idee|pensee) (de|comme)|je vais (tres )?bien)\b"
                          # The plain ones, only with no thought told anywhere beside them (review:
                          # « sûrement pas au point de le faire… j'y pense parfois » is ideation).
                          r"|^(?!.*\b(j'y pense|au point de|parfois|des fois|plus simple|reveill\w*|disparaitre|en finir|mourir|partir|"
                          r"tous les jours|la nuit|le soir)\b).*\b(jamais (une chose pareille|une chose comme ca|ca|cela)|"
                          r"(tout de meme|quand meme|certainement|surement) pas|bien sur que non|pas de ces (pensees|idees)( la)?)\b")


def _tells_ideation(message: "CitizenMessage") -> bool:
    """Passive ideation the lexicon asks about, in the writer's own words, not denied."""
    return message.triage.tier == QUESTION and message.triage.kind == SUICIDE \
        and not _FIRM_DENIAL.search(normalise(message.text or ""))


def tells_thoughts_all_the_same(text: str | None) -> bool:
    """An answer to the suicide question that is a no in form and a yes in substance."""
    words = normalise(text or "")
    return bool(_THOUGHTS_ALL_THE_SAME.search(words)) and not _FIRM_DENIAL.search(words)


# Shared moves that a victim of violence's dialogue answers in its own words.
_VIOLENCE_ANSWERS = frozenset({"complaint", "leave", "children"})
# Plans and means raise the alert for these kinds (a means for violence is its own crisis: danger).
_PLAN_KINDS = frozenset({SUICIDE, SELF_HARM, OTHER_AT_RISK})


@dataclass(frozen=True)
class CitizenMessage:
    text: str
    intent: str | None = None
    triage: Triage = Triage()
    # The Telegram edge already sent this message's first reply (Rasa was slow or down).
    first_reply_sent: bool = False
    intent_confidence: float = 0.0


@dataclass(frozen=True)
class CrisisTurn:
    lines: tuple[str, ...]
    state: dict[str, Any]
    case: str | None = None        # CASE_OPEN, CASE_RAISE, CASE_FALSE_ALARM or None
    ask_yes_no: bool = False          # the last line is a yes/no question (buttons)
    offer_person: bool = False        # a button to ask for a person
    kind: str | None = None
    then_track: bool = False          # the message's track answers it next (after a false alarm)
    then_erasure: bool = False        # the data rights' erasure confirmation is asked next
    then_person: bool = False         # the team's answer to a request for a person comes next

    @property
    def open(self) -> bool:
        return bool(self.state.get("open"))


# Moves that mean something only in one kind's dialogue ("il habite à 200 km" of a friend at
# risk; "il rentre à 18 h" of an aggressor; "ça saigne" in a medical emergency). Elsewhere they
# are skipped, so that they never hide a move every kind answers.
_KIND_MOVES = {
    "how_to_talk": frozenset({OTHER_AT_RISK}), "is_it_serious": frozenset({OTHER_AT_RISK}),
    "line_for_me": frozenset({SUICIDE, SELF_HARM, OTHER_AT_RISK}),
    "befriending": frozenset({SUICIDE, SELF_HARM}),
    "employer_told": frozenset({SUICIDE, SELF_HARM, OTHER_AT_RISK, VIOLENCE}),
    "drive_tonight": frozenset({SUICIDE, SELF_HARM}),
    "wants_a_call": frozenset({SUICIDE, SELF_HARM, OTHER_AT_RISK}),
    "far_or_near": frozenset({OTHER_AT_RISK, MEDICAL}), "helper_strain": frozenset({OTHER_AT_RISK}),
    "keeps_secret": frozenset({OTHER_AT_RISK}), "how_to_help": frozenset({OTHER_AT_RISK}),
    "force_door": frozenset({OTHER_AT_RISK}), "er_tonight": frozenset({OTHER_AT_RISK}),
    "confidential_care": frozenset({OTHER_AT_RISK}), "tell_school": frozenset({OTHER_AT_RISK}),
    "male_victim": frozenset({VIOLENCE}), "aggressor_returns": frozenset({VIOLENCE}),
    "is_it_violence": frozenset({VIOLENCE}),
    "bleeding": frozenset({MEDICAL}), "drive_there": frozenset({MEDICAL}), "gas": frozenset({DANGER}),
    "emergency_over": frozenset({MEDICAL, DANGER}), "carbon_monoxide": frozenset({MEDICAL}),
    "line_busy": frozenset({MEDICAL, DANGER, CHILD, VIOLENCE, SUICIDE, SELF_HARM, OTHER_AT_RISK}),
    "own_money": frozenset({VIOLENCE}),
    "not_leaving": frozenset({VIOLENCE}), "no_complaint": frozenset({VIOLENCE}), "is_it_normal": frozenset({VIOLENCE}),
    "meet_in_person": frozenset({VIOLENCE}), "pet": frozenset({VIOLENCE}),
    # « On est dehors avec les enfants. J'ai appelé le 18, ça sonne occupé »: the children are
    # a violence dialogue's question only; elsewhere they hid the busy line (persona round 89).
    "children": frozenset({VIOLENCE}),
    "child_fears_call": frozenset({CHILD}), "mother_help": frozenset({CHILD}),
    "child_placement": frozenset({CHILD}), "what_119_does": frozenset({CHILD}),
    "bother_the_15": frozenset({MEDICAL}),
    "stored_data": frozenset({VIOLENCE, CHILD}),
    "child_tonight": frozenset({CHILD}), "child_line_for_young": frozenset({CHILD}), "child_live_elsewhere": frozenset({CHILD}),
    "child_prison": frozenset({CHILD}), "child_119_for_me": frozenset({CHILD}), "child_school_staff": frozenset({CHILD}),
    "psy_cost": frozenset({SUICIDE, SELF_HARM, OTHER_AT_RISK}),
    "thoughts_return": frozenset({SUICIDE, SELF_HARM}),
    "tell_close_one": frozenset({SUICIDE, SELF_HARM}), "sleepless": frozenset({SUICIDE, SELF_HARM}),
    "drinking": frozenset({SUICIDE, SELF_HARM}),
    "fear_of_hospital": frozenset({SUICIDE, SELF_HARM, OTHER_AT_RISK, VIOLENCE, CHILD}),
}
# The answer of each kind's own move: (table of relais/content/crisis.yml, key).
_KIND_ANSWERS = {
    "far_or_near": ("other_at_risk_answers", "far_or_near"),
    "helper_strain": ("other_at_risk_answers", "helper_strain"),
    "how_to_help": ("other_at_risk_answers", "how_to_help"),
    "keeps_secret": ("other_at_risk_answers", "keeps_secret"),
    "force_door": ("other_at_risk_answers", "force_door"),
    "er_tonight": ("other_at_risk_answers", "er_tonight"),
    "confidential_care": ("other_at_risk_answers", "confidential_care"),
    "tell_school": ("other_at_risk_answers", "tell_school"),
    "bleeding": ("medical_answers", "bleeding"),
    "drive_there": ("medical_answers", "drive_there"),
    "gas": ("danger_answers", "gas"),
    "carbon_monoxide": ("danger_answers", "carbon_monoxide"),
    "aggressor_returns": ("violence_answers", "returns"),
    "male_victim": ("violence_answers", "male_victim"),
    "is_it_violence": ("violence_answers", "is_it_violence"),
    "line_busy": ("line_busy", VIOLENCE),
    "own_money": ("violence_answers", "own_money"),
    "not_leaving": ("violence_answers", "not_leaving"),
    "is_it_normal": ("violence_answers", "is_it_normal"),
    "no_complaint": ("violence_answers", "no_complaint"),
    "meet_in_person": ("violence_answers", "meet_in_person"),
    "pet": ("violence_answers", "pet"),
    "child_fears_call": ("child_answers", "fears_call"),
    "child_placement": ("child_answers", "placement"),
    "what_119_does": ("child_answers", "what_119_does"),
    "child_prison": ("child_answers", "prison"),
    "child_119_for_me": ("child_answers", "for_me"),
    "child_line_for_young": ("child_answers", "for_me"),
    "child_tonight": ("child_answers", "tonight"),
    "child_live_elsewhere": ("child_answers", "live_elsewhere"),
    "child_school_staff": ("child_answers", "school_staff"),
    "mother_help": ("child_answers", "mother_help"),
    "psy_cost": ("thoughts_answers", "psy_cost"),
    "thoughts_return": ("thoughts_answers", "thoughts_return"),
    "tell_close_one": ("thoughts_answers", "tell_close_one"),
    "sleepless": ("thoughts_answers", "sleepless"),
    "drinking": ("thoughts_answers", "drinking"),
}
# A kind's own answer to a move two kinds share: someone far away in a medical emergency is
# helped through the 15 of where they are, not told to open the door.
_KIND_ANSWER_OF = {("far_or_near", MEDICAL): ("medical_answers", "far_away"),
                   **{("line_busy", kind): ("line_busy", kind)
                      for kind in (MEDICAL, DANGER, CHILD, SUICIDE, SELF_HARM, OTHER_AT_RISK)}}


# Read only when the message is a question (normalise() drops the "?"): « je peux sortir ? »
# asks what to do, « je sors » tells it.
_ASKED_MOVES = {"what_to_do": re.compile(
    r"^(est ce que )?(je|on) (peux|peut|dois|doit|allume|ouvre|sors|sort|reste|descend|reveille)\b")}


_MALE_VICTIM = re.compile(
    r"\bje suis un (homme|mec|gars|garcon)\b|\bvu que je suis un (homme|mec|gars)\b|\bvictime de (ma|sa) (copine|femme|compagne|conjointe)\b"
    r"|\b(ma|mon ex) (copine|femme|compagne|conjointe|petite amie|ex femme|ex copine) (me|m') ?(a )?(frappe|tape|bat|cogne|griffe|gifle|menace|etrangle)")


def is_male_victim(text: str | None) -> bool:
    """A man who says his partner is violent to him."""
    return bool(_MALE_VICTIM.search(normalise(text or "")))


# The writer is not with the person in a medical emergency: « mon père m'appelle de Lyon »,
# « je suis au travail », « elle habite à 300 km ».
_FAR_FROM_PERSON = re.compile(
    r"\b(m'a|m'|me|nous a) (appele|appelle|telephone|ecrit|envoye un (sms|message|texto))\b"
    r"|\b(je ne suis pas|je suis pas|suis pas|on n'est pas|on est pas) (la|la bas|avec (lui|elle)|chez (lui|elle)|sur place|a cote)\b"
    r"|\b(il|elle) (habite|vit|est|loge|travaille) (a \d+ ?(km|kilometres?)|loin|a l'autre bout|dans une autre ville|a l'etranger)\b"
    r"|\b\d+ ?(km|kilometres?) (de chez moi|d'ici|de moi)\b|\b(au telephone|au tel|par telephone) avec (lui|elle|moi)\b|\bje suis (loin|au travail|au boulot)\b"
    # « je viens de l'avoir au tel, il est confus », « je suis à 20 min de chez lui » (persona
    # round 95: « restez avec la personne » to a son across town).
    r"|\b(je viens de l'avoir|je l'ai eue?|je l'ai|je viens de lui parler|on vient de se parler) (\w+ ){0,2}(au tel\w*|au telephone|par telephone)\b"
    r"|\bje suis a \d+ ?(min|minutes|h|heures?|km) (de chez (lui|elle)|de (lui|elle)|en voiture)\b")


def is_far_from_person(text: str | None) -> bool:
    """The writer is away from the person in danger (a medical emergency told from afar)."""
    return bool(_FAR_FROM_PERSON.search(normalise(text or "")))


# Someone behind a closed door who no longer answers (« ma voisine de 84 ans n'ouvre plus depuis
# 2 jours, il fait -5 »): the firemen open the door, nobody breaks it in (persona round 92).
# Not someone who fell beside the writer and no longer answers (« ma grand-mère est tombée dans
# la cuisine, elle répond plus quand je lui parle »): the 15's, told by the medical reply.
_UNANSWERING = re.compile(
    r"\b(n'ouvre (plus|pas)|ouvre plus|ne m'ouvre plus|ne donne plus (de )?nouvelles|n'a pas ouvert|volets (\w+ ){0,2}(fermes|restent fermes)|"
    r"(ne repond? (plus|pas)|repond? plus) (au telephone|au tel|depuis|a la porte|aux appels|a mes appels))\b")


# Pills maybe swallowed by someone (« je sais pas s'il en a pris, il a l'air fatigué », « il a
# peut-être avalé des cachets »): the 15 now, even without certainty (persona round 92).
# Someone else's: « j'ai pris tous les cachets » is the writer's own overdose (the suicide reply).
_MAY_HAVE_TAKEN = re.compile(
    r"\b(s'il|si elle|qu'il|qu'elle|il|elle) (en )?a (peut etre |surement |deja |sans doute )?(pris|avale|gobe)\b(?! (froid|peur|rendez vous|rdv|le bus|le train|sa voiture))"
    r"|\b(il|elle|mon fils|ma fille|mon mari|ma femme|mon pere|ma mere|mon frere|ma soeur) (\w+ ){0,2}(a avale|a pris|a gobe) (\w+ ){0,2}(des |les |ses |plein de |trop de )(cachets|medicaments|medocs|comprimes|pilules|anxiolytiques|somniferes)\b")


def may_have_taken_pills(text: str | None) -> bool:
    """Someone else may have swallowed pills."""
    return bool(_MAY_HAVE_TAKEN.search(normalise(text or "")))


def is_unanswering(text: str | None) -> bool:
    """The person in a medical emergency is behind a door and no longer answers."""
    return bool(_UNANSWERING.search(normalise(text or "")))


def move_of(message: CitizenMessage, kind: str | None = None, skip: frozenset[str] = frozenset()) -> str | None:
    """What the citizen does with this message, inside a crisis dialogue of this kind; `skip`:
    moves that mean nothing at this point of the dialogue."""
    text = normalise(message.text or "")
    asked = is_question(message.text or "")
    for move, patterns in _MOVES:
        if move in skip or (kind is not None and kind not in _KIND_MOVES.get(move, frozenset({kind}))):
            continue
        if any(pattern.search(text) for pattern in patterns):
            if move == "false_alarm" and any(p.search(text) for p in dict(_MOVES)["repeats"]):
                # « mdr vs répétez tjr la même chose » (persona round 91: a child's case closed
                # as a false alarm): a complaint about repetition, not a crisis taken back.
                return "repeats"
            return move
    for move, pattern in _ASKED_MOVES.items():
        # Last: a question about a complaint or writing online is answered as such.
        if asked and pattern.search(text) and (kind is None or kind in _KIND_MOVES.get(move, frozenset({kind}))):
            return move
    if message.intent == PERSON_INTENT and not declines_a_person(message.text or ""):
        return "wants_person"
    if message.intent == "thanks":
        return "thanks"
    return None


def answer_of(message: CitizenMessage) -> bool | None:
    """A yes or a no to a yes/no question, from the button, the intent or the words. An
    acknowledgement ("ok", "d'accord") answers nothing: it is no yes to "are you in danger?"."""
    text = normalise(message.text or "")
    if is_acknowledgement(message.text or ""):
        return None
    if message.intent == "affirm" or _YES.search(text):
        return True
    if message.intent == "deny" or _NO.search(text):
        # « Non… enfin si, j'y pense le soir », « jamais… sauf le soir »: a no taken back.
        return True if _TAKEN_BACK.search(text) else False
    if _TOLD_ALREADY.search(text) and not _NO.search(text) and not _NEGATED.search(text):
        # « Je viens de vous le dire » after the question came again (persona round 103: a man
        # who had told the car in the closed garage got « je n'insiste pas »): the answer given
        # was a yes the words did not show.
        return True
    if _YES_INSIDE.search(text):
        # « Des fois j'y pense oui, mais je ferai rien ce soir » (persona round 16: the question
        # came a third time): a yes need not come first.
        return True
    if _NO_SENTENCE.search(message.text or ""):
        # « Monsieur, c'est la quatrième fois que vous me posez cette question. NON. » (persona
        # round 104: a carer asked a fifth time): a no said as a sentence of its own, unless
        # taken back (« non. enfin si des fois »).
        return True if _TAKEN_BACK.search(text) else False
    return None


def takes_message(state: dict[str, Any] | None, message: CitizenMessage,
                  intent_confidence: float, in_dialogue: bool) -> bool:
    """Does the crisis dialogue answer this message? A new crisis or concern always; inside an
    open dialogue, anything but a confident move to another topic."""
    if message.triage.tier is not None:
        return not witness_moves_on(state or {}, message)
    if not (state and state.get("open") and in_dialogue):
        return _line_question_after(state or {}, message, in_dialogue) is not None
    if declines_with_a_question(state, message, intent_confidence):
        return False
    if taps_a_track_button(state, message):
        return False
    if state.get("tier") == QUESTION:
        # A question waits: a confident other topic is the answer "not now" (normal flow).
        leaving = message.intent in LEAVING_INTENTS | {"urgence", "checkin", "trouver_relais"} \
            and intent_confidence >= LEAVING_CONFIDENCE
        return not leaving or answer_of(message) is True or despairs(state, message) or _unsure_of_a_medical(state, message)
    if asks_aside(state, message, intent_confidence) or settled_aside(state, message):
        return False
    checkin = read_checkin_request(message.text)
    if checkin is not None and checkin.kind in (PAUSE, STOP, RESUME, STATUS):
        # « pause rappels », « arrêtez les rappels » (persona round 108: a woman whose partner
        # reads her phone typed it twice inside the violence dialogue, unheard).
        return False
    intents = ACUTE_LEAVING_INTENTS if state.get("kind") in ACUTE_KINDS \
        else LEAVING_INTENTS - _STAYS_WITH_DATA if state.get("kind") in (VIOLENCE, CHILD) else LEAVING_INTENTS
    leaving = message.intent in intents and intent_confidence >= LEAVING_CONFIDENCE
    if leaving and despairs(state, message):
        # « Laissez tomber, personne peut rien pour moi » read as « stop »: hopelessness, in the
        # middle of a suicide dialogue, is no goodbye (persona chat: « D'accord, je m'arrête là »).
        return True
    return not leaving or move_of(message, state.get("kind")) is not None or _tells_more(message) \
        or _tells_how_one_feels(state, message)


def _tells_how_one_feels(state: dict[str, Any], message: CitizenMessage) -> bool:
    """After thoughts of suicide, a statement of how one feels, however long, and whatever track
    the model hears in it (« trente ans à l'usine, je me sens inutile »): the dialogue goes on."""
    text = message.text or ""
    return state.get("kind") in (SUICIDE, SELF_HARM) and not is_question(text) \
        and not _REQUEST.search(normalise(text)) and speaks_of_feelings(text)


# A practical question beside a crisis that is no emergency (« je ne suis pas en danger, je
# demande juste pour le poêle à pétrole, les enfants ont froid »): the track answers it, and the
# lexicon still reads every message after it. Persona round 87: a victim of violence asked three
# times whether a kerosene heater could go in the children's room and got the danger lines.
ASIDE_CONFIDENCE = 0.8
# After an emergency over, the track of a question beside it takes it from this confidence.
OVER_TRACK_CONFIDENCE = 0.5
# The dialogue's state key set while a track answers such an aside: the dialogue goes on after it.
ASIDE_KEY = "aside"
_ASIDE = re.compile(
    r"\b(je demande (juste|seulement|simplement)|je voulais (juste |seulement )?(savoir|demander)|autre question|"
    r"(et|mais) pour (le|la|les|l')|sinon)\b")
# The intents of a track's buttons (relais/track_content payloads).
_TRACK_BUTTON_INTENTS = frozenset({"sujet", "en_savoir_plus", "suite"} | {f"{TRACK_INTENT_PREFIX}{track}" for track in TRACKS})
# Moves that a practical question shares with the dialogue without being about the crisis.
_ASIDE_MOVES = frozenset({None, "safe_now", "what_to_do", "thanks", "false_alarm"})


def taps_a_track_button(state: dict[str, Any], message: CitizenMessage) -> bool:
    """A button of a track's answer tapped (a scenario, « en savoir plus ») beside a crisis that
    is no emergency, or once the secours are reached: the track answers it (persona round 90:
    « Entreprise en faillite » got the safety plan's next question)."""
    kind = state.get("kind") or SUICIDE
    return (message.text or "").startswith("/") and message.intent in _TRACK_BUTTON_INTENTS \
        and (kind not in ACUTE_KINDS or bool(state.get("reached")))


def asks_aside(state: dict[str, Any], message: CitizenMessage, intent_confidence: float) -> bool:
    """A practical question, confidently about a track, beside a crisis that is no emergency."""
    text = message.text or ""
    kind = state.get("kind") or SUICIDE
    if taps_a_track_button(state, message):
        return True
    # Once the secours are reached or on site, an emergency's practical question is an aside too
    # (persona round 89: « les pompiers sont là… comment je fais à manger ce soir sans gaz ? »
    # got the gas lines twice); its gas is the danger, no means of a plan.
    reached = bool(state.get("reached"))
    skip = _SKIPPED_ONCE_REACHED if reached else frozenset()
    return (kind not in ACUTE_KINDS or reached) and (message.intent or "").startswith(TRACK_INTENT_PREFIX) \
        and intent_confidence >= ASIDE_CONFIDENCE \
        and (is_question(text) or bool(_ASIDE.search(normalise(text)))) \
        and move_of(message, kind, skip=skip) in _ASIDE_MOVES and not despairs(state, message) \
        and not (describes_plan(text) and not (reached and kind in ACUTE_KINDS)) and not tells_pills_taken(text) \
        and not _emergency_practicality(text, kind)


def declines_with_a_question(state: dict[str, Any], message: CitizenMessage, intent_confidence: float) -> bool:
    """« Nan c'est rien… c'est quand qu'on taille les framboisiers ? »: a no to the crisis
    question with a practical question beside it, which its track answers (persona round 87:
    the question was lost behind « pardon si la question a surpris »)."""
    text = message.text or ""
    return state.get("tier") == QUESTION and answer_of(message) is False \
        and (message.intent or "").startswith(TRACK_INTENT_PREFIX) and intent_confidence >= ASIDE_CONFIDENCE \
        and text.rstrip().endswith("?") and not despairs(state, message) and not describes_plan(text) \
        and not _SOMEONE_ELSE.search(normalise(text)) and not _NOT_NOW_BUT_AFRAID.search(normalise(text))


def continues_dialogue(previous_action: str | None, state: dict[str, Any] | None) -> bool:
    """The crisis dialogue answered the message before, or a track answered, just before, a
    practical aside beside it (asks_aside): an aside answered long ago keeps nothing open."""
    return previous_action == CRISIS_ACTION \
        or (previous_action == TRACK_ACTION and bool((state or {}).get(ASIDE_KEY)))


def closed_after_no(state: dict[str, Any]) -> dict[str, Any]:
    """The dialogue's state once its question was answered no."""
    return _closed(state, str(state.get("last") or ""))


def despairs(state: dict[str, Any] | None, message: CitizenMessage) -> bool:
    """Hopelessness, in a suicide or self-harm dialogue or question."""
    return state is not None and state.get("kind") in _DESPAIR_KINDS \
        and bool(_DESPAIR.search(normalise(message.text or "")))


# An anxiety or panic attack named by the one who has it.
_PANIC = re.compile(
    r"\b(c'est (juste |surement |sans doute |peut etre |que |seulement |encore )?(de |une |mon |ma )?"
    r"(l'angoisse|angoisse|crise d'angoisse|crise de panique|attaque de panique|panique|le stress|du stress|l'anxiete|crise d'anxiete)|"
    r"(je fais|j'ai fait|j'ai|je refais|je suis en) (une |encore une )?(crise d'angoisse|crise de panique|attaque de panique|crise d'anxiete|panique)|"
    r"je suis (tres |trop |hyper )?(angoissee?|stressee?))\b")
# A panic told of someone else (« je panique, c'est mon mari, il respire mal »): the emergency stands.
_SOMEONE_ELSES_BODY = re.compile(
    r"\b(mon|ma|mes|son|sa|notre) (mari|femme|fils|fille|pere|mere|papa|maman|bebe|copain|copine|voisine?|enfants?|frere|soeur|amie?|"
    r"conjointe?|compagne?|grand pere|grand mere|papi|mamie|collegue)\b|\b(il|elle) (fait|a|respire|est|tremble|saigne)\b")
# Fear of the person, or a danger denied only for now, answering the violence question.
_NOT_NOW_BUT_AFRAID = re.compile(
    r"\b(il|elle) me fait (tres |vraiment )?peur\b|\bj'ai (\w+ )?peur (de lui|d'elle|qu'il|quil|qu'elle|de mon pere|de ma mere|de mon beau pere|de ma belle mere|de mon daron|de mon frere)\b"
    r"|\bpas (en danger )?(la |pour )?(maintenant|tout de suite|pour l'instant|pour le moment|ce soir|aujourd'hui)\b")


# Words of hopelessness that keep a suicide or self-harm dialogue open even when the model reads
# a « stop » or a track in them, and that answer its question as a yes would (persona round 16:
# « laissez tomber, ça sert à rien » ended the dialogue on the question, with no one told).
_DESPAIR_KINDS = frozenset({SUICIDE, SELF_HARM})
_DESPAIR = re.compile(
    r"\b(personne (ne |n')?(peut|pourra|peux|pourrait) (\w+ )?(rien )?(faire )?pour moi|personne (ne )?m'aide\w*|"
    r"rien (ne |n')?(sert|servira|changera|marche)|a quoi bon|ca (ne )?sert a rien|plus la peine|"
    r"(me|m') (laisse|laissent|lache|lachent) tomber|tout le monde s'en fout|je (suis|serais) (un )?(fardeau|poids)|"
    r"je vois pas le bout|je vois plus le bout|j'en peux plus|je n'en peux plus|(plus|pas) envie de rien|"
    r"plus envie de (vivre|continuer|me battre)|ca sert (plus )?a rien de continuer|"
    # Not « de plus en plus d'espoir », nor a thing that is done for (« tout est foutu dans ce
    # moteur »), nor a dead end in a street (a review of round 109's words).
    r"tout est foutu(?! (dans|pour|avec|sur|a cause))|(?<!en )plus (d'|aucun )?espoir(?! pour (l'|le |la |les ))|aucun espoir(?! pour (l'|le |la |les ))"
    r"|je (ne )?vois (pas|plus) d'issue|(?<!voie )(?<!rue )(?<!impasse )sans issue)\b")


# A statement read as a track ("il habite à 200 km de chez moi" about a friend at risk,
# "on n'a plus de chauffage", "quand je reste couché toute la journée et que je réponds plus au
# téléphone" to « qu'est-ce qui vous met en alerte ? ») tells more about the crisis; a question,
# a request ("je voudrais des conseils pour mon potager") or a long message is the citizen moving on.
_SHORT_STATEMENT_WORDS = 25
_REQUEST = re.compile(
    r"\b(je voudrais|je veux|j'aimerais|je cherche|j'ai besoin|besoin d'|conseils?|aidez moi|aide pour|"
    r"parler de|parlons|sinon|autre chose|revenons|passons|comment)\b")


def _asks_its_track(message: CitizenMessage, confidence: float = ASIDE_CONFIDENCE) -> bool:
    """The message asks something a track answers, and the model is sure enough of that track."""
    text = message.text or ""
    return (message.intent or "").startswith(TRACK_INTENT_PREFIX) and message.intent_confidence >= confidence \
        and (is_question(text) or bool(_REQUEST.search(normalise(text))) or bool(_ASIDE.search(normalise(text))))


def _tells_more(message: CitizenMessage) -> bool:
    text = message.text or ""
    words = normalise(text)
    return (message.intent or "").startswith(TRACK_INTENT_PREFIX) and not is_question(text) \
        and not _REQUEST.search(words) and len(words.split()) <= _SHORT_STATEMENT_WORDS


def next_turn(state: dict[str, Any] | None, message: CitizenMessage,
              in_dialogue: bool = True) -> CrisisTurn | None:
    """The crisis dialogue's answer to `message`, or None when the message is not for it."""
    state = dict(state or {})
    triage = message.triage
    if not in_dialogue and _resumes(state, triage):
        # The same danger told again after a detour (« je vous l'ai déjà dit, il me frappe »):
        # the dialogue goes on, with the numbers, not its first block or its question again
        # (persona round 88: a victim got « est-ce que quelqu'un vous fait du mal ? »).
        return _in_dialogue(state, message)
    if _minor_at_home(state, message) and not (state.get("open") and in_dialogue and state.get("tier") == CERTAIN):
        # A young person afraid at home (« mon père a jeté une assiette, j'ai peur », after
        # « j'ai 16 ans » or « je suis en seconde »): the 119, spoken to them, never the suicide
        # question nor the women's line first (persona round 104: a boy of 16). A cue only (a
        # concern, a joke) is asked about first: no case on « peur de ma mère si elle voit mon
        # bulletin » (review).
        if triage.tier == CERTAIN and not jokes(message.text):
            return _first(state, CHILD, message.first_reply_sent, message.text)
        if not (state.get("open") and state.get("tier") == QUESTION and state.get("writer") == "child"):
            return _ask_the_young({**state, "writer": "child"}, message.text)
    if tells_witnessed_violence(message.text) \
            and (not state.get("open") or (state.get("tier") == QUESTION and state.get("kind") == VIOLENCE)):
        # The writer saw or heard violence against someone else: a witness's numbers.
        return _witness(state, message.text)
    if state.get("writer") == WITNESS and tells_violence_to_another(message.text) and not state.get("open") \
            and stays_a_witness(message):
        # The witness tells it again, in words that would be a victim's in a first message
        # (persona round 99: « elle se fait frapper, j'appelle le 17 ou pas ? » got « ce n'est
        # pas de votre faute », a victim's escape bag and a priority case).
        return _witness(state, message.text)
    if state.get("writer") == WITNESS and not state.get("open") and triage.kind in (VIOLENCE, None) \
            and _DANGER_TO_LIFE.search(normalise(message.text or "")) and not writer_is_hit(message.text) \
            and not _WITNESS_IS_VICTIM.search(normalise(message.text or "")):
        # « Il a un couteau, il va la tuer »: the 17 now, and the team told (review of persona
        # round 99's fixes: the witness's text again, no case).
        line = crisis_content().text("violence_witness_danger")
        new_state = {**state, "open": True, "tier": CERTAIN, "kind": VIOLENCE, "step": 0, "last": line}
        return CrisisTurn(lines=(line,), state=new_state, case=CASE_OPEN, kind=VIOLENCE)
    if state.get("writer") == WITNESS and (triage.tier == CERTAIN or writer_is_hit(message.text)):
        # The witness now tells violence against themselves: they are the one asked about.
        state = {**state, "writer": None}
    if not (state.get("open") and in_dialogue):
        if triage.tier == CERTAIN:
            return _first(state, triage.kind, message.first_reply_sent, message.text)
        if triage.tier == QUESTION and triage.kind == VIOLENCE and state.get("writer") == WITNESS:
            # « 3919 c'est pour ça ? ou le 17 ? » after the witness's numbers: not « est-ce que
            # quelqu'un vous fait du mal ? » (persona round 97, asked three times).
            return None if witness_moves_on(state, message) else _witness(state, message.text)
        if triage.tier == QUESTION:
            return _ask(state, triage.kind, message.text)
        return _line_question_after(state, message, in_dialogue)
    return _in_open_dialogue(state, message)


# A young person's fear at home, in answer to their question (« il rentre ce soir, j'ai peur »).
_YOUNG_AFRAID = re.compile(r"\b(peur|il rentre|elle rentre|il revient|elle revient|recommence|recommencer|il boit|il a bu)\b")


def _ask_the_young(state: dict[str, Any], text: str | None) -> CrisisTurn:
    """The child kind's question, spoken to the young person about their own home."""
    turn = _ask(state, CHILD, text)
    line = crisis_content().text("question_preface") + _lower_first(crisis_content().text("child_self_question"))
    return replace(turn, lines=turn.lines[:-1] + (line,), state={**turn.state, "writer": "child", "last": line})


def _minor_at_home(state: dict[str, Any], message: CitizenMessage) -> bool:
    """Violence told or asked about by a writer known to be a minor (the action sets « minor »
    from the conversation), at their own home, not a neighbour's."""
    return bool(state.get(MINOR_KEY)) and message.triage.kind == VIOLENCE and message.triage.tier in (CERTAIN, QUESTION) \
        and not _NEIGHBOUR.search(normalise(message.text or "")) and state.get("writer") != WITNESS


def _answered_lines(message: CitizenMessage, kind: str | None) -> tuple[str, ...]:
    """The texts of every such question the message asks (« c'est grave ? je lui dis que j'ai
    lu son téléphone ? »: both answered), in the order of the dialogue's moves."""
    text = normalise(message.text or "")
    return tuple(crisis_content().text(move) for move, patterns in _MOVES
                 if move in _ANSWERED_MOVES and (kind is None or kind in _KIND_MOVES.get(move, frozenset({kind})))
                 and any(pattern.search(text) for pattern in patterns))


def _line_question_after(state: dict[str, Any], message: CitizenMessage, in_dialogue: bool = True) -> CrisisTurn | None:
    """After a dialogue about thoughts of suicide ended: « le 3114, je peux les appeler même
    si… ? », « qu'on m'appelle plutôt ? » get their answer, not a track's."""
    if state.get("writer") == WITNESS and state.get("kind") == VIOLENCE:
        # Only right after the witness's answer: later, « je peux mettre mon nom sur la boîte aux
        # lettres ? » is no witness's question (review of persona round 99's fixes).
        return _witness_answer(state, message) if in_dialogue else None
    kept = tuple(key for key in _question_practicality(state.get("kind"), message) if key in _SAFETY_PRACTICALITIES)
    if kept:
        # « Je peux toucher le disjoncteur les pieds dans l'eau ? » asked again after « pas en
        # danger »: the same safety answer, from the dialogue that knows it.
        table = _table(_PRACTICAL_TABLE[state["kind"]])
        lines = tuple(str(table[_variant(table, key, state)]) for key in kept)
        return CrisisTurn(lines=lines, state={**state, "last": lines[-1]}, kind=state.get("kind"))
    if state.get("kind") not in (SUICIDE, SELF_HARM, OTHER_AT_RISK):
        return None
    move = move_of(message, state.get("kind"))
    if move not in _ANSWERED_MOVES:
        return None
    lines = _answered_lines(message, state.get("kind"))
    return CrisisTurn(lines=lines, state={**state, "last": lines[-1]}, kind=state.get("kind"))


def _in_open_dialogue(state: dict[str, Any], message: CitizenMessage) -> CrisisTurn:
    if state.get("tier") == QUESTION:
        return _after_question(state, message)
    turn = _in_dialogue(state, message)
    if turn.state.get("open") and not turn.state.get(SETTLED_KEY) and _settles(message, turn.state.get("kind")):
        settled = {**turn.state, SETTLED_KEY: True}
        words = normalise(message.text or "")
        if is_question(message.text or "") and _ELSEWHERE.search(words) and _asks_its_track(message, OVER_TRACK_CONFIDENCE) \
                and not turn.case:
            # « Oui je suis à l'abri. Maintenant, comment je déclare à mon assurance ? »: glad,
            # then the question answered by its track, in the same turn.
            line = crisis_content().lines("safe_now")[0]
            return CrisisTurn(lines=(line,), state={**settled, "last": line}, kind=turn.kind, then_track=True)
        return replace(turn, state=settled)
    return turn


# The state key set once the citizen told they are safe now or that help was called: from then
# on a question about something else leaves the dialogue (settled_aside). Persona round 100:
# after « je suis à l'abri », « ils envoient une patrouille », « j'ai appelé le 15, ils ne
# viennent pas », five citizens got the numbers again for up to nine turns, their insurance,
# food or heat-wave questions never answered.
SETTLED_KEY = "settled"
# The state key the action sets when the writer said, in this conversation, they are a minor
# (relais.safety.minor_in_conversation).
MINOR_KEY = "minor"
# A call that did not get through, read before any call told as made.
_FAILED_CALL = (r"raccroche|occupe|repond\w* pas|ne repond\w*|viennent pas|vient pas|peuvent pas|pas venir|pas pu|pas reussi|"
                r"pas encore|toujours pas")
_HELP_CALLED = re.compile(
    rf"^(?!.*\b({_FAILED_CALL}|sonne dans le vide)\b).*"
    r"\b((j'ai|on a|je les ai|je l'ai|nous avons) (deja |bien )?(appele|prevenu|contacte|eu) (le |la |les )?(15|17|18|112|114|119|3114|3919|samu|"
    r"police|flics|keufs|gendarmes?|pompiers|secours)|(ils|la police|les flics|les gendarmes|les pompiers|le samu|les secours|une patrouille) "
    r"(\w+ )?(envoient|envoie|arrivent|sont la|sont arrives|sont venus)|"
    r"(le docteur|le medecin|le 15|le samu) (\w+ )?(m'a|m'ont|nous a|nous ont) dit de|"
    r"je (ne )?(ferai|ferais) (jamais )?rien|(pas|aucun) (de )?projet)\b")


# The one who was unwell feels better; not while a sign is still there (« ça va mieux mais j'ai
# encore la tête qui tourne »).
_FEELS_BETTER = re.compile(r"\b(ca va (un peu |beaucoup |bien |nettement |deja )?mieux|je vais (un peu |beaucoup |bien |deja )?mieux|"
                           r"je me sens (un peu |beaucoup |bien |deja )?mieux|je suis remise?|c'est passe|ca va maintenant)\b")
_STILL_UNWELL = re.compile(r"\b(toujours|encore|mais|sauf|par contre|quand meme|juste|bras|jambe|visage|bouche|parle\w*|flou|vois|"
                           r"poitrine|coeur|palpit\w*|respir\w*|souffle|vomi\w*|fievre|mal|douleur|vertiges?|tourne|sens plus|"
                           r"engourdi\w*|fourmi\w*|confus\w*|tete|saign\w*|froid|tremble\w*|malaise)\b")


# The state's mark of those signs told once (« il est conscient, il dit que ça va » after them).
HOT_SIGNS_KEY = "hot_signs"
# Signs of heat illness told of the person found or reached.
_STILL_HOT = re.compile(r"\b(tout rouge|toute rouge|est rouge|(tres|trop|super) chaud|brulante?|il a chaud|elle a chaud|pas soif|"
                        r"refuse de boire|veut pas boire|boit pas|boit rien|a rien bu|il fait 3\d|fait 4\d)\b")


def _settles(message: CitizenMessage, kind: str | None) -> bool:
    """The message tells the writer safe now, or help called or reached."""
    words = normalise(message.text or "")
    if not words or message.triage.tier == CERTAIN or describes_plan(message.text) or despairs({"kind": kind}, message):
        return False
    if kind == MEDICAL and _STILL_HOT.search(words):
        # « Elle l'a trouvé… il est rouge et il a très chaud, il dit qu'il a pas soif » (persona
        # round 111: « je suis soulagé de le lire », then a cycling workshop): found, but with
        # the signs of heat illness, the emergency goes on.
        return False
    told = _told_not_asked(message.text)
    away = kind in (VIOLENCE, CHILD) and bool(_AWAY.search(told))
    return move_of(message, kind) in ("safe_now", "emergency_over") or _only_denies_danger(message) or away \
        or "help_reached" in practical_asks(message.text, kind or SUICIDE) or bool(_HELP_CALLED.search(told))


# The one who hits is away for now (« là ça va, il est au boulot »), nothing said of a return.
# Persona round 106: a boy of 16 safe in his room while his father slept got « je vous lis »
# for ten turns: asleep, calmed down, gone out, and the writer in their room, calm, say it too.
_AWAY = re.compile(r"^(?!.*\b(revien\w*|revenir|r?e?rentre\w*|retour|regler|menac\w*|tu(e|er|era|erait|eras)|peur|crie\w*|hurle\w*|gueul\w*|"
                   r"frapp\w*|tape|cogne|bat|battre|defonce\w*|casse\w*|porte|encore|toujours|mais|sinon|peau|enferm\w*|cle|seule?|"
                   r"tout seul|toute seule|avec (lui|elle|mon|ma|mes)|bebe|saign\w*|couteau|arme|bu|boit|bourre|saoul|recommenc\w*|"
                   r"demain|plus calme)\b).*"
                   r"\b((il|elle) (est|sont) (au boulot|au travail|pas la|absente?|partie?|sortie?|couchee?|endormie?)|"
                   r"(il|elle) (dort|s'est (calmee?|endormie?|couchee?))|(il|elle) est calme|"
                   r"je suis (tranquille |au calme |bien )?(dans ma chambre|chez (ma|mon) \w+)( ca va| tranquille| au calme)?)\b")


def _told_not_asked(text: str | None) -> str:
    """The message's statements, without its questions (« ils viennent ce soir ? » tells nothing)."""
    return normalise(" ".join(part for part in sentences(text) if "?" not in part))


# A question or request about something else, once settled: the words of another subject, and
# none of the danger's (review of persona round 100-101's fixes: « au fait il revient ce soir »,
# « si ça revient cette nuit je fais quoi ? » left the dialogue).
_ELSEWHERE = re.compile(r"\b(assurance|facture|bourse|crous|caf|loyer|bailleur|proprio|proprietaire|syndic|banque|"
                        r"courses|patron|doleance|chauffage|electricite|edf|moisissure\w*|humidite|canicule|clim\w*|volets|"
                        r"registre|impots|credit|pension|apl|chomage|france travail|retraite)\b")
_STILL_IN_DANGER = re.compile(
    r"\b(revien\w*|revenir|rentre\w*|peur|menac\w*|tue\w*|tuer|frapp\w*|tape|cogne|porte|serrure|cachets?|corde|arme|couteau|"
    r"recommenc\w*|pensees?|idees?|envie|mourir|mort|seule?|personne|3114|3919|119|17|15|112|numero|lettre|nuit|ce soir|"
    r"respir\w*|saign\w*|reveill\w*|bouge|mal|douleur|boire|bois|bu|alcool|bleus?|marques?|bless\w*|cass\w*|pris|vole|coupe|"
    r"infirmerie|hopital|urgences)\b|\b(il|elle) (m'a|a|nous a|lui a) \w+")


# Words of an end beside a practical question, in a suicide or self-harm dialogue.
_VEILED_FINALITY = re.compile(r"\b(m'endors|m'endormir|me reveille plus|ne plus me reveiller|pour de bon|pour toujours|definitivement|"
                              r"en finir|disparaitre|plus jamais|sans me reveiller)\b")


def settled_aside(state: dict[str, Any], message: CitizenMessage) -> bool:
    """Once settled, a question or a new subject that is none of the dialogue's moves goes to the
    rest of Relais, whatever the model reads in it."""
    if not (state.get(SETTLED_KEY) or state.get("reached")) or message.triage.tier is not None:
        return False
    text = message.text or ""
    words = normalise(text)
    kind = state.get("kind") or SUICIDE
    asks = is_question(text) or bool(_REQUEST.search(words) or _ASIDE.search(words) or _MOVES_ON.search(words))
    skip = _SKIPPED_ONCE_REACHED if state.get("reached") else frozenset()
    move = move_of(message, kind, skip=skip)
    # Another subject named, or asked of a track the model is fairly sure of (persona round 106:
    # a boy safe in his room asked about a summer job and got « je vous lis »).
    # A topic said in its own words is another subject too (persona round 109: a farmer safe
    # with his wife asked four times who could replace him on the farm, and got the dialogue).
    elsewhere = bool(_ELSEWHERE.search(words)) or _asks_its_track(message, OVER_TRACK_CONFIDENCE) \
        or said_topic(text) is not None
    if kind in _DESPAIR_KINDS and _VEILED_FINALITY.search(words):
        # « La cheminée, si je la rallume sans ramoner et que je m'endors, c'est dangereux ? »,
        # « la ferme, je veux m'arrêter pour de bon » (a review): the dialogue keeps it.
        return False
    if not elsewhere or _STILL_IN_DANGER.search(words) or move not in (None, "thanks", "what_to_do"):
        # Only another subject named, and nothing of the danger (« je fais quoi ? » alone is the
        # dialogue's own question).
        return False
    return asks and not despairs(state, message) and not describes_plan(text) \
        and not tells_pills_taken(text) and not _emergency_practicality(text, kind) \
        and not _tells_how_one_feels(state, message)


def _resumes(state: dict[str, Any], triage: Triage) -> bool:
    """An open, certain dialogue and the same kind of danger told again (or asked about)."""
    return bool(state.get("open")) and state.get("tier") == CERTAIN and triage.tier is not None \
        and triage.kind in (None, state.get("kind"))


def _first(state: dict[str, Any], kind: str | None, edge_sent: bool, text: str | None,
           preface: tuple[str, ...] = ()) -> CrisisTurn:
    """The kind's first reply, spoken to who writes (`_writer`): a young person about their own
    home gets the child kind's reply spoken to them, a man hit by his partner his own, a medical
    emergency told from afar or about a baby its own."""
    content = crisis_content()
    if kind in (VIOLENCE, CHILD) and state.get(MINOR_KEY) and state.get("writer") not in (WITNESS, "neighbour") \
            and not _NEIGHBOUR.search(normalise(text or "")):
        # Hit or afraid at home, and under 18: the 119 is theirs (Allô Enfance en Danger),
        # spoken to them.
        kind, state = CHILD, {**state, "writer": "child"}
    crisis_kind = content.kind(kind or SUICIDE)
    raised = state.get("tier") == CERTAIN and state.get("kind") != crisis_kind.id
    writer = _writer(crisis_kind.id, text, state.get("writer"))
    first = crisis_kind.first
    if (crisis_kind.id, writer) in _FIRST_OF_WRITER:
        first = content.text(_FIRST_OF_WRITER[(crisis_kind.id, writer)])
    if writer == "infant" and _FEVER.search(normalise(text or "")):
        first = content.text("medical_infant_fever_first")
    elif crisis_kind.id == MEDICAL and writer != "infant" and (_tells_child_fever(text) or state.get(CHILD_FEVER_KEY)) \
            and not _RED_FLAGS.search(normalise(text or "")):
        # A child's fever (persona round 108: « mon fils de 8 ans a 39,5, il est tout mou » got
        # the bystander's lines, massage cardiaque included).
        first = content.text("medical_child_fever_first")
        state = {**state, CHILD_FEVER_KEY: True}
    if crisis_kind.id in (MEDICAL, DANGER) and (speaks_of_carbon_monoxide(text) or state.get("carbon_monoxide")):
        first = content.text("carbon_monoxide_first")
    elif crisis_kind.id == DANGER and speaks_of_a_gas_leak(text):
        # Out first, then the call from outside (persona round 89: « appelez le 112 maintenant »
        # came first, the way out third, between being followed and rising water).
        first = content.text("gas_first")
    line = content.text("after_edge") + " " + crisis_kind.reminder if edge_sent else first
    lines = preface + (line,)
    if writer == "self" and not edge_sent:
        # « C'est moi qui suis pas bien… mais pour mes cachets je fais quoi ? »: answered too.
        table = _table(_PRACTICAL_TABLE[MEDICAL])
        own = {**state, "writer": "self", "heat": bool(state.get("heat")) or speaks_of_heat(text)}
        lines += tuple(str(table[_variant(table, key, own)]) for key in _emergency_practicality(text, MEDICAL)
                       if key in _SELF_FIRST_ANSWERS)
    new_state = {**state, "open": True, "tier": CERTAIN, "kind": crisis_kind.id, "step": 0,
                 "last": line, "asked": 0, "writer": writer, "reached": False,
                 "heat": bool(state.get("heat")) or speaks_of_heat(text),
                 "young": bool(state.get("young")) or speaks_of_a_young_person(text),
                 "carbon_monoxide": bool(state.get("carbon_monoxide")) or speaks_of_carbon_monoxide(text)}
    return CrisisTurn(lines=lines, state=new_state, case=CASE_RAISE if raised else CASE_OPEN,
                      kind=crisis_kind.id)


# The state's mark of a child's fever (its answers: relais/content/crisis.yml, *_child_fever).
CHILD_FEVER_KEY = "child_fever"
# Signs that are no fever's: the emergency's own lines (CPR, bleeding) answer, not the fever's
# (a review: « oui elle respire plus, elle est toute bleue » got « faites-le boire »).
_RED_FLAGS = re.compile(
    r"\b(respire (plus|pas|mal)|ne respire|bleue?|inconsciente?|convuls\w*|ne (repond|reagit) plus|(repond|reagit) plus|"
    r"saigne\w*|sang|tombee?|s'est cogne\w*|malaise|etouffe\w*|avale)\b")


def _tells_child_fever(text: str | None) -> bool:
    """A child's fever: the writer's child named, or a child's dose without an adult named."""
    words = normalise(text or "")
    return bool(_FEVER.search(words)) and bool(
        _CHILD_OF_WRITER.search(words) or (_CHILD_S_DOSE.search(words) and not _AN_ADULT.search(words)))


# Practicalities answered beside the first reply of a writer who is unwell.
_SELF_FIRST_ANSWERS = frozenset({"medicine", "cooling", "what_to_take"})


# The first reply of a kind for one writer: (kind, writer) -> key of relais/content/crisis.yml.
_FIRST_OF_WRITER: dict[tuple[str, str | None], str] = {
    (CHILD, "child"): "child_self_first", (VIOLENCE, "man"): "violence_male_first",
    (MEDICAL, "far"): "medical_far_first", (MEDICAL, "infant"): "medical_infant_first",
    (MEDICAL, "unanswering"): "medical_unanswering_first", (MEDICAL, "overdose"): "medical_overdose_first",
    (MEDICAL, "self"): "medical_self_first",
}


# The writer who saw or heard violence against someone else (relais/violence_witness.py).
WITNESS = "witness"


def _witness(state: dict[str, Any], text: str | None = None) -> CrisisTurn:
    """What a witness of violence can do; said again shorter. No case: the writer is not in
    danger; a person is offered."""
    content = crisis_content()
    again = state.get("writer") == WITNESS and state.get("kind") == VIOLENCE
    lines: tuple[str, ...] = (content.text("violence_witness_again" if again else "violence_witness"),)
    asked = witness_question(text)
    if again and asked not in (None, "violence_witness_again"):
        # « Elle se fait frapper. J'appelle le 17 ou pas ? J'ai peur qu'il sache que c'est moi. »
        lines += (content.text(asked),)
    new_state = {**state, "open": False, "tier": None, "kind": VIOLENCE, "writer": WITNESS, "last": lines[-1]}
    return CrisisTurn(lines=lines, state=new_state, offer_person=True, kind=VIOLENCE)


# The witness tells being the one hit (« elle c'est moi en fait », « je suis victime de
# violences conjugales »), or a danger to life now (« il va la tuer », « elle bouge plus »).
_WITNESS_IS_VICTIM = re.compile(
    r"(?<!que )(?<!sache )(?<!savoir )\b(c'est moi|c moi|cest moi)\b(?! qui (ai|a) (appele|prevenu|signale|porte plainte))"
    r"|\bje suis (la )?victime\b|\bmoi aussi\b|\b(elle|la voisine|la copine|cette femme|la femme),? (c'est|c|cest) moi\b")
_DANGER_TO_LIFE = re.compile(
    r"\b(couteau|arme|fusil|tuer|la tue|va la tuer|etrangle\w*|bouge plus|respire plus|par terre|inconsciente?|saigne\w*|sang|"
    r"ne reagit plus|reagit plus)\b")


def stays_a_witness(message: CitizenMessage) -> bool:
    """Violence told again by a witness that is still theirs to report: not a crisis of another
    kind (a child, a body on the floor), not the writer hit, not a danger to life now."""
    words = normalise(message.text or "")
    triage = message.triage
    if triage.tier == CERTAIN and triage.kind not in (VIOLENCE, None):
        return False
    return not writer_is_hit(message.text) and not _WITNESS_IS_VICTIM.search(words) and not _DANGER_TO_LIFE.search(words)


def witness_moves_on(state: dict[str, Any], message: CitizenMessage) -> bool:
    """A witness, told what to do, names a number on the way to another subject (« ok le 3919
    je vais voir. sinon, ma facture d'élec a doublé », persona round 99: the numbers again)."""
    return state.get("writer") == WITNESS and not state.get("open") and message.triage.tier == QUESTION \
        and message.triage.kind == VIOLENCE and bool(_MOVES_ON.search(normalise(message.text or ""))) \
        and not tells_violence_to_another(message.text) and not _DANGER_TO_LIFE.search(normalise(message.text or ""))


def _witness_answer(state: dict[str, Any], message: CitizenMessage) -> CrisisTurn | None:
    """A witness's question about calling, being known or stepping in; None for anything else
    (« sinon, ma facture a doublé » is a track's)."""
    words = normalise(message.text or "")
    if _MOVES_ON.search(words) or not (is_question(message.text or "") or _WITNESS_ASKS.search(words)):
        return None
    key = witness_question(message.text)
    if key is None:
        return None
    line = crisis_content().text(key)
    return CrisisTurn(lines=(line,), state={**state, "last": line}, kind=VIOLENCE, offer_person=True)


# A witness's question without a question mark (« jappel le 17 ou pas », « dites moi si »).
_WITNESS_ASKS = re.compile(r"\b(ou pas|est ce que|je dois|faut il|il faut|dites moi|je peux|on peut)\b")
# Another subject announced (« ok le 3919 je vais voir. sinon autre truc, ma facture… »).
_MOVES_ON = re.compile(r"\b(sinon|sinn|snn|autre (truc|chose|question|sujet)|au fait|a part ca|rien a voir|changeons|passons)\b")


# The police called or on the way, in a child's or a violence dialogue.
_POLICE_CALLED = re.compile(
    rf"^(?!.*\b({_FAILED_CALL})\b).*"
    r"\b((j'ai|on a|je les ai) (deja )?(appele|prevenu|fait) (le |la )?(17|112|police|flics|keufs|gendarmes?)|"
    r"(ils|la police|les flics|les gendarmes|une patrouille) (\w+ )?(envoient|envoie|arrivent|sont la|sont arrives|viennent|vient)(?! pas))\b")
# A young person's own questions, not a neighbour's.
_YOUNG_WRITER_MOVES = frozenset({"child_119_for_me", "child_school_staff"})
# Spoken to the young person only: a parent or a neighbour asking « je fais quoi s'il rentre ? »
# gets the child kind's other answers.
_CHILD_WRITER_MOVES = frozenset({"child_tonight", "child_line_for_young", "child_live_elsewhere"})
_POLICE_CALLING = re.compile(r"^(?!.*\b(si j|ou pas|peur|tuer|tue|me tue|apres)\b).*"
                             r"\b(j'appelle|jappel\w*|j'appel|je vais appeler|j'vais appeler|japl|j'apl) (le |la |les )?(17|112|police|flics|keufs|gendarmes?)\b")


# The child is a neighbour's (« le voisin gueule sur son fils », « j'entends le petit d'à côté »).
_NEIGHBOUR = re.compile(r"^(?!.*\b(ma fille|mon fils|mes enfants|mon petit frere|ma petite soeur|mon frere|ma soeur|mon bebe|mes petits)\b)"
                        r".*\b((le|la|les|mon|ma|mes|des|du) voisins?|(le|la|les|mon|ma|mes|des|du) voisine|a travers le mur|d'a cote|"
                        r"chez les voisins|l'appart d'en face|de l'immeuble|du palier)\b")


def _writer(kind: str, text: str | None, known: str | None) -> str | None:
    """Who the crisis is told by or about, when it changes what Relais says."""
    known = None if known == WITNESS else known
    if kind == CHILD and (writes_as_minor(text) or known == "child"):
        return "child"
    if kind == CHILD and (known == "neighbour" or _NEIGHBOUR.search(normalise(text or ""))):
        # A child next door, heard through the wall: not « restez près de l'enfant ».
        return "neighbour"
    if kind == VIOLENCE and is_male_victim(text):
        return "man"
    if kind == MEDICAL and is_unanswering(text) and not may_have_taken_pills(text):
        # Before the far writer: someone who no longer answers is checked on by the firemen,
        # who open the door, wherever the writer is (persona round 97: a daughter at work).
        return "unanswering"
    if kind == MEDICAL and is_far_from_person(text):
        return "far"
    if kind == MEDICAL and (is_about_a_baby(text) or known == "infant"):
        return "infant"
    if kind == MEDICAL and may_have_taken_pills(text):
        return "overdose"
    if kind == MEDICAL and known is None and writes_of_own_body(text):
        # The writer is the one unwell (« c'est moi qui suis pas bien, je suis seule »): spoken
        # to, not told to stay with « la personne » (persona rounds 99 and 100: a woman alone
        # in a heat wave got the bystander's script and CPR).
        return "self"
    return known


# A baby (« mon bébé de 6 semaines », « le nourrisson », « ma fille de 2 mois »).
_BABY = re.compile(
    r"\b(bebe|bb|nourrisson|nourisson|nouveau ne|nouveaux nes)\b"
    r"|\b(enfant|fils|fille|petit|petite|garcon|neveu|niece|petit fils|petite fille) (de |d')?"
    r"(\d{1,2}|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze) (jours?|semaines?|mois)\b")
# A fever told: the word, or a temperature of 38 to 41 (« 38,5 » is « 38 5 » once normalised).
_FEVER = re.compile(
    r"\b(fievre|temperature|febrile)\b|\b(3[89]|4[01])( \d)?\b(?! (ans|kg|kilos?|euros?|semaines|mois|jours|km|minutes?|min)\b)")


# A child's dose asked with the fever (« j'ai du doliprane », « il fait 26 kg »), no adult named.
_CHILD_S_DOSE = re.compile(r"\b(doliprane|sirop|pipette|\d+ ?kg|\d+ kilos)\b")
_AN_ADULT = re.compile(r"\b(mon|ma) (mari|femme|pere|mere|conjointe?|compagnon|compagne|copain|copine|voisine?|grand pere|grand mere|papa|maman)\b"
                       r"|\b(mamie|papi|papy|mamy)\b")
# The writer's child (« mon fils de 8 ans », « ma petite »).
_CHILD_OF_WRITER = re.compile(r"\b(mon|ma|mes|notre|nos) (fils|fille|filles|enfants?|petit|petite|garcon|gamin|gamine|loulou|ado)\b")


def is_about_a_baby(text: str | None) -> bool:
    """The message speaks of a baby."""
    return bool(_BABY.search(normalise(text or "")))


_HOT = re.compile(r"\b(j'ai (tres |trop )?chaud|chaleur|canicule|cuit|etouffe)\b")


# Practicalities that keep someone safe, answered after the dialogue ended too.
_SAFETY_PRACTICALITIES = frozenset({"flood_power", "go_upstairs", "put_out_fire"})


def _question_practicality(kind: str | None, message: CitizenMessage) -> tuple[str, ...]:
    """What a message asks of an emergency's practicalities (a flood's switchboard), in a medical
    or danger question."""
    if kind not in _PRACTICAL_TABLE:
        return ()
    return _emergency_practicality(message.text, kind)


# The writer is the one the medical question is about.
_ITS_ME = re.compile(
    r"^(?!.*\b(renseignement|trompee?|erreur|exemple|pour un dossier|je cherchais|je demandais|pour savoir|c'etait pour)\b).*"
    r"\b(c'est moi|c'est pour moi|moi meme|c'est de moi|il s'agit de moi)\b(?! (qui (appelle|demande|ecris|ai ecrit)|le voisin))")


# A victim's questions that a violence question answers first; « c'est normal ? » before « c'est
# de la violence ? » when both are asked: its « non » answers both.
_ASKED_FIRST = ("is_it_normal", "is_it_violence")


def _ask(state: dict[str, Any], kind: str | None, text: str | None = None) -> CrisisTurn:
    content = crisis_content()
    if kind == MEDICAL and tells_body_symptoms(text):
        # The writer's own body (« j'ai chaud et j'ai envie de vomir, je fais quoi ») gets when
        # it is the 15's and what to do now, not « est-ce une urgence médicale ? » (persona
        # round 98: a heart patient in a heat wave). No case without a crisis told.
        heat = bool(state.get("heat")) or speaks_of_heat(text) or bool(_HOT.search(normalise(text or "")))
        line = content.text("own_symptoms_heat" if heat else "own_symptoms")
        return CrisisTurn(lines=(line,), state=_closed({**state, "kind": MEDICAL}, line), kind=MEDICAL)
    crisis_kind = content.kind(kind or SUICIDE)
    line = content.text("question_preface") + _lower_first(crisis_kind.question)
    new_state = {**state, "open": True, "tier": QUESTION, "kind": crisis_kind.id,
                 "last": line, "asked": 1, "questions": 0, "heat": speaks_of_heat(text),
                 LOW_KEY: bool(state.get(LOW_KEY)) or _low_or_alone(text)}
    if crisis_kind.id == MEDICAL and _tells_child_fever(text):
        # The yes to come (« je sais pas… elle respire normalement ») names no fever: the child's
        # is remembered (persona round 109: the bystander's lines, massage cardiaque included).
        new_state[CHILD_FEVER_KEY] = True
    if crisis_kind.id == CHILD and state.get("writer") is None and _NEIGHBOUR.search(normalise(text or "")):
        # The neighbour who asks is still the neighbour when the answer names no one (persona
        # round 103: « restez près de l'enfant » to a woman upstairs).
        new_state["writer"] = "neighbour"
    if crisis_kind.id == MEDICAL and state.get("writer") is None and writes_of_own_body(text):
        # « Je respire moins bien » asked about: a yes later is the writer's own emergency, never
        # « restez avec la personne » (persona round 105).
        new_state["writer"] = "self"
    words = normalise(text or "")
    asked_first = [move for move in _ASKED_FIRST
                   if any(pattern.search(words) for pattern in dict(_MOVES)[move])] if crisis_kind.id == VIOLENCE else []
    if asked_first:
        # « Il gère mon argent, il regarde mon téléphone… est-ce que c'est de la violence ? »
        # (persona round 104: the question twice, never the answer): the answer, then the question.
        table, key = _KIND_ANSWERS[asked_first[0]]
        return CrisisTurn(lines=(str(_table(table)[key]), line), state=new_state, ask_yes_no=True, kind=crisis_kind.id)
    practical = _question_practicality(crisis_kind.id, CitizenMessage(text or "", None, Triage()))
    # « Je fais quoi pour l'électricité, y a des prises en bas » with water in the flat: its
    # answer first, then the question.
    answers = tuple(str(_table(_PRACTICAL_TABLE[crisis_kind.id])[_variant(_table(_PRACTICAL_TABLE[crisis_kind.id]), key, new_state)])
                    for key in practical)
    return CrisisTurn(lines=answers + (line,), state=new_state, ask_yes_no=True, kind=crisis_kind.id)


# The state key set when the question came after sadness or loneliness told.
LOW_KEY = "low"


def _low_or_alone(text: str | None) -> bool:
    # Loneliness, or no taste for anything; not being worn out by work and cuts (blind set A,
    # conv33: « je suis juste à bout avec le boulot » is heard by the no's own line).
    return speaks_of_isolation(text) or bool(_NO_TASTE.search(normalise(text or "")))


# « Je n'ai plus goût à rien », « je ne me lève plus ».
_NO_TASTE = re.compile(r"\b(plus (gout|envie) (a|de) (rien|grand chose)|je (ne )?me leve (meme )?plus|je reste au lit)\b")


# An erasure asked for, not only a question about what is kept.
_ERASE = re.compile(r"\b(supprim\w*|effac\w*|retir\w*|detrui\w*|je refuse|ne veux pas|veux pas|droit a l'oubli)\b")


def _after_question(state: dict[str, Any], message: CitizenMessage) -> CrisisTurn:
    content = crisis_content()
    triage = message.triage
    words = normalise(message.text or "")
    denied = answer_of(message) is False and not assess(message.text).is_crisis \
        and not _SELF_CORRECTED.search(words) and not _YES_INSIDE.search(words)
    if triage.tier == CERTAIN and not denied:
        # The thoughts told in answer to the question (« ce ne serait pas si mal de ne pas se
        # réveiller le matin ») are told: a later « vous m'avez mal compris » about something
        # else does not close the case as a false alarm (persona round 95).
        kind = triage.kind
        if kind == OTHER_AT_RISK and state.get("kind") in (SUICIDE, SELF_HARM) \
                and not _SOMEONE_ELSE.search(normalise(message.text or "")):
            # The question was about the writer: « je pense à mon fils… mais le soir je me dis
            # que ce ne serait pas si mal de ne pas se réveiller » is their own answer.
            kind = state.get("kind")
        told = kind in (SUICIDE, SELF_HARM) or bool(state.get(TOLD_KEY))
        return _first({**state, TOLD_KEY: told}, kind, message.first_reply_sent, message.text)
    move = move_of(message, state.get("kind") or SUICIDE)
    answer = answer_of(message)
    practical = _question_practicality(state.get("kind"), message)
    if practical and answer is not True:
        # « Je veux juste savoir si je peux toucher le disjoncteur les pieds dans l'eau » under
        # « êtes-vous en danger ? » (persona round 100: the question three times, never the
        # answer): the emergency's answer; the question again only when not answered no.
        lines = tuple(str(_table(_PRACTICAL_TABLE[state["kind"]])[_variant(_table(_PRACTICAL_TABLE[state["kind"]]), key, state)])
                      for key in practical)
        if denied or move == "false_alarm":
            return CrisisTurn(lines=lines, state=_closed(state, lines[-1]), kind=state.get("kind"))
        question = _asked_again(content.kind(state["kind"]).question, state)
        return CrisisTurn(lines=lines + (question,), state={**state, "last": question}, ask_yes_no=True,
                          kind=state.get("kind"))
    if state.get("kind") == CHILD and writes_as_minor(message.text):
        # « Un enfant est-il en danger ? » — « c'est moi l'enfant »: a yes, from the child.
        return _first(state, CHILD, False, message.text)
    if state.get("kind") == CHILD and state.get("writer") == "child" and answer is not False and move != "false_alarm" \
            and (triage.kind == VIOLENCE or _YOUNG_AFRAID.search(normalise(message.text or ""))):
        # « Je sais pas si c'est un danger… il est sorti mais il rentre ce soir, j'ai peur »: a
        # young person afraid at home is the 119's (persona round 104).
        return _first(state, CHILD, False, message.text)
    if state.get("kind") == CHILD and answer is None and move != "false_alarm" \
            and _CHILD_LEFT_ALONE.search(normalise(message.text or "")) \
            and not re.search(r"\b(pas seule?|n'est pas seule?|s'en occupent|sont la)\b", normalise(message.text or "")):
        # « Je ne sais pas si on peut dire en danger… il est seul ce soir et il pleure » (persona
        # round 103: the question twice, then « pardon si la question a surpris »): a child left
        # alone, hungry or crying, is the 119's whatever the word « danger ».
        return _first(state, CHILD, False, message.text)
    if state.get("kind") == MEDICAL and answer is not False and move == "bother_the_15":
        # Afraid to bother the 15 is no « no »: they are there for it; the call now.
        return _first(state, MEDICAL, False, message.text, preface=(content.text("bother_the_15"),))
    if state.get("kind") == MEDICAL and answer is None and move != "false_alarm" \
            and _ITS_ME.search(normalise(message.text or "")) and not _SOMEONE_ELSES_BODY.search(normalise(message.text or "")):
        # « Est-ce une urgence médicale : quelqu'un a-t-il besoin de soins ? » — « c'est moi, je
        # suis seul ici » (persona round 105: an oxygen patient short of breath was asked again):
        # a yes, from the one unwell.
        return _first({**state, "writer": "self"}, MEDICAL, False, message.text)
    if state.get("kind") == VIOLENCE and move != "false_alarm" and _NOT_NOW_BUT_AFRAID.search(normalise(message.text or "")):
        # « Pas en danger là tout de suite… mais il me fait peur »: a no to « now » is no no to
        # the violence told; the victim gets the 3919 (persona round 17: « pardon si la question
        # a surpris », then an energy answer to « mais le numéro ? »).
        return _first(state, VIOLENCE, False, message.text)
    if answer is not True and _unsure_of_a_medical(state, message):
        # The signs that make it the 15's, or a heat illness's first care; no case without a yes.
        heat = state.get("heat") or speaks_of_heat(message.text)
        line = content.text("heat_illness") if heat else content.text("health_signs")
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=MEDICAL)
    if state.get("kind") == MEDICAL and answer is not True and state.get("writer") is None \
            and _PANIC.search(normalise(message.text or "")) and not _SOMEONE_ELSES_BODY.search(normalise(message.text or "")):
        # « Je crois que c'est juste l'angoisse, ça m'a déjà fait ça »: help through the attack,
        # and the signs that would make it the 15's; no case (persona round 88: the adult
        # emergency script, « restez avec la personne », to the person having the attack).
        line = content.text("panic_attack")
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=MEDICAL)
    if state.get("kind") in (SUICIDE, SELF_HARM) and answer is not True and move != "false_alarm" \
            and (tells_thoughts_all_the_same(message.text) or _tells_ideation(message)) \
            and not _SOMEONE_ELSE.search(normalise(message.text or "")):
        # The question answered with the thoughts themselves (« des fois je me dis que ce serait
        # plus simple de ne plus me réveiller »): a yes, not the question asked again.
        thoughts: tuple[str, ...] = (content.text("thoughts_all_the_same"),)
        return _first({**state, TOLD_KEY: True}, state["kind"], False, message.text, preface=thoughts)
    if (move == "false_alarm" or answer is False) and triage.tier == QUESTION and triage.kind == VIOLENCE \
            and state.get("kind") in (SUICIDE, SELF_HARM):
        # « Non je veux pas me faire du mal. J'ai juste peur de mon père » (persona round 104):
        # no to the thoughts, a danger told: asked about that one, not « pardon si la question
        # a surpris ».
        return _ask({**state, "open": False}, VIOLENCE, message.text)
    if (move == "false_alarm" or answer is False) and _SOMEONE_ELSE.search(normalise(message.text or "")) \
            and state.get("kind") in (SUICIDE, SELF_HARM):
        # « Non, pas moi ! C'est mon petit-fils qui m'inquiète »: someone else is at risk.
        return _first(state, OTHER_AT_RISK, False, None)
    if state.get("kind") == VIOLENCE and answer_of(message) is not True and tells_witnessed_violence(message.text):
        # « Non pas moi, c'est la voisine qui se fait taper »: a witness. Not « oui, c'est mon
        # copain qui me pousse ».
        return _witness(state, message.text)
    if (move == "false_alarm" or answer is False) and asks_for_a_person(message.text) \
            and not declines_a_person(message.text or ""):
        # « Non, mais je voudrais parler à un humain » (persona round 108: « reprenons », the
        # request lost): the no is heard, and the person asked for comes next; the despair or
        # the loneliness told beside it keeps its own line first (a review).
        if answer is False and despairs(state, message):
            line = content.text("no_question_despair")
        elif answer is False and state.get("kind") in _DESPAIR_KINDS and (state.get(LOW_KEY) or _low_or_alone(message.text)):
            line = content.text("no_question_low")
        else:
            line = content.text("no_question_person")
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=state.get("kind"), then_person=True)
    if answer is False and state.get("kind") in _DESPAIR_KINDS and (state.get(LOW_KEY) or _low_or_alone(message.text)):
        # « Non, jamais… mais je n'ai plus goût à rien » after « personne ne vient me voir, je
        # reste au lit » (persona round 107: « reprenons », and the low mood left there): the
        # no is heard, and so are the sadness and the loneliness.
        line = content.text("no_question_low")
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=state.get("kind"))
    if answer is False and despairs(state, message):
        # « Non, de toute façon rien ne sert à rien » (review F5: « pardon si la question a
        # surpris, reprenons »): the no is heard, and so is the hopelessness; no case.
        line = content.text("no_question_despair")
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=state.get("kind"))
    if move == "false_alarm" or answer is False:
        line = content.lines("no_question")[0]
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=state.get("kind"))
    kind = state.get("kind") or SUICIDE
    if answer is True or move == "wants_person" or (kind in _PLAN_KINDS and describes_plan(message.text)) \
            or despairs(state, message):
        # A yes, a request for a person, or an answer that says yes (a plan, a means).
        # Hopelessness (« laissez tomber, ça sert à rien ») is taken as a yes, not thanked as one.
        preface = content.lines("yes_question")[:1] if answer is True else ()
        told = move != "wants_person" or answer is True
        # The question's kind, not a model's guess on the answer (persona round 92: a mother's
        # « oui peut-être… il a l'air fatigué » about her son's pills got the danger block).
        return _first({**state, TOLD_KEY: state.get(TOLD_KEY) or told}, kind, False, message.text,
                      preface=preface)
    if move in _QUESTION_MOVES and state.get("questions", 0) < 3:
        # A question ("c'est gratuit ?", "qui répond ?") is not a yes: it gets its answer, then
        # the question is asked again; no case without a yes (issue #12: calm conversations
        # opened cases on « c'est gratuit ? »).
        crisis_kind = content.kind(triage.kind or kind)
        again = _asked_again(crisis_kind.question, state)
        # A question answered is not the question left unanswered: "asked" does not count it.
        new_state = {**state, "kind": crisis_kind.id, "last": again,
                     "questions": state.get("questions", 0) + 1}
        return CrisisTurn(lines=(_answer_to(move, crisis_kind.id, state), again), state=new_state,
                          ask_yes_no=True, kind=crisis_kind.id)
    if _says_goodbye(message.text):
        # « Merci, je reviendrai »: the question is not pressed on someone who leaves; the way
        # back is said. Not a farewell the lexicon reads as a danger (« adieu, merci pour tout »).
        line = content.text("question_left")
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=kind)
    if triage.tier == QUESTION or state.get("asked", 0) < 2:
        # Not answered: a second concern, another topic, "you repeat yourself". Asked once
        # more, in other words.
        crisis_kind = content.kind(triage.kind or kind)
        line = _asked_again(crisis_kind.question, state)
        new_state = {**state, "kind": crisis_kind.id, "last": line, "asked": state.get("asked", 1) + 1}
        return CrisisTurn(lines=(line,), state=new_state, ask_yes_no=True, kind=crisis_kind.id)
    line = content.text("question_left")
    return CrisisTurn(lines=(line,), state=_closed(state, line), kind=kind)


# A child told alone, hungry or crying, in an answer that is neither yes nor no.
_CHILD_LEFT_ALONE = re.compile(
    r"\b(seul|seule|laisse seul|tout seul|a faim|avait faim|pleure\w*|parents? (ne sont )?pas la|personne (ne )?s'en occupe|"
    r"pas d'adulte|enferme|dehors)\b")
# « Je sais pas, je tiens debout » to « est-ce une urgence médicale ? » (persona round 93: the
# mobility coach took it): not a no, not a yes; the signs that make it the 15's.
_UNSURE = re.compile(r"^((euh|ben|bah|bof|hmm) )*(je (ne )?sais pas|j'?sais pas|jsais pas|je sais plus|aucune idee|j'en sais rien|"
                     r"pas sure?|je suis pas sure?|je ne suis pas sure?|c'est pas sur|difficile a dire)\b")


def _unsure_of_a_medical(state: dict[str, Any], message: CitizenMessage) -> bool:
    return state.get("kind") == MEDICAL and bool(_UNSURE.search(normalise(message.text or "")))


def _says_goodbye(text: str | None) -> bool:
    found = assess(text)
    return says_goodbye(text) and not (found.is_crisis or found.concern)


# Questions and reservations about getting help, answered while a question waits.
_QUESTION_MOVES = frozenset({"free_anonymous", "who_answers", "team_question", "what_to_do", "prefers_writing",
                             "refuses_call", "phone_watched", "care", "fear_of_hospital"})


def _answer_to(move: str, kind: str, state: dict[str, Any]) -> str:
    content = crisis_content()
    if move == "refuses_call":
        return content.by_kind("refuses_call", kind)
    if move == "prefers_writing":
        return _varied(content.lines(move), dict(state))
    if move in ("phone_watched", "fear_of_hospital"):
        return content.text(move)
    return content.by_kind(move, kind)


# A child's danger told further ("s'il voit mon tel il va me tuer") is violence to a child:
# the dialogue stays the child's, with 119, rather than starting over as an adult's.
_STAYS = {CHILD: frozenset({VIOLENCE})}


def _still(kind: str, new_kind: str) -> bool:
    return new_kind in _STAYS.get(kind, frozenset())


def _in_dialogue(state: dict[str, Any], message: CitizenMessage) -> CrisisTurn:
    content = crisis_content()
    triage = message.triage
    kind = state.get("kind") or SUICIDE
    if triage.tier == CERTAIN and triage.kind and triage.kind != kind and not _still(kind, triage.kind) \
            and not (kind in (MEDICAL, DANGER) and _is_over(message)):
        # Not an emergency over told with its story (« le SAMU est venu, il a pris 4 comprimés,
        # ils le gardent en observation »): the story is no new crisis (persona round 92).
        return _first(state, triage.kind, message.first_reply_sent, message.text)
    if kind == MEDICAL and not state.get("heat") and speaks_of_heat(message.text):
        # « Je la mets dans la baignoire ? Avec cette chaleur… » told after the first reply: a
        # heat stroke's answers from now on (persona round 91: the fever's « pas d'eau froide »).
        state = {**state, "heat": True}
    if kind == MEDICAL and state.get("writer") == "unanswering" and _FOUND.search(normalise(message.text or "")):
        # « Elle a ouvert, elle est consciente mais confuse, peau brûlante » (persona round 103:
        # « personne qui n'ouvre plus : les pompiers ouvrent la porte », three times): the person
        # is found; in a heat wave, the heat stroke's first aid, the 15 now.
        state = {**state, "writer": "far" if _HELPER_THERE.search(normalise(message.text or "")) else None, "step": 0}
        if state.get("heat") or speaks_of_heat(message.text) or _HEAT_STROKE_SIGNS.search(normalise(message.text or "")):
            return _turn({**state, "heat": True}, (content.text("heat_stroke_found"),), kind=kind, case=CASE_RAISE)
    if kind == MEDICAL and _CALM_DOWN.search(normalise(message.text or "")) and not triage.tier:
        # « Le médecin du 15 dit que c'est une crise d'angoisse… comment je me calme ? » (persona
        # round 104: « rappelez le 15 » and « je vous lis », four times): breathing through it.
        return _turn(state, (content.text("panic_attack"),), kind=kind)
    if kind == MEDICAL and state.get("heat") and state.get("writer") != "self" and not triage.tier \
            and _ME_TOO.search(normalise(message.text or "")) and tells_heat_illness(message.text, ("canicule",)):
        # « Et moi j'ai la tête qui tourne, c'est grave ? » once her husband is with the firemen
        # (persona round 104: « je vous lis », three times): her own first signs of heat illness.
        return _turn(state, (content.text("heat_illness"),), kind=kind)
    if kind in (CHILD, VIOLENCE) and state.get("writer") not in ("child", WITNESS, "neighbour") and writes_as_minor(message.text):
        # « C'est moi l'enfant », « j'ai 16 ans » after the violence numbers (persona round
        # 104): from now on Relais speaks to the young person, with the 119.
        state = {**state, "kind": CHILD, "writer": "child", "step": 0}
        return _turn(state, (content.text("child_self_ack"),), kind=CHILD)
    if kind == MEDICAL and state.get("writer") is None and is_about_a_baby(message.text):
        # « C'est pour mon bébé » told after the first reply: a baby's answers from now on.
        state = {**state, "writer": "infant"}
    if _MAKES_SAFE.search(normalise(message.text or "")):
        # Putting the blade away is a safety-plan step (Stanley & Brown: make the environment
        # safe), not a means: praised, never an alert.
        return _turn(state, (content.text("makes_safe"),), kind=kind)
    if kind in (SUICIDE, SELF_HARM) and tells_pills_taken(message.text) and move_of(message, kind) != "false_alarm":
        # An overdose taken is a medical emergency before it is a plan: the 15 first.
        return _turn(state, (_varied(content.lines("overdose_taken"), state),), case=CASE_RAISE, kind=kind,
                     offer_person=False)
    if kind == OTHER_AT_RISK and may_have_taken_pills(message.text) and move_of(message, kind) != "false_alarm":
        # « Je sais pas s'il en a pris, il a l'air fatigué »: a possible overdose, the 15's now.
        return _first(state, MEDICAL, False, message.text)
    if kind in _PLAN_KINDS and describes_plan(message.text) and move_of(message, kind) != "false_alarm":
        # A plan or a means raises the alert whatever else the message says or asks (« j'ai
        # honte d'appeler, j'ai le couteau à côté »).
        lines = content.lines("plan_or_means_other") if kind == OTHER_AT_RISK else content.lines("plan_or_means")
        return _turn({**state, PLAN_TOLD_KEY: True}, (_varied(lines, state),), case=CASE_RAISE, kind=kind, offer_person=False)
    if state.get("reached") and triage.tier == CERTAIN and "help_reached" not in practical_asks(message.text, kind):
        # « Il ne respire plus » after the 15 was reached: the numbers again, not « je reste là ».
        state = {**state, "reached": False, "step": 0}
    # Once the 15 is reached, « on part aux urgences » is no question about care.
    skip = _SKIPPED_ONCE_REACHED if state.get("reached") else frozenset()
    move = move_of(message, kind, skip=skip if state.get("writer") == "child" else skip | _CHILD_WRITER_MOVES)
    if move in _YOUNG_WRITER_MOVES and state.get("writer") == "neighbour":
        # « C'est pas si grave, je me fais des films » from a neighbour: not « le 119 est pour
        # tous les jeunes » (review of persona round 101's fixes).
        move = None
    if kind in (CHILD, VIOLENCE) and move in (None, "safe_now") and not state.get("reached") \
            and _POLICE_CALLING.search(normalise(message.text or "")):
        # « Bon j'appelle le 17 là ça tape trop »: yes, now, and what to tell them.
        return _turn(state, (content.text("police_calling"),), kind=kind)
    if kind in (CHILD, VIOLENCE) and move in (None, "safe_now") and not state.get("reached") \
            and _POLICE_CALLED.search(_told_not_asked(message.text)):
        # « C'est fait, ils envoient une patrouille, j'ai le cœur qui bat à fond » (persona round
        # 100: « je vous lis », the 119's hours again): they did well, and a breath for them.
        line = str(_table("help_called")[kind])
        return _turn({**state, "reached": True, "step": 0}, (line,), kind=kind)
    if move == "false_alarm" and kind in (OTHER_AT_RISK, CHILD) and _ONLY_ME_FINE.search(normalise(message.text or "")):
        # "Moi je vais bien" about someone else at risk is not a false alarm.
        move = None
    if move is None and kind in (VIOLENCE, CHILD) and _AWAY.search(_told_not_asked(message.text)) \
            and not despairs(state, message):
        # « Là il dort, je suis dans ma chambre ça va » (persona round 106: « je vous lis »).
        move = "safe_now"
    if move in (None, "false_alarm") and kind in (VIOLENCE, CHILD) and _only_denies_danger(message):
        # « Il est pas là, je ne suis pas en danger » after violence told: safe for now, not a
        # false alarm (persona round 87 closed nothing, but the danger lines came back).
        move = "safe_now"
    if move == "safe_now" and kind == MEDICAL and state.get("writer") == "self" and triage.tier is None \
            and _FEELS_BETTER.search(normalise(message.text or "")) and not _STILL_UNWELL.search(normalise(message.text or "")):
        # « Ce matin ça va mieux, merci » from the one who was unwell (persona round 106: an
        # elderly woman better the next morning still got « 15 ou 112, tout de suite » and
        # « déverrouillez la porte » for every question).
        move = "emergency_over"
    if move == "false_alarm" and kind in (MEDICAL, DANGER) and _is_over(message):
        # « C'est bon le danger est passé, tout va bien »: the danger was real, and is over; no
        # « pardon pour l'inquiétude : j'ai mal compris » (persona round 89).
        move = "emergency_over"
    if move == "false_alarm" and kind in (VIOLENCE, CHILD) and state.get("tier") == CERTAIN and triage.tier is None \
            and _SPOKE_OF.search(normalise(message.text or "")) and not _RETRACTS.search(normalise(message.text or "")) \
            and not _PLAY_OR_FINE.search(normalise(message.text or "")) and not _takes_violence_back(normalise(message.text or "")):
        # « Je parlais du chien là » after violence told (persona round 102: the case closed as a
        # false alarm): the last answer missed the question, the violence stands.
        pet = any(pattern.search(normalise(message.text or "")) for pattern in dict(_MOVES)["pet"])
        line = str(_table("violence_answers")["pet"]) if pet and kind == VIOLENCE \
            else _with_reminder(content.text("misread_violence"), kind, state)
        return _turn(state, (line,), kind=kind)
    if move == "false_alarm" and kind in (SUICIDE, SELF_HARM) and state.get(PLAN_TOLD_KEY) and triage.tier is None \
            and _MINIMISES.search(normalise(message.text or "")):
        # « Le truc du garage c'était une façon de parler, laissez tomber » after a means told
        # (persona round 103: « pardon, j'ai mal compris », the case closed, then « j'y pense
        # tous les soirs, les clés sont sur la voiture »): a plan taken back is still heard; the
        # dialogue and the case stay.
        return _turn(state, (content.text("plan_minimised"),), kind=kind)
    if move == "false_alarm" and kind in (SUICIDE, SELF_HARM) and state.get(TOLD_KEY) and triage.tier is None \
            and not _RETRACTS.search(normalise(message.text or "")):
        # « ?? Je parlais de l'usine » after thoughts of suicide were told (persona round 90:
        # « pardon pour l'inquiétude : j'ai mal compris », and the case closed): a misreading of
        # the last turn, not the thoughts taken back. The dialogue ends, the case stays.
        line = content.text("misread_point")
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=kind,
                          then_track=_asks_its_track(message, OVER_TRACK_CONFIDENCE))
    if move == "false_alarm" and triage.tier is None:
        then_track = _asks_its_track(message)
        # « Mdr non c'est une expression… je veux juste savoir pour les aides »: the apology,
        # then the question answered by its track (persona round 88: « dites-moi ce dont vous
        # avez besoin » to someone who had just said it).
        line = content.text("false_alarm_then") if then_track else content.lines("false_alarm")[0]
        return CrisisTurn(lines=(line,), state=_closed(state, line), case=CASE_FALSE_ALARM, kind=kind,
                          then_track=then_track)
    if move == "refuses_call" and kind == MEDICAL and state.get("writer") == "unanswering":
        # « J'appelle pas le samu pour rien, elle est peut-être juste sortie »: the writer
        # hesitates; check quickly, else the firemen (persona round 97: « je comprends qu'il ou
        # elle refuse »).
        return _turn(state, (str(_table("medical_answers")["hesitates_unanswering"]),), kind=kind)
    if move == "refuses_call":
        return _turn(state, (content.by_kind("refuses_call", kind),), kind=kind, offer_person=True)
    if move == "prefers_writing" and kind in _table("in_writing"):
        return _turn(state, (str(_table("in_writing")[kind]),), kind=kind, offer_person=True)
    if move == "repeats" and kind in _PRACTICAL_TABLE and practical_asks(message.text, kind):
        # « Vous répétez la même chose. Je vous demande COMMENT je trouve le num de la voisine »:
        # the question asked is answered (persona round 97: « dites-moi avec vos mots »).
        move = None
    if move in ("prefers_writing", "repeats"):
        line = _varied(content.lines(move), state)
        return _turn(state, (line,), kind=kind, offer_person=True)
    asks = tuple(key for key in practical_asks(message.text, kind) if not (key == "help_reached" and state.get("reached")))
    if move == "what_to_do" and kind == MEDICAL and state.get("heat") and "cooling" not in asks:
        # « J'ai appelé le 15. Je fais quoi en attendant ? » in a heat stroke: cool the person.
        asks = asks + ("cooling",)
    if asks and move not in _BEFORE_PRACTICAL:
        # « Je suis un peu sourde. J'appelle le 18 ou le 15 ? »: both answered.
        told = (_with_reminder(content.text(move), kind, state),) if move in _TOLD_MOVES else ()
        return _practical_turn(state, asks, kind, told)
    if move == "health_signs":
        # After a gas leak, smoke or a fire, the symptoms may be what was breathed.
        line = content.text("health_signs_danger") if kind == DANGER else content.text("health_signs")
        return _turn(state, (line,), kind=kind)
    if move == "parents_told":
        return _turn(state, (content.by_kind(move, kind),), kind=kind)
    if move == "code_word":
        return _turn(state, (content.text(move),), kind=kind)
    if move == "come_here":
        # In a heat wave, the town's register calls and visits (persona round 100).
        heat = (content.text("heat_visits"),) if state.get("heat") or speaks_of_heat(message.text) else ()
        return _turn(state, (content.by_kind(move, kind),) + heat, kind=kind, offer_person=kind == MEDICAL)
    if move in _TOLD_MOVES:
        return _turn(state, (_with_reminder(content.text(move), kind, state),), kind=kind)
    if move in _ANSWERED_MOVES:
        return _turn(state, _answered_lines(message, kind), kind=kind)
    if move == "team_question":
        return _turn(state, (content.by_kind(move, kind),), kind=kind, offer_person=True)
    if move == "what_to_do" and kind in (MEDICAL, DANGER) and state.get("carbon_monoxide"):
        # « On fait quoi en attendant ? » after fumes: air and out, not the poisoning lines.
        return _turn(state, (str(_table("danger_answers")["carbon_monoxide"]),), kind=kind)
    if move == "what_to_do" and kind == MEDICAL and state.get("writer") in _WRITERS_OF_MEDICAL:
        return _turn(state, (str(_table("medical_answers")[f"what_to_do_{state['writer']}"]),), kind=kind)
    if move in ("free_anonymous", "what_to_do", "who_answers", "care"):
        return _turn(state, (content.by_kind(move, kind),), kind=kind)
    if move in ("phone_watched", "fear_of_hospital"):
        return _turn(state, (content.text(move),), kind=kind)
    if move == "stored_data":
        # What is kept and who reads it; asked to erase, the data rights' confirmation follows.
        erase = bool(_ERASE.search(normalise(message.text or "")))
        line = content.text("stored_data") + ("" if erase else " " + content.text("stored_data_erase_how"))
        return replace(_turn(state, (line,), kind=kind), then_erasure=erase)
    hot_now = kind == MEDICAL and bool(_STILL_HOT.search(normalise(message.text or "")))
    if kind == MEDICAL and (state.get(HOT_SIGNS_KEY) or hot_now) and not _RED_FLAGS.search(normalise(message.text or "")) \
            and (move in ("emergency_over", "safe_now", "help_reached") or (hot_now and move is None)):
        # Found, conscious, but red, very hot and not thirsty in the heat (persona round 111:
        # « je suis soulagé de le lire », then a cycling workshop): heat illness beginning; what
        # is asked beside it answered for the heat, else the 15 for a doctor's opinion and how
        # to cool them now. No longer a closed door.
        hot = {**state, HOT_SIGNS_KEY: True, "heat": True,
               "writer": None if state.get("writer") == "unanswering" else state.get("writer")}
        asks = _emergency_practicality(message.text, kind)
        if asks and hot_now is False:
            return _practical_turn(hot, asks, kind)
        line = content.text("found_hot")
        return _turn(hot, (line,), kind=kind)
    if move == "emergency_over":
        # The emergency is over: a question beside it is the track's, even when the model is
        # less sure of it than of an aside (« demain pour l'assurance, on fait comment ? »).
        if kind == MEDICAL and (asks_for_a_psychologist(message.text) or _PILLS.search(normalise(message.text or ""))):
            # After an overdose: the follow-up care, and the 3114 for the parent.
            young = (str(_table("thoughts_answers")["psy_teens"]),) if state.get("young") else ()
            lines = (content.text("emergency_over_care"),) + young
            return CrisisTurn(lines=lines, state=_closed(state, lines[-1]), kind=kind)
        if kind == MEDICAL and _ASKS_A_DOCTOR.search(normalise(message.text or "")):
            # « Il va bien, il joue… je l'emmène chez le médecin ou pas ? » (persona round 96):
            # not the 15 again, the doctor today and the signs that would make it the 15's.
            line = content.text("settled_see_a_doctor")
            return CrisisTurn(lines=(line,), state=_closed(state, line), kind=kind)
        then_track = _asks_its_track(message, OVER_TRACK_CONFIDENCE)
        if kind == MEDICAL and state.get("writer") == "self":
            # Better, and the signs that make it the 15's again, said to them.
            line = content.text("medical_self_better_then" if then_track else "medical_self_better")
            return CrisisTurn(lines=(line,), state=_closed(state, line), kind=kind, then_track=then_track)
        line = content.text("emergency_over_then") if then_track \
            else content.text("emergency_over_heat") if state.get("heat") else content.text("emergency_over")
        return CrisisTurn(lines=(line,), state=_closed(state, line), kind=kind, then_track=then_track)
    if move == "psy_cost" and _asks_a_person(message):
        # A person asked for in the same breath: the team is told, and the cost answered.
        line = content.lines("wants_person")[0].format(reminder="").rstrip()
        return _turn(state, (line,) + _psy_answers(message, state), case=CASE_OPEN, kind=kind)
    if move == "psy_cost":
        return _turn(state, _psy_answers(message, state), kind=kind)
    if move in _KIND_ANSWERS:
        # move_of() read it for this kind only (_KIND_MOVES).
        table, key = _KIND_ANSWER_OF.get((move, kind)) or _KIND_ANSWERS[move]
        if move == "far_or_near" and kind == MEDICAL:
            state = {**state, "writer": "far"}
        line = str(_table(table)[key])
        if line == state.get("last") and f"{key}_again" in _table(table):
            # Asked again (« je vous l'ai demandé : comment lui dire ? »): said shorter, not
            # replaced by the reminder.
            line = str(_table(table)[f"{key}_again"])
        also = _emergency_practicality(message.text, kind) if move == "line_busy" and kind in _PRACTICAL_TABLE else ()
        if also:
            # « Le 18 sonne occupé. Je coupe le courant ou pas ? L'eau est par terre »: both.
            return _practical_turn(state, also, kind, (line,))
        return _turn(state, (line,), kind=kind, offer_person=move == "helper_strain")
    if move in _VIOLENCE_ANSWERS and kind == VIOLENCE:
        return _turn(state, (str(_table("violence_answers")[move]),), kind=kind)
    # Once the 15 or the fire brigade is reached, the numbers are not said again in every turn.
    reminder = "" if state.get("reached") else _reminder(kind, state)
    if move == "wants_person":
        line = content.lines("wants_person")[0].format(reminder=reminder).rstrip()
        return _turn(state, (line,), case=CASE_OPEN, kind=kind)
    if move == "thanks":
        line = content.lines("thanks")[0].format(reminder=reminder).rstrip()
        return _turn(state, (line,), kind=kind)
    opening = content.lines("safe_now")[0] if move == "safe_now" else _varied(content.lines("listen"), state)
    if reminder and (triage.tier == CERTAIN or kind in ACUTE_KINDS or kind == OTHER_AT_RISK):
        # In an emergency the numbers are in every turn, never only in the first; so too for
        # someone else at risk, who may be in danger while their friend writes.
        opening = opening + " " + reminder
    step = state.get("step", 0)
    safety = _safety_steps(kind, state)
    lines = (opening,)
    if step < len(safety):
        lines = (opening + "\n\n" + safety[step],)
        state = {**state, "step": step + 1}
    return _turn(state, lines, kind=kind, offer_person=step + 1 >= len(safety))


_PILLS = re.compile(r"\b(comprimes?|cachets?|medicaments?|medocs?|pilules?|boites?)\b")


def _psy_answers(message: CitizenMessage, state: dict[str, Any]) -> tuple[str, ...]:
    """The ways to a psychologist, with those for a young person when the dialogue is about one."""
    table = _table("thoughts_answers")
    return tuple(str(table[key]) for key in psychologist_answers(message.text, bool(state.get("young"))))


def _is_over(message: CitizenMessage) -> bool:
    """The message says the emergency is over."""
    text = normalise(message.text or "")
    return any(pattern.search(text) for pattern in dict(_MOVES)["emergency_over"])


def _asks_a_person(message: CitizenMessage) -> bool:
    """The message asks for a person, whatever move it was read as."""
    patterns = dict(_MOVES)["wants_person"]
    text = normalise(message.text or "")
    return message.intent == PERSON_INTENT or any(pattern.search(text) for pattern in patterns)


# The writers of a medical emergency with their own first reply, steps and what_to_do answer.
_WRITERS_OF_MEDICAL = ("far", "infant", "unanswering", "overdose", "self")


def _reminder(kind: str, state: dict[str, Any]) -> str:
    """The kind's short reminder of its numbers, or its writer's (the 18 for a closed door)."""
    own = crisis_content().dialogue.get(f"{kind}_{state.get('writer')}_reminder")
    return str(own) if own else crisis_content().kind(kind).reminder


def _with_reminder(line: str, kind: str, state: dict[str, Any]) -> str:
    """A shared answer (hard of hearing, a follow-up asked) in an emergency keeps its numbers."""
    if kind not in ACUTE_KINDS or state.get("reached"):
        return line
    return line + " " + _reminder(kind, state)


def _safety_steps(kind: str, state: dict[str, Any]) -> tuple[str, ...]:
    """The next steps of this dialogue, for who writes and where the emergency stands."""
    content = crisis_content()
    if state.get("reached"):
        own = f"reached_{state.get('writer')}_safety"
        return content.lines(own if own in content.dialogue else "reached_safety")
    if kind == CHILD and state.get("writer") == "child":
        return content.lines("child_self_safety")
    if kind == CHILD and state.get("writer") == "neighbour":
        return content.lines("child_neighbour_safety")
    if kind == MEDICAL and state.get("writer") in _WRITERS_OF_MEDICAL:
        return content.lines(f"medical_{state['writer']}_safety")
    return content.kind(kind).safety


# What a caller asks or tells of an emergency's practicalities, all answered in one turn
# (« 8 % de batterie. c'est grave 38,5 ? je lui donne du Doliprane ? » asks three things):
# (key of the kind's answers, the kinds it is read in, its words). Persona round 87: a parent
# whose baby had a fever got « appelez le 15 » five times, after reaching the SAMU too.
_PRACTICAL = (
    ("help_reached", frozenset({MEDICAL, DANGER}), re.compile(
        # Not a call that failed (« j'ai appelé, ça sonne occupé »).
        r"^(?!.*\b(occupe|repond pas|repondent pas|ne repond\w*|repond toujours pas|repondent toujours pas|pas de reponse|"
        r"raccroche|pas reussi|n'arrive pas|n'arrivent pas|arrive pas|arrivent pas|arrive toujours pas|arrivent toujours pas|"
        r"ne vien\w*|viennent pas|vient pas|toujours pas (la|arrive\w*)|en attente|attente|dans le vide|ca a coupe|ca coupe|"
        r"decroche pas|ne decroche|personne ne decroche|appele personne|pas appele|pas encore appele|personne n'a appele|"
        r"pas (eu|pu) (le|les|joindre))\b).*"
        r"\b(j'ai eu (le samu|le 15|le 112|le 18|les pompiers|le medecin|un medecin|quelqu'un)|"
        r"(j'ai|on a|je l'ai|je les ai|nous avons) (deja |bien )?(appele|appeles|telephone)|"
        r"(le samu|le 15|le 112|les pompiers|les secours|le medecin|l'ambulance|ils) (\w+ )?"
        r"(arrive|arrivent|vient|viennent|est en route|sont en route|envoie|envoient|m'envoie\w*|nous envoie\w*|"
        r"m'a dit|nous a dit|m'ont dit|nous ont dit|est arrivee?|sont arrivee?s|est la|sont la|sont avec (lui|elle|eux)|"
        r"s'occupe\w* de (lui|elle)|ont coupe|l'ont pris\w* en charge)|"
        r"(on|je|nous) (part|pars|partons|va|vais|allons|file|fonce) (aux urgences|a l'hopital)|"
        r"en route (pour|vers) (les urgences|l'hopital)|"
        r"(mon|ma|un|une) (voisin|voisine|mari|femme|copain|copine|frere|soeur|pere|mere|ami|amie) (nous |m'|l'|les )?(emmene|conduit|amene))\b")),
    # The 15's doctor gave advice and sends nobody (« le docteur m'a dit de boire et de me mettre
    # au frais, ils viennent pas », persona round 100: a fever's advice, then the 15 again).
    ("doctor_advised", frozenset({MEDICAL}), re.compile(
        r"\b(le docteur|le medecin|la doctoresse|le 15|le samu|ils|elle|il) (\w+ )?(m'a|m'ont|nous a|nous ont) (dit|conseille|demande) "
        r"(de |d'|que |qu')|\b(pas besoin (qu'ils|de) (viennent|venir|se deplacer))\b")),
    # « C'est fait » is the call the 15 asked for in a medical emergency; in a danger it may be
    # the shelter or the gas tap.
    ("help_reached", frozenset({MEDICAL}), re.compile(r"^(?!.*\b(pas|rien)\b)(ok |bon |voila )?c'est fait\b")),
    # Help called but late (« les pompiers arrivent pas ») : call again, and make the way easy.
    ("help_late", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(les secours|le samu|les pompiers|l'ambulance|la police|ils|personne) (\w+ )?(n'arrive\w*|arrivent? (toujours )?pas|"
        r"ne vien\w*|viennent (toujours )?pas|vient (toujours )?pas|(sont|est) (toujours )?pas (la|arrivee?s?|encore la))\b|"
        r"\b(ils|elles?|les secours|le samu|les pompiers) (mettent|met) (du temps|longtemps|des plombes|trop de temps)\b|"
        r"\b(toujours|encore) personne\b|\bc'est (trop )?long\b"
        # « Ça fait 20 minutes que j'ai appelé, l'ambulance arrive quand ? » (persona round 91).
        r"|\b(arrive|arrivent|vient|viennent) quand\b|\bquand (est ce qu')?(ils|elle|l'ambulance|les secours|le samu|les pompiers) (arrive|arrivent|vient|viennent)\b"
        r"|\bca fait \d+ ?(min|minutes|mn) (que|qu')\b")),
    ("calling", frozenset({MEDICAL}), re.compile(
        r"\b(j'appelle|je vais appeler|je les appelle|j'appelle maintenant|ok j'appelle|bon j'appelle)"
        r"( (le |les )?(15|samu|112|secours|urgences))?\b(?! (d'ici|depuis|dans|pas|jamais|personne|qui|quoi|quel|quelle|ou)\b)")),
    # Someone to go and see (« comment je trouve le num de la voisine ? », « la police peut
    # passer voir si elle va bien ? », persona round 97: « je vous lis »).
    ("check_on", frozenset({MEDICAL}), re.compile(
        r"\b(joindre|joins|trouve\w*|avoir|contacte\w*|appele\w*|appelle\w*) (\w+ ){0,4}(voisine?s?|gardien\w*|concierge|bailleur)\b|"
        r"\b(quelqu'un|la police|les pompiers|les gendarmes|la gendarmerie|le 17|le 18|on|ils) (\w+ ){0,2}(peut|peuvent|pourrait|pourraient|va|vont|pour qu'ils|qu'ils) (\w+ ){0,2}(passer|aller) (voir|verifier|chez (elle|lui))\b|"
        r"\b(aller|passer) voir (si (elle|il)|chez (elle|lui))\b")),
    ("which_number", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(15|18|17|112|samu|pompiers) ou (le |les )?(15|18|17|112|samu|pompiers)\b|\bquel numero\b|\bj'appelle qui\b|\bqui (dois je|je dois|faut il) appeler\b")),
    ("go_back_in", frozenset({DANGER}), re.compile(
        r"\b(je peux|on peut|peut on|puis je|est ce que je peux|est ce qu'on peut) (rentrer|retourner|remonter|revenir|aller) "
        r"(chez moi|chez nous|a la maison|dans l'immeuble|dedans|a l'interieur|dans l'appart\w*)\b")),
    ("tell_family", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(prevenir|appeler|contacter|joindre) (sa|son|ses) (fille|fils|famille|enfants|femme|mari|proches|soeur|frere)\b")),
    ("battery", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(batterie|baterie|batt|(mon|le) (tel|telephone|portable) (va )?(s'eteindre|s'eteint|meurt|lache))\b")),
    ("is_it_serious", frozenset({MEDICAL}), re.compile(
        r"\b(c'est (vraiment |si |tres |trop )?grave|est ce (que c'est )?grave|c'est inquietant|j'exagere|"
        r"je m'inquiete pour rien|c'est normal|je derange pour rien|faut (vraiment|il vraiment) appeler)\b")),
    # The person's own emergency treatment (an inhaler, an adrenaline pen, sugar): given as
    # prescribed, not held back until the 15 says so.
    ("own_treatment", frozenset({MEDICAL}), re.compile(
        r"\b(ventoline|inhalateur|sa pompe|son spray|bronchodilatateur|stylo (d')?adrenaline|adrenaline|anapen|epipen|jext|emerade|"
        r"glucagon|du sucre|un sucre|morceau de sucre|resucrer|jus de fruit|son traitement d'urgence)\b")),
    ("medicine", frozenset({MEDICAL}), re.compile(
        # Not a medicine swallowed (an overdose is the 15's, what_to_do's).
        r"^(?!.*\b((a|ai|as|avons|ont|avait) avale|a pris|a bu|a mange|boites?|plaquettes?|tube|surdose|overdose|ventoline|inhalateur|adrenaline|"
        r"anapen|epipen|jext|glucagon)\b).*"
        r"\b(doliprane|paracetamol|dafalgan|efferalgan|ibuprofene|advil|nurofen|aspirine|sirop|suppositoire|"
        r"medicaments?|medocs?|cachets|traitement|anticoagulants?|comprimes)\b")),
    # The boxes of pills swallowed (« je garde les boîtes de médicaments ? », persona round 92):
    # yes, for the SAMU.
    ("keep_boxes", frozenset({MEDICAL}), re.compile(
        r"\b(garde|gardes|garder|je prends|prendre|montre|montrer|donne|donner|jette|jeter)\b.{0,30}\b(boites?|plaquettes?|emballages?|flacons?|tubes?)\b")),
    # « Il dit qu'il a soif, je lui donne de l'eau ? » (persona round 104: unanswered twice).
    ("drink", frozenset({MEDICAL}), re.compile(
        r"\b(je lui donne|lui donner|peut il|peut elle|il peut|elle peut) (\w+ ){0,2}(de l'eau|a boire|boire)\b|\b(il|elle) a soif\b")),
    # The room, not the body (« la CHAMBRE, il fait trop chaud. ventilateur, fenêtres ? »).
    ("room_cooling", frozenset({MEDICAL}), re.compile(
        r"^(?!.*\b(froid|froide|glacial\w*|gele\w*|gelee|chauffage|bleue?|respire)\b)(?=.*\b(chaud|chaude|chaleur|canicule|etouffe|rafraichir|refroidir|\d\d ?(°|degres))\b).*"
        r"(\b(chambre|piece|appart\w*|logement|maison)\b.{0,40}\b(trop chaud|chaud|chaude|etouffe|rafraichir|refroidir|\d\d ?(°|degres))"
        r"|\b(rafraichir|refroidir|aerer) (la |sa |ma |cette )?(chambre|piece|appart\w*|maison)\b"
        r"|\bventilateur (face|vers|sur|devant|braque|dirige|pointe|en face)\b|\b(ouvrir|ouvre|fermer|ferme) (les |la )?fenetres?\b)")),
    # A doctor on duty (« un médecin de garde un dimanche ? », « le 116 117 c'est quoi ? »).
    ("on_duty_doctor", frozenset({MEDICAL}), re.compile(
        r"\b(medecins? de garde|116 ?117|sos medecins?|pharmacie de garde|3237|maison medicale de garde|permanence des soins"
        r"|(un |le |une )?(medecin|docteur|pediatre) (le |ce |un )?(dimanche|week end|weekend|soir|nuit|jour ferie|ferie)"
        r"|pediatre (est )?(ferme|en vacances|absent|pas la))\b")),
    ("cooling", frozenset({MEDICAL}), re.compile(
        r"\b(gant (de toilette )?(mouille|humide|froid|frais)|linge (mouille|humide|frais)|bain (froid|frais|tiede)|(le|la|les|l') ?rafraichi\w*|"
        r"(le|la|les|l') ?refroidi\w*|ventilateur|glace|glacons|eau fraiche|eau froide|brumisateur)\b")),
    # A flood's switchboard (« le disjoncteur je touche ou pas ? », persona round 90: asked three
    # times, the danger lines each time): never with wet feet or hands.
    ("flood_power", frozenset({DANGER}), re.compile(
        r"^(?!.*\bgaz\b)(?!.*\b(pas de|y a pas de|aucune) (coupure de )?(courant|electricite)\b).*(\b(disjoncteur|tableau electrique|tableau)\b|"
        r"\b(couper|coupe|coupes|couperais|toucher|touche|eteindre|abaisser|baisser) (\w+ ){0,2}(le |l' ?|l )?(courant|l?electricite|jus|compteur|elec)\b|"
        r"\b(courant|l?electricite|elec)\b.{0,40}\b(eau|inond\w*|mouille\w*)\b|"
        # « de l'eau partout dans le salon… je fais quoi pour l'électricité, y a des prises en bas »
        r"\b(eau (partout|dans (le|la|l'|les|mon|ma|mes)|par terre|au sol|qui monte|monte)|inonde\w*|mouille\w*)\b.{0,80}"
        r"\b(l?electricite|courant|elec|prises?( electriques?)?)\b)")),
    # Warmth while waiting outside (« il fait -5, je peux mettre les enfants dans la voiture au
    # chaud ? », « je démarre le moteur pour le chauffage ? », persona round 90: unanswered, then
    # a paraffin heater right after a carbon monoxide poisoning).
    ("keep_warm", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(garder|garde|tenir|rester|mettre|on le garde|on la garde) (\w+ ){0,2}au chaud\b|"
        r"\b(voiture|bagnole|auto|moteur|vehicule)\b.{0,60}\b(chaud|chauffe\w*|chauffage|rechauff\w*|froid|gele\w*)\b|"
        r"\b(chaud|chauffe\w*|chauffage|rechauff\w*|froid|gele\w*)\b.{0,60}\b(voiture|bagnole|moteur)\b|"
        r"\b(il fait (tres |trop )?froid|il gele|on gele|on a froid|on se gele|(les enfants|les petits|les gosses|ils|elles) ont froid)\b")),
    # A medical device on mains power in an emergency (« maman est sous oxygène, son concentrateur
    # marche sur le secteur, la bouteille de secours dure combien ? », persona round 93: « je vous
    # lis »): the device's provider, the firemen told, the backup bottle.
    ("medical_device", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(oxygene|concentrateur|bouteille d'oxygene|respirateur|ventilation|ventilateur (respiratoire|medical)|appareil (medical|respiratoire)|"
        r"machine (pour respirer|a oxygene)|dialyse|pompe a (insuline|nutrition)|lit medicalise)\b")),
    # Blind crisis set C: « on monte à l'étage ? », « j'essaie de l'éteindre avec de l'eau ? »,
    # « j'allume la lumière pour voir d'où ça vient ? » got « je vous lis ».
    ("go_upstairs", frozenset({DANGER}), re.compile(
        r"\b(on monte|je monte|monter|on va|on reste|rester) (\w+ ){0,1}(a l'etage|en haut|au grenier|au premier|sur le toit)\b")),
    ("put_out_fire", frozenset({DANGER}), re.compile(
        r"\b(eteindre|j'eteins|j'essaie de l'eteindre|l'eteindre|eteins|arroser|jeter de l'eau)\b.{0,30}\b(eau|extincteur|couverture|seau)\b"
        r"|\b(avec|de) (de l'|l')eau (sur le feu|sur les flammes)\b")),
    ("light_switch", frozenset({DANGER}), re.compile(
        r"\b(j'?allume|allumer|allume|j'eteins|eteindre|appuyer sur)\b.{0,20}\b(lumiere|la lumiere|l'electricite|interrupteur|lampe)\b")),
    # Going back into the water for things (« je redescends chercher ses médicaments ? »).
    ("go_back_for_things", frozenset({DANGER}), re.compile(
        r"\b(redescend\w*|retourne\w*|repasse\w*|je vais|on va|j'y vais|aller|descendre) (\w+ ){0,2}(chercher|recuperer|prendre)\b"
        r"|\bje (redescends|redescend|retourne|descends|descend) (en bas|au rez|les chercher|la chercher|le chercher)\b")),
    # Diabetes in an emergency (« son insuline est restée en bas… elle n'a pas mangé, elle fait sa
    # piqûre ? elle tremble », persona round 94: the fridge advice of a power cut, then « je me
    # suis trompé de sujet »): sugar first if it may be a hypo, the dose asked of the 15.
    ("diabetes", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(insuline|diabet\w*|hypoglycemie|hypo|glycemie|stylo a insuline|piqure d'insuline|sa piqure|sucre)\b")),
    ("what_to_take", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(je prends|on prend|j'emporte|on emporte|prendre|emporter|amener|apporter) (quoi|quelles affaires|ses affaires|des affaires)\b|"
        r"\bqu'est ce que (je|j'|on) (prends|prend|emporte|amene|apporte)\b|\b(quelles|ses) affaires\b")),
    # Where to sleep once evacuated (« et après on dort où ? maman ne peut pas aller dans un
    # gymnase », persona round 93: « je vous lis »).
    ("where_to_sleep", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(on dort|on va dormir|dormir|je dors|nous dormons|passer la nuit|on loge|on va loger|se loger|hebergement|etre heberge\w*)\b.{0,30}\b(ou|ce soir|cette nuit)\b"
        r"|\bou (est ce qu'|est ce que )?(on|je|nous|j') ?(va |vais |allons |peut |peux )?(dort|dormir|dors|loger|passer la nuit|aller ce soir)\b"
        r"|\b(gymnase|centre d'accueil|lieu d'accueil|centre d'hebergement)\b")),
    ("cover", frozenset({MEDICAL}), re.compile(
        r"\b(?<!je m')(?<!on s')(couvr\w*|couverture|couette|habill\w*|deshabill\w*|bonnet|emmitoufl\w*|rechauff\w*|"
        r"(il|elle) a froid|pas de chauffage|sans chauffage|plus de chauffage|hypothermie|"
        r"(boire|boisson|the|tisane|soupe|cafe) (bien )?(chaud|chaude|quelque chose de chaud|sucre\w*))\b")),
    # A door to break (« je casse la porte ou pas ? », persona round 92, asked three times):
    # the firemen open it; nobody breaks in alone.
    ("force_door", frozenset({MEDICAL, DANGER}), re.compile(
        r"\b(casser|casse|defoncer|defonce|enfoncer|enfonce|forcer|force|fracturer|peter) (\w+ ){0,2}(sa |la |cette |leur )?(porte|serrure|fenetre|vitre)\b"
        r"|\b(passer|rentrer|entrer) par (la|sa) (fenetre|balcon)\b|\b(ouvrir|ouvrent|ouvre|forcent|force|cassent) (eux memes|la porte eux)\b")),
)
_PRACTICAL_TABLE = {MEDICAL: "medical_answers", DANGER: "danger_answers"}
_DENIES_DANGER = re.compile(
    r"\b((je ne suis|je suis|on n'est|on est|nous ne sommes|nous sommes|personne n'est) (pas|plus)|pas|plus) en danger\b"
    r"|\b(aucun|pas de|plus de|y a pas de|il n'y a pas de) danger\b")


def _only_denies_danger(message: CitizenMessage) -> bool:
    """The message's only false-alarm words deny a danger now."""
    rest = _DENIES_DANGER.sub(" ", normalise(message.text or ""))
    return rest != normalise(message.text or "") and move_of(replace(message, text=rest)) != "false_alarm"


_SKIPPED_ONCE_REACHED = frozenset({"care", "drive_there", "safe_now", "gas"})
# A kind's own move that comes before any practicality (a wound, gas, the emergency over).
_BEFORE_PRACTICAL = frozenset({"emergency_over", "bleeding", "gas", "carbon_monoxide", "false_alarm", "line_busy"})


def _emergency_practicality(text: str | None, kind: str) -> tuple[str, ...]:
    """What a message asks of the emergency itself (the switchboard in a flood, warmth while
    waiting outside), beyond the secours reached: the dialogue answers it, not a track (persona
    round 90: « moteur allumé dans la cour pour se réchauffer ? » got a paraffin heater)."""
    return tuple(key for key in practical_asks(text, kind) if key not in ("help_reached", "calling"))


def practical_asks(text: str | None, kind: str) -> tuple[str, ...]:
    """The practicalities of an emergency a message asks or tells, in the order answered."""
    words = normalise(text or "")
    asks = tuple(key for key, kinds, pattern in _PRACTICAL if kind in kinds and pattern.search(words))
    asks = tuple(dict.fromkeys(asks))
    if "diabetes" in asks:
        # The diabetes answer says what to do with sugar and the treatment.
        asks = tuple(key for key in asks if key not in ("own_treatment", "medicine"))
    if "what_to_take" in asks:
        # « Je prends quoi comme papiers et médicaments ? » asks what to take, not whether to
        # give a medicine (persona round 93).
        asks = tuple(key for key in asks if key != "medicine")
    if "medicine" in asks and _DOCTOR_SAID_NO_MEDICINE.search(words):
        # « Le 15 a dit pas de médicament, mais je peux lui donner du Doliprane quand même ? »
        # (a review: the dosing came): what the doctor said.
        asks = tuple("medicine_doctor_said_no" if key == "medicine" else key for key in asks)
    if "room_cooling" in asks:
        # The room asked about: not the body's cooling again.
        asks = tuple(key for key in asks if key != "cooling")
    if "keep_warm" in asks:
        # The warmth asked is the family's, waiting outside: not the patient's blanket.
        asks = tuple(key for key in asks if key != "cover")
    if "help_late" in asks:
        # « Ça fait 20 minutes que j'ai appelé, l'ambulance arrive quand ? »: the call was made,
        # the help is late (persona round 91: « je vous lis »).
        asks = tuple(key for key in asks if key not in ("calling", "help_reached"))
    elif "help_reached" in asks:
        asks = tuple(key for key in asks if key != "calling")
    if "doctor_advised" in asks:
        # The doctor decided: his advice, not the script of a call, a late ambulance or care.
        asks = ("doctor_advised",) + tuple(key for key in asks if key not in _DECIDED_BY_THE_DOCTOR)
    return asks


_DOCTOR_SAID_NO_MEDICINE = re.compile(
    r"\b(le 15|le samu|le medecin|le docteur|la doctoresse|le pediatre|il|elle|ils) (m'|nous )?(a|ont) dit (de ne (pas|rien) (lui )?donner|pas de|aucun|de ne rien)"
    r"|\b(pas de|aucun) (medicament|medoc|doliprane|paracetamol)s? (d'apres|selon) (le 15|le medecin|le samu)\b")
_DECIDED_BY_THE_DOCTOR = frozenset({"doctor_advised", "help_reached", "help_late", "calling", "cooling", "medicine", "cover"})


# Shared moves answered by one text whatever the kind.
_ASKS_A_DOCTOR = re.compile(r"\b(je (l'|le |la )?(emmene|amene|montre)\w*|l'emmener|le montrer|la montrer|consulter|"
                            r"(chez|voir) (le|un|son) (medecin|pediatre|docteur|generaliste))\b(?!.{0,20}\b(a dit|dit que))")
_TOLD_MOVES = frozenset({"hard_of_hearing", "follow_up_request"})
# Questions answered by one text of the content, also after the dialogue ended: a helpline's
# use, a call asked for, and a parent's « c'est grave ? » and « comment je lui parle ce soir ? ».
_ANSWERED_MOVES = frozenset({"drive_tonight", "employer_told", "line_for_me", "wants_a_call", "is_it_serious", "how_to_talk",
                             "befriending"})


def _practical_turn(state: dict[str, Any], asks: tuple[str, ...], kind: str,
                    told: tuple[str, ...] = ()) -> CrisisTurn:
    table = _table(_PRACTICAL_TABLE[kind])
    if state.get("writer") == "unanswering" and {"calling", "help_reached"} & set(asks):
        # Their answers say who opens the door: not said twice in one turn.
        asks = tuple(key for key in asks if key != "force_door")
    if "on_duty_doctor" in asks and (not state.get("reached") or state.get("writer") == "infant"):
        # A doctor on duty is for after the 15 (a review: « je peux appeler SOS Médecins
        # plutôt ? » in a heart attack not yet called got the 116 117): the 15 first.
        asks = tuple("on_duty_doctor_not_yet" if key == "on_duty_doctor" else key for key in asks)
    if state.get("writer") == "infant":
        # The baby's own lines say the room (« la pièce la moins chaude »).
        asks = tuple(key for key in asks if key != "room_cooling")
    answers = list(told) + [str(table[_variant(table, key, state)]) for key in asks]
    if "help_reached" in asks or "doctor_advised" in asks:
        state = {**state, "reached": True, "step": 0}
    answer = "\n\n".join(answers)
    if answer == state.get("last"):
        # The same question again (« vous répondez pas », persona round 90): the answer again,
        # said as such, not replaced by the numbers.
        answer = crisis_content().text("practical_again") + answer
    return _turn(state, (answer,), kind=kind)


def _variant(table: dict[str, Any], key: str, state: dict[str, Any]) -> str:
    """The answer's variant for who writes (a baby, a closed door), else for a child's fever or a
    heatstroke, when the table has one."""
    writer = state.get("writer")
    heat = bool(state.get("heat"))
    candidates = [f"{key}_heat_self"] if writer == "self" and heat else []
    if state.get(CHILD_FEVER_KEY) and writer != "infant":
        # A child's fever in a heat wave is still a fever: no heatstroke's ice.
        candidates.append(f"{key}_child_fever")
    if writer in ("infant", "unanswering", "self"):
        candidates.append(f"{key}_{writer}")
    if heat:
        candidates.append(f"{key}_heat")
    return next((candidate for candidate in candidates if candidate in table), key)


def _turn(state: dict[str, Any], lines: tuple[str, ...], kind: str, case: str | None = None,
          offer_person: bool = False) -> CrisisTurn:
    if lines and lines[-1] == state.get("last"):
        # Never the same text twice in a row: the kind's short reminder says what stays true
        # (free, day and night, the numbers), else a line of listening.
        reminder = "" if state.get("reached") else _reminder(kind, state)
        listen = next(line for line in crisis_content().lines("listen") if line != state.get("last"))
        lines = lines[:-1] + (reminder if reminder and reminder != state.get("last") else listen,)
    new_state = {**state, "last": lines[-1] if lines else state.get("last")}
    return CrisisTurn(lines=lines, state=new_state, case=case, offer_person=offer_person, kind=kind)


def _varied(options: tuple[str, ...], state: dict[str, Any]) -> str:
    """The first option that is not what Relais said last, cycling with the turns."""
    turn = state.get("turns", 0)
    state["turns"] = turn + 1
    ordered = options[turn % len(options):] + options[:turn % len(options)]
    for option in ordered:
        if option != state.get("last") and not str(state.get("last", "")).startswith(option):
            return option
    return ordered[0]


def _asked_again(question: str, state: dict[str, Any]) -> str:
    """The question asked again, never in the words of the message just sent; to a young person
    about their own home, their own question."""
    if state.get("kind") == CHILD and state.get("writer") == "child":
        question = crisis_content().text("child_self_question")
    for preface in crisis_content().lines("question_again_preface"):
        line = preface + _lower_first(question)
        if line != state.get("last"):
            return line
    return line


def _table(key: str) -> dict[str, Any]:
    table = crisis_content().dialogue[key]
    if not isinstance(table, dict):
        raise ValueError(f"crisis content: dialogue.{key} must be a table by kind or answer")
    return table


def _lower_first(text: str) -> str:
    # After a colon, French goes on in lower case.
    return text[:1].lower() + text[1:]


def _closed(state: dict[str, Any], last: str) -> dict[str, Any]:
    return {**state, "open": False, "tier": None, "last": last, "asked": 0, "questions": 0}
