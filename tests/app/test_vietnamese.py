"""Vietnamese pages show no English of the app's own: no English text of the message
catalogue (any page, any data path: uploads with problems, the Sources and History pages,
every presenter slide), and no English word of measures, roles, units, what a count counts,
the content areas, the file uploader. Sources' own words (quotes, titles, publishers) are
shown as published and not checked in tables; the shipped figures' and sources' notes are
checked, in their Vietnamese (data/notes_vi.csv)."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator, Sequence

import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from p8lib.contract import messages
from p8lib.contract.i18n import t
from tests.app.helpers import (  # noqa: F401 - fixtures
    BAD_CSV,
    GOOD_CSV,
    TOTAL_CSV,
    clear_caches,
    navigation_routing,
    plotly_specs,
    run,
    shown_tables,
    tiles,
)

# English words the app writes itself, in the words of measures, roles, units, counts and
# its own texts; none may be on a Vietnamese page (a file's path, "data/indicators.csv", is
# not a word).
ENGLISH = re.compile(
    r"(?<!/)\b(actual|target|result|pilot|implementing|groups|people|percent|sessions|classes|"
    r"clubs|dialogues|campaigns|addresses|exhibitions|indicators|billion|communes|districts|"
    r"villages|hamlets|national|province|content area|upload|browse|drag|per file|"
    r"not comparable|no result|no target)\b(?!\.csv)", re.IGNORECASE)
# Columns holding a source's own words, shown as published.
SOURCE_COLUMNS = {t(k, "vi") for k in ("quote", "title", "link", "source", "publisher",
                                       "date")}
# Notes are checked but for what they quote of a source (in the source's own language).
NOTE_COLUMN = t("note", "vi")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")


def _cells(frame, column) -> list[str]:
    values = [str(v) for v in frame[column].tolist()]
    return [QUOTED.sub("", v) for v in values] if column == NOTE_COLUMN else values
# A report with problems of several kinds: an unknown unit, a word for a number, a negative
# count, an unknown column (ignored), a total row (skipped).
PROBLEM_CSV = ("Tỉnh,Tổ truyền thông cộng đồng,Cột lạ\n"
               "Sóc Trăng,12,x\n"
               "Atlantis,abc,x\n"
               "Sóc Trăng,-3,x\n"
               "Tổng cộng,9,x\n").encode()
# The shortest English text of the catalogue looked for: shorter ones ("Year", "Source")
# are words a name or a source may hold.
MIN_CHARS = 12


def _english_texts() -> list[str]:
    """Every English text of the catalogue, in the pieces between its ``{placeholders}``,
    that Vietnamese does not write too (a name, a licence, an abbreviation)."""
    vietnamese = "\n".join(messages.texts("vi").values())
    pieces = {literal.strip() for text in messages.texts("en").values()
              for literal, *_ in string.Formatter().parse(text)}
    return sorted(p for p in pieces if len(p) >= MIN_CHARS and p not in vietnamese)


ENGLISH_TEXTS = _english_texts()


def _plotly_texts(spec: dict) -> list[str]:
    layout = spec["layout"]
    found = [layout.get("title", {}).get("text", "")]
    found += [a.get("text", "") for a in layout.get("annotations", [])]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            found += [str(v) for v in axis.get("ticktext", []) + axis.get("tickvals", [])]
            found.append(axis.get("title", {}).get("text", ""))
    for trace in spec["data"]:
        found.append(str(trace.get("name", "")))
        for key in ("text", "hovertext", "x", "y"):
            values = trace.get(key) or []
            found += [str(v) for v in (values if isinstance(values, list) else [values])]
    return found


def shown_texts(at) -> list[str]:
    """Every text of the app's own on the page (sources' own words left out)."""
    found = [str(e.value) for kind in ("title", "header", "subheader", "markdown", "caption",
                                        "info", "success", "error", "warning")
             for e in getattr(at, kind)]
    found += [f"{label} {value} {note or ''}" for label, value, note in tiles(at)]
    found += [b.label for b in at.button] + [s.label for s in at.selectbox]
    found += [str(o) for s in at.selectbox for o in s.options]
    for frame in shown_tables(at):
        for column in frame.columns:
            if column not in SOURCE_COLUMNS:
                found.append(str(column))
                found += _cells(frame, column)
    for spec in plotly_specs(at):
        found += _plotly_texts(spec)
    return found


def english_in(at) -> list[str]:
    return sorted({text for text in shown_texts(at) if ENGLISH.search(text)})


def _strings(message: Message) -> Iterator[str]:
    """Every string of an element's protobuf, those inside JSON (charts, maps) parsed out."""
    for field, value in message.ListFields():
        items = value if isinstance(value, Sequence) and not isinstance(value, str) else [value]
        if field.type == FieldDescriptor.TYPE_MESSAGE:
            for item in items:
                yield from _strings(item)
        elif field.type == FieldDescriptor.TYPE_STRING:
            for item in items:
                yield from _json_strings(item)


def _json_strings(text: str) -> Iterator[str]:
    if text[:1] in "{[":
        try:
            data = json.loads(text)
        except ValueError:
            yield text
            return
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                yield node
            elif isinstance(node, dict):
                stack += [*node.keys(), *node.values()]
            elif isinstance(node, list):
                stack += node
    else:
        yield text


def _elements(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


def _html_table(element) -> bool:
    """An HTML table (``app.widgets.table(as_html=True)``): its cells are read as a frame's,
    the sources' own columns left out, not as one string of markup."""
    return getattr(element, "type", "") == "html" and \
        element.value.startswith('<div class="p8-table-box')


def page_text(at) -> str:
    """Everything the page shows, as text: every string of every element (labels, options,
    help, chart and map specs) and the cells of its tables but the sources' own columns."""
    found = [s for root in (at.main, at.sidebar) for element in _elements(root)
             if getattr(element, "proto", None) is not None and not _html_table(element)
             for s in _strings(element.proto)]
    for frame in shown_tables(at):  # the HTML tables' cells too, read as frames
        for column in frame.columns:
            if column not in SOURCE_COLUMNS:
                found.append(str(column))
                found += _cells(frame, column)
    return "\n".join(found)


def catalogue_english_in(at) -> list[str]:
    """The English texts of the catalogue (:data:`ENGLISH_TEXTS`) the page shows."""
    shown = page_text(at)
    return [text for text in ENGLISH_TEXTS if text in shown]


def assert_vietnamese(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert catalogue_english_in(at) == []
    assert english_in(at) == []


VIEWS = [
    ("pages/overview.py", {}),
    ("pages/overview.py", {"province": "94", "year": "2023"}),
    ("pages/indicators.py", {"indicator": "comm_groups"}),
    ("pages/indicators.py", {"indicator": "em_women_safe_motherhood_pct", "province": "94"}),
    ("pages/indicators.py", {}),
    ("pages/coverage_map.py", {}),
    ("pages/coverage_map.py", {"measure": "value", "indicator": "comm_groups", "province": "10"}),
    ("pages/coverage_map.py", {"measure": "attainment", "province": "94"}),
    ("pages/coverage_map.py", {"measure": "coverage", "vintage": "2025"}),
    ("pages/data.py", {}),
    ("pages/history.py", {}),
    *[("pages/overview.py", {"present": "1", "slide": str(n)}) for n in range(1, 15)],
]


@pytest.mark.parametrize(("page", "params"), VIEWS)
def test_a_vietnamese_page_shows_no_english_of_the_app(page, params):
    assert_vietnamese(run(page, lang="vi", **params))


@pytest.mark.parametrize("source", [None, "hoilhpn_hue_du_an_8_2022",
                                    "hoiphunusonla_bac_yen_to_truyen_thong_2023",
                                    "circular_01_2022_tt_ubdt"])
def test_the_vietnamese_sources_page_shows_no_english_of_the_app(source):
    """The sources' own titles and quotes are English where the source is: only the
    catalogue's texts are looked for here."""
    at = run("pages/sources.py", lang="vi")
    if source:
        at.selectbox(key="source_pick").set_value(source).run()
    assert not at.exception, [e.message for e in at.exception]
    assert catalogue_english_in(at) == []


@pytest.mark.parametrize("tab", ["targets_results", "attainment", "coverage_rows",
                                 "sources_quotes"])
@pytest.mark.parametrize("province", ["94", "64", "04"])
def test_every_tab_of_a_vietnamese_province_profile_shows_no_english(tab, province):
    at = run("pages/province.py", province=province, lang="vi")
    at.session_state["province_tab"] = t(tab, "vi")
    at.run()
    assert_vietnamese(at)


@pytest.mark.parametrize(("name", "content"), [("good.csv", GOOD_CSV), ("bad.csv", BAD_CSV),
                                               ("total.csv", TOTAL_CSV),
                                               ("problems.csv", PROBLEM_CSV)],
                         ids=["good", "bad", "total", "problems"])
def test_an_uploaded_reports_preview_and_problems_speak_vietnamese(name, content):
    at = run("pages/data.py", lang="vi")
    at.file_uploader(key="data_upload").upload(name, content, "text/csv").run()
    assert_vietnamese(at)


def test_the_check_finds_english_when_there_is_some():
    """The tests above can fail: an English page is full of the words they look for."""
    at = run("pages/province.py", province="94", lang="en")
    assert len(english_in(at)) > 5
    assert len(catalogue_english_in(at)) > 5


def test_the_catalogue_check_finds_an_english_problem_on_a_vietnamese_page(monkeypatch):
    """A message left in English in vi.po shows on the Vietnamese page, and is found."""
    english = messages.texts("en")
    left_in_english = {"problem_unit_unmatched": english["problem_unit_unmatched"]}
    catalogues = {"en": english, "vi": {**messages.texts("vi"), **left_in_english}}
    monkeypatch.setattr(messages, "texts", catalogues.__getitem__)
    at = run("pages/data.py", lang="vi")
    at.file_uploader(key="data_upload").upload("bad.csv", BAD_CSV, "text/csv").run()
    assert catalogue_english_in(at) != []
