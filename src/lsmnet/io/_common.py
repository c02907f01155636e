"""Helpers shared by the importers: text decoding, set-aside records, provenance and the
final validated container.

Every importer counts the units of its source (data rows, XML transactions, matrix cells) and
sends each one either into the tables ("used") or into ``data.set_aside`` with a reason, so that
``rows read = rows used + rows set aside`` always holds; :func:`finish` checks that identity.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lsmnet.io._files import decode

PROBLEM_COLUMNS = ["table", "file", "row", "column", "value", "problem", "fix"]


def decode_text(path: Path, *, encoding: str | None = None) -> str:
    """Read a text file: UTF-8/UTF-16 with BOM, UTF-8, else Windows-1252 with a warning."""
    raw = Path(path).read_bytes()
    if encoding is not None:
        return raw.decode(encoding)
    return decode(raw, Path(path).name)[0]


def aside(table, file, row, column, value, problem, fix) -> dict:
    """One set-aside record (a row of ``data.set_aside``)."""
    return {
        "table": table,
        "file": str(file),
        "row": row,
        "column": column,
        "value": "" if value is None else str(value),
        "problem": problem,
        "fix": fix,
    }


def aside_frame(records) -> pd.DataFrame:
    frame = pd.DataFrame(list(records), columns=PROBLEM_COLUMNS).astype(object)
    frame["row"] = pd.array(frame["row"].tolist(), dtype="Int64")
    return frame


def org_frame(ids, names, **columns) -> pd.DataFrame:
    """An organisations table from parallel lists (further columns by keyword)."""
    return pd.DataFrame({"org_id": list(ids), "name": list(names), **columns})


def finish(
    *,
    file,
    importer: str,
    options: dict,
    rows_read: int,
    set_aside,
    layers=None,
    unit: str = "rows",
    blank_rows: int = 0,
    extra_meta: dict | None = None,
    **tables,
):
    """Validate the tables with ``from_frames`` and attach provenance and the set-aside rows.

    ``rows_read`` counts the non-blank source units; each record of ``set_aside`` is one unit
    not used (a unit with several problems must be recorded once).
    """
    from lsmnet.model import from_frames

    set_aside = aside_frame(set_aside)
    n_aside = len(set_aside)
    accounting = {
        "unit": unit,
        "read": int(rows_read),
        "used": int(rows_read) - n_aside,
        "set_aside": n_aside,
        "blank": int(blank_rows),
    }
    if accounting["used"] < 0:  # pragma: no cover - an importer bug, never user data
        raise RuntimeError(f"{importer}: more rows set aside than read ({accounting}).")
    provenance = {
        "file": str(file),
        "importer": importer,
        "options": dict(options),
        "rows": accounting,
    }
    meta = {"provenance": provenance, "rows": accounting, **(extra_meta or {})}
    data = from_frames(
        **{
            t: tables.get(t)
            for t in ("organizations", "coalitions", "memberships", "ties", "ratings")
        },
        layers=[lay for lay in (layers or ()) if lay is not None] or None,
        source=str(file),
        meta=meta,
        **({"scale": tables["scale"]} if "scale" in tables else {}),
    )
    data.set_aside = set_aside
    return data


def accounting_text(data) -> str:
    """One line of row accounting for messages and the CLI."""
    rows = data.meta.get("rows", {})
    text = (
        f"{rows.get('read', 0)} {rows.get('unit', 'rows')} read = {rows.get('used', 0)} used + "
        f"{rows.get('set_aside', 0)} set aside"
    )
    if rows.get("blank"):
        text += f" ({rows['blank']} blank rows skipped)"
    return text
