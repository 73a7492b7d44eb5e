#!/usr/bin/env bash
# Second README command: run the whole test suite, setting up .venv when needed.
#   bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-demo
# the dashboard tests drive Debian's Chromium; nothing downloads a browser
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get install -y -q chromium >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium >/dev/null; }
fi
# keep caches and temporary files inside the workspace
mkdir -p .cache/tmp
export TMPDIR="$PWD/.cache/tmp" PIP_CACHE_DIR="$PWD/.cache/pip" HF_HUB_OFFLINE=1
exec .venv/bin/python -m pytest "$@"
