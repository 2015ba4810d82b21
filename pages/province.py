"""Province profile: targets and results, attainment, coverage and sources of one province.

In presenter mode a slide of its own: the province's name, its core tiles and its targets
and results, drawn to fit the screen.
"""

import streamlit as st

from app import data, sections, slides, state, views, widgets
from p8lib.contract import N_, t
from p8lib.present import citations, labels, tables

state.require_router()
f = state.current()
lang, big, province = f["lang"], f["present"], f["province"]
catalogue = data.indicators()
filters_ = {k: f[k] for k in ("province", "year", "content", "indicator")}

if not province:
    st.title(t("page_province", lang))
    # The sidebar is hidden while presenting: the note must not send people there.
    st.info(t("choose_province_presenting" if big else "choose_province", lang))
elif big:  # a slide: attainment of the province's targets, else its figures, else places
    st.title(labels.unit_name(province, lang))
    st.caption(views.scope(province, f["year"], lang))
    fitted = (views.indicator_attainment_chart(**filters_, lang=lang, large=True,
                                               max_height=slides.PROVINCE_CHART)
              or views.target_actual_chart(**filters_, lang=lang, large=True,
                                           max_height=slides.PROVINCE_CHART))
    if fitted is not None:
        chart, shown, total = fitted
        sections.chart(chart, lang, big, key="province_chart")
        if shown < total:
            st.caption(t("chart_rows_cut", lang, shown=shown, n=total))
    elif not (figures := views.filtered(**filters_)).empty:  # district or commune figures
        st.caption(t("lower_level_figures", lang))
        shown = tables.figure_table(figures, catalogue, lang)[
            [t(k, lang) for k in ("unit_name", "indicator", "measure", "period", "value",
                                  "unit")]]
        sections.formatted_table(shown, lang, f"figures_{province}", key="province_figures")
    else:
        st.caption(t("no_province_figures", lang))
        coverage = data.coverage()
        coverage = coverage[coverage["province_code"] == province]
        if sections.has_rows(coverage, lang):
            places = tables.coverage_table(coverage, lang)[
                [t(k, lang) for k in ("unit_name", "role", "period", "count", "count_of")]]
            sections.formatted_table(places, lang, f"coverage_{province}",
                                     key="province_coverage")
else:
    # No st.stop() above: the router still draws what follows the page.
    st.title(t("page_province", lang))
    place = labels.unit_name(province, lang)
    st.header(f"{place} ({province})")
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
                fitted = views.target_actual_chart(**filters_, lang=lang, large=False)
                # The figures as one HTML table: redrawn at once on a change of filter.
                sections.chart_and_figures(None if fitted is None else fitted[0], figures,
                                           catalogue, lang, big, f"figures_{province}",
                                           key="province", as_html=True,
                                           label=f"{t('targets_results', lang)} — {place}",
                                           shown=views.figures_shown(lang, **filters_))
    if attainment.open:
        with attainment:
            attain = views.attainment(**filters_)
            if sections.has_rows(attain, lang):
                sections.formatted_table(tables.attainment_table(attain, catalogue, lang), lang,
                                         f"attainment_{province}", key="province_attainment",
                                         percent=(t("attainment_pct", lang),), as_html=True,
                                         label=f"{t('attainment', lang)} — {place}")
    coverage = data.coverage()  # a small table: selecting its province's rows is cheap
    coverage = coverage[coverage["province_code"] == province]
    if covered.open:
        with covered:
            if sections.has_rows(coverage, lang, empty_note=N_("no_coverage")):
                sections.formatted_table(tables.coverage_table(coverage, lang), lang,
                                         f"coverage_{province}", key="province_coverage")
    if cited.open:
        with cited:
            used = citations.sources_used(figures, coverage, data.sources(), lang)
            widgets.table(used, used, f"sources_{province}", lang, key="province_sources")
