"""Attainment charts: per content area and per indicator, in percent against a dashed 100 %
line; what is not comparable gets its words, never a 0 % bar.

Plotly bar charts only (see :mod:`p8lib.present.charts`, whose type sizes, colours and text
helpers they share).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from p8lib.contract import i18n, t
from p8lib.present.chart_text import (
    TEXT_COLOUR,
    THEME_PAD,
    TYPE,
    WRAP_WIDTH,
    category_margin,
    text_layout,
    text_px,
    value_text,
    wrap_label,
)
from p8lib.present.charts import AREA_COLOURS, BAND, TARGET_COLOUR


def attainment_by_area_bar(by_area: pd.DataFrame, lang: str, large: bool = False,
                           title: str | None = None, height: int | None = None) -> go.Figure:
    """Bars of attainment per content area 1–4 with a dashed 100 % target line.

    Parameters
    ----------
    by_area : DataFrame
        :func:`p8lib.analysis.targets.attainment_by_content_area` output (``content_area``,
        ``attainment_pct``, ``indicators``).
    lang : {"vi", "en"}
    large : bool
        Presenter mode: larger type.
    title : str, optional
        The chart's title (it should name the scope: place and period); default the bare
        "Attainment by content area (mean of comparable indicators)".
    height : int, optional
        Height in px (default: the chart library's).

    Returns
    -------
    plotly.graph_objects.Figure
        Areas by number and short name; without a comparable indicator an area has no bar
        but the words "not comparable" at the base line, never a 0 % bar. The target line
        is explained in the legend (a text on the line would sit on top of a bar).
    """
    size = TYPE[large]
    font = {"size": size["base"], "color": TEXT_COLOUR}
    labels = [i18n.area_label(a, lang, short=True) for a in by_area["content_area"]]
    pct = by_area["attainment_pct"].astype(float)
    text = [i18n.fmt_pct(v, lang) if pd.notna(v) else t("not_comparable", lang) for v in pct]
    hover = [f"{i18n.area_label(a, lang)}<br>{t('indicators_compared', lang)}: {n}"
             for a, n in zip(by_area["content_area"], by_area["indicators"], strict=True)]
    bar = {"type": "bar", "x": labels, "y": [None if pd.isna(v) else float(v) for v in pct],
           "text": text, "textposition": "outside", "constraintext": "none",
           "showlegend": False, "marker": {"color": list(AREA_COLOURS[:len(labels)])},
           "hovertext": hover, "hoverinfo": "text", "cliponaxis": False,
           "name": t("attainment_pct", lang), "textfont": font}
    # A line with no points: only its legend entry shows, naming the dashed target line.
    line = {"type": "scatter", "x": [None], "y": [None], "mode": "lines",
            "name": t("target_line", lang), "line": {"dash": "dash", "color": TARGET_COLOUR},
            "hoverinfo": "skip"}
    top = max([100.0, *pct.dropna().tolist()]) * 1.2
    layout = text_layout(title or t("attainment_by_area", lang), large)
    layout["legend"].update(orientation="h", x=1, xanchor="right", y=1, yanchor="bottom")
    if height:
        layout["height"] = height
    # Margins computed, not plotly's automargin (chart_text.CHAR_EM): room on the left for the
    # axis title and the longest tick ("250%"); the default 80 px below holds two lines of
    # area names.
    layout["margin"]["l"] = (10 + THEME_PAD + text_px([f"{top:.0f}%"], size["base"])
                             + round(size["base"] * 2.2))
    layout.update(
        xaxis={"tickfont": font, "title": {"font": font}, "tickvals": labels,
               "ticktext": [wrap_label(label, 26 if large else 22, 2) for label in labels],
               "automargin": False},
        yaxis={"title": {"text": t("attainment_pct", lang), "font": font},
               "range": [0, top], "ticksuffix": "%", "tickfont": font, "automargin": False},
        shapes=[{"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": 100, "y1": 100,
                 "yref": "y", "line": {"dash": "dash", "color": TARGET_COLOUR}}],
        annotations=[{"x": label, "y": 0, "text": words, "showarrow": False,
                      "yanchor": "bottom", "font": font}
                     for label, words, value in zip(labels, text, pct, strict=True)
                     if pd.isna(value)])
    # Written as one dict, not validated on construction (plotly's validation was most of
    # this chart's build time); tests/present/test_charts.py validates what every builder
    # writes.
    return go.Figure({"data": [bar, line], "layout": layout}, _validate=False)


def attainment_by_indicator_bar(frame: pd.DataFrame, lang: str, title: str = "",
                                large: bool = False) -> go.Figure:
    """Attainment of each indicator with a target: horizontal bars of percent, one axis for
    all (percentages of different units compare), a dashed line at 100 %.

    Parameters
    ----------
    frame : DataFrame
        :func:`p8lib.present.chart_frames.attainment_frame` output.
    lang : {"vi", "en"}
    title : str
        Should name the scope (place and period).
    large : bool
        Presenter mode: larger type and thicker bars.

    Returns
    -------
    plotly.graph_objects.Figure
        A row per indicator (and period), top to bottom in the frame's order, each bar
        labelled "50,8% · 60/118 tổ"; an indicator without a comparable result has no bar
        but its status in words at the base line, never a 0 % bar. Its height grows with
        the rows (see :func:`p8lib.present.chart_frames.fit_height`).
    """
    size = TYPE[large]
    font = {"size": size["base"], "color": TEXT_COLOUR}
    rows = frame.reset_index(drop=True)
    periods = rows["period"].nunique() > 1
    labels = [f"{r.label} ({r.period})" if periods else r.label for r in rows.itertuples()]
    pct = rows["attainment_pct"].astype(float)
    text = [f"{i18n.fmt_pct(r.attainment_pct, lang)} · {i18n.fmt_number(r.actual, lang)}/"
            f"{value_text(r.target, r.unit, lang)}" if pd.notna(r.attainment_pct) else ""
            for r in rows.itertuples()]
    hover = [f"{label}<br>{t('target', lang)}: {value_text(r.target, r.unit, lang)}<br>"
             f"{t('actual', lang)}: {value_text(r.actual, r.unit, lang)}<br>{r.status}"
             for label, r in zip(labels, rows.itertuples(), strict=True)]
    bar = {"type": "bar", "orientation": "h", "y": labels,
           "x": [None if pd.isna(v) else float(v) for v in pct], "text": text,
           "textposition": "outside", "constraintext": "none", "cliponaxis": False,
           "marker": {"color": AREA_COLOURS[0]}, "hovertext": hover, "hoverinfo": "text",
           "showlegend": False, "name": t("attainment_pct", lang), "textfont": font,
           "width": BAND}
    line = {"type": "scatter", "x": [None], "y": [None], "mode": "lines",
            "name": t("target_line", lang), "line": {"dash": "dash", "color": TARGET_COLOUR},
            "hoverinfo": "skip"}
    row_px = max(size["bar"] / BAND, 2 * size["base"] * 1.3 + 8)
    layout = text_layout(title, large)
    top = layout["margin"]["t"] + size["base"] * 2
    layout["legend"].update(orientation="h", x=1, xanchor="right", y=1, yanchor="bottom")
    names = [wrap_label(label, WRAP_WIDTH, 2) for label in labels]
    # Margins computed, not plotly's automargin (chart_text.CHAR_EM): the names on the left, a
    # line of percent ticks below.
    layout.update(
        height=round(top + row_px * max(len(rows), 1) + size["base"] * 3),
        margin={**layout["margin"], "t": round(top), "l": category_margin(names, size["base"]),
                "b": round(size["base"] * 1.35 + THEME_PAD + 12)},
        xaxis={"range": [0, max([100.0, *pct.dropna().tolist()]) * 1.45],
               "ticksuffix": "%", "tickfont": font, "title": {"font": font},
               "automargin": False},
        yaxis={"autorange": "reversed", "tickvals": labels, "automargin": False,
               "ticktext": names, "tickfont": font, "title": {"font": font},
               "ticklabelstandoff": 8},
        shapes=[{"type": "line", "x0": 100, "x1": 100, "xref": "x", "y0": 0, "y1": 1,
                 "yref": "y domain", "line": {"dash": "dash", "color": TARGET_COLOUR}}],
        annotations=[{"x": 0, "y": label, "showarrow": False, "xanchor": "left", "font": font,
                      "text": f"{r.status} · {t('target', lang)} "
                              f"{value_text(r.target, r.unit, lang)}"}
                     for label, r in zip(labels, rows.itertuples(), strict=True)
                     if pd.isna(r.attainment_pct)])
    # Not validated on construction, as the other bar charts (tests/present/test_charts.py
    # validates what it writes).
    return go.Figure({"data": [bar, line], "layout": layout}, _validate=False)
