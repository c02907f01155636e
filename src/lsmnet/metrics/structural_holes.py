r"""Burt's structural holes: effective size, efficiency, constraint and hierarchy.

All four measures are computed together from sparse matrices (no loop over nodes), on weighted
and directed graphs alike, following Burt's (1992) definitions as networkx states them for its
slow, per-node path.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from lsmnet._validation import check_graph, check_weight
from lsmnet.metrics._engine import GraphEngine, masked_product, row_ids

__all__ = ["constraint", "effective_size", "hierarchy"]


def structural_holes_table(engine: GraphEngine) -> pd.DataFrame:
    """Effective size, efficiency, constraint and hierarchy of every node, computed once.

    The result is cached on the engine, so ``centrality_table`` and the public functions below
    share one computation.
    """
    return engine.cached("structural_holes", lambda: _compute(engine))


_COLUMNS = ["effective_size", "efficiency", "constraint", "hierarchy"]


def _compute(engine: GraphEngine) -> pd.DataFrame:
    n = engine.n
    if n == 0:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in _COLUMNS}, index=engine.index)
    M = engine.mutual  # z_ij + z_ji; its pattern is each node's set of contacts
    contacts = np.diff(M.indptr).astype(float)
    total = np.asarray(M.sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_total = np.where(total > 0, 1.0 / total, 0.0)
    P = (sp.diags_array(inv_total) @ M).tocsr()  # p_ij, proportional tie strength
    P.sort_indices()

    # c_ij = (p_ij + sum_q p_iq p_qj)^2 for every contact j of i
    indirect = masked_product(P, P, P)
    local = (P + indirect).tocsr()
    local.sort_indices()
    local.data = local.data**2
    rows = row_ids(local)
    constraint_ = np.bincount(rows, weights=local.data, minlength=n).astype(float)

    # hierarchy: Coleman–Theil disorder of the c_ij around their mean C/N
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = local.data * contacts[rows] / constraint_[rows]
        terms = np.bincount(rows, weights=ratio * np.log(ratio), minlength=n).astype(float)
        hierarchy_ = terms / (contacts * np.log(contacts))
    hierarchy_[contacts < 2] = np.nan

    # redundancy of contact j to i: sum_q p_iq m_jq, with m_jq = z_jq / max_k z_jk
    row_max = M.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore"):
        inv_max = np.where(row_max > 0, 1.0 / row_max, 0.0)
    redundancy = masked_product(P, M, M) @ sp.diags_array(inv_max)
    effective = contacts - np.asarray(redundancy.sum(axis=1)).ravel()

    isolated = contacts == 0
    effective[isolated] = np.nan
    constraint_[isolated] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        efficiency = effective / contacts
    return pd.DataFrame(
        {
            "effective_size": effective,
            "efficiency": efficiency,
            "constraint": constraint_,
            "hierarchy": hierarchy_,
        },
        index=engine.index,
    )


def _prepare(G, weight, func: str) -> GraphEngine:
    check_graph(G, func)
    check_weight(G, weight, func)
    return GraphEngine(G, weight)


def constraint(G: nx.Graph, *, weight: str | None = None) -> pd.Series:
    r"""Burt's constraint of every node: how much its contacts tie it down.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Directed ties count in either direction (Burt's mutual strength).
    weight : str, optional
        Edge attribute holding tie strength (non-negative). None counts every tie as 1. A tie
        of weight 0 is treated as no tie.

    Returns
    -------
    pandas.Series
        Constraint per node (named ``"constraint"``), between 0 and 1 plus redundancy (a node
        with a single contact scores 1); NaN for isolates.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If ``weight`` names an attribute missing from an edge or holding a negative or
        non-numeric value.

    See Also
    --------
    effective_size, hierarchy, centrality_table

    Notes
    -----
    With :math:`z_{ij}` the strength of the tie from :math:`i` to :math:`j` (0 if absent),
    the proportional strength of :math:`i`'s tie to :math:`j` is

    .. math::

        p_{ij} = \frac{z_{ij} + z_{ji}}{\sum_{k \ne i} (z_{ik} + z_{ki})},

    and Burt's constraint [1]_ sums, over :math:`i`'s contacts :math:`N(i)` (in- or
    out-neighbours), the squared direct plus indirect investment in each contact:

    .. math::

        C_i = \sum_{j \in N(i)} c_{ij}, \qquad
        c_{ij} = \Bigl(p_{ij} + \sum_{q \ne i, j} p_{iq}\, p_{qj}\Bigr)^2 .

    Computed with sparse matrices (the indirect term is :math:`P^2` restricted to the ties of
    the graph). Self-loops are ignored. Equals ``networkx.constraint``, weighted or not,
    directed or not.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Cambridge, MA: Harvard University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet import constraint
    >>> c = constraint(nx.krackhardt_kite_graph())
    >>> c.round(3).loc[[3, 7, 9]].tolist()
    [0.47, 0.431, 1.0]
    """
    engine = _prepare(G, weight, "constraint")
    return structural_holes_table(engine)["constraint"]


def effective_size(G: nx.Graph, *, weight: str | None = None) -> pd.Series:
    r"""Burt's effective size of every node: its number of non-redundant contacts.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Directed ties count in either direction (Burt's mutual strength).
    weight : str, optional
        Edge attribute holding tie strength (non-negative). None counts every tie as 1. A tie
        of weight 0 is treated as no tie.

    Returns
    -------
    pandas.Series
        Effective size per node (named ``"effective_size"``), between 1 and the number of
        contacts; NaN for isolates. Divide by the number of contacts for Burt's efficiency
        (a column of :func:`lsmnet.centrality_table`).

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If ``weight`` names an attribute missing from an edge or holding a negative or
        non-numeric value.

    See Also
    --------
    constraint, hierarchy, centrality_table

    Notes
    -----
    With :math:`p_{iq}` the proportional strength of :math:`i`'s tie to :math:`q` (see
    :func:`constraint`) and :math:`m_{jq} = (z_{jq} + z_{qj}) / \max_k (z_{jk} + z_{kj})`
    the marginal strength of :math:`j`'s tie to :math:`q`, Burt's effective size [1]_ is

    .. math::

        E_i = \sum_{j \in N(i)} \Bigl(1 - \sum_{q \ne i, j} p_{iq}\, m_{jq}\Bigr).

    On unweighted undirected graphs this is Borgatti's [2]_ :math:`E_i = N - 2t/N`, with
    :math:`N` contacts and :math:`t` ties among them. Computed with sparse matrices for
    weighted and directed graphs alike (networkx 3.6's fast path gives other values on
    weighted or directed graphs; its per-node path agrees with this function). Self-loops
    are ignored.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Cambridge, MA: Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: Unpacking Burt's redundancy measures.
       *Connections*, 20(1), 35–38.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet import effective_size
    >>> e = effective_size(nx.krackhardt_kite_graph())
    >>> e.round(3).loc[[3, 7, 9]].tolist()
    [3.333, 2.333, 1.0]
    """
    engine = _prepare(G, weight, "effective_size")
    return structural_holes_table(engine)["effective_size"]


def hierarchy(G: nx.Graph, *, weight: str | None = None) -> pd.Series:
    r"""Burt's hierarchy of every node: how much its constraint rests on a single contact.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Directed ties count in either direction (Burt's mutual strength).
    weight : str, optional
        Edge attribute holding tie strength (non-negative). None counts every tie as 1. A tie
        of weight 0 is treated as no tie.

    Returns
    -------
    pandas.Series
        Hierarchy per node (named ``"hierarchy"``), between 0 (constraint spread evenly over
        the contacts) and 1 (all of it from one contact); NaN for isolates and for nodes with
        a single contact, where the measure is 0/0.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If ``weight`` names an attribute missing from an edge or holding a negative or
        non-numeric value.

    See Also
    --------
    constraint, effective_size, centrality_table

    Notes
    -----
    With :math:`c_{ij}` the constraint contact :math:`j` puts on :math:`i`, :math:`C_i` their
    sum (see :func:`constraint`) and :math:`N_i` the number of contacts, Burt's hierarchy [1]_
    (a Coleman–Theil disorder index) is

    .. math::

        H_i = \frac{\sum_{j \in N(i)} r_{ij} \ln r_{ij}}{N_i \ln N_i}, \qquad
        r_{ij} = \frac{c_{ij}}{C_i / N_i}.

    Self-loops are ignored.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Cambridge, MA: Harvard University Press, p. 71.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet import hierarchy
    >>> h = hierarchy(nx.star_graph(4))
    >>> h.loc[[0, 1]].tolist()
    [0.0, nan]
    """
    engine = _prepare(G, weight, "hierarchy")
    return structural_holes_table(engine)["hierarchy"]
