"""Tables the dashboard pages show, built from the figures, catalogue, coverage and sources.

Pages are layout only: every loop, merge and formula they need lives here, pure (no
streamlit), so it is tested without the app. Tables keep raw values (numbers stay numbers,
for downloads) under column names in the chosen language, then the codes and ids behind
them under their data-contract names (:mod:`p8lib.present.columns`: the screen shows
:func:`~p8lib.present.columns.for_screen` of a table, a download all of it);
:func:`p8lib.present.display.display_frame` writes the numbers for the screen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib.analysis import indicator_options, targets
from p8lib.contract import N_, Coverage, Figure, i18n, schema, t
from p8lib.ingest import SEVERITIES, row_groups
from p8lib.present.columns import (
    PLACE_CODES,
    measure_words,
    place_keys,
    place_names_once,
    plain,
    with_ids,
)
from p8lib.present.labels import (
    indicator_names_and_units,
    notes_in,
    period_label,
    place_names,
)

# The names the table builders use (their functions are in p8lib.present.columns).
_plain = plain
_PLACE_CODES = PLACE_CODES
_place_keys = place_keys
_place_names = place_names_once
_measure_text = measure_words


def figure_table(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figures for people: place, indicator, measure, period, value, unit, source, quote and
    note (what the source leaves open: "more than", an inferred year…).

    Parameters
    ----------
    figures : DataFrame
        Figures in the data contract (:data:`p8lib.contract.schema.FIGURE_COLUMNS`).
    catalogue : DataFrame
        The indicator catalogue (names and units in both languages).
    lang : {"vi", "en"}

    Returns
    -------
    DataFrame
        Headed in ``lang``; ``value`` stays float; the catalogue's unit, else the figure's
        (in ``lang``). Text is plain even when the figures' columns are categoricals. Then
        the codes: places, level, indicator id, measure, period years, unit.
    """
    name, unit = indicator_names_and_units(catalogue, figures[Figure.indicator_id], lang)
    table = pd.DataFrame({
        t("unit_name", lang): _place_names(figures, lang),
        t("indicator", lang): _plain(name),
        t("measure", lang): _measure_text(figures[Figure.measure], lang),
        t("period", lang): period_label(figures[Figure.period_start], figures[Figure.period_end]),
        t("value", lang): figures[Figure.value].astype(float),
        t("unit", lang): _plain(unit).fillna(_own_units(figures[Figure.unit], lang)),
        t("source", lang): _plain(figures[Figure.source_id]),
        t("quote", lang): _plain(figures[Figure.quote]),
        t("note", lang): notes_in(_plain(figures[Figure.note]), lang),
    })
    return with_ids(table, figures, [*_PLACE_CODES, Figure.level, Figure.indicator_id,
                                     Figure.measure, Figure.period_start, Figure.period_end,
                                     Figure.unit])


def _own_units(units: pd.Series, lang: str) -> pd.Series:
    """A figure's own unit in ``lang`` (:func:`p8lib.contract.i18n.unit_text`)."""
    return _plain(units.map(lambda u: i18n.unit_text(u, lang) or None))


def attainment_table(attain: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Attainment rows for people, with the status in words (a missing % is never 0 %).

    The attainment and its status come right after the place, indicator and period: they
    are what the table is read for, and long indicator names push later columns out of view.

    Parameters
    ----------
    attain : DataFrame
        :func:`p8lib.analysis.targets.attainment` output.
    catalogue : DataFrame
    lang : {"vi", "en"}

    Returns
    -------
    DataFrame
        Headed in ``lang``, then the codes: places, level, indicator id, status code, period
        years, unit.
    """
    name, unit = indicator_names_and_units(catalogue, attain["indicator_id"], lang)
    table = pd.DataFrame({
        t("unit_name", lang): _place_names(attain, lang),
        t("indicator", lang): _plain(name),
        t("period", lang): period_label(attain["period_start"], attain["period_end"]),
        t("attainment_pct", lang): attain["attainment_pct"].astype(float),
        t("status", lang): attain["status"].map(lambda s: i18n.status_text(s, lang)),
        t("target", lang): attain["target"].astype(float),
        t("actual", lang): attain["actual"].astype(float),
        t("unit", lang): _plain(unit).fillna(_own_units(attain["unit"], lang)),
        t("years_reported", lang): attain["years_reported"],
    })
    return with_ids(table, attain, [*_PLACE_CODES, Figure.level, Figure.indicator_id, "status",
                                    Figure.period_start, Figure.period_end, Figure.unit])


def reported_where(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many figures each place reports per content area (places by level, then name).

    Figures are counted per unit (its codes), then the units are named: two communes of the
    same name stay two rows, and a large table is named once per unit, not once per figure.

    Returns
    -------
    DataFrame
        Place and level (in ``lang``), then one count column per content area reported
        (headed by its short name), then the place's codes and level code.
    """
    if figures.empty:
        return pd.DataFrame(columns=[t("unit_name", lang), t("level", lang)])
    unit, first = row_groups(figures, [*_place_keys(figures), Figure.level])
    ids, distinct_ids = pd.factorize(figures[Figure.indicator_id], use_na_sentinel=True)
    # Content area per distinct indicator; 0 for cross-cutting ones (no area) and unknown ids.
    area_of = pd.Series(distinct_ids).map(
        catalogue.set_index(Figure.indicator_id)["content_area"]).astype("Float64")
    area = np.r_[area_of.fillna(0).astype(int).to_numpy(), 0][ids]
    counts = np.bincount(unit * 5 + area, minlength=len(first) * 5).reshape(-1, 5)
    places = figures.iloc[first]
    level = _plain(places[Figure.level]).astype(object).to_numpy()
    table = pd.DataFrame({t("unit_name", lang): _place_names(places, lang).to_numpy(),
                          t("level", lang): [i18n.level_text(v, lang) for v in level]})
    labels = {a: i18n.area_label(a or None, lang, short=True) for a in range(5)
              if counts[:, a].any()}
    for a, label in sorted(labels.items(), key=lambda item: item[1]):
        table[label] = counts[:, a]
    table = with_ids(table, places, [*_PLACE_CODES, Figure.level])
    # Places by level (national first), then by name.
    order = np.lexsort((table[t("unit_name", lang)].to_numpy(dtype=str),
                        [schema.LEVELS.index(v) for v in level]))
    return table.iloc[order].reset_index(drop=True)


def coverage_table(coverage: pd.DataFrame, lang: str, province: str | None = None
                   ) -> pd.DataFrame:
    """Coverage rows for people (one province's when ``province``, a 2021 code, is given):
    place, role, group and what is counted in ``lang``, then the codes (places, level, role,
    what is counted, period years)."""
    rows = coverage if province is None else coverage[coverage[Coverage.province_code] == province]
    table = pd.DataFrame({
        t("unit_name", lang): place_names(rows, lang),
        t("role", lang): rows[Coverage.role].map(lambda r: i18n.role_text(r, lang)),
        t("group", lang): rows[Coverage.group].map(lambda g: i18n.coverage_group_text(g, lang)),
        t("period", lang): period_label(rows[Coverage.period_start], rows[Coverage.period_end]),
        t("count", lang): rows[Coverage.count].astype("Float64"),
        t("count_of", lang): rows[Coverage.count_of].map(lambda c: i18n.count_of_text(c, lang)),
        t("source", lang): rows[Coverage.source_id],
        t("quote", lang): rows[Coverage.quote],
    })
    return with_ids(table, rows, [*_PLACE_CODES, Coverage.level, Coverage.role,
                                  Coverage.count_of, Coverage.period_start,
                                  Coverage.period_end])


def status_table(lang: str) -> pd.DataFrame:
    """The attainment statuses (:data:`p8lib.analysis.targets.STATUSES`) explained in ``lang``."""
    return pd.DataFrame({
        t("status", lang): [i18n.status_text(s, lang) for s in targets.STATUSES],
        t("status_code", lang): list(targets.STATUSES),
        t("meaning", lang): [i18n.status_meaning(s, lang) for s in targets.STATUSES],
    })


def catalogue_table(catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The indicator catalogue for people, grouped by content area (cross-cutting last); the
    indicator's id is its code column, the content area's number follows as an id."""
    cat = catalogue.set_index(Figure.indicator_id).loc[indicator_options(catalogue)]
    table = pd.DataFrame({
        t("content_area", lang): [i18n.area_label(a, lang, short=True)
                                  for a in cat["content_area"]],
        t("code", lang): cat.index,
        t("indicator", lang): cat["name_en" if lang == "en" else "name_vi"],
        t("unit", lang): cat["unit" if lang == "en" else "unit_vi"],
        t("core", lang): cat["core"],
    })
    return with_ids(table, cat.reset_index(), ["content_area"])


def problems_and_notes(problems: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An import's findings split into problems (errors and warnings: something to fix or
    check) and notes (``info``: what the import did, e.g. skipped a total row).

    Parameters
    ----------
    problems : DataFrame
        :func:`p8lib.ingest.problems.problems_frame` output.

    Returns
    -------
    (DataFrame, DataFrame)
        The problems, then the notes, each in its order in ``problems``.
    """
    is_note = (problems["severity"] == "info").to_numpy(bool)
    return problems[~is_note], problems[is_note]


def problems_table(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """An import's problems (:func:`p8lib.ingest.problems.problems_frame`) with headers in ``lang``.

    File, sheet, row and column come first: they say where to fix the report.
    """
    # Each column is headed by the message of its name.
    columns = [N_("severity"), N_("file"), N_("sheet"), N_("row"), N_("column"), N_("value"),
               N_("message")]
    frame = problems[columns].copy()
    frame["severity"] = frame["severity"].map(lambda s: t(SEVERITIES[s], lang))
    # A problem of the whole file or sheet has no row: shown empty, not as "None".
    frame["row"] = frame["row"].astype("Int64").astype(object).where(frame["row"].notna(), "")
    return frame.rename(columns={c: t(c, lang) for c in columns}).reset_index(drop=True)
