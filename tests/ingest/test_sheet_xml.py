"""One worksheet's XML, read before the Excel reader runs: its last cell however the XML
writes it, formulas without a value, error cells, hidden rows and columns."""

from __future__ import annotations

import pytest

from p8lib.ingest.limits import DEFAULT_LIMITS
from p8lib.ingest.sheet_xml import column_letters, column_number, scan_sheet
from tests.hostile_files import cell, sheet_xml


@pytest.mark.parametrize(("number", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"),
                                                 (703, "AAA"), (16384, "XFD")])
def test_column_letters_and_numbers(number, letters):
    assert column_letters(number) == letters and column_number(letters) == number


@pytest.mark.parametrize(("xml", "cells", "rows", "columns"), [
    # r first, as Excel writes it
    (b'<worksheet><sheetData><row r="3"><c r="B3"/><c r="AB12"><v>1</v></c></row>'
     b"</sheetData></worksheet>", 2, 12, 28),
    # a namespace prefix on every element
    (b'<x:worksheet><x:sheetData><x:row r="1"><x:c r="C7"/></x:row></x:sheetData>'
     b"</x:worksheet>", 1, 7, 3),
    # r after another attribute: every tag is read
    (b'<worksheet><sheetData><row r="1"><c s="1" r="D9"/></row></sheetData></worksheet>',
     1, 9, 4),
    # cells without r take the next positions of their row: bounded from above
    (b'<worksheet><sheetData><row r="5"><c r="B5"/><c/><c/></row></sheetData></worksheet>',
     3, 5, 5),
])
def test_the_last_cell_is_found_however_the_xml_writes_it(xml, cells, rows, columns):
    scan = scan_sheet(xml, "S", "visible")
    assert (scan.cells, scan.rows) == (cells, rows)
    assert scan.columns >= columns  # exact where references say; an upper bound where not
    if b'<c/>' not in xml:
        assert scan.columns == columns


def test_formulas_without_a_value_errors_and_hidden_rows_and_columns_are_found():
    xml = sheet_xml([["a", cell("B1", formula="1+1"), cell("C1", 2, formula="1+1"),
                      cell("D1", error="#N/A")], ["b"]], hidden_rows=(2,),
                    cols='<cols><col min="3" max="16384" hidden="1"/></cols>').encode()
    scan = scan_sheet(xml, "S", "visible")
    assert scan.uncached == [(1, 2)]
    assert scan.errors == [(1, 4, "#N/A")]
    assert scan.hidden_rows == [2]
    assert scan.hidden_columns == [3, 4]  # up to the last column with a cell, not to XFD


def _with_dimension(dimension: str, cells: str) -> bytes:
    return (f'<worksheet><dimension ref="{dimension}"/><sheetData><row r="1">{cells}</row>'
            "</sheetData></worksheet>").encode()


@pytest.mark.parametrize(("dimension", "cells", "rows", "columns"), [
    ("A1:C2", '<c r="A1"/><c r="C2"/>', 2, 3),  # the dimension, verified
    ("A1:C2", '<c r="A1"/><c r="D2"/>', 2, 4),  # a cell past it: every reference read
    ("A1:C2", '<c r="A1"/><c r="B3"/>', 3, 2),
    ("A1:C2", '<c r="A1"/><c r="B03"/>', 3, 2),  # a leading zero is not trusted
    ("A1:XFD1048576", '<c r="B2"/>', 2, 2),  # a dimension past the limits is not used
    ("C2", '<c r="A1"/><c r="C2"/>', 2, 3),  # a one-cell dimension
])
def test_a_declared_dimension_is_used_only_when_every_cell_is_inside_it(dimension, cells,
                                                                        rows, columns):
    scan = scan_sheet(_with_dimension(dimension, cells), "S", "visible", DEFAULT_LIMITS)
    assert (scan.rows, scan.columns) == (rows, columns)


def _rows_xml(widths: list[int]) -> bytes:
    """A sheet without a dimension whose row i holds cells A..(widths[i])."""
    rows = "".join(f'<row r="{i}">' + "".join(f'<c r="{column_letters(j)}{i}"><v>1</v></c>'
                                               for j in range(1, w + 1)) + "</row>"
                   for i, w in enumerate(widths, start=1))
    return f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()


@pytest.mark.parametrize(("widths", "rows", "columns"), [
    ([3] * 5000, 5000, 3),  # the sample's bound holds: verified, not read one by one
    ([3] * 2500 + [27] + [3] * 2500, 5001, 27),  # a wider row between the samples
    ([3] * 2500 + [1] * 2500, 5000, 3),  # the last rows narrower than the first
])
def test_without_a_dimension_the_sampled_bound_is_used_only_when_no_cell_lies_past_it(
        widths, rows, columns):
    xml = _rows_xml(widths)
    assert len(xml) > 4 * (1 << 16)  # the middle rows are in neither sample
    scan = scan_sheet(xml, "S", "visible", DEFAULT_LIMITS)
    assert (scan.cells, scan.rows, scan.columns) == (sum(widths), rows, columns)


@pytest.mark.parametrize(("cells", "rows", "columns"), [
    ('<x:c r="A1"/><x:c r="C2"/>', 2, 3),
    ('<x:c r="A1"/><x:c r="D2"/>', 2, 4),
    ('<x:c r="A1"/><x:c r="B03"/>', 3, 2),
    ('<x:c r="A1"/><x:c  r="B9"/>', 9, 2),  # not the usual form: read one by one
    ('<x:c r="A1"/><x:c r="A1B"/>', 1, 3),  # a malformed reference: the dimension not trusted
])
def test_the_bound_is_verified_under_a_namespace_prefix(cells, rows, columns):
    xml = (f'<x:worksheet><x:dimension ref="A1:C2"/><x:sheetData><x:row r="1">{cells}'
           "</x:row></x:sheetData></x:worksheet>").encode()
    scan = scan_sheet(xml, "S", "visible", DEFAULT_LIMITS)
    assert (scan.rows, scan.columns) == (rows, columns)
