"""Coverage map: attainment, results or coverage per province, and a province's districts and
communes; the 63 provinces before July 2025 or the 34 since, with the VWU pilot provinces."""

import streamlit as st

from app import deck_map, maps, plot, slides, state, widgets
from p8lib.contract import t
from p8lib.maps import map_values
from p8lib.present import labels

state.require_router()
f = state.current()
lang = f["lang"]

st.title(t("page_map", lang))
state.init_map_controls()
left, right = st.columns([5, 4])
with left:
    vintage = st.segmented_control(t("vintage", lang), state.MAP_OPTIONS["map_vintage"],
                                   key="map_vintage", required=True,
                                   format_func=lambda v: t(f"vintage_{v}", lang))
with right:
    measure = st.segmented_control(t("map_measure", lang), map_values.MEASURES,
                                   key="map_measure", required=True,
                                   format_func=lambda m: t(f"measure_{m}", lang))
province = maps.drilled_province(vintage)
# A drill-down's heading and controls sit in a box that is there for every view: the map
# below keeps its place among the page's elements, and so its deck (app/deck_map.py).
with st.container():
    if province is not None:
        name, made_of = maps.province_label(province, vintage, lang)
        head, back = st.columns([3, 1], vertical_alignment="center")
        head.subheader(name)
        back.button(t("map_national", lang), key="map_national", on_click=state.back_to_national)
        if made_of:
            st.caption(made_of)
        if vintage == "2021":
            state.set_level_for(province, maps.default_level(measure, f["indicator"], f["content"],
                                                             f["year"], province))
            st.segmented_control(t("map_level", lang), state.MAP_OPTIONS["map_level"],
                                 key="map_level", required=True,
                                 format_func=lambda v: t(f"map_level_{v}", lang))
height = slides.MAP_HEIGHT if f["present"] else maps.DECK_HEIGHT
# A slide draws the national map as SVG: there within a second on any projector's PC.
page = maps.map_page(f, vintage, measure, st.session_state.get("map_level", "commune"), height,
                     svg=f["present"])
state.sync_map_url()

if page.info:
    st.info(page.info)
if page.view is not None:
    if page.view.spec.figure is not None:
        plot.chart(page.view.spec.figure, f"{page.key}_svg", lang, toolbar=False)
    else:
        deck_map.deck_map(page.view.spec.deck, state.MAP_ELEMENT, page.key, height,
                          page.view.title, lang, on_select=page.on_select())
    widgets.legend(page.view.spec.legend, page.view.title)
    # A slide is the map, its legend and whose boundaries: the notes stay on the page.
    for note in [] if f["present"] else page.view.notes:
        st.caption(note)
    st.caption(page.view.spec.note)  # whose boundaries, approximate or not
    chosen = page.selected(lang)
    if chosen:
        st.write(chosen)
for code in page.parts:
    if st.button(f"{t('open_profile', lang)}: {labels.unit_name(code, lang)}",
                 key=f"map_profile_{code}", on_click=state.choose_province, args=(code,)):
        st.switch_page("pages/province.py")

if not f["present"]:  # a slide is the map and its legend, fitting the screen
    st.subheader(t("pilot_provinces", lang))
    pilots = maps.pilot_table(lang)
    # Eight rows: a plain table, all in view (no scrolling grid to load beside the map).
    st.table(pilots, hide_index=True)
    widgets.downloads(pilots, "pilot_provinces", lang, key="map_pilots")
