"""Imports in a limited child process: the same answer as in this process, and a parser that
crashes, runs out of memory or works too long costs its file an error, never the caller."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.ingest import (
    ImportOptions,
    Limits,
    WorkerLimits,
    import_in_worker,
    import_report,
    worker,
)
from tests.hostile_files import corpus
from tests.reports import wide_xlsx

OPTIONS = ImportOptions(period=(2023, 2023), source_id="st_2023")
HOSTILE = {h.name: h for h in corpus()}
# No check before parsing: what the worker alone must survive.
UNCHECKED = Limits(columns=10**9, csv_cells=10**12, sheet_cells=10**15, workbook_cells=10**15)


@pytest.fixture(scope="module", autouse=True)
def warm():
    worker.warm()


def test_a_report_gets_the_same_answer_as_in_this_process():
    data = wide_xlsx()
    here = import_report("r.xlsx", OPTIONS, data=data)
    there = import_in_worker("r.xlsx", data, OPTIONS)
    pd.testing.assert_frame_equal(there.tidy(), here.tidy())
    assert [str(p) for p in there.problems] == [str(p) for p in here.problems]
    assert there.accounting == here.accounting


@pytest.mark.parametrize(("name", "worker_limits", "keys"), [
    # the Excel reader asks for 512 GB and aborts its process
    ("a1-and-xfd1048576.xlsx", WorkerLimits(), {"import_crashed"}),
    # 100 million cells: past 256 MiB of address space the allocation fails
    ("cv1000000.xlsx", WorkerLimits(memory_bytes=256 << 20, wall_seconds=60),
     {"import_crashed", "import_failed"}),
    # 100,000 columns take over a minute: stopped by the CPU limit, then by the clock
    ("100000-columns.csv", WorkerLimits(cpu_seconds=2, wall_seconds=60), {"import_timeout"}),
    ("100000-columns.csv", WorkerLimits(cpu_seconds=60, wall_seconds=2), {"import_timeout"}),
], ids=["abort", "memory", "cpu-time", "wall-clock"])
def test_a_parser_that_fails_costs_its_file_an_error(name, worker_limits, keys):
    result = import_in_worker(name, HOSTILE[name].data, OPTIONS, limits=UNCHECKED,
                              worker_limits=worker_limits)
    assert [(p.key in keys, p.severity, p.file) for p in result.problems] == [
        (True, "error", name)], [str(p) for p in result.problems]
    assert result.figures.empty
    again = import_in_worker("r.xlsx", wide_xlsx(), OPTIONS)  # and the next file is fine
    assert again.ok and len(again.tidy()) == 9


@pytest.mark.parametrize(("key", "lang", "text"), [
    ("import_crashed", "vi", "trình đọc tệp dừng đột ngột"),
    ("import_timeout", "en", "was stopped: split the report"),
])
def test_the_messages_of_a_stopped_import_are_in_both_languages(key, lang, text):
    from p8lib.ingest import Problem

    problem = Problem(key, file="r.xlsx", params={"detail": "SIGABRT", "seconds": 2})
    assert text in problem.text(lang)
