"""What the browser tests of the coverage map read off its canvases: the national deck's view and
marks as the page builds them, the map as drawn (a screenshot of the deck's canvas, the
outlines' canvas over it included), a province's pixel, the outlines' canvas alone."""

from __future__ import annotations

import base64
import io
import json

import pandas as pd
from PIL import Image
from playwright.sync_api import expect

from p8lib.maps import builders, geo
from tests.browser.helpers import DECK_CANVAS, LOAD_TIMEOUT, drawn_canvas_share
from tests.maps.test_builders import web_mercator

OUTLINE_CANVAS = ".p8-deck-outlines"  # the map's outlines (app/flat_outlines.js)


def expected_marks(vintage: str, lang: str) -> tuple[dict, list[dict], list[dict]]:
    """View, island dots and names of the national deck as the page builds it.

    Values do not move anything: the page's deck differs only in its colours.
    """
    spec = builders.province_map(geo.load_boundaries("province", vintage), pd.Series(dtype=float),
                             lang=lang)
    deck = json.loads(spec.deck.to_json())
    layers = {layer["id"]: layer for layer in deck["layers"]}
    return (deck["initialViewState"], layers["archipelagos"]["data"],
            layers["archipelago-labels"]["data"])


def canvas_image(page) -> Image.Image:
    canvas = page.locator(DECK_CANVAS)
    expect(canvas).to_have_count(1, timeout=LOAD_TIMEOUT)  # the deck's script loads lazily
    drawn_canvas_share(canvas)
    page.wait_for_timeout(800)  # a new deck's layers replace the old ones
    return Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")


def pixel_of(code: str, vintage: str, image: Image.Image) -> tuple[int, int]:
    """Where the national deck draws a point inside province ``code`` (its view does not
    depend on the values)."""
    view = expected_marks(vintage, "en")[0]
    provinces = geo.load_boundaries("province", vintage).set_index("code")
    point = provinces.geometry[code].representative_point()
    x, y = web_mercator(point.x, point.y, view, image.width, image.height)
    return round(x), round(y)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def outline_image(page) -> Image.Image:
    """The outlines' canvas alone (RGBA: transparent where nothing is painted)."""
    url = page.evaluate(f"document.querySelector('{OUTLINE_CANVAS}').toDataURL('image/png')")
    return Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGBA")
