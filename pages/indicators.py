"""Indicators: one indicator across provinces and years, grouped by content area."""

import streamlit as st

from app import data, sections, state, views, widgets
from p8lib.analysis import filters
from p8lib.contract import i18n, t
from p8lib.present import labels

state.require_router()
f = state.current()
lang, big = f["lang"], f["present"]
catalogue = data.indicators()

st.title(t("page_indicators", lang))
indicator = f["indicator"]
if not indicator:
    st.info(t("choose_indicator", lang))
    options = filters.indicator_options(catalogue, f["content"])
    indicator = st.selectbox(t("indicator", lang), options, key="indicators_pick",
                             format_func=labels.indicator_labels(catalogue, lang).get)

row = catalogue[catalogue["indicator_id"] == indicator].iloc[0]
st.header(labels.indicator_label(catalogue, indicator, lang))
st.caption(f"{i18n.area_label(row['content_area'], lang)} · {t('unit', lang)}: "
           f"{row['unit_vi'] if lang == 'vi' else row['unit']}")
shown = views.filtered(province=f["province"], year=f["year"], indicator=indicator)
if sections.has_rows(shown, lang):
    across = views.indicator_across(f["province"], f["year"], indicator, lang)
    if across.attrs["note"]:  # too many places to draw: what was summed or left out
        st.caption(across.attrs["note"])
    chart = views.indicator_chart(f["province"], f["year"], indicator, lang,
                                  t("indicator_across", lang), big)
    sections.chart_and_figures(chart, shown, catalogue, lang, big, f"indicator_{indicator}",
                               key="indicators")

st.subheader(t("catalogue", lang))
cat_table = views.catalogue_table(lang)
widgets.table(cat_table, cat_table, "indicators", lang, key="indicators_catalogue")
