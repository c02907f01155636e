"""Tests of lsmnet.metrics.backbone.backbone.

References:
- fixedrow and multiple-test corrections: base R (stats::phyper, stats::p.adjust) applying R
  backbone's formulas, script tests/reference/backbone_fixedrow.R, output
  tests/reference/backbone_fixedrow.csv and p_adjust.csv; and scipy.stats.hypergeom pair by
  pair in this file.
- sdsm: the `bicm` package of the BiCM's authors (script tests/reference/
  backbone_bicm_reference.py, output backbone_bicm_reference.json); the published example of
  R backbone's tests (inst/tinytest/test_backbone.R: bicm of a 3 x 3 matrix); expected degrees
  equal observed degrees; Poisson-binomial tails by enumerating all 2^K outcomes (this file).
- fdsm: exact p-values by enumerating every matrix with the observed margins (this file).
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy import stats

from lsmnet.exceptions import GraphTypeError, InvalidParameterError
from lsmnet.metrics.backbone import (
    _adjust,
    _bicm_matrix,
    _curveball,
    _fdsm,
    _pairs,
    _poisson_binomial_tails,
    _sdsm,
    backbone,
)

REFERENCE = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def davis():
    return nx.davis_southern_women_graph()


@pytest.fixture(scope="module")
def davis_matrix(davis):
    women = [v for v, s in davis.nodes(data="bipartite") if s == 0]
    events = [v for v, s in davis.nodes(data="bipartite") if s == 1]
    return women, nx.bipartite.biadjacency_matrix(davis, women, events).toarray()


def _all_pairs(M):
    M = sp.csr_matrix(M)
    return _pairs(M)


# --- fixed row model ---------------------------------------------------------------------------


def test_fixedrow_matches_r_phyper_on_davis(davis, davis_matrix):
    ref = pd.read_csv(REFERENCE / "backbone_fixedrow.csv")
    women, _ = davis_matrix
    bb = backbone(davis, null="fixedrow", alpha=0.05)
    expected = ref[ref["upper"] < 0.05]
    assert bb.number_of_edges() == len(expected) == 17
    for row in expected.itertuples():
        data = bb[women[row.i]][women[row.j]]
        assert data["weight"] == row.weight
        assert data["p_value"] == pytest.approx(row.upper, rel=1e-12)
    assert bb.graph["tested"] == len(ref)


def test_fixedrow_signed_matches_r_on_davis(davis, davis_matrix):
    ref = pd.read_csv(REFERENCE / "backbone_fixedrow.csv")
    women, _ = davis_matrix
    alpha = 0.3
    bb = backbone(davis, null="fixedrow", alpha=alpha, signed=True)
    smaller = np.minimum(ref["upper"], ref["lower"])
    expected = ref[smaller < alpha / 2]
    pairs = zip(expected.i, expected.j, strict=True)
    assert {frozenset((women[a], women[b])) for a, b in pairs} == {
        frozenset(e) for e in bb.edges()
    }
    for row in expected.itertuples():
        data = bb[women[row.i]][women[row.j]]
        assert data["sign"] == (1 if row.upper < row.lower else -1)
        assert data["p_value"] == pytest.approx(min(row.upper, row.lower), rel=1e-12)
    assert any(d == -1 for *_, d in bb.edges(data="sign"))


@pytest.mark.parametrize("column", ["BH", "signed_holm"])
def test_fixedrow_corrections_match_r_p_adjust_on_davis(davis, davis_matrix, column):
    ref = pd.read_csv(REFERENCE / "backbone_fixedrow.csv")
    women, _ = davis_matrix
    signed = column == "signed_holm"
    mtc = "holm" if signed else "BH"
    bb = backbone(davis, null="fixedrow", alpha=1.0, mtc=mtc, signed=signed)
    expected = ref[ref[column] < (0.5 if signed else 1.0)]
    assert bb.number_of_edges() == len(expected)
    for row in expected.itertuples():
        assert bb[women[row.i]][women[row.j]]["p_adjusted"] == pytest.approx(
            getattr(row, column), rel=1e-12
        )


def test_fixedrow_against_scipy_hypergeom_pair_by_pair():
    rng = np.random.default_rng(3)
    M = (rng.random((25, 12)) < 0.3).astype(int)
    M = M[:, M.sum(axis=0) > 0]
    K = M.shape[1]
    bb = backbone(M, null="fixedrow", alpha=1.0, signed=True)
    deg = M.sum(axis=1)
    checked = 0
    for a, b in itertools.combinations(range(M.shape[0]), 2):
        w = int(M[a] @ M[b])
        if w == 0:
            assert not bb.has_edge(a, b)
            continue
        upper = stats.hypergeom(K, deg[a], deg[b]).sf(w - 1)
        lower = stats.hypergeom(K, deg[a], deg[b]).cdf(w)
        if min(upper, lower) < 0.5:
            assert bb[a][b]["p_value"] == pytest.approx(min(upper, lower), rel=1e-12, abs=1e-300)
            checked += 1
    assert checked > 20


def test_empty_coalitions_are_left_out():
    """R's backbone drops all-zero columns: an empty coalition changes no p-value."""
    rng = np.random.default_rng(5)
    M = (rng.random((15, 8)) < 0.35).astype(int)
    M[:, 0] = 1 - M[:, 0] * 0  # a coalition of everyone
    padded = np.hstack([M, np.zeros((15, 3), dtype=int)])
    for null in ("fixedrow", "sdsm"):
        a = backbone(M, null=null, alpha=1.0)
        b = backbone(padded, null=null, alpha=1.0)
        assert sorted(a.edges(data=True)) == sorted(b.edges(data=True))


# --- multiple-test corrections ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["holm", "bonferroni", "BH"])
def test_adjust_matches_r_p_adjust(method):
    ref = pd.read_csv(REFERENCE / "p_adjust.csv")
    np.testing.assert_allclose(_adjust(ref["p"].to_numpy(), method), ref[method], rtol=1e-12)


def test_adjust_none_and_empty():
    p = np.array([0.3, 0.01])
    assert _adjust(p, None) is p
    assert len(_adjust(np.array([]), "holm")) == 0


# --- stochastic degree sequence model -----------------------------------------------------------


def test_bicm_published_example():
    """R backbone inst/tinytest/test_backbone.R: round(bicm(M), 3)."""
    M = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 1]])
    expected = np.array([[0.216, 0.216, 0.568], [0.216, 0.216, 0.568], [0.568, 0.568, 0.863]])
    np.testing.assert_array_equal(np.round(_bicm_matrix(M), 3), expected)


@pytest.fixture(scope="module")
def bicm_reference():
    return json.loads((REFERENCE / "backbone_bicm_reference.json").read_text())


@pytest.mark.parametrize("case", ["davis", "blocks"])
def test_sdsm_matches_bicm_package(bicm_reference, case):
    ref = bicm_reference[case]
    M = np.array(ref["matrix"])
    np.testing.assert_allclose(_bicm_matrix(M), np.array(ref["bicm"]), atol=1e-8)
    i, j, w = _all_pairs(M)
    upper, _ = _sdsm(sp.csr_matrix(M), i, j, w, False, False)
    expected = {(a, b): p for a, b, p in ref["pairs"]}
    assert len(expected) == len(i)
    got = dict(zip(zip(i.tolist(), j.tolist(), strict=True), upper.tolist(), strict=True))
    for key, p in expected.items():
        assert got[key] == pytest.approx(p, abs=1e-9)


def test_sdsm_davis_backbone_through_public_api(davis, bicm_reference):
    ref = bicm_reference["davis"]
    bb = backbone(davis, null="sdsm", alpha=0.1)
    expected = {frozenset((ref["rows"][a], ref["rows"][b])) for a, b, p in ref["pairs"] if p < 0.1}
    assert {frozenset(e) for e in bb.edges()} == expected
    assert len(expected) == 2


def _nonconforming_matrices():
    rng = np.random.default_rng(11)
    base = (rng.random((7, 6)) < 0.45).astype(int)
    full_row = base.copy()
    full_row[0] = 1
    full_col = base.copy()
    full_col[:, 2] = 1
    zero_row = base.copy()
    zero_row[3] = 0
    # Removing the full row leaves column 5 empty and row 6 then full on what remains.
    cascade = np.array(
        [
            [1, 1, 1, 1, 1, 1],
            [1, 0, 1, 0, 0, 0],
            [0, 1, 1, 0, 0, 0],
            [1, 1, 0, 1, 0, 0],
            [0, 0, 1, 1, 0, 0],
            [1, 0, 0, 1, 0, 0],
            [1, 1, 1, 1, 0, 0],
        ]
    )
    return {
        "conforming": base,
        "full_row": full_row,
        "full_col": full_col,
        "zero_row": zero_row,
        "cascade": cascade,
    }


@pytest.mark.parametrize("name", list(_nonconforming_matrices()))
def test_bicm_expected_degrees_equal_observed(name):
    M = _nonconforming_matrices()[name]
    P = _bicm_matrix(M)
    np.testing.assert_allclose(P.sum(axis=1), M.sum(axis=1), atol=1e-8)
    np.testing.assert_allclose(P.sum(axis=0), M.sum(axis=0), atol=1e-8)
    assert ((P >= 0) & (P <= 1)).all()


@pytest.mark.parametrize("shape", [(300, 60), (25, 240)])
def test_bicm_expected_degrees_on_larger_skewed_matrices(shape):
    """Both orientations of the Newton solve (more row classes, or more column classes)."""
    rng = np.random.default_rng(2)
    rows, cols = shape
    prob = np.outer(rng.pareto(2, rows) + 0.2, np.linspace(0.02, 0.3, cols))
    M = (rng.random(shape) < prob).astype(int)
    M = M[M.sum(axis=1) > 0][:, M.sum(axis=0) > 0]
    P = _bicm_matrix(M)
    np.testing.assert_allclose(P.sum(axis=1), M.sum(axis=1), atol=1e-8)
    np.testing.assert_allclose(P.sum(axis=0), M.sum(axis=0), atol=1e-8)


def _enumerated_tails(q, w):
    """P(X >= w) and P(X <= w) for X = sum of Bernoulli(q_k), over all 2^K outcomes."""
    outcomes = np.array(list(itertools.product((0, 1), repeat=len(q))))
    prob = np.prod(np.where(outcomes == 1, q, 1 - q), axis=1)
    total = outcomes.sum(axis=1)
    return prob[total >= w].sum(), prob[total <= w].sum()


@pytest.mark.parametrize("name", list(_nonconforming_matrices()))
def test_sdsm_tails_match_enumeration(name):
    M = _nonconforming_matrices()[name]
    P = _bicm_matrix(M)
    i, j, w = _all_pairs(M)
    upper, lower = _sdsm(sp.csr_matrix(M), i, j, w, True, False)
    for k in range(len(i)):
        up, lo = _enumerated_tails(P[i[k]] * P[j[k]], w[k])
        assert upper[k] == pytest.approx(up, abs=1e-12)
        assert lower[k] == pytest.approx(lo, abs=1e-12)


def test_tiny_tails_keep_relative_precision():
    """Far-tail p-values are summed from the pmf, not taken as 1 - cdf."""
    q = np.array([0.01, 0.02, 0.3])
    mult = np.array([7, 6, 3])
    upper, lower = _poisson_binomial_tails(q, mult, 12, True)
    bernoullis = np.repeat(q, mult)
    for t in (0, 1, 5, 9, 12):
        up, lo = _enumerated_tails(bernoullis, t)
        assert upper[t] == pytest.approx(up, rel=1e-9)
        assert lower[t] == pytest.approx(lo, rel=1e-9)
    assert upper[12] < 1e-15


def test_sdsm_planted_blocks_give_a_modular_backbone():
    """As in R backbone's tests: three planted communities come back with modularity > 0.5."""
    rng = np.random.default_rng(7)
    prob = np.where(np.kron(np.eye(3), np.ones((10, 25))) == 1, 0.8, 0.2)
    M = (rng.random(prob.shape) < prob).astype(int)
    bb = backbone(M, null="sdsm")
    communities = [set(range(k * 10, k * 10 + 10)) for k in range(3)]
    assert bb.number_of_edges() > 30
    assert nx.community.modularity(bb, communities) > 0.5


def test_all_ones_matrix_has_no_random_cell():
    M = np.ones((4, 3), dtype=int)
    bb = backbone(M, null="sdsm", alpha=1.0, signed=True)
    assert bb.number_of_edges() == 0
    assert bb.graph["tested"] == 6


# --- fixed degree sequence model ----------------------------------------------------------------


def _all_matrices_with_margins(M):
    cols = M.shape[1]
    row_sums, col_sums = M.sum(axis=1), M.sum(axis=0)
    choices = [
        [np.array(c) for c in itertools.product((0, 1), repeat=cols) if sum(c) == r]
        for r in row_sums
    ]
    for combo in itertools.product(*choices):
        X = np.array(combo)
        if (X.sum(axis=0) == col_sums).all():
            yield X


def _exact_fdsm(population, i, j, w, compare):
    """Share of all margin-preserving matrices whose co-occurrence compares true with w."""
    weights = np.array([(X @ X.T)[i, j] for X in population])
    return compare(weights, w).mean(axis=0)


@pytest.fixture(scope="module")
def small_fdsm():
    M = np.array([[1, 1, 0, 0, 1], [1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1]])
    return M, list(_all_matrices_with_margins(M))


def test_fdsm_p_values_match_enumeration(small_fdsm):
    M, population = small_fdsm
    assert len(population) > 30
    i, j, w = _all_pairs(M)
    exact_ge = _exact_fdsm(population, i, j, w, np.greater_equal)
    exact_le = _exact_fdsm(population, i, j, w, np.less_equal)
    trials = 3000
    upper, lower = _fdsm(sp.csr_matrix(M), i, j, w, True, trials, np.random.default_rng(1), False)
    se_ge = np.sqrt(exact_ge * (1 - exact_ge) / trials)
    se_le = np.sqrt(exact_le * (1 - exact_le) / trials)
    assert (np.abs(upper - exact_ge) <= 4.5 * se_ge + 1e-12).all()
    assert (np.abs(lower - exact_le) <= 4.5 * se_le + 1e-12).all()


def test_curveball_samples_margins_uniformly(small_fdsm):
    M, population = small_fdsm
    rand = __import__("random").Random(3)
    lists = [set(np.flatnonzero(row).tolist()) for row in M]
    counts = Counter()
    for _ in range(4000):
        new = _curveball(lists, 5 * len(lists), rand)
        X = np.zeros_like(M)
        for r, s in enumerate(new):
            X[r, sorted(s)] = 1
        assert (X.sum(axis=0) == M.sum(axis=0)).all() and (X.sum(axis=1) == M.sum(axis=1)).all()
        counts[X.tobytes()] += 1
    assert set(counts) == {X.tobytes() for X in population}
    observed = np.array([counts[X.tobytes()] for X in population])
    assert stats.chisquare(observed).pvalue > 1e-4


def test_fdsm_davis_is_reproducible_and_differs_from_sdsm(davis):
    a = backbone(davis, null="fdsm", trials=300, seed=9)
    b = backbone(davis, null="fdsm", trials=300, seed=9)
    assert sorted(a.edges(data=True)) == sorted(b.edges(data=True))
    assert a.number_of_edges() > 0
    assert all(d["p_value"] * 300 == round(d["p_value"] * 300) for *_, d in a.edges(data=True))


def test_fdsm_rotated_and_unrotated_agree_in_distribution():
    """A long matrix is randomised through its columns: both give the same exact answer."""
    M = np.array([[1, 1, 0, 0], [1, 1, 1, 0], [0, 1, 1, 1], [0, 0, 1, 1], [1, 0, 0, 1]])
    i, j, w = _all_pairs(M)
    population = list(_all_matrices_with_margins(M))
    exact = _exact_fdsm(population, i, j, w, np.greater_equal)
    upper, _ = _fdsm(sp.csr_matrix(M), i, j, w, False, 3000, np.random.default_rng(2), False)
    assert (np.abs(upper - exact) <= 4.5 * np.sqrt(exact * (1 - exact) / 3000) + 1e-12).all()


# --- inputs and outputs --------------------------------------------------------------------------


def _membership_like():
    B = nx.Graph()
    B.add_node(("org", "A"), bipartite=0, kind="org", label="Alpha")
    B.add_node(("org", "B"), bipartite=0, kind="org", label="Beta")
    B.add_node(("org", "C"), bipartite=0, kind="org", label="Gamma")
    B.add_node(("org", "D"), bipartite=0, kind="org", label="Delta")
    for c in ("X", "Y", "Z", "W", "V", "U"):
        B.add_node(("coalition", c), bipartite=1, kind="coalition", label=c)
    for o, c in [
        ("A", "X"),
        ("B", "X"),
        ("A", "Y"),
        ("B", "Y"),
        ("A", "Z"),
        ("C", "Z"),
        ("B", "W"),
        ("C", "V"),
        ("C", "U"),
    ]:
        B.add_edge(("org", o), ("coalition", c), role="member", weight=2.0)
    return B


def test_membership_graph_nodes_come_back_as_org_ids():
    B = _membership_like()
    bb = backbone(B, null="fixedrow", alpha=1.0)
    assert set(bb) == {"A", "B", "C", "D"}
    assert bb.nodes["A"] == {"kind": "org", "label": "Alpha"}
    assert bb["A"]["B"] == {"weight": 2, "p_value": pytest.approx(0.5)}  # hypergeom(6, 3, 3)
    assert bb.graph == {
        "null": "fixedrow",
        "alpha": 1.0,
        "signed": False,
        "mtc": None,
        "tested": 2,
    }


def test_input_types_give_the_same_backbone(davis, davis_matrix):
    women, M = davis_matrix
    frame = pd.DataFrame(M, index=women)
    from_graph = backbone(davis, null="fixedrow", alpha=0.1)
    from_frame = backbone(frame, null="fixedrow", alpha=0.1)
    from_bool = backbone(frame.astype(bool), null="fixedrow", alpha=0.1)
    from_sparse = backbone(sp.csr_matrix(M), null="fixedrow", alpha=0.1)
    from_array = backbone(M, null="fixedrow", alpha=0.1)
    assert sorted(from_graph.edges(data=True)) == sorted(from_frame.edges(data=True))
    assert sorted(from_frame.edges(data=True)) == sorted(from_bool.edges(data=True))
    relabelled = nx.relabel_nodes(from_sparse, dict(enumerate(women)))
    assert sorted(relabelled.edges(data=True)) == sorted(from_frame.edges(data=True))
    assert sorted(from_array.edges(data=True)) == sorted(from_sparse.edges(data=True))
    assert list(from_frame) == women


def test_organisations_without_memberships_are_isolates():
    B = _membership_like()
    bb = backbone(B, null="sdsm", alpha=1.0)
    assert "D" in bb and bb.degree("D") == 0


def test_graph_without_edges():
    B = nx.Graph()
    B.add_nodes_from(["a", "b"], bipartite=0)
    B.add_nodes_from(["x"], bipartite=1)
    for null in ("fixedrow", "sdsm", "fdsm"):
        bb = backbone(B, null=null, seed=0)
        assert set(bb) == {"a", "b"} and bb.number_of_edges() == 0
        assert bb.graph["tested"] == 0
    assert backbone(nx.Graph()).number_of_nodes() == 0


@pytest.mark.parametrize("null", ["fixedrow", "sdsm", "fdsm"])
def test_inputs_are_not_mutated(davis, null):
    B = davis.copy()
    B.add_edge("Evelyn Jefferson", "E14", weight=3.0)
    before = (list(B.nodes(data=True)), list(B.edges(data=True)), dict(B.graph))
    backbone(B, null=null, trials=20, seed=0)
    assert (list(B.nodes(data=True)), list(B.edges(data=True)), dict(B.graph)) == before
    frame = pd.DataFrame(np.eye(3, dtype=int), index=list("abc"))
    copy = frame.copy()
    backbone(frame, null=null, trials=5, seed=0)
    pd.testing.assert_frame_equal(frame, copy)


def test_signed_positive_edges_are_a_subset_of_the_unsigned_backbone(davis):
    unsigned = backbone(davis, null="fixedrow", alpha=0.2)
    signed = backbone(davis, null="fixedrow", alpha=0.2, signed=True)
    positive = {frozenset((u, v)) for u, v, s in signed.edges(data="sign") if s == 1}
    assert positive <= {frozenset(e) for e in unsigned.edges()}


def test_mtc_only_removes_edges(davis):
    plain = backbone(davis, null="fdsm", trials=200, seed=1, alpha=0.2)
    holm = backbone(davis, null="fdsm", trials=200, seed=1, alpha=0.2, mtc="holm")
    assert {frozenset(e) for e in holm.edges()} <= {frozenset(e) for e in plain.edges()}
    assert all("p_adjusted" in d for *_, d in holm.edges(data=True))


# --- errors --------------------------------------------------------------------------------------


def test_errors(davis):
    with pytest.raises(GraphTypeError, match="expects a bipartite networkx graph"):
        backbone([[1, 0], [0, 1]])
    with pytest.raises(GraphTypeError, match="requires an undirected graph"):
        backbone(nx.DiGraph(davis))
    with pytest.raises(GraphTypeError, match="does not support multigraphs"):
        backbone(nx.MultiGraph(davis))
    no_side = davis.copy()
    no_side.add_node("stranger")
    with pytest.raises(GraphTypeError, match="node 'stranger' has bipartite=None"):
        backbone(no_side)
    inside = davis.copy()
    inside.add_edge("E1", "E2")
    with pytest.raises(GraphTypeError, match=r"edge \('E1', 'E2'\) joins two nodes"):
        backbone(inside)
    with pytest.raises(InvalidParameterError, match=r"binary incidence matrix .* holds 2"):
        backbone(np.array([[1, 2], [0, 1]]))
    with pytest.raises(InvalidParameterError, match="the DataFrame holds nan"):
        backbone(pd.DataFrame([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(InvalidParameterError, match="the DataFrame holds 'x'"):
        backbone(pd.DataFrame([[1, "x"], [0, 1]]))
    with pytest.raises(InvalidParameterError, match="the sparse matrix holds 3"):
        backbone(sp.csr_matrix(np.array([[3, 0], [0, 1]])))
    with pytest.raises(InvalidParameterError, match="'a' appears more than once"):
        backbone(pd.DataFrame([[1, 0], [0, 1]], index=["a", "a"]))
    with pytest.raises(InvalidParameterError, match="'null' parameter of backbone"):
        backbone(davis, null="fixedcol")
    with pytest.raises(InvalidParameterError, match="'alpha' parameter of backbone must be > 0"):
        backbone(davis, alpha=0)
    with pytest.raises(InvalidParameterError, match="'alpha' parameter of backbone must be <= 1"):
        backbone(davis, alpha=1.5)
    with pytest.raises(InvalidParameterError, match="'signed' parameter of backbone"):
        backbone(davis, signed="yes")
    with pytest.raises(InvalidParameterError, match="'mtc' parameter of backbone"):
        backbone(davis, mtc="fdr")
    with pytest.raises(InvalidParameterError, match="'trials' parameter of backbone"):
        backbone(davis, null="fdsm", trials=0)
    with pytest.raises(InvalidParameterError, match="'seed' parameter of backbone"):
        backbone(davis, null="fdsm", seed="abc")
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        backbone(davis, null="fdsm", trials=2, progress="yes")


def test_bicm_non_convergence_warns(monkeypatch):
    import lsmnet.metrics.backbone as module

    monkeypatch.setattr(module, "_BICM_MAX_STEPS", 1)
    rng = np.random.default_rng(0)
    M = (rng.random((40, 15)) < np.linspace(0.05, 0.9, 15)).astype(int)
    with pytest.warns(module.LsmnetWarning, match="BiCM did not converge"):
        backbone(M, null="sdsm")
