"""Projections of the membership graph: organisations linked by shared coalitions, and coalitions
linked by shared members. Both are sparse matrix products of the incidence matrix."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from lsmnet._problems import suggest
from lsmnet._validation import check_number, check_option
from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs._common import label_of, row_attributes, snapshot
from lsmnet.io.from_graph import check_network_data

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["coalition_overlap_graph", "comembership_graph", "comembership_table"]

WEIGHTS = ("count", "jaccard", "overlap", "newman")


def _incidence(memberships: pd.DataFrame, orgs: list, coalitions: list) -> sp.csr_array:
    """Binary organisation × coalition matrix (rows ``orgs``, columns ``coalitions``)."""
    rows = pd.Index(orgs).get_indexer(memberships["org_id"])
    cols = pd.Index(coalitions).get_indexer(memberships["coalition_id"])
    keep = (rows >= 0) & (cols >= 0)
    ones = np.ones(int(keep.sum()))
    A = sp.csr_array((ones, (rows[keep], cols[keep])), shape=(len(orgs), len(coalitions)))
    A.data[:] = 1.0  # a pair with several membership periods counts once
    return A


def _selected_coalitions(data, coalitions, func: str) -> list:
    known = list(data.coalitions["coalition_id"])
    if coalitions is None:
        return known
    if isinstance(coalitions, str):
        coalitions = [coalitions]
    wanted = set(coalitions)
    unknown = sorted(wanted - set(known))
    if unknown:
        shown = ", ".join(repr(c) for c in known[:8]) + (", ..." if len(known) > 8 else "")
        raise InvalidParameterError(
            f"The 'coalitions' parameter of {func} must list coalition ids of "
            f"data.coalitions ({shown}; {len(known)} in all). Got unknown "
            f"{', '.join(repr(c) for c in unknown)}{suggest(unknown[0], known)}."
        )
    return [c for c in known if c in wanted]


def _upper_pairs(M: sp.csr_array):
    """Row, column and value of the non-zero entries strictly above the diagonal."""
    upper = sp.triu(M, k=1).tocoo()
    return upper.row, upper.col, upper.data


def comembership_graph(
    data: NetworkData,
    *,
    weight: Literal["count", "jaccard", "overlap", "newman"] = "count",
    min_weight: float | None = None,
    coalitions: str | Iterable[str] | None = None,
    at: str | int | datetime.date | None = None,
) -> nx.Graph:
    r"""Organisations linked by the coalitions they share (one-mode projection).

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    weight : {"count", "jaccard", "overlap", "newman"}, default "count"
        How a pair's shared coalitions become the edge ``weight`` (see Notes).
    min_weight : float or None, optional
        Keep only edges whose weight is at least this value. ``None`` keeps every pair that
        shares a coalition.
    coalitions : str, iterable of str or None, optional
        Coalition ids to project on; ``None`` uses every coalition.
    at : str, int, datetime-like or None, optional
        Snapshot date or year passed to ``data.at``; ``None`` uses every membership.

    Returns
    -------
    networkx.Graph
        Undirected graph whose nodes are the ``org_id`` of every organisation that belongs to
        at least one selected coalition, with the ``organizations`` columns and ``label`` as
        node attributes. Edge attributes: ``weight`` (the chosen measure, a float) and
        ``shared`` (the number of coalitions the pair shares, an int). Graph attributes
        ``weight``, ``coalitions`` (in table order) and ``at`` record the call.

    Raises
    ------
    InvalidParameterError
        If ``weight`` is not one of the options, ``min_weight`` is not a non-negative number,
        or ``coalitions`` names a coalition that is not in ``data.coalitions``.

    See Also
    --------
    membership_graph : the bipartite graph this projects.
    networkx.algorithms.bipartite.weighted_projected_graph

    Notes
    -----
    With :math:`A` the binary organisation × coalition incidence matrix, :math:`N(u)` the
    coalitions of organisation :math:`u` and :math:`d_k` the number of members of coalition
    :math:`k`, the weights are

    .. math::

        \text{count}_{uv} = (AA^\top)_{uv} = |N(u) \cap N(v)|, \qquad
        \text{jaccard}_{uv} = \frac{|N(u) \cap N(v)|}{|N(u) \cup N(v)|},

        \text{overlap}_{uv} = \frac{|N(u) \cap N(v)|}{\min(|N(u)|, |N(v)|)}, \qquad
        \text{newman}_{uv} = \sum_{k \in N(u) \cap N(v)} \frac{1}{d_k - 1}.

    They equal networkx's ``weighted_projected_graph``, ``overlap_weighted_projected_graph``
    (``jaccard=True`` and ``jaccard=False``) and ``collaboration_weighted_projected_graph``
    [1]_ on the same bipartite graph, but are computed with one sparse matrix product instead
    of a loop over pairs. An organisation with several membership periods in one coalition
    counts once; membership weights are not used.

    References
    ----------
    .. [1] Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths,
       weighted networks, and centrality. *Physical Review E*, 64(1), 016132.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("davis")
    >>> G = lsm.comembership_graph(data)
    >>> G.number_of_nodes(), G.number_of_edges()
    (18, 139)
    >>> G["Evelyn Jefferson"]["Laura Mandeville"]["weight"]
    6.0
    >>> J = lsm.comembership_graph(data, weight="jaccard")
    >>> round(J["Evelyn Jefferson"]["Laura Mandeville"]["weight"], 3)
    0.6
    """
    check_network_data(data, "comembership_graph")
    func = "comembership_graph"
    data, org_ids, chosen, pairs = _projection(data, weight, min_weight, coalitions, at, func)
    rows, cols, values, counts = pairs
    G = nx.Graph(weight=weight, coalitions=tuple(chosen), at=at)
    attrs = row_attributes(data.organizations, "org_id")
    G.add_nodes_from((o, {"label": label_of(attrs[o], o), **attrs[o]}) for o in org_ids)
    G.add_edges_from(
        (org_ids[i], org_ids[j], {"weight": float(w), "shared": int(c)})
        for i, j, w, c in zip(rows, cols, values, counts, strict=True)
    )
    return G


def comembership_table(
    data: NetworkData,
    *,
    weight: Literal["count", "jaccard", "overlap", "newman"] = "count",
    min_weight: float | None = None,
    coalitions: str | Iterable[str] | None = None,
    at: str | int | datetime.date | None = None,
) -> pd.DataFrame:
    r"""The co-membership projection as an edge table, without building a graph.

    The same pairs and weights as :func:`comembership_graph`, as one row per pair of
    organisations that share a coalition. Building a networkx graph costs about a microsecond
    and a few hundred bytes per edge, which dominates for national registries (millions of
    co-membership pairs); the table comes straight from the sparse matrix product. Use it to
    filter, join or aggregate pairs with pandas, or to build a graph of the pairs you keep.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    weight : {"count", "jaccard", "overlap", "newman"}, default "count"
        How a pair's shared coalitions become ``weight`` (see :func:`comembership_graph`).
    min_weight : float or None, optional
        Keep only pairs whose weight is at least this value.
    coalitions : str, iterable of str or None, optional
        Coalition ids to project on; ``None`` uses every coalition.
    at : str, int, datetime-like or None, optional
        Snapshot date or year passed to ``data.at``.

    Returns
    -------
    pandas.DataFrame
        One row per pair, ordered by ``source`` then ``target`` in the order of
        ``data.organizations``, with a RangeIndex. Columns: ``source`` and ``target``
        (org_id as a pandas Categorical whose categories are the projected organisations in
        table order, ``source`` first in that order; ``.astype(str)`` gives plain strings),
        ``weight`` (float, the chosen measure) and ``shared`` (int, number of coalitions the
        pair shares). Pairs that share no coalition are absent.

    Raises
    ------
    InvalidParameterError
        As :func:`comembership_graph`.

    See Also
    --------
    comembership_graph : the same projection as a networkx graph, with node attributes.

    Notes
    -----
    With :math:`A` the binary organisation × coalition incidence matrix the shared counts are
    the upper triangle of :math:`AA^\top`, computed as a scipy sparse product; the weights
    are those of :func:`comembership_graph`. Memory grows with the number of pairs (about 40
    bytes each besides the ids), never with the square of the number of organisations.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet.graphs import comembership_table
    >>> data = lsm.datasets.load_dataset("davis")
    >>> pairs = comembership_table(data)
    >>> len(pairs), list(pairs.columns)
    (139, ['source', 'target', 'weight', 'shared'])
    >>> top = pairs.loc[pairs["weight"].idxmax()]
    >>> top["source"], top["target"], int(top["shared"])
    ('Evelyn Jefferson', 'Theresa Anderson', 7)
    """
    check_network_data(data, "comembership_table")
    func = "comembership_table"
    _, org_ids, _, pairs = _projection(
        data, weight, min_weight, coalitions, at, func, sorted_pairs=True
    )
    rows, cols, values, counts = pairs
    ids = pd.Index(org_ids, dtype=object)
    # categorical ids: the table holds two small integer codes per pair, not two strings
    return pd.DataFrame(
        {
            "source": pd.Categorical.from_codes(rows, categories=ids),
            "target": pd.Categorical.from_codes(cols, categories=ids),
            "weight": values.astype(float),
            "shared": counts.astype(np.int64),
        }
    )


def _projection(data, weight, min_weight, coalitions, at, func: str, sorted_pairs=False):
    """Validated arguments, the snapshot, the projected organisations (table order), the
    chosen coalitions and the kept pairs ``(rows, cols, weights, shared counts)``, in the
    product's storage order or, with ``sorted_pairs``, by row then column."""
    check_option(weight, WEIGHTS, "weight", func)
    if min_weight is not None:
        check_number(min_weight, "min_weight", func, low=0)
    chosen = _selected_coalitions(data, coalitions, func)
    data = snapshot(data, at)
    members = data.memberships[data.memberships["coalition_id"].isin(chosen)]
    member_ids = set(members["org_id"])
    org_ids = [o for o in data.organizations["org_id"] if o in member_ids]
    A = _incidence(members, org_ids, chosen)
    shared = (A @ A.T).tocsr()
    if sorted_pairs:
        shared.sort_indices()
    rows, cols, counts = _upper_pairs(shared)
    if weight == "count":
        values = counts
    elif weight == "newman":
        size = A.sum(axis=0)
        inverse = np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1)
        collab = (A @ sp.diags_array(inverse) @ A.T).tocsr()
        values = np.asarray(collab[rows, cols]).ravel()
    else:
        degree = A.sum(axis=1)
        if weight == "jaccard":
            values = counts / (degree[rows] + degree[cols] - counts)
        else:
            values = counts / np.minimum(degree[rows], degree[cols])
    if min_weight is not None:
        keep = values >= min_weight
        rows, cols, values, counts = rows[keep], cols[keep], values[keep], counts[keep]
    return data, org_ids, chosen, (rows, cols, values, counts)


def coalition_overlap_graph(
    data: NetworkData, *, at: str | int | datetime.date | None = None
) -> nx.Graph:
    r"""Coalitions linked by the organisations they share.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    at : str, int, datetime-like or None, optional
        Snapshot date or year passed to ``data.at``; ``None`` uses every membership.

    Returns
    -------
    networkx.Graph
        Undirected graph with one node per coalition (``coalition_id``; coalitions that share
        no member are isolated nodes), with the ``coalitions`` columns, ``label`` and ``size``
        (number of member organisations) as node attributes. An edge joins two coalitions that
        share at least one member; its ``weight`` is the number of shared members (a float).

    See Also
    --------
    comembership_graph : the organisation–organisation projection.

    Notes
    -----
    With :math:`A` the binary organisation × coalition incidence matrix, the weight of the
    pair :math:`(k, l)` is :math:`(A^\top A)_{kl}`, the number of organisations that belong
    to both, i.e. networkx's ``weighted_projected_graph`` onto the coalitions.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("davis")
    >>> C = lsm.coalition_overlap_graph(data)
    >>> C.number_of_nodes(), C["E8"]["E9"]["weight"]
    (14, 9.0)
    >>> C.nodes["E8"]["size"]
    14
    """
    check_network_data(data, "coalition_overlap_graph")
    data = snapshot(data, at)
    coalition_ids = list(data.coalitions["coalition_id"])
    org_ids = list(data.organizations["org_id"])
    A = _incidence(data.memberships, org_ids, coalition_ids)
    overlap = (A.T @ A).tocsr()
    rows, cols, counts = _upper_pairs(overlap)
    size = A.sum(axis=0)

    G = nx.Graph(at=at)
    attrs = row_attributes(data.coalitions, "coalition_id")
    G.add_nodes_from(
        (c, {"label": label_of(attrs[c], c), **attrs[c], "size": int(size[k])})
        for k, c in enumerate(coalition_ids)
    )
    G.add_edges_from(
        (coalition_ids[i], coalition_ids[j], {"weight": float(w)})
        for i, j, w in zip(rows, cols, counts, strict=True)
    )
    return G
