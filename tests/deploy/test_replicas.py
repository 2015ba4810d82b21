"""Several dashboard replicas behind nginx (deploy/run_replicas.py), as a deployment runs.

nginx keeps each viewer on one replica with a cookie (many viewers behind one address are
spread, not piled on one), upgrades the WebSocket, compresses the scripts; a replica killed
mid-session sends its viewers to another, where the URL they hold brings back their view;
every replica gets the store's URL.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest

from bench.load import driver
from bench.load.client import Session
from deploy.run_replicas import DATABASE_ENV, Replicas, nginx_binary, nginx_config
from p8lib import store as p8store

pytestmark = pytest.mark.skipif(nginx_binary() is None,
                                reason="nginx not installed (python3 dev.py test installs it)")
# A year no shipped figure has: a batch that brings one shows in the year filter's options.
NEW_YEAR = "2019"
REPORT = ("level,indicator_id,measure,period_start,period_end,value,unit,source_id\n"
          f"national,comm_groups,actual,{NEW_YEAR},{NEW_YEAR},1,groups,synthetic_replica_test\n"
          ).encode()


@pytest.fixture(scope="module")
def store_url(postgres) -> str:
    """One PostgreSQL store every replica reads and writes, seeded (batch 1) before they
    start."""
    url = postgres.create_database("replicas")
    p8store.open_store(url).engine.dispose()
    return url


@pytest.fixture(scope="module")
def replicas(store_url):
    with Replicas(2, database_url=store_url) as running:
        yield running


def _get(url: str, cookie: str | None = None, gzip_ok: bool = False):
    headers = {"Cookie": cookie} if cookie else {}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as answer:
        return answer.headers, answer.read()


@pytest.mark.parametrize("upstreams", [["127.0.0.1:8501"], ["127.0.0.1:8501", "127.0.0.1:8502",
                                                              "127.0.0.1:8503"]])
def test_config_is_valid_nginx(tmp_path, upstreams):
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config("127.0.0.1:8080", upstreams, tmp_path), encoding="utf-8")
    done = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert all(f"server {u} " in conf.read_text() for u in upstreams)


def test_every_replica_gets_the_store_url(replicas, store_url):
    for server in replicas.servers:
        environ = Path(f"/proc/{server.process.pid}/environ").read_bytes().split(b"\0")
        assert f"{DATABASE_ENV}={store_url}".encode() in environ


def test_a_viewer_stays_on_its_replica(replicas):
    headers, _ = _get(replicas.url + "/")
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie.startswith("p8_replica=")
    first = headers["X-P8-Upstream"]
    for _ in range(5):
        again, _ = _get(replicas.url + "/_stcore/health", cookie)
        assert again["X-P8-Upstream"] == first
        assert not any("p8_replica" in c for c in again.get_all("Set-Cookie") or [])  # set once


def test_scripts_are_compressed(replicas):
    _, html = _get(replicas.url + "/")
    script = re.search(rb'src="(\./)?(static/js/[^"]+\.js)"', html).group(2).decode()
    headers, body = _get(f"{replicas.url}/{script}", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body)[:1000].strip()


def test_killed_replica_viewers_come_back_with_their_view_and_nothing_published_is_lost(
        replicas, store_url):
    store = p8store.open_store(store_url, seed=False)

    async def scenario():
        sessions = []
        # Viewers from one address are spread by their cookies: open until both replicas
        # hold some (20 on one replica alone would be a 1-in-500,000 chance).
        while len({s.upstream for s in sessions}) < 2 and len(sessions) < 20:
            session = Session(replicas.url, "overview", "year=2023")
            await session.open()
            await session.change("province", session.options("province")[5])
            sessions.append(session)
        victim = replicas.replica_at(sessions[0].upstream)
        on_victim = [s for s in sessions if s.upstream == sessions[0].upstream]
        views = {id(s): (s.query, s.value("province"), s.value("year")) for s in sessions}
        # An analyst publishes (into the one store): every viewer's next rerun, on either
        # replica, has the new year.
        published = p8store.publish(store, "replica_test.csv", REPORT,
                                    actor="analyst@example.org")
        assert published.ok, published.problems
        for session in sessions:
            await session.rerun()
        seen_before = [NEW_YEAR in map(str, s.options("year")) for s in sessions]
        replicas.stop_replica(victim)
        for session in on_victim:
            with pytest.raises(Exception):  # noqa: B017,PT011 - the connection is gone
                await session.change("content", session.options("content")[1])
            await session.close()
            await session.connect()  # as the browser reconnects: same URL, same widgets
        after = {id(s): (s.query, s.value("province"), s.value("year")) for s in sessions}
        upstreams = {s.upstream for s in on_victim}
        seen_after = [NEW_YEAR in map(str, s.options("year")) for s in on_victim]
        for session in sessions:
            await session.close()
        return (len(sessions), on_victim, views, after, upstreams, victim, seen_before,
                seen_after, published.batch_id)

    (count, on_victim, views, after, upstreams, victim, seen_before, seen_after,
     batch) = driver.run(scenario())
    assert count < 20, "every viewer landed on one replica: the cookie does not spread them"
    assert on_victim
    assert upstreams == {replicas.upstreams[1 - victim]}
    assert after == views
    assert all(seen_before), "a replica did not show what was published in the shared store"
    assert all(seen_after), "the viewers moved to the other replica lost the published batch"
    batches, _ = p8store.history(store)
    assert batches.set_index("id").loc[batch, "status"] == "active"
    store.engine.dispose()
