"""Match messy Vietnamese unit names to official codes.

A name is searched only among the children of its already-matched parent (a district
within its province, a commune within its district). Each level is matched by, in order:

1. **exact** — the folded full name ("huyenbacha") or the name without its type word
   ("bacha", also the package's known aliases) equals one unit's key;
2. **fuzzy** — rapidfuzz's ratio against the keys of the parent's children is at least
   ``threshold`` and clearly ahead of the runner-up;
3. otherwise **ambiguous** (several units fit equally well) or **unmatched** — with the
   closest candidates named in ``match_note`` instead of a guess.

A row's ``match_status`` is the worst status over its levels and ``match_score`` the lowest
score (100 for exact).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from p8lib.units import admin
from p8lib.units.text import fold, fold_and_unit_keys, nfc, strip_marks, unit_key

STATUSES = ("exact", "fuzzy", "ambiguous", "unmatched")
DEFAULT_THRESHOLD = 85.0
# A fuzzy winner must lead the runner-up by this many points, else the row is ambiguous.
FUZZY_MARGIN = 4.0
_NATION = ""
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LevelMatch:
    """The result of matching one name at one level."""

    code: str | None
    status: str
    score: float
    note: str = ""


@dataclass
class _Level:
    """Lookup tables for one level: keys within each parent → codes."""

    name: str
    full_keys: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    short_keys: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    choices: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    labels: dict[str, str] = field(default_factory=dict)
    accented: dict[str, tuple[str, str]] = field(default_factory=dict)
    _exact: dict[tuple[str, str], LevelMatch] | None = None

    def add(self, parent: str, code: str, name_vi: str, short_vi: str, aliases) -> None:
        self.full_keys[(parent, fold(name_vi))].add(code)
        for key in {fold(short_vi), unit_key(name_vi), *aliases}:
            self.short_keys[(parent, key)].add(code)
        self.choices[parent][code] = fold(short_vi)
        self.labels[code] = name_vi
        self.accented[code] = (_accented(name_vi), _accented(short_vi))

    def match_many(self, parents: pd.Series, raws: pd.Series,
                   threshold: float) -> dict[tuple[str, str], LevelMatch]:
        """Match each distinct (parent, name) pair; the keys are folded column-wise, and a
        full name that is one unit's (the common case) is looked up, nothing more."""
        pairs = pd.DataFrame({"parent": parents, "raw": raws}).drop_duplicates()
        fulls, shorts = fold_and_unit_keys(pairs["raw"])
        found: dict[tuple[str, str], LevelMatch] = {}
        exact = self.exact
        for parent, raw, full, short in zip(pairs["parent"].tolist(), pairs["raw"].tolist(),
                                            fulls, shorts, strict=True):
            hit = exact.get((parent, full))
            found[(parent, raw)] = hit or self.match_keys(parent, raw, full, short, threshold)
        return found

    @property
    def exact(self) -> dict[tuple[str, str], LevelMatch]:
        """(parent, folded full name) → the exact match, for names only one unit has."""
        if self._exact is None:
            self._exact = {key: LevelMatch(next(iter(codes)), "exact", 100.0)
                           for key, codes in self.full_keys.items() if len(codes) == 1}
        return self._exact

    def match_keys(self, parent: str, raw: str, full: str, short: str,
                   threshold: float) -> LevelMatch:
        """Match a name whose keys (:func:`fold`, :func:`unit_key`) are already known."""
        if not full:
            return LevelMatch(None, "unmatched", 0.0, f"{self.name} name is empty")
        found = self.full_keys.get((parent, full))
        if not found:
            found = (self.short_keys.get((parent, full), _NONE)
                     | self.short_keys.get((parent, short), _NONE))
        if len(found) == 1:
            return LevelMatch(next(iter(found)), "exact", 100.0)
        if len(found) > 1:
            found = self._by_marks(raw, found)
        if len(found) == 1:
            return LevelMatch(next(iter(found)), "exact", 100.0)
        if len(found) > 1:
            names = ", ".join(sorted(f"{self.labels[c]} ({c})" for c in found))
            return LevelMatch(None, "ambiguous", 100.0,
                              f"{self.name} {nfc(raw)!r} fits {names}")
        return self._fuzzy(parent, nfc(raw), short, threshold)

    def _by_marks(self, raw: str, found: set[str]) -> set[str]:
        """Candidates whose names differ only by diacritics ("Minh Quán", "Minh Quân"):
        keep the one written exactly so, marks included. A name typed without marks stays
        ambiguous: it cannot say which one is meant."""
        if strip_marks(raw) == nfc(raw):
            return found
        written = _accented(raw)
        same = {c for c in found
                if written in self.accented[c] or written.endswith(" " + self.accented[c][1])}
        return same or found

    def _fuzzy(self, parent: str, raw: str, short: str, threshold: float) -> LevelMatch:
        choices = self.choices.get(parent, {})
        best = process.extract(short, choices, scorer=fuzz.ratio, limit=3)
        closest = ", ".join(f"{self.labels[c]} ({c}, {s:.0f})" for _, s, c in best)
        if not best or best[0][1] < threshold:
            hint = f"; closest: {closest}" if best else ""
            return LevelMatch(None, "unmatched", round(best[0][1], 1) if best else 0.0,
                              f"{self.name} {raw!r} not found{hint}")
        if len(best) > 1 and best[0][1] - best[1][1] < FUZZY_MARGIN:
            return LevelMatch(None, "ambiguous", round(best[0][1], 1),
                              f"{self.name} {raw!r} is equally close to {closest}")
        return LevelMatch(best[0][2], "fuzzy", round(best[0][1], 1))


@dataclass
class _Index:
    province: _Level
    district: _Level | None
    commune: _Level


@cache
def _index(vintage: str) -> _Index:
    province = _Level("province")
    for row in admin.provinces(vintage).itertuples():
        province.add(_NATION, row.province_code, row.name_vi, row.short_vi, row.keys)
    district = None
    commune = _Level("commune")
    communes = admin.communes(vintage)
    if vintage == admin.OLD:
        district = _Level("district")
        for row in admin.districts().itertuples():
            district.add(row.province_code, row.district_code, row.name_vi, row.short_vi,
                         row.keys)
        parents = communes["district_code"]
    else:
        parents = communes["province_code"]
    for parent, row in zip(parents, communes.itertuples(), strict=True):
        commune.add(parent, row.commune_code, row.name_vi, row.short_vi, row.keys)
    return _Index(province, district, commune)


def _accented(name: str) -> str:
    """Lower-case NFC with single spaces: a key that keeps the diacritics."""
    return nfc(name).lower()


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
        Lowest rapidfuzz ratio (0–100) accepted as a fuzzy match.

    Returns
    -------
    dict
        ``province_code``, ``district_code``, ``commune_code`` (None where not matched or
        not given), ``match_status``, ``match_score``, ``match_note``.

    Examples
    --------
    >>> match_one("Sóc Trăng", "TX. Vĩnh Châu")["district_code"]
    '950'
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


LEVELS = ("province", "district", "commune")


def _match_distinct(names: pd.DataFrame, vintage: str, threshold: float) -> pd.DataFrame:
    """:func:`match_one` of every row of distinct names, one level at a time.

    Each level matches its distinct (parent code, name) pairs once, so a province written
    10,000 times costs one lookup; the keys of all names are folded column-wise, and each
    row's worst status, lowest score and notes are kept in arrays across the levels.
    """
    index = _index(admin._check_vintage(vintage))
    n = len(names)
    rank = np.zeros(n, dtype=np.int8)  # position in STATUSES of the row's worst status
    score = np.full(n, 100.0)
    notes: dict[int, list[str]] = defaultdict(list)
    codes = {level: np.full(n, None, dtype=object) for level in LEVELS}
    parent = np.full(n, _NATION, dtype=object)
    searched = np.ones(n, dtype=bool)

    def record(rows: np.ndarray, matches: list[LevelMatch]) -> None:
        rank[rows] = np.maximum(rank[rows], [STATUSES.index(m.status) for m in matches])
        score[rows] = np.minimum(score[rows], [m.score for m in matches])
        for i, m in zip(rows.tolist(), matches, strict=True):
            if m.note:
                notes[i].append(m.note)

    for level, table in (("province", index.province), ("district", index.district),
                         ("commune", index.commune)):
        if level not in names:
            continue
        raw = names[level].to_numpy(dtype=object)
        given = np.ones(n, dtype=bool) if level == "province" else (
            names[level].str.strip() != "").to_numpy()
        if table is None:  # the 2025 units have no districts
            rows = np.flatnonzero(given)
            record(rows, [LevelMatch(None, "unmatched", 0.0,
                                     f"the {vintage} units have no districts")] * len(rows))
            continue
        blocked = given & searched & pd.isna(parent)
        rows = np.flatnonzero(blocked)
        record(rows, [LevelMatch(None, "unmatched", 0.0,
                                 f"{level} {nfc(raw[i])!r} not searched: parent unmatched")
                      for i in rows])
        searched &= ~blocked
        rows = np.flatnonzero(given & searched)
        found = table.match_many(pd.Series(parent[rows], dtype=object),
                                 pd.Series(raw[rows], dtype=object), threshold)
        matches = [found[pair] for pair in zip(parent[rows].tolist(), raw[rows].tolist(),
                                               strict=True)]
        record(rows, matches)
        codes[level][rows] = parent[rows] = [m.code for m in matches]
    return pd.DataFrame({
        "province_code": codes["province"], "district_code": codes["district"],
        "commune_code": codes["commune"],
        "match_status": np.asarray(STATUSES, dtype=object)[rank],
        "match_score": score,
        "match_note": ["; ".join(notes[i]) if i in notes else "" for i in range(n)]})
