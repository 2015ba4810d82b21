"""Checks and repairs used by build_boundaries.py: the quality report it prints."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

# UTM 48N: an equal-enough metric frame for areas over Vietnam (areas below are in km²).
_TO_METRES = Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True)
CARVE_RADIUS = 0.003  # degrees (~300 m) given to a unit that got no land at all


def km2(geoms: np.ndarray | shapely.Geometry) -> np.ndarray:
    """Areas in km² of lon/lat geometries."""
    projected = shapely.transform(geoms, lambda xy: np.column_stack(_TO_METRES.transform(*xy.T)))
    return shapely.area(projected) / 1e6


def carve_missing(geoms: pd.Series, points: pd.DataFrame) -> pd.Series:
    """Give every code in ``points`` without a geometry a small disc around its point.

    The disc is cut out of the units it overlaps, so the result stays a coverage.

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


def _gaps_overlaps(geoms: np.ndarray, land: shapely.Geometry) -> tuple[float, float, float]:
    union = shapely.union_all(geoms)
    overlap = float(km2(geoms).sum() - km2(union))
    holes = shapely.get_parts(shapely.polygons(shapely.get_rings(union)[1:]))
    land_holes = shapely.polygons(shapely.get_rings(land)[1:])
    interior = shapely.difference(shapely.union_all(holes), shapely.union_all(land_holes))
    coast = float(km2(shapely.symmetric_difference(union, land)))
    return round(max(overlap, 0.0), 3), round(float(km2(interior)), 3), round(coast, 1)


def _share_inside(points: np.ndarray, polys: np.ndarray) -> float:
    ok = shapely.contains_xy(polys, points[:, 0], points[:, 1])
    return round(100 * float(ok.mean()), 2)


def _bbox_iou(geoms: pd.Series, seeds: pd.DataFrame) -> np.ndarray:
    boxes = seeds.set_index("label")[["lon_min", "lat_min", "lon_max", "lat_max"]]
    boxes = boxes[np.isfinite(boxes).all(axis=1)]
    got = shapely.bounds(geoms.reindex(boxes.index).to_numpy())
    want = boxes.to_numpy()
    w = np.clip(np.minimum(got[:, 2], want[:, 2]) - np.maximum(got[:, 0], want[:, 0]), 0, None)
    h = np.clip(np.minimum(got[:, 3], want[:, 3]) - np.maximum(got[:, 1], want[:, 1]), 0, None)
    area = lambda b: (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])  # noqa: E731
    inter = w * h
    iou = inter / (area(got) + area(want) - inter)
    big = area(want) > 0.02  # ~250 km²: the large mountain communes
    return np.array([np.nanmedian(iou), np.nanmedian(iou[big]), int(big.sum())])


def report(
    out: dict, land, tables: dict, points: dict, plain: pd.Series, cells: pd.Series, seeds
) -> dict:
    """The numbers printed by the build and copied into geo/README.md.

    Parameters
    ----------
    out : dict
        Layer name → Series of final (simplified) geometries indexed by code.
    land : shapely geometry
        The land that was partitioned.
    tables : dict
        Layer name → (unit table, code column, parent columns).
    points : dict
        ``communes_2021`` / ``communes_2025`` → map points (lon, lat) indexed by code.
    plain, cells : Series
        2021 commune polygons from plain Voronoi and from the refined tessellation.
    seeds : DataFrame
        The 2021 seed table with boxes.

    Returns
    -------
    dict
        Report lines.
    """
    rep: dict[str, object] = {}
    rep["counts"] = {k: (len(v), len(tables[k][0])) for k, v in out.items()}
    rep["invalid geometries"] = int(
        sum((~shapely.is_valid(v.to_numpy()) | shapely.is_empty(v.to_numpy())).sum()
            for v in out.values())
    )
    rep["overlap km2 / interior gaps km2 / differs from land km2"] = {
        k: _gaps_overlaps(v.to_numpy(), land) for k, v in out.items()
    }
    com = tables["communes_2021"][0]
    dist = out["districts_2021"].reindex(com["district_code"]).to_numpy()
    prov = out["provinces_2021"].reindex(com["province_code"]).to_numpy()
    own = out["communes_2021"].reindex(com["commune_code"]).to_numpy()
    new = tables["communes_2025"][0]
    own25 = out["communes_2025"].reindex(new["commune_code"]).to_numpy()
    prov25 = out["provinces_2025"].reindex(new["province_code"]).to_numpy()
    for kind, xy, xy25 in [
        ("package centroids", com[["lon", "lat"]].to_numpy(float),
         new[["lon", "lat"]].to_numpy(float)),
        ("map points", points["communes_2021"].loc[com["commune_code"]].to_numpy(float),
         points["communes_2025"].loc[new["commune_code"]].to_numpy(float)),
    ]:
        rep[f"2021 {kind} inside own commune / district / province %"] = (
            _share_inside(xy, own), _share_inside(xy, dist), _share_inside(xy, prov))
        rep[f"2025 {kind} inside own commune / province %"] = (
            _share_inside(xy25, own25), _share_inside(xy25, prov25))
    a63 = float(km2(shapely.union_all(out["provinces_2021"].to_numpy())))
    a34 = float(km2(shapely.union_all(out["provinces_2025"].to_numpy())))
    rep["area 63 provinces / 34 provinces km2"] = (round(a63), round(a34))
    derived = km2(out["communes_2025"].reindex(new["commune_code"]).to_numpy())
    official = new["area_km2"].to_numpy(float)
    ok = official > 0
    ratio = derived[ok] / official[ok]
    rep["2025 commune area derived/official: median, share within ±50 %"] = (
        round(float(np.median(ratio)), 2),
        round(100 * float(np.mean(np.abs(ratio - 1) <= 0.5)), 1))
    rep["bbox IoU plain Voronoi (all, big, n big)"] = _bbox_iou(plain, seeds).round(3).tolist()
    rep["bbox IoU refined (all, big, n big)"] = _bbox_iou(cells, seeds).round(3).tolist()
    return rep



def islands_inside(archipelagos: list[dict], provinces_2021: pd.Series,
                   provinces_2025: pd.Series) -> tuple[float, float]:
    """Share of the archipelagos' islands that are also land of their own province.

    Districts and provinces are simplified with different tolerances, so an islet's two
    polygons are not the same shape: an island counts when it overlaps its province's polygon
    and no other province's.

    Parameters
    ----------
    archipelagos : list of dict
        GeoJSON features with ``province_code`` (as written to ``archipelagos.geojson``).
    provinces_2021, provinces_2025 : Series
        Final province geometries by code.

    Returns
    -------
    (float, float)
        Percent of islands (polygon parts) that pass, 2021 then 2025.
    """
    shares = []
    for provinces in (provinces_2021, provinces_2025):
        ok = []
        for feature in archipelagos:
            islands = shapely.get_parts(shapely.from_geojson(json.dumps(feature["geometry"])))
            hits = [set(provinces.index[shapely.intersects(provinces.to_numpy(), island)])
                    for island in islands]
            ok += [hit == {feature["properties"]["province_code"]} for hit in hits]
        shares.append(round(100 * float(np.mean(ok)), 2))
    return shares[0], shares[1]
