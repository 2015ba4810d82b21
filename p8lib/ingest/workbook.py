"""What an XLSX workbook holds, read from its zip directory and XML before any cell is parsed.

The Excel reader (calamine) allocates a sheet's whole grid, from A1 to the last cell, before
it returns a value: one cell at ``XFD1048576`` in a 1.7 KB file asks for 512 GB and aborts
the process. So :func:`scan_workbook` first reads what the file says of itself — the number
of parts, their sizes, the sheets, every cell reference of every sheet — with bounded work
(each part inflated at most to the limit; each sheet's XML read by
:mod:`~p8lib.ingest.sheet_xml`), and refuses a file past :mod:`~p8lib.ingest.limits` at once.

It also finds what the reader would not show: formula cells without a cached value and
error cells (``#DIV/0!``), which calamine reads as empty, and hidden sheets, rows and columns,
whose cells are read like any other though a person looking at the file does not see them.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from posixpath import dirname, join, normpath

from p8lib.ingest.limits import Limits, check, refuse
from p8lib.ingest.problems import Problem, ReportError
from p8lib.ingest.sheet_xml import SheetScan, scan_sheet, tag_attributes

_EOCD = b"PK\x05\x06"
_LOCAL_HEADER = b"PK\x03\x04"
_OFFICE_DOCUMENT = "officeDocument"
_DEFAULT_WORKBOOK = "xl/workbook.xml"
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
        scan = scan_sheet(xml, sheet_name, state, limits)
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


def _relations(parts: dict[str, bytes], source: str) -> dict[str, str]:
    """Relationship id → target part path, for the part at ``source``."""
    rels = join(dirname(source), "_rels", source.rsplit("/", 1)[-1] + ".rels")
    found = {}
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>", parts.get(rels, b"")):
        attributes = tag_attributes(tag)
        target = attributes.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else normpath(
            join(dirname(source), target))
        found[attributes.get("Id", "")] = path
    return found


def _workbook_path(parts: dict[str, bytes]) -> str:
    """The workbook part, as the package's root relationships name it."""
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>", parts.get("_rels/.rels", b"")):
        attributes = tag_attributes(tag)
        if attributes.get("Type", "").endswith("/" + _OFFICE_DOCUMENT):
            return attributes.get("Target", _DEFAULT_WORKBOOK).lstrip("/")
    return _DEFAULT_WORKBOOK


def _sheets(workbook: bytes, relations: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, state, part path) of each worksheet, in workbook order."""
    sheets = []
    for tag in re.findall(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>", workbook):
        attributes = tag_attributes(tag)
        path = relations.get(attributes.get("id", ""), "")
        if "worksheets/" in path or not path:  # chart sheets hold no cells
            sheets.append((attributes.get("name", ""), attributes.get("state", "visible"),
                           path))
    return sheets
