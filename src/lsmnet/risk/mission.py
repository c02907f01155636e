"""Diverging-mission flags: MIS-1 low mission congruence, MIS-2 misaligned ties, MIS-3
issue-profile outlier."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lsmnet.risk._scope import Scope

MISSION = "mission"


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard similarity of two collections; NaN when both are empty."""
    a, b = set(a), set(b)
    union = a | b
    return len(a & b) / len(union) if union else np.nan


def evaluate(scope: Scope) -> None:
    """Add the mission flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    if not scope.has_ratings:
        scope.skip("MIS-1", "no_ratings")
        scope.skip("MIS-2", "no_ratings")
    elif MISSION not in scope.data.trust_items + scope.data.value_items or not scope.has_item(
        MISSION
    ):
        scope.skip("MIS-1", "no_item", item=MISSION)
        scope.skip("MIS-2", "no_item", item=MISSION)
    else:
        _mission_ratings(scope)
    _issue_outliers(scope)


def _mission_ratings(scope) -> None:
    t = scope.t
    answered = scope.scores.dyads.dropna(subset=[MISSION])
    received = answered.groupby("ratee", sort=False)[MISSION].agg(["mean", "size"])
    # dicts: two DataFrame.at lookups per member took 10 s of a national sector's rules
    means, counts = received["mean"].to_dict(), received["size"].to_dict()
    low = scope.rating("mis_low_mission")
    for org in scope.members:
        if org not in means:
            continue
        mean, raters = means[org], int(counts[org])
        if raters >= t.min_raters and mean < low:
            scope.flag(
                "MIS-1",
                org,
                severity="watch",
                measure="mission_received",
                value=mean,
                threshold=low,
                n=raters,
            )
    cut = scope.rating("mis_misaligned_rating")
    share = float((answered[MISSION] <= cut).mean())
    if share >= t.mis_misaligned_share:
        scope.flag(
            "MIS-2",
            None,
            severity="watch",
            measure="misaligned_share",
            value=share,
            threshold=t.mis_misaligned_share,
            kind="percent",
            rating=scope.fmt(cut),
        )


def _issue_outliers(scope) -> None:
    if not scope.has_issues:
        scope.skip("MIS-3", "no_issues")
        return
    t, G = scope.t, scope.graph
    focus = ()
    if scope.coalition is not None:
        table = scope.data.coalitions
        focus = table.loc[table["coalition_id"] == scope.coalition, "focus"].iloc[0]
    issues_of = scope.issues.to_dict()
    for org in scope.members:
        issues = issues_of[org]
        if not issues:
            continue
        if focus and jaccard(issues, focus) == 0:
            scope.flag(
                "MIS-3",
                org,
                severity="info",
                measure="focus_jaccard",
                value=0.0,
                threshold=0.0,
                issues=", ".join(issues),
                focus=", ".join(focus),
            )
            continue
        partners = [p for p in G.neighbors(org) if issues_of[p]]
        if not partners:
            continue
        mean = float(np.mean([jaccard(issues, issues_of[p]) for p in partners]))
        if mean < t.mis_issue_jaccard:
            scope.flag(
                "MIS-3",
                org,
                severity="info",
                measure="partner_jaccard",
                value=mean,
                threshold=t.mis_issue_jaccard,
            )
