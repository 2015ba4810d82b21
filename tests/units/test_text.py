import unicodedata

import pandas as pd
import pytest

from p8lib.units import admin
from p8lib.units.text import (
    TypedName,
    fold,
    fold_words,
    fold_words_many,
    lower_many,
    marked_key,
    nfc,
    nfc_many,
    split_official,
    split_type,
    strip_marks,
    strip_marks_many,
    unit_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hoà Bình", "hoabinh"),
        ("Hòa Bình", "hoabinh"),
        ("HOA BINH", "hoabinh"),
        ("Thuỷ", "thuy"),
        ("Đắk Lắk", "daklak"),
        (unicodedata.normalize("NFD", "Sóc Trăng"), "soctrang"),
        ("  Sóc   Trăng ", "soctrang"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("H. Bắc Hà", "bacha"),
        ("Huyện Bắc Hà", "bacha"),
        ("TX. Vĩnh Châu", "vinhchau"),
        ("Thị xã Ngã Năm", "nganam"),
        ("TP. Hà Giang", "hagiang"),
        ("Thị trấn Mỹ Xuyên", "myxuyen"),
        ("X. Tả Chải", "tachai"),
        ("Mang Yang district", "mangyang"),
        ("Vinh Chau town", "vinhchau"),
        ("Tỉnh Sóc Trăng", "soctrang"),
        # only one prefix goes: "Quan" is part of the name here
        ("H. Quan Hóa", "quanhoa"),
        ("Phường 3", "3"),
        ("Tỉnh", "tinh"),
        ("T. Khánh Hòa", "khanhhoa"),
        ("Quan Hóa", "quanhoa"),  # the syllable Quan, not the type word Quận
    ],
)
def test_unit_key_strips_type_words(raw, expected):
    assert unit_key(raw) == expected


NFD = unicodedata.normalize("NFD", "TT. Mường Tè")


@pytest.mark.parametrize(("raw", "types", "base", "sure"), [
    # abbreviations, with or without the dot, and the full words
    ("TT. Mường Tè", {"thitran"}, "muongte", True),
    ("TT Muong Te", {"thitran"}, "muongte", True),
    (NFD, {"thitran"}, "muongte", True),
    ("THỊ TRẤN MƯỜNG TÈ", {"thitran"}, "muongte", True),
    ("TX.Kỳ Anh", {"thixa"}, "kyanh", True),
    ("H. Cao Lãnh", {"huyen"}, "caolanh", True),
    ("TP Cao Lãnh", {"thanhpho"}, "caolanh", True),
    ("Q.1", {"quan"}, "1", True),
    ("Q1", {"quan"}, "1", True),
    ("P3", {"phuong"}, "3", True),
    ("P. Sa Pả", {"phuong"}, "sapa", True),
    ("X. Tả Chải", {"xa"}, "tachai", True),
    ("Đặc khu Côn Đảo", {"dackhu"}, "condao", True),
    # English words, after the name: one word for two types where each level has one
    ("Muong Te township", {"thitran"}, "muongte", True),
    ("Ky Anh town", {"thixa", "thitran"}, "kyanh", True),
    ("Cao Lanh district", {"huyen", "quan"}, "caolanh", True),
    ("Cao Lanh city", {"thanhpho"}, "caolanh", True),
    ("Tan Thanh ward", {"phuong"}, "tanthanh", True),
    ("Ta Chai commune", {"xa"}, "tachai", True),
    # the province's type word
    ("T. Khanh Hoa", {"tinh"}, "khanhhoa", True),
    ("T Khánh Hòa", {"tinh"}, "khanhhoa", True),
    ("Tỉnh An Giang", {"tinh"}, "angiang", True),
    ("Khanh Hoa province", {"tinh"}, "khanhhoa", True),
    # a type word that is also a syllable: the marks tell; without marks, both readings
    ("tinh An Giang", {"tinh"}, "angiang", False),
    ("Tịnh Biên", set(), "tinhbien", True),
    ("Phương Sơn", set(), "phuongson", True),
    ("Phường Sơn", {"phuong"}, "son", True),
    ("PHƯỜNG SƠN", {"phuong"}, "son", True),
    ("Phuong Son", {"phuong"}, "son", False),
    ("Xã Xa Dung", {"xa"}, "xadung", True),
    # one leading word only; a name that is nothing but a type word is kept
    ("H. Quan Hóa", {"huyen"}, "quanhoa", True),
    ("Tỉnh", set(), "tinh", True),
    ("Ý Yên", set(), "yyen", True),
])
def test_split_type_reads_the_type_word(raw, types, base, sure):
    assert split_type(raw) == TypedName(frozenset(types), base, fold(raw), sure)


@pytest.mark.parametrize(("words", "expected"), [
    ("thi tran muong te", ("thitran", "muongte")),
    ("xa xa dung", ("xa", "xadung")),
    ("phuong phuong lien", ("phuong", "phuonglien")),
    ("thanh pho ha noi", ("thanhpho", "hanoi")),
    ("dac khu con dao", ("dackhu", "condao")),
    ("phuong 5", ("phuong", "5")),
    ("mystery", ("", "mystery")),
])
def test_split_official_reads_the_full_type_word_of_official_names(words, expected):
    assert split_official(words) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("P. Sa Pả", "psapả"),
    ("Sa Pa", "sapa"),
    (unicodedata.normalize("NFD", "Sa Pả"), "sapả"),
    ("Hoà Bình", "hòabình"),    # old tone placement → new
    ("THUỶ", "thủy"),
    ("Quý", "quý"),             # qu + y keeps its tone on the y
    ("Huậ Thành", "huậthành"),  # a vowel with another mark too is not an old placement
    ("Đắk Lắk", "đắklắk"),
])
def test_marked_key_keeps_diacritics_and_places_tones_the_new_way(raw, expected):
    assert marked_key(raw) == expected


def test_nfc_joins_combining_marks_and_spaces():
    assert nfc(unicodedata.normalize("NFD", " Lào\u00a0 Cai ")) == "Lào Cai"


def test_strip_marks_keeps_case():
    assert strip_marks("Đắk Lắk") == "Dak Lak"


@pytest.mark.parametrize(("raw", "expected"), [
    ("Nghĩa Lộ", "Nghia Lo"),
    ("Ngọc Hồi", "Ngoc Hoi"),
    ("Ưng Hòa", "Ung Hoa"),
    ("a\u20d7b", "ab"),              # a combining mark outside the Latin block
    ("Việt 越南", "Viet 越南"),       # other scripts' letters are kept
    ("", ""),
])
def test_strip_marks_removes_every_combining_mark(raw, expected):
    assert strip_marks(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("  Lao \t Cai\n", "Lao Cai"),   # plain ASCII skips normalisation, not the spaces
    (None, ""),
    (float("nan"), ""),
    (12, "12"),
])
def test_nfc_of_plain_text(raw, expected):
    assert nfc(raw) == expected


SPACES_AND_MARKS = ["  Lào\u00a0 Cai ", "Hoa\u2003\u3000Binh", "a\x1cb\x85c\u2028d\vE\tf\r\n",
                    unicodedata.normalize("NFD", "Đắk Lắk"), "", "Việt 越南", "x\u20d7y", None,
                    float("nan"), "  ", "Phường 3"]


@pytest.mark.parametrize(("many", "one"), [(nfc_many, nfc), (strip_marks_many, strip_marks)])
def test_vectorised_text_equals_the_scalar_functions(many, one):
    values = pd.Series(SPACES_AND_MARKS, index=range(10, 10 + len(SPACES_AND_MARKS)))
    out = many(values)
    assert out.tolist() == [one(v) for v in SPACES_AND_MARKS]
    assert out.index.equals(values.index)


def test_vectorised_words_and_lower_case_equal_the_scalar_functions():
    values = pd.Series(SPACES_AND_MARKS + ["TX.  Vĩnh Châu", "Thị Trấn Mường Tè",
                                           "\u212aon Tum", "ĐẮK NÔNG"])
    assert fold_words_many(values) == [fold_words(v) for v in values]
    assert lower_many(values) == [nfc(v).lower() for v in values]


@pytest.mark.parametrize("vintage", ["2021", "2025"])
def test_vectorised_text_equals_the_scalar_functions_on_every_unit_name(vintage):
    names = admin._table("admin_units_legacy" if vintage == "2021" else "admin_units",
                         "ward", fields=("", "Short"))
    for column in names:
        assert nfc_many(names[column]).tolist() == names[column].map(nfc).tolist()
        assert strip_marks_many(names[column]).tolist() == names[column].map(
            strip_marks).tolist()
        assert fold_words_many(names[column]) == names[column].map(fold_words).tolist()
        assert lower_many(names[column]) == names[column].map(lambda v: nfc(v).lower()).tolist()
