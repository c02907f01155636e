"""Writing a file or a folder so that a failure midway leaves nothing half-written.

Every writer of lsmnet (tables, exports, forms, templates, reports, the command line) writes
through these two context managers: the content goes to a temporary name in the target's own
folder (so that the final rename is atomic: same file system) and is renamed into place only
when the writer returned without error. On failure the temporary file or folder is removed
and the target is left exactly as it was: absent, or with its old content.

This module imports nothing of lsmnet, so any layer may use it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_file", "atomic_folder"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode(target: Path, default: int) -> int:
    """The mode the finished file should have: the replaced file's, else a plain open()'s."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return default & ~_umask()


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike, *, mkdir: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it to ``path`` on success.

    The temporary file exists (empty) when yielded, has the suffix of ``path`` (writers such
    as openpyxl look at it) and starts with a dot. On success it gets the mode of the file it
    replaces (or the mode a plain ``open()`` would give) and replaces ``path`` atomically;
    on any exception it is removed, ``path`` is left untouched and the exception propagates.

    Parameters
    ----------
    path : str or path-like
        The file to write.
    mkdir : bool, default False
        Create the missing folders of ``path`` first (otherwise a missing folder is a
        :class:`FileNotFoundError`).

    Yields
    ------
    pathlib.Path
        The temporary file to write to.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> with atomic_file(target) as temp:
    ...     _ = temp.write_text("source,target\\n")
    >>> target.read_text()
    'source,target\\n'
    """
    path = Path(path)
    if mkdir:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=f".part{path.suffix}", dir=path.parent
    )
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, _mode(path, 0o666))  # mkstemp's 0600 is for the temporary file only
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_folder(folder: str | os.PathLike) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``folder``; move its files in on success.

    If ``folder`` does not exist, the temporary folder is renamed to it (atomic). If it
    exists, each file written is moved into it with an atomic replace, and other files in it
    are kept; should a move fail, the files this call added are removed again. On any
    exception while writing, the temporary folder is removed and ``folder`` is untouched.
    Only the top level of the temporary folder is moved (sub-folders move as a whole).

    Parameters
    ----------
    folder : str or path-like
        The folder to write into (created, with missing parents, if needed).

    Yields
    ------
    pathlib.Path
        The temporary folder to write into.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "export"
    >>> with atomic_folder(target) as temp:
    ...     _ = (temp / "ties.csv").write_text("source,target\\n")
    >>> sorted(p.name for p in target.iterdir())
    ['ties.csv']
    """
    folder = Path(folder)
    anchor = folder.parent
    while not anchor.is_dir() and anchor != anchor.parent:
        anchor = anchor.parent  # the nearest existing ancestor holds the temporary folder
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=anchor))
    try:
        yield temp
        if not folder.exists():
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(temp, 0o777 & ~_umask())  # mkdtemp's 0700 is for the temporary folder
            os.rename(temp, folder)
            return
        added = []
        try:
            for item in sorted(temp.iterdir()):
                target = folder / item.name
                existed = target.exists()
                if item.is_file():
                    os.chmod(item, _mode(target, 0o666))
                os.replace(item, target)
                if not existed:
                    added.append(target)
        except BaseException:
            for target in added:
                if target.is_dir():
                    shutil.rmtree(target, ignore_errors=True)
                else:
                    target.unlink(missing_ok=True)
            raise
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
