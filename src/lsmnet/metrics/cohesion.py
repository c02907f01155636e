r"""Whole-network cohesion: density, connectivity, distances, clustering, communities."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._validation import check_graph, check_seed
from lsmnet.metrics._engine import (
    GraphEngine,
    distance_blocks,
    shortest_distances,
    transitivity,
)
from lsmnet.metrics.centrality import clustering_values

__all__ = ["cohesion_summary"]


def _largest(labels: np.ndarray) -> np.ndarray:
    """Positions of the largest group (the one met first in node order on a tie)."""
    sizes = np.bincount(labels)
    _, first_seen = np.unique(labels, return_index=True)
    biggest = np.flatnonzero(sizes == sizes.max())
    winner = biggest[np.argmin(first_seen[biggest])]
    return np.flatnonzero(labels == winner)


def _core_distances(engine: GraphEngine, core: np.ndarray) -> tuple[float, float]:
    """Diameter and mean distance between the nodes of the largest (strong) component.

    Shortest paths between two nodes of a strong component stay inside it, so distances in
    the whole graph are those of the induced subgraph.
    """
    if len(core) < 2:
        return 0.0, np.nan
    if engine.has_igraph:
        sub = engine.igraph.induced_subgraph(core.tolist())
        return sub.diameter(directed=True), sub.average_path_length(directed=True)
    step = distance_blocks(engine.n)
    longest, total = 0.0, 0.0
    for start in range(0, len(core), step):
        D = shortest_distances(engine, core[start : start + step], "out")[:, core]
        longest = max(longest, float(D.max()))
        total += float(D.sum())
    return longest, total / (len(core) * (len(core) - 1))


def _reciprocity_and_assortativity(engine: GraphEngine) -> tuple[float, float]:
    """Share of reciprocated ties (directed, NaN otherwise or without ties) and degree
    assortativity (out-degree of the tail against in-degree of the head when directed)."""
    if engine.m == 0:
        return np.nan, np.nan
    if engine.has_igraph:
        g = engine.igraph
        reciprocity = g.reciprocity(ignore_loops=True) if engine.directed else np.nan
        return reciprocity, g.assortativity_degree(directed=True)
    H = engine.networkx
    reciprocity = nx.overall_reciprocity(H) if engine.directed else np.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        assortativity = nx.degree_assortativity_coefficient(H)
    return reciprocity, assortativity


def _loop_free(G):
    if nx.number_of_selfloops(G) == 0:
        return G
    H = G.copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    return H


def cohesion_summary(G: nx.Graph, *, seed: int | np.random.Generator | None = 0) -> pd.Series:
    r"""The standard whole-network cohesion measures, as one Series.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network, with at least one node. Weights are ignored (every measure here is
        structural); self-loops are ignored.
    seed : None, int or numpy.random.Generator, default 0
        Seed of the Louvain community search, so that the same graph gives the same
        modularity.

    Returns
    -------
    pandas.Series
        Float values named ``"cohesion"``, indexed by measure:

        - ``nodes``, ``ties``: :math:`n` and :math:`m`.
        - ``density``: :math:`m / \binom{n}{2}` (undirected) or :math:`m / (n(n-1))`
          (directed); NaN when :math:`n = 1`.
        - ``average_degree``: :math:`2m/n`, the mean number of ties per node (in + out on
          directed graphs).
        - ``components``: number of connected components (weakly connected on directed
          graphs); ``strong_components``: number of strongly connected components (directed
          graphs; NaN for undirected ones).
        - ``largest_component_share``: share of the nodes in the largest component.
        - ``diameter``, ``mean_distance``: longest and mean shortest-path length (in ties)
          between distinct nodes of the largest component (largest *strongly* connected
          component of a directed graph, so that every pair is reachable; ties in size go to
          the component met first in node order); mean distance is NaN for a one-node
          component.
        - ``transitivity``: :math:`3 \times` triangles / connected triples, on the
          underlying undirected graph for a directed graph; NaN when there is no connected
          triple.
        - ``average_clustering``: mean local clustering over all nodes (0 for nodes of
          degree < 2; Fagiolo's directed clustering on directed graphs), as
          :func:`centrality_table`'s ``clustering`` column.
        - ``reciprocity``: share of directed ties that are reciprocated; NaN for undirected
          graphs.
        - ``degree_assortativity``: Pearson correlation of the degrees at either end of a tie
          (out-degree of the sender with in-degree of the receiver on directed graphs); NaN
          when every tie joins nodes of equal degree spread (zero variance).
        - ``communities``, ``modularity``: number of communities of a seeded Louvain
          partition and its modularity; modularity is NaN for a graph without ties.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If ``G`` has no node, or ``seed`` is not None, a non-negative integer or a
        Generator.

    See Also
    --------
    centrality_table, centralization

    Notes
    -----
    Modularity [3]_ of a partition into communities :math:`c` is

    .. math::

        Q = \sum_c \left[\frac{m_c}{m} - \left(\frac{d_c}{2m}\right)^2\right],

    with :math:`m_c` the ties inside :math:`c` and :math:`d_c` the sum of its degrees
    (networkx's directed form on directed graphs); the partition is networkx's Louvain
    method [4]_ with the given seed. Degree assortativity is Newman's [2]_ coefficient,
    transitivity and clustering follow Wasserman and Faust [1]_ and networkx. Distances,
    transitivity, reciprocity and assortativity are computed with igraph when it is
    installed, else with scipy and networkx (the same values).

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press.
    .. [2] Newman, M. E. J. (2002). Assortative mixing in networks. *Physical Review
       Letters*, 89(20), 208701.
    .. [3] Newman, M. E. J., & Girvan, M. (2004). Finding and evaluating community structure
       in networks. *Physical Review E*, 69(2), 026113.
    .. [4] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. *Journal of Statistical Mechanics*,
       2008(10), P10008.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet import cohesion_summary
    >>> summary = cohesion_summary(nx.karate_club_graph())
    >>> summary[["density", "diameter", "transitivity"]].round(4).tolist()
    [0.139, 5.0, 0.2557]
    >>> float(summary["reciprocity"])
    nan
    """
    func = "cohesion_summary"
    check_graph(G, func, min_nodes=1)
    rng = check_seed(seed, func)
    louvain_seed = seed if isinstance(seed, int) else int(rng.integers(2**32))
    engine = GraphEngine(G)
    n, m, directed = engine.n, engine.m, engine.directed
    weak_count, weak_labels = engine.weak_components
    if directed:
        strong_count, strong_labels = engine.strong_components
        core = _largest(strong_labels)
    else:
        strong_count = np.nan
        core = _largest(weak_labels)
    diameter, mean_distance = _core_distances(engine, core)
    reciprocity, assortativity = _reciprocity_and_assortativity(engine)
    pairs = n * (n - 1) / (1 if directed else 2)
    H = _loop_free(G)
    communities = nx.community.louvain_communities(H, weight=None, seed=louvain_seed)
    values = {
        "nodes": n,
        "ties": m,
        "density": m / pairs if n > 1 else np.nan,
        "average_degree": 2 * m / n,
        "components": weak_count,
        "strong_components": strong_count,
        "largest_component_share": np.bincount(weak_labels).max() / n,
        "diameter": diameter,
        "mean_distance": mean_distance,
        "transitivity": transitivity(engine),
        "average_clustering": clustering_values(engine).mean(),
        "reciprocity": reciprocity,
        "degree_assortativity": assortativity,
        "communities": len(communities),
        "modularity": (nx.community.modularity(H, communities, weight=None) if m else np.nan),
    }
    return pd.Series(values, dtype=float, name="cohesion")
