"""Province profile: targets and results, attainment, coverage and sources of one province."""

import streamlit as st

from app import data, sections, state, views, widgets
from p8lib.contract import t
from p8lib.present import citations, labels, tables

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

    # One section at a time: only the open tab's content runs (on_change="rerun"), so a
    # change of province or year computes what is on screen, not the attainment and tables
    # of the hidden tabs.
    results, attainment, covered, cited = st.tabs(
        [t("targets_results", lang), t("attainment", lang), t("coverage_rows", lang),
         t("sources_quotes", lang)], key="province_tab", on_change="rerun")
    if results.open:
        with results:
            if sections.has_rows(figures, lang):
                chart = views.target_actual_chart(**filters_, lang=lang,
                                                  title="", large=big)  # the tab names it
                sections.chart_and_figures(chart, figures, catalogue, lang, big,
                                           f"figures_{province}", key="province")
    if attainment.open:
        with attainment:
            attain = views.attainment(**filters_)
            if sections.has_rows(attain, lang):
                sections.formatted_table(tables.attainment_table(attain, catalogue, lang), lang,
                                         f"attainment_{province}", key="province_attainment",
                                         percent=(t("attainment_pct", lang),))
    coverage = data.coverage()  # a small table: selecting its province's rows is cheap
    coverage = coverage[coverage["province_code"] == province]
    if covered.open:
        with covered:
            if sections.has_rows(coverage, lang, empty_note="no_coverage"):
                sections.formatted_table(tables.coverage_table(coverage, lang), lang,
                                         f"coverage_{province}", key="province_coverage")
    if cited.open:
        with cited:
            used = citations.sources_used(figures, coverage, data.sources(), lang)
            widgets.table(used, used, f"sources_{province}", lang, key="province_sources")
