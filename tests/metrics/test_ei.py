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
from lsmnet.metrics.ei import ei_index, ei_table


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
    got = ei_table(G, group, level=level)["ei"]
    pd.testing.assert_series_equal(got, expected, check_names=False, check_index_type=False)


def test_karate_counts():
    # 78 friendships in Zachary's club; 11 cross the two factions (brute-force count).
    G = nx.karate_club_graph()
    table = ei_table(G, "club", level="group")
    assert table.loc["Mr. Hi", "size"] == 17
    assert table["external"].tolist() == [11.0, 11.0]
    assert table["internal"].sum() + 11 == 78
    assert ei_index(G, "club") == pytest.approx((11 - 67) / 78)


def test_weighted_directed_matches_brute_force():
    G, groups = weighted_digraph()
    for level in ("network", "group", "node"):
        expected = brute_ei(G, groups, level, weight="w")
        got = ei_table(G, groups, level=level, weight="w")["ei"]
        if level == "network":
            assert got["network"] == pytest.approx(expected)
            assert ei_index(G, groups, weight="w") == pytest.approx(expected)
        else:
            np.testing.assert_allclose(got.to_numpy(), list(expected.values()))


def test_node_level_is_indexed_by_node_and_named():
    G = nx.krackhardt_kite_graph()
    table = ei_table(G, {v: v % 2 for v in G}, level="node")
    assert list(table.index) == list(G.nodes)
    assert table.index.name == "node"
    assert (table["size"] == 1).all()


def test_relabelling_permutes_results():
    G, groups = florentine_groups()
    mapping = {v: v.upper() for v in G}
    H = nx.relabel_nodes(G, mapping)
    a = ei_table(G, groups, level="node")["ei"]
    b = ei_table(H, {mapping[v]: g for v, g in groups.items()}, level="node")["ei"]
    np.testing.assert_allclose(b[[mapping[v] for v in a.index]].to_numpy(), a.to_numpy())


def test_isolates_and_tieless_groups_are_nan():
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    groups = {0: "x", 1: "y", 2: "z"}
    node = ei_table(G, groups, level="node")["ei"]
    assert node[0] == 1.0 and np.isnan(node[2])
    assert np.isnan(ei_table(G, groups, level="group").loc["z", "ei"])


def test_self_loops_are_ignored():
    G = nx.Graph([(0, 1), (1, 1)])
    assert ei_index(G, {0: 1, 1: 2}) == 1.0


def test_empty_and_single_node_graphs():
    assert np.isnan(ei_index(nx.Graph(), {}))
    assert ei_table(nx.Graph(), {}, level="node").empty
    assert ei_table(nx.Graph(), {}, level="group").empty
    G = nx.Graph()
    G.add_node("a", g=1)
    assert np.isnan(ei_index(G, "g"))
    test = ei_table(G, "g", level="network", permutations=10, seed=0)
    assert np.isnan(test.loc["network", "p_value"])


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
    table = ei_table(G, groups, level="network", permutations=20_000, seed=11)
    assert table.loc["network", "p_value"] == pytest.approx(exact, abs=0.01)
    assert table.loc["network", "ei"] == pytest.approx(brute_ei(G, groups, "network"))


def test_permutation_is_seeded_and_never_zero():
    G = nx.karate_club_graph()
    a = ei_table(G, "club", level="node", permutations=200, seed=3)
    b = ei_table(G, "club", level="node", permutations=200, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert (a["p_value"].dropna() >= 1 / 201).all()
    assert list(a.columns) == ["size", "internal", "external", "ei", "null_mean", "p_value"]
    group = ei_table(G, "club", level="group", permutations=1200, seed=3)
    assert group.loc["Mr. Hi", "p_value"] == pytest.approx(1 / 1201)


def test_does_not_mutate_inputs():
    G, groups = florentine_groups()
    before_nodes, before_edges = dict(G.nodes(data=True)), list(G.edges(data=True))
    before_groups = dict(groups)
    ei_table(G, groups, level="node", permutations=5, seed=0)
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
        ({"group": {}, "level": "edge"}, InvalidParameterError, "'level' parameter of ei_table"),
        ({"permutations": -1}, InvalidParameterError, "'permutations' parameter .* >= 0"),
        ({"permutations": 2.5}, InvalidParameterError, "must be an integer"),
        ({"permutations": 5, "seed": -3}, InvalidParameterError, "'seed' parameter of ei_table"),
        ({"weight": "w"}, InvalidParameterError, "has no such attribute"),
    ],
)
def test_invalid_parameters(kwargs, error, match):
    G, groups = florentine_groups()
    kwargs = {"group": groups, **kwargs}
    with pytest.raises(error, match=match):
        ei_table(G, **kwargs)


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
    quiet = ei_table(G, "club", level=level, permutations=1001, seed=rng_quiet, progress=False)
    assert capsys.readouterr().err == ""
    shown = ei_table(G, "club", level=level, permutations=1001, seed=rng_shown, progress=True)
    err = capsys.readouterr().err
    assert "ei_table:" in err and "0/3" in err
    pd.testing.assert_frame_equal(shown, quiet, check_exact=True)
    assert rng_shown.random() == rng_quiet.random()
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        ei_table(G, "club", permutations=10, progress="yes")


# -- one result contract: the return type never depends on the arguments' values ---------------
COLUMNS = ["size", "internal", "external", "ei", "null_mean", "p_value"]


@pytest.mark.parametrize("level", ["network", "group", "node"])
@pytest.mark.parametrize("permutations", [0, 20])
def test_ei_table_always_has_the_same_columns(level, permutations):
    G = nx.karate_club_graph()
    table = ei_table(G, "club", level=level, permutations=permutations, seed=0)
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == COLUMNS
    assert table["size"].dtype == np.int64
    floats = table[["internal", "external", "ei", "null_mean", "p_value"]].dtypes
    assert (floats == np.dtype(float)).all()
    assert table["null_mean"].isna().all() == (permutations == 0)


def test_ei_table_sizes_and_network_row():
    """Karate club: 34 members, 17 per faction (Zachary 1977; networkx's 'club' attribute)."""
    G = nx.karate_club_graph()
    assert ei_table(G, "club", level="network").loc["network", "size"] == 34
    assert ei_table(G, "club")["size"].tolist() == [17, 17]
    network = ei_table(G, "club", level="network").loc["network"]
    assert network["ei"] == ei_index(G, "club")
    assert (network["internal"], network["external"]) == (67.0, 11.0)


def test_ei_index_returns_a_float_whatever_the_graph():
    assert isinstance(ei_index(nx.karate_club_graph(), "club"), float)
    assert isinstance(ei_index(nx.Graph(), {}), float)


@pytest.mark.parametrize(
    ("kwargs", "kind"),
    [
        ({"level": "network"}, float),
        ({"level": "group"}, pd.DataFrame),
        ({"level": "node"}, pd.Series),
        ({"permutations": 20, "seed": 1}, pd.DataFrame),
    ],
)
def test_old_call_forms_still_work_with_a_deprecation_warning(kwargs, kind):
    """0.1 call forms keep their 0.1 results (and values) until 0.3."""
    G = nx.karate_club_graph()
    with pytest.warns(DeprecationWarning, match="use ei_table"):
        old = ei_index(G, "club", **kwargs)
    assert isinstance(old, kind)
    new = ei_table(G, "club", **{"level": "network", **kwargs})
    if kind is float:
        assert old == new.loc["network", "ei"]
    elif kind is pd.Series:
        assert old.name == "ei_index" and old.index.name is None
        np.testing.assert_array_equal(old.to_numpy(), new["ei"].to_numpy())
    elif "permutations" in kwargs:
        pd.testing.assert_frame_equal(old, new.drop(columns="size"))
    else:
        pd.testing.assert_frame_equal(old, new[["size", "internal", "external", "ei"]])


def test_ei_index_refuses_unknown_keywords():
    with pytest.raises(InvalidParameterError, match="unexpected keyword argument 'levels'"):
        ei_index(nx.karate_club_graph(), "club", levels="group")
