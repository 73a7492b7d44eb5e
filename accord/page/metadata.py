"""What an HTML page's markup says about itself, and the small helpers the page modules share.

* knowledge tables (``accord/resources/page/*.tsv``): ``kind<TAB>regex`` lines;
* text helpers: whitespace and comparison keys, class/id tokens, an element's visible text;
* dates, machine-written ("2020-08-14T10:00") or written out ("August 14, 2020");
* ``<meta>`` tags and JSON-LD objects, with the page's article object picked out.

The names keep their leading underscore: they serve the modules of :mod:`accord.page`
(:mod:`accord.page.html`, :mod:`accord.page.comments`), not callers outside it.

>>> _text_date("Posted on May 2nd, 2020 at 6:15 pm")
'2020-05-02'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from accord.errors import KnowledgeError

_ARTICLE_TYPES = re.compile(r"article$|posting$|^report$|^review$|^creativework$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


# ---------------------------------------------------------------- knowledge


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]


def _read_table(name: str, kinds: frozenset[str], compile_flags: int, anchored: bool) -> tuple[_Rule, ...]:
    """Read ``resources/page/<name>``: ``kind<TAB>regex`` lines; errors name the file and line."""
    path = resources.files("accord.resources").joinpath("page", name)
    rules = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or parts[0] not in kinds:
            raise KnowledgeError("E201", path=f"resources/page/{name}", line=number,
                                 detail=f"expected one of {sorted(kinds)}, a tab and a pattern")
        try:
            text = f"(?:{parts[1]})\\Z" if anchored else parts[1]
            rules.append(_Rule(parts[0], re.compile(text, compile_flags)))
        except re.error as error:
            raise KnowledgeError("E201", path=f"resources/page/{name}", line=number,
                                 detail=f"bad regular expression: {error}") from error
    return tuple(rules)


# ---------------------------------------------------------------- text helpers


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _key(text: str | None) -> str:
    """A comparison key: lower case, words only."""
    return " ".join(_WORD.findall((text or "").lower()))


def _tokens(element: Any) -> list[str]:
    if not isinstance(element.tag, str):
        return []
    return (element.get("class", "") + " " + element.get("id", "")).lower().split()


def _matches(element: Any, patterns: Iterable[re.Pattern[str]]) -> bool:
    """Whether one of ``patterns`` matches one of the element's class and id words."""
    if not isinstance(element.tag, str):
        return False
    words = element.get("class", "") + " " + element.get("id", "")
    if words == " ":
        return False
    return _words_match(words, tuple(patterns))  # the same few class strings recur on every page


@lru_cache(maxsize=1 << 16)
def _words_match(words: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    tokens = words.lower().split()
    return any(pattern.match(token) for pattern in patterns for token in tokens)


def _element_text(element: Any, skip: set[Any] | frozenset[Any] = frozenset()) -> str:
    """The visible text of ``element`` without the subtrees in ``skip`` (``element`` itself
    excepted), blocks split by newlines."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if (node is not element and node in skip) or not isinstance(node.tag, str):
            if node.tail and node is not element:
                parts.append(node.tail)
            return
        block = node.tag in {"p", "div", "br", "li", "blockquote", "article", "section", "h1", "h2", "h3",
                             "h4", "h5", "h6", "ul", "ol", "footer", "header"}
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    lines = [_clean(line) for line in "".join(parts).split("\n")]
    return "\n\n".join(line for line in lines if line)


def _iso_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    match = _DATE.search(value)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _split_names(text: str) -> list[str]:
    names = []
    for part in re.split(r"\s*(?:;|,|&|\band\b|\|)\s*", text):
        part = _clean(part.strip(" .:-\u2013\u2014"))
        if part and part.lower() not in {"by", "and"}:
            names.append(part)
    return names


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_TEXT_DATE = re.compile(r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
                        r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))\b")


def _text_date(text: str) -> str | None:
    """A date written out ("August 15, 2020", "15 Aug 2020") as YYYY-MM-DD."""
    for match in _TEXT_DATE.finditer(text):
        month = _MONTHS.get((match.group("m1") or match.group("m2"))[:3].lower())
        day, year = match.group("d1") or match.group("d2"), match.group("y1") or match.group("y2")
        if month:
            return _iso_date(f"{year}-{month:02d}-{int(day):02d}")
    return None


#: words before a date that make it the date of a revision, not of publication
_REVISION_LABEL = re.compile(r"(?:updated|modified|edited|revised|corrected)\W*(?:on|at)?\W*$", re.IGNORECASE)
#: how far from the headline a date line may stand: siblings after it, at this many levels up
_HEADLINE_SIBLINGS = 4
_HEADLINE_LEVELS = 3
#: a line under the headline longer than this is prose or a teaser list, not a dateline
_DATELINE_CHARS = 300
_DATELINE_WORDS = 20
#: a line that ends a sentence is prose ("The council first proposed the plan on March 3, 2019."), not a dateline
_SENTENCE_END = re.compile(r"[^\W\d]\.$")
#: a headline's block (headline, kicker, byline, dateline) is short; a larger one holds the story or the page
_HEADER_CHARS = 1000
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _dates_in(text: str) -> list[tuple[str, bool]]:
    """The dates in ``text`` in order, each with whether a label marks it as a revision
    ("Updated: 2023-11-07", "Last updated on 20 Feb, 2020")."""
    found: list[tuple[int, int, str]] = []
    for match in _DATE.finditer(text):
        date = _iso_date(match.group(0))
        if date:
            found.append((match.start(), match.end(), date))
    for match in _TEXT_DATE.finditer(text):
        date = _text_date(match.group(0))
        if date and not any(start <= match.start() < end for start, end, _ in found):
            found.append((match.start(), match.end(), date))
    found.sort()
    dates = []
    previous_end = 0
    for start, end, date in found:
        label = text[max(previous_end, start - 30):start]
        dates.append((date, bool(_REVISION_LABEL.search(label))))
        previous_end = end
    return dates


def _headline_date(tree: Any, title: str | None) -> str | None:
    """The date shown in the lines right under the headline ("Written: 2023-11-07 15:03",
    "By Jane Doe | May 2, 2020"), as YYYY-MM-DD.

    The headline is the ``h1`` holding the page's title (else the first ``h1``); the
    dateline is the first short sibling after it, or after one of its first few
    ancestors while they stay a headline's block, that holds a date and no heading of
    its own (a teaser list's dates belong to other stories). A publication date beats
    a revision date on that line.
    """
    headings = list(tree.iter("h1"))
    title_key = _key(title)
    heading = next((h for h in headings if title_key and _key(h.text_content()) == title_key),
                   headings[0] if headings else None)
    node = heading
    for level in range(_HEADLINE_LEVELS):
        if node is None or node.tag in {"article", "main", "body", "html"} or (
                level and len(_clean(node.text_content())) > _HEADER_CHARS):
            break
        for sibling in list(node.itersiblings())[:_HEADLINE_SIBLINGS]:
            if not isinstance(sibling.tag, str) or any(True for _ in sibling.iter(*_HEADINGS)):
                continue
            text = _clean(sibling.text_content())
            if not text or len(text) > _DATELINE_CHARS or len(text.split()) > _DATELINE_WORDS \
                    or _SENTENCE_END.search(text):
                continue
            dates = _dates_in(text)
            if dates:
                return next((date for date, revision in dates if not revision), dates[0][0])
        node = node.getparent()
    return None


# ---------------------------------------------------------------- meta tags and JSON-LD


@dataclass
class _Meta:
    """What the page's markup says about itself, outside the article text."""

    tags: dict[str, str]
    objects: list[dict[str, Any]]
    by_id: dict[str, dict[str, Any]]
    article: dict[str, Any] | None
    #: other JSON the page's scripts carry (``__NEXT_DATA__``, ``window.x = {...}``) that mentions comments
    embedded: list[Any] = field(default_factory=list)


def _json_ld(tree: Any) -> list[Any]:
    found = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = (script.text or "").strip()
        text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$", "", text)
        try:
            found.append(json.loads(text, strict=False))
        except (ValueError, RecursionError):
            continue
    return found


#: where a JSON value starts in a script: an assignment or a call's first argument
_JSON_START = re.compile(r"(?:=|\(|:)\s*(?=[\[{])")
#: scripts larger than this are bundles of code, not data
_MAX_SCRIPT = 5_000_000
#: JSON values tried per script
_MAX_VALUES = 20


def _embedded_json(tree: Any) -> list[Any]:
    """JSON values in the page's other scripts that mention comments: ``application/json``
    scripts (``__NEXT_DATA__``) whole, and values assigned in code (``window.__STATE__ = {...}``)."""
    found: list[Any] = []
    decoder = json.JSONDecoder(strict=False)
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        text = script.text or ""
        if "ld+json" in kind or len(text) > _MAX_SCRIPT or "comment" not in text.lower():
            continue
        if "json" in kind:
            try:
                found.append(json.loads(text, strict=False))
            except (ValueError, RecursionError):
                pass
            continue
        position, tried = 0, 0
        while tried < _MAX_VALUES:
            match = _JSON_START.search(text, position)
            if match is None:
                break
            tried += 1
            try:
                value, end = decoder.raw_decode(text, match.end())
            except (ValueError, RecursionError):
                position = match.end()
                continue
            if isinstance(value, (dict, list)) and value:
                found.append(value)
            position = end
    return found


def _walk_objects(data: Any, limit: int = 5000) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(objects) < limit:
        item = stack.pop()
        if isinstance(item, dict):
            objects.append(item)
            stack.extend(reversed([v for v in item.values() if isinstance(v, (dict, list))]))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return objects


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)]


def _read_meta(tree: Any) -> _Meta:
    tags: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower().strip()
        content = _clean(meta.get("content"))
        if key and content and key not in tags:
            tags[key] = content
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower()
        if rel in {"original-source", "syndication-source", "canonical"} and link.get("href"):
            tags.setdefault(f"link:{rel}", link.get("href"))
    objects: list[dict[str, Any]] = []
    for data in _json_ld(tree):
        objects.extend(_walk_objects(data))
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str) and len(obj) > 1}
    article = next((obj for obj in objects if any(_ARTICLE_TYPES.search(t) for t in _types(obj))), None)
    return _Meta(tags=tags, objects=objects, by_id=by_id, article=article, embedded=_embedded_json(tree))


def _resolve(meta: _Meta, value: Any) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in meta.by_id:
        return meta.by_id[value["@id"]]
    return value


def _ld_names(meta: _Meta, value: Any, persons_only: bool) -> list[str]:
    names = []
    for item in value if isinstance(value, list) else [value]:
        item = _resolve(meta, item)
        if isinstance(item, str):
            if not item.startswith("http"):
                names.extend(_split_names(item))
        elif isinstance(item, dict):
            types = _types(item)
            if persons_only and types and "person" not in types:
                continue
            name = item.get("name")
            if isinstance(name, str) and not name.startswith("http"):
                names.extend(_split_names(_clean(name)))
    return names
