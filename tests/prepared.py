"""Prepared analyses for store, API and dashboard tests.

The analysis stage is replaced by prepared records so that the store's rules
and the API's answers can be checked against hand-computed figures.
"""

from __future__ import annotations

import dataclasses

import pytest

from accord.pipeline import Analysis, Pipeline
from accord.records import Comment, Event, Offsets, RawDocument, build_page

GOLDSTEIN = {"042": 1.9, "111": -2.0, "036": 4.0, "172": -5.0, "130": -4.4}
QUAD = {"04": 1, "11": 3, "03": 1, "17": 4, "13": 3}


def event(doc_id, code, source, target, date, index=0, modality="asserted"):
    sentence = f"{source} did {code} to {target}."
    base = index * 100  # each prepared sentence starts at its own offset
    trigger_start = base + len(source) + 1
    return Event(
        doc_id=doc_id, sentence_index=index, sentence=sentence, source=source,
        source_name=source, target=target, target_name=target, cameo=code, cameo_root=code[:2],
        quad_class=QUAD[code[:2]], goldstein=GOLDSTEIN[code], plover=None, mode=None, modality=modality,
        attributed_to=None, date=date, trigger="did",
        offsets=Offsets(trigger=(trigger_start, trigger_start + 3), source=(base, base + len(source)),
                        target=(base + len(sentence) - len(target) - 1, base + len(sentence) - 1),
                        sentence=(base, base + len(sentence))),
        rule="test@1",
    )


class PreparedPipeline(Pipeline):
    """Returns prepared analyses instead of running spaCy (see the module docstring)."""

    def __init__(self, analyses):
        super().__init__()
        self.analyses = analyses
        self.analysed = []

    def analyse(self, raw):
        self.analysed.append(raw.doc_id)
        return self.analyses[raw.doc_id]

    def analyse_many(self, raws, batch_size=16):
        return [self.analyse(raw) for raw in raws]


def document(doc_id, url, events, reprinted_from=None, published="2017-02-27", comments=()):
    """A prepared page whose body holds one paragraph per event sentence, offsets aligned."""
    page = build_page(doc_id, [(e.sentence, None, "body") for e in events] or [(f"Body of {doc_id}.", None, "body")],
                      title=f"Title {doc_id}", published=published, reprinted_from=reprinted_from, url=url,
                      comments=tuple(comments))
    aligned = []
    for e, paragraph in zip(events, page.body):
        shift = paragraph.start - e.offsets.sentence[0]
        move = lambda span: (span[0] + shift, span[1] + shift)  # noqa: E731
        aligned.append(dataclasses.replace(e, offsets=Offsets(
            trigger=move(e.offsets.trigger), source=move(e.offsets.source), target=move(e.offsets.target),
            sentence=move(e.offsets.sentence))))
    events = aligned
    raw = RawDocument(doc_id=doc_id, text=f"text of {doc_id}", url=url, date=published)
    return raw, Analysis(page=page, events=tuple(events))


@pytest.fixture()
def corpus():
    docs = [
        document("a1", "https://one.example/a1", [
            event("a1", "042", "USAGOV", "MEX", "2017-02-23"),
            event("a1", "111", "USAGOV", "USAGOV", "2017-02-23", 1),
            event("a1", "130", "MEXGOV", "USA", "2017-02-24", 2),
        ], comments=[Comment("c1", "Reader One", None, "I agree."),
                     Comment("c2", "Reader Two", "c1", "<script>alert(1)</script> no.")]),
        # a report of the same visit the next day, by another outlet: same cluster, second source
        document("a2", "https://two.example/a2", [event("a2", "042", "USAGOV", "MEX", "2017-02-24")]),
        # a reprint of one.example's story: same cluster, but not an independent source
        document("a3", "https://three.example/a3", [event("a3", "042", "USAGOV", "MEX", "2017-02-23")],
                 reprinted_from="one.example"),
        # three days later: a new cluster; in March: another period; a negated event is never counted
        document("a4", "https://one.example/a4", [
            event("a4", "042", "USAGOV", "MEX", "2017-02-27"),
            event("a4", "172", "USAMIL", "MEX", "2017-03-02", 1),
            event("a4", "036", "USAGOV", "MEX", "2017-03-05", 2, modality="negated"),
        ]),
    ]
    return [raw for raw, _ in docs], {raw.doc_id: analysis for raw, analysis in docs}


