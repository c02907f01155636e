"""Tests of the dyad matrices (lsmnet.inference.dyads).

References: brute-force double loops over the organisations of the bundled synthetic dataset
(set operations on the issues, membership and funding tables read row by row), and
networkx adjacency of lsmnet.partnership_graph.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.inference import (
    dyad_comembership,
    dyad_difference,
    dyad_layer,
    dyad_matrix,
    dyad_same,
    dyad_shared_funders,
    dyad_sum,
)


@pytest.fixture(scope="module")
def data():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def sample(data):
    return list(data.organizations["org_id"].iloc[:40])


def _brute(nodes, value):
    return np.array([[0.0 if a == b else value(a, b) for b in nodes] for a in nodes])


@pytest.mark.parametrize("method", ["equal", "any", "jaccard", "count"])
def test_same_multi_valued_matches_sets(data, sample, method):
    issues = data.organizations.set_index("org_id")["issues"].map(set)

    def value(a, b):
        sa, sb = issues[a], issues[b]
        return {
            "equal": float(sa == sb),
            "any": float(bool(sa & sb)),
            "jaccard": len(sa & sb) / len(sa | sb),
            "count": float(len(sa & sb)),
        }[method]

    got = dyad_same(data, "issues", method=method, nodes=sample)
    assert list(got.index) == sample and list(got.columns) == sample
    np.testing.assert_allclose(got.to_numpy(), _brute(sample, value))


def test_same_categorical_and_pipe_strings():
    frame = pd.DataFrame(
        {"province": ["Aceh", "Aceh", "Bali", None], "issues": ["a|b", "b", " c ", "a"]},
        index=["w", "x", "y", "z"],
    )
    same = dyad_same(frame, "province")
    assert same.loc["w", "x"] == 1 and same.loc["w", "y"] == 0 and same.loc["w", "w"] == 0
    assert same.loc["z"].drop("z").isna().all()
    shared = dyad_same(frame, "issues", method="any")
    assert shared.loc["w", "x"] == 1 and shared.loc["x", "y"] == 0 and shared.loc["w", "z"] == 1
    assert dyad_same(frame, "issues", method="jaccard").loc["w", "x"] == 0.5


def test_same_from_graph_attributes():
    G = nx.karate_club_graph()
    same = dyad_same(G, "club")
    clubs = nx.get_node_attributes(G, "club")
    expected = _brute(list(G), lambda a, b: float(clubs[a] == clubs[b]))
    np.testing.assert_array_equal(same.to_numpy(), expected)


def test_difference_and_sum(data, sample):
    founded = data.organizations.set_index("org_id")["founded"].astype(float)
    diff = dyad_difference(data, "founded", nodes=sample)
    total = dyad_sum(data, "founded", nodes=sample)
    np.testing.assert_array_equal(
        diff.to_numpy(), _brute(sample, lambda a, b: abs(founded[a] - founded[b]))
    )
    np.testing.assert_array_equal(
        total.to_numpy(), _brute(sample, lambda a, b: founded[a] + founded[b])
    )


def test_missing_numeric_values_give_nan(data):
    budget = data.organizations.set_index("org_id")["budget"]
    missing = budget[budget.isna()].index[0]
    diff = dyad_difference(data, "budget")
    assert diff.loc[missing].drop(missing).isna().all()
    assert diff.loc[missing, missing] == 0


def test_layer_is_the_partnership_graph(data):
    nodes = list(data.organizations["org_id"])
    G = lsm.partnership_graph(data, layers=["advocacy"])
    expected = nx.to_numpy_array(G, nodelist=nodes, weight=None)
    np.testing.assert_array_equal(dyad_layer(data, "advocacy").to_numpy(), expected)
    weighted = dyad_layer(data, "advocacy", weight="weight").to_numpy()
    np.testing.assert_array_equal(weighted, nx.to_numpy_array(G, nodelist=nodes))
    funding = dyad_layer(data, "funding")
    assert not np.array_equal(funding.to_numpy(), funding.to_numpy().T)  # directed ties


def test_comembership_counts(data, sample):
    members = data.memberships.groupby("org_id")["coalition_id"].apply(set)

    def shared(a, b):
        return float(len(members.get(a, set()) & members.get(b, set())))

    got = dyad_comembership(data, nodes=sample)
    np.testing.assert_array_equal(got.to_numpy(), _brute(sample, shared))


def test_shared_funders_counts(data):
    funding = data.ties[data.ties["layer"] == "funding"]
    funders = funding.groupby("target")["source"].apply(set)
    nodes = list(pd.unique(funding["target"]))[:30]

    def shared(a, b):
        return float(len(funders.get(a, set()) & funders.get(b, set())))

    got = dyad_shared_funders(data, nodes=nodes)
    np.testing.assert_array_equal(got.to_numpy(), _brute(nodes, shared))
    assert got.to_numpy().sum() > 0


def test_dyad_matrix_inputs():
    G = nx.path_graph(["a", "b", "c"])
    frame = dyad_matrix(G)
    np.testing.assert_array_equal(dyad_matrix(frame.to_numpy(), nodes=list("abc")), frame)
    reordered = dyad_matrix(frame, nodes=["c", "a", "b"])
    assert reordered.loc["a", "b"] == 1 and list(reordered.index) == ["c", "a", "b"]
    assert list(dyad_matrix(np.eye(2)).index) == [0, 1]


def test_helpers_do_not_mutate(data):
    before = {t: getattr(data, t).copy() for t in ("organizations", "ties", "memberships")}
    dyad_same(data, "issues", method="any")
    dyad_layer(data, "operational")
    dyad_comembership(data)
    dyad_shared_funders(data)
    for table, frame in before.items():
        pd.testing.assert_frame_equal(getattr(data, table), frame)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda d: dyad_same(d, "nope"), "'attribute' parameter of dyad_same"),
        (lambda d: dyad_same(d, "issues", method="all"), "'method' parameter of dyad_same"),
        (lambda d: dyad_same(d, "province", nodes=["ORG001", "X"]), "unknown node"),
        (lambda d: dyad_same(d, "province", nodes=["ORG001", "ORG001"]), "more than once"),
        (lambda d: dyad_same([1, 2], "province"), "'data' parameter of dyad_same"),
        (lambda d: dyad_difference(d, "province"), "must be numeric"),
        (lambda d: dyad_layer(d, "friendship"), "'layer' parameter of dyad_layer"),
        (lambda d: dyad_layer(d, "advocacy", weight="amount"), "'weight' parameter"),
        (lambda d: dyad_layer(nx.Graph(), "advocacy"), "dyad_layer needs a NetworkData"),
        (lambda d: dyad_comembership(d, nodes="ORG001"), "'nodes' parameter"),
        (lambda d: dyad_matrix(np.ones((2, 3))), "square matrix"),
        (lambda d: dyad_matrix(np.ones((2, 2)), nodes=["a"]), "'nodes' parameter of dyad_matrix"),
        (lambda d: dyad_matrix("graph"), "must be a networkx graph"),
    ],
)
def test_errors(data, call, match):
    with pytest.raises(InvalidParameterError, match=match):
        call(data)
