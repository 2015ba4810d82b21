"""Shared widgets: tables with their downloads, headline tiles, legends, the page styles."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from p8lib.contract import N_, i18n, t
from p8lib.memo import ByIdentity
from p8lib.present import citations, columns, display, exports, tables

# At most this many rows of a table are shown on screen (the download has them all):
# sending a table is proportional to its rows, and no one reads 10,000 rows on screen.
MAX_SHOWN_ROWS = 1_000
# XLSX downloads up to this many rows. An Excel sheet holds 1,048,575 rows, but openpyxl
# needs about a minute and 700 MB for 100,000 figures (docs/benchmarks.md): a larger table
# is offered as CSV only.
XLSX_MAX_ROWS = 50_000
# Tables of at most this many rows are plain tables (``st.table``): the data grid's code
# (≈ 1.3 MB of scripts, compiled in every new browser) is loaded only by pages that need to
# scroll a long table — most of an open's cost beside the bare page (docs/benchmarks.md).
SMALL_TABLE_ROWS = 30
# Tables of at most this many rows that a page redraws on every filter change may be one
# HTML element instead (``table(as_html=True)``, p8lib.present.display.table_html): neither
# st.table's Markdown per cell nor the data grid's cells updated after a delay
# (docs/benchmarks.md, issue #19). A longer one scrolls in a box of TABLE_BOX_PX, as the
# grid does, its header kept in view.
HTML_TABLE_ROWS = 100
TABLE_BOX_PX = 400
# The label of a table's download control (file formats: the same in both languages).
DOWNLOADS_LABEL = "CSV · Excel"
# Rows of a table on a slide: what fits under a title at presenter type size.
PRESENTER_ROWS = 7
# The caption under a table cut to its first rows, by the noun it counts: the message
# ``<noun>_shown`` (table()).
_SHOWN_CAPTIONS = (N_("rows_shown"), N_("figures_shown"))

# Always: less empty band above a page's title (Streamlit leaves 6rem); the headline tiles
# (p8lib.present.display.tiles_html: one element per row of tiles) drawn as Streamlit draws a
# bordered st.metric — small label, large value, the note in a grey pill — with labels that
# wrap instead of being cut (indicator names are long), tiles of a row as tall as the
# tallest and, through a subgrid, the labels, values and notes of a row on common lines; no
# room for a chart set aside (app/plot.py).
BASE_CSS = """
<style>
.block-container { padding-top: 2.5rem; }
.stApp dl.p8-tiles { display: grid; gap: 0 1rem; margin: 0; padding: 0; }
.stApp .p8-tile { display: grid; grid-row: span 3; grid-template-rows: subgrid; row-gap: 0;
  min-width: 0; padding: calc(1rem - 1px); border-radius: 0.5rem;
  border: 1px solid color-mix(in srgb, currentColor 20%, transparent); }
.stApp .p8-tile dt { margin: 0; font-size: 0.875rem; font-weight: 400; line-height: normal;
  min-height: 1.5rem; overflow-wrap: normal; }
.stApp .p8-tile dd { margin: 0; }
.stApp .p8-tile-value { font-size: 2.25rem; line-height: normal; padding-bottom: 0.25rem;
  white-space: nowrap; }
.stApp .p8-tile-note { align-self: start; }
.stApp .p8-tile-note span { display: inline-block; padding: 2px 6px; border-radius: 9999px;
  font-size: 0.875rem; line-height: normal; background: #f5f4f2; color: #686255; }
@media (max-width: 640px) {
  .stApp dl.p8-tiles { grid-template-columns: minmax(0, 1fr) !important; } }
.stApp .p8-table-box { overflow: auto; border-radius: 0.5rem;
  border: 1px solid color-mix(in srgb, currentColor 10%, transparent); }
.stApp table.p8-table { width: 100%; margin: 0; border-collapse: separate; border-spacing: 0;
  font-size: 0.875rem; line-height: 1.5; }
.stApp .p8-table th, .stApp .p8-table td { padding: 4px 6px; vertical-align: middle;
  text-align: start; border: 0; overflow-wrap: normal; min-width: 4.5rem;
  border-bottom: 1px solid color-mix(in srgb, currentColor 10%, transparent);
  border-right: 1px solid color-mix(in srgb, currentColor 10%, transparent); }
.stApp .p8-table th { padding-left: 8px; font-weight: 400; white-space: nowrap;
  position: sticky; top: 0; background: #ffffff;
  color: color-mix(in srgb, currentColor 70%, transparent); }
.stApp .p8-table tr > :last-child { border-right: 0; }
.stApp .p8-table tbody tr:last-child > * { border-bottom: 0; }
.stApp .p8-table .p8-num { text-align: end; font-variant-numeric: tabular-nums; }
.stApp .p8-table .p8-id { overflow-wrap: anywhere; }
.stApp [data-testid=stElementContainer]:has(.p8-plot[hidden]) { display: none; }
</style>
"""

# Streamlit writes its file uploader's texts in English only: on Vietnamese pages they are
# covered by ours (the upload button's label and the size limit; the texts stay in the DOM).
UPLOADER_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button * { display: none; }
[data-testid="stFileUploaderDropzone"] button::after {
  content: "{browse}"; font-size: 0.875rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "{limit}"; font-size: 0.875rem; }
</style>
"""

# Type sizes are set on the elements that hold the text: Streamlit wraps heading text in a
# <span>, which would otherwise take the body size. Sizes are chosen so that every slide
# fits a 1280×720 projector with nothing below the fold.
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], footer { display: none !important; }
.stApp { background: #ffffff; color: #000000; }
.stApp p, .stApp li, .stApp td, .stApp th, .stApp label { font-size: 1.35rem; }
.stApp [data-testid="stCaptionContainer"], .stApp [data-testid="stCaptionContainer"] p {
  color: #333333; font-size: 1.25rem; }
.stApp h1, .stApp h1 span { font-size: 3rem; padding: 0; line-height: 1.15; }
.stApp h2, .stApp h2 span { font-size: 2.2rem; padding: 0; }
.stApp h3, .stApp h3 span { font-size: 1.7rem; padding: 0.25rem 0 0; }
.stApp .p8-tile { padding: 1.4rem 1.7rem; row-gap: 0.2rem; }
.stApp .p8-tile dt { font-size: 1.25rem; color: #000000; line-height: 1.2; }
.stApp .p8-tile-value { font-size: 2.3rem; color: #000000; line-height: 1.15; }
.stApp .p8-tile-note span { font-size: 1.25rem; line-height: 1.2; }
.stApp [data-testid="stTable"] td, .stApp [data-testid="stTable"] th,
.stApp .p8-table td, .stApp .p8-table th { font-size: 1.35rem; padding: 0.35rem 0.6rem; }
.block-container { padding: 0.75rem 2rem 0 2rem; max-width: 100%; }
.stApp [data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
</style>
"""


def page_styles(lang: str, present: bool) -> None:
    """The app's own styles: always :data:`BASE_CSS`; Vietnamese texts over Streamlit's
    English file-uploader texts; presenter mode's (no chrome, large type) when on."""
    css = BASE_CSS
    if lang == "vi":
        limit = st.get_option("server.maxUploadSize")
        css += (UPLOADER_CSS.replace("{browse}", t("uploader_browse", lang))
                .replace("{limit}", t("uploader_limit", lang, mb=limit)))
    if present:
        css += PRESENTER_CSS
    st.html(css)


def downloads(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, lang: str,
              key: str, rows: int | None = None) -> None:
    """CSV (UTF-8 with BOM, formula-safe) and XLSX download buttons for one table.

    ``frame`` is the table, or a function that makes it when a button is clicked (a large
    table is named and worded only then); with a function, ``rows`` says how many rows it
    will have. A table of more than :data:`XLSX_MAX_ROWS` rows gets the CSV button and a
    note instead of the XLSX one.
    """
    make = frame if callable(frame) else (lambda: frame)
    count = len(frame) if rows is None and not callable(frame) else int(rows or 0)
    # One control per table (the buttons inside a popover): a rerun sends one element, not
    # the five of two columns and two buttons (docs/benchmarks.md, issue #19).
    box = st.popover(DOWNLOADS_LABEL, icon=":material/download:", key=f"{key}_downloads")
    # The files are made when a button is clicked (a callable), not on every rerun.
    box.download_button(t("download_csv", lang), lambda: exports.csv_bytes(make()),
                        file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv",
                        on_click="ignore")
    if count > XLSX_MAX_ROWS:
        box.caption(t("xlsx_too_big", lang, limit=i18n.fmt_number(XLSX_MAX_ROWS, lang),
                      n=i18n.fmt_number(count, lang)))
        return
    box.download_button(
        t("download_xlsx", lang), lambda: exports.xlsx_bytes({name: make()}),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", on_click="ignore")


def presenting() -> bool:
    """True in presenter mode."""
    return bool(st.session_state.get("present"))


def table(frame: pd.DataFrame | Callable[[], pd.DataFrame], shown: pd.DataFrame, name: str,
          lang: str, key: str, noun: str = "rows", rows: int | None = None,
          most_rows: int | None = None, as_html: bool = False, label: str = "") -> None:
    """Show ``shown`` (formatted for the screen) and offer ``frame`` for download.

    The download is the table the screen shows — names and words in ``lang``, numbers as
    numbers — and, after its columns, the codes and ids behind them
    (:mod:`p8lib.present.columns`); the screen shows ``shown`` without those. ``frame`` may
    be a function that makes the download when a button is clicked (``rows``: its length).

    A table of at most :data:`SMALL_TABLE_ROWS` rows is a plain table, a longer one a
    scrolling data grid; ``most_rows``, when given, is what decides — the most rows the
    table has under any of its page's filters, so that a change of filter keeps the same
    kind of element in its place (a grid swapped for a table is redrawn whole). With
    ``as_html``, a table of at most :data:`HTML_TABLE_ROWS` rows (``most_rows`` deciding again)
    is one HTML element instead (:func:`p8lib.present.display.table_html`, ``label`` saying
    what it is to screen readers), longer than :data:`SMALL_TABLE_ROWS` in a scrolling box:
    for tables a page redraws on every filter change. At most :data:`MAX_SHOWN_ROWS` rows are
    shown, with a caption saying how many there are ("Showing 1,000 of 1,000,000 figures";
    ``noun``: "rows" or "figures"); ``shown`` may already be cut to them. In presenter mode
    a table in presenter type size shows the first :data:`PRESENTER_ROWS`. The download
    always has them all.
    """
    total = max(rows if rows is not None else len(frame), len(shown))
    most = max(total, most_rows or 0)
    big = presenting()
    limit = PRESENTER_ROWS if big else MAX_SHOWN_ROWS
    shown_rows = min(len(shown), limit)
    if as_html and most <= HTML_TABLE_ROWS:
        box = TABLE_BOX_PX if most > SMALL_TABLE_ROWS and not big else None
        st.html(_table_html(shown, limit, key, lang, label, box))
    elif big or most <= SMALL_TABLE_ROWS:
        st.table(columns.for_screen(shown).head(limit), hide_index=True)
    else:
        st.dataframe(columns.for_screen(shown).head(limit), hide_index=True, key=f"{key}_table",
                     width="stretch")
    if big:
        if shown_rows < total:
            st.caption(t("rows_shown_presenting", lang, shown=i18n.fmt_number(shown_rows, lang),
                         n=i18n.fmt_number(total, lang)))
        return
    cut = st.empty()  # kept when empty: the downloads stay where they were across filters
    if shown_rows < total:
        cut.caption(t(f"{noun}_shown", lang, shown=i18n.fmt_number(shown_rows, lang),
                      n=i18n.fmt_number(total, lang)))
    downloads(frame, name, lang, key, rows=total if callable(frame) else None)


def _make_table_html(shown: pd.DataFrame, rows: int, name: str, lang: str, label: str,
                     height: int | None) -> str:
    return display.table_html(columns.for_screen(shown).head(rows), name, lang, label,
                              height=height)


# The first rows of a table, without its codes and ids, as one HTML table
# (p8lib.present.display.table_html), made once per table while it lives: the pages' tables
# are shared, cached frames, and writing one out took a third of the Overview's rerun
# (docs/benchmarks.md, issue #19). Kept by the frame's identity: hashing its content cost
# as much as writing it.
_table_html = ByIdentity(_make_table_html)


def figures_for_screen(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str
                       ) -> pd.DataFrame:
    """The first :data:`MAX_SHOWN_ROWS` of ``figures`` named for people
    (:func:`p8lib.present.tables.figure_table`) and written as ``lang`` writes numbers: what
    :func:`figures_table` shows."""
    head = figures.head(MAX_SHOWN_ROWS)
    return display.display_frame(columns.for_screen(tables.figure_table(head, catalogue, lang)),
                                 lang)


def figures_table(figures: pd.DataFrame, catalogue: pd.DataFrame, lang: str, name: str,
                  key: str, as_html: bool = False, label: str = "",
                  shown: pd.DataFrame | None = None) -> None:
    """Figures for people (:func:`figures_for_screen`), the first :data:`MAX_SHOWN_ROWS` of
    them on screen; the download has every figure, the same columns, then the codes and ids.
    ``as_html`` and ``label``: as for :func:`table`. ``shown``: those rows when the caller
    keeps them (:func:`app.views.figures_shown`, once per filters, so that the table's HTML
    is written once too); else they are named here.

    Only the rows shown are named and formatted on each run: at 1M figures, naming the
    whole table took seconds and more memory than the budget. The download names them when
    its button is clicked.
    """
    if shown is None:
        shown = figures_for_screen(figures, catalogue, lang)
    table(lambda: tables.figure_table(figures, catalogue, lang), shown, name, lang, key=key,
          noun="figures", rows=len(figures), as_html=as_html, label=label)


def metric_row(tiles: list[tuple[str, str, str | None]], key: str,
               per_row: int | None = None) -> None:
    """Headline tiles from (label, value, note) triples: one row of them, or rows of
    ``per_row`` (1: one above the other, for the side of a slide).

    One element (:func:`p8lib.present.display.tiles_html`, styled by :data:`BASE_CSS`), not
    an ``st.metric`` per tile in columns: a filter change redraws one element instead of
    five per tile (docs/benchmarks.md, issue #19). ``key`` names the row in its class
    (``p8-tiles-<key>``), as a key names a widget.
    """
    if tiles:
        st.html(display.tiles_html(tiles, key, per_row))


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


def quote_in_context(text: str | None, quote: str, lang: str,
                     file: str | None = None) -> None:
    """A quote in the text around it in its source, the quote marked
    (:func:`p8lib.present.citations.quote_in_context`); a note instead when the text is not
    on this machine (``file`` names it) or the quote is not in it."""
    if text is None:
        st.info(t("context_missing", lang, file=file or "?"))
        return
    found = citations.quote_in_context(text, quote)
    if found is None:
        st.warning(t("quote_not_found", lang))
        return
    st.html(citations.context_html(found))
