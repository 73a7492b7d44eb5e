"""Per-document limits that keep one hostile page from stalling a batch.

The size limit (E104) is checked where documents are read (:mod:`accord.inputs`)
and parsed (:func:`accord.page.parse_page`). The time limit (E111) is this
module's :func:`time_limit`: a block that runs longer than its budget is
interrupted with ``InputError("E111")``, which batches turn into a skip like
any other bad page.

>>> with time_limit(30, "page.html"):  # doctest: +SKIP
...     analysis = pipeline.analyse(raw)
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from accord.errors import InputError

#: default budget for analysing one document, in seconds: the demo pages take well under one
DEFAULT_MAX_SECONDS = 60.0


def _can_interrupt() -> bool:
    """SIGALRM timers exist on POSIX and fire only in the main thread of a process."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Run the block with a budget of ``seconds``; over it, raise ``InputError("E111", path=...)``.

    In the main thread on POSIX the block is interrupted when the budget runs
    out (at the next Python bytecode: a single long call into C, such as one
    regular-expression match, finishes first). Elsewhere (other threads,
    Windows) and inside another running timer, the block runs to its end and
    E111 is raised afterwards if it was over budget: the same outcome, later.
    ``None`` or a value <= 0 means no limit.
    """
    if not seconds or seconds <= 0:
        yield
        return
    started = time.monotonic()
    if not _can_interrupt() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        if time.monotonic() - started > seconds:
            raise InputError("E111", path=path, limit=_shown(seconds))
        return

    class _Expired(BaseException):
        """Raised by the alarm; a BaseException so that `except Exception` inside the block cannot eat it."""

    def on_alarm(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise InputError("E111", path=path, limit=_shown(seconds)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _shown(seconds: float) -> str:
    return f"{seconds:g}"
