"""Accuracy and speed of name matching on SYNTHETIC messy names (issue #15).

Run: ``.venv/bin/python bench/bench_matching.py [--before DIR] [--grid]`` — prints Markdown:

* per vintage and style, on ``--per-style`` (600) units drawn by a seeded generator from the
  package's own units: the share of communes matched right; the share of rows
  **confidently wrong** (a code given, at any level, that is not the truth); the share an
  oracle that knows the truth finds **undecidable** (the commune as written is as near to
  another unit as to its own: no rule that refuses to guess can place it,
  :func:`undecidable`), and the share refused though decidable;
* with ``--grid``, the same for other thresholds, margins and most edits;
* the time to match 10,000 names, cold (index built) and warm: the 10,000 names of
  ``bench/bench_data.py`` and 10,000 of this generator (its styles mixed).

``--before DIR`` measures the p8lib of another tree too (``git archive`` of the commit
before a change, unpacked), each tree in its own processes, in turn (``--rounds``), so that
both meet the same load of the machine.

The names are SYNTHETIC (generated here, never shipped), written the ways reports write
them: with diacritics, without, in NFD, in upper case, with abbreviated type words (``TX.``,
``TT.``, ``H.``, ``TP.``, ``Q.``, ``P.``, ``X.``, ``T.``, with or without the dot), with
English type words after the name; with two adjacent letters swapped, or one letter
dropped, in every name of the row; with a swap and a drop in the commune's name ("two
slips"); namesakes of another type written with their type word; and (2021) rows whose
district is lost: left empty, written without the type word that tells namesakes apart,
or garbled. Without a type word, a name is written in full or without its type at random.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import machine  # noqa: E402

LEVELS = ("province", "district", "commune")
# Each unit type's abbreviations and English words, as reports write them.
ABBREVIATIONS = {"Tỉnh": ("T.", "T", "Tỉnh"), "Thành phố": ("TP.", "TP", "Tp."),
                 "Huyện": ("H.", "H"), "Quận": ("Q.", "Q"), "Thị xã": ("TX.", "TX", "Tx."),
                 "Thị trấn": ("TT.", "TT", "Tt."), "Xã": ("X.", "X"), "Phường": ("P.", "P"),
                 "Đặc khu": ("Đặc khu",)}
ENGLISH = {"Tỉnh": ("province",), "Thành phố": ("city",), "Huyện": ("district",),
           "Quận": ("district",), "Thị xã": ("town",), "Thị trấn": ("township", "town"),
           "Xã": ("commune",), "Phường": ("ward",), "Đặc khu": ("",)}
TYPES = tuple(sorted(ABBREVIATIONS, key=len, reverse=True))
STYLES = ("diacritics", "no diacritics", "NFD", "upper case", "abbreviations", "English",
          "transposed letters", "dropped letters", "two slips", "namesakes, type word",
          "lost district")


def _split(name_vi: str) -> tuple[str, str]:
    """("Thị trấn", "Mường Tè") from "Thị trấn Mường Tè": the package's full names begin
    with their type (some capitalised: "Thành Phố Bắc Kạn")."""
    for unit_type in TYPES:
        if name_vi.lower().startswith(unit_type.lower() + " "):
            return unit_type, name_vi[len(unit_type) + 1:]
    return "", name_vi


def units_table(units, vintage: str) -> pd.DataFrame:
    """Every commune of a vintage with its district (2021) and province: codes, full names."""
    communes = units.communes(vintage)
    provinces = units.provinces(vintage)[["province_code", "name_vi"]].rename(
        columns={"name_vi": "province"})
    out = communes[["commune_code", "province_code", "name_vi"]].rename(
        columns={"name_vi": "commune"})
    if vintage == "2021":
        districts = units.districts()[["district_code", "name_vi"]].rename(
            columns={"name_vi": "district"})
        out = out.assign(district_code=communes["district_code"]).merge(districts,
                                                                        on="district_code")
    return out.merge(provinces, on="province_code").sort_values("commune_code").reset_index(
        drop=True)


def _namesakes(table: pd.DataFrame, units) -> pd.Series:
    """Rows whose commune or district has a sibling of another type with the same name."""
    def sharing(codes: pd.Series, parents: pd.Series, names: pd.Series) -> pd.Series:
        bases = names.map(lambda n: units.fold(_split(n)[1]))
        kinds = names.map(lambda n: _split(n)[0])
        frame = pd.DataFrame({"code": codes, "parent": parents, "base": bases, "kind": kinds})
        types = frame.drop_duplicates("code").groupby(["parent", "base"])["kind"].nunique()
        return frame.set_index(["parent", "base"]).index.map(types).to_series(
            index=frame.index) > 1

    out = sharing(table["commune_code"], table.get("district_code", table["province_code"]),
                  table["commune"])
    if "district" in table:
        out |= sharing(table["district_code"], table["province_code"], table["district"])
    return out


class Writer:
    """Writes unit names in one style, with a seeded generator."""

    def __init__(self, units, seed: int):
        self.units = units
        self.rng = np.random.default_rng(seed)

    def pick(self, options):
        return options[int(self.rng.integers(len(options)))]

    def typed(self, name_vi: str, words: dict[str, tuple[str, ...]] | None, after=False) -> str:
        """The name with its type word as one of ``words``, or as written when None."""
        unit_type, proper = _split(name_vi)
        if words is None:
            return name_vi
        word = self.pick(words[unit_type]) if unit_type in words else ""
        if not word:
            return proper
        if after:
            return f"{proper} {word}"
        return f"{word}{self.pick(('', ' '))}{proper}" if word.endswith(".") else (
            f"{word} {proper}")

    def plain(self, name_vi: str) -> str:
        """As written in full, or without the type word, one or the other at random."""
        return name_vi if self.rng.random() < 0.5 else _split(name_vi)[1]

    def slip(self, name_vi: str, kind: str) -> str:
        """One slip in the name proper, its type word kept or left out at random: two
        adjacent letters swapped (``kind="swap"``), or one letter dropped."""
        unit_type, proper = _split(name_vi)
        letters = [i for i, ch in enumerate(proper) if ch.isalpha()]
        if kind == "swap":
            pairs = [i for i in letters if i + 1 < len(proper) and proper[i + 1].isalpha()
                     and proper[i].lower() != proper[i + 1].lower()]
            if pairs:
                i = self.pick(pairs)
                proper = proper[:i] + proper[i + 1] + proper[i] + proper[i + 2:]
        elif len(letters) > 2:
            i = self.pick(letters)
            proper = proper[:i] + proper[i + 1:]
        return f"{unit_type} {proper}".strip() if self.rng.random() < 0.5 else proper

    def garble(self, name: str) -> str:
        """A district name no reader could place: three letters replaced."""
        chars = list(self.units.strip_marks(_split(name)[1]).lower())
        for _ in range(3):
            chars[int(self.rng.integers(len(chars)))] = self.pick(list("qwzjfk"))
        return "".join(chars)

    def row(self, style: str, names: dict[str, str]) -> dict[str, str]:
        """One row's names (province, district, commune) written in ``style``."""
        out = {}
        for level, name in names.items():
            if style == "diacritics":
                out[level] = self.plain(name)
            elif style == "no diacritics":
                out[level] = self.units.strip_marks(self.plain(name))
            elif style == "NFD":
                out[level] = unicodedata.normalize("NFD", self.plain(name))
            elif style == "upper case":
                out[level] = self.plain(name).upper()
            elif style == "abbreviations":
                out[level] = self.typed(name, ABBREVIATIONS)
            elif style == "English":
                out[level] = self.units.strip_marks(self.typed(name, ENGLISH, after=True))
            elif style in ("transposed letters", "dropped letters"):
                out[level] = self.slip(name, "swap" if style.startswith("transposed") else "drop")
            elif style == "two slips":
                out[level] = self.slip(self.slip(name, "swap"), "drop") if (
                    level == "commune") else name
            elif style == "namesakes, type word":
                words = self.pick((None, ABBREVIATIONS, ENGLISH))
                out[level] = self.typed(name, words, after=words is ENGLISH)
            elif style == "lost district":
                out[level] = self.typed(name, ABBREVIATIONS) if level != "district" else ""
        if style == "lost district":
            how = self.pick(("empty", "no type word", "garbled"))
            out["district"] = {"empty": "", "no type word": _split(names["district"])[1],
                               "garbled": self.garble(names["district"])}[how]
        return out


def messy_names(units, vintage: str, style: str, n: int, seed: int) -> pd.DataFrame:
    """``n`` units of ``vintage`` drawn at random (seeded), their names written in ``style``;
    the true codes in ``true_*`` columns. SYNTHETIC."""
    table = units_table(units, vintage)
    if style == "namesakes, type word":
        table = table[_namesakes(table, units)]
    rng = np.random.default_rng([seed, STYLES.index(style), int(vintage)])
    drawn = table.iloc[rng.choice(len(table), size=min(n, len(table)), replace=False)]
    levels = [lv for lv in LEVELS if lv in table]
    writer = Writer(units, seed=int(rng.integers(1 << 31)))
    rows = [writer.row(style, {lv: getattr(r, lv) for lv in levels})
            for r in drawn.itertuples()]
    out = pd.DataFrame(rows, columns=levels)
    for level in levels:
        out[f"true_{level}"] = drawn[f"{level}_code"].to_numpy()
    return out


def scored(matching, names: pd.DataFrame, vintage: str, **options) -> dict:
    """Share of communes right and of rows confidently wrong (a code given, at any level,
    that is not the truth), with each row's ``right`` and ``wrong`` (0/1) and the statuses."""
    levels = [lv for lv in LEVELS if f"true_{lv}" in names]
    got = matching.match_units(names[levels], "province", "district" if "district" in levels
                               else None, "commune", vintage=vintage, **options)
    wrong = np.zeros(len(names), dtype=bool)
    for level in levels:
        code = got[f"{level}_code"]
        wrong |= (code.notna() & (code != names[f"true_{level}"])).to_numpy()
    right = (got["commune_code"] == names["true_commune"]).to_numpy()
    return {"n": len(names), "right": 100 * right.mean(), "wrong": 100 * wrong.mean(),
            "right_rows": right.astype(int).tolist(), "wrong_rows": wrong.astype(int).tolist(),
            "statuses": got["match_status"].value_counts().to_dict()}


def undecidable(units, names: pd.DataFrame, vintage: str, style: str) -> np.ndarray:
    """Rows that no rule refusing to guess can place: the commune as written is as near to
    another commune its row leaves open as to its own — in OSA edits between the folded
    names without their type words and, when written with diacritics, between the names
    with their marks too; a namesake of another type does not count when a type word is
    written. An oracle that knows the truth, to read the misses against."""
    from rapidfuzz.distance import OSA

    from p8lib.units import marked_key, split_type  # this tree's reading of type words

    table = units_table(units, vintage)
    split = table["commune"].map(_split)
    table = table.assign(kind=split.str[0].map(units.fold), proper=split.str[1])
    table = table.assign(folded=table["proper"].map(units.fold),
                         marked=table["proper"].map(marked_key))
    if vintage == "2021":
        table["district_name"] = table["district"].map(lambda d: units.fold(_split(d)[1]))
    by_code = table.set_index("commune_code")
    out = np.zeros(len(names), dtype=bool)
    for i, row in enumerate(names.itertuples()):
        truth = by_code.loc[row.true_commune]
        if vintage == "2025" or style == "lost district":
            scope = table["province_code"] == truth["province_code"]
            if style == "lost district" and units.fold(row.district) == truth["district_name"]:
                scope &= table["district_name"] == truth["district_name"]  # namesakes only
        else:
            scope = table["district_code"] == truth["district_code"]
        rivals = table[scope & (table["commune_code"] != row.true_commune)]
        typed = split_type(row.commune)
        if typed.types:  # a namesake of another type is told apart by the type word
            rivals = rivals[rivals["kind"].isin(typed.types)
                            | (rivals["folded"] != truth["folded"])]
        near = np.array([OSA.distance(typed.base, f) for f in rivals["folded"]]) <= OSA.distance(
            typed.base, truth["folded"])
        written = marked_key(row.commune)
        if near.any() and written != typed.whole and len(written) == len(typed.whole):
            written = written[typed.whole.find(typed.base):][:len(typed.base)]
            own = OSA.distance(written, truth["marked"])
            near &= np.array([OSA.distance(written, m) for m in rivals["marked"]]) <= own
        out[i] = near.any()
    return out


def names_10k(units, seed: int) -> pd.DataFrame:
    """10,000 names of this generator, 1,000 of each style of 2021 (namesakes excepted)."""
    styles = [s for s in STYLES if s != "namesakes, type word"]
    parts = [messy_names(units, "2021", s, 10_000 // len(styles) + 1, seed) for s in styles]
    return pd.concat(parts, ignore_index=True).iloc[:10_000][list(LEVELS)]


def timings(matching, names: pd.DataFrame, runs: int) -> dict[str, float]:
    """Cold (index built) and warm medians of matching ``names``, seconds: wall clock, and
    this process's CPU time (which other work on a shared machine slows less)."""
    out = {}
    for kind in ("cold", "warm"):
        wall, cpu = [], []
        for _ in range(runs):
            if kind == "cold":
                matching._index.cache_clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            matching.match_units(names)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        out[kind], out[f"{kind} cpu"] = statistics.median(wall), statistics.median(cpu)
    return out


def styles_of(vintage: str) -> list[str]:
    return [s for s in STYLES if not (vintage == "2025" and s == "lost district")]


GRID = {"threshold": (55.0, 60.0, 65.0, 70.0, 75.0), "margin": (1, 2), "most_edits": (2, 3)}


def measure(root: Path, per_style: int, seed: int, runs: int, grid: bool) -> dict:
    """Accuracy per vintage and style, and timings, of the p8lib found in ``root``; with
    ``grid``, the accuracy for each threshold, margin and most edits of :data:`GRID`."""
    sys.path.insert(0, str(root))
    units = importlib.import_module("p8lib.units")
    matching = units.matching
    from bench.bench_data import names_10k as bench_data_names
    result: dict = {"root": str(root), "accuracy": {}, "grid": []}
    sets = {(v, s): messy_names(units, v, s, per_style, seed)
            for v in ("2021", "2025") for s in styles_of(v)}
    for (vintage, style), names in sets.items():
        result["accuracy"][f"{vintage} | {style}"] = scored(matching, names, vintage)
    if grid:
        chosen = (matching.DEFAULT_THRESHOLD, matching.FUZZY_MARGIN, matching.MOST_EDITS)
        for threshold, margin, most in itertools.product(*GRID.values()):
            matching.FUZZY_MARGIN, matching.MOST_EDITS = margin, most
            cells = {f"{v} | {s}": scored(matching, names, v, threshold=threshold)
                     for (v, s), names in sets.items()}
            result["grid"].append({"rule": [threshold, margin, most], "chosen": [
                threshold, margin, most] == list(chosen), "cells": {
                k: {"right": c["right"], "wrong": c["wrong"]} for k, c in cells.items()}})
        matching.FUZZY_MARGIN, matching.MOST_EDITS = chosen[1:]
    matching.match_units(bench_data_names().iloc[:10])  # admin tables read once, not timed
    result["time"] = {"the 10,000 names of bench_data.py": timings(
        matching, bench_data_names(), runs), "10,000 names of this generator": timings(
        matching, names_10k(units, seed), runs)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-style", type=int, default=600)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measure")
    parser.add_argument("--rounds", type=int, default=3, help="processes per tree, in turn")
    parser.add_argument("--before", type=Path, help="another tree's p8lib to compare with")
    parser.add_argument("--grid", action="store_true", help="other thresholds and margins")
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)  # a child process
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    if args.root:
        print(json.dumps(measure(args.root, args.per_style, args.seed, args.runs, args.grid)))
        return
    trees = {"after": HERE.parent} | ({"before": args.before} if args.before else {})
    results: dict[str, list[dict]] = {label: [] for label in trees}
    for round_ in range(args.rounds):
        for label, root in trees.items():
            done = subprocess.run(
                [sys.executable, __file__, "--root", str(root), "--per-style",
                 str(args.per_style), "--seed", str(args.seed), "--runs", str(args.runs)]
                + (["--grid"] if args.grid and label == "after" and round_ == 0 else []),
                capture_output=True, text=True, check=True, cwd=root)
            results[label].append(json.loads(done.stdout))
    units = importlib.import_module("p8lib.units")
    oracle = {f"{v} | {s}": undecidable(units, messy_names(units, v, s, args.per_style,
                                                             args.seed), v, s)
              for v in ("2021", "2025") for s in styles_of(v)}
    print(f"machine: {machine()}; load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
          f"; {args.per_style} names per style, seed {args.seed}\n")
    report(results, oracle)


def _pct(value: float) -> str:
    return f"{value:.1f} %"


def report(results: dict[str, list[dict]], oracle: dict[str, np.ndarray]) -> None:
    """Markdown tables: accuracy per style (beside the other tree's), the grid, timings."""
    after = results["after"][0]
    before = results["before"][0] if "before" in results else None
    print("| vintage | style | names | right | confidently wrong | budget (≥ 98 %, ≤ 0.5 %) "
          "| undecidable | refused though decidable"
          + (" | before: right | before: wrong |" if before else " |"))
    print("|---|---|---:|---:|---:|---|---:|---:|" + ("---:|---:|" if before else ""))
    for key, cell in after["accuracy"].items():
        right, wrong = np.array(cell["right_rows"], bool), np.array(cell["wrong_rows"], bool)
        missed = ~right & ~wrong & ~oracle[key]
        met = "met" if cell["right"] >= 98 and cell["wrong"] <= 0.5 else "**not met**"
        old = (f" | {_pct(before['accuracy'][key]['right'])} "
               f"| {_pct(before['accuracy'][key]['wrong'])} |" if before else " |")
        vintage, style = key.split(" | ")
        print(f"| {vintage} | {style} | {cell['n']} | {_pct(cell['right'])} "
              f"| {_pct(cell['wrong'])} | {met} | {_pct(100 * oracle[key].mean())} "
              f"| {_pct(100 * missed.mean())}{old}")
    if after["grid"]:
        print("\n| threshold | margin (edits) | most edits | lowest right, one slip or none "
              "| highest wrong, one slip or none | two slips: right, wrong "
              "| lost district: right, wrong |\n|---:|---:|---:|---:|---:|---|---|")
        for line in after["grid"]:
            cells = line["cells"]
            single = [c for k, c in cells.items() if not k.endswith(("two slips",
                                                                     "lost district"))]
            two = [cells[f"{v} | two slips"] for v in ("2021", "2025")]
            lost = cells["2021 | lost district"]
            threshold, margin, most = line["rule"]
            mark = " (chosen)" if line["chosen"] else ""
            print(f"| {threshold:g}{mark} | {margin} | {most} "
                  f"| {_pct(min(c['right'] for c in single))} "
                  f"| {_pct(max(c['wrong'] for c in single))} "
                  f"| {', '.join(_pct(c['right']) + ' / ' + _pct(c['wrong']) for c in two)} "
                  f"| {_pct(lost['right'])} / {_pct(lost['wrong'])} |")
    labels = list(results)
    kinds = ("cold", "warm", "cold cpu", "warm cpu")
    print(f"\n| match 10,000 names | {' | '.join(f'{lb}: {k}' for lb in labels for k in kinds)}"
          " | budget |\n|---|" + "---:|" * len(kinds) * len(labels) + "---|")
    for what in after["time"]:
        cells = []
        for label in labels:
            for kind in kinds:
                values = [run["time"][what][kind] for run in results[label]]
                cells.append(f"{1000 * statistics.median(values):,.0f} ms "
                             f"({1000 * min(values):,.0f}–{1000 * max(values):,.0f})")
        print(f"| {what} | {' | '.join(cells)} | < 2 s |")
    print(f"\n{len(results['after'])} processes per tree, in turn; each the median of its "
          "runs; the table gives the median of the processes and their range.")


if __name__ == "__main__":
    main()
