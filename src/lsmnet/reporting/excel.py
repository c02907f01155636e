"""Write the report's tables to an Excel workbook.

One sheet per table, each with a bold frozen header row, an autofilter over the whole table,
number formats per column and column widths fitted to the content. Every text cell (headers
included) goes through :func:`lsmnet._safety.neutralize_cell`, so a name such as ``=cmd|'/C
calc'!A0`` is stored as text and never evaluated as a formula.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lsmnet._progress import progress as _progress
from lsmnet._safety import neutralize_cell
from lsmnet.io._atomic import atomic_file
from lsmnet.reporting.html import whole_numbers
from lsmnet.reporting.labels import header

# Excel number formats for the kinds of lsmnet.risk.catalog.format_number, plus "general"
# (every digit, e.g. a threshold) and "text"
NUMBER_FORMATS = {
    "integer": "#,##0",
    "decimal": "0.00",
    "percent": "0%",
    "ratio": "0.0",
    "signed": "+0.00;-0.00;0.00",
    "general": "General",
    "text": "@",
}
_MAX_WIDTH = 60
_WIDTH_ROWS = 500  # column widths are fitted to the first rows only, to stay fast


@dataclass
class Sheet:
    """A worksheet: its (translated) ``title``, the ``frame`` to write and per-column kinds."""

    title: str
    frame: pd.DataFrame
    formats: dict = field(default_factory=dict)


def _kind(series: pd.Series, given) -> str:
    if given is not None:
        return given
    if pd.api.types.is_bool_dtype(series):
        return "text"
    if pd.api.types.is_integer_dtype(series) or whole_numbers(series):
        return "integer"
    if pd.api.types.is_numeric_dtype(series):
        return "decimal"
    return "text"


def _cell_value(value):
    """A value openpyxl can store: NaN/NA -> empty, numpy scalars -> Python, tuples joined."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, tuple | list | set | frozenset):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, bool | numbers.Number) or hasattr(value, "year"):
        return value
    return _safe_text(value)


def _column_values(series: pd.Series) -> list:
    """The cell values of a column (:func:`_cell_value` of each), numbers converted at once."""
    if pd.api.types.is_float_dtype(series.dtype) and isinstance(series.dtype, np.dtype):
        array = series.to_numpy(dtype=float)
        values = array.tolist()
        for i in np.flatnonzero(~np.isfinite(array)).tolist():
            values[i] = None
        return values
    if pd.api.types.is_integer_dtype(series.dtype) and isinstance(series.dtype, np.dtype):
        return series.to_numpy().tolist()
    seen: dict = {}
    values = []
    for value in series.to_numpy(dtype=object):
        try:
            shown = seen[value]
        except (KeyError, TypeError):  # new, or unhashable (a list of codes)
            shown = _cell_value(value)
            if isinstance(value, str):
                seen[value] = shown
        values.append(shown)
    return values


def _safe_text(value) -> str:
    """Text for a cell: control characters XML cannot hold become U+FFFD, and a leading
    formula character is neutralised."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return neutralize_cell(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value)))


def write_workbook(
    path: str | Path, sheets: list[Sheet], *, lang: str, progress: bool | None = False
) -> Path:
    """Write ``sheets`` to the workbook ``path`` (overwritten if it exists).

    Parameters
    ----------
    path : str or pathlib.Path
        Output ``.xlsx`` file.
    sheets : list of Sheet
        In order; column headers are translated with
        :func:`lsmnet.reporting.labels.header`.
    lang : {"en", "id"}
        Language of the column headers.
    progress : bool or None, default False
        A progress bar over the rows of each sheet (None: only on a terminal or in Jupyter).

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib, openpyxl
    >>> from lsmnet.reporting.excel import Sheet, write_workbook
    >>> frame = pd.DataFrame({"name": ["=1+1"], "degree": [3]})
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> _ = write_workbook(out, [Sheet("members", frame)], lang="en")
    >>> ws = openpyxl.load_workbook(out)["members"]
    >>> [c.value for c in ws[2]], ws.freeze_panes, ws.auto_filter.ref
    (["'=1+1", 3], 'A2', 'A1:B2')
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = Workbook(write_only=True)
    wb.properties.creator = "lsmnet"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in sheets:
        ws = wb.create_sheet(_sheet_title(sheet.title))
        frame = sheet.frame
        ncols = max(1, frame.shape[1])
        kinds = [_kind(frame[c], sheet.formats.get(c)) for c in frame.columns]
        headers = [header(c, lang) for c in frame.columns]
        for i, (name, heading) in enumerate(zip(frame.columns, headers, strict=True), start=1):
            longest = max((len(str(v)) for v in frame[name].iloc[:_WIDTH_ROWS]), default=0)
            width = min(_MAX_WIDTH, max(len(heading), longest) + 2)
            ws.column_dimensions[get_column_letter(i)].width = max(8, width)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(ncols)}{len(frame) + 1}"
        header_cells = []
        for heading in headers:
            cell = WriteOnlyCell(ws, _safe_text(heading))
            cell.font = bold
            header_cells.append(cell)
        ws.append(header_cells)
        # one styled cell per column, given each row's value in turn: a write-only sheet
        # writes a row as soon as it is appended, and styling a fresh cell for each of
        # hundreds of thousands of values is most of openpyxl's time
        cells = []
        for kind in kinds:
            cell = WriteOnlyCell(ws)
            if kind == "text":
                cell.alignment = wrap
            else:
                cell.number_format = NUMBER_FORMATS[kind]
            cells.append(cell)
        columns = [_column_values(frame.iloc[:, j]) for j in range(frame.shape[1])]
        rows = zip(*columns, strict=True) if columns else ((),) * len(frame)
        bar = f"lsmnet workbook: {_sheet_title(sheet.title)}"
        for values in _progress(rows, total=len(frame), desc=bar, enabled=progress):
            for cell, value in zip(cells, values, strict=True):
                cell.value = value
            ws.append(cells)
    with atomic_file(path, mkdir=True) as temp:
        wb.save(temp)
    return path


def _sheet_title(title: str) -> str:
    """A valid worksheet title: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(title)).strip("'")
    return cleaned[:31] or "sheet"
