"""The shipped tables: indicator catalogue, sources, coverage and figures.

Each loader reads one CSV from ``data/``, validates it against its schema in
:mod:`p8lib.contract.schema` and returns a fresh DataFrame. A damaged table — a quote never
closed (a file cut short), a row with too few or too many cells, a value its schema refuses —
raises :class:`ShippedTableError` naming the file, line and column: the app checks them all
at start (:func:`check_shipped`) and does not serve half a table. :func:`source_text` reads
the text a source's quotes come from, where it is on this machine. :class:`IndicatorLookup`
turns a report's column header or indicator name into a catalogue id.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd
import pandera.errors
from rapidfuzz import fuzz, process

from p8lib.contract.paths import CURATED, DATA, ROOT
from p8lib.contract.schema import (
    Coverage,
    Figure,
    Indicator,
    NoteTranslation,
    Source,
    UnusedSource,
)
from p8lib.units import fold, fold_many

SYNONYM_SEPARATOR = "|"
# Parenthesised units in headers ("Tổ truyền thông (tổ)") are not part of the name.
_PARENTHESES = re.compile(r"\([^)]*\)")
HEADER_FUZZY_THRESHOLD = 90.0


def _read(path: Path, model) -> pd.DataFrame:
    """The table at ``path`` validated by ``model``; read again only when the file changed
    (every import reads the catalogue and the sources), a copy each time."""
    return _read_validated(path, path.stat().st_mtime_ns, model).copy()


class ShippedTableError(ValueError):
    """A shipped table is damaged. The message names the file, the line (1 = the header)
    and the column, and what is wrong there."""

    def __init__(self, path: Path, line: int | None, column: str, what: str) -> None:
        where = [path.name] + ([f"line {line}"] if line else []) + (
            [f"column {column!r}"] if column else [])
        super().__init__(f"{', '.join(where)}: {what}")
        self.path, self.line, self.column = path, line, column


@lru_cache(maxsize=16)
def _read_validated(path: Path, mtime_ns: int, model) -> pd.DataFrame:
    """``path`` read as text and validated by ``model``.

    Raises
    ------
    ShippedTableError
        The file is damaged, a yes/no column holds another text than true or false, or the
        table does not fit ``model``: the message names the file, line and column.
    """
    del mtime_ns  # the cache key only: a changed file is read again
    raw = path.read_bytes()
    _check_structure(path, raw)
    frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    frame = frame.replace("", None)
    # Yes/no columns are written "true"/"false": coercing such text to bool would make every
    # non-empty text True.
    for name, column in model.to_schema().columns.items():
        if str(column.dtype) == "bool" and name in frame.columns:
            read = frame[name].map(_BOOLEAN_TEXT, na_action="ignore")
            bad = frame[name][read.isna() & frame[name].notna()]
            if len(bad):
                raise ShippedTableError(path, _record_line(raw, int(bad.index[0])), name,
                                        f"{bad.iloc[0]!r} is neither true nor false")
            frame[name] = read
    try:
        return model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        raise _schema_error(path, raw, exc) from exc


def _check_structure(path: Path, raw: bytes) -> None:
    """Refuse a table pandas would read wrongly without a word: cut short (no final line
    break, a quote never closed: the rest would be one cell, or dropped), or with a row of
    more or fewer cells than the header (pandas fills a short row with empty cells)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ShippedTableError(path, raw.count(b"\n", 0, exc.start) + 1, "",
                                "not UTF-8 text") from exc
    if raw.count(b'"') % 2:
        raise ShippedTableError(path, _unclosed_quote_line(raw), "",
                                "a quote is never closed: the file is cut short or damaged")
    if text and not text.endswith("\n"):
        raise ShippedTableError(path, text.count("\n") + 1, "",
                                "the last line has no line break: the file may be cut short")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    line = reader.line_num + 1
    for row in reader:
        if len(row) != len(header):
            column = header[len(row)] if len(row) < len(header) else ""
            raise ShippedTableError(path, line, column,
                                    f"{len(row)} cells where the header has {len(header)}")
        line = reader.line_num + 1


def _schema_error(path: Path, raw: bytes, exc: pandera.errors.SchemaErrors) -> ShippedTableError:
    """The first failure pandera found, as a located error."""
    cases = exc.failure_cases
    located = cases[cases["index"].notna()]
    case = (located if len(located) else cases).iloc[0]
    line = _record_line(raw, int(case["index"])) if pd.notna(case["index"]) else None
    column = "" if pd.isna(case["column"]) else str(case["column"])
    value = "" if pd.isna(case["failure_case"]) else f" (value {case['failure_case']!r})"
    return ShippedTableError(path, line, column, f"fails {case['check']}{value}")


def _record_line(raw: bytes, record: int) -> int:
    """The line on which data record ``record`` (0 = the first below the header) starts:
    quoted cells may hold line breaks, so records are counted by the csv module."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig", errors="replace")))
    line = 1
    for number, _ in enumerate(reader):
        if number == record + 1:
            return line
        line = reader.line_num + 1
    return line


def _unclosed_quote_line(text: bytes | str) -> int:
    """The line (1 = the first) on which the last quote of a CSV text opens: where a cell
    that is never closed (an odd number of quotes: the file was cut short) begins. In
    ``a,b⏎1,"x"⏎2,"y`` that is line 3.
    """
    quote, newline = ('"', "\n") if isinstance(text, str) else (b'"', b"\n")
    inside, line, opened = False, 1, 1
    for piece in text.split(quote)[:-1]:  # the text before each quote
        line += piece.count(newline)
        inside = not inside
        if inside:
            opened = line
    return opened


def check_shipped() -> None:
    """Read and validate every shipped table (what the app does at start).

    Raises
    ------
    ShippedTableError
        A table is damaged: the message names its file, line and column.
    """
    indicators()
    sources()
    coverage()
    figures()
    unused_sources()
    note_translations()


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


def note_translations(path: Path | None = None) -> pd.DataFrame:
    """The Vietnamese of the shipped notes (``data/notes_vi.csv``), validated by
    :class:`NoteTranslation`."""
    return _read(path or DATA / "notes_vi.csv", NoteTranslation)


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
