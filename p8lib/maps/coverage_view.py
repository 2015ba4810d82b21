"""The coverage page's map, composed: a map table in, a deck with its legend title and notes out.

:mod:`p8lib.maps.map_values` says what each unit's value is, :mod:`p8lib.maps.map_text` how
to word it, :mod:`p8lib.maps.builders` how to draw it; this module puts them together for one
choice of measure, vintage, indicator, year and level, the same way for the national map and
for the drill-down into a province. Pure functions, no streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from p8lib import units
from p8lib.analysis import metrics
from p8lib.contract import Figure, fmt_number, i18n, t
from p8lib.maps import builders, map_text, map_values, svg_map
from p8lib.maps.map_view import NATIONAL_VIEWPORT
from p8lib.present import labels, unit_name

KIND = {"attainment": "attainment", "value": "count", "coverage": "coverage"}


@dataclass(frozen=True)
class MapChoice:
    """What a map shows: ``measure`` (:data:`p8lib.maps.map_values.MEASURES`) of
    ``indicator`` (None: every indicator, for attainment and coverage) in ``year`` (None:
    the whole phase), at ``level`` ("province" for the national map, "district" or
    "commune" for a drill-down) in ``vintage``."""

    measure: str
    vintage: str = units.OLD
    indicator: str | None = None
    year: int | None = None
    level: str = "province"


@dataclass
class MapView:
    """A map ready for the page: the deck (with its legend rows and boundary note), what the
    colours mean, and notes on what the map cannot show."""

    spec: builders.MapSpec
    title: str
    notes: list[str] = field(default_factory=list)
    tooltips: pd.DataFrame = field(default_factory=pd.DataFrame)  # lines by code


def _unit_word(catalogue: pd.DataFrame, indicator: str | None, lang: str) -> str:
    if indicator is None:
        return ""
    cat = catalogue.set_index(Figure.indicator_id)
    column = "unit" if lang == "en" else "unit_vi"
    return str(cat[column].get(indicator, "")) if indicator in cat.index else ""


def summable(catalogue: pd.DataFrame, indicator: str | None) -> bool:
    """True when ``indicator``'s results add up (its catalogue ``aggregation`` is "sum")."""
    aggregation = catalogue.set_index(Figure.indicator_id)["aggregation"]
    return indicator is not None and aggregation.get(indicator) == "sum"


def period_text(choice: MapChoice, table: pd.DataFrame) -> str:
    """The period a map shows: its targets' periods (attainment), else the year or phase."""
    if choice.measure == "attainment":
        periods = sorted({p for x in table["target_period"] for p in str(x).split(", ") if p})
        if periods:
            return ", ".join(periods)
    return str(choice.year) if choice.year else "–".join(map(str, map_values.PHASE))


def prepared(choice: MapChoice, table: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """``table`` (2021 units) in the choice's vintage, a result of a count per commune."""
    adds = summable(catalogue, choice.indicator)
    table = map_values.to_vintage(table, choice.level, choice.vintage, choice.measure, adds)
    if choice.measure == "value" and adds:
        return map_values.per_commune(table, choice.level, choice.vintage)
    return table.assign(communes=1.0)


def _shading(choice: MapChoice, table: pd.DataFrame, catalogue: pd.DataFrame, lang: str,
             sources: Mapping[str, str]) -> tuple[pd.Series, pd.DataFrame, str]:
    """Values and tooltip lines by code, and the legend title, of a prepared table."""
    unit = _unit_word(catalogue, choice.indicator, lang)
    parts = {p for x in table["parts"] for p in str(x).split(", ") if p}
    lines = map_text.tooltip_lines(table, choice.measure, lang, unit=unit, sources=sources,
                                   names_2021={p: unit_name(p, lang) for p in parts},
                                   level=choice.level)
    per_commune = bool((table["communes"] > 1).any()) and choice.measure == "value"
    name = (labels.indicator_label(catalogue, choice.indicator, lang) if choice.indicator else None)
    title = map_text.legend_title(choice.measure, lang, indicator=name, unit=unit,
                                  period=period_text(choice, table), per_commune=per_commune)
    return table.set_index("code")["value"], lines, title


def national_view(choice: MapChoice, table: pd.DataFrame, provinces: gpd.GeoDataFrame, *,
                  catalogue: pd.DataFrame, sources: Mapping[str, str], lang: str,
                  pilot_codes: list[str] = (), pilot_outline: gpd.GeoDataFrame | None = None,
                  notes: list[str] = (), height: int = NATIONAL_VIEWPORT[1],
                  svg: bool = False) -> MapView:
    """The national map of ``choice`` from a 2021 province table (:mod:`p8lib.maps.map_values`).

    ``pilot_codes`` are outlined in the map's own vintage, or ``pilot_outline`` (the 2021
    pilot provinces) is drawn on a 2025 map; ``height``: the px the page draws it at; ``svg``:
    drawn as an SVG figure (:mod:`p8lib.maps.svg_map`, a presenter's slide), not a deck.
    """
    ready = prepared(choice, table, catalogue)
    values, lines, title = _shading(choice, ready, catalogue, lang, sources)
    draw = svg_map.province_figure if svg else builders.province_map
    spec = draw(provinces, values, kind=KIND[choice.measure], lang=lang, tooltip=lines,
                pilot_codes=pilot_codes, pilot_outline=pilot_outline, height=height)
    return MapView(spec, title, [n for n in notes if n], lines)


def detail_view(choice: MapChoice, table: pd.DataFrame, province: gpd.GeoDataFrame,
                units_: gpd.GeoDataFrame, *, catalogue: pd.DataFrame,
                sources: Mapping[str, str], lang: str,
                district_lines: gpd.GeoDataFrame | None = None,
                pilot_outline: gpd.GeoDataFrame | None = None,
                notes: list[str] = (), height: int = builders.DETAIL_VIEWPORT[1]
                ) -> MapView:
    """A province's drill-down map of ``choice`` from a 2021 table of its districts or
    communes; ``units_`` are their boundaries in the choice's vintage; ``height``: the px
    the page draws it at."""
    ready = prepared(choice, table, catalogue)
    values, lines, title = _shading(choice, ready, catalogue, lang, sources)
    spec = builders.province_detail_map(
        province, units_, values, level=choice.level, kind=KIND[choice.measure], lang=lang,
        tooltip=lines, district_lines=district_lines, pilot_outline=pilot_outline,
        height=height)
    return MapView(spec, title, [n for n in notes if n], lines)


def _figure_words(rows: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> str:
    """"target 9,000 groups (2021–2025); result 10,393 groups (2021–2025)" of a few rows."""
    words = []
    for row in rows.sort_values([Figure.measure, Figure.period_start]).itertuples():
        unit = _unit_word(catalogue, row.indicator_id, lang) or row.unit
        period = (str(row.period_start) if row.period_start == row.period_end
                  else f"{row.period_start}–{row.period_end}")
        words.append(f"{i18n.measure_text(row.measure, lang)} "
                     f"{fmt_number(row.value, lang)} {unit} ({period})")
    return "; ".join(dict.fromkeys(words))


def relevant_figures(figures: pd.DataFrame, choice: MapChoice) -> pd.DataFrame:
    """The figures of ``choice.indicator`` a map of ``choice`` draws: targets holding the year
    (attainment) or results inside the year or phase (result); none for coverage."""
    if choice.indicator is None or choice.measure == "coverage":
        return figures.iloc[0:0]
    rows = metrics.filter_figures(figures, indicator=choice.indicator)
    if choice.measure == "attainment":
        rows = metrics.filter_figures(rows, year=choice.year)
        return rows[(rows[Figure.measure] == "target").to_numpy()]
    start, end = (choice.year, choice.year) if choice.year else map_values.PHASE
    inside = ((rows[Figure.period_start] >= start) & (rows[Figure.period_end] <= end)
              & (rows[Figure.measure] == "actual"))
    return rows[inside.to_numpy()]


def level_notes(figures: pd.DataFrame, choice: MapChoice, catalogue: pd.DataFrame, lang: str,
                *, table: pd.DataFrame | None = None) -> list[str]:
    """Notes on the figures a map of ``choice`` cannot draw at its level.

    ``figures``: those in the map's scope (the country, or the 2021 provinces drilled into).
    Says for how many units of the other levels there are figures, the country's own figures
    on the national map, a province's own figures in its drill-down (``table``: the units
    drawn; "as a whole" when none of them has a value), and the districts a 2025 drill-down
    cannot draw.
    """
    rows = relevant_figures(figures, choice)
    if rows.empty:
        return []
    counts = {level: int(rows.loc[(rows[Figure.level] == level).to_numpy(), code].nunique())
              for level, code in map_values.LEVEL_CODE.items()}
    # The scope's own figures (the country's, or each province's), targets and results alike.
    own = metrics.filter_figures(figures, indicator=choice.indicator, year=choice.year,
                                 level="national" if choice.level == "province" else "province")
    if choice.level == "province":
        return [n for n in [map_text.other_levels_note(
            counts, "province", lang, _figure_words(own, catalogue, lang))] if n]
    shown = {**counts, "province": 0}  # a province's own figures are worded apart, below
    notes = []
    if choice.vintage == units.NEW:
        if counts["district"]:
            notes.append(t("note_no_districts_2025", lang,
                           districts=map_text.count_words(counts["district"], "district", lang)))
        shown["district"] = 0
    notes.insert(0, map_text.other_levels_note(shown, choice.level, lang))
    empty = table is None or table["value"].notna().sum() == 0
    for code, part in own.groupby(Figure.province_code, observed=True):
        notes.append(t("note_province_only" if empty else "note_province_also", lang,
                       name=unit_name(code, lang), figure=_figure_words(part, catalogue, lang)))
    return [n for n in notes if n]


def coverage_notes(coverage: pd.DataFrame, level: str, year: int | None, lang: str,
                   source_names: Mapping[str, str], province: str | None = None) -> list[str]:
    """What the sources count without naming the places (:func:`p8lib.maps.map_values.
    coverage_counts`): of the country on the national map, of a province in its drill-down."""
    scope = "national" if level == "province" else "province"
    counts = map_values.coverage_counts(coverage, scope, year)
    if province is not None:
        counts = counts[counts["code"] == province]
    if counts.empty:
        return []
    words = []
    for source, part in counts.groupby("source_id", sort=False):
        counted = [map_text.count_words(int(r.count), str(r.count_of), lang)
                   + (f" ({t('count_pilot', lang)})" if str(r.role).startswith("pilot") else "")
                   for r in part.itertuples()]
        words.append(t("count_of_in", lang, what=", ".join(counted),
                       source=source_names.get(source, source)))
    return [t("note_counts", lang, what="; ".join(words))]
