r"""Freeman centralization: how much a network is organised around its most central node."""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np

from lsmnet._validation import check_graph, check_option, check_weight
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning
from lsmnet.metrics._engine import GraphEngine, betweenness_sums, shortest_distances
from lsmnet.metrics.centrality import _check_distance_range, check_distance, eigenvector_values

__all__ = ["centralization"]

MEASURES = ("degree", "betweenness", "closeness", "eigenvector")

# measures with a valued definition: strengths (weight=) and lengths (distance=)
_WEIGHT_MEASURES = ("degree", "betweenness", "closeness")
_DISTANCE_MEASURES = ("betweenness", "closeness")

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
        # strengths when weighted (edge_weight is 1 otherwise); the binary maximum times the
        # strongest tie: the largest deviation sum of any graph whose ties are at most that
        ties = engine.edge_weight if engine.weight is not None else None
        indegree = np.bincount(engine.target, weights=ties, minlength=n).astype(float)
        outdegree = np.bincount(engine.source, weights=ties, minlength=n).astype(float)
        top = engine.distance_scale if engine.weight is not None else 1.0
        if not directed:
            return indegree + outdegree, (n - 1) * (n - 2) * top
        if mode == "all":
            return indegree + outdegree, 2.0 * (n - 1) * (n - 2) * top
        return (indegree if mode == "in" else outdegree), (n - 1) ** 2 * top
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
        g = engine.igraph
        lengths = engine.scaled_distances
        return np.asarray(g.closeness(mode=mode, weights=lengths, normalized=True), dtype=float)
    nodes = np.arange(engine.n)
    D = shortest_distances(engine, nodes, mode)
    return (engine.n - 1) / D.sum(axis=1)


def centralization(
    G: nx.Graph,
    measure: str = "degree",
    *,
    mode: str | None = None,
    weight: str | None = None,
    distance: str | None = None,
) -> float:
    r"""Freeman centralization of a network for one centrality measure.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network, with at least 3 nodes. Edge attributes are used only when ``weight`` or
        ``distance`` names one; self-loops are ignored.
    measure : {"degree", "betweenness", "closeness", "eigenvector"}, default "degree"
        The centrality whose concentration is measured.
    mode : str, optional
        Directed graphs only. ``"degree"``: ``"all"`` (in + out, sna's Freeman degree; the
        default), ``"in"`` or ``"out"``. ``"closeness"``: ``"out"`` (distances from each node,
        the default), ``"in"`` (distances to it) or ``"all"`` (ignoring direction).
        ``"eigenvector"``: ``"out"`` (sna's right eigenvector, the default) or ``"in"``
        (networkx's, as in :func:`centrality_table`). ``"betweenness"`` takes no mode.
        Undirected graphs take no mode.
    weight : str, optional
        Edge attribute holding tie strengths (more = closer), for ``"degree"`` (strength
        centralization), ``"betweenness"`` and ``"closeness"`` (shortest paths with tie length
        :math:`1/w`). A tie of weight 0 is no tie. Default None: every tie counts 1, even when
        the edges carry a ``weight`` attribute (see Notes). See "Weights in lsmnet"
        (docs/guides/weights.md) for ``weight`` against ``distance``.
    distance : str, optional
        Edge attribute holding positive tie lengths (more = farther), as networkx's and
        igraph's ``weight`` is, for ``"betweenness"`` and ``"closeness"``. Give ``weight`` or
        ``distance``, never both.

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
        for the measure and the graph's direction. If both ``weight`` and ``distance`` are
        given; if ``weight`` names a missing, negative or non-numeric edge attribute, or
        ``distance`` a missing, non-positive or non-numeric one (the checks of
        :func:`centrality_table`); if ``weight`` is given for ``"eigenvector"`` or
        ``distance`` for ``"degree"`` or ``"eigenvector"``, which have no valued definition
        here.

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

    **Weights** ("Weights in lsmnet", docs/guides/weights.md). With ``weight``, degree
    centralization is Freeman's formula on node strengths :math:`s_i = \sum_j w_{ij}`
    (Opsahl, Agneessens and Skvoretz [4]_); betweenness and closeness are those of
    :func:`centrality_table` with ``weight``: shortest paths (Brandes [5]_) with tie lengths
    :math:`1/w`. With ``distance``, betweenness and closeness use the given lengths
    :math:`d`. Valued graphs have no maximum independent of the tie values, so the
    denominator is lsmnet's choice, not a published one: the binary maximum of the table
    above for a graph whose every tie is as strong (as short) as the strongest (shortest)
    observed tie. For strength that is the table's maximum times :math:`\max w`, the
    largest deviation sum of any graph whose ties are at most :math:`\max w` (the hub's ties
    enter the sum of strengths twice); for closeness it is the table's maximum divided by
    the shortest tie length :math:`\min d` (:math:`1/\max w` with ``weight``); for
    betweenness, whose scores count pairs, it is the table's maximum. Equivalently, the
    valued centralization is that of the graph with strengths divided by :math:`\max w` or
    lengths by :math:`\min d`, so a binary graph gives its unweighted value and a star with
    equal ties gives 1. Multiplying every weight by a constant leaves it unchanged. Weight
    :math:`w` and distance :math:`1/w` give the same betweenness and closeness
    centralization.

    When the edges carry a ``weight`` attribute and neither ``weight`` nor ``distance`` is
    passed, the attribute is not used and, the result being a bare float, nothing says so
    (:func:`centrality_table` records it in ``attrs["weights"]``): lsmnet never guesses
    whether the numbers are strengths or lengths.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: Conceptual clarification.
       *Social Networks*, 1(3), 215–239.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software*, 24(6), 1–51.
    .. [3] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press, ch. 5.
    .. [4] Opsahl, T., Agneessens, F., & Skvoretz, J. (2010). Node centrality in weighted
       networks: Generalizing degree and shortest paths. *Social Networks*, 32(3), 245–251.
    .. [5] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology*, 25(2), 163–177.

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

    Weighted: the karate club's ``weight`` counts shared activities (tie strengths).

    >>> karate = nx.karate_club_graph()
    >>> round(centralization(karate, "degree", weight="weight"), 4)
    0.1583
    >>> round(centralization(karate, "betweenness", weight="weight"), 4)
    0.3544
    >>> round(centralization(karate, "betweenness", distance="weight"), 4)
    0.437
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
    check_weight(G, weight, func)
    check_distance(G, distance, weight, func)
    if weight is not None and measure not in _WEIGHT_MEASURES:
        raise InvalidParameterError(
            f"The 'weight' parameter of {func} applies to {', '.join(_WEIGHT_MEASURES)} "
            f"(strength centralization and weighted path measures); {measure} centralization "
            f"has no valued definition. Drop 'weight' or pick one of those measures. Got "
            f"measure={measure!r} and weight={weight!r}."
        )
    if distance is not None and measure not in _DISTANCE_MEASURES:
        raise InvalidParameterError(
            f"The 'distance' parameter of {func} applies to {' and '.join(_DISTANCE_MEASURES)} "
            f"(path lengths); {measure} centralization has no definition with tie lengths. "
            "Pass tie strengths as 'weight' (degree: strength centralization) or drop "
            f"'distance'. Got measure={measure!r} and distance={distance!r}."
        )
    engine = GraphEngine(G, weight, distance)
    _check_distance_range(engine, func)
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
