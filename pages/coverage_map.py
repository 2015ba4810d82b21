"""Coverage map: where Project 8 reaches, with the VWU pilot provinces; both unit vintages."""

import streamlit as st

from app import data, maps, state, widgets
from p8lib.contract import t
from p8lib.maps import map_values
from p8lib.present import labels

state.require_router()
f = state.current()
lang = f["lang"]

st.title(t("page_map", lang))
vintage = st.segmented_control(t("vintage", lang), ["2021", "2025"], key="map_vintage",
                               default="2021", required=True,
                               format_func=lambda v: t(f"vintage_{v}", lang))
spec = maps.coverage_deck(vintage, lang)
if spec is None:
    st.info(t("map_not_built", lang))
else:
    st.pydeck_chart(spec.deck, on_select=state.map_selected, selection_mode="single-object",
                    key="map_deck", height=620)
    widgets.legend(spec.legend, t("figures_count", lang))
    st.caption(spec.note)  # approximate, not official; sources credited
if f["province"]:
    st.write(t("map_selected", lang, name=labels.unit_name(f["province"], lang)))
    st.page_link("pages/province.py", label=t("open_profile", lang))

st.subheader(t("pilot_provinces", lang))
pilots = map_values.pilot_provinces(data.coverage(), lang)
# Eight rows: a plain table, all in view (no scrolling grid to load beside the map).
st.table(pilots, hide_index=True)
widgets.downloads(pilots, "pilot_provinces", lang, key="map_pilots")
