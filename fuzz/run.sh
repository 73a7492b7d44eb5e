#!/usr/bin/env bash
# Coverage-guided fuzzing of accord's readers with atheris (optional; not part of the test suite).
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET]      (default 120)
#
# atheris is kept out of accord's own environment: this script makes a separate virtual environment
# (FUZZ_VENV, default /tmp/accord-fuzz-venv) that sees accord's .venv packages, installs atheris 3.0.0 there
# (the newest release with a wheel for this Python), and runs each target for the given time. Findings
# (crash-*, timeout-*, oom-* files) land in WORK/findings/TARGET/ and the grown corpus in WORK/corpus/TARGET/,
# WORK being FUZZ_WORK (default /tmp/accord-fuzz), outside the repository; fuzz/seeds/ starts each corpus.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER_TARGET="${1:-120}"
VENV="${FUZZ_VENV:-/tmp/accord-fuzz-venv}"
PY="$ROOT/.venv/bin/python"
WORK="${FUZZ_WORK:-/tmp/accord-fuzz}"
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "atheris==3.0.0"
    SITE="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    VSITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    echo "import site; site.addsitedir('$SITE')" > "$VSITE/accord-venv.pth"
fi
for target in page jsonl dictionaries; do
    mkdir -p "$WORK/corpus/$target" "$WORK/findings/$target"
    cp -n "$ROOT/fuzz/seeds/$target/"* "$WORK/corpus/$target/" 2>/dev/null || true
    echo "== $target: ${SECONDS_PER_TARGET} s"
    (cd "$WORK/findings/$target" && "$VENV/bin/python" "$ROOT/fuzz/harness.py" "$target" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 "$WORK/corpus/$target") 2>&1 | grep -E "^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|==|.*(ERROR|Uncaught|crash-|timeout-|oom-))" || true
done
