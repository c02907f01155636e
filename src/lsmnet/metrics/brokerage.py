"""Gould–Fernandez brokerage roles, with R ``sna::brokerage`` semantics."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from lsmnet._parallel import block_starts
from lsmnet._validation import check_graph
from lsmnet.metrics.ei import edge_arrays, group_codes

__all__ = ["brokerage_roles"]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")


def _arcs(G, nodes) -> sp.csr_array:
    """Binary adjacency without self-loops; an undirected edge becomes two arcs."""
    u, v, _ = edge_arrays(G, nodes)
    pairs = np.column_stack([u, v])
    if not G.is_directed():
        pairs = np.concatenate([pairs, pairs[:, ::-1]])
    n = len(nodes)
    data = np.ones(len(pairs))
    A = sp.csr_array((data, (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    A.sum_duplicates()
    A.data[:] = 1.0
    return A


def _colsum(X, P) -> np.ndarray:
    """Column sums of the elementwise product of two sparse matrices."""
    return np.asarray(X.multiply(P).sum(axis=0)).ravel()


#: Two-paths (an upper bound of the entries of W Yᵀ) that _closed_counts holds at once: the
#: whole two-path matrices of a 100,000-organisation sector took about 4 GB.
_CLOSED_BLOCK_PATHS = 4_000_000


def _closed_counts(A, As, Ad) -> np.ndarray:
    """(n, 5) closed two-paths a -> v -> b with a -> b, classified as in Notes.

    count_v = sum_a X[a, v] * (W @ Y.T)[a, v] for X = arc a->v, Y = arc v->b, W = arc a->b,
    for blocks of columns v of at most :data:`_CLOSED_BLOCK_PATHS` two-paths (a column
    alone may exceed it); the counts are whole numbers, so they do not depend on the blocks.
    """
    n = A.shape[0]
    terms = (
        (As, A, As),  # coordinator: a, v, b same group
        (Ad, As, Ad),  # itinerant: a, b same group, v other
        (As, A, Ad),  # representative: a with v, b other
        (Ad, A, As),  # gatekeeper: a other, v with b
        (Ad, Ad, Ad),  # liaison: all three groups differ
    )
    # column v of W Yᵀ has at most as many entries as v's out-neighbours have in-arcs
    bound = A @ np.diff(A.T.tocsr().indptr).astype(float)
    starts = block_starts(bound.tolist(), _CLOSED_BLOCK_PATHS)
    columns = {"same": As.T.tocsr(), "other": Ad.T.tocsr()}
    out = np.zeros((n, 5))
    for i, j in itertools.pairwise(starts):
        for k, (X, W, Y) in enumerate(terms):
            block = columns["same" if X is As else "other"][i:j].T  # columns i..j of X
            out[i:j, k] = _colsum(block, W @ Y[i:j].T)
    return out


def _raw_counts(A, codes, n_groups) -> np.ndarray:
    """(n, 6) brokerage counts: open two-paths a -> v -> b, a != b, no arc a -> b."""
    n = A.shape[0]
    Z = sp.csr_array((np.ones(n), (np.arange(n), codes)), shape=(n, n_groups))
    coo = A.tocoo()
    same = codes[coo.row] == codes[coo.col]
    As = sp.csr_array((coo.data * same, (coo.row, coo.col)), shape=A.shape)
    Ad = sp.csr_array((coo.data * ~same, (coo.row, coo.col)), shape=A.shape)
    As.eliminate_zeros()
    Ad.eliminate_zeros()

    c_in = (A.T @ Z).toarray()  # c_in[v, g]: arcs a -> v from group g
    c_out = (A @ Z).toarray()  # c_out[v, g]: arcs v -> b to group g
    idx = np.arange(n)
    in_same, out_same = c_in[idx, codes], c_out[idx, codes]
    in_other, out_other = c_in.sum(axis=1) - in_same, c_out.sum(axis=1) - out_same
    # pairs (a, b) from different groups than v but the same as each other
    itinerant_pairs = (c_in * c_out).sum(axis=1) - in_same * out_same

    # a -> v -> a is not a pair of distinct alters
    mutual = A.multiply(A.T)
    mutual_same = np.asarray(mutual.multiply(As).sum(axis=0)).ravel()
    mutual_other = np.asarray(mutual.sum(axis=0)).ravel() - mutual_same

    closed = _closed_counts(A, As, Ad)
    raw = np.column_stack(
        [
            in_same * out_same - mutual_same,
            itinerant_pairs - mutual_other,
            in_same * out_other,
            in_other * out_same,
            in_other * out_other - itinerant_pairs,
        ]
    )
    raw = raw - closed
    return np.column_stack([raw, raw.sum(axis=1)])


def _expectations(codes, group_sizes, N, d):
    """Per-node expected counts and standard deviations (sna 2.7 formulas, Notes)."""
    n = group_sizes.astype(float)
    base = d**2 * (1 - d)
    cube = d**3 * (1 - d) ** 3
    k = len(n)
    exp = np.zeros((k, 6))
    var = np.zeros((k, 6))

    def choose2(x):
        return x * (x - 1) / 2

    for i in range(k):
        ni, others = n[i], np.delete(n, i)
        exp[i, 0] = base * (ni - 1) * (ni - 2)
        var[i, 0] = exp[i, 0] * (1 - base) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * cube
        exp[i, 1] = base * np.sum(others * (others - 1))
        var[i, 1] = (
            exp[i, 1] * (1 - base) + 2 * np.sum(others * (others - 1) * (others - 2)) * cube
        )
        exp[i, 2] = base * (N - ni) * (ni - 1)
        var[i, 2] = (
            exp[i, 2] * (1 - base)
            + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * cube
        )
        exp[i, 3], var[i, 3] = exp[i, 2], var[i, 2]
        exp[i, 4] = base * (np.sum(np.outer(others, others)) - np.sum(others**2))
        var[i, 4] = exp[i, 4] * (1 - base) + 4 * np.sum(others * choose2(N - others - ni) * cube)
        exp[i, 5] = base * (N - 1) * (N - 2)
        var[i, 5] = exp[i, 5] * (1 - base) + 2 * (N - 1) * (N - 2) * (N - 3) * cube
    return exp[codes], np.sqrt(var[codes])


def brokerage_roles(G: nx.Graph, group: str | Mapping, *, z: bool = False) -> pd.DataFrame:
    """Gould–Fernandez brokerage role counts of every node.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Ties are binary: edge attributes such as weights are not used. Self-loops
        are ignored. An undirected edge counts as two arcs, one in each direction (see Notes).
    group : str or mapping
        A node attribute name holding each node's group, or a mapping (dict, pandas Series)
        from node to group. Every node must have a group.
    z : bool, default False
        If True, add the expected counts, their standard deviations and the z-scores under
        Gould and Fernandez's random-graph baseline.

    Returns
    -------
    pandas.DataFrame
        Indexed by node (in ``G``'s order). Columns (float, counts of ordered pairs of alters):

        - ``coordinator`` (:math:`w_I`): broker and both alters in one group, A → A → A;
        - ``itinerant`` (:math:`w_O`, also "consultant"): alters in one group, broker in
          another, A → B → A;
        - ``representative`` (:math:`b_{IO}`): the source shares the broker's group, the
          target does not, A → A → B;
        - ``gatekeeper`` (:math:`b_{OI}`): the target shares the broker's group, the source
          does not, A → B → B;
        - ``liaison`` (:math:`b_O`): three different groups, A → B → C;
        - ``total``: the sum of the five.

        With ``z=True`` also ``<role>_expected``, ``<role>_sd`` and ``<role>_z`` for each of
        the six columns above (in that order: all expected, then all sd, then all z). A z-score
        is NaN when its standard deviation is zero (e.g. coordinator roles in a one-member
        group, or a graph with density 0 or 1). ``DataFrame.attrs["density"]`` holds the
        density used (NaN, and all expectations NaN, for a graph with fewer than two nodes).
        An empty graph gives an empty frame with these columns.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If a node has no group, or ``group`` is neither a str nor a mapping.

    See Also
    --------
    ei_index : how far ties stay within groups.

    Notes
    -----
    Node :math:`v` brokers the ordered pair :math:`(a, b)` of distinct alters when

    .. math::

        a \\to v, \\quad v \\to b, \\quad a \\not\\to b, \\qquad a \\ne b,\\ a \\ne v,\\ b \\ne v,

    and the role is given by the groups of :math:`a, v, b` as listed under Returns. These are
    the semantics of R ``sna::brokerage`` (Butts), including its orientation of
    representative (A → A → B) and gatekeeper (A → B → B).

    Undirected graphs are treated as the symmetric digraph with two arcs per edge, as
    ``sna::brokerage`` does with a symmetric adjacency matrix: a path :math:`a - v - b` with
    :math:`a, b` not adjacent is brokered in both directions and counts twice (once for
    :math:`(a, b)`, once for :math:`(b, a)`), and the density is
    :math:`2|E| / (N(N-1))`.

    Expected values (Gould & Fernandez 1989, as implemented in sna 2.7) assume each arc is
    present independently with the observed density :math:`d = m / (N(N-1))`, where
    :math:`m` counts arcs. With :math:`n_i` the size of the broker's group and
    :math:`N` the number of nodes, e.g.

    .. math::

        E[w_I] = d^2(1-d)(n_i - 1)(n_i - 2), \\qquad
        E[b_{IO}] = E[b_{OI}] = d^2(1-d)(N - n_i)(n_i - 1),

    and :math:`z = (\\text{count} - E) / \\mathrm{sd}`. The normal approximation of these
    z-scores is of unknown accuracy (Gould & Fernandez 1989); ``lsmnet.cug_test`` gives a
    simulation-based alternative. sna counts self-loops in :math:`m`; lsmnet ignores them, so
    the expectations differ from sna only for graphs with self-loops.

    Counts are computed with sparse matrix products (open two-paths by group minus the
    closed ones), not by enumerating triples.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology*, 19, 89–126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet
    >>> G = nx.karate_club_graph()
    >>> roles = lsmnet.brokerage_roles(G, "club")
    >>> roles.loc[[0, 33], ["coordinator", "representative", "gatekeeper", "total"]]
        coordinator  representative  gatekeeper  total
    0         174.0            15.0        15.0  204.0
    33        156.0            40.0        40.0  242.0
    >>> z = lsmnet.brokerage_roles(G, "club", z=True)
    >>> round(float(z.loc[0, "coordinator_z"]), 2)
    43.24
    """
    func = "brokerage_roles"
    check_graph(G, func)
    nodes, codes, labels = group_codes(G, group, func)
    A = _arcs(G, nodes)
    raw = _raw_counts(A, codes, len(labels))
    if not z:
        return pd.DataFrame(raw, index=pd.Index(nodes), columns=list(ROLES))
    N = len(nodes)
    d = A.nnz / (N * (N - 1)) if N > 1 else float("nan")
    sizes = np.bincount(codes, minlength=len(labels))
    expected, sd = _expectations(codes, sizes, float(N), d)
    with np.errstate(invalid="ignore", divide="ignore"):
        zscores = np.where(sd > 0, (raw - expected) / np.where(sd > 0, sd, 1), np.nan)
    columns = {role: raw[:, j] for j, role in enumerate(ROLES)}
    for suffix, block in (("expected", expected), ("sd", sd), ("z", zscores)):
        for j, role in enumerate(ROLES):
            columns[f"{role}_{suffix}"] = block[:, j]
    table = pd.DataFrame(columns, index=pd.Index(nodes))
    table.attrs["density"] = d
    return table
