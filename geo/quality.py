"""The build report: what build_boundaries.py prints and geo/README.md records.

Budgets (issue #16): provinces 2021 against their source at median IoU ≥ 0.98 and every one
≥ 0.95; districts from the Government's map at median IoU ≥ 0.97; no gaps, no overlaps; every
commune inside its district (2021) and province (both vintages); ≥ 99 % of the package's
commune centroids inside their own province.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

# UTM 48N: an equal-enough metric frame for areas over Vietnam (areas below are in km²).
_TO_METRES = Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True)
BUDGETS = {"province IoU median": 0.98, "province IoU worst": 0.95,
           "district IoU median": 0.97, "centroids in own province %": 99.0}


def km2(geoms: np.ndarray | shapely.Geometry) -> np.ndarray:
    """Areas in km² of lon/lat geometries."""
    projected = shapely.transform(geoms, lambda xy: np.column_stack(_TO_METRES.transform(*xy.T)))
    return shapely.area(projected) / 1e6


def iou(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Intersection over union of paired geometries, by area in km²."""
    return km2(shapely.intersection(got, want)) / km2(shapely.union(got, want))


def _geoms(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype=object)


def _summary(values: pd.Series, worst: int = 3) -> dict:
    low = values.sort_values().head(worst).round(4)
    return {"n": len(values), "median": round(float(values.median()), 4),
            "worst": round(float(values.min()), 4), "lowest": low.to_dict()}


def holes(geom: shapely.Geometry) -> shapely.Geometry:
    """The holes of a (multi)polygon, as one polygonal geometry."""
    return shapely.union_all([shapely.Polygon(ring) for part in shapely.get_parts(geom)
                              for ring in part.interiors])


def new_holes_km2(union: shapely.Geometry, source: shapely.Geometry) -> float:
    """Area (km²) of the holes of ``union`` that touch no hole of ``source``: gaps the build
    made (the source's own holes, reshaped by simplification, are not counted)."""
    own = shapely.get_parts(holes(union))
    new = own[~shapely.intersects(own, holes(source))] if len(own) else own
    return round(float(km2(new).sum()), 4) if len(new) else 0.0


def gaps_and_overlaps(geoms: np.ndarray, land: shapely.Geometry) -> dict:
    """Overlap (km²), gaps inside the union that ``land`` does not have (km²), land that the
    union lacks or adds (km²), and whether the polygons form a valid coverage (GEOS: no
    overlaps, shared edges identical)."""
    union = shapely.union_all(geoms)
    overlap = float(km2(geoms).sum() - km2(union))
    gaps = shapely.difference(holes(union), holes(land))
    return {"overlap km2": round(max(overlap, 0.0), 4), "gaps km2": round(float(km2(gaps)), 4),
            "differs from land km2": round(float(km2(shapely.symmetric_difference(union, land))),
                                           4),
            "coverage valid": bool(shapely.coverage_is_valid(geoms))}


def share_inside(xy: np.ndarray, polys: np.ndarray) -> float:
    """Percent of points inside their paired polygon."""
    ok = shapely.contains_xy(polys, xy[:, 0], xy[:, 1])
    return round(100 * float(ok.mean()), 2)


def _outside_own_province(table: pd.DataFrame, provinces: pd.Series) -> list[dict]:
    """Communes whose package centroid lies outside their own province: where it lies."""
    xy = table[["lon", "lat"]].to_numpy(float)
    own = _geoms(provinces.reindex(table["province_code"]))
    bad = table[~shapely.contains_xy(own, xy[:, 0], xy[:, 1])]
    tree = shapely.STRtree(_geoms(provinces))
    rows = []
    for row in bad.itertuples(index=False):
        hit = tree.query(shapely.Point(row.lon, row.lat), predicate="within")
        rows.append({"commune": row.commune_code, "name": row.name_vi,
                     "province": row.province_code,
                     "falls in": provinces.index[hit[0]] if len(hit) else "sea / abroad"})
    return rows


def report(layers: dict, tables: dict, points: dict, dv_prov: pd.Series, dv_dist: pd.DataFrame,
           odv63: pd.Series, odv34: pd.Series, derivations: dict, district_props: pd.DataFrame,
           provinces_full: pd.Series) -> dict:
    """The build report.

    Parameters
    ----------
    layers : dict
        Layer name -> final geometries by code (as written).
    tables : dict
        Layer name -> (unit table, code column, parent columns).
    points : dict
        ``communes_2021`` / ``communes_2025`` -> map points (lon, lat) by code.
    dv_prov, dv_dist
        The dvhcvn-gis provinces and districts (:func:`sources.read_dvhcvn`).
    odv63, odv34 : Series
        ODV's provinces by 2021 and 2025 code.
    derivations : dict
        District code -> :class:`districts.Derivation`.
    district_props : DataFrame
        The district features' ``approximate`` and ``source_units`` by code.
    provinces_full : Series
        The full-resolution province coverage (its union is the national outline).

    Returns
    -------
    dict
        Report lines, by name.
    """
    rep: dict[str, object] = {}
    rep["counts (file / unit table)"] = {k: (len(v), len(tables[k][0])) for k, v in layers.items()}
    rep["invalid or empty geometries"] = int(sum(
        (~shapely.is_valid(_geoms(v)) | shapely.is_empty(_geoms(v))).sum()
        for v in layers.values()))
    # Every layer covers what the districts cover (the 2021 communes: less the five island
    # districts without communes) and has no gap the full-resolution provinces lack.
    full = shapely.union_all(_geoms(provinces_full))
    rep["gaps and overlaps"] = {}
    for name, geoms in layers.items():
        land = shapely.union_all(_geoms(layers["districts_2021"]))
        if name == "communes_2021":
            codes = tables[name][0]["district_code"].unique()
            land = shapely.union_all(_geoms(layers["districts_2021"].reindex(codes)))
        rep["gaps and overlaps"][name] = gaps_and_overlaps(_geoms(geoms), land) | {
            "holes the source lacks km2": new_holes_km2(shapely.union_all(_geoms(geoms)), full)}

    source_holes = shapely.get_parts(holes(full))
    rep["holes of the source outline (land no source province holds)"] = [
        {"km2": round(float(a), 1), "at lon, lat": tuple(round(float(v), 3) for v in p.coords[0])}
        for a, p in sorted(zip(km2(source_holes), shapely.point_on_surface(source_holes),
                               strict=True), key=lambda pair: -pair[0])]
    prov = layers["provinces_2021"]
    reference = dv_prov.reindex(prov.index).fillna(odv63)
    rep["province IoU vs source (dvhcvn-gis; Quảng Ninh: ODV)"] = _summary(pd.Series(
        iou(_geoms(prov), _geoms(reference)), index=prov.index))
    rep["province IoU vs ODV 63 (independent)"] = _summary(pd.Series(
        iou(_geoms(prov), _geoms(odv63.reindex(prov.index))), index=prov.index))

    dist = layers["districts_2021"]
    by_code = dv_dist.set_index("source_code")["geometry"]
    exact = district_props.index[~district_props["approximate"].astype(bool)]
    ref = [shapely.union_all(_geoms(by_code.reindex(district_props.at[c, "source_units"]
                                                    .split("+")))) for c in exact]
    rep["district IoU vs source, exact districts"] = _summary(pd.Series(
        iou(_geoms(dist.reindex(exact)), np.array(ref, dtype=object)), index=exact))
    same = dist.index.intersection(by_code.index)
    rep["district IoU vs same-code source polygon, all"] = _summary(pd.Series(
        iou(_geoms(dist.reindex(same)), _geoms(by_code.reindex(same))), index=same), 5)
    rep["districts exact / derived"] = (len(exact), len(dist) - len(exact))
    rep["district derivations"] = {c: "; ".join(d.notes) for c, d in derivations.items()
                                   if d.notes}

    com, new = tables["communes_2021"][0], tables["communes_2025"][0]
    own = {"commune": layers["communes_2021"].reindex(com["commune_code"]),
           "district": dist.reindex(com["district_code"]),
           "province": prov.reindex(com["province_code"])}
    own25 = {"commune": layers["communes_2025"].reindex(new["commune_code"]),
             "province": layers["provinces_2025"].reindex(new["province_code"])}
    for kind, xy, xy25 in [
        ("package centroids", com[["lon", "lat"]].to_numpy(float),
         new[["lon", "lat"]].to_numpy(float)),
        ("map points", points["communes_2021"].loc[com["commune_code"]].to_numpy(float),
         points["communes_2025"].loc[new["commune_code"]].to_numpy(float)),
    ]:
        rep[f"2021 {kind} inside own commune / district / province %"] = tuple(
            share_inside(xy, _geoms(g)) for g in own.values())
        rep[f"2025 {kind} inside own commune / province %"] = tuple(
            share_inside(xy25, _geoms(g)) for g in own25.values())
    rep["2021 package centroids outside own province"] = _outside_own_province(com, prov)
    rep["2025 package centroids outside own province"] = _outside_own_province(
        new, layers["provinces_2025"])
    rep["2021 communes inside own district / province %"] = tuple(
        round(100 * float(shapely.covers(_geoms(g), _geoms(own["commune"])).mean()), 2)
        for g in (own["district"], own["province"]))
    rep["2025 communes inside own province %"] = round(100 * float(
        shapely.covers(_geoms(own25["province"]), _geoms(own25["commune"])).mean()), 2)
    prov25 = layers["provinces_2025"]
    rep["2025 province IoU vs ODV 34"] = pd.Series(
        iou(_geoms(prov25), _geoms(odv34.reindex(prov25.index))), index=prov25.index
    ).round(4).to_dict()
    rep["area 63 provinces / 34 provinces / source outline km2"] = (
        round(float(km2(shapely.union_all(_geoms(prov))))),
        round(float(km2(shapely.union_all(_geoms(prov25))))), round(float(km2(full))))
    return rep


def islands_inside(archipelagos: list[dict], provinces_2021: pd.Series,
                   provinces_2025: pd.Series) -> tuple[float, float]:
    """Share of the archipelagos' islands that are land of their own province and no other.

    Parameters
    ----------
    archipelagos : list of dict
        GeoJSON features with ``province_code`` (as in ``archipelagos.geojson``).
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
            hits = [set(provinces.index[shapely.intersects(_geoms(provinces), island)])
                    for island in islands]
            ok += [hit == {feature["properties"]["province_code"]} for hit in hits]
        shares.append(round(100 * float(np.mean(ok)), 2))
    return shares[0], shares[1]


def missed_budgets(rep: dict) -> list[str]:
    """The budgets of the issue the report misses (the build exits 1 if any)."""
    prov = rep["province IoU vs source (dvhcvn-gis; Quảng Ninh: ODV)"]
    checks = {
        "no invalid geometry": rep["invalid or empty geometries"] == 0,
        "valid coverages, no gap, no overlap": all(
            v["coverage valid"] and v["gaps km2"] < 0.01 and v["overlap km2"] < 0.01
            and v["differs from land km2"] < 0.001 and v["holes the source lacks km2"] < 0.01
            for v in rep["gaps and overlaps"].values()),
        "province IoU median": prov["median"] >= BUDGETS["province IoU median"],
        "province IoU worst": prov["worst"] >= BUDGETS["province IoU worst"],
        "district IoU median": rep["district IoU vs source, exact districts"]["median"]
        >= BUDGETS["district IoU median"],
        "communes inside their district and province":
            rep["2021 communes inside own district / province %"] == (100.0, 100.0)
            and rep["2025 communes inside own province %"] == 100.0,
        "centroids in own province": rep[
            "2021 package centroids inside own commune / district / province %"][2]
        >= BUDGETS["centroids in own province %"],
        "map points in own commune": min(
            rep["2021 map points inside own commune / district / province %"]) == 100.0
        and min(rep["2025 map points inside own commune / province %"]) == 100.0,
        "islands land of their province": min(
            rep.get("archipelago islands inside own province 2021 / 2025 %", (100.0,))) == 100.0,
    }
    return [name for name, ok in checks.items() if not ok]


def format_report(rep: dict) -> str:
    """The report as printed: one line per entry, long lists one item a line."""
    lines = []
    for key, value in rep.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}: {len(value)}")
            lines += [f"  {item}" for item in value]
        elif isinstance(value, dict) and len(value) > 8:
            lines.append(f"{key}:")
            lines += [f"  {k}: {v}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)
