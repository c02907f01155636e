"""Writing a NetworkData's tables (CSV folder, .xlsx workbook): the format of
:func:`lsmnet.io.tables.write_csv` and :func:`~lsmnet.io.tables.write_excel`.

It reads the tables off the container by attribute and imports nothing of
:mod:`lsmnet.model`, so :meth:`NetworkData.to_csv` can call it without an import cycle
(model -> io.tables -> model); the public functions check their argument and call these.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import pandas as pd

from lsmnet._safety import neutralize_cell, neutralize_series
from lsmnet._schema import KNOWN_LAYERS, TABLES
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io._atomic import atomic_file, atomic_folder
from lsmnet.io._cells import excel_cells, kind_of, text_cells

#: The tables in file order.
TABLE_NAMES = tuple(TABLES)

FORMAT = "lsmnet-tables 1"
_SETTINGS = ("format", "scale_low", "scale_high", "layers", "trust_items", "value_items")
_NOT_WRITTEN = (
    "path",
    "at",
    "blank_rows",
    "near_duplicates",
    "merged",
    "default_layer",
    "combined_ties",
)


def _meta_rows(data) -> list[tuple[str, str]]:
    declared = [lay for lay in data.layers if lay not in KNOWN_LAYERS]
    rows = [
        ("format", FORMAT),
        ("scale_low", _number(data.scale[0])),
        ("scale_high", _number(data.scale[1])),
        ("layers", "|".join(declared)),
        ("trust_items", "|".join(data.trust_items)),
        ("value_items", "|".join(data.value_items)),
    ]
    for key, value in data.meta.items():
        if (
            key not in _SETTINGS
            and key not in _NOT_WRITTEN
            and (value is None or isinstance(value, str))
        ):
            rows.append((key, value or ""))
    return rows


def _number(x) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _write_rows(path: Path, frame: pd.DataFrame) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([neutralize_cell(str(c)) for c in frame.columns])
        writer.writerows(frame.itertuples(index=False, name=None))


def tables_to_csv(data: Any, folder: str | os.PathLike) -> None:
    """Write ``data``'s tables into ``folder`` (see :func:`lsmnet.io.tables.write_csv`)."""
    with atomic_folder(folder) as temp:  # a failure leaves no table half-written
        for table in TABLE_NAMES:
            _write_rows(temp / f"{table}.csv", text_cells(table, getattr(data, table)))
        meta = pd.DataFrame(_meta_rows(data), columns=["key", "value"], dtype=object)
        _write_rows(temp / "meta.csv", meta.apply(neutralize_series))


def tables_to_excel(data: Any, path: str | os.PathLike) -> None:
    """Write ``data``'s tables as a workbook (see :func:`lsmnet.io.tables.write_excel`)."""
    if Path(path).suffix.lower() != ".xlsx":
        raise InvalidParameterError(
            f"The 'path' parameter of write_excel must end in .xlsx. Got {str(path)!r}."
        )
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    path = Path(path)
    cells = {t: excel_cells(t, getattr(data, t)) for t in TABLE_NAMES}  # may refuse a cell
    meta = pd.DataFrame(_meta_rows(data), columns=["key", "value"], dtype=object)
    meta_cells = excel_cells("meta", meta)
    book = Workbook(write_only=True)
    for table in TABLE_NAMES:
        frame = getattr(data, table)
        sheet = book.create_sheet(table)
        sheet.append([neutralize_cell(str(c)) for c in frame.columns])
        dates = [i for i, c in enumerate(frame.columns) if kind_of(table, c) == "date"]
        for row in zip(*cells[table], strict=True):
            row = list(row)
            for i in dates:
                if row[i] is not None and not isinstance(row[i], str):
                    row[i] = WriteOnlyCell(sheet, value=row[i])
                    row[i].number_format = "yyyy-mm-dd"
            sheet.append(row)
    sheet = book.create_sheet("meta")
    sheet.append(["key", "value"])
    for row in zip(*meta_cells, strict=True):
        sheet.append(list(row))
    with atomic_file(path) as temp:
        book.save(temp)
