"""Writing outputs safely: never over an input, never over an existing file without
``--force``, never half-written (a temporary name in the same folder, renamed when complete).

Used by every command through :class:`Outputs` (re-exported by :mod:`lsmnet.cli._common`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Collection, Iterator
from pathlib import Path

from lsmnet.cli._text import UsageError, cli_text
from lsmnet.io._atomic import atomic_file, atomic_folder

__all__ = ["INPUT_SUFFIXES", "TABLE_INPUTS", "Outputs", "input_paths"]

#: Files in an input folder that count as inputs (never overwritten, even with --force): for
#: the table layout, the CSV files lsmnet.read reads from a folder; for an importer, any data
#: file (a folder of survey matrices, of IRS 990 XML files).
TABLE_INPUTS = frozenset({".csv"})
INPUT_SUFFIXES = frozenset(
    {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".json", ".toml", ".xml", ".net", ".dl"}
)


def input_paths(
    args: argparse.Namespace, suffixes: Collection[str] = INPUT_SUFFIXES
) -> list[Path]:
    """The files a command reads: PATH (a file, or the files of a folder ending in one of
    ``suffixes``) and the files named by ``--columns``, ``--thresholds`` and ``--aliases``."""
    paths = []
    for name in ("path", "columns", "thresholds", "aliases"):
        value = getattr(args, name, None)
        value = getattr(value, "path", value)
        if value is None:
            continue
        path = Path(value)
        paths.append(path)
        if name == "path" and path.is_dir():
            with contextlib.suppress(OSError):
                paths += [p for p in path.iterdir() if p.suffix.lower() in suffixes]
    return paths


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class Outputs:
    """The files a command writes: checked against its inputs, never overwritten silently,
    written under a temporary name and renamed into place when complete.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line (its ``lang``, ``force`` and input options are used).
    suffixes : set of str
        Files of an input folder with these suffixes are inputs (see :func:`input_paths`).
    into_input_folder : bool
        Whether an output folder may be an input folder (a report beside its data may; the
        tables of an import may not, since they would be read as its input next time).
    """

    def __init__(
        self,
        args: argparse.Namespace,
        suffixes: Collection[str] = INPUT_SUFFIXES,
        *,
        into_input_folder: bool = True,
    ) -> None:
        self.lang = args.lang
        self.force = bool(getattr(args, "force", False))
        self.inputs = input_paths(args, suffixes)
        self.into_input_folder = into_input_folder

    def check(self, path: str | os.PathLike) -> Path:
        """Refuse ``path`` (exit 2) if it is an input, a folder, or exists without --force."""
        path = Path(path)
        for source in self.inputs:
            if _same(path, source):
                raise UsageError(
                    cli_text("usage.output_is_input", self.lang, output=path, input=source)
                )
        if path.is_dir():
            raise UsageError(cli_text("usage.output_is_folder", self.lang, path=path))
        if (path.exists() or path.is_symlink()) and not self.force:
            raise UsageError(cli_text("usage.exists", self.lang, path=path))
        return path

    @contextlib.contextmanager
    def file(self, path: str | os.PathLike) -> Iterator[Path]:
        """Context manager: yields a temporary path beside ``path`` (same suffix); on success
        it replaces ``path``, on failure it is removed and ``path`` is left as it was."""
        with atomic_file(self.check(path)) as temp:
            yield temp

    def check_folder(self, out: str | os.PathLike, names: Collection[str]) -> Path:
        """Refuse ``out`` if it is a file, or if it holds (or is the input of) any of
        ``names`` without --force."""
        out = Path(out)
        if out.exists() and not out.is_dir():
            raise UsageError(cli_text("usage.out_not_folder", self.lang, path=repr(str(out))))
        if not self.into_input_folder:
            for source in self.inputs:
                if _same(out, source):
                    raise UsageError(
                        cli_text("usage.output_is_input", self.lang, output=out, input=source)
                    )
        for name in names:
            target = out / name
            for source in self.inputs:
                if _same(target, source):
                    raise UsageError(
                        cli_text("usage.output_is_input", self.lang, output=target, input=source)
                    )
        clash = sorted(n for n in names if (out / n).exists()) if out.is_dir() else []
        if clash and not self.force:
            raise UsageError(
                cli_text("usage.folder_holds", self.lang, folder=out, names=", ".join(clash))
            )
        return out

    @contextlib.contextmanager
    def folder(self, out: str | os.PathLike, names: Collection[str]) -> Iterator[Path]:
        """Context manager: yields an empty temporary folder; on success its files are moved
        into ``out`` (created if needed), on failure it is removed and ``out`` left as it was.

        ``names`` are the files expected; they are checked before and the files actually
        written are checked again before anything is moved.
        """
        out = self.check_folder(out, names)
        with atomic_folder(out) as temp:
            yield temp
            self.check_folder(out, sorted(p.name for p in temp.iterdir()))
