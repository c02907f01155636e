"""membership_graph: checked against the membership table read row by row."""

import networkx as nx
import pandas as pd
import pytest
from networkx.algorithms import bipartite

import lsmnet as lsm
from lsmnet.graphs import coalition_node, org_node


@pytest.fixture
def data():
    return lsm.from_frames(
        organizations=pd.DataFrame(
            {
                "org_id": ["A", "B", "C", "X"],
                "name": ["Yayasan Ābadi", None, "Perkumpulan C", "Lembaga X"],
                "type": ["ngo", "cbo", "ngo", "ngo"],
                "issues": ["gender|health", "", "health", "land-rights"],
            }
        ),
        coalitions=pd.DataFrame(
            {"coalition_id": ["X", "K2"], "name": ["Koalisi X", None], "kind": ["alliance", None]}
        ),
        memberships=pd.DataFrame(
            {
                "org_id": ["A", "B", "A", "C", "A"],
                "coalition_id": ["X", "X", "K2", "K2", "X"],
                "role": ["founder", "member", "member", "chair", "chair"],
                "start": ["2018-01-01", "2019-01-01", "2020-01-01", None, "2022-01-01"],
                "end": ["2020-12-31", None, "2021-06-30", None, None],
            }
        ),
    )


def test_nodes_keep_namespaces_apart(data):
    B = lsm.membership_graph(data)
    # org "X" and coalition "X" are two different nodes
    assert org_node("X") in B and coalition_node("X") in B
    assert B.number_of_nodes() == len(data.organizations) + len(data.coalitions)
    orgs = {n for n, d in B.nodes(data=True) if d["bipartite"] == 0}
    assert orgs == {("org", o) for o in data.organizations["org_id"]}
    assert bipartite.is_bipartite_node_set(B, orgs)
    assert B.degree(org_node("X")) == 0  # isolated organisation kept


def test_edges_match_membership_table(data):
    B = lsm.membership_graph(data)
    expected = {
        frozenset({("org", o), ("coalition", c)})
        for o, c in zip(data.memberships["org_id"], data.memberships["coalition_id"], strict=True)
    }
    assert {frozenset(e) for e in B.edges()} == expected


def test_node_attributes(data):
    B = lsm.membership_graph(data)
    a = B.nodes[org_node("A")]
    assert a["kind"] == "org" and a["bipartite"] == 0
    assert a["label"] == "Yayasan Ābadi"
    assert a["issues"] == ("gender", "health")
    assert a["type"] == "ngo" and a["founded"] is None
    assert B.nodes[org_node("B")]["label"] == "B"  # no name: the id
    x = B.nodes[coalition_node("X")]
    assert x["kind"] == "coalition" and x["bipartite"] == 1
    assert x["coalition_kind"] == "alliance" and x["label"] == "Koalisi X"
    assert B.nodes[coalition_node("K2")]["label"] == "K2"


def test_several_periods_make_one_edge_with_the_latest_attributes(data):
    edge = lsm.membership_graph(data).edges[org_node("A"), coalition_node("X")]
    assert edge["periods"] == 2
    assert edge["role"] == "chair"
    assert edge["start"] == pd.Timestamp("2022-01-01") and edge["end"] is None
    assert edge["weight"] == 1.0


def test_snapshot(data):
    B = lsm.membership_graph(data, at=2019)
    assert not B.has_edge(org_node("A"), coalition_node("K2"))  # starts 2020
    assert B.has_edge(org_node("A"), coalition_node("X"))
    assert B.has_edge(org_node("C"), coalition_node("K2"))  # open-ended
    assert B.number_of_nodes() == 6  # nodes are not filtered


def test_does_not_mutate_input(data):
    before = data.memberships.copy()
    lsm.membership_graph(data, at=2020)
    pd.testing.assert_frame_equal(data.memberships, before)


def test_empty_data():
    B = lsm.membership_graph(lsm.from_frames())
    assert isinstance(B, nx.Graph) and B.number_of_nodes() == 0
