"""The one caching module: p8lib loaders wrapped in ``st.cache_data``.

Pages import tables from here. Figures uploaded on the Data page live in the session
(``st.session_state``) and are merged with the shipped ones by :func:`figures`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from p8lib import catalogue, metrics, views
from p8lib.importer import ImportOptions, import_report
from p8lib.problems import problems_frame

UPLOADED_KEY = "uploaded_figures"


@st.cache_data(show_spinner=False)
def indicators() -> pd.DataFrame:
    """The indicator catalogue."""
    return catalogue.indicators()


@st.cache_data(show_spinner=False)
def sources() -> pd.DataFrame:
    """The sources table."""
    return catalogue.sources()


@st.cache_data(show_spinner=False)
def coverage() -> pd.DataFrame:
    """The coverage table."""
    return catalogue.coverage()


@st.cache_data(show_spinner=False)
def shipped_figures() -> pd.DataFrame:
    """The figures shipped in ``data/figures.csv``."""
    return catalogue.figures()


def uploaded_figures() -> pd.DataFrame | None:
    """Figures this session chose to use from an upload (None when there are none)."""
    return st.session_state.get(UPLOADED_KEY)


def figures() -> pd.DataFrame:
    """Shipped figures plus this session's uploaded ones."""
    return views.merge_figures(shipped_figures(), uploaded_figures())


@st.cache_data(show_spinner=False, max_entries=16)
def attainment(figures_: pd.DataFrame, catalogue_: pd.DataFrame) -> pd.DataFrame:
    """:func:`p8lib.metrics.attainment`, cached by the content of its inputs."""
    return metrics.attainment(figures_, catalogue_)


@st.cache_data(show_spinner=False, max_entries=8)
def import_upload(name: str, data: bytes, period: tuple[int, int] | None, measure: str | None,
                  source_id: str | None) -> tuple[pd.DataFrame, pd.DataFrame, bool]:
    """Import an uploaded report: (tidy figures, problems table, ok)."""
    result = import_report(name, ImportOptions(period=period, measure=measure,
                                               source_id=source_id or None), data=data)
    figures_ = result.tidy() if result.ok else result.figures.iloc[0:0]
    return figures_, problems_frame(result.problems), result.ok


def use_uploaded(figures_: pd.DataFrame | None) -> None:
    """Callback: use these figures alongside the shipped ones for this session (None: stop)."""
    if figures_ is None:
        st.session_state.pop(UPLOADED_KEY, None)
    else:
        st.session_state[UPLOADED_KEY] = figures_


@st.cache_data(show_spinner=False)
def boundaries(level: str, vintage: str):
    """Approximate boundaries of one layer (:func:`p8lib.geo.load_boundaries`)."""
    from p8lib import geo  # noqa: PLC0415

    return geo.load_boundaries(level, vintage)


def coverage_deck(vintage: str, lang: str):
    """The coverage map (a :class:`p8lib.maps.MapSpec`), or None while the map modules or
    boundary files are not there.

    Imported lazily: the geography modules are built separately from the pages.
    """
    try:
        from p8lib import maps  # noqa: PLC0415

        provinces = boundaries("province", vintage)
    except (ImportError, FileNotFoundError):
        return None
    values = views.figures_per_province(figures(), vintage)
    pilots = views.pilot_codes(coverage(), vintage)
    return maps.province_map(provinces, values, kind="count", lang=lang, pilot_codes=pilots)
