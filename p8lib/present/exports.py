"""Write tables for people and programs: CSV (UTF-8 with BOM for Excel), XLSX, atomically.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return) are prefixed with an apostrophe in exports meant for people
(:func:`excel_safe`), so a name like ``=HYPERLINK(...)`` stays text. Numbers are untouched,
and so is text that is a plain number ("-3.0", "+5"): a spreadsheet reads it as the number,
and an apostrophe would have made it text. In CSV files a whole number is written without
a decimal part (``9000``, not ``9000.0``).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text that is a plain number, in either language's writing ("-3.0", "+1,5", "-1.234,5",
# "2e-3"): a spreadsheet reads it as a number, never as a formula.
PLAIN_NUMBER = r"[+-]?(?:\d[\d.,]*|[.,]\d+)(?:[eE][+-]?\d+)?"


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot be read as spreadsheet formulas."""
    out = frame.copy()
    for col in out.columns:
        column = out[col]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if pd.api.types.is_string_dtype(column) or column.dtype == object:
            # Only text cells are at risk: a negative number in a mixed column stays a number.
            is_text = column.map(type).eq(str) if column.dtype == object else column.notna()
            text = column.astype(str)
            risky = (is_text & text.str.startswith(FORMULA_STARTS)
                     & ~text.str.fullmatch(PLAIN_NUMBER))
            out[col] = column.mask(risky, "'" + text) if risky.any() else column
    return out


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose float columns write a whole number without a decimal part.

    A column of whole numbers becomes nullable integers; a column mixing whole and
    fractional numbers holds the whole ones as ints (``9000``, ``115.5``). Values are equal.
    """
    out = frame.copy()
    for col in out.columns:
        column = out[col]
        if not pd.api.types.is_float_dtype(column):
            continue
        values = column.to_numpy(dtype=float, na_value=np.nan)
        whole = np.isfinite(values) & (np.mod(values, 1) == 0) & (np.abs(values) < 2 ** 53)
        present = ~np.isnan(values)
        if whole[present].all():
            ints = pd.arrays.IntegerArray(np.where(present, values, 0).astype(np.int64),
                                          mask=~present)
            out[col] = pd.Series(ints, index=column.index)
        elif whole.any():
            mixed = values.astype(object)
            mixed[whole] = values[whole].astype(np.int64)
            mixed[~present] = None
            out[col] = pd.Series(mixed, index=column.index, dtype=object)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark (Excel then shows Vietnamese correctly),
    formula-safe, whole numbers without ``.0``."""
    return whole_numbers(excel_safe(frame)).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per frame (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            excel_safe(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def write_csv_atomic(frame: pd.DataFrame, path: str | Path) -> None:
    """Write ``frame`` as UTF-8 CSV to ``path`` all at once: a temporary file, then a rename.

    A failure part-way leaves the old file as it was, never a half-written one.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            frame.to_csv(handle, index=False, lineterminator="\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
