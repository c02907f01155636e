"""The bipartite organisation–coalition membership graph."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import networkx as nx

from lsmnet.graphs._common import label_of, plain, row_attributes, snapshot
from lsmnet.io.from_graph import check_network_data

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["coalition_node", "membership_graph", "org_node"]


def org_node(org_id: str) -> tuple[str, str]:
    """The node of organisation ``org_id`` in a :func:`membership_graph`.

    Parameters
    ----------
    org_id : str
        The organisation's ``org_id``.

    Returns
    -------
    tuple of (str, str)
        ``("org", org_id)``: the two modes' ids may coincide, their nodes never do.

    Examples
    --------
    >>> org_node("ORG-001")
    ('org', 'ORG-001')
    """
    return ("org", org_id)


def coalition_node(coalition_id: str) -> tuple[str, str]:
    """The node of coalition ``coalition_id`` in a :func:`membership_graph`.

    Parameters
    ----------
    coalition_id : str
        The coalition's ``coalition_id``.

    Returns
    -------
    tuple of (str, str)
        ``("coalition", coalition_id)``.

    Examples
    --------
    >>> coalition_node("C01")
    ('coalition', 'C01')
    """
    return ("coalition", coalition_id)


def membership_graph(
    data: NetworkData, *, at: str | int | datetime.date | None = None
) -> nx.Graph:
    """Bipartite graph of organisations and the coalitions they belong to.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    at : str, int, datetime-like or None, optional
        Snapshot date or year, passed to ``data.at``: only memberships active then are edges.
        ``None`` (default) uses every membership, whatever its dates.

    Returns
    -------
    networkx.Graph
        Undirected graph with one node per organisation and one per coalition, isolated ones
        included. Nodes are tuples ``("org", org_id)`` and ``("coalition", coalition_id)``, so
        an organisation and a coalition that share an id stay two nodes (see :func:`org_node`,
        :func:`coalition_node`). Node attributes:

        - ``bipartite``: 0 for organisations, 1 for coalitions (networkx's convention);
        - ``kind``: ``"org"`` or ``"coalition"``;
        - ``label``: the name, or the id when the name is missing;
        - every other column of the ``organizations`` / ``coalitions`` table (missing values
          are ``None``; ``issues`` and ``focus`` are tuples). The coalitions' own ``kind``
          column (coalition, alliance, ...) is stored as ``coalition_kind``.

        One edge per organisation–coalition pair with attributes ``role``, ``start``, ``end``,
        ``weight`` and ``periods`` (the number of membership rows for the pair; when there are
        several, the other attributes come from the one that starts last).

    See Also
    --------
    comembership_graph : the organisation–organisation projection.
    coalition_overlap_graph : the coalition–coalition projection.

    Notes
    -----
    Membership ``weight`` is carried as an edge attribute; the projections
    (:func:`comembership_graph`, :func:`coalition_overlap_graph`) do not use it.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("davis")
    >>> B = lsm.membership_graph(data)
    >>> B.number_of_nodes(), B.number_of_edges()
    (32, 89)
    >>> B.nodes[("coalition", "E1")]["kind"]
    'coalition'
    >>> from networkx.algorithms import bipartite
    >>> bipartite.is_bipartite(B)
    True
    """
    check_network_data(data, "membership_graph")
    data = snapshot(data, at)
    G = nx.Graph()
    orgs = row_attributes(data.organizations, "org_id")
    for org_id, attrs in orgs.items():
        G.add_node(
            org_node(org_id), bipartite=0, kind="org", label=label_of(attrs, org_id), **attrs
        )
    coalitions = row_attributes(data.coalitions, "coalition_id", rename={"kind": "coalition_kind"})
    for cid, attrs in coalitions.items():
        G.add_node(
            coalition_node(cid), bipartite=1, kind="coalition", label=label_of(attrs, cid), **attrs
        )
    members = data.memberships.sort_values("start", kind="stable", na_position="first")
    periods = members.groupby(["org_id", "coalition_id"], sort=False).size()
    for row in members.itertuples(index=False):
        G.add_edge(
            org_node(row.org_id),
            coalition_node(row.coalition_id),
            role=plain(row.role),
            start=plain(row.start),
            end=plain(row.end),
            weight=float(row.weight),
            periods=int(periods[(row.org_id, row.coalition_id)]),
        )
    return G
