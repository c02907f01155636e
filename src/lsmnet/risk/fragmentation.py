"""Fragmentation flags: FRG-1 fragmented, FRG-2 distance fragmentation, FRG-3 siloed groups,
FRG-4 thin network."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet.risk._scope import MIN_MEMBERS, banded
from lsmnet.risk.catalog import message

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lsmnet.risk._scope import Scope

CODES = ("FRG-1", "FRG-2", "FRG-3", "FRG-4")
#: Organisation attributes whose values define the groups of FRG-3.
GROUP_ATTRIBUTES = ("type", "province", "issues")


def evaluate(scope: Scope) -> None:
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
    distance = distance_fragmentation(scope.paths)
    null = (
        scope.beyond_null("distance_fragmentation", distance)
        if distance >= t.frg_distance
        else None
    )
    if null is not None:
        scope.flag(
            "FRG-2",
            None,
            severity="watch",
            measure="distance_fragmentation",
            value=distance,
            threshold=t.frg_distance,
            **null,
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


def distance_fragmentation(paths: pd.DataFrame) -> float:
    """Borgatti's distance-weighted fragmentation of a graph, as :func:`lsmnet.fragmentation`
    (``distance_weighted=True``) computes it, from its exact path table (a row per node, see
    :attr:`Scope.paths`): :math:`\\sum_{i \\ne j} 1/d_{ij}` is the sum of the harmonic
    centralities. NaN below two nodes."""
    n = len(paths)
    if n < 2:
        return np.nan
    return 1.0 - float(np.sum(paths["harmonic"].to_numpy())) / (n * (n - 1))


def group_ei(scope: Scope, attribute: str) -> Iterator[tuple[str, int, float]]:
    """Yield ``(group label, size, E-I index)`` for the groups of ``attribute``.

    Members whose value is unknown are left out, with their ties (a missing value is never a
    group). A single-valued attribute is one partition; ``issues`` (several per member) gives
    one yes/no partition per issue. The index of group :math:`g` is
    :func:`lsmnet.ei_index` at ``level="group"``, :math:`(E_g - I_g) / (E_g + I_g)` with
    :math:`I_g` the ties inside :math:`g` and :math:`E_g` the ties with one end in it,
    counted here for every group at once from the tie arrays (NaN when the group has no tie).
    """
    G = scope.graph
    if attribute == "issues":
        issues = scope.issues[scope.issues.map(len) > 0]
        labels = sorted({i for row in issues for i in row})
        if not labels:
            return
        column = {issue: j for j, issue in enumerate(labels)}
        # members with issues that are nodes of the graph, and their issue indicator rows
        nodes = [o for o in G if o in issues.index]
        position = {o: i for i, o in enumerate(nodes)}
        holds = np.zeros((len(nodes), len(labels)), dtype=bool)
        for o, i in position.items():
            holds[i, [column[x] for x in issues[o]]] = True
        u, v = _tie_ends(G, position)
        hu, hv = holds[u], holds[v]
        internal = (hu & hv).sum(axis=0)
        external = (hu ^ hv).sum(axis=0)
        present = holds.any(axis=0)
        sizes = dict.fromkeys(labels, 0)
        for row in issues:
            for x in set(row):
                sizes[x] += 1
        for j, issue in enumerate(labels):
            value = _ei(external[j], internal[j]) if present[j] else np.nan
            yield issue, sizes[issue], value
        return
    values = scope.orgs[attribute].dropna().astype(str)
    if values.empty:
        return
    nodes = [o for o in G if o in values.index]
    position = {o: i for i, o in enumerate(nodes)}
    codes, labels = pd.factorize(values.reindex(nodes).to_numpy(object))
    u, v = _tie_ends(G, position)
    cu, cv = codes[u], codes[v]
    same = cu == cv
    k = len(labels)
    internal = np.bincount(cu[same], minlength=k)
    external = np.bincount(cu[~same], minlength=k) + np.bincount(cv[~same], minlength=k)
    sizes = np.bincount(codes, minlength=k)
    for g in np.argsort(np.asarray(labels, dtype=object), kind="stable"):
        yield labels[g], int(sizes[g]), _ei(external[g], internal[g])


def _tie_ends(G, position: dict) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the two ends of each tie of ``G`` between two distinct nodes of
    ``position``."""
    pairs = [
        (position[a], position[b])
        for a, b in G.edges()
        if a != b and a in position and b in position
    ]
    ends = np.array(pairs, dtype=np.intp).reshape(-1, 2)
    return ends[:, 0], ends[:, 1]


def _ei(external, internal) -> float:
    total = float(external + internal)
    return (float(external) - float(internal)) / total if total > 0 else np.nan


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
