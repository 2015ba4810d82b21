"""Shared widgets: downloads for every table, presenter-mode styles."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from p8lib import exports
from p8lib.i18n import t

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
.block-container { padding-top: 1.5rem; max-width: 100%; }
</style>
"""


def presenter_styles(on: bool) -> None:
    """Hide the app's chrome and enlarge type when presenter mode is on."""
    if on:
        st.html(PRESENTER_CSS)


def downloads(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """CSV (UTF-8 with BOM, formula-safe) and XLSX download buttons for one table."""
    left, right = st.columns(2)
    # The files are made when a button is clicked (a callable), not on every rerun.
    left.download_button(t("download_csv", lang), lambda: exports.csv_bytes(frame),
                         file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv",
                         on_click="ignore")
    right.download_button(
        t("download_xlsx", lang), lambda: exports.xlsx_bytes({name: frame}),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", on_click="ignore")


def table(frame: pd.DataFrame, shown: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """Show ``shown`` (formatted for the screen) and offer ``frame`` (raw) for download."""
    st.dataframe(shown, hide_index=True, key=f"{key}_table", width="stretch")
    downloads(frame, name, lang, key)


def metric_row(tiles: list[tuple[str, str, str | None]], key: str) -> None:
    """A row of ``st.metric`` tiles from (label, value, note) triples."""
    if not tiles:
        return
    with st.container(key=key):
        for column, (label, value, note) in zip(st.columns(len(tiles)), tiles, strict=True):
            column.metric(label, value, note, delta_color="off", delta_arrow="off", border=True)


def legend(rows: list, title: str) -> None:
    """A map legend: a coloured swatch per row (``p8lib.maps.LegendRow``)."""
    items = "".join(
        f'<span style="display:inline-block;margin-right:1rem">'
        f'<span style="display:inline-block;width:1em;height:1em;vertical-align:middle;'
        f'background:rgba({r.color[0]},{r.color[1]},{r.color[2]},{r.color[3] / 255:.2f});'
        f'border:1px solid #555;margin-right:.3em"></span>{html.escape(r.label)}</span>'
        for r in rows)
    st.html(f"<div><b>{html.escape(title)}</b>: {items}</div>")
