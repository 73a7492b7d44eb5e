"""Throughput and memory benchmark on a generated corpus (the demo corpus, repeated and varied).

:func:`run_benchmark` streams generated pages through the local executor in
bounded batches (the corpus is never held in memory), then measures on the
texts of a sample of the same pages:

* the spaCy pipeline alone, unmodified (spaCy's own ``attribute_ruler``, not
  accord's faster equivalent), called page by page (``nlp(text)``) and
  batched (``nlp.pipe``), so the ratio shows what accord's own stages cost;
* each stage of the coder on its own (page, parse, actors, events), to show
  where the time goes.

Peak memory is the largest resident set size of this process and its worker
processes together, sampled while the pages are analysed. Results are plain
JSON so that runs can be compared between commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import resource
import threading
import time
from pathlib import Path
from typing import Any, Iterator

from accord.records import RawDocument

_VARIATIONS = (("Monday", "Tuesday"), ("officials", "diplomats"), ("said", "stated"), ("on Thursday", "on Friday"))
#: pages whose texts are parsed again for the spaCy-alone and per-stage figures
SAMPLE_PAGES = 80
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def generated_corpus(pages: int) -> Iterator[RawDocument]:
    """``pages`` raw documents: the demo corpus repeated, each copy with its own id, URL and shifted date,
    and small wording changes so that copies are not byte-identical."""
    from accord.demo import demo_documents

    base = demo_documents()
    for number in range(pages):
        raw = base[number % len(base)]
        copy = number // len(base)
        date = raw.date
        if date and copy:
            date = (dt.date.fromisoformat(date) + dt.timedelta(days=copy)).isoformat()
        old, new = _VARIATIONS[copy % len(_VARIATIONS)]
        text = raw.text.replace(old, new) if raw.text and copy else raw.text
        html = raw.html.replace(old, new) if raw.html and copy else raw.html
        yield dataclasses.replace(raw, doc_id=f"{raw.doc_id}-{copy}", url=f"https://bench.example/{number}",
                                  date=date, text=text, html=html)


def write_corpus(pages: int, path: str | Path) -> int:
    """Write the generated corpus as JSON Lines (the input of ``accord ingest``); returns the pages written."""
    written = 0
    with open(path, "w", encoding="utf-8") as stream:
        for raw in generated_corpus(pages):
            record = {"id": raw.doc_id, "url": raw.url, "date": raw.date}
            record["html" if raw.html is not None else "text"] = raw.content
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


class MemorySampler:
    """Samples, in a background thread, the resident memory of this process plus all its descendants
    (worker processes), and keeps the peak of the sum. Linux ``/proc`` only; elsewhere it falls back to
    the largest single process that ``getrusage`` reports."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_bytes = 0
        self.peak_own_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        own = _rss(os.getpid())
        if own is None:  # no /proc: the best getrusage can say
            usage = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024
            self.peak_bytes = self.peak_own_bytes = max(self.peak_bytes, usage)
            return
        total = own + sum(_rss(pid) or 0 for pid in _descendants(os.getpid()))
        self.peak_own_bytes = max(self.peak_own_bytes, own)
        self.peak_bytes = max(self.peak_bytes, total)


def _rss(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as stream:
            return int(stream.read().split()[1]) * _PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return None


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stream:
                # the command name may hold spaces: the fields after its closing parenthesis are fixed
                fields = stream.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cpu_seconds() -> float:
    """CPU time (user + system) used so far by this process and its live descendants (workers)."""
    own = time.process_time()
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat", "rb") as stream:
                fields = stream.read().rsplit(b")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime and stime, in clock ticks
        except (OSError, IndexError, ValueError):
            continue
    return own + total / ticks


def run_benchmark(pages: int = 200, workers: int = 1, batch: int | None = None) -> dict[str, Any]:
    """Process ``pages`` generated pages with ``workers`` local workers; return the figures.

    Start-up (loading the pipeline in every worker) is timed apart and left out of the throughput.
    """
    from accord import nlp
    from accord.executors import LocalExecutor
    from accord.records import Skip

    batch = batch or 32 * workers
    started = time.perf_counter()
    done = words = events = skipped = 0
    sample: list[RawDocument] = []
    with MemorySampler() as memory:
        with LocalExecutor(workers=workers) as executor:
            warm = next(generated_corpus(1))
            executor.analyse([warm] * max(2, workers))  # every worker loads its pipeline now
            startup = time.perf_counter() - started
            began, cpu_began = time.perf_counter(), cpu_seconds()
            corpus = generated_corpus(pages)
            while True:
                chunk = [raw for _, raw in zip(range(batch), corpus)]
                if not chunk:
                    break
                for raw, result in zip(chunk, executor.analyse(chunk)):
                    done += 1
                    if isinstance(result, Skip):
                        skipped += 1
                        continue
                    events += len(result.events)
                    words += len(result.page.text.split())
                    if len(sample) < SAMPLE_PAGES:
                        sample.append(raw)
            elapsed, cpu = time.perf_counter() - began, cpu_seconds() - cpu_began
    stages = stage_times(sample)
    sample_words = stages["words"]
    sentences_per_word = stages["sentences"] / sample_words if sample_words else 0.0
    coder_words_per_core = words / elapsed / workers if elapsed else 0.0
    spacy_call = sample_words / stages["spacy_call_seconds"] if stages["spacy_call_seconds"] else 0.0
    spacy_pipe = sample_words / stages["spacy_pipe_seconds"] if stages["spacy_pipe_seconds"] else 0.0
    # CPU-time figures do not depend on what else runs on the machine
    coder_words_per_cpu = words / cpu if cpu else 0.0
    spacy_call_cpu = sample_words / stages["spacy_call_cpu"] if stages["spacy_call_cpu"] else 0.0
    spacy_pipe_cpu = sample_words / stages["spacy_pipe_cpu"] if stages["spacy_pipe_cpu"] else 0.0
    sentences = words * sentences_per_word
    return {
        "pages": done, "skipped": skipped, "workers": workers, "batch": batch,
        "startup_seconds": round(startup, 3), "seconds": round(elapsed, 3),
        "pages_per_second": round(done / elapsed, 3) if elapsed else None,
        "words": words, "sentences_estimated": round(sentences),
        "sentences_per_second_per_core": round(sentences / elapsed / workers, 2) if elapsed else None,
        "words_per_second_per_core": round(coder_words_per_core, 1),
        "events": events,
        "spacy_alone_words_per_second": round(spacy_call, 1),
        "spacy_pipe_words_per_second": round(spacy_pipe, 1),
        "ratio_to_spacy_alone": round(coder_words_per_core / spacy_call, 3) if spacy_call else None,
        "ratio_to_spacy_pipe": round(coder_words_per_core / spacy_pipe, 3) if spacy_pipe else None,
        "cpu_seconds": round(cpu, 3),
        "words_per_cpu_second": round(coder_words_per_cpu, 1),
        "sentences_per_cpu_second": round(sentences / cpu, 2) if cpu else None,
        "spacy_alone_words_per_cpu_second": round(spacy_call_cpu, 1),
        "ratio_to_spacy_alone_cpu": round(coder_words_per_cpu / spacy_call_cpu, 3) if spacy_call_cpu else None,
        "ratio_to_spacy_pipe_cpu": round(coder_words_per_cpu / spacy_pipe_cpu, 3) if spacy_pipe_cpu else None,
        "ratio_in_process_cpu": (round(stages["spacy_call_cpu"] / stages["coder_cpu"], 3)
                                 if stages["coder_cpu"] else None),
        "stage_share": stages["share"],
        "stage_ms_per_page": stages["ms_per_page"],
        "peak_rss_mb": round(memory.peak_bytes / 2**20, 1),
        "peak_rss_main_mb": round(memory.peak_own_bytes / 2**20, 1),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "cpus": os.cpu_count(),
        "spacy_model": nlp.pipeline_info(),
        "measured_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def stage_times(sample: list[RawDocument]) -> dict[str, Any]:
    """Time the coder on the same pages, whole and stage by stage, and the spaCy pipeline alone, in this
    process and in CPU time (so that the figures do not depend on the machine's load).

    ``other`` is what :meth:`Pipeline.analyse` spends beyond the page, parse, actors and events stages
    (statements, comment reactions, building the records).
    """
    from accord import nlp
    from accord.actors import resolve_actors
    from accord.errors import AccordError
    from accord.events import code_events
    from accord.page import parse_page
    from accord.pipeline import Pipeline

    pipeline = Pipeline()
    model, knowledge, lexicon = pipeline.nlp, pipeline.knowledge, pipeline.lexicon
    seconds = {"page": 0.0, "parse": 0.0, "actors": 0.0, "events": 0.0}
    whole = 0.0
    texts: list[str] = []
    sentences = 0
    clock = time.process_time
    for raw in sample[:2]:  # the first pages load what each stage loads lazily: not part of the timing
        try:
            pipeline.analyse(raw)
        except AccordError:
            continue
    for raw in sample:
        start = clock()
        try:
            pipeline.analyse(raw)
        except AccordError:
            continue
        whole += clock() - start
        start = clock()
        page = parse_page(raw)
        seconds["page"] += clock() - start
        start = clock()
        doc = model(page.text)
        seconds["parse"] += clock() - start
        date = page.published or raw.date
        start = clock()
        _, mentions = resolve_actors(page, doc, kb=knowledge, date=date)
        seconds["actors"] += clock() - start
        start = clock()
        code_events(page, doc, mentions, published=date, lexicon=lexicon)
        seconds["events"] += clock() - start
        texts.append(page.text)
        sentences += sum(1 for _ in doc.sents)
    seconds["other"] = max(0.0, whole - sum(seconds.values()))
    with nlp.stock_rules(model):  # the baseline is spaCy's pipeline as published
        start_wall, start = time.perf_counter(), clock()
        for text in texts:
            model(text)
        call, call_cpu = time.perf_counter() - start_wall, clock() - start
        start_wall, start = time.perf_counter(), clock()
        for _ in model.pipe(texts, batch_size=32):
            pass
        pipe, pipe_cpu = time.perf_counter() - start_wall, clock() - start
    total = sum(seconds.values()) or 1.0
    count = max(1, len(texts))
    return {
        "words": sum(len(t.split()) for t in texts), "sentences": sentences,
        "spacy_call_seconds": call, "spacy_pipe_seconds": pipe, "spacy_call_cpu": call_cpu, "spacy_pipe_cpu": pipe_cpu,
        "coder_cpu": whole,
        "share": {stage: round(value / total, 3) for stage, value in seconds.items()},
        "ms_per_page": {stage: round(1000 * value / count, 2) for stage, value in seconds.items()},
    }


def write_result(result: dict[str, Any], path: str | Path) -> None:
    """Write the figures as indented JSON."""
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(result, stream, indent=2)
        stream.write("\n")
