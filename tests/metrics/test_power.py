"""Tests of Bonacich power centrality (lsmnet.metrics.power).

References: R sna 2.7-1 ``bonpow`` values in tests/reference/power_bonpow.csv, written by
tests/reference/power_bonpow.R from the edge lists in tests/reference/centralization_graphs.csv
(checked against networkx's built-in graphs in test_centralization.py); the truncated power
series of Bonacich (1987), computed densely in the test; degree for beta = 0.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet import GraphTypeError, InvalidParameterError
from lsmnet.metrics import power
from lsmnet.metrics.power import bonacich_power

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
BONPOW = pd.read_csv(REFERENCE / "power_bonpow.csv")
CASES = list(BONPOW.groupby(["graph", "weighted", "fraction", "rescale"], sort=False))


def _graph(name: str) -> nx.Graph:
    e = pd.read_csv(REFERENCE / "centralization_graphs.csv").query("graph == @name")
    G = nx.DiGraph() if e["directed"].iloc[0] else nx.Graph()
    G.add_nodes_from(range(e["n"].iloc[0]))
    G.add_weighted_edges_from(e[["source", "target", "weight"]].itertuples(index=False))
    return G


def _check_case(key, rows):
    name, weighted, _, rescale = key
    got = bonacich_power(
        _graph(name),
        beta=float(rows["beta"].iloc[0]),
        weight="weight" if weighted else None,
        rescale=bool(rescale),
    )
    np.testing.assert_allclose(got.loc[rows["node"]].to_numpy(), rows["value"], atol=1e-10)


@pytest.mark.parametrize(("key", "rows"), CASES, ids=["-".join(map(str, k)) for k, _ in CASES])
def test_matches_r_sna_bonpow(key, rows):
    _check_case(key, rows)


@pytest.mark.parametrize("name", ["karate", "digraph"])
def test_sparse_eigensolver_matches_r(monkeypatch, name):
    # force the eigensolver used on large graphs (ARPACK); the solve is iterative at every size
    monkeypatch.setattr(power, "_DENSE_EIGEN_MAX_NODES", 0)
    cases = [(k, r) for k, r in CASES if k[0] == name]
    assert cases
    for key, rows in cases:
        _check_case(key, rows)


@pytest.mark.slow  # a direct factorisation of a large system: ~8 s each
@pytest.mark.parametrize("directed", [False, True])
def test_iterative_solve_equals_a_direct_factorisation(directed):
    # reference: SuperLU on the same system (the solver used below 5,000 nodes until 0.2)
    import scipy.sparse as sp
    from scipy.sparse.linalg import spsolve

    G = nx.gnm_random_graph(1500, 6000, seed=5, directed=directed)
    A = nx.to_scipy_sparse_array(G, nodelist=list(G), weight=None, dtype=float, format="csc")
    lam = max(abs(np.linalg.eigvals(A.toarray())))
    beta = 0.9 / lam
    want = spsolve((sp.eye_array(1500, format="csc") - beta * A).tocsc(), A @ np.ones(1500))
    want *= np.sqrt(1500 / np.sum(want**2))
    got = bonacich_power(G, beta=beta).to_numpy()
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)


def test_matches_truncated_power_series():
    D = nx.gnp_random_graph(30, 0.1, seed=11, directed=True)
    rng = np.random.default_rng(2)
    for u, v in D.edges:
        D[u][v]["w"] = float(rng.uniform(0.5, 2.0))
    A = nx.to_numpy_array(D, weight="w")
    beta = -0.6 / max(abs(np.linalg.eigvals(A)))
    # c = sum_k beta^k A^(k+1) 1, scaled to sum c^2 = n (Bonacich 1987, eq. 3)
    term, c = A @ np.ones(30), np.zeros(30)
    for _ in range(400):
        c += term
        term = beta * (A @ term)
    c *= np.sqrt(30 / np.sum(c**2))
    np.testing.assert_allclose(bonacich_power(D, beta=beta, weight="w").to_numpy(), c, atol=1e-10)


def test_beta_zero_is_scaled_degree_and_rescale_sums_to_one():
    G = nx.krackhardt_kite_graph()
    degree = np.array([d for _, d in G.degree()], dtype=float)
    expected = degree * np.sqrt(len(degree) / np.sum(degree**2))
    np.testing.assert_allclose(bonacich_power(G, beta=0).to_numpy(), expected)
    assert bonacich_power(G, beta=0.1, rescale=True).sum() == pytest.approx(1.0)


def test_directed_power_comes_from_out_ties():
    D = nx.DiGraph([(0, 1), (0, 2), (1, 2)])  # acyclic: λ₁ = 0, every beta allowed
    c = bonacich_power(D, beta=2.0)
    raw = np.array([2 + 2 * 1, 1, 0.0])  # A1 + beta * A(A1): node 0 reaches 1 and 2
    np.testing.assert_allclose(c.to_numpy(), raw * np.sqrt(3 / np.sum(raw**2)))


def test_self_loops_are_ignored_and_edgeless_graph_is_nan():
    G = nx.path_graph(4)
    H = G.copy()
    H.add_edge(1, 1)
    pd.testing.assert_series_equal(bonacich_power(G, beta=0.2), bonacich_power(H, beta=0.2))
    assert bonacich_power(nx.empty_graph(3), beta=0.2).isna().all()
    assert bonacich_power(nx.empty_graph(1), beta=0.2).isna().all()
    empty = bonacich_power(nx.Graph(), beta=0.2)
    assert empty.empty and empty.name == "bonacich_power"


def test_rescale_of_scores_summing_to_zero_is_nan():
    # directed path 0 -> 1 -> 2: c ∝ A1 + beta A²1 = (1 + beta, 1, 0), summing to 0 at beta = -2
    D = nx.DiGraph([(0, 1), (1, 2)])
    raw = np.array([-1.0, 1.0, 0.0])
    np.testing.assert_allclose(
        bonacich_power(D, beta=-2.0).to_numpy(), raw * np.sqrt(3 / np.sum(raw**2))
    )
    assert bonacich_power(D, beta=-2.0, rescale=True).isna().all()


def test_relabelling_permutes_and_input_is_not_mutated():
    G = _graph("davis")
    before = nx.to_dict_of_dicts(G)
    mapping = {v: ("org", str(v)) for v in G}
    c = bonacich_power(G, beta=0.01, weight="weight")
    r = bonacich_power(nx.relabel_nodes(G, mapping), beta=0.01, weight="weight")
    assert list(r.index) == [mapping[v] for v in G]
    np.testing.assert_allclose(r.to_numpy(), c.to_numpy())
    assert nx.to_dict_of_dicts(G) == before


@pytest.mark.parametrize("beta", [0.5, -0.5, 1 / 3, -1 / 3, 10.0])
def test_beta_outside_convergence_radius_is_an_error(beta):
    G = nx.star_graph(9)  # λ₁ = 3, so |beta| must stay below 1/3
    with pytest.raises(InvalidParameterError, match=r"\|beta\| < 1/λ₁ = 0.3333 .*Got"):
        bonacich_power(G, beta=beta)


def test_beta_just_inside_the_radius_is_allowed():
    assert bonacich_power(nx.star_graph(9), beta=0.333).notna().all()


def test_errors():
    G = nx.path_graph(4)
    with pytest.raises(GraphTypeError, match="expects a networkx graph"):
        bonacich_power("graph", beta=0.1)
    with pytest.raises(GraphTypeError, match="multigraphs"):
        bonacich_power(nx.MultiDiGraph([(0, 1)]), beta=0.1)
    with pytest.raises(InvalidParameterError, match="'beta' parameter of bonacich_power"):
        bonacich_power(G, beta="0.1")
    with pytest.raises(InvalidParameterError, match="'beta' parameter of bonacich_power"):
        bonacich_power(G, beta=float("nan"))
    with pytest.raises(InvalidParameterError, match="'rescale' parameter"):
        bonacich_power(G, beta=0.1, rescale="yes")
    with pytest.raises(InvalidParameterError, match="has no such attribute"):
        bonacich_power(G, beta=0.1, weight="w")
    with pytest.raises(TypeError):
        bonacich_power(G, 0.1)
