"""The data contract: every table p8lib reads or writes, declared once.

Columns are referred to through the models' attributes (``Figure.value`` is the string
``"value"``), never retyped as literals elsewhere. Codes are GSO codes held as zero-padded
strings; an empty code means "not at this level".

**Vintage.** A figure's or coverage row's codes belong to the unit set named in its
``vintage`` column: ``"2021"`` (the units in force until 30 June 2025, the default) or
``"2025"`` (the 34 provinces and 3,321 communes since 1 July 2025, no districts). The two
sets reuse codes for different places (``"15"`` is Yên Bái in 2021 and the merged Lào Cai in
2025), so a code is only ever compared with codes of its own vintage, or moved across with
:func:`p8lib.units.province_crosswalk` / :func:`p8lib.units.commune_crosswalk`
(:mod:`p8lib.analysis.vintages`). A frame without the column validates as 2021: pandera
adds it with the default, so producers written before it existed keep working.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from p8lib.units import NEW, OLD, VINTAGES

LEVELS = ("national", "province", "district", "commune")
MEASURES = ("target", "actual")
CONTENT_AREAS = (1, 2, 3, 4)
AGGREGATIONS = ("sum", "none")
LANGUAGES = ("vi", "en", "ms")  # of the sources; "ms": a Malay machine translation
# A source's date: ISO (a year, a month or a day), or "undated" when the source gives none.
_DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?|undated)$"
FIRST_YEAR, LAST_YEAR = 2015, 2035

_PROVINCE_CODE = r"^\d{2}$"
_DISTRICT_CODE = r"^\d{3}$"
_COMMUNE_CODE = r"^\d{5}$"


class Figure(pa.DataFrameModel):
    """One row per (unit, indicator, measure, period): the tidy figures table."""

    province_code: Series[str] = pa.Field(nullable=True, str_matches=_PROVINCE_CODE)
    district_code: Series[str] = pa.Field(nullable=True, str_matches=_DISTRICT_CODE)
    commune_code: Series[str] = pa.Field(nullable=True, str_matches=_COMMUNE_CODE)
    level: Series[str] = pa.Field(isin=LEVELS)
    indicator_id: Series[str] = pa.Field(str_length={"min_value": 1})
    measure: Series[str] = pa.Field(isin=MEASURES)
    period_start: Series[int] = pa.Field(ge=FIRST_YEAR, le=LAST_YEAR)
    period_end: Series[int] = pa.Field(ge=FIRST_YEAR, le=LAST_YEAR)
    value: Series[float] = pa.Field(ge=0)
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    source_id: Series[str] = pa.Field(str_length={"min_value": 1})
    quote: Series[str] = pa.Field(nullable=True)
    note: Series[str] = pa.Field(nullable=True)
    # Last, so that frames in the order of the columns before it still validate.
    vintage: Series[str] = pa.Field(isin=VINTAGES, default=OLD)

    @pa.dataframe_check(error="period_end is before period_start")
    def period_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        return df[cls.period_end] >= df[cls.period_start]

    @pa.dataframe_check(error="codes do not fit the level (e.g. a commune row without a commune)")
    def codes_fit_level(cls, df: pd.DataFrame) -> Series[bool]:
        return expected_level(df) == df[cls.level]

    @pa.dataframe_check(error="a 2025-vintage row has a district code (the 2025 units have none)")
    def no_district_in_2025(cls, df: pd.DataFrame) -> Series[bool]:
        return ~_has_code(df[cls.district_code]) | (df[cls.vintage] != NEW)

    class Config:
        strict = True
        coerce = True
        ordered = True
        add_missing_columns = True


FIGURE_COLUMNS: list[str] = list(Figure.to_schema().columns)
KEY_COLUMNS: list[str] = [
    Figure.province_code,
    Figure.district_code,
    Figure.commune_code,
    Figure.indicator_id,
    Figure.measure,
    Figure.period_start,
    Figure.period_end,
    Figure.source_id,
    Figure.vintage,
]
CODE_COLUMNS: list[str] = [Figure.province_code, Figure.district_code, Figure.commune_code]
# The columns :class:`Figure`'s row checks (``period_in_order``, ``codes_fit_level``) read.
ROW_CHECK_COLUMNS: list[str] = [*CODE_COLUMNS, Figure.level, Figure.period_start,
                                Figure.period_end, Figure.vintage]


def _has_code(column: pd.Series) -> pd.Series:
    """True where a code column holds a code (neither missing nor the empty string)."""
    return (column.notna() & (column.astype("string") != "")).fillna(False)


def expected_level(df: pd.DataFrame) -> pd.Series:
    """The level a row's codes imply: the lowest unit with a code, "national" if none."""
    level = pd.Series("national", index=df.index, dtype="object")
    for code, name in zip(CODE_COLUMNS, LEVELS[1:], strict=True):
        level = level.mask(_has_code(df[code]), name)
    return level


class Indicator(pa.DataFrameModel):
    """The indicator catalogue."""

    indicator_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    content_area: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=CONTENT_AREAS)
    name_en: Series[str]
    name_vi: Series[str]
    unit: Series[str]
    unit_vi: Series[str]
    aggregation: Series[str] = pa.Field(isin=AGGREGATIONS)
    core: Series[bool]
    header_synonyms: Series[str] = pa.Field(nullable=True)
    description: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


class Source(pa.DataFrameModel):
    """The sources every figure cites."""

    source_id: Series[str] = pa.Field(unique=True)
    title: Series[str]
    publisher: Series[str] = pa.Field(nullable=True)
    author: Series[str] = pa.Field(nullable=True)
    date: Series[str] = pa.Field(str_matches=_DATE)
    url: Series[str] = pa.Field(nullable=True)
    file: Series[str] = pa.Field(nullable=True)
    language: Series[str] = pa.Field(isin=LANGUAGES)
    machine_translation: Series[bool] = pa.Field(default=False)
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True
        add_missing_columns = True


class UnusedSource(pa.DataFrameModel):
    """Source files read and left unused (``data/curated/unused_sources.csv``), each with why."""

    file: Series[str] = pa.Field(unique=True)
    source_id: Series[str]
    reason: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True


class NoteTranslation(pa.DataFrameModel):
    """The Vietnamese of the team's English notes (``data/notes_vi.csv``): each note of the
    figures and the sources as written, and how a Vietnamese page shows it."""

    note: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    note_vi: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True


class Coverage(pa.DataFrameModel):
    """Where Project 8 is implemented, when and in what role.

    A row names one unit (``count`` empty) or, where the source gives only a number,
    counts sub-units of a parent (``count`` with ``count_of`` = "district", "commune"…).
    Codes are of the row's ``vintage``, as in :class:`Figure`.
    """

    province_code: Series[str] = pa.Field(nullable=True, str_matches=_PROVINCE_CODE)
    district_code: Series[str] = pa.Field(nullable=True, str_matches=_DISTRICT_CODE)
    commune_code: Series[str] = pa.Field(nullable=True, str_matches=_COMMUNE_CODE)
    level: Series[str] = pa.Field(isin=LEVELS)
    role: Series[str]
    group: Series[str] = pa.Field(nullable=True)
    period_start: Series[int] = pa.Field(ge=FIRST_YEAR, le=LAST_YEAR)
    period_end: Series[int] = pa.Field(ge=FIRST_YEAR, le=LAST_YEAR)
    count: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    count_of: Series[str] = pa.Field(nullable=True)
    source_id: Series[str]
    quote: Series[str]
    note: Series[str] = pa.Field(nullable=True)
    vintage: Series[str] = pa.Field(isin=VINTAGES, default=OLD)

    @pa.dataframe_check(error="codes do not fit the level (e.g. a commune row without a commune)")
    def codes_fit_level(cls, df: pd.DataFrame) -> Series[bool]:
        return expected_level(df) == df[cls.level]

    @pa.dataframe_check(error="a 2025-vintage row has a district code (the 2025 units have none)")
    def no_district_in_2025(cls, df: pd.DataFrame) -> Series[bool]:
        return ~_has_code(df[cls.district_code]) | (df[cls.vintage] != NEW)

    class Config:
        strict = True
        coerce = True
        add_missing_columns = True
