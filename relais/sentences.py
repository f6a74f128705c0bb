"""A message cut into its sentences, each with its end mark (« Il est au boulot. Il revient
quand ? » is two): one splitter for the readers that weigh a question apart from a statement."""

import re

_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def sentences(text: str | None) -> list[str]:
    """The message's sentences, in order, each with its end mark."""
    return _SENTENCE.findall(text or "")
