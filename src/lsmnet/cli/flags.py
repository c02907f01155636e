"""The ``lsmnet flags`` command: print the risk register, or write it as CSV.

The register is printed one flag per line, every line escaped for the terminal (a name with a
line break cannot forge a line). ``--csv FILE`` and ``--thresholds-template FILE`` are written
under a temporary name and renamed when complete; neither may be an input, and ``--csv`` does
not replace an existing file without ``--force``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

from lsmnet._i18n import message
from lsmnet._safety import neutralize_frame
from lsmnet.cli._common import (
    TABLE_INPUTS,
    Outputs,
    UsageError,
    add_data_options,
    add_lang,
    add_thresholds,
    cli_text,
    echo,
    load_data,
    report_set_aside,
    safe,
    thresholds_file,
)
from lsmnet.risk.thresholds_file import SUFFIXES

__all__ = [
    "digest_text",
    "register",
    "register_text",
    "run",
    "template_path",
    "thresholds_file",
    "write_csv",
]

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
    add_data_options(p)
    p.add_argument("--coalition", metavar="ID", help="only this coalition")
    add_lang(p)
    p.add_argument("--csv", metavar="FILE", help="write the register to FILE (UTF-8 CSV)")
    p.add_argument(
        "--force", action="store_true", help="let --csv replace an existing file (never an input)"
    )
    p.add_argument(
        "--top",
        type=_top,
        metavar="N",
        help="print the digest instead of the full register: per coalition, the N most "
        "pressing conversations (lsmnet.risk.priorities.priorities())",
    )
    add_thresholds(p)
    p.add_argument(
        "--thresholds-template",
        type=template_path,
        metavar="FILE",
        help="write every threshold with its default to FILE (.toml, commented in --lang, or "
        ".json) to start from, and stop",
    )
    p.set_defaults(func=run, _parser=p)


def _top(value: str) -> int:
    import argparse

    text = value.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 1000:
        return int(text)
    raise argparse.ArgumentTypeError(
        cli_text("usage.top", "en", value=repr(safe(value))).removeprefix("argument --top: ")
    )


def template_path(value: str) -> Path:
    """The ``type`` of ``--thresholds-template FILE``: a path ending in .toml or .json."""
    import argparse

    path = Path(value)
    if path.suffix.lower() not in SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"FILE must end in .toml or .json (the format written). Got {value!r}."
        )
    return path


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
        One line per flag (and per note); control characters and line breaks from the data
        are escaped, so every flag stays on its line.

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
        lines += ["", safe(label)]
        ordered = rows.assign(_rank=rows["severity"].map(rank)).sort_values("_rank", kind="stable")
        for row in ordered.itertuples(index=False):
            severity = message(f"severities.{row.severity}", lang)
            lines.append(
                f"  [{severity}] {safe(row.code)} {safe(row.entity)}: {safe(row.explanation)}"
            )
            if pd.notna(row.note):
                lines.append(f"      {safe(row.note)}")
    skipped = _skipped(flags)
    if skipped is not None and len(skipped):
        lines += ["", message("labels.skipped_heading", lang)]
        for row in skipped.itertuples(index=False):
            lines.append(safe(f"  {row.code}: {row.reason} ({', '.join(row.coalitions)})"))
    return "\n".join(lines)


def _skipped(flags: pd.DataFrame):
    # the register keeps its skipped flags as a JSON string in attrs (read by skipped_flags);
    # older registers kept a DataFrame there
    from lsmnet.risk import flags as risk_flags_module

    reader = getattr(risk_flags_module, "skipped_flags", None)
    stored = flags.attrs.get("skipped")
    if isinstance(stored, pd.DataFrame) or reader is None:
        return stored
    return reader(flags)


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
        # the template is meant to be edited: never overwrite someone's edits, even with --force
        args._parser.error(
            f"--thresholds-template: {args.thresholds_template} already exists; it is not "
            "overwritten. Delete it or give another file name."
        )
    from lsmnet.risk.thresholds import RiskThresholds

    with Outputs(args).file(args.thresholds_template) as part:
        RiskThresholds().to_file(part, lang=args.lang)
    path = Path(args.thresholds_template)
    echo(message("labels.thresholds_written", args.lang, path=str(path)))
    return 0


def _priorities():
    # lsmnet.risk.priorities is the module, or the function once lsmnet.risk exports it
    try:
        module = importlib.import_module("lsmnet.risk.priorities")
    except ImportError:
        return None
    found = getattr(module, "priorities", None)
    return found if callable(found) else None


def digest_text(digest: pd.DataFrame, top: int, lang: str = "en") -> str:
    """The digest of :func:`lsmnet.risk.priorities.priorities` as plain text: per coalition,
    its conversations in rank order, one line each (escaped for the terminal).

    Examples
    --------
    >>> import pandas as pd
    >>> digest = pd.DataFrame({"coalition": ["K"], "rank": [1], "subject_name": ["Org C"],
    ...     "codes": ["ISO-1"], "severity": ["high"], "explanation": ["Talk with Org C."]})
    >>> print(digest_text(digest, 5))
    Priorities: the first 5 conversations to have in each coalition
    <BLANKLINE>
    K
      1. [high] Org C (ISO-1): Talk with Org C.
    """
    lines = [cli_text("flags.top_heading", lang, top=top)]
    if digest.empty:
        lines += ["", message("labels.no_flags", lang)]
    for coalition, rows in digest.groupby("coalition", sort=False):
        lines += ["", safe(coalition)]
        for row in rows.sort_values("rank", kind="stable").itertuples(index=False):
            severity = message(f"severities.{row.severity}", lang)
            lines.append(
                f"  {int(row.rank)}. [{severity}] {safe(row.subject_name)} "
                f"({safe(row.codes)}): {safe(row.explanation)}"
            )
    return "\n".join(lines)


def run(args) -> int:
    """Run ``lsmnet flags`` with parsed arguments; return the exit code."""
    from lsmnet.risk.flags import risk_flags

    if args.thresholds_template is not None:
        return _write_template(args)
    outputs = Outputs(args, TABLE_INPUTS)
    if args.csv:
        outputs.check(args.csv)
    top = getattr(args, "top", None)
    digest = _priorities() if top is not None else None
    if top is not None and digest is None:
        raise UsageError(cli_text("flags.top_missing", args.lang))
    data = load_data(args)
    report_set_aside("flags", data, args.lang)
    thresholds = args.thresholds.thresholds if args.thresholds is not None else None
    if digest is not None:
        table = digest(
            data, top=top, coalition=args.coalition, lang=args.lang, thresholds=thresholds
        )
        if args.csv:
            with outputs.file(args.csv) as part:
                write_csv(table, part)
            echo(message("labels.csv_written", args.lang, path=args.csv, n=len(table)))
        else:
            echo(digest_text(table, top, args.lang).split("\n"))
        return 0
    flags = risk_flags(data, coalition=args.coalition, lang=args.lang, thresholds=thresholds)
    if args.csv:
        with outputs.file(args.csv) as part:
            write_csv(flags, part)
        echo(message("labels.csv_written", args.lang, path=args.csv, n=len(flags)))
    else:
        echo(register_text(flags, args.lang).split("\n"))
    return 0
