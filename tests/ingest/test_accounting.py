"""Every non-empty cell of a report is a figure or has a reason: the accounting, and a
property test over random small wide reports (figures + accounted-for cells = cells
written)."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from p8lib.ingest import ImportOptions, import_report
from p8lib.ingest.accounting import REASONS, Accounting

OPTIONS = ImportOptions(period=(2023, 2023), source_id="st_2023")
UNITS = [("Sóc Trăng", "Mỹ Tú"), ("Sóc Trăng", "Kế Sách"), ("Lào Cai", "Bắc Hà"),
         ("Soc Trang", "TX. Vĩnh Châu"), ("Atlantis", "Nowhere"), ("", "")]
INDICATORS = ["Tổ truyền thông cộng đồng", "Địa chỉ tin cậy", "Đối thoại chính sách",
              "Câu lạc bộ Thủ lĩnh của sự thay đổi"]
EXTRA_COLUMNS = ["Ghi chú", "Số hộ nghèo", "", "Tổng số", "Huyện", "Giá trị", "Năm", "Mã tỉnh"]
VALUES = st.one_of(st.integers(0, 500).map(str), st.sampled_from(
    ["", "", "1.337", "12,5", "x", "80%", "-3", "1e309", "١٢", " 7 "]))


def test_accounting_adds_up_and_names_its_reasons():
    account = Accounting()
    account.read(10)
    account.figures = 6
    account.skip("label", 3)
    assert not account.balanced
    account.skip("total", 1)
    assert account.balanced and account.accounted == 10
    with pytest.raises(ValueError, match="not in"):
        account.skip("lost", 1)


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "1.234 ô có nội dung: 1.000 số liệu, 200 nhãn (tên địa bàn, năm, số thứ tự…), "
           "34 ô tổng bỏ qua."),
    ("en", "1,234 non-empty cells read: 1,000 figures, 200 labels (unit names, years, row "
           "numbers…), 34 total cells skipped."),
])
def test_summary_in_each_language(lang, text):
    account = Accounting(1234, 1000, {"total": 34, "label": 200})
    assert account.summary(lang) == text
    assert set(account.skipped) <= set(REASONS)


@st.composite
def wide_reports(draw):
    """A random small wide report: title rows, a header with unit, indicator and other
    columns, body rows of random units and values (some bad), maybe a total row; and the
    number of non-empty cells written, counted here, apart from the import."""
    titles = draw(st.lists(st.sampled_from(["BÁO CÁO DỰ ÁN 8", "Năm 2023", ""]), max_size=2))
    indicators = draw(st.lists(st.sampled_from(INDICATORS), min_size=1, max_size=3,
                               unique=True))
    extras = draw(st.lists(st.sampled_from(EXTRA_COLUMNS), max_size=2))
    header = ["STT", "Tỉnh", "Huyện", *indicators, *extras]
    body = []
    for number in range(draw(st.integers(1, 6))):
        province, district = draw(st.sampled_from(UNITS))
        values = [draw(VALUES) for _ in indicators + extras]
        body.append([str(number + 1), province, district, *values])
    if draw(st.booleans()):
        body.append(["", "Tổng cộng", "", *(draw(VALUES) for _ in indicators + extras)])
    rows = [[t] for t in titles] + [header] + body
    written = sum(1 for row in rows for value in row if value.strip())
    return rows, written


def _as_file(rows: list[list[str]], kind: str) -> tuple[str, bytes]:
    if kind == "csv":
        text = "\n".join(",".join(f'"{v}"' if "," in v else v for v in row) for row in rows)
        return "r.csv", (text + "\n").encode("utf-8")
    book = Workbook()
    for row in rows:
        book.active.append([v if v.strip() else None for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return "r.xlsx", buffer.getvalue()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=wide_reports(), kind=st.sampled_from(["csv", "xlsx"]))
def test_figures_and_accounted_cells_equal_the_cells_written(report, kind):
    rows, written = report
    name, data = _as_file(rows, kind)
    result = import_report(name, OPTIONS, data=data)
    account = result.accounting
    assert account.cells == written, (account, rows)
    assert account.figures + sum(account.skipped.values()) == written, (account, rows)
    assert account.figures == len(result.figures)
    assert "unaccounted" not in {p.key for p in result.problems}
