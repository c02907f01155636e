"""Homophily: do partnerships stay among organisations that share an attribute?"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._progress import check_progress
from lsmnet._validation import check_number, check_seed
from lsmnet.exceptions import InvalidParameterError
from lsmnet.inference import _matrices as M
from lsmnet.inference.dyads import (
    _attribute,
    _is_missing,
    _numeric,
    dyad_same,
    partnership_layers,
)
from lsmnet.metrics.ei import edge_arrays

if TYPE_CHECKING:
    import networkx as nx

    from lsmnet.model import NetworkData

__all__ = ["homophily_table"]

_FUNC = "homophily_table"
_COLUMNS = [
    "layer",
    "attribute",
    "kind",
    "ties",
    "internal",
    "external",
    "ei",
    "assortativity",
    "statistic",
    "observed",
    "null_mean",
    "p_value",
    "p_greater",
    "p_less",
]


def _kind(values: pd.Series) -> str:
    present = [v for v in values if not _is_missing(v)]
    if any(isinstance(v, tuple | list | set | frozenset) for v in present):
        return "multi-valued"
    if present and all(
        isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
        for v in present
    ):
        return "numeric"
    return "categorical"


def _ei(S: np.ndarray, u: np.ndarray, v: np.ndarray, perms: np.ndarray | None):
    """Internal and counted ties, and the E-I index, for the identity or each permutation."""
    if perms is None:
        same = S[u, v][None, :]
    else:
        same = S[perms[:, u], perms[:, v]]
    known = ~np.isnan(same)
    internal = np.where(known, same, 0.0).sum(axis=1)
    total = known.sum(axis=1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return internal, total, (total - 2 * internal) / total


def _nominal_assortativity(codes: np.ndarray, u, v, directed: bool) -> float:
    """Newman's assortativity coefficient of a categorical attribute (missing codes < 0)."""
    keep = (codes[u] >= 0) & (codes[v] >= 0)
    a, b = codes[u][keep], codes[v][keep]
    if not directed:
        a, b = np.concatenate([a, b]), np.concatenate([b, a])
    if a.size == 0:
        return float("nan")
    k = int(codes.max()) + 1
    e = np.bincount(a * k + b, minlength=k * k).reshape(k, k) / a.size
    ab = float(e.sum(axis=1) @ e.sum(axis=0))
    return (float(np.trace(e)) - ab) / (1 - ab) if ab < 1 else float("nan")


def _numeric_assortativity(x: np.ndarray, perms, u, v, directed: bool) -> np.ndarray:
    """Pearson correlation of the attribute at the two ends of each tie, per permutation."""
    xp = x[None, :] if perms is None else x[perms]
    a, b = xp[:, u], xp[:, v]
    if not directed:
        a, b = np.concatenate([a, b], axis=1), np.concatenate([b, a], axis=1)
    keep = ~(np.isnan(a) | np.isnan(b))
    cnt = keep.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        a0, b0 = np.where(keep, a, 0.0), np.where(keep, b, 0.0)
        ma, mb = a0.sum(axis=1) / cnt, b0.sum(axis=1) / cnt
        da = np.where(keep, a - ma[:, None], 0.0)
        db = np.where(keep, b - mb[:, None], 0.0)
        return (da * db).sum(axis=1) / np.sqrt((da * da).sum(axis=1) * (db * db).sum(axis=1))


def _graphs(data, layers, func: str) -> dict:
    import networkx as nx

    from lsmnet.graphs.partnership import partnership_graph
    from lsmnet.model import NetworkData

    if isinstance(data, nx.Graph):
        if layers is not None:
            raise InvalidParameterError(
                f"The 'layers' parameter of {func} applies to a NetworkData; for a graph, "
                f"leave it None. Got {layers!r}."
            )
        return {"graph": data}
    if not isinstance(data, NetworkData):
        raise InvalidParameterError(
            f"The 'data' parameter of {func} must be a NetworkData or a networkx graph. Got "
            f"{type(data).__name__}."
        )
    layers = partnership_layers(data, layers, func)
    return {lay: partnership_graph(data, layers=[lay]) for lay in layers}


def homophily_table(
    data: NetworkData | nx.Graph,
    attributes: str | Sequence[str],
    *,
    layers: str | Sequence[str] | None = None,
    permutations: int = 1000,
    seed: np.random.Generator | int | None = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Which attributes organise the partnerships: homophily per layer with a QAP test.

    For each layer and attribute, the share of ties that join organisations with the same
    value (the E-I index) or, for numeric attributes, the correlation of the values at the two
    ends of each tie (assortativity), compared with random relabellings of the nodes.

    Parameters
    ----------
    data : NetworkData or networkx.Graph
        The data (attributes from ``data.organizations``, one graph per layer), or one graph
        whose nodes carry the attributes.
    attributes : str or list of str
        Attributes to test, e.g. ``["province", "type", "issues", "budget"]``. Categorical
        attributes use equality, multi-valued ones (``issues``) "shares at least one value",
        numeric ones assortativity.
    layers : str, list of str or None, optional
        Layers of a NetworkData, one graph each; ``None`` takes every partnership layer with
        ties (not ``funding`` or ``competition``, which can be asked for). Not used for a graph.
    permutations : int, default 1000
        Number of node permutations (0: observed values only, p-values NaN). The same
        permutations are used for every attribute of a layer.
    seed : None, int or numpy.random.Generator, optional
        Seed of the permutations; the same seed gives the same table, whatever ``n_jobs``.
    n_jobs : int or None, default None
        Threads used to evaluate the permutations (``None``: 1, ``-1``: all cores).
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal.

    Returns
    -------
    pandas.DataFrame
        One row per layer and attribute (layers in the order given, attributes in the order
        given), columns

        - ``layer`` (str; ``"graph"`` for a graph input), ``attribute`` (str);
        - ``kind``: ``"categorical"``, ``"multi-valued"`` or ``"numeric"``;
        - ``ties`` (int): ties whose two ends both have the attribute;
        - ``internal``, ``external`` (float): ties within and across values (NaN for numeric);
        - ``ei`` (float): E-I index, -1 all internal, +1 all external (NaN for numeric);
        - ``assortativity`` (float): Newman's coefficient, nominal for categorical
          attributes, Pearson for numeric ones (NaN for multi-valued);
        - ``statistic`` (str): the statistic tested, ``"ei"`` or ``"assortativity"``;
        - ``observed``, ``null_mean`` (float): its value and mean over the permutations;
        - ``p_value`` (float): two-sided, share of permutations at least as far from the null
          mean as the observed value;
        - ``p_greater``, ``p_less`` (float): shares at least as high / as low. Homophily is a
          low E-I (``p_less``) or a high assortativity (``p_greater``).

        Undefined values (a layer without ties) are NaN.

    Raises
    ------
    InvalidParameterError
        If ``data`` is of another type, an attribute is unknown, a layer is not in
        ``data.layers``, or ``permutations``, ``seed``, ``n_jobs`` or ``progress`` is invalid.

    See Also
    --------
    lsmnet.ei_index : the E-I index of a graph and a partition, by group and node.
    qap_regression : several attributes at once, controlling for each other.

    Notes
    -----
    With :math:`T` the ties (each undirected tie once) whose ends both have the attribute and
    :math:`s_{ij} \in \{0, 1\}` "same value" (for multi-valued attributes: at least one value
    in common), :math:`I = \sum_T s_{ij}`, :math:`E = |T| - I` and
    :math:`\mathrm{EI} = (E - I)/(E + I)` (Krackhardt & Stern 1988); for a categorical
    attribute this is :func:`lsmnet.ei_index` at network level. Assortativity is Newman's
    (2003) :math:`r = (\sum_g e_{gg} - \sum_g a_g b_g)/(1 - \sum_g a_g b_g)` for categories
    and the Pearson correlation over (both directions of) the ties for numbers.

    The test is a QAP test: the nodes are permuted, :math:`s_{\pi(i)\pi(j)}` (or the values)
    is read at the permuted positions and the statistic recomputed on the same ties, which
    keeps the network and the attribute's distribution and breaks only their link. p-values
    count the observed value: :math:`p_{\le} = (1 + \#\{b : x_b \le x\})/(B + 1)`; the
    two-sided p-value uses distances from the null mean, as :func:`lsmnet.ei_index` does.

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly*, 51(2), 123–140.
    .. [2] Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E*, 67,
       026126. https://doi.org/10.1103/PhysRevE.67.026126
    .. [3] McPherson, M., Smith-Lovin, L. and Cook, J. M. (2001). Birds of a feather: homophily
       in social networks. *Annual Review of Sociology*, 27, 415–444.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> table = inf.homophily_table(
    ...     data, ["province", "issues", "budget"], layers=["advocacy"], permutations=200, seed=1
    ... )
    >>> table[["layer", "attribute", "kind", "statistic"]]
          layer attribute          kind      statistic
    0  advocacy  province   categorical             ei
    1  advocacy    issues  multi-valued             ei
    2  advocacy    budget       numeric  assortativity
    >>> bool(table.loc[0, "ei"] < table.loc[0, "null_mean"])  # more same-province ties
    True
    """
    check_progress(progress, _FUNC)
    check_number(permutations, "permutations", _FUNC, low=0, integer=True)
    rng = check_seed(seed, _FUNC)
    jobs = M.check_jobs(n_jobs, _FUNC)
    if isinstance(attributes, str):
        attributes = [attributes]
    if not isinstance(attributes, list | tuple) or not attributes:
        raise InvalidParameterError(
            f"The 'attributes' parameter of {_FUNC} must be an attribute name or a non-empty "
            f"list of them. Got {attributes!r}."
        )
    graphs = _graphs(data, layers, _FUNC)
    rows = []
    for layer, G in graphs.items():
        nodes = list(G)
        u, v, _ = edge_arrays(G, nodes)  # the ties as ei_index counts them
        perms = M.draw_permutations(rng, permutations, len(nodes))
        source = G if data is G else data
        for attribute in attributes:
            values = _attribute(source, attribute, nodes, _FUNC)
            rows.append(
                _row(layer, attribute, values, u, v, G.is_directed(), perms, jobs, progress)
            )
    return pd.DataFrame(rows, columns=_COLUMNS)


def _row(layer, attribute, values, u, v, directed, perms, jobs, progress) -> dict:
    kind = _kind(values)
    nan = float("nan")
    row = dict.fromkeys(_COLUMNS, nan) | {"layer": layer, "attribute": attribute, "kind": kind}
    chunk = max(1, M.CHUNK_CELLS // max(1, 2 * len(u)))
    if kind == "numeric":
        x = _numeric(values, attribute, _FUNC)
        observed = float(_numeric_assortativity(x, None, u, v, directed)[0])
        row |= {
            "ties": int((~(np.isnan(x[u]) | np.isnan(x[v]))).sum()),
            "assortativity": observed,
            "statistic": "assortativity",
        }

        def evaluate(p):
            return _numeric_assortativity(x, p, u, v, directed)

    else:
        S = dyad_same(
            values.to_frame(), attribute, method="any" if kind == "multi-valued" else "equal"
        ).to_numpy()
        internal, total, ei = (float(a[0]) for a in _ei(S, u, v, None))
        row |= {
            "ties": int(total),
            "internal": internal,
            "external": total - internal,
            "ei": ei,
            "statistic": "ei",
        }
        observed = ei
        if kind == "categorical":
            missing = values.map(_is_missing).to_numpy(dtype=bool)
            codes = np.full(len(values), -1)
            codes[~missing] = pd.factorize(values[~missing])[0]
            row["assortativity"] = _nominal_assortativity(codes, u, v, directed)

        def evaluate(p):
            return _ei(S, u, v, p)[2]

    row["observed"] = observed
    if len(perms) == 0 or np.isnan(observed):
        return row
    null = M.run_chunks(evaluate, perms, chunk=chunk, jobs=jobs, desc=_FUNC, progress=progress)
    mean = float(np.nanmean(null))
    centred, _, _ = M.tails((null - mean)[:, None], np.array([observed - mean]))
    _, p_ge, p_le = M.tails(null[:, None], np.array([observed]))
    return row | {
        "null_mean": mean,
        "p_value": float(centred[0]),
        "p_greater": float(p_ge[0]),
        "p_less": float(p_le[0]),
    }
