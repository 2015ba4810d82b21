"""The words and type of every chart: type sizes, the title fitted to the chart, the width a
line of text takes, the margins that hold names, values written with their unit, long names
wrapped.

Streamlit's chart theme sets its own small grey fonts on titles, ticks and legends, which a
figure-wide font size does not override: :func:`text_layout` sets size and colour on each.
Used by :mod:`p8lib.present.charts` and :mod:`p8lib.present.attainment_charts`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

import pandas as pd

from p8lib.contract import i18n
from p8lib.ingest import PERCENT_UNITS

TEXT_COLOUR = "#262730"
# Type sizes in px, and the thickness of one bar. Presenter sizes are read from the back of
# a room on a 1280×720 projector.
TYPE = {False: {"base": 14, "title": 18, "bar": 18},
        True: {"base": 20, "title": 28, "bar": 28}}
# Characters per line of a wrapped indicator name on the category axis, and at most how
# many lines (a third of the width on a projector); the full name is in the hover text.
WRAP_WIDTH = 36
WRAP_LINES = 3
# Characters a chart title may have at its full size (titles name their scope and can be
# long): about the width of the page's column beside the sidebar, or of a 1280 px projector.
TITLE_WIDTH = {False: 80, True: 70}
# The charts' font: Streamlit's own (its @font-face is the page's), which its chart theme sets.
FONT = '"Source Sans", sans-serif'
# The width of a line of chart text in Source Sans (the font Streamlit's chart theme sets):
# at most CHAR_EM em a character plus LINE_EM em — fitted to what Chromium draws of the
# 15,000 place and indicator names the charts write (docs/benchmarks.md, issue #19). The
# margins beside the axes are computed from it instead of by plotly's automargin, which lays
# a chart out twice: drawing a chart took 1.5–2× as long with it.
CHAR_EM = 0.46
LINE_EM = 1.3
# Streamlit's chart theme pads the plot area by this many px inside the margins.
THEME_PAD = 8
TICK_STANDOFF = 8  # px between a category's name and its axis (``ticklabelstandoff``)
_TAG = re.compile(r"<[^>]*>")


def _title_text(title: str, large: bool) -> str:
    """``title`` on one line, or wrapped to two when even the smallest title size cannot
    hold it (see :func:`_title_size`)."""
    size = TYPE[large]
    fits = TITLE_WIDTH[large] * size["title"] / size["base"]
    return wrap_label(title, round(fits), lines=2) if title and len(title) > fits else title


def _title_size(title: str, large: bool) -> int:
    """The title's type size: the full one, smaller for a longer title (down to the body
    size), so that it stays on one line across the chart."""
    size = TYPE[large]
    longest = max((len(line) for line in _title_text(title, large).split("<br>")), default=0)
    if longest <= TITLE_WIDTH[large]:
        return size["title"]
    return max(size["base"], int(size["title"] * TITLE_WIDTH[large] / longest))


def title_lines(title: str, large: bool) -> int:
    """How many lines ``title`` takes at the top of a chart (:func:`text_layout`); none: 0."""
    return _title_text(title, large).count("<br>") + 1 if title else 0


def text_layout(title: str, large: bool) -> dict:
    """The layout every chart shares: title (one line where it can be), template, and type
    sizes and colours on everything that writes text (Streamlit's theme would otherwise set
    its own)."""
    size = TYPE[large]
    font = {"size": size["base"], "color": TEXT_COLOUR}
    extra = max(title_lines(title, large) - 1, 0) * size["title"] * 1.2
    return {"title": {"text": _title_text(title, large),
                      "font": {"size": _title_size(title, large), "color": TEXT_COLOUR}},
            "template": "plotly_white", "font": font,
            "legend": {"font": font, "title": {"font": font}},
            "hoverlabel": {"font": {"size": size["base"]}},
            "margin": {"l": 10, "r": 10, "t": round(60 + size["base"] + extra)}}


def plain(text: str) -> str:
    """Chart text as words only (an accessible name): its lines joined, its tags left out.

    >>> plain("<b>Sóc Trăng</b><br>60 tổ (2023)")
    'Sóc Trăng 60 tổ (2023)'
    """
    return " ".join(_TAG.sub("", text.replace("<br>", " ")).split())


def text_px(texts: Iterable[object], size: float) -> int:
    """The width in px, at type size ``size``, of the longest line of ``texts`` (lines split
    at ``<br>``, tags such as ``<b>`` left out): at least what Chromium draws (see
    :data:`CHAR_EM`). No text: 0.

    >>> text_px(["Sóc Trăng", "Toàn quốc<br>Việt Nam"], 14)
    76
    """
    longest = max((len(_TAG.sub("", line)) for text in texts
                   for line in str(text).split("<br>")), default=0)
    return round((CHAR_EM * longest + LINE_EM) * size) if longest else 0


def category_margin(labels: Iterable[object], size: float) -> int:
    """The left margin (px) that holds a horizontal bar chart's category names at type size
    ``size`` beside its axis (:func:`text_px`, the theme's pad, the names' standoff)."""
    return 10 + THEME_PAD + TICK_STANDOFF + text_px(labels, size)


def value_text(value: object, unit: object, lang: str) -> str:
    """A value written in ``lang`` with its unit: "60 groups", "80%" (CLDR's percent format);
    missing → en dash.

    Examples
    --------
    >>> value_text(2500, "people", "vi"), value_text(14.99, "percent", "en")
    ('2.500 people', '14.99%')
    """
    number = i18n.fmt_number(value, lang)
    if number == "–" or unit is None or pd.isna(unit) or not str(unit).strip():
        return number
    if unit_text(unit) == "%":
        return i18n.fmt_pct(value, lang, decimals=None)
    return f"{number} {unit_text(unit)}"


def unit_text(unit: object) -> str:
    """A unit as shown on a chart: percentages as "%", others as given."""
    return "%" if str(unit).strip().lower() in PERCENT_UNITS else str(unit)


def wrap_label(label: str, width: int, lines: int = WRAP_LINES) -> str:
    """``label`` broken into lines of at most ``width`` characters (``<br>``), at most
    ``lines`` of them, the last ending in "…" when the label is longer.

    >>> wrap_label("Village savings and loan groups", 16)
    'Village savings<br>and loan groups'
    """
    parts = textwrap.wrap(str(label), width) or [""]
    if len(parts) > lines:
        parts = [*parts[:lines - 1], textwrap.shorten(" ".join(parts[lines - 1:]), width,
                                                      placeholder=" …")]
    return "<br>".join(parts)
