"""What a spreadsheet row says about its figures: body rows, period and measure."""

import pandas as pd
import pytest

from p8lib.contract import catalogue
from p8lib.ingest.layout import detect_layout
from p8lib.ingest.readers import RawSheet
from p8lib.ingest.report_rows import add_period_measure, body_rows


def sheet(rows):
    cells = pd.DataFrame(rows).fillna("").astype(str).astype("category")
    cells.index = pd.RangeIndex(1, len(cells) + 1)
    cells.columns = range(cells.shape[1])
    return RawSheet("r.csv", "", cells)


HEADER = ["STT", "Tỉnh", "Huyện", "Tổ truyền thông cộng đồng"]


@pytest.mark.parametrize(("label", "kept"), [("Tổng cộng", 2), ("TOTAL", 2), ("3", 3),
                                             ("Cộng", 2)])
def test_total_rows_are_left_out_and_reported(label, kept):
    raw = sheet([HEADER, ["1", "Sóc Trăng", "Mỹ Tú", "4"], ["2", "Sóc Trăng", "Kế Sách", "5"],
                 [label, "", "", "9"]])
    problems = []
    body = body_rows(raw, detect_layout(raw.cells, catalogue.default_lookup()), problems)
    assert len(body) == kept
    assert (len(problems) == 1) == (kept == 2)


@pytest.mark.parametrize(
    ("measure", "period", "given", "expected"),
    [("Chỉ tiêu", None, None, ("target", 2023)), ("Thực hiện", None, None, ("actual", 2023)),
     ("", None, "target", ("target", 2023)), ("", (2021, 2025), None, ("actual", 2021))],
)
def test_measure_words_and_periods(measure, period, given, expected):
    rows = pd.DataFrame({"measure": pd.Categorical([measure]),
                         "year": pd.Categorical(["2023" if period is None else ""]),
                         "src_row": [5]})
    problems = []
    add_period_measure(rows, period, given, RawSheet("r.csv", "", pd.DataFrame()), problems)
    assert (rows["measure"].iloc[0], rows["period_start"].iloc[0]) == expected
    assert not [p for p in problems if p.severity == "error"]


def test_a_row_without_any_period_is_an_error_naming_its_row():
    rows = pd.DataFrame({"year": pd.Categorical([""]), "src_row": [7]})
    problems = []
    add_period_measure(rows, None, "actual", RawSheet("r.csv", "", pd.DataFrame()), problems)
    assert [(p.severity, p.row) for p in problems] == [("error", 7)]
