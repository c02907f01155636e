"""Read and write :class:`~lsmnet.model.NetworkData` as CSV folders and Excel workbooks.

File layout
-----------
A **CSV folder** holds one file per table, named after it: ``organizations.csv``,
``coalitions.csv``, ``memberships.csv``, ``ties.csv``, ``ratings.csv`` (``organisations.csv``,
singular names and Indonesian names such as ``Organisasi`` or ``Kemitraan`` are accepted too),
plus an optional ``meta.csv``. An **Excel workbook** (.xlsx) holds the same tables as sheets
with the same names, plus an optional ``meta`` sheet. Headers and the values of ``type``,
``kind``, ``role`` and ``layer`` may be English or Indonesian (``locale/schema.json``).
Tables may be left out: an absent organisations table is made from the ids the other tables
use (see :func:`lsmnet.model.from_frames`).

The ``meta`` table has two columns, ``key`` and ``value``:

============== ===========================================================================
key            value
============== ===========================================================================
format         ``lsmnet-tables 1`` (the version of this layout)
scale_low      lowest rating (e.g. ``1``)
scale_high     highest rating (e.g. ``4``)
layers         extra tie layers declared with ``layers=``, ``|``-separated
trust_items    trust rating items, ``|``-separated
value_items    value rating items, ``|``-separated
(other)        copied to ``data.meta`` (``source``, ``provenance``, ``notes``, ...)
============== ===========================================================================

Cell formats written: multi-valued fields joined with ``|``; dates as ``YYYY-MM-DD`` (CSV) or
date cells (Excel); booleans as ``true``/``false``; numbers in their shortest exact form;
missing values as empty cells. Text that a spreadsheet would run as a formula is prefixed with
``'`` (:mod:`lsmnet._safety`) and restored when read, so that writing and reading back returns
equal data. CSV files are written as UTF-8 with a byte-order mark so that Excel shows
non-ASCII names correctly.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lsmnet._problems import Origin, schema_error
from lsmnet._schema import TABLE_ALIASES, TABLES, norm_key, table_for
from lsmnet.exceptions import InvalidParameterError, LsmnetError, LsmnetWarning
from lsmnet.io._files import RawTable, read_csv_raw, read_excel_raw
from lsmnet.io._write import _SETTINGS, tables_to_csv, tables_to_excel
from lsmnet.model import TABLE_NAMES, NetworkData, _from_frames

__all__ = ["read", "write_csv", "write_excel"]


def _table_name(name: str) -> str | None:
    key = name.strip().lower().replace(" ", "_")
    if key == "meta":
        return "meta"
    key = TABLE_ALIASES.get(key, key)
    return key if key in TABLES else table_for(name)


def _did_you_mean(name: str) -> str:
    """``name``, with the table it probably means when it resembles a table name."""
    from rapidfuzz import fuzz, process

    from lsmnet._i18n import catalogue

    spellings = {
        norm_key(s): t for t, names in catalogue("schema")["tables"].items() for s in names
    }
    best = process.extractOne(norm_key(name), list(spellings), scorer=fuzz.ratio)
    if best is None or best[1] < 80:
        return name
    return f"{name} (did you mean {spellings[best[0]]!r}?)"


def _collect(found: dict[str, RawTable], where: str) -> dict[str, RawTable]:
    """Map file/sheet names to tables; warn about the others; reject two names for one table."""
    tables, ignored = {}, []
    for name, raw in found.items():
        table = _table_name(name)
        if table is None:
            ignored.append(name)
        elif table in tables:
            raise schema_error(
                f"{where} holds two versions of the {table} table: {tables[table].label} and "
                f"{raw.label}. Delete or rename one of them.",
                table=table,
                file=raw.label,
                problem="second file or sheet for the table",
                fix=f"delete or rename {raw.label} or {tables[table].label}",
            )
        else:
            tables[table] = raw
    if ignored:
        warnings.warn(
            f"{where}: ignored {', '.join(_did_you_mean(n) for n in ignored)} (not a table "
            f"name; expected {', '.join(TABLE_NAMES)} or meta, or their Indonesian names such "
            "as Organisasi, Koalisi, Keanggotaan, Kemitraan, Penilaian Kepercayaan).",
            LsmnetWarning,
            stacklevel=3,
        )
    if not set(tables) - {"meta"}:
        fix = "name each CSV file or sheet after its table, e.g. organizations.csv or 'ties'"
        raise schema_error(
            f"{where} holds none of the tables {', '.join(TABLE_NAMES)}. Fix: {fix}.",
            file=where,
            value=", ".join(found),
            problem="no table found",
            fix=fix,
        )
    return tables


def _settings(meta: RawTable | None) -> dict:
    if meta is None:
        return {}
    frame = meta.frame
    if not {"key", "value"} <= set(frame.columns):
        found = ", ".join(map(str, frame.columns))
        raise schema_error(
            f"{meta.label}, row 1 (header): the meta table needs the columns 'key' and 'value'. "
            f"Got {found}.",
            table="meta",
            file=meta.label,
            row=1,
            value=found,
            problem="the meta table needs the columns 'key' and 'value'",
            fix="head the two columns 'key' and 'value'",
        )
    out, rows = {}, {}
    for key, value, row in zip(frame["key"], frame["value"], meta.rows, strict=True):
        if key is None:
            continue
        if key in ("scale_low", "scale_high"):
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = np.nan
            if not np.isfinite(number):
                raise schema_error(
                    f"{meta.label}, row {row}, column 'value', value {value!r}: {key} must be a "
                    "number. Fix: enter the rating scale's end, e.g. 1 or 4.",
                    table="meta",
                    file=meta.label,
                    row=row,
                    column="value",
                    value=value or "",
                    problem=f"{key} must be a number",
                    fix="enter the rating scale's end",
                )
            value = int(number) if number.is_integer() else number
            rows[key] = row
        elif key in ("layers", "trust_items", "value_items"):
            value = tuple(v.strip() for v in (value or "").split("|") if v.strip())
        out[key] = value
    low, high = out.get("scale_low", 1), out.get("scale_high", 4)
    if low >= high:
        where = ", ".join(f"row {r}" for r in rows.values())
        raise schema_error(
            f"{meta.label}, {where}, column 'value': the rating scale runs from {low} to {high}. "
            "Fix: scale_low must be below scale_high (e.g. 1 and 4).",
            table="meta",
            file=meta.label,
            row=min(rows.values()),
            column="value",
            value=f"{low}-{high}",
            problem="the scale's low end is not below its high end",
            fix="make scale_low smaller than scale_high",
        )
    return out


def read(
    path: str | os.PathLike,
    *,
    columns: Mapping[str, Any] | str | os.PathLike | None = None,
    errors: str = "raise",
    scale: tuple[float, float] | None = None,
    layers: Sequence[str] | None = None,
    items: Mapping[str, Sequence[str]] | None = None,
    source: str | None = None,
    dayfirst: bool = True,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike | None = None,
    duplicates: str = "error",
) -> NetworkData:
    """Read a folder of CSV files, a single table's CSV file, or an Excel workbook.

    Parameters
    ----------
    path : str or Path
        A folder of CSV files named after the tables, one such CSV file, or an .xlsx/.xlsm
        workbook with sheets named after the tables, in English or Indonesian (``ties`` or
        ``Kemitraan``; see the module notes for the layout).
    columns : mapping, str or path-like, optional
        Your header -> schema column, per table (``{"ties": {"from": "source"}}``) or flat
        (``{"from": "source"}``), or a mapping file (CSV ``source,target[,table]`` or TOML);
        see :func:`lsmnet.from_frames`. English and Indonesian headers (``Nama Organisasi``,
        ``Tanggal Mulai``) need no mapping.
    errors : {"raise", "collect"}, default "raise"
        Raise on any problem, or load the valid rows and list the others in ``.set_aside``.
    scale : (number, number), optional
        Rating scale; default: the ``meta`` table's, else (1, 4).
    layers : sequence of str, optional
        Extra tie layers; default: the ``meta`` table's.
    items : mapping, optional
        ``{"trust": [...], "value": [...]}``; default: the ``meta`` table's, else the defaults.
    source : str, optional
        Stored in ``meta["source"]``; default: the ``meta`` table's, else the file name.
    dayfirst : bool, default True
        Read ``01/02/2022`` as 1 February; False reads dates month first.
    aliases : dict, pandas.DataFrame, str or path-like, optional
        Alias table (``alias,canonical``) merging organisations entered twice; see
        :func:`lsmnet.from_frames`. Likely duplicates are listed in ``meta["near_duplicates"]``
        with a :class:`~lsmnet.model.NearDuplicateWarning`, never merged without it.
    duplicates : {"error", "sum", "max", "first"}, default "error"
        Report repeated ties, or combine them (count data); see :func:`lsmnet.from_frames`.

    Returns
    -------
    NetworkData
        ``meta["path"]`` is the path read and ``meta["blank_rows"]`` maps each file/sheet
        with blank rows to how many were skipped.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    SchemaError
        If any problem is found (``errors="raise"``), or no table can be found. The message
        lists each problem with file (and sheet), row (header = row 1), column, value and fix.
        Also when a file exceeds a limit of :mod:`lsmnet.io._limits` (16,384 columns, 30
        million cells, 1.1 million shared strings, 1 GiB decompressed; see SECURITY.md) or a
        workbook is damaged. A worksheet's dimension record is not used: every row the sheet
        holds is read.
    InvalidParameterError
        If ``path`` is not a folder, .csv or .xlsx/.xlsm file, or another argument is invalid.
    LsmnetError
        If there is not enough memory to load the data (the message names the largest file).

    Warns
    -----
    EncodingFallbackWarning
        When a CSV file is not UTF-8 and was read as Windows-1252/Latin-1.
    LsmnetWarning
        When files or sheets not named after a table are ignored.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ties.csv").write_text(
    ...     "source,target,layer\\nYLBHI,KontraS,advocacy\\nKontraS,Walhi,network\\n")
    >>> data = read(folder)
    >>> data.organizations["org_id"].tolist()
    ['YLBHI', 'KontraS', 'Walhi']
    >>> data.to_excel(folder / "copy.xlsx")
    >>> read(folder / "copy.xlsx").ties.equals(data.ties)
    True
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"lsmnet.read: {path} does not exist.")
    options = {"columns": columns, "errors": errors, "scale": scale, "layers": layers}
    options |= {"dayfirst": dayfirst, "aliases": aliases, "duplicates": duplicates}
    try:
        return _read(path, items=items, source=source, **options)
    except MemoryError as err:
        raise LsmnetError(_out_of_memory(path)) from err


def _out_of_memory(path: Path) -> str:
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    sizes = {p.name: p.stat().st_size for p in files if p.is_file()}
    largest = max(sizes, key=sizes.get)
    return (
        f"lsmnet.read: not enough memory to load {path} ({sum(sizes.values()) / 1e6:.1f} MB; "
        f"largest file: {largest}, {sizes[largest] / 1e6:.1f} MB). Loading needs several times "
        "the size of the files in memory. Fix: drop columns and rows you do not need, split "
        "the data by year or coalition, or use a machine with more memory."
    )


def _read(
    path: Path, *, columns, errors, scale, layers, items, source, dayfirst, aliases, duplicates
) -> NetworkData:
    suffix = path.suffix.lower()
    if path.is_dir():
        found = {
            p.stem: read_csv_raw(p)
            for p in sorted(path.iterdir())
            if p.suffix.lower() == ".csv" and p.is_file()
        }
        found = _collect(found, f"The folder {path}")
    elif suffix in (".xlsx", ".xlsm"):
        found = _collect(read_excel_raw(path), path.name)
    elif suffix == ".csv":
        found = _collect({path.stem: read_csv_raw(path)}, path.name)
    else:
        raise InvalidParameterError(
            "The 'path' parameter of read must be a folder of CSV files, a .csv file or an "
            f".xlsx/.xlsm workbook (save .xls or .ods files as .xlsx first). Got {str(path)!r}."
        )
    meta = found.pop("meta", None)
    settings = _settings(meta)
    if scale is None and ("scale_low" in settings or "scale_high" in settings):
        scale = (settings.get("scale_low", 1), settings.get("scale_high", 4))
    if layers is None:
        layers = settings.get("layers")
    if items is None and ("trust_items" in settings or "value_items" in settings):
        items = {k: settings[f"{k}_items"] for k in ("trust", "value") if f"{k}_items" in settings}
    info = {k: v for k, v in settings.items() if k not in _SETTINGS}
    if source is None:
        source = info.get("source") if meta is not None else path.name
    data = _from_frames(
        **{t: raw.frame for t, raw in found.items()},
        scale=scale if scale is not None else (1, 4),
        layers=layers,
        items=items,
        columns=columns,
        errors=errors,
        meta=info | {"source": source},
        dayfirst=dayfirst,
        aliases=aliases,
        duplicates=duplicates,
        origins={t: Origin(raw.label, raw.rows) for t, raw in found.items()},
        func="read",
    )
    data.meta["path"] = str(path)
    blanks = [meta, *found.values()] if meta else list(found.values())
    data.meta["blank_rows"] = {raw.label: raw.blank_rows for raw in blanks if raw.blank_rows}
    return data


def _check_data(data, func):
    from lsmnet.io.from_graph import check_network_data

    check_network_data(data, func)


def write_csv(data: NetworkData, folder: str | os.PathLike) -> None:
    """Write ``data`` as a folder of CSV files (one per table plus ``meta.csv``).

    Parameters
    ----------
    data : NetworkData
        The data set to write.
    folder : str or Path
        Created (with its parents) if missing. The files are written into a temporary folder
        beside it and moved in when all are complete, each with an atomic rename: existing
        table files are replaced, other files in the folder are kept, and a failure midway
        leaves the folder as it was.

    Raises
    ------
    NotNetworkDataError
        If ``data`` is not a NetworkData (e.g. a graph).

    See Also
    --------
    write_excel : the same tables as one workbook.
    read : reads the folder back.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> import lsmnet
    >>> data = lsmnet.from_frames(organizations=pd.DataFrame(
    ...     {"org_id": ["a"], "name": ["=HYPERLINK(1)"], "issues": ["gender|HAM"]}))
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "export"
    >>> write_csv(data, folder)
    >>> print((folder / "organizations.csv").read_text(encoding="utf-8-sig"), end="")
    org_id,name,type,province,issues,founded,dissolved,budget,respondent
    a,'=HYPERLINK(1),,,gender|HAM,,,,
    >>> lsmnet.read(folder).organizations.equals(data.organizations)
    True
    """
    _check_data(data, "write_csv")
    tables_to_csv(data, folder)


def write_excel(data: NetworkData, path: str | os.PathLike) -> None:
    """Write ``data`` as an .xlsx workbook (one sheet per table plus a ``meta`` sheet).

    Numbers, booleans and dates are written as native Excel cells (a float that needs all 17
    significant digits is written as text, since a number cell would round it); text that
    Excel would run as a formula is prefixed with ``'`` and restored by :func:`read`.

    Parameters
    ----------
    data : NetworkData
        The data set to write.
    path : str or Path
        The workbook to create (must end in .xlsx); an existing file is replaced. It is
        written under a temporary name in the same folder and renamed when complete, so a
        failure midway leaves no partial file (and an existing one unchanged).

    Raises
    ------
    InvalidParameterError
        If ``path`` does not end in .xlsx.
    SchemaError
        If a text cell holds a control character an .xlsx file cannot store (the message
        names table, row, column and value; :func:`write_csv` keeps such text).
    NotNetworkDataError
        If ``data`` is not a NetworkData (e.g. a graph).

    See Also
    --------
    write_csv : the same tables as a folder of CSV files.
    read : reads the workbook back.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> import lsmnet
    >>> data = lsmnet.from_frames(ties=pd.DataFrame(
    ...     {"source": ["a"], "target": ["b"], "layer": ["funding"], "amount": [2.5e6]}))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "network.xlsx"
    >>> write_excel(data, path)
    >>> lsmnet.read(path).ties.equals(data.ties)
    True
    """
    _check_data(data, "write_excel")
    tables_to_excel(data, path)
