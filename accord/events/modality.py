"""Modality of an event report: asserted, negated, hypothetical, implied or reported.

The modality is read from the trigger's clause and the clauses above it in the
dependency parse, never from the whole sentence, so "X visited Y but Z may
protest" keeps the visit asserted. The order of precedence is negated >
implied > hypothetical > reported > asserted: "may not attack" is negated, and
"the implication is that X may withhold aid" is implied (the text itself
frames it as an inference). A threat (CAMEO 13) is an event of its own, so
"threatened to" does not make anything hypothetical.

>>> from accord.nlp import parse  # doctest: +SKIP
>>> doc = parse("Mexico may cut intelligence sharing.")  # doctest: +SKIP
>>> modality_of(doc[2])  # doctest: +SKIP
'hypothetical'
"""

from __future__ import annotations

from typing import Any

__all__ = ["modality_of", "is_negated", "is_conditional", "HEDGE_AUXILIARIES", "FUTURE_AUXILIARIES"]

#: auxiliaries that make a clause a possibility rather than a fact
HEDGE_AUXILIARIES = frozenset({"may", "might", "could", "should"})
#: auxiliaries of the future: a statement of intent, not a possibility
FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "wo"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
#: words over a clause that present it as a possibility
_HEDGE_WORDS = frozenset({"possible", "likely", "unlikely", "probable", "possibly", "perhaps", "maybe",
                          "potential", "potentially", "whether", "if", "unless", "consider", "mull",
                          "weigh", "hope", "want", "wish", "seek", "expect", "plan", "intend", "aim"})
#: words that frame a clause as an inference drawn from other facts
_IMPLY_WORDS = frozenset({"implication", "imply", "signal", "suggest", "hint", "indication", "indicate",
                          "sign", "insinuate", "suggestion"})
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "prep", "acl", "relcl",
                           "dobj", "attr", "csubj", "nsubj", "nsubjpass", "oprd", "acomp", "amod", "compound"})
#: reporting verbs: modality does not leak from the report into the reported clause through them
_REPORT_LEMMAS = frozenset({"say", "tell", "report", "announce", "state", "add", "claim", "quote", "insist"})


def _chain(token: Any, limit: int = 8) -> list[Any]:
    """The trigger and the heads above it, up to the clause of a reporting verb."""
    chain = [token]
    current = token
    while current.head.i != current.i and len(chain) < limit:
        if current.dep_ not in _CLAUSE_LINKS:
            break
        current = current.head
        chain.append(current)
        if current.lemma_.lower() in _REPORT_LEMMAS:
            break
    return chain


def is_negated(token: Any) -> bool:
    """True when the trigger or a verb it depends on through control is negated ("did not
    visit", "no deportation", "never agreed to meet")."""
    return _negated_in(token, _chain(token, limit=4))


def _negated_in(token: Any, chain: list[Any]) -> bool:
    """``is_negated`` over the trigger's chain (``_chain(token)``: only its first four count)."""
    for index, item in enumerate(chain[:4]):
        if index > 0 and item.lemma_.lower() in _REPORT_LEMMAS:
            break
        for child in item.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
        if index > 0 and token.dep_ not in ("xcomp",) and item.i != token.head.i:
            break
        # "has no plans to expel": an infinitive on a negated noun ("acl") is negated too
        if item.dep_ not in ("xcomp", "pcomp", "dobj", "pobj", "prep", "acl"):
            break
    return False


def is_conditional(token: Any) -> str | None:
    """``"if"`` or ``"unless"`` when the trigger's clause (or one above it) is tied to such a
    clause, else None."""
    return _conditional_in(_chain(token))


def _conditional_in(chain: list[Any]) -> str | None:
    """``is_conditional`` over the trigger's chain (``_chain(token)``)."""
    for item in chain:
        for child in item.children:
            if child.dep_ == "advcl":
                for grandchild in child.children:
                    if grandchild.dep_ == "mark" and grandchild.lower_ in ("if", "unless"):
                        return grandchild.lower_
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                return child.lower_
        if item.lemma_.lower() in _REPORT_LEMMAS:
            break
    return None


def _has_hedge(item: Any) -> bool:
    for child in item.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in HEDGE_AUXILIARIES:
            return True
        if child.dep_ in ("mark", "advmod") and child.lower_ in _HEDGE_WORDS:
            return True
    return item.lemma_.lower() in _HEDGE_WORDS and item.pos_ in ("ADJ", "VERB", "ADV")


def _is_implied(item: Any) -> bool:
    if item.lemma_.lower() in _IMPLY_WORDS:
        return True
    return any(child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in _IMPLY_WORDS
               for child in item.children)


def modality_of(token: Any, *, reported: bool = False) -> str:
    """The modality of the event whose trigger is ``token`` (a spaCy token).

    ``reported`` is set by the coder when the event is only known from another
    actor's report ("X said that Y did ..."), which the parse alone cannot tell
    from a speaker's own statement of intent.
    """
    chain = _chain(token)  # walked once for the three tests below
    if _negated_in(token, chain):
        return "negated"
    if any(_is_implied(item) for item in chain[1:]) or any(
            child.dep_ == "nsubj" and child.lemma_.lower() in _IMPLY_WORDS for child in token.children):
        return "implied"
    if any(_has_hedge(item) for item in chain) or _conditional_in(chain):
        return "hypothetical"
    if reported:
        return "reported"
    return "asserted"
