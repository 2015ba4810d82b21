"""Per-province values of the coverage map, in both vintages."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib import units
from p8lib.contract import catalogue
from p8lib.maps import map_values
from tests.frames import ROWS, figures


@pytest.mark.parametrize(("codes", "vintage", "expected"), [
    (["10", "15"], "2021", {"10": 1.0, "15": 1.0}),
    (["10", "15"], "2025", {"15": 2.0}),  # old Lào Cai and old Yên Bái → new Lào Cai (15)
    (["52", "64", "94"], "2025", {"52": 2.0, "92": 1.0}),  # → new Gia Lai; Sóc Trăng → Cần Thơ
    ([], "2025", {}),
])
def test_figures_per_province_rolls_up_to_2025(codes, vintage, expected):
    frame = figures([*({**ROWS[1], "province_code": c} for c in codes), ROWS[0]])
    got = map_values.figures_per_province(frame, vintage)
    assert got.to_dict() == expected  # the national row is left out
    assert got.name == "figures"


COVERAGE = pd.DataFrame({"province_code": ["10", "15", "94", None, "04"],
                         "role": ["pilot_province"] * 4 + ["implementing_province"]})


@pytest.mark.parametrize(("vintage", "codes"), [
    ("2021", ["10", "15", "94"]),
    ("2025", ["15", "92"]),  # two old pilots fall in one new province: listed once
])
def test_pilot_codes(vintage, codes):
    assert map_values.pilot_codes(COVERAGE, vintage) == codes


@pytest.mark.parametrize(("lang", "names", "new_names"), [
    ("en", ["Lào Cai", "Yên Bái", "Sóc Trăng"], ["Lào Cai", "Lào Cai", "Cần Thơ"]),
    ("vi", ["Tỉnh Lào Cai", "Tỉnh Yên Bái", "Tỉnh Sóc Trăng"],
     ["Tỉnh Lào Cai", "Tỉnh Lào Cai", "Thành phố Cần Thơ"]),
])
def test_pilot_provinces_name_both_vintages(lang, names, new_names):
    table = map_values.pilot_provinces(COVERAGE, lang)
    assert table.iloc[:, 0].tolist() == ["10", "15", "94"]
    assert table.iloc[:, 1].tolist() == names
    assert table.iloc[:, 2].tolist() == new_names


def test_shipped_coverage_has_the_eight_pilot_provinces():
    cov = catalogue.coverage()
    table = map_values.pilot_provinces(cov, "en")
    assert len(table) == 8 and "Lai Châu" in set(table["Name"])
    assert len(map_values.pilot_codes(cov, "2021")) == 8
    assert set(map_values.pilot_codes(cov, "2025")) <= set(
        units.provinces("2025")["province_code"])


def test_a_2025_figure_is_on_the_2021_map_only_inside_one_2021_province():
    rows = [{**ROWS[1], "province_code": "19", "commune_code": "05542", "level": "commune",
             "vintage": "2025"},  # Lam Vỹ: formed from 2021 Thái Nguyên communes
            {**ROWS[1], "province_code": "15", "vintage": "2025"}]  # Lào Cai 2025: two 2021
    frame = figures(rows)
    assert map_values.figures_per_province(frame, "2021").to_dict() == {"19": 1.0}
    assert map_values.figures_per_province(frame, "2025").to_dict() == {"15": 1.0, "19": 1.0}
