#!/usr/bin/env bash
# First README command: create .venv, install accord and all it needs, run the demo.
#   bash scripts/setup.sh            # set up and run `accord demo`
#   bash scripts/setup.sh --no-demo  # set up only (used by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
.venv/bin/python -m pip install -q -e '.[dev,spark]'
if [ "${1:-}" != "--no-demo" ]; then
  .venv/bin/accord demo
fi
