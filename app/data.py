"""The one caching module: p8lib loaders wrapped in ``st.cache_data``.

Pages import tables from here. Figures uploaded on the Data page live in the session
(``st.session_state``) and are merged with the shipped ones by :func:`figures`.

The environment variable ``P8_FIGURES`` (a ``.parquet`` or ``.csv`` file in the data
contract) replaces ``data/figures.csv``: the benchmarks point it at the synthetic national
table (``bench/synthetic.py``). Whenever it is set, or any figure's source is synthetic,
:func:`is_synthetic` is True and the app says so on every page.

The figures table is the one large object (1,000,000 rows in the benchmarks). It is read
and validated once per process and shared (``st.cache_resource``); every caller gets a
shallow copy, which pandas' copy-on-write keeps apart from the shared frame, so a session
can never change another's figures. ``st.cache_data`` would unpickle a full copy on every
rerun instead (≈ 0.9 s at 1M rows). Attainment is cached the same way, by content.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from p8lib import catalogue, filters, map_values, metrics, tables, uploads
from p8lib.importer import ImportOptions, import_report
from p8lib.problems import problems_frame
from p8lib.schema import FIGURE_COLUMNS, Figure

UPLOADED_KEY = "uploaded_figures"
FIGURES_ENV = "P8_FIGURES"
SYNTHETIC_PREFIX = "synthetic"


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


def figures_path() -> Path | None:
    """The figures file named by ``P8_FIGURES``, or None for the shipped ``data/figures.csv``."""
    value = os.environ.get(FIGURES_ENV, "").strip()
    return Path(value).expanduser() if value else None


def read_figures(path: Path | None) -> pd.DataFrame:
    """Figures from ``path`` (``.parquet`` or ``.csv``; None: the shipped table), validated
    by :class:`p8lib.schema.Figure`.

    Raises
    ------
    ValueError
        ``path`` is neither ``.parquet`` nor ``.csv``.
    """
    if path is None:
        return catalogue.figures()
    if path.suffix.lower() == ".parquet":
        return Figure.validate(pd.read_parquet(path, columns=FIGURE_COLUMNS))
    if path.suffix.lower() == ".csv":
        return catalogue.figures(path)
    raise ValueError(f"{FIGURES_ENV}={str(path)!r}: expected a .parquet or .csv file")


@st.cache_resource(show_spinner=False)
def _shared_figures(path: str | None) -> pd.DataFrame:
    """The figures of ``path`` (None: ``data/figures.csv``), read once per process.

    Shared by every session: never modify it; :func:`shipped_figures` hands out copies.
    """
    return read_figures(Path(path) if path else None)


def shipped_figures() -> pd.DataFrame:
    """The figures shipped in ``data/figures.csv``, or those of the ``P8_FIGURES`` file.

    A shallow copy of the shared frame: cheap, and changes to it stay in it.
    """
    path = figures_path()
    return _shared_figures(str(path) if path else None).copy(deep=False)


def uploaded_figures() -> pd.DataFrame | None:
    """Figures this session chose to use from an upload (None when there are none)."""
    return st.session_state.get(UPLOADED_KEY)


def figures() -> pd.DataFrame:
    """Shipped figures plus this session's uploaded ones."""
    return uploads.merge_figures(shipped_figures(), uploaded_figures())


def _figures_key() -> str:
    path = figures_path()
    return str(path) if path else ""


@st.cache_data(show_spinner=False, max_entries=4)
def _shipped_summary(key: str) -> tuple[list[str], list[int], dict[str, int]]:
    """Filter choices and reach counts of the shipped figures (``key``: their file)."""
    del key  # the cache key only: which figures file is in use
    shipped = shipped_figures()
    return (filters.province_options(shipped, coverage()), filters.year_options(shipped),
            metrics.coverage_counts(coverage(), shipped))


def province_options() -> list[str]:
    """:func:`p8lib.filters.province_options` of :func:`figures`, computed once per figures
    file while nothing is uploaded (it reads every row: ~0.1 s at 1M rows)."""
    if uploaded_figures() is None:
        return _shipped_summary(_figures_key())[0]
    return filters.province_options(figures(), coverage())


def year_options() -> list[int]:
    """:func:`p8lib.filters.year_options` of :func:`figures`, computed once per figures
    file while nothing is uploaded (it loops over every row: ~0.5 s at 1M rows)."""
    if uploaded_figures() is None:
        return _shipped_summary(_figures_key())[1]
    return filters.year_options(figures())


def coverage_counts() -> dict[str, int]:
    """:func:`p8lib.metrics.coverage_counts` of :func:`coverage` and :func:`figures`,
    computed once per figures file while nothing is uploaded."""
    if uploaded_figures() is None:
        return dict(_shipped_summary(_figures_key())[2])
    return metrics.coverage_counts(coverage(), figures())


def has_synthetic(frame: pd.DataFrame) -> bool:
    """True when any figure of ``frame`` cites a synthetic source (``synthetic…``)."""
    distinct = pd.unique(frame[Figure.source_id].dropna())
    return any(str(s).startswith(SYNTHETIC_PREFIX) for s in distinct)


@st.cache_data(show_spinner=False, max_entries=4)
def _shipped_is_synthetic(key: str) -> bool:
    """:func:`has_synthetic` of the shipped figures, once per figures file (``key``), not
    on every rerun (it scans every row's source)."""
    del key  # the cache key only: which figures file is in use
    return has_synthetic(shipped_figures())


def is_synthetic() -> bool:
    """True when the figures in use are synthetic: ``P8_FIGURES`` is set, or a shipped or
    uploaded figure cites a synthetic source. The app then shows the synthetic-data banner."""
    if figures_path() is not None or _shipped_is_synthetic(_figures_key()):
        return True
    uploaded = uploaded_figures()
    return uploaded is not None and has_synthetic(uploaded)


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared_attainment(figures_: pd.DataFrame, catalogue_: pd.DataFrame) -> pd.DataFrame:
    return metrics.attainment(figures_, catalogue_)


def attainment(figures_: pd.DataFrame, catalogue_: pd.DataFrame) -> pd.DataFrame:
    """:func:`p8lib.metrics.attainment`, cached by the content of its inputs (a shallow copy
    of the shared result, as for :func:`shipped_figures`)."""
    return _shared_attainment(figures_, catalogue_).copy(deep=False)


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
    values = map_values.figures_per_province(figures(), vintage)
    pilots = map_values.pilot_codes(coverage(), vintage)
    return maps.province_map(provinces, values, kind="count", lang=lang, pilot_codes=pilots)


@st.cache_data(show_spinner=False, max_entries=64)
def _shipped_reported_where(key: str, province: str | None, year: int | None,
                            content: int | None, indicator: str | None,
                            lang: str) -> pd.DataFrame:
    del key  # the cache key only: which figures file is in use
    shown = metrics.filter_figures(shipped_figures(), province=province, year=year,
                                   content_area=content, indicator=indicator,
                                   catalogue=indicators())
    return tables.reported_where(shown, indicators(), lang)


def reported_where(province: str | None, year: int | None, content: int | None,
                   indicator: str | None, lang: str) -> pd.DataFrame:
    """:func:`p8lib.tables.reported_where` of the figures under these filters, cached by
    the filter values while nothing is uploaded (it names every row's place: ~3 s at 1M)."""
    if uploaded_figures() is None:
        return _shipped_reported_where(_figures_key(), province, year, content, indicator,
                                       lang)
    shown = metrics.filter_figures(figures(), province=province, year=year,
                                   content_area=content, indicator=indicator,
                                   catalogue=indicators())
    return tables.reported_where(shown, indicators(), lang)

