"""member_table and bridge_organizations say whether betweenness and closeness are estimated.

Above ``EXACT_PATHS_MAX_NODES`` nodes :func:`lsmnet.centrality_table` samples
``DEFAULT_SOURCES`` sources; both settings are lowered here so that the bundled
``indonesia_demo`` (250 organisations, 152 with memberships, 56 in C01) is "large".

References: the error bound is Hoeffding's inequality with a union bound over the nodes and
the two bounded measures, written out below from the formula in centrality_table's Notes
(not taken from lsmnet); the exact values compared with the estimates are those of the same
function with the default settings (every node a source).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics import centrality

SOURCES = 20


def hoeffding_bound(n: int, k: int, delta: float = 0.05) -> float:
    """ε with P(max over nodes of |estimate - exact| > ε) <= δ, k of n sources sampled."""
    return n / (n - 1) * math.sqrt(math.log(4 * n / delta) / (2 * (k - 1)))


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture
def small_limit(monkeypatch):
    """Networks of more than 40 nodes are 'large': 20 sampled sources."""
    monkeypatch.setattr(centrality, "EXACT_PATHS_MAX_NODES", 40)
    monkeypatch.setattr(centrality, "DEFAULT_SOURCES", SOURCES)


def test_member_table_is_exact_by_default(demo):
    assert lsm.member_table(demo, "C01").attrs == {"path_measures": "exact"}


def test_member_table_says_estimated_above_the_limit(demo, small_limit):
    table = lsm.member_table(demo, "C01")
    assert table.attrs == {
        "path_measures": "approximate",
        "sources": SOURCES,
        "error_bound": pytest.approx(hoeffding_bound(56, SOURCES), rel=1e-12),
        "nodes": 56,
    }
    # C10 (12 members) is below the limit: exact, and no sample fields
    assert lsm.member_table(demo, "C10").attrs == {"path_measures": "exact"}


def test_member_table_estimates_are_seeded_and_within_the_bound(demo, monkeypatch):
    exact = lsm.member_table(demo, "C01")
    monkeypatch.setattr(centrality, "EXACT_PATHS_MAX_NODES", 40)
    monkeypatch.setattr(centrality, "DEFAULT_SOURCES", SOURCES)
    first = lsm.member_table(demo, "C01", seed=0)
    again = lsm.member_table(demo, "C01", seed=0)
    other = lsm.member_table(demo, "C01", seed=1)
    np.testing.assert_array_equal(first["betweenness"], again["betweenness"])
    np.testing.assert_array_equal(first["closeness"], again["closeness"])
    assert not np.array_equal(first["betweenness"], other["betweenness"])
    # the estimate is an estimate (differs from the exact value) and within the bound
    error = (first["betweenness"] - exact["betweenness"]).abs()
    assert error.max() > 0
    assert error.max() <= first.attrs["error_bound"]
    # the other columns do not depend on the sample
    for column in ("degree", "constraint", "coreness", "flags"):
        assert first[column].equals(exact[column]), column


def test_bridges_exact_by_default(demo):
    # "partners" (commit 9495f19): which ties define partners, here the partnership ties
    assert lsm.bridge_organizations(demo, top=3).attrs == {
        "path_measures": "exact",
        "partners": "partnership",
    }


def test_bridges_report_the_larger_network_and_bound(demo, small_limit):
    # partnership network: 250 organisations; co-membership network: 152; both sampled
    bridges = lsm.bridge_organizations(demo)
    assert bridges.attrs == {
        "path_measures": "approximate",
        "sources": SOURCES,
        "error_bound": pytest.approx(hoeffding_bound(250, SOURCES), rel=1e-12),
        "nodes": 250,
        "partners": "partnership",
    }
    assert hoeffding_bound(250, SOURCES) > hoeffding_bound(152, SOURCES)
    assert bridges.equals(lsm.bridge_organizations(demo, seed=0))
    reseeded = lsm.bridge_organizations(demo, seed=1)
    assert not bridges["betweenness"].equals(reseeded["betweenness"].reindex(bridges.index))


def test_bridges_only_the_partnership_network_estimated(demo, monkeypatch):
    exact = lsm.bridge_organizations(demo)
    monkeypatch.setattr(centrality, "EXACT_PATHS_MAX_NODES", 200)
    monkeypatch.setattr(centrality, "DEFAULT_SOURCES", SOURCES)
    bridges = lsm.bridge_organizations(demo)
    assert bridges.attrs["nodes"] == 250
    assert bridges.attrs["error_bound"] == pytest.approx(hoeffding_bound(250, SOURCES))
    # 152 organisations <= 200: the co-membership column is still exact, the other is not
    same = exact.reindex(bridges.index)
    assert bridges["comembership_betweenness"].equals(same["comembership_betweenness"])
    assert not bridges["betweenness"].equals(same["betweenness"])


def test_bridges_seed_is_checked(demo):
    with pytest.raises(InvalidParameterError, match="'seed' parameter of bridge_organizations"):
        lsm.bridge_organizations(demo, seed=-1)
