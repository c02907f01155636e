"""Reproducible synthetic 'sectors' for the benchmarks.

A sector is a set of organisations with

* memberships in coalitions whose sizes are heavy-tailed (many small coalitions, some with
  well over 50 members), and
* a partnership graph with a heavy-tailed degree distribution and mean degree close to 10
  (a Chung–Lu graph: edge (i, j) drawn with probability proportional to w_i w_j, with Pareto
  weights).

Everything is drawn from ``numpy.random.default_rng(seed)``, so a size and a seed always give
the same sector.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd


def partnership_edges(n: int, *, mean_degree: float = 10.0, seed: int = 0) -> np.ndarray:
    """Return an (m, 2) array of distinct undirected edges of a Chung–Lu graph on n nodes."""
    rng = np.random.default_rng(seed)
    w = rng.pareto(2.5, n) + 1.0
    p = w / w.sum()
    m = int(n * mean_degree / 2)
    edges = np.empty((0, 2), dtype=np.int64)
    while len(edges) < m:
        need = int((m - len(edges)) * 1.2) + 10
        u = rng.choice(n, size=need, p=p)
        v = rng.choice(n, size=need, p=p)
        new = np.column_stack([np.minimum(u, v), np.maximum(u, v)])
        new = new[new[:, 0] != new[:, 1]]
        edges = np.unique(np.vstack([edges, new]), axis=0)
        if len(edges) > m:
            edges = edges[rng.permutation(len(edges))[:m]]
    return edges[np.lexsort((edges[:, 1], edges[:, 0]))]


def partnership_graph(n: int, *, mean_degree: float = 10.0, seed: int = 0) -> nx.Graph:
    """Weighted networkx graph (weights 1..5) on nodes 0..n-1."""
    edges = partnership_edges(n, mean_degree=mean_degree, seed=seed)
    rng = np.random.default_rng(seed + 1)
    weights = rng.integers(1, 6, len(edges)).astype(float)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(
        (int(a), int(b), float(w)) for (a, b), w in zip(edges, weights, strict=True)
    )
    return G


def memberships(
    n_orgs: int, n_coalitions: int, *, total: int | None = None, seed: int = 0
) -> pd.DataFrame:
    """Long table org_id, coalition_id with heavy-tailed coalition sizes (Zipf-like).

    ``total`` rescales the sizes so that there are about that many memberships.
    """
    rng = np.random.default_rng(seed)
    # capped so that one giant coalition does not dominate the projection cost
    sizes = np.minimum((rng.pareto(1.2, n_coalitions) + 1) * 4, min(n_orgs, 1000)).astype(int)
    if total is not None:
        sizes = np.minimum(sizes * (total / sizes.sum()), n_orgs).astype(int)
    sizes = np.maximum(sizes, 2)
    popularity = rng.pareto(2.0, n_orgs) + 1.0
    popularity /= popularity.sum()
    rows_org, rows_coal = [], []
    for c, size in enumerate(sizes):
        # draw with replacement and keep the first distinct ids: O(size log n), not O(n)
        draw = rng.choice(n_orgs, size=3 * size + 10, p=popularity)
        _, first = np.unique(draw, return_index=True)
        members = draw[np.sort(first)][:size]
        size = len(members)
        rows_org.append(members)
        rows_coal.append(np.full(size, c))
    org = np.concatenate(rows_org)
    coal = np.concatenate(rows_coal)
    return pd.DataFrame(
        {"org_id": [f"O{i}" for i in org], "coalition_id": [f"C{c}" for c in coal]}
    )
