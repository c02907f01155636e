"""Render the report as one self-contained HTML file.

The page is a jinja2 template with autoescaping on, so every organisation, coalition and column
name is written as text. Styles and the small table-sorting script are inlined from
``static/``; images arrive as ``data:`` URIs; nothing is fetched from the network. A Content
Security Policy allows only the page's own script and style (by hash) and ``data:`` images, so
even a name that slipped through escaping could not run a script.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import numbers
from dataclasses import dataclass, field
from importlib import resources

import jinja2
import numpy as np
import pandas as pd
from markupsafe import Markup

from lsmnet.reporting.labels import label, text
from lsmnet.risk.catalog import format_number, message

TIMESTAMP_ID = "generated-at"
#: Text columns whose mean length exceeds these get a minimum width (sentences; names).
LONG_TEXT = 40
MID_TEXT = 15


@dataclass(frozen=True)
class Cell:
    """One table cell: display ``text``, numeric ``sort`` key, CSS class, secondary ``note``
    and, when it differs from the report's, the language of the text (e.g. a citation)."""

    text: str
    sort: str | None = None
    css: str = ""
    note: str = ""
    lang: str = ""


@dataclass(frozen=True)
class Column:
    """A table column: its translated ``label`` and whether it holds numbers."""

    label: str
    numeric: bool = False


@dataclass
class Table:
    """A table ready for the template (and for the browser's sort script).

    ``notices`` are shown above the table, highlighted (e.g. that some values are
    estimates); ``notes`` below it. A ``cards`` table shows each row as a card on a phone
    (each cell labelled with its column).
    """

    columns: list[Column]
    rows: list[list[Cell]]
    id: str = ""
    sortable: bool = False
    caption: str = ""
    notes: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    cards: bool = False


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isnan(value)


def format_value(value: object, lang: str, kind: str = "decimal") -> str:
    """A cell's text: numbers as readers of ``lang`` write them, booleans as yes/no, missing
    values as an en dash (:func:`lsmnet.risk.catalog.format_number` does the numbers).

    Examples
    --------
    >>> from lsmnet.reporting.html import format_value
    >>> format_value(1234.5, "id"), format_value(0.5, "en", "percent"), format_value(None, "en")
    ('1.234,50', '50%', '–')
    """
    if _missing(value):
        return "–"
    if isinstance(value, bool | np.bool_):
        return message("docs.yes" if value else "docs.no", lang)
    return format_number(float(value), lang, kind)


def sort_key(value: object) -> str | None:
    """The ``data-sort`` attribute of a numeric cell (None for missing values).

    Twelve significant digits: enough to order any two values a reader could tell apart, and
    insensitive to last-bit differences of iterative solvers, so that the page stays
    byte-identical for identical input.
    """
    if _missing(value) or isinstance(value, bool | np.bool_):
        return None
    return f"{float(value):.12g}"


def frame_table(
    frame: pd.DataFrame,
    lang: str,
    *,
    formats: dict | None = None,
    highlight_top: bool = False,
    table_id: str = "",
    sortable: bool = False,
    caption: str = "",
    text_lang: dict | None = None,
) -> Table:
    """Turn a DataFrame into a :class:`Table`, formatting numbers for ``lang``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns are shown in order, labelled by :func:`lsmnet.reporting.labels.label` (``col``).
    lang : {"en", "id"}
    formats : dict, optional
        Column -> ``"text"`` or a kind of :func:`lsmnet.risk.catalog.format_number`
        (``"decimal"``, ``"percent"``, ``"integer"``, ``"ratio"``, ``"signed"``). Numeric
        columns default to ``"decimal"`` (integer dtypes and float columns of whole numbers
        to ``"integer"``), the rest to text.
    highlight_top : bool, default False
        Mark cells at or above the column's 75th percentile (numeric columns with at least 4
        values and some spread) with the CSS class ``top``.
    table_id, caption : str
        HTML id and caption of the table.
    sortable : bool, default False
        Whether the browser may sort the rows by clicking a column heading.
    text_lang : dict, optional
        Column -> language of its text when it is not the report's (citations are in the
        language they were published in).

    Returns
    -------
    Table
    """
    formats = formats or {}
    columns, kinds, cutoffs = [], [], []
    for name in frame.columns:
        series = frame[name]
        kind = formats.get(name)
        if kind is None:
            if pd.api.types.is_bool_dtype(series):
                kind = "text"
            elif pd.api.types.is_integer_dtype(series) or whole_numbers(series):
                kind = "integer"
            elif pd.api.types.is_numeric_dtype(series):
                kind = "decimal"
            else:
                kind = "text"
        kinds.append(kind)
        numeric = kind != "text"
        columns.append(Column(label("col", name, lang), numeric))
        cutoff = None
        if highlight_top and numeric:
            values = pd.to_numeric(series, errors="coerce").astype(float).dropna()
            if len(values) >= 4 and values.max() > values.min():
                cutoff = float(values.quantile(0.75))
        cutoffs.append(cutoff)
    langs = [(text_lang or {}).get(name, "") for name in frame.columns]
    widths = [
        _width_class(frame[name]) if kind == "text" else ""
        for name, kind in zip(frame.columns, kinds, strict=True)
    ]
    rows = []
    for record in frame.itertuples(index=False, name=None):
        row = []
        cells = zip(record, kinds, cutoffs, langs, widths, strict=True)
        for value, kind, cutoff, cell_lang, width in cells:
            if kind == "text":
                row.append(Cell(_text_of(value, lang), css=width, lang=cell_lang))
                continue
            shown = format_value(value, lang, kind)
            top = cutoff is not None and not _missing(value) and float(value) >= cutoff
            row.append(Cell(shown, sort_key(value), "num top" if top else "num"))
        rows.append(row)
    return Table(columns, rows, id=table_id, sortable=sortable, caption=caption)


def whole_numbers(series: pd.Series) -> bool:
    """Whether a float column holds counts only (every value a whole number, some present),
    so that it is shown as "27", not "27.00".

    Examples
    --------
    >>> import pandas as pd
    >>> from lsmnet.reporting.html import whole_numbers
    >>> whole_numbers(pd.Series([27.0, None, 3.0])), whole_numbers(pd.Series([0.5, 2.0]))
    (True, False)
    """
    if not pd.api.types.is_float_dtype(series):
        return False
    values = series.dropna().to_numpy(dtype=float)
    return bool(len(values)) and bool(np.all(np.isfinite(values) & (values == np.round(values))))


def _width_class(series: pd.Series) -> str:
    """CSS class giving text columns room: "long" for sentences, "mid" for names."""
    mean = series.astype(object).map(lambda v: 0 if _missing(v) else len(str(v))).mean()
    return "long" if mean > LONG_TEXT else "mid" if mean > MID_TEXT else ""


def _text_of(value, lang: str) -> str:
    if _missing(value):
        return "–"
    if isinstance(value, bool | np.bool_):
        return format_value(value, lang)
    if isinstance(value, tuple | list | frozenset | set):
        return ", ".join(str(v) for v in value)
    return str(value)


def image_uri(data: bytes, mime: str) -> str:
    """A ``data:`` URI for image bytes (PNG or SVG)."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@functools.cache
def _static(name: str) -> str:
    return resources.files("lsmnet.reporting").joinpath("static", name).read_text(encoding="utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("lsmnet.reporting", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: The scripts inlined once per report, in order: the vendored map library, the maps, the
#: table sorting.
SCRIPTS = ("vendor/cytoscape.min.js", "netmap.js", "report.js")


def _inline_script(name: str) -> str:
    source = _static(name)
    # an inlined script must not be able to end its own element or open a comment
    if "</script" in source.lower() or "<!--" in source:
        raise RuntimeError(f"static/{name} cannot be inlined: it contains '</script' or '<!--'.")
    return source


def render(context: dict, *, lang: str) -> str:
    """Render the report template with ``context`` (see ``templates/report.html.j2``).

    Parameters
    ----------
    context : dict
        Everything the template shows; strings are escaped by the template.
    lang : {"en", "id"}
        Language of the labels the template looks up itself.

    Returns
    -------
    str
        The whole HTML document.
    """
    css = _static("report.css")
    scripts = [_inline_script(name) for name in SCRIPTS]
    hashes = " ".join(_csp_hash(js) for js in scripts)
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {hashes}; "
        "base-uri 'none'; form-action 'none'"
    )
    template = _environment().get_template("report.html.j2")
    return template.render(
        **context,
        lang=lang,
        _=lambda key, **fields: text(key, lang, **fields),
        css=Markup(css),
        scripts=[Markup(js) for js in scripts],
        csp=csp,
        timestamp_id=TIMESTAMP_ID,
    )
