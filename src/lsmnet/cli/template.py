"""``lsmnet template --out FILE [--lang id] [--force]``: write a blank data-entry workbook.

Registered by :mod:`lsmnet.cli` through :func:`register`. Exit codes: 0 written; 2 a usage
error (FILE exists without ``--force``, or does not end in .xlsx).
"""

from __future__ import annotations

from lsmnet.cli._common import add_output_options, complain, echo, usage_problem
from lsmnet.io.template import forms_text, write_template

__all__ = ["register"]


def register(subparsers) -> None:
    """Add the ``template`` subcommand to the ``lsmnet`` parser.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The object returned by ``parser.add_subparsers()``.
    """
    p = subparsers.add_parser(
        "template",
        help="write a blank data-entry workbook (.xlsx) to fill in",
        description="Write a small blank Excel workbook in the chosen language: an "
        "instructions sheet, one sheet per table (organisations, coalitions, memberships, "
        "ties, ratings) with drop-down lists for types, roles, layers and the rating scale, "
        "and a few grey example rows marked CONTOH / EXAMPLE to delete. Never overwrites a "
        "file unless --force is given.",
    )
    add_output_options(p, metavar="FILE", what="workbook")
    p.set_defaults(func=run, _parser=p)


def run(args) -> int:
    """Run ``lsmnet template``; return the exit code."""
    problem = usage_problem(args.out, force=args.force, lang=args.lang)
    if problem:
        complain("template", "error", problem)
        return 2
    path = write_template(args.out, lang=args.lang, overwrite=args.force)
    echo(forms_text("cli.written", args.lang, path=path))
    echo(forms_text("cli.template_next", args.lang, path=path))
    return 0
