"""Write docs/errors.md from accord.errors.CATALOGUE (run after adding a code)."""

from pathlib import Path

from accord.errors import CATALOGUE

lines = ["# Error codes", "",
         "Every expected failure prints one line `CODE: message; hint` and exits with status 2 "
         "(a batch records it as a skip and goes on). The HTTP API returns the same code in "
         '`{"error": {"code", "message", "hint"}}`.', "",
         "| code | message | hint |", "|---|---|---|"]
for code, (message, hint) in sorted(CATALOGUE.items()):
    lines.append(f"| {code} | {message.replace('|', '/')} | {hint.replace('|', '/')} |")
Path(__file__).resolve().parents[1].joinpath("docs", "errors.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
