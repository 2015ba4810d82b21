"""The shared filters (province, year, content area, indicator, language, presenter mode and
its slide).

Their choices come from the data; their state lives in the URL, so that a link reproduces
a view: :func:`parse_filters` reads query parameters, :func:`filters_to_params` writes them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from p8lib import units
from p8lib.analysis.metrics import filter_figures
from p8lib.analysis.vintages import provinces_2021
from p8lib.contract import CONTENT_AREAS, Figure, i18n

# URL query keys of the shared filters (a link reproduces the view).
FILTER_KEYS = ("province", "year", "content", "indicator", "lang", "present", "slide")


def parse_filters(params: Mapping[str, object], *, provinces: set[str], years: set[int],
                  indicators: set[str]) -> dict[str, object]:
    """Read the shared filters from URL query parameters, ignoring values that do not exist.

    Parameters
    ----------
    params : mapping
        Query parameters (``st.query_params`` or a dict), values as strings; a list
        (a repeated key) counts by its last value.
    provinces, years, indicators : set
        Valid 2021 province codes, years and indicator ids.

    Returns
    -------
    dict
        ``province`` (str or None), ``year`` (int or None), ``content`` (1–4 or None),
        ``indicator`` (str or None), ``lang`` ("vi"/"en"), ``present`` (bool), ``slide``
        (a positive int in presenter mode, else None; whether that slide exists is for
        :mod:`p8lib.present.slides` to say).

    Examples
    --------
    >>> parse_filters({"year": "2023", "lang": "en", "content": "9"}, provinces=set(),
    ...               years={2023}, indicators=set())["year"]
    2023
    """
    def text(key: str) -> str:
        value = params.get(key)
        if isinstance(value, list):
            value = value[-1] if value else None
        return str(value).strip() if value is not None else ""

    province = text("province").zfill(2) if text("province") else None
    year = int(text("year")) if text("year").isdigit() else None
    content = int(text("content")) if text("content").isdigit() else None
    indicator = text("indicator") or None
    present = text("present").lower() in ("1", "true", "yes")
    slide = int(text("slide")) if present and text("slide").isdigit() else None
    return {
        "province": province if province in provinces else None,
        "year": year if year in years else None,
        "content": content if content in CONTENT_AREAS else None,
        "indicator": indicator if indicator in indicators else None,
        "lang": i18n.check_lang(text("lang") or None),
        "present": present,
        "slide": slide if slide else None,
    }


def filters_to_params(filters: Mapping[str, object]) -> dict[str, str]:
    """The URL query parameters of a filter state: empty and default values left out.

    Examples
    --------
    >>> filters_to_params({"province": "94", "year": None, "lang": "vi", "present": True,
    ...                    "slide": 3})
    {'province': '94', 'present': '1', 'slide': '3'}
    """
    out: dict[str, str] = {}
    for key in FILTER_KEYS:
        value = filters.get(key)
        if key == "slide":  # a position in a talk: only while presenting
            if value and filters.get("present"):
                out[key] = str(value)
        elif key == "present":
            if value:
                out[key] = "1"
        elif key == "lang":
            if value and value != i18n.DEFAULT_LANG:
                out[key] = str(value)
        elif value is not None and value != "":
            out[key] = str(value)
    return out


def province_options(figures: pd.DataFrame, coverage: pd.DataFrame) -> list[str]:
    """2021 province codes with figures or coverage first, then the other provinces.

    A row of the 2025 units names the 2021 province it lies within, if one
    (:func:`p8lib.analysis.vintages.provinces_2021`): its own code may be another province's.
    """
    # Distinct values first: a large table names few provinces many times.
    named = set(provinces_2021(figures).dropna().unique()) | set(
        provinces_2021(coverage).dropna().unique())
    every = list(units.provinces(units.OLD)[Figure.province_code])
    return sorted(named) + [c for c in every if c not in named]


def year_options(figures: pd.DataFrame) -> list[int]:
    """Every year covered by a figure's period, ascending."""
    periods = figures[[Figure.period_start, Figure.period_end]].drop_duplicates()
    years: set[int] = set()
    for start, end in periods.itertuples(index=False):  # a few distinct periods
        years.update(range(int(start), int(end) + 1))
    return sorted(years)


def indicator_options(catalogue: pd.DataFrame, content_area: int | None = None) -> list[str]:
    """Indicator ids, ordered by content area (cross-cutting last), optionally one area."""
    cat = catalogue if content_area is None else catalogue[
        catalogue["content_area"] == content_area]
    order = cat["content_area"].fillna(99).astype(int)
    return list(cat.assign(_o=order).sort_values("_o", kind="stable")[Figure.indicator_id])


def coverage_in_scope(coverage: pd.DataFrame, province: str | None = None,
                      year: int | None = None) -> pd.DataFrame:
    """The coverage rows of one province (2021 code; a 2025 row by the 2021 province it lies
    in) and one year (rows whose period contains it), each filter skipped when None: the
    places a scope's reach counts.

    >>> rows = pd.DataFrame({"province_code": ["94", "10"], "period_start": [2022, 2021],
    ...                      "period_end": [2025, 2021]})
    >>> coverage_in_scope(rows, year=2023)["province_code"].tolist()
    ['94']
    """
    return filter_figures(coverage, province=province, year=year)  # the figures' own rule
