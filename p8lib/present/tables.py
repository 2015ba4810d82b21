"""Tables the dashboard pages show, built from the figures, catalogue, coverage and sources.

Pages are layout only: every loop, merge and formula they need lives here, pure (no
streamlit), so it is tested without the app. Tables keep raw values (numbers stay numbers,
for downloads) under column names in the chosen language;
:func:`p8lib.present.display.display_frame` writes the numbers for the screen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib.analysis import indicator_options, is_2025, metrics
from p8lib.contract import Coverage, Figure, i18n, t
from p8lib.ingest import row_groups
from p8lib.present.labels import indicator_names_and_units, period_label, place_names, unit_name

# At most this many places (rows of bars) in the chart of one indicator across places: a
# national view of commune figures is summed per province instead (63 provinces, national).
MAX_CHART_PLACES = 70


def _plain(column: pd.Series) -> pd.Series:
    """A categorical column as plain values (of its categories' dtype); others as they are.

    The app holds the figures' text as categoricals; the tables it shows and exports sort
    and compare by value, which a categorical would do by category order.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        if not len(column.cat.categories):  # all missing: None, as the plain column holds
            return pd.Series([None] * len(column), index=column.index, name=column.name,
                             dtype=object)
        # A take from the categories: far faster than astype for arrow-backed text
        # (docs/benchmarks.md, "Measurements behind the code").
        values = column.cat.categories.take(column.cat.codes.to_numpy(), allow_fill=True,
                                            fill_value=None)
        return pd.Series(values.array, index=column.index, name=column.name)
    return column


_PLACE_CODES = [Figure.commune_code, Figure.district_code, Figure.province_code]


def _place_keys(frame: pd.DataFrame) -> list[str]:
    """The columns naming a row's unit: its codes, and their vintage when the frame has one
    (the same codes in the 2021 and the 2025 units are different places)."""
    return [*_PLACE_CODES, Figure.vintage] if Figure.vintage in frame.columns else _PLACE_CODES


def _place_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    """:func:`p8lib.present.labels.place_names`, worked out once per distinct place: a large table
    names few places many times (1M figures, 10,035 communes)."""
    if len(frame) < 1_000:
        return place_names(frame, lang)
    unit, first = row_groups(frame, _place_keys(frame))
    names = place_names(frame.iloc[first], lang).to_numpy()
    return pd.Series(names[unit], index=frame.index, dtype=object)


def _measure_text(measures: pd.Series, lang: str) -> pd.Series:
    # A categorical maps its few categories, not every row.
    return _plain(measures.map(lambda m: i18n.MEASURE_TEXT[m][lang]))


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
        Headed in ``lang``; ``value`` stays float; the catalogue's unit, else the figure's.
        Text is plain even when the figures' columns are categoricals.
    """
    name, unit = indicator_names_and_units(catalogue, figures[Figure.indicator_id], lang)
    return pd.DataFrame({
        t("unit_name", lang): _place_names(figures, lang),
        t("indicator", lang): _plain(name),
        t("measure", lang): _measure_text(figures[Figure.measure], lang),
        t("period", lang): period_label(figures[Figure.period_start], figures[Figure.period_end]),
        t("value", lang): figures[Figure.value].astype(float),
        t("unit", lang): _plain(unit).fillna(_plain(figures[Figure.unit])),
        t("source", lang): _plain(figures[Figure.source_id]),
        t("quote", lang): _plain(figures[Figure.quote]),
        t("note", lang): _plain(figures[Figure.note]),
    }).reset_index(drop=True)


def attainment_table(attain: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Attainment rows for people, with the status in words (a missing % is never 0 %).

    The attainment and its status come right after the place, indicator and period: they
    are what the table is read for, and long indicator names push later columns out of view.

    Parameters
    ----------
    attain : DataFrame
        :func:`p8lib.analysis.metrics.attainment` output.
    catalogue : DataFrame
    lang : {"vi", "en"}
    """
    name, unit = indicator_names_and_units(catalogue, attain["indicator_id"], lang)
    return pd.DataFrame({
        t("unit_name", lang): _place_names(attain, lang),
        t("indicator", lang): _plain(name),
        t("period", lang): period_label(attain["period_start"], attain["period_end"]),
        t("attainment_pct", lang): attain["attainment_pct"].astype(float),
        t("status", lang): attain["status"].map(lambda s: i18n.status_text(s, lang)),
        t("target", lang): attain["target"].astype(float),
        t("actual", lang): attain["actual"].astype(float),
        t("unit", lang): _plain(unit).fillna(_plain(attain["unit"])),
        t("years_reported", lang): attain["years_reported"],
    }).reset_index(drop=True)


def reported_where(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many figures each place reports per content area (places by level, then name).

    Figures are counted per unit (its codes), then the units are named: two communes of the
    same name stay two rows, and a large table is named once per unit, not once per figure.

    Returns
    -------
    DataFrame
        Place and level (in ``lang``), then one count column per content area reported.
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
    table = pd.DataFrame({"place": _place_names(places, lang).to_numpy(),
                          "level": _plain(places[Figure.level]).astype(object).to_numpy()})
    labels = {a: i18n.area_label(a or None, lang, short=True) for a in range(5)
              if counts[:, a].any()}
    for a, label in sorted(labels.items(), key=lambda item: item[1]):
        table[label] = counts[:, a]
    table["_o"] = table["level"].map(list(i18n.LEVEL_TEXT).index)
    table = table.sort_values(["_o", "place"], kind="stable").drop(columns="_o")
    table["level"] = table["level"].map(lambda v: i18n.LEVEL_TEXT[v][lang])
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


def status_table(lang: str) -> pd.DataFrame:
    """The attainment statuses (:data:`p8lib.analysis.metrics.STATUSES`) explained in ``lang``."""
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
    columns = ["severity", "file", "sheet", "row", "column", "value", "message"]
    frame = problems[columns].copy()
    frame["severity"] = frame["severity"].map(lambda s: t(f"severity_{s}", lang))
    # A problem of the whole file or sheet has no row: shown empty, not as "None".
    frame["row"] = frame["row"].astype("Int64").astype(object).where(frame["row"].notna(), "")
    return frame.rename(columns={c: t(c, lang) for c in columns}).reset_index(drop=True)


def indicator_across(figures: pd.DataFrame, indicator: str, lang: str,
                     catalogue: pd.DataFrame | None = None,
                     max_places: int | None = None) -> pd.DataFrame:
    """One indicator's figures shaped for :func:`p8lib.present.charts.indicator_bar`.

    Parameters
    ----------
    figures : DataFrame
        Figures in the data contract (text columns plain or categorical).
    indicator : str
        The indicator id.
    lang : {"vi", "en"}
    catalogue : DataFrame, optional
        The indicator catalogue: says whether the indicator's figures add up.
    max_places : int, optional
        At most how many places (rows of bars) the chart gets. Past it, the figures of a
        summable indicator below province level are summed per district, or, if that is
        still too many, per province — each level apart, so that a district's own figure is
        never added to its communes'. Those that cannot be added (shares) are cut to the
        first ``max_places`` places (national first, then provinces, districts, communes).

    Returns
    -------
    DataFrame
        Columns ``place``, ``level``, ``period`` (label), ``measure`` (in ``lang``),
        ``value``, ``unit``. A summed row's place says so ("Sóc Trăng (cộng 12 xã)") and
        has the level of the unit it is summed to. ``attrs["note"]`` says, in ``lang``, what
        was summed or cut ("" when nothing was).

    Examples
    --------
    With ``max_places=60`` the 1M synthetic commune figures of one indicator become one
    row of bars per province instead of ten thousand.
    """
    rows = figures[figures[Figure.indicator_id] == indicator]
    if catalogue is not None:  # units in ``lang`` where the figure uses the catalogue's
        rows = rows.assign(**{Figure.unit: _units_in(rows, catalogue, lang).to_numpy()})
    places = _place_count(rows)
    if max_places is None or places <= max_places:
        frame = _across_rows(rows, lang)
        frame.attrs["note"] = ""
        return frame
    n = i18n.fmt_number(places, lang)
    summable = catalogue is not None and indicator in set(
        catalogue.loc[catalogue["aggregation"] == "sum", Figure.indicator_id])
    frame = None
    if summable:
        frame = _summed_up(rows, "district", lang, max_places)
        if frame is None:
            frame = _summed_up(rows, "province", lang)
    notes = [t("across_summed" if summable else "across_not_summable", lang, n=n)]
    if frame is None:
        frame = _across_rows(rows, lang)
    if frame["place"].nunique() > max_places:
        order = frame["level"].map(list(i18n.LEVEL_TEXT).index)
        first = frame.assign(_o=order).drop_duplicates("place").sort_values(
            "_o", kind="stable")["place"].head(max_places)
        frame = frame[frame["place"].isin(set(first))].reset_index(drop=True)
        notes.append(t("across_cut", lang, shown=i18n.fmt_number(max_places, lang)))
    else:
        notes.append(t("across_detail", lang))
    frame.attrs["note"] = " ".join(notes)
    return frame


def _units_in(rows: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.Series:
    """Each figure's unit in ``lang``: the catalogue's wording where the figure uses the
    catalogue's unit ("groups" → "tổ"), else the figure's own. Worked out once per distinct
    (indicator, unit) pair."""
    group, first = row_groups(rows, [Figure.indicator_id, Figure.unit])
    heads = rows.iloc[first]
    cat = catalogue.set_index(Figure.indicator_id)
    ids = _plain(heads[Figure.indicator_id]).astype(object)
    own = _plain(heads[Figure.unit]).astype(object)
    same = own.to_numpy() == ids.map(cat["unit"]).to_numpy()
    units = own.where(~same, ids.map(cat["unit" if lang == "en" else "unit_vi"]))
    return pd.Series(units.to_numpy(dtype=object)[group], index=rows.index, dtype=object)


def _place_count(rows: pd.DataFrame) -> int:
    """How many places the rows name (each row's own unit; national rows are one place).
    Codes nest, so distinct (commune, district, province) codes are distinct own units."""
    return len(row_groups(rows, _place_keys(rows))[1])


def _across_rows(rows: pd.DataFrame, lang: str, place: pd.Series | None = None
                 ) -> pd.DataFrame:
    """Figures as :func:`indicator_across` rows (``place`` given, else named from codes)."""
    return pd.DataFrame({
        "place": _place_names(rows, lang) if place is None else place,
        "level": _plain(rows[Figure.level]).astype(object),
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "measure": _measure_text(rows[Figure.measure], lang),
        "value": rows[Figure.value].astype(float),
        "unit": _plain(rows[Figure.unit]),
    }).reset_index(drop=True)


# The code naming a unit of each level, and the levels summed up to it.
_LEVEL_CODE = {"district": Figure.district_code, "province": Figure.province_code}
_SUMMED_INTO = {"district": ("commune",), "province": ("district", "commune")}


def _summed_up(rows: pd.DataFrame, to: str, lang: str, max_places: int | None = None
               ) -> pd.DataFrame | None:
    """:func:`_across_rows` with the figures below level ``to`` summed per unit of ``to``,
    level, period, measure and unit; other rows as they are. None when that still makes
    more than ``max_places`` places."""
    code = _LEVEL_CODE[to]
    # Units of 2025 stay as they are: their codes name other places than 2021's.
    lower = (rows[Figure.level].isin(_SUMMED_INTO[to]) & rows[code].notna()).to_numpy() & (
        ~is_2025(rows))
    low, kept = rows[lower], rows[~lower]
    group, first = row_groups(low, [code, Figure.level])  # a label per unit of ``to``, level
    if max_places is not None and _place_count(kept) + len(first) > max_places:
        return None
    unit, unit_first = row_groups(low, _PLACE_CODES)
    n_units = max(len(unit_first), 1)  # distinct (group, unit) pairs, counted per group
    pairs = np.unique(group.astype(np.int64) * n_units + unit)
    counts = np.bincount(pairs // n_units, minlength=len(first))
    heads = low.iloc[first]
    labels = {(c, lv): t(f"summed_{lv}", lang, name=unit_name(c, lang),
                         n=i18n.fmt_number(k, lang))
              for c, lv, k in zip(heads[code].astype(object), heads[Figure.level].astype(object),
                                  counts, strict=True)}
    keys = [code, Figure.level, Figure.period_start, Figure.period_end, Figure.measure,
            Figure.unit]
    sums = low.groupby(keys, observed=True, sort=True)[Figure.value].sum().reset_index()
    place = pd.Series([labels[key] for key in zip(sums[code].astype(object),
                                                  sums[Figure.level].astype(object),
                                                  strict=True)], dtype=object)
    summed = _across_rows(sums.assign(**{Figure.level: to}), lang, place)
    return pd.concat([_across_rows(kept, lang), summed], ignore_index=True)


def target_actual_frame(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str
                        ) -> pd.DataFrame:
    """Province-level figures shaped for :func:`p8lib.present.charts.target_actual_bar`.

    Columns ``label`` (indicator name in ``lang``), ``measure`` ("target"/"actual"),
    ``period`` (label), ``value``, ``unit`` (in ``lang``: the chart draws one panel per
    unit); sorted by content area, then indicator.
    """
    rows = figures[figures[Figure.level] == "province"]
    name, _ = indicator_names_and_units(catalogue, rows[Figure.indicator_id], lang)
    order = rows[Figure.indicator_id].map(
        catalogue.set_index(Figure.indicator_id)["content_area"]).fillna(99)
    frame = pd.DataFrame({
        "label": _plain(name), "measure": _plain(rows[Figure.measure]),
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "value": rows[Figure.value].astype(float),
        "unit": _units_in(rows, catalogue, lang), "_o": order.astype(float)})
    return frame.sort_values(["_o", "label"], kind="stable").drop(columns="_o").reset_index(
        drop=True)
