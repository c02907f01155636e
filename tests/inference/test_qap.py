"""Tests of QAP correlation and MRQAP beyond the R references.

References: numpy.corrcoef and numpy.linalg.lstsq on the dyads, and a one-permutation-at-a-time
loop (each permuted matrix built with ``A[p][:, p]`` and refitted with lstsq, or, for the
logistic family, with a plain Newton-Raphson written here) that must reproduce the
batched null distributions exactly, with the permutations drawn as the functions draw them.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.inference import (
    QapCorrelationResult,
    QapRegressionResult,
    dyad_layer,
    dyad_same,
    qap_correlation,
    qap_regression,
)


def _network(n=15, seed=0, directed=True):
    rng = np.random.default_rng(seed)
    x1 = (rng.random((n, n)) < 0.3).astype(float)
    x2 = rng.normal(size=(n, n))
    if not directed:
        x1, x2 = np.triu(x1, 1) + np.triu(x1, 1).T, np.triu(x2, 1) + np.triu(x2, 1).T
    eta = -1 + 1.2 * x1 + 0.5 * x2
    y = (rng.random((n, n)) < 1 / (1 + np.exp(-eta))).astype(float)
    if not directed:
        y = np.triu(y, 1) + np.triu(y, 1).T
    for A in (x1, x2, y):
        np.fill_diagonal(A, 0)
    return y, {"x1": x1, "x2": x2}


def _cells(A, directed=True):
    return A[~np.eye(len(A), dtype=bool)] if directed else A[np.triu_indices(len(A), 1)]


def _perms(seed, count, n):
    rng = np.random.default_rng(seed)
    return rng.permuted(np.tile(np.arange(n), (count, 1)), axis=1)


def _t_values(X, y):
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    sigma2 = resid @ resid / (len(y) - X.shape[1])
    return beta / np.sqrt(np.diag(np.linalg.inv(X.T @ X)) * sigma2)


def _newton_z(X, y, steps=50):
    beta = np.zeros(X.shape[1])
    for _ in range(steps):
        mu = 1 / (1 + np.exp(-X @ beta))
        H = (X * (mu * (1 - mu))[:, None]).T @ X
        beta = beta + np.linalg.solve(H, X.T @ (y - mu))
    mu = 1 / (1 + np.exp(-X @ beta))
    H = (X * (mu * (1 - mu))[:, None]).T @ X
    return beta, beta / np.sqrt(np.diag(np.linalg.inv(H)))


# --- QAP correlation ---------------------------------------------------------------------------


@pytest.mark.parametrize("directed", [True, False])
def test_correlation_matches_corrcoef_and_a_loop(directed):
    y, xs = _network(directed=directed)
    result = qap_correlation(xs["x1"], y, permutations=50, seed=3, directed=directed)
    assert isinstance(result, QapCorrelationResult)
    assert result.observed == pytest.approx(
        np.corrcoef(_cells(xs["x1"], directed), _cells(y, directed))[0, 1], abs=1e-12
    )
    loop = [
        np.corrcoef(_cells(xs["x1"][p][:, p], directed), _cells(y, directed))[0, 1]
        for p in _perms(3, 50, len(y))
    ]
    np.testing.assert_allclose(result.null_values, loop, atol=1e-12)
    p = (1 + np.sum(np.abs(loop) >= abs(result.observed) - 1e-9)) / 51
    assert result.p_value == pytest.approx(p)


def test_correlation_is_seeded_and_independent_of_n_jobs():
    y, xs = _network(n=30)
    a = qap_correlation(xs["x1"], y, permutations=300, seed=5)
    b = qap_correlation(xs["x1"], y, permutations=300, seed=5, n_jobs=3)
    c = qap_correlation(xs["x1"], y, permutations=300, seed=np.random.default_rng(5), n_jobs=-1)
    for other in (b, c):
        np.testing.assert_array_equal(a.null_values, other.null_values)
        assert a == other


def test_correlation_aligns_labelled_inputs():
    G = nx.gnp_random_graph(12, 0.3, seed=2)
    H = nx.relabel_nodes(nx.gnp_random_graph(12, 0.3, seed=3), {i: 11 - i for i in range(12)})
    first = qap_correlation(G, H, permutations=0)
    order = list(G)
    frame = pd.DataFrame(nx.to_numpy_array(H, nodelist=order), index=order, columns=order)
    shuffled = frame.iloc[::-1, ::-1]
    assert qap_correlation(G, shuffled, permutations=0).observed == pytest.approx(first.observed)
    assert np.isnan(first.p_value) and first.permutations == 0
    assert first.to_series().index.tolist()[:3] == ["observed", "null_mean", "null_sd"]
    assert "QAP correlation" in str(first) and "<table" in first._repr_html_()
    # to_frame is to_series as one row (reference: the series itself)
    row = first.to_frame()
    assert row.shape == (1, 8) and row.index.tolist() == ["qap_correlation"]
    pd.testing.assert_series_equal(row.iloc[0], first.to_series())


def test_correlation_infers_direction():
    G = nx.gnp_random_graph(10, 0.3, seed=1, directed=True)
    assert qap_correlation(G, G, permutations=0).directed
    U = nx.to_undirected(G)
    assert not qap_correlation(U, U, permutations=0).directed
    assert qap_correlation(U, U, permutations=0, directed=True).n_dyads == 90


def test_constant_matrix_gives_nan():
    y, _ = _network()
    result = qap_correlation(np.ones_like(y), y, permutations=10, seed=1)
    assert np.isnan(result.observed) and np.isnan(result.p_value)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"permutations": -1}, "'permutations' parameter of qap_correlation"),
        ({"seed": "one"}, "'seed' parameter of qap_correlation"),
        ({"n_jobs": 0}, "'n_jobs' parameter of qap_correlation"),
        ({"directed": "yes"}, "'directed' parameter of qap_correlation"),
        ({"progress": "yes"}, "'progress' parameter of qap_correlation"),
        ({"directed": False}, "not symmetric"),
    ],
)
def test_correlation_parameter_errors(kwargs, match):
    y, xs = _network()
    with pytest.raises(InvalidParameterError, match=match):
        qap_correlation(xs["x1"], y, **kwargs)


def test_correlation_input_errors():
    y, xs = _network()
    with pytest.raises(
        InvalidParameterError, match="'y' parameter of qap_correlation has 15 rows"
    ):
        qap_correlation(xs["x1"][1:, 1:], y)
    with pytest.raises(InvalidParameterError, match="at least 3 nodes"):
        qap_correlation(np.zeros((2, 2)), np.zeros((2, 2)))
    bad = xs["x1"].copy()
    bad[0, 1] = np.nan
    with pytest.raises(InvalidParameterError, match="missing or infinite"):
        qap_correlation(bad, y)
    with pytest.raises(InvalidParameterError, match="has nodes the other inputs lack: 4"):
        qap_correlation(nx.path_graph(4), nx.path_graph(5))
    with pytest.raises(InvalidParameterError, match="multigraph"):
        qap_correlation(nx.MultiGraph(nx.path_graph(4)), nx.path_graph(4))


# --- MRQAP -------------------------------------------------------------------------------------


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("method", ["y", "dsp"])
def test_linear_null_distribution_matches_a_loop(method, directed):
    y, xs = _network(directed=directed)
    result = qap_regression(y, xs, method=method, permutations=20, seed=9, directed=directed)
    n = len(y)
    full = [np.ones((n, n)), xs["x1"], xs["x2"]]
    X = np.column_stack([_cells(A, directed) for A in full])
    yv = _cells(y, directed)
    np.testing.assert_allclose(result.table["statistic"], _t_values(X, yv), atol=1e-10)
    expected = np.empty((20, 3))
    for b, p in enumerate(_perms(9, 20, n)):
        if method == "y":
            expected[b] = _t_values(X, _cells(y[p][:, p], directed))
            continue
        for k in range(3):
            others = np.delete(X, k, axis=1)
            coef, *_ = np.linalg.lstsq(others, X[:, k], rcond=None)
            E = np.zeros((n, n))
            mask = ~np.eye(n, dtype=bool) if directed else np.triu(np.ones((n, n), bool), 1)
            E[mask] = X[:, k] - others @ coef
            if not directed:
                E = E + E.T
            design = np.column_stack([others, _cells(E[p][:, p], directed)])
            expected[b, k] = _t_values(design, yv)[-1]
    np.testing.assert_allclose(result.null_distribution, expected, atol=1e-8)


@pytest.mark.parametrize("method", ["y", "dsp"])
def test_logistic_matches_newton_raphson(method):
    y, xs = _network(n=12, seed=4)
    result = qap_regression(y, xs, family="logistic", method=method, permutations=10, seed=2)
    n = len(y)
    X = np.column_stack([_cells(A) for A in (np.ones((n, n)), xs["x1"], xs["x2"])])
    beta, z = _newton_z(X, _cells(y))
    np.testing.assert_allclose(result.table["estimate"], beta, atol=1e-6)
    np.testing.assert_allclose(result.table["statistic"], z, atol=1e-5)
    p = _perms(2, 10, n)[0]
    if method == "y":
        np.testing.assert_allclose(
            result.null_distribution[0], _newton_z(X, _cells(y[p][:, p]))[1], atol=1e-5
        )


def test_regression_is_seeded_and_independent_of_n_jobs():
    y, xs = _network(n=20)
    for family in ("linear", "logistic"):
        runs = [
            qap_regression(y, xs, family=family, permutations=60, seed=4, n_jobs=jobs)
            for jobs in (None, 1, 2, -1)
        ]
        for other in runs[1:]:
            pd.testing.assert_frame_equal(runs[0].table, other.table)
            np.testing.assert_array_equal(runs[0].null_distribution, other.null_distribution)


def test_result_object():
    y, xs = _network()
    result = qap_regression(y, xs, permutations=0)
    assert isinstance(result, QapRegressionResult)
    assert result.to_frame().columns.tolist() == [
        "term",
        "estimate",
        "std_error",
        "statistic",
        "p_value",
        "p_greater",
        "p_less",
    ]
    assert result.table["p_value"].isna().all()
    frame = result.to_frame()
    frame.loc[0, "estimate"] = 99.0
    assert result.table.loc[0, "estimate"] != 99.0
    stats = result.fit_statistics()
    assert stats["n_dyads"] == 210 and np.isnan(stats["deviance"])
    assert "<table" in result._repr_html_() and "MRQAP linear" in str(result)
    assert result.null_distribution.shape == (0, 3)
    logistic = qap_regression(y, xs, family="logistic", permutations=0)
    assert np.isnan(logistic.r_squared) and logistic.deviance < logistic.null_deviance


def test_regression_on_bundled_data_matches_lstsq():
    data = lsm.datasets.load_dataset("indonesia_demo")
    y = dyad_layer(data, "advocacy")
    predictors = {
        "operational": dyad_layer(data, "operational"),
        "same_province": dyad_same(data, "province"),
    }
    result = qap_regression(y, predictors, permutations=0)
    X = np.column_stack(
        [np.ones(31125)] + [_cells(m.to_numpy(), False) for m in predictors.values()]
    )
    beta, *_ = np.linalg.lstsq(X, _cells(y.to_numpy(), False), rcond=None)
    np.testing.assert_allclose(result.table["estimate"], beta, atol=1e-12)
    reordered = y.iloc[::-1, ::-1]
    again = qap_regression(reordered, predictors, permutations=0)
    np.testing.assert_allclose(again.table["estimate"], beta, atol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"family": "poisson"}, "'family' parameter of qap_regression"),
        ({"method": "x"}, "'method' parameter of qap_regression"),
        ({"permutations": 1.5}, "'permutations' parameter of qap_regression"),
        ({"n_jobs": -2}, "'n_jobs' parameter of qap_regression"),
        ({"predictors": {}}, "non-empty dict"),
        ({"predictors": [1]}, "non-empty dict"),
        ({"predictors": {"intercept": np.eye(15)}}, "other than 'intercept'"),
    ],
)
def test_regression_parameter_errors(kwargs, match):
    y, xs = _network()
    args = {"predictors": xs} | kwargs
    with pytest.raises(InvalidParameterError, match=match):
        qap_regression(y, **args)


def test_regression_data_errors():
    y, xs = _network()
    with pytest.raises(InvalidParameterError, match=r"collinear.*'flat' is constant"):
        qap_regression(y, {"x1": xs["x1"], "flat": np.ones_like(y)})
    with pytest.raises(InvalidParameterError, match="collinear"):
        qap_regression(y, {"x1": xs["x1"], "copy": 2 * xs["x1"]})
    with pytest.raises(InvalidParameterError, match=r"dyad values 0 or 1\. Got 2\.0"):
        qap_regression(2 * y, xs, family="logistic")
    with pytest.raises(InvalidParameterError, match="predictor 'x2' of qap_regression"):
        qap_regression(y, {"x1": xs["x1"], "x2": "matrix"})
    with pytest.raises(InvalidParameterError, match="'y' parameter is not symmetric"):
        qap_regression(y, xs, directed=False)
