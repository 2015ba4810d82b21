"""Import of national-scale SYNTHETIC reports beside the bare reader on the same file.

Run: ``.venv/bin/python bench/bench_import.py [--before DIR] [--rounds 3] [--only NAME …]``
(after ``bench/synthetic.py``). Writes ``bench/out/import.json`` after every item, so a slow
or interrupted run keeps what it measured. Budgets: :func:`p8lib.ingest.import_report`
≤ 2× the bare reader (issue #5); the 1M long and the 100k-row wide imports keep their
ratios (issue #11) — ``--before`` measures another tree's p8lib (``git archive`` of the
commit before a change, unpacked) on the same files, so that "kept" is judged in one run.

Items: the 1,000,000-row long CSV vs ``pandas.read_csv``; the 100,000-row long XLSX vs
``pandas.read_excel(engine="calamine")``; the wide XLSX of the province with the most figures
(names matched to codes) vs ``read_excel``; the 100,000-row wide CSV of ``bench_data.py``
(10,000 names, a tenth misspelt) vs ``read_csv``.

Method: each tree's imports run in their own process (``--root``), the trees in turn for
``--rounds`` rounds; in a process, each import runs once untimed (the name index and the
catalogues are built by the first), then in turn with its bare reader
(:func:`bench.scale_common.alternating`). A round's ratio is the median import over the
median bare read of that process; the ratio reported is the median over rounds.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
RESULT = HERE / "out" / "import.json"
BUDGET_RATIO = 2.0
SOURCE_ID = "synthetic"  # bench/synthetic.py's SOURCE_ID


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _read_excel(path: Path) -> pd.DataFrame:
    return pd.read_excel(path, header=None, dtype=str, engine="calamine")


def items() -> dict[str, tuple[Path, object, int]]:
    """Item name → (file, bare reader, timed runs of each)."""
    out = HERE / "out"
    wide = sorted((out / "wide").glob("synthetic_wide_*.xlsx"), key=lambda p: p.stat().st_size)
    found = {"long CSV, 1,000,000 rows": (out / "synthetic_figures.csv", _read_csv, 5),
             "long XLSX, 100,000 rows": (out / "synthetic_long_100k.xlsx", _read_excel, 5)}
    if wide:
        found[f"wide XLSX, largest province ({wide[-1].stem[-2:]})"] = (wide[-1], _read_excel,
                                                                       15)
    found["wide CSV, 100,000 rows (bench_data.py)"] = (out / "bench_data_wide_100k.csv",
                                                      _read_csv, 7)
    return found


def measure(root: Path, name: str) -> dict:
    """Time the p8lib found in ``root`` on one item, beside its bare reader (a child)."""
    sys.path.insert(0, str(root))
    ingest = importlib.import_module("p8lib.ingest")
    sys.path.insert(1, str(HERE.parent))
    from bench.scale_common import alternating

    path, bare, runs = items()[name]
    data = path.read_bytes()
    options = ingest.ImportOptions(source_id=SOURCE_ID)
    result = ingest.import_report(path.name, options, data=data)
    base, imp = alternating(lambda: bare(path),
                            lambda: ingest.import_report(path.name, options, data=data), runs)
    return {"bytes": len(data), "bare": base, "import": imp,
            "ratio": imp["median"] / base["median"], "figures": len(result.figures),
            "problems": len(result.problems),
            "errors": sum(p.severity == "error" for p in result.problems)}


def _write_inputs() -> None:
    """The 100,000-row wide CSV of bench_data.py, written once as a file."""
    target = items()["wide CSV, 100,000 rows (bench_data.py)"][0]
    if not target.exists():
        sys.path.insert(0, str(HERE.parent))
        from bench.bench_data import wide_csv
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(wide_csv())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another tree's p8lib to compare with")
    parser.add_argument("--after", type=Path, default=HERE.parent,
                        help="the tree measured as 'after' (default: this one)")
    parser.add_argument("--rounds", type=int, default=1, help="processes per tree, in turn")
    parser.add_argument("--only", nargs="*", help="items whose name starts so")
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)  # a child process
    parser.add_argument("--item", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.root:
        print(json.dumps(measure(args.root, args.item)))
        return
    _write_inputs()
    sys.path.insert(0, str(HERE.parent))
    from bench.common import machine
    from bench.scale_common import write_json

    trees = {"after": args.after.resolve()} | (
        {"before": args.before.resolve()} if args.before else {})
    results = {"machine": machine(), "trees": {k: str(v) for k, v in trees.items()},
               "rounds": args.rounds, "items": []}
    for name, (path, _, _) in items().items():
        if args.only and not any(name.startswith(o) for o in args.only):
            continue
        if not path.exists():
            print(f"missing {path}: run bench/synthetic.py first", file=sys.stderr)
            continue
        rounds: dict[str, list[dict]] = {label: [] for label in trees}
        for _ in range(args.rounds):
            for label, root in trees.items():
                done = subprocess.run([sys.executable, __file__, "--root", str(root),
                                       "--item", name], capture_output=True, text=True,
                                      check=True, cwd=root)
                rounds[label].append(json.loads(done.stdout.strip().splitlines()[-1]))
        item = {"name": name, "file": path.name, "budget": BUDGET_RATIO, "rounds": rounds}
        for label, runs in rounds.items():
            item[label] = {
                "ratio": statistics.median(r["ratio"] for r in runs),
                "import_median": statistics.median(r["import"]["median"] for r in runs),
                "bare_median": statistics.median(r["bare"]["median"] for r in runs),
                "figures": runs[-1]["figures"], "errors": runs[-1]["errors"]}
        results["items"].append(item)
        write_json(RESULT, results)
        print(f"{name}: " + "; ".join(
            f"{label} import {v['import_median']:.2f} s, bare {v['bare_median']:.2f} s, "
            f"{v['ratio']:.2f}x ({v['figures']:,} figures, {v['errors']} errors)"
            for label, v in ((k, item[k]) for k in trees)), flush=True)


if __name__ == "__main__":
    main()
