"""What the pages show per filter, cached by the filter values and the figures in use.

Each result is keyed by the filters and :func:`app.data.figures_token` (which figures file,
which upload), never by hashing the large figures frame. Results are small tables and charts;
those shared across sessions (``st.cache_resource``) are never modified by their callers
(``st.plotly_chart`` serialises a copy of a figure).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app.data import figures, figures_token, indicators
from p8lib.analysis import metrics, rollup
from p8lib.present import charts, display, tables


@st.cache_resource(show_spinner=False, max_entries=4)
def _filtered(token: tuple[str, str], province: str | None, year: int | None,
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
    a shallow copy is handed out, as for :func:`shipped_figures`).
    """
    return _filtered(figures_token(), province, year, content, indicator, level).copy(
        deep=False)


@st.cache_data(show_spinner=False, max_entries=128)
def _attainment(token: tuple[str, str], province: str | None, year: int | None,
                content: int | None, indicator: str | None) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return metrics.attainment(filtered(province, year, content, indicator), indicators())


@st.cache_data(show_spinner=False, max_entries=32)
def _level_attainment(token: tuple[str, str], year: int | None, level: str) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return metrics.attainment(filtered(year=year), indicators(), level=level)


def attainment(province: str | None = None, year: int | None = None,
               content: int | None = None, indicator: str | None = None,
               level: str | None = None) -> pd.DataFrame:
    """:func:`p8lib.analysis.metrics.attainment` of the figures under these filters (and of one
    ``level`` only, when given), cached by the filter values and the figures in use.

    A target and its results name the same unit and indicator, so the attainment of some
    units' or indicators' figures is those rows of the attainment of all figures, and
    the attainment of one level's figures those rows of the whole (the 1M synthetic figures
    are all communes: the national and provincial levels are small). One level's attainment
    is therefore computed once per year and then filtered by province, content area and
    indicator. Not so the year: it chooses which results count.
    """
    if level is None:
        return _attainment(figures_token(), province, year, content, indicator)
    whole = _level_attainment(figures_token(), year, level)
    return metrics.filter_figures(whole, province=province, content_area=content,
                                  indicator=indicator, catalogue=indicators()
                                  ).reset_index(drop=True)


@st.cache_data(show_spinner=False)
def catalogue_table(lang: str) -> pd.DataFrame:
    """:func:`p8lib.present.tables.catalogue_table` of the catalogue in use, once per language
    (a table that never changes)."""
    return tables.catalogue_table(indicators(), lang)


@st.cache_data(show_spinner=False, max_entries=8)
def _headline_metrics(token: tuple[str, str], lang: str) -> list[tuple[str, str, str | None]]:
    del token  # the cache key only: which figures are in use
    return display.headline_metrics(attainment(level="national"), indicators(), lang)


def headline_metrics(lang: str) -> list[tuple[str, str, str | None]]:
    """:func:`p8lib.present.display.headline_metrics` of the national attainment, once per figures
    in use and language (the tiles do not follow the filters)."""
    return _headline_metrics(figures_token(), lang)


def attainment_by_content_area(province: str | None, year: int | None, content: int | None,
                               indicator: str | None) -> pd.DataFrame:
    """:func:`p8lib.analysis.metrics.attainment_by_content_area` under these filters: of the
    province's figures when a province is chosen, else of the national ones."""
    level = "province" if province else "national"
    return metrics.attainment_by_content_area(
        attainment(province, year, content, indicator, level=level), level=level)


@st.cache_resource(show_spinner=False, max_entries=64)
def _attainment_chart(by_area: pd.DataFrame, lang: str, large: bool) -> go.Figure:
    return charts.attainment_by_area_bar(by_area, lang, large=large)


def attainment_chart(province: str | None, year: int | None, content: int | None,
                     indicator: str | None, lang: str, large: bool) -> go.Figure:
    """:func:`p8lib.present.charts.attainment_by_area_bar` of :func:`attainment_by_content_area`,
    built once per content of that small table, language and presenter mode: building a
    plotly figure costs more than the attainment behind it, and many filters give the same
    four areas' attainment.

    Shared by every session (``st.cache_resource``): never modify it. ``st.plotly_chart``
    does not; it serialises a copy.
    """
    by_area = attainment_by_content_area(province, year, content, indicator)
    return _attainment_chart(by_area, lang, large)


@st.cache_data(show_spinner=False, max_entries=64)
def _reported_where(token: tuple[str, str], province: str | None, year: int | None,
                    content: int | None, indicator: str | None, lang: str) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return tables.reported_where(filtered(province, year, content, indicator), indicators(),
                                 lang)


def reported_where(province: str | None, year: int | None, content: int | None,
                   indicator: str | None, lang: str) -> pd.DataFrame:
    """:func:`p8lib.present.tables.reported_where` of the figures under these filters, cached by
    the filter values and the figures in use."""
    return _reported_where(figures_token(), province, year, content, indicator, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _indicator_across(token: tuple[str, str], province: str | None, year: int | None,
                      indicator: str, lang: str) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return tables.indicator_across(filtered(province, year, indicator=indicator), indicator,
                                   lang, indicators(), max_places=tables.MAX_CHART_PLACES)


def indicator_across(province: str | None, year: int | None, indicator: str,
                     lang: str) -> pd.DataFrame:
    """:func:`p8lib.present.tables.indicator_across` of one indicator's figures under these filters,
    at most :data:`p8lib.present.tables.MAX_CHART_PLACES` places (``attrs["note"]`` says what was
    summed or left out), cached by the filter values and the figures in use."""
    return _indicator_across(figures_token(), province, year, indicator, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _target_actual_chart(token: tuple[str, str], province: str, year: int | None,
                         content: int | None, indicator: str | None, lang: str, title: str,
                         large: bool) -> go.Figure | None:
    del token  # the cache key only: which figures are in use
    bars = tables.target_actual_frame(rollup.with_rolled_up(
        filtered(province, year, content, indicator), indicators(), "province"), indicators(),
        lang)
    return None if bars.empty else charts.target_actual_bar(bars, lang, title, large)


def target_actual_chart(province: str, year: int | None, content: int | None,
                        indicator: str | None, lang: str, title: str, large: bool
                        ) -> go.Figure | None:
    """:func:`p8lib.present.charts.target_actual_bar` of a province's figures under these filters,
    built once per filters, figures in use, language and presenter mode (building the
    figure takes longer than the filtering behind it); None when the province has no
    province-level figure to draw. Shared: never modify it."""
    return _target_actual_chart(figures_token(), province, year, content, indicator, lang,
                                title, large)


@st.cache_resource(show_spinner=False, max_entries=64)
def _indicator_chart(token: tuple[str, str], province: str | None, year: int | None,
                     indicator: str, lang: str, title: str, large: bool) -> go.Figure:
    del token  # the cache key only: which figures are in use
    return charts.indicator_bar(indicator_across(province, year, indicator, lang), lang, title,
                                large)


def indicator_chart(province: str | None, year: int | None, indicator: str, lang: str,
                    title: str, large: bool) -> go.Figure:
    """:func:`p8lib.present.charts.indicator_bar` of :func:`indicator_across`, built once per
    filters, figures in use, language and presenter mode (keyed by those, not by hashing
    the table, which costs a share of every rerun). Shared: never modify it."""
    return _indicator_chart(figures_token(), province, year, indicator, lang, title, large)
