"""Strings and number formats of both languages."""

from __future__ import annotations

import math

import pytest

from p8lib import i18n, metrics


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


@pytest.mark.parametrize(("area", "expected"), [(2, "Content area 2"), (None, "Finance"),
                                                (math.nan, "Finance")])
def test_area_label(area, expected):
    assert i18n.area_label(area, "en", short=True).startswith(expected)


def test_unknown_language_falls_back_and_unknown_key_fails():
    assert i18n.t("year", "fr") == "Năm"
    with pytest.raises(KeyError):
        i18n.t("no_such_key", "en")
