"""Polygons for administrative units from their centroids and bounding boxes, inside an area.

Plain Voronoi cells of centroids are poor where units differ a lot in size: a large mountain
commune loses land to its small neighbours. The package also gives each 2021 commune a
bounding box, so the land is sampled on a regular grid and each sample is given to the unit
that "explains" it best: among the units whose box holds the sample, the one with the smallest
distance-to-centroid divided by its box size (a multiplicatively weighted Voronoi restricted
to the boxes). Voronoi cells of centroids and samples together, clipped to the land and
dissolved by label, give the units. Each unit keeps the cell of its own centroid, so no unit
vanishes and every centroid lies in its own unit before simplification.

:func:`partition` does all of it inside one area (a district, or a source polygon shared by
several districts): seeds outside it are moved in first, so the units tile exactly that area.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from coverage import polygonal
from shapely import STRtree

GRID_STEP = 0.01  # degrees (~1.1 km): fine enough for mountain communes, ~300k samples
INLAND_STEP = 0.002  # degrees moved past a border by into_area
POINT_BOX_SHARE = 0.1  # of the average unit's area: a smaller box is a point's
FAR_OUTSIDE = 0.02  # degrees (~2 km): a centroid farther outside its area is misplaced
CARVE_RADIUS = 0.003  # degrees (~300 m) given to a unit that got no land at all
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


def without_point_boxes(seeds: pd.DataFrame, area_km2: float) -> pd.DataFrame:
    """``seeds`` without ``box_km2``, their box dropped (NaN) where it is a point's, not a unit's.

    The package gives some communes the box of a village point (~0.5 km² where the commune
    has 20): weighted by it, the commune would shrink to it. A box under
    :data:`POINT_BOX_SHARE` of the average unit of ``area_km2`` is not trusted.
    """
    out = seeds.drop(columns="box_km2", errors="ignore")
    if "box_km2" in seeds:
        point = seeds["box_km2"].to_numpy(float) < POINT_BOX_SHARE * area_km2 / len(seeds)
        out.loc[point, ["lon_min", "lat_min", "lon_max", "lat_max"]] = np.nan
    return out


def points_in(area: shapely.Geometry, xy: np.ndarray) -> np.ndarray:
    """The rows of ``xy`` (n, 2) that lie inside ``area``; its box is checked first, as most
    points of a national sample grid are far from one district."""
    lon0, lat0, lon1, lat1 = area.bounds
    near = xy[(xy[:, 0] >= lon0) & (xy[:, 0] <= lon1) & (xy[:, 1] >= lat0) & (xy[:, 1] <= lat1)]
    return near[shapely.contains_xy(area, near[:, 0], near[:, 1])]


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


def into_area(xy: np.ndarray, area: shapely.Geometry,
              samples: np.ndarray | None = None) -> np.ndarray:
    """Move points that lie outside ``area`` inside it.

    A commune whose package centroid lies outside its district (offshore, across a border:
    the package's error, or a border drawn differently) still needs a seed inside the district,
    or its Voronoi cell would hold none of the district's land.

    Parameters
    ----------
    xy : ndarray of shape (n, 2)
        ``(lon, lat)`` points.
    area : shapely geometry
        The polygon the points must lie in.
    samples : ndarray of shape (m, 2), optional
        Points inside ``area`` (the grid samples).

    Returns
    -------
    ndarray of shape (n, 2)
        A copy in which every point lies inside ``area``. A point at most
        :data:`FAR_OUTSIDE` away goes to the nearest point of ``area`` and on inwards (by
        :data:`INLAND_STEP` or less). One farther off says nothing about where in the area it
        belongs: it takes the sample farthest from every other seed, so that several such
        communes of one district (Ia H'Drai's three, placed by the package in Sa Thầy) share it
        instead of crowding one stretch of its border.
    """
    out = np.array(xy, dtype=float)
    shapely.prepare(area)
    outside = ~shapely.contains_xy(area, out[:, 0], out[:, 1])
    far = np.zeros(len(out), dtype=bool)
    if samples is not None and len(samples) and outside.any():
        far[outside] = shapely.distance(shapely.points(out[outside]), area) > FAR_OUTSIDE
    for i in np.flatnonzero(outside & ~far):
        start = shapely.Point(out[i])
        edge = np.array(shapely.get_point(shapely.shortest_line(start, area), 1).coords[0])
        step = edge - out[i]
        norm = float(np.hypot(*step)) or 1.0
        # Carry on past the border in the direction of travel: two outside centroids near
        # one headland would otherwise land on the same border point.
        for length in (INLAND_STEP, INLAND_STEP / 8, INLAND_STEP / 64):
            candidate = edge + length * step / norm
            if shapely.contains_xy(area, *candidate):
                out[i] = candidate
                break
        else:  # a sliver of land narrower than the steps: any point of it nearby
            near = shapely.intersection(area, shapely.Point(edge).buffer(10 * INLAND_STEP))
            out[i] = shapely.point_on_surface(near if not near.is_empty else area).coords[0]
    placed = out[~far]
    for i in np.flatnonzero(far):
        if len(placed):
            gap = np.min(np.hypot(samples[:, None, 0] - placed[None, :, 0],
                                  samples[:, None, 1] - placed[None, :, 1]), axis=1)
            best = samples[int(np.argmax(gap))]
        else:  # no seed inside yet: the sample nearest to where the package put it
            best = samples[int(np.argmin(np.hypot(*(samples - out[i]).T)))]
        out[i] = best
        placed = np.vstack([placed, best])
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
    typical = float(np.median(size[valid])) if valid.any() else 0.05
    scale = np.where(valid, size, typical)
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
    # Dissolve first, clip after: clipping every cell would leave a vertex on the border at
    # each meeting of two cells of one label (one per ~1 km of grid samples), which no
    # simplification of inner edges removes.
    frame["geometry"] = geoms
    merged = frame.groupby("label")["geometry"].agg(
        lambda g: shapely.coverage_union_all(g.to_numpy()))
    cells = np.array(merged.to_numpy(dtype=object))  # a writable copy
    shapely.prepare(land)
    edge = ~shapely.contains_properly(land, cells)
    cells[edge] = polygonal(shapely.intersection(cells[edge], land))
    out = pd.Series(cells, index=merged.index)
    return out[~shapely.is_empty(cells)]


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


def carve_missing(geoms: pd.Series, points: pd.DataFrame) -> pd.Series:
    """Give every code in ``points`` without a geometry a small disc around its point.

    The disc is cut out of the units it overlaps, so the result stays a coverage of the same
    area.

    Parameters
    ----------
    geoms : Series
        Geometry per code.
    points : DataFrame
        ``lon``, ``lat`` indexed by code; every code must end up with a geometry.

    Returns
    -------
    Series
        ``geoms`` plus a geometry for each code that had none.
    """
    out = geoms.copy()
    have = set(out.index[~shapely.is_empty(out.to_numpy())]) if len(out) else set()
    for code in points.index:
        if code in have:
            continue
        disc = shapely.Point(points.loc[code, ["lon", "lat"]].to_numpy(float)).buffer(CARVE_RADIUS)
        hits = out.index[shapely.intersects(out.to_numpy(), disc)]
        if len(hits):
            cut = shapely.union_all([out[h].intersection(disc) for h in hits])
            for h in hits:
                out[h] = out[h].difference(disc)
            disc = cut if not cut.is_empty else disc
        out[code] = disc
    return out


def partition(area: shapely.Geometry, seeds: pd.DataFrame, samples: np.ndarray) -> pd.Series:
    """Split ``area`` between the labels of ``seeds``: refined Voronoi, clipped, repaired.

    Parameters
    ----------
    area : shapely geometry
        The polygon to tile.
    seeds : DataFrame
        ``label``, ``lon``, ``lat`` and the box ``lon_min, lat_min, lon_max, lat_max`` (NaN
        where the box is not to be trusted); identical positions already spread
        (:func:`spread_duplicates`). Seeds outside ``area`` are moved in (:func:`into_area`).
    samples : ndarray of shape (n, 2)
        Grid samples inside ``area``, labelled by :func:`label_samples`.

    Returns
    -------
    Series
        Geometry per label, every label present; together they tile ``area``.
    """
    labels = seeds["label"].to_numpy()
    if len(seeds) == 1:
        return pd.Series({labels[0]: area})
    xy = into_area(seeds[["lon", "lat"]].to_numpy(float), area, samples)
    moved = seeds.assign(lon=xy[:, 0], lat=xy[:, 1])
    sites, site_labels = xy, labels
    if len(samples):
        sites = np.vstack([xy, samples])
        site_labels = np.concatenate([labels, label_samples(samples, moved)])
    cells = voronoi_units(sites, site_labels, area)
    anchors = {label: shapely.Point(p) for label, p in zip(labels, xy, strict=True)}
    cells, _ = reassign_fragments(cells, anchors)
    return carve_missing(cells, moved.set_index("label")[["lon", "lat"]])
