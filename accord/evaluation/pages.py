"""Page extraction scored on real pages, side by side with plain trafilatura.

A gold folder holds HTML pages and an ``expected.json`` mapping each file name
to snippets and metadata (the layout of trafilatura's own evaluation):

* ``with``: snippets that must be in the article text (for accord: body paragraphs
  and the headings between them, as trafilatura's text holds both), ``without``: snippets that
  must not. A ``with`` snippet found is a true positive, missed a false
  negative; a ``without`` snippet found is a false positive, absent a true
  negative. Precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic mean,
  all summed over every page before dividing.
* ``comments``: snippets that must be in the reader comments; we count how many
  are found.
* ``title``, ``author``, ``date``: a page with a non-empty expectation counts as
  right when the expected value, lower-cased with punctuation and extra spaces
  removed, is contained in the extracted one (dates compare as YYYY-MM-DD).
  Authors given as a list are joined by commas first.

This way of counting reproduces the figures published for trafilatura 2.3.1 on
the dev pages (body F1 0.918, comments 8 of 21, title 33 of 38, author 19 of 27,
date 29 of 32).

>>> result = evaluate_pages(Path("pages_dev"))  # doctest: +SKIP
>>> print(format_pages_report(result))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from accord.errors import AccordError, InputError
from accord.inputs import decode
from accord.records import RawDocument

__all__ = ["Extraction", "SystemScore", "evaluate_pages", "format_pages_report", "score_extraction"]

SYSTEMS = ("accord", "trafilatura")
METADATA_FIELDS = ("title", "author", "date")


@dataclass(frozen=True)
class Extraction:
    """What one system extracted from one page, as the scorer sees it."""

    body: str = ""
    comments: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass
class SystemScore:
    """Counts for one system over a gold folder."""

    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0
    comments_found: int = 0
    comments_total: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METADATA_FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METADATA_FIELDS, 0))
    failed_pages: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(precision=round(self.precision, 3), recall=round(self.recall, 3), f1=round(self.f1, 3))
        return data


def _normalise(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return " ".join(re.sub(r"[^\w\s]", " ", str(value or "").lower()).split())


def _date(value: str | None) -> str:
    match = re.search(r"\d{4}-\d{2}-\d{2}", value or "")
    return match.group(0) if match else ""


def score_extraction(score: SystemScore, name: str, expected: dict[str, Any], got: Extraction) -> None:
    """Add one page's counts to ``score``; misses are noted for the report."""
    for snippet in expected.get("with", []):
        if snippet in got.body:
            score.true_positives += 1
        else:
            score.false_negatives += 1
            score.misses.append(f"{name}: body lacks {snippet!r}")
    for snippet in expected.get("without", []):
        if snippet in got.body:
            score.false_positives += 1
            score.misses.append(f"{name}: body has {snippet!r}")
        else:
            score.true_negatives += 1
    for snippet in expected.get("comments", []):
        score.comments_total += 1
        if snippet in got.comments:
            score.comments_found += 1
        else:
            score.misses.append(f"{name}: comments lack {snippet!r}")
    for key in METADATA_FIELDS:
        wanted = expected.get(key)
        if not wanted:
            continue
        score.total[key] += 1
        value = getattr(got, key)
        if key == "date":
            right = bool(_date(value)) and _date(value) == _date(str(wanted))
        else:
            right = bool(_normalise(value)) and _normalise(wanted) in _normalise(value)
        if right:
            score.right[key] += 1
        else:
            score.misses.append(f"{name}: {key} {value!r}, expected {wanted!r}")


def _run_accord(name: str, html: str, url: str | None) -> Extraction:
    from accord.page.html import parse_html

    page = parse_html(RawDocument(doc_id=name, html=html, url=url, path=name))
    # the article's text as a reader sees it: body paragraphs and the headings between them
    article = "\n\n".join(p.text for p in page.paragraphs if p.kind in ("body", "heading"))
    return Extraction(
        body=article,
        comments="\n".join(comment.text for comment in page.comments),
        title=page.title,
        author=page.author,
        date=page.published,
    )


def _run_trafilatura(name: str, html: str, url: str | None) -> Extraction:
    import trafilatura

    document = trafilatura.bare_extraction(html, include_comments=True, with_metadata=True)
    if document is None:
        return Extraction()
    return Extraction(body=document.text or "", comments=document.comments or "", title=document.title,
                      author=document.author, date=document.date)


def evaluate_pages(directory: Path) -> dict[str, Any]:
    """Score accord and plain trafilatura on the pages of ``directory`` (with its ``expected.json``).

    Returns ``{"pages": n, "systems": {"accord": {...}, "trafilatura": {...}}}``; each
    system's figures hold the counts, ``precision``, ``recall``, ``f1``, comments
    found, metadata right out of pages with an expectation, and what was missed.
    A page a system cannot handle counts as an empty extraction.
    """
    directory = Path(directory)
    gold_path = directory / "expected.json"
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError("E100", path=str(gold_path), detail=error.strerror or str(error)) from error
    except ValueError as error:
        raise InputError("E105", path=str(gold_path), line=getattr(error, "lineno", 1), detail=str(error)) from error
    runners: dict[str, Callable[[str, str, str | None], Extraction]] = {
        "accord": _run_accord, "trafilatura": _run_trafilatura}
    scores = {system: SystemScore() for system in SYSTEMS}
    for name in sorted(gold):
        expected = gold[name]
        data = (directory / name).read_bytes()
        try:
            html = decode(data, name)  # as accord reads any page: BOM, UTF-8, then the declared charset
        except InputError:
            html = data.decode("utf-8", errors="replace")
        for system, run in runners.items():
            try:
                got = run(name, html, expected.get("url") or None)
            except AccordError:
                scores[system].failed_pages.append(name)
                got = Extraction()
            score_extraction(scores[system], name, expected, got)
    return {"pages": len(gold), "systems": {system: score.to_json() for system, score in scores.items()}}


def format_pages_report(result: dict[str, Any]) -> str:
    """A plain-text table of :func:`evaluate_pages`' figures, one column per system."""
    systems = result["systems"]
    names = list(systems)

    def row(label: str, values: list[str]) -> str:
        return f"{label:<20}" + "".join(f"{v:>14}" for v in values)

    lines = [f"pages: {result['pages']}", row("measure", names)]
    for key, label in (("precision", "body precision"), ("recall", "body recall"), ("f1", "body F1")):
        lines.append(row(label, [f"{systems[s][key]:.3f}" for s in names]))
    lines.append(row("comments found", [f"{systems[s]['comments_found']}/{systems[s]['comments_total']}"
                                        for s in names]))
    for key in METADATA_FIELDS:
        lines.append(row(f"{key} right", [f"{systems[s]['right'][key]}/{systems[s]['total'][key]}" for s in names]))
    lines.append(row("pages failed", [str(len(systems[s]["failed_pages"])) for s in names]))
    return "\n".join(lines)
