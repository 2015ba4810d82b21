"""The coverage map is drawn (WebGL on SwiftShader, no tiles, no network)."""

from __future__ import annotations

from playwright.sync_api import expect

from p8lib import maps
from p8lib.i18n import t
from tests.browser.helpers import (
    DECK_CANVAS,
    SCREENSHOTS,
    drawn_canvas_share,
    open_app,
    save_screenshot,
    wait_idle,
)


def test_coverage_map_canvas_is_drawn_for_both_vintages(page, server):
    open_app(page, f"{server.url}/coverage_map?lang=en", title=t("page_map", "en"))
    canvas = page.locator(DECK_CANVAS)
    expect(canvas).to_have_count(1)
    assert drawn_canvas_share(canvas) >= 0.01
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    canvas.screenshot(path=SCREENSHOTS / "coverage_map-canvas-2021.png")
    expect(page.get_by_text(maps.APPROXIMATE_NOTE["en"]).first).to_be_visible()

    page.get_by_role("radio", name=t("vintage_2025", "en")).click()
    expect(page.get_by_role("radio", name=t("vintage_2025", "en"))).to_be_checked()
    wait_idle(page)
    before = (SCREENSHOTS / "coverage_map-canvas-2021.png").read_bytes()
    assert drawn_canvas_share(canvas) >= 0.01
    page.wait_for_timeout(500)  # the new layer replaces the old one
    after = canvas.screenshot(path=SCREENSHOTS / "coverage_map-canvas-2025.png")
    assert after != before, "the 34-province map looks exactly like the 63-province one"
    save_screenshot(page, "coverage_map-2025-en")
