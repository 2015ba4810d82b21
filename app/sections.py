"""Page sections that several pages draw the same way: a chart, tables of figures.

Widgets keep the explicit keys the pages give them (tests and the browser find them by key).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import plot, widgets
from p8lib.contract import N_, t
from p8lib.present import columns, display


def has_rows(frame: pd.DataFrame, lang: str, empty_note: str = N_("no_data")) -> bool:
    """True when ``frame`` has rows; else show the note (a message id) and return False."""
    if frame.empty:
        st.info(t(empty_note, lang))
        return False
    return True


def tiles(row: list[tuple[str, str, str | None]], lang: str, key: str, empty_note: str
          ) -> None:
    """A row of metric tiles, or the note ``empty_note`` (a message id) when there are none."""
    if row:
        widgets.metric_row(row, key=key)
    else:
        st.info(t(empty_note, lang))


def chart(fig: go.Figure | None, lang: str, present: bool, key: str) -> None:
    """A plotly chart kept in place across reruns (:mod:`app.plot`); no toolbar in
    presenter mode. ``fig`` None: nothing to chart for now, the element is kept, hidden
    (:func:`app.plot.set_aside`)."""
    if fig is None:
        plot.set_aside(key)
    else:
        plot.chart(fig, key, lang, toolbar=not present)


def formatted_table(frame: pd.DataFrame, lang: str, name: str, key: str,
                    percent: tuple[str, ...] = (), as_html: bool = False, label: str = ""
                    ) -> None:
    """Show ``frame`` (without its codes and ids) with numbers written as ``lang`` writes
    them; download it whole, numbers as numbers. ``as_html``, ``label``: as for
    :func:`app.widgets.table`."""
    shown = display.display_frame(columns.for_screen(frame), lang, percent)
    widgets.table(frame, shown, name, lang, key=key, as_html=as_html, label=label)


def chart_and_figures(fig: go.Figure | None, figures: pd.DataFrame, catalogue: pd.DataFrame,
                      lang: str, present: bool, name: str, key: str,
                      no_chart: str = N_("no_chart_rows"), as_html: bool = False,
                      label: str = "", shown: pd.DataFrame | None = None) -> None:
    """A chart of some figures, then those figures as a table (keys ``{key}_chart``,
    ``{key}_figures``; downloads named ``name``, with every figure). Without a chart
    (``fig`` None: nothing of what it draws is there) the note ``no_chart`` (a message id)
    says why, and the table follows. ``as_html``, ``label``: as for
    :func:`app.widgets.table`; ``shown``: as for :func:`app.widgets.figures_table`."""
    if fig is None:
        st.info(t(no_chart, lang))
    else:
        chart(fig, lang, present, key=f"{key}_chart")
    widgets.figures_table(figures, catalogue, lang, name, key=f"{key}_figures",
                          as_html=as_html, label=label, shown=shown)
