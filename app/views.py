"""What the pages show per filter, cached by the filter values and the figures in use.

Each result is keyed by the filters and :func:`app.data.figures_token` (the store and its
version, or the ``P8_FIGURES`` file), never by hashing the large figures frame. Results are
small tables and charts, shared across sessions (``st.cache_resource``: ``st.cache_data``
would unpickle a copy on every call, and a rerun makes dozens). A table is handed out as a
shallow copy (pandas' copy-on-write keeps the shared one as it is), tiles as a new list; a
chart is never modified by its callers (:func:`app.plot.chart` writes it out once, as it is).

Every number a view returns is of the scope the filters say (a province or the country, a
year or every year), and every chart's title names that scope (:func:`scope`), so that a
chart shared on a screen says by itself what it shows.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import widgets
from app.data import (
    coverage,
    figures,
    figures_token,
    indicator_options,
    indicators,
    year_options,
)
from p8lib.analysis import filters, level_results, metrics, targets
from p8lib.contract import t
from p8lib.present import attainment_charts, chart_frames, charts, display, labels, tables

Tiles = list[tuple[str, str, str | None]]
# A chart drawn to fit a slide: the figure, how many rows of bars it draws, of how many.
Fitted = tuple[go.Figure, int, int]


@st.cache_resource(show_spinner=False, max_entries=4)
def _filtered(token: tuple[str, int], province: str | None, year: int | None,
              content: int | None, indicator: str | None, level: str | None) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return metrics.filter_figures(figures(), province=province, year=year,
                                  content_area=content, indicator=indicator,
                                  catalogue=indicators(), level=level)


def filtered(province: str | None = None, year: int | None = None,
             content: int | None = None, indicator: str | None = None,
             level: str | None = None) -> pd.DataFrame:
    """:func:`p8lib.analysis.metrics.filter_figures` of :func:`figures` under the shared filters.

    A page, its chart and its attainment ask for the same selection in one rerun: the last
    few are shared (``st.cache_resource``, no copy of the rows;
    a shallow copy is handed out, as for :func:`app.data.figures`).
    """
    return _filtered(figures_token(), province, year, content, indicator, level).copy(
        deep=False)


def figures_shown(lang: str, province: str | None = None, year: int | None = None,
                  content: int | None = None, indicator: str | None = None) -> pd.DataFrame:
    """The figures table's rows under these filters (:func:`app.widgets.figures_for_screen`
    of :func:`filtered`), named and formatted once per filters, figures in use and language:
    the Province and Indicators pages redraw their figures table on every change, and naming
    it was a third of the Indicators page's rerun (docs/benchmarks.md, issue #19). Shared by
    every session: never modify it."""
    return _figures_shown(figures_token(), lang, province, year, content, indicator)


@st.cache_resource(show_spinner=False, max_entries=128)
def _figures_shown(token: tuple[str, int], lang: str, province: str | None, year: int | None,
                   content: int | None, indicator: str | None) -> pd.DataFrame:
    rows = _filtered(token, province, year, content, indicator, None)
    return widgets.figures_for_screen(rows, indicators(), lang)


def scope(province: str | None, year: int | None, lang: str) -> str:
    """What the numbers under these filters are of: "Sóc Trăng · 2023", "Toàn quốc ·
    2021–2025" (:func:`p8lib.present.labels.scope_label`)."""
    return labels.scope_label(province, year, year_options(), lang)


def titled(text: str, province: str | None, year: int | None, lang: str) -> str:
    """A chart title naming its scope: "Targets and results — Sóc Trăng · 2023"."""
    return f"{text} — {scope(province, year, lang)}"


@st.cache_resource(show_spinner=False, max_entries=128)
def _attainment(token: tuple[str, int], province: str | None, year: int | None,
                content: int | None, indicator: str | None) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return targets.attainment(filtered(province, year, content, indicator), indicators())


@st.cache_resource(show_spinner=False, max_entries=32)
def _level_attainment(token: tuple[str, int], year: int | None, level: str) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return targets.attainment(filtered(year=year), indicators(), level=level)


def attainment(province: str | None = None, year: int | None = None,
               content: int | None = None, indicator: str | None = None,
               level: str | None = None) -> pd.DataFrame:
    """:func:`p8lib.analysis.targets.attainment` of the figures under these filters (and of one
    ``level`` only, when given), cached by the filter values and the figures in use.

    A target and its results name the same unit and indicator, so the attainment of some
    units' or indicators' figures is those rows of the attainment of all figures, and
    the attainment of one level's figures those rows of the whole (the 1M synthetic figures
    are all communes: the national and provincial levels are small). One level's attainment
    is therefore computed once per year and then filtered by province, content area and
    indicator. Not so the year: it chooses which results count.
    """
    if level is None:
        shared = _attainment(figures_token(), province, year, content, indicator)
    else:
        shared = _level_attainment_in(figures_token(), province, year, content, indicator,
                                      level)
    return shared.copy(deep=False)


def warm() -> None:
    """Compute the attainment of each year and of every year, at the national and the
    provincial level, before a visitor asks (:mod:`app.warmup`): every scope's tiles and
    charts are filtered from one of them, and each costs ≈ 5 ms on the shipped figures
    (docs/benchmarks.md, issue #19)."""
    token = figures_token()
    for year in [None, *year_options()]:
        for level in ("national", "province"):
            _level_attainment(token, year, level)


@st.cache_resource(show_spinner=False, max_entries=1024)
def _level_attainment_in(token: tuple[str, int], province: str | None, year: int | None,
                         content: int | None, indicator: str | None, level: str
                         ) -> pd.DataFrame:
    return metrics.filter_figures(_level_attainment(token, year, level), province=province,
                                  content_area=content, indicator=indicator,
                                  catalogue=indicators()).reset_index(drop=True)


@st.cache_resource(show_spinner=False)
def _catalogue_table(lang: str) -> pd.DataFrame:
    return tables.catalogue_table(indicators(), lang)


def catalogue_table(lang: str) -> pd.DataFrame:
    """:func:`p8lib.present.tables.catalogue_table` of the catalogue in use, once per language
    (a table that never changes). The same frame on every rerun, so that its HTML is written
    once (:func:`app.widgets.table`); shared by every session: never modify it."""
    return _catalogue_table(lang)


def _level(province: str | None) -> str:
    """The level whose figures a scope's tiles and charts show: its province's, else the
    country's."""
    return "province" if province else "national"


@st.cache_resource(show_spinner=False, max_entries=64)
def _headline_metrics(token: tuple[str, int], province: str | None, year: int | None,
                      content: int | None, indicator: str | None, lang: str) -> Tiles:
    del token  # the cache key only: which figures are in use
    shown = display.HEADLINE_INDICATORS
    if indicator:
        shown = (indicator,)
    elif content:
        in_area = set(indicator_options(content))
        shown = tuple(i for i in shown if i in in_area)
    level = _level(province)
    return display.headline_metrics(attainment(province, year, level=level), indicators(),
                                    lang, level=level, indicators=shown)


def headline_metrics(province: str | None, year: int | None, content: int | None,
                     indicator: str | None, lang: str) -> Tiles:
    """:func:`p8lib.present.display.headline_metrics` of the scope's targets: the country's, or
    the chosen province's, with the results of the chosen year; the headline indicators of
    the chosen content area, or the chosen indicator alone."""
    return list(_headline_metrics(figures_token(), province, year, content, indicator, lang))


@st.cache_resource(show_spinner=False, max_entries=64)
def _reach_metrics(token: tuple[str, int], province: str | None, year: int | None,
                   lang: str) -> Tiles:
    del token  # the cache key only: which figures are in use
    shown = filtered(province, year)
    counts = metrics.coverage_counts(filters.coverage_in_scope(coverage(), province, year),
                                     shown)
    return display.reach_metrics({**counts, "figures": len(shown)}, lang, _level(province))


def reach_metrics(province: str | None, year: int | None, lang: str) -> Tiles:
    """The reach tiles of a place and year: the provinces, districts and communes the
    sources name for the country (or the districts, communes and figures of a province),
    counting coverage rows and figures of that year only when a year is chosen."""
    return list(_reach_metrics(figures_token(), province, year, lang))


def attainment_by_content_area(province: str | None, year: int | None, content: int | None,
                               indicator: str | None) -> pd.DataFrame:
    """:func:`p8lib.analysis.targets.attainment_by_content_area` under these filters: of the
    province's figures when a province is chosen, else of the national ones."""
    level = _level(province)
    return targets.attainment_by_content_area(
        attainment(province, year, content, indicator, level=level), level=level)


@st.cache_resource(show_spinner=False, max_entries=128)
def _attainment_chart(token: tuple[str, int], province: str | None, year: int | None,
                      content: int | None, indicator: str | None, lang: str, large: bool,
                      height: int | None) -> go.Figure:
    del token  # the cache key only: which figures are in use
    by_area = attainment_by_content_area(province, year, content, indicator)
    # A slide has the method nowhere else: the long title says "mean of comparable
    # indicators" on the page, the short one fits beside the tiles of a slide.
    name = t("attainment_by_area_short" if large else "attainment_by_area", lang)
    return attainment_charts.attainment_by_area_bar(
        by_area, lang, large=large, title=titled(name, province, year, lang), height=height)


def attainment_chart(province: str | None, year: int | None, content: int | None,
                     indicator: str | None, lang: str, large: bool,
                     height: int | None = None) -> go.Figure:
    """:func:`p8lib.present.attainment_charts.attainment_by_area_bar` of
    :func:`attainment_by_content_area`, titled with its scope, built once per filters,
    figures in use, language, presenter mode and height (keyed by those: a rerun neither
    averages the areas again nor hashes a table to find the chart).

    Shared by every session (``st.cache_resource``): never modify it. :func:`app.plot.chart`
    does not; it writes out a copy, once per figure.
    """
    return _attainment_chart(figures_token(), province, year, content, indicator, lang, large,
                             height)


@st.cache_resource(show_spinner=False, max_entries=64)
def _indicator_attainment_chart(token: tuple[str, int], province: str | None,
                                year: int | None, content: int | None, indicator: str | None,
                                lang: str, large: bool, max_height: int | None
                                ) -> Fitted | None:
    del token  # the cache key only: which figures are in use
    level = _level(province)
    rows = chart_frames.attainment_frame(
        attainment(province, year, content, indicator, level=level), indicators(), lang, level)
    if rows.empty:
        return None
    title = titled(t("attainment_by_indicator", lang), province, year, lang)
    return chart_frames.fit_height(
        rows, "label",
        lambda part: attainment_charts.attainment_by_indicator_bar(part, lang, title, large),
        max_height)


def indicator_attainment_chart(province: str | None, year: int | None, content: int | None,
                               indicator: str | None, lang: str, large: bool,
                               max_height: int | None = None) -> Fitted | None:
    """:func:`p8lib.present.attainment_charts.attainment_by_indicator_bar` of the scope's
    targets (the province's, else the country's), titled with its scope, with as many
    indicators as fit ``max_height`` px; None when the scope has no target. Shared: never
    modify it."""
    return _indicator_attainment_chart(figures_token(), province, year, content, indicator,
                                       lang, large, max_height)


@st.cache_resource(show_spinner=False, max_entries=64)
def _reported_where(token: tuple[str, int], province: str | None, year: int | None,
                    content: int | None, indicator: str | None, lang: str) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return tables.reported_where(filtered(province, year, content, indicator), indicators(),
                                 lang)


def reported_where(province: str | None, year: int | None, content: int | None,
                   indicator: str | None, lang: str) -> pd.DataFrame:
    """:func:`p8lib.present.tables.reported_where` of the figures under these filters, cached by
    the filter values and the figures in use. Shared by every session (no copy on each
    rerun): never modify it."""
    return _reported_where(figures_token(), province, year, content, indicator, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _indicator_across(token: tuple[str, int], province: str | None, year: int | None,
                      indicator: str, lang: str) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return chart_frames.indicator_across(filtered(province, year, indicator=indicator),
                                         indicator, lang, indicators(),
                                         max_places=chart_frames.MAX_CHART_PLACES)


def indicator_across(province: str | None, year: int | None, indicator: str,
                     lang: str) -> pd.DataFrame:
    """:func:`p8lib.present.chart_frames.indicator_across` of one indicator's figures under these
    filters, at most :data:`p8lib.present.chart_frames.MAX_CHART_PLACES` places
    (``attrs["note"]`` says what was summed or left out), cached by the filter values and
    the figures in use."""
    return _indicator_across(figures_token(), province, year, indicator, lang).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=64)
def _target_actual_chart(token: tuple[str, int], province: str, year: int | None,
                         content: int | None, indicator: str | None, lang: str, large: bool,
                         max_height: int | None) -> Fitted | None:
    del token  # the cache key only: which figures are in use
    rows = level_results.with_rolled_up(filtered(province, year, content, indicator),
                                        indicators(), "province")
    bars = chart_frames.target_actual_frame(rows, indicators(), lang)
    if bars.empty:
        return None
    title = titled(t("targets_results_title", lang), province, year, lang)
    return chart_frames.fit_height(bars, "label",
                             lambda rows: charts.target_actual_bar(rows, lang, title, large),
                             max_height)


def target_actual_chart(province: str, year: int | None, content: int | None,
                        indicator: str | None, lang: str, large: bool,
                        max_height: int | None = None) -> Fitted | None:
    """:func:`p8lib.present.charts.target_actual_bar` of a province's figures under these
    filters, titled with its scope, with as many indicators as fit ``max_height`` px (all
    when None; :func:`p8lib.present.chart_frames.fit_height`); None when the province has no
    province-level figure to draw. Built once per filters, figures in use, language,
    presenter mode and height (building the figure takes longer than the filtering behind
    it). Shared: never modify it."""
    return _target_actual_chart(figures_token(), province, year, content, indicator, lang,
                                large, max_height)


@st.cache_resource(show_spinner=False, max_entries=64)
def _indicator_chart(token: tuple[str, int], province: str | None, year: int | None,
                     indicator: str, lang: str, large: bool, max_height: int | None) -> Fitted:
    del token  # the cache key only: which figures are in use
    name = labels.indicator_label(indicators(), indicator, lang)
    title = titled(t("indicator_across_title", lang, indicator=name), province, year, lang)
    return chart_frames.fit_height(indicator_across(province, year, indicator, lang), "place",
                             lambda rows: charts.indicator_bar(rows, lang, title, large),
                             max_height)


def indicator_chart(province: str | None, year: int | None, indicator: str, lang: str,
                    large: bool, max_height: int | None = None) -> Fitted:
    """:func:`p8lib.present.charts.indicator_bar` of :func:`indicator_across`, titled with the
    indicator and its scope, with as many places as fit ``max_height`` px (all when None),
    built once per filters, figures in use, language, presenter mode and height (keyed by
    those, not by hashing the table, which costs a share of every rerun). Shared: never
    modify it."""
    return _indicator_chart(figures_token(), province, year, indicator, lang, large,
                            max_height)
