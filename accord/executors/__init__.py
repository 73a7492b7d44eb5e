"""Executors: where the pipeline runs. One interface, several engines.

``LocalExecutor`` runs in this process (``workers=1``) or in a pool of worker
processes, each loading the pipeline once. The Spark executor lives behind the
optional ``spark`` extra. Stage code never imports an executor's engine.

Every executor has ``analyse(raws) -> list[Analysis | Skip]`` (results in the
order of ``raws``) and ``close()``.
"""

from __future__ import annotations

from accord.executors.local import LocalExecutor, default_workers

__all__ = ["LocalExecutor", "default_workers"]
