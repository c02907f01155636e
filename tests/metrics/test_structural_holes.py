"""Tests of Burt's structural-hole measures (lsmnet.metrics.structural_holes).

References: a brute-force implementation of Burt's (1992) formulas written below (one node at a
time, dictionaries only), for weighted and directed graphs; networkx 3.6 ``constraint`` and
``effective_size`` on unweighted undirected graphs.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet import GraphTypeError, InvalidParameterError
from lsmnet.metrics import _engine
from lsmnet.metrics.structural_holes import constraint, effective_size, hierarchy

FUNCTIONS = [constraint, effective_size, hierarchy]


# --- brute force: Burt (1992), ch. 2, written from the formulas -----------------------------


def _z(G, i, j, weight):
    """Strength of the tie i -> j (0 if absent; self-ties and zero weights ignored)."""
    if i == j or not G.has_edge(i, j):
        return 0.0
    return float(G[i][j][weight]) if weight else 1.0


def _contacts(G, i, weight):
    return [j for j in G if j != i and _z(G, i, j, weight) + _z(G, j, i, weight) > 0]


def _p(G, i, j, weight):
    total = sum(_z(G, i, k, weight) + _z(G, k, i, weight) for k in G if k != i)
    return (_z(G, i, j, weight) + _z(G, j, i, weight)) / total if total else 0.0


def _m(G, j, q, weight):
    largest = max(_z(G, j, k, weight) + _z(G, k, j, weight) for k in G if k != j)
    return (_z(G, j, q, weight) + _z(G, q, j, weight)) / largest if largest else 0.0


def burt_brute_force(G, weight=None):
    """Effective size, constraint and hierarchy of each node, straight from the formulas."""
    out = {}
    for i in G:
        N = _contacts(G, i, weight)
        if not N:
            out[i] = (math.nan, math.nan, math.nan)
            continue
        effective = sum(
            1 - sum(_p(G, i, q, weight) * _m(G, j, q, weight) for q in N if q != j) for j in N
        )
        local = {
            j: (
                _p(G, i, j, weight)
                + sum(_p(G, i, q, weight) * _p(G, q, j, weight) for q in N if q != j)
            )
            ** 2
            for j in N
        }
        C = sum(local.values())
        if len(N) > 1:
            r = {j: local[j] / (C / len(N)) for j in N}
            H = sum(r[j] * math.log(r[j]) for j in N) / (len(N) * math.log(len(N)))
        else:
            H = math.nan
        out[i] = (effective, C, H)
    return out


# --- graphs --------------------------------------------------------------------------------


def davis_projection():
    B = nx.davis_southern_women_graph()
    women = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    return nx.bipartite.weighted_projected_graph(B, women)


def weighted_digraph():
    D = nx.gnp_random_graph(25, 0.12, seed=4, directed=True)
    rng = np.random.default_rng(3)
    for u, v in D.edges:
        D[u][v]["w"] = float(rng.integers(1, 6))
    D.add_node("isolate")
    return D


def weighted_graph():
    G = nx.karate_club_graph()
    G.add_edge(100, 101, weight=2.5)  # a dyad: each node has one contact
    G.add_node("alone")
    return G


UNWEIGHTED = {
    "florentine": nx.florentine_families_graph(),
    "kite": nx.krackhardt_kite_graph(),
    "karate": nx.karate_club_graph(),
    "davis": davis_projection(),
}


def _assert_matches_brute(G, weight):
    expected = burt_brute_force(G, weight)
    got = {
        "effective_size": effective_size(G, weight=weight),
        "constraint": constraint(G, weight=weight),
        "hierarchy": hierarchy(G, weight=weight),
    }
    for k, name in enumerate(["effective_size", "constraint", "hierarchy"]):
        want = pd.Series({v: expected[v][k] for v in G}, dtype=float)
        np.testing.assert_allclose(got[name].loc[list(G)], want.loc[list(G)], atol=1e-12)


@pytest.mark.parametrize(
    ("G", "weight"),
    [
        (nx.krackhardt_kite_graph(), None),
        (nx.florentine_families_graph(), None),
        (weighted_graph(), "weight"),
        (davis_projection(), "weight"),
        (weighted_digraph(), "w"),
        (weighted_digraph(), None),
    ],
    ids=["kite", "florentine", "karate-weighted", "davis-weighted", "digraph-w", "digraph"],
)
def test_matches_burt_brute_force(G, weight):
    _assert_matches_brute(G, weight)


@pytest.mark.parametrize("name", sorted(UNWEIGHTED))
def test_matches_networkx_on_unweighted_graphs(name):
    G = UNWEIGHTED[name]
    expected_c = nx.constraint(G)
    expected_e = nx.effective_size(G)
    got_c, got_e = constraint(G), effective_size(G)
    for v in G:
        assert got_c[v] == pytest.approx(expected_c[v], abs=1e-12)
        assert got_e[v] == pytest.approx(expected_e[v], abs=1e-12)


def test_matches_networkx_per_node_path_on_weighted_undirected_graph():
    G = davis_projection()
    expected = nx.effective_size(G, nodes=list(G), weight="weight")
    got = effective_size(G, weight="weight")
    for v in G:
        assert got[v] == pytest.approx(expected[v], abs=1e-12)


def test_block_computation_gives_the_same_values(monkeypatch):
    G = weighted_digraph()
    whole = pd.concat([f(G, weight="w") for f in FUNCTIONS], axis=1)
    monkeypatch.setattr(_engine, "_BLOCK_ENTRIES", 7)
    blocks = pd.concat([f(G, weight="w") for f in FUNCTIONS], axis=1)
    pd.testing.assert_frame_equal(whole, blocks, atol=1e-14, rtol=0)


def test_known_values_on_star_and_kite():
    star = nx.star_graph(4)
    # the centre of a star: 4 non-redundant contacts, constraint 4 * (1/4)^2, even spread
    assert effective_size(star)[0] == pytest.approx(4.0)
    assert constraint(star)[0] == pytest.approx(0.25)
    assert hierarchy(star)[0] == pytest.approx(0.0)
    # a leaf: one contact, fully constrained, hierarchy 0/0
    assert constraint(star)[1] == pytest.approx(1.0)
    assert np.isnan(hierarchy(star)[1])
    # a clique member: every contact redundant with the others
    K = nx.complete_graph(5)
    assert effective_size(K)[0] == pytest.approx(4 - 2 * 6 / 4)


def test_isolates_are_nan_and_in_only_nodes_are_defined():
    D = nx.DiGraph([("a", "b"), ("c", "b")])
    D.add_node("z")
    for f in FUNCTIONS:
        assert np.isnan(f(D)["z"])
    # b only receives ties: two contacts of proportional strength 1/2 each
    assert constraint(D)["b"] == pytest.approx(0.5)
    assert effective_size(D)["b"] == pytest.approx(2.0)


def test_constraint_matches_networkx_on_weighted_digraph():
    D = weighted_digraph()
    expected = nx.constraint(D, weight="w")
    got = constraint(D, weight="w")
    for v in D:
        assert got[v] == pytest.approx(expected[v], abs=1e-12, nan_ok=True)


@pytest.mark.parametrize(
    ("G", "weight"),
    [(weighted_digraph(), "w"), (weighted_digraph(), None), (davis_projection(), "weight")],
    ids=["digraph-w", "digraph", "davis-weighted"],
)
def test_networkx_fast_effective_size_is_not_followed(G, weight):
    # networkx 3.6's all-node effective_size disagrees with its own per-node path (and with
    # the brute force above) on weighted or directed graphs; lsmnet follows the formula
    fast = pd.Series(nx.effective_size(G, weight=weight))
    per_node = pd.Series(nx.effective_size(G, nodes=list(G), weight=weight))
    got = effective_size(G, weight=weight)
    assert (fast - per_node).abs().max() > 1e-2
    np.testing.assert_allclose(got.loc[list(G)], per_node.loc[list(G)], atol=1e-12)


def test_zero_weight_tie_is_no_tie_and_self_loops_are_ignored():
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 2.0), (1, 2, 1.0), (0, 2, 3.0), (2, 3, 1.0)])
    H = G.copy()
    H.add_edge(0, 3, weight=0.0)
    H.add_edge(1, 1, weight=5.0)
    for f in FUNCTIONS:
        pd.testing.assert_series_equal(f(G, weight="weight"), f(H, weight="weight"))


def test_directed_reciprocated_ties_add_up():
    # Burt's mutual strength z_ij + z_ji: a reciprocated tie weighs twice a one-way tie
    D = nx.DiGraph([(0, 1), (1, 0), (0, 2)])
    p01, p02 = 2 / 3, 1 / 3
    assert constraint(D)[0] == pytest.approx(p01**2 + p02**2)


@pytest.mark.parametrize("f", FUNCTIONS)
def test_result_is_a_named_series_indexed_by_node(f):
    G = nx.relabel_nodes(nx.krackhardt_kite_graph(), dict(enumerate("abcdefghij")))
    s = f(G)
    assert list(s.index) == list(G)
    assert s.name == f.__name__


@pytest.mark.parametrize("f", FUNCTIONS)
def test_relabelling_permutes_results_and_input_is_not_mutated(f):
    G = weighted_digraph()
    before = nx.to_dict_of_dicts(G)
    mapping = {v: f"n{v}" for v in G}
    s = f(G, weight="w")
    r = f(nx.relabel_nodes(G, mapping), weight="w")
    np.testing.assert_allclose(r.loc[[mapping[v] for v in G]].to_numpy(), s.to_numpy())
    assert nx.to_dict_of_dicts(G) == before


@pytest.mark.parametrize("f", FUNCTIONS)
def test_empty_and_single_node_graphs(f):
    empty = f(nx.Graph())
    assert empty.empty and empty.dtype == float
    assert np.isnan(f(nx.empty_graph(1))[0])


@pytest.mark.parametrize("f", FUNCTIONS)
def test_errors(f):
    with pytest.raises(GraphTypeError, match="expects a networkx graph"):
        f([(0, 1)])
    with pytest.raises(GraphTypeError, match="multigraphs"):
        f(nx.MultiGraph([(0, 1)]))
    with pytest.raises(InvalidParameterError, match="has no such attribute"):
        f(nx.Graph([(0, 1)]), weight="w")
    with pytest.raises(InvalidParameterError, match="non-negative"):
        f(nx.Graph([(0, 1, {"w": -1.0})]), weight="w")
