"""The coverage map in Chromium (WebGL on SwiftShader, no tiles, no network): the Hoàng Sa and
Trường Sa archipelagos and their names in view; provinces coloured by the measure where the
deck puts them, and changing with the year; the vintage in the URL; the tooltip; screenshots
of each view. The drill-down: test_map_drill.py."""

from __future__ import annotations

import io
import re

from PIL import Image
from playwright.sync_api import expect

from p8lib.contract.i18n import t
from p8lib.maps import builders
from tests.browser.helpers import (
    DECK_CANVAS,
    LOAD_TIMEOUT,
    SCREENSHOTS,
    drawn_canvas_share,
    open_app,
    query,
    save_screenshot,
    sidebar_select,
    wait_idle,
)
from tests.browser.map_canvas import canvas_image, expected_marks, pixel_of
from tests.maps.test_builders import web_mercator

DARK = 140  # luminance: the islands' ring (70, 70, 70) and the names (50, 50, 50), antialiased


def _dark_pixels(image: Image.Image, box: tuple[float, float, float, float]) -> int:
    x0, y0, x1, y1 = (round(v) for v in box)
    crop = image.convert("L").crop((max(x0, 0), max(y0, 0), min(x1, image.width),
                                    min(y1, image.height)))
    return sum(crop.histogram()[:DARK])


def assert_archipelagos_drawn(png: bytes, vintage: str, lang: str) -> None:
    """Both archipelagos' dots and names are on the canvas where the deck puts them."""
    image = Image.open(io.BytesIO(png))
    view, dots, labels = expected_marks(vintage, lang)
    width, height = image.size
    for code in sorted({d["code"] for d in dots}):
        found = 0
        for dot in (d for d in dots if d["code"] == code):
            x, y = web_mercator(*dot["position"], view, width, height)
            assert 0 <= x < width and 0 <= y < height, (code, dot["position"], image.size)
            found += _dark_pixels(image, (x - 7, y - 7, x + 8, y + 8)) > 0
        assert found >= 3, f"islands of province {code}: {found} dots seen"
    for label in labels:
        x, y = web_mercator(*label["position"], view, width, height)
        half = 0.3 * 13 * len(label["text"])
        dy = label["offset"][1]
        y0, y1 = sorted((y + dy, y + dy + (20 if dy > 0 else -20)))
        assert min(x - half, y0) >= 0 and x + half <= width and y1 <= height, label["text"]
        assert _dark_pixels(image, (x - half, y0, x + half, y1)) >= 40, label["text"]


def test_coverage_map_canvas_is_drawn_for_both_vintages(page, server):
    open_app(page, f"{server.url}/coverage_map?lang=en", title=t("page_map", "en"))
    canvas = page.locator(DECK_CANVAS)
    expect(canvas).to_have_count(1, timeout=LOAD_TIMEOUT)  # the deck's script loads lazily
    assert drawn_canvas_share(canvas) >= 0.01
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)  # text layers draw once their font atlas is built
    before = canvas.screenshot(path=SCREENSHOTS / "coverage_map-canvas-2021.png")
    assert_archipelagos_drawn(before, "2021", "en")
    expect(page.get_by_text(builders.BOUNDARY_NOTE["en"]).first).to_be_visible()

    page.get_by_role("radio", name=t("vintage_2025", "en")).click()
    expect(page.get_by_role("radio", name=t("vintage_2025", "en"))).to_be_checked()
    expect(page).to_have_url(re.compile(r"vintage=2025"))
    wait_idle(page)
    page.wait_for_timeout(1000)  # each vintage's map is its own element: the new one mounts
    expect(canvas).to_have_count(1, timeout=LOAD_TIMEOUT)
    assert drawn_canvas_share(canvas) >= 0.01
    page.wait_for_timeout(500)  # the new layer replaces the old one
    after = canvas.screenshot(path=SCREENSHOTS / "coverage_map-canvas-2025.png")
    assert after != before, "the 34-province map looks exactly like the 63-province one"
    assert_archipelagos_drawn(after, "2025", "en")
    save_screenshot(page, "coverage_map-2025-en")


def test_coverage_map_names_the_archipelagos_in_vietnamese(page, server):
    open_app(page, f"{server.url}/coverage_map?lang=vi", title=t("page_map", "vi"))
    canvas = page.locator(DECK_CANVAS)
    expect(canvas).to_have_count(1, timeout=LOAD_TIMEOUT)
    assert drawn_canvas_share(canvas) >= 0.01
    page.wait_for_timeout(500)
    png = canvas.screenshot(path=SCREENSHOTS / "coverage_map-canvas-2021-vi.png")
    assert_archipelagos_drawn(png, "2021", "vi")


# --- the measure coloured, the drill-down, the vintage in the URL (issue #17) ------------------

def _magenta(image: Image.Image, code: str, vintage: str) -> bool:
    """Whether province ``code`` is drawn in a colour of the ramp (magenta over white: red
    well above green) rather than the neutral no-data grey; the reddest pixel of a 5×5 patch,
    as a white border line may run through the exact point."""
    x, y = pixel_of(code, vintage, image)
    patch = [image.getpixel((x + dx, y + dy)) for dx in range(-2, 3) for dy in range(-2, 3)]
    r, g, _ = max(patch, key=lambda rgb: rgb[0] - rgb[1])
    return r - g >= 30


def test_province_colours_follow_the_measure_and_the_year(page, server):
    open_app(page, f"{server.url}/coverage_map?lang=en&measure=value&indicator=comm_groups"
             "&year=2022", title=t("page_map", "en"))
    before = canvas_image(page)
    assert _magenta(before, "10", "2021")  # Lào Cai reports 324 groups in 2022
    assert not _magenta(before, "94", "2021")  # Sóc Trăng reports for 2023 only
    assert not _magenta(before, "01", "2021")  # Hà Nội: no data
    sidebar_select(page, t("year", "en"), "2023")
    expect(page).to_have_url(re.compile(r"year=2023"))
    wait_idle(page)
    after = canvas_image(page)
    assert not _magenta(after, "10", "2021")
    assert _magenta(after, "94", "2021")
    save_screenshot(page, "coverage_map-value-2023-en")


def test_the_vintage_is_in_the_url_and_a_link_opens_it(page, server):
    open_app(page, f"{server.url}/coverage_map?lang=en", title=t("page_map", "en"))
    page.get_by_role("radio", name=t("vintage_2025", "en")).click()
    expect(page).to_have_url(re.compile(r"vintage=2025"))
    wait_idle(page)
    link = page.url
    page.goto("about:blank")
    open_app(page, link, title=t("page_map", "en"))
    expect(page.get_by_role("radio", name=t("vintage_2025", "en"))).to_be_checked()
    page.get_by_role("radio", name=t("measure_coverage", "en")).click()
    expect(page).to_have_url(re.compile(r"measure=coverage"))
    assert query(page)["vintage"] == "2025"
    wait_idle(page)
    canvas_image(page)
    save_screenshot(page, "coverage_map-coverage-2025-en")


def test_hover_names_the_province_its_value_target_and_source(page, server):
    # Cao Bằng (north, so that the tooltip is not cut by the chart's lower edge) has a
    # province target for "Leaders of change" clubs and no result yet
    open_app(page, f"{server.url}/coverage_map?lang=en&indicator=leaders_of_change_clubs",
             title=t("page_map", "en"))
    image = canvas_image(page)
    x, y = pixel_of("04", "2021", image)
    page.locator(DECK_CANVAS).hover(position={"x": x, "y": y})
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_contain_text("Cao Bằng")
    expect(tooltip).to_contain_text("no result reported")
    expect(tooltip).to_contain_text("Target 2021–2025: 125 clubs")
    expect(tooltip).to_contain_text("Source: Project 8 in Lào Cai, Cao Bằng and Gia Lai")


