"""Presenter mode (``?present=1``): no sidebar or header chrome, large type, 1280x720."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from p8lib.contract.i18n import t
from tests.browser.helpers import PAGES, open_app, query, save_screenshot, wait_idle

CHROME = ["stSidebar", "stSidebarCollapsedControl", "stHeader", "stToolbar", "stDecoration"]


def text_px(locator) -> float:
    """Font size (px) of the first text inside ``locator``, as drawn (its parent's size)."""
    return float(locator.evaluate("""e => {
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT,
            n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP);
        return parseFloat(getComputedStyle(walker.nextNode().parentElement).fontSize);
    }"""))


@pytest.mark.parametrize("url_path", PAGES)
def test_presenter_mode_has_no_chrome_and_large_type(page, server, url_path):
    url = f"{server.url}/{url_path}?present=1&lang=en"
    if url_path == "province":
        url += "&province=94"
    open_app(page, url, title=t(PAGES[url_path][1], "en"))
    for testid in CHROME:
        expect(page.get_by_test_id(testid)).to_be_hidden()
    # Streamlit's own sizes at 1280 px: h1 44 px, text 16 px, metric value 36 px
    assert text_px(page.locator("h1").first) >= 48
    body = page.locator("[data-testid=stMain] [data-testid=stMarkdownContainer]").first
    assert text_px(body) >= 20
    for value in page.get_by_test_id("stMetricValue").all():
        assert text_px(value) >= 48
    expect(page.get_by_role("button", name=t("exit_presenter", "en"))).to_be_visible()
    assert page.viewport_size == {"width": 1280, "height": 720}
    save_screenshot(page, f"{url_path}-present-en", full=False)


def test_presenter_mode_can_be_left(page, server):
    open_app(page, f"{server.url}/overview?present=1", title=t("app_title", "vi"))
    page.get_by_role("button", name=t("exit_presenter", "vi")).click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    wait_idle(page)
    assert "present" not in query(page)
    assert text_px(page.locator("h1").first) < 48
