"""Texts, words and number and date formats of both languages (the catalogues themselves:
test_messages.py)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from p8lib.analysis import targets
from p8lib.contract import catalogue, i18n


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (10393, "vi", None, "10.393"),
    (10393, "en", None, "10,393"),
    (115.4777, "vi", 1, "115,5"),
    (115.4777, "en", 1, "115.5"),
    (19.451, "vi", None, "19,451"),
    (5.8, "en", None, "5.8"),
    (0, "vi", None, "0"),
    (-0.0, "en", None, "0"),
    (-3.5, "vi", None, "-3,5"),
    (1234567.891, "vi", 2, "1.234.567,89"),
    (1234567.891, "en", 0, "1,234,568"),
    (0.1, "en", None, "0.1"),  # its shortest repr, not 0.1000000000000000055…
    (2.0005, "en", None, "2"),  # three decimals at most
    (9000.0, "vi", None, "9.000"),
    (float("nan"), "en", None, "–"),
    (None, "vi", None, "–"),
    (pd.NA, "en", None, "–"),
])
def test_fmt_number(value, lang, decimals, expected):
    assert i18n.fmt_number(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (231.2, "vi", 1, "231,2%"),   # CLDR: no space before the sign in either language
    (231.2, "en", 1, "231.2%"),
    (50, "vi", 1, "50,0%"),
    (1234.5, "en", 1, "1,234.5%"),
    (14.99, "vi", None, "14,99%"),
    (80, "en", None, "80%"),
    (math.nan, "en", 1, "–"),     # missing is never 0 %
    (None, "vi", None, "–"),
])
def test_fmt_pct(value, lang, decimals, expected):
    assert i18n.fmt_pct(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "expected"), [
    ("2025-05-20", "vi", "20 tháng 5, 2025"),
    ("2025-05-20", "en", "May 20, 2025"),
    (dt.date(2022, 5, 26), "en", "May 26, 2022"),
    (pd.Timestamp("2025-06-30 14:00"), "vi", "30 tháng 6, 2025"),
    ("2025", "en", "2025"),  # a year is not a date to rewrite
    ("2023 (no date in text; reports 2023)", "vi", "2023 (no date in text; reports 2023)"),
    (None, "en", "–"),
    (float("nan"), "vi", "–"),
])
def test_fmt_date(value, lang, expected):
    assert i18n.fmt_date(value, lang) == expected


def test_fmt_date_short_follows_the_locale():
    assert i18n.fmt_date("2025-05-20", "vi", "short") == "20/5/25"
    assert i18n.fmt_date("2025-05-20", "en", "short") == "5/20/25"


@pytest.mark.parametrize(("word", "code", "vi", "en"), [
    (i18n.role_text, "pilot_province", "tỉnh chỉ đạo điểm", "pilot province"),
    (i18n.role_text, "made_up_role", "made_up_role", "made_up_role"),
    (i18n.count_of_text, "commune", "xã", "communes"),
    (i18n.count_of_text, None, "", ""),
    (i18n.measure_text, "actual", "thực hiện", "result"),
    (i18n.level_text, "commune", "xã", "commune"),
    (i18n.status_text, "no_target", "không có kế hoạch", "no target"),
    (i18n.status_meaning, "different_unit", "kết quả và chỉ tiêu tính bằng đơn vị khác nhau",
     "result and target are in different units"),
    (i18n.unit_text, "VND billion", "tỷ đồng", "VND billion"),
    (i18n.unit_text, "kites", "kites", "kites"),
    (i18n.coverage_group_text, "Region I", "Khu vực I", "Region I"),
])
def test_words_of_the_data(word, code, vi, en):
    assert (word(code, "vi"), word(code, "en")) == (vi, en)


@pytest.mark.parametrize(("column", "word"), [("role", i18n.role_text),
                                              ("count_of", i18n.count_of_text),
                                              ("group", i18n.coverage_group_text)])
def test_every_shipped_coverage_word_has_vietnamese(column, word):
    """A new role, count or group in data/coverage.csv needs its words (its id listed in
    p8lib/contract/words.py, its texts in the .po files)."""
    values = catalogue.coverage()[column].dropna().unique()
    untranslated = [v for v in values if word(v, "vi") == v]
    assert not untranslated, untranslated


def test_every_status_has_text_in_both_languages():
    for status in targets.STATUSES:
        assert i18n.status_text(status, "vi") != i18n.status_text(status, "en")
        assert i18n.status_meaning(status, "vi") != i18n.status_meaning(status, "en")


@pytest.mark.parametrize(("area", "lang", "short", "expected"), [
    (2, "en", True, "2. Models, economy"),
    (1, "vi", True, "1. Truyền thông"),
    (None, "en", True, "Management, general"),
    (math.nan, "vi", True, "Quản lý, chung"),
    (3, "en", False, "Content area 3: Voice and participation of women and children; "
                     "leadership"),
    (None, "en", False, "Programme management and cross-cutting"),
])
def test_area_label(area, lang, short, expected):
    assert i18n.area_label(area, lang, short=short) == expected


def test_unknown_language_falls_back_and_unknown_key_fails():
    assert i18n.t("year", "fr") == "Năm"
    with pytest.raises(KeyError):
        i18n.t("no_such_key", "en")
    assert not i18n.has_message("no_such_key")
    assert i18n.has_message("year")


@pytest.mark.parametrize(("key", "values", "vi", "en"), [
    ("figures_shown", {"shown": "1.000", "n": "1.000.000"},
     "Đang hiển thị 1.000 trong 1.000.000 số liệu", "Showing 1.000 of 1.000.000 figures"),
    ("summed_commune", {"name": "Sóc Trăng", "n": "12"}, "Sóc Trăng (cộng 12 xã)",
     "Sóc Trăng (12 communes summed)"),
    ("notes", {}, "Ghi chú", "Notes"),
])
def test_scale_strings(key, values, vi, en):
    assert i18n.t(key, "vi", **values).startswith(vi)
    assert i18n.t(key, "en", **values).startswith(en)
