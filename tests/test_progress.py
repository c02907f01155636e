"""Tests of lsmnet._progress.progress (the tqdm wrapper)."""

from __future__ import annotations

import io
import re
import sys

import pytest

from lsmnet._progress import progress
from lsmnet.exceptions import InvalidParameterError


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("enabled", [None, True, False])
def test_items_pass_through_unchanged(enabled, monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    items = [3, "a", None, (1, 2)]
    assert list(progress(items, enabled=enabled)) == items


def test_generator_with_total(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert list(progress((i * i for i in range(4)), total=4, enabled=False)) == [0, 1, 4, 9]


def test_silent_when_not_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    list(progress(range(50), desc="quiet"))
    assert err.getvalue() == ""


def test_shown_on_a_terminal(monkeypatch):
    err = _FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    list(progress(range(50), desc="loud"))
    assert "loud" in err.getvalue()


def test_enabled_true_forces_bar(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    list(progress(range(50), total=50, desc="forced", enabled=True))
    assert "forced" in err.getvalue()
    assert "/50" in err.getvalue()


def test_enabled_false_silences_a_terminal(monkeypatch):
    err = _FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    list(progress(range(50), desc="muted", enabled=False))
    assert err.getvalue() == ""


@pytest.mark.parametrize("bad", ["yes", 1, 0.5])
def test_bad_enabled_raises(bad):
    # a regex once leaked into this message ("parameter .*must"): match it literally
    match = re.escape(f"The 'progress' parameter must be None, True or False. Got {bad!r}.")
    with pytest.raises(InvalidParameterError, match=f"^{match}$"):
        progress(range(3), enabled=bad)


def _calls():
    import networkx as nx

    import lsmnet as lsm

    G = nx.karate_club_graph()
    groups = {v: v % 2 for v in G}
    nx.set_node_attributes(G, groups, "g")
    B = nx.Graph([(("o", i), ("c", i % 3)) for i in range(9)])
    nx.set_node_attributes(B, {v: int(v[0] == "c") for v in B}, "bipartite")
    data = lsm.datasets.load_dataset("indonesia_demo")
    return {
        "key_players": lambda p: lsm.key_players(G, 2, progress=p),
        # without permutations the bar is not used; the argument is still checked
        "ei_index": lambda p: lsm.ei_index(G, "g", progress=p),
        "core_periphery": lambda p: lsm.core_periphery(G, progress=p),
        "cug_test": lambda p: lsm.cug_test(G, "transitivity", n=5, progress=p),
        "backbone": lambda p: lsm.backbone(B, null="fixedrow", progress=p),
        "risk_flags": lambda p: lsm.risk_flags(data, coalition="C01", progress=p),
        "coalition_health": lambda p: lsm.coalition_health(data, coalition="C01", progress=p),
        "health_over_time": lambda p: lsm.health_over_time(data, [2020], progress=p),
        "report": lambda p: lsm.report(data, coalition="C01", progress=p),
    }


@pytest.mark.parametrize("name", list(_calls()))
def test_every_progress_argument_is_checked_before_any_work(name):
    # scikit-learn style: the wrong value is reported up front, naming the function
    with pytest.raises(InvalidParameterError, match=rf"'progress' parameter of {name}\b"):
        _calls()[name]("yes")


def test_shown_by_default_in_a_jupyter_kernel(monkeypatch):
    # reference: what tqdm.auto uses in a notebook; a kernel's stderr is no terminal
    import types

    from lsmnet import _progress

    class _Shell:
        kernel = object()

    fake_ipython = types.SimpleNamespace(get_ipython=lambda: _Shell())
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    monkeypatch.setitem(sys.modules, "IPython", fake_ipython)
    assert _progress._in_jupyter()
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: None))
    assert not _progress._in_jupyter()
