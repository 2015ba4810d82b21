"""Every file of the hostile corpus (tests/hostile_files.py) through the import: the errors
and warnings it must get, located where they are; the clean rest of it still imported; and
every non-empty cell accounted for."""

from __future__ import annotations

import pytest

from p8lib.ingest import ImportOptions, import_report
from tests.hostile_files import corpus

OPTIONS = ImportOptions(period=(2023, 2023), source_id="st_2023")
CORPUS = corpus()


@pytest.mark.parametrize("hostile", CORPUS, ids=[h.name for h in CORPUS])
def test_each_hostile_file_gets_its_answer(hostile):
    result = import_report(hostile.name, OPTIONS, data=hostile.data)
    found = {(p.key, p.severity) for p in result.problems}
    for key in hostile.errors:
        assert (key, "error") in found, [str(p) for p in result.problems]
    for key in hostile.warnings:
        assert (key, "warning") in found, [str(p) for p in result.problems]
    assert result.ok is hostile.ok, [str(p) for p in result.problems]
    if hostile.figures is not None:
        assert len(result.figures) == hostile.figures
    located = {(p.key, p.row, p.column) for p in result.problems}
    for where in hostile.where:
        assert where in located, sorted(located, key=str)
    assert all(p.file == hostile.name or not p.file for p in result.problems)


@pytest.mark.parametrize("hostile", CORPUS, ids=[h.name for h in CORPUS])
def test_every_cell_of_a_hostile_file_is_accounted_for(hostile):
    result = import_report(hostile.name, OPTIONS, data=hostile.data)
    assert result.accounting.balanced, result.accounting
    assert "unaccounted" not in {p.key for p in result.problems}
    assert result.accounting.figures == len(result.figures)


@pytest.mark.parametrize("hostile", [h for h in CORPUS if h.errors],
                         ids=[h.name for h in CORPUS if h.errors])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_reads_in_both_languages(hostile, lang):
    result = import_report(hostile.name, OPTIONS, data=hostile.data)
    for problem in result.problems:
        text = problem.text(lang)
        assert text and "{" not in text, (problem.key, text)
    if lang == "vi":
        english = {p.text("en") for p in result.problems}
        assert not english & {p.text("vi") for p in result.problems}, english
