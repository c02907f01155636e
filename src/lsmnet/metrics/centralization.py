r"""Freeman centralization: how much a network is organised around its most central node."""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np

from lsmnet._validation import check_graph, check_option
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning
from lsmnet.metrics._engine import GraphEngine, betweenness_sums, shortest_distances
from lsmnet.metrics.centrality import eigenvector_values

__all__ = ["centralization"]

MEASURES = ("degree", "betweenness", "closeness", "eigenvector")

# mode options on directed graphs, default first (sna's defaults)
_DIRECTED_MODES = {
    "degree": ("all", "in", "out"),
    "betweenness": (),
    "closeness": ("out", "in", "all"),
    "eigenvector": ("out", "in"),
}


def _scores_and_max(engine: GraphEngine, measure: str, mode) -> tuple[np.ndarray, float]:
    """Centrality scores as sna computes them, and the theoretical maximum deviation sum."""
    n = engine.n
    directed = engine.directed
    if measure == "degree":
        indegree = np.bincount(engine.target, minlength=n).astype(float)
        outdegree = np.bincount(engine.source, minlength=n).astype(float)
        if not directed:
            return indegree + outdegree, (n - 1) * (n - 2)
        if mode == "all":
            return indegree + outdegree, 2.0 * (n - 1) * (n - 2)
        return (indegree if mode == "in" else outdegree), (n - 1) ** 2
    if measure == "betweenness":
        scores = betweenness_sums(engine)
        return scores, (n - 1) ** 2 * (n - 2) / (1.0 if directed else 2.0)
    if measure == "closeness":
        symmetric = not directed or mode == "all"
        count, _ = engine.weak_components if symmetric else engine.strong_components
        if count > 1:
            return np.full(n, np.nan), np.nan
        scores = _closeness(engine, "all" if mode is None else mode)
        if symmetric:
            return scores, (n - 1) * (n - 2) / (2 * n - 3)
        return scores, (n - 1) * (1 - 1 / n)
    scores = eigenvector_values(engine, direction=mode)
    if scores is None:
        return np.full(n, np.nan), np.nan
    return scores, (n - 1.0 if directed else np.sqrt(2) / 2 * (n - 2))


def _closeness(engine: GraphEngine, mode: str) -> np.ndarray:
    """Closeness ``(n - 1) / sum of distances`` of every node of a connected graph (igraph's
    ``closeness(mode, normalized=True)``); "out": distances from the node, "in": to it."""
    if engine.has_igraph:
        return np.asarray(engine.igraph.closeness(mode=mode, normalized=True), dtype=float)
    nodes = np.arange(engine.n)
    D = shortest_distances(engine, nodes, mode)
    return (engine.n - 1) / D.sum(axis=1)


def centralization(G: nx.Graph, measure: str = "degree", *, mode: str | None = None) -> float:
    r"""Freeman centralization of a network for one centrality measure.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network, with at least 3 nodes. Weights are ignored (the theoretical maxima are
        those of binary graphs); self-loops are ignored.
    measure : {"degree", "betweenness", "closeness", "eigenvector"}, default "degree"
        The centrality whose concentration is measured.
    mode : str, optional
        Directed graphs only. ``"degree"``: ``"all"`` (in + out, sna's Freeman degree; the
        default), ``"in"`` or ``"out"``. ``"closeness"``: ``"out"`` (distances from each node,
        the default), ``"in"`` (distances to it) or ``"all"`` (ignoring direction).
        ``"eigenvector"``: ``"out"`` (sna's right eigenvector, the default) or ``"in"``
        (networkx's, as in :func:`centrality_table`). ``"betweenness"`` takes no mode.
        Undirected graphs take no mode.

    Returns
    -------
    float
        Centralization between 0 and 1 (1 for a star in degree, betweenness and closeness;
        0 when every node scores the same, as in a complete graph or a cycle). NaN for
        closeness on a graph that is not connected (strongly connected for ``mode="in"`` or
        ``"out"``), where Freeman's closeness has infinite distances, and for eigenvector
        centralization of a directed graph without eigenvector centrality.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If ``G`` has fewer than 3 nodes, ``measure`` is unknown, or ``mode`` is not allowed
        for the measure and the graph's direction.

    Warns
    -----
    LsmnetWarning
        When eigenvector centrality of a directed graph is undefined (result NaN).

    See Also
    --------
    centrality_table

    Notes
    -----
    Freeman's [1]_ centralization of scores :math:`c_1, \dots, c_n` is

    .. math::

        C = \frac{\sum_{i} \left(\max_j c_j - c_i\right)}
                 {\max_{G' : |G'| = n} \sum_{i} \left(\max_j c_j(G') - c_i(G')\right)},

    the denominator being the largest value the numerator can take (Wasserman and Faust
    [3]_, ch. 5) on any graph with the
    same number of nodes and direction, without self-loops. Scores and maxima follow R's
    ``sna::centralization`` [2]_ (and ``igraph::centr_*`` for degree, betweenness and
    closeness):

    ==============  ===========================================  ============================
    measure         score                                        maximum (undirected; directed)
    ==============  ===========================================  ============================
    degree          number of ties                               :math:`(n-1)(n-2)`;
                                                                 :math:`(n-1)^2` in/out,
                                                                 :math:`2(n-1)(n-2)` all
    betweenness     raw betweenness (pairs counted once          :math:`(n-1)^2(n-2)/2`;
                    if undirected)                               :math:`(n-1)^2(n-2)`
    closeness       :math:`(n-1) / \sum_j d(i, j)`               :math:`(n-1)(n-2)/(2n-3)`;
                                                                 :math:`(n-1)^2/n` in/out
    eigenvector     unit-norm leading eigenvector                :math:`(n-2)/\sqrt{2}`;
                                                                 :math:`n-1`
    ==============  ===========================================  ============================

    Eigenvector convention: sna's, with eigenvector scores of unit Euclidean norm and the
    maximum attained by a graph with a single tie (two nodes at :math:`1/\sqrt2`, the rest at
    0). A star therefore scores :math:`(n-1-\sqrt{n-1})/(n-2)`, not 1, in eigenvector
    centralization. (igraph's ``centr_eigen`` scales scores to a maximum of 1 and divides by
    :math:`n-2`, which gives other values.) On disconnected graphs the eigenvector follows
    the convention of :func:`centrality_table`.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: Conceptual clarification.
       *Social Networks*, 1(3), 215–239.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software*, 24(6), 1–51.
    .. [3] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press, ch. 5.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet import centralization
    >>> centralization(nx.star_graph(5), "betweenness")
    1.0
    >>> centralization(nx.cycle_graph(6), "closeness")
    0.0
    >>> round(centralization(nx.florentine_families_graph(), "degree"), 4)
    0.2747
    """
    func = "centralization"
    check_graph(G, func, min_nodes=3)
    check_option(measure, MEASURES, "measure", func)
    directed = G.is_directed()
    allowed = _DIRECTED_MODES[measure] if directed else ()
    if mode is not None and not allowed:
        graph = "directed graphs" if directed else "undirected graphs"
        raise InvalidParameterError(
            f"The 'mode' parameter of {func} must be None for {measure} on {graph}. Got {mode!r}."
        )
    if mode is not None:
        check_option(mode, allowed, "mode", func)
    elif directed and allowed:
        mode = allowed[0]
    engine = GraphEngine(G)
    scores, maximum = _scores_and_max(engine, measure, mode)
    if measure == "eigenvector" and np.isnan(maximum):
        warnings.warn(
            "Eigenvector centrality is undefined on this directed graph (the power iteration "
            "from the all-ones vector does not converge); centralization is NaN.",
            LsmnetWarning,
            stacklevel=2,
        )
    if np.isnan(maximum):
        return float("nan")
    return float(np.sum(scores.max() - scores) / maximum)
