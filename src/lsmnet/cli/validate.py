"""``lsmnet validate PATH``: check a dataset and list every problem, grouped by kind."""

from __future__ import annotations

from lsmnet.cli._common import (
    TABLES,
    add_data_options,
    add_lang,
    cli_text,
    echo,
    load_data,
    problem_counts,
    problem_lines,
)

__all__ = ["register", "run"]


def table_counts(data, lang: str) -> str:
    """``"10 organizations, 2 coalitions, ..."`` in ``lang``."""
    return ", ".join(f"{len(getattr(data, t))} {cli_text(f'table.{t}', lang)}" for t in TABLES)


def run(args) -> int:
    """Run ``lsmnet validate``: exit 0 when the data is clean, 1 when it has problems."""
    # every problem in one pass: rows are always collected here, whatever --errors says
    data = load_data(args, errors="collect")
    problems = data.set_aside
    counts = table_counts(data, args.lang)
    if problems.empty:
        echo(cli_text("validate.clean", args.lang, path=args.path, counts=counts))
        return 0
    n, rows = problem_counts(problems)
    echo(cli_text("validate.found", args.lang, path=args.path, n=n, rows=rows, counts=counts))
    echo(problem_lines(problems, args.lang, set_aside=True)[1])
    return 1


def register(subparsers) -> None:
    """Add ``validate`` to the ``lsmnet`` parser (see :mod:`lsmnet.cli`)."""
    p = subparsers.add_parser(
        "validate",
        help="check a folder of CSV files or an .xlsx workbook and list every problem",
        description="Read PATH and list every problem: one line per kind of problem per "
        "column, with the file, the rows, the values and the fix. Exit code 0 when the data "
        "is clean, 1 when any row has a problem, 2 for a usage error. --errors is accepted "
        "for uniformity with the other commands: validate always lists every problem.",
    )
    add_data_options(p, example=False)
    add_lang(p)
    p.set_defaults(func=run)
