"""One worksheet's XML, read before the Excel reader runs: its last cell, the formulas
without a cached value and the error cells (which calamine reads as empty), its hidden rows
and columns.

The last row and column bound the grid the reader will build (:mod:`p8lib.ingest.workbook`
checks them against the limits before it lets the reader run). They are found with bounded
work: literal byte counts and one linear-time search (RE2) when a bound — the sheet's
declared dimension, or the largest references at its start and end — can be verified, else
every reference read by regular expressions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from p8lib.ingest.limits import Limits

_ATTRIBUTE = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
# A cell reference wherever it is in the tag.
_ANY_REF = rb'<%sc\b[^>]*?\sr="([A-Z]{1,3})([0-9]{1,7})"'
# Any c element's start tag, for files that write r elsewhere or leave it out.
_CELL_TAG = rb"<%sc(?=[\s/>])([^>]*)>"
_ROW_TAG = rb"<%srow(?=[\s/>])([^>]*)>"
_ROW_NUMBER = rb'<%srow\b[^>]*?\sr="([0-9]{1,7})"'
_COL_TAG = rb"<%scol(?=[\s/>])([^>]*)>"
_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})$")
# A sheet's cell references are read this many bytes (of whole rows) at a time.
_CHUNK = 1 << 23
# Where a sheet without a declared dimension is sampled for its last row and column.
_SAMPLE = 1 << 16


@dataclass
class SheetScan:
    """One worksheet as its XML describes it.

    ``rows`` and ``columns`` are the last row and column holding a cell (1-based; the grid
    the Excel reader builds is ``rows × columns``). ``uncached`` lists (row, column) of
    formula cells without a cached value, ``errors`` (row, column, text) of error cells,
    both 1-based; ``hidden_rows`` the row numbers and ``hidden_columns`` the column numbers
    hidden in Excel.
    """

    name: str
    state: str = "visible"
    rows: int = 0
    columns: int = 0
    cells: int = 0
    uncached: list[tuple[int, int]] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)


def column_letters(number: int) -> str:
    """Spreadsheet letters of a 1-based column number.

    >>> column_letters(1), column_letters(27), column_letters(16384)
    ('A', 'AA', 'XFD')
    """
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: bytes | str) -> int:
    """1-based column number of spreadsheet letters (``b"XFD"`` → 16384)."""
    number = 0
    for char in letters.encode() if isinstance(letters, str) else letters:
        number = number * 26 + char - 64
    return number


def tag_attributes(tag: bytes) -> dict[str, str]:
    """A start tag's attributes by local name (``r:id`` → ``id``), entities decoded."""
    return {key.decode().rpartition(":")[2]: html.unescape(value.decode("utf-8", "replace"))
            for key, value in _ATTRIBUTE.findall(tag)}


def scan_sheet(xml: bytes, name: str, state: str,
                limits: Limits | None = None) -> SheetScan:
    """Cell references, formulas without values, error cells and hidden rows and columns
    of one sheet's XML.

    The last row and column are the sheet's declared dimension when every cell is shown to
    lie inside it and it is within ``limits`` (two literal counts and one search, no match:
    a third of the time of reading every reference); without a dimension, the largest
    references at the sheet's start and end are tried the same way (as openpyxl and other
    writers leave the dimension out); else they are read from every reference.
    """
    root = re.search(rb"<([\w.-]+:)?worksheet\b", xml[:4096])
    raw_prefix = root.group(1) if root and root.group(1) else b""
    prefix = re.escape(raw_prefix)
    scan = SheetScan(name, state)
    tags = re.compile(_CELL_TAG % prefix)
    counted = None
    if limits:
        bound = _declared_dimension(xml, raw_prefix) or _sampled_bound(xml, raw_prefix)
        counted = _within(xml, raw_prefix, limits, *bound) if bound else None
    if counted is None:
        counted = _cell_refs(xml, raw_prefix)
    if counted is None:  # some cell does not start with r="…": read every start tag
        counted = _refs_of_tags(xml, prefix, tags)
    scan.cells, scan.rows, scan.columns = counted
    if xml.find(b'hidden="') >= 0:
        for tag in re.findall(_ROW_TAG % prefix, xml):
            attributes = tag_attributes(tag)
            if attributes.get("hidden") in ("1", "true") and attributes.get("r", "").isdigit():
                scan.hidden_rows.append(int(attributes["r"]))
        _hidden_columns(xml, prefix, scan)
    _formulas_and_errors(xml, raw_prefix, tags, scan)
    return scan


def _declared_dimension(xml: bytes, prefix: bytes) -> tuple[bytes, bytes] | None:
    """(last column letters, last row digits) of the sheet's ``<dimension ref="A1:L100001">``,
    or None when it declares none."""
    data_start = xml.find(b"sheetData")
    declared = re.search(rb'<%sdimension\s+ref="(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})"'
                         % re.escape(prefix), xml[:data_start if data_start > 0 else 4096])
    return (declared.group(1), declared.group(2)) if declared else None


def _sampled_bound(xml: bytes, prefix: bytes) -> tuple[bytes, bytes] | None:
    """(letters, digits) of the last column and row among the cell references of the first
    and last :data:`_SAMPLE` bytes of the sheet — the header and the last rows, where a
    report's widest and last cells are; None when neither holds a reference. Only a guess:
    :func:`_within` verifies it against every cell."""
    pattern = re.compile(rb'<%sc r="([A-Z]{1,3})([0-9]{1,7})"' % re.escape(prefix))
    refs = pattern.findall(xml, 0, _SAMPLE) + pattern.findall(xml, max(0, len(xml) - _SAMPLE))
    if not refs:
        return None
    letters = max((r[0] for r in refs), key=column_number)
    digits = max((r[1] for r in refs), key=int)
    return letters, b"%d" % int(digits)


def _within(xml: bytes, prefix: bytes, limits: Limits, letters: bytes, digits: bytes
            ) -> tuple[int, int, int] | None:
    """(cells, last row, last column) when the bound ``letters``/``digits`` (a declared
    dimension or a guess) is within ``limits``, every cell starts ``<c r="``, and no cell
    reference lies past the bound; else None (the references are then read one by one).

    One linear-time search (RE2, :func:`_found`) for any cell tag that breaks this, and
    one literal count of the cells: no Python-level step per cell.
    """
    columns, rows = column_number(letters), int(digits)
    if rows > limits.rows or columns > limits.columns or rows * columns > limits.sheet_cells:
        return None
    tag = b"<" + prefix + b"c"
    broken = (
        rb"%s(?:[\t\n\r/>]| [^r]| r[^=]| r=[^\x22]| r=\x22(?:"
        # not 1–3 letters and a number without a leading zero (the reader might place it
        # anywhere) ...
        rb"[^A-Z]|[A-Z]{4}|[A-Z]{1,3}[^A-Z1-9]|[A-Z]{1,3}[1-9][0-9]{0,6}[^0-9\x22]"
        rb"|[A-Z]{1,3}[1-9][0-9]{7}"
        # ... or past the last column or row
        rb"|(?:%s)[0-9]|[A-Z]{1,3}(?:%s)\x22))"
    ) % (re.escape(tag), _greater_letters(letters), _greater_number(digits))
    if _found(xml, broken):
        return None
    return xml.count(tag + b' r="'), rows, columns


def _found(xml: bytes, pattern: bytes) -> bool:
    """Whether ``pattern`` occurs in ``xml``, searched by RE2 (pyarrow's regular expressions:
    a DFA, linear in the bytes whatever the pattern, no copy of ``xml``)."""
    offsets = pa.array([0, len(xml)], pa.int64()).buffers()[1]
    haystack = pa.LargeBinaryArray.from_buffers(pa.large_binary(), 1,
                                                [None, offsets, pa.py_buffer(xml)])
    return pc.match_substring_regex(haystack, pattern.decode("ascii"))[0].as_py()


def _greater_letters(letters: bytes) -> bytes:
    """A pattern of the column letters (1–3) that come after ``letters``."""
    options = [b"[A-Z]{%d,3}" % (len(letters) + 1)] if len(letters) < 3 else []
    for i, char in enumerate(letters):
        if char < ord("Z"):
            options.append(letters[:i] + b"[%c-Z]" % (char + 1) + b"[A-Z]" * (len(letters) - i - 1))
    return b"|".join(options) or b"(?!)"


def _greater_number(digits: bytes) -> bytes:
    """A pattern of the whole numbers (no leading zero) greater than ``digits``."""
    options = [b"[1-9][0-9]{%d,}" % len(digits)]
    for i, char in enumerate(digits):
        if char < ord("9"):
            options.append(digits[:i] + b"[%c-9]" % (char + 1) + b"[0-9]" * (len(digits) - i - 1))
    return b"|".join(options)


def _cell_refs(xml: bytes, prefix: bytes) -> tuple[int, int, int] | None:
    """(cells, last row, last column) of a sheet whose every cell starts ``<c r="A1"``, as
    Excel and most writers put it: the letters and the numbers of the references found by
    two regular expressions, a few megabytes of whole rows at a time, their distinct values
    compared. ``prefix`` is the namespace prefix of the sheet's elements as written
    (``b"x:"`` or ``b""``). None when some cell tag is written otherwise (attributes in
    another order, no reference)."""
    tag = b"<" + prefix + b"c"
    cells = sum(xml.count(tag + end) for end in (b" ", b">", b"/"))
    if re.search(re.escape(tag) + rb"[\t\n\r]", xml):
        return None
    letters_of = re.compile(rb'%s r="([A-Z]{1,3})[0-9]' % re.escape(tag))
    numbers_of = re.compile(rb'%s r="[A-Z]{1,3}([0-9]{1,7})"' % re.escape(tag))
    row_start = b"<" + prefix + b"row"
    found = rows = columns = 0
    start = 0
    while start < len(xml):
        end = xml.find(row_start, start + _CHUNK)
        end = len(xml) if end < 0 else end
        letters = letters_of.findall(xml, start, end)
        numbers = numbers_of.findall(xml, start, end)
        if len(letters) != len(numbers):
            return None
        found += len(letters)
        columns = max([columns, *map(column_number, set(letters))])
        rows = max([rows, *map(int, set(numbers))])
        start = end
    return (cells, rows, columns) if found == cells else None


def _refs_of_tags(xml: bytes, prefix: bytes, tags: re.Pattern) -> tuple[int, int, int]:
    """(cells, last row, last column) of a sheet whose cells give their reference anywhere
    in the tag, or not at all. A cell without one takes the next position of its row (as
    Excel readers place it): the last column is then bounded by a row's last reference plus
    its number of cells — an upper bound, as a limit needs."""
    explicit = re.findall(_ANY_REF % prefix, xml)
    cells = len(tags.findall(xml))
    numbers = {int(r) for r in re.findall(_ROW_NUMBER % prefix, xml)}
    rows = max([len(re.findall(_ROW_TAG % prefix, xml)), *numbers,
                *(int(r) for r in {r for _, r in explicit})])
    columns = max((column_number(c) for c in {c for c, _ in explicit}), default=0)
    if cells > len(explicit):
        widest = max((len(tags.findall(row)) for row in re.split(
            rb"<%srow(?=[\s/>])" % prefix, xml)), default=0)
        columns += widest
    return cells, rows, columns


def _hidden_columns(xml: bytes, prefix: bytes, scan: SheetScan) -> None:
    """Columns hidden by ``<col min= max= hidden="1">`` (the cols block precedes the data)."""
    data_start = xml.find(b"sheetData")
    for tag in re.findall(_COL_TAG % prefix, xml[:data_start if data_start > 0 else None]):
        attributes = tag_attributes(tag)
        if attributes.get("hidden") in ("1", "true"):
            low, high = (int(attributes.get(k, "0") or 0) for k in ("min", "max"))
            # A hidden block reaching to XFD hides no cell past the sheet's last column.
            scan.hidden_columns += range(max(low, 1), min(high, max(scan.columns, 1)) + 1)


def _formulas_and_errors(xml: bytes, prefix: bytes, tags: re.Pattern, scan: SheetScan) -> None:
    """Formula cells without a cached value, and error cells: looked for only where the XML
    holds a formula or an error at all (literal searches), cell by cell there."""
    formula, error = b"<" + prefix + b"f", b't="e"'
    if xml.find(formula) < 0 and xml.find(error) < 0:
        return
    end_tag = b"</" + prefix + b"c>"
    value_pattern = re.compile(rb"<%sv(?:\s[^>]*)?>([^<]*)</%sv>" % (re.escape(prefix),
                                                                     re.escape(prefix)))
    for match in tags.finditer(xml):
        tag = match.group(1)
        if tag.endswith(b"/"):
            continue
        close = xml.find(end_tag, match.end())
        body = xml[match.end():close if close >= 0 else None]
        is_error = error in tag
        if not is_error and formula not in body:
            continue
        ref = _REF.match(tag_attributes(tag + b" ").get("r", "").encode())
        if ref is None:
            continue
        where = (int(ref.group(2)), column_number(ref.group(1)))
        value = value_pattern.search(body)
        if is_error:
            text = html.unescape(value.group(1).decode("utf-8", "replace")) if value else ""
            scan.errors.append((*where, text))
        elif value is None:
            scan.uncached.append(where)
