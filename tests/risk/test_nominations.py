"""Who named whom (``Scope.nominations``) as arrays instead of a networkx DiGraph.

References: networkx — a DiGraph of the same nominations (``in_degree``, ``out_degree``,
``predecessors``, ``overall_reciprocity`` of the subgraph among respondents), built as the
scope built it before, on random nominations with repeats and on the bundled sector's
coalitions.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.risk._scope import Nominations
from lsmnet.risk.flags import scopes


def digraph(n, source, target) -> nx.DiGraph:
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    D.add_edges_from(zip(source.tolist(), target.tolist(), strict=True))
    return D


def networkx_reciprocity(D, among) -> float:
    sub = D.subgraph([v for v in D if among[v]])
    return nx.overall_reciprocity(sub) if sub.number_of_edges() else np.nan


@pytest.mark.parametrize("seed", range(6))
def test_random_nominations_equal_a_digraph(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    count = int(rng.integers(1, 4 * n))
    source = rng.integers(0, n, count)
    target = (source + rng.integers(1, n, count)) % n  # no self-nomination
    # repeats and both directions of some pairs
    source = np.concatenate([source, target[: count // 3], source[: count // 4]])
    target = np.concatenate([target, source[: count // 3], target[: count // 4]])
    D = digraph(n, source, target)
    got = Nominations(n, source, target)
    assert got.in_degree.tolist() == [D.in_degree(v) for v in range(n)]
    assert got.out_degree.tolist() == [D.out_degree(v) for v in range(n)]
    chosen = rng.random(n) < 0.5
    expected = [any(chosen[p] for p in D.predecessors(v)) for v in range(n)]
    assert got.named_by(chosen).tolist() == expected
    for among in (chosen, np.ones(n, bool), np.zeros(n, bool)):
        want = networkx_reciprocity(D, among)
        value = got.reciprocity(among)
        assert (np.isnan(value) and np.isnan(want)) or value == want


def test_bundled_sector_nominations_as_before():
    data = lsm.datasets.load_dataset("indonesia_demo")
    units = scopes(
        data,
        coalition=None,
        layers=None,
        at=None,
        thresholds=None,
        lang="en",
        seed=None,
        func="test",
    )
    ties = data.ties[data.ties["layer"].isin(units[0].layers)]
    checked = 0
    for scope in units:
        members = scope.members
        inside = ties[
            ties["source"].isin(members)
            & ties["target"].isin(members)
            & (ties["source"] != ties["target"])
        ]
        reporter = inside["reported_by"]
        by_source = (reporter == inside["source"]).fillna(False).to_numpy(bool)
        by_target = (reporter == inside["target"]).fillna(False).to_numpy(bool)
        unreported = reporter.isna().to_numpy(bool) & inside["directed"].to_numpy(bool)
        arcs = pd.concat(
            [
                inside.loc[by_source | unreported, ["source", "target"]],
                inside.loc[by_target, ["target", "source"]].set_axis(["source", "target"], axis=1),
            ]
        )
        got = scope.nominations
        if arcs.empty:
            assert got is None
            continue
        # the scope's previous DiGraph, written out here
        D = nx.DiGraph()
        D.add_nodes_from(members)
        D.add_edges_from(arcs.itertuples(index=False, name=None))
        assert got.in_degree.tolist() == [D.in_degree(o) for o in members]
        assert got.out_degree.tolist() == [D.out_degree(o) for o in members]
        if scope.respondents is not None:
            among = scope.respondents.to_numpy(bool)
            position = {o: i for i, o in enumerate(members)}
            expected = networkx_reciprocity(nx.relabel_nodes(D, position), dict(enumerate(among)))
            assert scope.reciprocity == pytest.approx(expected, nan_ok=True)
        checked += 1
    assert checked >= 5
