"""The ``lsmnet flags`` command: print the risk register, or write it as CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from lsmnet._safety import neutralize_frame
from lsmnet.exceptions import InvalidParameterError, LsmnetError
from lsmnet.risk.catalog import LANGS, message
from lsmnet.risk.thresholds import RiskThresholds
from lsmnet.risk.thresholds_file import SUFFIXES

__all__ = ["register", "register_text", "template_path", "thresholds_file"]

DEFAULT_EXAMPLE = "indonesia_demo"
SEVERITY_ORDER = ("high", "watch", "info")


def register(subparsers) -> None:
    """Add the ``flags`` subcommand to the ``lsmnet`` parser.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The object returned by ``parser.add_subparsers()``.
    """
    p = subparsers.add_parser(
        "flags",
        help="print the partnership-risk register",
        description="Compute every partnership-risk flag (isolation, dominance, "
        "fragmentation, missions, competition, power, trust, data quality) of PATH or of a "
        "bundled example and print them, most severe first, with a plain-language "
        "explanation; --csv writes the full register.",
    )
    p.add_argument("path", metavar="PATH", nargs="?", help="folder of CSV files or .xlsx")
    p.add_argument(
        "--example",
        nargs="?",
        const=DEFAULT_EXAMPLE,
        metavar="NAME",
        help=f"a bundled dataset instead of PATH (default {DEFAULT_EXAMPLE})",
    )
    p.add_argument("--coalition", metavar="ID", help="only this coalition")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the texts")
    p.add_argument("--csv", metavar="FILE", help="write the register to FILE (UTF-8 CSV)")
    p.add_argument(
        "--thresholds",
        type=thresholds_file,
        metavar="FILE",
        help="flag thresholds from a .toml or .json file of field = value pairs (fields left "
        "out keep their defaults; see --thresholds-template)",
    )
    p.add_argument(
        "--thresholds-template",
        type=template_path,
        metavar="FILE",
        help="write every threshold with its default to FILE (.toml, commented in --lang, or "
        ".json) to start from, and stop",
    )
    p.set_defaults(func=run, _parser=p)


def thresholds_file(value: str) -> RiskThresholds:
    """The ``type`` of a ``--thresholds FILE`` option: the file read by
    :meth:`RiskThresholds.from_file`, its problems turned into a usage error (exit status 2).

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
    try:
        return RiskThresholds.from_file(value)
    except LsmnetError as err:
        raise argparse.ArgumentTypeError(str(err)) from err
    except OSError as err:
        raise argparse.ArgumentTypeError(f"cannot read {value}: {err.strerror}.") from err


def template_path(value: str) -> Path:
    """The ``type`` of ``--thresholds-template FILE``: a path ending in .toml or .json."""
    path = Path(value)
    if path.suffix.lower() not in SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"FILE must end in .toml or .json (the format written). Got {value!r}."
        )
    return path


def _load(args):
    if args.example is not None and args.path is not None:
        raise InvalidParameterError(
            "lsmnet flags takes either a PATH or --example [NAME], not both. "
            f"Got {args.path!r} and --example {args.example!r}."
        )
    if args.example is not None:
        from lsmnet.datasets import load_dataset

        return load_dataset(args.example)
    if args.path is not None:
        from lsmnet.io.tables import read

        return read(args.path)
    raise InvalidParameterError(
        "lsmnet flags needs a PATH (a folder of CSV files or an .xlsx workbook) or "
        "--example [NAME]. Got neither."
    )


def register_text(flags: pd.DataFrame, lang: str = "en") -> str:
    """The risk register as plain text: per coalition, most severe flags first.

    Parameters
    ----------
    flags : pandas.DataFrame
        The result of :func:`lsmnet.risk_flags`.
    lang : {"en", "id"}
        Language of the headings.

    Returns
    -------
    str

    Examples
    --------
    >>> import pandas as pd
    >>> import lsmnet as lsm
    >>> data = lsm.from_frames(
    ...     memberships=pd.DataFrame({"org_id": list("abc"), "coalition_id": "K"}),
    ...     ties=pd.DataFrame({"source": ["a"], "target": ["b"], "layer": "advocacy"}))
    >>> print(register_text(lsm.risk_flags(data)))  # doctest: +ELLIPSIS
    Risk register
    <BLANKLINE>
    K
      [high] ISO-1 c: c has no tie to any other member of K in the layers analysed.
    ...
    """
    lines = [message("labels.register_heading", lang)]
    if flags.empty:
        lines += ["", message("labels.no_flags", lang)]
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    for coalition, rows in flags.groupby("coalition", sort=False, dropna=False):
        label = message("labels.whole_network", lang) if pd.isna(coalition) else coalition
        lines += ["", str(label)]
        ordered = rows.assign(_rank=rows["severity"].map(rank)).sort_values("_rank", kind="stable")
        for row in ordered.itertuples(index=False):
            severity = message(f"severities.{row.severity}", lang)
            lines.append(f"  [{severity}] {row.code} {row.entity}: {row.explanation}")
            if pd.notna(row.note):
                lines.append(f"      {row.note}")
    skipped = flags.attrs.get("skipped")
    if skipped is not None and len(skipped):
        lines += ["", message("labels.skipped_heading", lang)]
        for row in skipped.itertuples(index=False):
            lines.append(f"  {row.code}: {row.reason} ({', '.join(row.coalitions)})")
    return "\n".join(lines)


def write_csv(flags: pd.DataFrame, path) -> None:
    """Write the register to ``path`` as UTF-8 CSV, text cells neutralised against formula
    injection (see :mod:`lsmnet._safety`)."""
    neutralize_frame(flags).to_csv(path, index=False, encoding="utf-8")


def _write_template(args) -> int:
    if args.path is not None or args.example is not None or args.thresholds is not None:
        args._parser.error(
            "--thresholds-template writes a file and stops: give no PATH, --example or "
            "--thresholds with it."
        )
    if Path(args.thresholds_template).exists():
        # the template is meant to be edited: never overwrite someone's edits
        args._parser.error(
            f"--thresholds-template: {args.thresholds_template} already exists; it is not "
            "overwritten. Delete it or give another file name."
        )
    path = RiskThresholds().to_file(args.thresholds_template, lang=args.lang)
    print(message("labels.thresholds_written", args.lang, path=str(path)))
    return 0


def run(args) -> int:
    """Run ``lsmnet flags`` with parsed arguments; return the exit code."""
    from lsmnet.risk.flags import risk_flags

    if args.thresholds_template is not None:
        return _write_template(args)
    data = _load(args)
    flags = risk_flags(data, coalition=args.coalition, lang=args.lang, thresholds=args.thresholds)
    if args.csv:
        write_csv(flags, args.csv)
        print(message("labels.csv_written", args.lang, path=args.csv, n=len(flags)))
    else:
        print(register_text(flags, args.lang))
    return 0
