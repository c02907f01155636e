"""Any graph in: a networkx (or igraph) graph as a :class:`~lsmnet.NetworkData`, and the check
that gives every data-level function the same helpful error when it is handed a graph.

Researchers arrive with a graph (a GML or GraphML file, a networkx teaching graph such as the
karate club); the risk register, the health scorecard, the bridge ranking and the report need
the tables of a :class:`~lsmnet.NetworkData`. :func:`from_graph` makes them: nodes become
organisations (node attributes their columns), edges become ties of one layer (edge attributes
their columns).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from lsmnet.exceptions import (
    GraphTypeError,
    InvalidParameterError,
    NotNetworkDataError,
    SchemaError,
)
from lsmnet.model import NetworkData

__all__ = ["check_network_data", "from_graph"]

# node attributes that networkx readers add and that are no organisation property
_READER_ONLY = ("id",)


def _is_igraph(obj) -> bool:
    return type(obj).__module__.split(".")[0] == "igraph" and hasattr(obj, "to_networkx")


def check_network_data(data, func: str):
    """Return ``data`` if it is a :class:`~lsmnet.NetworkData`; otherwise raise a TypeError
    that says how to get one.

    Parameters
    ----------
    data : object
        What the caller passed.
    func : str
        Name of the public function, for the message.

    Returns
    -------
    lsmnet.NetworkData

    Raises
    ------
    NotNetworkDataError
        (a ``TypeError`` and a ``ValueError``) If ``data`` is a networkx or igraph graph (the
        message names :func:`from_graph`), or anything else that is not a NetworkData.

    Examples
    --------
    >>> import networkx as nx
    >>> check_network_data(nx.path_graph(3), "risk_flags")
    Traceback (most recent call last):
    ...
    lsmnet.exceptions.NotNetworkDataError: risk_flags needs a NetworkData (tables of ...
    """
    if isinstance(data, NetworkData):
        return data
    if isinstance(data, nx.Graph):
        raise NotNetworkDataError(
            f"{func} needs a NetworkData (tables of organisations, coalitions and ties), not a "
            f"networkx {type(data).__name__}. Convert it with lsmnet.from_graph(G), which "
            "turns nodes into organisations and edges into ties."
        )
    if _is_igraph(data):
        raise NotNetworkDataError(
            f"{func} needs a NetworkData, not an igraph Graph. Convert it with "
            "lsmnet.from_graph(g) (or lsmnet.from_graph(g.to_networkx()))."
        )
    raise NotNetworkDataError(
        f"{func} needs a NetworkData (from lsmnet.read, lsmnet.from_frames or "
        f"lsmnet.from_graph). Got {type(data).__name__}."
    )


def _text_key(node) -> str:
    return node if isinstance(node, str) else str(node)


def from_graph(
    G: nx.Graph | Any, *, layer: str = "network", source: str | None = None
) -> NetworkData:
    """Turn a networkx or igraph graph into a :class:`~lsmnet.NetworkData`.

    Every node becomes an organisation and every edge a tie of one layer, so that the
    data-level functions (:func:`lsmnet.risk_flags`, :func:`lsmnet.coalition_health`,
    :func:`lsmnet.bridge_organizations`, :func:`lsmnet.report`) run on a graph from any
    source.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph, MultiDiGraph or igraph.Graph
        The network. An igraph graph is converted with its ``to_networkx()`` (vertex
        attribute ``_nx_name`` or the vertex index as the node).
    layer : str, default "network"
        The tie layer of edges without a ``layer`` attribute. An edge attribute ``layer``
        (a string) chooses the layer edge by edge; layers other than lsmnet's known ones are
        declared automatically.
    source : str, optional
        Description stored as ``data.meta["source"]``; default ``"networkx <class>"``.

    Returns
    -------
    lsmnet.NetworkData
        ``organizations``: one row per node, ``org_id`` the node as text (``str(node)`` for
        non-string nodes), node attributes as columns (schema columns such as ``name``,
        ``type``, ``province``, ``founded`` are validated as such; others are kept as extra
        columns). ``ties``: one row per edge with ``source``, ``target``, ``layer``,
        ``weight`` (the ``weight`` attribute, default 1), ``directed`` (the graph's
        directedness) and the other edge attributes as extra columns. No coalitions,
        memberships or ratings: the whole network is analysed as one group.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx or igraph graph.
    SchemaError
        If the graph has self-loops, two nodes whose text forms coincide (e.g. ``1`` and
        ``"1"``), parallel edges of one layer in a multigraph, or attribute values the
        schema rejects (e.g. a negative ``weight``); the message names the nodes or edges.
    InvalidParameterError
        If ``layer`` is not a non-empty string.

    See Also
    --------
    lsmnet.partnership_graph : the way back, from a NetworkData to a networkx graph.
    lsmnet.read_gml, lsmnet.read_graphml : read graph files.

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet as lsm
    >>> data = lsm.from_graph(nx.karate_club_graph())
    >>> len(data.organizations), len(data.ties), data.ties["layer"].unique().tolist()
    (34, 78, ['network'])
    >>> data.organizations.loc[0, ["org_id", "club"]].tolist()
    ['0', 'Mr. Hi']
    >>> G = lsm.partnership_graph(data)
    >>> sorted(G.degree, key=lambda pair: -pair[1])[0]
    ('33', 17)
    """
    func = "from_graph"
    if _is_igraph(G):
        G = G.to_networkx()
    if not isinstance(G, nx.Graph):
        raise GraphTypeError(
            f"{func} takes a networkx or igraph graph. Got {type(G).__name__}; for tables, "
            "use lsmnet.from_frames."
        )
    if not isinstance(layer, str) or not layer.strip():
        raise InvalidParameterError(
            f"The 'layer' parameter of {func} must be a non-empty string. Got {layer!r}."
        )
    from lsmnet import _schema
    from lsmnet.model import from_frames

    keys = {}
    for node in G:
        key = _text_key(node)
        if key in keys:
            raise SchemaError(
                f"{func}: nodes {keys[key]!r} and {node!r} have the same text form {key!r}, "
                "which would make them one organisation. Fix: relabel one of them "
                "(networkx.relabel_nodes)."
            )
        keys[key] = node
    loops = [node for node, _ in nx.selfloop_edges(G)]
    if loops:
        shown = ", ".join(repr(n) for n in loops[:5])
        raise SchemaError(
            f"{func}: {len(loops)} self-loop(s) (a tie of an organisation with itself), at "
            f"{shown}. Fix: G.remove_edges_from(list(networkx.selfloop_edges(G)))."
        )

    rows = []
    for node, attrs in G.nodes(data=True):
        row = {k: v for k, v in attrs.items() if k not in _READER_ONLY and k != "org_id"}
        row["org_id"] = _text_key(node)
        rows.append(row)
    organizations = pd.DataFrame(rows)
    organizations = organizations[["org_id", *[c for c in organizations if c != "org_id"]]]

    directed = G.is_directed()
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    tie_rows = []
    for edge in edges:
        u, v, attrs = edge[0], edge[1], edge[-1]
        row = {k: val for k, val in attrs.items() if k not in ("source", "target", "directed")}
        row.update(
            source=_text_key(u),
            target=_text_key(v),
            layer=str(attrs.get("layer", layer)),
            directed=directed,
        )
        tie_rows.append(row)
    first = ["source", "target", "layer", "directed"]
    ties = pd.DataFrame(tie_rows, columns=first) if not tie_rows else pd.DataFrame(tie_rows)
    ties = ties[[*first, *[c for c in ties if c not in first]]]
    if G.is_multigraph():
        pair = ties[["source", "target"]]
        if not directed:
            pair = pd.DataFrame(
                {
                    "a": ties[["source", "target"]].min(axis=1),
                    "b": ties[["source", "target"]].max(axis=1),
                }
            )
        repeated = pd.concat([pair, ties["layer"]], axis=1).duplicated(keep=False)
        if repeated.any():
            shown = ties.loc[repeated, ["source", "target", "layer"]].head(3)
            listed = "; ".join(f"{a}–{b} ({c})" for a, b, c in shown.itertuples(index=False))
            raise SchemaError(
                f"{func}: {int(repeated.sum())} parallel edges share a pair and a layer "
                f"({listed}). Fix: give each parallel edge its own 'layer' attribute, or "
                "combine them first (e.g. networkx.Graph(G) keeps one, summing needs a loop)."
            )
    extra_layers = sorted(set(ties["layer"]) - set(_schema.KNOWN_LAYERS))
    return from_frames(
        organizations=organizations,
        ties=ties,
        layers=extra_layers or None,
        source=source or f"networkx {type(G).__name__}",
    )
