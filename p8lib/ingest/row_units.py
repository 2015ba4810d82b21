"""Which unit each row of a report is about: codes from code columns or matched names.

Names are matched once per distinct combination (:func:`p8lib.units.matching.match_units`).
What does not match is reported in the column that holds the bad name (a province misspelt
is named in the province column, not the commune's); a name that contradicts the code
beside it is an error; a row with neither name nor code is reported, never filed as a
national figure without a word.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from p8lib import units
from p8lib.contract import expected_level
from p8lib.ingest.columns import choose, constant, row_groups
from p8lib.ingest.layout import CODE_ROLES, ROLE_MESSAGES, UNIT_ROLES, Layout
from p8lib.ingest.problems import Problem
from p8lib.ingest.readers import RawSheet
from p8lib.units import match_units

# Where a match note lists the units closest to a name (p8lib.units.matching's wording).
_CANDIDATES = re.compile(r"(?:closest: |fits |equally close to )([^;]*)")
# The matcher's note on a parent found by its child (p8lib.units.hierarchy).
_INFERRED = re.compile(r"(?P<parent>province|district) inferred from the "
                       r"(?P<child>district|commune): (?P<found>[^;]*)")
_CODE_OF = dict(zip(UNIT_ROLES, CODE_ROLES, strict=True))


def level_of_rows(rows: pd.DataFrame) -> pd.Series:
    """:func:`p8lib.contract.schema.expected_level` of each row, worked out per distinct
    code triple."""
    group, first = row_groups(rows, CODE_ROLES)
    distinct = rows.iloc[first][list(CODE_ROLES)].replace({c: {"": None} for c in CODE_ROLES})
    levels = pd.Categorical(expected_level(distinct).to_numpy(dtype=object))
    return pd.Series(pd.Categorical.from_codes(levels.codes[group], dtype=levels.dtype),
                     index=rows.index)


def rows_without_unit(rows: pd.DataFrame) -> np.ndarray:
    """True for rows with no unit name and no code at all (after names are matched)."""
    empty = np.ones(len(rows), dtype=bool)
    for role in (*UNIT_ROLES, *CODE_ROLES):
        if role in rows:
            empty &= (rows[role] == "").to_numpy() | rows[role].isna().to_numpy()
    return empty


def add_units(rows: pd.DataFrame, layout: Layout, sheet: RawSheet,
              problems: list[Problem]) -> np.ndarray:
    """Fill the code columns from codes or matched names, reporting what does not match.

    Returns, per row, whether its unit is known: given by code (and not contradicted by
    a name beside it), or matched exactly or by spelling.
    """
    for role in CODE_ROLES:
        if role not in rows:
            rows[role] = constant("", len(rows))
    resolved = np.ones(len(rows), dtype=bool)
    names = [r for r in UNIT_ROLES if r in rows]
    if not names:
        return resolved
    needs = np.ones(len(rows), dtype=bool)  # rows without any code
    for role in CODE_ROLES:
        needs &= (rows[role] == "").to_numpy() | rows[role].isna().to_numpy()
    group, first = row_groups(rows, names + list(CODE_ROLES))
    distinct = rows.iloc[first][names + list(CODE_ROLES)].astype(object)
    named = (distinct[names] != "").any(axis=1).to_numpy()
    todo = np.flatnonzero(named & needs[first])
    if "province" in names:
        resolved &= _names_agree_with_codes(rows, distinct, group, first,
                                            named & ~needs[first], names, layout, sheet,
                                            problems)
    if not len(todo):
        return resolved
    codes = match_units(distinct.iloc[todo][names],
                        *(r if r in names else None for r in UNIT_ROLES))
    # Spread each combination's codes to its rows: combination → position in ``codes``.
    position = np.full(len(first), -1, dtype=np.int64)
    position[todo] = np.arange(len(todo))
    row_position = position[group]
    for role in CODE_ROLES:
        matched = pd.Categorical(codes[role].fillna("").to_numpy(dtype=object))
        spread = pd.Series(pd.Categorical.from_codes(
            np.where(row_position >= 0, matched.codes[np.maximum(row_position, 0)], -1),
            categories=matched.categories), index=rows.index)
        rows[role] = choose(row_position >= 0, spread, rows[role])
    found = codes["match_status"].isin(("exact", "fuzzy")).to_numpy()
    resolved[row_position >= 0] &= found[row_position[row_position >= 0]]
    times = np.bincount(row_position[row_position >= 0], minlength=len(todo))
    _report_inexact(codes.assign(src_row=rows["src_row"].to_numpy()[first[todo]], times=times),
                    names, layout, sheet, problems)
    return resolved


def _report_inexact(codes: pd.DataFrame, names: list[str], layout: Layout, sheet: RawSheet,
                    problems: list[Problem]) -> None:
    """Each name combination that did not match exactly, once, at its first row, in the
    column of the level that failed."""
    inexact = codes[codes["match_status"] != "exact"].sort_values("src_row", kind="stable")
    if inexact.empty:
        return
    failing = _failing_level(inexact, names)
    for row, level in zip(inexact.itertuples(), failing, strict=True):
        label = " / ".join(str(getattr(row, n)) for n in names if getattr(row, n))
        where = (sheet.file, sheet.sheet, int(row.src_row), layout.header(layout.column(level)),
                 str(getattr(row, level)))
        if row.match_status == "fuzzy":
            code = row.commune_code or row.district_code or row.province_code
            params = {"label": label, "unit": f"{units.name_of(code)} ({code})",
                      "score": f"{row.match_score:.0f}"}
            # A parent the matcher worked out from its child is said so.
            inferred = _INFERRED.search(row.match_note or "")
            if inferred:
                params |= {"parent_key": ROLE_MESSAGES[inferred["parent"]],
                           "child_key": ROLE_MESSAGES[inferred["child"]],
                           "found": inferred["found"]}
            problems.append(Problem("unit_fuzzy_inferred" if inferred else "unit_fuzzy",
                                    "warning", *where, params=params))
        else:
            found = _CANDIDATES.search(row.match_note or "")
            problems.append(Problem(f"unit_{row.match_status}", "error", *where, params={
                "label": label, "level_key": ROLE_MESSAGES[level], "times": int(row.times),
                "name": repr(str(getattr(row, level))),
                "candidates": found.group(1).strip() if found else "–"}))


def _failing_level(inexact: pd.DataFrame, names: list[str]) -> list[str]:
    """The first level of each combination that is not an exact match, as the matcher saw
    it (``match_level``), among the levels the report names (else its last)."""
    return [level if level in names else names[-1]
            for level in inexact["match_level"].tolist()]


def _names_agree_with_codes(rows: pd.DataFrame, distinct: pd.DataFrame, group: np.ndarray,
                            first: np.ndarray, check: np.ndarray, names: list[str],
                            layout: Layout, sheet: RawSheet,
                            problems: list[Problem]) -> np.ndarray:
    """False for rows whose unit name names another unit than the code beside it (an error
    in the name's column); a name that matches no unit is a warning (the code is used).
    Each distinct combination of names and codes is matched once."""
    agree = np.ones(len(rows), dtype=bool)
    todo = np.flatnonzero(check)
    if not len(todo):
        return agree
    given = distinct.iloc[todo]
    matched = match_units(given[names], *(r if r in names else None for r in UNIT_ROLES))
    first_rows = rows["src_row"].to_numpy()[first[todo]]
    for i, combo in enumerate(given.to_dict("records")):
        for level in names:
            code, name = combo[_CODE_OF[level]], combo[level]
            found = matched[_CODE_OF[level]].iat[i]
            if not code or not name or found == code:
                continue
            bad = group == todo[i]
            contradicts = found is not None and not pd.isna(found)
            if contradicts:
                agree &= ~bad
            problems.append(Problem(
                "name_contradicts_code" if contradicts else "name_not_found_code_used",
                "error" if contradicts else "warning", sheet.file, sheet.sheet,
                int(first_rows[i]), layout.header(layout.column(level)), str(name), params={
                    "code": str(code), "official": _official_name(code),
                    "code_column": layout.header(layout.column(_CODE_OF[level])),
                    "times": int(bad.sum())}))
            break
    return agree


def _official_name(code: str) -> str:
    """The 2021 unit's name of a code, or "?" for a code no unit has (its own error)."""
    try:
        return units.name_of(code)
    except KeyError:
        return "?"
