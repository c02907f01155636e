"""The notebooks: committed without outputs, in sync with their generator, seeded.

Executing them is CI's job (``pytest --nbmake notebooks/``, each under a minute); these checks
are static and fast. The reference is ``notebooks/_build_notebooks.py``, which writes the
committed files.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
FOLDER = REPO / "notebooks"
EXAMPLES = REPO / "examples"
EXPECTED = [
    "01_researcher_quickstart.ipynb",
    "02_evaluator_coalition_health.ipynb",
    "03_funder_bridges.ipynb",
    "04_real_data.ipynb",
]
# lsmnet functions with a random step: every call in a notebook must pass seed=
SEEDED = ("cug_test", "key_players", "core_periphery", "coalition_health", "member_table")


def generator():
    path = FOLDER / "_build_notebooks.py"
    spec = importlib.util.spec_from_file_location("_build_notebooks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def code_cells(name: str) -> list[str]:
    nb = nbformat.read(FOLDER / name, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def calls(source: str, function: str) -> list[str]:
    """The text of each call ``function(...)`` in ``source`` (balanced parentheses)."""
    found = []
    for match in re.finditer(rf"\b{function}\(", source):
        depth, i = 1, match.end()
        while depth and i < len(source):
            depth += {"(": 1, ")": -1}.get(source[i], 0)
            i += 1
        found.append(source[match.start() : i])
    return found


def test_the_four_notebooks_exist():
    assert sorted(p.name for p in FOLDER.glob("*.ipynb")) == EXPECTED


def test_committed_notebooks_match_the_generator(tmp_path):
    generator().build(tmp_path)
    for name in EXPECTED:
        committed = json.loads((FOLDER / name).read_text(encoding="utf-8"))
        fresh = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert committed == fresh, f"run: python notebooks/_build_notebooks.py ({name} differs)"


@pytest.mark.parametrize("name", EXPECTED)
def test_outputs_are_stripped(name):
    nb = nbformat.read(FOLDER / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id


@pytest.mark.parametrize("name", EXPECTED)
def test_random_steps_are_seeded(name):
    unseeded = [
        call
        for source in code_cells(name)
        for function in SEEDED
        for call in calls(source, function)
        if "seed=" not in call
    ]
    unseeded += [
        call
        for source in code_cells(name)
        for call in calls(source, "backbone")
        if "fdsm" in call and "seed" not in call
    ]
    assert unseeded == []


def test_real_data_notebook_needs_only_the_package():
    """A user's install has no ../shared: the real data come from the bundled datasets."""
    source = "\n".join(code_cells("04_real_data.ipynb"))
    assert "shared" not in source and "LSMNET_SHARED" not in source
    assert 'load_dataset("ethiopia_4w_2025")' in source
    assert 'load_dataset("fts_flows_2001")' in source


@pytest.mark.parametrize("path", sorted(FOLDER.glob("*.ipynb")) + sorted(EXAMPLES.glob("*.py")))
def test_nothing_a_user_runs_reads_the_shared_folder(path):
    text = path.read_text(encoding="utf-8")
    assert "LSMNET_SHARED" not in text
    assert not re.search(r"[\"'/]shared[\"'/]", text), path.name


def test_seed_checker_catches_an_unseeded_call():
    source = 'lsm.cug_test(G, "transitivity", n=10)\nlsm.key_players(G, 2, seed=SEED)'
    assert [c for c in calls(source, "cug_test") if "seed=" not in c] == [
        'cug_test(G, "transitivity", n=10)'
    ]
    assert all("seed=" in c for c in calls(source, "key_players"))
