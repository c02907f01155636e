"""Tests of cohesion_summary (lsmnet.metrics.cohesion).

Reference: networkx 3.6 on the same graphs (density, components, distances, transitivity,
clustering, reciprocity, assortativity, Louvain communities with the same seed and their
modularity).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet import GraphTypeError, InvalidParameterError
from lsmnet.metrics.cohesion import cohesion_summary

MEASURES = [
    "nodes",
    "ties",
    "density",
    "average_degree",
    "components",
    "strong_components",
    "largest_component_share",
    "diameter",
    "mean_distance",
    "transitivity",
    "average_clustering",
    "reciprocity",
    "degree_assortativity",
    "communities",
    "modularity",
]


def davis_projection():
    B = nx.davis_southern_women_graph()
    women = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    return nx.bipartite.weighted_projected_graph(B, women)


def disconnected_graph():
    G = nx.disjoint_union(nx.karate_club_graph(), nx.florentine_families_graph())
    G.add_edge("x", "y")
    G.add_node("alone")
    return G


GRAPHS = {
    "florentine": nx.florentine_families_graph(),
    "kite": nx.krackhardt_kite_graph(),
    "karate": nx.karate_club_graph(),
    "davis": davis_projection(),
    "disconnected": disconnected_graph(),
    "digraph": nx.gnp_random_graph(40, 0.08, seed=5, directed=True),
    "sparse-digraph": nx.gnp_random_graph(60, 0.03, seed=2, directed=True),
}


def networkx_summary(G, seed):
    directed = G.is_directed()
    find = nx.weakly_connected_components if directed else nx.connected_components
    components = list(find(G))
    if directed:
        core = max(nx.strongly_connected_components(G), key=len)
    else:
        core = max(components, key=len)
    sub = G.subgraph(core)
    communities = nx.community.louvain_communities(G, weight=None, seed=seed)
    n, m = G.number_of_nodes(), G.number_of_edges()
    return {
        "nodes": n,
        "ties": m,
        "density": nx.density(G),
        "average_degree": sum(d for _, d in G.degree()) / n,
        "components": len(components),
        "strong_components": nx.number_strongly_connected_components(G) if directed else np.nan,
        "largest_component_share": max(len(c) for c in components) / n,
        "diameter": nx.diameter(sub),
        "mean_distance": nx.average_shortest_path_length(sub),
        "transitivity": nx.transitivity(nx.Graph(G)),
        "average_clustering": nx.average_clustering(G),
        "reciprocity": nx.overall_reciprocity(G) if directed else np.nan,
        "degree_assortativity": nx.degree_assortativity_coefficient(G),
        "communities": len(communities),
        "modularity": nx.community.modularity(G, communities, weight=None),
    }


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_matches_networkx(name):
    G = GRAPHS[name]
    got = cohesion_summary(G, seed=3)
    expected = pd.Series(networkx_summary(G, seed=3), dtype=float)
    assert list(got.index) == MEASURES
    assert got.name == "cohesion"
    pd.testing.assert_series_equal(got, expected.loc[MEASURES], check_names=False, atol=1e-12)


def test_seed_fixes_the_partition():
    G = nx.karate_club_graph()
    pd.testing.assert_series_equal(cohesion_summary(G, seed=5), cohesion_summary(G, seed=5))
    from_generator = cohesion_summary(G, seed=np.random.default_rng(5))
    assert from_generator["modularity"] == pytest.approx(
        cohesion_summary(G, seed=np.random.default_rng(5))["modularity"]
    )


def test_largest_component_tie_goes_to_the_first_in_node_order():
    G = nx.disjoint_union(nx.path_graph(4), nx.star_graph(3))  # both have 4 nodes
    assert cohesion_summary(G)["diameter"] == 3.0
    H = nx.disjoint_union(nx.star_graph(3), nx.path_graph(4))
    assert cohesion_summary(H)["diameter"] == 2.0


def test_weights_and_self_loops_are_ignored():
    G = nx.karate_club_graph()
    H = nx.Graph()
    H.add_nodes_from(G)  # same node order: Louvain's result depends on it
    H.add_edges_from(G.edges())
    H.add_edge(0, 0)
    pd.testing.assert_series_equal(cohesion_summary(G), cohesion_summary(H))


def test_single_node_and_edgeless_graphs():
    one = cohesion_summary(nx.empty_graph(1))
    assert one["nodes"] == 1 and one["components"] == 1 and one["diameter"] == 0
    for measure in ["density", "mean_distance", "transitivity", "modularity"]:
        assert np.isnan(one[measure]), measure
    edgeless = cohesion_summary(nx.empty_graph(5, create_using=nx.DiGraph))
    assert edgeless["density"] == 0 and edgeless["components"] == 5
    assert edgeless["communities"] == 5
    for measure in ["reciprocity", "degree_assortativity", "modularity"]:
        assert np.isnan(edgeless[measure]), measure


def test_input_is_not_mutated_and_relabelling_changes_nothing():
    G = nx.gnp_random_graph(30, 0.1, seed=1, directed=True)
    before = nx.to_dict_of_dicts(G)
    a = cohesion_summary(G)
    b = cohesion_summary(nx.relabel_nodes(G, {v: f"v{v:02d}" for v in G}))
    assert nx.to_dict_of_dicts(G) == before
    pd.testing.assert_series_equal(
        a.drop(["communities", "modularity"]), b.drop(["communities", "modularity"])
    )


def test_errors():
    with pytest.raises(GraphTypeError, match="expects a networkx graph"):
        cohesion_summary(None)
    with pytest.raises(GraphTypeError, match="multigraphs"):
        cohesion_summary(nx.MultiGraph([(0, 1)]))
    with pytest.raises(InvalidParameterError, match="at least 1 node"):
        cohesion_summary(nx.Graph())
    with pytest.raises(InvalidParameterError, match="'seed' parameter of cohesion_summary"):
        cohesion_summary(nx.path_graph(3), seed="x")
