"""Browser fixtures: Debian's Chromium, Streamlit servers, and pages whose every request is
recorded. A test fails when its page asked any host other than this machine ("works offline").
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import SCREENSHOTS, is_local
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer

HERE = Path(__file__).resolve().parent
expect.set_options(timeout=20_000)  # a loaded 2-core machine is slow to rerun
VIEWPORT = {"width": 1280, "height": 720}
NO_CHROMIUM = pytest.mark.skip(
    reason=f"{CHROMIUM} not found: browser tests need Debian's chromium (apt-get install chromium)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(NO_CHROMIUM)


@dataclass
class Recorder:
    """What a page did: every URL it asked for (HTTP and WebSocket) and every dialog."""

    urls: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return sorted({url for url in self.urls if not is_local(url)})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body: fail the test if its page asked for anything off this machine."""
    result = yield
    recorder = item.funcargs.get("recorder")
    if recorder is not None and recorder.foreign():
        raise AssertionError(f"the page asked for hosts other than this machine (the requests "
                             f"were aborted): {recorder.foreign()}")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep a screenshot of the page of a failed test (``artifacts/screenshots/FAILED-*``)."""
    report = yield
    page = item.funcargs.get("page") if report.when == "call" and report.failed else None
    if page is not None and not page.is_closed():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", item.name)[:120]
        with contextlib.suppress(Exception):  # the report matters more than the picture
            page.screenshot(path=SCREENSHOTS / f"FAILED-{name}.png")
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - skipped without chromium

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context for the whole run, so Streamlit's scripts are fetched and compiled once
    per server; each test still gets its own page, hence its own Streamlit session.

    Requests to other hosts are aborted, so nothing leaves the machine.
    """
    context = browser.new_context(viewport=VIEWPORT)
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    yield context
    context.close()



@pytest.fixture
def own_page(browser, recorder) -> Iterator[Page]:
    """A page in a browser context of its own: another person (another session, nothing in
    common with :func:`page`'s), or a test that leaves the browser changed (a closed sidebar
    stays closed for every later page of a context)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    page.on("request", lambda request: recorder.urls.append(request.url))
    page.on("websocket", lambda socket: recorder.urls.append(socket.url))
    yield page
    context.close()

@pytest.fixture
def page(browser_context, recorder):
    """A new page at 1280x720 (a new Streamlit session), recording what it asks for.

    Every request and WebSocket is recorded (see :func:`pytest_runtest_call`); dialogs
    (``alert``…) are recorded and dismissed.
    """
    page = browser_context.new_page()
    page.on("request", lambda request: recorder.urls.append(request.url))
    page.on("websocket", lambda socket: recorder.urls.append(socket.url))
    page.on("worker", lambda worker: recorder.urls.append(worker.url))
    page.on("dialog", lambda dialog: (recorder.dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(30_000)
    yield page
    page.close()


@pytest.fixture(scope="session")
def server() -> Iterator[StreamlitServer]:
    """One dashboard server shared by the tests that do not need a fresh one."""
    running = StreamlitServer().start()
    try:
        yield running.wait_healthy()
    finally:
        running.stop()


@pytest.fixture(scope="module")
def _fresh_pool(request) -> Iterator[list[StreamlitServer]]:
    """Servers for a module's ``fresh_server`` tests, all started at once so their start-ups
    overlap (per module: with ``pytest -n`` a worker runs whole files, ``--dist loadfile``).

    Nothing asks them anything but ``/_stcore/health`` before their test opens a page, so
    that page is each server's first request.
    """
    wanted = sum("fresh_server" in item.fixturenames for item in request.session.items
                 if item.module is request.module)
    pool = [StreamlitServer().start() for _ in range(wanted)]
    try:
        yield pool
    finally:
        for waiting in pool:
            waiting.stop()


@pytest.fixture
def fresh_server(_fresh_pool) -> Iterator[StreamlitServer]:
    """A dashboard server that has served no page yet (stopped after the test)."""
    running = _fresh_pool.pop() if _fresh_pool else StreamlitServer().start()
    try:
        yield running.wait_healthy()
    finally:
        running.stop()
