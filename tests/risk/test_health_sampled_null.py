"""coalition_health's null model of large coalitions: path scores from sampled sources.

Above ``NULL_SAMPLE_ABOVE`` members the two path scores of each null graph, and the observed
values they are compared with, are estimated from ``NULL_SOURCES`` sampled members. The
limits are lowered here so that coalitions of ``indonesia_demo`` count as large.

Reference: with as many sources as members the estimator is the exact computation, so the
z-scores and percentiles must equal those of the exact null model (same null graphs: the
sources come from a generator of their own); with fewer sources the result must not depend on
n_jobs.
"""

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.risk import health

pytest.importorskip("igraph", reason="without igraph the estimator is exact (no sampling)")

NULL_COLUMNS = [f"{s}_null_{k}" for s in health.NULL_SCORES for k in ("z", "pct")]
COALITION, MEMBERS = "C01", 56


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


def test_every_member_a_source_equals_the_exact_null_model(demo, monkeypatch):
    exact = lsm.coalition_health(demo, coalition=COALITION, null_samples=15, seed=3)
    monkeypatch.setattr(health, "NULL_SAMPLE_ABOVE", 10)
    monkeypatch.setattr(health, "NULL_SOURCES", MEMBERS)
    sampled = lsm.coalition_health(demo, coalition=COALITION, null_samples=15, seed=3)
    assert int(sampled.loc[COALITION, "members"]) == MEMBERS
    np.testing.assert_allclose(
        sampled[NULL_COLUMNS].to_numpy(float), exact[NULL_COLUMNS].to_numpy(float), rtol=1e-9
    )
    # the table's own columns are exact in both
    pd.testing.assert_series_equal(
        sampled.loc[COALITION, ["transitivity", "distance_fragmentation"]],
        exact.loc[COALITION, ["transitivity", "distance_fragmentation"]],
    )


def test_sampled_null_model_is_reproducible_and_independent_of_n_jobs(demo, monkeypatch):
    monkeypatch.setattr(health, "NULL_SAMPLE_ABOVE", 10)
    monkeypatch.setattr(health, "NULL_SOURCES", 12)
    monkeypatch.setattr(health, "CHAIN_WORK", 1)  # one null graph per chain
    kwargs = {"coalition": ["C01", "C02"], "null_samples": 10, "seed": 5}
    one = lsm.coalition_health(demo, n_jobs=1, **kwargs)
    two = lsm.coalition_health(demo, n_jobs=2, **kwargs)
    again = lsm.coalition_health(demo, n_jobs=1, **kwargs)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    pd.testing.assert_frame_equal(one, again, check_exact=True)
    assert one[NULL_COLUMNS].notna().to_numpy().any()
    # the path scores' null columns differ from the exact ones: the sources were sampled
    monkeypatch.setattr(health, "NULL_SAMPLE_ABOVE", 10_000)
    exact = lsm.coalition_health(demo, n_jobs=1, **kwargs)
    assert not np.allclose(
        exact["betweenness_centralization_null_z"], one["betweenness_centralization_null_z"]
    )
    # the sources come from a generator of their own, so the null graphs are the same either
    # way: the scores without paths are identical
    cheap = ["components_null_pct", "transitivity_null_z", "transitivity_null_pct"]
    assert one[cheap].notna().all(axis=None)
    pd.testing.assert_frame_equal(exact[cheap], one[cheap], check_exact=True)
