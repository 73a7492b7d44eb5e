"""`accord serve`: the HTTP API and the dashboard on localhost."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accord.commands._common import add_db_option
from accord.errors import StoreError

NAME = "serve"
HELP = "serve the HTTP API and the dashboard for a store (localhost only by default)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8321, help="port (default 8321)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from accord.web.app import create_app

    if not Path(args.db).exists():
        raise StoreError("E403", path=args.db)
    print(f"accord serve: dashboard at http://{args.host}:{args.port}/  (API: /api/..., OpenAPI: /openapi.json)",
          file=sys.stderr)
    # keep idle connections 60 s rather than uvicorn's 5: a busy client that reuses a connection just as the
    # server drops it sees the request fail (found by benchmarks/load.py)
    uvicorn.run(create_app(args.db), host=args.host, port=args.port, log_level="warning", timeout_keep_alive=60)
    return 0
