"""The ``accord`` command line: a thin layer over the Python API.

Each command lives in its own module of :mod:`accord.commands`, exposing
``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
Expected failures (:class:`accord.errors.AccordError`) print one coded line
on stderr and exit with status 2; nothing prints a traceback for them.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import Sequence

from accord import __version__
from accord.errors import AccordError

EXIT_OK = 0
EXIT_SKIPPED = 1  # a batch finished but skipped some documents (with --strict: failed)
EXIT_ERROR = 2


def _command_modules() -> list:
    import accord.commands as package

    modules = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"accord.commands.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            modules.append(module)
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accord",
        description="Political event data from news pages: who did what to whom, when, according to whom.",
    )
    parser.add_argument("--version", action="version", version=f"accord {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return int(args._run(args) or 0)
    except AccordError as error:
        print(error.line(), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("accord: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
