"""Every public function that needs a NetworkData says so, and names ``from_graph``, when it is
given a graph (issue 17, "any graph in"): never a bare AttributeError from deep inside."""

from __future__ import annotations

import inspect

import networkx as nx
import pandas as pd
import pytest

import lsmnet as lsm

# functions whose first parameter is ``data`` but which also take a graph or a DataFrame
TAKES_GRAPHS = {"dyad_same", "dyad_difference", "dyad_sum", "homophily_table"}
# the other required arguments, where a function has any
EXTRA = {"coalition_graph": ("c1",), "member_table": ("c1",), "dyad_layer": ("advocacy",)}


def _needs_network_data() -> list[str]:
    names = []
    for name in lsm.__all__:
        obj = getattr(lsm, name)
        if not inspect.isfunction(obj) or name in TAKES_GRAPHS:
            continue
        params = list(inspect.signature(obj).parameters)
        if params and params[0] in ("data", "a"):
            names.append(name)
    return sorted(names)


NEEDS = _needs_network_data()


def test_the_list_is_not_empty():
    # the discovery above must keep finding the data-level API (it found 24 when written)
    assert {"risk_flags", "coalition_health", "bridge_organizations", "report"} <= set(NEEDS)
    assert len(NEEDS) >= 20


def _call(name, data):
    func = getattr(lsm, name)
    args = (data, data) if name == "compare" else (data, *EXTRA.get(name, ()))
    return func(*args)


@pytest.mark.parametrize("name", NEEDS)
def test_a_networkx_graph_is_refused_with_the_way_out(name):
    with pytest.raises(TypeError, match="from_graph") as caught:
        _call(name, nx.karate_club_graph())
    assert isinstance(caught.value, lsm.NotNetworkDataError)
    # also a ValueError (InvalidParameterError), as the checks before it raised
    assert isinstance(caught.value, lsm.InvalidParameterError)
    assert "networkx Graph" in str(caught.value)


@pytest.mark.parametrize("name", NEEDS)
def test_other_objects_are_refused_naming_the_readers(name):
    with pytest.raises(lsm.NotNetworkDataError, match=r"lsmnet\.read"):
        _call(name, pd.DataFrame({"org_id": ["a"]}))


def test_an_igraph_graph_is_refused_naming_to_networkx():
    ig = pytest.importorskip("igraph", reason="igraph is an optional accelerator")
    with pytest.raises(lsm.NotNetworkDataError, match=r"to_networkx"):
        lsm.risk_flags(ig.Graph.Famous("Zachary"))


def test_the_converted_graph_is_accepted():
    data = lsm.from_graph(nx.karate_club_graph())
    assert isinstance(lsm.risk_flags(data), pd.DataFrame)
