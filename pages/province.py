"""Province profile: targets and results, attainment, coverage and sources of one province."""

import streamlit as st

from app import data, state, widgets
from p8lib import charts, metrics, views
from p8lib.i18n import t

state.require_router()
f = state.current()
lang, big, province = f["lang"], f["present"], f["province"]
catalogue = data.indicators()

st.title(t("page_province", lang))
if not province:
    st.info(t("choose_province", lang))
    st.stop()

st.header(f"{views.unit_name(province, lang)} ({province})")
figures = metrics.filter_figures(data.figures(), province=province, year=f["year"],
                                 content_area=f["content"], indicator=f["indicator"],
                                 catalogue=catalogue)
coverage = data.coverage()
coverage = coverage[coverage["province_code"] == province]

st.subheader(t("targets_results", lang))
if figures.empty:
    st.info(t("no_data", lang))
else:
    bars = views.target_actual_frame(figures, catalogue, lang)
    st.plotly_chart(charts.target_actual_bar(bars, lang, t("targets_results", lang), big),
                    config={"displaylogo": False, "displayModeBar": not big},
                    key="province_chart")
    table = views.figure_table(figures, catalogue, lang)
    widgets.table(table, views.display_frame(table, lang), f"figures_{province}", lang,
                  key="province_figures")

    st.subheader(t("attainment", lang))
    attain = data.attainment(figures, catalogue)
    attain_table = views.attainment_table(attain, catalogue, lang)
    widgets.table(attain_table, views.display_frame(attain_table, lang,
                                                    percent=(t("attainment_pct", lang),)),
                  f"attainment_{province}", lang, key="province_attainment")

st.subheader(t("coverage_rows", lang))
if coverage.empty:
    st.info(t("no_coverage", lang))
else:
    cov = views.coverage_table(coverage, lang)
    widgets.table(cov, views.display_frame(cov, lang), f"coverage_{province}", lang,
                  key="province_coverage")

st.subheader(t("sources_quotes", lang))
used = views.sources_used(figures, coverage, data.sources(), lang)
widgets.table(used, used, f"sources_{province}", lang, key="province_sources")
