"""Match messy Vietnamese unit names to official codes.

A name is read as an optional **type word** and the name proper
(:func:`p8lib.units.text.split_type`): ``Tỉnh``/``T.``/``province``, ``Thành phố``/``TP.``/
``city``, ``Huyện``/``H.``/``district``, ``Quận``/``Q.``, ``Thị xã``/``TX.``/``town``,
``Thị trấn``/``TT.``/``township``, ``Xã``/``X.``/``commune``, ``Phường``/``P.``/``ward``,
``Đặc khu``. Names compare folded: no case, diacritics, spaces or punctuation, NFC and NFD
alike, old and new tone placement alike (:func:`p8lib.units.text.fold`).

Where a name is searched
------------------------
Among the children of its matched parent only: a district within its province, a commune
within its district (2021) or its province (2025). When a 2021 row's district is empty,
absent, not found or ambiguous, its commune is searched among **all communes of the
province** instead; a commune found there fixes the district (its ``match_note`` says the
district was inferred from the commune). The row is then ``fuzzy`` when its district was
written but not found or ambiguous, and as good as the commune's match when no district was
written. When the district was ambiguous, the commune must lie in one of the districts its
name fits, else the row stays ambiguous.

How each level is matched, in order
-----------------------------------
1. **exact** (score 100) — the folded name equals, within the parent, a unit's full name
   ("thitranmuongte"), short name, name without its type word ("muongte") or one of the
   package's aliases; or, with its type word **expanded** ("TT." → "thitran"), a full name or
   alias. When several units fit, the type word decides between them (Thị trấn Mường Tè and
   Xã Mường Tè), then the diacritics do (Phường Sa Pa and Phường Sa Pả); when neither
   decides, the level is **ambiguous** and its note names the candidates. A type word that
   fits none of the units of that name is ignored, as a reader would (a district since
   upgraded from Thị xã to Thành phố is still found).
2. **fuzzy** — each child of the parent is scored by its optimal-string-alignment
   similarity to the name without its type word: ``100 × (1 − d / max(len))`` where ``d``
   is rapidfuzz's OSA distance (``rapidfuzz.distance.OSA``) between the folded names. OSA
   counts a swap of two adjacent letters as one edit, like a dropped, added or wrong letter
   ("Mèo Vcạ" is one edit from "Mèo Vạc": 83; "Tủa Cùha" one from "Tủa Chùa": 86), where
   the plain ratio counted a swap as two edits and refused them. OSA rather than full
   Damerau–Levenshtein: it is the same for the one or two slips a name has, and faster.
   Before ranking, a child whose name holds other numbers than the input is dropped
   (Phường 3 is not a typo of Phường 5, nor Sơn Kim 1 of Sơn Kim 2), and when the input has
   a type word, a child of another type whose name equals a child of that type is dropped
   (the type word decides between namesakes here too). The best child is accepted when
   its score is at least ``threshold`` (:data:`DEFAULT_THRESHOLD`) **and** it leads the
   runner-up among the parent's children by at least :data:`FUZZY_MARGIN` points;
3. otherwise **ambiguous** (the runner-up is within the margin: several units fit nearly
   equally well) or **unmatched** (nothing reaches the threshold) — never a guess; the note
   names the closest candidates with their scores.

The scores, margin and threshold, and why
-----------------------------------------
* ``DEFAULT_THRESHOLD`` = 70: one edit in a name of four letters or more scores at least
  75 and two edits in one of seven or more at least 71, so the slips people make pass; a
  name half of whose letters are wrong (score ≤ 50) is another name, not a slip. Below 70
  the measured share of confident errors rose without more right answers
  (``bench/bench_matching.py``, ``docs/benchmarks.md``).
* ``FUZZY_MARGIN`` = 10 points over the runner-up: about one edit in a name of ten letters.
  The winner must be clearly nearer than any sibling, so a slip that lands as near to a
  sibling as to the truth (Hoằng Phụ / Hoằng Phú in one district) is refused. The issue's
  cases lead by 25–45 points; a margin of 5 admitted confident errors among the many
  siblings that share a first syllable (Hoằng …, Quỳnh …, Nghi …), and of 15 refused right
  answers with no fewer errors (measurements in ``docs/benchmarks.md``).
* 100 for every exact match; a row's ``match_score`` is its lowest level's score, and its
  ``match_status`` the worst of its levels' (exact < fuzzy < ambiguous < unmatched).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from p8lib.units import admin
from p8lib.units.level_index import FuzzyRules, LevelIndex, LevelMatch
from p8lib.units.text import nfc, split_type

STATUSES = ("exact", "fuzzy", "ambiguous", "unmatched")
DEFAULT_THRESHOLD = 65.0
FUZZY_MARGIN = 1
MOST_EDITS = 2
LEVELS = ("province", "district", "commune")
_NATION = ("",)
_NO_DISTRICTS = "the {vintage} units have no districts"


@dataclass
class _Index:
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
def _index(vintage: str) -> _Index:
    columns = ["name_vi", "short_vi", "keys"]
    provinces = admin.provinces(vintage)
    province = LevelIndex("province")
    province.add_units(pd.Series(_NATION * len(provinces)),
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
    return _Index(province, district, commune)


def match_one(
    province: object,
    district: object = None,
    commune: object = None,
    *,
    vintage: str = admin.OLD,
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[str, object]:
    """Match one (province, district, commune) triple of names.

    Parameters
    ----------
    province, district, commune : str or None
        Names as written in a report; district and commune may be empty. In the 2025
        vintage there are no districts and a commune is searched within its province.
    vintage : {"2021", "2025"}
        Which unit set the names belong to; codes returned are of that vintage.
    threshold : float
        Lowest fuzzy score (0–100, the module docstring says how it is computed) accepted
        as a fuzzy match.

    Returns
    -------
    dict
        ``province_code``, ``district_code``, ``commune_code`` (None where not matched or
        not given), ``match_status``, ``match_score``, ``match_note``.

    Examples
    --------
    >>> match_one("Sóc Trăng", "TX. Vĩnh Châu")["district_code"]
    '950'
    >>> match_one("Lai Châu", "H. Mường Tè", "TT. Mường Tè")["commune_code"]
    '03433'
    """
    names = pd.DataFrame({"province": [nfc(province)], "district": [nfc(district)],
                          "commune": [nfc(commune)]})
    return _match_distinct(names, vintage, threshold).iloc[0].to_dict()


def match_units(
    frame: pd.DataFrame,
    province_col: str = "province",
    district_col: str | None = "district",
    commune_col: str | None = "commune",
    *,
    vintage: str = admin.OLD,
    threshold: float = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """Add unit codes and match results to a frame of unit names.

    Columns ``district_col`` and ``commune_col`` may be absent. Returns a copy of ``frame``
    with ``province_code``, ``district_code``, ``commune_code``, ``match_status``,
    ``match_score`` and ``match_note`` appended (replacing columns of those names). Each
    distinct triple of names is matched once.

    Raises
    ------
    KeyError
        If ``province_col`` is not a column of ``frame``.
    """
    if province_col not in frame.columns:
        raise KeyError(f"column {province_col!r} not found; columns are {list(frame.columns)}")
    cols = {level: col for level, col in zip(LEVELS, (province_col, district_col, commune_col),
                                                 strict=True) if col and col in frame.columns}
    names = frame[list(cols.values())].astype("object")
    names = names.where(names.notna(), None)
    distinct = names.drop_duplicates()
    matched = _match_distinct(
        pd.DataFrame({level: distinct[col].fillna("").astype(str).to_numpy()
                      for level, col in cols.items()}), vintage, threshold)
    matched.index = pd.MultiIndex.from_frame(distinct) if len(cols) > 1 else pd.Index(
        distinct.iloc[:, 0])
    keys = (pd.MultiIndex.from_frame(names) if len(cols) > 1 else pd.Index(names.iloc[:, 0]))
    result = matched.reindex(keys)
    result.index = frame.index
    base = frame.drop(columns=[c for c in result.columns if c in frame.columns])
    return pd.concat([base, result], axis=1)


def _match_distinct(names: pd.DataFrame, vintage: str, threshold: float) -> pd.DataFrame:
    """:func:`match_one` of every row of distinct names, one level at a time.

    Each level matches its distinct (parents, name) pairs once, so a province written
    10,000 times costs one look-up. A level whose parent is not known is searched among
    the children of every unit the parent's name fits (ambiguous), or, for a 2021 commune
    whose district is not, of all districts of its province; the unit found then fixes its
    parents (:func:`_infer_parents`). Returns the output columns of :func:`match_units`.
    """
    index = _index(admin._check_vintage(vintage))
    n = len(names)
    raw = {level: names[level].to_numpy(dtype=object) for level in LEVELS if level in names}
    given = {level: (names[level].str.strip() != "").to_numpy() for level in raw}
    given["province"] = np.ones(n, dtype=bool)
    found: dict[str, list[LevelMatch | None]] = {
        "province": _search(index.province, [_NATION] * n, raw["province"], given["province"],
                            threshold)}
    if "district" in raw and index.district is None:
        note = _NO_DISTRICTS.format(vintage=vintage)
        found["district"] = [LevelMatch(None, "unmatched", 0.0, note) if g else None
                             for g in given["district"]]
    elif "district" in raw:
        found["district"] = _search(index.district, _parents(found["province"]),
                                    raw["district"], given["district"], threshold)
        _infer_parents(index, found, "district")
    if "commune" in raw:
        if index.district is None:
            parents = _parents(found["province"])
        else:
            # Where the district is not known, all districts of the province.
            provinces = _parents(found["province"])
            parents = [(d.code,) if d is not None and d.code is not None
                       else index.districts_of(provinces[i])
                       for i, d in enumerate(found.get("district", [None] * n))]
        found["commune"] = _search(index.commune, parents, raw["commune"], given["commune"],
                                   threshold)
        if index.district is not None and "district" in found:
            _keep_to_fitting_districts(index, found, raw["commune"])
            _doubt_districts(index, found, provinces, raw, threshold)
        _infer_parents(index, found, "commune")
    return _rows(found, n)


def _keep_to_fitting_districts(index: _Index, found: dict[str, list[LevelMatch | None]],
                               raws: np.ndarray) -> None:
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


def _doubt_districts(index: _Index, found: dict[str, list[LevelMatch | None]],
                     provinces: list[tuple[str, ...]], raw: dict[str, np.ndarray],
                     threshold: float) -> None:
    """A district matched only by spelling is checked by its commune. Where the commune is
    not found in it, the commune is searched among all districts of the province and, found
    there, fixes the district (:func:`_infer_parents`); where the commune too was found only
    by spelling, and the province has another commune that fits the name (and the type word
    written, if any), the row is ambiguous: a slip in each name, or a district miswritten?"""
    districts, communes = found["district"], found["commune"]
    rows = [i for i, (d, c) in enumerate(zip(districts, communes, strict=True))
            if d is not None and d.status == "fuzzy" and c is not None
            and c.status in ("fuzzy", "unmatched")]
    wide = [index.districts_of(provinces[i]) for i in rows]
    again = _search(index.commune, wide, raw["commune"][rows], np.ones(len(rows), dtype=bool),
                    threshold)
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


def _parents(matches: list[LevelMatch | None],
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


def _infer_parents(index: _Index, found: dict[str, list[LevelMatch | None]], level: str
                   ) -> None:
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


def _search(level: LevelIndex, parents: list[tuple[str, ...]], raws: np.ndarray,
            given: np.ndarray, threshold: float) -> list[LevelMatch | None]:
    """Each given name's match among the children of its row's parents (a row without
    parents is not searched); None where no name is given."""
    rows = [i for i in np.flatnonzero(given).tolist() if parents[i]]
    pairs = level.match_many([parents[i] for i in rows], [raws[i] for i in rows],
                             FuzzyRules(threshold, FUZZY_MARGIN, MOST_EDITS))
    out: list[LevelMatch | None] = [None] * len(raws)
    for i in rows:
        out[i] = pairs[(parents[i], raws[i])]
    for i in np.flatnonzero(given).tolist():
        if not parents[i]:
            out[i] = LevelMatch(None, "unmatched", 0.0,
                                f"{level.name} {nfc(raws[i])!r} not searched: parent unmatched")
    return out


def _codes(matches: list[LevelMatch | None]) -> np.ndarray:
    return np.array([m.code if m is not None else None for m in matches], dtype=object)


def _rows(found: dict[str, list[LevelMatch | None]], n: int) -> pd.DataFrame:
    """The output columns from each level's matches: codes, the worst status, the lowest
    score and the notes, in level order."""
    rank = np.zeros(n, dtype=np.int8)
    score = np.full(n, 100.0)
    notes: list[list[str]] = [[] for _ in range(n)]
    for level in LEVELS:
        for i, match in enumerate(found.get(level, ())):
            if match is None:
                continue
            rank[i] = max(rank[i], STATUSES.index(match.status))
            score[i] = min(score[i], match.score)
            if match.note:
                notes[i].append(match.note)
    nobody = np.full(n, None, dtype=object)
    return pd.DataFrame({
        "province_code": _codes(found["province"]),
        "district_code": _codes(found["district"]) if "district" in found else nobody,
        "commune_code": _codes(found["commune"]) if "commune" in found else nobody,
        "match_status": np.asarray(STATUSES, dtype=object)[rank],
        "match_score": score,
        "match_note": ["; ".join(note) for note in notes]})
