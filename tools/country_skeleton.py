"""Keep ``accord/resources/actors/countries.csv`` in step with ISO 3166-1.

The code and name skeleton of the country file comes from ``pycountry``; every
other column (aliases, demonyms, capital, seats, cities) is written by hand.
Run this after upgrading pycountry: it adds a row (code, alpha-2 and name only)
for every ISO country the file lacks, corrects alpha-2 codes, keeps all hand-written
columns and the non-ISO rows (Kosovo, CAMEO regions) as they are, and prints what
changed so a person can fill in the new rows.

Usage::

    .venv/bin/python tools/country_skeleton.py            # rewrite the file
    .venv/bin/python tools/country_skeleton.py --check    # report only, exit 1 on drift
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pycountry

COUNTRIES = Path(__file__).resolve().parents[1] / "accord" / "resources" / "actors" / "countries.csv"
COLUMNS = ["iso3", "iso2", "name", "aliases", "demonyms", "capital", "government_seats", "cities"]
#: states outside ISO 3166-1 kept on purpose (Kosovo: CAMEO's KSV, user-assigned alpha-2 XK)
NON_ISO_STATES = {"KSV"}


def iso_skeleton() -> dict[str, dict[str, str]]:
    """One skeleton row per ISO 3166-1 country, keyed by alpha-3 code."""
    skeleton = {}
    for country in pycountry.countries:
        # the common name ("Bolivia") reads better in output than the formal one
        name = getattr(country, "common_name", None) or country.name
        skeleton[country.alpha_3] = {column: "" for column in COLUMNS} | {
            "iso3": country.alpha_3, "iso2": country.alpha_2, "name": name}
    return skeleton


def merge(rows: list[dict[str, str]], skeleton: dict[str, dict[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """Merge the file's rows with the ISO skeleton; return the new rows and a list of changes."""
    changes = []
    by_code = {row["iso3"]: row for row in rows}
    iso_rows = []
    for code in sorted(skeleton):
        if code not in by_code:
            changes.append(f"added {code} {skeleton[code]['name']} (fill in its hand-written columns)")
            iso_rows.append(skeleton[code])
            continue
        row = dict(by_code[code])
        if row["iso2"] != skeleton[code]["iso2"]:
            changes.append(f"{code}: iso2 {row['iso2']!r} -> {skeleton[code]['iso2']!r}")
            row["iso2"] = skeleton[code]["iso2"]
        iso_rows.append(row)
    others = [row for row in rows if row["iso3"] not in skeleton]
    for row in others:
        if row["iso2"] and row["iso3"] not in NON_ISO_STATES:
            changes.append(f"{row['iso3']} has an alpha-2 code but is no longer in ISO 3166-1")
    return iso_rows + others, changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report drift without rewriting the file")
    args = parser.parse_args(argv)
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    merged, changes = merge(rows, iso_skeleton())
    for change in changes:
        print(change)
    if args.check:
        return 1 if changes else 0
    with COUNTRIES.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(merged)
    return 0


if __name__ == "__main__":
    sys.exit(main())
