"""The coverage map's drill-down in Chromium: into a province from the URL, the sidebar or a click
on the map, and back, on one canvas; the map's outlines painted over the deck where the units'
borders are; the full-screen button."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import expect

from p8lib.contract.i18n import t
from p8lib.maps import geo
from tests.browser.helpers import (
    DECK_CANVAS,
    LOAD_TIMEOUT,
    drawn_canvas_share,
    non_background_share,
    open_app,
    save_screenshot,
    sidebar_select,
    wait_idle,
)
from tests.browser.map_canvas import (
    OUTLINE_CANVAS,
    canvas_image,
    expected_marks,
    outline_image,
    pixel_of,
    png,
)
from tests.maps.test_builders import web_mercator


@pytest.mark.parametrize(("lang", "query_string", "name", "more"), [
    ("en", "province=94", "Sóc Trăng", t("map_district_lines", "en")),
    ("vi", "province=10&measure=value", "Tỉnh Lào Cai", "Tỉnh Lào Cai còn báo cáo cho cả tỉnh"),
    ("en", "vintage=2025&province_2025=15", "Lào Cai",
     "made of (former units): Lào Cai, Yên Bái"),
    ("vi", "vintage=2025&province=94", "Thành phố Cần Thơ", "Tỉnh Sóc Trăng"),
], ids=["2021-en", "2021-vi-districts", "2025-en", "2025-vi-from-the-filter"])
def test_a_province_drill_down_draws_its_units(page, server, lang, query_string, name, more):
    open_app(page, f"{server.url}/coverage_map?lang={lang}&indicator=comm_groups&"
             f"{query_string}", title=t("page_map", lang))
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page.get_by_text(more, exact=False).first).to_be_visible()
    image = canvas_image(page)
    # zoomed in: the province fills the canvas, not a speck of the country
    assert non_background_share(png(image)) >= 0.25
    vintage = "2025" if "2025" in query_string else "2021"
    save_screenshot(page, f"coverage_map-drilled-{vintage}-{lang}")
    page.get_by_role("button", name=t("map_national", lang)).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_have_count(0)
    wait_idle(page)
    save_screenshot(page, f"coverage_map-national-{vintage}-{lang}")


def test_choosing_a_province_in_the_sidebar_drills_into_it(page, server):
    open_app(page, f"{server.url}/coverage_map?lang=en&indicator=comm_groups",
             title=t("page_map", "en"))
    national = canvas_image(page)
    sidebar_select(page, t("province", "en"), "Sóc Trăng (94)")
    expect(page.get_by_role("heading", name="Sóc Trăng", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"province=94"))
    drilled = canvas_image(page)
    assert non_background_share(png(drilled)) > 2 * non_background_share(png(national))


def test_a_click_on_a_province_drills_into_it_and_the_map_stays_one_canvas(page, server):
    """A click on Sóc Trăng drills into it (app/deck_map.js hands the click to the page); the
    drill-down and the way back are drawn on the same canvas (one deck, one WebGL context)."""
    open_app(page, f"{server.url}/coverage_map?lang=en&indicator=comm_groups",
             title=t("page_map", "en"))
    image = canvas_image(page)
    page.evaluate(f"() => document.querySelector('{DECK_CANVAS}').__p8Kept = true")
    x, y = pixel_of("94", "2021", image)
    page.locator(DECK_CANVAS).click(position={"x": x, "y": y})
    expect(page.get_by_role("heading", name="Sóc Trăng", exact=True)).to_be_visible(
        timeout=LOAD_TIMEOUT)
    expect(page).to_have_url(re.compile(r"province=94"))
    wait_idle(page)
    assert non_background_share(png(canvas_image(page))) >= 0.25  # zoomed in
    page.get_by_role("button", name=t("map_national", "en")).click()
    expect(page.get_by_role("heading", name="Sóc Trăng", exact=True)).to_have_count(0)
    wait_idle(page)
    assert page.evaluate(f"() => document.querySelector('{DECK_CANVAS}').__p8Kept") is True


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_full_screen_button_gives_the_map_the_screen_and_takes_it_back(page, server, lang):
    open_app(page, f"{server.url}/coverage_map?lang={lang}", title=t("page_map", lang))
    canvas = page.locator(DECK_CANVAS)
    expect(canvas).to_have_count(1, timeout=LOAD_TIMEOUT)
    height = canvas.bounding_box()["height"]
    assert height < page.viewport_size["height"]
    page.get_by_role("button", name=t("map_fullscreen", lang), exact=True).click()
    expect(page.get_by_role("button", name=t("map_fullscreen_exit", lang))).to_be_visible()
    assert page.evaluate("document.fullscreenElement?.className") == "p8-deck-frame"
    # deck.gl follows the box: the canvas is the screen's height, and drawn
    page.wait_for_function(f"document.querySelector('{DECK_CANVAS}').clientHeight"
                           f" >= {page.viewport_size['height'] - 2}", timeout=LOAD_TIMEOUT)
    assert canvas.bounding_box()["height"] >= page.viewport_size["height"] - 2
    assert drawn_canvas_share(canvas) >= 0.01
    # the outlines' canvas follows: as large as the deck's, and painted for the new size
    page.wait_for_function(f"document.querySelector('{OUTLINE_CANVAS}').height"
                           f" === document.querySelector('{DECK_CANVAS}').height",
                           timeout=LOAD_TIMEOUT)
    save_screenshot(page, f"coverage_map-fullscreen-{lang}", full=False)
    page.get_by_role("button", name=t("map_fullscreen_exit", lang)).click()
    expect(page.get_by_role("button", name=t("map_fullscreen", lang), exact=True)).to_be_visible()
    assert page.evaluate("document.fullscreenElement") is None
    page.wait_for_timeout(500)
    assert abs(canvas.bounding_box()["height"] - height) <= 2


def _painted(image, x: float, y: float, reach: int = 2) -> bool:
    """Whether the outlines' canvas has paint within ``reach`` px of (x, y)."""
    box = (round(x) - reach, round(y) - reach, round(x) + reach + 1, round(y) + reach + 1)
    return image.crop(box).getchannel("A").getextrema()[1] > 0


def test_the_outlines_are_painted_over_the_deck_where_the_borders_are(page, server):
    """deck.gl draws no line (app/flat_outlines.js: software WebGL spends a second on them):
    the outlines' canvas over the deck's has them, along each province's border and not
    inside it, and paints them anew for a drill-down's view."""
    open_app(page, f"{server.url}/coverage_map?lang=en", title=t("page_map", "en"))
    canvas_image(page)
    layers = page.evaluate("""() => document.querySelector('.p8-deck').__p8Deck.props.layers
        .map((layer) => [layer.id, layer.constructor.layerName, Boolean(layer.props.stroked)])""")
    assert "provinces" in [layer_id for layer_id, _, _ in layers]
    lines = [layer_id for layer_id, kind, stroked in layers
             if kind == "PathLayer" or (stroked and kind != "ScatterplotLayer")]
    assert not lines, f"deck.gl draws the lines of {lines}"
    # no multisampling either: every fill's edge is stroked over it (antialiased) here
    assert page.evaluate("""() => document.querySelector('.p8-deck canvas')
        .getContext('webgl2').getContextAttributes().antialias""") is False
    national = outline_image(page)
    view = expected_marks("2021", "en")[0]
    provinces = geo.load_boundaries("province", "2021").set_index("code")
    borders = {}
    for code in ("94", "64", "10"):  # Sóc Trăng (a pilot province), Gia Lai, Lào Cai
        shape = provinces.geometry[code]
        ring = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area).exterior
        borders[code] = [web_mercator(p.x, p.y, view, *national.size) for p in
                         (ring.interpolate(i / 40, normalized=True) for i in range(40))]
        on = sum(_painted(national, x, y) for x, y in borders[code])
        assert on >= 36, f"province {code}: {on} of 40 points of its border painted"
        inside = shape.representative_point()
        x, y = web_mercator(inside.x, inside.y, view, *national.size)
        assert not _painted(national, x, y, reach=1), f"province {code}: paint inside it"
    sidebar_select(page, t("province", "en"), "Sóc Trăng (94)")
    expect(page.get_by_role("heading", name="Sóc Trăng", exact=True)).to_be_visible()
    wait_idle(page)
    canvas_image(page)
    drilled = outline_image(page)
    assert drilled.size == national.size
    # zoomed on Sóc Trăng: its communes' borders, more lines than the country's; Lào Cai's
    # border, where the national view had it, is not painted
    share = [float((np.asarray(image.getchannel("A")) > 0).mean()) for image in (national, drilled)]
    assert share[1] > 1.5 * share[0], share
    assert sum(_painted(drilled, x, y) for x, y in borders["10"]) <= 4
