"""The "fully drawn" signal of the browser benchmarks (bench/drawn.py) on their bare peer page.

It must see a plotly chart and a deck.gl map drawn, wait for a filter change's run to
finish, and read the page's timeline (frames, script_finished, draws, plotly redraws).
Timings are only checked to be in order; their size is for docs/benchmarks.md.
"""

from __future__ import annotations

import pytest

from bench.drawn import INIT_SCRIPT, breakdown, fully_drawn, timeline
from tests.browser.helpers import is_local, sidebar_select
from tests.browser.server import ROOT, StreamlitServer


@pytest.fixture(scope="module")
def peer():
    running = StreamlitServer(ROOT / "bench" / "bare_page_app.py").start()
    try:
        yield running.wait_healthy()
    finally:
        running.stop()


@pytest.fixture
def page(browser):  # the browser fixture of tests/browser/conftest.py; a context of its own
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_init_script(INIT_SCRIPT)
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("chart, drawn_by", [("plotly", "afterplot"), ("deck", "draws")])
def test_open_waits_for_the_chart(peer, page, chart, drawn_by):
    page.goto(f"{peer.url}/?chart={chart}", wait_until="commit")
    drawn = fully_drawn(page, 0.0)
    record = timeline(page)
    if drawn_by == "draws":
        assert page.evaluate("document.querySelector("
                             "'[data-testid=stDeckGlJsonChart] canvas').__p8Draws") > 0
        # drawn once the compositor took the last draw's frame: later than the draw itself
        assert record["shownDraw"] == record["lastDraw"] and drawn > record["lastDraw"]
    else:
        assert record["afterplot"] and min(record["afterplot"]) <= drawn
    parts = breakdown(record, 0.0, drawn)
    assert parts["runs"] == 1 and parts["early_reruns"] == 0
    assert parts["bytes"] > 0 and parts["messages"] > 1
    assert 0 < parts["to_send"] <= parts["total"]
    assert parts["after_finished"] >= 0


def test_a_filter_change_is_timed_from_its_click(peer, page):
    page.goto(f"{peer.url}/?chart=plotly", wait_until="commit")
    fully_drawn(page, 0.0)
    sidebar_select(page, "Năm", "2023")
    click = timeline(page)["clicks"][-1]
    drawn = fully_drawn(page, click)
    parts = breakdown(timeline(page), click, drawn)
    assert drawn > click
    assert parts["runs"] == 1  # one new_session: the rerun the change asked for
    assert parts["to_send"] >= 0 and parts["bytes"] > 0
    assert parts["afterplot"] >= 1  # the chart was redrawn with the new year's bars


def test_a_stroke_of_the_maps_outlines_is_a_draw_of_the_map(peer, page):
    """The dashboard paints its map's outlines on a 2D canvas (app/flat_outlines.js): a stroke
    there is a draw the map waits for; a stroke on another canvas is not."""
    page.goto(f"{peer.url}/?chart=plotly", wait_until="commit")
    fully_drawn(page, 0.0)
    counts = page.evaluate("""() => {
        const P8 = window.__p8, seen = [];
        for (const name of ['p8-deck-outlines', 'other']) {
          const canvas = document.createElement('canvas');
          canvas.className = name;
          document.body.appendChild(canvas);
          const before = P8.draws, context = canvas.getContext('2d');
          context.moveTo(0, 0); context.lineTo(10, 10); context.stroke();
          seen.push(P8.draws - before);
        }
        return seen;
    }""")
    assert counts == [1, 0]


def test_a_screen_readers_announcement_is_not_activity(peer, page):
    """react-aria's select boxes announce "6 options available." in a live region clipped to
    nothing, and take it away hundreds of ms later: that draws nothing, so it must not hold
    "fully drawn" back; the same change in a visible element does."""
    page.goto(f"{peer.url}/?chart=plotly", wait_until="commit")
    fully_drawn(page, 0.0)
    page.evaluate("""() => {
        for (const attribute of ['data-live-announcer', 'data-p8-visible']) {
          const region = document.createElement('div');
          region.setAttribute(attribute, 'true');
          region.appendChild(document.createElement('div'));
          document.body.appendChild(region);
        }
    }""")
    page.wait_for_timeout(100)
    seen = page.evaluate("""async () => {
        const P8 = window.__p8, seen = [];
        const observed = () => new Promise(resolve => setTimeout(resolve, 50));
        for (const selector of ['[data-live-announcer]', '[data-p8-visible]']) {
          const log = document.querySelector(selector).firstChild;
          const before = [P8.mutations, P8.lastActivity];
          const message = document.createElement('div');
          message.textContent = '6 options available.';
          log.appendChild(message);  // announced, then taken away, as react-aria does
          await observed();
          log.removeChild(message);
          await observed();
          seen.push([P8.mutations - before[0], P8.lastActivity > before[1]]);
        }
        return seen;
    }""")
    assert seen[0] == [0, False]
    assert seen[1][0] >= 2 and seen[1][1]


def test_a_chart_set_aside_is_not_waited_for_and_one_shown_is(peer, page):
    """The dashboard keeps a chart with nothing to draw for now hidden (app/plot.py):
    "fully drawn" does not wait for its plot; the same plot shown and not drawn, it does."""
    page.goto(f"{peer.url}/?chart=plotly", wait_until="commit")
    fully_drawn(page, 0.0)
    page.evaluate("""() => {
        const plot = document.createElement('div');
        plot.className = 'p8-plot';
        plot.hidden = true;
        document.querySelector('[data-testid=stMain]').appendChild(plot);
    }""")
    fully_drawn(page, 0.0, timeout=5.0)
    page.evaluate("() => { document.querySelector('.p8-plot').hidden = false; }")
    with pytest.raises(TimeoutError, match="plotly chart not drawn"):
        fully_drawn(page, 0.0, timeout=2.0)
