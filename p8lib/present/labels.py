"""Names people read in place of codes: places, indicators and periods, in either language.

Codes are 2021-vintage GSO codes (:data:`p8lib.units.OLD`) unless a row's ``vintage`` says
2025, whose units are named from the 2025 tables and marked as such; an unknown code or
indicator id is shown as itself rather than dropped.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from p8lib import units
from p8lib.contract import Figure, catalogue, i18n, t

# A 2021 code's length says its level: province 2 digits, district 3, commune 5.
_LEVEL_BY_LENGTH = {2: "province", 3: "district", 5: "commune"}


@cache
def _level_names(level: str, lang: str, vintage: str = units.OLD) -> dict[str, str]:
    """Code → name in ``lang`` of one level's units of ``vintage``, loaded when first needed
    (naming a province must not wait for 10,000 commune names)."""
    table = {"province": lambda: units.provinces(vintage), "district": units.districts,
             "commune": lambda: units.commune_names(vintage)}[level]()
    return dict(zip(table[f"{level}_code"], table["name_en" if lang == "en" else "name_vi"],
                    strict=True))


def province_names(lang: str) -> pd.Series:
    """2021 province code → name in ``lang``, from the province table alone (it loads no
    district or commune names: the first page of a fresh server waits for it).

    >>> province_names("en")["94"]
    'Sóc Trăng'
    """
    return units.provinces(units.OLD).set_index("province_code")[f"name_{lang}"]


def unit_name(code: object, lang: str) -> str:
    """Name of a 2021 unit code (province, district or commune) in ``lang``.

    Parameters
    ----------
    code : str or None
        A 2021 GSO code; missing (None, NA, NaN) means the whole country.
    lang : {"vi", "en"}

    Returns
    -------
    str
        The unit's name; "national" in ``lang`` for a missing code; an unknown code as itself.

    Examples
    --------
    >>> unit_name("94", "vi"), unit_name(None, "en"), unit_name("xx", "en")
    ('Tỉnh Sóc Trăng', 'National', 'xx')
    """
    if code is None or code is pd.NA or (isinstance(code, float) and pd.isna(code)):
        return t("national", lang)
    code = str(code)
    level = _LEVEL_BY_LENGTH.get(len(code))
    if level is None:
        return code
    return _level_names(level, i18n.check_lang(lang)).get(code, code)


def place_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    """The name of the lowest unit of each row (commune, else district, else province).

    Parameters
    ----------
    frame : DataFrame
        Has ``commune_code``, ``district_code`` and ``province_code``, of the 2021 units
        unless its ``vintage`` column says 2025 (such a unit's name says so: "Xã Lam Vỹ
        (đơn vị từ 7/2025)").
    lang : {"vi", "en"}

    Returns
    -------
    Series
        One name per row, aligned on ``frame``'s index; rows without codes are "national".
    """
    codes = frame[[Figure.commune_code, Figure.district_code, Figure.province_code]]
    code = codes.astype(object).bfill(axis=1).iloc[:, 0]
    names = code.map(lambda c: unit_name(c, lang))
    if Figure.vintage in frame.columns:
        new = (frame[Figure.vintage] == units.NEW).to_numpy(dtype=bool, na_value=False)
        if new.any():
            names[new] = [_name_2025(c, lang) for c in code[new]]
    return names


def _name_2025(code: object, lang: str) -> str:
    """Name of a 2025 unit code (province 2 digits, commune 5), marked as of the 2025 units."""
    if not isinstance(code, str) or not code:
        return t("national", lang)
    level = {2: "province", 5: "commune"}.get(len(code))
    name = _level_names(level, i18n.check_lang(lang), units.NEW).get(code, code) if level else code
    return t("unit_2025", lang, name=name)


def indicator_labels(catalogue: pd.DataFrame, lang: str) -> dict[str, str]:
    """Every indicator id of the catalogue → its name in ``lang`` (one pass: a selectbox
    formats each of its options on every rerun).

    >>> indicator_labels(pd.DataFrame({"indicator_id": ["a"], "name_vi": ["Tổ"],
    ...                                "name_en": ["Groups"]}), "en")
    {'a': 'Groups'}
    """
    names = catalogue["name_en" if lang == "en" else "name_vi"].astype(str)
    return dict(zip(catalogue[Figure.indicator_id], names, strict=True))


def indicator_label(catalogue: pd.DataFrame, indicator_id: str, lang: str) -> str:
    """The indicator's name in ``lang`` (its id when it is not in the catalogue)."""
    return indicator_labels(catalogue, lang).get(indicator_id, indicator_id)


def indicator_names_and_units(catalogue: pd.DataFrame, ids: pd.Series, lang: str
                              ) -> tuple[pd.Series, pd.Series]:
    """The catalogue name and unit, in ``lang``, of each indicator id in ``ids``.

    Returns
    -------
    (Series, Series)
        Names (an id not in the catalogue is its own name) and units (missing for such an
        id, so that a caller can fall back on the figure's own unit), aligned on ``ids``.
    """
    cat = catalogue.set_index(Figure.indicator_id)
    name = ids.map(cat["name_en" if lang == "en" else "name_vi"]).fillna(ids)
    unit = ids.map(cat["unit" if lang == "en" else "unit_vi"])
    return name, unit


def notes_in(notes: pd.Series, lang: str) -> pd.Series:
    """Notes as a page in ``lang`` shows them: on a Vietnamese page the team's English notes
    of the shipped figures and sources in Vietnamese (``data/notes_vi.csv``); any other note
    — an upload's own, in its author's words — as written."""
    if lang != "vi":
        return notes
    translated = notes.map(dict(catalogue.note_translations().itertuples(index=False)))
    return translated.where(translated.notna(), notes)


def period_label(start: pd.Series, end: pd.Series) -> pd.Series:
    """"2023" for a one-year period, "2021–2025" (en dash) otherwise."""
    start, end = start.astype(int).astype(str), end.astype(int).astype(str)
    return start.where(start == end, start + "–" + end)


def scope_label(province: str | None, year: int | None, years: list[int], lang: str) -> str:
    """What a view's numbers are of: a place (or the country) and a period, as chart titles
    and headings name it ("Sóc Trăng · 2023", "Toàn quốc · 2021–2025").

    Parameters
    ----------
    province : str or None
        A 2021 province code, None for the whole country.
    year : int or None
        The year chosen, None for every year of ``years``.
    years : list of int
        The years the figures cover (the span named when no year is chosen).
    lang : {"vi", "en"}

    Examples
    --------
    >>> scope_label("94", 2023, [2021, 2025], "en"), scope_label(None, None, [2021, 2025], "vi")
    ('Sóc Trăng · 2023', 'Toàn quốc · 2021–2025')
    """
    place = _short_name(province, lang) if province else t("national", lang)
    if year:
        period = str(year)
    elif years:
        first, last = min(years), max(years)
        period = str(first) if first == last else f"{first}–{last}"
    else:
        period = t("all_years", lang)
    return t("scope", lang, place=place, period=period)


def _short_name(province: str, lang: str) -> str:
    """A province's name without its type word ("Sóc Trăng"; the English name already is)."""
    return _short_names(lang).get(province, province)


@cache
def _short_names(lang: str) -> dict[str, str]:
    """2021 province code → :func:`_short_name`, made once per language (every chart title
    and heading names its scope)."""
    table = units.provinces(units.OLD)
    return dict(zip(table["province_code"], table["name_en" if lang == "en" else "short_vi"],
                    strict=True))
