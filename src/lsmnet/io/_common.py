"""Helpers shared by the importers: reading tables, finding columns, set-aside records,
name matching, provenance and the final validated container.

Every importer counts the units of its source (data rows, XML transactions, matrix cells) and
sends each one either into the tables ("used") or into ``data.set_aside`` with a reason, so that
``rows read = rows used + rows set aside`` always holds; :func:`finish` records that identity
in ``data.meta["rows"]``.
"""

from __future__ import annotations

import math
import os
import re
import sys
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io._files import RawTable, decode, read_csv_raw, read_excel_raw

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from lsmnet.model import NetworkData

PROBLEM_COLUMNS = ["table", "file", "row", "column", "value", "problem", "fix"]


def decode_text(path: Path, *, encoding: str | None = None) -> str:
    """Read a text file: UTF-8/UTF-16 with BOM, UTF-8, else Windows-1252 with a warning."""
    raw = Path(path).read_bytes()
    if encoding is not None:
        return raw.decode(encoding)
    return decode(raw, Path(path).name)[0]


def read_table(path: str | os.PathLike[str], *, sheet: str | None = None, func: str) -> RawTable:
    """Read a CSV file or one sheet of a workbook (blank rows skipped and counted)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{func}: {path} does not exist or is not a file.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = read_excel_raw(path)
        if sheet is None:
            sheet = next(iter(sheets))
        if sheet not in sheets:
            raise InvalidParameterError(
                f"The 'sheet' parameter of {func} must name a sheet of {path.name} "
                f"({', '.join(repr(s) for s in sheets)}). Got {sheet!r}."
            )
        return sheets[sheet]
    return read_csv_raw(path)


def std(header: object) -> str:
    """A header in comparable form: lower case, runs of spaces/punctuation as one '_'."""
    return re.sub(r"[^0-9a-z#+:]+", "_", str(header).strip().lower()).strip("_")


def resolve_columns(
    raw: RawTable,
    wanted: dict,
    *,
    required: Sequence[str] = (),
    columns: Mapping[str, str] | None = None,
    func: str,
    what: str = "columns",
) -> dict:
    """Map each wanted field to a header of ``raw``.

    ``wanted`` maps a field to the header spellings accepted for it (compared with :func:`std`);
    ``columns`` (user's header -> field) takes precedence. Raises a SchemaError naming the file,
    the missing fields and the headers found (with a delimiter hint when the file seems to use
    another separator).
    """
    headers = list(raw.frame.columns)
    by_std = {}
    for h in headers:
        by_std.setdefault(std(h), h)
    found = {}
    for user, field in (columns or {}).items():
        if field not in wanted:
            raise InvalidParameterError(
                f"The 'columns' parameter of {func} maps {user!r} to {field!r}, which is not one "
                f"of its fields ({', '.join(wanted)})."
            )
        hit = user if user in headers else by_std.get(std(user))
        if hit is None:
            raise SchemaError(
                f"{raw.label}, row 1: columns= names the header {user!r}, which the file does "
                f"not have. Headers found: {', '.join(map(repr, headers)) or '(none)'}."
            )
        found[field] = hit
    for field, spellings in wanted.items():
        if field in found:
            continue
        for spelling in spellings:
            if std(spelling) in by_std and by_std[std(spelling)] not in found.values():
                found[field] = by_std[std(spelling)]
                break
    missing = [f for f in required if f not in found]
    if missing:
        hint = ""
        if len(headers) == 1 and any(d in str(headers[0]) for d in ";\t|,"):
            hint = (
                " The whole header is one column: the file may use a delimiter other than "
                "comma, semicolon or tab, or be saved with the wrong separator."
            )
        raise SchemaError(
            f"{raw.label}, row 1: {what} not found: "
            + ", ".join(f"{f} (e.g. {wanted[f][0]!r})" for f in missing)
            + f". Headers found: {', '.join(map(repr, headers)) or '(none)'}.{hint} Fix: rename "
            f"the headers or map them with columns={{'your header': '{missing[0]}'}}."
        )
    return found


def aside(
    table: str,
    file: str | os.PathLike[str],
    row: int | None,
    column: str,
    value: object,
    problem: str,
    fix: str,
) -> dict:
    """One set-aside record (a row of ``data.set_aside``)."""
    return {
        "table": table,
        "file": str(file),
        "row": row,
        "column": column,
        "value": "" if value is None else str(value),
        "problem": problem,
        "fix": fix,
    }


def finite_number(token: str) -> float | None:
    """The value of a number written in a text file, or None when it is not a finite number."""
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class CellProblems:
    """Problems with single cells or lines of a text file, raised or set aside.

    With ``errors="raise"`` the first problem raises a SchemaError naming the file, line, the
    place in the file (``where``, e.g. "matrix 'money', row 3 'EDUC', column 5 'MAYR'"), the
    value and the fix; with ``errors="collect"`` each problem becomes one set-aside record
    (``row`` = the file line) and reading goes on.
    """

    def __init__(self, errors: str, file: str | os.PathLike[str], table: str, *, func: str):
        from lsmnet._validation import check_option

        check_option(errors, ("raise", "collect"), "errors", func)
        self.errors, self.file, self.table = errors, str(file), table
        self.records: list[dict] = []

    def report(
        self,
        line: int,
        column: str,
        value: object,
        problem: str,
        fix: str,
        *,
        where: str = "",
        table: str | None = None,
    ) -> None:
        """Raise (``errors="raise"``) or set aside one problem at `line` of the file."""
        from lsmnet._problems import schema_error

        table = table or self.table
        if self.errors == "raise":
            place = f" ({where})" if where else ""
            raise schema_error(
                f"{self.file}, line {line}{place}: {problem}. Fix: {fix}, or pass "
                "errors='collect' to set such cells aside and read the rest.",
                table=table,
                file=self.file,
                row=line,
                column=column,
                value=value,
                problem=problem,
                fix=fix,
            )
        problem = f"{where}: {problem}" if where else problem
        self.records.append(aside(table, self.file, line, column, value, problem, fix))

    def not_a_number(
        self,
        line: int,
        column: str,
        token: str,
        *,
        where: str = "",
        fix: str = "write a number (0 for no tie)",
    ) -> None:
        """Report a matrix cell or edge value that is not a number."""
        self.report(line, column, token, f"value {token!r} is not a number", fix, where=where)


def aside_frame(records: Iterable[dict] | pd.DataFrame) -> pd.DataFrame:
    """Set-aside records (dicts or a DataFrame) as the documented ``set_aside`` table."""
    if isinstance(records, pd.DataFrame):
        frame = records.reindex(columns=PROBLEM_COLUMNS)
    else:
        frame = pd.DataFrame(list(records), columns=PROBLEM_COLUMNS)
    frame = frame.astype(object).reset_index(drop=True)
    frame["row"] = pd.array(frame["row"].tolist(), dtype="Int64")
    return frame


def org_frame(ids: Iterable[object], names: Iterable[object], **columns: object) -> pd.DataFrame:
    """An organisations table from parallel lists (further columns by keyword)."""
    return pd.DataFrame({"org_id": list(ids), "name": list(names), **columns})


def name_mapping(
    labels: Iterable[object],
    *,
    match: bool,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None,
) -> tuple[dict[str, str], pd.DataFrame | None]:
    """Canonical label per raw label (identity unless `match` or `aliases`) and the report."""
    from lsmnet.io.names import match_names

    labels = [v for v in labels if isinstance(v, str) and v]
    if not match and aliases is None:
        return {v: v for v in labels}, None
    if match:
        return match_names(labels, aliases=aliases)
    mapping, report = match_names(labels, aliases=aliases, legal_forms=())
    # aliases only: do not merge spellings that merely normalise alike
    keep = report["rule"] != "alias"
    for name in report.loc[keep, "name"]:
        mapping[name] = name
    report.loc[keep, "canonical"] = report.loc[keep, "name"]
    report.loc[keep, "rule"] = "unchanged"
    return mapping, report


def finish(
    *,
    file: str | os.PathLike[str],
    importer: str,
    options: dict,
    rows_read: int,
    set_aside: Iterable[dict] | pd.DataFrame,
    layers: Sequence[str] | None = None,
    unit: str = "rows",
    blank_rows: int = 0,
    extra_meta: dict | None = None,
    collect: dict | None = None,
    **tables: object,
) -> NetworkData:
    """Validate the tables with ``from_frames`` and attach provenance and the set-aside rows.

    ``rows_read`` counts the non-blank source units; each record of ``set_aside`` is one unit
    not used. ``collect`` maps a table to the :class:`~lsmnet._problems.Origin` of its rows
    when that table is one row per source unit: it is then validated in ``errors="collect"``
    mode and the rows the validator rejects are set aside too (with file and row).
    """
    from lsmnet.model import RowsSetAsideWarning, _from_frames

    kwargs = {
        t: tables.get(t) for t in ("organizations", "coalitions", "memberships", "ties", "ratings")
    }
    for key in ("scale", "items"):
        if tables.get(key) is not None:
            kwargs[key] = tables[key]
    declared = [lay for lay in (layers or ()) if lay is not None]
    common = {"layers": declared or None, "source": str(file), "origins": collect}
    try:
        data = _from_frames(**kwargs, **common)
    except SchemaError:
        if not collect:
            raise
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RowsSetAsideWarning)
            data = _from_frames(**kwargs, **common, errors="collect")
    if collect and len(data.set_aside):
        wrong = set(data.set_aside["table"]) - set(collect)
        if wrong:  # pragma: no cover - tables built by the importer must be valid
            raise RuntimeError(f"{importer}: derived tables {wrong} failed validation.")
    set_aside = pd.concat([aside_frame(set_aside), aside_frame(data.set_aside)])
    set_aside = aside_frame(set_aside.sort_values(["file", "row"], kind="stable"))
    n_aside = len(set_aside)
    accounting = {
        "unit": unit,
        "read": int(rows_read),
        "used": int(rows_read) - n_aside,
        "set_aside": n_aside,
        "blank": int(blank_rows),
    }
    provenance = {
        "file": str(file),
        "importer": importer,
        "options": dict(options),
        "rows": accounting,
    }
    data.meta.update(
        provenance=provenance,
        rows=accounting,
        importer=importer,
        accounting=accounting_text(accounting),
        **(extra_meta or {}),
    )
    data.set_aside = set_aside
    if n_aside:
        warnings.warn(
            f"{Path(str(file)).name}: {accounting_text(accounting)}; see data.set_aside for "
            "each unused row and why.",
            RowsSetAsideWarning,
            stacklevel=_caller_level(),
        )
    return data


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside lsmnet."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("lsmnet."):
        frame, level = frame.f_back, level + 1
    return level


def accounting_text(rows: dict) -> str:
    """One line of row accounting, e.g. ``"12 rows read = 10 used + 2 set aside"``."""
    text = (
        f"{rows.get('read', 0)} {rows.get('unit', 'rows')} read = {rows.get('used', 0)} used + "
        f"{rows.get('set_aside', 0)} set aside"
    )
    if rows.get("blank"):
        text += f" ({rows['blank']} blank rows skipped)"
    return text


def parse_xml(path: str | os.PathLike[str], *, func: str) -> tuple[Element, dict[Element, int]]:
    """Parse an XML file with element line numbers and without namespaces.

    Returns the root element and a dict element -> line of its start tag. Tags and attribute
    names lose their namespace (``{http://www.irs.gov/efile}EIN`` -> ``EIN``). Entity
    declarations are refused (no lsmnet input needs them; they are how XML bombs work).
    Malformed or truncated XML raises a SchemaError naming the file, line and column.
    """
    from xml.etree.ElementTree import TreeBuilder
    from xml.parsers import expat

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{func}: {path} does not exist or is not a file.")
    builder, lines = TreeBuilder(), {}
    parser = expat.ParserCreate(namespace_separator=" ")

    def local(name):
        return name.rsplit(" ", 1)[-1]

    def start(name, attrs):
        element = builder.start(local(name), {local(k): v for k, v in attrs.items()})
        lines[element] = parser.CurrentLineNumber

    def refuse(*_args):
        raise SchemaError(
            f"{path.name}, line {parser.CurrentLineNumber}: the file declares XML entities, "
            "which lsmnet does not read. Fix: export the file again without a DTD."
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(local(name))
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse
    try:
        with path.open("rb") as handle:
            parser.ParseFile(handle)
    except expat.ExpatError as err:
        raise SchemaError(
            f"{path.name}, line {err.lineno}, column {err.offset + 1}: not well-formed XML "
            f"({expat.ErrorString(err.code)}). Fix: the file may be truncated or damaged; "
            "download or export it again."
        ) from err
    return builder.close(), lines


def xml_text(element: Element | None, *paths: str) -> str | None:
    """Stripped text of the first of `paths` (ElementTree paths) found under `element`."""
    if element is None:
        return None
    for p in paths:
        found = element.find(p)
        if found is not None and found.text and found.text.strip():
            return " ".join(found.text.split())
    return None
