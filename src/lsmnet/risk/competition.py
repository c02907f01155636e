"""Competition flags: CMP-1 funder overlap, CMP-2 niche duplication, CMP-3 competition without
trust, CMP-4 funding concentration."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from lsmnet.metrics.inequality import hhi
from lsmnet.risk._scope import banded
from lsmnet.risk.mission import jaccard


def evaluate(scope) -> None:
    """Add the competition flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    overlap = _funder_overlap(scope)
    niches = _niche_duplication(scope)
    _without_trust(scope, overlap, niches)
    _concentration(scope)


def _pairs(scope, sets: dict) -> list[tuple[str, str]]:
    """Pairs of members (in member order) that share at least one element of ``sets``."""
    holders: dict = {}
    for org in scope.members:
        for element in sets.get(org, ()):
            holders.setdefault(element, []).append(org)
    position = {org: i for i, org in enumerate(scope.members)}
    pairs = {(a, b) for orgs in holders.values() for a, b in itertools.combinations(orgs, 2)}
    return sorted(pairs, key=lambda p: (position[p[0]], position[p[1]]))


def _funder_overlap(scope) -> set:
    if not scope.has_funding:
        scope.skip("CMP-1", "no_funding")
        return set()
    if not scope.has_issues:
        scope.skip("CMP-1", "no_issues")
        return set()
    t = scope.t
    funders = scope.funding.groupby("recipient", sort=False)["funder"].agg(frozenset).to_dict()
    fired = set()
    issues = scope.issues.to_dict()
    for a, b in _pairs(scope, funders):
        shared = sorted(set(issues[a]) & set(issues[b]))
        value = jaccard(funders[a], funders[b])
        if shared and value >= t.cmp_funder_jaccard:
            fired.add((a, b))
            scope.flag(
                "CMP-1",
                (a, b),
                severity="watch",
                measure="funder_jaccard",
                value=value,
                threshold=t.cmp_funder_jaccard,
                funders=scope.names(sorted(funders[a] & funders[b])),
                issues=", ".join(shared),
            )
    return fired


def _niche_duplication(scope) -> set:
    if not scope.has_issues:
        scope.skip("CMP-2", "no_issues")
        return set()
    if scope.orgs["province"].isna().all():
        scope.skip("CMP-2", "no_province")
        return set()
    provinces = scope.orgs["province"].to_dict()
    issues = scope.issues.to_dict()
    niches = {
        org: {(provinces[org], issue) for issue in issues[org]}
        for org in scope.members
        if pd.notna(provinces[org])
    }
    fired = set()
    for a, b in _pairs(scope, niches):
        if scope.graph.has_edge(a, b):
            continue
        shared = sorted(issue for _, issue in niches[a] & niches[b])
        fired.add((a, b))
        scope.flag(
            "CMP-2",
            (a, b),
            severity="watch",
            measure="shared_issues",
            value=len(shared),
            threshold=1,
            kind="integer",
            issues=", ".join(shared),
            province=str(provinces[a]),
        )
    return fired


def _without_trust(scope, overlap: set, niches: set) -> None:
    if not scope.has_trust:
        scope.skip("CMP-3", "no_ratings")
        return
    rivals = scope.competition_ties
    position = {org: i for i, org in enumerate(scope.members)}
    basis = {}
    for measure, pairs in (
        ("niche_duplication", niches),
        ("funder_overlap", overlap),
        ("competition_tie", rivals.itertuples(index=False, name=None)),
    ):
        for a, b in pairs:
            if a != b:
                basis[tuple(sorted((a, b), key=position.get))] = measure  # the last one wins
    low = scope.rating("cmp_low_trust")
    for (a, b), measure in sorted(
        basis.items(), key=lambda kv: (position[kv[0][0]], position[kv[0][1]])
    ):
        trust = scope.mutual_trust(a, b)
        if trust < low:
            scope.flag(
                "CMP-3", (a, b), severity="high", measure=measure, value=trust, threshold=low
            )


def _concentration(scope) -> None:
    if not scope.has_funding:
        scope.skip("CMP-4", "no_funding")
        return
    funding = scope.funding
    if funding.empty:
        return
    by_funder = funding.groupby("funder", sort=True)["amount"].sum()
    _concentration_row(
        scope, None, by_funder.index, by_funder.to_numpy(float), "network", "coalition_hhi"
    )
    # each recipient's funders in funding order (sorted by funder), as a groupby would give
    funders = funding["funder"].to_numpy(object)
    amounts = funding["amount"].to_numpy(float)
    rows: dict = {}
    for i, org in enumerate(funding["recipient"]):
        rows.setdefault(org, []).append(i)
    for org in scope.members:
        if org in rows and amounts[rows[org]].sum() > 0:
            idx = rows[org]
            _concentration_row(scope, org, funders[idx], amounts[idx], "node", "member_hhi")


def _concentration_row(scope, entity, funders, amounts: np.ndarray, level: str, measure: str):
    """One CMP-4 row from the amounts each of ``funders`` gave (network or one member)."""
    t = scope.t
    total = amounts.sum()
    if total <= 0:
        return
    value = hhi(amounts)
    shares = amounts / total
    top = int(np.argmax(shares))  # the first of the largest, as a stable descending sort
    severity = banded(value, t.cmp_hhi_watch, t.cmp_hhi_high)
    threshold = t.cmp_hhi_high if severity == "high" else t.cmp_hhi_watch
    if level == "node" and shares[top] >= t.cmp_top_funder_share and severity != "high":
        severity, measure, value, threshold = "high", "top_funder_share", shares[top], None
    if not severity:
        return
    kind = "percent" if measure == "top_funder_share" else "decimal"
    scope.flag(
        "CMP-4",
        entity,
        severity=severity,
        measure=measure,
        value=value,
        threshold=t.cmp_top_funder_share if threshold is None else threshold,
        kind=kind,
        level=level,
        funder=scope.name(funders[top]),
        share=scope.fmt(float(shares[top]), "percent"),
    )
