"""Downloads = screen: a table's file holds what the screen shows (names and words in the
page's language, numbers as numbers), then the codes and ids behind it."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.delta_generator import DeltaGenerator

from p8lib.present import columns, display
from p8lib.present.display import TRUE_MARK
from tests.app.helpers import (  # noqa: F401 - fixtures
    clear_caches,
    navigation_routing,
    run,
    shown_tables,
)


@pytest.fixture
def files(monkeypatch) -> dict[str, object]:
    """Download-button key → the data it would send (a callable runs when clicked)."""
    sent: dict[str, object] = {}
    original = DeltaGenerator.download_button

    def record(self, label, data, *args, **kwargs):
        sent[kwargs["key"]] = data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    return sent


def csv_of(files: dict[str, object], key: str) -> pd.DataFrame:
    data = files[key]
    raw = data() if callable(data) else data
    return pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def screen_table(at, first_column: str, has: str) -> pd.DataFrame:
    (frame,) = [frame for frame in shown_tables(at)
                if frame.columns[0] == first_column and has in frame.columns]
    return frame


# (page, URL parameters, key of the table's downloads, first and another screen column,
#  numeric columns, ids the file carries after the screen's columns)
CASES = [
    ("pages/province.py", {"province": "94", "lang": "vi"}, "province_figures",
     ("Địa bàn", "Trích dẫn"), ["Giá trị"],
     ["province_code", "district_code", "commune_code", "level", "indicator_id", "measure",
      "period_start", "period_end", "unit"]),
    ("pages/overview.py", {"lang": "en"}, "overview_where", ("Place", "Level"),
     ["1. Communication", "2. Models, economy"],
     ["province_code", "district_code", "commune_code", "level"]),
    ("pages/indicators.py", {"lang": "vi"}, "indicators_catalogue", ("Nội dung", "Cốt lõi"), [],
     ["content_area"]),
]


@pytest.mark.parametrize(("page", "params", "key", "heads", "numbers", "ids"), CASES)
def test_the_download_is_the_screen_table_then_its_ids(files, page, params, key, heads,
                                                       numbers, ids):
    at = run(page, **params)
    assert not at.exception
    lang = params["lang"]
    shown = screen_table(at, *heads)
    got = csv_of(files, f"{key}_csv")
    # The screen's columns first, in its order and words, then the codes and ids.
    assert list(got.columns) == [*shown.columns, *ids]
    assert len(got) == len(shown)
    for column in shown.columns:
        if column in numbers:  # numbers as numbers, which the screen writes in its language
            values = pd.to_numeric(got[column].replace("", None)).astype(float)
            assert display.display_frame(values.to_frame(), lang)[column].tolist() == \
                shown[column].astype(str).tolist(), column
        elif set(got[column]) <= {"True", "False"}:  # a flag: a mark on screen, or none
            marks = got[column].map({"True": TRUE_MARK, "False": ""})
            assert marks.tolist() == shown[column].astype(str).tolist(), column
        else:
            assert got[column].tolist() == shown[column].astype(str).tolist(), column


def test_numbers_in_a_download_have_no_spurious_decimals(files):
    assert not run("pages/province.py", province="94", lang="en").exception
    got = csv_of(files, "province_figures_csv")
    assert "118" in set(got["Value"]) and "118.0" not in set(got["Value"])
    assert set(got["period_start"]) <= {"2021", "2023"}


def test_the_excel_file_is_the_csv_with_numbers_as_numbers(files):
    at = run("pages/province.py", province="94", lang="vi")
    assert not at.exception
    data = files["province_figures_xlsx"]
    sheet = pd.read_excel(io.BytesIO(data() if callable(data) else data), engine="calamine")
    csv = csv_of(files, "province_figures_csv")
    assert list(sheet.columns) == list(csv.columns)
    assert pd.api.types.is_numeric_dtype(sheet["Giá trị"])
    assert sheet["Địa bàn"].tolist() == csv["Địa bàn"].tolist()


def test_the_screen_never_shows_the_ids():
    at = run("pages/province.py", province="94", lang="en")
    for frame in [*at.dataframe, *at.table]:
        assert not set(frame.value.columns) & set(columns.ID_COLUMNS)
