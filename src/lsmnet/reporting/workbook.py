"""The report's Excel workbook: which tables go on which sheet."""

from __future__ import annotations

import pandas as pd

from lsmnet._i18n import message
from lsmnet._problems import translated_problems
from lsmnet.reporting.common import entity_names, org_names, t
from lsmnet.reporting.excel import Sheet
from lsmnet.reporting.labels import label, text
from lsmnet.reporting.methods import (
    definitions,
    path_notes,
    quality_notes,
    threshold_frame,
    threshold_note,
)


def dyads(report) -> pd.DataFrame:
    """One row per tied pair of members per coalition, with trust and value both ways."""
    names = org_names(report)
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
                    "layers": ", ".join(
                        label("layer", x, report.lang) for x in attrs.get("layers", ())
                    ),
                    "weight": attrs.get("weight"),
                    "multiplexity": attrs.get("multiplexity"),
                    "trust_source_target": ab[0],
                    "trust_target_source": ba[0],
                    "value_source_target": ab[1],
                    "value_target_source": ba[1],
                }
            )
    return pd.DataFrame(rows)


def notes(report) -> pd.DataFrame:
    """The methods notes: how betweenness and closeness were computed, data quality, then
    the thresholds used. When some thresholds differ from their defaults, one row per changed
    threshold follows, with its description as the note and the columns ``threshold``,
    ``default``, ``used`` and ``flags``."""
    paths = t(report, "heading.path_measures")
    quality = t(report, "heading.quality")
    used = t(report, "heading.thresholds")
    rows = [(paths, note) for note, _estimated in path_notes(report)]
    rows += [(quality, note) for note in quality_notes(report)]
    rows.append((used, threshold_note(report)))
    frame = pd.DataFrame(rows, columns=["topic", "note"])
    changed = threshold_frame(report)
    if not len(changed):
        return frame
    changed = changed.rename(columns={"description": "note"}).assign(topic=used)
    columns = ["topic", "note", "threshold", "default", "used", "flags"]
    return pd.concat([frame, changed[columns]], ignore_index=True)[columns]


def _category(prefix: str):
    """Translate a category code with the flag catalogue's ``prefix`` (e.g. severities);
    codes it does not know are kept."""

    def translate(value, lang):
        try:
            return message(f"{prefix}.{value}", lang)
        except KeyError:
            return value

    return translate


# column -> how its codes are shown in the report's language
_VALUES = {
    "type": lambda v, lang: label("type", v, lang),
    "role": lambda v, lang: label("role", v, lang),
    "severity": _category("severities"),
    "level": _category("levels"),
    "category": _category("categories"),
    "stage": _category("stage"),
    "measure": lambda v, lang: label("col", v, lang),
}


def readable(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with category codes (organisation type, role, severity, flag level and
    category, network stage, the measure a flag reads) in ``lang``; other columns unchanged."""
    frame = frame.copy()
    for column, translate in _VALUES.items():
        if column in frame.columns:
            frame[column] = frame[column].map(
                lambda v, f=translate: v if not isinstance(v, str) else f(v, lang)
            )
    return frame


def sheets(report) -> list[Sheet]:
    """The workbook's sheets, in order, with titles in the report's language."""
    lang = report.lang
    names = org_names(report)
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
            entity_names(report, flags, names),
        )
    measures, flag_defs = definitions(report)
    definitions_frame = pd.concat(
        [
            measures.rename(columns={"measure": "flag"}).assign(code=""),
            flag_defs,
        ],
        ignore_index=True,
    )[["code", "flag", "definition", "threshold", "source"]]
    bridges = report.bridges.reset_index() if report.bridges is not None else pd.DataFrame()
    set_aside = report.data.set_aside
    extra = (
        [Sheet(text("sheet.set_aside", lang), translated_problems(set_aside, lang=lang))]
        if len(set_aside)
        else []
    )
    return [
        Sheet(text("sheet.scorecard", lang), readable(report.health.reset_index(), lang)),
        Sheet(text("sheet.members", lang), readable(members, lang)),
        Sheet(text("sheet.risks", lang), readable(flags, lang)),
        Sheet(text("sheet.bridges", lang), readable(bridges, lang)),
        Sheet(text("sheet.dyads", lang), dyads(report)),
        Sheet(text("sheet.definitions", lang), definitions_frame),
        # every digit of a threshold: a two-decimal format could hide the change
        Sheet(text("sheet.notes", lang), notes(report), {"default": "general", "used": "general"}),
        *extra,  # the rows set aside while loading, each with its problem and fix
    ]
