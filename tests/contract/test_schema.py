"""The data contract: the vintage of a row's codes, the sources' notes, yes/no columns."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from p8lib.contract import catalogue
from p8lib.contract.paths import SHARED
from p8lib.contract.schema import FIGURE_COLUMNS, KEY_COLUMNS, Coverage, Figure, Source

ROW = {"province_code": "19", "district_code": None, "commune_code": "05542",
       "level": "commune", "indicator_id": "communication_participants", "measure": "actual",
       "period_start": 2025, "period_end": 2025, "value": 250.0, "unit": "attendances",
       "source_id": "s", "quote": "q", "note": None}


def frame(**changes) -> pd.DataFrame:
    return pd.DataFrame([{**ROW, **changes}])


def test_a_frame_without_vintage_validates_as_2021():
    old = frame(commune_code="05800", province_code="19")  # a commune of the 2021 units
    assert Figure.validate(old)["vintage"].tolist() == ["2021"]
    assert list(Figure.validate(old).columns) == FIGURE_COLUMNS


@pytest.mark.parametrize(("vintage", "expected"), [(None, "2021"), ("2025", "2025")])
def test_vintage_is_kept_or_defaults_to_2021(vintage, expected):
    assert Figure.validate(frame(vintage=vintage))["vintage"].tolist() == [expected]


@pytest.mark.parametrize("changes", [
    {"vintage": "2024"},
    {"vintage": "2025", "district_code": "100"},  # the 2025 units have no districts
])
def test_bad_vintages_fail(changes):
    with pytest.raises(pandera.errors.SchemaError):
        Figure.validate(frame(**changes))


def test_the_same_codes_in_two_vintages_are_two_keys():
    assert KEY_COLUMNS[-1] == "vintage" and FIGURE_COLUMNS[-1] == "vintage"


COVERAGE_ROW = {"province_code": "51", "district_code": None, "commune_code": "23332",
                "level": "commune", "role": "implementing_commune", "group": None,
                "period_start": 2025, "period_end": 2025, "count": None, "count_of": None,
                "source_id": "s", "quote": "q"}


def test_coverage_without_note_and_vintage_validates():
    valid = Coverage.validate(pd.DataFrame([COVERAGE_ROW]))
    assert valid["vintage"].tolist() == ["2021"] and valid["note"].isna().all()


def test_coverage_level_must_fit_its_codes():
    with pytest.raises(pandera.errors.SchemaError):
        Coverage.validate(pd.DataFrame([{**COVERAGE_ROW, "level": "province"}]))


SOURCE_ROW = {"source_id": "s", "title": "T", "publisher": None, "author": None,
              "date": "undated", "url": None, "file": None, "language": "vi", "note": None}


@pytest.mark.parametrize("date", ["undated", "2025", "2025-05", "2025-05-20"])
def test_a_source_date_is_iso_or_undated(date):
    assert Source.validate(pd.DataFrame([{**SOURCE_ROW, "date": date}]))["date"].tolist() == [
        date]


@pytest.mark.parametrize("changes", [{"date": "2023 (no date in text)"}, {"date": None},
                                     {"language": "fr"}])
def test_bad_source_notes_fail(changes):
    with pytest.raises(pandera.errors.SchemaError):
        Source.validate(pd.DataFrame([{**SOURCE_ROW, **changes}]))


def test_machine_translation_defaults_to_no_and_malay_is_a_language():
    valid = Source.validate(pd.DataFrame([{**SOURCE_ROW, "language": "ms"}]))
    assert valid["machine_translation"].tolist() == [False]


@pytest.mark.parametrize(("text", "expected"), [("true", [True]), ("false", [False])])
def test_yes_no_columns_are_read_as_booleans(tmp_path, text, expected):
    path = tmp_path / "sources.csv"
    pd.DataFrame([{**SOURCE_ROW, "machine_translation": text}]).to_csv(path, index=False)
    assert catalogue.sources(path)["machine_translation"].tolist() == expected


def test_a_yes_no_column_with_other_text_fails(tmp_path):
    path = tmp_path / "sources.csv"
    pd.DataFrame([{**SOURCE_ROW, "machine_translation": "yes"}]).to_csv(path, index=False)
    with pytest.raises(ValueError, match="line 2, column 'machine_translation': 'yes'"):
        catalogue.sources(path)


def test_only_the_core_indicators_are_core():
    core = catalogue.indicators().query("core")["indicator_id"]
    assert sorted(core) == ["comm_groups", "em_women_officials_capacity",
                            "leaders_of_change_clubs", "trusted_addresses"]


@pytest.mark.parametrize("file", [None, "", "shared/no/such/file.txt"])
def test_source_text_of_a_missing_file_is_none(file):
    assert catalogue.source_text(file) is None


@pytest.mark.skipif(not SHARED.exists(), reason="../shared not beside repo")
def test_source_text_reads_a_shared_file():
    assert "Project 8" in catalogue.source_text("shared/sources/article-soc-trang.txt")
