"""What a freshly started server loads before its first visitor arrives.

A browser takes seconds to fetch Streamlit's scripts before it asks for the first page;
the server sits idle meanwhile. :func:`start` uses that time, in a background thread, to
import the libraries every page needs and to read and validate the shipped tables, which
the first page would otherwise do while its visitor waits (bench/bench_browser.py).
Nothing here is required: a page that runs before the warm-up ends does the same work
itself (imports and p8lib's caches are shared and safe to race).
"""

from __future__ import annotations

import logging
import threading

THREAD_NAME = "p8-warm-up"
# Streamlit warns once per cached call made outside a script run; the warm-up makes them on
# purpose (the caches are the process's, shared by every session).
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


class _NotFromWarmUp(logging.Filter):
    """Drop the records of the warm-up's thread."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def warm() -> None:
    """Import the pages' libraries, fill p8lib's caches of the shipped tables (and the
    lookups a province filter reads), compute each year's attainment, build the map page's
    first view (the page's and the slide's) and read the drill-downs' boundaries.

    Imports are made here, not at the top of the module: the server answers its health
    check only after loading this module.
    """
    import app.maps  # noqa: PLC0415
    import app.sections  # noqa: F401, PLC0415 - imports plotly, pandera, geopandas, pydeck
    import app.slides  # noqa: PLC0415
    import app.views  # noqa: PLC0415
    from app import auth, data  # noqa: PLC0415 - the store (opened, migrated, seeded)
    from p8lib import units  # noqa: PLC0415
    from p8lib.analysis import vintages  # noqa: PLC0415
    from p8lib.contract import catalogue  # noqa: PLC0415
    from p8lib.maps import builders  # noqa: F401, PLC0415 - pydeck, geopandas

    auth.report_config_problem()  # the start-up message of a sign-in set up wrong
    data.store()
    data.province_options()  # the sidebar's choices: the 2025 units' 2021 provinces
    catalogue.indicators()
    catalogue.sources()
    catalogue.coverage()
    for vintage in units.VINTAGES:
        units.provinces(vintage)
    units.districts()
    vintages.load_lookups()
    app.views.warm()
    app.maps.warm(app.slides.MAP_HEIGHT)


def start() -> threading.Thread:
    """Run :func:`warm` in a daemon thread (it never keeps the server from stopping)."""
    logging.getLogger(_CONTEXT_LOGGER).addFilter(_NotFromWarmUp())
    thread = threading.Thread(target=warm, name=THREAD_NAME, daemon=True)
    thread.start()
    return thread
