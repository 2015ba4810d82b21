"""Chart builders: pure plotly figures, no geo traces, missing never drawn as 0."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib import charts


def by_area(pcts):
    return pd.DataFrame({"content_area": [1, 2, 3, 4], "attainment_pct": pcts,
                         "indicators": [1 if p == p else 0 for p in pcts]})


def test_attainment_bar_has_a_100_percent_line_and_no_bar_for_missing():
    fig = charts.attainment_by_area_bar(by_area([115.5, 231.2, 160.4, float("nan")]), "en")
    bar = fig.data[0]
    assert list(bar.y) == [115.5, 231.2, 160.4, None]
    assert bar.text[3] == "not comparable"
    assert bar.text[0] == "115.5 %"
    assert any(shape.y0 == 100 for shape in fig.layout.shapes)
    assert fig.layout.yaxis.range[1] > 231.2


def test_attainment_bar_speaks_vietnamese():
    fig = charts.attainment_by_area_bar(by_area([50.0] * 4), "vi")
    assert fig.data[0].x[0] == "Nội dung 1"
    assert fig.data[0].text[0] == "50,0 %"


def test_no_chart_uses_geo_or_map_traces():
    across = pd.DataFrame({"place": ["A", "B"], "period": ["2023", "2023"],
                           "measure": ["result", "result"], "value": [1.0, 2.0],
                           "unit": ["groups", "groups"]})
    ta = pd.DataFrame({"label": ["X", "X"], "measure": ["target", "actual"],
                       "period": ["2021–2025", "2023"], "value": [10.0, 4.0]})
    figs = [charts.attainment_by_area_bar(by_area([1.0] * 4), "en"),
            charts.indicator_bar(across, "en"), charts.target_actual_bar(ta, "en")]
    for fig in figs:
        assert {trace.type for trace in fig.data} == {"bar"}


def test_target_actual_bar_groups_target_and_result():
    ta = pd.DataFrame({"label": ["X", "X", "Y"], "measure": ["target", "actual", "actual"],
                       "period": ["2021–2025", "2023", "2023"], "value": [10.0, 4.0, 2.0]})
    fig = charts.target_actual_bar(ta, "en", large=True)
    assert [t.name for t in fig.data] == ["target", "result"]
    assert list(fig.data[1].x) == ["X", "Y"]
    assert fig.layout.font.size == 20


def test_indicator_bar_one_trace_per_period_and_measure():
    across = pd.DataFrame({"place": ["A", "B", "A"], "period": ["2022", "2022", "2023"],
                           "measure": ["result"] * 3, "value": [1.0, 2.0, 3.0],
                           "unit": ["groups"] * 3})
    fig = charts.indicator_bar(across, "en")
    assert [t.name for t in fig.data] == ["2022 · result", "2023 · result"]


TA = pd.DataFrame({"label": ["X", "X", "Y"], "measure": ["target", "actual", "actual"],
                   "period": ["2021–2025", "2023", "2023"], "value": [10.0, 4.0, 2000.0]})


@pytest.mark.parametrize(("lang", "names", "text", "hover", "y_title"), [
    ("en", ["target", "result"], [("10",), ("4", "2,000")],
     [("X<br>target 2021–2025: 10",), ("X<br>result 2023: 4", "Y<br>result 2023: 2,000")],
     "Value"),
    ("vi", ["kế hoạch", "thực hiện"], [("10",), ("4", "2.000")],
     [("X<br>kế hoạch 2021–2025: 10",), ("X<br>thực hiện 2023: 4",
                                          "Y<br>thực hiện 2023: 2.000")],
     "Giá trị"),
])
def test_target_actual_bar_writes_values_in_the_language(lang, names, text, hover, y_title):
    fig = charts.target_actual_bar(TA, lang, title="T")
    assert [trace.name for trace in fig.data] == names
    assert [trace.text for trace in fig.data] == text
    assert [trace.hovertext for trace in fig.data] == hover
    assert [trace.marker.color for trace in fig.data] == [
        charts.MEASURE_COLOURS["target"], charts.MEASURE_COLOURS["actual"]]
    assert fig.layout.yaxis.title.text == y_title
    assert (fig.layout.title.text, fig.layout.barmode) == ("T", "group")


@pytest.mark.parametrize(("rows", "names"), [
    (TA[TA["measure"] == "actual"], ["result"]),  # only the measures present get a trace
    (TA.iloc[0:0], []),
])
def test_target_actual_bar_draws_only_what_is_there(rows, names):
    assert [trace.name for trace in charts.target_actual_bar(rows, "en").data] == names


ACROSS = pd.DataFrame({"place": ["A", "B", "A"], "period": ["2023", "2022", "2022"],
                       "measure": ["result"] * 3, "value": [3.0, 2500.0, 1.0],
                       "unit": ["groups"] * 3})


@pytest.mark.parametrize(("lang", "text", "hover"), [
    ("en", [("2,500", "1"), ("3",)],
     [("B<br>2022 · result: 2,500 groups", "A<br>2022 · result: 1 groups"),
      ("A<br>2023 · result: 3 groups",)]),
    ("vi", [("2.500", "1"), ("3",)],
     [("B<br>2022 · result: 2.500 groups", "A<br>2022 · result: 1 groups"),
      ("A<br>2023 · result: 3 groups",)]),
])
def test_indicator_bar_hover_names_place_period_and_unit(lang, text, hover):
    fig = charts.indicator_bar(ACROSS, lang)
    assert [trace.text for trace in fig.data] == text
    assert [trace.hovertext for trace in fig.data] == hover
    assert [list(trace.y) for trace in fig.data] == [[2500.0, 1.0], [3.0]]
    assert all(trace.marker.color is None for trace in fig.data)  # plotly's colour per period


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("build", [
    lambda large: charts.attainment_by_area_bar(by_area([1.0] * 4), "en", large=large),
    lambda large: charts.target_actual_bar(TA, "en", large=large),
    lambda large: charts.indicator_bar(ACROSS, "en", large=large),
])
def test_presenter_mode_enlarges_every_chart(build, large):
    fig = build(large)
    assert fig.layout.font.size == (20 if large else 14)
    assert all(trace.cliponaxis is False and trace.textposition == "outside"
               for trace in fig.data)
