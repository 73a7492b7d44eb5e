"""Read queries over the store: the one query layer behind the CLI, the HTTP API and the dashboard.

Every value from a user is bound as a parameter, never formatted into SQL;
the only SQL text built at run time is chosen from fixed fragments here.
"""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from dataclasses import dataclass
from typing import Any

from accord.errors import ConfigError

PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
_CODE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
MAX_LIMIT = 1000


def check_code(code: str) -> str:
    """Validate an actor code given by a user (``USA``, ``USAGOV``)."""
    code = code.strip().upper()
    if not _CODE.match(code):
        raise ConfigError("E502", detail=f"actor code {code!r} must be letters like USA or USAGOV")
    return code


def actor_condition(column: str, code: str) -> tuple[str, list[Any]]:
    """SQL condition matching ``column`` to a country code (its first three letters) or,
    for a longer code, to that code and its sub-codes (``USAGOV`` matches ``USAGOVMIL``)."""
    code = check_code(code)
    if column not in ("source", "target", "e.source", "e.target", "c.source", "c.target"):
        raise ValueError(column)
    if len(code) == 3:
        return f"substr({column}, 1, 3) = ?", [code]
    return f"starts_with({column}, ?)", [code]


def _where(conditions: list[str]) -> str:
    return ("WHERE " + " AND ".join(conditions)) if conditions else ""


def _filters(columns: tuple[str, str, str], source: str | None = None, target: str | None = None,
             date_from: str | None = None, date_to: str | None = None) -> tuple[list[str], list[Any]]:
    """Conditions and bound values for the usual filters: actor codes on the ``columns[0]`` and
    ``columns[1]`` columns, and a date range on ``columns[2]``. Every value is checked and bound."""
    source_column, target_column, date_column = columns
    conditions: list[str] = []
    args: list[Any] = []
    for column, value in ((source_column, source), (target_column, target)):
        if value:
            sql, extra = actor_condition(column, value)
            conditions.append(sql)
            args += extra
    for operator, value in ((">=", date_from), ("<=", date_to)):
        if value:
            conditions.append(f"{date_column} {operator} CAST(? AS DATE)")
            args.append(_check_date(value))
    return conditions, args


@dataclass(frozen=True)
class RelationRow:
    """One directed dyad in one period."""

    source: str
    target: str
    period: str
    events: int
    clusters: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    coop: float
    conflict: float
    net: float
    mean: float

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def relations(connection: Any, source: str, target: str, by: str = "month",
              date_from: str | None = None, date_to: str | None = None) -> list[RelationRow]:
    """Relations indices of the directed dyad SOURCE -> TARGET per period.

    Over event clusters (one occurrence, many reports) dated in the period by
    their first report: ``events`` counts reports, ``clusters`` occurrences,
    ``quadN`` occurrences of QuadClass N, ``coop`` the sum of positive Goldstein
    values, ``conflict`` the sum of negative ones, ``net = coop + conflict`` and
    ``mean = net / clusters``.
    """
    if by not in PERIODS:
        raise ConfigError("E502", detail=f"--by must be one of {', '.join(PERIODS)}")
    if not source or not target:
        raise ConfigError("E502", detail="relations need a SOURCE and a TARGET code")
    conditions, filter_args = _filters(("source", "target", "first_date"), source, target, date_from, date_to)
    conditions.append("first_date IS NOT NULL")
    args: list[Any] = [PERIODS[by], *filter_args]
    rows = connection.execute(
        f"""
        SELECT strftime(first_date, ?) AS period,
               sum(num_mentions), count(*),
               count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
               count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
               coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0),
               coalesce(sum(goldstein) FILTER (WHERE goldstein < 0), 0)
        FROM clusters WHERE {' AND '.join(conditions)}
        GROUP BY period ORDER BY period
        """,
        args,
    ).fetchall()
    result = []
    for period, events, clusters, q1, q2, q3, q4, coop, conflict in rows:
        net = round(coop + conflict, 4)
        result.append(RelationRow(source, target, period, int(events), int(clusters), q1, q2, q3, q4,
                                  round(coop, 4), round(conflict, 4), net, round(net / clusters, 4)))
    return result


def top_dyads(connection: Any, limit: int = 10, by: str = "month") -> dict[str, list[dict[str, Any]]]:
    """The most active country dyads, and the largest changes of net Goldstein between consecutive periods."""
    if by not in PERIODS:
        raise ConfigError("E502", detail=f"--by must be one of {', '.join(PERIODS)}")
    limit = max(1, min(int(limit), MAX_LIMIT))
    active = connection.execute(
        """
        SELECT substr(source, 1, 3) AS s, substr(target, 1, 3) AS t, count(*) AS clusters,
               sum(num_mentions) AS events, round(sum(goldstein), 4) AS net
        FROM clusters WHERE source IS NOT NULL AND target IS NOT NULL AND substr(source,1,3) <> substr(target,1,3)
        GROUP BY s, t ORDER BY clusters DESC, events DESC, s, t LIMIT ?
        """,
        [limit],
    ).fetchall()
    changes = connection.execute(
        """
        WITH per AS (
            SELECT substr(source, 1, 3) AS s, substr(target, 1, 3) AS t, strftime(first_date, ?) AS period,
                   sum(goldstein) AS net
            FROM clusters
            WHERE source IS NOT NULL AND target IS NOT NULL AND first_date IS NOT NULL
              AND substr(source,1,3) <> substr(target,1,3)
            GROUP BY s, t, period
        ), steps AS (
            SELECT s, t, period, net, lag(period) OVER w AS previous_period, lag(net) OVER w AS previous_net
            FROM per WINDOW w AS (PARTITION BY s, t ORDER BY period)
        )
        SELECT s, t, previous_period, period, round(previous_net, 4), round(net, 4), round(net - previous_net, 4)
        FROM steps WHERE previous_period IS NOT NULL
        ORDER BY abs(net - previous_net) DESC, s, t, period LIMIT ?
        """,
        [PERIODS[by], limit],
    ).fetchall()
    return {
        "active": [dict(zip(("source", "target", "clusters", "events", "net"), row)) for row in active],
        "changes": [dict(zip(("source", "target", "from_period", "to_period", "from_net", "to_net", "change"), row))
                    for row in changes],
    }


EVENT_COLUMNS = (
    "event_key", "doc_id", "sentence_index", "sentence", "source", "source_name", "target", "target_name",
    "cameo", "cameo_root", "quad_class", "goldstein", "plover", "mode", "context", "modality", "attributed_to",
    "event_date", "trigger", "trigger_start", "trigger_end", "source_start", "source_end", "target_start",
    "target_end", "sentence_start", "sentence_end", "rule", "location_name", "location_country",
    "location_adm1", "latitude", "longitude", "location_feature",
)


def events(connection: Any, *, source: str | None = None, target: str | None = None, code: str | None = None,
           date_from: str | None = None, date_to: str | None = None, doc_id: str | None = None,
           modality: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Event reports with their evidence, filtered and paged, newest first."""
    conditions, args = _event_filters(source, target, code, date_from, date_to, doc_id, modality)
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    rows = connection.execute(
        f"""
        SELECT {columns}, ec.cluster_id, d.url, d.title
        FROM events e LEFT JOIN event_clusters ec USING (event_key) JOIN documents d ON d.doc_key = e.doc_key
        {_where(conditions)}
        ORDER BY e.event_date DESC NULLS LAST, e.doc_id, e.sentence_index, e.trigger_start
        LIMIT ? OFFSET ?
        """,
        [*args, limit, offset],
    ).fetchall()
    names = (*EVENT_COLUMNS, "cluster_id", "url", "title")
    return [_jsonable(dict(zip(names, row))) for row in rows]


def count_events(connection: Any, **filters: Any) -> int:
    conditions, args = _event_filters(*(filters.get(k) for k in
                                        ("source", "target", "code", "date_from", "date_to", "doc_id", "modality")))
    return int(connection.execute(
        f"SELECT count(*) FROM events e {_where(conditions)}", args
    ).fetchone()[0])


def _event_filters(source, target, code, date_from, date_to, doc_id, modality) -> tuple[list[str], list[Any]]:
    conditions, args = _filters(("e.source", "e.target", "e.event_date"), source, target, date_from, date_to)
    if code:
        if not re.fullmatch(r"\d{2,4}", code):
            raise ConfigError("E502", detail=f"CAMEO code {code!r} must be 2 to 4 digits")
        conditions.append("starts_with(e.cameo, ?)")
        args.append(code)
    if doc_id:
        conditions.append("e.doc_id = ?")
        args.append(doc_id)
    if modality:
        conditions.append("e.modality = ?")
        args.append(modality)
    return conditions, args


def _check_date(value: str) -> str:
    """A user's date, checked to be a real calendar day (2017-02-30 is refused here, not by the database)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        raise ConfigError("E502", detail=f"date {value!r} must be YYYY-MM-DD")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ConfigError("E502", detail=f"date {value!r} is not a day of the calendar") from None
    return value


def clusters(connection: Any, *, source: str | None = None, target: str | None = None,
             date_from: str | None = None, date_to: str | None = None,
             limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Event clusters with their counts, newest first."""
    conditions, args = _filters(("c.source", "c.target", "c.first_date"), source, target, date_from, date_to)
    limit = max(1, min(int(limit), MAX_LIMIT))
    rows = connection.execute(
        f"""
        SELECT c.* FROM clusters c {_where(conditions)}
        ORDER BY c.first_date DESC NULLS LAST, c.cluster_id LIMIT ? OFFSET ?
        """,
        [*args, limit, max(0, int(offset))],
    )
    names = [d[0] for d in rows.description]
    return [_jsonable(dict(zip(names, row))) for row in rows.fetchall()]


def cluster_reports(connection: Any, cluster_id: str) -> list[dict[str, Any]]:
    """Every report (event) of one cluster, with the page it came from."""
    rows = connection.execute(
        """
        SELECT e.event_key, e.doc_id, e.sentence, e.event_date, e.trigger, d.url, d.title, d.origin
        FROM event_clusters ec JOIN events e USING (event_key) JOIN documents d ON d.doc_key = e.doc_key
        WHERE ec.cluster_id = ? ORDER BY e.event_date, e.doc_id
        """,
        [cluster_id],
    ).fetchall()
    names = ("event_key", "doc_id", "sentence", "event_date", "trigger", "url", "title", "origin")
    return [_jsonable(dict(zip(names, row))) for row in rows]


def documents(connection: Any, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stored pages, newest first, with their event and comment counts."""
    rows = connection.execute(
        """
        SELECT d.doc_id, d.url, d.title, d.published, d.author, d.reprinted_from,
               (SELECT count(*) FROM events e WHERE e.doc_key = d.doc_key) AS events,
               (SELECT count(*) FROM comments c WHERE c.doc_key = d.doc_key) AS comments
        FROM documents d ORDER BY d.published DESC NULLS LAST, d.doc_id LIMIT ? OFFSET ?
        """,
        [max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))],
    ).fetchall()
    names = ("doc_id", "url", "title", "published", "author", "reprinted_from", "events", "comments")
    return [_jsonable(dict(zip(names, row))) for row in rows]


def document(connection: Any, doc_id: str) -> dict[str, Any] | None:
    """One stored page with its structure, actors, events and comments (None if absent)."""
    row = connection.execute(
        """SELECT doc_key, doc_id, url, title, subtitles, reprinted_from, author, published, sections, text,
                  source_format, origin FROM documents WHERE doc_id = ? ORDER BY doc_key LIMIT 1""",
        [doc_id],
    ).fetchone()
    if row is None:
        return None
    names = ("doc_key", "doc_id", "url", "title", "subtitles", "reprinted_from", "author", "published",
             "sections", "text", "source_format", "origin")
    result = _jsonable(dict(zip(names, row)))
    key = result.pop("doc_key")
    result["paragraphs"] = [
        dict(zip(("text", "section", "kind", "start", "end"), r)) for r in connection.execute(
            "SELECT text, section, kind, start_offset, end_offset FROM paragraphs WHERE doc_key = ? ORDER BY position",
            [key]).fetchall()
    ]
    result["comments"] = [
        dict(zip(("id", "author", "parent", "text", "date", "stance", "uncivil", "targets", "toward_parent"), r))
        for r in connection.execute(
            """SELECT c.comment_id, c.author, c.parent, c.text, c.posted, r.stance, r.uncivil, r.targets,
                      r.toward_parent
               FROM comments c LEFT JOIN comment_reactions r ON r.doc_key = c.doc_key AND r.comment_id = c.comment_id
               WHERE c.doc_key = ? ORDER BY c.position""",
            [key]).fetchall()
    ]
    summary = connection.execute(
        """SELECT comments, agrees, disputes, off_topic, uncivil_share, most_replied, most_replied_count
           FROM article_reactions WHERE doc_key = ?""", [key]).fetchone()
    result["reactions_summary"] = None if summary is None else {
        "comments": summary[0], "stance": {"agrees": summary[1], "disputes": summary[2], "off-topic": summary[3]},
        "uncivil_share": summary[4], "most_replied": summary[5], "most_replied_count": summary[6]}
    result["actors"] = [
        {**dict(zip(("name", "code", "country", "role", "kind"), r[:5])), "mentions": json.loads(r[5])}
        for r in connection.execute(
            "SELECT name, code, country, role, kind, mentions FROM actors WHERE doc_key = ? ORDER BY position",
            [key]).fetchall()
    ]
    result["events"] = events(connection, doc_id=doc_id, limit=MAX_LIMIT)
    return result


def actors(connection: Any, limit: int = 100, offset: int = 0, kind: str | None = None) -> list[dict[str, Any]]:
    """Actors across the store: name, code, kind, how many pages and mentions."""
    conditions, args = [], []
    if kind:
        conditions.append("kind = ?")
        args.append(kind)
    rows = connection.execute(
        f"""
        SELECT name, code, kind, any_value(role), count(DISTINCT doc_key) AS pages,
               sum(json_array_length(mentions)) AS mentions
        FROM actors {_where(conditions)}
        GROUP BY name, code, kind ORDER BY pages DESC, mentions DESC, name LIMIT ? OFFSET ?
        """,
        [*args, max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))],
    ).fetchall()
    return [dict(zip(("name", "code", "kind", "role", "pages", "mentions"), r)) for r in rows]


def actor_network(connection: Any, date_from: str | None = None, date_to: str | None = None,
                  limit: int = 200) -> dict[str, Any]:
    """Nodes (actor codes) and weighted directed edges (clusters between them) for a period."""
    conditions, args = _filters(("source", "target", "first_date"), date_from=date_from, date_to=date_to)
    conditions += ["source IS NOT NULL", "target IS NOT NULL"]
    rows = connection.execute(
        f"""SELECT source, target, count(*), round(sum(goldstein), 4) FROM clusters
            WHERE {' AND '.join(conditions)} GROUP BY source, target ORDER BY count(*) DESC, source, target LIMIT ?""",
        [*args, max(1, min(int(limit), MAX_LIMIT))],
    ).fetchall()
    nodes = sorted({r[0] for r in rows} | {r[1] for r in rows})
    return {"nodes": [{"id": n} for n in nodes],
            "edges": [{"source": s, "target": t, "clusters": n, "net": g} for s, t, n, g in rows]}


def related(connection: Any, doc_id: str, limit: int = 5) -> list[dict[str, Any]]:
    """Stored pages related to ``doc_id``, ranked by shared event clusters (weight 3),
    shared actor codes (weight 1) and shared title words (weight 0.5)."""
    rows = connection.execute(
        """
        WITH me AS (SELECT doc_key, title FROM documents WHERE doc_id = ? LIMIT 1),
        my_clusters AS (SELECT DISTINCT ec.cluster_id FROM event_clusters ec JOIN events e USING (event_key)
                        WHERE e.doc_key = (SELECT doc_key FROM me)),
        shared_clusters AS (
            SELECT e.doc_key, count(DISTINCT ec.cluster_id) AS n FROM event_clusters ec JOIN events e USING (event_key)
            WHERE ec.cluster_id IN (SELECT cluster_id FROM my_clusters) AND e.doc_key <> (SELECT doc_key FROM me)
            GROUP BY e.doc_key),
        my_actors AS (SELECT DISTINCT code FROM actors WHERE doc_key = (SELECT doc_key FROM me) AND code IS NOT NULL),
        shared_actors AS (
            SELECT doc_key, count(DISTINCT code) AS n FROM actors
            WHERE code IN (SELECT code FROM my_actors) AND doc_key <> (SELECT doc_key FROM me) GROUP BY doc_key),
        my_words AS (SELECT DISTINCT w FROM (SELECT unnest(string_split(lower(title), ' ')) AS w FROM me)
                     WHERE length(w) > 4),
        shared_words AS (
            SELECT d.doc_key, count(DISTINCT w) AS n
            FROM documents d, LATERAL (SELECT unnest(string_split(lower(d.title), ' ')) AS w) words
            WHERE w IN (SELECT w FROM my_words) AND d.doc_key <> (SELECT doc_key FROM me) GROUP BY d.doc_key)
        SELECT d.doc_id, d.title, d.published, coalesce(sc.n, 0), coalesce(sa.n, 0), coalesce(sw.n, 0),
               3 * coalesce(sc.n, 0) + coalesce(sa.n, 0) + 0.5 * coalesce(sw.n, 0) AS score
        FROM documents d
        LEFT JOIN shared_clusters sc ON sc.doc_key = d.doc_key
        LEFT JOIN shared_actors sa ON sa.doc_key = d.doc_key
        LEFT JOIN shared_words sw ON sw.doc_key = d.doc_key
        WHERE d.doc_key <> coalesce((SELECT doc_key FROM me), '') AND (sc.n IS NOT NULL OR sa.n IS NOT NULL)
        ORDER BY score DESC, d.published DESC NULLS LAST, d.doc_id LIMIT ?
        """,
        [doc_id, max(1, min(int(limit), MAX_LIMIT))],
    ).fetchall()
    names = ("doc_id", "title", "published", "shared_clusters", "shared_actors", "shared_title_words", "score")
    return [_jsonable(dict(zip(names, r))) for r in rows]


def reactions(connection: Any, doc_id: str | None = None, limit: int = MAX_LIMIT,
              offset: int = 0) -> list[dict[str, Any]]:
    """Per-comment reactions (stance, incivility, targets, thread place), one row per comment."""
    condition, args = ("WHERE d.doc_id = ?", [doc_id]) if doc_id else ("", [])
    rows = connection.execute(
        f"""
        SELECT d.doc_id, c.comment_id, c.author, c.parent, r.stance, r.uncivil, r.targets, r.depth, r.replies,
               r.toward_parent
        FROM comments c JOIN documents d ON d.doc_key = c.doc_key
        LEFT JOIN comment_reactions r ON r.doc_key = c.doc_key AND r.comment_id = c.comment_id
        {condition} ORDER BY d.doc_id, c.position LIMIT ? OFFSET ?
        """,
        [*args, max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))],
    ).fetchall()
    names = ("doc_id", "comment_id", "author", "parent", "stance", "uncivil", "targets", "depth", "replies",
             "toward_parent")
    return [dict(zip(names, r)) for r in rows]


def statements(connection: Any, actor: str | None = None, date_from: str | None = None,
               date_to: str | None = None) -> list[Any]:
    """Stored statements as :class:`accord.records.Statement` records (for mixed signals)."""
    from accord.records import Statement

    conditions, args = _filters(("source", "target", "statement_date"), date_from=date_from, date_to=date_to)
    if actor:
        conditions.append("starts_with(speaker_code, ?)")
        args.append(check_code(actor)[:3])
    rows = connection.execute(
        f"""SELECT doc_id, sentence_index, speaker, speaker_code, text, topic, polarity, statement_date,
                   start_offset, end_offset, kind FROM statements
            {_where(conditions)}
            ORDER BY statement_date NULLS LAST, doc_id, start_offset""",
        args,
    ).fetchall()
    return [Statement(doc_id=r[0], sentence_index=r[1], speaker=r[2], speaker_code=r[3], text=r[4], topic=r[5],
                      polarity=r[6], date=r[7].isoformat() if r[7] else None, start=r[8], end=r[9], kind=r[10])
            for r in rows]


def stats(connection: Any) -> dict[str, Any]:
    """Counts of what the store holds."""
    counts = {}
    for table in ("documents", "paragraphs", "comments", "actors", "events", "clusters", "statements", "skips"):
        counts[table] = int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    counts["skips_by_code"] = dict(connection.execute(
        "SELECT code, count(*) FROM skips GROUP BY code ORDER BY code").fetchall())
    return counts


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO strings and DuckDB decimals as floats, so rows go straight to JSON."""
    for key, value in row.items():
        if hasattr(value, "isoformat"):
            row[key] = value.isoformat()
        elif isinstance(value, Decimal):
            row[key] = float(value)
    return row


EXPORT_EXTRA = ("cluster_id", "num_mentions", "num_sources", "num_articles", "url", "published", "doc_length",
                "origin")


def iter_export(connection: Any, *, date_from: str | None = None, date_to: str | None = None,
                actor: str | None = None, code: str | None = None, batch: int = 5000):
    """Stream every event report matching the filters, with its cluster's counts and its page's URL.

    ``actor`` matches the source or the target (country or actor code). Rows come
    in a stable order (date, document, sentence, trigger offset).
    """
    conditions, args = _event_filters(None, None, code, date_from, date_to, None, None)
    if actor:
        source_sql, source_args = actor_condition("e.source", actor)
        target_sql, target_args = actor_condition("e.target", actor)
        conditions.append(f"({source_sql} OR {target_sql})")
        args += source_args + target_args
    columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    cursor = connection.cursor()
    cursor.execute(
        f"""
        SELECT {columns}, ec.cluster_id, c.num_mentions, c.num_sources, c.num_articles, d.url, d.published,
               length(d.text), d.origin
        FROM events e LEFT JOIN event_clusters ec USING (event_key) LEFT JOIN clusters c USING (cluster_id)
        JOIN documents d ON d.doc_key = e.doc_key
        {_where(conditions)}
        ORDER BY e.event_date NULLS LAST, e.doc_id, e.sentence_index, e.trigger_start, e.event_key
        """,
        args,
    )
    names = (*EVENT_COLUMNS, *EXPORT_EXTRA)
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            break
        for row in rows:
            yield _jsonable(dict(zip(names, row)))
    cursor.close()
