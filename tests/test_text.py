import unicodedata

import pytest

from p8lib.text import fold, nfc, strip_marks, unit_key


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
