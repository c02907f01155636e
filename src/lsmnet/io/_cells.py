"""How each column kind is written as CSV text and as Excel cells (see :mod:`lsmnet.io.tables`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lsmnet._safety import neutralize_series
from lsmnet._schema import spec


def kind_of(table: str, column: str) -> str:
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
        columns.append(values)
    return columns


def _excel_number(v: float):
    """A number cell, or exact text when openpyxl's 16-digit format would round the float."""
    if np.isnan(v):
        return None
    return float(v) if float(f"{v:.16g}") == v else repr(float(v))
