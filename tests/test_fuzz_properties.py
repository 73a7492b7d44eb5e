"""Fuzzing with hypothesis: whatever the input, each reader ends in a result or a coded AccordError.

Covers what strangers write or hand us: JSON Lines batches (any bytes, any JSON), hostile HTML (deep
nesting, giant attributes, unclosed raw-text tags), user dictionaries in our CSV and PETRARCH/TABARI formats,
verb and discard files, and `accord code` end to end. The plain-text and simple-HTML page parser is covered by
tests/test_page_properties.py; the per-document size (E104) and time (E111) limits are checked here too.
"""

from __future__ import annotations

import io
import json
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.actors.knowledge import KnowledgeBase, load_user_dictionary
from accord.cli import main
from accord.errors import AccordError, InputError
from accord.events.lexicon import load_lexicon
from accord.inputs import iter_documents
from accord.limits import time_limit
from accord.page import parse_page
from accord.records import Page, RawDocument, Skip

# ACCORD_FUZZ_EXAMPLES raises the number of examples for a deeper run by hand (docs/reliability.md)
EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=max(12, EXAMPLES // 12), deadline=None, suppress_health_check=list(HealthCheck))


def pieces(*fragments: str, max_size: int = 40) -> st.SearchStrategy[str]:
    """Strings built of format fragments and random text, so random input reaches the parsers' branches."""
    return st.lists(st.one_of(st.sampled_from(fragments), st.text(max_size=12)), max_size=max_size).map("".join)


def write(tmp_path_factory, name: str, data: str | bytes):
    path = tmp_path_factory.mktemp("fuzz") / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(data)
    return path


def expect_coded(call) -> object:
    """Run ``call``; an AccordError must carry a catalogue code and a one-line message."""
    try:
        return call()
    except AccordError as error:
        assert error.code[0] == "E" and error.code[1:].isdigit()
        assert "\n" not in error.line()
        return error


# --------------------------------------------------------------------------- JSON Lines reader

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "url": JSON_VALUES, "date": st.one_of(JSON_VALUES, st.sampled_from(
        ["2017-02-27", "2017-02-30", "0000-01-01", "2017-02-27T10:00:00Z", "27/02/2017"])),
    "text": st.one_of(JSON_VALUES, pieces("The minister said talks would resume. ", "\n\n", "By Jane Doe\n")),
    "html": st.one_of(JSON_VALUES, pieces("<p>", "</p>", "<div>", "<script>", "The talks resumed. ")),
})
JSONL_BYTES = [b"{", b"}", b"[", b"]", b'"id"', b'"text"', b'"html"', b":", b",", b"\n", b"\r\n", b'"x"', b"\x00",
               b"\xff", b"\xef\xbb\xbf", b"\\u0000", b"\\ud800", b"1e999", b"NaN", b"[" * 50]


@FAST
@given(st.lists(st.one_of(RECORD.map(lambda r: json.dumps(r).encode()),
                          st.lists(st.sampled_from(JSONL_BYTES), max_size=30).map(b"".join),
                          st.binary(max_size=60)), max_size=8))
def test_json_lines_reader_yields_documents_or_coded_skips(tmp_path_factory, lines):
    path = write(tmp_path_factory, "batch.jsonl", b"\n".join(lines))
    items = list(iter_documents([path]))
    assert items, "an empty or all-bad file is still reported (E102 or one skip per record)"
    for item in items:
        if isinstance(item, Skip):
            assert item.code.startswith("E1") and item.reason
        else:
            assert isinstance(item, RawDocument) and item.content.strip()
            assert item.date is None or len(item.date) == 10


@FAST
@given(st.lists(RECORD.map(json.dumps), min_size=1, max_size=5), st.integers(min_value=20, max_value=400))
def test_json_lines_records_over_the_size_limit_are_e104(tmp_path_factory, lines, limit):
    path = write(tmp_path_factory, "batch.jsonl", "\n".join(lines) + "\n")
    items = list(iter_documents([path], max_bytes=limit))
    for line, item in zip([line for line in lines if line.strip()], items):
        # the limit is on the record itself, its line break not counted
        if len(line.encode()) > limit:
            assert isinstance(item, Skip) and item.code == "E104"
        elif isinstance(item, Skip):
            assert item.code != "E104"


# --------------------------------------------------------------------------- hostile HTML

HOSTILE_HTML = ["<div>", "</div>", "<p>", "</p>", "<span>", "<table><tr><td>", "<script>", "</script>", "<style>",
                "<svg onload=alert(1)>", "<img src=x onerror=alert(1)>", "<!--", "-->", "<![CDATA[", "]]>",
                "<a href='javascript:alert(1)'>", "<iframe srcdoc='<script>alert(1)</script>'>", "&#x0;", "&#99999999;",
                "&amp;", "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>", "<base href='//x'>",
                "<p title='" + "a" * 300 + "'>", "\x00", "\ufeff", "<", ">", "'", '"',
                "The minister said talks would resume on Monday. "]


@FAST
@given(st.lists(st.one_of(st.sampled_from(HOSTILE_HTML), st.text(max_size=12)), max_size=60),
       st.integers(min_value=0, max_value=3000))
def test_hostile_html_parses_or_fails_with_a_code(parts, depth):
    html = "<div>" * depth + "".join(parts) + "</div>" * (depth // 2)
    outcome = expect_coded(lambda: parse_page(RawDocument("hostile", html=html)))
    if isinstance(outcome, Page):
        assert all(p.text.strip() for p in outcome.body)
        assert all(outcome.text[p.start:p.end] == p.text for p in outcome.body)
    else:
        assert outcome.code in {"E104", "E106", "E107", "E108", "E109"}


@pytest.mark.parametrize("depth", [5_000, 50_000])
def test_very_deep_html_is_refused_with_e108_not_a_recursion_error(depth):
    html = "<html><body>" + "<div>" * depth + "The talks resumed." + "</div>" * depth + "</body></html>"
    with pytest.raises(InputError) as caught:
        parse_page(RawDocument("deep", html=html))
    assert caught.value.code == "E108"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_page_over_the_size_limit_is_e104_with_a_clear_message(kind):
    content = "The talks resumed. " * 100
    raw = RawDocument("big", **{kind: content if kind == "text" else f"<p>{content}</p>"})
    with pytest.raises(InputError) as caught:
        parse_page(raw, max_chars=500)
    assert caught.value.code == "E104"
    assert "500" in caught.value.message and "--max-bytes" in caught.value.hint


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: 50 MB of size, nothing to read
    [item] = list(iter_documents([path], max_bytes=1024 * 1024))
    assert isinstance(item, Skip) and item.code == "E104" and str(50 * 1024 * 1024) in item.reason


# --------------------------------------------------------------------------- per-document time limit

def test_time_limit_interrupts_a_runaway_block_with_e111():
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        with time_limit(0.2, "slow.html"):
            while True:
                pass
    assert caught.value.code == "E111" and "slow.html" in caught.value.message
    assert time.monotonic() - started < 30, "interrupted, not left to run"


def test_time_limit_cannot_be_swallowed_by_the_block():
    with pytest.raises(InputError) as caught:
        with time_limit(0.1, "sneaky.html"):
            while True:
                try:
                    while True:
                        pass
                except Exception:  # noqa: BLE001 - what a careless parser might do
                    continue
    assert caught.value.code == "E111"


def test_time_limit_lets_a_quick_block_finish_and_leaves_no_alarm_behind():
    import signal

    with time_limit(5, "quick.html"):
        value = sum(range(1000))
    assert value == 499500
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_time_limit_outside_the_main_thread_reports_afterwards():
    import threading

    outcome: list[object] = []

    def work() -> None:
        try:
            with time_limit(0.05, "thread.html"):
                time.sleep(0.2)
            outcome.append("finished")
        except InputError as error:
            outcome.append(error.code)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["E111"]


# --------------------------------------------------------------------------- dictionaries

CSV_PIECES = ["name,aliases,code,role,start,end\n", "name,aliases,code,kind,country\n", "\n", ",", '"', "|",
              "John Kelly", "USAGOV", "usagov", "U$A", "Minister", "2017-01-20", "2017-13-45", "2017-01-19",
              "IGOUNO", "media", "igo", "USA", "#", "\x00", "\ufeff"]
PETRARCH_PIECES = ["\n", "\t", "[USAGOV]", "[USAGOV 170120-180101]", "[USAGOV >170120]", "[USAGOV <991231]",
                   "[~GOV]", "[GOV~]", "[~]", "[", "]", "[UsA]", "[USAGOV 171301-170101]", "+", "+JOHN_KELLY_",
                   "JOHN_KELLY_", "KELLY_", "MINISTER", "!", "{", "}", "&SET", "=", "$", "_", "#", " ", "<", ">"]
VERB_PIECES = ["\n", "--- SAY [010] ---", "--- VERB ---", "---", "[010]", "[0101]", "[999]", "[---]", "- ", "+",
               "$", "*", "^", "%", "{", "}", "(", ")", "SAY", "SAID", "ACCUSE", "&SYNSET", "#", " ", "<", "|", "_",
               "010 | V | say", "042 | N | visit | x", "99 | Q | bad"]
DISCARD_PIECES = ["\n", "+", "$", "GAME", "SPORT_", "<", ">", "#", " ", "_", "~", "!", "[", "]", "&"]


@FAST
@given(pieces(*CSV_PIECES, max_size=50), st.sampled_from(["people.csv", "organisations.csv"]))
def test_csv_user_dictionaries_load_or_raise_a_coded_error(tmp_path_factory, text, name):
    path = write(tmp_path_factory, name, text)
    outcome = expect_coded(lambda: load_user_dictionary(KnowledgeBase(), path))
    assert outcome is None or outcome.code in {"E201", "E202"}


@FAST
@given(pieces(*PETRARCH_PIECES, max_size=50), st.sampled_from([None, True, False]), st.booleans())
def test_petrarch_actor_and_agent_files_load_or_raise_a_coded_error(tmp_path_factory, text, agents, collect):
    path = write(tmp_path_factory, "user.actors.txt", text)
    problems: list = []
    outcome = expect_coded(lambda: load_user_dictionary(KnowledgeBase(), path, agents=agents,
                                                        problems=problems if collect else None))
    assert outcome is None or outcome.code in {"E201", "E202"}
    assert all(problem.code == "E201" for problem in problems)


@FAST
@given(pieces(*VERB_PIECES, max_size=40), pieces(*DISCARD_PIECES, max_size=30),
       st.sampled_from(["verbs.txt", "verbs.lex"]))
def test_verb_and_discard_files_load_or_raise_a_coded_error(tmp_path_factory, verbs, discards, verb_name):
    verb_path = write(tmp_path_factory, verb_name, verbs)
    discard_path = write(tmp_path_factory, "discards.txt", discards)
    outcome = expect_coded(lambda: load_lexicon(verb_files=[verb_path], discard_files=[discard_path]))
    assert not isinstance(outcome, AccordError) or outcome.code in {"E201", "E202", "E203"}


@FAST
@given(st.binary(max_size=200))
def test_binary_dictionaries_are_coded_errors_or_empty(tmp_path_factory, data):
    for name in ("bin.csv", "bin.actors.txt"):
        path = write(tmp_path_factory, name, data)
        outcome = expect_coded(lambda: load_user_dictionary(KnowledgeBase(), path))
        assert outcome is None or outcome.code in {"E201", "E202"}
    path = write(tmp_path_factory, "bin.verbs.txt", data)
    outcome = expect_coded(lambda: load_lexicon(verb_files=[path]))
    assert not isinstance(outcome, AccordError) or outcome.code in {"E201", "E202", "E203"}


# --------------------------------------------------------------------------- accord code end to end

NEWS = ["The United States accused Mexico of ignoring the border deal. ", "Mexico rejected the claim. ",
        "President Trump met Mexican officials in Washington on Monday. ", "\n\n", "By Jane Doe\n",
        "<p>", "</p>", "<script>alert(1)</script>", "'; DROP TABLE events; --", "\x00", "\ufeff", "{", "}"]


@pytest.fixture(scope="module")
def warm_pipeline(nlp):
    """`accord code` loads spaCy through accord.nlp; the session fixture has loaded it once already."""
    return nlp


@SLOW
@given(st.lists(st.one_of(st.sampled_from(NEWS), st.text(max_size=20)), max_size=12).map("".join),
       st.sampled_from(["page.txt", "page.html", "batch.jsonl", "page.bin"]),
       st.sampled_from(["jsonl", "gdelt", "plover"]))
def test_accord_code_ends_in_output_or_a_coded_exit(tmp_path_factory, warm_pipeline, capsys, text, name, fmt):
    if name.endswith(".jsonl"):
        text = json.dumps({"id": "fuzz", "date": "2017-02-27", "text": text}) + "\n" + text[:40]
    path = write(tmp_path_factory, name, text)
    status = main(["code", str(path), "--format", fmt, "--date", "2017-02-27"])
    out, err = capsys.readouterr()
    assert status in (0, 1, 2)
    assert "Traceback" not in err
    if status:
        assert any(line[:1] == "E" and line[1:4].isdigit() for line in err.splitlines()) or "skipped" in err
    if fmt != "gdelt":
        for line in out.splitlines():
            json.loads(line)


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02" * 100, b"%PDF-1.4 binary", "\ufeff".encode() * 3,
                                  b"\xff\xfe\x00\xd8", io.BytesIO(b"x" * 10).getvalue()])
def test_accord_code_on_degenerate_files(tmp_path, warm_pipeline, capsys, data):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    status = main(["code", str(path)])
    err = capsys.readouterr().err
    assert status in (0, 1)
    assert "Traceback" not in err
    if status == 1:
        assert "E1" in err
