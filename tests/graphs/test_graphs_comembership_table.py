"""comembership_table: the co-membership projection as an edge table.

References: networkx.bipartite.weighted_projected_graph / overlap_weighted_projected_graph /
collaboration_weighted_projected_graph on the bipartite graph, and comembership_graph.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.graphs.comembership import comembership_table


def random_data(seed: int) -> lsm.NetworkData:
    rng = np.random.default_rng(seed)
    orgs = [f"o{i}" for i in rng.permutation(40)]
    rows = [(o, f"k{c}") for c in range(8) for o in rng.choice(orgs, rng.integers(2, 15))]
    members = pd.DataFrame(rows, columns=["org_id", "coalition_id"]).drop_duplicates()
    return lsm.from_frames(
        organizations=pd.DataFrame({"org_id": orgs}),
        coalitions=pd.DataFrame({"coalition_id": [f"k{c}" for c in range(8)]}),
        memberships=members,
    )


def bipartite(data):
    B = nx.Graph()
    B.add_nodes_from(data.memberships["org_id"], bipartite=0)
    B.add_nodes_from(data.memberships["coalition_id"], bipartite=1)
    members = data.memberships
    B.add_edges_from(zip(members["org_id"], members["coalition_id"], strict=True))
    return B, sorted(set(data.memberships["org_id"]))


def as_dict(table):
    return {
        frozenset((s, t)): w
        for s, t, w in table[["source", "target", "weight"]].itertuples(index=False)
    }


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(
    ("weight", "reference"),
    [
        ("count", lambda B, o: nx.bipartite.weighted_projected_graph(B, o)),
        ("jaccard", lambda B, o: nx.bipartite.overlap_weighted_projected_graph(B, o)),
        (
            "overlap",
            lambda B, o: nx.bipartite.overlap_weighted_projected_graph(B, o, jaccard=False),
        ),
        ("newman", lambda B, o: nx.bipartite.collaboration_weighted_projected_graph(B, o)),
    ],
)
def test_table_matches_networkx_projection(seed, weight, reference):
    data = random_data(seed)
    table = comembership_table(data, weight=weight)
    P = reference(*bipartite(data))
    want = {frozenset((u, v)): d["weight"] for u, v, d in P.edges(data=True)}
    got = as_dict(table)
    assert got.keys() == want.keys()
    for pair, value in want.items():
        assert got[pair] == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_table_equals_graph(seed):
    data = random_data(seed)
    table = comembership_table(data, weight="jaccard", min_weight=0.2)
    G = lsm.comembership_graph(data, weight="jaccard", min_weight=0.2)
    assert len(table) == G.number_of_edges()
    for s, t, w, c in table.itertuples(index=False):
        assert G[s][t]["weight"] == w and G[s][t]["shared"] == c
    order = {o: i for i, o in enumerate(data.organizations["org_id"])}
    keys = [(order[s], order[t]) for s, t in zip(table["source"], table["target"], strict=True)]
    assert keys == sorted(keys) and all(i < j for i, j in keys)
    assert table["shared"].dtype == np.int64 and table["weight"].dtype == float
    assert (table["weight"] >= 0.2).all()


def test_table_snapshot_and_coalitions():
    data = lsm.datasets.load_dataset("indonesia_demo")
    table = comembership_table(data, coalitions=["C01", "C02"], at=2021)
    G = lsm.comembership_graph(data, coalitions=["C01", "C02"], at=2021)
    assert as_dict(table) == {frozenset((u, v)): d["weight"] for u, v, d in G.edges(data=True)}


def test_table_errors_name_the_function():
    data = random_data(0)
    with pytest.raises(
        lsm.InvalidParameterError, match="'weight' parameter of comembership_table"
    ):
        comembership_table(data, weight="cosine")
    with pytest.raises(lsm.InvalidParameterError, match="'coalitions' parameter"):
        comembership_table(data, coalitions=["nope"])
