"""Project 8 dashboard — the router: page config, navigation, the shared sidebar, the page.

Run with ``streamlit run dashboard.py``. Filters live in the URL (``province``, ``year``,
``content``, ``indicator``, ``lang``, ``present``, ``slide``), so a link reproduces a view.
"""

from __future__ import annotations

import streamlit as st

from app import auth, data, slides, state, widgets
from p8lib.contract import i18n, t

st.set_page_config(page_title="Dự án 8 / Project 8", page_icon="🌸", layout="wide")
data.refresh_store_state()  # the store's version: every cache of this run is keyed by it

catalogue = data.indicators()
province_codes = data.province_options()
years = data.year_options()
if state.init_from_url(set(province_codes), set(years), set(catalogue["indicator_id"])):
    slides.seed()
lang = state.lang()
if data.is_synthetic():
    st.warning(t("synthetic_banner", lang))

# No page icons: emoji draw as empty boxes where no emoji font is installed (headless
# Chromium, many office PCs) and ":material/…:" icons are fetched from a font CDN.
pages = {
    "overview": st.Page("pages/overview.py", title=t("page_overview", lang),
                        url_path="overview", default=True),
    "coverage_map": st.Page("pages/coverage_map.py", title=t("page_map", lang),
                            url_path="coverage_map"),
    "province": st.Page("pages/province.py", title=t("page_province", lang),
                        url_path="province"),
    "indicators": st.Page("pages/indicators.py", title=t("page_indicators", lang),
                          url_path="indicators"),
    "data": st.Page("pages/data.py", title=t("page_data", lang), url_path="data"),
    "history": st.Page("pages/history.py", title=t("page_history", lang), url_path="history"),
    "sources": st.Page("pages/sources.py", title=t("page_sources", lang), url_path="sources"),
}
state.serve_default_page_at("overview")
page = st.navigation(list(pages.values()))
page_name = slides.follow(pages, page)  # a slide's page, before anything is drawn

with st.sidebar:
    # Language and presenter mode first: at the bottom of a short sidebar they were cut off.
    st.segmented_control(t("language", lang), list(i18n.LANGS), key="lang", required=True,
                         format_func=i18n.LANG_NAMES.get, on_change=state.language_changed)
    st.toggle(t("presenter", lang), key="present", on_change=state.presenter_toggled)
    st.subheader(t("filters", lang))
    state.keep_valid("province", [None, *province_codes])
    province_names = data.province_names(lang)
    st.selectbox(t("province", lang), [None, *province_codes], key="province",
                 placeholder=t("all_provinces", lang),
                 format_func=lambda c: t("all_provinces", lang) if c is None
                 else f"{province_names.get(c, c)} ({c})")
    state.keep_valid("year", [None, *years])
    st.selectbox(t("year", lang), [None, *years], key="year",
                 placeholder=t("all_years", lang),
                 format_func=lambda y: t("all_years", lang) if y is None else str(y))
    state.keep_valid("content", [None, 1, 2, 3, 4])
    st.selectbox(t("content_area", lang), [None, 1, 2, 3, 4], key="content",
                 placeholder=t("all_areas", lang),
                 format_func=lambda a: t("all_areas", lang) if a is None
                 else i18n.area_label(a, lang))
    indicator_ids = data.indicator_options(st.session_state.get("content"))
    indicator_names = data.indicator_labels(lang)
    state.keep_valid("indicator", [None, *indicator_ids])
    st.selectbox(t("indicator", lang), [None, *indicator_ids], key="indicator",
                 placeholder=t("all_indicators", lang),
                 format_func=lambda i: t("all_indicators", lang) if i is None
                 else indicator_names.get(i, i))
    st.caption(data.as_of_text(lang))
    auth.sidebar(lang)
    st.caption(t("app_subtitle", lang))

state.sync_url()
present = state.current()["present"]
widgets.page_styles(lang, present)
if present:
    slides.bar(page_name, lang)
with state.routed():
    page.run()
