"""A wide report whose unit columns write names as people type them imports (issue #15).

Type words that tell namesakes apart (TT. Mường Tè, Xã Mường Tè), a province type word
(T. Lai Châu), swapped letters (Mèo Vcạ), a district that is ambiguous or not found but
whose commune is unique in the province: each row lands on its commune, and every row that
was not matched exactly is reported once, the inferred district named.
"""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.ingest.importer import ImportOptions, import_report

OPTIONS = ImportOptions(period=(2023, 2023), source_id="messy_2023")
HEADER = "STT,Tỉnh,Huyện,Xã,Tổ truyền thông cộng đồng"

# (province, district, commune as typed) → (district code, commune code, how it matched)
ROWS = [
    (("T. Lai Châu", "H. Mường Tè", "TT. Mường Tè"), ("107", "03433", "exact")),
    (("Lai Chau province", "Muong Te district", "Muong Te commune"), ("107", "03445", "exact")),
    (("Tỉnh Hà Giang", "Mèo Vcạ", "X. Pả Vi"), ("027", "00781", "spelling")),
    (("Đồng Tháp", "Cao Lãnh", "Mỹ Trà"), ("866", "29887", "inferred")),
    (("Lai Châu", "Atlantis", "Xã Ka Lăng"), ("107", "03439", "inferred")),
]


def _report(rows) -> bytes:
    lines = ["BÁO CÁO KẾT QUẢ DỰ ÁN 8 NĂM 2023", HEADER]
    lines += [",".join([str(i), *names, str(i * 10)]) for i, (names, _) in
              enumerate(rows, start=1)]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def imported():
    return import_report("messy.csv", OPTIONS, data=_report(ROWS))


def test_every_row_imports_as_its_commune(imported):
    assert imported.ok, [str(p) for p in imported.problems]
    tidy = imported.tidy()
    expected = pd.DataFrame({"district_code": [d for _, (d, _, _) in ROWS],
                             "commune_code": [c for _, (_, c, _) in ROWS],
                             "level": ["commune"] * len(ROWS)})
    pd.testing.assert_frame_equal(tidy[["district_code", "commune_code", "level"]], expected)
    assert list(tidy["value"]) == [10, 20, 30, 40, 50]


@pytest.mark.parametrize(("row", "names", "how"), [
    (line, names, how) for line, (names, (_, _, how)) in enumerate(ROWS, start=3)])
def test_rows_not_matched_exactly_are_warned_about_once(imported, row, names, how):
    warnings = [p for p in imported.problems if p.severity == "warning" and p.row == row
                and "matched by spelling" in p.message]
    if how == "exact":
        assert warnings == []
        return
    assert len(warnings) == 1
    # Named in the column of the name that was not exact: the district's, in all three.
    assert warnings[0].column == "Huyện"
    assert ("district inferred from the commune" in warnings[0].message) is (how == "inferred")


def test_a_commune_not_unique_in_its_province_is_still_refused():
    # "Mỹ An" is a thị trấn and a xã of Tháp Mười: with the district lost, nothing decides.
    rows = [(("Đồng Tháp", "Thap Muoiii", "Mỹ An"), ("", "", ""))]
    result = import_report("messy.csv", OPTIONS, data=_report(rows))
    assert not result.ok
    error = next(p for p in result.problems if p.severity == "error")
    assert "Thị trấn Mỹ An" in error.message and "Xã Mỹ An" in error.message
    assert result.figures.empty
