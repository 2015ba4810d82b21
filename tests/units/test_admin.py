import pandas as pd
import pytest

from p8lib.units import admin
from p8lib.units import crosswalk as walks
from p8lib.units.text import strip_marks


@pytest.mark.parametrize(
    ("vintage", "provinces", "communes"),
    [("2021", 63, 10035), ("2025", 34, 3321)],
)
def test_counts_of_each_vintage(vintage, provinces, communes):
    assert len(admin.provinces(vintage)) == provinces
    assert len(admin.communes(vintage)) == communes


def test_about_700_districts_in_2021():
    assert 690 <= len(admin.districts()) <= 710


@pytest.mark.parametrize(
    ("table", "column", "digits"),
    [
        (lambda: admin.provinces("2021"), "province_code", 2),
        (lambda: admin.districts(), "district_code", 3),
        (lambda: admin.communes("2021"), "commune_code", 5),
        (lambda: admin.communes("2025"), "commune_code", 5),
    ],
)
def test_codes_are_zero_padded_and_unique(table, column, digits):
    codes = table()[column]
    assert codes.str.fullmatch(rf"\d{{{digits}}}").all()
    assert codes.is_unique


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("10", "15"),  # old Lào Cai → new Lào Cai (which took old Yên Bái's code)
        ("15", "15"),  # old Yên Bái
        ("52", "52"),  # old Bình Định → new Gia Lai (code 52)
        ("64", "52"),  # old Gia Lai
        ("94", "92"),  # Sóc Trăng → Cần Thơ
        ("04", "04"),  # Cao Bằng unchanged
    ],
)
def test_province_crosswalk(old, new):
    crosswalk = walks.province_crosswalk().set_index("old_province_code")["new_province_code"]
    assert crosswalk[old] == new


def test_crosswalk_covers_every_old_province_once():
    crosswalk = walks.province_crosswalk()
    old_codes = admin.provinces("2021")["province_code"]
    assert sorted(crosswalk["old_province_code"]) == sorted(old_codes)
    assert set(crosswalk["new_province_code"]) == set(admin.provinces("2025")["province_code"])


def test_every_old_commune_has_one_default_new_commune():
    crosswalk = walks.commune_crosswalk()
    default = crosswalk[crosswalk["is_default"]]
    assert default["old_commune_code"].is_unique
    assert set(default["old_commune_code"]) == set(admin.communes("2021")["commune_code"])
    assert set(crosswalk["new_commune_code"]) <= set(admin.communes("2025")["commune_code"])


def test_commune_crosswalk_stays_inside_the_province_crosswalk():
    old = admin.communes("2021").set_index("commune_code")["province_code"]
    new = admin.communes("2025").set_index("commune_code")["province_code"]
    pairs = walks.commune_crosswalk()
    via_commune = pairs["new_commune_code"].map(new)
    via_province = walks.to_new_province(pairs["old_commune_code"].map(old))
    assert (via_commune == via_province).mean() > 0.999


def test_unknown_vintage_is_refused():
    with pytest.raises(ValueError, match="unknown vintage '2030'"):
        admin.provinces("2030")


def test_name_of():
    assert admin.name_of("94") == "Tỉnh Sóc Trăng"
    with pytest.raises(KeyError, match="999"):
        admin.name_of("999")


@pytest.mark.parametrize(("vintage", "rows"), [("2021", "_legacy_rows"), ("2025", "_new_rows")])
def test_provinces_read_from_their_own_columns_equal_those_of_every_row(vintage, rows):
    every = getattr(admin, rows)().drop_duplicates("provinceCode").sort_values("provinceCode")
    expected = admin._level_table(every, "province", {"province_code": "provinceCode"})
    pd.testing.assert_frame_equal(admin.provinces(vintage), expected.reset_index(drop=True))


def test_districts_read_from_their_own_columns_equal_those_of_every_row():
    every = admin._legacy_rows().drop_duplicates("districtCode").sort_values("districtCode")
    expected = admin._level_table(every, "district", {"district_code": "districtCode",
                                                      "province_code": "provinceCode"},
                                  "district_type")
    pd.testing.assert_frame_equal(admin.districts(), expected.reset_index(drop=True))


@pytest.mark.parametrize("vintage", ["2021", "2025"])
def test_commune_names_read_from_their_own_columns_equal_those_of_communes(vintage):
    names = admin.commune_names(vintage)
    pd.testing.assert_frame_equal(names, admin.communes(vintage)[names.columns])
    expected = ["commune_code", "province_code", "name_vi", "short_vi", "name_en"]
    if vintage == "2021":
        expected.insert(1, "district_code")
    assert list(names.columns) == expected


@pytest.mark.parametrize(("level", "table", "parent"), [
    ("district", admin.districts, "province_code"),
    ("commune", admin.communes, "district_code"),
])
def test_parent_codes_are_those_of_the_unit_tables(level, table, parent):
    expected = table().set_index(f"{level}_code")[parent]
    pd.testing.assert_series_equal(admin.parent_codes(level), expected)


def test_parent_codes_are_a_copy():
    codes = admin.parent_codes("commune")
    codes.iloc[0] = "xxx"
    assert admin.parent_codes("commune").iloc[0] != "xxx"


@pytest.mark.parametrize(("table", "code_column", "code", "name_en"), [
    (lambda: admin.provinces("2021"), "province_code", "94", "Sóc Trăng"),
    (lambda: admin.provinces("2021"), "province_code", "01", "Hà Nội"),
    (lambda: admin.provinces("2025"), "province_code", "15", "Lào Cai"),
    (lambda: admin.districts(), "district_code", "941", "Sóc Trăng City"),
    (lambda: admin.districts(), "district_code", "943", "Kế Sách District"),
    (lambda: admin.districts(), "district_code", "950", "Vĩnh Châu Town"),
    (lambda: admin.districts(), "district_code", "760", "District 1"),
    # The package's short name says the type in brackets where two units share a name.
    (lambda: admin.districts(), "district_code", "449", "Kỳ Anh Town"),
    (lambda: admin.communes("2021"), "commune_code", "00001", "Phúc Xá Ward"),
    (lambda: admin.commune_names("2021"), "commune_code", "00001", "Phúc Xá Ward"),
])
def test_english_names_keep_their_diacritics_and_say_their_type(table, code_column, code,
                                                                name_en):
    rows = table().set_index(code_column)
    assert rows.loc[code, "name_en"] == name_en


@pytest.mark.parametrize("vintage", ["2021", "2025"])
def test_every_english_name_has_the_vietnamese_letters(vintage):
    """English names are the Vietnamese names, type words aside: never stripped of marks."""
    for table in (admin.provinces(vintage), admin.commune_names(vintage)):
        stripped = table["name_en"] == table["short_vi"].map(strip_marks)
        marked = table["short_vi"] != table["short_vi"].map(strip_marks)
        assert not (stripped & marked).any()
