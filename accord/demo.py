"""The bundled demo corpus: short dated news reports written by the accord team.

>>> docs = demo_documents()          # doctest: +SKIP
>>> docs[0].doc_id, docs[0].date     # doctest: +SKIP
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from accord.errors import KnowledgeError
from accord.records import RawDocument

DEMO_PACKAGE = "accord.resources"


def _demo_root() -> Any:
    return resources.files(DEMO_PACKAGE).joinpath("demo")


def manifest() -> list[dict[str, Any]]:
    """The demo corpus manifest: one dict per page (id, file, url, date, format, dyad, title)."""
    path = _demo_root().joinpath("manifest.jsonl")
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            entry["id"], entry["file"]  # noqa: B018 - both are required
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise KnowledgeError("E201", path="demo/manifest.jsonl", line=number, detail=str(exc)) from exc
        entries.append(entry)
    return entries


def demo_documents() -> list[RawDocument]:
    """The demo pages as raw documents, with their URLs and publication dates."""
    root = _demo_root()
    documents = []
    for entry in manifest():
        content = root.joinpath(entry["file"]).read_text(encoding="utf-8")
        is_html = entry.get("format") == "html" or entry["file"].endswith((".html", ".htm"))
        documents.append(RawDocument(
            doc_id=entry["id"], url=entry.get("url"), date=entry.get("date"),
            text=None if is_html else content, html=content if is_html else None,
            path=f"demo/{entry['file']}",
        ))
    return documents
