"""``lsmnet import KIND PATH --out DIR``: convert a source file to lsmnet's CSV layout.

Registered by :mod:`lsmnet.cli` through :func:`register`. The tables are written into a
temporary folder and moved into DIR only when all are written, so a failed import leaves DIR
as it was; ``--set-aside FILE`` is written under a temporary name and renamed when complete.
Neither may be the file (or a file of the folder) being imported.
"""

from __future__ import annotations

import argparse
import importlib
import json
import warnings

from lsmnet._safety import neutralize_frame
from lsmnet.cli._common import TABLES, Outputs, UsageError, add_lang, cli_text, echo

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
    "kobo": (
        "lsmnet.io.xlsform",
        "read_survey_export",
        {},
        "export of an lsmnet survey-form from KoboToolbox/ODK, XLSX or CSV "
        "(--option form=FORM.xlsx)",
    ),
    "3w": ("lsmnet.io.threew", "read_3w", {}, "OCHA 3W/4W sheet (with or without HXL tags)"),
    "flows": ("lsmnet.io.flows", "read_flows", {}, "donor -> recipient funding table"),
    "fts": ("lsmnet.io.flows", "read_fts", {}, "OCHA FTS flow export (CSV)"),
    "iati": ("lsmnet.io.iati", "read_iati", {}, "IATI activity XML"),
    "iati-organisations": (
        "lsmnet.io.iati_organisations",
        "read_iati_organizations",
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
    "pajek": ("lsmnet.io.pajek", "read_pajek", {}, "Pajek .net/.paj"),
    "ucinet": ("lsmnet.io.ucinet", "read_ucinet_dl", {}, "UCINET DL or older UCINET-3 file"),
}
_ALIASES_KINDS = ("memberships", "3w", "flows", "fts", "iati", "360giving", "irs990")
_SHOWN = 20
#: The files ``lsmnet import`` writes into DIR.
FILES = (*(f"{t}.csv" for t in TABLES), "meta.csv")


def _option(text: str, lang: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    key = key.strip().replace("-", "_")
    if not sep or not key:
        raise UsageError(cli_text("import.option_shape", lang, got=repr(text)))
    try:
        return key, json.loads(value)
    except (ValueError, RecursionError):
        return key, value


def run(args: argparse.Namespace) -> int:
    """Run ``lsmnet import``; exit 0 when the tables were written (rows the importer set
    aside are part of its accounting and are listed, not an error)."""
    from lsmnet.model import RowsSetAsideWarning

    lang = args.lang
    module, name, fixed, _doc = IMPORTERS[args.kind]
    options = dict(_option(o, lang) for o in args.option or ())
    if args.aliases is not None:
        if args.kind not in _ALIASES_KINDS:
            kinds = ", ".join(_ALIASES_KINDS)
            raise UsageError(cli_text("import.aliases_unused", lang, kind=args.kind, kinds=kinds))
        options["aliases"] = args.aliases
    if "output" in options:  # the deprecated graph outputs of read_pajek/read_ucinet_dl
        detail = f"{name}() got an unexpected keyword argument 'output'"
        raise UsageError(
            cli_text("import.option_unknown", lang, kind=args.kind, detail=detail, name=name)
        )
    outputs = Outputs(args, into_input_folder=False)
    outputs.check_folder(args.out, FILES)
    if args.set_aside:
        outputs.check(args.set_aside)
    reader = getattr(importlib.import_module(module), name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsSetAsideWarning)  # the accounting is printed below
        try:
            data = reader(args.path, **options, **fixed)
        except TypeError as err:
            if "argument" not in str(err):  # not an --option the reader does not take
                raise
            raise UsageError(
                cli_text("import.option_unknown", lang, kind=args.kind, detail=err, name=name)
            ) from err
    aside = data.set_aside
    with outputs.folder(args.out, FILES) as temp:
        data.to_csv(temp)
        if len(aside) and args.set_aside:
            with outputs.file(args.set_aside) as part:
                neutralize_frame(aside).to_csv(part, index=False)
    rows = data.meta.get("rows", {})
    echo(f"{args.path}: {data.meta.get('accounting', '')}")
    counts = ", ".join(f"{len(getattr(data, t))} {cli_text(f'table.{t}', lang)}" for t in TABLES)
    echo(cli_text("import.wrote", lang, counts=counts, out=args.out))
    if len(aside):
        if args.set_aside:
            unit = rows.get("unit", "rows")
            echo(
                cli_text(
                    "import.set_aside_saved", lang, n=len(aside), unit=unit, path=args.set_aside
                )
            )
        else:
            echo(cli_text("import.set_aside_heading", lang, n=len(aside)))
            for a in aside.head(_SHOWN).itertuples(index=False):
                where = f"{a.file}, row {a.row}" + (f", {a.column}" if a.column else "")
                echo(f"  {where}: {a.problem}")
            if len(aside) > _SHOWN:
                echo(cli_text("import.more", lang, n=len(aside) - _SHOWN))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``import`` subcommand to the ``lsmnet`` parser (see :mod:`lsmnet.cli`)."""
    kinds = "\n".join(f"  {k:<16} {v[3]}" for k, v in IMPORTERS.items())
    p = subparsers.add_parser(
        "import",
        help="convert a survey, 3W, funding or network file to the lsmnet CSV layout",
        description="Read PATH with the importer for KIND, write the validated tables as CSV "
        "files into DIR and print the row accounting (rows read = used + set aside). Nothing "
        "is written unless the whole import succeeds.\n\n"
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
    p.add_argument(
        "--force", action="store_true", help="overwrite existing files (never the input)"
    )
    add_lang(p)
    p.set_defaults(func=run)
