"""The steps of geo/build_boundaries.py on tiny hand-made geometries: how districts are keyed
out of the source polygons, how a level is fitted and tiled inside its parent, rounding."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "geo"))

import coverage  # noqa: E402
import districts as dd  # noqa: E402
import tessellation as ts  # noqa: E402
import vintage_2025  # noqa: E402

NO_SAMPLES = np.empty((0, 2))


def _source(**polygons: shapely.Geometry) -> pd.DataFrame:
    return pd.DataFrame({"source_code": list(polygons), "geometry": list(polygons.values())})


def _communes(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["commune_code", "district_code", "lon", "lat"])
    for col in dd.BOX:
        frame[col] = np.nan  # no trusted box: the centroid alone is the evidence
    return frame


def _cells(n: int) -> list[shapely.Geometry]:
    return [box(i, 0, i + 1, 1) for i in range(n)]


def _derive(outline, source, communes, codes):
    got = dd.derive_districts(outline, source, communes, codes, NO_SAMPLES)
    return {code: (d.geometry.normalize(), d.approximate, sorted(d.source_units))
            for code, d in got.items()}


def test_same_code_merged_away_and_uncovered_part():
    a, b, x, gap = _cells(4)
    got = _derive(box(0, 0, 4, 1), _source(A=a, B=b, X=x),
                  _communes([("a1", "A", 0.5, 0.5), ("b1", "B", 1.5, 0.5),
                             ("x1", "A", 2.5, 0.5), ("g1", "B", 3.5, 0.5)]), ["A", "B"])
    # X (a code the package no longer has) goes whole to A, whose commune it holds: exact;
    # the part no source district covers goes to B by its commune: B is derived.
    assert got["A"] == (shapely.union(a, x).normalize(), False, ["A", "X"])
    assert got["B"] == (shapely.union(b, gap).normalize(), True, ["B"])


def test_two_mislabelled_polygons_are_swapped():
    a, b = _cells(2)
    got = _derive(box(0, 0, 2, 1), _source(A=a, B=b),
                  _communes([("b1", "B", 0.4, 0.5), ("b2", "B", 0.6, 0.5),
                             ("a1", "A", 1.5, 0.5)]), ["A", "B"])
    assert got["A"] == (b.normalize(), False, ["B"])
    assert got["B"] == (a.normalize(), False, ["A"])


@pytest.mark.parametrize(("moved", "split"), [(1, False), (2, True)])
def test_a_polygon_is_split_only_for_two_communes_of_a_district_that_holds_its_own(moved,
                                                                                  split):
    a, b = box(0, 0, 2, 1), box(2, 0, 3, 1)
    rows = [("a1", "A", 0.3, 0.5), ("b0", "B", 2.5, 0.5)]
    rows += [(f"b{i}", "B", 1.6 + 0.1 * i, 0.5) for i in range(1, moved + 1)]
    got = _derive(box(0, 0, 3, 1), _source(A=a, B=b), _communes(rows), ["A", "B"])
    assert got["A"][1] is split and got["B"][1] is split
    area_a = got["A"][0].area
    assert (area_a < 2.0) is split  # a single stray centroid takes no land from A
    assert shapely.union(got["A"][0], got["B"][0]).area == pytest.approx(3.0)


def test_a_district_without_a_polygon_takes_its_communes_land():
    (a,) = _cells(1)
    got = _derive(a, _source(A=a),
                  _communes([("a1", "A", 0.2, 0.5), ("c1", "C", 0.8, 0.5)]), ["A", "C"])
    assert got["A"][1] and got["C"][1]
    assert got["C"][0].contains(Point(0.8, 0.5)) and got["A"][0].contains(Point(0.2, 0.5))
    assert got["A"][0].area + got["C"][0].area == pytest.approx(1.0)


def test_a_province_without_source_districts_is_tiled_by_its_communes():
    got = _derive(box(0, 0, 3, 1), _source(),
                  _communes([("a1", "A", 0.5, 0.5), ("b1", "B", 1.5, 0.5),
                             ("c1", "C", 2.5, 0.5)]), ["A", "B", "C"])
    assert all(approximate for _, approximate, _ in got.values())
    assert {code: geom.area for code, (geom, *_) in got.items()} == pytest.approx(
        {"A": 1.0, "B": 1.0, "C": 1.0})


def test_a_district_left_with_no_land_is_an_error():
    (a,) = _cells(1)
    with pytest.raises(ValueError, match="no land.*'B'"):
        dd.derive_districts(a, _source(A=a), _communes([("a1", "A", 0.5, 0.5)]), ["A", "B"],
                            NO_SAMPLES)


def test_simplify_inside_keeps_the_outer_border():
    wiggle = [(1 + 0.01 * ((i % 2) * 2 - 1), i / 20) for i in range(21)]
    left = shapely.Polygon([(0, 0), *wiggle, (0, 1)])
    right = shapely.Polygon([*wiggle, (2, 1), (2, 0)])
    got = coverage.simplify_inside(pd.Series({"l": left, "r": right}), 0.1)
    assert shapely.get_num_coordinates(got["l"]) < shapely.get_num_coordinates(left)
    assert shapely.coverage_union_all(got.to_numpy()).normalize().equals(
        shapely.union(left, right).normalize())


def test_simplify_gently_keeps_a_small_polygon_beside_large_ones():
    # a 0.004° ward in the corner of two 1° communes with a stepped edge between them
    steps = [(0.5 + 0.005 * (i % 2), i * 0.01) for i in range(101)]
    ward = box(0, 0, 0.004, 0.004)
    left = shapely.Polygon([(0, 0), *steps, (0, 1)]).difference(ward)
    right = shapely.Polygon([*steps, (1, 1), (1, 0)])
    cells = pd.Series({"ward": ward, "left": left, "right": right})
    got = coverage.simplify_gently(cells, (0.02, 0.001))
    assert got["ward"].area == pytest.approx(ward.area, rel=0.2)
    assert shapely.coverage_union_all(got.to_numpy()).normalize().equals(box(0, 0, 1, 1))
    # one size for all would have crushed the ward
    crushed = coverage.simplify_inside(cells, 0.02)["ward"].area
    assert crushed < 0.8 * ward.area


def test_to_grid_rounds_a_coverage_and_keeps_it_one():
    # the shared edge carries a vertex off the grid; both sides must round it the same way
    left = shapely.Polygon([(0, 0), (1.00004, 0.50003), (1, 1), (0, 1)])
    right = shapely.Polygon([(1.00004, 0.50003), (2, 0), (2, 1), (1, 1)])
    bottom = shapely.Polygon([(0, 0), (2, 0), (1.00004, 0.50003)])
    got = coverage.to_grid(np.array([left, right, bottom]), 4)
    xy = shapely.get_coordinates(got) * 1e4
    assert np.allclose(xy, np.round(xy))
    assert shapely.coverage_is_valid(got)
    assert shapely.coverage_union_all(got).area == pytest.approx(2.0)


def test_polygonal_drops_the_lines_of_an_overlay():
    touching = shapely.intersection(box(0, 0, 2, 1), shapely.union(box(1, 0, 3, 1),
                                                                   box(-1, 1, 0, 2)))
    (got,) = coverage.polygonal([touching])
    assert got.geom_type == "Polygon" and got.area == pytest.approx(1.0)


def test_into_area_moves_outside_points_just_inside():
    area = box(0, 0, 1, 1).union(box(2, 0, 2.0005, 1))  # with a strip thinner than a step
    got = ts.into_area(np.array([[0.5, 0.5], [1.5, 0.5], [2.0002, 1.5]]), area)
    assert got[0].tolist() == [0.5, 0.5]
    assert shapely.contains_xy(area, got[:, 0], got[:, 1]).all()
    assert np.hypot(*(got[1] - [1.0, 0.5])) < 0.01


def test_into_area_spreads_points_far_outside_over_the_area():
    # three communes the package places 0.5° away: they share the area instead of crowding
    # the nearest stretch of its border
    area = box(0, 0, 1, 1)
    samples = np.array([[x, y] for x in np.arange(0.05, 1, 0.1) for y in np.arange(0.05, 1, 0.1)])
    got = ts.into_area(np.array([[1.5, 0.5], [1.5, 0.52], [1.5, 0.48]]), area, samples)
    assert shapely.contains_xy(area, got[:, 0], got[:, 1]).all()
    gaps = [np.hypot(*(got[i] - got[j])) for i in range(3) for j in range(i + 1, 3)]
    assert min(gaps) > 0.5
    assert got[0].tolist() == pytest.approx([0.95, 0.45])  # the first: nearest sample


def test_partition_tiles_the_area_and_keeps_each_seed_in_its_cell():
    area = box(0, 0, 3, 1)
    seeds = pd.DataFrame({"label": ["a", "b", "c"], "lon": [0.5, 1.5, 5.0],
                          "lat": [0.5, 0.5, 0.5]})
    for col in dd.BOX:
        seeds[col] = np.nan
    got = ts.partition(area, seeds, NO_SAMPLES)
    assert sorted(got.index) == ["a", "b", "c"]  # c, outside the area, is moved in
    assert shapely.coverage_is_valid(got.to_numpy())
    assert shapely.coverage_union_all(got.to_numpy()).area == pytest.approx(3.0)
    assert got["a"].contains(Point(0.5, 0.5)) and got["b"].contains(Point(1.5, 0.5))


def test_points_in_keeps_the_points_of_the_area():
    xy = np.array([[0.2, 0.2], [1.5, 0.5], [0.6, 0.6]])  # in; outside its box; in box only
    got = ts.points_in(shapely.Polygon([(0, 0), (1, 0), (0, 1)]), xy)
    assert got.tolist() == [[0.2, 0.2]]


def test_merge_slivers_joins_a_tiny_split_atom_to_its_sibling():
    atoms = pd.DataFrame({
        "old": ["o", "o", "o", "p"], "new": ["n1", "n2", "n1", "n2"],
        "geometry": [box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 2.0001, 0.001),
                     box(3, 0, 4, 1)]})
    got = vintage_2025.merge_slivers(atoms)
    assert got["old"].tolist() == ["o", "o", "p"]
    assert got.geometry.iloc[1].area == pytest.approx(1.0 + 1e-7)


def test_new_commune_atoms_split_an_old_commune_between_its_new_ones():
    old = pd.Series({"o1": box(0, 0, 2, 1), "o2": box(2, 0, 3, 1)})
    cross = pd.DataFrame({"old_commune_code": ["o1", "o1", "o2"],
                          "new_commune_code": ["n1", "n2", "n2"]})
    new = pd.DataFrame({"commune_code": ["n1", "n2"], "lon": [0.5, 2.0], "lat": [0.5, 0.5],
                        "province_code": ["P", "P"]})
    atoms, stats = vintage_2025.new_commune_atoms(old, cross, new,
                                                  pd.Series({"o1": "P", "o2": "P"}))
    area = atoms.assign(area=shapely.area(atoms["geometry"].to_numpy())).groupby("new")["area"]
    assert area.sum().to_dict() == pytest.approx({"n1": 1.25, "n2": 1.75})
    assert stats["split"] == 1 and stats["dropped"] == []


# --- tessellation helpers ------------------------------------------------------------------------


def _seeds(rows: list[tuple]) -> pd.DataFrame:
    cols = ["label", "lon", "lat", "lon_min", "lat_min", "lon_max", "lat_max"]
    return pd.DataFrame(rows, columns=cols)


def test_voronoi_units_partition_the_land():
    land = box(0, 0, 2, 1)
    sites = np.array([[0.5, 0.5], [1.5, 0.5]])
    got = ts.voronoi_units(sites, np.array(["a", "b"]), land)
    assert got["a"].equals(box(0, 0, 1, 1).normalize()) or got["a"].area == pytest.approx(1.0)
    assert got["b"].area == pytest.approx(1.0)
    assert shapely.union_all(got.to_numpy()).area == pytest.approx(2.0)


def test_label_samples_prefers_the_box_that_holds_the_point():
    # a: a large unit whose centroid lies far from the sample; b: a small one nearby whose box
    # does not reach the sample. Plain Voronoi would say b; the boxes say a.
    seeds = _seeds([("a", 0.0, 0.0, -1.0, -1.0, 1.0, 1.0), ("b", 1.2, 0.0, 1.1, -0.1, 1.3, 0.1)])
    got = ts.label_samples(np.array([[0.9, 0.0], [1.2, 0.05]]), seeds)
    assert got.tolist() == ["a", "b"]


def test_spread_duplicates_separates_identical_centroids():
    seeds = _seeds([(c, 1.0, 1.0, 0.0, 0.0, 2.0, 2.0) for c in "abc"] +
                   [("d", 5.0, 5.0, np.nan, np.nan, np.nan, np.nan)])
    got = ts.spread_duplicates(seeds)
    assert not got.duplicated(["lon", "lat"]).any()
    assert got.loc[3, ["lon", "lat"]].tolist() == [5.0, 5.0]


@pytest.mark.parametrize(("anchor", "moved"), [(None, 1), (Point(1.5, 1.5), 0)])
def test_reassign_fragments_gives_enclaves_to_the_surrounding_unit(anchor, moved):
    outer = box(0, 0, 3, 3).difference(box(1, 1, 2, 2))
    enclave = box(1, 1, 2, 2)
    geoms = pd.Series({"a": shapely.MultiPolygon([box(4, 0, 6, 3), enclave]), "b": outer})
    anchors = {"a": anchor} if anchor is not None else None
    got, n = ts.reassign_fragments(geoms, anchors)
    assert n == moved
    assert got["b"].area == pytest.approx(8.0 + (1.0 if moved else 0.0))
