"""comembership_graph and coalition_overlap_graph against networkx's bipartite projections.

Reference: networkx.algorithms.bipartite (weighted_projected_graph,
overlap_weighted_projected_graph, collaboration_weighted_projected_graph), run on the same
bipartite graph; for Davis Southern Women that is ``nx.davis_southern_women_graph()`` itself.
"""

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from networkx.algorithms import bipartite

import lsmnet as lsm
from lsmnet.datasets._convert import davis_frames

NX_PROJECTION = {
    "count": bipartite.weighted_projected_graph,
    "jaccard": lambda B, nodes: bipartite.overlap_weighted_projected_graph(B, nodes),
    "overlap": lambda B, nodes: bipartite.overlap_weighted_projected_graph(
        B, nodes, jaccard=False
    ),
    "newman": bipartite.collaboration_weighted_projected_graph,
}


def assert_same_weighted_graph(G, R):
    assert set(G.nodes) == set(R.nodes)
    assert {frozenset(e) for e in G.edges} == {frozenset(e) for e in R.edges}
    for u, v, w in R.edges(data="weight"):
        assert math.isclose(G[u][v]["weight"], w, rel_tol=1e-12), (u, v)


@pytest.fixture(scope="module")
def davis():
    return lsm.from_frames(**davis_frames())


@pytest.mark.parametrize("weight", list(NX_PROJECTION))
def test_davis_equals_networkx(davis, weight):
    """Acceptance test of issue 2: edge for edge and weight for weight."""
    B = nx.davis_southern_women_graph()
    reference = NX_PROJECTION[weight](B, B.graph["top"])
    G = lsm.comembership_graph(davis, weight=weight)
    assert_same_weighted_graph(G, reference)
    assert G.number_of_edges() == 139


def random_data(seed, n_orgs=40, n_coalitions=12, p=0.15):
    rng = np.random.default_rng(seed)
    rows = [
        (f"o{i}", f"c{k}") for i in range(n_orgs) for k in range(n_coalitions) if rng.random() < p
    ]
    memberships = pd.DataFrame(rows, columns=["org_id", "coalition_id"])
    organizations = pd.DataFrame({"org_id": [f"o{i}" for i in range(n_orgs)]})
    coalitions = pd.DataFrame({"coalition_id": [f"c{k}" for k in range(n_coalitions)]})
    data = lsm.from_frames(organizations, coalitions, memberships)
    B = nx.Graph()
    B.add_nodes_from(coalitions["coalition_id"])
    B.add_edges_from(rows)
    return data, B


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("weight", list(NX_PROJECTION))
def test_random_memberships_equal_networkx(seed, weight):
    data, B = random_data(seed)
    members = [n for n in B if n.startswith("o")]
    reference = NX_PROJECTION[weight](B, members)
    assert_same_weighted_graph(lsm.comembership_graph(data, weight=weight), reference)


def test_shared_counts_and_min_weight():
    data, B = random_data(7, p=0.3)
    members = [n for n in B if n.startswith("o")]
    count = bipartite.weighted_projected_graph(B, members)
    jac = lsm.comembership_graph(data, weight="jaccard", min_weight=0.25)
    for u, v, d in jac.edges(data=True):
        assert d["shared"] == count[u][v]["weight"]
        assert d["weight"] >= 0.25
    reference = lsm.comembership_graph(data, weight="jaccard")
    kept = {frozenset((u, v)) for u, v, w in reference.edges(data="weight") if w >= 0.25}
    assert {frozenset(e) for e in jac.edges} == kept
    assert set(jac.nodes) == set(reference.nodes)  # filtering edges keeps every member


def test_coalition_subset_equals_projection_of_subgraph():
    data, B = random_data(3, p=0.3)
    chosen = ["c5", "c1", "c4"]
    sub = B.subgraph([n for n in B if n in chosen or any(c in chosen for c in B[n])])
    members = [n for n in sub if n.startswith("o")]
    reference = bipartite.weighted_projected_graph(sub, members)
    G = lsm.comembership_graph(data, coalitions=chosen)
    assert_same_weighted_graph(G, reference)
    assert G.graph["coalitions"] == ("c1", "c4", "c5")  # table order


def test_organisations_without_membership_are_not_nodes():
    data = lsm.from_frames(
        organizations=pd.DataFrame({"org_id": ["a", "b", "lonely"], "name": ["A", "B", "L"]}),
        memberships=pd.DataFrame({"org_id": ["a", "b"], "coalition_id": ["k", "k"]}),
    )
    G = lsm.comembership_graph(data)
    assert set(G) == {"a", "b"}
    assert G.nodes["a"]["label"] == "A"


def test_several_periods_count_once():
    data = lsm.from_frames(
        memberships=pd.DataFrame(
            {
                "org_id": ["a", "a", "b"],
                "coalition_id": ["k", "k", "k"],
                "start": ["2018-01-01", "2021-01-01", "2018-01-01"],
                "end": ["2019-12-31", None, None],
            }
        )
    )
    assert lsm.comembership_graph(data)["a"]["b"]["weight"] == 1.0
    assert set(lsm.comembership_graph(data, at=2020)) == {"b"}


def test_errors():
    data, _ = random_data(0)
    with pytest.raises(lsm.InvalidParameterError, match="'weight' parameter of comembership"):
        lsm.comembership_graph(data, weight="cosine")
    with pytest.raises(lsm.InvalidParameterError, match="'min_weight' parameter"):
        lsm.comembership_graph(data, min_weight=-1)
    with pytest.raises(lsm.InvalidParameterError, match="Got unknown 'nope'"):
        lsm.comembership_graph(data, coalitions=["c1", "nope"])


def test_single_coalition_as_string():
    data, B = random_data(1, p=0.3)
    G = lsm.comembership_graph(data, coalitions="c2")
    assert set(G) == set(B["c2"])
    assert G.number_of_edges() == len(B["c2"]) * (len(B["c2"]) - 1) // 2


def test_coalition_overlap_equals_networkx():
    data, B = random_data(2, p=0.2)
    coalitions = [n for n in B if n.startswith("c")]
    reference = bipartite.weighted_projected_graph(B, coalitions)
    C = lsm.coalition_overlap_graph(data)
    assert_same_weighted_graph(C, reference)
    for c in coalitions:
        assert C.nodes[c]["size"] == B.degree(c)


def test_davis_coalition_overlap(davis):
    B = nx.davis_southern_women_graph()
    reference = bipartite.weighted_projected_graph(B, B.graph["bottom"])
    assert_same_weighted_graph(lsm.coalition_overlap_graph(davis), reference)


def test_empty_data():
    empty = lsm.from_frames()
    assert lsm.comembership_graph(empty).number_of_nodes() == 0
    assert lsm.coalition_overlap_graph(empty).number_of_nodes() == 0
