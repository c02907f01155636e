"""The options every command shares (issue 15): ``--lang``, ``--errors``, ``--columns``,
``--month-first``; grouped problem lines with command-line hints; terminal safety (issue 19
item 4); ``--help`` texts that name real functions (issue 13).

References: the expected grouping is counted by hand from the files written in each test; the
escapes are those of Python's ``repr`` for the same characters.
"""

from __future__ import annotations

import importlib
import inspect
import io
import re

import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.cli import build_parser, main
from lsmnet.cli._common import cli_hint, cli_text, echo, problem_lines, safe
from lsmnet.cli.flags import register_text
from lsmnet.cli.summary import summary_text

HOSTILE = "LSM\x1b]0;pwned\x07 A\r\nB\x9b"
RAW = ("\x1b", "\x07", "\r", "\x9b")


def _subcommands() -> dict:
    return dict(build_parser()._subparsers._group_actions[0].choices)


# -- terminal safety ---------------------------------------------------------------------------
def test_safe_escapes_controls_and_keeps_text():
    assert safe(HOSTILE) == "LSM\\x1b]0;pwned\\x07 A\\r\\nB\\x9b"
    assert safe("Yayasan Ābadi — 日本 ✓") == "Yayasan Ābadi — 日本 ✓"
    assert safe("a\u202eb\u2028c\ud800") == "a\\u202eb\\u2028c\\ud800"
    assert safe(safe(HOSTILE)) == safe(HOSTILE)


def test_echo_never_fails_on_a_narrow_terminal(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr("sys.stdout", stream)
    echo(["Yayasan Ābadi", HOSTILE])
    stream.seek(0)
    text = stream.read()
    assert text == "Yayasan \\u0100badi\n" + safe(HOSTILE) + "\n"


def _no_raw(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(char)


def _hostile_folder(tmp_path):
    folder = tmp_path / "in"
    lsm.datasets.load_dataset("knoke").to_csv(folder)
    orgs = pd.read_csv(folder / "organizations.csv")
    orgs.loc[0, "name"] = HOSTILE
    orgs.to_csv(folder / "organizations.csv", index=False)
    return folder


def test_validate_prints_hostile_values_escaped(tmp_path, capsys):
    folder = _hostile_folder(tmp_path)
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    _no_raw(out)
    assert "\\x1b]0;pwned\\x07" in out
    # the name's line break forges no line: every line is the head or a problem line
    lines = out.splitlines()
    assert all(line.startswith("  - ") for line in lines[1:]), lines


@pytest.mark.parametrize("command", ["summary", "flags"])
def test_collect_then_print_never_shows_raw_controls(tmp_path, capsys, command):
    folder = _hostile_folder(tmp_path)
    assert main([command, str(folder), "--errors", "collect"]) == 0
    captured = capsys.readouterr()
    _no_raw(captured.out + captured.err)
    assert "\\x1b]0;pwned\\x07" in captured.err  # the set-aside row, listed


def test_file_names_and_headers_are_escaped(tmp_path, capsys):
    folder = tmp_path / "\x1b]0;pwned\x07"
    lsm.datasets.load_dataset("knoke").to_csv(folder)
    orgs = (folder / "organizations.csv").read_text(encoding="utf-8-sig")
    header, rest = orgs.split("\n", 1)
    (folder / "organizations.csv").write_text(header + ",col\x1b[31m\n" + rest, "utf-8")
    main(["validate", str(folder)])
    main(["summary", str(folder / "nowhere")])
    captured = capsys.readouterr()
    _no_raw(captured.out + captured.err)
    assert "\\x1b]0;pwned\\x07" in captured.out + captured.err


def test_printed_texts_from_data_stay_on_their_lines():
    """Data that bypassed validation (edited in memory) still cannot forge a line."""
    data = lsm.datasets.load_dataset("knoke")
    clean_summary = summary_text(data)
    flags = lsm.risk_flags(data)
    clean_register = register_text(flags)
    data.organizations.loc[0, "type"] = HOSTILE
    data.coalitions.loc[:, "name"] = HOSTILE
    dirty = summary_text(data)
    _no_raw(dirty)
    assert len(dirty.splitlines()) == len(clean_summary.splitlines())
    flags = flags.assign(entity=HOSTILE, explanation=HOSTILE)
    dirty = register_text(flags)
    _no_raw(dirty)
    assert len(dirty.splitlines()) == len(clean_register.splitlines())


# -- problems: grouped, with command-line hints -------------------------------------------------
def _ten_kinds(folder):
    """Ten kinds of problem, 4 rows each (40 problems): they must fit in a screenful."""
    folder.mkdir()
    orgs = ["org_id,name,type"] + [f"O{i},Org {i},ngo" for i in range(8)]
    orgs += [f"O{i},Org {i},ngo" for i in range(4)]  # 4 duplicate ids
    (folder / "organizations.csv").write_text("\n".join(orgs) + "\n", encoding="utf-8")
    ties = ["source,target,layer,weight,start,end,directed,amount"]
    for i in range(4):
        ties += [
            f"O0,ZZ{i},advocacy,1,,,,",  # unknown target
            f"YY{i},O1,advocacy,1,,,,",  # unknown source
            f"O0,O1,mentoring{i},1,,,,",  # unknown layer
            f"O0,O1,advocacy,-{i + 1},,,,",  # negative weight
            f"O0,O1,advocacy,dua{i},,,,",  # weight not a number
            f"O0,O1,advocacy,1,kemarin{i},,,",  # bad date
            f"O0,O1,advocacy,1,,,mungkin{i},",  # bad boolean
            f"O0,O1,advocacy,1,,,,banyak{i}",  # bad amount
            f"O{i},O{i},advocacy,1,,,,",  # self-tie
        ]
    (folder / "ties.csv").write_text("\n".join(ties) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["en", "id"])
def test_problems_fit_a_screenful_with_cli_hints(tmp_path, capsys, lang):
    folder = _ten_kinds(tmp_path / "bad")
    assert main(["validate", str(folder), "--lang", lang]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) <= 25, out
    # one line per planted kind (see _ten_kinds), none per row
    assert len([line for line in lines if line.startswith("  ")]) == 10
    for python_hint in ("columns=", "errors='collect'", 'errors="collect"', "items={"):
        assert python_hint not in out
    if lang == "id":
        assert "masalah" in lines[0]


def test_raised_problems_name_the_cli_option(tmp_path, capsys):
    folder = _ten_kinds(tmp_path / "bad")
    assert main(["flags", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lsmnet flags: error: ") and "--errors collect" in err
    assert "errors='collect'" not in err and "Traceback" not in err
    assert len(err.splitlines()) <= 25


@pytest.mark.parametrize(
    ("python", "cli"),
    [
        ("or map your header to it with columns=", "or map your header to it with --columns FILE"),
        ("pass errors='collect' to load", "pass --errors collect to load"),
        ('pass errors="collect" to load', "pass --errors collect to load"),
        ("declare it with layers=['mentoring']", "declare it with --layer 'mentoring'"),
        ("or pass dayfirst=False", "or pass --month-first"),
        ("map it with columns= or rename it", "map it with --columns FILE or rename it"),
        (
            "list them in an alias table and pass aliases=FILE.",
            "list them in an alias table and pass --aliases FILE.",
        ),
        ("or pass columns={'Nama': 'name'}", "or pass --columns FILE"),
        ("a mapping file (columns=FILE)", "a mapping file (--columns FILE)"),
        ("pass items={'trust': [...]}", "pass trust_items/value_items rows in the meta table"),
    ],
)
def test_python_hints_become_options(python, cli):
    assert cli_hint(python) == cli
    assert cli_hint(cli) == cli


def test_fallback_grouping_without_problem_report(monkeypatch):
    """The CLI's own grouping (used when the loader has no problem_report)."""
    from lsmnet import _problems

    monkeypatch.delattr(_problems, "problem_report", raising=False)
    problems = pd.DataFrame(
        {
            "table": "ties",
            "file": "ties.csv",
            "row": [3, 4, 5, 6, 7, 8, 9],
            "column": ["target"] * 6 + ["weight"],
            "value": ["Z1", "Z2", "Z3", "Z4", "Z5", "Z6", "-2"],
            "problem": ["unknown organisation"] * 6 + ["negative"],
            "fix": ["add it"] * 6 + ["map your header with columns="],
        }
    )
    head, lines = problem_lines(problems, "en", set_aside=False)
    assert head.startswith("7 problem(s) in 7 row(s)") and "--errors collect" in head
    assert lines[0] == (
        "  ties.csv, column target: unknown organisation (6 rows: 3, 4, 5, 6, 7, ... (6 in all), "
        "values 'Z1', 'Z2', 'Z3', 'Z4', 'Z5', ... (6 in all)). Fix: add it"
    )
    assert lines[1].endswith("Fix: map your header with --columns FILE")
    head, _ = problem_lines(problems, "id", set_aside=True)
    assert head.startswith("7 masalah di 7 baris")


# -- --errors collect, --columns, --month-first, --lang ------------------------------------------
@pytest.fixture
def bad_folder(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "organizations.csv").write_text("org_id,name\nA,a\nB,b\nC,c\n", "utf-8")
    (folder / "memberships.csv").write_text(
        "org_id,coalition_id\nA,K\nB,K\nC,K\n", encoding="utf-8"
    )
    (folder / "ties.csv").write_text(
        "source,target,layer,weight\nA,B,advocacy,1\nA,ZZZ,advocacy,1\nB,C,network,-2\n", "utf-8"
    )
    return folder


@pytest.mark.parametrize("command", ["summary", "flags"])
def test_errors_collect_keeps_going(bad_folder, capsys, command):
    assert main([command, str(bad_folder)]) == 1
    assert "--errors collect" in capsys.readouterr().err
    assert main([command, str(bad_folder), "--errors", "collect"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith(f"lsmnet {command}: warning: ")
    assert "'ZZZ'" in captured.err and "'-2'" in captured.err
    assert captured.out


def test_report_with_errors_collect_lists_the_rows(bad_folder, tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["report", str(bad_folder), "--out", str(out), "--format", "html"]
    assert main(argv) == 1
    assert not out.exists()
    assert main([*argv, "--errors", "collect"]) == 0
    assert "'ZZZ'" in capsys.readouterr().err
    assert (out / "report.html").is_file()


def test_columns_file_maps_headers(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "organizations.csv").write_text("kode,nama\nA,Satu\nB,Dua\n", "utf-8")
    (folder / "ties.csv").write_text("dari,ke,layer\nA,B,advocacy\n", "utf-8")
    mapping = tmp_path / "columns.csv"
    mapping.write_text("source,target\nkode,org_id\nnama,name\ndari,source\nke,target\n", "utf-8")
    assert main(["validate", str(folder), "--columns", str(mapping)]) == 0
    assert "no problems found" in capsys.readouterr().out
    assert main(["summary", str(folder), "--columns", str(mapping)]) == 0
    assert "Ties: 1 in 1 layers" in capsys.readouterr().out


def test_month_first_reads_dates_month_first(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "organizations.csv").write_text("org_id\nA\nB\n", "utf-8")
    (folder / "ties.csv").write_text(
        "source,target,layer,start\nA,B,advocacy,01/02/2022\n", "utf-8"
    )
    # reference: 01/02/2022 is 1 February day first (the default), 2 January month first
    assert main(["summary", str(folder)]) == 0
    assert "Dates: 2022-02-01 to 2022-02-01" in capsys.readouterr().out
    assert main(["summary", str(folder), "--month-first"]) == 0
    assert "Dates: 2022-01-02 to 2022-01-02" in capsys.readouterr().out


def test_lang_id_on_validate_and_summary(bad_folder, capsys):
    assert main(["validate", str(bad_folder), "--lang", "id"]) == 1
    out = capsys.readouterr().out
    assert "masalah" in out and "disisihkan" in out
    assert main(["summary", "--example", "knoke", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert "Organisasi: 10" in out and "Hubungan: 71 dalam 2 lapisan" in out


def test_every_catalogue_key_has_both_languages():
    from lsmnet._i18n import catalogue

    for key, entry in catalogue("cli").items():
        assert set(entry) == {"en", "id"}, key
        assert re.findall(r"{\w+}", entry["en"]) == re.findall(r"{\w+}", entry["id"]) or sorted(
            re.findall(r"{\w+}", entry["en"])
        ) == sorted(re.findall(r"{\w+}", entry["id"])), key
    assert cli_text("table.ties", "id") == "hubungan"


# -- help texts name real functions -----------------------------------------------------------
def _resolve(dotted: str):
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_help_names_real_functions(command):
    sub = _subcommands()[command]
    text = sub.format_help()
    names = re.findall(r"\b(lsmnet(?:\.\w+)+)\(", text.replace("\n", " "))
    for name in names:
        assert callable(_resolve(name)), name


def test_example_help_names_list_datasets(capsys):
    assert main(["example", "--help"]) == 0
    out = capsys.readouterr().out
    assert "lsmnet.datasets.list_datasets()" in " ".join(out.split())
    assert inspect.isfunction(lsm.datasets.list_datasets)


# -- flags --top N: the digest of lsmnet.risk.priorities ----------------------------------------
def test_flags_top_prints_the_digest(capsys):
    from lsmnet.risk.priorities import priorities

    data = lsm.datasets.load_dataset("indonesia_demo")
    assert main(["flags", "--example", "--top", "2", "--coalition", "C04"]) == 0
    out = capsys.readouterr().out
    expected = priorities(data, top=2, coalition="C04")
    ranked = [line for line in out.splitlines() if re.match(r"  \d+\. \[", line)]
    assert len(ranked) == len(expected) <= 2
    assert ranked[0].startswith(f"  1. [high] {expected['subject_name'].iloc[0]}")


def test_flags_top_rejects_bad_numbers(capsys):
    for value in ("0", "-1", "²", "99999999999999999999"):
        assert main(["flags", "--example", "--top", value]) == 2
        assert "argument --top" in capsys.readouterr().err


# -- issue 15 acceptance, on the command line ---------------------------------------------------
def _evaluator_workbook(path):
    """The evaluator's workbook of issue 15, built by tests/io/test_evaluator_workbook.py."""
    import importlib.util
    from pathlib import Path

    source = Path(__file__).parents[1] / "io" / "test_evaluator_workbook.py"
    if not source.exists():
        pytest.skip("tests/io/test_evaluator_workbook.py (the workbook builder) is absent")
    spec = importlib.util.spec_from_file_location("_evaluator_workbook", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(path)
    return path


@pytest.mark.parametrize("lang", ["en", "id"])
def test_evaluator_workbook_validates_in_one_screen(tmp_path, capsys, lang):
    book = _evaluator_workbook(tmp_path / "koalisi.xlsx")
    assert main(["validate", str(book), "--lang", lang]) == 1
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert len(shown.splitlines()) <= 25, shown
    # the four planted row problems (unknown id, out-of-scale rating, weight as a word,
    # self-tie), each once, and both near duplicates
    assert len([line for line in captured.out.splitlines() if line.startswith("  - ")]) == 4
    for value in ("'o99'", "'7'", "'dua'", "'o04'", "LBH Makasar", "Yayasan  Pelita Desa"):
        assert len([line for line in shown.splitlines() if value in line]) == 1, value
    assert "--aliases FILE" in captured.err and "aliases=" not in captured.err
    if lang == "id":  # the loader's warning, in the chosen language
        assert "Possible duplicate" not in captured.err and "organisasi" in captured.err


def test_evaluator_workbook_report_in_indonesian(tmp_path, capsys):
    book = _evaluator_workbook(tmp_path / "koalisi.xlsx")
    out = tmp_path / "laporan"
    argv = ["report", str(book), "--lang", "id", "--out", str(out), "--format", "html"]
    assert main(argv) == 1 and not out.exists()
    assert main([*argv, "--errors", "collect"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "LBH Surabaya" in html and "Walhi Sulawesi Selatan" in html


def test_one_problem_is_one_grouped_line_not_an_escaped_message(tmp_path, capsys):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "organizations.csv").write_text("org_id\nA\nB\n", "utf-8")
    (folder / "ties.csv").write_text("source,target,layer\nA,Z,advocacy\n", "utf-8")
    assert main(["summary", str(folder)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and lines[0].startswith("lsmnet summary: error: ")
    assert lines[1].startswith("  - ties.csv") and "'Z'" in lines[1]
    assert "\\n" not in lines[0] + lines[1]
