import re

import pytest

from accord.errors import CATALOGUE, AccordError, InputError, KnowledgeError

FIELDS = {
    "path": "page.html", "detail": "bad", "size": 10, "limit": 5, "line": 3, "language": "fr",
    "depth": 9, "value": "x", "name": "m", "found": 9, "supported": 1, "feature": "spark", "extra": "spark",
}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_formats_into_one_line_with_a_hint(code):
    error = AccordError(code, **FIELDS)
    line = error.line()
    assert line.startswith(f"{code}: ")
    assert "\n" not in line
    assert "{" not in line, "every template field must be filled"
    assert error.hint and error.hint in line


def test_codes_are_well_formed_and_unique_by_construction():
    assert all(re.fullmatch(r"E\d{3}", code) for code in CATALOGUE)


def test_subclasses_keep_code_and_json_shape():
    error = InputError("E102", path="empty.txt")
    assert isinstance(error, AccordError)
    assert error.to_json() == {"error": {"code": "E102", "message": "empty.txt is empty",
                                         "hint": CATALOGUE["E102"][1]}}
    custom = KnowledgeError("E201", hint="remove the stray bracket", path="a.txt", line=4, detail="no code")
    assert custom.line() == "E201: a.txt line 4: no code; remove the stray bracket"
