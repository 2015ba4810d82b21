import unicodedata

import pandas as pd
import pytest

from p8lib.units import admin
from p8lib.units.text import fold, nfc, nfc_many, strip_marks, strip_marks_many, unit_key


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
    ],
)
def test_unit_key_strips_type_words(raw, expected):
    assert unit_key(raw) == expected


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


@pytest.mark.parametrize("vintage", ["2021", "2025"])
def test_vectorised_text_equals_the_scalar_functions_on_every_unit_name(vintage):
    names = admin._table("admin_units_legacy" if vintage == "2021" else "admin_units",
                         "ward", fields=("", "Short"))
    for column in names:
        assert nfc_many(names[column]).tolist() == names[column].map(nfc).tolist()
        assert strip_marks_many(names[column]).tolist() == names[column].map(
            strip_marks).tolist()
