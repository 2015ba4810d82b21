"""Every page by its own URL: as the first request to a fresh server, and in both languages.

With a folder named ``pages/``, Streamlit serves a first request to a page URL with its
legacy folder routing (the entry file is skipped: no sidebar filters, other titles);
``app.state.require_router`` hands such a run back to the router. These tests show it works
in a real browser, and save a screenshot of every page.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect

from p8lib.contract.i18n import LANG_NAMES, t
from tests.browser.helpers import (
    PAGES,
    fully_drawn,
    open_app,
    query,
    save_screenshot,
    selectbox_value,
    wait_idle,
)

TALL = {"width": 1280, "height": 1800}


def check_shared_sidebar(page, url_path: str, lang: str) -> None:
    """The router's sidebar: six pages with this one current, the filters, the language."""
    sidebar = page.get_by_test_id("stSidebar")
    nav = sidebar.get_by_test_id("stSidebarNav")
    links = nav.get_by_test_id("stSidebarNavLink")
    expect(links).to_have_text([t(label, lang) for label, _ in PAGES.values()])
    expect(nav.locator("a[aria-current=page]")).to_have_text(t(PAGES[url_path][0], lang))
    expect(sidebar.get_by_role("heading", name=t("filters", lang))).to_be_visible()
    # no filter chosen: each box shows its "all" placeholder in the page's language
    for label, everything in (("province", "all_provinces"), ("year", "all_years"),
                              ("content_area", "all_areas"), ("indicator", "all_indicators")):
        assert selectbox_value(page, t(label, lang)) == t(everything, lang)
    language = sidebar.get_by_role("radiogroup", name=t("language", lang))
    expect(language.get_by_role("radio", name=LANG_NAMES[lang])).to_be_checked()


@pytest.mark.parametrize("url_path", PAGES)
def test_page_as_first_request_to_a_fresh_server_in_both_languages(page, fresh_server, url_path):
    page.set_viewport_size(TALL)  # whole-page screenshots without a re-layout
    open_app(page, f"{fresh_server.url}/{url_path}", title=t(PAGES[url_path][1], "vi"))
    # the default page (overview) is shown at "/"
    assert urlsplit(page.url).path in {f"/{url_path}", "/" if url_path == "overview" else None}
    check_shared_sidebar(page, url_path, "vi")
    save_screenshot(page, f"{url_path}-vi")

    page.get_by_test_id("stSidebar").get_by_role("radio", name=LANG_NAMES["en"]).click()
    expect(page.locator("h1").first).to_have_text(t(PAGES[url_path][1], "en"))
    wait_idle(page)
    assert query(page) == {"lang": "en"}
    check_shared_sidebar(page, url_path, "en")
    save_screenshot(page, f"{url_path}-en")


def test_navigation_keeps_the_filters_in_the_url(page, server):
    # /overview on a server that has served pages: the default page answers at its own
    # url_path too, without Streamlit's "Page not found" dialog (checked by open_app)
    open_app(page, f"{server.url}/overview?lang=en&year=2024", title=t("app_title", "en"))
    page.get_by_test_id("stSidebarNav").get_by_text(t("page_sources", "en")).click()
    expect(page.locator("h1").first).to_have_text(t("page_sources", "en"))
    assert "/sources" in page.url and "lang=en" in page.url and "year=2024" in page.url


def test_titles_start_near_the_top_and_tile_labels_are_whole(page, server):
    """No empty band of ~100 px above a page's title; core tile labels wrap, never cut."""
    open_app(page, f"{server.url}/overview?lang=en", title=t("app_title", "en"))
    fully_drawn(page)  # measured once the page has settled (a first frame can sit lower)
    top = page.locator("h1").first.bounding_box()["y"]
    assert top < 70, top
    labels_ = page.locator(".p8-tile dt")
    expect(labels_.first).to_be_visible()
    for label in labels_.all():
        cut = label.evaluate("e => e.scrollWidth > e.clientWidth + 1 "
                             "|| getComputedStyle(e).textOverflow === 'ellipsis'")
        assert not cut, label.inner_text()


def test_the_presenter_toggle_is_in_view_in_a_short_sidebar(page, server):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, f"{server.url}/overview", title=t("app_title", "vi"))
    toggle = page.get_by_test_id("stSidebar").get_by_role("switch", name=t("presenter", "vi"))
    expect(toggle).to_be_visible()
    box = toggle.bounding_box()
    assert box["y"] + box["height"] <= 800 - 20  # on screen without scrolling the sidebar


def test_vietnamese_file_uploader_texts_cover_streamlits_english(page, server):
    open_app(page, f"{server.url}/data", title=t("page_data", "vi"))
    zone = page.get_by_test_id("stFileUploaderDropzone")
    expect(zone).to_be_visible()
    browse = f'"{t("uploader_browse", "vi")}"'
    # The page's styles are an element of the run like any other: on a busy machine the
    # uploader can be drawn a moment before them. Wait for them (10 s), then check.
    page.wait_for_function(
        """want => {
             const b = document.querySelector('[data-testid="stFileUploaderDropzone"] button');
             return b && getComputedStyle(b, '::after').content === want; }""",
        arg=browse, timeout=10_000)
    after = zone.locator("button").evaluate(
        "e => getComputedStyle(e, '::after').content")
    assert after == browse
    limit = page.get_by_test_id("stFileUploaderDropzoneInstructions").locator("span").first
    assert limit.evaluate("e => getComputedStyle(e, '::after').content") == \
        f'"{t("uploader_limit", "vi", mb=200)}"'
    assert limit.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == 0  # "per file"
    save_screenshot(page, "data-uploader-vi", full=False)


def test_a_downloaded_table_is_the_one_on_screen_then_its_codes(page, server):
    open_app(page, f"{server.url}/overview?lang=en", title=t("app_title", "en"))
    heading = f"{t('reported_where_title', 'en')} — National · 2021–2025"
    # One HTML table (widgets.table(as_html=True)), named for screen readers by its heading.
    box = page.get_by_role("region", name=heading)
    expect(box).to_contain_text(t("unit_name", "en"))
    shown = box.locator("th").all_text_contents()
    with page.expect_download() as download:
        page.locator(".st-key-overview_where_downloads button").first.click()  # the popover
        page.locator(".st-key-overview_where_csv button").click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    header = list(table.columns)
    ids = ["province_code", "district_code", "commune_code", "level"]
    assert header[-len(ids):] == ids
    assert header[:-len(ids)] == shown  # the screen's columns, in its order, then the ids
    assert len(table) == box.locator("tbody tr").count()
    first = box.locator("tbody tr").first.locator("td").first
    assert table[header[0]].iloc[0] == first.inner_text()  # "National", first on screen too
