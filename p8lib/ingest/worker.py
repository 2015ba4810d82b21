"""Imports in a separate process, with memory and CPU-time limits: a file can cost itself an
error, never the server.

The dashboard's server is one process serving every user. A parser that aborts (the Excel
reader's failed allocation ends its process) or works for minutes would take it down or
hold it; the checks of :mod:`p8lib.ingest.limits` refuse what they foresee, and this module
bounds the rest. :func:`import_in_worker` runs :func:`~p8lib.ingest.importer.import_report`
in a child process:

* **started from a fork server** (multiprocessing's "forkserver" method). The server of the
  app is multi-threaded (Tornado, one thread per session script), and forking a threaded
  process copies locks held by other threads: plain ``fork`` is unsafe there. The fork
  server is a fresh single-threaded Python started once (``spawn``-like); it imports the
  library and reads the catalogue and the unit tables (:mod:`p8lib.ingest.worker_preload`),
  then forks one child per import in tens of milliseconds instead of the seconds a new
  Python with pandas takes (docs/benchmarks.md, "Hostile files"). :func:`warm` starts it
  ahead of the first upload.
* **limited before it works**: address space (``RLIMIT_AS``: what the child holds at its
  start plus :attr:`WorkerLimits.memory_bytes`) and CPU time (``RLIMIT_CPU``), set in the
  child; a wall-clock timeout in the caller kills it.
* **a few at a time**: at most :data:`MAX_PARALLEL` imports run at once (the machine's
  cores are shared with the sessions being served); a further one waits for a slot.

The figures come back pickled, with :meth:`ImportResult.tidy` already made in the child so
the server does no per-figure work. A child that dies — killed by a limit, or crashed —
costs that one file an error naming what happened; nothing is raised.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import threading
from dataclasses import dataclass

from p8lib.ingest.importer import ImportOptions, ImportResult, import_report
from p8lib.ingest.limits import DEFAULT_LIMITS, Limits
from p8lib.ingest.problems import Problem

try:  # POSIX only: without it the child runs without limits (and says so in the log)
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None

logger = logging.getLogger(__name__)
GIB = 1 << 30
MAX_PARALLEL = max(1, min(2, os.cpu_count() or 1))
PRELOAD = ["p8lib.ingest.worker_preload"]
_START_METHOD = ("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                 else "spawn")
_CONTEXT = multiprocessing.get_context(_START_METHOD)
if _START_METHOD == "forkserver":
    _CONTEXT.set_forkserver_preload(PRELOAD)
_SLOTS = threading.BoundedSemaphore(MAX_PARALLEL)
_STARTING = threading.Lock()  # Process.start() from several session threads, one at a time


@dataclass(frozen=True)
class WorkerLimits:
    """What one import's process may use.

    ``memory_bytes`` is added to what the child holds when it starts (the library, the
    tables); ``cpu_seconds`` of CPU time end it with SIGXCPU; past ``wall_seconds`` (waiting
    for a slot included) the caller kills it. The defaults are far above what the largest
    real upload needs (the 200 MB national CSV: see docs/benchmarks.md) and far below what
    would starve the server.
    """

    memory_bytes: int = 3 * GIB
    cpu_seconds: int = 120
    wall_seconds: float = 180.0


DEFAULT_WORKER_LIMITS = WorkerLimits()


# A one-figure report whose import loads every table an import reads.
_WARM_REPORT = "Tỉnh,Huyện,Tổ truyền thông cộng đồng\nSóc Trăng,Mỹ Tú,1\n".encode()


def load_tables() -> None:
    """Load what every import reads — the catalogue, the sources, the header look-up, the
    name-matching index and the parent codes of the 2021 units (seconds when cold) — once
    in this process, by importing a one-figure report (the fork server does it for all its
    children)."""
    import_report("warm-up.csv", ImportOptions(period=(2023, 2023)), data=_WARM_REPORT)


def warm() -> None:
    """Start the fork server now and let it load the library, so that the first upload
    does not wait for it (it runs one empty child). Safe to call from several threads."""
    with _STARTING:
        process = _CONTEXT.Process(target=_ping, daemon=True)
        process.start()
    process.join()


def _ping() -> None:
    """The empty child of :func:`warm`."""


def import_in_worker(name: str, data: bytes, options: ImportOptions | None = None, *,
                     limits: Limits = DEFAULT_LIMITS,
                     worker_limits: WorkerLimits = DEFAULT_WORKER_LIMITS) -> ImportResult:
    """:func:`~p8lib.ingest.importer.import_report` of an upload, in a limited child process.

    Parameters
    ----------
    name : str
        The file's name (its suffix chooses the reader).
    data : bytes
        Its content.
    options : ImportOptions, optional
    limits : Limits
        The import's own limits, checked before parsing.
    worker_limits : WorkerLimits
        The child's memory, CPU time and wall-clock limits.

    Returns
    -------
    ImportResult
        As :func:`import_report` returns it, its tidy table made; or, when the child was
        stopped or failed, no figures and one error saying so. Never raises.
    """
    if not _SLOTS.acquire(timeout=worker_limits.wall_seconds):
        return _failed(name, "import_busy", {})
    try:
        return _run(name, data, options or ImportOptions(), limits, worker_limits)
    except Exception as exc:  # the boundary: whatever happens here costs this file only
        logger.exception("import worker for %r failed", name)
        return _failed(name, "import_crashed", {"detail": type(exc).__name__})
    finally:
        _SLOTS.release()


def _run(name: str, data: bytes, options: ImportOptions, limits: Limits,
         worker_limits: WorkerLimits) -> ImportResult:
    """Start a child, hand it the file, wait for its answer within the wall-clock limit."""
    ours, theirs = _CONTEXT.Pipe(duplex=True)
    with _STARTING:
        process = _CONTEXT.Process(
            target=_child, args=(theirs, worker_limits.memory_bytes, worker_limits.cpu_seconds),
            name=f"p8-import-{name[:40]}", daemon=True)
        process.start()
    theirs.close()
    try:
        ours.send_bytes(pickle.dumps((name, data, options, limits),
                                     protocol=pickle.HIGHEST_PROTOCOL))
        if not ours.poll(worker_limits.wall_seconds):
            logger.warning("import of %r stopped after %.0f s", name, worker_limits.wall_seconds)
            return _failed(name, "import_timeout", {"seconds": int(worker_limits.wall_seconds)})
        return pickle.loads(ours.recv_bytes())
    except (EOFError, OSError):  # the child died: a limit, or a crash
        process.join(5)
        return _died(name, process.exitcode, worker_limits)
    finally:
        ours.close()
        if process.is_alive():
            process.kill()
        process.join(5)


def _died(name: str, exitcode: int | None, worker_limits: WorkerLimits) -> ImportResult:
    """The result of a child that ended without an answer, said by how it ended."""
    logger.error("import worker for %r ended without an answer (exit code %s)", name, exitcode)
    if exitcode == -signal.SIGXCPU:
        return _failed(name, "import_timeout", {"seconds": worker_limits.cpu_seconds})
    if exitcode is not None and exitcode < 0:
        detail = signal.Signals(-exitcode).name
    else:
        detail = f"exit {exitcode}"
    return _failed(name, "import_crashed", {"detail": detail})


def _failed(name: str, key: str, params: dict) -> ImportResult:
    return ImportResult.refused(Problem(key, "error", name, params=params))


def _child(connection, memory_bytes: int, cpu_seconds: int) -> None:
    """The child: limits first, then the file from the pipe, the result back through it."""
    _limit_resources(memory_bytes, cpu_seconds)
    name, data, options, limits = pickle.loads(connection.recv_bytes())
    result = import_report(name, options, data=data, limits=limits)
    if result.ok:
        result.tidy()  # made here, kept in the result: the server does no per-figure work
    connection.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    connection.close()


def _limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    """Bound this process: address space (what it holds now plus ``memory_bytes``) and CPU
    time (SIGXCPU after ``cpu_seconds``, a kill 5 s later)."""
    if resource is None:  # pragma: no cover - Windows
        logger.warning("no resource limits on this platform: import runs unbounded")
        return
    held = _address_space()
    if held is not None:
        resource.setrlimit(resource.RLIMIT_AS, (held + memory_bytes, held + memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
