"""Polygons for administrative units from their centroids and bounding boxes.

Plain Voronoi cells of centroids are poor where units differ a lot in size: a large mountain
commune loses land to its small neighbours. The package also gives each 2021 commune a
bounding box, so the land is sampled on a regular grid and each sample is given to the unit
that "explains" it best: among the units whose box holds the sample, the one with the smallest
distance-to-centroid divided by its box size (a multiplicatively weighted Voronoi restricted
to the boxes). Voronoi cells of centroids and samples together, clipped to the land and
dissolved by label, give the units. Each unit keeps the cell of its own centroid, so no unit
vanishes and every centroid lies in its own unit before simplification.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely import STRtree

GRID_STEP = 0.01  # degrees (~1.1 km): fine enough for mountain communes, ~300k samples
INLAND_STEP = 0.002  # degrees moved past the coast by onto_land
BOX_MARGIN = 0.1  # share of a box's size added around it: package boxes are tight


def sample_grid(land: shapely.Geometry, step: float = GRID_STEP) -> np.ndarray:
    """Points of an offset (hexagon-like) grid that lie on ``land``.

    Parameters
    ----------
    land : shapely geometry
        The area to sample, in lon/lat degrees.
    step : float
        Grid spacing in degrees.

    Returns
    -------
    ndarray of shape (n, 2)
        ``(lon, lat)`` of the samples on land.
    """
    lon0, lat0, lon1, lat1 = land.bounds
    lats = np.arange(lat0, lat1 + step, step * 0.866)
    rows = []
    for i, lat in enumerate(lats):
        # Every other row is shifted half a step: a staggered grid has no long straight
        # staircases along the axes once cells are dissolved.
        lons = np.arange(lon0 + (step / 2 if i % 2 else 0.0), lon1 + step, step)
        rows.append(np.column_stack([lons, np.full_like(lons, lat)]))
    xy = np.concatenate(rows)
    shapely.prepare(land)
    inside = shapely.contains_xy(land, xy[:, 0], xy[:, 1])
    return xy[inside]


def spread_duplicates(seeds: pd.DataFrame) -> pd.DataFrame:
    """Move units that share one centroid onto a small circle around it.

    Some communes carry their district's centroid; identical sites would give one Voronoi cell
    to several units. The radius is a quarter of the shared box (or ~500 m without a box).

    Parameters
    ----------
    seeds : DataFrame
        ``label``, ``lon``, ``lat``, ``lon_min``, ``lat_min``, ``lon_max``, ``lat_max``.

    Returns
    -------
    DataFrame
        A copy with ``lon``/``lat`` moved for duplicated sites.
    """
    out = seeds.copy()
    groups = out.groupby(["lon", "lat"], sort=False).indices
    for idx in groups.values():
        if len(idx) < 2:
            continue
        first = out.iloc[idx[0]]
        half = min(first.lon_max - first.lon_min, first.lat_max - first.lat_min) / 2
        radius = 0.25 * half if np.isfinite(half) and half > 0 else 0.005
        angles = 2 * np.pi * np.arange(len(idx)) / len(idx)
        out.iloc[idx, out.columns.get_loc("lon")] = first.lon + radius * np.cos(angles)
        out.iloc[idx, out.columns.get_loc("lat")] = first.lat + radius * np.sin(angles)
    return out


def onto_land(xy: np.ndarray, land: shapely.Geometry) -> np.ndarray:
    """Move points that lie in the sea onto the nearest coast.

    Coastal and island communes sometimes have a centroid offshore; its Voronoi cell would
    then hold no land and the unit would vanish.

    Parameters
    ----------
    xy : ndarray of shape (n, 2)
        ``(lon, lat)`` points.
    land : shapely geometry
        The land.

    Returns
    -------
    ndarray of shape (n, 2)
        A copy with offshore points moved to the closest point of ``land``.
    """
    out = np.array(xy, dtype=float)
    shapely.prepare(land)
    offshore = ~shapely.contains_xy(land, out[:, 0], out[:, 1])
    if offshore.any():
        lines = shapely.shortest_line(shapely.points(out[offshore]), land)
        coast = shapely.get_coordinates(shapely.get_point(lines, 1))
        # Carry on ~200 m past the coast, in the direction of travel: two offshore
        # centroids near one headland would otherwise land on the same coast point.
        step = coast - out[offshore]
        norm = np.hypot(step[:, 0], step[:, 1])[:, None]
        out[offshore] = coast + INLAND_STEP * step / np.where(norm > 0, norm, 1.0)
    return out


def label_samples(samples: np.ndarray, seeds: pd.DataFrame) -> np.ndarray:
    """Give each sample point the label of the unit that best explains it.

    Parameters
    ----------
    samples : ndarray of shape (n, 2)
        ``(lon, lat)`` points.
    seeds : DataFrame
        ``label``, ``lon``, ``lat`` and the box ``lon_min, lat_min, lon_max, lat_max``; rows
        with a missing box are used only where no box holds a sample, or where they are the
        nearest unit.

    Returns
    -------
    ndarray of str
        One label per sample.
    """
    boxes = seeds[["lon_min", "lat_min", "lon_max", "lat_max"]].to_numpy(float)
    valid = np.isfinite(boxes).all(axis=1)
    size = np.sqrt((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]))
    scale = np.where(valid, size, np.nanmedian(size[valid]))
    scale = np.maximum(scale, 1e-3)
    pad = BOX_MARGIN * np.nan_to_num(size)[:, None] * np.array([-1, -1, 1, 1])
    box_geoms = shapely.box(*(boxes + pad).T)
    sites = shapely.points(seeds[["lon", "lat"]].to_numpy(float))
    points = shapely.points(samples)

    box_tree = STRtree(np.where(valid, box_geoms, None))
    s_idx, u_idx = box_tree.query(points, predicate="intersects")
    # The plain nearest unit always competes, so units without a usable box still get land.
    n_s, n_u = STRtree(sites).query_nearest(points, all_matches=False)
    s_idx = np.concatenate([s_idx, n_s])
    u_idx = np.concatenate([u_idx, n_u])

    d = np.hypot(samples[s_idx, 0] - seeds["lon"].to_numpy()[u_idx],
                 samples[s_idx, 1] - seeds["lat"].to_numpy()[u_idx])
    cost = d / scale[u_idx]
    order = np.lexsort((cost, s_idx))
    first = order[np.r_[True, s_idx[order][1:] != s_idx[order][:-1]]]
    best = np.empty(len(samples), dtype=int)
    best[s_idx[first]] = u_idx[first]
    return seeds["label"].to_numpy()[best]


def voronoi_units(
    sites: np.ndarray, labels: np.ndarray, land: shapely.Geometry
) -> pd.Series:
    """Dissolve Voronoi cells of labelled sites, clipped to ``land``, by label.

    Parameters
    ----------
    sites : ndarray of shape (n, 2)
        Site coordinates; duplicates are dropped (the first label wins).
    labels : ndarray
        One label per site.
    land : shapely geometry
        The area to partition.

    Returns
    -------
    Series
        Geometry per label (labels whose cells all fall in the sea are absent).
    """
    frame = pd.DataFrame({"x": sites[:, 0], "y": sites[:, 1], "label": labels})
    frame = frame.drop_duplicates(["x", "y"]).reset_index(drop=True)
    points = shapely.points(frame[["x", "y"]].to_numpy())
    lon0, lat0, lon1, lat1 = land.bounds
    extent = shapely.box(lon0 - 1, lat0 - 1, lon1 + 1, lat1 + 1)
    geoms = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(points), extend_to=extent, ordered=True)
    )
    shapely.prepare(land)
    inside = shapely.contains_properly(land, geoms)
    edge = ~inside
    geoms[edge] = shapely.intersection(geoms[edge], land)
    frame["geometry"] = geoms
    frame = frame[~shapely.is_empty(frame["geometry"].to_numpy())]
    return frame.groupby("label")["geometry"].agg(
        lambda g: shapely.coverage_union_all(g.to_numpy())
    )


def reassign_fragments(
    geoms: pd.Series,
    anchors: dict[str, shapely.Geometry] | None = None,
    min_shared: float = 0.6,
) -> tuple[pd.Series, int]:
    """Give stray parts of a unit to the neighbour that shares most of their border.

    A part stays with its unit if it holds one of the unit's ``anchors`` (trusted centroids)
    or is its largest part. Other parts move to a neighbour that holds at least
    ``min_shared`` of their border; parts touching nobody (islands) stay.

    Parameters
    ----------
    geoms : Series
        Geometry per label, forming a coverage.
    anchors : dict, optional
        Label → point or multipoint; a part holding any of them stays with the label.
    min_shared : float
        Share of a part's border that one neighbour must hold for the part to move.

    Returns
    -------
    (Series, int)
        Repaired geometries and the number of parts moved.
    """
    anchors = anchors or {}
    labels, parts = shapely.get_parts(geoms.to_numpy(), return_index=True)
    frame = pd.DataFrame({"label": geoms.index.to_numpy()[parts], "geometry": labels})
    area = shapely.area(frame["geometry"].to_numpy())
    main = np.zeros(len(frame), dtype=bool)
    for label, idx in frame.groupby("label").indices.items():
        main[idx[np.argmax(area[idx])]] = True
        anchor = anchors.get(label)
        if anchor is not None:
            main[idx] |= shapely.intersects(frame["geometry"].to_numpy()[idx], anchor)
    frame["main"] = main
    minor = frame.index[~frame["main"]].to_numpy()
    tree = STRtree(frame["geometry"].to_numpy())
    moved = 0
    new_label = frame["label"].to_numpy().copy()
    for i in minor:
        geom = frame.at[i, "geometry"]
        touching = tree.query(geom, predicate="intersects")
        others = [j for j in touching if new_label[j] != new_label[i]]
        if not others:
            continue
        shared = shapely.length(
            shapely.intersection(geom.boundary, frame["geometry"].to_numpy()[others])
        )
        # Only enclaves move: a part mostly bordered by one neighbour. A part that is a real
        # piece of the unit (long coast, or several neighbours) stays where it is.
        if shared.max() < min_shared * geom.boundary.length:
            continue
        new_label[i] = new_label[others[int(np.argmax(shared))]]
        moved += 1
    frame["label"] = new_label
    out = frame.groupby("label")["geometry"].agg(lambda g: shapely.union_all(g.to_numpy()))
    return out, moved
