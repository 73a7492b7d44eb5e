"""atheris (coverage-guided) harness over accord's readers: run by hand or by fuzz/run.sh, never by pytest.

    python fuzz/harness.py TARGET [libFuzzer flags] [CORPUS_DIR...]
    python fuzz/harness.py page -atheris_runs=100000 -timeout=10 fuzz/corpus/page

TARGET is one of fuzz/targets.py's TARGETS (page, jsonl, dictionaries). atheris is not an accord dependency:
fuzz/run.sh installs it into a separate virtual environment.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["accord", "targets"]):
    import accord.actors.knowledge  # noqa: F401 - instrumented for coverage
    import accord.events.lexicon  # noqa: F401
    import accord.events.petrarch  # noqa: F401
    import accord.inputs  # noqa: F401
    import accord.page.html  # noqa: F401
    import accord.page.text  # noqa: F401
    import targets


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in targets.TARGETS:
        sys.exit(f"usage: harness.py {{{'|'.join(targets.TARGETS)}}} [libFuzzer flags] [corpus dirs]")
    target = targets.TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
