"""What the app tests share: running the dashboard with AppTest, reading what it shows.

The fixtures ``clear_caches`` and ``navigation_routing`` are imported by the test modules
that run the app (``from tests.app.helpers import …``).
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.present.html_read import read_tables, read_tiles

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["pages/overview.py", "pages/coverage_map.py", "pages/province.py",
         "pages/indicators.py", "pages/data.py", "pages/history.py", "pages/sources.py"]
PAGE_TITLES = {"pages/overview.py": ("Tổng quan", "Project 8 — Gender equality"),
               "pages/coverage_map.py": ("Bản đồ phạm vi", "Coverage map"),
               "pages/province.py": ("Hồ sơ tỉnh", "Province profile"),
               "pages/indicators.py": ("Chỉ tiêu", "Indicators"),
               "pages/data.py": ("Dữ liệu (nhập & kiểm tra)", "Data (import & validate)"),
               "pages/history.py": ("Lịch sử dữ liệu", "Data history"),
               "pages/sources.py": ("Nguồn & phương pháp", "Sources & method")}
GOOD_CSV = (b"province_code,indicator_id,measure,period_start,period_end,value,unit,source_id\n"
            b"94,comm_groups,actual,2024,2024,77,groups,test_upload\n")
# The total row is skipped with an info note, not a problem.
TOTAL_CSV = ("Tỉnh,Tổ truyền thông cộng đồng\n"
             "Sóc Trăng,12\n"
             "Tổng cộng,12\n").encode()
BAD_CSV = ("Tỉnh,Tổ truyền thông cộng đồng\n"
           "Sóc Trăng,12\n"
           "Atlantis,abc\n").encode()



def run(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "info", "caption",
                                  "success", "error") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def shown_tables(at: AppTest) -> list:
    """Every table shown: data grids, plain tables and the HTML tables
    (``app.widgets.table(as_html=True)``, read back as frames of their texts)."""
    return [*(d.value for d in [*at.dataframe, *at.table]),
            *(frame for element in at.html if element.value.startswith('<div class="p8-table-box')
              for frame in read_tables(element.value))]


def frame_with(at: AppTest, column: str):
    """The one dataframe shown with ``column`` (tables are found by content, not position)."""
    (frame,) = [frame for frame in shown_tables(at) if column in frame.columns]
    return frame


def tiles(at: AppTest) -> list[tuple[str, str, str | None]]:
    """Every headline tile shown (label, value, note), in order, read from the HTML of the
    rows of tiles (``app.widgets.metric_row``)."""
    return [tile for element in at.html if element.value.startswith('<dl class="p8-tiles')
            for tile in read_tiles(element.value)]


def chart_elements(at: AppTest, set_aside: bool = False) -> list:
    """The page's plotly charts (app/plot.py's element), as AppTest holds them: those with
    a figure, or (``set_aside``) those kept hidden without one."""
    return [el for el in at.get("bidi_component") if el.proto.component_name == "p8_plot"
            and (json.loads(el.proto.json)["figure"] is None) == set_aside]


def map_elements(at: AppTest) -> list:
    """The page's deck.gl maps (app/deck_map.py's element), as AppTest holds them."""
    return [el for el in at.get("bidi_component") if el.proto.component_name == "p8_deck"]


def deck_specs(at: AppTest) -> list[dict]:
    """The decks of the page's maps, as the browser is sent them."""
    return [json.loads(json.loads(el.proto.json)["deck"]) for el in map_elements(at)]


def plotly_specs(at: AppTest) -> list[dict]:
    """The figures of the page's charts, as the browser is sent them."""
    return [json.loads(json.loads(el.proto.json)["figure"]) for el in chart_elements(at)]


def categories(spec: dict) -> set:
    """The categories of a bar chart's traces (on y when the bars are horizontal)."""
    return {c for trace in spec["data"]
            for c in trace["y" if trace.get("orientation") == "h" else "x"]}


@pytest.fixture(autouse=True)
def clear_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def navigation_routing(request, monkeypatch):
    """Run as a served app does after its first request: ``st.navigation`` routing.

    AppTest resets Streamlit's folder-routing flag before every run, so each run would be a
    "first request" (tested on its own by the ``test_first_request_*`` tests), and the folder
    routing's extra pass drops the widget values a test has just set.
    """
    if request.node.name.startswith("test_first_request"):
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def asgi_get(app, path: str) -> httpx.Response:
    """GET ``path`` of the ASGI ``app``, on a thread of its own (the test's thread may
    already run an event loop: Streamlit's)."""
    async def request() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(path)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, request()).result()
