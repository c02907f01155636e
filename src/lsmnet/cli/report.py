"""The ``lsmnet report`` command: write the HTML report and the Excel workbook.

``register(subparsers)`` adds the sub-command to lsmnet's argparse parser; the handler is stored
as the ``func`` default and returns the exit status. Both files are written into a temporary
folder and moved into ``--out`` only when both are complete; neither may replace an input (for
example ``lsmnet report FOLDER/report.xlsx --out FOLDER``) nor, without ``--force``, an
existing file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lsmnet._i18n import text
from lsmnet.cli._common import (
    DEFAULT_EXAMPLE,
    TABLE_INPUTS,
    Outputs,
    add_data_options,
    add_lang,
    add_thresholds,
    at_value,
    cli_text,
    echo,
    load_data,
    report_set_aside,
    safe,
)

__all__ = ["register", "run"]

FORMATS = ("html", "xlsx")


def register(subparsers) -> argparse.ArgumentParser:
    """Add ``lsmnet report`` to ``subparsers`` (from ``ArgumentParser.add_subparsers()``).

    Parameters
    ----------
    subparsers : argparse._SubParsersAction

    Returns
    -------
    argparse.ArgumentParser
        The sub-command's parser; ``args.func(args)`` runs it and returns the exit status.

    Examples
    --------
    >>> import argparse
    >>> from lsmnet.cli.report import register
    >>> parser = argparse.ArgumentParser(prog="lsmnet")
    >>> _ = register(parser.add_subparsers())
    >>> args = parser.parse_args(["report", "--example", "--lang", "id"])
    >>> args.example, args.out, args.lang, args.format, args.errors, args.jobs
    ('indonesia_demo', 'report', 'id', 'html,xlsx', 'raise', 1)
    """
    parser = subparsers.add_parser(
        "report",
        help="write the coalition health report (HTML and Excel)",
        description=(
            "Write DIR/report.html (one self-contained file: open it in any browser, print "
            "it, send it) and DIR/report.xlsx (sortable tables) for a dataset (PATH is read "
            f"with lsmnet.read; --example without NAME uses {DEFAULT_EXAMPLE})."
        ),
    )
    add_data_options(parser)
    parser.add_argument(
        "--out", default="report", metavar="DIR", help="output folder (default: report)"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace report files already in DIR (never inputs)"
    )
    add_lang(parser)
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar (by default one is shown while the report is computed, when "
        "the command runs in a terminal)",
    )
    parser.add_argument("--coalition", metavar="ID", help="report on this coalition only")
    parser.add_argument(
        "--format",
        default="html,xlsx",
        help="comma-separated output formats among html, xlsx (default: both)",
    )
    parser.add_argument(
        "--at",
        type=at_value,
        metavar="YEAR",
        help="snapshot: only memberships and ties active in this year (or on YYYY-MM-DD)",
    )
    add_thresholds(parser, "; the report lists every changed one")
    parser.add_argument(
        "--jobs",
        type=jobs_value,
        default=1,
        metavar="N",
        help="processes for the costly steps (null models, path measures): -1 for all cores "
        "(default: 1); the report is the same for every N (lsmnet.report(..., n_jobs=N))",
    )
    parser.set_defaults(func=run, _parser=parser)
    return parser


def jobs_value(value: str) -> int:
    """The ``type`` of ``--jobs``: a non-zero whole number (``-1`` all cores, ``-2`` all but
    one), as ``n_jobs`` of :func:`lsmnet.report` takes.

    Parameters
    ----------
    value : str
        The text given after ``--jobs``.

    Returns
    -------
    int
        The number of jobs.

    Raises
    ------
    argparse.ArgumentTypeError
        If ``value`` is not a whole number or is 0 (argparse turns it into a usage error).

    Examples
    --------
    >>> jobs_value("2"), jobs_value("-1")
    (2, -1)
    >>> jobs_value("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a positive whole number, or -1 for all cores. Got '0'.
    """
    text = value.strip()
    digits = text.removeprefix("-")
    if digits.isascii() and digits.isdigit() and int(digits) != 0:
        return int(text)
    raise argparse.ArgumentTypeError(
        cli_text("usage.jobs", "en", value=repr(safe(value))).removeprefix("argument --jobs: ")
    )


def _formats(value: str, parser) -> list[str]:
    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        parser.error(
            f"argument --format: must be a comma-separated list of {', '.join(FORMATS)}. "
            f"Got {value!r}."
        )
    return list(dict.fromkeys(chosen))


def run(args) -> int:
    """Run ``lsmnet report`` with parsed ``args``; return the exit status."""
    parser = args._parser
    formats = _formats(args.format, parser)
    if (args.path is None) == (args.example is None):
        parser.error("give either PATH or --example [NAME], not both or neither.")
    names = [f"report.{f}" for f in formats]
    outputs = Outputs(args, TABLE_INPUTS)
    outputs.check_folder(args.out, names)
    data = load_data(args)
    from lsmnet.reporting.core import report

    result = report(
        data,
        coalition=args.coalition,
        lang=args.lang,
        at=args.at,
        thresholds=args.thresholds.thresholds if args.thresholds is not None else None,
        progress=False if args.quiet else None,
        n_jobs=args.jobs,
    )
    report_set_aside("report", data, args.lang)
    with outputs.folder(args.out, names) as temp:
        if "html" in formats:
            result.to_html(temp / "report.html")
        if "xlsx" in formats:
            result.to_excel(temp / "report.xlsx")
    for name in names:
        echo(text("cli.written", args.lang, path=str(Path(args.out) / name)))
    return 0
