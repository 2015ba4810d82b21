"""Which province a figure belongs to in either vintage, without comparing codes across them.

A row's codes are of its ``vintage`` (:mod:`p8lib.contract.schema`): most figures are of the
2021 units, a few reports name units of 2025. The two sets reuse codes for other places
(``"15"`` is Yên Bái in 2021, the merged Lào Cai in 2025), so every comparison of a row's
province with a province code goes through one of these functions:

* :func:`provinces_2021` — the 2021 province a row lies in: its own code for a 2021 row;
  for a 2025 row, the one 2021 province its unit lies within (a commune: the province of the
  2021 communes it was formed from; a province: the 2021 province it continues unchanged),
  and missing where it spans several (the merged Quảng Ngãi holds the 2021 Quảng Ngãi and
  Kon Tum: its figures belong to neither alone);
* :func:`in_2021_province` — whether each row lies in one 2021 province (the filter of that
  province, without making the column of :func:`provinces_2021`);
* :func:`provinces_in` — the province of each row in a chosen vintage (2021 rows are rolled up
  to 2025 through :func:`p8lib.units.to_new_province`).

Frames without a ``vintage`` column are of the 2021 units throughout; for them both functions
cost one column look-up.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from p8lib import units
from p8lib.contract import Figure


def is_2025(frame: pd.DataFrame) -> np.ndarray:
    """True for the rows whose codes are of the 2025 units (none without a vintage column)."""
    if Figure.vintage not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return (frame[Figure.vintage] == units.NEW).to_numpy(dtype=bool, na_value=False)


@cache
def _single_2021_province() -> tuple[dict[str, str], dict[str, str]]:
    """2025 commune code → 2021 province, and 2025 province code → 2021 province, for the
    2025 units that lie within exactly one 2021 province."""
    walk = units.commune_crosswalk()
    district_of = units.parent_codes("commune")
    province_of = units.parent_codes("district")
    communes = pd.DataFrame({"new": walk["new_commune_code"],
                             "old": walk["old_commune_code"].map(district_of).map(province_of)})
    provinces = units.province_crosswalk().rename(
        columns={"new_province_code": "new", "old_province_code": "old"})
    return _only_one(communes), _only_one(provinces)


def load_lookups() -> None:
    """Build the 2025 → 2021 lookups :func:`in_2021_province` reads, once per process (a
    server's warm-up, :mod:`app.warmup`: else the first province filter waits for them)."""
    _single_2021_province()


def _only_one(pairs: pd.DataFrame) -> dict[str, str]:
    """New code → old code, for the new codes whose known old codes are exactly one
    (``pairs``: columns ``new`` and ``old``; an unknown old code is not counted)."""
    distinct = pairs[["new", "old"]].dropna().drop_duplicates()
    single = distinct[~distinct["new"].duplicated(keep=False)]
    return dict(zip(single["new"], single["old"], strict=True))


def provinces_2021(frame: pd.DataFrame) -> pd.Series:
    """The 2021 province code of each row (missing where a 2025 unit spans several).

    Parameters
    ----------
    frame : DataFrame
        Figures or coverage rows: ``province_code``, ``commune_code`` and, optionally,
        ``vintage``.

    Returns
    -------
    Series
        Aligned on ``frame``; ``frame["province_code"]`` itself when no row is of 2025.

    Examples
    --------
    >>> rows = pd.DataFrame({"province_code": ["15", "15", "51"],
    ...                      "commune_code": [None, None, None],
    ...                      "vintage": ["2021", "2025", "2025"]})
    >>> provinces_2021(rows).tolist()  # Yên Bái; the merged Lào Cai and Quảng Ngãi: none
    ['15', None, None]
    """
    new = is_2025(frame)
    codes = frame[Figure.province_code]
    if not new.any():
        return codes
    out = codes.to_numpy(dtype=object, copy=True)
    out[new] = _2021_provinces_of_2025_rows(frame, new)
    return pd.Series(out, index=frame.index, name=Figure.province_code, dtype=object)


def _2021_provinces_of_2025_rows(frame: pd.DataFrame, new: np.ndarray) -> np.ndarray:
    """The 2021 province of each row of ``frame`` where ``new`` (rows of the 2025 units):
    its commune's or, without a commune, its province's; None where it spans several.
    Few rows are of 2025 (reports about the new units), so a loop over them is cheap."""
    by_commune, by_province = _single_2021_province()
    provinces = frame[Figure.province_code].to_numpy(dtype=object)[new]
    communes = frame[Figure.commune_code].to_numpy(dtype=object)[new]
    return np.array([by_commune.get(commune) if isinstance(commune, str) and commune
                     else by_province.get(province)
                     for province, commune in zip(provinces, communes, strict=True)],
                    dtype=object)


def in_2021_province(frame: pd.DataFrame, province: str) -> np.ndarray:
    """True for the rows that lie in the 2021 province ``province``: :func:`provinces_2021`
    equal to it, compared without making that column (a 2021 row's own code, compared on a
    categorical's integer codes; the few 2025 rows looked up).

    >>> rows = pd.DataFrame({"province_code": ["15", "15", "94"],
    ...                      "commune_code": [None, None, None],
    ...                      "vintage": ["2021", "2025", "2021"]})
    >>> in_2021_province(rows, "15").tolist()  # Yên Bái, not the merged Lào Cai
    [True, False, False]
    """
    new = is_2025(frame)
    keep = (frame[Figure.province_code] == province).to_numpy(dtype=bool, na_value=False,
                                                              copy=True)
    if new.any():
        keep[new] = _2021_provinces_of_2025_rows(frame, new) == province
    return keep


def provinces_in(frame: pd.DataFrame, vintage: str) -> pd.Series:
    """The province code of each row in ``vintage`` ("2021": :func:`provinces_2021`;
    "2025": a 2021 row's province rolled up, a 2025 row's own), missing where there is
    none (a national row, a 2025 unit spanning several 2021 provinces).

    Raises
    ------
    ValueError
        ``vintage`` is neither "2021" nor "2025".
    """
    if vintage not in units.VINTAGES:
        raise ValueError(f"vintage {vintage!r} not in {units.VINTAGES}")
    if vintage == units.OLD:
        return provinces_2021(frame)
    new = is_2025(frame)
    codes = frame[Figure.province_code].astype(object)
    rolled = units.to_new_province(codes)
    return rolled.where(~new, codes)
