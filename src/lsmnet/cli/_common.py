"""Helpers shared by every ``lsmnet`` command: options, reading data, problems, printing and
writing (the last two from :mod:`lsmnet.cli._text` and :mod:`lsmnet.cli._outputs`, re-exported
here so that a command imports its helpers from one place).

- **Text.** :func:`cli_text` looks up the command line's own strings in
  ``lsmnet/locale/cli.json`` (English and Bahasa Indonesia); :func:`safe` escapes control
  characters and terminal escape sequences in any text that comes from data; :func:`echo` and
  :func:`complain` are the only ways a command prints, and they escape every line they print.
- **Reading.** :func:`add_data_options` gives a command ``PATH``/``--example``, ``--columns``,
  ``--month-first``, ``--aliases``, ``--layer`` and ``--errors``; :func:`load_data` reads them
  the same way for every command; :func:`problem_lines` groups a problems table into one line
  per problem kind per column, with command-line hints.
- **Writing.** :class:`Outputs` refuses output paths that are inputs or that already exist
  (unless ``--force``, which never applies to inputs) and writes files and folders under a
  temporary name, renamed into place only when complete.
"""

from __future__ import annotations

import argparse
import inspect
import re
import warnings
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from lsmnet._i18n import LANGS
from lsmnet.cli._outputs import INPUT_SUFFIXES, TABLE_INPUTS, Outputs, input_paths
from lsmnet.cli._text import UsageError, cli_text, complain, echo, safe
from lsmnet.exceptions import LsmnetError
from lsmnet.io.template import forms_text

__all__ = [
    "DEFAULT_EXAMPLE",
    "INPUT_SUFFIXES",
    "TABLES",
    "TABLE_INPUTS",
    "Outputs",
    "UsageError",
    "add_data_options",
    "add_lang",
    "add_output_options",
    "add_thresholds",
    "at_value",
    "cli_hint",
    "cli_text",
    "complain",
    "echo",
    "input_paths",
    "load_data",
    "problem_counts",
    "problem_lines",
    "report_set_aside",
    "safe",
    "thresholds_file",
    "usage_problem",
]

#: The bundled dataset used by ``--example`` without a name.
DEFAULT_EXAMPLE = "indonesia_demo"
#: The tables of the CSV layout, in the order they are counted and written.
TABLES = ("organizations", "coalitions", "memberships", "ties", "ratings")
#: How many rows (and values) a grouped problem line shows before "... (N in all)".
SHOWN_ROWS = 5
#: How many problem kinds are printed before "... and N more kinds".
SHOWN_KINDS = 20


# -- options -------------------------------------------------------------------------------
def add_lang(parser) -> None:
    """Add ``--lang en|id`` to a command's parser."""
    parser.add_argument(
        "--lang", choices=LANGS, default="en", help="language of messages and texts (en, id)"
    )


def add_data_options(parser, *, example: bool = True, errors: bool = True) -> None:
    """Add the options every command that reads a dataset shares.

    ``PATH`` (a folder of CSV files or an .xlsx workbook), ``--example [NAME]`` (when
    ``example``), ``--columns FILE``, ``--month-first``, ``--aliases FILE``, ``--layer NAME``
    and, when ``errors``,
    ``--errors raise|collect``.
    """
    if example:
        parser.add_argument(
            "path", metavar="PATH", nargs="?", help="folder of CSV files or .xlsx workbook"
        )
        parser.add_argument(
            "--example",
            nargs="?",
            const=DEFAULT_EXAMPLE,
            metavar="NAME",
            help=f"a bundled dataset instead of PATH (default {DEFAULT_EXAMPLE}; "
            "lsmnet.datasets.list_datasets() lists them)",
        )
    else:
        parser.add_argument("path", metavar="PATH", help="folder of CSV files or .xlsx workbook")
    parser.add_argument(
        "--columns",
        metavar="FILE",
        help="a mapping of your headers to lsmnet's columns: CSV with columns source,target "
        "or TOML (passed as lsmnet.read(PATH, columns=FILE))",
    )
    parser.add_argument(
        "--month-first",
        action="store_true",
        help="read dates such as 01/02/2022 as month/day/year (default: day first)",
    )
    parser.add_argument(
        "--aliases",
        metavar="FILE",
        help="alias table CSV (columns alias,canonical) merging organisations entered twice "
        "(passed as lsmnet.read(PATH, aliases=FILE))",
    )
    parser.add_argument(
        "--duplicates",
        choices=("error", "sum", "max", "first"),
        default="error",
        help="repeated ties (same pair and layer): a problem (error, default), or combined "
        "by summing, taking the largest weight or keeping the first (as lsmnet.read(..., "
        "duplicates=))",
    )
    parser.add_argument(
        "--layer",
        action="append",
        metavar="NAME",
        help="declare an extra tie layer (repeatable)",
    )
    if errors:
        parser.add_argument(
            "--errors",
            choices=("raise", "collect"),
            default="raise",
            help="raise: stop at any problem in the data (default); collect: set the rows with "
            "problems aside, list them and analyse the rest (as lsmnet.read(..., errors=))",
        )


def at_value(value: str):
    """The ``type`` of ``--at``: a year 1000-9999 (int) or an ISO date ``YYYY-MM-DD`` (str).

    Examples
    --------
    >>> at_value("2021"), at_value("2021-06-30")
    (2021, '2021-06-30')
    >>> at_value("²")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a year (1000-9999) or a date YYYY-MM-DD. Got '²'.
    """
    text = value.strip()
    if re.fullmatch(r"[0-9]{4}", text, flags=re.ASCII) and int(text) >= 1000:
        return int(text)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text, flags=re.ASCII) and int(text[:4]) >= 1000:
        try:
            pd.Timestamp(text)
        except ValueError:
            pass
        else:
            return text
    raise argparse.ArgumentTypeError(
        cli_text("usage.at", "en", value=repr(safe(value))).removeprefix("argument --at: ")
    )


class Thresholds(NamedTuple):
    """A ``--thresholds FILE`` option: the file and the thresholds read from it."""

    path: Path
    thresholds: object


def thresholds_file(value: str):
    """The ``type`` of a ``--thresholds FILE`` option: the file read by
    :meth:`lsmnet.RiskThresholds.from_file`, its problems turned into a usage error (exit 2).

    Returns
    -------
    Thresholds
        ``(path, thresholds)``.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="lsmnet flags", exit_on_error=False)
    >>> _ = parser.add_argument("--thresholds", type=thresholds_file)
    >>> parser.parse_args(["--thresholds", "limits.yaml"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    argparse.ArgumentError: argument --thresholds: ...must name a .json or .toml file...
    """
    from lsmnet.risk.thresholds import RiskThresholds

    try:
        return Thresholds(Path(value), RiskThresholds.from_file(value))
    except LsmnetError as err:
        raise argparse.ArgumentTypeError(str(err)) from err
    except OSError as err:
        raise argparse.ArgumentTypeError(f"cannot read {value}: {err.strerror}.") from err
    except (ValueError, RecursionError, MemoryError) as err:
        raise argparse.ArgumentTypeError(
            f"cannot read {value}: {type(err).__name__}: {err}."
        ) from err


def add_thresholds(parser, extra: str = "") -> None:
    """Add ``--thresholds FILE`` (read with :func:`thresholds_file`)."""
    parser.add_argument(
        "--thresholds",
        type=thresholds_file,
        metavar="FILE",
        help="flag thresholds from a .toml or .json file of field = value pairs (fields left "
        f"out keep their defaults{extra}); `lsmnet flags --thresholds-template FILE` writes "
        "one to start from",
    )


# -- reading -------------------------------------------------------------------------------
def _source_label(args) -> str:
    parts = []
    if getattr(args, "path", None) is not None:
        parts.append(repr(args.path))
    if getattr(args, "example", None) is not None:
        parts.append(f"--example {args.example}")
    return " and ".join(parts) or cli_text("usage.nothing", args.lang)


def load_data(args, *, errors: str | None = None):
    """Read the dataset a command was given: ``PATH`` or ``--example [NAME]``.

    ``PATH`` is read with ``lsmnet.read(PATH, columns=, errors=, aliases=, layers=,
    dayfirst=)`` from ``--columns``, ``--errors`` (or ``errors``), ``--aliases``, ``--layer``
    and ``--month-first``; set-aside
    rows are not warned about here (the command lists them, see :func:`report_set_aside`).

    Raises
    ------
    UsageError
        If neither or both of PATH and ``--example`` are given, or ``--month-first`` is given
        to a version of :func:`lsmnet.read` without ``dayfirst``.
    """
    path, example = getattr(args, "path", None), getattr(args, "example", None)
    if (path is None) == (example is None):
        raise UsageError(cli_text("usage.path_or_example", args.lang, got=_source_label(args)))
    if example is not None:
        from lsmnet.datasets import load_dataset

        return load_dataset(example)
    from lsmnet.io.tables import read
    from lsmnet.model import RowsSetAsideWarning

    options = {"errors": errors or getattr(args, "errors", "raise")}
    if getattr(args, "columns", None) is not None:
        options["columns"] = args.columns
    if getattr(args, "aliases", None) is not None:
        options["aliases"] = args.aliases
    if getattr(args, "layer", None):
        options["layers"] = args.layer
    if getattr(args, "duplicates", "error") != "error":
        options["duplicates"] = args.duplicates
    if getattr(args, "month_first", False):
        if "dayfirst" not in inspect.signature(read).parameters:
            raise UsageError(cli_text("usage.month_first_missing", args.lang))
        options["dayfirst"] = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsSetAsideWarning)  # listed by the command
        return read(path, **options)


# -- problems ------------------------------------------------------------------------------
#: Hints written for Python callers -> the command-line option that does the same.
_CLI_HINTS = (
    (re.compile(r"errors\s*=\s*['\"]collect['\"]"), "--errors collect"),
    (re.compile(r"\b(columns|aliases)\s*=\s*\{[^}]*\}"), r"--\1 FILE"),
    (re.compile(r"\b(columns|aliases)\s*=(?:\s*FILE\b)?"), r"--\1 FILE"),
    (re.compile(r"\bdayfirst\s*=\s*False\b"), "--month-first"),
    (re.compile(r"\bduplicates\s*=\s*['\"](\w+)['\"]"), r"--duplicates \1"),
    (re.compile(r"\blayers\s*=\s*\[([^\]]*)\]"), r"--layer \1"),
    (re.compile(r"\bitems\s*=\s*\{[^}]*\}"), "trust_items/value_items rows in the meta table"),
    (re.compile(r"\bscale\s*=(?!\w)"), "scale_low/scale_high rows in the meta table"),
    (re.compile(r"\s*\(see \.set_aside\)"), ""),
)


def cli_hint(fix: str) -> str:
    """A fix written for Python (``columns=``, ``errors='collect'``) in command-line terms.

    Examples
    --------
    >>> cli_hint("map your header to it with columns=")
    'map your header to it with --columns FILE'
    >>> cli_hint("declare the new layer with layers=['mentoring']")
    "declare the new layer with --layer 'mentoring'"
    """
    for pattern, replacement in _CLI_HINTS:
        fix = pattern.sub(replacement, fix)
    return fix


def _shown(values, lang: str) -> str:
    values = list(values)
    head = ", ".join(str(v) for v in values[:SHOWN_ROWS])
    if len(values) > SHOWN_ROWS:
        return cli_text("problems.and_more", lang, shown=head, n=len(values))
    return head


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value) == ""


def problem_lines(
    problems: pd.DataFrame, lang: str, *, set_aside: bool, limit: int = SHOWN_KINDS
) -> tuple[str, list[str]]:
    """A head line and one indented line per problem kind per column: where, what, how many
    rows (the first few listed with their values) and the fix, hints naming command-line
    options (``--columns FILE``, ``--errors collect``, ``--month-first``).

    Uses ``lsmnet._problems.problem_report(problems, lang=, audience="cli")`` when the loader
    provides it, else groups the ``table, file, row, column, value, problem, fix`` table here.

    Parameters
    ----------
    problems : pandas.DataFrame
        ``SchemaError.problems`` or ``NetworkData.set_aside``.
    lang : {"en", "id"}
    set_aside : bool
        Whether the rows were set aside and the rest analysed (``--errors collect``) or
        nothing was loaded.
    limit : int
        At most this many kinds are listed; a last line counts the others.

    Returns
    -------
    (str, list of str)

    Examples
    --------
    >>> import pandas as pd
    >>> problems = pd.DataFrame({"table": "ties", "file": "ties.csv", "row": [3, 5],
    ...     "column": "target", "value": ["ZZZ", "YYY"], "problem": "unknown organisation",
    ...     "fix": "add it to organizations.csv"})
    >>> head, lines = problem_lines(problems, "en", set_aside=True)
    >>> len(lines), "ties.csv" in lines[0] and "target" in lines[0] and "ZZZ" in lines[0]
    (1, True)
    """
    from lsmnet import _problems

    report = getattr(_problems, "problem_report", None)
    if report is not None:
        found = report(problems, lang=lang, audience="cli", max_kinds=limit, set_aside=set_aside)
        return cli_hint(found[0]), ["  " + cli_hint(line) for line in found[1:]]
    n, rows = problem_counts(problems)
    key = "problems.set_aside" if set_aside else "problems.raised"
    return cli_text(key, lang, n=n, rows=rows), _grouped(problems, lang, limit)


def _grouped(problems: pd.DataFrame, lang: str, limit: int) -> list[str]:
    if problems.empty:
        return []
    frame = problems.astype(object).where(problems.notna(), "")
    frame["_where"] = [
        str(f) if not _blank(f) else str(t)
        for f, t in zip(frame["file"], frame["table"], strict=True)
    ]
    lines = []
    groups = frame.groupby(["_where", "column", "problem"], sort=False, dropna=False)
    for (where, column, problem), rows in groups:
        place = where + (f", {cli_text('problems.column', lang, column=column)}" if column else "")
        numbers = [int(r) for r in rows["row"] if not _blank(r)]
        if not numbers:
            at = ""
        elif len(numbers) == 1:
            key = "problems.header_row" if numbers[0] == 1 else "problems.one_row"
            at = cli_text(key, lang, row=numbers[0])
        else:
            at = cli_text("problems.many_rows", lang, n=len(numbers), rows=_shown(numbers, lang))
        values = [repr(str(v)) for v in dict.fromkeys(rows["value"]) if not _blank(v)]
        if len(values) == 1:
            shown = cli_text("problems.one_value", lang, value=values[0])
        elif values:
            shown = cli_text("problems.many_values", lang, values=_shown(values, lang))
        else:
            shown = ""
        if not at:
            shown = shown.removeprefix(", ")
        fixes = [str(f) for f in dict.fromkeys(rows["fix"]) if not _blank(f)]
        fix = cli_text("problems.fix", lang, fix=cli_hint(fixes[0])) if fixes else ""
        lines.append(
            cli_text(
                "problems.line", lang, where=place, problem=problem, rows=at, values=shown, fix=fix
            ).replace(" ()", "")
        )
    if len(lines) > limit:
        lines = [*lines[:limit], cli_text("problems.more_kinds", lang, n=len(lines) - limit)]
    return lines


def problem_counts(problems: pd.DataFrame) -> tuple[int, int]:
    """(number of problems, number of distinct rows with a problem)."""
    return len(problems), len(problems[["table", "row"]].drop_duplicates())


def report_set_aside(command: str, data, lang: str) -> None:
    """Print the rows set aside by ``--errors collect`` to stderr (nothing when none were)."""
    aside = getattr(data, "set_aside", None)
    if aside is None or aside.empty:
        return
    head, lines = problem_lines(aside, lang, set_aside=True)
    complain(command, "warning", head, lines)


# -- one .xlsx output (template, survey-form) ---------------------------------------------
def add_output_options(parser, *, metavar: str, what: str) -> None:
    """Add ``--out``, ``--lang en|id`` and ``--force`` for a command writing one .xlsx file."""
    parser.add_argument("--out", required=True, metavar=metavar, help=f"the .xlsx {what} to write")
    parser.add_argument("--lang", choices=LANGS, default="en", help=f"language of the {what}")
    parser.add_argument("--force", action="store_true", help=f"replace {metavar} if it exists")


def usage_problem(out, *, force: bool, lang: str, inputs=()) -> str | None:
    """The usage error of an output path, in ``lang``, or None when it may be written.

    Examples
    --------
    >>> usage_problem("koalisi.csv", force=False, lang="en")
    "--out must end in .xlsx. Got 'koalisi.csv'."
    """
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        return forms_text("cli.not_xlsx", lang, path=str(out))
    for source in inputs:
        if path.resolve() == Path(source).resolve():
            return forms_text("cli.is_input", lang, path=out)
    if path.is_dir():
        return forms_text("cli.is_folder", lang, path=out)
    if path.exists() and not force:
        return forms_text("cli.exists", lang, path=out)
    return None
