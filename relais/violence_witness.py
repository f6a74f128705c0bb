"""Violence told by a witness: a neighbour heard through the wall, a friend or a sister hit by
her partner. The writer is not the one in danger, so « est-ce que quelqu'un vous fait du mal ? »
is the wrong question (persona round 97: asked three times to a woman who hears her neighbour
being beaten, who never got the 17 or the 3919). A witness gets what a witness can do.

Plain data: whether a message tells violence seen or heard by its writer, never suffered."""

import re

from relais.text import normalise

# Who may be hit, seen from the writer: not « me », not « moi ».
_OTHER = (r"(sa femme|sa copine|sa compagne|sa conjointe|son mari|son copain|ses enfants|son fils|sa fille|"
          r"son gamin|sa gamine|ses gamins|sa mere|ma voisine|la voisine|mon voisin|le voisin|ma soeur|"
          r"ma mere|ma fille|mon amie|ma copine|une amie|ma collegue|une collegue|ma cousine|ma belle soeur|"
          r"ma niece|la dame|la femme|cette femme|une femme|la fille|sa meuf|sa nana|la meuf|la nana|sa gonzesse)")
# Who hits, seen from the writer: a third person.
_HITTER = (r"(mon voisin|le voisin|ma voisine|la voisine|son mari|son copain|son compagnon|son conjoint|son ex|"
           r"le mari|le mec|le type|le gars|le pere|son pere|mon beau frere|mon frere|le beau pere|il|elle)")
_HITS = r"(frappe|frappait|frappent|bat|battait|tape|tapait|cogne|cognait|tabasse|tabassait|etrangle|secoue|gifle|brutalise)"
_IS_HIT = (r"(se fait|se faisait|s'est fait|s'est faite|se font|se faire) (encore |souvent |toujours )?"
           r"(frapper|battre|taper|tabasser|cogner|violenter|etrangler|gifler)"
           r"|(est|etait|a ete|sont|se fait) (encore |souvent |toujours )?(battue?s?|frappee?s?|tabassee?s?|violentee?s?)"
           # « c'est elle qui prend des coups », « elle se prend des baffes »
           r"|(se )?(prend|prenait|recoit|recevait|mange|a pris|a recu|se prend) (encore |souvent |toujours )?"
           r"des (coups|baffes|claques|gifles|torgnoles|beignes)")

_WITNESS = tuple(re.compile(p) for p in (
    # « mon voisin frappe sa femme », « le mari de la voisine la tape »
    rf"\b{_HITTER} (\w+ ){{0,2}}{_HITS} {_OTHER}\b",
    rf"\b{_HITTER} (\w+ ){{0,3}}(la|les) {_HITS}\b",
    # « ma voisine se fait frapper », « ma sœur est battue par son mari »
    rf"\b{_OTHER} (\w+ ){{0,2}}({_IS_HIT})\b",
    # « c'est elle qui se fait taper », with a neighbour, a partner or a wall said in the message
    rf"^(?=.*\b(voisin|voisine|voisins|mari|copain|compagnon|conjoint|mur|soeur|amie|copine|mec|meuf|gars|type)\b).*"
    rf"\b(elle|elles)( qui)? ({_IS_HIT})\b",
    # « j'entends des coups chez les voisins », « j'entends encore les coups »
    r"\bj'entends (encore |souvent |toutes les nuits |tous les soirs )?(des|les|ses) (coups|cris et des coups|hurlements)\b",
    r"\bj'entends (\w+ ){0,3}(qu'il|qu'elle|qu'ils) (la|le|les) (frappe|bat|tape|cogne)",
    r"\b(je suis|j'ai ete|je suis la|j'etais) (\w+ ){0,2}temoin (de|d') (\w+ ){0,3}(violences?|coups|agression)",
    r"\b(violences? conjugales?|violences? domestiques?)\b.{0,40}\b(chez )?(mes |les |ma |mon )?(voisins?|voisine|soeur|amie|copine|collegue|cousine)\b",
    r"\b(ma |mon |la |le |les )(voisins?|voisine|soeur|amie|copine|collegue|cousine)\b.{0,40}\b(violences? conjugales?|violences? domestiques?)",
    # « j'entends le voisin du dessus crier sur sa femme… elle avait des bleus sur le bras »
    rf"\b{_HITTER} (\w+ ){{0,3}}(crier|crie|hurler|hurle|gueuler|gueule) sur {_OTHER}\b.*\b(bleus?|coups?|cri|cris|frappe\w*|cogne\w*|casse\w*)\b",
    r"\b(elle|la voisine|ma voisine|sa femme) (avait|a|porte|portait) des (bleus|marques|traces de coups)\b",
    # « Non, moi personne ne me fait de mal, c'est pour la voisine que je m'inquiète »
    r"\b(personne ne me fait (de )?mal|pas moi)\b.{0,60}\b(voisine?|soeur|amie|copine|collegue|cousine)\b",
))
# The writer hit: a victim, whatever else the message tells (« il me frappe et bat sa fille »).
_WRITER_HIT = re.compile(
    r"\bpeur (de rentrer|de lui|qu'il rentre)\b|"
    r"\b(me|m') ?(a |avait )?(frappe|bat|battu|tape|cogne|tabasse|etrangle|gifle|menace|brutalise|secoue|pousse|bouscule|insulte|rabaisse|"
    r"fait mal|fait du mal|viole)|\bje (me fais|me suis fait|suis) (frapper|battre|taper|battue?|frappee?)"
    # « il tape ma fille et moi aussi », « il nous frappe »
    r"|\b(et moi aussi|moi aussi|et moi avec)\b|\b(il|elle) nous (frappe|bat|tape|cogne)\b")


# Violence against a third person, without the context a first message needs: read only once
# the writer is known to be a witness (« elle se fait frapper, j'appelle le 17 ou pas ? »).
_TO_ANOTHER = re.compile(
    rf"\b(elle|il|elles|ils|{_OTHER}) (\w+ ){{0,2}}({_IS_HIT})\b|\b{_HITTER} (\w+ ){{0,3}}(la|les) {_HITS}\b"
    # « il lui met des coups de poing », « ça cogne contre le mur »
    r"|\b(il|elle) (lui|leur) (met|mettait|donne|donnait|colle|fout|balance) (\w+ )?(des |un )?(coups?|claques?|baffes?|gifles?|patates?)\b"
    r"|\bca (cogne|tape) (contre|dans) (le|les) murs?\b"
    r"|\b(violences? conjugales?|violences? domestiques?)\b")


# A witness may fear the man too (« j'ai aussi peur de lui s'il apprend que c'est moi ») without
# being hit: that fear is no sign of the writer's own danger beside a neighbour's.
_WITNESS_FEAR = re.compile(r"\b(j'ai )?(aussi |juste )?peur de lui\b(?=.{0,60}\b(apprend|sache|saura|decouvre|c'est moi|represailles)\b)")


# The writer's own home: a father who hits a mother there is a child's danger, the writer's
# (persona round 101: a boy of 17 got a neighbour's numbers, then the adult victim's block).
_HOUSEHOLD = re.compile(r"^(?!.*\bj'ai (1[89]|[2-9]\d) ans\b)(?=.*\b(mes parents|chez moi|a la maison|j'habite avec)\b)"
                        r"(?=.*\b(mon|mon beau) ?(pere|papa|beau pere|daron) (\w+ ){0,2}(tape|frappe|bat|cogne|tabasse|gifle) (ma mere|maman)\b)")


_ANY_FEAR = re.compile(r"\b(j'ai )?(aussi |juste )?peur de lui\b")
# Something done to the writer, beside which the fear of him is a victim's.
_DONE_TO_THE_WRITER = re.compile(
    r"\b(il|elle) (me|m') ?(suit|suivi|menace|frappe|pousse|bouscule|harcele|attend|guette|insulte|a fait|a pousse\w*|a menace\w*|a suivi\w*)\b"
    r"|\bm'a (deja |encore |meme |aussi )?(fait|pousse\w*|suivi\w*|menace\w*|frappe\w*|bouscule\w*|attrape\w*)\b|\bce qu'il m'a\b")


def witnesses_violence(text: str | None) -> bool:
    """The message tells violence against someone else, seen or heard by its writer."""
    words = normalise(text or "")
    if _HOUSEHOLD.search(words):
        return False
    # The fear is a witness's only with nothing done to the writer (« il me suit », « ce qu'il m'a fait »).
    fear_only = not _DONE_TO_THE_WRITER.search(words)
    checked = _ANY_FEAR.sub(" ", words) if fear_only else words
    return any(p.search(words) for p in _WITNESS) and not _WRITER_HIT.search(checked)


def writer_is_hit(text: str | None) -> bool:
    """The message tells violence against its writer (« il me pousse », « il tape ma fille et
    moi aussi »)."""
    return bool(_WRITER_HIT.search(normalise(text or "")))


def tells_violence_to_another(text: str | None) -> bool:
    """The message tells violence against someone else, and none against its writer; read after
    the writer told being a witness."""
    words = normalise(text or "")
    return bool(_TO_ANOTHER.search(words) or any(p.search(words) for p in _WITNESS)) and not _WRITER_HIT.search(words)


# A witness's questions, once told what a witness can do: each the key of its answer in
# relais/content/crisis.yml (persona round 99: « si j'appelle le 17, ils vont dire au voisin que
# c'est moi ? » got « je n'ai pas de réponse sûre » and the work coach).
_WITNESS_QUESTIONS = (
    ("violence_witness_children", re.compile(r"\b(119|les enfants|ses enfants|leurs enfants|le petit|la petite|les petits|le bebe|leur bebe|un enfant)\b")),
    ("violence_witness_anonymous", re.compile(
        r"\b((qu'il|qu'elle|que le \w+|que la \w+|le voisin|le mec|le gars|le type|il|elle) (\w+ )?(sache|saura|saurait|va savoir|apprenne|decouvre)|"
        r"(c'est|c|cest) moi qui (ai|a) (appele|prevenu|signale|porte plainte)|anonyme\w*|anonymat|represailles|sans qu'il (le )?sache|"
        r"(dire|diront|dit|donner|donneront) (\w+ ){0,2}(que c'est moi|que c moi|qui (les |l')?(a|ont) appele\w*)|"
        r"mon nom (sera|va etre|serait|est) (donne|communique|transmis)|"
        r"(police|flics|keufs|17|gendarmes?) (\w+ ){0,4}mon nom|mon nom (\w+ ){0,4}(police|flics|keufs|17|voisin|il|lui))\b")),
    ("violence_witness_intervene", re.compile(
        r"\b(intervenir|m'interposer|m'en meler|frapper (a|chez) (la porte|eux|lui)|sonner chez|aller (voir|sonner|toquer)|"
        r"lui parler a elle|parler a (la voisine|ma voisine|elle)|je fais quoi (si|quand) je la croise)\b")),
    ("violence_witness_again", re.compile(
        r"\b(17|3919|112|114|police|flics|keufs|gendarmes?|porter plainte)\b"
        r"|\b(appeler|j'appelle|jappel\w*|signaler|prevenir) (\w+ ){0,2}(pour (elle|ca|eux|les coups|la voisine)|les coups|ca)\b")),
)


def witness_question(text: str | None) -> str | None:
    """The key of the answer to a witness's question, or None when it asks nothing of that."""
    words = normalise(text or "")
    if writer_is_hit(text):
        return None
    return next((key for key, pattern in _WITNESS_QUESTIONS if pattern.search(words)), None)
