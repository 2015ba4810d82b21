"""The sources with their notes, one source's rows, and quotes found in their context."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.present import citations
from tests.frames import ROWS, figures

COVERAGE = pd.DataFrame({
    "province_code": ["94", "94"], "district_code": [None, "949"], "commune_code": [None, None],
    "level": ["province", "district"], "role": ["pilot_province", "implementing_district"],
    "group": [None, None], "period_start": [2022, 2021], "period_end": [2025, 2025],
    "count": pd.array([None, None], dtype="Int64"), "count_of": [None, None],
    "source_id": ["s1", "s2"], "quote": ["q1", "q2"], "note": [None, None],
    "vintage": ["2021", "2021"]})

SOURCES = pd.DataFrame({
    "source_id": ["s1", "s2", "s3"], "title": ["T1", "T2", "T3"],
    "publisher": ["VWU", None, None], "author": ["A", "B", None],
    "date": ["2025-05-01", "undated", "2024"], "url": [None, "https://x", None],
    "file": ["sources/a.md", None, "sources/c.txt"], "language": ["vi", "en", "ms"],
    "machine_translation": [False, False, True], "note": ["n1", None, "Malay"]})


@pytest.mark.parametrize(("lang", "column", "expected"), [
    ("en", "Publisher", ["VWU", "B", "unknown"]),
    ("vi", "Đơn vị đăng", ["VWU", "B", "không rõ"]),
    ("en", "Date", ["2025-05-01", "undated", "2024"]),
    ("vi", "Ngày", ["2025-05-01", "không ghi ngày", "2024"]),
    ("en", "Language", ["Vietnamese", "English", "Malay"]),
    ("vi", "Ngôn ngữ", ["tiếng Việt", "tiếng Anh", "tiếng Mã Lai"]),
    ("en", "Machine translation", ["no", "no", "yes"]),
    ("vi", "Dịch máy", ["không", "không", "có"]),
    ("en", "Link / file", ["sources/a.md", "https://x", "sources/c.txt"]),
    ("en", "Note", ["n1", "", "Malay"]),
    ("en", "Figures", [1, 2, 0]),
    ("en", "Coverage rows", [1, 1, 0]),
])
def test_sources_table_gives_each_source_its_notes(lang, column, expected):
    table = citations.sources_table(SOURCES, lang, figures(ROWS), COVERAGE)
    assert table[column].fillna("").tolist() == expected


def test_sources_table_without_rows_has_no_count_columns():
    table = citations.sources_table(SOURCES, "en")
    assert "Figures" not in table.columns and len(table) == 3


def test_sources_used_lists_each_quote_once():
    used = citations.sources_used(figures(ROWS), COVERAGE, SOURCES, "en")
    pairs = set(zip(used["Source"], used["Quote"], strict=True))
    assert pairs == {("s2", "60 groups"), ("s1", "q1"), ("s2", "q2")}
    assert set(used["Title"]) == {"T1", "T2"}


def test_sources_used_of_categorical_figures_equals_that_of_plain_ones():
    frame = figures(ROWS)
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    plain = citations.sources_used(frame, COVERAGE, SOURCES, "vi")
    pd.testing.assert_frame_equal(
        citations.sources_used(frame.astype(dict.fromkeys(text, "category")), COVERAGE,
                               SOURCES, "vi"), plain)


@pytest.mark.parametrize(("source", "n_figures", "n_coverage", "quotes"), [
    ("s1", 1, 1, ["q1"]),
    ("s2", 2, 1, ["60 groups", "q2"]),
    ("nobody", 0, 0, []),
])
def test_rows_citing_one_source(source, n_figures, n_coverage, quotes):
    cited, covered = citations.rows_citing(figures(ROWS), COVERAGE, source)
    assert (len(cited), len(covered)) == (n_figures, n_coverage)
    assert citations.quotes_of(cited, covered) == quotes


@pytest.mark.parametrize(("text", "expected"), [
    ("“Thủ lĩnh” ‘x’", '"Thủ lĩnh" \'x\''),
    ("a\n\n  b\tc", "a b c"),
    ("> quoted\n> more", "> quoted more"),  # a marker at the very start has no line break
    ("Hoa\u0300", "Hoà"),  # NFD to NFC
])
def test_normal_text(text, expected):
    assert citations.normal_text(text) == expected


@pytest.mark.parametrize(("quote", "parts"), [
    ("10 buổi đối thoại.", ["10 buổi đối thoại"]),
    ("Hội còn tổ chức … 12 cuộc đối thoại", ["Hội còn tổ chức", "12 cuộc đối thoại"]),
    ("a ... b;", ["a", "b"]),
    ("…", []),
])
def test_quote_parts(quote, parts):
    assert citations.quote_parts(quote) == parts


TEXT = ("id: x\nurl: https://x\n---\nMở đầu. Hội còn tổ chức tập huấn cho 30 cán bộ, "
        "12 cuộc “đối thoại” chính sách. Kết thúc.")


@pytest.mark.parametrize(("quote", "before", "pieces", "after"), [
    ("12 cuộc \"đối thoại\" chính sách", "Mở đầu. Hội còn tổ chức tập huấn cho 30 cán bộ, ",
     (('12 cuộc "đối thoại" chính sách', True),), ". Kết thúc."),
    ("Hội còn tổ chức … 12 cuộc", "Mở đầu. ",
     (("Hội còn tổ chức", True), (" tập huấn cho 30 cán bộ, ", False), ("12 cuộc", True)),
     ' "đối thoại" chính sách. Kết thúc.'),
])
def test_quote_in_context_marks_each_part_and_drops_the_file_header(quote, before, pieces,
                                                                    after):
    found = citations.quote_in_context(TEXT, quote)
    assert (found.before, found.pieces, found.after) == (before, pieces, after)


@pytest.mark.parametrize("quote", ["13 cuộc", "12 cuộc … Hội còn tổ chức", "id: x", "…"])
def test_quote_not_in_the_text_is_none(quote):
    # the second: parts out of order; the third: in the header, which is not the excerpt
    assert citations.quote_in_context(TEXT, quote) is None


def test_context_is_cut_at_spaces_to_the_margin():
    found = citations.quote_in_context(TEXT, "30 cán bộ", margin=12)
    assert found.before == "… huấn cho "  # the cut word "tập" left out
    assert found.after == ", 12 cuộc …"


def test_context_html_escapes_the_source_text():
    found = citations.QuoteInContext("<script>x</script> ", (("a & b", True),), " <i>")
    assert citations.context_html(found) == (
        "<blockquote>&lt;script&gt;x&lt;/script&gt; <mark>a &amp; b</mark> &lt;i&gt;"
        "</blockquote>")


def test_unused_table():
    unused = pd.DataFrame({"file": ["f.txt"], "source_id": ["f"], "reason": ["same as g"]})
    assert citations.unused_table(unused, "vi").columns.tolist() == ["Nguồn", "Tệp", "Lý do"]
    assert citations.unused_table(unused, "en")["Reason"].tolist() == ["same as g"]


@pytest.mark.parametrize(("lang", "field", "value"), [
    ("en", "Machine translation", "yes"), ("en", "Note", "Malay"),
    ("vi", "Ngôn ngữ", "tiếng Mã Lai"), ("vi", "Đơn vị đăng", "không rõ"),
])
def test_source_details_list_one_sources_notes(lang, field, value):
    table = citations.sources_table(SOURCES, lang)
    details = citations.source_details(table, "s3", lang)
    assert dict(zip(details.iloc[:, 0], details.iloc[:, 1], strict=True))[field] == value
    with pytest.raises(KeyError, match="'s9'"):
        citations.source_details(table, "s9", lang)
