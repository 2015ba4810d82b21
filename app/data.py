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

What the pages compute per filter is in :mod:`app.views`, cached by the filter values and
:func:`figures_token` — which figures file, which upload — never by hashing the large
frame's content; so are the map's values in :mod:`app.maps`.
"""

from __future__ import annotations

import gc
import hashlib
import os
from functools import cache
from pathlib import Path

import pandas as pd
import streamlit as st

from p8lib.analysis import filters, metrics
from p8lib.contract import FIGURE_COLUMNS, Figure, catalogue
from p8lib.ingest import ImportOptions, import_report, problems_frame
from p8lib.present import uploads

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
    by :class:`p8lib.contract.schema.Figure`.

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

    The figures repeat a few codes, units and sources over many rows: as categoricals they
    take a seventh of the memory, and a filter compares integer codes instead of texts
    (docs/benchmarks.md, "Measurements behind the code").
    """
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
            and not isinstance(frame[c].dtype, pd.CategoricalDtype)]
    return frame.astype(dict.fromkeys(text, "category")) if text else frame


@cache
def _freeze_long_lived() -> None:
    """Once per process: take every object alive now (the modules, the figures) out of the
    cyclic garbage collector's future passes.

    They live as long as the server, yet each full collection walked all of them: the
    slowest reruns measured were these pauses (bench/bench_app.py). No collection is made
    first: at this point one found nothing to collect and delayed a fresh server's first
    page.
    """
    gc.freeze()


@st.cache_resource(show_spinner=False)
def _shared_figures(path: str | None) -> pd.DataFrame:
    """The figures of ``path`` (None: ``data/figures.csv``), read once per process, text
    columns held as categoricals (:func:`categorical_text`).

    Shared by every session: never modify it; :func:`shipped_figures` hands out copies.
    """
    shared = categorical_text(read_figures(Path(path) if path else None))
    _freeze_long_lived()
    return shared


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
    large table copies and de-duplicates every row."""
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
    """:func:`p8lib.analysis.filters.province_options` of :func:`figures`, computed once per figures
    in use."""
    return list(_summary(figures_token())[0])


def year_options() -> list[int]:
    """:func:`p8lib.analysis.filters.year_options` of :func:`figures`, computed once per figures in
    use."""
    return list(_summary(figures_token())[1])


def coverage_counts() -> dict[str, int]:
    """:func:`p8lib.analysis.metrics.coverage_counts` of :func:`coverage` and :func:`figures`,
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
