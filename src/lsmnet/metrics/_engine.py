"""One conversion of a networkx graph, shared by every metric computed in the same call.

A :class:`GraphEngine` maps the nodes of a networkx graph to positions ``0 .. n-1`` (in the
order ``list(G)``), and builds lazily, once, what the metrics need: an igraph graph for the
path-based measures, a scipy sparse adjacency matrix for the linear-algebra ones, edge
distances ``1 / w`` for weighted shortest paths, and the weak components. A public function
builds one engine and hands it to the private functions of each metric, so a call that
computes several metrics (``centrality_table``) converts the graph once.

Conventions every metric module relies on:

- self-loops are dropped (no metric here uses them; degree and strength are read from the
  networkx graph itself);
- with ``weight`` given, a tie of weight 0 is no tie: it is dropped, so its distance is not
  ``1 / 0`` and it neither makes two nodes neighbours nor carries flow;
- an undirected graph gives a symmetric adjacency matrix with each tie stored both ways.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import cached_property

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph
from threadpoolctl import threadpool_limits

# Row blocks of a masked sparse product hold at most this many intermediate entries, so
# products on graphs with hubs stay within a few hundred megabytes.
_BLOCK_ENTRIES = 4_000_000


@contextmanager
def single_threaded_blas():
    """Run the block with one BLAS thread (threadpoolctl).

    Many small dense or ARPACK/L-BFGS problems (one per coalition, per restart, per null
    graph) gain nothing from BLAS threads, and on a busy machine OpenBLAS threads that wait for
    a core cost more than the arithmetic: risk_flags on 300 coalitions ran 2.3 times slower
    with two threads than with one on a loaded 2-core machine.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        yield


class GraphEngine:
    """Lazily built representations of a networkx graph, each computed at most once.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A validated, simple graph (the caller runs ``check_graph`` and ``check_weight``).
    weight : str or None
        Edge attribute holding tie strengths, or None for unweighted.
    distance : str or None
        Edge attribute holding tie lengths (positive) for the path measures, as networkx's and
        igraph's ``weight`` is; the matrices then stay unweighted. Never with ``weight``.
    """

    def __init__(self, G, weight: str | None = None, distance: str | None = None):
        self.weight = weight
        self.distance = distance
        self.nodes = list(G)
        self.n = len(self.nodes)
        self.directed = G.is_directed()
        position = {v: i for i, v in enumerate(self.nodes)}
        self.edge_length = None
        if distance is not None:
            # a length is no strength: the matrices stay unweighted, paths use the lengths
            edges = [
                (position[u], position[v], float(d))
                for u, v, d in G.edges(data=distance)
                if u != v
            ]
            triples = np.array(edges, dtype=float).reshape(-1, 3)
            self.edge_length = triples[:, 2].copy()
            triples[:, 2] = 1.0
            edges = triples
        elif weight is None:
            edges = [(position[u], position[v], 1.0) for u, v in G.edges() if u != v]
        else:
            edges = [
                (position[u], position[v], float(w))
                for u, v, w in G.edges(data=weight)
                if u != v and w > 0
            ]
        triples = np.array(edges, dtype=float).reshape(-1, 3)
        self.source = triples[:, 0].astype(np.int64)
        self.target = triples[:, 1].astype(np.int64)
        self.edge_weight = triples[:, 2]
        self.memo: dict = {}

    @property
    def m(self) -> int:
        """Number of ties kept (no self-loops, no zero weights)."""
        return len(self.source)

    @cached_property
    def index(self) -> pd.Index:
        """The nodes as a pandas Index, as ``pd.Series(dict_by_node)`` would build it.

        Tuple nodes of one length (such as the builders' ``("org", id)``) give a MultiIndex,
        so ``result.loc[("org", id)]`` and ``result.loc["org"]`` work; tuples of mixed lengths,
        which a MultiIndex would pad with NaN, stay whole in an object Index.
        """
        index = pd.Index(self.nodes)
        if isinstance(index, pd.MultiIndex) and list(index) != self.nodes:
            index = pd.Index(self.nodes, dtype=object, tupleize_cols=False)
        return index

    def series(self, values, name: str) -> pd.Series:
        """A Series of per-node values in engine order, indexed by node."""
        return pd.Series(values, index=self.index, name=name)

    @cached_property
    def igraph(self) -> ig.Graph:
        """The graph as igraph (vertex i is ``self.nodes[i]``), without attributes."""
        # tuples of ints, not a list of lists: ~3x faster at 1M ties (fewer tracked objects)
        edges = list(zip(self.source.tolist(), self.target.tolist(), strict=True))
        return ig.Graph(n=self.n, edges=edges, directed=self.directed)

    @cached_property
    def weights(self) -> list[float] | None:
        """Edge weights in igraph edge order, or None when unweighted."""
        return None if self.weight is None else self.edge_weight.tolist()

    @cached_property
    def distance_scale(self) -> float:
        """Largest tie weight (1.0 when unweighted or without ties).

        A path of length ``L`` in :attr:`scaled_distances` has the length ``L / distance_scale``
        in distances ``1 / w``; closeness and harmonic centrality computed on the scaled lengths
        are multiplied by it.
        """
        if self.edge_length is not None:
            return 1.0 / float(self.edge_length.min()) if self.m else 1.0
        if self.weight is None or self.m == 0:
            return 1.0
        return float(self.edge_weight.max())

    @cached_property
    def scaled_distances(self) -> list[float] | None:
        """Edge lengths ``max(w) / w`` in igraph edge order for shortest paths, or None.

        The distance of a tie is ``1 / w``; dividing every distance by the shortest one (so
        the strongest tie has length 1) leaves shortest paths unchanged but keeps path lengths
        away from igraph's tolerance of about 1e-10, below which it treats lengths as equal
        (with weights of 1e12 every path looked shortest), and away from ``1 / w`` rounding
        to 0 or overflowing. A length is ``inf`` only when ``max(w) / w`` exceeds the float
        range; ``centrality_table`` rejects such weights.
        """
        if self.edge_length is not None:
            # lengths given: the shortest one becomes 1, as max(w) / w does for strengths
            with np.errstate(over="ignore"):
                return (self.edge_length * self.distance_scale).tolist()
        if self.weight is None:
            return None
        with np.errstate(over="ignore"):
            return (self.distance_scale / self.edge_weight).tolist()

    @cached_property
    def adjacency(self) -> sp.csr_array:
        """Sparse adjacency: ``A[i, j]`` is the weight of the tie i -> j."""
        if self.directed:
            rows, cols, vals = self.source, self.target, self.edge_weight
        else:
            rows = np.concatenate([self.source, self.target])
            cols = np.concatenate([self.target, self.source])
            vals = np.concatenate([self.edge_weight, self.edge_weight])
        A = sp.csr_array((vals, (rows, cols)), shape=(self.n, self.n))
        A.sum_duplicates()
        return A

    @cached_property
    def mutual(self) -> sp.csr_array:
        """Mutual tie strength ``M = A + Aᵀ`` (Burt's z_ij + z_ji)."""
        A = self.adjacency
        return (A + A.T).tocsr()

    @cached_property
    def weak_components(self) -> tuple[int, np.ndarray]:
        """Number of weakly connected components and each node's component label."""
        return csgraph.connected_components(
            self.adjacency, directed=self.directed, connection="weak"
        )

    @cached_property
    def strong_components(self) -> tuple[int, np.ndarray]:
        """Number of strongly connected components and each node's component label."""
        return csgraph.connected_components(
            self.adjacency, directed=self.directed, connection="strong"
        )

    def cached(self, key, compute):
        """Return ``self.memo[key]``, computing it with ``compute()`` the first time."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


def masked_product(X: sp.csr_array, Y: sp.csr_array, mask: sp.csr_array) -> sp.csr_array:
    """Entries of ``X @ Y`` at the non-zero positions of ``mask``, in bounded row blocks.

    ``X @ Y`` on a graph with hubs can hold far more entries than the graph has ties (a hub
    of degree d contributes d² of them); computing it a block of rows at a time and keeping
    only the entries under ``mask`` bounds the memory by ``_BLOCK_ENTRIES``.
    """
    n = X.shape[0]
    pattern = mask.copy().tocsr()
    pattern.data = np.ones_like(pattern.data)
    row_nnz_y = np.diff(Y.indptr).astype(float)
    binary_x = X.copy()
    binary_x.data = np.ones_like(binary_x.data)
    cost = np.cumsum(binary_x @ row_nnz_y)
    blocks = []
    start = 0
    while start < n:
        limit = (cost[start - 1] if start else 0.0) + _BLOCK_ENTRIES
        stop = max(start + 1, int(np.searchsorted(cost, limit, side="right")))
        stop = min(stop, n)
        block = (X[start:stop] @ Y).multiply(pattern[start:stop])
        blocks.append(sp.csr_array(block))
        start = stop
    if not blocks:
        return sp.csr_array((n, Y.shape[1]))
    return sp.vstack(blocks, format="csr")


def row_ids(M: sp.csr_array) -> np.ndarray:
    """Row number of each stored entry of a CSR matrix (aligned with ``M.data``)."""
    return np.repeat(np.arange(M.shape[0]), np.diff(M.indptr))
