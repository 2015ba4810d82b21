"""What the bytes of a CSV are, before it is parsed: the encoding, binary content, quotes.

A CSV is decoded by its byte-order mark, as UTF-16 where its NUL bytes fall as UTF-16 puts
them (a file saved without a mark), else as UTF-8, else as Windows-1258; a NUL elsewhere or
more control characters than text has mean a binary file, refused. A file whose last quoted
cell never closes (cut short) is refused at the line it opens, where a parser would read
the rest of the file as one cell. Each refusal is a
:class:`~p8lib.ingest.problems.ReportError` naming the file and what to do.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np

from p8lib.ingest.problems import Problem, ReportError

# Tried in order when a CSV has no byte-order mark. cp1258 is Vietnamese Windows; it decodes
# any byte, so it comes last.
_FALLBACK_ENCODINGS = ("utf-8", "cp1258")
# How much of a file is looked at to tell text from binary, and the share of control
# characters (other than tab and line breaks) past which it is not text.
SAMPLE_BYTES = 1 << 16
_MAX_CONTROL_SHARE = 0.01
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the NULs of ``data`` fall where UTF-16 puts them (every
    other byte, as ASCII text written in UTF-16 has them), else None."""
    sample = np.frombuffer(data[:min(len(data), SAMPLE_BYTES) // 2 * 2], dtype=np.uint8)
    if len(sample) < 2:
        return None
    # Digits, separators and line breaks are ASCII: their high byte is 0. Vietnamese
    # letters (U+1Exx) are not, so only a share of the high bytes is required.
    even, odd = (sample[0::2] == 0).mean(), (sample[1::2] == 0).mean()
    if odd > 0.2 and even < 0.02:
        return "utf-16-le"
    if even > 0.2 and odd < 0.02:
        return "utf-16-be"
    return None


def not_text(name: str, data: bytes | str, at: int) -> ReportError:
    """The error of a file holding binary content (a NUL, control characters) at ``at``."""
    newline = "\n" if isinstance(data, str) else b"\n"
    line = data.count(newline, 0, at) + 1
    return ReportError(Problem("not_text", file=name, row=line, params={"offset": at}))


def check_text(text: str, name: str) -> None:
    """Refuse text that holds a NUL, or more control characters than text has."""
    nul = text.find("\x00")
    if nul >= 0:
        raise not_text(name, text, nul)
    sample = text[:SAMPLE_BYTES]
    controls = _CONTROLS.findall(sample)
    if len(controls) > _MAX_CONTROL_SHARE * len(sample):
        raise not_text(name, text, text.find(controls[0]))


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of CSV bytes and its encoding: a byte-order mark's, UTF-16 where its NULs
    say so, else UTF-8, else Windows-1258.

    Raises
    ------
    ReportError
        NUL bytes where UTF-16 would not have them (a binary file), or bytes no encoding
        reads.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise not_text(name, data, data.find(b"\x00"))
        encodings = (utf16,)
    else:
        encodings = _FALLBACK_ENCODINGS
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        check_text(text, name)
        return text, encoding
    raise ReportError(Problem("cannot_decode", file=name))


def first_lines(text: str | bytes, lines: int) -> str | bytes:
    """The first ``lines`` lines of ``text`` (all of it when it has fewer), without
    splitting the rest; text or bytes."""
    newline = "\n" if isinstance(text, str) else b"\n"
    cut = -1
    for _ in range(lines):
        cut = text.find(newline, cut + 1)
        if cut < 0:
            return text
    return text[:cut + 1]


def sniff_delimiter(text: str) -> str:
    """The separator a CSV text uses most in its first 50 lines: ",", ";" or tab."""
    sample = first_lines(text, 50)
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def check_quotes(data: bytes | str, name: str) -> None:
    """Refuse a CSV whose last quoted cell never closes (a file cut short): parsers would
    read the rest of the file as one cell, or drop it, without a word. An even number of
    quotes needs no look; an odd one may be a stray quote inside a cell (``12" TV``, which
    parsers take as text), so the csv module reads the file to tell, and names the line on
    which the open cell starts."""
    quote = '"' if isinstance(data, str) else b'"'
    if not data.count(quote) % 2:
        return
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text), strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # the end came inside a quoted cell
            raise ReportError(Problem("unclosed_quote", file=name, row=start)) from exc
