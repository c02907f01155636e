"""Tests of centrality_table (lsmnet.metrics.centrality) and the contract of per-node metrics.

Reference: networkx 3.6 on the same graphs (betweenness, closeness, harmonic, eigenvector,
PageRank, core number, clustering, articulation points, Burt's measures). Weighted shortest
paths use distance = 1 / weight in both; for weighted betweenness networkx is given exact
rational distances (fractions.Fraction), because with float distances it compares path lengths
exactly and misses ties such as 1/3 + 1/6 = 1/2 that igraph (with a tolerance) counts.
"""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet import (
    GraphTypeError,
    InvalidParameterError,
    LsmnetWarning,
    bonacich_power,
    constraint,
    effective_size,
    hierarchy,
)
from lsmnet.metrics import _engine, centrality
from lsmnet.metrics.centrality import centrality_table, sampling_error_bound


def davis_projection():
    B = nx.davis_southern_women_graph()
    women = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    return nx.bipartite.weighted_projected_graph(B, women)


def random_digraph(weighted: bool):
    D = nx.gnp_random_graph(40, 0.08, seed=5, directed=True)
    rng = np.random.default_rng(0)
    for u, v in D.edges:
        D[u][v]["w"] = int(rng.integers(1, 6)) if weighted else 1
    D.add_node("isolate")
    return D


def disconnected_graph():
    G = nx.disjoint_union(nx.karate_club_graph(), nx.cycle_graph(5))
    G.add_edges_from([("a", "b"), ("b", "c")])
    G.add_node("alone")
    return G


CASES = {
    "florentine": (nx.florentine_families_graph(), None),
    "kite": (nx.krackhardt_kite_graph(), None),
    "karate": (nx.karate_club_graph(), None),
    "karate-weighted": (nx.karate_club_graph(), "weight"),
    "davis": (davis_projection(), None),
    "davis-weighted": (davis_projection(), "weight"),
    "digraph": (random_digraph(False), None),
    "digraph-weighted": (random_digraph(True), "w"),
    "disconnected": (disconnected_graph(), None),
}


def networkx_columns(G, weight):
    """The same columns computed by networkx."""
    H = G.copy()
    distance = None
    if weight is not None:
        for _, _, d in H.edges(data=True):
            d["_distance"] = Fraction(1, int(d[weight]))
        distance = "_distance"
    cols = {
        "betweenness": nx.betweenness_centrality(H, weight=distance),
        "closeness": nx.closeness_centrality(H, distance=distance),
        "harmonic": nx.harmonic_centrality(H, distance=distance),
        "eigenvector": nx.eigenvector_centrality(G, weight=weight, tol=1e-15, max_iter=10**5),
        "pagerank": nx.pagerank(G, weight=weight, tol=1e-15, max_iter=10**5),
        "core_number": nx.core_number(G),
        "clustering": nx.clustering(G, weight=weight),
        "constraint": nx.constraint(G, weight=weight),
        "strength": dict(G.degree(weight=weight)),
        "degree": dict(G.degree()),
    }
    if G.is_directed():
        cols["in_degree"] = dict(G.in_degree())
        cols["out_strength"] = dict(G.out_degree(weight=weight))
        undirected = nx.Graph(G)
    else:
        undirected = G
        # networkx's per-node path: its all-node fast path is wrong on weighted graphs
        cols["effective_size"] = nx.effective_size(G, nodes=list(G), weight=weight)
    points = set(nx.articulation_points(undirected))
    cols["articulation_point"] = {v: v in points for v in G}
    return cols


@pytest.mark.parametrize("case", sorted(CASES))
def test_columns_match_networkx(case):
    G, weight = CASES[case]
    table = centrality_table(G, weight=weight)
    for column, expected in networkx_columns(G, weight).items():
        want = np.array([float(expected[v]) for v in G])
        np.testing.assert_allclose(
            table[column].to_numpy(dtype=float), want, atol=1e-9, rtol=0, err_msg=column
        )


def test_column_layout_and_dtypes():
    table = centrality_table(nx.karate_club_graph())
    assert list(table.columns) == [
        "degree",
        "strength",
        "betweenness",
        "closeness",
        "harmonic",
        "eigenvector",
        "pagerank",
        "effective_size",
        "efficiency",
        "constraint",
        "hierarchy",
        "core_number",
        "clustering",
        "articulation_point",
    ]
    assert table["degree"].dtype == np.int64 and table["core_number"].dtype == np.int64
    assert table["articulation_point"].dtype == bool
    directed = centrality_table(random_digraph(True), weight="w")
    assert list(directed.columns[:6]) == [
        "degree",
        "in_degree",
        "out_degree",
        "strength",
        "in_strength",
        "out_strength",
    ]


def test_structural_hole_columns_are_the_public_functions():
    G, weight = CASES["digraph-weighted"]
    table = centrality_table(G, weight=weight)
    pd.testing.assert_series_equal(table["constraint"], constraint(G, weight=weight))
    pd.testing.assert_series_equal(table["effective_size"], effective_size(G, weight=weight))
    pd.testing.assert_series_equal(table["hierarchy"], hierarchy(G, weight=weight))
    contacts = np.array([len(set(nx.all_neighbors(G, v))) for v in G], dtype=float)
    with np.errstate(invalid="ignore"):
        np.testing.assert_allclose(table["efficiency"], table["effective_size"] / contacts)


def test_weight_meaning_strength_sums_and_paths_use_inverse_weights():
    # a strong two-step detour (weights 4, 4: length 1/2) beats a weak direct tie (length 1)
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 1.0), ("a", "c", 4.0), ("c", "b", 4.0)])
    table = centrality_table(G, weight="weight")
    assert table.loc["a", "strength"] == 5.0
    assert table.loc["c", "betweenness"] == 1.0
    assert centrality_table(G).loc["c", "betweenness"] == 0.0


def test_zero_weight_tie_counts_for_degree_only():
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 1.0), (1, 2, 1.0), (0, 2, 0.0)])
    table = centrality_table(G, weight="weight")
    path = centrality_table(nx.path_graph(3))
    assert table.loc[0, "degree"] == 2
    for column in ["betweenness", "closeness", "constraint", "clustering", "core_number"]:
        assert table[column].tolist() == pytest.approx(path[column].tolist()), column


def test_self_loops_only_change_degree_and_strength():
    G = nx.karate_club_graph()
    H = G.copy()
    H.add_edge(0, 0, weight=3)
    a, b = centrality_table(G, weight="weight"), centrality_table(H, weight="weight")
    assert b.loc[0, "degree"] == a.loc[0, "degree"] + 2
    assert b.loc[0, "strength"] == a.loc[0, "strength"] + 6
    rest = a.columns.drop(["degree", "strength"])
    pd.testing.assert_frame_equal(a[rest], b[rest])


@pytest.mark.parametrize("case", ["digraph-weighted", "davis-weighted"])
def test_sparse_products_in_blocks_give_the_same_table(case, monkeypatch):
    G, weight = CASES[case]
    whole = centrality_table(G, weight=weight)
    monkeypatch.setattr(_engine, "_BLOCK_ENTRIES", 7)
    pd.testing.assert_frame_equal(centrality_table(G, weight=weight), whole, atol=1e-14, rtol=0)


# --- eigenvector conventions ---------------------------------------------------------------


def test_eigenvector_on_disconnected_graph_is_networkx_power_iteration_limit():
    G = nx.disjoint_union_all([nx.complete_graph(3), nx.complete_graph(3), nx.path_graph(4)])
    G.add_node("alone")
    expected = nx.eigenvector_centrality(G, tol=1e-15, max_iter=10**5)
    got = centrality_table(G)["eigenvector"]
    np.testing.assert_allclose(got.to_numpy(), [expected[v] for v in G], atol=1e-12)
    assert got.iloc[:6].tolist() == pytest.approx([1 / np.sqrt(6)] * 6)
    assert (got.iloc[6:] == 0).all()


def test_eigenvector_without_ties_is_uniform():
    for G in (nx.empty_graph(4), nx.empty_graph(4, create_using=nx.DiGraph)):
        assert centrality_table(G)["eigenvector"].tolist() == pytest.approx([0.5] * 4)


def test_eigenvector_sparse_eigensolver_path(monkeypatch):
    monkeypatch.setattr(centrality, "_DENSE_EIGEN_MAX_NODES", 0)
    G = davis_projection()
    expected = nx.eigenvector_centrality_numpy(G, weight="weight")
    got = centrality_table(G, weight="weight")["eigenvector"]
    np.testing.assert_allclose(got.to_numpy(), [expected[v] for v in G], atol=1e-12)


def test_eigenvector_of_acyclic_digraph_is_nan_with_warning():
    D = nx.DiGraph([(0, 1), (1, 2), (0, 2)])
    with pytest.warns(LsmnetWarning, match="'eigenvector' column is NaN"):
        table = centrality_table(D)
    assert table["eigenvector"].isna().all()
    assert table["pagerank"].notna().all()


def test_eigenvector_power_iteration_that_stalls_is_nan(monkeypatch):
    monkeypatch.setattr(centrality, "_POWER_MAX_ITER", 2)
    with pytest.warns(LsmnetWarning, match="undefined"):
        table = centrality_table(random_digraph(False))
    assert table["eigenvector"].isna().all()


# --- approximate path measures -------------------------------------------------------------

PATHS = ["betweenness", "closeness", "harmonic"]


def _chosen(G, k, seed):
    nodes = list(G)
    picks = np.sort(np.random.default_rng(seed).choice(len(nodes), size=k, replace=False))
    return [nodes[i] for i in picks]


def test_approx_with_all_sources_equals_exact():
    for G, weight in (CASES["karate-weighted"], CASES["digraph"], CASES["disconnected"]):
        exact = centrality_table(G, weight=weight)
        full = centrality_table(G, weight=weight, approx=len(G), seed=3)
        # every node a source takes the exact branch itself (issue 18): identical, not close
        pd.testing.assert_frame_equal(full, exact, check_exact=True)
        assert full.attrs["path_measures"] == "exact" and "sources" not in full.attrs
        # more sources than nodes means every node
        more = centrality_table(G, weight=weight, approx=10 * len(G), seed=3)
        np.testing.assert_allclose(more[PATHS], exact[PATHS], atol=1e-12, rtol=0)


@pytest.mark.parametrize("case", ["karate", "digraph"])
def test_approx_betweenness_is_networkx_subset_betweenness_scaled(case):
    G, _ = CASES[case]
    n, k = len(G), 10
    table = centrality_table(G, approx=k, seed=42)
    subset = nx.betweenness_centrality_subset(G, sources=_chosen(G, k, 42), targets=list(G))
    scale = n / k * (1.0 if G.is_directed() else 2.0) / ((n - 1) * (n - 2))
    expected = np.array([subset[v] * scale for v in G])
    np.testing.assert_allclose(table["betweenness"].to_numpy(), expected, atol=1e-12)
    assert table.attrs["path_measures"] == "approximate"
    assert table.attrs["sources"] == k
    assert table.attrs["error_bound"] == pytest.approx(
        n / (n - 1) * np.sqrt(np.log(4 * n / 0.05) / (2 * (k - 1)))
    )


@pytest.mark.parametrize("case", ["karate-weighted", "digraph-weighted", "disconnected"])
def test_approx_closeness_and_harmonic_follow_the_estimators(case, monkeypatch):
    # brute force with networkx's Dijkstra from the same sampled sources
    monkeypatch.setattr(_engine, "_DISTANCE_BLOCK_ENTRIES", 50)  # several blocks
    G, weight = CASES[case]
    n, k = len(G), 12
    table = centrality_table(G, weight=weight, approx=k, seed=9)
    chosen = _chosen(G, k, 9)
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["_distance"] = 1.0 / d[weight] if weight else 1.0
    reached, total, inverse = dict.fromkeys(G, 0), dict.fromkeys(G, 0.0), dict.fromkeys(G, 0.0)
    for s in chosen:
        for v, d in nx.single_source_dijkstra_path_length(H, s, weight="_distance").items():
            if v != s:
                reached[v] += 1
                total[v] += d
                inverse[v] += 1 / d
    for v in G:
        others = k - (v in chosen)
        harmonic = (n - 1) / others * inverse[v]
        closeness = reached[v] ** 2 / (others * total[v]) if reached[v] else 0.0
        assert table.loc[v, "harmonic"] == pytest.approx(harmonic, abs=1e-9)
        assert table.loc[v, "closeness"] == pytest.approx(closeness, abs=1e-12)


def test_approx_is_seeded_and_within_bound():
    G = nx.karate_club_graph()
    a = centrality_table(G, approx=12, seed=7)
    b = centrality_table(G, approx=12, seed=np.random.default_rng(7))
    c = centrality_table(G, approx=12, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["betweenness"], c["betweenness"])
    exact = centrality_table(G)
    bound = a.attrs["error_bound"]
    assert (a["betweenness"] - exact["betweenness"]).abs().max() <= bound
    assert ((a["harmonic"] - exact["harmonic"]) / (len(G) - 1)).abs().max() <= bound


def test_large_graphs_default_to_sampled_path_measures(monkeypatch):
    monkeypatch.setattr(centrality, "EXACT_PATHS_MAX_NODES", 30)
    monkeypatch.setattr(centrality, "DEFAULT_SOURCES", 5)
    table = centrality_table(nx.karate_club_graph(), seed=1)
    assert table.attrs["path_measures"] == "approximate"
    assert table.attrs["sources"] == 5
    assert centrality_table(nx.krackhardt_kite_graph()).attrs["path_measures"] == "exact"


def test_error_bound_formula():
    assert sampling_error_bound(100, 100) == 0.0
    assert sampling_error_bound(10_000, 1_000) == pytest.approx(
        10_000 / 9_999 * np.sqrt(np.log(4 * 10_000 / 0.05) / 1_998)
    )


# --- edge cases and errors -----------------------------------------------------------------


def test_empty_and_single_node_graphs():
    empty = centrality_table(nx.Graph())
    assert empty.empty and "betweenness" in empty.columns
    one = centrality_table(nx.empty_graph(1)).iloc[0]
    assert one["degree"] == 0 and one["betweenness"] == 0 and one["closeness"] == 0
    assert one["eigenvector"] == 1 and one["pagerank"] == 1
    assert np.isnan(one["constraint"]) and np.isnan(one["hierarchy"])
    sampled = centrality_table(nx.empty_graph(1), approx=5)
    pd.testing.assert_frame_equal(sampled, centrality_table(nx.empty_graph(1)))


def test_tuple_nodes_index_like_pandas():
    # equal-length tuples (the builders' ("org", id) nodes) give a MultiIndex
    G = nx.relabel_nodes(nx.path_graph(3), {0: ("org", "a"), 1: ("org", "b"), 2: ("c", "x")})
    table = centrality_table(G)
    assert isinstance(table.index, pd.MultiIndex) and list(table.index) == list(G)
    assert table.loc[("org", "b"), "betweenness"] == 1.0
    assert table.loc["org"].shape[0] == 2
    # tuples of mixed lengths would be padded with NaN in a MultiIndex: they stay whole
    H = nx.relabel_nodes(nx.path_graph(3), {0: ("a", "b"), 1: ("c",), 2: ("d", "e", "f")})
    s = constraint(H)
    assert list(s.index) == list(H)
    assert s[("c",)] == pytest.approx(0.5)


def test_errors():
    G = nx.path_graph(4)
    with pytest.raises(GraphTypeError, match="expects a networkx graph"):
        centrality_table({0: [1]})
    with pytest.raises(GraphTypeError, match="multigraphs"):
        centrality_table(nx.MultiGraph(G))
    with pytest.raises(InvalidParameterError, match="has no such attribute"):
        centrality_table(G, weight="w")
    with pytest.raises(InvalidParameterError, match="finite non-negative"):
        centrality_table(nx.Graph([(0, 1, {"w": float("inf")})]), weight="w")
    for bad in (0, 1, -3, 2.5, True, "10"):
        with pytest.raises(InvalidParameterError, match="'approx' parameter of centrality_table"):
            centrality_table(G, approx=bad)
    with pytest.raises(InvalidParameterError, match="'seed' parameter of centrality_table"):
        centrality_table(G, seed=-1)


# --- contract: every per-node metric of this helper ----------------------------------------

PER_NODE = {
    "centrality_table": lambda G: centrality_table(G, weight="w"),
    "constraint": lambda G: constraint(G, weight="w"),
    "effective_size": lambda G: effective_size(G, weight="w"),
    "hierarchy": lambda G: hierarchy(G, weight="w"),
    "bonacich_power": lambda G: bonacich_power(G, beta=0.02, weight="w"),
}


@pytest.mark.parametrize("name", sorted(PER_NODE))
@pytest.mark.parametrize("directed", [False, True])
def test_contract_index_relabelling_and_no_mutation(name, directed):
    G = random_digraph(True) if directed else nx.Graph(random_digraph(True))
    f = PER_NODE[name]
    before = (list(G.nodes(data=True)), list(G.edges(data=True)))
    result = f(G)
    assert list(result.index) == list(G)
    mapping = {v: f"node {v}" for v in G}
    relabelled = f(nx.relabel_nodes(G, mapping))
    assert list(relabelled.index) == [mapping[v] for v in G]
    np.testing.assert_array_equal(
        np.asarray(relabelled, dtype=float), np.asarray(result, dtype=float)
    )
    assert (list(G.nodes(data=True)), list(G.edges(data=True))) == before
    if isinstance(result, pd.Series):
        assert result.name == name


def test_default_sample_never_exceeds_the_nodes(monkeypatch):
    # a lowered size limit must not ask for more sampled sources than there are nodes;
    # sampling every node is the exact computation (reference: the default table)
    G = nx.karate_club_graph()
    exact = centrality_table(G)
    monkeypatch.setattr(centrality, "EXACT_PATHS_MAX_NODES", 10)
    monkeypatch.setattr(centrality, "DEFAULT_SOURCES", 1_000)
    table = centrality_table(G, seed=0)
    assert table.attrs["path_measures"] == "exact"
    pd.testing.assert_frame_equal(table, exact)


@pytest.mark.parametrize("limit", [5_000, 10])
def test_betweenness_series_is_the_tables_column(monkeypatch, limit):
    # reference: centrality_table's own column, exact and sampled (same seed, same sources)
    monkeypatch.setattr(centrality, "EXACT_PATHS_MAX_NODES", limit)
    monkeypatch.setattr(centrality, "DEFAULT_SOURCES", 12)
    G = nx.karate_club_graph()
    table = centrality_table(G, seed=3)
    alone = centrality.betweenness_series(G, seed=3)
    pd.testing.assert_series_equal(alone, table["betweenness"], check_exact=True)
    # the table also notes the unused 'weight' attribute of the karate club; the path attrs agree
    assert alone.attrs == {k: v for k, v in table.attrs.items() if k != "weights"}
    assert alone.attrs["path_measures"] == ("exact" if limit > 34 else "approximate")
