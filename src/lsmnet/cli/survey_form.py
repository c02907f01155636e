"""``lsmnet survey-form --org-list FILE --out FORM.xlsx``: write a roster-survey XLSForm.

Registered by :mod:`lsmnet.cli` through :func:`register`. Exit codes: 0 written; 1 the
organisation list cannot be used (missing, empty, repeated codes); 2 a usage error (FORM
exists without ``--force``, is the list itself, or does not end in .xlsx).
"""

from __future__ import annotations

from lsmnet.cli._common import add_output_options, complain, echo, usage_problem
from lsmnet.io.template import forms_text
from lsmnet.io.xlsform import read_org_list, write_survey_form

__all__ = ["register"]


def register(subparsers) -> None:
    """Add the ``survey-form`` subcommand to the ``lsmnet`` parser.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The object returned by ``parser.add_subparsers()``.
    """
    p = subparsers.add_parser(
        "survey-form",
        help="write a roster-survey form (XLSForm) for KoboToolbox or ODK",
        description="Write an XLSForm for a roster survey of the organisations in FILE (CSV "
        "or .xlsx with a code column such as org_id, kode or 'ID Organisasi' and optionally a "
        "name column): who answers, and for each other member whether and how they work "
        "together (the tie layers) and the trust and value ratings (1-4). Upload it to "
        "KoboToolbox or ODK Central; read the export with "
        "lsmnet.io.xlsform.read_survey_export.",
    )
    p.add_argument("--org-list", required=True, metavar="FILE", help="the organisations to survey")
    p.add_argument("--title", metavar="TEXT", help="name of the network, shown in the title")
    add_output_options(p, metavar="FORM", what="form")
    p.set_defaults(func=run, _parser=p)


def run(args) -> int:
    """Run ``lsmnet survey-form``; return the exit code."""
    problem = usage_problem(args.out, force=args.force, lang=args.lang, inputs=[args.org_list])
    if problem:
        complain("survey-form", "error", problem)
        return 2
    organizations = read_org_list(args.org_list)
    path = write_survey_form(
        organizations, args.out, lang=args.lang, title=args.title, overwrite=args.force
    )
    echo(forms_text("cli.written", args.lang, path=path))
    echo(forms_text("cli.form_next", args.lang, n=len(organizations)))
    return 0
