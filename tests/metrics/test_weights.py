"""weight= (strength) against distance= (length) in centrality_table (issue 17 item 4).

References: networkx's path measures with the attribute as a length (its convention for
``weight``/``distance``), and lsmnet's own weight= columns with lengths 1/w.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError

PATHS = ["betweenness", "closeness", "harmonic"]


def _karate():
    G = nx.karate_club_graph()
    for _, _, d in G.edges(data=True):
        d["length"] = 1.0 / d["weight"]
    return G


def _directed():
    D = nx.gnp_random_graph(40, 0.12, seed=3, directed=True)
    rng = np.random.default_rng(0)
    for _, _, d in D.edges(data=True):
        d["d"] = float(rng.integers(1, 6))
    return D


@pytest.mark.parametrize("make", [_karate, _directed], ids=["karate", "directed"])
def test_distance_equals_networkx_with_the_attribute_as_length(make):
    G = make()
    attr = "weight" if G.is_directed() is False else "d"
    table = lsm.centrality_table(G, distance=attr)
    want = {
        "betweenness": nx.betweenness_centrality(G, weight=attr),
        "closeness": nx.closeness_centrality(G, distance=attr, wf_improved=True),
        "harmonic": nx.harmonic_centrality(G, distance=attr),
    }
    for column, values in want.items():
        got = table[column].to_numpy()
        np.testing.assert_allclose(got, [values[v] for v in G], atol=1e-9, err_msg=column)


def test_weight_is_a_strength_with_length_one_over_w():
    G = _karate()
    strength = lsm.centrality_table(G, weight="weight")
    length = lsm.centrality_table(G, distance="length")
    np.testing.assert_allclose(length[PATHS], strength[PATHS], rtol=1e-12, atol=1e-12)
    # the other columns are unweighted with distance=
    np.testing.assert_array_equal(length["strength"], length["degree"])
    assert not np.allclose(strength["strength"], strength["degree"])


def test_unused_weight_attribute_is_reported_in_attrs():
    assert "weights" in lsm.centrality_table(nx.karate_club_graph()).attrs
    assert "weights" not in lsm.centrality_table(nx.karate_club_graph(), weight="weight").attrs
    assert "weights" not in lsm.centrality_table(nx.path_graph(4)).attrs


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"weight": "weight", "distance": "length"}, "not both"),
        ({"distance": 3}, "'distance' parameter of centrality_table"),
        ({"distance": "missing"}, "has no such attribute"),
    ],
)
def test_bad_distance_arguments(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        lsm.centrality_table(_karate(), **kwargs)


@pytest.mark.parametrize("bad", [0.0, -1.0, float("inf"), "far"])
def test_lengths_must_be_positive_and_finite(bad):
    G = nx.path_graph(3)
    nx.set_edge_attributes(G, 1.0, "d")
    G[0][1]["d"] = bad
    with pytest.raises(InvalidParameterError, match="finite positive numbers"):
        lsm.centrality_table(G, distance="d")
