"""Attainment charts: per content area and per indicator, percent against a 100 % line,
what is not comparable in words, never a 0 % bar."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.present import attainment_charts
from tests.present.test_charts import ATTAIN_ROWS, bars, by_area

# --- attainment by content area -----------------------------------------------------------

def test_attainment_bar_has_a_100_percent_line_and_no_bar_for_missing():
    fig = attainment_charts.attainment_by_area_bar(
        by_area([115.5, 231.2, 160.4, float("nan")]), "en")
    bar = bars(fig)[0]
    assert list(bar.y) == [115.5, 231.2, 160.4, None]
    assert bar.text[0] == "115.5%"
    assert any(shape.y0 == 100 for shape in fig.layout.shapes)
    assert fig.layout.yaxis.range[1] > 231.2
    # A bar with no value draws no text: the words sit at the base line instead.
    assert [(a.x, a.y, a.text) for a in fig.layout.annotations] == [
        ("4. Officials' skills", 0, "not comparable")]


@pytest.mark.parametrize(("lang", "area", "pct", "line"), [
    ("vi", "1. Truyền thông", "50,0%", "Kế hoạch (100%)"),
    ("en", "1. Communication", "50.0%", "Target (100%)"),
])
def test_attainment_bar_names_the_target_line_in_the_legend(lang, area, pct, line):
    fig = attainment_charts.attainment_by_area_bar(by_area([50.0] * 4), lang)
    assert (bars(fig)[0].x[0], bars(fig)[0].text[0]) == (area, pct)
    legend = [trace for trace in fig.data if trace.showlegend is not False]
    assert [(trace.type, trace.name, trace.line.dash) for trace in legend] == [
        ("scatter", line, "dash")]
    assert not fig.layout.annotations  # nothing written over the bars


def test_attainment_bar_takes_its_title_and_height():
    fig = attainment_charts.attainment_by_area_bar(by_area([50.0] * 4), "en",
                                                   title="Attainment — Here", height=333)
    assert (fig.layout.title.text, fig.layout.height) == ("Attainment — Here", 333)


# --- attainment per indicator --------------------------------------------------------------

def test_attainment_by_indicator_draws_comparable_rows_and_says_why_for_the_others():
    fig = attainment_charts.attainment_by_indicator_bar(ATTAIN_ROWS, "en", "T")
    bar = bars(fig)[0]
    assert bar.orientation == "h" and list(bar.y) == ["Groups", "Share reached", "Clubs"]
    assert list(bar.x) == [50.8, 100.0, None]  # no bar, never 0 %
    assert list(bar.text) == ["50.8% · 60/118 groups", "100.0% · 80/80%", ""]
    assert [(a.y, a.text) for a in fig.layout.annotations] == [
        ("Clubs", "no result reported · Target 24 clubs")]
    assert any(shape.x0 == 100 for shape in fig.layout.shapes)
    assert fig.layout.yaxis.autorange == "reversed"


def test_attainment_by_indicator_names_periods_only_when_they_differ():
    two = ATTAIN_ROWS.assign(period=["2021–2025", "2021–2025", "2023"])
    fig = attainment_charts.attainment_by_indicator_bar(two, "vi", "T")
    assert list(bars(fig)[0].y) == ["Groups (2021–2025)", "Share reached (2021–2025)",
                                    "Clubs (2023)"]


@pytest.mark.parametrize("large", [False, True])
def test_attainment_by_indicator_grows_with_its_rows(large):
    one = attainment_charts.attainment_by_indicator_bar(ATTAIN_ROWS.iloc[:1], "en", "T", large)
    three = attainment_charts.attainment_by_indicator_bar(ATTAIN_ROWS, "en", "T", large)
    assert three.layout.height > one.layout.height
    assert pd.notna(three.layout.height)
