"""Dyadic predictors: node attributes and tie layers as labelled node × node matrices.

Every helper returns a square ``pandas.DataFrame`` whose index and columns are the nodes (by
default every ``org_id`` of ``data.organizations``, in table order), ready to pass to
:func:`lsmnet.qap_regression` or :func:`lsmnet.qap_correlation`. The diagonal is 0: a node
with itself is not a dyad, and the QAP functions leave it out.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError
from lsmnet.inference import _matrices as M
from lsmnet.io.from_graph import check_network_data

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = [
    "dyad_comembership",
    "dyad_difference",
    "dyad_layer",
    "dyad_matrix",
    "dyad_same",
    "dyad_shared_funders",
    "dyad_sum",
]

_SAME_METHODS = ("equal", "any", "jaccard", "count")


def _is_missing(value) -> bool:
    if isinstance(value, tuple | list | set | frozenset):
        return False
    return value is None or value is pd.NA or value is pd.NaT or bool(pd.isna(value))


def _check_data(data, func: str, *, graphs: bool = True):
    from lsmnet.model import NetworkData

    if not graphs:
        return check_network_data(data, func)
    if not isinstance(data, (NetworkData, pd.DataFrame, nx.Graph)):
        raise InvalidParameterError(
            f"The 'data' parameter of {func} must be a NetworkData, a networkx graph or a "
            f"DataFrame. Got {type(data).__name__}."
        )
    return data


def _node_order(default: list, nodes, func: str) -> list:
    if nodes is None:
        return default
    if isinstance(nodes, str) or not isinstance(nodes, Iterable):
        raise InvalidParameterError(
            f"The 'nodes' parameter of {func} must be a list of node labels or None. "
            f"Got {nodes!r}."
        )
    nodes = list(nodes)
    known = set(default)
    unknown = [v for v in nodes if v not in known]
    if unknown:
        shown = ", ".join(repr(v) for v in unknown[:5])
        raise InvalidParameterError(
            f"The 'nodes' parameter of {func} lists {len(unknown)} unknown node(s): {shown}. "
            "Use org_ids of data.organizations (or nodes of the graph)."
        )
    if len(set(nodes)) != len(nodes):
        raise InvalidParameterError(
            f"The 'nodes' parameter of {func} lists a node more than once."
        )
    return nodes


def _attribute(data, attribute, nodes, func: str) -> pd.Series:
    """The attribute of every node, indexed by node (object dtype)."""
    from lsmnet.model import NetworkData

    _check_data(data, func)
    if isinstance(data, nx.Graph):
        default = list(data)
        where = "the graph's node attributes"
        columns = sorted({str(k) for _, d in data.nodes(data=True) for k in d})
        table = pd.DataFrame.from_dict(dict(data.nodes(data=True)), orient="index")
        table = table.reindex(default)
    else:
        table = data.organizations.set_index("org_id") if isinstance(data, NetworkData) else data
        where = "data.organizations" if isinstance(data, NetworkData) else "the DataFrame"
        columns = [str(c) for c in table.columns]
        default = list(table.index)
    if not isinstance(attribute, str) or attribute not in table.columns:
        raise InvalidParameterError(
            f"The 'attribute' parameter of {func} must name a column of {where} "
            f"({', '.join(map(repr, columns[:12]))}). Got {attribute!r}."
        )
    return table[attribute].astype(object).loc[_node_order(default, nodes, func)]


def _frame(A: np.ndarray, nodes: list) -> pd.DataFrame:
    A = np.asarray(A, dtype=float)
    np.fill_diagonal(A, 0.0)
    return pd.DataFrame(A, index=pd.Index(nodes), columns=pd.Index(nodes))


def _items(value) -> frozenset:
    if isinstance(value, tuple | list | set | frozenset):
        parts = value
    elif isinstance(value, str):
        parts = value.split("|")
    else:
        parts = [value]
    return frozenset(p.strip() if isinstance(p, str) else p for p in parts) - {""}


def _numeric(values: pd.Series, attribute, func: str) -> np.ndarray:
    try:
        return pd.to_numeric(values.map(lambda v: np.nan if _is_missing(v) else v)).to_numpy(
            dtype=float
        )
    except (TypeError, ValueError) as err:
        raise InvalidParameterError(
            f"The attribute {attribute!r} used by {func} must be numeric. {err}."
        ) from err


def _numeric_pairs(data, attribute, nodes, func: str, combine) -> pd.DataFrame:
    values = _attribute(data, attribute, nodes, func)
    x = _numeric(values, attribute, func)
    return _frame(combine(x[:, None], x[None, :]), list(values.index))


def dyad_same(
    data: NetworkData | nx.Graph | pd.DataFrame,
    attribute: str,
    *,
    method: Literal["equal", "any", "jaccard", "count"] = "equal",
    nodes: Sequence[Hashable] | None = None,
) -> pd.DataFrame:
    r"""Whether (or how much) two nodes share a categorical or multi-valued attribute.

    Parameters
    ----------
    data : NetworkData, networkx.Graph or pandas.DataFrame
        Where the attribute is: a column of ``data.organizations`` (nodes are ``org_id``), a
        node attribute of a graph, or a column of a DataFrame indexed by node.
    attribute : str
        The attribute, e.g. ``"province"``, ``"type"`` or the multi-valued ``"issues"``.
        Multi-valued values are tuples or lists (as :class:`NetworkData` stores them) or
        ``|``-separated strings (``"HAM|gender"``).
    method : {"equal", "any", "jaccard", "count"}, default "equal"
        ``"equal"``: 1 if the values are equal (for multi-valued values, the same set);
        ``"any"``: 1 if they share at least one value; ``"jaccard"``: shared values over the
        values of either; ``"count"``: number of shared values.
    nodes : list, optional
        Node order (a subset of the nodes is allowed); default every node in the data's order.

    Returns
    -------
    pandas.DataFrame
        Square, index and columns ``nodes``; float values, 0 on the diagonal, NaN where either
        node's value is missing.

    Raises
    ------
    InvalidParameterError
        If ``data`` is of another type, ``attribute`` is not one of its columns or node
        attributes, ``method`` is unknown, or ``nodes`` lists unknown nodes.

    See Also
    --------
    dyad_difference, dyad_sum : numeric attributes.
    qap_regression : where these matrices are used.

    Notes
    -----
    With :math:`S_i` the set of values of node :math:`i` (one value for a single-valued
    attribute): ``equal`` is :math:`[S_i = S_j]`, ``any`` :math:`[S_i \cap S_j \neq \emptyset]`,
    ``jaccard`` :math:`|S_i \cap S_j| / |S_i \cup S_j|` and ``count``
    :math:`|S_i \cap S_j|`. Computed as a product of the sparse node × value incidence matrix
    with its transpose.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> same = inf.dyad_same(data, "province")
    >>> same.shape
    (250, 250)
    >>> shared = inf.dyad_same(data, "issues", method="jaccard")
    >>> data.organizations["issues"].iloc[:2].tolist()
    [('anti-corruption', 'education'), ('child-protection', 'security-sector-reform')]
    >>> float(shared.iloc[0, 1])
    0.0
    """
    func = "dyad_same"
    check_option(method, _SAME_METHODS, "method", func)
    values = _attribute(data, attribute, nodes, func)
    missing = values.map(_is_missing).to_numpy(dtype=bool)
    sets = [frozenset() if miss else _items(v) for v, miss in zip(values, missing, strict=True)]
    if method == "equal" and not any(
        isinstance(v, tuple | list | set | frozenset) for v in values
    ):
        sets = [
            frozenset() if miss else frozenset([v])
            for v, miss in zip(values, missing, strict=True)
        ]
    index: dict = {}
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [index.setdefault(item, len(index)) for s in sets for item in s]
    n = len(sets)
    B = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, max(len(index), 1)))
    shared = (B @ B.T).toarray()
    size = np.array([len(s) for s in sets], dtype=float)
    union = size[:, None] + size[None, :] - shared
    with np.errstate(invalid="ignore", divide="ignore"):
        result = {
            "equal": (shared == size[:, None]) & (shared == size[None, :]),
            "any": shared > 0,
            "jaccard": np.where(union > 0, shared / np.where(union > 0, union, 1), 0.0),
            "count": shared,
        }[method].astype(float)
    result[missing, :] = np.nan
    result[:, missing] = np.nan
    return _frame(result, list(values.index))


def dyad_difference(
    data: NetworkData | nx.Graph | pd.DataFrame,
    attribute: str,
    *,
    nodes: Sequence[Hashable] | None = None,
) -> pd.DataFrame:
    r"""Absolute difference of a numeric attribute, :math:`|x_i - x_j|`, for every dyad.

    Parameters
    ----------
    data : NetworkData, networkx.Graph or pandas.DataFrame
        Where the attribute is (see :func:`dyad_same`).
    attribute : str
        A numeric attribute, e.g. ``"budget"`` or ``"founded"``.
    nodes : list, optional
        Node order; default every node in the data's order.

    Returns
    -------
    pandas.DataFrame
        Square, labelled by node; 0 on the diagonal, NaN where either value is missing.

    Raises
    ------
    InvalidParameterError
        If ``data`` is of another type, ``attribute`` is unknown or not numeric, or ``nodes``
        lists unknown nodes.

    See Also
    --------
    dyad_sum, dyad_same

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> age_gap = inf.dyad_difference(data, "founded")
    >>> a, b = data.organizations["founded"].iloc[:2]
    >>> float(age_gap.iloc[0, 1]) == float(abs(a - b))
    True
    """
    return _numeric_pairs(data, attribute, nodes, "dyad_difference", lambda a, b: np.abs(a - b))


def dyad_sum(
    data: NetworkData | nx.Graph | pd.DataFrame,
    attribute: str,
    *,
    nodes: Sequence[Hashable] | None = None,
) -> pd.DataFrame:
    r"""Sum of a numeric attribute, :math:`x_i + x_j`, for every dyad.

    Parameters
    ----------
    data : NetworkData, networkx.Graph or pandas.DataFrame
        Where the attribute is (see :func:`dyad_same`).
    attribute : str
        A numeric attribute.
    nodes : list, optional
        Node order; default every node in the data's order.

    Returns
    -------
    pandas.DataFrame
        Square, labelled by node; 0 on the diagonal, NaN where either value is missing.

    Raises
    ------
    InvalidParameterError
        If ``data`` is of another type, ``attribute`` is unknown or not numeric, or ``nodes``
        lists unknown nodes.

    See Also
    --------
    dyad_difference, dyad_same

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> total = inf.dyad_sum(data, "founded", nodes=["ORG001", "ORG002"])
    >>> total.index.tolist()
    ['ORG001', 'ORG002']
    """
    return _numeric_pairs(data, attribute, nodes, "dyad_sum", np.add)


def partnership_layers(data: NetworkData, layers: str | Iterable[str] | None, func: str) -> list:
    """The layers asked for, checked against ``data.layers``; ``None`` means every layer with
    ties except :data:`~lsmnet.graphs.partnership.NON_PARTNERSHIP_LAYERS`."""
    from lsmnet.graphs.partnership import NON_PARTNERSHIP_LAYERS

    if layers is None:
        present = set(data.ties["layer"].dropna())
        return [x for x in data.layers if x in present and x not in NON_PARTNERSHIP_LAYERS]
    layers = [layers] if isinstance(layers, str) else list(layers)
    for layer in layers:
        check_option(layer, data.layers, "layers", func)
    return layers


def _organisations(data, nodes, func: str) -> list:
    _check_data(data, func, graphs=False)
    return _node_order(list(data.organizations["org_id"]), nodes, func)


def dyad_layer(
    data: NetworkData,
    layer: str,
    *,
    nodes: Sequence[Hashable] | None = None,
    directed: bool | None = None,
    weight: str | None = None,
    at: str | int | datetime.date | None = None,
) -> pd.DataFrame:
    """Adjacency matrix of one tie layer (e.g. ``"operational"``).

    Parameters
    ----------
    data : NetworkData
        The data container.
    layer : str
        One of ``data.layers``.
    nodes : list, optional
        Node order; default every ``org_id`` in table order.
    directed : bool or None, optional
        As in :func:`lsmnet.partnership_graph`: ``None`` gives a directed (asymmetric) matrix
        if the layer has directed ties.
    weight : str, optional
        ``None`` (default) gives 1 for a tie and 0 otherwise; ``"weight"`` gives the summed
        tie weights.
    at : str, int, datetime-like or None, optional
        Snapshot date or year (see :meth:`NetworkData.at`).

    Returns
    -------
    pandas.DataFrame
        Square, labelled by ``org_id``; symmetric unless the layer is directed.

    Raises
    ------
    InvalidParameterError
        If ``data`` is not a NetworkData, ``layer`` is not in ``data.layers``, ``weight`` is
        neither None nor ``"weight"``, or ``nodes`` lists unknown organisations (other
        argument errors are raised by :func:`lsmnet.partnership_graph`).

    See Also
    --------
    lsmnet.partnership_graph : the graph behind the matrix.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> A = inf.dyad_layer(data, "operational")
    >>> int(A.to_numpy().sum() / 2)  # undirected ties, each counted in both cells
    163
    """
    from lsmnet.graphs.partnership import partnership_graph

    func = "dyad_layer"
    order = _organisations(data, nodes, func)
    check_option(layer, data.layers, "layer", func)
    check_option(weight, (None, "weight"), "weight", func)
    G = partnership_graph(data, layers=[layer], directed=directed, at=at)
    return _frame(nx.to_numpy_array(G, nodelist=order, weight=weight), order)


def _incidence(pairs: pd.DataFrame, row: str, col: str, order: list) -> sp.csr_array:
    """Binary matrix with one row per pair's ``row`` value, one column per node of ``order``."""
    pairs = pairs[pairs[col].isin(order)].drop_duplicates([row, col])
    keys = pd.Index(pd.unique(pairs[row]))
    r = keys.get_indexer(pairs[row])
    c = pd.Index(order).get_indexer(pairs[col])
    return sp.csr_array((np.ones(len(r)), (r, c)), shape=(max(len(keys), 1), len(order)))


def dyad_comembership(
    data: NetworkData,
    *,
    nodes: Sequence[Hashable] | None = None,
    at: str | int | datetime.date | None = None,
) -> pd.DataFrame:
    """Number of coalitions two organisations both belong to.

    Parameters
    ----------
    data : NetworkData
        The data container.
    nodes : list, optional
        Node order; default every ``org_id`` in table order.
    at : str, int, datetime-like or None, optional
        Snapshot date or year (see :meth:`NetworkData.at`); ``None`` uses every membership.

    Returns
    -------
    pandas.DataFrame
        Square, symmetric, labelled by ``org_id``; counts as floats, 0 on the diagonal.

    Raises
    ------
    InvalidParameterError
        If ``data`` is not a NetworkData, ``nodes`` lists unknown organisations or ``at`` is
        not a year or date.

    See Also
    --------
    lsmnet.comembership_graph : the same counts as a weighted graph.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> shared = inf.dyad_comembership(data)
    >>> int(shared.loc["ORG232", "ORG240"])  # chair and secretariat of coalition C01
    1
    """
    func = "dyad_comembership"
    order = _organisations(data, nodes, func)
    members = (data if at is None else data.at(at)).memberships
    B = _incidence(members, "coalition_id", "org_id", order)
    return _frame((B.T @ B).toarray(), order)


def dyad_shared_funders(
    data: NetworkData,
    *,
    nodes: Sequence[Hashable] | None = None,
    at: str | int | datetime.date | None = None,
) -> pd.DataFrame:
    """Number of funders two organisations have in common (ties of the ``funding`` layer).

    Parameters
    ----------
    data : NetworkData
        The data container; a funding tie runs from ``source`` (funder) to ``target``.
    nodes : list, optional
        Node order; default every ``org_id`` in table order.
    at : str, int, datetime-like or None, optional
        Snapshot date or year (see :meth:`NetworkData.at`); ``None`` uses every tie.

    Returns
    -------
    pandas.DataFrame
        Square, symmetric, labelled by ``org_id``; counts as floats, 0 on the diagonal (all 0
        when the data has no funding ties).

    Raises
    ------
    InvalidParameterError
        If ``data`` is not a NetworkData, ``nodes`` lists unknown organisations or ``at`` is
        not a year or date.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> funders = inf.dyad_shared_funders(data)
    >>> bool((funders.to_numpy() >= 0).all())
    True
    """
    func = "dyad_shared_funders"
    order = _organisations(data, nodes, func)
    ties = (data if at is None else data.at(at)).ties
    funding = ties[ties["layer"] == "funding"]
    F = _incidence(funding, "source", "target", order)
    return _frame((F.T @ F).toarray(), order)


def dyad_matrix(
    obj: nx.Graph | pd.DataFrame | np.ndarray,
    *,
    nodes: Sequence[Hashable] | None = None,
    weight: str | None = None,
) -> pd.DataFrame:
    """A graph, array or DataFrame as a labelled node × node DataFrame.

    Parameters
    ----------
    obj : networkx.Graph, numpy.ndarray or pandas.DataFrame
        The network. A square array takes its labels from ``nodes`` (default 0..n-1).
    nodes : list, optional
        Node order (for graphs and DataFrames, a subset or reordering of their nodes; for
        arrays, the labels of its rows).
    weight : str, optional
        Edge attribute used as the cell value of a graph; ``None`` (default) gives 1 per edge.

    Returns
    -------
    pandas.DataFrame
        Square, labelled by node, float values (diagonal kept as given).

    Raises
    ------
    InvalidParameterError
        If ``obj`` is not square or of another type, or ``nodes`` does not fit it.

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> inf.dyad_matrix(nx.path_graph(["a", "b", "c"]))
         a    b    c
    a  0.0  1.0  0.0
    b  1.0  0.0  1.0
    c  0.0  1.0  0.0
    """
    func = "dyad_matrix"
    _, mats, _ = M.align({"network": obj}, func, weight=weight)
    A = mats["network"]
    labelled = isinstance(obj, nx.Graph | pd.DataFrame)
    default = list(obj) if isinstance(obj, nx.Graph) else None
    if isinstance(obj, pd.DataFrame):
        default = list(obj.index)
    if not labelled:
        default = list(range(A.shape[0]))
        if nodes is not None:
            nodes = list(nodes)
            if len(nodes) != A.shape[0] or len(set(nodes)) != len(nodes):
                raise InvalidParameterError(
                    f"The 'nodes' parameter of {func} must give {A.shape[0]} distinct labels, "
                    f"one per row of the array. Got {len(nodes)}."
                )
            return pd.DataFrame(A, index=pd.Index(nodes), columns=pd.Index(nodes))
    order = _node_order(default, nodes, func)
    pos = pd.Index(default).get_indexer(order)
    return pd.DataFrame(A[np.ix_(pos, pos)], index=pd.Index(order), columns=pd.Index(order))
