"""A damaged shipped table is refused, naming file, line and column (issue #11)."""

from __future__ import annotations

import pytest

from p8lib.contract import catalogue
from p8lib.contract.paths import DATA

SHIPPED = (DATA / "figures.csv").read_bytes()
LINES = SHIPPED.split(b"\n")


def _cut_inside_a_quote() -> bytes:
    start = SHIPPED.index(b',"', len(SHIPPED) // 2) + 1
    return SHIPPED[:start + 10]


@pytest.mark.parametrize(("damaged", "line", "column", "what"), [
    (_cut_inside_a_quote(), None, "", "a quote is never closed"),
    (SHIPPED[:SHIPPED.index(b"\n", len(SHIPPED) // 2) - 3], None, "", "no line break"),
    (b"\n".join([*LINES[:3], b"94,,,province", *LINES[3:]]), 4, "indicator_id",
     "4 cells where the header has 14"),
    (b"\n".join([*LINES[:3], LINES[3] + b",extra", *LINES[4:]]), 4, "",
     "15 cells where the header has 14"),
    (SHIPPED.replace(b",actual,", b",actuall,", 1), None, "measure", "actuall"),
], ids=["cut-mid-quote", "cut-mid-line", "short-row", "long-row", "bad-value"])
def test_a_damaged_table_is_refused_by_file_line_and_column(tmp_path, damaged, line, column,
                                                            what):
    path = tmp_path / "figures.csv"
    path.write_bytes(damaged)
    with pytest.raises(catalogue.ShippedTableError, match=what) as info:
        catalogue.figures(path)
    assert str(info.value).startswith("figures.csv, line ")
    assert info.value.column == column
    if line is not None:
        assert info.value.line == line


def test_the_shipped_tables_pass():
    catalogue.check_shipped()
    assert len(catalogue.figures()) == len(LINES) - 2  # the header and the final line break
