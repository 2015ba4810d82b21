"""Read numbers as reports write them: "1.337", "10,393", "14,99", "80%", " 1 337 "."""

from __future__ import annotations

import pandas as pd

# Digits in groups of three after one to three leading digits (not starting with 0: "0.064"
# is a decimal): a thousands separator, whichever of "." or "," it is ("10.393" in
# Vietnamese, "10,393" in English).
_GROUPED = r"-?[1-9]\d{0,2}(?:[.,]\d{3})+"
_BLANKS = r"[\s\u00a0\u202f]"


def parse_numbers(raw: pd.Series, grouping: bool = True) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse report cells into floats.

    Parameters
    ----------
    raw : Series of str
        Cell texts; empty strings are missing values.
    grouping : bool
        Read "1.337" and "10,393" as thousands (True: how people type counts in a report).
        False for machine-written tables (the long layout), where "19.451" is a decimal.

    Returns
    -------
    values : Series of float
        NaN where a cell is empty or not a number.
    bad : Series of bool
        True where a non-empty cell is not a number.
    grouped : Series of bool
        True where the cell used thousands separators ("1.337" → 1337). A lone "," or "."
        followed by other than three digits is a decimal mark ("14,99" → 14.99).

    Examples
    --------
    >>> parse_numbers(pd.Series(["1.337", "14,99", "x"]))[0].tolist()
    [1337.0, 14.99, nan]
    """
    text = raw.astype("string").fillna("")
    plain = text.str.fullmatch(r"\d{1,15}").fillna(False).astype(bool)
    if plain.all():  # the common case: digits only, converted in one cast
        no = pd.Series(False, index=raw.index)
        return text.astype("float64[pyarrow]").astype(float), no, no.copy()
    if plain.any():
        values, bad, grouped = parse_numbers(text[~plain], grouping)
        fast = text[plain].astype("float64[pyarrow]").astype(float)
        return (pd.concat([fast, values]).reindex(raw.index),
                bad.reindex(raw.index, fill_value=False),
                grouped.reindex(raw.index, fill_value=False))
    if text.str.contains(_BLANKS, regex=True).any():
        text = text.str.replace(_BLANKS, "", regex=True)
    text = text.str.removesuffix("%")
    grouped = pd.Series(False, index=raw.index)
    if grouping:
        grouped = text.str.fullmatch(_GROUPED).fillna(False).astype(bool)
    fixed = text.where(~grouped, text.str.replace(r"[.,]", "", regex=True))
    values = pd.to_numeric(fixed.str.replace(",", ".", regex=False), errors="coerce")
    bad = values.isna() & (text != "")
    return values.astype(float), bad.astype(bool), grouped
