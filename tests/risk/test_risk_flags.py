"""risk_flags: for every code of the specification, a hand-built case where it fires on the
right entity and a control where it must not.

Expected values are computed by hand in the comments (or by a brute-force function in this
file, or by the independent lsmnet/networkx function named in the test).
"""

from __future__ import annotations

import itertools
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from _risk_fixtures import COLUMNS, build, clique, entities, rating, rows, skipped, star

import lsmnet as lsm
from lsmnet import InvalidParameterError, RiskThresholds
from lsmnet.risk.flags import skipped_flags

#: The fixed cut-offs alone, without the size-aware G(n, m) test of DOM-1, DOM-3 and FRG-2
#: (spec, issue 14): for hand-sized networks whose values are tested against the cut-offs.
FIXED = {"null_draws": 0}


def freeman_degree(G):
    """Brute-force Freeman degree centralization of an undirected graph."""
    d = [G.degree(v) for v in G]
    n = len(d)
    return sum(max(d) - x for x in d) / ((n - 1) * (n - 2))


def distance_fragmentation(G):
    """Brute-force Borgatti distance-weighted fragmentation."""
    n = len(G)
    total = sum(
        1 / dist
        for source, lengths in nx.all_pairs_shortest_path_length(G)
        for target, dist in lengths.items()
        if target != source
    )
    return 1 - total / (n * (n - 1))


def graph(ties):
    return nx.Graph([t[:2] for t in ties])


# -- structure of the result ------------------------------------------------------------------
def test_columns_and_dtypes():
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcd")))
    assert list(flags.columns) == COLUMNS
    assert flags["value"].dtype == float and flags["threshold"].dtype == float
    assert set(flags["severity"]) <= {"info", "watch", "high"}
    assert set(flags["level"]) <= {"network", "group", "node", "dyad"}
    assert (flags["coalition"] == "K").all()


def test_rows_follow_the_spec_order_of_codes():
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcd")))
    order = {code: i for i, code in enumerate(lsm.risk.catalog.flag_codes())}
    positions = flags["code"].map(order).tolist()
    assert positions == sorted(positions)


# -- A. isolation -----------------------------------------------------------------------------
def test_iso1_fires_on_the_isolate_only():
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcd")))
    assert entities(flags, "ISO-1") == {"e"}
    row = rows(flags, "ISO-1").iloc[0]
    assert (row["severity"], row["level"], row["category"]) == ("high", "node", "isolation")
    assert row["explanation"].startswith("Org E has no tie")


def test_iso1_control_everyone_tied():
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcde")))
    assert entities(flags, "ISO-1") == set()


def test_iso2_fires_on_single_tie_members_with_their_partner():
    flags = lsm.risk_flags(build(list("abcd"), star("a", "bcd")))
    assert entities(flags, "ISO-2") == {"b", "c", "d"}
    assert all("to Org A" in text for text in rows(flags, "ISO-2")["explanation"])


def test_iso2_control_cycle():
    ring = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]
    assert entities(lsm.risk_flags(build(list("abcd"), ring)), "ISO-2") == set()


def _core_and_periphery():
    """A 4-clique core, seven periphery members tied to two core members each and ``l`` tied
    to one: a core–periphery structure (discrete fit 0.586 > 0.5)."""
    core = list("abcd")
    ties = clique("abcd")
    for i, p in enumerate("efghijk"):
        ties += [(p, core[i % 4]), (p, core[(i + 1) % 4])]
    return [*ties, ("l", "a")]


def test_iso3_fires_on_low_coreness_periphery_members():
    ties = _core_and_periphery()
    flags = lsm.risk_flags(build(list("abcdefghijkl"), ties))
    reference = lsm.core_periphery(graph(ties), seed=0)
    assert reference.attrs["correlation"] >= 0.5
    fired = entities(flags, "ISO-3")
    assert fired and fired <= set("efghijkl") and "l" in fired
    assert not reference.loc[list(fired), "core"].any()
    cut = reference["coreness"].reindex(list("abcdefghijkl")).quantile(0.25)
    assert rows(flags, "ISO-3")["threshold"].iloc[0] == pytest.approx(cut, rel=1e-6)
    assert set(rows(flags, "ISO-3")["severity"]) == {"info"}


def test_iso3_needs_a_core_periphery_structure():
    # spec (issue 14): a 4-clique with one pendant each fits the core–periphery pattern at
    # 0.4 only (core–periphery block ideal 1): no structure, so no member is "peripheral"
    ties = [*clique("abcd"), ("a", "e"), ("b", "f"), ("c", "g"), ("d", "h")]
    flags = lsm.risk_flags(build(list("abcdefgh"), ties))
    assert lsm.core_periphery(graph(ties), seed=0).attrs["correlation"] < 0.5
    assert entities(flags, "ISO-3") == set()
    assert "no core–periphery structure" in skipped(flags)["ISO-3"]
    lenient = lsm.risk_flags(build(list("abcdefgh"), ties), thresholds={"iso_core_fit": 0.3})
    assert entities(lenient, "ISO-3") <= set("efgh") and entities(lenient, "ISO-3")


def test_iso3_control_complete_graph_has_no_periphery():
    flags = lsm.risk_flags(build(list("abcde"), clique("abcde")))
    assert entities(flags, "ISO-3") == set()
    assert "core/periphery" in skipped(flags)["ISO-3"]


def _named(reporter, target):
    return (reporter, target, "advocacy", {"reported_by": reporter})


def test_iso4_fires_on_respondent_named_by_nobody():
    respondents = {o: {"respondent": True} for o in "abcd"}
    ties = [
        _named("a", "b"),
        _named("a", "c"),
        _named("b", "c"),
        _named("c", "b"),
        _named("d", "b"),
    ]
    flags = lsm.risk_flags(build(list("abcd"), ties, orgs=respondents))
    assert entities(flags, "ISO-4") == {"a"}  # d names only one partner
    assert rows(flags, "ISO-4")["value"].iloc[0] == 2


def test_iso4_control_named_back():
    respondents = {o: {"respondent": True} for o in "abc"}
    ties = [_named("a", "b"), _named("a", "c"), _named("b", "a")]
    assert entities(lsm.risk_flags(build(list("abc"), ties, orgs=respondents)), "ISO-4") == set()


def test_iso4_needs_survey_information():
    flags = lsm.risk_flags(build(list("abc"), [("a", "b")]))
    assert "who answered" in skipped(flags)["ISO-4"]


# -- B. dominance -----------------------------------------------------------------------------
def test_dom1_watch_and_high():
    # degrees a4 b2 c2 d1 e2 f1: sum(4 - d) = 12, (n-1)(n-2) = 20 -> 0.60 (watch); the fixed
    # cut-offs alone (size-aware test off: six members are central by arithmetic)
    ties = [*star("a", "bcde"), ("e", "f"), ("b", "c")]
    flags = lsm.risk_flags(build(list("abcdef"), ties), thresholds=FIXED)
    row = rows(flags, "DOM-1").iloc[0]
    assert row["value"] == pytest.approx(freeman_degree(graph(ties))) == pytest.approx(0.6)
    assert (row["severity"], row["threshold"], row["entity"]) == ("watch", 0.5, "K")
    star6 = lsm.risk_flags(build(list("abcdef"), star("a", "bcdef")))  # beyond G(6, 5) too
    assert rows(star6, "DOM-1")[["severity", "value", "threshold"]].iloc[0].tolist() == [
        "high",
        1.0,
        0.7,
    ]


def test_dom1_control_cycle():
    ring = [(a, b) for a, b in itertools.pairwise("abcdefa")]
    assert rows(lsm.risk_flags(build(list("abcdef"), ring)), "DOM-1").empty


def test_dom2_degree_share():
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcde")))
    row = rows(flags, "DOM-2")
    assert row["entity"].tolist() == ["a"]
    assert row["measure"].iloc[0] == "degree_share"
    assert row["value"].iloc[0] == pytest.approx(4 / 8)


def test_dom2_runner_up_ratio():
    # hub with 4 leaves plus a 7-cycle: hub share 4/22 < 0.2, but degree 4 = 2 x runner-up 2
    cycle = [(f"c{i}", f"c{(i + 1) % 7}") for i in range(7)]
    members = ["h", "l1", "l2", "l3", "l4", *(f"c{i}" for i in range(7))]
    flags = lsm.risk_flags(build(members, star("h", ["l1", "l2", "l3", "l4"]) + cycle))
    row = rows(flags, "DOM-2")
    assert row["entity"].tolist() == ["h"]
    assert row["measure"].iloc[0] == "runner_up_ratio"
    assert row["value"].iloc[0] == pytest.approx(2.0)
    assert "Org C0" in row["explanation"].iloc[0]


def test_dom2_value_share():
    # a receives value 4 from 5 raters (sum 20), everyone else 1 from 5 raters (sum 5):
    # a's share 20 / 45 = 0.444; degree shares on a 6-cycle are 1/6 < 0.2
    members = list("abcdef")
    ring = [(x, y) for x, y in itertools.pairwise("abcdefa")]
    ratings = [
        rating(r, e, value=4.0 if e == "a" else 1.0) for r, e in itertools.permutations(members, 2)
    ]
    row = rows(lsm.risk_flags(build(members, ring, ratings=ratings)), "DOM-2")
    assert row["entity"].tolist() == ["a"]
    assert row["measure"].iloc[0] == "value_share"
    assert row["value"].iloc[0] == pytest.approx(20 / 45)


def test_dom2_control_cycle():
    ring = [(a, b) for a, b in itertools.pairwise("abcdefa")]
    assert rows(lsm.risk_flags(build(list("abcdef"), ring)), "DOM-2").empty


def test_dom3_concentrated_degree():
    leaves = [f"l{i}" for i in range(9)]
    flags = lsm.risk_flags(build(["h", *leaves], star("h", leaves)))
    # shares 9/18 and 9 x 1/18: H = 0.25 + 9/324; normalized (H - 1/10) / (1 - 1/10)
    h = 0.25 + 9 / 324
    row = rows(flags, "DOM-3").iloc[0]
    assert row["value"] == pytest.approx((h - 0.1) / 0.9)
    assert (row["severity"], row["threshold"], row["measure"]) == ("watch", 0.15, "degree_hhi")


def test_dom3_control_cycle():
    ring = [(a, b) for a, b in itertools.pairwise("abcdefa")]
    assert rows(lsm.risk_flags(build(list("abcdef"), ring)), "DOM-3").empty


def test_dom4_cut_points_watch_and_high():
    # clique a..h; a - x; x - y; x - z. Removing x cuts y, z off (2/11, watch); removing a
    # cuts x, y, z off (3/11, high).
    ties = [*clique("abcdefgh"), ("a", "x"), ("x", "y"), ("x", "z")]
    flags = lsm.risk_flags(build([*"abcdefgh", "x", "y", "z"], ties))
    dom4 = rows(flags, "DOM-4").set_index("entity")
    assert set(dom4.index) == {"a", "x"}
    assert dom4.loc["x", ["severity", "measure"]].tolist() == ["watch", "cut_off_share"]
    assert dom4.loc["x", "value"] == pytest.approx(2 / 11)
    assert dom4.loc["a", "severity"] == "high"
    assert dom4.loc["a", "value"] == pytest.approx(3 / 11)
    assert "3 members" in dom4.loc["a", "explanation"]


def test_dom4_fragmentation_centrality_when_only_one_member_is_cut_off():
    ties = [("a", "b"), ("b", "c")]
    flags = lsm.risk_flags(build(list("abc"), ties))
    row = rows(flags, "DOM-4").iloc[0]
    reference = lsm.fragmentation_centrality(graph(ties))["b"]  # 1.0: a and c fall apart
    assert (row["entity"], row["measure"]) == ("b", "fragmentation_centrality")
    assert row["value"] == pytest.approx(reference) == pytest.approx(1.0)


def test_dom4_control_cycle():
    ring = [(a, b) for a, b in itertools.pairwise("abcdefa")]
    assert rows(lsm.risk_flags(build(list("abcdef"), ring)), "DOM-4").empty


def test_dom5_betweenness():
    # the fixed cut-off alone (size-aware test off)
    path = [(a, b) for a, b in itertools.pairwise("abcde")]
    flags = lsm.risk_flags(build(list("abcde"), path), thresholds=FIXED)
    dom5 = rows(flags, "DOM-5").set_index("entity")
    reference = nx.betweenness_centrality(graph(path), normalized=True)  # b .5, c .667, d .5
    assert set(dom5.index) == {"b", "c", "d"}
    for org in "bcd":
        assert dom5.loc[org, "value"] == pytest.approx(reference[org])
        assert dom5.loc[org, "measure"] == "betweenness"


def test_dom5_betweenness_is_size_aware():
    # spec (issue 14, calibration): a 5-member path is as "brokered" as random networks of 5
    # members and 4 ties usually are (most are trees), so no member is flagged by default; a
    # member joining two 5-cliques is (betweenness 25/45 = 0.556, beyond G(11, 21))
    path = [(a, b) for a, b in itertools.pairwise("abcde")]
    assert rows(lsm.risk_flags(build(list("abcde"), path)), "DOM-5").empty
    ties = [*clique("abcde"), *clique("vwxyz"), ("g", "a"), ("g", "v")]
    flags = lsm.risk_flags(build(list("abcdegvwxyz"), ties))
    row = rows(flags, "DOM-5").set_index("entity").loc["g"]
    assert row["value"] == pytest.approx(nx.betweenness_centrality(graph(ties))["g"])
    assert "random networks with as many members and ties" in row["explanation"]


def test_dom5_gatekeeper_z():
    # two groups of type; g (type ngo) is tied to everyone in the ngo and the cbo clique
    orgs = {o: {"type": "ngo"} for o in "gabc"} | {o: {"type": "cbo"} for o in "wxyz"}
    ties = [*clique("abc"), *clique("wxyz"), *star("g", "abcwxyz")]
    flags = lsm.risk_flags(build(list("gabcwxyz"), ties, orgs=orgs))
    roles = lsm.brokerage_roles(graph(ties), {o: v["type"] for o, v in orgs.items()}, z=True)
    expected = max(roles.at["g", "gatekeeper_z"], roles.at["g", "representative_z"])
    assert expected >= 1.96
    row = rows(flags, "DOM-5").set_index("entity").loc["g"]
    assert row["measure"] in {"gatekeeper_z", "representative_z"}
    assert row["value"] == pytest.approx(expected)
    assert "the NGO group" in row["explanation"]  # the type in the reader's words


def test_dom5_control_complete_graph():
    assert rows(lsm.risk_flags(build(list("abcde"), clique("abcde"))), "DOM-5").empty


# -- C. fragmentation -------------------------------------------------------------------------
def test_frg1_watch_and_high():
    flags = lsm.risk_flags(build(list("abcdef"), [("a", "b"), ("b", "c"), ("d", "e")]))
    row = rows(flags, "FRG-1").iloc[0]  # largest component 3/6, not below 0.5
    assert (row["severity"], row["value"], row["threshold"]) == ("watch", 0.5, 0.8)
    assert "3 separate parts" in row["explanation"]
    pairs = lsm.risk_flags(build(list("abcdef"), [("a", "b"), ("c", "d"), ("e", "f")]))
    assert rows(pairs, "FRG-1")["severity"].tolist() == ["high"]


def test_frg1_control_connected():
    path = [(a, b) for a, b in itertools.pairwise("abcdef")]
    assert rows(lsm.risk_flags(build(list("abcdef"), path)), "FRG-1").empty


def test_frg2_distance_fragmentation():
    ties = [("a", "b"), ("b", "c"), ("d", "e"), ("e", "f")]
    row = rows(lsm.risk_flags(build(list("abcdef"), ties), thresholds=FIXED), "FRG-2").iloc[0]
    assert row["value"] == pytest.approx(distance_fragmentation(graph(ties)))
    assert row["value"] == pytest.approx(2 / 3)  # 1 - 10/30


def test_frg2_control_complete_graph():
    assert rows(lsm.risk_flags(build(list("abcd"), clique("abcd"))), "FRG-2").empty


def test_frg3_siloed_provinces():
    orgs = {o: {"province": "Aceh"} for o in "abc"} | {o: {"province": "Papua"} for o in "def"}
    ties = clique("abc") + clique("def") + [("c", "d")]
    flags = lsm.risk_flags(build(list("abcdef"), ties, orgs=orgs))
    frg3 = rows(flags, "FRG-3").set_index("entity")
    reference = lsm.ei_table(
        graph(ties), {o: v["province"] for o, v in orgs.items()}, level="group"
    )
    assert set(frg3.index) == {"province=Aceh", "province=Papua"}
    assert frg3.loc["province=Aceh", "value"] == pytest.approx(reference.at["Aceh", "ei"])
    assert frg3.loc["province=Aceh", "value"] == pytest.approx(-0.5)  # (1 - 3) / 4
    assert set(frg3["level"]) == {"group"}


def test_frg3_control_ties_across_groups():
    orgs = {o: {"province": "Aceh"} for o in "abc"} | {o: {"province": "Papua"} for o in "def"}
    ties = [("a", "d"), ("b", "e"), ("c", "f"), ("a", "e")]
    assert rows(lsm.risk_flags(build(list("abcdef"), ties, orgs=orgs)), "FRG-3").empty


def test_frg3_ignores_a_majority_group():
    # every member works on "x": the group is the whole coalition, internal by arithmetic
    orgs = {o: {"issues": "x"} for o in "abcd"}
    flags = lsm.risk_flags(build(list("abcd"), clique("abcd"), orgs=orgs))
    assert rows(flags, "FRG-3").empty


def test_frg4_thin_network():
    path = [("a", "b"), ("b", "c"), ("c", "d")]
    row = rows(lsm.risk_flags(build(list("abcd"), path)), "FRG-4").iloc[0]
    assert (row["value"], row["threshold"]) == (1.5, 2.0)  # 2 * 3 / 4


def test_frg4_control_cycle():
    ring = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]
    assert rows(lsm.risk_flags(build(list("abcd"), ring)), "FRG-4").empty


# -- D. missions ------------------------------------------------------------------------------
def test_mis1_low_mission_rating():
    ratings = [
        rating("b", "a", mission=1),
        rating("c", "a", mission=2),
        rating("d", "a", mission=2),
        rating("a", "b", mission=3),
    ]
    flags = lsm.risk_flags(build(list("abcd"), clique("abcd"), ratings=ratings))
    row = rows(flags, "MIS-1")
    assert row["entity"].tolist() == ["a"]
    assert row["value"].iloc[0] == pytest.approx(5 / 3)
    assert "3 raters" in row["explanation"].iloc[0]


def test_mis1_control_too_few_raters_and_high_rating():
    ratings = [
        rating("b", "a", mission=1),
        rating("c", "a", mission=1),
        rating("a", "b", mission=3),
        rating("c", "b", mission=3),
        rating("d", "b", mission=2),
    ]
    assert rows(lsm.risk_flags(build(list("abcd"), ratings=ratings)), "MIS-1").empty


def test_mis1_threshold_is_rescaled_to_the_data_scale():
    # on 1-5 the midpoint 2.5 (of 1-4) becomes 1 + 1.5 * 4/3 = 3.0
    ratings = [
        rating("b", "a", mission=3),
        rating("c", "a", mission=3),
        rating("d", "a", mission=2),
    ]
    flags = lsm.risk_flags(build(list("abcd"), ratings=ratings, scale=(1, 5)))
    assert rows(flags, "MIS-1")["threshold"].tolist() == [pytest.approx(3.0)]


def test_mis2_misaligned_ties():
    ratings = [
        rating(r, e, mission=m)
        for (r, e), m in zip(
            [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")], [1, 2, 3, 4], strict=True
        )
    ]
    row = rows(lsm.risk_flags(build(list("abcd"), ratings=ratings)), "MIS-2").iloc[0]
    assert (row["value"], row["threshold"], row["level"]) == (0.5, 0.25, "network")


def test_mis2_control():
    ratings = [
        rating(r, e, mission=m)
        for (r, e), m in zip(
            [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")], [3, 3, 4, 4], strict=True
        )
    ]
    assert rows(lsm.risk_flags(build(list("abcd"), ratings=ratings)), "MIS-2").empty


def test_mis3_issue_outside_the_focus():
    orgs = {"a": {"issues": "health"}, "b": {"issues": "water|health"}, "c": {"issues": "water"}}
    flags = lsm.risk_flags(build(list("abc"), clique("abc"), orgs=orgs, focus=("water",)))
    row = rows(flags, "MIS-3")
    assert row["entity"].tolist() == ["a"]
    assert (row["measure"].iloc[0], row["severity"].iloc[0]) == ("focus_jaccard", "info")


def test_mis3_partner_jaccard_without_focus():
    orgs = pd.DataFrame({"org_id": list("abc"), "issues": ["x", "y", "y"]})
    ties = pd.DataFrame(
        {"source": ["a", "a", "b"], "target": ["b", "c", "c"], "layer": "advocacy"}
    )
    flags = lsm.risk_flags(lsm.from_frames(orgs, ties=ties))
    row = rows(flags, "MIS-3")
    assert row["entity"].tolist() == ["a"]  # b: mean of 0 (a) and 1 (c) = 0.5
    assert (row["measure"].iloc[0], row["value"].iloc[0]) == ("partner_jaccard", 0.0)
    assert pd.isna(row["coalition"].iloc[0])


def test_mis3_control_shared_issues():
    orgs = {o: {"issues": "water"} for o in "abc"}
    flags = lsm.risk_flags(build(list("abc"), clique("abc"), orgs=orgs, focus=("water",)))
    assert rows(flags, "MIS-3").empty


# -- E. competition ---------------------------------------------------------------------------
def _funding(funder, recipient, amount):
    return (funder, recipient, "funding", {"amount": amount, "directed": True})


def test_cmp1_funder_overlap_with_shared_issue():
    orgs = {
        "a": {"issues": "x"},
        "b": {"issues": "x|y"},
        "c": {"issues": "x"},
        "F": {"type": "funder"},
        "G": {"type": "funder"},
    }
    ties = [_funding("F", "a", 100), _funding("F", "b", 50), _funding("G", "c", 10)]
    flags = lsm.risk_flags(build(list("abc"), ties, orgs=orgs, extra_orgs="FG"))
    row = rows(flags, "CMP-1")
    assert row["entity"].tolist() == ["a|b"]
    assert row["value"].iloc[0] == 1.0  # {F} vs {F}
    assert "Org F" in row["explanation"].iloc[0]


def test_cmp1_control_no_shared_issue():
    orgs = {"a": {"issues": "x"}, "b": {"issues": "y"}, "F": {"type": "funder"}}
    ties = [_funding("F", "a", 100), _funding("F", "b", 50)]
    assert rows(lsm.risk_flags(build(list("ab"), ties, orgs=orgs, extra_orgs="F")), "CMP-1").empty


def test_cmp2_niche_crowding_outside_the_focus():
    # spec changed (issue 14): CMP-2 is node-level. a, b, c, d, e work on water (outside the
    # focus, health) in P; a is tied to b only, so it shares the niche with 3 untied members
    # (c, d, e); b likewise; c, d and e are tied to nobody in the niche: 4 untied each
    orgs = {o: {"province": "P", "issues": "health|water"} for o in "abcde"}
    orgs["f"] = {"province": "Q", "issues": "water"}
    orgs["g"] = {"province": "P", "issues": "health"}
    data = build(list("abcdefg"), [("a", "b"), ("f", "g")], orgs=orgs, focus=("health",))
    cmp2 = rows(lsm.risk_flags(data), "CMP-2").set_index("entity")
    assert cmp2.index.tolist() == list("abcde")
    assert cmp2["value"].tolist() == [3, 3, 4, 4, 4]
    assert set(cmp2["level"]) == {"node"} and set(cmp2["severity"]) == {"info"}
    assert cmp2.at["a", "threshold"] == 3
    text = cmp2.at["a", "explanation"]
    assert "water in P, outside the focus of Coalition K (health)" in text
    assert "Org C, Org D and Org E" in text and "Org B" not in text.split(":")[1]


def test_cmp2_control_the_coalitions_focus_is_never_crowding():
    # the issue of the example: every member of a coalition about one issue in one province
    orgs = {o: {"province": "P", "issues": "health"} for o in "abcdefgh"}
    data = build(list("abcdefgh"), [("a", "b")], orgs=orgs, focus=("health",))
    assert rows(lsm.risk_flags(data), "CMP-2").empty


def test_cmp2_control_fewer_than_three_untied():
    orgs = {o: {"province": "P", "issues": "water"} for o in "abcd"}
    ties = [("a", "b"), ("c", "d")]  # each has 2 untied members in the niche
    data = build(list("abcd"), ties, orgs=orgs, focus=("health",))
    assert rows(lsm.risk_flags(data), "CMP-2").empty
    lenient = lsm.risk_flags(data, thresholds={"cmp_niche_members": 2})
    assert entities(lenient, "CMP-2") == set("abcd")


def test_cmp2_names_at_most_five_members():
    orgs = {f"o{i}": {"province": "P", "issues": "water"} for i in range(9)}
    data = build(list(orgs), [], orgs=orgs, focus=("health",))
    row = rows(lsm.risk_flags(data), "CMP-2").iloc[0]
    assert row["value"] == 8 and row["measure"] == "untied_in_niche_many"
    assert row["explanation"].endswith("and 3 more (threshold 3).")


def test_cmp2_rows_grow_with_members_not_pairs():
    # issue 19: 300 members in one niche, no ties -> one row per member, not 44,850 pairs
    orgs = {f"o{i}": {"province": "P", "issues": "water"} for i in range(300)}
    data = build(list(orgs), [], orgs=orgs, focus=("health",))
    flags = lsm.risk_flags(data, coalition="K")
    assert (flags["code"] == "CMP-2").sum() == 300
    assert (flags["level"] == "dyad").sum() == 0  # ISO-1, MIS-3 and CMP-2: one row per member
    assert len(flags) <= 3 * 300 + 10


def test_cmp3_competition_without_trust():
    ties = [("a", "b", "competition"), ("a", "c"), ("b", "c")]
    low = [rating("a", "b", trust=2.0), rating("b", "a", trust=2.0)]
    row = rows(lsm.risk_flags(build(list("abc"), ties, ratings=low)), "CMP-3")
    assert row["entity"].tolist() == ["a|b"]
    assert row[["severity", "measure", "value", "threshold"]].iloc[0].tolist() == [
        "high",
        "competition_tie",
        2.0,
        2.5,
    ]


def test_cmp3_control_trusting_competitors():
    ties = [("a", "b", "competition"), ("a", "c"), ("b", "c")]
    high = [rating("a", "b", trust=3.0), rating("b", "a", trust=3.0)]
    assert rows(lsm.risk_flags(build(list("abc"), ties, ratings=high)), "CMP-3").empty


def test_cmp4_member_and_coalition_concentration():
    funders = [f"F{i}" for i in range(10)]
    orgs = {f: {"type": "funder"} for f in funders}
    ties = [_funding("F0", "a", 100), _funding("F0", "b", 50), _funding("F1", "b", 50)]
    ties += [_funding(f, "c", 10) for f in funders]
    flags = lsm.risk_flags(build(list("abc"), ties, orgs=orgs, extra_orgs=funders))
    cmp4 = rows(flags, "CMP-4").set_index("entity")
    assert set(cmp4.index) == {"K", "a", "b"}  # c: 10 equal funders, HHI 0.1
    assert cmp4.loc["a", ["value", "severity", "level"]].tolist() == [1.0, "high", "node"]
    assert cmp4.loc["b", "value"] == pytest.approx(0.5)
    # coalition: F0 160, F1 60, F2..F9 10 each, of 300
    shares = np.array([160, 60] + [10] * 8) / 300
    assert cmp4.loc["K", "value"] == pytest.approx((shares**2).sum())
    assert cmp4.loc["K", "level"] == "network"


def test_cmp4_control_diversified_funding():
    funders = [f"F{i}" for i in range(10)]
    orgs = {f: {"type": "funder"} for f in funders}
    ties = [_funding(f, m, 10) for f in funders for m in "ab"]
    flags = lsm.risk_flags(build(list("ab"), ties, orgs=orgs, extra_orgs=funders))
    assert rows(flags, "CMP-4").empty


# -- F. power ---------------------------------------------------------------------------------
def test_pwr1_asymmetric_power():
    ratings = [rating("a", "b", power=4), rating("b", "a", power=1)]
    row = rows(lsm.risk_flags(build(list("ab"), ratings=ratings)), "PWR-1").iloc[0]
    assert (row["entity"], row["value"], row["measure"]) == ("a|b", 3.0, "power_difference")
    assert "Org A rates Org B 4.00" in row["explanation"]


def test_pwr1_control():
    ratings = [rating("a", "b", power=3), rating("b", "a", power=2)]
    assert rows(lsm.risk_flags(build(list("ab"), ratings=ratings)), "PWR-1").empty


def test_pwr2_one_way_dependence():
    orgs = {"F": {"type": "funder"}}
    ties = [_funding("a", "b", 100), _funding("a", "c", 100), _funding("F", "c", 300)]
    flags = lsm.risk_flags(build(list("abc"), ties, orgs=orgs, extra_orgs="F"))
    row = rows(flags, "PWR-2")
    assert row["entity"].tolist() == ["a|b"]  # c gets 100 / 400 = 25 % from a
    assert row["value"].iloc[0] == 1.0


def test_pwr2_control_reciprocal_funding():
    ties = [_funding("a", "b", 100), _funding("b", "a", 10)]
    assert rows(lsm.risk_flags(build(list("ab"), ties)), "PWR-2").empty


def gini_brute(values):
    values = np.asarray(values, float)
    n = len(values)
    return np.abs(values[:, None] - values[None, :]).sum() / (2 * n * n * values.mean())


def test_pwr3_budget_gini_without_ratings():
    orgs = {"a": {"budget": 1000}, "b": {"budget": 10}, "c": {"budget": 10}, "d": {"budget": 10}}
    row = rows(lsm.risk_flags(build(list("abcd"), clique("abcd"), orgs=orgs)), "PWR-3").iloc[0]
    assert row["measure"] == "budget_gini"
    assert row["value"] == pytest.approx(gini_brute([1000, 10, 10, 10]))  # 0.72


def test_pwr3_power_ratings_take_precedence_and_thresholds_change():
    members = list("abcd")
    ratings = [
        rating(r, e, power=4 if e == "a" else 1) for r, e in itertools.permutations(members, 2)
    ]
    orgs = {"a": {"budget": 1000}, "b": {"budget": 10}, "c": {"budget": 10}, "d": {"budget": 10}}
    data = build(members, clique(members), ratings=ratings, orgs=orgs)
    # received power means 4, 1, 1, 1: Gini 0.32 < 0.5 and normalized HHI 0.18 < 0.25
    assert rows(lsm.risk_flags(data), "PWR-3").empty
    row = rows(lsm.risk_flags(data, thresholds={"pwr_gini": 0.3}), "PWR-3").iloc[0]
    assert row["measure"] == "power_gini"
    assert row["value"] == pytest.approx(gini_brute([4, 1, 1, 1]))
    assert row["threshold"] == 0.3


def test_pwr3_control_equal_budgets():
    orgs = {o: {"budget": 50} for o in "abcd"}
    assert rows(lsm.risk_flags(build(list("abcd"), clique("abcd"), orgs=orgs)), "PWR-3").empty


# -- G. trust ---------------------------------------------------------------------------------
def _all_rate(members, trust):
    return [rating(r, e, trust=trust) for r, e in itertools.permutations(members, 2)]


@pytest.mark.parametrize(
    ("trust", "severity", "threshold"), [(1.5, "high", 2.0), (2.2, "watch", 2.5)]
)
def test_tru1_low_network_trust(trust, severity, threshold):
    members = list("abc")
    row = rows(lsm.risk_flags(build(members, ratings=_all_rate(members, trust))), "TRU-1")
    assert row[["severity", "value", "threshold"]].iloc[0].tolist() == [
        severity,
        pytest.approx(trust),
        threshold,
    ]
    assert "6 rated partnerships" in row["explanation"].iloc[0]


def test_tru1_control():
    members = list("abc")
    assert rows(lsm.risk_flags(build(members, ratings=_all_rate(members, 3.0))), "TRU-1").empty


def test_tru2_low_trust_member():
    ratings = [rating(r, "a", trust=2.0) for r in "bcd"] + [rating("a", "b", trust=3.0)]
    row = rows(lsm.risk_flags(build(list("abcd"), ratings=ratings)), "TRU-2")
    assert row["entity"].tolist() == ["a"]
    assert row["value"].iloc[0] == 2.0


def test_tru2_control_two_raters_only():
    ratings = [rating(r, "a", trust=1.0) for r in "bc"]
    assert rows(lsm.risk_flags(build(list("abc"), ratings=ratings)), "TRU-2").empty


def test_tru3_strained_operational_tie():
    ties = [("a", "b", "operational"), ("b", "c", "network")]
    ratings = [rating("a", "b", trust=2.0), rating("b", "a", trust=2.0)]
    row = rows(lsm.risk_flags(build(list("abc"), ties, ratings=ratings)), "TRU-3")
    assert row["entity"].tolist() == ["a|b"]
    assert row["severity"].iloc[0] == "high"
    assert "(operational)" in row["explanation"].iloc[0]


def test_tru3_control_light_network_tie():
    # a - b is a network tie of weight 1, below the median weight (2): not active
    ties = [("a", "b", "network", {"weight": 1.0}), ("c", "d", "network", {"weight": 3.0})]
    ratings = [rating("a", "b", trust=1.0), rating("b", "a", trust=1.0)]
    assert rows(lsm.risk_flags(build(list("abcd"), ties, ratings=ratings)), "TRU-3").empty


def test_tru4_one_sided_trust_names_the_more_trusting_side_first():
    ratings = [rating("a", "b", trust=1.0), rating("b", "a", trust=4.0)]
    row = rows(lsm.risk_flags(build(list("ab"), ratings=ratings)), "TRU-4").iloc[0]
    assert (row["entity"], row["value"]) == ("b|a", 3.0)
    assert row["explanation"].startswith("Org B rates its trust in Org A at 4.00")


def test_tru4_control():
    ratings = [rating("a", "b", trust=2.0), rating("b", "a", trust=3.0)]
    assert rows(lsm.risk_flags(build(list("ab"), ratings=ratings)), "TRU-4").empty


def _nominations(pairs):
    return [(a, b, "advocacy", {"directed": True}) for a, b in pairs]


def test_tru5_low_reciprocity():
    orgs = {o: {"respondent": True} for o in "abc"}
    ties = _nominations([("a", "b"), ("b", "c"), ("c", "a")])
    row = rows(lsm.risk_flags(build(list("abc"), ties, orgs=orgs)), "TRU-5").iloc[0]
    reference = nx.overall_reciprocity(nx.DiGraph([t[:2] for t in ties]))
    assert row["value"] == reference == 0.0


def test_tru5_control_reciprocated():
    orgs = {o: {"respondent": True} for o in "ab"}
    ties = _nominations([("a", "b"), ("b", "a")])
    assert rows(lsm.risk_flags(build(list("ab"), ties, orgs=orgs)), "TRU-5").empty


# -- Q. data quality --------------------------------------------------------------------------
def test_dq1_below_060_lowers_dom4_dom5_and_annotates():
    orgs = {o: {"respondent": o in "ab"} for o in "abcde"}  # 2/5 = 0.4
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcde"), orgs=orgs))
    dq1 = rows(flags, "DQ-1").iloc[0]
    assert (dq1["severity"], dq1["value"], dq1["threshold"]) == ("high", 0.4, 0.6)
    for code in ("DOM-4", "DOM-5"):
        row = rows(flags, code).iloc[0]
        assert row["severity"] == "info"
        assert "lowered to info" in row["note"] and "Sensitive to missing data" in row["note"]
    dom1 = rows(flags, "DOM-1").iloc[0]
    assert dom1["severity"] == "high" and "Sensitive to missing data" in dom1["note"]
    assert rows(flags, "ISO-2")["note"].isna().all()


def test_dq1_watch_keeps_severity():
    orgs = {o: {"respondent": o in "abc"} for o in "abcde"}  # 3/5 = 0.6
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcde"), orgs=orgs))
    assert rows(flags, "DQ-1")["severity"].tolist() == ["watch"]
    dom4 = rows(flags, "DOM-4").iloc[0]
    assert dom4["severity"] == "high" and "lowered" not in dom4["note"]


def test_dq1_control():
    orgs = {o: {"respondent": o != "e"} for o in "abcde"}  # 4/5 = 0.8
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcde"), orgs=orgs))
    assert rows(flags, "DQ-1").empty
    assert flags["note"].isna().all()


def test_dq2_few_raters():
    ratings = [rating("b", "a", trust=3.0)] + [rating(r, "c", trust=3.0) for r in "abd"]
    orgs = {o: {"respondent": True} for o in "abcd"}
    flags = lsm.risk_flags(build(list("abcd"), ratings=ratings, orgs=orgs))
    dq2 = rows(flags, "DQ-2").set_index("entity")
    assert set(dq2.index) == {"a"}
    assert dq2.loc["a", ["value", "threshold", "severity"]].tolist() == [1.0, 3.0, "info"]


def test_dq2_control_enough_raters_or_none():
    # c has 3 raters; b and d were rated by nobody (not rated, rather than rated by few)
    ratings = [rating(r, "c", trust=3.0) for r in "abd"]
    assert rows(lsm.risk_flags(build(list("abcd"), ratings=ratings)), "DQ-2").empty


def test_dq3_central_non_respondent():
    orgs = {o: {"respondent": o != "f"} for o in "abcdef"}
    ties = [_named(r, "f") for r in "abc"] + [_named("d", "e"), _named("e", "a")]
    flags = lsm.risk_flags(build(list("abcdef"), ties, orgs=orgs))
    row = rows(flags, "DQ-3")
    assert row["entity"].tolist() == ["f"]
    assert row["value"].iloc[0] == 3


def test_dq3_control_everyone_answered():
    orgs = {o: {"respondent": True} for o in "abcdef"}
    ties = [_named(r, "f") for r in "abc"]
    assert rows(lsm.risk_flags(build(list("abcdef"), ties, orgs=orgs)), "DQ-3").empty


# -- thresholds, skips, languages, options ----------------------------------------------------
def test_changing_thresholds_shows_in_value_threshold_and_severity():
    ties = [*star("a", "bcde"), ("e", "f"), ("b", "c")]  # centralization 0.6
    data = build(list("abcdef"), ties)
    default = rows(lsm.risk_flags(data, thresholds=FIXED), "DOM-1").iloc[0]
    assert (default["severity"], default["threshold"]) == ("watch", 0.5)
    stricter = RiskThresholds(**FIXED).replace(dom_centralization_high=0.55)
    high = rows(lsm.risk_flags(data, thresholds=stricter), "DOM-1").iloc[0]
    assert (high["severity"], high["threshold"], high["value"]) == ("high", 0.55, 0.6)
    assert rows(
        lsm.risk_flags(
            data,
            thresholds={"dom_centralization_watch": 0.65, "dom_centralization_high": 0.8, **FIXED},
        ),
        "DOM-1",
    ).empty


def test_rating_threshold_change_shows_in_threshold():
    ratings = [rating(r, "a", trust=2.8) for r in "bcd"]
    data = build(list("abcd"), ratings=ratings)
    assert rows(lsm.risk_flags(data), "TRU-2").empty
    row = rows(lsm.risk_flags(data, thresholds={"tru_member": 3.0}), "TRU-2").iloc[0]
    assert (row["value"], row["threshold"]) == (pytest.approx(2.8), 3.0)


def test_flags_needing_missing_data_are_skipped_not_computed():
    flags = lsm.risk_flags(build(list("abcd"), clique("abc")))
    notes = skipped(flags)
    for code in ("MIS-1", "MIS-2", "CMP-3", "PWR-1", "TRU-1", "TRU-2", "TRU-3", "TRU-4", "DQ-2"):
        assert notes[code] == "no survey ratings"
    for code in ("CMP-1", "CMP-4", "PWR-2"):
        assert notes[code] == "no funding ties"
    for code in ("MIS-3", "CMP-2"):
        assert notes[code] == "no issue data for the organisations"
    assert set(notes) & set(flags["code"]) == set()
    assert skipped_flags(flags)["coalitions"].iloc[0] == ("K",)


def test_skip_notes_are_listed_once_for_all_coalitions():
    data = lsm.from_frames(
        memberships=pd.DataFrame({"org_id": list("abcdef"), "coalition_id": list("KKKLLL")}),
        ties=pd.DataFrame({"source": ["a", "d"], "target": ["b", "e"], "layer": "network"}),
    )
    notes = skipped_flags(lsm.risk_flags(data))
    assert notes["code"].is_unique
    assert notes.set_index("code").loc["TRU-1", "coalitions"] == ("K", "L")


def test_indonesian_texts():
    flags = lsm.risk_flags(build(list("abcde"), star("a", "bcd")), lang="id")
    row = rows(flags, "ISO-1").iloc[0]
    assert row["explanation"].startswith("Org E tidak memiliki hubungan")
    assert row["caveat"].startswith("Anggota tanpa hubungan")
    assert skipped(flags)["MIS-1"] == "tidak ada data penilaian survei"


def test_indonesian_numbers_use_a_decimal_comma():
    flags = lsm.risk_flags(
        build(list("abcdef"), [*star("a", "bcde"), ("e", "f"), ("b", "c")]),
        lang="id",
        thresholds=FIXED,
    )
    assert "0,60" in rows(flags, "DOM-1")["explanation"].iloc[0]


def test_deterministic():
    ties = [*clique("abcd"), ("a", "e"), ("b", "f"), ("c", "g"), ("d", "h"), ("e", "f")]
    data = build(list("abcdefgh"), ties)
    pd.testing.assert_frame_equal(lsm.risk_flags(data, seed=3), lsm.risk_flags(data, seed=3))


def test_layers_select_the_ties():
    ties = [("a", "b", "advocacy"), ("b", "c", "operational")]
    data = build(list("abc"), ties)
    assert entities(lsm.risk_flags(data, layers="advocacy"), "ISO-1") == {"c"}
    assert entities(lsm.risk_flags(data), "ISO-1") == set()


def test_at_takes_a_snapshot():
    ties = [
        ("a", "b", "advocacy", {"start": "2020-01-01", "end": "2020-12-31"}),
        ("b", "c", "advocacy", {"start": "2020-01-01"}),
    ]
    data = build(list("abc"), ties)
    assert entities(lsm.risk_flags(data, at=2021), "ISO-1") == {"a"}
    assert entities(lsm.risk_flags(data, at=2020), "ISO-1") == set()


def test_one_coalition_or_several():
    data = lsm.from_frames(
        memberships=pd.DataFrame({"org_id": list("abcdef"), "coalition_id": list("KKKLLL")}),
        ties=pd.DataFrame({"source": ["a"], "target": ["b"], "layer": "network"}),
    )
    assert set(lsm.risk_flags(data, coalition="L")["coalition"]) == {"L"}
    both = lsm.risk_flags(data, coalition=["L", "K"])
    assert both["coalition"].drop_duplicates().tolist() == ["L", "K"]


def test_no_coalitions_analyses_the_whole_network():
    data = lsm.from_frames(
        ties=pd.DataFrame({"source": ["a", "a", "a"], "target": list("bcd"), "layer": "network"})
    )
    flags = lsm.risk_flags(data, thresholds=FIXED)  # a 4-star is as central as G(4, 3) can be
    assert flags["coalition"].isna().all()
    assert rows(flags, "DOM-1")["entity"].tolist() == ["network"]
    assert "the whole network" in rows(flags, "DOM-1")["explanation"].iloc[0]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"coalition": "nope"}, "'coalition' parameter of risk_flags"),
        ({"coalition": []}, "'coalition' parameter of risk_flags"),
        ({"thresholds": {"nope": 1}}, "RiskThresholds has no field 'nope'"),
        ({"thresholds": 0.5}, "'thresholds' parameter of risk_flags"),
        ({"lang": "fr"}, "'lang' parameter of risk_flags"),
        ({"seed": "x"}, "'seed' parameter of risk_flags"),
        ({"layers": ["advokasi"]}, "'layers' parameter"),
    ],
)
def test_invalid_arguments(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        lsm.risk_flags(build(list("ab"), [("a", "b")]), **kwargs)


def test_no_function_mutates_the_data():
    orgs = {o: {"respondent": True, "issues": "x", "province": "P"} for o in "abcd"}
    ratings = [rating("a", "b", trust=2.0, value=3.0), rating("b", "a", trust=4.0)]
    data = build(
        list("abcd"), [*star("a", "bc"), ("c", "d", "competition")], ratings=ratings, orgs=orgs
    )
    before = {
        t: getattr(data, t).copy()
        for t in ("organizations", "coalitions", "memberships", "ties", "ratings")
    }
    lsm.risk_flags(data)
    lsm.coalition_health(data, null_samples=5)
    lsm.member_table(data, "K")
    lsm.trust_value_scores(data)
    lsm.bridge_organizations(data)
    lsm.weaving_suggestions(data, top=2)
    lsm.compare(data, data)
    for table, frame in before.items():
        pd.testing.assert_frame_equal(getattr(data, table), frame)


def test_progress_bar_only_on_request(capsys, monkeypatch):
    data = lsm.datasets.load_dataset("indonesia_demo")
    kwargs = {"coalition": ["C04", "C05", "C06"]}
    rng_quiet, rng_shown = np.random.default_rng(5), np.random.default_rng(5)
    quiet = lsm.risk_flags(data, seed=rng_quiet, progress=False, **kwargs)
    assert capsys.readouterr().err == ""
    shown = lsm.risk_flags(data, seed=rng_shown, progress=True, **kwargs)
    err = capsys.readouterr().err
    assert "risk_flags:" in err and "0/3" in err  # one step per coalition
    pd.testing.assert_frame_equal(shown, quiet, check_exact=True)
    pd.testing.assert_frame_equal(skipped_flags(shown), skipped_flags(quiet))
    assert rng_shown.random() == rng_quiet.random()  # the same random numbers were drawn
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        lsm.risk_flags(data, progress="yes", **kwargs)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # progress=None: bar on a terminal
    lsm.risk_flags(data, **kwargs)
    err = capsys.readouterr().err
    assert "risk_flags:" in err and "core_periphery" not in err  # no nested bars
