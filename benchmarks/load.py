"""Load test of the HTTP API on loopback: bounded in requests and in time, never pointed elsewhere.

    .venv/bin/python benchmarks/load.py                        # 20,000 requests, 50 at a time, synthetic store
    .venv/bin/python benchmarks/load.py --db accord.duckdb     # over an existing store
    .venv/bin/python benchmarks/load.py --requests 500 --concurrency 10 --events 1000 --json out.json

Without ``--db`` it builds a synthetic store of at least ``--events`` event reports (pages of ten reports
over a dozen country dyads and two years, with comments), stored through :func:`accord.store.ingest` like any
page. It then starts ``accord serve`` on a free 127.0.0.1 port in its own process and sends a mix of the
dashboard's requests (stats, events with filters and offsets, relations of random dyads, clusters, top
dyads, actors, network, documents, one document, related pages, reactions, signals, static files) from
``--concurrency`` async clients until ``--requests`` are answered or ``--max-seconds`` pass.

It prints (and with ``--json`` writes) throughput, p50/p90/p99/max latency overall and per endpoint, and the
failures: any status other than 200, or no answer at all. Not part of the test suite; the suite runs a small
version (tests/test_api_hardening.py).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

COUNTRIES = ("USA", "MEX", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "BRA", "JPN", "IRN", "TUR")
SECTORS = ("", "GOV", "MIL", "BUS", "MED")
# (CAMEO code, QuadClass, Goldstein): a spread over the four classes
CODES = (("010", 1, 0.0), ("036", 1, 4.0), ("042", 1, 1.9), ("043", 1, 2.8), ("057", 1, 8.0), ("061", 2, 6.4),
         ("071", 2, 7.4), ("111", 3, -2.0), ("112", 3, -2.0), ("130", 3, -4.4), ("172", 4, -5.0),
         ("190", 4, -10.0))
EVENTS_PER_PAGE = 10
LOOPBACK = "127.0.0.1"


def synthetic_pages(events: int, seed: int = 7) -> list[tuple[Any, Any]]:
    """(RawDocument, Analysis) pairs holding at least ``events`` event reports in all."""
    from accord.pipeline import Analysis
    from accord.records import Comment, Event, Offsets, RawDocument, build_page

    rng = random.Random(seed)
    pairs = []
    for number in range((events + EVENTS_PER_PAGE - 1) // EVENTS_PER_PAGE):
        doc_id = f"load-{number}"
        day = rng.randrange(730)
        published = time.strftime("%Y-%m-%d", time.gmtime(1_483_228_800 + 86_400 * day))  # from 2017-01-01
        sentences, reports = [], []
        for index in range(EVENTS_PER_PAGE):
            source = rng.choice(COUNTRIES) + rng.choice(SECTORS)
            target = rng.choice([c for c in COUNTRIES if not source.startswith(c)]) + rng.choice(SECTORS)
            code, quad, goldstein = rng.choice(CODES)
            sentence = f"{source} officials acted ({code}) toward {target} on the day of the report."
            sentences.append(sentence)
            reports.append((index, sentence, source, target, code, quad, goldstein))
        page = build_page(doc_id, [(s, None, "body") for s in sentences], title=f"Synthetic report {number}",
                          author="Load Test", published=published, url=f"https://load{number % 40}.example/{number}",
                          comments=(Comment("c1", "Reader", None, "I agree with this report."),
                                    Comment("c2", "Other reader", "c1", "I do not.")))
        built = []
        for (index, sentence, source, target, code, quad, goldstein), paragraph in zip(reports, page.body):
            start = paragraph.start
            trigger = start + len(source) + len(" officials ")
            built.append(Event(
                doc_id=doc_id, sentence_index=index, sentence=sentence, source=source, source_name=source,
                target=target, target_name=target, cameo=code, cameo_root=code[:2], quad_class=quad,
                goldstein=goldstein, plover=None, mode=None, modality="asserted", attributed_to=None,
                date=published, trigger="acted",
                offsets=Offsets(trigger=(trigger, trigger + 5), source=(start, start + len(source)),
                                target=(start + sentence.index(target), start + sentence.index(target) + len(target)),
                                sentence=(start, start + len(sentence))),
                rule="load@1"))
        raw = RawDocument(doc_id=doc_id, text=page.text, url=page.url, date=published)
        pairs.append((raw, Analysis(page=page, events=tuple(built))))
    return pairs


def build_store(db: Path, events: int) -> int:
    """Write a synthetic store of at least ``events`` reports; returns the number stored."""
    from accord.pipeline import Pipeline
    from accord.store import ingest, open_store

    pairs = synthetic_pages(events)
    prepared = {raw.doc_id: analysis for raw, analysis in pairs}

    class Prepared(Pipeline):
        """The analyses are ready: the pipeline's results are them."""

        def analyse(self, raw):
            return prepared[raw.doc_id]

        def analyse_many(self, raws, batch_size=16):
            return [prepared[raw.doc_id] for raw in raws]

    ingest([raw for raw, _ in pairs], db, Prepared(), batch_size=200)
    with open_store(db) as connection:
        return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    """`accord serve` in its own process; its messages go to ``log`` (a pipe nobody reads could fill and stall it)."""
    import httpx

    with open(log, "wb") as stream:
        process = subprocess.Popen([sys.executable, "-m", "accord", "serve", "--db", str(db), "--host", LOOPBACK,
                                    "--port", str(port)], stdout=subprocess.DEVNULL, stderr=stream)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"accord serve stopped: {log.read_text(errors='replace')}")
        try:
            if httpx.get(f"http://{LOOPBACK}:{port}/api/stats", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("accord serve did not start within 60 s")


def request_mix(db: Path, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    """A pool of (endpoint name, path, params) drawn the way the dashboard calls the API."""
    from accord.store import open_store

    with open_store(db) as connection:
        doc_ids = [r[0] for r in connection.execute("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 2000").fetchall()]
        total_events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        codes = [r[0] for r in connection.execute("SELECT DISTINCT source_country FROM events "
                                                  "WHERE source_country IS NOT NULL LIMIT 50").fetchall()]
    codes = codes or list(COUNTRIES)
    rng = random.Random(seed)
    pool: list[tuple[str, str, dict[str, Any]]] = []
    for _ in range(2000):
        a, b = rng.sample(codes, 2) if len(codes) > 1 else (codes[0], codes[0])
        doc = rng.choice(doc_ids) if doc_ids else "none"
        by = rng.choice(["day", "week", "month", "year"])
        pool += [
            ("relations", "/api/relations", {"source": a, "target": b, "by": by}),
            ("relations", "/api/relations", {"source": a, "target": b, "by": "month", "both": "true"}),
            ("events", "/api/events", {"source": a, "limit": 25,
                                       "offset": rng.randrange(0, max(1, min(total_events, 5000)))}),
            ("events", "/api/events", {"target": b, "code": rng.choice(CODES)[0], "from": "2017-03-01",
                                       "to": "2018-06-30", "limit": 25}),
            ("clusters", "/api/clusters", {"source": a, "target": b, "limit": 50}),
            ("documents/{id}", f"/api/documents/{doc}", {}),
            ("documents/{id}/related", f"/api/documents/{doc}/related", {}),
            ("reactions", "/api/reactions", {"doc_id": doc}),
            ("stats", "/api/stats", {}),
        ]
        if rng.random() < 0.25:
            pool += [("top", "/api/top", {"limit": 10, "by": "month"}), ("actors", "/api/actors", {"limit": 100}),
                     ("network", "/api/network", {"limit": 200}), ("documents", "/api/documents", {"limit": 100}),
                     ("signals", "/api/signals", {"actor": a}), ("static", "/static/app.js", {}),
                     ("index", "/", {})]
    rng.shuffle(pool)
    return pool


async def run_load(base: str, pool: list[tuple[str, str, dict[str, Any]]], requests: int, concurrency: int,
                   max_seconds: float, timeout: float) -> dict[str, Any]:
    import httpx

    latencies: dict[str, list[float]] = {}
    failures: dict[str, int] = {}
    sent = 0
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:

        async def worker() -> None:
            nonlocal sent
            while sent < requests and time.monotonic() < deadline:
                name, path, params = pool[sent % len(pool)]
                sent += 1
                if sent % max(1, requests // 10) == 0:
                    print(f"load: {sent} of {requests} sent, {time.monotonic() - deadline + max_seconds:.0f} s",
                          file=sys.stderr)
                started = time.perf_counter()
                try:
                    response = await client.get(path, params=params)
                    await response.aread()
                    status = str(response.status_code)
                except httpx.HTTPError as error:
                    status = type(error).__name__
                latencies.setdefault(name, []).append(time.perf_counter() - started)
                if status != "200":
                    failures[f"{name} {status}"] = failures.get(f"{name} {status}", 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    every = sorted(x for values in latencies.values() for x in values)
    return {
        "requests": len(every), "concurrency": concurrency, "seconds": round(elapsed, 2),
        "throughput_rps": round(len(every) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": summarise(every), "failures": sum(failures.values()), "failures_by_kind": failures,
        "stopped_by_time_limit": len(every) < requests,
        "per_endpoint_ms": {name: {"n": len(v), **summarise(sorted(v))} for name, v in sorted(latencies.items())},
    }


def summarise(ordered: list[float]) -> dict[str, float]:
    if not ordered:
        return {"p50": 0.0, "p90": 0.0, "p99": 0.0, "max": 0.0, "mean": 0.0}
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50": round(1000 * pick(0.50), 1), "p90": round(1000 * pick(0.90), 1),
            "p99": round(1000 * pick(0.99), 1), "max": round(1000 * ordered[-1], 1),
            "mean": round(1000 * statistics.fmean(ordered), 1)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build a synthetic one)")
    parser.add_argument("--events", type=int, default=10_000, help="events in the synthetic store (default 10,000)")
    parser.add_argument("--requests", type=int, default=20_000, help="requests to send (default 20,000)")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight (default 50)")
    parser.add_argument("--max-seconds", type=float, default=900, help="stop sending after this (default 900)")
    parser.add_argument("--timeout", type=float, default=60, help="per-request timeout in seconds (default 60)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", nargs="*", default=[], metavar="ENDPOINT",
                        help="endpoint names to leave out of the mix (e.g. signals)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1 or args.requests > 1_000_000 or args.concurrency > 1000:
        parser.error("--requests must be 1..1,000,000 and --concurrency 1..1000")
    with tempfile.TemporaryDirectory(prefix="accord-load-") as scratch:
        db = args.db
        built = None
        if db is None:
            db = Path(scratch) / "load.duckdb"
            started = time.perf_counter()
            built = build_store(db, args.events)
            print(f"load: built a synthetic store of {built} events in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
        pool = [item for item in request_mix(db, args.seed) if item[0] not in args.skip]
        if not pool:
            parser.error("--skip leaves no request to send")
        port = free_port()
        log = Path(scratch) / "serve.log"
        server = start_server(db, port, log)
        try:
            result = asyncio.run(run_load(f"http://{LOOPBACK}:{port}", pool, args.requests, args.concurrency,
                                          args.max_seconds, args.timeout))
        finally:
            server.terminate()
            server.wait(timeout=30)
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        result["server_log_lines"] = len(lines)
        result["server_log_tail"] = lines[-20:]
        from accord.store import open_store

        with open_store(db) as connection:
            result["store_events"] = int(connection.execute("SELECT count(*) FROM events").fetchone()[0])
            result["store_documents"] = int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    result["synthetic_store"] = built is not None
    result["skipped_endpoints"] = sorted(args.skip)
    result["cpus"] = os.cpu_count()
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    outcome = main()
    sys.exit(1 if outcome["failures"] else 0)
