"""Attainment, coverage counts and aggregations over the figures table.

Attainment = actual to date ÷ target, for the same unit, indicator, unit of measure and phase.
"Actual to date" is a result that covers the target's whole period when a report gives one
(a phase review), else the sum of the yearly results inside the period (``partial`` until
every year is reported). What cannot be compared keeps a status and a missing percentage —
never 0 %.
"""

from __future__ import annotations

import pandas as pd

from p8lib import units
from p8lib.schema import CODE_COLUMNS, Figure

UNIT_KEYS = [*CODE_COLUMNS, Figure.level]
# Status of an attainment row, in the order the app lists them.
STATUSES = {
    "complete": "actual covers the whole target period",
    "partial": "only some years of the period are reported",
    "no_result": "target without any reported result",
    "no_target": "result without a target for the same unit and period",
    "different_unit": "result and target are in different units",
    "not_summable": "yearly results of a share cannot be added up",
}


def filter_figures(figures: pd.DataFrame, *, province: str | None = None,
                   year: int | None = None, content_area: int | None = None,
                   indicator: str | None = None,
                   catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows for one province (2021 code), one year (periods containing it), one content area
    (needs ``catalogue``) and one indicator; each filter is skipped when None."""
    keep = pd.Series(True, index=figures.index)
    if province:
        keep &= figures[Figure.province_code] == province
    if year:
        keep &= (figures[Figure.period_start] <= year) & (figures[Figure.period_end] >= year)
    if indicator:
        keep &= figures[Figure.indicator_id] == indicator
    if content_area:
        if catalogue is None:
            raise ValueError("filtering by content area needs the indicator catalogue")
        areas = figures[Figure.indicator_id].map(
            catalogue.set_index(Figure.indicator_id)["content_area"])
        keep &= areas == content_area
    return figures[keep]


def _unit_key(frame: pd.DataFrame) -> pd.Series:
    return frame[CODE_COLUMNS].fillna("").agg("|".join, axis=1)


def attainment(figures: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """One row per target (and per result without a target) with its attainment.

    Parameters
    ----------
    figures : DataFrame
        The figures table (:class:`p8lib.schema.Figure`).
    catalogue : DataFrame
        The indicator catalogue; its ``aggregation`` says whether yearly results add up.

    Returns
    -------
    DataFrame
        Unit codes and level, ``indicator_id``, ``content_area``, ``period_start``,
        ``period_end``, ``target``, ``actual``, ``unit``, ``years_reported`` (e.g.
        "2022, 2023"), ``attainment_pct`` (missing unless comparable), ``status`` (a key of
        :data:`STATUSES`), ``target_source``, ``actual_source``.
    """
    cat = catalogue.set_index(Figure.indicator_id)
    frame = figures.assign(unit_key=_unit_key(figures))
    targets = frame[frame[Figure.measure] == "target"]
    actuals = frame[frame[Figure.measure] == "actual"]
    rows, used = [], set()
    by_key = {k: g for k, g in actuals.groupby(["unit_key", Figure.indicator_id], sort=False)}
    for t in targets.itertuples():
        candidates = by_key.get((t.unit_key, t.indicator_id))
        row = {**{c: getattr(t, c) for c in UNIT_KEYS}, "indicator_id": t.indicator_id,
               "period_start": t.period_start, "period_end": t.period_end,
               "target": t.value, "unit": t.unit, "target_source": t.source_id,
               "actual": float("nan"), "actual_source": "", "years_reported": "",
               "status": "no_result"}
        if candidates is not None:
            inside = candidates[(candidates[Figure.period_start] >= t.period_start)
                                & (candidates[Figure.period_end] <= t.period_end)]
            used.update(inside.index)
            row.update(_actual_to_date(inside, t, cat.at[t.indicator_id, "aggregation"]
                                       if t.indicator_id in cat.index else "none"))
        rows.append(row)
    for a in actuals.drop(index=list(used)).itertuples():
        rows.append({**{c: getattr(a, c) for c in UNIT_KEYS}, "indicator_id": a.indicator_id,
                     "period_start": a.period_start, "period_end": a.period_end,
                     "target": float("nan"), "actual": a.value, "unit": a.unit,
                     "target_source": "", "actual_source": a.source_id,
                     "years_reported": _years(pd.DataFrame([a._asdict()])),
                     "status": "no_target"})
    out = pd.DataFrame(rows, columns=[*UNIT_KEYS, "indicator_id", "period_start", "period_end",
                                      "target", "actual", "unit", "years_reported", "status",
                                      "target_source", "actual_source"])
    comparable = out["status"].isin(["complete", "partial"])
    out["attainment_pct"] = (100 * out["actual"] / out["target"]).where(
        comparable & (out["target"] > 0))
    out.insert(out.columns.get_loc("indicator_id") + 1, "content_area",
               out["indicator_id"].map(cat["content_area"]).astype("Int64"))
    return out


def _years(frame: pd.DataFrame) -> str:
    spans = sorted({(s, e) for s, e in zip(frame[Figure.period_start], frame[Figure.period_end],
                                           strict=True)})
    return ", ".join(str(s) if s == e else f"{s}–{e}" for s, e in spans)


def _actual_to_date(inside: pd.DataFrame, target, aggregation: str) -> dict[str, object]:
    if inside.empty:
        return {}
    sources = ", ".join(sorted(inside[Figure.source_id].unique()))
    if (inside[Figure.unit] != target.unit).all():
        return {"status": "different_unit", "years_reported": _years(inside),
                "actual_source": sources}
    inside = inside[inside[Figure.unit] == target.unit]
    whole = inside[(inside[Figure.period_start] == target.period_start)
                   & (inside[Figure.period_end] == target.period_end)]
    if len(whole):
        # A result for the whole period wins over yearly ones; several reports of it: the
        # latest listed source is not preferred over another — take the largest and name all.
        return {"actual": whole[Figure.value].max(), "status": "complete",
                "years_reported": _years(whole),
                "actual_source": ", ".join(sorted(whole[Figure.source_id].unique()))}
    if aggregation != "sum":
        return {"status": "not_summable", "years_reported": _years(inside),
                "actual_source": sources}
    years = set()
    for s, e in zip(inside[Figure.period_start], inside[Figure.period_end], strict=True):
        years.update(range(s, e + 1))
    full = years >= set(range(target.period_start, target.period_end + 1))
    # Several reports of the same year: count the year once, with its largest figure.
    per_span = inside.groupby([Figure.period_start, Figure.period_end])[Figure.value].max()
    return {"actual": float(per_span.sum()), "status": "complete" if full else "partial",
            "years_reported": _years(inside), "actual_source": sources}


def attainment_by_content_area(attain: pd.DataFrame, level: str = "national") -> pd.DataFrame:
    """Mean attainment of the comparable indicators of each content area at one level.

    Indicators of different units cannot be added, so a content area's attainment is the
    mean of its indicators' percentages. Returns ``content_area``, ``attainment_pct``,
    ``indicators`` (how many were compared) for areas 1–4 (missing where none).
    """
    rows = attain[(attain[Figure.level] == level) & attain["attainment_pct"].notna()]
    grouped = rows.groupby("content_area")["attainment_pct"].agg(["mean", "count"])
    grouped = grouped.reindex(pd.Index([1, 2, 3, 4], name="content_area"))
    return pd.DataFrame({"content_area": grouped.index,
                         "attainment_pct": grouped["mean"].to_numpy(),
                         "indicators": grouped["count"].fillna(0).astype(int).to_numpy()})


def aggregate(figures: pd.DataFrame, catalogue: pd.DataFrame, by: list[str],
              vintage: str = units.OLD) -> pd.DataFrame:
    """Sum the summable figures by the given columns.

    ``by`` may name figure columns and ``content_area``. In the 2025 vintage,
    ``province_code`` means the new province (old figures rolled up through
    :func:`p8lib.units.province_crosswalk`); ``district_code`` does not exist there.
    Shares and other non-summable indicators are left out (they cannot be added).
    """
    cat = catalogue.set_index(Figure.indicator_id)
    frame = figures[figures[Figure.indicator_id].map(cat["aggregation"]) == "sum"]
    frame = frame.assign(content_area=frame[Figure.indicator_id].map(cat["content_area"]))
    if vintage == units.NEW:
        if Figure.district_code in by or Figure.commune_code in by:
            raise ValueError("the 2025 units have no districts; aggregate by province")
        frame = frame.assign(province_code=units.to_new_province(frame[Figure.province_code]))
    return (frame.groupby(by, dropna=False, observed=True)[Figure.value].sum()
            .reset_index())


def coverage_counts(coverage: pd.DataFrame, figures: pd.DataFrame) -> dict[str, int]:
    """How many provinces, districts and communes Project 8 is reported to reach.

    Provinces and districts: distinct codes named in coverage or figures. Communes (and
    districts where only counts exist): per province, the counts the sources give — summed
    over disjoint groups (e.g. Cao Bằng's regions I–III), otherwise the largest count, so a
    province counted twice is not added twice. Counts of 2025 communes are left out.
    """
    named = {}
    for level, code in (("provinces", Figure.province_code),
                        ("districts", Figure.district_code)):
        named[level] = set(coverage[code].dropna()) | set(figures[code].dropna())
    counts = _reported_counts(coverage)
    districts = set(named["districts"])
    extra_districts = 0
    for province, count in counts.get("district", {}).items():
        all_districts = units.districts()
        in_province = all_districts[all_districts["province_code"] == province]
        named_here = districts & set(in_province["district_code"])
        extra_districts += max(0, int(count) - len(named_here))
    return {"provinces": len(named["provinces"]),
            "districts": len(districts) + extra_districts,
            "communes": int(sum(counts.get("commune", {}).values()))}


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
