import io

import pandas as pd
import pytest

from p8lib.present.exports import csv_bytes, excel_safe, write_csv_atomic, xlsx_bytes


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1+1", "'+1+1"), ("-cmd", "'-cmd"),
     ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("Sóc Trăng", "Sóc Trăng"), ("", ""),
     # Text that is a plain number is read as the number, never run: no apostrophe.
     ("-3.0", "-3.0"), ("+1", "+1"), ("-1.234,5", "-1.234,5"), ("-2e-3", "-2e-3")],
)
@pytest.mark.parametrize("dtype", [object, "str", "category"])
def test_excel_safe_text(cell, expected, dtype):
    assert excel_safe(pd.DataFrame({"a": pd.Series([cell], dtype=dtype)}))["a"][0] == expected


def test_mixed_column_keeps_its_negative_numbers():
    out = excel_safe(pd.DataFrame({"a": pd.Series([-5, "=x", None], dtype=object)}))
    assert out["a"].tolist()[:2] == [-5, "'=x"]


def test_numbers_stay_numbers():
    out = excel_safe(pd.DataFrame({"v": [-3.5, 2.0]}))
    assert out["v"].tolist() == [-3.5, 2.0]


@pytest.mark.parametrize(("values", "written"), [
    ([9000.0, -3.0, None], ["9000", "-3", ""]),          # whole numbers without ".0"
    ([1.5, 2.0, None], ["1.5", "2", ""]),                 # each value as it is
    (pd.array([1.0, None], dtype="Float64"), ["1", ""]),
    ([-3.0, float("nan")], ["-3", ""]),                   # a negative number stays a number
])
def test_csv_writes_numbers_as_numbers(values, written):
    data = csv_bytes(pd.DataFrame({"k": list("abc")[:len(values)], "v": values}))
    lines = data.decode("utf-8-sig").splitlines()
    assert lines == ["k,v", *(f"{k},{w}" for k, w in zip("abc", written, strict=False))]


def test_xlsx_keeps_negative_numbers_as_numbers():
    data = xlsx_bytes({"t": pd.DataFrame({"v": [-3.0, 9000.0], "text": ["-3.0", "=x"]})})
    sheet = pd.read_excel(io.BytesIO(data), engine="calamine")
    assert sheet["v"].tolist() == [-3.0, 9000.0]
    assert sheet["text"].tolist() == ["-3.0", "'=x"]


def test_csv_has_a_bom_and_vietnamese_round_trips():
    data = csv_bytes(pd.DataFrame({"tỉnh": ["Sóc Trăng"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig").iloc[0, 0] == "Sóc Trăng"


def test_xlsx_has_one_sheet_per_frame():
    data = xlsx_bytes({"figures": pd.DataFrame({"a": ["=1"]}), "x" * 40: pd.DataFrame()})
    book = pd.read_excel(io.BytesIO(data), sheet_name=None, engine="calamine")
    assert list(book) == ["figures", "x" * 31]
    assert book["figures"].iloc[0, 0] == "'=1"


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old")

    class Broken(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_csv_atomic(Broken({"a": [1]}), path)
    assert path.read_text() == "old"
    assert list(tmp_path.iterdir()) == [path]
