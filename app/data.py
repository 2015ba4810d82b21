"""The one caching module: p8lib loaders wrapped in ``st.cache_data``.

Pages import tables from here. Figures uploaded on the Data page live in the session
(``st.session_state``) and are merged with the shipped ones by :func:`figures`.

The environment variable ``P8_FIGURES`` (a ``.parquet`` or ``.csv`` file in the data
contract) replaces ``data/figures.csv``: the benchmarks point it at the synthetic national
table (``bench/synthetic.py``). Whenever it is set, or any figure's source is synthetic,
:func:`is_synthetic` is True and the app says so on every page.

The figures table is the one large object (1,000,000 rows in the benchmarks). It is read
and validated once per process, its text columns made categoricals, and shared
(``st.cache_resource``); every caller gets a shallow copy, which pandas' copy-on-write keeps
apart from the shared frame, so a session can never change another's figures.
``st.cache_data`` would unpickle a full copy on every rerun instead.

What the pages compute per filter (attainment, where figures are reported, figures per
province) is cached by the filter values and :func:`figures_token` — which figures file,
which upload — never by hashing the large frame's content.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from p8lib import catalogue, charts, display, filters, map_values, metrics, tables, uploads
from p8lib.importer import ImportOptions, import_report
from p8lib.problems import problems_frame
from p8lib.schema import FIGURE_COLUMNS, Figure

UPLOADED_KEY = "uploaded_figures"
_UPLOADED_DIGEST_KEY = "_uploaded_figures_digest"
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


def categorical_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text columns as categoricals (numbers untouched).

    The figures repeat a few codes, units and sources over many rows: 1M figures take
    ≈ 36 MB instead of ≈ 243 MB, and a filter compares integer codes (≈ 3–8 ms at 1M rows
    instead of 30–100 ms).
    """
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
            and not isinstance(frame[c].dtype, pd.CategoricalDtype)]
    return frame.astype(dict.fromkeys(text, "category")) if text else frame


@st.cache_resource(show_spinner=False)
def _shared_figures(path: str | None) -> pd.DataFrame:
    """The figures of ``path`` (None: ``data/figures.csv``), read once per process, text
    columns held as categoricals (:func:`categorical_text`).

    Shared by every session: never modify it; :func:`shipped_figures` hands out copies.
    """
    return categorical_text(read_figures(Path(path) if path else None))


def shipped_figures() -> pd.DataFrame:
    """The figures shipped in ``data/figures.csv``, or those of the ``P8_FIGURES`` file.

    A shallow copy of the shared frame: cheap, and changes to it stay in it.
    """
    path = figures_path()
    return _shared_figures(str(path) if path else None).copy(deep=False)


def uploaded_figures() -> pd.DataFrame | None:
    """Figures this session chose to use from an upload (None when there are none)."""
    return st.session_state.get(UPLOADED_KEY)


def _digest(frame: pd.DataFrame) -> str:
    """A digest of a frame's content (row order included)."""
    hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return hashlib.sha1(hashed.tobytes()).hexdigest()


def _figures_key() -> str:
    path = figures_path()
    return str(path) if path else ""


def figures_token() -> tuple[str, str]:
    """What names the figures in use: (the figures file, a digest of this session's
    uploaded figures, "" for none).

    The per-filter caches below are keyed by it, so sessions with the same figures share
    their entries and an upload gets its own. The digest is taken once per uploaded frame.
    """
    uploaded = uploaded_figures()
    if uploaded is None or uploaded.empty:
        return _figures_key(), ""
    known = st.session_state.get(_UPLOADED_DIGEST_KEY)
    if known is None or known[0] is not uploaded:
        known = (uploaded, _digest(uploaded))
        st.session_state[_UPLOADED_DIGEST_KEY] = known
    return _figures_key(), known[1]


@st.cache_resource(show_spinner=False, max_entries=4)
def _shared_merged(key: str, upload: str, _uploaded: pd.DataFrame) -> pd.DataFrame:
    """Shipped plus uploaded figures, once per (figures file, upload digest): merging a
    large table copies and de-duplicates every row (seconds at 1M rows)."""
    del key, upload  # the cache key only; ``_uploaded`` is what the digest names
    return categorical_text(uploads.merge_figures(shipped_figures(), _uploaded))


def figures() -> pd.DataFrame:
    """Shipped figures plus this session's uploaded ones (a shallow copy of a shared frame;
    text columns are categoricals)."""
    key, upload = figures_token()
    if not upload:
        return shipped_figures()
    return _shared_merged(key, upload, uploaded_figures()).copy(deep=False)


@st.cache_data(show_spinner=False, max_entries=8)
def _summary(token: tuple[str, str]) -> tuple[list[str], list[int], dict[str, int]]:
    """Filter choices and reach counts of the figures named by ``token``."""
    del token  # the cache key only: which figures are in use
    figures_ = figures()
    return (filters.province_options(figures_, coverage()), filters.year_options(figures_),
            metrics.coverage_counts(coverage(), figures_))


def province_options() -> list[str]:
    """:func:`p8lib.filters.province_options` of :func:`figures`, computed once per figures
    in use."""
    return list(_summary(figures_token())[0])


def year_options() -> list[int]:
    """:func:`p8lib.filters.year_options` of :func:`figures`, computed once per figures in
    use."""
    return list(_summary(figures_token())[1])


def coverage_counts() -> dict[str, int]:
    """:func:`p8lib.metrics.coverage_counts` of :func:`coverage` and :func:`figures`,
    computed once per figures in use."""
    return dict(_summary(figures_token())[2])


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
    """:func:`p8lib.metrics.filter_figures` of :func:`figures` under the shared filters.

    A page, its chart and its attainment ask for the same selection in one rerun (7–20 ms
    each at 1M rows): the last few are shared (``st.cache_resource``, no copy of the rows;
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
    return metrics.attainment(filtered(year=year, level=level), indicators())


def attainment(province: str | None = None, year: int | None = None,
               content: int | None = None, indicator: str | None = None,
               level: str | None = None) -> pd.DataFrame:
    """:func:`p8lib.metrics.attainment` of the figures under these filters (and of one
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


@st.cache_data(show_spinner=False, max_entries=8)
def _headline_metrics(token: tuple[str, str], lang: str) -> list[tuple[str, str, str | None]]:
    del token  # the cache key only: which figures are in use
    return display.headline_metrics(attainment(level="national"), indicators(), lang)


def headline_metrics(lang: str) -> list[tuple[str, str, str | None]]:
    """:func:`p8lib.display.headline_metrics` of the national attainment, once per figures
    in use and language (the tiles do not follow the filters)."""
    return _headline_metrics(figures_token(), lang)


def attainment_by_content_area(province: str | None, year: int | None, content: int | None,
                               indicator: str | None) -> pd.DataFrame:
    """:func:`p8lib.metrics.attainment_by_content_area` under these filters: of the
    province's figures when a province is chosen, else of the national ones."""
    level = "province" if province else "national"
    return metrics.attainment_by_content_area(
        attainment(province, year, content, indicator, level=level), level=level)


@st.cache_resource(show_spinner=False, max_entries=64)
def _attainment_chart(by_area: pd.DataFrame, lang: str, large: bool) -> go.Figure:
    return charts.attainment_by_area_bar(by_area, lang, large=large)


def attainment_chart(province: str | None, year: int | None, content: int | None,
                     indicator: str | None, lang: str, large: bool) -> go.Figure:
    """:func:`p8lib.charts.attainment_by_area_bar` of :func:`attainment_by_content_area`,
    built once per content of that small table, language and presenter mode: building a
    plotly figure takes ≈ 45 ms, more than the attainment behind it, and many filters
    give the same four areas' attainment.

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
    """:func:`p8lib.tables.reported_where` of the figures under these filters, cached by
    the filter values and the figures in use (≈ 0.1 s at 1M rows)."""
    return _reported_where(figures_token(), province, year, content, indicator, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _indicator_across(token: tuple[str, str], province: str | None, year: int | None,
                      indicator: str, lang: str) -> pd.DataFrame:
    del token  # the cache key only: which figures are in use
    return tables.indicator_across(filtered(province, year, indicator=indicator), indicator,
                                   lang, indicators(), max_places=tables.MAX_CHART_PLACES)


def indicator_across(province: str | None, year: int | None, indicator: str,
                     lang: str) -> pd.DataFrame:
    """:func:`p8lib.tables.indicator_across` of one indicator's figures under these filters,
    at most :data:`p8lib.tables.MAX_CHART_PLACES` places (``attrs["note"]`` says what was
    summed or left out), cached by the filter values and the figures in use."""
    return _indicator_across(figures_token(), province, year, indicator, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _target_actual_chart(token: tuple[str, str], province: str, year: int | None,
                         content: int | None, indicator: str | None, lang: str, title: str,
                         large: bool) -> go.Figure | None:
    del token  # the cache key only: which figures are in use
    bars = tables.target_actual_frame(filtered(province, year, content, indicator),
                                      indicators(), lang)
    return None if bars.empty else charts.target_actual_bar(bars, lang, title, large)


def target_actual_chart(province: str, year: int | None, content: int | None,
                        indicator: str | None, lang: str, title: str, large: bool
                        ) -> go.Figure | None:
    """:func:`p8lib.charts.target_actual_bar` of a province's figures under these filters,
    built once per filters, figures in use, language and presenter mode (building the
    figure takes longer than the filtering behind it); None when the province has no
    province-level figure to draw. Shared: never modify it."""
    return _target_actual_chart(figures_token(), province, year, content, indicator, lang,
                                title, large)


@st.cache_resource(show_spinner=False, max_entries=64)
def _indicator_chart(across: pd.DataFrame, lang: str, title: str, large: bool) -> go.Figure:
    return charts.indicator_bar(across, lang, title, large)


def indicator_chart(across: pd.DataFrame, lang: str, title: str, large: bool) -> go.Figure:
    """:func:`p8lib.charts.indicator_bar` of :func:`indicator_across`'s small table, built
    once per content of that table, language and presenter mode. Shared: never modify it."""
    return _indicator_chart(across, lang, title, large)


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


@st.cache_data(show_spinner=False, max_entries=16)
def _figures_per_province(token: tuple[str, str], vintage: str) -> pd.Series:
    """:func:`p8lib.map_values.figures_per_province` of the figures named by ``token``."""
    del token  # the cache key only: which figures are in use
    return map_values.figures_per_province(figures(), vintage)


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
    values = _figures_per_province(figures_token(), vintage)
    pilots = map_values.pilot_codes(coverage(), vintage)
    return maps.province_map(provinces, values, kind="count", lang=lang, pilot_codes=pilots)
