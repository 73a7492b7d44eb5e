"""Read PETRARCH/TABARI verb-pattern and discard dictionaries as a user lexicon.

Analysts keep years of work in these files; accord applies them on its own
spaCy parse instead of a Treebank parse. What is read from a verb file:

* synsets: ``&NAME`` followed by ``+member`` lines (members may hold several words);
* verb blocks: ``--- LABEL [code] ---``; every following line that is not a
  pattern names a verb (``VERB {IRREGULAR FORMS}``, ``WIRE_+TAP`` where ``+``
  marks the verb among joined words, optionally with its own ``[code]``);
* patterns: ``- words * words [code]``: ``*`` is the verb, ``_`` joins words
  that must follow each other, ``&NAME`` stands for any member of a synset,
  ``$``/``+``/``^``/``%`` mark source, target, skipped phrase and compound
  actor (accord finds source and target on its own parse, so they are read
  and ignored); ``[a:b]`` codes a pair of events, the second from target to source;
  ``[---]`` means "no event".

Comments (``#`` and ``<!-- -->``) and unknown section lines are skipped.
Discard files list one phrase a line; a leading ``+`` marks a story-level discard.

>>> entries = read_verbs("PETR.Validate.verbs.txt")  # doctest: +SKIP
"""

from __future__ import annotations

import re
from pathlib import Path

from accord.errors import KnowledgeError
from accord.events.lexicon import TriggerEntry

__all__ = ["looks_like_petrarch", "read_verbs", "read_discards"]

_BLOCK = re.compile(r"^---\s*([^\s\[]+)\s*(?:\[([^\]]*)\])?")
_CODE_AT_END = re.compile(r"\[([^\]]*)\]\s*$")
_FORMS = re.compile(r"\{([^}]*)\}")
_MARKERS = {"$", "+", "^", "%", "*"}
_NULL_CODES = {"---", "+++", ""}


def _strip_comment(line: str) -> str:
    """The line without ``<!-- -->`` and ``#`` comments (a ``#`` inside ``[...]`` is part of a code)."""
    line = re.sub(r"<!--.*?-->", "", line)
    depth = 0
    for index, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char == "#" and depth == 0:
            return line[:index].rstrip()
    return line.rstrip()


def looks_like_petrarch(path: str | Path) -> bool:
    """True when the file holds PETRARCH verb blocks (``--- VERB [code] ---``)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return any(_BLOCK.match(line.strip()) for line in handle)
    except OSError as exc:
        raise KnowledgeError("E202", path=str(path), detail=str(exc)) from exc


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KnowledgeError("E202", path=str(path), detail=str(exc)) from exc


def _parse_code(text: str, path: Path, number: int) -> tuple[str | None, str | None]:
    """``"032:033"`` -> ("032", "033"); null codes -> (None, None)."""
    text = text.strip()
    if text in _NULL_CODES:
        return None, None
    first, _, second = text.partition(":")
    # old files carry doubtful codes such as "025?": keep the code, drop the remark
    head = re.match(r"\s*([0-9A-Za-z]{2,5})", first)
    tail = re.match(r"\s*([0-9A-Za-z]{2,5})", second)
    if head is None:
        if re.fullmatch(r"[#+x?\s-]*", first):
            return None, None  # placeholders such as [###] mean "no event"
        raise KnowledgeError("E201", path=str(path), line=number, detail=f"bad event code [{text}]")
    return head.group(1), (tail.group(1) if tail else None)


def _phrase_element(word: str, synsets: dict[str, list[tuple[str, ...]]]) -> frozenset[tuple[str, ...]]:
    """One pattern word as the set of word sequences it accepts."""
    if word.startswith("&"):
        return frozenset(synsets.get(word.upper(), [(word.lower(),)]))
    return frozenset({(word.lower(),)})


def _pattern_groups(words: list[str], synsets: dict[str, list[tuple[str, ...]]]) -> tuple:
    """Pattern words (markers removed) as groups of consecutive elements."""
    groups = []
    for word in words:
        parts = [p for p in word.split("_") if p and p not in _MARKERS]
        elements = tuple(_phrase_element(p.lstrip("+$%^"), synsets) for p in parts if p.lstrip("+$%^"))
        if elements:
            groups.append(elements)
    return tuple(groups)


def _verb_form(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """``WIRE_+TAP`` -> ("tap", ("wire",), ()); ``+BREAK_DOWN`` -> ("break", (), ("down",))."""
    words = [w for w in text.split("_") if w]
    if not words:
        return None
    index = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    verb = words[index].lstrip("+").lower()
    if not verb or not re.fullmatch(r"[a-z'-]+", verb):
        return None
    return verb, tuple(w.lstrip("+").lower() for w in words[:index]), tuple(w.lstrip("+").lower() for w in words[index + 1:])


def read_verbs(path: str | Path) -> list[TriggerEntry]:
    """Read a PETRARCH/TABARI verb dictionary into trigger entries (user entries).

    Raises ``KnowledgeError`` E202 when unreadable and E201 (file and line) for a bad code.
    """
    path = Path(path)
    lines = _read_lines(path)
    synsets: dict[str, list[tuple[str, ...]]] = {}
    # first pass: synsets may be used before they are defined
    current: str | None = None
    for raw in lines:
        line = _strip_comment(raw).strip()
        if line.startswith("&"):
            current = line.split()[0].upper()
            synsets.setdefault(current, [])
        elif line.startswith("+") and current is not None and not _BLOCK.match(line):
            member = tuple(w.lower() for w in re.split(r"[\s_]+", line[1:].strip()) if w)
            if member:
                synsets[current].append(member)
        elif line:
            current = None

    entries: list[TriggerEntry] = []
    block_code: str | None = None
    block_target: str | None = None
    verbs: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    in_block = False
    counter = 0

    def emit(verb: tuple[str, tuple[str, ...], tuple[str, ...]], code: str, target: str | None,
             before: tuple, after: tuple, number: int) -> None:
        nonlocal counter
        counter += 1
        lemma, pre, post = verb
        pre_groups = (tuple(frozenset({(w,)}) for w in pre),) if pre else ()
        post_groups = (tuple(frozenset({(w,)}) for w in post),) if post else ()
        entries.append(TriggerEntry(
            id=f"{path.stem}:{number}:{lemma}", code=code, pos="V", lemma=lemma,
            before=before + pre_groups, after=post_groups + after, user=True,
            version=path.stem, origin=f"{path.name}:{number}", target_code=target,
        ))

    for number, raw in enumerate(lines, start=1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        block = _BLOCK.match(line)
        if block:
            block_code, block_target = _parse_code(block.group(2) or "", path, number)
            verbs = []
            in_block = True
            continue
        if not in_block or line.startswith("&"):
            continue
        if line.startswith("-"):
            body = line[1:].strip()
            code_match = _CODE_AT_END.search(body)
            if not code_match:
                continue  # old dictionaries hold patterns whose code was lost: they code nothing
            code, target = _parse_code(code_match.group(1), path, number)
            words = body[:code_match.start()].split()
            if code is None or "*" not in " ".join(words):
                continue  # no event, or no verb position: the pattern cannot be placed
            joined = " ".join(words)
            left, _, right = joined.partition("*")
            before = _pattern_groups(left.split(), synsets)
            after = _pattern_groups(right.replace("_", " _ ").replace(" _ ", "_").split(), synsets)
            for verb in verbs:
                emit(verb, code, target, before, after, number)
            continue
        if line.startswith("+") and not verbs and "{" not in line and "_" not in line:
            continue  # a synset member outside a synset: nothing to read
        # a verb form line, maybe with irregular forms and its own code
        form_code, form_target = block_code, block_target
        code_match = _CODE_AT_END.search(line)
        if code_match:
            form_code, form_target = _parse_code(code_match.group(1), path, number)
            line = line[:code_match.start()].strip()
        line = _FORMS.sub("", line).strip()
        if not line:
            continue
        verb = _verb_form(line.split()[0])
        if verb is None:
            continue
        verbs.append(verb)
        if form_code is not None:
            emit(verb, form_code, form_target, (), (), number)
    return entries


def read_discards(path: str | Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Read a discard file: (sentence-level phrases, story-level phrases), lower-case word tuples."""
    path = Path(path)
    sentence: list[tuple[str, ...]] = []
    story: list[tuple[str, ...]] = []
    for raw in _read_lines(path):
        line = _strip_comment(raw).strip()
        if not line or line.startswith("<"):
            continue
        target = story if line.startswith("+") else sentence
        words = tuple(w.lower() for w in re.split(r"[\s_]+", line.lstrip("+").strip()) if w)
        if words:
            target.append(words)
    return sentence, story
