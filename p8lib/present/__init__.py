"""What people read: names for codes, tables, numbers on screen, charts and downloads.

* :mod:`~p8lib.present.labels` — names of places, indicators and periods in either language;
* :mod:`~p8lib.present.tables` — the tables the pages show; :mod:`~p8lib.present.display`
  — numbers written the way each language writes them;
* :mod:`~p8lib.present.citations` — the sources, their notes, a quote in its context;
* :mod:`~p8lib.present.charts` — plotly figures (bars only: nothing fetched);
  :mod:`~p8lib.present.chart_text` — their type, titles, text widths and values;
  :mod:`~p8lib.present.attainment_charts` — attainment per content area and per indicator;
* :mod:`~p8lib.present.columns` — columns the tables share, and the ids after them;
  :mod:`~p8lib.present.chart_frames` — figures shaped for the charts;
* :mod:`~p8lib.present.exports` — CSV and XLSX files, formula-safe, written atomically;
* :mod:`~p8lib.present.slides` — presenter mode's talk: the slides and moving through them;
* :mod:`~p8lib.present.uploads` — blank report templates.

Submodules load when first imported (``from p8lib.present import charts``): a page that
draws no chart does not import plotly; so do the few names exported here. May import every
package before it.
"""

from p8lib._lazy import lazy_exports

_EXPORTS = {"write_csv_atomic": "exports", "write_table_atomic": "exports",
            "NotARegularFile": "exports", "unit_name": "labels"}
_MODULES = ("attainment_charts", "chart_frames", "chart_text", "charts", "citations", "columns",
            "display", "exports", "labels", "slides", "tables", "uploads")
__all__ = [*_MODULES, *_EXPORTS]
__getattr__ = lazy_exports(__name__, _EXPORTS, _MODULES)
