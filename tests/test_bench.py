"""`accord bench`: the generated corpus, the memory sampler and the figures it writes."""

from __future__ import annotations

import json
import subprocess
import sys

from accord.bench import MemorySampler, generated_corpus, write_corpus
from accord.cli import main
from accord.demo import demo_documents
from accord.inputs import iter_documents


def test_generated_copies_differ_from_their_original_by_id_url_and_date():
    base = demo_documents()
    copies = list(generated_corpus(len(base) * 2 + 1))
    assert len({raw.doc_id for raw in copies}) == len(copies)
    assert len({raw.url for raw in copies}) == len(copies)
    original, copy = copies[0], copies[len(base)]
    assert copy.date != original.date or original.date is None
    assert copy.doc_id.startswith(base[0].doc_id)


def test_written_corpus_reads_back_as_the_generated_pages(tmp_path):
    path = tmp_path / "corpus.jsonl"
    assert write_corpus(45, path) == 45
    read = list(iter_documents([path]))
    generated = list(generated_corpus(45))
    assert [(r.doc_id, r.url, r.date, r.content) for r in read] == [
        (g.doc_id, g.url, g.date, g.content) for g in generated]


def test_peak_memory_counts_child_processes():
    with MemorySampler(interval=0.02) as alone:
        pass
    child = "import time; block = bytearray(120 * 2**20); block[::4096] = b'x' * len(block[::4096]); time.sleep(1)"
    with MemorySampler(interval=0.02) as memory:
        subprocess.run([sys.executable, "-c", child], check=True)
    assert memory.peak_bytes - memory.peak_own_bytes >= 100 * 2**20
    assert memory.peak_own_bytes < alone.peak_own_bytes + 50 * 2**20


def test_bench_command_writes_the_figures_as_json(tmp_path, capsys, nlp):
    output = tmp_path / "bench.json"
    assert main(["bench", "--pages", "3", "--workers", "1", "--output", str(output)]) == 0
    printed = json.loads(capsys.readouterr().out)
    saved = json.loads(output.read_text(encoding="utf-8"))
    assert saved == printed
    assert saved["pages"] == 3 and saved["workers"] == 1 and saved["skipped"] == 0
    assert saved["words"] > 0 and saved["sentences_estimated"] > 0
    assert saved["pages_per_second"] > 0 and saved["sentences_per_second_per_core"] > 0
    assert 0 < saved["ratio_to_spacy_alone"] and 0 < saved["ratio_to_spacy_alone_cpu"]
    assert abs(sum(saved["stage_share"].values()) - 1) < 0.01
    assert saved["peak_rss_mb"] >= saved["peak_rss_main_mb"] > 50, "spaCy is loaded: tens of MB at least"


def test_bench_refuses_a_corpus_of_no_pages(capsys):
    assert main(["bench", "--pages", "0"]) != 0
    assert "E502" in capsys.readouterr().err
