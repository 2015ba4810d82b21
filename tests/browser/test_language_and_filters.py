"""The language switch and the filters in the URL, clicked as a person would."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from p8lib.contract.i18n import LANG_NAMES, t
from p8lib.present import labels
from tests.browser.helpers import (
    open_app,
    query,
    save_screenshot,
    selectbox_value,
    sidebar_select,
    table_texts,
    wait_idle,
)


def test_language_switch_changes_labels_and_url(page, server):
    open_app(page, f"{server.url}/sources", title=t("page_sources", "vi"))
    assert "lang" not in query(page)
    language = page.get_by_test_id("stSidebar").get_by_role("radiogroup")

    language.get_by_role("radio", name=LANG_NAMES["en"]).click()
    expect(page.locator("h1").first).to_have_text(t("page_sources", "en"))
    wait_idle(page)
    expect(page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink").first
           ).to_have_text(t("page_overview", "en"))
    assert selectbox_value(page, t("year", "en")) == t("all_years", "en")
    expect(page).to_have_url(f"{server.url}/sources?lang=en")

    language.get_by_role("radio", name=LANG_NAMES["vi"]).click()
    expect(page.locator("h1").first).to_have_text(t("page_sources", "vi"))
    wait_idle(page)
    expect(page).to_have_url(f"{server.url}/sources")


def test_filters_from_the_url_shape_the_view_and_changes_go_back_to_the_url(page, server):
    soc_trang, lao_cai = (f"{labels.unit_name(code, 'en')} ({code})" for code in ("94", "10"))
    open_app(page, f"{server.url}/province?province=94&year=2023&lang=en",
             title=t("page_province", "en"))
    expect(page.locator("h2").first).to_have_text(soc_trang)
    assert selectbox_value(page, t("province", "en")) == soc_trang
    assert selectbox_value(page, t("year", "en")) == "2023"
    save_screenshot(page, "province-94-2023-en")

    sidebar_select(page, t("province", "en"), lao_cai)
    expect(page.locator("h2").first).to_have_text(lao_cai)
    wait_idle(page)
    expect(page).to_have_url(f"{server.url}/province?province=10&year=2023&lang=en")

    sidebar_select(page, t("year", "en"), t("all_years", "en"))
    wait_idle(page)
    expect(page).to_have_url(f"{server.url}/province?province=10&lang=en")
    assert selectbox_value(page, t("year", "en")) == t("all_years", "en")


FILTERS = {"province": "94", "year": "2023", "content": "1", "indicator": "comm_groups"}


def test_a_language_switch_keeps_every_filter_on_the_next_pages(page, server):
    """Seen before: after vi → en the next page link lost ``province`` (a selectbox's
    browser side held the Vietnamese label, which the English options no longer had)."""
    params = "&".join(f"{k}={v}" for k, v in FILTERS.items())
    open_app(page, f"{server.url}/province?{params}", title=t("page_province", "vi"))
    language = page.get_by_test_id("stSidebar").get_by_role("radiogroup")
    nav = page.get_by_test_id("stSidebarNav")
    for lang in ("en", "vi"):
        language.get_by_role("radio", name=LANG_NAMES[lang]).click()
        expect(page.locator("h1").first).to_have_text(t("page_province", lang))
        wait_idle(page)
        for label_key, url_path in (("page_indicators", "indicators"),
                                    ("page_overview", ""), ("page_province", "province")):
            nav.get_by_text(t(label_key, lang), exact=True).click()
            expect(page).to_have_url(re.compile(rf"/{url_path}\?"))
            wait_idle(page)
            got = query(page)
            assert {k: got.get(k) for k in FILTERS} == FILTERS, (lang, url_path, got)
            assert got.get("lang") == (None if lang == "vi" else "en")
        # The sidebar shows the filters in the new language.
        assert selectbox_value(page, t("province", lang)) == \
            f"{labels.province_names(lang)['94']} (94)"
        assert selectbox_value(page, t("content_area", lang)).startswith(
            t("area_n", lang, n=1))


def test_unknown_url_values_are_dropped(page, server):
    open_app(page, f"{server.url}/overview?province=99x&year=1990&lang=xx",
             title=t("app_title", "vi"))
    assert selectbox_value(page, t("province", "vi")) == t("all_provinces", "vi")
    assert query(page) == {}


def test_province_tabs_show_one_section_each(page, server):
    open_app(page, f"{server.url}/province?province=94&lang=en", title=t("page_province", "en"))
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_text([t(k, "en") for k in ("targets_results", "attainment",
                                                     "coverage_rows", "sources_quotes")])
    assert t("measure", "en") in table_texts(page, t("targets_results", "en"))
    tabs.filter(has_text=t("attainment", "en")).click()
    wait_idle(page)
    # the grid's accessible cells are the columns in view: the first few
    cells = table_texts(page, t("attainment", "en"), showing=t("status", "en"))
    assert t("attainment_pct", "en") in cells and t("measure", "en") not in cells, cells
    save_screenshot(page, "province-94-attainment-en")
    tabs.filter(has_text=t("sources_quotes", "en")).click()
    wait_idle(page)
    assert t("title", "en") in table_texts(page, t("sources_quotes", "en"),
                                           showing=t("title", "en"))
