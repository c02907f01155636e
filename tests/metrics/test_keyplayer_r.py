"""lsmnet's fragmentation and key players against the real R package keyplayer 1.0.4.

Reference values: tests/reference/keyplayer_real.R (keyplayer 1.0.4 built from the CRAN sources
in the cran/keyplayer mirror, R 4.2.2, sna 2.7-1, igraph 1.3.5), written to
tests/reference/keyplayer_real_fragment.csv and tests/reference/keyplayer_real_sets.csv.
keyplayer's ``fragment`` is Borgatti's distance-weighted fragmentation of the network left
after deleting the nodes, normalised by the largest inverse distance (1 on binary graphs).
"""

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet

REFERENCE = Path(__file__).resolve().parent.parent / "reference"

GRAPHS = {
    "kite": nx.krackhardt_kite_graph,
    "florentine": nx.florentine_families_graph,
    "karate": nx.karate_club_graph,
    "davis": nx.davis_southern_women_graph,
    "digraph": lambda: nx.gnp_random_graph(20, 0.2, seed=5, directed=True),
}


@pytest.fixture(scope="module")
def per_node():
    return pd.read_csv(REFERENCE / "keyplayer_real_fragment.csv")


@pytest.fixture(scope="module")
def sets():
    return pd.read_csv(REFERENCE / "keyplayer_real_sets.csv")


@pytest.mark.parametrize("name", list(GRAPHS))
def test_fragmentation_without_each_node_matches_r_keyplayer_fragment(name, per_node):
    """R keyplayer 1.0.4 ``fragment(A)`` and ``kpcent(A, v, type = "fragment")``
    (tests/reference/keyplayer_real.R) equal F_d(G - v) = fragmentation_centrality + F_d(G)."""
    G = GRAPHS[name]()
    ref = per_node[per_node["graph"] == name].sort_values("node")
    assert len(ref) == G.number_of_nodes()
    got = lsmnet.fragmentation_centrality(G, distance_weighted=True) + lsmnet.fragmentation(
        G, distance_weighted=True
    )
    assert list(got.index) == list(G.nodes)
    np.testing.assert_allclose(got.to_numpy(), ref["fragment"].to_numpy(), rtol=0, atol=1e-9)
    np.testing.assert_allclose(got.to_numpy(), ref["kpcent"].to_numpy(), rtol=0, atol=1e-9)


@pytest.mark.parametrize("name", list(GRAPHS))
@pytest.mark.parametrize("k", [2, 3])
def test_key_players_match_r_keyplayer_kpset(name, k, sets):
    """R keyplayer 1.0.4 ``kpset(A, k, type = "fragment")`` and the optimum over every k-set
    scored by ``kpcent(type = "fragment")`` (tests/reference/keyplayer_real.R): where that
    optimum is unique, lsmnet's key_players(distance_weighted=True) finds the same set and
    score."""
    G = GRAPHS[name]()
    nodes = list(G.nodes)
    row = sets[(sets["graph"] == name) & (sets["k"] == k)].iloc[0]
    assert row["n_best"] == 1, "the R optimum is not unique; the comparison would be ambiguous"
    best = lsmnet.key_players(G, k, distance_weighted=True)
    found = "|".join(str(i) for i in sorted(nodes.index(v) for v in best.nodes))
    assert found == row["best_nodes"] == row["kpset_nodes"]
    assert best.score == pytest.approx(row["best_score"], abs=1e-9)
    assert best.score == pytest.approx(row["kpset_score"], abs=1e-9)
