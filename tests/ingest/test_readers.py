import pandas as pd
import pytest

from p8lib.ingest.problems import ReportError
from p8lib.ingest.readers import read_cells
from tests.reports import wide_csv, wide_xlsx


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1258", b"")],
)
def test_csv_encodings_read_to_the_same_text(encoding, bom):
    sheet = read_cells("r.csv", bom + wide_csv(encoding))[0]
    assert sheet.cells.loc[2, 1] == "Tỉnh"
    assert sheet.cells.loc[3, 1] == "Sóc Trăng"
    assert sheet.cells.loc[5, 2] == "Ke Sach district"


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_delimiters(sep):
    sheet = read_cells("r.csv", wide_csv(sep=sep))[0]
    assert sheet.cells.loc[2, 3] == "Tổ truyền thông cộng đồng (tổ)"


def test_rows_are_numbered_as_in_the_spreadsheet():
    sheets = read_cells("r.xlsx", wide_xlsx())
    assert [s.sheet for s in sheets] == ["Báo cáo 2023", "Ghi chú"]
    cells = sheets[0].cells
    assert cells.loc[4, 0] == "STT" and cells.loc[5, 1] == "Sóc Trăng"
    assert cells.loc[5, 3] == "12"  # whole numbers without ".0"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("r.xlsx", b"PK\x03\x04 broken zip", "not an Excel .xlsx workbook"),
        ("r.xlsx", b"just text", "not an Excel .xlsx workbook"),
        ("r.csv", b"", "the file is empty"),
        ("r.pdf", b"%PDF", "unsupported file type '.pdf'"),
    ],
)
def test_unreadable_files_name_the_file(name, data, message):
    with pytest.raises(ReportError, match=message) as info:
        read_cells(name, data)
    assert info.value.problem.file == name


def test_missing_file(tmp_path):
    with pytest.raises(ReportError, match="cannot open the file"):
        read_cells(tmp_path / "nope.csv")


@pytest.mark.parametrize(("typed", "text"), [(12.345, "12.3450"), (0.064, "0.064"),
                                             (1337.0, "1337"), (2.5, "2.5")])
def test_typed_excel_numbers_are_not_read_as_thousands(typed, text):
    data = wide_xlsx(rows=[[1, "Sóc Trăng", "Mỹ Tú", typed, 0, 0]], extra_sheet=False)
    cells = read_cells("r.xlsx", data)[0].cells
    assert text in cells.to_numpy().ravel().tolist()


def _big_csv(rows: int = 6_000, sep: str = ",", newline: str = "\n",
             body_extra: str = "") -> str:
    """A report large enough for the column-wise reader: titles, header, many rows."""
    lines = ['"BÁO CÁO KẾT QUẢ, NĂM 2023"', "", sep.join(["STT", "Tỉnh", "Huyện", "Ghi chú", ""])]
    for i in range(rows):
        note = '"Hòa, Thủy"' if i % 7 == 0 else ("" if i % 3 else "Tổng")
        lines.append(sep.join([str(i + 1), "Sóc Trăng", f"Huyện {i % 11}", note, ""]))
    return newline.join(lines) + newline + body_extra


@pytest.mark.parametrize(
    ("text", "columnar"),
    [
        (_big_csv(), True),
        (_big_csv(sep=";"), True),
        (_big_csv(newline="\r\n"), True),
        (_big_csv(body_extra="\n\n7,Bạc Liêu,x,,\n"), True),  # blank lines keep row numbers
        (_big_csv(body_extra="8,Bạc Liêu\n"), False),  # a short row: read row by row
        (_big_csv(body_extra='9,"Cà\nMau",x,,\n'), True),  # a quoted line break
        (_big_csv(rows=50), False),  # small: read row by row
    ],
)
def test_columnar_and_row_readers_give_the_same_cells(text, columnar):
    from p8lib.ingest import readers

    sep = readers.sniff_delimiter(text)
    by_rows = readers._categorical(readers._read_rows(text, sep, "r.csv"))
    fast = readers._read_columnar(text.encode("utf-8"))
    assert (fast is not None) == columnar
    sheet = read_cells("r.csv", text.encode("utf-8"))[0]
    expected = readers._number_rows(readers._filled_columns(by_rows))
    pd.testing.assert_frame_equal(sheet.cells.astype(object), expected.astype(object))
    assert sheet.cells.loc[1, 0] == "BÁO CÁO KẾT QUẢ, NĂM 2023"
    assert sheet.cells.loc[4, 3] == "Hòa, Thủy"


def test_columnar_reader_normalises_to_nfc():
    import unicodedata

    text = unicodedata.normalize("NFD", _big_csv())
    cells = read_cells("r.csv", text.encode("utf-8"))[0].cells
    assert cells.loc[4, 1] == "Sóc Trăng" and cells.loc[4, 1] == unicodedata.normalize(
        "NFC", cells.loc[4, 1])


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16", "utf-8-sig"])
def test_large_files_in_other_encodings_read_the_same(encoding):
    from tests.reports import to_cp1258

    text = _big_csv()
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    expected = read_cells("r.csv", text.encode("utf-8"))[0].cells
    got = read_cells("r.csv", data)[0].cells
    pd.testing.assert_frame_equal(got.astype(object), expected.astype(object))


@pytest.mark.parametrize(("data", "row"), [
    (b'STT,T\xe1\xbb\x89nh\n1,"S\xc3\xb3c Tr\xc4\x83ng"\n2,"C\xc3\xa0', 3),  # cut in a quoted cell
    (b'a,b\n1,"x\n2,y\n', 2),  # a quote never closed swallows the rest
    (b'a;b\n1;"x"\n2;"y', 3),  # another delimiter
])
def test_a_csv_cut_inside_a_quoted_cell_is_refused_at_its_line(data, row):
    with pytest.raises(ReportError) as info:
        read_cells("r.csv", data)
    assert (info.value.problem.key, info.value.problem.row) == ("unclosed_quote", row)


def test_a_stray_quote_inside_a_cell_is_text():
    cells = read_cells("r.csv", b'STT,Ghi chu\n1,TV 12" moi\n')[0].cells
    assert cells.loc[2, 1] == 'TV 12" moi'


@pytest.mark.parametrize(("data", "key"), [
    (bytes(range(256)) * 8, "not_text"),  # garbage
    (b"STT,T\x00nh\n1,2\n", "not_text"),  # a NUL early
    (b"a,b\n" + b"\x01\x02\x03\x04" * 100, "not_text"),  # control characters
    (b"\xff\xfe" + "a,b\n".encode("utf-16-le") + b"\x00", "cannot_decode"),  # odd UTF-16
])
def test_binary_content_is_refused(data, key):
    with pytest.raises(ReportError) as info:
        read_cells("r.csv", data)
    assert info.value.problem.key == key


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding):
    data = wide_csv("utf-8").decode("utf-8").encode(encoding)
    sheet = read_cells("r.csv", data)[0]
    assert sheet.cells.loc[3, 1] == "Sóc Trăng" and sheet.encoding == encoding


def test_columns_keep_their_positions_when_empty_ones_are_left_out():
    cells = read_cells("r.csv", b"a,,c\n1,,3\n")[0].cells
    assert list(cells.columns) == [0, 2]
