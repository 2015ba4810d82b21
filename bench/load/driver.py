"""Many browser-less sessions on one address: open a page, change a filter every few seconds.

:func:`drive` opens ``sessions`` :class:`~bench.load.client.Session`\\ s (spread over a ramp),
then each one changes a sidebar filter every ``interval`` seconds (from a random offset, so the
changes do not arrive in step) until ``duration`` is over, and times every run to its
``script_finished``. A session whose connection drops (its replica was stopped) reconnects as
the browser does — the same URL, its query string and widget values — and the reconnection is
timed and checked (same view). :class:`ProcSampler` reads the CPU time and RSS of the server
processes from ``/proc`` meanwhile.

Bounded: at most :data:`MAX_SESSIONS` sessions and :data:`MAX_SECONDS` seconds, to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import websockets

from bench.load.client import ProtocolError, Run, Session, check_loopback
from bench.scale_common import percentiles

T = TypeVar("T")
MAX_SESSIONS = 400
MAX_SECONDS = 600.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The sidebar filters a viewer changes, in turn (keys as in dashboard.py).
FILTER_KEYS = ("year", "province", "content")


@dataclass
class Reconnect:
    """A session that lost its connection and came back: seconds to its first finished run
    on the new connection, the replica before and after, and whether the view was kept."""

    seconds: float
    upstream_before: str | None
    upstream_after: str | None
    view_kept: bool


@dataclass
class SessionLog:
    """What one session did."""

    index: int
    open: Run | None = None
    changes: list[tuple[float, Run]] = field(default_factory=list)  # (when, run)
    errors: list[str] = field(default_factory=list)
    reconnects: list[Reconnect] = field(default_factory=list)
    upstream: str | None = None
    held: bool = False  # still connected at the end


class ProcSampler:
    """CPU seconds and RSS of some processes (and their children), sampled in a thread.

    Parameters
    ----------
    pids : Sequence[int]
        The processes to watch (a Streamlit server, nginx's master); their children are
        found through ``/proc/<pid>/task/*/children`` at every sample.
    every : float
        Seconds between samples.
    """

    def __init__(self, pids: Sequence[int], every: float = 0.5) -> None:
        self.pids = list(pids)
        self.every = every
        self.samples: list[tuple[float, float, float]] = []  # (time, cpu s, rss MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> ProcSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> tuple[float, float]:
        """Now: (CPU seconds used so far, RSS in MB) of the processes and their children."""
        cpu = rss = 0.0
        for pid in _with_children(self.pids):
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                cpu += (int(stat[11]) + int(stat[12])) / CLOCK_TICKS
                status = Path(f"/proc/{pid}/status").read_text()
                rss += int(status.split("VmRSS:")[1].split()[0]) / 1024
        self.samples.append((time.perf_counter(), cpu, rss))
        return cpu, rss

    def cpu_between(self, start: float, end: float) -> float:
        """Cores used on average between two ``perf_counter`` times (1.0 = one core)."""
        inside = [s for s in self.samples if start <= s[0] <= end]
        if len(inside) < 2:
            return 0.0
        return (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0])

    def peak_rss(self) -> float:
        return max((s[2] for s in self.samples), default=0.0)


def _with_children(pids: Sequence[int]) -> list[int]:
    found, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        found.append(pid)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{pid}/task"):
                text = Path(f"/proc/{pid}/task/{task}/children").read_text()
                todo += [int(c) for c in text.split()]
    return found


def _next_change(session: Session, rng: random.Random, step: int) -> tuple[str, str]:
    """The filter a viewer changes next, and to which option (never the one shown)."""
    key = FILTER_KEYS[step % len(FILTER_KEYS)]
    options = session.options(key)
    current = session.value(key)
    choices = [o for o in options if o != current] or options
    return key, rng.choice(choices)


async def _reconnect(session: Session, log: SessionLog, deadline: float) -> bool:
    """Reconnect a dropped session until ``deadline``, as the browser does (it reopens the
    WebSocket at the same URL and reruns with its query string and widget values); record
    how long it took and whether the view came back."""
    before_query, before_upstream = session.query, session.upstream
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        try:
            await session.close()
            await session.connect()
        except (OSError, ProtocolError, TimeoutError, websockets.WebSocketException):
            await asyncio.sleep(0.25)
            continue
        # The URL holds the view: the new server's first run takes the filters from it and
        # writes them back, so the same query string means the same view. (A change in
        # flight when the connection dropped is sent again, as the browser does, but the
        # filters in the URL win on a new server.)
        kept = session.query == before_query
        log.reconnects.append(Reconnect(time.perf_counter() - start, before_upstream,
                                        session.upstream, kept))
        log.upstream = session.upstream
        return True
    return False


async def _viewer(log: SessionLog, base_url: str, page: str, query: str, start_at: float,
                  interval: float, end_at: float, timeout: float, seed: int) -> SessionLog:
    """One viewer: open the page at ``start_at``, then change a filter every ``interval``."""
    index = log.index
    rng = random.Random(seed * 100_003 + index)
    session = Session(base_url, page, query, timeout=timeout)
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    while log.open is None:
        try:
            log.open = await session.open()
            log.upstream = session.upstream
        except (OSError, ProtocolError, TimeoutError, websockets.WebSocketException) as exc:
            log.errors.append(f"open: {type(exc).__name__}: {exc}")
            if time.perf_counter() > min(end_at, start_at + timeout):
                return log
            await session.close()  # the browser retries too (a replica may have gone)
            await asyncio.sleep(0.25)
    next_at = time.perf_counter() + rng.uniform(0, interval)
    step = index
    while True:
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        if time.perf_counter() >= end_at:
            break
        try:
            key, option = _next_change(session, rng, step)
            when = time.perf_counter()
            run = await session.change(key, option)
            log.changes.append((when, run))
            log.errors += run.exceptions
        except (websockets.ConnectionClosed, OSError) as exc:
            log.errors.append(f"dropped: {type(exc).__name__}")
            if not await _reconnect(session, log, min(end_at, time.perf_counter() + 60)):
                log.errors.append("could not reconnect")
                return log
        except (ProtocolError, TimeoutError, KeyError) as exc:
            log.errors.append(f"change: {type(exc).__name__}: {exc}")
        step += 1
        next_at += interval
    log.held = session.connected
    await session.close()
    return log


async def drive(base_url: str, sessions: int, page: str = "overview", query: str = "",
                interval: float = 5.0, duration: float = 30.0, ramp: float = 10.0,
                timeout: float = 30.0, seed: int = 19,
                live: list[SessionLog] | None = None) -> list[SessionLog]:
    """Run ``sessions`` viewers against ``base_url`` and return what each one did.

    Parameters
    ----------
    base_url : str
        ``http://127.0.0.1:<port>`` (a server, or the proxy before replicas).
    sessions : int
        How many viewers (at most :data:`MAX_SESSIONS`).
    page, query : str
        The URL they open: ``/<page>?<query>``.
    interval : float
        Seconds between one viewer's filter changes.
    duration : float
        Seconds of filter changes after the ramp (ramp + duration ≤ :data:`MAX_SECONDS`).
    ramp : float
        Seconds over which the viewers arrive, evenly.
    timeout : float
        Seconds one run may take before it counts as failed.
    seed : int
        Seeds which filters and options each viewer picks.
    live : list[SessionLog] | None
        Filled with the viewers' logs as they run (to see, mid-run, where they are).

    Raises
    ------
    ValueError
        When the address is not this machine's, or the bounds are exceeded.
    """
    check_loopback(base_url)
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS}, got {sessions}")
    if ramp + duration > MAX_SECONDS:
        raise ValueError(f"ramp + duration must be <= {MAX_SECONDS} s, got {ramp + duration}")
    start = time.perf_counter()
    end_at = start + ramp + duration
    logs = [SessionLog(i) for i in range(sessions)]
    if live is not None:
        live.extend(logs)
    viewers = [_viewer(log, base_url, page, query, start + ramp * log.index / sessions,
                       interval, end_at, timeout, seed) for log in logs]
    return await asyncio.wait_for(asyncio.gather(*viewers), ramp + duration + 2 * timeout + 60)


def run(coroutine: Coroutine[object, object, T]) -> T:
    """Run ``coroutine`` to its end from synchronous code, in a thread of its own: the
    caller's thread may already hold a running event loop (Playwright's sync API does),
    where :func:`asyncio.run` refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def summary(logs: list[SessionLog], steady_from: float | None = None) -> dict:
    """Figures of one :func:`drive`: sessions opened and held, open and filter-change run
    times (p50, p95, max; changes from ``steady_from`` on, when every viewer had arrived),
    errors, reconnections."""
    opened = [log for log in logs if log.open is not None]
    changes = [run.seconds for log in logs for when, run in log.changes
               if steady_from is None or when >= steady_from]
    reconnects = [r for log in logs for r in log.reconnects]
    errors = [e for log in logs for e in log.errors]
    result = {
        "sessions": len(logs), "opened": len(opened), "held": sum(log.held for log in logs),
        "open": percentiles([log.open.seconds for log in opened]) if opened else None,
        "change": percentiles(changes) if changes else None,
        "changes": len(changes),
        "bytes_per_change": (statistics.median(run.bytes for log in logs for _, run in log.changes)
                             if any(log.changes for log in logs) else 0),
        "errors": len(errors), "error_examples": sorted(set(errors))[:5],
        "reconnects": len(reconnects),
        "reconnect": percentiles([r.seconds for r in reconnects]) if reconnects else None,
        "views_kept": sum(r.view_kept for r in reconnects),
        "upstreams": dict(Counter(log.upstream or "direct" for log in opened)),
    }
    return result
