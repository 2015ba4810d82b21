"""Sources & method: every source, what attainment means, what is approximate, credits."""

import streamlit as st

from app import data, state, widgets
from p8lib import maps
from p8lib.contract import t
from p8lib.present import tables

state.require_router()
lang = state.lang()

st.title(t("page_sources", lang))
st.subheader(t("sources", lang))
table = tables.sources_table(data.sources(), lang)
widgets.table(table, table, "sources", lang, key="sources_all")

st.subheader(t("method", lang))
st.write(t("method_text", lang))
statuses = tables.status_table(lang)
widgets.table(statuses, statuses, "statuses", lang, key="sources_statuses")

st.subheader(t("approximate", lang))
st.write(t("approximate_text", lang))

st.subheader(t("credits", lang))
st.write(t("credits_text", lang))

st.subheader(t("boundary_credits", lang))  # the map boundaries' sources (p8lib.maps.credits)
boundary_credits = maps.boundary_credits(lang)
widgets.table(boundary_credits, boundary_credits, "boundary_credits", lang,
              key="sources_boundaries")
