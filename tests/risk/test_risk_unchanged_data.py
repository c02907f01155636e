"""unchanged_data: the scope cache checks the tables once per block instead of once per call.

Reference for every result: the same function on a cold cache and a private copy of the data
(``copy.deepcopy``), i.e. without any sharing; the number of checks is counted with a spy on
``fingerprint``.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.risk import flags as flags_module
from lsmnet.risk.flags import _CACHE, unchanged_data

IDS = ["C01", "C02", "C03"]


@pytest.fixture
def demo() -> lsm.NetworkData:
    _CACHE.clear()
    yield lsm.datasets.load_dataset("indonesia_demo")
    _CACHE.clear()


@pytest.fixture
def checks(monkeypatch) -> list:
    """One item per fingerprint of a data object (the check of its tables)."""
    calls: list = []
    original = flags_module.fingerprint

    def counting(data):
        calls.append(data)
        return original(data)

    monkeypatch.setattr(flags_module, "fingerprint", counting)
    return calls


def cold(func, data, *args, **kwargs):
    _CACHE.clear()
    result = func(copy.deepcopy(data), *args, **kwargs)
    _CACHE.clear()
    return result


def test_one_check_per_block_and_the_same_tables(demo, checks):
    expected = {c: cold(lsm.member_table, demo, c) for c in IDS}
    expected_flags = cold(lsm.risk_flags, demo, coalition=IDS, progress=False)
    checks.clear()
    with unchanged_data(demo) as inside:
        assert inside is demo
        flags = lsm.risk_flags(demo, coalition=IDS, progress=False)
        tables = {c: lsm.member_table(demo, c) for c in IDS}
    assert len(checks) == 1
    assert_frame_equal(flags, expected_flags)
    for c in IDS:
        assert_frame_equal(tables[c], expected[c])
        assert tables[c].attrs == expected[c].attrs
    # outside the block: one check per call again
    checks.clear()
    for c in IDS:
        lsm.member_table(demo, c)
    assert len(checks) == len(IDS)


def test_changes_after_the_block_are_noticed(demo):
    with unchanged_data(demo):
        before = lsm.risk_flags(demo, coalition="C01", progress=False)
    demo.ties = demo.ties.iloc[: len(demo.ties) // 2].copy()
    after = lsm.risk_flags(demo, coalition="C01", progress=False)
    assert_frame_equal(after, cold(lsm.risk_flags, demo, coalition="C01", progress=False))
    assert len(after) != len(before)


def test_other_data_inside_the_block_is_checked(demo, checks):
    other = copy.deepcopy(demo)
    checks.clear()
    with unchanged_data(demo):
        lsm.risk_flags(other, coalition="C01", progress=False)
        lsm.risk_flags(demo, coalition="C01", progress=False)
    # the entry check, then ``other`` (not vouched for), then ``demo`` again (the cache had
    # moved to ``other``)
    assert [d is demo for d in checks] == [True, False, True]


def test_not_network_data():
    with pytest.raises(InvalidParameterError, match="unchanged_data"):
        with unchanged_data("data.xlsx"):
            pass


def test_rule_tables_released_after_evaluation_and_recomputed_the_same(demo):
    # reference: each released table as the rules read it, before the release
    from lsmnet.risk.flags import RULES_ONLY, evaluate, scopes

    args = dict(layers=None, at=None, thresholds=None, lang="en", seed=0, func="test")
    for scope in scopes(demo, coalition=IDS, **args):
        before = {name: getattr(scope, name) for name in RULES_ONLY}
        evaluate(scope)
        assert not set(RULES_ONLY) & set(vars(scope))
        for name, value in before.items():
            again = getattr(scope, name)
            if isinstance(value, pd.DataFrame):
                assert_frame_equal(again, value, check_exact=True)
            elif isinstance(value, pd.Series):
                assert_series_equal(again, value, check_exact=True)
            elif isinstance(value, np.ndarray):
                np.testing.assert_array_equal(again, value)
            elif isinstance(value, tuple):  # a table and arrays (the ties with end positions)
                assert_frame_equal(again[0], value[0], check_exact=True)
                for got, expected in zip(again[1:], value[1:], strict=True):
                    np.testing.assert_array_equal(got, expected)
            else:
                assert again == value
