"""The SYNTHETIC data generator of the benchmarks (bench/synthetic.py), at small size.

Same seed, same rows; rows valid against the data contract and marked synthetic; the wide
files per province read back by the importer into the same figures; the app loads the
long file and knows it is synthetic.
"""

from __future__ import annotations

import pandas as pd
import pytest

from app.data import has_synthetic, read_figures
from bench import synthetic
from p8lib.contract import catalogue
from p8lib.contract.schema import FIGURE_COLUMNS, KEY_COLUMNS, Figure
from p8lib.ingest.importer import ImportOptions, import_report

ROWS = 3_000


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return synthetic.figures(ROWS, seed=3)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("synthetic")
    return synthetic.write_all(out, rows=1_500, seed=5, log=lambda *_: None)


def test_same_seed_same_rows_other_seed_other_rows(small):
    pd.testing.assert_frame_equal(small, synthetic.figures(ROWS, seed=3))
    other = synthetic.figures(ROWS, seed=4)
    assert not small[KEY_COLUMNS].equals(other[KEY_COLUMNS])


def test_rows_fit_the_contract_and_the_requested_size(small):
    assert list(small.columns) == FIGURE_COLUMNS
    Figure.validate(small, lazy=True)
    assert ROWS - 6 <= len(small) <= ROWS
    assert not small.duplicated(KEY_COLUMNS).any()


def test_every_row_says_it_is_synthetic(small):
    assert set(small[Figure.source_id]) == {synthetic.SOURCE_ID}
    assert set(small[Figure.quote]) == {synthetic.QUOTE}
    assert "SYNTHETIC" in synthetic.QUOTE and "not real data" in synthetic.QUOTE


@pytest.mark.parametrize(
    ("column", "expected"),
    [(Figure.measure, {"target", "actual"}), (Figure.level, {"commune"}),
     (Figure.period_start, set(range(2021, 2026)))],
)
def test_figures_cover_both_measures_communes_and_every_year(small, column, expected):
    assert set(small[column]) == expected


def test_targets_are_the_phase_and_results_are_yearly(small):
    targets = small[small[Figure.measure] == "target"]
    actuals = small[small[Figure.measure] == "actual"]
    assert set(targets[Figure.period_start]) == {2021}
    assert set(targets[Figure.period_end]) == {2025}
    assert (actuals[Figure.period_start] == actuals[Figure.period_end]).all()
    shares = small[small[Figure.unit] == "percent"][Figure.value]
    assert shares.between(0, 100).all()


def test_files_are_named_and_titled_synthetic(written):
    names = [p.name for p in written["wide"].iterdir()] + [written["csv"].name,
                                                           written["xlsx_long"].name]
    assert names and all("synthetic" in n for n in names)
    first = next(written["wide"].glob("*.csv"))
    assert "SYNTHETIC" in first.read_text(encoding="utf-8-sig").splitlines()[0]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_wide_files_import_back_to_the_same_figures(written, suffix):
    long = pd.read_parquet(written["parquet"])
    path = sorted(written["wide"].glob(f"*{suffix}"))[0]
    province = path.stem.rsplit("_", 1)[-1]
    result = import_report(path, ImportOptions(source_id=synthetic.SOURCE_ID))
    assert result.ok, [p for p in result.problems if p.severity == "error"]
    assert any("Tổng cộng" in p.message for p in result.problems)  # the total row: skipped
    got = result.tidy()
    expected = long[long[Figure.province_code] == province]
    keys = [Figure.commune_code, Figure.indicator_id, Figure.measure, Figure.period_start]
    got = got.sort_values(keys).reset_index(drop=True)
    expected = expected.sort_values(keys).reset_index(drop=True)
    columns = [*KEY_COLUMNS, Figure.level, Figure.value, Figure.unit]
    pd.testing.assert_frame_equal(got[columns], expected[columns], check_dtype=False)


def test_the_app_loads_the_long_file_and_flags_it(written):
    frame = read_figures(written["parquet"])
    assert len(frame) == len(pd.read_parquet(written["parquet"]))
    assert frame[Figure.province_code].str.fullmatch(r"\d{2}").all()
    assert has_synthetic(frame)
    assert has_synthetic(read_figures(written["csv"]))


@pytest.mark.parametrize(("sources", "expected"),
                         [(["a", "synthetic"], True), (["a", "b"], False),
                          (["synthetic_wide_94"], True)])
def test_has_synthetic(sources, expected):
    frame = pd.DataFrame({Figure.source_id: sources})
    assert has_synthetic(frame) is expected
    assert has_synthetic(frame.astype("category")) is expected


def test_shipped_figures_are_not_synthetic():
    from p8lib.contract import catalogue

    assert not has_synthetic(catalogue.figures())


def test_cached_summaries_equal_the_direct_ones(monkeypatch):
    from app import data
    from p8lib.analysis import filters, metrics
    from p8lib.contract import catalogue

    monkeypatch.delenv(data.FIGURES_ENV, raising=False)
    shipped = catalogue.figures()
    assert data.year_options() == filters.year_options(shipped)
    assert data.province_options() == filters.province_options(shipped, catalogue.coverage())
    assert data.coverage_counts() == metrics.coverage_counts(catalogue.coverage(), shipped)
    assert not data.is_synthetic()
    monkeypatch.setenv(data.FIGURES_ENV, "any.parquet")
    assert data.figures_path().name == "any.parquet"
    assert data.is_synthetic()  # P8_FIGURES set: synthetic, before anything is read


def test_cached_reported_where_equals_the_direct_table(monkeypatch):
    from app import data, views
    from p8lib.analysis import metrics
    from p8lib.contract import catalogue
    from p8lib.present import tables

    monkeypatch.delenv(data.FIGURES_ENV, raising=False)
    shown = metrics.filter_figures(catalogue.figures(), province="94")
    expected = tables.reported_where(shown, catalogue.indicators(), "en")
    pd.testing.assert_frame_equal(views.reported_where("94", None, None, None, "en"), expected)


def test_a_parquet_file_without_vintage_reads_as_2021(tmp_path):
    path = tmp_path / "old.parquet"
    frame = catalogue.figures().query("vintage == '2021'").drop(columns="vintage")
    frame.to_parquet(path)
    assert set(read_figures(path)["vintage"]) == {"2021"}
