"""Names in place of codes: places, indicators, periods."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.present import labels
from tests.frames import ROWS, figures


@pytest.mark.parametrize(("code", "lang", "name"), [
    ("94", "vi", "Tỉnh Sóc Trăng"),
    ("94", "en", "Sóc Trăng"),  # English keeps the diacritics
    ("949", "vi", "Huyện Thạnh Trị"),
    ("949", "en", "Thạnh Trị District"),
    ("31756", "vi", "Thị trấn Phú Lộc"),
    ("31756", "en", "Phú Lộc Township"),
    (None, "vi", "Toàn quốc"),
    (None, "en", "National"),
    (pd.NA, "en", "National"),
    (float("nan"), "en", "National"),
    ("xx", "en", "xx"),  # unknown: shown as itself
    ("94", "fr", "Tỉnh Sóc Trăng"),  # unknown language: the default, Vietnamese
])
def test_unit_name(code, lang, name):
    assert labels.unit_name(code, lang) == name


@pytest.mark.parametrize(("lang", "names"), [
    ("vi", ["Toàn quốc", "Tỉnh Sóc Trăng", "Huyện Thạnh Trị"]),
    ("en", ["National", "Sóc Trăng", "Thạnh Trị District"]),
])
def test_place_names_use_the_lowest_unit(lang, names):
    frame = figures(ROWS).set_index(pd.Index([7, 8, 9]))
    got = labels.place_names(frame, lang)
    assert got.tolist() == names
    assert got.index.tolist() == [7, 8, 9]


@pytest.mark.parametrize(("indicator", "lang", "label"), [
    ("comm_groups", "en", "Community communication groups"),
    ("comm_groups", "vi", "Tổ truyền thông cộng đồng"),
    ("not_there", "en", "not_there"),
])
def test_indicator_label(indicator_catalogue, indicator, lang, label):
    assert labels.indicator_label(indicator_catalogue, indicator, lang) == label


@pytest.mark.parametrize(("lang", "units"), [("en", ["groups", None]), ("vi", ["tổ", None])])
def test_indicator_names_and_units_fall_back_on_the_id(indicator_catalogue, lang, units):
    ids = pd.Series(["comm_groups", "not_there"], index=[3, 4])
    names, got = labels.indicator_names_and_units(indicator_catalogue, ids, lang)
    assert names[4] == "not_there" and names[3] != "comm_groups"
    assert [None if pd.isna(u) else u for u in got] == units
    assert got.index.tolist() == [3, 4]


@pytest.mark.parametrize(("start", "end", "label"), [
    (2023, 2023, "2023"),
    (2021, 2025, "2021–2025"),
    (2022.0, 2024.0, "2022–2024"),  # float years from a CSV read
])
def test_period_label(start, end, label):
    assert labels.period_label(pd.Series([start]), pd.Series([end])).tolist() == [label]


@pytest.mark.parametrize(("code", "level"), [("94", "province"), ("950", "district")])
def test_naming_a_province_or_district_does_not_load_the_communes(monkeypatch, code, level):
    """The commune table takes ≈ 0.4 s to build: a fresh server's first page names
    provinces only."""
    def no_communes(*args, **kwargs):
        raise AssertionError("commune table loaded")

    labels._level_names.cache_clear()
    monkeypatch.setattr(labels.units, "communes", no_communes)
    assert labels.unit_name(code, "vi") == units_name(level, code)
    labels._level_names.cache_clear()


def units_name(level, code):
    from p8lib import units

    table = units.provinces() if level == "province" else units.districts()
    return table.set_index(f"{level}_code").loc[code, "name_vi"]


@pytest.mark.parametrize(("province", "year", "lang", "label"), [
    ("94", 2023, "en", "Sóc Trăng · 2023"),
    ("94", None, "vi", "Sóc Trăng · 2021–2025"),
    (None, None, "en", "National · 2021–2025"),
    (None, 2024, "vi", "Toàn quốc · 2024"),
    ("xx", None, "en", "xx · 2021–2025"),
])
def test_scope_label_names_the_place_and_the_period(province, year, lang, label):
    assert labels.scope_label(province, year, [2021, 2023, 2025], lang) == label


def test_scope_label_of_one_year_or_none():
    assert labels.scope_label(None, None, [2023], "en") == "National · 2023"
    assert labels.scope_label(None, None, [], "en") == "National · All years"
