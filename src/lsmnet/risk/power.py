"""Power-imbalance flags: PWR-1 asymmetric dyad, PWR-2 one-way dependence, PWR-3 influence
concentration."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lsmnet.metrics.inequality import gini, hhi
from lsmnet.risk._scope import MIN_MEMBERS, bonacich

if TYPE_CHECKING:
    from lsmnet.risk._scope import Scope

POWER = "power"


def evaluate(scope: Scope) -> None:
    """Add the power flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    _asymmetric(scope)
    _dependence(scope)
    _concentration(scope)


def _asymmetric(scope) -> None:
    if not scope.has_ratings:
        scope.skip("PWR-1", "no_ratings")
        return
    if scope.has_item(POWER):
        column, measure = POWER, "power_difference"
    elif scope.scores.dyads["value"].notna().any():
        column, measure = "value", "value_difference"
    else:
        scope.skip("PWR-1", "no_item", item=POWER)
        return
    rated = scope.scores.dyads.dropna(subset=[column])
    given = dict(zip(zip(rated["rater"], rated["ratee"], strict=True), rated[column], strict=True))
    cut = scope.rating("pwr_asymmetry")
    position = {org: i for i, org in enumerate(scope.members)}
    for (a, b), a_gives in sorted(
        given.items(), key=lambda kv: (position[kv[0][0]], position[kv[0][1]])
    ):
        if position[a] > position[b] or (b, a) not in given:
            continue
        b_gives = given[(b, a)]
        difference = abs(a_gives - b_gives)
        if difference >= cut:
            scope.flag(
                "PWR-1",
                (a, b),
                severity="watch",
                measure=measure,
                value=difference,
                threshold=cut,
                a=scope.fmt(a_gives),
                b=scope.fmt(b_gives),
            )


def _dependence(scope) -> None:
    if not scope.has_funding:
        scope.skip("PWR-2", "no_funding")
        return
    t, funding = scope.t, scope.funding
    inside = set(scope.members)
    flows = funding.loc[funding["funder"].isin(inside)]
    pairs = set(zip(flows["funder"], flows["recipient"], strict=True))
    total = funding.groupby("recipient")["amount"].sum()
    for giver, receiver, amount in flows.itertuples(index=False, name=None):
        if (receiver, giver) in pairs or giver == receiver or total[receiver] <= 0:
            continue
        share = amount / total[receiver]
        if share >= t.pwr_dependence_share:
            scope.flag(
                "PWR-2",
                (giver, receiver),
                severity="watch",
                measure="dependence_share",
                value=share,
                threshold=t.pwr_dependence_share,
                kind="percent",
            )


def _concentration(scope) -> None:
    t = scope.t
    if len(scope.members) < MIN_MEMBERS:
        scope.skip("PWR-3", "too_small", n=MIN_MEMBERS)
        return
    if scope.has_ratings and scope.has_item(POWER):
        rated = scope.scores.dyads.dropna(subset=[POWER])
        received = rated.groupby("ratee")[POWER].agg(["mean", "size"])
        means = received.loc[received["size"] >= t.min_raters, "mean"]
        if len(means) >= 2:
            value = gini(means.to_numpy(float))
            if value >= t.pwr_gini:
                scope.flag(
                    "PWR-3",
                    None,
                    severity="watch",
                    measure="power_gini",
                    value=value,
                    threshold=t.pwr_gini,
                )
                return
            value = hhi(means.to_numpy(float), normalized=True)
            if value >= t.pwr_hhi:
                scope.flag(
                    "PWR-3",
                    None,
                    severity="watch",
                    measure="power_hhi",
                    value=value,
                    threshold=t.pwr_hhi,
                )
            return
    budgets = scope.orgs["budget"].dropna()
    if len(budgets) >= MIN_MEMBERS and 2 * len(budgets) >= len(scope.members):
        value = gini(budgets.to_numpy(float))
        if value >= t.pwr_gini:
            scope.flag(
                "PWR-3",
                None,
                severity="watch",
                measure="budget_gini",
                value=value,
                threshold=t.pwr_gini,
                n=len(budgets),
            )
        return
    if scope.graph.number_of_edges() == 0:
        return
    power = bonacich(scope.graph).to_numpy(float)
    if np.all(power >= 0) and power.sum() > 0:
        value = gini(power)
        if value >= t.pwr_gini:
            scope.flag(
                "PWR-3",
                None,
                severity="watch",
                measure="bonacich_gini",
                value=value,
                threshold=t.pwr_gini,
            )
