"""coalition_health(n_jobs=...): the null graphs, drawn as chains on several workers, give the
same table, bit for bit, as the serial run.

References: the serial run (n_jobs=1) of the same call; the null model written out in this
file from its documented seeding (chain j of a coalition drawn by degree_null_chain from
default_rng([root, crc32(coalition), 1, j + 1]), its graphs built as networkx graphs and
scored by structural_scores, the networkx path).
"""

from __future__ import annotations

import zlib

import joblib
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from _risk_fixtures import build, clique, dask_cluster

import lsmnet as lsm
import lsmnet.risk.health as health_module
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics.significance import degree_null_chain
from lsmnet.risk.health import NULL_SCORES, null_comparison, null_entropy, structural_scores


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture
def one_graph_pieces(monkeypatch):
    # every null graph its own chain, so that two workers really share the drawing and scoring
    monkeypatch.setattr(health_module, "CHAIN_WORK", 1)


def test_two_workers_give_the_serial_table(demo, one_graph_pieces):
    kwargs = {"coalition": ["C01", "C02", "C03"], "null_samples": 12, "seed": 4}
    serial = lsm.coalition_health(demo, n_jobs=1, **kwargs)
    parallel = lsm.coalition_health(demo, n_jobs=2, **kwargs)
    pd.testing.assert_frame_equal(serial, parallel, check_exact=True)
    assert serial.attrs == parallel.attrs
    assert serial.filter(like="_null_z").notna().any(axis=None)


def test_joblib_backend_context_gives_the_serial_table(demo, one_graph_pieces):
    kwargs = {"coalition": ["C02"], "null_samples": 8, "seed": 2}
    serial = lsm.coalition_health(demo, **kwargs)
    with joblib.parallel_backend("loky", n_jobs=2):
        inside = lsm.coalition_health(demo, **kwargs)
    pd.testing.assert_frame_equal(serial, inside, check_exact=True)


def test_chains_depend_on_the_coalition_alone(demo, monkeypatch):
    # three chains per coalition (about 1/3 of the work each), whatever n_jobs is
    G = nx.barabasi_albert_graph(40, 2, seed=1)
    work = 40 * (40 + G.number_of_edges())
    monkeypatch.setattr(health_module, "CHAIN_WORK", 10 * work // 3 + 1)
    pieces = health_module.null_pieces(G, 10, [7, 8])
    assert [size for _, size, _, _ in pieces] == [3, 4, 3]
    assert [entropy for _, _, entropy, _ in pieces] == [(7, 8, 1, 1), (7, 8, 1, 2), (7, 8, 1, 3)]
    kwargs = {"coalition": ["C01", "C02"], "null_samples": 10, "seed": 3}
    one = lsm.coalition_health(demo, n_jobs=1, **kwargs)
    two = lsm.coalition_health(demo, n_jobs=2, **kwargs)
    pd.testing.assert_frame_equal(one, two, check_exact=True)


def test_a_coalition_gets_the_same_null_columns_with_or_without_the_others(demo):
    # each coalition's null model is seeded with (seed, coalition id), as its
    # core-periphery search is seeded with seed alone
    every = lsm.coalition_health(demo, null_samples=12, seed=6)
    alone = lsm.coalition_health(demo, coalition="C03", null_samples=12, seed=6)
    columns = [c for c in every.columns if "_null_" in c]
    pd.testing.assert_series_equal(
        every.loc["C03", columns], alone.loc["C03", columns], check_exact=True
    )


def _reference(G, samples: int, entropy: list[int], chains: int) -> dict:
    """The null columns written out: each chain's graphs as networkx graphs, scored by
    structural_scores (networkx and lsmnet's public measures), mid-rank percentile."""
    nodes = list(G)
    degrees = [G.degree(v) for v in nodes]
    recorded = []
    sizes = np.diff(np.linspace(0, samples, chains + 1).round().astype(int))
    for j, size in enumerate(sizes):
        rng = np.random.default_rng([*entropy, 1, j + 1])
        for edges in degree_null_chain(degrees, None, rng, int(size)):
            H = nx.Graph()
            H.add_nodes_from(range(len(nodes)))
            H.add_edges_from(edges.tolist())
            recorded.append(structural_scores(H))
    observed = structural_scores(G)
    out = {}
    for name in NULL_SCORES:
        values = np.array([r[name] for r in recorded])
        sd = values.std(ddof=1)
        out[f"{name}_null_z"] = (observed[name] - values.mean()) / sd if sd > 0 else np.nan
        below = np.mean(values < observed[name] - 1e-9)
        tie = np.mean(np.abs(values - observed[name]) <= 1e-9)
        out[f"{name}_null_pct"] = 100 * (below + tie / 2)
    return out


@pytest.mark.parametrize("n_jobs", [None, 2])
def test_null_comparison_against_networkx_reference(n_jobs, monkeypatch):
    G = nx.relabel_nodes(nx.barabasi_albert_graph(30, 2, seed=1), lambda v: f"o{v}")
    G.add_nodes_from(["iso1", "iso2"])
    # five chains of five graphs
    work = 32 * (32 + G.number_of_edges())
    monkeypatch.setattr(health_module, "CHAIN_WORK", 5 * work)
    entropy = null_entropy(1, "K")
    assert entropy == [1, zlib.crc32(b"K")]
    got = null_comparison(G, structural_scores(G), samples=25, entropy=entropy, n_jobs=n_jobs)
    want = _reference(G, 25, entropy, chains=5)
    assert got.keys() == want.keys()
    np.testing.assert_allclose(list(got.values()), list(want.values()), rtol=1e-9)


def test_same_seed_same_table_run_to_run():
    data = build(list("abcdefg"), [*clique("abcd"), ("d", "e"), ("e", "f"), ("f", "g")])
    first = lsm.coalition_health(data, null_samples=15, seed=9, n_jobs=2)
    again = lsm.coalition_health(data, null_samples=15, seed=9, n_jobs=2)
    pd.testing.assert_frame_equal(first, again, check_exact=True)


@pytest.mark.parametrize("n_jobs", [0, 1.5, "2", True])
def test_invalid_n_jobs(n_jobs):
    data = build(list("abc"), clique("abc"))
    with pytest.raises(InvalidParameterError, match="'n_jobs' parameter of coalition_health"):
        lsm.coalition_health(data, null_samples=2, n_jobs=n_jobs)


def test_health_on_a_dask_cluster_equals_the_serial_run(demo, one_graph_pieces):
    # the null graphs stream back from the cluster (joblib's return_as="generator" on the
    # Dask backend) while the flags are evaluated here
    kwargs = {"coalition": ["C01", "C02"], "null_samples": 6, "seed": 8}
    serial = lsm.coalition_health(demo, n_jobs=1, **kwargs)
    with dask_cluster():
        on_cluster = lsm.coalition_health(demo, **kwargs)
    pd.testing.assert_frame_equal(on_cluster, serial, check_exact=True)
