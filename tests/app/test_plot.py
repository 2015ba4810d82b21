"""app/plot.py: the charts' element keeps its identity across reruns, and what it sends is
the figure plotly.js can draw. (plotly.js served: tests/app/test_scripts.py; in the browser,
served by serve.py: tests/browser/test_charts.py.)"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from app import plot
from tests.app.helpers import (  # noqa: F401 - fixtures
    asgi_get,
    chart_elements,
    clear_caches,
    navigation_routing,
    plotly_specs,
    run,
)


def _figure(**layout) -> go.Figure:
    return go.Figure({"data": [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}],
                      "layout": {"template": "plotly_white", "title": {"text": "A<br>chart"},
                                 **layout}}, _validate=False)


def test_a_named_template_is_written_out_and_the_text_is_in_streamlits_font():
    fig = _figure(font={"size": 15, "color": "#222222"})
    spec = json.loads(plot._spec(fig))
    # plotly.js knows no template by name: the figure carries plotly_white's own settings.
    assert spec["layout"]["template"]["layout"]["plot_bgcolor"] == "white"
    assert spec["layout"]["font"] == {"family": '"Source Sans", sans-serif', "size": 15,
                                      "color": "#222222"}
    assert spec["data"] == [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}]
    assert fig.to_plotly_json()["layout"]["template"] == "plotly_white"  # the figure as it was
    assert "family" not in fig.to_plotly_json()["layout"]["font"]


def test_a_font_family_of_the_figure_is_kept():
    spec = json.loads(plot._spec(_figure(font={"family": "serif"})))
    assert spec["layout"]["font"] == {"family": "serif"}


@pytest.mark.parametrize("page, key, change", [
    ("pages/overview.py", "overview_attainment_chart", ("province", "94")),
    ("pages/province.py", "province_chart", ("year", 2023)),
])
def test_a_filter_change_draws_a_new_figure_in_the_same_element(page, key, change):
    params = {"province": "94"} if page == "pages/province.py" else {}
    at = run(page, lang="en", **params)
    (before,) = chart_elements(at)
    (figure_before,) = plotly_specs(at)
    assert before.proto.id.endswith(key)
    at.selectbox(key=change[0]).set_value(change[1]).run()
    (after,) = chart_elements(at)
    (figure_after,) = plotly_specs(at)
    assert figure_after["layout"]["title"] != figure_before["layout"]["title"]
    # The same element: the browser keeps its plot and draws the new figure into it.
    assert after.proto.id == before.proto.id
    assert json.loads(after.proto.json)["label"] != json.loads(before.proto.json)["label"]


def test_a_slide_chart_has_no_toolbar_and_the_page_one_shows_it_on_hover():
    page = json.loads(chart_elements(run("pages/overview.py", lang="en"))[0].proto.json)
    slide = json.loads(chart_elements(run("pages/overview.py", lang="en", present="1"))[0]
                       .proto.json)
    assert page["config"]["displayModeBar"] == "hover"
    assert slide["config"]["displayModeBar"] is False
    for config in (page["config"], slide["config"]):
        assert config["displaylogo"] is False and config["showSendToCloud"] is False


def test_the_chart_is_named_by_its_title_in_words_and_its_error_is_in_the_language():
    for lang, error in (("en", "This chart could not be drawn"),
                        ("vi", "Không vẽ được biểu đồ này")):
        data = json.loads(chart_elements(run("pages/overview.py", lang=lang))[0].proto.json)
        assert data["error"].startswith(error)
        assert "<" not in data["label"] and data["label"]


def _chart_place(at) -> tuple[int, str]:
    """Where the page's one chart element is among the main block's children, and its id."""
    (place,) = [(index, node.proto.id) for index, node in at.main.children.items()
                if getattr(node, "type", "") == "bidi_component"]
    return place


@pytest.mark.parametrize("present", ["0", "1"])
def test_an_indicator_let_go_sets_its_chart_aside_in_the_same_place_and_element(present):
    at = run("pages/indicators.py", lang="en", indicator="comm_groups", present=present)
    (drawn,) = chart_elements(at)
    place = _chart_place(at)
    assert place[1] == drawn.proto.id
    at.selectbox(key="indicator").set_value(None).run()
    assert not at.exception
    # No figure to draw, the element is kept where it was (hidden in the browser), so that
    # the next indicator is drawn into the plot already there.
    assert chart_elements(at) == []
    (aside,) = chart_elements(at, set_aside=True)
    assert _chart_place(at) == place
    assert json.loads(aside.proto.json) == {"figure": None}
    at.selectbox(key="indicator").set_value("trusted_addresses").run()
    assert _chart_place(at) == place
    assert "Trusted addresses" in plotly_specs(at)[0]["layout"]["title"]["text"]
