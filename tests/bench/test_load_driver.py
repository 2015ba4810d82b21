"""The browser-less load driver (bench/load/) against a real dashboard server, briefly.

It must keep speaking Streamlit's protocol as the app changes: a page opens to
``script_finished``, the sidebar filters are found among the deltas by their keys, a filter
change reruns the script and the URL follows it. Timings are only checked to be real
(measured, positive); their size is for docs/benchmarks.md.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs

import pytest

from bench.load import driver
from bench.load.client import Session, check_loopback
from tests.browser.server import StreamlitServer


@pytest.fixture(scope="module")
def server():
    running = StreamlitServer().start()
    try:
        yield running.wait_healthy()
    finally:
        running.stop()


@pytest.mark.parametrize("url", ["http://10.0.0.5:8501", "http://example.org",
                                 "http://192.168.1.2:80"])
def test_sends_nothing_off_this_machine(url):
    with pytest.raises(ValueError, match="only sent to this machine"):
        check_loopback(url)


@pytest.mark.parametrize("sessions, duration", [(0, 5.0), (driver.MAX_SESSIONS + 1, 5.0),
                                                (2, driver.MAX_SECONDS + 1)])
def test_bounded(sessions, duration):
    with pytest.raises(ValueError, match="must be"):
        driver.run(driver.drive("http://127.0.0.1:1", sessions, duration=duration, ramp=0))


@pytest.mark.parametrize("key, option_index, param", [("year", 2, "year"),
                                                      ("province", 3, "province"),
                                                      ("content", 1, "content")])
def test_a_filter_change_reruns_and_the_url_follows(server, key, option_index, param):
    async def scenario():
        session = Session(server.url, "overview")
        opened = await session.open()
        option = session.options(key)[option_index]
        changed = await session.change(key, option)
        await session.close()
        return session, opened, changed, option

    session, opened, changed, option = driver.run(scenario())
    assert opened.exceptions == [] and changed.exceptions == []
    assert session.page_script_hash  # the page resolved by st.navigation
    assert session.value(key) == option
    assert param in parse_qs(session.query)
    for run in (opened, changed):
        assert 0 < run.first_message <= run.seconds
        assert run.bytes > 0 and run.messages > 1


@pytest.mark.parametrize("page", ["province", "indicators", "coverage_map"])
def test_a_change_stays_on_its_page(server, page):
    """A rerun names the page that ran, not the entry script: with the entry script's hash,
    st.navigation runs the default page (Overview), and every later run times that."""
    async def scenario():
        session = Session(server.url, page)
        await session.open()
        opened_on = session.page_path
        await session.change("year", session.options("year")[2])
        changed_on = session.page_path
        await session.close()
        return opened_on, changed_on

    assert driver.run(scenario()) == (page, page)


def test_drive_a_few_sessions(server):
    logs = driver.run(driver.drive(server.url, sessions=3, page="overview", interval=1.0,
                                    duration=4.0, ramp=1.0, timeout=30.0))
    result = driver.summary(logs)
    assert result["error_examples"] == []
    assert (result["opened"], result["held"]) == (3, 3)
    assert result["changes"] >= 6  # each viewer changed a filter every second
    assert 0 < result["change"]["p50"] <= result["change"]["p95"]
    assert result["bytes_per_change"] > 0
    assert all(log.changes for log in logs)


def test_sampler_reads_the_server(server):
    with driver.ProcSampler([server.process.pid], every=0.1) as sampler:
        time.sleep(0.3)
    cpu, rss = sampler.sample()
    assert cpu > 0 and rss > 50  # a Streamlit process with pandas loaded
    assert len(sampler.samples) >= 3
