"""A spaCy ``Doc``'s token attributes as plain Python lists, read with one ``Doc.to_array`` call.

Every ``doc[i]`` builds a new spaCy ``Token`` object, which costs more than most of what
our stages do with it. The token tables of the actor stage
(:class:`accord.actors.tokens.Tokens`) and of the event coder
(:class:`accord.events.parse.Parse`) read their columns here instead. Attribute names
are spaCy's (``"ORTH"``, ``"POS"``, ``"HEAD"``...), so no spaCy import is needed.
"""

from __future__ import annotations

from typing import Any, Sequence

#: string of each hash (or symbol id) seen in a string column: a dict lookup is about twice as
#: quick as the string store's. Hashes are of the strings themselves, the same in every
#: vocabulary; the memo is emptied when it grows past ``MEMO_LIMIT``.
MEMO: dict[int, str] = {}
MEMO_LIMIT = 1 << 18


def columns(doc: Any, names: Sequence[str]) -> dict[str, list[int]]:
    """The ``to_array`` columns ``names`` of ``doc`` as lists of ints (empty lists for an empty
    doc); ``HEAD``, an offset in spaCy, is made the head's absolute position."""
    if not len(doc):
        return {name: [] for name in names}
    array = doc.to_array(list(names))  # unsigned: string hashes need all 64 bits
    named = dict(zip(names, array.T.tolist()))
    if "HEAD" in named:
        heads = array[:, list(names).index("HEAD")].astype("int64")  # negative for a head on the left
        heads += range(len(doc))
        named["HEAD"] = heads.tolist()
    return named


def strings(store: Any, hashes: list[int]) -> list[str]:
    """The strings of a column of hashes, through ``store`` (a spaCy ``StringStore``) and :data:`MEMO`."""
    try:
        return list(map(MEMO.__getitem__, hashes))
    except KeyError:
        if len(MEMO) > MEMO_LIMIT:
            MEMO.clear()
        found: list[str] = []
        for key in hashes:
            text = MEMO.get(key)
            if text is None:
                text = MEMO[key] = store[key]
            found.append(text)
        return found
