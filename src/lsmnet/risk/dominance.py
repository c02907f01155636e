"""Dominance flags: DOM-1 hub-and-spoke, DOM-2 dominant member, DOM-3 concentrated ties,
DOM-4 single point of failure, DOM-5 gatekeeper."""

from __future__ import annotations

import networkx as nx
import numpy as np

from lsmnet._i18n import label
from lsmnet.metrics.brokerage import brokerage_roles
from lsmnet.metrics.centralization import centralization
from lsmnet.metrics.inequality import hhi
from lsmnet.metrics.keyplayer import fragmentation_centrality
from lsmnet.risk._scope import MIN_MEMBERS, banded
from lsmnet.risk.catalog import message

CODES = ("DOM-1", "DOM-2", "DOM-3", "DOM-4", "DOM-5")
#: Single-valued organisation attributes that define groups for the Gould–Fernandez roles.
BROKER_GROUPS = ("type", "province")


def evaluate(scope) -> None:
    """Add the dominance flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    if len(scope.members) < MIN_MEMBERS:
        for code in CODES:
            scope.skip(code, "too_small", n=MIN_MEMBERS)
        return
    t = scope.t
    value = centralization(scope.graph, "degree")
    severity = banded(value, t.dom_centralization_watch, t.dom_centralization_high)
    null = scope.beyond_null("degree_centralization", value) if severity else None
    if null is not None:
        scope.flag(
            "DOM-1",
            None,
            severity=severity,
            measure="degree_centralization",
            value=value,
            threshold=t.dom_centralization_high
            if severity == "high"
            else t.dom_centralization_watch,
            **null,
        )
    _dominant(scope)
    _concentration(scope)
    _single_points_of_failure(scope)
    _gatekeepers(scope)


def _dominant(scope) -> None:
    """DOM-2 against twice the equal share: a member of a clique or a regular network, whose
    share is the equal one, never fires."""
    t = scope.t
    degree = scope.degree
    total = degree.sum()
    if total == 0:
        return
    degree_share = (degree / total).to_dict()
    degree_cut = max(t.dom_share, 2.0 / int((degree > 0).sum()))
    value = scope.received_value
    value_share, value_cut = None, None
    if value is not None and value.sum() > 0:
        value_share = (value / value.sum()).to_dict()
        value_cut = max(t.dom_share, 2.0 / scope.rated_members)
    ranked = degree.sort_values(ascending=False, kind="stable")
    top, runner_up = ranked.index[0], ranked.index[1]
    ratio = ranked.iloc[0] / ranked.iloc[1] if ranked.iloc[1] > 0 else np.nan
    for org in scope.members:
        if degree_share[org] >= degree_cut:
            scope.flag(
                "DOM-2",
                org,
                severity="watch",
                measure="degree_share",
                value=degree_share[org],
                threshold=degree_cut,
                kind="percent",
            )
        elif value_share is not None and value_share[org] >= value_cut:
            scope.flag(
                "DOM-2",
                org,
                severity="watch",
                measure="value_share",
                value=value_share[org],
                threshold=value_cut,
                kind="percent",
                n=scope.rated_members,
            )
        elif org == top and ratio >= t.dom_runner_up_ratio and ranked.iloc[0] >= t.dom_min_degree:
            scope.flag(
                "DOM-2",
                org,
                severity="watch",
                measure="runner_up_ratio",
                value=ratio,
                threshold=t.dom_runner_up_ratio,
                kind="ratio",
                runner_up=scope.name(runner_up),
            )


def _concentration(scope) -> None:
    """DOM-3: the larger of the degree and value HHIs that passes; the degree HHI must also be
    beyond its G(n, m) reference (a small network is concentrated by arithmetic)."""
    t = scope.t
    candidates = []
    if scope.degree.sum() > 0:
        value = hhi(scope.degree.to_numpy(float), normalized=True)
        if banded(value, t.dom_hhi_watch, t.dom_hhi_high):
            null = scope.beyond_null("degree_hhi", value)
            if null is not None:
                candidates.append(("degree_hhi", value, null))
    received = scope.received_value
    if received is not None and received.sum() > 0:
        value = hhi(received.to_numpy(float), normalized=True)
        if banded(value, t.dom_hhi_watch, t.dom_hhi_high):
            candidates.append(("value_hhi", value, {"beyond_null": ""}))
    if not candidates:
        return
    measure, value, null = max(candidates, key=lambda c: c[1])
    severity = banded(value, t.dom_hhi_watch, t.dom_hhi_high)
    scope.flag(
        "DOM-3",
        None,
        severity=severity,
        measure=measure,
        value=value,
        threshold=t.dom_hhi_high if severity == "high" else t.dom_hhi_watch,
        **null,
    )


def _single_points_of_failure(scope) -> None:
    t, G, n = scope.t, scope.graph, len(scope.members)
    if G.number_of_edges() == 0:
        return
    largest = max(nx.connected_components(G), key=len)
    cut_offs = cut_off_sizes(G, largest)
    centrality = fragmentation_centrality(G).to_dict()
    for org in scope.members:
        cut_off = cut_offs.get(org, 0)
        share = cut_off / n
        severity = banded(share, t.dom_cut_off_watch, t.dom_cut_off_high)
        if severity and cut_off >= t.dom_cut_off_min_members:
            scope.flag(
                "DOM-4",
                org,
                severity=severity,
                measure="cut_off_share",
                value=share,
                threshold=t.dom_cut_off_high if severity == "high" else t.dom_cut_off_watch,
                kind="percent",
                n=cut_off,
            )
        elif centrality[org] >= t.dom_fragmentation_centrality:
            scope.flag(
                "DOM-4",
                org,
                severity="watch",
                measure="fragmentation_centrality",
                value=centrality[org],
                threshold=t.dom_fragmentation_centrality,
            )


def cut_off_sizes(G, component: set) -> dict:
    """For each node of a connected ``component`` of the undirected graph ``G``: how many of
    the other nodes of the component lose touch with its largest remaining part when the node
    is removed (0 unless the node is an articulation point).

    One depth-first search with low-points (Hopcroft–Tarjan): removing ``v`` splits off each
    DFS child subtree whose low-point does not reach above ``v``; the rest of the component
    (with ``v``'s parent) stays together.
    """
    size = len(component)
    root = next(iter(component))
    disc, low, sub = {root: 0}, {root: 0}, {root: 1}
    split_sum, split_max = {root: 0}, {root: 0}
    stack = [(root, None, iter(G.adj[root]))]
    while stack:
        v, parent, neighbours = stack[-1]
        for w in neighbours:
            if w not in disc:
                disc[w] = low[w] = len(disc)
                sub[w], split_sum[w], split_max[w] = 1, 0, 0
                stack.append((w, v, iter(G.adj[w])))
                break
            if w != parent and disc[w] < low[v]:
                low[v] = disc[w]
        else:
            stack.pop()
            if parent is not None:
                low[parent] = min(low[parent], low[v])
                sub[parent] += sub[v]
                if low[v] >= disc[parent]:
                    split_sum[parent] += sub[v]
                    split_max[parent] = max(split_max[parent], sub[v])
    out = {}
    for v in disc:
        largest_part = max(split_max[v], size - 1 - split_sum[v])
        out[v] = size - 1 - largest_part
    return out


def _gatekeepers(scope) -> None:
    t, G = scope.t, scope.graph
    if G.number_of_edges() == 0:
        return
    # networkx's normalised betweenness, exact (as in centrality_table up to 5,000 nodes)
    betweenness = scope.paths["betweenness"].to_dict()
    broker_z = []
    for attribute in BROKER_GROUPS:
        groups = scope.orgs[attribute]
        if groups.isna().any() or groups.nunique() < 2:
            continue  # a missing group is never guessed
        roles = brokerage_roles(G, groups.astype(str).to_dict(), z=True)
        for role in ("gatekeeper", "representative"):
            broker_z.append((attribute, role, roles[f"{role}_z"].to_dict()))
    for org in scope.members:
        best = None
        for attribute, role, z in broker_z:
            if z[org] >= t.dom_broker_z and (best is None or z[org] > best[2]):
                best = (attribute, role, float(z[org]))
        if best is not None:
            attribute, role, z = best
            scope.flag(
                "DOM-5",
                org,
                severity="watch",
                measure=f"{role}_z",
                value=z,
                threshold=t.dom_broker_z,
                # a type code ("ngo") is shown in the reader's language ("LSM")
                group=label(attribute, scope.orgs.at[org, attribute], scope.lang)
                if attribute == "type"
                else str(scope.orgs.at[org, attribute]),
                attribute=message(f"attributes.{attribute}", scope.lang),
            )
        elif betweenness[org] >= t.dom_betweenness and (
            null := scope.beyond_null("max_betweenness", betweenness[org])
        ):
            scope.flag(
                "DOM-5",
                org,
                severity="watch",
                measure="betweenness",
                value=betweenness[org],
                threshold=t.dom_betweenness,
                **null,
            )
