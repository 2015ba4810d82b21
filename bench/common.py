"""Timing helpers for the benchmarks: median and spread of several runs, machine facts."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], runs: int = 5) -> dict[str, float]:
    """Run ``fn`` ``runs`` times; return median, min and max seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def machine() -> str:
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")


def row(label: str, t: dict[str, float], extra: str = "") -> str:
    return (f"| {label} | {t['median'] * 1000:.0f} ms | {t['min'] * 1000:.0f}–"
            f"{t['max'] * 1000:.0f} ms | {extra} |")
