import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.reports import wide_xlsx

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "p8lib", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})


def test_match_writes_codes(tmp_path):
    src = tmp_path / "names.csv"
    src.write_text("province,district,commune\nSóc Trăng,TX. Vĩnh Châu,\n"
                   "Lao Cai,Bac Ha,Ta Chai\nAtlantis,,\n", encoding="utf-8-sig")
    out = tmp_path / "codes.csv"
    done = run("match", src, "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table["district_code"]) == ["950", "085", ""]
    assert list(table["commune_code"]) == ["", "02839", ""]
    assert list(table["match_status"]) == ["exact", "exact", "unmatched"]
    assert "match_score" in table.columns


def test_import_good_report(tmp_path):
    src = tmp_path / "report.xlsx"
    src.write_bytes(wide_xlsx())
    out = tmp_path / "figures.csv"
    done = run("import", src, "--year", "2023", "--source-id", "st", "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(pd.read_csv(out)) == 9
    assert "total row" in done.stderr


def test_import_bad_report_writes_nothing_and_names_the_cell(tmp_path):
    src = tmp_path / "bad.xlsx"
    src.write_bytes(wide_xlsx([[1, "Sóc Trăng", "Mỹ Tú", -3, 1, 1]], extra_sheet=False))
    out = tmp_path / "figures.csv"
    done = run("import", src, "--period", "2021-2025", "-o", out, cwd=tmp_path)
    assert done.returncode == 1
    assert not out.exists()
    assert "bad.xlsx, sheet 'Báo cáo 2023', row 5, column 'Tổ truyền thông" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("content", [b"PK\x03\x04broken", b"\x00\x01\x02"])
def test_broken_files_exit_1_without_traceback(tmp_path, content):
    src = tmp_path / "broken.xlsx"
    src.write_bytes(content)
    done = run("validate", src, "--year", "2023", cwd=tmp_path)
    assert done.returncode == 1
    assert "broken.xlsx" in done.stderr and "Traceback" not in done.stderr


def test_validate_json(tmp_path):
    src = tmp_path / "report.xlsx"
    src.write_bytes(wide_xlsx())
    done = run("validate", src, "--year", "2023", "--json", cwd=tmp_path)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["ok"] and report["figures"] == 9
    assert {p["severity"] for p in report["problems"]} <= {"info", "warning"}


@pytest.mark.parametrize("args", [["import", "x.csv"], ["import", "x.csv", "--period", "2025-2021",
                                                         "-o", "y"]])
def test_usage_errors_exit_2(tmp_path, args):
    assert run(*args, cwd=tmp_path).returncode == 2
