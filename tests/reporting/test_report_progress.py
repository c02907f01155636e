"""lsmnet.report shows one progress bar: the long steps inside it show none."""

from __future__ import annotations

import sys

import lsmnet as lsm


def test_report_shows_only_its_own_bar_on_a_terminal(small_data, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # progress=None: bar on a terminal
    lsm.report(small_data, coalition="C2")
    err = capsys.readouterr().err
    assert "lsmnet report" in err
    for inner in ("coalition_health", "risk_flags", "health_over_time", "core_periphery"):
        assert inner not in err
