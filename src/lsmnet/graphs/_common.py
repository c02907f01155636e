"""Helpers shared by the graph builders: snapshots and node attributes from the tables."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from lsmnet.model import NetworkData


def snapshot(data: NetworkData, at: str | int | datetime.date | None) -> NetworkData:
    """Return ``data.at(at)``, or ``data`` itself when ``at`` is None."""
    return data if at is None else data.at(at)


def plain(value: object) -> object:
    """Turn a table cell into a plain Python value; missing values (NA, NaN, NaT) become None."""
    if isinstance(value, tuple):
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def row_attributes(
    table: pd.DataFrame, id_column: str, rename: dict[str, str] | None = None
) -> dict:
    """Map each id of ``table`` to a dict of its other columns (plain values).

    ``rename`` maps column names to attribute names, for columns whose name would clash with an
    attribute the builder sets itself.
    """
    rename = rename or {}
    columns = [c for c in table.columns if c != id_column]
    keys = [rename.get(c, c) for c in columns]
    return {
        row[0]: {key: plain(value) for key, value in zip(keys, row[1:], strict=True)}
        for row in table[[id_column, *columns]].itertuples(index=False, name=None)
    }


def label_of(attrs: dict, node_id: str) -> str:
    """The display label of a node: its ``name`` when present, else its id."""
    name = attrs.get("name")
    return name if isinstance(name, str) and name else node_id
