"""app/warmup.py and serve.py: the start-up step of the served dashboard."""

from __future__ import annotations

from pathlib import Path

from streamlit.web.server.app_discovery import discover_asgi_app

from app import warmup
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
