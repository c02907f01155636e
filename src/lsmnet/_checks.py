"""Validation of the raw tables behind :func:`lsmnet.model.from_frames` and ``lsmnet.read``.

Every rule is a vectorised pandas expression over a whole column; Python only loops over the
rows that have a problem (to write their messages). The result is the parsed tables, the list
of problems (one row per problem) and, in ``errors="collect"`` mode, the set-aside rows (one row
per row set aside, with every reason), so that rows in = rows kept + rows set aside.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from lsmnet import _parse
from lsmnet._problems import Origin, Problems, many, public, suggest
from lsmnet._schema import ID_COLUMNS, REFERENCES, TABLES, required


def _std(header) -> str:
    return re.sub(r"\s+", "_", str(header).strip().lower())


def apply_columns(raw: dict, columns) -> tuple[dict, set]:
    """Rename user headers with the ``columns=`` mapping (flat or per table).

    Returns the renamed tables and the set of mapping keys that matched a header.
    """
    if not columns:
        return raw, set()
    nested = all(isinstance(v, Mapping) for v in columns.values())
    out, used = {}, set()
    for table, df in raw.items():
        mapping = columns.get(table, {}) if nested else columns
        if df is None or not mapping:
            out[table] = df
            continue
        headers = {str(h).strip(): h for h in df.columns}
        lower = {_std(h): h for h in df.columns}
        rename = {}
        for user, ours in mapping.items():
            hit = headers.get(str(user).strip(), lower.get(_std(user)))
            if hit is not None:
                rename[hit] = ours
                used.add((table, user) if nested else user)
        out[table] = df.rename(columns=rename)
    return out, used


def standardise_headers(table: str, df: pd.DataFrame, items) -> pd.DataFrame:
    """Match headers to schema columns ignoring case and spacing; keep others as written."""
    known = {_std(c.name): c.name for c in TABLES[table]}
    if table == "ratings":
        known.update({_std(i): i for i in items})
    return df.rename(columns={h: known.get(_std(h), str(h).strip()) for h in df.columns})


def check_header(table, df, origin, problems, items) -> bool:
    """Report missing required columns, duplicate headers and unknown rating items."""
    found = f"columns found: {many(df.columns) or '(none)'}"
    issues = [
        (
            col,
            found,
            f"required column {col!r} is missing",
            f"add a column headed {col!r} (or map your header to it with columns=)",
        )
        for col in required(table)
        if col not in df.columns
    ]
    issues += [
        (
            col,
            found,
            f"column {col!r} appears more than once",
            "keep one column with this header and rename or delete the others",
        )
        for col in df.columns[df.columns.duplicated()].unique()
    ]
    if table == "ratings":
        base = {c.name for c in TABLES["ratings"]}
        issues += [
            (
                col,
                col,
                f"{col!r} is not a rating item{suggest(col, items)}",
                f"rename it to one of {many(items)}, or declare it with "
                "items={'trust': [...], 'value': [...]}",
            )
            for col in df.columns
            if col not in base and col not in items
        ]
    for issue in issues:
        problems.add_table(table, origin, *issue)
    return not issues


def _first_rows(keys: pd.DataFrame, origin, usable) -> tuple[np.ndarray, np.ndarray]:
    """Among ``usable`` rows, later copies of a key (mask) and the row of the first copy."""
    idx = np.flatnonzero(usable)
    sub = keys.iloc[idx]
    group = sub.groupby(list(sub.columns), dropna=False, sort=False).ngroup().to_numpy()
    later, first = np.zeros(len(keys), bool), np.zeros(len(keys), np.int64)
    later[idx] = pd.Series(group).duplicated().to_numpy()
    first[idx] = origin.rows[pd.Series(idx).groupby(group).transform("first").to_numpy()]
    return later, first


def row_rules(table, frame, origin, problems, raw):
    """Rules that compare columns of the same row, or rows of the same table.

    ``raw`` is the table as given (headers standardised), used to quote values as written.
    """
    add = functools.partial(problems.add, table, origin)
    if table in ID_COLUMNS:
        col = ID_COLUMNS[table]
        later, first = _first_rows(frame[[col]], origin, frame[col].notna().to_numpy(bool))
        pos = np.flatnonzero(later)
        add(
            pos,
            col,
            frame[col].to_numpy(object)[pos],
            [f"duplicate {col}: already used in row {r}" for r in first[pos]],
            f"give each row a unique {col}, or merge the duplicate rows",
        )
    swapped = (frame["start"] > frame["end"]).to_numpy(bool) if "start" in frame else [0]
    if np.any(swapped):
        pos = np.flatnonzero(swapped)
        starts = _parse.raw_text(raw["start"].iloc[pos])
        add(
            pos,
            "end",
            _parse.raw_text(raw["end"].iloc[pos]).to_numpy(),
            [f"end is before start ({v})" for v in starts],
            "correct the start or end date (end must be on or after start)",
        )
    pair = {"ties": ("source", "target"), "ratings": ("rater", "ratee")}.get(table)
    if pair:
        a, b = frame[pair[0]], frame[pair[1]]
        loop = (a == b).fillna(False).to_numpy(bool)
        what = "a tie from an organisation to itself" if table == "ties" else "a self-rating"
        add(
            np.flatnonzero(loop),
            pair[1],
            b.to_numpy(object)[loop],
            f"{what} ({pair[0]} = {pair[1]})",
            f"correct the {pair[0]} or {pair[1]}, or delete the row",
        )
    if table in ("memberships", "ties", "ratings"):
        keys = frame[list(pair)] if table == "ratings" else frame
        clean = np.ones(len(frame), bool)  # a row with a bad cell is nobody's duplicate
        clean[problems.positions(table)] = False
        later, first = _first_rows(keys, origin, clean)
        pos = np.flatnonzero(later)
        kind = "duplicate rating of the same ratee" if table == "ratings" else "exact duplicate"
        col = pair[1] if table == "ratings" else keys.columns[0]
        add(
            pos,
            col,
            frame[col].to_numpy(object)[pos],
            [f"{kind} of row {r}" for r in first[pos]],
            "delete the repeated row (combine the values first if they differ)",
        )


def reference_rules(parsed, origins, problems, failed):
    """Report references to organisations and coalitions that are not in their tables."""
    for (table, col), (target, id_col) in REFERENCES.items():
        frame = parsed.get(table)
        if frame is None or table in failed or target in failed:
            continue
        known = parsed[target][id_col].dropna()
        values = frame[col]
        unknown = (values.notna() & ~values.isin(known)).to_numpy(bool)
        if not unknown.any():
            continue
        pos = np.flatnonzero(unknown)
        bad = values.to_numpy(object)[pos]
        where = origins[target].file if target in origins else f"the {target} table"
        options = known.unique() if len(known) <= 5000 else ()
        fixes = {
            v: f"add {v!r} to {where}, or correct the id{suggest(v, options)}"
            for v in pd.unique(bad)
        }
        noun = "organisation" if target == "organizations" else "coalition"
        problems.add(
            table,
            origins[table],
            pos,
            col,
            bad,
            [f"unknown {noun} {v!r}: not in {where}" for v in bad],
            [fixes[v] for v in bad],
        )


def _implied(parsed, table, sources) -> pd.DataFrame:
    """An organizations/coalitions table made of the ids that the other tables refer to."""
    ids = [parsed[t][c] for t, c in sources if parsed.get(t) is not None]
    ids = pd.concat(ids, ignore_index=True).dropna().unique() if ids else []
    col = ID_COLUMNS[table]
    frame = pd.DataFrame({col: pd.array(list(ids), dtype=_parse.STRING)})
    return _parse.parse_table(
        table,
        frame,
        Origin(table, np.arange(2, len(ids) + 2)),
        Problems(),
        scale=(0, 1),
        layers=(),
        items=(),
    )


def validate(raw, origins, *, scale, layers, items, errors):
    """Parse and check every table; return (tables, problems, set_aside).

    ``raw`` maps table names to DataFrames (or None when absent) with user headers already
    mapped by ``columns=``. In ``errors="raise"`` mode nothing is set aside and ``problems``
    lists every problem; in ``"collect"`` mode ``set_aside`` lists every row left out.
    """
    problems = Problems()
    parsed, failed = {}, set()
    for table in TABLES:
        df = raw.get(table)
        if df is None:
            continue
        df = standardise_headers(table, df, items)
        if not check_header(table, df, origins[table], problems, items):
            failed.add(table)
            parsed[table] = None
            continue
        frame = _parse.parse_table(
            table, df, origins[table], problems, scale=scale, layers=layers, items=items
        )
        row_rules(table, frame, origins[table], problems, df)
        parsed[table] = frame
    for table, sources in (
        ("organizations", [k for k, v in REFERENCES.items() if v[0] == "organizations"]),
        ("coalitions", [("memberships", "coalition_id")]),
    ):
        if raw.get(table) is None and any(raw.get(t) is not None for t, _ in sources):
            parsed[table] = _implied(parsed, table, sources)
    reference_rules(parsed, origins, problems, failed)
    found = problems.frame()
    keep = {t: np.ones(len(f), bool) for t, f in parsed.items() if f is not None}
    set_aside = found.iloc[:0]
    if errors == "collect":
        set_aside = _set_aside(raw, parsed, origins, found, failed, keep)
    tables = {}
    for table in TABLES:
        frame = parsed.get(table)
        if frame is None:
            frame = _parse.parse_table(
                table,
                pd.DataFrame(),
                Origin(table, np.arange(0)),
                Problems(),
                scale=scale,
                layers=layers,
                items=items,
            )
        else:
            frame = frame[keep[table]].reset_index(drop=True)
        tables[table] = frame
    return tables, public(found[~found["_dependent"]]), public(set_aside)


def _set_aside(raw, parsed, origins, found, failed, keep):
    """Decide which rows to set aside (own problems, then rows that depend on them)."""
    parts = [found]
    for table in TABLES:
        if raw.get(table) is None:
            continue
        origin, n = origins[table], len(raw[table])
        mine = found[found["table"] == table]
        if table in failed:
            head = mine[mine["_pos"] < 0]
            rows = np.repeat(np.arange(n), len(head))
            whole = head.iloc[np.tile(np.arange(len(head)), n)].copy()
            whole["_pos"], whole["row"] = rows, origin.rows[rows] if n else []
            whole["value"] = ""
            whole["problem"] = whole["problem"] + " (the whole table was set aside)"
            parts.append(whole)
            keep[table] = np.zeros(n, bool)
            continue
        bad = np.zeros(n, bool)
        bad[mine["_pos"].to_numpy(np.int64)] = True
        dependent = Problems()
        for (t, col), (target, id_col) in REFERENCES.items():
            if t != table or raw.get(target) is None:  # absent or implied: nothing set aside
                continue
            values = parsed[table][col]
            noun = "organisation" if target == "organizations" else "coalition"
            if target in failed:
                dep = values.notna().to_numpy(bool) & ~bad
                reasons = f"refers to the {target} table, which could not be loaded"
            else:
                ids, kept = parsed[target][id_col], keep[target]
                dep = values.isin(ids[~kept].dropna()) & ~values.isin(ids[kept].dropna())
                dep = dep.to_numpy(bool) & ~bad
                first = pd.Series(origins[target].rows[~kept], index=ids[~kept])
                first = first[~first.index.duplicated()]
                where = origins[target].file
                reasons = [
                    f"refers to {noun} {v!r}, which was set aside (row {first[v]} of {where})"
                    for v in values[dep]
                ]
            pos = np.flatnonzero(dep)
            dependent.add(
                table,
                origin,
                pos,
                col,
                values.to_numpy(object)[pos],
                reasons,
                f"fix the {noun}'s row first; this row is then loaded too",
                dependent=True,
            )
        dep_frame = dependent.frame()
        parts.append(dep_frame)
        bad[dep_frame["_pos"].to_numpy(np.int64)] = True
        keep[table] = ~bad
    parts = [p for p in parts if len(p)]
    rows = pd.concat(parts, ignore_index=True) if parts else found
    rows = rows[rows["_pos"] >= 0]
    if rows.empty:
        return rows
    join = "; ".join
    grouped = (
        rows.groupby(["table", "_pos"], sort=False)
        .agg(
            file=("file", "first"),
            row=("row", "first"),
            column=("column", ", ".join),
            value=("value", lambda v: ", ".join(map(str, v))),
            problem=("problem", join),
            fix=("fix", join),
            _dependent=("_dependent", "all"),
            _positional=("_positional", "first"),
        )
        .reset_index()
    )
    order = {t: i for i, t in enumerate(TABLES)}
    grouped["_t"] = grouped["table"].map(order)
    return grouped.sort_values(["_t", "_pos"]).drop(columns="_t").reset_index(drop=True)
