"""app/deck_map.py: the map's element sends the deck's compact JSON as it is, its tooltip and
view, with deck.gl served under pydeck's version. (In the browser, served by serve.py:
tests/browser/test_map.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pydeck
from starlette.applications import Starlette
from streamlit.testing.v1 import AppTest

from app import deck_map
from p8lib.maps import builders, geo
from tests.app.helpers import asgi_get, map_elements


def test_deck_gl_is_served_under_pydecks_version_and_kept_by_the_browser():
    assert pydeck.__version__ in deck_map.DECK_GL.url
    app = Starlette(routes=deck_map.routes())
    response = asgi_get(app, deck_map.DECK_GL.url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "immutable" in response.headers["cache-control"]
    body = response.content
    assert body == Path(deck_map.DECK_GL.path).read_bytes()
    # the two functions app/deck_map.js calls, exported by the bundle
    assert b"createDeck:()=>" in body and b"updateDeck:()=>" in body
    assert asgi_get(app, "/p8-static/pydeck-0.0.0.js").status_code == 404


def _render(deck) -> None:
    from app import deck_map  # an AppTest script: its own imports

    deck_map.deck_map(deck, "map", "map_deck_2021_all_province", 620, "Attainment", "vi")


def test_the_element_sends_the_decks_compact_json_its_tooltip_and_view():
    deck = builders.province_map(geo.load_boundaries("province", "2021"),
                                 pd.Series(dtype=float), lang="en").deck
    at = AppTest.from_function(_render, args=(deck,)).run(timeout=60)
    (element,) = map_elements(at)
    sent = json.loads(element.proto.json)
    assert sent["deck"] == deck.to_json()  # the exact string bench/bench_maps.py measures
    assert json.loads(sent["tooltip"]) == builders.TOOLTIP
    assert (sent["view"], sent["height"], sent["label"]) == (
        "map_deck_2021_all_province", 620, "Attainment")
    assert "deck.gl" in sent["error"] and "Không vẽ được bản đồ" in sent["error"]
    assert at.session_state["map"]["selection"] is None  # nothing clicked yet
