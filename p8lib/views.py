"""Tables the dashboard pages show, built from the figures, catalogue, coverage and sources.

Pages are layout only: every loop, merge and formula they need lives here, pure (no
streamlit), so it is tested without the app. Functions return raw values (numbers stay
numbers, for downloads) with column names in the chosen language; :func:`display_frame`
formats numbers the way that language writes them, for the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pandas as pd

from p8lib import i18n, metrics, units
from p8lib.i18n import t
from p8lib.schema import CONTENT_AREAS, FIGURE_COLUMNS, Coverage, Figure, Source

# URL query keys of the shared filters (a link reproduces the view).
FILTER_KEYS = ("province", "year", "content", "indicator", "lang", "present")
# The national phase-I targets the VWU review reports, shown as headline numbers.
HEADLINE_INDICATORS = ("comm_groups", "trusted_addresses", "leaders_of_change_clubs",
                       "em_women_officials_capacity")
PILOT_ROLE = "pilot_province"


def parse_filters(params: Mapping[str, object], *, provinces: set[str], years: set[int],
                  indicators: set[str]) -> dict[str, object]:
    """Read the shared filters from URL query parameters, ignoring values that do not exist.

    Parameters
    ----------
    params : mapping
        Query parameters (``st.query_params`` or a dict), values as strings.
    provinces, years, indicators : set
        Valid 2021 province codes, years and indicator ids.

    Returns
    -------
    dict
        ``province`` (str or None), ``year`` (int or None), ``content`` (1–4 or None),
        ``indicator`` (str or None), ``lang`` ("vi"/"en"), ``present`` (bool).

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
    return {
        "province": province if province in provinces else None,
        "year": year if year in years else None,
        "content": content if content in CONTENT_AREAS else None,
        "indicator": indicator if indicator in indicators else None,
        "lang": i18n.check_lang(text("lang") or None),
        "present": text("present").lower() in ("1", "true", "yes"),
    }


def filters_to_params(filters: Mapping[str, object]) -> dict[str, str]:
    """The URL query parameters of a filter state: empty and default values left out."""
    out: dict[str, str] = {}
    for key in FILTER_KEYS:
        value = filters.get(key)
        if key == "present":
            if value:
                out[key] = "1"
        elif key == "lang":
            if value and value != i18n.DEFAULT_LANG:
                out[key] = str(value)
        elif value is not None and value != "":
            out[key] = str(value)
    return out


@cache
def _names(lang: str) -> dict[str, str]:
    column = "name_en" if lang == "en" else "name_vi"
    names: dict[str, str] = {}
    for table, key in ((units.provinces(units.OLD), Figure.province_code),
                       (units.districts(), Figure.district_code),
                       (units.communes(units.OLD), Figure.commune_code)):
        names.update(zip(table[key], table[column], strict=True))
    return names


def unit_name(code: object, lang: str) -> str:
    """Name of a 2021 unit code in ``lang``; an unknown code is shown as itself."""
    if code is None or code is pd.NA or (isinstance(code, float) and pd.isna(code)):
        return t("national", lang)
    return _names(i18n.check_lang(lang)).get(str(code), str(code))


def place_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    """The name of the lowest unit of each row (commune, else district, else province)."""
    codes = frame[[Figure.commune_code, Figure.district_code, Figure.province_code]]
    code = codes.astype(object).bfill(axis=1).iloc[:, 0]
    return code.map(lambda c: unit_name(c, lang))


def province_options(figures: pd.DataFrame, coverage: pd.DataFrame) -> list[str]:
    """2021 province codes with figures or coverage first, then the other provinces."""
    named = set(figures[Figure.province_code].dropna()) | set(
        coverage[Coverage.province_code].dropna())
    every = list(units.provinces(units.OLD)[Figure.province_code])
    return sorted(named) + [c for c in every if c not in named]


def year_options(figures: pd.DataFrame) -> list[int]:
    """Every year covered by a figure's period, ascending."""
    years: set[int] = set()
    for start, end in zip(figures[Figure.period_start], figures[Figure.period_end], strict=True):
        years.update(range(int(start), int(end) + 1))
    return sorted(years)


def indicator_options(catalogue: pd.DataFrame, content_area: int | None = None) -> list[str]:
    """Indicator ids, ordered by content area (cross-cutting last), optionally one area."""
    cat = catalogue if content_area is None else catalogue[
        catalogue["content_area"] == content_area]
    order = cat["content_area"].fillna(99).astype(int)
    return list(cat.assign(_o=order).sort_values("_o", kind="stable")[Figure.indicator_id])


def indicator_label(catalogue: pd.DataFrame, indicator_id: str, lang: str) -> str:
    """The indicator's name in ``lang`` (its id when it is not in the catalogue)."""
    row = catalogue[catalogue[Figure.indicator_id] == indicator_id]
    if row.empty:
        return indicator_id
    return str(row.iloc[0]["name_en" if lang == "en" else "name_vi"])


def _names_units(catalogue: pd.DataFrame, ids: pd.Series, lang: str) -> tuple[pd.Series, pd.Series]:
    cat = catalogue.set_index(Figure.indicator_id)
    name = ids.map(cat["name_en" if lang == "en" else "name_vi"]).fillna(ids)
    unit = ids.map(cat["unit" if lang == "en" else "unit_vi"])
    return name, unit


def period_label(start: pd.Series, end: pd.Series) -> pd.Series:
    """"2023" for a one-year period, "2021–2025" otherwise."""
    start, end = start.astype(int).astype(str), end.astype(int).astype(str)
    return start.where(start == end, start + "–" + end)


def figure_table(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figures for people: place, indicator, measure, period, value, unit, source, quote."""
    name, unit = _names_units(catalogue, figures[Figure.indicator_id], lang)
    return pd.DataFrame({
        t("unit_name", lang): place_names(figures, lang),
        t("indicator", lang): name,
        t("measure", lang): figures[Figure.measure].map(lambda m: i18n.MEASURE_TEXT[m][lang]),
        t("period", lang): period_label(figures[Figure.period_start], figures[Figure.period_end]),
        t("value", lang): figures[Figure.value].astype(float),
        t("unit", lang): unit.fillna(figures[Figure.unit]),
        t("source", lang): figures[Figure.source_id],
        t("quote", lang): figures[Figure.quote],
    }).reset_index(drop=True)


def attainment_table(attain: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Attainment rows for people, with the status in words (a missing % is never 0 %)."""
    name, unit = _names_units(catalogue, attain["indicator_id"], lang)
    return pd.DataFrame({
        t("unit_name", lang): place_names(attain, lang),
        t("indicator", lang): name,
        t("period", lang): period_label(attain["period_start"], attain["period_end"]),
        t("target", lang): attain["target"].astype(float),
        t("actual", lang): attain["actual"].astype(float),
        t("unit", lang): unit.fillna(attain["unit"]),
        t("attainment_pct", lang): attain["attainment_pct"].astype(float),
        t("status", lang): attain["status"].map(lambda s: i18n.status_text(s, lang)),
        t("years_reported", lang): attain["years_reported"],
    }).reset_index(drop=True)


def headline(attain: pd.DataFrame, indicators: tuple[str, ...] = HEADLINE_INDICATORS
             ) -> pd.DataFrame:
    """National phase targets of the headline indicators with their results, in that order."""
    national = attain[(attain[Figure.level] == "national")
                      & attain["indicator_id"].isin(indicators) & attain["target"].notna()]
    order = {ind: i for i, ind in enumerate(indicators)}
    return national.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)


def reported_where(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many figures each place reports per content area (places by level, then name)."""
    if figures.empty:
        return pd.DataFrame(columns=[t("unit_name", lang), t("level", lang)])
    area = figures[Figure.indicator_id].map(
        catalogue.set_index(Figure.indicator_id)["content_area"])
    frame = pd.DataFrame({
        "place": place_names(figures, lang),
        "level": figures[Figure.level],
        "area": area.map(lambda a: i18n.area_label(a, lang, short=True)),
    })
    table = frame.pivot_table(index=["place", "level"], columns="area", aggfunc="size",
                              fill_value=0)
    table = table.reset_index()
    table["_o"] = table["level"].map(list(i18n.LEVEL_TEXT).index)
    table = table.sort_values(["_o", "place"]).drop(columns="_o")
    table["level"] = table["level"].map(lambda v: i18n.LEVEL_TEXT[v][lang])
    table.columns.name = None
    return table.rename(columns={"place": t("unit_name", lang),
                                 "level": t("level", lang)}).reset_index(drop=True)


def coverage_table(coverage: pd.DataFrame, lang: str, province: str | None = None
                   ) -> pd.DataFrame:
    """Coverage rows for people (one province's when ``province`` is given)."""
    rows = coverage if province is None else coverage[coverage[Coverage.province_code] == province]
    return pd.DataFrame({
        t("unit_name", lang): place_names(rows, lang),
        t("role", lang): rows[Coverage.role].str.replace("_", " "),
        t("group", lang): rows[Coverage.group],
        t("period", lang): period_label(rows[Coverage.period_start], rows[Coverage.period_end]),
        t("count", lang): rows[Coverage.count].astype("Float64"),
        t("count_of", lang): rows[Coverage.count_of],
        t("source", lang): rows[Coverage.source_id],
        t("quote", lang): rows[Coverage.quote],
    }).reset_index(drop=True)


def sources_used(figures: pd.DataFrame, coverage: pd.DataFrame, sources: pd.DataFrame,
                 lang: str) -> pd.DataFrame:
    """The sources cited by these figures and coverage rows, each with its quotes."""
    quotes = pd.concat([figures[[Figure.source_id, Figure.quote]],
                        coverage[[Coverage.source_id, Coverage.quote]]]).dropna()
    quotes = quotes.drop_duplicates()
    merged = quotes.merge(sources[[Source.source_id, Source.title, Source.url]],
                          on=Source.source_id, how="left")
    return merged.rename(columns={Source.source_id: t("source", lang),
                                  Source.title: t("title", lang), Source.url: t("link", lang),
                                  Figure.quote: t("quote", lang)}).reset_index(drop=True)


def sources_table(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every source: id, title, publisher, date and where to read it (URL, else file)."""
    return pd.DataFrame({
        t("source", lang): sources[Source.source_id],
        t("title", lang): sources[Source.title],
        t("publisher", lang): sources[Source.publisher].fillna(sources[Source.author]),
        t("date", lang): sources[Source.date],
        t("link", lang): sources[Source.url].fillna(sources[Source.file]),
    }).reset_index(drop=True)


def status_table(lang: str) -> pd.DataFrame:
    """The attainment statuses (:data:`p8lib.metrics.STATUSES`) explained in ``lang``."""
    return pd.DataFrame({
        t("status", lang): [i18n.status_text(s, lang) for s in metrics.STATUSES],
        "status": list(metrics.STATUSES),
        "meaning (en)": list(metrics.STATUSES.values()),
    })


def pilot_provinces(coverage: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The VWU point-direction (pilot) provinces: 2021 code and name, and their 2025 province."""
    codes = sorted(coverage.loc[coverage[Coverage.role] == PILOT_ROLE,
                                Coverage.province_code].dropna().unique())
    new = units.to_new_province(pd.Series(codes, dtype="object"))
    new_names = units.provinces(units.NEW).set_index(Figure.province_code)[
        "name_en" if lang == "en" else "name_vi"]
    return pd.DataFrame({
        t("code", lang): codes,
        t("name", lang): [unit_name(c, lang) for c in codes],
        t("vintage_2025", lang): new.map(new_names).to_list(),
    })


def indicator_across(figures: pd.DataFrame, indicator: str, lang: str) -> pd.DataFrame:
    """One indicator's figures with place name and period label, for a bar chart."""
    rows = figures[figures[Figure.indicator_id] == indicator]
    return pd.DataFrame({
        "place": place_names(rows, lang),
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "measure": rows[Figure.measure].map(lambda m: i18n.MEASURE_TEXT[m][lang]),
        "value": rows[Figure.value].astype(float),
        "unit": rows[Figure.unit],
    }).reset_index(drop=True)


def merge_figures(shipped: pd.DataFrame, uploaded: pd.DataFrame | None) -> pd.DataFrame:
    """Shipped figures plus a session's uploaded ones (contract columns; exact repeats once)."""
    if uploaded is None or uploaded.empty:
        return shipped
    both = pd.concat([shipped, uploaded[FIGURE_COLUMNS]], ignore_index=True)
    return both.drop_duplicates(ignore_index=True)


def template_long() -> pd.DataFrame:
    """An empty report in the long layout (the data contract's columns, one example row)."""
    example = {Figure.province_code: "94", Figure.district_code: "", Figure.commune_code: "",
               Figure.level: "province", Figure.indicator_id: "comm_groups",
               Figure.measure: "actual", Figure.period_start: 2024, Figure.period_end: 2024,
               Figure.value: 0, Figure.unit: "groups", Figure.source_id: "my_report_2024",
               Figure.quote: "", Figure.note: "example row: replace or delete"}
    return pd.DataFrame([example], columns=FIGURE_COLUMNS)


def template_wide(catalogue: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """An empty report in the wide layout: STT, Tỉnh, Huyện, Xã, Năm, one column per indicator.

    Indicator columns are headed by the catalogue names in ``lang`` (the importer reads both).
    """
    names = [indicator_label(catalogue, i, lang) for i in indicator_options(catalogue)]
    heads = ["STT", "Tỉnh", "Huyện", "Xã", "Năm"] if lang == "vi" else [
        "No", "Province", "District", "Commune", "Year"]
    return pd.DataFrame(columns=heads + names)


def display_frame(frame: pd.DataFrame, lang: str, percent: tuple[str, ...] = ()
                  ) -> pd.DataFrame:
    """A copy with numeric columns written as ``lang`` writes numbers (missing → "–").

    Columns named in ``percent`` get a "%" sign. For the screen only; download the raw frame.
    """
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            fmt = i18n.fmt_pct if col in percent else i18n.fmt_number
            out[col] = out[col].map(lambda v, f=fmt: f(v, lang)).astype(object)
    return out


def target_actual_frame(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str
                        ) -> pd.DataFrame:
    """Province-level figures shaped for :func:`p8lib.charts.target_actual_bar`.

    Columns ``label`` (indicator name, with the period when it is not the phase),
    ``measure``, ``period``, ``value``; sorted by content area, then indicator.
    """
    rows = figures[figures[Figure.level] == "province"]
    name, _ = _names_units(catalogue, rows[Figure.indicator_id], lang)
    order = rows[Figure.indicator_id].map(
        catalogue.set_index(Figure.indicator_id)["content_area"]).fillna(99)
    frame = pd.DataFrame({
        "label": name, "measure": rows[Figure.measure],
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "value": rows[Figure.value].astype(float), "_o": order.astype(float)})
    return frame.sort_values(["_o", "label"], kind="stable").drop(columns="_o").reset_index(
        drop=True)


def reach_metrics(counts: Mapping[str, int], lang: str) -> list[tuple[str, str, str | None]]:
    """Headline tiles (label, value, note) for :func:`p8lib.metrics.coverage_counts`."""
    return [(t(f"reached_{key}", lang), i18n.fmt_number(counts[key], lang), None)
            for key in ("provinces", "districts", "communes")]


def headline_metrics(attain: pd.DataFrame, catalogue: pd.DataFrame, lang: str
                     ) -> list[tuple[str, str, str | None]]:
    """Headline tiles (indicator, result, "attainment · target") of :func:`headline`."""
    return [(indicator_label(catalogue, row.indicator_id, lang),
             i18n.fmt_number(row.actual, lang),
             f"{i18n.fmt_pct(row.attainment_pct, lang)} · {t('target', lang)} "
             f"{i18n.fmt_number(row.target, lang)}"
             if pd.notna(row.attainment_pct) else i18n.status_text(row.status, lang))
            for row in headline(attain).itertuples()]


def catalogue_table(catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The indicator catalogue for people, grouped by content area (cross-cutting last)."""
    cat = catalogue.set_index(Figure.indicator_id).loc[indicator_options(catalogue)]
    return pd.DataFrame({
        t("content_area", lang): [i18n.area_label(a, lang, short=True)
                                  for a in cat["content_area"]],
        t("code", lang): cat.index,
        t("indicator", lang): cat["name_en" if lang == "en" else "name_vi"],
        t("unit", lang): cat["unit" if lang == "en" else "unit_vi"],
        t("core", lang): cat["core"],
    }).reset_index(drop=True)


def problems_table(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """An import's problems (:func:`p8lib.problems.problems_frame`) with headers in ``lang``.

    File, sheet, row and column come first: they say where to fix the report.
    """
    columns = ["severity", "file", "sheet", "row", "column", "value", "message"]
    frame = problems[columns].copy()
    frame["row"] = frame["row"].astype("Int64")
    return frame.rename(columns={c: t(c, lang) for c in columns}).reset_index(drop=True)


def figures_per_province(figures: pd.DataFrame, vintage: str = units.OLD) -> pd.Series:
    """How many figures each province reports (index: province code of ``vintage``).

    For ``"2025"`` the old codes are rolled up through :func:`p8lib.units.to_new_province`.
    National figures are left out.
    """
    codes = figures[Figure.province_code].dropna()
    if vintage == units.NEW:
        codes = units.to_new_province(codes).dropna()
    return codes.value_counts().sort_index().astype(float).rename("figures")


def pilot_codes(coverage: pd.DataFrame, vintage: str = units.OLD) -> list[str]:
    """Province codes (of ``vintage``) of the VWU pilot provinces."""
    codes = coverage.loc[coverage[Coverage.role] == PILOT_ROLE, Coverage.province_code].dropna()
    if vintage == units.NEW:
        codes = units.to_new_province(codes).dropna()
    return sorted(set(codes))
