"""Import of national-scale SYNTHETIC reports beside the bare reader on the same file.

Run: ``.venv/bin/python bench/bench_import.py`` (after ``bench/synthetic.py``). Writes
``bench/out/import.json`` after every item, so a slow or interrupted run keeps what it
measured. Budget (issue #5): :func:`p8lib.ingest.importer.import_report` <= 2x the bare reader.

Items: the 1,000,000-row long CSV vs ``pandas.read_csv``; the 100,000-row long XLSX vs
``pandas.read_excel(engine="calamine")``; the wide XLSX of the province with the most figures
(names matched to codes) vs ``read_excel``. Slow items get fewer runs (see
:func:`bench.scale_common.timed_within`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import synthetic  # noqa: E402
from bench.common import machine  # noqa: E402
from bench.scale_common import OUT, timed_within, write_json  # noqa: E402
from p8lib.ingest import ImportOptions, import_report  # noqa: E402

RESULT = OUT / "import.json"
BUDGET_RATIO = 2.0


def _item(name: str, path: Path, bare, options: ImportOptions, seconds: float) -> dict:
    data = path.read_bytes()
    base = timed_within(lambda: bare(path), runs=5, seconds=seconds)
    imp = timed_within(lambda: import_report(path.name, options, data=data), runs=3,
                       seconds=seconds)
    result = import_report(path.name, options, data=data)
    return {"name": name, "file": path.name, "bytes": len(data), "bare": base,
            "import": imp, "ratio": imp["median"] / base["median"], "budget": BUDGET_RATIO,
            "figures": len(result.figures), "problems": len(result.problems),
            "errors": sum(p.severity == "error" for p in result.problems)}


def main() -> None:
    paths = {"csv": OUT / f"{synthetic.LONG_STEM}.csv", "xlsx": OUT / synthetic.XLSX_LONG}
    wide = sorted((OUT / "wide").glob("synthetic_wide_*.xlsx"), key=lambda p: p.stat().st_size)
    results = {"machine": machine(), "items": []}
    options = ImportOptions(source_id=synthetic.SOURCE_ID)
    items = [
        ("long CSV, 1,000,000 rows", paths["csv"],
         lambda p: pd.read_csv(p, dtype=str, keep_default_na=False), 240.0),
        ("long XLSX, 100,000 rows", paths["xlsx"],
         lambda p: pd.read_excel(p, header=None, dtype=str, engine="calamine"), 120.0),
    ]
    if wide:
        items.append((f"wide XLSX, largest province ({wide[-1].stem[-2:]})", wide[-1],
                      lambda p: pd.read_excel(p, header=None, dtype=str, engine="calamine"),
                      60.0))
    for name, path, bare, seconds in items:
        if not path.exists():
            print(f"missing {path}: run bench/synthetic.py first", file=sys.stderr)
            continue
        item = _item(name, path, bare, options, seconds)
        results["items"].append(item)
        write_json(RESULT, results)
        print(f"{name}: import {item['import']['median']:.2f} s, bare "
              f"{item['bare']['median']:.2f} s, {item['ratio']:.1f}x "
              f"({item['figures']:,} figures, {item['errors']} errors)", flush=True)


if __name__ == "__main__":
    main()
