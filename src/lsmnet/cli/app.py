"""Command-line interface: ``lsmnet validate``, ``lsmnet summary``, ``lsmnet example``.

Other parts of lsmnet add subcommands from their own modules: each module named in
:data:`_COMMAND_MODULES` exposes ``register(subparsers)``, which adds its subparser(s) with
``subparsers.add_parser(...)`` and sets ``func`` (a callable taking the parsed arguments and
returning an exit code) with ``parser.set_defaults(func=...)``. Errors raised as
:class:`~lsmnet.LsmnetError` (or ``OSError``) are printed to stderr without a traceback and
give exit code 1; usage errors give exit code 2. Warnings are printed to stderr as
``lsmnet COMMAND: warning: ...``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import warnings
from pathlib import Path

import pandas as pd

from lsmnet import __version__
from lsmnet.exceptions import InvalidParameterError, LsmnetError

__all__ = ["build_parser", "main"]

#: Modules that add subcommands; each defines ``register(subparsers)``.
_COMMAND_MODULES: tuple[str, ...] = (
    "lsmnet.cli.import_data",
    "lsmnet.cli.flags",
    "lsmnet.cli.report",
)

DEFAULT_EXAMPLE = "indonesia_demo"
TABLE_FILES = ("organizations", "coalitions", "memberships", "ties", "ratings", "meta")


# -- validate ------------------------------------------------------------------------------
def _read_collect(path: str, layers):
    from lsmnet.io.tables import read
    from lsmnet.model import RowsSetAsideWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsSetAsideWarning)
        return read(path, errors="collect", layers=layers or None)


def _problem_line(p) -> str:
    where = [str(p.file)] if pd.notna(p.file) and str(p.file) else [str(p.table)]
    if pd.notna(p.row):
        where.append(f"row {int(p.row)}")
    if pd.notna(p.column) and str(p.column):
        where.append(f"column {p.column}")
    value = "" if pd.isna(p.value) else f" (value: {str(p.value)!r})"
    fix = f" Fix: {p.fix}" if pd.notna(p.fix) and str(p.fix) else ""
    return f"  {', '.join(where)}: {p.problem}{value}.{fix}"


def _validate(args) -> int:
    data = _read_collect(args.path, args.layer)
    problems = data.set_aside
    counts = ", ".join(f"{len(getattr(data, t))} {t}" for t in TABLE_FILES[:-1])
    if problems.empty:
        print(f"{args.path}: no problems found ({counts}).")
        return 0
    n_rows = len(problems[["table", "row"]].drop_duplicates())
    print(
        f"{args.path}: {len(problems)} problem(s) in {n_rows} row(s); those rows were set "
        f"aside and the other rows kept ({counts})."
    )
    for p in problems.itertuples(index=False):
        print(_problem_line(p))
    return 1


# -- summary -------------------------------------------------------------------------------
def _counts(series: pd.Series, top: int = 8) -> str:
    counts = series.dropna().value_counts()
    shown = ", ".join(f"{k} {v}" for k, v in counts.head(top).items())
    more = f", ... ({len(counts) - top} more)" if len(counts) > top else ""
    return shown + more


def _date_range(*columns: pd.Series) -> str:
    dates = pd.concat([c.dropna() for c in columns]) if columns else pd.Series(dtype=float)
    if dates.empty:
        return "no dates"
    return f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"


def summary_text(data, title: str | None = None) -> str:
    """Plain-text description of what a :class:`~lsmnet.NetworkData` holds.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    title : str, optional
        First line; defaults to ``data.meta["source"]``.

    Returns
    -------
    str
        Counts per table, organisation types and provinces, each coalition with its size,
        tie layers, the date range and the survey response rate.

    Examples
    --------
    >>> from lsmnet.datasets import load_dataset
    >>> print(summary_text(load_dataset("knoke")))  # doctest: +ELLIPSIS
    Knoke bureaucracies ...
    Organisations: 10 (government 4, ngo 4, private 2)
    ...
    Ties: 71 in 2 layers
      funding        22  directed
      network        49  directed
    ...
    """
    orgs, coalitions = data.organizations, data.coalitions
    members, ties, ratings = data.memberships, data.ties, data.ratings
    lines = [title or data.meta.get("source") or data.meta.get("path") or "lsmnet data"]
    line = f"Organisations: {len(orgs)}"
    if orgs["type"].notna().any():
        line += f" ({_counts(orgs['type'])})"
    lines.append(line)
    if orgs["province"].notna().any():
        lines.append(f"  provinces: {orgs['province'].nunique()} ({_counts(orgs['province'])})")

    lines.append(f"Coalitions: {len(coalitions)}; memberships: {len(members)}")
    size = members.drop_duplicates(["org_id", "coalition_id"]).groupby("coalition_id").size()
    current = members[members["end"].isna()].drop_duplicates(["org_id", "coalition_id"])
    current_size = current.groupby("coalition_id").size()
    for c in coalitions.itertuples(index=False):
        name = "" if pd.isna(c.name) else f" {c.name}"
        kind = "" if pd.isna(c.kind) else f" ({c.kind})"
        n, now = int(size.get(c.coalition_id, 0)), int(current_size.get(c.coalition_id, 0))
        lines.append(f"  {c.coalition_id}{name}{kind}: {n} members ({now} with no end date)")

    lines.append(f"Ties: {len(ties)} in {ties['layer'].nunique()} layers")
    for layer, group in ties.groupby("layer", sort=True):
        directed = group["directed"].astype(bool)
        kind = (
            "directed"
            if directed.all()
            else "undirected"
            if not directed.any()
            else f"{int(directed.sum())} directed, {int((~directed).sum())} undirected"
        )
        amount = group["amount"].sum(min_count=1)
        money = "" if pd.isna(amount) else f", amounts total {amount:,.0f}"
        lines.append(f"  {layer:<12} {len(group):>4}  {kind}{money}")

    lines.append(
        "Dates: " + _date_range(members["start"], members["end"], ties["start"], ties["end"])
    )
    items = [c for c in ratings.columns if c not in ("rater", "ratee")]
    lo, hi = data.scale
    lines.append(
        f"Ratings: {len(ratings)} from {ratings['rater'].nunique()} raters on "
        f"{len(items)} items (scale {lo:g}-{hi:g})"
    )
    lines.extend(_response_lines(data))
    return "\n".join(lines)


def _response_lines(data) -> list[str]:
    flags = data.organizations.set_index("org_id")["respondent"]
    if flags.notna().sum() == 0:
        return ["Survey response: no respondent flags"]
    known = flags.dropna()
    n_yes = int(known.astype(bool).sum())
    out = [
        f"Survey response: {n_yes} of {len(known)} surveyed organisations answered "
        f"({n_yes / len(known):.0%})"
    ]
    members = data.memberships.drop_duplicates(["org_id", "coalition_id"])
    for cid, group in members.groupby("coalition_id", sort=True):
        answered = flags.reindex(group["org_id"])
        if answered.notna().sum() == len(group):
            yes = int(answered.astype(bool).sum())
            out.append(f"  {cid}: {yes} of {len(group)} members answered ({yes / len(group):.0%})")
    return out


def _summary(args) -> int:
    if args.example is not None and args.path is not None:
        raise InvalidParameterError(
            "lsmnet summary takes either a PATH or --example [NAME], not both. "
            f"Got {args.path!r} and --example {args.example!r}."
        )
    if args.example is not None:
        from lsmnet.datasets import load_dataset
        from lsmnet.datasets._registry import DATASETS

        data = load_dataset(args.example)
        title = f"{args.example}: {DATASETS[args.example].description}"
    elif args.path is not None:
        from lsmnet.io.tables import read

        data, title = read(args.path), None
    else:
        raise InvalidParameterError(
            "lsmnet summary needs a PATH (a folder of CSV files or an .xlsx workbook) or "
            "--example [NAME]. Got neither."
        )
    print(summary_text(data, title))
    return 0


# -- example -------------------------------------------------------------------------------
def _output_folder(out, *, force: bool) -> Path:
    """The ``--out`` folder for CSV tables; refuses a file, and existing CSV files unless
    ``force`` (shared with ``lsmnet import``)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InvalidParameterError(f"--out must be a folder. Got the file {str(out)!r}.")
    clash = sorted(p.name for p in out.glob("*.csv")) if out.is_dir() else []
    if clash and not force:
        raise InvalidParameterError(
            f"{out} already holds {', '.join(clash)}; choose an empty folder or pass --force "
            "to overwrite."
        )
    return out


def _example(args) -> int:
    from lsmnet.datasets import dataset_folder, load_dataset

    folder = dataset_folder(args.name)
    out = _output_folder(args.out, force=args.force)
    data = load_dataset(args.name)
    out.mkdir(parents=True, exist_ok=True)
    data.to_csv(out)
    shutil.copyfile(folder / "SOURCE.md", out / "SOURCE.md")
    written = sorted(p.name for p in out.iterdir())
    print(f"Wrote {args.name} to {out}: {', '.join(written)}")
    print(f"Edit the CSV files and check them with: lsmnet validate {out}")
    return 0


# -- parser --------------------------------------------------------------------------------
def _register_core(subparsers) -> None:
    p = subparsers.add_parser(
        "validate",
        help="check a folder of CSV files or an .xlsx workbook, row by row",
        description="Read PATH and list every problem with its file, row, column, value and "
        "fix. Exit code 1 if any row had to be set aside.",
    )
    p.add_argument("path", metavar="PATH", help="folder of CSV files or .xlsx workbook")
    p.add_argument(
        "--layer",
        action="append",
        metavar="NAME",
        help="declare an extra tie layer (repeatable)",
    )
    p.set_defaults(func=_validate)

    p = subparsers.add_parser(
        "summary",
        help="describe what a dataset holds",
        description="Counts, coalitions with their sizes, tie layers, date range and survey "
        "response rate of PATH or of a bundled example.",
    )
    p.add_argument("path", metavar="PATH", nargs="?", help="folder of CSV files or .xlsx")
    p.add_argument(
        "--example",
        nargs="?",
        const=DEFAULT_EXAMPLE,
        metavar="NAME",
        help=f"a bundled dataset instead of PATH (default {DEFAULT_EXAMPLE})",
    )
    p.set_defaults(func=_summary)

    p = subparsers.add_parser(
        "example",
        help="write a bundled dataset as editable CSV templates",
        description="Write the CSV tables and SOURCE.md of a bundled dataset into DIR.",
    )
    p.add_argument("name", metavar="NAME", help="dataset name (see lsmnet.list_datasets())")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--force", action="store_true", help="overwrite existing CSV files")
    p.set_defaults(func=_example)


def build_parser() -> argparse.ArgumentParser:
    """The ``lsmnet`` argument parser, with the subcommands of :data:`_COMMAND_MODULES`."""
    parser = argparse.ArgumentParser(
        prog="lsmnet",
        description="Network analysis of NGO partnerships and coalitions.",
    )
    parser.add_argument("--version", action="version", version=f"lsmnet {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _register_core(subparsers)
    for module in _COMMAND_MODULES:
        importlib.import_module(module).register(subparsers)
    return parser


def main(argv=None) -> int:
    """Run the ``lsmnet`` command line; return the exit code.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; ``None`` reads ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 when the data has problems or an error occurred, 2 on a usage error.

    Examples
    --------
    >>> main(["summary", "--example", "davis"])  # doctest: +ELLIPSIS
    davis: Davis's Southern Women...
    Organisations: 18
    ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        code = exit_.code
        return 0 if code is None else code if isinstance(code, int) else 1
    prefix = f"lsmnet {args.command}"

    def show(message, category, *_args, **_kwargs):
        print(f"{prefix}: warning: {message}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.showwarning = show
        try:
            return int(args.func(args))
        except BrokenPipeError:  # the reader (e.g. `| head`) stopped reading: stop quietly
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            return 1
        except (LsmnetError, OSError) as err:
            print(f"{prefix}: error: {err}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    raise SystemExit(main())
