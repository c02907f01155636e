"""Vectorised parsers that turn raw columns into their schema dtypes, reporting bad cells.

Each cell parser takes a pandas Series (text read from a file, or whatever a user's DataFrame
holds) and returns the parsed Series plus a boolean mask of the cells that could not be parsed,
so that every bad cell is reported at once without a Python loop per row. :func:`parse_table`
applies them to a whole table and records one problem per bad cell.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import re

import numpy as np
import pandas as pd

from lsmnet._i18n import catalogue
from lsmnet._problems import suggest
from lsmnet._schema import FALSE_WORDS, TABLES, TRUE_WORDS, value_for

STRING = pd.StringDtype()  # missing values are <NA>


def raw_text(s: pd.Series) -> pd.Series:
    """Return each cell as it should be shown in a message ('' for a missing cell)."""
    if s.dtype == object:
        out = s.map(lambda v: "" if _isna(v) else str(v), na_action=None)
    else:
        out = s.astype(STRING).fillna("")
    return out.astype(object)


def _isna(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):  # list-likes are never missing
        return False


def text(s: pd.Series) -> pd.Series:
    """Parse free text: strip surrounding whitespace; empty cells become ``<NA>``.

    Line breaks inside a cell are stored as ``\\n`` (``\\r\\n`` and ``\\r`` are converted), the
    form spreadsheet files keep.

    Examples
    --------
    >>> text(pd.Series([" Yayasan Ābadi ", "", None, 12])).tolist()
    ['Yayasan Ābadi', <NA>, <NA>, '12']
    """
    cells = [_clean(v) for v in s.to_numpy(object)]
    return pd.Series(pd.array(cells, dtype=STRING), index=s.index)


def _clean(v):
    if isinstance(v, str):
        v = v.strip()
        if "\r" in v:  # one line-break convention inside cells, as spreadsheets keep them
            v = v.replace("\r\n", "\n").replace("\r", "\n")
        return v or None
    if _isna(v):
        return None
    return str(v).strip() or None


def choice(s: pd.Series, choices, *, field: str | None = None) -> tuple[pd.Series, pd.Series]:
    """Parse a vocabulary column, matching case-insensitively; return (values, bad mask).

    Values are returned spelt as in ``choices``; unknown values become ``<NA>``. With
    ``field`` (``"type"``, ``"kind"``, ``"role"`` or ``"layer"``), the English and Indonesian
    spellings of ``locale/schema.json`` are accepted too (``lsm`` -> ``ngo``, ``ketua`` ->
    ``chair``, ``advokasi`` -> ``advocacy``), as ``ya``/``tidak`` are for booleans.

    Examples
    --------
    >>> values, bad = choice(pd.Series(["NGO", "club", None]), ("ngo", "cbo"))
    >>> values.tolist(), bad.tolist()
    (['ngo', <NA>, <NA>], [False, True, False])
    >>> choice(pd.Series(["LSM", "Ormas"]), ("ngo", "cbo"), field="type")[0].tolist()
    ['ngo', 'cbo']
    """
    given = text(s)
    values = given.where(given.isin(list(choices)))
    rest = (given.notna() & values.isna()).to_numpy(bool)
    if rest.any():
        canon = {c.lower(): c for c in choices}
        values[rest] = given[rest].str.lower().map(canon).astype(STRING)
    rest = (given.notna() & values.isna()).to_numpy(bool)
    if field is not None and rest.any():
        allowed = set(choices)
        words = {v: value_for(field, v) for v in pd.unique(given[rest])}
        words = {k: v for k, v in words.items() if v in allowed}
        values[rest] = given[rest].map(words).astype(STRING)
    bad = given.notna() & values.isna()
    return values.astype(STRING), pd.Series(bad.to_numpy(bool), index=s.index)


def multi(s: pd.Series) -> pd.Series:
    """Parse a multi-valued column into tuples of stripped strings (``()`` when empty).

    Strings are split on ``|``; lists and tuples are taken element by element.

    Examples
    --------
    >>> multi(pd.Series(["hak asasi | lingkungan", None, ["a", " b"]])).tolist()
    [('hak asasi', 'lingkungan'), (), ('a', 'b')]
    """

    def one(v):
        if isinstance(v, str):
            parts = v.split("|")
        elif isinstance(v, (list, tuple, set, frozenset, np.ndarray, pd.Series)):
            parts = [p for item in v for p in str(item).split("|")]
        elif _isna(v):
            return ()
        else:
            parts = str(v).split("|")
        return tuple(p.strip() for p in parts if p.strip())

    return pd.Series([one(v) for v in s], index=s.index, dtype=object)


def number(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse numbers; return (float64 values with NaN, mask of non-numeric or non-finite cells).

    Examples
    --------
    >>> values, bad = number(pd.Series(["1.5", "", "x", "inf", 2]))
    >>> values.tolist()[:2], bad.tolist()
    ([1.5, nan], [False, False, True, True, False])
    """
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        values = s.astype("float64")
        present = values.notna()
    else:
        t = text(s)
        present = t.notna()
        values = pd.to_numeric(t, errors="coerce").astype("float64")
    finite = np.isfinite(values.to_numpy(float, na_value=np.nan))
    bad = present.to_numpy(bool) & ~finite
    values = values.where(finite, np.nan)
    return values, pd.Series(bad, index=s.index)


def year(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse whole numbers into ``Int64``; return (values, bad mask).

    Examples
    --------
    >>> values, bad = year(pd.Series(["1998", "", "1998.5", "abc"]))
    >>> values.tolist(), bad.tolist()
    ([1998, <NA>, <NA>, <NA>], [False, False, True, True])
    """
    values, bad = number(s)
    frac = values.notna() & ((values != np.floor(values)) | (values.abs() >= 2**53))
    bad = bad | frac
    return values.where(~frac, np.nan).astype("Int64"), bad


def boolean(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse true/false/yes/no/ya/tidak/1/0 (any case) into ``boolean``; return (values, bad).

    Examples
    --------
    >>> values, bad = boolean(pd.Series(["Ya", "tidak", "", "maybe", 1]))
    >>> values.tolist(), bad.tolist()
    ([True, False, <NA>, <NA>, True], [False, False, False, True, False])
    """
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("boolean"), pd.Series(False, index=s.index)
    if pd.api.types.is_numeric_dtype(s.dtype):
        values = s.astype("float64")
        bad = values.notna() & ~values.isin([0.0, 1.0])
        return values.where(~bad).eq(1.0).astype("boolean").mask(values.isna() | bad), bad
    t = text(s.map(_bool_word) if s.dtype == object else s).str.lower()
    truthy, falsy = t.isin(TRUE_WORDS), t.isin(FALSE_WORDS)
    bad = (t.notna() & ~truthy & ~falsy).to_numpy(bool)
    values = pd.Series(pd.NA, index=s.index, dtype="boolean")
    values[truthy.to_numpy(bool)] = True
    values[falsy.to_numpy(bool)] = False
    return values, pd.Series(bad, index=s.index)


def _bool_word(v):
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, float, np.integer, np.floating)) and not _isna(v) and v in (0, 1):
        return str(int(v))
    return v


#: Whether ``dd/mm/yyyy``-style dates are read day first (set by ``from_frames(dayfirst=)``).
DAYFIRST: contextvars.ContextVar[bool] = contextvars.ContextVar("dayfirst", default=True)

_NUMERIC = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")
_NAMED = re.compile(r"^(?:(\d{1,2})[\s.-]+)?([^\W\d_]+)\.?[\s.,-]+(\d{4})$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # Excel's day 0 (it counts 1900 as a leap year)


@functools.cache
def _month_names() -> dict:
    names = catalogue("schema")["months"]
    return {name: int(month) for month, spellings in names.items() for name in spellings}


_FIRST, _LAST = pd.Timestamp("1678-01-01"), pd.Timestamp("2262-01-01")


def _day(y, m, d):
    """The day, or None when it does not exist or lies outside the datetime64[ns] range."""
    try:
        day = pd.Timestamp(year=y, month=m, day=d)
    except (ValueError, OverflowError):
        return None
    return day if _FIRST < day < _LAST else None


def _typed(v: str, dayfirst: bool, end: bool):
    """Parse one non-ISO date; return (Timestamp or None, True when only the other order fits)."""
    hit = _NUMERIC.match(v)
    if hit:
        a, b, c = (int(x) for x in hit.groups())
        if len(hit.group(1)) == 4:  # yyyy/mm/dd
            return _day(a, b, c), False
        if len(hit.group(3)) != 4:
            return None, False
        first, other = ((a, b), (b, a)) if dayfirst else ((b, a), (a, b))
        found = _day(c, first[1], first[0])
        if found is None:
            return None, _day(c, other[1], other[0]) is not None
        return found, False
    hit = _NAMED.match(v)
    if hit:
        month = _month_names().get(hit.group(2).casefold())
        if month is None:
            return None, False
        year = int(hit.group(3))
        if hit.group(1) is None:  # "Maret 2019": the month
            day = _day(year, month, 1)
            if day is None:
                return None, False
            return (day + pd.offsets.MonthEnd(0) if end else day), False
        return _day(year, month, int(hit.group(1))), False
    if _SERIAL.match(v):  # 5 digits: 1927-05-18 to 2173-10-14
        return _EXCEL_EPOCH + pd.Timedelta(days=int(float(v))), False
    return None, False


def date(s: pd.Series, *, end: bool = False, dayfirst: bool | None = None):
    """Parse dates in the forms people type; return (values, bad mask).

    Accepted: ISO 8601 (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, optional time), ``dd/mm/yyyy``,
    ``dd-mm-yyyy`` and ``dd.mm.yyyy`` (day first unless ``dayfirst=False``), ``yyyy/mm/dd``,
    ``15 Maret 2019``, ``15 Mar 2019`` and ``Maret 2019`` (Indonesian or English month names),
    Excel date serial numbers (5 digits, e.g. ``43539``) and datetime cells.

    A bare year or year-month in an ``end`` column means the last day of that period, so that
    ``end=2020`` keeps a membership active throughout 2020. A UTC offset (``Z``, ``+07:00``) is
    dropped and the local time kept, as it is for timezone-aware datetime columns.

    Parameters
    ----------
    s : pandas.Series
    end : bool, default False
        Whether the column is an end date.
    dayfirst : bool, optional
        Order of ``01/02/2020``; default: :data:`DAYFIRST` (True unless ``from_frames`` was
        given ``dayfirst=False``).

    Returns
    -------
    (pandas.Series, pandas.Series)
        ``datetime64[ns]`` values (NaT when empty or bad) and the mask of unparseable cells
        (:func:`dates` also tells which are valid only in the other day/month order).

    Examples
    --------
    >>> values, bad = date(
    ...     pd.Series(["2020-03-01", "2021", "01/02/2020", "15 Maret 2019", "02/13/2022", ""]),
    ...     end=True)
    >>> [str(v.date()) if pd.notna(v) else None for v in values]
    ['2020-03-01', '2021-12-31', '2020-02-01', '2019-03-15', None, None]
    >>> bad.tolist()
    [False, False, False, False, True, False]
    """
    values, bad, _order = dates(s, end=end, dayfirst=dayfirst)
    return values, bad


def dates(s: pd.Series, *, end: bool = False, dayfirst: bool | None = None):
    """Like :func:`date`, plus the mask of the cells valid only in the other day/month order.

    Examples
    --------
    >>> _, bad, order = dates(pd.Series(["13/02/2022", "02/13/2022", "31/31/2022"]))
    >>> bad.tolist(), order.tolist()
    ([False, True, True], [False, True, False])
    """
    none = pd.Series(False, index=s.index)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        values = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) else s
        fits = (values.isna() | ((values > _FIRST) & (values < _LAST))).to_numpy(bool)
        bad = pd.Series(~fits, index=s.index)  # e.g. datetime64[s] cells outside 1678-2261
        return values.where(fits).astype("datetime64[ns]"), bad, none.copy()
    dayfirst = DAYFIRST.get() if dayfirst is None else dayfirst
    if s.dtype == object:  # datetime cells of a DataFrame read from Excel by pandas
        s = s.map(lambda v: v.isoformat() if isinstance(v, (dt.date, pd.Timestamp)) else v)
    t = text(s)
    # keep the wall-clock time of a timestamp with a UTC offset (dates are local here)
    wall = t.str.replace(
        r"^(.*[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}(?::?\d{2})?)$",
        r"\1",
        regex=True,
    )
    iso = t.str.match(r"\d{4}(?:$|-)").fillna(False).to_numpy(bool)
    values = pd.to_datetime(wall.where(iso), format="ISO8601", errors="coerce")
    # a date must lie inside the datetime64[ns] range (1678-2261)
    fits = ((values > _FIRST) & (values < _LAST)).to_numpy(bool)
    values = values.where(fits).astype("datetime64[ns]")
    if end:
        lengths = t.str.len().fillna(0).to_numpy(int)
        is_year, is_month = iso & (lengths == 4), iso & (lengths <= 7) & (lengths > 4)
        values[is_year] = values[is_year] + pd.offsets.YearEnd(0)
        values[is_month] = values[is_month] + pd.offsets.MonthEnd(0)
    order = np.zeros(len(t), bool)
    rest = np.flatnonzero(t.notna().to_numpy(bool) & ~iso)
    if len(rest):
        parsed = {v: _typed(v, dayfirst, end) for v in pd.unique(t.iloc[rest])}
        found = [parsed[v] for v in t.iloc[rest]]
        values.iloc[rest] = pd.to_datetime([f[0] for f in found]).astype("datetime64[ns]")
        order[rest] = [f[1] for f in found]
    bad = t.notna().to_numpy(bool) & values.isna().to_numpy(bool)
    return values, pd.Series(bad, index=s.index), pd.Series(order & bad, index=s.index)


def has_control(values: pd.Series) -> np.ndarray:
    r"""Mask of the text cells holding a control character other than tab and line breaks.

    Such characters are invisible, and .xlsx files cannot store them.

    Examples
    --------
    >>> has_control(pd.Series(["ok", "a\x0bb", "tab\tand\nline", None])).tolist()
    [False, True, False, False]
    """
    found = values.astype(object).map(lambda v: isinstance(v, str) and bool(_CONTROL.search(v)))
    return found.to_numpy(bool)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_PROBLEM = (
    "the text holds an invisible control character",
    "delete the character (spreadsheets cannot store it); the value shows it as \\xNN",
)
_AMOUNT_FIX = (
    "enter a number of 0 or more with a dot as decimal separator and no thousands separator "
    "(e.g. 1500000.5), or leave the cell empty"
)
_DATE_FIX = (
    "write the date as dd/mm/yyyy (e.g. 15/03/2021), YYYY-MM-DD, '15 Maret 2021' or a year, "
    "or leave it empty"
)


@functools.cache
def _number_words() -> dict:
    words = catalogue("schema")["number_words"]
    return {w: int(n) for n, spellings in words.items() for w in spellings}


def _number_fix(value: str) -> str:
    """The fix for a number cell; a number written as a word gets its digits suggested."""
    digits = _number_words().get(value.strip().casefold())
    if digits is None:
        return _AMOUNT_FIX
    return f"write the number in digits ({digits} instead of {value!r})"


_ORDER_FIX = "if the whole column is written the other way round, {hint}; else correct the date"
_BOOL_FIX = "write true/false (also accepted: yes/no, ya/tidak, 1/0), or leave it empty"


def parse_table(table, df, origin, problems, *, scale, layers, items) -> pd.DataFrame:
    """Parse every column of one table into its dtype, reporting each cell that fails.

    ``problems`` (a :class:`lsmnet._problems.Problems`) receives one record per bad cell.
    """

    def flag(column, raw, mask, problem, fix):
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            pos = np.flatnonzero(mask)
            values = raw_text(raw.iloc[pos])
            fixes = [fix(v) for v in values] if callable(fix) else fix
            problems.add(table, origin, pos, column, values.to_numpy(), problem, fixes)

    out = {}
    n = len(df)
    for col in TABLES[table]:
        if col.name not in df.columns:
            out[col.name] = _empty(col, n)
            continue
        s = df[col.name].reset_index(drop=True)
        out[col.name] = _parse_column(col, s, layers, functools.partial(flag, col.name, s))
    if table == "ratings":
        lo, hi = scale
        for item in items:
            if item not in df.columns:
                out[item] = pd.Series(np.nan, index=range(n), dtype="float64")
                continue
            s = df[item].reset_index(drop=True)
            values, bad = number(s)
            fix = f"enter a number from {lo} to {hi}, or leave it empty if not answered"
            flag(item, s, bad, f"rating {item!r} is not a number", fix)
            out_of = values.notna() & ((values < lo) | (values > hi))
            problem = f"rating {item!r} is outside the scale {lo}-{hi}"
            flag(item, s, out_of, problem, f"{fix} (or pass scale= for another scale)")
            out[item] = values.where(~out_of, np.nan)
    else:
        schema = {c.name for c in TABLES[table]}
        for extra in [c for c in df.columns if c not in schema]:
            s = df[extra].reset_index(drop=True)
            out[extra] = text(s)
            flag(extra, s, has_control(out[extra]), *_CONTROL_PROBLEM)
    frame = pd.DataFrame(out, index=pd.RangeIndex(n))
    if table == "ties":
        missing = frame["directed"].isna().to_numpy(bool)
        directed = frame["directed"].fillna(False).astype(bool)
        directed[missing] = (frame["layer"] == "funding").fillna(False).to_numpy(bool)[missing]
        frame["directed"] = directed
    return frame


def _empty(col, n):
    idx = pd.RangeIndex(n)
    if col.kind == "multi":
        return pd.Series([()] * n, index=idx, dtype=object)
    if col.kind == "amount":
        fill = np.nan if col.default is None else col.default
        return pd.Series(fill, index=idx, dtype="float64")
    if col.kind == "year":
        return pd.Series(pd.NA, index=idx, dtype="Int64")
    if col.kind == "bool":
        return pd.Series(pd.NA, index=idx, dtype="boolean")
    if col.kind == "date":
        return pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]")
    return pd.Series(col.default if col.default else pd.NA, index=idx, dtype=STRING)


def _parse_column(col, s, layers, flag):
    """Parse one schema column; ``flag(mask, problem, fix)`` reports its bad cells."""
    name, kind = col.name, col.kind
    if kind in ("id", "text"):
        values = text(s)
        if kind == "id":
            flag(values.isna(), f"{name} is empty", f"fill in the {name}, or delete the row")
        flag(has_control(values), *_CONTROL_PROBLEM)
        return values
    if kind in ("choice", "layer"):
        options = col.choices if kind == "choice" else layers
        values, bad = choice(s, options, field=name)
        listed = ", ".join(options)
        if kind == "choice":
            flag(
                bad,
                f"unknown {name} value",
                lambda v: f"use one of {listed}{suggest(v.lower(), options)}, or leave it empty",
            )
            return values.fillna(col.default) if col.default else values
        flag(
            bad,
            "unknown layer",
            lambda v: (
                f"use one of {listed}{suggest(v, options)}, or "
                f"declare the new layer with layers=[{v!r}]"
            ),
        )
        flag(values.isna() & ~bad, "layer is empty", f"fill in the layer ({listed})")
        return values
    if kind == "multi":
        values = multi(s)
        flag(has_control(values.map("|".join)), *_CONTROL_PROBLEM)
        return values
    if kind == "year":
        values, bad = year(s)
        flag(bad, f"{name} is not a whole number", "enter a year such as 1998, or leave it empty")
        return values
    if kind == "amount":
        values, bad = number(s)
        flag(bad, f"{name} is not a number", _number_fix)
        negative = (values < 0).to_numpy(bool)
        flag(negative, f"{name} is negative", _AMOUNT_FIX)
        values = values.where(~negative, np.nan)
        return values.fillna(col.default) if col.default is not None else values
    if kind == "bool":
        values, bad = boolean(s)
        flag(bad, f"{name} is not true or false", _BOOL_FIX)
        return values
    values, bad, order = dates(s, end=name in ("end", "dissolved"))  # the last kind: "date"
    flag(bad & ~order, f"{name} is not a date", _DATE_FIX)
    if DAYFIRST.get():
        problem = f"{name} is not a valid day-first date (it reads as month first)"
        fix = _ORDER_FIX.format(hint="pass dayfirst=False")
    else:
        problem = f"{name} is not a valid month-first date (it reads as day first)"
        fix = _ORDER_FIX.format(hint="leave out dayfirst=False")
    flag(order, problem, fix)
    return values
