"""app/warmup.py and serve.py: the start-up step of the served dashboard."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.web.server.app_discovery import discover_asgi_app

from app import data, slides, views, warmup
from p8lib.contract import catalogue
from p8lib.units import admin

ROOT = Path(__file__).resolve().parents[2]


def test_serve_py_is_an_app_streamlit_run_serves():
    found = discover_asgi_app(ROOT / "serve.py")
    assert found.is_asgi_app
    assert found.app_name == "app"


def test_warm_up_fills_the_caches_the_first_page_reads():
    catalogue._read_validated.cache_clear()
    admin._provinces.cache_clear()
    admin._districts.cache_clear()
    warmup.start().join(timeout=120)
    assert catalogue._read_validated.cache_info().currsize >= 3  # indicators, sources, coverage
    assert admin._provinces.cache_info().currsize == len(admin.VINTAGES)
    assert admin._districts.cache_info().currsize == 1


def test_warm_up_computes_the_attainment_of_each_year_before_a_visitor(monkeypatch):
    st.cache_resource.clear()
    warmup.start().join(timeout=120)
    computed = []
    real = views.targets.attainment

    def counted(*args, **kwargs):
        computed.append(kwargs.get("level"))
        return real(*args, **kwargs)

    monkeypatch.setattr(views.targets, "attainment", counted)
    for year in (None, *data.year_options()):
        for level in ("national", "province"):
            views.attainment("94", year, level=level)
    assert computed == []  # every one was ready
    views.attainment("94", 2023)  # one not warmed (all levels at once): computed now
    assert computed == [None]


def test_warm_up_builds_the_map_pages_first_view_and_the_slides(monkeypatch):
    from app import maps  # noqa: PLC0415
    from p8lib.maps import builders, svg_map  # noqa: PLC0415

    st.cache_resource.clear()
    warmup.start().join(timeout=120)
    built = []
    for module, name in ((builders, "province_map"), (svg_map, "province_figure")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: (
            built.append(_name), _real(*a, **k))[1])
    filters = {"lang": "en", "indicator": None, "content": None, "year": None}
    for svg in (False, True):
        page = maps.map_page(filters, "2021", "attainment", "commune", svg=svg,
                             height=slides.MAP_HEIGHT if svg else maps.DECK_HEIGHT)
        assert (page.view.spec.figure is not None) is svg
    assert built == []  # both were ready
    maps.map_page({**filters, "year": 2023}, "2021", "attainment", "commune", svg=True,
                  height=slides.MAP_HEIGHT)
    assert built == ["province_figure"]  # one not warmed: built now


def test_warm_up_reads_what_a_first_drill_down_and_province_filter_wait_for(monkeypatch):
    from app import maps  # noqa: PLC0415
    from p8lib.analysis import vintages  # noqa: PLC0415
    from p8lib.maps import geo  # noqa: PLC0415

    st.cache_resource.clear()
    vintages._single_2021_province.cache_clear()
    warmup.start().join(timeout=120)
    assert vintages._single_2021_province.cache_info().currsize == 1
    read = []
    real = geo.load_boundaries
    monkeypatch.setattr(geo, "load_boundaries",
                        lambda level, vintage: (read.append(level), real(level, vintage))[1])
    for level, vintage in (("commune", "2021"), ("commune", "2025"), ("district", "2021")):
        maps.boundaries(level, vintage)
    assert read == []  # every one was read
