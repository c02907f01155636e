"""MRQAP: linear and logistic regression of one network on others, with QAP p-values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from lsmnet._progress import check_progress
from lsmnet._validation import check_number, check_option, check_seed
from lsmnet.exceptions import InvalidParameterError
from lsmnet.inference import _matrices as M
from lsmnet.inference._fits import deviance, fit_linear, fit_logistic

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["QapRegressionResult", "qap_regression"]

_FUNC = "qap_regression"
_FAMILIES = ("linear", "logistic")
_METHODS = ("dsp", "y")


@dataclass(frozen=True)
class QapRegressionResult:
    """Result of :func:`qap_regression`.

    Made by :func:`qap_regression`, not by hand; each parameter is kept as the attribute of
    the same name.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per term (``intercept``, then the predictors in the order given), columns

        - ``term`` (str);
        - ``estimate`` (float): the coefficient;
        - ``std_error`` (float): its classical standard error (not used for the p-values);
        - ``statistic`` (float): the t value (linear) or z value (logistic), the statistic
          that is permuted;
        - ``p_value`` (float): two-sided, share of permutations with
          ``|statistic_b| >= |statistic|``;
        - ``p_greater``, ``p_less`` (float): one-sided, shares with ``statistic_b >=
          statistic`` and ``statistic_b <= statistic``.

        p-values are NaN without permutations.
    family : str
        ``"linear"`` or ``"logistic"``.
    method : str
        ``"dsp"`` (double semi-partialling) or ``"y"`` (permute the dependent network).
    permutations : int
        Number of permutations.
    n_dyads : int
        Number of dyads in the regression.
    directed : bool
        Whether ordered dyads were used.
    r_squared, adj_r_squared, residual_se : float
        Linear family: :math:`R^2`, adjusted :math:`R^2` and residual standard error; NaN for
        the logistic family.
    deviance, null_deviance, aic, bic : float
        Logistic family: residual and null deviance, AIC and BIC (``deviance + k log n``, as
        ``sna::netlogit``); NaN for the linear family.
    null_distribution : numpy.ndarray
        Shape ``(permutations, terms)``: the statistic of every term under every permutation.

    See Also
    --------
    qap_regression : computes it.

    Examples
    --------
    A network regressed on itself: slope 1, intercept 0, a perfect fit:

    >>> import networkx as nx
    >>> import lsmnet as lsm
    >>> G = nx.karate_club_graph()
    >>> result = lsm.qap_regression(G, {"same": G}, permutations=19, seed=1)
    >>> result.to_frame()["term"].tolist()
    ['intercept', 'same']
    >>> round(float(result.table["estimate"].iloc[1]), 6), round(result.r_squared, 6)
    (1.0, 1.0)
    """

    table: pd.DataFrame = field(compare=False)
    family: str
    method: str
    permutations: int
    n_dyads: int
    directed: bool
    r_squared: float
    adj_r_squared: float
    residual_se: float
    deviance: float
    null_deviance: float
    aic: float
    bic: float
    null_distribution: np.ndarray = field(repr=False, compare=False)

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of :attr:`table`.

        Returns
        -------
        pandas.DataFrame
            Columns ``term, estimate, std_error, statistic, p_value, p_greater, p_less``.

        Examples
        --------
        >>> import networkx as nx
        >>> import lsmnet as lsm
        >>> G = nx.karate_club_graph()
        >>> table = lsm.qap_regression(G, {"same": G}, permutations=19, seed=1).to_frame()
        >>> table.columns.tolist()
        ['term', 'estimate', 'std_error', 'statistic', 'p_value', 'p_greater', 'p_less']
        """
        return self.table.copy()

    def fit_statistics(self) -> pd.Series:
        """Return the fit statistics as a ``pd.Series`` of floats.

        Returns
        -------
        pandas.Series
            Index ``n_dyads, permutations, r_squared, adj_r_squared, residual_se, deviance,
            null_deviance, aic, bic``, named after the family.

        Examples
        --------
        >>> import networkx as nx
        >>> import lsmnet as lsm
        >>> G = nx.karate_club_graph()
        >>> stats = lsm.qap_regression(G, {"same": G}, permutations=19, seed=1).fit_statistics()
        >>> stats.name, int(stats["n_dyads"]), round(float(stats["r_squared"]), 6)
        ('linear', 561, 1.0)
        """
        keys = ("n_dyads", "permutations", "r_squared", "adj_r_squared", "residual_se")
        keys += ("deviance", "null_deviance", "aic", "bic")
        return pd.Series({k: getattr(self, k) for k in keys}, name=self.family, dtype=float)

    def _repr_html_(self) -> str:
        caption = (
            f"MRQAP {self.family} regression, method={self.method!r}, {self.n_dyads} dyads, "
            f"{self.permutations} permutations"
        )
        stats = self.fit_statistics().dropna().to_frame().T
        fmt = {"float_format": lambda x: f"{x:.4g}", "index": False}
        return f"<div><p>{caption}</p>{self.table.to_html(**fmt)}{stats.to_html(**fmt)}</div>"

    def __str__(self) -> str:
        return f"{self._caption()}\n{self.table.to_string(index=False)}"

    def _caption(self) -> str:
        return (
            f"MRQAP {self.family} regression (method={self.method!r}, {self.n_dyads} dyads, "
            f"{self.permutations} permutations)"
        )


def _check_predictors(predictors, func: str) -> dict:
    if not isinstance(predictors, dict) or not predictors:
        raise InvalidParameterError(
            f"The 'predictors' parameter of {func} must be a non-empty dict mapping a name to "
            f"a graph, DataFrame or array. Got {type(predictors).__name__}"
            f"{' (empty)' if isinstance(predictors, dict) else ''}."
        )
    for name in predictors:
        if not isinstance(name, str) or name in ("", "intercept", "y"):
            raise InvalidParameterError(
                f"The 'predictors' parameter of {func} must have non-empty string names other "
                f"than 'intercept' and 'y'. Got {name!r}."
            )
    return predictors


def qap_regression(
    y: nx.Graph | pd.DataFrame | np.ndarray,
    predictors: Mapping[str, nx.Graph | pd.DataFrame | np.ndarray],
    *,
    family: Literal["linear", "logistic"] = "linear",
    method: Literal["dsp", "y"] = "dsp",
    permutations: int = 1000,
    seed: np.random.Generator | int | None = None,
    directed: bool | None = None,
    weight: str | None = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> QapRegressionResult:
    r"""Multiple regression QAP (MRQAP): regress one network on others, with QAP p-values.

    The equivalent of R ``sna::netlm`` (``family="linear"``) and ``sna::netlogit``
    (``family="logistic"``) with ``nullhyp="qapspp"`` (``method="dsp"``) or ``"qapy"``
    (``method="y"``). Each dyad is an observation; because dyads sharing a node are not
    independent, p-values come from permutations of the nodes rather than from the t or z
    distribution.

    Parameters
    ----------
    y : networkx.Graph, pandas.DataFrame or numpy.ndarray
        The dependent network: a graph, a square DataFrame labelled by node or a square array.
        For ``family="logistic"`` every dyad value must be 0 or 1.
    predictors : dict
        Name -> network (graph, labelled DataFrame or array) on the same nodes, e.g. from
        :func:`dyad_same` or :func:`dyad_layer`. Labelled inputs are aligned to the node order
        of ``y`` (or of the first labelled input); arrays must already be in that order.
    family : {"linear", "logistic"}, default "linear"
        OLS (``netlm``) or logistic regression by maximum likelihood (``netlogit``).
    method : {"dsp", "y"}, default "dsp"
        ``"dsp"``: Dekker, Krackhardt and Snijders' double semi-partialling: for each term,
        the residuals of that predictor regressed on the other terms are permuted. ``"y"``:
        the dependent network is permuted (Krackhardt 1988).
    permutations : int, default 1000
        Number of node permutations (0: estimates only, p-values NaN).
    seed : None, int or numpy.random.Generator, optional
        Seed of the permutations; the same seed gives the same result, whatever ``n_jobs``.
    directed : bool or None, default None
        Use ordered dyads or one triangle. ``None``: directed if any input is a directed graph
        or an asymmetric matrix; ``False`` with an asymmetric input is refused.
    weight : str, optional
        Edge attribute used as the cell value of graph inputs; ``None`` (default) gives 1 per
        edge (ties present or absent).
    n_jobs : int or None, default None
        Threads used to evaluate the permutations (``None``: 1, ``-1``: all cores).
    progress : bool or None, default None
        Show a progress bar over chunks of permutations; ``None`` shows one only on a terminal.

    Returns
    -------
    QapRegressionResult
        ``.table`` (also ``.to_frame()``): one row per term, ``intercept`` first, with columns
        ``term, estimate, std_error, statistic, p_value, p_greater, p_less``; fit statistics
        as attributes (``n_dyads``, ``r_squared``, ``adj_r_squared``, ``residual_se`` for the
        linear family; ``deviance``, ``null_deviance``, ``aic``, ``bic`` for the logistic
        one) and together in ``.fit_statistics()``; the permutation statistics in
        ``.null_distribution``.

    Raises
    ------
    InvalidParameterError
        If ``predictors`` is not a non-empty dict with string names, an input is not a graph,
        square DataFrame or square array, the inputs do not have the same nodes, a dyad value
        is missing or infinite, the predictors are collinear (with each other or the
        intercept), ``y`` is not 0/1 for the logistic family, fewer than 3 nodes are given, or
        ``family``, ``method``, ``permutations``, ``seed``, ``directed``, ``n_jobs`` or
        ``progress`` is invalid.

    See Also
    --------
    qap_correlation : one predictor, correlation only.
    dyad_same, dyad_difference, dyad_sum, dyad_layer, dyad_comembership,
    dyad_shared_funders : build predictors from a NetworkData.

    Notes
    -----
    With :math:`D` the dyads (off-diagonal cells; the upper triangle when undirected), the
    model is fitted to :math:`y_{ij} = \beta_0 + \sum_k \beta_k x^{(k)}_{ij} + e_{ij}`,
    :math:`(i, j) \in D` (linear), or
    :math:`\operatorname{logit} P(y_{ij} = 1) = \beta_0 + \sum_k \beta_k x^{(k)}_{ij}`
    (logistic, fitted by iteratively reweighted least squares with R's ``glm.fit``
    convergence rule). The permuted statistic is :math:`t_k = \hat\beta_k / \mathrm{se}_k`
    (the z value for the logistic family), which is pivotal and so more robust than
    :math:`\hat\beta_k` itself (Dekker et al. 2007).

    ``method="y"``: for each permutation :math:`\pi` of the nodes the model is refitted to
    :math:`y_{\pi(i)\pi(j)}`; all predictors are tested at once.

    ``method="dsp"``: for each term :math:`k`, :math:`x^{(k)}` is regressed (OLS) on the other
    terms; its residual matrix :math:`e^{(k)}` is permuted and the model refitted with
    :math:`e^{(k)}_{\pi(i)\pi(j)}` in place of :math:`x^{(k)}`, so the permutation breaks only
    the link between :math:`y` and the part of :math:`x^{(k)}` not explained by the other
    predictors. This stays valid when predictors are correlated, where permuting :math:`y`
    is too liberal (Dekker, Krackhardt and Snijders 2007). The intercept is tested the same
    way, as in ``sna``.

    p-values count the observed statistic (Phipson & Smyth 2010):
    :math:`p = (1 + \#\{b : |t_b| \ge |t|\}) / (B + 1)`, and likewise one-sided; ``sna``
    reports the shares without the added 1. For the linear family,
    :math:`R^2 = 1 - \mathrm{RSS}/\mathrm{TSS}` and
    :math:`R^2_{adj} = 1 - (1 - R^2)(N - 1)/(N - K)` with :math:`N` dyads and :math:`K` terms.

    Permutations are drawn up front from one generator and evaluated in chunks, each chunk
    as a batch of matrix products (and batched IRLS for the logistic family).

    References
    ----------
    .. [1] Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression
       analysis of dyadic data. *Social Networks*, 10(4), 359–381.
       https://doi.org/10.1016/0378-8733(88)90004-4
    .. [2] Dekker, D., Krackhardt, D. and Snijders, T. A. B. (2007). Sensitivity of MRQAP
       tests to collinearity and autocorrelation conditions. *Psychometrika*, 72(4),
       563–581. https://doi.org/10.1007/s11336-007-9016-1
    .. [3] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software*, 24(6). https://doi.org/10.18637/jss.v024.i06
    .. [4] Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero.
       *Statistical Applications in Genetics and Molecular Biology*, 9(1), Article 39.

    Examples
    --------
    Do NGOs advocate together when they share a province or an issue, beyond working together
    operationally?

    >>> import lsmnet as lsm
    >>> from lsmnet import inference as inf
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> result = inf.qap_regression(
    ...     inf.dyad_layer(data, "advocacy"),
    ...     {
    ...         "operational": inf.dyad_layer(data, "operational"),
    ...         "same_province": inf.dyad_same(data, "province"),
    ...         "shares_issue": inf.dyad_same(data, "issues", method="any"),
    ...     },
    ...     family="logistic",
    ...     permutations=100,
    ...     seed=1,
    ... )
    >>> result.table["term"].tolist()
    ['intercept', 'operational', 'same_province', 'shares_issue']
    >>> bool(result.table.set_index("term").loc["operational", "estimate"] > 0)
    True
    >>> result.n_dyads
    31125
    """
    check_progress(progress, _FUNC)
    check_option(family, _FAMILIES, "family", _FUNC)
    check_option(method, _METHODS, "method", _FUNC)
    check_number(permutations, "permutations", _FUNC, low=0, integer=True)
    rng = check_seed(seed, _FUNC)
    jobs = M.check_jobs(n_jobs, _FUNC)
    predictors = _check_predictors(predictors, _FUNC)
    nodes, mats, digraph = M.align({"y": y, **predictors}, _FUNC, weight=weight)
    n = len(nodes)
    if n < 3:
        raise InvalidParameterError(f"{_FUNC} needs at least 3 nodes. Got {n}.")
    directed = M.resolve_directed(mats, directed, digraph, _FUNC)
    rows, cols = M.dyad_index(n, directed)
    M.check_finite(mats, nodes, rows, cols, _FUNC)
    names = ["intercept", *predictors]
    full = [np.ones((n, n)), *(mats[k] for k in predictors)]
    X = np.column_stack([A[rows, cols] for A in full])
    yv = mats["y"][rows, cols]
    _check_design(X, yv, names, family)

    fit = _observed_fit(X, yv, family)
    perms = M.draw_permutations(rng, permutations, n)
    k = len(names)

    if method == "y":
        Ymat = mats["y"]

        # permuting y keeps its mean: the intercept-only fit is the null model's
        mean = yv.mean()
        start = np.zeros(k)
        start[0] = np.log(mean / (1 - mean)) if 0 < mean < 1 else 0.0

        def evaluate(chunk):
            Yb = Ymat[chunk[:, rows], chunk[:, cols]]
            return _fit(X, None, Yb, family, start)

        per_chunk = max(1, M.CHUNK_CELLS // (len(rows) * (k + 1)))
        null = M.run_chunks(
            evaluate, perms, chunk=per_chunk, jobs=jobs, desc=_FUNC, progress=progress
        )
        null = null.reshape(permutations, k)
    else:
        null = np.empty((permutations, k))
        for term in range(k):
            null[:, term] = _dsp_term(term, X, yv, full, rows, cols, family, perms, jobs, progress)

    p, p_ge, p_le = M.tails(null, fit["statistic"]) if permutations else (np.full(k, np.nan),) * 3
    table = pd.DataFrame(
        {
            "term": names,
            "estimate": fit["estimate"],
            "std_error": fit["std_error"],
            "statistic": fit["statistic"],
            "p_value": p,
            "p_greater": p_ge,
            "p_less": p_le,
        }
    )
    return QapRegressionResult(
        table=table,
        family=family,
        method=method,
        permutations=permutations,
        n_dyads=len(yv),
        directed=directed,
        null_distribution=null,
        **{key: fit[key] for key in _FIT_KEYS},
    )


_FIT_KEYS = (
    "r_squared",
    "adj_r_squared",
    "residual_se",
    "deviance",
    "null_deviance",
    "aic",
    "bic",
)


def _fit(X0, E, Y, family, start=None):
    """Statistic of every term (E given: of the last term only), one row per regression.

    ``start``: coefficients to start the logistic fits from (the fit under the null), which
    reaches the same maximum in fewer iterations than R's generic start.
    """
    if family == "linear":
        beta, se = fit_linear(X0, E, Y)
    else:
        beta, se, _ = fit_logistic(X0, E, Y, start)
    with np.errstate(invalid="ignore", divide="ignore"):
        stat = beta / se
    return stat if E is None else stat[:, -1]


def _dsp_term(term, X, yv, full, rows, cols, family, perms, jobs, progress):
    """Null statistics of one term under double semi-partialling."""
    others = np.delete(X, term, axis=1)
    coef, *_ = np.linalg.lstsq(others, X[:, term], rcond=None)
    resid = np.zeros_like(full[term])
    resid[rows, cols] = X[:, term] - others @ coef
    if len(rows) < resid.size - resid.shape[0]:  # undirected: one triangle, mirrored
        resid[cols, rows] = resid[rows, cols]
    Y = yv[None, :]
    start = None
    if family == "logistic":  # the fit without the tested term; its coefficient starts at 0
        start = np.append(fit_logistic(others, None, Y)[0][0], 0.0)

    def evaluate(chunk):
        return _fit(others, resid[chunk[:, rows], chunk[:, cols]], Y, family, start)

    per_chunk = max(1, M.CHUNK_CELLS // (len(rows) * 3))
    return M.run_chunks(
        evaluate,
        perms,
        chunk=per_chunk,
        jobs=jobs,
        desc=f"{_FUNC} (term {term + 1})",
        progress=progress,
    )


def _check_design(X, yv, names, family):
    rank = np.linalg.matrix_rank(X)
    if rank < X.shape[1]:
        constant = [nm for nm, col in zip(names[1:], X[:, 1:].T, strict=True) if np.ptp(col) == 0]
        hint = (
            f"; {', '.join(repr(c) for c in constant)} is constant over the dyads"
            if constant
            else ""
        )
        raise InvalidParameterError(
            f"The 'predictors' parameter of {_FUNC} gives collinear terms (the design matrix "
            f"has rank {rank} for {X.shape[1]} terms including the intercept{hint}). Leave "
            "out a predictor that is a combination of the others."
        )
    if family == "logistic" and not np.isin(yv, (0.0, 1.0)).all():
        bad = yv[~np.isin(yv, (0.0, 1.0))][0]
        raise InvalidParameterError(
            f"The 'y' parameter of {_FUNC} with family='logistic' must have dyad values 0 or "
            f"1. Got {float(bad)!r}; pass weight=None for graphs, or (A > 0).astype(float)."
        )


def _observed_fit(X, yv, family) -> dict:
    nan = float("nan")
    N, k = X.shape
    out = dict.fromkeys(_FIT_KEYS, nan)
    if family == "linear":
        beta, *_ = np.linalg.lstsq(X, yv, rcond=None)
        resid = yv - X @ beta
        rss = float(resid @ resid)
        tss = float(((yv - yv.mean()) ** 2).sum())
        sigma2 = rss / (N - k)
        se = np.sqrt(np.diag(np.linalg.inv(X.T @ X)) * sigma2)
        r2 = 1 - rss / tss if tss > 0 else nan
        out |= {
            "r_squared": r2,
            "adj_r_squared": 1 - (1 - r2) * (N - 1) / (N - k),
            "residual_se": float(np.sqrt(sigma2)),
        }
    else:
        beta, se, dev = (v[0] for v in fit_logistic(X, None, yv[None, :]))
        dev = float(dev)
        null_dev = float(deviance(yv, np.full_like(yv, yv.mean())))
        out |= {
            "deviance": dev,
            "null_deviance": null_dev,
            "aic": dev + 2 * k,
            "bic": dev + k * np.log(N),
        }
    with np.errstate(invalid="ignore", divide="ignore"):
        out |= {"estimate": beta, "std_error": se, "statistic": beta / se}
    return out
