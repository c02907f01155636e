"""Problem records shared by the validator and the loaders.

A problem is one row of a table with columns ``table, file, row, column, value, problem, fix``
(the documented ``SchemaError.problems`` and ``NetworkData.set_aside`` tables). ``row`` is the
spreadsheet row: the header is row 1 and the first data row is row 2.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsmnet._i18n import catalogue, check_lang
from lsmnet._schema import TABLES
from lsmnet.exceptions import InvalidParameterError, SchemaError

PROBLEM_COLUMNS = ["table", "file", "row", "column", "value", "problem", "fix"]


@dataclass(frozen=True)
class Origin:
    """Where a raw table came from: its label in messages and the spreadsheet row of each row.

    ``positional`` marks DataFrames given to ``from_frames``: their messages also print the
    0-based position (row = position + 2, as if the frame had been saved with its header).
    """

    file: str
    rows: np.ndarray
    positional: bool = False


def frame_origin(table: str, n: int) -> Origin:
    """Origin of a DataFrame passed to ``from_frames`` (row = position + 2)."""
    return Origin(f"{table} (DataFrame)", np.arange(2, n + 2), positional=True)


def suggest(value, options) -> str:
    if not isinstance(value, str) or not value:
        return ""
    close = difflib.get_close_matches(value, [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def many(values, limit: int = 12) -> str:
    values = list(values)
    head = ", ".join(str(v) for v in values[:limit])
    return head + (f", ... ({len(values)} in all)" if len(values) > limit else "")


class Problems:
    """Accumulates problems as column arrays (cheap even for many problems)."""

    def __init__(self):
        self.parts: list[pd.DataFrame] = []

    def add(self, table, origin, pos, column, value, problem, fix, *, dependent=False):
        pos = np.asarray(pos, dtype=np.int64)
        if len(pos) == 0:
            return
        self.parts.append(
            pd.DataFrame(
                {
                    "table": table,
                    "file": origin.file,
                    "row": origin.rows[pos] if len(origin.rows) else 1,
                    "column": column,
                    "value": np.asarray(value, dtype=object),
                    "problem": problem,
                    "fix": fix,
                    "_pos": pos,
                    "_dependent": dependent,
                    "_positional": origin.positional,
                }
            )
        )

    def add_table(self, table, origin, column, value, problem, fix):
        """A problem with the table itself (its header row), not with one data row."""
        self.parts.append(
            pd.DataFrame(
                {
                    "table": [table],
                    "file": origin.file,
                    "row": 1,
                    "column": column,
                    "value": value,
                    "problem": problem,
                    "fix": fix,
                    "_pos": -1,
                    "_dependent": False,
                    "_positional": origin.positional,
                }
            )
        )

    def positions(self, table) -> np.ndarray:
        """Positions of the rows of ``table`` with a problem so far."""
        found = [p["_pos"].to_numpy() for p in self.parts if p["table"].iat[0] == table]
        found = np.concatenate(found) if found else np.zeros(0, np.int64)
        return found[found >= 0]

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            empty = {c: pd.Series(dtype=object) for c in PROBLEM_COLUMNS}
            empty |= {
                "_pos": pd.Series(dtype=np.int64),
                "_dependent": pd.Series(dtype=bool),
                "_positional": pd.Series(dtype=bool),
            }
            return pd.DataFrame(empty)
        order = {t: i for i, t in enumerate(TABLES)}
        df = pd.concat(self.parts, ignore_index=True)
        df["_t"] = df["table"].map(order)
        df = df.sort_values(["_t", "_pos"], kind="stable").drop(columns="_t")
        return df.reset_index(drop=True)


def public(problems: pd.DataFrame) -> pd.DataFrame:
    """The documented ``problems``/``set_aside`` table (columns table .. fix, row as Int64)."""
    out = problems[PROBLEM_COLUMNS].reset_index(drop=True).astype(object)
    out["row"] = pd.array(problems["row"].tolist(), dtype="Int64")
    return out


#: At most this many problems are spelt out one by one in a SchemaError message, after the
#: grouped report (all of them are in ``.problems``).
MAX_LISTED = 20


def message(problems: pd.DataFrame, origins: dict[str, Origin], duplicates=None) -> str:
    """The SchemaError message: the grouped :func:`problem_report`, then the first problems."""
    n = len(problems)
    lines = problem_report(problems, audience="python", duplicates=duplicates)
    lines += ["", "The first problems, one by one:" if n > MAX_LISTED else "Each problem:"]
    positional = {t for t, o in origins.items() if o.positional}
    for rec in problems.head(MAX_LISTED).itertuples(index=False):
        row = f"row {rec.row}"
        if rec.row == 1:
            row += " (header)"
        elif rec.table in positional:
            row += f" (position {rec.row - 2})"
        lines.append(
            f"- {rec.file}, {row}, column {rec.column!r}, value {rec.value!r}: "
            f"{rec.problem}. Fix: {rec.fix}."
        )
    if n > MAX_LISTED:
        lines.append(f"... and {n - MAX_LISTED} more; the exception's .problems lists them all.")
    return "\n".join(lines)


def schema_error(message, *, table="", file="", row=None, column="", value="", problem="", fix=""):
    """A SchemaError about a whole file or setting, with the usual one-row ``.problems``."""
    record = {
        "table": table,
        "file": file,
        "row": row,
        "column": column,
        "value": str(value),
        "problem": problem,
        "fix": fix,
    }
    problems = pd.DataFrame([record], columns=PROBLEM_COLUMNS).astype(object)
    problems["row"] = pd.array([row], dtype="Int64")
    return SchemaError(message, problems)


# -- the grouped problem report (issue 15) ----------------------------------------------------

#: Problem texts (as the validator writes them) -> kind of problem in ``locale/schema.json``.
_KINDS = (
    (re.compile(r"^required column .* is missing"), "missing_column"),
    (re.compile(r"^column .* appears more than once"), "duplicate_header"),
    (re.compile(r"^'.*' is not a rating item"), "not_item"),
    (re.compile(r"^layer is empty"), "empty_layer"),
    (re.compile(r"^\w+ is empty"), "empty_id"),
    (re.compile(r"^duplicate \w+: already used"), "duplicate_id"),
    (re.compile(r"^unknown layer"), "unknown_layer"),
    (re.compile(r"^unknown \w+ value"), "unknown_choice"),
    (re.compile(r"^rating .* is not a number"), "rating_not_number"),
    (re.compile(r"^rating .* is outside the scale (?P<scale>\S+)"), "rating_out_of_scale"),
    (re.compile(r"^\w+ is not a whole number"), "not_year"),
    (re.compile(r"^\w+ is not a number"), "not_number"),
    (re.compile(r"^\w+ is negative"), "negative"),
    (re.compile(r"^\w+ is not true or false"), "not_bool"),
    (re.compile(r"^\w+ is not a valid day-first date"), "date_order"),
    (re.compile(r"^\w+ is not a valid month-first date"), "date_order_mf"),
    (re.compile(r"^\w+ is not a date"), "not_date"),
    (re.compile(r"^end is before start"), "end_before_start"),
    (re.compile(r"^a tie from an organisation to itself"), "self_tie"),
    (re.compile(r"^a self-rating"), "self_rating"),
    (re.compile(r"^(exact duplicate|duplicate rating)"), "duplicate_row"),
    (re.compile(r"^unknown organisation"), "unknown_org"),
    (re.compile(r"^unknown coalition"), "unknown_coalition"),
    (re.compile(r"control character"), "control"),
    (re.compile(r"^refers to"), "depends"),
)
_TABLE_KINDS = ("missing_column", "duplicate_header", "not_item")
_WHOLE = " (the whole table was set aside)"
_MEANT = re.compile(r"\(did you mean '([^']*)'\?\)")
_ROWS_SHOWN = 3


def _kind(problem: str) -> tuple[str, dict]:
    for pattern, kind in _KINDS:
        hit = pattern.search(problem)
        if hit:
            return kind, hit.groupdict()
    return "other", {}


def _split(problems: pd.DataFrame) -> pd.DataFrame:
    """One row per problem: set-aside rows join several problems with '; '."""
    rows = []
    for rec in problems[PROBLEM_COLUMNS].itertuples(index=False):
        texts, fixes = str(rec.problem).split("; "), str(rec.fix).split("; ")
        cols = str(rec.column).split(", ")
        if len(texts) > 1 and len(texts) == len(cols) == len(fixes):
            values = str(rec.value).split(", ")
            if len(values) != len(texts):
                values = [rec.value] * len(texts)
            rows += [
                (rec.table, rec.file, rec.row, c, v, p, f)
                for c, v, p, f in zip(cols, values, texts, fixes, strict=True)
            ]
        else:
            rows.append(tuple(rec))
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def _hints(lang: str, audience: str) -> dict:
    cat = catalogue("schema")["problems"]
    names = ("collect", "columns", "month_first", "layers", "aliases", "where", "duplicates")
    return {n: cat[f"hint.{audience}.{n}"][lang] for n in names}


def problem_report(
    problems, *, lang="en", audience="python", max_kinds=None, duplicates=None, set_aside=False
) -> list[str]:
    """Group problems into one line per kind of problem per column, for people to read.

    Parameters
    ----------
    problems : pandas.DataFrame
        ``SchemaError.problems`` or ``NetworkData.set_aside`` (columns table, file, row,
        column, value, problem, fix; one row per problem or per row set aside).
    lang : {"en", "id"}, default "en"
        Language of the lines.
    audience : {"python", "cli"}, default "python"
        Whether fix hints name Python arguments (``columns=``, ``errors="collect"``,
        ``dayfirst=False``) or command-line options (``--columns FILE``, ``--errors collect``,
        ``--month-first``).
    max_kinds : int, optional
        Show at most this many kinds of problem (a last line counts the others).
    duplicates : pandas.DataFrame, optional
        Likely duplicate organisations (:func:`lsmnet.io.names.near_duplicates`), added as one
        line with the alias-table hint.
    set_aside : bool, default False
        Whether the rows were set aside and the rest loaded (``errors="collect"``); changes
        the head line only.

    Returns
    -------
    list of str
        A head line, then one line per (table, column, kind): the file, column, what is wrong,
        how many rows, the first rows with their values, and the fix. Problems with a table's
        header (a missing required column) are one line, not one per data row.

    Raises
    ------
    InvalidParameterError
        If ``lang``, ``audience`` or ``max_kinds`` is invalid.

    Examples
    --------
    >>> problems = pd.DataFrame({
    ...     "table": ["ties"] * 3, "file": ["ties.csv"] * 3, "row": [2, 3, 7],
    ...     "column": ["weight", "weight", "target"], "value": ["dua", "x", "a"],
    ...     "problem": ["weight is not a number"] * 2 + ["a tie from an organisation to itself"],
    ...     "fix": ["write a number"] * 2 + ["correct it"]})
    >>> for line in problem_report(problems, lang="id", audience="cli"):
    ...     print(line)  # doctest: +NORMALIZE_WHITESPACE
    Ditemukan 3 masalah (2 jenis) dalam data; tidak ada yang dimuat. Perbaiki setiap jenis di
    bawah, atau gunakan --errors collect untuk memuat baris yang benar dan menyisihkan yang lain.
    - ties.csv, kolom 'weight': bukan angka (2 baris): baris 2 'dua', baris 3 'x'. Perbaikan:
    tulis angka dengan digit dan titik sebagai pemisah desimal (mis. 2 atau 1.5): 2, bukan 'dua',
    atau kosongkan.
    - ties.csv, kolom 'target': kemitraan organisasi dengan dirinya sendiri (1 baris): baris 7
    'a'. Perbaikan: perbaiki salah satu dari dua organisasi, atau hapus baris.
    """
    func = "problem_report"
    check_lang(lang, func)
    if audience not in ("python", "cli"):
        raise InvalidParameterError(
            f"The 'audience' parameter of {func} must be one of 'python', 'cli'. Got {audience!r}."
        )
    if max_kinds is not None and (
        not isinstance(max_kinds, int) or isinstance(max_kinds, bool) or max_kinds < 1
    ):
        raise InvalidParameterError(
            f"The 'max_kinds' parameter of {func} must be None or an integer >= 1. "
            f"Got {max_kinds!r}."
        )
    cat = catalogue("schema")["problems"]
    hints = _hints(lang, audience)

    def say(key, **fields):
        return cat[key][lang].format(**fields)

    lines = []
    frame = _split(problems) if len(problems) else problems
    groups: dict = {}
    for rec in frame.itertuples(index=False):
        problem = str(rec.problem)
        whole = problem.endswith(_WHOLE)
        kind, fields = _kind(problem.removesuffix(_WHOLE))
        key = (rec.table, rec.file, rec.column, kind, "" if kind != "other" else problem)
        group = groups.setdefault(key, {"rows": [], "fields": fields, "whole": whole, "recs": []})
        group["recs"].append(rec)
        if not pd.isna(rec.row) and int(rec.row) > 1:
            group["rows"].append((int(rec.row), str(rec.value)))
    n = sum(1 if key[3] in _TABLE_KINDS else len(g["recs"]) for key, g in groups.items())
    head = "head.collect" if set_aside else "head.raise"
    if groups:
        lines.append(say(head, n=n, kinds=len(groups), collect=hints["collect"]))
    shown = list(groups.items())
    if max_kinds is not None:
        shown = shown[:max_kinds]
    for (table, file, column, kind, _), group in shown:
        first = group["recs"][0]
        fields = dict(group["fields"])
        meant = {m for r in group["recs"] for m in _MEANT.findall(str(r.fix))}
        suggestion = say("did_you_mean", value=meant.pop()) if len(meant) == 1 else ""
        words = _number_words(group["rows"], lambda **f: say("number_word", **f))
        fields.update(
            words=f": {words}" if words else "",
            problem=str(first.problem).removesuffix(_WHOLE),
            fix=str(first.fix),
            options=_options(table, column),
            suggestion=suggestion,
            scale=fields.get("scale", ""),
            columns=hints["columns"],
            layers=hints["layers"],
            month_first=hints["month_first"],
            duplicates=hints["duplicates"],
        )
        what = say(f"kind.{kind}", **fields)
        fix = say(f"fix.{kind}", **fields)
        if kind in _TABLE_KINDS or not group["rows"]:
            if group["whole"]:
                what += say("whole_table", count=len(group["rows"]))
            lines.append(say("line.table", file=file, column=column, problem=what, fix=fix))
            continue
        rows = group["rows"]
        listed = [say("row", row=r, value=repr(v)).strip() for r, v in rows[:_ROWS_SHOWN]]
        if len(rows) > _ROWS_SHOWN:
            listed.append(say("more", n=len(rows) - _ROWS_SHOWN))
        lines.append(
            say(
                "line",
                file=file,
                column=column,
                problem=what,
                count=len(rows),
                rows=", ".join(listed),
                fix=fix,
            )
        )
    if len(shown) < len(groups):
        lines.append(say("more_kinds", n=len(groups) - len(shown), where=hints["where"]))
    if duplicates is not None and len(duplicates):
        found = zip(duplicates["name"], duplicates["duplicate_of"], strict=True)
        pairs = "; ".join(f"'{a}' / '{b}'" for a, b in found)
        lines.append(
            say("near_duplicates", n=len(duplicates), pairs=pairs, aliases=hints["aliases"])
        )
    if not lines:
        lines.append(say("none"))
    return lines


def translated_problems(problems, *, lang="en", audience="python") -> pd.DataFrame:
    """``problems`` one row per problem, with ``problem`` and ``fix`` in ``lang``.

    The loader writes each set-aside row's problem and fix in English; this gives them in the
    reader's language with the same texts :func:`problem_report` groups (rows of a kind it does
    not know keep their English text).

    Parameters
    ----------
    problems : pandas.DataFrame
        A problems or set-aside table (columns table, file, row, column, value, problem, fix).
    lang : {"en", "id"}, default "en"
        Language of ``problem`` and ``fix``.
    audience : {"python", "cli"}, default "python"
        Whether fixes name Python arguments or command-line options.

    Returns
    -------
    pandas.DataFrame
        The same columns, one row per problem (a row set aside for two problems gives two).

    Examples
    --------
    >>> import pandas as pd
    >>> problems = pd.DataFrame({"table": ["ties"], "file": ["ties.csv"], "row": [2],
    ...     "column": ["weight"], "value": ["dua"], "problem": ["weight is not a number"],
    ...     "fix": ["write the number in digits (2 instead of 'dua')"]})
    >>> translated_problems(problems, lang="id")["problem"].tolist()
    ['bukan angka']
    """
    check_lang(lang, "translated_problems")
    cat = catalogue("schema")["problems"]
    hints = _hints(lang, audience)

    def say(key, **fields):
        return cat[key][lang].format(**fields)

    frame = _split(problems) if len(problems) else problems.copy()
    texts, fixes = [], []
    for rec in frame.itertuples(index=False):
        problem = str(rec.problem).removesuffix(_WHOLE)
        kind, fields = _kind(problem)
        if kind == "other":
            texts.append(str(rec.problem))
            fixes.append(str(rec.fix))
            continue
        meant = _MEANT.findall(str(rec.fix))
        fields = dict(fields)
        fields.update(
            words="",
            problem=problem,
            fix=str(rec.fix),
            options=_options(rec.table, rec.column),
            suggestion=say("did_you_mean", value=meant[0]) if meant else "",
            scale=fields.get("scale", ""),
            columns=hints["columns"],
            layers=hints["layers"],
            month_first=hints["month_first"],
            duplicates=hints["duplicates"],
        )
        try:
            texts.append(say(f"kind.{kind}", **fields))
            fixes.append(say(f"fix.{kind}", **fields))
        except (KeyError, IndexError):  # a text needing a field this row lacks: keep English
            texts.append(str(rec.problem))
            fixes.append(str(rec.fix))
    out = frame.reset_index(drop=True).copy()
    out["problem"], out["fix"] = texts, fixes
    return out


def _number_words(rows, say) -> str:
    """``2 instead of 'dua'`` for the cells of a group that hold a number written as a word."""
    spelled = catalogue("schema")["number_words"]
    digits = {w: n for n, words in spelled.items() for w in words}
    found = dict.fromkeys(v for _, v in rows if v.strip().casefold() in digits)
    return ", ".join(say(digits=digits[v.strip().casefold()], word=v) for v in found)


def _options(table: str, column: str) -> str:
    from lsmnet._schema import KNOWN_LAYERS, spec

    if table not in TABLES:
        return ""
    col = spec(table, column)
    if col is None:
        return ""
    return ", ".join(KNOWN_LAYERS if col.kind == "layer" else col.choices)
