"""Sources & method: every source with its notes, one source's figures and quotes in context,
what attainment means, what is approximate, credits."""

import streamlit as st

from app import data, sections, state, widgets
from p8lib import maps
from p8lib.contract import t
from p8lib.present import citations, tables

state.require_router()
lang = state.lang()

st.title(t("page_sources", lang))
st.subheader(t("sources", lang))
st.caption(t("sources_intro", lang))
sources = data.sources()
table = citations.sources_table(sources, lang, data.figures(), data.coverage())
widgets.table(table, table, "sources", lang, key="sources_all")

st.subheader(t("source_pick", lang))
titles = dict(zip(sources["source_id"], sources["title"], strict=True))
files = dict(zip(sources["source_id"], sources["file"], strict=True))
chosen = st.selectbox(t("source", lang), [None, *titles], key="source_pick",
                      placeholder=t("source_pick_hint", lang),
                      format_func=lambda s: t("source_pick_hint", lang) if s is None
                      else f"{s} — {titles[s]}")
if chosen:
    st.table(citations.source_details(table, chosen, lang), hide_index=True)
    figures, coverage = citations.rows_citing(data.figures(), data.coverage(), chosen)
    if figures.empty and coverage.empty:
        st.info(t("no_source_rows", lang))
    if not figures.empty:
        st.markdown(f"**{t('source_figures', lang)}**")
        widgets.figures_table(figures, data.indicators(), lang, f"figures_{chosen}",
                              key="source_figures")
    if not coverage.empty:
        st.markdown(f"**{t('source_coverage', lang)}**")
        sections.formatted_table(tables.coverage_table(coverage, lang), lang,
                                 f"coverage_{chosen}", key="source_coverage")
    quotes = citations.quotes_of(figures, coverage)
    if quotes:
        st.markdown(f"**{t('quote_in_context', lang)}**")
        quote = st.selectbox(t("quote_pick", lang), quotes, key="source_quote")
        widgets.quote_in_context(data.source_text(files[chosen]), quote, lang, files[chosen])

with st.expander(t("unused_sources", lang)):
    unused = citations.unused_table(data.unused_sources(), lang)
    st.table(unused, hide_index=True)

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
