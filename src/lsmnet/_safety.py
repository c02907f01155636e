"""Neutralise spreadsheet formula injection in exported cells, reversibly.

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a leading tab or carriage return) as a formula, so an organisation called
``=HYPERLINK("http://evil", "click")`` in a CSV export could run when a colleague opens it
(OWASP, "CSV Injection"). lsmnet writes such text cells with a leading apostrophe, which makes
them plain text, and removes that apostrophe again when it reads the file back, so that
exports round-trip exactly.

The rule is a bijection on strings: a value is prefixed with ``'`` when it starts with one of
the dangerous characters, or when it starts with ``'`` followed by a dangerous character or
another ``'`` (so that such a value is not mistaken for a neutralised one when read back).

References
----------
.. [1] OWASP Foundation, "CSV Injection",
   https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "DANGEROUS",
    "neutralize_cell",
    "neutralize_frame",
    "neutralize_series",
    "restore_cell",
    "restore_series",
]

#: First characters that make a spreadsheet cell a formula.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*DANGEROUS, "'")


def neutralize_cell(value):
    """Return ``value`` made safe to open in a spreadsheet; non-strings are returned as is.

    Parameters
    ----------
    value : object
        A cell value about to be written.

    Returns
    -------
    object
        ``"'" + value`` for strings that a spreadsheet would read as a formula (or that would
        otherwise be changed by :func:`restore_cell`), else ``value`` unchanged.

    Examples
    --------
    >>> neutralize_cell("=1+1")
    "'=1+1"
    >>> neutralize_cell("Yayasan Sejahtera")
    'Yayasan Sejahtera'
    >>> neutralize_cell("'=x")  # already starts like a neutralised cell: escaped again
    "''=x"
    >>> neutralize_cell(-3.5)
    -3.5
    """
    if (
        isinstance(value, str)
        and value
        and (value[0] in DANGEROUS or (value[0] == "'" and value[1:2] in _ESCAPED))
    ):
        return "'" + value
    return value


def restore_cell(value):
    """Undo :func:`neutralize_cell`: ``restore_cell(neutralize_cell(v)) == v`` for every v.

    Parameters
    ----------
    value : object
        A cell value read from a file.

    Returns
    -------
    object
        ``value`` without its leading apostrophe when that apostrophe is followed by a
        dangerous character or another apostrophe; anything else unchanged.

    Examples
    --------
    >>> restore_cell("'=1+1")
    '=1+1'
    >>> restore_cell("'s-Hertogenbosch")  # an apostrophe that protects nothing is kept
    "'s-Hertogenbosch"
    >>> all(restore_cell(neutralize_cell(v)) == v for v in ["=a", "'=a", "''", "-", "'"])
    True
    """
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in _ESCAPED:
        return value[1:]
    return value


def neutralize_series(s: pd.Series) -> pd.Series:
    """Vectorised :func:`neutralize_cell` for a column of strings (missing values kept).

    Examples
    --------
    >>> neutralize_series(pd.Series(["=cmd", "ok", None], dtype=object)).tolist()
    ["'=cmd", 'ok', None]
    """
    text = s.astype(object)
    is_str = text.map(lambda v: isinstance(v, str), na_action="ignore").fillna(False)
    first, second = text.str[:1], text.str[1:2]
    risky = first.isin(DANGEROUS) | ((first == "'") & second.isin(_ESCAPED))
    risky = risky.fillna(False).astype(bool) & is_str.astype(bool)
    return text.where(~risky, "'" + text.where(risky, ""))


def restore_series(s: pd.Series) -> pd.Series:
    """Vectorised :func:`restore_cell` for a column read from a file.

    Examples
    --------
    >>> restore_series(pd.Series(["'=cmd", "'s", None], dtype=object)).tolist()
    ['=cmd', "'s", None]
    """
    text = s.astype(object)
    marked = (text.str[:1] == "'") & text.str[1:2].isin(_ESCAPED)
    marked = marked.fillna(False).astype(bool)
    return text.where(~marked, text.str[1:])


def neutralize_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` whose column names and non-numeric cells are neutralised.

    For tables written to CSV or Excel that are not read back by lsmnet (risk registers,
    set-aside rows, Kumu sheets): numbers stay numbers, everything else goes through
    :func:`neutralize_cell`.

    Examples
    --------
    >>> import pandas as pd
    >>> out = neutralize_frame(pd.DataFrame({"=name": ["=1+1", "ok"], "n": [1, 2]}))
    >>> list(out.columns), out["'=name"].tolist()
    (["'=name", 'n'], ["'=1+1", 'ok'])
    """
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralize_cell)
    out.columns = [neutralize_cell(c) for c in out.columns]
    return out
