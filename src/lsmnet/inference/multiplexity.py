"""Multiplexity: how far the partnership layers overlap, for the network and for each member."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._progress import check_progress
from lsmnet._validation import check_number, check_seed
from lsmnet.exceptions import InvalidParameterError
from lsmnet.inference.dyads import _check_data, dyad_layer, partnership_layers
from lsmnet.inference.qap import qap_correlation

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["layer_overlap", "multiplexity_table"]


def _layers(data, layers, func: str) -> list:
    _check_data(data, func, graphs=False)
    layers = partnership_layers(data, layers, func)
    if len(layers) < 2 or len(set(layers)) != len(layers):
        raise InvalidParameterError(
            f"The 'layers' parameter of {func} must name at least two distinct layers. "
            f"Got {layers!r}."
        )
    return layers


def _binary_layers(data, layers, func: str) -> tuple[dict, bool]:
    """One 0/1 matrix per layer; all directed if any selected tie is directed."""
    chosen = data.ties[data.ties["layer"].isin(layers)]
    directed = bool(chosen["directed"].fillna(False).astype(bool).any())
    return {lay: dyad_layer(data, lay, directed=directed) for lay in layers}, directed


def layer_overlap(
    data: NetworkData,
    *,
    layers: Sequence[str] | None = None,
    permutations: int = 0,
    seed: np.random.Generator | int | None = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Overlap of every pair of tie layers: shared ties, Jaccard and QAP correlation.

    Parameters
    ----------
    data : NetworkData
        The data container.
    layers : list of str, optional
        At least two layers; ``None`` takes every partnership layer with ties (not
        ``funding`` or ``competition``, which can be asked for).
    permutations : int, default 0
        Permutations of the QAP test of each correlation (0: no test, p-values NaN).
    seed : None, int or numpy.random.Generator, optional
        Seed of the permutations (one generator for all pairs, in table order).
    n_jobs : int or None, default None
        Threads used to evaluate the permutations (``None``: 1, ``-1``: all cores).
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal.

    Returns
    -------
    pandas.DataFrame
        One row per pair of layers (in the order of ``layers``), columns ``layer_a``,
        ``layer_b`` (str), ``ties_a``, ``ties_b``, ``shared`` (int: ties in each layer and in
        both), ``jaccard`` (float: shared over ties in either), ``correlation`` (float: QAP
        correlation of the 0/1 matrices, ``sna::gcor``), ``p_value`` (two-sided),
        ``p_greater`` (more overlap than chance) and ``p_less`` (float, NaN without
        permutations). ``jaccard`` is NaN when neither layer has ties.

    Raises
    ------
    InvalidParameterError
        If ``data`` is not a NetworkData, fewer than two distinct layers are selected, a layer
        is not in ``data.layers``, or ``permutations``, ``seed``, ``n_jobs`` or ``progress``
        is invalid.

    See Also
    --------
    multiplexity_table : the same question per member.
    qap_regression : does one layer predict another, controlling for attributes?

    Notes
    -----
    Ties are pairs of organisations with at least one tie record in the layer, taken as
    ordered pairs if any selected tie is directed (undirected ties then count in both
    directions) and as unordered pairs otherwise. With :math:`A` and :math:`B` the tie sets,
    :math:`J = |A \cap B| / |A \cup B|`; the correlation and its test are those of
    :func:`qap_correlation`.

    References
    ----------
    .. [1] Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social
       Networks*, 9(2), 171–186.
    .. [2] Verbrugge, L. M. (1979). Multiplexity in adult friendships. *Social Forces*,
       57(4), 1286–1309.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> overlap = inf.layer_overlap(data, layers=["operational", "advocacy", "capacity"])
    >>> overlap[["layer_a", "layer_b", "ties_a", "ties_b"]]
           layer_a   layer_b  ties_a  ties_b
    0  operational  advocacy     163     186
    1  operational  capacity     163     109
    2     advocacy  capacity     186     109
    """
    func = "layer_overlap"
    check_progress(progress, func)
    check_number(permutations, "permutations", func, low=0, integer=True)
    rng = check_seed(seed, func)
    layers = _layers(data, layers, func)
    mats, directed = _binary_layers(data, layers, func)
    n = len(data.organizations)
    rows, cols = np.nonzero(~np.eye(n, dtype=bool)) if directed else np.triu_indices(n, 1)
    out = []
    for a, b in combinations(layers, 2):
        A = mats[a].to_numpy()[rows, cols] > 0
        B = mats[b].to_numpy()[rows, cols] > 0
        either = int((A | B).sum())
        shared = int((A & B).sum())
        if n >= 3:
            test = qap_correlation(
                mats[a],
                mats[b],
                permutations=permutations,
                seed=rng,
                directed=directed,
                n_jobs=n_jobs,
                progress=progress,
            )
            stats = (test.observed, test.p_value, test.p_greater, test.p_less)
        else:
            stats = (float("nan"),) * 4
        out.append(
            {
                "layer_a": a,
                "layer_b": b,
                "ties_a": int(A.sum()),
                "ties_b": int(B.sum()),
                "shared": shared,
                "jaccard": shared / either if either else float("nan"),
                "correlation": stats[0],
                "p_value": stats[1],
                "p_greater": stats[2],
                "p_less": stats[3],
            }
        )
    return pd.DataFrame(out)


def multiplexity_table(data: NetworkData, *, layers: Sequence[str] | None = None) -> pd.DataFrame:
    """Per organisation: partners, partners in several layers, and the multiplex share.

    Parameters
    ----------
    data : NetworkData
        The data container.
    layers : list of str, optional
        At least two layers; ``None`` takes every partnership layer with ties (not
        ``funding`` or ``competition``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``org_id`` (every organisation, table order; index name ``org_id``),
        columns ``partners`` (int: organisations it has a tie with in any selected layer,
        either direction), ``multiplex_partners`` (int: of those, partners with ties in two or
        more layers), ``layers`` (int: selected layers in which it has a tie) and
        ``multiplex_share`` (float: ``multiplex_partners / partners``, NaN for isolates).

    Raises
    ------
    InvalidParameterError
        If ``data`` is not a NetworkData, fewer than two distinct layers are selected or a
        layer is not in ``data.layers``.

    See Also
    --------
    layer_overlap : the overlap of the layers for the whole network.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> table = inf.multiplexity_table(data, layers=["operational", "advocacy"])
    >>> table.columns.tolist()
    ['partners', 'multiplex_partners', 'layers', 'multiplex_share']
    >>> bool((table["multiplex_partners"] <= table["partners"]).all())
    True
    """
    func = "multiplexity_table"
    layers = _layers(data, layers, func)
    mats, _ = _binary_layers(data, layers, func)
    ties = [((m.to_numpy() + m.to_numpy().T) > 0) for m in mats.values()]
    count = np.sum(ties, axis=0)
    partners = (count > 0).sum(axis=1)
    multiplex = (count > 1).sum(axis=1)
    in_layers = np.sum([t.any(axis=1) for t in ties], axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(partners > 0, multiplex / np.maximum(partners, 1), np.nan)
    index = pd.Index(data.organizations["org_id"], name="org_id")
    return pd.DataFrame(
        {
            "partners": partners.astype(int),
            "multiplex_partners": multiplex.astype(int),
            "layers": in_layers.astype(int),
            "multiplex_share": share,
        },
        index=index,
    )
