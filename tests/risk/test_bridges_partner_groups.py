"""The groups each organisation reaches in bridge_organizations, from one sparse product.

Reference: a brute-force pass in this test over each organisation and its networkx
neighbours (the computation ``bridge_organizations`` made before, organisation by
organisation), on the bundled sector for a single-valued group, a multi-valued one
(``issues``) and the organisation type, and on a small graph with a self-loop and missing
values.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.metrics._engine import GraphEngine
from lsmnet.risk import bridges


def brute_force(G, values: pd.Series, multi: bool) -> dict:
    """For each node: groups of itself and its neighbours, sorted groups of the neighbours."""

    def groups_of(nodes):
        out = set()
        for o in nodes:
            v = values.get(o)
            if multi:
                out.update(v if isinstance(v, tuple) else ())
            elif pd.notna(v):
                out.add(str(v))
        return out

    return {
        o: (len(groups_of([o, *G.neighbors(o)])), sorted(groups_of(list(G.neighbors(o)))))
        for o in G
    }


def as_found(G, values, multi) -> dict:
    return bridges._partner_groups(GraphEngine(G), G, values, multi)


@pytest.mark.parametrize(
    ("group", "multi"), [("province", False), ("type", False), ("issues", True)]
)
def test_bundled_sector_equals_the_brute_force(group, multi):
    data = lsm.datasets.load_dataset("indonesia_demo")
    G = bridges._unattributed(lsm.partnership_graph(data, symmetrize="union"))
    values = data.organizations.set_index("org_id")[group].reindex(list(G))
    expected = brute_force(G, values, multi)
    assert as_found(G, values, multi) == expected
    # the case is not trivial: organisations reach several groups through their partners
    assert max(len(theirs) for _, theirs in expected.values()) >= 3


def test_self_loop_and_missing_values():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "c"), ("d", "e")])
    G.add_node("f")
    values = pd.Series({"a": "x", "b": np.nan, "c": "y", "d": np.nan, "e": np.nan, "f": "z"})
    expected = brute_force(G, values, False)
    # c is its own partner through the self-loop, as networkx's neighbours say
    assert expected["c"] == (1, ["y"])
    assert expected["d"] == (0, [])
    assert as_found(G, values, False) == expected


def test_reasons_unchanged_in_both_languages():
    # the reasons read the partners' groups; the bundled sector's first rows, as documented
    data = lsm.datasets.load_dataset("indonesia_demo")
    for lang in ("en", "id"):
        table = lsm.bridge_organizations(data, lang=lang, top=5)
        G = bridges._unattributed(lsm.partnership_graph(data, symmetrize="union"))
        values = data.organizations.set_index("org_id")["province"]
        for org in table.index:
            theirs = brute_force(G, values.reindex(list(G)), False)[org][1]
            for province in theirs:
                assert province in table.at[org, "reason"]
