"""The event coder: trigger words on the dependency parse -> CAMEO events with their actors.

For each sentence of a page's body the coder

1. finds triggers: tokens whose lemma (verb, noun or predicate adjective) has an
   entry in the lexicon whose constraints hold (object, modifier, "as" phrase,
   subject, particles, or a PETRARCH pattern's words);
2. lets triggers absorb one another where the grammar says one event is meant:
   a framing trigger ("agreed to set up", "threatened to cut ties") absorbs the
   triggers of its complement, lending the code a more specific form; a
   reporting verb ("said") gives way to the events it reports; a verb absorbs a
   noun trigger that is its object ("imposed sanctions"), and a noun trigger that
   is the subject of another trigger ("a statement by X stressed") becomes that
   trigger's source;
3. finds source and target on the parse: subject or passive agent, object,
   prepositional objects, possessors, control ("agreed to" passes its subject
   down), conjunctions (one event per conjunct), relative clauses and light verbs
   ("staged a protest"), and maps token positions to the actors' mentions by
   character offsets;
4. turns intentions into their own codes: a cooperative act in the future ("will
   provide aid") is an intent to cooperate (03), a coercive one ("would boycott",
   "may halt ... if") a threat (13);
5. fills modality, attribution, date and location, and the ontology's Goldstein
   value, QuadClass and PLOVER type.

Ordinary news borrows the words of politics: "the Russian tennis player beat the
Italian", "India's monsoon rains arrived", "Argentina beat Brazil 1-0", "drew
criticism", "prisoners of war", "a heart attack". The lexicon's word lists
(players, weather and markets that act for no country; words of sport; non-event
compounds) and the grammar above keep such sentences from coding events.

>>> from accord.records import build_page  # doctest: +SKIP
>>> events = code_events(page, doc, mentions, published="2017-02-27")  # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from accord.events import ontology
from accord.events.attribution import Attribution, find_attribution
from accord.events.dates import DatedText
from accord.events.lexicon import ACTOR_OBJECT, ANY_OBJECT, Lexicon, TriggerEntry, default_lexicon
from accord.events.location import find_locations, locate
from accord.events.modality import FUTURE_AUXILIARIES, is_conditional, is_negated, modality_of
from accord.events.parse import Parse
from accord.records import ActorMention, Event, Location, Offsets, Page
from accord.tokens import Tokens

__all__ = ["code_events", "code_sentence_matches", "Match"]

#: prepositions that introduce a target after a verb or a noun trigger, best first
_TARGET_PREPS = ("to", "with", "against", "on", "upon", "toward", "towards", "at", "into", "from", "over",
                 "for", "of", "between", "among", "about")
#: prepositions inside a noun phrase that lead to the actor it stands for, best first
_PHRASE_PREPS = ("by", "of", "from", "in")
#: prepositions that introduce a place, used for a target only when nothing else is found
_PLACE_PREPS = ("in", "inside", "near", "across", "around", "off")
_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd", "dative", "obj")
_MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod", "poss", "nummod", "advmod")
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
_SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "this", "these", "those"})
#: complement relations through which a framing or reporting trigger reaches the event it frames
_COMPLEMENT_DEPS = ("xcomp", "ccomp", "dobj", "attr", "oprd", "acomp", "dative", "pcomp")
#: roots that describe a relation between two parties, coded both ways for "X and Y met"
_SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "19"})
#: prepositions that set a background event apart from the main one ("after a demonstration")
_BACKGROUND_PREPS = frozenset({"after", "before", "following", "since", "amid", "amidst", "despite", "during",
                               "until", "because", "like", "unlike", "than"})
#: nouns that set the event after "of" in the background ("in the wake of the execution")
_BACKGROUND_NOUNS = frozenset({"wake", "aftermath", "face", "run-up", "eve", "light", "spite", "anniversary",
                               # people and things named after a past act ("prisoners of war",
                               # "victims of the bombing", "the legacy of the occupation")
                               "prisoner", "victim", "veteran", "survivor", "widow", "orphan", "memory",
                               "legacy", "history", "memorial", "museum", "scene", "site"})
#: verbs whose subject undergoes or causes the noun they take, rather than doing it
#: ("drew criticism", "faced protests", "survived an attack", "sparked a clash")
_UNDERGO_VERBS = frozenset({"draw", "attract", "face", "receive", "earn", "incur", "suffer", "endure", "spark",
                            "prompt", "trigger", "provoke", "cause", "fear", "risk", "avoid", "escape",
                            "survive", "withstand", "weather", "invite", "court", "meet"})
#: nouns that count the people they take with "of" ("thousands of fans")
_QUANTITY_NOUNS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million",
                             "millions", "score", "scores", "crowd", "group", "number"})
#: nouns of military exercises, cooperation only when held with a partner
_EXERCISE_NOUNS = frozenset({"exercise", "drill", "game", "manoeuvre", "maneuver"})
#: roots of acts of force that a sports or weather report borrows ("beat Brazil 1-0")
_FORCE_ROOTS = frozenset({"17", "18", "19", "20"})
#: a match score ("1-0", "4-1"), which makes "beat" and "crushed" a result
_SCORE = re.compile(r"(?<![\d/.-])\d{1,2}-\d{1,2}(?![\d/-])")
#: nouns that stand for the act named by their compound ("a mediation effort", "a peace mission")
_LIGHT_NOUNS = frozenset({"effort", "mission", "bid", "attempt", "campaign", "process", "initiative",
                          "operation", "program", "programme", "drive", "plan", "move"})
#: passives that describe the subject's own stance ("is committed to", "was prepared to")
_STANCE_PASSIVES = frozenset({"commit", "prepare", "determine", "resolve", "dedicate", "poise", "oblige",
                              "compel", "willing", "oppose", "engage", "involve", "opposed"})
#: modals by which a reported clause becomes a demand ("X said Y must ...")
_DEMAND_MODALS = frozenset({"must", "should", "ought"})
#: roots whose act is aimed at the place where it happens (visits, protests, force)
_PLACE_ROOTS = frozenset({"04", "14", "15", "17", "18", "19", "20"})
#: roots whose nouns take the one who undergoes the act as possessor ("Fahie's arrest")
_PATIENT_POSSESSOR_ROOTS = frozenset({"17", "18", "20"})
#: adjectives whose "to" complement states an intention ("ready to help", "prepared to engage")
_INTENT_ADJECTIVES = frozenset({"ready", "prepared", "willing", "set", "determined", "eager", "poised"})

#: future cooperation -> the matching "express intent to" code
_INTENT_CODES = {
    "04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035", "081": "0351",
    "084": "0353", "085": "0354", "086": "0355", "087": "0356", "09": "030",
}
#: future coercion -> the matching "threaten" code
_THREAT_CODES = {
    "14": "133", "16": "131", "160": "1313", "161": "1313", "162": "1311", "163": "1312",
    "164": "134", "165": "135", "166": "136", "17": "137", "172": "132", "174": "132", "18": "138",
    "19": "138", "20": "138",
}
#: what a framing root makes of the event it frames (frame root -> embedded root/base -> code)
_FRAMED_CODES = {
    "02": {"04": "026", "06": "021", "07": "023", "08": "025", "05": "022"},
    "10": {"04": "108", "06": "102", "07": "103", "087": "106", "09": "101", "05": "102"},
    "12": {"04": "125", "045": "126", "06": "121", "07": "122", "08": "124", "05": "120"},
}


@dataclass
class Match:
    """A trigger found in a sentence, and what the coder learns about it."""

    token: Any
    entry: TriggerEntry
    code: str
    sources: list[tuple[ActorMention, Any]] = field(default_factory=list)
    targets: list[tuple[ActorMention, Any]] = field(default_factory=list)
    absorbed: bool = False
    reported: bool = False
    partner: bool = False


class _Mentions:
    """Actor mentions indexed by character offset."""

    def __init__(self, mentions: Sequence[ActorMention]) -> None:
        # a place is never an actor because it is named; places serve only as the target
        # of acts aimed at a place ("arrived in Amman")
        self.items = sorted((m for m in mentions if m.code and m.kind != "place"), key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.items]
        self.places = [m for m in mentions if m.code and m.kind == "place"]

    def place_at(self, char: int) -> ActorMention | None:
        """The place mention covering character ``char``."""
        return next((m for m in self.places if m.start <= char < m.end), None)

    def at(self, char: int) -> ActorMention | None:
        """The innermost mention covering character ``char``."""
        index = bisect.bisect_right(self.starts, char)
        best = None
        for mention in reversed(self.items[max(0, index - 8):index]):
            if mention.start <= char < mention.end:
                if best is None or (mention.end - mention.start) < (best.end - best.start):
                    best = mention
        return best

    def between(self, start: int, end: int) -> list[ActorMention]:
        index = bisect.bisect_left(self.starts, start)
        found = []
        while index < len(self.items) and self.items[index].start < end:
            found.append(self.items[index])
            index += 1
        return found


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def _is_media(mention: ActorMention) -> bool:
    code = mention.code or ""
    return code[3:].startswith("MED") or code[3:].startswith("JRN") or code == "MED"


# --- trigger matching --------------------------------------------------------------------

#: the tags ``_pos_of`` reads a trigger from
_TRIGGER_TAGS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})


def _notable(doc: Any) -> list[bool]:
    """For each token of ``doc`` (a spaCy Doc or its :class:`~accord.events.parse.Parse`):
    whether the loops over a sentence's words look at it at all, as a possible trigger (one of
    ``_TRIGGER_TAGS``, which hold the reporting verbs) or as the "according" of an attribution."""
    parse = doc if isinstance(doc, Parse) else Parse(doc)
    return [pos in _TRIGGER_TAGS or lower == "according" for pos, lower in zip(parse.pos, parse.lower)]


def _pos_of(token: Any) -> str | None:
    pos = token.pos_
    if pos == "VERB" or (pos == "AUX" and token.dep_ == "ROOT" and token.lemma_ != "be"):
        return "V"
    if pos == "NOUN" and (token.dep_ != "compound" or token.head.lemma_.lower() in _LIGHT_NOUNS):
        return "N"
    if pos == "ADJ" and token.dep_ in ("acomp", "ROOT", "xcomp", "conj"):
        return "A"
    return None


def _words(token: Any) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _object_tokens(token: Any) -> list[Any]:
    """Objects of a trigger, with their compound words and "of" complements."""
    objects = []
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS or child.dep_ == "xcomp":
            objects.append(child)
        elif child.dep_ in ("prep", "agent") and child.lower_ != "by":
            objects.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ == "prt":
            objects.extend(g for g in child.children if g.dep_ == "pobj")
    expanded = []
    for obj in objects:
        expanded.append(obj)
        expanded.extend(obj.conjuncts)
        for child in obj.children:
            if child.dep_ in ("compound", "dobj"):
                expanded.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    # "part of a military aid program", "$5 million in aid": the words that
                    # say what the part is of, what the amount is in
                    expanded.append(pobj)
                    expanded.extend(c for c in pobj.children if c.dep_ == "compound")
    return expanded


def _subject_tokens(token: Any) -> list[Any]:
    subjects = [c for c in token.children if c.dep_ in ("nsubj",)]
    for child in token.children:
        if child.dep_ == "agent":
            subjects.extend(g for g in child.children if g.dep_ == "pobj")
    expanded = []
    for subject in subjects:
        expanded.append(subject)
        expanded.extend(c for c in subject.children if c.dep_ in ("compound", "amod"))
    return expanded


def _sequence_at(words: list[set[str]], start: int, group: tuple) -> int | None:
    """Where ``group`` (elements of alternatives) matches at ``start``: the end index, or None."""
    position = start
    for element in group:
        matched = None
        for alternative in sorted(element, key=len, reverse=True):
            end = position + len(alternative)
            if end <= len(words) and all(_word_matches(w, words[position + k]) for k, w in enumerate(alternative)):
                matched = end
                break
        if matched is None:
            return None
        position = matched
    return position


def _word_matches(pattern: str, forms: set[str]) -> bool:
    if pattern in forms:
        return True
    # TABARI dictionaries hold stems ("COOPERAT"): a long stem matches the words it begins
    return len(pattern) >= 6 and any(form.startswith(pattern) for form in forms)


def _groups_match(words: list[set[str]], groups: tuple) -> bool:
    """True when the groups occur in ``words`` in order (gaps allowed between groups)."""
    position = 0
    for group in groups:
        found = None
        for start in range(position, len(words)):
            end = _sequence_at(words, start, group)
            if end is not None:
                found = end
                break
        if found is None:
            return False
        position = found
    return True


def _satisfies(token: Any, entry: TriggerEntry, sentence: Any, index: _Mentions | None = None) -> bool:
    if entry.particles:
        children = {w for c in token.children for w in _words(c)}
        following = {w for t in sentence[token.i - sentence.start + 1:token.i - sentence.start + 4] for w in _words(t)}
        if not all(p in children or p in following for p in entry.particles):
            return False
    if entry.intransitive or entry.obj is not None:
        direct = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        direct = []  # read only by the object constraints below
    if entry.intransitive and direct:
        return False  # "thousands demonstrated", not "demonstrated its commitment"
    if entry.obj == ANY_OBJECT:
        # "struck Hezbollah" (but "workers struck for pay"): any direct object
        if not direct:
            return False
    elif entry.obj is not None:
        if not any(_words(o) & entry.obj for o in _object_tokens(token)) and not (
                ACTOR_OBJECT in entry.obj and index is not None
                and any(_names_actor(o, index) for d in direct for o in [d, *d.conjuncts])):
            return False
    if entry.about is not None:
        # "stressed the importance of close cooperation", not "... of stability"
        if not any(_words(t) & entry.about for o in _object_tokens(token) for t in o.subtree):
            return False
    if entry.mod is not None:
        if not any(c.dep_ in _MODIFIER_DEPS and _words(c) & entry.mod for c in token.children):
            return False
    if entry.as_ is not None:
        holders = [token] + [c for c in token.children if c.dep_ in _OBJECT_DEPS]
        found = False
        for holder in holders:
            for child in holder.children:
                if child.lower_ == "as":
                    nouns = [g for g in child.children if g.dep_ == "pobj"]
                    nouns += [c for n in nouns for c in n.conjuncts]
                    if any(_words(n) & entry.as_ for n in nouns):
                        found = True
        if not found:
            return False
    if entry.subj is not None:
        if not any(_words(s) & entry.subj for s in _subject_tokens(token)):
            return False
    if entry.before or entry.after:
        offset = token.i - sentence.start
        words = [_words(t) for t in sentence]
        if entry.before and not _groups_match(words[:offset], entry.before):
            return False
        if entry.after and not _groups_match(words[offset + 1:], entry.after):
            return False
    return True


def _names_actor(token: Any, index: _Mentions) -> bool:
    """True when an object names an actor ("released 39 Palestinians", "fought the Taliban")."""
    if index.at(token.idx) is not None:
        return True
    return any(index.at(c.idx) is not None for c in token.children if c.dep_ in ("amod", "compound", "poss"))


def _candidates(token: Any, lexicon: Lexicon) -> list[TriggerEntry]:
    """The lexicon entries that might code ``token``, best first (their constraints unchecked)."""
    pos = _pos_of(token)
    if pos is None:
        return []
    lemma = token.lemma_.lower()
    lower = token.lower_
    candidates = [(entry, 1) for entry in lexicon.candidates(pos, lemma)]
    if lower != lemma:
        # a dictionary that lists the very form ("LEFT" beside "LEAVE") means that form
        candidates += [(entry, 0) for entry in lexicon.candidates(pos, lower)]
    if pos == "A":
        candidates += [(entry, 2) for entry in lexicon.candidates("V", lemma)]
    if len(candidates) > 1:
        candidates.sort(key=lambda item: (not item[0].user, -item[0].specificity, item[1]))
    return [entry for entry, _ in candidates]


def _find_entry(token: Any, candidates: list[TriggerEntry], sentence: Any,
                index: _Mentions | None = None) -> TriggerEntry | None:
    """The first of ``candidates`` whose constraints hold for ``token``."""
    for entry in candidates:
        if _satisfies(token, entry, sentence, index):
            return entry
    return None


# --- actors on the parse ---------------------------------------------------------------------

def _phrase_mentions(token: Any, index: _Mentions, depth: int = 0) -> list[tuple[ActorMention, Any]]:
    """Mentions standing for the phrase headed by ``token``: one per conjunct."""
    found: list[tuple[ActorMention, Any]] = []
    for head in [token] + list(token.conjuncts if depth == 0 else []):
        mention = index.at(head.idx)
        mention_token = None
        if mention is None:
            # the phrase's head is a common noun: look at its modifiers ("Israeli troops",
            # "Doctors from two American aid groups", "the offices of the administrators")
            nearby = sorted((c for c in head.children
                             if c.dep_ in ("compound", "amod", "poss", "nmod", "appos", "nummod", "det")),
                            key=lambda c: abs(c.i - head.i))
            for child in nearby:
                mention = index.at(child.idx)
                if mention is None and child.dep_ == "poss":
                    inner = _phrase_mentions(child, index, depth + 1)
                    mention = inner[0][0] if inner else None
                if mention is not None:
                    mention_token = child
                    break
            if mention is None and depth < 1:
                # "an attack by X", "the ambassadors of X", "doctors from X", "forces in X"
                preps = [c for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ in _PHRASE_PREPS]
                preps.sort(key=lambda c: _PHRASE_PREPS.index(c.lower_))
                for child in preps:
                    for pobj in (g for g in child.children if g.dep_ == "pobj"):
                        inner = _phrase_mentions(pobj, index, depth + 1)
                        if inner:
                            mention, mention_token = inner[0]
                            break
                    if mention is not None:
                        break
        if mention is not None and all(mention is not m for m, _ in found):
            found.append((mention, head))
            if mention_token is None and depth == 0:
                # "officials from Armenia and Azerbaijan", "Chinese and Indian soldiers": the
                # name may cover one of the coordinated countries only
                words = [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                         for g in c.children if g.dep_ == "pobj"]
                words += [c for c in head.children if c.dep_ in ("amod", "compound")]
                for conjunct in (t for word in words if word.conjuncts for t in [word, *word.conjuncts]):
                    other = index.at(conjunct.idx)
                    # the coordinated word must begin a name of its own ("Chinese", not the
                    # "awful" inside "Ithilen's awful and evil minister")
                    if other is not None and other.start == conjunct.idx and all(other is not m for m, _ in found) \
                            and _country(other.code) != _country(mention.code):
                        found.append((other, conjunct))
            if mention_token is not None and depth == 0:
                # "Old foes Gondor and Osgiliath": the conjuncts of the word that names the actor
                for conjunct in mention_token.conjuncts:
                    other = index.at(conjunct.idx)
                    if other is not None and all(other is not m for m, _ in found):
                        found.append((other, conjunct))
    return found


def _subtree_mentions(token: Any, index: _Mentions) -> list[tuple[ActorMention, Any]]:
    """Mentions anywhere in a phrase, nearest to its head first (clauses inside it excluded)."""
    tokens = []
    stack = [token]
    while stack:
        item = stack.pop()
        tokens.append(item)
        stack.extend(c for c in item.children if c.dep_ not in ("relcl", "advcl", "ccomp", "punct"))
    found: list[tuple[ActorMention, Any]] = []
    for item in sorted(tokens, key=lambda t: abs(t.i - token.i)):
        mention = index.at(item.idx)
        if mention is not None and all(mention is not m for m, _ in found):
            found.append((mention, item))
    return found


def _nearest_with_conjuncts(token: Any, index: _Mentions) -> list[tuple[ActorMention, Any]]:
    """The mention nearest to a phrase's head, with the mentions coordinated with it."""
    nearest = _subtree_mentions(token, index)[:1]
    if not nearest:
        return []
    found = list(nearest)
    for conjunct in nearest[0][1].conjuncts:
        other = index.at(conjunct.idx)
        if other is not None and all(other is not m for m, _ in found):
            found.append((other, conjunct))
    return found


def _is_verbal(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ in ("acomp", "ROOT"))


def _passive_participle(token: Any) -> bool:
    """True for a participle with a "by" phrase that describes a noun ("children kidnapped by
    gunmen"); without the "by" phrase the parser's participle is often a past tense ("a
    group protested")."""
    return token.dep_ == "acl" and token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)


def _agents(token: Any, index: _Mentions, depth: int = 0) -> list[tuple[ActorMention, Any]]:
    """The source of the event ``token`` reports, following control, conjunction and light verbs."""
    if depth > 6:
        return []
    if _is_verbal(token):
        passive = [c for c in token.children if c.dep_ == "nsubjpass"]
        if passive:
            for child in token.children:
                if child.dep_ == "agent":
                    for pobj in (g for g in child.children if g.dep_ == "pobj"):
                        return _phrase_mentions(pobj, index)
            if token.lemma_.lower() in _STANCE_PASSIVES:
                return _phrase_mentions(passive[0], index)
            return []
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return _phrase_mentions(token.head, index) or _noun_agents(token.head, index)
            found = _phrase_mentions(subject, index)
            if found:
                return found
            if subject.pos_ == "PRON" and subject.lower_ in _SUBJECT_PRONOUNS and token.dep_ in ("ccomp", "advcl", "conj"):
                return _agents(token.head, index, depth + 1)
            if subject.pos_ in ("NOUN", "PROPN"):
                return _noun_agents(subject, index)
            return []
        if token.dep_ in ("pcomp", "pobj") and token.head.dep_ in ("prep", "agent"):
            return _agents(token.head.head, index, depth + 1)  # "responded by expressing ..."
        if token.dep_ in ("xcomp", "advcl", "conj", "acomp", "ccomp", "pcomp"):
            return _agents(token.head, index, depth + 1)
        if _passive_participle(token):
            # "schoolchildren kidnapped by gunmen": the noun undergoes the act; the agent acts
            return [pair for child in token.children if child.dep_ == "agent"
                    for pobj in child.children if pobj.dep_ == "pobj" for pair in _phrase_mentions(pobj, index)]
        if token.dep_ in ("relcl", "acl"):
            # the noun the clause describes, and no further ("refugees fleeing the war" says
            # nothing about who waged it), unless that noun is what its subject did or made
            # ("issued a declaration demanding ...")
            found = _phrase_mentions(token.head, index) or _noun_agents(token.head, index)
            if not found and token.dep_ == "acl" and token.head.dep_ in ("dobj", "attr"):
                found = _agents(token.head.head, index, depth + 1)
            return found
        if token.dep_ == "pobj" or token.head.dep_ == "prep":
            return _agents(token.head.head if token.head.dep_ == "prep" else token.head, index, depth + 1)
        return []
    own = _noun_agents(token, index)
    if own:
        return own
    if token.dep_ == "attr" and any(c.dep_ == "expl" for c in token.head.children):
        return []  # "there was a protest" names no one behind it
    if token.dep_ in ("dobj", "attr", "oprd", "xcomp", "conj", "compound"):
        if token.dep_ == "dobj" and token.head.lemma_.lower() in _UNDERGO_VERBS:
            return []  # "drew criticism": the subject is criticised, the critics go unnamed
        return _agents(token.head, index, depth + 1)
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        holder = token.head.head
        if holder.pos_ in ("NOUN", "PROPN") and holder.dep_ not in ("nsubj", "nsubjpass", "appos") \
                and token.head.lower_ in ("of", "for", "on", "to"):
            return _agents(holder, index, depth + 1)
        if _is_verbal(holder):
            return _agents(holder, index, depth + 1)
    return []


def _noun_agents(token: Any, index: _Mentions) -> list[tuple[ActorMention, Any]]:
    """A noun trigger's own source: its "by" phrase, its possessor, or an actor word before it."""
    holders = [token] + [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"]
    for holder in holders:
        # "the arrest of an activist by the police": the parser often hangs "by" on the activist
        for child in holder.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    found = _phrase_mentions(pobj, index)
                    if found:
                        return found
    for child in token.children:
        if child.dep_ == "poss":
            found = _phrase_mentions(child, index)
            if found:
                return found
    for child in sorted(token.lefts, key=lambda c: -c.i):
        if child.dep_ in ("compound", "amod", "nmod"):
            mention = index.at(child.idx)
            if mention is not None:
                return [(mention, child)]
            # "US Predator attacks": the actor word may modify the modifier
            for grandchild in child.lefts:
                if grandchild.dep_ in ("compound", "amod", "nmod"):
                    mention = index.at(grandchild.idx)
                    if mention is not None:
                        return [(mention, grandchild)]
    return []


def _patients(token: Any, index: _Mentions, depth: int = 0, places: bool = True) -> list[tuple[ActorMention, Any]]:
    """The target of the event ``token`` reports."""
    if depth > 4:
        return []
    found: list[tuple[ActorMention, Any]] = []
    verbal = _is_verbal(token)
    children = list(token.children)
    if verbal:
        # "is opposed to": the subject acts (unless a "by" phrase names who did)
        stance = token.lemma_.lower() in _STANCE_PASSIVES and not any(c.dep_ == "agent" for c in children)
        for child in children:
            if child.dep_ in ("dobj", "dative", "attr", "oprd") or (child.dep_ == "nsubjpass" and not stance):
                found.extend(_phrase_mentions(child, index) or _nearest_with_conjuncts(child, index))
        if not found and _passive_participle(token) and depth == 0:
            found.extend(_phrase_mentions(token.head, index))  # "schoolchildren kidnapped by gunmen"
        if found:
            return found
    preps = [c for c in children if c.dep_ in ("prep", "prt") and c.lower_ in _TARGET_PREPS]
    preps.sort(key=lambda c: _TARGET_PREPS.index(c.lower_))
    for prep in preps:
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            found.extend(_phrase_mentions(pobj, index) or _patients(pobj, index, depth + 1, False)
                         or _nearest_with_conjuncts(pobj, index))
        if found:
            return found
    for child in children:
        if child.dep_ in ("xcomp", "ccomp", "acomp") and verbal:
            # "demanded that the US cancel": the complement's subject; "warned that the
            # country was prepared to go to war with X": also what the complement targets
            subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _SUBJECT_PRONOUNS]
            for subject in subjects:
                found.extend(_phrase_mentions(subject, index))
            found.extend(t for t in _patients(child, index, depth + 1, places) if all(t[0] is not f[0] for f in found))
            if found:
                return found
    if verbal and depth == 0:
        # "signed an accord to supply Gondor": the purpose names whom the act is for
        for child in children:
            if child.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                found.extend(_patients(child, index, depth + 1, False))
        if found:
            return found
    for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            # "engage in a war with X": the noun's own target; "arrived in Amman": the place
            place = index.place_at(pobj.idx) if places else None
            found.extend(_patients(pobj, index, depth + 1, False) or
                         (_phrase_mentions(pobj, index) if places else []) or
                         ([(place, pobj)] if place is not None else []))
        if found:
            return found
    if places and verbal and depth == 0:
        # "struck an airport near Damascus", "shelled a hospital in Kherson": the place of
        # what the act hit
        for obj in (c for c in children if c.dep_ in ("dobj", "nsubjpass")):
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    place = index.place_at(pobj.idx)
                    if place is not None:
                        found.append((place, pobj))
        if found:
            return found
    if not verbal and token.dep_ == "compound" and depth == 0:
        return _patients(token.head, index, depth + 1, places)
    if not verbal and token.dep_ in ("dobj", "attr") and depth == 0:
        return [t for t in _patients(token.head, index, depth + 1, places) if t[1].i != token.i]
    if depth == 0 and not found:
        # "leverage Mexico into paying ... by withholding aid": a means takes the
        # object of the action it serves
        current = token
        for _ in range(4):
            if current.dep_ in ("pcomp", "pobj") and current.head.dep_ == "prep":
                current = current.head.head
            else:
                break
            if _is_verbal(current):
                for child in current.children:
                    if child.dep_ in ("dobj", "dative"):
                        found.extend(_phrase_mentions(child, index))
                if found:
                    break
    return found


def _addressees(token: Any, index: _Mentions) -> list[tuple[ActorMention, Any]]:
    """Whom a statement is addressed to ("told X", "said to X"); what it is about is no target."""
    found: list[tuple[ActorMention, Any]] = []
    for child in token.children:
        if child.dep_ in ("dative", "dobj") and token.lemma_.lower() == "tell":
            found.extend(_phrase_mentions(child, index))
        elif child.dep_ == "prep" and child.lower_ == "to":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                found.extend(_phrase_mentions(pobj, index))
    return found


# --- absorption between triggers ----------------------------------------------------------------

def _complement_tokens(token: Any, frame: bool = False) -> set[int]:
    """Token indices of the phrases a trigger frames (its object and complement clauses)."""
    indices: set[int] = set()
    for child in token.children:
        take = child.dep_ in _COMPLEMENT_DEPS
        if token.pos_ == "NOUN" and child.dep_ in ("prep", "acl", "relcl"):
            take = True
        if child.dep_ in ("prep", "prt") and child.lower_ in ("for", "to", "on", "upon", "into", "of", "against"):
            take = take or child.lower_ in ("for", "on", "upon", "into", "of") or token.pos_ == "NOUN" or frame
        if child.dep_ == "advcl" and any(g.dep_ in ("aux", "mark") and g.lower_ == "to" for g in child.children):
            take = True  # "offered troops to help him", "demanded parties to allow ..."
        if take:
            indices.update(t.i for t in child.subtree)
    return indices


def _shift_code(code: str, table: dict[str, str]) -> str | None:
    for key in (code[:4], code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


def _frame_code(frame: str, embedded: str) -> str:
    """The code of a framing trigger once it has absorbed an embedded event."""
    root = frame[:2]
    if root == "03":
        return _shift_code(embedded, _INTENT_CODES) or frame
    if root == "13":
        return _shift_code(embedded, _THREAT_CODES) or frame
    table = _FRAMED_CODES.get(root)
    if table:
        return _shift_code(embedded, table) or frame
    return frame


def _future(token: Any) -> bool:
    """True when the trigger's clause speaks of the future or of a stated readiness."""
    current = token.head if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") else token
    for _ in range(3):
        for child in current.children:
            if child.dep_ in ("aux",) and child.lower_ in FUTURE_AUXILIARIES:
                return True
            if child.dep_ == "aux" and child.lower_ == "going":
                return True
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in _INTENT_ADJECTIVES:
            return True
        if current.dep_ not in ("xcomp", "conj"):
            break
        current = current.head
    return False


def _demanded_subject(say: Any, index: _Mentions) -> list[tuple[ActorMention, Any]]:
    """For "X said that Y must ...": Y, when a reported clause carries a modal of obligation."""
    for child in say.children:
        if child.dep_ != "ccomp":
            continue
        if not any(g.dep_ == "aux" and g.lower_ in _DEMAND_MODALS for g in child.children) and not any(
                g.dep_ == "xcomp" and g.head.lemma_.lower() == "have" for g in child.children):
            continue
        for subject in (g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")):
            return _phrase_mentions(subject, index)
    return []


def _noun_host(token: Any, by_index: dict[int, Match]) -> Match | None:
    """The trigger a source-less noun trigger hangs from ("killed ... in an attack")."""
    current = token
    for _ in range(4):
        if current.dep_ not in ("pobj", "prep", "dobj", "conj", "compound", "appos", "npadvmod", "attr"):
            return None
        current = current.head
        host = by_index.get(current.i)
        if host is not None and host.token.i != token.i:
            return host
    return None


def _absorb(matches: list[Match], attribution: Attribution | None, index: _Mentions) -> None:
    by_index = {m.token.i: m for m in matches}
    # frames and reporting verbs over the triggers in their complements
    # the smallest phrases first (counting a subtree walks it: a lone match needs no order)
    ordered = sorted(matches, key=lambda m: len(list(m.token.subtree))) if len(matches) > 1 else matches
    for match in ordered:
        if match.absorbed:
            continue
        # the other triggers in the phrases it frames (a lone trigger frames none)
        inside = [by_index[i] for i in _complement_tokens(match.token, match.entry.frame)
                  if i in by_index and not by_index[i].absorbed] if len(matches) > 1 else []
        inside = [m for m in inside if m is not match]
        if match.entry.say:
            demanded = _demanded_subject(match.token, index)
            demanded = [d for d in demanded if all(d[0].code != s.code for s, _ in match.sources)]
            if demanded and match.sources:
                # "X said that Y must hand over ...": X demands it of Y
                match.code, match.targets = "100", demanded
                for embedded in inside:
                    embedded.absorbed = True
                continue
        if match.entry.say and inside and all(not m.sources and not _is_verbal(m.token) for m in inside):
            # "said there would be no mass deportation": the clause names no actor of its
            # own, so the statement is the event
            for embedded in inside:
                embedded.absorbed = True
            continue
        if not inside:
            continue
        inside.sort(key=lambda m: m.token.i)
        if match.entry.say:
            match.absorbed = True
            # "reiterated its demand that ...": a framing noun the statement carries
            framing = [m for m in inside if m.entry.frame and m.token.head.i == match.token.i
                       and m.token.dep_ in ("dobj", "attr")]
            for embedded in inside:
                if framing and embedded is not framing[0]:
                    # "reiterated its demand that Israel ease ...": the frame takes the clause
                    embedded.absorbed = True
                    framing[0].code = _frame_code(framing[0].code, embedded.code)
                    if not framing[0].targets:
                        framing[0].targets = list(embedded.sources or embedded.targets)
                    continue
                if not embedded.sources and _is_verbal(embedded.token):
                    embedded.sources = list(match.sources)
                elif match.sources and attribution is None and all(
                        m.code != s.code for m, _ in match.sources for s, _ in embedded.sources):
                    embedded.reported = True
            continue
        for embedded in inside:
            embedded.absorbed = True
            if match.entry.frame:
                match.code = _frame_code(match.code, embedded.code)
                if not match.targets:
                    # "agreed to talks with X": X; "opposed French mediation": the mediator
                    own = {id(s) for s, _ in match.sources}
                    match.targets = [t for t in embedded.targets if id(t[0]) not in own] or [
                        t for t in embedded.sources if id(t[0]) not in own and t[0].code not in
                        {s.code for s, _ in match.sources}]
            if embedded.partner:
                match.partner = True
    for match in matches:
        token = match.token
        if match.absorbed:
            continue
        if token.pos_ == "NOUN" and token.dep_ == "nsubj":
            # a noun trigger that is the subject of another trigger lends it its source
            # ("a statement by X stressed"); a passive subject ("X's invasion was
            # condemned") is an event of its own
            head = by_index.get(token.head.i)
            if head is not None and not head.absorbed:
                match.absorbed = True
                if not head.sources:
                    head.sources = list(match.sources)
                continue
        if token.pos_ == "NOUN" and not _noun_agents(token, index):
            # "killed four people in an attack": the noun names the same act as its host
            host = _noun_host(token, by_index)
            if host is not None and not host.absorbed:
                match.absorbed = True
                host.partner = host.partner or match.partner
                continue
        if token.dep_ == "advcl" and token.tag_ == "VBG" and by_index.get(token.head.i) is not None \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            # "shelled the city, killing 20 people": the participle tells the outcome
            match.absorbed = True
            continue
        if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            # "began a hunger strike to demand ...", "went on strike to demand ...": the
            # purpose of an act is not another act
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i in by_index]
            objects += [g for c in token.head.children if c.dep_ == "prep"
                        for g in c.children if g.dep_ == "pobj" and g.i in by_index]
            if by_index.get(token.head.i) is not None or objects:
                match.absorbed = True


# --- the coder ---------------------------------------------------------------------------------

def _discarded(sentence: Any, phrases: Iterable[tuple[str, ...]]) -> bool:
    words = sentence.lowers if hasattr(sentence, "lowers") else [t.lower_ for t in sentence]
    for phrase in phrases:
        size = len(phrase)
        if any(tuple(words[i:i + size]) == phrase for i in range(len(words) - size + 1)):
            return True
    return False


def _in_background(token: Any) -> bool:
    """True for a noun in a background phrase ("after a demonstration", "in the wake of the killing")."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in _BACKGROUND_PREPS:
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in _BACKGROUND_NOUNS


def _game_result(match: Match, sentence: Any, lexicon: Lexicon) -> bool:
    """True for "Argentina beat Brazil 1-0", "India crushed Australia in the league": a score
    or a word of sport, with teams named only by their country. A police force or an army
    that acts in the same sentence ("authorities jailed the players") keeps its event."""
    parties = [m for m, _ in match.sources] + [m for m, _ in match.targets]
    if not parties or any(len(m.code or "") != 3 for m in parties):
        return False
    return bool(_SCORE.search(sentence.text)) or any(t.lemma_.lower() in lexicon.sport_words for t in sentence)


def _non_actor(pair: tuple[ActorMention, Any], lexicon: Lexicon) -> bool:
    """True for "the Russian tennis player", "India's monsoon rains": a phrase that the actors
    stage knows only by the country named in it, whose head is a noun that acts for none."""
    mention, head = pair
    if head is None or len(mention.code or "") != 3:
        return False  # a role the actors stage gave ("KU basketball team" = USAEDU) is meant
    words = [head] + [c for c in head.lefts if c.dep_ in ("compound", "appos")]
    if head.pos_ == "NUM" or head.lemma_.lower() in _QUANTITY_NOUNS:
        # "thousands of Japanese fans": the people counted
        words += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
    return any(word.lemma_.lower() in lexicon.non_actors for word in words)


def _joint(match: Match, index: _Mentions) -> bool:
    """True when an exercise is held with a partner: "joint", a target, or several countries
    in the phrase of those who hold it ("French and Egyptian warships")."""
    if match.targets or any(c.lower_ == "joint" for c in match.token.children):
        return True
    countries = {_country(m.code) for _, head in match.sources if head is not None
                 for m, _ in _subtree_mentions(head, index)}
    return len(countries | {_country(m.code) for m, _ in match.sources}) > 1


def _destination(token: Any, entry: TriggerEntry, index: _Mentions) -> list[tuple[ActorMention, Any]]:
    """For an entry whose particle is a preposition ("arrive in", "travel to"), the actor or
    place that the preposition names: the destination is the target before anything else."""
    if not entry.particles:
        return []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == entry.particles[-1]:
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                found = _phrase_mentions(pobj, index)
                place = index.place_at(pobj.idx)
                if found or place is not None:
                    return found or [(place, pobj)]
    return []


def code_sentence_matches(sentence: Any, index: _Mentions, lexicon: Lexicon,
                          attribution: Attribution | None = None, *,
                          tokens: Sequence[Any] | None = None) -> list[Match]:
    """Triggers of one sentence with their sources and targets, after absorption.

    ``tokens``, when the caller has them, are the sentence's tokens (``list(sentence)``), or
    those of them that may be triggers or an attribution's "according" (the others are skipped).
    """
    tokens = list(sentence) if tokens is None else tokens
    matches: list[Match] = []
    # "according to a press release by X" credits a source; its words report no event
    crediting = {t.i for a in tokens if a.lower_ == "according" for t in a.subtree}
    for token in tokens:
        if token.pos_ not in _TRIGGER_TAGS:
            continue  # determiners, names, punctuation...: never a trigger
        candidates = _candidates(token, lexicon)
        if not candidates:
            continue  # most words: no entry of the lexicon names them
        if (attribution is not None and attribution.verb == token.i) or token.i in crediting:
            continue
        if index.at(token.idx) is not None:
            continue  # words inside an actor's name ("Department of Defense") are not triggers
        if _in_background(token):
            continue
        entry = _find_entry(token, candidates, sentence, index)
        if entry is None or any(f"{c.lemma_.lower()} {token.lemma_.lower()}" in lexicon.non_events
                                for c in token.children if c.dep_ in ("compound", "amod")):
            continue  # "a heart attack", "a price war": the words name no political event
        code = entry.code
        condition = is_conditional(token)
        if entry.user:
            pass  # an analyst's dictionary codes what it says: no shifts of ours
        elif not entry.frame and not entry.say and condition == "unless":
            # "will withdraw its force unless ...": a consequence held over the target is a threat
            code = _shift_code(code, _THREAT_CODES) or "130"
        elif not entry.frame and not entry.say and _future(token) and not is_negated(token):
            code = _shift_code(code, _THREAT_CODES) or _shift_code(code, _INTENT_CODES) or code
        elif not entry.frame and code[:2] >= "14" and condition:
            code = _shift_code(code, _THREAT_CODES) or code
        match = Match(token=token, entry=entry, code=code, partner=entry.partner)
        match.sources = [pair for pair in _agents(token, index) if not _non_actor(pair, lexicon)]
        match.targets = _addressees(token, index) if entry.say else (
            _destination(token, entry, index) or _patients(token, index, places=False))
        if token.pos_ == "NOUN" and (code[:2] in _PATIENT_POSSESSOR_ROOTS or code[:3] == "084") and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            # "Fahie's arrest", "the general's release": the possessor undergoes the act
            # (but "the police's arrest of X": the possessor acts on X)
            undergoing = [pair for child in token.children if child.dep_ == "poss"
                          for pair in _phrase_mentions(child, index)]
            if undergoing:
                held = {id(m) for m, _ in undergoing}
                match.sources = [pair for pair in match.sources if id(pair[0]) not in held]
                match.targets = undergoing + [pair for pair in match.targets if id(pair[0]) not in held]
        if code == "062" and not entry.user and token.lemma_.lower() in _EXERCISE_NOUNS and not _joint(match, index):
            match.code = "150"  # "China held military drills near Taiwan": a show of force, not cooperation
        if code[:2] in _FORCE_ROOTS and not entry.user and _game_result(match, sentence, lexicon):
            continue
        symmetric = len(match.sources) > 1 and (code[:2] in _SYMMETRIC_ROOTS or entry.mutual)
        if not match.targets and not symmetric and (entry.user or code[:2] in _PLACE_ROOTS):
            # "arrived in Amman", "protested in Kirkuk": the place is what the act is aimed at
            match.targets = _patients(token, index)
        matches.append(match)
    _absorb(matches, attribution, index)
    return matches


def _implicit_partner(sentence_start: int, source: ActorMention, index: _Mentions,
                      window_start: int) -> ActorMention | None:
    """The latest other party named before the sentence (for events that need a counterpart)."""
    country = _country(source.code)
    for mention in reversed(index.between(window_start, sentence_start)):
        if _is_media(mention) or _country(mention.code) == country:
            continue
        return mention
    return None


class _Sentence:
    """One sentence of the page and what all its events share, each found once: its text,
    its date, the dates it names and the places it names."""

    def __init__(self, span: Any, number: int, text: str, published: str | None) -> None:
        self.span = span
        self.number = number
        self.text = text  # ``span.text``, cut once from the page text
        self.start_char: int = span.start_char
        self.end_char: int = span.end_char
        self.dated = DatedText(text) if published else None
        #: the date the sentence speaks of (set by ``_date_sentences``)
        self.date: str | None = None
        #: the publication date, given only when the sentence names a date of its own, so that
        #: the date nearest to each trigger can be chosen
        self.anchor: str | None = None
        self._locations: list[Location] | None = None
        #: token positions of the sentence's event triggers (set once its matches are known)
        self.triggers: frozenset[int] = frozenset()

    def event_date(self, trigger_offset: int) -> str | None:
        """The date of the event whose trigger starts ``trigger_offset`` characters into the sentence."""
        if not self.anchor or self.dated is None:
            return self.date
        found = self.dated.resolve(self.anchor, self.date, near=trigger_offset)
        # with no date in the text, the publication date is the best estimate (as GDELT does)
        return found.date if found is not None else (self.date or self.anchor)

    def location(self, token: Any, spans: Iterable[tuple[int, int] | None]) -> Location | None:
        """Where the event of ``token`` happened, if the sentence says so (actors' ``spans`` excluded)."""
        if self._locations is None:
            self._locations = find_locations(self.text, self.start_char)
        parse = self.span.doc
        # coordinated triggers share their places ("visited Rabat and signed a deal", "fired tear gas
        # and arrested dozens in Dhaka")
        first = parse.first_conjunct(token.i)
        others = {other for other in self.triggers if parse.first_conjunct(other) != first}
        own = [place for place in self._locations if self._belongs(place, token.i, others)]
        return locate(self.text, self.start_char, token.idx, token.idx + len(token.text),
                      exclude=[span for span in spans if span is not None], found=own)

    def _belongs(self, place: Location, trigger: int, others: set[int]) -> bool:
        """Whether a place named in the sentence may be where the event of ``trigger`` happened:
        not when the parse ties it first to one of ``others`` (the sentence's other, uncoordinated triggers) ("Peru imposed tariffs on Bolivia,
        days before Chile visited Ecuador": Ecuador is where Chile's visit went, not Peru's tariffs)."""
        if not others:
            return True
        parse = self.span.doc
        i = bisect.bisect_right(parse.idx, place.start, self.span.start, self.span.end) - 1
        climbed: set[int] = set()
        while i not in climbed:  # up the heads to the root, which is its own head
            if i == trigger:
                return True
            if i in others:
                return False
            climbed.add(i)
            i = parse.head[i]
        return True


def _date_sentences(sentences: list[_Sentence], published: str | None) -> None:
    """Set the date each sentence speaks of, carried forward (the lead takes the first date
    given), and, for a sentence that names a date itself, the anchor to resolve its events' dates."""
    dates: list[str | None] = []
    named: list[bool] = []
    carried: str | None = None
    for sentence in sentences:
        found = sentence.dated.resolve(published, carried) if sentence.dated is not None else None
        if found is not None and found.precision == "day":
            carried = found.date
        # a vaguer date ("earlier this week") holds for its sentence but does not replace
        # the day the text has established
        dates.append(found.date if found is not None else carried)
        named.append(found is not None)
    first = next((d for d in dates if d is not None), None)
    for sentence, date, names in zip(sentences, dates, named):
        # news leads often report the event before the text dates it in the next sentence;
        # with no date in the text, the publication date is the best estimate (as GDELT does)
        sentence.date = (date if date is not None else first) or published
        sentence.anchor = published if names else None


def code_events(page: Page, doc: Any, mentions: Sequence[ActorMention], *, published: str | None = None,
                lexicon: Lexicon | None = None) -> list[Event]:
    """Code the events of one page's body.

    ``doc`` is the spaCy Doc of ``page.text``; ``mentions`` are the actors'
    mentions with offsets into ``page.text``; ``published`` (YYYY-MM-DD)
    anchors relative dates. Returns events in text order.
    """
    lexicon = lexicon if lexicon is not None else default_lexicon()
    published = published or page.published
    # the parse read once: spaCy makes a new Token object at each step through its Doc
    parse = Parse(doc)
    if lexicon.story_discards and _discarded(parse[:], lexicon.story_discards):
        return []
    index = _Mentions(mentions)
    text = parse.text
    spans = [parse[start:end] for start, end in Tokens.of(doc).sentences]  # the actor stage's table
    sentences = [_Sentence(span, number, text[span.start_char:span.end_char], published)
                 for number, span in enumerate(spans)]
    _date_sentences(sentences, published)
    notable = _notable(parse)
    events: list[Event] = []
    for sentence in sentences:
        span = sentence.span
        if not sentence.text.strip() or (lexicon.discards and _discarded(span, lexicon.discards)):
            continue
        # the words that attribution and triggers look at; the others they would skip
        tokens = [parse.word(i) for i in range(span.start, span.end) if notable[i]]
        sentence_mentions = index.between(sentence.start_char, sentence.end_char)
        attribution = find_attribution(tokens, sentence_mentions)
        matches = code_sentence_matches(span, index, lexicon, attribution, tokens=tokens)
        window = sentences[max(0, sentence.number - 2)].start_char
        sentence.triggers = frozenset(m.token.i for m in matches if not m.absorbed and m.sources)
        seen: set[tuple[str | None, str | None, str]] = set()
        for match in matches:
            if match.absorbed or not match.sources:
                continue
            targets = list(match.targets)
            for source, _ in match.sources:
                source_targets = [t for t in targets if t[0] is not source and t[0].code != source.code] or [
                    t for t in targets if t[0] is not source]
                if len(source_targets) > 1:
                    # "between Mexico and the United States": the source's own side is not its target
                    others = [t for t in source_targets if _country(t[0].code) != _country(source.code)]
                    source_targets = others or source_targets
                if not source_targets and match.partner:
                    partner = _implicit_partner(sentence.start_char, source, index, window)
                    source_targets = [(partner, None)] if partner is not None else []
                if not source_targets and len(match.sources) > 1 and (
                        match.code[:2] in _SYMMETRIC_ROOTS or match.entry.mutual):
                    source_targets = [s for s in match.sources if s[0] is not source]
                for target, _ in (source_targets or [(None, None)]):
                    for code, from_, to in _codes_for(match, source, target):
                        key = (from_.code if from_ else None, to.code if to else None, code)
                        if key in seen:
                            continue
                        event = _build_event(sentence, match, code, from_, to, attribution, page.doc_id)
                        if event is not None:
                            seen.add(key)
                            events.append(event)
    return events


def _codes_for(match: Match, source: ActorMention, target: ActorMention | None):
    """The (code, source, target) triples a match yields: a PETRARCH pair code adds the reverse event."""
    yield match.code, source, target
    if match.entry.target_code and target is not None:
        yield match.entry.target_code, target, source
    elif match.entry.mutual and target is not None and len(match.sources) == 1:
        yield match.code, target, source  # "exchanged fire with X": X fired too


def _build_event(sentence: _Sentence, match: Match, code: str, source: ActorMention,
                 target: ActorMention | None, attribution: Attribution | None, doc_id: str) -> Event | None:
    """One event record."""
    normal = ontology.normalize_code(code)
    if normal is None:
        return None  # a user dictionary's code outside CAMEO (old WEIS codes): nothing to report
    info = ontology.cameo_info(normal)
    plover, mode, context = ontology.plover_for(normal)
    token = match.token
    trigger_start = token.idx
    trigger_end = token.idx + len(token.text)
    offsets = Offsets(trigger=(trigger_start, trigger_end), source=(source.start, source.end),
                      target=(target.start, target.end) if target is not None else None,
                      sentence=(sentence.start_char, sentence.end_char))
    return Event(
        doc_id=doc_id,
        sentence_index=sentence.number,
        sentence=sentence.text,
        source=source.code,
        source_name=source.name,
        target=target.code if target is not None else None,
        target_name=target.name if target is not None else None,
        cameo=normal,
        cameo_root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover=plover,
        mode=mode,
        modality=modality_of(token, reported=match.reported),
        attributed_to=attribution.text if attribution is not None else None,
        date=sentence.event_date(trigger_start - sentence.start_char),
        trigger=token.text,
        offsets=offsets,
        rule=match.entry.rule,
        location=sentence.location(token, (offsets.source, offsets.target)),
        context=context,
    )
