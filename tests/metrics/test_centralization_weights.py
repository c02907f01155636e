"""Valued centralization: ``centralization(G, measure, weight=...)`` and ``distance=...``.

Every expected value is computed in the test from networkx's own measures (an independent
implementation of strengths, weighted betweenness and closeness) with Freeman's formula
``sum(max - c_i) / maximum``, the maximum being the binary one of the docstring's table for a
graph whose ties are all as strong (short) as the strongest (shortest) observed tie.
"""

from __future__ import annotations

import contextlib

import networkx as nx
import numpy as np
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics import _engine


def _weighted(G: nx.Graph, seed: int) -> nx.Graph:
    """Copy of ``G`` with strengths ``w`` in [0.5, 3) and lengths ``len = 1 / w``.

    Continuous random weights make equal-length alternative shortest paths improbable, so
    networkx's floating-point path sums and lsmnet's agree on which paths are shortest.
    """
    rng = np.random.default_rng(seed)
    H = G.copy()
    for u, v in H.edges():
        w = float(rng.uniform(0.5, 3.0))
        H[u][v]["w"] = w
        H[u][v]["len"] = 1.0 / w
    return H


def _freeman(scores: dict, maximum: float) -> float:
    values = np.array(list(scores.values()), dtype=float)
    return float(np.sum(values.max() - values) / maximum)


def _engines():
    """Both path engines: igraph when installed, and the permissive one (scipy/networkx)."""
    yield "default", contextlib.nullcontext
    yield "no-igraph", _engine.igraph_disabled


ENGINES = list(_engines())


def _undirected(seed: int) -> nx.Graph:
    G = nx.connected_watts_strogatz_graph(14, 4, 0.3, seed=seed)
    return _weighted(G, seed)


def _directed(seed: int) -> nx.DiGraph:
    # reference: a strongly connected random digraph (checked), so closeness is finite
    G = nx.gnp_random_graph(12, 0.35, directed=True, seed=seed)
    assert nx.is_strongly_connected(G)
    return _weighted(G, seed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_strength_centralization_brute_force(seed):
    # reference: networkx strengths G.degree(weight=...) and Freeman's formula with the
    # binary maximum (n-1)(n-2) times the strongest tie
    G = _undirected(seed)
    n = G.number_of_nodes()
    top = max(w for _, _, w in G.edges(data="w"))
    expected = _freeman(dict(G.degree(weight="w")), (n - 1) * (n - 2) * top)
    assert lsm.centralization(G, "degree", weight="w") == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("seed", [1, 4])
def test_directed_strength_centralization_brute_force(seed):
    # reference: networkx in/out strengths; maxima (n-1)^2 and 2(n-1)(n-2) times max w
    G = _directed(seed)
    n = G.number_of_nodes()
    top = max(w for _, _, w in G.edges(data="w"))
    ins, outs = dict(G.in_degree(weight="w")), dict(G.out_degree(weight="w"))
    total = {v: ins[v] + outs[v] for v in G}
    assert lsm.centralization(G, "degree", weight="w") == pytest.approx(
        _freeman(total, 2 * (n - 1) * (n - 2) * top), rel=1e-12
    )
    assert lsm.centralization(G, "degree", mode="in", weight="w") == pytest.approx(
        _freeman(ins, (n - 1) ** 2 * top), rel=1e-12
    )
    assert lsm.centralization(G, "degree", mode="out", weight="w") == pytest.approx(
        _freeman(outs, (n - 1) ** 2 * top), rel=1e-12
    )


@pytest.mark.parametrize(("engine", "context"), ENGINES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_weighted_path_centralization_brute_force(engine, context, seed):
    # reference: networkx betweenness_centrality(weight="len") and
    # closeness_centrality(distance="len") with len = 1/w; Freeman's maxima
    # (n-1)^2(n-2)/2 and (n-1)(n-2)/(2n-3), the latter divided by the shortest length
    G = _undirected(seed)
    n = G.number_of_nodes()
    shortest = min(d for _, _, d in G.edges(data="len"))
    between = nx.betweenness_centrality(G, weight="len", normalized=False)
    close = nx.closeness_centrality(G, distance="len")
    expected_b = _freeman(between, (n - 1) ** 2 * (n - 2) / 2)
    expected_c = _freeman(close, (n - 1) * (n - 2) / (2 * n - 3) / shortest)
    with context():
        for kwargs in ({"weight": "w"}, {"distance": "len"}):
            got_b = lsm.centralization(G, "betweenness", **kwargs)
            got_c = lsm.centralization(G, "closeness", **kwargs)
            assert got_b == pytest.approx(expected_b, rel=1e-9), kwargs
            assert got_c == pytest.approx(expected_c, rel=1e-9), kwargs


@pytest.mark.parametrize(("engine", "context"), ENGINES)
@pytest.mark.parametrize("seed", [1, 4])
def test_directed_weighted_path_centralization_brute_force(engine, context, seed):
    # reference: networkx directed betweenness (maximum (n-1)^2(n-2)) and closeness; lsmnet's
    # default mode "out" uses distances from the node = networkx's closeness of G.reverse()
    G = _directed(seed)
    n = G.number_of_nodes()
    shortest = min(d for _, _, d in G.edges(data="len"))
    between = nx.betweenness_centrality(G, weight="len", normalized=False)
    out_close = nx.closeness_centrality(G.reverse(), distance="len")
    in_close = nx.closeness_centrality(G, distance="len")
    maximum_c = (n - 1) ** 2 / n / shortest
    with context():
        assert lsm.centralization(G, "betweenness", weight="w") == pytest.approx(
            _freeman(between, (n - 1) ** 2 * (n - 2)), rel=1e-9
        )
        assert lsm.centralization(G, "closeness", distance="len") == pytest.approx(
            _freeman(out_close, maximum_c), rel=1e-9
        )
        assert lsm.centralization(G, "closeness", mode="in", weight="w") == pytest.approx(
            _freeman(in_close, maximum_c), rel=1e-9
        )


@pytest.mark.parametrize("measure", ["betweenness", "closeness"])
def test_weight_and_inverse_distance_agree(measure):
    # reference: the definition (weight w is the length 1/w); karate's weights are integers,
    # so this also covers equal-length alternative paths
    G = nx.karate_club_graph()
    for u, v, w in G.edges(data="weight"):
        G[u][v]["inverse"] = 1.0 / w
    assert lsm.centralization(G, measure, weight="weight") == pytest.approx(
        lsm.centralization(G, measure, distance="inverse"), rel=1e-9
    )


@pytest.mark.parametrize("measure", ["degree", "betweenness", "closeness"])
def test_equal_strength_star_is_one_and_scale_free(measure):
    # reference: Freeman's theorem (a star maximises centralization) with every tie as strong
    # as the strongest; and multiplying all weights by a constant changes nothing
    G = nx.star_graph(6)
    nx.set_edge_attributes(G, 5.0, "w")
    assert lsm.centralization(G, measure, weight="w") == pytest.approx(1.0)
    H = _undirected(7)
    for _, _, d in H.edges(data=True):
        d["w7"] = 7.0 * d["w"]
    assert lsm.centralization(H, measure, weight="w7") == pytest.approx(
        lsm.centralization(H, measure, weight="w"), rel=1e-9
    )


def test_unweighted_default_unchanged_on_karate():
    # reference: the values before weight= existed (lsmnet commit e8e1ec8), and the graph
    # stripped of its 'weight' attribute: the default ignores the attribute, silently
    G = nx.karate_club_graph()
    before = {
        "degree": 0.3996212121212121,
        "betweenness": 0.4055571953299227,
        "closeness": 0.298194891208297,
        "eigenvector": 0.3410187590939161,
    }
    bare = nx.Graph(G.edges())
    for measure, value in before.items():
        assert lsm.centralization(G, measure) == pytest.approx(value, rel=1e-12)
        # the same graph, node order aside (sums in another order: rounding only)
        assert lsm.centralization(G, measure) == pytest.approx(
            lsm.centralization(bare, measure), rel=1e-12
        )
    # the weighted values differ: weights are not ignored when named
    assert lsm.centralization(G, "degree", weight="weight") != pytest.approx(before["degree"])


def test_unit_weights_equal_unweighted():
    # reference: the unweighted centralization (all weights 1 is a binary graph)
    G = nx.florentine_families_graph()
    nx.set_edge_attributes(G, 1, "w")
    for measure in ("degree", "betweenness", "closeness"):
        assert lsm.centralization(G, measure, weight="w") == pytest.approx(
            lsm.centralization(G, measure), rel=1e-12
        )
        if measure != "degree":
            assert lsm.centralization(G, measure, distance="w") == pytest.approx(
                lsm.centralization(G, measure), rel=1e-12
            )


def test_both_weight_and_distance_rejected():
    # reference: docs/guides/weights.md ("never both"), same wording as centrality_table
    G = _undirected(1)
    with pytest.raises(InvalidParameterError, match=r"not both.*weight='w'.*distance='len'"):
        lsm.centralization(G, "betweenness", weight="w", distance="len")
    with pytest.raises(InvalidParameterError, match="not both"):
        lsm.centrality_table(G, weight="w", distance="len")


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"weight": "missing"}, "'weight' parameter of centralization"),
        ({"distance": "missing"}, "'distance' parameter of centralization"),
    ],
)
def test_unknown_attribute_rejected(kwargs, pattern):
    # reference: centrality_table's checks (check_weight / check_distance), named parameter
    with pytest.raises(InvalidParameterError, match=pattern):
        lsm.centralization(_undirected(1), "closeness", **kwargs)


@pytest.mark.parametrize("bad", [0.0, -1.0])
def test_non_positive_lengths_rejected(bad):
    # reference: docs/guides/weights.md ("a length must be positive")
    G = _undirected(1)
    u, v = next(iter(G.edges()))
    G[u][v]["len"] = bad
    with pytest.raises(InvalidParameterError, match=r"lengths used by centralization.*len="):
        lsm.centralization(G, "betweenness", distance="len")


def test_negative_weight_rejected():
    # reference: docs/guides/weights.md (strengths are non-negative; 0 is no tie)
    G = _undirected(1)
    u, v = next(iter(G.edges()))
    G[u][v]["w"] = -2.0
    with pytest.raises(InvalidParameterError, match=r"weights used by centralization.*w=-2"):
        lsm.centralization(G, "degree", weight="w")


def test_measures_without_valued_definition_rejected():
    # reference: the docstring (eigenvector takes neither; degree takes strengths only)
    G = _undirected(1)
    with pytest.raises(InvalidParameterError, match="degree, betweenness, closeness"):
        lsm.centralization(G, "eigenvector", weight="w")
    with pytest.raises(InvalidParameterError, match="betweenness and closeness"):
        lsm.centralization(G, "eigenvector", distance="len")
    with pytest.raises(InvalidParameterError, match="betweenness and closeness"):
        lsm.centralization(G, "degree", distance="len")


def test_zero_weight_is_no_tie():
    # reference: docs/guides/weights.md (a tie of strength 0 is no tie): a star with one
    # extra leaf-leaf tie of weight 0 is the star
    G = nx.star_graph(5)
    nx.set_edge_attributes(G, 2.0, "w")
    G.add_edge(1, 2, w=0.0)
    for measure in ("degree", "betweenness", "closeness"):
        assert lsm.centralization(G, measure, weight="w") == pytest.approx(1.0)
