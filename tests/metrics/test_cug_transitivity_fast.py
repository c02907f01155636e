"""cug_test's built-in transitivity, scored on node positions without networkx graphs, gives
exactly what scoring each null graph with networkx gives.

Reference: the same test with the callable ``networkx.transitivity`` (which builds every null
graph as a networkx graph), same seed: identical observed value and null values.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import lsmnet as lsm


def graphs():
    G = nx.relabel_nodes(nx.barabasi_albert_graph(60, 3, seed=1), lambda v: f"o{v}")
    W = nx.relabel_nodes(nx.gnm_random_graph(40, 90, seed=2), lambda v: (v * 7) % 41)
    for u, v, d in W.edges(data=True):
        d["weight"] = float(u + v)  # edge data: the shuffle draw stays in the random stream
    W.add_node(99)  # an isolate
    return [G, W, nx.karate_club_graph()]


@pytest.mark.parametrize("G", graphs(), ids=["ba", "weighted", "karate"])
@pytest.mark.parametrize("null", ["edges", "degree"])
def test_builtin_transitivity_equals_networkx(G, null):
    fast = lsm.cug_test(G, "transitivity", null=null, n=30, seed=4, progress=False)
    slow = lsm.cug_test(G, nx.transitivity, null=null, n=30, seed=4, progress=False)
    assert fast.observed == slow.observed
    np.testing.assert_array_equal(fast.null_values, slow.null_values)
    np.testing.assert_array_equal(
        [fast.z, fast.p_ge, fast.p_le, fast.n], [slow.z, slow.p_ge, slow.p_le, slow.n]
    )
