"""Isolation flags: ISO-1 isolate, ISO-2 single-tie dependent, ISO-3 peripheral, ISO-4
unreciprocated."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lsmnet.risk._scope import Scope


def evaluate(scope: Scope) -> None:
    """Add the isolation flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    if len(scope.members) < 2:
        for code in ("ISO-1", "ISO-2", "ISO-3", "ISO-4"):
            scope.skip(code, "too_small", n=2)
        return
    funders = scope.shared.funders
    for org, degree in scope.degree.items():
        if degree == 0 and org in funders:
            continue  # tied through the funding it gives, a layer not analysed here
        if degree == 0:
            scope.flag(
                "ISO-1",
                org,
                severity="high",
                measure="degree",
                value=0,
                threshold=0,
                kind="integer",
            )
        elif degree == 1:
            (partner,) = scope.graph.neighbors(org)
            scope.flag(
                "ISO-2",
                org,
                severity="watch",
                measure="degree",
                value=1,
                threshold=1,
                kind="integer",
                partner=scope.name(partner),
            )
    _peripheral(scope)
    _unreciprocated(scope)


def _peripheral(scope) -> None:
    partition = scope.core_periphery
    if partition is None:
        scope.skip("ISO-3", "no_core_periphery")
        return
    fit = float(partition.attrs["correlation"])
    if not fit >= scope.t.iso_core_fit:
        # without a core-periphery structure the "periphery" is an artefact of the partition
        scope.skip("ISO-3", "weak_core_periphery", fit=scope.fmt(fit))
        return
    q = scope.t.iso_coreness_quantile
    coreness = partition["coreness"]
    cut = float(coreness.quantile(q))
    tolerance = 1e-6 * max(1.0, abs(cut))  # coreness comes from a numerical optimiser
    # below every core member: where coreness is equal for all (a regular network can fit the
    # discrete pattern perfectly) nobody is peripheral
    core_floor = float(coreness[partition["core"].to_numpy(bool)].min())
    for org in scope.members:
        if (
            not partition.at[org, "core"]
            and coreness[org] <= cut + tolerance
            and coreness[org] < core_floor - tolerance
        ):
            scope.flag(
                "ISO-3",
                org,
                severity="info",
                measure="coreness",
                value=coreness[org],
                threshold=cut,
                quantile=scope.fmt(q, "percent"),
            )


def _unreciprocated(scope) -> None:
    survey = scope.survey("ISO-4")
    if survey is None:
        return
    respondents, D = survey
    responded = respondents.to_numpy(bool)
    named_by_respondent = D.named_by(responded)
    minimum = scope.t.iso_min_named
    for i, org in enumerate(scope.members):
        if not responded[i]:
            continue
        named = int(D.out_degree[i])
        if named >= minimum and not named_by_respondent[i]:
            scope.flag(
                "ISO-4",
                org,
                severity="watch",
                measure="named_partners",
                value=named,
                threshold=minimum,
                kind="integer",
            )
