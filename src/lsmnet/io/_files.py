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
import os
import re
import warnings
import zipfile
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from lsmnet._problems import schema_error
from lsmnet._safety import restore_cell
from lsmnet.exceptions import LsmnetWarning, SchemaError
from lsmnet.io._limits import MAX_CELLS, MAX_COLUMNS, MAX_SHARED_STRINGS, MAX_WORKBOOK_BYTES

__all__ = [
    "EncodingFallbackWarning",
    "RawTable",
    "cell_text",
    "decode",
    "read_csv_raw",
    "read_excel_raw",
]


class EncodingFallbackWarning(LsmnetWarning):
    """A text file was not valid UTF-8 and was read as Windows-1252 / Latin-1.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = decode("Pelé".encode("latin-1"), "x.csv")
    >>> caught[0].category is EncodingFallbackWarning
    True
    """


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


def _to_table(records, label: str, encoding: str, budget: list[int] | None = None) -> RawTable:
    """Turn raw records into a RawTable: trim, skip blanks, name headers.

    ``records`` yields ``(row_number, cells)`` in file order, ``cells`` being ``(position,
    raw_text)`` pairs (position 0 is the first column; absent cells are simply not given, so a
    worksheet row with one cell in column XFD costs one pair, not 16,384). Row numbers that
    jump count the rows skipped as blank. The records are consumed once, a row at a time, and
    each cleaned cell goes straight into its column, so a table costs about one pointer per
    cell (data rows x columns that have a header or a value) plus its distinct texts (equal
    cells share one string). ``budget`` is a one-element list of cells left for this and later
    tables of the same file (default :data:`~lsmnet.io._limits.MAX_CELLS`); exceeding it, or
    :data:`~lsmnet.io._limits.MAX_COLUMNS`, raises a located :class:`SchemaError`.
    """
    budget = budget if budget is not None else [MAX_CELLS]
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

    blank_rows = 0
    header = None
    columns: dict[int, list] = {}  # position -> cells of the data rows, by position
    rows = array("q")  # spreadsheet row numbers, 8 bytes each
    last = 0
    for number, cells in records:
        if number <= last:
            raise _refused(label, number, "its row number repeats or goes back", _RESAVE)
        blank_rows += number - last - 1
        last = number
        present = []
        previous = -1
        for position, cell in cells:
            if position >= MAX_COLUMNS:
                raise _too_wide(label, number, position)
            if position <= previous:
                problem = f"a cell of column {position + 1} repeats or goes back"
                raise _refused(label, number, problem, _RESAVE)
            previous = position
            value = clean(cell)
            if value is not None:
                present.append((position, value))
        if not present:
            blank_rows += 1
            continue
        if header is None:
            header = dict(present)
            continue
        n = len(rows)
        for position, value in present:
            column = columns.get(position)
            if column is None:
                if (n + 1) * (len(columns) + 1) > budget[0]:
                    raise _too_many_cells(label, number, position)
                column = columns[position] = [None] * n
            column.append(value)
        if len(present) < len(columns):
            for column in columns.values():
                if len(column) == n:
                    column.append(None)
        rows.append(number)
        if len(rows) * len(columns) > budget[0]:
            raise _too_many_cells(label, number, max(columns))
    if header is None:
        return RawTable(pd.DataFrame(), np.arange(0), label, blank_rows, encoding)
    n = len(rows)
    keep = sorted(set(header) | set(columns))
    if n * len(keep) > budget[0]:
        raise _too_many_cells(label, last, keep[-1])
    budget[0] -= n * len(keep)
    names = [str(header[i]) if i in header else f"column_{i + 1}" for i in keep]
    values = np.empty((n, len(keep)), dtype=object)
    for position, i in enumerate(keep):
        column = columns.pop(i, None)
        values[:, position] = column if column is not None else None
    frame = pd.DataFrame(values, dtype=object, copy=False)
    frame.columns = names
    return RawTable(frame, np.frombuffer(rows, dtype=np.int64).copy(), label, blank_rows, encoding)


_RESAVE = "open the file in Excel or LibreOffice and save it again"


def _refused(label, row, problem, fix, value=""):
    return schema_error(
        f"{label}, row {row}: {problem}; lsmnet refuses the file. Fix: {fix}.",
        file=label,
        row=row,
        value=value,
        problem=problem,
        fix=fix,
    )


def _too_wide(label, row, position):
    from openpyxl.utils import get_column_letter

    letter = f" ({get_column_letter(position + 1)})" if position < 18_278 else ""
    return _refused(
        label,
        row,
        f"column {position + 1}{letter} is beyond the limit of {MAX_COLUMNS:,} columns "
        "(Excel's own, column XFD)",
        "check the delimiter and the file; split a table this wide into several",
        value=f"column {position + 1}",
    )


def _too_many_cells(label, row, position):
    return _refused(
        label,
        row,
        f"the table reaches more than {MAX_CELLS:,} cells (rows x columns, all tables of the "
        f"file together) at column {position + 1}",
        "remove columns and rows you do not need, or split the data by year or coalition",
    )


def _clean(cell):
    """Trim a cell, turn '' into None and undo formula neutralisation (see lsmnet._safety)."""
    if cell is None:
        return None
    cell = cell.strip()
    if not cell:
        return None
    return restore_cell(cell)


def read_csv_raw(path: str | os.PathLike, *, label: str | None = None) -> RawTable:
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
        The cells as text, with their spreadsheet row numbers and the blank rows counted.

    Raises
    ------
    SchemaError
        If a row has more than :data:`~lsmnet.io._limits.MAX_COLUMNS` columns or the table
        more than :data:`~lsmnet.io._limits.MAX_CELLS` cells (the message names the row).

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
        reader = csv.reader(_lines(text), delimiter=_delimiter(text))
        records = ((number, enumerate(record)) for number, record in enumerate(reader, start=1))
        return _to_table(records, label, encoding)
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


def cell_text(value: object) -> str | None:
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


def read_excel_raw(path: str | os.PathLike, *, label: str | None = None) -> dict[str, RawTable]:
    """Read every sheet of an .xlsx workbook into :class:`RawTable` objects by sheet name.

    Formulas are not evaluated: a formula cell gives the value Excel last saved for it, and a
    formula that was never calculated (e.g. a workbook written by a program) gives its formula
    text, such as ``=A2+1``, so that it is reported rather than read as an empty cell.

    The rows are streamed from the sheet's XML as they are: a sheet's dimension record (which
    programs may leave stale) is not used, so every row present is read and no empty grid is
    built for a cell far to the right or far down. The limits of :mod:`lsmnet.io._limits`
    (shared strings, decompressed size, columns, cells) are checked before the memory is
    spent.

    Parameters
    ----------
    path : str or Path
        The workbook (.xlsx or .xlsm).
    label : str, optional
        How messages name the workbook (default: its file name).

    Returns
    -------
    dict of str to RawTable
        One table per sheet, in workbook order.

    Raises
    ------
    SchemaError
        If the file is not a readable workbook, or exceeds a limit (the message names the
        sheet, the row and the limit).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from openpyxl import Workbook
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "data.xlsx"
    >>> book = Workbook()
    >>> book.active.title = "ties"
    >>> book.active.append(["source", "target"])
    >>> book.active["A4"], book.active["B4"] = "YLBHI", "KontraS"
    >>> book.save(path)
    >>> raw = read_excel_raw(path)["ties"]
    >>> raw.frame.to_dict("list"), raw.rows.tolist(), raw.blank_rows
    ({'source': ['YLBHI'], 'target': ['KontraS']}, [4], 2)
    """
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    label = label or path.name
    damaged = (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        InvalidFileException,
        EOFError,
        zlib.error,
    )
    damaged += (KeyError, IndexError, ValueError, TypeError, SyntaxError, OverflowError)
    try:
        _check_workbook(path, label)
        book = _load_workbook(path)
    except SchemaError:
        raise
    except damaged as err:
        raise _unreadable(label, err) from err
    budget = [MAX_CELLS]
    try:
        out = {}
        for sheet in book.worksheets:
            where = f"{label}, sheet '{sheet.title}'"
            try:
                out[sheet.title] = _to_table(_sheet_records(sheet), where, "xlsx", budget)
            except SchemaError:
                raise
            except damaged as err:
                raise _unreadable(where, err) from err
        return out
    finally:
        book.close()


def _load_workbook(path: Path):
    """openpyxl's read-only workbook, with the shared strings read by :func:`_shared_strings`
    (openpyxl's own reader takes about 17 microseconds an entry: 34 s for two million)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    class Reader(ExcelReader):
        def read_strings(self):
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                self.shared_strings = _shared_strings(self.archive, part.PartName[1:])

    reader = Reader(path, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    """The texts of a shared-strings part, as openpyxl's ``Text.content`` gives them: of each
    ``<si>``, its ``<t>`` and the ``<t>`` of its rich-text runs (``<r>``), phonetic runs
    left out.

    Parts whose entries are all plain (``<si><t>text</t></si>``, as Excel and openpyxl write
    them) are read with one regular expression an entry, anchored, without backtracking
    (about 20 times faster than an XML parser); any other part is parsed with
    :mod:`xml.etree.ElementTree`. :func:`_check_workbook` has refused a part with a
    document type declaration (the only way to declare entities) before this runs.
    """
    with archive.open(name) as source:
        strings = _plain_shared_strings(source)
    if strings is not None:
        return strings
    from xml.etree.ElementTree import iterparse

    si, t, r = f"{_MAIN}si", f"{_MAIN}t", f"{_MAIN}r"
    strings = []
    with archive.open(name) as source:
        for _, node in iterparse(source):
            if node.tag != si:
                continue
            parts = []
            for child in node:
                if child.tag == t:
                    parts.append(child.text or "")
                elif child.tag == r:
                    parts += [run.text or "" for run in child if run.tag == t]
            strings.append("".join(parts).replace("x005F_", ""))
            node.clear()
    return strings


_SST_START = re.compile(
    rb'(?:\xef\xbb\xbf)?(?:<\?xml version="1\.0" encoding="UTF-8"(?: standalone="yes")?\?>)?'
    rb'\s*<sst xmlns="http://schemas\.openxmlformats\.org/spreadsheetml/2006/main"[^<>]*(?<!/)>',
    re.IGNORECASE,
)
#: A plain entry: no markup, no entity or character reference, no CR (which XML normalises).
_PLAIN_SI = re.compile(rb'\s*<si><t(?: xml:space="preserve")?>([^<&\r]*)</t></si>')
_SST_END = re.compile(rb"\s*</sst>\s*")


def _plain_shared_strings(source) -> list[str] | None:
    """The entries of a shared-strings part made only of plain entries, else None."""
    buffer = source.read(1 << 20)
    start = _SST_START.match(buffer)
    if start is None:
        return None
    pos, eof, strings = start.end(), False, []
    while True:
        if not eof and len(buffer) - pos < 1 << 16:
            chunk = source.read(1 << 22)
            eof = not chunk
            buffer, pos = buffer[pos:] + chunk, 0
        entry = _PLAIN_SI.match(buffer, pos)
        if entry is None:
            break
        strings.append(entry.group(1).decode("utf-8").replace("x005F_", ""))
        pos = entry.end()
    end = _SST_END.match(buffer, pos)
    return strings if eof and end is not None and end.end() == len(buffer) else None


def _sheet_records(sheet):
    """Yield ``(row_number, [(position, text), ...])`` for each row element of a read-only
    worksheet, in file order, with only the cells the file holds."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            # the saved value of a formula cell, or its formula text when it has none
            formula = element.find(_FORMULA_TAG)
            self.data_only = formula is None or bool(element.findtext(_VALUE_TAG))
            if formula is not None and self.data_only:
                self.parse_formula(element)  # records a shared formula for the cells using it
            cell = super().parse_cell(element)
            if not self.data_only:
                text = getattr(cell["value"], "text", cell["value"])  # array formulas: objects
                cell["value"] = text if isinstance(text, str) and text.startswith("=") else None
            return cell

    with sheet._get_source() as source:
        parser = Parser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            yield number, [(c["column"] - 1, cell_text(c["value"])) for c in cells]


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_FORMULA_TAG, _VALUE_TAG = f"{_MAIN}f", f"{_MAIN}v"
#: A shared-strings entry's start tag, with or without a namespace prefix.
_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _check_workbook(path: Path, label: str) -> None:
    """Refuse a workbook whose parts would decompress beyond the limit, or whose
    shared-strings table has too many entries, before anything is loaded."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS
    from openpyxl.xml.functions import fromstring

    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())
        if total > MAX_WORKBOOK_BYTES:
            raise schema_error(
                f"{label}: its parts decompress to {total / 2**20:,.0f} MB, more than the limit "
                f"of {MAX_WORKBOOK_BYTES / 2**20:,.0f} MB; lsmnet refuses the file. Fix: save "
                "it again in Excel, or split the data into several workbooks.",
                file=label,
                value=f"{total} bytes",
                problem="workbook too large once decompressed",
                fix="split the data into several workbooks",
            )
        manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
        part = manifest.find(SHARED_STRINGS)
        if part is None:
            return
        count, tail = 0, b""
        with archive.open(part.PartName[1:]) as source:
            while chunk := source.read(1 << 20):
                data = tail + chunk
                if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                    raise SyntaxError("a document type declaration in the shared strings")
                count += len(_SI.findall(data))
                # keep the end of the chunk: a tag cut in two is counted with the next one
                cut = data.rfind(b"<")
                tail = data[cut:] if cut >= 0 and b">" not in data[cut:] else b""
                if tail:
                    count -= len(_SI.findall(tail))
                if count > MAX_SHARED_STRINGS:
                    raise schema_error(
                        f"{label}: its shared-strings table holds more than "
                        f"{MAX_SHARED_STRINGS:,} entries; lsmnet refuses the file. Fix: save it "
                        "again in Excel, or split the data into several workbooks.",
                        file=label,
                        value=f"more than {MAX_SHARED_STRINGS} entries",
                        problem="shared-strings table too large",
                        fix="split the data into several workbooks",
                    )


def _unreadable(label: str, err: BaseException) -> SchemaError:
    detail = str(err).splitlines()[0] if str(err) else type(err).__name__
    return schema_error(
        f"{label} is not a readable .xlsx workbook ({type(err).__name__}: {detail[:200]}). "
        "Fix: open it in Excel or LibreOffice and save it again as .xlsx.",
        file=label,
        value=type(err).__name__,
        problem="not a readable .xlsx workbook",
        fix="save it again as .xlsx",
    )
