"""Plotly figures for the dashboard: arguments in, ``plotly.graph_objects.Figure`` out.

Only bar charts and lines: plotly's ``geo``/``map`` traces fetch topojson and tiles from the
internet, so maps are drawn with pydeck (:mod:`p8lib.maps`). Labels come in the language
asked for; numbers in hover text are written the way that language writes them.

Every builder takes ``lang`` ("vi" or "en") and ``large`` (larger type for presenter mode);
the bar builders also take the chart's ``title``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from p8lib import i18n
from p8lib.i18n import t

TARGET_COLOUR = "#222222"
AREA_COLOURS = ("#b5004f", "#e07b00", "#1f6fb2", "#2e8540")
MEASURE_COLOURS = {"target": "#9e9e9e", "actual": "#b5004f"}


def _layout(fig: go.Figure, title: str, large: bool) -> go.Figure:
    fig.update_layout(title=title, template="plotly_white", margin={"l": 10, "r": 10, "t": 60},
                      font={"size": 20 if large else 14}, legend={"orientation": "h", "y": -0.2})
    return fig


def attainment_by_area_bar(by_area: pd.DataFrame, lang: str, large: bool = False) -> go.Figure:
    """Bars of attainment per content area 1–4 with a dashed 100 % target line.

    Parameters
    ----------
    by_area : DataFrame
        :func:`p8lib.metrics.attainment_by_content_area` output (``content_area``,
        ``attainment_pct``, ``indicators``).

    Returns
    -------
    plotly.graph_objects.Figure
        Areas without a comparable indicator have no bar and the text "not comparable",
        never a 0 % bar.
    """
    labels = [i18n.area_label(a, lang, short=True) for a in by_area["content_area"]]
    pct = by_area["attainment_pct"].astype(float)
    text = [i18n.fmt_pct(v, lang) if pd.notna(v) else t("not_comparable", lang) for v in pct]
    hover = [f"{i18n.area_label(a, lang)}<br>{t('indicators_compared', lang)}: {n}"
             for a, n in zip(by_area["content_area"], by_area["indicators"], strict=True)]
    fig = go.Figure(go.Bar(
        x=labels, y=[None if pd.isna(v) else float(v) for v in pct], text=text,
        textposition="outside",
        marker_color=list(AREA_COLOURS[:len(labels)]), hovertext=hover,
        hoverinfo="text", cliponaxis=False, name=t("attainment_pct", lang)))
    fig.add_hline(y=100, line_dash="dash", line_color=TARGET_COLOUR,
                  annotation_text=t("target_line", lang), annotation_position="top left")
    top = max([100.0, *pct.dropna().tolist()]) * 1.2
    fig.update_yaxes(title=t("attainment_pct", lang), range=[0, top], ticksuffix=" %")
    return _layout(fig, t("attainment_by_area", lang), large)


def _value_bars(x: pd.Series, values: pd.Series, name: str, hover: list[str], lang: str,
                colour: str | None = None) -> go.Bar:
    """Bars with their value written above them and ``hover`` as the whole hover text."""
    return go.Bar(
        x=list(x), y=[float(v) for v in values], name=name, marker_color=colour,
        text=[i18n.fmt_number(v, lang) for v in values], textposition="outside",
        hovertext=hover, hoverinfo="text", cliponaxis=False)


def _grouped_bars(traces: list[go.Bar], lang: str, title: str, large: bool) -> go.Figure:
    fig = go.Figure(traces)
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("value", lang))
    return _layout(fig, title, large)


def target_actual_bar(frame: pd.DataFrame, lang: str, title: str = "",
                      large: bool = False) -> go.Figure:
    """Grouped bars of target and result per indicator.

    Parameters
    ----------
    frame : DataFrame
        Columns ``label`` (indicator name), ``measure`` ("target"/"actual"), ``period``
        (label such as "2021–2025"), ``value``; :func:`p8lib.tables.target_actual_frame`
        output.

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per measure present (target first), coloured by :data:`MEASURE_COLOURS`.
    """
    traces = []
    for measure in ("target", "actual"):
        rows = frame[frame["measure"] == measure]
        if rows.empty:
            continue
        name = i18n.MEASURE_TEXT[measure][lang]
        hover = [f"{lab}<br>{name} {per}: {i18n.fmt_number(v, lang)}"
                 for lab, per, v in zip(rows["label"], rows["period"], rows["value"],
                                        strict=True)]
        traces.append(_value_bars(rows["label"], rows["value"], name, hover, lang,
                                  MEASURE_COLOURS[measure]))
    return _grouped_bars(traces, lang, title, large)


def indicator_bar(frame: pd.DataFrame, lang: str, title: str = "",
                  large: bool = False) -> go.Figure:
    """One indicator across places and periods: one bar group per place, a colour per period.

    Parameters
    ----------
    frame : DataFrame
        :func:`p8lib.tables.indicator_across` output (``place``, ``period``, ``measure``,
        ``value``, ``unit``).

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per (period, measure), named "period · measure", in sorted order.
    """
    traces = []
    for (period, measure), rows in frame.groupby(["period", "measure"], sort=True):
        name = f"{period} · {measure}"
        hover = [f"{p}<br>{name}: {i18n.fmt_number(v, lang)} {u}"
                 for p, v, u in zip(rows["place"], rows["value"], rows["unit"], strict=True)]
        traces.append(_value_bars(rows["place"], rows["value"], name, hover, lang))
    return _grouped_bars(traces, lang, title, large)
