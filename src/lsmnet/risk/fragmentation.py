"""Fragmentation flags: FRG-1 fragmented, FRG-2 distance fragmentation, FRG-3 siloed groups,
FRG-4 thin network."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._graphs import induced_subgraph
from lsmnet.metrics.ei import ei_index
from lsmnet.metrics.keyplayer import fragmentation
from lsmnet.risk._scope import MIN_MEMBERS, banded
from lsmnet.risk.catalog import message

CODES = ("FRG-1", "FRG-2", "FRG-3", "FRG-4")
#: Organisation attributes whose values define the groups of FRG-3.
GROUP_ATTRIBUTES = ("type", "province", "issues")


def evaluate(scope) -> None:
    """Add the fragmentation flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    if len(scope.members) < MIN_MEMBERS:
        for code in CODES:
            scope.skip(code, "too_small", n=MIN_MEMBERS)
        return
    t, G, n = scope.t, scope.graph, len(scope.members)
    components = list(nx.connected_components(G))
    share = max(len(c) for c in components) / n
    severity = banded(share, t.frg_lcc_watch, t.frg_lcc_high, below=True)
    if severity:
        scope.flag(
            "FRG-1",
            None,
            severity=severity,
            measure="largest_component_share",
            value=share,
            threshold=t.frg_lcc_high if severity == "high" else t.frg_lcc_watch,
            kind="percent",
            n=len(components),
        )
    distance = fragmentation(G, distance_weighted=True)
    if distance >= t.frg_distance:
        scope.flag(
            "FRG-2",
            None,
            severity="watch",
            measure="distance_fragmentation",
            value=distance,
            threshold=t.frg_distance,
        )
    _silos(scope)
    average = 2 * G.number_of_edges() / n
    if average < t.frg_min_average_degree:
        scope.flag(
            "FRG-4",
            None,
            severity="watch",
            measure="average_degree",
            value=average,
            threshold=t.frg_min_average_degree,
        )


def group_ei(scope, attribute: str):
    """Yield ``(group label, size, E-I index)`` for the groups of ``attribute``.

    Members whose value is unknown are left out, with their ties (a missing value is never a
    group). A single-valued attribute is one partition, scored with one
    :func:`lsmnet.ei_index` call; ``issues`` (several per member) gives one yes/no partition
    per issue.
    """
    if attribute == "issues":
        issues = scope.issues[scope.issues.map(len) > 0]
        H = induced_subgraph(scope.graph, issues.index)
        for issue in sorted({i for row in issues for i in row}):
            inside = {o: "in" if issue in row else "out" for o, row in issues.items()}
            table = ei_index(H, inside, level="group")
            size = sum(v == "in" for v in inside.values())
            yield issue, size, table.at["in", "ei"] if "in" in table.index else np.nan
        return
    values = scope.orgs[attribute].dropna().astype(str)
    if values.empty:
        return
    table = ei_index(induced_subgraph(scope.graph, values.index), values.to_dict(), level="group")
    for group in sorted(table.index):
        yield group, int(table.at[group, "size"]), table.at[group, "ei"]


def _silos(scope) -> None:
    t = scope.t
    usable = False
    for attribute in GROUP_ATTRIBUTES:
        for group, size, value in group_ei(scope, attribute):
            usable = True
            # a group holding half the members or more is mostly internal by arithmetic
            if size < 2 or 2 * size > len(scope.members):
                continue
            if pd.notna(value) and value <= t.frg_ei:
                scope.flag(
                    "FRG-3",
                    f"{attribute}={group}",
                    severity="watch",
                    measure="ei_index",
                    value=value,
                    threshold=t.frg_ei,
                    kind="signed",
                    level="group",
                    group=group,
                    attribute=message(f"attributes.{attribute}", scope.lang),
                )
    if not usable:
        scope.skip("FRG-3", "no_groups")
