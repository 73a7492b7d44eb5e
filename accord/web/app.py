"""The HTTP API and dashboard: a FastAPI application over the store's query layer.

Every endpoint reads through :mod:`accord.store.queries` (the same functions the
CLI uses). Errors share one JSON shape, ``{"error": {"code", "message", "hint"}}``,
and every response carries a strict Content-Security-Policy and security headers.
The server has no write endpoint.
"""

from __future__ import annotations

import asyncio
import threading
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from accord import __version__
from accord.errors import AccordError
from accord.store import open_store, queries

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}
MAX_PAGE = queries.MAX_LIMIT
#: largest offset accepted: far beyond any store, and small enough for the database's integers
MAX_OFFSET = 10_000_000
DATE = r"^\d{4}-\d{2}-\d{2}$"
CODE = r"^[A-Za-z]{3}[A-Za-z0-9]{0,12}$"


def error_body(code: str, message: str, hint: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "hint": hint}}


def signal_json(signal: Any) -> dict[str, Any]:
    """A mixed signal as the API and `accord signals` print it, with each statement's document."""
    data = signal.to_json()
    data["a"]["doc_id"], data["b"]["doc_id"] = signal.a.doc_id, signal.b.doc_id
    return data


def static_dir() -> Path:
    return Path(str(resources.files("accord.web").joinpath("static")))


#: longest a request's queries may run before they are interrupted (503, code E503), in seconds
QUERY_SECONDS = 15.0
#: largest request body accepted, in bytes: the API only reads, so requests carry none
MAX_BODY_BYTES = 16 * 1024


class QueryTimeout(Exception):
    """A request's query ran over the app's time limit and was interrupted."""


def create_app(db: str | Path, query_seconds: float = QUERY_SECONDS) -> FastAPI:
    """Build the application serving the store ``db`` (opened read-only per request).

    Each request's queries are interrupted after ``query_seconds``; a request
    whose work outside the database runs longer than twice that is answered
    503 at that point (the work itself cannot be stopped and finishes unseen).
    """
    db = Path(db)
    app = FastAPI(
        title="accord",
        version=__version__,
        description="Political event data: events, clusters, relations indices, actors and documents.",
        docs_url=None,
        redoc_url=None,
    )

    def read(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        import duckdb

        with open_store(db) as connection:
            timer = threading.Timer(query_seconds, connection.interrupt)
            timer.start()
            try:
                return function(connection, *args, **kwargs)
            except duckdb.InterruptException as exc:
                raise QueryTimeout from exc
            finally:
                timer.cancel()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable) -> Response:
        try:
            response = await asyncio.wait_for(refuse_bodies(request, call_next), timeout=2 * query_seconds)
        except asyncio.TimeoutError:
            response = JSONResponse(error_body(
                "E503", f"the request took longer than {2 * query_seconds:g} s",
                "narrow the filters or the date range, or give an actor"), 503)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    async def refuse_bodies(request: Request, call_next: Callable) -> Response:
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES or (
                "chunked" in request.headers.get("transfer-encoding", "").lower()):
            return JSONResponse(error_body("E413", f"request bodies over {MAX_BODY_BYTES} bytes are refused",
                                           "the API only reads: send GET requests without a body"), 413)
        return await call_next(request)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        # a bug, not the client's fault: the one error shape, with no internals in it
        response = JSONResponse(error_body("E500", "internal error", "report it with the request that caused it"), 500)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(QueryTimeout)
    async def query_timeout(_: Request, error: QueryTimeout) -> JSONResponse:
        return JSONResponse(error_body("E503", f"the query took longer than {query_seconds:g} s and was stopped",
                                       "narrow the filters or the date range, or page with limit and offset"), 503)

    @app.exception_handler(AccordError)
    async def accord_error(_: Request, error: AccordError) -> JSONResponse:
        # E502 is a bad parameter, as the request validation's 422; other E5xx are bad options
        status = 404 if error.code == "E403" else 422 if error.code == "E502" else 400 if error.code.startswith("E5") \
            else 500
        if error.code in ("E401", "E402", "E403"):
            status = 503
        return JSONResponse(error.to_json(), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("query", "path"))
        message = f"invalid parameter {where}: {first.get('msg', 'invalid')}"
        return JSONResponse(error_body("E502", message, "see /openapi.json for the parameters"), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "E404", 405: "E405"}.get(error.status_code, f"E{error.status_code}")
        return JSONResponse(error_body(code, str(error.detail), "see /openapi.json for the endpoints"),
                            status_code=error.status_code)

    @app.get("/api/stats", summary="What the store holds")
    def stats() -> dict[str, Any]:
        return read(queries.stats)

    @app.get("/api/events", summary="Event reports with their evidence, filtered and paged")
    def events(
        source: str | None = Query(None, pattern=CODE), target: str | None = Query(None, pattern=CODE),
        code: str | None = Query(None, pattern=r"^\d{2,4}$"),
        date_from: str | None = Query(None, alias="from", pattern=DATE),
        date_to: str | None = Query(None, alias="to", pattern=DATE),
        doc_id: str | None = Query(None, max_length=512),
        modality: str | None = Query(None, pattern=r"^(asserted|negated|hypothetical|implied|reported)$"),
        limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> dict[str, Any]:
        filters = dict(source=source, target=target, code=code, date_from=date_from, date_to=date_to,
                       doc_id=doc_id, modality=modality)
        items = read(queries.events, **filters, limit=limit, offset=offset)
        total = read(queries.count_events, **filters)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/clusters", summary="Event clusters (one occurrence, many reports)")
    def clusters(
        source: str | None = Query(None, pattern=CODE), target: str | None = Query(None, pattern=CODE),
        date_from: str | None = Query(None, alias="from", pattern=DATE),
        date_to: str | None = Query(None, alias="to", pattern=DATE),
        limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> dict[str, Any]:
        items = read(queries.clusters, source=source, target=target, date_from=date_from, date_to=date_to,
                     limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "items": items}

    @app.get("/api/clusters/{cluster_id}", summary="Every report of one cluster")
    def cluster(cluster_id: str) -> dict[str, Any]:
        if len(cluster_id) > 64:
            return JSONResponse(error_body("E404", "no such cluster", "list clusters at /api/clusters"), 404)
        reports = read(queries.cluster_reports, cluster_id)
        if not reports:
            return JSONResponse(error_body("E404", f"no cluster {cluster_id!r}", "list clusters at /api/clusters"),
                                status_code=404)
        return {"cluster_id": cluster_id, "reports": reports}

    @app.get("/api/relations", summary="Relations indices of a directed dyad per period")
    def relations(
        source: str = Query(..., pattern=CODE), target: str = Query(..., pattern=CODE),
        by: str = Query("month", pattern=r"^(day|week|month|year)$"), both: bool = False,
        date_from: str | None = Query(None, alias="from", pattern=DATE),
        date_to: str | None = Query(None, alias="to", pattern=DATE),
    ) -> dict[str, Any]:
        rows = read(queries.relations, source, target, by, date_from, date_to)
        if both:
            rows += read(queries.relations, target, source, by, date_from, date_to)
        return {"by": by, "items": [row.to_json() for row in rows]}

    @app.get("/api/top", summary="Most active dyads and largest changes between periods")
    def top(limit: int = Query(10, ge=1, le=100),
            by: str = Query("month", pattern=r"^(day|week|month|year)$")) -> dict[str, Any]:
        return read(queries.top_dyads, limit=limit, by=by)

    @app.get("/api/actors", summary="Actors across the store")
    def actors(kind: str | None = Query(None, pattern=r"^(person|organisation|country|group)$"),
               limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        return {"items": read(queries.actors, limit=limit, offset=offset, kind=kind)}

    @app.get("/api/network", summary="Actor network (codes and directed edges) for a period")
    def network(date_from: str | None = Query(None, alias="from", pattern=DATE),
                date_to: str | None = Query(None, alias="to", pattern=DATE),
                limit: int = Query(200, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        return read(queries.actor_network, date_from=date_from, date_to=date_to, limit=limit)

    @app.get("/api/documents", summary="Stored pages")
    def documents(limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        return {"items": read(queries.documents, limit=limit, offset=offset)}

    # doc ids are the user's and may hold "/" (sent as %2F): the path converter keeps them whole, and
    # /related is declared first so that it is not read as part of an id
    @app.get("/api/documents/{doc_id:path}/related", summary="Stored pages related to this one")
    def related(doc_id: str, limit: int = Query(5, ge=1, le=50)) -> dict[str, Any]:
        return {"doc_id": doc_id, "items": read(queries.related, doc_id[:512], limit=limit)}

    @app.get("/api/documents/{doc_id:path}", summary="One page with its structure, actors, events and comments")
    def document(doc_id: str) -> Any:
        found = read(queries.document, doc_id[:512])
        if found is None:
            return JSONResponse(error_body("E404", f"no document {doc_id!r}", "list documents at /api/documents"),
                                status_code=404)
        return found

    @app.get("/api/reactions", summary="Reader reactions per comment: stance, incivility, targets")
    def reactions(doc_id: str | None = Query(None, max_length=512), limit: int = Query(200, ge=1, le=MAX_PAGE),
                  offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        return {"items": read(queries.reactions, doc_id=doc_id, limit=limit, offset=offset)}

    @app.get("/api/signals", summary="Mixed signals: contradicting statements by officials of one side")
    def signals(actor: str | None = Query(None, pattern=CODE), window_days: int = Query(14, ge=0, le=3650),
                date_from: str | None = Query(None, alias="from", pattern=DATE),
                date_to: str | None = Query(None, alias="to", pattern=DATE),
                limit: int = Query(50, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        from accord.signals import find_signals

        statements = read(queries.statements, actor=actor, date_from=date_from, date_to=date_to)
        found = find_signals(statements, window_days=window_days, actor=actor.upper() if actor else None)
        return {"items": [signal_json(s) for s in found[:limit]]}

    _static = static_dir()

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(_static / "index.html", media_type="text/html")

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str) -> Response:
        try:
            target = (_static / name).resolve()
            found = _static.resolve() in target.parents and target.is_file()
        except (OSError, ValueError):  # a NUL byte or a name too long for the file system
            found = False
        if not found:
            return JSONResponse(error_body("E404", "not found", "static files live under /static/"), 404)
        return FileResponse(target)

    return app
