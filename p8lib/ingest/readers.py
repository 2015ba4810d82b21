"""Read report files into raw grids of cells, one per sheet.

Readers do not interpret anything: they find the encoding of a CSV (UTF-8, UTF-8 with BOM,
UTF-16, Windows-1258), its delimiter, and return every cell as text (NFC), with spreadsheet
row numbers kept, so that later steps can point at the exact cell. A file that cannot be
read raises :class:`~p8lib.ingest.problems.ReportError` naming the file and what to do.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
from python_calamine import CalamineWorkbook

from p8lib.ingest.problems import Problem, ReportError
from p8lib.units import nfc

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
# Tried in order when a CSV has no byte-order mark. cp1258 is Vietnamese Windows; it decodes
# any byte, so it comes last.
_FALLBACK_ENCODINGS = ("utf-8", "cp1258")
# A CSV longer than this many lines, with this much text below them, is parsed column-wise
# (pyarrow); the lines above (titles, header) may have any number of cells.
COLUMNAR_HEAD = 40
COLUMNAR_MIN_BODY = 100_000


@dataclass
class RawSheet:
    """All cells of one sheet as text; ``cells.index`` is the spreadsheet row number."""

    file: str
    sheet: str
    cells: pd.DataFrame
    encoding: str = ""


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:200]:  # UTF-16 without a byte-order mark
        return data.decode("utf-16-le"), "utf-16-le"
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ReportError(Problem(f"cannot decode {name!r} as text", file=name))  # pragma: no cover


def _head(text: str | bytes, lines: int) -> str | bytes:
    """The first ``lines`` lines of ``text`` (all of it when it has fewer), without
    splitting the rest; text or bytes."""
    newline = "\n" if isinstance(text, str) else b"\n"
    cut = -1
    for _ in range(lines):
        cut = text.find(newline, cut + 1)
        if cut < 0:
            return text
    return text[:cut + 1]


def _sniff_delimiter(text: str) -> str:
    sample = _head(text, 50)
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _number_rows(frame: pd.DataFrame) -> pd.DataFrame:
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    frame.columns = range(frame.shape[1])
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


def read_csv_cells(data: bytes, name: str) -> RawSheet:
    """Read CSV bytes into a :class:`RawSheet` (sheet name ``""``).

    A large UTF-8 file is parsed column-wise by pyarrow straight from its bytes
    (:func:`_read_columnar`); other encodings are decoded first; small files, and any file
    whose rows pyarrow cannot take as they are, go through pandas' C parser. All give the
    same cells, in NFC.
    """
    if not data.strip():
        raise ReportError(Problem("the file is empty: nothing to import", file=name))
    bom = data.startswith(b"\xef\xbb\xbf")
    frame = _read_columnar(data[3:] if bom else data)
    encoding = "utf-8-sig" if bom else "utf-8"
    if frame is None:
        text, encoding = _decode(data, name)
        # Windows-1258 and macOS files carry combining marks (NFD); names are compared in NFC.
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        frame = _read_columnar(text.encode("utf-8")) if encoding not in (
            "utf-8", "utf-8-sig") else None
        if frame is None:
            frame = _categorical(_read_rows(text, _sniff_delimiter(text), name))
    return RawSheet(name, "", _number_rows(_filled_columns(frame)), encoding)


def _read_rows(text: str, sep: str, name: str) -> pd.DataFrame:
    """Every cell of a CSV text as a string, whatever the number of cells per row."""
    # Title rows above the header have fewer cells than the table: name enough columns up
    # front (counting separators over-estimates when quoted cells hold them — harmless).
    width = max(line.count(sep) for line in text.splitlines()) + 1
    try:
        return pd.read_csv(io.StringIO(text), header=None, names=range(width), dtype=str,
                           keep_default_na=False, sep=sep, skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, csv.Error) as exc:
        raise ReportError(
            Problem(f"not a readable CSV file ({exc}); save it as CSV UTF-8 or XLSX and retry",
                    file=name)
        ) from exc


def _read_columnar(data: bytes) -> pd.DataFrame | None:
    """Cells of a large UTF-8 CSV, parsed column-wise by pyarrow into categoricals.

    The first :data:`COLUMNAR_HEAD` lines (titles, the header: rows of any width) are read
    by the csv module, the rest by pyarrow with one dictionary-encoded string column per
    cell of the first row below them; texts are put in NFC once per distinct value. Returns
    None — read it row by row instead — for a small file, text that is not UTF-8, a quoted
    cell spanning lines near the top, or a body row of another width.
    """
    head_bytes = _head(data, COLUMNAR_HEAD)
    body = data[len(head_bytes):]
    if len(body) < COLUMNAR_MIN_BODY or b"\x00" in data[:200]:  # small, or UTF-16
        return None
    try:
        head_text = head_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return None
    sep = _sniff_delimiter(head_text)
    head = [[unicodedata.normalize("NFC", c) for c in row]
            for row in csv.reader(io.StringIO(head_text), delimiter=sep)]
    if len(head) != COLUMNAR_HEAD:  # a quoted cell holds a line break
        return None
    first = next(csv.reader(io.StringIO(body[:body.find(b"\n") + 1].decode(
        "utf-8", errors="replace")), delimiter=sep), [])
    names = [str(i) for i in range(max(len(first), 1))]
    ragged: list[object] = []

    def keep_ragged(row) -> str:
        ragged.append(row)
        return "skip"

    try:
        table = pcsv.read_csv(
            io.BytesIO(body),
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
            chunks.append(pc.utf8_normalize(chunk.dictionary_decode(), "NFC")
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


def read_excel_cells(data: bytes, name: str) -> list[RawSheet]:
    """Read every sheet of an XLSX workbook into :class:`RawSheet` objects."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReportError(
            Problem("not an Excel .xlsx workbook (the file is damaged or another format); "
                    "open it in Excel and save as .xlsx or CSV UTF-8", file=name)
        )
    try:
        # calamine's own rows, as pandas' calamine engine reads them (skip_empty_area=False
        # keeps row 1 as row 1), without pandas converting every cell first.
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = [(sheet, book.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
                 for sheet in book.sheet_names]
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise ReportError(
            Problem(f"the workbook cannot be read ({type(exc).__name__}: {exc}); "
                    "open it in Excel and save it again as .xlsx", file=name)
        ) from exc
    sheets = []
    for sheet, rows in grids:
        width = max((len(r) for r in rows), default=0)
        columns = zip(*(list(r) + [""] * (width - len(r)) for r in rows), strict=True)
        cells = pd.DataFrame({i: _column_texts(pd.Series(column, dtype=object))
                              for i, column in enumerate(columns)})
        sheets.append(RawSheet(name, str(sheet), _number_rows(cells)))
    return sheets


def _column_texts(column: pd.Series) -> pd.Categorical:
    """A worksheet column's cells as a categorical of texts, each distinct value converted
    once (:func:`_cell_text`); empty cells are ``""``."""
    codes, distinct = pd.factorize(column.astype(object), use_na_sentinel=True)
    texts = np.array([_cell_text(v) for v in distinct] + [""], dtype=object)
    # Different values can give one text (12.0 and "12"): categories must be distinct.
    categories, inverse = np.unique(texts.astype(str), return_inverse=True)
    return pd.Categorical.from_codes(inverse[codes], categories=categories)


def read_cells(path: str | Path, data: bytes | None = None) -> list[RawSheet]:
    """Read a report file (CSV or XLSX) into one :class:`RawSheet` per sheet.

    Parameters
    ----------
    path : str or Path
        The file; its suffix chooses the reader. With ``data`` given, only its name is used.
    data : bytes, optional
        The file's content (an upload); read from ``path`` when omitted.

    Raises
    ------
    ReportError
        The file is missing, empty, of an unknown type or cannot be parsed.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES | EXCEL_SUFFIXES:
        raise ReportError(
            Problem(f"unsupported file type {suffix or '(none)'!r}: use .csv or .xlsx", file=name)
        )
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReportError(Problem(f"cannot open the file: {exc.strerror}", file=name)) from exc
    if suffix in EXCEL_SUFFIXES:
        return read_excel_cells(data, name)
    return [read_csv_cells(data, name)]
