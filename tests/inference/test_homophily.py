"""Tests of homophily_table (lsmnet.inference.homophily).

References: lsmnet.ei_index (network level) for categorical attributes; networkx's
attribute_assortativity_coefficient and numeric_assortativity_coefficient; a brute-force loop
over the ties for the multi-valued E-I index and for the permutation distribution (graph
relabelled with each permutation as the function draws them).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.inference import homophily_table


@pytest.fixture(scope="module")
def data():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def table(data):
    return homophily_table(
        data,
        ["province", "issues", "founded"],
        layers=["advocacy", "funding"],
        permutations=99,
        seed=3,
    )


def test_columns_and_rows(table):
    assert table.columns.tolist() == [
        "layer",
        "attribute",
        "kind",
        "ties",
        "internal",
        "external",
        "ei",
        "assortativity",
        "statistic",
        "observed",
        "null_mean",
        "p_value",
        "p_greater",
        "p_less",
    ]
    assert table["layer"].tolist() == ["advocacy"] * 3 + ["funding"] * 3
    assert table["kind"].tolist()[:3] == ["categorical", "multi-valued", "numeric"]


@pytest.mark.parametrize("layer", ["advocacy", "funding"])
def test_categorical_matches_ei_index_and_networkx(data, table, layer):
    G = lsm.partnership_graph(data, layers=[layer])
    row = table[(table["layer"] == layer) & (table["attribute"] == "province")].iloc[0]
    assert row["ei"] == pytest.approx(lsm.ei_index(G, "province"), abs=1e-12)
    assert row["assortativity"] == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "province"), abs=1e-12
    )
    assert row["ties"] == G.number_of_edges()


def test_numeric_matches_networkx(data, table):
    G = lsm.partnership_graph(data, layers=["advocacy"])
    H = G.copy()
    for _, attrs in H.nodes(data=True):
        attrs["founded"] = int(attrs["founded"])
    row = table[(table["layer"] == "advocacy") & (table["attribute"] == "founded")].iloc[0]
    assert row["assortativity"] == pytest.approx(
        nx.numeric_assortativity_coefficient(H, "founded"), abs=1e-9
    )
    assert np.isnan(row["ei"]) and row["statistic"] == "assortativity"


def test_multi_valued_and_permutations_match_a_loop(data, table):
    G = lsm.partnership_graph(data, layers=["advocacy"])
    issues = {v: set(d["issues"]) for v, d in G.nodes(data=True)}
    nodes = list(G)

    def ei(label):
        internal = sum(bool(issues[label[a]] & issues[label[b]]) for a, b in G.edges())
        return (G.number_of_edges() - 2 * internal) / G.number_of_edges()

    row = table[(table["layer"] == "advocacy") & (table["attribute"] == "issues")].iloc[0]
    assert row["ei"] == pytest.approx(ei({v: v for v in nodes}))
    rng = np.random.default_rng(3)
    perms = rng.permuted(np.tile(np.arange(len(nodes)), (99, 1)), axis=1)
    null = np.array([ei({v: nodes[p[i]] for i, v in enumerate(nodes)}) for p in perms])
    assert row["null_mean"] == pytest.approx(null.mean())
    assert row["p_less"] == pytest.approx((1 + np.sum(null <= row["ei"] + 1e-9)) / 100)


def test_graph_input_and_reproducibility(data):
    G = nx.karate_club_graph()
    first = homophily_table(G, "club", permutations=200, seed=1)
    assert first["layer"].tolist() == ["graph"]
    assert first.loc[0, "ei"] == pytest.approx(lsm.ei_index(G, "club"))
    assert first.loc[0, "p_less"] < 0.01
    again = homophily_table(G, "club", permutations=200, seed=1, n_jobs=2)
    pd.testing.assert_frame_equal(first, again)


def test_default_layers_and_no_permutations(data):
    table = homophily_table(data, "type", permutations=0)
    assert set(table["layer"]) == {"operational", "advocacy", "capacity", "network"}
    assert table["p_value"].isna().all() and table["null_mean"].isna().all()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"attributes": []}, "'attributes' parameter of homophily_table"),
        ({"attributes": "colour"}, "'attribute' parameter of homophily_table"),
        ({"attributes": "type", "layers": ["friendship"]}, "'layers' parameter of homophily"),
        ({"attributes": "type", "permutations": -5}, "'permutations' parameter"),
        ({"attributes": "type", "progress": 1}, "'progress' parameter of homophily_table"),
    ],
)
def test_errors(data, kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        homophily_table(data, **kwargs)


def test_wrong_data_types():
    with pytest.raises(InvalidParameterError, match="'data' parameter of homophily_table"):
        homophily_table(pd.DataFrame(), "type")
    with pytest.raises(InvalidParameterError, match="'layers' parameter of homophily_table"):
        homophily_table(nx.karate_club_graph(), "club", layers=["advocacy"])
