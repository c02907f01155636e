"""What the report's HTML sections, figures and workbook share: names and selections."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet.reporting.labels import has, label, text
from lsmnet.risk.catalog import message

if TYPE_CHECKING:
    from collections.abc import Iterable


SEVERITIES = ("high", "watch", "info")
#: Reports of more coalitions than this are "large": the HTML keeps its size down (images of
#: the ``LARGE_SHOWN`` largest coalitions only, compact member tables, high-severity rows of
#: the register); the workbook stays complete.
MANY_UNITS = 15
LARGE_SHOWN = 2


def is_large(report) -> bool:
    """Whether the report has more than ``MANY_UNITS`` coalitions."""
    return len(report.units) > MANY_UNITS


def largest_units(report, ids: Iterable | None = None) -> set:
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


def t(report, key: str, **fields: object) -> str:
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


def unit_name(report, key: object) -> str:
    """Display name of a health-table key (a coalition id, or "network")."""
    return unit_names(report).get(key, message("labels.whole_network", report.lang))


def entity_names(report, flags: pd.DataFrame, names: dict) -> list[str]:
    """Display name of the entity of every row of ``flags``, in order: the organisation, the
    pair ("A – B"), the coalition of a network-level flag, else the entity as it is."""
    units = unit_names(report)
    whole = message("labels.whole_network", report.lang)
    shown = []
    for entity, level, coalition in zip(
        flags["entity"].astype(str), flags["level"], flags["coalition"], strict=True
    ):
        if level == "node":
            shown.append(names.get(entity, entity))
        elif level == "dyad" and "|" in entity:
            a, b = entity.split("|", 1)
            shown.append(f"{names.get(a, a)} – {names.get(b, b)}")
        elif level == "network":
            shown.append(whole if pd.isna(coalition) else units.get(coalition, str(coalition)))
        else:
            shown.append(entity)
    return shown


# report -> (its flags, {coalition id or None: positions of their rows}): the register is
# split by coalition once, not compared with every coalition id again in each section
_FLAG_ROWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def flag_rows(report) -> dict:
    """Coalition id (None for whole-network flags) -> positions of its rows in the register."""
    flags = report.flags
    cached = _FLAG_ROWS.get(report)
    if cached is not None and cached[0] is flags:
        return cached[1]
    missing = flags["coalition"].isna().to_numpy(bool)
    rows = {None: np.flatnonzero(missing)}
    present = np.flatnonzero(~missing)
    keys = flags["coalition"].to_numpy(dtype=object)[present]
    for key, part in pd.Series(present).groupby(keys, sort=False):
        rows[key] = part.to_numpy()
    _FLAG_ROWS[report] = (flags, rows)
    return rows


def flags_of(report, unit) -> pd.DataFrame:
    """The flags raised in ``unit`` (whole-network flags have no coalition)."""
    rows = flag_rows(report).get(unit.coalition, np.empty(0, dtype=np.intp))
    return report.flags.iloc[rows]


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
