"""PARTNER-style trust and value scores from survey ratings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._validation import check_number, check_option
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io.from_graph import check_network_data
from lsmnet.risk.catalog import check_lang, message

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

    from lsmnet.model import NetworkData

__all__ = ["TrustValueScores", "trust_value_scores"]

CONVENTIONS = ("default", "partner_like")


@dataclass(frozen=True)
class TrustValueScores:
    """Trust and value scores of the members and of the network.

    Attributes
    ----------
    nodes : pandas.DataFrame
        One row per organisation in scope (index ``org_id``); see
        :func:`trust_value_scores` for the columns.
    network : pandas.Series
        Network-level scores (named ``network``).
    dyads : pandas.DataFrame
        One row per rated ordered pair: ``rater``, ``ratee``, ``trust``, ``value`` and each item.
    """

    nodes: pd.DataFrame
    network: pd.Series
    dyads: pd.DataFrame


def trust_value_scores(
    data: NetworkData,
    *,
    coalition: str | None = None,
    at: int | str | datetime.date | None = None,
    min_raters: int = 3,
    convention: str = "default",
    lang: str = "en",
) -> TrustValueScores:
    r"""Trust and value received by each organisation, and network trust and value.

    Parameters
    ----------
    data : lsmnet.NetworkData
        Data with a ``ratings`` table (rater, ratee, one column per item).
    coalition : str, optional
        Only ratings between two members of this coalition (and only its members as rows).
        None (default) uses every rating and every organisation.
    at : int, str or date, optional
        Snapshot (see :meth:`lsmnet.NetworkData.at`); only changes who is a member.
    min_raters : int, default 3
        Fewer raters than this leave an organisation's score (and each item mean) NaN, with a
        note (flag DQ-2).
    convention : {"default", "partner_like"}, default "default"
        How scores become percentages: ``"default"`` maps the scale onto 0–100 %,
        ``"partner_like"`` divides by the scale maximum (see Notes).
    lang : {"en", "id"}, default "en"
        Language of the ``note`` column.

    Returns
    -------
    TrustValueScores
        ``nodes``: DataFrame indexed by ``org_id`` with columns ``trust``, ``value`` (means on
        the data's scale), ``trust_pct``, ``value_pct``, ``trust_raters``, ``value_raters``
        (int), one column per rating item (mean received) and ``note`` (text or <NA>).
        ``network``: Series with ``trust``, ``value``, ``trust_pct``, ``value_pct``,
        ``trust_dyads``, ``value_dyads`` (rated ordered pairs) and ``raters``.
        ``dyads``: the rated ordered pairs with their ``trust`` and ``value`` and each item.
        Undefined scores are NaN.

    Raises
    ------
    InvalidParameterError
        If ``min_raters`` is not a positive integer, ``convention`` is unknown (or
        ``"partner_like"`` on a scale whose maximum is not positive), ``lang`` is unknown or
        the coalition is unknown.

    See Also
    --------
    lsmnet.risk_flags : flags TRU-1 to TRU-5 and DQ-2 use these scores.

    Notes
    -----
    A rater's score of a ratee is the mean of the items it answered; with :math:`R_j` the
    raters of :math:`j`,

    .. math::

        T_j = \frac{1}{|R_j|} \sum_{i \in R_j} \frac{1}{|K_{ij}|} \sum_{k \in K_{ij}} r_{ijk},

    with :math:`K_{ij}` the trust items (reliability, mission, openness by default) that
    :math:`i` answered about :math:`j`; value uses the value items (power, involvement,
    resources). Network trust is the mean of the dyad scores over all rated ordered pairs.
    On a scale :math:`[l, h]` the percentage is :math:`100 (T - l) / (h - l)` by default and
    :math:`100\, T / h` with ``convention="partner_like"``. PARTNER's own percent conversion
    is not published: neither convention claims to reproduce PARTNER's numbers.

    References
    ----------
    .. [1] Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions of
       connectivity in public health collaboratives. Journal of Public Health Management and
       Practice 14(5), E1–E7.
    .. [2] McCullough, J. M., et al. (2016). BMC Public Health 16, 528, Table 1.

    Examples
    --------
    >>> import pandas as pd
    >>> import lsmnet as lsm
    >>> ratings = pd.DataFrame({
    ...     "rater": ["a", "b", "c", "a"], "ratee": ["d", "d", "d", "b"],
    ...     "reliability": [4, 3, 2, 1], "mission": [4, 3, 2, 1], "openness": [4, 3, None, 1]})
    >>> scores = lsm.trust_value_scores(lsm.from_frames(ratings=ratings))
    >>> scores.nodes.loc[["b", "d"], ["trust", "trust_pct", "trust_raters", "note"]]
            trust  trust_pct  trust_raters                 note
    org_id
    b         NaN        NaN             1  fewer than 3 raters
    d         3.0  66.666667             3                 <NA>
    >>> float(scores.network["trust"])
    2.5
    """
    check_network_data(data, "trust_value_scores")
    func = "trust_value_scores"
    check_number(min_raters, "min_raters", func, low=1, integer=True)
    check_option(convention, CONVENTIONS, "convention", func)
    check_lang(lang, func)
    if convention == "partner_like" and data.scale[1] <= 0:
        raise InvalidParameterError(
            f"The 'convention' parameter of {func} must be 'default' when the rating scale's "
            f"maximum is not positive ('partner_like' divides by it). Got 'partner_like' with "
            f"scale {tuple(data.scale)}."
        )
    if at is not None:
        data = data.at(at)
    if coalition is None:
        scope = list(data.organizations["org_id"])
    else:
        scope = data.coalition_members(coalition)
    return scores_for(data, scope, min_raters=min_raters, convention=convention, lang=lang)


def scores_for(
    data: NetworkData,
    scope: Iterable[str],
    *,
    min_raters: int,
    convention: str,
    lang: str = "en",
    dyads: pd.DataFrame | None = None,
) -> TrustValueScores:
    """Compute :class:`TrustValueScores` for the organisations ``scope`` (a list of org_ids).

    ``dyads`` may be :func:`rated_dyads` of the whole data, computed once and reused.
    """
    items = [*data.trust_items, *data.value_items]
    inside = set(scope)
    if dyads is None:
        # the ratings among the scope first, then their scores: one coalition of a national
        # sector scored every rating of the sector to keep a few thousand
        dyads = rated_dyads(data, among=inside)
    else:
        keep = dyads["rater"].isin(inside) & dyads["ratee"].isin(inside)
        dyads = dyads.loc[keep.to_numpy(bool)].reset_index(drop=True)
    lo, hi = (float(v) for v in data.scale)
    index = pd.Index(scope, name="org_id", dtype="string")
    grouped = dyads.groupby("ratee", sort=False)[["trust", "value", *items]]
    means = grouped.mean().reindex(index)
    counts = grouped.count().reindex(index, fill_value=0).astype(int)
    enough = counts >= min_raters
    columns = {}
    for score in ("trust", "value"):
        columns[score] = means[score].where(enough[score])
        columns[f"{score}_pct"] = percent(columns[score], (lo, hi), convention)
        columns[f"{score}_raters"] = counts[score]
    for item in items:
        columns[item] = means[item].where(enough[item])
    few = (~enough["trust"] & (counts["trust"] > 0)) | (~enough["value"] & (counts["value"] > 0))
    columns["note"] = pd.Series(pd.NA, index=index, dtype="string").mask(
        few, message("notes.dq2_few_raters", lang, n=min_raters)
    )
    nodes = pd.DataFrame(columns, index=index)
    network = pd.Series(
        {
            "trust": dyads["trust"].mean(),
            "value": dyads["value"].mean(),
            "trust_pct": np.nan,
            "value_pct": np.nan,
            "trust_dyads": int(dyads["trust"].notna().sum()),
            "value_dyads": int(dyads["value"].notna().sum()),
            "raters": int(dyads["rater"].nunique()),
        },
        name="network",
        dtype=float,
    )
    network["trust_pct"] = percent(network["trust"], (lo, hi), convention)
    network["value_pct"] = percent(network["value"], (lo, hi), convention)
    return TrustValueScores(nodes=nodes, network=network, dyads=dyads)


def rated_dyads(data: NetworkData, *, among: set | None = None) -> pd.DataFrame:
    """All ratings (or those whose rater and ratee are both in ``among``) with their dyad
    trust and value scores, in table order, indexed 0, 1, ...

    The data model holds at most one rating per ordered pair and no self-ratings, so each row
    is one rated ordered pair. ``trust`` (``value``) is the mean of the trust (value) items
    the rater answered, NaN when none. Each row's scores use that row alone, so selecting the
    rows first gives the rows of the whole table's result.
    """
    items = [*data.trust_items, *data.value_items]
    ratings = data.ratings
    if among is not None:
        # the ratee test on the raters' rows only: one pass over the whole table
        ratings = ratings.loc[ratings["rater"].isin(among).to_numpy(bool)]
        ratings = ratings.loc[ratings["ratee"].isin(among).to_numpy(bool)]
    dyads = ratings[["rater", "ratee", *items]].astype({"rater": object, "ratee": object})
    dyads = dyads.reset_index(drop=True)
    dyads["trust"] = dyads[list(data.trust_items)].mean(axis=1, skipna=True)
    dyads["value"] = dyads[list(data.value_items)].mean(axis=1, skipna=True)
    return dyads


def percent(
    score: float | np.ndarray | pd.Series, scale: tuple[float, float], convention: str
) -> float | np.ndarray | pd.Series:
    """Turn a score on ``scale`` into a percentage under ``convention`` (see Notes above)."""
    lo, hi = scale
    if convention == "partner_like":
        return 100.0 * score / hi
    return 100.0 * (score - lo) / (hi - lo)
