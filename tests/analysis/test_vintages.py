"""Rows of the 2025 units beside 2021 ones: placed in a 2021 province only where they lie
within it, never matched with 2021 rows by code."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.analysis import filters, metrics, provinces_2021, provinces_in, targets
from tests.frames import ROWS, figures

CATALOGUE = pd.DataFrame({"indicator_id": ["comm_groups"], "content_area": pd.array(
    [1], dtype="Int64"), "unit": ["groups"], "aggregation": ["sum"]})


def row(province, commune=None, vintage="2021", measure="actual", value=5.0, **more):
    level = "commune" if commune else "province"
    return {**ROWS[1], "province_code": province, "commune_code": commune, "level": level,
            "vintage": vintage, "measure": measure, "value": value, "period_start": 2021,
            "period_end": 2025, **more}


# 2021 Yên Bái; the 2025 Lào Cai (2021 Lào Cai and Yên Bái); the 2025 Thanh Hóa (unchanged);
# the 2025 commune Lam Vỹ (formed from 2021 Thái Nguyên communes); the 2025 Quảng Ngãi (2021
# Quảng Ngãi and Kon Tum); the 2025 commune Đăk Rơ Wa of Quảng Ngãi (formerly in Kon Tum).
MIXED = figures([row("15"), row("15", vintage="2025"), row("38", vintage="2025"),
                 row("19", "05542", "2025"), row("51", vintage="2025"),
                 row("51", "23332", "2025")])


def test_provinces_2021_places_a_2025_unit_only_inside_one_2021_province():
    assert provinces_2021(MIXED).tolist() == ["15", None, "38", "19", None, "62"]


def test_provinces_in_2025_rolls_2021_rows_up_and_keeps_2025_ones():
    assert provinces_in(MIXED, "2025").tolist() == ["15", "15", "38", "19", "51", "51"]
    with pytest.raises(ValueError, match="vintage '2024'"):
        provinces_in(MIXED, "2024")


def test_frames_without_vintage_keep_their_codes_and_dtype():
    plain = figures([row("15"), row("94")]).drop(columns="vintage").astype(
        {"province_code": "category"})
    pd.testing.assert_series_equal(provinces_2021(plain), plain["province_code"])


@pytest.mark.parametrize(("province", "kept"), [
    ("15", [0]),  # Yên Bái's own row, not the 2025 Lào Cai's "15"
    ("10", []),  # the 2025 Lào Cai spans 2021 Lào Cai and Yên Bái: in neither alone
    ("38", [2]), ("19", [3]), ("62", [5]), ("51", []),
])
def test_filter_by_a_2021_province(province, kept):
    assert metrics.filter_figures(MIXED, province=province).index.tolist() == kept


def test_a_2025_result_is_not_compared_with_a_2021_target_of_the_same_code():
    rows = figures([row("15", measure="target", value=10.0), row("15", vintage="2025")])
    attain = targets.attainment(rows, CATALOGUE)
    assert attain["status"].tolist() == ["no_result", "no_target"]
    assert attain["vintage"].tolist() == ["2021", "2025"]


def test_aggregate_by_province_in_each_vintage():
    by_2021 = metrics.aggregate(MIXED, CATALOGUE, ["province_code"], vintage="2021")
    codes = [None if pd.isna(c) else c for c in by_2021["province_code"]]
    assert dict(zip(codes, by_2021["value"], strict=True)) == {
        "15": 5.0, "38": 5.0, "19": 5.0, "62": 5.0, None: 10.0}  # None: the two 2025 spans
    by_2025 = metrics.aggregate(MIXED, CATALOGUE, ["province_code"], vintage="2025")
    assert dict(zip(by_2025["province_code"], by_2025["value"], strict=True)) == {
        "15": 10.0, "38": 5.0, "19": 5.0, "51": 10.0}


def test_aggregate_by_commune_in_2021_leaves_2025_communes_out():
    by_commune = metrics.aggregate(MIXED, CATALOGUE, ["commune_code"], vintage="2021")
    assert set(by_commune["commune_code"].dropna()) == set()


COVERAGE = pd.DataFrame({
    "province_code": ["94", "94", "14", "51"], "district_code": [None, None, "121", None],
    "commune_code": [None, None, "03883", "23332"],
    "level": ["province", "province", "commune", "commune"],
    "group": [None, None, None, None], "count": pd.array([42, None, None, None], dtype="Int64"),
    "count_of": ["commune", None, None, None], "source_id": ["a", "a", "b", "c"],
    "vintage": ["2021", "2021", "2021", "2025"]})


def test_coverage_counts_count_2021_units_and_place_2025_ones_in_their_province():
    counts = metrics.coverage_counts(COVERAGE, figures([row("19", "05542", "2025")]))
    # Sóc Trăng, Sơn La; Kon Tum (Đăk Rơ Wa) and Thái Nguyên (Lam Vỹ) through 2025 rows
    assert counts["provinces"] == 4
    # Sóc Trăng's 42 communes and Sơn La's Song Pe; the 2025 communes are other units
    assert counts["communes"] == 43
    assert counts["districts"] == 1


def test_province_options_name_a_2025_row_by_its_2021_province():
    options = filters.province_options(figures([row("15", vintage="2025")]), COVERAGE)
    assert options[:3] == ["14", "62", "94"]  # not "15" (Yên Bái), not "51"
