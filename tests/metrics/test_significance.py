"""Tests of lsmnet.metrics.significance.cug_test.

References: exact null distributions by brute-force enumeration of every graph in the null
(all G(n, m) graphs, or all simple graphs with a given degree sequence) on tiny graphs,
written in this file; Freeman degree centralization written out in this file.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import networkx as nx
import numpy as np
import pytest
from scipy import stats

from lsmnet.exceptions import GraphTypeError, InvalidParameterError, LsmnetWarning
from lsmnet.metrics.significance import CugResult, cug_test


def _freeman_degree_centralization(G) -> float:
    """Freeman (1979) degree centralization of an undirected graph, written out."""
    n = G.number_of_nodes()
    degrees = [d for _, d in G.degree()]
    return sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2))


def _all_gnm_graphs(nodes, m, directed):
    dyads = list(
        itertools.permutations(nodes, 2) if directed else itertools.combinations(nodes, 2)
    )
    for edges in itertools.combinations(dyads, m):
        H = nx.DiGraph() if directed else nx.Graph()
        H.add_nodes_from(nodes)
        H.add_edges_from(edges)
        yield H


def _edge_key(H):
    if H.is_directed():
        return frozenset(H.edges())
    return frozenset(frozenset(e) for e in H.edges())


def _recording(statistic, seen):
    def record(H):
        seen.append(H)
        return statistic(H)

    return record


def _exact_p(values, observed):
    values = np.asarray(values)
    return np.mean(values >= observed - 1e-12), np.mean(values <= observed + 1e-12)


# --- exactness against brute-force enumeration ---------------------------------------------


@pytest.fixture(scope="module")
def small_graph():
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)])
    return G


def test_edges_null_p_values_match_enumeration(small_graph):
    """All C(10, 5) = 252 graphs on 5 nodes with 5 edges are listed; MC p within 4.5 SE."""
    exact_values = [nx.transitivity(H) for H in _all_gnm_graphs(range(5), 5, False)]
    assert len(exact_values) == 252
    observed = nx.transitivity(small_graph)
    p_ge, p_le = _exact_p(exact_values, observed)
    draws = 4000
    result = cug_test(small_graph, "transitivity", n=draws, seed=11)
    assert result.observed == pytest.approx(observed)
    for mc, exact in ((result.p_ge, p_ge), (result.p_le, p_le)):
        se = math.sqrt(exact * (1 - exact) / draws)
        assert abs(mc - exact) < 4.5 * se
    assert result.null_mean == pytest.approx(
        np.mean(exact_values), abs=4.5 * np.std(exact_values) / math.sqrt(draws)
    )


@pytest.mark.parametrize("directed", [False, True])
def test_edges_null_is_uniform_over_all_gnm_graphs(directed):
    """Chi-square goodness of fit of the sampled graphs against the uniform distribution."""
    n, m = (4, 3) if directed else (5, 4)
    population = {_edge_key(H) for H in _all_gnm_graphs(range(n), m, directed)}
    G = next(iter(_all_gnm_graphs(range(n), m, directed)))
    seen = []
    draws = 6000
    cug_test(G, _recording(nx.density, seen), n=draws, seed=5)
    counts = Counter(_edge_key(H) for H in seen[1:])  # seen[0] is the observed graph
    assert set(counts) <= population
    observed = np.array([counts.get(k, 0) for k in population])
    assert stats.chisquare(observed).pvalue > 1e-4
    assert len(population) == math.comb(n * (n - 1) if directed else n * (n - 1) // 2, m)


def _graphs_with_degrees(degrees):
    nodes = range(len(degrees))
    m = sum(degrees) // 2
    for H in _all_gnm_graphs(nodes, m, False):
        if [H.degree(v) for v in nodes] == list(degrees):
            yield H


def test_degree_null_is_uniform_over_realisations():
    """Edge switching samples the 6-node realisations of (3,2,2,2,2,1) uniformly (with and
    without igraph: the chain is lsmnet's, only its starting realisation differs)."""
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 4), (2, 3), (4, 5)])
    degrees = [G.degree(v) for v in range(6)]
    population = {_edge_key(H) for H in _graphs_with_degrees(degrees)}
    assert len(population) > 20
    seen = []
    cug_test(G, _recording(nx.density, seen), null="degree", n=3000, seed=8)
    counts = Counter(_edge_key(H) for H in seen[1:])
    assert set(counts) == population
    assert all([H.degree(v) for v in range(6)] == degrees for H in seen)
    observed = np.array([counts[k] for k in population])
    assert stats.chisquare(observed).pvalue > 1e-4


def test_degree_null_p_values_match_enumeration():
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 4), (2, 3), (4, 5)])
    degrees = [G.degree(v) for v in range(6)]
    exact_values = [nx.transitivity(H) for H in _graphs_with_degrees(degrees)]
    observed = nx.transitivity(G)
    p_ge, p_le = _exact_p(exact_values, observed)
    draws = 3000
    result = cug_test(G, "transitivity", null="degree", n=draws, seed=21)
    for mc, exact in ((result.p_ge, p_ge), (result.p_le, p_le)):
        assert abs(mc - exact) < 4.5 * math.sqrt(exact * (1 - exact) / draws) + 1e-12


def test_directed_degree_null_keeps_in_and_out_degrees():
    D = nx.gnm_random_graph(9, 20, seed=4, directed=True)
    seen = []
    cug_test(D, _recording(nx.density, seen), null="degree", n=50, seed=2)
    for H in seen:
        assert H.is_directed()
        assert dict(H.in_degree()) == dict(D.in_degree())
        assert dict(H.out_degree()) == dict(D.out_degree())
        assert nx.number_of_selfloops(H) == 0


def test_directed_edges_null_keeps_size_and_direction():
    D = nx.gnm_random_graph(8, 17, seed=3, directed=True)
    seen = []
    cug_test(D, _recording(nx.density, seen), n=100, seed=2)
    assert all(H.is_directed() and H.number_of_edges() == 17 for H in seen)
    assert all(nx.number_of_selfloops(H) == 0 for H in seen)
    assert len({_edge_key(H) for H in seen}) > 90


# --- statistical sanity ----------------------------------------------------------------------


def test_star_centralization_is_extreme():
    star = nx.star_graph(9)
    result = cug_test(star, _freeman_degree_centralization, n=500, seed=0)
    assert result.observed == 1.0
    assert result.p_ge < 0.01
    assert result.p_le == 1.0
    assert result.z > 3
    assert result.statistic == "_freeman_degree_centralization"


def test_degree_null_fixes_degree_centralization():
    """Degree centralization is a function of the degrees: it never varies under null='degree'."""
    G = nx.karate_club_graph()
    result = cug_test(G, _freeman_degree_centralization, null="degree", n=30, seed=0)
    assert result.p_ge == result.p_le == 1.0
    assert result.null_sd == pytest.approx(0.0, abs=1e-12)
    assert np.isnan(result.z)


def test_builtin_degree_centralization_uses_lsmnet_centralization():
    from lsmnet.metrics.centralization import centralization

    G = nx.krackhardt_kite_graph()
    result = cug_test(G, "degree_centralization", n=20, seed=0)
    assert result.observed == pytest.approx(centralization(G, "degree"))
    assert result.observed == pytest.approx(_freeman_degree_centralization(G))


# --- reproducibility, attributes, no mutation -------------------------------------------------


@pytest.mark.parametrize("null", ["edges", "degree"])
def test_same_seed_same_result(null):
    G = nx.florentine_families_graph()
    a = cug_test(G, "transitivity", null=null, n=60, seed=123)
    b = cug_test(G, "transitivity", null=null, n=60, seed=123)
    c = cug_test(G, "transitivity", null=null, n=60, seed=124)
    assert a == b
    np.testing.assert_array_equal(a.null_values, b.null_values)
    assert not np.array_equal(a.null_values, c.null_values)
    gen = cug_test(G, "transitivity", null=null, n=60, seed=np.random.default_rng(123))
    np.testing.assert_array_equal(a.null_values, gen.null_values)


def test_igraph_random_generator_is_restored():
    igraph = pytest.importorskip("igraph", reason="igraph's own generator exists only with it")
    cug_test(nx.path_graph(6), "transitivity", null="degree", n=3, seed=1)
    random.seed(99)
    first = igraph.Graph.Erdos_Renyi(12, 0.3).get_edgelist()
    random.seed(99)
    assert igraph.Graph.Erdos_Renyi(12, 0.3).get_edgelist() == first


@pytest.mark.parametrize("null", ["edges", "degree"])
def test_edge_weights_are_permuted_and_node_attributes_copied(null):
    G = nx.cycle_graph(7)
    for k, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = float(k + 1)
    nx.set_node_attributes(G, {v: f"group{v % 2}" for v in G}, "group")
    G.graph["name"] = "ring"
    seen = []
    cug_test(G, _recording(nx.density, seen), null=null, n=40, seed=7)
    weights = sorted(d["weight"] for _, _, d in G.edges(data=True))
    for H in seen:
        assert sorted(d["weight"] for _, _, d in H.edges(data=True)) == weights
        assert dict(H.nodes(data="group")) == dict(G.nodes(data="group"))
        assert H.graph["name"] == "ring"


def test_input_is_not_mutated():
    G = nx.les_miserables_graph()
    nx.set_node_attributes(G, "x", "tag")
    before = (list(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph))
    cug_test(G, "transitivity", n=5, seed=0)
    cug_test(G, "transitivity", null="degree", n=5, seed=0)
    assert (list(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph)) == before


def test_to_series():
    result = cug_test(nx.krackhardt_kite_graph(), "transitivity", n=50, seed=3)
    s = result.to_series()
    assert s.name == "transitivity"
    assert s["observed"] == result.observed
    assert s["p_ge"] == result.p_ge
    assert s["n"] == 50
    assert isinstance(result, CugResult)


def test_reciprocity_builtin_on_directed():
    D = nx.DiGraph([(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 0)])
    result = cug_test(D, "reciprocity", n=200, seed=1)
    assert result.observed == pytest.approx(nx.overall_reciprocity(D))
    assert 0 <= result.p_ge <= 1


# --- NaN handling ------------------------------------------------------------------------------


def test_nan_null_values_are_left_out_with_a_warning():
    G = nx.path_graph(5)

    def diameter_or_nan(H):
        return nx.diameter(H) if nx.is_connected(H) else float("nan")

    with pytest.warns(LsmnetWarning, match="was NaN on"):
        result = cug_test(G, diameter_or_nan, n=200, seed=0)
    valid = result.null_values[~np.isnan(result.null_values)]
    assert result.n == valid.size < 200
    assert result.p_ge == pytest.approx(np.mean(valid >= 4))


def test_nan_observed_gives_nan_result():
    result = cug_test(nx.empty_graph(4), "transitivity", n=10, seed=0)
    assert result.observed == 0.0
    with pytest.warns(LsmnetWarning, match="NaN on 10 of 10 null graphs"):
        nan_result = cug_test(nx.path_graph(4), lambda H: float("nan"), n=10, seed=0)
    assert np.isnan(nan_result.observed) and np.isnan(nan_result.p_ge) and np.isnan(nan_result.z)


# --- errors ------------------------------------------------------------------------------------


def test_errors():
    G = nx.path_graph(4)
    with pytest.raises(GraphTypeError, match="expects a networkx graph"):
        cug_test([(0, 1)], "transitivity")
    with pytest.raises(GraphTypeError, match="does not support multigraphs"):
        cug_test(nx.MultiGraph(G), "transitivity")
    looped = G.copy()
    looped.add_edge(1, 1)
    with pytest.raises(GraphTypeError, match="does not support self-loops"):
        cug_test(looped, "transitivity")
    with pytest.raises(
        InvalidParameterError, match="'statistic' parameter of cug_test must be one"
    ):
        cug_test(G, "density")
    with pytest.raises(InvalidParameterError, match="must be a callable graph -> float"):
        cug_test(G, 3.0)
    with pytest.raises(InvalidParameterError, match="on the observed graph it returned 'high'"):
        cug_test(G, lambda H: "high")
    with pytest.raises(InvalidParameterError, match="on the null graph it returned True"):
        cug_test(G, lambda H: 0.5 if H is G else True, n=2, seed=0)
    with pytest.raises(InvalidParameterError, match="'null' parameter of cug_test"):
        cug_test(G, "transitivity", null="size")
    with pytest.raises(InvalidParameterError, match="'n' parameter of cug_test must be >= 1"):
        cug_test(G, "transitivity", n=0)
    with pytest.raises(InvalidParameterError, match="'n' parameter of cug_test must be an int"):
        cug_test(G, "transitivity", n=10.5)
    with pytest.raises(InvalidParameterError, match="'seed' parameter of cug_test"):
        cug_test(G, "transitivity", seed=-1)
    with pytest.raises(GraphTypeError, match="'transitivity' of cug_test is defined for und"):
        cug_test(nx.DiGraph(G), "transitivity")
    with pytest.raises(GraphTypeError, match="'reciprocity' of cug_test is defined for directed"):
        cug_test(G, "reciprocity")
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        cug_test(G, "transitivity", n=2, progress="yes")
