"""Plain-text pages -> :class:`~accord.records.Page`.

Pages scraped to plain text keep their structure only in line breaks, blank
lines and indentation. :func:`parse_text` reads it back in three passes:

1. **Units.** Lines are normalised (odd spaces, tabs, zero-width marks) and
   cut into units at blank lines, at bullets, at indentation changes, and
   inside a block where one line is one paragraph (long unwrapped lines) or a
   short line ends a hard-wrapped paragraph.
2. **Regions.** The comment thread starts at the first bullet with an author
   line and deeper-indented text, at a comments header ("12 comments"), or at
   an "Author says:" line. Before it: the head (title, subtitles, byline,
   date, provenance), then the article.
3. **Kinds.** In the article: boilerplate, related stories, provenance lines,
   section headings (short lines between body paragraphs), a wire dateline in
   the first paragraph, and author bios at the end; the rest is body.

Decisions worth knowing:

* A wire dateline ("WASHINGTON (Reuters) - ...") is cut off the first body
  paragraph and kept as a ``provenance`` paragraph (``"WASHINGTON (Reuters)"``),
  so the first sentence reads clean for event coding while the place stays
  available; the wire (canonical name) becomes ``reprinted_from`` unless a
  "Reprinted from" line names the source.
* Several byline authors are joined with ``"; "``.
* Boilerplate paragraphs are kept with kind ``boilerplate`` and their texts
  are listed again in ``Page.boilerplate``.
* Comment ids are ``c1``, ``c2``... in reading order; ``parent`` is the id of
  the comment replied to, found from indentation (or "In reply to X"). A bare
  "Comments"/"Discussion" line opens the thread only when an author line
  follows, since an article may have a section of that name.
* Odd spaces (no-break, thin) become plain spaces and runs of spaces one, so
  ``Page.text`` (which all offsets index) is plain, searchable prose.
* ``published`` is the input's date if it has one, else the first date of a
  date line, byline or dateline; an "Updated ..." date is the last resort.
* Wire names (``resources/page/wires.tsv``) and the short-paragraph furniture
  patterns (``resources/page/paragraphs.tsv``) are the HTML parser's tables,
  so text and HTML pages are judged alike; the line-layout patterns below are
  specific to plain text.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from accord.errors import InputError, KnowledgeError
from accord.records import Comment, Page, RawDocument, build_page

# --- normalisation -----------------------------------------------------------------

_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^([•◦‣▪●○·∙*]|[-–—](?=\s))\s*")

# --- words and patterns (domain knowledge of news page layouts) ---------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY_NAME = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_WEEKDAY = rf"{_WEEKDAY_NAME}\.?,?\s+"
_DATE_MDY = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I)
_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})\b", re.I)
_DATE_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
_TIME = r"(?:\s*(?:at|,|\||-|–|—)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?)?"
_DATE_PREFIX = r"(?:(?:Published|Posted|Updated|Last\s+updated|First\s+published|Last\s+modified|Date|Dated)(?:\s+(?:on|at))?\s*:?\s*)?"
_DATE_LINE = re.compile(
    rf"^{_DATE_PREFIX}(?:{_WEEKDAY})?(?:{_DATE_MDY.pattern}|{_DATE_DMY.pattern.replace('(?P<', '(?P<d_')}|{_DATE_ISO.pattern.replace('(?P<', '(?P<i_')}){_TIME}\.?$",
    re.I,
)
_UPDATED = re.compile(r"^(?:Updated|Last\s+updated|Last\s+modified)\b", re.I)


@lru_cache(maxsize=1)
def _wires() -> dict[str, str]:
    """Wire credits and full names (lower case) -> full name, from ``resources/page/wires.tsv``.

    The HTML parser reads the same table, so both kinds of page name a wire alike.
    """
    names: dict[str, str] = {}
    table = resources.files("accord.resources").joinpath("page", "wires.tsv")
    for number, line in enumerate(table.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        if len(parts) != 2 or not all(parts):
            raise KnowledgeError("E201", path="resources/page/wires.tsv", line=number,
                                 detail="expected a credit, a tab and a full name")
        names[parts[0].lower()] = names[parts[1].lower()] = parts[1]
    return names


#: the furniture patterns shared with the HTML parser apply to paragraphs up to this long
_SHARED_PATTERN_MAX_CHARS = 400


@lru_cache(maxsize=1)
def _shared_paragraph_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(kind, pattern)`` rows of ``resources/page/paragraphs.tsv``, the furniture table of the HTML parser.

    Text pages carry the same subscription pleas, app adverts and credit lines as HTML
    pages, so both parsers read one table.
    """
    rows = []
    table = resources.files("accord.resources").joinpath("page", "paragraphs.tsv")
    for number, line in enumerate(table.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, pattern = line.partition("\t")
        if kind not in ("boilerplate", "related", "bio", "provenance") or not pattern:
            raise KnowledgeError("E201", path="resources/page/paragraphs.tsv", line=number,
                                 detail="expected a kind, a tab and a pattern")
        try:
            rows.append((kind, re.compile(pattern, re.IGNORECASE)))
        except re.error as error:
            raise KnowledgeError("E201", path="resources/page/paragraphs.tsv", line=number,
                                 detail=f"bad regular expression: {error}") from error
    return tuple(rows)


#: a needle shorter than this rules out too few paragraphs to be worth a look-up
_NEEDLE_MIN_CHARS = 4


def _needles(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased ASCII texts one of which every match of ``pattern`` contains, or None
    when the pattern gives none of at least ``_NEEDLE_MIN_CHARS`` characters.

    They are read from the pattern's parse (a private module of the standard library);
    when that module is missing or changed there are no needles and the pattern is
    simply searched.
    """
    try:
        from re import _parser  # type: ignore[attr-defined]
        from re._constants import BRANCH, LITERAL, SUBPATTERN  # type: ignore[import-not-found]

        items = _parser.parse(pattern.pattern, pattern.flags)
        return _sequence_needles(items, LITERAL, SUBPATTERN, BRANCH)
    except Exception:  # noqa: BLE001 - an unfamiliar parse: no needles, always search
        return None


def _sequence_needles(items: Any, literal: Any, subpattern: Any, branch: Any) -> frozenset[str] | None:
    """Needles of a parsed sequence (see :func:`_needles`): a run of its literal characters,
    which every match contains since each item of a sequence is matched in turn (optional
    and repeated parts sit inside repeat items, which give nothing); the needles of one of
    its groups; or those of an alternation, when each of its branches has needles. The
    choice whose shortest needle is the longest wins."""
    best: frozenset[str] | None = None

    def consider(option: frozenset[str] | None) -> None:
        nonlocal best
        if option and (best is None or min(map(len, option)) > min(map(len, best))):
            best = option

    run = ""
    for op, argument in items:
        if op is literal and isinstance(argument, int) and chr(argument).isascii():
            run += chr(argument)
            consider(frozenset({run.lower()}))
            continue
        run = ""
        if op is subpattern:
            consider(_sequence_needles(argument[-1], literal, subpattern, branch))
        elif op is branch:
            options = [_sequence_needles(alternative, literal, subpattern, branch) for alternative in argument[1]]
            if options and all(options):
                consider(frozenset().union(*options))
    return best if best and min(map(len, best)) >= _NEEDLE_MIN_CHARS else None


@lru_cache(maxsize=1)
def _shared_paragraph_needles() -> tuple[frozenset[str] | None, ...]:
    """For each row of :func:`_shared_paragraph_patterns`, the texts one of which its pattern needs (see :func:`_needles`)."""
    return tuple(_needles(pattern) if pattern.flags & re.IGNORECASE else None
                 for _, pattern in _shared_paragraph_patterns())


#: an ASCII letter in any case; with the case ignored a few other letters match it too ("ſ", "ı", "K")
_ASCII_LETTER_ANY_CASE = re.compile("[a-z]", re.IGNORECASE)


def _needle_haystack(text: str) -> str | None:
    """``text`` lower-cased, to look for needles in, or None when a needle test would not be exact.

    A case-insensitive pattern matches a needle's ASCII characters only with ASCII
    characters or with the few non-ASCII letters that equal an ASCII letter when case is
    ignored; a text with none of those holds the lower-cased needle wherever it matches.
    """
    if not text.isascii():
        for char in set(text):
            if not char.isascii() and _ASCII_LETTER_ANY_CASE.match(char):
                return None
    return text.lower()


def _shared_paragraph_kind(text: str) -> str | None:
    """The kind of the first row of the shared furniture table whose pattern ``text`` matches.

    A case-insensitive pattern matches only where one of its needles occurs in the
    lower-cased text (see :func:`_needle_haystack`), so a row whose needles are all
    missing is passed over unsearched.
    """
    lowered = _needle_haystack(text)
    for (kind, pattern), needles in zip(_shared_paragraph_patterns(), _shared_paragraph_needles()):
        if lowered is not None and needles is not None:
            for needle in needles:
                if needle in lowered:
                    break
            else:
                continue  # no needle: no match
        if pattern.search(text):
            return kind
    return None


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    """``PLACE[, Region][, Mon D] (WIRE) - rest`` at the start of a paragraph."""
    credits = "|".join(re.escape(w) for w in sorted(_wires(), key=len, reverse=True))
    return re.compile(
        r"^(?P<credit>"
        r"(?:(?P<place>[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,3})"  # an ALL-CAPS place
        r"(?:,\s+(?P<region>[A-Z][A-Za-z.\-]+(?:\s+[A-Z][A-Za-z.\-]+){0,2}))?"  # "BEIRUT, Lebanon"
        rf"(?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?))?\s*)?"  # ", Feb 23"
        rf"(?:\((?P<wire>{credits})\))?)"
        r"\s*(?:--|[-–—])\s*(?P<rest>\S.*)$",
        re.IGNORECASE,
    )


_NAME_TOKEN = r"(?:[A-Z][\w'’.\-]*|(?:de|da|del|der|van|von|bin|al|la|le|di|du|dos|ten)\b)"
_NAME = rf"[A-Z][\w'’.\-]*(?:\s+{_NAME_TOKEN}){{0,4}}"
_BYLINE = re.compile(r"^(?:By|Written\s+by|Words\s+by|Story\s+by|Text\s+by|Posted\s+by|Reporting\s+by)\s*:?\s+(?P<rest>.+)$", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:\||;|,|\s[-–—]\s|\sfor\s|\sin\s|\son\s)\s*")
_ROLE_WORDS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|journalist|columnist|contributor|staff|special|"
    r"bureau|chief|desk|producer|analyst|photographer|intern|senior|political|foreign)\b",
    re.I,
)
_ORGANISATION_WORDS = re.compile(
    r"^the\s|\b(?:times|news|post|press|agency|media|journal|herald|tribune|gazette|daily|weekly|"
    r"magazine|radio|television|tv|network|service|wire|observer|guardian|telegraph|chronicle|review|"
    r"institute|university|centre|center|foundation)\b",
    re.I,
)
_AUTHOR_JOIN = re.compile(r"\s*(?:,|\band\b|&)\s*")
_BIO = re.compile(
    rf"^(?P<name>{_NAME})\s*,?\s+(?:is|was|has\s+been|serves\s+as|works\s+as|covers|writes|reports)\b"
    r".{0,80}?\b(?:writer|reporter|correspondent|editor|journalist|columnist|contributor|researcher|"
    r"analyst|fellow|author|producer|blogger|professor|investigator|intern|freelancer|freelance|"
    r"director|member\s+of\s+staff|for|about|on)\b",
)
_CALENDAR_WORD = re.compile(rf"^(?:{_WEEKDAY_NAME}|{_MONTH}|today|tomorrow|yesterday|noon|midnight)$", re.I)
_ABOUT_AUTHOR = re.compile(r"^(?:About\s+the\s+authors?|The\s+authors?)\s*:?\s*$", re.I)

_PROVENANCE = re.compile(
    r"^(?:(?:This\s+(?:article|story|piece|post|report|commentary|column|op-ed|analysis)\s+)?"
    r"(?:was\s+|is\s+|has\s+been\s+)?(?:originally\s+|first\s+)?"
    r"(?:reprinted|republished|reproduced|adapted|cross-posted|crossposted|syndicated|published|appeared|ran|posted)"
    r"(?:\s+with\s+(?:the\s+)?permission)?\s+(?:from|in|on|at|by)"
    r"|Originally\s+(?:published|posted|appeared)\s+(?:in|on|at|by)"
    r"|Source|Sources|Courtesy(?:\s+of)?|Via|Distributed\s+by|Provided\s+by)"
    r"\s*:?\s+(?P<source>.+?)\.?$",
    re.I,
)
_SOURCE_TAIL = re.compile(r"\s+(?:on|in)\s+(?:\d|" + _MONTH + r").*$|,\s*(?:with|and|under|reprinted|republished).*$|\s+\(.*\)$", re.I)
_CREDITS_LINE = re.compile(r"^(?:Additional\s+reporting|Editing|Edited|Writing|Reporting)\s+by\b", re.I)

_BOILERPLATE = re.compile(
    r"^(?:share(?:\s+(?:this|on|via)\b.*)?|tweet|email|e-mail|print|save|like|reply|report|"
    r"follow\s+(?:us|me)\b.*|sign\s+up\b.*|subscribe\b.*|join\s+our\b.*|get\s+our\b.*|"
    r"advertisement|sponsored(?:\s+content)?|click\s+here\b.*|"
    r"(?:copyright\s*(?:©|\(c\)|\d{4}|by\b)|\(c\)\s*\d{4}|©).*|.*\ball\s+rights\s+reserved\b.*|"
    r"(?:tags?|topics?|categor(?:y|ies))\s*:[^.]*|(?:filed\s+under|posted\s+in)\b[^.]*|"
    r"comments\s+are\s+closed\.?|leave\s+a\s+(?:comment|reply)\.?|log\s+in\b.*|"
    r"(?:this\s+)?(?:article|story)\s+(?:continues|continued)\s+below.*|"
    r"(?:we\s+)?use\s+cookies\b.*|accept\s+cookies.*|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|"
    r"menu|search|home|sign\s+in|close|toggle\s+navigation|open\s+(?:the\s+)?menu|"
    r"listen\s+to\s+(?:this|the)\s+(?:article|story)\b.*|\d+\s+min(?:ute)?s?\s+read|photo\s*:.*|image\s*:.*)$",
    re.I,
)
#: photo captions end with the picture's credit: "... REUTERS/Jane Doe", "(AP Photo/John Roe)"
_CAPTION = re.compile(
    r"(?:\b(?:REUTERS|AFP|AP|EPA|XINHUA|ANADOLU|Getty\s+Images)(?:\s+PHOTO)?\s*/\s*[A-Z][\w .'’-]{1,60}"
    r"|\((?:[A-Z]+\s+)?(?:Photo|Image|Picture)(?:\s+by\b|\s*:|\s*/)[^()]{1,80}\))\s*\.?$"
)
_RELATED_HEADER = re.compile(
    r"^(?:stories\s+from\s+our\s+archives?\b.*|related(?:\s+(?:stories|articles|posts|coverage|content|reading|links|news|topics))?"
    r"|read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+(?:from|on|about|stories|news)\b.*|more\s+stories"
    r"|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)\b.*|recommended(?:\s+for\s+you|\s+stories|\s+reading)?"
    r"|most\s+(?:read|popular|viewed|shared)|further\s+reading|don['’]t\s+miss|trending(?:\s+now)?|what\s+to\s+read\s+next"
    r"|top\s+stories|latest(?:\s+news|\s+stories)?|in\s+other\s+news|editor['’]s\s+picks?)\s*:?$",
    re.I,
)
_RELATED_INLINE = re.compile(r"^(?:read\s+(?:more|also|next)|related|see\s+also|also\s+read|more)\s*:\s*\S", re.I)

_COMMENTS_HEADER = re.compile(
    r"^(?:(?:\d+|no|one|two|three)\s+(?:comments?|responses?|replies|thoughts|reactions)(?:\s+(?:on|to)\b.*)?"
    r"|(?:reader\s+|user\s+)?comments?(?:\s+\(\d+\))?|discussion|join\s+the\s+(?:discussion|conversation)"
    r"|what\s+readers\s+(?:say|think)|responses?)\s*:?$",
    re.I,
)
_SAYS = re.compile(
    r"^(?P<author>[^\s:][^:]{0,60}?)"
    r"(?:\s*,?\s+(?:on\s+)?(?P<date>(?:[A-Za-z]+\.?\s+)?\d{1,4}\b.{0,50}?))?"
    r"\s+(?:says|said|wrote|writes|replied|replies|commented|comments)\s*:\s*(?P<rest>.*)$",
    re.I,
)
_AUTHOR_COLON = re.compile(r"^(?P<author>[^\s:][^:]{0,40}?)\s*:\s+(?P<rest>\S.*)$")
_REPLY_TO = re.compile(r"^(?:in\s+reply\s+to|replying\s+to|reply\s+to|@)\s*(?P<name>.+?)\.?$", re.I)
_COMMENT_NOISE = re.compile(
    r"^(?:reply|report|like|likes?\s*\(?\d*\)?|\d+\s+likes?|flag|share|permalink|log\s+in\s+to\s+reply|"
    r"reply\s*[↓↑]?|upvote|downvote|\d+\s+(?:points?|votes?)|(?:hide|show)\s+replies|load\s+more.*)$",
    re.I,
)

_TERMINAL = ".!?…:;"
#: a final period that belongs to an abbreviation ("U.S.", "Inc."), not to a sentence
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Mt|Gov|Gen|Dr)\.$")
_CLOSERS = "\"'”’»)]"

# --- sizes -------------------------------------------------------------------------

_TITLE_MAX_WORDS = 25
_SUBTITLE_MAX_WORDS = 45
_HEADING_MAX_WORDS = 12
_AUTHOR_MAX_WORDS = 6
#: a line shorter than this share of its block's widest line ends a hard-wrapped paragraph
_SHORT_LINE_SHARE = 0.7
#: blocks whose widest line is longer than this hold one paragraph a line (not hard-wrapped)
_UNWRAPPED_WIDTH = 100


@dataclass
class _Unit:
    """One candidate paragraph: its text (lines joined), indentation and bullet."""

    text: str
    indent: int
    bullet: bool = False
    kind: str = "body"
    section: str | None = None


@dataclass
class _Found:
    """What the passes learn about the page besides its paragraphs."""

    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    reprinted_from: str | None = None
    wire: str | None = None
    published: str | None = None
    updated: str | None = None


# --- small helpers -----------------------------------------------------------------


def _clean_line(line: str) -> str:
    line = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", line.expandtabs(4)))
    return _CONTROLS.sub("", line).rstrip()


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _ends_with_period(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ".;:"


def parse_date(text: str) -> str | None:
    """The first calendar date written in ``text``, as ``YYYY-MM-DD``; None when there is none.

    >>> parse_date("Published: February 27, 2017 at 10:04 am")
    '2017-02-27'
    """
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        for match in pattern.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."), 0)
            try:
                return _dt.date(int(match["year"]), number, int(match["day"])).isoformat()
            except ValueError:
                continue
    return None


def _is_date_line(text: str) -> bool:
    return len(text) <= 120 and bool(_DATE_LINE.match(text))


def _unrepeat(text: str) -> str:
    """``"X. X."`` -> ``"X."``: scrapers sometimes print a headline twice on one line."""
    half = len(text) // 2
    for cut in range(max(1, half - 2), min(len(text), half + 3)):
        left, right = text[:cut].strip(), text[cut:].strip()
        if left and left == right:
            return left
    return text


def _clean_title(text: str) -> str:
    text = _unrepeat(text)
    # a title's own final period is the scraper's, not the headline's; keep "U.S." and "Inc."
    if text.endswith(".") and not text.endswith("..") and not _ABBREVIATION_END.search(text):
        text = text[:-1].rstrip()
    return text


def _name_case(name: str) -> str:
    return name.title() if name.isupper() and len(name) > 3 else name


def _looks_like_name(text: str) -> bool:
    return bool(re.fullmatch(_NAME, text)) and _words(text) <= 5


def _canonical_wire(name: str) -> str | None:
    return _wires().get(name.strip().lower().rstrip("."))


def _clean_source(source: str) -> str | None:
    source = _SOURCE_TAIL.sub("", source.strip()).strip(" .,:;\"'“”")
    # a name, not the rest of a sentence ("Posted on Facebook, the video showed...")
    if not source or _words(source) > 8 or "," in source or not (source[0].isupper() or source.startswith("the ")):
        return None
    return _canonical_wire(source) or source


# --- pass 1: units -----------------------------------------------------------------


def _split_block(lines: list[str]) -> list[_Unit]:
    """Cut one blank-line-separated block into paragraph units."""
    width = max(len(line.strip()) for line in lines)
    unwrapped = width > _UNWRAPPED_WIDTH
    units: list[_Unit] = []
    current: list[str] = []
    indent = 0
    bullet = False

    def flush() -> None:
        if current:
            units.append(_Unit(_SPACES.sub(" ", " ".join(current)).strip(), indent, bullet))

    for line in lines:
        stripped = line.strip()
        line_indent = len(line) - len(line.lstrip(" "))
        marker = _BULLET.match(stripped)
        if current:
            previous = current[-1]
            new = (
                marker is not None
                or line_indent != indent + (2 if bullet else 0) and line_indent != indent
                or unwrapped
                or len(previous) < _SHORT_LINE_SHARE * width
                or _is_meta(previous) or _is_meta(stripped)
            )
            if new:
                flush()
                current = []
        if not current:
            indent, bullet = line_indent, marker is not None
            if marker:
                stripped = stripped[marker.end():]
        current.append(stripped)
    flush()
    return [u for u in units if u.text]


def _is_meta(text: str) -> bool:
    """Lines that are never part of a running paragraph."""
    scratch = _Found()
    return (_is_date_line(text) or bool(_COMMENTS_HEADER.match(text))
            or _read_byline(text, scratch) or _read_provenance(text, scratch))


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    block: list[str] = []
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _clean_line(raw_line)
        if line.strip():
            block.append(line)
        elif block:
            units.extend(_split_block(block))
            block = []
    if block:
        units.extend(_split_block(block))
    return units


# --- pass 2: regions ---------------------------------------------------------------


def _author_line(unit: _Unit) -> bool:
    text = unit.text.rstrip(":").strip()
    if not text or _words(text) > _AUTHOR_MAX_WORDS or len(text) > 60:
        return False
    if _ends_sentence(text) and not re.search(r"\b[A-Z]\.$|\b\w\.$", text):
        return False  # "K. Chris C." ends with an initial, not a sentence
    return not _BOILERPLATE.match(text) and not _RELATED_HEADER.match(text)


def _opens_comment(units: list[_Unit], i: int) -> bool:
    """True when unit ``i`` is a comment's author line."""
    if i >= len(units):
        return False
    opened = _comment_author(units[i], units[i + 1] if i + 1 < len(units) else None)
    return opened is not None and opened[0] is not None


def _comment_start(units: list[_Unit], first: int) -> int:
    """Index of the first unit of the comment thread (len(units) when there is none)."""
    for i in range(first, len(units)):
        unit = units[i]
        following = units[i + 1] if i + 1 < len(units) else None
        if _COMMENTS_HEADER.match(unit.text):
            # "12 comments" always opens a thread; a bare "Discussion" only when a comment follows,
            # since an article may have a section of that name
            if re.search(r"\d|\b(?:no|one|two|three)\b", unit.text, re.I) or _opens_comment(units, i + 1):
                return i
            continue
        if unit.bullet and _author_line(unit) and following is not None and following.indent > unit.indent:
            return i
        says = _SAYS.match(unit.text)
        if says and not says["rest"] and _plausible_author(says["author"]) and following is not None:
            return i
    return len(units)


# --- pass 3: kinds -----------------------------------------------------------------


def _strip_dates(text: str) -> str:
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        text = pattern.sub(" ", text)
    return text


def _read_byline(text: str, found: _Found) -> bool:
    """``By Jane Doe and John Roe, Reuters | Feb 27, 2017``: authors, a wire, a date."""
    match = _BYLINE.match(text)
    if not match or _words(text) > 15:
        return False
    rest = match["rest"].strip().rstrip(".")
    date = parse_date(rest)
    parts = [p.strip() for p in _BYLINE_SPLIT.split(_strip_dates(rest)) if p and p.strip()]
    names: list[str] = []
    for number, part in enumerate(parts):
        wire = _canonical_wire(part)
        if wire:
            found.wire = found.wire or wire
            continue
        if number and (_ROLE_WORDS.search(part) or _ORGANISATION_WORDS.search(part)):
            continue  # "Staff Writer", "The Harbour Times"
        candidates = [_name_case(n) for n in _AUTHOR_JOIN.split(part) if n]
        if not candidates or not all(_looks_like_name(n) and not _CALENDAR_WORD.match(n) for n in candidates):
            return False  # "By Monday, Kelly had left." is a sentence, not a byline
        names.extend(candidates)
    if not names:
        return False
    if date and found.published is None:
        found.published = date
    if not found.authors:
        found.authors = names
    return True


def _read_provenance(text: str, found: _Found) -> bool:
    match = _PROVENANCE.match(text)
    if not match or _words(text) > 16:
        return False
    source = _clean_source(match["source"])
    if source is None:
        return False
    found.reprinted_from = found.reprinted_from or source
    return True


def _read_date(text: str, found: _Found) -> bool:
    if not _is_date_line(text):
        return False
    date = parse_date(text)
    if _UPDATED.match(text):
        found.updated = found.updated or date
    else:
        found.published = found.published or date
    return True


def _meta_kind(unit: _Unit, found: _Found) -> str | None:
    """The kind of a unit that is page furniture anywhere on the page, else None."""
    text = unit.text
    if _read_byline(text, found) or _read_provenance(text, found) or _read_date(text, found):
        return "provenance"
    if _CREDITS_LINE.match(text) and _words(text) <= 20:
        return "provenance"
    if len(text) <= 200 and _BOILERPLATE.match(text):
        return "boilerplate"
    if len(text) <= _SHARED_PATTERN_MAX_CHARS and _CAPTION.search(text):
        return "boilerplate"
    if _words(text) <= 15 and (_RELATED_HEADER.match(text) or _RELATED_INLINE.match(text)):
        return "related"
    if len(text) <= _SHARED_PATTERN_MAX_CHARS:
        return _shared_paragraph_kind(text)
    return None


def _title_like(text: str) -> bool:
    repeated = _unrepeat(text) != text
    return 0 < _words(text) <= (_TITLE_MAX_WORDS * 2 if repeated else _TITLE_MAX_WORDS) and (
        repeated or not _ends_with_period(text) or bool(_ABBREVIATION_END.search(text)))


def _subtitle_like(unit: _Unit) -> bool:
    return not unit.bullet and _words(unit.text) <= _SUBTITLE_MAX_WORDS and not _ends_with_period(unit.text)


def _heading_like(unit: _Unit) -> bool:
    text = unit.text
    return (
        not unit.bullet
        and _words(text) <= _HEADING_MAX_WORDS
        and len(text) <= 100
        and not _ends_sentence(text)
        and (text[0].isupper() or text[0].isdigit())
    )


def _classify_head(units: list[_Unit], end: int, found: _Found) -> int:
    """Mark title, subtitles and head furniture; return the index where the article starts."""
    i = 0
    # navigation and share links a scraper kept above the headline
    while i < end and (kind := _meta_kind(units[i], found)) is not None:
        units[i].kind = kind
        i += 1
    if i < end and _title_like(units[i].text) and not units[i].bullet:
        found.title = _clean_title(units[i].text)
        units[i].kind = "title"
        i += 1
    while i < end:
        unit = units[i]
        kind = _meta_kind(unit, found)
        if kind is not None:
            unit.kind = kind
        elif found.title is not None and _subtitle_like(unit) and not found.authors:
            unit.kind = "subtitle"
            found.subtitles.append(unit.text)
        else:
            break
        i += 1
    return i


def _cut_dateline(units: list[_Unit], start: int, end: int, found: _Found) -> None:
    """Split a wire dateline off the first body paragraph (see the module docstring)."""
    for i in range(start, end):
        if units[i].kind != "body":
            continue
        match = _dateline().match(units[i].text)
        if not match or not match["rest"] or not (match["wire"] or match["place"]):
            return
        place = match["place"]
        if place and not match["wire"] and (place.upper() != place or sum(c.isalpha() for c in place) < 3):
            return  # a capitalised opening word with a dash, not a dateline
        if match["wire"]:
            found.wire = found.wire or _canonical_wire(match["wire"])
        if match["date"] and found.published is None:
            found.published = parse_date(match["date"])
        credit = match["credit"].strip()
        units[i].text = match["rest"]
        units.insert(i, _Unit(credit, units[i].indent, kind="provenance"))
        return


def _classify_article(units: list[_Unit], start: int, end: int, found: _Found) -> None:
    in_related = False
    for i in range(start, end):
        unit = units[i]
        kind = _meta_kind(unit, found)
        if kind is not None:
            unit.kind = kind
            in_related = kind == "related" and not _RELATED_INLINE.match(unit.text)
            continue
        if _ABOUT_AUTHOR.match(unit.text):
            unit.kind = "bio"
            in_related = False
            continue
        if in_related and _words(unit.text) <= 25 and not _ends_with_period(unit.text):
            unit.kind = "related"  # a headline listed under "Related stories"
            continue
        in_related = False
    # bios, and fragments such as tag lists, sit at the end of the article, after its last
    # body paragraph; the first paragraph of the article is never taken for them
    for i in range(end - 1, start - 1, -1):
        unit = units[i]
        if unit.kind != "body":
            continue
        if not any(u.kind == "body" for u in units[start:i]):
            break
        bio = _BIO.match(unit.text)
        after_about = _ABOUT_AUTHOR.match(units[i - 1].text)
        if (bio or after_about) and _words(unit.text) <= 80:
            unit.kind = "bio"
            if bio and not found.authors:
                found.authors = [bio["name"]]
            continue
        if not unit.bullet and _words(unit.text) <= _HEADING_MAX_WORDS and not _ends_sentence(unit.text):
            unit.kind = "boilerplate"  # the last item of a bulleted list is content, though
            continue
        break
    # section headings: short lines with body paragraphs before and after them
    bodies = [i for i in range(start, end) if units[i].kind == "body"]
    section = None
    for position, i in enumerate(bodies):
        unit = units[i]
        if 0 < position < len(bodies) - 1 and _heading_like(unit) and not _heading_like(units[bodies[position + 1]]):
            unit.kind = "heading"
            section = unit.text
        unit.section = section


# --- comments ----------------------------------------------------------------------


@dataclass
class _Thread:
    """Comments being built: text paragraphs gathered under author lines."""

    comments: list[dict] = field(default_factory=list)
    stack: list[tuple[int, str]] = field(default_factory=list)

    def open(self, author: str | None, indent: int, date: str | None = None, parent: str | None = None) -> None:
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        if parent is None and self.stack:
            parent = self.stack[-1][1]
        comment_id = f"c{len(self.comments) + 1}"
        self.comments.append({"id": comment_id, "author": author, "parent": parent, "date": date, "paragraphs": []})
        self.stack.append((indent, comment_id))

    def add(self, text: str, indent: int) -> None:
        if not self.comments:
            self.open(None, indent)
        self.comments[-1]["paragraphs"].append(text)

    def by_author(self, name: str, before: int) -> str | None:
        """The id of the latest of the first ``before`` comments written by ``name``."""
        for comment in reversed(self.comments[:before]):
            if comment["author"] and comment["author"].lower() == name.lower():
                return comment["id"]
        return None


_NOT_AUTHORS = frozenset("he she they it this that who someone everyone nobody i we you one".split())


def _plausible_author(name: str) -> bool:
    """A person's name ("Dana K.") or a one-word handle ("riverbank"), not "The statement"."""
    name = name.strip(" ,")
    if not name or name.lower() in _NOT_AUTHORS or len(name) > 60:
        return False
    return _looks_like_name(name) or (" " not in name and not _ends_sentence(name))


def _comment_author(unit: _Unit, next_unit: _Unit | None) -> tuple[str | None, str | None, str | None] | None:
    """(author, date, first text) when ``unit`` opens a comment, else None."""
    text = unit.text
    says = _SAYS.match(text)
    if says and _plausible_author(says["author"]):
        return says["author"].strip(" ,"), parse_date(says["date"] or ""), says["rest"].strip() or None
    deeper = next_unit is not None and next_unit.indent > unit.indent
    dated = next_unit is not None and _is_date_line(next_unit.text)
    if _author_line(unit) and (unit.bullet or deeper or dated):
        return text.rstrip(":").strip(), None, None
    if unit.bullet:
        colon = _AUTHOR_COLON.match(text)
        if colon and _words(colon["author"]) <= 4 and not _ends_sentence(colon["author"]):
            return colon["author"].strip(), None, colon["rest"]
        return None, None, text
    return None


def _parse_comments(units: list[_Unit]) -> tuple[list[Comment], list[_Unit]]:
    """Build the comment thread; return it with the units that were page furniture."""
    thread = _Thread()
    furniture: list[_Unit] = []
    awaiting_date = False
    reply_to: str | None = None
    for i, unit in enumerate(units):
        next_unit = units[i + 1] if i + 1 < len(units) else None
        text = unit.text
        if _COMMENTS_HEADER.match(text) or _COMMENT_NOISE.match(text) or (len(text) <= 200 and _BOILERPLATE.match(text)):
            unit.kind = "boilerplate"
            furniture.append(unit)
            continue
        if awaiting_date and _is_date_line(text):
            thread.comments[-1]["date"] = parse_date(text)
            awaiting_date = False
            continue
        awaiting_date = False
        reply = _REPLY_TO.match(text)
        if reply and _words(text) <= 8:
            current = thread.comments[-1] if thread.comments and not thread.comments[-1]["paragraphs"] else None
            target = thread.by_author(reply["name"].strip(), before=len(thread.comments) - (1 if current else 0))
            if target and current:
                current["parent"] = target  # "In reply to X" under the author line
                continue
            if target:
                reply_to = target  # "In reply to X" above the author line
                continue
        opened = _comment_author(unit, next_unit)
        if opened is not None:
            author, date, first = opened
            thread.open(author, unit.indent, date, parent=reply_to)
            reply_to = None
            if first:
                thread.add(first, unit.indent)
            awaiting_date = date is None
            continue
        thread.add(text, unit.indent)
    # an author line without text is no comment; its replies move up to its own parent
    parents = {c["id"]: c["parent"] for c in thread.comments}
    kept = {c["id"] for c in thread.comments if c["paragraphs"]}

    def kept_parent(parent: str | None) -> str | None:
        while parent is not None and parent not in kept:
            parent = parents[parent]
        return parent

    numbers = {old: f"c{n}" for n, old in enumerate((c["id"] for c in thread.comments if c["id"] in kept), start=1)}
    comments = [
        Comment(id=numbers[c["id"]], author=c["author"], parent=numbers.get(kept_parent(c["parent"])),
                text="\n\n".join(c["paragraphs"]), date=c["date"])
        for c in thread.comments
        if c["id"] in kept
    ]
    return comments, furniture


# --- the parser --------------------------------------------------------------------


def parse_text(raw: RawDocument) -> Page:
    """Read the structure of a page scraped to plain text.

    Raises E109 when nothing but page furniture is found.

    >>> page = parse_text(RawDocument("d1", text="Talks resume\\n\\nBy Ana Ruiz\\n\\nThe talks resumed."))
    >>> page.title, page.author, page.text
    ('Talks resume', 'Ana Ruiz', 'The talks resumed.')
    """
    units = _units(raw.text if raw.text is not None else raw.content)
    found = _Found()
    thread_start = _comment_start(units, 1)
    article_start = _classify_head(units, thread_start, found)
    article, thread = units[:thread_start], units[thread_start:]
    if not any(u.kind == "body" for u in article[article_start:]):
        # a title with nothing under it is the text itself
        for unit in article:
            if unit.kind in ("title", "subtitle"):
                unit.kind = "body"
        found.title, found.subtitles = None, []
        article_start = min((i for i, u in enumerate(article) if u.kind == "body"), default=len(article))
    _classify_article(article, article_start, len(article), found)
    _cut_dateline(article, article_start, len(article), found)
    comments, furniture = _parse_comments(thread)

    paragraphs = [(u.text, u.section, u.kind) for u in article + furniture if u.kind not in ("title", "subtitle")]
    if not any(kind == "body" for _, _, kind in paragraphs):
        raise InputError("E109", path=raw.path or raw.doc_id)
    sections = tuple(dict.fromkeys(u.text for u in article if u.kind == "heading"))
    return build_page(
        raw.doc_id,
        paragraphs,
        title=found.title,
        subtitles=tuple(found.subtitles),
        reprinted_from=found.reprinted_from or found.wire,
        author="; ".join(found.authors) or None,
        published=raw.date or found.published or found.updated,
        sections=sections,
        comments=tuple(comments),
        boilerplate=tuple(text for text, _, kind in paragraphs if kind == "boilerplate"),
        url=raw.url,
        source_format="text",
        language="en",
    )
