"""Vietnamese pages show no English words of the app's own: measures, roles, units, what a
count counts, the content areas, the file uploader. Sources' own words (quotes, titles,
publishers) are shown as published and not checked, and so are the notes of whoever entered a
figure (free text: the shipped figures' notes were written in English)."""

from __future__ import annotations

import json
import re

import pytest

from p8lib.contract.i18n import t
from tests.app.helpers import (  # noqa: F401 - fixtures
    GOOD_CSV,
    clear_caches,
    navigation_routing,
    run,
)

# English words the app writes itself, in the words of measures, roles, units, counts and
# its own texts; none may be on a Vietnamese page.
ENGLISH = re.compile(
    r"\b(actual|target|result|pilot|implementing|groups|people|percent|sessions|classes|clubs|"
    r"dialogues|campaigns|addresses|exhibitions|indicators|billion|communes|districts|"
    r"villages|hamlets|national|province|content area|upload|browse|drag|per file|"
    r"not comparable|no result|no target)\b", re.IGNORECASE)
# Columns holding a source's own words, shown as published, or an entrant's free-text note.
SOURCE_COLUMNS = {t(k, "vi") for k in ("quote", "title", "link", "source", "publisher",
                                       "date", "note")}


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
    found += [f"{m.label} {m.value} {m.proto.delta}" for m in at.metric]
    found += [b.label for b in at.button] + [s.label for s in at.selectbox]
    found += [str(o) for s in at.selectbox for o in s.options]
    for frame in [d.value for d in at.dataframe] + [tb.value for tb in at.table]:
        for column in frame.columns:
            if column not in SOURCE_COLUMNS:
                found.append(str(column))
                found += [str(v) for v in frame[column].tolist()]
    for chart in at.get("plotly_chart"):
        found += _plotly_texts(json.loads(chart.proto.spec))
    return found


def english_in(at) -> list[str]:
    return sorted({text for text in shown_texts(at) if ENGLISH.search(text)})


VIEWS = [
    ("pages/overview.py", {}),
    ("pages/overview.py", {"province": "94", "year": "2023"}),
    ("pages/indicators.py", {"indicator": "comm_groups"}),
    ("pages/indicators.py", {"indicator": "em_women_safe_motherhood_pct", "province": "94"}),
    ("pages/indicators.py", {}),
    ("pages/coverage_map.py", {}),
    ("pages/data.py", {}),
    *[("pages/overview.py", {"present": "1", "slide": str(n)}) for n in range(1, 15)],
]


@pytest.mark.parametrize(("page", "params"), VIEWS)
def test_a_vietnamese_page_shows_no_english_of_the_app(page, params):
    at = run(page, lang="vi", **params)
    assert not at.exception, [e.message for e in at.exception]
    assert english_in(at) == []


@pytest.mark.parametrize("tab", ["targets_results", "attainment", "coverage_rows",
                                 "sources_quotes"])
@pytest.mark.parametrize("province", ["94", "64", "04"])
def test_every_tab_of_a_vietnamese_province_profile_shows_no_english(tab, province):
    at = run("pages/province.py", province=province, lang="vi")
    at.session_state["province_tab"] = t(tab, "vi")
    at.run()
    assert not at.exception
    assert english_in(at) == []


def test_an_uploaded_reports_preview_speaks_vietnamese():
    at = run("pages/data.py", lang="vi")
    at.file_uploader(key="data_upload").upload("good.csv", GOOD_CSV, "text/csv").run()
    assert not at.exception
    assert english_in(at) == []


def test_the_check_finds_english_when_there_is_some():
    """The test above can fail: an English page is full of the words it looks for."""
    assert len(english_in(run("pages/province.py", province="94", lang="en"))) > 5
