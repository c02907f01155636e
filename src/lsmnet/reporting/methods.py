"""The report's methods: every measure and flag with its definition, threshold and source,
the thresholds used where they differ from the defaults, the data-quality notes, and the
version and parameters used."""

from __future__ import annotations

import math

import pandas as pd

from lsmnet._problems import problem_report
from lsmnet._version import __version__
from lsmnet.metrics import centrality
from lsmnet.reporting.common import dataset_source, t, unit_names
from lsmnet.reporting.html import Cell, Column, Table, format_value, frame_table, sort_key
from lsmnet.reporting.labels import label, text
from lsmnet.risk.catalog import catalogue as risk_catalogue
from lsmnet.risk.catalog import flag_codes, flag_info, message, source_text
from lsmnet.risk.thresholds import RiskThresholds
from lsmnet.risk.thresholds_file import number_text

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


def _default(name: str):
    return RiskThresholds.info(name)["default"]


def changed_thresholds(thresholds: RiskThresholds) -> list[str]:
    """The fields whose value differs from their default, in declaration order."""
    return [n for n in thresholds.names() if getattr(thresholds, n) != _default(n)]


def _threshold_text(code: str, thresholds: RiskThresholds, lang: str) -> str:
    """The thresholds of ``code`` as used, with the default beside any changed one."""
    fields = RiskThresholds.for_code(code)
    if not fields:
        return message("docs.no_threshold", lang)
    parts = []
    for name in fields:
        value, default = getattr(thresholds, name), _default(name)
        if value == default:
            parts.append(f"{name} = {_exact(value, lang)}")
        else:
            parts.append(
                text(
                    "thresholds.changed_value",
                    lang,
                    name=name,
                    value=_exact(value, lang),
                    default=_exact(default, lang),
                )
            )
    return "; ".join(parts)


def _sources(keys, lang: str) -> str:
    sources = risk_catalogue()["sources"]
    return " ".join(
        source_text(k, lang) if k in sources else text(f"source.{k}", lang) for k in keys
    )


def definitions(report) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The measures and the flags, with definition, threshold and source, in the language."""
    lang = report.lang
    raters = report.thresholds.min_raters
    measures = pd.DataFrame(
        {
            "measure": [text(f"def.{m}.name", lang) for m in MEASURES],
            "definition": [text(f"def.{m}.text", lang, n=raters) for m in MEASURES],
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
                "threshold": _threshold_text(code, report.thresholds, lang),
                "source": _sources(info["sources"], lang),
            }
        )
    return measures, pd.DataFrame(rows)


def threshold_frame(report) -> pd.DataFrame:
    """One row per threshold that differs from its default: ``threshold`` (the field),
    ``description``, ``default``, ``used`` and ``flags`` (the codes it drives)."""
    rows = []
    for name in changed_thresholds(report.thresholds):
        info = RiskThresholds.info(name, lang=report.lang)
        rows.append(
            {
                "threshold": name,
                "description": info["doc"],
                "default": info["default"],
                "used": getattr(report.thresholds, name),
                "flags": ", ".join(info["codes"]),
            }
        )
    # object columns keep integer thresholds integers (a float column would show 3 as 3.0)
    columns = ["threshold", "description", "default", "used", "flags"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def threshold_note(report) -> str:
    """The sentence on the thresholds: defaults, or how many differ from them."""
    changed = changed_thresholds(report.thresholds)
    if not changed:
        return t(report, "thresholds.defaults")
    return t(report, "thresholds.changed", n=len(changed), total=len(RiskThresholds.names()))


def _exact(value, lang: str) -> str:
    """A threshold with every digit it has (two decimals could hide a change), in the
    notation of ``lang``."""
    shown = number_text(value)
    return shown.replace(".", ",") if lang == "id" else shown


def _threshold_table(frame: pd.DataFrame, lang: str) -> Table:
    columns = [
        Column(label("col", name, lang), numeric=name in ("default", "used"))
        for name in frame.columns
    ]
    rows = [
        [
            Cell(name),
            Cell(description, css="long"),
            Cell(_exact(default, lang), sort_key(default), "num"),
            Cell(_exact(used, lang), sort_key(used), "num"),
            Cell(codes),
        ]
        for name, description, default, used, codes in frame.itertuples(index=False, name=None)
    ]
    return Table(columns, rows, id="thresholds")


def thresholds_used(report) -> dict:
    """The methods' thresholds part: ``note`` (a sentence), ``changed`` (whether any threshold
    differs from its default) and ``table`` (the changed ones; None when none)."""
    frame = threshold_frame(report)
    return {
        "note": threshold_note(report),
        "changed": bool(len(frame)),
        "table": _threshold_table(frame, report.lang) if len(frame) else None,
    }


def risk_notice(report) -> str | None:
    """The notice above the risk register when thresholds differ from the defaults."""
    changed = changed_thresholds(report.thresholds)
    if not changed:
        return None
    return t(report, "thresholds.risks", names=", ".join(changed))


def _bound_text(bound: float, lang: str) -> str:
    """The error bound with three decimals, rounded up so that the text never promises more."""
    shown = f"{math.ceil(bound * 1000) / 1000:.3f}"
    return shown.replace(".", ",") if lang == "id" else shown


def path_notice(table: pd.DataFrame, key: str, lang: str) -> str | None:
    """The sentence ``key`` on a table whose path measures were estimated (None when exact).

    ``table`` is a :func:`lsmnet.member_table` or :func:`lsmnet.bridge_organizations` result,
    whose ``attrs`` say how betweenness and closeness were computed. The sentence starts in
    lower case, after the name of the table or "Estimated values:".
    """
    attrs = {} if table is None else table.attrs
    if attrs.get("path_measures") != "approximate":
        return None
    return text(
        key,
        lang,
        sources=format_value(attrs["sources"], lang, "integer"),
        nodes=format_value(attrs["nodes"], lang, "integer"),
        confidence=format_value(1 - centrality.ERROR_BOUND_DELTA, lang, "percent"),
        bound=_bound_text(attrs["error_bound"], lang),
    )


def path_notes(report) -> list[tuple[str, bool]]:
    """How betweenness and closeness were computed: (sentence, whether it is an estimate).

    One sentence when every table is exact; otherwise the size limit, then one notice per
    table with estimated values, named.
    """
    lang = report.lang
    notes = []
    for unit in report.units:
        notice = path_notice(report.members.get(unit.id), "path.members", lang)
        if notice is not None:
            notes.append(f"{t(report, 'path.members_of', name=unit.name)}: {notice}")
    notice = path_notice(report.bridges, "path.bridges", lang)
    if notice is not None:
        notes.append(f"{t(report, 'section.bridges')}: {notice}")
    if not notes:
        return [(t(report, "path.exact"), False)]
    # read at run time: the limit is a module setting of centrality_table
    limit = format_value(centrality.EXACT_PATHS_MAX_NODES, lang, "integer")
    return [(t(report, "path.limit", limit=limit), True), *((n, True) for n in notes)]


def quality_notes(report) -> list[str]:
    lang = report.lang
    notes = []
    health = report.health
    for unit in report.units:
        row = health.loc[unit.id] if unit.id in health.index else None
        rate = row.get("response_rate") if row is not None else None
        if rate is None or pd.isna(rate):
            notes.append(t(report, "quality.no_survey", name=unit.name))
        else:
            notes.append(
                t(
                    report,
                    "quality.response",
                    name=unit.name,
                    respondents=format_value(row.get("respondents"), lang, "integer"),
                    members=format_value(row.get("members"), lang, "integer"),
                    rate=format_value(rate, lang, "percent"),
                )
            )
    rate = format_value(report.thresholds.dq_response_watch, lang, "percent")
    notes.append(t(report, "quality.missing_data", rate=rate))
    notes.append(t(report, "quality.min_raters", n=report.thresholds.min_raters))
    set_aside = report.data.set_aside
    if len(set_aside):
        sheet = t(report, "sheet.set_aside")
        notes.append(t(report, "quality.set_aside", n=len(set_aside), sheet=sheet))
        # one line per kind of problem and column, with its first rows (the workbook has all)
        notes += problem_report(set_aside, lang=lang, audience="cli", set_aside=True)[1:]
    return notes


def _thresholds_param(report) -> str:
    changed = changed_thresholds(report.thresholds)
    if not changed:
        return t(report, "param.defaults")
    return t(report, "param.changed", n=len(changed))


def methods(report) -> dict:
    measures, flags = definitions(report)
    lang = report.lang
    source = dataset_source(report)
    coalition = (
        unit_names(report)[report.coalition]
        if report.coalition is not None
        else t(report, "param.all")
    )
    at = str(report.at) if report.at is not None else t(report, "report.all_dates")
    # (label, value, whether the value is the user's data rather than a report text)
    params = [
        (t(report, "param.version"), __version__, True),
        (t(report, "param.source"), str(source), True),
        (t(report, "param.language"), t(report, "param.lang_name"), False),
        (t(report, "param.coalition"), coalition, report.coalition is not None),
        (t(report, "param.at"), at, report.at is not None),
        (t(report, "param.seed"), str(report.seed), True),
        (t(report, "param.thresholds"), _thresholds_param(report), False),
    ]
    return {
        "metrics": frame_table(measures, lang, table_id="measures", text_lang={"source": "en"}),
        "flags": frame_table(flags, lang, table_id="flag-definitions", text_lang={"source": "en"}),
        "quality": quality_notes(report),
        "paths": path_notes(report),
        "thresholds": thresholds_used(report),
        "params": params,
    }
