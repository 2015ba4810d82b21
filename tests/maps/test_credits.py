"""Tests for p8lib.maps.credits: the boundary credits of the Sources page and the map note."""

from __future__ import annotations

import pytest

from p8lib.contract import t
from p8lib.maps import builders, credits

# What geo/LICENSE and geo/README.md credit: each source with its licence.
EXPECTED = [("dvhcvn-gis", "GPL-3.0", "2025-03-01"),
            ("Open Development Vietnam", "MIT", "2025-11-29 (snapshot)"),
            ("vietnamadminunits", "MIT", "1.0.4"),
            ("Natural Earth", "public domain", "4.1.0")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_credits_table_names_each_source_its_licence_and_date(lang):
    table = credits.boundary_credits(lang)
    assert table.columns.tolist() == [t("source", lang), t("licence", lang),
                                      t("credit_date", lang), t("credit_covers", lang),
                                      t("link", lang)]
    rows = list(zip(table[t("source", lang)], table[t("licence", lang)],
                    table[t("credit_date", lang)], strict=True))
    for (name, licence, date), (want_name, want_licence, want_date) in zip(rows, EXPECTED,
                                                                            strict=True):
        assert name.startswith(want_name) and licence == want_licence and date == want_date
    assert table[t("link", lang)].str.startswith("https://").all()
    assert table[t("credit_covers", lang)].str.len().gt(10).all()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_map_note_credits_every_boundary_source_and_licence(lang):
    note = builders.BOUNDARY_NOTE[lang]
    assert note == t("map_boundaries_note", lang)
    for word in ("dvhcvn", "GPL-3.0", "Open Development Vietnam", "vietnamadminunits", "MIT",
                 "Natural Earth", "gis.chinhphu.vn"):
        assert word in note, word
    assert ("gần đúng" if lang == "vi" else "approximate") in note


def test_sources_page_credits_what_the_map_note_credits():
    text = {lang: t("credits_text", lang) for lang in ("vi", "en")}
    for lang, credit in text.items():
        for word in ("dvhcvn", "GPL-3.0", "Open Development Vietnam", "Natural Earth"):
            assert word in credit, (lang, word)
