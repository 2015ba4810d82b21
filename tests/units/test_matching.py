import unicodedata

import pandas as pd
import pytest

from p8lib.units.matching import match_one, match_units

# Expected codes come from the GSO lists (checked against vietnamadminunits by hand).
CASES = [
    # province, district, commune, status, province_code, district_code, commune_code
    ("Sóc Trăng", "TX. Vĩnh Châu", None, "exact", "94", "950", None),
    ("Soc Trang province", "Vinh Chau town", None, "exact", "94", "950", None),
    ("tỉnh sóc trăng", "Thị xã Ngã Năm", None, "exact", "94", "948", None),
    ("Gia Lai", "Đak Đoa", None, "exact", "64", "626", None),
    ("GIA LAI", "dak doa district", None, "exact", "64", "626", None),
    ("Lào Cai", "H. Bắc Hà", "Xã Tả Chải", "exact", "10", "085", "02839"),
    ("Lao Cai", "Bac Ha", "Ta Chai commune", "exact", "10", "085", "02839"),
    (unicodedata.normalize("NFD", "Lào Cai"), "Bắc  Hà ", None, "exact", "10", "085", None),
    ("Hoà Bình", None, None, "exact", "17", None, None),
    ("Hòa Bình", None, None, "exact", "17", None, None),
    ("Thanh Hóa", "H. Quan Hóa", None, "exact", "38", "385", None),
    ("Sóc Trănh", None, None, "fuzzy", "94", None, None),
    ("Ha Noi", "Ba Dinh", "Phuc Xaa", "fuzzy", "01", "001", "00001"),
    ("Atlantis", None, None, "unmatched", None, None, None),
    ("Sóc Trăng", "Atlantis", None, "unmatched", "94", None, None),
    ("Atlantis", "Bắc Hà", None, "unmatched", None, None, None),
    ("", None, None, "unmatched", None, None, None),
    # Two communes of one district whose names differ only by their marks: the name written
    # with its marks picks its commune; written without them it stays ambiguous.
    ("Lào Cai", "Thị xã Sa Pa", "Phường Sa Pả", "exact", "10", "088", "03002"),
    ("Lào Cai", "Thị xã Sa Pa", "P. Sa Pả", "exact", "10", "088", "03002"),
    ("Yên Bái", "Trấn Yên", "Xã Minh Quân", "exact", "15", "138", "04567"),
    ("Yên Bái", "Trấn Yên", "Minh Quán", "exact", "15", "138", "04516"),
    ("Lào Cai", "Thị xã Sa Pa", "Phuong Sa Pa", "ambiguous", "10", "088", None),
]


@pytest.mark.parametrize(("province", "district", "commune", "status", "p", "d", "c"), CASES)
def test_match_one(province, district, commune, status, p, d, c):
    result = match_one(province, district, commune)
    assert result["match_status"] == status
    assert (result["province_code"], result["district_code"], result["commune_code"]) == (p, d, c)
    if status == "exact":
        assert result["match_score"] == 100
    if status in ("unmatched", "ambiguous"):
        assert result["match_note"]


def test_unmatched_names_the_closest_units():
    result = match_one("Sóc Trăng", "Long Phúù Phú")
    assert result["match_status"] == "unmatched"
    assert "closest:" in result["match_note"] and "Long Phú" in result["match_note"]


def test_a_commune_is_searched_only_inside_its_district():
    # Tả Chải is in Bắc Hà (Lào Cai); under another district it must not be found.
    assert match_one("Lào Cai", "Bắc Hà", "Tả Chải")["match_status"] == "exact"
    assert match_one("Lào Cai", "Bát Xát", "Tả Chải")["commune_code"] != "02839"


def test_same_short_name_in_one_province_is_ambiguous_without_its_type():
    # Sóc Trăng has both "Huyện Châu Thành" and several communes; at province level,
    # "Châu Thành" names exactly one district, so it is exact.
    assert match_one("Sóc Trăng", "Châu Thành")["match_status"] == "exact"


def test_new_vintage_has_no_districts():
    result = match_one("Lào Cai", "Bắc Hà", None, vintage="2025")
    assert result["match_status"] == "unmatched"
    assert "no districts" in result["match_note"]
    assert match_one("Lào Cai", None, None, vintage="2025")["province_code"] == "15"


def test_match_units_adds_columns_and_keeps_rows():
    frame = pd.DataFrame({"province": ["Sóc Trăng", "Atlantis", "Sóc Trăng"],
                          "district": ["Mỹ Tú", "", "Mỹ Tú"], "other": [1, 2, 3]})
    out = match_units(frame, commune_col=None)
    assert list(out["other"]) == [1, 2, 3]
    assert list(out["match_status"]) == ["exact", "unmatched", "exact"]
    assert out.loc[0, "district_code"] == out.loc[2, "district_code"] == "944"


def test_match_units_needs_a_province_column():
    with pytest.raises(KeyError, match="'province' not found"):
        match_units(pd.DataFrame({"tinh": ["x"]}))
