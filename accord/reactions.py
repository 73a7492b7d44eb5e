"""Reader reactions: each comment's stance, incivility, targets and place in the thread.

Comments are read apart from the article: they are never part of ``page.text``
and never coded as news events. Everything here works from our own lexicons
under ``resources/reactions/`` (regular expressions with weights, so every
label names the cues that decided it) and from word overlap with the article:

* **incivility** (``incivility.tsv``): name-calling, dehumanising and demeaning
  phrases aimed at people. Weights add up; a comment is uncivil at 1.0, so one
  strong insult ("losers", "parasites", "sucking on the teat") is enough, while
  words also used in sharp but civil argument ("puppets", "tyranny") need company.
  Topic words ("slaves" in a comment about exploitation) are not insults.
* **stance** (``stance_cues.tsv``): disputing cues ("not the same as", "you are
  suggesting", "fake news", "leaves out"), agreeing cues ("good for him",
  "spot on", "agreed"), sarcasm markers that turn agreeing words into disputing
  ones ("Yeah… those inflammatory statements. Agreed."), a scare-quoted phrase of
  the article followed by a rebuttal, and a short answer ("No.", "Yes.") to a
  headline that asks a question, read against the article's own tone (VADER
  compound score over its sentences; vaderSentiment ships its lexicon offline).
  A comment that insults the writer or the outlet disputes the article. A comment
  with no cue is ``off-topic`` when it shares no keyword with the article but
  country names (keywords: words of the title and subtitles, the actors' names, and
  words the body uses twice); otherwise its tone (VADER) is compared with the
  headline's: the same sign agrees, the opposite disputes.
* **replies** are first read against the comment they answer (``toward_parent``;
  without a cue a reply is taken to argue, the usual reason to reply), then
  placed toward the article: agreeing with the parent takes the parent's stance,
  disputing it takes the opposite one.
* **targets**: ``article`` (second person to the writer, "this article", a quote of
  the article), ``actor:<name>`` for the article's actors named in the comment,
  ``country:<name>`` and ``group:<plural demonym>`` ("Mexicans").

>>> reactions, summary = assess_comments(page)  # doctest: +SKIP
>>> [(r.author, r.stance, r.uncivil) for r in reactions][:1]  # doctest: +SKIP
[('cooncats', 'disputes', False)]
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from accord.errors import KnowledgeError
from accord.records import Actor, ArticleReactions, Comment, CommentReaction, Page
from accord.statements import read_table

__all__ = ["assess_comments", "incivility", "stance_cues", "summarise", "UNCIVIL_AT"]

#: incivility weight at which a comment is uncivil
UNCIVIL_AT = 1.0
#: net cue weight that decides a stance
_DECIDES = 0.5
#: keyword weight a comment must share with the article (beyond bare country names) to be on topic
_ON_TOPIC_AT = 1.0
#: keyword weight of a country name or demonym (not counted toward being on topic)
_COUNTRY_WEIGHT = 0.25
#: article tones closer to 0 than this are neutral: a comment's own tone then decides
_NEUTRAL_TONE = 0.05
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,120})[\"“”]")
_ARTICLE_WORDS = re.compile(r"\b(?:this|the|your|whoever wrote this)(?: \w+)? (?:article|piece|story|report|writer|author"
                            r"|reporter|headline|paper|newspaper|blog|outlet|site|editors?|coverage|journalists?|drivel|rag)\b"
                            r"|\bwhoever wrote this\b|\bthe media\b|\bfake news\b", re.IGNORECASE)
_TO_WRITER = re.compile(r"\byour (?:piece|article|edit|reporting)\b|\byou (?:are|say|suggest|give|write|claim|imply)\b",
                        re.IGNORECASE)
_STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those there their they them he him his she her we us our you your i me my mine
not no nor so than then too very can could would should will shall may might must do does did done have has
had having what which who whom whose when where why how all any both each few more most other some such only
own same just don't doesn't didn't isn't aren't wasn't won't can't into over under again further once here
about above below up down out off because until while after before during through between against also like
yes yeah ok okay let us one two three""".split())


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    label: str
    weight: float
    line: int


def _patterns(name: str) -> list[_Pattern]:
    """The rows ``regex, label, weight`` of a lexicon of ``resources/reactions/``, compiled."""
    out: list[_Pattern] = []
    for number, (pattern, label, weight_text) in read_table(name, 3, folder="reactions"):
        try:
            out.append(_Pattern(re.compile(pattern, re.IGNORECASE), label, float(weight_text), number))
        except (re.error, ValueError) as exc:
            raise KnowledgeError("E201", path=f"reactions/{name}", line=number, detail=str(exc)) from None
    return out


@functools.lru_cache(maxsize=1)
def _incivility_lexicon() -> list[_Pattern]:
    return _patterns("incivility.tsv")


@functools.lru_cache(maxsize=1)
def _stance_lexicon() -> list[_Pattern]:
    patterns = _patterns("stance_cues.tsv")
    for p in patterns:
        if p.label not in ("disputes", "agrees", "sarcasm", "answer-no", "answer-yes"):
            raise KnowledgeError("E201", path="reactions/stance_cues.tsv", line=p.line,
                                 detail=f"unknown label {p.label!r}")
    return patterns


@functools.lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    words = [fields[0].lower() for _, fields in read_table("generic_words.txt", 1, folder="reactions")]
    return frozenset(words) | frozenset(_stem(w) for w in words)


@functools.lru_cache(maxsize=1)
def _knowledge_countries() -> tuple[Any, ...]:
    from accord.actors import load_knowledge

    return tuple(load_knowledge().countries.values())


def incivility(text: str) -> tuple[float, list[str]]:
    """The incivility weight of ``text`` and the cues found (``kind:matched words``)."""
    weight, cues = 0.0, []
    for pattern in _incivility_lexicon():
        for match in pattern.regex.finditer(text):
            weight += pattern.weight
            cues.append(f"{pattern.label}:{match.group(0).lower()}")
    return weight, cues


def stance_cues(text: str) -> dict[str, tuple[float, list[str]]]:
    """The stance cues of ``text`` by label: total weight and the matched words."""
    found: dict[str, tuple[float, list[str]]] = {}
    text = text.strip()
    for pattern in _stance_lexicon():
        for match in pattern.regex.finditer(text):
            weight, words = found.get(pattern.label, (0.0, []))
            found[pattern.label] = (weight + pattern.weight, words + [match.group(0).strip().lower()])
    return found


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude stem, enough to meet "deportations" with "deportation" and "deported" with "deport"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix in ("ations", "ation", "ment", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _content_words(text: str) -> list[str]:
    generic = _generic_words()
    words = []
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in _STOP or len(word) <= 2:
            continue
        stem = _stem(word)
        if stem not in generic and lower not in generic:
            words.append(stem)
    return words


@functools.lru_cache(maxsize=1)
def _sentiment() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _tone(text: str) -> float:
    """Mean VADER compound score over the sentences of ``text`` (-1 .. 1)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    if not sentences:
        return 0.0
    analyzer = _sentiment()
    return sum(analyzer.polarity_scores(s)["compound"] for s in sentences) / len(sentences)


@dataclass(frozen=True)
class _Reference:
    """What a comment is read against: the article, or the comment it replies to."""

    keywords: dict[str, float]
    text: str
    question: bool  # the headline asks a question
    tone: float


_WORD_RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class _Named:
    """A case-sensitive pattern ``\\b(?:form|form...)\\b`` for the forms of one name, with the
    words a match must start with, so that most texts are ruled out without a search."""

    pattern: re.Pattern[str]
    name: str
    # the leading run of word characters of each form, or None when a form starts with
    # another character (then the pattern is always searched)
    starts: frozenset[str] | None

    @classmethod
    def of(cls, forms: Sequence[str], name: str) -> _Named:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")
        runs = [_WORD_RUN.match(form) for form in forms]
        starts = None if not all(runs) else frozenset(run.group(0) for run in runs if run)
        return cls(pattern, name, starts)

    def found_in(self, text: str, words: frozenset[str]) -> bool:
        """True when the pattern matches ``text``, whose runs of word characters are ``words``.
        A match starts a word of the text (``\\b`` before a word character) and that word
        is the form's leading run, since the form goes on with a non-word character or
        ends at ``\\b``: a text without any of ``starts`` among its words cannot match."""
        if self.starts is not None and self.starts.isdisjoint(words):
            return False
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class _Names:
    actors: tuple[tuple[re.Pattern[str], str], ...]
    countries: tuple[_Named, ...]
    groups: tuple[_Named, ...]


@functools.lru_cache(maxsize=1)
def _country_names() -> tuple[tuple[_Named, ...], tuple[_Named, ...]]:
    """Patterns for country names and nationality plurals, from the actors' knowledge base."""
    countries, groups = [], []
    for country in _knowledge_countries():
        names = [n for n in (country.name, *country.aliases) if len(n) > 3]
        if names:
            countries.append(_Named.of(names, country.name))
        for demonym in country.demonyms:
            if demonym.endswith("s") and len(demonym) > 4:
                groups.append(_Named.of([demonym], demonym))
    return tuple(countries), tuple(groups)


@functools.lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Stems of the words of country names and of demonyms."""
    words = {_stem(w) for table in _country_names() for named in table for w in _WORD.findall(named.name)}
    words |= {_stem(d) for c in _knowledge_countries() for d in c.demonyms}
    return frozenset(words)


def _names(actors: Sequence[Actor]) -> _Names:
    patterns = []
    for actor in actors:
        if actor.kind not in ("person", "organisation"):
            continue
        forms = {actor.name}
        if actor.kind == "person" and " " in actor.name:
            forms.add(actor.name.split()[-1])
        patterns.append((re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
                                    + r")\b"), actor.name))
    countries, groups = _country_names()
    return _Names(tuple(patterns), countries, groups)


def _article_reference(page: Page, actors: Sequence[Actor]) -> _Reference:
    keywords: dict[str, float] = {}
    body_counts = Counter(_content_words(page.text))
    for word, count in body_counts.items():
        keywords[word] = 1.0 if count >= 2 else 0.5
    for line in (page.title or "", *page.subtitles):
        for word in _content_words(line):
            keywords[word] = 2.0
    for actor in actors:
        weight = _COUNTRY_WEIGHT if actor.kind == "country" else 2.0
        for word in _content_words(actor.name):
            keywords[word] = max(keywords.get(word, 0.0), weight)
    country_words = _country_words()
    for word in list(keywords):
        if word in country_words:
            keywords[word] = _COUNTRY_WEIGHT  # bare country names are what nearly every comment on a dyad says
    headline = " ".join((page.title or "", *page.subtitles))
    # the headline carries the article's framing; the body quotes both sides and runs flatter
    lines = [line for line in (page.title or "", *page.subtitles) if line.strip()]
    tone = sum(_tone(line) for line in lines) / len(lines) if lines else 0.0
    return _Reference(keywords, "\n".join((headline, page.text)), "?" in headline, tone or _tone(page.text))


def _comment_reference(comment: Comment) -> _Reference:
    words = set(_content_words(comment.text))
    return _Reference({w: 1.0 for w in words}, comment.text, "?" in comment.text[-200:], _tone(comment.text))


def _relevance(text: str, reference: _Reference) -> float:
    """The weight of the article keywords a comment shares, country names left out."""
    return sum(w for w in (reference.keywords.get(word, 0.0) for word in set(_content_words(text)))
               if w > _COUNTRY_WEIGHT)


def _off_topic(score: float) -> bool:
    """A comment that shares no keyword with the article but country names is about something else."""
    return score < _ON_TOPIC_AT


def _quotes_reference(text: str, reference: _Reference) -> bool:
    lowered = reference.text.lower()
    return any(q.strip().lower() in lowered for q in _QUOTED.findall(text) if len(q.split()) >= 2)


def _judge(text: str, reference: _Reference, reply: bool, insults_writer: bool = False) -> tuple[str, list[str]]:
    """Stance of ``text`` toward ``reference`` and the cues used; ``insults_writer`` says the
    text is uncivil toward the article's writer or outlet, which disputes the article."""
    cues = stance_cues(text)
    used: list[str] = ["insults-writer"] if insults_writer else []
    disputes = cues.get("disputes", (0.0, []))[0] + (1.0 if insults_writer else 0.0)
    agrees = cues.get("agrees", (0.0, []))[0]
    quoted = _quotes_reference(text, reference)
    if "sarcasm" in cues:
        # sarcasm turns agreeing words into their opposite
        disputes, agrees = disputes + agrees + cues["sarcasm"][0], 0.0
    elif quoted and disputes:
        disputes += 0.5
    for label in ("disputes", "agrees", "sarcasm"):
        used.extend(f"{label}:{w}" for w in cues.get(label, (0.0, []))[1])
    if quoted:
        used.append("quotes")
    if reference.question and ("answer-no" in cues or "answer-yes" in cues):
        said_no = "answer-no" in cues
        used.append(f"answer:{'no' if said_no else 'yes'}")
        # a question headline over a gloomy article expects "no"
        expects_no = reference.tone < 0
        answer = "agrees" if said_no == expects_no else "disputes"
        if abs(disputes - agrees) < 1.0:
            return answer, used
    if disputes - agrees >= _DECIDES:
        return "disputes", used
    if agrees - disputes >= _DECIDES:
        return "agrees", used
    score = _relevance(text, reference)
    if not reply and _off_topic(score):
        used.append(f"overlap:{score:.1f}")
        return "off-topic", used
    if reply:
        used.append("reply-default")
        return "disputes", used
    tone = _tone(text)
    used.append(f"tone:{tone:+.2f}/{reference.tone:+.2f}")
    if abs(reference.tone) < _NEUTRAL_TONE:
        # a neutral report: a comment's own valence says how it takes the reported action
        return ("agrees" if tone >= 0 else "disputes"), used
    return ("agrees" if (tone >= 0) == (reference.tone >= 0) else "disputes"), used


def _targets(comment: Comment, names: _Names, quoted: bool, reply: bool) -> tuple[str, ...]:
    """What a comment is about: the article, the article's actors, groups, countries."""
    text = comment.text
    targets: list[str] = []
    # at top level, "you say"/"your piece" speaks to the writer; in a reply, to the other reader
    if quoted or _ARTICLE_WORDS.search(text) or (not reply and _TO_WRITER.search(text)):
        targets.append("article")
    for pattern, name in names.actors:
        if pattern.search(text):
            targets.append(f"actor:{name}")
    words = frozenset(_WORD_RUN.findall(text))
    for group in names.groups:
        if group.found_in(text, words):
            targets.append(f"group:{group.name}")
    for country in names.countries:
        if country.found_in(text, words) and f"country:{country.name}" not in targets:
            targets.append(f"country:{country.name}")
    return tuple(dict.fromkeys(targets))


def _flip(stance: str) -> str:
    return {"agrees": "disputes", "disputes": "agrees"}.get(stance, stance)


def assess_comments(page: Page, doc_of: Callable[[str], Any] | None = None,
                    actors: Sequence[Actor] = ()) -> tuple[list[CommentReaction], ArticleReactions]:
    """Stance, incivility, targets and thread position of every comment of ``page``, and a summary.

    ``actors`` (the article's, from :func:`accord.actors.resolve_actors`) name the
    actors a comment can target; without them, ``doc_of`` (a callable from text to a
    spaCy ``Doc``, e.g. ``accord.nlp.load()``) is used to resolve them. Without
    either, targets hold only the article, countries and groups. Pure: the page in,
    records out; the comments never enter ``page.text``.
    """
    if not actors and doc_of is not None and page.text.strip():
        from accord.actors import resolve_actors

        actors, _ = resolve_actors(page, doc_of(page.text))
    article = _article_reference(page, actors)
    names = _names(actors)
    by_id = {c.id: c for c in page.comments}
    replies = Counter(c.parent for c in page.comments if c.parent)
    stances: dict[str, str] = {}
    parent_references: dict[str, _Reference] = {}  # a comment with several replies is read once
    out: list[CommentReaction] = []
    for comment in page.comments:  # thread order: a parent comes before its replies
        depth, parent = 0, by_id.get(comment.parent) if comment.parent else None
        walker = parent
        while walker is not None and depth < 50:
            depth += 1
            walker = by_id.get(walker.parent) if walker.parent else None
        cues: list[str] = []
        toward_parent = None
        weight, civility_cues = incivility(comment.text)
        if parent is not None:
            reference = parent_references.get(parent.id)
            if reference is None:
                reference = parent_references[parent.id] = _comment_reference(parent)
            toward_parent, cues = _judge(comment.text, reference, reply=True)
            parent_stance = stances.get(parent.id, "off-topic")
            if parent_stance == "off-topic":
                # a thread that left the article stays off it unless the reply comes back
                if not _off_topic(_relevance(comment.text, article)):
                    stance, own = _judge(comment.text, article, reply=False)
                    cues += own
                else:
                    stance = "off-topic"
            else:
                stance = parent_stance if toward_parent == "agrees" else _flip(parent_stance)
        else:
            stance, cues = _judge(comment.text, article, reply=False,
                                  insults_writer=weight >= UNCIVIL_AT and bool(_ARTICLE_WORDS.search(comment.text)))
        stances[comment.id] = stance
        quoted = _quotes_reference(comment.text, article)
        out.append(CommentReaction(
            doc_id=page.doc_id, comment_id=comment.id, author=comment.author, parent=comment.parent,
            stance=stance, uncivil=weight >= UNCIVIL_AT,
            targets=_targets(comment, names, quoted, parent is not None), depth=depth,
            replies=replies.get(comment.id, 0), cues=tuple(cues + civility_cues), toward_parent=toward_parent))
    return out, summarise(page.doc_id, out)


def summarise(doc_id: str, reactions: Iterable[CommentReaction]) -> ArticleReactions:
    """Counts by stance, the share of uncivil comments and the most replied-to comment."""
    reactions = list(reactions)
    counts = {stance: sum(1 for r in reactions if r.stance == stance) for stance in ("agrees", "disputes", "off-topic")}
    uncivil = sum(1 for r in reactions if r.uncivil)
    top = max(reactions, key=lambda r: r.replies, default=None)
    most = top.comment_id if top is not None and top.replies else None
    return ArticleReactions(doc_id=doc_id, comments=len(reactions), stances=counts,
                            uncivil_share=round(uncivil / len(reactions), 3) if reactions else 0.0,
                            most_replied=most, most_replied_count=top.replies if most else 0)
