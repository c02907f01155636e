"""Property-based tests (hypothesis) of the metrics in lsmnet.metrics (issue 8).

Generated graphs (0 to 9 nodes, any density, directed or not, weighted or not) are checked
for: bounds (normalised measures in [0, 1]; centralization of a star 1 and of a complete
graph or cycle 0), invariance under relabelling and node order, agreement between a
directed graph with symmetric arcs and the undirected graph where the definitions agree, and
no mutation of inputs. References are the definitions themselves (bounds stated in each
function's docstring) and exact identities (e.g. gini is scale-invariant, Lorenz curves are
convex), so each property can fail.

Run with ``pytest -m fuzz``. The profile below is fixed (derandomized, no deadline) so runs
are reproducible; it is registered here rather than in conftest.py and applied per test, so
it does not change the settings of other test modules.
"""

from __future__ import annotations

import copy
import itertools
import math
import os
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lsmnet
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning

pytestmark = pytest.mark.fuzz

settings.register_profile(
    "lsmnet-metrics-properties",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("lsmnet-metrics-properties")
# LSMNET_FUZZ_SCALE multiplies every test's number of examples. .ci/run sets it to 4, so that
# CI draws at least 1,000 graphs per metric family (issue 8); local runs draw a quarter.
SCALE = float(os.environ.get("LSMNET_FUZZ_SCALE", "1"))
EPS = 1e-9


def examples(n: int):
    """The profile with ``n`` examples (times LSMNET_FUZZ_SCALE)."""
    return settings(PROFILE, max_examples=max(1, round(n * SCALE)))


# --- strategies ----------------------------------------------------------------------------------


@st.composite
def graphs(draw, min_nodes=0, max_nodes=9, directed=None, weighted=None):
    n = draw(st.integers(min_nodes, max_nodes))
    is_directed = draw(st.booleans()) if directed is None else directed
    dyads = list((itertools.permutations if is_directed else itertools.combinations)(range(n), 2))
    present = draw(st.lists(st.booleans(), min_size=len(dyads), max_size=len(dyads)))
    has_weights = draw(st.booleans()) if weighted is None else weighted
    G = nx.DiGraph() if is_directed else nx.Graph()
    for v in range(n):
        G.add_node(v, group=draw(st.sampled_from("abc")))
    for (u, v), keep in zip(dyads, present, strict=True):
        if keep:
            if has_weights:
                G.add_edge(u, v, weight=draw(st.sampled_from([0.5, 1.0, 2.0, 3.5])))
            else:
                G.add_edge(u, v)
    return G


def _shuffled_relabel(G, data):
    """A copy with new labels, nodes and edges inserted in a drawn order; and the mapping."""
    order = data.draw(st.permutations(list(G)))
    mapping = {v: f"v{k}" for k, v in enumerate(order)}
    H = G.__class__()
    H.add_nodes_from((mapping[v], dict(G.nodes[v])) for v in order)
    edges = data.draw(st.permutations(list(G.edges(data=True))))
    H.add_edges_from((mapping[u], mapping[v], dict(d)) for u, v, d in edges)
    return H, mapping


def _back(result, mapping):
    inverse = {new: old for old, new in mapping.items()}
    return result.rename(index=inverse)


def _snapshot(G):
    return copy.deepcopy((list(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph)))


def _in_unit(x) -> bool:
    return bool(np.isnan(x) or (-EPS <= x <= 1 + EPS))


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LsmnetWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        return func(*args, **kwargs)


# --- centralization ------------------------------------------------------------------------------

MEASURES = ("degree", "betweenness", "closeness", "eigenvector")


@examples(200)
@given(graphs(min_nodes=3))
def test_centralization_in_unit_interval(G):
    before = _snapshot(G)
    for measure in MEASURES:
        assert _in_unit(lsmnet.centralization(G, measure)), measure
    assert _snapshot(G) == before


@examples(30)
@given(st.integers(3, 25))
def test_centralization_of_star_complete_and_cycle(n):
    star = nx.star_graph(n - 1)
    for measure in ("degree", "betweenness", "closeness"):
        assert lsmnet.centralization(star, measure) == pytest.approx(1.0, abs=1e-12)
    for G in (nx.complete_graph(n), nx.cycle_graph(n)):
        for measure in MEASURES:
            assert lsmnet.centralization(G, measure) == pytest.approx(0.0, abs=1e-9)


@examples(150)
@given(graphs(min_nodes=3), st.data())
def test_centralization_invariant_under_relabelling(G, data):
    H, _ = _shuffled_relabel(G, data)
    for measure in MEASURES:
        a, b = lsmnet.centralization(G, measure), lsmnet.centralization(H, measure)
        assert (np.isnan(a) and np.isnan(b)) or a == pytest.approx(b, abs=1e-9), measure


@examples(150)
@given(graphs(min_nodes=3, directed=False))
def test_centralization_directed_symmetric_equals_undirected(G):
    D = G.to_directed()
    for measure in ("degree", "betweenness"):
        a, b = lsmnet.centralization(G, measure), lsmnet.centralization(D, measure)
        assert a == pytest.approx(b, abs=1e-9), measure


# --- centrality table ----------------------------------------------------------------------------

UNIT_COLUMNS = ("betweenness", "eigenvector", "pagerank", "clustering")
SYMMETRIC_COLUMNS = (
    "betweenness",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
    "effective_size",
    "efficiency",
    "constraint",
    "hierarchy",
    "clustering",
    "articulation_point",
)


@examples(100)
@given(graphs())
def test_centrality_table_bounds(G):
    before = _snapshot(G)
    weight = "weight" if any("weight" in d for *_, d in G.edges(data=True)) else None
    table = lsmnet.centrality_table(G, weight=weight)
    assert _snapshot(G) == before
    assert list(table.index) == list(G)
    n = G.number_of_nodes()
    for column in UNIT_COLUMNS:
        assert table[column].map(_in_unit).all(), column
    if n:
        assert table["pagerank"].sum() == pytest.approx(1.0, abs=1e-9)
    assert table["hierarchy"].map(_in_unit).all()
    assert table["efficiency"].map(_in_unit).all()
    if weight is None:  # with weights, distance = 1 / weight can be below 1
        assert table["closeness"].map(_in_unit).all()
        assert ((table["harmonic"] >= -EPS) & (table["harmonic"] <= n - 1 + EPS)).all()
    assert (table["closeness"] >= 0).all() and (table["harmonic"] >= 0).all()
    assert (table["constraint"].dropna() >= 0).all()
    for v in G:
        contacts = len(set(nx.all_neighbors(G, v)) - {v}) if G.is_directed() else G.degree(v)
        size = table.at[v, "effective_size"]
        if contacts == 0:
            assert np.isnan(size)
        else:
            assert 1 - EPS <= size <= contacts + EPS


@examples(80)
@given(graphs(), st.data())
def test_centrality_table_permutes_with_relabelling(G, data):
    H, mapping = _shuffled_relabel(G, data)
    weight = "weight" if any("weight" in d for *_, d in G.edges(data=True)) else None
    a = lsmnet.centrality_table(G, weight=weight)
    b = _back(lsmnet.centrality_table(H, weight=weight), mapping).loc[a.index]
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-7, atol=1e-9)


@examples(80)
@given(graphs(directed=False))
def test_centrality_table_directed_symmetric_equals_undirected(G):
    weight = "weight" if any("weight" in d for *_, d in G.edges(data=True)) else None
    a = lsmnet.centrality_table(G, weight=weight)
    b = lsmnet.centrality_table(G.to_directed(), weight=weight)
    for column in SYMMETRIC_COLUMNS:
        pd.testing.assert_series_equal(
            a[column], b[column], check_exact=False, rtol=1e-7, atol=1e-9, check_dtype=False
        )
    np.testing.assert_array_equal(b["degree"], 2 * a["degree"])


# --- structural holes, power, fragmentation ------------------------------------------------------

NODE_METRICS = {
    "constraint": lambda G: lsmnet.constraint(G),
    "effective_size": lambda G: lsmnet.effective_size(G),
    "hierarchy": lambda G: lsmnet.hierarchy(G),
    "constraint[weight]": lambda G: lsmnet.constraint(G, weight=_weight(G)),
    "effective_size[weight]": lambda G: lsmnet.effective_size(G, weight=_weight(G)),
    "hierarchy[weight]": lambda G: lsmnet.hierarchy(G, weight=_weight(G)),
    "fragmentation_centrality": lambda G: lsmnet.fragmentation_centrality(G),
    "ei_table[node]": lambda G: lsmnet.ei_table(G, "group", level="node")["ei"],
}


def _weight(G):
    return "weight" if any("weight" in d for *_, d in G.edges(data=True)) else None


@examples(80)
@given(graphs(), st.data())
def test_node_metrics_permute_with_relabelling_and_keep_inputs(G, data):
    H, mapping = _shuffled_relabel(G, data)
    for name, func in NODE_METRICS.items():
        before = _snapshot(G)
        a = func(G)
        assert _snapshot(G) == before, name
        assert list(a.index) == list(G), name
        b = _back(func(H), mapping).loc[a.index]
        pd.testing.assert_series_equal(a, b, check_exact=False, rtol=1e-9, atol=1e-12)


@examples(80)
@given(graphs(directed=False))
def test_node_metrics_directed_symmetric_equals_undirected(G):
    D = G.to_directed()
    for name, func in NODE_METRICS.items():
        pd.testing.assert_series_equal(
            func(G), func(D), check_exact=False, rtol=1e-9, atol=1e-12, obj=name
        )


@examples(250)
@given(graphs())
def test_structural_hole_bounds(G):
    weight = _weight(G)
    hierarchy = lsmnet.hierarchy(G, weight=weight)
    constraint = lsmnet.constraint(G, weight=weight)
    assert hierarchy.map(_in_unit).all()
    assert (constraint.dropna() >= 0).all()
    isolates = [v for v in G if not set(nx.all_neighbors(G, v)) - {v}]
    assert constraint[isolates].isna().all()


@examples(200)
@given(graphs())
def test_fragmentation_bounds_and_extremes(G):
    n = G.number_of_nodes()
    for distance_weighted in (False, True):
        value = lsmnet.fragmentation(G, distance_weighted=distance_weighted)
        if n < 2:
            assert np.isnan(value)
        else:
            assert _in_unit(value) and not np.isnan(value)
    if n >= 2:
        assert lsmnet.fragmentation(nx.complete_graph(n)) == pytest.approx(0.0)
        assert lsmnet.fragmentation(nx.empty_graph(n)) == pytest.approx(1.0)
        if G.number_of_edges() == 0:
            assert lsmnet.fragmentation(G) == pytest.approx(1.0)


@examples(150)
@given(graphs(min_nodes=1), st.sampled_from([-0.2, -0.05, 0.01, 0.05, 0.2]))
def test_bonacich_power_scaling(G, beta):
    before = _snapshot(G)
    try:
        power = lsmnet.bonacich_power(G, beta=beta)
    except InvalidParameterError as err:
        assert "bonacich_power" in str(err)
        return
    assert _snapshot(G) == before
    assert list(power.index) == list(G)
    if power.notna().all():
        assert (power**2).sum() == pytest.approx(G.number_of_nodes(), rel=1e-9)
    else:
        assert power.isna().all()


@examples(150)
@given(graphs(min_nodes=1, directed=False), st.sampled_from([-0.1, 0.05, 0.1]))
def test_bonacich_power_directed_symmetric_equals_undirected(G, beta):
    try:
        a = lsmnet.bonacich_power(G, beta=beta)
    except InvalidParameterError:
        return
    b = lsmnet.bonacich_power(G.to_directed(), beta=beta)
    pd.testing.assert_series_equal(a, b, check_exact=False, rtol=1e-9, atol=1e-12)


# --- groups: E-I index and brokerage -------------------------------------------------------------


@examples(200)
@given(graphs(), st.data())
def test_ei_index_bounds_and_label_invariance(G, data):
    weight = _weight(G)
    network = lsmnet.ei_index(G, "group", weight=weight)
    nodes = lsmnet.ei_table(G, "group", level="node", weight=weight)["ei"]
    groups = lsmnet.ei_table(G, "group", level="group", weight=weight)
    assert _in_unit((network + 1) / 2)
    assert nodes.map(lambda x: _in_unit((x + 1) / 2)).all()
    assert groups["ei"].map(lambda x: _in_unit((x + 1) / 2)).all()
    rename = dict(zip("abc", data.draw(st.permutations(["x", "y", "z"])), strict=True))
    H = G.copy()
    nx.set_node_attributes(H, {v: rename[g] for v, g in G.nodes(data="group")}, "group")
    again = lsmnet.ei_index(H, "group", weight=weight)
    assert (np.isnan(network) and np.isnan(again)) or network == pytest.approx(again)


@examples(300)
@given(graphs(directed=False))
def test_ei_index_directed_symmetric_equals_undirected(G):
    D = G.to_directed()
    a, b = lsmnet.ei_index(G, "group"), lsmnet.ei_index(D, "group")
    assert (np.isnan(a) and np.isnan(b)) or a == pytest.approx(b)
    # Not the group level: on a digraph it counts the arcs a group sends (both arcs of an
    # internal edge, one of an external one), as documented, so it differs by definition.
    pd.testing.assert_series_equal(
        lsmnet.ei_table(G, "group", level="node")["ei"],
        lsmnet.ei_table(D, "group", level="node")["ei"],
    )


ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


@examples(250)
@given(graphs(), st.data())
def test_brokerage_counts(G, data):
    before = _snapshot(G)
    roles = lsmnet.brokerage_roles(G, "group", z=True)
    assert _snapshot(G) == before
    assert list(roles.index) == list(G)
    assert (roles[ROLES] >= 0).all().all()
    np.testing.assert_allclose(roles["total"], roles[ROLES].sum(axis=1))
    H, mapping = _shuffled_relabel(G, data)
    again = _back(lsmnet.brokerage_roles(H, "group", z=True), mapping).loc[roles.index]
    pd.testing.assert_frame_equal(roles, again, check_exact=False, rtol=1e-9, atol=1e-12)
    if not G.is_directed():
        pd.testing.assert_frame_equal(
            roles, lsmnet.brokerage_roles(G.to_directed(), "group", z=True)
        )


# --- cohesion, core-periphery, key players -------------------------------------------------------


@examples(125)
@given(graphs(min_nodes=1))
def test_cohesion_summary_bounds(G):
    before = _snapshot(G)
    summary = _quiet(lsmnet.cohesion_summary, G)
    assert _snapshot(G) == before
    for measure in ("density", "transitivity", "average_clustering", "largest_component_share"):
        assert _in_unit(summary[measure]), measure
    assert summary["components"] >= 1
    assert summary["nodes"] == G.number_of_nodes() and summary["ties"] == G.number_of_edges()
    modularity = summary["modularity"]
    assert np.isnan(modularity) or -0.5 - EPS <= modularity <= 1 + EPS
    if G.is_directed():
        assert _in_unit(summary["reciprocity"])


@examples(125)
@given(graphs(min_nodes=1, directed=False))
def test_cohesion_directed_symmetric_equals_undirected(G):
    a = _quiet(lsmnet.cohesion_summary, G)
    b = _quiet(lsmnet.cohesion_summary, G.to_directed())
    same = [
        "nodes",
        "density",
        "components",
        "largest_component_share",
        "diameter",
        "mean_distance",
        "transitivity",
        "average_clustering",
        "degree_assortativity",
    ]
    pd.testing.assert_series_equal(a[same], b[same], check_exact=False, rtol=1e-9, atol=1e-12)


@examples(250)
@given(graphs(min_nodes=3))
def test_core_periphery_shape_and_bounds(G):
    before = _snapshot(G)
    weight = _weight(G)
    values = {d.get("weight", 1.0) for *_, d in G.edges(data=True)}
    n = G.number_of_nodes()
    complete = G.number_of_edges() == n * (n - 1) // (1 if G.is_directed() else 2)
    if G.number_of_edges() == 0 or (complete and (weight is None or len(values) == 1)):
        with pytest.raises(InvalidParameterError, match="core_periphery: every pair"):
            _quiet(lsmnet.core_periphery, G, weight=weight, restarts=1, seed=0)
        return
    result = _quiet(lsmnet.core_periphery, G, weight=weight, restarts=1, seed=0)
    assert _snapshot(G) == before
    assert list(result.index) == list(G)
    assert result["core"].dtype == bool
    assert result["coreness"].map(np.isfinite).all()
    assert _in_unit((result.attrs["correlation"] + 1) / 2)
    assert result.attrs["core_size"] == int(result["core"].sum())


@examples(150)
@given(graphs(min_nodes=4), st.integers(1, 2))
def test_key_players_fragmentation(G, k):
    before = _snapshot(G)
    result = lsmnet.key_players(G, k, seed=0)
    assert _snapshot(G) == before
    assert len(result.nodes) == len(set(result.nodes)) == k
    assert set(result.nodes) <= set(G)
    rest = G.copy()
    rest.remove_nodes_from(result.nodes)
    assert result.score == pytest.approx(lsmnet.fragmentation(rest), abs=1e-12)
    if result.method == "exact":
        best = max(
            lsmnet.fragmentation(G.subgraph(set(G) - set(s))) for s in itertools.combinations(G, k)
        )
        assert result.score == pytest.approx(best, abs=1e-12)


# --- inequality ----------------------------------------------------------------------------------

# Zeros and amounts far from the subnormal range, so that rescaling cannot underflow to 0.
amounts = st.lists(st.one_of(st.just(0.0), st.floats(1e-6, 1e6)), min_size=0, max_size=30)


@examples(400)
@given(amounts, st.data())
def test_inequality_bounds_and_invariances(values, data):
    n = len(values)
    total = sum(values)
    original = list(values)
    gini = lsmnet.gini(values)
    hhi = lsmnet.hhi(values)
    assert values == original
    if n == 0 or total == 0:
        assert np.isnan(gini) and np.isnan(hhi)
        return
    assert -EPS <= gini <= (n - 1) / n + EPS
    assert 1 / n - EPS <= hhi <= 1 + EPS
    normalized = lsmnet.hhi(values, normalized=True)
    assert np.isnan(normalized) if n == 1 else _in_unit(normalized)
    permuted = data.draw(st.permutations(values))
    assert lsmnet.gini(permuted) == pytest.approx(gini, abs=1e-12)
    assert lsmnet.hhi(permuted) == pytest.approx(hhi, abs=1e-12)
    scale = data.draw(st.sampled_from([0.5, 3.0, 1000.0]))
    assert lsmnet.gini([scale * v for v in values]) == pytest.approx(gini, abs=1e-9)
    shares = [lsmnet.top_share(values, k) for k in range(1, n + 2)]
    for k, share in enumerate(shares, start=1):
        assert min(k, n) / n - EPS <= share <= 1 + EPS
    assert all(b >= a - EPS for a, b in itertools.pairwise(shares))


@examples(400)
@given(amounts)
def test_lorenz_curve_is_convex_from_origin_to_one(values):
    curve = lsmnet.lorenz_curve(values)
    assert len(curve) == len(values) + 1
    assert tuple(curve.iloc[0]) == (0.0, 0.0)
    if not values or sum(values) == 0:
        return
    x, y = curve["population_share"].to_numpy(), curve["value_share"].to_numpy()
    assert x[-1] == pytest.approx(1.0) and y[-1] == pytest.approx(1.0)
    steps = np.diff(y)
    assert (steps >= -EPS).all()
    assert (np.diff(steps) >= -1e-9).all()
    assert (y <= x + EPS).all()


# --- significance and backbone -------------------------------------------------------------------


@examples(250)
@given(graphs(min_nodes=2, weighted=False), st.sampled_from(["edges", "degree"]))
def test_cug_test_p_values(G, null):
    before = _snapshot(G)
    result = _quiet(
        lsmnet.cug_test, G, lambda H: nx.density(H) + H.degree(0), null=null, n=15, seed=1
    )
    assert _snapshot(G) == before
    assert 0 <= result.p_ge <= 1 and 0 <= result.p_le <= 1
    assert result.p_ge + result.p_le >= 1 - EPS  # ties count in both tails
    degrees = sorted(d for _, d in G.degree())
    if null == "degree":
        assert result.p_ge == result.p_le == 1.0  # density and each degree are fixed
        assert degrees == sorted(d for _, d in G.degree())


@st.composite
def incidence(draw):
    rows = draw(st.integers(1, 8))
    cols = draw(st.integers(1, 6))
    cells = draw(st.lists(st.booleans(), min_size=rows * cols, max_size=rows * cols))
    return pd.DataFrame(
        np.array(cells, dtype=int).reshape(rows, cols),
        index=[f"org{k}" for k in range(rows)],
        columns=[f"c{k}" for k in range(cols)],
    )


@examples(250)
@given(incidence(), st.sampled_from(["fixedrow", "sdsm"]), st.data())
def test_backbone_p_values_weights_and_relabelling(frame, null, data):
    copy_of = frame.copy()
    bb = lsmnet.backbone(frame, null=null, alpha=1.0)
    pd.testing.assert_frame_equal(frame, copy_of)
    assert list(bb) == list(frame.index)
    for u, v, d in bb.edges(data=True):
        assert d["weight"] == int(frame.loc[u] @ frame.loc[v]) >= 1
        assert 0 <= d["p_value"] < 1
    order = data.draw(st.permutations(list(frame.index)))
    shuffled = lsmnet.backbone(frame.loc[order], null=null, alpha=1.0)
    assert {frozenset(e) for e in shuffled.edges()} == {frozenset(e) for e in bb.edges()}
    for u, v, d in shuffled.edges(data=True):
        assert d["p_value"] == pytest.approx(bb[u][v]["p_value"], rel=1e-9, abs=1e-12)
    signed = lsmnet.backbone(frame, null=null, alpha=0.5, signed=True)
    unsigned = lsmnet.backbone(frame, null=null, alpha=0.5)
    positive = {frozenset((u, v)) for u, v, s in signed.edges(data="sign") if s == 1}
    assert positive <= {frozenset(e) for e in unsigned.edges()}
    assert math.isfinite(bb.graph["tested"])
