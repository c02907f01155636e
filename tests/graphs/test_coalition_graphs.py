"""coalition_graphs (all coalitions, ties merged once) against coalition_graph one by one.

Reference: :func:`lsmnet.coalition_graph`, which filters the tie table for each coalition;
both must give the same graphs, node and edge order and every attribute included.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs.partnership import coalition_graphs


def _same(G, H):
    # repr: NaN attributes (no amount, no budget) compare equal, floats to the last bit
    assert type(G) is type(H)
    assert repr(G.graph) == repr(H.graph)
    assert repr(list(G.nodes(data=True))) == repr(list(H.nodes(data=True)))
    assert repr(list(G.edges(data=True))) == repr(list(H.edges(data=True)))


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


def test_equal_to_coalition_graph_on_the_example():
    data = lsm.datasets.load_dataset("indonesia_demo")
    graphs = coalition_graphs(data, ["C03", "C01"])
    assert list(graphs) == ["C03", "C01"]
    for cid, G in graphs.items():
        _same(G, lsm.coalition_graph(data, cid))
        assert G.number_of_edges() > 0


def test_unknown_coalition_is_named():
    data = lsm.datasets.load_dataset("indonesia_demo")
    with pytest.raises(InvalidParameterError, match="'C99'"):
        coalition_graphs(data, ["C01", "C99"])
