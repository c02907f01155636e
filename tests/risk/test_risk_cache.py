"""The scopes shared by risk_flags, coalition_health and member_table (issue 18, item 1).

Reference for every comparison: the same function on a cold cache and on a separate copy of
the data (``copy.deepcopy``), i.e. the computation without any sharing, as before the cache.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import lsmnet as lsm
from lsmnet.risk import flags as flags_module
from lsmnet.risk import isolation
from lsmnet.risk.flags import _CACHE, fingerprint


@pytest.fixture(scope="module")
def demo() -> lsm.NetworkData:
    return lsm.datasets.load_dataset("indonesia_demo")


def cold(func, data, *args, **kwargs):
    """``func`` without any sharing: cache emptied, on a private copy of the data."""
    _CACHE.clear()
    result = func(copy.deepcopy(data), *args, **kwargs)
    _CACHE.clear()
    return result


def test_shared_scopes_give_the_results_of_separate_calls(demo):
    ids = list(demo.coalitions["coalition_id"])[:4]
    expected_flags = cold(lsm.risk_flags, demo, coalition=ids, progress=False)
    expected_health = cold(lsm.coalition_health, demo, coalition=ids, progress=False)
    expected_members = {c: cold(lsm.member_table, demo, c) for c in ids}
    _CACHE.clear()
    # the report's order: health, register, member tables on one data object
    health = lsm.coalition_health(demo, coalition=ids, progress=False)
    flags = lsm.risk_flags(demo, coalition=ids, progress=False)
    members = {c: lsm.member_table(demo, c) for c in ids}
    assert_frame_equal(health, expected_health)
    assert health.attrs == expected_health.attrs
    assert_frame_equal(flags, expected_flags)
    assert flags.attrs == expected_flags.attrs
    for c in ids:
        assert_frame_equal(members[c], expected_members[c])
        assert members[c].attrs == expected_members[c].attrs


def test_rules_run_once_per_coalition(demo, monkeypatch):
    calls: list = []
    original = isolation.evaluate

    def counting(scope):
        calls.append(scope.coalition)
        return original(scope)

    # a stand-in for the isolation family that counts its evaluations
    counted = type("Counted", (), {"evaluate": staticmethod(counting)})
    families = tuple(counted if f is isolation else f for f in flags_module.FAMILIES)
    monkeypatch.setattr(flags_module, "FAMILIES", families)
    _CACHE.clear()
    ids = ["C01", "C02", "C03"]
    lsm.coalition_health(demo, coalition=ids, progress=False)
    lsm.risk_flags(demo, coalition=ids, progress=False)
    for c in ids:
        lsm.member_table(demo, c)
    # brute force: one evaluation per coalition, not three
    assert sorted(calls) == ids
    # other arguments are another analysis: evaluated again
    lsm.risk_flags(demo, coalition=ids, progress=False, lang="id")
    assert sorted(calls) == sorted(ids * 2)
    _CACHE.clear()


def _small() -> lsm.NetworkData:
    return lsm.from_frames(
        organizations=pd.DataFrame({"org_id": list("abcde")}),
        memberships=pd.DataFrame({"org_id": list("abcde"), "coalition_id": "K"}),
        ties=pd.DataFrame(
            {"source": ["a", "a", "a", "b"], "target": ["b", "c", "d", "c"], "layer": "advocacy"}
        ),
    )


def test_mutated_data_is_analysed_again():
    data = _small()
    _CACHE.clear()
    before = lsm.risk_flags(data, progress=False)
    assert "ISO-1" in set(before["code"])  # e is isolated
    # in place: a tie to e (the member the ISO-1 flag was about)
    data.ties.loc[3, "target"] = "e"
    after = lsm.risk_flags(data, progress=False)
    fresh = lsm.from_frames(
        organizations=pd.DataFrame({"org_id": list("abcde")}),
        memberships=pd.DataFrame({"org_id": list("abcde"), "coalition_id": "K"}),
        ties=pd.DataFrame(
            {"source": ["a", "a", "a", "b"], "target": ["b", "c", "d", "e"], "layer": "advocacy"}
        ),
    )
    assert_frame_equal(after, cold(lsm.risk_flags, fresh, progress=False))
    assert "ISO-1" not in set(after["code"])
    # a table replaced
    data.ties = data.ties.iloc[:1].copy()
    replaced = lsm.risk_flags(data, progress=False)
    assert_frame_equal(replaced, cold(lsm.risk_flags, data, progress=False))
    assert (replaced["code"] == "ISO-1").sum() == 3  # c, d and e have no tie now
    _CACHE.clear()


def test_fingerprint_follows_contents():
    data = _small()
    stamp = fingerprint(data)
    assert fingerprint(copy.deepcopy(data)) == stamp
    data.organizations.loc[0, "name"] = "Yayasan A"
    assert fingerprint(data) != stamp


def test_unseeded_calls_are_not_cached():
    data = _small()
    _CACHE.clear()
    lsm.risk_flags(data, progress=False, seed=None)
    lsm.risk_flags(data, progress=False, seed=np.random.default_rng(1))
    assert _CACHE._entry is None
    lsm.risk_flags(data, progress=False, seed=3)
    assert _CACHE._entry is not None and _CACHE._entry.data is data
    _CACHE.clear()


def test_core_periphery_of_a_coalition_does_not_depend_on_the_others(demo):
    # C02's core-periphery search gives different partitions for different random streams;
    # before each scope had its own generator, C02 after C01 drew from the stream C01 had
    # used and got another partition than alone (this test failed on commit 464b020).
    # Reference: C02 analysed alone on a cold cache
    from lsmnet.risk.flags import evaluate, scopes

    args = dict(layers=None, at=None, thresholds=None, lang="en", seed=0, func="test")
    _CACHE.clear()
    (alone,) = scopes(demo, coalition="C02", **args)
    evaluate(alone)
    expected = alone.core_periphery.copy()
    _CACHE.clear()
    together = scopes(demo, coalition=["C01", "C02"], **args)
    for scope in together:
        evaluate(scope)
    assert_frame_equal(together[1].core_periphery, expected)
    _CACHE.clear()
