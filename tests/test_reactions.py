"""Reader reactions: stance, incivility, targets and thread place of comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.errors import KnowledgeError
from accord.inputs import read_document
from accord.page import parse_page
from accord.reactions import assess_comments, incivility, stance_cues, summarise
from accord.records import Comment, CommentReaction, build_page

from tests.conftest import FIXTURES, SEED_TEXT

CASES_DIR = FIXTURES / "reactions"
ARTICLES = json.loads((CASES_DIR / "articles.json").read_text(encoding="utf-8"))
CASES = [json.loads(line) for line in (CASES_DIR / "comments.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]
DEMO = Path(__file__).resolve().parents[1] / "accord" / "resources" / "demo"
#: the demo labels' stance names -> ours
DEMO_STANCE = {"favor": "agrees", "against": "disputes", "none": "off-topic"}
#: measured accuracy floors (see the closing report); they may only rise
OWN_STANCE_FLOOR = 0.8
OWN_CIVILITY_FLOOR = 0.9
DEMO_STANCE_FLOOR = 0.8
DEMO_CIVILITY_FLOOR = 0.9


def _fixture_page(article_id: str):
    article = ARTICLES[article_id]
    comments = tuple(Comment(id=c["id"], author=c["author"], parent=c["parent"], text=c["text"])
                     for c in CASES if c["article"] == article_id)
    return build_page(article_id, [(text, None, "body") for text in article["body"]],
                      title=article["title"], subtitles=tuple(article["subtitles"]), comments=comments)


@pytest.fixture(scope="module")
def own_results(nlp) -> dict[str, CommentReaction]:
    results: dict[str, CommentReaction] = {}
    for article_id in ARTICLES:
        reactions, _ = assess_comments(_fixture_page(article_id), nlp)
        results.update({r.comment_id: r for r in reactions})
    return results


@pytest.fixture(scope="module")
def seed_reactions(nlp):
    page = parse_page(read_document(SEED_TEXT))
    return page, assess_comments(page, nlp)


def _accuracy(pairs: list[tuple[object, object]]) -> float:
    return sum(1 for got, expected in pairs if got == expected) / len(pairs)


def test_own_cases_are_many_and_varied():
    assert len(CASES) >= 30
    assert {c["stance"] for c in CASES} == {"agrees", "disputes", "off-topic"}
    assert any(c["uncivil"] for c in CASES) and any(c["parent"] for c in CASES)


def test_own_cases_stance_accuracy(own_results):
    pairs = [(own_results[c["id"]].stance, c["stance"]) for c in CASES]
    assert _accuracy(pairs) >= OWN_STANCE_FLOOR


def test_own_cases_civility_accuracy(own_results):
    pairs = [(own_results[c["id"]].uncivil, c["uncivil"]) for c in CASES]
    assert _accuracy(pairs) >= OWN_CIVILITY_FLOOR


@pytest.mark.parametrize("case", [c for c in CASES if c.get("toward_parent")], ids=lambda c: c["id"])
def test_replies_are_read_against_their_parent(own_results, case):
    reaction = own_results[case["id"]]
    assert reaction.depth >= 1 and reaction.parent == case["parent"]
    assert reaction.toward_parent == case["toward_parent"]


@pytest.mark.parametrize("case", [c for c in CASES if c["stance"] == "off-topic"], ids=lambda c: c["id"])
def test_unrelated_comments_are_off_topic(own_results, case):
    assert own_results[case["id"]].stance == "off-topic"


def test_seed_stance_matches_gold(seed_reactions, seed_gold):
    page, (reactions, _) = seed_reactions
    gold = seed_gold["reader_reactions"]
    by_author = {r.author: r for r in reactions}
    assert set(by_author) == set(gold)
    matches = sum(1 for author, g in gold.items() if by_author[author].stance == g["stance_to_article"])
    assert matches >= 5


@pytest.mark.parametrize("author,uncivil", [("K. Chris C.", True), ("GOPerson", True), ("Henry Wilson", True),
                                            ("Peter Maiz", False), ("Hailey Mannering", False)])
def test_seed_incivility(seed_reactions, author, uncivil):
    _, (reactions, _) = seed_reactions
    assert next(r for r in reactions if r.author == author).uncivil is uncivil


def test_seed_thread_and_summary(seed_reactions):
    page, (reactions, summary) = seed_reactions
    hailey = next(r for r in reactions if r.author == "Hailey Mannering")
    chris = next(r for r in reactions if r.author == "K. Chris C.")
    assert hailey.depth == 1 and hailey.parent == chris.comment_id and chris.replies == 1
    assert summary.comments == len(page.comments) == sum(summary.stances.values())
    assert summary.most_replied == chris.comment_id
    assert summary.uncivil_share == round(sum(r.uncivil for r in reactions) / len(reactions), 3)


def test_seed_targets(seed_reactions):
    _, (reactions, _) = seed_reactions
    cooncats = next(r for r in reactions if r.author == "cooncats")
    assert "article" in cooncats.targets
    assert "actor:Donald Trump" in cooncats.targets and "group:Mexicans" in cooncats.targets


def test_comments_stay_out_of_the_article_text(seed_reactions):
    page, _ = seed_reactions
    for comment in page.comments:
        assert comment.text[:40] not in page.text


def _demo_results(nlp):
    labels = [json.loads(line) for line in (DEMO / "comment_labels.jsonl").read_text(encoding="utf-8").splitlines()]
    manifest = {m["id"]: m for m in map(json.loads, (DEMO / "manifest.jsonl").read_text(encoding="utf-8").splitlines())}
    pages: dict[str, tuple] = {}
    out = []
    for label in labels:
        if label["page"] not in pages:
            entry = manifest[label["page"]]
            page = parse_page(read_document(DEMO / entry["file"], date=entry["date"]))
            pages[label["page"]] = (page, assess_comments(page, nlp)[0])
        page, reactions = pages[label["page"]]
        found = [r for c, r in zip(page.comments, reactions) if c.text.strip().startswith(label["starts_with"])]
        assert found, f"comment {label['starts_with']!r} not found on {label['page']}"
        out.append((label, found[0]))
    return out


def test_demo_labels_accuracy(nlp):
    results = _demo_results(nlp)
    # a top-level comment's label is toward the article, a reply's toward its parent
    stance = [((r.stance if label["depth"] == 0 else r.toward_parent), DEMO_STANCE[label["stance"]])
              for label, r in results]
    civility = [(r.uncivil, label["uncivil"]) for label, r in results]
    assert _accuracy(stance) >= DEMO_STANCE_FLOOR
    assert _accuracy(civility) >= DEMO_CIVILITY_FLOOR


@pytest.mark.parametrize("text,uncivil", [
    ("You are an idiot.", True),
    ("They are parasites living off our taxes.", True),
    ("Stop sucking on the teat of the taxpayer.", True),
    ("The policy treats migrant workers like de facto slaves.", False),
    ("I think the minister is wrong about tariffs.", False),
    ("Some call them puppets of the cartel.", False),
    ("Those puppets are clueless.", True),
])
def test_incivility_weights_add_up(text, uncivil):
    weight, cues = incivility(text)
    assert (weight >= 1.0) is uncivil
    assert bool(cues) is (weight > 0)


def test_sarcasm_turns_agreement_into_dispute():
    page = build_page("p", [("The minister said the reform would lower prices.", None, "body")],
                      title="Reform will lower prices, minister says",
                      comments=(Comment("c1", "a", None, "Yeah... lower prices. Agreed, the reform is wonderful."),
                                Comment("c2", "b", None, "Agreed, the reform will lower prices.")))
    reactions, _ = assess_comments(page)
    assert [r.stance for r in reactions] == ["disputes", "agrees"]
    assert "sarcasm:yeah..." in reactions[0].cues


def test_stance_cues_report_their_words():
    cues = stance_cues("That is simply wrong, and it is fake news.")
    assert cues["disputes"][0] >= 2.0 and "fake news" in cues["disputes"][1]


def test_empty_thread_summary():
    summary = summarise("d", [])
    assert summary.comments == 0 and summary.most_replied is None and summary.uncivil_share == 0.0


def test_broken_lexicon_names_file_and_line(monkeypatch, tmp_path):
    import accord.statements as statements

    (tmp_path / "reactions").mkdir()
    (tmp_path / "reactions" / "bad.tsv").write_text("# comment\n\\bok\\b\tdisputes\n", encoding="utf-8")

    class Files:
        def __truediv__(self, part):
            return tmp_path if part == "resources" else self

    monkeypatch.setattr(statements.resources, "files", lambda _pkg: Files())
    with pytest.raises(KnowledgeError) as info:
        statements.read_table("bad.tsv", 3, folder="reactions")
    assert info.value.code == "E201" and "line 2" in str(info.value)


def test_cli_reactions_json(capsys):
    from accord.cli import main

    assert main(["reactions", str(SEED_TEXT)]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert len(lines) == 6
    assert all(set(line) == {"doc_id", "comment_id", "author", "parent", "stance", "uncivil", "targets"}
               for line in lines)
    summary = json.loads(captured.err.strip().splitlines()[-1])["summary"]
    assert summary["comments"] == 6 and summary["most_replied"] == lines[1]["comment_id"]


def test_cli_reactions_table(capsys):
    from accord.cli import main

    assert main(["reactions", str(SEED_TEXT), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "uncivil_share" in out and "Henry Wilson" in out


def test_cli_reactions_skips_a_missing_file(capsys, tmp_path):
    from accord.cli import main

    assert main(["reactions", str(tmp_path / "missing.txt")]) == 1
    assert "E100" in capsys.readouterr().err


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=200), min_size=1, max_size=4))
def test_any_comment_text_gets_a_valid_reaction(texts):
    comments = tuple(Comment(id=f"c{i}", author=None, parent=f"c{i - 1}" if i % 2 else None, text=t)
                     for i, t in enumerate(texts))
    page = build_page("p", [("The council approved the budget on Monday.", None, "body")],
                      title="Council approves budget?", comments=comments)
    reactions, summary = assess_comments(page)
    assert [r.comment_id for r in reactions] == [c.id for c in comments]
    assert all(r.stance in ("agrees", "disputes", "off-topic") for r in reactions)
    assert sum(summary.stances.values()) == len(comments) and 0.0 <= summary.uncivil_share <= 1.0
