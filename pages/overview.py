"""Overview: how far Project 8 reaches and whether its targets are met."""

import streamlit as st

from app import data, sections, state, widgets
from p8lib import charts, display, metrics
from p8lib.i18n import t

state.require_router()
f = state.current()
lang, big = f["lang"], f["present"]
catalogue = data.indicators()
figures = data.figures()
shown = metrics.filter_figures(figures, province=f["province"], year=f["year"],
                               content_area=f["content"], indicator=f["indicator"],
                               catalogue=catalogue)
attain = data.attainment(figures, catalogue)

st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))

widgets.metric_row(display.reach_metrics(data.coverage_counts(), lang),
                   key="overview_reach")
st.subheader(t("core_vs_target", lang))
widgets.metric_row(display.headline_metrics(attain, catalogue, lang), key="overview_core")

by_area = metrics.attainment_by_content_area(data.attainment(shown, catalogue),
                                             level="province" if f["province"] else "national")
sections.chart(charts.attainment_by_area_bar(by_area, lang, large=big), big,
               key="overview_attainment_chart")
st.caption(t("method_text", lang))

st.subheader(t("reported_where", lang))
if sections.has_rows(shown, lang):
    where = data.reported_where(f["province"], f["year"], f["content"], f["indicator"], lang)
    widgets.table(where, where, "reported_where", lang, key="overview_where")
