"""Event clusters: one occurrence, many reports.

The rule (a documented, tested parameter): two event reports belong to the
same cluster when they have the same source code, the same target code and the
same CAMEO base code (first three digits), and their dates lie within
``window_days`` of the cluster's first report (default 1: the same or the
adjacent day). Clusters are anchored on their first report, so a daily series
of protests over a month becomes many clusters rather than one long chain.
Reports with no date (neither the event's nor the page's) form clusters of their own.

Only assertive modalities count as occurrences (``COUNTED_MODALITIES``): a
negated or hypothetical event did not happen, so it is kept as a report but
never clustered nor counted in the relations indices.

Each cluster keeps every report as evidence (``event_clusters``) and counts,
GDELT-style, ``num_mentions`` (reports), ``num_articles`` (distinct pages) and
``num_sources`` (distinct independent origins: a reprint or wire copy counts as
its original outlet, see :func:`accord.store.ingest.origin_of`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

DEFAULT_WINDOW_DAYS = 1
COUNTED_MODALITIES = ("asserted", "reported", "implied")


def assign_clusters(rows: list[tuple], window_days: int = DEFAULT_WINDOW_DAYS) -> dict[str, str]:
    """Map event keys to cluster ids.

    ``rows`` are ``(event_key, source, target, cameo_base, date)`` tuples; pure
    function, so the rule is testable without a store.
    """
    ordered = sorted(rows, key=lambda r: (r[1] or "", r[2] or "", r[3], r[4] or dt.date.max, r[0]))
    assignment: dict[str, str] = {}
    current_key: tuple | None = None
    anchor: dt.date | None = None
    cluster_id = ""
    for event_key, source, target, base, date in ordered:
        group = (source or "", target or "", base)
        starts_new = (
            group != current_key
            or date is None
            or anchor is None
            or (date - anchor).days > window_days
        )
        if starts_new:
            current_key, anchor = group, date
            seed = f"{group}|{date}|{event_key}"
            cluster_id = "c" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]
        assignment[event_key] = cluster_id
    return assignment


def rebuild(connection: Any, window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """Recompute every cluster of the store in one transaction; returns how many there are."""
    placeholders = ",".join("?" for _ in COUNTED_MODALITIES)
    rows = connection.execute(
        f"SELECT event_key, source, target, cameo_base, event_date FROM events WHERE modality IN ({placeholders})",
        list(COUNTED_MODALITIES),
    ).fetchall()
    assignment = assign_clusters(rows, window_days)
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute("DELETE FROM event_clusters")
        connection.execute("DELETE FROM clusters")
        if assignment:
            connection.executemany("INSERT INTO event_clusters VALUES (?, ?)", list(assignment.items()))
        connection.execute(
            """
            INSERT INTO clusters
            SELECT ec.cluster_id, min(e.event_date), max(e.event_date), any_value(e.source), any_value(e.target),
                   any_value(e.cameo_base), any_value(e.cameo_root), any_value(e.quad_class),
                   -- the cluster's Goldstein value is that of its base code: the most frequent full code's value
                   mode(e.goldstein), count(*), count(DISTINCT d.origin), count(DISTINCT e.doc_key)
            FROM event_clusters ec
            JOIN events e USING (event_key)
            JOIN documents d ON d.doc_key = e.doc_key
            GROUP BY ec.cluster_id
            """
        )
        connection.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES ('clusters_stale', 'false')")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return len(set(assignment.values()))
