"""lsmnet.backbone against the real R package backbone 1.4.0.

Reference values: tests/reference/backbone_real.R (backbone 1.4.0 built byte for byte from the
CRAN sources in the cran/backbone mirror, PoissonBinomial 1.2.5, R 4.2.2), written to
tests/reference/backbone_real_pvalues.csv (``fixedrow`` and ``sdsm`` positive / negative
matrices, plus the exact tails ``ppbinom(method = "DivideFFT")`` of R's BiCM probabilities) and
tests/reference/backbone_real_bicm.csv (R's ``bicm`` matrices).
"""

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy import stats

import lsmnet
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics.backbone import _bicm_matrix, _refined_normal_tails

REFERENCE = Path(__file__).resolve().parent.parent / "reference"


def _clique_incidence(G):
    """Node x maximal-clique incidence, cliques as sorted node-index lists, sorted."""
    index = {v: i for i, v in enumerate(G.nodes)}
    cliques = sorted(sorted(index[v] for v in c) for c in nx.find_cliques(G))
    M = np.zeros((G.number_of_nodes(), len(cliques)), dtype=int)
    for k, c in enumerate(cliques):
        M[c, k] = 1
    return M


def _bipartite_matrix(B):
    rows = [v for v, s in B.nodes(data="bipartite") if s == 0]
    cols = [v for v, s in B.nodes(data="bipartite") if s == 1]
    return np.array([[int(B.has_edge(r, c)) for c in cols] for r in rows])


CASES = {
    "davis": lambda: _bipartite_matrix(nx.davis_southern_women_graph()),
    "galaskiewicz": lambda: _bipartite_matrix(
        lsmnet.membership_graph(lsmnet.datasets.load_dataset("galaskiewicz"))
    ),
    "kite_cliques": lambda: _clique_incidence(nx.krackhardt_kite_graph()),
    "florentine_cliques": lambda: _clique_incidence(nx.florentine_families_graph()),
    "karate_cliques": lambda: _clique_incidence(nx.karate_club_graph()),
}


@pytest.fixture(scope="module")
def pvalues():
    return pd.read_csv(REFERENCE / "backbone_real_pvalues.csv")


def _reference(pvalues, name, M):
    ref = pvalues[(pvalues["case"] == name) & (pvalues["weight"] > 0)]
    assert (ref["weight"].to_numpy() == (M @ M.T)[ref["i"], ref["j"]]).all()
    return ref


def _p_values(M, **kwargs):
    bb = lsmnet.backbone(M, alpha=1.0, **kwargs)
    return bb, {(min(u, v), max(u, v)): p for u, v, p in bb.edges(data="p_value")}


def _compare(got, ref, expected, level):
    """Every pair R tests is in ``got`` with R's p-value, unless R's p-value is >= level."""
    checked = 0
    for i, j, p in zip(ref["i"], ref["j"], expected, strict=True):
        if (i, j) in got:
            assert got[(i, j)] == pytest.approx(p, abs=1e-6), (i, j)
            checked += 1
        else:
            assert p >= level - 1e-6, (i, j, p)
    assert checked == len(got)
    return checked


@pytest.mark.parametrize("name", list(CASES))
def test_fixedrow_matches_r_backbone_fixedrow(name, pvalues):
    """R backbone 1.4.0 ``fixedrow(B)$positive`` / ``$negative`` (tests/reference/backbone_real.R)
    equal lsmnet's null="fixedrow" p-values, one- and two-tailed."""
    M = CASES[name]()
    ref = _reference(pvalues, name, M)
    bb, got = _p_values(M, null="fixedrow")
    assert bb.graph["tested"] == len(ref)
    _compare(got, ref, ref["fixedrow_upper"], 1.0)
    _, got = _p_values(M, null="fixedrow", signed=True)
    smaller = np.minimum(ref["fixedrow_upper"], ref["fixedrow_lower"])
    _compare(got, ref, smaller, 0.5)


@pytest.mark.parametrize("name", list(CASES))
def test_sdsm_refined_normal_matches_r_backbone_sdsm(name, pvalues):
    """R backbone 1.4.0 ``sdsm(B)$positive`` / ``$negative`` (tests/reference/backbone_real.R),
    which use ``PoissonBinomial::ppbinom(method = "RefinedNormal")``, equal lsmnet's
    null="sdsm" p-values with sdsm_method="refined_normal", one- and two-tailed."""
    M = CASES[name]()
    ref = _reference(pvalues, name, M)
    bb, got = _p_values(M, null="sdsm", sdsm_method="refined_normal")
    assert bb.graph["tested"] == len(ref)
    _compare(got, ref, ref["sdsm_upper"], 1.0)
    _, got = _p_values(M, null="sdsm", signed=True, sdsm_method="refined_normal")
    _compare(got, ref, np.minimum(ref["sdsm_upper"], ref["sdsm_lower"]), 0.5)


@pytest.mark.parametrize("name", list(CASES))
def test_sdsm_exact_matches_r_bicm_with_exact_tails(name, pvalues):
    """lsmnet's default (exact) sdsm p-values equal the exact Poisson-binomial tails
    ``ppbinom(method = "DivideFFT")`` of R backbone 1.4.0's ``bicm(B)`` probabilities
    (tests/reference/backbone_real.R), and R's ``sdsm`` (refined normal approximation) differs
    from them as documented in lsmnet.backbone's Notes: by at most 0.1."""
    M = CASES[name]()
    ref = _reference(pvalues, name, M)
    _, got = _p_values(M, null="sdsm")
    _compare(got, ref, ref["exact_upper"], 1.0)
    _, got = _p_values(M, null="sdsm", signed=True)
    _compare(got, ref, np.minimum(ref["exact_upper"], ref["exact_lower"]), 0.5)
    gap = np.abs(ref["exact_upper"] - ref["sdsm_upper"]).max()
    assert 1e-3 < gap <= 0.1


def test_documented_rna_gaps(pvalues):
    """The gaps quoted in lsmnet.backbone's Notes (R backbone 1.4.0 sdsm vs exact tails)."""
    gap = (pvalues["exact_upper"] - pvalues["sdsm_upper"]).abs().groupby(pvalues["case"]).max()
    assert gap["karate_cliques"] == pytest.approx(0.098, abs=5e-4)
    assert gap["davis"] == pytest.approx(0.017, abs=5e-4)


@pytest.mark.parametrize("name", list(CASES))
def test_bicm_matches_r_backbone_bicm(name):
    """R backbone 1.4.0 ``bicm(B)`` (tests/reference/backbone_real.R) equals lsmnet's BiCM."""
    M = CASES[name]()
    ref = pd.read_csv(REFERENCE / "backbone_real_bicm.csv")
    ref = ref[ref["case"] == name]
    expected = np.zeros(M.shape)
    expected[ref["row"], ref["col"]] = ref["p"]
    np.testing.assert_allclose(_bicm_matrix(M), expected, rtol=0, atol=1e-6)


def test_refined_normal_degenerate_cases_follow_poissonbinomial():
    """PoissonBinomial 1.2.5's rules (checked against it while writing backbone_real.R): one
    distinct probability gives the exact binomial, probabilities 1 shift the support, only
    0/1 probabilities give a point mass."""
    upper, lower = _refined_normal_tails(np.array([0.3, 1.0, 0.0]), np.array([4, 2, 3]), 8, True)
    t = np.arange(9)
    np.testing.assert_allclose(lower, stats.binom.cdf(t - 2, 4, 0.3), atol=1e-15)
    np.testing.assert_allclose(upper, stats.binom.sf(t - 3, 4, 0.3), atol=1e-15)
    upper, lower = _refined_normal_tails(np.array([1.0, 0.0]), np.array([2, 5]), 4, True)
    np.testing.assert_array_equal(lower, [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(upper, [1, 1, 1, 0, 0])


def test_sdsm_method_errors():
    M = CASES["davis"]()
    with pytest.raises(InvalidParameterError, match="'sdsm_method' parameter of backbone"):
        lsmnet.backbone(M, sdsm_method="DivideFFT")
