"""The G(n, m) reference settles a coalition inside the random graphs' range early
(``NullDraws.below_for_sure``) and must give exactly the decision of the complete reference.

Reference: the complete reference itself (every graph drawn, :func:`numpy.quantile`) and the
flag rule ``value > cut + 1e-12`` of ``Scope.beyond_null``, applied to values all over the
range of the random graphs' scores, including each score itself (the ties of the rule).
"""

from __future__ import annotations

import numpy as np
import pytest

import lsmnet as lsm
from lsmnet.risk import _scope
from lsmnet.risk._scope import NULL_FAMILIES, NullDraws


def _candidates(values: np.ndarray) -> np.ndarray:
    # every score, the midpoints between neighbours, and values outside the range
    x = np.unique(values)
    mid = (x[1:] + x[:-1]) / 2 if len(x) > 1 else x
    return np.concatenate([x, mid, [x[0] - 1.0, x[-1] + 1.0, x[-1] + 1e-13]])


@pytest.mark.parametrize(
    ("n", "m", "budget", "quantile"),
    [
        (12, 20, 40, 0.95),
        (25, 60, 37, 0.9),
        (30, 45, 200, 0.95),
        (15, 30, 60, 0.5),
        (9, 14, 25, 1.0),
    ],
)
@pytest.mark.parametrize("family", list(NULL_FAMILIES))
def test_early_answer_is_the_complete_one(n, m, budget, quantile, family):
    full = NullDraws(n, m, budget, family)
    draws, cuts = full.complete(quantile)
    assert draws == full.draws == len(full.values)
    settled_early = 0
    for column, measure in enumerate(NULL_FAMILIES[family]):
        cut = cuts[measure]
        for value in _candidates(full.values[:, column]):
            fires = value > cut + 1e-12
            fresh = NullDraws(n, m, budget, family)
            if fresh.below_for_sure(measure, value, quantile):
                assert not fires, (measure, value, cut)
                settled_early += len(fresh.values) < fresh.draws
                # the graphs scored so far are the first ones of the complete reference
                np.testing.assert_array_equal(fresh.values, full.values[: len(fresh.values)])
            else:
                # undecided: the complete reference decides, as before
                assert fresh.complete(quantile) == (draws, cuts)
    if quantile < 1.0:
        assert settled_early > 0


def test_a_typical_coalition_needs_a_fraction_of_the_graphs():
    # a value at the median of the random graphs' fragmentation: a few dozen graphs settle it
    # (11 = 200 - floor(0.95 x 199) must score at least the value) instead of 200
    full = NullDraws(60, 150, 200, "path")
    full.complete(0.95)
    median = float(np.median(full.values[:, 0]))
    fresh = NullDraws(60, 150, 200, "path")
    assert fresh.below_for_sure("distance_fragmentation", median, 0.95)
    assert len(fresh.values) <= 44


def test_flags_are_unchanged_when_the_reference_is_always_complete(monkeypatch):
    # the register with the early answer equals the register computed from complete
    # references only (the rule as it stood before the early answer)
    data = lsm.datasets.load_dataset("indonesia_demo")
    _scope.null_family.cache_clear()
    early = lsm.risk_flags(data, progress=False)
    monkeypatch.setattr(NullDraws, "below_for_sure", lambda self, *a, **k: False)
    _scope.null_family.cache_clear()
    complete = lsm.risk_flags(data, progress=False)
    _scope.null_family.cache_clear()
    assert early.equals(complete)
