"""The calibration page: its tables are the committed results, and the results meet the goals.

Reference: ``benchmarks/results/calibration.json``, written by ``python benchmarks/calibrate.py``
(the same pattern as the performance page and ``tests/test_docs.py``).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
calibrate = importlib.import_module("calibrate")
RESULTS = REPO / "benchmarks" / "results" / "calibration.json"


def test_page_is_generated_from_the_committed_results():
    assert calibrate.main(["--check"]) == 0, "run python benchmarks/calibrate.py --page"


def test_committed_results_meet_the_goals():
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    assert results["command"] == "python benchmarks/calibrate.py"
    assert results["failures"] == []
    assert calibrate.failures(results) == []
    null = results["null"]
    for family in ("complete", "regular"):
        for code in calibrate.STRUCTURAL:
            assert null[family]["rates"][code] == 0
    for code in calibrate.SIZE_AWARE:
        assert null["gnm"]["rates"][code] <= 0.05
    assert {row["pattern"] for row in results["planted"].values()} == set(calibrate.PATTERNS)
    assert all(row["recall"] == 1 for row in results["planted"].values())


def test_the_goals_are_checked():
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    results["null"]["regular"]["rates"]["DOM-2"] = 0.01
    results["null"]["gnm"]["rates"]["FRG-2"] = 0.06
    key = next(iter(results["planted"]))
    results["planted"][key]["recall"] = 0.5
    missed = calibrate.failures(results)
    assert len(missed) == 3
    assert missed[0].startswith("DOM-2 fires on regular nulls")


def test_stale_page_is_detected(tmp_path, monkeypatch):
    page = tmp_path / "calibration.md"
    page.write_text(
        calibrate.PAGE.read_text(encoding="utf-8").replace("| ISO-1 |", "| ISO-1 (edited) |"),
        encoding="utf-8",
    )
    monkeypatch.setattr(calibrate, "PAGE", page)
    assert calibrate.main(["--check"]) == 1
    assert calibrate.main(["--page"]) == 0
    assert calibrate.main(["--check"]) == 0


@pytest.mark.parametrize("name", sorted(calibrate.PATTERNS))
def test_each_planted_pattern_is_recalled_at_the_smallest_size(name):
    import lsmnet as lsm

    plant, expected = calibrate.PATTERNS[name](12, 0)
    flags = lsm.risk_flags(plant.data())
    for code, entity in expected:
        assert calibrate._hit(flags, code, entity), (name, code, entity)
