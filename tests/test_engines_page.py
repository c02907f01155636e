"""The "Why igraph" section of docs/performance.md shows benchmarks/results/engines.json.

Reference: ``render`` of ``benchmarks/engines.py`` run on the committed results file. The block
between ``<!-- engines -->`` and ``<!-- /engines -->`` must be exactly its output, so every
figure of the engine comparison on the page is the measured one.
"""

from __future__ import annotations

import copy
import importlib
import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "performance.md"
RESULTS = REPO / "benchmarks" / "results" / "engines.json"
BLOCK = re.compile(r"<!-- engines -->\n(.*?)<!-- /engines -->", re.S)


@pytest.fixture(scope="module")
def engines():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        return importlib.import_module("engines")
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


@pytest.fixture(scope="module")
def results():
    return json.loads(RESULTS.read_text(encoding="utf-8"))


def _rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_section_sits_between_the_method_and_the_targets():
    page = PAGE.read_text(encoding="utf-8")
    method = page.index("## How the figures are produced")
    why = page.index("## Why igraph")
    targets = page.index("## The targets of issue 7")
    assert method < why < targets
    section = page[why:targets]
    assert "python benchmarks/engines.py" in section
    assert len(BLOCK.findall(section)) == 1
    assert len(BLOCK.findall(page)) == 1


def test_engines_block_is_the_committed_results(engines, results):
    block = BLOCK.search(PAGE.read_text(encoding="utf-8")).group(1).strip()
    rendered = engines.render(results).strip()
    shown, measured = _rows(block), _rows(rendered)
    stale = [row for row in measured if row not in shown]
    assert stale == [], "run `python benchmarks/engines.py --markdown` and paste its output"
    assert shown == measured
    assert block == rendered
    # every measurement is on the page
    for row in results["rows"]:
        if "seconds" in row:
            assert engines._time_cell(row) in block, row


def test_render_shows_every_measured_number(engines, results):
    # the comparison above can fail: a changed figure changes its row
    changed = copy.deepcopy(results)
    row = next(r for r in changed["rows"] if "seconds" in r and r["library"] == "igraph")
    row["seconds"] += 12.345
    assert _rows(engines.render(changed)) != _rows(engines.render(results))


def test_results_agree_with_networkx(results):
    # the page's argument rests on these: exact measures within 1e-9 of networkx, the same
    # articulation points
    for row in results["rows"]:
        agreement = row.get("agreement", {})
        if "max_abs_diff" in agreement:
            assert agreement["max_abs_diff"] < 1e-9, row
        if "mismatches" in agreement:
            assert agreement["mismatches"] == 0, row
    assert not [row for row in results["rows"] if "error" in row]
