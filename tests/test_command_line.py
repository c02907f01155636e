"""The lsmnet command line: main([...]) with capsys, and the installed console script."""

import argparse
import shutil
import subprocess
import sys
import types

import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.cli import app as cli
from lsmnet.cli import main
from lsmnet.datasets import dataset_folder


@pytest.fixture
def good_folder(tmp_path):
    folder = tmp_path / "good"
    lsm.datasets.load_dataset("knoke").to_csv(folder)
    return folder


@pytest.fixture
def bad_folder(tmp_path):
    """Two bad rows: a tie to an unknown organisation and a negative weight."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        "org_id,name\nA,Yayasan Ābadi\nB,Perkumpulan B\nC,Lembaga C\n", encoding="utf-8"
    )
    (folder / "ties.csv").write_text(
        "source,target,layer,weight\nA,B,advocacy,1\nA,ZZZ,advocacy,1\nB,C,network,-2\n",
        encoding="utf-8",
    )
    return folder


def test_validate_clean_folder(good_folder, capsys):
    assert main(["validate", str(good_folder)]) == 0
    out = capsys.readouterr().out
    assert "no problems found" in out and "10 organizations" in out


def test_validate_lists_each_problem_row_by_row(bad_folder, capsys):
    assert main(["validate", str(bad_folder)]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(lines) == 2
    unknown = next(line for line in lines if "ZZZ" in line)
    assert "ties.csv" in unknown and "row 3" in unknown and "column 'target'" in unknown
    negative = next(line for line in lines if "-2" in line)
    assert "row 4" in negative and "column 'weight'" in negative and "Fix:" in negative
    assert "2 problem(s) in 2 row(s)" in out


def test_validate_declared_layer(tmp_path, capsys):
    folder = tmp_path / "layers"
    folder.mkdir()
    (folder / "organizations.csv").write_text("org_id\nA\nB\n", encoding="utf-8")
    (folder / "ties.csv").write_text("source,target,layer\nA,B,mentoring\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    assert "mentoring" in capsys.readouterr().out
    assert main(["validate", str(folder), "--layer", "mentoring"]) == 0


def test_validate_missing_path_is_a_clean_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("lsmnet validate: error:")
    assert "Traceback" not in captured.err


def test_summary_of_the_default_example(capsys):
    assert main(["summary", "--example"]) == 0
    out = capsys.readouterr().out
    data = lsm.datasets.load_dataset("indonesia_demo")
    assert out.startswith("indonesia_demo: SYNTHETIC")
    assert f"Organisations: {len(data.organizations)} (" in out
    size = data.memberships.drop_duplicates(["org_id", "coalition_id"])["coalition_id"]
    n_c01 = int((size == "C01").sum())
    assert (
        f"  C01 Koalisi Cakrawala untuk Reformasi Keamanan dan HAM (coalition): {n_c01} members"
        in out
    )
    n_funding = int((data.ties["layer"] == "funding").sum())
    assert f"  funding      {n_funding:>4}  directed" in out
    assert "Dates: 2018-01-01 to 2024-12-31" in out
    flags = data.organizations["respondent"]
    rate = flags.dropna().astype(bool).mean()
    assert f"answered ({rate:.0%})" in out


def test_summary_of_a_path(good_folder, capsys):
    assert main(["summary", str(good_folder)]) == 0
    out = capsys.readouterr().out
    assert "Organisations: 10 (government 4, ngo 4, private 2)" in out
    assert "Survey response: no respondent flags" in out


@pytest.mark.parametrize(
    ("argv", "message", "code"),
    [
        (["summary"], "give either PATH or --example", 2),
        (["summary", "x", "--example", "knoke"], "not both", 2),
        (["summary", "--example", "nope"], "must be one of", 1),
        (["summary", "--example", "../knoke"], "not a path", 1),
    ],
)
def test_summary_errors(argv, message, code, capsys):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_example_writes_editable_templates(tmp_path, capsys):
    out = tmp_path / "templates"
    assert main(["example", "knoke", "--out", str(out)]) == 0
    assert "Wrote knoke" in capsys.readouterr().out
    assert (out / "SOURCE.md").read_text(encoding="utf-8") == (
        dataset_folder("knoke") / "SOURCE.md"
    ).read_text(encoding="utf-8")
    again = lsm.read(out)
    original = lsm.datasets.load_dataset("knoke")
    pd.testing.assert_frame_equal(again.ties, original.ties)
    pd.testing.assert_frame_equal(again.organizations, original.organizations)


def test_example_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "t"
    assert main(["example", "davis", "--out", str(out)]) == 0
    assert main(["example", "davis", "--out", str(out)]) == 2
    assert "pass --force" in capsys.readouterr().err
    assert main(["example", "davis", "--out", str(out), "--force"]) == 0
    file = tmp_path / "file.txt"
    file.write_text("x")
    assert main(["example", "davis", "--out", str(file)]) == 2
    assert "must be a folder" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["example", "knoke"]) == 2  # --out is required
    assert "--out" in capsys.readouterr().err


def test_help_and_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"lsmnet {lsm.__version__}"
    assert main(["validate", "--help"]) == 0
    assert "PATH" in capsys.readouterr().out


def test_other_modules_register_subcommands(monkeypatch, capsys):
    module = types.ModuleType("lsmnet_fake_cli")

    def run(args):
        print(f"hello {args.who}")
        if args.who == "error":
            raise lsm.InvalidParameterError("The 'who' parameter of hello is wrong. Got 'error'.")
        return 0

    def register(subparsers):
        p = subparsers.add_parser("hello", help="say hello")
        p.add_argument("who")
        p.set_defaults(func=run)

    module.register = register
    monkeypatch.setitem(sys.modules, "lsmnet_fake_cli", module)
    monkeypatch.setattr(cli, "_COMMAND_MODULES", ("lsmnet_fake_cli",))
    assert isinstance(cli.build_parser(), argparse.ArgumentParser)
    assert main(["hello", "world"]) == 0
    assert capsys.readouterr().out == "hello world\n"
    assert main(["hello", "error"]) == 1
    assert "lsmnet hello: error: The 'who' parameter" in capsys.readouterr().err


def test_broken_pipe_stops_quietly(monkeypatch, capsys):
    module = types.ModuleType("lsmnet_pipe_cli")

    def register(subparsers):
        def run(args):
            raise BrokenPipeError(32, "Broken pipe")

        subparsers.add_parser("pipe").set_defaults(func=run)

    module.register = register
    monkeypatch.setitem(sys.modules, "lsmnet_pipe_cli", module)
    monkeypatch.setattr(cli, "_COMMAND_MODULES", ("lsmnet_pipe_cli",))
    assert main(["pipe"]) == 1
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(shutil.which("lsmnet") is None, reason="console script not installed")
def test_console_script(bad_folder):
    done = subprocess.run(
        ["lsmnet", "summary", "--example", "davis"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Organisations: 18" in done.stdout
    failed = subprocess.run(
        ["lsmnet", "validate", str(bad_folder)], capture_output=True, text=True, timeout=60
    )
    assert failed.returncode == 1 and "ZZZ" in failed.stdout


def test_warnings_are_printed_plainly(tmp_path, capsys):
    folder = tmp_path / "latin1"
    folder.mkdir()
    (folder / "organizations.csv").write_bytes(
        "org_id,name\nA,Yayasan Caf\xe9\n".encode("latin-1")
    )
    assert main(["summary", str(folder)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("lsmnet summary: warning:") and "not valid UTF-8" in err
