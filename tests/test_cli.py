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
    done = run("match", src, "-o", out, "--lang", "en", cwd=tmp_path)
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
    done = run("import", src, "--year", "2023", "--source-id", "st", "-o", out, "--lang", "en",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(pd.read_csv(out)) == 9
    assert "total row" in done.stderr


def test_import_bad_report_writes_nothing_and_names_the_cell(tmp_path):
    src = tmp_path / "bad.xlsx"
    src.write_bytes(wide_xlsx([[1, "Sóc Trăng", "Mỹ Tú", -3, 1, 1]], extra_sheet=False))
    out = tmp_path / "figures.csv"
    done = run("import", src, "--period", "2021-2025", "-o", out, "--lang", "en", cwd=tmp_path)
    assert done.returncode == 1
    assert not out.exists()
    assert "bad.xlsx, sheet 'Báo cáo 2023', row 5, column 'Tổ truyền thông" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("name", "content"), [
    ("broken.xlsx", b"PK\x03\x04broken"), ("broken.xlsx", b"\x00\x01\x02"),
    ("broken.csv", bytes(range(256)) * 4),  # garbage
    ("broken.csv", b"STT,T\x00nh\n1,2\n"),  # a NUL early in a CSV
    ("broken.csv", "Năm,Tỉnh,Đối thoại chính sách\n1e309,Cao Bằng,١٢\n".encode()),
], ids=["zip-header", "bytes", "garbage", "nul", "year-1e309-arabic-digits"])
def test_broken_files_exit_1_without_traceback(tmp_path, name, content):
    src = tmp_path / name
    src.write_bytes(content)
    done = run("validate", src, "--year", "2023", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 1
    assert name in done.stderr and "Traceback" not in done.stderr, done.stderr


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


def cli(capsys, *args):
    """The command line run in this process: (exit status, standard error)."""
    from p8lib.cli import main

    status = main([str(a) for a in args])
    return status, capsys.readouterr().err


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "dòng 5, cột 'Tổ truyền thông cộng đồng (tổ)': giá trị âm"),
    ("en", "row 5, column 'Tổ truyền thông cộng đồng (tổ)': negative value"),
])
def test_problems_are_written_in_the_language_asked(tmp_path, capsys, lang, text):
    src = tmp_path / "bad.xlsx"
    src.write_bytes(wide_xlsx([[1, "Sóc Trăng", "Mỹ Tú", -3, 1, 1]], extra_sheet=False))
    status, err = cli(capsys, "validate", src, "--year", "2023", "--lang", lang)
    assert status == 1
    assert text in err, err


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_outputs_are_formula_safe_and_numbers_stay_numbers(tmp_path, capsys, suffix):
    src = tmp_path / "report.xlsx"
    src.write_bytes(wide_xlsx())
    out = tmp_path / f"figures{suffix}"
    status, err = cli(capsys, "import", src, "--year", "2023", "--source-id",
                      "=cmd|' /C calc'!A0",
                      "-o", out, "--lang", "en")
    assert status == 0, err
    table = (pd.read_excel(out, engine="calamine") if suffix == ".xlsx"
             else pd.read_csv(out, encoding="utf-8-sig"))
    assert set(table["source_id"]) == {"'=cmd|' /C calc'!A0"}
    assert pd.api.types.is_numeric_dtype(table["value"]) and table["value"].sum() == 33


@pytest.mark.parametrize("target", ["link", "folder"])
def test_output_onto_a_link_or_a_folder_is_refused(tmp_path, capsys, target):
    src = tmp_path / "report.xlsx"
    src.write_bytes(wide_xlsx())
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out.csv"
    if target == "link":
        out.symlink_to(victim)
    else:
        out.mkdir()
    status, err = cli(capsys, "import", src, "--year", "2023", "-o", out, "--lang", "en")
    assert status == 1 and "not a regular file" in err, err
    assert victim.read_text() == "keep me"
    assert out.is_symlink() == (target == "link")


def test_output_replaces_a_regular_file_keeping_its_permissions(tmp_path, capsys):
    src = tmp_path / "report.xlsx"
    src.write_bytes(wide_xlsx())
    out = tmp_path / "out.csv"
    out.write_text("old")
    out.chmod(0o644)
    status, _ = cli(capsys, "import", src, "--year", "2023", "-o", out)
    assert status == 0
    assert out.stat().st_mode & 0o777 == 0o644
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == 9
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "report.xlsx"]


def test_match_output_is_formula_safe(tmp_path, capsys):
    src = tmp_path / "names.csv"
    src.write_text("province,district\n=HYPERLINK(\"x\"),\nSóc Trăng,Mỹ Tú\n", encoding="utf-8")
    out = tmp_path / "codes.csv"
    status, err = cli(capsys, "match", src, "-o", out, "--lang", "en")
    assert status == 0, err
    table = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table["province"].tolist() == ["'=HYPERLINK(\"x\")", "Sóc Trăng"]
    assert table["district_code"].tolist() == ["", "944"]


def test_the_summary_accounts_for_every_cell(tmp_path, capsys):
    src = tmp_path / "report.xlsx"
    src.write_bytes(wide_xlsx())
    _, err = cli(capsys, "validate", src, "--year", "2023", "--lang", "en")
    assert "30 non-empty cells read: 9 figures, 8 labels" in err, err


def test_a_failure_no_check_foresaw_is_one_message(tmp_path, capsys, monkeypatch):
    from p8lib.cli import reports

    def broken(args):
        raise KeyError("boom")

    monkeypatch.setattr(reports, "_import", broken)
    src = tmp_path / "report.xlsx"
    src.write_bytes(wide_xlsx())
    status, err = cli(capsys, "validate", src, "--year", "2023", "--lang", "en")
    assert status == 1
    assert err.strip() == (f"ERROR: program error (KeyError) while handling {src}; please "
                           "report it with the command you ran")
