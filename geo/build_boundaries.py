"""Rebuild the approximate boundary files in ``geo/`` from installed packages.

Usage::

    python geo/build_boundaries.py [--natural-earth PATH/countries-10m.json]

The national outline comes from Natural Earth (npm package ``world-atlas`` 2.0.2; see
geo/README.md for how to get it). Without that file, the outline shipped in
``geo/vietnam_outline.geojson`` is reused, so the units can be rebuilt offline. Units come from
``vietnamadminunits`` through :mod:`p8lib.units`. The script prints a quality report.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

GEO_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(GEO_DIR.parent), str(GEO_DIR)]

import natural_earth  # noqa: E402
import quality  # noqa: E402
import tessellation as ts  # noqa: E402
from vintage_2025 import new_commune_polygons  # noqa: E402

from p8lib import units  # noqa: E402
from p8lib.contract import t  # noqa: E402

DEFAULT_NE = Path.home() / ".cache" / "p8" / "world-atlas" / "package" / "countries-10m.json"
OUTLINE = GEO_DIR / "vietnam_outline.geojson"
BOX = ["lon_min", "lat_min", "lon_max", "lat_max"]
CREDIT = (
    "Approximate boundaries derived from commune centroids and bounding boxes of "
    "vietnamadminunits (MIT licence); national outline and coastline from Natural Earth "
    "(public domain) via the npm package world-atlas 2.0.2. Not official boundaries."
)
# Island units the package cannot place. Districts without communes get a seed of their own
# (label "D<code>"); the package puts Hoàng Sa at Đà Nẵng city and the three Trường Sa
# communes at Cam Ranh, so their seeds sit on the main island of their archipelago instead
# (approximate public positions). Islands too small for Natural Earth 1:10m get a disc of
# ISLAND_RADIUS degrees so that every unit has a polygon.
ISLAND_SEEDS: dict[str, tuple[float, float] | None] = {
    "D318": None,  # Bạch Long Vĩ: package centroid is on the island
    "D471": None,  # Cồn Cỏ
    "D536": None,  # Lý Sơn
    "D755": None,  # Côn Đảo
    "D498": (112.34, 16.83),  # Hoàng Sa: Phú Lâm (Woody) island
    "22736": (111.92, 8.64),  # Trường Sa town: Trường Sa Lớn island
    "22737": (114.33, 11.43),  # Song Tử Tây
    "22739": (114.33, 9.88),  # Sinh Tồn
}
ISLAND_RADIUS = 0.008
TOLERANCE = {"commune": 0.004, "district": 0.005, "province": 0.008}  # degrees
DECIMALS = 4
# The commune layers are gzip-compressed GeoJSON: 10,000 polygons are ~5 MB as text and
# ~1 MB compressed; GDAL/pyogrio (and QGIS) read them as they are.
FILE_NAMES = {
    "provinces_2021": "provinces_2021.geojson",
    "districts_2021": "districts_2021.geojson",
    "communes_2021": "communes_2021.geojson.gz",
    "provinces_2025": "provinces_2025.geojson",
    "communes_2025": "communes_2025.geojson.gz",
}
ARCHIPELAGO_FILE = "archipelagos.geojson"
# The two offshore archipelagos, by the short name of their unit in both vintages: a 2021
# district (Huyện Hoàng Sa of Đà Nẵng, Huyện Trường Sa of Khánh Hòa) and a 2025 special zone
# (Đặc khu). Maps draw and label them on every national map; their names are i18n strings.
ARCHIPELAGOS = {"hoang_sa": "Hoàng Sa", "truong_sa": "Trường Sa"}
ARCHIPELAGO_NOTE = (
    "Island land of the Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos: Natural Earth "
    "4.1.0 (public domain) via world-atlas 2.0.2, plus small discs for islands too small for "
    "1:10m; codes, names and the special zones' centres (lon, lat) from vietnamadminunits "
    "(MIT licence). Approximate."
)


def read_outline(ne_path: Path | None) -> shapely.Geometry:
    """Land of Vietnam: from Natural Earth when given, else the shipped outline."""
    if ne_path is not None and ne_path.exists():
        mainland, paracels, spratlys = natural_earth.vietnam_land(ne_path)
        land = shapely.union_all([mainland, paracels, spratlys])
        write_collection(
            OUTLINE,
            [{"type": "Feature", "properties": {"name": "Việt Nam"}, "geometry": _geo(land, 5)}],
            "Natural Earth 4.1.0 (public domain), world-atlas 2.0.2 countries-10m, id 704, "
            "plus land of the Hoàng Sa and Trường Sa archipelagos.",
        )
        return land
    if not OUTLINE.exists():
        raise FileNotFoundError(
            f"neither Natural Earth file {ne_path} nor shipped outline {OUTLINE} exists"
        )
    feature = json.loads(OUTLINE.read_text(encoding="utf-8"))["features"][0]
    return shapely.from_geojson(json.dumps(feature["geometry"]))


def seeds_2021(land: shapely.Geometry) -> tuple[pd.DataFrame, shapely.Geometry]:
    """Seed table (label, lon, lat, box, district/province) and land with island discs."""
    com = units.communes("2021")
    seeds = com.rename(columns={"commune_code": "label"})[
        ["label", "district_code", "province_code", "lon", "lat", *BOX]
    ].copy()
    dist = units.districts().set_index("district_code")
    extra = []
    for label in ISLAND_SEEDS:
        if label.startswith("D"):
            row = dist.loc[label[1:]]
            extra.append({"label": label, "district_code": label[1:],
                          "province_code": row.province_code, "lon": row.lon, "lat": row.lat})
    seeds = pd.concat([seeds, pd.DataFrame(extra)], ignore_index=True)
    seeds = ts.spread_duplicates(seeds)
    for label, pos in ISLAND_SEEDS.items():
        if pos is not None:
            seeds.loc[seeds["label"] == label, ["lon", "lat"]] = pos
    island = seeds["label"].isin(list(ISLAND_SEEDS))
    discs = shapely.buffer(shapely.points(seeds.loc[island, ["lon", "lat"]].to_numpy()),
                           ISLAND_RADIUS)
    land = shapely.union_all([land, *discs])
    seeds[["lon", "lat"]] = ts.onto_land(seeds[["lon", "lat"]].to_numpy(), land)
    # A box shared by several communes is their district's, not theirs; a box that misses its
    # own centroid is wrong: neither may constrain the tessellation.
    inside = (
        seeds.lon.between(seeds.lon_min, seeds.lon_max)
        & seeds.lat.between(seeds.lat_min, seeds.lat_max)
    )
    shared = seeds.duplicated(BOX, keep=False)
    seeds.loc[~inside | shared | island, BOX] = np.nan
    return seeds, land


def tessellate(seeds: pd.DataFrame, land: shapely.Geometry, refine: bool = True) -> pd.Series:
    """Geometry per seed label: Voronoi of centroids (and labelled grid samples)."""
    sites = seeds[["lon", "lat"]].to_numpy()
    labels = seeds["label"].to_numpy()
    if refine:
        samples = ts.sample_grid(land)
        sites = np.vstack([sites, samples])
        labels = np.concatenate([labels, ts.label_samples(samples, seeds)])
    return ts.voronoi_units(sites, labels, land)


def dissolve(geoms: pd.Series, groups: pd.Series) -> pd.Series:
    """Union of ``geoms`` per value of ``groups`` (aligned on the index)."""
    frame = pd.DataFrame({"geometry": geoms, "group": groups.reindex(geoms.index)})
    return frame.groupby("group")["geometry"].agg(lambda g: shapely.union_all(g.to_numpy()))


def simplify(geoms: pd.Series, tolerance: float) -> pd.Series:
    """Simplify a coverage without gaps or overlaps, then round to DECIMALS."""
    # Splitting and carving leave edges whose vertices differ on the two sides; cleaning makes
    # shared edges identical, so simplification moves them together.
    clean = shapely.coverage_clean(geoms.to_numpy())
    simple = shapely.coverage_simplify(clean, tolerance)
    rounded = shapely.set_precision(simple, 10.0**-DECIMALS)
    fixed = np.where(shapely.is_valid(rounded), rounded, shapely.make_valid(rounded))
    return pd.Series(fixed, index=geoms.index)


def _round(coords: object, decimals: int) -> object:
    if isinstance(coords, list | tuple) and coords and isinstance(coords[0], float | int):
        return [round(float(v), decimals) for v in coords]
    return [_round(c, decimals) for c in coords]  # type: ignore[union-attr]


def _geo(geom: shapely.Geometry, decimals: int = DECIMALS) -> dict:
    out = json.loads(shapely.to_geojson(geom))
    out["coordinates"] = _round(out["coordinates"], decimals)
    return out


def write_collection(path: Path, features: list[dict], note: str = CREDIT) -> int:
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


def label_points(geoms: pd.Series, wanted: pd.DataFrame) -> pd.DataFrame:
    """A point per unit inside its polygon: ``wanted`` (lon, lat) if inside, else on surface.

    Maps draw commune dots here, so a dot always sits in the polygon it belongs to.
    """
    xy = np.array(wanted.reindex(geoms.index)[["lon", "lat"]], dtype=float)
    inside = shapely.contains_xy(geoms.to_numpy(), xy[:, 0], xy[:, 1])
    xy[~inside] = shapely.get_coordinates(shapely.point_on_surface(geoms.to_numpy()[~inside]))
    return pd.DataFrame(xy.round(DECIMALS), index=geoms.index, columns=["lon", "lat"])


def features(
    table: pd.DataFrame, geoms: pd.Series, code: str, parents: list[str],
    points: pd.DataFrame | None = None,
) -> list[dict]:
    """GeoJSON features for the units of ``table`` (one per row, geometry by code)."""
    out = []
    for row in table.itertuples(index=False):
        key = getattr(row, code)
        props = {"code": key, "name_vi": row.name_vi, "name_en": row.name_en}
        props |= {p: getattr(row, p) for p in parents}
        if points is not None:
            props |= {"lon": float(points.at[key, "lon"]), "lat": float(points.at[key, "lat"])}
        props["approximate"] = True
        out.append({"type": "Feature", "properties": props, "geometry": _geo(geoms[key])})
    return out


def archipelago_features(districts: pd.Series) -> list[dict]:
    """GeoJSON features of the two offshore archipelagos (file ``archipelagos.geojson``).

    Parameters
    ----------
    districts : Series
        Final 2021 district geometries by district code; an archipelago's islands are its
        district's polygon.

    Returns
    -------
    list of dict
        One feature per archipelago: ``key``, ``name_vi``, ``name_en`` (i18n strings
        ``archipelago_<key>``), ``province_code`` (the same code in both vintages: Đà Nẵng 48,
        Khánh Hòa 56), ``district_code_2021``, ``commune_code_2025``, ``lon``/``lat`` (the
        package's centre of the 2025 special zone; the 2021 tables place both districts on the
        mainland), ``approximate``; geometry: the islands.

    Raises
    ------
    ValueError
        If the package does not hold exactly one district and one special zone per
        archipelago, or if they sit in provinces with different codes.
    """
    dist = units.districts()
    zones = units.communes("2025")
    zones = zones[zones["commune_type"] == "Đặc khu"]
    out = []
    for key, short in ARCHIPELAGOS.items():
        district = dist[dist["short_vi"] == short]
        zone = zones[zones["short_vi"] == short]
        if len(district) != 1 or len(zone) != 1:
            raise ValueError(f"{short}: {len(district)} districts, {len(zone)} special zones")
        district, zone = district.iloc[0], zone.iloc[0]
        # One province code for both vintages lets a map colour the islands as their province
        # without knowing which vintage it draws; fail loudly if the package ever differs.
        if district.province_code != zone.province_code:
            raise ValueError(f"{short}: province {district.province_code} (2021) but "
                             f"{zone.province_code} (2025)")
        props = {"key": key, "name_vi": t(f"archipelago_{key}", "vi"),
                 "name_en": t(f"archipelago_{key}", "en"),
                 "province_code": district.province_code,
                 "district_code_2021": district.district_code,
                 "commune_code_2025": zone.commune_code,
                 "lon": float(zone.lon), "lat": float(zone.lat), "approximate": True}
        out.append({"type": "Feature", "properties": props,
                    "geometry": _geo(districts[district.district_code])})
    return out


def _anchors(seeds: pd.DataFrame, by: str, trusted: bool = True) -> dict:
    """Seed points per unit; ``trusted`` keeps only communes whose box confirmed the centroid.

    A part of a district or province holding a trusted centroid is real land of that unit and
    must not be given away as an enclave.
    """
    use = seeds[np.isfinite(seeds["lon_min"])] if trusted else seeds
    groups = use.groupby(by)[["lon", "lat"]]
    return {key: shapely.multipoints(g.to_numpy()) for key, g in groups}


def build(ne_path: Path | None) -> dict:
    """Build the five unit files and the archipelagos; return the quality report."""
    t0 = time.perf_counter()
    land = read_outline(ne_path)
    seeds, land = seeds_2021(land)
    by_label = seeds.set_index("label")
    plain = tessellate(seeds, land, refine=False)
    cells = tessellate(seeds, land)
    cells, moved_c = ts.reassign_fragments(cells, _anchors(seeds, "label", trusted=False))
    cells = quality.carve_missing(cells, by_label[["lon", "lat"]])
    districts_g, moved_d = ts.reassign_fragments(
        dissolve(cells, by_label["district_code"]), _anchors(seeds, "district_code"), 0.5
    )
    prov_of_district = units.districts().set_index("district_code")["province_code"]
    provinces_g, moved_p = ts.reassign_fragments(
        dissolve(districts_g, prov_of_district), _anchors(seeds, "province_code"), 0.5
    )
    new_prov = units.province_crosswalk().set_index("old_province_code")["new_province_code"]
    provinces25_g = dissolve(provinces_g, new_prov)
    new_com = units.communes("2025")
    com25_g, stats25 = new_commune_polygons(cells, units.commune_crosswalk(), new_com)
    com25_g = quality.carve_missing(com25_g, new_com.set_index("commune_code")[["lon", "lat"]])

    com = units.communes("2021")
    out = {
        "communes_2021": simplify(cells.reindex(com["commune_code"]), TOLERANCE["commune"]),
        "districts_2021": simplify(districts_g, TOLERANCE["district"]),
        "provinces_2021": simplify(provinces_g, TOLERANCE["province"]),
        "provinces_2025": simplify(provinces25_g, TOLERANCE["province"]),
        "communes_2025": simplify(com25_g.reindex(new_com["commune_code"]),
                                  TOLERANCE["commune"]),
    }
    tables = {
        "communes_2021": (com, "commune_code", ["province_code", "district_code"]),
        "districts_2021": (units.districts(), "district_code", ["province_code"]),
        "provinces_2021": (units.provinces("2021"), "province_code", []),
        "provinces_2025": (units.provinces("2025"), "province_code", []),
        "communes_2025": (new_com, "commune_code", ["province_code"]),
    }
    points = {
        "communes_2021": label_points(out["communes_2021"], by_label),
        "communes_2025": label_points(out["communes_2025"], new_com.set_index("commune_code")),
    }
    sizes = {}
    for name, (table, code, parents) in tables.items():
        sizes[name] = write_collection(
            GEO_DIR / FILE_NAMES[name],
            features(table, out[name], code, parents, points.get(name)),
        )
    archipelagos = archipelago_features(out["districts_2021"])
    sizes["archipelagos"] = write_collection(GEO_DIR / ARCHIPELAGO_FILE, archipelagos,
                                             ARCHIPELAGO_NOTE)
    report = quality.report(out, land, tables, points, plain, cells, seeds)
    report["archipelago islands inside own province 2021 / 2025 %"] = quality.islands_inside(
        archipelagos, out["provinces_2021"], out["provinces_2025"])
    report["moved fragments (commune, district, province)"] = (moved_c, moved_d, moved_p)
    report["2025: old communes split / new communes placed by centroid"] = (
        stats25["split"], stats25["placed"])
    report["file sizes (bytes)"] = sizes | {"total": sum(sizes.values())}
    report["build seconds"] = round(time.perf_counter() - t0, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build the files and print the quality report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--natural-earth", type=Path,
        default=Path(os.environ.get("P8_NATURAL_EARTH", DEFAULT_NE)),
        help="world-atlas countries-10m.json (default: $P8_NATURAL_EARTH or %(default)s); "
        "if missing, the shipped geo/vietnam_outline.geojson is used",
    )
    args = parser.parse_args(argv)
    report = build(args.natural_earth)
    for key, value in report.items():
        print(f"{key}: {value}")
    islands = report["archipelago islands inside own province 2021 / 2025 %"]
    return 0 if report["invalid geometries"] == 0 and min(islands) >= 99.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
