"""The shipped tables: indicator catalogue, sources, coverage and figures.

Each loader reads one CSV from ``data/``, validates it against its schema in
:mod:`p8lib.contract.schema` and returns a fresh DataFrame. :func:`source_text` reads the
text a source's quotes come from, where it is on this machine. :class:`IndicatorLookup`
turns a report's column header or indicator name into a catalogue id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from p8lib.contract.paths import CURATED, DATA, ROOT
from p8lib.contract.schema import Coverage, Figure, Indicator, Source, UnusedSource
from p8lib.units import fold, fold_many

SYNONYM_SEPARATOR = "|"
# Parenthesised units in headers ("Tổ truyền thông (tổ)") are not part of the name.
_PARENTHESES = re.compile(r"\([^)]*\)")
HEADER_FUZZY_THRESHOLD = 90.0


def _read(path: Path, model) -> pd.DataFrame:
    """The table at ``path`` validated by ``model``; read again only when the file changed
    (every import reads the catalogue and the sources), a copy each time."""
    return _read_validated(path, path.stat().st_mtime_ns, model).copy()


@lru_cache(maxsize=16)
def _read_validated(path: Path, mtime_ns: int, model) -> pd.DataFrame:
    """``path`` read as text and validated by ``model``.

    Raises
    ------
    ValueError
        A yes/no column holds another text than true or false.
    pandera.errors.SchemaError
        The table does not fit ``model``.
    """
    del mtime_ns  # the cache key only: a changed file is read again
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame = frame.replace("", None)
    # Yes/no columns are written "true"/"false": coercing such text to bool would make every
    # non-empty text True.
    for name, column in model.to_schema().columns.items():
        if str(column.dtype) == "bool" and name in frame.columns:
            read = frame[name].map(_BOOLEAN_TEXT, na_action="ignore")
            bad = frame[name][read.isna() & frame[name].notna()]
            if len(bad):
                raise ValueError(f"{path.name}: column {name!r} row {bad.index[0] + 2}: "
                                 f"{bad.iloc[0]!r} is neither true nor false")
            frame[name] = read
    return model.validate(frame)


_BOOLEAN_TEXT = {"true": True, "false": False, "True": True, "False": False}


def indicators(path: Path | None = None) -> pd.DataFrame:
    """The indicator catalogue (``data/indicators.csv``), validated by :class:`Indicator`."""
    return _read(path or DATA / "indicators.csv", Indicator)


def sources(path: Path | None = None) -> pd.DataFrame:
    """The sources (``data/sources.csv``), validated by :class:`Source`."""
    return _read(path or DATA / "sources.csv", Source)


def unused_sources(path: Path | None = None) -> pd.DataFrame:
    """The source files read and not cited (``data/curated/unused_sources.csv``), with why."""
    return _read(path or CURATED / "unused_sources.csv", UnusedSource)


def source_text(file: str | None) -> str | None:
    """The text of a source file (a ``file`` of :func:`sources`, relative to the folder
    holding the repository, e.g. ``shared/sources/reports/x.txt``); None when it is not on
    this machine — the source texts are shared documents, not shipped with the app."""
    if not file:
        return None
    path = ROOT.parent / file
    return path.read_text(encoding="utf-8") if path.is_file() else None


def coverage(path: Path | None = None) -> pd.DataFrame:
    """Where Project 8 is implemented (``data/coverage.csv``), validated by :class:`Coverage`."""
    return _read(path or DATA / "coverage.csv", Coverage)


def figures(path: Path | None = None) -> pd.DataFrame:
    """The figures table (``data/figures.csv``), validated by :class:`Figure`.

    Not kept in memory here (it may be large): callers cache it where they need to.
    """
    return _read_validated.__wrapped__(path or DATA / "figures.csv", 0, Figure)


def header_key(text: object) -> str:
    """Comparison key of a header: parenthesised parts dropped, then :func:`fold`."""
    return fold(_PARENTHESES.sub(" ", str(text or "")))


def header_keys(texts: pd.Series) -> pd.Series:
    """:func:`header_key` of every text of a column, vectorised (same index).

    >>> header_keys(pd.Series(["Tổng cộng (tỉnh)", "TOTAL"])).tolist()
    ['tongcong', 'total']
    """
    return fold_many(texts.astype(str).str.replace(_PARENTHESES.pattern, " ", regex=True))


@dataclass(frozen=True)
class IndicatorLookup:
    """Resolve headers and names to indicator ids through the catalogue.

    Exact keys are the id itself, the English and Vietnamese names and every header
    synonym, compared after :func:`header_key`. A fuzzy match (rapidfuzz ratio ≥
    :data:`HEADER_FUZZY_THRESHOLD`) is accepted only when it is unique.
    """

    exact: dict[str, str]

    @classmethod
    def from_catalogue(cls, catalogue: pd.DataFrame) -> IndicatorLookup:
        exact: dict[str, str] = {}
        for row in catalogue.itertuples():
            names = [row.indicator_id, row.name_en, row.name_vi]
            names += str(row.header_synonyms or "").split(SYNONYM_SEPARATOR)
            for name in names:
                key = header_key(name)
                if key:
                    exact.setdefault(key, row.indicator_id)
        return cls(exact)

    def resolve(self, text: object) -> tuple[str | None, float]:
        """Return ``(indicator_id, score)``; ``(None, best_score)`` when nothing fits."""
        key = header_key(text)
        if not key:
            return None, 0.0
        if key in self.exact:
            return self.exact[key], 100.0
        best = process.extract(key, list(self.exact), scorer=fuzz.ratio, limit=5)
        if not best or best[0][1] < HEADER_FUZZY_THRESHOLD:
            return None, best[0][1] if best else 0.0
        winners = {self.exact[k] for k, score, _ in best if score >= HEADER_FUZZY_THRESHOLD}
        return (winners.pop(), best[0][1]) if len(winners) == 1 else (None, best[0][1])


@cache
def default_lookup() -> IndicatorLookup:
    """The lookup built from the shipped catalogue."""
    return IndicatorLookup.from_catalogue(indicators())
