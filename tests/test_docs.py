"""The docs cover the public surface: every command in the README, every error code in docs/errors.md."""

from pathlib import Path

import accord
from accord.cli import _command_modules
from accord.errors import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for module in _command_modules():
        assert f"accord {module.NAME}" in readme, module.NAME


def test_every_error_code_is_documented():
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in CATALOGUE:
        assert f"| {code} |" in errors, f"{code}: run tools/write_error_docs.py"


def test_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert [c.split("#")[0].strip() for c in commands] == ["bash scripts/setup.sh", "bash scripts/test.sh"]
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("exec bash scripts/test.sh")


def test_public_api_is_pinned():
    assert sorted(accord.__all__) == sorted([
        "AccordError", "Actor", "Comment", "Event", "Location", "Mention", "Offsets", "Page", "Paragraph",
        "RawDocument", "Skip", "__version__",
    ])
    for name in accord.__all__:
        assert hasattr(accord, name)
