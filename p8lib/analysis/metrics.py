"""Sums, filters and coverage counts over the figures table.

The shared filters (:func:`filter_figures`), the summable figures added up by any columns
(:func:`aggregate`), and how many provinces, districts and communes the project is reported
to reach (:func:`coverage_counts`). Attainment of targets is :mod:`p8lib.analysis.targets`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from p8lib import units
from p8lib.analysis.vintages import in_2021_province, is_2025, provinces_2021, provinces_in
from p8lib.contract import Figure


def filter_figures(figures: pd.DataFrame, *, province: str | None = None,
                   year: int | None = None, content_area: int | None = None,
                   indicator: str | None = None,
                   catalogue: pd.DataFrame | None = None,
                   level: str | None = None) -> pd.DataFrame:
    """Rows for one province (2021 code), one year (periods containing it), one content area
    (needs ``catalogue``), one indicator and one level (``"national"``, ``"province"``…);
    each filter is skipped when None.

    A row of the 2025 units is in a 2021 province when its unit lies within that province
    alone (:func:`p8lib.analysis.vintages.provinces_2021`): a commune formed from communes of
    that province, or the province itself where the merger left it unchanged. Its codes are
    never compared with 2021 codes.

    Text columns may be plain or categorical; on categoricals (as the app holds a large
    table) each comparison is one over integer codes.

    Raises
    ------
    ValueError
        ``content_area`` is given without ``catalogue``.
    """
    if content_area and catalogue is None:
        raise ValueError("filtering by content area needs the indicator catalogue")
    # Boolean arrays, not Series: the shared filters run on every page's tables, most of
    # them small, where aligning Series costs more than comparing the rows.
    keep = np.ones(len(figures), dtype=bool)
    if province:
        keep &= in_2021_province(figures, province)
    if level:
        keep &= _is(figures[Figure.level] == level)
    if year:
        keep &= _is((figures[Figure.period_start] <= year) & (figures[Figure.period_end] >= year))
    if indicator:
        keep &= _is(figures[Figure.indicator_id] == indicator)
    if content_area:
        # The area's indicators, then isin: no per-row lookup over a large table.
        in_area = catalogue.loc[(catalogue["content_area"] == content_area).fillna(False),
                                Figure.indicator_id]
        keep &= _is(figures[Figure.indicator_id].isin(list(in_area)))
    return figures[keep]


def _is(test: pd.Series) -> np.ndarray:
    """A boolean Series as an array, missing as False."""
    return test.to_numpy(dtype=bool, na_value=False)


def aggregate(figures: pd.DataFrame, catalogue: pd.DataFrame, by: list[str],
              vintage: str = units.OLD) -> pd.DataFrame:
    """Sum the summable figures by the given columns.

    ``by`` may name figure columns and ``content_area``. ``province_code`` means the province
    of ``vintage`` (:func:`p8lib.analysis.vintages.provinces_in`: in 2025, 2021 figures rolled
    up through :func:`p8lib.units.province_crosswalk`; in 2021, a 2025 figure counts for the
    2021 province it lies within, none where it spans several); ``district_code`` does not
    exist in 2025, and by district or commune in 2021 only figures of the 2021 units add up.
    Shares and other non-summable indicators are left out (they cannot be added).
    """
    cat = catalogue.set_index(Figure.indicator_id)
    summable = cat.index[cat["aggregation"] == "sum"]
    frame = figures[figures[Figure.indicator_id].isin(list(summable))]
    if "content_area" in by:
        frame = frame.assign(content_area=frame[Figure.indicator_id].map(cat["content_area"]))
    if vintage == units.NEW and (Figure.district_code in by or Figure.commune_code in by):
        raise ValueError("the 2025 units have no districts; aggregate by province")
    if Figure.district_code in by or Figure.commune_code in by:
        frame = frame[~is_2025(frame)]
    if Figure.province_code in by:
        frame = frame.assign(province_code=provinces_in(frame, vintage))
    return (frame.groupby(by, dropna=False, observed=True)[Figure.value].sum()
            .reset_index())


def coverage_counts(coverage: pd.DataFrame, figures: pd.DataFrame) -> dict[str, int]:
    """How many provinces, districts and communes Project 8 is reported to reach.

    Provinces: the distinct 2021 provinces of coverage and figures
    (:func:`p8lib.analysis.vintages.provinces_2021`: a row of the 2025 units counts for the
    2021 province it lies within). Districts and communes: the 2021 units named in coverage
    or figures, plus, in each province, what the count the sources give exceeds the named ones
    by — counts summed over disjoint groups (e.g. Cao Bằng's regions I–III), otherwise the
    largest, so a province counted twice is not added twice. Districts and communes of the
    2025 units are not counted: they are other units than 2021's.
    """
    old_coverage, old_figures = ~is_2025(coverage), ~is_2025(figures)
    reach = {"provinces": len(set(provinces_2021(coverage).dropna())
                              | set(provinces_2021(figures).dropna()))}
    counts = _reported_counts(coverage.loc[old_coverage, _COUNTED])
    for level, code in (("district", Figure.district_code), ("commune", Figure.commune_code)):
        named = _named(coverage, code, old_coverage) | _named(figures, code, old_figures)
        province_of = units.province_of(level)
        named_in = Counter(province_of.get(unit) for unit in named)
        extra = sum(max(0, int(count) - named_in[province])
                    for province, count in counts.get(level, {}).items())
        reach[f"{level}s"] = len(named) + extra
    return reach


def _named(frame: pd.DataFrame, code: str, rows: np.ndarray) -> set[str]:
    """The distinct codes of one column in some rows (none when the frame has no such
    column)."""
    return set(frame[code][rows].dropna()) if code in frame.columns else set()


# The coverage columns the reported counts are read from (the others are not copied).
_COUNTED = [Figure.province_code, "count_of", "source_id", "count", "group"]


def _reported_counts(coverage: pd.DataFrame) -> dict[str, dict[str, int]]:
    """count_of → province → the number of units the sources report there.

    "Region I/II/III" groups partition a province: a source's are summed; "(within the
    regions)" groups overlap them and are left out; of what the sources give, the largest.
    The coverage table is small (a row per reported count): a loop over its rows.
    """
    regions: dict[tuple[str, str, str], int] = defaultdict(int)
    counts: list[tuple[str, str, int]] = []
    for province, of, source, count, group in coverage[_COUNTED].itertuples(index=False):
        group = group if isinstance(group, str) else ""
        if pd.isna(count) or pd.isna(province) or "within" in group:
            continue
        if group.startswith("Region"):
            regions[(of, province, source)] += int(count)
        else:
            counts.append((of, province, int(count)))
    best: dict[str, dict[str, int]] = defaultdict(dict)
    for of, province, count in counts + [(of, p, n) for (of, p, _), n in regions.items()]:
        best[of][province] = max(count, best[of].get(province, 0))
    return dict(best)
