"""Figures shaped for the charts (:mod:`p8lib.present.charts`): one indicator across places,
a province's targets and results, and as many rows of either as fit a slide.

Pure, no streamlit; the text is in the language asked for, numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from p8lib.analysis import is_2025
from p8lib.contract import N_, Figure, i18n, schema, t
from p8lib.ingest import row_groups
from p8lib.present.columns import (
    PLACE_CODES,
    measure_words,
    place_keys,
    place_names_once,
    plain,
)
from p8lib.present.labels import indicator_names_and_units, period_label, unit_name

# At most this many places (rows of bars) in the chart of one indicator across places: a
# national view of commune figures is summed per province instead (63 provinces, national).
MAX_CHART_PLACES = 70


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
    rows = _one_per_figure(figures[figures[Figure.indicator_id] == indicator])
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
    notes = [t("across_summed", lang, n=n) if summable else t("across_not_summable", lang, n=n)]
    if frame is None:
        frame = _across_rows(rows, lang)
    if frame["place"].nunique() > max_places:
        order = frame["level"].map(schema.LEVELS.index)
        first = frame.assign(_o=order).drop_duplicates("place").sort_values(
            "_o", kind="stable")["place"].head(max_places)
        frame = frame[frame["place"].isin(set(first))].reset_index(drop=True)
        notes.append(t("across_cut", lang, shown=i18n.fmt_number(max_places, lang)))
    else:
        notes.append(t("across_detail", lang))
    frame.attrs["note"] = " ".join(notes)
    return frame


def _one_per_figure(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows without repeats of one figure: the same place, period, measure, value and
    unit cited by two sources (a national target in the phase plan and in the review) is
    one bar, and is added once where communes are summed. Figures that differ all stay."""
    if rows.empty:
        return rows
    same = [*place_keys(rows), Figure.level, Figure.period_start, Figure.period_end,
            Figure.measure, Figure.value, Figure.unit]
    _, first = row_groups(rows, same)
    return rows if len(first) == len(rows) else rows.iloc[np.sort(first)]


def _units_in(rows: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.Series:
    """Each figure's unit in ``lang``: the catalogue's wording where the figure uses the
    catalogue's unit ("groups" → "tổ"), else the figure's own
    (:func:`p8lib.contract.i18n.unit_text`). Worked out once per distinct (indicator, unit)
    pair."""
    group, first = row_groups(rows, [Figure.indicator_id, Figure.unit])
    heads = rows.iloc[first]
    cat = catalogue.set_index(Figure.indicator_id)
    ids = plain(heads[Figure.indicator_id]).astype(object)
    own = plain(heads[Figure.unit]).astype(object)
    same = own.to_numpy() == ids.map(cat["unit"]).to_numpy()
    units = own.map(lambda u: i18n.unit_text(u, lang)).where(
        ~same, ids.map(cat["unit" if lang == "en" else "unit_vi"]))
    return pd.Series(units.to_numpy(dtype=object)[group], index=rows.index, dtype=object)


def _place_count(rows: pd.DataFrame) -> int:
    """How many places the rows name (each row's own unit; national rows are one place).
    Codes nest, so distinct (commune, district, province) codes are distinct own units."""
    return len(row_groups(rows, place_keys(rows))[1])


def _across_rows(rows: pd.DataFrame, lang: str, place: pd.Series | None = None
                 ) -> pd.DataFrame:
    """Figures as :func:`indicator_across` rows (``place`` given, else named from codes)."""
    return pd.DataFrame({
        "place": place_names_once(rows, lang) if place is None else place,
        "level": plain(rows[Figure.level]).astype(object),
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "measure": measure_words(rows[Figure.measure], lang),
        "value": rows[Figure.value].astype(float),
        "unit": plain(rows[Figure.unit]),
    }).reset_index(drop=True)


# The code naming a unit of each level, and the levels summed up to it.
_LEVEL_CODE = {"district": Figure.district_code, "province": Figure.province_code}
_SUMMED_INTO = {"district": ("commune",), "province": ("district", "commune")}
# The label of a unit whose lower units were summed, by their level.
SUMMED_LABELS = {"commune": N_("summed_commune"), "district": N_("summed_district")}


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
    unit, unit_first = row_groups(low, PLACE_CODES)
    n_units = max(len(unit_first), 1)  # distinct (group, unit) pairs, counted per group
    pairs = np.unique(group.astype(np.int64) * n_units + unit)
    counts = np.bincount(pairs // n_units, minlength=len(first))
    heads = low.iloc[first]
    labels = {(c, lv): t(SUMMED_LABELS[lv], lang, name=unit_name(c, lang),
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
        "label": plain(name), "measure": plain(rows[Figure.measure]),
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "value": rows[Figure.value].astype(float),
        "unit": _units_in(rows, catalogue, lang), "_o": order.astype(float)})
    return frame.sort_values(["_o", "label"], kind="stable").drop(columns="_o").reset_index(
        drop=True)


def fit_height(frame: pd.DataFrame, column: str, build: Callable[[pd.DataFrame], go.Figure],
               max_height: int | None) -> tuple[go.Figure, int, int]:
    """The chart ``build`` draws of as many of ``frame``'s rows as fit ``max_height`` px.

    Rows go by distinct value of ``column`` (a chart's row of bars), in their order in
    ``frame``: the chart of the first ``k`` of them, for the largest ``k`` whose figure is at
    most ``max_height`` px tall (at least one). For a slide, which must fit the screen.

    Returns
    -------
    (Figure, int, int)
        The figure, how many values of ``column`` it draws, and how many there are.
    """
    keys = list(dict.fromkeys(frame[column]))
    whole = build(frame)
    if max_height is None or not keys or (whole.layout.height or 0) <= max_height:
        return whole, len(keys), len(keys)
    best, low, high = None, 1, len(keys) - 1
    while low <= high:  # the figure grows with its rows: the largest k that fits
        middle = (low + high) // 2
        fig = build(frame[frame[column].isin(keys[:middle])])
        if (fig.layout.height or 0) <= max_height:
            best, low = (fig, middle), middle + 1
        else:
            high = middle - 1
    if best is None:
        best = (build(frame[frame[column].isin(keys[:1])]), 1)
    return best[0], best[1], len(keys)


def attainment_frame(attain: pd.DataFrame, catalogue: pd.DataFrame, lang: str,
                     level: str = "province") -> pd.DataFrame:
    """The targets of one level's attainment rows shaped for
    :func:`p8lib.present.charts.attainment_by_indicator_bar`: a row per indicator and
    period that has a target.

    Returns
    -------
    DataFrame
        ``label`` (indicator name in ``lang``), ``period`` (label), ``attainment_pct``
        (missing where not comparable), ``status`` (in words), ``target`` and ``actual``
        (numbers), ``unit`` (in ``lang``); sorted by content area, then name. Results
        without a target are not rows: there is nothing to attain.
    """
    rows = attain[(attain[Figure.level] == level) & attain["target"].notna()]
    name, unit = indicator_names_and_units(catalogue, rows[Figure.indicator_id], lang)
    frame = pd.DataFrame({
        "label": plain(name),
        "period": period_label(rows[Figure.period_start], rows[Figure.period_end]),
        "attainment_pct": rows["attainment_pct"].astype(float),
        "status": rows["status"].map(lambda s: i18n.status_text(s, lang)),
        "target": rows["target"].astype(float), "actual": rows["actual"].astype(float),
        "unit": plain(unit).fillna(rows[Figure.unit].map(lambda u: i18n.unit_text(u, lang))),
        "_o": rows["content_area"].astype(float).fillna(99)})
    return frame.sort_values(["_o", "label"], kind="stable").drop(columns="_o").reset_index(
        drop=True)
