"""A blank data-entry workbook in English or Bahasa Indonesia, with drop-downs and examples.

:func:`write_template` writes the five tables of :mod:`lsmnet._schema` as sheets of one .xlsx
workbook, headed in the chosen language, with an instructions sheet first. Columns with a
fixed vocabulary (organisation types, coalition kinds, roles, layers, yes/no) and the rating
items get Excel drop-down lists (data validation), so that a value outside the list is refused
while typing. Each sheet starts with one or two fictional example rows, shaded grey, whose
codes start with ``EXAMPLE-`` (``CONTOH-`` in Indonesian) and whose first cell carries the note
"CONTOH / EXAMPLE"; they show the format and are meant to be deleted.

The sheet, column and value spellings come from the ``schema`` block of the ``forms``
catalogue (``lsmnet/locale/forms.json``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from lsmnet._i18n import catalogue, check_lang
from lsmnet._safety import neutralize_cell
from lsmnet._schema import (
    COALITION_KINDS,
    DEFAULT_SCALE,
    KNOWN_LAYERS,
    ORG_TYPES,
    ROLES,
    TABLES,
    TRUST_ITEMS,
    VALUE_ITEMS,
)
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io._atomic import atomic_file

__all__ = ["TEMPLATE_ROWS", "template_tables", "write_template"]

#: Rows below the header that carry the drop-down lists.
TEMPLATE_ROWS = 500

_TABLE_ORDER = ("organizations", "coalitions", "memberships", "ties", "ratings")
_CHOICES = {"type": ORG_TYPES, "kind": COALITION_KINDS, "role": ROLES, "layer": KNOWN_LAYERS}
_ITEMS = (*TRUST_ITEMS, *VALUE_ITEMS)
_GREY = "D9D9D9"


def forms_text(key: str, lang: str, /, **fields) -> str:
    """The text at dotted ``key`` of the ``forms`` catalogue in ``lang``, placeholders filled.

    Examples
    --------
    >>> forms_text("schema.tables.ties", "id")
    'Kemitraan'
    >>> forms_text("survey.title", "en", title="Koalisi Air")
    'Partnership survey: Koalisi Air'
    """
    node = catalogue("forms")
    head, _, rest = key.partition(".")
    node = node[head]
    # the schema block's keys themselves hold dots ("organizations.org_id")
    if head == "schema":
        block, _, name = rest.partition(".")
        node = node[block][name]
    else:
        node = node[rest]
    template = node[lang]
    return template.format(**fields) if fields else template


def _value(prefix: str, value: str, lang: str) -> str:
    return forms_text(f"schema.values.{prefix}.{value}", lang)


def _header(table: str, column: str, lang: str) -> str:
    """The column's header in ``lang``; a schema column the catalogue lacks keeps its name."""
    if f"{table}.{column}" in catalogue("forms")["schema"]["columns"]:
        return forms_text(f"schema.columns.{table}.{column}", lang)
    return column


def _doc(table: str, column: str, lang: str) -> str:
    if f"{table}.{column}" in catalogue("forms")["schema"]["docs"]:
        return forms_text(f"schema.docs.{table}.{column}", lang)
    spec = next(c for c in TABLES[table] if c.name == column)
    return spec.doc.replace("``", "")


def template_tables(lang: str = "en") -> dict[str, list[str]]:
    """The sheet name and column headers of each table in the template, in ``lang``.

    Parameters
    ----------
    lang : {"en", "id"}
        Language of the names.

    Returns
    -------
    dict
        Sheet name -> column headers, in the order the workbook has them (organizations,
        coalitions, memberships, ties, ratings; the ratings sheet ends with the six rating
        items).

    Raises
    ------
    InvalidParameterError
        If ``lang`` is not supported.

    Examples
    --------
    >>> template_tables("id")["Keanggotaan"]
    ['ID Organisasi', 'ID Koalisi', 'Peran', 'Tanggal Mulai', 'Tanggal Selesai', 'Bobot']
    >>> template_tables("en")["ratings"][:3]
    ['rater', 'ratee', 'reliability']
    """
    check_lang(lang, "template_tables")
    return {
        forms_text(f"schema.tables.{table}", lang): [
            _header(table, column, lang) for column in _columns(table)
        ]
        for table in _TABLE_ORDER
    }


def _columns(table: str) -> list[str]:
    names = [c.name for c in TABLES[table]]
    return names + list(_ITEMS) if table == "ratings" else names


def _examples(lang: str) -> dict[str, list[dict]]:
    """Fictional rows per table (schema column -> cell value), in ``lang``."""
    mark = forms_text("template.example_marker", lang)
    a, b, k = f"{mark}-1", f"{mark}-2", f"{mark}-K1"

    def name(text):
        return forms_text("template.example_name", lang, name=text)

    yes = _value("bool", "true", lang)
    return {
        "organizations": [
            {
                "org_id": a,
                "name": name("Yayasan Pelita Desa"),
                "type": _value("type", "ngo", lang),
                "province": "Sulawesi Selatan",
                "issues": "gender|livelihoods",
                "founded": 2004,
                "budget": 120000,
                "respondent": yes,
            },
            {
                "org_id": b,
                "name": name("LBH Makassar"),
                "type": _value("type", "ngo", lang),
                "province": "Sulawesi Selatan",
                "issues": "legal aid",
                "founded": 1996,
                "respondent": yes,
            },
        ],
        "coalitions": [
            {
                "coalition_id": k,
                "name": name("Koalisi Air Bersih"),
                "kind": _value("kind", "coalition", lang),
                "focus": "water|advocacy",
                "founded": 2015,
            }
        ],
        "memberships": [
            {
                "org_id": a,
                "coalition_id": k,
                "role": _value("role", "chair", lang),
                "start": dt.datetime(2019, 3, 15),
            },
            {"org_id": b, "coalition_id": k, "role": _value("role", "member", lang)},
        ],
        "ties": [
            {
                "source": a,
                "target": b,
                "layer": _value("layer", "advocacy", lang),
                "weight": 1,
                "start": dt.datetime(2020, 1, 1),
                "reported_by": a,
            }
        ],
        "ratings": [
            {
                "rater": a,
                "ratee": b,
                "reliability": 4,
                "mission": 3,
                "openness": 3,
                "power": 2,
                "involvement": 3,
                "resources": 2,
            }
        ],
    }


def _validation_lists(lang: str, scale) -> dict[tuple[str, str], list[str]]:
    """(table, column) -> the values its drop-down offers."""
    lists = {}
    for table in _TABLE_ORDER:
        for spec in TABLES[table]:
            if spec.name in _CHOICES and spec.kind in ("choice", "layer"):
                lists[table, spec.name] = [_value(spec.name, v, lang) for v in _CHOICES[spec.name]]
            elif spec.kind == "bool":
                lists[table, spec.name] = [_value("bool", v, lang) for v in ("true", "false")]
    low, high = scale
    for item in _ITEMS:
        lists["ratings", item] = [str(v) for v in range(int(low), int(high) + 1)]
    return lists


def _check_scale(scale, func):
    ok = (
        isinstance(scale, (tuple, list))
        and len(scale) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in scale)
        and scale[0] < scale[1]
        and scale[1] - scale[0] <= 10
    )
    if not ok:
        raise InvalidParameterError(
            f"The 'scale' parameter of {func} must be two whole numbers (low, high) with low "
            f"below high and at most 11 steps, e.g. (1, 4). Got {scale!r}."
        )
    return tuple(scale)


def check_output(path: str | os.PathLike, *, overwrite: bool, func: str) -> Path:
    """Check that ``path`` is a new .xlsx file (or may be replaced); return it as a Path.

    Raises
    ------
    InvalidParameterError
        If ``path`` does not end in .xlsx, or names an existing file and ``overwrite`` is
        False.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InvalidParameterError(
            f"The 'path' parameter of {func} must name an .xlsx file. Got {str(path)!r}."
        )
    if path.exists() and not overwrite:
        raise InvalidParameterError(
            f"The 'path' parameter of {func} names an existing file, {path}. Pass "
            "overwrite=True to replace it, or choose another path."
        )
    return path


def save_atomically(workbook: Any, path: Path) -> None:
    """Save an openpyxl workbook to a temporary file next to ``path``, then move it there.

    A crash or a full disk leaves either the old file or none, never half a workbook
    (:func:`lsmnet.io._atomic.atomic_file`); missing folders are created.
    """
    with atomic_file(path, mkdir=True) as temp:
        workbook.save(temp)


def write_template(
    path: str | os.PathLike,
    *,
    lang: str = "en",
    scale: tuple[int, int] = DEFAULT_SCALE,
    overwrite: bool = False,
) -> Path:
    """Write a blank data-entry workbook: instructions, one sheet per table, drop-downs.

    Parameters
    ----------
    path : str or path-like
        The .xlsx file to write.
    lang : {"en", "id"}, default "en"
        Language of the sheet names, headers, drop-down values and instructions.
    scale : (int, int), default (1, 4)
        Rating scale offered by the drop-downs of the rating items.
    overwrite : bool, default False
        Replace ``path`` if it exists (otherwise an existing file is an error).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    InvalidParameterError
        If ``lang`` or ``scale`` is invalid, ``path`` does not end in .xlsx, or ``path``
        exists and ``overwrite`` is False.

    Notes
    -----
    The workbook holds the sheets ``instructions`` (``petunjuk``), then ``organizations``,
    ``coalitions``, ``memberships``, ``ties`` and ``ratings`` (``Organisasi``, ``Koalisi``,
    ``Keanggotaan``, ``Kemitraan``, ``Penilaian``), each with every schema column (required
    ones bold and underlined, each header with a comment explaining it), drop-downs on
    the first :data:`TEMPLATE_ROWS` rows, and grey example rows whose codes start with
    ``EXAMPLE-`` (``CONTOH-``). Text cells are neutralised against formula injection
    (:mod:`lsmnet._safety`). The file is written to a temporary file and moved into place.

    :func:`lsmnet.read` on an unedited English template warns that it ignored the
    instructions sheet and returns the example rows only (two organisations, one
    coalition, two memberships, one tie, one rating).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "koalisi.xlsx"
    >>> write_template(out, lang="id").name
    'koalisi.xlsx'
    >>> openpyxl.load_workbook(out).sheetnames
    ['petunjuk', 'Organisasi', 'Koalisi', 'Keanggotaan', 'Kemitraan', 'Penilaian']
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    check_lang(lang, "write_template")
    scale = _check_scale(scale, "write_template")
    path = check_output(path, overwrite=overwrite, func="write_template")
    lists = _validation_lists(lang, scale)
    examples = _examples(lang)
    grey = PatternFill("solid", fgColor=_GREY)
    bold = Font(bold=True)

    wb = Workbook()
    info = wb.active
    info.title = forms_text("template.sheet.instructions", lang)
    _instructions(info, lang, scale, path.name, bold)

    for table in _TABLE_ORDER:
        ws = wb.create_sheet(forms_text(f"schema.tables.{table}", lang))
        columns = _columns(table)
        for j, column in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=j, value=_header(table, column, lang))
            spec = next((c for c in TABLES[table] if c.name == column), None)
            required = spec is not None and spec.required
            cell.font = Font(bold=True, underline="single") if required else bold
            cell.comment = Comment(_doc(table, column, lang), "lsmnet")
            ws.column_dimensions[get_column_letter(j)].width = max(14, len(str(cell.value)) + 4)
            values = lists.get((table, column))
            if values:
                dv = DataValidation(
                    type="list",
                    formula1='"' + ",".join(values) + '"',
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle=forms_text("template.invalid.title", lang),
                    error=forms_text("template.invalid.text", lang),
                )
                letter = get_column_letter(j)
                dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
                ws.add_data_validation(dv)
        for i, row in enumerate(examples[table], start=2):
            for j, column in enumerate(columns, start=1):
                cell = ws.cell(row=i, column=j, value=neutralize_cell(row.get(column)))
                cell.fill = grey
                if isinstance(row.get(column), dt.datetime):
                    cell.number_format = "yyyy-mm-dd"
            ws.cell(row=i, column=1).comment = Comment(
                forms_text("template.example_note", lang), "lsmnet"
            )
        ws.freeze_panes = "A2"
    save_atomically(wb, path)
    return path


def _instructions(ws, lang, scale, filename, bold) -> None:
    """Fill the instructions sheet: what to do, then every column with its meaning."""
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["D"].width = 90
    lines = [
        forms_text("template.title", lang),
        "",
        forms_text("template.intro", lang),
        forms_text("template.examples", lang),
        forms_text("template.dropdowns", lang, low=scale[0], high=scale[1]),
        forms_text("template.cells", lang),
        forms_text("template.check", lang, file=filename),
        "",
    ]
    for i, line in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=line or None)
    ws.cell(row=1, column=1).font = bold
    row = len(lines) + 1
    headers = ("sheet", "column", "required", "meaning")
    for j, key in enumerate(headers, start=1):
        ws.cell(row=row, column=j, value=forms_text(f"template.header.{key}", lang)).font = bold
    yes, no = forms_text("template.yes", lang), forms_text("template.no", lang)
    for table in _TABLE_ORDER:
        sheet = forms_text(f"schema.tables.{table}", lang)
        for column in _columns(table):
            row += 1
            spec = next((c for c in TABLES[table] if c.name == column), None)
            ws.cell(row=row, column=1, value=sheet)
            ws.cell(row=row, column=2, value=_header(table, column, lang))
            ws.cell(row=row, column=3, value=yes if spec is not None and spec.required else no)
            ws.cell(row=row, column=4, value=_doc(table, column, lang))
