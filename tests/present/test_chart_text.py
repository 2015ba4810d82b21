"""The words of every chart: values with their unit, names wrapped, and the width a line of
text takes (at least what Chromium draws, so that computed margins never cut a name)."""

from __future__ import annotations

import pytest

from p8lib.present import chart_text

LINE_4 = round((4 * chart_text.CHAR_EM + chart_text.LINE_EM) * 10)  # four characters at 10 px


# --- values and names ---------------------------------------------------------------------

@pytest.mark.parametrize(("value", "unit", "lang", "expected"), [
    (2500, "people", "vi", "2.500 people"),
    (2500, "people", "en", "2,500 people"),
    (14.99, "percent", "en", "14.99%"),
    (14.99, "%", "vi", "14,99%"),
    (7, None, "en", "7"),
    (7, "", "en", "7"),
    (float("nan"), "groups", "en", "–"),
])
def test_value_text_writes_the_unit_after_the_number(value, unit, lang, expected):
    assert chart_text.value_text(value, unit, lang) == expected


@pytest.mark.parametrize(("label", "width", "expected"), [
    ("Policy dialogues", 36, "Policy dialogues"),
    ("Village savings and loan groups", 16, "Village savings<br>and loan groups"),
    ("one two three four five six", 9, "one two<br>three …"),
    ("", 10, ""),
])
def test_wrap_label(label, width, expected):
    assert chart_text.wrap_label(label, width, lines=2) == expected


# --- the width a line takes -----------------------------------------------------------------

# Lines Chromium draws widest for their length in Source Sans (ems at any size), measured
# over the 15,000 place and indicator names of the shipped data (docs/benchmarks.md, #19).
MEASURED_EM = [("Huyện Hàm Thuận Nam", 9.94), ("Phường Cẩm Nam", 7.53), ("Ham Thuan Nam", 7.04),
               ("Members of community communication", 16.65), ("250%", 2.32), ("0%", 1.32),
               ("Communication documents distributed", 16.44)]


@pytest.mark.parametrize(("text", "em"), MEASURED_EM)
@pytest.mark.parametrize("size", [14, 20, 28])
def test_text_px_is_at_least_what_the_browser_draws(text, em, size):
    assert em * size <= chart_text.text_px([text], size) <= (em + 2.5) * size


@pytest.mark.parametrize(("texts", "expected"), [
    ([], 0), ([""], 0), (["ab<br>abcd", "abc"], LINE_4),
    (["<b>abcd</b>"], LINE_4),  # tags take no room
])
def test_text_px_measures_the_longest_line_without_tags(texts, expected):
    assert chart_text.text_px(texts, 10) == expected
