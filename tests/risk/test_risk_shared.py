"""The tables shared by the scopes of one call (risk._scope.Shared) and the vectorised E-I
counts of FRG-3 give exactly what the direct, per-coalition computations give.

References: lsmnet.graphs._subgraph.induced_subgraph (node, edge and adjacency order),
lsmnet.ei_index at level="group", and the pandas string filters the scopes used before the
shared tables (written out here).
"""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import threadpoolctl

import lsmnet as lsm
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.metrics._engine import single_threaded_blas
from lsmnet.risk.flags import scopes
from lsmnet.risk.fragmentation import group_ei
from lsmnet.risk.trust import rated_dyads

LAYERS = ("operational", "advocacy", "capacity", "network", "funding", "competition")


def random_data(seed: int, n: int = 40, coalitions: int = 4) -> lsm.NetworkData:
    """A small sector with attributes (some missing), layered ties, funding and ratings."""
    rng = np.random.default_rng(seed)
    ids = [f"o{i}" for i in rng.permutation(n)]
    orgs = pd.DataFrame(
        {
            "org_id": ids,
            "type": rng.choice(["ngo", "cbo", "funder", None], n),
            "province": rng.choice(["Aceh", "Bali", "Papua", None], n),
            "issues": ["|".join(rng.choice(list("abcde"), rng.integers(0, 3))) for _ in ids],
            "respondent": rng.choice([True, False, None], n),
        }
    )
    members = [
        (o, f"K{c}") for c in range(coalitions) for o in rng.choice(ids, rng.integers(3, n // 2))
    ]
    m = 4 * n
    ends = rng.choice(ids, size=(m, 2))
    ties = pd.DataFrame(
        {
            "source": ends[:, 0],
            "target": ends[:, 1],
            "layer": rng.choice(LAYERS, m),
            "weight": rng.integers(1, 4, m).astype(float),
            "amount": np.where(rng.random(m) < 0.5, rng.integers(1, 9, m) * 1e3, np.nan),
            "reported_by": np.where(rng.random(m) < 0.5, ends[:, 0], None),
        }
    )
    ties = ties.loc[ties["source"] != ties["target"]]
    ties = ties.drop_duplicates(["source", "target", "layer"])
    rated = rng.choice(ids, size=(3 * n, 2))
    ratings = pd.DataFrame({"rater": rated[:, 0], "ratee": rated[:, 1]})
    ratings = ratings.loc[ratings["rater"] != ratings["ratee"]].drop_duplicates()
    for item in ("reliability", "mission", "openness", "power", "involvement", "resources"):
        answered = rng.random(len(ratings)) < 0.9
        ratings[item] = np.where(answered, rng.integers(1, 5, len(ratings)), np.nan)
    return lsm.from_frames(
        organizations=orgs,
        coalitions=pd.DataFrame({"coalition_id": [f"K{c}" for c in range(coalitions)]}),
        memberships=pd.DataFrame(members, columns=["org_id", "coalition_id"]).drop_duplicates(),
        ties=ties,
        ratings=ratings,
    )


def units(data, **kwargs):
    return scopes(
        data,
        coalition=kwargs.get("coalition"),
        layers=kwargs.get("layers"),
        at=None,
        thresholds=None,
        lang="en",
        seed=0,
        func="risk_flags",
    )


@pytest.mark.parametrize("seed", range(4))
def test_subgraph_is_induced_subgraph(seed):
    rng = np.random.default_rng(seed)
    G = nx.gnm_random_graph(60, 200, seed=seed)
    G = nx.relabel_nodes(G, {v: f"n{v}" for v in G})
    G.add_edge("n3", "n3", weight=2.0)
    for *_, d in G.edges(data=True):
        d["weight"] = float(rng.integers(1, 5))
    nx.set_node_attributes(G, {v: {"type": "ngo"} for v in G})
    scope = units(random_data(seed))[0]
    shared = type(scope.shared)(scope.data, G)
    nodes = [f"n{v}" for v in rng.choice(70, 30, replace=False)]  # some not in G
    got, want = shared.subgraph(nodes), induced_subgraph(G, nodes)
    assert list(got.nodes(data=True)) == list(want.nodes(data=True))
    assert list(got.edges(data=True)) == list(want.edges(data=True))
    assert {v: list(got.adj[v]) for v in got} == {v: list(want.adj[v]) for v in want}
    assert got.graph == want.graph


@pytest.mark.parametrize("seed", range(4))
def test_scope_tables_match_direct_filters(seed):
    data = random_data(seed)
    dyads = rated_dyads(data)
    for scope in units(data, layers=["advocacy", "operational"]):
        inside = set(scope.members)
        assert scope.members == data.coalition_members(scope.coalition)
        assert list(scope.graph) == list(
            induced_subgraph(
                lsm.partnership_graph(
                    data, layers=["advocacy", "operational"], symmetrize="union"
                ),
                scope.members,
            )
        )
        ties = data.ties
        collab = ties.loc[
            (
                ties["layer"].isin(["advocacy", "operational"])
                & ties["source"].isin(inside)
                & ties["target"].isin(inside)
                & (ties["source"] != ties["target"])
            ).to_numpy(bool)
        ]
        table, source, target = scope._collab_ties
        pd.testing.assert_frame_equal(table, collab)
        # the ends' positions in member order
        position = {o: i for i, o in enumerate(scope.members)}
        assert source.tolist() == [position[o] for o in collab["source"]]
        assert target.tolist() == [position[o] for o in collab["target"]]
        rivals = ties.loc[
            (
                (ties["layer"] == "competition")
                & ties["source"].isin(inside)
                & ties["target"].isin(inside)
            ).to_numpy(bool),
            ["source", "target"],
        ]
        pd.testing.assert_frame_equal(scope.competition_ties, rivals)
        funding = ties.loc[(ties["layer"] == "funding").to_numpy(bool)]
        funding = funding.loc[
            (funding["target"].isin(inside) & funding["amount"].notna()).to_numpy(bool),
            ["source", "target", "amount"],
        ].set_axis(["funder", "recipient", "amount"], axis=1)
        funding = funding.groupby(["funder", "recipient"], sort=True, as_index=False)["amount"]
        pd.testing.assert_frame_equal(scope.funding, funding.sum())
        rated = dyads.loc[
            (dyads["rater"].isin(inside) & dyads["ratee"].isin(inside)).to_numpy(bool)
        ].reset_index(drop=True)
        pd.testing.assert_frame_equal(scope.scores.dyads, rated)
        assert scope.has_funding


def reference_group_ei(scope, attribute):
    """FRG-3's groups scored with lsmnet.ei_index, one call per partition."""
    out = []
    if attribute == "issues":
        issues = scope.issues[scope.issues.map(len) > 0]
        H = induced_subgraph(scope.graph, issues.index)
        for issue in sorted({i for row in issues for i in row}):
            inside = {o: "in" if issue in row else "out" for o, row in issues.items()}
            table = lsm.ei_table(H, inside, level="group")
            size = sum(v == "in" for v in inside.values())
            out.append((issue, size, table.at["in", "ei"] if "in" in table.index else np.nan))
        return out
    values = scope.orgs[attribute].dropna().astype(str)
    if values.empty:
        return out
    H = induced_subgraph(scope.graph, values.index)
    table = lsm.ei_table(H, values.to_dict(), level="group")
    return [(g, int(table.at[g, "size"]), table.at[g, "ei"]) for g in sorted(table.index)]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("attribute", ["type", "province", "issues"])
def test_group_ei_matches_ei_index(seed, attribute):
    for scope in units(random_data(seed, n=30)):
        got = list(group_ei(scope, attribute))
        want = reference_group_ei(scope, attribute)
        assert [g for g, _, _ in got] == [g for g, _, _ in want]
        assert [s for _, s, _ in got] == [s for _, s, _ in want]
        np.testing.assert_array_equal(
            np.array([v for _, _, v in got], float), np.array([v for _, _, v in want], float)
        )


def test_single_threaded_blas_keeps_results():
    data = lsm.datasets.load_dataset("indonesia_demo")
    with single_threaded_blas():
        inside = lsm.risk_flags(data, coalition="C01")
    from lsmnet.risk.flags import evaluate, register

    outside = register([evaluate(s) for s in units(data, coalition="C01")])
    pd.testing.assert_frame_equal(inside, outside, check_exact=True)


def test_single_threaded_blas_limits_threads():
    with single_threaded_blas():
        blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
        assert blas and all(i["num_threads"] == 1 for i in blas)


@pytest.mark.parametrize("seed", range(5))
def test_null_graph_scores_equal_structural_scores(seed):
    # reference: structural_scores on the networkx graph (networkx components, lsmnet's
    # public centralization and fragmentation); the null graphs are scored from edge arrays
    from lsmnet.risk.health import _null_scores, structural_scores

    G = nx.gnm_random_graph(40 + seed, 60 + 20 * seed, seed=seed)
    G = nx.relabel_nodes(G, {v: f"m{(7 * v) % 97}" for v in G})
    nodes = list(G)
    position = {v: i for i, v in enumerate(nodes)}
    edges = [(position[u], position[v]) for u, v in G.edges()]
    rng = np.random.default_rng(seed)
    shuffled = [edges[i] for i in rng.permutation(len(edges))]  # edge order does not matter
    assert _null_scores(len(nodes), shuffled) == structural_scores(G)


@pytest.mark.parametrize("seed", range(5))
def test_mean_pair_jaccard_equals_pairwise_mean(seed):
    import itertools

    from lsmnet.risk.health import _mean_pair_jaccard
    from lsmnet.risk.mission import jaccard

    rng = np.random.default_rng(seed)
    sets = [
        set(rng.choice(list("abcdefg"), rng.integers(1, 4))) for _ in range(rng.integers(2, 60))
    ]
    want = float(np.mean([jaccard(a, b) for a, b in itertools.combinations(sets, 2)]))
    assert _mean_pair_jaccard(sets) == want


def test_auto_null_samples():
    from lsmnet.risk.health import AUTO_MIN_SAMPLES, auto_samples

    assert auto_samples(200, 300) == 100  # n (n + m) = 100,000: every draw
    assert auto_samples(400, 850) == 20  # 500,000: a fifth
    assert auto_samples(300, 500) == 41  # 240,000
    assert auto_samples(5000, 20000) == AUTO_MIN_SAMPLES
    assert auto_samples(30, 90, coalitions=100) == 100
    assert auto_samples(30, 90, coalitions=300) == 33  # 10,000 shared by 300 coalitions
    assert auto_samples(30, 90, coalitions=5000) == AUTO_MIN_SAMPLES
    assert auto_samples(300, 500, coalitions=300) == AUTO_MIN_SAMPLES  # 33 x 100k / 240k
    data = lsm.datasets.load_dataset("indonesia_demo")
    auto = lsm.coalition_health(data, coalition=["C01", "C02"])
    assert json.loads(auto.attrs["null_samples"]) == {"C01": 100, "C02": 100}
    fixed = lsm.coalition_health(data, coalition=["C01", "C02"], null_samples=100)
    pd.testing.assert_frame_equal(auto, fixed, check_exact=True)


def test_auto_null_samples_on_a_large_coalition():
    G = nx.barabasi_albert_graph(600, 2, seed=1)
    data = lsm.from_frames(
        memberships=pd.DataFrame({"org_id": [f"o{v}" for v in G], "coalition_id": "K"}),
        ties=pd.DataFrame(
            {
                "source": [f"o{u}" for u, _ in G.edges()],
                "target": [f"o{v}" for _, v in G.edges()],
                "layer": "advocacy",
            }
        ),
    )
    health = lsm.coalition_health(data)
    assert json.loads(health.attrs["null_samples"]) == {"K": 20}  # 600 (600 + 1196) > 5 x 100,000
    assert np.isfinite(health.loc["K", "transitivity_null_z"])


def test_null_samples_must_be_auto_or_an_integer():
    data = lsm.datasets.load_dataset("indonesia_demo")
    with pytest.raises(lsm.InvalidParameterError, match=r"'null_samples' parameter .* 'auto'"):
        lsm.coalition_health(data, null_samples="many")


@pytest.mark.parametrize("seed", range(8))
def test_cut_off_sizes_match_node_removal(seed):
    from lsmnet.risk.dominance import cut_off_sizes

    G = nx.gnm_random_graph(40, 45 + 5 * seed, seed=seed)
    G.add_edges_from([(100, 101), (101, 102), (102, 100), (102, 103)])  # another component
    largest = max(nx.connected_components(G), key=len)
    got = cut_off_sizes(G, largest)
    cut_points = set(nx.articulation_points(G))
    assert set(got) == largest
    for v in largest:
        want = 0
        if v in cut_points:
            rest = G.subgraph(largest - {v})
            want = len(largest) - 1 - max(len(c) for c in nx.connected_components(rest))
        assert got[v] == want, v
