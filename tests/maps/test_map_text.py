"""The words of the map: tooltip lines, legend titles, notes (p8lib.maps.map_text)."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.maps import map_text, map_values

SOURCES = {"a": "Báo Lào Cai", "b": "VOV4", "c": "Báo Thanh Hóa"}


def table(**columns) -> pd.DataFrame:
    return map_values._table(pd.DataFrame(columns)).assign(communes=columns.get("communes", 1.0))


@pytest.mark.parametrize(("measure", "row", "lang", "expected"), [
    ("attainment", {"value": 50.8, "target": 118.0, "actual": 60.0, "target_period": "2021–2025",
                    "years_reported": "2023", "status": "partial", "sources": "a"}, "en",
     ("50.8% of the 2021–2025 target", "Target 118 groups · result 2023: 60 groups",
      "Source: Báo Lào Cai", "")),
    ("attainment", {"status": "no_result", "target": 9.0, "target_period": "2021–2025"}, "vi",
     ("chưa có kết quả", "Kế hoạch 2021–2025: 9 tổ", "", "")),
    ("attainment", {"value": 80.0, "indicators": 3, "sources": "a, b, c"}, "en",
     ("Mean 80.0% of target (3 indicators)", "", "Source: Báo Lào Cai, VOV4 +1", "")),
    ("value", {"value": 0.55, "actual": 60.0, "years_reported": "2023", "communes": 109.0,
               "rolled_up_units": 42, "rolled_up_from": "commune", "status": "complete"}, "en",
     ("Result 2023: 60 groups · 0.6 per commune (109 communes)", "", "",
      "Sum of the results of 42 communes")),
    ("value", {"value": 5.0, "actual": 5.0, "years_reported": "2024", "parts": "10, 15",
               "status": "complete"}, "vi",
     ("Kết quả 2024: 5 tổ", "", "", "Gồm (đơn vị cũ): Lào Cai, Yên Bái")),
    ("coverage", {"value": 2.0, "status": "pilot", "sources": "b"}, "en",
     ("Pilot province (VWU point-direction plan)", "", "Source: VOV4", "")),
], ids=["attainment", "no-result", "mean", "per-commune-rolled-up", "2025-parts", "coverage"])
def test_tooltip_lines(measure, row, lang, expected):
    unit = "groups" if lang == "en" else "tổ"
    lines = map_text.tooltip_lines(table(code=["94"], **{k: [v] for k, v in row.items()}),
                                   measure, lang, unit=unit, sources=SOURCES,
                                   names_2021={"10": "Lào Cai", "15": "Yên Bái"})
    assert tuple(lines.loc["94"]) == expected


def test_source_labels_use_the_publisher_else_a_cut_title():
    sources = pd.DataFrame({"source_id": ["a", "b"], "publisher": ["Báo Lào Cai", None],
                            "title": ["x", "A very long title of an English news article "
                                           "about Project 8"]})
    labels = map_text.source_labels(sources)
    assert labels["a"] == "Báo Lào Cai"
    assert labels["b"].endswith("…") and len(labels["b"]) == map_text.SOURCE_CHARS


@pytest.mark.parametrize(("measure", "indicator", "per_commune", "expected"), [
    ("attainment", "Groups", False, "Groups: % of the 2023 target reached"),
    ("attainment", None, False,
     "Mean attainment of the indicators with a target (%), targets 2023"),
    ("value", "Groups", True, "Groups: groups per commune, 2023"),
    ("value", "Share", False, "Share: percent, 2023"),
    ("coverage", None, False, "Where the sources name Project 8, 2023"),
])
def test_legend_title_names_the_unit_and_period(measure, indicator, per_commune, expected):
    unit = "percent" if indicator == "Share" else "groups"
    assert map_text.legend_title(measure, "en", indicator=indicator, unit=unit, period="2023",
                                 per_commune=per_commune) == expected


@pytest.mark.parametrize(("counts", "shown", "national", "expected"), [
    ({"district": 1, "commune": 126}, "province", "",
     "This indicator also has figures for 1 district, 126 communes: choose a province to see "
     "them."),
    ({}, "province", "result 10,393 groups (2021–2025)",
     "National figure (no single place on the map): result 10,393 groups (2021–2025)."),
    ({"district": 2, "commune": 0}, "commune", "",
     "Besides the level shown, there are figures for 2 districts."),
    ({"district": 0}, "commune", "", ""),
])
def test_other_levels_note(counts, shown, national, expected):
    assert map_text.other_levels_note(counts, shown, "en", national) == expected


@pytest.mark.parametrize(("n", "level", "lang", "expected"), [
    (1, "district", "en", "1 district"), (42, "commune", "en", "42 communes"),
    (42, "commune", "vi", "42 xã"), (318, "village", "en", "318 villages"),
    (1000, "hamlet", "vi", "1.000 thôn, xóm"),
])
def test_count_words(n, level, lang, expected):
    assert map_text.count_words(n, level, lang) == expected
