"""pytest-benchmark suite over the hot stages, each on the whole demo corpus (40 pages) per round.

Compare runs between commits with ``--benchmark-autosave`` and ``--benchmark-compare``.
"""

from __future__ import annotations

import datetime as dt
import random

ROUNDS = 5


def test_page_parsing(benchmark, raws):
    from accord.page import parse_page

    pages = benchmark.pedantic(lambda: [parse_page(raw) for raw in raws], rounds=ROUNDS, iterations=1, warmup_rounds=1)
    assert len(pages) == len(raws)


def test_spacy_parse_alone(benchmark, pipeline, parsed):
    """The ceiling: the spaCy pipeline on the same texts, as the coder calls it."""
    texts = [page.text for _, page, _, _ in parsed]
    docs = benchmark.pedantic(lambda: [pipeline.nlp(text) for text in texts], rounds=ROUNDS, iterations=1, warmup_rounds=1)
    assert len(docs) == len(texts)


def test_actor_resolution(benchmark, pipeline, parsed):
    from accord.actors import resolve_actors

    def run():
        return [resolve_actors(page, doc, kb=pipeline.knowledge, date=date) for _, page, doc, date in parsed]

    results = benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    assert sum(len(mentions) for _, mentions in results) > 0


def test_event_coding(benchmark, pipeline, resolved):
    from accord.events import code_events

    def run():
        return [code_events(page, doc, mentions, published=date, lexicon=pipeline.lexicon)
                for page, doc, mentions, date in resolved]

    results = benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    assert sum(len(events) for events in results) > 0


def test_clustering_50k_reports(benchmark):
    from accord.store.cluster import assign_clusters

    pick = random.Random(7)
    start = dt.date(2018, 1, 1)
    rows = [(f"e{n}", pick.choice(("USA", "MEX", "CHN", "RUS")), pick.choice(("USA", "MEX", "CHN", "RUS", None)),
             pick.choice(("042", "057", "112", "173", "190")),
             start + dt.timedelta(days=pick.randrange(365)) if n % 50 else None) for n in range(50_000)]
    assignment = benchmark.pedantic(lambda: assign_clusters(rows, 1), rounds=ROUNDS, iterations=1, warmup_rounds=1)
    assert len(assignment) == len(rows)
