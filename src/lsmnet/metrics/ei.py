"""Krackhardt–Stern E-I index: external versus internal ties of groups."""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from lsmnet._progress import check_progress
from lsmnet._progress import progress as _progress
from lsmnet._validation import check_graph, check_number, check_option, check_seed, check_weight
from lsmnet.exceptions import InvalidParameterError

__all__ = ["ei_index", "ei_table"]

_MISSING = object()
_BATCH = 500  # permutations evaluated per vectorised batch (bounds memory to _BATCH x edges)


def _is_missing(value) -> bool:
    return (
        value is _MISSING
        or value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and np.isnan(value))
    )


def group_codes(G, group, func: str) -> tuple[list, np.ndarray, list]:
    """Map every node of ``G`` to an integer group code.

    ``group`` is a node attribute name (str) or a mapping node -> group (dict, Series). Returns
    ``(nodes, codes, labels)``: the nodes in ``G``'s order, their codes, and the group labels
    in order of first appearance, so ``labels[codes[i]]`` is the group of ``nodes[i]``.
    """
    nodes = list(G.nodes)
    if isinstance(group, str):
        values = [G.nodes[v].get(group, _MISSING) for v in nodes]
        source = f"the node attribute {group!r}"
        fix = f"set G.nodes[node][{group!r}] for every node"
    elif isinstance(group, Mapping | pd.Series):
        values = [group.get(v, _MISSING) for v in nodes]
        source = "the group mapping"
        fix = "give every node a group (use a label such as 'unknown' for missing data)"
    else:
        raise InvalidParameterError(
            f"The 'group' parameter of {func} must be a node attribute name (str) or a mapping "
            f"from node to group (dict or pandas Series). Got {type(group).__name__}."
        )
    missing = [v for v, g in zip(nodes, values, strict=True) if _is_missing(g)]
    if missing:
        shown = ", ".join(repr(v) for v in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise InvalidParameterError(
            f"The 'group' parameter of {func}: {len(missing)} node(s) have no group in "
            f"{source}: {shown}{more}. Fix: {fix}."
        )
    index: dict = {}
    try:
        codes = np.fromiter((index.setdefault(g, len(index)) for g in values), dtype=np.intp)
    except TypeError as err:
        raise InvalidParameterError(
            f"The 'group' parameter of {func} must give hashable group labels. {err}."
        ) from err
    return nodes, codes, list(index)


def edge_arrays(G, nodes, weight=None):
    """Edges without self-loops as index arrays into ``nodes`` and a weight array (1 if None).

    Each undirected edge appears once; callers that need both directions add the reverse.
    """
    pos = {v: i for i, v in enumerate(nodes)}
    rows = [
        (pos[u], pos[v], 1.0 if weight is None else float(d[weight]))
        for u, v, d in G.edges(data=True)
        if u != v
    ]
    arr = np.array(rows, dtype=float).reshape(-1, 3)
    return arr[:, 0].astype(np.intp), arr[:, 1].astype(np.intp), arr[:, 2]


def _ratio(external, internal):
    total = external + internal
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (external - internal) / np.where(total > 0, total, 1), np.nan)


class _Counter:
    """Internal and external tie totals at one level, for any number of labelings at once."""

    def __init__(self, level, n, n_groups, u, v, w, directed):
        self.level, self.n_groups, self.u, self.v, self.w = level, n_groups, u, v, w
        self.directed = directed
        if level == "node":
            m = len(w)
            if directed:
                rows, cols, vals = np.arange(m), u, w
            else:
                rows = np.concatenate([np.arange(m), np.arange(m)])
                cols, vals = np.concatenate([u, v]), np.concatenate([w, w])
            self.incidence = sp.csr_array((vals, (rows, cols)), shape=(m, n))
            self.strength = np.asarray(self.incidence.sum(axis=0)).ravel()

    def __call__(self, labels):
        """``labels`` is (P, n); returns (internal, external), each (P, units)."""
        lu, lv = labels[:, self.u], labels[:, self.v]
        same = lu == lv
        if self.level == "network":
            internal = (same @ self.w)[:, None]
            return internal, self.w.sum() - internal
        if self.level == "node":
            internal = (self.incidence.T @ same.T.astype(float)).T
            return internal, self.strength[None, :] - internal
        internal = np.empty((labels.shape[0], self.n_groups))
        external = np.empty_like(internal)
        for g in range(self.n_groups):
            in_u, in_v = lu == g, lv == g
            internal[:, g] = (in_u & in_v) @ self.w
            leaving = in_u & ~in_v if self.directed else in_u ^ in_v
            external[:, g] = leaving @ self.w
        return internal, external


def ei_index(
    G: nx.Graph, group: str | Mapping, *, weight: str | None = None, **deprecated: object
) -> float:
    """Krackhardt–Stern E-I index of the whole network: external versus internal ties.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Self-loops are ignored (a loop is not a tie between two actors).
    group : str or mapping
        A node attribute name holding each node's group, or a mapping (dict, pandas Series)
        from node to group. Every node must have a group.
    weight : str, optional
        Edge attribute to sum instead of counting ties (e.g. the number of joint projects).
        None (default) counts every tie once, whatever its attributes.
    **deprecated
        ``level``, ``permutations``, ``seed`` and ``progress``: deprecated since 0.2.0, use
        :func:`ei_table` (one index per group or per node, permutation test). With any of them
        ``ei_index`` warns (``DeprecationWarning``) and returns what it returned in 0.1:
        the float, or :func:`ei_table`'s table (as a Series of ``ei`` at node level without
        permutations); removal in 0.3.

    Returns
    -------
    float
        :math:`(E - I) / (E + I)` over all ties; NaN for a graph without ties.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If a node has no group, ``group`` is neither a str nor a mapping, ``weight`` names a
        missing or negative edge attribute, or an unknown keyword is given.

    See Also
    --------
    ei_table : the index per group or per node, with a permutation test.
    brokerage_roles : who mediates between the groups.

    Notes
    -----
    With :math:`E` the external ties (between members of different groups) and :math:`I` the
    internal ties (within a group), each arc counted once in a directed graph and each edge
    once in an undirected one,

    .. math::

        \\mathrm{EI} = \\frac{E - I}{E + I} \\in [-1, 1],

    -1 when all ties stay inside groups (homophily), +1 when all ties cross groups.

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly*, 51(2), 123–140.

    Examples
    --------
    Zachary's karate club splits into two clubs; most friendships stay inside a club:

    >>> import networkx as nx
    >>> import lsmnet
    >>> G = nx.karate_club_graph()
    >>> round(lsmnet.ei_index(G, "club"), 3)
    -0.718
    """
    if deprecated:
        return _deprecated_call(G, group, weight, deprecated)
    table = _ei(G, group, "network", 0, None, weight, None, "ei_index")
    return float(table["ei"].iloc[0])


_OLD_KEYWORDS = ("level", "permutations", "seed", "progress")


def _deprecated_call(G, group, weight, kwargs):
    unknown = sorted(set(kwargs) - set(_OLD_KEYWORDS))
    if unknown:
        raise InvalidParameterError(
            f"ei_index got an unexpected keyword argument {unknown[0]!r}; its parameters are "
            f"G, group and weight (level, permutations, seed, progress: use ei_table)."
        )
    warnings.warn(
        "ei_index(..., level=, permutations=, seed=, progress=) is deprecated since lsmnet "
        "0.2.0 and will be removed in 0.3: ei_index returns the network index (float); use "
        "ei_table(G, group, level=..., permutations=..., seed=...) for the index per group or "
        "node and the permutation test (always a DataFrame).",
        DeprecationWarning,
        stacklevel=3,
    )
    level = kwargs.get("level", "network")
    permutations = kwargs.get("permutations", 0)
    table = _ei(
        G,
        group,
        level,
        permutations,
        kwargs.get("seed"),
        weight,
        kwargs.get("progress"),
        "ei_index",
    )
    if permutations:
        return table.drop(columns="size")
    if level == "network":
        return float(table["ei"].iloc[0])
    if level == "node":
        return table["ei"].rename("ei_index").rename_axis(None)
    return table[["size", "internal", "external", "ei"]]


def ei_table(
    G: nx.Graph,
    group: str | Mapping,
    *,
    level: str = "group",
    permutations: int = 0,
    seed: int | np.random.Generator | None = None,
    weight: str | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Krackhardt–Stern E-I index per group, per node or of the network, as a table.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Self-loops are ignored (a loop is not a tie between two actors).
    group : str or mapping
        A node attribute name holding each node's group, or a mapping (dict, pandas Series)
        from node to group. Every node must have a group.
    level : {"group", "node", "network"}, default "group"
        One row per group, one per node, or a single row for the whole network.
    permutations : int, default 0
        If positive, run a permutation test with this many random relabelings: the group labels
        are shuffled among the nodes (group sizes kept, ties kept) and the index recomputed.
    seed : None, int or numpy.random.Generator, optional
        Seed of the permutations (same seed, same p-values).
    weight : str, optional
        Edge attribute to sum instead of counting ties (e.g. the number of joint projects).
        None (default) counts every tie once, whatever its attributes.
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal. It counts the batches of
        500 permutations (and is not used without permutations).

    Returns
    -------
    pandas.DataFrame
        Always the same columns, whatever the arguments. One row per unit: index ``["network"]``
        (``level="network"``), the group labels in order of first appearance among the nodes
        (``level="group"``, index name ``group``) or the nodes (``level="node"``, index name
        ``node``). Columns:

        - ``size`` (int): nodes in the unit (all nodes; the group's members; 1 for a node);
        - ``internal``, ``external`` (float): tie totals (see Notes);
        - ``ei`` (float): :math:`(E - I) / (E + I)`, NaN for a unit without ties;
        - ``null_mean`` (float): mean index over the permutations, NaN without permutations;
        - ``p_value`` (float): two-sided permutation p-value (see Notes), NaN without
          permutations or where ``ei`` is NaN.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If a node has no group, ``group`` is neither a str nor a mapping, ``level`` is unknown,
        ``permutations`` is not a non-negative integer, ``seed`` is invalid, ``weight``
        names a missing or negative edge attribute, or ``progress`` is not None, True or False
        (checked even without permutations).

    See Also
    --------
    ei_index : the network index as a float.
    brokerage_roles : who mediates between the groups.

    Notes
    -----
    With :math:`E` the external ties (between members of different groups) and :math:`I` the
    internal ties (within a group),

    .. math::

        \\mathrm{EI} = \\frac{E - I}{E + I} \\in [-1, 1],

    -1 when all ties stay inside groups (homophily), +1 when all ties cross groups.

    - Network level: :math:`E` and :math:`I` count all ties (each arc once in a directed
      graph, each edge once in an undirected one).
    - Group level: :math:`I_g` counts the ties with both ends in group :math:`g`;
      :math:`E_g` the ties with exactly one end in :math:`g` (undirected) or the arcs sent
      from :math:`g` to other groups (directed: the sender's view, as for rows of an
      adjacency matrix).
    - Node level: the node's ties to its own group (:math:`I_i`) and to others
      (:math:`E_i`); for directed graphs its outgoing arcs.

    Permutation test: for each of the :math:`P` relabelings the index :math:`x_b` is computed
    on the same ties; with :math:`\\bar{x}` their mean, the two-sided p-value is

    .. math::

        p = \\frac{1 + \\#\\{b : |x_b - \\bar{x}| \\ge |x_{obs} - \\bar{x}|\\}}{P + 1},

    the share of relabelings at least as far from the null mean as the observed value,
    counting the observed labeling itself so that :math:`p > 0` (Phipson & Smyth, 2010).
    All relabelings are evaluated as numpy array operations in batches.

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly*, 51(2), 123–140.
    .. [2] Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero.
       *Statistical Applications in Genetics and Molecular Biology*, 9(1), Article 39.

    Examples
    --------
    Zachary's karate club splits into two clubs; most friendships stay inside a club:

    >>> import networkx as nx
    >>> from lsmnet.metrics.ei import ei_table
    >>> G = nx.karate_club_graph()
    >>> ei_table(G, "club")[["size", "internal", "external", "ei"]].round(3)
             size  internal  external     ei
    group
    Mr. Hi     17      35.0      11.0 -0.522
    Officer    17      32.0      11.0 -0.488
    >>> test = ei_table(G, "club", level="network", permutations=999, seed=1)
    >>> float(test.loc["network", "p_value"])
    0.001
    """
    return _ei(G, group, level, permutations, seed, weight, progress, "ei_table")


def _ei(G, group, level, permutations, seed, weight, progress, func) -> pd.DataFrame:
    check_progress(progress, func)
    check_graph(G, func)
    check_option(level, ("network", "group", "node"), "level", func)
    check_number(permutations, "permutations", func, low=0, integer=True)
    rng = check_seed(seed, func)
    check_weight(G, weight, func)
    nodes, codes, labels = group_codes(G, group, func)
    u, v, w = edge_arrays(G, nodes, weight)
    count = _Counter(level, len(nodes), len(labels), u, v, w, G.is_directed())

    internal, external = (x[0] for x in count(codes[None, :]))
    observed = _ratio(external, internal)
    if level == "network":
        index = pd.Index(["network"])
        sizes = np.array([len(nodes)])
    elif level == "group":
        index = pd.Index(labels, name="group")
        sizes = np.bincount(codes, minlength=len(labels))
    else:
        index = pd.Index(nodes, name="node")
        sizes = np.ones(len(nodes), dtype=int)

    null_mean = np.full(len(index), np.nan)
    p_value = np.full(len(index), np.nan)
    if permutations:
        null = np.empty((permutations, len(index)))
        batches = range(0, permutations, _BATCH)
        for start in _progress(batches, desc=func, enabled=progress):
            stop = min(start + _BATCH, permutations)
            shuffled = rng.permuted(np.tile(codes, (stop - start, 1)), axis=1)
            null[start:stop] = _ratio(*reversed(count(shuffled)))
        with warnings.catch_warnings(), np.errstate(invalid="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: units without ties
            null_mean = np.nanmean(null, axis=0)
            far = np.abs(null - null_mean) >= np.abs(observed - null_mean) - 1e-12
            p_value = (1 + far.sum(axis=0)) / (permutations + 1)
        p_value = np.where(np.isnan(observed), np.nan, p_value)
    return pd.DataFrame(
        {
            "size": sizes.astype(np.int64),
            "internal": np.asarray(internal, dtype=float),
            "external": np.asarray(external, dtype=float),
            "ei": observed,
            "null_mean": null_mean,
            "p_value": p_value,
        },
        index=index,
    )
