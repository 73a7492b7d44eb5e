"""The real-pages evaluation: the scorer's counting rules, and floors on the dev pages."""

from __future__ import annotations

import pytest

from accord.evaluation import evaluate_pages, format_pages_report
from accord.evaluation.pages import Extraction, SystemScore, score_extraction

GOLD = {"with": ["alpha beta", "gamma"], "without": ["menu item", "footer text"], "comments": ["nice post", "agree"],
        "title": "The Title", "author": "Jane Doe", "date": "2020-01-02"}


def test_snippets_count_as_true_and_false_positives_and_negatives():
    score = SystemScore()
    got = Extraction(body="xx alpha beta yy menu item", comments="a nice post here", title="the  title - Site",
                     author="Jane Doe; John Roe", date="2020-01-02T10:00:00")
    score_extraction(score, "page.html", GOLD, got)
    assert (score.true_positives, score.false_negatives) == (1, 1)
    assert (score.false_positives, score.true_negatives) == (1, 1)
    assert (score.comments_found, score.comments_total) == (1, 2)
    assert score.right == {"title": 1, "author": 1, "date": 1}
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.5)


@pytest.mark.parametrize("field, value, right", [
    ("title", "Another Title", False),
    ("title", None, False),
    ("author", "Jane", False),
    ("author", "JANE DOE", True),
    ("date", "2020-01-03", False),
    ("date", "January 2, 2020", False),
])
def test_metadata_must_contain_the_expected_value(field, value, right):
    score = SystemScore()
    score_extraction(score, "p", {**GOLD, "with": [], "without": [], "comments": []}, Extraction(**{field: value}))
    assert score.right[field] == int(right)
    assert score.total[field] == 1


def test_an_author_list_and_an_empty_expectation():
    score = SystemScore()
    gold = {"with": [], "without": [], "author": ["Ann Lee", "Bo Kim"], "title": "", "date": ""}
    score_extraction(score, "p", gold, Extraction(author="Ann Lee, Bo Kim"))
    assert score.right["author"] == 1
    assert score.total == {"title": 0, "author": 1, "date": 0}


@pytest.fixture(scope="module")
def dev_result(shared_dir):
    return evaluate_pages(shared_dir / "eval" / "pages_dev")


def test_the_scorer_reproduces_trafilaturas_published_figures(dev_result):
    reference = dev_result["systems"]["trafilatura"]
    assert (reference["precision"], reference["recall"], reference["f1"]) == (0.864, 0.980, 0.918)
    assert (reference["comments_found"], reference["comments_total"]) == (8, 21)
    assert reference["right"] == {"title": 33, "author": 19, "date": 29}
    assert reference["total"] == {"title": 38, "author": 27, "date": 32}


def test_accord_floors_on_the_dev_pages(dev_result):
    ours = dev_result["systems"]["accord"]
    # measured: F1 0.964 (P 0.948, R 0.980), comments 12/21, title 35, author 21, date 31
    assert ours["f1"] >= 0.954
    assert ours["precision"] >= 0.938
    assert ours["recall"] >= 0.970
    assert ours["comments_found"] >= 12
    assert ours["right"]["title"] >= 35
    assert ours["right"]["author"] >= 21
    assert ours["right"]["date"] >= 31
    assert ours["failed_pages"] == []


def test_accord_is_not_behind_trafilatura(dev_result):
    ours, reference = dev_result["systems"]["accord"], dev_result["systems"]["trafilatura"]
    assert ours["f1"] >= reference["f1"]
    assert ours["comments_found"] > reference["comments_found"]
    assert ours["right"]["title"] >= reference["right"]["title"]
    assert ours["right"]["author"] > reference["right"]["author"]
    assert ours["right"]["date"] > reference["right"]["date"]


def test_the_report_is_a_table_of_both_systems(dev_result):
    report = format_pages_report(dev_result)
    assert report.splitlines()[1].split() == ["measure", "accord", "trafilatura"]
    assert "body F1" in report and "0.918" in report
    assert "comments found" in report and "8/21" in report
