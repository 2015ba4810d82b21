"""Vietnam's national outline from Natural Earth, read from the npm package ``world-atlas``.

``world-atlas`` 2.0.2 redistributes Natural Earth 4.1.0 (public domain) as TopoJSON; only
``countries-10m.json`` is read. TopoJSON is decoded here in a few lines rather than adding a
dependency: arcs are delta-encoded integers, scaled by the file's ``transform``.

Only land is taken from Natural Earth: its Vietnamese admin-1 names and borders are known to
be wrong (see DESIGN.md, "Geography"), so the provinces are derived elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

# Natural Earth files Vietnam as id 704. The Paracels are drawn inside China's feature and the
# Spratlys as a feature of their own; Vietnam administers both as the island districts Hoàng Sa
# (Đà Nẵng) and Trường Sa (Khánh Hòa), so land inside these boxes is taken whatever feature
# holds it. Boxes are (lon_min, lat_min, lon_max, lat_max).
VIETNAM_ID = "704"
PARACEL_BOX = (111.0, 15.5, 113.0, 17.3)
SPRATLY_BOX = (111.5, 7.3, 116.5, 11.6)


def _decode_arcs(topology: dict) -> list[np.ndarray]:
    scale = np.asarray(topology["transform"]["scale"], dtype=float)
    translate = np.asarray(topology["transform"]["translate"], dtype=float)
    return [
        np.cumsum(np.asarray(arc, dtype=float), axis=0) * scale + translate
        for arc in topology["arcs"]
    ]


def _ring(indices: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    # A negative index ~i means arc i reversed; consecutive arcs share their joint point.
    parts = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc if not parts else arc[1:])
    return np.concatenate(parts)


def _polygon(rings: list[list[int]], arcs: list[np.ndarray]) -> Polygon:
    # Quantisation collapses some islets to fewer than 4 points; such rings carry no area.
    coords = [_ring(r, arcs) for r in rings]
    if len(coords[0]) < 4:
        return Polygon()
    return Polygon(coords[0], [c for c in coords[1:] if len(c) >= 4])


def _geometry(obj: dict, arcs: list[np.ndarray]) -> MultiPolygon:
    if obj["type"] == "Polygon":
        polys = [_polygon(obj["arcs"], arcs)]
    elif obj["type"] == "MultiPolygon":
        polys = [_polygon(p, arcs) for p in obj["arcs"]]
    else:
        polys = []
    return shapely.make_valid(MultiPolygon(polys))


def vietnam_land(
    topojson_path: Path,
) -> tuple[shapely.Geometry, shapely.Geometry, shapely.Geometry]:
    """Read Vietnam's land from a world-atlas ``countries-10m.json``.

    Parameters
    ----------
    topojson_path : Path
        Path to ``countries-10m.json`` of the npm package ``world-atlas`` (2.0.2).

    Returns
    -------
    tuple of shapely geometries
        ``(mainland, paracels, spratlys)``: Vietnam's feature without the two offshore
        archipelagos, and the land of each archipelago (possibly empty).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the file has no feature with id 704 (Vietnam).
    """
    topology = json.loads(Path(topojson_path).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    features = topology["objects"]["countries"]["geometries"]
    geoms = [_geometry(f, arcs) for f in features]
    ids = [str(f.get("id", "")) for f in features]
    if VIETNAM_ID not in ids:
        raise ValueError(f"{topojson_path}: no feature with id {VIETNAM_ID!r} (Vietnam)")
    vietnam = geoms[ids.index(VIETNAM_ID)]
    # Clip every feature to the boxes first: a union of the whole world takes ~10 s.
    paracels = shapely.union_all(shapely.intersection(geoms, box(*PARACEL_BOX)))
    spratlys = shapely.union_all(shapely.intersection(geoms, box(*SPRATLY_BOX)))
    mainland = vietnam.difference(box(*PARACEL_BOX)).difference(box(*SPRATLY_BOX))
    return mainland, paracels, spratlys
