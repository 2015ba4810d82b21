"""Rebuild data/figures.csv and data/coverage.csv from the curated source extracts.

The curated files in data/curated/ name units as the sources write them, each row in the
unit set of its ``vintage`` column: "2021" (the units until June 2025) or "2025" (the units
since July 2025, for reports about them). This script turns names into codes with the same
matcher users get — the 2021 figures through the importer itself — so no code is typed by
hand. Coverage gets, besides its curated rows, one count row per figure of an
``implementing_*`` indicator (a report's "implemented in 12 communes" is both).

Run: ``python scripts/build_data.py`` (exits 1, writing nothing, on any error).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from p8lib.contract import (  # noqa: E402
    CURATED,
    DATA,
    FIGURE_COLUMNS,
    KEY_COLUMNS,
    Coverage,
    Figure,
    catalogue,
    expected_level,
)
from p8lib.ingest import import_report  # noqa: E402
from p8lib.present import write_csv_atomic  # noqa: E402
from p8lib.units import NEW, OLD, match_units  # noqa: E402

FIGURES_FILE = CURATED / "figures_from_sources.csv"
COVERAGE_FILE = CURATED / "coverage_from_sources.csv"
# Figures of these indicators also say where Project 8 runs: each becomes a coverage count.
SCOPE_INDICATORS = {"implementing_districts": "district", "implementing_communes": "commune",
                    "implementing_villages": "village"}
SCOPE_ROLES = {"actual": "implementing_area", "target": "planned_area"}


class BuildError(Exception):
    """The curated extracts do not make valid tables; the message says what and where."""


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _codes(rows: pd.DataFrame, vintage: str, file: Path) -> pd.DataFrame:
    """Codes of the rows' unit names in ``vintage`` (no districts in 2025); every name must
    match exactly."""
    district = "district" if vintage == OLD else None
    if vintage == NEW and (rows["district"] != "").any():
        raise BuildError(f"{file.name}: 2025 rows name a district (the 2025 units have none)")
    named = rows[rows["province"] != ""]
    matched = match_units(named, "province", district, "commune", vintage=vintage)
    bad = matched[matched["match_status"] != "exact"]
    if len(bad):
        lines = [f"  row {i + 2}: {r.province!r} {r.get('district', '')!r} {r.commune!r}: "
                 f"{r.match_status}; {r.match_note}" for i, r in bad.iterrows()]
        raise BuildError(f"{file.name}: unit names not matched in the {vintage} units:\n"
                         + "\n".join(lines))
    codes = matched[["province_code", "district_code", "commune_code"]].reindex(rows.index)
    return codes.astype(object).where(codes.notna(), None)


def _figures_2021(rows: pd.DataFrame) -> pd.DataFrame:
    """The 2021 rows through the importer, as a user's long-layout report would go."""
    data = rows.drop(columns=[Figure.vintage]).to_csv(index=False).encode("utf-8")
    result = import_report(FIGURES_FILE, data=data)
    errors = [str(p) for p in result.problems if p.severity == "error"]
    if errors or not result.ok:
        raise BuildError("\n".join(errors))
    tidy = result.tidy()
    if len(tidy) != len(rows):  # the long layout makes one figure per row
        raise BuildError(f"{FIGURES_FILE.name}: {len(rows)} rows made {len(tidy)} figures")
    return tidy.set_axis(rows.index)


def _figures_2025(rows: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The 2025 rows: matched among the 2025 units (the importer knows only 2021's)."""
    frame = pd.concat([_codes(rows, NEW, FIGURES_FILE), rows], axis=1)
    unit_of = indicators.set_index(Figure.indicator_id)[Figure.unit]
    frame[Figure.unit] = frame[Figure.unit].where(frame[Figure.unit] != "",
                                                  frame[Figure.indicator_id].map(unit_of))
    frame[Figure.level] = expected_level(frame)
    frame = frame.replace("", None)
    return Figure.validate(frame[FIGURE_COLUMNS])


def _check_references(figures: pd.DataFrame, indicators: pd.DataFrame,
                      sources: pd.DataFrame) -> None:
    """Every figure's indicator and source exist, and no two figures share a key."""
    for column, known in ((Figure.indicator_id, indicators[Figure.indicator_id]),
                          (Figure.source_id, sources["source_id"])):
        unknown = sorted(set(figures[column]) - set(known))
        if unknown:
            raise BuildError(f"{FIGURES_FILE.name}: unknown {column}: {unknown}")
    repeated = figures[figures.duplicated(KEY_COLUMNS, keep=False)]
    if len(repeated):
        raise BuildError(f"{FIGURES_FILE.name}: rows share unit, indicator, measure, period "
                         f"and source:\n{repeated[KEY_COLUMNS].to_string()}")


def build_figures() -> pd.DataFrame:
    """The figures table made from ``figures_from_sources.csv``, in the file's row order.

    Raises
    ------
    BuildError
        A unit name that does not match, an unknown indicator or source, two figures with
        the same key, or anything the importer reports as an error.
    """
    raw = _read(FIGURES_FILE)
    indicators, sources = catalogue.indicators(), catalogue.sources()
    is_new = raw[Figure.vintage] == NEW
    parts = [_figures_2021(raw[~is_new])]
    if is_new.any():
        parts.append(_figures_2025(raw[is_new], indicators).set_axis(raw.index[is_new]))
    figures = pd.concat(parts).sort_index().reset_index(drop=True)
    figures = Figure.validate(figures)
    _check_references(figures, indicators, sources)
    return figures


def _scope_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """A coverage count row for each figure of an ``implementing_*`` indicator."""
    scope = figures[figures[Figure.indicator_id].isin(list(SCOPE_INDICATORS))]
    return pd.DataFrame({
        **{c: scope[c] for c in (Coverage.province_code, Coverage.district_code,
                                 Coverage.commune_code, Coverage.level)},
        Coverage.role: scope[Figure.measure].map(SCOPE_ROLES),
        Coverage.group: None,
        Coverage.period_start: scope[Figure.period_start],
        Coverage.period_end: scope[Figure.period_end],
        Coverage.count: scope[Figure.value].round().astype("Int64"),
        Coverage.count_of: scope[Figure.indicator_id].map(SCOPE_INDICATORS),
        Coverage.source_id: scope[Figure.source_id],
        Coverage.quote: scope[Figure.quote],
        Coverage.note: scope[Figure.note],
        Coverage.vintage: scope[Figure.vintage],
    })


def build_coverage(figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The coverage table: the rows of ``coverage_from_sources.csv`` (codes matched in each
    row's vintage), then the count rows of the scope figures (:func:`build_figures` unless
    ``figures`` is given).

    Raises
    ------
    BuildError
        A unit name that does not match, or a 2025 row naming a district.
    """
    raw = _read(COVERAGE_FILE)
    codes = pd.concat([_codes(raw[raw[Coverage.vintage] == vintage], vintage, COVERAGE_FILE)
                       for vintage in (OLD, NEW)]).reindex(raw.index)
    curated = pd.concat([codes, raw], axis=1).replace("", None)
    curated[Coverage.level] = expected_level(curated)
    curated[Coverage.count] = pd.to_numeric(curated[Coverage.count]).astype("Int64")
    columns = list(Coverage.to_schema().columns)
    scope = _scope_rows(build_figures() if figures is None else figures)
    both = pd.concat([curated[columns], scope[columns]], ignore_index=True)
    return Coverage.validate(both)


def main() -> None:
    try:
        figures = build_figures()
        coverage = build_coverage(figures)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(1) from None
    write_csv_atomic(figures, DATA / "figures.csv")
    write_csv_atomic(coverage, DATA / "coverage.csv")
    print(f"figures: {len(figures)} rows; coverage: {len(coverage)} rows")


if __name__ == "__main__":
    main()
