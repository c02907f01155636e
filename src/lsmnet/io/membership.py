"""Coalition membership lists: long form (one row per organisation and coalition) or an
organisation x coalition matrix (one row per organisation, one column per coalition)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from lsmnet._problems import Origin
from lsmnet._schema import FALSE_WORDS, ROLES, TRUE_WORDS
from lsmnet._validation import check_option
from lsmnet.exceptions import SchemaError
from lsmnet.io._common import aside, finish, name_mapping, read_table, resolve_columns

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_memberships"]

_LONG = {
    "org_id": (
        "org_id",
        "org",
        "organization",
        "organisation",
        "organization_id",
        "organisation_id",
        "member",
        "organisasi",
        "lembaga",
    ),
    "coalition_id": (
        "coalition_id",
        "coalition",
        "network",
        "alliance",
        "forum",
        "koalisi",
        "jaringan",
        "aliansi",
    ),
    "org_name": ("org_name", "organization_name", "organisation_name", "nama_organisasi"),
    "coalition_name": ("coalition_name", "nama_koalisi"),
    "role": ("role", "peran"),
    "start": ("start", "start_date", "joined", "mulai", "bergabung"),
    "end": ("end", "end_date", "left", "selesai", "keluar"),
    "weight": ("weight", "bobot"),
}
_FUNC = "read_memberships"


def read_memberships(
    path: str | os.PathLike[str],
    *,
    form: Literal["long", "matrix"] | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    match: bool = False,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
) -> NetworkData:
    """Read a coalition membership list, in long form or as an organisation x coalition matrix.

    Parameters
    ----------
    path : str or path-like
        A CSV file (comma, semicolon or tab; UTF-8 with or without BOM, else Windows-1252 with a
        warning) or an .xlsx workbook.
    form : {"long", "matrix"}, optional
        ``"long"``: one row per membership with columns for the organisation and the coalition
        (and optionally role, start, end, weight, org_name, coalition_name). ``"matrix"``: the
        first column holds the organisations, every other column is a coalition, and a cell
        says whether (and how) the row's organisation belongs to the column's coalition. By
        default the long form is used when an organisation and a coalition column are found.
    sheet : str, optional
        Sheet of a workbook (default: the first).
    columns : mapping, optional
        Long form: your header -> field (``org_id``, ``coalition_id``, ``org_name``,
        ``coalition_name``, ``role``, ``start``, ``end``, ``weight``). Headers are otherwise
        recognised in English and Indonesian (``organisasi``, ``koalisi``, ``peran``, ...).
    match : bool, default False
        Merge spellings of the same organisation (and coalition) with
        :func:`~lsmnet.io.names.match_names`; the merges are listed in
        ``data.meta["name_report"]``.
    aliases : dict, DataFrame or path, optional
        Alias table for the names (see :func:`~lsmnet.io.names.read_aliases`).

    Returns
    -------
    NetworkData
        Organisations (``org_id``; ``name`` from ``org_name`` when given), coalitions and
        memberships. ``meta["rows"]`` gives the accounting: long form counts rows, the matrix
        counts non-empty cells; each unit is used or set aside in ``data.set_aside`` with its
        row, column and reason.

    Raises
    ------
    SchemaError
        If the organisation or coalition column cannot be found (the message lists the headers
        found and hints at a wrong delimiter), or a matrix has no coalition columns.
    InvalidParameterError
        If `form` or `sheet` is invalid.

    Notes
    -----
    Matrix cells: empty, ``0``, ``no``/``false``/``tidak`` mean "not a member" (used, no
    membership); ``1``, ``x``, ``yes``/``true``/``ya`` mean "member"; another positive number
    is a member with that ``weight``; a role word (``member``, ``chair``, ``secretariat``,
    ``founder``) is a member with that role. Other cells, cells of a row without an
    organisation and rows repeating an organisation are set aside. Long-form rows are checked
    by the same rules as :func:`lsmnet.from_frames` (dates, roles, weights) and set aside with
    the validator's message when they fail; rows without an organisation or a coalition, and
    repeated rows, are set aside too.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = "organisasi,Koalisi RSK,Jaringan Iklim\\nKontraS,chair,x\\nWalhi,,1\\nICW,0,\\n"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "matrix.csv")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     data = read_memberships(path)
    >>> data.memberships[["org_id", "coalition_id", "role"]]
        org_id    coalition_id    role
    0  KontraS     Koalisi RSK   chair
    1  KontraS  Jaringan Iklim  member
    2    Walhi  Jaringan Iklim  member
    >>> data.meta["accounting"]
    '4 non-empty cells read = 4 used + 0 set aside'
    """
    if form is not None:
        check_option(form, ("long", "matrix"), "form", _FUNC)
    raw = read_table(path, sheet=sheet, func=_FUNC)
    if form is None:
        found = resolve_columns(raw, _LONG, columns=columns, func=_FUNC)
        form = "long" if {"org_id", "coalition_id"} <= set(found) else "matrix"
    options = {"form": form, "sheet": sheet, "columns": columns, "match": match}
    if form == "long":
        return _long(raw, columns, options, match, aliases)
    return _matrix(raw, options, match, aliases)


def _long(raw, columns, options, match, aliases):
    cols = resolve_columns(
        raw, _LONG, required=("org_id", "coalition_id"), columns=columns, func=_FUNC
    )
    frame, label = raw.frame, raw.label
    org, coal = frame[cols["org_id"]], frame[cols["coalition_id"]]
    org_map, org_report = name_mapping(org.dropna(), match=match, aliases=aliases)
    coal_map, coal_report = name_mapping(coal.dropna(), match=match, aliases=aliases)
    set_aside, keep = [], []
    seen = set()
    for pos, (o, c, row) in enumerate(zip(org, coal, raw.rows, strict=True)):
        if o is None or c is None:
            column = cols["org_id"] if o is None else cols["coalition_id"]
            set_aside.append(
                aside(
                    "memberships",
                    label,
                    row,
                    column,
                    "",
                    f"no {'organisation' if o is None else 'coalition'} on this row",
                    "fill the cell or delete the row",
                )
            )
            continue
        start = frame[cols["start"]].iloc[pos] if "start" in cols else None
        key = (org_map[o], coal_map[c], start)
        if key in seen:
            set_aside.append(
                aside(
                    "memberships",
                    label,
                    row,
                    cols["coalition_id"],
                    c,
                    f"repeats the membership of {key[0]!r} in {key[1]!r}",
                    "delete the repeated row (or give each period its own start date)",
                )
            )
            continue
        seen.add(key)
        keep.append(pos)
    kept = frame.iloc[keep]
    members = pd.DataFrame(
        {
            "org_id": kept[cols["org_id"]].map(org_map).to_numpy(object),
            "coalition_id": kept[cols["coalition_id"]].map(coal_map).to_numpy(object),
        }
    )
    for field in ("role", "start", "end", "weight"):
        if field in cols:
            members[field] = kept[cols[field]].to_numpy(object)
    names = {}
    if "org_name" in cols:
        for o, n in zip(kept[cols["org_id"]], kept[cols["org_name"]], strict=True):
            if n is not None:
                names.setdefault(org_map[o], n)
    coal_names = {}
    if "coalition_name" in cols:
        for c, n in zip(kept[cols["coalition_id"]], kept[cols["coalition_name"]], strict=True):
            if n is not None:
                coal_names.setdefault(coal_map[c], n)
    org_ids = list(dict.fromkeys(members["org_id"]))
    coal_ids = list(dict.fromkeys(members["coalition_id"]))
    return finish(
        file=label,
        importer=_FUNC,
        options=options,
        rows_read=len(frame),
        set_aside=set_aside,
        blank_rows=raw.blank_rows,
        organizations=pd.DataFrame(
            {"org_id": org_ids, "name": [names.get(i, i) for i in org_ids]}
        ),
        coalitions=pd.DataFrame(
            {"coalition_id": coal_ids, "name": [coal_names.get(i, i) for i in coal_ids]}
        ),
        memberships=members,
        collect={"memberships": Origin(label, np.asarray(raw.rows)[keep])},
        extra_meta=_report_meta(org_report, coal_report),
    )


def _report_meta(org_report, coal_report):
    if org_report is None:
        return {}
    return {
        "name_report": pd.concat(
            [org_report.assign(table="organizations"), coal_report.assign(table="coalitions")],
            ignore_index=True,
        )
    }


def _cell(value):
    """(kind, role, weight) of a matrix cell: kind is "none", "member" or "bad"."""
    if value is None:
        return "none", None, None
    text = str(value).strip().lower()
    if text in FALSE_WORDS or text in ("", "-"):
        return "none", None, None
    if text in TRUE_WORDS or text in ("x", "v", "✓", "✔"):
        return "member", "member", 1.0
    if text in ROLES:
        return "member", text, 1.0
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return "bad", None, None
    if not np.isfinite(number) or number < 0:
        return "bad", None, None
    return ("member", "member", number) if number > 0 else ("none", None, None)


def _matrix(raw, options, match, aliases):
    frame, label = raw.frame, raw.label
    if frame.shape[1] < 2:
        raise SchemaError(
            f"{label}, row 1: a membership matrix needs an organisation column and at least one "
            f"coalition column; found {list(frame.columns)}. Fix: put the coalitions in the "
            "header row, or pass form='long' with org and coalition columns."
        )
    org_col, coal_cols = frame.columns[0], list(frame.columns[1:])
    org_map, org_report = name_mapping(frame[org_col].dropna(), match=match, aliases=aliases)
    coal_map, coal_report = name_mapping(coal_cols, match=match, aliases=aliases)
    set_aside, members, cells_read = [], [], 0
    seen_orgs: dict[str, int] = {}
    for pos, row in enumerate(raw.rows):
        o = frame[org_col].iloc[pos]
        cells = [(c, frame[c].iloc[pos]) for c in coal_cols if frame[c].iloc[pos] is not None]
        cells_read += len(cells)
        problem = None
        if o is None:
            problem = ("no organisation on this row", "fill in the organisation or delete the row")
        elif org_map[o] in seen_orgs:
            problem = (
                f"organisation {org_map[o]!r} already has a row (row {seen_orgs[org_map[o]]})",
                "merge the two rows",
            )
        if problem:
            for c, v in cells:
                set_aside.append(aside("memberships", label, row, c, v, *problem))
            continue
        seen_orgs[org_map[o]] = row
        for c, v in cells:
            kind, role, weight = _cell(v)
            if kind == "bad":
                set_aside.append(
                    aside(
                        "memberships",
                        label,
                        row,
                        c,
                        v,
                        f"cell {v!r} is not a membership value",
                        "write 1/x/yes for a member, 0/no or nothing otherwise, a positive "
                        f"weight, or a role ({', '.join(ROLES)})",
                    )
                )
            elif kind == "member":
                members.append((org_map[o], coal_map[c], role, weight))
    members = pd.DataFrame(members, columns=["org_id", "coalition_id", "role", "weight"])
    repeated = members.duplicated(["org_id", "coalition_id"])
    for o, c in members.loc[repeated, ["org_id", "coalition_id"]].itertuples(index=False):
        set_aside.append(
            aside(
                "memberships",
                label,
                seen_orgs[o],
                c,
                "",
                f"two columns give {o!r} the coalition {c!r}",
                "merge the coalition columns",
            )
        )
    members = members[~repeated]
    org_ids = list(seen_orgs)
    coal_ids = list(dict.fromkeys(coal_map[c] for c in coal_cols))
    return finish(
        file=label,
        importer=_FUNC,
        options=options,
        rows_read=cells_read,
        set_aside=set_aside,
        unit="non-empty cells",
        blank_rows=raw.blank_rows,
        organizations=pd.DataFrame({"org_id": org_ids, "name": org_ids}),
        coalitions=pd.DataFrame({"coalition_id": coal_ids, "name": coal_ids}),
        memberships=members,
        extra_meta={"organisation_column": org_col, **_report_meta(org_report, coal_report)},
    )
