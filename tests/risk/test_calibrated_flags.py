"""Calibrated flag rules (issue 14): relative thresholds, size-aware network flags, no
structural flag on homogeneous networks, a register dominated by no single code.

Reference values: hand arithmetic in the comments; the G(n, m) reference is checked against
lsmnet's own metric functions on the same random graphs (redrawn here from the documented
seed); the "before" counts of the example come from ``risk_flags`` at commit 4bf4d99.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from _risk_fixtures import build, clique, entities, rating, rows, star

import lsmnet as lsm
from lsmnet.datasets import load_dataset
from lsmnet.metrics.significance import _gnm_pairs
from lsmnet.risk import _scope
from lsmnet.risk._scope import (
    NULL_FAMILIES,
    NULL_MEASURES,
    null_draws,
    null_family,
    null_reference,
)
from lsmnet.risk.flags import skipped_flags

STRUCTURAL = ("ISO-", "DOM-", "FRG-")


def _structural(flags: pd.DataFrame) -> pd.DataFrame:
    return flags.loc[flags["code"].str.startswith(STRUCTURAL)]


def _members(G) -> tuple[list[str], list[tuple[str, str]]]:
    names = [f"o{v:02d}" for v in G]
    return names, [(names[u], names[v]) for u, v in G.edges()]


# -- DOM-2 against twice the equal share --------------------------------------------------------
def test_five_organisations_working_equally_raise_no_dom2():
    # the issue's case: K5, each holds 4/20 = 0.20 of the tie-ends; the cut-off is
    # max(0.20, 2/5) = 0.40, twice the equal share
    flags = lsm.risk_flags(build(list("abcde"), clique("abcde")))
    assert rows(flags, "DOM-2").empty
    assert _structural(flags).empty


def test_a_well_rated_member_among_three_rated_is_not_dominant():
    # only a, b, c rated (value): a receives 3.5 + 3.5 = 7, b and c 3 + 3 = 6 each; a's share
    # 7/19 = 0.37 was >= 0.20 (the old rule flagged it), below max(0.20, 2/3) now
    ratings = [
        rating("b", "a", value=3.5),
        rating("c", "a", value=3.5),
        rating("a", "b", value=3.0),
        rating("c", "b", value=3.0),
        rating("a", "c", value=3.0),
        rating("b", "c", value=3.0),
    ]
    ring = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "a")]
    flags = lsm.risk_flags(build(list("abcdef"), ring, ratings=ratings))
    assert rows(flags, "DOM-2").empty


def test_a_member_receiving_most_of_the_value_is_dominant():
    # a receives 4 + 4 = 8 of 10 value points among three rated members: 0.80 >= 2/3
    ratings = [
        rating("b", "a", value=4.0),
        rating("c", "a", value=4.0),
        rating("a", "b", value=1.0),
        rating("a", "c", value=1.0),
    ]
    ring = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "a")]
    row = rows(lsm.risk_flags(build(list("abcdef"), ring, ratings=ratings)), "DOM-2")
    assert row["entity"].tolist() == ["a"]
    assert row[["measure", "value", "threshold"]].iloc[0].tolist() == [
        "value_share",
        pytest.approx(0.8),
        pytest.approx(2 / 3),
    ]
    assert "among the 3 members rated" in row["explanation"].iloc[0]


def test_dom2_degree_share_against_twice_the_equal_share():
    # star a-bcd plus the tie e-f: 8 tie-ends among 6 tied members; a holds 3/8 = 0.375
    # >= max(0.20, 2/6) = 0.333
    flags = lsm.risk_flags(build(list("abcdef"), [*star("a", "bcd"), ("e", "f")]))
    row = rows(flags, "DOM-2")
    assert row[["entity", "measure"]].values.tolist() == [["a", "degree_share"]]
    assert row["threshold"].iloc[0] == pytest.approx(1 / 3)
    # a 4-cycle and a 4-star: 16 tie-ends among 9 tied members; the hub's 4/16 = 0.25 >=
    # max(0.20, 2/9) = 0.222
    ring = [("w", "x"), ("x", "y"), ("y", "z"), ("z", "w")]
    two = lsm.risk_flags(build(list("abcdewxyz"), [*star("a", "bcde"), *ring]))
    assert rows(two, "DOM-2")[["entity", "measure"]].values.tolist() == [["a", "degree_share"]]
    # a 3-star alone: a holds 3/6 = 0.50 >= max(0.20, 2/4) = 0.50
    alone = rows(lsm.risk_flags(build(list("abcd"), star("a", "bcd"))), "DOM-2")
    assert alone[["entity", "measure", "threshold"]].values.tolist() == [
        ["a", "degree_share", 0.5]
    ]


def test_dom2_runner_up_rule_needs_three_ties():
    # path a-b-c and the pair d-e: b has 2 ties, twice the runner-up's 1, but fewer than 3;
    # its share 2/8 = 0.25 < max(0.20, 2/5) = 0.40
    flags = lsm.risk_flags(build(list("abcde"), [("a", "b"), ("b", "c"), ("d", "e")]))
    assert rows(flags, "DOM-2").empty
    lenient = lsm.risk_flags(
        build(list("abcde"), [("a", "b"), ("b", "c"), ("d", "e")]),
        thresholds={"dom_min_degree": 2},
    )
    assert entities(lenient, "DOM-2") == {"b"}


def test_cmp2_needs_a_focus():
    # without a recorded focus every shared issue would count: 50 members in one niche with
    # no ties would all be flagged; the flag is skipped instead, with the reason
    orgs = {f"o{i:02d}": {"province": "P", "issues": "water"} for i in range(50)}
    flags = lsm.risk_flags(build(list(orgs), [], orgs=orgs))
    assert rows(flags, "CMP-2").empty
    notes = skipped_flags(flags).set_index("code")
    assert notes.at["CMP-2", "reason"].startswith("no focus recorded for the coalition")
    focused = lsm.risk_flags(build(list(orgs), [], orgs=orgs, focus=("health",)))
    assert (focused["code"] == "CMP-2").sum() == 50


# -- homogeneous networks raise no structural flag ------------------------------------------------
@pytest.mark.parametrize("n", [5, 8, 13, 30])
def test_complete_graphs_raise_no_structural_flag(n):
    names, ties = _members(nx.complete_graph(n))
    assert _structural(lsm.risk_flags(build(names, ties))).empty


def test_a_regular_network_that_fits_the_core_periphery_pattern_has_no_peripheral_member():
    # the octahedron (K6 less a perfect matching): the discrete pattern with a core of 4 fits
    # (0.53), but every member has the same coreness, so nobody is peripheral
    G = nx.complement(nx.Graph([(0, 1), (2, 3), (4, 5)]))
    assert lsm.core_periphery(G, seed=0).attrs["correlation"] >= 0.5
    names, ties = _members(G)
    assert rows(lsm.risk_flags(build(names, ties)), "ISO-3").empty


@pytest.mark.parametrize(
    ("d", "n", "seed"),
    [(3, 6, 0), (3, 20, 1), (4, 5, 2), (4, 15, 3), (5, 12, 4), (6, 40, 5), (3, 80, 6)],
)
def test_random_regular_graphs_raise_no_structural_flag(d, n, seed):
    G = nx.random_regular_graph(d, n, seed=seed)
    assert nx.is_connected(G)  # the seeds are chosen to give connected graphs
    names, ties = _members(G)
    flags = lsm.risk_flags(build(names, ties))
    assert _structural(flags).empty, flags[["code", "entity", "explanation"]].to_string()


# -- size-aware network flags ---------------------------------------------------------------------
def _redrawn(n, m, draws, family):
    """The family's random graphs, redrawn from the documented seed ``[n, m, family]``."""
    rng = np.random.default_rng([n, m, list(NULL_FAMILIES).index(family)])
    for _ in range(draws):
        u, v = _gnm_pairs(n, m, False, rng)
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(zip(u.tolist(), v.tolist(), strict=True))
        yield G


def test_null_reference_is_the_quantile_of_the_metrics_on_the_seeded_draws():
    # score the redrawn graphs with lsmnet's and networkx's own functions
    n, m, draws = 9, 12, 30
    used, reference = null_reference(n, m, draws, 0.95)
    assert used == draws and set(reference) == set(NULL_MEASURES)
    values = {k: [] for k in NULL_MEASURES}
    for G in _redrawn(n, m, draws, "degree"):
        degrees = np.array([d for _, d in G.degree()], dtype=float)
        values["degree_centralization"].append(lsm.centralization(G, "degree"))
        values["degree_hhi"].append(lsm.hhi(degrees, normalized=True))
    for G in _redrawn(n, m, draws, "path"):
        values["distance_fragmentation"].append(lsm.fragmentation(G, distance_weighted=True))
        values["max_betweenness"].append(max(nx.betweenness_centrality(G).values()))
    for measure in NULL_MEASURES:
        assert reference[measure] == pytest.approx(np.quantile(values[measure], 0.95))


def test_sampled_path_reference_is_close_to_the_exact_one(monkeypatch):
    # above NULL_SAMPLE_ABOVE members the path measures use sampled sources; lowering that
    # bound on a 300-member network compares the estimate with the exact quantiles
    exact = null_family(300, 600, 20, 0.95, "path")[1]
    monkeypatch.setattr(_scope, "NULL_SAMPLE_ABOVE", 100)
    monkeypatch.setattr(_scope, "NULL_SOURCES", 150)
    null_family.cache_clear()
    sampled = null_family(300, 600, 20, 0.95, "path")[1]
    null_family.cache_clear()
    assert sampled["distance_fragmentation"] == pytest.approx(
        exact["distance_fragmentation"], abs=0.02
    )
    assert sampled["max_betweenness"] == pytest.approx(exact["max_betweenness"], rel=0.35)


def test_null_reference_is_deterministic_and_cached():
    null_family.cache_clear()
    first = null_family(20, 30, 50, 0.95, "path")
    assert null_family(20, 30, 50, 0.95, "path") is first
    null_family.cache_clear()
    assert null_family(20, 30, 50, 0.95, "path") == first


def test_null_draws_shrink_for_large_networks():
    # degree measures: always the budget; path measures: 200 x (200 + 800) = 200,000 <=
    # NULL_WORK: the budget; 300 x 900 = 270,000: 200 x 200,000 // 270,000 = 148; sampled
    # sources above 1,000 members: 200 x (5,000 + 10,000) = 3e6 -> 13 -> never below 20
    assert null_draws(5_000, 10_000, 200, "degree") == 200
    assert null_draws(200, 800, 200) == 200
    assert null_draws(300, 600, 200) == 148
    assert null_draws(5_000, 10_000, 200) == 20
    assert null_draws(5_000, 10_000, 10) == 10


def test_dom1_on_a_small_network_is_not_beyond_random_networks():
    # centralization 0.60 >= 0.50, but random networks of 6 members and 7 ties reach it often
    ties = [*star("a", "bcde"), ("e", "f"), ("b", "c")]
    flags = lsm.risk_flags(build(list("abcdef"), ties))
    assert rows(flags, "DOM-1").empty
    fixed = lsm.risk_flags(build(list("abcdef"), ties), thresholds={"null_draws": 0})
    assert rows(fixed, "DOM-1")["value"].tolist() == [pytest.approx(0.6)]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_size_aware_explanations_say_so(lang):
    # a 12-member star: centralization 1 and a normalized degree HHI of
    # (0.25 + 11 (0.5/11)^2 - 1/12) / (11/12) = 0.207, both beyond G(12, 11)
    leaves = [f"l{i:02d}" for i in range(11)]
    flags = lsm.risk_flags(build(["hub", *leaves], star("hub", leaves)), lang=lang)
    phrase = {"en": "200 random networks", "id": "200 jaringan acak"}[lang]
    for code in ("DOM-1", "DOM-3"):
        (text,) = rows(flags, code)["explanation"]
        assert phrase in text, text
    assert rows(flags, "DOM-3")["value"].iloc[0] == pytest.approx(
        (0.25 + 11 * (0.5 / 11) ** 2 - 1 / 12) / (11 / 12)
    )


def test_frg2_distance_fragmentation_of_separate_cliques_is_flagged():
    # three separate 5-cliques: 2/3 of the pairs cannot reach each other, so
    # fragmentation = 1 - (3 x 20 x 1) / (15 x 14) = 0.714; random networks of 15 members and
    # 30 ties are mostly connected
    groups = ["abcde", "fghij", "klmno"]
    ties = [t for g in groups for t in clique(g)]
    row = rows(lsm.risk_flags(build(list("abcdefghijklmno"), ties)), "FRG-2")
    assert row["value"].tolist() == [pytest.approx(1 - 60 / 210)]


# -- the example's register -------------------------------------------------------------------
#: Counts by code of the example's register before issue 14 (commit 4bf4d99): 933 rows,
#: CMP-2 alone 554.
BEFORE = {"CMP-2": 554, "CMP-4": 66, "ISO-3": 60, "PWR-1": 55, "CMP-1": 32}


def test_the_examples_register_is_dominated_by_no_single_code():
    counts = lsm.risk_flags(load_dataset("indonesia_demo"))["code"].value_counts()
    assert counts.sum() < 933 / 2
    assert counts.iloc[0] / counts.sum() < 0.3, counts.head().to_dict()
    assert counts.get("CMP-2", 0) < BEFORE["CMP-2"] / 10
    assert counts.get("ISO-3", 0) < BEFORE["ISO-3"] / 5


def test_registers_concatenate_and_keep_their_skip_notes():
    demo = load_dataset("indonesia_demo")
    first = lsm.risk_flags(demo, coalition="C01")
    second = lsm.risk_flags(demo, coalition="C02")
    assert all(isinstance(v, str) for v in first.attrs.values())
    both = pd.concat([first, second], ignore_index=True)
    assert len(both) == len(first) + len(second)
    notes = skipped_flags(first)
    assert list(notes.columns) == ["code", "reason", "coalitions"]
    assert set(notes["coalitions"].map(tuple)) <= {("C01",)}
    assert skipped_flags(first.iloc[:0].copy().assign()).shape[1] == 3


def test_skipped_flags_rejects_other_objects():
    with pytest.raises(lsm.InvalidParameterError, match="must be a register returned by"):
        skipped_flags([1, 2])
