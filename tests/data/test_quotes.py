"""Each shipped figure traces to its sentence: the quote is verbatim in its source, the
number is inside the quote, a "more than" or "about" before it is in the note, and every
source file is either cited or listed as unused with a reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from p8lib.contract import catalogue
from p8lib.contract.paths import ROOT, SHARED
from p8lib.present import citations

REPORTS = SHARED / "sources" / "reports"
needs_sources = pytest.mark.skipif(not REPORTS.exists(), reason="../shared not beside repo")

# Numbers as the sources write them: "10.393" (Vietnamese thousands), "115,5" (Vietnamese
# decimal), "1,337" (English thousands), "19, 451" (a stray space after the comma).
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,] ?\d+)*")
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50,
         # an article before a unit is one of it ("each province will select a commune")
         "a": 1, "an": 1}
# Words that make a number a bound or an estimate; the note must carry them.
QUALIFIERS = ("hơn", "trên", "gần", "khoảng", "tối thiểu", "more than", "over", "nearly",
              "about", "around", "at least")


def readings(token: str) -> set[float]:
    """Every value a written number can mean (a test's own reading, not the app's)."""
    compact = token.replace(" ", "")
    if compact.isdigit():
        return {float(compact)}
    out = set()
    for sep in ".,":
        groups = compact.split(sep)
        if len(groups) > 1 and all(g.isdigit() for g in groups):
            if all(len(g) == 3 for g in groups[1:]):
                out.add(float("".join(groups)))  # thousands
            if len(groups) == 2:
                out.add(float(f"{groups[0]}.{groups[1]}"))  # decimal
    return out


@pytest.mark.parametrize(("token", "expected"), [
    ("10.393", {10393.0, 10.393}), ("115,5", {115.5}), ("1,337", {1337.0, 1.337}),
    ("19, 451", {19451.0, 19.451}), ("2.312", {2312.0, 2.312}), ("07", {7.0}),
    ("4.0", {4.0}), ("1.2.3", set()),
])
def test_readings(token, expected):
    assert readings(token) == expected


def numbers_in(quote: str) -> list[tuple[float, int]]:
    """(value, position) of every number in a quote, digits or English words."""
    found = [(value, m.start()) for m in NUMBER.finditer(quote) for value in readings(m[0])]
    found += [(float(value), m.start()) for word, value in WORDS.items()
              for m in re.finditer(rf"\b{word}\b", quote, flags=re.IGNORECASE)]
    return found


def matches(value: float, written: float, unit: str, quote: str) -> bool:
    """``written`` is ``value``, or ``value`` in billions written in millions ("triệu")."""
    if abs(written - value) < 1e-9:
        return True
    return unit == "VND billion" and "triệu" in quote and abs(written / 1000 - value) < 1e-9


def rows_with_numbers():
    figures = catalogue.figures()
    coverage = catalogue.coverage()
    counted = coverage[coverage["count"].notna()]
    for row in figures.itertuples():
        yield f"figure {row.Index} ({row.source_id})", row.value, row.unit, row.quote, row.note
    for row in counted.itertuples():
        yield (f"coverage {row.Index} ({row.source_id})", float(row.count), row.count_of,
               row.quote, row.note)


def test_every_number_is_inside_its_quote():
    missing = [name for name, value, unit, quote, _ in rows_with_numbers()
               if not any(matches(value, n, unit, quote) for n, _ in numbers_in(quote))]
    assert not missing


def test_a_bound_or_an_estimate_in_the_quote_is_in_the_note():
    unsaid = []
    for name, value, unit, quote, note in rows_with_numbers():
        places = [at for n, at in numbers_in(quote) if matches(value, n, unit, quote)]
        before = [quote[max(0, at - 12):at].lower() for at in places]
        said = [q for q in QUALIFIERS if any(re.search(rf"\b{q}\s*$", b) for b in before)]
        if said and not all(q in (note or "").lower() for q in said):
            unsaid.append((name, said))
    assert not unsaid


@needs_sources
@pytest.mark.parametrize("table", ["figures", "coverage"])
def test_quotes_appear_verbatim_in_their_source(table):
    frame = getattr(catalogue, table)()
    files = catalogue.sources().set_index("source_id")["file"]
    texts = {source: (ROOT.parent / files[source]).read_text(encoding="utf-8")
             for source in set(frame["source_id"])}
    absent = [(row.source_id, row.quote) for row in frame.itertuples()
              if citations.quote_in_context(texts[row.source_id], row.quote) is None]
    assert not absent


def header(path: Path) -> dict[str, str]:
    """The ``key: value`` lines an excerpt file opens with, up to ``---``."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == "---":
            break
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


@needs_sources
def test_every_report_file_is_cited_or_listed_unused_with_a_reason():
    sources = catalogue.sources()
    cited = set(catalogue.figures()["source_id"]) | set(catalogue.coverage()["source_id"])
    used_files = set(sources.loc[sources["source_id"].isin(cited), "file"])
    unused = catalogue.unused_sources()
    files = {f"shared/sources/reports/{path.name}" for path in REPORTS.glob("*.txt")}
    assert len(files) == 50
    assert files == used_files & files | set(unused["file"])
    assert not used_files & set(unused["file"])
    assert unused["reason"].str.len().min() > 40


@needs_sources
def test_each_report_source_is_its_excerpt_by_id_address_and_language():
    sources = catalogue.sources()
    reports = sources[sources["file"].str.startswith("shared/sources/reports/")]
    for row in reports.itertuples():
        fields = header(ROOT.parent / row.file)
        assert fields["id"] == row.source_id
        assert (fields["url"] or None) == (row.url if isinstance(row.url, str) else None)
        assert fields["language"][:2] == row.language


def test_every_source_has_a_date_or_says_undated_and_flags_machine_translations():
    sources = catalogue.sources()
    assert sources["date"].notna().all()
    assert sources.loc[sources["language"] == "ms", "machine_translation"].all()
    translated = sources[sources["machine_translation"]]
    assert translated["note"].str.contains("machine translation").all()
