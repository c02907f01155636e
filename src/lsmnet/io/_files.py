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
import re
import warnings
from array import array
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


#: Most distinct cell texts remembered per table, so that repeated cells (identifiers, layer
#: names, dates) share one string object; beyond it new texts are no longer remembered.
_SHARED_CELLS_MAX = 200_000


def _to_table(records, label: str, encoding: str) -> RawTable:
    """Turn raw records (row 1 first) into a RawTable: trim, skip blanks, name headers.

    ``records`` may be any iterable (a csv reader): it is consumed once, a record at a time,
    and each cleaned cell goes straight into its column, so a table costs about one pointer
    per cell plus its distinct texts (equal cells share one string).
    """
    shared: dict = {}

    def clean(cell):
        if cell is None:
            return None
        value = shared.get(cell, shared)
        if value is shared:
            value = _clean(cell)
            if len(shared) < _SHARED_CELLS_MAX:
                shared[cell] = value
        return value

    width = 0
    blank_rows = 0
    header = None
    columns: list[list] = []
    rows = array("q")  # spreadsheet row numbers, 8 bytes each
    for number, record in enumerate(records, start=1):
        cells = [clean(c) for c in record]
        width = max(width, len(cells))
        if all(c is None for c in cells):
            blank_rows += 1
            continue
        if header is None:
            header = cells
            continue
        if len(cells) > len(columns):
            columns.extend([None] * len(rows) for _ in range(len(cells) - len(columns)))
        for column, cell in zip_longest(columns, cells):
            column.append(cell)
        rows.append(number)
    if header is None:
        return RawTable(pd.DataFrame(), np.arange(0), label, blank_rows, encoding)
    header = header + [None] * (width - len(header))
    columns.extend([None] * len(rows) for _ in range(width - len(columns)))
    names, keep = [], []
    for i, name in enumerate(header):
        if name is None:
            if all(c is None for c in columns[i]):
                continue  # an unnamed, empty column (e.g. trailing separators) holds nothing
            name = f"column_{i + 1}"
        names.append(str(name))
        keep.append(i)
    values = np.empty((len(rows), len(keep)), dtype=object)
    for position, i in enumerate(keep):
        values[:, position] = columns[i]
        columns[i] = None  # free each list once its column is filled
    frame = pd.DataFrame(values, dtype=object, copy=False)
    frame.columns = names
    return RawTable(frame, np.frombuffer(rows, dtype=np.int64).copy(), label, blank_rows, encoding)


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
        return _to_table(csv.reader(_lines(text), delimiter=_delimiter(text)), label, encoding)
    finally:
        csv.field_size_limit(limit)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str):
    """Yield the lines of ``text`` with their endings, one at a time.

    Lines end at ``\\n``, ``\\r`` or ``\\r\\n``, as ``io.StringIO(text, newline="")`` splits
    them; unlike a StringIO, no copy of the whole text (4 bytes per character) is made.
    """
    for match in _LINE.finditer(text):
        yield match.group()


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
