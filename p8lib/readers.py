"""Read report files into raw grids of cells, one per sheet.

Readers do not interpret anything: they find the encoding of a CSV (UTF-8, UTF-8 with BOM,
UTF-16, Windows-1258), its delimiter, and return every cell as text (NFC), with spreadsheet
row numbers kept, so that later steps can point at the exact cell. A file that cannot be
read raises :class:`~p8lib.problems.ReportError` naming the file and what to do.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from p8lib.problems import Problem, ReportError
from p8lib.text import nfc

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
# Tried in order when a CSV has no byte-order mark. cp1258 is Vietnamese Windows; it decodes
# any byte, so it comes last.
_FALLBACK_ENCODINGS = ("utf-8", "cp1258")


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


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _number_rows(frame: pd.DataFrame) -> pd.DataFrame:
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    frame.columns = range(frame.shape[1])
    return frame


def read_csv_cells(data: bytes, name: str) -> RawSheet:
    """Read CSV bytes into a :class:`RawSheet` (sheet name ``""``)."""
    if not data.strip():
        raise ReportError(Problem("the file is empty: nothing to import", file=name))
    text, encoding = _decode(data, name)
    # One normalisation of the whole text: Windows-1258 and macOS files carry combining
    # marks (NFD); names are compared in NFC.
    text = unicodedata.normalize("NFC", text)
    sep = _sniff_delimiter(text)
    # Title rows above the header have fewer cells than the table: name enough columns up
    # front (counting separators over-estimates when quoted cells hold them — harmless).
    width = max(line.count(sep) for line in text.splitlines()) + 1
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            header=None,
            names=range(width),
            dtype=str,
            keep_default_na=False,
            sep=sep,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        raise ReportError(
            Problem(f"not a readable CSV file ({exc}); save it as CSV UTF-8 or XLSX and retry",
                    file=name)
        ) from exc
    frame = frame.loc[:, (frame != "").any(axis=0)] if width > 1 else frame
    return RawSheet(name, "", _number_rows(frame), encoding)


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
        book = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None,
                             engine="calamine")
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise ReportError(
            Problem(f"the workbook cannot be read ({type(exc).__name__}: {exc}); "
                    "open it in Excel and save it again as .xlsx", file=name)
        ) from exc
    sheets = []
    for sheet, frame in book.items():
        cells = frame.astype(object).where(frame.notna(), "").map(_cell_text)
        sheets.append(RawSheet(name, str(sheet), _number_rows(cells)))
    return sheets


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
