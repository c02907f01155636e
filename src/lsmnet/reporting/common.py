"""What the report's HTML sections, figures and workbook share: names and selections."""

from __future__ import annotations

import pandas as pd

from lsmnet.reporting.labels import has, label, text
from lsmnet.risk.catalog import message

SEVERITIES = ("high", "watch", "info")
#: Reports of more coalitions than this are "large": the HTML keeps its size down (images of
#: the ``LARGE_SHOWN`` largest coalitions only, compact member tables, high-severity rows of
#: the register); the workbook stays complete.
MANY_UNITS = 15
LARGE_SHOWN = 2


def is_large(report) -> bool:
    """Whether the report has more than ``MANY_UNITS`` coalitions."""
    return len(report.units) > MANY_UNITS


def largest_units(report, ids=None) -> set:
    """Ids of the coalitions whose images are embedded: all of ``ids`` (default every unit)
    in a report of few coalitions, else the ``LARGE_SHOWN`` with the most members."""
    ids = [u.id for u in report.units] if ids is None else list(ids)
    if not is_large(report):
        return set(ids)
    size = {u.id: u.graph.number_of_nodes() for u in report.units}
    return set(sorted(ids, key=lambda u: (-size.get(u, 0), ids.index(u)))[:LARGE_SHOWN])


# columns of the change-over-time table, in order (absent ones are skipped)
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


def t(report, key: str, **fields) -> str:
    """A label of the catalogue in the report's language."""
    return text(key, report.lang, **fields)


def org_names(report) -> dict:
    """org_id -> display name (the name, else the id)."""
    orgs = report.data.organizations
    names = orgs["name"].where(orgs["name"].notna(), orgs["org_id"])
    return dict(zip(orgs["org_id"], names.astype(str), strict=True))


def unit_names(report) -> dict:
    """Unit id -> display name of the coalitions reported on."""
    return {u.id: u.name for u in report.units}


def unit_name(report, key) -> str:
    """Display name of a health-table key (a coalition id, or "network")."""
    return unit_names(report).get(key, message("labels.whole_network", report.lang))


def flag_coalition_name(report, coalition) -> str:
    """Display name of a flag row's coalition (<NA>: the whole network)."""
    if pd.isna(coalition):
        return message("labels.whole_network", report.lang)
    return unit_names(report).get(coalition, str(coalition))


def entity_name(report, row, names) -> str:
    """Display name of a flag row's entity: organisation, pair, group or coalition."""
    entity = str(row["entity"])
    if row["level"] == "node":
        return names.get(entity, entity)
    if row["level"] == "dyad" and "|" in entity:
        a, b = entity.split("|", 1)
        return f"{names.get(a, a)} – {names.get(b, b)}"
    if row["level"] == "network":
        return flag_coalition_name(report, row["coalition"])
    return entity


def flags_of(report, unit) -> pd.DataFrame:
    """The flags raised in ``unit`` (whole-network flags have no coalition)."""
    flags = report.flags
    if unit.coalition is None:
        return flags[flags["coalition"].isna().to_numpy(bool)]
    return flags[(flags["coalition"] == unit.coalition).fillna(False).to_numpy(bool)]


def translated(series: pd.Series, prefix: str, lang: str) -> pd.Series:
    """Category codes (organisation type, role) in the report's language."""
    return series.map(lambda v: v if pd.isna(v) else label(prefix, v, lang))


def change_frame(report) -> pd.DataFrame:
    """The change table: one row per period and coalition, coalition names, chosen columns."""
    change = report.change.reset_index()
    change["coalition"] = [unit_name(report, c) for c in change["coalition"]]
    return change[[c for c in CHANGE_COLUMNS if c in change.columns]]


def dataset_source(report) -> str:
    """The dataset description; a bundled dataset's in the report's language (its meta
    ``source`` is English, e.g. "indonesia_demo (SYNTHETIC: fictional ...)")."""
    source = report.data.meta.get("source")
    if not source:
        return t(report, "report.unnamed_source")
    bundled = str(source).split(" ", 1)[0]
    path = str(report.data.meta.get("path") or "")
    if has(f"dataset.{bundled}") and path.replace("\\", "/").endswith(f"datasets/data/{bundled}"):
        return t(report, f"dataset.{bundled}")
    return str(source)
