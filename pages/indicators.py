"""Indicators: one indicator across provinces and years, grouped by content area.

In presenter mode a slide of its own: the indicator's name and its chart across places,
drawn to fit the screen.
"""

import streamlit as st

from app import data, sections, slides, state, views, widgets
from p8lib.contract import i18n, t
from p8lib.present import labels

state.require_router()
f = state.current()
lang, big = f["lang"], f["present"]
catalogue = data.indicators()
indicator = f["indicator"]

if indicator and big:
    st.title(labels.indicator_label(catalogue, indicator, lang))
else:
    st.title(t("page_indicators", lang))
# What an indicator's choice shows sits in boxes that are there for every choice: the
# catalogue below keeps its place among the page's elements, and is not drawn again when an
# indicator is chosen or let go; the chart's element, between them, is there too — hidden
# while none is chosen — so that a choice draws into the plot already there
# (docs/benchmarks.md, issue #19).
chart = None
with st.container():
    if not indicator:
        # Chosen here or in the sidebar, the indicator is the shared filter (and in the URL);
        # this picker and its note are gone once one is chosen.
        # The sidebar is hidden while presenting: the note must not send people there.
        st.info(t("choose_indicator_presenting" if big else "choose_indicator", lang))
        st.selectbox(t("indicator", lang), data.indicator_options(f["content"]),
                     index=None, placeholder=t("choose_indicator_pick", lang),
                     key="indicators_pick",
                     format_func=labels.indicator_labels(catalogue, lang).get,
                     on_change=state.filter_from, args=("indicators_pick", "indicator"))
    else:
        row = catalogue[catalogue["indicator_id"] == indicator].iloc[0]
        if not big:
            st.header(labels.indicator_label(catalogue, indicator, lang))
        st.caption(f"{i18n.area_label(row['content_area'], lang)} · {t('unit', lang)}: "
                   f"{row['unit_vi'] if lang == 'vi' else row['unit']} · "
                   f"{views.scope(f['province'], f['year'], lang)}")
        shown = views.filtered(province=f["province"], year=f["year"], indicator=indicator)
        if sections.has_rows(shown, lang):
            across = views.indicator_across(f["province"], f["year"], indicator, lang)
            # Too many places to draw: what was summed or left out. Its place is kept when
            # there is none, so that the chart stays where it was across filters.
            note = st.empty()
            if across.attrs["note"]:
                note.caption(across.attrs["note"])
            chart, drawn, places = views.indicator_chart(
                f["province"], f["year"], indicator, lang, big,
                max_height=slides.INDICATOR_CHART if big else None)
sections.chart(chart, lang, big, key="indicators_chart")
with st.container():
    if chart is not None and big:
        if drawn < places:
            st.caption(t("chart_places_cut", lang, shown=drawn, n=places))
    elif chart is not None:  # the figures as an HTML table: redrawn at once on a change
        widgets.figures_table(shown, catalogue, lang, f"indicator_{indicator}",
                              key="indicators_figures", as_html=True,
                              label=labels.indicator_label(catalogue, indicator, lang),
                              shown=views.figures_shown(lang, f["province"], f["year"],
                                                        indicator=indicator))

if not big:
    st.subheader(t("catalogue", lang))
    cat_table = views.catalogue_table(lang)
    widgets.table(cat_table, cat_table, "indicators", lang, key="indicators_catalogue",
                  as_html=True, label=t("catalogue", lang))
