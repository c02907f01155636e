"""Tests of ``lsmnet import KIND PATH --out DIR`` (lsmnet.cli.import_data).

Reference: each conversion must equal the importer called directly, and reading the written
folder back with ``lsmnet.read`` must give the same tables (lsmnet's CSV round trip).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from lsmnet import read, read_3w, read_memberships
from lsmnet.cli import app as cli
from lsmnet.cli.import_data import IMPORTERS

DATA = Path(__file__).parent / "data"


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.setattr(cli, "_COMMAND_MODULES", ("lsmnet.cli.import_data",))

    def invoke(*argv):
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def same_tables(a, b):
    for table in ("organizations", "coalitions", "memberships", "ties", "ratings"):
        pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table), check_dtype=False)


def test_import_3w_writes_the_layout_and_prints_the_accounting(run, tmp_path):
    out = tmp_path / "out"
    code, stdout, _err = run("import", "3w", DATA / "3w_hxl.csv", "--out", out)
    assert code == 0
    assert "3w_hxl.csv: 7 rows read = 6 used + 1 set aside (2 blank rows skipped)" in stdout
    assert "row 9" in stdout and "no implementing partner on this row" in stdout
    with pytest.warns(Warning):
        direct = read_3w(DATA / "3w_hxl.csv")
    same_tables(read(out), direct)
    assert "copresence" in read(out).layers


def test_set_aside_file_and_options(run, tmp_path):
    out, aside = tmp_path / "out", tmp_path / "aside.csv"
    code, stdout, _err = run(
        "import",
        "memberships",
        DATA / "memberships_matrix.tsv",
        "--out",
        out,
        "--set-aside",
        aside,
        "--option",
        "match=true",
    )
    assert code == 0
    assert "10 non-empty cells read = 7 used + 3 set aside" in stdout
    assert pd.read_csv(aside)["row"].tolist() == [3, 4, 5]
    with pytest.warns(Warning):
        direct = read_memberships(DATA / "memberships_matrix.tsv", match=True)
    same_tables(read(out), direct)


def test_json_options_for_the_survey(run, tmp_path):
    questions = json.dumps({"Q1": "operational", "Q2": "advocacy", "reliability": "reliability"})
    code, stdout, _err = run(
        "import",
        "survey",
        DATA / "survey_wide.csv",
        "--out",
        tmp_path,
        "--option",
        f"questions={questions}",
        "--option",
        "no_tie=[0, 9]",
        "--option",
        "directed=false",
        "--option",
        "combine=reciprocated",
    )
    assert code == 0, stdout
    data = read(tmp_path)
    assert len(data.ties) == 2 and len(data.ratings) == 3
    assert "18 answer cells read = 13 used + 5 set aside" in stdout


@pytest.mark.parametrize(
    ("kind", "path", "line"),
    [
        ("pajek", DATA / "pajek_two_mode.net", "4 lines read = 4 used + 0 set aside"),
        ("ucinet", DATA / "ucinet_two_mode.dl", "4 non-zero cells read = 4 used + 0 set aside"),
        ("flows", DATA / "flows.csv", "11 flows read = 4 used + 7 set aside"),
        ("iati", DATA / "iati_activities.xml", "9 transactions read = 2 used + 7 set aside"),
        ("360giving", DATA / "360giving_grants.csv", "6 grants read = 3 used + 3 set aside"),
        ("irs990", DATA / "irs990", "8 grants read = 5 used + 3 set aside"),
    ],
)
def test_every_kind_converts(run, tmp_path, kind, path, line):
    code, stdout, _err = run("import", kind, path, "--out", tmp_path)
    assert code == 0, stdout
    assert line in stdout
    assert (tmp_path / "organizations.csv").exists() and (tmp_path / "meta.csv").exists()
    read(tmp_path)


def test_survey_matrices_kind(run, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "network.csv").write_text(",A,B\nA,,1\nB,1,\n", encoding="utf-8")
    code, stdout, _err = run("import", "survey-matrices", tmp_path / "in", "--out", tmp_path / "o")
    assert code == 0 and "2 answer cells read = 2 used" in stdout


def test_every_kind_is_documented_in_help(run):
    code, stdout, _err = run("import", "--help")
    assert code == 0
    for kind in IMPORTERS:
        assert kind in stdout


def test_errors(run, tmp_path):
    code, _out, err = run(
        "import", "3w", DATA / "3w_hxl.csv", "--out", tmp_path, "--option", "colour=blue"
    )
    assert code == 2 and "lsmnet import: error: lsmnet import 3w:" in err
    assert "colour" in err
    code, _out, err = run(
        "import", "pajek", DATA / "pajek_two_mode.net", "--out", tmp_path, "--aliases", "a.csv"
    )
    assert code == 2 and "--aliases is not used by 'lsmnet import pajek'" in err
    for kind, path in (("pajek", "pajek_two_mode.net"), ("ucinet", "ucinet_two_mode.dl")):
        # the readers' deprecated graph outputs are no command-line option (tables only)
        code, _out, err = run(
            "import", kind, DATA / path, "--out", tmp_path / kind, "--option", "output=graph"
        )
        assert code == 2 and "unexpected keyword argument 'output'" in err
        assert not (tmp_path / kind).exists()
    code, _out, err = run(
        "import", "3w", DATA / "3w_hxl.csv", "--out", tmp_path, "--option", "area"
    )
    assert code == 2 and "--option takes KEY=VALUE" in err
    assert run("import", "3w", DATA / "3w_hxl.csv", "--out", tmp_path)[0] == 0
    code, _out, err = run("import", "3w", DATA / "3w_hxl.csv", "--out", tmp_path)
    assert code == 2 and "pass --force" in err
    assert run("import", "3w", DATA / "3w_hxl.csv", "--out", tmp_path, "--force")[0] == 0
    file = tmp_path / "file.txt"
    file.write_text("x")
    code, _out, err = run("import", "3w", DATA / "3w_hxl.csv", "--out", file)
    assert code == 2 and "--out must be a folder" in err
    assert run("import", "excel", DATA / "3w_hxl.csv", "--out", tmp_path)[0] == 2
    code, _out, err = run("import", "3w", tmp_path / "missing.csv", "--out", tmp_path / "x")
    assert code == 1 and "does not exist" in err


def test_schema_errors_are_reported_with_location(run, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Implementing Partner|Cluster|Zone\nA|Health|Z\n", encoding="utf-8")
    code, _out, err = run("import", "3w", bad, "--out", tmp_path / "o")
    assert code == 1 and "bad.csv, row 1: 3W columns not found" in err


@pytest.mark.shared
def test_import_fts_2001(run, tmp_path, shared_datasets):
    path = shared_datasets / "fts_flows_2001" / "fts_2001.csv"
    code, stdout, _err = run("import", "fts", path, "--out", tmp_path)
    assert code == 0
    assert "fts_2001.csv: 5057 flows read = 4436 used + 621 set aside" in stdout
    assert len(read(tmp_path).ties) == len(pd.read_csv(tmp_path / "ties.csv"))


@pytest.mark.shared
def test_import_ethiopia_3w(run, tmp_path, shared_datasets):
    path = shared_datasets / "ethiopia_4w_2025" / "3w_august_2025.csv"
    code, stdout, _err = run("import", "3w", path, "--out", tmp_path)
    assert code == 0
    assert "3122 rows read = 3122 used + 0 set aside (4202 blank rows skipped)" in stdout


@pytest.mark.shared
def test_import_ucinet3_knoke(run, tmp_path, shared_datasets):
    path = shared_datasets / "knoke_bureaucracies" / "KnokBur.DAT"
    code, stdout, err = run("import", "ucinet", path, "--out", tmp_path)
    assert code == 0 and "warning:" in err and "'MAYO' (line 18)" in err
    assert "KnokBur.DAT: 71 non-zero cells read = 71 used + 0 set aside" in stdout
    assert read(tmp_path).ties.groupby("layer").size().to_dict() == {
        "information": 49,
        "money": 22,
    }


def test_import_iati_organisations(run, tmp_path):
    path = tmp_path / "org.xml"
    path.write_text(
        '<iati-organisations version="2.03"><iati-organisation default-currency="EUR">'
        "<organisation-identifier>NL-KVK-1</organisation-identifier>"
        '<reporting-org ref="NL-KVK-1" type="21"><narrative>INGO</narrative></reporting-org>'
        '<total-budget status="2"><period-start iso-date="2023-01-01"/><value>10</value>'
        "</total-budget></iati-organisation></iati-organisations>",
        encoding="utf-8",
    )
    code, stdout, _err = run("import", "iati-organisations", path, "--out", tmp_path / "o")
    assert code == 0 and "org.xml: 1 organisations read = 1 used + 0 set aside" in stdout
    orgs = read(tmp_path / "o").organizations
    assert orgs[["org_id", "name", "type", "budget"]].values.tolist() == [
        ["NL-KVK-1", "INGO", "ingo", 10.0]
    ]
    assert orgs["budget_currency"].tolist() == ["EUR"]
