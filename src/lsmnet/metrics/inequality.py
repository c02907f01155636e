"""Inequality and concentration of a set of non-negative amounts.

Used on funding flows, degrees, memberships or any other quantity spread over organisations:
the Gini coefficient, the Herfindahl–Hirschman index, the Lorenz curve and the share held by
the largest holders.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lsmnet._validation import check_number
from lsmnet.exceptions import InvalidParameterError

__all__ = ["gini", "hhi", "lorenz_curve", "top_share"]


def _check_values(values, func: str) -> np.ndarray:
    """Return ``values`` as a 1-D float array; reject NaN, infinities and negatives."""
    if isinstance(values, pd.DataFrame):
        raise InvalidParameterError(
            f"The 'values' parameter of {func} must be one-dimensional (a Series, array or "
            f"list). Got a DataFrame with {values.shape[1]} column(s); pass one column."
        )
    if isinstance(values, str | bytes | dict) or np.isscalar(values):
        raise InvalidParameterError(
            f"The 'values' parameter of {func} must be a Series, array or list of numbers. "
            f"Got {type(values).__name__}."
        )
    raw = values.to_numpy() if isinstance(values, pd.Series) else values
    try:
        arr = np.asarray(raw, dtype=float)
    except (TypeError, ValueError) as err:
        raise InvalidParameterError(
            f"The 'values' parameter of {func} must contain only numbers. {err}."
        ) from err
    if arr.ndim != 1:
        raise InvalidParameterError(
            f"The 'values' parameter of {func} must be one-dimensional. "
            f"Got an array of shape {arr.shape}."
        )
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        raise InvalidParameterError(
            f"The 'values' parameter of {func} must contain finite numbers only. "
            f"Position {bad[0]} is {float(arr[bad[0]])!r}; drop or fill missing values first."
        )
    neg = np.flatnonzero(arr < 0)
    if neg.size:
        raise InvalidParameterError(
            f"The 'values' parameter of {func} must be non-negative. "
            f"Position {neg[0]} is {float(arr[neg[0]])!r}."
        )
    return arr


def gini(values: pd.Series | np.ndarray | Sequence[float]) -> float:
    """Gini coefficient of non-negative amounts.

    Parameters
    ----------
    values : pandas.Series, numpy.ndarray or list of float
        Non-negative, finite amounts (one per unit, e.g. funding received per organisation).

    Returns
    -------
    float
        Between 0 (everyone holds the same) and ``(n - 1) / n`` (one unit holds everything).
        NaN when ``values`` is empty or sums to zero (the share of each unit is undefined).

    Raises
    ------
    InvalidParameterError
        If ``values`` is not one-dimensional or contains NaN, infinite or negative numbers.

    See Also
    --------
    lorenz_curve, hhi, top_share

    Notes
    -----
    The population Gini coefficient (no small-sample correction), half the relative mean
    absolute difference:

    .. math::

        G = \\frac{\\sum_{i=1}^{n} \\sum_{j=1}^{n} |x_i - x_j|}{2 n^2 \\bar{x}}
          = \\frac{2 \\sum_{i=1}^{n} i\\, x_{(i)}}{n \\sum_i x_i} - \\frac{n + 1}{n},

    where :math:`x_{(i)}` are the values sorted in ascending order. It equals twice the area
    between the Lorenz curve and the line of equality. Same value as R ``ineq::Gini`` and
    ``DescTools::Gini(unbiased=FALSE)``.

    References
    ----------
    .. [1] Gini, C. (1912). *Variabilità e mutabilità*. Bologna: Tipografia di Paolo Cuppini.
    .. [2] Lorenz, M. O. (1905). Methods of measuring the concentration of wealth.
       *Publications of the American Statistical Association*, 9(70), 209–219.

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet
    >>> round(lsmnet.gini([1, 1, 1]), 3)
    0.0
    >>> degrees = [d for _, d in nx.karate_club_graph().degree()]
    >>> round(lsmnet.gini(degrees), 3)
    0.385
    """
    x = _check_values(values, "gini")
    n = x.size
    total = x.sum()
    if n == 0 or total == 0:
        return float("nan")
    x = np.sort(x)
    ranks = np.arange(1, n + 1)
    return float(2.0 * np.dot(ranks, x) / (n * total) - (n + 1) / n)


def hhi(values: pd.Series | np.ndarray | Sequence[float], *, normalized: bool = False) -> float:
    """Herfindahl–Hirschman index of concentration.

    Parameters
    ----------
    values : pandas.Series, numpy.ndarray or list of float
        Non-negative, finite amounts (e.g. funding by donor); turned into shares of the total.
    normalized : bool, default False
        If True, rescale to [0, 1] so that equal shares give 0 whatever the number of units.

    Returns
    -------
    float
        Sum of squared shares, between ``1 / n`` (equal shares) and 1 (one unit holds
        everything); multiply by 10,000 for the percent-squared scale of antitrust guidelines.
        With ``normalized=True``, between 0 and 1. NaN when ``values`` is empty or sums to zero,
        and, with ``normalized=True``, when there is a single unit (``1 - 1/n`` is zero).

    Raises
    ------
    InvalidParameterError
        If ``values`` is not one-dimensional or contains NaN, infinite or negative numbers.

    See Also
    --------
    gini, top_share

    Notes
    -----
    With shares :math:`s_i = x_i / \\sum_j x_j`:

    .. math::

        H = \\sum_{i=1}^{n} s_i^2, \\qquad
        H^{*} = \\frac{H - 1/n}{1 - 1/n}.

    :math:`1/H` is the "numbers-equivalent": the number of equal-sized units that would give the
    same concentration. The U.S. Department of Justice and Federal Trade Commission (2010)
    call a market with :math:`10\\,000\\,H` above 2,500 highly concentrated and between 1,500
    and 2,500 moderately concentrated (the 2023 guidelines use 1,800 as the "highly
    concentrated" threshold).

    References
    ----------
    .. [1] Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*.
       Berkeley: University of California Press.
    .. [2] Herfindahl, O. C. (1950). *Concentration in the Steel Industry* (PhD thesis).
       Columbia University.
    .. [3] U.S. Department of Justice and Federal Trade Commission (2010). *Horizontal Merger
       Guidelines*, section 5.3.

    Examples
    --------
    Four donors with 30 %, 30 %, 20 % and 20 % of the funding (the DOJ's own example):

    >>> import lsmnet
    >>> round(lsmnet.hhi([30, 30, 20, 20]) * 10_000)
    2600
    >>> round(lsmnet.hhi([30, 30, 20, 20], normalized=True), 4)
    0.0133
    """
    x = _check_values(values, "hhi")
    n = x.size
    total = x.sum()
    if n == 0 or total == 0:
        return float("nan")
    shares = x / total
    h = float(np.dot(shares, shares))
    if not normalized:
        return h
    if n == 1:
        return float("nan")
    return (h - 1.0 / n) / (1.0 - 1.0 / n)


def lorenz_curve(values: pd.Series | np.ndarray | Sequence[float]) -> pd.DataFrame:
    """Points of the Lorenz curve, from (0, 0) to (1, 1).

    Parameters
    ----------
    values : pandas.Series, numpy.ndarray or list of float
        Non-negative, finite amounts.

    Returns
    -------
    pandas.DataFrame
        ``n + 1`` rows with a RangeIndex, in ascending order of the values:

        - ``population_share`` (float): ``i / n``, the share of units counted so far (the
          poorest ``i`` units);
        - ``value_share`` (float): the share of the total those units hold.

        The first row is always (0, 0). When ``values`` is empty the frame has only that row;
        when the values sum to zero the value shares after the first row are NaN (undefined).

    Raises
    ------
    InvalidParameterError
        If ``values`` is not one-dimensional or contains NaN, infinite or negative numbers.

    See Also
    --------
    gini

    Notes
    -----
    With values sorted ascending, :math:`x_{(1)} \\le \\dots \\le x_{(n)}`:

    .. math::

        L\\left(\\frac{i}{n}\\right) = \\frac{\\sum_{j \\le i} x_{(j)}}{\\sum_{j=1}^{n} x_j},
        \\qquad i = 0, \\dots, n.

    The Gini coefficient is :math:`1 - 2 \\int_0^1 L(p)\\,dp`, the integral taken with the
    trapezoidal rule over these points.

    References
    ----------
    .. [1] Lorenz, M. O. (1905). Methods of measuring the concentration of wealth.
       *Publications of the American Statistical Association*, 9(70), 209–219.

    Examples
    --------
    >>> import lsmnet
    >>> lsmnet.lorenz_curve([1, 3])
       population_share  value_share
    0               0.0         0.00
    1               0.5         0.25
    2               1.0         1.00
    """
    x = np.sort(_check_values(values, "lorenz_curve"))
    n = x.size
    population = np.arange(n + 1) / n if n else np.zeros(1)
    cumulative = np.concatenate([[0.0], np.cumsum(x)])
    total = cumulative[-1]
    if total > 0:
        share = cumulative / total
    else:
        share = np.full(n + 1, np.nan)
        share[0] = 0.0
    return pd.DataFrame({"population_share": population, "value_share": share})


def top_share(values: pd.Series | np.ndarray | Sequence[float], k: int) -> float:
    """Share of the total held by the ``k`` largest values.

    Parameters
    ----------
    values : pandas.Series, numpy.ndarray or list of float
        Non-negative, finite amounts.
    k : int
        Number of largest holders, at least 1. When ``k`` is at least the number of values the
        share is 1 (everything is held by the top ``k``).

    Returns
    -------
    float
        Between ``min(k, n) / n`` and 1. NaN when ``values`` is empty or sums to zero.

    Raises
    ------
    InvalidParameterError
        If ``k`` is not a positive integer, or ``values`` is not one-dimensional or contains
        NaN, infinite or negative numbers.

    See Also
    --------
    hhi, lorenz_curve

    Notes
    -----
    With values sorted descending, :math:`x_{[1]} \\ge \\dots \\ge x_{[n]}`:

    .. math::

        T_k = \\frac{\\sum_{j=1}^{\\min(k, n)} x_{[j]}}{\\sum_{j=1}^{n} x_j}
            = 1 - L\\left(\\frac{n - k}{n}\\right),

    the k-firm concentration ratio :math:`CR_k` of industrial economics, where :math:`L` is the
    Lorenz curve.

    References
    ----------
    .. [1] Hall, M. and Tideman, N. (1967). Measures of concentration. *Journal of the
       American Statistical Association*, 62(317), 162–168.

    Examples
    --------
    >>> import lsmnet
    >>> lsmnet.top_share([50, 30, 10, 10], 2)
    0.8
    """
    check_number(k, "k", "top_share", low=1, integer=True)
    x = _check_values(values, "top_share")
    total = x.sum()
    if x.size == 0 or total == 0:
        return float("nan")
    kk = min(int(k), x.size)
    if kk == x.size:
        return 1.0
    largest = np.partition(x, x.size - kk)[x.size - kk :]
    return float(largest.sum() / total)
