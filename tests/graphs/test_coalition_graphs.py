"""coalition_graphs (all coalitions, ties merged once) against coalition_graph one by one.

References: :func:`lsmnet.coalition_graph`, which filters the tie table for each coalition, and
the definition both implement, the whole :func:`lsmnet.partnership_graph` copied down to the
coalition's members by :func:`lsmnet.graphs._subgraph.induced_subgraph` (written here as
``_restricted``). They must give the same graphs: node order, edge order, every node's
neighbour order (what the measures iterate over) and every attribute included.
"""

import importlib
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.graphs.partnership import coalition_graphs

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _same(G, H):
    # repr: NaN attributes (no amount, no budget) compare equal, floats to the last bit
    assert type(G) is type(H)
    assert repr(G.graph) == repr(H.graph)
    assert repr(list(G.nodes(data=True))) == repr(list(H.nodes(data=True)))
    assert repr(list(G.edges(data=True))) == repr(list(H.edges(data=True)))
    assert [list(G.adj[n]) for n in G] == [list(H.adj[n]) for n in H]
    if G.is_directed():
        assert [list(G.pred[n]) for n in G] == [list(H.pred[n]) for n in H]


def _restricted(data, cid, at=None):
    # the definition: the whole graph (all default layers) copied down to the members
    H = induced_subgraph(lsm.partnership_graph(data, at=at), data.coalition_members(cid, at=at))
    H.graph["coalition_id"] = cid
    return H


def _bench_sector(n_orgs: int, seed: int) -> lsm.NetworkData:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        sectors = importlib.import_module("sectors")
    finally:
        sys.path.remove(str(BENCHMARKS))
    return sectors.sector_data(n_orgs, 25, memberships_total=2 * n_orgs, seed=seed)


def _sector(seed: int) -> lsm.NetworkData:
    rng = np.random.default_rng(seed)
    orgs = [f"o{i}" for i in range(60)]
    members = pd.DataFrame(
        {
            "org_id": rng.choice(orgs, 120),
            "coalition_id": rng.choice(["a", "b", "c", "d"], 120),
            "start": rng.choice([2019, 2020, 2021], 120),
        }
    ).drop_duplicates(["org_id", "coalition_id"])
    pairs = rng.choice(orgs, size=(300, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    ties = pd.DataFrame(
        {
            "source": pairs[:, 0],
            "target": pairs[:, 1],
            "layer": rng.choice(["operational", "advocacy", "network", "funding"], len(pairs)),
            "weight": rng.integers(1, 4, len(pairs)).astype(float),
            "start": rng.choice([2018, 2020, 2022], len(pairs)),
        }
    )
    organizations = pd.DataFrame(
        {"org_id": orgs, "type": rng.choice(["ngo", "cbo", None], 60), "budget": rng.random(60)}
    )
    return lsm.from_frames(organizations=organizations, memberships=members, ties=ties)


@pytest.mark.parametrize("at", [None, 2020, 2021])
def test_equal_to_coalition_graph_on_a_random_sector(at):
    data = _sector(3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the same direction warning either way
        graphs = coalition_graphs(data, at=at)
        assert list(graphs) == list(data.coalitions["coalition_id"])
        for cid, G in graphs.items():
            _same(G, lsm.coalition_graph(data, cid, at=at))
            _same(G, _restricted(data, cid, at=at))


@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("directed", [False, True])
def test_every_coalition_of_a_benchmark_sector(shuffle, directed):
    # benchmarks/sectors.py: heavy-tailed coalitions, ids O0..O399 whose table order is not
    # their sorted order (O10 < O2), funding arcs; shuffled and directed variants move the
    # node order and the arcs away from the merged table's sorted order
    data = _bench_sector(400, seed=4)
    organizations, ties = data.organizations, data.ties
    if shuffle:
        organizations = organizations.sample(frac=1, random_state=5)
    if directed:
        ties = ties.assign(directed=ties["directed"] | ties["layer"].eq("advocacy"))
    data = lsm.from_frames(organizations=organizations, memberships=data.memberships, ties=ties)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lsm.LsmnetWarning)  # mixed directions, either way
        graphs = coalition_graphs(data)
        assert list(graphs) == list(data.coalitions["coalition_id"])
        assert sum(G.number_of_edges() for G in graphs.values()) > 500
        for cid, G in graphs.items():
            assert G.is_directed() is directed
            _same(G, lsm.coalition_graph(data, cid))
            _same(G, _restricted(data, cid))


def test_equal_to_coalition_graph_on_the_example():
    data = lsm.datasets.load_dataset("indonesia_demo")
    graphs = coalition_graphs(data, ["C03", "C01"])
    assert list(graphs) == ["C03", "C01"]
    for cid, G in graphs.items():
        _same(G, lsm.coalition_graph(data, cid))
        assert G.number_of_edges() > 0


@pytest.mark.parametrize("at", [None, 2020, 2023])
def test_coalitions_without_members_at_the_snapshot(at):
    # "b" has members only from 2022 on, "c" none at all: graphs without nodes, as
    # coalition_graph gives them (the reference)
    data = lsm.from_frames(
        organizations=pd.DataFrame({"org_id": ["x", "y", "z", "w"]}),
        coalitions=pd.DataFrame({"coalition_id": ["a", "b", "c"]}),
        memberships=pd.DataFrame(
            {
                "org_id": ["x", "y", "z", "w"],
                "coalition_id": ["a", "a", "b", "b"],
                "start": [2019, 2019, 2022, 2022],
            }
        ),
        ties=pd.DataFrame(
            {
                "source": ["x", "z"],
                "target": ["y", "w"],
                "layer": "advocacy",
                "start": [2019, 2022],
            }
        ),
    )
    graphs = coalition_graphs(data, at=at)
    for cid, G in graphs.items():
        _same(G, lsm.coalition_graph(data, cid, at=at))
    assert list(graphs["b"].edges) == ([] if at == 2020 else [("z", "w")])
    assert len(graphs["c"]) == 0


def test_unknown_coalition_is_named():
    data = lsm.datasets.load_dataset("indonesia_demo")
    # the same check and message as coalition_graph's
    with pytest.raises(
        InvalidParameterError, match=r"\('C01', 'C02', .*; 13 in all\)\. Got 'C99'"
    ):
        coalition_graphs(data, ["C01", "C99"])
