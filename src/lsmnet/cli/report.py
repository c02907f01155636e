"""The ``lsmnet report`` command: write the HTML report and the Excel workbook.

``register(subparsers)`` adds the sub-command to lsmnet's argparse parser; the handler is stored
as the ``func`` default and returns the exit status.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lsmnet.cli.flags import thresholds_file
from lsmnet.exceptions import LsmnetError
from lsmnet.reporting.labels import LANGS, text

FORMATS = ("html", "xlsx")
DEFAULT_EXAMPLE = "indonesia_demo"


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
    >>> args.example, args.out, args.lang, args.format
    ('indonesia_demo', 'report', 'id', 'html,xlsx')
    """
    parser = subparsers.add_parser(
        "report",
        help="write the coalition health report (HTML and Excel)",
        description=(
            "Write DIR/report.html (one self-contained file: open it in any browser, print "
            "it, send it) and DIR/report.xlsx (sortable tables) for a dataset."
        ),
    )
    parser.add_argument(
        "path", nargs="?", help="a folder of CSV files or an .xlsx workbook (see lsmnet.read)"
    )
    parser.add_argument(
        "--example",
        nargs="?",
        const=DEFAULT_EXAMPLE,
        metavar="NAME",
        help=f"use a bundled dataset instead of PATH (default: {DEFAULT_EXAMPLE})",
    )
    parser.add_argument(
        "--out", default="report", metavar="DIR", help="output folder (default: report)"
    )
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of the report")
    parser.add_argument("--coalition", metavar="ID", help="report on this coalition only")
    parser.add_argument(
        "--format",
        default="html,xlsx",
        help="comma-separated output formats among html, xlsx (default: both)",
    )
    parser.add_argument(
        "--at", metavar="YEAR", help="snapshot: only memberships and ties active in this year"
    )
    parser.add_argument(
        "--thresholds",
        type=thresholds_file,
        metavar="FILE",
        help="flag thresholds from a .toml or .json file of field = value pairs (fields left "
        "out keep their defaults; the report lists every changed one). "
        "`lsmnet flags --thresholds-template FILE` writes one to start from",
    )
    parser.set_defaults(func=run, _parser=parser)
    return parser


def _formats(value: str, parser) -> list[str]:
    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        parser.error(
            f"argument --format: must be a comma-separated list of {', '.join(FORMATS)}. "
            f"Got {value!r}."
        )
    return list(dict.fromkeys(chosen))


def _at(value):
    if value is None:
        return None
    return int(value) if value.strip().isdigit() else value


def run(args) -> int:
    """Run ``lsmnet report`` with parsed ``args``; return the exit status."""
    parser = args._parser
    formats = _formats(args.format, parser)
    if (args.path is None) == (args.example is None):
        parser.error("give either PATH or --example [NAME], not both or neither.")
    try:
        if args.example is not None:
            from lsmnet.datasets import load_dataset

            data = load_dataset(args.example)
        else:
            from lsmnet.io.tables import read

            data = read(args.path)
        from lsmnet.reporting.core import report

        result = report(
            data,
            coalition=args.coalition,
            lang=args.lang,
            at=_at(args.at),
            thresholds=args.thresholds,
        )
        out = Path(args.out)
        written = []
        if "html" in formats:
            written.append(result.to_html(out / "report.html"))
        if "xlsx" in formats:
            written.append(result.to_excel(out / "report.xlsx"))
    except LsmnetError as err:
        print(f"lsmnet report: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(text("cli.written", args.lang, path=str(path)))
    return 0
