"""What a content designer must fix in a track file beyond what reading it refuses
(relais.track_content): lengths that fit a phone screen, enough examples for the topic model."""

from relais.track_content import TrackContent

# One phone screen: an answer longer than this gets cut by the checks, the rest goes to `more`.
MAX_ANSWER_CHARS = 600
MAX_MORE_CHARS = 700
MAX_TITLE_CHARS = 28
MIN_EXAMPLES = 25


def problems(content: TrackContent) -> list[str]:
    """Empty when the track file is fine."""
    found = []
    ids = [t.id for t in content.topics]
    for dup in {i for i in ids if ids.count(i) > 1}:
        found.append(f"{content.track}: topic id {dup} twice")
    for topic in content.topics:
        if len(topic.answer) > MAX_ANSWER_CHARS:
            found.append(f"{topic.key}: answer of {len(topic.answer)} characters (max {MAX_ANSWER_CHARS})")
        if topic.more and len(topic.more) > MAX_MORE_CHARS:
            found.append(f"{topic.key}: more of {len(topic.more)} characters (max {MAX_MORE_CHARS})")
        if len(topic.title) > MAX_TITLE_CHARS:
            found.append(f"{topic.key}: title longer than {MAX_TITLE_CHARS}")
        # A topic read only from `when` has no examples; one with examples (its words added as a
        # sure reading) has them in full, as every topic the model reads.
        if topic.examples and len(set(topic.examples)) < MIN_EXAMPLES:
            found.append(f"{topic.key}: {len(set(topic.examples))} distinct examples (min {MIN_EXAMPLES})")
    return found
