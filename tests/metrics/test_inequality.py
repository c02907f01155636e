"""Tests of lsmnet.metrics.inequality.

References: brute-force formulas written here (mean absolute difference for Gini, squared
shares for HHI, sorting for the Lorenz curve and top shares), closed forms (Gini of
[0, ..., 0, 1] is (n - 1)/n; of 1..n is (n - 1)/(3n)) and the U.S. DOJ/FTC Horizontal Merger
Guidelines example (shares 30/30/20/20 give HHI 2,600).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics.inequality import gini, hhi, lorenz_curve, top_share


def brute_gini(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    diffs = sum(abs(a - b) for a, b in itertools.product(x, x))
    return diffs / (2 * n * n * x.mean())


def brute_lorenz_area_gini(x):
    curve = lorenz_curve(x)
    p, v = curve["population_share"].to_numpy(), curve["value_share"].to_numpy()
    area = np.sum((p[1:] - p[:-1]) * (v[1:] + v[:-1]) / 2)
    return 1 - 2 * area


SAMPLES = [
    [1, 2, 3, 4, 5],
    [0, 0, 0, 7],
    [3.5, 0.25, 10, 10, 2],
    list(np.random.default_rng(1).exponential(size=40)),
]


@pytest.mark.parametrize("x", SAMPLES)
def test_gini_matches_mean_absolute_difference(x):
    assert gini(x) == pytest.approx(brute_gini(x), abs=1e-12)


@pytest.mark.parametrize("x", SAMPLES)
def test_gini_is_twice_the_area_between_lorenz_and_equality(x):
    assert gini(x) == pytest.approx(brute_lorenz_area_gini(x), abs=1e-12)


def test_gini_published_closed_forms():
    assert gini([1, 1, 1]) == 0.0
    for n in (2, 5, 10):
        assert gini([0] * (n - 1) + [1]) == pytest.approx((n - 1) / n)
        assert gini(list(range(1, n + 1))) == pytest.approx((n - 1) / (3 * n))


def test_gini_scale_and_order_invariant():
    x = [4.0, 1.0, 9.0, 0.0]
    assert gini(x) == pytest.approx(gini([v * 1000 for v in x]))
    assert gini(x) == pytest.approx(gini(x[::-1]))


@pytest.mark.parametrize("func", [gini, hhi])
def test_empty_and_all_zero_are_nan(func):
    assert np.isnan(func([]))
    assert np.isnan(func([0, 0, 0]))


def test_hhi_doj_example_and_thresholds():
    # DOJ/FTC (2010) Horizontal Merger Guidelines: shares 30, 30, 20, 20 -> HHI 2,600.
    assert hhi([30, 30, 20, 20]) * 10_000 == pytest.approx(2600)
    # a monopoly is 10,000; ten equal firms 1,000 (unconcentrated, below 1,500)
    assert hhi([5]) * 10_000 == pytest.approx(10_000)
    assert hhi([1] * 10) * 10_000 == pytest.approx(1000)


@pytest.mark.parametrize("x", SAMPLES)
def test_hhi_matches_squared_shares(x):
    shares = [v / sum(x) for v in x]
    h = sum(s * s for s in shares)
    assert hhi(x) == pytest.approx(h, abs=1e-12)
    n = len(x)
    assert hhi(x, normalized=True) == pytest.approx((h - 1 / n) / (1 - 1 / n), abs=1e-12)


def test_hhi_normalized_bounds():
    assert hhi([2, 2, 2, 2], normalized=True) == pytest.approx(0.0, abs=1e-15)
    assert hhi([0, 0, 0, 9], normalized=True) == pytest.approx(1.0)
    assert np.isnan(hhi([3], normalized=True))


def test_lorenz_curve_brute_force():
    x = [5, 1, 0, 4]
    curve = lorenz_curve(x)
    assert list(curve.columns) == ["population_share", "value_share"]
    expected_v = [0, 0, 1 / 10, 5 / 10, 1]
    np.testing.assert_allclose(curve["population_share"], [0, 0.25, 0.5, 0.75, 1])
    np.testing.assert_allclose(curve["value_share"], expected_v)


def test_lorenz_curve_empty_and_zero():
    empty = lorenz_curve([])
    assert empty.shape == (1, 2)
    assert empty.iloc[0].tolist() == [0.0, 0.0]
    zeros = lorenz_curve([0, 0])
    assert zeros["value_share"].iloc[0] == 0.0
    assert zeros["value_share"].iloc[1:].isna().all()


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 9])
def test_top_share_brute_force(k):
    x = [3.0, 9.0, 1.0, 7.0, 0.5]
    expected = sum(sorted(x, reverse=True)[:k]) / sum(x)
    assert top_share(x, k) == pytest.approx(expected)


def test_top_share_relation_to_lorenz():
    x = [2.0, 8.0, 5.0, 1.0, 4.0]
    curve = lorenz_curve(x)
    for k in range(1, 5):
        assert top_share(x, k) == pytest.approx(1 - curve["value_share"].iloc[5 - k])


def test_top_share_empty_and_zero():
    assert np.isnan(top_share([], 1))
    assert np.isnan(top_share([0, 0], 1))


def test_accepts_series_array_list_equally_and_does_not_mutate():
    data = [4.0, 1.0, 3.0]
    series = pd.Series(data, index=["a", "b", "c"])
    arr = np.array(data)
    for func in (gini, hhi, lambda v: top_share(v, 2)):
        assert func(series) == func(arr) == func(data)
    lorenz_curve(arr)
    assert arr.tolist() == data
    assert series.tolist() == data


@pytest.mark.parametrize("func", [gini, hhi, lorenz_curve, lambda v: top_share(v, 1)])
@pytest.mark.parametrize(
    ("bad", "match"),
    [
        ([1.0, -2.0], "must be non-negative. Position 1 is -2.0"),
        ([1.0, np.nan], "finite numbers only. Position 1 is nan"),
        ([1.0, np.inf], "finite numbers only"),
        (pd.Series([1.0, None]), "finite numbers only"),
        ([[1, 2], [3, 4]], "one-dimensional"),
        (["a", "b"], "only numbers"),
        ("abc", "Series, array or list"),
        (5, "Series, array or list"),
        (pd.DataFrame({"a": [1], "b": [2]}), "Got a DataFrame"),
    ],
)
def test_invalid_values(func, bad, match):
    with pytest.raises(InvalidParameterError, match=match):
        func(bad)


@pytest.mark.parametrize("k", [0, -1, 1.5, True, "2"])
def test_top_share_invalid_k(k):
    with pytest.raises(InvalidParameterError, match="'k' parameter of top_share"):
        top_share([1, 2], k)
