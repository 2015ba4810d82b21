"""Province profile: targets and results, attainment, coverage and sources of one province."""

import streamlit as st

from app import data, sections, state, views, widgets
from p8lib import labels, tables
from p8lib.i18n import t

state.require_router()
f = state.current()
lang, big, province = f["lang"], f["present"], f["province"]
catalogue = data.indicators()

st.title(t("page_province", lang))
if not province:
    st.info(t("choose_province", lang))
else:
    # No st.stop() above: the router still draws what follows the page (the presenter
    # mode's exit button).
    st.header(f"{labels.unit_name(province, lang)} ({province})")
    filters_ = {k: f[k] for k in ("province", "year", "content", "indicator")}
    figures = views.filtered(**filters_)
    coverage = data.coverage()
    coverage = coverage[coverage["province_code"] == province]

    st.subheader(t("targets_results", lang))
    if sections.has_rows(figures, lang):
        chart = views.target_actual_chart(**filters_, lang=lang,
                                         title="", large=big)  # the subheader names it
        sections.chart_and_figures(chart, figures, catalogue, lang, big, f"figures_{province}",
                                   key="province")

        st.subheader(t("attainment", lang))
        attain = views.attainment(**filters_)
        sections.formatted_table(tables.attainment_table(attain, catalogue, lang), lang,
                                 f"attainment_{province}", key="province_attainment",
                                 percent=(t("attainment_pct", lang),))

    st.subheader(t("coverage_rows", lang))
    if sections.has_rows(coverage, lang, empty_note="no_coverage"):
        sections.formatted_table(tables.coverage_table(coverage, lang), lang,
                                 f"coverage_{province}", key="province_coverage")

    st.subheader(t("sources_quotes", lang))
    used = tables.sources_used(figures, coverage, data.sources(), lang)
    widgets.table(used, used, f"sources_{province}", lang, key="province_sources")
