import pandas as pd
import pytest

from p8lib.ingest.importer import ImportOptions, import_report
from tests.reports import LONG_CSV, WIDE_HEADER, wide_csv, wide_xlsx

OPTIONS = ImportOptions(period=(2023, 2023), source_id="st_2023")


def _messages(result, severity=None):
    return [p.message for p in result.problems if severity in (None, p.severity)]


def _problem(result, text):
    """The first problem whose key is ``text``, or whose English message contains it."""
    return next(p for p in result.problems if p.key == text or text in p.message)


@pytest.mark.parametrize(("name", "data"), [("r.xlsx", wide_xlsx()), ("r.csv", wide_csv()),
                                            ("r.csv", wide_csv("utf-16"))],
                         ids=["xlsx", "csv", "csv-utf16"])
def test_wide_report_becomes_tidy_figures(name, data):
    result = import_report(name, OPTIONS, data=data)
    assert result.ok, _messages(result)
    tidy = result.tidy()
    # 3 unit rows × 3 indicators; the total row is not data
    assert len(tidy) == 9
    assert set(tidy["district_code"]) == {"950", "944", "943"}
    assert set(tidy["province_code"]) == {"94"}
    got = tidy.set_index(["district_code", "indicator_id"])["value"]
    assert got[("950", "comm_groups")] == 12
    assert got[("944", "trusted_addresses")] == 1
    assert got[("943", "leaders_of_change_clubs")] == 1
    assert (tidy["period_start"] == 2023).all() and (tidy["measure"] == "actual").all()
    assert (tidy["level"] == "district").all()
    assert (tidy["source_id"] == "st_2023").all()
    assert tidy.loc[0, "unit"] == "groups"


def test_total_rows_are_skipped_and_reported():
    result = import_report("r.xlsx", OPTIONS, data=wide_xlsx())
    total = _problem(result, "total row")
    assert (total.severity, total.sheet, total.row) == ("info", "Báo cáo 2023", 8)


@pytest.mark.parametrize(("name", "data", "key", "row"), [
    ("r.xlsx", wide_xlsx(), "merged_filled", 6),  # the workbook says which cells are merged
    ("r.csv", wide_csv(), "filled_down", 4),  # a CSV only shows them empty under a name
], ids=["xlsx", "csv"])
def test_merged_province_cell_is_filled_down_and_reported(name, data, key, row):
    result = import_report(name, OPTIONS, data=data)
    problem = _problem(result, key)
    assert (problem.row, problem.column, problem.severity) == (row, "Tỉnh", "info")
    assert set(result.tidy()["province_code"]) == {"94"}


def test_sheet_without_a_table_is_skipped_with_a_note():
    result = import_report("r.xlsx", OPTIONS, data=wide_xlsx())
    note = _problem(result, "sheet skipped")
    assert (note.severity, note.sheet) == ("info", "Ghi chú")


def test_quote_points_at_the_cell():
    tidy = import_report("r.xlsx", OPTIONS, data=wide_xlsx()).tidy()
    expected = "r.xlsx › Báo cáo 2023 › row 5, column Tổ truyền thông cộng đồng (tổ): 12"
    assert tidy.loc[0, "quote"] == expected


@pytest.mark.parametrize(
    ("rows", "severity", "text", "row", "column"),
    [
        ([[1, "Sóc Trăng", "Mỹ Tú", -3, 1, 1]], "error", "negative value", 5,
         "Tổ truyền thông cộng đồng (tổ)"),
        ([[1, "Sóc Trăng", "Mỹ Tú", "mười", 1, 1]], "error", "not a number", 5,
         "Tổ truyền thông cộng đồng (tổ)"),
        ([[1, "Sóc Trăng", "Atlantis", 3, 1, 1]], "error", "unit_unmatched", 5, "Huyện"),
        ([[1, "Sóc Trănk Xa", "Mỹ Tú", 3, 1, 1]], "error", "unit_unmatched", 5, "Tỉnh"),
        # the misspelt name is the province's: named in its column (issue #11)
        ([[1, "Sóc Trănh", "Mỹ Tú", 3, 1, 1]], "warning", "matched by spelling", 5, "Tỉnh"),
        ([[1, "Sóc Trăng", "Kế Sáchh", 3, 1, 1]], "warning", "matched by spelling", 5, "Huyện"),
        ([[1, "Sóc Trăng", "Mỹ Tú", 3, 1, 1], [2, "Sóc Trăng", "Mỹ Tú", 4, 1, 1]], "error",
         "conflicting values", 5, "Tổ truyền thông cộng đồng (tổ)"),
        ([[1, "Sóc Trăng", "Mỹ Tú", "1.337", 1, 1]], "warning", "thousands separators", 5,
         "Tổ truyền thông cộng đồng (tổ)"),
    ],
)
def test_bad_cells_are_named(rows, severity, text, row, column):
    result = import_report("bad.xlsx", OPTIONS, data=wide_xlsx(rows, extra_sheet=False))
    problem = _problem(result, text)
    assert (problem.severity, problem.file, problem.sheet, problem.row, problem.column) == (
        severity, "bad.xlsx", "Báo cáo 2023", row, column)
    assert result.ok is (severity != "error")


def test_percentage_over_100():
    header = ["STT", "Tỉnh", "Tỷ lệ phụ nữ DTTS được tuyên truyền làm mẹ an toàn"]
    result = import_report("p.xlsx", OPTIONS,
                           data=wide_xlsx([[1, "Sóc Trăng", 120]], header, extra_sheet=False))
    assert _problem(result, "percentage over 100").row == 5
    assert not result.ok


def test_missing_period_is_an_error():
    result = import_report("r.xlsx", ImportOptions(), data=wide_xlsx())
    assert not result.ok
    assert "--year" in _problem(result, "no period").message


def test_year_column_gives_the_period():
    header = ["Năm", "Tỉnh", "Đối thoại chính sách"]
    result = import_report("y.xlsx", ImportOptions(measure="target"),
                           data=wide_xlsx([[2022, "Cao Bằng", 10], [2023, "Cao Bằng", 12]],
                                          header, extra_sheet=False))
    tidy = result.tidy()
    assert result.ok, _messages(result)
    assert list(tidy["period_start"]) == [2022, 2023]
    assert (tidy["measure"] == "target").all()


def test_no_table_at_all():
    result = import_report("x.csv", OPTIONS, data=b"a,b\n1,2\n")
    assert not result.ok
    assert "no header row found" in _messages(result, "error")[0]


def test_broken_workbook_is_one_clear_error():
    result = import_report("broken.xlsx", OPTIONS, data=b"PK\x03\x04garbage")
    assert [p.severity for p in result.problems] == ["error"]
    assert result.figures.empty


def test_long_layout_with_names_and_indicator_names():
    result = import_report("long.csv", ImportOptions(), data=LONG_CSV.encode(),
                           known_sources={"s1"})
    assert result.ok, _messages(result)
    tidy = result.tidy()
    assert list(tidy["indicator_id"]) == ["comm_groups", "comm_groups", "trusted_addresses"]
    assert list(tidy["level"]) == ["province", "province", "national"]
    assert list(tidy["province_code"].fillna("")) == ["94", "94", ""]


def test_long_layout_unknown_indicator():
    data = LONG_CSV.replace("trusted_addresses", "flying_carpets").encode()
    result = import_report("long.csv", ImportOptions(), data=data, known_sources={"s1"})
    problem = _problem(result, "unknown indicator")
    assert (problem.row, problem.value) == (4, "flying_carpets")


def test_long_layout_with_codes(tmp_path):
    frame = pd.DataFrame({"province_code": ["94", "99"], "indicator_id": ["comm_groups"] * 2,
                          "measure": ["actual"] * 2, "period_start": [2023] * 2,
                          "period_end": [2023] * 2, "value": [1, 2]})
    path = tmp_path / "codes.csv"
    frame.to_csv(path, index=False)
    result = import_report(path)
    assert _problem(result, "unit code not found").row == 3


def test_unknown_source_is_a_warning():
    result = import_report("long.csv", ImportOptions(), data=LONG_CSV.encode(),
                           known_sources={"other"})
    assert result.ok
    assert _problem(result, "unknown_source").severity == "warning"


def test_header_synonyms_in_english_without_diacritics():
    header = ["No.", "Province", "District", "Community communication groups",
              "Trusted addresses", "Leaders of change clubs"]
    result = import_report("en.xlsx", OPTIONS, data=wide_xlsx(header=header, extra_sheet=False))
    assert result.ok, _messages(result)
    assert len(result.tidy()) == 9
    assert WIDE_HEADER[0] not in header


def test_rows_of_an_unknown_unit_make_no_figures_and_are_counted():
    rows = [[1, "Sóc Trăng", "Atlantis", 3, 1, 1], [2, "Sóc Trăng", "Atlantis", 4, 1, 1],
            [3, "Sóc Trăng", "Mỹ Tú", 5, 1, 1]]
    result = import_report("r.xlsx", OPTIONS, data=wide_xlsx(rows=rows, extra_sheet=False))
    unit = _problem(result, "unit_unmatched")
    assert (unit.row, "in 2 rows" in unit.message) == (5, True)
    assert not [p for p in result.problems if "duplicate" in p.message]
    assert set(result.figures["district_code"].astype(str)) == {"944"}


def test_import_keeps_categoricals_and_tidy_gives_plain_text():
    result = import_report("r.xlsx", OPTIONS, data=wide_xlsx())
    assert isinstance(result.figures["indicator_id"].dtype, pd.CategoricalDtype)
    tidy = result.tidy()
    assert not any(isinstance(tidy[c].dtype, pd.CategoricalDtype) for c in tidy)
    assert tidy["commune_code"].isna().all() and tidy["quote"].notna().all()
