"""Graph builders: networkx graphs from a :class:`lsmnet.NetworkData`.

- :func:`membership_graph`: bipartite organisation–coalition graph.
- :func:`comembership_graph`: organisations linked by shared coalitions;
  :func:`comembership_table`: the same pairs as an edge table (no graph object).
- :func:`coalition_overlap_graph`: coalitions linked by shared members.
- :func:`partnership_graph`: typed partnership ties, layers and multiplexity on each edge.
- :func:`coalition_graph`: the partnership graph among one coalition's members.
"""

from lsmnet.graphs.comembership import (
    coalition_overlap_graph,
    comembership_graph,
    comembership_table,
)
from lsmnet.graphs.membership import coalition_node, membership_graph, org_node
from lsmnet.graphs.partnership import coalition_graph, partnership_graph

__all__ = [
    "coalition_graph",
    "coalition_node",
    "coalition_overlap_graph",
    "comembership_graph",
    "comembership_table",
    "membership_graph",
    "org_node",
    "partnership_graph",
]
