"""One conversion of a networkx graph, shared by every metric computed in the same call.

A :class:`GraphEngine` maps the nodes of a networkx graph to positions ``0 .. n-1`` (in the
order ``list(G)``), and builds lazily, once, what the metrics need: a graph of the path
engine, a scipy sparse adjacency matrix for the linear-algebra ones, edge distances ``1 / w``
for weighted shortest paths, and the weak components. A public function builds one engine
and hands it to the private functions of each metric, so a call that computes several metrics
(``centrality_table``) converts the graph once.

**Engines.** python-igraph (GPL-2.0-or-later) is an optional accelerator
(``pip install "lsmnet[igraph]"``): this module is the one place that decides whether it is
used (:func:`igraph_or_none`, read at every engine built, so :func:`igraph_disabled` and the
environment variable ``LSMNET_NO_IGRAPH=1`` switch it off in a running process). Without it
the same operations run on permissive libraries, each the fastest that offers the measure
(2,000 nodes / 10,000 ties on the loaded 2-core machine: igraph betweenness 0.74 s,
rustworkx 1.3 s, networkit 2.3 s, networkx 22 s; all-pairs distances: igraph 0.5 s,
scipy 0.9 s):

- shortest-path distances, closeness, harmonic centrality, diameter: scipy ``csgraph``;
- exact unweighted betweenness: rustworkx (Apache-2.0; networkit, MIT, is slower here and
  offers nothing rustworkx and scipy do not);
- weighted betweenness and betweenness from chosen sources: networkx
  (``betweenness_centrality_subset``; no compiled library offers chosen sources);
- k-cores, articulation points, PageRank, degree-sequence realisations: networkx;
- triangles, transitivity and acyclicity: scipy sparse products and strong components.

Both engines give the same values to rounding (``tests/metrics/test_engines_agree.py``),
except weighted betweenness with ties of equal length reached through different sums, which
igraph recognises with a relative tolerance and networkx only when the sums are equal
floats; null-model draws differ between the engines (another realisation of the degree
sequence to start from), each reproducible from its seed.

Conventions every metric module relies on:

- self-loops are dropped (no metric here uses them; degree and strength are read from the
  networkx graph itself);
- with ``weight`` given, a tie of weight 0 is no tie: it is dropped, so its distance is not
  ``1 / 0`` and it neither makes two nodes neighbours nor carries flow;
- an undirected graph gives a symmetric adjacency matrix with each tie stored both ways.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from functools import cached_property
from types import ModuleType

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph
from threadpoolctl import threadpool_limits

# Row blocks of a masked sparse product hold at most this many intermediate entries, so
# products on graphs with hubs stay within a few hundred megabytes.
_BLOCK_ENTRIES = 4_000_000
# distance rows computed per block of sources by scipy (bounds the memory of a block)
_DISTANCE_BLOCK_ENTRIES = 2_000_000
# without igraph, all-pairs distance sums up to this many nodes come from one dense matrix
_DENSE_DISTANCES_MAX = 2_000
# without igraph, weighted betweenness snaps path lengths to fractions of this denominator
_LENGTH_DENOMINATOR = 1_000_000
# PageRank without igraph: networkx's power iteration run to convergence at rounding level,
# so it equals igraph's direct PRPACK solution to about 1e-13
_PAGERANK_TOL = 1e-15
_PAGERANK_MAX_ITER = 10_000

#: Environment variable that switches igraph off (any value but "" and "0"), read at use time.
NO_IGRAPH_ENV = "LSMNET_NO_IGRAPH"
_disabled = 0


@functools.cache
def _installed_igraph() -> ModuleType | None:
    try:
        import igraph
    except ImportError:
        return None
    return igraph


def igraph_or_none() -> ModuleType | None:
    """The igraph module if it is installed and not switched off, else None.

    Switched off inside :func:`igraph_disabled` or when ``LSMNET_NO_IGRAPH`` is set to
    anything but ``""`` or ``"0"``; both are read at every call.
    """
    if _disabled or os.environ.get(NO_IGRAPH_ENV, "") not in ("", "0"):
        return None
    return _installed_igraph()


@contextmanager
def igraph_disabled() -> Iterator[None]:
    """Compute without igraph inside the block, even when it is installed (for tests).

    Engines built inside the block keep the permissive engine after it ends.
    """
    global _disabled
    _disabled += 1
    try:
        yield
    finally:
        _disabled -= 1


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
        self.has_igraph = igraph_or_none() is not None
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

    @classmethod
    def from_arrays(
        cls, n: int, source: np.ndarray, target: np.ndarray, directed: bool = False
    ) -> GraphEngine:
        """An unweighted engine on nodes ``0 .. n-1`` with ties ``source[i] -> target[i]``
        (distinct, no self-loops), for null graphs scored without building a networkx graph."""
        engine = cls.__new__(cls)
        engine.has_igraph = igraph_or_none() is not None
        engine.weight = engine.distance = engine.edge_length = None
        engine.nodes = list(range(n))
        engine.n = n
        engine.directed = directed
        engine.source = np.asarray(source, dtype=np.int64)
        engine.target = np.asarray(target, dtype=np.int64)
        engine.edge_weight = np.ones(len(engine.source))
        engine.memo = {}
        return engine

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
    def igraph(self):
        """The graph as igraph (vertex i is ``self.nodes[i]``), without attributes.

        Only for engines whose ``has_igraph`` is true (decided when the engine is built);
        every caller checks it first.
        """
        # tuples of ints, not a list of lists: ~3x faster at 1M ties (fewer tracked objects)
        edges = list(zip(self.source.tolist(), self.target.tolist(), strict=True))
        return _installed_igraph().Graph(n=self.n, edges=edges, directed=self.directed)

    @cached_property
    def networkx(self) -> nx.Graph:
        """The ties as a networkx graph on positions ``0 .. n-1`` (no self-loops, no ties of
        weight 0), with edge attributes ``weight`` (strength) and ``length`` (the scaled path
        length of :attr:`scaled_distances` as an exact fraction, or 1)."""
        H = nx.DiGraph() if self.directed else nx.Graph()
        H.add_nodes_from(range(self.n))
        lengths = _tie_exact_lengths(self.scaled_distances) or [1] * self.m
        H.add_edges_from(
            (u, v, {"weight": w, "length": d})
            for u, v, w, d in zip(
                self.source.tolist(),
                self.target.tolist(),
                self.edge_weight.tolist(),
                lengths,
                strict=True,
            )
        )
        return H

    @cached_property
    def path_matrix(self) -> sp.csr_array:
        """Sparse matrix of path lengths for scipy's ``csgraph``: ``M[i, j]`` is the scaled
        length of the tie i -> j (1 when unweighted), stored both ways when undirected."""
        lengths = np.ones(self.m) if self.scaled_distances is None else self.scaled_distances
        lengths = np.asarray(lengths, dtype=float)
        if self.directed:
            rows, cols, vals = self.source, self.target, lengths
        else:
            rows = np.concatenate([self.source, self.target])
            cols = np.concatenate([self.target, self.source])
            vals = np.concatenate([lengths, lengths])
        return sp.csr_array((vals, (rows, cols)), shape=(self.n, self.n))

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


class DistanceSearch:
    """Shortest-path distances out of chosen sources on one engine's graph, picklable (the
    pieces of ``n_jobs`` carry it to their workers): an igraph graph with its edge lengths,
    or scipy's path matrix, transposed for ``mode="in"``."""

    def __init__(self, engine: GraphEngine, mode: str = "out"):
        self.n = engine.n
        self.mode = mode
        self.lengths = engine.scaled_distances
        self.directed = engine.directed and mode != "all"
        self.graph = engine.igraph if engine.has_igraph else None
        self.matrix = None
        if self.graph is None:
            M = engine.path_matrix
            self.matrix = M.T.tocsr() if self.directed and mode == "in" else M

    def __call__(self, sources: np.ndarray | list) -> np.ndarray:
        """Distances (scaled lengths, ``inf`` when unreachable) from each source to every
        node: "out" along the ties, "in" against them, "all" ignoring direction."""
        sources = np.asarray(sources, dtype=np.int64)
        if len(sources) == 0:
            return np.zeros((0, self.n))
        if self.graph is not None:
            rows = self.graph.distances(
                source=sources.tolist(), mode=self.mode, weights=self.lengths
            )
            return np.array(rows, dtype=float).reshape(len(sources), self.n)
        return csgraph.shortest_path(
            self.matrix,
            method="D",
            directed=self.directed,
            unweighted=self.lengths is None,
            indices=sources,
        ).reshape(len(sources), self.n)


def _tie_exact_lengths(lengths: list[float] | None) -> list | None:
    """Path lengths as fractions, so that networkx sees equal path lengths as equal.

    networkx compares summed float lengths exactly and misses ties such as
    7/3 + 7/6 = 7/2 (karate's weights), where igraph compares with a relative tolerance of
    about 1e-10. Each length becomes the nearest fraction with a denominator of at most
    ``_LENGTH_DENOMINATOR`` (within about 1e-12 of the float): ratios of weights such as
    ``max(w) / w`` or ``d / min(d)`` are then exact, and sums of fractions are exact.
    Integer lengths stay floats (their sums are exact already).
    """
    if lengths is None:
        return None
    if all(float(x).is_integer() for x in lengths):
        return lengths
    return [Fraction(x).limit_denominator(_LENGTH_DENOMINATOR) for x in lengths]


def shortest_distances(
    engine: GraphEngine, sources: np.ndarray | list, mode: str = "out"
) -> np.ndarray:
    """Distances from each of ``sources`` to every node (see :class:`DistanceSearch`)."""
    return DistanceSearch(engine, mode)(sources)


def distance_blocks(n: int) -> int:
    """Sources per block of distance rows on a graph of ``n`` nodes (bounded memory)."""
    return max(1, _DISTANCE_BLOCK_ENTRIES // max(n, 1))


def inverse_distance_sum(engine: GraphEngine, sources: np.ndarray | None = None) -> float:
    """Sum of ``1 / d(s, v)`` over the sources ``s`` (every node if None) and nodes ``v``
    reachable from them, ``v != s``: igraph's summed ``harmonic_centrality(mode="out")``."""
    if engine.has_igraph and sources is None:
        g = engine.igraph
        return float(sum(g.harmonic_centrality(mode="out", normalized=False)))
    if sources is None and engine.scaled_distances is None and engine.n <= _DENSE_DISTANCES_MAX:
        # one dense matrix: ten times faster than scipy's searches on the small null graphs
        import rustworkx

        D = rustworkx.distance_matrix(_rustworkx_graph(engine), null_value=np.inf)
        return float(np.sum(1.0 / D[D > 0]))
    chosen = np.arange(engine.n) if sources is None else np.asarray(sources)
    step = distance_blocks(engine.n)
    search = DistanceSearch(engine)
    total = 0.0
    for start in range(0, len(chosen), step):
        D = search(chosen[start : start + step])
        total += float(np.sum(1.0 / D[D > 0]))
    return total


def _rustworkx_graph(engine: GraphEngine):
    """The engine's ties as a rustworkx graph (node i is position i), built once."""

    def build():
        import rustworkx

        R = rustworkx.PyDiGraph() if engine.directed else rustworkx.PyGraph()
        R.add_nodes_from(range(engine.n))
        # neighbours are visited in insertion order, which sets the order of the floating
        # sums: canonical order, so the same graph gives the same bits however it was listed
        u, v = engine.source, engine.target
        if not engine.directed:
            u, v = np.minimum(u, v), np.maximum(u, v)
        order = np.lexsort((v, u))
        R.extend_from_edge_list(list(zip(u[order].tolist(), v[order].tolist(), strict=True)))
        return R

    return engine.cached("rustworkx", build)


def betweenness_sums(engine: GraphEngine, sources: np.ndarray | None = None) -> np.ndarray:
    """Betweenness of every node summed over the shortest paths out of ``sources`` (every
    node if None), on the scaled lengths, unnormalised: igraph's
    ``betweenness(directed, weights, sources)``, each unordered pair counted once on
    undirected graphs."""
    if engine.n == 0:
        return np.zeros(0)
    if engine.has_igraph:
        g = engine.igraph
        lengths = engine.scaled_distances
        if sources is None:
            return np.asarray(g.betweenness(directed=engine.directed, weights=lengths))
        chosen = np.asarray(sources).tolist()
        return np.asarray(g.betweenness(directed=engine.directed, weights=lengths, sources=chosen))
    weighted = engine.scaled_distances is not None
    if sources is None and not weighted:
        import rustworkx

        # one thread: rayon's parallel sums change their order from run to run
        scores = rustworkx.betweenness_centrality(
            _rustworkx_graph(engine), normalized=False, parallel_threshold=engine.n + 1
        )
        return np.array([scores[i] for i in range(engine.n)], dtype=float)
    H = engine.networkx
    length = "length" if weighted else None
    if sources is None:
        scores = nx.betweenness_centrality(H, normalized=False, weight=length)
    else:
        scores = nx.betweenness_centrality_subset(
            H, np.asarray(sources).tolist(), list(H), normalized=False, weight=length
        )
    return np.array([scores[i] for i in range(engine.n)], dtype=float)


def core_numbers(engine: GraphEngine) -> np.ndarray:
    """k-core number of every node (in + out degree on directed graphs)."""
    if engine.has_igraph:
        return np.asarray(engine.igraph.coreness(mode="all"), dtype=np.int64)
    cores = nx.core_number(engine.networkx)
    return np.array([cores[i] for i in range(engine.n)], dtype=np.int64)


def articulation_points(engine: GraphEngine) -> np.ndarray:
    """Positions of the articulation points of the underlying undirected graph."""
    if engine.has_igraph:
        return np.asarray(engine.igraph.articulation_points(), dtype=np.int64)
    H = engine.networkx
    if engine.directed:
        H = H.to_undirected(as_view=True)
    return np.array(sorted(nx.articulation_points(H)), dtype=np.int64)


def pagerank(engine: GraphEngine, damping: float) -> np.ndarray:
    """PageRank with uniform teleport and dangling jumps, weighted by tie strength if any."""
    if engine.has_igraph:
        # igraph's PRPACK sums in OpenMP threads, in an order that changes from call to
        # call (differences of ~5e-16 on 2,100 nodes); one thread makes it reproducible
        with threadpool_limits(limits=1, user_api="openmp"):
            return np.asarray(
                engine.igraph.pagerank(
                    directed=engine.directed, damping=damping, weights=engine.weights
                )
            )
    scores = nx.pagerank(
        engine.networkx,
        alpha=damping,
        weight=None if engine.weight is None else "weight",
        tol=_PAGERANK_TOL,
        max_iter=_PAGERANK_MAX_ITER,
    )
    return np.array([scores[i] for i in range(engine.n)], dtype=float)


def is_dag(engine: GraphEngine) -> bool:
    """Whether a directed engine has no cycle: every strong component is one node (the
    engine holds no self-loops)."""
    return engine.strong_components[0] == engine.n


def triangle_count(engine: GraphEngine) -> int:
    """Number of triangles of the underlying undirected simple graph."""
    if engine.has_igraph and not engine.directed:
        return len(engine.igraph.list_triangles())
    S = _symmetric_pattern(engine)
    # trace(S^3) / 6, from the entries of S @ S under S (exact integers in float64)
    return round(float(masked_product(S, S, S).sum()) / 6.0)


def _symmetric_pattern(engine: GraphEngine) -> sp.csr_array:
    S = engine.adjacency.copy()
    if engine.directed:
        S = (S + S.T).tocsr()
    S.data = np.ones_like(S.data)
    return S


def transitivity(engine: GraphEngine) -> float:
    """Global clustering coefficient of the underlying undirected simple graph (NaN without a
    connected triple), as igraph's ``transitivity_undirected(mode="nan")``."""
    if engine.has_igraph:
        g = engine.igraph.as_undirected(mode="collapse") if engine.directed else engine.igraph
        return float(g.transitivity_undirected(mode="nan"))
    degree = np.diff(_symmetric_pattern(engine).indptr).astype(np.int64)
    triples = int(np.sum(degree * (degree - 1)))
    if triples == 0:
        return float("nan")
    return 6 * triangle_count(engine) / triples


def realize_degree_sequence(out_deg: list, in_deg: list | None) -> list[tuple[int, int]]:
    """A simple graph with the given degree sequence(s), deterministic, as an edge list.

    igraph's ``Realize_Degree_Sequence(method="smallest")`` when igraph is used, else
    networkx's Havel–Hakimi construction; the two start from different graphs.
    """
    ig = igraph_or_none()
    if ig is not None:
        if in_deg is None:
            start = ig.Graph.Realize_Degree_Sequence(out_deg, method="smallest")
        else:
            start = ig.Graph.Realize_Degree_Sequence(out_deg, in_deg, method="smallest")
        return start.get_edgelist()
    if in_deg is None:
        H = nx.havel_hakimi_graph(out_deg)
        have = {v: (H.degree(v), 0) for v in H}
        want = [(int(d), 0) for d in out_deg]
    else:
        H = nx.directed_havel_hakimi_graph(in_deg, out_deg)
        have = {v: (H.out_degree(v), H.in_degree(v)) for v in H}
        want = [(int(o), int(i)) for o, i in zip(out_deg, in_deg, strict=True)]
    # networkx's construction does not keep node i at degree d[i] (it sorts): match the nodes
    # by their degrees (equal degrees in id order), a bijection since the sequences agree
    built = sorted(have, key=lambda v: (have[v], v))
    target = sorted(range(len(want)), key=lambda i: (want[i], i))
    node = dict(zip(built, target, strict=True))
    return [(node[u], node[v]) for u, v in H.edges()]


def gnm_path_measures(
    n: int, u: np.ndarray, v: np.ndarray, sources: np.ndarray | None = None
) -> tuple[float, np.ndarray]:
    """Path measures of the undirected simple graph on ``0 .. n-1`` with edges ``(u, v)``,
    for the null graphs of the coalition flags, without building a networkx graph.

    Returns the sum of inverse distances over ordered pairs and each node's betweenness
    (igraph's scale), exact, or with ``sources`` estimated from the paths out of them
    (scaled by ``n / len(sources)``). Without igraph both are always exact: no permissive
    library computes betweenness from chosen sources fast (networkx's
    ``betweenness_centrality_subset`` from 200 sources on 1,200 nodes took 4.9 s, rustworkx's
    exact betweenness 0.5 s), and the exact value is what the estimate estimates.
    """
    engine = GraphEngine.from_arrays(n, u, v)
    if sources is None or not engine.has_igraph:
        return inverse_distance_sum(engine), betweenness_sums(engine)
    scale = n / len(sources)
    return (
        scale * inverse_distance_sum(engine, sources),
        scale * betweenness_sums(engine, sources),
    )
