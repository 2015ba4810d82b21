"""Sums, filters and coverage counts over the figures table.

The shared filters (:func:`filter_figures`), the summable figures added up by any columns
(:func:`aggregate`), and how many provinces, districts and communes the project is reported
to reach (:func:`coverage_counts`). Attainment of targets is :mod:`p8lib.analysis.targets`.
"""

from __future__ import annotations

import pandas as pd

from p8lib import units
from p8lib.analysis.vintages import is_2025, provinces_2021, provinces_in
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
    keep = pd.Series(True, index=figures.index)
    if province:
        keep &= (provinces_2021(figures) == province).fillna(False)
    if level:
        keep &= figures[Figure.level] == level
    if year:
        keep &= (figures[Figure.period_start] <= year) & (figures[Figure.period_end] >= year)
    if indicator:
        keep &= figures[Figure.indicator_id] == indicator
    if content_area:
        if catalogue is None:
            raise ValueError("filtering by content area needs the indicator catalogue")
        # The area's indicators, then isin: no per-row lookup over a large table.
        in_area = catalogue.loc[(catalogue["content_area"] == content_area).fillna(False),
                                Figure.indicator_id]
        keep &= figures[Figure.indicator_id].isin(list(in_area))
    return figures[keep]


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
    old_coverage, old_figures = coverage[~is_2025(coverage)], figures[~is_2025(figures)]
    reach = {"provinces": len(set(provinces_2021(coverage).dropna())
                              | set(provinces_2021(figures).dropna()))}
    counts = _reported_counts(old_coverage)
    for level, code, table in (("district", Figure.district_code, units.districts()),
                               ("commune", Figure.commune_code, units.commune_names())):
        named = _named(old_coverage, code) | _named(old_figures, code)
        province_of = table.set_index(code)[Figure.province_code]
        named_in = province_of.reindex(sorted(named)).value_counts()
        extra = sum(max(0, int(count) - int(named_in.get(province, 0)))
                    for province, count in counts.get(level, {}).items())
        reach[f"{level}s"] = len(named) + extra
    return reach


def _named(frame: pd.DataFrame, code: str) -> set[str]:
    """The distinct codes of one column (none when the frame has no such column)."""
    return set(frame[code].dropna()) if code in frame.columns else set()


def _reported_counts(coverage: pd.DataFrame) -> dict[str, dict[str, int]]:
    """count_of → province → the number of units the sources report there."""
    counted = coverage[coverage["count"].notna() & coverage[Figure.province_code].notna()]
    group = counted["group"].fillna("")
    # "Region I/II/III" groups partition a province; "(within the regions)" groups overlap them.
    disjoint = group.str.startswith("Region") & ~group.str.contains("within")
    overlapping = group.str.contains("within")
    keys = [Figure.province_code, "count_of", "source_id"]
    summed = counted[disjoint].groupby(keys)["count"].sum().reset_index()
    whole = pd.concat([summed, counted[~disjoint & ~overlapping][[*keys, "count"]]])
    best = whole.groupby(["count_of", Figure.province_code])["count"].max()
    return {of: best.xs(of).to_dict() for of in best.index.get_level_values(0).unique()}
