"""Hostile and careless report files, built in code (tiny), each with the outcome it must get.

Shared by ``tests/ingest/test_hostile.py`` (every file through the import, its expected
problems checked) and ``bench/bench_hostile.py`` (each file's time and memory). Workbooks
are written part by part (the XML of a sheet as a test wants it: a cell at ``XFD1048576``,
a formula without a cached value), zip bombs as raw deflate streams.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from tests.reports import wide_csv

HEADER = ["STT", "Tỉnh", "Huyện", "Tổ truyền thông cộng đồng", "Địa chỉ tin cậy"]
ROWS = [[1, "Sóc Trăng", "Mỹ Tú", 12, 2], [2, "Sóc Trăng", "Kế Sách", 7, 1]]
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Hostile:
    """A file and what its import must say: ``errors`` and ``warnings`` are problem keys
    that must be among the problems (with that severity); ``figures`` how many figures a
    clean part of it still makes (None: not checked); ``where`` (key, row, column) pairs
    that must be located so."""

    name: str
    data: bytes
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    figures: int | None = None
    where: tuple[tuple[str, int | None, str], ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


# --- workbooks written part by part -------------------------------------------------------

def cell(ref: str, value: object = None, *, formula: str | None = None,
         error: str | None = None) -> str:
    """One ``<c>`` element: a number, an inline string, a formula (cached value when given),
    or an error cell."""
    if error is not None:
        return f'<c r="{ref}" t="e"><v>{escape(error)}</v></c>'
    body = f"<f>{escape(formula)}</f>" if formula is not None else ""
    if value is None:
        return f'<c r="{ref}">{body}</c>' if body else f'<c r="{ref}"/>'
    if isinstance(value, int | float):
        return f'<c r="{ref}">{body}<v>{value}</v></c>'
    kind = "str" if formula is not None else "inlineStr"
    text = f"<v>{escape(value)}</v>" if formula is not None else f"<is><t>{escape(value)}</t></is>"
    return f'<c r="{ref}" t="{kind}">{body}{text}</c>'


def letters(column: int) -> str:
    """Spreadsheet letters of a 0-based column."""
    text, number = "", column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def sheet_xml(rows: list[list[object]], *, first_row: int = 1, extra: str = "",
              hidden_rows: tuple[int, ...] = (), cols: str = "") -> str:
    """The XML of a worksheet holding ``rows`` from ``first_row``, with ``extra`` raw cells
    XML appended in a last row element of its own."""
    out = []
    for i, values in enumerate(rows):
        number = first_row + i
        hidden = ' hidden="1"' if number in hidden_rows else ""
        cells = "".join(v if isinstance(v, str) and v.startswith("<c ") else
                        cell(f"{letters(j)}{number}", v)
                        for j, v in enumerate(values) if v is not None)
        out.append(f'<row r="{number}"{hidden}>{cells}</row>')
    return (f'<worksheet xmlns="{_MAIN}">{cols}<sheetData>{"".join(out)}{extra}'
            "</sheetData></worksheet>")


def workbook(sheets: list[tuple[str, str]], *, states: dict[str, str] | None = None) -> bytes:
    """An .xlsx of the given (name, sheet XML) pairs, nothing else in it."""
    states = states or {}
    names = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"'
        + (f' state="{states[name]}"' if name in states else "") + "/>"
        for i, (name, _) in enumerate(sheets))
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicat'
            'ion/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Conte'
            'ntType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="app'
            'lication/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="appl'
                      'ication/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(len(sheets))) + "</Types>"),
        "_rels/.rels": (f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="'
                        f'{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
                        "</Relationships>"),
        "xl/workbook.xml": (f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><sheets>{names}'
                            "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_RELS}">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{_DOC_RELS}/worksheet" '
                      f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
            + "</Relationships>"),
    }
    for i, (_, xml) in enumerate(sheets):
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, text in parts.items():
            archive.writestr(path, text)
    return buffer.getvalue()


def report(rows=None, header=None, **sheet) -> bytes:
    """A one-sheet wide report: a title row, the header, ``rows``."""
    return workbook([("Báo cáo", sheet_xml([["BÁO CÁO DỰ ÁN 8"], header or HEADER,
                                             *(ROWS if rows is None else rows)], **sheet))])


def zip_bomb(*, honest: bool) -> bytes:
    """A workbook whose one sheet inflates to 600 MB of spaces from a few hundred KB: its
    directory says so (``honest``) or claims 1,000 bytes."""
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    # A fully flushed block starts afresh: repeating it repeats its content.
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeats = 600
    stream = block * repeats + b"\x03\x00"  # an empty final block ends the stream
    crc = 0
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    size = len(chunk) * repeats if honest else 1000
    head = report()
    return _append_raw_member(head, "xl/worksheets/sheet1.xml", stream, size, crc)


def _append_raw_member(archive: bytes, path: str, stream: bytes, size: int, crc: int) -> bytes:
    """``archive`` with the member ``path`` replaced by an already-deflated ``stream`` whose
    directory entry declares ``size`` and ``crc``: written by hand, as zipfile only writes
    what it compressed itself."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    central = []
    for info in source.infolist():
        if info.filename == path:
            data, declared, checksum = stream, size, crc
        else:
            data = zlib.compressobj(9, zlib.DEFLATED, -15)
            raw = source.read(info.filename)
            data = data.compress(raw) + data.flush()
            declared, checksum = len(raw), zlib.crc32(raw)
        name = info.filename.encode()
        offset = out.tell()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, checksum,
                              len(data), declared, len(name), 0) + name + data)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0,
                                   checksum, len(data), declared, len(name), 0, 0, 0, 0, 0,
                                   offset) + name)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          len(directory), start, 0))
    return out.getvalue()


def many_parts(count: int) -> bytes:
    """A zip of ``count`` empty parts (its end record counts them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(count):
            archive.writestr(f"p{i}", b"")
    return buffer.getvalue()


# --- CSV ---------------------------------------------------------------------------------

def csv(rows: list[list[object]], header=None) -> bytes:
    lines = [",".join(header or HEADER)]
    lines += [",".join("" if v is None else str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def corpus() -> list[Hostile]:
    """Every hostile file with its expected outcome."""
    far = sheet_xml([], extra='<row r="1048576">' + cell("XFD1048576", "x") + "</row>")
    a1_far = sheet_xml([["x"]], extra='<row r="1048576">' + cell("XFD1048576", "x") + "</row>")
    cv = sheet_xml([["x"]], extra='<row r="1000000">' + cell("CV1000000", 1) + "</row>")
    utf16 = "\n".join([",".join(HEADER)] + [",".join(map(str, r)) for r in ROWS]) + "\n"
    return [
        Hostile("xfd1048576.xlsx", workbook([("S", far)]), errors=("limit_columns",)),
        Hostile("a1-and-xfd1048576.xlsx", workbook([("S", a1_far)]), errors=("limit_columns",)),
        Hostile("cv1000000.xlsx", workbook([("S", cv)]), errors=("limit_sheet_cells",)),
        Hostile("1000-sheets.xlsx", workbook([(f"S{i}", sheet_xml([["x"]]))
                                              for i in range(1000)]), errors=("limit_sheets",)),
        Hostile("zip-bomb.xlsx", zip_bomb(honest=True), errors=("limit_unzipped_bytes",)),
        Hostile("zip-bomb-lying.xlsx", zip_bomb(honest=False), errors=("workbook_damaged",)),
        Hostile("10001-parts.xlsx", many_parts(10_001), errors=("limit_zip_parts",)),
        Hostile("100000-columns.csv", (",".join(f"c{i}" for i in range(100_000)) + "\n"
                                       + ",".join("1" * 100_000) + "\n").encode(),
                errors=("limit_columns",)),
        Hostile("5000001-rows.csv", b"a\n" * 5_000_001, errors=("limit_rows",)),
        Hostile("garbage.csv", bytes(range(256)) * 64, errors=("not_text",)),
        Hostile("garbage.xlsx", bytes(range(256)) * 64, errors=("not_xlsx",)),
        Hostile("nul-early.csv", b"STT,T\x00nh,Huy\xe1\xbb\x87n\n1,2,3\n", errors=("not_text",),
                where=(("not_text", 1, ""),)),
        Hostile("utf16-no-bom.csv", utf16.encode("utf-16-le"), figures=4),
        Hostile("cut-mid-quote.csv", csv(ROWS)[:-3] + b'\n3,"S\xc3\xb3c Tr',
                errors=("unclosed_quote",), where=(("unclosed_quote", 4, ""),)),
        Hostile("digits.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", "١٢", "１２"],
                                   [2, "Sóc Trăng", "Kế Sách", 7, 1]]),
                errors=("other_digits",), figures=2,
                where=(("other_digits", 2, "Tổ truyền thông cộng đồng"),
                       ("other_digits", 2, "Địa chỉ tin cậy"))),
        Hostile("infinity.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", "1e309", "inf"],
                                     [2, "Sóc Trăng", "Kế Sách", "Infinity", 1]]),
                errors=("not_finite", "not_a_number"), figures=1,
                where=(("not_finite", 2, "Tổ truyền thông cộng đồng"),
                       ("not_a_number", 2, "Địa chỉ tin cậy"))),
        Hostile("excel-infinity.xlsx", report([[1, "Sóc Trăng", "Mỹ Tú", 1e309, 2]]),
                errors=("not_a_number",), figures=1),
        Hostile("years.csv", csv([["2023.7", "Sóc Trăng", "Mỹ Tú", 1, 2],
                                  ["1e309", "Sóc Trăng", "Kế Sách", 3, 4],
                                  ["2024", "Sóc Trăng", "Cù Lao Dung", 5, 6]],
                                 ["Năm", *HEADER[1:]]),
                errors=("not_a_year",), figures=2,
                where=(("not_a_year", 2, "Năm"), ("not_a_year", 3, "Năm"))),
        Hostile("percent-in-count.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", "80%", 2]]),
                errors=("percent_in_count",), figures=1),
        Hostile("duplicate-district.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", 3, 4, "Kế Sách"]],
                                              [*HEADER, "Huyện"]),
                errors=("duplicate_role",), figures=2),
        Hostile("duplicate-indicator.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", 3, 4, 5]],
                                               [*HEADER, "Tổ truyền thông"]),
                errors=("duplicate_indicator",), figures=2),
        Hostile("unknown-column.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", 3, 4, 9]],
                                          [*HEADER, "Số hộ nghèo được giúp"]),
                warnings=("ignored_column",), figures=2),
        Hostile("typo-header.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", 3, 4, 9]],
                                       [*HEADER, "Đối thoại chính"]),
                errors=("header_typo",), figures=2),
        Hostile("headerless-column.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", 3, 4, 9]],
                                             [*HEADER, ""]),
                warnings=("unnamed_column",), figures=2),
        Hostile("ten-xa-phuong.csv", csv([[1, "Lào Cai", "Bắc Hà", "Tả Chải", 3]],
                                         ["STT", "Tỉnh", "Huyện", "Tên xã/phường",
                                          "Địa chỉ tin cậy"]), figures=1),
        Hostile("comune.csv", csv([[1, "Lào Cai", "Bắc Hà", "Tả Chải", 3]],
                                  ["STT", "Tỉnh", "Huyện", "comune", "Địa chỉ tin cậy"]),
                warnings=("role_by_spelling",), figures=1),
        Hostile("empty-unit-cells.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", 3, 4],
                                             [2, None, None, 5, 6]]),
                errors=("no_unit",), figures=2, where=(("no_unit", 3, "Tỉnh"),)),
        Hostile("uncached-hyperlink.xlsx", report([[1, "Sóc Trăng",
                                                    cell("C3", formula='HYPERLINK("x","Mỹ Tú")'),
                                                    3, 4]]),
                errors=("formula_without_value",), where=(("formula_without_value", 3, "Huyện"),)),
        Hostile("error-cells.xlsx", report([[1, "Sóc Trăng", "Mỹ Tú",
                                             cell("D3", error="#DIV/0!"),
                                             cell("E3", error="#N/A")]]),
                errors=("error_cell",),
                where=(("error_cell", 3, "Tổ truyền thông cộng đồng"),
                       ("error_cell", 3, "Địa chỉ tin cậy"))),
        Hostile("cached-formulas.xlsx", report([[1, "Sóc Trăng", "Mỹ Tú",
                                                 cell("D3", 5, formula="2+3"), 4]]), figures=2),
        Hostile("hidden.xlsx", workbook([("Báo cáo", sheet_xml([HEADER, *ROWS],
                                                               hidden_rows=(3,)))],
                                        states={"Báo cáo": "hidden"}),
                warnings=("hidden_sheet", "hidden_rows"), figures=4),
        Hostile("name-contradicts-code.csv",
                ("province,province_code,indicator_id,measure,period_start,period_end,value\n"
                 "Lào Cai,94,comm_groups,actual,2023,2023,5\n").encode(),
                errors=("name_contradicts_code",), where=(("name_contradicts_code", 2,
                                                           "province"),)),
        Hostile("code-no-unit-has.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", 3, "0"]],
                                            [*HEADER[:4], "Mã tỉnh"]),
                errors=("name_contradicts_code",)),
        Hostile("long-bad-measure.csv",
                ("province,indicator_id,measure,period_start,period_end,value\n"
                 "Sóc Trăng,comm_groups,plan,2023,2023,5\n").encode(),
                errors=("measure_invalid",), where=(("measure_invalid", 2, "measure"),)),
        Hostile("long-with-an-indicator-column.csv",
                ("province,indicator_id,measure,period_start,period_end,value,Địa chỉ tin cậy\n"
                 "Sóc Trăng,comm_groups,actual,2023,2023,5,7\n").encode(),
                warnings=("ignored_column",), figures=1),
        Hostile("wide-with-a-value-column.csv", csv([[1, "Sóc Trăng", "Mỹ Tú", 3, 4, 9]],
                                                    [*HEADER, "Giá trị"]),
                warnings=("ignored_column",), figures=2),
        Hostile("wide-report.csv", wide_csv(), figures=9),
    ]
