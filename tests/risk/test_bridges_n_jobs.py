"""bridge_organizations(n_jobs=): the same ranking and columns for every ``n_jobs``.

Reference: the ``n_jobs=1`` table itself, compared exactly (values, order, attrs) with
``n_jobs=2``, ``n_jobs=-1`` and the default; the pieces are made small so that both
betweenness columns (partnership and co-membership networks) are cut into pieces and sent to
the workers, which a spy on ``map_pieces`` checks. The co-membership column itself is
checked against networkx in ``test_risk_bridges_comembership.py`` and against igraph below.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from _risk_fixtures import scale_free_sector
from pandas.testing import assert_frame_equal

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs.comembership import _incidence, _projection
from lsmnet.metrics import centrality
from lsmnet.risk import bridges


@pytest.fixture(scope="module")
def sector() -> lsm.NetworkData:
    """Three overlapping coalitions on a 300-organisation scale-free partnership network,
    organisations in five provinces."""
    return scale_free_sector(provinces=5)


@pytest.fixture
def pieces(monkeypatch) -> list:
    """Every ``map_pieces`` and ``PiecesInBackground`` call of the path measures as (module,
    number of pieces, n_jobs), with pieces of the partnership network from 50 nodes on
    (instead of 2,000)."""
    pytest.importorskip("igraph", reason="the partnership pieces are summed igraph calls")
    calls: list = []
    for module in (centrality, bridges):
        original = module.map_pieces

        def spy(func, work, n_jobs=None, *, _name=module.__name__, _original=original, **kw):
            calls.append((_name.rsplit(".", 1)[-1], len(work), n_jobs))
            return _original(func, work, n_jobs, **kw)

        monkeypatch.setattr(module, "map_pieces", spy)
    background = centrality.PiecesInBackground

    def spy_background(func, work, n_jobs=None, **kw):
        # the partnership betweenness runs in the background while the ranking computes
        calls.append(("centrality", len(work), n_jobs))
        return background(func, work, n_jobs, **kw)

    monkeypatch.setattr(centrality, "PiecesInBackground", spy_background)
    monkeypatch.setattr(centrality, "_PIECES_MIN_NODES", 50)
    return calls


def test_n_jobs_two_equals_one(sector, pieces):
    one = lsm.bridge_organizations(sector, n_jobs=1)
    calls_one = list(pieces)
    pieces.clear()
    two = lsm.bridge_organizations(sector, n_jobs=2)
    # betweenness of the partnership network in 8 pieces (no closeness: the ranking does not
    # read it), then the co-membership betweenness of its 275 organisations in pieces of 64
    # sources; n_jobs reaches every call
    expected = [("centrality", 8), ("bridges", 5)]
    assert calls_one == [(*call, 1) for call in expected]
    assert pieces == [(*call, 2) for call in expected]
    assert_frame_equal(one, two, check_exact=True)
    assert one.attrs == two.attrs


def test_every_n_jobs_gives_the_default_table(sector, pieces):
    default = lsm.bridge_organizations(sector, top=20)
    for n_jobs in (1, -1):
        table = lsm.bridge_organizations(sector, top=20, n_jobs=n_jobs)
        assert_frame_equal(default, table, check_exact=True)
        assert default.attrs == table.attrs


@pytest.mark.parametrize("n_jobs", [0, 2.0, False, "all"])
def test_invalid_n_jobs(sector, n_jobs):
    with pytest.raises(
        InvalidParameterError, match=r"'n_jobs' parameter of bridge_organizations.*Got"
    ):
        lsm.bridge_organizations(sector, n_jobs=n_jobs)


@pytest.mark.parametrize("seed", range(4))
def test_clique_dependencies_equal_igraph_betweenness(seed):
    # reference: igraph's betweenness(sources=...) on the co-membership network built tie by
    # tie; random coalitions overlap (pairs sharing two or three coalitions), some have one
    # member and some organisations none, so parts of the network are unreachable
    igraph = pytest.importorskip("igraph", reason="igraph is the reference here")
    rng = np.random.default_rng(seed)
    n = 80
    M = sp.csr_array((rng.random((n, 12)) < 0.12).astype(float))
    shared = sp.coo_array(M @ M.T)
    upper = shared.row < shared.col
    rows, cols, counts = shared.row[upper], shared.col[upper], shared.data[upper]
    assert counts.max() >= 2
    multi = counts >= 2
    X = sp.csr_array((counts[multi] - 1.0, (rows[multi], cols[multi])), shape=(n, n))
    X = (X + X.T).tocsr()
    g = igraph.Graph(n=n, edges=list(zip(rows.tolist(), cols.tolist(), strict=True)))
    sources = np.sort(rng.choice(n, 25, replace=False))
    ours = bridges._clique_dependencies(M, X, sources) / 2  # unordered pairs once
    expected = np.asarray(g.betweenness(directed=False, sources=sources.tolist()))
    np.testing.assert_allclose(ours, expected, rtol=1e-12, atol=1e-12)


def test_multiply_shared_pairs_and_tie_count_equal_the_projection(sector):
    # reference: the co-membership projection's pairs and shared counts (_projection, the
    # sparse product of the whole incidence matrix), against the pairs found from the
    # organisations with two or more memberships and the tie count from coalition sizes
    _, ids, chosen, (rows, cols, _, counts) = _projection(
        sector, "count", None, None, None, "test"
    )
    M = _incidence(sector.memberships, ids, chosen)
    X = bridges._shared_more_than_once(M).tocoo()
    upper = X.row < X.col
    found = dict(zip(zip(X.row[upper], X.col[upper], strict=True), X.data[upper], strict=True))
    expected = {(r, c): k - 1 for r, c, k in zip(rows, cols, counts, strict=True) if k >= 2}
    assert found == expected and len(expected) > 100
    assert X.nnz == 2 * len(expected)  # both orders
    size = np.asarray(M.sum(axis=0)).ravel()
    assert round(float((size * (size - 1)).sum() - X.data.sum()) / 2) == len(rows)
