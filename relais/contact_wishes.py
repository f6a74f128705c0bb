"""What a citizen asks about being contacted by the relais team, read from their own words.

A victim of violence who asked for a person may say « ne m'écrivez pas après 19 h, il rentre »,
« ne m'appelez pas », « n'écrivez que quand je vous écris » or « annulez ma demande, il va
voir ». These are safety instructions: Relais must hear them whatever it was talking about,
keep them on the case, show them on the coach's card, and the desk must not send a coach's
message against them. A withdrawal closes the request, after the citizen confirms it.

Pure logic over normalised text (relais.text.normalise): reading, merging, and the one rule the
desk applies (`allows_message`). The texts are content, in relais/content/contact_wishes.yml;
the instructions are told in French by texts/contact_wishes.py.
"""

import json
import re
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from relais.conversation_contract import CONTACT_WISHES_KEY
from relais.crisis import VIOLENCE
from relais.local_time import LOCAL_TIME  # the hours citizens give are Paris time
from relais.sentences import sentences
from relais.text import normalise
from relais.yes_no import says_yes

CONTENT_PATH = Path(__file__).parent / "content" / "contact_wishes.yml"
# When a citizen gives one end only (« pas après 19 h »), the quiet time runs to the morning,
# or from the evening (« pas avant 9 h »): nobody asked for a message at 3 a.m. either.
MORNING_HOUR = 8
EVENING_HOUR = 21
# « N'écrivez que quand je vous écris »: a coach may answer within this time of the citizen's
# last message, never start a conversation on that phone.
ANSWER_WINDOW = timedelta(minutes=30)


@dataclass(frozen=True)
class ContactWishes:
    """The citizen's instructions. Hours are local (Paris); the quiet time runs from
    `quiet_from` to `quiet_until`, across midnight when `quiet_from` > `quiet_until`."""
    quiet_from: int | None = None
    quiet_until: int | None = None
    no_weekend: bool = False
    # Weekdays without messages (0 = Monday), as « rien le mercredi » names them.
    days_off: tuple[int, ...] = ()
    no_calls: bool = False
    # A phone call rather than written messages (« j'ai du mal à lire, elle peut plutôt me
    # téléphoner ? », persona round 101: lost).
    call_me: bool = False
    discreet: bool = False
    wait_for_me: bool = False
    withdraw: bool = False

    @property
    def is_empty(self) -> bool:
        return self == ContactWishes()

    @property
    def has_instructions(self) -> bool:
        """Something to keep on the case (a withdrawal is an act, not an instruction)."""
        return not replace(self, withdraw=False).is_empty

    def merged(self, newer: "ContactWishes",
               lifted: frozenset[str] = frozenset()) -> "ContactWishes":
        """The instructions kept after `newer` is said: an end of the quiet time newly given
        replaces the old one (« pas après 19 h », then « pas avant 9 h »: 19 h to 9 h), the
        other instructions add up; `lifted` (field names, "quiet" for the hours) are removed."""
        discreet = self.discreet or newer.discreet
        kept = ContactWishes(
            quiet_from=newer.quiet_from if newer.quiet_from is not None else self.quiet_from,
            quiet_until=newer.quiet_until if newer.quiet_until is not None else self.quiet_until,
            no_weekend=self.no_weekend or newer.no_weekend,
            days_off=tuple(sorted(set(self.days_off) | set(newer.days_off))),
            # The newer of two opposite wishes wins: « appelez-moi plutôt » after « pas d'appel »;
            # never for discreet messages (review: a victim whose phone is searched).
            no_calls=(self.no_calls and not (newer.call_me and not discreet)) or newer.no_calls,
            call_me=((self.call_me and not newer.no_calls) or newer.call_me) and not discreet,
            discreet=self.discreet or newer.discreet,
            wait_for_me=self.wait_for_me or newer.wait_for_me,
        )
        if "quiet" in lifted:
            kept = replace(kept, quiet_from=None, quiet_until=None)
        if "days_off" in lifted:
            kept = replace(kept, days_off=())
        cleared: dict[str, Any] = {name: False for name in lifted
                                   if name not in ("quiet", "days_off")}
        return replace(kept, **cleared)

    def to_json(self) -> str:
        return json.dumps({key: list(value) if isinstance(value, tuple) else value
                           for key, value in asdict(self).items()
                           if value not in (None, False, ()) and key != "withdraw"}, sort_keys=True)

    @classmethod
    def from_json(cls, stored: str | None) -> "ContactWishes":
        if not stored:
            return cls()
        values: dict[str, Any] = json.loads(stored)
        kept = {key: values[key] for key in values if key in cls.__dataclass_fields__}
        if "days_off" in kept:
            kept["days_off"] = tuple(kept["days_off"])
        return cls(**kept)


def allows_message(wishes: ContactWishes, now: datetime,
                   citizen_wrote_at: datetime | None = None) -> bool:
    """May a coach's message go to the citizen at `now` (aware)? `citizen_wrote_at` is the
    citizen's latest message, for « n'écrivez que quand je vous écris »."""
    local = now.astimezone(LOCAL_TIME)
    if (wishes.no_weekend and local.weekday() >= 5) or local.weekday() in wishes.days_off:
        return False
    if _in_quiet_time(wishes, local.hour):
        return False
    if wishes.wait_for_me:
        return citizen_wrote_at is not None and now - citizen_wrote_at <= ANSWER_WINDOW
    return True


def next_allowed_at(wishes: ContactWishes, now: datetime) -> datetime | None:
    """The first moment from `now` (aware) when the instructions allow a message, the hour it
    starts; None when only the citizen's next message allows one (« quand je vous écris »)."""
    if wishes.wait_for_me:
        return None
    if allows_message(wishes, now):
        return now
    # A held message goes out in the day even when the citizen named no hours (« pas le
    # week-end »): Monday 8 h, not midnight.
    hours = wishes if wishes.quiet_from is not None or wishes.quiet_until is not None \
        else replace(wishes, quiet_from=EVENING_HOUR, quiet_until=MORNING_HOUR)
    candidate = now.astimezone(LOCAL_TIME).replace(minute=0, second=0, microsecond=0)
    for _ in range(24 * 8):  # a week and a day: every instruction allows some hour in it
        candidate = (candidate + timedelta(hours=1)).astimezone(LOCAL_TIME)
        if allows_message(hours, candidate):
            return candidate
    return None


def _in_quiet_time(wishes: ContactWishes, hour: int) -> bool:
    if wishes.quiet_from is None and wishes.quiet_until is None:
        return False
    start = EVENING_HOUR if wishes.quiet_from is None else wishes.quiet_from
    end = MORNING_HOUR if wishes.quiet_until is None else wishes.quiet_until
    if start == end:
        return False
    if start < end:
        return start <= hour < end
    return hour >= start or hour < end


# --- reading the citizen's words -----------------------------------------------------------------

# The message speaks of being contacted: hours alone (« je finis après 19 h ») are no instruction,
# unless the conversation is already about contact (a case, instructions given: `in_context`).
_CONTACT = re.compile(
    # Not « j'écris » (the citizen writing): « écrivez », « écrire », « par écrit ».
    r"\b(m'?ecri\w*|ecrivez|ecrire|ecrira|ecriront|par ecrit|messages?|sms|textos?|(re)?contact\w*|m'?appel\w*|appel\w*|telephon\w*|"
    r"me repond\w*|repondez|envoy\w*|notif\w*|rappel\w*|joindre|me joigne\w*|joignable|disponible|dispo|"
    # A request for a person with its hours: « parler à quelqu'un, mais pas le week-end ».
    r"parler (a|avec) (quelqu'un|une personne|un humain|un conseiller|une conseillere))\b")
_NEGATION = r"(pas|plus|jamais|rien|aucun|aucune|evitez|surtout pas|sauf)"
# « Plutôt le soir après 19 h » (persona round 90: « c'est noté », and nothing kept) too.
# Not the « que » of « alors que je bosse toute la journée » (persona round 95: a son's question
# about watching his father during a heat wave became « no message from 18 h »).
_ONLY = r"(?<!alors )(?<!parce )(?<!pendant )(?<!tant )(?<!sachant )(?<!vu )(?<!bien )(que|uniquement|seulement|juste|plutot|de preference|idealement|surtout)"
_HOUR = r"(\d{1,2} ?(?:h|heures?)|midi|minuit)\b"

_NOT_AFTER = re.compile(_NEGATION + r" (\S+ ){0,6}?(apres|a partir de|passe|passees|des) " + _HOUR)
_NOT_BEFORE = re.compile(_NEGATION + r" (\S+ ){0,6}?avant " + _HOUR + r"|()()avant " + _HOUR + r" (non plus|pas|jamais|surtout pas)\b")
_ONLY_BETWEEN = re.compile(r"\b(entre|de|la nuit|le soir|le matin) " + _HOUR + r" ?(et|a|-)? ?" + _HOUR)
_NEGATED_BETWEEN = re.compile(_NEGATION + r" (\S+ ){0,4}?(entre|de) " + _HOUR + r" (et|a) " + _HOUR)
_ONLY_AFTER = re.compile(_ONLY + r" (\S+ ){0,4}?(apres|a partir de) " + _HOUR)
# « Vous pouvez m'écrire à partir de 8 h (finalement) »: the morning end moves.
_ALLOWED_FROM = re.compile(r"\b(vous pouvez|pouvez|ok pour|c'est bon pour) (m'ecrire|me contacter|m'envoyer des messages) (\S+ ){0,2}?(?:a partir de|des|apres) " + _HOUR)
_ONLY_BEFORE = re.compile(_ONLY + r" (\S+ ){0,4}?avant " + _HOUR)
# Not across « et »: « je ne réponds plus aux messages. et le soir je bois » is no instruction
# (persona round 88: an answer to a safety-plan question became « no message after 18 h »).
# Not a negation of something else done at that time: « on peut pas rentrer cette nuit », « je
# ne dors pas la nuit » (persona round 91: quiet hours set on a gas emergency's case).
_OTHER_DOING = r"(?!(et|d'urgence|presse|contre|faire|fais|fait|rentrer|rentre|dormir|dors|dort|sortir|sors|aller|vais|partir|retourner|rester|reste|venir|bouger|manger|travailler|travaille|bosse|bosser|fermer|tenir|tiens|passer|conduire|chauffer|chauffe)\b)"
_NOT_DOING_BEFORE = "".join(rf"(?<!{verb} )" for verb in ("dors", "dort", "dormons", "rentre", "rentrons", "sors", "sort",
                                                         "bosse", "travaille", "mange", "chauffe"))
_NOT_EVENING = re.compile(_NOT_DOING_BEFORE + _NEGATION + r" (" + _OTHER_DOING + r"\S+ ){0,4}?(le soir|ce soir|en soiree|les soirs)\b")
_NOT_NIGHT = re.compile(_NOT_DOING_BEFORE + _NEGATION + r" (" + _OTHER_DOING + r"\S+ ){0,4}?(la nuit|de nuit|cette nuit)\b")
_ONLY_MORNING = re.compile(_ONLY + r" (" + _OTHER_DOING + r"\S+ ){0,3}?(le matin|demain matin|en matinee|les matins|du matin)\b")
_ONLY_DAYTIME = re.compile(_ONLY + r" (" + _OTHER_DOING + r"\S+ ){0,3}?(la journee|en journee|dans la journee|le jour)\b")
_NOT_WEEKEND = re.compile(_NEGATION + r" (\S+ ){0,4}?(le|les|ce) (week end|weekend|we)s?\b"
                          r"|\b(le|les|ce) (week end|weekend)s? (c'est |ce n'est |est )?(impossible|exclu|pas possible|non)\b"
                          r"|\b" + _ONLY + r" (\S+ ){0,3}?en semaine\b")

# The days of the week (0 = Monday) as the citizen writes them, and as they are told back
# (texts/contact_wishes.py).
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DAY_OFF = re.compile(r"\b(pas|rien|jamais|aucun|aucune|plus|sauf)\b(?: \S+){0,4}? (?:le |les )?(" + "|".join(WEEKDAYS)
                      + r")s?\b((?: (?:et|ni|,) (?:le |les )?(?:" + "|".join(WEEKDAYS) + r")s?)*)")
_DAY_OFF_FIRST = re.compile(r"\b(?:le |les )?(?:" + "|".join(WEEKDAYS) + r")s?(?: (?:et|,) (?:le |les )?(?:"
                            + "|".join(WEEKDAYS) + r")s?)* (pas|rien|jamais|aucun) (de |d')?(messages?|sms|contact)\b")
_LIFT_DAYS = re.compile(r"\b(vous pouvez|c'est possible|possible|ok pour|finalement|maintenant)\b.{0,40}\b(le |les )?("
                        + "|".join(WEEKDAYS) + r")s?\b"
                        # « N'importe quel jour, le mardi aussi » (persona round 101: « aucun message
                        # le mardi » stayed on the case after two corrections).
                        + r"|\bn'importe quel jour\b|\ble (" + "|".join(WEEKDAYS) + r") aussi\b")

_NO_CALLS = re.compile(
    r"\b(ne |n')?(m'appelez|me telephonez|me rappelez|m'appelle|me telephone|me rappelle|appelez|telephonez) "
    r"(\S+ ){0,1}(pas|jamais|surtout pas|plus)\b"
    r"|\b(ne pas|jamais|surtout pas|pas) (me |m')(appeler|telephoner|rappeler)\b"
    r"|\b(pas|aucun|jamais) (d'|de |d )?(appels?|coups? de fil|coups? de telephone)\b"
    r"|\b(que|uniquement|seulement) (\S+ ){0,2}?(par ecrit|par message|par messages|par sms|par texto)\b"
    r"|\b(ecrivez moi|ecrivez-moi) (seulement|uniquement)( svp| merci| s'il vous plait)?$"
    r"|\b(aider|repondre|contacter|parler|echanger|ecrire) (\S+ ){0,6}par (ecrit|message|sms)\b")
# Deafness said while a case is under way: the team writes, never calls. Out of context it is
# a question of access (« je suis sourd, comment joindre les services ? »), answered as such.
# The team asked to phone the citizen instead of writing; not « vous pouvez me rappeler ce qu'on
# avait dit ? » (a reminder).
_CALL_ME = re.compile(
    # « Elle peut appeler qui ? » asks for a number for someone else (persona round 104, a boy
    # asking for his mother): « il » or « elle » calls the writer only with « me » (« m' » is
    # not read, as before: « vous pouvez m'appeler » is a look-alike).
    r"\b((elle|il) (peut|pourrait|pourra) (plutot )?me (plutot )?|(quelqu'un|la personne|l'equipe|vous|on) (peut|pourrait|pouvez|pourriez|pourra) (plutot |me plutot |plutot me )?"
    r"(me )?)(telephoner|appeler|rappeler)\b(?! (ce|ca|le|la|les|quand|comment|pourquoi|ou|qu|qui|quel|quelle|quels|quoi|un|une|mon|ma|mes|demain ce|de|a quelle|mes|sur)\b)"
    r"|\bje (prefere|prefererais|voudrais|veux|aimerais) (plutot |mieux )?(un appel|un coup de (fil|telephone)|qu'on (m'appelle|me telephone|me rappelle)"
    r"|que (vous|la personne|quelqu'un|l'equipe)( \S+){0,3} (m'appeliez|m'appelle|me telephoniez|me telephone)|etre (appelee?|rappelee?)|par telephone)"
    r"|\b(appelez|telephonez|rappelez)( moi|-moi)? (plutot|au lieu|par telephone)\b"
    r"|\b(telephoner|appeler|telephone|appelle|un appel) (plutot que|au lieu d)('| d')?( de)? ?(ecrire|m'ecrire|messages?)\b")
_CANNOT_HEAR = re.compile(r"\bje suis (sourde?|malentendante?)\b")
# Not « je n'arrive pas à appeler » (the citizen calling): the team calling the citizen.
_CITIZEN_CALLS = re.compile(r"\b(je|j') ?(ne |n')?(\S+ ){0,2}(appeler|telephoner)\b(?! (\S+ ){0,3}par ecrit)")

_DISCREET = re.compile(
    r"\b(messages?|ecrivez|ecrire|mots?) (\S+ ){0,3}(neutres?|discrets?|discretement|banals?)\b"
    r"|\b(ne )?(mettez|ecrivez|dites|nommez) (\S+ ){0,1}(pas|jamais|rien) (\S+ ){0,3}(le mot|mon nom|son nom|violence|relais)\b"
    r"|\b(il|elle|on|quelqu'un|mon mari|mon conjoint|ma femme|mon copain|ma copine|mes parents|mon pere|ma mere)"
    r" (\S+ ){0,2}(lit|lire|regarde|fouille|surveille|controle|verifie|va voir|voit|verra) (\S+ ){0,1}(mes|mon) "
    r"(messages|sms|telephone|tel|portable|conversations)\b"
    r"|\b(soyez|restez|et|en) discrete?s?\b")

_WAIT_FOR_ME = re.compile(
    r"\b(ne|n') ?(m'ecrivez|ecrivez|m'envoyez|envoyez|me contactez|contactez|me repondez|repondez) "
    r"(\S+ ){0,2}que (quand|lorsque|si) (c'est )?(moi|je)\b"
    r"|\b(repondez moi|ecrivez moi|contactez moi|me reponde|me repondiez|m'ecrive|m'ecriviez|me contacte|me contactiez|repondre|ecrire) "
    r"(\S+ ){0,2}(seulement|uniquement|que) (quand|si|lorsque|apres que) (c'est )?(moi|je|j')"
    r"|\b(ne|n') ?(m'ecrivez|ecrivez|me contactez|contactez) (pas|jamais) (\S+ ){0,1}en premier\b"
    r"|\b(attendez|attends) (que je|que j'|mon message|que ce soit moi)\b"
    r"|\b(c'est moi qui|je) (vous )?(re)?(ecrirai|ecrira|recontacterai|reviendrai vers vous)\b"
    r"|\b(ne m'ecrivez|n'ecrivez|ne me contactez|ne m'envoyez|pas de messages?|aucun message|jamais) "
    r"(\S+ ){0,3}(sur|a|par) (ce|mon|cet) (telephone|tel|portable|numero)\b"
    # Not « vous m'avez pas relancé » (persona round 97: recorded as « personne ne vous écrit en
    # premier » from a shopkeeper who wanted the check-in).
    r"|\b((pas|jamais|plus) (de |d')|aucune? )(rappels?|notifications?|relances?)\b"
    # Said to Relais, not quoted (« il m'a dit laisse-moi tranquille, je veux dormir pour
    # toujours », persona round 92: « personne ne vous écrit en premier » to a mother in crisis).
    r"|(?<!dit )(?<!crie )(?<!repondu )\blaissez moi tranquille\b|^((non|bon|stop|svp|ok) )?(laisse|laissez) moi tranquille\b"
    r"|(?<!dit )\bfoutez moi la paix\b"
    # « Non non faut pas qu'on m'écrive !! si il voit un message… », « personne doit m'écrire »
    # (persona round 95: unheard in the violence dialogue, and a case opened that said « une
    # personne va vous écrire ici »).
    r"|\b(faut pas|il ne faut pas|il faut pas|surtout pas|je (ne )?veux pas|je ne veux surtout pas) "
    r"(qu'on|que vous|que quelqu'un|que l'equipe|qu'ils|qu'elles?|qu'une personne) (me |m')?(ecri\w*|contact\w*|envoi\w*)"
    r"|\bpersonne (ne )?(doit|dois|devra|ne doit) (me |m')(ecrire|contacter|envoyer)\b"
    # « Je n'ai pas demandé qu'on m'écrive » (persona round 104: a case opened on a threat said
    # « une personne va vous écrire », and her objection was unheard).
    r"|\b(je )?(n'ai|ai) (jamais |pas |rien )(demande|dit) (qu'on|que vous|que quelqu'un|que l'equipe) (me |m')(ecri\w*|contact\w*|appel\w*)"
    # « vous alliez me réécrire demain. faut pas !! » (persona round 108).
    r"|\b(me |m')(re)?(ecrire|contacter|relancer)\w* (\w+ ){0,2}(faut pas|il ne faut pas|surtout pas)\b")

_WITHDRAW = re.compile(
    r"\b(annulez|annuler|annule|j'annule|retirez|retirer|je retire|fermez|fermer|cloturez|cloturer|"
    r"arretez|arreter|laissez tomber|laisse tomber|oubliez|oublie|abandonnez|supprimez) "
    r"(\S+ ){0,2}?((ma|mon|la|le|cette|ce) |l')(demande|dossier|signalement|alerte|appel a l'aide)\b"
    r"(?! (de|d'|du|des|a|au|aux|aupres|chez|pour|caf|cpam)\b(?! (parler|contact|aide|rappel|personne|quelqu'un|l'equipe|relais|tout a l'heure|ce matin|hier)))"
    r"|\b(annulez|annuler) tout\b"
    r"|\bje ne veux plus (qu'on|que vous|que quelqu'un|que l'equipe|qu'une personne|que personne) "
    r"(me |m')?(contact|ecri|appel|rappel|repond)\w*"
    r"|\b(ne|n') ?(m'ecrivez|me contactez|m'appelez|me recontactez|me repondez) plus\b"
    r"|\bje (ne )?(veux|souhaite) plus (etre contactee?|de contact|parler a (quelqu'un|personne)|personne)\b"
    r"|\b(plus|pas) besoin (qu'on|que vous|que quelqu'un|que l'equipe|d'etre) (me |m')?(contact|rappel|ecri|appel|repond)\w*"
    r"|\b(plus|pas) besoin (de |d')(la personne|une personne|quelqu'un|l'equipe|un humain|du conseiller|la conseillere|personne)\b"
    r"|\b(c'est|est ce que c'est|donc c'est) (bien )?annule\b")
# « Vous pouvez annuler ? », « oui annulez svp »: the request said alone, read only when a case
# or instructions exist (persona round 104: unheard twice inside the violence dialogue); not
# another thing cancelled (an appointment, an order: a review's probes), nor a doubt.
_WITHDRAW_ALONE = re.compile(
    r"^(?!.*\b(rdv|rendez vous|commande|vol|billet|reservation|abonnement|contrat|cours|seance|livraison|achat|paiement|"
    r"prelevement|virement|train|voyage|dentiste|medecin|inscription|colis|sais pas si|pas annuler|n'annulez pas)\b).*"
    r"\b(vous pouvez|pouvez vous|pourriez vous|vous pourriez|je peux|on peut|je veux|je voudrais|oui|svp|alors) "
    r"(tout )?(annuler|annulez|annule)\b(?= (svp|s'il vous plait|stp|merci|maintenant)\b|$| (si|parce|car|je|j'|il|elle|personne)\b)")

# « Vous avez bien noté ? », « l'équipe sait que… ? », « qu'est-ce qui est noté ? », « quelqu'un
# va me répondre ce matin ? »: the citizen checks what is kept.
_ASKS_NOTED = re.compile(
    r"\b(c'est|est ce que c'est|vous avez|l'equipe (sait|a)|vous leur avez|ils savent|elle sait|c'est tout|"
    r"qu'est ce qui est|ce qui est) "
    r"(\S+ ){0,1}(bien )?(note|notee|notes|dit|transmis|compris|enregistre)\b"
    # « C'est noté de mon côté, merci » tells, it does not ask.
    r"(?! (de mon cote|pour moi|de ma part|je m'en occupe|j'y vais|merci))"
    r"|\b(quelqu'un|une personne|l'equipe|vous|on|ils|elles) (de l'equipe )?(va|vont|allez) (me |m')(repondre|ecrire|contacter)\b"
    r"|\b(l'equipe|ils|elles?) (sait|savent|est au courant|sont au courant) (bien )?(que|pour)\b")

# A change of mind: « finalement vous pouvez m'écrire le week-end ».
_PERMIT = r"(vous pouvez|vous pourrez|c'est possible|possible|ok pour|c'est bon pour|d'accord pour|finalement|maintenant)"
_LIFT_WEEKEND = re.compile(r"(?<!pas )(?<!plus )(?<!jamais )\b(le |les )?(week end|weekend)s?\b(?=.*\b" + _PERMIT + r"\b)"
                           r"|\b" + _PERMIT + r"\b.*(?<!pas )(?<!plus )(?<!jamais )\b(le |les )(week end|weekend)s?\b")
_LIFT_HOURS = re.compile(r"\b" + _PERMIT + r" (\S+ ){0,3}(m'ecrire|m'envoyer|me contacter) (\S+ ){0,2}"
                         r"(le soir|la nuit|quand vous voulez|a toute heure|a tout moment|n'importe quand|en premier)\b"
                         # « Je n'ai rien contre les messages le soir » (persona round 95: read as
                         # « no message after 18 h », the opposite).
                         r"|\b(rien|pas) contre (les|des) (messages?|sms) (\S+ ){0,2}(le soir|la nuit|tard)\b")
_LIFT_CALLS = re.compile(r"\b(vous pouvez|vous pourrez|c'est possible de|ok pour|d'accord pour) (\S+ ){0,2}"
                         r"(m'appeler|me telephoner|me rappeler)\b|\bappelez moi\b")
_LIFT_WAIT = re.compile(r"\b" + _PERMIT + r" (\S+ ){0,3}(m'ecrire|me contacter) (\S+ ){0,2}"
                        r"(en premier|quand vous voulez|a tout moment|n'importe quand)\b")


@dataclass(frozen=True)
class ContactReading:
    """What one message says about contact: instructions, instructions lifted (field names of
    ContactWishes), a withdrawal, a check of what is noted."""
    wishes: ContactWishes = ContactWishes()
    lifted: frozenset[str] = frozenset()
    asks_noted: bool = False

    @property
    def is_empty(self) -> bool:
        return self.wishes.is_empty and not self.lifted and not self.asks_noted


# « c pas le sujet ce soir », « pas le moment ce soir »: a time said of something else than
# contact, even while a case is open.
_OTHER_MATTER = re.compile(r"\b(pas|plus) (le|la|un|une|du|de) (sujet|moment|question|probleme|priorite|souci|temps)\b")


_ABOUT_INSTRUCTIONS = re.compile(r"\b(consignes?|horaires?|heures?|\d{1,2} ?h|soir|matin|nuit|week end|appels?)\b")


@lru_cache(maxsize=512)
def read_contact(text: str | None, in_context: bool = False,
                 has_instructions: bool = False) -> ContactReading:
    """What the message says about contact. `in_context`: the conversation is already about
    contact with the team (a case, or instructions given): a time alone (« pas le soir svp »)
    is then an instruction. « C'est noté ? » checks the instructions only when there are some
    (`has_instructions`) or the message speaks of them: « je refuse que vous enregistriez mes
    données, c'est noté ? » is about consent."""
    words = normalise(text or "")
    if not words:
        return ContactReading()
    # A change of mind needs instructions to change: « vous pouvez me rappeler ce qu'on avait
    # dit ? » is no lifted « pas d'appel » out of context.
    lifted = _lifted(words) if in_context else set()
    wishes = read_contact_wishes(text, in_context)
    # A lifted instruction is not also given (« vous pouvez m'écrire le week-end »).
    if "no_weekend" in lifted:
        wishes = replace(wishes, no_weekend=False)
    if "quiet" in lifted:
        wishes = replace(wishes, quiet_from=None, quiet_until=None)
    asks = bool(_ASKS_NOTED.search(words)) and (
        has_instructions or not wishes.is_empty or bool(_CONTACT.search(words) or _ABOUT_INSTRUCTIONS.search(words)))
    return ContactReading(wishes=wishes, lifted=frozenset(lifted), asks_noted=asks)


# « Non, enlevez cela » just after an instruction was told back (persona round 95: a widower's
# invented « no message after 18 h » stayed). The safety instructions (discreet, wait for me) are
# lifted only when named: a victim's « supprimez ça » may be about the conversation.
_LIFT_ALL_TIMES = re.compile(r"\b(enlevez|retirez|supprimez|annulez|oubliez) (cela|ca|cette consigne|la consigne|les consignes|ces consignes)\b")


def _lifted(words: str) -> set[str]:
    lifted = set()
    if _LIFT_ALL_TIMES.search(words):
        lifted |= {"quiet", "no_weekend", "days_off", "no_calls"}
    if _LIFT_WEEKEND.search(words) and not _NOT_WEEKEND.search(words):
        lifted.add("no_weekend")
    if _LIFT_HOURS.search(words):
        lifted.add("quiet")
    if _LIFT_CALLS.search(words):
        lifted.add("no_calls")
    if _LIFT_WAIT.search(words):
        lifted.add("wait_for_me")
    if _LIFT_DAYS.search(words) and not _DAY_OFF.search(words):
        lifted.add("days_off")
    return lifted


@lru_cache(maxsize=512)
def read_contact_wishes(text: str | None, in_context: bool = False) -> ContactWishes:
    """The instructions the message gives, empty when it gives none."""
    words = normalise(text or "")
    if not words:
        return ContactWishes()
    about_contact = (bool(_CONTACT.search(words)) or (in_context and not _OTHER_MATTER.search(words))
                     or _speaks_of_time_only(words))
    quiet = _quiet_hours_of_sentences(text or "", in_context) if about_contact else (None, None)
    return ContactWishes(
        quiet_from=quiet[0],
        quiet_until=quiet[1],
        no_weekend=bool(_NOT_WEEKEND.search(words)) and about_contact,
        days_off=_days_off_of(text or "") if about_contact else (),
        no_calls=(bool(_NO_CALLS.search(words)) and not _CITIZEN_CALLS.search(words))
        or (in_context and bool(_CANNOT_HEAR.search(words))),
        call_me=bool(_CALL_ME.search(words)) and not _NO_CALLS.search(words),
        discreet=bool(_DISCREET.search(words)),
        wait_for_me=bool(_WAIT_FOR_ME.search(words)),
        withdraw=bool(_WITHDRAW.search(words)) or (in_context and bool(_WITHDRAW_ALONE.search(words))),
    )


# « pas après 19 h svp », « pas le soir, il est là »: a short answer that starts with a time
# not to write at.
_TIME_FIRST = re.compile(r"^(et |mais )?(surtout )?(pas|jamais|plus|plutot|de preference|seulement|uniquement) "
                         r"((le soir|le matin|en journee|l'apres midi) )?(apres|avant|a partir de|entre|le soir|ce soir|la nuit|le week end|le weekend)\b")
_SHORT_ANSWER_WORDS = 10


def _speaks_of_time_only(words: str) -> bool:
    return bool(_TIME_FIRST.match(words)) and len(words.split()) <= _SHORT_ANSWER_WORDS


# A negation and a time in two sentences are no instruction: « je dors chez lui ou pas ? quels
# signes doivent m'inquiéter cette nuit ? » (persona round 95: « no message at night » set on a
# crisis case).
_SENTENCE_END = re.compile(r"[?!.;\n]+")


# The citizen's own hours, not the team's: « je ne peux pas quitter le service avant 7 h »
# (persona round 103: « aucun message de l'équipe avant 7 h » on a crisis case). A sentence of a
# long message that says only that names no quiet time; nor a time of day alone (« ce soir »)
# out of a conversation about contact.
_OWN_SCHEDULE = re.compile(
    r"\bje (ne )?(peux|pourrai|pourrais|vais) (pas|plus) (quitter|partir|sortir|rentrer|venir|me liberer|etre la|y aller)\b"
    r"|\bje (travaille|bosse|suis (de garde|de nuit|au travail|au boulot|en service)|finis|termine|sors)\b")


# « Pas après 17 h merci »: an instruction, whatever else the sentence says (review: « je bosse
# jusqu'à 17 h et le soir il est là donc pas après 17 h » lost it).
_TIME_DENIED = re.compile(r"\b(pas|rien|jamais|aucun \w+) (apres|avant|entre|a partir de) \d")


# The hours of something else: a cut, a shop, a bus, a school (persona round 106: « coupures
# de 18 h à 23 h » recorded as the hours the team may write). A sentence that gives only such a
# window names no quiet time; a time refused (« pas après 18 h, il ferme la boutique ») still does.
_HOURS_OF_SOMETHING_ELSE = re.compile(
    r"\b(coupures?|coupe|coupee?s?|delestages?|pannes?|courant|electricite|jus|eau|gaz|rationnement|distributions?|"
    r"ouvert|ouverte|ouvre|ferme|fermee|horaires? (de|du|des|d')|magasins?|boulangerie|supermarche|station|pharmacie|mairie|"
    r"bus|train|tram|metro|ecole|cantine|creche|chantier|marche|permanence|guichet|accueil)\b")


def _quiet_hours_of_sentences(text: str, in_context: bool = False) -> tuple[int | None, int | None]:
    """The quiet time the sentences ask for: each read alone, the strongest reading kept (« pas
    ce soir hein ! seulement demain matin » is the morning only, as in one sentence)."""
    short = len(normalise(text).split()) <= _SHORT_ANSWER_WORDS
    readings = [_ranked_quiet_hours(words) for words in map(normalise, _SENTENCE_END.split(text))
                if not (_HOURS_OF_SOMETHING_ELSE.search(words) and not _CONTACT.search(words)
                        and _ONLY_BETWEEN.search(words) and not _NEGATED_BETWEEN.search(words)
                        and not _TIME_DENIED.search(words))
                and (short or _CONTACT.search(words) or _TIME_DENIED.search(words)
                     or not (_OWN_SCHEDULE.search(words) or (_ranked_quiet_hours(words)[0] >= 4 and not in_context)))]
    found = [reading for reading in readings if reading[1] != (None, None)]
    return min(found, key=lambda reading: reading[0])[1] if found else (None, None)


def _ranked_quiet_hours(words: str) -> tuple[int, tuple[int | None, int | None]]:
    """(rank, (from, until)) of the quiet time the words ask for: the lower the rank, the more
    explicit the reading (hours named before times of day); None for an end not given."""
    between = _ONLY_BETWEEN.search(words)
    if between and (_NEGATED_BETWEEN.search(words) or between.group(1) in ("la nuit", "le soir")):
        return 0, (_hour(between.group(2)), _hour(between.group(4)))  # « pas entre 18 h et 21 h »
    if between:
        return 0, (_hour(between.group(4)), _hour(between.group(2)))  # allowed window: quiet outside
    after = _NOT_AFTER.search(words)
    before = _NOT_BEFORE.search(words)
    if after or before:
        return 1, (_hour(after.group(4)) if after else None,
                   _hour(before.group(3) or before.group(6)) if before else None)
    allowed_from = _ALLOWED_FROM.search(words)
    if allowed_from:
        return 2, (None, _hour(allowed_from.group(4)))
    only_after = _ONLY_AFTER.search(words)
    only_before = _ONLY_BEFORE.search(words)
    if only_after or only_before:
        return 3, (_hour(only_before.group(3)) if only_before else None,
                   _hour(only_after.group(4)) if only_after else None)
    # An allowed time of day first: « pas ce soir, seulement demain matin » is the morning only.
    if _ONLY_MORNING.search(words):
        return 4, (12, MORNING_HOUR)
    if _ONLY_DAYTIME.search(words):
        return 5, (18, MORNING_HOUR)
    if _NOT_EVENING.search(words):
        return 6, (18, MORNING_HOUR)
    if _NOT_NIGHT.search(words):
        return 7, (EVENING_HOUR, MORNING_HOUR)
    return 8, (None, None)


def _days_off_of(text: str) -> tuple[int, ...]:
    """The days off of the whole message, except those only a question of another sentence
    names (« Je ne suis pas salarié. Pour jeudi, j'appelle un taxi ? », persona round 102:
    « aucun message le jeudi » noted); « Pas de SMS. Le mardi surtout. » keeps its Tuesday."""
    whole = _days_off(normalise(text))
    if whole and not _CONTACT.search(normalise(text)) and len(normalise(text).split()) > _SHORT_ANSWER_WORDS:
        # « mon médecin répond pas, c'est samedi » (persona round 108: « aucun message le
        # samedi »): a day said of something else, in a longer message that speaks of no contact.
        return ()
    asked = {day for sentence in sentences(text) if "?" in sentence
             and not _days_off(normalise(sentence)) for day, name in enumerate(WEEKDAYS) if name in normalise(sentence)}
    return tuple(day for day in whole if day not in asked)


def _days_off(words: str) -> tuple[int, ...]:
    """The weekdays named after a « rien », « pas »: « rien le mercredi » is (2,). A day told in
    the past (« je ne l'ai plus au téléphone, c'était mardi », persona round 101: « aucun message
    le mardi » kept on her case) is none."""
    days_pattern = "|".join(WEEKDAYS)
    words = re.sub(rf"\b(c'?etait|etait|c etait|depuis|il m'a \w+|m'a \w+|on m'a \w+)( le| ce| lundi)? ({days_pattern})\b|"
                   rf"\b({days_pattern}) (dernier|passe|soir dernier)\b", " ", words)
    days = set()
    for found in list(_DAY_OFF.finditer(words)) + list(_DAY_OFF_FIRST.finditer(words)):
        named = found.group(0)
        days |= {index for index, day in enumerate(WEEKDAYS) if day in named}
    return tuple(sorted(days))


def _hour(value: str) -> int | None:
    if value in ("midi", "minuit"):
        return 12 if value == "midi" else 0
    digits = re.match(r"\d+", value)
    assert digits is not None  # _HOUR captures "midi", "minuit" or digits first
    hour = int(digits.group(0))
    return hour % 24 if 0 <= hour <= 24 else None


# --- the texts -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ContactTexts:
    """The wording of relais/content/contact_wishes.yml, for the citizen and for the coach;
    texts/contact_wishes.py tells the instructions with it."""
    citizen: dict[str, str]
    coach: dict[str, str]


@lru_cache(maxsize=1)
def contact_texts(path: Path = CONTENT_PATH) -> ContactTexts:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ContactTexts(citizen=dict(document["citizen"]), coach=dict(document["coach"]))


# --- the turn ------------------------------------------------------------------------------------

_NO = re.compile(r"^(non|nan|no|pas du tout|surtout pas|gardez|garde|je (la |le )?garde|laissez)\b")


def withdrawal_answer(text: str | None, intent: str | None) -> bool | None:
    """The citizen's yes or no to « Vous voulez annuler votre demande ? », None for anything
    else (then the message is read as usual)."""
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    if says_yes(text or ""):
        return True
    words = normalise(text or "")
    if _NO.search(words) or _KEEP.search(words):
        return False
    if _DOUBT.search(words):
        return None
    # « Oui annulez svp, je préfère appeler moi-même » (persona round 104: asked again).
    return True if _WITHDRAW.search(words) or _WITHDRAW_ALONE.search(words) else None


# « N'annulez pas le dossier », « je voudrais pas annuler, juste décaler » (a review's probes).
_KEEP = re.compile(r"\b(n'annulez pas|ne l'annulez pas|n'annule pas|pas annuler|ne pas annuler|ne rien annuler|gardez|garder le dossier)\b")
_DOUBT = re.compile(r"\b(je (ne )?sais pas si|j'hesite|peut etre|je reflechis)\b")


def in_contact_context(contact_state: dict[str, Any] | None, escalation: str | None,
                       crisis_state: dict[str, Any] | None) -> bool:
    """Is the conversation already about contact with the team: instructions given, or a case
    asked for or opened on a crisis (the `contact`, `escalation` and `crisis` slots)?"""
    wishes = ContactWishes.from_json((contact_state or {}).get(CONTACT_WISHES_KEY))
    return wishes.has_instructions or bool(escalation) or bool((crisis_state or {}).get("case"))


def may_write_first(contact_state: dict[str, Any] | None, crisis_state: dict[str, Any] | None) -> bool:
    """May Relais start a message to this citizen later (the `contact` and `crisis` slots): not
    when they asked that nobody writes first or for discreet messages, nor after violence was
    told in the conversation."""
    wishes = ContactWishes.from_json((contact_state or {}).get(CONTACT_WISHES_KEY))
    told_violence = (crisis_state or {}).get("kind") == VIOLENCE
    return not (wishes.wait_for_me or wishes.discreet or told_violence)


def is_for_contact_turn(text: str | None, intent: str | None, awaiting_withdrawal: bool,
                        in_context: bool = False, has_instructions: bool = False) -> bool:
    """Does the contact-instructions turn answer this message? An instruction, a change of
    one, a withdrawal or a check of what is noted, read in the citizen's words, or the answer
    to the withdrawal question just asked."""
    if awaiting_withdrawal and withdrawal_answer(text, intent) is not None:
        return True
    if not text or text.startswith("/"):
        return False  # a button's payload says its intent, not an instruction
    return not read_contact(text, in_context, has_instructions).is_empty
