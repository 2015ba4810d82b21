"""A plotly chart that keeps its place in the page across reruns.

Streamlit's ``st.plotly_chart`` hashes the figure into its element's identity, key or no
key, so each filter change removes the chart and draws the new figure in a new element,
from nothing and twice (docs/benchmarks.md, issue #19). This element (an
``st.components.v2`` component, in the page itself: no frame) stays while its key does, and
draws each new figure into the same plot with ``Plotly.react`` (:file:`app/plot.js`). A
page that has, for a while, nothing to chart (no indicator chosen) keeps the element, hidden
(:func:`set_aside`): the next figure is drawn into the plot already there, not into a new one.

plotly.js is the copy the plotly package ships, served by the dashboard's own server
(:data:`PLOTLY`, :mod:`app.scripts`). The chart is written in Streamlit's font, as its chart
theme would.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from starlette.routing import Route

from app.scripts import Script, element_js
from p8lib.contract import t
from p8lib.memo import ByIdentity
from p8lib.present import chart_text

PLOTLY = Script(Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
                f"/p8-static/plotly-{plotly.__version__}.min.js")
_JS = element_js(PLOTLY, Path(__file__).with_suffix(".js"))
# Not isolated (no shadow root): plotly.js writes its styles into the page's head.
_mount = st.components.v2.component("p8_plot", html='<div class="p8-plot" role="img"></div>',
                                    js=_JS, isolate_styles=False)


def routes() -> list[Route]:
    """What the server adds to Streamlit's routes for these charts (``serve.py``)."""
    return [PLOTLY.route()]


@functools.cache
def _template(name: str) -> dict:
    return pio.templates[name].to_plotly_json()


def _spec(fig: go.Figure) -> str:
    """The figure as plotly.js draws it: a template named by the figure written out (the
    builders name it, unvalidated), the text in Streamlit's font."""
    spec = fig.to_plotly_json()
    layout = dict(spec["layout"])
    if isinstance(layout.get("template"), str):
        layout["template"] = _template(layout["template"])
    layout["font"] = {"family": chart_text.FONT, **layout.get("font", {})}
    return json.dumps({"data": spec["data"], "layout": layout},
                      cls=plotly.utils.PlotlyJSONEncoder)


# No plotly logo, and no button sending the chart to plotly's cloud (plotly.js 4 shows one).
_CONFIG = {"displaylogo": False, "showSendToCloud": False, "showLink": False}
# Written once per figure: the views hand every session the same cached figure objects.
_SPECS = ByIdentity(_spec)


def chart(fig: go.Figure, key: str, lang: str, toolbar: bool = True) -> None:
    """Draw ``fig`` in the element ``key``: the same element, and the same plot in the
    browser, for every figure drawn under that key. ``toolbar``: plotly's own (zoom, pan,
    download as PNG) shown while the pointer is over the chart; none on a slide."""
    _mount(key=key, data={"figure": _SPECS(fig), "config": {**_CONFIG, "displayModeBar":
                                                             "hover" if toolbar else False},
                          "label": chart_text.plain(fig.layout.title.text or ""),
                          "error": t("chart_not_drawn", lang)})


def set_aside(key: str) -> None:
    """Keep the element ``key`` where it is, hidden, with no figure, and its plot for the
    next figure drawn under ``key``."""
    _mount(key=key, data={"figure": None})
