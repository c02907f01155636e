"""Batched least-squares and logistic fits: many regressions that share most columns.

MRQAP refits the same model once per permutation. Each batch here is a set of regressions
on ``[X0, E_b]``: a design ``X0`` shared by all and, optionally, one last column ``E_b`` that
differs per regression (the permuted residuals of double semi-partialling), with a dependent
that is shared or differs per regression (the permuted ``y``). The normal equations of the
whole batch come from a few matrix products, without building one design per regression.
"""

from __future__ import annotations

import numpy as np

__all__ = ["deviance", "fit_linear", "fit_logistic"]

# glm.fit's defaults (R stats): convergence when |dev - dev_old| / (|dev| + 0.1) < 1e-8.
_EPSILON = 1e-8
_MAXIT = 25
_THRESH = 30.0  # R's binomial link: |eta| beyond this is treated as 0 or 1


def deviance(Y: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """Binomial deviance of 0/1 outcomes, summed over the last axis."""
    return -2.0 * np.log(np.where(Y > 0, mu, 1 - mu)).sum(axis=-1)


def normal_equations(
    X0: np.ndarray, E: np.ndarray | None, W: np.ndarray, Z: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Normal equations of the weighted regressions of each row of ``Z`` on ``[X0, E_b]``.

    ``X0`` (m, k0) is shared; ``E`` (B, m) is a last column that differs per regression (or
    None); ``W`` and ``Z`` are (B, m). Returns ``X'WX`` (B, k, k) and ``X'Wz`` (B, k).
    """
    m, k0 = X0.shape
    cross = (X0[:, :, None] * X0[:, None, :]).reshape(m, k0 * k0)
    xwx0 = (W @ cross).reshape(-1, k0, k0)
    xwz0 = (W * Z) @ X0
    if E is None:
        return xwx0, xwz0
    B = W.shape[0]
    k = k0 + 1
    xwx = np.empty((B, k, k))
    xwx[:, :k0, :k0] = xwx0
    xwx[:, :k0, k0] = xwx[:, k0, :k0] = (W * E) @ X0
    xwx[:, k0, k0] = (W * E * E).sum(axis=1)
    xwz = np.column_stack([xwz0, (W * E * Z).sum(axis=1)])
    return xwx, xwz


def linear_predictor(X0: np.ndarray, E: np.ndarray | None, beta: np.ndarray) -> np.ndarray:
    """``[X0, E_b] @ beta_b`` for every regression ``b`` (rows of ``beta``)."""
    eta = beta[:, : X0.shape[1]] @ X0.T
    return eta if E is None else eta + beta[:, -1:] * E


def broadcast_rows(Y: np.ndarray, E: np.ndarray | None) -> np.ndarray:
    """One row of ``Y`` per regression (a shared dependent repeated for each ``E`` row)."""
    if E is None or Y.shape[0] == E.shape[0]:
        return Y
    return np.broadcast_to(Y, E.shape)


def fit_linear(
    X0: np.ndarray, E: np.ndarray | None, Y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients and standard errors of the OLS fits of each row of ``Y`` on ``[X0, E_b]``."""
    Y = broadcast_rows(Y, E)
    xwx, xwz = normal_equations(X0, E, np.ones_like(Y), Y)
    inv = np.linalg.inv(xwx)
    beta = np.einsum("bkl,bl->bk", inv, xwz)
    resid = Y - linear_predictor(X0, E, beta)
    df = Y.shape[1] - xwx.shape[1]
    rss = (resid * resid).sum(axis=1)
    return beta, np.sqrt(np.diagonal(inv, axis1=1, axis2=2) * (rss / df)[:, None])


def inverse_logit(eta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``mu`` and ``dmu/deta`` as R's ``binomial()$linkinv`` and ``$mu.eta``: beyond
    ``|eta| > 30`` both are clamped at machine epsilon, so separated fits stay finite."""
    ex = np.exp(np.clip(eta, -_THRESH, _THRESH))
    mu = ex / (1 + ex)
    mu_eta = mu / (1 + ex)
    far = np.abs(eta) > _THRESH
    if far.any():
        eps = np.finfo(float).eps
        np.putmask(mu, far, np.where(eta > 0, 1 / (1 + eps), eps / (1 + eps)))
        np.putmask(mu_eta, far, eps)
    return mu, mu_eta


def fit_logistic(
    X0: np.ndarray, E: np.ndarray | None, Y: np.ndarray, start: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients, standard errors and deviances of logistic fits by IRLS, as R's ``glm.fit``.

    Every fit starts from ``mu = (y + 0.5) / 2`` (or from the coefficients ``start``) and
    stops, on its own, when the relative change of deviance is below 1e-8 or after 25
    iterations; standard errors come from the weights of the last iteration, as in R.
    """
    Y = broadcast_rows(Y, E)
    B = Y.shape[0]
    if start is None:
        first = (Y + 0.5) / 2
        eta = np.log(first / (1 - first))
    else:
        eta = np.array(
            linear_predictor(X0, E, np.broadcast_to(start, (B, len(start)))), dtype=float
        )
        eta = np.broadcast_to(eta, Y.shape).copy()
    mu, mu_eta = inverse_logit(eta)
    dev = deviance(Y, mu)
    k = X0.shape[1] + (E is not None)
    beta = np.zeros((B, k))
    xwx = np.zeros((B, k, k))
    active = np.ones(B, dtype=bool)
    for _ in range(_MAXIT):
        a = np.flatnonzero(active)
        Ea = None if E is None else E[a]
        z = eta[a] + (Y[a] - mu[a]) / mu_eta[a]
        w = mu_eta[a] ** 2 / (mu[a] * (1 - mu[a]))
        xwx_a, xwz_a = normal_equations(X0, Ea, w, z)
        beta[a] = np.linalg.solve(xwx_a, xwz_a[:, :, None])[:, :, 0]
        xwx[a] = xwx_a
        eta[a] = linear_predictor(X0, Ea, beta[a])
        mu[a], mu_eta[a] = inverse_logit(eta[a])
        new = deviance(Y[a], mu[a])
        done = np.abs(new - dev[a]) / (np.abs(new) + 0.1) < _EPSILON
        dev[a] = new
        active[a[done]] = False
        if not active.any():
            break
    return beta, np.sqrt(np.diagonal(np.linalg.inv(xwx), axis1=1, axis2=2)), dev
