"""Partnership graphs: typed ties between organisations, merged into one networkx graph."""

from __future__ import annotations

import datetime
import itertools
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._problems import suggest
from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning
from lsmnet.graphs._common import label_of, row_attributes, snapshot
from lsmnet.io.from_graph import check_network_data

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["NON_PARTNERSHIP_LAYERS", "coalition_graph", "coalition_graphs", "partnership_graph"]

#: Layers left out when ``layers=None``: money flows and rivalry are not partnerships.
NON_PARTNERSHIP_LAYERS = ("funding", "competition")

COMBINE = ("sum", "max", "count")
SYMMETRIZE = (None, "union", "reciprocated")


def _selected_layers(data, layers, func: str) -> tuple[str, ...]:
    if layers is None:
        present = set(data.ties["layer"]) - set(NON_PARTNERSHIP_LAYERS)
        return tuple(sorted(present))
    if isinstance(layers, str):
        layers = [layers]
    chosen = tuple(sorted(set(layers)))
    allowed = tuple(data.layers)
    unknown = [layer for layer in chosen if layer not in allowed]
    if unknown:
        raise InvalidParameterError(
            f"The 'layers' parameter of {func} must list layers of this data "
            f"({', '.join(repr(a) for a in allowed)}). Got unknown "
            f"{', '.join(repr(u) for u in unknown)}{suggest(unknown[0], allowed)}. Declare "
            "extra layers when loading, e.g. lsmnet.from_frames(..., layers=[...])."
        )
    if not chosen:
        raise InvalidParameterError(
            f"The 'layers' parameter of {func} must name at least one layer, or be None. "
            "Got an empty list."
        )
    return chosen


def _graph_is_directed(
    ties: pd.DataFrame, directed, symmetrize, func: str, stacklevel: int
) -> bool:
    """Apply the documented direction rule to the selected ties (all dates)."""
    if directed is not None and not isinstance(directed, bool | np.bool_):
        raise InvalidParameterError(
            f"The 'directed' parameter of {func} must be None, True or False. Got {directed!r}."
        )
    flags = ties["directed"].astype(bool)
    directed_layers = sorted(set(ties.loc[flags, "layer"]))
    undirected_layers = sorted(set(ties.loc[~flags, "layer"]))
    if symmetrize is not None:
        if directed:
            raise InvalidParameterError(
                f"The 'symmetrize' parameter of {func} makes an undirected graph, so it cannot "
                f"be combined with directed=True. Got symmetrize={symmetrize!r}."
            )
        return False
    if directed is None:
        if directed_layers and undirected_layers:
            warnings.warn(
                f"{func}: the selected ties mix directed layers ({', '.join(directed_layers)}) "
                f"and undirected layers ({', '.join(undirected_layers)}); the graph is "
                "directed and each undirected tie is entered as two opposite arcs. Pass "
                "directed=True to accept this without a warning, symmetrize='union' for an "
                "undirected graph, or select layers of one kind.",
                LsmnetWarning,
                stacklevel=stacklevel,
            )
        return bool(directed_layers)
    if not directed and directed_layers:
        raise InvalidParameterError(
            f"The 'directed' parameter of {func} is False but the selected layers "
            f"{', '.join(repr(x) for x in directed_layers)} hold directed ties. Pass "
            "symmetrize='union' (keep every tie) or symmetrize='reciprocated' (keep only ties "
            "reported in both directions) to make them undirected explicitly."
        )
    return bool(directed)


def _arcs(ties: pd.DataFrame, graph_directed: bool, symmetrize) -> pd.DataFrame:
    """One row per tie record and graph edge it contributes to, with endpoints ``u``, ``v``."""
    cols = ["layer", "weight", "amount"]
    flags = ties["directed"].astype(bool).to_numpy()
    source = ties["source"].to_numpy(dtype=object)
    target = ties["target"].to_numpy(dtype=object)
    if graph_directed:
        forward = ties[cols].assign(u=source, v=target)
        backward = ties.loc[~flags, cols].assign(u=target[~flags], v=source[~flags])
        return pd.concat([forward, backward], ignore_index=True)
    swap = source > target
    arcs = ties[cols].assign(
        u=np.where(swap, target, source), v=np.where(swap, source, target), _forward=~swap
    )
    if symmetrize == "reciprocated":
        pair = ["u", "v", "layer"]
        both_ways = arcs[flags].groupby(pair, sort=False)["_forward"].transform("nunique").eq(2)
        keep = np.ones(len(arcs), dtype=bool)
        keep[flags] = both_ways.to_numpy()
        arcs = arcs[keep]
    return arcs.drop(columns="_forward")


def _layer_tuples(arcs: pd.DataFrame) -> pd.Series:
    """``tuple(sorted(set(layers)))`` of each pair ``(u, v)``, indexed like
    ``arcs.groupby(["u", "v"], sort=True)`` (one sort instead of a Python call per pair)."""
    lay = arcs[["u", "v", "layer"]].drop_duplicates().sort_values(["u", "v", "layer"])
    rows = zip(*(lay[c].to_numpy(object) for c in ("u", "v", "layer")), strict=True)
    tuples = {
        pair: tuple(layer for _, _, layer in group)
        for pair, group in itertools.groupby(rows, key=lambda row: (row[0], row[1]))
    }
    index = pd.MultiIndex.from_frame(lay[["u", "v"]].drop_duplicates())
    return pd.Series([tuples[pair] for pair in index], index=index, dtype=object)


def _edges(arcs: pd.DataFrame, combine: str) -> pd.DataFrame:
    grouped = arcs.groupby(["u", "v"], sort=True)
    edges = pd.DataFrame(
        {
            "weight": grouped["weight"].size()
            if combine == "count"
            else grouped["weight"].agg(combine),
            "layers": _layer_tuples(arcs),
            "amount": grouped["amount"].sum(min_count=1),
        }
    )
    edges["multiplexity"] = edges["layers"].map(len)
    return edges.reset_index()


class _Merged(NamedTuple):
    """The parts of one call's graph: its class, graph attributes, the snapshot taken (``data``
    itself when ``at`` is None), its organisations (the nodes) and the merged edges."""

    directed: bool
    graph: dict
    snapshot: NetworkData
    organizations: pd.DataFrame
    edges: pd.DataFrame | None


def _merge(
    data, layers, directed, combine, symmetrize, at, func: str, stacklevel: int, members=None
) -> _Merged:
    """Check the options, decide the graph type and merge the selected ties of the snapshot.

    With ``members`` only the organisations and ties among them are kept: a pair's attributes
    come from its own ties, so these edges are the whole graph's edges between members.
    """
    check_option(combine, COMBINE, "combine", func)
    check_option(symmetrize, SYMMETRIZE, "symmetrize", func)
    chosen = _selected_layers(data, layers, func)
    selected = data.ties[data.ties["layer"].isin(chosen)]
    graph_directed = _graph_is_directed(selected, directed, symmetrize, func, stacklevel)

    data = snapshot(data, at)
    ties = data.ties[data.ties["layer"].isin(chosen)]
    organizations = data.organizations
    if members is not None:
        keep = set(members)
        ties = ties[ties["source"].isin(keep) & ties["target"].isin(keep)]
        organizations = organizations[organizations["org_id"].isin(keep)]
    edges = _edges(_arcs(ties, graph_directed, symmetrize), combine) if len(ties) else None
    graph = {"layers": chosen, "combine": combine, "symmetrize": symmetrize, "at": at}
    return _Merged(graph_directed, graph, data, organizations, edges)


def _graph(merged: _Merged, attrs: dict, rows: Iterable[tuple]) -> nx.Graph:
    """The graph of ``merged`` with the nodes ``attrs`` and the edge ``rows``, in that order."""
    G = nx.DiGraph() if merged.directed else nx.Graph()
    G.graph.update(merged.graph)
    _fill(G, attrs, rows)
    return G


def _edge_rows(edges: pd.DataFrame | None) -> Iterable[tuple]:
    """The rows ``(u, v, weight, layers, amount, multiplexity)`` of an edges table."""
    if edges is None:
        return ()
    columns = ["u", "v", "weight", "layers", "amount", "multiplexity"]
    return edges[columns].itertuples(index=False, name=None)


def _in_node_order(u_code: np.ndarray, v_code: np.ndarray, directed: bool) -> np.ndarray:
    """Positions that put edges (sorted by ``u``, ``v``) in the order ``G.edges`` reports them.

    ``u_code``, ``v_code`` are the endpoints' positions in the node order. A graph filled from
    the sorted table lists each node's neighbours in table order; copying it edge by edge
    (``induced_subgraph``, which coalition graphs went through) re-enters each edge under its
    endpoint that comes first in the node order (the source of an arc), keeping table order
    among the edges of one node. Filling in that order gives the copy's adjacency directly,
    so the neighbour order seen by the measures is the same as the copy's.
    """
    first = u_code if directed else np.minimum(u_code, v_code)
    return np.argsort(first, kind="stable")


def _coalition_ids(data, ids: list, func: str) -> None:
    """Raise if an id of ``ids`` is not a ``coalition_id`` of ``data.coalitions``."""
    known = list(data.coalitions["coalition_id"])
    known_set = set(known)
    unknown = [c for c in ids if c not in known_set]
    if unknown:
        shown = ", ".join(repr(c) for c in known[:8]) + (", ..." if len(known) > 8 else "")
        raise InvalidParameterError(
            f"The 'coalition_id' parameter of {func} must be a coalition id of "
            f"data.coalitions ({shown}; {len(known)} in all). Got {unknown[0]!r}"
            f"{suggest(unknown[0], known)}."
        )


def _fill(G: nx.Graph, attrs: dict, rows: Iterable[tuple]) -> None:
    """Add the organisations ``attrs`` (org_id -> attributes) and the edge ``rows``."""
    G.add_nodes_from((o, {"label": label_of(a, o), **a}) for o, a in attrs.items())
    G.add_edges_from(
        (
            u,
            v,
            {
                "weight": float(w),
                "layers": layer_tuple,
                "multiplexity": int(m),
                "amount": float(a),
            },
        )
        for u, v, w, layer_tuple, a, m in rows
    )


def coalition_graphs(
    data: NetworkData,
    coalition_ids: Iterable[str] | None = None,
    *,
    at: str | int | datetime.date | None = None,
) -> dict[str, nx.Graph]:
    """:func:`coalition_graph` of many coalitions (default layers), the ties merged once.

    The report needs the graph of every coalition; building each one filters the whole tie
    table again (a third of a second per coalition at a million ties) and, with ``at``, takes
    the snapshot again. Here the snapshot is taken and the pairs are merged once, the
    memberships read in one pass, and each coalition keeps the pairs between its members: the
    same graphs, node, edge and neighbour order and attributes included.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    coalition_ids : iterable of str, optional
        Coalitions to build, each a ``coalition_id`` of ``data.coalitions``; default: all.
    at : str, int, datetime-like or None, optional
        Snapshot date or year, as in :func:`coalition_graph`.

    Returns
    -------
    dict of str to networkx.Graph
        ``coalition_graph(data, cid, at=at)`` for each coalition, in the order given.

    Raises
    ------
    InvalidParameterError
        If a coalition id is not in ``data.coalitions``.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet.graphs.partnership import coalition_graphs
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> graphs = coalition_graphs(data, ["C01", "C02"])
    >>> list(graphs), graphs["C01"].graph["coalition_id"]
    (['C01', 'C02'], 'C01')
    """
    check_network_data(data, "coalition_graph")
    func = "coalition_graph"
    ids = list(data.coalitions["coalition_id"] if coalition_ids is None else coalition_ids)
    _coalition_ids(data, ids, func)
    merged = _merge(data, None, None, "sum", None, at, func, 4)
    attrs = row_attributes(merged.organizations, "org_id")
    org_ids = list(attrs)
    # integer codes of the organisations: a coalition's pairs are found by two array lookups
    position = pd.Index(org_ids)
    rows = list(_edge_rows(merged.edges))
    if rows:
        u_code = position.get_indexer(merged.edges["u"])
        v_code = position.get_indexer(merged.edges["v"])
    # the members of every coalition (data.coalition_members at the snapshot) in one pass
    table = merged.snapshot.memberships
    member_code = position.get_indexer([str(v) for v in table["org_id"]])
    rows_of = table.groupby("coalition_id", sort=False).indices
    graphs = {}
    for cid in ids:
        found = member_code[rows_of.get(cid, [])]
        # the members in organisation order, the order of partnership_graph's nodes
        codes = np.unique(found[found >= 0])
        picked = []
        if rows:
            inside = np.zeros(len(position), dtype=bool)
            inside[codes] = True
            pairs = np.flatnonzero(inside[u_code] & inside[v_code])
            order = _in_node_order(u_code[pairs], v_code[pairs], merged.directed)
            picked = [rows[i] for i in pairs[order]]
        G = _graph(merged, {org_ids[i]: attrs[org_ids[i]] for i in codes}, picked)
        G.graph["coalition_id"] = cid
        graphs[cid] = G
    return graphs


def partnership_graph(
    data: NetworkData,
    *,
    layers: str | Iterable[str] | None = None,
    directed: bool | None = None,
    combine: Literal["sum", "max", "count"] = "sum",
    symmetrize: Literal["union", "reciprocated"] | None = None,
    at: str | int | datetime.date | None = None,
) -> nx.Graph:
    r"""Partnership ties between organisations, one edge per pair, layers recorded on the edge.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    layers : str, iterable of str or None, optional
        Layers to include (e.g. ``["operational", "advocacy"]``); each must be one of
        ``data.layers``. ``None`` (default) takes every layer present in the ties except
        ``"funding"`` and ``"competition"`` (:data:`NON_PARTNERSHIP_LAYERS`); ask for those
        explicitly.
    directed : bool or None, optional
        Graph type; see Notes for the rule used when ``None`` (default).
    combine : {"sum", "max", "count"}, default "sum"
        How the tie records that fall on one edge become its ``weight``: the sum or maximum
        of their weights, or their number.
    symmetrize : {None, "union", "reciprocated"}, optional
        Make directed ties undirected: ``"union"`` keeps every tie, ``"reciprocated"`` keeps a
        directed tie only when the same layer also has a directed tie in the opposite
        direction. The result is an undirected graph. ``None`` (default) leaves directed ties
        directed.
    at : str, int, datetime-like or None, optional
        Snapshot date or year passed to ``data.at``; ``None`` uses every tie, whatever its
        dates.

    Returns
    -------
    networkx.Graph
        A ``networkx.DiGraph`` (a subclass of ``networkx.Graph``) when the graph is directed by
        the rule in Notes, else a ``networkx.Graph``; test with ``G.is_directed()``, as in
        networkx. One node per organisation of ``data.organizations`` (isolated ones included),
        keyed by ``org_id``, with the table's columns and ``label`` as attributes. One edge (or
        arc) per pair with at least one selected tie, with attributes

        - ``weight``: the tie weights combined by ``combine`` (a float);
        - ``layers``: sorted tuple of the distinct layers of its ties;
        - ``multiplexity``: ``len(layers)``;
        - ``amount``: sum of the ties' amounts, NaN when none has an amount.

        Graph attributes ``layers`` (sorted tuple), ``combine``, ``symmetrize`` and ``at``
        record the call.

    Raises
    ------
    InvalidParameterError
        If a layer is not in ``data.layers``, ``combine`` or ``symmetrize`` is not an option,
        ``directed`` is not None/True/False, ``symmetrize`` is combined with
        ``directed=True``, or ``directed=False`` is asked of directed ties without
        ``symmetrize``.

    Warns
    -----
    LsmnetWarning
        When ``directed=None`` and the selected ties mix directed and undirected ones.

    See Also
    --------
    coalition_graph : the same graph restricted to one coalition's members.

    Notes
    -----
    **Direction rule.** Each tie record is directed or not (``ties.directed``). Whether the
    graph is directed is decided from every tie of the selected layers, whatever its dates, so
    that all snapshots of the same data have the same graph type:

    - ``symmetrize`` given: undirected graph; directed ties are made undirected as asked.
    - ``directed=None``: directed if any selected tie is directed. If directed and undirected
      ties are mixed, the graph is directed, each undirected tie becomes two opposite arcs
      (which loses nothing) and an :class:`~lsmnet.LsmnetWarning` says so.
    - ``directed=True``: directed; undirected ties become two opposite arcs.
    - ``directed=False``: undirected; refused if a selected tie is directed (pass
      ``symmetrize``), because that conversion would lose the direction silently.

    **Merging.** All records that land on the same edge (several layers, several periods,
    both directions of a symmetrized pair) are merged: with :math:`R_{uv}` those records,

    .. math::

        w_{uv} = \sum_{r \in R_{uv}} w_r \;(\text{sum}), \quad
        \max_{r \in R_{uv}} w_r \;(\text{max}), \quad |R_{uv}| \;(\text{count}),

    and the multiplexity is the number of distinct layers in :math:`R_{uv}`. Under
    ``symmetrize="reciprocated"`` a directed record enters only if the same pair has a directed
    record in the opposite direction in the same layer; undirected records always enter.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("knoke")
    >>> G = lsm.partnership_graph(data, layers=["network"])
    >>> G.is_directed(), G.number_of_nodes(), G.number_of_edges()
    (True, 10, 49)
    >>> U = lsm.partnership_graph(data, layers=["network", "funding"], symmetrize="union")
    >>> U.is_directed()
    False
    >>> U["COUN"]["MAYR"]["layers"], U["COUN"]["MAYR"]["multiplexity"]
    (('funding', 'network'), 2)
    """
    check_network_data(data, "partnership_graph")
    merged = _merge(data, layers, directed, combine, symmetrize, at, "partnership_graph", 4)
    rows = _edge_rows(merged.edges)
    return _graph(merged, row_attributes(merged.organizations, "org_id"), rows)


def coalition_graph(
    data: NetworkData,
    coalition_id: str,
    *,
    layers: str | Iterable[str] | None = None,
    directed: bool | None = None,
    combine: Literal["sum", "max", "count"] = "sum",
    symmetrize: Literal["union", "reciprocated"] | None = None,
    at: str | int | datetime.date | None = None,
) -> nx.Graph:
    """The partnership graph among the members of one coalition.

    Coalition health is about the ties among members, so this is
    :func:`partnership_graph` restricted to the coalition's members, every member kept as a
    node even when it has no tie.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    coalition_id : str
        A ``coalition_id`` of ``data.coalitions``.
    layers, directed, combine, symmetrize : optional
        As in :func:`partnership_graph`. The direction rule looks at the selected ties of the
        whole data, so every coalition of the same data gets the same graph type.
    at : str, int, datetime-like or None, optional
        Snapshot date or year: members and ties active then. ``None`` uses every membership
        and tie.

    Returns
    -------
    networkx.Graph
        A ``networkx.DiGraph`` or ``networkx.Graph`` as :func:`partnership_graph` decides.
        Nodes: the coalition's members (``org_id``, organisation attributes, isolated members
        included); edges: ties between two members, with the attributes of
        :func:`partnership_graph`. Graph attributes as there, plus ``coalition_id``.

    Raises
    ------
    InvalidParameterError
        If ``coalition_id`` is not in ``data.coalitions``, or as in
        :func:`partnership_graph`.

    Warns
    -----
    LsmnetWarning
        As in :func:`partnership_graph`.

    See Also
    --------
    partnership_graph

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> G = lsm.coalition_graph(data, "C01")
    >>> G.graph["coalition_id"], G.number_of_nodes() >= 50
    ('C01', True)
    """
    check_network_data(data, "coalition_graph")
    func = "coalition_graph"
    _coalition_ids(data, [coalition_id], func)
    members = data.coalition_members(coalition_id, at=at)
    merged = _merge(data, layers, directed, combine, symmetrize, at, func, 4, members=members)
    edges = merged.edges
    if edges is not None:
        position = pd.Index(merged.organizations["org_id"])
        u_code = position.get_indexer(edges["u"])
        v_code = position.get_indexer(edges["v"])
        edges = edges.iloc[_in_node_order(u_code, v_code, merged.directed)]
    G = _graph(merged, row_attributes(merged.organizations, "org_id"), _edge_rows(edges))
    G.graph["coalition_id"] = coalition_id
    return G
