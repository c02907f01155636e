"""Small graph helpers shared by the builders, the risk flags and the report."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx


def induced_subgraph(G: nx.Graph, nodes: Iterable) -> nx.Graph:
    """Return a copy of the subgraph of ``G`` induced by ``nodes``, in ``G``'s node order.

    ``G.subgraph(nodes)`` iterates over a Python ``set`` when ``nodes`` is small, so its node
    order follows string hashing and changes from one process to the next
    (``PYTHONHASHSEED``); results computed from it, tables indexed by node included, would then
    differ between runs. This copy keeps the order of ``G`` instead.

    Parameters
    ----------
    G : networkx.Graph
        Any networkx graph.
    nodes : iterable
        Nodes to keep; those not in ``G`` are ignored.

    Returns
    -------
    networkx.Graph
        A new graph of the same class as ``G`` with the graph, node and edge attributes of
        ``G`` (shallow copies of the attribute dicts).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> list(induced_subgraph(G, {"d", "b", "c"}))
    ['b', 'c', 'd']
    """
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        edges = G.edges(keys=True, data=True)
        H.add_edges_from((u, v, k, dict(d)) for u, v, k, d in edges if u in keep and v in keep)
    else:
        edges = G.edges(data=True)
        H.add_edges_from((u, v, dict(d)) for u, v, d in edges if u in keep and v in keep)
    return H
