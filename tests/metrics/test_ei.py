"""Tests of lsmnet.metrics.ei (Krackhardt–Stern E-I index).

References: a brute-force loop over the edges written here (Krackhardt & Stern 1988 definition,
(E - I) / (E + I)), and for the permutation test the exact permutation distribution obtained
by enumerating every relabeling of a small graph.
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet.exceptions import GraphTypeError, InvalidParameterError
from lsmnet.metrics.ei import ei_index


def brute_ei(G, groups, level, weight=None):
    """E-I from first principles: one pass over the ties, counting by hand."""

    def w(d):
        return 1.0 if weight is None else d[weight]

    def ratio(e, i):
        return (e - i) / (e + i) if e + i else np.nan

    edges = [(a, b, w(d)) for a, b, d in G.edges(data=True) if a != b]
    if level == "network":
        e = sum(x for a, b, x in edges if groups[a] != groups[b])
        i = sum(x for a, b, x in edges if groups[a] == groups[b])
        return ratio(e, i)
    if level == "node":
        out = {}
        for node in G:
            e = i = 0.0
            for a, b, x in edges:
                ends = [(a, b)] if G.is_directed() else [(a, b), (b, a)]
                for s, t in ends:
                    if s == node:
                        if groups[t] == groups[s]:
                            i += x
                        else:
                            e += x
            out[node] = ratio(e, i)
        return out
    out = {}
    for g in dict.fromkeys(groups[v] for v in G):
        i = sum(x for a, b, x in edges if groups[a] == g and groups[b] == g)
        if G.is_directed():
            e = sum(x for a, b, x in edges if groups[a] == g and groups[b] != g)
        else:
            e = sum(x for a, b, x in edges if (groups[a] == g) != (groups[b] == g))
        out[g] = ratio(e, i)
    return out


def florentine_groups():
    G = nx.florentine_families_graph()
    return G, {v: ["a", "b", "c"][i % 3] for i, v in enumerate(sorted(G))}


def weighted_digraph():
    rng = np.random.default_rng(7)
    G = nx.gnp_random_graph(15, 0.3, seed=3, directed=True)
    for a, b in G.edges:
        G.edges[a, b]["w"] = float(rng.integers(1, 5))
    return G, {v: v % 3 for v in G}


CASES = {
    "karate": (nx.karate_club_graph(), "club"),
    "florentine": florentine_groups(),
    "kite": (nx.krackhardt_kite_graph(), {v: v < 5 for v in range(10)}),
    "digraph": (
        nx.gnp_random_graph(20, 0.2, seed=5, directed=True),
        {v: v % 4 for v in range(20)},
    ),
}


def as_mapping(G, group):
    return nx.get_node_attributes(G, group) if isinstance(group, str) else group


@pytest.mark.parametrize("name", CASES)
def test_network_level_matches_brute_force(name):
    G, group = CASES[name]
    expected = brute_ei(G, as_mapping(G, group), "network")
    assert ei_index(G, group) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("level", ["group", "node"])
def test_group_and_node_levels_match_brute_force(name, level):
    G, group = CASES[name]
    expected = pd.Series(brute_ei(G, as_mapping(G, group), level), dtype=float)
    result = ei_index(G, group, level=level)
    got = result["ei"] if level == "group" else result
    pd.testing.assert_series_equal(got, expected, check_names=False, check_index_type=False)


def test_karate_counts():
    # 78 friendships in Zachary's club; 11 cross the two factions (brute-force count).
    G = nx.karate_club_graph()
    table = ei_index(G, "club", level="group")
    assert table.loc["Mr. Hi", "size"] == 17
    assert table["external"].tolist() == [11.0, 11.0]
    assert table["internal"].sum() + 11 == 78
    assert ei_index(G, "club") == pytest.approx((11 - 67) / 78)


def test_weighted_directed_matches_brute_force():
    G, groups = weighted_digraph()
    for level in ("network", "group", "node"):
        expected = brute_ei(G, groups, level, weight="w")
        result = ei_index(G, groups, level=level, weight="w")
        if level == "network":
            assert result == pytest.approx(expected)
        else:
            got = result["ei"] if level == "group" else result
            np.testing.assert_allclose(got.to_numpy(), list(expected.values()))


def test_node_level_is_indexed_by_node_and_named():
    G = nx.krackhardt_kite_graph()
    s = ei_index(G, {v: v % 2 for v in G}, level="node")
    assert list(s.index) == list(G.nodes)
    assert s.name == "ei_index"


def test_relabelling_permutes_results():
    G, groups = florentine_groups()
    mapping = {v: v.upper() for v in G}
    H = nx.relabel_nodes(G, mapping)
    a = ei_index(G, groups, level="node")
    b = ei_index(H, {mapping[v]: g for v, g in groups.items()}, level="node")
    np.testing.assert_allclose(b[[mapping[v] for v in a.index]].to_numpy(), a.to_numpy())


def test_isolates_and_tieless_groups_are_nan():
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    groups = {0: "x", 1: "y", 2: "z"}
    node = ei_index(G, groups, level="node")
    assert node[0] == 1.0 and np.isnan(node[2])
    assert np.isnan(ei_index(G, groups, level="group").loc["z", "ei"])


def test_self_loops_are_ignored():
    G = nx.Graph([(0, 1), (1, 1)])
    assert ei_index(G, {0: 1, 1: 2}) == 1.0


def test_empty_and_single_node_graphs():
    assert np.isnan(ei_index(nx.Graph(), {}))
    assert ei_index(nx.Graph(), {}, level="node").empty
    assert ei_index(nx.Graph(), {}, level="group").empty
    G = nx.Graph()
    G.add_node("a", g=1)
    assert np.isnan(ei_index(G, "g"))
    assert np.isnan(ei_index(G, "g", permutations=10, seed=0).loc["network", "p_value"])


def exact_two_sided_p(G, groups):
    """Exact permutation p-value: every distinct relabeling, equally likely."""
    nodes = list(G)
    labels = [groups[v] for v in nodes]
    values = []
    for perm in set(itertools.permutations(labels)):
        values.append(brute_ei(G, dict(zip(nodes, perm, strict=True)), "network"))
    values = np.array(values)
    obs = brute_ei(G, groups, "network")
    mean = values.mean()
    return np.mean(np.abs(values - mean) >= abs(obs - mean) - 1e-12)


def test_permutation_p_value_converges_to_exact_distribution():
    G = nx.krackhardt_kite_graph().subgraph(range(8)).copy()
    groups = {v: v % 2 for v in G}
    exact = exact_two_sided_p(G, groups)
    table = ei_index(G, groups, permutations=20_000, seed=11)
    assert table.loc["network", "p_value"] == pytest.approx(exact, abs=0.01)
    assert table.loc["network", "ei"] == pytest.approx(brute_ei(G, groups, "network"))


def test_permutation_is_seeded_and_never_zero():
    G = nx.karate_club_graph()
    a = ei_index(G, "club", level="node", permutations=200, seed=3)
    b = ei_index(G, "club", level="node", permutations=200, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert (a["p_value"].dropna() >= 1 / 201).all()
    assert list(a.columns) == ["internal", "external", "ei", "null_mean", "p_value"]
    group = ei_index(G, "club", level="group", permutations=1200, seed=3)
    assert group.loc["Mr. Hi", "p_value"] == pytest.approx(1 / 1201)


def test_does_not_mutate_inputs():
    G, groups = florentine_groups()
    before_nodes, before_edges = dict(G.nodes(data=True)), list(G.edges(data=True))
    before_groups = dict(groups)
    ei_index(G, groups, level="node", permutations=5, seed=0)
    assert dict(G.nodes(data=True)) == before_nodes
    assert list(G.edges(data=True)) == before_edges
    assert groups == before_groups


def test_series_mapping_accepted():
    G, groups = florentine_groups()
    assert ei_index(G, pd.Series(groups)) == ei_index(G, groups)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"group": {"Medici": "a"}}, InvalidParameterError, r"14 node\(s\) have no group"),
        ({"group": "missing_attr"}, InvalidParameterError, "node attribute 'missing_attr'"),
        ({"group": 3}, InvalidParameterError, "node attribute name .* Got int"),
        ({"group": {}, "level": "edge"}, InvalidParameterError, "'level' parameter of ei_index"),
        ({"permutations": -1}, InvalidParameterError, "'permutations' parameter .* >= 0"),
        ({"permutations": 2.5}, InvalidParameterError, "must be an integer"),
        ({"permutations": 5, "seed": -3}, InvalidParameterError, "'seed' parameter of ei_index"),
        ({"weight": "w"}, InvalidParameterError, "has no such attribute"),
    ],
)
def test_invalid_parameters(kwargs, error, match):
    G, groups = florentine_groups()
    kwargs = {"group": groups, **kwargs}
    with pytest.raises(error, match=match):
        ei_index(G, **kwargs)


def test_missing_group_values_and_unhashable_labels():
    G = nx.path_graph(3)
    with pytest.raises(InvalidParameterError, match=r"1 node\(s\) have no group.*: 2"):
        ei_index(G, {0: "a", 1: "b", 2: np.nan})
    with pytest.raises(InvalidParameterError, match="hashable"):
        ei_index(G, {0: ["a"], 1: ["b"], 2: ["c"]})


def test_graph_type_errors():
    with pytest.raises(GraphTypeError, match="expects a networkx graph"):
        ei_index([(0, 1)], {})
    with pytest.raises(GraphTypeError, match="multigraphs"):
        ei_index(nx.MultiGraph([(0, 1)]), {0: 1, 1: 2})


@pytest.mark.parametrize("level", ["network", "node"])
def test_progress_bar_only_on_request(capsys, level):
    G = nx.karate_club_graph()
    rng_quiet, rng_shown = np.random.default_rng(3), np.random.default_rng(3)
    # 1001 permutations: batches of 500, 500 and 1
    quiet = ei_index(G, "club", level=level, permutations=1001, seed=rng_quiet, progress=False)
    assert capsys.readouterr().err == ""
    shown = ei_index(G, "club", level=level, permutations=1001, seed=rng_shown, progress=True)
    err = capsys.readouterr().err
    assert "ei_index:" in err and "0/3" in err
    pd.testing.assert_frame_equal(shown, quiet, check_exact=True)
    assert rng_shown.random() == rng_quiet.random()
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        ei_index(G, "club", permutations=10, progress="yes")
