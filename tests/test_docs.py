"""The documentation site: API coverage, generated downloads, runnable snippets, the build.

References: ``lsmnet.__all__`` (what the API page must list), ``lsmnet._schema.TABLES`` (what the
data-format page must describe), ``lsmnet.datasets.load_dataset`` and the template rows of
``docs/_ext/lsmnet_docs.py`` (what the downloads must hold), and Sphinx itself run with
warnings as errors.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet import _schema

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
sys.path.insert(0, str(DOCS / "_ext"))
lsmnet_docs = importlib.import_module("lsmnet_docs")

# pages whose ```python blocks are run, in order, in one namespace per page
RUNNABLE_PAGES = [
    "getting-started.md",
    "data-format.md",
    "guides/researchers.md",
    "guides/evaluators.md",
    "guides/funders.md",
    "panduan-evaluator.md",
]


def autosummary_entries() -> list[str]:
    """Names listed under the autosummary directives of docs/api.rst."""
    return re.findall(r"^   ([\w.]+)[ \t]*$", (DOCS / "api.rst").read_text(encoding="utf-8"), re.M)


def resolve(name: str):
    obj = lsm
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def python_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)


# --- (a) API reference ----------------------------------------------------------------------


def test_every_public_name_is_in_the_api_reference():
    entries = set(autosummary_entries())
    text = (DOCS / "api.rst").read_text(encoding="utf-8")
    missing = []
    for name in lsm.__all__:
        if callable(getattr(lsm, name)):
            if name not in entries:
                missing.append(name)
        elif f"``lsmnet.{name}``" not in text:
            missing.append(name)
    assert missing == [], f"add these to docs/api.rst: {missing}"


def test_api_reference_lists_every_plot_and_dataset_function():
    entries = set(autosummary_entries())
    plots = {f"plotting.{n}" for n in dir(lsm.plotting) if n.startswith("plot_")}
    assert plots <= entries, sorted(plots - entries)
    assert {"datasets.list_datasets", "datasets.load_dataset"} <= entries


def test_api_reference_entries_exist():
    entries = autosummary_entries()
    assert len(entries) == len(set(entries)), "an entry is listed twice"
    for name in entries:
        assert callable(resolve(name)), name


# --- the pages and the toctree ----------------------------------------------------------------


def test_every_page_is_in_the_index_toctree():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    toctree = "\n".join(re.findall(r"```\{toctree\}(.*?)```", index, re.S))
    pages = sorted(
        str(p.relative_to(DOCS).with_suffix("")).replace(os.sep, "/")
        for p in DOCS.rglob("*")
        if p.suffix in {".md", ".rst"}
        and p.name != "index.md"
        and not {"_build", "_generated", "generated", "_ext"} & set(p.relative_to(DOCS).parts)
    )
    listed = set(re.findall(r"^([\w./-]+)\s*$", toctree, re.M))
    assert [p for p in pages if p not in listed] == []
    assert {"flags", "flags.id", "api", "panduan-evaluator", "performance"} <= listed


def test_notebooks_and_examples_are_all_linked():
    page = (DOCS / "notebooks-and-examples.md").read_text(encoding="utf-8")
    for nb in (REPO / "notebooks").glob("*.ipynb"):
        assert f"<../notebooks/{nb.name}>" in page, nb.name
    for script in (REPO / "examples").glob("*.py"):
        assert f"literalinclude}} ../examples/{script.name}" in page, script.name


def test_performance_page_gives_the_command():
    page = (DOCS / "performance.md").read_text(encoding="utf-8")
    assert "python benchmarks/run.py --full" in page
    assert (REPO / "benchmarks" / "run.py").is_file()


def test_performance_tables_are_the_committed_results():
    # every figure on the page must be the one in benchmarks/results/*.json
    page = (DOCS / "performance.md").read_text(encoding="utf-8")
    assert "<!-- results:full -->" in page and "<!-- results:quick -->" in page
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "page.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_benchmark_merge_replaces_only_the_rerun_rows(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        run = importlib.import_module("run")
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    row = {"nx_seconds": None, "nx_extrapolated": False, "agree": None, "note": ""}
    path = tmp_path / "full.json"
    old = [dict(row, case="cug_test", size=s, seconds=1.0) for s in (1_000, 10_000)]
    old.append(dict(row, case="backbone", size=1_000, seconds=2.0))
    path.write_text(json.dumps({"command": "c", "rows": old}))
    rerun = {"command": "again", "rows": [dict(row, case="backbone", size=1_000, seconds=3.0)]}
    run.merge(path, rerun, "faster", "full")
    merged = json.loads(path.read_text())
    # plan order: backbone comes after cug_test; untouched rows keep their values
    assert [(r["case"], r["size"], r["seconds"]) for r in merged["rows"]] == [
        ("cug_test", 1_000, 1.0),
        ("cug_test", 10_000, 1.0),
        ("backbone", 1_000, 3.0),
    ]
    assert merged["rows"][2]["rerun"] == "again"
    assert merged["reruns"] == [{"command": "again", "cases": ["backbone"], "why": "faster"}]


def test_indonesian_page_is_in_indonesian():
    page = (DOCS / "panduan-evaluator.md").read_text(encoding="utf-8")
    for word in ("Penanda", "kepercayaan", "koalisi", "laporan", "--lang id"):
        assert word in page


# --- (c) the data format and its downloads ------------------------------------------------------


def test_data_tables_describe_every_schema_column():
    text = lsmnet_docs.tables_markdown()
    for table, specs in _schema.TABLES.items():
        section = text.split(f"### `{table}`")[1].split("### ")[0]
        for spec in specs:
            row = re.search(rf"^\| `{spec.name}` \|.*$", section, re.M)
            assert row, (table, spec.name)
            assert ("**yes**" in row.group(0)) == spec.required, (table, spec.name)
        for choice in (c for spec in specs for c in spec.choices):
            assert f"`{choice}`" in section
    for item in (*_schema.TRUST_ITEMS, *_schema.VALUE_ITEMS):
        assert f"`{item}`" in text


def test_data_format_page_includes_the_generated_tables_and_downloads():
    page = (DOCS / "data-format.md").read_text(encoding="utf-8")
    assert "{include} _generated/data_tables.inc" in page
    for name in ("lsmnet-template.zip", "lsmnet-template.xlsx", "indonesia_demo.zip"):
        assert f"<_generated/{name}>" in page


def test_generated_downloads_load_back(tmp_path):
    lsmnet_docs.generate(tmp_path / "out")
    expected = lsmnet_docs.template_data()

    with zipfile.ZipFile(tmp_path / "out" / "lsmnet-template.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    from_zip = lsm.read(tmp_path / "unzipped" / "lsmnet-template")
    from_xlsx = lsm.read(tmp_path / "out" / "lsmnet-template.xlsx")
    for table in ("organizations", "coalitions", "memberships", "ties", "ratings"):
        pd.testing.assert_frame_equal(getattr(from_zip, table), getattr(expected, table))
        pd.testing.assert_frame_equal(getattr(from_xlsx, table), getattr(expected, table))

    with zipfile.ZipFile(tmp_path / "out" / "indonesia_demo.zip") as archive:
        names = sorted(Path(n).name for n in archive.namelist())
        archive.extractall(tmp_path / "demo")
    assert "SOURCE.md" in names and "ties.csv" in names
    demo = lsm.read(tmp_path / "demo" / "indonesia_demo")
    bundled = lsm.datasets.load_dataset("indonesia_demo")
    pd.testing.assert_frame_equal(demo.ties, bundled.ties)
    pd.testing.assert_frame_equal(demo.organizations, bundled.organizations)


def test_generated_zips_are_reproducible(tmp_path):
    lsmnet_docs.generate(tmp_path / "a")
    lsmnet_docs.generate(tmp_path / "b")
    for name in ("lsmnet-template.zip", "indonesia_demo.zip", "data_tables.inc"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# --- code on the pages runs ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("page", RUNNABLE_PAGES)
def test_python_snippets_run(page, tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    blocks = python_blocks(page)
    assert blocks, f"{page} has no python blocks"
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for block in blocks:
            exec(compile(block, f"{page} (python block)", "exec"), namespace)


# --- (b) the build ------------------------------------------------------------------------------


@pytest.mark.slow
def test_sphinx_build_has_no_warnings(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-E",
            "-q",
            "-b",
            "html",
            "-d",
            str(tmp_path / "doctrees"),
            str(DOCS),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-5000:]
    assert proc.stderr.strip() == "", proc.stderr[-5000:]
    html = tmp_path / "html"
    pages = ("index", "data-format", "metrics", "flags", "flags.id", "api", "panduan-evaluator")
    for page in pages:
        assert (html / f"{page}.html").is_file(), page
    assert "lsmnet.risk_flags" in (html / "api.html").read_text(encoding="utf-8")
    downloads = {p.name for p in (html / "_downloads").rglob("*") if p.is_file()}
    assert {"lsmnet-template.zip", "lsmnet-template.xlsx", "indonesia_demo.zip"} <= downloads
    assert {"01_researcher_quickstart.ipynb", "04_real_data.ipynb"} <= downloads
