"""Tests of Freeman centralization (lsmnet.metrics.centralization).

References: R sna 2.7-1 ``centralization`` and R igraph 1.3.5 ``centr_*`` values in
tests/reference/centralization_sna.csv, written by tests/reference/centralization_sna.R from
the edge lists in tests/reference/centralization_graphs.csv (checked below against networkx's
built-in graphs); closed forms for stars, cycles and complete graphs.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet import GraphTypeError, InvalidParameterError, LsmnetWarning
from lsmnet.metrics.centralization import centralization

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
MEASURES = ["degree", "betweenness", "closeness", "eigenvector"]


def reference_graphs() -> dict[str, nx.Graph]:
    edges = pd.read_csv(REFERENCE / "centralization_graphs.csv")
    graphs = {}
    for name, e in edges.groupby("graph", sort=False):
        G = nx.DiGraph() if e["directed"].iloc[0] else nx.Graph()
        G.add_nodes_from(range(e["n"].iloc[0]))
        G.add_weighted_edges_from(e[["source", "target", "weight"]].itertuples(index=False))
        graphs[name] = G
    return graphs


GRAPHS = reference_graphs()
SNA = pd.read_csv(REFERENCE / "centralization_sna.csv", keep_default_na=False)


def _davis_projection():
    B = nx.davis_southern_women_graph()
    women = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    return nx.bipartite.weighted_projected_graph(B, women)


def _reference_digraph():
    D = nx.gnp_random_graph(15, 0.2, seed=1, directed=True)
    rng = np.random.default_rng(7)
    for u, v in D.edges:
        D[u][v]["weight"] = int(rng.integers(1, 6))
    return D


def test_reference_edge_lists_are_the_networkx_graphs():
    originals = {
        "florentine": nx.florentine_families_graph(),
        "kite": nx.krackhardt_kite_graph(),
        "karate": nx.karate_club_graph(),
        "davis": _davis_projection(),
        "star": nx.star_graph(5),
        "cycle": nx.cycle_graph(6),
        "digraph": _reference_digraph(),
    }
    assert set(originals) == set(GRAPHS)
    for name, G in originals.items():
        H = nx.convert_node_labels_to_integers(G)
        expected = {(u, v, d.get("weight", 1)) for u, v, d in H.edges(data=True)}
        got = {(u, v, d["weight"]) for u, v, d in GRAPHS[name].edges(data=True)}
        if not H.is_directed():
            expected = {(min(u, v), max(u, v), w) for u, v, w in expected}
            got = {(min(u, v), max(u, v), w) for u, v, w in got}
        assert got == expected, name
        assert GRAPHS[name].number_of_nodes() == H.number_of_nodes()


@pytest.mark.parametrize(
    "row",
    list(SNA.itertuples(index=False)),
    ids=[f"{r.graph}-{r.measure}-{r.mode or 'none'}-{r.package}" for r in SNA.itertuples()],
)
def test_matches_r_sna_and_igraph(row):
    got = centralization(GRAPHS[row.graph], row.measure, mode=row.mode or None)
    # sna's evcent stops its power iteration at tol 1e-10
    tolerance = 1e-9 if row.measure == "eigenvector" else 1e-12
    assert got == pytest.approx(float(row.value), abs=tolerance)


@pytest.mark.parametrize("n", [3, 4, 7, 12])
@pytest.mark.parametrize("measure", ["degree", "betweenness", "closeness"])
def test_star_is_one_and_regular_graphs_are_zero(n, measure):
    assert centralization(nx.star_graph(n - 1), measure) == pytest.approx(1.0, abs=1e-12)
    assert centralization(nx.cycle_graph(n), measure) == pytest.approx(0.0, abs=1e-12)
    assert centralization(nx.complete_graph(n), measure) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("n", [4, 6, 11])
def test_eigenvector_star_closed_form(n):
    # unit-norm eigenvector: centre 1/sqrt(2), leaves 1/sqrt(2(n-1)); maximum (n-2)/sqrt(2)
    expected = (n - 1 - np.sqrt(n - 1)) / (n - 2)
    assert centralization(nx.star_graph(n - 1), "eigenvector") == pytest.approx(expected)
    assert centralization(nx.cycle_graph(n), "eigenvector") == pytest.approx(0.0, abs=1e-12)
    assert centralization(nx.complete_graph(n), "eigenvector") == pytest.approx(0.0, abs=1e-12)


def test_directed_stars_reach_one():
    n = 6
    in_star = nx.DiGraph([(i, 0) for i in range(1, n)])
    out_star = nx.DiGraph([(0, i) for i in range(1, n)])
    both = nx.DiGraph(list(in_star.edges) + list(out_star.edges))
    assert centralization(in_star, "degree", mode="in") == pytest.approx(1.0)
    assert centralization(out_star, "degree", mode="out") == pytest.approx(1.0)
    assert centralization(both, "degree") == pytest.approx(1.0)
    assert centralization(both, "betweenness") == pytest.approx(1.0)
    assert centralization(both, "closeness", mode="all") == pytest.approx(1.0)


def test_closeness_is_nan_without_connectivity():
    two_parts = nx.disjoint_union(nx.path_graph(3), nx.path_graph(3))
    assert np.isnan(centralization(two_parts, "closeness"))
    chain = nx.DiGraph([(0, 1), (1, 2), (2, 3)])  # weakly but not strongly connected
    assert np.isnan(centralization(chain, "closeness"))
    assert np.isnan(centralization(chain, "closeness", mode="in"))
    undirected_chain = centralization(nx.path_graph(4), "closeness")
    assert centralization(chain, "closeness", mode="all") == pytest.approx(undirected_chain)


def test_eigenvector_of_acyclic_digraph_is_nan_with_warning():
    with pytest.warns(LsmnetWarning, match="Eigenvector centrality is undefined"):
        value = centralization(nx.DiGraph([(0, 1), (1, 2), (0, 2)]), "eigenvector")
    assert np.isnan(value)


@pytest.mark.parametrize("measure", MEASURES)
def test_weights_and_self_loops_are_ignored(measure):
    G = nx.karate_club_graph()  # has a 'weight' attribute
    H = nx.Graph(G.edges())
    G2 = G.copy()
    G2.add_edge(0, 0)
    assert centralization(G2, measure) == pytest.approx(centralization(H, measure), abs=1e-12)


@pytest.mark.parametrize("measure", MEASURES)
def test_relabelling_and_no_mutation(measure):
    D = GRAPHS["digraph"]
    before = nx.to_dict_of_dicts(D)
    relabelled = nx.relabel_nodes(D, {v: f"org-{v}" for v in D})
    assert centralization(relabelled, measure) == pytest.approx(
        centralization(D, measure), abs=1e-12
    )
    assert nx.to_dict_of_dicts(D) == before


def test_errors():
    with pytest.raises(GraphTypeError, match="expects a networkx graph"):
        centralization(np.ones((3, 3)))
    with pytest.raises(GraphTypeError, match="multigraphs"):
        centralization(nx.MultiGraph(nx.path_graph(4)))
    with pytest.raises(InvalidParameterError, match="at least 3 node"):
        centralization(nx.path_graph(2))
    with pytest.raises(InvalidParameterError, match="The 'measure' parameter of centralization"):
        centralization(nx.path_graph(4), "pagerank")
    with pytest.raises(InvalidParameterError, match="must be None for degree on undirected"):
        centralization(nx.path_graph(4), "degree", mode="in")
    with pytest.raises(InvalidParameterError, match="must be None for betweenness on directed"):
        centralization(GRAPHS["digraph"], "betweenness", mode="out")
    with pytest.raises(InvalidParameterError, match=r"The 'mode' parameter .* 'out', 'in'"):
        centralization(GRAPHS["digraph"], "eigenvector", mode="all")
