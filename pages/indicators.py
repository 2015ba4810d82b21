"""Indicators: one indicator across provinces and years, grouped by content area."""

import streamlit as st

from app import data, state, widgets
from p8lib import charts, i18n, metrics, views
from p8lib.i18n import t

state.require_router()
f = state.current()
lang, big = f["lang"], f["present"]
catalogue = data.indicators()
figures = data.figures()

st.title(t("page_indicators", lang))
indicator = f["indicator"]
if not indicator:
    st.info(t("choose_indicator", lang))
    options = views.indicator_options(catalogue, f["content"])
    indicator = st.selectbox(t("indicator", lang), options, key="indicators_pick",
                             format_func=lambda i: views.indicator_label(catalogue, i, lang))

row = catalogue[catalogue["indicator_id"] == indicator].iloc[0]
st.header(views.indicator_label(catalogue, indicator, lang))
st.caption(f"{i18n.area_label(row['content_area'], lang)} · {t('unit', lang)}: "
           f"{row['unit_vi'] if lang == 'vi' else row['unit']}")
shown = metrics.filter_figures(figures, province=f["province"], year=f["year"],
                               indicator=indicator)
if shown.empty:
    st.info(t("no_data", lang))
else:
    across = views.indicator_across(shown, indicator, lang)
    st.plotly_chart(charts.indicator_bar(across, lang, t("indicator_across", lang), big),
                    config={"displaylogo": False, "displayModeBar": not big},
                    key="indicators_chart")
    table = views.figure_table(shown, catalogue, lang)
    widgets.table(table, views.display_frame(table, lang), f"indicator_{indicator}", lang,
                  key="indicators_figures")

st.subheader(t("catalogue", lang))
cat_table = views.catalogue_table(catalogue, lang)
widgets.table(cat_table, cat_table, "indicators", lang, key="indicators_catalogue")
