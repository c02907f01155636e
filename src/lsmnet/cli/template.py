"""``lsmnet template --out FILE [--lang id] [--force]``: write a blank data-entry workbook.

Registered by :mod:`lsmnet.cli` through :func:`register`. Exit codes: 0 written; 2 a usage
error (FILE exists without ``--force``, or does not end in .xlsx).
"""

from __future__ import annotations

import sys
from pathlib import Path

from lsmnet._i18n import LANGS
from lsmnet.io.template import forms_text, write_template

__all__ = ["add_output_options", "register", "usage_problem"]


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


def run(args) -> int:
    """Run ``lsmnet template``; return the exit code."""
    problem = usage_problem(args.out, force=args.force, lang=args.lang)
    if problem:
        print(f"lsmnet template: error: {problem}", file=sys.stderr)
        return 2
    path = write_template(args.out, lang=args.lang, overwrite=args.force)
    print(forms_text("cli.written", args.lang, path=path))
    print(forms_text("cli.template_next", args.lang, path=path))
    return 0
