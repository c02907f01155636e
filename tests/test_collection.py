"""Every test file and every source module is collected by a plain ``pytest``.

In the spirit of scikit-learn's ``test_all_tests_are_importable``: pytest's default
``norecursedirs`` holds ``build``, so a package or test folder of that name is silently never
run (``lsmnet.build`` hid 254 tests that way until issue 13). This test asks pytest itself which
files it visits with the project's configuration (``testpaths``, ``norecursedirs``, the
conftests' ``collect_ignore``), without importing the test modules, so it stays fast.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Records every file pytest offers to its collectors: exactly the files not excluded by
# testpaths, norecursedirs or a conftest's collect_ignore.
PLUGIN = """
import json
import os

seen = []


def pytest_collect_file(file_path, parent):
    seen.append(str(file_path))


def pytest_collection_finish(session):
    with open(os.environ["LSMNET_SEEN_FILES"], "w", encoding="utf-8") as out:
        json.dump(seen, out)
"""


def visited_files(root: Path, tmp_path: Path) -> set[Path]:
    """Files a plain ``pytest`` run from ``root`` walks into (test modules are not imported)."""
    (tmp_path / "lsmnet_seen_files.py").write_text(PLUGIN, encoding="utf-8")
    out = tmp_path / "seen.json"
    env = {
        **os.environ,
        "LSMNET_SEEN_FILES": str(out),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])),
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--collect-only",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "lsmnet_seen_files",
        # no module is imported: only which files are reached matters here
        "-o",
        "addopts=",
        "-o",
        "python_files=lsmnet-collection-check-matches-nothing",
    ]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert out.is_file(), done.stdout + done.stderr
    return {Path(p).resolve() for p in json.loads(out.read_text(encoding="utf-8"))}


def missed(root: Path, tmp_path: Path) -> list[str]:
    """Test files and source modules under ``root`` that pytest does not reach."""
    seen = visited_files(root, tmp_path)
    wanted = [*sorted((root / "tests").rglob("test_*.py")), *sorted((root / "src").rglob("*.py"))]
    return [
        str(path.relative_to(root))
        for path in wanted
        if path.resolve() not in seen and "reference" not in path.relative_to(root).parts
    ]


def test_every_test_file_and_source_module_is_collected(tmp_path):
    assert missed(REPO, tmp_path) == []


def same_basenames(root: Path) -> dict[str, list[str]]:
    """Test files sharing a file name outside packages: under pytest's default import mode
    ("prepend") the second one fails to import ("import file mismatch") and none of its tests
    run."""
    seen: dict[str, list[str]] = {}
    for path in sorted((root / "tests").rglob("test_*.py")):
        if not (path.parent / "__init__.py").is_file():
            seen.setdefault(path.name, []).append(str(path.relative_to(root)))
    return {name: paths for name, paths in seen.items() if len(paths) > 1}


# Clashes in files the author of this test does not own, to be fixed by their owner (issue 13):
# Test files that share a basename (pytest's rootdir-less import mode lets only one of them
# run); none since tests/inference/test_contract.py became test_inference_contract.py.
KNOWN_CLASHES: set[str] = set()


def test_test_file_names_are_unique():
    clashes = same_basenames(REPO)
    assert {name: paths for name, paths in clashes.items() if name not in KNOWN_CLASHES} == {}
    assert set(clashes) >= KNOWN_CLASHES, "a known clash is fixed: remove it from KNOWN_CLASHES"


def test_the_check_catches_two_test_files_with_one_name(tmp_path):
    for folder in ("metrics", "inference"):
        (tmp_path / "tests" / folder).mkdir(parents=True)
        (tmp_path / "tests" / folder / "test_contract.py").write_text("", encoding="utf-8")
    assert same_basenames(tmp_path) == {
        "test_contract.py": ["tests/inference/test_contract.py", "tests/metrics/test_contract.py"]
    }


def test_doctests_and_notebooks_are_part_of_the_plain_run():
    """Source modules are collected for their doctests, notebooks for nbmake."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    options = config["tool"]["pytest"]["ini_options"]
    assert {"src/lsmnet", "tests", "notebooks"} <= set(options["testpaths"])
    assert "--doctest-modules" in options["addopts"] and "--nbmake" in options["addopts"]


@pytest.mark.parametrize("folder", ["build", "dist", ".hidden"])
def test_the_check_catches_a_folder_pytest_skips(folder, tmp_path):
    """pytest's default norecursedirs hides these folders: the check must report them."""
    root = tmp_path / "project"
    for path in (f"tests/{folder}/test_hidden.py", "tests/test_seen.py", "src/pkg/mod.py"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("def test_one():\n    pass\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(
        textwrap.dedent("""
            [tool.pytest.ini_options]
            testpaths = ["src", "tests"]
        """),
        encoding="utf-8",
    )
    assert missed(root, tmp_path) == [f"tests/{folder}/test_hidden.py"]
