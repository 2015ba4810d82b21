"""Overview: how far Project 8 reaches and whether its targets are met."""

import streamlit as st

from app import data, sections, state, views, widgets
from p8lib.contract import t
from p8lib.present import display

state.require_router()
f = state.current()
lang, big = f["lang"], f["present"]
filters_ = {k: f[k] for k in ("province", "year", "content", "indicator")}

st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))

widgets.metric_row(display.reach_metrics(data.coverage_counts(), lang),
                   key="overview_reach")
st.subheader(t("core_vs_target", lang))
widgets.metric_row(views.headline_metrics(lang), key="overview_core")

sections.chart(views.attainment_chart(**filters_, lang=lang, large=big), big,
               key="overview_attainment_chart")
st.caption(t("method_text", lang))

st.subheader(t("reported_where", lang))
where = views.reported_where(**filters_, lang=lang)
if sections.has_rows(where, lang):  # a place per row: none when no figure is shown
    widgets.table(where, where, "reported_where", lang, key="overview_where")
