"""Numbers, percentages and dates written the way each language writes them, by CLDR (Babel).

Vietnamese groups thousands with a dot and writes decimals with a comma (``10.393``,
``115,5``), English the other way round (``10,393``, ``115.5``); percentages follow each
locale's percent pattern (``115,5%``, ``115.5%``) and dates its date patterns (``20 tháng 5,
2025``, ``May 20, 2025``). The patterns are the Unicode CLDR's, as Babel ships them, not
written here; only the number of decimals is chosen here. Missing values are an en dash,
never 0. No streamlit here: the app and the tests share it.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from decimal import Decimal
from functools import cache

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import NumberPattern

MISSING = "–"
# The locales of p8lib.contract.i18n.LANGS, the first its default (i18n imports this module).
_LANGS = ("vi", "en")


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang if lang in _LANGS else _LANGS[0])


@cache
def _decimal_pattern(lang: str, decimals: int | None) -> NumberPattern:
    """The locale's decimal pattern, with exactly ``decimals`` decimals (None: as CLDR says,
    up to three, trailing zeros dropped)."""
    pattern = _locale(lang).decimal_formats[None]
    if decimals is None:
        return pattern
    fixed = copy.copy(pattern)
    fixed.frac_prec = (decimals, decimals)
    return fixed


@cache
def _percent_pattern(lang: str, decimals: int | None) -> NumberPattern:
    """The locale's percent pattern with ``decimals`` decimals (None: up to three, as the
    decimal pattern), for values already in percent (115.5 → "115.5%": no scaling by 100)."""
    fixed = copy.copy(_locale(lang).percent_formats[None])
    fixed.frac_prec = _decimal_pattern(lang, None).frac_prec if decimals is None else (
        decimals, decimals)
    fixed.scale = 0
    return fixed


def _number(value: object) -> Decimal | None:
    """``value`` as a Decimal of its shortest repr (0.1 stays 0.1); None when missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    number = float(value)
    if math.isnan(number):
        return None
    # -0.0 would print as "-0"
    return Decimal(repr(number + 0.0)) if number else Decimal(0)


def fmt_number(value: object, lang: str, decimals: int | None = None) -> str:
    """A number in ``lang``'s CLDR decimal format; missing → an en dash.

    Parameters
    ----------
    value : number or None
    lang : {"vi", "en"}
        Another value falls back to Vietnamese.
    decimals : int, optional
        Exactly this many decimals; None shows a whole number without decimals and others
        with up to three (CLDR's ``#,##0.###``).

    Examples
    --------
    >>> fmt_number(10393, "vi"), fmt_number(10393, "en")
    ('10.393', '10,393')
    >>> fmt_number(115.477, "vi", 1)
    '115,5'
    """
    number = _number(value)
    if number is None:
        return MISSING
    return _decimal_pattern(lang, decimals).apply(number, _locale(lang))


def fmt_pct(value: object, lang: str, decimals: int | None = 1) -> str:
    """A value in percent (115.5 means 115.5 %) in ``lang``'s CLDR percent format, with
    ``decimals`` decimals (None: its own, up to three); missing → en dash, never "0 %".

    >>> fmt_pct(231.2, "vi"), fmt_pct(231.2, "en"), fmt_pct(14.99, "vi", None)
    ('231,2%', '231.2%', '14,99%')
    """
    number = _number(value)
    if number is None:
        return MISSING
    return _percent_pattern(lang, decimals).apply(number, _locale(lang))


def fmt_date(value: object, lang: str, length: str = "long") -> str:
    """A date in ``lang``'s CLDR date format (``length``: "short", "medium", "long").

    A ``date``, ``datetime``, ``Timestamp`` or ISO text ("2025-05-20") is formatted; other
    text ("2025", "2023 (no date in text)") is returned as it is, since a year or a note is
    not a date to rewrite; missing → en dash.

    >>> fmt_date("2025-05-20", "vi"), fmt_date("2025-05-20", "en"), fmt_date("2025", "en")
    ('20 tháng 5, 2025', 'May 20, 2025', '2025')
    """
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    elif isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        return str(value)
    return format_date(day, format=length, locale=_locale(lang))


def fmt_datetime(moment: object, lang: str) -> str:
    """A moment in UTC as ``lang`` writes it — CLDR's medium date and short time, joined by
    the locale's own date-time pattern — marked UTC (the store records every time in UTC);
    a naive time is taken as UTC; missing → en dash.

    >>> fmt_datetime(dt.datetime(2026, 12, 1, 9, 20, tzinfo=dt.UTC), "vi")
    '09:20 1 thg 12, 2026 UTC'
    """
    if moment is None or moment is pd.NaT or moment is pd.NA:
        return MISSING
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    utc = stamp.to_pydatetime()
    locale = _locale(lang)
    day = format_date(utc.date(), format="medium", locale=locale)
    time = format_time(utc, format="short", tzinfo=dt.UTC, locale=locale)
    return f"{locale.datetime_formats['medium'].format(time, day)} UTC"
