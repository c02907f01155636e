"""QAP correlation: the graph correlation of two networks and its permutation test."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._progress import check_progress
from lsmnet._validation import check_number, check_seed
from lsmnet.exceptions import InvalidParameterError
from lsmnet.inference import _matrices as M

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["QapCorrelationResult", "qap_correlation"]

_FUNC = "qap_correlation"


@dataclass(frozen=True)
class QapCorrelationResult:
    """Result of :func:`qap_correlation`.

    Made by :func:`qap_correlation`, not by hand; each parameter is kept as the attribute of
    the same name.

    Parameters
    ----------
    observed : float
        Pearson correlation of the two matrices over the dyads used (``sna::gcor``).
    null_mean, null_sd : float
        Mean and sample standard deviation (``ddof=1``) of the correlation over the
        permutations; NaN without permutations.
    p_value : float
        Two-sided permutation p-value, share of permutations with :math:`|r_b| \\ge |r|`.
    p_greater, p_less : float
        One-sided p-values: share with :math:`r_b \\ge r` (positive association) and with
        :math:`r_b \\le r` (negative association).
    permutations : int
        Number of permutations.
    n_dyads : int
        Number of dyads: :math:`n(n-1)` if directed, :math:`n(n-1)/2` otherwise.
    directed : bool
        Whether ordered dyads were used.
    null_values : numpy.ndarray
        The correlation under every permutation, in draw order.

    See Also
    --------
    qap_correlation : computes it.

    Examples
    --------
    A network is perfectly correlated with itself; with 99 permutations the smallest possible
    p-value is 1 / (99 + 1):

    >>> import networkx as nx
    >>> import lsmnet as lsm
    >>> G = nx.karate_club_graph()
    >>> result = lsm.qap_correlation(G, G, permutations=99, seed=1)
    >>> round(result.observed, 6), result.p_value, result.n_dyads
    (1.0, 0.01, 561)
    >>> result.to_series()[["observed", "p_value"]].tolist()
    [1.0, 0.01]
    """

    observed: float
    null_mean: float
    null_sd: float
    p_value: float
    p_greater: float
    p_less: float
    permutations: int
    n_dyads: int
    directed: bool
    null_values: np.ndarray = field(repr=False, compare=False)

    def to_frame(self) -> pd.DataFrame:
        """Return the scalar fields as a one-row ``pd.DataFrame``, indexed ``qap_correlation``.

        Several results stack into one table with ``pd.concat``.

        Returns
        -------
        pandas.DataFrame
            The columns of :meth:`to_series` (floats), one row.

        Examples
        --------
        >>> import networkx as nx
        >>> import pandas as pd
        >>> import lsmnet as lsm
        >>> G = nx.karate_club_graph()
        >>> H = nx.complement(G)
        >>> results = [lsm.qap_correlation(G, X, permutations=99, seed=1) for X in (G, H)]
        >>> table = pd.concat([r.to_frame() for r in results], ignore_index=True)
        >>> table["observed"].round(6).tolist()
        [1.0, -1.0]
        """
        return self.to_series().to_frame().T

    def to_series(self) -> pd.Series:
        """Return the scalar fields as a ``pd.Series`` named ``qap_correlation``.

        Returns
        -------
        pandas.Series
            Index ``observed, null_mean, null_sd, p_value, p_greater, p_less, permutations,
            n_dyads`` (floats).

        Examples
        --------
        >>> import networkx as nx
        >>> import lsmnet as lsm
        >>> G = nx.karate_club_graph()
        >>> series = lsm.qap_correlation(G, G, permutations=99, seed=1).to_series()
        >>> series.name, float(series["p_value"]), int(series["n_dyads"])
        ('qap_correlation', 0.01, 561)
        """
        keys = ("observed", "null_mean", "null_sd", "p_value", "p_greater", "p_less")
        values = {k: getattr(self, k) for k in keys}
        values |= {"permutations": self.permutations, "n_dyads": self.n_dyads}
        return pd.Series(values, name=_FUNC, dtype=float)

    def _repr_html_(self) -> str:
        return self.to_series().to_frame().to_html(float_format=lambda x: f"{x:.4g}")

    def __str__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        return (
            f"QAP correlation {self.observed:.4f} over {self.n_dyads} {kind} dyads; "
            f"p = {self.p_value:.4g} (two-sided, {self.permutations} permutations)"
        )


def _correlation(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson correlation of every row of ``X`` with ``y``."""
    Xc = X - X.mean(axis=-1, keepdims=True)
    yc = y - y.mean()
    with np.errstate(invalid="ignore", divide="ignore"):
        return (Xc @ yc) / np.sqrt((Xc * Xc).sum(axis=-1) * (yc @ yc))


def qap_correlation(
    x: nx.Graph | pd.DataFrame | np.ndarray,
    y: nx.Graph | pd.DataFrame | np.ndarray,
    *,
    permutations: int = 1000,
    seed: np.random.Generator | int | None = None,
    directed: bool | None = None,
    weight: str | None = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> QapCorrelationResult:
    r"""Graph correlation of two networks with a QAP permutation test.

    The equivalent of R ``sna::gcor`` with ``sna::qaptest``: the Pearson correlation of the
    two matrices' cells (diagonal left out), compared with its values when the rows and columns
    of one matrix are permuted together.

    Parameters
    ----------
    x, y : networkx.Graph, pandas.DataFrame or numpy.ndarray
        Two networks on the same nodes: graphs (node order and labels taken from the graph),
        square DataFrames labelled by node, or square arrays (same order as the other input).
        Labelled inputs are aligned by label.
    permutations : int, default 1000
        Number of random node permutations (0: the correlation only, p-values NaN).
    seed : None, int or numpy.random.Generator, optional
        Seed of the permutations; the same seed gives the same result, whatever ``n_jobs``.
    directed : bool or None, default None
        Use ordered dyads (both cells of each pair) or one triangle. ``None``: directed if
        either input is a directed graph or an asymmetric matrix. ``False`` with an asymmetric
        matrix is refused (it would drop half the information silently).
    weight : str, optional
        Edge attribute used as the cell value of graph inputs; ``None`` (default) gives 1 per
        edge.
    n_jobs : int or None, default None
        Threads used to evaluate the permutations (``None``: 1, ``-1``: all cores).
    progress : bool or None, default None
        Show a progress bar over chunks of permutations; ``None`` shows one only on a terminal.

    Returns
    -------
    QapCorrelationResult
        ``observed``, ``null_mean``, ``null_sd``, ``p_value`` (two-sided), ``p_greater``,
        ``p_less``, ``permutations``, ``n_dyads``, ``directed`` and the array ``null_values``;
        ``.to_series()`` gives the numbers as a Series. ``observed`` is NaN when either matrix
        is constant over the dyads (then every p-value is NaN too).

    Raises
    ------
    InvalidParameterError
        If an input is not a graph, square DataFrame or square array, the inputs do not have
        the same nodes, a dyad value is missing or infinite, fewer than 3 nodes are given, or
        ``permutations``, ``seed``, ``directed``, ``n_jobs`` or ``progress`` is invalid.

    See Also
    --------
    qap_regression : several predictors at once (MRQAP).
    layer_overlap : QAP correlations between the layers of a NetworkData.

    Notes
    -----
    With :math:`D` the dyads (off-diagonal cells; the upper triangle when undirected),

    .. math::

        r = \frac{\sum_{(i,j) \in D} (x_{ij} - \bar x)(y_{ij} - \bar y)}
                 {\sqrt{\sum_D (x_{ij} - \bar x)^2 \sum_D (y_{ij} - \bar y)^2}} .

    For each of :math:`B` permutations :math:`\pi` of the nodes, :math:`r_b` is the correlation
    of :math:`x_{\pi(i)\pi(j)}` with :math:`y_{ij}`: the structure of each network is kept,
    only the link between them is broken (Krackhardt 1987). With the observed value counted
    (Phipson & Smyth 2010),

    .. math::

        p = \frac{1 + \#\{b : |r_b| \ge |r|\}}{B + 1}, \quad
        p_{\ge} = \frac{1 + \#\{b : r_b \ge r\}}{B + 1}, \quad
        p_{\le} = \frac{1 + \#\{b : r_b \le r\}}{B + 1},

    where values within a relative 1e-9 of :math:`r` count as ties. ``sna::qaptest`` reports
    the shares without the added 1 (a difference of at most :math:`1/(B+1)`).
    All permutations are drawn up front from one generator and evaluated in chunks.

    References
    ----------
    .. [1] Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social
       Networks*, 9(2), 171–186. https://doi.org/10.1016/0378-8733(87)90012-8
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software*, 24(6). https://doi.org/10.18637/jss.v024.i06
    .. [3] Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero.
       *Statistical Applications in Genetics and Molecular Biology*, 9(1), Article 39.

    Examples
    --------
    Do organisations that work together operationally also advocate together?

    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> operational = inf.dyad_layer(data, "operational")
    >>> advocacy = inf.dyad_layer(data, "advocacy")
    >>> result = inf.qap_correlation(operational, advocacy, permutations=200, seed=1)
    >>> round(result.observed, 3), result.n_dyads
    (0.381, 31125)
    >>> result.p_greater < 0.01
    True
    """
    check_progress(progress, _FUNC)
    check_number(permutations, "permutations", _FUNC, low=0, integer=True)
    rng = check_seed(seed, _FUNC)
    jobs = M.check_jobs(n_jobs, _FUNC)
    nodes, mats, digraph = M.align({"x": x, "y": y}, _FUNC, weight=weight)
    n = len(nodes)
    if n < 3:
        raise InvalidParameterError(
            f"{_FUNC} needs at least 3 nodes (a correlation over dyads). Got {n}."
        )
    directed = M.resolve_directed(mats, directed, digraph, _FUNC)
    rows, cols = M.dyad_index(n, directed)
    M.check_finite(mats, nodes, rows, cols, _FUNC)
    X, yv = mats["x"], mats["y"][rows, cols]
    observed = float(_correlation(X[rows, cols][None, :], yv)[0])

    perms = M.draw_permutations(rng, permutations, n)

    def evaluate(chunk: np.ndarray) -> np.ndarray:
        return _correlation(X[chunk[:, rows], chunk[:, cols]], yv)

    chunk = max(1, M.CHUNK_CELLS // len(rows))
    null = M.run_chunks(evaluate, perms, chunk=chunk, jobs=jobs, desc=_FUNC, progress=progress)
    nan = float("nan")
    if permutations == 0 or np.isnan(observed):
        return QapCorrelationResult(
            observed, nan, nan, nan, nan, nan, permutations, len(rows), directed, null
        )
    p, p_ge, p_le = M.tails(null[:, None], np.array([observed]))
    sd = float(null.std(ddof=1)) if permutations > 1 else nan
    return QapCorrelationResult(
        observed,
        float(null.mean()),
        sd,
        float(p[0]),
        float(p_ge[0]),
        float(p_le[0]),
        permutations,
        len(rows),
        directed,
        null,
    )
