"""Fuzz targets shared by the atheris harnesses: each takes bytes and must end in a result or a coded
AccordError. Anything else (another exception, a hang caught by libFuzzer's -timeout) is a finding."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from accord.errors import AccordError

_SCRATCH = Path(tempfile.mkdtemp(prefix="accord-fuzz-"))


def _scratch(name: str, data: bytes) -> Path:
    path = _SCRATCH / name
    path.write_bytes(data)
    return path


def page(data: bytes) -> None:
    """bytes -> stdin reader -> page parser (text or HTML, as sniffed)."""
    from accord.inputs import iter_documents
    from accord.page import parse_page
    from accord.records import RawDocument, Skip

    for item in iter_documents(["-"], stdin=io.BufferedReader(io.BytesIO(data))):
        if isinstance(item, Skip):
            continue
        try:
            parse_page(item)
        except AccordError:
            pass
    # the same bytes forced through the HTML parser
    text = data.decode("utf-8", "replace")
    try:
        parse_page(RawDocument("fuzz", html=text))
    except AccordError:
        pass


def jsonl(data: bytes) -> None:
    """bytes as a JSON Lines file -> documents or coded skips."""
    from accord.inputs import iter_documents
    from accord.records import RawDocument, Skip

    for item in iter_documents([_scratch("batch.jsonl", data)], max_bytes=1 << 16):
        assert isinstance(item, (RawDocument, Skip))


def dictionaries(data: bytes) -> None:
    """bytes as each kind of user dictionary: our CSV, PETRARCH actors and agents, verbs, discards."""
    from accord.actors.knowledge import KnowledgeBase, load_user_dictionary
    from accord.events.lexicon import load_lexicon

    for name, agents in (("people.csv", None), ("user.actors.txt", False), ("user.agents.txt", True)):
        try:
            load_user_dictionary(KnowledgeBase(), _scratch(name, data), agents=agents)
        except AccordError:
            pass
    for kwargs in ({"verb_files": [_scratch("user.verbs.txt", data)]},
                   {"verb_files": [_scratch("user.triggers", data)]},
                   {"discard_files": [_scratch("user.discards.txt", data)]}):
        try:
            load_lexicon(**kwargs)
        except AccordError:
            pass


TARGETS = {"page": page, "jsonl": jsonl, "dictionaries": dictionaries}
