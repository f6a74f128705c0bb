"""Reading doléances and envies in what citizens type (issue #14).

A lexicon, not the model: a doléance recorded by mistake goes to public agents, and one missed
is a citizen not heard; both are worded here, reviewable, and measured by a blind set
(tests/blind/grievances_A.yml). What it reads:

- a request about the citizen's own items: the list (« mes doléances », « ça en est où ma
  demande ? »), a withdrawal (« retirez la D-12 »), a detail (« précision pour la D-12 : … »);
- an explicit doléance or envie (« je veux signaler… », « faire remonter à la mairie », « une
  doléance », « on aimerait un composteur dans la résidence »): Relais starts collecting it;
- an implicit one (« ils ont supprimé le car du mercredi », « plus de médecin au village »):
  Relais asks first whether to transmit it, since the citizen may only be talking;
- in the answers to Relais' questions: a place, a theme, what may be published.

A question asking for help (« comment je fais pour… ? ») is never an implicit doléance: the
practical tracks answer it.
"""

import re
from dataclasses import dataclass

from relais.directory import extract_postal_code
from relais.greeting import is_greeting_only
from relais.grievances import THEME_OTHER, THEME_PUBLIC_SERVICES, references_in
from relais.models import VISIBILITY_COUNTED, VISIBILITY_PRIVATE, VISIBILITY_PUBLISHED
from relais.mood import speaks_of_low_mood
from relais.sentences import sentences
from relais.text import normalise

LIST = "list"
ABOUT = "about"
WITHDRAW = "withdraw"
DETAIL = "detail"
EXPLICIT = "explicit"
IMPLICIT = "implicit"

DOLEANCE = "doleance"
ENVIE = "envie"

# « Où signaler une arnaque ? »: a report to another service (Pharos, 17, 3919…), not the unit.
_REPORTS_ELSEWHERE = re.compile(
    r"\b(arnaque\w*|escroqu\w*|fraude\w*|phishing|hameconn\w*|harcel\w*|violen\w*|maltrait\w*|agress\w*|vol|vole"
    r"|cambriol\w*|disparition|site|sms|mail|numero pour|ou (je peux )?signaler|(signaler|signale) (\w+ ){0,3}quelque part"
    # A consumer's complaint: « faire une réclamation auprès de mon fournisseur ».
    r"|(aupres de|a|chez) (mon|ma|mes) (fournisseur|banque|operateur|assureur|assurance|proprio|proprietaire|bailleur|syndic|employeur|mutuelle)"
    r"|edf|engie|totalenergies|orange|sfr|bouygues"
    # « une plainte contre mon voisin qui me menace »: the police's (review).
    r"|plainte contre|menac\w*|frapp\w*)\b")
_ITEM = (r"(dol[eé]ance|doleances|envie|envies|signalement|signalements|reclamation|reclamations|demande|proposition"
         r"|mon truc|mon dossier|ma requete|d ?-? ?\d+)")
_MINE = r"(mes|ma|mon|la|le|les|cette|celle|celles)"

_LIST = re.compile(
    rf"\b(mes (dol[eé]ances|doleances|envies|signalements|reclamations|propositions)"
    rf"|(ou|o) (en est|en sont|en est ce que|ca en est)\b.*\b({_ITEM}|signale|propose)"
    rf"|(signale|propose|transmis|envoye|fait remonter)\b.*\b(ou (ca|c'?) en est|ca en est ou|des nouvelles|du nouveau|une reponse)"
    rf"|(liste|voir|afficher|suivre) {_MINE} ({_ITEM})"
    rf"|(quoi de neuf|du nouveau|des nouvelles) (pour|sur|de) {_MINE} ({_ITEM})"
    rf"|(ca|ça) en est ou\b.*\b({_ITEM})"
    rf"|(montrer|voir|revoir|rappeler|redonner|renvoyer|relire)\b.*\b(ce que|ce qu'|ce dont) (j'ai|je vous ai|j'avais) (envoye|transmis|signale|dit|ecrit|propose)"
    rf"|(numero de |ma |la )reference\b"
    rf"|({_ITEM})\b.*\b(ca|ça) en est ou|(elle|il) (est|en est) ou (ma|mon) ({_ITEM})|(ou est|ou en est) (ma|mon) ({_ITEM})"
    rf"|(ma|mon) ({_ITEM}) .{{0,20}}(je peux|on peut) (la|le) voir"
    rf"|(rappeler|redonner|revoir|voir|montrer|afficher|relire) (les|mes|la liste|ma liste|la liste de mes) ?(signalements|doleances|demandes|envies|propositions)?"
    rf"(?=.*\b(signalements|doleances|demandes|envies|liste|que j'ai))"
    rf"|^mes demandes( svp| stp| s'il vous plait)?$)"
)
# « c'est quoi les doléances ? », « ça sert à quoi ? »: what the feature is.
_ABOUT = re.compile(
    r"\b(c'est quoi|ca sert a quoi|sert a quoi|comment ca marche|ca marche comment|qu'est ce que c'est|qu'est ce que|a quoi (ca|sert))\b"
    r".*\bdol[eé]ances?\b|\bdol[eé]ances?\b.*\b(c'est quoi|ca sert a quoi|comment ca marche)\b"
)
# « La première », « la dernière » of the citizen's list (« vous pouvez enlever la première ? »,
# persona round 90: read as a garden question).
ORDINALS = {"premiere": 0, "premier": 0, "deuxieme": 1, "seconde": 1, "second": 1, "troisieme": 2,
            "quatrieme": 3, "cinquieme": 4, "derniere": -1, "dernier": -1}
_ORDINAL = re.compile(r"\b(la|le) (" + "|".join(ORDINALS) + r")\b")
_WITHDRAW = re.compile(
    rf"\b(retir\w*|supprim\w*|annul\w*|efface\w*|enlev\w*|laisse[sz]? tomber|oublie[sz]?)\b.*\b({_ITEM}|celle|celui)\b"
    # The ordinal ends the request (not « enlever le premier rang de salades »).
    rf"|\b(retir\w*|supprim\w*|annul\w*|efface\w*|enlev\w*)\b.*{_ORDINAL.pattern}"
    r"( (svp|stp|s'il vous plait|merci|de la liste|de ma liste|alors|aussi))*$"
)


def ordinal_in(text: str | None) -> int | None:
    """The place in the list a message names (0 for « la première », -1 for « la dernière »)."""
    match = _ORDINAL.search(normalise(text or ""))
    return ORDINALS[match.group(2)] if match else None
_DETAIL = re.compile(
    rf"\b(precision|preciser|ajout\w*|complet\w*|rajout\w*)\b.*\b({_ITEM})\b"
)
# Words that name the act of voicing one.
_EXPLICIT = re.compile(
    r"\b(dol[eé]ances?|doleances?|faire (une|un) (reclamation|signalement)"
    # « et là maintenant ouais jveux me plaindre. c la 4e coupure d'eau dans la cité » (persona
    # round 102: not heard, its place lost).
    r"|(je veux|jveux|je voudrais|j'aimerais|je souhaite) (me plaindre|faire une plainte|deposer une plainte) (?!(a la|au|aupres de la) (police|gendarmerie|commissariat))"
    # « Je souhaiterais déposer une réclamation officielle auprès du service public » (persona
    # round 101: « pas de réponse sûre » and the food coach); a complaint to one's supplier or
    # bank is not the place's.
    r"|reclamations? officielles?|reclamations? (\w+ )?aupres (du service public|des services publics|de la mairie|de la commune|des elus|de l'etat|de la prefecture)"
    r"|(je|j') ?(veux|voudrais|voudrai|souhaite|aimerais|vais|dois|peux)( bien)? signaler"
    r"|signaler (un|une|le|la|les|que|qu')"
    r"|(des choses|quelque chose|un truc|des trucs|plusieurs choses|un probleme|des problemes) a (signaler|faire remonter) (sur|dans|pour) (mon|notre|le) (quartier|village|commune|ville|rue)"
    r"|faire remonter|faites? (le |la |les )?remonter|(que|faut que) (ca|cela) remonte|(ca|cela) (doit|peut) remonter|remonter (ca|cela|l'info|le probleme) (a|aux?) (la mairie|l'unite|la commune|services?)"
    r"|(transmett\w*|dire) (a|aux?) (la mairie|l'unite|la commune|les elus|l'unite de quartier)"
    r"|unite de quartier|boite a idees|(idee|suggestion|proposition) pour (le|la|mon|ma|notre|nos) (quartier|village|commune|ville|residence)"
    # « Je voudrais proposer à la mairie un jardin partagé, je peux faire une envie ici ? »
    # (persona round 92: lombricomposting actions instead).
    r"|(deposer|faire|laisser|formuler|envoyer|soumettre|noter|enregistrer) (une|un|mon|ma|cette|notre) (envie|proposition|idee|suggestion)\b"
    r"|\b(voudrais|voudrait|aimerais|aimerait|veux|voulons|voudrions|souhaite|souhaiterais) (bien )?proposer "
    r"((a|aux?) (la mairie|la commune|la ville|la municipalite|les elus|l'unite)\b|.{0,60}\b(pour|dans|a) (le|la|notre|mon|ma|l') ?(quartier|village|commune|ville|residence|rue|cite|hameau)\b)"
    r"|\b(j'ai|on a|j ai) (aussi |encore |egalement )?(une |un )(autre )?(proposition|suggestion)\b"
    r"|je (propose|suggere)|ma proposition|une (autre )?envie (aussi|pour|:)|une envie aussi|autre envie|une proposition pour|^proposition\b|^(une )?idee\b"
    r"|(au nom|de la part) (de|des|d') ?(plusieurs |nombreux |quelques )?(habitants|riverains|voisins|parents|familles|locataires|usagers|collectif|association)"
    r"|(les|des|nous|on est plusieurs) (habitants|riverains|locataires|usagers)\b.*\b(demand|aimer|voudr|souhait|reclam|protest|en ont marre|ras le bol))"
)
# A wish for the place: « on aimerait un composteur », « il faudrait une navette ».
_WISH = re.compile(
    r"\b((on|nous) (aimerait|aimerions|voudrait|voudrions|souhaiterait|souhaiterions|reve d'|revons d')"
    r"|(je voudrais|j'aimerais|on voudrait|on aimerait|nous voudrions|nous aimerions) qu'(on|il y ait|ils|elle|la mairie|la ville)"
    r"|(est ce qu')?on (pourrait|pourra) (avoir|installer|mettre|creer|ouvrir|remettre)"
    r"|(on|nous) (aurait|aurions|aurais) (bien )?besoin|(je|nous) (souhaiterais|souhaiterions|voudrais|voudrions|aimerais|aimerions) (proposer|suggerer)|(il )?(nous )?faudrait|il nous faut|(il )?faut (un|une|des|qu'on|que la|que le)|serait (souhaitable|bien|utile|bon|temps)"
    r"|pourquoi pas (un|une|des|de)|(il y a|y a) (rien|r|plus rien|pas grand chose) (pour|pr) (les|nous|la)|(ce|ce qui|ca) (serait|serai|seras) (vraiment |tellement |quand meme |trop |tres |super )?(bien|top|super|genial|chouette|pratique|utile)"
    r"|(ca|cela) (serait|serai) (vraiment |tellement )?(bien|top|super|genial|chouette|pratique|utile)"
    r"|j'aimerais (bien )?qu'(il y ait|on (ait|mette|installe|cree|ouvre))|et si on (mettait|creait|installait|ouvrait|plantait|faisait)"
    r"|pourquoi on (ne )?met pas|pourquoi on (n')?a pas|ca manque (d'un|d'une|de)|il manque (un|une|des|de)"
    r"|(serait|serais) (il )?possible d'(avoir|installer|mettre|creer|ouvrir))"
)
_PLACE_WORDS = (r"(quartier|village|commune|ville|residence|cite|rue|bourg|hameau|centre|immeuble|lotissement|avenue|boulevard|chemin|allee|impasse|foyer"
                r"|ecole|mairie|place|parc|square|marche|canton|secteur|coin|ici|chez nous)")
# A loss or a fault of a public good: « ils ont supprimé le car », « plus de médecin ».
_GOOD = (r"(bus|car|cars|ligne|train|gare|navette|ter|arret|ecole|classe|college|creche|poste|bureau de poste"
         r"|medecin|medecins|docteur|pharmacie|hopital|urgences|maternite|mairie|guichet|caf|france services"
         r"|tresorerie|commissariat|gendarmerie|pompiers|distributeur|dab|boulangerie|epicerie|commerce|commerces"
         r"|lampadaire|lampadaires|eclairage|trottoir|trottoirs|route|routes|chaussee|pont|pistes? cyclables?|passage pieton"
         r"|banc|bancs|parc|aire de jeux|terrain|gymnase|piscine|bibliotheque|mediatheque|salle"
         r"|ramassage|poubelles|dechetterie|benne|bennes|containers?|fibre|reseau|antenne|eau|fontaine|toilettes"
         r"|ascenseur|ascenseurs|parking|stade|city stade|transfo|transformateur|abri|abribus|voirie|egout|egouts"
         r"|canalisation|caniveau|square|jardin public|cantine|maison de sante|ehpad|bureau|agence|permanence"
         r"|pmi|halte garderie|centre social|maison de quartier|accueil|lampadaires|train|trains|rer|tram|metro|fibre|4g)")
_LOSS = re.compile(
    rf"\b((ont|a|avez|on a|aient|avaient|vont|va) (supprime|ferme|retire|enleve|arrete|coupe|abandonne|demenage)\w* (le|la|les|l'|notre|nos|son|sa|leur|leurs|un|une|des)? ?\w*"
    rf"|plus (de|d'|du|aucun|aucune) ?{_GOOD}\b|(il n'y a|y a|n'y a) aucune? {_GOOD}\b|\bni {_GOOD}\b.{{0,20}}\bni\b"
    rf"|{_GOOD}\b(\W+\w+){{0,3}}?\W+supprim\w*"
    rf"|{_GOOD} (a ete|ont ete|est|sont|va etre|vont etre) (supprime|ferme|retire|cass|defonc|abime|en panne|hors service|deplace|arrete)\w*"
    rf"|{_GOOD} (casse|cassee|casses|cassees|defonce|defoncee|eteint|eteints|en panne|hors service|jamais repare)\w*"
    rf"|(fermeture|suppression|disparition) (de|du|des|d') ?(la |l')?{_GOOD}"
    rf"|{_GOOD}\b(\W+\w+){{0,8}}?\W+(est|sont|reste|restent|a ete|ont ete|etait|devient|est devenu|est devenue)\W+(\w+\W+){{0,2}}?"
    rf"(casse|cassee|casses|cassees|defonce|defoncee|en panne|hors service|ferme|fermee|supprime|supprimee|payant|payante|eteint\w*"
    rf"|dangereu\w*|sale|sales|insalubre|abandonne\w*|plein\w* de (trous|dechets|ordures)|inaccessible|bouche\w*|inonde\w*)\b"
    rf"|{_GOOD}\b(\W+\w+){{0,6}}?\W+(pas|jamais|plus) (ramasse|repare|nettoye|entretenu|deneige|vide|releve|remplace)\w*"
    rf"|(plein\w*|rempli\w*) de (trous|nids de poule|dechets|ordures|rats)"
    rf"|{_GOOD}\b(\W+\w+){{0,5}}?\W+(ferme|fermera|va fermer|vont fermer|a ferme|ont ferme|baisse le rideau|a baisse le rideau"
    rf"|a disparu|est parti|est partie|demenage|sera supprime\w*|remplace\w* par)\b"
    rf"|(coupures?|pannes?) (d'eau|de courant|d'electricite|de gaz|de reseau|d'internet)\b(\W+\w+){{0,6}}?\W+"
    rf"(toutes les semaines|tous les (jours|mois)|tout le temps|sans arret|a repetition|chaque (semaine|mois|hiver|orage)|encore et encore)"
    rf"|(personne|on) (ne )?nous (demande|ecoute|repond)|(ils|la mairie|la commune) (ne )?(repond|repondent|fait|font) rien"
    rf"|nids? de poule|depot sauvage|depots sauvages|decharge sauvage"
    rf"|ce qui (ne )?va pas (ici|dans (le|la|mon|notre) {_PLACE_WORDS}))"
)
# A request for help, not a doléance: the practical tracks answer it.
_HELP = re.compile(
    r"(\?|\b(comment|par ou|que faire|qu'est ce que je (fais|dois|peux)|je fais comment|on fait comment|je fais quoi|quoi faire|aidez|aide moi|"
    r"besoin d'aide|conseil|est ce que je peux|ou trouver|ou est ce que|je cherche|j'ai le droit)\b)"
)
_NO_TRANSMIT = re.compile(
    r"^(non|nan|no|pas besoin|pas la peine|laisse[sz]?( tomber)?|c'est bon|ca ira|non merci|je parlais juste"
    # « mais là c pas le moment des plaintes, j'ai un bébé… » (persona round 102).
    r"|(mais )?(la )?(c'est|c|ce n'est) pas le moment"
    r"|juste (pour )?(dire|parler|rale\w*)|pas maintenant|plus tard)\b"
)
_YES_TRANSMIT = re.compile(
    r"^((ben|bah|euh|alors|oh|ah|bon|mais) )?(oui|ouais|ouai|wi|ok|okay|d'?accord|dac|volontiers|carrement|avec plaisir|bien sur|allez y|vas y|go"
    r"|transmet\w*|envoy\w*|faites|fais le|je veux bien|svp|oui svp|merci oui)\b"
)
_VISIBILITY = (
    # Checked first: « ne la publiez pas », « pas publier » is private, not published.
    (VISIBILITY_PRIVATE, re.compile(
        r"\b((ne|n') ?(la|le|les)? ?publie\w* pas|(?<!sais )pas (la |le )?publi\w*|sans (la |le )?publi\w*|gard\w* (la |le |ca |cela )?(pour|entre) (vous|l'unite|eux|nous)"
        r"|garde[sz]? (la|le|ca|cela)|prive(e|s|es)?\b|en prive|confidenti\w*|reserv\w*|discret\w*|pas public|que pour (vous|l'unite)|pour l'unite"
        r"|personne d'autre|juste (pour )?l'unite|entre nous)\b")),
    (VISIBILITY_COUNTED, re.compile(
        r"\b(chiffres?|compt\w*|statisti\w*|stats?|anonym\w*|sans (le )?texte|nombre|total|seulement dans)\b")),
    (VISIBILITY_PUBLISHED, re.compile(
        r"\b(publi\w*|public|publique|affich\w*|partag\w*|tout le monde|diffus\w*|montr\w*|vous pouvez (la |le )?mettre"
        # « que les autres habitants puissent la voir, mais sans mon nom » (persona round 87).
        r"|(les )?(autres|gens|habitants|voisins|citoyens)( \w+)? (puissent|peuvent|pourront|pourraient) (la |le |les )?(voir|lire|consulter|soutenir)"
        r"|(visible|lisible)s? (par|pour|de) (tous|tout le monde|les autres|les habitants|les gens))\b")),
    # Last: « que ça remonte à la mairie » says only that it should reach someone; the unit
    # reads it in any case (said in the question), so it stays with the unit.
    (VISIBILITY_PRIVATE, re.compile(
        r"\b(remont\w*|transmett\w*|fai\w* suivre|envoy\w*) (\w+ ){0,2}(a|au|aux|jusqu'a|jusqu'au) "
        r"(la mairie|maire|l'unite|la commune|la prefecture|l'agglo\w*|la metropole|qui de droit|la region|departement|elus?|responsables?)\b")),
)
# Themes by their words, for a place-bound item (« le car », « le médecin »); None: ask.
_THEMES = (
    (THEME_PUBLIC_SERVICES, r"(poste|mairie|guichet|caf|france services|tresorerie|ecole|classe|college|lycee|creche"
                            r"|medecin|docteur|pharmacie|hopital|urgences|maternite|sante|commissariat|gendarmerie"
                            r"|pompiers|service public|services publics|bibliotheque|mediatheque|administration"
                            r"|lampadaire|eclairage|trottoirs?|route|chaussee|nids? de poule|poubelles|ramassage"
                            r"|dechetterie|depot sauvage|toilettes|proprete|securite|bruit"
                            # Water cuts are the water service's (persona round 102: filed as energy).
                            r"|coupures? d ?'?eau|eau potable|eau courante|distribution d ?'?eau|canalisations?)"),
    ("mobilite", r"(bus|abribus|abri bus|car|cars|ligne|train|gare|navette|ter|arret|transport|transports|covoiturage|velo|velos"
                 r"|piste cyclable|parking|circulation|carburant|essence|station)"),
    ("numerique", r"(fibre|internet|reseau|antenne|4g|5g|wifi|couverture|numerique|telephone|portable)"),
    ("alimentation", r"(epicerie|boulangerie|commerce|commerces|marche|cantine|alimentation|nourriture|magasin"
                     r"|supermarche|producteurs?|circuit court|frigo solidaire|banque alimentaire)"),
    ("energie", r"(electricite|coupure de courant|coupures(?! d ?'?eau)|delestage|energie|chauffage urbain|panneaux solaires|gaz)"),
    ("permaculture", r"(jardin|jardins|potager|composteur|compost|arbres?|espaces? verts?|verger|parc|square|fleurs|plantes?)"),
    ("logement", r"(logement|logements|hlm|bailleur|ascenseur|immeuble|humidite|moisissure|insalubre|loyer|residence)"),
    ("travail", r"(emploi|travail|chomage|france travail|usine|entreprise|zone d'activite)"),
    ("economie", r"(distributeur|dab|banque|monnaie locale|prix|budget|aides?)"),
)
# Plurals too (« les lampadaires », « les délestages »: persona round 90, filed as « autre »).
_THEME_WORDS = {theme: re.compile(rf"\b(?:{words})s?\b") for theme, words in _THEMES}
_COMMUNE = re.compile(
    # « pour ma commune (Laxou) », « notre village : Brioude » (persona round 102).
    r"(?:^|\b(?i:a|à|au|sur|de|dans|pres de|près de|vers|pour|commune de|ville de|village de)\s+"
    r"|\b(?i:ma|notre) (?i:commune|ville|village)\s*[(:,]\s*)"
    r"((?:(?:Saint|Sainte|St|Ste|Le|La|Les|L')[- ']?)?[A-ZÉÈÂÎ][\w'’-]+(?:[- ](?:sur|sous|en|de|du|des|la|le|les|lès|[A-ZÉÈÂÎ][\w'’-]+))*)"
)
_QUARTIER = re.compile(
    # Not a verb after it (« les vieux du hameau ne peuvent plus aller », persona round 109).
    r"\b(quartier|cite|cité|résidence|residence|lotissement|hameau|secteur)\s+(?!sur relais\b|par ici\b|ici\b|"
    r"(?:ne|n'|qui|que|est|sont|a|ont|se|s'|y|il|elle|on|ils|elles|fait|font|va|vont|peut|peuvent|doit|doivent|etait|était)\b)((?:de la |des |du |de l'|de |d')?[\w'’ -]{2,40}?)(?=[,.!?;]|$|\s+\d{5}\b| (?:a|à|au|sur|dans|pr[eè]s|vers|et|mais|c'est|il|on|vous)\b)",
    re.IGNORECASE,
)
# Words that start a sentence and are not a commune.
_NOT_COMMUNE = {"Je", "J", "Il", "Elle", "On", "Nous", "Vous", "Ils", "Elles", "Le", "La", "Les", "Un", "Une",
                "Bonjour", "Bonsoir", "Salut", "Merci", "Oui", "Non", "Mais", "Et", "Ici", "Chez", "Depuis",
                "Ce", "Ca", "Ça", "C", "Quartier", "Dans", "Au", "Sur", "Pour", "Madame", "Monsieur", "Mme", "M",
                "Publiez", "Gardez", "Comptez", "Juste", "Pas", "Plus", "Alors", "Bon", "Bah", "Ben"}
_SUBSTANCE_WORDS = 6
_PUBLISHING = re.compile(r"\b(publi\w*|diffus\w*|gard\w*|compt\w*|chiffres?|statisti\w*|confidenti\w*|prive\w*|anonym\w*"
                         r"|sans (mon )?nom|entre (vous|nous)|l'unite|seulement|juste|intégralement|integralement)\b")


@dataclass(frozen=True)
class Reading:
    """What a message asks of the doléance feature."""

    request: str  # ABOUT, LIST, WITHDRAW, DETAIL, EXPLICIT or IMPLICIT
    kind: str = DOLEANCE
    references: tuple[int, ...] = ()
    # ABOUT only: the question is what happens to the item just given or being given (who
    # reads it, how the citizen hears back), not what doléances are.
    follow_up: bool = False


@dataclass(frozen=True)
class Place:
    postal_code: str | None = None
    commune: str | None = None
    quartier: str | None = None

    @property
    def found(self) -> bool:
        return bool(self.postal_code or self.commune)


def _only_withdraws(text: str, words: str, references: tuple[int, ...]) -> bool:
    """« Laissez tomber » withdraws the last item only said about it: a short message without a
    question, or one naming the item (persona round 95: « pourquoi coach travail ?? rien à voir.
    laissez tomber. Autre question : … le jardin » withdrew a doléance)."""
    return bool(references) or ("?" not in text and len(words.split()) <= _SHORT_WITHDRAWAL_WORDS)


_SHORT_WITHDRAWAL_WORDS = 10
# « Finalement laissez tomber, ils l'ont réparé », « annulez-la », just after giving an item.
_WITHDRAW_LAST = re.compile(r"\b(laisse[sz]? tomber|annule[sz]? (la|le)|retire[sz]? (la|le)|supprime[sz]? (la|le)"
                            r"|oublie[sz]? (la|le|ca)|plus besoin)\b")
_ADDING = re.compile(
    r"\b(je peux|puis je|je voudrais|j'aimerais|je veux|on peut|est ce que je peux) (r?ajouter|preciser) (que|qu')"
    r"|^((ah|oh|et|au fait|pardon|petite precision|aussi)\W+)*(j'ajoute|je rajoute|je precise|precision|rajoutez|ajoutez|pour info"
    r"|j'ai oublie de (dire|preciser)|jai oublie de (dire|preciser)|j'oubliais|j'oubliai)\b"
    r"|\b(ma|mon|la|le) (doleance|demande|signalement|envie)\b.*\b(rajout\w*|ajout\w*|precis\w*|complet\w*)\b"
    r"|^pour (celle|celui|la|le|ma|mon) .{0,60}\b(j'ajoute|je rajoute|je precise|rajoutez|ajoutez|precisez)\b"
)


# After an item, or while one is collected: questions about what happens to it.
_ABOUT_FOLLOW_UP = re.compile(
    r"\b(a qui|qui (va|vont) (la |le )?(lire|recevoir|traiter)|qui (la|le) (lit|lira|recoit)|on (le )?saura comment"
    r"|comment (je|on) (le )?(serai|sera) (au courant|prevenue?)|comment (je|on) (le )?(saurai|saurais|saura)\b(?! (faire|lire|ecrire))"
    r"|quelle (est la )?difference|c'est quoi la difference"
    # « je serai prévenue comment quand la mairie répond ? » (persona round 95: « pas de réponse sûre »).
    r"|(je|on) (serai|sera|serons) (prevenue?s?|au courant|informee?s?|averti\w*) comment"
    r"|quand (la mairie|l'unite|la ville|la commune|ils|elle) (repond|repondra|aura repondu)"
    # « C'est quoi l'unité ? », « le maire va la voir ? », « concrètement qu'est-ce qui va se
    # passer ? » (persona round 107: the identity-theft answer, then « je ne sais pas »).
    r"|c'est quoi (l'unite|une unite|cette unite)|l'unite c'est (quoi|qui)|qu'est ce que (c'est )?l'unite|qui est l'unite"
    r"|(le maire|la mairie|la commune|le conseil municipal) (va|vont|pourra|sera) (\w+ )?(la |le |les |l')?(voir|lire|savoir|recevoir|au courant)"
    r"|(qu'est ce qui va se passer|qu'est ce qu'il va se passer|il va se passer quoi|ca va donner quoi) (avec|pour) (ma|la|cette|mon|ce) (doleance|plainte|demande|envie|signalement|idee|proposition)"
    r"|(je dois|faut il|il faut) (quand meme |aussi |encore )?(re)?ecrire a (la mairie|au maire|la commune)"
    r"|ca prend combien de temps|(delai|combien de temps) (\w+ ){0,5}(reponse|repondre|repond|repondent|repondront)"
    # « comment les voisins peuvent dire qu'ils sont intéressés ? » (persona round 107).
    r"|(les |mes )?voisins (\w+ ){0,3}(peuvent|pourront|pourraient) (\w+ ){0,3}(signaler|inscrire|dire|soutenir|rejoindre|participer)"
    r"|(ca|cela|elle) (va|sera) (ou|transmise a qui)|et apres (il se passe quoi|ca donne quoi)|ca sert a quelque chose"
    # « ça va arriver à l'ARS ? », « elle remontera jusqu'au maire ? »: where it goes.
    r"|(ca|cela|elle|il) (va |vont |sera |ira )?(arriver|remonter|remontera|arrivera|etre (transmise?|envoyee?)|transmise?|envoyee?) (a|au|aux|jusqu'a|jusqu'au|jusqu'aux))\b")
# « Publiez », « juste les chiffres », « oui envoyez-le »: an answer about an item said just before.
_PUBLISH_ONLY = re.compile(
    r"^((oui|ok|ouais|d'accord|bon|alors|et|ben)\W+)*(publi\w*|publication ok|ok pour publier|vous pouvez (la |le )?(publier|compter|diffuser)"
    r"|tu (peux|px) (la |le )?publier|juste (dans )?les (chiffres|stat\w*)|seulement (dans )?les (chiffres|stat\w*)"
    r"|(dans les )?chiffres seulement|gardez (la|le|ca) (en prive|pour vous|pour l'unite)|(envoyez|transmettez|faites remonter) (la|le|ca)?)\b")


# The citizen says it is not one: « c'est pas une doléance, je demande juste » (not « ce n'est
# pas une doléance mais… », the usual way into one).
_NOT_A_GRIEVANCE = re.compile(
    r"^(?!.*\b(mais|c'est (un|une|le|la|plutot)|plutot|je veux (faire|deposer)|je voudrais (faire|deposer)|j'aimerais (faire|deposer))\b)"
    r".*(\b(c'est |c |ce n'est |ce n est )pas (une |de |d')(doleance|signalement)s?\b"
    r"|\bpas de (doleance|signalement)s?\b"
    r"|\b(je )?(ne )?(veux|voudrais|souhaite) (pas|surtout pas) (deposer|faire) (une|de|d') ?(doleance|signalement)s?\b)")


def read_request(text: str | None, recorded: bool = False, in_collection: bool = False) -> Reading | None:
    """The doléance request in a message, or None when it is none. `recorded`: the citizen
    has just given an item in this conversation, so « j'ajoute que… » adds to it."""
    words = normalise(text or "")
    if not words:
        return None
    references = tuple(references_in(text))
    # « À qui ça va ? », « comment je saurai si… » only mean the item once there is one.
    follow_up = (recorded or in_collection) and bool(_ABOUT_FOLLOW_UP.search(words))
    if _ABOUT.search(words) or follow_up:
        return Reading(ABOUT, follow_up=follow_up)
    if in_collection and _ASKS_MEANING.search(words) and re.search(r"\b(choix|publi\w*|compt\w*|gard\w*|options?)\b", words):
        # « Qu'est-ce que cela veut dire, « publiez-la » ? » during the questions: explained.
        return Reading(ABOUT)
    if _LIST.search(words):
        return Reading(LIST, references=references)
    if _WITHDRAW.search(words) and (references or re.search(r"dol[eé]ance|doleance|envie|signalement|celle|celui", words)
                                    or _ORDINAL.search(words)):
        return Reading(WITHDRAW, references=references)
    if _DETAIL.search(words) and (references or re.search(r"dol[eé]ance|doleance|envie|signalement", words)):
        return Reading(DETAIL, references=references)
    if recorded and _ADDING.search(words):
        return Reading(DETAIL, references=references)
    if recorded and _WITHDRAW_LAST.search(words) and _only_withdraws(text or "", words, references):
        return Reading(WITHDRAW, references=references)
    if _NOT_A_GRIEVANCE.search(words):
        # « C'est pas une doléance, je demande juste… » (review F11: it started one).
        return None
    public = _names_a_public_good(words)
    wish = bool(_WISH.search(words)) and (public or bool(_FOR_PEOPLE.search(words)))
    kind = ENVIE if wish or re.search(r"\b(envie|propos\w*|sugg\w*|idee)\b", words) else DOLEANCE
    # The product's own word said (« je veux déposer une doléance ») is the request, whatever
    # else is denied beside it (persona round 107: « personne m'a volé mon identité ! je veux
    # déposer une doléance pour les fossés » got the phone-theft answer).
    if _EXPLICIT.search(words) and (not _REPORTS_ELSEWHERE.search(words) or re.search(r"\bdoleances?\b", words)):
        return Reading(EXPLICIT, kind)
    if read_stated_visibility(text) and (public or read_stated_theme(text)):
        # Saying what may be published of it is asking for it to be transmitted.
        return Reading(EXPLICIT, kind)
    if _PUBLISH_ONLY.search(words) and len(words.split()) <= 12:
        # About what was said just before (the action takes it from there, or asks).
        return Reading(EXPLICIT, kind)
    if _is_own_need(words, text):
        # « Plus de bus ce soir, comment je rentre ? »: a need of one's own, now; the practical
        # tracks answer it (the citizen can still say « je veux signaler… » afterwards).
        return None
    if speaks_of_low_mood(text):
        # « J'ai trop honte, j'ose pas appeler Engie ni la mairie, je dors plus » (persona round
        # 98: offered as a doléance): how the citizen feels, not a grievance.
        return None
    if public and _OUTRAGE.search(words):
        return Reading(IMPLICIT, kind)
    if public and (_LOSS.search(words) or _FAULT.search(words) or _STATE_OF_THE_PLACE.search(words)):
        return Reading(IMPLICIT, kind)
    if _STATE_OF_THE_PLACE.search(words) and not re.search(
            r"\b(voisin|voisine|voisins|chambre|appartement|appart|maison|chez moi|chez nous|logement|bailleur|proprio)\b", words):
        # « Les rodéos toutes les nuits, on dort plus »: the place's trouble, whatever its name.
        return Reading(IMPLICIT, kind)
    if public and _COLLECTIVE_WISH.search(words):
        return Reading(IMPLICIT, ENVIE)
    if wish and (_WISH_FOR_PLACE.search(words) or _FOR_PEOPLE.search(words)):
        return Reading(IMPLICIT, ENVIE)
    return None


# A public good that no longer works or serves: « le car ne s'arrête plus au hameau ».
_FAULT = re.compile(
    rf"\b{_GOOD}\b(\W+\w+){{0,6}}?\W+(ne |n')?(recoit|ouvre|passe|marche|fonctionne|dessert|s'arrete|s'arretent"
    rf"|circule|circulent|vient|viennent|ferment|fermeront|s'eteint|s'eteignent|clignote|deborde|debordent) (plus|pas|plu|jamais)?\b"
    rf"|\b(ferment|fermeront|debordent|deborde|clignote)\b")
# How a place is going, said as its people's trouble: outrage, many people, a trouble that lasts
# or comes back (« personne ne fait rien », « dans tout le quartier », « toutes les nuits »).
_COLLECTIVE = (r"(tout le (quartier|village|monde|secteur|hameau|lotissement|immeuble|bourg)|toute la (rue|cite|residence"
               r"|commune|ville|vallee)|dans tout|les familles|beaucoup de (familles|gens|personnes|monde)"
               r"|plusieurs d'entre nous|on est \d+|nous sommes (nombreux|\d+)|les habitants|les riverains"
               r"|les personnes agees|les jeunes|les anciens|personne ne dort|on est (tous|nombreux|plusieurs)|nous sommes plusieurs|on dort plus)")
_RECURRING = (r"(a nouveau|de nouveau|encore une fois|toutes les (nuits|semaines)|tous les (soirs|jours|matins|week ends?)|chaque (jour|nuit|soir|semaine|hiver|ete)"
              r"|chak jou|depuis (des|plusieurs|\d+|deux|trois|quelques|plus de) (jours|semaines|mois|ans|annees)"
              r"|depuis (le mois|l'an|l'annee|la rentree|l'ete|l'hiver) dernier|depuis plus de)")
_NUISANCE = (r"(bruit|nuisances?|pue|odeurs?|deborde\w*|rats|dechets|ordures|tags|insecurite|deal|rodeos?|moisissures?"
             r"|humidite|fuites?|marron|vides?|doubl\w*|sales?|noire?|danger\w*|renvers\w*)")
_STATE_OF_THE_PLACE = re.compile(
    rf"\b({_COLLECTIVE}\b.*\b({_NUISANCE}|{_RECURRING})|{_RECURRING}\b.*\b({_NUISANCE}|{_COLLECTIVE})"
    rf"|{_NUISANCE}\b.*\b({_RECURRING}|{_COLLECTIVE}))\b")
_COLLECTIVE_WISH = re.compile(
    rf"\b{_COLLECTIVE}\b.*\b(vouloir|voulons|voudrions|aimerions|demandons|souhaitons|reclamons|revons)\b")
_FOR_PEOPLE = re.compile(r"\b(les personnes agees|les jeunes|les enfants|les familles|les anciens|les ados|les habitants|les seniors)\b")


# A need of one's own rather than the place's: a question asking what to do, a good that is
# one's own (« mon puits », « ma CAF »), an acute moment (« depuis ce matin », « ce soir »).
_OWN = re.compile(
    r"\b(mon|ma|mes) (puits|banque|agence|entreprise|boite|commerce|restaurant|magasin|poste|proprio|proprietaire|bailleur|caf"
    r"|employeur|patron|medecin|compteur|jardin|potager|terrain|maison|appart\w*|logement|voiture|ligne|tel|telephone)\b")
_ACUTE = re.compile(
    r"\b(depuis (ce matin|hier|cette nuit|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la tempete|la crue|la coupure)"
    r"|ce soir|cette nuit|demain|tout de suite|a cette heure\w*|bloque|bloquee|coince|coincee|a la rue|des demain|jusqu'a nouvel ordre"
    r"|je dois (rentrer|aller|partir)|je rentre comment|comment je rentre"
    # « Ya plus d'eau chez nous depuis 3 jours » (persona round 102: offered as a doléance); not
    # « les poubelles débordent depuis 5 jours dans la rue » (review).
    r"|chez (moi|nous)\b.{0,40}\bdepuis (\d+|deux|trois|quatre|cinq|six|plusieurs) (jours|heures|h)"
    r"|depuis (\d+|deux|trois|quatre|cinq|six|plusieurs) (jours|heures|h)\b.{0,40}\bchez (moi|nous))\b")
_OUTRAGE = re.compile(
    r"\b(honte|scandal\w*|inadmissible|inacceptable|pas normal|ras le bol|marre|personne (ne )?nous|on nous (ecoute|demande)"
    r"|personne ne fait rien|rien n'est fait|rien ne bouge|(ca|cela) (ne )?peut plus durer|on se fait avoir|jamais prevenus?"
    r"|personne ne (nous )?dit rien|on est (oublie|abandonne)s?|c'est (n'importe quoi|du foutage|lamentable|honteux)"
    r"|toujours pas|jamais (repare|nettoye|entretenu)|encore une fois)\b")
_WISH_FOR_PLACE = re.compile(
    rf"\b{_PLACE_WORDS}\b|\b(la mairie|la commune|la ville|la municipalite|les elus|la region|le departement)\b")
_OWN_PROJECT = re.compile(
    r"\b(prendre|produire|cultiver|planter|faire pousser|acheter|monter un|se fixer|me fixer|adopter|elever|installer chez)\b")


def _is_own_need(words: str, text: str | None) -> bool:
    if _OWN_EMERGENCY.search(words):
        # « Mon appart est inondé encore une fois… je sais pas par où commencer » (persona round
        # 100: offered as a doléance before the flood's first steps): the home first, whatever
        # the outrage; the doléance can come after.
        return True
    if _OUTRAGE.search(words):
        return False
    # « Pourquoi pas un verger communal ? » proposes; it does not ask.
    asked = re.sub(r"(?i)(pourquoi pas|et si on|est-ce qu'on pourrait|on pourrait)[^?]*\?", " ", text or "")
    asks = bool(_HELP.search(words) or "?" in asked or re.search(r"\b(le droit|c'est legal|obligee?)\b", words))
    first_person = len(re.findall(r"\b(je|j'|me|mon|ma|mes|moi|m')(?=\s|\b|$)", words))
    return asks or first_person >= 3 or bool(_OWN.search(words) or _ACUTE.search(words) or _LACKING.search(words)
                                             or _OWN_PROJECT.search(words) and _DESIRE.search(words))


# The home hit now (« cette nuit », « 20 cm d'eau au rdc »), not a flooding that keeps coming
# back, which is the place's doléance (« nos caves sont inondées à chaque orage »).
_OWN_EMERGENCY = re.compile(
    r"^(?=.*\b(cette nuit|ce matin|maintenant|en ce moment|depuis hier|cm d'eau|centimetres d'eau|les pieds dans l'eau)\b)"
    r".*\b(mon|ma|mes) (appart\w*|maison|logement|chambre|salon|rez de chaussee|rdc|studio) (\w+ ){0,2}"
    r"(inonde\w*|sous l'eau|brule\w*|detruit\w*|effondre\w*|plein d'eau)"
    r"|\bje (ne )?sais (pas|plus) par ou commencer\b")


# « On voudrait monter… », « j'envisage de… »: a project of one's own, for the practical tracks.
_DESIRE = re.compile(r"\b(on|je|nous|j') ?(voudrait|voudrais|voudrions|aimerait|aimerais|aimerions|souhaite\w*"
                     r"|compte|pense|envisage)\b")


# « Je n'ai presque plus rien », « urgent », « je ne conduis pas »: the citizen's own lack first.
_LACKING = re.compile(
    r"\b((je n'ai|j'ai|on n'a|on a) (presque |quasiment |vraiment )?plus|plus grand chose|urgent|urgence|j'ai encore"
    r"|il (me|nous) reste|(mon|ma) (pere|mere|fils|fille|bebe|femme|mari)\b.*\b(froid|malade|age|agee)"
    r"|je ne conduis (pas|plus)|je conduis (pas|plus)|plus de permis|(ma|mes|notre|nos) (recolte|placards|reserves|cuve|citerne)"
    r"|plus d'eau (chaude|potable)|ni de chauffage|plus de chauffage)\b")


def _names_a_public_good(words: str) -> bool:
    return bool(re.search(rf"\b{_GOOD}\b", words) or re.search(rf"\b{_PLACE_WORDS}\b", words))


def has_substance(text: str | None) -> bool:
    """Whether the message says what goes wrong or what is wished (and is not only « je veux
    faire une doléance »)."""
    words = normalise(text or "")
    rest = _EXPLICIT.sub(" ", words)
    # What answers Relais' questions (a place, a theme, a publication choice, a yes) is not
    # what the item is about.
    rest = re.sub(r"\b\d{5}\b", " ", rest)
    for compiled in (*(p for _, p in _VISIBILITY), _PUBLISHING):
        rest = compiled.sub(" ", rest)
    for _, theme_words in _STATED_THEME:
        rest = re.sub(rf"\b({theme_words})\b", " ", rest)
    rest = re.sub(r"\b(bonjour|bonsoir|salut|svp|s'il vous plait|merci|oui|ok|d'accord|je|j'|voudrais|veux|aimerais|une?|"
                  r"pour|de|d'|la|le|les|mon|ma|notre|faire|ai|avoir|vous|pouvez|peux|et|c'est|c|a|au|en|ca|cela|theme"
                  r"|transmet\w*|envoy\w*|texte|aussi|meme commune|commune|quartier|ville|moi|suis|habite|est|donc|plutot)\b",
                  " ", rest)
    rest = re.sub(r"\b[A-Za-z]\b", " ", rest)
    return len(rest.split()) >= _SUBSTANCE_WORDS - 2 and len(words.split()) >= _SUBSTANCE_WORDS


def answers_step(text: str | None, step: str | None) -> bool:
    """Whether the message answers the question of `step` (a place, a theme, a publication
    choice, a yes or no), rather than bringing a new item."""
    if step == STEP_VISIBILITY:
        return read_visibility(text) is not None
    if step == STEP_WHERE:
        return read_place(text, answer=True).found or says_same_place(text)
    if step == STEP_TRANSMIT:
        return says_yes(text) or says_no(text) or read_stated_visibility(text) is not None
    return False


def says_no(text: str | None) -> bool:
    return bool(_NO_TRANSMIT.search(normalise(text or "")))


def says_yes(text: str | None) -> bool:
    words = normalise(text or "")
    return bool(_YES_TRANSMIT.search(words)) and not says_no(text)


# « services publics », « jardin public »: a thing that is public, not a choice to publish.
_PUBLIC_THINGS = re.compile(
    # Any thing said public (« la fontaine publique », persona round 94: published without
    # asking), not « rendez-la publique ».
    r"\b(?!(la|le|les|l|rendre|rendez|rends|rendue?|soit|etre|sera|faire|faites|mettre|mettez)\b)\w+ publi(c|cs|que|ques)\b"
    r"|\b(services? publics?|(jardins?|transports?|eclairage|toilettes|espaces?|voie|bancs?|lieux?|parcs?) publi(c|cs|que|ques)"
    r"|action publique|agents? publics?|sante publique|ordre public|domaine public|public vise)\b")


# A publication denied (« je ne veux pas que les voisins puissent la lire », « pas visible par
# tout le monde »): kept with the unit. Not « je ne sais pas, publiez-la ».
_DENIED_BEFORE = re.compile(r"(?<!sais )\b(pas|jamais|sans|plutot pas)\b( \S+){0,3} ?$")


# « Qu'est-ce que cela veut dire, « publiez-la » ? » asks what a choice means, and chooses
# nothing (persona round 101: published on that question).
_ASKS_MEANING = re.compile(r"\b(veut dire|veux dire|ca veut dire|c'est quoi|qu'est ce que|que signifie|signifie|comprends pas|"
                           r"comprend pas|difference|ca change quoi|explique\w*)\b")


def read_visibility(text: str | None) -> str | None:
    # Sentences that ask what the choices mean are no choice.
    kept = " ".join(part for part in sentences(text) if not _ASKS_MEANING.search(normalise(part)))
    words = _PUBLIC_THINGS.sub(" ", normalise(kept))
    for visibility, pattern in _VISIBILITY:
        found = pattern.search(words)
        if found and visibility == VISIBILITY_PUBLISHED and _DENIED_BEFORE.search(words[:found.start()]):
            return VISIBILITY_PRIVATE
        if found:
            return visibility
    return None


def read_stated_visibility(text: str | None) -> str | None:
    """A publication choice said beside the item (« vous pouvez la publier »), read only where
    the words are about publishing: « service public » says nothing of it."""
    words = _PUBLIC_THINGS.sub(" ", normalise(text or ""))
    if re.search(r"\b(publi\w*|diffus\w*|gard\w* (ca|cela|la|le)? ?(pour|entre) (vous|l'unite)|confidenti\w*|prive(e|s|es)?\b|"
                 r"anonym\w*|dans les chiffres|que dans les stat\w*|juste pour l'unite|reste entre|"
                 r"(juste|seulement|simplement) (la |le )?compt(er|ez|e)|compt(er|ez) (la |le )?(juste|seulement|simplement))\b", words):
        return read_visibility(text)
    return None


def read_theme(text: str | None) -> str | None:
    """The theme of an item by the things it names (the one named most; on a tie, the first
    in _THEMES), or None (then Relais asks)."""
    words = normalise(text or "")
    counts = {theme: len(pattern.findall(words)) for theme, pattern in _THEME_WORDS.items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return None
    return next(theme for theme, count in counts.items() if count == best)


_STATED_THEME = (
    (THEME_PUBLIC_SERVICES, r"services? publics?"),
    ("mobilite", r"transports?|mobilite"),
    ("alimentation", r"alimentation"),
    ("logement", r"logement"),
    ("travail", r"travail|emploi"),
    ("energie", r"energie"),
    ("numerique", r"numerique"),
    ("permaculture", r"jardinage|espaces? verts?|permaculture"),
    ("economie", r"economie|budget"),
    (THEME_OTHER, r"(mettez|theme|categorie|rubrique|c'est|plutot|donc|jsp|je sais pas|dans)\W+(\w+\W+)?autres?\b(?! chose)"
                  r"|^autres?\b(?! chose)|(?<!une )(?<!un )(?<!d')(?<!l')(?<!les )(?<!des )(?<!et )\bautres?\b"
                  r"(?= publi| priv| compt| juste| gard|$)"),
)


def read_stated_theme(text: str | None) -> str | None:
    """A theme the citizen names as such (« c'est de l'alimentation », « thème : autre »)."""
    words = normalise(text or "")
    for theme, pattern in _STATED_THEME:
        named = [found for found in re.finditer(rf"\b({pattern})\b", words)
                 if not _THEME_DENIED.search(words[:found.start()])]
        if named:
            return theme
    return None


# « Laissez tomber l'énergie », « c'est pas du logement », « stop l'alimentation »: a theme
# denied, not stated (persona round 107: a flooded widow's ditches filed under energy).
_THEME_DENIED = re.compile(r"\b(laissez tomber|laisse tomber|oubliez|stop|pas|plus|rien a voir avec|sans)( (de la|de l'|du|des|de|d'|la|le|l'|les|avec))?\s*$")


def read_place(text: str | None, answer: bool = False) -> Place:
    """A postal code, a commune (a capitalised name after « à », « sur », « de »…, or the whole
    short answer to « c'est où ? ») and a quartier, from what the citizen typed."""
    raw = (text or "").strip()
    postal_code, _ = extract_postal_code(raw)
    if postal_code is None:
        # Several numbers of five digits: the first that is a postal code.
        postal_code = next((code for code in re.findall(r"(?<!\d)(\d{5})(?!\d)", raw)
                            if code[:2] != "00" and not code.startswith(("96", "99", "98"))), None)
    quartier_match = _QUARTIER.search(raw)
    quartier = f"{quartier_match.group(1).lower()} {quartier_match.group(2).strip()}" if quartier_match else None
    without_quartier = _QUARTIER.sub(" ", raw) if quartier_match else raw
    commune = _commune_in(without_quartier, answer)
    return Place(postal_code, commune, quartier)


_SAME_PLACE = re.compile(
    r"\b(meme (commune|ville|village|endroit|quartier|coin|secteur|adresse|lieu)|au meme endroit|la aussi|ici aussi|idem|"
    r"pareil( que (tout a l'heure|avant|la premiere|l'autre|la derniere|d'habitude))?|comme (tout a l'heure|avant|l'autre|la premiere))\b")


def says_same_place(text: str | None) -> bool:
    return bool(_SAME_PLACE.search(normalise(text or "")))


# After these, a capitalised name is a street's or a place's, not the commune (« rue de Lille à
# Tourcoing »).
_NAMED_BY = re.compile(r"(?i)\b(rue|avenue|av|boulevard|bd|place|impasse|allee|allée|chemin|route|quai|ecole|école"
                       r"|college|collège|lycee|lycée|jardin|parc|square|plage|cite|cité|residence|résidence|quartier"
                       r"|gare|hopital|hôpital|stade|salle|(?<!le )(?<!au )(?<!du )centre|maison)( (de la|de l'|des|du|de|d'))?\s*$")
_LOWER_COMMUNE = re.compile(
    r"(?i)\b(?:a|à)\s+([a-zà-ÿ][a-zà-ÿ'-]{2,}(?:[- ](?:sur|sous|en|les|lès|la|le)[- ][a-zà-ÿ'-]+)?)"
    r"(?=\s*(?:[,.;!?]|$|\d{5}|\b(?:vers|quartier|dans|pres|près|centre|cote|côté|cavani)\b))"
    r"|\b(?:a|à)\s+([a-zà-ÿ]{3,}(?:-[a-zà-ÿ']+)+)")
_NOT_LOWER_COMMUNE = {"pied", "cote", "côté", "peine", "chaque", "moitie", "moitié", "cause", "nouveau", "jour", "faire",
                      "dire", "l'heure", "l'ecole", "l'école", "la", "le", "les", "cela", "ca", "ça", "vous", "nous", "moi",
                      "eux", "toute", "tout", "tous", "domicile", "maison", "distance", "proximite", "proximité",
                      "vélo", "velo", "part", "peu", "plus", "rien", "personne", "jamais", "pres", "près", "droite",
                      "gauche", "midi", "minuit", "l'unite", "l'unité", "publier", "bien", "mal", "fond", "temps", "nuit",
                      "fait", "final", "moins", "point", "total", "vrai", "priori", "propos", "mon", "ma", "mes",
                      # « la station est à sec », « à fond », « à vie »: idioms, not communes (persona round 100).
                      "sec", "vie", "volonte", "volonté", "l'arret", "l'arrêt", "l'abandon", "bout", "plat",
                      # « les coupures d'eau à répétition » (persona round 102: filed under « Repetition »).
                      "repetition", "répétition", "l'infini", "longueur", "outrance", "gogo",
                      # « ça n'a rien à voir » (persona round 102: filed under « Voir »).
                      "voir", "savoir", "croire"}


# « La ligne de bus 12 vers Villeneuve a été supprimée »: where a line goes, not the place of the
# doléance (persona round 109: filed at Villeneuve, the hamelet's name lost).
_TOWARDS = frozenset({"vers", "pour", "de"})
_A_LINE = re.compile(r"(?i)\b(ligne|bus|car|cars|train|trains|tram|navette|trajet|direction|liaison|correspondance)\b")


def _commune_in(text: str, answer: bool) -> str | None:
    text = re.sub(r"\b\d{5}\b", " ", text).strip(" ,.;!()")
    found: list[tuple[int, str]] = []
    for match in _COMMUNE.finditer(text):
        name = match.group(1).strip(" -'")
        at_start = match.start(1) == 0
        shouting = name.isupper() and len(name) > 3
        preposition = text[match.start():match.start(1)].strip().lower()
        if (answer or not at_start) and not shouting and not _NAMED_BY.search(text[:match.start()]) \
                and name.split("-")[0].split(" ")[0] not in _NOT_COMMUNE and len(name) >= 2 \
                and not (preposition in _TOWARDS and _A_LINE.search(text[max(0, match.start() - 40):match.start()])):
            found.append((0 if preposition in ("a", "à") else 1, name[:120]))
    if found:
        return min(found, key=lambda pair: pair[0])[1]
    for match in _LOWER_COMMUNE.finditer(text):
        name = (match.group(1) or match.group(2)).strip(" -'")
        # « il a fermé, » : « a » is the verb, not « à » (« c'est à quimperlé »).
        verb_like = re.search(r"(é|ée|és|ées|er|ez|ait|aient)$", name.lower()) is not None \
            and "-" not in name and not match.group(0).startswith("à")
        # « déclarer à l'assurance », « à l'école » (persona round 107: filed at « L'Assurance »):
        # an article, not a commune typed in lower case (« l'isle-adam » has its hyphen).
        article = re.match(r"(?i)l['’]", name) is not None and "-" not in name
        if name.lower() not in _NOT_LOWER_COMMUNE and not verb_like and not article \
                and not _NAMED_BY.search(text[:match.start()]):
            return commune_case(name)[:120]
    if answer:
        text = re.split(r"(?i)[, ]+(?=(rue|avenue|bd|boulevard|chemin|impasse|route|allee|allée|cite|cité)\b)", text)[0]
        short = re.sub(r"^((a|à|au|sur|dans|c'est|c est|ici|chez moi|je suis|j'habite|on est|nous sommes|le centre de"
                       r"|centre de|centre-ville de|centre ville de)\s+)+", "", text, flags=re.IGNORECASE)
        short = short.strip(" ,.;!")
        if short and len(short.split()) <= 4 and not re.search(r"\d", short) and not says_no(short) \
                and not is_greeting_only(short) \
                and not says_yes(short) and read_visibility(short) is None and read_stated_theme(short) is None \
                and not says_same_place(short):
            return commune_case(short)[:120]
    return None


# Words a commune's name keeps in lower case after its first word (« Saint-Pierre-des-Corps »,
# « Châlons-en-Champagne », « Villeneuve-lès-Avignon »).
_COMMUNE_SMALL_WORDS = frozenset({"de", "des", "du", "d", "la", "le", "les", "l", "en", "sur", "sous", "lès", "aux", "au", "et"})


def commune_case(name: str) -> str:
    """A commune typed in lower case, written as its name is (« saint-pierre-des-corps » →
    « Saint-Pierre-des-Corps »); a name typed with capitals is kept as typed."""
    if name != name.lower():
        return name[:1].upper() + name[1:]
    words = re.split(r"([- ']+)", name)
    cased = [word if index and word in _COMMUNE_SMALL_WORDS else word[:1].upper() + word[1:]
             for index, word in enumerate(words)]
    return "".join(cased)


# Steps of the collection (the slot's GRIEVANCE_STEP_KEY).
STEP_TRANSMIT = "transmit"
STEP_WHAT = "what"
STEP_WHERE = "where"
STEP_VISIBILITY = "visibility"
STEP_WHICH = "which"
STEP_DETAIL_TEXT = "detail_text"


def is_for_grievance_turn(text: str | None, step: str | None, just_asked: bool,
                          recorded: bool = False) -> bool:
    """Whether the doléances' action answers this message: an answer to the question it just
    asked (a message that answers something else — a practical question, a new subject — is
    left to the tracks; the draft waits for a clear answer), a clear answer to a question it
    asked earlier, or a doléance request."""
    if step and just_asked and _answers(text, step):
        return True
    if step and _clearly_answers(text, step):
        return True
    return read_request(text, recorded, in_collection=bool(step)) is not None


def _answers(text: str | None, step: str) -> bool:
    words = normalise(text or "")
    short = len(words.split()) <= 6
    if step == STEP_WHAT:
        return not _is_other_question(text)
    if step == STEP_TRANSMIT:
        return (says_yes(text) or says_no(text) or read_place(text).found or read_request(text) is not None
                or _stated(text) or short and not _is_other_question(text))
    if step == STEP_WHERE:
        return read_place(text, answer=True).found or short or not _is_other_question(text)
    if step == STEP_VISIBILITY:
        return short or _stated(text) or not _is_other_question(text)
    return True  # which one, the detail's text


def _stated(text: str | None) -> bool:
    return read_stated_visibility(text) is not None or read_stated_theme(text) is not None


def _is_other_question(text: str | None) -> bool:
    words = normalise(text or "")
    return bool(_HELP.search(words) or "?" in (text or "")) and read_request(text) is None \
        and len(words.split()) > 3


def _clearly_answers(text: str | None, step: str) -> bool:
    words = normalise(text or "")
    if len(words.split()) > 8:
        return False
    if step == STEP_WHERE:
        return read_place(text).postal_code is not None
    if step == STEP_VISIBILITY:
        return read_visibility(text) is not None
    return False


# « … autre chose : le passage piéton devant l'école est dangereux »: a new item announced in
# the middle of another's questions (persona round 87: it was read as « publiez » and lost).
_ANOTHER_ITEM = re.compile(
    r"(?i)\b(autre chose|une autre (dol[ée]ances?|envie|chose|id[ée]e)|j'en ai une autre|(deuxi[èe]me|2e|seconde?) "
    r"(dol[ée]ance|envie|chose)|autre probl[èe]me)\b\s*[:,.-]?\s*")


_COMMON_WORDS = frozenset("""depuis toujours jamais encore aussi quand parce comme avec pour dans sans sous chez notre votre leurs cette cette
tous toutes plus moins fait faire font sont etait avait avoir etre merci bonjour vraiment juste alors donc mais rien
personne chose choses quelque doleance doleances envie envies veux voudrais signaler plaindre commune mairie maire ville
village quartier demande demander demandons devrait devraient ecrit ecrire""".split())


def _content_words(text: str) -> set[str]:
    # Stems of four letters: « fossé » and « fossés », « curer » and « curés » meet. Not the
    # names (capitalised: « rue Victor Hugo ») nor the street words a street's items share.
    lowered = " ".join(word for word in re.findall(r"[\w'’-]+", text) if not word[:1].isupper())
    return {word[:4] for word in re.findall(r"[a-z]{4,}", normalise(lowered))
            if word not in _COMMON_WORDS and word not in _STREET_WORDS}


_STREET_WORDS = frozenset("rue avenue place boulevard chemin impasse allee quai trottoir devant depuis semaines mois jours".split())


def restates(draft: str | None, text: str | None) -> bool:
    """The message tells the item being collected again, in other words (« doléance : les fossés
    de la route ne sont jamais curés… » after « je veux me plaindre, les fossés le long de la
    route… »; persona round 107: filed twice)."""
    before, again = _content_words(draft or ""), _content_words(text or "")
    shared = before & again
    return len(shared) >= 3 and len(shared) >= 0.25 * min(len(before), len(again))


def another_item(text: str | None) -> tuple[str, str] | None:
    """(what comes before, the new item) when the message announces another item with its
    substance; None otherwise."""
    text = text or ""
    match = _ANOTHER_ITEM.search(text)
    if match is None or not has_substance(text[match.end():]):
        return None
    return text[:match.start()].strip(), text[match.end():].strip()


# What the citizen says to Relais before the doléance itself (« Je ne vous ai jamais parlé
# d'assurance, enfin ! Passons. J'ai une idée pour le village… »; persona round 97: the envie was
# published opening with that remark). Only the message's opening sentences are dropped.
_TO_RELAIS = re.compile(
    r"\b(je (ne )?vous ai (jamais|pas|rien)|vous (ne )?(comprenez|repondez|ecoutez|lisez)|vous (ne )?m'ecoutez|"
    r"vous etes (une machine|un robot|nul)|vous vous (etes trompe|trompez)|c'est pas ce que j'ai dit|"
    r"ce n'est pas ce que j'ai dit|n'importe quoi)\b"
    r"|^\W*(passons|bref|bon|enfin|laissez tomber|laisse tomber|oublions|peu importe|tant pis)\W*$"
    # « Merci ça c'est clair. Autre chose : … » (persona round 107: filed with the thanks).
    r"|^\W*(merci|ok|d'accord|tres bien|parfait|super|top)\b(\W+\w+){0,5}\W*$")
# « Autre chose : », « sinon, » opening what is left: no part of the item.
_TURN_OPENING = re.compile(r"(?i)^\s*(autre chose|sinon|aussi|par ailleurs|et sinon)\s*[:,.!-]*\s*")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def without_remarks_to_relais(text: str) -> str:
    """The message without the opening sentences said to Relais rather than of the doléance."""
    sentences = [part for part in _SENTENCES.split((text or "").strip()) if part.strip()]
    while len(sentences) > 1 and _TO_RELAIS.search(normalise(sentences[0])):
        sentences.pop(0)
    if not sentences:
        return text
    kept = " ".join(sentences)
    return _TURN_OPENING.sub("", kept, count=1) or kept
