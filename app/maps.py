"""The map side of the app: boundary layers, what the map colours, and its decks, cached.

Boundaries are read once per layer and shared (``st.cache_resource``: a 10,000-polygon frame
copied out of ``st.cache_data`` costs ~20 ms a rerun; the builders never modify them). What
the map colours (a map table, :mod:`p8lib.maps.map_values`) is cached by the filter values and
:func:`app.data.figures_token`, never by hashing the figures; its inputs come from
:mod:`app.views` (the attainment and filtered figures the other pages cache too). A deck is
built once per table, language and view and shared: a rerun with the same choices only sends
it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

import pandas as pd
import streamlit as st

from app import state, views
from app.data import coverage, figures_token, indicators, sources
from p8lib import units
from p8lib.analysis import filters, is_2025, metrics, provinces_in, targets
from p8lib.contract import LANGS, t
from p8lib.maps import map_text, map_values
from p8lib.present import unit_name

DECK_HEIGHT = 620


@st.cache_resource(show_spinner=False)
def boundaries(level: str, vintage: str):
    """Boundaries of one layer (:func:`p8lib.maps.geo.load_boundaries`), shared: never
    modify them."""
    from p8lib.maps import geo  # noqa: PLC0415

    return geo.load_boundaries(level, vintage)


@st.cache_resource(show_spinner=False, max_entries=256)
def in_province(level: str, vintage: str, province: str):
    """The boundaries of ``level`` in ``province`` (for ``"province"``, the province itself),
    one frame per province, shared by every view of it: what the builders make of a frame
    once (its shapes fitted to the map's vertex budget, ``geo.fit_to_vertex_budget``, and
    its coordinate lists) is made once per province, not once per view (docs/benchmarks.md,
    session 21). Never modify them."""
    frame = boundaries(level, vintage)
    column = "code" if level == "province" else "province_code"
    return frame[(frame[column] == province).to_numpy()]


@st.cache_resource(show_spinner=False, max_entries=64)
def pilot_boundaries(provinces: tuple[str, ...] | None = None):
    """The VWU pilot provinces' 2021 boundaries (of these 2021 provinces only, when given),
    shared as :func:`in_province`'s are. Never modify them."""
    frame = boundaries("province", units.OLD)
    codes = set(pilot_codes())
    if provinces is not None:
        codes &= set(provinces)
    return frame[frame["code"].isin(sorted(codes)).to_numpy()]


@st.cache_data(show_spinner=False)
def new_province_of() -> dict[str, str]:
    """2021 province code → its 2025 province's code."""
    crosswalk = units.province_crosswalk()
    return dict(zip(crosswalk["old_province_code"], crosswalk["new_province_code"],
                    strict=True))


def old_provinces_of(code_2025: str) -> list[str]:
    """The 2021 provinces merged into a 2025 province, sorted."""
    return sorted(old for old, new in new_province_of().items() if new == code_2025)


@st.cache_data(show_spinner=False)
def pilot_codes() -> list[str]:
    """The 2021 codes of the VWU pilot provinces."""
    return map_values.pilot_codes(coverage(), units.OLD)


@st.cache_data(show_spinner=False)
def pilot_table(lang: str) -> pd.DataFrame:
    """:func:`p8lib.maps.map_values.pilot_provinces` in ``lang``."""
    return map_values.pilot_provinces(coverage(), lang)


@st.cache_data(show_spinner=False)
def source_names() -> dict[str, str]:
    """Source id → the short name a tooltip gives."""
    return map_text.source_labels(sources())


@st.cache_resource(show_spinner=False, max_entries=8)
def _indicator_rows(token: tuple[str, str], indicator: str) -> pd.DataFrame:
    """One indicator's figures (1/32 of the national-scale table), shared: never modify
    them. Every map of the indicator starts from them: a province's rows are a cheap slice."""
    del token  # the cache key only: which figures are in use
    return map_values.of_2021_units(views.filtered(indicator=indicator))


def indicator_rows(indicator: str, provinces: list[str] | None = None) -> pd.DataFrame:
    """The figures of ``indicator``, of these 2021 provinces only when given."""
    rows = _indicator_rows(figures_token(), indicator)
    if provinces is None:
        return rows
    return rows[rows["province_code"].isin(provinces).to_numpy()]


@st.cache_resource(show_spinner=False, max_entries=16)
def _indicator_attainment(token: tuple[str, str], indicator: str, year: int | None
                          ) -> pd.DataFrame:
    """:func:`p8lib.analysis.targets.attainment` of one indicator in ``year``, every unit at
    every level, once per year: the national map and every drill-down are slices of it.
    Shared: never modify it."""
    del token  # the cache key only: which figures are in use
    rows = metrics.filter_figures(indicator_rows(indicator), year=year)
    return targets.attainment(rows, indicators())


@st.cache_resource(show_spinner=False, max_entries=64)
def _table(token: tuple[str, str], measure: str, indicator: str | None, content: int | None,
           year: int | None, level: str, province: str | None) -> pd.DataFrame:
    """A 2021 map table: of every province (``province`` None), or of one province's
    districts or communes. Shared (a rerun asks for it several times: no pickled copy each
    time); :func:`table` hands out shallow copies."""
    if measure == "coverage":
        rows = map_values.of_2021_units(coverage())
        if province:
            rows = rows[rows["province_code"] == province]
        return map_values.coverage_table(rows, map_values.of_2021_units(
            views.filtered(province, year)), level, year)
    scope = None if province is None else [province]
    if measure == "value":
        return map_values.value_table(indicator_rows(indicator, scope), indicators(),
                                      indicator, level, year)
    if indicator is None:  # the mean over the indicators (of the content area)
        attain = map_values.of_2021_units(views.attainment(
            province, year, content, None, level="province" if province is None else None))
    else:
        attain = _indicator_attainment(token, indicator, year)
        if province is not None:
            attain = attain[(attain["province_code"] == province).to_numpy()]
    return map_values.attainment_table(attain, level, year)


def table(measure: str, indicator: str | None, content: int | None, year: int | None,
          level: str, provinces: list[str] | None = None) -> pd.DataFrame:
    """The 2021 map table of the country (``provinces`` None) or of these provinces' units."""
    parts = [_table(figures_token(), measure, indicator, content, year, level, code)
             for code in ([None] if provinces is None else provinces)]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].copy(deep=False)


@dataclass
class MapPage:
    """What the coverage page shows of its map (the deck is None when the map asks for an
    indicator first). ``key`` names the view (vintage, province, level): the selection of
    a click carries it (:func:`app.state.selected_codes`)."""

    view: object | None
    key: str
    national: bool
    vintage: str
    province: str | None = None
    parts: list[str] = field(default_factory=list)
    info: str = ""

    def on_select(self):
        """The deck's ``on_select`` callback."""
        return partial(state.map_selected, self.key, self.vintage, self.national,
                       new_of=new_province_of())

    def selected(self, lang: str) -> str:
        """The unit selected in a drill-down, named, with its value ("" for none)."""
        if self.national or self.view is None:
            return ""
        for layer, code in state.selected_codes(self.key).items():
            level = layer.removesuffix("s")
            frame = boundaries(level, self.vintage) if level in ("commune", "district") else None
            if frame is None:
                continue
            names = frame.loc[frame["code"] == code, "name_en" if lang == "en" else "name_vi"]
            value = self.view.tooltips["value"].get(code, "")
            name = names.iloc[0] if len(names) else code
            return t("map_selected_unit", lang, name=f"{name}: {value}" if value else name)
        return ""


def drilled_province(vintage: str) -> str | None:
    """The province the map is drilled into (a code of ``vintage``), if any."""
    return state.map_province(vintage, new_province_of())


def default_level(measure: str, indicator: str | None, content: int | None,
                  year: int | None, province: str) -> str:
    """The level a 2021 drill-down opens at: communes, unless only districts have values."""
    def filled(level: str) -> bool:
        return table(measure, indicator, content, year, level, [province])["value"].notna().any()

    return "district" if not filled("commune") and filled("district") else "commune"


@st.cache_resource(show_spinner=False, max_entries=32)
def _view(token: tuple[str, str], measure: str, vintage: str, indicator: str | None,
          content: int | None, year: int | None, level: str, province: str | None,
          lang: str, height: int, svg: bool):
    """The map view (:class:`p8lib.maps.coverage_view.MapView`) of these choices, shared:
    never modify it."""
    del token  # the cache key only: which figures are in use
    from p8lib.maps import coverage_view  # noqa: PLC0415 - pydeck and geopandas, lazily

    choice = coverage_view.MapChoice(measure, vintage, indicator, year, level)
    catalogue = indicators()
    olds = None if province is None else ([province] if vintage == units.OLD
                                          else old_provinces_of(province))
    rows = table(measure, indicator, content, year, level, olds)
    notes = (coverage_view.level_notes(indicator_rows(indicator, olds), choice, catalogue,
                                       lang, table=rows) if indicator else [])
    for old in olds or [None]:
        notes += coverage_view.coverage_notes(coverage(), level, year, lang, source_names(),
                                              old) if measure == "coverage" else []
    notes += _not_drawn_note(measure, indicator, content, year, province, vintage, lang)
    if province is None:
        provinces = boundaries("province", vintage)
        return coverage_view.national_view(
            choice, rows, provinces, catalogue=catalogue, sources=source_names(), lang=lang,
            pilot_codes=pilot_codes() if vintage == units.OLD else [],
            pilot_outline=None if vintage == units.OLD else pilot_boundaries(), notes=notes,
            height=height, svg=svg)
    lines = (in_province("district", units.OLD, province)
             if vintage == units.OLD and level == "commune" else None)
    inside = pilot_boundaries(tuple(olds)) if vintage == units.NEW else None
    return coverage_view.detail_view(
        choice, rows, in_province("province", vintage, province),
        in_province(level, vintage, province), catalogue=catalogue, sources=source_names(),
        lang=lang, district_lines=lines, pilot_outline=inside, notes=notes, height=height)


@st.cache_resource(show_spinner=False, max_entries=2)
def _figures_2025(token: tuple[str, str]) -> pd.DataFrame:
    """The figures reported for units since July 2025 (shared: never modify them)."""
    del token  # the cache key only: which figures are in use
    rows = views.filtered()
    return rows[is_2025(rows)]


def _not_drawn_note(measure: str, indicator: str | None, content: int | None,
                    year: int | None, province: str | None, vintage: str, lang: str
                    ) -> list[str]:
    """What the map leaves uncoloured: the rows of this view reported for units since July
    2025 (:func:`p8lib.maps.map_values.of_2021_units`), counted, with where they are shown."""
    if measure == "coverage":
        rows = filters.coverage_in_scope(coverage(), year=year)
        rows = rows[is_2025(rows)]
    else:  # the few 2025 figures filtered, not every figure of the year
        rows = metrics.filter_figures(_figures_2025(figures_token()), year=year,
                                      content_area=content, indicator=indicator,
                                      catalogue=indicators())
    if province is not None:
        rows = rows[(provinces_in(rows, vintage) == province).fillna(False).to_numpy()]
    if rows.empty:
        return []
    return [t("map_2025_rows_not_drawn", lang, n=len(rows))]


def warm(slide_height: int) -> None:
    """Build the map page's first view — the national attainment map, as the page draws it
    and as the talk's map slide (SVG, ``slide_height`` px) does — in both languages, before a
    visitor asks (:mod:`app.warmup`); and read the boundaries every drill-down draws from,
    which the first drill-down would otherwise wait for (docs/benchmarks.md, session 20)."""
    for vintage in units.VINTAGES:
        boundaries("commune", vintage)
    boundaries("district", units.OLD)
    for lang in LANGS:
        for height, svg in ((DECK_HEIGHT, False), (slide_height, True)):
            _view(figures_token(), "attainment", units.OLD, None, None, None, "province", None,
                  lang, height, svg)


def map_page(filters: dict, vintage: str, measure: str, level: str,
             height: int = DECK_HEIGHT, svg: bool = False) -> MapPage:
    """Everything the coverage page shows of its map under these choices, the map drawn
    ``height`` px tall; with ``svg``, the national map as an SVG figure (a presenter's slide:
    drawn in well under a second by a browser without a GPU, where the deck takes seconds)."""
    lang = filters["lang"]
    province = drilled_province(vintage)
    national = province is None
    level = "province" if national else ("commune" if vintage == units.NEW else level)
    key = f"map_deck_{vintage}_{province or 'all'}_{level}"
    page = MapPage(None, key, national, vintage, province)
    if province is not None:
        page.parts = [province] if vintage == units.OLD else old_provinces_of(province)
    if measure == "value" and not filters["indicator"]:
        page.info = t("map_choose_indicator", lang)
        return page
    try:
        page.view = _view(figures_token(), measure, vintage, filters["indicator"],
                          filters["content"], filters["year"], level, province, lang, height,
                          svg and national)
    except (ImportError, FileNotFoundError):
        page.info = t("map_not_built", lang)
    return page


def province_label(code: str, vintage: str, lang: str) -> tuple[str, str]:
    """A province's name, and for a 2025 province the 2021 provinces it was made of."""
    if vintage == units.OLD:
        return unit_name(code, lang), ""
    names = units.provinces(units.NEW).set_index("province_code")
    name = str(names.loc[code, "name_en" if lang == "en" else "name_vi"]) if (
        code in names.index) else code
    parts = ", ".join(unit_name(old, lang) for old in old_provinces_of(code))
    return name, t("map_made_of", lang, parts=parts)
