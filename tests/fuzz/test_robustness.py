"""Numerical robustness: degenerate and extreme networks give documented values or lsmnet errors.

Data sets: a coalition of one member, two members without ties, isolates only, a disconnected
coalition, a star, a complete coalition, zero and huge (1e300) weights and amounts, ratings
without variance, a coalition of 2,000 members. Graphs: the same shapes plus self-loops,
directed versions and weights, through every public graph metric.

What is checked: nothing but an :class:`lsmnet.LsmnetError` is raised; no value is infinite;
a risk flag never has a NaN severity or value (``risk_flags`` documents ``value`` as the
measured value, with no NaN case) and its text never says "nan"; flag counts and stages of
``coalition_health`` are always defined; and where a value is known exactly (isolates,
fragmentation of a disconnected graph, star centralization) it is checked against a formula
computed in the test.
"""

from __future__ import annotations

import itertools
import math
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet
from lsmnet.exceptions import LsmnetError

SEVERITIES = {"info", "watch", "high"}


def _data(members, ties=(), *, weight=1.0, amount=None, ratings=None, coalition="K"):
    """One coalition with ``members``; ``ties`` as (source, target, layer) triples."""
    orgs = pd.DataFrame(
        {
            "org_id": members,
            "name": [f"Organisasi {m}" for m in members],
            "type": (["ngo", "cbo", "funder"] * len(members))[: len(members)],
            "issues": (["HAM|hukum", "lingkungan"] * len(members))[: len(members)],
            "respondent": True,
        }
    )
    ties = pd.DataFrame(list(ties), columns=["source", "target", "layer"])
    ties["weight"] = weight
    if amount is not None:
        ties["amount"] = np.where(ties["layer"] == "funding", amount, np.nan)
    return lsmnet.from_frames(
        orgs,
        pd.DataFrame({"coalition_id": [coalition], "name": ["Koalisi"]}),
        pd.DataFrame({"org_id": members, "coalition_id": coalition}),
        ties,
        ratings,
    )


def _ids(n, prefix="o"):
    return [f"{prefix}{i}" for i in range(n)]


def _clique(ids, layer="advocacy"):
    return [(a, b, layer) for a, b in itertools.combinations(ids, 2)]


def _ratings(ids, value):
    pairs = [(a, b) for a in ids for b in ids if a != b]
    frame = pd.DataFrame(pairs, columns=["rater", "ratee"])
    for item in ("reliability", "mission", "openness", "power", "involvement", "resources"):
        frame[item] = value
    return frame


SCENARIOS = {
    "one member": lambda: _data(["solo"]),
    "two members, no tie": lambda: _data(_ids(2)),
    "isolates only": lambda: _data(_ids(6)),
    "disconnected with isolates": lambda: _data(
        _ids(12), _clique(_ids(4)) + _clique(_ids(8)[4:], "network")
    ),
    "star": lambda: _data(_ids(8), [("o0", m, "operational") for m in _ids(8)[1:]]),
    "complete": lambda: _data(_ids(6), _clique(_ids(6))),
    "zero weights": lambda: _data(_ids(6), _clique(_ids(6)), weight=0.0),
    "huge weights and amounts": lambda: _data(
        _ids(6),
        [*_clique(_ids(4)), ("o4", "o0", "funding"), ("o5", "o1", "funding")],
        weight=1e300,
        amount=1e300,
    ),
    "tiny weights": lambda: _data(_ids(5), _clique(_ids(5)), weight=5e-324),
    "only funding ties": lambda: _data(_ids(5), [("o0", m, "funding") for m in _ids(5)[1:]]),
    "ratings without variance": lambda: _data(
        _ids(5), _clique(_ids(5)), ratings=_ratings(_ids(5), 4.0)
    ),
    "ratings at the bottom": lambda: _data(
        _ids(5), _clique(_ids(3)), ratings=_ratings(_ids(5), 1.0)
    ),
}


def _call(func, *args, **kwargs):
    """Run ``func``; return its result or the LsmnetError; fail on anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", lsmnet.LsmnetWarning)
            return func(*args, **kwargs)
    except LsmnetError as err:
        assert str(err), "an lsmnet error without a message"
        return err


def _no_inf(frame: pd.DataFrame, what: str):
    numeric = frame.select_dtypes("number").to_numpy(float, na_value=np.nan)
    assert not np.isinf(numeric).any(), f"{what}: infinite values"


def check_flags(flags):
    if isinstance(flags, LsmnetError):
        return
    assert set(flags["severity"]) <= SEVERITIES
    assert flags["severity"].notna().all()
    bad = flags[flags["value"].isna() | ~np.isfinite(flags["value"].astype(float))]
    assert bad.empty, f"flags with a NaN or infinite value: {bad[['code', 'entity']].values}"
    for text in flags["explanation"]:
        assert isinstance(text, str) and text
        assert "nan" not in text.lower().replace("nanggroe", "").split(), text


@pytest.fixture(scope="module", params=list(SCENARIOS))
def scenario(request):
    return request.param, SCENARIOS[request.param]()


def test_risk_flags(scenario):
    _, data = scenario
    check_flags(_call(lsmnet.risk_flags, data, seed=1))


def test_coalition_health(scenario):
    name, data = scenario
    health = _call(lsmnet.coalition_health, data, seed=1, null_samples=20)
    if isinstance(health, LsmnetError):
        return
    _no_inf(health, name)
    for column in ("flags_high", "flags_watch", "flags_info", "members", "stage"):
        assert health[column].notna().all(), column
    density = health["density"].dropna()
    assert ((density >= 0) & (density <= 1)).all()


def test_member_table_and_scores(scenario):
    name, data = scenario
    table = _call(lsmnet.member_table, data, "K")
    if not isinstance(table, LsmnetError):
        _no_inf(table, name)
        assert len(table) == len(data.coalition_members("K"))
    scores = _call(lsmnet.trust_value_scores, data, coalition="K")
    if not isinstance(scores, LsmnetError):
        for part in vars(scores).values():
            if isinstance(part, pd.DataFrame):
                _no_inf(part, name)


def test_isolates_and_disconnected_flags_name_exactly_the_isolates():
    """Reference: the isolates are known by construction (members without any tie)."""
    data = SCENARIOS["disconnected with isolates"]()
    flags = lsmnet.risk_flags(data, seed=1)
    iso = set(flags.loc[flags["code"] == "ISO-1", "entity"])
    assert iso == {"o8", "o9", "o10", "o11"}


def test_one_member_coalition_reports_instead_of_failing(tmp_path):
    pytest.importorskip("lsmnet.reporting.core")
    rep = lsmnet.report(SCENARIOS["one member"](), seed=1)
    assert "Organisasi solo" in rep.html()


# ------------------------------------------------------------------------------ graphs
def _graph_cases():
    star = nx.star_graph(6)
    disconnected = nx.disjoint_union(nx.complete_graph(4), nx.path_graph(5))
    disconnected.add_nodes_from(["iso1", "iso2"])
    loops = nx.cycle_graph(6)
    loops.add_edges_from([(0, 0), (3, 3)])
    zero = nx.complete_graph(5)
    nx.set_edge_attributes(zero, 0.0, "weight")
    huge = nx.complete_graph(5)
    nx.set_edge_attributes(huge, 1e300, "weight")
    large = nx.barbell_graph(4, 2)
    for i, (u, v) in enumerate(large.edges):
        large.edges[u, v]["weight"] = 1e15 * (1 + i % 3)  # budgets in rupiah
    mixed = nx.path_graph(6)
    for i, (u, v) in enumerate(mixed.edges):
        mixed.edges[u, v]["weight"] = [0.0, 1e-300, 1.0, 1e300, 5e-324][i]
    directed = nx.DiGraph([(0, 1), (1, 2), (2, 0), (3, 4)])
    directed.add_node(5)
    directed.add_edge(2, 2)
    return {
        "empty": nx.Graph(),
        "single node": nx.empty_graph(1),
        "two isolates": nx.empty_graph(2),
        "star": star,
        "disconnected": disconnected,
        "self-loops": loops,
        "zero weights": zero,
        "large weights": large,
        "huge weights": huge,
        "mixed extreme weights": mixed,
        "directed with loop": directed,
        "complete": nx.complete_graph(6),
    }


GRAPHS = _graph_cases()
METRICS = {
    "centrality_table": lambda G, w: lsmnet.centrality_table(G, weight=w),
    "centralization": lambda G, w: lsmnet.centralization(G, "degree"),
    "betweenness_centralization": lambda G, w: lsmnet.centralization(G, "betweenness"),
    "bonacich_power": lambda G, w: lsmnet.bonacich_power(G, beta=0.1, weight=w),
    "constraint": lambda G, w: lsmnet.constraint(G, weight=w),
    "effective_size": lambda G, w: lsmnet.effective_size(G, weight=w),
    "hierarchy": lambda G, w: lsmnet.hierarchy(G, weight=w),
    "core_periphery": lambda G, w: lsmnet.core_periphery(G, weight=w, seed=1),
    "fragmentation": lambda G, w: lsmnet.fragmentation(G),
    "fragmentation_centrality": lambda G, w: lsmnet.fragmentation_centrality(G),
    "key_players": lambda G, w: lsmnet.key_players(G, 2, seed=1),
    "cohesion_summary": lambda G, w: lsmnet.cohesion_summary(G),
    "cug_test": lambda G, w: lsmnet.cug_test(G, "degree_centralization", n=20, seed=1),
    "gini of weights": lambda G, w: lsmnet.gini(
        [d.get("weight", 1.0) for *_, d in G.edges(data=True)]
    ),
}


def _finite_or_nan(result, what):
    if isinstance(result, LsmnetError):
        return
    if isinstance(result, pd.DataFrame):
        _no_inf(result, what)
    elif isinstance(result, pd.Series):
        if pd.api.types.is_numeric_dtype(result):
            assert not np.isinf(result.to_numpy(float, na_value=np.nan)).any(), what
    elif isinstance(result, float | int | np.floating):
        assert not math.isinf(result), what
    else:
        for value in vars(result).values():
            if isinstance(value, float | np.floating):
                assert not math.isinf(value), what


#: (metric, graph) -> reason, for known bugs run as strict xfails (none open).
KNOWN: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize(
    ("metric", "graph"),
    [
        pytest.param(
            m,
            g,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN[m, g])] if (m, g) in KNOWN else [],
        )
        for m in METRICS
        for g in GRAPHS
    ],
)
def test_metrics_on_degenerate_graphs(metric, graph):
    G = GRAPHS[graph]
    before = nx.to_dict_of_dicts(G), dict(G.nodes(data=True))
    weight = "weight" if nx.get_edge_attributes(G, "weight") else None
    _finite_or_nan(_call(METRICS[metric], G, weight), f"{metric} on {graph}")
    assert (nx.to_dict_of_dicts(G), dict(G.nodes(data=True))) == before, "input mutated"


def test_isolates_have_zero_degree_centrality():
    G = GRAPHS["disconnected"]
    table = lsmnet.centrality_table(G)
    degree_column = next(c for c in table.columns if "degree" in c)
    assert table.loc[["iso1", "iso2"], degree_column].eq(0).all()


def test_fragmentation_of_a_disconnected_graph_matches_the_formula():
    """Borgatti (2006): F = 1 - sum_k s_k (s_k - 1) / (n (n - 1)) over components."""
    G = GRAPHS["disconnected"]
    n = G.number_of_nodes()
    sizes = [len(c) for c in nx.connected_components(G)]
    expected = 1 - sum(s * (s - 1) for s in sizes) / (n * (n - 1))
    assert lsmnet.fragmentation(G) == pytest.approx(expected, rel=1e-12)


def test_star_degree_centralization_is_one_despite_self_loops_elsewhere():
    assert lsmnet.centralization(GRAPHS["star"], "degree") == pytest.approx(1.0)


@pytest.mark.parametrize("scale", [1e6, 1e12, 1e300, 1e-300, 5e-324])
def test_large_equal_weights_give_the_unweighted_betweenness(scale):
    """Reference: with every weight equal, the weighted shortest paths are the unweighted
    ones, so betweenness equals networkx's unweighted betweenness on the same graph."""
    G = nx.barbell_graph(4, 2)
    nx.set_edge_attributes(G, scale, "weight")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        table = lsmnet.centrality_table(G, weight="weight")
    expected = pd.Series(nx.betweenness_centrality(G), name="betweenness")
    np.testing.assert_allclose(table["betweenness"], expected.loc[table.index], atol=1e-12)
    np.testing.assert_allclose(table["strength"], scale * table["degree"], rtol=1e-12)


def _integer_weighted_graphs():
    karate = nx.karate_club_graph()  # integer weights 1..7
    rng = np.random.default_rng(5)
    directed = nx.gnp_random_graph(25, 0.15, seed=5, directed=True)
    for u, v in directed.edges:
        directed.edges[u, v]["weight"] = int(rng.integers(1, 6))
    directed.add_node("isolate")
    return {"karate": karate, "directed": directed}


WEIGHTED = _integer_weighted_graphs()


@pytest.mark.parametrize("name", sorted(WEIGHTED))
@pytest.mark.parametrize("scale", [1.0, 1e12, 1e-12, 1e300, 1e-300])
def test_path_measures_follow_the_scaling_law(name, scale):
    """Reference: networkx on the unscaled graph with exact distances Fraction(1, w).

    Multiplying every weight by c divides every distance by c: betweenness is unchanged,
    closeness and harmonic centrality (inverse distances) are multiplied by c.
    """
    from fractions import Fraction

    G = WEIGHTED[name]
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["distance"] = Fraction(1, d["weight"])
    scaled = G.copy()
    for _, _, d in scaled.edges(data=True):
        d["weight"] = d["weight"] * scale
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lsmnet.LsmnetWarning)
        table = lsmnet.centrality_table(scaled, weight="weight")
    reference = {
        "betweenness": (nx.betweenness_centrality(H, weight="distance"), 1.0),
        "closeness": (nx.closeness_centrality(H, distance="distance"), scale),
        "harmonic": (nx.harmonic_centrality(H, distance="distance"), scale),
    }
    for column, (values, factor) in reference.items():
        expected = np.array([float(values[v]) for v in table.index]) * factor
        np.testing.assert_allclose(table[column], expected, rtol=1e-9, atol=0, err_msg=column)


@pytest.mark.parametrize("scale", [1e12, 1e-300])
def test_sampled_path_measures_follow_the_scaling_law(scale):
    """Reference: the exact-scale run of the same sample; closeness and harmonic times c."""
    G = WEIGHTED["karate"]
    scaled = G.copy()
    for _, _, d in scaled.edges(data=True):
        d["weight"] = d["weight"] * scale
    plain = lsmnet.centrality_table(G, weight="weight", approx=10, seed=3)
    table = lsmnet.centrality_table(scaled, weight="weight", approx=10, seed=3)
    np.testing.assert_allclose(table["betweenness"], plain["betweenness"], rtol=1e-12)
    for column in ("closeness", "harmonic"):
        np.testing.assert_allclose(table[column], plain[column] * scale, rtol=1e-12)


def test_weights_spanning_more_than_the_float_range_name_the_edges():
    G = nx.path_graph(4)
    nx.set_edge_attributes(G, {(0, 1): 1e300, (1, 2): 1.0, (2, 3): 1e-300}, "weight")
    with pytest.raises(
        lsmnet.InvalidParameterError,
        match=r"'weight' parameter of centrality_table .* edge \(2, 3\) has weight=1e-300 "
        r"and edge \(0, 1\) has weight=1e\+300",
    ):
        lsmnet.centrality_table(G, weight="weight")
    G.edges[2, 3]["weight"] = 0.0  # a zero weight removes the tie: no error
    table = lsmnet.centrality_table(G, weight="weight")
    assert table.loc[3, "harmonic"] == 0 and np.isfinite(table["harmonic"]).all()


def test_harmonic_beyond_the_float_maximum_names_the_node_and_edge():
    G = nx.complete_graph(4)
    nx.set_edge_attributes(G, 1e308, "weight")
    with pytest.raises(
        lsmnet.InvalidParameterError,
        match=r"harmonic centrality of node 0, .*\(edge \(0, 1\) has weight=1e\+308",
    ):
        lsmnet.centrality_table(G, weight="weight")


def _pair_correlation(G, core):
    """Brute force: Pearson r of the ties with the ideal pattern over ordered pairs i != j."""
    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight="weight")
    in_core = np.array([core[v] for v in nodes])
    ideal = (in_core[:, None] | in_core[None, :]).astype(float)
    off = ~np.eye(len(nodes), dtype=bool)
    return np.corrcoef(A[off], ideal[off])[0, 1]


@pytest.mark.parametrize("name", sorted(WEIGHTED))
@pytest.mark.parametrize("scale", [1e300, 1e-300, 5e-324])
def test_core_periphery_is_scale_free(name, scale):
    """Reference: the run on the unscaled integer weights (same partition, same correlation,
    coreness times sqrt(c) since c_i c_j fits the tie values), and the correlation of that
    partition computed by brute force on the unscaled ties."""
    G = WEIGHTED[name]
    scaled = G.copy()
    for _, _, d in scaled.edges(data=True):
        d["weight"] = d["weight"] * scale
    plain = lsmnet.core_periphery(G, weight="weight", seed=4)
    table = lsmnet.core_periphery(scaled, weight="weight", seed=4)
    pd.testing.assert_series_equal(table["core"], plain["core"])
    assert table.attrs["correlation"] == pytest.approx(plain.attrs["correlation"], rel=1e-12)
    assert table.attrs["correlation"] == pytest.approx(
        _pair_correlation(G, plain["core"]), rel=1e-9
    )
    assert table.attrs["coreness_correlation"] == pytest.approx(
        plain.attrs["coreness_correlation"], rel=1e-6
    )
    np.testing.assert_allclose(table["coreness"], plain["coreness"] * np.sqrt(scale), rtol=1e-6)


# ------------------------------------------------------------------------- large coalition
@pytest.mark.slow
def test_coalition_of_two_thousand_members():
    rng = np.random.default_rng(11)
    members = _ids(2000)
    pairs = {tuple(sorted(p)) for p in rng.integers(0, 2000, (6000, 2)) if p[0] != p[1]}
    layers = ("advocacy", "network", "operational", "capacity")
    ties = [(members[a], members[b], layers[(a + b) % 4]) for a, b in sorted(pairs)]
    data = _data(members, ties)
    flags = lsmnet.risk_flags(data, seed=1)
    check_flags(flags)
    health = lsmnet.coalition_health(data, seed=1, null_samples=10)
    _no_inf(health, "2,000 members")
    assert int(health.loc["K", "members"]) == 2000
