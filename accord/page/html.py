"""HTML news pages -> :class:`~accord.records.Page`.

trafilatura finds the main text and most metadata; this module adds what it
lacks, from signals that hold across sites rather than rules for one site:

* reader comments with their authors, dates and reply nesting (found by
  :mod:`accord.page.comments`);
* provenance: "Reprinted from X", wire credits in datelines ("(AP) -"),
  ``syndication-source``/``original-source`` metadata, JSON-LD ``isBasedOn`` and
  ``sourceOrganization``;
* author from JSON-LD, ``meta[name=author]``, ``rel=author``/``itemprop=author``
  and byline patterns, when trafilatura has none or only the site's name;
* the headline as shown (``h1`` when it agrees with the page's title), with the
  site's name stripped from ``<title>``-style titles;
* subtitles (deks), section headings inside the article, and bios,
  related-story and share boxes kept apart from the body.

The knowledge (patterns for boilerplate paragraphs, page blocks, comment markup
and wire services) lives in ``accord/resources/page/*.tsv``; meta tags, JSON-LD and
the shared text helpers are read by :mod:`accord.page.metadata`.

>>> from accord.records import RawDocument
>>> page = parse_html(RawDocument(doc_id="d1", html=open("story.html").read()))  # doctest: +SKIP
>>> page.author, page.comments[0].author  # doctest: +SKIP
('Jane Doe', 'reader42')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable
from urllib.parse import urlparse

import lxml.html

from accord.errors import AccordError, InputError, KnowledgeError
from accord.page.comments import inside_comment as _inside_comment
from accord.page.comments import reader_comments
from accord.page.metadata import (_Meta, _Rule, _clean, _element_text, _headline_date, _iso_date, _key, _ld_names,
                                  _matches, _read_meta, _read_table, _resolve, _split_names, _text_date, _tokens,
                                  _types)
from accord.records import Page, RawDocument, build_page

__all__ = ["MAX_DEPTH", "nesting_depth", "parse_html"]

#: deepest element nesting accepted; real pages stay far below (a few dozen levels)
MAX_DEPTH = 1000

#: words the longest body paragraph must reach for a page to hold an article
_MIN_WORDS = 6
#: paragraphs longer than this are prose, never page furniture matched by pattern
_SHORT_PARAGRAPH = 400

_VOID = frozenset(
    "area base basefont br col embed frame hr img input keygen link meta param source track wbr".split()
)
# Elements whose end tag may be left out; an unclosed run of them is not deep nesting.
_OPTIONAL_END = frozenset("p li dt dd option optgroup tr td th tbody thead tfoot colgroup rp rt".split())
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noscript"})
_RAW_TEXT_END = {name: re.compile(rf"</{name}\b", re.IGNORECASE) for name in _RAW_TEXT}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)|<!--")

_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_NAME_WORD = rf"(?!(?:and|AND|And|Updated|Published|Posted|{_MONTH_NAMES})\b)[A-Z\u00c0-\u024f][\w.'\u2019-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|van|von|der|da|di|del|la|le|bin|al|el)\s+)?{_NAME_WORD}){{0,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|&|\band\b)\s*{_NAME})*"
_BYLINE = re.compile(rf"^(?i:(?:(?:posted|written|reported|words|text|story)\s+)?by)[:\s]+({_NAMES})")
_BYLINE_IN = re.compile(rf"\b(?i:by)[:\s]+({_NAMES})")
_SITE_SEPARATORS = re.compile(r"\s+[-|\u2013\u2014\u00b7:\u2022\u00bb/]+\s+")
_ELLIPSIS = re.compile(r"(\.\.\.|\u2026)\s*$")
_STOP = frozenset("the a an of and or to in on for is are was be by with at as its it this that".split())
# Cyrillic and Greek letters that look Latin: spam and promo blocks use them to dodge filters
_CONFUSABLES = str.maketrans("\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0455\u0458\u0501\u051b\u051d"
                             "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405"
                             "\u03bf\u039f\u0391\u0392\u0395\u0397\u0399\u039a\u039c\u039d\u03a1\u03a4\u03a7",
                             "aeopcyxisjdqwABEKMHOPCTXIJSoOABEHIKMNPTX")


# ---------------------------------------------------------------- knowledge


@lru_cache(maxsize=1)
def _paragraph_rules() -> tuple[_Rule, ...]:
    return _read_table("paragraphs.tsv", frozenset({"boilerplate", "related", "bio", "provenance"}),
                       re.IGNORECASE, anchored=False)


@lru_cache(maxsize=1)
def _block_rules() -> tuple[_Rule, ...]:
    return _read_table("blocks.tsv", frozenset({"bio", "related", "boilerplate", "subtitle"}),
                       re.IGNORECASE, anchored=True)


@lru_cache(maxsize=1)
def _wires() -> tuple[dict[str, str], re.Pattern[str]]:
    """Wire credits -> full names, and a pattern finding a credit in a dateline."""
    path = resources.files("accord.resources").joinpath("page", "wires.tsv")
    names: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise KnowledgeError("E201", path="resources/page/wires.tsv", line=number,
                                 detail="expected a credit, a tab and a full name")
        names[parts[0].strip()] = parts[1].strip()
    credits = "|".join(re.escape(c) for c in sorted(names, key=len, reverse=True))
    # "CITY (AP) -" near the start, or "- AFP" / "(Reuters)" closing a short credit line
    pattern = re.compile(rf"\((?P<a>{credits})\)\s*[-\u2013\u2014:]|^\s*(?:[-\u2013\u2014]\s*)?(?P<b>{credits})\s*$"
                         rf"|^[A-Z][A-Za-z .,'-]{{1,60}}\s[-\u2013\u2014]\s*(?P<c>{credits})\s*[-\u2013\u2014]")
    return names, pattern


# ---------------------------------------------------------------- guards


def nesting_depth(markup: str) -> int:
    """How deep elements nest in ``markup``, counted cheaply without building a tree.

    Void elements and elements whose end tag may be omitted (``p``, ``li``, ``td``...)
    do not count, so ordinary sloppy HTML stays shallow; comments and script and
    style bodies are skipped. One pass, linear in the length of the markup.

    >>> nesting_depth("<div><div><p>x</div></div>")
    2
    """
    depth = deepest = 0
    position = 0
    length = len(markup)
    search = _TAG.search
    while position < length:
        match = search(markup, position)
        if match is None:
            break
        if match.group(0) == "<!--":
            end = markup.find("-->", match.end())
            position = length if end < 0 else end + 3
            continue
        close = markup.find(">", match.end())
        if close < 0:
            break  # an unterminated last tag
        position = close + 1
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or name in _OPTIONAL_END or markup[close - 1] == "/":
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        if name in _RAW_TEXT:
            # the body of a script or style is text, whatever tags it seems to hold
            closing_tag = _RAW_TEXT_END[name].search(markup, position)
            position = length if closing_tag is None else closing_tag.start()
            continue
        depth += 1
        deepest = max(deepest, depth)
    return deepest


# ---------------------------------------------------------------- small helpers


def _join_names(names: Iterable[str]) -> str | None:
    unique: list[str] = []
    for name in names:
        if name and _key(name) not in {_key(n) for n in unique}:
            unique.append(name)
    return ", ".join(unique) or None


# ---------------------------------------------------------------- page metadata


def _site_names(meta: _Meta, extracted: Any, url: str | None) -> set[str]:
    names = {meta.tags.get("og:site_name"), meta.tags.get("application-name"), getattr(extracted, "sitename", None)}
    for obj in meta.objects:
        if {"website", "organization", "newsmediaorganization"} & set(_types(obj)) and isinstance(obj.get("name"), str):
            names.add(obj["name"])
    host = urlparse(url or getattr(extracted, "url", None) or meta.tags.get("og:url") or "").hostname or ""
    labels = [label for label in host.split(".") if label not in {"www", "com", "org", "net", "co", "uk", "news"}]
    names.update(labels)
    return {_key(n) for n in names if n and _key(n)}


def _choose_title(tree: Any, meta: _Meta, extracted: Any, sites: set[str]) -> str | None:
    candidates = [meta.tags.get("og:title"), getattr(extracted, "title", None), meta.tags.get("twitter:title")]
    title_tag = tree.find(".//title")
    if title_tag is not None:
        candidates.append(_clean(title_tag.text_content()))
    candidates = [_strip_site(_clean(c), sites) for c in candidates if c and _clean(c)]
    # The headline as shown is the page's h1 when it agrees with what the page's
    # metadata calls its title (a logo in an h1 shares no words with it).
    reference = {w for c in candidates for w in _key(c).split() if w not in _STOP}
    candidate_keys = {_key(c) for c in candidates}
    for heading in tree.iter("h1"):
        text = _clean(heading.text_content())
        words = {w for w in _key(text).split() if w not in _STOP}
        if not words or len(text.split()) > 40 or _key(text) in sites:
            continue
        # a short h1 ("World News") must be the title itself; a longer one must share much of it
        if _key(text) in candidate_keys or (len(words) >= 3
                                            and len(words & reference) >= max(2, 0.4 * len(words))):
            return text
    return candidates[0] if candidates else None


def _strip_site(title: str, sites: set[str]) -> str:
    """Drop " - Site Name" / "Site | " parts that repeat the site's name."""
    parts = _SITE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    kept = [p for p in parts if _key(p) not in sites and _key(p).replace(" ", "") not in sites]
    if not kept or len(kept) == len(parts):
        return title
    # rejoin with the separators that stood between kept parts
    start = title.find(kept[0])
    end = title.find(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else kept[0]


def _byline_names(text: str) -> list[str]:
    text = _clean(text)
    match = _BYLINE.match(text) or _BYLINE_IN.search(text)
    if not match:
        return []
    names = _split_names(match.group(1))
    wires, _ = _wires()
    agencies = {_key(n) for n in list(wires) + list(wires.values())}
    # a byline names people: short names of one to four words; a wire credit is provenance
    return [n for n in names if 1 <= len(n.split()) <= 4 and not any(ch.isdigit() for ch in n)
            and _key(n) not in agencies]


def _is_byline(line: str) -> bool:
    """A short line that names the writers: "By X", or a date and "by X"."""
    if len(line) >= 120 or not _byline_names(line):
        return False
    if _BYLINE.match(line):
        return True
    match = _BYLINE_IN.search(line)
    rest = (line[:match.start()] + line[match.end():]).strip(" ,|-\u2013\u2014") if match else line
    return not rest or _text_date(rest) is not None and len(rest.split()) <= 8


def _markup_authors(tree: Any) -> list[list[str]]:
    """Author names from ``itemprop=author``, ``rel=author`` and byline/author elements, best first."""
    found: list[list[str]] = []
    for element in tree.xpath('//*[@itemprop="author"]'):
        if _inside_comment(element):
            continue
        name = element.xpath('.//*[@itemprop="name"]/@content | .//*[@itemprop="name"]//text()')
        text = _clean(" ".join(name)) if name else _clean(element.get("content") or _first_line(element))
        if text and len(text.split()) <= 6:
            found.append(_byline_names(text) or _split_names(text))
    for element in tree.xpath('//a[@rel="author"]'):
        text = _clean(element.text_content())
        if text and len(text.split()) <= 5 and not _inside_comment(element):
            found.append([text])
    for heading in tree.iter("h1"):
        # a "By X" line just under the headline, whatever its markup
        for sibling in list(heading.itersiblings())[:4]:
            text = _clean(sibling.text_content()) if isinstance(sibling.tag, str) else ""
            if 0 < len(text) < 120 and _BYLINE.match(text) and _byline_names(text):
                found.append(_byline_names(text))
                break
        break
    for element in tree.xpath('//*[contains(@class,"byline") or contains(@class,"author")]'):
        if _inside_comment(element):
            continue
        text = _clean(_element_text(element).replace("\n\n", " | "))
        if 0 < len(text) < 200:
            names = _byline_names(text)
            if names:
                found.append(names)
    return found


def _first_line(element: Any) -> str:
    return _element_text(element).split("\n")[0]


def _is_site(name: str, sites: set[str]) -> bool:
    """Whether ``name`` is the site's own name or brand (a one-word part of it), not a person."""
    key = _key(name)
    if key in sites or key.replace(" ", "") in sites:
        return True
    return " " not in key and any(key in site.split() for site in sites)


def _choose_author(tree: Any, meta: _Meta, extracted: Any, sites: set[str]) -> str | None:
    wires, _ = _wires()
    agencies = {_key(n) for n in list(wires) + list(wires.values())}

    def usable(names: list[str]) -> list[str]:
        # a list holding a sentence is a bio or a caption, not a byline; "X says"
        # is a reader's name taken from the comment thread
        if any(len(n.split()) > 5 or len(n) > 60 or _key(n).endswith(" says") for n in names):
            return []
        # a wire service named as author is the story's provenance, kept in reprinted_from
        return [n for n in names if _key(n) and not _is_site(n, sites) and _key(n) not in agencies
                and not n.lower().startswith(("http", "@"))]

    candidates: list[list[str]] = []
    trafilatura_author = getattr(extracted, "author", None)
    if trafilatura_author:
        candidates.append(_split_names(trafilatura_author))
    if meta.article is not None:
        candidates.append(_ld_names(meta, meta.article.get("author") or meta.article.get("creator"), True))
    candidates.extend(_markup_authors(tree))
    if meta.tags.get("author"):
        candidates.append(_split_names(meta.tags["author"]))
    if meta.article is not None:
        candidates.append(_ld_names(meta, meta.article.get("author"), False))
    for names in candidates:
        names = usable([_strip_role(n, sites) for n in names])
        if names:
            return _join_names(names)
    return None


_ROLE_WORDS = frozenset("staff writer reporter correspondent editor contributor columnist contributing senior "
                        "chief political national foreign".split())


def _strip_role(name: str, sites: set[str]) -> str:
    """"Adam Aaronson PhillyVoice Staff" -> "Adam Aaronson": drop a trailing job title and
    site name, unless nothing else is left ("Staff Writer" stays)."""
    words = name.split()
    site_words = {w for site in sites for w in site.split()} | {site.replace(" ", "") for site in sites}
    dropped = []
    while len(words) > 2 and (words[-1].lower() in _ROLE_WORDS or _key(words[-1]) in site_words):
        dropped.append(words.pop())
    # one role word alone may be a surname ("Mary Staff"); a site name or a full title is not
    if len(dropped) == 1 and _key(dropped[0]) not in site_words:
        return name
    return " ".join(words)


def _agency_byline(meta: _Meta, extracted: Any) -> str | None:
    """The wire service a page names as its author ("Reuters", "AP"), as provenance."""
    wires, _ = _wires()
    full_names = {_key(k): v for k, v in wires.items()} | {_key(v): v for v in wires.values()}
    for value in (getattr(extracted, "author", None), meta.tags.get("author")):
        for name in _split_names(value or ""):
            if _key(name) in full_names:
                return full_names[_key(name)]
    return None


def _choose_date(tree: Any, meta: _Meta, extracted: Any, title: str | None, fallback: str | None) -> str | None:
    """The publication date: the date shown under the headline, then trafilatura's, then the
    page's metadata (JSON-LD, meta tags, ``<time datetime>``).

    The dateline a reader sees comes first: without date metadata trafilatura guesses from
    the text, where a sidebar's teaser dates mislead it, and metadata that disagrees with
    the page (another time zone, a CMS's import date) is not what the page says.
    """
    candidates = [_headline_date(tree, title), getattr(extracted, "date", None)]
    if meta.article is not None:
        candidates += [meta.article.get("datePublished"), meta.article.get("dateCreated")]
    candidates += [meta.tags.get(k) for k in ("article:published_time", "datepublished", "date", "dc.date",
                                              "pubdate", "publish-date", "parsely-pub-date")]
    candidates += [t.get("datetime") for t in tree.iter("time") if not _inside_comment(t)][:1]
    candidates.append(fallback)
    for value in candidates:
        date = _iso_date(value)
        if date:
            return date
    return None


# ---------------------------------------------------------------- body


def _is_furniture(line: str) -> bool:
    """Whether a line is page furniture by the paragraph patterns ("Loading comments...",
    moderation notices), spelled with look-alike letters or not."""
    folded = line.translate(_CONFUSABLES)
    return any(rule.pattern.search(folded) for rule in _paragraph_rules())


def _blocks(tree: Any, total: int) -> list[tuple[str, str]]:
    """``(kind, text key)`` of bio, related, share and dek blocks smaller than the article."""
    rules = _block_rules()
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in {"html", "body", "main", "article"}:
            continue
        tokens = _tokens(element)
        for rule in rules:
            if any(rule.pattern.match(token) for token in tokens):
                key = _key(element.text_content())
                # a block as large as the article is a wrapper whose class merely mentions it
                if key and len(key) < max(200, total // 2):
                    found.append((rule.kind, key))
                break
    return found


def _provenance(text: str) -> str | None:
    """The source named by a provenance line ("Reprinted from X", "Source: Reuters").

    "Source: X" also credits charts and figures, so it names a reprint only for a wire service.
    """
    if re.match(r"source\s*:", text, flags=re.IGNORECASE):
        return _wire_credit(re.sub(r"^source\s*:\s*", "", text, flags=re.IGNORECASE).strip(" ."))
    match = re.search(r"\b(?:from|in|on|by|at|courtesy of)\s+(?:(?-i:the)\s+)?(.+?)"
                      r"(?:[,.;(]|\s+(?:with permission|on \w+ \d|and is)\b|$)", text, flags=re.IGNORECASE)
    if not match:
        return None
    name = _clean(match.group(1)).strip(" .:-")
    return name if 0 < len(name) <= 100 else None


def _wire_credit(text: str) -> str | None:
    names, pattern = _wires()
    match = pattern.search(text[:240])
    if not match:
        return None
    credit = match.group("a") or match.group("b") or match.group("c")
    return names.get(credit)


@dataclass
class _Body:
    paragraphs: list[tuple[str, str | None, str]]
    sections: list[str]
    reprinted_from: str | None
    byline: list[str]
    boilerplate: list[str]
    deks: list[str]


def _classify(lines: list[str], headings: set[str], title: str | None, blocks: list[tuple[str, str]],
              author: str | None) -> _Body:
    rules = _paragraph_rules()
    body = _Body([], [], None, [], [], [])
    section: str | None = None
    title_key = _key(title)
    for line in lines:
        key = _key(line)
        if not key:
            continue
        if key == title_key:
            body.paragraphs.append((line, None, "heading"))  # the headline repeated in the text
            continue
        if line in headings or key in headings:
            if not any(kind == "body" for _, _, kind in body.paragraphs):
                body.deks.append(line)  # a heading above the text is the story's dek, not a section
                body.paragraphs.append((line, None, "heading"))
                continue
            section = line
            body.sections.append(line)
            body.paragraphs.append((line, section, "heading"))
            continue
        kind = "body"
        if len(line) < _SHORT_PARAGRAPH:
            folded = line.translate(_CONFUSABLES)
            rule = next((r for r in rules if r.pattern.search(folded)), None)
            if rule is not None:
                kind = rule.kind
                if kind == "provenance":
                    body.reprinted_from = body.reprinted_from or _provenance(line)
            elif _is_byline(line) and not any(p[2] == "body" for p in body.paragraphs):
                kind = "provenance"
                body.byline = _byline_names(line)
        if kind == "body" and len(key) >= 20:
            block = next((k for k, text in blocks if key in text), None)
            if block == "subtitle":
                if not any(k == "body" for _, _, k in body.paragraphs):
                    body.deks.append(line)  # the dek above the story, not its first paragraph
                    body.paragraphs.append((line, None, "heading"))
                    continue
            elif block is not None:
                kind = block
        if kind in {"boilerplate", "related"}:
            body.boilerplate.append(line)
        body.paragraphs.append((line, section if kind == "body" else None, kind))
    _mark_dated_link_lists(body)
    _mark_trailing_bios(body, author)
    for line, _, kind in body.paragraphs[:3]:
        if kind == "body":
            body.reprinted_from = body.reprinted_from or _wire_credit(line)
    for line, _, kind in body.paragraphs[-2:]:
        if kind in {"body", "provenance"} and len(line) < 120:
            credit = _wire_credit(line)
            if credit:
                body.reprinted_from = body.reprinted_from or credit
    return body


_DATED_ITEM = re.compile(rf"^- .{{10,200}}\s[-\u2013\u2014|]\s*(?:{_MONTH_NAMES})\s+\d{{1,2}},?\s+\d{{4}}$")


def _mark_dated_link_lists(body: _Body) -> None:
    """Runs of list items that are each a headline and a date ("- Title - May 2, 2020") are
    a recent-stories widget."""
    paragraphs = body.paragraphs
    index = 0
    while index < len(paragraphs):
        end = index
        while end < len(paragraphs) and paragraphs[end][2] == "body" and _DATED_ITEM.match(paragraphs[end][0]):
            end += 1
        if end - index >= 2:
            for position in range(index, end):
                paragraphs[position] = (paragraphs[position][0], None, "related")
                body.boilerplate.append(paragraphs[position][0])
        index = max(end, index + 1)


_BIO = re.compile(rf"^({_NAME}) (?:is|was|has been|has worked|writes|covers|reports)\b")
# what a writer's bio says of its subject, as opposed to a source quoted at the end of a story
_WRITER = re.compile(r"\b(writer|journalist|reporter|editor|correspondent|columnist|contributor|author of|freelance|"
                     r"blogger|writes (about|on|for)|covers)\b", re.IGNORECASE)


def _mark_trailing_bios(body: _Body, author: str | None) -> None:
    """Of the last two body paragraphs, one introducing the page's author, or any
    writer ("X is a freelance writer based in..."), is a bio."""
    author_keys = {_key(n) for n in _split_names(author or "") if _key(n)}
    index = len(body.paragraphs) - 1
    checked = 0
    while index >= 0 and checked < 2:
        text, _, kind = body.paragraphs[index]
        if kind == "body":
            checked += 1
            match = _BIO.match(text) if len(text) < _SHORT_PARAGRAPH else None
            if match:
                subject = _key(match.group(1))
                is_author = any(k in subject or subject in k for k in author_keys)
                if is_author or _WRITER.search(text):
                    body.paragraphs[index] = (text, None, "bio")
        index -= 1


def _subtitles(tree: Any, meta: _Meta, title: str | None, text_key: str) -> list[str]:
    """Deks: marked subtitle elements, an h2 right under the headline, and a page
    description that is not an excerpt of the body."""
    subtitles: list[str] = []
    title_key = _key(title)
    subtitle_patterns = tuple(r.pattern for r in _block_rules() if r.kind == "subtitle")
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag not in {"html", "body"} and _matches(
                element, subtitle_patterns):
            text = _clean(element.text_content())
            if 3 <= len(text.split()) <= 60 and _key(text) != title_key:
                subtitles.append(text)
    for heading in tree.iter("h1"):
        if _key(heading.text_content()) != title_key:
            continue
        following = heading.getnext()
        if following is not None and following.tag == "h2":
            text = _clean(following.text_content())
            if 3 <= len(text.split()) <= 60:
                subtitles.append(text)
        break
    description = meta.tags.get("og:description") or meta.tags.get("description")
    if description and 4 <= len(description.split()) <= 60 and not _ELLIPSIS.search(description):
        key = _key(description)
        # an excerpt cut from the body is no dek
        if key and key[:60] not in text_key and key != title_key:
            subtitles.append(description)
    return _unique(subtitles)


def _unique(texts: list[str]) -> list[str]:
    unique: list[str] = []
    for text in texts:
        if _key(text) not in {_key(u) for u in unique}:
            unique.append(text)
    return unique


# ---------------------------------------------------------------- entry point


def _parse_tree(markup: str) -> Any:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    data = markup.encode("utf-8", errors="replace")
    tree = lxml.html.document_fromstring(data, parser=parser)
    if tree is None:
        raise ValueError("no document element")
    return tree


def _extract(markup: str, url: str | None) -> Any:
    import trafilatura

    extracted = trafilatura.bare_extraction(markup, url=url, include_comments=True, with_metadata=True,
                                            include_tables=True)
    if extracted is None or not _clean(getattr(extracted, "text", None)):
        extracted = trafilatura.bare_extraction(markup, url=url, include_comments=True, with_metadata=True,
                                                include_tables=True, favor_recall=True) or extracted
    return extracted


def _lines_and_headings(extracted: Any) -> tuple[list[str], set[str]]:
    text = getattr(extracted, "text", None) or ""
    lines = [_clean(line) for line in text.split("\n")]
    headings: set[str] = set()
    body = getattr(extracted, "body", None)
    if body is not None:
        for head in body.iter("head"):
            heading = _clean("".join(head.itertext()))
            if heading:
                headings.add(heading)
                headings.add(_key(heading))
    return [line for line in lines if line], headings


def parse_html(raw: RawDocument) -> Page:
    """Parse an HTML news page into a :class:`Page` (body, metadata, comments, provenance).

    Raises :class:`InputError` E108 when elements nest deeper than :data:`MAX_DEPTH`,
    E109 when the page holds no article text, and E107 when the markup cannot be
    parsed at all; never any other exception.
    """
    path = raw.path or raw.doc_id
    markup = raw.html if raw.html is not None else (raw.text or "")
    depth = nesting_depth(markup)
    if depth > MAX_DEPTH:
        raise InputError("E108", path=path, depth=depth, limit=MAX_DEPTH)
    if not markup.strip():
        raise InputError("E109", path=path)
    try:
        return _parse(raw, markup, path)
    except AccordError:
        raise
    except Exception as error:  # lxml/trafilatura failures on hostile markup, as one coded error
        raise InputError("E107", path=path, detail=f"{type(error).__name__}: {error}"[:200]) from error


def _parse(raw: RawDocument, markup: str, path: str) -> Page:
    tree = _parse_tree(markup)
    extracted = _extract(markup, raw.url)
    if extracted is None:
        raise InputError("E109", path=path)
    meta = _read_meta(tree)
    for element in list(tree.iter("script", "style", "template")):
        element.drop_tree()

    sites = _site_names(meta, extracted, raw.url)
    title = _choose_title(tree, meta, extracted, sites)
    published = _choose_date(tree, meta, extracted, title, raw.date)
    comments = reader_comments(tree, meta, getattr(extracted, "comments", None), _is_furniture)
    author = _choose_author(tree, meta, extracted, sites)

    lines, headings = _lines_and_headings(extracted)
    blocks = _blocks(tree, len(_key(" ".join(lines))))
    body = _classify(lines, headings, title, blocks, author)
    # navigation links alone ("Home About") are no article: ask for one sentence-long paragraph
    if not any(kind == "body" and len(text.split()) >= _MIN_WORDS for text, _, kind in body.paragraphs):
        raise InputError("E109", path=path)
    if author is None and body.byline:
        author = _join_names(body.byline)

    page_url = raw.url or getattr(extracted, "url", None)
    reprinted = _syndication(meta, sites, page_url) or body.reprinted_from or _agency_byline(meta, extracted)
    text_key = _key(" ".join(line for line, _, kind in body.paragraphs if kind == "body"))
    return build_page(
        raw.doc_id,
        body.paragraphs,
        title=title,
        subtitles=tuple(_unique(body.deks + _subtitles(tree, meta, title, text_key))[:3]),
        reprinted_from=reprinted,
        author=author,
        published=published,
        sections=tuple(dict.fromkeys(body.sections)),
        comments=tuple(comments),
        boilerplate=tuple(body.boilerplate),
        url=page_url,
        source_format="html",
        language=getattr(extracted, "language", None) or "en",
    )


def _syndication(meta: _Meta, sites: set[str], url: str | None) -> str | None:
    """A source named in the page's metadata: syndication tags or JSON-LD ``isBasedOn``/``sourceOrganization``.

    A page naming itself (its own address or publisher) is no reprint.
    """
    own_hosts = {_host(u) for u in (url, meta.tags.get("og:url"), meta.tags.get("link:canonical")) if u}

    def foreign(value: str) -> bool:
        if value.lower().startswith("http"):
            return _host(value) not in own_hosts
        return not _is_site(value, sites)

    values: list[Any] = [meta.tags.get(key) for key in ("syndication-source", "original-source",
                                                        "link:original-source", "link:syndication-source")]
    if meta.article is not None:
        for field in ("isBasedOn", "isBasedOnUrl", "sourceOrganization"):
            value = _resolve(meta, meta.article.get(field))
            if isinstance(value, dict):
                publisher = _resolve(meta, value.get("publisher"))
                value = next((v for v in (value.get("name"),
                                          publisher.get("name") if isinstance(publisher, dict) else None,
                                          value.get("url")) if isinstance(v, str) and v.strip()), None)
            values.append(value)
    for value in values:
        if isinstance(value, str) and _clean(value) and foreign(_clean(value)):
            return _clean(value)
    return None


def _host(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
