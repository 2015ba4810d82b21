"""The shipped tables: valid, cited, quoted verbatim, and rebuilt from the curated extracts."""

import re

import pandas as pd
import pytest

from p8lib.contract import catalogue
from p8lib.contract.paths import ROOT, SHARED
from p8lib.units.text import nfc
from scripts.build_data import build_coverage, build_figures

SOURCES_DIR = SHARED / "sources"
needs_sources = pytest.mark.skipif(not SOURCES_DIR.exists(), reason="../shared not beside repo")


@pytest.fixture(scope="module")
def figures():
    return catalogue.figures()


def test_tables_validate():
    assert len(catalogue.indicators()) >= 30
    assert len(catalogue.sources()) >= 12
    assert len(catalogue.coverage()) >= 50


def test_figures_csv_is_what_the_build_script_makes(figures):
    rebuilt = build_figures()
    pd.testing.assert_frame_equal(figures.reset_index(drop=True),
                                  catalogue.Figure.validate(rebuilt).reset_index(drop=True))


def test_coverage_csv_is_what_the_build_script_makes():
    pd.testing.assert_frame_equal(catalogue.coverage().reset_index(drop=True),
                                  build_coverage().reset_index(drop=True))


def test_every_figure_cites_a_known_source(figures):
    known = set(catalogue.sources()["source_id"])
    assert set(figures["source_id"]) <= known
    assert figures["quote"].notna().all()


def _normal(text: str) -> str:
    text = re.sub(r"\n>\s?", "\n", text)  # markdown block quotes wrap long quotes
    text = nfc(text).replace("’", "'").replace("‘", "'").replace('“', '"').replace('”', '"')
    return re.sub(r"\s+", " ", text)


@needs_sources
@pytest.mark.parametrize("table", ["figures", "coverage"])
def test_quotes_appear_verbatim_in_their_source(table):
    frame = getattr(catalogue, table)()
    files = catalogue.sources().set_index("source_id")["file"]
    for row in frame.itertuples():
        text = _normal((ROOT.parent / files[row.source_id]).read_text(encoding="utf-8"))
        for part in re.split(r"…|\.\.\.", row.quote):
            part = _normal(part).strip(" ;,.")
            assert part in text, f"{row.source_id}: {part!r} not in {files[row.source_id]}"


# Figures read by hand from the sources (value, unit, period) — not from the code.
EXPECTED = [
    ("", "comm_groups", "target", 2021, 2025, 9000),
    ("", "comm_groups", "actual", 2021, 2025, 10393),
    ("", "trusted_addresses", "actual", 2021, 2025, 2312),
    ("", "leaders_of_change_clubs", "target", 2021, 2025, 1800),
    ("", "em_women_officials_capacity", "actual", 2021, 2025, 4164),
    ("94", "comm_groups", "target", 2021, 2025, 118),
    ("94", "em_women_safe_motherhood_pct", "target", 2021, 2025, 80),
    ("94", "policy_dialogues", "actual", 2023, 2023, 27),
    ("94", "communication_sessions", "actual", 2023, 2023, 400),
    ("10", "comm_groups", "actual", 2022, 2022, 324),
    ("10", "comm_group_members", "actual", 2022, 2022, 852),
    ("10", "leaders_of_change_clubs", "actual", 2022, 2022, 63),
    ("04", "policy_dialogues", "target", 2021, 2025, 306),
    ("04", "gender_mainstreaming_training_village", "target", 2021, 2025, 115),
    ("38", "comm_groups", "actual", 2021, 2025, 297),
    ("38", "budget_total", "actual", 2025, 2025, 19.451),
    ("52", "comm_group_members", "actual", 2021, 2025, 1337),
    ("02", "disbursement_rate", "actual", 2021, 2025, 76),
]


@pytest.mark.parametrize(("province", "indicator", "measure", "start", "end", "value"), EXPECTED)
def test_named_figures_are_shipped(figures, province, indicator, measure, start, end, value):
    rows = figures[(figures["province_code"].fillna("") == province)
                   & (figures["district_code"].isna())
                   & (figures["indicator_id"] == indicator) & (figures["measure"] == measure)
                   & (figures["period_start"] == start) & (figures["period_end"] == end)]
    assert rows["value"].tolist() == [pytest.approx(value)]


@pytest.mark.parametrize(("district", "indicator", "value"),
                         [("085", "comm_groups", 66), ("638", "disbursement_rate_district_level",
                                                        14.99)])
def test_district_figures(figures, district, indicator, value):
    rows = figures[(figures["district_code"] == district) & (figures["indicator_id"] == indicator)]
    assert rows["value"].tolist() == [pytest.approx(value)]


def test_coverage_has_the_eight_pilot_provinces_and_named_districts():
    coverage = catalogue.coverage()
    pilots = coverage[coverage["role"] == "pilot_province"]["province_code"]
    assert sorted(pilots) == ["04", "12", "19", "38", "44", "64", "70", "94"]
    soc_trang = coverage[(coverage["role"] == "implementing_district")
                         & (coverage["province_code"] == "94")]
    assert len(soc_trang) == 9
    gia_lai = coverage[coverage["role"] == "pilot_district"]["district_code"]
    assert sorted(gia_lai) == ["626", "629", "635", "637", "638"]


def test_conflicting_national_coverage_is_kept():
    coverage = catalogue.coverage()
    national = coverage[(coverage["level"] == "national")]
    assert sorted(national["count"].tolist()) == [40, 51]
