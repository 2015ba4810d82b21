"""How the levels of one row of names inform each other.

:mod:`p8lib.units.matching` matches a row level by level, each name among the children of
the unit matched above it (:func:`search`). This module holds what one level tells another
(:mod:`p8lib.units.matching`'s docstring gives the rules and their reasons): a level whose
parent is not known is searched among the children of every unit the parent's name fits or,
for a 2021 commune, of all districts of the province (:func:`parents_of`); the unit found
then fixes its parents (:func:`infer_parents`), must lie in a district the district's name
fits (:func:`keep_to_fitting_districts`), and checks a district matched only by spelling
(:func:`doubt_districts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from p8lib.units import admin
from p8lib.units.level_index import FuzzyRules, LevelIndex, LevelMatch
from p8lib.units.text import fold_words_many, nfc, split_type

NATION = ("",)
Found = dict[str, list[LevelMatch | None]]  # level → each row's match (None: no name)


@dataclass
class VintageIndex:
    """The levels of one vintage; 2025 has no districts and its communes lie in provinces."""

    province: LevelIndex
    district: LevelIndex | None
    commune: LevelIndex
    _districts_of: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    def districts_of(self, provinces: tuple[str, ...]) -> tuple[str, ...]:
        """The 2021 districts of some provinces: where a commune whose district is not
        known is searched."""
        if provinces not in self._districts_of:
            self._districts_of[provinces] = tuple(
                d for p in provinces for d in self.district.children.get(p, ()))
        return self._districts_of[provinces]


@cache
def vintage_index(vintage: str) -> VintageIndex:
    """The look-up tables of every level of a vintage, built once per process."""
    columns = ["name_vi", "short_vi", "keys"]
    provinces = admin.provinces(vintage)
    province = LevelIndex("province")
    province.add_units(pd.Series(NATION * len(provinces)),
                       provinces[["province_code", *columns]], {})
    communes = admin.communes(vintage)[["commune_code", *columns, "province_code"]
                                       + (["district_code"] if vintage == admin.OLD else [])]
    commune = LevelIndex("commune")
    district = None
    if vintage == admin.OLD:
        districts = admin.districts()
        district = LevelIndex("district")
        district.add_units(districts["province_code"], districts[["district_code", *columns]],
                           province.labels)
        commune.add_units(communes["district_code"], communes, district.labels)
    else:
        commune.add_units(communes["province_code"], communes, province.labels)
    return VintageIndex(province, district, commune)


def written_in_full(index: VintageIndex, raw: dict[str, np.ndarray],
                    given: dict[str, np.ndarray]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The rows whose every name is, as written, one unit's full name under the unit
    named above it (the common case: what :func:`search` would find at once at each
    level), looked up column-wise; and each level's codes (None where not such a row or
    no name is given). A row with a gap (a commune under no district) or a level the
    vintage does not have is left to :func:`search`."""
    chain = [("province", index.province)]
    if "district" in raw and index.district is not None:
        chain.append(("district", index.district))
    if "commune" in raw and ("district" in raw or index.district is None):
        chain.append(("commune", index.commune))
    n = len(raw["province"])
    full = np.ones(n, dtype=bool)
    ended = np.zeros(n, dtype=bool)
    parent = np.full(n, NATION[0], dtype=object)
    codes: dict[str, np.ndarray] = {}
    for level, table in chain:
        full &= ~(ended & given[level])
        ended |= ~given[level]
        inverse, distinct = pd.factorize(raw[level])
        words = np.array(fold_words_many(pd.Series(distinct, dtype=object)), dtype=object)
        found = np.where(ended, None, table.exact_codes(parent, words[inverse].tolist(),
                                                        raw[level]))
        full &= ended | pd.notna(found)
        codes[level] = found
        parent = np.where(pd.notna(found), found, NATION[0])
    for level in raw.keys() - dict(chain).keys():
        full &= ~given[level]
    return full, codes


def search(level: LevelIndex, parents: list[tuple[str, ...]], raws: np.ndarray,
           given: np.ndarray, rules: FuzzyRules) -> list[LevelMatch | None]:
    """Each given name's match among the children of its row's parents (a row without
    parents is not searched); None where no name is given."""
    rows = [i for i in np.flatnonzero(given).tolist() if parents[i]]
    pairs = level.match_many([parents[i] for i in rows], [raws[i] for i in rows], rules)
    out: list[LevelMatch | None] = [None] * len(raws)
    for i in rows:
        out[i] = pairs[(parents[i], raws[i])]
    for i in np.flatnonzero(given).tolist():
        if not parents[i]:
            out[i] = LevelMatch(None, "unmatched", 0.0,
                                f"{level.name} {nfc(raws[i])!r} not searched: parent unmatched")
    return out


def keep_to_fitting_districts(index: VintageIndex, found: Found, raws: np.ndarray) -> None:
    """Where the district's name fits several districts, the commune found in the province
    must lie in one of them; of several communes the name fits, the one that does is taken
    (the district's name and the commune's together decide)."""
    districts, communes = found["district"], found["commune"]
    for i, (district, commune) in enumerate(zip(districts, communes, strict=True)):
        if commune is None or district is None or district.code or not district.candidates:
            continue
        fits = set(district.candidates)
        if commune.code is not None and index.commune.parent_of[commune.code] not in fits:
            where = index.commune.within[commune.code]
            communes[i] = LevelMatch(
                None, "ambiguous", commune.score,
                f"commune {nfc(raws[i])!r} is {index.commune.labels[commune.code]} "
                f"({commune.code}) of {where}, which the district name does not fit")
        elif commune.code is None and commune.candidates:
            inside = [c for c in commune.candidates if index.commune.parent_of[c] in fits]
            if len(inside) == 1:
                communes[i] = LevelMatch(inside[0], "exact" if commune.score == 100 else "fuzzy",
                                         commune.score)


def doubt_districts(index: VintageIndex, found: Found, provinces: list[tuple[str, ...]],
                    raw: dict[str, np.ndarray], rules: FuzzyRules) -> None:
    """A district matched only by spelling is checked by its commune. Where the commune is
    not found in it, the commune is searched among all districts of the province and, found
    there, fixes the district (:func:`infer_parents`); where the commune too was found only
    by spelling, and the province has another commune that fits the name (and the type word
    written, if any), the row is ambiguous: a slip in each name, or a district miswritten?"""
    districts, communes = found["district"], found["commune"]
    rows = [i for i, (d, c) in enumerate(zip(districts, communes, strict=True))
            if d is not None and d.status == "fuzzy" and c is not None
            and c.status in ("fuzzy", "unmatched") and index.commune.may_fit_elsewhere(
                index.districts_of(provinces[i]), raw["commune"][i], c.code, rules.most_edits)]
    wide = [index.districts_of(provinces[i]) for i in rows]
    again = search(index.commune, wide, raw["commune"][rows], np.ones(len(rows), dtype=bool),
                   rules)
    for i, commune in zip(rows, again, strict=True):
        if commune is None or commune.code is None or commune.code == communes[i].code:
            continue
        district = districts[i]
        label = f"{index.district.labels[district.code]} ({district.code})"
        if communes[i].code is None:
            communes[i] = commune
            districts[i] = LevelMatch(None, "unmatched", district.score,
                                      f"district {nfc(raw['district'][i])!r} is spelt like "
                                      f"{label}, which has no such commune")
        elif not (types := split_type(raw["commune"][i]).types) or (
                index.commune.types[commune.code] in types):  # else the type word decides
            other = f"{index.commune.labels[commune.code]}, {index.commune.within[commune.code]}"
            communes[i] = LevelMatch(
                None, "ambiguous", communes[i].score,
                f"commune {nfc(raw['commune'][i])!r} is spelt like "
                f"{index.commune.labels[communes[i].code]} of {label} and like {other} "
                f"({commune.code})", tuple(sorted({communes[i].code, commune.code})))
            districts[i] = LevelMatch(None, "ambiguous", district.score, "", tuple(sorted(
                {district.code, index.commune.parent_of[commune.code]})))


def parents_of(matches: list[LevelMatch | None],
               otherwise: Callable[[int], tuple[str, ...]] | None = None
               ) -> list[tuple[str, ...]]:
    """Per row, the units whose children the next level is searched among: the matched
    unit; every unit an ambiguous name fits; else ``otherwise(row)`` (or none: the next
    level is not searched)."""
    out = []
    for i, match in enumerate(matches):
        if match is not None and match.code is not None:
            out.append((match.code,))
        elif match is not None and match.candidates:
            out.append(match.candidates)
        else:
            out.append(otherwise(i) if otherwise is not None else ())
    return out


def infer_parents(index: VintageIndex, found: Found, level: str) -> None:
    """Where ``level`` was matched among several parents' children, the unit found fixes
    its parent (and that parent's parent): inferred as good as the unit where no name was
    written, ``fuzzy`` where the one written was not found or ambiguous. Changes ``found``
    in place."""
    if level == "district":
        steps = [("province", index.district)]
    elif index.district is not None:
        steps = [("district", index.commune), ("province", index.district)]
    else:
        steps = [("province", index.commune)]
    n = len(found[level])
    for parent_level, _ in steps:
        found.setdefault(parent_level, [None] * n)
    above = found[steps[0][0]]
    for i, match in enumerate(found[level]):
        if match is None or match.code is None or (above[i] is not None
                                                   and above[i].code is not None):
            continue  # nothing found, or found within its matched parent
        child, child_level = match.code, level
        for parent_level, table in steps:
            code, written = table.parent_of[child], found[parent_level][i]
            if written is not None and written.code == code:
                break
            note = (f"{parent_level} inferred from the {child_level}: {table.within[child]} "
                    f"({code})")
            found[parent_level][i] = (
                LevelMatch(code, match.status, match.score, note) if written is None
                else LevelMatch(code, "fuzzy", written.score, f"{written.note}; {note}"))
            child, child_level = code, parent_level
