"""Read numbers as reports write them: "1.337", "10,393", "14,99", "80%", " 1 337 ".

Only finite numbers written with the digits 0–9 are numbers: "inf", "1e309", "١٢" (Arabic-
Indic) or "１２" (full-width) are not, and each such cell is named with its reason. Years
are read apart (:func:`parse_years`): whole numbers of four digits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Digits in groups of three after one to three leading digits (not starting with 0: "0.064"
# is a decimal): a thousands separator, whichever of "." or "," it is ("10.393" in
# Vietnamese, "10,393" in English).
_GROUPED = r"-?[1-9][0-9]{0,2}(?:[.,][0-9]{3})+"
# What a number may look like once blanks and a trailing "%" are gone: ASCII digits with
# "." or "," marks, a sign, and an exponent (Excel writes 0.00001 as 1e-05).
_NUMBER = r"[+-]?(?:[0-9]+(?:[.,][0-9]+)*|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,3})?"
_BLANKS = r"[\s\u00a0\u202f]"
# Why a cell is not a number (problem keys of p8lib.ingest.problems).
NOT_A_NUMBER, OTHER_DIGITS, NOT_FINITE = "not_a_number", "other_digits", "not_finite"


@dataclass(frozen=True)
class Numbers:
    """Cells read as numbers (same index as the cells).

    Attributes
    ----------
    values : Series of float
        NaN where a cell is empty or not a number.
    bad : Series of str
        Why a non-empty cell is not a number (:data:`NOT_A_NUMBER`, :data:`OTHER_DIGITS`,
        :data:`NOT_FINITE`), ``""`` where it is one or is empty.
    grouped : Series of bool
        True where the cell used thousands separators ("1.337" → 1337). A lone "," or "."
        followed by other than three digits is a decimal mark ("14,99" → 14.99).
    percent : Series of bool
        True where the cell ended in "%" ("80%" → 80).
    """

    values: pd.Series
    bad: pd.Series
    grouped: pd.Series
    percent: pd.Series


def parse_numbers(raw: pd.Series, grouping: bool = True) -> Numbers:
    """Parse report cells into finite floats.

    Parameters
    ----------
    raw : Series of str
        Cell texts; empty strings are missing values.
    grouping : bool
        Read "1.337" and "10,393" as thousands (True: how people type counts in a report).
        False for machine-written tables (the long layout), where "19.451" is a decimal.

    Returns
    -------
    Numbers

    Examples
    --------
    >>> parse_numbers(pd.Series(["1.337", "14,99", "x"])).values.tolist()
    [1337.0, 14.99, nan]
    """
    text = raw.astype("string").fillna("")
    plain = text.str.fullmatch(r"[0-9]{1,15}").fillna(False).astype(bool)
    no = pd.Series(False, index=raw.index)
    if plain.all():  # the common case: digits only, converted in one cast
        return Numbers(text.astype("float64[pyarrow]").astype(float),
                       pd.Series("", index=raw.index, dtype=object), no, no.copy())
    if plain.any():
        rest = parse_numbers(text[~plain], grouping)
        fast = text[plain].astype("float64[pyarrow]").astype(float)
        return Numbers(pd.concat([fast, rest.values]).reindex(raw.index),
                       rest.bad.reindex(raw.index, fill_value=""),
                       rest.grouped.reindex(raw.index, fill_value=False),
                       rest.percent.reindex(raw.index, fill_value=False))
    if text.str.contains(_BLANKS, regex=True).any():
        text = text.str.replace(_BLANKS, "", regex=True)
    percent = text.str.endswith("%").fillna(False).astype(bool)
    text = text.str.removesuffix("%")
    grouped = pd.Series(False, index=raw.index)
    if grouping:
        grouped = text.str.fullmatch(_GROUPED).fillna(False).astype(bool)
    fixed = text.where(~grouped, text.str.replace(r"[.,]", "", regex=True))
    shaped = fixed.str.fullmatch(_NUMBER).fillna(False).astype(bool)
    values = pd.to_numeric(fixed.where(shaped, "").str.replace(",", ".", regex=False),
                           errors="coerce").astype(float)
    filled = (text != "").to_numpy()
    finite = np.isfinite(values.to_numpy())
    wrong = filled & ~finite & ~shaped.to_numpy()
    # Digits of other scripts ("١٢", "１２"): looked for in Python, whose str.isdigit knows
    # them (the regular-expression engines here may not); bad cells are few.
    other_digits = np.zeros(len(text), dtype=bool)
    other_digits[wrong] = [any(c.isdigit() and not c.isascii() for c in cell)
                           for cell in text[wrong]]
    bad = np.where(~filled | finite, "",
                   np.where(np.isinf(values.to_numpy()), NOT_FINITE,
                            np.where(other_digits, OTHER_DIGITS, NOT_A_NUMBER)))
    return Numbers(values.where(finite), pd.Series(bad, index=raw.index, dtype=object),
                   grouped & filled, percent & filled)


def parse_years(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Read year cells: four ASCII digits (``2023``; ``2023.0`` as Excel may write it).

    Returns
    -------
    years : Series of int
        0 where a cell is empty or not a year.
    bad : Series of bool
        True where a non-empty cell is not a whole four-digit year ("2023.7", "1e309",
        "23", "２０２３").
    """
    text = raw.astype("string").fillna("").str.strip()
    whole = text.str.fullmatch(r"[0-9]{4}(?:\.0+)?").fillna(False).astype(bool)
    years = pd.to_numeric(text.where(whole, ""), errors="coerce").fillna(0).astype("int64")
    return years, (~whole & (text != "")).astype(bool)
