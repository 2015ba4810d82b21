"""What an XLSX workbook holds, read from its zip directory and XML before any cell is parsed.

The Excel reader (calamine) allocates a sheet's whole grid, from A1 to the last cell, before
it returns a value: one cell at ``XFD1048576`` in a 1.7 KB file asks for 512 GB and aborts
the process. So :func:`scan_workbook` first reads what the file says of itself — the number
of parts, their sizes, the sheets, every cell reference of every sheet — with bounded work
(literal byte searches and one regular expression over each sheet's XML, each part inflated
at most to the limit), and refuses a file past :mod:`~p8lib.ingest.limits` at once.

It also finds what the reader would not show: formula cells without a cached value and
error cells (``#DIV/0!``), which calamine reads as empty, and hidden sheets, rows and columns,
whose cells are read like any other though a person looking at the file does not see them.
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

import pyarrow as pa
import pyarrow.compute as pc

from p8lib.ingest.limits import Limits, check, refuse
from p8lib.ingest.problems import Problem, ReportError

_EOCD = b"PK\x05\x06"
_LOCAL_HEADER = b"PK\x03\x04"
_OFFICE_DOCUMENT = "officeDocument"
_DEFAULT_WORKBOOK = "xl/workbook.xml"
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


def scan_workbook(data: bytes, name: str, limits: Limits) -> list[SheetScan]:
    """Check an XLSX file against ``limits`` and describe its sheets, before parsing.

    Parameters
    ----------
    data : bytes
        The file.
    name : str
        Its name, for messages.
    limits : Limits

    Returns
    -------
    list of SheetScan
        The worksheets, in workbook order (chart sheets and the like are left out).

    Raises
    ------
    ReportError
        Not a zip, damaged, or past a limit (parts, unzipped size, sheets, cells).
    """
    check("zip_parts", _declared_parts(data, name), limits, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))  # shares the bytes, no copy
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, struct.error, OSError) as exc:
        raise _damaged(name) from exc
    check("zip_parts", len(members), limits, name)
    check("unzipped_bytes", sum(i.file_size for i in members.values()), limits, name)
    budget = _Budget(limits.unzipped_bytes, name)
    # Every part is inflated once, here, with its real size counted: a part whose directory
    # entry understates its size cannot inflate past the limit later, in the reader.
    parts = {path: budget.inflate(data, info) for path, info in members.items()
             if not info.is_dir()}
    workbook_path = _workbook_path(parts)
    workbook = parts.get(workbook_path)
    if workbook is None:
        raise _damaged(name)
    sheets = _sheets(workbook, _relations(parts, workbook_path))
    check("sheets", len(sheets), limits, name)
    scans, total = [], 0
    for sheet_name, state, path in sheets:
        xml = parts.get(path)
        if xml is None:
            raise _damaged(name)
        scan = _scan_sheet(xml, sheet_name, state, limits)
        for limit, found in (("rows", scan.rows), ("columns", scan.columns),
                             ("sheet_cells", max(scan.cells, scan.rows * scan.columns))):
            check(limit, found, limits, name, sheet=sheet_name)
        total += max(scan.cells, scan.rows * scan.columns)
        check("workbook_cells", total, limits, name)
        scans.append(scan)
    return scans


def _damaged(name: str) -> ReportError:
    return ReportError(Problem("workbook_damaged", file=name))


def _declared_parts(data: bytes, name: str) -> int:
    """The number of parts the zip's end record declares, read without parsing the
    directory (a directory of millions of entries costs seconds and gigabytes to list)."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or len(data) < at + 22:
        raise ReportError(Problem("not_xlsx", file=name))
    return struct.unpack_from("<H", data, at + 10)[0]


class _Budget:
    """What may still be inflated, over all parts of one workbook."""

    def __init__(self, allowed: int, name: str) -> None:
        self.allowed = allowed
        self.left = allowed
        self.name = name

    def inflate(self, data: bytes, info: zipfile.ZipInfo) -> bytes:
        """The content of one part, inflated from its raw bytes at most to its declared size
        (and to what the budget has left), and checked against that size and its CRC: a
        part that inflates to more than its directory entry says is refused, not read."""
        if info.file_size > self.left:
            raise refuse("unzipped_bytes", self.name, found=self.allowed - self.left
                         + info.file_size, allowed=self.allowed)
        offset = info.header_offset
        if data[offset:offset + 4] != _LOCAL_HEADER:
            raise _damaged(self.name)
        name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
        start = offset + 30 + name_length + extra_length
        raw = data[start:start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            content = raw
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            try:
                content = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, info.file_size + 1)
            except zlib.error as exc:
                raise _damaged(self.name) from exc
        else:
            raise ReportError(Problem("workbook_compression", file=self.name,
                                      params={"part": info.filename}))
        if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
            raise _damaged(self.name)
        self.left -= len(content)
        return content


def _attributes(tag: bytes) -> dict[str, str]:
    """A start tag's attributes by local name (``r:id`` → ``id``), entities decoded."""
    return {key.decode().rpartition(":")[2]: html.unescape(value.decode("utf-8", "replace"))
            for key, value in _ATTRIBUTE.findall(tag)}


def _relations(parts: dict[str, bytes], source: str) -> dict[str, str]:
    """Relationship id → target part path, for the part at ``source``."""
    rels = join(dirname(source), "_rels", source.rsplit("/", 1)[-1] + ".rels")
    found = {}
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>", parts.get(rels, b"")):
        attributes = _attributes(tag)
        target = attributes.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else normpath(
            join(dirname(source), target))
        found[attributes.get("Id", "")] = path
    return found


def _workbook_path(parts: dict[str, bytes]) -> str:
    """The workbook part, as the package's root relationships name it."""
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>", parts.get("_rels/.rels", b"")):
        attributes = _attributes(tag)
        if attributes.get("Type", "").endswith("/" + _OFFICE_DOCUMENT):
            return attributes.get("Target", _DEFAULT_WORKBOOK).lstrip("/")
    return _DEFAULT_WORKBOOK


def _sheets(workbook: bytes, relations: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, state, part path) of each worksheet, in workbook order."""
    sheets = []
    for tag in re.findall(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>", workbook):
        attributes = _attributes(tag)
        path = relations.get(attributes.get("id", ""), "")
        if "worksheets/" in path or not path:  # chart sheets hold no cells
            sheets.append((attributes.get("name", ""), attributes.get("state", "visible"),
                           path))
    return sheets


def _scan_sheet(xml: bytes, name: str, state: str,
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
            attributes = _attributes(tag)
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
        attributes = _attributes(tag)
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
        ref = _REF.match(_attributes(tag + b" ").get("r", "").encode())
        if ref is None:
            continue
        where = (int(ref.group(2)), column_number(ref.group(1)))
        value = value_pattern.search(body)
        if is_error:
            text = html.unescape(value.group(1).decode("utf-8", "replace")) if value else ""
            scan.errors.append((*where, text))
        elif value is None:
            scan.uncached.append(where)
