import unicodedata

import pandas as pd
import pytest

from p8lib.units.matching import match_one, match_units


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


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
    (nfd("Lào Cai"), "Bắc  Hà ", None, "exact", "10", "085", None),
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

# 1. The type word decides between namesakes of another type, in every way it is written.
TYPE_WORDS_2021 = [
    ("Đồng Tháp", "TP. Cao Lãnh", None, "exact", "87", "866", None),
    ("Đồng Tháp", "TP Cao Lãnh", None, "exact", "87", "866", None),
    ("Dong Thap", "Cao Lanh city", None, "exact", "87", "866", None),
    ("ĐỒNG THÁP", "THÀNH PHỐ CAO LÃNH", None, "exact", "87", "866", None),
    ("Đồng Tháp", nfd("H. Cao Lãnh"), None, "exact", "87", "873", None),
    ("Dong Thap", "Cao Lanh district", None, "exact", "87", "873", None),
    ("Đồng Tháp", "Cao Lãnh", None, "ambiguous", "87", None, None),
    ("Hà Tĩnh", "TX. Kỳ Anh", None, "exact", "42", "449", None),
    ("Ha Tinh", "Ky Anh town", None, "exact", "42", "449", None),
    ("Hà Tĩnh", "H Kỳ Anh", None, "exact", "42", "447", None),
    ("Ha Tinh", "Ky Anh", None, "ambiguous", "42", None, None),
    ("Lai Châu", "Mường Tè", "TT. Mường Tè", "exact", "12", "107", "03433"),
    ("Lai Châu", "Mường Tè", nfd("TT Mường Tè"), "exact", "12", "107", "03433"),
    ("Lai Chau", "Muong Te", "Muong Te township", "exact", "12", "107", "03433"),
    ("Lai Châu", "Mường Tè", "X. Mường Tè", "exact", "12", "107", "03445"),
    ("LAI CHÂU", "MƯỜNG TÈ", "XÃ MƯỜNG TÈ", "exact", "12", "107", "03445"),
    ("Lai Chau", "Muong Te district", "Muong Te commune", "exact", "12", "107", "03445"),
    ("Lai Châu", "Mường Tè", "Mường Tè", "ambiguous", "12", "107", None),
    ("Hà Nội", "Gia Lâm", "Yen Vien town", "exact", "01", "018", "00526"),  # town: thị trấn
    ("Hà Nội", "Gia Lâm", "Yên Viên", "ambiguous", "01", "018", None),
    ("Cà Mau", "TP Cà Mau", "P. Tân Thành", "exact", "96", "964", "32025"),
    ("Ca Mau", "Ca Mau city", "Tan Thanh ward", "exact", "96", "964", "32025"),
    ("Ca Mau", "Ca Mau city", "Tan Thanh commune", "exact", "96", "964", "32026"),
    ("Ca Mau", "Ca Mau city", "Tan Thanh", "ambiguous", "96", "964", None),
    ("TP HCM", "Q.3", "P5", "exact", "79", "770", "27151"),
    # A Vietnamese type word that is also a syllable is one only with its own marks.
    ("Thanh Hóa", "Quan Hóa", None, "exact", "38", "385", None),
    ("An Giang", "Tịnh Biên", None, "exact", "89", "890", None),
]

# 4. The province's type word: T., T, Tỉnh, tinh, province.
PROVINCE_WORDS = [
    ("T. Khanh Hoa", "2021", "56"), ("T Khánh Hòa", "2021", "56"), ("T. An Giang", "2021", "89"),
    ("tinh An Giang", "2021", "89"), ("TỈNH KHÁNH HÒA", "2021", "56"),
    ("Khanh Hoa province", "2021", "56"), (nfd("T. Tiền Giang"), "2021", "82"),
    ("T. Khanh Hoa", "2025", "56"), ("T. An Giang", "2025", "91"),
    ("tinh Tuyen Quang", "2025", "08"), ("TP. Hồ Chí Minh", "2025", "79"),
]

# 2. Swapped and dropped letters: one edit; a clear winner is taken, a close race refused.
SLIPS_2021 = [
    ("Hà Giang", "Mèo Vcạ", None, "fuzzy", "02", "027", None),
    ("Ha Giang", "Meo Vca", None, "fuzzy", "02", "027", None),
    ("HÀ GIANG", "MÈO VCẠ", None, "fuzzy", "02", "027", None),
    ("Hà Giang", nfd("H. Đồgn Văn"), None, "fuzzy", "02", "026", None),
    ("Điện Biên", "Tủa Cùha", None, "fuzzy", "11", "098", None),
    ("Thanh Hoa", "Muogn Lat district", None, "fuzzy", "38", "384", None),
    ("Thanh Hóa", "Mường Lt", None, "fuzzy", "38", "384", None),
    ("Thái Bình", "Quỳnh Phụ", "Quỳn Hội", "fuzzy", "34", "338", "12529"),  # marks decide
    # Equally near to two communes: refused.
    ("Thai Binh", "Quynh Phu", "Quyn Hoi", "ambiguous", "34", "338", None),
    ("Hà Tĩnh", "H. Kỳ Anh", "Xã Kỳ Tâ", "ambiguous", "42", "447", None),
    ("Lạng Sơn", "Hữu Lũng", "Xã Hò Sơn", "ambiguous", "20", "186", None),
    ("Lang Son", "Huu Lung", "Ho Son", "exact", "20", "186", "06451"),
    # Equally near: the type word as written decides (Thị trấn Phước Cát is as near).
    ("Lâm Đồng", "Đạ Huoai", "Xa Phuoc Cat e", "fuzzy", "68", "682", "25165"),
    ("Lâm Đồng", "Đạ Huoai", "Phuoc Cat e", "ambiguous", "68", "682", None),
    # Numbers are not slips; a third edit is another name.
    ("Hà Tĩnh", "Hương Sơn", "Xã Sơn Kimm 1", "fuzzy", "42", "439", "18196"),
    ("Ha Tinh", "Huong Son", "Son Kim", "ambiguous", "42", "439", None),
    ("Hồ Chí Minh", "Quận 3", "Phường 33", "unmatched", "79", "770", None),
    ("Hà Tĩnh", "Hương Sơn", "Xã Sơn Kim 3", "unmatched", "42", "439", None),
    ("Cao Bằng", "Hạ Lang", "Xã Minh Lòng Lòng", "unmatched", "04", "048", None),
]
SLIPS_2025 = [
    ("Tuyên Quang", "Xã Mèo Vcạ", "fuzzy", "08", "00769"),
    ("Tuyen Quang", "Meo Vca commune", "fuzzy", "08", "00769"),
    ("ĐIỆN BIÊN", "TỦA CÙHA", "fuzzy", "11", "03217"),
    ("Thanh Hóa", nfd("Mườgn Lát"), "fuzzy", "38", "14845"),
]
TYPE_WORDS_2025 = [
    ("Thanh Hóa", "X. Đồng Tiến", "exact", "38", "15724"),
    ("Thanh Hoa", "Dong Tien ward", "exact", "38", "15853"),
    ("Thanh Hóa", "Đông Tiến", "exact", "38", "15853"),  # the marks decide
    ("Thanh Hoa", "Dong Tien", "ambiguous", "38", None),
    ("Đồng Tháp", "P. My Tho", "exact", "82", "28261"),
    ("Dong Thap", "My Tho commune", "exact", "82", "30076"),
]

# 3. One bad level does not lose the rest: a commune found in its province fixes the district.
LOST_DISTRICT = [
    # province, district, commune, status, district_code, commune_code, note
    ("Đồng Tháp", "Cao Lãnh", "Mỹ Trà", "fuzzy", "866", "29887",
     "district inferred from the commune: Thành phố Cao Lãnh (866)"),
    ("Dong Thap", "Cao Lanh", "TT My Tho", "fuzzy", "873", "30076",
     "district inferred from the commune: Huyện Cao Lãnh (873)"),
    ("Lai Châu", "Atlantis", "Xã Ka Lăng", "fuzzy", "107", "03439",
     "district 'Atlantis' not found"),
    ("Lai Châu", "", "TT. Mường Tè", "exact", "107", "03433",
     "district inferred from the commune: Huyện Mường Tè (107)"),
    ("LAI CHAU", "", "KA LANG COMMUNE", "exact", "107", "03439", "district inferred"),
    # A district spelt like another district that has no such commune.
    ("Cao Bằng", "haqqank", "X. Minh Long", "fuzzy", "048", "01534",
     "which has no such commune"),
    # Still refused: the commune's name is not unique, or lies outside what the district fits.
    ("Đồng Tháp", "Cao Lãnh", "Mỹ Thọ", "ambiguous", None, None, "Thị trấn Mỹ Thọ"),
    ("Đồng Tháp", "Cao Lãnh", "Mỹ An", "ambiguous", None, None, "Huyện Tháp Mười"),
    ("Thanh Hóa", "", "Xuân Lộc", "ambiguous", None, None, "Huyện Thường Xuân"),
]


def _check(result, status, p, d, c):
    assert result["match_status"] == status, result["match_note"]
    assert (result["province_code"], result["district_code"], result["commune_code"]) == (p, d, c)
    if status == "exact":
        assert result["match_score"] == 100
    if status in ("unmatched", "ambiguous"):
        assert result["match_note"]


@pytest.mark.parametrize(("province", "district", "commune", "status", "p", "d", "c"),
                         CASES + TYPE_WORDS_2021 + SLIPS_2021)
def test_match_one(province, district, commune, status, p, d, c):
    _check(match_one(province, district, commune), status, p, d, c)


@pytest.mark.parametrize(("province", "commune", "status", "p", "c"),
                         SLIPS_2025 + TYPE_WORDS_2025)
def test_match_one_2025(province, commune, status, p, c):
    _check(match_one(province, None, commune, vintage="2025"), status, p, None, c)


def test_names_matched_together_are_matched_as_each_alone():
    # Rows of every kind in one frame: most names are written in full and looked up at
    # once, the others matched level by level; no row's result depends on its neighbours.
    cases = CASES + TYPE_WORDS_2021 + SLIPS_2021
    frame = pd.DataFrame([case[:3] for case in cases], columns=["province", "district",
                                                               "commune"])
    out = match_units(frame.fillna(""))
    for row, case in zip(out.astype(object).where(out.notna(), None).to_dict("records"), cases,
                         strict=True):
        _check(row, *case[3:])
    assert (out["match_status"] == "exact").sum() > 10  # both ways are taken
    assert (out["match_status"] != "exact").sum() > 10


@pytest.mark.parametrize(("province", "vintage", "code"), PROVINCE_WORDS)
def test_the_province_type_word_is_not_part_of_the_name(province, vintage, code):
    _check(match_one(province, vintage=vintage), "exact", code, None, None)


@pytest.mark.parametrize(("province", "district", "commune", "status", "d", "c", "note"),
                         LOST_DISTRICT)
def test_a_commune_found_in_its_province_fixes_the_district(province, district, commune,
                                                             status, d, c, note):
    result = match_one(province, district, commune)
    assert (result["match_status"], result["district_code"], result["commune_code"]) == (
        status, d, c), result["match_note"]
    assert note in result["match_note"]


def test_swapped_letters_score_as_one_edit_and_name_the_runner_up_when_refused():
    assert match_one("Hà Giang", "Mèo Vcạ")["match_score"] == 83.3
    refused = match_one("Hà Tĩnh", "H. Kỳ Anh", "Xã Kỳ Tâ")["match_note"]
    assert "Xã Kỳ Tây (18793, 80)" in refused and "Xã Kỳ Tân (18814, 80)" in refused


def test_an_ambiguous_province_is_decided_by_its_district():
    result = match_one("hanh Hoa", "Muong Lat")  # Thanh Hóa or Khánh Hòa, one letter dropped
    assert (result["match_status"], result["province_code"], result["district_code"]) == (
        "fuzzy", "38", "384")
    assert "province inferred from the district: Tỉnh Thanh Hóa (38)" in result["match_note"]
    assert match_one("hanh Hoa")["match_status"] == "ambiguous"


def test_without_a_district_column_the_commune_fixes_it():
    frame = pd.DataFrame({"province": ["Lai Châu", "Lai Châu"],
                          "commune": ["TT. Mường Tè", "Mường Tè"]})
    out = match_units(frame, district_col=None)
    expected = pd.DataFrame({"district_code": ["107", None], "commune_code": ["03433", None],
                             "match_status": ["exact", "ambiguous"]})
    pd.testing.assert_frame_equal(out[expected.columns], expected)


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


@pytest.mark.parametrize(("names", "status", "level"), [
    (("Sóc Trăng", "Huyện Thạnh Trị", "Xã Lâm Tân"), "exact", None),
    (("Sóc Trăng", "Huyện Thạnh Trị", "Xã Lâm Tânn"), "fuzzy", "commune"),
    (("Sóc Trăng", "Huyện Thạnh Trịi", "Xã Lâm Tân"), "fuzzy", "district"),
    (("Sóc Trănng", "Huyện Thạnh Trịi", "Xã Lâm Tânn"), "fuzzy", "province"),  # the first
])
def test_the_first_level_not_matched_exactly_is_named(names, status, level):
    result = match_one(*names)
    assert (result["match_status"], result["match_level"]) == (status, level)
