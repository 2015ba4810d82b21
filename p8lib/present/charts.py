"""Plotly figures for the dashboard: arguments in, ``plotly.graph_objects.Figure`` out.

Only bar charts: plotly's ``geo``/``map`` traces fetch topojson and tiles from the internet,
so maps are drawn with pydeck (:mod:`p8lib.maps`). Labels come in the language asked for;
numbers are written the way that language writes them, each with its unit.

Every builder takes ``lang`` ("vi" or "en") and ``large`` (larger type for presenter mode);
the bar builders also take the chart's ``title``. Type sizes, titles, text widths and
values with their units are :mod:`p8lib.present.chart_text`'s.

The attainment charts are in :mod:`p8lib.present.attainment_charts`.

Figures of several indicators or places are drawn as horizontal bars in panels, one panel
per unit (and, for one indicator, national figures apart from sub-national ones), so that a
bar is only ever measured against bars of the same unit and scale.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import plotly.graph_objects as go

from p8lib.contract import MEASURES, N_, i18n, t
from p8lib.present.chart_text import (
    TEXT_COLOUR,
    TICK_STANDOFF,
    TYPE,
    WRAP_WIDTH,
    category_margin,
    text_layout,
    text_px,
    title_lines,
    unit_text,
    value_text,
    wrap_label,
)

TARGET_COLOUR = "#222222"
AREA_COLOURS = ("#b5004f", "#e07b00", "#1f6fb2", "#2e8540")
# One colour a measure, whatever the periods: a bar's period is written beside its value.
# (Reports each give their own period — 2021–2025, 2023, 2022–2024 … — so a colour per
# period was a legend of one-offs, and a chart of many more traces to draw.)
MEASURE_COLOURS = {"target": "#9e9e9e", "actual": "#b5004f"}

BAND = 0.8  # share of a category's height its bars take, together
# The narrowest a bar chart is drawn (px): the page's column beside the sidebar, or a
# projector's width. Room for the legend and for the text beside the bars is kept for it.
CHART_WIDTH = {False: 560, True: 1100}
MAX_RANGE = 3.0  # a value axis at most this many times the longest bar, whatever its text


def _measures(records: list[tuple]) -> list[str]:
    """The measures of ``records`` (:func:`_panel_traces`), targets first."""
    rank = {"target": 0, "actual": 1}
    return sorted(dict.fromkeys(r[2] for r in records), key=lambda m: (rank.get(m, 2), m))


def _style(measure: str, rank: int, records: list[tuple],
           lang: str) -> tuple[str, str, int, bool]:
    """How ``measure``'s bars are drawn: (legend name, colour, legend rank, periods on the
    bars). All its bars of one period: the legend names it ("target 2021–2025"); of
    several, the legend names the measure and each bar its period."""
    periods = list(dict.fromkeys(str(r[3]) for r in records if r[2] == measure))
    name = i18n.measure_text(measure, lang)
    if len(periods) == 1:
        name = f"{name} {periods[0]}"
    return (name, MEASURE_COLOURS.get(measure, MEASURE_COLOURS["actual"]), rank,
            len(periods) > 1)


def _category_px(records: list[tuple], wrap: int | None, size: dict[str, int]) -> float:
    """Height in px of one category of a panel: room for its bars and its label's lines."""
    bars = max(Counter(r[0] for r in records).values())
    lines = 1 if wrap is None else max(wrap_label(r[0], wrap).count("<br>") + 1
                                       for r in records)
    return max(size["bar"] * bars / BAND, lines * size["base"] * 1.3 + 8)


def _panel_traces(axis: int, records: list[tuple], bar: float, styles: dict, lang: str,
                  shown: set[str]) -> list[dict]:
    """The bars of one panel (axes ``x{axis}``/``y{axis}``), a trace per measure in it.

    ``records`` are (category, head, measure, period, value, unit) tuples. A category's
    bars sit side by side, centred on it, targets first, then periods in order, with no
    empty slot for what it lacks (``bar``: one bar's thickness in category units). Each bar
    is labelled with its value and unit, and its period when its measure's style says so.
    The y axis is reversed, so the first bar is on top. ``shown``: legend names already
    given an entry. ``styles``: measure → (name, colour, legend rank, periods on bars).
    """
    counts = Counter(r[0] for r in records)
    done = dict.fromkeys(counts, 0)
    suffix = "" if axis == 1 else str(axis)
    traces = []
    for measure, (name, colour, rank, periods) in styles.items():
        part = sorted((r for r in records if r[2] == measure), key=lambda r: str(r[3]))
        if not part:
            continue
        offsets = []
        for category, *_ in part:
            offsets.append((done[category] - counts[category] / 2) * bar)
            done[category] += 1
        values = [value_text(r[4], r[5], lang) for r in part]
        measure_name = i18n.measure_text(measure, lang)
        traces.append({
            "type": "bar", "orientation": "h", "y": [r[0] for r in part],
            "x": [None if pd.isna(r[4]) else float(r[4]) for r in part],
            "width": [bar] * len(part), "offset": offsets, "name": name, "legendgroup": name,
            "showlegend": name not in shown, "legendrank": rank, "marker": {"color": colour},
            "text": [f"{v} ({r[3]})" if periods else v
                     for r, v in zip(part, values, strict=True)],
            "textposition": "outside", "constraintext": "none", "cliponaxis": False,
            "hoverinfo": "text",
            "hovertext": [f"{r[1]}<br>{measure_name} {r[3]}: {v}"
                          for r, v in zip(part, values, strict=True)],
            "xaxis": f"x{suffix}", "yaxis": f"y{suffix}"})
        shown.add(name)
    return traces


def _panel_bars(panels: list[tuple[str, pd.DataFrame]], lang: str, title: str, large: bool,
                wrap: int | None) -> go.Figure:
    """Horizontal bars in panels stacked one above the other, each with its own value axis.

    Each panel's ``rows`` have ``category`` (the bar's row, in the order to show, top
    first), ``head`` (first line of the hover text), ``measure`` ("target"/"actual"),
    ``period``, ``value`` and ``unit``. Every measure has one colour (:data:`MEASURE_COLOURS`)
    and one legend entry; when the bars have more than one period, each bar's period is
    written beside its value, else the legend names it. Bars are equally thick in every
    panel.

    The figure is written as one dict and validated once: built with ``make_subplots`` and
    an update per axis, most of a chart's build time was plotly's validation.
    """
    size = TYPE[large]
    if not panels:
        font = {"size": size["base"], "color": TEXT_COLOUR}
        axis = {"tickfont": font, "title": {"font": font}}
        return go.Figure({"layout": {**text_layout(title, large), "xaxis": axis,
                                     "yaxis": axis}}, _validate=False)
    columns = ["category", "head", "measure", "period", "value", "unit"]
    panels = [(name, list(rows[columns].astype(object).itertuples(index=False, name=None)))
              for name, rows in panels]
    everything = [r for _, records in panels for r in records]
    styles = {m: _style(m, rank, everything, lang)
              for rank, m in enumerate(_measures(everything))}
    # each panel's categories (top first) and their names as written beside the axis
    categories = [list(dict.fromkeys(r[0] for r in records)) for _, records in panels]
    ticks = [[wrap_label(c, wrap) if wrap else str(c) for c in cats] for cats in categories]
    margin_l = category_margin([name for names in ticks for name in names], size["base"])
    # Room right of the longest bars for what is written beside them, in a chart as narrow
    # as it is drawn (:data:`CHART_WIDTH`).
    plot_w = CHART_WIDTH[large] - margin_l - 20
    category_px = [_category_px(records, wrap, size) for _, records in panels]
    heights = [len(cats) * px for cats, px in zip(categories, category_px, strict=True)]
    gap = size["base"] * 2.6  # room for the next panel's title
    plot_px = sum(heights) + gap * (len(panels) - 1)
    font = {"size": size["base"], "color": TEXT_COLOUR}
    traces, shown, annotations = [], set(), []
    layout: dict = {}
    above = 0.0  # px of the plot above the current panel
    for axis, ((name, records), cats, names, px, height) in enumerate(
            zip(panels, categories, ticks, category_px, heights, strict=True), start=1):
        suffix = "" if axis == 1 else str(axis)
        panel = _panel_traces(axis, records, size["bar"] / px, styles, lang, shown)
        traces += panel
        top = 1 - above / plot_px
        bottom = max(top - height / plot_px, 0.0)
        above += height + gap
        values = [float(r[4]) for r in records if not pd.isna(r[4])]
        highest = max(values, default=0.0)
        if all(unit_text(r[5]) == "%" for r in records):
            highest = max(highest, 100.0)  # a share is seen against the whole
        room = text_px([text for trace in panel for text in trace["text"]], size["base"])
        span = (highest or 1.0) / max(1 - room / max(plot_w, 1), 1 / MAX_RANGE)
        layout[f"yaxis{suffix}"] = {
            "domain": [bottom, top], "anchor": f"x{suffix}", "categoryorder": "array",
            "categoryarray": cats, "tickvals": cats, "ticktext": names,
            "autorange": "reversed", "automargin": False,
            "ticklabelstandoff": TICK_STANDOFF, "tickfont": font, "title": {"font": font}}
        # Values are written on the bars with their unit; a tick scale per panel would only
        # invite comparing lengths across panels. The range leaves room for that text.
        layout[f"xaxis{suffix}"] = {
            "domain": [0.0, 1.0], "anchor": f"y{suffix}",
            "range": [0, max(span, (highest or 1.0) * 1.3)], "showticklabels": False,
            "showgrid": False,
            "zeroline": True, "zerolinecolor": "#888888", "tickfont": font,
            "title": {"font": font}, "automargin": False}
        if name:
            annotations.append({
                "text": f"<b>{name}</b>", "x": 0, "xanchor": "left", "xref": "paper",
                "y": top, "yanchor": "bottom", "yref": "paper", "showarrow": False,
                "font": {"size": size["base"] + 2, "color": TEXT_COLOUR}})
    title_px = size["title"] * (0.8 + 1.2 * title_lines(title, large)) if title else size["base"]
    legend_px = _legend_rows([style[0] for style in styles.values()], large) * size["base"] * 1.7
    top_px = title_px + legend_px + gap  # title, legend, first panel's title
    height = round(plot_px + top_px + 20)
    layout.update(text_layout(title, large), barmode="overlay", height=height,
                  annotations=annotations,
                  margin={"l": margin_l, "t": top_px, "b": 20, "r": 20})
    layout["title"].update(y=1, yref="container", yanchor="top", pad={"t": 12})
    layout["legend"].update(orientation="h", xref="container", x=0, xanchor="left",
                            yref="container", y=1 - title_px / height, yanchor="top")
    for trace in traces:
        trace["textfont"] = font
    # Not validated on construction: plotly's validation (and its copy of the template) was
    # most of the time this chart took on a rerun. tests/present/test_charts.py validates what every
    # builder writes, so a wrong property name still fails there.
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def _legend_rows(names: list[str], large: bool) -> int:
    """How many rows a horizontal legend of ``names`` may wrap to, so that room is kept
    for them above the first panel (the chart's width is only known in the browser: a
    narrow one is assumed, the page's column beside the sidebar, or a projector's width)."""
    size = TYPE[large]["base"]
    width = CHART_WIDTH[large]
    entries = [len(name) * size * 0.55 + 45 for name in names]
    rows, used = 1, 0.0
    for entry in entries:
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def target_actual_bar(frame: pd.DataFrame, lang: str, title: str = "",
                      large: bool = False) -> go.Figure:
    """Targets and results per indicator: horizontal bars, one panel per unit.

    Parameters
    ----------
    frame : DataFrame
        Columns ``label`` (indicator name), ``measure`` ("target"/"actual"), ``period``
        (label such as "2021–2025"), ``value`` and, optionally, ``unit`` (in ``lang``);
        :func:`p8lib.present.tables.target_actual_frame` output. Without ``unit`` every bar shares
        one panel and values carry no unit.
    lang : {"vi", "en"}
    title : str
    large : bool
        Presenter mode: larger type and thicker bars.

    Returns
    -------
    plotly.graph_objects.Figure
        Indicators top to bottom in the frame's order, names wrapped (the full name is in
        the hover text); a panel per unit, titled with it, each with its own value axis, so
        that percentages never share an axis with counts. One trace per panel and measure,
        targets first, in :data:`MEASURE_COLOURS`; each bar is labelled with its value and
        unit, and with its period when the bars have several (else the legend has it).
    """
    rows = frame.assign(category=frame["label"], head=frame["label"])
    if "unit" not in rows:
        rows = rows.assign(unit=None)
    rows["unit"] = rows["unit"].astype(object)
    groups = rows.groupby(rows["unit"].map(lambda u: "" if u is None or pd.isna(u)
                                           else unit_text(u)), sort=False)
    panels = [(f"{t('unit', lang)}: {unit}" if unit else "", part) for unit, part in groups]
    return _panel_bars(panels, lang, title, large, wrap=WRAP_WIDTH)


def indicator_bar(frame: pd.DataFrame, lang: str, title: str = "",
                  large: bool = False) -> go.Figure:
    """One indicator across places and periods: national and sub-national panels apart.

    Parameters
    ----------
    frame : DataFrame
        :func:`p8lib.present.tables.indicator_across` output (``place``, ``period``, ``measure``
        in ``lang``, ``value``, ``unit``), optionally with ``level`` ("national", …). Without
        ``level``, a row is national when its place is the word for "national" in ``lang``
        (what :func:`p8lib.present.labels.place_names` calls a row without codes).
    lang : {"vi", "en"}
    title : str
    large : bool
        Presenter mode: larger type and thicker bars.

    Returns
    -------
    plotly.graph_objects.Figure
        Horizontal bars, a place per row in the frame's order. National figures (often a
        hundred times a province's) get a panel of their own above the provinces, districts
        and communes, each panel with its own value axis; figures in different units get
        different panels too. One trace per panel and measure; each bar is labelled with
        its value and unit, and with its period when the bars have several (else the
        legend has it, "measure period").
    """
    code = {i18n.measure_text(m, lang): m for m in MEASURES}
    national = (frame["level"] == "national" if "level" in frame
                else frame["place"] == t("national", lang))
    rows = frame.assign(category=frame["place"], head=frame["place"],
                        measure=frame["measure"].map(lambda m: code.get(m, m)),
                        scope=national.map({True: "national", False: "subnational"}))
    rows["unit"] = rows["unit"].astype(object)
    panels = []
    for scope in (N_("national"), N_("subnational")):  # each panel headed by its message
        part = rows[rows["scope"] == scope]
        for unit, unit_rows in part.groupby(part["unit"].map(unit_text), sort=False):
            panels.append((f"{t(scope, lang)} · {unit}", unit_rows))
    return _panel_bars(panels, lang, title, large, wrap=None)

