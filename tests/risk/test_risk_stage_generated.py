"""network_stage on networks generated to be each Krebs–Holley stage, and its "between stages".

Reference: the generators below build each stage by construction (the spec's definitions in
/work/shared/spec/RISK_FLAGS.md, "Network stage"); the spec asks for the intended label on at
least 90 % of them. Sizes 12–60 members, five seeds each.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from lsmnet.risk.stage import classify, network_stage

SIZES = (12, 20, 35, 60)
SEEDS = range(5)


def fragments(n, rng):
    """Small separate groups (trees of 2–5 members) and a few isolates."""
    G, start = nx.Graph(), 0
    while start < n:
        size = int(min(rng.integers(1, 6), n - start))
        G.add_nodes_from(range(start, start + size))
        G.add_edges_from((start + i, start + int(rng.integers(0, i))) for i in range(1, size))
        start += size
    return G


def single_hub(n, rng):
    """One convenor tied to everyone, plus a few ties among the others."""
    G = nx.star_graph(n - 1)
    for _ in range(n // 5):
        u, v = rng.choice(np.arange(1, n), 2, replace=False)
        G.add_edge(int(u), int(v))
    return G


def multi_hub(n, rng):
    """Hubs (one per ~7 members, at least 3) in a ring, each with its own spokes, and a few
    ties between spokes (a small world)."""
    k = max(3, n // 7)
    G = nx.cycle_graph(k)
    G.add_edges_from((v, (v - k) % k) for v in range(k, n))
    for _ in range(n // 6):
        u, v = rng.choice(np.arange(k, n), 2, replace=False)
        G.add_edge(int(u), int(v))
    return G


def core_periphery(n, rng):
    """A complete core of a sixth of the members (at least 4); every other member tied to
    60 % of the core and to no other peripheral member."""
    k = max(4, n // 6)
    G = nx.complete_graph(k)
    for v in range(k, n):
        G.add_edges_from((v, int(u)) for u in rng.choice(k, math.ceil(0.6 * k), replace=False))
    return G


GENERATORS = {
    "fragments": fragments,
    "single_hub": single_hub,
    "multi_hub": multi_hub,
    "core_periphery": core_periphery,
}


@pytest.mark.parametrize("stage", GENERATORS)
def test_generated_networks_get_their_stage(stage):
    labels = []
    for n in SIZES:
        for seed in SEEDS:
            G = GENERATORS[stage](n, np.random.default_rng([n, seed]))
            labels.append(network_stage(G, seed=0).stage)
    share = np.mean([label == stage for label in labels])
    assert share >= 0.9, (stage, labels)


def test_mostly_connected_network_is_not_fragments():
    # 28 of 30 members (93 %) in one component, the others a pair
    G = nx.cycle_graph(28)
    G.add_edges_from([(28, 29)])
    result = network_stage(G)
    assert result.measures["largest_component_share"] == pytest.approx(28 / 30)
    assert result.stage != "fragments"
    # three non-trivial components with 82 % in the largest: still not fragments (< 80 %)
    G.add_edges_from([(30, 31), (32, 33)])
    G.remove_edge(28, 29)
    assert network_stage(G).measures["components"] == 3
    assert network_stage(G).measures["largest_component_share"] == pytest.approx(28 / 34)
    assert network_stage(G).stage != "fragments"
    # below 80 % with three non-trivial components: fragments
    H = nx.cycle_graph(10)
    H.add_edges_from([(10, 11), (12, 13), (14, 15)])
    assert network_stage(H).measures["largest_component_share"] == pytest.approx(10 / 16)
    assert network_stage(H).stage == "fragments"


def measures(**values):
    base = {
        "largest_component_share": 1.0,
        "components": 1,
        "degree_centralization": 0.2,
        "top_share": 0.1,
        "hub_count": 0,
        "core_fit": 0.1,
    }
    return {**base, **values}


def test_between_stages_names_the_nearest_stage_and_the_gap():
    # 2 hubs of the 3 needed, centralization low: multi-hub is one hub away (gap 1/3),
    # core/periphery is a fit 0.3 below 0.5 away (gap 0.6)
    result = classify(measures(hub_count=2, core_fit=0.2), "en")
    assert result.stage == "unclassified"
    assert result.nearest == "multi_hub"
    assert result.gaps == (("hubs", 2.0, 3.0),)
    assert result.evidence.endswith("leaning to multi-hub: 2 hubs, 3 needed")
    indonesian = classify(measures(hub_count=2, core_fit=0.2), "id")
    assert indonesian.evidence.endswith("condong ke banyak pusat: 2 pusat, perlu 3")


def test_between_stages_single_hub_gap_names_both_conditions():
    result = classify(measures(degree_centralization=0.45, top_share=0.15), "en")
    assert result.nearest == "single_hub"
    assert [g[0] for g in result.gaps] == ["centralization_above", "top_share"]
    assert "degree centralization 0.45, 0.50 needed" in result.evidence
    assert "the top member holds 15% of tie-ends, 20% needed" in result.evidence


def test_classified_stage_has_no_nearest_and_undefined_measures_name_none():
    assert network_stage(nx.star_graph(6)).nearest is None
    undefined = classify(
        measures(
            largest_component_share=np.nan,
            components=0,
            degree_centralization=np.nan,
            top_share=np.nan,
            core_fit=np.nan,
        ),
        "en",
    )
    assert undefined.nearest is None
    assert undefined.gaps == ()
    assert undefined.evidence.endswith("too few members or ties to tell the stage")
