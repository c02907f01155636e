"""Data-quality flags: DQ-1 low response, DQ-2 few raters, DQ-3 central non-respondent; and the
DQ-1 annotation of the flags that are sensitive to missing respondents."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lsmnet.risk._scope import banded
from lsmnet.risk.catalog import flag_info, message

if TYPE_CHECKING:
    from lsmnet.risk._scope import Scope

#: Flags lowered to info when the response rate is below ``dq_response_low``.
LOWERED = ("DOM-4", "DOM-5")


def evaluate(scope: Scope) -> None:
    """Add the data-quality flags of ``scope`` (a :class:`~lsmnet.risk._scope.Scope`)."""
    t = scope.t
    rate = scope.response_rate
    if np.isnan(rate):
        scope.skip("DQ-1", "no_respondents")
        scope.skip("DQ-3", "no_respondents")
    else:
        severity = banded(rate, t.dq_response_watch, t.dq_response_low, below=True)
        if severity:
            scope.flag(
                "DQ-1",
                None,
                severity=severity,
                measure="response_rate",
                value=rate,
                threshold=t.dq_response_low if severity == "high" else t.dq_response_watch,
                kind="percent",
            )
        _central_non_respondents(scope)
    if not scope.has_ratings:
        scope.skip("DQ-2", "no_ratings")
    else:
        dyads = scope.scores.dyads
        raters = dyads.groupby("ratee")["rater"].nunique().reindex(scope.members, fill_value=0)
        for org, n in raters.items():
            if 0 < n < t.min_raters:
                scope.flag(
                    "DQ-2",
                    org,
                    severity="info",
                    measure="raters",
                    value=n,
                    threshold=t.min_raters,
                    kind="integer",
                )


def _central_non_respondents(scope) -> None:
    D = scope.nominations
    if D is not None:
        in_degree = dict(zip(scope.members, D.in_degree.tolist(), strict=True))
    else:
        in_degree = dict(scope.degree)
    values = np.array([in_degree[o] for o in scope.members], float)
    if not len(values) or values.max() == 0:
        return
    cut = float(np.quantile(values, scope.t.dq_central_quantile))
    responded = scope.respondents.to_dict()
    for org in scope.members:
        if not responded[org] and in_degree[org] > 0 and in_degree[org] >= cut:
            scope.flag(
                "DQ-3",
                org,
                severity="watch",
                measure="in_degree",
                value=in_degree[org],
                threshold=cut,
                kind="integer",
                threshold_kind="decimal",
            )


def annotate(scope: Scope) -> None:
    """Annotate the missing-data-sensitive rows of ``scope`` when DQ-1 applies (in place)."""
    t, rate = scope.t, scope.response_rate
    if np.isnan(rate) or rate >= t.dq_response_watch:
        return
    fields = {"rate": scope.fmt(rate, "percent")}
    sensitive = message(
        "notes.dq1_sensitive",
        scope.lang,
        threshold=scope.fmt(t.dq_response_watch, "percent"),
        **fields,
    )
    lowered = message(
        "notes.dq1_lowered",
        scope.lang,
        threshold=scope.fmt(t.dq_response_low, "percent"),
        **fields,
    )
    for row in scope.rows:
        if not flag_info(row["code"])["missing_data_sensitive"]:
            continue
        notes = [sensitive]
        if row["code"] in LOWERED and rate < t.dq_response_low and row["severity"] != "info":
            row["severity"] = "info"
            notes.append(lowered)
        row["note"] = " ".join(notes)
