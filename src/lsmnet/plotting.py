"""Plots of partnership networks, coalition memberships, inequality, trust and change.

This is the only module that imports matplotlib, and it does so inside its functions, so
``import lsmnet`` stays fast and works without a display. Every function draws on ``ax`` when
given one, otherwise on a new figure, and returns the Axes; none calls ``plt.show()``. Layouts
are seeded, so the same graph and seed give the same picture. Texts the plots add (axis labels,
legends, quadrant names) come from the report's label catalogue in English (``lang="en"``) or
Bahasa Indonesia (``lang="id"``); organisation names are drawn literally (a ``$`` never starts
mathtext).
"""

from __future__ import annotations

import math
import numbers
import os
import sys
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._validation import check_graph, check_number, check_option, check_seed
from lsmnet.exceptions import GraphTypeError, InvalidParameterError
from lsmnet.report.labels import label, text
from lsmnet.risk.catalog import check_lang

__all__ = [
    "TYPE_COLORS",
    "plot_centrality",
    "plot_health_over_time",
    "plot_layers",
    "plot_lorenz",
    "plot_membership",
    "plot_network",
    "plot_trust_value",
]

# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), fixed per
# organisation type so that every map of a report uses the same colour for the same type.
TYPE_COLORS = {
    "ngo": "#0072B2",
    "cbo": "#009E73",
    "ingo": "#56B4E9",
    "funder": "#E69F00",
    "government": "#CC79A7",
    "academic": "#D55E00",
    "private": "#F0E442",
    "other": "#999999",
}
_UNKNOWN_COLOR = "#DDDDDD"
_PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#882255",
    "#44AA99",
    "#117733",
)
SEVERITY_COLORS = {"high": "#C00000", "watch": "#E07000", "info": "#5A5A5A"}
_LABEL_CHARS = 28


def _new_axes(figsize):
    """A fresh Axes on a pyplot figure; Agg when no display is available."""
    import matplotlib

    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def _literal(value, limit: int = _LABEL_CHARS, *, escape_math: bool = True) -> str:
    """User text made safe for matplotlib: on one line, shortened, and (for texts that parse
    mathtext, such as tick and legend labels) with ``$`` escaped so it never starts mathtext."""
    s = " ".join(str(value).split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return s.replace("$", r"\$") if escape_math else s


def _layout_seed(seed, func) -> int:
    """An integer seed for networkx (which takes no numpy Generator) from ``seed``."""
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(2**31))
    check_seed(seed, func)
    return seed


def _check_pandas(value, types, name, func):
    """Raise unless ``value`` is a pandas object of ``types`` (Series and/or DataFrame)."""
    if not isinstance(value, types):
        kinds = types if isinstance(types, tuple) else (types,)
        what = " or ".join(t.__name__ for t in kinds)
        raise InvalidParameterError(
            f"The {name!r} parameter of {func} must be a pandas {what}. "
            f"Got {type(value).__name__}."
        )


def _node_name(G, n) -> str:
    attrs = G.nodes[n]
    for key in ("name", "label"):
        value = attrs.get(key)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            return str(value)
    return str(n[1]) if isinstance(n, tuple) and len(n) == 2 else str(n)


def _as_series(values, nodes, name, func) -> pd.Series:
    """A float Series over ``nodes`` from a mapping or Series (missing nodes -> NaN)."""
    if not isinstance(values, Mapping | pd.Series):
        raise InvalidParameterError(
            f"The {name!r} parameter of {func} must be None, a string or a mapping/Series "
            f"indexed by node. Got {type(values).__name__}."
        )
    s = pd.Series(values) if isinstance(values, Mapping) else values
    out = pd.Series([s.get(n, np.nan) for n in nodes], index=pd.Index(nodes, tupleize_cols=False))
    return pd.to_numeric(out, errors="coerce").astype(float)


def _is_missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _categories(G, color, weight, seed, func):
    """Category of each node (list, in node order) and the colour of each category (dict)."""
    nodes = list(G)
    if color is None:
        return [None] * len(nodes), {None: TYPE_COLORS["ngo"]}
    if isinstance(color, str) and color == "community":
        communities = nx.community.louvain_communities(G, weight=weight, seed=seed)
        ranked = sorted(communities, key=lambda c: (-len(c), min(nodes.index(n) for n in c)))
        of = {n: i + 1 for i, c in enumerate(ranked) for n in c}
        cats = [of[n] for n in nodes]
    elif isinstance(color, str):
        cats = [G.nodes[n].get(color) for n in nodes]
        cats = [None if _is_missing(c) else c for c in cats]
    elif isinstance(color, Mapping | pd.Series):
        cats = [None if _is_missing(color.get(n)) else color.get(n) for n in nodes]
    else:
        raise InvalidParameterError(
            f"The 'color' parameter of {func} must be None, 'type', 'community', a node "
            f"attribute name or a mapping from node to category. Got {type(color).__name__}."
        )
    present = sorted({c for c in cats if c is not None}, key=str)
    if color == "type":
        colors = {c: TYPE_COLORS.get(c, _UNKNOWN_COLOR) for c in present}
    else:
        colors = {c: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(present)}
    colors[None] = _UNKNOWN_COLOR
    return cats, colors


def _category_label(color, category, lang) -> str:
    if category is None:
        return text("plot.unknown", lang)
    if color == "type":
        return label("type", category, lang)
    if color == "community":
        return text("plot.community_n", lang, n=category)
    return _literal(category)


def _flag_levels(flagged, nodes, func) -> dict:
    if flagged is None:
        return {}
    if isinstance(flagged, Mapping | pd.Series):
        levels = {n: flagged[n] for n in flagged.keys() if n in nodes}
    elif isinstance(flagged, Iterable) and not isinstance(flagged, str):
        levels = {n: "high" for n in flagged if n in nodes}
    else:
        raise InvalidParameterError(
            f"The 'flagged' parameter of {func} must be an iterable of nodes or a mapping from "
            f"node to severity. Got {flagged!r}."
        )
    for n, level in levels.items():
        check_option(level, tuple(SEVERITY_COLORS), f"flagged[{n!r}]", func)
    return levels


def _pick_labels(labels, nodes, ranking, must, max_labels, func) -> dict:
    """Nodes to label -> text. ``ranking`` orders nodes by importance, ``must`` go first."""
    if labels is None or labels is False:
        return {}
    if isinstance(labels, Mapping | pd.Series):
        return {n: str(labels[n]) for n in labels.keys() if n in nodes}
    if isinstance(labels, str):
        check_option(labels, ("auto",), "labels", func)
        chosen = list(dict.fromkeys([*must, *ranking]))[:max_labels]
        return {n: None for n in chosen}
    return {n: None for n in labels if n in nodes}


def _label_nodes(ax, pos, names, *, fontsize=7, ha="center", dx=0.0, dy=0.0):
    import matplotlib.patheffects as pe

    halo = [pe.withStroke(linewidth=2.5, foreground="white")]
    for n, shown in names.items():
        x, y = pos[n]
        ax.text(
            x + dx,
            y + dy,
            _literal(shown, escape_math=False),
            fontsize=fontsize,
            ha=ha,
            va="bottom" if dy else "center",
            parse_math=False,
            path_effects=halo,
            zorder=5,
        )


def plot_network(
    G,
    *,
    node_size=None,
    color="type",
    flagged=None,
    labels="auto",
    max_labels=12,
    pos=None,
    weight="weight",
    seed=0,
    legend=True,
    lang="en",
    ax=None,
):
    """Draw a partnership network: nodes sized by a centrality, coloured by type or community.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Nodes are organisations; a ``name`` (or ``label``) node attribute is used for labels and
        a ``type`` attribute for the default colouring.
    node_size : None, "degree", mapping or pandas.Series, optional
        Value per node that sets the marker area (linear between the smallest and the largest
        value; missing values get the smallest size). ``None`` draws equal markers.
    color : "type", "community", str, mapping or None, default "type"
        ``"type"`` colours by organisation type with fixed colours (:data:`TYPE_COLORS`);
        ``"community"`` by Louvain communities (seeded); any other string names a categorical
        node attribute; a mapping gives each node's category. Missing categories are grey.
    flagged : iterable of nodes or mapping node -> severity, optional
        Members to mark with a ring coloured by severity (``"high"``, ``"watch"``, ``"info"``);
        an iterable marks them all ``"high"``.
    labels : "auto", None, iterable of nodes or mapping node -> text, default "auto"
        ``"auto"`` labels the flagged members first, then the largest nodes, at most
        ``max_labels`` in all, so that a 300-node map stays readable.
    max_labels : int, default 12
        Upper bound for ``labels="auto"``.
    pos : mapping node -> (x, y), optional
        Positions to use instead of the seeded spring layout.
    weight : str or None, default "weight"
        Edge attribute for line widths and communities (edges without it count as 1).
    seed : int or numpy.random.Generator, default 0
        Seed of the spring layout and of the community detection.
    legend : bool, default True
        Draw a legend of colours, flag rings and the meaning of node size.
    lang : {"en", "id"}, default "en"
        Language of the legend texts.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph, or is a multigraph.
    InvalidParameterError
        If an option is not one of the allowed values or ``pos`` misses a node.

    Notes
    -----
    Directed graphs with at most 80 nodes are drawn with arrows; larger ones with plain lines
    (arrowheads would hide the nodes). The layout is ``networkx.spring_layout`` (Fruchterman
    and Reingold 1991) of the members with at least one tie, with the given seed and
    unweighted forces, so heavy funding amounts do not collapse the picture; members without
    a tie are lined up underneath.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet.plotting import plot_network
    >>> G = nx.karate_club_graph()
    >>> ax = plot_network(G, node_size="degree", color="community", flagged=[0, 33])
    >>> len(ax.collections) >= 2
    True
    """
    func = "plot_network"
    check_graph(G, func)
    check_lang(lang, func)
    check_number(max_labels, "max_labels", func, low=0, integer=True)
    rng = _layout_seed(seed, func)
    nodes = list(G)
    if ax is None:
        ax = _new_axes((8, 6.5))
    ax.set_axis_off()
    if not nodes:
        return ax

    if pos is None:
        pos = _layout(G, rng)
    missing = [n for n in nodes if n not in pos]
    if missing:
        raise InvalidParameterError(
            f"The 'pos' parameter of {func} must give a position for every node. "
            f"Missing: {missing[:5]!r}."
        )

    if node_size is None:
        sizes = pd.Series(1.0, index=pd.Index(nodes, tupleize_cols=False))
    elif isinstance(node_size, str):
        check_option(node_size, ("degree",), "node_size", func)
        sizes = pd.Series(dict(G.degree()), dtype=float).reindex(nodes)
    else:
        sizes = _as_series(node_size, nodes, "node_size", func)
        sizes.name = getattr(node_size, "name", None)
    lo, hi = np.nanmin(sizes.to_numpy()), np.nanmax(sizes.to_numpy())
    shrink = min(1.0, math.sqrt(60 / len(nodes)))
    span = (hi - lo) if hi > lo else 1.0
    rel = ((sizes.fillna(lo) - lo) / span).to_numpy() if np.isfinite(lo) else np.zeros(len(nodes))
    areas = (25 + 375 * rel) * shrink if hi > lo else np.full(len(nodes), 120 * shrink)

    _draw_edges(ax, G, pos, nodes, areas, weight)

    cats, colors = _categories(G, color, weight, rng, func)
    levels = _flag_levels(flagged, set(nodes), func)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=areas,
        c=[colors[c] for c in cats],
        edgecolors="white",
        linewidths=0.6,
        zorder=3,
    )
    if levels:
        idx = [nodes.index(n) for n in levels]
        ax.scatter(
            xy[idx, 0],
            xy[idx, 1],
            s=areas[idx] * 1.9 + 30,
            facecolors="none",
            edgecolors=[SEVERITY_COLORS[levels[n]] for n in levels],
            linewidths=1.8,
            zorder=4,
        )

    ranking = list(sizes.fillna(-np.inf).sort_values(ascending=False, kind="stable").index)
    if node_size is None:
        deg = pd.Series(dict(G.degree()), dtype=float).reindex(nodes)
        ranking = list(deg.sort_values(ascending=False, kind="stable").index)
    severity_order = {"high": 0, "watch": 1, "info": 2}
    must = sorted(levels, key=lambda n: severity_order[levels[n]])
    chosen = _pick_labels(labels, set(nodes), ranking, must, max_labels, func)
    names = {n: (t if t is not None else _node_name(G, n)) for n, t in chosen.items()}
    ys = xy[:, 1]
    _label_nodes(ax, pos, names, dy=0.025 * (float(ys.max() - ys.min()) or 1.0))

    if legend:
        _network_legend(ax, color, cats, colors, levels, node_size, sizes, lang)
    ax.margins(0.06)
    return ax


def _layout(G, seed) -> dict:
    """Seeded spring layout of the connected members, isolates in a row underneath.

    A spring layout pushes isolated nodes far out, which shrinks everyone else into a corner;
    drawing them apart keeps the map readable and still shows that they have no tie.
    """
    isolates = [n for n in G if G.degree(n) == 0 or set(G[n]) == {n}]
    tied = G.subgraph([n for n in G if n not in set(isolates)])
    pos = {}
    if tied.number_of_nodes():
        k = 1.6 / math.sqrt(tied.number_of_nodes())
        pos = nx.spring_layout(tied, k=k, iterations=100, seed=seed, weight=None)
    if isolates:
        bottom = min((y for _, y in pos.values()), default=0.0) - 0.35
        xs = np.linspace(-1, 1, len(isolates)) if len(isolates) > 1 else [0.0]
        pos.update({n: np.array([x, bottom]) for n, x in zip(isolates, xs, strict=True)})
    return pos


def _draw_edges(ax, G, pos, nodes, areas, weight):
    from matplotlib.collections import LineCollection

    edges = [(u, v, d) for u, v, d in G.edges(data=True) if u != v]
    if not edges:
        return
    w = np.array([float(d.get(weight, 1.0)) if weight else 1.0 for _, _, d in edges])
    w = np.where(np.isfinite(w) & (w > 0), w, 1.0)
    widths = 0.4 + 2.2 * (w - w.min()) / (w.max() - w.min()) if w.max() > w.min() else 0.8
    alpha = 0.55 if len(edges) < 200 else max(0.12, 0.55 * math.sqrt(200 / len(edges)))
    if G.is_directed() and len(nodes) <= 80:
        nx.draw_networkx_edges(
            G,
            pos,
            edgelist=[(u, v) for u, v, _ in edges],
            ax=ax,
            width=widths,
            alpha=alpha,
            edge_color="#555555",
            arrowstyle="-|>",
            arrowsize=8,
            node_size=list(areas),
            nodelist=nodes,
        )
        return
    segments = [(pos[u], pos[v]) for u, v, _ in edges]
    ax.add_collection(
        LineCollection(segments, linewidths=widths, colors="#555555", alpha=alpha, zorder=1)
    )


def _network_legend(ax, color, cats, colors, levels, node_size, sizes, lang):
    from matplotlib.lines import Line2D

    handles = []
    present = [c for c in colors if c in set(cats)]
    present = sorted((c for c in present if c is not None), key=str) + (
        [None] if None in cats and color is not None else []
    )
    if color is not None:
        for c in present[:12]:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=7,
                    markerfacecolor=colors[c],
                    markeredgecolor="white",
                    label=_category_label(color, c, lang),
                )
            )
    for level in ("high", "watch", "info"):
        if level in levels.values():
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=10,
                    markerfacecolor="none",
                    markeredgecolor=SEVERITY_COLORS[level],
                    markeredgewidth=1.8,
                    label=text(f"plot.flag_{level}", lang),
                )
            )
    if node_size is not None:
        measure = node_size if isinstance(node_size, str) else sizes.name
        what = label("col", measure, lang) if measure is not None else ""
        if what:
            size_text = text("plot.size_by", lang, measure=_literal(what, 40))
            handles.append(Line2D([], [], linestyle="", label=size_text))
    if handles:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=min(4, len(handles)),
            frameon=False,
            fontsize=8,
            handletextpad=0.3,
            columnspacing=1.2,
        )


def plot_membership(B, *, color="type", max_labels=20, lang="en", ax=None):
    """Draw a two-mode membership network: organisations on the left, coalitions on the right.

    Parameters
    ----------
    B : networkx.Graph
        Bipartite graph whose nodes carry ``bipartite=0`` (organisations) or ``bipartite=1``
        (coalitions, clubs, events), as made by :func:`lsmnet.membership_graph`.
    color : "type", str or None, default "type"
        Node attribute that colours the organisations (see :func:`plot_network`).
    max_labels : int, default 20
        Organisations to label at most: those with the most memberships. Coalitions are always
        labelled.
    lang : {"en", "id"}, default "en"
        Language of the legend texts.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    GraphTypeError
        If ``B`` is not a networkx graph, or a node has no ``bipartite`` attribute of 0 or 1.

    Notes
    -----
    Coalitions are placed top to bottom by decreasing size; each organisation sits at the mean
    height of its coalitions (the barycentre heuristic of Sugiyama, Tagawa and Toda 1981), so
    members of the same coalitions sit together and few lines cross.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet.plotting import plot_membership
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["a", "b", "c"], bipartite=0)
    >>> B.add_nodes_from(["X", "Y"], bipartite=1)
    >>> B.add_edges_from([("a", "X"), ("b", "X"), ("b", "Y"), ("c", "Y")])
    >>> ax = plot_membership(B)
    >>> sorted(t.get_text() for t in ax.texts)
    ['X', 'Y', 'a', 'b', 'c']
    """
    func = "plot_membership"
    check_graph(B, func)
    check_lang(lang, func)
    check_number(max_labels, "max_labels", func, low=0, integer=True)
    sides = nx.get_node_attributes(B, "bipartite")
    bad = [n for n in B if sides.get(n) not in (0, 1)]
    if bad:
        raise GraphTypeError(
            f"{func} needs a bipartite graph whose nodes have bipartite=0 (organisations) or "
            f"bipartite=1 (coalitions). Node {bad[0]!r} has {sides.get(bad[0])!r}."
        )
    if ax is None:
        ax = _new_axes((8, 8))
    ax.set_axis_off()
    groups = [n for n in B if sides[n] == 1]
    orgs = [n for n in B if sides[n] == 0]
    if not B:
        return ax
    groups.sort(key=lambda g: (-B.degree(g), _node_name(B, g)))
    gy = {g: 1.0 - (i + 0.5) / len(groups) for i, g in enumerate(groups)}
    bary = {o: np.mean([gy[g] for g in B[o]]) if B.degree(o) else -1.0 for o in orgs}
    orgs.sort(key=lambda o: (-bary[o], -B.degree(o), _node_name(B, o)))
    pos = {g: (1.0, gy[g]) for g in groups}
    pos.update({o: (0.0, 1.0 - (i + 0.5) / len(orgs)) for i, o in enumerate(orgs)})

    from matplotlib.collections import LineCollection

    segments = [(pos[u], pos[v]) for u, v in B.edges()]
    alpha = 0.5 if len(segments) < 200 else max(0.1, 0.5 * math.sqrt(200 / len(segments)))
    ax.add_collection(LineCollection(segments, colors="#777777", linewidths=0.6, alpha=alpha))
    sub = B.subgraph(orgs)
    cats, colors = _categories(sub, color, None, None, func)
    shrink = min(1.0, math.sqrt(60 / max(1, len(orgs))))
    if orgs:
        xy = np.array([pos[o] for o in orgs])
        ax.scatter(xy[:, 0], xy[:, 1], s=40 * shrink, c=[colors[c] for c in cats], zorder=3)
    if groups:
        gxy = np.array([pos[g] for g in groups])
        gsize = np.array([B.degree(g) for g in groups], dtype=float)
        ax.scatter(
            gxy[:, 0],
            gxy[:, 1],
            s=60 + 240 * gsize / max(1.0, gsize.max()),
            marker="s",
            c="#333333",
            zorder=3,
        )
    _label_nodes(ax, pos, {g: _node_name(B, g) for g in groups}, fontsize=8, ha="left", dx=0.04)
    ranking = sorted(orgs, key=lambda o: (-B.degree(o), orgs.index(o)))
    many = [o for o in ranking if B.degree(o) >= 2] if len(orgs) > max_labels else ranking
    chosen = many[:max_labels]
    _label_nodes(ax, pos, {o: _node_name(B, o) for o in chosen}, ha="right", dx=-0.04)
    if color is not None and orgs:
        _network_legend(ax, color, cats, colors, {}, None, None, lang)
    ax.set_xlim(-0.9, 1.9)
    ax.set_ylim(-0.02, 1.02)
    return ax


def plot_lorenz(values, *, lang="en", ax=None):
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
    scores,
    *,
    trust="trust",
    value="value",
    scale=(1, 4),
    names=None,
    flagged=None,
    max_labels=10,
    lang="en",
    ax=None,
):
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
    shortfall = (mid - t[ok]).clip(lower=0) + (mid - v[ok]).clip(lower=0)
    ranking = list(shortfall[shortfall > 0].sort_values(ascending=False, kind="stable").index)
    must = [m for m in t.index[ok] if m in flagged_set]
    chosen = list(dict.fromkeys([*must, *ranking]))[:max_labels]
    pos = {m: (t[m], v[m]) for m in chosen}
    label_of = {m: (names.get(m, m) if names is not None else m) for m in chosen}
    _label_nodes(ax, pos, label_of, dy=(hi - lo) * 0.015)
    ax.set_xlabel(text("plot.trust_axis", lang))
    ax.set_ylabel(text("plot.value_axis", lang))
    left_out = int((~ok).sum())
    if left_out:
        ax.annotate(
            text("plot.not_enough_raters", lang, n=left_out),
            xy=(0, -0.14),
            xycoords="axes fraction",
            fontsize=8,
            color="#555555",
        )
    return ax


def plot_layers(profile, *, lang="en", ax=None):
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


def plot_health_over_time(table, *, metrics=None, period=None, by=None, lang="en", ax=None):
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


def plot_centrality(values, *, top=20, names=None, lang="en", ax=None):
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
