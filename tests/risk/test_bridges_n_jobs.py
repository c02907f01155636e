"""bridge_organizations(n_jobs=): the same ranking and columns for every ``n_jobs``.

Reference: the ``n_jobs=1`` table itself, compared exactly (values, order, attrs) with
``n_jobs=2``, ``n_jobs=-1`` and the default; the pieces are made small so that both
betweenness columns (partnership and co-membership networks) are cut into pieces and sent to
the workers, which a spy on ``map_pieces`` checks.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics import centrality


@pytest.fixture(scope="module")
def sector() -> lsm.NetworkData:
    """Three overlapping coalitions on a 300-organisation scale-free partnership network,
    organisations in five provinces."""
    G = nx.barabasi_albert_graph(300, 3, seed=11)
    orgs = [f"O{i:03d}" for i in range(300)]
    members = {"K1": orgs[:150], "K2": orgs[100:250], "K3": orgs[::2]}
    return lsm.from_frames(
        organizations=pd.DataFrame(
            {
                "org_id": orgs,
                "name": [f"Org {o}" for o in orgs],
                "province": [f"P{i % 5}" for i in range(300)],
            }
        ),
        coalitions=pd.DataFrame({"coalition_id": list(members), "name": list(members)}),
        memberships=pd.DataFrame(
            [{"org_id": o, "coalition_id": c} for c, ids in members.items() for o in ids]
        ),
        ties=pd.DataFrame(
            [{"source": orgs[u], "target": orgs[v], "layer": "advocacy"} for u, v in G.edges()]
        ),
    )


@pytest.fixture
def pieces(monkeypatch) -> list:
    """Every ``map_pieces`` call of the path measures as (number of pieces, n_jobs), with
    pieces from 50 nodes on (instead of 2,000)."""
    pytest.importorskip("igraph", reason="the betweenness pieces are summed igraph calls")
    calls: list = []
    original = centrality.map_pieces

    def spy(func, work, n_jobs=None, **kwargs):
        calls.append((len(work), n_jobs))
        return original(func, work, n_jobs, **kwargs)

    monkeypatch.setattr(centrality, "map_pieces", spy)
    monkeypatch.setattr(centrality, "_PIECES_MIN_NODES", 50)
    return calls


def test_n_jobs_two_equals_one(sector, pieces):
    one = lsm.bridge_organizations(sector, n_jobs=1)
    calls_one = list(pieces)
    pieces.clear()
    two = lsm.bridge_organizations(sector, n_jobs=2)
    # betweenness and closeness of the partnership network, then the co-membership
    # betweenness, each in 8 pieces; n_jobs reaches every call
    assert calls_one == [(8, 1), (8, 1), (8, 1)]
    assert pieces == [(8, 2), (8, 2), (8, 2)]
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
