"""Change between survey waves or dates: members and ties added and lost, health over time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._progress import check_progress
from lsmnet._progress import progress as _progress
from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs.partnership import NON_PARTNERSHIP_LAYERS
from lsmnet.io.from_graph import check_network_data
from lsmnet.model import NetworkData
from lsmnet.risk.health import coalition_health
from lsmnet.risk.thresholds import as_thresholds

if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from lsmnet.risk.thresholds import RiskThresholds

__all__ = ["Comparison", "compare", "data_periods", "health_over_time"]


@dataclass(frozen=True)
class Comparison:
    """What changed between two snapshots (see :func:`compare`).

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per coalition (index ``coalition``; ``"network"`` is the whole data).
    members : pandas.DataFrame
        ``coalition``, ``org_id``, ``change`` ("added" or "lost").
    ties : pandas.DataFrame
        ``source``, ``target``, ``layer``, ``change`` ("added" or "lost").
    health : pandas.DataFrame
        Long table ``coalition``, ``score``, ``a``, ``b``, ``change`` (b - a) for every
        numeric column of :func:`lsmnet.coalition_health`.
    """

    summary: pd.DataFrame
    members: pd.DataFrame
    ties: pd.DataFrame
    health: pd.DataFrame


def _check_data(data, name: str, func: str) -> None:
    if not isinstance(data, NetworkData):
        check_network_data(data, f"The {name!r} parameter of {func}")


def tie_keys(data: NetworkData, layers: str | Sequence[str] | None = None) -> set:
    """Tie identities ``(source, target, layer)``; undirected ties with the ends sorted."""
    ties = data.ties
    chosen = (
        ties["layer"].isin(layers)
        if layers is not None
        else ~ties["layer"].isin(NON_PARTNERSHIP_LAYERS)
    )
    ties = ties.loc[chosen.to_numpy(bool) & (ties["source"] != ties["target"]).to_numpy(bool)]
    keys = set()
    for s, t, layer, directed in ties[["source", "target", "layer", "directed"]].itertuples(
        index=False, name=None
    ):
        keys.add((s, t, layer) if directed else (*sorted((s, t)), layer))
    return keys


def member_keys(data: NetworkData) -> set:
    """Memberships ``(coalition_id, org_id)``."""
    m = data.memberships
    return set(zip(m["coalition_id"], m["org_id"], strict=True))


def jaccard_stability(a: set, b: set) -> float:
    """Jaccard similarity of two tie sets; NaN when both are empty."""
    union = a | b
    return len(a & b) / len(union) if union else np.nan


def _summary_row(unit, members_a, members_b, ties_a, ties_b) -> dict:
    return {
        "coalition": unit,
        "members_a": len(members_a),
        "members_b": len(members_b),
        "members_added": len(members_b - members_a),
        "members_lost": len(members_a - members_b),
        "ties_a": len(ties_a),
        "ties_b": len(ties_b),
        "ties_added": len(ties_b - ties_a),
        "ties_lost": len(ties_a - ties_b),
        "tie_jaccard": jaccard_stability(ties_a, ties_b),
    }


def change_summary(
    a: NetworkData, b: NetworkData, *, layers: str | Sequence[str] | None = None
) -> tuple[pd.DataFrame, set, set, set, set]:
    """Per-coalition counts of members and ties added and lost between ``a`` and ``b``."""
    ma, mb = member_keys(a), member_keys(b)
    ta, tb = tie_keys(a, layers), tie_keys(b, layers)
    coalitions = list(
        dict.fromkeys([*a.coalitions["coalition_id"], *b.coalitions["coalition_id"]])
    )
    rows = [_summary_row("network", {o for _, o in ma}, {o for _, o in mb}, ta, tb)]
    for cid in coalitions:
        in_a = {o for c, o in ma if c == cid}
        in_b = {o for c, o in mb if c == cid}
        rows.append(
            _summary_row(
                cid,
                in_a,
                in_b,
                {t for t in ta if t[0] in in_a and t[1] in in_a},
                {t for t in tb if t[0] in in_b and t[1] in in_b},
            )
        )
    return pd.DataFrame(rows).set_index("coalition"), ma, mb, ta, tb


def compare(
    a: NetworkData,
    b: NetworkData,
    *,
    coalition: str | Sequence[str] | None = None,
    layers: str | Sequence[str] | None = None,
    null_samples: int = 0,
    thresholds: RiskThresholds | Mapping[str, float] | None = None,
    seed: int | np.random.Generator | None = 0,
    lang: str = "en",
) -> Comparison:
    r"""What changed between two snapshots: members, ties, stability and every health score.

    For evaluators who survey in waves (two NetworkData) or have dated memberships and ties
    (``data.at(2021)`` and ``data.at(2023)``).

    Parameters
    ----------
    a, b : lsmnet.NetworkData
        The earlier and the later snapshot.
    coalition : str or list of str, optional
        Coalition(s) whose health is compared (default: every coalition). The summary always
        covers every coalition.
    layers : str or list of str, optional
        Partnership layers compared (default: every layer except ``funding`` and
        ``competition``).
    null_samples : int, default 0
        Passed to :func:`lsmnet.coalition_health` (0 skips its null model, for speed).
    thresholds : RiskThresholds or dict, optional
        Thresholds of the flags counted in the health table's ``flags_*`` (see
        :func:`lsmnet.coalition_health`).
    seed : int, numpy.random.Generator or None, default 0
        Seed of :func:`lsmnet.coalition_health`.
    lang : {"en", "id"}, default "en"
        Language of the health table's texts.

    Returns
    -------
    Comparison
        ``summary``: per coalition (and ``"network"`` for the whole data) ``members_a``,
        ``members_b``, ``members_added``, ``members_lost``, ``ties_a``, ``ties_b``,
        ``ties_added``, ``ties_lost`` (ties among the coalition's members in each snapshot)
        and ``tie_jaccard``; ``members`` and ``ties``: each membership or tie added or lost;
        ``health``: the change of every numeric health score. When both snapshots carry the
        same undated ratings (two years cut from one survey), the survey is one measurement:
        it is used for ``b`` only, so rating-based scores have ``a`` NaN and no change.

    Raises
    ------
    InvalidParameterError
        If ``a`` or ``b`` is not a NetworkData, or as in :func:`lsmnet.coalition_health`.

    See Also
    --------
    health_over_time, coalition_health

    Notes
    -----
    A tie is identified by its two ends and layer (sorted ends for undirected ties), so a
    tie present in both snapshots is stable even if its weight changed. Tie-set stability is
    the Jaccard similarity

    .. math:: J = \frac{|T_a \cap T_b|}{|T_a \cup T_b|},

    NaN when both snapshots have no ties.

    References
    ----------
    .. [1] Provan, K. G., & Milward, H. B. (2001). Do networks really work? A framework for
       evaluating public-sector organizational networks. Public Administration Review 61(4),
       414–423.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> result = lsm.compare(data.at(2020), data.at(2024), coalition="C04")
    >>> summary = result.summary.loc["C04"]
    >>> bool(summary["members_b"] == summary["members_a"] + summary["members_added"]
    ...      - summary["members_lost"])
    True
    >>> sorted(result.members["change"].unique())
    ['added', 'lost']
    """
    func = "compare"
    _check_data(a, "a", func)
    _check_data(b, "b", func)
    summary, ma, mb, ta, tb = change_summary(a, b, layers=layers)
    members = pd.DataFrame(
        [(c, o, "added") for c, o in sorted(mb - ma)]
        + [(c, o, "lost") for c, o in sorted(ma - mb)],
        columns=["coalition", "org_id", "change"],
    )
    ties = pd.DataFrame(
        [(*t, "added") for t in sorted(tb - ta)] + [(*t, "lost") for t in sorted(ta - tb)],
        columns=["source", "target", "layer", "change"],
    )
    kwargs = {
        "coalition": coalition,
        "layers": layers,
        "null_samples": null_samples,
        "thresholds": as_thresholds(thresholds, func),
        "seed": seed,
        "lang": lang,
    }
    # the same undated survey in both snapshots (data.at(2020) and data.at(2024)) is one
    # measurement, not two: it is compared with nothing rather than shown as "no change"
    same_survey = not ratings_dated(a) and _same_ratings(a, b)
    health_a = coalition_health(without_ratings(a) if same_survey else a, **kwargs).select_dtypes(
        "number"
    )
    health_b = coalition_health(b, **kwargs).select_dtypes("number")
    long_a = health_a.stack().rename("a")
    long_b = health_b.stack().rename("b")
    health = pd.concat([long_a, long_b], axis=1)
    health.index.names = ["coalition", "score"]
    health["change"] = health["b"] - health["a"]
    return Comparison(summary=summary, members=members, ties=ties, health=health.reset_index())


def _same_ratings(a, b) -> bool:
    """Whether ``a`` and ``b`` carry one survey: identical ratings among the organisations
    present in both (two snapshots of one undated survey differ only by who existed)."""
    ra, rb = a.ratings, b.ratings
    if ra.empty or rb.empty or list(ra.columns) != list(rb.columns):
        return False
    both = set(a.organizations["org_id"]) & set(b.organizations["org_id"])

    def common(r):
        keep = r["rater"].isin(both) & r["ratee"].isin(both)
        rows = r.loc[keep.to_numpy(bool)].astype(str)
        return rows.sort_values(list(rows.columns)).reset_index(drop=True)

    shared_a, shared_b = common(ra), common(rb)
    return len(shared_a) > 0 and shared_a.equals(shared_b)


def health_over_time(
    data: NetworkData,
    periods: Sequence[int | str | datetime.date] | None = None,
    *,
    coalition: str | Sequence[str] | None = None,
    layers: str | Sequence[str] | None = None,
    null_samples: int = 0,
    thresholds: RiskThresholds | Mapping[str, float] | None = None,
    seed: int | np.random.Generator | None = 0,
    lang: str = "en",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Coalition health at each period, with the change from the previous period.

    Parameters
    ----------
    data : lsmnet.NetworkData
        Data with dated memberships and ties (``start``/``end``).
    periods : sequence of int, str or date, optional
        Snapshot years or dates, in order (see :meth:`lsmnet.NetworkData.at`). None (default)
        takes every year of the data (:func:`data_periods`), so that no year in which a
        coalition started or changed is skipped.
    coalition, layers, null_samples, thresholds, seed, lang
        As in :func:`compare`.
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal. It counts the periods.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``period``, ``coalition``): every column of :func:`lsmnet.coalition_health`
        plus ``members_added``, ``members_lost``, ``ties_added``, ``ties_lost`` and
        ``tie_jaccard`` relative to the previous period (NaN for the first period).
        Each snapshot keeps only the organisations that existed then (between ``founded``, or
        their first membership, and ``dissolved``, or their last membership; see
        :meth:`lsmnet.NetworkData.at`), so members not yet founded raise no flag.

        Ratings without a date (the usual single survey) describe one moment, not every
        period: they are used in the last period only, and the rating-based columns (trust,
        value, their flags) are NaN or absent in the earlier ones instead of repeating the
        same survey each year. ``DataFrame.attrs["ratings_period"]`` names the period that
        uses them (None without ratings; every period when the ratings carry a ``date``).

    Raises
    ------
    InvalidParameterError
        If ``periods`` is empty (or None for data without dates), a period is not a year or
        date, ``progress`` is not None, True or False, or ``thresholds`` is invalid (checked
        before any period is computed).

    See Also
    --------
    compare

    References
    ----------
    .. [1] Provan, K. G., & Milward, H. B. (2001). Do networks really work? A framework for
       evaluating public-sector organizational networks. Public Administration Review 61(4),
       414–423.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> table = lsm.health_over_time(data, [2019, 2021, 2023], coalition="C04")
    >>> table[["members", "members_added", "members_lost", "tie_jaccard"]].round(2)
                     members  members_added  members_lost  tie_jaccard
    period coalition
    2019   C04             ...
    """
    check_network_data(data, "health_over_time")
    func = "health_over_time"
    check_progress(progress, func)
    thresholds = as_thresholds(thresholds, func)
    if periods is None:
        periods = data_periods(data)
        if not periods:
            raise InvalidParameterError(
                f"The 'periods' parameter of {func} is needed for these data: no membership "
                "or tie carries a start or end date. Pass years such as [2019, 2021]."
            )
    periods = list(periods) if not isinstance(periods, (str, int)) else [periods]
    if not periods:
        raise InvalidParameterError(
            f"The 'periods' parameter of {func} must list at least one year or date. Got []."
        )
    frames, previous = [], None
    dated = ratings_dated(data)
    for i, period in enumerate(_progress(periods, desc=func, enabled=progress)):
        snapshot = data.at(period)
        rated = snapshot
        if not dated and i < len(periods) - 1:
            rated = without_ratings(snapshot)
        health = coalition_health(
            rated,
            coalition=coalition,
            layers=layers,
            null_samples=null_samples,
            thresholds=thresholds,
            seed=seed,
            lang=lang,
            progress=False,
        )
        change_columns = [
            "members_added",
            "members_lost",
            "ties_added",
            "ties_lost",
            "tie_jaccard",
        ]
        if previous is None:
            changes = pd.DataFrame(np.nan, index=health.index, columns=change_columns)
        else:
            summary = change_summary(previous, snapshot, layers=layers)[0]
            changes = summary[change_columns].reindex(health.index).astype(float)
        frames.append(pd.concat([health, changes], axis=1).assign(period=period))
        previous = snapshot
    table = pd.concat(frames).reset_index().set_index(["period", "coalition"])
    table.attrs["ratings_period"] = (
        None if data.ratings.empty else ("every" if dated else periods[-1])
    )
    return table


def data_periods(data: NetworkData) -> list[int]:
    """Every year from the first to the last dated membership or tie (start or end).

    Parameters
    ----------
    data : lsmnet.NetworkData
        The network whose membership and tie dates (``start``, ``end``) are read.

    Returns
    -------
    list of int
        The years in order; empty when no membership or tie carries a date.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet.risk.change import data_periods
    >>> data_periods(lsm.datasets.load_dataset("indonesia_demo"))
    [2018, 2019, 2020, 2021, 2022, 2023, 2024]
    """
    check_network_data(data, "data_periods")
    values = [
        pd.to_datetime(frame[column], errors="coerce").dropna()
        for frame in (data.memberships, data.ties)
        for column in ("start", "end")
        if column in frame.columns
    ]
    values = [v for v in values if len(v)]
    if not values:
        return []
    dates = pd.concat(values)
    return list(range(int(dates.min().year), int(dates.max().year) + 1))


def ratings_dated(data: NetworkData) -> bool:
    """Whether the ratings carry their own date (a ``date`` column with a value)."""
    ratings = data.ratings
    return "date" in ratings.columns and bool(ratings["date"].notna().any())


def without_ratings(data: NetworkData) -> NetworkData:
    """The same snapshot without its ratings (their scores become NaN, their flags skipped)."""
    return data._replace(ratings=data.ratings.iloc[:0])
