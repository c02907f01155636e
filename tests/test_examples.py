"""Run every script in examples/ and check that it answers its question correctly.

The expected answers come from the planted patterns of ``indonesia_demo`` (documented in its
SOURCE.md and planted.json: hub ORG232, gatekeeper ORG081, isolated members ORG021, ORG063 and
ORG076 of C01) and, for the 3W importer, from the row counts in the Ethiopia 3W's SOURCE.md.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import lsmnet as lsm

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
PLANTED = json.loads(
    (REPO / "src/lsmnet/datasets/data/indonesia_demo/planted.json").read_text(encoding="utf-8")
)
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py"))


def run(script: str, *args: str, cwd: Path) -> str:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def load_module(script: str):
    spec = importlib.util.spec_from_file_location(script[:-3], EXAMPLES / script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_example_is_tested():
    assert SCRIPTS == sorted(
        [
            "centrality_on_a_dask_cluster.py",
            "import_ocha_3w.py",
            "is_this_coalition_too_centralised.py",
            "make_the_report.py",
            "trust_and_value_scorecard.py",
            "which_members_are_isolated.py",
            "which_ties_to_fund.py",
            "who_brokers_between_provinces.py",
        ]
    )


@pytest.mark.parametrize("script", SCRIPTS)
def test_help_and_docstring(script, capsys):
    module = load_module(script)
    assert module.__doc__ and "python examples/" + script in module.__doc__
    with pytest.raises(SystemExit) as info:
        module.main(["--help"])
    assert info.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_who_brokers_between_provinces(tmp_path):
    out = run("who_brokers_between_provinces.py", cwd=tmp_path)
    lines = out.splitlines()
    assert "coalition C01 (56 organisations)" in lines[0]
    assert lines[1].lstrip().startswith(PLANTED["dominant_hub"])  # the hub brokers most
    assert PLANTED["gatekeeper"] in out


@pytest.mark.slow
def test_is_this_coalition_too_centralised(tmp_path):
    out = run("is_this_coalition_too_centralised.py", "--samples", "200", cwd=tmp_path)
    G = lsm.coalition_graph(lsm.datasets.load_dataset("indonesia_demo"), "C01")
    assert f"Degree centralization {lsm.centralization(G, 'degree'):.3f}" in out
    assert "P(as high or higher) = 0.000" in out  # a planted hub is far from random
    assert f"Most ties run through {PLANTED['dominant_hub']}" in out


def test_which_members_are_isolated(tmp_path):
    out = run("which_members_are_isolated.py", cwd=tmp_path)
    iso1 = {line.split()[2].rstrip(":") for line in out.splitlines() if "ISO-1" in line}
    assert iso1 == set(PLANTED["isolated_members"])
    assert "did not answer" in out


@pytest.mark.slow
def test_which_members_are_isolated_in_indonesian(tmp_path):
    out = run("which_members_are_isolated.py", "--lang", "id", cwd=tmp_path)
    assert "tidak memiliki hubungan" in out


def test_trust_and_value_scorecard(tmp_path):
    out = run("trust_and_value_scorecard.py", cwd=tmp_path)
    scores = lsm.trust_value_scores(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01")
    assert f"Network trust {scores.network['trust']:.2f}" in out
    assert "42 raters" in out  # 42 of the 56 members answered (SOURCE.md)


def test_which_ties_to_fund_connects_the_isolates(tmp_path):
    out = run("which_ties_to_fund.py", "--coalition", "C01", "-k", "3", cwd=tmp_path)
    names = lsm.datasets.load_dataset("indonesia_demo").organizations.set_index("org_id")["name"]
    for org in PLANTED["isolated_members"]:
        assert names[org] in out
    assert out.count("joins two separate parts") == 3


def test_which_ties_to_fund_sector(tmp_path):
    out = run("which_ties_to_fund.py", "-k", "2", cwd=tmp_path)
    assert out.startswith("2 ties to support in the sector")


@pytest.mark.shared
def test_import_ocha_3w(shared_datasets, tmp_path):
    sheet = shared_datasets / "ethiopia_4w_2025" / "3w_august_2025.csv"
    out = run("import_ocha_3w.py", str(sheet), "--out", str(tmp_path / "tables"), cwd=tmp_path)
    # SOURCE.md: 7,324 data lines, of which 3,122 are real rows and 4,202 are empty
    assert "3122 rows read = 3122 used + 0 set aside (4202 blank rows skipped)" in out
    assert lsm.read(tmp_path / "tables").ties["layer"].isin(["funding", "copresence"]).all()


def test_unknown_coalition_is_a_clear_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "which_members_are_isolated.py"), "--coalition", "C99"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: The 'coalition' parameter of risk_flags")
    assert "Traceback" not in proc.stderr


def test_import_ocha_3w_missing_file(tmp_path, capsys):
    module = load_module("import_ocha_3w.py")
    with pytest.raises(SystemExit) as info:
        module.main([str(tmp_path / "nothing.csv")])
    assert info.value.code == 2
    assert "nothing.csv not found" in capsys.readouterr().err


@pytest.mark.slow
def test_make_the_report(tmp_path):
    folder = tmp_path / "laporan"
    out = run("make_the_report.py", "--lang", "id", "--out", str(folder), cwd=tmp_path)
    html = folder / "report.html"
    assert f"Wrote {html}" in out
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert openpyxl.load_workbook(folder / "report.xlsx").sheetnames


@pytest.mark.slow
def test_dask_cluster_gives_the_one_core_table(tmp_path):
    # the script itself asserts equality with the one-core table (check_exact)
    out = run("centrality_on_a_dask_cluster.py", "--nodes", "2100", cwd=tmp_path)
    assert "2 Dask workers" in out
    assert "identical to the one-core run" in out
