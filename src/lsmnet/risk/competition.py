"""Competition flags: CMP-1 funder overlap, CMP-2 niche crowding, CMP-3 competition without
trust, CMP-4 funding concentration."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet.metrics.inequality import hhi
from lsmnet.risk._scope import banded
from lsmnet.risk.catalog import message
from lsmnet.risk.mission import jaccard

if TYPE_CHECKING:
    from lsmnet.risk._scope import Scope


def evaluate(scope: Scope) -> None:
    """Add the competition flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    overlap = _funder_overlap(scope)
    _niche_crowding(scope)
    _without_trust(scope, overlap)
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


#: CMP-2 explanations name at most this many of the members a member crowds with.
NICHE_NAMES = 5


def _focus(scope) -> frozenset:
    """The coalition's focus issues (empty for the whole network or an unknown focus)."""
    if scope.coalition is None:
        return frozenset()
    table = scope.data.coalitions
    focus = table.loc[table["coalition_id"] == scope.coalition, "focus"].iloc[0]
    return frozenset(focus) if isinstance(focus, tuple | list) else frozenset()


def _niche_crowding(scope) -> None:
    """CMP-2, node level: members sharing an issue outside the coalition's focus and their
    province with at least ``cmp_niche_members`` members they have no tie with.

    Each niche (province, issue) is visited once; a member's untied count is the niche size
    less itself and its partners in the niche, and at most :data:`NICHE_NAMES` of them are
    looked up for the sentence, so the work and the rows grow with members and ties, never
    with pairs of members.
    """
    if not scope.has_issues:
        scope.skip("CMP-2", "no_issues")
        return
    if scope.orgs["province"].isna().all():
        scope.skip("CMP-2", "no_province")
        return
    t, G = scope.t, scope.graph
    focus = _focus(scope)
    if not focus:
        # the rule is relative to the focus: without one (the whole network, or a coalition
        # whose focus is unknown) every shared issue would count and the whole sector be flagged
        scope.skip("CMP-2", "no_focus")
        return
    provinces = scope.orgs["province"].to_dict()
    niches: dict = {}
    for org, issues in scope.issues.items():
        if pd.isna(provinces[org]):
            continue
        for issue in dict.fromkeys(issues):
            if issue not in focus:
                niches.setdefault((provinces[org], issue), []).append(org)
    best: dict = {}
    for (province, issue), holders in niches.items():
        if len(holders) <= t.cmp_niche_members:
            continue
        inside = set(holders)
        for org in holders:
            partners = inside.intersection(G.adj[org]) if org in G else set()
            untied = len(holders) - 1 - len(partners - {org})
            if untied >= t.cmp_niche_members and untied > best.get(org, (0,))[0]:
                best[org] = (untied, province, issue, holders, partners)
    for org in scope.members:
        if org not in best:
            continue
        untied, province, issue, holders, partners = best[org]
        others = []
        for other in holders:
            if other != org and other not in partners:
                others.append(other)
                if len(others) == NICHE_NAMES:
                    break
        scope.flag(
            "CMP-2",
            org,
            severity="info",
            measure="untied_in_niche" if untied <= NICHE_NAMES else "untied_in_niche_many",
            value=untied,
            threshold=t.cmp_niche_members,
            kind="integer",
            issue=str(issue),
            province=str(province),
            others=scope.names(others),
            more=scope.fmt(untied - len(others), "integer"),
            focus=", ".join(sorted(focus)) or message("labels.none", scope.lang),
        )


def _without_trust(scope, overlap: set) -> None:
    if not scope.has_trust:
        scope.skip("CMP-3", "no_ratings")
        return
    rivals = scope.competition_ties
    position = {org: i for i, org in enumerate(scope.members)}
    basis = {}
    for measure, pairs in (
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
