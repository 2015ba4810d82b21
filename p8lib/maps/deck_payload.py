"""The bytes a map sends: compact deck JSON and polygon coordinates as plain lists.

Streamlit sends ``deck.to_json()`` whole on every rerun in which a deck changes, so what a
deck carries is what the browser waits for. :class:`CompactDeck` writes it without
indentation; :func:`features` and :func:`flat_polygons` turn geometries into rounded
[lon, lat] lists in one numpy pass. Used by :mod:`p8lib.maps`; sizes in ``bench/bench_maps.py``.
"""

from __future__ import annotations

import os
import weakref

import geopandas as gpd
import numpy as np
import orjson
import pydeck as pdk
import shapely
from pydeck.bindings.base_map_provider import BaseMapProvider
from pydeck.bindings.json_tools import default_serialize

from p8lib.memo import ByIdentity

# An RGBA colour as deck.gl layers take it.
Color = tuple[int, int, int, int]
# Deck → its JSON, kept apart from the deck's own attributes (pydeck serialises those).
_SERIALISED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class CompactDeck(pdk.Deck):
    """A :class:`pydeck.Deck` whose JSON has no indentation and no spaces.

    ``st.pydeck_chart`` sends exactly ``deck.to_json()`` (Streamlit 1.67) on every rerun in
    which the deck changes, and calls it on every rerun. Change no deck after serialising it:
    its JSON is kept. pydeck's own ``to_json`` indents by two spaces per level, which
    triples the bytes of a coordinate list and forces Python's pure-Python JSON encoder (the
    C encoder is used only without ``indent``); this one is written by orjson, several times
    faster than even the C encoder on a deck's coordinate lists (docs/benchmarks.md), which
    a view's first build waits for. Non-ASCII text stays UTF-8 (``ã``: 2 bytes, not the 6 of
    an ``\\u`` escape); a NaN is ``null`` (JSON has no NaN: the browser's ``JSON.parse``
    rejects Python's). Same keys, same sorted order, same values.
    """

    def _set_api_keys(self, api_keys: dict | None = None) -> None:
        """pydeck's, without its Jupyter widget: a deck Streamlit draws has none, and pydeck
        tries to import that widget once per map provider on every deck (~25 ms each)."""
        api_keys = api_keys or {}
        for provider in BaseMapProvider:
            value = api_keys.get(provider.value)
            for variable in self._PROVIDER_ENV_VARS.get(provider, []):
                value = value or os.getenv(variable)
            setattr(self, f"{provider.value}_key", value)

    def to_json(self) -> str:
        """The deck as compact JSON (what Streamlit sends to the browser), made once: a deck
        is finished when its builder returns it (the app shares built decks between reruns,
        and Streamlit serialises the deck again on each)."""
        text = _SERIALISED.get(self)
        if text is None:
            text = orjson.dumps(self, default=default_serialize,
                                option=orjson.OPT_SORT_KEYS | orjson.OPT_SERIALIZE_NUMPY
                                ).decode()
            _SERIALISED[self] = text
        return text


def ring_lists(rings: np.ndarray, decimals: int, closed: bool = True) -> list[list[list[float]]]:
    """Each ring as a list of rounded [lon, lat] pairs: one numpy pass over all vertices.

    ``closed=False`` drops each ring's closing vertex (PolygonLayer closes rings itself).
    """
    coords, which = shapely.get_coordinates(rings, return_index=True)
    flat = coords.round(decimals).tolist()
    ends = np.cumsum(np.bincount(which, minlength=len(rings))).tolist()
    trim = 0 if closed else 1
    return [flat[start:end - trim] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def _multipolygons(frame: gpd.GeoDataFrame, decimals: int) -> list[dict]:
    """Each row's geometry as a GeoJSON MultiPolygon, holes kept, from flat coordinate
    arrays (no per-vertex Python, no ``shapely.mapping``)."""
    parts, part_row = shapely.get_parts(frame.geometry.to_numpy(), return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)  # exterior first
    polygons: list[list] = [[] for _ in range(len(parts))]
    for ring, part in zip(ring_lists(rings, decimals), ring_part.tolist(), strict=True):
        polygons[part].append(ring)
    multi: list[list] = [[] for _ in range(len(frame))]
    for polygon, row in zip(polygons, part_row.tolist(), strict=True):
        multi[row].append(polygon)
    return [{"type": "MultiPolygon", "coordinates": m} for m in multi]


def _outer_rings(frame: gpd.GeoDataFrame, decimals: int) -> tuple[list[int], list[list]]:
    """Every polygon part's row and outer ring (no closing vertex), largest part first."""
    parts, row = shapely.get_parts(frame.geometry.to_numpy(), return_index=True)
    order = np.argsort(-shapely.area(parts), kind="stable")
    return row[order].tolist(), ring_lists(shapely.get_exterior_ring(parts[order]), decimals,
                                           closed=False)


# A frame's coordinates as the decks send them, per number of decimals, while the frame
# lives: every view of the same (shared, fitted) boundaries sends the same lists, in a new
# deck with new fills and tooltips. The lists are shared: the decks never modify them.
_MULTIPOLYGONS = ByIdentity(_multipolygons)
_OUTER_RINGS = ByIdentity(_outer_rings)


def features(frame: gpd.GeoDataFrame, props: list[dict], decimals: int) -> dict:
    """A GeoJSON FeatureCollection of MultiPolygons, holes kept; ``props`` one dict per row."""
    feats = [{"type": "Feature", "geometry": g, "properties": p}
             for g, p in zip(_MULTIPOLYGONS(frame, decimals), props, strict=True)]
    return {"type": "FeatureCollection", "features": feats}


def flat_polygons(frame: gpd.GeoDataFrame, props: list[dict], decimals: int,
                  largest_only: tuple[str, ...] = ()) -> list[dict]:
    """One record per polygon part: its properties and its outer ring of [lon, lat] pairs.

    The ring omits the closing vertex (deck.gl closes it). Holes are dropped; parts are drawn
    largest first, so a unit inside a hole is drawn (and picked) on top. The properties named
    in ``largest_only`` are sent with a unit's largest part only (its other parts, islets and
    fragments, get ""): tooltip lines repeated on every part cost bytes, not information.
    """
    rows, rings = _OUTER_RINGS(frame, decimals)
    blank = dict.fromkeys(largest_only, "")
    seen: set[int] = set()
    records = []
    for i, ring in zip(rows, rings, strict=True):
        records.append({**props[i], **(blank if i in seen else {}), "polygon": ring})
        seen.add(i)
    return records
