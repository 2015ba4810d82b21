"""Overview: how far Project 8 reaches and whether its targets are met, for the scope the
filters say (a province or the country, a year or every year)."""

import streamlit as st

from app import sections, slides, state, views, widgets
from p8lib.contract import N_, t

state.require_router()
f = state.current()
lang, big = f["lang"], f["present"]
filters_ = {k: f[k] for k in ("province", "year", "content", "indicator")}
scope = views.scope(f["province"], f["year"], lang)
# The reach counts places, whatever content area or indicator is chosen: it says so.
place_scope = scope if not (f["content"] or f["indicator"]) else \
    f"{scope} ({t('all_content_areas_note', lang)})"

reach = views.reach_metrics(f["province"], f["year"], lang)
core = views.headline_metrics(**filters_, lang=lang)
chart = views.attainment_chart(**filters_, lang=lang, large=big,
                               height=slides.OVERVIEW_CHART if big else None)
if big:  # one slide: title and reach, the core tiles, the chart
    head, side = st.columns([3, 2], vertical_alignment="bottom")
    with head:
        st.title(t("app_title", lang))
        st.caption(scope)
    with side:
        widgets.metric_row(reach, key="overview_reach")
    sections.tiles(core, lang, key="overview_core", empty_note=N_("no_core"))
    sections.chart(chart, lang, big, key="overview_attainment_chart")
else:
    st.title(t("app_title", lang))
    st.caption(t("app_subtitle", lang))
    st.subheader(f"{t('reach_title', lang)} — {place_scope}")
    widgets.metric_row(reach, key="overview_reach")
    st.subheader(f"{t('core_title', lang)} — {scope}")
    sections.tiles(core, lang, key="overview_core", empty_note=N_("no_core"))
    sections.chart(chart, lang, big, key="overview_attainment_chart")
    st.caption(t("method_text", lang))

    where_title = f"{t('reported_where_title', lang)} — {scope}"
    st.subheader(where_title)
    where = views.reported_where(**filters_, lang=lang)
    if sections.has_rows(where, lang):  # a place per row: none when no figure is shown
        # The national table, with every place, decides the kind of table for all scopes;
        # one HTML element, redrawn at once on every filter change.
        most = len(views.reported_where(None, None, None, None, lang))
        widgets.table(where, where, "reported_where", lang, key="overview_where",
                      most_rows=most, as_html=True, label=where_title)
