"""Evaluations of accord against gold sets, each beside a reference system.

:mod:`accord.evaluation.pages` scores page extraction (body, comments, title,
author, date) on real news pages, next to plain trafilatura.
"""

from accord.evaluation.pages import evaluate_pages, format_pages_report

__all__ = ["evaluate_pages", "format_pages_report"]
