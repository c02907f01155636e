"""Tests of layer_overlap and multiplexity_table (lsmnet.inference.multiplexity).

References: edge sets of lsmnet.partnership_graph per layer (Jaccard by set operations),
qap_correlation on the same matrices, and a loop over the combined graph's ``layers`` edge
attribute for the per-member counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError, NotNetworkDataError
from lsmnet.inference import dyad_layer, layer_overlap, multiplexity_table, qap_correlation

LAYERS = ["operational", "advocacy", "capacity"]


@pytest.fixture(scope="module")
def data():
    return lsm.datasets.load_dataset("indonesia_demo")


def _edges(data, layer):
    G = lsm.partnership_graph(data, layers=[layer])
    return {frozenset(e) for e in G.edges()}


def test_overlap_matches_edge_sets(data):
    table = layer_overlap(data, layers=LAYERS, permutations=50, seed=2)
    assert table[["layer_a", "layer_b"]].values.tolist() == [
        ["operational", "advocacy"],
        ["operational", "capacity"],
        ["advocacy", "capacity"],
    ]
    for row in table.itertuples():
        a, b = _edges(data, row.layer_a), _edges(data, row.layer_b)
        assert (row.ties_a, row.ties_b, row.shared) == (len(a), len(b), len(a & b))
        assert row.jaccard == pytest.approx(len(a & b) / len(a | b))
    first = qap_correlation(
        dyad_layer(data, "operational"), dyad_layer(data, "advocacy"), permutations=0
    )
    assert table.loc[0, "correlation"] == pytest.approx(first.observed, abs=1e-12)
    assert (table["p_greater"] < 0.05).all()


def test_overlap_is_seeded_and_independent_of_n_jobs(data):
    a = layer_overlap(data, layers=LAYERS, permutations=40, seed=8)
    b = layer_overlap(data, layers=LAYERS, permutations=40, seed=8, n_jobs=2)
    pd.testing.assert_frame_equal(a, b)
    plain = layer_overlap(data, layers=LAYERS)
    assert plain["p_value"].isna().all()


def test_directed_layer_makes_ordered_pairs(data):
    table = layer_overlap(data, layers=["funding", "operational"])
    funding = lsm.partnership_graph(data, layers=["funding"])
    assert table.loc[0, "ties_a"] == funding.number_of_edges()
    assert table.loc[0, "ties_b"] == 2 * len(_edges(data, "operational"))


def test_multiplexity_table_matches_a_loop(data):
    table = multiplexity_table(data, layers=LAYERS)
    G = lsm.partnership_graph(data, layers=LAYERS)
    assert table.index.tolist() == data.organizations["org_id"].tolist()
    for org in ["ORG232", "ORG030", "ORG001"]:
        partners = list(G[org])
        multiplex = sum(G[org][p]["multiplexity"] >= 2 for p in partners)
        layers = {lay for p in partners for lay in G[org][p]["layers"]}
        row = table.loc[org]
        assert (row["partners"], row["multiplex_partners"]) == (len(partners), multiplex)
        assert row["layers"] == len(layers)
        if partners:
            assert row["multiplex_share"] == pytest.approx(multiplex / len(partners))
        else:
            assert np.isnan(row["multiplex_share"])


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda d: layer_overlap(d, layers=["advocacy"]), "at least two distinct layers"),
        (lambda d: layer_overlap(d, layers=["advocacy", "advocacy"]), "two distinct layers"),
        (lambda d: layer_overlap(d, layers=["advocacy", "x"]), "'layers' parameter of layer"),
        (lambda d: layer_overlap(d, permutations=-1), "'permutations' parameter of layer"),
        (lambda d: multiplexity_table(d, layers="advocacy"), "multiplexity_table"),
    ],
)
def test_errors(data, call, match):
    with pytest.raises(InvalidParameterError, match=match):
        call(data)


def test_a_table_is_not_network_data(data):
    # since issue 17 item 2 every data-level function refuses other inputs with one error type
    with pytest.raises(NotNetworkDataError, match="layer_overlap needs a NetworkData"):
        layer_overlap(data.ties)
