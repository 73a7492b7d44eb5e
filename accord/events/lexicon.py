"""The trigger lexicon: words and phrases that report events, with their CAMEO codes.

accord's own lexicon lives in ``resources/events/triggers.txt`` (its format is
described at the top of that file). Users may add PETRARCH/TABARI verb and
discard files (see :mod:`accord.events.petrarch`); their entries are ranked
above accord's own for the same word, because an analyst who brings a
dictionary means it to decide.

>>> lexicon = load_lexicon()
>>> lexicon.candidates("V", "visit")[0].code
'042'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from accord.errors import KnowledgeError

__all__ = ["TriggerEntry", "Lexicon", "load_lexicon", "read_trigger_file", "read_word_lists", "default_lexicon",
           "ANY_OBJECT", "ACTOR_OBJECT"]

#: parts of speech a trigger entry may name
TRIGGER_POS = ("V", "N", "A")
#: options that take a list of lemmas
_LIST_OPTIONS = ("obj", "mod", "as", "subj", "about")
#: options that are flags
_FLAG_OPTIONS = ("frame", "say", "partner", "mutual", "intransitive")
_CODE = re.compile(r"^\d{2,4}$")
#: first fields of the lines that list words rather than triggers: nouns that never act for
#: the country named with them, and words that make a sentence a report of a game
_WORD_LISTS = ("nonactor", "sport", "nonevent")
#: ``obj=*``: the trigger takes a direct object, whatever it is
ANY_OBJECT = frozenset({"*"})
#: ``@actor`` among the objects of ``obj=``: an object that names an actor also satisfies it
ACTOR_OBJECT = "@actor"
_VERSION = re.compile(r"^version:\s*(\S+)\s*$")


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon entry: a head lemma (with particles and constraints) and its CAMEO code.

    ``before``/``after`` hold words that a user pattern (PETRARCH) wants
    somewhere before/after the trigger in the sentence; accord's own entries
    leave them empty and use ``obj``/``mod``/``as_``/``subj`` instead.
    """

    id: str
    code: str
    pos: str
    lemma: str
    particles: tuple[str, ...] = ()
    obj: frozenset[str] | None = None
    mod: frozenset[str] | None = None
    as_: frozenset[str] | None = None
    subj: frozenset[str] | None = None
    about: frozenset[str] | None = None  # some word under the object has one of these lemmas
    before: tuple[tuple[str, ...], ...] = ()
    after: tuple[tuple[str, ...], ...] = ()
    frame: bool = False
    say: bool = False
    partner: bool = False
    mutual: bool = False
    intransitive: bool = False
    user: bool = False
    version: str = "1"
    origin: str = ""  # "file:line", for messages and audit
    target_code: str | None = None  # PETRARCH "[032:033]": the code of the reverse event

    @property
    def specificity(self) -> int:
        """How many constraints the entry sets: more specific entries win."""
        count = len(self.particles)
        count += sum(1 for value in (self.obj, self.mod, self.as_, self.subj, self.about) if value)
        count += len(self.before) + len(self.after)
        return count

    @property
    def rule(self) -> str:
        """The rule name recorded on each event: ``<entry id>@<version>``."""
        return f"{self.id}@{self.version}"


@dataclass
class Lexicon:
    """Trigger entries indexed by (part of speech, head lemma), plus discard phrases.

    ``discards`` are lower-case word tuples that make a sentence uncodable;
    ``story_discards`` make the whole document uncodable; ``non_actors`` are
    lemmas of nouns that never act for the country named with them ("the
    Russian tennis player", "India's monsoon rains"), so never give an event
    its source; ``sport_words`` make a sentence the report of a game, whose
    verbs of force ("beat", "crushed") code nothing; ``non_events`` are
    "modifier trigger" lemma pairs that name no political event ("heart attack").
    """

    entries: dict[tuple[str, str], list[TriggerEntry]] = field(default_factory=dict)
    discards: tuple[tuple[str, ...], ...] = ()
    story_discards: tuple[tuple[str, ...], ...] = ()
    sources: tuple[str, ...] = ()
    non_actors: frozenset[str] = frozenset()
    sport_words: frozenset[str] = frozenset()
    non_events: frozenset[str] = frozenset()

    def add(self, entry: TriggerEntry) -> None:
        """Add one entry, keeping each word's list ranked: user entries, then specificity."""
        bucket = self.entries.setdefault((entry.pos, entry.lemma), [])
        bucket.append(entry)
        bucket.sort(key=lambda e: (not e.user, -e.specificity))

    def candidates(self, pos: str, lemma: str) -> list[TriggerEntry]:
        """Entries for ``lemma`` as part of speech ``pos``, best first."""
        return self.entries.get((pos, lemma.lower()), [])

    def __len__(self) -> int:
        return sum(len(bucket) for bucket in self.entries.values())

    def codes(self) -> set[str]:
        """Every CAMEO code some entry gives."""
        return {entry.code for bucket in self.entries.values() for entry in bucket}


def _entry_id(code: str, pos: str, words: list[str], options: dict[str, object]) -> str:
    """A stable id built from what the entry says, so that it survives reordering the file."""
    parts = [code, pos.lower(), "_".join(words)]
    for name in _LIST_OPTIONS:
        if options.get(name):
            parts.append(f"{name}={'+'.join(sorted(options[name]))[:40]}")  # type: ignore[arg-type]
    return ":".join(parts)


def read_trigger_file(path: str | Path, *, user: bool = False) -> list[TriggerEntry]:
    """Read and check a trigger file in accord's format; errors name the file and line.

    Raises ``KnowledgeError`` E202 when the file cannot be read and E201 for a bad line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError("E202", path=str(path), detail=str(exc)) from exc
    version = "1"
    entries: list[TriggerEntry] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _VERSION.match(line)
        if match:
            version = match.group(1)
            continue

        def bad(detail: str, number: int = number) -> KnowledgeError:
            return KnowledgeError("E201", path=str(path), line=number, detail=detail)

        fields = [part.strip() for part in line.split("|")]
        if fields[0].lower() in _WORD_LISTS:
            if len(fields) != 2 or not _words_of(fields[1]):
                raise bad(f"expected {fields[0].lower()} | word, word, ...")
            continue  # read by read_word_lists
        if len(fields) not in (3, 4):
            raise bad("expected CODE | POS | TRIGGER [| OPTIONS]")
        code, pos, trigger = fields[:3]
        if not _CODE.match(code):
            raise bad(f"{code!r} is not a CAMEO code of 2 to 4 digits")
        if pos not in TRIGGER_POS:
            raise bad(f"part of speech {pos!r} is not one of {', '.join(TRIGGER_POS)}")
        words = trigger.lower().split()
        if not words:
            raise bad("the trigger is empty")
        options: dict[str, object] = {}
        for option in (fields[3].split() if len(fields) == 4 else []):
            name, _, value = option.partition("=")
            if name in _FLAG_OPTIONS and not value:
                options[name] = True
            elif name == "obj" and value == "*":
                options[name] = ANY_OBJECT
            elif name in _LIST_OPTIONS and value:
                options[name] = frozenset(v for v in value.lower().split(",") if v)
            else:
                raise bad(f"unknown option {option!r}")
        entry_id = _entry_id(code, pos, words, options)
        if entry_id in seen:
            raise bad(f"entry {entry_id} is listed twice")
        seen.add(entry_id)
        entries.append(TriggerEntry(
            id=entry_id, code=code, pos=pos, lemma=words[0], particles=tuple(words[1:]),
            obj=options.get("obj"), mod=options.get("mod"), as_=options.get("as"),  # type: ignore[arg-type]
            subj=options.get("subj"), about=options.get("about"),  # type: ignore[arg-type]
            frame=bool(options.get("frame")), say=bool(options.get("say")),
            partner=bool(options.get("partner")), mutual=bool(options.get("mutual")),
            intransitive=bool(options.get("intransitive")), user=user, version=version,
            origin=f"{path.name}:{number}",
        ))
    return entries


def _words_of(value: str) -> frozenset[str]:
    return frozenset(word.strip().lower() for word in value.split(",") if word.strip())


def read_word_lists(path: str | Path) -> dict[str, frozenset[str]]:
    """The word lists of a trigger file (``nonactor | word, word``, ``sport | word, word``),
    by the name of the list. The file is checked as by :func:`read_trigger_file`."""
    path = Path(path)
    read_trigger_file(path)
    words: dict[str, set[str]] = {name: set() for name in _WORD_LISTS}
    for raw in path.read_text(encoding="utf-8").splitlines():
        fields = [part.strip() for part in raw.split("#", 1)[0].split("|")]
        if fields[0].lower() in _WORD_LISTS and len(fields) == 2:
            words[fields[0].lower()] |= _words_of(fields[1])
    return {name: frozenset(found) for name, found in words.items()}


def _default_path() -> Path:
    return Path(str(resources.files("accord") / "resources" / "events" / "triggers.txt"))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """accord's own lexicon, read once per process."""
    lists = read_word_lists(_default_path())
    lexicon = Lexicon(sources=(str(_default_path()),), non_actors=lists["nonactor"], sport_words=lists["sport"],
                      non_events=lists["nonevent"])
    for entry in read_trigger_file(_default_path()):
        lexicon.add(entry)
    return lexicon


def load_lexicon(verb_files: Iterable[str | Path] = (), discard_files: Iterable[str | Path] = (),
                 *, include_default: bool = True) -> Lexicon:
    """accord's lexicon plus any PETRARCH/TABARI verb and discard files.

    Verb files whose name ends in ``.txt`` and hold ``--- VERB ---`` blocks are
    read as PETRARCH dictionaries; any other verb file is read in accord's own
    trigger format.

    >>> len(load_lexicon()) > 400
    True
    """
    from accord.events import petrarch

    verb_files = [Path(p) for p in verb_files]
    discard_files = [Path(p) for p in discard_files]
    if not verb_files and not discard_files and include_default:
        return default_lexicon()
    base = default_lexicon() if include_default else Lexicon()
    lexicon = Lexicon(entries={key: list(bucket) for key, bucket in base.entries.items()},
                      discards=base.discards, story_discards=base.story_discards,
                      sources=base.sources, non_actors=base.non_actors, sport_words=base.sport_words,
                      non_events=base.non_events)
    for path in verb_files:
        if petrarch.looks_like_petrarch(path):
            added = petrarch.read_verbs(path)
        else:
            added = read_trigger_file(path, user=True)
            lists = read_word_lists(path)
            lexicon.non_actors = lexicon.non_actors | lists["nonactor"]
            lexicon.sport_words = lexicon.sport_words | lists["sport"]
            lexicon.non_events = lexicon.non_events | lists["nonevent"]
        for entry in added:
            lexicon.add(entry)
        lexicon.sources += (str(path),)
    sentence_level: list[tuple[str, ...]] = list(lexicon.discards)
    story_level: list[tuple[str, ...]] = list(lexicon.story_discards)
    for path in discard_files:
        sentence, story = petrarch.read_discards(path)
        sentence_level.extend(sentence)
        story_level.extend(story)
        lexicon.sources += (str(path),)
    lexicon.discards = tuple(sentence_level)
    lexicon.story_discards = tuple(story_level)
    return lexicon
