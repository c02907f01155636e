"""Every public metric gives the same values with and without igraph (issue 17, item 1).

The reference for the permissive engine (scipy csgraph, rustworkx, networkx) is the igraph
engine, an independent library, on the same machine: ``_engine.igraph_disabled()`` forces
the permissive engine while igraph stays installed. Deterministic measures must agree to a
relative 1e-9; null-model quantities (the two engines draw different null graphs) must have
the same shape, be finite where the igraph engine's are, and be reproducible from the seed.
"""

from __future__ import annotations

import re
from fractions import Fraction

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.metrics import _engine

pytest.importorskip("igraph", reason="the agreement tests compare against the igraph engine")

RTOL = 1e-9
ATOL = 1e-12


def _karate():
    return nx.karate_club_graph()


def _weighted():
    # weights 1, 2, 4, 8: the path lengths max(w) / w are exact floats, so both engines see
    # the same ties between path lengths (see test_weighted_betweenness_ties)
    G = nx.gnm_random_graph(40, 90, seed=7)
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = float(2 ** (i % 4))
    return G


def _directed():
    G = nx.gnm_random_graph(40, 110, seed=3, directed=True)
    G.add_edges_from([(v, u) for u, v in list(G.edges())[:20]])  # some reciprocated arcs
    return G


def _disconnected():
    G = nx.disjoint_union(nx.karate_club_graph(), nx.cycle_graph(6))
    G.add_nodes_from(["isolate a", "isolate b"])
    G.add_edge("isolate a", "isolate a")  # a self-loop, which every metric ignores
    return G


GRAPHS = {
    "karate": _karate,
    "weighted": _weighted,
    "directed": _directed,
    "disconnected": _disconnected,
    "two nodes": lambda: nx.path_graph(2),
    "empty": nx.Graph,
}


def _both(call):
    """``call()`` with igraph and without; an error must be the same in both."""
    try:
        with_igraph = call()
    except lsm.LsmnetError as err:
        with _engine.igraph_disabled(), pytest.raises(type(err), match=re.escape(str(err))):
            call()
        return None
    with _engine.igraph_disabled():
        without = call()
    return with_igraph, without


def _assert_same(pair):
    if pair is None:
        return
    a, b = pair
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, rtol=RTOL, atol=ATOL)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, rtol=RTOL, atol=ATOL)
    else:
        np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), RTOL, ATOL)


def _groups(G):
    return {v: i % 3 for i, v in enumerate(G)}


def test_switch_selects_the_engine(monkeypatch):
    monkeypatch.delenv(_engine.NO_IGRAPH_ENV, raising=False)
    G = _karate()
    assert _engine.GraphEngine(G).has_igraph
    with _engine.igraph_disabled():
        assert not _engine.GraphEngine(G).has_igraph
    assert _engine.GraphEngine(G).has_igraph
    monkeypatch.setenv(_engine.NO_IGRAPH_ENV, "1")
    assert not _engine.GraphEngine(G).has_igraph
    monkeypatch.setenv(_engine.NO_IGRAPH_ENV, "0")
    assert _engine.GraphEngine(G).has_igraph


@pytest.mark.parametrize("case", GRAPHS)
def test_centrality_table_agrees(case):
    G = GRAPHS[case]()
    weight = "weight" if case == "weighted" else None
    _assert_same(_both(lambda: lsm.centrality_table(G, weight=weight)))
    if G.number_of_nodes() >= 3:
        # the same seed samples the same sources; each engine sums their paths
        _assert_same(_both(lambda: lsm.centrality_table(G, weight=weight, approx=5, seed=4)))


def test_centrality_table_distance_agrees():
    # karate's integer 'weight' as lengths: exact path sums in both engines
    G = _karate()
    _assert_same(_both(lambda: lsm.centrality_table(G, distance="weight")))


@pytest.mark.parametrize("lengths", ["weight", "distance"])
def test_weighted_betweenness_sees_equal_path_lengths(lengths):
    """Karate's weights 1..7 give path lengths such as 7/3 + 7/6 = 7/2 that are equal only up
    to rounding as floats: igraph compares with a tolerance, the engine without igraph with
    exact fractions. Reference: networkx on exact Fraction lengths 1/w."""
    G = _karate()
    for _, _, d in G.edges(data=True):
        d["length"] = 1.0 / d["weight"]
    kwargs = {"weight": "weight"} if lengths == "weight" else {"distance": "length"}
    with_igraph, without = _both(lambda: lsm.centrality_table(G, **kwargs))
    pd.testing.assert_frame_equal(with_igraph, without, rtol=RTOL, atol=ATOL)
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["exact"] = Fraction(1, int(d["weight"]))
    expected = pd.Series(nx.betweenness_centrality(H, weight="exact"))
    np.testing.assert_allclose(without["betweenness"], expected[without.index], RTOL, ATOL)


@pytest.mark.parametrize("case", ["karate", "weighted", "directed", "disconnected"])
def test_graph_level_and_other_node_measures_agree(case):
    G = GRAPHS[case]()
    directed = G.is_directed()
    for measure, modes in {
        "degree": ("all", "in", "out"),
        "betweenness": (None,),
        "closeness": ("out", "in", "all"),
        "eigenvector": ("out", "in"),
    }.items():
        for mode in modes if directed else (None,):
            _assert_same(_both(lambda m=measure, o=mode: lsm.centralization(G, m, mode=o)))
    _assert_same(_both(lambda: lsm.bonacich_power(G, beta=0.05)))
    _assert_same(_both(lambda: lsm.cohesion_summary(G, seed=1)))
    for func in (lsm.constraint, lsm.effective_size, lsm.hierarchy):
        _assert_same(_both(lambda f=func: f(G)))
    _assert_same(_both(lambda: lsm.brokerage_roles(G, _groups(G), z=True)))
    _assert_same(_both(lambda: lsm.ei_table(G, _groups(G))))


@pytest.mark.parametrize("case", GRAPHS)
@pytest.mark.parametrize("distance_weighted", [False, True])
def test_keyplayer_agrees(case, distance_weighted):
    G = GRAPHS[case]()
    _assert_same(_both(lambda: lsm.fragmentation(G, distance_weighted=distance_weighted)))
    _assert_same(
        _both(lambda: lsm.fragmentation_centrality(G, distance_weighted=distance_weighted))
    )
    pair = _both(
        lambda: lsm.key_players(G, 2, distance_weighted=distance_weighted, seed=1, restarts=2)
    )
    if pair is not None:
        a, b = pair
        assert a.nodes == b.nodes
        np.testing.assert_allclose(a.score, b.score, RTOL, ATOL)


@pytest.mark.parametrize("case", ["karate", "weighted", "disconnected"])
def test_core_periphery_agrees(case):
    G = GRAPHS[case]()
    weight = "weight" if case == "weighted" else None
    _assert_same(_both(lambda: lsm.core_periphery(G, weight=weight, seed=3, restarts=5)))


def test_cug_test_edges_null_agrees():
    # the G(n, m) null draws the same dyads in both engines: same values
    G = _karate()
    a, b = _both(lambda: lsm.cug_test(G, "transitivity", n=50, seed=2))
    pd.testing.assert_series_equal(a.to_series(), b.to_series(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(a.null_values, b.null_values, RTOL, ATOL)


def test_cug_test_degree_null_is_reproducible_without_igraph():
    # another realisation to start from: other draws, same law; compare properties
    G = _karate()
    a, b = _both(lambda: lsm.cug_test(G, "transitivity", null="degree", n=100, seed=2))
    with _engine.igraph_disabled():
        again = lsm.cug_test(G, "transitivity", null="degree", n=100, seed=2)
    pd.testing.assert_series_equal(b.to_series(), again.to_series())
    np.testing.assert_array_equal(b.null_values, again.null_values)
    assert np.isfinite(b.to_series()).all() and b.n == a.n == 100
    assert a.observed == b.observed
    # both chains sample (approximately) the same law: null means within 4 standard errors
    error = np.sqrt((a.null_sd**2 + b.null_sd**2) / 100)
    assert abs(a.null_mean - b.null_mean) < 4 * error


def test_degree_null_edges_keep_the_degrees_without_igraph():
    from lsmnet.metrics.significance import degree_null_edges

    G = _karate()
    degrees = [d for _, d in G.degree()]
    with _engine.igraph_disabled():
        edges = degree_null_edges(degrees, None, np.random.default_rng(1))
        again = degree_null_edges(degrees, None, np.random.default_rng(1))
    assert edges == again
    assert len(set(map(frozenset, edges))) == len(edges)  # simple graph
    assert np.bincount(np.ravel(edges), minlength=len(degrees)).tolist() == degrees


def test_coalition_health_agrees():
    data = lsm.datasets.load_dataset("indonesia_demo")
    a, b = _both(lambda: lsm.coalition_health(data, null_samples=20, seed=5, progress=False))
    null = [c for c in a.columns if "_null_" in c]
    assert list(a.columns) == list(b.columns) and null
    pd.testing.assert_frame_equal(a.drop(columns=null), b.drop(columns=null), rtol=RTOL)
    assert a.attrs == b.attrs
    # a percentile is defined wherever the observed score is (z also needs a null spread,
    # which depends on the draws); no engine gives infinities
    pct = [c for c in null if c.endswith("_pct")]
    assert (a[pct].notna() == b[pct].notna()).all().all()
    assert not np.isinf(b[null].to_numpy(float)).any()
    with _engine.igraph_disabled():
        again = lsm.coalition_health(data, null_samples=20, seed=5, progress=False)
    pd.testing.assert_frame_equal(b, again)
