"""Chart builders: pure plotly figures, no geo traces, missing never drawn as 0, units never
mixed on one axis, national figures apart from sub-national ones, type large when presenting."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from p8lib.present import attainment_charts, chart_text, charts

GEO_TYPES = {"scattergeo", "choropleth", "scattermap", "choroplethmap", "densitymap",
             "scattermapbox", "choroplethmapbox", "densitymapbox"}


def by_area(pcts):
    return pd.DataFrame({"content_area": [1, 2, 3, 4], "attainment_pct": pcts,
                         "indicators": [1 if p == p else 0 for p in pcts]})


ATTAIN_ROWS = pd.DataFrame({
    "label": ["Groups", "Share reached", "Clubs"], "period": ["2021–2025"] * 3,
    "attainment_pct": [50.8, 100.0, float("nan")],
    "status": ["only some years reported", "whole period reported", "no result reported"],
    "target": [118.0, 80.0, 24.0], "actual": [60.0, 80.0, float("nan")],
    "unit": ["groups", "percent", "clubs"]})


def bars(fig):
    return [trace for trace in fig.data if trace.type == "bar"]


def panel_of(fig, trace):
    """The title of the panel (subplot) a trace is drawn in."""
    index = int(trace.xaxis[1:] or 1) - 1
    return fig.layout.annotations[index].text


TA = pd.DataFrame({
    "label": ["Groups", "Groups", "Share reached", "Share reached", "People trained"],
    "measure": ["target", "actual", "target", "actual", "actual"],
    "period": ["2021–2025", "2023", "2021–2025", "2023", "2023"],
    "value": [10.0, 4.0, 80.0, 65.5, 2000.0],
    "unit": ["groups", "groups", "percent", "percent", "people"],
})
ACROSS = pd.DataFrame({
    "place": ["National", "National", "Soc Trang", "Soc Trang", "Lao Cai"],
    "period": ["2021–2025", "2021–2025", "2021–2025", "2023", "2022"],
    "measure": ["target", "result", "target", "result", "result"],
    "value": [9000.0, 10393.0, 118.0, 60.0, 324.0],
    "unit": ["groups"] * 5,
})


# --- every chart --------------------------------------------------------------------------

BUILDERS = [
    pytest.param(lambda lang, large: attainment_charts.attainment_by_area_bar(
        by_area([1.0, 2.0, 3.0, float("nan")]), lang, large=large), id="attainment"),
    pytest.param(lambda lang, large: attainment_charts.attainment_by_indicator_bar(
        ATTAIN_ROWS, lang, "T", large), id="attainment_by_indicator"),
    pytest.param(lambda lang, large: charts.target_actual_bar(TA, lang, "T", large),
                 id="target_actual"),
    pytest.param(lambda lang, large: charts.indicator_bar(ACROSS, lang, "T", large),
                 id="indicator"),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("build", BUILDERS)
def test_no_chart_uses_geo_or_map_traces(build, lang):
    fig = build(lang, False)
    assert {trace.type for trace in fig.data}.isdisjoint(GEO_TYPES)
    assert not fig.layout.geo.to_plotly_json() and not fig.layout.map.to_plotly_json()


@pytest.mark.parametrize(("large", "base", "title"), [(False, 14, 18), (True, 20, 28)])
@pytest.mark.parametrize("build", BUILDERS)
def test_presenter_mode_enlarges_every_text(build, large, base, title):
    # Each text gets its size set on itself: Streamlit's chart theme sets small sizes on
    # titles, ticks and legends that a figure-wide font size would not override.
    fig = build("en", large)
    assert fig.layout.font.size == base
    assert fig.layout.title.font.size == title
    assert fig.layout.legend.font.size == base
    axes = [fig.layout[name] for name in fig.layout if name.startswith(("xaxis", "yaxis"))]
    assert axes and all(axis.tickfont.size == base for axis in axes)
    assert all(a.font.size >= base for a in fig.layout.annotations)
    assert all(trace.textfont.size == base and trace.cliponaxis is False
               and trace.textposition == "outside" for trace in bars(fig))


@pytest.mark.parametrize("build", BUILDERS[1:])
def test_presenter_mode_makes_bar_charts_taller(build):
    assert build("en", True).layout.height > build("en", False).layout.height


# --- targets and results of one province --------------------------------------------------

def test_target_actual_bar_is_horizontal_with_indicators_top_down_in_frame_order():
    fig = charts.target_actual_bar(TA, "en")
    assert {trace.orientation for trace in fig.data} == {"h"}
    assert all(fig.layout[name].autorange == "reversed"
               for name in fig.layout if name.startswith("yaxis"))
    order = [v for name in sorted(n for n in fig.layout if n.startswith("yaxis"))
             for v in fig.layout[name].categoryarray]
    assert order == ["Groups", "Share reached", "People trained"]


def test_target_actual_bar_never_puts_percent_and_counts_on_one_axis():
    fig = charts.target_actual_bar(TA, "en")
    axis_units = {}
    for trace in fig.data:
        for text in trace.text:
            unit = "%" if text.endswith("%") else text.split(" ", 1)[1]
            axis_units.setdefault(trace.xaxis, set()).add(unit)
    assert sorted(map(sorted, axis_units.values())) == [["%"], ["groups"], ["people"]]
    assert [a.text for a in fig.layout.annotations] == [
        "<b>Unit: groups</b>", "<b>Unit: %</b>", "<b>Unit: people</b>"]


@pytest.mark.parametrize(("lang", "names", "text", "hover", "panels"), [
    ("en", ["target 2021–2025", "result 2023", "target 2021–2025", "result 2023",
            "result 2023"],
     [("10 groups",), ("4 groups",), ("80%",), ("65.5%",), ("2,000 people",)],
     ["Groups<br>target 2021–2025: 10 groups", "Groups<br>result 2023: 4 groups",
      "Share reached<br>target 2021–2025: 80%", "Share reached<br>result 2023: 65.5%",
      "People trained<br>result 2023: 2,000 people"],
     ["Unit: groups", "Unit: groups", "Unit: %", "Unit: %", "Unit: people"]),
    ("vi", ["kế hoạch 2021–2025", "thực hiện 2023", "kế hoạch 2021–2025", "thực hiện 2023",
            "thực hiện 2023"],
     [("10 groups",), ("4 groups",), ("80%",), ("65,5%",), ("2.000 people",)],
     ["Groups<br>kế hoạch 2021–2025: 10 groups", "Groups<br>thực hiện 2023: 4 groups",
      "Share reached<br>kế hoạch 2021–2025: 80%",
      "Share reached<br>thực hiện 2023: 65,5%",
      "People trained<br>thực hiện 2023: 2.000 people"],
     ["Đơn vị tính: groups", "Đơn vị tính: groups", "Đơn vị tính: %", "Đơn vị tính: %",
      "Đơn vị tính: people"]),
])
def test_target_actual_bar_writes_every_value_with_its_unit(lang, names, text, hover, panels):
    fig = charts.target_actual_bar(TA, lang, title="T")
    assert [trace.name for trace in fig.data] == names
    assert [trace.text for trace in fig.data] == text
    assert [h for trace in fig.data for h in trace.hovertext] == hover
    assert [panel_of(fig, trace) for trace in fig.data] == [f"<b>{p}</b>" for p in panels]
    assert [trace.marker.color for trace in fig.data] == [
        charts.MEASURE_COLOURS[m] for m in ("target", "actual", "target", "actual", "actual")]
    assert fig.layout.title.text == "T"


def test_target_actual_bar_wraps_long_names_and_keeps_them_whole_in_the_hover():
    name = ("Training classes for women officials on gender mainstreaming and promoting "
            "gender equality in every commune of the province")
    frame = pd.DataFrame({"label": [name], "measure": ["actual"], "period": ["2023"],
                          "value": [10.0], "unit": ["classes"]})
    fig = charts.target_actual_bar(frame, "en")
    ticks = fig.layout.yaxis.ticktext[0].split("<br>")
    assert len(ticks) == chart_text.WRAP_LINES and ticks[-1].endswith("…")
    assert all(len(line) <= chart_text.WRAP_WIDTH for line in ticks)
    assert fig.layout.yaxis.tickvals == (name,) and fig.data[0].y == (name,)
    assert fig.data[0].hovertext[0].startswith(f"{name}<br>")


def test_target_actual_bar_without_units_draws_one_panel_of_bare_numbers():
    fig = charts.target_actual_bar(TA.drop(columns="unit"), "en")
    assert {trace.xaxis for trace in fig.data} == {"x"}
    assert [trace.text for trace in fig.data] == [("10", "80"), ("4", "65.5", "2,000")]
    assert not fig.layout.annotations  # no unit, no panel title


@pytest.mark.parametrize(("rows", "names"), [
    (TA[TA["measure"] == "actual"], ["result 2023"] * 3),  # only what is there gets a trace
    (TA.iloc[0:0], []),
])
def test_target_actual_bar_draws_only_what_is_there(rows, names):
    assert [trace.name for trace in charts.target_actual_bar(rows, "en").data] == names


def test_target_actual_bar_reads_categorical_columns():
    categorical = TA.astype({c: "category" for c in ("label", "measure", "period", "unit")})
    fig = charts.target_actual_bar(categorical, "en")
    assert [trace.text for trace in fig.data] == [
        trace.text for trace in charts.target_actual_bar(TA, "en").data]


# --- bars packed per category, a colour per series ----------------------------------------

def test_bars_of_a_category_sit_side_by_side_and_a_lone_bar_is_centred():
    fig = charts.target_actual_bar(TA, "en")
    groups = [trace for trace in fig.data if trace.xaxis == "x"]  # Groups: target + result
    people = [trace for trace in fig.data if trace.text == ("2,000 people",)][0]
    width = groups[0].width[0]
    assert [trace.offset[0] for trace in groups] == [-width, 0.0]
    assert groups[1].width[0] == width
    assert people.offset[0] == pytest.approx(-people.width[0] / 2)
    assert fig.layout.barmode == "overlay"


def test_a_measure_has_one_colour_and_legend_entry_and_its_periods_are_written_on_its_bars():
    frame = pd.concat([TA, pd.DataFrame({"label": ["Groups"], "measure": ["actual"],
                                         "period": ["2024"], "value": [7.0],
                                         "unit": ["groups"]})])
    fig = charts.target_actual_bar(frame, "en")
    legend = sorted((trace.legendrank, trace.name, trace.marker.color)
                    for trace in fig.data if trace.showlegend)
    # Targets all of one period: the legend names it; results of two: each bar says its own.
    assert legend == [(0, "target 2021–2025", charts.MEASURE_COLOURS["target"]),
                      (1, "result", charts.MEASURE_COLOURS["actual"])]
    assert [trace.text for trace in fig.data] == [
        ("10 groups",), ("4 groups (2023)", "7 groups (2024)"), ("80%",), ("65.5% (2023)",),
        ("2,000 people (2023)",)]
    groups = [trace for trace in fig.data if trace.xaxis == "x"]
    offsets = [offset for trace in groups for offset in trace.offset]
    assert len(set(offsets)) == 3  # three bars, none on another
    # the hover says each bar's measure and period, whatever the legend says
    assert groups[1].hovertext == ("Groups<br>result 2023: 4 groups",
                                   "Groups<br>result 2024: 7 groups")


@pytest.mark.parametrize("large", [False, True])
def test_the_value_axis_leaves_room_for_the_text_beside_the_longest_bar(large):
    frame = ACROSS.assign(period=["2021–2025", "2021–2025", "2021–2025", "2023–2024", "2022"])
    fig = charts.indicator_bar(frame, "en", "T", large)
    size = chart_text.TYPE[large]["base"]
    plot = charts.CHART_WIDTH[large] - fig.layout.margin.l - fig.layout.margin.r
    for trace in fig.data:
        span = fig.layout[f"xaxis{trace.xaxis[1:]}"].range[1]
        for value, text in zip(trace.x, trace.text, strict=True):
            # where the bar ends, plus its text, inside the plot and its right margin
            assert value / span * plot + chart_text.text_px([text], size) <= (
                plot + fig.layout.margin.r)


# --- one indicator across places ----------------------------------------------------------

@pytest.mark.parametrize(("frame", "lang"), [
    (ACROSS, "en"),
    (ACROSS.assign(place=ACROSS["place"].replace("National", "Toàn quốc"),
                   measure=ACROSS["measure"].replace({"target": "kế hoạch",
                                                      "result": "thực hiện"})), "vi"),
    # With a level column the place's name does not matter.
    (ACROSS.assign(place=["Whole country"] * 2 + list(ACROSS["place"][2:]),
                   level=["national"] * 2 + ["province"] * 3), "en"),
])
def test_indicator_bar_draws_national_figures_apart_from_provinces(frame, lang):
    fig = charts.indicator_bar(frame, lang)
    axes = {trace.xaxis: set() for trace in fig.data}
    for trace in fig.data:
        axes[trace.xaxis].update(trace.x)
    assert sorted(map(sorted, axes.values())) == [[60.0, 118.0, 324.0], [9000.0, 10393.0]]
    national = {trace.xaxis for trace in fig.data if 10393.0 in trace.x}
    assert fig.layout[f"xaxis{national.pop()[1:]}"].range[1] > 10393.0
    assert fig.layout.xaxis2.range[1] < 1000  # provinces are not drawn on the national scale
    assert {trace.orientation for trace in fig.data} == {"h"}


@pytest.mark.parametrize(("lang", "panels", "names", "text"), [
    ("en", ["<b>National · groups</b>", "<b>Provinces, districts and communes · groups</b>"],
     ["target 2021–2025", "result"] * 2,
     [("9,000 groups",), ("10,393 groups (2021–2025)",), ("118 groups",),
      ("324 groups (2022)", "60 groups (2023)")]),
    ("vi", ["<b>Toàn quốc · groups</b>", "<b>Tỉnh, huyện, xã · groups</b>"],
     ["kế hoạch 2021–2025", "thực hiện"] * 2,
     [("9.000 groups",), ("10.393 groups (2021–2025)",), ("118 groups",),
      ("324 groups (2022)", "60 groups (2023)")]),
])
def test_indicator_bar_titles_panels_and_names_series_in_the_language(lang, panels, names,
                                                                      text):
    frame = ACROSS if lang == "en" else ACROSS.assign(
        place=ACROSS["place"].replace("National", "Toàn quốc"),
        measure=ACROSS["measure"].replace({"target": "kế hoạch", "result": "thực hiện"}))
    fig = charts.indicator_bar(frame, lang)
    assert [a.text for a in fig.layout.annotations] == panels
    assert [trace.name for trace in fig.data] == names
    assert [trace.text for trace in fig.data] == text
    assert [trace.showlegend for trace in fig.data] == [True, True, False, False]


def test_indicator_bar_hover_names_place_series_value_and_unit():
    fig = charts.indicator_bar(ACROSS, "en")
    assert [h for trace in fig.data for h in trace.hovertext] == [
        "National<br>target 2021–2025: 9,000 groups",
        "National<br>result 2021–2025: 10,393 groups",
        "Soc Trang<br>target 2021–2025: 118 groups",
        "Lao Cai<br>result 2022: 324 groups",
        "Soc Trang<br>result 2023: 60 groups"]  # a place's bars in order of period


def test_indicator_bar_splits_places_reported_in_different_units():
    frame = ACROSS.assign(unit=["groups"] * 4 + ["%"])
    fig = charts.indicator_bar(frame, "en")
    assert [a.text for a in fig.layout.annotations] == [
        "<b>National · groups</b>", "<b>Provinces, districts and communes · groups</b>",
        "<b>Provinces, districts and communes · %</b>"]
    lao_cai = [trace for trace in fig.data if trace.y == ("Lao Cai",)][0]
    assert (lao_cai.xaxis, lao_cai.text) == ("x3", ("324% (2022)",))
    assert fig.layout.xaxis3.range[1] >= 100  # a share is drawn against the whole


@pytest.mark.parametrize("large", [False, True])
def test_bar_charts_keep_room_above_the_panels_for_a_legend_that_wraps(large):
    # Periods named at length wrap the legend to a second row in the page's column (or a
    # projector's): the first panel starts lower, instead of under the legend's second row.
    long = "2021–2025 (as revised at the mid-term review of the programme in 2023)"
    short = charts.indicator_bar(ACROSS[ACROSS["period"] == "2021–2025"], "en", "T", large)
    wraps = charts.indicator_bar(ACROSS.assign(period=long), "en", "T", large)
    assert [t.name for t in wraps.data if t.showlegend] == [f"target {long}", f"result {long}"]
    assert wraps.layout.margin.t > short.layout.margin.t


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("build", [
    lambda lang, large: charts.target_actual_bar(TA, lang, "T", large),
    lambda lang, large: charts.indicator_bar(ACROSS, lang, "T", large),
    lambda lang, large: attainment_charts.attainment_by_area_bar(
        by_area([50.0, 120.0, None, 80.0]), lang, large),
    lambda lang, large: attainment_charts.attainment_by_indicator_bar(ATTAIN_ROWS, lang, "T",
                                                                      large),
    lambda lang, large: charts.target_actual_bar(TA.iloc[:0], lang, "T", large),  # no bars
])
def test_every_figure_passes_plotly_validation(build, large):
    """The bar charts skip plotly's validation when they are built (it was most of their
    time): a property plotly does not know must still fail, here."""
    fig = build("vi", large)
    go.Figure(fig.to_dict())  # raises ValueError on an unknown or ill-typed property
    broken = fig.to_dict()
    broken["layout"]["yaxis"] = {**broken["layout"].get("yaxis", {}), "no_such_thing": 1}
    with pytest.raises(ValueError):
        go.Figure(broken)


# --- titles that name their scope, charts that fit a slide --------------------------------

@pytest.mark.parametrize("large", [False, True])
def test_a_long_title_wraps_to_two_lines_and_the_chart_keeps_room_for_them(large):
    short = charts.target_actual_bar(TA, "en", "Targets and results — Sóc Trăng · 2023", large)
    title = ("Ethnic-minority women officials with improved capacity by place — "
             "Province of somewhere with a long name · 2021–2025")
    long = charts.target_actual_bar(TA, "en", title, large)
    assert long.layout.title.text.count("<br>") == 1
    assert long.layout.title.text.replace("<br>", " ") == title
    assert long.layout.margin.t > short.layout.margin.t
    assert long.layout.height > short.layout.height


# --- margins computed, not laid out twice by plotly's automargin --------------------------

@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("build", BUILDERS)
def test_no_axis_asks_plotly_for_automargin(build, large):
    """Streamlit's chart theme turns automargin on for every axis: each chart turns it off
    on its own axes, and its margins hold the names beside them."""
    layout = build("en", large).to_dict()["layout"]
    axes = {key: axis for key, axis in layout.items() if key.startswith(("xaxis", "yaxis"))}
    assert axes and all(axis.get("automargin") is False for axis in axes.values())
    for key, axis in axes.items():
        if key.startswith("yaxis") and axis.get("ticktext"):  # category names on the left
            size = axis["tickfont"]["size"]
            assert layout["margin"]["l"] >= chart_text.text_px(axis["ticktext"], size) + 16, key
