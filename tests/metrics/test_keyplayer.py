"""Tests of lsmnet.metrics.keyplayer (fragmentation, fragmentation centrality, key players).

References:
- tests/reference/keyplayer_fragment.R: the published definition of R keyplayer::fragment
  (distance-weighted fragmentation of the residual network; An & Liu 2016, Borgatti 2006)
  and plain fragmentation, computed with sna::geodist, and exhaustive best 2-sets; the values
  are hard-coded in ``R_FRAGMENT`` below;
- networkx 3.6 components and shortest-path lengths on the same graphs (``nx_fragmentation``);
- brute-force searches over all k-sets written here (``brute_best``).
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet.exceptions import GraphTypeError, InvalidParameterError
from lsmnet.metrics.keyplayer import (
    KeyPlayers,
    fragmentation,
    fragmentation_centrality,
    key_players,
)


def nx_fragmentation(G, distance_weighted=False):
    """Borgatti's F and F_d from networkx shortest-path lengths (directed paths for digraphs)."""
    n = G.number_of_nodes()
    if n < 2:
        return np.nan
    if not distance_weighted and not G.is_directed():
        sizes = [len(c) for c in nx.connected_components(G)]
        return 1 - sum(s * (s - 1) for s in sizes) / (n * (n - 1))
    total = 0.0
    for source, lengths in nx.all_pairs_shortest_path_length(G):
        for target, d in lengths.items():
            if target != source:
                total += 1 / d if distance_weighted else 1
    return 1 - total / (n * (n - 1))


def nx_reach(G, chosen, m):
    reached = set()
    for s in chosen:
        reached |= set(nx.single_source_shortest_path_length(G, s, cutoff=m))
    return len(reached - set(chosen)) / (G.number_of_nodes() - len(chosen))


def brute_best(G, k, objective="fragmentation", m=1, distance_weighted=False):
    """Best score over every k-set, by networkx."""
    best = -np.inf
    for chosen in itertools.combinations(G, k):
        if objective == "reach":
            score = nx_reach(G, chosen, m)
        else:
            H = G.copy()
            H.remove_nodes_from(chosen)
            score = nx_fragmentation(H, distance_weighted)
        best = max(best, score)
    return best


def r_graphs():
    """The graphs of the R script, with their node order."""
    flo = nx.florentine_families_graph()
    return {
        "kite": (nx.krackhardt_kite_graph(), list(range(10))),
        "florentine": (flo, sorted(flo)),
        "digraph": (nx.gnp_random_graph(20, 0.2, seed=5, directed=True), list(range(20))),
        "karate": (nx.karate_club_graph(), list(range(34))),
    }


R_GRAPHS = r_graphs()


@pytest.mark.parametrize("name", list(R_GRAPHS))
@pytest.mark.parametrize(("column", "weighted"), [(0, False), (1, True)])
def test_fragmentation_matches_r(name, column, weighted):
    G, _ = R_GRAPHS[name]
    expected = R_FRAGMENT[name]["whole"][column]
    assert fragmentation(G, distance_weighted=weighted) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("name", list(R_GRAPHS))
@pytest.mark.parametrize(("column", "weighted"), [(0, False), (1, True)])
def test_fragmentation_centrality_matches_r_keyplayer_fragment(name, column, weighted):
    # keyplayer::fragment(A, v) is the fragmentation of the network without v, that is
    # fragmentation(G) + fragmentation_centrality(G)
    G, order = R_GRAPHS[name]
    centrality = fragmentation_centrality(G, distance_weighted=weighted)
    residual = centrality.loc[order] + fragmentation(G, distance_weighted=weighted)
    expected = np.array(R_FRAGMENT[name]["removed"])[:, column]
    np.testing.assert_allclose(residual.to_numpy(), expected, rtol=0, atol=1e-9)


@pytest.mark.parametrize("name", list(R_GRAPHS))
@pytest.mark.parametrize("weighted", [False, True])
def test_exact_key_players_match_r_exhaustive_search(name, weighted):
    G, order = R_GRAPHS[name]
    score, best_sets = R_FRAGMENT[name]["best_distance" if weighted else "best_binary"]
    result = key_players(G, 2, distance_weighted=weighted)
    assert result.method == "exact"
    assert result.score == pytest.approx(score, abs=1e-9)
    r_sets = [sorted(order[i - 1] for i in s) for s in best_sets]
    assert sorted(result.nodes) in r_sets


NX_CASES = {
    "karate": nx.karate_club_graph(),
    "florentine": nx.florentine_families_graph(),
    "davis": nx.davis_southern_women_graph(),
    "fragmented": nx.gnp_random_graph(60, 0.035, seed=4),
    "fragmented_digraph": nx.gnp_random_graph(40, 0.05, seed=8, directed=True),
}


@pytest.mark.parametrize("name", list(NX_CASES))
@pytest.mark.parametrize("weighted", [False, True])
def test_fragmentation_matches_networkx(name, weighted):
    G = NX_CASES[name]
    expected = nx_fragmentation(G, weighted)
    assert fragmentation(G, distance_weighted=weighted) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("name", list(NX_CASES))
@pytest.mark.parametrize("weighted", [False, True])
def test_fragmentation_centrality_matches_node_removal_in_networkx(name, weighted):
    G = NX_CASES[name]
    base = nx_fragmentation(G, weighted)
    expected = {}
    for v in G:
        H = G.copy()
        H.remove_node(v)
        expected[v] = nx_fragmentation(H, weighted) - base
    result = fragmentation_centrality(G, distance_weighted=weighted)
    assert result.name == "fragmentation_centrality"
    assert list(result.index) == list(G)
    np.testing.assert_allclose(result.to_numpy(), list(expected.values()), atol=1e-12)


def test_component_formula_for_undirected():
    # F = 1 - sum s_k (s_k - 1) / (n (n - 1)) with components of sizes 3, 2, 1
    G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    G.add_node(5)
    assert fragmentation(G) == pytest.approx(1 - (6 + 2) / 30)


def test_self_loops_and_weights_are_ignored():
    G = nx.path_graph(4)
    H = G.copy()
    H.add_edge(2, 2)
    nx.set_edge_attributes(H, 7.0, "weight")
    assert fragmentation(H, distance_weighted=True) == fragmentation(G, distance_weighted=True)
    pd.testing.assert_series_equal(fragmentation_centrality(H), fragmentation_centrality(G))


def test_empty_and_tiny_graphs():
    assert np.isnan(fragmentation(nx.Graph()))
    assert np.isnan(fragmentation(nx.empty_graph(1)))
    assert fragmentation(nx.empty_graph(2)) == 1.0
    assert fragmentation_centrality(nx.Graph()).empty
    assert fragmentation_centrality(nx.path_graph(2)).isna().all()


@pytest.mark.parametrize(
    ("G", "k", "kwargs"),
    [
        (nx.krackhardt_kite_graph(), 2, {}),
        (nx.krackhardt_kite_graph(), 3, {"distance_weighted": True}),
        (nx.florentine_families_graph(), 2, {"objective": "reach", "m": 1}),
        (nx.florentine_families_graph(), 3, {"objective": "reach", "m": 2}),
        (nx.gnp_random_graph(14, 0.2, seed=3, directed=True), 2, {}),
        (nx.gnp_random_graph(14, 0.2, seed=3, directed=True), 2, {"objective": "reach"}),
    ],
)
def test_exact_and_greedy_reach_the_brute_force_optimum(G, k, kwargs):
    expected = brute_best(G, k, **kwargs)
    exact = key_players(G, k, method="exact", **kwargs)
    greedy = key_players(G, k, method="greedy", seed=0, **kwargs)
    assert (exact.method, greedy.method) == ("exact", "greedy")
    assert exact.score == pytest.approx(expected, abs=1e-12)
    assert greedy.score == pytest.approx(expected, abs=1e-12)
    for result in (exact, greedy):
        assert len(result.nodes) == k
        if kwargs.get("objective") == "reach":
            assert nx_reach(G, result.nodes, kwargs.get("m", 1)) == pytest.approx(result.score)
        else:
            H = G.copy()
            H.remove_nodes_from(result.nodes)
            weighted = kwargs.get("distance_weighted", False)
            assert nx_fragmentation(H, weighted) == pytest.approx(result.score)


def test_greedy_on_500_nodes_is_consistent():
    # speed is measured in benchmarks/run.py, not here
    G = nx.barabasi_albert_graph(500, 2, seed=1)
    frag = key_players(G, 5, seed=1)
    reach = key_players(G, 5, objective="reach", m=2, seed=1)
    assert frag.method == reach.method == "greedy"
    H = G.copy()
    H.remove_nodes_from(frag.nodes)
    assert frag.score == pytest.approx(nx_fragmentation(H))
    assert reach.score == pytest.approx(nx_reach(G, reach.nodes, 2))
    # no single exchange improves a swap-search optimum
    for u in frag.nodes:
        for v in list(G)[:40]:
            if v in frag.nodes:
                continue
            H = G.copy()
            H.remove_nodes_from([w for w in frag.nodes if w != u] + [v])
            assert nx_fragmentation(H) <= frag.score + 1e-12


def test_seeded_and_deterministic():
    G = nx.connected_watts_strogatz_graph(80, 4, 0.2, seed=2)
    a = key_players(G, 4, method="greedy", seed=5)
    b = key_players(G, 4, method="greedy", seed=5)
    assert a == b
    assert isinstance(a, KeyPlayers)


def test_relabelling_and_no_mutation():
    G = nx.florentine_families_graph()
    before = (list(G.nodes(data=True)), list(G.edges(data=True)))
    mapping = {v: v[::-1] for v in G}
    H = nx.relabel_nodes(G, mapping)
    a = fragmentation_centrality(G, distance_weighted=True)
    b = fragmentation_centrality(H, distance_weighted=True)
    np.testing.assert_allclose(b[[mapping[v] for v in a.index]].to_numpy(), a.to_numpy())
    assert [mapping[v] for v in key_players(G, 2).nodes] == sorted(
        key_players(H, 2).nodes, key=list(H).index
    )
    assert before == (list(G.nodes(data=True)), list(G.edges(data=True)))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"k": 0}, r"'k' parameter of key_players must be an integer between 1 and 13"),
        ({"k": 14}, "between 1 and 13"),
        ({"k": 15, "objective": "reach"}, "between 1 and 14"),
        ({"k": 2.0}, "'k' parameter"),
        ({"k": True}, "'k' parameter"),
        ({"k": 2, "objective": "cohesion"}, "'objective' parameter of key_players"),
        ({"k": 2, "method": "fast"}, "'method' parameter of key_players"),
        ({"k": 2, "m": 0}, "'m' parameter of key_players must be >= 1"),
        ({"k": 2, "restarts": -1}, "'restarts' parameter"),
        ({"k": 2, "distance_weighted": "yes"}, "'distance_weighted' parameter"),
        ({"k": 2, "seed": "abc"}, "'seed' parameter of key_players"),
    ],
)
def test_key_players_invalid_parameters(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        key_players(nx.florentine_families_graph(), **kwargs)


def test_exact_refuses_huge_searches():
    with pytest.raises(InvalidParameterError, match="would score 2,118,760 sets"):
        key_players(nx.path_graph(50), 5, method="exact")


def test_key_players_needs_enough_nodes():
    with pytest.raises(InvalidParameterError, match=r"between 1 and 0 .* 2 nodes"):
        key_players(nx.path_graph(2), 1)


@pytest.mark.parametrize("func", [fragmentation, fragmentation_centrality])
def test_fragmentation_errors(func):
    with pytest.raises(
        InvalidParameterError, match=f"'distance_weighted' parameter of {func.__name__}"
    ):
        func(nx.path_graph(3), distance_weighted=1)
    with pytest.raises(GraphTypeError, match="multigraphs"):
        func(nx.MultiGraph([(0, 1)]))
    with pytest.raises(GraphTypeError, match="expects a networkx graph"):
        func({0: [1]})


@pytest.mark.parametrize(
    ("kwargs", "steps"),
    [
        ({"method": "exact"}, "0/8"),  # sets of k - 1 = 1 node extended: the 8 nodes
        ({"method": "greedy", "restarts": 3}, "0/4"),  # greedy start + 3 random starts
    ],
)
def test_key_players_progress_bar_only_on_request(capsys, kwargs, steps):
    G = nx.connected_watts_strogatz_graph(8, 4, 0.3, seed=1)
    rng_quiet, rng_shown = np.random.default_rng(7), np.random.default_rng(7)
    quiet = key_players(G, 2, seed=rng_quiet, progress=False, **kwargs)
    assert capsys.readouterr().err == ""
    shown = key_players(G, 2, seed=rng_shown, progress=True, **kwargs)
    err = capsys.readouterr().err
    assert "key_players:" in err and steps in err
    assert shown == quiet
    assert rng_shown.random() == rng_quiet.random()  # the same random numbers were drawn
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        key_players(G, 2, progress="yes", **kwargs)


# Output of tests/reference/keyplayer_fragment.R (sna 2.7-1 geodist): fragmentation of the
# whole graph and of the graph without each node (in the script's node order), as
# (binary, distance-weighted); best 2-node sets (1-indexed, all ties) and their score.
R_FRAGMENT = {
    "kite": {
        "whole": [0, 0.353703703703704],
        "removed": [
            [0, 0.361111111111111],
            [0, 0.361111111111111],
            [0, 0.347222222222222],
            [0, 0.393518518518519],
            [0, 0.347222222222222],
            [0, 0.398611111111111],
            [0, 0.398611111111111],
            [0.388888888888889, 0.486111111111111],
            [0.222222222222222, 0.388888888888889],
            [0, 0.287037037037037],
        ],
        "best_binary": (0.535714285714286, [[6, 7]]),
        "best_distance": (0.607142857142857, [[6, 7]]),
    },
    "florentine": {
        "whole": [0, 0.49984126984127],
        "removed": [
            [0, 0.487912087912088],
            [0.142857142857143, 0.556593406593407],
            [0, 0.506410256410256],
            [0, 0.511904761904762],
            [0, 0.504395604395604],
            [0, 0.481501831501832],
            [0.142857142857143, 0.567216117216117],
            [0, 0.481868131868132],
            [0.384615384615385, 0.673809523809524],
            [0, 0.475274725274725],
            [0, 0.497435897435897],
            [0, 0.516849816849817],
            [0.142857142857143, 0.536630036630037],
            [0, 0.515384615384615],
            [0, 0.511721611721612],
        ],
        "best_binary": (0.705128205128205, [[7, 9]]),
        "best_distance": (0.802350427350427, [[7, 9]]),
    },
    "digraph": {
        "whole": [0.05, 0.490701754385965],
        "removed": [
            [0.0526315789473685, 0.502896129211919],
            [0.0526315789473685, 0.492738791423002],
            [0.105263157894737, 0.510964912280702],
            [0.0526315789473685, 0.499025341130604],
            [0.0526315789473685, 0.507943469785575],
            [0.105263157894737, 0.512378167641326],
            [0.0526315789473685, 0.494298245614035],
            [0.0526315789473685, 0.493664717348928],
            [0.0526315789473685, 0.483966861598441],
            [0.10233918128655, 0.505165692007797],
            [0.0526315789473685, 0.494931773879142],
            [0.0526315789473685, 0.514863547758285],
            [0.0526315789473685, 0.490692007797271],
            [0, 0.454678362573099],
            [0.0526315789473685, 0.498196881091618],
            [0.0526315789473685, 0.482456140350877],
            [0.0526315789473685, 0.481189083820663],
            [0.0526315789473685, 0.50219298245614],
            [0.0526315789473685, 0.512865497076023],
            [0.0526315789473685, 0.515399610136452],
        ],
        "best_binary": (0.163398692810457, [[2, 19], [3, 6], [3, 10], [6, 20]]),
        "best_distance": (0.556069094304388, [[12, 20]]),
    },
    "karate": {
        "whole": [0, 0.507991681521093],
        "removed": [
            [0.316287878787879, 0.641540404040404],
            [0, 0.514804292929293],
            [0, 0.525252525252525],
            [0, 0.510700757575758],
            [0, 0.505018939393939],
            [0, 0.506281565656566],
            [0, 0.506281565656566],
            [0, 0.508333333333333],
            [0, 0.51227904040404],
            [0, 0.50675505050505],
            [0, 0.505018939393939],
            [0, 0.502809343434343],
            [0, 0.503756313131313],
            [0, 0.512752525252525],
            [0, 0.504135101010101],
            [0, 0.504135101010101],
            [0, 0.498263888888889],
            [0, 0.50407196969697],
            [0, 0.504135101010101],
            [0, 0.510385101010101],
            [0, 0.504135101010101],
            [0, 0.50407196969697],
            [0, 0.504135101010101],
            [0, 0.50792297979798],
            [0, 0.503598484848485],
            [0, 0.503598484848485],
            [0, 0.503661616161616],
            [0, 0.50959595959596],
            [0, 0.508333333333333],
            [0, 0.506344696969697],
            [0, 0.509280303030303],
            [0, 0.519602272727273],
            [0, 0.51969696969697],
            [0, 0.541761363636364],
        ],
        "best_binary": (0.423387096774194, [[1, 2]]),
        "best_distance": (0.684408602150538, [[1, 2]]),
    },
}
