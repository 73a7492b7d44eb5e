#!/usr/bin/env bash
# Second README command: run the whole test suite, setting up .venv when needed.
#   bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-demo
# keep caches and temporary files inside the workspace
mkdir -p .cache/tmp
export TMPDIR="$PWD/.cache/tmp" PIP_CACHE_DIR="$PWD/.cache/pip" HF_HUB_OFFLINE=1
exec .venv/bin/python -m pytest "$@"
