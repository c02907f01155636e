"""The maps of large coalitions do not depend on PYTHONHASHSEED.

A coalition with more than ``MAP_MAX_NODES`` members is mapped by its best-connected members,
and ``spring_positions`` lays out the tied members apart from the isolates. Both once took a
``G.subgraph`` view, which iterates over a Python set (string-hash order) when it keeps fewer
than half the nodes, so the layout changed with the hash seed. Reference: the same
computation in two interpreters with different ``PYTHONHASHSEED`` values must print the same
positions.
"""

from __future__ import annotations

import textwrap

from _hashseed import run_with_hash_seed

_SCRIPT = textwrap.dedent(
    """
    import json
    import networkx as nx
    import lsmnet as lsm
    from lsmnet.plotting.network import spring_positions
    from lsmnet.reporting import charts

    charts.MAP_MAX_NODES = 12  # C01 has 56 members: the map keeps fewer than half
    rep = lsm.report(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01",
                     progress=False)
    graphs, _, positions = charts.map_graphs(rep)
    # a graph of mostly isolates: the tied members are fewer than half the nodes
    G = nx.Graph()
    G.add_nodes_from(f"iso{i}" for i in range(30))
    G.add_edges_from([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("a", "c")])
    print(json.dumps({
        "nodes": {k: list(g) for k, g in graphs.items()},
        "positions": {k: sorted(p.items()) for k, p in positions.items()},
        "isolates": sorted(spring_positions(G, seed=3).items()),
    }))
    """
)


def test_map_of_a_large_coalition_is_the_same_for_every_hash_seed():
    first = run_with_hash_seed(_SCRIPT, "1", timeout=300)
    second = run_with_hash_seed(_SCRIPT, "977", timeout=300)
    assert first["nodes"]["C01"] and len(first["nodes"]["C01"]) == 12
    assert first == second
