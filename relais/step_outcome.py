"""Whether a citizen reports a step as not done: « j'ai pas réussi à prendre le vélo » reads
like a step report (the NLU's `action_faite`, a check-in's « qu'avez-vous fait ? ») and must
not be congratulated nor counted as done."""

import re

from relais.text import normalise

_NOT_DONE = re.compile(
    r"\b(pas|jamais|plus) (\w+ ){0,2}(reussi|pu|eu le temps|eu le courage|eu la force|fait|tenu|ose|"
    r"arrive|arrivee|trouve|commence|essaye|eu l'occasion|eu envie)\b"
    r"|\b(j'ai|g|on a|je l'ai|je les ai) (\w+ ){0,1}(rate|echoue|abandonne|laisse tomber|oublie|lache|craque)\b"
    # normalise() reads the SMS "pu" as "plus": « je n'ai pas pu appeler ».
    r"|\bpas plus (le |la |les |l'|y |en |m'|me )?\w+(er|ir|re)\b"
    r"|\b(rien fait|pas encore|toujours pas|echec|c'est rate|ca a rate|loupe)\b"
)
# Not a step but how the citizen is (« j'arrive même plus à faire les choses simples, j'ai
# envie de rien »): exhaustion, answered with care, never « Bravo ».
_STRUGGLE = re.compile(
    r"\b(j'arrive|arrive|j'y arrive) (meme |vraiment )?(plus|pas) (a rien|a faire|a me lever|a sortir|a dormir)"
    r"|\b(envie de rien|plus envie de rien|pas envie de rien|plus la force|pas la force|aucune force|plus d'energie|a bout|epuisee?|videe?|au bout du rouleau|je me sens (nul|nulle|inutile|vide|bete))\b"
    r"|\b(j'ai|je n'ai) (rien|pas) (fait|pu faire|reussi)\b")


def reports_struggle(text: str | None) -> bool:
    """The citizen answers « what did you do? » with how hard things are."""
    return bool(_STRUGGLE.search(normalise(text or "")))


# "je n'ai pas eu de mal à le faire" is a success said with a negation.
_DONE_ANYWAY = re.compile(r"\b(pas eu de mal|sans mal|pas si dur|pas complique|pas difficile|et c'est fait|c'est fait quand meme)\b")


def reports_not_done(text: str | None) -> bool:
    words = normalise(text or "")
    return (bool(_NOT_DONE.search(words)) or reports_struggle(text)) and not _DONE_ANYWAY.search(words)


# « Rien de spécial », « pas grand-chose »: nothing to congratulate, nothing to note.
_NOTHING = re.compile(
    r"^(bof |ben |bah |euh |non |)*(rien|rien du tout|rien de (special|particulier|fou|terrible|neuf)|pas grand chose|"
    r"pas grand-chose|pas vraiment|nada|que dalle|pas des masses|pas beaucoup)( (de|a) (special|signaler))?( cette semaine| ces jours[- ]ci)?\W*$")


def reports_nothing(text: str | None) -> bool:
    """The citizen answers « what did you do? » with nothing in particular."""
    return bool(_NOTHING.match(normalise(text or "").strip()))
