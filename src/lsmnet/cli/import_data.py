"""``lsmnet import KIND PATH --out DIR``: convert a source file to lsmnet's CSV layout.

Registered by :mod:`lsmnet.cli` through :func:`register`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import warnings

from lsmnet._safety import neutralize_frame
from lsmnet.cli.app import _output_folder
from lsmnet.exceptions import InvalidParameterError

__all__ = ["IMPORTERS", "register"]

#: KIND -> (module, function, fixed keyword arguments, description)
IMPORTERS = {
    "memberships": (
        "lsmnet.io.membership",
        "read_memberships",
        {},
        "membership list, long form or organisation x coalition matrix",
    ),
    "survey": (
        "lsmnet.io.survey",
        "read_roster_survey",
        {},
        "roster survey export, one row per respondent",
    ),
    "survey-matrices": (
        "lsmnet.io.survey",
        "read_survey_matrices",
        {},
        "one adjacency matrix per question (workbook or folder)",
    ),
    "3w": ("lsmnet.io.threew", "read_3w", {}, "OCHA 3W/4W sheet (with or without HXL tags)"),
    "flows": ("lsmnet.io.flows", "read_flows", {}, "donor -> recipient funding table"),
    "fts": ("lsmnet.io.flows", "read_fts", {}, "OCHA FTS flow export (CSV)"),
    "iati": ("lsmnet.io.iati", "read_iati", {}, "IATI activity XML"),
    "iati-organisations": (
        "lsmnet.io.iati_organisations",
        "read_iati_organisations",
        {},
        "IATI organisation XML (types and budgets)",
    ),
    "360giving": (
        "lsmnet.io.giving360",
        "read_360giving",
        {},
        "360Giving grants CSV/xlsx or JSON",
    ),
    "irs990": (
        "lsmnet.io.irs990",
        "read_irs990",
        {},
        "IRS 990 Schedule I / 990-PF e-file XML (file or folder)",
    ),
    "pajek": ("lsmnet.io.pajek", "read_pajek", {"output": "data"}, "Pajek .net/.paj"),
    "ucinet": (
        "lsmnet.io.ucinet",
        "read_ucinet_dl",
        {"output": "data"},
        "UCINET DL or older UCINET-3 file",
    ),
}
_ALIASES_KINDS = ("memberships", "3w", "flows", "fts", "iati", "360giving", "irs990")
_SHOWN = 20


def _option(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    key = key.strip().replace("-", "_")
    if not sep or not key:
        raise InvalidParameterError(
            f"--option takes KEY=VALUE, e.g. --option area=adm1. Got {text!r}."
        )
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def _run(args) -> int:
    from lsmnet.model import RowsSetAsideWarning

    module, name, fixed, _doc = IMPORTERS[args.kind]
    reader = getattr(importlib.import_module(module), name)
    options = dict(_option(o) for o in args.option or ())
    if args.aliases is not None:
        if args.kind not in _ALIASES_KINDS:
            raise InvalidParameterError(
                f"--aliases is not used by 'lsmnet import {args.kind}'; it is for "
                f"{', '.join(_ALIASES_KINDS)}."
            )
        options["aliases"] = args.aliases
    out = _output_folder(args.out, force=args.force)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsSetAsideWarning)  # the accounting is printed below
        try:
            data = reader(args.path, **options, **fixed)
        except TypeError as err:  # an --option the reader does not take
            raise InvalidParameterError(
                f"lsmnet import {args.kind}: {err}. See help({name}) for its options."
            ) from err
    out.mkdir(parents=True, exist_ok=True)
    data.to_csv(out)
    rows = data.meta.get("rows", {})
    print(f"{args.path}: {data.meta.get('accounting', '')}")
    tables = ("organizations", "coalitions", "memberships", "ties", "ratings")
    print("Wrote " + ", ".join(f"{len(getattr(data, t))} {t}" for t in tables) + f" to {out}")
    aside = data.set_aside
    if len(aside):
        if args.set_aside:
            neutralize_frame(aside).to_csv(args.set_aside, index=False)
            print(
                f"The {len(aside)} set-aside {rows.get('unit', 'rows')} and their reasons "
                f"are in {args.set_aside}."
            )
        else:
            print(f"Set aside ({len(aside)}; pass --set-aside FILE to save them all):")
            for a in aside.head(_SHOWN).itertuples(index=False):
                where = f"{a.file}, row {a.row}" + (f", {a.column}" if a.column else "")
                print(f"  {where}: {a.problem}")
            if len(aside) > _SHOWN:
                print(f"  ... and {len(aside) - _SHOWN} more")
    return 0


def register(subparsers) -> None:
    """Add the ``import`` subcommand to the ``lsmnet`` parser (see :mod:`lsmnet.cli`)."""
    kinds = "\n".join(f"  {k:<16} {v[3]}" for k, v in IMPORTERS.items())
    p = subparsers.add_parser(
        "import",
        help="convert a survey, 3W, funding or network file to the lsmnet CSV layout",
        description="Read PATH with the importer for KIND, write the validated tables as CSV "
        "files into DIR and print the row accounting (rows read = used + set aside).\n\n"
        f"KIND:\n{kinds}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", metavar="KIND", choices=sorted(IMPORTERS), help="source format")
    p.add_argument("path", metavar="PATH", help="the file (or folder) to convert")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    p.add_argument(
        "--option",
        action="append",
        metavar="KEY=VALUE",
        help="an importer option, VALUE as JSON when it parses (e.g. --option directed=false, "
        '--option \'questions={"Q1": "advocacy"}\'); repeatable',
    )
    p.add_argument("--aliases", metavar="FILE", help="alias table CSV (columns alias,canonical)")
    p.add_argument("--set-aside", metavar="FILE", help="write the set-aside rows to this CSV")
    p.add_argument("--force", action="store_true", help="overwrite existing CSV files in DIR")
    p.set_defaults(func=_run)
