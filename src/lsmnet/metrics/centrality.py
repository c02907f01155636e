r"""Node centrality: one table of the standard measures, on the path engine and scipy.sparse.

Path-based measures (betweenness, closeness, harmonic centrality), k-cores, articulation
points and PageRank run on igraph when it is installed, else on scipy, rustworkx and networkx
(see :mod:`lsmnet.metrics._engine`); eigenvector centrality, clustering and the
structural-hole measures run on scipy sparse matrices; the graph is converted once per call.
Every column equals what networkx computes on the same graph (to 1e-9 in the tests), except
where the docstring states a different convention.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Callable

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.linalg import eigh
from scipy.sparse.linalg import eigsh

from lsmnet._parallel import PiecesInBackground, check_n_jobs, map_pieces
from lsmnet._validation import check_graph, check_number, check_seed, check_weight
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning
from lsmnet.metrics._engine import (
    DistanceSearch,
    GraphEngine,
    articulation_points,
    betweenness_sums,
    core_numbers,
    distance_blocks,
    is_dag,
    masked_product,
    pagerank,
)
from lsmnet.metrics.structural_holes import structural_holes_table

__all__ = ["centrality_table"]

#: Graphs with at most this many nodes get exact path measures unless ``approx`` is given.
EXACT_PATHS_MAX_NODES = 5_000
#: Number of sampled sources for the path measures of larger graphs when ``approx`` is None.
DEFAULT_SOURCES = 1_000
#: Confidence level ``1 - delta`` of the stated error bound.
ERROR_BOUND_DELTA = 0.05

#: From this many nodes on, the path measures are computed in ``_PIECES`` pieces of sources
#: (or targets), cut from the graph alone: the pieces run on ``n_jobs`` workers and their
#: results are combined in piece order, so every ``n_jobs`` gives bit-identical values.
_PIECES_MIN_NODES = 2_000
_PIECES = 8

_PAGERANK_DAMPING = 0.85
_DENSE_EIGEN_MAX_NODES = 64
_POWER_TOL = 1e-13
_POWER_MAX_ITER = 10_000


def sampling_error_bound(n: int, k: int, delta: float = ERROR_BOUND_DELTA) -> float:
    r"""Hoeffding bound on path measures estimated from ``k`` of ``n`` sampled sources.

    With probability at least :math:`1 - \delta`, every node's estimated normalised
    betweenness and normalised harmonic centrality :math:`H/(n-1)` are within
    :math:`\varepsilon = \frac{n}{n-1}\sqrt{\ln(4n/\delta) / (2(k-1))}` of their exact values.
    """
    if k >= n:
        return 0.0
    return n / (n - 1) * np.sqrt(np.log(4 * n / delta) / (2 * (k - 1)))


def _pieces(nodes: np.ndarray) -> list[np.ndarray]:
    """The fixed pieces of ``nodes`` (sources or targets): :data:`_PIECES` of them."""
    return np.array_split(nodes, _PIECES)


def _betweenness_piece(g, directed: bool, lengths, sources: np.ndarray) -> np.ndarray:
    return np.asarray(g.betweenness(directed=directed, weights=lengths, sources=sources.tolist()))


def betweenness_values(engine: GraphEngine, chosen: np.ndarray | None, n_jobs=None) -> np.ndarray:
    """Normalised betweenness (networkx scale), from the ``chosen`` sources if given."""
    return start_betweenness_values(engine, chosen, n_jobs)()


def start_betweenness_values(
    engine: GraphEngine, chosen: np.ndarray | None, n_jobs=None
) -> Callable[[], np.ndarray]:
    """:func:`betweenness_values` in two steps: the pieces of sources go to the ``n_jobs``
    workers now (gathered in the background); the returned function waits for them and gives
    the values, the same as :func:`betweenness_values` (same pieces, summed in order). The
    caller may compute meanwhile, without sending other work to the workers."""
    n = engine.n
    sources = np.arange(n) if chosen is None else chosen
    # pieces from the graph's size, not the sources': 1,000 sampled sources of a 10,000-node
    # graph are worth two workers as much as every source of a 2,000-node one
    pieces = _pieces(sources) if n >= _PIECES_MIN_NODES else None
    if pieces is not None and engine.has_igraph:
        parts = PiecesInBackground(
            _betweenness_piece,
            pieces,
            n_jobs,
            args=(engine.igraph, engine.directed, engine.scaled_distances),
        )
    else:
        parts = None

    def finish() -> np.ndarray:
        if parts is not None:
            raw = np.sum(np.vstack(parts.results()), axis=0)
        else:
            # without igraph one call: rustworkx and networkx take no pieces of sources to sum
            raw = betweenness_sums(engine, chosen)
        if chosen is not None:
            raw = raw * (n / len(chosen))
        if n <= 2:
            return raw.astype(float)
        pairs = (n - 1) * (n - 2)
        return raw * ((1.0 if engine.directed else 2.0) / pairs)

    return finish


def _closeness_piece(g, directed: bool, lengths, vertices) -> np.ndarray:
    """Rows: mean inverse distance (normalised closeness), inverse-distance sum, harmonic."""
    mode = "in" if directed else "all"
    mean_inverse = np.nan_to_num(
        np.asarray(g.closeness(vertices, mode=mode, weights=lengths, normalized=True))
    )
    if directed:
        inverse_sum = np.asarray(
            g.closeness(vertices, mode=mode, weights=lengths, normalized=False)
        )
    else:
        inverse_sum = np.zeros(len(mean_inverse))
    harmonic = np.asarray(
        g.harmonic_centrality(vertices, mode=mode, weights=lengths, normalized=False)
    )
    return np.vstack([mean_inverse, inverse_sum, harmonic])


def _closeness_piece_scipy(M: sp.csr_array, directed: bool, weighted: bool, vertices):
    """The rows of :func:`_closeness_piece` from scipy's distances to ``vertices``.

    ``M`` is the engine's path matrix, transposed on directed graphs: a search out of
    ``v`` in it follows the ties into ``v``.
    """
    from scipy.sparse import csgraph

    vertices = np.arange(M.shape[0]) if vertices is None else np.asarray(vertices)
    D = csgraph.shortest_path(
        M, method="D", directed=directed, unweighted=not weighted, indices=vertices
    ).reshape(len(vertices), M.shape[0])
    D[np.arange(len(vertices)), vertices] = np.inf
    finite = np.isfinite(D)
    reached = finite.sum(axis=1)
    total = np.where(finite, D, 0.0).sum(axis=1)
    harmonic = np.where(finite, 1.0 / np.where(finite, D, 1.0), 0.0).sum(axis=1)
    mean_inverse = np.zeros(len(vertices))
    np.divide(reached, total, out=mean_inverse, where=total > 0)
    inverse_sum = np.zeros(len(vertices))
    if directed:
        np.divide(1.0, total, out=inverse_sum, where=total > 0)
    return np.vstack([mean_inverse, inverse_sum, harmonic])


def closeness_harmonic_values(engine: GraphEngine, n_jobs=None) -> tuple[np.ndarray, np.ndarray]:
    """Wasserman–Faust closeness and harmonic centrality, over incoming distances.

    Computed on :attr:`GraphEngine.scaled_distances` and multiplied back by
    :attr:`GraphEngine.distance_scale` (both measures are inverse distances).
    """
    n = engine.n
    if n <= 1:
        return np.zeros(n), np.zeros(n)
    if engine.has_igraph:
        piece = _closeness_piece
        shared = (engine.igraph, engine.directed, engine.scaled_distances)
        pieces = _pieces(np.arange(n)) if n >= _PIECES_MIN_NODES else None
    else:
        M = engine.path_matrix.T.tocsr() if engine.directed else engine.path_matrix
        piece = _closeness_piece_scipy
        shared = (M, engine.directed, engine.scaled_distances is not None)
        # pieces bound the n x n distance block scipy returns
        step = distance_blocks(n)
        pieces = [np.arange(n)[i : i + step] for i in range(0, n, step)] if n > step else None
    if pieces is None:
        rows = piece(*shared, None)
    else:
        # each node's values come from its own search: pieces of targets are independent
        parts = map_pieces(piece, [p.tolist() for p in pieces], n_jobs, args=shared)
        rows = np.hstack(parts)
    mean_inverse, inverse_sum, harmonic = rows
    if engine.directed:
        with np.errstate(invalid="ignore"):
            reached = np.where(mean_inverse > 0, np.rint(mean_inverse / inverse_sum), 0.0)
    else:
        _, labels = engine.weak_components
        reached = np.bincount(labels)[labels] - 1.0
    closeness = mean_inverse * reached / (n - 1)
    return _unscaled(engine, closeness), _unscaled(engine, harmonic)


def _distance_sums_piece(search: DistanceSearch, block: np.ndarray) -> np.ndarray:
    """Rows over targets: sources reaching it, sum of distances, sum of inverse distances."""
    D = search(block)
    D[np.arange(len(block)), block] = np.inf  # a source says nothing about itself
    finite = np.isfinite(D)
    with np.errstate(divide="ignore"):
        inverse = np.where(finite, 1.0 / D, 0.0).sum(axis=0)
    return np.vstack([finite.sum(axis=0), np.where(finite, D, 0.0).sum(axis=0), inverse])


def sampled_closeness_harmonic(
    engine: GraphEngine, chosen: np.ndarray, n_jobs=None
) -> tuple[np.ndarray, np.ndarray]:
    """Closeness and harmonic centrality estimated from the distances out of ``chosen``."""
    n = engine.n
    step = distance_blocks(n)
    blocks = [chosen[start : start + step] for start in range(0, len(chosen), step)]
    parts = map_pieces(_distance_sums_piece, blocks, n_jobs, args=(DistanceSearch(engine),))
    reached, total, inverse = np.zeros(n), np.zeros(n), np.zeros(n)
    for part in parts:  # block order, as the sums were always accumulated
        reached += part[0]
        total += part[1]
        inverse += part[2]
    others = len(chosen) - np.isin(np.arange(n), chosen)  # sampled sources other than v
    # others is 0 only on a one-node graph, whose exact values are 0
    harmonic = np.zeros(n)
    np.divide((n - 1) * inverse, others, out=harmonic, where=others > 0)
    closeness = np.zeros(n)
    np.divide(reached**2, others * total, out=closeness, where=total > 0)
    return _unscaled(engine, closeness), _unscaled(engine, harmonic)


def _unscaled(engine: GraphEngine, values: np.ndarray) -> np.ndarray:
    """Inverse distances on the scaled lengths, back in units of ``1 / w``."""
    if engine.distance_scale == 1.0:
        return values
    with np.errstate(over="ignore"):
        return values * engine.distance_scale


def _edge_text(engine: GraphEngine, i: int) -> str:
    """``edge (u, v) has weight=w`` for tie ``i`` of the engine."""
    u, v = engine.nodes[engine.source[i]], engine.nodes[engine.target[i]]
    return f"edge ({u!r}, {v!r}) has {engine.weight}={float(engine.edge_weight[i])!r}"


def _check_distance_range(engine: GraphEngine, func: str) -> None:
    """Reject weights whose distances ``1 / w`` span more than the float range.

    Shortest paths use lengths ``max(w) / w``; when that ratio overflows for some tie, no
    scaling represents both that tie's distance and the strongest tie's distance.
    """
    if (engine.weight is None and engine.distance is None) or engine.m == 0:
        return
    if np.isfinite(engine.scaled_distances).all():
        return
    if engine.distance is not None:
        raise InvalidParameterError(
            f"The 'distance' parameter of {func} names lengths whose ratio, longest to "
            "shortest, exceeds the floating-point range. Rescale the lengths. "
            f"Got {engine.distance!r}."
        )
    weakest = _edge_text(engine, int(np.argmin(engine.edge_weight)))
    strongest = _edge_text(engine, int(np.argmax(engine.edge_weight)))
    raise InvalidParameterError(
        f"The 'weight' parameter of {func} names weights whose distances 1/weight span more "
        f"than the floating-point range: {weakest} and {strongest}, a ratio that is not a "
        "finite float. Raise or drop the weakest weights (a weight of 0 removes the tie). "
        f"Got {engine.weight!r}."
    )


def _check_inverse_distances(engine: GraphEngine, values: np.ndarray, func: str) -> None:
    """Reject results whose inverse distances overflow (weights near the float maximum)."""
    bad = np.flatnonzero(np.isinf(values))
    if len(bad) == 0:
        return
    strongest = _edge_text(engine, int(np.argmax(engine.edge_weight)))
    raise InvalidParameterError(
        f"The 'weight' parameter of {func} names weights too large for floats: the harmonic "
        f"centrality of node {engine.nodes[bad[0]]!r}, a sum of inverse distances, exceeds "
        f"the floating-point maximum ({strongest}). Divide the weights by a constant first. "
        f"Got {engine.weight!r}."
    )


def _perron(block: sp.csr_array) -> tuple[float, np.ndarray]:
    """Largest eigenvalue and unit, non-negative eigenvector of a connected symmetric block."""
    if block.shape[0] <= _DENSE_EIGEN_MAX_NODES:
        values, vectors = eigh(block.toarray())
        value, vector = values[-1], vectors[:, -1]
    else:
        values, vectors = eigsh(block, k=1, which="LA", v0=np.ones(block.shape[0]), tol=0)
        value, vector = values[0], vectors[:, 0]
    vector = np.abs(vector)
    return float(value), vector / np.linalg.norm(vector)


def _eigenvector_undirected(engine: GraphEngine) -> np.ndarray:
    n = engine.n
    A = engine.adjacency
    if A.nnz == 0:
        return np.full(n, 1.0 / np.sqrt(n))
    count, labels = engine.weak_components
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    # lambda_1 of a component is at most its largest strength: visit the most promising first
    # and stop once no component left can reach the best eigenvalue found.
    strength = np.asarray(A.sum(axis=1)).ravel()
    bound = np.zeros(count)
    np.maximum.at(bound, labels, strength)
    best, leaders = 0.0, []
    for c in np.argsort(-bound, kind="stable"):
        if bound[c] < best * (1 - 1e-9) or bound[c] == 0:
            break
        members = order[bounds[c] : bounds[c + 1]]
        value, vector = _perron(A[members][:, members])
        if value > best * (1 + 1e-10):
            best, leaders = value, [(members, vector)]
        elif value >= best * (1 - 1e-10):
            leaders.append((members, vector))
    x = np.zeros(n)
    for members, vector in leaders:
        x[members] = vector.sum() * vector
    return x / np.linalg.norm(x)


def _power_iteration(M: sp.csr_array) -> np.ndarray | None:
    """Limit of x <- (M + I) x / ||(M + I) x|| from the all-ones vector; None if it stalls."""
    n = M.shape[0]
    x = np.full(n, 1.0 / n)
    for _ in range(_POWER_MAX_ITER):
        last = x
        x = last + M @ last
        x = x / (np.linalg.norm(x) or 1.0)
        if np.abs(x - last).sum() < n * _POWER_TOL:
            return x
    return None


def eigenvector_values(engine: GraphEngine, direction: str = "in") -> np.ndarray | None:
    """Unit-norm eigenvector centrality; ``direction`` "in" (networkx) or "out" (sna) on digraphs.

    Returns None when the power iteration on a directed graph does not converge.
    """
    if engine.n == 0:
        return np.zeros(0)
    if not engine.directed:
        return _eigenvector_undirected(engine)
    if engine.m == 0:
        return np.full(engine.n, 1.0 / np.sqrt(engine.n))
    if is_dag(engine):
        # λ₁ = 0 (A is nilpotent): no positive eigenvalue to converge to, and the iteration
        # only drifts at rate 1/k (networkx's fails to converge too)
        return None
    A = engine.adjacency
    return _power_iteration((A.T if direction == "in" else A).tocsr())


def clustering_values(engine: GraphEngine) -> np.ndarray:
    """Local clustering as networkx computes it (Onnela weighted, Fagiolo directed)."""
    n = engine.n
    if not engine.directed and engine.weight is None and engine.has_igraph:
        return np.asarray(engine.igraph.transitivity_local_undirected(mode="zero"))
    A = engine.adjacency.copy()
    if A.nnz:
        A.data = np.cbrt(A.data / A.data.max())
    S = (A + A.T).tocsr() if engine.directed else A  # symmetric
    # diag(S^3)_i = sum_j (S^2)_ij S_ji: closed walks of length 3 through i
    walks = np.asarray(masked_product(S, S, S).multiply(S).sum(axis=1)).ravel()
    pattern = engine.adjacency.copy()
    pattern.data = np.ones_like(pattern.data)
    if engine.directed:
        total = np.diff(pattern.indptr) + np.diff(pattern.tocsc().indptr)
        mutual = np.asarray(pattern.multiply(pattern.T).sum(axis=1)).ravel()
        denominator = 2.0 * (total * (total - 1) - 2 * mutual)
    else:
        degree = np.diff(pattern.indptr)
        denominator = degree * (degree - 1.0)
    out = np.zeros(n)
    np.divide(walks, denominator, out=out, where=(walks > 0) & (denominator > 0))
    return out


def _degree_columns(G, weight: str | None) -> dict[str, np.ndarray]:
    nodes = list(G)
    columns = {"degree": np.array([d for _, d in G.degree(nodes)], dtype=np.int64)}
    if G.is_directed():
        columns["in_degree"] = np.array([d for _, d in G.in_degree(nodes)], dtype=np.int64)
        columns["out_degree"] = np.array([d for _, d in G.out_degree(nodes)], dtype=np.int64)
    if weight is None:
        for name in list(columns):
            columns[name.replace("degree", "strength")] = columns[name].astype(float)
    else:
        columns["strength"] = np.array([d for _, d in G.degree(nodes, weight=weight)], float)
        if G.is_directed():
            columns["in_strength"] = np.array(
                [d for _, d in G.in_degree(nodes, weight=weight)], dtype=float
            )
            columns["out_strength"] = np.array(
                [d for _, d in G.out_degree(nodes, weight=weight)], dtype=float
            )
    order = ["degree", "in_degree", "out_degree", "strength", "in_strength", "out_strength"]
    return {name: columns[name] for name in order if name in columns}


def _resolve_sources(approx, n: int) -> int | None:
    """Number of sampled sources, or None for exact path measures."""
    if approx is None:
        return None if n <= EXACT_PATHS_MAX_NODES else min(DEFAULT_SOURCES, n)
    check_number(approx, "approx", "centrality_table", low=2, integer=True)
    # every node a source is the exact computation: take the exact branch, not the sampler
    return None if approx >= n else int(approx)


def centrality_table(
    G: nx.Graph,
    *,
    weight: str | None = None,
    distance: str | None = None,
    approx: int | None = None,
    seed: int | np.random.Generator | None = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    r"""The standard centrality measures of every node, in one table.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network (no multigraphs).
    weight : str, optional
        Edge attribute holding tie strength (non-negative, larger = stronger). None treats
        every tie as 1. How each column uses it is listed in Notes; a tie of weight 0 counts
        for ``degree`` only and is no tie for every other column. See
        "Weights in lsmnet" (docs/guides/weights.md) for ``weight`` against ``distance``.
    distance : str, optional
        Edge attribute holding tie *lengths* (positive; larger = farther), used as they are
        by the path-based columns, as networkx's and igraph's ``weight`` is. The other
        columns are then unweighted. Give ``weight`` or ``distance``, never both.
    approx : int, optional
        Number of source nodes sampled (uniformly, without replacement) to estimate the
        path-based columns (``betweenness``, ``closeness``, ``harmonic``), whose exact values
        need a shortest-path search from every node. None (default) computes them exactly on
        graphs of up to ``EXACT_PATHS_MAX_NODES`` = 5,000 nodes and samples
        ``DEFAULT_SOURCES`` = 1,000 sources above that. A value of at least the number of
        nodes uses every node, which gives the exact values. Other columns are always exact.
        Estimators and error bound are given in Notes.
    seed : None, int or numpy.random.Generator, optional
        Seed of the source sample (used only when path measures are estimated).
    n_jobs : int, optional
        Workers for the path-based columns of graphs with at least 2,000 nodes, as in
        scikit-learn: None is one (unless a :func:`joblib.parallel_backend` context says
        otherwise, e.g. ``"dask"`` for a cluster), -1 all cores. The work is cut into the
        same pieces whatever ``n_jobs`` is, so the values are identical for every ``n_jobs``.

    Returns
    -------
    pandas.DataFrame
        One row per node (index = nodes of ``G`` in graph order) with columns:

        - ``degree`` (int): number of ties (in + out on directed graphs); a self-loop counts
          twice, as in networkx. Directed graphs add ``in_degree`` and ``out_degree``.
        - ``strength`` (float): sum of tie weights (equal to degree when ``weight`` is None);
          directed graphs add ``in_strength`` and ``out_strength``.
        - ``betweenness``: normalised shortest-path betweenness [2]_.
        - ``closeness``: Wasserman–Faust closeness [4]_ over the nodes that can reach the node.
        - ``harmonic``: harmonic centrality [5]_, the sum of inverse distances to the node.
        - ``eigenvector``: eigenvector centrality [3]_ (unit Euclidean norm).
        - ``pagerank``: PageRank [6]_ with damping 0.85.
        - ``effective_size``, ``efficiency``, ``constraint``, ``hierarchy``: Burt's
          structural holes [7]_ (see :func:`lsmnet.constraint`); NaN for isolates, and
          ``hierarchy`` also NaN for nodes with one contact.
        - ``core_number`` (int): the largest k of a k-core containing the node.
        - ``clustering``: local clustering coefficient (0 for degree < 2).
        - ``articulation_point`` (bool): removing the node disconnects its component.

        ``DataFrame.attrs`` records how the path-based columns were computed:
        ``"path_measures"`` is ``"exact"`` or ``"approximate"``; an approximation adds
        ``"sources"`` (k) and ``"error_bound"`` (ε at 95 %, see Notes). When neither
        ``weight`` nor ``distance`` is given but the edges carry a ``weight`` attribute,
        ``"weights"`` says it was not used and how to use it.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If both ``weight`` and ``distance`` are given, if ``distance`` names a missing,
        non-positive or non-numeric edge attribute, if ``weight`` names a missing, negative or
        non-numeric edge attribute, if ``approx``
        is not an integer of at least 2, or if ``seed`` is not None, a non-negative integer or a
        Generator. Also if the weights cannot be represented as path lengths: the ratio of
        the largest to the smallest non-zero weight exceeds the float range (about 1.8e308,
        e.g. weights 1e300 and 1e-300 in one graph), or a harmonic centrality exceeds it
        (weights near 1e308); the message names the edge.

    Warns
    -----
    LsmnetWarning
        When eigenvector centrality is undefined on a directed graph (the power iteration
        does not converge, e.g. on an acyclic graph): the column is NaN.

    See Also
    --------
    centralization, bonacich_power, constraint, effective_size, hierarchy

    Notes
    -----
    **Weights.** ``strength``, ``eigenvector``, ``pagerank``, ``clustering`` and the
    structural-hole columns use weights as tie strengths. The path-based columns
    (``betweenness``, ``closeness``, ``harmonic``) use :math:`d_{uv} = 1 / w_{uv}` as the length
    of a tie, so a strong tie is a short one; paths of equal length are recognised with
    igraph's relative tolerance (networkx, comparing float lengths exactly, can miss ties
    such as :math:`1/3 + 1/6 = 1/2` and then gives slightly different weighted betweenness).
    Paths are measured in units of the shortest tie, :math:`\max(w) / w_{uv}`, and closeness
    and harmonic centrality are multiplied back by :math:`\max(w)`: multiplying every weight
    by :math:`c` multiplies those two columns by :math:`c` and leaves betweenness unchanged,
    even for weights such as 1e12 or 1e300, whose distances :math:`1/w` fall below igraph's
    tolerance (about 1e-10) or round to 0. ``degree``, ``core_number`` and
    ``articulation_point`` do not use weight values (the last two do drop ties of weight 0).
    With ``distance``, the path-based columns use the given lengths :math:`d_{uv}` (in units
    of the shortest one, multiplied back in the same way) and every other column is
    unweighted.

    **Formulas.** Degree, betweenness and closeness are Freeman's [1]_. With
    :math:`\sigma_{st}` the number of shortest paths from :math:`s` to
    :math:`t` and :math:`\sigma_{st}(v)` those through :math:`v` (Brandes' algorithm [2]_),

    .. math::

        B(v) = \frac{1}{(n-1)(n-2)} \sum_{s \ne v \ne t} \frac{\sigma_{st}(v)}{\sigma_{st}}

    over ordered pairs (every pair counted once on undirected graphs, then doubled), as
    networkx's ``normalized=True``. Closeness is defined on disconnected graphs by the
    Wasserman–Faust correction [4]_ (networkx's ``wf_improved=True``): with :math:`R(v)` the
    nodes other than :math:`v` that can reach :math:`v`,

    .. math::

        C(v) = \frac{|R(v)|}{n - 1} \cdot \frac{|R(v)|}{\sum_{u \in R(v)} d(u, v)},

    and 0 when :math:`R(v)` is empty. Harmonic centrality is
    :math:`H(v) = \sum_{u \ne v} 1 / d(u, v)` (unnormalised, unreachable pairs add 0). On
    directed graphs closeness and harmonic centrality use incoming distances
    :math:`d(u, v)`, as networkx does; apply the function to ``G.reverse()`` for outgoing ones.

    Eigenvector centrality is the unit-norm :math:`x \ge 0` with
    :math:`\lambda_1 x_v = \sum_u a_{uv} x_u` (in-ties on directed graphs), defined on any
    graph as the limit of networkx's power iteration :math:`x \leftarrow (A^\top + I) x` from
    the all-ones vector: on a disconnected graph the components whose largest eigenvalue is
    :math:`\lambda_1` share the centrality (in proportion to the projection of the all-ones
    vector on their eigenvectors) and every other node scores 0; a graph without ties gives
    every node :math:`1/\sqrt{n}`. Undirected graphs are solved per component with a sparse
    eigensolver; directed graphs by the power iteration itself (NaN with a warning when it
    does not converge, i.e. when no such limit exists).

    PageRank is :math:`p = \alpha P^\top p + (1 - \alpha) / n` with :math:`\alpha = 0.85`,
    :math:`P` the row-normalised weight matrix and dangling nodes jumping uniformly (igraph's
    PRPACK solver, equal to networkx's ``pagerank``). Local clustering is the fraction of
    closed triangles around the node; with weights, Onnela et al.'s geometric mean of
    :math:`\hat w = w / \max w` [8]_; on directed graphs Fagiolo's [9]_

    .. math::

        c_v = \frac{[(\hat W^{[1/3]} + \hat W^{[1/3]\top})^3]_{vv}}
                   {2\,[d^{tot}_v (d^{tot}_v - 1) - 2 d^{\leftrightarrow}_v]}

    (total and reciprocated degrees), as networkx's ``clustering``. Core numbers use in + out
    degree on directed graphs; articulation points of a directed graph are those of its
    underlying undirected graph.
    Self-loops are ignored by every column except ``degree`` and ``strength``.

    **Approximate path measures.** One sample :math:`S` of :math:`k` sources, drawn without
    replacement, serves the three columns. Betweenness sums the dependencies of the sources
    scaled by :math:`n/k` (Brandes and Pich [10]_). With :math:`S_v = S \setminus \{v\}`,
    :math:`k_v = |S_v|` and :math:`d(s, v)` from a search out of each source, harmonic
    centrality is :math:`\hat H(v) = \frac{n-1}{k_v} \sum_{s \in S_v} 1/d(s, v)`, and
    closeness (Eppstein and Wang [12]_) plugs the unbiased estimates
    :math:`\hat R(v) = \frac{n-1}{k_v} |\{s \in S_v : d(s, v) < \infty\}|` and
    :math:`\hat D(v) = \frac{n-1}{k_v} \sum_{s \in S_v, d(s,v) < \infty} d(s, v)` into the
    formula above: :math:`\hat C(v) = \hat R(v)^2 / ((n-1) \hat D(v))` (0 when no sampled
    source reaches :math:`v`). Betweenness and harmonic estimates are unbiased and, by
    Hoeffding's inequality [11]_ with a union bound over nodes and the two measures, with
    probability at least :math:`1 - \delta` every node's normalised betweenness and
    normalised harmonic centrality :math:`H(v)/(n-1)` are within

    .. math::

        \varepsilon = \frac{n}{n-1} \sqrt{\frac{\ln(4n/\delta)}{2(k-1)}}

    of their exact values (reported for :math:`\delta = 0.05`; observed errors are usually
    far smaller). The closeness estimate is a ratio of unbiased estimates: consistent, exact
    when :math:`k = n`, with no simple bound.

    **Cost.** Exact betweenness, closeness and harmonic centrality take :math:`O(nm)` time
    on unweighted graphs (:math:`O(nm + n^2 \log n)` weighted) in igraph's C code;
    ``approx=k`` makes that :math:`O(km)`. The other columns are near-linear in the number
    of ties. No dense :math:`n \times n` matrix is built.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: Conceptual clarification.
       *Social Networks*, 1(3), 215–239.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology*, 25(2), 163–177.
    .. [3] Bonacich, P. (1972). Factoring and weighting approaches to status scores and
       clique identification. *Journal of Mathematical Sociology*, 2(1), 113–120.
    .. [4] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press, p. 201.
    .. [5] Marchiori, M., & Latora, V. (2000). Harmony in the small-world. *Physica A*,
       285(3–4), 539–546.
    .. [6] Page, L., Brin, S., Motwani, R., & Winograd, T. (1999). The PageRank citation
       ranking: Bringing order to the web. Stanford InfoLab Technical Report 1999-66.
    .. [7] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Cambridge, MA: Harvard University Press.
    .. [8] Onnela, J.-P., Saramäki, J., Kertész, J., & Kaski, K. (2005). Intensity and
       coherence of motifs in weighted complex networks. *Physical Review E*, 71(6), 065103.
    .. [9] Fagiolo, G. (2007). Clustering in complex directed networks. *Physical Review E*,
       76(2), 026107.
    .. [10] Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos*, 17(7), 2303–2318.
    .. [11] Hoeffding, W. (1963). Probability inequalities for sums of bounded random
       variables. *Journal of the American Statistical Association*, 58(301), 13–30.
    .. [12] Eppstein, D., & Wang, J. (2004). Fast approximation of centrality. *Journal of
       Graph Algorithms and Applications*, 8(1), 39–45.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet import centrality_table
    >>> table = centrality_table(nx.florentine_families_graph())
    >>> medici = table.loc["Medici"]
    >>> int(medici["degree"]), round(float(medici["betweenness"]), 4)
    (6, 0.522)
    >>> bool(medici["articulation_point"])
    True
    >>> table["betweenness"].idxmax()
    'Medici'
    >>> table.attrs["path_measures"]
    'exact'
    """
    func = "centrality_table"
    check_graph(G, func)
    check_weight(G, weight, func)
    check_distance(G, distance, weight, func)
    n_jobs = check_n_jobs(n_jobs, func)
    sources = _resolve_sources(approx, G.number_of_nodes())
    rng = check_seed(seed, func)
    engine = GraphEngine(G, weight, distance)
    _check_distance_range(engine, func)
    columns = _degree_columns(G, weight)
    chosen = _sampled_sources(rng, engine.n, sources)
    columns["betweenness"] = betweenness_values(engine, chosen, n_jobs)
    if chosen is None:
        columns["closeness"], columns["harmonic"] = closeness_harmonic_values(engine, n_jobs)
    else:
        columns["closeness"], columns["harmonic"] = sampled_closeness_harmonic(
            engine, chosen, n_jobs
        )
    _check_inverse_distances(engine, columns["harmonic"], func)
    eigenvector = eigenvector_values(engine)
    if eigenvector is None:
        warnings.warn(
            "Eigenvector centrality is undefined on this directed graph (the power iteration "
            "from the all-ones vector does not converge, e.g. because the graph has no "
            "cycle); the 'eigenvector' column is NaN.",
            LsmnetWarning,
            stacklevel=2,
        )
        eigenvector = np.full(engine.n, np.nan)
    columns["eigenvector"] = eigenvector
    columns["pagerank"] = _pagerank_values(engine)
    holes = structural_holes_table(engine)
    for name in holes.columns:
        columns[name] = holes[name].to_numpy()
    columns["core_number"] = core_numbers(engine)
    columns["clustering"] = clustering_values(engine)
    articulation = np.zeros(engine.n, dtype=bool)
    articulation[articulation_points(engine)] = True
    columns["articulation_point"] = articulation
    table = pd.DataFrame(columns, index=engine.index)
    table.attrs.update(_path_attrs(engine.n, sources))
    if weight is None and distance is None and _has_weight_attribute(G):
        table.attrs["weights"] = (
            "not used: the edges have a 'weight' attribute; pass weight='weight' to use it as "
            "tie strength, or distance='weight' to use it as tie length (as networkx does)"
        )
    return table


def _has_weight_attribute(G) -> bool:
    return any("weight" in d for _, _, d in G.edges(data=True))


def check_distance(G, distance, weight, func: str) -> str | None:
    """Check ``distance``: an edge attribute of positive finite lengths, and not with weight."""
    if distance is None:
        return None
    if weight is not None:
        raise InvalidParameterError(
            f"{func} takes 'weight' (tie strength, path length 1/w) or 'distance' (tie length, "
            f"as networkx and igraph read 'weight'), not both. Got weight={weight!r} and "
            f"distance={distance!r}."
        )
    if not isinstance(distance, str):
        raise InvalidParameterError(
            f"The 'distance' parameter of {func} must be an edge attribute name or None. "
            f"Got {distance!r}."
        )
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        if distance not in d:
            raise InvalidParameterError(
                f"The 'distance' parameter of {func} names the edge attribute {distance!r}, but "
                f"the edge ({u!r}, {v!r}) has no such attribute."
            )
        length = d[distance]
        if (
            not isinstance(length, numbers.Real)
            or isinstance(length, bool)
            or not np.isfinite(length)
            or length <= 0
        ):
            raise InvalidParameterError(
                f"Edge lengths used by {func} must be finite positive numbers (a length of 0 "
                f"would make two organisations one place). Edge ({u!r}, {v!r}) has "
                f"{distance}={length!r}."
            )
    return distance


def betweenness_series(G, *, seed=None, n_jobs=None) -> pd.Series:
    """The ``betweenness`` column of :func:`centrality_table` alone, with the same attrs.

    Same default sampling above ``EXACT_PATHS_MAX_NODES`` and the same sources for the same
    seed, so the values equal the table's column bit for bit; for callers that need no other
    column of a large graph.
    """
    func = "centrality_table"
    check_graph(G, func)
    return start_default_betweenness(GraphEngine(G, None), seed, check_n_jobs(n_jobs, func))()


def start_default_betweenness(engine: GraphEngine, seed, n_jobs) -> Callable[[], pd.Series]:
    """:func:`centrality_table`'s betweenness column (no weight) with its default sampling and
    path attrs, bit for bit, from an engine the caller also uses for other measures; in two
    steps, as :func:`start_betweenness_values`: the bridge ranking computes its other columns
    while the workers search."""
    sources = _resolve_sources(None, engine.n)
    rng = check_seed(seed, "centrality_table")
    values = start_betweenness_values(engine, _sampled_sources(rng, engine.n, sources), n_jobs)

    def finish() -> pd.Series:
        out = pd.Series(values(), index=engine.index, name="betweenness")
        out.attrs = _path_attrs(engine.n, sources)
        return out

    return finish


def exact_path_table(G, n_jobs=None) -> pd.DataFrame:
    """The exact ``betweenness``, ``closeness`` and ``harmonic`` columns of
    :func:`centrality_table` (no weight, every node a source), bit for bit: for callers that
    share them between several uses of one graph (the flags, health scorecard and member
    table of a coalition)."""
    engine = GraphEngine(G, None)
    closeness, harmonic = closeness_harmonic_values(engine, n_jobs)
    columns = {
        "betweenness": betweenness_values(engine, None, n_jobs),
        "closeness": closeness,
        "harmonic": harmonic,
    }
    return pd.DataFrame(columns, index=engine.index)


def _sampled_sources(rng, n: int, sources: int | None) -> np.ndarray | None:
    """Positions of the sampled sources, sorted (None: every node, exact)."""
    if sources is None:
        return None
    return np.sort(rng.choice(n, size=sources, replace=False))


def _path_attrs(n: int, sources: int | None) -> dict:
    if sources is None or sources >= n:
        return {"path_measures": "exact"}
    return {
        "path_measures": "approximate",
        "sources": sources,
        "error_bound": float(sampling_error_bound(n, sources)),
    }


def _pagerank_values(engine: GraphEngine) -> np.ndarray:
    if engine.n == 0:
        return np.zeros(0)
    return pagerank(engine, _PAGERANK_DAMPING)
