"""Charts of inequality, trust and value, layers, change over time and centrality."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._i18n import check_lang, label, text
from lsmnet._validation import check_number
from lsmnet.exceptions import InvalidParameterError
from lsmnet.plotting._common import (
    _PALETTE,
    SEVERITY_COLORS,
    TYPE_COLORS,
    _check_pandas,
    _literal,
    _new_axes,
)
from lsmnet.plotting.network import _place_labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from numpy.typing import ArrayLike


def plot_lorenz(
    values: Mapping | pd.Series | pd.DataFrame | ArrayLike,
    *,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Draw Lorenz curves of how concentrated ties, influence or budgets are.

    Parameters
    ----------
    values : array-like, pandas.Series, or mapping name -> array-like
        Non-negative amounts, one per member (e.g. degree, received power ratings). A mapping
        draws one curve per entry (e.g. one per coalition), labelled with its key and Gini.
    lang : {"en", "id"}, default "en"
        Language of the axis labels.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidParameterError
        If a value is negative or not finite (raised by :func:`lsmnet.metrics.lorenz_curve`).

    Notes
    -----
    The curve joins :math:`(i/n, \\sum_{k \\le i} x_{(k)} / \\sum_k x_k)` for the values sorted
    in increasing order (Lorenz 1905); the diagonal is perfect equality. The Gini coefficient in
    the legend is :func:`lsmnet.metrics.gini`.

    Examples
    --------
    >>> from lsmnet.plotting import plot_lorenz
    >>> ax = plot_lorenz({"Coalition A": [1, 1, 1, 9], "Coalition B": [2, 2, 3, 3]})
    >>> len(ax.lines)
    3
    """
    from lsmnet.metrics.inequality import gini, lorenz_curve

    func = "plot_lorenz"
    check_lang(lang, func)
    if ax is None:
        ax = _new_axes((5.5, 5))
    curves = values if isinstance(values, Mapping) else {None: values}
    ax.plot([0, 1], [0, 1], color="#999999", linestyle="--", linewidth=1, label=None)
    for i, (name, vals) in enumerate(curves.items()):
        arr = np.asarray(pd.Series(vals, dtype=float).dropna(), dtype=float)
        if arr.size == 0:
            continue
        curve = lorenz_curve(arr)
        x, y = curve["population_share"], curve["value_share"]
        g = gini(arr)
        label = text("plot.gini_is", lang, gini=f"{g:.2f}")
        if name is not None:
            label = f"{_literal(name, 40)} ({label})"
        ax.plot(x, y, color=_PALETTE[i % len(_PALETTE)], linewidth=2, label=label)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel(text("plot.lorenz_x", lang))
    ax.set_ylabel(text("plot.lorenz_y", lang))
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return ax


def plot_trust_value(
    scores: pd.DataFrame,
    *,
    trust: str = "trust",
    value: str = "value",
    scale: tuple[float, float] = (1, 4),
    names: Mapping | pd.Series | None = None,
    flagged: Iterable | None = None,
    max_labels: int = 10,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Draw the trust-versus-value quadrant: how members are trusted and how they are valued.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per member (index = member id) with the trust and value received, e.g. from
        :func:`lsmnet.trust_value_scores` or :func:`lsmnet.member_table`. Rows with a missing
        score (too few raters) are left out and counted in a note.
    trust, value : str, default "trust", "value"
        Column names of the two scores.
    scale : (float, float), default (1, 4)
        The rating scale; the quadrant lines cross at its midpoint.
    names : mapping member -> str, optional
        Display names for the labels (default: the index).
    flagged : iterable of members, optional
        Members to label and mark in any case.
    max_labels : int, default 10
        Labels at most: flagged members first, then the members furthest below the midpoint.
    lang : {"en", "id"}, default "en"
        Language of the axis and quadrant texts.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidParameterError
        If a column is missing or the scale is not increasing.

    Notes
    -----
    Quadrants follow the PARTNER tool's reading of trust and value (Varda et al.; McCullough
    et al. 2016, BMC Public Health 16:528): high trust and high value are the coalition's
    anchors; high value with low trust is a relationship to repair; high trust with low value
    is an under-used partner.

    Examples
    --------
    >>> import pandas as pd
    >>> from lsmnet.plotting import plot_trust_value
    >>> s = pd.DataFrame({"trust": [3.5, 1.5, 3.0], "value": [3.2, 3.6, 1.2]},
    ...                  index=["a", "b", "c"])
    >>> ax = plot_trust_value(s)
    >>> bool(ax.get_xlim()[0] <= 1 <= 4 <= ax.get_xlim()[1])
    True
    """
    func = "plot_trust_value"
    check_lang(lang, func)
    check_number(max_labels, "max_labels", func, low=0, integer=True)
    _check_pandas(scores, pd.DataFrame, "scores", func)
    for col, pname in ((trust, "trust"), (value, "value")):
        if col not in scores.columns:
            raise InvalidParameterError(
                f"The {pname!r} parameter of {func} names the column {col!r}, which is not in "
                f"scores. Columns: {list(map(str, scores.columns))}."
            )
    lo, hi = scale
    if not hi > lo:
        raise InvalidParameterError(
            f"The 'scale' parameter of {func} must be (low, high) with high > low. Got {scale!r}."
        )
    if ax is None:
        ax = _new_axes((6, 5.5))
    t = pd.to_numeric(scores[trust], errors="coerce").astype(float)
    v = pd.to_numeric(scores[value], errors="coerce").astype(float)
    ok = t.notna() & v.notna()
    mid = (lo + hi) / 2
    pad = (hi - lo) * 0.05
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(lo - pad, hi + pad)
    ax.axvline(mid, color="#999999", linewidth=1, linestyle="--")
    ax.axhline(mid, color="#999999", linewidth=1, linestyle="--")
    corners = (
        ("plot.q_anchor", 0.98, 0.98, "right", "top"),
        ("plot.q_repair", 0.02, 0.98, "left", "top"),
        ("plot.q_underused", 0.98, 0.02, "right", "bottom"),
        ("plot.q_weak", 0.02, 0.02, "left", "bottom"),
    )
    for key, x, y, ha, va in corners:
        ax.text(
            x,
            y,
            text(key, lang),
            transform=ax.transAxes,
            ha=ha,
            va=va,
            fontsize=8,
            color="#555555",
            style="italic",
        )
    flagged_set = set(flagged) if flagged is not None else set()
    is_flagged = np.array([i in flagged_set for i in t.index[ok]], dtype=bool)
    colors = np.where(is_flagged, SEVERITY_COLORS["high"], TYPE_COLORS["ngo"])
    ax.scatter(t[ok], v[ok], s=36, c=list(colors), alpha=0.8, edgecolors="white", zorder=3)
    if is_flagged.any():
        from matplotlib.lines import Line2D

        marker = {"marker": "o", "linestyle": "", "markersize": 6, "markeredgecolor": "white"}
        keys = ((TYPE_COLORS["ngo"], "plot.q_member"), (SEVERITY_COLORS["high"], "plot.q_flagged"))
        ax.legend(
            handles=[Line2D([], [], color=c, label=text(k, lang), **marker) for c, k in keys],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=2,
            frameon=False,
            fontsize=8,
        )
    shortfall = (mid - t[ok]).clip(lower=0) + (mid - v[ok]).clip(lower=0)
    ranking = list(shortfall[shortfall > 0].sort_values(ascending=False, kind="stable").index)
    must = [m for m in t.index[ok] if m in flagged_set]
    chosen = list(dict.fromkeys([*must, *ranking]))[:max_labels]
    pos = {m: (t[m], v[m]) for m in chosen}
    label_of = {m: (names.get(m, m) if names is not None else m) for m in chosen}
    # greedy placement: no two labels overlap; a label with no free place is left out
    _place_labels(
        ax, pos, label_of, dict.fromkeys(chosen, 3.5), limits=((lo - pad, hi + pad),) * 2
    )
    ax.set_xlabel(text("plot.trust_axis", lang))
    ax.set_ylabel(text("plot.value_axis", lang))
    left_out = int((~ok).sum())
    if left_out:
        ax.annotate(
            text("plot.not_enough_raters", lang, n=left_out),
            xy=(0, -0.22 if is_flagged.any() else -0.14),
            xycoords="axes fraction",
            fontsize=8,
            color="#555555",
        )
    return ax


def plot_layers(
    profile: pd.Series | pd.DataFrame, *, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """Draw the layer profile: how much of each kind of tie a coalition has.

    Parameters
    ----------
    profile : pandas.Series or pandas.DataFrame
        A Series indexed by layer (one coalition: horizontal bars), or a DataFrame with one row
        per coalition and one column per layer (a heat map with the values written in).
    lang : {"en", "id"}, default "en"
        Language of the layer names (known layers are translated).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidParameterError
        If ``profile`` is neither a Series nor a DataFrame, or holds no numeric value.

    Examples
    --------
    >>> import pandas as pd
    >>> from lsmnet.plotting import plot_layers
    >>> p = pd.Series({"operational": 0.3, "advocacy": 0.2, "capacity": 0.1, "network": 0.4})
    >>> ax = plot_layers(p)
    >>> len(ax.patches)
    4
    """
    func = "plot_layers"
    check_lang(lang, func)
    _check_pandas(profile, (pd.Series, pd.DataFrame), "profile", func)
    numeric = profile.apply(pd.to_numeric, errors="coerce").astype(float)
    if numeric.size == 0 or bool(numeric.isna().all(axis=None)):
        raise InvalidParameterError(f"The 'profile' parameter of {func} holds no numeric value.")
    if ax is None:
        ax = _new_axes((6, 3.5) if isinstance(profile, pd.Series) else (7, 4))
    if isinstance(numeric, pd.Series):
        layers = [_literal(label("layer", n, lang)) for n in numeric.index]
        ypos = np.arange(len(layers))[::-1]
        ax.barh(ypos, numeric.fillna(0).to_numpy(), color=_PALETTE[: len(layers)])
        ax.set_yticks(ypos, labels=layers)
        ax.set_xlim(0, max(1e-9, float(numeric.max())) * 1.15)
        for y, val in zip(ypos, numeric.to_numpy(), strict=True):
            shown = "–" if np.isnan(val) else f"{val:.2f}"
            ax.text(val if np.isfinite(val) else 0, y, f" {shown}", va="center", fontsize=8)
        if numeric.name is not None:
            ax.set_xlabel(_literal(label("col", numeric.name, lang), 60))
        return ax
    values = numeric.to_numpy()
    img = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=np.nanmax(values) or 1)
    ax.set_xticks(
        range(values.shape[1]),
        labels=[_literal(label("layer", c, lang)) for c in numeric.columns],
        rotation=30,
        ha="right",
    )
    ax.set_yticks(range(values.shape[0]), labels=[_literal(r) for r in numeric.index])
    top = np.nanmax(values) or 1
    for (i, j), val in np.ndenumerate(values):
        shown = "–" if np.isnan(val) else f"{val:.2f}"
        ax.text(
            j,
            i,
            shown,
            ha="center",
            va="center",
            fontsize=8,
            color="white" if np.isfinite(val) and val > 0.6 * top else "black",
        )
    ax.figure.colorbar(img, ax=ax, fraction=0.04)
    return ax


def plot_health_over_time(
    table: pd.DataFrame,
    *,
    metrics: Iterable[str] | None = None,
    period: str | None = None,
    by: str | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Draw how health scores change between survey waves or years.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per period (and per coalition when ``by`` is given), e.g. from
        :func:`lsmnet.health_over_time`.
    metrics : list of str, optional
        Numeric columns to draw (default: every numeric column except ``period`` and ``by``).
    period : str, optional
        Column holding the period (year, date or wave label); default: the index.
    by : str, optional
        Column whose groups (e.g. coalitions) get one line each (labelled with the group
        alone when one metric is drawn; that metric then names the y axis).
    lang : {"en", "id"}, default "en"
        Language of the axis label and of known metric names.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidParameterError
        If a named column is missing or no numeric column is left to draw.

    Examples
    --------
    >>> import pandas as pd
    >>> from lsmnet.plotting import plot_health_over_time
    >>> t = pd.DataFrame({"density": [0.2, 0.25, 0.3]}, index=[2021, 2022, 2023])
    >>> ax = plot_health_over_time(t)
    >>> [int(x) for x in ax.lines[0].get_xdata()]
    [2021, 2022, 2023]
    """
    func = "plot_health_over_time"
    check_lang(lang, func)
    _check_pandas(table, pd.DataFrame, "table", func)
    for col, pname in ((period, "period"), (by, "by")):
        if col is not None and col not in table.columns:
            raise InvalidParameterError(
                f"The {pname!r} parameter of {func} names the column {col!r}, which is not in "
                "the table."
            )
    if metrics is None:
        skip = {period, by}
        metrics = [
            c
            for c in table.columns
            if c not in skip
            and pd.api.types.is_numeric_dtype(table[c])
            and not pd.api.types.is_bool_dtype(table[c])
        ]
    missing = [m for m in metrics if m not in table.columns]
    if missing:
        raise InvalidParameterError(
            f"The 'metrics' parameter of {func} names columns that are not in the table: "
            f"{missing!r}."
        )
    if not metrics:
        raise InvalidParameterError(f"{func} found no numeric column to draw in the table.")
    if ax is None:
        ax = _new_axes((7, 4))
    groups = [(None, table)] if by is None else list(table.groupby(by, sort=True, dropna=False))
    styles = ("-", "--", ":", "-.")
    for gi, (group, part) in enumerate(groups):
        x = part.index if period is None else part[period]
        for mi, metric in enumerate(metrics):
            name = _literal(label("col", metric, lang), 40)
            if group is None:
                line_label = name
            elif len(metrics) == 1:
                line_label = _literal(group)
            else:
                line_label = f"{_literal(group)} – {name}"
            ax.plot(
                list(x),
                pd.to_numeric(part[metric], errors="coerce").astype(float).to_numpy(),
                marker="o",
                linestyle=styles[mi % len(styles)],
                color=_PALETTE[(gi if by is not None else mi) % len(_PALETTE)],
                label=line_label,
            )
    from matplotlib.ticker import MaxNLocator

    periods = table.index if period is None else table[period]
    if all(isinstance(p, numbers.Integral) for p in periods):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(text("plot.period", lang))
    if len(metrics) == 1:
        ax.set_ylabel(_literal(label("col", metrics[0], lang), 40))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.grid(alpha=0.3)
    return ax


def plot_centrality(
    values: pd.Series,
    *,
    top: int = 20,
    names: Mapping | pd.Series | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Draw the members with the highest score on a centrality as horizontal bars.

    Parameters
    ----------
    values : pandas.Series
        Score per member (index = member id); ``.name`` labels the axis.
    top : int, default 20
        How many members to show (missing scores are left out).
    names : mapping member -> str, optional
        Display names (default: the index).
    lang : {"en", "id"}, default "en"
        Language of the axis label for known measures.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidParameterError
        If ``values`` is not a pandas Series or ``top`` is not a positive integer.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> from lsmnet.plotting import plot_centrality
    >>> bc = pd.Series(nx.betweenness_centrality(nx.karate_club_graph()), name="betweenness")
    >>> ax = plot_centrality(bc, top=5)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['0', '33', '32', '2', '31']
    """
    func = "plot_centrality"
    check_lang(lang, func)
    check_number(top, "top", func, low=1, integer=True)
    _check_pandas(values, pd.Series, "values", func)
    s = pd.to_numeric(values, errors="coerce").astype(float).dropna()
    s = s.sort_values(ascending=False, kind="stable").iloc[:top]
    if ax is None:
        ax = _new_axes((6, max(2.5, 0.3 * len(s) + 1)))
    ypos = np.arange(len(s))[::-1]
    ax.barh(ypos, s.to_numpy(), color=TYPE_COLORS["ngo"])
    labels = [_literal(names.get(m, m) if names is not None else m) for m in s.index]
    ax.set_yticks(ypos, labels=labels)
    if values.name is not None:
        ax.set_xlabel(_literal(label("col", values.name, lang), 60))
    ax.grid(axis="x", alpha=0.3)
    return ax
