"""``lsmnet example NAME --out DIR``: write a bundled dataset as editable CSV files."""

from __future__ import annotations

import shutil

from lsmnet.cli._common import TABLES, Outputs, add_lang, cli_text, echo

__all__ = ["register", "run"]

#: The files ``lsmnet example`` writes.
FILES = (*(f"{t}.csv" for t in TABLES), "meta.csv", "SOURCE.md")


def run(args) -> int:
    """Run ``lsmnet example``; exit 0 when written."""
    from lsmnet.datasets import dataset_folder, load_dataset

    outputs = Outputs(args)
    outputs.check_folder(args.out, FILES)
    folder = dataset_folder(args.name)
    data = load_dataset(args.name)
    with outputs.folder(args.out, FILES) as temp:
        data.to_csv(temp)
        shutil.copyfile(folder / "SOURCE.md", temp / "SOURCE.md")
        written = sorted(p.name for p in temp.iterdir())
    echo(
        cli_text(
            "example.wrote", args.lang, name=args.name, out=args.out, files=", ".join(written)
        )
    )
    echo(cli_text("example.next", args.lang, out=args.out))
    return 0


def register(subparsers) -> None:
    """Add ``example`` to the ``lsmnet`` parser (see :mod:`lsmnet.cli`)."""
    p = subparsers.add_parser(
        "example",
        help="write a bundled dataset as editable CSV files",
        description="Write the CSV tables and SOURCE.md of a bundled dataset into DIR "
        "(written to a temporary folder first and moved in when complete).",
    )
    p.add_argument(
        "name", metavar="NAME", help="dataset name (see lsmnet.datasets.list_datasets())"
    )
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--force", action="store_true", help="overwrite existing files in DIR")
    add_lang(p)
    p.set_defaults(func=run)
