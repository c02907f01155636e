"""Tests of lsmnet.metrics.core_periphery (Borgatti & Everett 1999).

References:
- exhaustive search over all 2^n partitions (n <= 12) written here, scoring each with
  numpy.corrcoef against the ideal pattern (core-core 1, core-periphery 1,
  periphery-periphery 0) on the off-diagonal cells;
- a planted core-periphery graph whose core is known by construction;
- for coreness, the continuous objective sum_{i != j} (b_ij - c_i c_j)^2 written densely
  here and minimised by scipy.optimize from many random starts.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

from lsmnet.exceptions import GraphTypeError, InvalidParameterError
from lsmnet.metrics.core_periphery import core_periphery


def dense(G, weight=None):
    A = nx.to_numpy_array(G, weight=weight)
    np.fill_diagonal(A, 0)
    return A


def brute_best_correlation(G, weight=None):
    """Best correlation over every partition with 1 <= |core| <= n - 2, and its cores."""
    A = dense(G, weight)
    n = len(A)
    off = ~np.eye(n, dtype=bool)
    cells = A[off]
    bits = (np.arange(1, 2**n)[:, None] >> np.arange(n)) & 1
    bits = bits[bits.sum(axis=1) <= n - 2].astype(bool)
    best, cores = -np.inf, []
    for core in bits:
        pattern = (core[:, None] | core[None, :])[off].astype(float)
        r = np.corrcoef(cells, pattern)[0, 1]
        if r > best + 1e-12:
            best, cores = r, [core]
        elif abs(r - best) <= 1e-12:
            cores.append(core)
    return best, cores


def weighted_graph():
    G = nx.gnp_random_graph(11, 0.45, seed=6)
    rng = np.random.default_rng(3)
    for u, v in G.edges:
        G.edges[u, v]["w"] = float(rng.integers(1, 6))
    return G


def star_and_clique():
    G = nx.star_graph(6)
    G.add_edges_from([(7, 8), (8, 9), (7, 9), (9, 0)])
    return G


def davis_women_projection():
    """Co-attendance counts among the first 12 of Davis's Southern Women."""
    B = nx.davis_southern_women_graph()
    women = [v for v, d in B.nodes(data=True) if d["bipartite"] == 0]
    return nx.bipartite.weighted_projected_graph(B, women).subgraph(women[:12]).copy()


SMALL = {
    "kite": (nx.krackhardt_kite_graph(), None),
    "gnp12": (nx.gnp_random_graph(12, 0.3, seed=2), None),
    "digraph11": (nx.gnp_random_graph(11, 0.3, seed=4, directed=True), None),
    "weighted11": (weighted_graph(), "w"),
    "star_and_clique": (star_and_clique(), None),
    "davis_women_projection": (davis_women_projection(), "weight"),
}


@pytest.mark.parametrize("name", list(SMALL))
def test_optimum_matches_exhaustive_search(name):
    G, weight = SMALL[name]
    best, cores = brute_best_correlation(G, weight)
    result = core_periphery(G, weight=weight, seed=0)
    assert result.attrs["correlation"] == pytest.approx(best, abs=1e-9)
    found = result["core"].to_numpy()
    assert any((found == core).all() for core in cores)
    assert result.attrs["core_size"] == found.sum()


def planted(n_core=8, n_periphery=30, p_cp=0.7, p_pp=0.03, seed=0):
    rng = np.random.default_rng(seed)
    G = nx.complete_graph(n_core)
    for p in range(n_core, n_core + n_periphery):
        G.add_node(p)
        for c in range(n_core):
            if rng.random() < p_cp:
                G.add_edge(p, c)
        for q in range(n_core, p):
            if rng.random() < p_pp:
                G.add_edge(p, q)
    return G


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_planted_core_is_recovered_exactly(seed):
    G = planted(seed=seed)
    result = core_periphery(G, seed=seed)
    assert sorted(result.index[result["core"]]) == list(range(8))
    # the coreness of every planted core member exceeds that of every periphery member
    assert result["coreness"][:8].min() > result["coreness"][8:].max()


def test_hub_and_spoke_core_is_the_hub():
    G = nx.star_graph(9)
    result = core_periphery(G, seed=0)
    assert list(result.index[result["core"]]) == [0]
    assert result.attrs["correlation"] == pytest.approx(1.0)


def continuous_objective(A):
    B = (A + A.T) / 2
    off = ~np.eye(len(A), dtype=bool)
    return lambda c: np.sum(((B - np.outer(c, c))[off]) ** 2)


@pytest.mark.parametrize("name", ["kite", "digraph11", "weighted11"])
def test_coreness_minimises_the_continuous_objective(name):
    G, weight = SMALL[name]
    A = dense(G, weight)
    f = continuous_objective(A)
    rng = np.random.default_rng(0)
    best = min(minimize(f, rng.random(len(A)), method="BFGS").fun for _ in range(20))
    result = core_periphery(G, weight=weight, seed=0)
    c = result["coreness"].to_numpy()
    assert f(c) == pytest.approx(best, rel=1e-6, abs=1e-8)
    off = ~np.eye(len(A), dtype=bool)
    expected_r = np.corrcoef(A[off], np.outer(c, c)[off])[0, 1]
    assert result.attrs["coreness_correlation"] == pytest.approx(expected_r, abs=1e-9)
    assert c.sum() > 0


def test_florentine_and_karate_are_better_than_any_single_move():
    for G in (nx.florentine_families_graph(), nx.karate_club_graph()):
        result = core_periphery(G, seed=1)
        A = dense(G)
        off = ~np.eye(len(A), dtype=bool)
        core = result["core"].to_numpy()

        def r(c, A=A, off=off):
            return np.corrcoef(A[off], (c[:, None] | c[None, :])[off].astype(float))[0, 1]

        assert r(core) == pytest.approx(result.attrs["correlation"], abs=1e-12)
        for i in range(len(core)):
            moved = core.copy()
            moved[i] = not moved[i]
            if 1 <= moved.sum() <= len(core) - 2:
                assert r(moved) <= r(core) + 1e-12


def test_deterministic_for_a_seed_and_output_shape():
    G = nx.karate_club_graph()
    a = core_periphery(G, seed=3)
    b = core_periphery(G, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs == b.attrs
    assert list(a.columns) == ["core", "coreness"]
    assert a["core"].dtype == bool
    assert list(a.index) == list(G.nodes)
    assert set(a.attrs) == {
        "correlation",
        "core_size",
        "coreness_correlation",
        "restarts",
        "optimal",
    }
    assert a.attrs["optimal"] is False  # 34 nodes: heuristic search


def test_relabelling_and_no_mutation():
    G = nx.krackhardt_kite_graph()
    before = (list(G.nodes(data=True)), list(G.edges(data=True)))
    H = nx.relabel_nodes(G, {v: f"n{v}" for v in G})
    a = core_periphery(G, seed=0)
    b = core_periphery(H, seed=0)
    assert list(b.index[b["core"]]) == [f"n{v}" for v in a.index[a["core"]]]
    np.testing.assert_allclose(b["coreness"].to_numpy(), a["coreness"].to_numpy())
    assert before == (list(G.nodes(data=True)), list(G.edges(data=True)))


def test_500_nodes_is_fast():
    G = nx.barabasi_albert_graph(500, 3, seed=1)
    result = core_periphery(G, seed=0)
    assert 1 <= result.attrs["core_size"] <= 498


def test_progress_bar_only_on_request(capsys):
    G = nx.karate_club_graph()  # 34 nodes: heuristic search
    rng_quiet, rng_shown = np.random.default_rng(4), np.random.default_rng(4)
    quiet = core_periphery(G, restarts=3, seed=rng_quiet, progress=False)
    assert capsys.readouterr().err == ""
    shown = core_periphery(G, restarts=3, seed=rng_shown, progress=True)
    err = capsys.readouterr().err
    assert "core_periphery:" in err and "0/6" in err  # 3 random + 3 deterministic starts
    pd.testing.assert_frame_equal(shown, quiet, check_exact=True)
    assert shown.attrs == quiet.attrs
    assert rng_shown.random() == rng_quiet.random()
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        core_periphery(G, progress="yes")


@pytest.mark.parametrize(
    ("G", "kwargs", "error", "match"),
    [
        (nx.path_graph(2), {}, InvalidParameterError, "at least 3 nodes.*Got 2"),
        (nx.Graph(), {}, InvalidParameterError, "at least 3 nodes.*Got 0"),
        (nx.empty_graph(5), {}, InvalidParameterError, "same tie value"),
        (nx.complete_graph(5), {}, InvalidParameterError, "same tie value"),
        (nx.path_graph(4), {"weight": "w"}, InvalidParameterError, "no such attribute"),
        (nx.path_graph(4), {"restarts": -1}, InvalidParameterError, "'restarts' parameter"),
        (nx.path_graph(4), {"seed": 1.5}, InvalidParameterError, "'seed' parameter"),
        (nx.MultiGraph([(0, 1), (1, 2)]), {}, GraphTypeError, "multigraphs"),
        (np.eye(3), {}, GraphTypeError, "expects a networkx graph"),
    ],
)
def test_errors(G, kwargs, error, match):
    with pytest.raises(error, match=match):
        core_periphery(G, **kwargs)
