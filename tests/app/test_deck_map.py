"""app/deck_map.py: the map's element sends the deck's compact JSON as it is, its tooltip and
view. (deck.gl served: tests/app/test_scripts.py; in the browser, served by serve.py:
tests/browser/test_map.py.)"""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from p8lib.maps import builders, geo
from tests.app.helpers import map_elements


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
