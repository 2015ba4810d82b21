"""Numbers written for the screen, and the headline tiles."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.analysis import targets
from p8lib.contract import catalogue
from p8lib.present import display
from tests.present.html_read import read_tables, read_tiles


@pytest.mark.parametrize(("values", "lang", "percent", "shown"), [
    ([10393.0, None], "vi", False, ["10.393", "–"]),
    ([10393.0, None], "en", False, ["10,393", "–"]),
    ([1.5, 2.0], "vi", False, ["1,5", "2"]),
    ([115.5, None], "en", True, ["115.5%", "–"]),
    ([115.5, 50.0], "vi", True, ["115,5%", "50,0%"]),
    (pd.array([3, None], dtype="Int64"), "en", False, ["3", "–"]),
    # repeated and missing values: each distinct value is written once, then spread
    ([7.0, None, 7.0, 1234.5, None], "vi", False, ["7", "–", "7", "1.234,5", "–"]),
    ([7.0, None, 7.0, 1234.5, None], "en", True, ["7.0%", "–", "7.0%", "1,234.5%", "–"]),
])
def test_display_frame_writes_numbers_per_language(values, lang, percent, shown):
    frame = pd.DataFrame({"n": values, "text": ["x", "y", "x", "y", "x"][:len(values)],
                          "flag": [True, False, True, False, True][:len(values)]},
                         index=range(10, 10 + len(values)))
    out = display.display_frame(frame, lang, percent=("n",) if percent else ())
    assert out["n"].tolist() == shown
    assert out.index.tolist() == frame.index.tolist()
    assert out["text"].tolist() == frame["text"].tolist()
    assert out["flag"].tolist() == frame["flag"].tolist()
    assert frame["n"].dtype != object  # the raw frame is untouched


@pytest.mark.parametrize(("lang", "shown"), [("vi", ["20 tháng 5, 2025", "–"]),
                                             ("en", ["May 20, 2025", "–"])])
def test_display_frame_writes_dates_per_language(lang, shown):
    frame = pd.DataFrame({"as_of": pd.to_datetime(["2025-05-20 08:30", None])})
    assert display.display_frame(frame, lang)["as_of"].tolist() == shown


def attain(rows):
    cols = ["level", "indicator_id", "target", "actual", "attainment_pct", "status"]
    return pd.DataFrame(rows, columns=cols).assign(period_start=2021, period_end=2025)


ATTAIN = attain([
    ["national", "trusted_addresses", 1000.0, 500.0, 50.0, "partial"],
    ["province", "comm_groups", 10.0, 5.0, 50.0, "partial"],  # not national
    ["national", "comm_groups", 9000.0, None, None, "no_result"],
    ["national", "leaders_of_change_clubs", None, 7.0, None, "no_target"],  # no target
    ["national", "budget_total", 5.0, 5.0, 100.0, "complete"],  # not a headline indicator
])


@pytest.mark.parametrize("dtype", [object, "str", "category"])
def test_display_frame_shows_missing_text_empty(dtype):
    frame = pd.DataFrame({"group": pd.Series(["Vùng I", None], dtype=dtype),
                          "row": pd.Series([12, None], dtype=object)})
    shown = display.display_frame(frame, "vi")
    assert shown["group"].tolist() == ["Vùng I", ""]
    assert shown["row"].tolist() == [12, ""]
    assert frame["group"].isna().sum() == 1  # the raw frame (for downloads) is untouched


def test_headline_keeps_national_targets_of_the_headline_indicators_in_order():
    assert display.headline(ATTAIN)["indicator_id"].tolist() == [
        "comm_groups", "trusted_addresses"]
    assert display.headline(ATTAIN, ("trusted_addresses", "comm_groups"))[
        "indicator_id"].tolist() == ["trusted_addresses", "comm_groups"]


@pytest.mark.parametrize(("lang", "tiles"), [
    ("en", [("Community communication groups", "–",
             "no result reported · Target 9,000 (2021–2025)"),
            ("Trusted addresses in the community", "500", "50.0% · Target 1,000 (2021–2025)")]),
    ("vi", [("Tổ truyền thông cộng đồng", "–", "chưa có kết quả · Kế hoạch 9.000 (2021–2025)"),
            ("Địa chỉ tin cậy tại cộng đồng", "500", "50,0% · Kế hoạch 1.000 (2021–2025)")]),
])
def test_headline_metrics_say_why_instead_of_zero(indicator_catalogue, lang, tiles):
    assert display.headline_metrics(ATTAIN, indicator_catalogue, lang) == tiles


def test_headline_of_a_province_takes_its_own_targets(indicator_catalogue):
    assert display.headline_metrics(ATTAIN, indicator_catalogue, "en", level="province") == [
        ("Community communication groups", "5", "50.0% · Target 10 (2021–2025)")]
    assert display.headline_metrics(ATTAIN, indicator_catalogue, "en",
                                    indicators=("budget_total",))[0][2].startswith("100.0%")


def test_headline_of_the_shipped_figures_is_the_four_core_indicators():
    attain_ = targets.attainment(catalogue.figures(), catalogue.indicators())
    assert display.headline(attain_)["indicator_id"].tolist() == list(
        display.HEADLINE_INDICATORS)
    tiles = display.headline_metrics(attain_, catalogue.indicators(), "en")
    assert tiles[0][1] == "10,393" and tiles[0][2].startswith("115.5%")


@pytest.mark.parametrize(("lang", "level", "tiles"), [
    ("en", "national", [("Provinces reported", "12", None), ("Districts reported", "1,234", None),
                        ("Communes reported", "0", None)]),
    ("vi", "province", [("Huyện được báo cáo", "1.234", None), ("Xã được báo cáo", "0", None),
                        ("Số liệu được báo cáo", "5", None)]),
])
def test_reach_metrics(lang, level, tiles):
    counts = {"provinces": 12, "districts": 1234, "communes": 0, "figures": 5}
    assert display.reach_metrics(counts, lang, level) == tiles


@pytest.mark.parametrize(("tiles", "per_row", "columns"), [
    ([("Tỉnh được báo cáo", "34", None)], None, 1),
    ([("Provinces reported", "34", None), ("Districts", "108", ""),
      ("Community communication groups", "10,393", "115.5% · Target 9,000 (2021–2025)")],
     None, 3),
    ([("a", "1", None), ("b", "2", None), ("c", "3", None)], 1, 1),
    ([("a", "1", None), ("b", "2", None)], 5, 2),  # never more columns than tiles
])
def test_tiles_html_holds_every_label_value_and_note(tiles, per_row, columns):
    body = display.tiles_html(tiles, "overview_core", per_row)
    assert body.startswith('<dl class="p8-tiles p8-tiles-overview_core" ')
    assert f"repeat({columns}, minmax(0, 1fr))" in body
    assert ("row-gap" in body) == (columns < len(tiles))  # rows of tiles kept apart
    assert read_tiles(body) == [(label, value, note or None) for label, value, note in tiles]


@pytest.mark.parametrize("text", ['<img src=x onerror="alert(1)">', "Hoà & Hòa", "a<b>c</b>",
                                  '"Thủ lĩnh của sự thay đổi"'])
def test_tiles_html_escapes_every_text(text):
    body = display.tiles_html([(text, text, text)], "reach")
    assert "<img" not in body and "<b>" not in body
    assert read_tiles(body) == [(text, text, text)]


def test_tiles_html_of_no_tiles_is_empty():
    assert display.tiles_html([], "reach") == ""


@pytest.mark.parametrize(("name", "per_row"), [("Reach", None), ("a b", None),
                                               ('x" onclick="y', None), ("", None),
                                               ("reach", 0)])
def test_tiles_html_refuses_a_bad_name_or_row_width(name, per_row):
    with pytest.raises(ValueError, match=repr(name) if per_row is None else "per_row"):
        display.tiles_html([("a", "1", None)], name, per_row)


TABLE = pd.DataFrame({"Địa bàn": ["Toàn quốc", "<b>Sóc Trăng</b>", None],
                      "Số liệu": [10393, 60, None], "Cốt lõi": [True, False, True],
                      "Tỷ lệ": [115.5, None, 2.0]})


@pytest.mark.parametrize(("lang", "cells"), [
    ("vi", [["Toàn quốc", "10.393", display.TRUE_MARK, "115,5"],
            ["<b>Sóc Trăng</b>", "60", "", "–"], ["", "–", display.TRUE_MARK, "2"]]),
    ("en", [["Toàn quốc", "10,393", display.TRUE_MARK, "115.5"],
            ["<b>Sóc Trăng</b>", "60", "", "–"], ["", "–", display.TRUE_MARK, "2"]]),
])
def test_table_html_writes_every_cell_as_the_language_does(lang, cells):
    body = display.table_html(TABLE, "overview_where", lang)
    (shown,) = read_tables(body)
    assert list(shown.columns) == list(TABLE.columns)
    assert shown.to_numpy().tolist() == cells
    assert "<b>" not in body  # a text is never markup
    # numbers right-aligned, their headers too; text and flags not
    assert body.count('class="p8-num"') == 2 * (1 + len(TABLE))
    assert body.startswith('<div class="p8-table-box p8-table-overview_where">')


@pytest.mark.parametrize(("label", "height", "attributes"), [
    ("", None, ""),
    ("Where — National", None, ' role="region" aria-label="Where — National"'),
    ('a "b"', 400, ' role="region" aria-label="a &quot;b&quot;" tabindex="0" '
                   'style="max-height: 400px"'),
])
def test_table_html_labels_its_box_and_scrolls_in_it_when_given_a_height(label, height,
                                                                         attributes):
    body = display.table_html(TABLE, "t", "en", label=label, height=height)
    assert body.startswith(f'<div class="p8-table-box p8-table-t"{attributes}><table')


def test_table_html_refuses_a_bad_name():
    with pytest.raises(ValueError, match="'Bad name'"):
        display.table_html(TABLE, "Bad name", "en")


def test_table_html_marks_a_column_of_ids_breakable_and_nothing_else():
    frame = pd.DataFrame({"Nguồn": ["qdnd_en_tran_de_2023", "art", ""],
                          "Trích dẫn": ["a long_quote with words", "b", "c"],
                          "Đơn vị": ["tổ", "lớp", "buổi"]})
    body = display.table_html(frame, "t", "vi")
    assert body.count('class="p8-id"') == 3  # every cell of the ids' column, no header
    assert '<td class="p8-id">qdnd_en_tran_de_2023</td>' in body
    assert "<td>a long_quote with words</td>" in body  # words: not ids
    assert "<wbr>" not in body
    (shown,) = read_tables(body)
    assert shown["Nguồn"].tolist()[:2] == ["qdnd_en_tran_de_2023", "art"]
