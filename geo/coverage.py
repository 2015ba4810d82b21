"""Coverage steps of the build: keep overlays polygonal, simplify inside a parent, round.

A *coverage* is a set of polygons that do not overlap and whose shared edges have identical
vertices (GEOS's definition, :func:`shapely.coverage_is_valid`). The communes are simplified
with their district's border fixed (``simplify_boundary=False``), so the levels nest exactly;
rounding happens once, at the end, on the finest pieces, and every layer is a union of them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely


def polygonal(geoms: np.ndarray) -> np.ndarray:
    """Only the polygons of each geometry: overlays of touching shapes can add lines and
    points (a GeometryCollection), which coverage functions refuse."""
    out = np.array(geoms, dtype=object)
    mixed = shapely.get_type_id(out) == shapely.GeometryType.GEOMETRYCOLLECTION
    for i in np.flatnonzero(mixed):
        parts = shapely.get_parts(out[i])
        keep = parts[np.isin(shapely.get_type_id(parts), [3, 6])]
        out[i] = shapely.union_all(keep) if len(keep) else shapely.Polygon()
    return out


def longest_border(geom: shapely.Geometry, others: np.ndarray) -> int:
    """Index in ``others`` of the geometry sharing the longest border with ``geom``
    (the nearest one when none touches)."""
    shared = shapely.length(shapely.intersection(geom.boundary, others))
    if shared.max(initial=0.0) > 0:
        return int(np.argmax(shared))
    return int(np.argmin(shapely.distance(geom, others)))


def simplify_inside(geoms: pd.Series, tolerance: float) -> pd.Series:
    """Simplify the edges between the polygons of a coverage, keeping its outer border.

    Splitting and clipping leave shared edges whose vertices differ on the two sides; cleaning
    makes them identical first, so that each is simplified once, for both neighbours.
    """
    if len(geoms) < 2:
        return geoms
    clean = shapely.coverage_clean(polygonal(geoms.to_numpy(dtype=object)))
    simple = shapely.coverage_simplify(clean, tolerance, simplify_boundary=False)
    return pd.Series(simple, index=geoms.index)


def simplify_gently(geoms: pd.Series, tolerances: tuple[float, ...],
                    max_area_change: float = 0.2) -> pd.Series:
    """:func:`simplify_inside` with the first of ``tolerances`` (largest first) that changes no
    polygon's area by more than ``max_area_change``; unsimplified if none does.

    Simplification shrinks a polygon smaller than about tolerance² towards a triangle: a city
    ward beside large rural communes needs a smaller tolerance than they do.
    """
    before = shapely.area(geoms.to_numpy(dtype=object))
    for tolerance in tolerances:
        simple = simplify_inside(geoms, tolerance)
        change = np.abs(shapely.area(simple.to_numpy(dtype=object)) / before - 1)
        if change.max(initial=0.0) <= max_area_change:
            return simple
    return geoms


def to_grid(geoms: np.ndarray, decimals: int, max_rounds: int = 5) -> np.ndarray:
    """Round a coverage to ``decimals`` and keep it a valid coverage with no new gap.

    Snap rounding works per polygon: an edge passing close to another vertex of the same
    polygon gets a node there that its neighbour lacks, and a spike narrower than the grid
    collapses, leaving a sliver of gap beside its neighbour. Cleaning the rounded coverage
    inserts such nodes on both sides (off the grid) and gives each sliver to a neighbour;
    rounding again puts the nodes on the grid. One or two rounds suffice.

    Raises
    ------
    ValueError
        If after ``max_rounds`` the polygons are not a valid gap-free coverage on the grid,
        or one is empty or invalid.
    """
    grid = 10.0**-decimals
    out = shapely.coverage_clean(geoms, gap_width=2 * grid)
    for _ in range(max_rounds):
        # set_precision is a no-op on a geometry already carrying this grid size, even when
        # cleaning added vertices off it: reset it first.
        rounded = shapely.set_precision(shapely.set_precision(out, 0.0), grid)
        out = shapely.coverage_clean(rounded, gap_width=2 * grid)
        xy = shapely.get_coordinates(out) / grid
        if np.abs(xy - np.round(xy)).max() < 1e-6 and shapely.coverage_is_valid(out):
            break
    else:
        raise ValueError(f"no valid coverage on a {grid}° grid after {max_rounds} rounds")
    bad = np.flatnonzero(shapely.is_empty(out) | ~shapely.is_valid(out))
    if len(bad):
        raise ValueError(f"{len(bad)} polygons empty or invalid after rounding: {bad[:10]}")
    return out
