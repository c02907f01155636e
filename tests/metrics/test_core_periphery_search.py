"""core_periphery's vectorised local search returns exactly what the plain search returns.

Reference: the straightforward best-improvement search written below, which scores every
move with _Fit.correlation on arrays of candidate core sizes (the implementation before the
two-term speed-up). Same starts, same moves, bit-identical correlations.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from lsmnet.metrics.core_periphery import _TOL, _Fit, _tie_matrix


def plain_local_search(fit: _Fit, core: np.ndarray) -> tuple[np.ndarray, float]:
    core = core.copy()
    periphery = (~core).astype(float)
    t = fit.B @ periphery
    k = int(core.sum())
    s_pp = float(periphery @ t) / 2
    current = float(fit.correlation(k, s_pp))
    for _ in range(10 * fit.n):
        new_k = np.where(core, k - 1, k + 1)
        new_s = np.where(core, s_pp + t, s_pp - t)
        r = fit.correlation(new_k, new_s)
        x = int(np.argmax(r))
        if not r[x] > current + _TOL:
            break
        lo, hi = fit.B.indptr[x], fit.B.indptr[x + 1]
        t[fit.B.indices[lo:hi]] += fit.B.data[lo:hi] if core[x] else -fit.B.data[lo:hi]
        core[x] = not core[x]
        k, s_pp, current = int(new_k[x]), float(new_s[x]), float(r[x])
    return core, current


GRAPHS = [
    nx.star_graph(8),
    nx.path_graph(5),
    nx.complete_bipartite_graph(3, 12),
    nx.barabasi_albert_graph(120, 3, seed=2),
    *(nx.gnm_random_graph(40, 90, seed=s) for s in range(6)),
    nx.gnp_random_graph(30, 0.2, seed=9, directed=True),
]


@pytest.mark.parametrize("G", GRAPHS, ids=lambda G: f"{G.number_of_nodes()}-{G.size()}")
def test_local_search_matches_plain_search(G):
    nodes = list(G)
    weight = None
    if G.number_of_nodes() == 40:
        for u, v, d in G.edges(data=True):
            d["w"] = float((u * v) % 5 + 1)
        weight = "w"
    fit = _Fit(_tie_matrix(G, nodes, weight))
    rng = np.random.default_rng(len(nodes))
    for _ in range(8):
        start = np.zeros(len(nodes), dtype=bool)
        start[rng.choice(len(nodes), rng.integers(1, len(nodes) - 1), replace=False)] = True
        core, r = fit.local_search(start)
        ref_core, ref_r = plain_local_search(fit, start)
        np.testing.assert_array_equal(core, ref_core)
        assert r == ref_r
