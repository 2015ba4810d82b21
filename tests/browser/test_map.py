"""The coverage map is drawn (WebGL on SwiftShader, no tiles, no network), with the Hoàng Sa
and Trường Sa archipelagos and their names in view."""

from __future__ import annotations

import io
import json

import pandas as pd
from PIL import Image
from playwright.sync_api import expect

from p8lib.contract.i18n import t
from p8lib.maps import builders, geo
from tests.browser.helpers import (
    DECK_CANVAS,
    SCREENSHOTS,
    drawn_canvas_share,
    open_app,
    save_screenshot,
    wait_idle,
)
from tests.maps.test_builders import web_mercator

DARK = 140  # luminance: the islands' ring (70, 70, 70) and the names (50, 50, 50), antialiased


def _expected_marks(vintage: str, lang: str) -> tuple[dict, list[dict], list[dict]]:
    """View, island dots and names of the national deck as the page builds it.

    Values do not move anything: the page's deck differs only in its colours.
    """
    spec = builders.province_map(geo.load_boundaries("province", vintage), pd.Series(dtype=float),
                             lang=lang)
    deck = json.loads(spec.deck.to_json())
    layers = {layer["id"]: layer for layer in deck["layers"]}
    return (deck["initialViewState"], layers["archipelagos"]["data"],
            layers["archipelago-labels"]["data"])


def _dark_pixels(image: Image.Image, box: tuple[float, float, float, float]) -> int:
    x0, y0, x1, y1 = (round(v) for v in box)
    crop = image.convert("L").crop((max(x0, 0), max(y0, 0), min(x1, image.width),
                                    min(y1, image.height)))
    return sum(crop.histogram()[:DARK])


def assert_archipelagos_drawn(png: bytes, vintage: str, lang: str) -> None:
    """Both archipelagos' dots and names are on the canvas where the deck puts them."""
    image = Image.open(io.BytesIO(png))
    view, dots, labels = _expected_marks(vintage, lang)
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
    expect(canvas).to_have_count(1)
    assert drawn_canvas_share(canvas) >= 0.01
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)  # text layers draw once their font atlas is built
    before = canvas.screenshot(path=SCREENSHOTS / "coverage_map-canvas-2021.png")
    assert_archipelagos_drawn(before, "2021", "en")
    expect(page.get_by_text(builders.APPROXIMATE_NOTE["en"]).first).to_be_visible()

    page.get_by_role("radio", name=t("vintage_2025", "en")).click()
    expect(page.get_by_role("radio", name=t("vintage_2025", "en"))).to_be_checked()
    wait_idle(page)
    assert drawn_canvas_share(canvas) >= 0.01
    page.wait_for_timeout(500)  # the new layer replaces the old one
    after = canvas.screenshot(path=SCREENSHOTS / "coverage_map-canvas-2025.png")
    assert after != before, "the 34-province map looks exactly like the 63-province one"
    assert_archipelagos_drawn(after, "2025", "en")
    save_screenshot(page, "coverage_map-2025-en")


def test_coverage_map_names_the_archipelagos_in_vietnamese(page, server):
    open_app(page, f"{server.url}/coverage_map?lang=vi", title=t("page_map", "vi"))
    canvas = page.locator(DECK_CANVAS)
    assert drawn_canvas_share(canvas) >= 0.01
    page.wait_for_timeout(500)
    png = canvas.screenshot(path=SCREENSHOTS / "coverage_map-canvas-2021-vi.png")
    assert_archipelagos_drawn(png, "2021", "vi")
