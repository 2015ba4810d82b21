"""A deck.gl map that keeps its place in the page, and its WebGL context, across reruns.

``st.pydeck_chart`` draws each new deck in a new deck.gl ``Deck`` — a new element for a new
key, and its spec parsed again with JSON5 for a new spec under the same key. A browser
drawing WebGL in software (SwiftShader: most office PCs without a GPU driver, and every
headless browser here) then stops for 2.5–4.7 s while its GPU process runs the new
context's first frame (docs/benchmarks.md, issue #19, session 15). This element (an
``st.components.v2`` component, in the page itself) creates one ``Deck`` and hands it each
new spec with ``setProps`` (:file:`app/deck_map.js`): deck.gl keeps its context, its
compiled shaders and every layer whose props did not change. Its outlines are drawn on a 2D
canvas over the deck's (:file:`app/flat_outlines.js`; why: :mod:`p8lib.maps.layers`).

The deck.gl it draws with is the bundle pydeck ships for Jupyter (deck.gl's
``@deck.gl/jupyter-widget``: ``createDeck``, ``updateDeck``, the JSON converter pydeck's
specs are written for; MIT and Apache-2.0), served by the dashboard's own server
(:data:`DECK_GL`, :mod:`app.scripts`).

A click on a pickable object sets the element's ``selection`` state: the view it was made
on (``view``: one element spans the national map and every drill-down) and, by layer id, the
clicked object's ``code`` — the shape of ``st.pydeck_chart``'s selection, read by
:func:`app.state.selected_codes`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pydeck
import streamlit as st
from starlette.routing import Route

from app.scripts import Script, element_js
from p8lib.contract import t

DECK_GL = Script(Path(pydeck.__file__).parent / "nbextension" / "static" / "index.js",
                 f"/p8-static/pydeck-{pydeck.__version__}.js")
# Not isolated (no shadow root): deck.gl's tooltip and its canvas's styles are the page's.
_mount = st.components.v2.component(
    "p8_deck",
    html=('<div class="p8-deck-frame"><div class="p8-deck" role="img"></div>'
          '<canvas class="p8-deck-outlines" aria-hidden="true"></canvas>'
          '<button class="p8-deck-full" type="button"></button></div>'),
    # The outlines' canvas lies over the deck's, under deck.gl's tooltip, and lets the
    # pointer through to the deck. The full-screen button sits in the map's top right
    # corner, over the canvas, as Streamlit's element toolbar does; in full screen the map
    # fills the screen.
    css=(".p8-deck-frame { position: relative; background: #fff; }"
         " .p8-deck { position: relative; width: 100%; }"
         " .p8-deck-outlines { position: absolute; left: 0; top: 0; width: 100%;"
         " height: 100%; z-index: 1; pointer-events: none; }"
         " .p8-deck .deck-tooltip { z-index: 3 !important; }"
         " .p8-deck-frame:fullscreen .p8-deck { height: 100% !important; }"
         " .p8-deck-full { position: absolute; top: 6px; right: 6px; z-index: 2;"
         " font: inherit; font-size: 0.85rem; padding: 2px 10px; cursor: pointer;"
         " background: rgba(255,255,255,0.9); border: 1px solid #ccc; border-radius: 6px; }"),
    js=element_js(DECK_GL, Path(__file__).with_name("flat_outlines.js"),
                  Path(__file__).with_suffix(".js")), isolate_styles=False)


def routes() -> list[Route]:
    """What the server adds to Streamlit's routes for this map (``serve.py``)."""
    return [DECK_GL.route()]


def deck_map(deck: pydeck.Deck, key: str, view: str, height: int, label: str, lang: str,
             on_select: Callable[[], None] | None = None) -> None:
    """Draw ``deck`` in the element ``key``, ``height`` px tall: the same element, and the
    same deck.gl ``Deck`` in the browser, for every deck drawn under that key. ``view`` names
    what this deck shows (a click's selection carries it); ``label`` is read out for it by a
    screen reader; ``on_select`` is called when a click changes the selection."""
    _mount(key=key, height=height, default={"selection": None},
           on_selection_change=on_select or (lambda: None),
           data={"deck": deck.to_json(), "tooltip": json.dumps(deck._tooltip), "view": view,
                 "height": height, "label": label, "error": t("map_not_drawn", lang),
                 "fullscreen": [t("map_fullscreen", lang), t("map_fullscreen_exit", lang)]})
