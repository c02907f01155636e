"""How each column kind is written as CSV text and as Excel cells (see :mod:`lsmnet.io.tables`)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lsmnet._problems import schema_error
from lsmnet._safety import neutralize_series
from lsmnet._schema import TABLES, spec

#: Characters that XML 1.0, and so an .xlsx file, cannot contain (tab, LF and CR are fine).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def kind_of(table: str, column: str) -> str:
    if table not in TABLES:  # the meta table: text only
        return "text"
    col = spec(table, column)
    if col is not None:
        return col.kind
    return "rating" if table == "ratings" else "text"


def text_cells(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Each column as the strings written to CSV ('' for missing)."""
    out = {}
    for column in frame.columns:
        s, kind = frame[column], kind_of(table, column)
        if kind in ("amount", "rating"):
            values = s.to_numpy(float)
            text = pd.Series(values.astype(str), dtype=object).where(~np.isnan(values), "")
        elif kind == "year":
            text = s.astype("string").fillna("").astype(object)
        elif kind == "bool":
            text = s.map({True: "true", False: "false"}).astype(object).fillna("")
        elif kind == "date":
            text = _date_text(s)
        else:
            if kind == "multi":
                s = s.map("|".join)
            text = neutralize_series(s.astype(object)).where(s.notna(), "")
        out[column] = text.reset_index(drop=True)
    return pd.DataFrame(out, columns=frame.columns)


def _date_text(s: pd.Series) -> pd.Series:
    midnight = (s == s.dt.normalize()).to_numpy(bool)
    text = s.dt.strftime("%Y-%m-%d").astype(object)
    text[~midnight] = [t.isoformat() if pd.notna(t) else "" for t in s[~midnight]]
    return text.where(s.notna(), "")


def excel_cells(table: str, frame: pd.DataFrame) -> list[list]:
    """Each column as native Excel values (None for missing), column by column."""
    columns = []
    for column in frame.columns:
        s, kind = frame[column], kind_of(table, column)
        if kind in ("amount", "rating"):
            values = [_excel_number(v) for v in s.to_numpy(float)]
        elif kind == "year":
            values = [None if pd.isna(v) else int(v) for v in s]
        elif kind == "bool":
            values = [None if pd.isna(v) else bool(v) for v in s]
        elif kind == "date":
            # midnight dates become date cells; other times stay exact as ISO text
            values = [
                None if pd.isna(t) else t.to_pydatetime() if t == t.normalize() else t.isoformat()
                for t in s
            ]
        else:
            if kind == "multi":
                s = s.map(lambda t: "|".join(t) or None)
            s = neutralize_series(s.astype(object))
            values = [v if isinstance(v, str) else None for v in s]
            _refuse_control_characters(table, column, values)
        columns.append(values)
    return columns


def _refuse_control_characters(table, column, values):
    """Excel files cannot hold most control characters; say which cell has one."""
    bad = [(i, v) for i, v in enumerate(values) if v is not None and _CONTROL.search(v)]
    if bad:
        i, v = bad[0]
        char = _CONTROL.search(v).group()
        raise schema_error(
            f"Cannot write the {table} table to Excel: row {i + 2} (position {i}), column "
            f"{column!r}, value {v!r} holds the control character U+{ord(char):04X}, which an "
            f".xlsx file cannot store ({len(bad)} such cell(s) in this column). Fix: remove the "
            "character, or export with to_csv, which keeps it.",
            table=table,
            row=i + 2,
            column=column,
            value=v,
            problem=f"control character U+{ord(char):04X}",
            fix="remove the character",
        )


def _excel_number(v: float):
    """A number cell, or exact text when openpyxl's 16-digit format would round the float."""
    if np.isnan(v):
        return None
    return float(v) if float(f"{v:.16g}") == v else repr(float(v))
