"""The multiply-shared pairs of bridge_organizations, counted block by block (issue 18).

Reference: the previous computation, written out below (:func:`whole_product`: the whole
product of the incidence rows of organisations with two or more memberships, then the counts
of at least 2), compared exactly (same sparse structure, same values) with the blocked one
for block budgets from one row per block to a single block; and a brute-force loop over
``cost`` for the block boundaries.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from _risk_fixtures import scale_free_sector
from pandas.testing import assert_frame_equal

import lsmnet as lsm
from lsmnet._parallel import block_starts
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.graphs.comembership import _incidence
from lsmnet.risk import bridges


def whole_product(M: sp.csr_array) -> sp.csr_array:
    """``_shared_more_than_once`` before the blocks (lsmnet 85cf39d)."""
    n = M.shape[0]
    multi = np.flatnonzero(np.diff(M.indptr) >= 2)
    sub = M[multi]
    shared = (sub @ sub.T).tocoo()
    keep = (shared.data >= 2) & (shared.row != shared.col)
    rows, cols = multi[shared.row[keep]], multi[shared.col[keep]]
    return sp.csr_array((shared.data[keep] - 1.0, (rows, cols)), shape=(n, n))


def heavy_tailed_incidence(n: int, coalitions: int, seed: int) -> sp.csr_array:
    """Organisations in Pareto-many coalitions (some in none), as _incidence builds it."""
    rng = np.random.default_rng(seed)
    counts = np.minimum(rng.pareto(1.5, n).astype(int), coalitions)
    rows = np.repeat(np.arange(n), counts)
    cols = np.concatenate([rng.choice(coalitions, k, replace=False) for k in counts])
    M = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, coalitions))
    M.data[:] = 1.0
    return M


def assert_same_sparse(a: sp.csr_array, b: sp.csr_array) -> None:
    # the index dtype may differ (32-bit indices now): the structure and values may not
    assert a.shape == b.shape and a.dtype == b.dtype
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    np.testing.assert_array_equal(a.data, b.data)


@pytest.mark.parametrize("budget", [1, 50, 2_000, 10**12])
@pytest.mark.parametrize("seed", [0, 1])
def test_blocks_give_the_whole_product(monkeypatch, budget, seed):
    M = heavy_tailed_incidence(400, 25, seed)
    expected = whole_product(M)
    assert expected.nnz > 100  # pairs sharing two or more coalitions exist
    monkeypatch.setattr(bridges, "_SHARED_BLOCK_PAIRS", budget)
    assert_same_sparse(bridges._shared_more_than_once(M), expected)


def test_no_multiple_memberships_gives_an_empty_matrix():
    M = sp.csr_array(np.eye(5, 3))
    X = bridges._shared_more_than_once(M)
    assert_same_sparse(X, whole_product(M))
    assert X.nnz == 0


def brute_blocks(cost, budget):
    starts, total = [0], 0.0
    for r, c in enumerate(cost):
        if r > starts[-1] and total + c > budget:
            starts.append(r)
            total = 0.0
        total += c
    return [*starts, len(cost)] if len(cost) else starts


@pytest.mark.parametrize("budget", [0.5, 3.0, 7.0, 100.0])
def test_block_boundaries(budget):
    cost = np.array([1.0, 2.0, 5.0, 0.0, 9.0, 1.0, 1.0, 1.0])
    starts = block_starts(cost.tolist(), budget)
    assert starts == brute_blocks(cost.tolist(), budget)
    # every block within the budget, unless it is one row
    for i, j in itertools.pairwise(starts):
        assert cost[i:j].sum() <= budget or j - i == 1


def test_bridge_table_unchanged(monkeypatch):
    # the whole ranking with one row per block against the previous whole product
    sector = scale_free_sector(provinces=5)
    monkeypatch.setattr(bridges, "_SHARED_BLOCK_PAIRS", 1)
    table = lsm.bridge_organizations(sector)
    monkeypatch.setattr(bridges, "_shared_more_than_once", whole_product)
    before = lsm.bridge_organizations(sector)
    assert_frame_equal(table, before, check_exact=True)
    assert table.attrs == before.attrs
    members = sector.memberships
    ids = list(dict.fromkeys(members["org_id"]))
    assert whole_product(_incidence(members, ids, list(sector.coalitions["coalition_id"]))).nnz


def test_broker_z_on_the_network_itself_equals_the_copy():
    # reference: the previous computation, brokerage_roles on induced_subgraph(G, known),
    # whose adjacency order differs from G's; every organisation has a province here
    sector = scale_free_sector(provinces=5)
    G = bridges._unattributed(lsm.partnership_graph(sector, symmetrize="union"))
    values = sector.organizations.set_index("org_id")["province"].reindex(list(G))
    assert values.notna().all()
    got = bridges._broker_z(G, values, False)
    columns = [f"{r}_z" for r in bridges.BRIDGING_ROLES]
    copy = induced_subgraph(G, list(G))
    expected = lsm.brokerage_roles(copy, values.astype(str).to_dict(), z=True)[columns]
    assert_frame_equal(got, expected.rename_axis("org_id"), check_exact=True)
