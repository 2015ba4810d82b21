"""What the coverage map colours per unit: attainment, a result, or coverage; both vintages.

A map's values are a *map table*, one row per unit of one level, with these columns:

``code``, ``province_code``
    The unit and its province, in the table's vintage.
``value``
    What is coloured: attainment in percent, a result in its unit (per commune where it adds
    up: see :func:`per_commune`), or the coverage class's rank (:data:`COVERAGE_CLASSES`).
``actual``, ``target``, ``unit``, ``target_period``, ``years_reported``, ``sources``
    What the tooltip says (``sources``: source ids, ", "-joined).
``status``
    An attainment status (:data:`p8lib.analysis.targets.STATUSES`), or the coverage class.
``rolled_up_units``, ``rolled_up_from``
    From :mod:`p8lib.analysis.rollup`: a value summed from the units inside.
``indicators``
    How many indicators a mean attainment averages (1 for one indicator).
``parts``
    The 2021 units combined into a 2025 one (", "-joined codes; "" in 2021).

The map tables are made from the rows of the 2021 units (:func:`of_2021_units`; the few rows
reported for units of 2025 are counted and named under the map, not coloured); for the 2025
map they are combined through :func:`p8lib.units.to_new_province` and the commune crosswalk
(old units merged whole into new ones; a divided commune goes to the new commune that took
most of it), never compared code to code across vintages (:func:`to_vintage`). The pilot
provinces place every row, of either vintage, with :func:`p8lib.analysis.provinces_in`. Pure
functions of frames, no streamlit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib import units
from p8lib.analysis import is_2025, level_results, provinces_in
from p8lib.contract import N_, Coverage, Figure, t
from p8lib.present import unit_name

MEASURES = ("attainment", "value", "coverage")
# Their names on the map page's switch: the messages ``measure_<measure>``.
MEASURE_NAMES = (N_("measure_attainment"), N_("measure_value"), N_("measure_coverage"))
# Phase I of the programme: what "all years" means for a result.
PHASE = (2021, 2025)
# The coverage role of the VWU point-direction (pilot) provinces.
PILOT_ROLE = "pilot_province"
# Coverage classes, least first: the value a coverage map colours is the class's index.
COVERAGE_CLASSES = ("not_reported", "implementing", "pilot")
LEVEL_CODE = {"province": Figure.province_code, "district": Figure.district_code,
              "commune": Figure.commune_code}
TABLE_COLUMNS = ["code", "province_code", "value", "actual", "target", "unit", "target_period",
                 "years_reported", "sources", "status", "rolled_up_units", "rolled_up_from",
                 "indicators", "parts"]


def of_2021_units(frame: pd.DataFrame) -> pd.DataFrame:
    """The figures or coverage rows whose codes are of the 2021 units: what the map tables
    are made of (a 2025 commune is not one 2021 commune; such rows are named, not drawn)."""
    return frame[~is_2025(frame)]


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every map-table column (missing ones empty), in order, sorted by code."""
    defaults = {"value": np.nan, "actual": np.nan, "target": np.nan, "rolled_up_units": 0,
                "indicators": 1}
    out = frame.copy()
    for col in TABLE_COLUMNS:
        if col not in out:
            out[col] = defaults.get(col, "")
    out = out[TABLE_COLUMNS].sort_values("code", kind="stable").reset_index(drop=True)
    return out.astype({"rolled_up_units": np.int64, "indicators": np.int64})


def _period(start: pd.Series, end: pd.Series) -> pd.Series:
    start, end = start.astype(int).astype(str), end.astype(int).astype(str)
    return start.where(start == end, start + "–" + end)


def value_table(figures: pd.DataFrame, catalogue: pd.DataFrame, indicator: str, level: str,
                year: int | None) -> pd.DataFrame:
    """Each unit's result for ``indicator`` in ``year`` (None: to date over :data:`PHASE`),
    its own or rolled up from the units inside it
    (:func:`p8lib.analysis.level_results.results_by_unit`).

    Only results in the catalogue's unit of measure for the indicator count (a figure in
    another unit cannot be put on the same scale). Returns a map table (2021 units).
    """
    start, end = (year, year) if year else PHASE
    got = level_results.results_by_unit(figures, catalogue, level, start, end, {indicator})
    unit = catalogue.set_index(Figure.indicator_id)["unit"].get(indicator)
    got = got[got[Figure.unit] == unit] if unit is not None else got
    return _table(pd.DataFrame({
        "code": got[LEVEL_CODE[level]], "province_code": got[Figure.province_code],
        "value": got["actual"], "actual": got["actual"], "unit": got[Figure.unit],
        "years_reported": got["years_reported"], "sources": got["actual_source"],
        "status": np.where(got["covered"], "complete", "partial"),
        "rolled_up_units": got["rolled_up_units"], "rolled_up_from": got["rolled_up_from"]}))


def attainment_table(attain: pd.DataFrame, level: str, year: int | None) -> pd.DataFrame:
    """Each unit's attainment at ``level`` from :func:`p8lib.analysis.targets.attainment`
    output (one indicator: its attainment; several: their mean).

    Per unit and indicator one target is taken: in ``year``, the shortest period holding it
    (a yearly target before the phase's); with no year, the longest (the phase's). A mean
    averages the comparable percentages only and says of how many indicators.
    """
    rows = attain[(attain[Figure.level] == level) & attain["target"].notna()].copy()
    code = LEVEL_CODE[level]
    rows["_span"] = rows[Figure.period_end] - rows[Figure.period_start]
    rows = rows.sort_values(["_span", Figure.period_end], ascending=[year is not None, False],
                            kind="stable").drop_duplicates([code, Figure.indicator_id])
    rows = rows.assign(code=rows[code].astype(str),
                       target_period=_period(rows[Figure.period_start], rows[Figure.period_end]),
                       sources=[", ".join(dict.fromkeys(s for s in (a, b) if s))
                                for a, b in zip(rows["target_source"], rows["actual_source"],
                                                strict=True)])
    if rows[Figure.indicator_id].nunique() <= 1:
        return _table(rows.rename(columns={"attainment_pct": "value"})[
            ["code", Figure.province_code, "value", "actual", "target", "unit",
             "target_period", "years_reported", "sources", "status", "rolled_up_units",
             "rolled_up_from"]])
    comparable = rows[rows["attainment_pct"].notna()]
    mean = comparable.groupby("code").agg(
        province_code=(Figure.province_code, "first"), value=("attainment_pct", "mean"),
        indicators=("attainment_pct", "size"),
        target_period=("target_period", lambda p: ", ".join(sorted(set(p)))),
        sources=("sources", lambda s: ", ".join(sorted(set(", ".join(s).split(", ")))))
    ).reset_index()
    return _table(mean.assign(status="mean"))


def _roles(coverage: pd.DataFrame, level: str, year: int | None) -> pd.DataFrame:
    """Coverage rows naming one unit of ``level`` (not counts of units), in ``year``."""
    rows = coverage[(coverage[Coverage.level] == level) & coverage["count"].isna()]
    if year:
        rows = rows[(rows[Coverage.period_start] <= year) & (rows[Coverage.period_end] >= year)]
    return rows


def coverage_table(coverage: pd.DataFrame, figures: pd.DataFrame, level: str,
                   year: int | None) -> pd.DataFrame:
    """Each unit's coverage class (:data:`COVERAGE_CLASSES`) at ``level`` in ``year``:
    ``pilot`` where a coverage row gives it a pilot role, ``implementing`` where a coverage
    row names it otherwise or it (or a unit inside it) reports a result, else no row (the
    sources do not name it: not "does not implement").

    ``figures`` are those of that year already (the app filters them once).
    """
    code = LEVEL_CODE[level]
    named = _roles(coverage, level, year)
    pilot = named[named[Coverage.role].str.startswith("pilot")]
    columns = list(dict.fromkeys([code, Figure.province_code, Figure.source_id]))
    results = figures[(figures[Figure.measure] == "actual").to_numpy()
                      & figures[code].notna().to_numpy()]
    # Distinct first: a year of the national-scale figures holds ~200,000 results.
    reported = results[columns].drop_duplicates().astype(object)
    frames = [pd.DataFrame({"code": rows[code], "province_code": rows[Figure.province_code],
                            "value": float(rank), "sources": rows[Figure.source_id]})
              for rows, rank in ((pilot, 2), (named, 1), (reported, 1))]
    both = pd.concat(frames, ignore_index=True).dropna(subset=["code"])
    if both.empty:
        return _table(both)
    best = both.groupby("code").agg(province_code=("province_code", "first"),
                                    value=("value", "max"),
                                    sources=("sources", lambda s: ", ".join(sorted(set(s)))))
    best["status"] = [COVERAGE_CLASSES[int(v)] for v in best["value"]]
    return _table(best.reset_index())


def coverage_counts(coverage: pd.DataFrame, level: str, year: int | None) -> pd.DataFrame:
    """Counts of units the sources give without naming them, per unit of ``level`` (a
    province's "42 communes") or for the country (``level`` "national": "51 provinces"):
    ``code`` (None for the country), ``count``, ``count_of``, ``role``, ``source_id``."""
    rows = coverage[(coverage[Coverage.level] == level) & coverage["count"].notna()]
    if year:
        rows = rows[(rows[Coverage.period_start] <= year) & (rows[Coverage.period_end] >= year)]
    code = LEVEL_CODE.get(level)
    return pd.DataFrame({"code": rows[code] if code else None, "count": rows["count"],
                         "count_of": rows["count_of"], "role": rows[Coverage.role],
                         "source_id": rows[Coverage.source_id]}).reset_index(drop=True)


def _new_codes(codes: pd.Series, level: str) -> pd.Series:
    if level == "province":
        return units.to_new_province(codes)
    crosswalk = units.commune_crosswalk()
    default = crosswalk[crosswalk["is_default"]].set_index("old_commune_code")["new_commune_code"]
    return codes.map(default)


def to_vintage(table: pd.DataFrame, level: str, vintage: str, measure: str,
               summable: bool) -> pd.DataFrame:
    """A 2021 map table of ``measure`` in ``vintage``: each 2025 province (or commune)
    combines the 2021 units merged into it; ``parts`` names them.

    Combining, per measure: coverage takes the highest class; a result of a summable
    indicator is the sum; attainment of one summable indicator is the sum of results over the
    sum of targets, of the old units with a comparable target. Anything else (shares, a mean
    of several indicators) is kept only where one old unit gives it: shares of several units
    are not combined (:mod:`p8lib.analysis.rollup` says why).

    Raises
    ------
    ValueError
        ``level`` is "district" and ``vintage`` is 2025 (the 2025 units have no districts).
    """
    if vintage == units.OLD:
        return table
    if level == "district":
        raise ValueError("the 2025 units have no districts")
    old = table.assign(code=_new_codes(table["code"], level),
                       province_code=_new_codes(table["province_code"], "province"),
                       parts=table["code"]).dropna(subset=["code"])
    if old.empty:
        return _table(old)
    groups = old.groupby("code", sort=True)

    def joined(column: str) -> pd.Series:
        return groups[column].agg(lambda s: ", ".join(sorted({p for x in s for p in
                                                              str(x).split(", ") if p})))

    def every_complete() -> pd.Series:
        return groups["status"].agg(lambda s: "complete" if (s == "complete").all()
                                    else "partial")

    out = pd.DataFrame({"province_code": groups["province_code"].first(),
                        "unit": groups["unit"].first(), "target_period": joined("target_period"),
                        "years_reported": joined("years_reported"), "sources": joined("sources"),
                        "rolled_up_units": groups["rolled_up_units"].sum(),
                        "rolled_up_from": joined("rolled_up_from"), "parts": joined("parts"),
                        "indicators": groups["indicators"].max()})
    one_indicator = bool((old["indicators"] <= 1).all())
    if measure == "coverage":
        out["value"] = groups["value"].max()
        out["status"] = [COVERAGE_CLASSES[int(v)] for v in out["value"]]
    elif measure == "attainment" and summable and one_indicator:
        comparable = old[old["value"].notna() & (old["target"] > 0)]
        out[["actual", "target"]] = comparable.groupby("code")[["actual", "target"]].sum()
        out["value"] = 100 * out["actual"] / out["target"]
        out["status"] = every_complete()
    elif measure == "value" and summable:
        out["actual"] = out["value"] = groups["actual"].sum(min_count=1)
        out["status"] = every_complete()
    else:
        valued = old[old["value"].notna()]
        alone = valued[~valued["code"].duplicated(keep=False)].set_index("code")
        out[["value", "actual", "target", "status"]] = alone[["value", "actual", "target",
                                                              "status"]]
        out["status"] = out["status"].fillna("not_combined")
    return _table(out.reset_index())


def communes_per_unit(level: str, vintage: str) -> pd.Series:
    """How many communes each unit of ``level`` has in ``vintage`` (province, district)."""
    code = LEVEL_CODE[level]
    table = units.communes(vintage)
    return table.groupby(code).size().astype(float)


def per_commune(table: pd.DataFrame, level: str, vintage: str) -> pd.DataFrame:
    """``table`` with ``value`` divided by the unit's number of communes (a result of a
    count in a province: groups per commune) and that number in ``communes``.

    There is no population table in the package: "per commune" is what the map can say,
    not per capita. Communes are left as they are (``communes`` 1).
    """
    if level == "commune":
        return table.assign(communes=1.0)
    # float even when nothing maps (an empty table's codes map to an empty str column)
    count = table["code"].map(communes_per_unit(level, vintage)).astype(float)
    return table.assign(value=table["value"] / count, communes=count)


def pilot_codes(coverage: pd.DataFrame, vintage: str = units.OLD) -> list[str]:
    """Province codes (of ``vintage``) of the VWU pilot provinces, sorted, each once."""
    pilots = coverage[coverage[Coverage.role] == PILOT_ROLE]
    return sorted(set(provinces_in(pilots, vintage).dropna()))


def pilot_provinces(coverage: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The VWU point-direction (pilot) provinces: 2021 code and name, and their 2025 province.

    Returns
    -------
    DataFrame
        Columns headed in ``lang``: code, name (both 2021) and the 2025 province's name.
    """
    codes = pilot_codes(coverage, units.OLD)
    new = units.to_new_province(pd.Series(codes, dtype="object"))
    new_names = units.provinces(units.NEW).set_index(Figure.province_code)[
        "name_en" if lang == "en" else "name_vi"]
    return pd.DataFrame({
        t("code", lang): codes,
        t("name", lang): [unit_name(c, lang) for c in codes],
        t("vintage_2025", lang): new.map(new_names).to_list(),
    })
