"""Reading helpers shared by lsmnet's file readers.

Every reader in :mod:`lsmnet.io` gets the same treatment of its input:

- text files are decoded as UTF-8 (with or without byte-order mark) or UTF-16 (with BOM); when
  that fails they are decoded as Windows-1252/Latin-1 with an :class:`EncodingFallbackWarning`;
- the delimiter of a CSV file (comma, semicolon or tab) is taken from its header line;
- whitespace around each cell is trimmed and completely blank rows are skipped and counted;
- cells neutralised against formula injection by lsmnet's writers are restored
  (:func:`lsmnet._safety.restore_cell`);
- every data row keeps its spreadsheet row number: the header is row 1 and the first data row
  is row 2 (blank rows still count, so numbers match what the user sees).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

import numpy as np
import pandas as pd

from lsmnet._safety import restore_cell
from lsmnet.exceptions import LsmnetWarning

__all__ = [
    "EncodingFallbackWarning",
    "RawTable",
    "cell_text",
    "decode",
    "read_csv_raw",
    "read_excel_raw",
]


class EncodingFallbackWarning(LsmnetWarning):
    """A text file was not valid UTF-8 and was read as Windows-1252 / Latin-1."""


@dataclass
class RawTable:
    """One table as read from a file: text cells, spreadsheet row numbers, counts.

    Attributes
    ----------
    frame : pandas.DataFrame
        Trimmed text cells (object dtype, None when empty), headers as written.
    rows : numpy.ndarray
        Spreadsheet row number of each row of ``frame`` (header = row 1).
    label : str
        How messages name the source, e.g. ``"ties.csv"`` or ``"data.xlsx, sheet 'ties'"``.
    blank_rows : int
        Blank rows skipped.
    encoding : str
        Encoding used to decode the file (``"xlsx"`` for workbooks).
    """

    frame: pd.DataFrame
    rows: np.ndarray
    label: str
    blank_rows: int = 0
    encoding: str = "utf-8"


def decode(data: bytes, label: str) -> tuple[str, str]:
    """Decode file bytes; return (text, encoding name).

    Parameters
    ----------
    data : bytes
        The file's content.
    label : str
        File name used in the warning.

    Returns
    -------
    (str, str)

    Warns
    -----
    EncodingFallbackWarning
        When the bytes are not UTF-8 and were decoded as Windows-1252 or Latin-1.

    Examples
    --------
    >>> decode("Sulawesi Utara".encode("utf-8-sig"), "x.csv")
    ('Sulawesi Utara', 'utf-8-sig')
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     decode("Pelé".encode("latin-1"), "x.csv")
    ('Pelé', 'cp1252')
    >>> caught[0].category.__name__
    'EncodingFallbackWarning'
    """
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            _fallback_warning(
                label,
                f"damaged UTF-16 (bad bytes at position {err.start})",
                "undecodable bytes were replaced by \ufffd",
            )
            return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as err:
        try:
            text, encoding = body.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = body.decode("latin-1"), "latin-1"
        name = "Windows-1252" if encoding == "cp1252" else "Latin-1"
        _fallback_warning(
            label,
            f"not valid UTF-8 (first bad byte at position {err.start})",
            f"it was read as {name}",
        )
        return text, encoding


def _fallback_warning(label, what, done):
    warnings.warn(
        f"{label} is {what}; {done}. Check that accented names look right, and save the file "
        "as 'CSV UTF-8' to avoid this warning.",
        EncodingFallbackWarning,
        stacklevel=4,
    )


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _to_table(records: list[list], label: str, encoding: str) -> RawTable:
    """Turn raw records (row 1 first) into a RawTable: trim, skip blanks, name headers."""
    width = max((len(r) for r in records), default=0)
    pad = [None] * width
    grid = pd.DataFrame([[_clean(c) for c in r] + pad[len(r) :] for r in records], dtype=object)
    blank = grid.isna().all(axis=1).to_numpy(bool) if width else np.ones(len(records), bool)
    if not (~blank).any():
        return RawTable(pd.DataFrame(), np.arange(0), label, int(blank.sum()), encoding)
    header_at = int(np.flatnonzero(~blank)[0])
    header = grid.iloc[header_at].tolist()
    body = grid.iloc[header_at + 1 :]
    body_blank = blank[header_at + 1 :]
    body = body[~body_blank]
    rows = np.flatnonzero(~body_blank) + header_at + 2
    names, keep = [], []
    for i, name in enumerate(header):
        if name is None:
            if body.iloc[:, i].isna().all():
                continue  # an unnamed, empty column (e.g. trailing separators) holds nothing
            name = f"column_{i + 1}"
        names.append(str(name))
        keep.append(i)
    frame = body.iloc[:, keep].set_axis(names, axis=1).reset_index(drop=True)
    return RawTable(frame, rows, label, int(blank.sum()), encoding)


def _clean(cell):
    """Trim a cell, turn '' into None and undo formula neutralisation (see lsmnet._safety)."""
    if cell is None:
        return None
    cell = cell.strip()
    if not cell:
        return None
    return restore_cell(cell)


def read_csv_raw(path, *, label: str | None = None) -> RawTable:
    """Read a CSV file into a :class:`RawTable` (see the module notes for the rules).

    Parameters
    ----------
    path : str or Path
        The CSV file.
    label : str, optional
        How messages name the file (default: its file name).

    Returns
    -------
    RawTable

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ties.csv").write_text("source;target\\n\\n a ;b\\n", encoding="utf-8")
    >>> raw = read_csv_raw(folder / "ties.csv")
    >>> raw.frame.to_dict("list"), raw.rows.tolist(), raw.blank_rows
    ({'source': ['a'], 'target': ['b']}, [3], 1)
    """
    path = Path(path)
    label = label or path.name
    text, encoding = decode(path.read_bytes(), label)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # one cell may hold a whole long text
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    finally:
        csv.field_size_limit(limit)
    return _to_table(records, label, encoding)


def cell_text(value) -> str | None:
    """Return a spreadsheet cell value as the text a CSV file would hold.

    Examples
    --------
    >>> import datetime
    >>> [cell_text(v) for v in (None, 2010, 2010.0, 0.1, True, datetime.datetime(2020, 5, 1))]
    [None, '2010', '2010', '0.1', 'true', '2020-05-01']
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def read_excel_raw(path, *, label: str | None = None) -> dict[str, RawTable]:
    """Read every sheet of an .xlsx workbook into :class:`RawTable` objects by sheet name.

    Formulas are not evaluated: a formula cell gives the value Excel last saved for it, and a
    formula that was never calculated (e.g. a workbook written by a program) gives its formula
    text, such as ``=A2+1``, so that it is reported rather than read as an empty cell.

    Parameters
    ----------
    path : str or Path
        The workbook (.xlsx or .xlsm).
    label : str, optional
        How messages name the workbook (default: its file name).

    Returns
    -------
    dict of str to RawTable
    """
    from openpyxl import load_workbook

    path = Path(path)
    label = label or path.name
    values = load_workbook(path, read_only=True, data_only=True)
    formulas = load_workbook(path, read_only=True, data_only=False)
    try:
        out = {}
        for sheet in values.worksheets:
            rows = zip_longest(
                sheet.iter_rows(values_only=True),
                formulas[sheet.title].iter_rows(values_only=True),
                fillvalue=(),
            )
            records = [
                [cell_text(_saved(v, f)) for v, f in zip_longest(row, frow)] for row, frow in rows
            ]
            out[sheet.title] = _to_table(records, f"{label}, sheet '{sheet.title}'", "xlsx")
        return out
    finally:
        values.close()
        formulas.close()


def _saved(value, formula):
    """The saved value of a cell, or its formula text when the formula has no saved value."""
    if value is None and formula is not None:
        text = getattr(formula, "text", formula)  # array formulas are objects
        if isinstance(text, str) and text.startswith("="):
            return text
    return value
