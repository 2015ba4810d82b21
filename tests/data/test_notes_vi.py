"""The Vietnamese of the shipped notes: every English note of the figures and the sources
has one, carrying the same numbers, written as Vietnamese writes them."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest

from p8lib.contract import catalogue
from p8lib.present import citations, labels, tables

# A number written with a separator ("9,000", "13.6"): English and Vietnamese swap them,
# so one left as the English note writes it is misread ("9,000" is nine in Vietnamese).
# Inside quotes it is a source's own writing and left alone.
SEPARATED = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)+")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")


def _shipped_notes() -> set[str]:
    notes = pd.concat([catalogue.figures()["note"], catalogue.sources()["note"]])
    return {n for n in notes.dropna() if n}


def test_every_shipped_note_has_its_vietnamese_and_no_other():
    assert set(catalogue.note_translations()["note"]) == _shipped_notes()


@pytest.mark.parametrize("row", catalogue.note_translations().itertuples(index=False),
                         ids=lambda r: r.note[:40])
def test_a_translation_carries_the_notes_numbers_in_vietnamese_writing(row):
    assert Counter(re.findall(r"\d+", row.note)) == Counter(re.findall(r"\d+", row.note_vi))
    english = set(SEPARATED.findall(QUOTED.sub("", row.note)))
    vietnamese = set(SEPARATED.findall(QUOTED.sub("", row.note_vi)))
    assert not english & vietnamese, row.note_vi


def test_notes_are_shown_in_the_pages_language_and_an_uploads_own_as_written():
    known = catalogue.note_translations().iloc[0]
    notes = pd.Series([known.note, "ghi chú của người nhập", None])
    assert labels.notes_in(notes, "en").tolist() == notes.tolist()
    assert labels.notes_in(notes, "vi").tolist()[:2] == [known.note_vi, "ghi chú của người nhập"]
    assert pd.isna(labels.notes_in(notes, "vi").iloc[2])


def test_the_figures_and_sources_tables_show_the_vietnamese_notes():
    figures = catalogue.figures()
    noted = figures[figures["note"] != ""].head(5)
    vi = dict(catalogue.note_translations().itertuples(index=False))
    shown = tables.figure_table(noted, catalogue.indicators(), "vi")["Ghi chú"].tolist()
    assert shown == [vi[n] for n in noted["note"]]
    sources = catalogue.sources()
    table = citations.sources_table(sources, "vi")
    assert table["Ghi chú"].tolist() == [vi.get(n, n) for n in sources["note"]]
