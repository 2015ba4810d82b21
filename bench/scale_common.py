"""Helpers of the national-scale benchmarks: runs within a time limit, percentiles, JSON out."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def timed_within(fn: Callable[[], object], runs: int = 5, seconds: float = 60.0
                 ) -> dict[str, float]:
    """Like :func:`timed`, but stop early once ``seconds`` have been spent (at least one run).

    Returns median, min, max seconds and ``runs``, the number of runs actually made.
    """
    times: list[float] = []
    spent = 0.0
    while len(times) < runs and (not times or spent + times[-1] <= seconds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "runs": len(times)}


def percentiles(times: list[float]) -> dict[str, float]:
    """p50, p95, min, max of some durations (seconds) and how many there were."""
    ordered = sorted(times)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    return {"p50": statistics.median(ordered), "p95": at(0.95), "min": ordered[0],
            "max": ordered[-1], "runs": len(ordered)}


def write_json(path: Path, payload: dict) -> None:
    """Write ``payload`` as indented JSON, atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str),
                   encoding="utf-8")
    tmp.replace(path)


def alternating(first: Callable[[], object], second: Callable[[], object], runs: int = 7
                ) -> tuple[dict[str, float], dict[str, float]]:
    """Time two functions in turn, ``runs`` times each (first, second, first, …), so that
    a busy machine slows both alike; median, min, max seconds and runs of each."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, out in zip((first, second), times, strict=True):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return tuple({"median": statistics.median(t), "min": min(t), "max": max(t), "runs": runs}
                 for t in times)
