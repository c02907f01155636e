"""Network maps: a partnership network (:func:`plot_network`) and a two-mode membership network
(:func:`plot_membership`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._i18n import check_lang, label, text
from lsmnet._validation import check_graph, check_number, check_option, check_seed
from lsmnet.exceptions import GraphTypeError, InvalidParameterError
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.plotting._common import (
    _PALETTE,
    _UNKNOWN_COLOR,
    SEVERITY_COLORS,
    TYPE_COLORS,
    _label_nodes,
    _literal,
    _new_axes,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def _layout_seed(seed, func) -> int:
    """An integer seed for networkx (which takes no numpy Generator) from ``seed``."""
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(2**31))
    check_seed(seed, func)
    return seed


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


def plot_network(
    G: nx.Graph,
    *,
    node_size: str | Mapping | pd.Series | None = None,
    color: str | Mapping | pd.Series | None = "type",
    flagged: Iterable | Mapping | pd.Series | None = None,
    labels: str | Iterable | Mapping | pd.Series | None = "auto",
    max_labels: int = 12,
    pos: Mapping | None = None,
    weight: str | None = "weight",
    seed: int | np.random.Generator = 0,
    legend: bool = True,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
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
    deg = pd.Series(dict(G.degree()), dtype=float).reindex(nodes)
    by_degree = list(deg.sort_values(ascending=False, kind="stable").index)
    if node_size is None:
        ranking = by_degree
    severity_order = {"high": 0, "watch": 1, "info": 2}
    # the hub and the largest node are named first: a map whose centre has no name cannot
    # answer "who is this?"
    must = [*by_degree[:1], *ranking[:1]]
    must += sorted(levels, key=lambda n: severity_order[levels[n]])
    chosen = _pick_labels(labels, set(nodes), ranking, must, max_labels, func)
    names = {n: (t if t is not None else _node_name(G, n)) for n, t in chosen.items()}
    radius = dict(zip(nodes, np.sqrt(areas) / 2, strict=True))
    _place_labels(ax, pos, names, radius)

    if legend:
        _network_legend(ax, color, cats, colors, levels, node_size, sizes, lang)
    ax.margins(0.06)
    return ax


#: Label font size (points) and the offsets tried around a node, in units of (label half
#: width + marker radius, label half height + marker radius): above, below, right, left,
#: the four diagonals, then the same again twice as far.
LABEL_FONTSIZE = 7
_OFFSETS = [
    (0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1),
    (0, 2), (0, -2), (2, 0), (-2, 0), (2, 2), (-2, 2), (2, -2), (-2, -2),
]  # fmt: skip


def _place_labels(ax, pos, names, radius, *, fontsize=LABEL_FONTSIZE, limits=None):
    """Label nodes without overlaps: greedy, in the order of ``names`` (most important first).

    Each label's box is estimated from its length and the font size (no renderer is needed,
    so the result does not depend on the backend); the first candidate position, around the
    node, whose box overlaps no label placed before and no other labelled node is taken. A
    label with no free position is left out: fewer labels, none on top of another.
    """
    import matplotlib.patheffects as pe

    if not names:
        return []
    if limits is not None:
        span = np.array([limits[0][1] - limits[0][0], limits[1][1] - limits[1][0]], dtype=float)
    else:
        xy = np.array(list(pos.values()), dtype=float)
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.where(hi > lo, hi - lo, 1.0) * 1.12  # the 6 % margins on each side
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    # points per data unit along x and y
    scale = np.array([fig_w * box.width * 72, fig_h * box.height * 72]) / span
    # boxes (x0, y0, x1, y1) as arrays: each candidate position is checked against every
    # label placed before and every labelled node at once
    centres = np.array([pos[n] for n in names], dtype=float).reshape(-1, 2)
    reach = np.array([radius[n] for n in names], dtype=float)[:, None] / scale
    marks = np.hstack([centres - reach, centres + reach])
    placed = np.empty((len(names), 4))
    count = 0
    offsets = np.array(_OFFSETS, dtype=float)
    shown = []
    halo = [pe.withStroke(linewidth=2.5, foreground="white")]
    for k, (n, text_) in enumerate(names.items()):
        label_text = _literal(text_, escape_math=False)
        half = np.array([(0.62 * fontsize * len(label_text) + 3) / 2, 1.35 * fontsize / 2])
        half = half / scale
        centre = centres[k]
        cxy = centre + offsets * (half + reach[k])
        rects = np.hstack([cxy - half, cxy + half])
        others = marks[(centres != centre).any(axis=1)]
        blocked = _overlapping(rects, placed[:count]) | _overlapping(rects, others)
        if blocked.all():
            continue  # no free position: fewer labels, none on top of another
        cx, cy = cxy[int(np.argmin(blocked))]
        placed[count] = rects[int(np.argmin(blocked))]
        count += 1
        ax.text(
            cx,
            cy,
            label_text,
            fontsize=fontsize,
            ha="center",
            va="center",
            parse_math=False,
            path_effects=halo,
            zorder=5,
        )
        shown.append(n)
    return shown


def _overlapping(rects: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Whether each of ``rects`` (m, 4) overlaps any of ``boxes`` (k, 4); boxes are
    (x0, y0, x1, y1) and touching edges do not overlap."""
    r, b = rects[:, None, :], boxes[None, :, :]
    hit = (r[..., 0] < b[..., 2]) & (b[..., 0] < r[..., 2])
    return (hit & (r[..., 1] < b[..., 3]) & (b[..., 1] < r[..., 3])).any(axis=1)


def spring_positions(G: nx.Graph, *, seed: int = 0) -> dict:
    """The seeded layout :func:`plot_network` draws, with coordinates rounded to 4 decimals.

    Rounding makes the positions, and everything drawn from them, identical across machines
    whose floating point differs in the last bits.

    Parameters
    ----------
    G : networkx.Graph
    seed : int, default 0
        Seed of the spring layout.

    Returns
    -------
    dict
        node -> (x, y), both in about [-1, 1].

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph.
    InvalidParameterError
        If ``seed`` is not a non-negative integer.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet.plotting.network import spring_positions
    >>> pos = spring_positions(nx.path_graph(3), seed=1)
    >>> pos == spring_positions(nx.path_graph(3), seed=1), len(pos)
    (True, 3)
    """
    func = "spring_positions"
    check_graph(G, func)
    seed = _layout_seed(seed, func)
    return {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in _layout(G, seed).items()}


def _layout(G, seed) -> dict:
    """Seeded spring layout of the connected members, isolates in a row underneath.

    A spring layout pushes isolated nodes far out, which shrinks everyone else into a corner;
    drawing them apart keeps the map readable and still shows that they have no tie.
    """
    isolates = [n for n in G if G.degree(n) == 0 or set(G[n]) == {n}]
    # induced_subgraph, not G.subgraph: a view of fewer than half the nodes iterates over a
    # set, in string-hash order, and the seeded layout would change with PYTHONHASHSEED
    tied = induced_subgraph(G, [n for n in G if n not in set(isolates)])
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


def plot_membership(
    B: nx.Graph,
    *,
    color: str | None = "type",
    max_labels: int = 20,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
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
    sub = induced_subgraph(B, orgs)
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
