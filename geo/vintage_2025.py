"""The 2025 communes, carved out of the 2021 commune polygons through the commune crosswalk.

A Voronoi tessellation of the 3,321 new centroids alone would ignore everything the 2021
polygons already know (bounding boxes, coastlines, island districts). New communes are unions
of old ones, except where an old commune was divided: so each old polygon goes whole to its one
new commune, or is split between its new communes by a Voronoi of their centroids.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely import STRtree


def _split(piece: shapely.Geometry, codes: list[str], points: np.ndarray) -> dict[str, object]:
    if len(codes) == 1:
        return {codes[0]: piece}
    unique, first = np.unique(points, axis=0, return_index=True)
    if len(unique) == 1:  # identical centroids: nothing to split by
        return {codes[0]: piece}
    cells = shapely.get_parts(
        shapely.voronoi_polygons(
            shapely.multipoints(unique), extend_to=piece.envelope.buffer(1.0), ordered=True
        )
    )
    out: dict[str, object] = {}
    for cell, i in zip(cells, first, strict=True):
        part = shapely.intersection(cell, piece)
        if not part.is_empty:
            out[codes[i]] = part
    return out


def new_commune_polygons(
    old_pieces: pd.Series, crosswalk: pd.DataFrame, new_communes: pd.DataFrame
) -> tuple[pd.Series, dict[str, int]]:
    """Polygons of the 2025 communes from the 2021 ones.

    Parameters
    ----------
    old_pieces : Series
        Geometry per 2021 label (commune code, or ``D<district code>`` for island districts
        without communes), forming a coverage.
    crosswalk : DataFrame
        :func:`p8lib.units.commune_crosswalk`.
    new_communes : DataFrame
        :func:`p8lib.units.communes` of vintage ``"2025"`` (``commune_code``, ``lon``,
        ``lat``, ``province_code``).

    Returns
    -------
    (Series, dict)
        Geometry per new commune code, and counts: ``split`` old polygons divided,
        ``placed`` new communes without crosswalk rows placed by their centroid.
    """
    xy = new_communes.set_index("commune_code")[["lon", "lat"]]
    targets = crosswalk.groupby("old_commune_code")["new_commune_code"].agg(list).to_dict()
    candidates: dict[str, list[str]] = {
        label: list(targets.get(label, [])) for label in old_pieces.index
    }
    # New communes the crosswalk never reaches (island districts that had no communes, a few
    # renamed wards) join the old polygon that holds, or lies nearest to, their centroid.
    reached = set(crosswalk["new_commune_code"])
    missing = [code for code in xy.index if code not in reached]
    pieces = old_pieces.to_numpy()
    tree = STRtree(pieces)
    for code in missing:
        point = shapely.Point(xy.loc[code].to_numpy())
        hit = tree.query(point, predicate="intersects")
        idx = hit[0] if len(hit) else tree.nearest(point)
        candidates[old_pieces.index[idx]].append(code)
    parts: dict[str, list] = {}
    split = 0
    for label, piece in zip(old_pieces.index, pieces, strict=True):
        codes = [c for c in dict.fromkeys(candidates[label]) if c in xy.index]
        if not codes:
            # An old polygon with no new commune (should not happen): nearest new centroid.
            rep = shapely.point_on_surface(piece)
            codes = [xy.index[np.argmin(np.hypot(*(xy.to_numpy() - rep.coords[0]).T))]]
        split += len(codes) > 1
        for code, part in _split(piece, codes, xy.loc[codes].to_numpy()).items():
            parts.setdefault(code, []).append(part)
    out = pd.Series({code: shapely.union_all(p) for code, p in parts.items()})
    return out.sort_index(), {"split": split, "placed": len(missing)}
