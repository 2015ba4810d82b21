"""Boundaries and the maps that draw them (pydeck, with no internet).

* :mod:`~p8lib.maps.geo` — the shipped boundary files of both vintages, or a user's own;
* :mod:`~p8lib.maps.map_values` — what a map colours per unit (attainment, a result,
  coverage), in either vintage; :mod:`~p8lib.maps.map_text` — how its tooltips, legend and
  notes word it; :mod:`~p8lib.maps.colours` — its colour classes;
* :mod:`~p8lib.maps.builders` — frames in, ``pydeck.Deck`` out (:mod:`~p8lib.maps.layers`
  makes their layers; :mod:`~p8lib.maps.deck_payload` keeps the deck small,
  :mod:`~p8lib.maps.map_view` fits its first view, :mod:`~p8lib.maps.archipelagos` draws
  Hoàng Sa and Trường Sa);
* :mod:`~p8lib.maps.coverage_view` — the coverage page's map, put together;
  :mod:`~p8lib.maps.svg_map` — its national map as an SVG figure (plotly), for a presenter's
  slide;
* :mod:`~p8lib.maps.credits` — the boundary sources, their licences and dates.

Submodules load when first imported: :mod:`~p8lib.maps.map_values` and
:mod:`~p8lib.maps.credits` do not import pydeck or geopandas. The builders' names
(``maps.province_map``…) load on first use. May import every package before it.
"""

from p8lib._lazy import lazy_exports

_EXPORTS = dict.fromkeys(("MapSpec", "LegendRow", "province_map", "province_detail_map"),
                         "builders") | {"boundary_credits": "credits"}
_MODULES = ("archipelagos", "builders", "colours", "coverage_view", "credits", "deck_payload",
            "geo", "layers", "map_text", "map_values", "map_view", "svg_map")
__all__ = [*_MODULES, *_EXPORTS]
__getattr__ = lazy_exports(__name__, _EXPORTS, _MODULES)
