"""Write tables for people and programs: CSV (UTF-8 with BOM for Excel), XLSX, atomically.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return) are prefixed with an apostrophe in exports meant for people
(:func:`excel_safe`), so a name like ``=HYPERLINK(...)`` stays text. Numbers are untouched,
and so is text that is a plain number ("-3.0", "+5"): a spreadsheet reads it as the number,
and an apostrophe would have made it text. In CSV files a whole number is written without
a decimal part (``9000``, not ``9000.0``).

Files are written to a temporary file beside the target and renamed over it: a failure
part-way leaves the old file as it was. Only a regular file (or nothing) is ever replaced:
a symbolic link, a device or a folder at the target is refused (:class:`NotARegularFile`),
and the new file keeps the old one's permissions (or the umask's, for a new file).
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

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


class NotARegularFile(OSError):
    """The target of a write exists and is not a regular file (a link, a device, a folder)."""


def write_csv_atomic(frame: pd.DataFrame, path: str | Path) -> None:
    """Write ``frame`` as UTF-8 CSV to ``path`` all at once: a temporary file, then a rename.

    A machine table (no byte-order mark, no formula escaping): the shipped ``data/`` tables.
    A failure part-way leaves the old file as it was, never a half-written one.

    Raises
    ------
    NotARegularFile
        ``path`` is a link, a device or a folder.
    """
    def write(handle: BinaryIO) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        frame.to_csv(text, index=False, lineterminator="\n")
        text.flush()
        text.detach()

    _replace_atomically(Path(path), write)


def write_table_atomic(frame: pd.DataFrame, path: str | Path) -> None:
    """Write a table meant for people to ``path``, as its suffix says: ``.xlsx`` as a
    workbook (:func:`xlsx_bytes`), anything else as CSV with a byte-order mark
    (:func:`csv_bytes`) — formula-safe either way, all at once.

    Raises
    ------
    NotARegularFile
        ``path`` is a link, a device or a folder.
    OSError
        The folder cannot be written.
    """
    path = Path(path)
    data = (xlsx_bytes({path.stem or "table": frame}) if path.suffix.lower() == ".xlsx"
            else csv_bytes(frame))
    _replace_atomically(path, lambda handle: handle.write(data))


def _replace_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through ``write`` into a temporary file beside ``path``, then rename it over
    ``path``; only a regular file (or nothing) is replaced."""
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise NotARegularFile(f"{path} is not a regular file")
    mode = stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask, read without changing it (Linux); 0o022 where unknown."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022
