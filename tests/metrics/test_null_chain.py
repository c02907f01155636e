"""Tests of the edge-switching loop and of degree_null_chain (lsmnet.metrics.significance).

References: the edge-switching loop as it was before integer keys (``_old_switch_edges``,
copied below), which the new loop must reproduce exactly; brute-force enumeration of every
simple graph with a tiny degree sequence (written in this file); independent draws
(``degree_null_edges``, a fresh realisation and burn-in per graph), which the chain's null
mean and standard deviation must match within Monte Carlo error; the lag-1 autocorrelation
written out with numpy.
"""

from __future__ import annotations

import itertools
from collections import Counter

import networkx as nx
import numpy as np
import pytest
from scipy import stats

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics.significance import (
    _switch_edges,
    degree_null_chain,
    degree_null_edges,
)
from lsmnet.risk.flags import scopes
from lsmnet.risk.health import NULL_SCORES, _null_scores


def _old_switch_edges(edges, directed, rng, rounds=10):
    """The switch loop of lsmnet before integer keys (commit ded588b), kept as reference."""
    m = len(edges)
    if m < 2:
        return edges
    u = [a for a, _ in edges]
    v = [b for _, b in edges]

    def key(a, b):
        return (a, b) if directed or a < b else (b, a)

    present = {key(a, b) for a, b in edges}
    attempts = rounds * m
    picks = rng.integers(0, m, size=(attempts, 2)).tolist()
    flips = (rng.random(attempts) < 0.5).tolist()
    for (i, j), flip in zip(picks, flips, strict=True):
        if i == j:
            continue
        a, b, c, d = u[i], v[i], u[j], v[j]
        if flip and not directed:
            c, d = d, c
        if a == d or c == b:
            continue
        new_i, new_j = key(a, d), key(c, b)
        if new_i in present or new_j in present:
            continue
        present.difference_update((key(a, b), key(c, d)))
        present.update((new_i, new_j))
        v[i], u[j], v[j] = d, c, b
    return list(zip(u, v, strict=True))


def _heavy_tailed_degrees(seed: int = 0) -> list[int]:
    """A heavy-tailed coalition: Chung-Lu graph on 1,000 nodes with Pareto(2.1) weights of
    mean 9 (4,473 ties, largest degree 203 for seed 0)."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(2.1, 1000) + 1
    G = nx.expected_degree_graph(weights * 9.0 / weights.mean(), seed=seed, selfloops=False)
    return [d for _, d in G.degree()]


def _example_degrees() -> dict[str, list[int]]:
    """Degree sequences of the bundled example's coalitions, as coalition_health sees them."""
    data = lsm.datasets.load_dataset("indonesia_demo")
    units = scopes(
        data, coalition=None, layers=None, at=None, thresholds=None, lang="en", seed=0, func="t"
    )
    out = {}
    for scope in units:
        bare = nx.Graph()
        bare.add_nodes_from(scope.graph)
        bare.add_edges_from(scope.graph.edges())
        if bare.number_of_nodes() >= 3 and bare.number_of_edges() >= 2:
            out[scope.coalition] = [d for _, d in bare.degree()]
    return out


def _lag1(values) -> float:
    """Lag-1 autocorrelation; NaN for a constant series (no variation to correlate)."""
    x = np.asarray(values, dtype=float)
    if np.ptp(x) == 0:
        return np.nan
    x = x - x.mean()
    return float(np.dot(x[:-1], x[1:]) / np.dot(x, x))


def _chain_scores(degrees, draws, seed):
    rng = np.random.default_rng(seed)
    return [_null_scores(len(degrees), e) for e in degree_null_chain(degrees, None, rng, draws)]


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_switch_loop_is_the_old_loop(directed, seed):
    # reference: the old tuple-keyed loop, copied above; same output and same numbers drawn
    rng = np.random.default_rng(100 + seed)
    degrees = np.minimum(rng.zipf(2.0, 200), 40)
    G = nx.configuration_model(degrees + degrees % 2, seed=seed)
    G = nx.Graph(G) if not directed else nx.DiGraph(nx.Graph(G))
    G.remove_edges_from(nx.selfloop_edges(G))
    edges = list(G.edges())
    for rounds in (1, 10):
        old_rng, new_rng = np.random.default_rng(seed), np.random.default_rng(seed)
        assert _switch_edges(edges, directed, new_rng, rounds) == _old_switch_edges(
            edges, directed, old_rng, rounds
        )
        assert new_rng.random() == old_rng.random()


def test_switch_loop_of_fewer_than_two_edges_draws_nothing():
    rng = np.random.default_rng(0)
    assert _switch_edges([(0, 1)], False, rng) == [(0, 1)]
    assert rng.random() == np.random.default_rng(0).random()


@pytest.mark.parametrize("seed", range(3))
def test_first_graph_of_the_chain_is_the_independent_draw(seed):
    # reference: degree_null_edges from the same generator state (cug_test's degree null)
    degrees = _heavy_tailed_degrees(seed)[:300]
    degrees[0] += sum(degrees) % 2
    first = next(degree_null_chain(degrees, None, np.random.default_rng(seed), 5))
    want = degree_null_edges(degrees, None, np.random.default_rng(seed))
    assert first.tolist() == [list(e) for e in want]


@pytest.mark.parametrize("directed", [False, True])
def test_chain_keeps_the_degrees_and_stays_simple(directed):
    G = nx.gnm_random_graph(60, 240, seed=3, directed=directed)
    out_deg = [G.out_degree(v) if directed else G.degree(v) for v in G]
    in_deg = [G.in_degree(v) for v in G] if directed else None
    graphs = list(degree_null_chain(out_deg, in_deg, np.random.default_rng(1), 20, gap=0.5))
    assert len(graphs) == 20
    for edges in graphs:
        assert not np.any(edges[:, 0] == edges[:, 1])
        keys = edges.tolist() if directed else np.sort(edges, axis=1).tolist()
        assert len({tuple(k) for k in keys}) == 240
        if directed:
            assert np.bincount(edges[:, 0], minlength=60).tolist() == out_deg
            assert np.bincount(edges[:, 1], minlength=60).tolist() == in_deg
        else:
            assert np.bincount(edges.ravel(), minlength=60).tolist() == out_deg
    assert any(not np.array_equal(graphs[0], g) for g in graphs[1:])


def test_chain_is_uniform_over_realisations():
    # reference: every simple graph with degrees (3, 2, 2, 2, 2, 1) enumerated by brute force;
    # the chain's 3,000 draws are tested for uniformity over them (chi-square)
    degrees = [3, 2, 2, 2, 2, 1]
    nodes = range(len(degrees))
    population = []
    for edges in itertools.combinations(itertools.combinations(nodes, 2), sum(degrees) // 2):
        if Counter(itertools.chain.from_iterable(edges)) == dict(enumerate(degrees)):
            population.append(frozenset(edges))
    seen = Counter(
        frozenset(tuple(sorted(e)) for e in g.tolist())
        for g in degree_null_chain(degrees, None, np.random.default_rng(7), 3000)
    )
    assert set(seen) == set(population)
    counts = [seen[g] for g in population]
    assert stats.chisquare(counts).pvalue > 0.01


@pytest.mark.slow
def test_chain_autocorrelation_on_the_example_coalitions():
    # gap chosen by measurement: lag-1 autocorrelation of every NULL_SCORES score below 0.1
    # on each coalition of the bundled example (1,000 draws each, seed 1)
    worst = {}
    for coalition, degrees in _example_degrees().items():
        recorded = _chain_scores(degrees, 1000, seed=1)
        lags = [_lag1([r[name] for r in recorded]) for name in NULL_SCORES]
        worst[coalition] = np.nanmax(lags) if not np.all(np.isnan(lags)) else np.nan
    assert len(worst) >= 10
    assert np.nanmax(list(worst.values())) < 0.1, worst


@pytest.mark.slow
def test_chain_autocorrelation_on_a_heavy_tailed_coalition():
    # 1,000 members, 4,473 ties, largest degree 203; 300 draws (seed 2)
    degrees = _heavy_tailed_degrees()
    assert sum(degrees) // 2 == 4473
    recorded = _chain_scores(degrees, 300, seed=2)
    lags = {name: _lag1([r[name] for r in recorded]) for name in NULL_SCORES}
    # with 300 draws a lag-1 autocorrelation of 0 is estimated with a standard error of about
    # 1/sqrt(300) = 0.058: every score must be within three of them of zero. Measured:
    # betweenness centralization -0.14 with igraph and +0.125 without (another starting
    # realisation), the other scores between -0.03 and 0.02: noise around zero
    bound = 3 / np.sqrt(len(recorded))
    assert np.nanmax(np.abs(list(lags.values()))) < bound, lags


def _moments_agree(chain: np.ndarray, independent: np.ndarray) -> tuple[float, float]:
    """z-statistics of the differences of the means and of the standard deviations, each
    standard error from its own sample (the sd's from the sample kurtosis)."""

    def se_sd(x):
        s2 = x.var(ddof=1)
        if s2 == 0:
            return 0.0
        m4 = np.mean((x - x.mean()) ** 4)
        return np.sqrt(max(m4 - s2**2, 0.0) / (4 * s2 * len(x)))

    se_mean = np.sqrt(chain.var(ddof=1) / len(chain) + independent.var(ddof=1) / len(independent))
    z_mean = (chain.mean() - independent.mean()) / se_mean
    z_sd = (chain.std(ddof=1) - independent.std(ddof=1)) / np.hypot(
        se_sd(chain), se_sd(independent)
    )
    return float(z_mean), float(z_sd)


def _assert_chain_moments_match(degrees, draws: int, seeds: tuple[int, int]) -> None:
    """Reference: ``draws`` independent draws (fresh realisation, ten switches per tie each);
    the chain's null mean and sd of every score within 4 standard errors of theirs."""
    rng = np.random.default_rng(seeds[0])
    independent = [
        _null_scores(len(degrees), degree_null_edges(degrees, None, rng)) for _ in range(draws)
    ]
    chain = _chain_scores(degrees, draws, seed=seeds[1])
    for name in NULL_SCORES:
        a = np.array([r[name] for r in chain])
        b = np.array([r[name] for r in independent])
        if np.ptp(a) == 0 and np.ptp(b) == 0:
            assert a[0] == b[0]
            continue
        z_mean, z_sd = _moments_agree(a, b)
        assert abs(z_mean) < 4 and abs(z_sd) < 4, (name, z_mean, z_sd)


@pytest.mark.parametrize("coalition", ["C01", "C02", "C03", "C10"])
def test_chain_moments_match_independent_draws(coalition):
    # measured |z| at most 2.3 (C03), for the mean and the sd of every score
    _assert_chain_moments_match(_example_degrees()[coalition], 400, (11, 12))


@pytest.mark.slow
def test_chain_moments_match_independent_draws_heavy_tailed():
    # measured |z| at most 2.0 (sd of the largest component share)
    _assert_chain_moments_match(_heavy_tailed_degrees(), 150, (21, 22))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"draws": 0}, "'draws' parameter of degree_null_chain"),
        ({"draws": 2.5}, "'draws' parameter of degree_null_chain"),
        ({"draws": 2, "gap": 0}, "'gap' parameter of degree_null_chain"),
        ({"draws": 2, "gap": "1"}, "'gap' parameter of degree_null_chain"),
    ],
)
def test_chain_rejects_bad_arguments(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        degree_null_chain([1, 1, 2], None, np.random.default_rng(0), **kwargs)


def _weighted_graph(directed: bool):
    G = nx.gnm_random_graph(25, 60, seed=4, directed=directed)
    for k, (a, b) in enumerate(G.edges()):
        G.edges[a, b]["weight"] = 1.0 + k % 5
    return nx.relabel_nodes(G, {v: f"n{v}" for v in G})


def _total_weight_on_high_degree(H) -> float:
    """A weighted statistic that sees node order, edge weights and the graph class."""
    return float(sum(d["weight"] * H.degree(a) for a, _, d in H.edges(data=True)))


@pytest.mark.parametrize("null", ["edges", "degree"])
@pytest.mark.parametrize("directed", [False, True])
def test_cug_test_n_jobs_gives_the_serial_result(null, directed, monkeypatch):
    import lsmnet.metrics.significance as significance

    # one graph per piece and two pieces per block: several blocks, several workers
    monkeypatch.setattr(significance, "_PIECE_WORK", 1)
    monkeypatch.setattr(significance, "_BLOCK", 2)
    G = _weighted_graph(directed)
    serial = lsm.cug_test(G, _total_weight_on_high_degree, null=null, n=9, seed=3, n_jobs=1)
    parallel = lsm.cug_test(G, _total_weight_on_high_degree, null=null, n=9, seed=3, n_jobs=2)
    assert serial == parallel
    np.testing.assert_array_equal(serial.null_values, parallel.null_values)


@pytest.mark.parametrize("null", ["edges", "degree"])
def test_cug_test_draws_as_one_graph_at_a_time(null, monkeypatch):
    # reference: the draw-then-score loop written out (pairs, then the permutation that
    # shuffles the weights, per null graph, from one generator)
    import lsmnet.metrics.significance as significance

    monkeypatch.setattr(significance, "_PIECE_WORK", 1)
    G = _weighted_graph(False)
    nodes = list(G)
    weights = [d for _, _, d in G.edges(data=True)]
    degrees = [G.degree(v) for v in nodes]
    rng = np.random.default_rng(8)
    want = []
    for _ in range(7):
        if null == "edges":
            u, v = significance._gnm_pairs(len(nodes), len(weights), False, rng)
        else:
            u, v = significance._degree_pairs(degrees, None, rng)
        order = rng.permutation(len(weights))
        H = nx.Graph()
        H.add_nodes_from(G.nodes(data=True))
        for a, b, k in zip(u, v, order, strict=True):
            H.add_edge(nodes[a], nodes[b], **weights[k])
        want.append(_total_weight_on_high_degree(H))
    got = lsm.cug_test(G, _total_weight_on_high_degree, null=null, n=7, seed=8, n_jobs=2)
    np.testing.assert_array_equal(got.null_values, want)


@pytest.mark.parametrize("n_jobs", [0, 2.0, "all"])
def test_cug_test_rejects_bad_n_jobs(n_jobs):
    with pytest.raises(InvalidParameterError, match="'n_jobs' parameter of cug_test"):
        lsm.cug_test(nx.path_graph(4), "transitivity", n=2, n_jobs=n_jobs)
