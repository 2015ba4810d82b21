"""Shared widgets: downloads for every table, presenter-mode styles."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from p8lib.contract import i18n, t
from p8lib.present import display, exports, tables

# At most this many rows of a table are shown on screen (the download has them all):
# sending a table is proportional to its rows, and no one reads 10,000 rows on screen.
MAX_SHOWN_ROWS = 1_000
# XLSX downloads up to this many rows. An Excel sheet holds 1,048,575 rows, but openpyxl
# needs about a minute and 700 MB for 100,000 figures (docs/benchmarks.md): a larger table
# is offered as CSV only.
XLSX_MAX_ROWS = 50_000

# Type sizes are set on the elements that hold the text: Streamlit wraps heading text in a
# <span> and metric values in a <p>, which would otherwise take the body size.
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], footer { display: none !important; }
.stApp { background: #ffffff; color: #000000; }
.stApp p, .stApp li, .stApp td, .stApp th, .stApp label { font-size: 1.35rem; }
.stApp [data-testid="stCaptionContainer"] { color: #333333; }
.stApp h1, .stApp h1 span { font-size: 3.2rem; }
.stApp h2, .stApp h2 span { font-size: 2.4rem; }
.stApp h3, .stApp h3 span { font-size: 1.9rem; }
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricValue"] p {
  font-size: 3.4rem; color: #000000; }
.stApp [data-testid="stMetricLabel"] p { font-size: 1.4rem; color: #000000; }
/* Streamlit cuts a metric label to one line with an ellipsis: indicator names wrap. */
.stApp [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
.stApp [data-testid="stMetricLabel"] p {
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; }
/* Tiles of a row as tall as the tallest, the numbers lined up under names of any length. */
.stApp [data-testid="stColumn"] [data-testid="stElementContainer"]:has(> [data-testid="stMetric"]) {
  flex: 1 1 auto; }
.stApp [data-testid="stMetric"], .stApp [data-testid="stMetric"] > div { height: 100%; }
.stApp [data-testid="stMetric"] > div { display: flex; flex-direction: column; }
.stApp [data-testid="stMetricLabel"] { flex: 1 0 auto; align-content: start; }
.block-container { padding-top: 1.5rem; max-width: 100%; }
</style>
"""


def presenter_styles(on: bool) -> None:
    """Hide the app's chrome and enlarge type when presenter mode is on."""
    if on:
        st.html(PRESENTER_CSS)


def downloads(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """CSV (UTF-8 with BOM, formula-safe) and XLSX download buttons for one table.

    A table of more than :data:`XLSX_MAX_ROWS` rows gets the CSV button and a note instead
    of the XLSX one.
    """
    left, right = st.columns(2)
    # The files are made when a button is clicked (a callable), not on every rerun.
    left.download_button(t("download_csv", lang), lambda: exports.csv_bytes(frame),
                         file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv",
                         on_click="ignore")
    if len(frame) > XLSX_MAX_ROWS:
        right.caption(t("xlsx_too_big", lang, limit=i18n.fmt_number(XLSX_MAX_ROWS, lang),
                        n=i18n.fmt_number(len(frame), lang)))
        return
    right.download_button(
        t("download_xlsx", lang), lambda: exports.xlsx_bytes({name: frame}),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", on_click="ignore")


def table(frame: pd.DataFrame, shown: pd.DataFrame, name: str, lang: str, key: str,
          noun: str = "rows") -> None:
    """Show ``shown`` (formatted for the screen) and offer ``frame`` (raw) for download.

    At most :data:`MAX_SHOWN_ROWS` rows are shown, with a caption saying how many of
    ``frame``'s there are ("Showing 1,000 of 1,000,000 figures"; ``noun``: "rows" or
    "figures"); ``shown`` may already be cut to them. The download always has them all.
    """
    head = shown.head(MAX_SHOWN_ROWS)
    st.dataframe(head, hide_index=True, key=f"{key}_table", width="stretch")
    total = max(len(frame), len(shown))
    if len(head) < total:
        st.caption(t(f"{noun}_shown", lang, shown=i18n.fmt_number(len(head), lang),
                     n=i18n.fmt_number(total, lang)))
    downloads(frame, name, lang, key)


def figures_table(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str, name: str,
                  key: str) -> None:
    """Figures for people (:func:`p8lib.present.tables.figure_table`), the first
    :data:`MAX_SHOWN_ROWS` of them on screen; the download has every figure, raw.

    Only the rows shown are named and formatted: at 1M figures, naming the whole table for
    the screen took seconds and more memory than the budget.
    """
    head = figures.head(MAX_SHOWN_ROWS)
    shown = display.display_frame(tables.figure_table(head, catalogue, lang), lang)
    table(figures, shown, name, lang, key=key, noun="figures")


def metric_row(tiles: list[tuple[str, str, str | None]], key: str) -> None:
    """A row of ``st.metric`` tiles from (label, value, note) triples."""
    if not tiles:
        return
    with st.container(key=key):
        for column, (label, value, note) in zip(st.columns(len(tiles)), tiles, strict=True):
            column.metric(label, value, note, delta_color="off", delta_arrow="off", border=True)


def legend(rows: list, title: str) -> None:
    """A map legend: a swatch per row (``p8lib.maps.LegendRow``): a filled square for a
    fill, a hollow one for an outline, a dot for a point."""
    shapes = {"fill": "", "outline": "background:transparent;border-width:2px;",
              "point": "border-radius:50%;"}
    items = "".join(
        f'<span style="display:inline-block;margin-right:1rem">'
        f'<span style="display:inline-block;width:1em;height:1em;vertical-align:middle;'
        f'background:rgba({r.color[0]},{r.color[1]},{r.color[2]},{r.color[3] / 255:.2f});'
        f'border:1px solid #555;margin-right:.3em;{shapes.get(r.kind, "")}"></span>'
        f'{html.escape(r.label)}</span>'
        for r in rows)
    st.html(f"<div><b>{html.escape(title)}</b>: {items}</div>")
