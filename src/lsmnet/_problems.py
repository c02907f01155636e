"""Problem records shared by the validator and the loaders.

A problem is one row of a table with columns ``table, file, row, column, value, problem, fix``
(the documented ``SchemaError.problems`` and ``NetworkData.set_aside`` tables). ``row`` is the
spreadsheet row: the header is row 1 and the first data row is row 2.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsmnet._schema import TABLES
from lsmnet.exceptions import SchemaError

PROBLEM_COLUMNS = ["table", "file", "row", "column", "value", "problem", "fix"]


@dataclass(frozen=True)
class Origin:
    """Where a raw table came from: its label in messages and the spreadsheet row of each row.

    ``positional`` marks DataFrames given to ``from_frames``: their messages also print the
    0-based position (row = position + 2, as if the frame had been saved with its header).
    """

    file: str
    rows: np.ndarray
    positional: bool = False


def frame_origin(table: str, n: int) -> Origin:
    """Origin of a DataFrame passed to ``from_frames`` (row = position + 2)."""
    return Origin(f"{table} (DataFrame)", np.arange(2, n + 2), positional=True)


def suggest(value, options) -> str:
    if not isinstance(value, str) or not value:
        return ""
    close = difflib.get_close_matches(value, [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def many(values, limit: int = 12) -> str:
    values = list(values)
    head = ", ".join(str(v) for v in values[:limit])
    return head + (f", ... ({len(values)} in all)" if len(values) > limit else "")


class Problems:
    """Accumulates problems as column arrays (cheap even for many problems)."""

    def __init__(self):
        self.parts: list[pd.DataFrame] = []

    def add(self, table, origin, pos, column, value, problem, fix, *, dependent=False):
        pos = np.asarray(pos, dtype=np.int64)
        if len(pos) == 0:
            return
        self.parts.append(
            pd.DataFrame(
                {
                    "table": table,
                    "file": origin.file,
                    "row": origin.rows[pos] if len(origin.rows) else 1,
                    "column": column,
                    "value": np.asarray(value, dtype=object),
                    "problem": problem,
                    "fix": fix,
                    "_pos": pos,
                    "_dependent": dependent,
                    "_positional": origin.positional,
                }
            )
        )

    def add_table(self, table, origin, column, value, problem, fix):
        """A problem with the table itself (its header row), not with one data row."""
        self.parts.append(
            pd.DataFrame(
                {
                    "table": [table],
                    "file": origin.file,
                    "row": 1,
                    "column": column,
                    "value": value,
                    "problem": problem,
                    "fix": fix,
                    "_pos": -1,
                    "_dependent": False,
                    "_positional": origin.positional,
                }
            )
        )

    def positions(self, table) -> np.ndarray:
        """Positions of the rows of ``table`` with a problem so far."""
        found = [p["_pos"].to_numpy() for p in self.parts if p["table"].iat[0] == table]
        found = np.concatenate(found) if found else np.zeros(0, np.int64)
        return found[found >= 0]

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            empty = {c: pd.Series(dtype=object) for c in PROBLEM_COLUMNS}
            empty |= {
                "_pos": pd.Series(dtype=np.int64),
                "_dependent": pd.Series(dtype=bool),
                "_positional": pd.Series(dtype=bool),
            }
            return pd.DataFrame(empty)
        order = {t: i for i, t in enumerate(TABLES)}
        df = pd.concat(self.parts, ignore_index=True)
        df["_t"] = df["table"].map(order)
        df = df.sort_values(["_t", "_pos"], kind="stable").drop(columns="_t")
        return df.reset_index(drop=True)


def public(problems: pd.DataFrame) -> pd.DataFrame:
    """The documented ``problems``/``set_aside`` table (columns table .. fix, row as Int64)."""
    out = problems[PROBLEM_COLUMNS].reset_index(drop=True).astype(object)
    out["row"] = pd.array(problems["row"].tolist(), dtype="Int64")
    return out


#: At most this many problems are spelt out in a SchemaError message (all are in .problems).
MAX_LISTED = 500


def message(problems: pd.DataFrame, origins: dict[str, Origin]) -> str:
    n = len(problems)
    head = (
        f"Found {n} problem{'s' if n != 1 else ''} in the data; nothing was loaded. Fix each "
        "one below, or pass errors='collect' to load the valid rows and set the others aside "
        "(see .set_aside)."
    )
    positional = {t for t, o in origins.items() if o.positional}
    lines = [head]
    for rec in problems.head(MAX_LISTED).itertuples(index=False):
        row = f"row {rec.row}"
        if rec.row == 1:
            row += " (header)"
        elif rec.table in positional:
            row += f" (position {rec.row - 2})"
        lines.append(
            f"- {rec.file}, {row}, column {rec.column!r}, value {rec.value!r}: "
            f"{rec.problem}. Fix: {rec.fix}."
        )
    if n > MAX_LISTED:
        lines.append(f"... and {n - MAX_LISTED} more; the exception's .problems lists them all.")
    return "\n".join(lines)


def schema_error(message, *, table="", file="", row=None, column="", value="", problem="", fix=""):
    """A SchemaError about a whole file or setting, with the usual one-row ``.problems``."""
    record = {
        "table": table,
        "file": file,
        "row": row,
        "column": column,
        "value": str(value),
        "problem": problem,
        "fix": fix,
    }
    problems = pd.DataFrame([record], columns=PROBLEM_COLUMNS).astype(object)
    problems["row"] = pd.array([row], dtype="Int64")
    return SchemaError(message, problems)
