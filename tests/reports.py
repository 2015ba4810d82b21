"""Report-like files built in code for the tests (no binary fixtures in the repository)."""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook

WIDE_HEADER = ["STT", "Tỉnh", "Huyện", "Tổ truyền thông cộng đồng (tổ)", "Địa chỉ tin cậy",
               "Câu lạc bộ Thủ lĩnh của sự thay đổi"]
WIDE_ROWS = [
    [1, "Sóc Trăng", "TX. Vĩnh Châu", 12, 2, 3],
    [2, None, "Mỹ Tú", 7, 1, 2],  # province left empty under a merged cell
    [3, "Soc Trang", "Ke Sach district", 5, 0, 1],
    [None, "Tổng cộng", None, 24, 3, 6],
]


def wide_xlsx(rows=None, header=None, extra_sheet: bool = True) -> bytes:
    """A provincial report as people make them: title rows, merged province cell, totals."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo 2023"
    sheet.append(["HỘI LIÊN HIỆP PHỤ NỮ TỈNH SÓC TRĂNG"])
    sheet.append(["BÁO CÁO KẾT QUẢ THỰC HIỆN DỰ ÁN 8 NĂM 2023"])
    sheet.append([])
    sheet.append(header or WIDE_HEADER)
    for row in rows if rows is not None else WIDE_ROWS:
        sheet.append(row)
    sheet.merge_cells("B5:B6")
    if extra_sheet:
        notes = book.create_sheet("Ghi chú")
        notes.append(["Người lập biểu: ..."])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def wide_csv(encoding: str = "utf-8", sep: str = ",") -> bytes:
    lines = ["BÁO CÁO KẾT QUẢ DỰ ÁN 8", sep.join(WIDE_HEADER)]
    for row in WIDE_ROWS:
        lines.append(sep.join("" if v is None else str(v) for v in row))
    text = "\n".join(lines) + "\n"
    return to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: letters with a tone become base letter + combining tone."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base.encode("cp1258") + tones.encode("cp1258"))
    return b"".join(out)


LONG_CSV = (
    "province,district,commune,indicator_id,measure,period_start,period_end,value,unit,"
    "source_id,quote,note\n"
    "Sóc Trăng,,,comm_groups,target,2021,2025,118,groups,s1,q,\n"
    "Sóc Trăng,,,Tổ truyền thông cộng đồng,actual,2023,2023,60,groups,s1,q,\n"
    ",,,trusted_addresses,actual,2021,2025,2312,addresses,s1,q,\n"
)
