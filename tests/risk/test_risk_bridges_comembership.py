"""Co-membership betweenness of bridge_organizations without a networkx graph (issue 18, 3).

References: networkx's exact ``betweenness_centrality`` on the networkx co-membership graph
(``lsmnet.comembership_graph``), and the previous implementation of the column (the same
graph through ``betweenness_series``), substituted below to check that the ranking and every
column are unchanged.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import lsmnet as lsm
from lsmnet.metrics.centrality import betweenness_series
from lsmnet.risk import bridges


@pytest.fixture(scope="module")
def demo() -> lsm.NetworkData:
    return lsm.datasets.load_dataset("indonesia_demo")


def networkx_betweenness(data) -> pd.Series:
    C = lsm.comembership_graph(data)
    bare = nx.Graph()
    bare.add_nodes_from(C)
    bare.add_edges_from(C.edges())
    return pd.Series(nx.betweenness_centrality(bare, normalized=True))


def previous_implementation(data, seed, n_jobs=None):
    C = lsm.comembership_graph(data)
    if not len(C):
        return None
    bare = nx.Graph()
    bare.add_nodes_from(C)
    bare.add_edges_from(C.edges())
    return betweenness_series(bare, seed=seed)


def test_exact_values_equal_networkx(demo):
    result = bridges._comembership_centrality(demo, 0)
    assert result.attrs == {"path_measures": "exact"}
    expected = networkx_betweenness(demo).reindex(result.index)
    np.testing.assert_allclose(result.to_numpy(), expected.to_numpy(), rtol=0, atol=1e-12)


def test_ranking_and_columns_as_before(demo, monkeypatch):
    table = lsm.bridge_organizations(demo)
    monkeypatch.setattr(bridges, "_comembership_centrality", previous_implementation)
    before = lsm.bridge_organizations(demo)
    assert list(table.index) == list(before.index)
    assert_frame_equal(table, before, check_exact=False, rtol=0, atol=1e-12)
    assert table.attrs == before.attrs


def test_estimate_above_the_work_budget(demo, monkeypatch):
    exact = bridges._comembership_centrality(demo, 0)
    # a budget below n x m: the column is estimated from the minimum number of sources
    monkeypatch.setattr(bridges, "COMEMBERSHIP_WORK", 1)
    monkeypatch.setattr(bridges, "COMEMBERSHIP_MIN_SOURCES", 60)
    estimate = bridges._comembership_centrality(demo, 0)
    assert estimate.attrs["path_measures"] == "approximate"
    assert estimate.attrs["sources"] == 60
    # the stated 95 % bound holds here (it is a worst-case Hoeffding bound: far from tight)
    worst = float((estimate - exact).abs().max())
    assert 0 < worst <= estimate.attrs["error_bound"]
    # seeded: the same sources, the same values
    again = bridges._comembership_centrality(demo, 0)
    assert_frame_equal(estimate.to_frame(), again.to_frame())
    table = lsm.bridge_organizations(demo)
    assert table.attrs["path_measures"] == "approximate"
    assert table.attrs["sources"] == 60
    assert table.attrs["nodes"] == len(exact)


def test_no_memberships_gives_zero():
    data = lsm.from_frames(
        organizations=pd.DataFrame({"org_id": list("abc")}),
        ties=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "layer": "advocacy"}),
    )
    assert bridges._comembership_centrality(data, 0) is None
    table = lsm.bridge_organizations(data)
    assert (table["comembership_betweenness"] == 0.0).all()
