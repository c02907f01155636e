"""The interactive network map of each coalition: data for the page's map script.

Each coalition's members and ties go into a ``<script type="application/json">`` block, which
the browser never runs; the map script (``static/netmap.js``, with the vendored Cytoscape.js,
both inlined once per report) draws them, shows a member's card on hover or tap, highlights
the members a search finds, switches tie layers on and off and sizes nodes by a chosen
centrality. Why Cytoscape.js: ``docs/report-map.md``.

Positions are computed here (the seeded spring layout of the static map, rounded), so the
page does not move when it opens and the report stays byte-identical for identical input.
"""

from __future__ import annotations

import json
import math

import pandas as pd
from markupsafe import Markup

from lsmnet.reporting.common import SEVERITIES, flags_of, t, translated
from lsmnet.reporting.html import format_value
from lsmnet.reporting.labels import label, text

#: Map coordinates span about [-SCALE, SCALE] pixels before the viewer zooms to fit.
SCALE = 300
#: Centralities a reader can size nodes by (member-table columns), the first is the default.
SIZE_BY = ("degree", "betweenness", "closeness")
#: Members named on the map before any hover: the hub, the top bridges and the members with
#: a high-severity flag.
TOP_BRIDGES = 3

#: Label box at the fitted zoom, in map units: height, and width per character.
_LABEL_HEIGHT, _LABEL_CHAR = 14.0, 5.5


def _unoverlapped(candidates, pos, G) -> set:
    """The candidates (in priority order) whose name labels do not overlap a label placed
    before them at the fitted zoom: the hub first, then bridges, then flagged members; the
    others are named on hover."""
    placed, named = [], set()
    for n in dict.fromkeys(candidates):
        name = G.nodes[n].get("name")
        text = str(n) if name is None or pd.isna(name) else str(name)
        x, y = pos[n][0] * SCALE, -pos[n][1] * SCALE - _LABEL_HEIGHT  # label above the node
        half = len(text) * _LABEL_CHAR / 2
        box = (x - half, y - _LABEL_HEIGHT / 2, x + half, y + _LABEL_HEIGHT / 2)
        if all(box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1] for b in placed):
            placed.append(box)
            named.add(n)
    return named


_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (so neither
    ``</script>`` nor ``<!--`` can end or change the element), and U+2028/U+2029 are escaped;
    ``JSON.parse`` gives back the original strings. Keys are sorted so the text is the same
    for the same value.

    Examples
    --------
    >>> from lsmnet.reporting.netmap import script_json
    >>> script_json({"name": "</script><!--"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _number(value, digits: int = 6):
    """A JSON number rounded to ``digits`` significant digits (None for missing values)."""
    if value is None or pd.isna(value):
        return None
    value = float(value)
    if value == 0 or not math.isfinite(value):
        return 0
    return float(f"{value:.{digits}g}")


def strings(lang: str) -> dict:
    """The map script's interface texts in ``lang`` (one JSON block per report)."""
    keys = ("name", "type", "province", "degree", "betweenness", "flags")
    return {
        "fields": {k: label("col", k, lang) for k in keys},
        "hint": text("map.card_hint", lang),
        "matches": text("map.matches", lang),
        "no_match": text("map.no_match", lang),
    }


def map_items(report, graphs: dict, positions: dict) -> list[dict]:
    """One interactive map per coalition with members: its controls and its data block.

    Parameters
    ----------
    report : Report
    graphs : dict
        Unit id -> the graph mapped (a coalition's graph, or its best-connected members).
    positions : dict
        Unit id -> node -> (x, y), the layout the static map uses too.

    Returns
    -------
    list of dict
        ``id``, ``unit`` (its id), ``name``, ``data`` (the JSON text), ``layers`` and
        ``sizes`` ((key, label) pairs) and ``search_label`` for the template.
    """
    lang = report.lang
    items = []
    for i, unit in enumerate(report.units):
        if unit.id not in graphs:
            continue
        G, pos = graphs[unit.id], positions[unit.id]
        data, layers = _map_data(report, unit, G, pos)
        items.append(
            {
                "id": f"map-{i}",
                "unit": unit.id,
                "name": unit.name,
                # trusted: script_json leaves no '<', '>' or '&' to escape
                "data": Markup(script_json(data)),
                "layers": [(k, label("layer", k, lang)) for k in layers],
                "sizes": [(k, label("col", k, lang)) for k in SIZE_BY],
                "search_label": t(report, "map.search"),
            }
        )
    return items


def _map_data(report, unit, G, pos) -> tuple[dict, list[str]]:
    lang = report.lang
    members = report.members.get(unit.id)
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    degree = dict(G.degree())
    table = members.reindex(nodes) if members is not None else pd.DataFrame(index=nodes)
    types = translated(
        table["type"] if "type" in table else pd.Series(pd.NA, index=nodes), "type", lang
    )
    flags = {}
    level = {}
    mine = flags_of(report, unit)
    mine = mine[mine["level"] == "node"]
    for entity, code, severity in zip(mine["entity"], mine["code"], mine["severity"], strict=True):
        flags.setdefault(entity, []).append(code)
        if entity not in level or SEVERITIES.index(severity) < SEVERITIES.index(level[entity]):
            level[entity] = severity
    betweenness = table["betweenness"] if "betweenness" in table else pd.Series(dtype=float)
    ranked = sorted(nodes, key=lambda n: (-degree[n], index[n]))
    # high-severity members only: every watch-level name too would cover the map
    bridges = []
    if len(betweenness.dropna()):
        bridges = list(betweenness.sort_values(ascending=False, kind="stable").index[:TOP_BRIDGES])
    high = [n for n in ranked if level.get(n) == "high"]
    named = _unoverlapped([*ranked[:1], *bridges, *high], pos, G)
    # the member table's columns as lists in node order (a row lookup per member is slow)
    missing = [None] * len(nodes)
    between = table["betweenness"].tolist() if "betweenness" in table else missing
    closeness = table["closeness"].tolist() if "closeness" in table else missing
    provinces = (
        table["province"].tolist()
        if "province" in table
        else [G.nodes[n].get("province") for n in nodes]
    )
    node_rows = []
    for i, n in enumerate(nodes):
        name = G.nodes[n].get("name")
        province = provinces[i]
        kind = types.iloc[i]
        node_rows.append(
            {
                "id": f"n{i}",
                "name": str(n) if name is None or pd.isna(name) else str(name),
                "type": "–" if pd.isna(kind) else str(kind),
                "province": "–" if province is None or pd.isna(province) else str(province),
                "degree": format_value(degree[n], lang, "integer"),
                "betweenness": format_value(between[i], lang, "decimal"),
                "flags": ", ".join(dict.fromkeys(flags.get(n, []))) or "–",
                "sev": level.get(n, ""),
                "named": n in named,
                "x": round(pos[n][0] * SCALE, 1),
                "y": round(-pos[n][1] * SCALE, 1),
                "size": {
                    "degree": degree[n],
                    "betweenness": _number(between[i]),
                    "closeness": _number(closeness[i]),
                },
            }
        )
    layers: dict[str, None] = {}
    edges = []
    # a tie is [source index, target index, "its layers"]: a sector's maps hold tens of
    # thousands of ties, and named fields would be most of the page
    for a, b, attrs in G.edges(data=True):
        tie_layers = [str(x) for x in attrs.get("layers", ())] or ["other"]
        layers.update(dict.fromkeys(tie_layers))
        edges.append([index[a], index[b], " ".join(tie_layers)])
    order = sorted(layers)
    return {"nodes": node_rows, "edges": edges}, order
