"""Turn a :class:`~lsmnet.report.core.Report` into what the HTML template and the workbook show.

Everything here is presentation: choosing columns, translating labels, formatting numbers,
drawing figures. The numbers themselves come from the risk and metric functions.
"""

from __future__ import annotations

import pandas as pd

import lsmnet
from lsmnet.report.excel import Sheet
from lsmnet.report.figures import draw
from lsmnet.report.html import Cell, Column, Table, format_value, frame_table, sort_key
from lsmnet.report.labels import has, text
from lsmnet.risk.catalog import catalogue as risk_catalogue
from lsmnet.risk.catalog import flag_codes, flag_info, message

SEVERITIES = ("high", "watch", "info")
#: Larger coalitions are mapped through their best-connected members only.
MAP_MAX_NODES = 300
#: A trust-value quadrant is drawn when at least this share of members (and at least 3) have
#: both scores, i.e. when the survey covered the coalition.
QUADRANT_MIN_SHARE = 0.25
#: At most this many Lorenz curves in one chart.
LORENZ_MAX = 8
#: Flag groups with more rows than this start folded (high-severity groups never do).
OPEN_UP_TO = 12
#: Rows of the bridge ranking shown in the HTML (the workbook has them all).
BRIDGES_SHOWN = 30

# (label key, health column, number kind) of the scorecard; absent columns are skipped
SCORECARD = (
    ("card.members", "members", "integer"),
    ("card.response_rate", "response_rate", "percent"),
    ("card.density", "density", "decimal"),
    ("card.average_degree", "average_degree", "decimal"),
    ("card.largest_component", "largest_component_share", "percent"),
    ("card.centralization", "degree_centralization", "decimal"),
    ("card.gini", "gini_degree", "decimal"),
    ("card.trust", "trust", "decimal"),
    ("card.value", "value", "decimal"),
)
# member-table columns shown in the HTML (the workbook has them all); all-missing ones dropped
MEMBER_COLUMNS = (
    "name",
    "type",
    "role",
    "degree",
    "in_degree",
    "out_degree",
    "strength",
    "betweenness",
    "closeness",
    "effective_size",
    "constraint",
    "bonacich_power",
    "coreness",
    "brokerage",
    "trust",
    "value",
    "relative_connectivity",
    "flags",
)
# the bridge ranking's columns shown in the HTML (the workbook has every measure)
BRIDGE_COLUMNS = ("rank", "name", "type", "bridge_score", "coalitions", "groups_reached", "reason")
WEAVING_COLUMNS = ("source_name", "target_name", "gain", "shared_issues", "reason")
CHANGE_COLUMNS = (
    "period",
    "coalition",
    "members",
    "members_added",
    "members_lost",
    "ties_added",
    "ties_lost",
    "tie_jaccard",
    "density",
    "largest_component_share",
    "degree_centralization",
    "trust",
    "value",
)
CHANGE_FORMATS = {
    "period": "text",
    "members": "integer",
    "members_added": "integer",
    "members_lost": "integer",
    "ties_added": "integer",
    "ties_lost": "integer",
    "largest_component_share": "percent",
}
# measure -> its sources (keys of the risk catalogue's sources, else "source.<key>" labels)
MEASURES = {
    "degree": ("freeman1978",),
    "betweenness": ("freeman1978", "brandes2001"),
    "closeness": ("freeman1978",),
    "constraint": ("burt1992",),
    "effective_size": ("burt1992",),
    "bonacich": ("bonacich1987",),
    "coreness": ("seidman1983",),
    "brokerage": ("gould1989",),
    "density": ("wasserman1994",),
    "centralization": ("freeman1978",),
    "reciprocity": ("wasserman1994",),
    "gini": ("lorenz1905",),
    "trust": ("varda2008", "mccullough2016"),
    "value": ("varda2008", "mccullough2016"),
    "relative_connectivity": ("lsmnet",),
    "stage": ("krebs2006",),
}


def _(report, key: str, **fields) -> str:
    return text(key, report.lang, **fields)


def _names(report) -> dict:
    orgs = report.data.organizations
    names = orgs["name"].where(orgs["name"].notna(), orgs["org_id"])
    return dict(zip(orgs["org_id"], names.astype(str), strict=True))


def _coalition_names(report) -> dict:
    return {u.id: u.name for u in report.units}


def _coalition_name_of_id(report, key) -> str:
    """Display name of a health-table key (a coalition id, or "network")."""
    return _coalition_names(report).get(key, message("labels.whole_network", report.lang))


def _coalition_name(report, coalition) -> str:
    """Display name of a flag row's coalition (<NA>: the whole network)."""
    if pd.isna(coalition):
        return message("labels.whole_network", report.lang)
    return _coalition_names(report).get(coalition, str(coalition))


def _entity_name(report, row, names) -> str:
    entity = str(row["entity"])
    if row["level"] == "node":
        return names.get(entity, entity)
    if row["level"] == "dyad" and "|" in entity:
        a, b = entity.split("|", 1)
        return f"{names.get(a, a)} – {names.get(b, b)}"
    if row["level"] == "network":
        return _coalition_name(report, row["coalition"])
    return entity


def flags_of(report, unit) -> pd.DataFrame:
    """The flags raised in ``unit`` (whole-network flags have no coalition)."""
    flags = report.flags
    if unit.coalition is None:
        return flags[flags["coalition"].isna().to_numpy(bool)]
    return flags[(flags["coalition"] == unit.coalition).fillna(False).to_numpy(bool)]


# -- summary -------------------------------------------------------------------------------
def _scorecards(report) -> list[dict]:
    cards = []
    health = report.health
    for unit in report.units:
        row = health.loc[unit.id] if unit.id in health.index else None
        rows = [
            (_(report, key), format_value(row[col], report.lang, kind))
            for key, col, kind in SCORECARD
            if row is not None and col in row.index
        ]
        stage = row.get("stage_label") if row is not None else None
        mine = flags_of(report, unit)
        counts = mine["severity"].value_counts() if len(mine) else pd.Series(dtype=int)
        cards.append(
            {
                "name": unit.name,
                "stage": _(report, "card.stage_label", stage=stage if stage else "–"),
                "evidence": str(row.get("stage_evidence", "")) if row is not None else "",
                "rows": rows,
                "flags": [
                    (s, f"{int(counts.get(s, 0))} {message(f'severities.{s}', report.lang)}")
                    for s in SEVERITIES
                ],
            }
        )
    return cards


# -- figures -------------------------------------------------------------------------------
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


def _maps(report) -> list[dict]:
    from lsmnet.plotting import plot_network

    items = []
    for unit in report.units:
        G = unit.graph
        if G.number_of_nodes() == 0:
            continue
        caption = ""
        if G.number_of_nodes() > MAP_MAX_NODES:
            degree = pd.Series(dict(G.degree()))
            keep = degree.sort_values(ascending=False, kind="stable").index[:MAP_MAX_NODES]
            caption = _(
                report, "note.map_simplified", shown=MAP_MAX_NODES, total=G.number_of_nodes()
            )
            G = G.subgraph(keep)
        members = report.members.get(unit.id)
        size = "degree"
        if members is not None and "betweenness" in members.columns:
            size = members["betweenness"].rename("betweenness")
        levels = _flag_levels(report, unit)
        figure = draw(
            lambda ax, G=G, size=size, levels=levels: plot_network(
                G, node_size=size, flagged=levels, seed=report.seed, lang=report.lang, ax=ax
            ),
            figsize=(8, 6.5) if G.number_of_nodes() > 20 else (6.5, 5),
            kind="png",
            dpi=100,
            alt=_(
                report,
                "alt.map",
                name=unit.name,
                n=unit.graph.number_of_nodes(),
                m=unit.graph.number_of_edges(),
            ),
            caption=caption,
        )
        items.append({"name": unit.name, "figure": figure})
    return items


def _quadrants(report) -> list[dict]:
    from lsmnet.plotting import plot_trust_value

    items = []
    names = _names(report)
    for unit in report.units:
        scores = report.trust.get(unit.id)
        scored = int(scores.nodes[["trust", "value"]].notna().all(axis=1).sum())
        if scored < max(3, QUADRANT_MIN_SHARE * len(scores.nodes)):
            continue
        mine = flags_of(report, unit)
        flagged = set(mine.loc[mine["level"] == "node", "entity"])
        figure = draw(
            lambda ax, s=scores.nodes, fl=flagged: plot_trust_value(
                s, scale=report.data.scale, names=names, flagged=fl, lang=report.lang, ax=ax
            ),
            figsize=(6.5, 5.5),
            alt=_(report, "alt.quadrant", name=unit.name),
        )
        items.append({"name": unit.name, "figure": figure})
    return items


def _lorenz(report):
    from lsmnet.plotting import plot_lorenz

    units = [u for u in report.units if u.graph.number_of_edges() > 0]
    if not units:
        return None
    chosen = sorted(units, key=lambda u: -u.graph.number_of_nodes())[:LORENZ_MAX]
    chosen = [u for u in units if u in chosen]
    curves = {u.name: [d for _, d in u.graph.degree()] for u in chosen}
    caption = ""
    if len(units) > LORENZ_MAX:
        caption = _(report, "note.lorenz_subset", shown=LORENZ_MAX, total=len(units))
    return draw(
        lambda ax: plot_lorenz(curves, lang=report.lang, ax=ax),
        figsize=(6, 5.5),
        alt=_(report, "alt.lorenz"),
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
    profile.index = [_coalition_names(report).get(c, c) for c in health.index]
    return profile


def _layers(report):
    from lsmnet.plotting import plot_layers

    profile = layer_profile(report)
    if profile.empty or bool(profile.isna().all(axis=None)):
        return None
    plot_input = profile.iloc[0] if len(profile) == 1 else profile
    return draw(
        lambda ax: plot_layers(plot_input, lang=report.lang, ax=ax),
        figsize=(7, max(2.8, 0.45 * len(profile) + 1.8)),
        alt=_(report, "alt.layers"),
    )


# -- tables --------------------------------------------------------------------------------
def _flag_row(report, row, names) -> list[Cell]:
    lang = report.lang
    note = "" if pd.isna(row["note"]) else str(row["note"])
    return [
        Cell(_entity_name(report, row, names)),
        Cell(_coalition_name(report, row["coalition"])),
        Cell(format_value(row["value"], lang), sort_key(row["value"]), "num"),
        Cell(format_value(row["threshold"], lang), sort_key(row["threshold"]), "num"),
        Cell(str(row["explanation"]), note=note),
    ]


def _risk_groups(report) -> list[dict]:
    """Flags by severity, then by code: the caveat once per code, one row per flag."""
    flags = report.flags
    if not len(flags):
        return []
    names = _names(report)
    lang = report.lang
    columns = [
        Column(text("col.entity", lang)),
        Column(text("col.coalition", lang)),
        Column(text("col.value", lang), numeric=True),
        Column(text("col.threshold", lang), numeric=True),
        Column(text("col.explanation", lang)),
    ]
    groups = []
    for severity in SEVERITIES:
        part = flags[flags["severity"] == severity]
        codes = []
        for code, rows in part.groupby("code", sort=False):
            table_rows = [_flag_row(report, row, names) for _i, row in rows.iterrows()]
            codes.append(
                {
                    "code": code,
                    "title": flag_info(code)["title"][lang],
                    "count": len(rows),
                    "caveat": str(rows["caveat"].iloc[0]),
                    "open": severity == "high" or len(rows) <= OPEN_UP_TO,
                    "table": Table(columns, table_rows),
                }
            )
        if codes:
            groups.append(
                {"key": severity, "label": text(f"severity.{severity}", lang), "codes": codes}
            )
    return groups


def _skipped(report) -> list[str]:
    names = _coalition_names(report)
    lang = report.lang
    notes = []
    for code, reason, coalitions in report.skipped[["code", "reason", "coalitions"]].itertuples(
        index=False, name=None
    ):
        where = [names.get(c, message("labels.whole_network", lang)) for c in coalitions]
        title = flag_info(code)["title"][lang]
        notes.append(f"{code} {title}: {reason} ({', '.join(where)})")
    return notes


def _translated(series: pd.Series, prefix: str, lang: str) -> pd.Series:
    """Category codes (organisation type, role) in the report's language."""
    return series.map(lambda v: v if pd.isna(v) else _maybe(f"{prefix}.{v}", v, lang))


def _maybe(key: str, fallback, lang: str) -> str:
    return text(key, lang) if has(key) else str(fallback)


def _member_html_frame(report, unit) -> pd.DataFrame:
    """The member table's columns worth a screen: identity, structure, brokerage, scores."""
    members = report.members[unit.id]
    frame = members[[c for c in MEMBER_COLUMNS if c in members.columns]].copy()
    frame = frame.loc[:, frame.notna().any() | frame.columns.isin(["name"])]
    if "type" in frame:
        frame["type"] = _translated(frame["type"], "type", report.lang)
    if "role" in frame:
        frame["role"] = _translated(frame["role"], "role", report.lang)
    return frame.reset_index(drop=True)


def _member_tables(report) -> list[dict]:
    items = []
    for i, unit in enumerate(u for u in report.units if u.id in report.members):
        frame = _member_html_frame(report, unit)
        table = frame_table(
            frame,
            report.lang,
            highlight_top=True,
            sortable=True,
            table_id=f"members-{i}",
        )
        table.notes.append(_(report, "note.top_quartile"))
        items.append({"name": unit.name, "table": table})
    return items


def _bridges(report):
    if report.bridges is None or not len(report.bridges):
        return None
    frame = report.bridges.head(BRIDGES_SHOWN)
    frame = frame[[c for c in BRIDGE_COLUMNS if c in frame.columns]].copy()
    if "type" in frame:
        frame["type"] = _translated(frame["type"], "type", report.lang)
    table = frame_table(
        frame.reset_index(drop=True), report.lang, sortable=True, table_id="bridges"
    )
    if len(report.bridges) > BRIDGES_SHOWN:
        table.notes.append(
            _(report, "note.bridges_top", shown=BRIDGES_SHOWN, total=len(report.bridges))
        )
    return table


def _weaving(report):
    if report.weaving is None or not len(report.weaving):
        return None
    frame = report.weaving[[c for c in WEAVING_COLUMNS if c in report.weaving.columns]]
    return frame_table(frame.reset_index(), report.lang, table_id="weaving")


def change_frame(report) -> pd.DataFrame:
    """The change table: one row per period and coalition, coalition names, chosen columns."""
    change = report.change.reset_index()
    change["coalition"] = [_coalition_name_of_id(report, c) for c in change["coalition"]]
    return change[[c for c in CHANGE_COLUMNS if c in change.columns]]


def _change(report):
    from lsmnet.plotting import plot_health_over_time

    if report.change is None or not len(report.change):
        return None
    frame = change_frame(report)
    largest = frame.groupby("coalition", sort=False)["members"].max().sort_values(ascending=False)
    shown = frame[frame["coalition"].isin(largest.index[:LORENZ_MAX])]
    figure = draw(
        lambda ax: plot_health_over_time(
            shown, metrics=["density"], period="period", by="coalition", lang=report.lang, ax=ax
        ),
        figsize=(7, 4.5),
        alt=_(report, "alt.change"),
    )
    table = frame_table(frame, report.lang, formats=CHANGE_FORMATS, table_id="change")
    return {"figure": figure, "table": table}


# -- methods -------------------------------------------------------------------------------
def _threshold_text(code: str, lang: str) -> str:
    from lsmnet.risk.thresholds import RiskThresholds

    fields = RiskThresholds.for_code(code)
    if not fields:
        return message("docs.no_threshold", lang)
    return "; ".join(f"{name} = {RiskThresholds.info(name)['default']!r}" for name in fields)


def _sources(keys, lang: str) -> str:
    sources = risk_catalogue()["sources"]
    return " ".join(sources[k] if k in sources else text(f"source.{k}", lang) for k in keys)


def definitions(report) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The measures and the flags, with definition, threshold and source, in the language."""
    lang = report.lang
    measures = pd.DataFrame(
        {
            "measure": [text(f"def.{m}.name", lang) for m in MEASURES],
            "definition": [text(f"def.{m}.text", lang) for m in MEASURES],
            "source": [_sources(keys, lang) for keys in MEASURES.values()],
        }
    )
    rows = []
    for code in flag_codes():
        info = flag_info(code)
        rows.append(
            {
                "code": code,
                "flag": info["title"][lang],
                "definition": info["definition"][lang],
                "threshold": _threshold_text(code, lang),
                "source": _sources(info["sources"], lang),
            }
        )
    return measures, pd.DataFrame(rows)


def _quality(report) -> list[str]:
    lang = report.lang
    notes = []
    health = report.health
    for unit in report.units:
        row = health.loc[unit.id] if unit.id in health.index else None
        rate = row.get("response_rate") if row is not None else None
        if rate is None or pd.isna(rate):
            notes.append(_(report, "quality.no_survey", name=unit.name))
        else:
            notes.append(
                _(
                    report,
                    "quality.response",
                    name=unit.name,
                    respondents=format_value(row.get("respondents"), lang, "integer"),
                    members=format_value(row.get("members"), lang, "integer"),
                    rate=format_value(rate, lang, "percent"),
                )
            )
    notes.append(_(report, "quality.missing_data"))
    notes.append(_(report, "quality.min_raters"))
    set_aside = len(report.data.set_aside)
    if set_aside:
        notes.append(_(report, "quality.set_aside", n=set_aside))
    return notes


def _methods(report) -> dict:
    measures, flags = definitions(report)
    lang = report.lang
    source = report.data.meta.get("source") or _(report, "report.unnamed_source")
    coalition = (
        _coalition_names(report)[report.coalition]
        if report.coalition is not None
        else _(report, "param.all")
    )
    at = str(report.at) if report.at is not None else _(report, "report.all_dates")
    # (label, value, whether the value is the user's data rather than a report text)
    params = [
        (_(report, "param.version"), lsmnet.__version__, True),
        (_(report, "param.source"), str(source), True),
        (_(report, "param.language"), _(report, "param.lang_name"), False),
        (_(report, "param.coalition"), coalition, report.coalition is not None),
        (_(report, "param.at"), at, report.at is not None),
        (_(report, "param.seed"), str(report.seed), True),
        (_(report, "param.thresholds"), _(report, "param.defaults"), False),
    ]
    return {
        "metrics": frame_table(measures, lang, table_id="measures", text_lang={"source": "en"}),
        "flags": frame_table(flags, lang, table_id="flag-definitions", text_lang={"source": "en"}),
        "quality": _quality(report),
        "params": params,
    }


def context(report) -> dict:
    """Everything the template needs, as plain values (escaped by the template)."""
    lang = report.lang
    data = report.data
    source = data.meta.get("source") or _(report, "report.unnamed_source")
    when = (
        _(report, "report.snapshot", at=report.at)
        if report.at is not None
        else _(report, "report.all_dates")
    )
    title = (
        _(report, "report.title_one", name=report.units[0].name)
        if report.coalition is not None
        else _(report, "report.title")
    )
    nav = [
        ("summary", _(report, "section.summary")),
        ("maps", _(report, "section.maps")),
        ("trust-value", _(report, "section.trust_value")),
        ("concentration", _(report, "section.lorenz")),
        ("layers", _(report, "section.layers")),
        ("risks", _(report, "section.risks")),
        ("members", _(report, "section.members")),
        ("bridges", _(report, "section.bridges")),
        ("change", _(report, "section.change")),
        ("methods", _(report, "section.methods")),
    ]
    return {
        "title": title,
        "source": source,
        "subtitle": _(
            report,
            "report.subtitle",
            orgs=format_value(len(data.organizations), lang, "integer"),
            coalitions=format_value(len(report.units), lang, "integer"),
            when=when,
        ),
        "nav": nav,
        "scorecards": _scorecards(report),
        "summary_notes": [],
        "maps": _maps(report),
        "quadrants": _quadrants(report),
        "lorenz": _lorenz(report),
        "layers": _layers(report),
        "risk_groups": _risk_groups(report),
        "skipped": _skipped(report),
        "member_tables": _member_tables(report),
        "bridges": _bridges(report),
        "weaving": _weaving(report),
        "change": _change(report),
        "methods": _methods(report),
        "generated": report.generated,
        "version": lsmnet.__version__,
    }


# -- workbook ------------------------------------------------------------------------------
def dyads(report) -> pd.DataFrame:
    """One row per tied pair of members per coalition, with trust and value both ways."""
    names = _names(report)
    rows = []
    for unit in report.units:
        scores = report.trust.get(unit.id)
        rated = {}
        if scores is not None and len(scores.dyads):
            d = scores.dyads
            rated = {
                (r, e): (t, v)
                for r, e, t, v in zip(d["rater"], d["ratee"], d["trust"], d["value"], strict=True)
            }
        for a, b, attrs in unit.graph.edges(data=True):
            ab, ba = rated.get((a, b), (None, None)), rated.get((b, a), (None, None))
            rows.append(
                {
                    "coalition": unit.name,
                    "source": a,
                    "source_name": names.get(a, a),
                    "target": b,
                    "target_name": names.get(b, b),
                    "layers": ", ".join(attrs.get("layers", ())),
                    "weight": attrs.get("weight"),
                    "multiplexity": attrs.get("multiplexity"),
                    "trust_source_target": ab[0],
                    "trust_target_source": ba[0],
                    "value_source_target": ab[1],
                    "value_target_source": ba[1],
                }
            )
    return pd.DataFrame(rows)


def sheets(report) -> list[Sheet]:
    """The workbook's sheets, in order, with titles in the report's language."""
    lang = report.lang
    names = _names(report)
    members = pd.concat(
        [
            pd.DataFrame(),
            *(
                report.members[u.id].reset_index().assign(coalition=u.name)
                for u in report.units
                if u.id in report.members
            ),
        ],
        ignore_index=True,
    )
    flags = report.flags.rename(columns={"value": "measured"})
    if len(flags):
        flags.insert(
            4,
            "entity_name",
            [_entity_name(report, row, names) for _i, row in flags.iterrows()],
        )
    measures, flag_defs = definitions(report)
    definitions_frame = pd.concat(
        [
            measures.rename(columns={"measure": "flag"}).assign(code=""),
            flag_defs,
        ],
        ignore_index=True,
    )[["code", "flag", "definition", "threshold", "source"]]
    return [
        Sheet(text("sheet.scorecard", lang), report.health.reset_index()),
        Sheet(text("sheet.members", lang), members),
        Sheet(text("sheet.risks", lang), flags),
        Sheet(
            text("sheet.bridges", lang),
            report.bridges.reset_index() if report.bridges is not None else pd.DataFrame(),
        ),
        Sheet(text("sheet.dyads", lang), dyads(report)),
        Sheet(text("sheet.definitions", lang), definitions_frame),
    ]
