"""Tests of lsmnet.metrics.brokerage (Gould–Fernandez brokerage roles).

References:
- R sna::brokerage (sna 2.7-1, R 4.2): tests/reference/brokerage_sna.R prints the values
  hard-coded in ``SNA`` below (raw counts per node, expected values and standard deviations per
  group, z-scores for the kite);
- a brute-force enumeration of every triple (a, v, b) written here (``brute_brokerage``).
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet.exceptions import GraphTypeError, InvalidParameterError
from lsmnet.metrics.brokerage import ROLES, brokerage_roles


def brute_brokerage(G, groups):
    """Count roles by enumerating every ordered triple (a, v, b) of distinct nodes."""
    arcs = {(u, v) for u, v in G.edges() if u != v}
    if not G.is_directed():
        arcs |= {(v, u) for u, v in arcs}
    counts = {v: dict.fromkeys(ROLES, 0) for v in G}
    for a, v, b in itertools.permutations(G, 3):
        if (a, v) in arcs and (v, b) in arcs and (a, b) not in arcs:
            ga, gv, gb = groups[a], groups[v], groups[b]
            if ga == gv == gb:
                role = "coordinator"
            elif ga == gb:
                role = "itinerant"
            elif ga == gv:
                role = "representative"
            elif gb == gv:
                role = "gatekeeper"
            else:
                role = "liaison"
            counts[v][role] += 1
            counts[v]["total"] += 1
    return pd.DataFrame.from_dict(counts, orient="index", dtype=float)[list(ROLES)]


def sna_cases():
    """The graphs of tests/reference/brokerage_sna.R: (graph, node order, groups by node)."""
    kite = nx.krackhardt_kite_graph()
    flo = nx.florentine_families_graph()
    flo_order = sorted(flo)
    digraph = nx.gnp_random_graph(20, 0.2, seed=5, directed=True)
    karate = nx.karate_club_graph()
    return {
        "kite": (kite, list(range(10)), dict(zip(range(10), "AABBACCBAC", strict=True))),
        "florentine": (flo, flo_order, {v: "abc"[i % 3] for i, v in enumerate(flo_order)}),
        "digraph": (digraph, list(range(20)), {v: str(v % 4) for v in range(20)}),
        "karate": (karate, list(range(34)), nx.get_node_attributes(karate, "club")),
    }


CASES = sna_cases()


@pytest.mark.parametrize("name", list(CASES))
def test_raw_counts_match_sna(name):
    G, order, groups = CASES[name]
    result = brokerage_roles(G, groups).loc[order]
    np.testing.assert_allclose(result.to_numpy(), np.array(SNA[name]["raw"]), atol=1e-9)


@pytest.mark.parametrize("name", list(CASES))
def test_expected_and_sd_match_sna(name):
    G, order, groups = CASES[name]
    result = brokerage_roles(G, groups, z=True)
    labels = list(dict.fromkeys(groups[v] for v in order))  # sna's unique(cl) order
    for row, label in enumerate(labels):
        node = next(v for v in order if groups[v] == label)
        expected = result.loc[node, [f"{r}_expected" for r in ROLES]].to_numpy(dtype=float)
        sd = result.loc[node, [f"{r}_sd" for r in ROLES]].to_numpy(dtype=float)
        np.testing.assert_allclose(expected, SNA[name]["expected"][row], rtol=0, atol=1e-6)
        np.testing.assert_allclose(sd, SNA[name]["sd"][row], rtol=0, atol=1e-6)


def test_kite_z_scores_match_sna():
    G, order, groups = CASES["kite"]
    result = brokerage_roles(G, groups, z=True).loc[order]
    z = result[[f"{r}_z" for r in ROLES]].to_numpy(dtype=float)
    np.testing.assert_allclose(z, SNA["kite"]["z"], rtol=0, atol=1e-6)
    assert result.attrs["density"] == pytest.approx(36 / 90)


def brute_cases():
    cases = {name: (G, groups) for name, (G, _, groups) in CASES.items()}
    davis = nx.davis_southern_women_graph()
    cases["davis"] = (davis, nx.get_node_attributes(davis, "bipartite"))
    loops = nx.gnp_random_graph(25, 0.25, seed=2, directed=True)
    loops.add_edges_from([(0, 0), (3, 3)])
    for u, v in loops.edges:
        loops.edges[u, v]["weight"] = 5.0  # ignored: ties are binary
    cases["digraph_with_loops"] = (loops, {v: v % 5 for v in loops})
    one_group = nx.gnp_random_graph(15, 0.3, seed=9)
    cases["one_group"] = (one_group, dict.fromkeys(one_group, "all"))
    return cases


@pytest.mark.parametrize(("name", "case"), list(brute_cases().items()))
def test_raw_counts_match_triple_enumeration(name, case):
    G, groups = case
    pd.testing.assert_frame_equal(
        brokerage_roles(G, groups), brute_brokerage(G, groups), check_index_type=False
    )


def test_undirected_is_the_symmetric_digraph():
    G, _, groups = CASES["florentine"]
    a = brokerage_roles(G, groups, z=True)
    b = brokerage_roles(G.to_directed(), groups, z=True)
    pd.testing.assert_frame_equal(a, b)
    # a path a - v - b is brokered in both directions: (a, b) as representative is (b, a) as
    # gatekeeper, and the symmetric roles count every path twice
    pd.testing.assert_series_equal(a["representative"], a["gatekeeper"], check_names=False)
    symmetric = ["coordinator", "itinerant", "liaison", "total"]
    assert (a[symmetric].to_numpy() % 2 == 0).all()


def test_columns_and_index():
    G = nx.krackhardt_kite_graph()
    groups = {v: v % 3 for v in G}
    plain = brokerage_roles(G, groups)
    assert list(plain.columns) == list(ROLES)
    assert list(plain.index) == list(G.nodes)
    full = brokerage_roles(G, groups, z=True)
    expected_cols = list(ROLES) + [f"{r}_{s}" for s in ("expected", "sd", "z") for r in ROLES]
    assert list(full.columns) == expected_cols


def test_z_is_nan_where_sd_is_zero():
    G = nx.path_graph(4)
    result = brokerage_roles(G, {0: "solo", 1: "x", 2: "x", 3: "x"}, z=True)
    # a one-member group cannot hold coordinator roles: expectation 0, sd 0, z undefined
    assert result.loc[0, "coordinator_sd"] == 0
    assert np.isnan(result.loc[0, "coordinator_z"])


def test_empty_and_single_node_graphs():
    empty = brokerage_roles(nx.Graph(), {})
    assert empty.empty and list(empty.columns) == list(ROLES)
    G = nx.Graph()
    G.add_node("a", g=1)
    single = brokerage_roles(G, "g", z=True)
    assert single.loc["a", "total"] == 0
    assert np.isnan(single.loc["a", "total_z"])
    assert np.isnan(single.attrs["density"])


def test_relabelling_permutes_results_and_inputs_not_mutated():
    G, _, groups = CASES["digraph"]
    before = (list(G.edges(data=True)), dict(G.nodes(data=True)), dict(groups))
    mapping = {v: f"n{v}" for v in G}
    H = nx.relabel_nodes(G, mapping)
    a = brokerage_roles(G, groups, z=True)
    b = brokerage_roles(H, {mapping[v]: g for v, g in groups.items()}, z=True)
    np.testing.assert_allclose(b.loc[[mapping[v] for v in a.index]].to_numpy(), a.to_numpy())
    assert before == (list(G.edges(data=True)), dict(G.nodes(data=True)), dict(groups))


def test_group_from_node_attribute():
    G = nx.karate_club_graph()
    by_attr = brokerage_roles(G, "club")
    by_map = brokerage_roles(G, nx.get_node_attributes(G, "club"))
    pd.testing.assert_frame_equal(by_attr, by_map)


def test_large_sparse_graph_is_fast():
    G = nx.gnm_random_graph(3000, 12000, seed=1, directed=True)
    result = brokerage_roles(G, {v: v % 7 for v in G}, z=True)
    assert result.shape == (3000, 24)
    assert (result["total"] >= 0).all()


@pytest.mark.parametrize(
    ("graph", "group", "error", "match"),
    [
        (nx.path_graph(3), {0: "a", 1: "b"}, InvalidParameterError, r"1 node\(s\) have no group"),
        (nx.path_graph(3), "club", InvalidParameterError, "node attribute 'club'"),
        (nx.path_graph(3), ["a", "b", "c"], InvalidParameterError, "Got list"),
        (nx.MultiDiGraph([(0, 1)]), {0: 1, 1: 1}, GraphTypeError, "multigraphs"),
        ("not a graph", {}, GraphTypeError, "expects a networkx graph"),
    ],
)
def test_errors(graph, group, error, match):
    with pytest.raises(error, match=match):
        brokerage_roles(graph, group)


# Output of tests/reference/brokerage_sna.R (sna 2.7-1): raw.nli rows per node (in the
# script's node order), exp.grp then sd.grp rows per group, and z.nli rows for the kite.
SNA = {
    "kite": {
        "raw": [
            [0, 0, 2, 2, 0, 4],
            [2, 0, 1, 1, 0, 4],
            [0, 0, 0, 0, 0, 0],
            [0, 2, 3, 3, 6, 14],
            [0, 0, 0, 0, 0, 0],
            [0, 4, 2, 2, 2, 10],
            [0, 2, 2, 2, 4, 10],
            [0, 0, 0, 0, 4, 4],
            [0, 0, 0, 0, 2, 2],
            [0, 0, 0, 0, 0, 0],
        ],
        "expected": [
            [0.576, 1.152, 1.728, 1.728, 1.728, 6.912],
            [0.192, 1.728, 1.344, 1.344, 2.304, 6.912],
            [0.192, 1.728, 1.344, 1.344, 2.304, 6.912],
        ],
        "sd": [
            [
                0.828608472078339,
                1.17182933911044,
                1.8176732379611,
                1.8176732379611,
                1.59919979989994,
                4.49255383941027,
            ],
            [
                0.416614930121329,
                1.54646435458435,
                1.6030371174742,
                1.6030371174742,
                1.93434640124255,
                4.49255383941027,
            ],
            [
                0.416614930121329,
                1.54646435458435,
                1.6030371174742,
                1.6030371174742,
                1.93434640124255,
                4.49255383941027,
            ],
        ],
        "z": [
            [
                -0.695141335636191,
                -0.983078304622849,
                0.149641857688956,
                0.149641857688956,
                -1.0805404053378,
                -0.648183662142211,
            ],
            [
                1.71854385754503,
                -0.983078304622849,
                -0.400512030873383,
                -0.400512030873383,
                -1.0805404053378,
                -0.648183662142211,
            ],
            [
                -0.460857223585541,
                -1.11738753943956,
                -0.83840853424383,
                -0.83840853424383,
                -1.19110000076512,
                -1.53854583541448,
            ],
            [
                -0.460857223585541,
                0.175885075652523,
                1.03303908683615,
                1.03303908683615,
                1.91072291789404,
                1.57772177103846,
            ],
            [
                -0.695141335636191,
                -0.983078304622849,
                -0.950665919435723,
                -0.950665919435723,
                -1.0805404053378,
                -1.53854583541448,
            ],
            [
                -0.460857223585541,
                1.46915769074461,
                0.409223213142821,
                0.409223213142821,
                -0.157159027878731,
                0.68735959776619,
            ],
            [
                -0.460857223585541,
                0.175885075652523,
                0.409223213142821,
                0.409223213142821,
                0.876781945007655,
                0.68735959776619,
            ],
            [
                -0.460857223585541,
                -1.11738753943956,
                -0.83840853424383,
                -0.83840853424383,
                0.876781945007655,
                -0.648183662142211,
            ],
            [
                -0.695141335636191,
                -0.983078304622849,
                -0.950665919435723,
                -0.950665919435723,
                0.170085063803171,
                -1.09336474877834,
            ],
            [
                -0.460857223585541,
                -1.11738753943956,
                -0.83840853424383,
                -0.83840853424383,
                -1.19110000076512,
                -1.53854583541448,
            ],
        ],
    },
    "florentine": {
        "raw": [
            [0, 0, 0, 0, 0, 0],
            [0, 2, 0, 0, 4, 6],
            [0, 0, 1, 1, 0, 2],
            [0, 0, 2, 2, 0, 4],
            [0, 0, 2, 2, 0, 4],
            [0, 0, 0, 0, 0, 0],
            [0, 2, 3, 3, 4, 12],
            [0, 0, 0, 0, 0, 0],
            [4, 2, 9, 9, 4, 28],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 1, 1, 0, 2],
            [0, 0, 2, 2, 0, 4],
            [0, 0, 1, 1, 0, 2],
            [0, 0, 3, 3, 2, 8],
            [0, 0, 2, 2, 0, 4],
        ],
        "expected": [
            [
                0.352445740200842,
                1.17481913400281,
                1.17481913400281,
                1.17481913400281,
                1.46852391750351,
                5.34542705971277,
            ],
            [
                0.352445740200842,
                1.17481913400281,
                1.17481913400281,
                1.17481913400281,
                1.46852391750351,
                5.34542705971277,
            ],
            [
                0.352445740200842,
                1.17481913400281,
                1.17481913400281,
                1.17481913400281,
                1.46852391750351,
                5.34542705971277,
            ],
        ],
        "sd": [
            [
                0.719770616179304,
                1.42133445485027,
                1.70295893404001,
                1.70295893404001,
                1.70054554924242,
                4.60458464819133,
            ],
            [
                0.719770616179304,
                1.42133445485027,
                1.70295893404001,
                1.70295893404001,
                1.70054554924242,
                4.60458464819133,
            ],
            [
                0.719770616179304,
                1.42133445485027,
                1.70295893404001,
                1.70295893404001,
                1.70054554924242,
                4.60458464819133,
            ],
        ],
    },
    "digraph": {
        "raw": [
            [0, 4, 0, 5, 4, 13],
            [0, 3, 0, 2, 1, 6],
            [0, 3, 0, 3, 6, 12],
            [1, 0, 5, 2, 10, 18],
            [0, 5, 4, 0, 11, 20],
            [0, 0, 5, 0, 4, 9],
            [0, 2, 2, 0, 4, 8],
            [0, 3, 0, 0, 6, 9],
            [0, 1, 0, 0, 3, 4],
            [0, 0, 0, 3, 4, 7],
            [1, 1, 2, 4, 2, 10],
            [1, 4, 3, 3, 8, 19],
            [0, 1, 3, 0, 2, 6],
            [0, 0, 0, 0, 0, 0],
            [1, 0, 2, 7, 3, 13],
            [0, 0, 2, 0, 2, 4],
            [0, 0, 0, 0, 1, 1],
            [0, 2, 3, 0, 7, 12],
            [0, 3, 7, 3, 9, 22],
            [2, 9, 2, 6, 7, 26],
        ],
        "expected": [
            [
                0.375191354424843,
                1.87595677212422,
                1.87595677212422,
                1.87595677212422,
                4.68989193031054,
                10.692953601108,
            ],
            [
                0.375191354424843,
                1.87595677212422,
                1.87595677212422,
                1.87595677212422,
                4.68989193031054,
                10.692953601108,
            ],
            [
                0.375191354424843,
                1.87595677212422,
                1.87595677212422,
                1.87595677212422,
                4.68989193031054,
                10.692953601108,
            ],
            [
                0.375191354424843,
                1.87595677212422,
                1.87595677212422,
                1.87595677212422,
                4.68989193031054,
                10.692953601108,
            ],
        ],
        "sd": [
            [
                0.7444999899415,
                1.80234573774482,
                2.42326630114302,
                2.42326630114302,
                3.90856241407298,
                7.52227856212708,
            ],
            [
                0.7444999899415,
                1.80234573774482,
                2.42326630114302,
                2.42326630114302,
                3.90856241407298,
                7.52227856212708,
            ],
            [
                0.7444999899415,
                1.80234573774482,
                2.42326630114302,
                2.42326630114302,
                3.90856241407298,
                7.52227856212708,
            ],
            [
                0.7444999899415,
                1.80234573774482,
                2.42326630114302,
                2.42326630114302,
                3.90856241407298,
                7.52227856212708,
            ],
        ],
    },
    "karate": {
        "raw": [
            [174, 0, 15, 15, 0, 204],
            [32, 0, 8, 8, 0, 48],
            [10, 12, 23, 23, 0, 68],
            [10, 0, 0, 0, 0, 10],
            [2, 0, 0, 0, 0, 2],
            [6, 0, 0, 0, 0, 6],
            [6, 0, 0, 0, 0, 6],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 5, 5, 0, 10],
            [0, 0, 1, 1, 0, 2],
            [2, 0, 0, 0, 0, 2],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 4, 4, 0, 8],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 2, 2, 0, 4],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [12, 0, 0, 0, 0, 12],
            [4, 0, 0, 0, 0, 4],
            [4, 0, 0, 0, 0, 4],
            [0, 0, 0, 0, 0, 0],
            [4, 0, 3, 3, 0, 10],
            [0, 0, 2, 2, 0, 4],
            [4, 0, 0, 0, 0, 4],
            [0, 2, 2, 2, 0, 6],
            [14, 0, 5, 5, 0, 24],
            [70, 0, 18, 18, 0, 106],
            [156, 6, 40, 40, 0, 242],
        ],
        "expected": [
            [
                3.99446843904372,
                4.52706423091621,
                4.52706423091621,
                4.52706423091621,
                0,
                17.5756611317924,
            ],
            [
                3.99446843904372,
                4.52706423091621,
                4.52706423091621,
                4.52706423091621,
                0,
                17.5756611317924,
            ],
        ],
        "sd": [
            [
                3.93128641907567,
                4.29520914133077,
                4.34918287766014,
                4.34918287766014,
                0,
                11.38373026265,
            ],
            [
                3.93128641907567,
                4.29520914133077,
                4.34918287766014,
                4.34918287766014,
                0,
                11.38373026265,
            ],
        ],
    },
}


@pytest.mark.parametrize("block", [1, 40, 10**9])
@pytest.mark.parametrize(("name", "case"), list(brute_cases().items()))
def test_closed_counts_in_blocks_match_triple_enumeration(monkeypatch, block, name, case):
    # the closed two-paths are counted a block of columns at a time (bounded memory on a
    # national sector); every block size must give the brute-force counts
    from lsmnet.metrics import brokerage

    monkeypatch.setattr(brokerage, "_CLOSED_BLOCK_PATHS", block)
    G, groups = case
    pd.testing.assert_frame_equal(
        brokerage_roles(G, groups), brute_brokerage(G, groups), check_index_type=False
    )
