"""Kumu (kumu.io) exports: a JSON blueprint or an Excel workbook of elements and connections."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from lsmnet._problems import schema_error
from lsmnet._safety import neutralize_frame
from lsmnet._validation import check_option
from lsmnet.exceptions import GraphTypeError
from lsmnet.io._atomic import atomic_file
from lsmnet.io._cells import _CONTROL
from lsmnet.io.gephi import _jsonable, _missing

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["write_kumu"]


def _kumu_text(value):
    if isinstance(value, tuple | list | set | frozenset):
        return " | ".join(str(_jsonable(v)) for v in value)
    return _jsonable(value)


_KUMU_FIELDS = ("label", "id", "type", "from", "to", "direction")


def _kumu_row(fixed: dict, attrs: dict, used: tuple = ()) -> dict:
    """Kumu's own fields, then every attribute; an attribute whose name is one of Kumu's
    fields (and was not used to fill it) keeps its value under ``"<name> (attribute)"``."""
    row = dict(fixed)
    for key, value in attrs.items():
        if key in used:
            continue
        row[f"{key} (attribute)" if str(key).lower() in _KUMU_FIELDS else key] = value
    return row


def _unique_labels(items) -> dict:
    """(key, display name, id text) -> a label unique among all elements."""
    labels, taken = {}, set()
    for key, name, id_text in items:
        label = name if name not in taken else f"{name} ({id_text})"
        taken.add(label)
        labels[key] = label
    return labels


def _kumu_tables(obj):
    """Elements and connections DataFrames from a graph or a NetworkData."""
    if isinstance(obj, nx.Graph):
        return _kumu_graph(obj)
    from lsmnet.model import NetworkData

    if not isinstance(obj, NetworkData):
        raise GraphTypeError(
            f"write_kumu takes a networkx graph or a NetworkData. Got {type(obj).__name__}."
        )
    orgs, coals = obj.organizations, obj.coalitions
    labels = _unique_labels(
        [
            (("org", i), i if _is_empty(n) or not str(n) else str(n), i)
            for i, n in zip(orgs["org_id"], orgs["name"], strict=True)
        ]
        + [
            (("coalition", i), i if _is_empty(n) or not str(n) else str(n), f"coalition {i}")
            for i, n in zip(coals["coalition_id"], coals["name"], strict=True)
        ]
    )
    elements = [
        _kumu_row(
            {"Label": labels["org", r["org_id"]], "ID": r["org_id"], "Type": r["type"]},
            r,
            ("org_id", "type"),
        )
        for r in orgs.to_dict("records")
    ] + [
        _kumu_row(
            {
                "Label": labels["coalition", r["coalition_id"]],
                "ID": r["coalition_id"],
                "Type": "coalition",
            },
            r,
            ("coalition_id",),
        )
        for r in coals.to_dict("records")
    ]
    connections = [
        _kumu_row(
            {
                "From": labels["org", r["source"]],
                "To": labels["org", r["target"]],
                "Type": r["layer"],
                "Direction": "directed" if r["directed"] else "undirected",
            },
            r,
            ("source", "target", "layer", "directed"),
        )
        for r in obj.ties.to_dict("records")
    ] + [
        _kumu_row(
            {
                "From": labels["org", r["org_id"]],
                "To": labels["coalition", r["coalition_id"]],
                "Type": "membership",
                "Direction": "directed",
            },
            r,
            ("org_id", "coalition_id"),
        )
        for r in obj.memberships.to_dict("records")
    ]
    return pd.DataFrame(elements), pd.DataFrame(connections)


def _kumu_graph(G):
    labels = _unique_labels(
        (
            n,
            str(d.get("label") or d.get("name") or (n[-1] if isinstance(n, tuple) else n)),
            _key_text(n),
        )
        for n, d in G.nodes(data=True)
    )
    elements = []
    for n, d in G.nodes(data=True):
        kind = d.get("type") if d.get("type") is not None else d.get("kind")
        elements.append(
            _kumu_row({"Label": labels[n], "ID": _key_text(n), "Type": kind}, d, ("type", "label"))
        )
    connections = []
    direction = "directed" if G.is_directed() else "undirected"
    for u, v, d in G.edges(data=True):
        kind = next((d[k] for k in ("type", "layer", "layers", "relation") if k in d), None)
        fixed = {"From": labels[u], "To": labels[v], "Type": None, "Direction": direction}
        fixed["Type"] = None if kind is None else _kumu_text(kind)
        connections.append(_kumu_row(fixed, d, ("type",)))
    return pd.DataFrame(elements), pd.DataFrame(connections)


def _key_text(n):
    return ":".join(str(p) for p in n) if isinstance(n, tuple) else str(n)


def write_kumu(
    obj: nx.Graph | NetworkData, path: str | os.PathLike, *, format: str | None = None
) -> Path:
    """Write organisations and their connections for Kumu (kumu.io): JSON blueprint or Excel.

    Parameters
    ----------
    obj : networkx graph or NetworkData
        A graph (nodes become elements, edges connections) or a whole data set (organisations
        and coalitions become elements; ties and memberships connections).
    path : str or path-like
        The file to write: ``.json`` (Kumu blueprint) or ``.xlsx`` (sheets ``Elements`` and
        ``Connections``, Kumu's spreadsheet import layout).
    format : {"json", "excel"}, optional
        Overrides the format implied by the file extension.

    Returns
    -------
    pathlib.Path
        The file written: under a temporary name in its folder first, renamed when complete,
        so that a failure leaves no partial file (an existing file is then unchanged).

    Raises
    ------
    GraphTypeError
        If `obj` is neither a graph nor a NetworkData.
    InvalidParameterError
        If the format is neither JSON nor Excel.
    SchemaError
        If a text written to Excel holds a control character an .xlsx file cannot store
        (the message names sheet, row, column and value; JSON keeps such text).

    Notes
    -----
    Kumu identifies elements by their ``label``; labels are made unique by appending the id
    where two elements share a name, and every element keeps its lsmnet ``ID``. Connections
    carry ``from``, ``to``, ``type`` (an edge's ``type`` attribute, else its layer(s)) and
    ``direction`` (``directed`` or ``undirected``) plus every tie attribute; an attribute named
    like one of Kumu's fields (``id``, ``label``, ...) is kept as ``"id (attribute)"``. In
    JSON, tuples become arrays and missing values are left out; in Excel, tuples become
    ``" | "``-separated text (Kumu's multi-value separator) and every text cell is
    neutralised against formula injection (a cell starting with ``=``, ``+``, ``-``, ``@``,
    tab or carriage return is prefixed with an apostrophe).

    References
    ----------
    .. [1] Kumu documentation, "JSON / Blueprints" and "Spreadsheet import",
       https://docs.kumu.io/guides/import

    Examples
    --------
    >>> import json, tempfile
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("ICW", "KontraS", layers=("advocacy", "network"), weight=2.0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     blueprint = json.loads(write_kumu(G, f"{tmp}/map.json").read_text("utf-8"))
    >>> blueprint["connections"][0]["type"], blueprint["connections"][0]["layers"]
    ('advocacy | network', ['advocacy', 'network'])
    """
    path = Path(path)
    if format is None:
        format = "excel" if path.suffix.lower() in (".xlsx", ".xlsm") else "json"
    check_option(format, ("json", "excel"), "format", "write_kumu")
    elements, connections = _kumu_tables(obj)
    if format == "json":

        def records(frame):
            out = []
            for row in frame.to_dict("records"):
                out.append(
                    {
                        k.lower()
                        if k in ("Label", "Type", "From", "To", "Direction", "ID")
                        else k: _jsonable(v)
                        for k, v in row.items()
                        if not _is_empty(v)
                    }
                )
            return out

        blueprint = {"elements": records(elements), "connections": records(connections)}
        text = json.dumps(blueprint, ensure_ascii=False, indent=2)
        with atomic_file(path) as temp:
            temp.write_text(text, encoding="utf-8")
        return path
    sheets = {}
    for sheet, frame in (("Elements", elements), ("Connections", connections)):
        frame = frame.map(lambda v: None if _is_empty(v) else _kumu_text(v)).astype(object)
        sheets[sheet] = neutralize_frame(frame)
        _refuse_control_characters(path, sheet, sheets[sheet])
    with atomic_file(path) as temp, pd.ExcelWriter(temp, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            frame.to_excel(writer, sheet_name=sheet, index=False)
    return path


def _refuse_control_characters(path: Path, sheet: str, frame: pd.DataFrame) -> None:
    """An .xlsx file cannot hold most control characters: name the first cell with one."""
    for column in frame.columns:
        for i, value in [(-1, column), *enumerate(frame[column])]:
            found = _CONTROL.search(value) if isinstance(value, str) else None
            if found is None:
                continue
            problem = f"control character U+{ord(found.group()):04X}"
            raise schema_error(
                f"Cannot write {path.name}: sheet {sheet!r}, row {i + 2}, column {column!r}, "
                f"value {value!r} holds the {problem}, which an .xlsx file cannot store. Fix: "
                "remove the character, or write the Kumu JSON blueprint (a .json path), which "
                "keeps it.",
                file=path.name,
                row=i + 2,
                column=str(column),
                value=value,
                problem=problem,
                fix="remove the character, or write a .json blueprint",
            )


def _is_empty(value) -> bool:
    if isinstance(value, tuple | list | set | frozenset | dict):
        return False
    if _missing(value):
        return True
    return isinstance(value, float) and math.isnan(value)
