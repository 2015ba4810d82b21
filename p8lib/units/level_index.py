"""The look-up tables of one level's unit names, and the search of a name among them.

:mod:`p8lib.units.matching` builds one :class:`LevelIndex` per level and vintage and says,
in its docstring, how a name is matched and why each score, margin and threshold is what it
is; this module is that search, among the children of one parent or of several (a commune
among all the districts of its province).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import OSA

from p8lib.units.text import (
    UNIT_TYPES,
    TypedName,
    fold,
    fold_many,
    fold_words_many,
    lower_many,
    marked_key,
    nfc,
    split_official,
    split_type,
)

_NONE: frozenset[str] = frozenset()


def _nested() -> defaultdict:
    return defaultdict(lambda: defaultdict(set))

_DIGITS = re.compile(r"[0-9]+")
_KEY_SEP = "\x1f"  # between a parent's code and a folded name (neither holds it)

Ranked = list[tuple[str, float, int]]  # (code, score, edits), nearest first


class FuzzyRules(NamedTuple):
    """When a fuzzy winner is accepted (:mod:`p8lib.units.matching` says why): its score is
    at least ``threshold``, it is at most ``most_edits`` edits from the name, and every other
    candidate is at least ``margin`` edits further."""

    threshold: float
    margin: int
    most_edits: int


@dataclass(frozen=True)
class LevelMatch:
    """The result of matching one name at one level.

    ``candidates`` are the codes an ambiguous name fits (its children are then searched
    among all of theirs); ``score`` is 100 for an exact match, else the fuzzy score.
    """

    code: str | None
    status: str
    score: float
    note: str = ""
    candidates: tuple[str, ...] = ()


@dataclass
class LevelIndex:
    """Each unit's keys within its parent → codes, for one level of one vintage."""

    name: str
    # parent → folded full name → codes; parent → short name, name without its type word
    # or alias → codes
    full_keys: dict[str, dict[str, set[str]]] = field(default_factory=_nested)
    short_keys: dict[str, dict[str, set[str]]] = field(default_factory=_nested)
    children: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    parent_of: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    within: dict[str, str] = field(default_factory=dict)
    lowered: dict[str, str] = field(default_factory=dict)
    proper: dict[str, str] = field(default_factory=dict)  # lower-case, without the type
    digits: dict[str, list[str]] = field(default_factory=dict)
    level_types: frozenset[str] = frozenset()  # a province is a tỉnh or a thành phố
    _shorts: dict[str, str] = field(default_factory=dict)
    _marked: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # "parent·key" → code, and that unit's name, for the names only one unit has
    _exact: tuple[pd.Index, np.ndarray, np.ndarray] | None = None
    _merged: dict[tuple[str, ...], tuple[dict, dict, dict]] = field(default_factory=dict)

    def add_units(self, parents: pd.Series, units: pd.DataFrame,
                  parent_labels: dict[str, str]) -> None:
        """Add the units of one of :mod:`p8lib.units.admin`'s level tables (its code
        column first, then ``name_vi``, ``short_vi``, ``keys``), each under its parent.
        Names are folded column-wise."""
        words = fold_words_many(units["name_vi"])
        shorts = fold_many(units["short_vi"]).tolist()
        lowered = lower_many(units["name_vi"])
        for parent, code, name, short_vi, aliases, folded, short, lower in zip(
                parents.tolist(), units.iloc[:, 0].tolist(), units["name_vi"].tolist(),
                units["short_vi"].tolist(), units["keys"].tolist(), words, shorts, lowered,
                strict=True):
            unit_type, base = split_official(folded)
            self.full_keys[parent][folded.replace(" ", "")].add(code)
            for key in {short, base, *aliases}:
                self.short_keys[parent][key].add(code)
            self.children[parent][code] = base
            self.parent_of[code] = parent
            self.types[code] = unit_type
            self.labels[code] = name
            self.within[code] = parent_labels.get(parent, "")
            self.lowered[code] = lower
            self.proper[code] = " ".join(lower.split(" ")[_type_words(unit_type):])
            self.digits[code] = _DIGITS.findall(base)
            self._shorts[code] = short_vi
        self.level_types = frozenset(self.types.values())
        self._exact = None
        self._merged.clear()

    def exact_codes(self, parents: np.ndarray, words: list[str], raws: np.ndarray
                    ) -> np.ndarray:
        """Per name, the unit whose full name it is within its parent, where only one
        unit has that name there and the name is written as the unit's own (the same
        text, or the same in lower case) or without any marks that could differ from it
        (else :meth:`match_name` compares the marks); None elsewhere. Vectorised: the
        common case of a report, looked up and nothing more.

        ``parents``: each name's one parent code; ``words``: its
        :func:`p8lib.units.text.fold_words_many`; ``raws``: the names as written.
        """
        if self._exact is None:
            single = [(f"{parent}{_KEY_SEP}{key}", next(iter(codes)))
                      for parent, keys in self.full_keys.items()
                      for key, codes in keys.items() if len(codes) == 1]
            codes = np.array([code for _, code in single], dtype=object)
            self._exact = (pd.Index([key for key, _ in single]), codes,
                           np.array([self.labels[c] for c in codes], dtype=object))
        keys, codes, names = self._exact
        query = parents.astype(object) + _KEY_SEP + np.array(
            [w.replace(" ", "") for w in words], dtype=object)
        where = keys.get_indexer(query)
        found, at = where >= 0, np.maximum(where, 0)
        raws = np.asarray(raws, dtype=object)
        as_written = found & ((raws == names[at]) | np.fromiter(
            (raw.isascii() for raw in raws.tolist()), dtype=bool, count=len(raws)))
        if len(doubt := np.flatnonzero(found & ~as_written)):
            lowered = lower_many(pd.Series(raws[doubt], dtype=object))
            as_written[doubt] = [low.isascii() or low == self.lowered[code] for low, code
                                 in zip(lowered, codes[at[doubt]].tolist(), strict=True)]
        return np.where(as_written, codes[at], None)

    def marked(self, code: str) -> tuple[str, str, str]:
        """:func:`marked_key` of a unit's full name, short name and name without its type
        word (made when first asked: few names ever need their marks compared)."""
        if code not in self._marked:
            name = self.labels[code]
            proper = " ".join(name.split(" ")[_type_words(self.types[code]):])
            self._marked[code] = (marked_key(name), marked_key(self._shorts[code]),
                                  marked_key(proper))
        return self._marked[code]

    def match_many(self, parents: list[tuple[str, ...]], raws: list[str], rules: FuzzyRules
                   ) -> dict[tuple[tuple[str, ...], str], LevelMatch]:
        """Match each distinct (parents, name) pair. Names are folded column-wise, and a
        full name that is one unit's within a single parent (the common case) is looked
        up, nothing more (:meth:`exact_codes`)."""
        pairs = list(dict.fromkeys(zip(parents, raws, strict=True)))
        names = pd.Series([raw for _, raw in pairs], dtype=object)
        words = fold_words_many(names)
        single = np.array([within[0] if len(within) == 1 else _KEY_SEP for within, _ in pairs],
                          dtype=object)
        hits = self.exact_codes(single, words, names.to_numpy())
        return {pair: LevelMatch(hit, "exact", 100.0) if hit is not None
                else self.match_name(pair[0], pair[1], rules, folded)
                for pair, folded, hit in zip(pairs, words, hits.tolist(), strict=True)}

    def match_name(self, parents: tuple[str, ...], raw: str, rules: FuzzyRules,
                   words: str | None = None) -> LevelMatch:
        """Match one name among the children of ``parents``: exact keys, then fuzzy
        (:mod:`p8lib.units.matching` says how). ``words``: its folded words, if known."""
        typed = split_type(raw, words)
        if not typed.whole:
            return LevelMatch(None, "unmatched", 0.0, f"{self.name} name is empty")
        found = self._exact_candidates(parents, typed)
        if len(found) > 1 and typed.types:
            found = {c for c in found if self.types[c] in typed.types} or found
        if len(found) > 1:
            found = self._by_marks(raw, found)
        if len(found) == 1:
            return self._unless_marks_differ(parents, raw, typed, next(iter(found)),
                                             rules.margin)
        if found:
            names = ", ".join(sorted(self._label(c, parents) for c in found))
            return LevelMatch(None, "ambiguous", 100.0, f"{self.name} {nfc(raw)!r} fits {names}",
                              tuple(sorted(found)))
        return self._fuzzy(parents, nfc(raw), typed, rules)

    def may_fit_elsewhere(self, parents: tuple[str, ...], raw: str, code: str | None,
                          most_edits: int) -> bool:
        """Whether a child of ``parents`` other than ``code`` may fit the name as well as
        ``code`` does (by a key, or within as many edits; within ``most_edits`` when
        ``code`` is None): a quick test before :meth:`match_name` there."""
        typed = split_type(raw)
        if self._exact_candidates(parents, typed) - {code}:
            return True
        edits = most_edits if code is None else OSA.distance(
            typed.base, self.children[self.parent_of[code]][code])
        choices = self._choices(parents)
        both = not typed.sure or not typed.types & self.level_types
        return any(other != code for query in ({typed.base, typed.whole} if both
                                               else {typed.base})
                   for _, _, other in process.extract(query, choices, scorer=OSA.distance,
                                                      score_cutoff=edits, limit=2))

    def _label(self, code: str, parents: tuple[str, ...], score: float | None = None) -> str:
        """"Xã Mỹ An (30064)", with its parent when several were searched, and the score."""
        where = f", {self.within[code]}" if len(parents) > 1 and self.within[code] else ""
        scored = f", {score:.0f}" if score is not None else ""
        return f"{self.labels[code]}{where} ({code}{scored})"

    def _exact_candidates(self, parents: tuple[str, ...], typed: TypedName) -> set[str]:
        """Units whose keys equal the name read as written and, with a type word, read as
        that type's full name (the type word expanded: "TT." → "thitran"); else, the type
        word ignored, the units of that name."""
        full, short, _ = self._within(parents)

        def units(key: str) -> set[str]:
            return full.get(key, _NONE) | short.get(key, _NONE)

        found = units(typed.whole)
        if not typed.types:
            return found
        for unit_type in typed.types:
            found |= units(unit_type + typed.base)
        named = short.get(typed.base, _NONE)
        found |= {c for c in named if self.types[c] in typed.types}
        return found or named

    def _by_marks(self, raw: str, found: set[str]) -> set[str]:
        """Candidates whose names differ only by diacritics ("Minh Quán", "Minh Quân"):
        keep the one written exactly so, marks included. A name typed without marks stays
        ambiguous: it cannot say which one is meant."""
        written = marked_key(raw)
        if written == fold(raw):
            return found
        same = {c for c in found if written in self.marked(c)
                or written.endswith(self.marked(c)[2])}
        return same or found

    def _unless_marks_differ(self, parents: tuple[str, ...], raw: str, typed: TypedName,
                             code: str, margin: int) -> LevelMatch:
        """The exact match ``code``, unless the name's diacritics are not the unit's and a
        sibling is as near with them: "Hò Sơn" folds to Hồ Sơn's key, but is as near to
        Hòa Sơn with a letter dropped; then ambiguous."""
        if raw.isascii() or nfc(raw).lower().endswith(self.proper[code]):
            return LevelMatch(code, "exact", 100.0)  # no marks, or the unit's own
        written = _marked_base(raw, typed)
        own = self.marked(code)
        # Only where the letters are the unit's own name's (not an alias) and a mark differs.
        if written is None or written in own or fold(written) != fold(own[2]):
            return LevelMatch(code, "exact", 100.0)
        siblings = {c: self.marked(c)[2] for c in self._choices(parents)}
        near = _near(_scored({written}, siblings), margin)
        if [c for c, _, _ in near] == [code]:
            return LevelMatch(code, "exact", 100.0)
        listed = ", ".join(self._label(c, parents, s) for c, s, _ in near[:3])
        return LevelMatch(None, "ambiguous", 100.0,
                          f"{self.name} {nfc(raw)!r} is spelt like {self._label(code, parents)} "
                          f"but its diacritics are as near to {listed}",
                          tuple(sorted({code, *(c for c, _, _ in near)})))

    def _choices(self, parents: tuple[str, ...]) -> dict[str, str]:
        """code → folded name without its type word, of the children of ``parents``."""
        return self._within(parents)[2]

    def _within(self, parents: tuple[str, ...]) -> tuple[dict, dict, dict]:
        """The full-name keys, other keys and choices of the children of ``parents``,
        merged once for each set of several parents (all districts of a province)."""
        if len(parents) == 1:
            parent = parents[0]
            return (self.full_keys.get(parent, {}), self.short_keys.get(parent, {}),
                    self.children.get(parent, {}))
        if parents not in self._merged:
            merged: tuple[dict, dict, dict] = (defaultdict(set), defaultdict(set), {})
            for parent in parents:
                for table, merged_table in zip((self.full_keys, self.short_keys), merged[:2],
                                               strict=True):
                    for key, codes in table.get(parent, {}).items():
                        merged_table[key] |= codes
                merged[2].update(self.children.get(parent, {}))
            self._merged[parents] = (dict(merged[0]), dict(merged[1]), merged[2])
        return self._merged[parents]

    def _fuzzy(self, parents: tuple[str, ...], raw: str, typed: TypedName, rules: FuzzyRules
               ) -> LevelMatch:
        choices = self._choices(parents)
        # A leading word that may be a type word or the name's first syllable, or a type
        # word of another level ("H Nội" for "Hà Nội"): both readings.
        both = not typed.sure or not typed.types & self.level_types
        queries = {typed.base, typed.whole} if both else {typed.base}
        nearest = min((process.extractOne(q, choices, scorer=OSA.distance)[1]
                       for q in queries), default=rules.most_edits + 1) if choices else (
            rules.most_edits + 1)
        ranked: Ranked = []
        if nearest <= rules.most_edits:
            # Only the units that can win or come within the margin of the winner are
            # scored; when the rules of _rivals drop the nearest, the others are too.
            ranked = self._rivals(typed, _scored(queries, choices, nearest + rules.margin))
            if not ranked or ranked[0][2] > nearest + 1:
                ranked = self._rivals(typed, _scored(queries, choices))
        if not ranked or ranked[0][1] < rules.threshold or ranked[0][2] > rules.most_edits:
            closest = process.extract(typed.base, choices, scorer=OSA.normalized_similarity,
                                      limit=3)
            hint = ", ".join(self._label(c, parents, 100 * s) for _, s, c in closest)
            return LevelMatch(None, "unmatched", round(100 * closest[0][1], 1) if closest
                              else 0.0, f"{self.name} {raw!r} not found"
                              + (f"; closest: {hint}" if hint else ""))
        near = _near(ranked, rules.margin)
        if len(near) > 1 and typed.types:  # equally near: the type word as written decides
            near = [r for r in near if self.types[r[0]] in typed.types] or near
        if len(near) > 1:
            near = self._by_marked_spelling(raw, typed, near, rules.margin)
        if len(near) > 1:
            listed = ", ".join(self._label(c, parents, s) for c, s, _ in near[:3])
            return LevelMatch(None, "ambiguous", near[0][1],
                              f"{self.name} {raw!r} is equally near to {listed}",
                              tuple(sorted(c for c, _, _ in near)))
        return LevelMatch(near[0][0], "fuzzy", near[0][1])

    def _rivals(self, typed: TypedName, ranked: Ranked) -> Ranked:
        """The scored children that may be meant: those with the same numbers as the name
        (if it has any), and, with a type word, not a namesake of another type of a child of
        that type."""
        if digits := _DIGITS.findall(typed.base):
            ranked = [r for r in ranked if self.digits[r[0]] == digits]
        if typed.types:
            bases = {c: self.children[self.parent_of[c]][c] for c, _, _ in ranked}
            typed_names = {bases[c] for c, _, _ in ranked if self.types[c] in typed.types}
            ranked = [r for r in ranked if self.types[r[0]] in typed.types
                      or bases[r[0]] not in typed_names]
        return ranked

    def _by_marked_spelling(self, raw: str, typed: TypedName, near: Ranked, margin: int
                            ) -> Ranked:
        """Of units as near as each other without diacritics, the one clearly nearer with
        them ("Quỳn Hội": Quỳnh Hội, not Quỳnh Côi), by the same margin on the names with
        their marks; all of them when the name has no marks or none is clearly nearer."""
        base = _marked_base(raw, typed)
        if base is None:
            return near
        clear = _near(_scored({base}, {c: self.marked(c)[2] for c, _, _ in near}), margin)
        if len(clear) == 1:
            return [r for r in near if r[0] == clear[0][0]]
        return near


def _type_words(unit_type: str) -> int:
    """How many words a unit type's full name has ("Thị trấn": 2; none: 0)."""
    return len(UNIT_TYPES[unit_type].split()) if unit_type else 0


def _scored(queries: set[str], choices: dict[str, str], most_edits: int | None = None
            ) -> Ranked:
    """(code, score, edits) of the choices within ``most_edits`` edits of the nearest of
    ``queries`` (all choices when None), nearest first: ``edits`` is the OSA distance and
    ``score`` = 100 × (1 − edits / the longer name's length). Of a choice's readings, the
    fewest edits and then the highest score count; ties are ranked by code, so that the
    result never depends on the order of a set."""
    best: dict[str, tuple[int, float]] = {}
    for query in queries:
        for choice, edits, code in process.extract(query, choices, scorer=OSA.distance,
                                                   limit=None, score_cutoff=most_edits):
            score = round(100 * (1 - edits / max(len(query), len(choice), 1)), 1)
            if code not in best or (edits, -score) < (best[code][0], -best[code][1]):
                best[code] = (int(edits), score)
    return sorted(((c, s, d) for c, (d, s) in best.items()), key=lambda r: (r[2], -r[1], r[0]))


def _near(ranked: Ranked, margin: int) -> Ranked:
    """The ranked units fewer than ``margin`` edits further than the nearest."""
    return [r for r in ranked if r[2] - ranked[0][2] < margin] if ranked else []


def _marked_base(raw: str, typed: TypedName) -> str | None:
    """:func:`marked_key` of the name without its type word; None when it has no marks (or
    letters that do not fold one to one)."""
    written = marked_key(raw)
    start = typed.whole.find(typed.base)
    if written == typed.whole or len(written) != len(typed.whole) or start < 0:
        return None
    return written[start:start + len(typed.base)]
