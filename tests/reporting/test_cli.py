"""The ``lsmnet report`` sub-command (registered on a parser of its own here; the lead's
lsmnet.cli adds it to the main parser)."""

from __future__ import annotations

import argparse

import openpyxl
import pandas as pd
import pytest

from lsmnet.cli import main
from lsmnet.cli.report import register
from lsmnet.reporting.labels import text


def run(argv):
    parser = argparse.ArgumentParser(prog="lsmnet")
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture(scope="module")
def csv_folder(small_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    small_data.to_csv(folder)
    return folder


def test_path_to_both_formats(csv_folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert run(["report", str(csv_folder), "--out", str(out), "--lang", "id"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        text("cli.written", "id", path=str(out / "report.html")),
        text("cli.written", "id", path=str(out / "report.xlsx")),
    ]
    assert '<html lang="id">' in (out / "report.html").read_text(encoding="utf-8")
    assert openpyxl.load_workbook(out / "report.xlsx").sheetnames[0] == "kartu skor"


def test_one_format_one_coalition_one_year(csv_folder, tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["report", str(csv_folder), "--out", str(out), "--format", "html"]
    assert run([*argv, "--coalition", "C2", "--at", "2021"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert text("report.snapshot", "en", at=2021) in html
    assert capsys.readouterr().out.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "--format", "pdf", "x"], "argument --format: must be a comma-separated list"),
        (["report"], "give either PATH or --example"),
        (["report", "x", "--example"], "give either PATH or --example"),
        (["report", "x", "--lang", "fr"], "argument --lang: invalid choice"),
    ],
)
def test_usage_errors(argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        run(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_lsmnet_errors_are_reported_without_traceback(csv_folder, tmp_path, capsys):
    argv = ["report", str(csv_folder), "--out", str(tmp_path), "--coalition", "NOPE"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("lsmnet report: error: The 'coalition' parameter of report")
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_example_writes_both_files(tmp_path):
    # its speed (< 30 s) is measured by benchmarks/run.py, not here
    assert run(["report", "--example", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.xlsx"]


# -- --thresholds FILE ---------------------------------------------------------------------
def test_thresholds_file_is_used_and_listed(csv_folder, tmp_path, capsys):
    path = tmp_path / "ours.toml"
    path.write_text("[thresholds]\nfrg_min_average_degree = 7.5\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["report", str(csv_folder), "--out", str(out), "--thresholds", str(path)]
    assert run([*argv, "--lang", "id"]) == 0
    sheet = openpyxl.load_workbook(out / "report.xlsx")[text("sheet.notes", "id")]
    last = [c.value for c in list(sheet.iter_rows())[-1]]
    assert last[2:] == ["frg_min_average_degree", 2, 7.5, "FRG-4"]
    # average degree 7.5 is more than either coalition of 10 and 7 members can reach
    flags = pd.read_excel(out / "report.xlsx", sheet_name=text("sheet.risks", "id"))
    code, coalition = text("col.code", "id"), text("col.coalition", "id")
    # (by default, neither raises FRG-4: their average degrees are 2.6 and 2.3)
    assert set(flags.loc[flags[code] == "FRG-4", coalition]) == {"C1", "C2"}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "frg_min_average_degree" in html and "7,5" in html


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ("frg_min_average_degre = 3\n", "bad.toml", "has no field 'frg_min_average_degre'"),
        ('{"min_raters": 2.5}', "bad.json", "'min_raters' parameter of RiskThresholds"),
        ("min_raters = \n", "bad.toml", "not valid TOML"),
        (None, "absent.toml", "cannot read"),
        ("", "bad.yaml", "must name a .json or .toml file"),
    ],
)
def test_bad_thresholds_file_is_a_usage_error(
    csv_folder, tmp_path, capsys, content, name, expected
):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exc:
        run(["report", str(csv_folder), "--out", str(out), "--thresholds", str(path)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "error: argument --thresholds: " in err and str(path) in err
    assert expected in err and "Traceback" not in err
    assert not out.exists()
