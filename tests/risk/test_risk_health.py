"""coalition_health, member_table and network_stage on hand-built data, checked against
networkx, brute-force formulas and the lsmnet functions they are built from."""

from __future__ import annotations

import itertools
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from _risk_fixtures import build, clique, rating, star

import lsmnet as lsm
from lsmnet import GraphTypeError, InvalidParameterError
from lsmnet.risk.health import NULL_SCORES
from lsmnet.risk.stage import network_stage


@pytest.fixture(scope="module")
def small():
    """Coalition K: a-b (advocacy + operational), b-c, c-a, c-d (network); e isolated."""
    orgs = {
        "a": {"budget": 100, "issues": "x|y", "respondent": True},
        "b": {"budget": 300, "issues": "x", "respondent": True},
        "c": {"budget": 100, "issues": "y", "respondent": True},
        "d": {"issues": "x|y", "respondent": False},
        "e": {"respondent": True},
    }
    ties = [
        ("a", "b", "advocacy", {"reported_by": "a"}),
        ("a", "b", "operational", {"reported_by": "b"}),
        ("b", "c", "network", {"reported_by": "b"}),
        ("c", "a", "network", {"reported_by": "c"}),
        ("c", "d", "network", {"reported_by": "c"}),
    ]
    ratings = [
        rating(r, e, trust=t, value=v)
        for r, e, t, v in [("a", "b", 3.0, 2.0), ("b", "a", 2.0, 3.0), ("c", "a", 4.0, 4.0)]
    ]
    return build(list("abcde"), ties, ratings=ratings, orgs=orgs)


@pytest.fixture(scope="module")
def health(small):
    return lsm.coalition_health(small, null_samples=30, seed=1)


def test_one_row_per_coalition(health):
    assert list(health.index) == ["K"]
    assert health.index.name == "coalition"


def test_structure_scores(health):
    row = health.loc["K"]
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    G.add_node("e")
    assert row["members"] == 5
    assert row["density"] == pytest.approx(nx.density(G))  # 4 / 10
    assert row["average_degree"] == pytest.approx(8 / 5)
    assert row["components"] == 2
    assert row["largest_component_share"] == pytest.approx(4 / 5)
    assert row["transitivity"] == pytest.approx(nx.transitivity(G))
    # Freeman: degrees 2,2,3,1,0 -> sum(3 - d) = 1+1+0+2+3 = 7 over (4)(3) = 12
    assert row["degree_centralization"] == pytest.approx(7 / 12)
    assert row["betweenness_centralization"] == pytest.approx(lsm.centralization(G, "betweenness"))
    assert row["distance_fragmentation"] == pytest.approx(
        lsm.fragmentation(G, distance_weighted=True)
    )


def test_survey_scores(small, health):
    row = health.loc["K"]
    assert (row["respondents"], row["response_rate"]) == (4, 0.8)
    network = lsm.trust_value_scores(small, coalition="K").network
    assert row["trust"] == pytest.approx(network["trust"]) == pytest.approx(3.0)
    assert row["value_pct"] == pytest.approx(network["value_pct"])
    assert row["rated_dyads"] == 3
    # nominations among respondents a, b, c: a->b, b->a, b->c, c->a: 2 of 4 reciprocated
    assert row["reciprocity"] == pytest.approx(0.5)


def test_layers_inequality_and_mission(health):
    row = health.loc["K"]
    assert row["multiplexity"] == pytest.approx((2 + 1 + 1 + 1) / 4)
    assert (row["ties_advocacy"], row["ties_operational"], row["ties_network"]) == (1, 1, 3)
    assert row["ties_capacity"] == 0
    degrees = np.array([2, 2, 3, 1, 0], float)
    brute = np.abs(degrees[:, None] - degrees).sum() / (2 * 25 * degrees.mean())
    assert row["gini_degree"] == pytest.approx(brute)
    assert row["gini_budget"] == pytest.approx(lsm.gini([100, 300, 100]))  # 3 of 5 known
    # issue sets {x,y}, {x}, {y}, {x,y}: mean pairwise Jaccard over the 6 pairs
    sets = [{"x", "y"}, {"x"}, {"y"}, {"x", "y"}]
    jac = [len(p & q) / len(p | q) for p, q in itertools.combinations(sets, 2)]
    assert row["mission_cohesion"] == pytest.approx(np.mean(jac))


def test_flag_counts_match_risk_flags(small, health):
    counts = lsm.risk_flags(small)["severity"].value_counts()
    for severity in ("high", "watch", "info"):
        assert health.loc["K", f"flags_{severity}"] == counts.get(severity, 0)


def test_stage_columns(health):
    assert health.loc["K", "stage"] in {
        "fragments",
        "single_hub",
        "core_periphery",
        "multi_hub",
        "unclassified",
    }
    assert health.loc["K", "stage_evidence"]


def test_null_model_is_seeded_and_bounded(small, health):
    again = lsm.coalition_health(small, null_samples=30, seed=1)
    pd.testing.assert_frame_equal(health, again)
    for score in NULL_SCORES:
        pct = health.loc["K", f"{score}_null_pct"]
        assert np.isnan(pct) or 0 <= pct <= 100


def test_null_model_of_a_star_has_no_variation():
    # a star's degree sequence has a single simple realisation: every null graph is the star
    leaves = [f"l{i}" for i in range(6)]
    health = lsm.coalition_health(build(["h", *leaves], star("h", leaves)), null_samples=10)
    row = health.loc["K"]
    assert np.isnan(row["betweenness_centralization_null_z"])
    assert row["betweenness_centralization_null_pct"] == 50.0


def test_null_z_of_a_spread_within_rounding_is_nan():
    # null graphs that score the same up to the last bit (as a small coalition's can): the
    # spread is rounding, so no z-score, and the observed value ties with them (mid-rank 50)
    from lsmnet.risk.health import _null_summary

    base = 0.05357142857142857
    recorded = np.full((20, len(NULL_SCORES)), base)
    recorded[::3, :] = np.nextafter(base, 1.0)
    observed = dict.fromkeys(NULL_SCORES, np.nextafter(base, 0.0))
    summary = _null_summary(recorded, observed)
    for score in NULL_SCORES:
        assert np.isnan(summary[f"{score}_null_z"])
        assert summary[f"{score}_null_pct"] == 50.0
    # a real spread still gives the z-score written out with numpy
    recorded[:, 0] = np.linspace(0.0, 1.0, 20)
    observed[NULL_SCORES[0]] = 0.9
    z = _null_summary(recorded, observed)[f"{NULL_SCORES[0]}_null_z"]
    assert z == pytest.approx((0.9 - recorded[:, 0].mean()) / recorded[:, 0].std(ddof=1))


def test_observed_path_scores_shared_with_the_flags_equal_a_fresh_computation():
    # reference: structural_scores on a fresh graph (lsmnet.centralization and
    # lsmnet.fragmentation, themselves checked against networkx), against the row built from
    # the scope's path measures shared with the flags and the member table
    from lsmnet.risk.health import structural_scores

    data = lsm.datasets.load_dataset("indonesia_demo")
    health = lsm.coalition_health(data, null_samples=0)
    for cid in ("C01", "C02", "C03"):
        G = lsm.coalition_graph(data, cid)
        bare = nx.Graph()
        bare.add_nodes_from(G)
        bare.add_edges_from(G.edges())
        fresh = structural_scores(bare)
        for score in ("betweenness_centralization", "distance_fragmentation"):
            assert health.loc[cid, score] == pytest.approx(fresh[score], rel=1e-12, abs=1e-15)
        assert 0 < health.loc[cid, "betweenness_centralization"] < 1


def test_null_model_z_against_a_networkx_reference():
    # reference: the chain's graphs (degree_null_chain from the documented generator of
    # coalition K: default_rng([seed, crc32("K"), 1, 1]), one chain for a small coalition)
    # built as networkx graphs and scored by nx.transitivity, z written out with numpy; the
    # chain's first graph is cug_test's first degree-null graph from the same generator
    import zlib

    from lsmnet.metrics.significance import degree_null_chain

    entropy = [5, zlib.crc32(b"K"), 1, 1]

    ties = [*clique("abcd"), ("d", "e"), ("e", "f"), ("f", "g"), ("g", "h"), ("h", "e")]
    data = build(list("abcdefgh"), ties)
    row = lsm.coalition_health(data, null_samples=40, seed=5).loc["K"]
    G = nx.Graph(ties)
    nodes = list(G)
    degrees = [G.degree(v) for v in nodes]
    values = []
    for edges in degree_null_chain(degrees, None, np.random.default_rng(entropy), 40):
        H = nx.Graph()
        H.add_nodes_from(range(len(nodes)))
        H.add_edges_from(edges.tolist())
        assert [H.degree(i) for i in range(len(nodes))] == degrees
        values.append(nx.transitivity(H))
    values = np.array(values)
    observed = nx.transitivity(G)
    assert row["transitivity_null_z"] == pytest.approx(
        (observed - values.mean()) / values.std(ddof=1)
    )
    first = lsm.cug_test(
        G, "transitivity", null="degree", n=1, seed=np.random.default_rng(entropy)
    )
    assert first.null_values[0] == pytest.approx(values[0])


def test_null_samples_zero_gives_nan():
    health = lsm.coalition_health(build(list("abc"), clique("abc")), null_samples=0)
    assert health.filter(like="_null_").isna().all(axis=None)


def test_invalid_null_samples():
    with pytest.raises(InvalidParameterError, match="'null_samples' parameter"):
        lsm.coalition_health(build(list("ab"), [("a", "b")]), null_samples=-1)


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


def test_coalition_health_progress_bar_only_on_request(demo, capsys):
    kwargs = {"coalition": ["C04", "C05"], "null_samples": 3}
    rng_quiet, rng_shown = np.random.default_rng(2), np.random.default_rng(2)
    quiet = lsm.coalition_health(demo, seed=rng_quiet, progress=False, **kwargs)
    assert capsys.readouterr().err == ""
    shown = lsm.coalition_health(demo, seed=rng_shown, progress=True, **kwargs)
    err = capsys.readouterr().err
    assert "coalition_health:" in err and "0/2" in err  # one step per coalition
    pd.testing.assert_frame_equal(shown, quiet, check_exact=True)
    assert shown.attrs == quiet.attrs
    assert rng_shown.random() == rng_quiet.random()  # the same random numbers were drawn
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        lsm.coalition_health(demo, progress="yes", **kwargs)


def test_coalition_health_shows_one_bar_on_a_terminal(demo, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # progress=None: bar on a terminal
    lsm.coalition_health(demo, coalition=["C04", "C05"], null_samples=0)
    err = capsys.readouterr().err
    assert "coalition_health:" in err
    assert "core_periphery" not in err  # the search run for each coalition shows no bar


# -- member_table -----------------------------------------------------------------------------
def test_member_table(small):
    table = lsm.member_table(small, "K")
    assert list(table.index) == list("abcde")
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    G.add_node("e")
    reference = lsm.centrality_table(G)
    for column in ("betweenness", "closeness", "constraint", "effective_size"):
        np.testing.assert_allclose(
            table[column].to_numpy(float), reference[column].reindex(table.index), equal_nan=True
        )
    assert table["degree"].tolist() == [2, 2, 3, 1, 0]
    assert table.loc["a", "strength"] == 3.0  # a-b twice (two layers) + c-a
    assert (table.loc["a", "in_degree"], table.loc["a", "out_degree"]) == (2.0, 1.0)
    assert table.loc["c", "relative_connectivity"] == pytest.approx(3 / 1.6)
    scores = lsm.trust_value_scores(small, coalition="K").nodes
    np.testing.assert_allclose(table["trust"], scores["trust"], equal_nan=True)
    assert "ISO-1" in table.loc["e", "flags"]
    flags = lsm.risk_flags(small)
    for code, entity in flags.loc[flags["level"] == "node", ["code", "entity"]].itertuples(
        index=False
    ):
        assert code in table.loc[entity, "flags"]


def test_member_table_brokerage_by_group(small):
    table = lsm.member_table(small, "K", group="province")
    assert table["brokerage"].isna().all()  # no province known
    typed = lsm.member_table(small, "K", group="respondent")
    assert typed["brokerage"].notna().sum() == 5


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (("nope",), {}, "coalition"),
        ((["K"],), {}, "'coalition' parameter of member_table must be one"),
        (("K",), {"group": "issues"}, "'group' parameter of member_table"),
        (("K",), {"group": "color"}, "'group' parameter of member_table"),
    ],
)
def test_member_table_errors(small, args, kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        lsm.member_table(small, *args, **kwargs)


# -- network_stage ----------------------------------------------------------------------------
def test_stage_single_hub_and_fragments():
    assert network_stage(nx.star_graph(9)).stage == "single_hub"
    assert network_stage(nx.empty_graph(5)).stage == "fragments"
    pairs = nx.Graph([(0, 1), (2, 3), (4, 5)])
    result = network_stage(pairs)
    assert result.stage == "fragments"
    assert result.measures["components"] == 3


def test_stage_core_periphery():
    # a core of 3 tied to each other and to every one of 4 peripheral members: fit 1.0
    G = nx.complete_graph(3)
    G.add_edges_from((i, j) for i in range(3) for j in range(3, 7))
    result = network_stage(G)
    assert result.measures["core_fit"] >= 0.5
    assert result.stage == "core_periphery"


def test_stage_multi_hub():
    # three hubs of five leaves each, the hubs in a chain: centralization below 0.5
    G = nx.Graph([("h0", "h1"), ("h1", "h2")])
    for h in ("h0", "h1", "h2"):
        G.add_edges_from((h, f"{h}l{i}") for i in range(5))
    result = network_stage(G, core_fit=1.0)  # rule out core/periphery, tested first
    assert result.measures["hub_count"] == 3
    assert result.stage == "multi_hub"


def test_stage_unclassified_and_evidence():
    result = network_stage(nx.cycle_graph(8), lang="id")
    assert result.stage == "unclassified"
    assert result.label == "Di antara tahap"
    assert "sentralisasi derajat 0,00" in result.evidence


@pytest.mark.parametrize(
    ("G", "kwargs", "error", "match"),
    [
        (nx.DiGraph([(0, 1)]), {}, GraphTypeError, "undirected"),
        (nx.path_graph(3), {"hub_share": 2}, InvalidParameterError, "'hub_share'"),
        (nx.path_graph(3), {"hubs": 0}, InvalidParameterError, "'hubs'"),
        (nx.path_graph(3), {"lang": "fr"}, InvalidParameterError, "'lang'"),
    ],
)
def test_stage_errors(G, kwargs, error, match):
    with pytest.raises(error, match=match):
        network_stage(G, **kwargs)
