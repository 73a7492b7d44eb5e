"""The CAMEO event ontology and its mapping to PLOVER, read from accord's own tables.

``resources/events/cameo.csv`` lists every CAMEO code (roots 01-20, base codes
of three digits, sub codes of four) with its Goldstein value, QuadClass, root,
base, level and a short name of our own. ``resources/events/plover.csv`` maps a
CAMEO code to a PLOVER event type, mode and context; roots 01 (statements) and
02 (appeals) have no PLOVER type. Both files are built by
``tools/build_event_ontology.py`` and checked line by line when first read.

>>> cameo_info("042").goldstein
1.9
>>> normalize_code("0429")   # no such sub code: fall back to its base
'042'
>>> plover_for("042")
('CONSULT', 'visit', None)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from accord.errors import KnowledgeError

__all__ = [
    "CameoInfo",
    "PLOVER_TYPES",
    "all_codes",
    "cameo_info",
    "is_cameo_code",
    "load_cameo",
    "load_plover",
    "normalize_code",
    "plover_for",
    "quad_class_of_root",
]

#: the PLOVER event types that the conversion table uses
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

_CAMEO_HEADER = ["code", "goldstein", "quad_class", "root", "base", "level", "name"]
_PLOVER_HEADER = ["code", "type", "mode", "context"]
_CODE = re.compile(r"^\d{2,4}$")
_LEVELS = {2: "root", 3: "base", 4: "sub"}


@dataclass(frozen=True)
class CameoInfo:
    """One CAMEO code: ``base`` is None for a root code; ``level`` is root, base or sub."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str
    base: str | None
    level: str


def quad_class_of_root(root: str) -> int:
    """QuadClass of a CAMEO root: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict."""
    number = int(root)
    if number <= 5:
        return 1
    if number <= 9:
        return 2
    if number <= 14:
        return 3
    return 4


def _resource(name: str) -> Path:
    return Path(str(resources.files("accord") / "resources" / "events" / name))


def _rows(path: Path, header: list[str]) -> list[tuple[int, list[str]]]:
    """The data rows of a CSV file with their line numbers, after checking its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError("E202", path=str(path), detail=str(exc)) from exc
    rows = list(csv.reader(text.splitlines()))
    if not rows or [cell.strip() for cell in rows[0]] != header:
        raise KnowledgeError("E201", path=str(path), line=1, detail=f"the header must be {','.join(header)}")
    found = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != len(header):
            raise KnowledgeError("E201", path=str(path), line=number,
                                 detail=f"expected {len(header)} fields, found {len(row)}")
        found.append((number, [cell.strip() for cell in row]))
    return found


def load_cameo(path: str | Path | None = None) -> dict[str, CameoInfo]:
    """Read and check a CAMEO table (accord's own when ``path`` is None): code -> :class:`CameoInfo`.

    Raises ``KnowledgeError`` E201 naming the file and line of the first bad row.
    """
    path = Path(path) if path is not None else _resource("cameo.csv")
    table: dict[str, CameoInfo] = {}
    for number, (code, goldstein, quad, root, base, level, name) in _rows(path, _CAMEO_HEADER):
        def bad(detail: str) -> KnowledgeError:
            return KnowledgeError("E201", path=str(path), line=number, detail=detail)

        if not _CODE.match(code):
            raise bad(f"{code!r} is not a CAMEO code of 2 to 4 digits")
        if code in table:
            raise bad(f"code {code} is listed twice")
        try:
            value = float(goldstein)
        except ValueError:
            raise bad(f"Goldstein value {goldstein!r} is not a number") from None
        if not -10.0 <= value <= 10.0:
            raise bad(f"Goldstein value {value} is outside -10..10")
        if root != code[:2] or not 1 <= int(root) <= 20:
            raise bad(f"root {root!r} does not fit code {code}")
        expected_base = code[:3] if len(code) >= 3 else ""
        if base != expected_base:
            raise bad(f"base {base!r} does not fit code {code} (expected {expected_base!r})")
        if level != _LEVELS[len(code)]:
            raise bad(f"level {level!r} does not fit code {code} (expected {_LEVELS[len(code)]!r})")
        if quad != str(quad_class_of_root(root)):
            raise bad(f"QuadClass {quad!r} does not fit root {root} (expected {quad_class_of_root(root)})")
        if not name:
            raise bad(f"code {code} has no name")
        table[code] = CameoInfo(code=code, name=name, goldstein=value, quad_class=int(quad),
                                root=root, base=base or None, level=level)
    for info in table.values():
        parent = info.base if info.level == "sub" else info.root if info.level == "base" else None
        if parent is not None and parent not in table:
            raise KnowledgeError("E201", path=str(path), line=1,
                                 detail=f"code {info.code} has no parent {parent} in the table")
    return table


def load_plover(path: str | Path | None = None,
                cameo: dict[str, CameoInfo] | None = None) -> dict[str, tuple[str, str | None, str | None]]:
    """Read and check a CAMEO-to-PLOVER table: code -> (type, mode or None, context or None).

    ``context`` may hold several contexts joined by ``;``. Every code must be in ``cameo``
    (accord's own CAMEO table when None); raises ``KnowledgeError`` E201 otherwise.
    """
    path = Path(path) if path is not None else _resource("plover.csv")
    known = cameo if cameo is not None else _cameo()
    table: dict[str, tuple[str, str | None, str | None]] = {}
    for number, (code, kind, mode, context) in _rows(path, _PLOVER_HEADER):
        def bad(detail: str) -> KnowledgeError:
            return KnowledgeError("E201", path=str(path), line=number, detail=detail)

        if code not in known:
            raise bad(f"{code!r} is not a CAMEO code")
        if code in table:
            raise bad(f"code {code} is listed twice")
        if kind not in PLOVER_TYPES:
            raise bad(f"{kind!r} is not a PLOVER event type")
        table[code] = (kind, mode or None, context or None)
    return table


@lru_cache(maxsize=1)
def _cameo() -> dict[str, CameoInfo]:
    return load_cameo()


@lru_cache(maxsize=1)
def _plover() -> dict[str, tuple[str, str | None, str | None]]:
    return load_plover()


def _clean(code: object) -> str | None:
    """A code as digits, or None; a one-digit root such as ``"4"`` reads as ``"04"``."""
    if code is None:
        return None
    text = str(code).strip()
    if not text.isdigit() or not 1 <= len(text) <= 4:
        return None
    return text.zfill(2) if len(text) == 1 else text


def is_cameo_code(code: object) -> bool:
    """True when ``code`` is exactly a code of the CAMEO table (no fallback)."""
    return code is not None and str(code).strip() in _cameo()


def normalize_code(code: object) -> str | None:
    """The code itself when CAMEO has it, else its base, else its root, else None.

    Unknown four-digit codes fall back to their base (``"0429"`` -> ``"042"``),
    unknown three-digit ones (old WEIS codes among them) to their root when
    that root exists (``"099"`` -> ``"09"``); anything else gives None.
    """
    text = _clean(code)
    if text is None:
        return None
    table = _cameo()
    for candidate in (text, text[:3], text[:2]):
        if candidate in table:
            return candidate
    return None


def all_codes() -> list[str]:
    """Every code of the CAMEO table, in table order."""
    return list(_cameo())


def cameo_info(code: object) -> CameoInfo:
    """The :class:`CameoInfo` of an exact CAMEO code; ``KnowledgeError`` E203 when there is none.

    >>> cameo_info("173").quad_class
    4
    """
    info = _cameo().get(str(code).strip() if code is not None else "")
    if info is None:
        raise KnowledgeError("E203", value=code)
    return info


def plover_for(code: object) -> tuple[str | None, str | None, str | None]:
    """PLOVER (type, mode, context) of a CAMEO code, falling back to its base and root.

    A mode or context is only taken over from the row that gives the type, so
    a fallback to the root never invents a mode. Codes under roots 01 and 02,
    and codes that are not CAMEO at all, give ``(None, None, None)``.
    """
    text = normalize_code(code)
    if text is None:
        return (None, None, None)
    table = _plover()
    for candidate in (text, text[:3], text[:2]):
        if candidate in table:
            return table[candidate]
    return (None, None, None)
