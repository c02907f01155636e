"""Turn a :class:`~lsmnet.reporting.core.Report` into what the HTML template shows.

Everything here is presentation: choosing columns, translating labels, formatting numbers.
The numbers come from the risk and metric functions; figures are made in
:mod:`lsmnet.reporting.charts`, the methods section in :mod:`lsmnet.reporting.methods`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from markupsafe import Markup

from lsmnet._progress import progress as _progress
from lsmnet._version import __version__
from lsmnet.reporting import charts, netmap
from lsmnet.reporting.common import (
    SEVERITIES,
    change_frame,
    dataset_source,
    entity_names,
    flag_rows,
    flags_of,
    is_large,
    largest_units,
    org_names,
    t,
    translated,
    unit_names,
)
from lsmnet.reporting.html import Cell, Column, Table, format_value, frame_table
from lsmnet.reporting.labels import text
from lsmnet.reporting.methods import methods, path_notice, risk_notice
from lsmnet.risk.catalog import flag_info, message
from lsmnet.risk.weaving import MAX_NODES as WEAVING_MAX_NODES

#: Flag groups with more rows than this start folded (high-severity groups never do).
OPEN_UP_TO = 12
#: High-severity register rows per coalition shown in the HTML of a report of many
#: coalitions (the workbook has them all).
REGISTER_ROWS_LARGE = 10
#: Register rows per coalition shown in the HTML of a report of few coalitions, the most
#: severe first (the workbook has them all).
REGISTER_ROWS = 200
#: Member-table rows per coalition shown in the HTML: a larger coalition shows the members
#: with the most partners (the workbook has them all).
MEMBER_ROWS = 300
#: Descriptions of the progress bars of the page's per-coalition steps.
PROGRESS = {
    "maps": "lsmnet page: maps",
    "register": "lsmnet page: register",
    "members": "lsmnet page: member tables",
}
#: Coalitions whose digest is open when the page opens (the rest are folded).
DIGEST_OPEN = 3
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
# member-table columns of a report of many coalitions (the workbook has them all)
MEMBER_COLUMNS_LARGE = ("name", "type", "role", "degree", "betweenness", "trust", "value", "flags")
# the bridge ranking's columns shown in the HTML (the workbook has every measure)
BRIDGE_COLUMNS = ("rank", "name", "type", "bridge_score", "coalitions", "groups_reached", "reason")
WEAVING_COLUMNS = ("source_name", "target_name", "gain", "shared_issues", "reason")
WEAVING_COLUMNS = ("source_name", "target_name", "gain", "shared_issues", "reason")
CHANGE_FORMATS = {
    "period": "text",
    "members": "integer",
    "members_added": "integer",
    "members_lost": "integer",
    "ties_added": "integer",
    "ties_lost": "integer",
    "largest_component_share": "percent",
}


def _scorecards(report) -> list[dict]:
    cards = []
    health = report.health
    for unit in report.units:
        row = health.loc[unit.id] if unit.id in health.index else None
        rows = [
            (t(report, key), format_value(row[col], report.lang, kind))
            for key, col, kind in SCORECARD
            if row is not None and col in row.index
        ]
        stage = row.get("stage_label") if row is not None else None
        mine = flags_of(report, unit)
        counts = mine["severity"].value_counts() if len(mine) else pd.Series(dtype=int)
        caveat = ""
        if row is not None and "trust" in row.index and pd.notna(row["trust"]):
            rate = row.get("response_rate")
            if rate is None or pd.isna(rate):
                caveat = t(report, "card.caveat_outside")
        cards.append(
            {
                "caveat": caveat,
                "name": unit.name,
                "stage": t(report, "card.stage_label", stage=stage if stage else "–"),
                "evidence": str(row.get("stage_evidence", "")) if row is not None else "",
                "rows": rows,
                "flags": [
                    (s, f"{int(counts.get(s, 0))} {message(f'severities.{s}', report.lang)}")
                    for s in SEVERITIES
                ],
            }
        )
    return cards


def _number_cell(value, lang: str) -> Cell:
    """A measured value or threshold: counts as integers ("27", not "27.00"). The register's
    tables are not sortable, so the cells carry no sort key."""
    kind = "decimal"
    if not _missing_number(value) and float(value).is_integer():
        kind = "integer"
    return Cell(format_value(value, lang, kind), css="num")


def _missing_number(value) -> bool:
    return value is None or bool(pd.isna(value))


def _register_rows(report, flags: pd.DataFrame) -> list[list[Cell]]:
    """The register's table row of every flag, in order: code, who, measured, threshold,
    explanation (with the note under it)."""
    lang = report.lang
    numbers: dict = {}  # cells are immutable: one per distinct number, shared by the rows

    def number(value) -> Cell:
        key = None if _missing_number(value) else float(value)
        if key not in numbers:
            numbers[key] = _number_cell(value, lang)
        return numbers[key]

    who = entity_names(report, flags, org_names(report))
    notes = flags["note"].astype(object).where(flags["note"].notna(), "")
    return [
        [
            Cell(str(code)),
            Cell(name),
            number(measured),
            number(threshold),
            Cell(str(text_), note=str(note)),
        ]
        for code, name, measured, threshold, text_, note in zip(
            flags["code"],
            who,
            flags["value"],
            flags["threshold"],
            flags["explanation"],
            notes,
            strict=True,
        )
    ]


def _severity_groups(report, rows: np.ndarray, severity, code, cells, columns) -> list[dict]:
    """Flags by severity, then by code (in order of appearance): the caveat once per code,
    one row per flag. ``rows`` are positions in the register; ``severity``, ``code`` and
    ``cells`` are the register's columns and table rows."""
    lang = report.lang
    groups = []
    for level in SEVERITIES:
        by_code: dict = {}
        for i in rows[severity[rows] == level]:
            by_code.setdefault(code[i], []).append(cells[i])
        codes = [
            {
                "code": key,
                "title": flag_info(key)["title"][lang],
                "count": len(table_rows),
                "open": level == "high" or len(table_rows) <= OPEN_UP_TO,
                "table": Table(columns, table_rows, cards=True),
            }
            for key, table_rows in by_code.items()
        ]
        if codes:
            groups.append({"key": level, "label": text(f"severity.{level}", lang), "codes": codes})
    return groups


def _shown_rows(report, rows: np.ndarray, severity: np.ndarray) -> tuple[np.ndarray, str]:
    """The register rows of one coalition the page shows, and the line saying where the
    others are: with many coalitions its high-severity flags only, at most
    ``REGISTER_ROWS_LARGE``; otherwise at most ``REGISTER_ROWS``, the most severe first."""
    if is_large(report):
        high = rows[severity[rows] == "high"]
        more = len(high) - REGISTER_ROWS_LARGE
        return high[:REGISTER_ROWS_LARGE], t(
            report, "note.register_more", n=more
        ) if more > 0 else ""
    if len(rows) <= REGISTER_ROWS:
        return rows, ""
    rank = pd.Categorical(severity[rows], categories=SEVERITIES).codes
    order = rows[np.argsort(rank, kind="stable")]
    more = len(rows) - REGISTER_ROWS
    return np.sort(order[:REGISTER_ROWS]), t(report, "note.register_more_all", n=more)


def _risk_groups(report, progress: bool | None = None) -> list[dict]:
    """The register, one folded section per coalition (whole-network flags last)."""
    flags = report.flags
    if not len(flags):
        return []
    lang = report.lang
    columns = [
        Column(text("col.code", lang)),
        Column(text("col.entity", lang)),
        Column(text("col.measured", lang), numeric=True),
        Column(text("col.threshold", lang), numeric=True),
        Column(text("col.explanation", lang)),
    ]
    severity = flags["severity"].to_numpy(dtype=object)
    code = flags["code"].to_numpy(dtype=object)
    ids = [u.coalition for u in report.units if u.coalition is not None]
    split = flag_rows(report)
    units = [(u.name, split.get(u.coalition, np.empty(0, dtype=np.intp))) for u in report.units]
    if ids:
        rest = ~flags["coalition"].isin(ids).fillna(False).to_numpy(bool)
        units.append((message("labels.whole_network", lang), np.flatnonzero(rest)))
    shown = {}
    for name, rows in units:
        if len(rows):
            shown[name] = _shown_rows(report, rows, severity)
    needed = np.unique(
        np.concatenate([np.empty(0, dtype=np.intp)] + [r for r, _ in shown.values()])
    )
    cells = dict(zip(needed.tolist(), _register_rows(report, flags.iloc[needed]), strict=True))
    sections = []
    for name, rows in _progress(units, desc=PROGRESS["register"], enabled=progress):
        if not len(rows):
            continue
        counts = pd.Series(severity[rows]).value_counts()
        kept, more = shown[name]
        sections.append(
            {
                "name": name,
                "counts": [
                    (sev, f"{int(counts.get(sev, 0))} {message(f'severities.{sev}', lang)}")
                    for sev in SEVERITIES
                    if counts.get(sev, 0)
                ],
                "groups": _severity_groups(report, kept, severity, code, cells, columns),
                "more": more,
            }
        )
    return sections


def _caveats(report) -> list[dict]:
    """What each flag raised does not show: once per code, not once per coalition."""
    flags = report.flags
    if not len(flags):
        return []
    first = flags.drop_duplicates("code").sort_values("code", kind="stable")
    return [
        {"code": row.code, "title": flag_info(row.code)["title"][report.lang], "text": row.caveat}
        for row in first.itertuples(index=False)
    ]


def _digest(report) -> list[dict]:
    """The conversations to have first, per coalition (the first ones open)."""
    digest = report.priorities
    if digest is None or not len(digest):
        return []
    lang = report.lang
    names = unit_names(report)
    items = []
    for i, (cid, rows) in enumerate(digest.groupby("coalition", sort=False)):
        name = names.get(cid, message("labels.whole_network", lang))
        items.append(
            {
                "name": name,
                "open": i < DIGEST_OPEN,
                "items": [
                    {
                        "severity": row.severity,
                        "severity_label": message(f"severities.{row.severity}", lang),
                        "title": row.title,
                        # the coalition itself is already named by its heading
                        "subject": "" if row.subject_name == name else row.subject_name,
                        "explanation": row.explanation,
                        "codes": str(row.codes).replace(";", ", "),
                    }
                    for row in rows.itertuples(index=False)
                ],
            }
        )
    return items


def _skipped(report) -> list[str]:
    names = unit_names(report)
    lang = report.lang
    notes = []
    for code, reason, coalitions in report.skipped[["code", "reason", "coalitions"]].itertuples(
        index=False, name=None
    ):
        where = [names.get(c, message("labels.whole_network", lang)) for c in coalitions]
        title = flag_info(code)["title"][lang]
        notes.append(f"{code} {title}: {reason} ({', '.join(where)})")
    return notes


def _member_html_frame(report, unit) -> pd.DataFrame:
    """The member table's columns worth a screen: identity, structure, brokerage, scores; of
    a coalition of more than ``MEMBER_ROWS`` members, the ``MEMBER_ROWS`` with the most
    partners (in the table's order)."""
    members = report.members[unit.id]
    shown = MEMBER_COLUMNS_LARGE if is_large(report) else MEMBER_COLUMNS
    frame = members[[c for c in shown if c in members.columns]]
    if len(frame) > MEMBER_ROWS and "degree" in members.columns:
        degree = members["degree"].reset_index(drop=True)
        keep = degree.sort_values(ascending=False, kind="stable").index[:MEMBER_ROWS]
        frame = frame.iloc[np.sort(keep.to_numpy())]
    frame = frame.copy()
    frame = frame.loc[:, frame.notna().any() | frame.columns.isin(["name"])]
    if "type" in frame:
        frame["type"] = translated(frame["type"], "type", report.lang)
    if "role" in frame:
        frame["role"] = translated(frame["role"], "role", report.lang)
    return frame.reset_index(drop=True)


def _member_tables(report, progress: bool | None = None) -> list[dict]:
    items = []
    units = [u for u in report.units if u.id in report.members]
    for i, unit in enumerate(_progress(units, desc=PROGRESS["members"], enabled=progress)):
        frame = _member_html_frame(report, unit)
        table = frame_table(
            frame,
            report.lang,
            highlight_top=True,
            sortable=True,
            table_id=f"members-{i}",
        )
        table.notes.append(t(report, "note.top_quartile"))
        total = len(report.members[unit.id])
        if len(frame) < total:
            table.notes.append(t(report, "note.members_top", shown=len(frame), total=total))
        notice = path_notice(report.members[unit.id], "path.members", report.lang)
        if notice is not None:
            table.notices.append(f"{t(report, 'path.estimated')}: {notice}")
        items.append({"name": unit.name, "table": table})
    return items


def _bridges(report):
    if report.bridges is None or not len(report.bridges):
        return None
    frame = report.bridges.head(BRIDGES_SHOWN)
    frame = frame[[c for c in BRIDGE_COLUMNS if c in frame.columns]].copy()
    if "type" in frame:
        frame["type"] = translated(frame["type"], "type", report.lang)
    table = frame_table(
        frame.reset_index(drop=True), report.lang, sortable=True, table_id="bridges-table"
    )
    if len(report.bridges) > BRIDGES_SHOWN:
        table.notes.append(
            t(report, "note.bridges_top", shown=BRIDGES_SHOWN, total=len(report.bridges))
        )
    notice = path_notice(report.bridges, "path.bridges", report.lang)
    if notice is not None:
        table.notices.append(f"{t(report, 'path.estimated')}: {notice}")
    return table


def _weaving(report):
    if report.weaving is None or not len(report.weaving):
        return None
    frame = report.weaving[[c for c in WEAVING_COLUMNS if c in report.weaving.columns]]
    return frame_table(frame.reset_index(), report.lang, table_id="weaving")


def _change(report):
    if report.change is None or not len(report.change):
        return None
    frame = change_frame(report)
    table = frame_table(frame, report.lang, formats=CHANGE_FORMATS, table_id="change-table")
    once = report.change.attrs.get("ratings_period")
    if once is not None and not isinstance(once, list | tuple):
        table.notes.append(t(report, "note.ratings_once", period=once))
    return {"figure": charts.change(report), "table": table}


def _maps(report, progress: bool | None = None) -> dict:
    """The interactive maps, each with its static map for print (the largest coalitions'
    only when there are many, so the file stays small)."""
    units = _progress(report.units, desc=PROGRESS["maps"], enabled=progress)
    graphs, captions, positions = charts.map_graphs(report, units)
    printed = largest_units(report, graphs)
    static = charts.maps(
        report, {u: graphs[u] for u in graphs if u in printed}, captions, positions
    )
    items = netmap.map_items(report, graphs, positions)
    units = {u.id: u for u in report.units}
    for item in items:
        unit = units[item["unit"]]
        item["figure"] = static.get(unit.id)
        item["alt"] = t(
            report,
            "alt.map",
            name=unit.name,
            n=unit.graph.number_of_nodes(),
            m=unit.graph.number_of_edges(),
        )
    note = ""
    if len(printed) < len(graphs):
        note = t(report, "map.print_subset", shown=len(printed), total=len(graphs))
    return {
        "maps": items,
        "map_strings": Markup(netmap.script_json(netmap.strings(report.lang))),
        "map_print_note": note,
    }


def _subtitle(report, when: str) -> str:
    """Organisations, coalitions and dates: "the whole network" when the data have no
    coalitions, never "1 coalitions"."""
    lang = report.lang
    orgs = format_value(len(report.data.organizations), lang, "integer")
    if len(report.units) == 1 and report.units[0].coalition is None:
        return t(report, "report.subtitle_network", orgs=orgs, when=when)
    if len(report.units) == 1:
        return t(report, "report.subtitle_one", orgs=orgs, when=when)
    count = format_value(len(report.units), lang, "integer")
    return t(report, "report.subtitle", orgs=orgs, coalitions=count, when=when)


def _no_quadrant_note(report) -> str:
    """Why there is no trust-value quadrant, agreeing with the cards: no ratings at all,
    trust without value items, or too few members rated."""
    scores = [s.nodes for s in report.trust.values() if s is not None]
    has = {c: any(c in n and n[c].notna().any() for n in scores) for c in ("trust", "value")}
    if has["trust"] and not has["value"]:
        return t(report, "note.trust_only")
    if has["trust"]:
        return t(report, "note.quadrant_too_few")
    return t(report, "note.no_ratings")


def context(report, *, progress: bool | None = None) -> dict:
    """Everything the template needs, as plain values (escaped by the template).

    ``progress`` shows a bar over the coalitions in the longest steps (maps, register,
    member tables); None: only on a terminal or in Jupyter.
    """
    source = dataset_source(report)
    when = (
        t(report, "report.snapshot", at=report.at)
        if report.at is not None
        else t(report, "report.all_dates")
    )
    title = (
        t(report, "report.title_one", name=report.units[0].name)
        if report.coalition is not None
        else t(report, "report.title")
    )
    nav = [
        ("digest", t(report, "section.digest")),
        ("summary", t(report, "section.summary")),
        ("maps", t(report, "section.maps")),
        ("trust-value", t(report, "section.trust_value")),
        ("concentration", t(report, "section.lorenz")),
        ("layers", t(report, "section.layers")),
        ("risks", t(report, "section.risks")),
        ("members", t(report, "section.members")),
        ("bridges", t(report, "section.bridges")),
        ("change", t(report, "section.change")),
        ("methods", t(report, "section.methods")),
    ]
    return {
        "title": title,
        "source": source,
        "subtitle": _subtitle(report, when),
        "nav": nav,
        "scorecards": _scorecards(report),
        "summary_notes": [],
        **_maps(report, progress),
        "quadrants": charts.quadrants(report),
        "no_quadrant": _no_quadrant_note(report),
        "lorenz": charts.lorenz(report),
        "layers": charts.layers(report),
        "risk_notice": risk_notice(report),
        "risk_groups": _risk_groups(report, progress),
        "caveats": _caveats(report),
        "register_note": t(
            report, "note.register_large" if is_large(report) else "note.register_grouped"
        ),
        "digest": _digest(report),
        "skipped": _skipped(report),
        "member_tables": _member_tables(report, progress),
        "bridges": _bridges(report),
        "weaving": _weaving(report),
        "weaving_note": (
            t(report, "note.weaving_too_big", n=WEAVING_MAX_NODES)
            if report.weaving is None
            else t(report, "note.no_weaving")
        ),
        "change": _change(report),
        "methods": methods(report),
        "generated": report.generated,
        "version": __version__,
    }
