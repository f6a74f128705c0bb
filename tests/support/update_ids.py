"""Update ids for the fake Telegram servers of the tests."""

import itertools

# Each test has its own fake Telegram server, the database of the Rasa stack is shared, and a
# repeated update id would be a duplicate delivery (answered once): each server starts its ids
# at a base of its own.
_update_id_bases = itertools.count(1, 10**5)


def next_update_id_base() -> int:
    return next(_update_id_bases)
