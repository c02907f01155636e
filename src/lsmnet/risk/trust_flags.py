"""Trust flags: TRU-1 low network trust, TRU-2 low-trust member, TRU-3 strained active tie,
TRU-4 one-sided trust, TRU-5 low reciprocity."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lsmnet.risk._scope import ACTIVE_LAYERS, banded

if TYPE_CHECKING:
    from lsmnet.risk._scope import Scope


def evaluate(scope: Scope) -> None:
    """Add the trust flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    if not scope.has_trust:
        reason = "no_ratings" if not scope.has_ratings else "no_trust_items"
        items = ", ".join(scope.data.trust_items)
        for code in ("TRU-1", "TRU-2", "TRU-3", "TRU-4"):
            scope.skip(code, reason, items=items)
    else:
        _network(scope)
        _members(scope)
        _strained(scope)
        _one_sided(scope)
    _reciprocity(scope)


def _network(scope) -> None:
    network = scope.scores.network
    watch, high = scope.rating("tru_network_watch"), scope.rating("tru_network_high")
    severity = banded(network["trust"], watch, high, below=True)
    if severity:
        scope.flag(
            "TRU-1",
            None,
            severity=severity,
            measure="network_trust",
            value=network["trust"],
            threshold=high if severity == "high" else watch,
            n=int(network["trust_dyads"]),
        )


def _members(scope) -> None:
    nodes = scope.scores.nodes
    cut = scope.rating("tru_member")
    received = nodes["trust"].to_dict()
    raters = nodes["trust_raters"].to_dict()
    for org in scope.members:
        trust = received[org]
        if not np.isnan(trust) and trust < cut:
            scope.flag(
                "TRU-2",
                org,
                severity="watch",
                measure="received_trust",
                value=trust,
                threshold=cut,
                n=int(raters[org]),
            )


def _strained(scope) -> None:
    G = scope.graph
    if G.number_of_edges() == 0:
        return
    weights = np.array([w for _, _, w in G.edges(data="weight", default=1.0)], float)
    heavy = float(np.quantile(weights, scope.t.tru_active_weight_quantile))
    cut = scope.rating("tru_strained")
    position = {org: i for i, org in enumerate(scope.members)}

    def order(edge):
        i, j = position[edge[0]], position[edge[1]]
        return (i, j) if i <= j else (j, i)

    for a, b, attrs in sorted(G.edges(data=True), key=order):
        a, b = sorted((a, b), key=position.get)
        layers = attrs.get("layers", ())
        active = any(layer in ACTIVE_LAYERS for layer in layers)
        if not (active or attrs.get("weight", 1.0) >= heavy):
            continue
        trust = scope.mutual_trust(a, b)
        if trust <= cut:
            scope.flag(
                "TRU-3",
                (a, b),
                severity="high",
                measure="dyad_trust",
                value=trust,
                threshold=cut,
                layers=scope.layer_names(layers),
            )


def _one_sided(scope) -> None:
    cut = scope.rating("tru_one_sided")
    given = scope.dyad_trust
    position = {org: i for i, org in enumerate(scope.members)}
    for a, b in sorted(given, key=lambda p: (position[p[0]], position[p[1]])):
        if position[a] > position[b] or (b, a) not in given:
            continue
        if abs(given[(a, b)] - given[(b, a)]) >= cut:
            high, low = (a, b) if given[(a, b)] >= given[(b, a)] else (b, a)
            scope.flag(
                "TRU-4",
                (high, low),
                severity="watch",
                measure="trust_difference",
                value=abs(given[(a, b)] - given[(b, a)]),
                threshold=cut,
                a=scope.fmt(given[(high, low)]),
                b=scope.fmt(given[(low, high)]),
            )


def _reciprocity(scope) -> None:
    if scope.survey("TRU-5") is None:
        return
    value = scope.reciprocity
    if value < scope.t.tru_reciprocity:
        scope.flag(
            "TRU-5",
            None,
            severity="watch",
            measure="reciprocity",
            value=value,
            threshold=scope.t.tru_reciprocity,
            kind="percent",
        )
