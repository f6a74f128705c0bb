"""Whether a citizen asks to stop the questions (« laissez tomber », « je veux pas refaire un
questionnaire », « arrêtez avec vos questions »).

Read by a rule, not guessed by the model: the NLU's `stop` intent then ends any form through
its rules (data/rules/forms.yml). A message that also asks something (« je veux pas de
questionnaire, je veux juste savoir où trouver mon numéro allocataire ») is not a stop: its
question is answered.
"""

import re

from relais.text import normalise

_STOP_QUESTIONS = re.compile(
    # Not « laissez tomber l'inspection du travail… ma boutique risque de couler »: that topic
    # dropped, the message goes on (persona round 95: « d'accord, je m'arrête là »).
    r"^(bon |ok |non |bah |ben |oh |mais )*(laissez|laisse|laissons) tomber\b(?! (ma|mon|la|le|cette|ce|les|vos|votre|ces|avec|pour|l'\w+) )"
    r"|\b(je )?(ne )?(veux|veut|voulais|souhaite) (pas|plus) (refaire |faire |remplir |repondre a |de )?"
    r"(un |ce |le |votre |vos |des |de |a )?(questionnaires?|questions|formulaires?)\b"
    r"|\b(arretez|stop|assez|marre|j'en ai marre) (avec |de )?(les |vos |des |ces )?(questions|questionnaires?)\b")
_ASKS = re.compile(
    # « laisse tomber. il me reste 15 € jfais quoi a manger avec ça » (persona round 97).
    r"\b(j|je |on |tu |vous )?(fais|fait|faire|fait on) quoi\b|\b(que|quoi) faire\b|"
    # « merci. jpeux commencer quoi maintenant en décembre » (persona round 98: « avec plaisir »).
    r"\b(\w+er|\w+ir|peux|peut|dois|doit|mets|met|plante|seme) (\w+ ){0,2}quoi\b(?! que)(?!\W*$)|"
    r"\b(je veux|je voudrais|j'aimerais|je cherche a|je souhaite) (juste |seulement |simplement )?"
    r"(savoir|comprendre|trouver|qu'on m'aide|de l'aide|un conseil)\b|\?|\b(comment|ou|pourquoi|combien|quand)\b"
    # « merci quand même, au revoir » asks nothing.
    r"(?! meme\b)")


# « Laissez tomber. je suis crevé… moi je tiens plus trop » (persona round 95: « d'accord, je
# m'arrête là » to a father whose house had flooded): distress said with it is the message.
_DISTRESS = re.compile(
    r"\b(je (ne )?tiens plus|je tiens plus|tiens plus trop|j'en peux plus|jen peux plus|je craque|je suis a bout|a bout de force\w*|"
    r"je sais (meme )?plus quoi faire|je sais (meme )?plus (ou|par ou) (j'en suis|commencer)|je m'effondre|je suis (crevee?|epuisee?|au bout)|"
    r"je pleure|j'ai envie de pleurer|je n'y arrive plus|j'y arrive plus|je coule|on coule|risque de couler|je suis perdue?)\b")


# « Laisse tomber t'es un robot. passe moi quelqu'un de vrai » (persona round 98: « d'accord,
# je m'arrête là » and the 3114): a person asked for.
_WANTS_A_PERSON = re.compile(
    r"\b(passe|passez|passer) moi\b|\bquelqu ?'?un de (vrai|reel)\b|\bun (vrai )?humain\b|\bune (vraie )?personne\b|\bun conseiller\b")


def asks_to_stop_questions(text: str | None) -> bool:
    """True for a request to stop the questions that asks nothing else, tells no distress and
    asks for no person."""
    raw = text or ""
    words = normalise(raw)
    return bool(_STOP_QUESTIONS.search(words)) and not _ASKS.search(words) and "?" not in raw \
        and not _DISTRESS.search(words) and not _WANTS_A_PERSON.search(words)


# A farewell at the end of a message (« merci, bonne journée », « non c bon merci au revoir »),
# in a message that asks nothing: the citizen leaves, whatever the topic words before it.
_GOODBYE = re.compile(
    r"\b(au revoir|aurevoir|bonne (soiree|journee|nuit|fin de journee|continuation|semaine)|a (plus|\+|bientot|demain|la prochaine)|"
    r"je reviendrai( \w+)?|je reviens (plus tard|demain)|bye|ciao|tchao|bisous?|salut)"
    # « Au revoir madame », « bonne soirée à vous, et merci encore ».
    r"(\W+(madame|monsieur|relais|a vous|a toi|et merci( encore| beaucoup| bien)?|merci( encore| beaucoup| bien)?|encore))*\W*$")


def says_goodbye(text: str | None) -> bool:
    """True for a message that ends with a farewell and asks nothing."""
    raw = text or ""
    words = normalise(raw).strip()
    # « Salut » first is a hello (« salut, je cherche… »).
    greeting_first = words.startswith("salut")
    return bool(_GOODBYE.search(words)) and not _ASKS.search(words) and "?" not in raw and not greeting_first


# Thanks, then a question (« merci. et la CCI elle peut m'aider ? »): the question is the message.
_THANKS_FIRST = re.compile(r"^(ok |super |top |parfait |d'accord )?(merci|mrc|mci|thx|je vous remercie)\b(?P<rest>.*)$")


def thanks_then_asks(text: str | None) -> bool:
    """True when a message opens with thanks and goes on with a question."""
    raw = text or ""
    match = _THANKS_FIRST.match(normalise(raw).strip())
    if not match:
        return False
    rest = match.group("rest").strip(" ,.!")
    return len(rest.split()) >= 3 and ("?" in raw or bool(_ASKS.search(rest)))


# Words of leaving, anywhere in the message: the model's goodbye without any of them (« hmm »
# read as goodbye at 0.47 after the training of 2026-12-04) or with a question (« d'abord comment
# j'y vais demain ») is not one.
_LEAVING_WORDS = re.compile(
    r"\b(au revoir|aurevoir|bye|byebye|ciao|tchao|bisous?|salut|a plus|a tte|a tout a l'heure|a bientot|a demain|"
    r"a la prochaine|a une prochaine|a la semaine|a lundi|a ce soir|bonne (soiree|journee|nuit|continuation|semaine|fin)|"
    r"bon (week-end|week end|weekend)|je dois y aller|j'y vais|je file|je me deconnecte|on se reparle|"
    r"je vous laisse|je te laisse|adieu|je reviendrai|je reviens)\b")
# « a+ », « @+ », « à + »: normalise() drops the plus sign; read on the words as typed.
_SEE_YOU = re.compile(r"(^|\s)[a@à] ?\+", re.IGNORECASE)


def may_be_goodbye(text: str | None) -> bool:
    """Whether a message the model reads as a goodbye may be one: it has words of leaving and
    asks nothing."""
    raw = text or ""
    if raw.lstrip().startswith("/"):
        return True
    words = normalise(raw)
    leaving = bool(_LEAVING_WORDS.search(words) or _SEE_YOU.search(raw))
    return leaving and not _ASKS.search(words) and "?" not in raw


# « Vous m'écoutez pas. menu », « bon, menu svp »: the menu asked for in the last words.
_MENU_LAST = re.compile(r"(^|[.!,;:]\s*|\b(bon|ok|alors|donc|svp)\s+)(le |au )?menu( svp| stp| s'il vous plait| principal)?\s*[.!]*\s*$",
                        re.IGNORECASE)


def ends_with_menu(text: str | None) -> bool:
    """True when the message ends by asking for the menu (not « le menu de la cantine »)."""
    raw = (text or "").strip()
    return bool(_MENU_LAST.search(raw)) and "?" not in raw and not raw.startswith("/")
