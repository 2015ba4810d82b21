"""The 2025 communes, carved out of the 2021 commune polygons through the commune crosswalk.

A Voronoi tessellation of the 3,321 new centroids alone would ignore everything the 2021
polygons already know (real district and province borders, bounding boxes, islands). New
communes are unions of old ones, except where an old commune was divided: so each old polygon
goes whole to its one new commune, or is split between its new communes by a Voronoi of their
centroids. The result is a table of *atoms* (old label, new code, polygon): the 2021 communes
and the 2025 communes are both unions of atoms, so the two vintages share every edge and a new
commune lies in its new province exactly (its old communes lie in the old provinces that
merged into it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from coverage import longest_border, polygonal
from shapely import STRtree

# Split atoms smaller than this (degrees², ~0.01 km²) are slivers a Voronoi line cut off an old
# commune's corner; rounding to 4 decimals could collapse them.
MIN_ATOM_AREA = 1e-6


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
        part = polygonal([shapely.intersection(cell, piece)])[0]
        if not part.is_empty:
            out[codes[i]] = part
    return out


def new_commune_atoms(
    old_pieces: pd.Series,
    crosswalk: pd.DataFrame,
    new_communes: pd.DataFrame,
    new_province_of_old: pd.Series,
) -> tuple[pd.DataFrame, dict[str, object]]:
    """Atoms of the 2025 communes: each 2021 polygon, whole or split between its new communes.

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
    new_province_of_old : Series
        2021 label -> the 2025 province its 2021 province merged into.

    Returns
    -------
    (DataFrame, dict)
        Atoms: ``old``, ``new``, ``geometry``; and counts: ``split`` old polygons divided,
        ``placed`` new communes without crosswalk rows placed by their centroid, ``dropped``
        crosswalk pairs naming a new commune of another province (not followed).
    """
    new = new_communes.set_index("commune_code")
    xy = new[["lon", "lat"]]
    targets = crosswalk.groupby("old_commune_code")["new_commune_code"].agg(list).to_dict()
    candidates: dict[str, list[str]] = {}
    dropped = []
    for label in old_pieces.index:
        province = new_province_of_old[label]
        wanted = [c for c in dict.fromkeys(targets.get(label, [])) if c in xy.index]
        candidates[label] = [c for c in wanted if new.at[c, "province_code"] == province]
        dropped += [(label, c) for c in wanted if new.at[c, "province_code"] != province]
    # New communes the crosswalk never reaches (island districts that had no communes, a few
    # renamed wards) join the old polygon of their own province that holds, or lies nearest
    # to, their centroid.
    reached = set(crosswalk["new_commune_code"])
    missing = [code for code in xy.index if code not in reached]
    pieces = old_pieces.to_numpy()
    provinces = new_province_of_old.reindex(old_pieces.index).to_numpy()
    for code in missing:
        own = np.flatnonzero(provinces == new.at[code, "province_code"])
        point = shapely.Point(xy.loc[code].to_numpy())
        tree = STRtree(pieces[own])
        hit = tree.query(point, predicate="intersects")
        idx = own[hit[0]] if len(hit) else own[tree.nearest(point)]
        candidates[old_pieces.index[idx]].append(code)
    rows = []
    split = 0
    for label, piece in zip(old_pieces.index, pieces, strict=True):
        codes = list(dict.fromkeys(candidates[label]))
        if not codes:
            # An old polygon with no new commune (should not happen): nearest new centroid of
            # its own province.
            own = new[new["province_code"] == new_province_of_old[label]]
            rep = np.array(shapely.point_on_surface(piece).coords[0])
            codes = [own.index[np.argmin(np.hypot(*(own[["lon", "lat"]].to_numpy() - rep).T))]]
        split += len(codes) > 1
        rows += [{"old": label, "new": code, "geometry": part}
                 for code, part in _split(piece, codes, xy.loc[codes].to_numpy()).items()]
    atoms = merge_slivers(pd.DataFrame(rows))
    lost = sorted(set(xy.index) - set(atoms["new"]))
    if lost:
        raise ValueError(f"2025 communes with no land: {lost}")
    return atoms, {"split": split, "placed": len(missing), "dropped": dropped}


def merge_slivers(atoms: pd.DataFrame) -> pd.DataFrame:
    """Join each split atom under :data:`MIN_ATOM_AREA` to the atom of the same old commune
    sharing the longest border with it, unless it is all its new commune has."""
    area = shapely.area(atoms["geometry"].to_numpy())
    atoms_of_new = atoms["new"].value_counts()
    pieces_of_old = atoms["old"].value_counts()
    small = np.flatnonzero((area < MIN_ATOM_AREA) & (pieces_of_old[atoms["old"]].to_numpy() > 1)
                           & (atoms_of_new[atoms["new"]].to_numpy() > 1))
    geoms = atoms["geometry"].to_numpy().copy()
    keep = np.ones(len(atoms), dtype=bool)
    for i in small:
        siblings = np.flatnonzero((atoms["old"].to_numpy() == atoms["old"].iat[i]) & keep)
        siblings = siblings[siblings != i]
        j = siblings[longest_border(geoms[i], geoms[siblings])]
        geoms[j] = shapely.union(geoms[j], geoms[i])
        keep[i] = False
    out = atoms.assign(geometry=geoms)[keep]
    return out.reset_index(drop=True)
