"""The one caching module: p8lib loaders wrapped in ``st.cache_data`` / ``st.cache_resource``.

Pages import tables from here. The figures, sources and coverage are those of the shared
store (:mod:`p8lib.store`: the embedded SQLite file, or ``P8_DATABASE_URL``), cached by the
**store's version**: :func:`refresh_store_state` (called by the router at the top of every
run) reads the version — one small query — and every cache below is keyed by it, so after a
publish every open session shows the new figures on its next rerun, and no large frame is
ever hashed.

The environment variable ``P8_FIGURES`` (a ``.parquet`` or ``.csv`` file in the data
contract) replaces the store's figures: the benchmarks point it at the synthetic national
table (``bench/synthetic.py``). Whenever it is set, or any figure's source is synthetic,
:func:`is_synthetic` is True and the app says so on every page.

The figures table is the one large object (1,000,000 rows in the benchmarks). It is read
once per process and store version, its text columns categoricals, and shared
(``st.cache_resource``); every caller gets a shallow copy, which pandas' copy-on-write keeps
apart from the shared frame, so a session can never change another's figures.
``st.cache_data`` would unpickle a full copy on every rerun instead. The small tables (the
catalogue, the coverage, the sources) are shared the same way: a rerun asks for them dozens
of times, and each ``st.cache_data`` call unpickles a copy (docs/benchmarks.md, issue #19).

What the pages compute per filter is in :mod:`app.views`, cached by the filter values and
:func:`figures_token` (which store and version, or which figures file); so are the map's
values in :mod:`app.maps`.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from p8lib import store as p8store
from p8lib.analysis import filters, metrics
from p8lib.contract import FIGURE_COLUMNS, Figure, catalogue, i18n, t
from p8lib.ingest import (
    Accounting,
    ImportOptions,
    ImportResult,
    Problem,
    import_in_worker,
    problems_frame,
    worker,
)
from p8lib.present import labels

FIGURES_ENV = "P8_FIGURES"
SYNTHETIC_PREFIX = "synthetic"
logger = logging.getLogger(__name__)
_STATE_KEY = "_store_state"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> p8store.Store:
    """The store at ``url``, opened once per process (schema created or upgraded, an empty
    store seeded with the shipped tables)."""
    return p8store.open_store(url)


def store() -> p8store.Store:
    """The store this app reads and writes (``P8_DATABASE_URL``, else ``var/p8.sqlite``)."""
    return _store(p8store.database_url())


def refresh_store_state() -> p8store.StoreState:
    """Read the store's version and "data as of" time for this run (call once, at the top
    of the router): every cache of this run is keyed by what it read."""
    state = p8store.store_state(store())
    st.session_state[_STATE_KEY] = state
    return state


def store_state() -> p8store.StoreState:
    """The store state this run read (:func:`refresh_store_state`; read now if it has not)."""
    state = st.session_state.get(_STATE_KEY)
    return state if state is not None else refresh_store_state()


def as_of_text(lang: str) -> str:
    """"Data as of <the newest active batch's time> (batch N)" in ``lang``."""
    state = store_state()
    return t("data_as_of", lang, when=i18n.fmt_datetime(state.as_of, lang),
             batch=state.latest_batch if state.latest_batch is not None else "–")


def figures_path() -> Path | None:
    """The figures file named by ``P8_FIGURES``, or None for the store's figures."""
    value = os.environ.get(FIGURES_ENV, "").strip()
    return Path(value).expanduser() if value else None


def figures_token() -> tuple[str, int]:
    """What names the figures in use: (the store's URL, its version), or (the
    ``P8_FIGURES`` file, the store's version). The per-filter caches are keyed by it."""
    path = figures_path()
    # The URL the store was opened with (no call into the cache of opened stores: a rerun
    # asks for the token of every view it shows).
    return (f"file:{path}" if path else p8store.database_url()), store_state().version


@st.cache_resource(show_spinner=False)
def _indicators() -> pd.DataFrame:
    return catalogue.indicators()


def indicators() -> pd.DataFrame:
    """The indicator catalogue (a shallow copy of a shared frame, as :func:`figures`)."""
    return _indicators().copy(deep=False)


@st.cache_resource(show_spinner=False)
def _indicator_options(content: int | None) -> tuple[str, ...]:
    return tuple(filters.indicator_options(indicators(), content))


def indicator_options(content: int | None) -> list[str]:
    """:func:`p8lib.analysis.filters.indicator_options` of the catalogue, once per content area
    (every rerun's sidebar asks)."""
    return list(_indicator_options(content))


@st.cache_resource(show_spinner=False)
def _province_names(lang: str) -> dict[str, str]:
    return labels.province_names(lang).to_dict()


def province_names(lang: str) -> dict[str, str]:
    """:func:`p8lib.present.labels.province_names` (2021 code → name), once per language."""
    return dict(_province_names(lang))


@st.cache_resource(show_spinner=False)
def _indicator_labels(lang: str) -> dict[str, str]:
    return labels.indicator_labels(indicators(), lang)


def indicator_labels(lang: str) -> dict[str, str]:
    """:func:`p8lib.present.labels.indicator_labels` of the catalogue, once per language."""
    return dict(_indicator_labels(lang))


@st.cache_resource(show_spinner=False, max_entries=4)
def _active_table(url: str, version: int, name: str) -> pd.DataFrame:
    del version  # the cache key only
    return p8store.active_table(_store(url), name)


def _active(name: str) -> pd.DataFrame:
    """The store's active ``name`` table at this run's version (a shallow copy of a shared
    frame)."""
    return _active_table(p8store.database_url(), store_state().version, name).copy(deep=False)


def sources() -> pd.DataFrame:
    """The active sources of the store (a shallow copy of a shared frame)."""
    return _active("sources")


@st.cache_data(show_spinner=False)
def unused_sources() -> pd.DataFrame:
    """The source files read and not cited, with why."""
    return catalogue.unused_sources()


@st.cache_data(show_spinner=False, max_entries=16)
def source_text(file: str | None) -> str | None:
    """The text of one source file, None when it is not on this machine."""
    return catalogue.source_text(file)


def coverage() -> pd.DataFrame:
    """The active coverage rows of the store (a shallow copy of a shared frame)."""
    return _active("coverage")


def read_figures(path: Path) -> pd.DataFrame:
    """Figures from ``path`` (``.parquet`` or ``.csv``), validated by
    :class:`p8lib.contract.schema.Figure`.

    Raises
    ------
    ValueError
        ``path`` is neither ``.parquet`` nor ``.csv``.
    """
    if path.suffix.lower() == ".parquet":
        # Files written before the vintage column existed hold 2021 figures: validation adds it.
        present = set(pq.read_schema(path).names)
        return Figure.validate(pd.read_parquet(
            path, columns=[c for c in FIGURE_COLUMNS if c in present]))
    if path.suffix.lower() == ".csv":
        return catalogue.figures(path)
    raise ValueError(f"{FIGURES_ENV}={str(path)!r}: expected a .parquet or .csv file")


def categorical_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text columns as categoricals whose categories are Python strings
    (numbers untouched; a column already categorical gets such categories too).

    The figures repeat a few codes, units and sources over many rows: as categoricals they
    take a seventh of the memory, and a filter compares integer codes instead of texts
    (docs/benchmarks.md, "Measurements behind the code").
    """
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
            and not isinstance(frame[c].dtype, pd.CategoricalDtype)]
    frame = frame.astype(dict.fromkeys(text, "category")) if text else frame
    return frame.assign(**{c: _with_object_categories(frame[c]) for c in frame.columns
                           if isinstance(frame[c].dtype, pd.CategoricalDtype)})


def _with_object_categories(column: pd.Series) -> pd.Series:
    """``column`` (a categorical) with its categories as Python strings: pandas' default
    Arrow-backed strings cost a conversion on every lookup and take, which on the small
    tables of a rerun is most of a filter's time (a province's rows 0.99 → 0.55 ms on the
    shipped figures, docs/benchmarks.md). The codes, and so the memory, stay as they are."""
    categories = column.cat.categories
    if categories.dtype == object:
        return column
    return pd.Series(pd.Categorical.from_codes(
        column.cat.codes, pd.Index(categories.to_numpy(dtype=object), dtype=object),
        ordered=column.cat.ordered), index=column.index, name=column.name)


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


@st.cache_resource(show_spinner=False, max_entries=2)
def _shared_figures(source: str, version: int) -> pd.DataFrame:
    """The figures named by (``source``, ``version``) (:func:`figures_token`), read once
    per process: the ``P8_FIGURES`` file, or the store's active figures at that version
    (text columns categorical either way).

    Shared by every session: never modify it; :func:`figures` hands out copies. Two
    versions are kept: sessions still finishing a run on the previous one keep theirs.
    """
    if source.startswith("file:"):
        shared = categorical_text(read_figures(Path(source.removeprefix("file:"))))
    else:
        _, shared = p8store.active_figures(_store(source))
        shared = categorical_text(shared)
    _freeze_long_lived()
    return shared


def figures() -> pd.DataFrame:
    """The figures in use (a shallow copy of a shared frame; text columns categorical)."""
    return _shared_figures(*figures_token()).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=8)
def _summary(token: tuple[str, int]) -> tuple[list[str], list[int], dict[str, int]]:
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
def _is_synthetic(token: tuple[str, int]) -> bool:
    """:func:`has_synthetic` of the figures in use, once per figures (``token``), not on
    every rerun (it scans every row's source)."""
    del token  # the cache key only: which figures are in use
    return has_synthetic(figures())


def is_synthetic() -> bool:
    """True when the figures in use are synthetic: ``P8_FIGURES`` is set, or a figure cites
    a synthetic source. The app then shows the synthetic-data banner."""
    return figures_path() is not None or _is_synthetic(figures_token())


@dataclass(frozen=True)
class Upload:
    """What the import of an upload gives the Data page: the tidy figures (empty unless
    ``ok``), the problems, and where every cell of the file went."""

    figures: pd.DataFrame
    problems: list[Problem]
    accounting: Accounting
    ok: bool

    def findings(self, lang: str) -> pd.DataFrame:
        """The problems as a table, messages in ``lang``
        (:func:`p8lib.ingest.problems_frame`)."""
        return problems_frame(self.problems, lang)


@st.cache_data(show_spinner=False, max_entries=8)
def import_upload(name: str, data: bytes, period: tuple[int, int] | None, measure: str | None,
                  source_id: str | None) -> Upload:
    """Import an uploaded report in a separate, limited process
    (:func:`p8lib.ingest.import_in_worker`): a file that crashes or stalls the parser costs
    itself an error, never this server. Never raises: any failure is the upload's one
    problem, logged in full here."""
    try:
        result = import_in_worker(name, data, ImportOptions(
            period=period, measure=measure, source_id=source_id or None))
    except Exception as exc:  # the boundary of the page: a message, never a traceback
        logger.exception("upload %r could not be imported", name)
        result = ImportResult.refused(Problem("import_failed", file=name,
                                              params={"error": type(exc).__name__}))
    figures_ = result.tidy() if result.ok else pd.DataFrame(columns=FIGURE_COLUMNS)
    return Upload(figures_, result.problems, result.accounting, result.ok)


@st.cache_resource(show_spinner=False)
def _import_worker_starting() -> threading.Thread:
    """The import worker's fork server, started once per process in the background."""
    thread = threading.Thread(target=worker.warm, name="p8-import-worker", daemon=True)
    thread.start()
    return thread


def prepare_uploads() -> None:
    """Start the import worker ahead of the first upload (it loads the library, ~2 s), when
    the Data page is first shown; later calls cost nothing."""
    _import_worker_starting()
