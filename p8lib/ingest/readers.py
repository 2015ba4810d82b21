"""Read report files into raw grids of cells, one per sheet.

Readers do not interpret anything: they find the encoding of a CSV (UTF-8, UTF-8 with BOM,
UTF-16 with or without BOM, Windows-1258: :mod:`~p8lib.ingest.csv_text`, which also refuses
binary files and cells cut open), its delimiter, and return every cell as text (NFC),
with spreadsheet row numbers and column positions kept, so that later steps can point at
the exact cell. A file that cannot be read, or is past a limit of :mod:`~p8lib.ingest.limits`
(checked before it is parsed), raises :class:`~p8lib.ingest.problems.ReportError` naming the
file and what to do. A workbook is described by :mod:`~p8lib.ingest.workbook` before the
Excel reader runs: what that reader cannot show (formulas without a cached value, error
cells) and what a person does not see (hidden sheets, rows, columns) travel with the sheet.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
from python_calamine import CalamineWorkbook

from p8lib.ingest.csv_text import (
    SAMPLE_BYTES,
    check_quotes,
    check_text,
    decode,
    first_lines,
    sniff_delimiter,
)
from p8lib.ingest.limits import DEFAULT_LIMITS, Limits, check
from p8lib.ingest.problems import Problem, ReportError
from p8lib.ingest.sheet_xml import SheetScan
from p8lib.ingest.workbook import scan_workbook
from p8lib.units import nfc

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
# A CSV longer than this many lines, with this much text below them, is parsed column-wise
# (pyarrow); the lines above (titles, header) may have any number of cells.
COLUMNAR_HEAD = 40
COLUMNAR_MIN_BODY = 100_000


@dataclass
class RawSheet:
    """All cells of one sheet as text.

    ``cells.index`` is the spreadsheet row number (1 = the first row), ``cells.columns``
    the column position (0 = column A; columns without any cell are left out). For a
    workbook sheet, ``scan`` describes what the Excel reader could not show or a person
    would not see (:class:`~p8lib.ingest.sheet_xml.SheetScan`), and ``merged`` lists its
    merged ranges as ((first row, first column), (last row, last column)), 0-based.
    """

    file: str
    sheet: str
    cells: pd.DataFrame
    encoding: str = ""
    scan: SheetScan | None = None
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def _number_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows numbered from 1, as a spreadsheet shows them; columns keep their positions."""
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _categorical(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as a categorical of its texts: later steps work once per distinct text
    (a province written 10,000 times is folded, matched and checked once)."""
    return frame.astype({c: "category" for c in frame.columns})


def _filled_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without the columns in which every cell is empty (trailing separators)."""
    filled = [c for c in frame.columns if (frame[c].cat.categories != "").any()
              and (frame[c] != "").any()]
    return frame[filled] if frame.shape[1] > 1 else frame


def read_csv_cells(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> RawSheet:
    """Read CSV bytes into a :class:`RawSheet` (sheet name ``""``).

    A large UTF-8 file is parsed column-wise by pyarrow straight from its bytes
    (:func:`_read_columnar`); other encodings are decoded first; small files, and any file
    whose rows pyarrow cannot take as they are, go through pandas' C parser. All give the
    same cells, in NFC. Rows, columns and cells are counted against ``limits`` before either
    parser runs.

    Raises
    ------
    ReportError
        Empty, binary, undecodable, unparseable, or past a limit.
    """
    if not data or data.isspace():  # (no copy of the file, as strip() would make)
        raise ReportError(Problem("file_empty", file=name))
    bom = data.startswith(b"\xef\xbb\xbf")
    if b"\x00" not in data:  # UTF-16 is checked once decoded
        check_quotes(data, name)
    frame = None
    encoding = "utf-8-sig" if bom else "utf-8"
    if b"\x00" not in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        lines = data.count(b"\n") + 1
        check("rows", lines, limits, name)
        frame = _read_columnar(data[3:] if bom else data, name, limits, lines)
    if frame is None:
        text, encoding = decode(data, name)
        lines = text.count("\n") + 1
        check("rows", lines, limits, name)
        check_quotes(text, name)
        # Windows-1258 and macOS files carry combining marks (NFD); names are compared in NFC.
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        frame = _read_columnar(text.encode("utf-8"), name, limits, lines) if encoding not in (
            "utf-8", "utf-8-sig") else None
        if frame is None:
            frame = _categorical(_read_rows(text, sniff_delimiter(text), name, limits))
    return RawSheet(name, "", _number_rows(_filled_columns(frame)), encoding)


def _check_width(width: int, lines: int, limits: Limits, name: str) -> None:
    """Refuse a CSV wider than the column limit, or with more cells than the cell limit."""
    check("columns", width, limits, name)
    check("csv_cells", width * lines, limits, name)


def _read_rows(text: str, sep: str, name: str, limits: Limits = DEFAULT_LIMITS) -> pd.DataFrame:
    """Every cell of a CSV text as a string, whatever the number of cells per row."""
    # Title rows above the header have fewer cells than the table: name enough columns up
    # front (counting separators over-estimates when quoted cells hold them — harmless).
    lines = text.splitlines()
    width = max(line.count(sep) for line in lines) + 1
    _check_width(width, len(lines), limits, name)
    try:
        return pd.read_csv(io.StringIO(text), header=None, names=range(width), dtype=str,
                           keep_default_na=False, sep=sep, skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise ReportError(Problem("csv_unreadable", file=name, params={"detail": str(exc)})
                          ) from exc


def _read_columnar(data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS,
                   lines: int | None = None) -> pd.DataFrame | None:
    """Cells of a large UTF-8 CSV, parsed column-wise by pyarrow into categoricals.

    The first :data:`COLUMNAR_HEAD` lines (titles, the header: rows of any width) are read
    by the csv module, the rest by pyarrow with one dictionary-encoded string column per
    cell of the first row below them; texts are put in NFC once per distinct value.
    ``lines`` is the file's number of lines when the caller has counted them. Returns
    None — read it row by row instead — for a small file, text that is not UTF-8, a quoted
    cell spanning lines near the top, or a body row of another width.
    """
    head_bytes = first_lines(data, COLUMNAR_HEAD)
    start = len(head_bytes)
    if len(data) - start < COLUMNAR_MIN_BODY or b"\x00" in data[:200]:  # small, or UTF-16
        return None
    try:
        head_text = head_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return None
    check_text(head_text + data[:SAMPLE_BYTES].decode("utf-8", "replace"), name)
    sep = sniff_delimiter(head_text)
    head = [[unicodedata.normalize("NFC", c) for c in row]
            for row in csv.reader(io.StringIO(head_text), delimiter=sep)]
    if len(head) != COLUMNAR_HEAD:  # a quoted cell holds a line break
        return None
    first = next(csv.reader(io.StringIO(data[start:data.find(b"\n", start) + 1].decode(
        "utf-8", errors="replace")), delimiter=sep), [])
    names = [str(i) for i in range(max(len(first), 1))]
    if lines is None:
        lines = data.count(b"\n") + 1
    _check_width(max(len(names), *(len(r) for r in head)), lines, limits, name)
    ragged: list[object] = []

    def keep_ragged(row) -> str:
        ragged.append(row)
        return "skip"

    try:
        table = pcsv.read_csv(
            pa.BufferReader(pa.py_buffer(data).slice(start)),  # the body, not copied
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(delimiter=sep, newlines_in_values=True,
                                            ignore_empty_lines=False,
                                            invalid_row_handler=keep_ragged),
            convert_options=pcsv.ConvertOptions(
                column_types={n: pa.dictionary(pa.int32(), pa.string()) for n in names},
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:  # not UTF-8 after all (Windows-1258): decode it first
        return None
    if ragged:
        return None
    # The lines above join the table as a first chunk of the same dictionary columns; one
    # conversion then makes every column a categorical (its dictionaries unified in C++).
    width = max(len(names), *(len(r) for r in head))
    above = pa.table({str(i): pa.array([r[i] if i < len(r) else "" for r in head],
                                       pa.string()).dictionary_encode() for i in range(width)})
    empty = pa.DictionaryArray.from_arrays(pa.array(np.zeros(table.num_rows, np.int32)),
                                           pa.array([""]))
    below = pa.table({str(i): _nfc_chunks(table.column(i)) if i < len(names) else empty
                      for i in range(width)})
    frame = pa.concat_tables([above, below]).to_pandas()
    frame.columns = range(width)
    return frame


def _nfc_chunks(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A dictionary-encoded text column with its distinct texts in NFC (most are ASCII)."""
    chunks = []
    for chunk in column.chunks:
        words = chunk.dictionary
        if pc.all(pc.string_is_ascii(words)).as_py() is not False:
            chunks.append(chunk)
            continue
        nfc_words = pc.utf8_normalize(words, "NFC")
        if pc.count_distinct(nfc_words).as_py() == len(nfc_words):
            chunks.append(pa.DictionaryArray.from_arrays(chunk.indices, nfc_words))
        else:  # two spellings (NFC and NFD) of one text: one entry
            chunks.append(pc.utf8_normalize(chunk.dictionarydecode(), "NFC")
                          .dictionary_encode())
    return pa.chunked_array(chunks, type=column.type)


def _cell_text(value: object) -> str:
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        # A typed decimal such as 12.345 is a number, not "12.345" typed for 12345: keep it
        # from looking like thousands grouping (which only text cells can carry).
        return text + "0" if re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text) else text
    return nfc(value)


def read_excel_cells(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS
                     ) -> list[RawSheet]:
    """Read every worksheet of an XLSX workbook into :class:`RawSheet` objects.

    The workbook is described and checked against ``limits`` first
    (:func:`~p8lib.ingest.workbook.scan_workbook`); only then does calamine read the cells.

    Raises
    ------
    ReportError
        Not a workbook, damaged, or past a limit.
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReportError(Problem("not_xlsx", file=name))
    scans = {scan.name: scan for scan in scan_workbook(data, name, limits)}
    try:
        # calamine's own rows, as pandas' calamine engine reads them (skip_empty_area=False
        # keeps row 1 as row 1), without pandas converting every cell first.
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        loaded = [(name_, book.get_sheet_by_name(name_)) for name_ in book.sheet_names
                  if name_ in scans]
        grids = [(sheet, loaded_sheet.to_python(skip_empty_area=False),
                  loaded_sheet.merged_cell_ranges or []) for sheet, loaded_sheet in loaded]
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise ReportError(Problem("workbook_unreadable", file=name, params={
            "detail": f"{type(exc).__name__}: {exc}"})) from exc
    return [RawSheet(name, str(sheet), _number_rows(_grid_texts(rows)), scan=scans[sheet],
                     merged=[(tuple(a), tuple(b)) for a, b in merged])
            for sheet, rows, merged in grids]


def _grid_texts(rows: list[list]) -> pd.DataFrame:
    """A worksheet's rows of cells as one categorical column of texts per column, each
    distinct value of the sheet converted once (:func:`_cell_text`); empty cells are ``""``.

    The whole grid is factorized at once and each column keeps only the texts it holds: a
    wide report's 70 columns cost one pass, not 70.
    """
    width = max((len(r) for r in rows), default=0)
    grid = np.full((len(rows), width), "", dtype=object)
    for i, row in enumerate(rows):
        grid[i, :len(row)] = row
    codes, distinct = pd.factorize(grid.ravel(order="F"), use_na_sentinel=True)
    texts = np.array([_cell_text(v) for v in distinct] + [""], dtype=object)
    # Different values can give one text (12.0 and "12"): categories must be distinct.
    categories, inverse = np.unique(texts.astype(str), return_inverse=True)
    text_of_cell = inverse[codes].reshape(width, len(rows))
    categories = categories.astype(object)
    columns = {}
    for i, column in enumerate(text_of_cell):
        # The texts this column holds (sorted, as the sheet's are), renumbered from 0.
        used = np.bincount(column, minlength=len(categories)) > 0
        local = (np.cumsum(used) - 1)[column]
        columns[i] = pd.Categorical.from_codes(
            local, dtype=pd.CategoricalDtype(categories[used]), validate=False)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def read_cells(path: str | Path, data: bytes | None = None,
               limits: Limits = DEFAULT_LIMITS) -> list[RawSheet]:
    """Read a report file (CSV or XLSX) into one :class:`RawSheet` per sheet.

    Parameters
    ----------
    path : str or Path
        The file; its suffix chooses the reader. With ``data`` given, only its name is used.
    data : bytes, optional
        The file's content (an upload); read from ``path`` when omitted.
    limits : Limits
        Sizes past which the file is refused before it is parsed.

    Raises
    ------
    ReportError
        The file is missing, empty, of an unknown type, past a limit or cannot be parsed.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES | EXCEL_SUFFIXES:
        raise ReportError(Problem("unsupported_type", file=name,
                                  params={"suffix": repr(suffix) if suffix else "(none)"}))
    if data is None:
        try:
            check("file_bytes", path.stat().st_size, limits, name)
            data = path.read_bytes()
        except OSError as exc:
            raise ReportError(Problem("cannot_open", file=name,
                                      params={"reason": exc.strerror or str(exc)})) from exc
    check("file_bytes", len(data), limits, name)
    if suffix in EXCEL_SUFFIXES:
        return read_excel_cells(data, name, limits)
    return [read_csv_cells(data, name, limits)]
