"""Tables the dashboard pages show, built from the figures, catalogue, coverage and sources.

Pages are layout only: every loop, merge and formula they need lives here, pure (no
streamlit), so it is tested without the app. Tables keep raw values (numbers stay numbers,
for downloads) under column names in the chosen language; :func:`p8lib.display.display_frame`
writes the numbers for the screen.
"""

from __future__ import annotations

import pandas as pd

from p8lib import i18n, metrics
from p8lib.filters import indicator_options
from p8lib.i18n import t
from p8lib.labels import indicator_names_and_units, period_label, place_names
from p8lib.schema import Coverage, Figure, Source


def _measure_text(measures: pd.Series, lang: str) -> pd.Series:
    return measures.map(lambda m: i18n.MEASURE_TEXT[m][lang])


def figure_table(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figures for people: place, indicator, measure, period, value, unit, source, quote.

    Parameters
    ----------
    figures : DataFrame
        Figures in the data contract (:data:`p8lib.schema.FIGURE_COLUMNS`).
    catalogue : DataFrame
        The indicator catalogue (names and units in both languages).
    lang : {"vi", "en"}

    Returns
    -------
    DataFrame
        Headed in ``lang``; ``value`` stays float; the catalogue's unit, else the figure's.
    """
    name, unit = indicator_names_and_units(catalogue, figures[Figure.indicator_id], lang)
    return pd.DataFrame({
        t("unit_name", lang): place_names(figures, lang),
        t("indicator", lang): name,
        t("measure", lang): _measure_text(figures[Figure.measure], lang),
        t("period", lang): period_label(figures[Figure.period_start], figures[Figure.period_end]),
        t("value", lang): figures[Figure.value].astype(float),
        t("unit", lang): unit.fillna(figures[Figure.unit]),
        t("source", lang): figures[Figure.source_id],
        t("quote", lang): figures[Figure.quote],
    }).reset_index(drop=True)


def attainment_table(attain: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Attainment rows for people, with the status in words (a missing % is never 0 %).

    Parameters
    ----------
    attain : DataFrame
        :func:`p8lib.metrics.attainment` output.
    catalogue : DataFrame
    lang : {"vi", "en"}
    """
    name, unit = indicator_names_and_units(catalogue, attain["indicator_id"], lang)
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


def reported_where(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many figures each place reports per content area (places by level, then name).

    Returns
    -------
    DataFrame
        Place and level (in ``lang``), then one count column per content area reported.
    """
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
    """Coverage rows for people (one province's when ``province``, a 2021 code, is given)."""
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
    """The sources cited by these figures and coverage rows, each with its quotes (once each)."""
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
        t("status_code", lang): list(metrics.STATUSES),
        t("meaning", lang): [i18n.STATUS_MEANING_VI[s] if lang == "vi" else meaning
                             for s, meaning in metrics.STATUSES.items()],
    })


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
    frame["severity"] = frame["severity"].map(lambda s: t(f"severity_{s}", lang))
    # A problem of the whole file or sheet has no row: shown empty, not as "None".
    frame["row"] = frame["row"].astype("Int64").astype(object).where(frame["row"].notna(), "")
    return frame.rename(columns={c: t(c, lang) for c in columns}).reset_index(drop=True)


def indicator_across(figures: pd.DataFrame, indicator: str, lang: str) -> pd.DataFrame:
    """One indicator's figures shaped for :func:`p8lib.charts.indicator_bar`.

    Columns ``place``, ``period`` (label), ``measure`` (in ``lang``), ``value``, ``unit``.
    """
    rows = figures[figures[Figure.indicator_id] == indicator]
    return pd.DataFrame({
        "place": place_names(rows, lang),
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "measure": _measure_text(rows[Figure.measure], lang),
        "value": rows[Figure.value].astype(float),
        "unit": rows[Figure.unit],
    }).reset_index(drop=True)


def target_actual_frame(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str
                        ) -> pd.DataFrame:
    """Province-level figures shaped for :func:`p8lib.charts.target_actual_bar`.

    Columns ``label`` (indicator name in ``lang``), ``measure`` ("target"/"actual"),
    ``period`` (label), ``value``; sorted by content area, then indicator.
    """
    rows = figures[figures[Figure.level] == "province"]
    name, _ = indicator_names_and_units(catalogue, rows[Figure.indicator_id], lang)
    order = rows[Figure.indicator_id].map(
        catalogue.set_index(Figure.indicator_id)["content_area"]).fillna(99)
    frame = pd.DataFrame({
        "label": name, "measure": rows[Figure.measure],
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "value": rows[Figure.value].astype(float), "_o": order.astype(float)})
    return frame.sort_values(["_o", "label"], kind="stable").drop(columns="_o").reset_index(
        drop=True)
