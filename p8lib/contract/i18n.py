"""Vietnamese and English texts for the dashboard, and the number and date formats.

Texts are messages of the gettext catalogues, edited in ``locale/vi/LC_MESSAGES/messages.po``
and ``locale/en/LC_MESSAGES/messages.po`` (:mod:`p8lib.contract.messages`); :func:`t` picks
the language and fills ``{placeholders}``; the words of codes and data values (statuses,
measures, roles, units…) are messages too (:mod:`p8lib.contract.words`). Numbers,
percentages and dates are written by CLDR's rules for each language
(:mod:`p8lib.contract.formats`, Babel): Vietnamese groups thousands with a dot and writes
decimals with a comma (``10.393``, ``115,5``), English the other way round. No streamlit
here: the app and the tests share it.
"""

from __future__ import annotations

import math

import pandas as pd

from p8lib.contract import messages, words
from p8lib.contract.formats import fmt_date, fmt_datetime, fmt_number, fmt_pct
from p8lib.contract.messages import N_

__all__ = [
    "DEFAULT_LANG", "LANGS", "LANG_NAMES", "N_", "area_label", "check_lang",
    "coverage_group_text", "count_of_text", "fmt_date", "fmt_datetime", "fmt_number",
    "fmt_pct", "has_message", "level_text", "measure_text", "role_text", "status_meaning",
    "status_text", "t", "unit_text",
]

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
# Each language's name in itself, as the language switch shows it (not translated).
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def check_lang(lang: str | None) -> str:
    """``lang`` if it is a known language, else :data:`DEFAULT_LANG`."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    A message without a text in ``lang`` is shown in English (the tests require every text,
    see ``tests/contract/test_messages.py``).

    Raises
    ------
    KeyError
        If ``key`` is not a message of the catalogues (a typo should fail loudly in tests).

    Examples
    --------
    >>> t("area_n", "en", n=2)
    'Content area 2'
    """
    text = messages.texts(check_lang(lang)).get(key)
    if text is None:
        text = messages.texts(messages.SOURCE_LANG)[key]
    return text.format(**values) if values else text


def has_message(key: str) -> bool:
    """Whether ``key`` is a message of the catalogues."""
    return key in messages.texts(messages.SOURCE_LANG)


def status_text(status: str, lang: str) -> str:
    """Human text for an attainment status (a key of :data:`p8lib.analysis.targets.STATUSES`)."""
    return _word(words.STATUS, status, lang)


def status_meaning(status: str, lang: str) -> str:
    """What an attainment status means, in a sentence, for the Sources & method page."""
    return _word(words.STATUS_MEANING, status, lang)


# Each content area's name in full and short, by its number (schema.CONTENT_AREAS).
AREA_NAMES = {1: (N_("area_1"), N_("area_short_1")), 2: (N_("area_2"), N_("area_short_2")),
              3: (N_("area_3"), N_("area_short_3")), 4: (N_("area_4"), N_("area_short_4"))}


def area_label(area: object, lang: str, short: bool = False) -> str:
    """Label of a content area 1–4; missing → programme management and cross-cutting.

    In full "Nội dung 2: Xây dựng, nhân rộng mô hình; …"; ``short`` (for charts and column
    headers) its number and short name, "2. Mô hình, kinh tế".

    >>> area_label(1, "en", short=True), area_label(None, "vi", short=True)
    ('1. Communication', 'Quản lý, chung')
    """
    if _missing(area):
        return t("area_short_none", lang) if short else t("area_none", lang)
    number = int(area)
    full, short_name = AREA_NAMES[number]
    if short:
        return t("area_short", lang, n=number, name=t(short_name, lang))
    return f"{t('area_n', lang, n=number)}: {t(full, lang)}"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _word(prefix: str, code: object, lang: str) -> str:
    """``code``'s word in ``lang``: the message ``prefix + code`` when
    :data:`p8lib.contract.words.IDS` lists it; an unknown code as it is (missing → "")."""
    if _missing(code):
        return ""
    key = prefix + str(code)
    return t(key, lang) if key in words.IDS else str(code)


def measure_text(measure: object, lang: str) -> str:
    """"kế hoạch"/"thực hiện" (en "target"/"result") for a measure code."""
    return _word(words.MEASURE, measure, lang)


def level_text(level: object, lang: str) -> str:
    """"tỉnh", "xã" (en "province", "commune") for a level code."""
    return _word(words.LEVEL, level, lang)


def role_text(role: object, lang: str) -> str:
    """A coverage role in words ("pilot_province" → "tỉnh chỉ đạo điểm")."""
    return _word(words.ROLE, role, lang)


def count_of_text(count_of: object, lang: str) -> str:
    """What a coverage count counts, in words ("commune" → "xã", en "communes")."""
    return _word(words.COUNT_OF, count_of, lang)


def coverage_group_text(group: object, lang: str) -> str:
    """A coverage group as ``lang`` reads it (the curated English text, or its Vietnamese)."""
    return _word(words.GROUP, group, lang)


def unit_text(unit: object, lang: str) -> str:
    """A unit of measure as ``lang`` writes it (an English unit word in Vietnamese)."""
    return _word(words.UNIT, unit, lang)
