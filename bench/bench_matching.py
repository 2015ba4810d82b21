"""Accuracy and speed of name matching on SYNTHETIC messy names (issue #15).

Run: ``.venv/bin/python bench/bench_matching.py`` — prints Markdown tables:

* per vintage and style, on ``--per-style`` (600) units drawn by a seeded generator from the
  package's own units: the share of communes matched right, and the share of rows
  **confidently wrong** (a code given, at any level, that is not the truth);
* the time to match 10,000 names, cold (index built) and warm: the 10,000 names of
  ``bench/bench_data.py`` and 10,000 of this generator (all styles mixed).

``--before DIR`` measures the p8lib in another tree too (say, ``git archive`` of the commit
before a change), each in its own process, in turn (``--rounds``), so both meet the same
machine load. ``--grid`` prints the accuracy for other thresholds and margins.

The names are SYNTHETIC (generated here, never shipped), written the ways reports write
them: with diacritics, without, in NFD, upper case, with abbreviated type words (``TX.``,
``TT.``, ``H.``, ``TP.``, ``Q.``, ``P.``, ``X.``, ``T.``), with English type words after the
name, with two adjacent letters swapped or one letter dropped in every name; namesakes of
another type written with their type word; and (2021) rows whose district is lost: left
empty, written without the type word that tells namesakes apart, or garbled.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
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


def scored(matching, names: pd.DataFrame, vintage: str, **options) -> dict[str, float]:
    """Share of communes right and of rows confidently wrong (any code given ≠ the truth)."""
    levels = [lv for lv in LEVELS if f"true_{lv}" in names]
    got = matching.match_units(names[levels], "province", "district" if "district" in levels
                               else None, "commune", vintage=vintage, **options)
    wrong = np.zeros(len(names), dtype=bool)
    for level in levels:
        code = got[f"{level}_code"]
        wrong |= (code.notna() & (code != names[f"true_{level}"])).to_numpy()
    right = (got["commune_code"] == names["true_commune"]).to_numpy()
    return {"n": len(names), "right": 100 * right.mean(), "wrong": 100 * wrong.mean(),
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
    """Cold (index built) and warm medians of matching ``names``, seconds."""
    cold, warm = [], []
    for times, clear in ((cold, True), (warm, False)):
        for _ in range(runs):
            if clear:
                matching._index.cache_clear()
            start = time.perf_counter()
            matching.match_units(names)
            times.append(time.perf_counter() - start)
    return {"cold": statistics.median(cold), "warm": statistics.median(warm)}


def measure(root: Path, per_style: int, seed: int, runs: int, grid: bool) -> dict:
    """Accuracy per vintage and style, and timings, of the p8lib found in ``root``."""
    sys.path.insert(0, str(root))
    units = importlib.import_module("p8lib.units")
    matching = units.matching
    from bench.bench_data import names_10k as bench_data_names
    result: dict = {"root": str(root), "accuracy": {}, "grid": {}}
    for vintage in ("2021", "2025"):
        for style in STYLES:
            if vintage == "2025" and style == "lost district":
                continue
            names = messy_names(units, vintage, style, per_style, seed)
            result["accuracy"][f"{vintage} | {style}"] = scored(matching, names, vintage)
            if grid:
                for threshold in (60.0, 65.0, 70.0, 75.0, 80.0):
                    for margin in (5.0, 10.0, 15.0, 20.0):
                        matching.FUZZY_MARGIN = margin
                        result["grid"].setdefault(f"{threshold:g} / {margin:g}", []).append(
                            scored(matching, names, vintage, threshold=threshold))
                matching.FUZZY_MARGIN = 10.0
    matching.match_units(bench_data_names().iloc[:10])  # admin tables read once, not timed
    result["time"] = {"bench_data.py names": timings(matching, bench_data_names(), runs),
                      "this generator": timings(matching, names_10k(units, seed), runs)}
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
    for _ in range(args.rounds):
        for label, root in trees.items():
            done = subprocess.run(
                [sys.executable, __file__, "--root", str(root), "--per-style",
                 str(args.per_style), "--seed", str(args.seed), "--runs", str(args.runs)]
                + (["--grid"] if args.grid and label == "after" else []),
                capture_output=True, text=True, check=True, cwd=root)
            results[label].append(json.loads(done.stdout))
    report(results)


def report(results: dict[str, list[dict]]) -> None:
    labels = list(results)
    first = {label: runs[0] for label, runs in results.items()}
    head = " | ".join(f"{label}: right | {label}: wrong" for label in labels)
    print(f"| vintage | style | names | {head} |")
    print("|---|---|---:|" + "---:|---:|" * len(labels))
    for key, after in first["after"]["accuracy"].items():
        cells = " | ".join(f"{first[lb]['accuracy'][key]['right']:.1f} % | "
                           f"{first[lb]['accuracy'][key]['wrong']:.1f} %" for lb in labels)
        vintage, style = key.split(" | ")
        print(f"| {vintage} | {style} | {after['n']} | {cells} |")
    if first["after"]["grid"]:
        print("\n| threshold / margin | lowest right, any style | highest wrong, any style "
              "| mean right | mean wrong |\n|---|---:|---:|---:|---:|")
        for key, items in first["after"]["grid"].items():
            right = [i["right"] for i in items]
            wrong = [i["wrong"] for i in items]
            print(f"| {key} | {min(right):.1f} % | {max(wrong):.1f} % "
                  f"| {statistics.mean(right):.2f} % | {statistics.mean(wrong):.2f} % |")
    print(f"\n| 10,000 names | {' | '.join(f'{lb}: cold | {lb}: warm' for lb in labels)} |")
    print("|---|" + "---:|---:|" * len(labels))
    for what in first["after"]["time"]:
        cells = []
        for label in labels:
            for kind in ("cold", "warm"):
                values = [run["time"][what][kind] for run in results[label]]
                cells.append(f"{1000 * statistics.median(values):.0f} ms "
                             f"({1000 * min(values):.0f}–{1000 * max(values):.0f})")
        print(f"| {what} | {' | '.join(cells)} |")
    print(f"\n({len(results['after'])} processes per tree in turn; each time the median of "
          "its runs; the table shows the median of those and their range.)")


if __name__ == "__main__":
    main()
