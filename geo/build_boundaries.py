"""Rebuild the boundary files in ``geo/`` from the public boundary sets and the unit tables.

Usage::

    python geo/build_boundaries.py [--sources PATH]

Reads ``dvhcvn-gis`` (the Government's administrative map, GPL-3.0) and Open Development
Vietnam's provinces from ``PATH`` (default ``$P8_GEO_SOURCES``, else ``../shared/geo-sources``;
see geo/README.md), the units from ``vietnamadminunits`` through :mod:`p8lib.units`, and the
islands of ``geo/archipelagos.geojson`` (kept as shipped). Writes the five unit layers and
prints the build report; exits 1 if a budget is missed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

GEO_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(GEO_DIR.parent), str(GEO_DIR)]

import districts as dd  # noqa: E402
import quality  # noqa: E402
import sources  # noqa: E402
import tessellation as ts  # noqa: E402
from coverage import polygonal, simplify_gently, to_grid  # noqa: E402
from vintage_2025 import new_commune_atoms  # noqa: E402

from p8lib import units  # noqa: E402

BOX = dd.BOX
# Degrees. The districts are simplified once as a national coverage (province borders and
# the coast are district edges too; provinces are unions of districts), then inside each
# district the commune edges with the district's border fixed: every level nests exactly.
# Commune edges follow the grid samples' cells (~0.01° steps): 0.008 takes the steps off,
# unless it changes a commune's area by over a fifth (a small ward): then a smaller one.
TOLERANCE = {"district": 0.003, "commune": (0.008, 0.006, 0.004, 0.002, 0.001)}
# Gaps narrower than this between neighbouring provinces are slivers between two sources
# (Quảng Ninh from ODV against its dvhcvn neighbours), merged into the longer-bordering one.
GAP_WIDTH = 0.005
SLIVER_WIDTH = 1e-5  # degrees (~1 m): gaps left by overlays between a district's pieces
DECIMALS = 4
FILE_NAMES = {
    "provinces_2021": "provinces_2021.geojson",
    "districts_2021": "districts_2021.geojson.gz",
    "communes_2021": "communes_2021.geojson.gz",
    "provinces_2025": "provinces_2025.geojson",
    "communes_2025": "communes_2025.geojson.gz",
}
ARCHIPELAGO_FILE = "archipelagos.geojson"
QUANG_NINH = "22"
# Island units the package cannot place. Districts without communes are units of their own
# (label "D<code>"). The package puts the three Trường Sa communes at Cam Ranh, on the
# mainland: their seeds sit on the main island of each (approximate public positions).
ISLAND_SEEDS = {
    "22736": (111.92, 8.64),  # Trường Sa town: Trường Sa Lớn island
    "22737": (114.33, 11.43),  # Song Tử Tây
    "22739": (114.33, 9.88),  # Sinh Tồn
}
COMMUNE_NOTE = (
    "Approximate commune boundaries: Voronoi cells of the vietnamadminunits (MIT) commune "
    "centroids, refined with their bounding boxes, inside the districts of the Government's "
    "administrative map (dvhcvn-gis, 2025-03-01, GPL-3.0). Not official. GPL-3.0 (geo/LICENSE)."
)
UNIT_NOTE = (
    "Province and district boundaries from the Government's administrative map "
    "(gis.chinhphu.vn) as extracted by dvhcvn (github.com/daohoangson/dvhcvn, data of "
    "2025-03-01, GPL-3.0); Quảng Ninh's outline from Open Development Vietnam via "
    "TaliaCao/Vietnam-Shape-Map (MIT). Simplified; see each feature's source and approximate. "
    "This file: GPL-3.0 (geo/LICENSE)."
)


def _geometry(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype=object)


def province_coverage(dvhcvn: pd.Series, quang_ninh: shapely.Geometry,
                      islands: gpd.GeoDataFrame) -> pd.Series:
    """The 63 provinces at full resolution as one clean coverage.

    Quảng Ninh (missing from dvhcvn-gis) is ODV's outline less its dvhcvn neighbours; the
    archipelagos' islands are added to their provinces; slivers narrower than
    :data:`GAP_WIDTH` between neighbours go to the one sharing the longer border.
    """
    provinces = dvhcvn.copy()
    provinces[QUANG_NINH] = shapely.difference(quang_ninh,
                                               shapely.union_all(_geometry(dvhcvn)))
    for row in islands.itertuples():
        provinces[row.province_code] = shapely.union(provinces[row.province_code], row.geometry)
    provinces = provinces.sort_index()
    clean = shapely.coverage_clean(_geometry(provinces), gap_width=GAP_WIDTH)
    return pd.Series(clean, index=provinces.index)


def commune_seeds() -> pd.DataFrame:
    """The 2021 communes with their package centroid and box, box NaN where not trusted.

    A box shared by several communes is their district's, not theirs; a box that misses its
    own centroid is wrong: neither may weigh in the tessellation nor count as evidence.
    """
    com = units.communes("2021")
    seeds = com[["commune_code", "district_code", "province_code", "lon", "lat", *BOX]].copy()
    inside = (seeds.lon.between(seeds.lon_min, seeds.lon_max)
              & seeds.lat.between(seeds.lat_min, seeds.lat_max))
    shared = seeds.duplicated(BOX, keep=False)
    seeds.loc[~inside | shared | seeds["commune_code"].isin(list(ISLAND_SEEDS)), BOX] = np.nan
    boxes = seeds[BOX].to_numpy(float)
    seeds["box_km2"] = np.where(np.isfinite(boxes).all(axis=1),
                                quality.km2(shapely.box(*np.nan_to_num(boxes).T)), np.nan)
    return seeds.reset_index(drop=True)


def tessellation_seeds(seeds: pd.DataFrame) -> pd.DataFrame:
    """Seeds as the tessellation uses them: shared centroids spread, island communes moved."""
    out = ts.spread_duplicates(seeds.rename(columns={"commune_code": "label"}))
    for label, pos in ISLAND_SEEDS.items():
        out.loc[out["label"] == label, ["lon", "lat"]] = pos
    return out


def build_districts(provinces: pd.Series, source: pd.DataFrame, seeds: pd.DataFrame,
                    samples: np.ndarray) -> tuple[pd.Series, dict]:
    """2021 districts derived per province, then simplified as one national coverage.

    Province borders are district edges: simplified once, for both provinces, and the
    provinces (unions of districts) share them exactly.

    Returns the simplified district polygons by code and the derivations by code.
    """
    table = units.districts()
    codes = table.groupby("province_code")["district_code"].agg(list)
    seeds_of = dict(list(seeds.groupby("province_code")))
    source_of = dict(list(source.groupby("province_code")))
    empty = source.iloc[:0]
    full, derivations = {}, {}
    for code, outline in provinces.items():
        derived = dd.derive_districts(outline, source_of.get(code, empty), seeds_of[code],
                                      codes[code], samples)
        full |= {k: d.geometry for k, d in derived.items()}
        derivations |= derived
    full = pd.Series(full).sort_index()
    # Overlays leave hair-thin gaps where a district's pieces meet: close them first.
    clean = shapely.coverage_clean(polygonal(_geometry(full)), gap_width=SLIVER_WIDTH)
    simple = shapely.coverage_simplify(clean, TOLERANCE["district"])
    return pd.Series(simple, index=full.index), derivations


def build_communes(districts: pd.Series, seeds: pd.DataFrame,
                   samples: np.ndarray) -> pd.Series:
    """2021 communes tiling each district; island districts without communes whole (boxes
    of points, not communes, untrusted: :func:`tessellation.without_point_boxes`)."""
    by_district = dict(list(seeds.groupby("district_code")))
    district_km2 = pd.Series(quality.km2(_geometry(districts)), index=districts.index)
    out = {}
    for code, area in districts.items():
        if code not in by_district:
            out[f"D{code}"] = area
            continue
        mine = ts.without_point_boxes(by_district[code][["label", "lon", "lat", *BOX, "box_km2"]],
                                      district_km2[code])
        cells = ts.partition(area, mine, ts.points_in(area, samples))
        out |= simplify_gently(cells, TOLERANCE["commune"]).to_dict()
    return pd.Series(out).sort_index()


def _union(atoms: pd.DataFrame, key: pd.Series | np.ndarray) -> pd.Series:
    # An overlay union in floating precision: GEOS's coverage union left a stray edge in one
    # 2025 commune (its neighbour's shared edge then no longer matched), and an overlay of
    # geometries carrying the 0.0001° grid snap-rounds, dropping a spike narrower than it.
    floating = atoms.assign(geometry=shapely.set_precision(_geometry(atoms["geometry"]), 0.0))
    return floating.groupby(key)["geometry"].agg(lambda g: shapely.union_all(g.to_numpy()))


def layers_from_atoms(atoms: pd.DataFrame) -> dict[str, pd.Series]:
    """Every layer as unions of the grid-rounded atoms: the levels and vintages nest exactly."""
    dist = units.districts().set_index("district_code")["province_code"]
    district_of = units.communes("2021").set_index("commune_code")["district_code"]
    old = atoms["old"]
    district = old.map(district_of).fillna(old.str.removeprefix("D"))
    province = district.map(dist)
    new_prov = units.province_crosswalk().set_index("old_province_code")["new_province_code"]
    return {
        "communes_2021": _union(atoms[~old.str.startswith("D")], old[~old.str.startswith("D")]),
        "districts_2021": _union(atoms, district),
        "provinces_2021": _union(atoms, province),
        "provinces_2025": _union(atoms, province.map(new_prov)),
        "communes_2025": _union(atoms, atoms["new"]),
    }


def _grid_point_inside(poly: shapely.Geometry, decimals: int) -> tuple[float, float]:
    """A point on the ``decimals`` grid inside ``poly``, near its surface point: rounding a
    surface point of a thin polygon can put it outside."""
    step = 10.0**-decimals
    x0, y0 = np.round(shapely.point_on_surface(poly).coords[0], decimals)
    offsets = np.arange(-25, 26) * step
    xs, ys = (a.ravel() for a in np.meshgrid(x0 + offsets, y0 + offsets))
    order = np.argsort(np.hypot(xs - x0, ys - y0), kind="stable")
    inside = order[shapely.contains_xy(poly, xs[order], ys[order])]
    if not len(inside):
        raise ValueError(f"no {step}° grid point inside polygon near {x0}, {y0}")
    return round(float(xs[inside[0]]), decimals), round(float(ys[inside[0]]), decimals)


def label_points(geoms: pd.Series, *wanted: pd.DataFrame) -> pd.DataFrame:
    """A point per unit inside its polygon: the first of ``wanted`` (lon, lat) that is, else
    one on its surface, all rounded to :data:`DECIMALS` as written. Maps draw commune dots
    here, so a dot always sits in its own polygon."""
    polys = _geometry(geoms)
    xy = np.full((len(geoms), 2), np.nan)
    done = np.zeros(len(geoms), dtype=bool)
    surface = shapely.get_coordinates(shapely.point_on_surface(polys))
    for frame in [*wanted, pd.DataFrame(surface, index=geoms.index, columns=["lon", "lat"])]:
        cand = np.array(frame.reindex(geoms.index)[["lon", "lat"]], dtype=float).round(DECIMALS)
        ok = ~done & np.isfinite(cand).all(axis=1)
        ok[ok] = shapely.contains_xy(polys[ok], cand[ok, 0], cand[ok, 1])
        xy[ok] = cand[ok]
        done |= ok
    for i in np.flatnonzero(~done):
        xy[i] = _grid_point_inside(polys[i], DECIMALS)
    return pd.DataFrame(xy, index=geoms.index, columns=["lon", "lat"])


def _round(coords: object, decimals: int) -> object:
    if isinstance(coords, list | tuple) and coords and isinstance(coords[0], float | int):
        return [round(float(v), decimals) for v in coords]
    return [_round(c, decimals) for c in coords]  # type: ignore[union-attr]


def _geo(geom: shapely.Geometry, decimals: int = DECIMALS) -> dict:
    out = json.loads(shapely.to_geojson(geom))
    out["coordinates"] = _round(out["coordinates"], decimals)
    return out


def write_collection(path: Path, features: list[dict], note: str) -> int:
    """Write a compact GeoJSON FeatureCollection (gzip if ``path`` ends in .gz); return bytes."""
    text = json.dumps(
        {"type": "FeatureCollection", "note": note, "features": features},
        ensure_ascii=False, separators=(",", ":"),
    ).encode("utf-8")
    if path.suffix == ".gz":
        # mtime=0: the same content gives the same bytes, so a rebuild makes no git diff.
        text = gzip.compress(text, compresslevel=9, mtime=0)
    path.write_bytes(text)
    return len(text)


def features(table: pd.DataFrame, geoms: pd.Series, code: str, parents: list[str],
             extra: pd.DataFrame) -> list[dict]:
    """GeoJSON features for the units of ``table`` (one per row, geometry by code); ``extra``
    holds the further properties by code (map points, source, approximate)."""
    out = []
    records = extra.to_dict("index")
    for row in table.itertuples(index=False):
        key = getattr(row, code)
        props = {"code": key, "name_vi": row.name_vi, "name_en": row.name_en}
        props |= {p: getattr(row, p) for p in parents}
        props |= {k: v for k, v in records[key].items() if v is not None and v == v}
        out.append({"type": "Feature", "properties": props, "geometry": _geo(geoms[key])})
    return out


def properties(layers: dict[str, pd.Series], derivations: dict, points: dict,
               origin: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Per layer, the properties beyond code, names and parents, by code."""
    prov21 = layers["provinces_2021"].index
    province_of = units.districts().set_index("district_code")["province_code"]
    dist = {code: {"approximate": d.approximate,
                   "source": (origin["odv"] + " (outline); districts derived"
                              if province_of[code] == QUANG_NINH else origin["dvhcvn"]),
                   "source_units": "+".join(sorted(d.source_units)) or None,
                   "derivation": "; ".join(d.notes) or None}
            for code, d in derivations.items()}
    return {
        "provinces_2021": pd.DataFrame(
            {"approximate": False,
             "source": [origin["odv" if c == QUANG_NINH else "dvhcvn"] for c in prov21]},
            index=prov21),
        "provinces_2025": pd.DataFrame(
            {"approximate": False,
             "source": origin["dvhcvn"] + "; union of the 2021 provinces"},
            index=layers["provinces_2025"].index),
        "districts_2021": pd.DataFrame.from_dict(dist, orient="index"),
        "communes_2021": points["communes_2021"].assign(approximate=True),
        "communes_2025": points["communes_2025"].assign(approximate=True),
    }


def build(folder: Path) -> dict:
    """Build the five unit files; return the build report."""
    t0 = time.perf_counter()
    prov = sources.provenance(folder)
    dv_prov, dv_dist = sources.read_dvhcvn(folder)
    odv63, odv34 = sources.read_odv(folder)
    islands = gpd.read_file(GEO_DIR / ARCHIPELAGO_FILE, engine="pyogrio")
    islands["province_code"] = islands["province_code"].astype(str)

    provinces = province_coverage(dv_prov, odv63[QUANG_NINH], islands)
    source = dv_dist.copy()
    for row in islands.itertuples():
        hit = source["source_code"] == row.district_code_2021
        source.loc[hit, "geometry"] = [shapely.union(g, row.geometry)
                                       for g in source.loc[hit, "geometry"]]
    source["geometry"] = shapely.coverage_clean(_geometry(source["geometry"]))
    samples = ts.sample_grid(shapely.coverage_union_all(_geometry(provinces)))
    seeds = commune_seeds()
    district_g, derivations = build_districts(provinces, source, seeds, samples)
    for code in islands["district_code_2021"].astype(str):
        derivations[code].added.append(f"with the islands of {ARCHIPELAGO_FILE} (Natural Earth)")
    moved = tessellation_seeds(seeds)
    commune_g = build_communes(district_g, moved, samples)

    new_com = units.communes("2025")
    new_prov = units.province_crosswalk().set_index("old_province_code")["new_province_code"]
    dist_prov = units.districts().set_index("district_code")["province_code"]
    old_prov = seeds.set_index("commune_code")["province_code"]
    label_prov = pd.Series({label: old_prov.get(label, dist_prov.get(label[1:]))
                            for label in commune_g.index})
    atoms, stats25 = new_commune_atoms(commune_g, units.commune_crosswalk(), new_com,
                                       label_prov.map(new_prov))
    atoms["geometry"] = to_grid(_geometry(atoms["geometry"]), DECIMALS)
    layers = layers_from_atoms(atoms)

    com = units.communes("2021")
    tables = {
        "communes_2021": (com, "commune_code", ["province_code", "district_code"]),
        "districts_2021": (units.districts(), "district_code", ["province_code"]),
        "provinces_2021": (units.provinces("2021"), "province_code", []),
        "provinces_2025": (units.provinces("2025"), "province_code", []),
        "communes_2025": (new_com, "commune_code", ["province_code"]),
    }
    points = {
        "communes_2021": label_points(layers["communes_2021"], com.set_index("commune_code"),
                                      moved.set_index("label")),
        "communes_2025": label_points(layers["communes_2025"],
                                      new_com.set_index("commune_code")),
    }
    origin = {"dvhcvn": f"{prov['dvhcvn'].name} {prov['dvhcvn'].data_date} (gis.chinhphu.vn)",
              "odv": f"{prov['odv'].name}"}
    extra = properties(layers, derivations, points, origin)
    sizes = {}
    for name, (table, code, parents) in tables.items():
        note = COMMUNE_NOTE if name.startswith("communes") else UNIT_NOTE
        sizes[name] = write_collection(GEO_DIR / FILE_NAMES[name],
                                       features(table, layers[name], code, parents, extra[name]),
                                       note)
    report = quality.report(layers, tables, points, dv_prov, dv_dist, odv63, odv34,
                            derivations, extra["districts_2021"], provinces)
    archipelagos = json.loads((GEO_DIR / ARCHIPELAGO_FILE).read_text(encoding="utf-8"))
    report["archipelago islands inside own province 2021 / 2025 %"] = quality.islands_inside(
        archipelagos["features"], layers["provinces_2021"], layers["provinces_2025"])
    report["2025: old communes split / new communes placed by centroid / pairs dropped"] = (
        stats25["split"], stats25["placed"], stats25["dropped"])
    report["file sizes (bytes)"] = sizes | {"total": sum(sizes.values())}
    report["build seconds"] = round(time.perf_counter() - t0, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build the files and print the build report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=None,
                        help="folder holding dvhcvn-gis/ and odv/ (default: $P8_GEO_SOURCES "
                        f"or {sources.DEFAULT_SOURCES})")
    args = parser.parse_args(argv)
    report = build(sources.sources_dir(args.sources))
    print(quality.format_report(report))
    missed = quality.missed_budgets(report)
    print(f"budgets missed: {missed}" if missed else "budgets: all met")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
