"""Vietnamese administrative units of both vintages, from the ``vietnamadminunits`` package.

Two vintages exist and their codes overlap (old Yên Bái and new Lào Cai are both ``15``), so
every table here belongs to one vintage, named by the year its units came into force:

* ``"2021"`` — the units in force until 30 June 2025 (63 provinces, ~700 districts, ~10,000
  communes, GSO codes). Project 8 reports of 2021–2025 use them.
* ``"2025"`` — the units since 1 July 2025 (34 provinces, no districts, 3,321 communes;
  Decision 19/2025/QĐ-TTg).

The crosswalks between them are :mod:`p8lib.units.crosswalk`, the only way to move a code
from one vintage to the other.

Source: vietnamadminunits (MIT), https://pypi.org/project/vietnamadminunits/.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import pandas as pd

from p8lib.units.text import fold, nfc_many

Vintage = Literal["2021", "2025"]
VINTAGES: tuple[Vintage, ...] = ("2021", "2025")
OLD: Vintage = "2021"
NEW: Vintage = "2025"
PACKAGE_CREDIT = "vietnamadminunits (MIT licence), https://pypi.org/project/vietnamadminunits/"


def _check_vintage(vintage: str) -> Vintage:
    if vintage not in VINTAGES:
        raise ValueError(f"unknown vintage {vintage!r}; expected one of {VINTAGES}")
    return vintage  # type: ignore[return-value]


def _keywords(raw: object) -> tuple[str, ...]:
    """Folded alias keys from the package's JSON keyword lists."""
    if not isinstance(raw, str) or not raw:
        return ()
    return tuple(sorted({fold(k) for k in json.loads(raw)}))


def _bounds(raw: object) -> tuple[float, float, float, float]:
    """Parse ``"lat1,lon1 – lat2,lon2"`` into ``(lat_min, lon_min, lat_max, lon_max)``."""
    if not isinstance(raw, str) or "–" not in raw:
        return (float("nan"),) * 4
    (lat1, lon1), (lat2, lon2) = (
        tuple(float(v) for v in part.split(",")) for part in raw.split("–")
    )
    return (min(lat1, lat2), min(lon1, lon2), max(lat1, lat2), max(lon1, lon2))


# The English words of unit types below a province, as Vietnam's own English names use them
# ("Huyện Kế Sách" → "Kế Sách District", "Phường 5" → "Ward 5"). A province is named by its
# short name alone ("Sóc Trăng"): the type word adds nothing beside a province filter or map.
ENGLISH_TYPES = {"Thành phố": "City", "Huyện": "District", "Quận": "District",
                 "Thị xã": "Town", "Xã": "Commune", "Phường": "Ward", "Thị trấn": "Township",
                 "Đặc khu": "Special Zone"}


def _english(full: pd.Series, short: pd.Series, unit: str) -> pd.Series:
    """English names: the Vietnamese short name with its diacritics (never stripped: "Sóc
    Trăng", not "Soc Trang"), with the type in English below province level.

    The type is read from the full name ("Thị Xã Buôn Hồ": any capitals); the package's
    short names say it again in brackets where two units share a name ("Kỳ Anh (Thị xã)"),
    which the English type word then replaces ("Kỳ Anh Town").
    """
    if unit == "province":
        return short.copy()
    names = []
    for name, head in zip(full.tolist(), short.tolist(), strict=True):
        lowered = name.lower()
        kind = next((k for k in ENGLISH_TYPES if lowered.startswith(f"{k.lower()} ")), None)
        if kind is None:
            names.append(head)
            continue
        english = ENGLISH_TYPES[kind]
        if head.endswith(")") and head.lower().endswith(f"({kind.lower()})"):
            head = head[:-len(kind) - 2].strip()
        if head.lower().startswith(f"{kind.lower()} "):  # a numbered unit: "Phường 5"
            names.append(f"{english} {head[len(kind):].strip()}")
        else:
            names.append(f"{head} {english}")
    return pd.Series(names, index=short.index, dtype=short.dtype)


@cache
def _package_data() -> Path:
    """The package's data folder, found without importing the package: its ``__init__``
    loads address parsers (geopy, requests…) that p8lib does not use and that would delay a
    fresh server's first page (bench/bench_browser.py)."""
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("vietnamadminunits is not installed: run python3 dev.py app")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _table(name: str, unit: str | None = None, fields: tuple[str, ...] | None = None
           ) -> pd.DataFrame:
    """One table of the package's SQLite database, as the package's own ``query`` reads it.

    With ``unit`` ("province", "district", "ward"), only that unit's columns (``{unit}…``,
    or just ``{unit}{field}`` for the given ``fields``) and its parents' codes, one row per
    distinct combination: a fraction of the whole commune table, which a fresh server would
    otherwise read before its first page only to name provinces.
    """
    uri = (_package_data() / "dataset.db").as_uri() + "?mode=ro"
    with sqlite3.connect(uri, uri=True) as connection:
        if unit is None:
            return pd.read_sql_query(f"SELECT * FROM {name}", connection)
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({name})")]
        wanted = [c for c in columns if c.startswith(unit)
                  and (fields is None or c[len(unit):] in fields)]
        wanted += [c for c in _PARENT_CODES[unit] if c in columns]
        listed = ", ".join(f'"{c}"' for c in wanted)
        return pd.read_sql_query(f"SELECT DISTINCT {listed} FROM {name}", connection)


# The package's code columns of the units above each unit.
_PARENT_CODES = {"province": (), "district": ("provinceCode",),
                 "ward": ("districtCode", "provinceCode")}


@cache
def _legacy_rows() -> pd.DataFrame:
    return _table("admin_units_legacy")


@cache
def _new_rows() -> pd.DataFrame:
    return _table("admin_units")


def _name_columns(rows: pd.DataFrame, unit: str, codes: dict[str, str]) -> dict[str, pd.Series]:
    """Our code columns (``codes`` maps them to the package's, in output order) and the
    names of one level's units, from the package's ``{unit}…`` columns: ``name_vi``,
    ``short_vi``, ``name_en``. Indexed as ``rows``."""
    columns = {ours: rows[theirs].astype(str) for ours, theirs in codes.items()}
    columns["name_vi"] = nfc_many(rows[unit])
    columns["short_vi"] = nfc_many(rows[f"{unit}Short"])
    columns["name_en"] = _english(columns["name_vi"], columns["short_vi"], unit)
    return columns


def _level_table(rows: pd.DataFrame, unit: str, codes: dict[str, str],
                 type_column: str | None = None) -> pd.DataFrame:
    """One level's table from the package's rows, which name their columns ``{unit}…``.

    The codes and names of :func:`_name_columns`, then the unit type when ``type_column``
    is given, the centroid and the folded alias keys. The index stays ``rows``'s.
    """
    columns = _name_columns(rows, unit, codes)
    if type_column:
        columns[type_column] = nfc_many(rows[f"{unit}Type"])
    columns["lat"] = rows[f"{unit}Lat"].astype(float)
    columns["lon"] = rows[f"{unit}Lon"].astype(float)
    columns["keys"] = rows[f"{unit}Keywords"].map(_keywords)
    return pd.DataFrame(columns)


@cache
def _provinces(vintage: Vintage) -> pd.DataFrame:
    rows = _table("admin_units_legacy" if vintage == OLD else "admin_units", "province")
    first = rows.drop_duplicates("provinceCode").sort_values("provinceCode")
    out = _level_table(first, "province", {"province_code": "provinceCode"})
    return out.reset_index(drop=True)


@cache
def _districts() -> pd.DataFrame:
    first = _table("admin_units_legacy", "district").drop_duplicates("districtCode").sort_values(
        "districtCode")
    out = _level_table(first, "district", {"district_code": "districtCode",
                                          "province_code": "provinceCode"}, "district_type")
    return out.reset_index(drop=True)


def _commune_codes(vintage: Vintage) -> dict[str, str]:
    """Our code columns of a commune → the package's (no districts since 1 July 2025)."""
    codes = {"commune_code": "wardCode", "district_code": "districtCode",
             "province_code": "provinceCode"}
    if vintage == NEW:
        del codes["district_code"]
    return codes


@cache
def _communes(vintage: Vintage) -> pd.DataFrame:
    rows = _legacy_rows() if vintage == OLD else _new_rows()
    rows = rows[rows["wardCode"].notna()].sort_values("wardCode")
    out = _level_table(rows, "ward", _commune_codes(vintage), "commune_type")
    if vintage == OLD:
        box = pd.DataFrame(
            rows["wardBounds"].map(_bounds).tolist(),
            columns=["lat_min", "lon_min", "lat_max", "lon_max"],
            index=rows.index,
        )
        out = pd.concat([out, box], axis=1)
    else:
        out["area_km2"] = rows["wardAreaKm2"].astype(float)
    return out.reset_index(drop=True)


@cache
def _commune_names(vintage: Vintage) -> pd.DataFrame:
    rows = _table("admin_units_legacy" if vintage == OLD else "admin_units", "ward",
                  fields=("Code", "", "Short"))
    rows = rows[rows["wardCode"].notna()].sort_values("wardCode")
    return pd.DataFrame(_name_columns(rows, "ward", _commune_codes(vintage))).reset_index(
        drop=True)


def provinces(vintage: str = OLD) -> pd.DataFrame:
    """Provinces of one vintage.

    Parameters
    ----------
    vintage : {"2021", "2025"}
        ``"2021"``: the 63 provinces in force until June 2025; ``"2025"``: the 34 since July 2025.

    Returns
    -------
    DataFrame
        ``province_code`` (2-digit string), ``name_vi`` ("Tỉnh Lào Cai"), ``short_vi``
        ("Lào Cai"), ``name_en`` ("Lào Cai": English keeps the diacritics), ``lat``,
        ``lon`` (centroid), ``keys`` (folded aliases). Sorted by code; a fresh copy each call.
    """
    return _provinces(_check_vintage(vintage)).copy()


def districts() -> pd.DataFrame:
    """The ~700 districts of the 2021 vintage (districts ended on 1 July 2025).

    Columns: ``district_code`` (3 digits), ``province_code``, ``name_vi``, ``short_vi``,
    ``district_type`` (Huyện, Quận, Thị xã, Thành phố), ``name_en`` ("Kế Sách District"),
    ``lat``, ``lon``, ``keys``.
    """
    return _districts().copy()


def communes(vintage: str = OLD) -> pd.DataFrame:
    """Communes, wards and towns of one vintage.

    Columns: ``commune_code`` (5 digits), ``district_code`` (2021 only), ``province_code``,
    ``name_vi``, ``short_vi``, ``commune_type``, ``name_en``, ``lat``, ``lon``, ``keys``; for
    2021 also the bounding box ``lat_min, lon_min, lat_max, lon_max``; for 2025 ``area_km2``.
    The five island districts of 2021 that have no communes are not rows here (see
    :func:`districts`).
    """
    return _communes(_check_vintage(vintage)).copy()


def commune_names(vintage: str = OLD) -> pd.DataFrame:
    """The codes and names of :func:`communes`, read from those columns alone.

    Naming communes or checking that they nest needs no aliases, centroids or bounds:
    this table costs a fraction of :func:`communes`, which a province page would otherwise
    pay the first time it names a commune.

    Returns
    -------
    DataFrame
        ``commune_code``, ``district_code`` (2021 only), ``province_code``, ``name_vi``,
        ``short_vi``, ``name_en``, with the same values as the same columns of
        :func:`communes`; a fresh copy each call.
    """
    return _commune_names(_check_vintage(vintage)).copy()


@cache
def _parents() -> dict[str, pd.Series]:
    return {"district": _districts().set_index("district_code")["province_code"],
            "commune": _commune_names(OLD).set_index("commune_code")["district_code"]}


def parent_codes(level: str) -> pd.Series:
    """2021 code of each district (``level="district"``) or commune (``"commune"``) → the
    code of the unit it belongs to (province, district).

    >>> parent_codes("commune")["00001"]
    '001'
    """
    return _parents()[level].copy()


def province_of(level: str) -> Mapping[str, str]:
    """2021 code of each district (``level="district"``) or commune (``"commune"``) → the
    code of its province; read-only, built once (for look-ups of a few codes at a time).

    >>> province_of("commune")["00001"]
    '01'
    """
    return _province_of()[level]


@cache
def _province_of() -> dict[str, Mapping[str, str]]:
    names = _commune_names(OLD)
    return {"district": MappingProxyType(_parents()["district"].to_dict()),
            "commune": MappingProxyType(dict(zip(
                names["commune_code"], names["province_code"], strict=True)))}


@cache
def _names_2021() -> dict[str, str]:
    names: dict[str, str] = {}
    for table, key in ((_provinces(OLD), "province_code"), (_districts(), "district_code"),
                       (_commune_names(OLD), "commune_code")):
        names.update(zip(table[key], table["name_vi"], strict=True))
    return names


def name_of(code: str) -> str:
    """Vietnamese name of a 2021-vintage province (2 digits), district (3) or commune (5) code.

    Raises
    ------
    KeyError
        If no unit has that code.
    """
    try:
        return _names_2021()[code]
    except KeyError:
        raise KeyError(f"no 2021 unit has code {code!r}") from None
