"""Strings and number formats of both languages."""

from __future__ import annotations

import math
import string

import pytest

from p8lib.analysis import metrics
from p8lib.contract import i18n


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (10393, "vi", None, "10.393"),
    (10393, "en", None, "10,393"),
    (115.4777, "vi", 1, "115,5"),
    (115.4777, "en", 1, "115.5"),
    (19.451, "vi", None, "19,451"),
    (5.8, "en", None, "5.8"),
    (0, "vi", None, "0"),
    (float("nan"), "en", None, "–"),
    (None, "vi", None, "–"),
])
def test_fmt_number(value, lang, decimals, expected):
    assert i18n.fmt_number(value, lang, decimals) == expected


def test_fmt_pct_never_turns_missing_into_zero():
    assert i18n.fmt_pct(math.nan, "en") == "–"
    assert i18n.fmt_pct(231.2, "vi") == "231,2 %"


def test_every_string_has_both_languages():
    for key, texts in i18n.STRINGS.items():
        assert set(texts) == set(i18n.LANGS), key
        assert all(texts.values()), key


def test_every_status_has_text_in_both_languages():
    for status in metrics.STATUSES:
        assert i18n.status_text(status, "vi") != i18n.status_text(status, "en")


@pytest.mark.parametrize(("area", "expected"), [(2, "Content area 2"),
                                                (None, "Programme management"),
                                                (math.nan, "Programme management")])
def test_area_label(area, expected):
    assert i18n.area_label(area, "en", short=True).startswith(expected)


def test_unknown_language_falls_back_and_unknown_key_fails():
    assert i18n.t("year", "fr") == "Năm"
    with pytest.raises(KeyError):
        i18n.t("no_such_key", "en")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_both_languages_fill_the_same_placeholders(key):
    texts = i18n.STRINGS[key]
    assert placeholders(texts["vi"]) == placeholders(texts["en"]), key


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
