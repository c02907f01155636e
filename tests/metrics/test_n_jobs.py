"""n_jobs on the path measures (issue 18 item 2): the same values for every n_jobs, and the
pieces add up to the one-call result.

References: the one-call igraph computation (``_PIECES_MIN_NODES`` raised above the graph's
size) for the pieces; the n_jobs=1 table itself for n_jobs=2, -1 and a joblib backend.
"""

from __future__ import annotations

import joblib
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics import centrality

PATHS = ["betweenness", "closeness", "harmonic"]


def _graph(directed: bool, n: int = 2_100):
    G = nx.gnm_random_graph(n, 3 * n, seed=4, directed=directed)
    rng = np.random.default_rng(1)
    for u, v in G.edges:
        G[u][v]["w"] = float(rng.integers(1, 5))
    return G


@pytest.mark.slow
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("approx", [None, 300])
def test_values_do_not_depend_on_n_jobs(directed, approx):
    G = _graph(directed)
    serial = lsm.centrality_table(G, weight="w", approx=approx, seed=2, n_jobs=1)
    for n_jobs in (2, -1, None):
        parallel = lsm.centrality_table(G, weight="w", approx=approx, seed=2, n_jobs=n_jobs)
        pd.testing.assert_frame_equal(parallel, serial, check_exact=True)
    with joblib.parallel_backend("threading", n_jobs=2):
        threaded = lsm.centrality_table(G, weight="w", approx=approx, seed=2)
    pd.testing.assert_frame_equal(threaded, serial, check_exact=True)


@pytest.mark.parametrize("directed", [False, True])
def test_pieces_add_up_to_the_one_call_result(directed, monkeypatch):
    G = _graph(directed, n=300)
    one_call = lsm.centrality_table(G, weight="w")  # 300 nodes: below the piece threshold
    monkeypatch.setattr(centrality, "_PIECES_MIN_NODES", 10)
    pieces = lsm.centrality_table(G, weight="w", n_jobs=2)
    np.testing.assert_allclose(pieces[PATHS], one_call[PATHS], rtol=1e-12, atol=1e-15)
    series = lsm.centrality_table(G, weight="w").attrs
    assert series == {"path_measures": "exact"}


@pytest.mark.parametrize("bad", [0, 1.5, True, "2"])
def test_bad_n_jobs(bad):
    with pytest.raises(InvalidParameterError, match="'n_jobs' parameter of centrality_table"):
        lsm.centrality_table(nx.path_graph(3), n_jobs=bad)


def test_pagerank_is_reproducible_bit_for_bit():
    # igraph's PRPACK in several OpenMP threads varied by ~5e-16 from call to call
    G = _graph(False)
    first = lsm.centrality_table(G, weight="w", approx=50, seed=0)["pagerank"]
    for _ in range(3):
        again = lsm.centrality_table(G, weight="w", approx=50, seed=0)["pagerank"]
        pd.testing.assert_series_equal(again, first, check_exact=True)
