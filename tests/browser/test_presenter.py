"""Presenter mode (``?present=1``) as a talk: no chrome, large type, every slide fitting a
1280×720 projector with nothing below the fold, stepped through with the keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from app import slides
from p8lib.contract import catalogue
from p8lib.contract.i18n import t
from tests.browser.helpers import (
    PAGES,
    fully_drawn,
    lowest_element,
    open_app,
    query,
    save_screenshot,
    wait_idle,
)

CHROME = ["stSidebar", "stSidebarCollapsedControl", "stHeader", "stToolbar", "stDecoration"]
# The talk of the shipped data (app.slides.slides() reads the same tables).
TALK = slides.talk_of(catalogue.coverage())
SCREEN = {"width": 1280, "height": 720}
KEYS_ON = "html[data-slide-keys=on]"  # app/slides.py's key script listens


def text_px(locator) -> float:
    """Font size (px) of the first text inside ``locator``, as drawn (its parent's size)."""
    return float(locator.evaluate("""e => {
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT,
            n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP);
        return parseFloat(getComputedStyle(walker.nextNode().parentElement).fontSize);
    }"""))


def slide_title(number: int, lang: str) -> str:
    """The h1 slide ``number`` shows."""
    return TALK[number - 1].heading(lang, catalogue.indicators())


def at_slide(page: Page, number: int, lang: str) -> None:
    """Wait until slide ``number`` is in the URL and on screen, fully drawn."""
    expect(page).to_have_url(re.compile(rf"[?&]slide={number}(&|$)"))
    expect(page.locator("h1").first).to_have_text(slide_title(number, lang))
    wait_idle(page)
    fully_drawn(page)
    page.wait_for_selector(KEYS_ON, state="attached")


@pytest.mark.parametrize("url_path", PAGES)
def test_presenter_mode_has_no_chrome_and_large_type(page, server, url_path):
    url = f"{server.url}/{url_path}?present=1&lang=en"
    title = t(PAGES[url_path][1], "en")
    if url_path == "province":
        url, title = url + "&province=94", "Sóc Trăng"  # a slide names its province
    open_app(page, url, title=title)
    for testid in CHROME:
        expect(page.get_by_test_id(testid)).to_be_hidden()
    # Streamlit's own sizes at 1280 px: h1 44 px, text 16 px; the tiles' 36 px values, 14 px labels
    assert text_px(page.locator("h1").first) >= 48
    for text in page.locator("[data-testid=stMain] [data-testid=stMarkdownContainer] p").all():
        if text.is_visible() and text.inner_text().strip():
            assert text_px(text) >= 20, text.inner_text()
    for value in page.locator(".p8-tile-value").all():  # the headline tiles' numbers
        assert text_px(value) >= 36
    for label in page.locator(".p8-tile dt").all():
        assert text_px(label) >= 20, label.inner_text()
    for cell in page.locator("[data-testid=stTable] td").all()[:5]:  # presenter-size tables
        assert text_px(cell) >= 20
    expect(page.get_by_role("button", name=t("exit_presenter", "en"))).to_be_visible()
    assert page.viewport_size == SCREEN
    fully_drawn(page)  # the screenshot shows the charts and the map, not their empty boxes
    save_screenshot(page, f"{url_path}-present-en", full=False)


def test_presenter_mode_can_be_left(page, server):
    open_app(page, f"{server.url}/overview?present=1&slide=1", title=t("app_title", "vi"))
    page.get_by_role("button", name=t("exit_presenter", "vi")).click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    wait_idle(page)
    assert "present" not in query(page) and "slide" not in query(page)
    assert text_px(page.locator("h1").first) < 48


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_slide_fits_the_screen_stepped_through_with_the_keyboard(page, server, lang):
    """The talk from its first slide to its last with → (and the other keys on the way):
    each slide fully drawn, nothing ending below 720 px or past 1280 px; a screenshot each."""
    open_app(page, f"{server.url}/?present=1&slide=1&lang={lang}")
    keys = ["ArrowRight", "PageDown", "Space"]
    for number in range(1, len(TALK) + 1):
        at_slide(page, number, lang)
        bottom, right, what = lowest_element(page)
        assert bottom <= SCREEN["height"] and right <= SCREEN["width"], (number, what)
        save_screenshot(page, f"slide-{number:02d}-{lang}", full=False)
        if number < len(TALK):
            page.keyboard.press(keys[number % len(keys)])
    # Past the last slide nothing moves.
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert query(page)["slide"] == str(len(TALK))


def test_the_keys_step_back_and_a_focused_button_does_not_step_twice(page, server):
    open_app(page, f"{server.url}/?present=1&slide=5&lang=en")
    at_slide(page, 5, "en")
    for key, number in (("ArrowLeft", 4), ("PageUp", 3), ("ArrowRight", 4)):
        page.keyboard.press(key)
        at_slide(page, number, "en")
    # Space on the Next button just clicked: one step, not the click and the key.
    page.get_by_role("button", name=t("slide_next", "en")).click()
    at_slide(page, 5, "en")
    page.keyboard.press("Space")
    at_slide(page, 6, "en")
    page.wait_for_timeout(1000)
    wait_idle(page)
    assert query(page)["slide"] == "6"


def test_a_prepared_link_opens_its_slide_on_a_fresh_server(page, fresh_server):
    number = next(n for n, s in enumerate(TALK, start=1) if s.province == "94")
    open_app(page, f"{fresh_server.url}/indicators?present=1&slide={number}&year=2023")
    at_slide(page, number, "vi")
    assert "/province" in page.url and query(page)["province"] == "94"
    assert query(page)["year"] == "2023"  # the presenter's own filter stays
