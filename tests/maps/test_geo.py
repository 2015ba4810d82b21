"""Tests for p8lib.maps.geo: loading the committed boundary files, their sizes and vertex
budgets, the archipelagos, and a user's official boundaries. The files against the issue #16
budgets: test_boundary_files.py; the build's steps: test_geo_build.py."""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from p8lib import units
from p8lib.contract.i18n import t
from p8lib.maps import geo

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
sys.path.insert(0, str(GEO_DIR))

from quality import km2  # noqa: E402

LAYERS = [
    ("province", "2021", units.provinces("2021"), "province_code"),
    ("district", "2021", units.districts(), "district_code"),
    ("commune", "2021", units.communes("2021"), "commune_code"),
    ("province", "2025", units.provinces("2025"), "province_code"),
    ("commune", "2025", units.communes("2025"), "commune_code"),
]


@pytest.fixture(scope="module")
def layers() -> dict[tuple[str, str], gpd.GeoDataFrame]:
    return {(level, vintage): geo.load_boundaries(level, vintage) for level, vintage, *_ in LAYERS}


# --- committed files -------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "vintage", "table", "code"), LAYERS)
def test_codes_and_names_equal_unit_table(layers, level, vintage, table, code):
    frame = layers[(level, vintage)]
    assert frame["code"].tolist() == sorted(table[code])
    merged = frame.merge(table, left_on="code", right_on=code, suffixes=("", "_unit"))
    assert (merged["name_vi"] == merged["name_vi_unit"]).all()


@pytest.mark.parametrize(("level", "vintage"), [(lv, v) for lv, v, *_ in LAYERS])
def test_geometries_valid_and_polygonal(layers, level, vintage):
    geoms = layers[(level, vintage)].geometry
    assert geoms.is_valid.all()
    assert (~geoms.is_empty).all()
    assert set(geoms.geom_type) <= {"Polygon", "MultiPolygon"}


def test_files_are_small():
    # The Government map's borders (issue #16) are heavier than the centroid-derived ones
    # were: budgets for files a repository carries and a browser may fetch.
    sizes = {p.name: p.stat().st_size for p in GEO_DIR.glob("*.geojson*")}
    assert sizes["provinces_2021.geojson"] < 800_000
    assert sizes["provinces_2025.geojson"] < 800_000
    assert sizes["districts_2021.geojson.gz"] < 600_000
    assert sizes["communes_2021.geojson.gz"] < 1_500_000
    assert sizes["archipelagos.geojson"] < 20_000
    assert sum(sizes.values()) < 5_000_000


@pytest.mark.parametrize("vintage", ["2021", "2025"])
def test_shipped_layers_fit_the_map_vertex_budgets(layers, vintage):
    # The national deck draws the provinces simplified at the finest tolerance that fits
    # its budget (0.006°: a fifth of a pixel where it opens), once per frame; a rebuild with
    # a finer tolerance must raise the budgets knowingly.
    from p8lib.maps import builders

    frame = layers[("province", vintage)]
    fitted = geo.fit_to_vertex_budget(frame, builders.NATIONAL_MAX_COORDS)
    assert shapely.get_num_coordinates(fitted.geometry.to_numpy()).sum() <= (
        builders.NATIONAL_MAX_COORDS)
    assert shapely.coverage_is_valid(fitted.geometry.to_numpy())
    assert shapely.equals(fitted.geometry.to_numpy(), shapely.coverage_simplify(
        frame.geometry.to_numpy(), geo.DISPLAY_TOLERANCES[0])).all()
    assert geo.fit_to_vertex_budget(frame, builders.NATIONAL_MAX_COORDS) is fitted  # once
    communes = layers[("commune", vintage)]
    per_province = pd.Series(shapely.get_num_coordinates(communes.geometry.to_numpy()),
                             index=communes.index).groupby(communes["province_code"]).sum()
    # A province's communes may pass the drill-down deck's budget (its 300 KB): a few are
    # simplified once per deck, which the app caches; never more than this many vertices.
    assert per_province.max() <= 10_000, per_province.idxmax()
    assert (per_province > builders.DETAIL_MAX_COORDS).sum() <= 5


def test_fit_keeps_shipped_sized_frames_and_simplifies_heavy_ones_as_a_coverage():
    # 6 unit squares with a vertex every 0.001°, snapped to one grid so that neighbours share
    # their edge vertices exactly (a valid coverage, as the shipped files are)
    cells = shapely.set_precision(
        [shapely.segmentize(box(x, y, x + 1, y + 1), 0.001) for x in range(3) for y in range(2)],
        0.001)
    frame = gpd.GeoDataFrame({"code": list("abcdef")}, geometry=cells, crs="EPSG:4326")
    heavy = int(shapely.get_num_coordinates(frame.geometry.to_numpy()).sum())
    assert geo.fit_to_vertex_budget(frame, heavy) is frame  # within budget: untouched, not copied
    fitted = geo.fit_to_vertex_budget(frame, 200)
    assert shapely.get_num_coordinates(fitted.geometry.to_numpy()).sum() <= 200
    # the finest tolerance that fits, not the first guess: one finer would not
    used = [t for t in geo.DISPLAY_TOLERANCES if shapely.equals(
        shapely.coverage_simplify(frame.geometry.to_numpy(), t), fitted.geometry.to_numpy()).all()]
    finer = [t for t in geo.DISPLAY_TOLERANCES if t < min(used)]
    assert all(shapely.get_num_coordinates(shapely.coverage_simplify(
        frame.geometry.to_numpy(), t)).sum() > 200 for t in finer)
    assert shapely.coverage_is_valid(fitted.geometry.to_numpy())  # no gaps, no overlaps
    assert shapely.union_all(fitted.geometry.to_numpy()).area == pytest.approx(6.0)


# --- the Hoàng Sa and Trường Sa archipelagos ------------------------------------------------------


def _package_archipelagos() -> pd.DataFrame:
    """The archipelagos as the package knows them: 2021 district, 2025 special zone."""
    zones = units.communes("2025")
    zones = zones[(zones["commune_type"] == "Đặc khu")
                  & zones["short_vi"].isin(["Hoàng Sa", "Trường Sa"])]
    districts = units.districts()[["district_code", "short_vi", "province_code"]]
    merged = zones.merge(districts, on="short_vi", suffixes=("", "_2021"))
    assert len(merged) == 2
    return merged.set_index("short_vi")


def test_archipelago_file_matches_the_package():
    frame = geo.load_archipelagos().set_index("key")
    package = _package_archipelagos()
    expected = {"hoang_sa": ("Hoàng Sa", "Quần đảo Hoàng Sa", "Hoàng Sa (Paracel) archipelago"),
                "truong_sa": ("Trường Sa", "Quần đảo Trường Sa",
                              "Trường Sa (Spratly) archipelago")}
    assert sorted(frame.index) == sorted(expected)
    for key, (short, name_vi, name_en) in expected.items():
        row, unit = frame.loc[key], package.loc[short]
        assert (row.name_vi, row.name_en) == (name_vi, name_en)
        assert (row.name_vi, row.name_en) == (t(f"archipelago_{key}", "vi"),
                                              t(f"archipelago_{key}", "en"))
        # Đà Nẵng and Khánh Hòa keep their codes in 2025: one code serves both vintages
        assert row.province_code == unit.province_code == unit.province_code_2021
        assert row.district_code_2021 == unit.district_code
        assert row.commune_code_2025 == unit.commune_code
        assert (row.lon, row.lat) == (unit.lon, unit.lat)
        assert row.approximate


def test_archipelago_islands_lie_around_the_package_centres():
    frame = geo.load_archipelagos().set_index("key")
    package = _package_archipelagos()
    centres = {"hoang_sa": package.loc["Hoàng Sa", ["lon", "lat"]].to_numpy(float),
               "truong_sa": package.loc["Trường Sa", ["lon", "lat"]].to_numpy(float)}
    for key, centre in centres.items():
        islands = shapely.get_parts(frame.loc[key, "geometry"])
        assert len(islands) >= 5, key  # the groups, not one token islet
        assert shapely.is_valid(islands).all()
        near = shapely.distance(shapely.Point(centre), islands)
        other = [c for k, c in centres.items() if k != key][0]
        far = shapely.distance(shapely.Point(other), islands)
        assert (near < 3.0).all() and (near < far).all(), key
        lon0, lat0, lon1, lat1 = shapely.total_bounds(islands)
        assert lon0 <= centre[0] <= lon1 and lat0 <= centre[1] <= lat1, key
        assert km2(shapely.union_all(islands)) < 500  # islets, not a slice of sea


@pytest.mark.parametrize("vintage", ["2021", "2025"])
def test_archipelago_islands_are_land_of_their_province(layers, vintage):
    provinces = layers[("province", vintage)].set_index("code").geometry
    for row in geo.load_archipelagos().itertuples():
        for island in shapely.get_parts(row.geometry):
            hits = set(provinces.index[shapely.intersects(provinces.to_numpy(), island)])
            assert hits == {row.province_code}, (row.key, island.centroid)


def test_load_archipelagos_returns_a_copy_and_names_a_missing_file(tmp_path):
    frame = geo.load_archipelagos()
    frame.loc[0, "key"] = "changed"
    assert geo.load_archipelagos()["key"].tolist() == ["hoang_sa", "truong_sa"]
    with pytest.raises(FileNotFoundError, match="archipelagos.geojson"):
        geo.load_archipelagos(tmp_path)


def test_load_boundaries_rejects_unknown_layer():
    with pytest.raises(ValueError, match="district.*2025"):
        geo.load_boundaries("district", "2025")


def test_load_boundaries_missing_file_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="provinces_2021"):
        geo.load_boundaries("province", "2021", directory=tmp_path)


# --- official boundaries -----------------------------------------------------------------------


def _official(column: str, values: list[object]) -> gpd.GeoDataFrame:
    shapes = [box(i, 0, i + 1, 1) for i in range(len(values))]
    return gpd.GeoDataFrame({column: values}, geometry=shapes, crs="EPSG:4326")


@pytest.mark.parametrize(
    ("values", "codes", "unmatched"),
    [
        (["01", "2", 4.0], ["01", "02", "04"], []),
        (["01", "99"], ["01"], ["99"]),
        ([1, "x"], ["01"], ["x"]),
    ],
)
def test_official_boundaries_by_code(values, codes, unmatched):
    got = geo.read_official_boundaries(_official("MA", values), "province", "2021",
                                       code_col="MA")
    assert got.frame["code"].tolist() == codes
    assert got.unmatched["value"].tolist() == unmatched
    assert not got.frame["approximate"].any()
    assert len(got.missing) == 63 - len(codes)


def test_official_boundaries_by_name_reports_unmatched():
    frame = _official("TEN", ["Lào Cai", "tinh Ha Giang", "Atlantis"])
    got = geo.read_official_boundaries(frame, "province", "2021",
                                       name_cols={"province": "TEN"})
    assert got.frame["code"].tolist() == ["02", "10"]
    assert got.unmatched["value"].tolist() == ["Atlantis"]
    assert got.unmatched["reason"].str.startswith("unmatched").all()


def test_official_boundaries_read_from_file(tmp_path):
    path = tmp_path / "prov.gpkg"
    _official("code", ["01", "79"]).to_file(path, driver="GPKG")
    got = geo.read_official_boundaries(path, "province", "2021", code_col="code")
    assert got.frame["code"].tolist() == ["01", "79"]
    assert got.frame["name_vi"].tolist() == ["Thành phố Hà Nội", "Thành phố Hồ Chí Minh"]


def test_official_boundaries_need_a_key():
    with pytest.raises(ValueError, match="code_col or name_cols"):
        geo.read_official_boundaries(_official("a", ["01"]), "province", "2021")
