"""The contract every public metric keeps (STYLE.md, issue 3).

Every name of ``lsmnet.__all__`` defined in a ``lsmnet.metrics`` module is run through the
same checks: the index of a per-node result equals the node set; relabelling the nodes
permutes the result (and, for order-free metrics, so does inserting the nodes in another
order); empty and single-node inputs give a clear lsmnet error naming the function or the
documented value; inputs are not mutated. A new public metric fails
``test_every_public_metric_is_covered`` until it is added to ``CASES`` below.
"""

from __future__ import annotations

import copy
import inspect
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet
from lsmnet.exceptions import LsmnetError


@dataclass(frozen=True)
class Case:
    """How to call one public metric on a graph and what to expect on tiny graphs."""

    public: str
    call: Callable
    per_node: bool  # result is a Series/DataFrame indexed by node
    empty: str  # "value" or "error" on a graph without nodes
    single: str  # "value" or "error" on a one-node graph
    order_free: bool = True  # same result whatever the order in which nodes were added


def _group_call(func, **kwargs):
    return lambda G: func(G, "group", **kwargs)


CASES = {
    "centrality_table": Case("centrality_table", lsmnet.centrality_table, True, "value", "value"),
    "centrality_table[weight]": Case(
        "centrality_table",
        lambda G: lsmnet.centrality_table(G, weight="weight"),
        True,
        "value",
        "value",
    ),
    "centralization[degree]": Case(
        "centralization", lambda G: lsmnet.centralization(G, "degree"), False, "error", "error"
    ),
    "centralization[betweenness]": Case(
        "centralization",
        lambda G: lsmnet.centralization(G, "betweenness"),
        False,
        "error",
        "error",
    ),
    "centralization[closeness]": Case(
        "centralization",
        lambda G: lsmnet.centralization(G, "closeness"),
        False,
        "error",
        "error",
    ),
    "centralization[eigenvector]": Case(
        "centralization",
        lambda G: lsmnet.centralization(G, "eigenvector"),
        False,
        "error",
        "error",
    ),
    "bonacich_power": Case(
        "bonacich_power", lambda G: lsmnet.bonacich_power(G, beta=0.05), True, "value", "value"
    ),
    "constraint": Case("constraint", lsmnet.constraint, True, "value", "value"),
    "effective_size": Case("effective_size", lsmnet.effective_size, True, "value", "value"),
    "hierarchy": Case("hierarchy", lsmnet.hierarchy, True, "value", "value"),
    "constraint[weight]": Case(
        "constraint", lambda G: lsmnet.constraint(G, weight="weight"), True, "value", "value"
    ),
    "brokerage_roles": Case(
        "brokerage_roles", _group_call(lsmnet.brokerage_roles, z=True), True, "value", "value"
    ),
    "ei_index[network]": Case("ei_index", _group_call(lsmnet.ei_index), False, "value", "value"),
    "ei_table[group]": Case(
        "ei_table", _group_call(lsmnet.ei_table, level="group"), False, "value", "value"
    ),
    "ei_table[node]": Case(
        "ei_table", _group_call(lsmnet.ei_table, level="node"), True, "value", "value"
    ),
    "ei_table[network]": Case(
        "ei_table", _group_call(lsmnet.ei_table, level="network"), False, "value", "value"
    ),
    "core_periphery": Case(
        "core_periphery",
        lambda G: lsmnet.core_periphery(G, restarts=3, seed=1),
        True,
        "error",
        "error",
        order_free=False,
    ),
    "fragmentation": Case("fragmentation", lsmnet.fragmentation, False, "value", "value"),
    "fragmentation[distance]": Case(
        "fragmentation",
        lambda G: lsmnet.fragmentation(G, distance_weighted=True),
        False,
        "value",
        "value",
    ),
    "fragmentation_centrality": Case(
        "fragmentation_centrality", lsmnet.fragmentation_centrality, True, "value", "value"
    ),
    "key_players": Case(
        "key_players",
        lambda G: lsmnet.key_players(G, 2, seed=3),
        False,
        "error",
        "error",
        order_free=False,
    ),
    "cohesion_summary": Case(
        "cohesion_summary", lsmnet.cohesion_summary, False, "error", "value", order_free=False
    ),
    "cug_test": Case(
        "cug_test",
        lambda G: lsmnet.cug_test(G, nx.density, n=20, seed=5),
        False,
        "value",
        "value",
        order_free=False,
    ),
}

# Functions of values (not graphs): relabelling means permuting the values.
VALUE_CASES = {
    "gini": lsmnet.gini,
    "hhi": lsmnet.hhi,
    "hhi[normalized]": lambda v: lsmnet.hhi(v, normalized=True),
    "lorenz_curve": lsmnet.lorenz_curve,
    "top_share": lambda v: lsmnet.top_share(v, 2),
}

# backbone takes a bipartite graph; it is checked on its own below.
BIPARTITE_CASES = {"backbone"}


def _public_metric_functions() -> set[str]:
    names = set()
    for name in lsmnet.__all__:
        obj = getattr(lsmnet, name)
        module = getattr(obj, "__module__", "") or ""
        if module.startswith("lsmnet.metrics") and not inspect.isclass(obj):
            names.add(name)
    return names


def test_every_public_metric_is_covered():
    covered = {c.public for c in CASES.values()} | BIPARTITE_CASES
    covered |= {name.split("[")[0] for name in VALUE_CASES}
    assert covered == _public_metric_functions()


# --- graphs ------------------------------------------------------------------------------------


def _karate():
    G = nx.karate_club_graph()
    for n, club in G.nodes(data="club"):
        G.nodes[n]["group"] = club
    return G


def _directed():
    G = nx.gnp_random_graph(12, 0.25, seed=3, directed=True)
    for n in G:
        G.nodes[n]["group"] = "abc"[n % 3]
    for k, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = float(k % 4 + 1)
    return G


def _kite_strings():
    G = nx.relabel_nodes(nx.krackhardt_kite_graph(), {i: f"org{i}" for i in range(10)})
    for k, n in enumerate(G):
        G.nodes[n]["group"] = "xy"[k % 2]
    for k, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = 0.5 + k % 3
    return G


GRAPHS = {"karate": _karate, "directed": _directed, "kite": _kite_strings}


def _snapshot(G):
    return copy.deepcopy((list(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph)))


def _relabelled(G, shuffle_order: bool, seed: int = 0):
    """Copy of G with new labels (and, optionally, nodes and edges inserted in another order)."""
    rng = random.Random(seed)
    nodes = list(G)
    codes = list(range(len(nodes)))
    rng.shuffle(codes)
    mapping = {v: f"n{c:03d}" for v, c in zip(nodes, codes, strict=True)}
    H = G.__class__()
    H.graph.update(G.graph)
    order = nodes[:]
    edges = list(G.edges(data=True))
    if shuffle_order:
        rng.shuffle(order)
        rng.shuffle(edges)
    H.add_nodes_from((mapping[v], dict(G.nodes[v])) for v in order)
    H.add_edges_from((mapping[u], mapping[v], dict(d)) for u, v, d in edges)
    return H, mapping


def _assert_same(a, b):
    """Equal results up to floating-point noise (NaN equals NaN)."""
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9, atol=1e-12)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=False, rtol=1e-9, atol=1e-12)
    elif isinstance(a, float):
        assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-9, abs=1e-12)
    elif hasattr(a, "to_series"):
        _assert_same(a.to_series(), b.to_series())
        np.testing.assert_allclose(a.null_values, b.null_values, rtol=1e-9, atol=1e-12)
    else:  # key_players
        assert a.score == pytest.approx(b.score, rel=1e-9)
        assert a.nodes == b.nodes


def _back(result, mapping):
    """Express a result computed on the relabelled graph with the original labels."""
    inverse = {new: old for old, new in mapping.items()}
    if isinstance(result, pd.DataFrame | pd.Series) and set(result.index) <= set(inverse):
        return result.rename(index=inverse)
    if hasattr(result, "nodes") and hasattr(result, "score"):
        return type(result)(
            nodes=[inverse[v] for v in result.nodes],
            score=result.score,
            objective=result.objective,
            method=result.method,
        )
    return result


def _ordered_like(result, reference):
    if isinstance(result, pd.DataFrame | pd.Series) and len(result) == len(reference):
        return result.loc[reference.index]
    return result


# --- graph metrics -----------------------------------------------------------------------------


@pytest.mark.parametrize("graph", list(GRAPHS))
@pytest.mark.parametrize("case", list(CASES))
def test_index_relabelling_and_no_mutation(case, graph):
    spec = CASES[case]
    G = GRAPHS[graph]()
    before = _snapshot(G)
    result = spec.call(G)
    assert _snapshot(G) == before, f"{case} mutated its input"
    if spec.per_node:
        assert len(result.index) == G.number_of_nodes()
        assert set(result.index) == set(G)

    H, mapping = _relabelled(G, shuffle_order=False)
    _assert_same(result, _ordered_like(_back(spec.call(H), mapping), result))

    if spec.order_free:
        H, mapping = _relabelled(G, shuffle_order=True, seed=1)
        _assert_same(result, _ordered_like(_back(spec.call(H), mapping), result))


def _tiny(n: int) -> nx.Graph:
    G = nx.Graph()
    G.add_nodes_from(("solo", {"group": "a"}) for _ in range(n))
    return G


@pytest.mark.parametrize("size", [0, 1])
@pytest.mark.parametrize("case", list(CASES))
def test_empty_and_single_node_graphs(case, size):
    spec = CASES[case]
    G = _tiny(size)
    expected = spec.empty if size == 0 else spec.single
    if expected == "error":
        with pytest.raises(LsmnetError, match=spec.public):
            spec.call(G)
        return
    result = spec.call(G)
    if spec.per_node:
        assert list(result.index) == list(G)
    elif isinstance(result, pd.DataFrame | pd.Series):
        assert len(result) >= 0
    elif isinstance(result, float):
        assert math.isnan(result) or 0 <= result <= 1
    else:
        assert math.isnan(result.observed) or np.isfinite(result.observed)


# --- functions of values -----------------------------------------------------------------------


@pytest.mark.parametrize("case", list(VALUE_CASES))
def test_value_metrics_contract(case):
    func = VALUE_CASES[case]
    values = np.array([3.0, 0.0, 7.5, 1.0, 12.0, 2.0])
    array = values.copy()
    as_list = values.tolist()
    series = pd.Series(values, index=list("abcdef"), name="budget")
    expected = func(values)
    for given in (array, as_list, series):
        _assert_same_value(func(given), expected)
    np.testing.assert_array_equal(array, values)
    assert as_list == values.tolist()
    pd.testing.assert_series_equal(series, pd.Series(values, index=list("abcdef"), name="budget"))
    permuted = values[[4, 2, 0, 5, 3, 1]]
    _assert_same_value(func(permuted), expected)
    empty = func([])
    single = func([5.0])
    if isinstance(empty, pd.DataFrame):
        assert len(empty) == 1 and len(single) == 2
    else:
        assert math.isnan(empty)
        assert math.isnan(single) or 0 <= single <= 1


def _assert_same_value(a, b):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    else:
        assert a == pytest.approx(b, rel=1e-12)


# --- backbone ----------------------------------------------------------------------------------


def _bipartite():
    B = nx.davis_southern_women_graph()
    for n in B:
        B.nodes[n]["label"] = n.upper()
    return B


@pytest.mark.parametrize("null", ["sdsm", "fixedrow", "fdsm"])
def test_backbone_contract(null):
    B = _bipartite()
    before = _snapshot(B)
    kwargs = {"null": null, "alpha": 0.2, "trials": 100, "seed": 4}
    result = lsmnet.backbone(B, **kwargs)
    assert _snapshot(B) == before
    women = {v for v, side in B.nodes(data="bipartite") if side == 0}
    assert set(result) == women
    H, mapping = _relabelled(B, shuffle_order=False)
    relabelled = lsmnet.backbone(H, **kwargs)
    inverse = {new: old for old, new in mapping.items()}
    back = nx.relabel_nodes(relabelled, inverse)
    assert sorted(back.edges(data=True)) == sorted(result.edges(data=True))
    if null != "fdsm":  # exact models do not depend on the order of insertion
        H, mapping = _relabelled(B, shuffle_order=True, seed=2)
        back = nx.relabel_nodes(lsmnet.backbone(H, **kwargs), {n: o for o, n in mapping.items()})
        assert {frozenset(e) for e in back.edges()} == {frozenset(e) for e in result.edges()}
    assert lsmnet.backbone(nx.Graph(), null=null, seed=0).number_of_nodes() == 0
    single = nx.Graph()
    single.add_node("org", bipartite=0)
    assert list(lsmnet.backbone(single, null=null, seed=0)) == ["org"]
