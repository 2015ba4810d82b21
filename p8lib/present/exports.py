"""Write tables for people and programs: CSV (UTF-8 with BOM for Excel), XLSX, atomically.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return) are prefixed with an apostrophe in exports meant for people
(:func:`excel_safe`), so a name like ``=HYPERLINK(...)`` stays text. Numbers are untouched.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
            risky = is_text & text.str.startswith(FORMULA_STARTS)
            out[col] = column.mask(risky, "'" + text) if risky.any() else column
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark (Excel then shows Vietnamese correctly), formula-safe."""
    return excel_safe(frame).to_csv(index=False).encode("utf-8-sig")


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
