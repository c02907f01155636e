"""The report's figures: network maps, trust-value quadrants, Lorenz curves, layer profile,
change over time (drawn by :mod:`lsmnet.plotting`, inlined by :mod:`lsmnet.reporting.figures`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from lsmnet.reporting.common import (
    SEVERITIES,
    change_frame,
    flags_of,
    largest_units,
    org_names,
    t,
    unit_names,
)
from lsmnet.reporting.figures import draw

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx as nx

    from lsmnet.reporting.figures import Image

#: Larger coalitions are mapped through their best-connected members only.
MAP_MAX_NODES = 300
#: A trust-value quadrant is drawn when at least this share of members (and at least 3) have
#: both scores, i.e. when the survey covered the coalition.
QUADRANT_MIN_SHARE = 0.25
#: Flag categories marked on the quadrant: those read from the same ratings.
QUADRANT_FLAGS = ("trust", "mission", "power")
#: At most this many coalitions (the largest) in the layer chart.
LAYERS_MAX = 30
#: At most this many Lorenz curves in one chart.
LORENZ_MAX = 8


def _flag_levels(report, unit) -> dict:
    mine = flags_of(report, unit)
    mine = mine[mine["level"] == "node"]
    levels = {}
    for entity, severity in zip(mine["entity"], mine["severity"], strict=True):
        if entity in unit.graph and (
            entity not in levels or SEVERITIES.index(severity) < SEVERITIES.index(levels[entity])
        ):
            levels[entity] = severity
    return levels


def map_graphs(report, units: Iterable | None = None) -> tuple[dict, dict, dict]:
    """The graph mapped per coalition (its best-connected members when it is large), the
    note saying so, and the seeded layout both the static and the interactive map use.

    ``units`` (default: the report's) may be wrapped in a progress bar by the caller.
    """
    from lsmnet.graphs._subgraph import induced_subgraph
    from lsmnet.plotting.network import spring_positions

    graphs, captions, positions = {}, {}, {}
    for unit in report.units if units is None else units:
        G = unit.graph
        if G.number_of_nodes() == 0:
            continue
        captions[unit.id] = ""
        if G.number_of_nodes() > MAP_MAX_NODES:
            degree = pd.Series(dict(G.degree()))
            keep = degree.sort_values(ascending=False, kind="stable").index[:MAP_MAX_NODES]
            captions[unit.id] = t(
                report, "note.map_simplified", shown=MAP_MAX_NODES, total=G.number_of_nodes()
            )
            # not G.subgraph: above twice the kept nodes a view iterates over a set, whose
            # order follows string hashing (the map would change with PYTHONHASHSEED)
            G = induced_subgraph(G, keep)
        graphs[unit.id] = G
        positions[unit.id] = spring_positions(G, seed=report.seed)
    return graphs, captions, positions


def map_labels(report, unit, G: nx.Graph) -> list:
    """Members the static map names, most important first: the hub (most partners), the
    top bridges (highest betweenness), then flagged members by severity."""
    degree = pd.Series(dict(G.degree()), dtype=float)
    hub = list(degree.sort_values(ascending=False, kind="stable").index[:1])
    members = report.members.get(unit.id)
    bridges = []
    if members is not None and "betweenness" in members.columns:
        between = members["betweenness"].reindex(list(G)).dropna()
        bridges = list(between.sort_values(ascending=False, kind="stable").index[:3])
    levels = _flag_levels(report, unit)
    flagged = sorted(levels, key=lambda n: SEVERITIES.index(levels[n]))
    return list(dict.fromkeys([*hub, *bridges, *flagged]))


def maps(report, graphs: dict, captions: dict, positions: dict) -> dict:
    """Unit id -> the static (PNG) map, for print and the workbook."""
    from lsmnet.plotting import plot_network

    items = {}
    for unit in report.units:
        if unit.id not in graphs:
            continue
        G = graphs[unit.id]
        members = report.members.get(unit.id)
        size = "degree"
        if members is not None and "betweenness" in members.columns:
            size = members["betweenness"].rename("betweenness")
        levels = _flag_levels(report, unit)
        named = map_labels(report, unit, G)
        items[unit.id] = draw(
            lambda ax, G=G, size=size, levels=levels, named=named, pos=positions[unit.id]: (
                plot_network(
                    G,
                    node_size=size,
                    flagged=levels,
                    labels=named,
                    pos=pos,
                    seed=report.seed,
                    lang=report.lang,
                    ax=ax,
                )
            ),
            figsize=(8, 6.5) if G.number_of_nodes() > 20 else (6.5, 5),
            kind="png",
            dpi=100,
            alt=t(
                report,
                "alt.map",
                name=unit.name,
                n=unit.graph.number_of_nodes(),
                m=unit.graph.number_of_edges(),
            ),
            caption=captions[unit.id],
        )
    return items


def quadrants(report) -> list[dict]:
    from lsmnet.plotting import plot_trust_value

    items = []
    names = org_names(report)
    shown = largest_units(report)
    for unit in report.units:
        if unit.id not in shown:
            continue
        scores = report.trust.get(unit.id)
        scored = int(scores.nodes[["trust", "value"]].notna().all(axis=1).sum())
        if scored < max(3, QUADRANT_MIN_SHARE * len(scores.nodes)):
            continue
        mine = flags_of(report, unit)
        about_ratings = (mine["level"] == "node") & mine["category"].isin(QUADRANT_FLAGS)
        flagged = set(mine.loc[about_ratings, "entity"])
        figure = draw(
            lambda ax, s=scores.nodes, fl=flagged: plot_trust_value(
                s,
                scale=report.data.scale,
                names=names,
                flagged=fl,
                max_labels=8,
                lang=report.lang,
                ax=ax,
            ),
            figsize=(6.5, 5.5),
            # haloed labels make a heavy SVG (each glyph drawn twice as a path)
            kind="png",
            alt=t(report, "alt.quadrant", name=unit.name),
        )
        items.append({"name": unit.name, "figure": figure})
    return items


def lorenz(report) -> Image | None:
    from lsmnet.plotting import plot_lorenz

    units = [u for u in report.units if u.graph.number_of_edges() > 0]
    if not units:
        return None
    chosen = sorted(units, key=lambda u: -u.graph.number_of_nodes())[:LORENZ_MAX]
    chosen = [u for u in units if u in chosen]
    curves = {u.name: [d for _, d in u.graph.degree()] for u in chosen}
    caption = ""
    if len(units) > LORENZ_MAX:
        caption = t(report, "note.lorenz_subset", shown=LORENZ_MAX, total=len(units))
    return draw(
        lambda ax: plot_lorenz(curves, lang=report.lang, ax=ax),
        figsize=(6, 5.5),
        alt=t(report, "alt.lorenz"),
        caption=caption,
    )


def layer_profile(report) -> pd.DataFrame:
    """Density of each tie layer among each coalition's members (rows: coalition names):
    the health table's tied pairs per layer over the possible pairs of members."""
    health = report.health
    columns = [c for c in health.columns if c.startswith("ties_")]
    pairs = health["members"].astype(float) * (health["members"].astype(float) - 1) / 2
    profile = health[columns].astype(float).div(pairs.where(pairs > 0), axis=0)
    profile.columns = [c.removeprefix("ties_") for c in columns]
    profile.index = [unit_names(report).get(c, c) for c in health.index]
    return profile


def layers(report) -> Image | None:
    from lsmnet.plotting import plot_layers

    profile = layer_profile(report)
    if profile.empty or bool(profile.isna().all(axis=None)):
        return None
    caption = ""
    if len(profile) > LAYERS_MAX:
        # the largest coalitions: a row per coalition of a sector would be metres tall
        size = report.health["members"].astype(float)
        size.index = profile.index
        keep = size.sort_values(ascending=False, kind="stable").index[:LAYERS_MAX]
        caption = t(report, "note.layers_subset", shown=LAYERS_MAX, total=len(profile))
        profile = profile[profile.index.isin(keep)]
    plot_input = profile.iloc[0] if len(profile) == 1 else profile
    return draw(
        lambda ax: plot_layers(plot_input, lang=report.lang, ax=ax),
        figsize=(7, max(2.8, 0.45 * len(profile) + 1.8)),
        alt=t(report, "alt.layers"),
        caption=caption,
    )


def change(report) -> Image:
    """Density by period of the largest coalitions (the change table has them all)."""
    from lsmnet.plotting import plot_health_over_time

    frame = change_frame(report)
    largest = frame.groupby("coalition", sort=False)["members"].max()
    largest = largest.sort_values(ascending=False, kind="stable")
    shown = frame[frame["coalition"].isin(largest.index[:LORENZ_MAX])]
    return draw(
        lambda ax: plot_health_over_time(
            shown, metrics=["density"], period="period", by="coalition", lang=report.lang, ax=ax
        ),
        figsize=(7, 4.5),
        alt=t(report, "alt.change"),
    )
