"""Crosswalks between the two vintages of units (:mod:`p8lib.units.admin`): which 2025
province and commune each 2021 one became, from the ``vietnamadminunits`` package's converter.

These are the only way to move a code from one vintage to the other (the vintages reuse
codes for other places).

Source: vietnamadminunits (MIT), https://pypi.org/project/vietnamadminunits/.
"""

from __future__ import annotations

import json
from functools import cache

import pandas as pd

from p8lib.units.admin import _legacy_rows, _new_rows, _package_data
from p8lib.units.text import fold


@cache
def _converter() -> dict:
    path = _package_data() / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _province_crosswalk() -> pd.DataFrame:
    old = _legacy_rows().drop_duplicates("provinceKey").set_index("provinceKey")["provinceCode"]
    new = _new_rows().drop_duplicates("provinceKey").set_index("provinceKey")["provinceCode"]
    pairs = [
        (old[old_key], new[new_key])
        for new_key, old_keys in _converter()["DICT_PROVINCE"].items()
        for old_key in old_keys
    ]
    out = pd.DataFrame(pairs, columns=["old_province_code", "new_province_code"])
    return out.sort_values("old_province_code").reset_index(drop=True)


def province_crosswalk() -> pd.DataFrame:
    """Old (2021) province code → new (2025) province code; 63 rows.

    Old provinces merged whole into new ones (Resolution 202/2025/QH15), so this is a
    function: each old code has exactly one new code.
    """
    return _province_crosswalk().copy()


@cache
def _commune_crosswalk() -> pd.DataFrame:
    legacy = _legacy_rows()
    legacy = legacy[legacy["wardCode"].notna()]
    old_by_key = dict(
        zip(
            legacy["provinceKey"] + "_" + legacy["districtKey"] + "_" + legacy["wardKey"],
            legacy["wardCode"],
            strict=True,
        )
    )
    new_rows = _new_rows()
    new_by_key = dict(
        zip(
            new_rows["provinceKey"] + "_" + new_rows["wardKey"].map(fold),
            new_rows["wardCode"],
            strict=True,
        )
    )
    conv = _converter()
    records: list[tuple[str, str, bool, bool]] = []
    for new_prov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            new_code = new_by_key.get(f"{new_prov}_{fold(new_ward)}")
            for old_key in old_keys:
                if old_key in old_by_key and new_code:
                    records.append((old_by_key[old_key], new_code, False, True))
    for new_prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, options in olds.items():
            for opt in options:
                new_code = new_by_key.get(f"{new_prov}_{fold(opt['newWardKey'])}")
                if old_key in old_by_key and new_code:
                    records.append((old_by_key[old_key], new_code, True, opt["isDefaultNewWard"]))
    out = pd.DataFrame(
        records, columns=["old_commune_code", "new_commune_code", "divided", "is_default"]
    ).drop_duplicates(["old_commune_code", "new_commune_code"])
    return out.sort_values(["old_commune_code", "new_commune_code"]).reset_index(drop=True)


def commune_crosswalk() -> pd.DataFrame:
    """Old (2021) commune code → new (2025) commune code(s).

    Columns: ``old_commune_code``, ``new_commune_code``, ``divided`` (the old commune was
    split between several new ones), ``is_default`` (the new commune that received most of it,
    one per old commune). Use ``is_default`` rows for a one-to-one roll-up.
    """
    return _commune_crosswalk().copy()


def to_new_province(old_codes: pd.Series) -> pd.Series:
    """Map old (2021) province codes to new (2025) ones; unknown codes become missing."""
    mapping = _province_crosswalk().set_index("old_province_code")["new_province_code"]
    return old_codes.map(mapping)
