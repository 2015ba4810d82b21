"""Match messy Vietnamese unit names to official codes.

Reading a name
--------------
A name is read as an optional **type word** and the name proper
(:func:`p8lib.units.text.split_type`): ``Tỉnh``/``T.``/``province``, ``Thành phố``/``TP.``/
``city``, ``Huyện``/``H.``/``district``, ``Quận``/``Q.``, ``Thị xã``/``TX.``/``town``,
``Thị trấn``/``TT.``/``township``, ``Xã``/``X.``/``commune``, ``Phường``/``P.``/``ward``,
``Đặc khu`` (with or without the dot; English words also after the name). Names compare
folded — no case, diacritics, spaces or punctuation, NFC and NFD alike
(:func:`p8lib.units.text.fold`); diacritics are compared only to tell apart units whose
folded names are alike (:func:`p8lib.units.text.marked_key`, old and new tone placement
alike). A type word that is also a syllable of names (Phường/Phương, Quận/Quan, Tỉnh/Tịnh,
Xã/Xa, Huyện/Huyền) is one only when written with its own marks; typed without any marks,
the name is read both ways.

Where a name is searched
------------------------
Among the children of its matched parent: a district within its province, a commune within
its district (2021) or province (2025). Where the parent is not known
(:mod:`p8lib.units.hierarchy`):

* its name fits several units (ambiguous): the name is searched among the children of all
  of them; a 2021 commune among all communes of the province, and it must then lie in a
  district the district's name fits;
* a 2021 district left empty, absent or not found: the commune is searched among all
  communes of the province.

A unit found so fixes its parents: the note says so ("district inferred from the commune:
Huyện Mường Tè (107)"), the parent is ``fuzzy`` where its name was written but not found or
ambiguous, and as good as the unit where no name was written. A district matched only by
spelling is checked by its commune: a commune not in it but in another district of the
province fixes the district; a commune found in it by spelling too, while another commune
of the province fits the name, leaves the row ambiguous.

How each level is matched, in order
-----------------------------------
1. **exact** (score 100) — the folded name equals, within the parent, a unit's full name
   ("thitranmuongte"), short name, name without its type word ("muongte") or one of the
   package's aliases; or, its type word **expanded** ("TT." → "thitran"), a full name or
   alias. Where several units fit, the type word decides between them (Thị trấn Mường Tè,
   Xã Mường Tè), then the diacritics as written (Phường Sa Pa, Phường Sa Pả); where neither
   does, the level is **ambiguous** and the note names the candidates. A name written with
   diacritics that fold to one unit's but are not its own is ambiguous when another unit is
   as near with the marks ("Hò Sơn": Hồ Sơn, or Hòa Sơn with a letter dropped). A type word
   that fits none of the units of that name is ignored, as a reader would (a district since
   upgraded from Thị xã to Thành phố is still found); no type word leaves namesakes
   ambiguous.
2. **fuzzy** — every child is scored against the name without its type word by
   rapidfuzz's **optimal string alignment** distance (``rapidfuzz.distance.OSA``) between
   the folded names: ``edits``, where a swap of two adjacent letters is one edit like a
   dropped, added or wrong letter, and ``score = 100 × (1 − edits / the longer length)``
   ("Mèo Vcạ" is one edit from Mèo Vạc: 83; "Tủa Cùha" from Tủa Chùa: 86). When the name
   holds numbers, a child with other numbers is not a candidate (Phường 3 is not a slip
   of Phường 5, nor Sơn Kim 1 of Sơn Kim 2); when it has a type word, neither is a namesake
   of another type of a child of that type. The nearest child is accepted when its score
   is at least ``threshold``, it is at most :data:`MOST_EDITS` edits away, and every other
   candidate is at least :data:`FUZZY_MARGIN` edit further. Of candidates equally near,
   the only one of the type written is taken ("Xa Phuoc Cat e": Xã Phước Cát 2, not Thị
   trấn Phước Cát), else the one clearly nearer with the diacritics as written, by the
   same rule ("Quỳn Hội": Quỳnh Hội, not Quỳnh Côi, as near without the marks);
3. otherwise **ambiguous** (several equally near) or **unmatched** (none near enough),
   never a guess; the note names the closest candidates and their scores.

The scores, margin and thresholds, and why
------------------------------------------
* :data:`FUZZY_MARGIN` = 1 edit. A slip is one edit. A name one slip from a unit, whose
  every other candidate needs at least one more, is that unit misspelt; a name as near to
  two units could be either, and is refused. A margin in score points instead (the rule
  before: 4 points) depends on the names' lengths: 4 points is less than one edit in a name
  of 26 letters or more, while 10 points refused "Phú Tành" for Phú Thành (one edit, 88)
  because Phúc Thành (two edits, 78) scores 9.7 lower.
* ``DEFAULT_THRESHOLD`` = 65: one edit passes in any name of three letters or more ("Hu" for
  Huế scores 67), two edits from six letters on (67); a shorter name with two letters wrong
  has lost a third of itself or more and is another name.
* :data:`MOST_EDITS` = 2: a third edit is not a slip but another name ("Minh Long" is three
  edits from Thanh Long and would score 67).
* OSA rather than unrestricted Damerau–Levenshtein: both count an adjacent swap as one edit;
  the unrestricted one also edits a swapped pair again, which no slip does, and is slower.
* Every exact match scores 100. A row's ``match_score`` is its lowest level's score and its
  ``match_status`` the worst of its levels' (exact < fuzzy < ambiguous < unmatched).

The share of names each rule gets right or wrong, by style of writing, and the other
thresholds and margins measured, are in ``docs/benchmarks.md`` (``bench/bench_matching.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib.units import admin
from p8lib.units.hierarchy import (
    NATION,
    Found,
    VintageIndex,
    doubt_districts,
    infer_parents,
    keep_to_fitting_districts,
    parents_of,
    search,
    vintage_index,
    written_in_full,
)
from p8lib.units.level_index import FuzzyRules, LevelMatch
from p8lib.units.text import nfc

STATUSES = ("exact", "fuzzy", "ambiguous", "unmatched")
_RANK = {status: rank for rank, status in enumerate(STATUSES)}
DEFAULT_THRESHOLD = 65.0
FUZZY_MARGIN = 1
MOST_EDITS = 2
LEVELS = ("province", "district", "commune")
_NO_DISTRICTS = "the {vintage} units have no districts"
_index = vintage_index  # the benchmarks clear its cache to time a cold start


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
    ``match_score``, ``match_note`` and ``match_level`` (the first level not matched
    exactly: "province", "district" or "commune"; None when every level is) appended
    (replacing columns of those names). Each distinct triple of names is matched once.

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
    if len(distinct) == len(names):  # each row its own names (as the importer hands them)
        result = matched.set_axis(frame.index)
    else:  # spread each triple's match to its rows
        matched.index = pd.MultiIndex.from_frame(distinct) if len(cols) > 1 else pd.Index(
            distinct.iloc[:, 0])
        keys = (pd.MultiIndex.from_frame(names) if len(cols) > 1
                else pd.Index(names.iloc[:, 0]))
        result = matched.reindex(keys).set_axis(frame.index)
    base = frame.drop(columns=[c for c in result.columns if c in frame.columns])
    return pd.concat([base, result], axis=1)


def _match_distinct(names: pd.DataFrame, vintage: str, threshold: float) -> pd.DataFrame:
    """:func:`match_one` of every row of distinct names.

    A row whose every name is one unit's full name under the unit above
    (:func:`p8lib.units.hierarchy.written_in_full`, most rows of a report) is looked up
    column-wise; the others are matched one level at a time (:func:`_match_levels`).
    Returns the output columns of :func:`match_units`.
    """
    index = vintage_index(admin._check_vintage(vintage))
    n = len(names)
    raw = {level: names[level].to_numpy(dtype=object) for level in LEVELS if level in names}
    given = {level: (names[level].str.strip() != "").to_numpy() for level in raw}
    given["province"] = np.ones(n, dtype=bool)
    full, codes = written_in_full(index, raw, given)
    nobody = np.full(n, None, dtype=object)
    out = {f"{level}_code": codes.get(level, nobody).copy() for level in LEVELS}
    out |= {"match_status": np.full(n, STATUSES[0], dtype=object),
            "match_score": np.full(n, 100.0), "match_note": np.full(n, "", dtype=object),
            "match_level": nobody.copy()}
    rest = np.flatnonzero(~full)
    if len(rest):
        matched = _match_levels(index, {level: raw[level][rest] for level in raw},
                                {level: given[level][rest] for level in given}, vintage,
                                threshold)
        for column, values in out.items():
            values[rest] = matched[column].to_numpy()
    return pd.DataFrame(out)


def _match_levels(index: VintageIndex, raw: dict[str, np.ndarray],
                  given: dict[str, np.ndarray], vintage: str, threshold: float
                  ) -> pd.DataFrame:
    """Match rows of names one level at a time.

    Each level matches its distinct (parents, name) pairs once, so a province written
    10,000 times costs one look-up. A level whose parent is not known is searched among
    the children of every unit the parent's name fits (ambiguous), or, for a 2021 commune
    whose district is not, of all districts of its province; the unit found then fixes its
    parents (:func:`_infer_parents`).
    """
    rules = FuzzyRules(threshold, FUZZY_MARGIN, MOST_EDITS)
    n = len(raw["province"])
    found: Found = {
        "province": search(index.province, [NATION] * n, raw["province"], given["province"],
                           rules)}
    if "district" in raw and index.district is None:
        note = _NO_DISTRICTS.format(vintage=vintage)
        found["district"] = [LevelMatch(None, "unmatched", 0.0, note) if g else None
                             for g in given["district"]]
    elif "district" in raw:
        found["district"] = search(index.district, parents_of(found["province"]),
                                    raw["district"], given["district"], rules)
        infer_parents(index, found, "district")
    if "commune" in raw:
        if index.district is None:
            parents = parents_of(found["province"])
        else:
            # Where the district is not known, all districts of the province.
            provinces = parents_of(found["province"])
            parents = [(d.code,) if d is not None and d.code is not None
                       else index.districts_of(provinces[i])
                       for i, d in enumerate(found.get("district", [None] * n))]
        found["commune"] = search(index.commune, parents, raw["commune"], given["commune"],
                                  rules)
        if index.district is not None and "district" in found:
            keep_to_fitting_districts(index, found, raw["commune"])
            doubt_districts(index, found, provinces, raw, rules)
        infer_parents(index, found, "commune")
    return _rows(found, n)


def _codes(matches: list[LevelMatch | None]) -> np.ndarray:
    return np.array([m.code if m is not None else None for m in matches], dtype=object)


def _rows(found: Found, n: int) -> pd.DataFrame:
    """The output columns from each level's matches: codes, the worst status, the lowest
    score and the notes, in level order."""
    rank = np.zeros(n, dtype=np.int8)
    score = np.full(n, 100.0)
    notes: list[list[str]] = []
    first_inexact = np.full(n, None, dtype=object)
    for level in LEVELS:
        matches = found.get(level)
        if matches is None:
            continue
        level_rank = np.array([_RANK[m.status] if m else 0 for m in matches], dtype=np.int8)
        first_inexact[(level_rank > 0) & (rank == 0)] = level
        rank = np.maximum(rank, level_rank)
        score = np.minimum(score, np.array([m.score if m else 100.0 for m in matches]))
        notes.append([m.note if m else "" for m in matches])
    nobody = np.full(n, None, dtype=object)
    return pd.DataFrame({
        "province_code": _codes(found["province"]),
        "district_code": _codes(found["district"]) if "district" in found else nobody,
        "commune_code": _codes(found["commune"]) if "commune" in found else nobody,
        "match_status": np.asarray(STATUSES, dtype=object)[rank],
        "match_score": score,
        "match_note": ["; ".join(filter(None, row)) for row in zip(*notes, strict=True)],
        "match_level": first_inexact})
