"""Page structure: a :class:`~accord.records.RawDocument` -> a :class:`~accord.records.Page`.

:func:`parse_page` sends HTML to :func:`accord.page.html.parse_html` and plain
text to :func:`accord.page.text.parse_text`, after checking the size limit
that keeps a huge document from exhausting the parsers.

>>> from accord.records import RawDocument
>>> parse_page(RawDocument("d1", text="Talks resume\\n\\nThe talks resumed on Monday.")).title
'Talks resume'
"""

from __future__ import annotations

import dataclasses

from accord.errors import InputError
from accord.inputs import DEFAULT_MAX_BYTES, looks_like_html
from accord.page.text import parse_text
from accord.records import Page, RawDocument

__all__ = ["parse_page", "parse_text"]


def parse_page(raw: RawDocument, max_chars: int = DEFAULT_MAX_BYTES) -> Page:
    """Parse a page's structure from its HTML (``raw.html``, or text that looks like HTML) or plain text.

    Raises :class:`~accord.errors.InputError`: E104 when the content is longer
    than ``max_chars``, and what the parsers raise: E108 when HTML nests too deep
    (the HTML parser measures that before building a tree), E107 for markup that
    cannot be parsed, E109 when no article text is found.
    """
    content = raw.content
    where = raw.path or raw.doc_id
    if len(content) > max_chars:
        raise InputError("E104", path=where, size=len(content), limit=max_chars)
    if raw.html is None and not looks_like_html(content):
        return parse_text(raw)
    # imported here: the HTML parser pulls in lxml and trafilatura, which plain text never needs
    from accord.page.html import parse_html

    if raw.html is None:
        raw = dataclasses.replace(raw, html=content, text=None)
    return parse_html(raw)
