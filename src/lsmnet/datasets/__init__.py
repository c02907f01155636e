"""Datasets bundled with lsmnet.

- ``indonesia_demo``: SYNTHETIC example data made by :mod:`lsmnet.datasets._generate`.
- ``knoke``: Knoke's bureaucracies (information and money exchange among 10 organisations).
- ``galaskiewicz``: Galaskiewicz's CEOs and clubs (memberships).
- ``davis``: Davis's Southern Women (memberships).
- ``ethiopia_4w_2025``: OCHA Ethiopia 3W/4W, August 2025 (real; read with ``read_3w``).
- ``fts_flows_2001``: OCHA FTS humanitarian funding flows of 2001 (real; read with
  ``read_fts``).

Each lives in ``data/<name>/`` with a ``SOURCE.md`` giving its provenance and licence: the
first four as CSV files in lsmnet's table layout, the real-world exports as their original
file, gzip-compressed byte for byte, read by lsmnet's importer on load.
"""

from __future__ import annotations

import copy
import functools
import gzip
import shutil
import tempfile
import warnings
from pathlib import Path

import pandas as pd

from lsmnet.datasets._registry import DATASETS
from lsmnet.exceptions import InvalidParameterError
from lsmnet.model import NetworkData, RowsSetAsideWarning

__all__ = ["dataset_folder", "list_datasets", "load_dataset"]

_DATA = Path(__file__).resolve().parent / "data"


def list_datasets() -> pd.DataFrame:
    """Describe the bundled datasets.

    Returns
    -------
    pandas.DataFrame
        One row per dataset with columns ``name``, ``description``, ``source`` (citation
        or generator) and ``licence``.

    See Also
    --------
    load_dataset

    Examples
    --------
    >>> from lsmnet.datasets import list_datasets
    >>> list_datasets()["name"].tolist()
    ['indonesia_demo', 'knoke', 'galaskiewicz', 'davis', 'ethiopia_4w_2025', 'fts_flows_2001']
    """
    return pd.DataFrame(
        [(d.name, d.description, d.source, d.licence) for d in DATASETS.values()],
        columns=["name", "description", "source", "licence"],
    )


def dataset_folder(name: str) -> Path:
    """Return the folder holding the files (CSV tables, ``SOURCE.md``) of dataset ``name``.

    Parameters
    ----------
    name : str
        A name listed by :func:`list_datasets`.

    Returns
    -------
    pathlib.Path
        A folder inside the installed package.

    Raises
    ------
    InvalidParameterError
        If ``name`` is not a bundled dataset (paths are refused: only the names listed by
        :func:`list_datasets` are accepted, so nothing outside the package is read).

    Examples
    --------
    >>> from lsmnet.datasets import dataset_folder
    >>> (dataset_folder("knoke") / "SOURCE.md").is_file()
    True
    """
    known = ", ".join(repr(n) for n in DATASETS)
    if not isinstance(name, str):
        raise InvalidParameterError(
            f"The 'name' parameter of load_dataset must be a dataset name ({known}). Got {name!r}."
        )
    if any(mark in name for mark in ("/", "\\", "..")) or name != name.strip():
        raise InvalidParameterError(
            f"The 'name' parameter of load_dataset must be the name of a bundled dataset "
            f"({known}), not a path. Got {name!r}. To read your own files use lsmnet.read(path)."
        )
    if name not in DATASETS:
        raise InvalidParameterError(
            f"The 'name' parameter of load_dataset must be one of {known}. Got {name!r}."
        )
    return _DATA / name


def load_dataset(name: str) -> NetworkData:
    """Load a bundled dataset.

    Parameters
    ----------
    name : str
        One of the names listed by :func:`list_datasets`: ``"indonesia_demo"``,
        ``"knoke"``, ``"galaskiewicz"``, ``"davis"``, ``"ethiopia_4w_2025"``,
        ``"fts_flows_2001"``.

    Returns
    -------
    lsmnet.NetworkData
        A fresh copy on every call (changing it does not change later loads); the files are
        read once per session.
        ``meta["source"]`` says where the data comes from. The real-world exports
        (``ethiopia_4w_2025``, ``fts_flows_2001``) come as their importer returns them
        (:func:`lsmnet.read_3w`, :func:`lsmnet.read_fts`: ``meta["rows"]``, ``set_aside``,
        ``meta["name_report"]`` ...), without the importer's warning about rows set aside.

    Raises
    ------
    InvalidParameterError
        If ``name`` is not a bundled dataset or looks like a path.

    See Also
    --------
    list_datasets, lsmnet.read

    Notes
    -----
    ``indonesia_demo`` is SYNTHETIC: fictional organisations made by a documented generator
    (:mod:`lsmnet.datasets._generate`) with planted patterns listed in its ``planted.json``.
    ``knoke``, ``galaskiewicz`` and ``davis`` are classic social-network datasets converted from
    their published files; ``ethiopia_4w_2025`` and ``fts_flows_2001`` are public humanitarian
    exports shipped unchanged (gzip) and read by lsmnet's importers on load. See each
    dataset's ``SOURCE.md`` (:func:`dataset_folder`).

    Examples
    --------
    >>> from lsmnet.datasets import load_dataset
    >>> data = load_dataset("knoke")
    >>> len(data.organizations), len(data.ties)
    (10, 71)
    >>> demo = load_dataset("indonesia_demo")
    >>> "SYNTHETIC" in demo.meta["source"]
    True
    >>> fts = load_dataset("fts_flows_2001")
    >>> fts.meta["rows"]["read"], fts.meta["rows"]["used"], len(fts.set_aside)
    (5057, 4436, 621)
    """
    folder = dataset_folder(name)
    return copy.deepcopy(_read(folder, DATASETS[name].reader, DATASETS[name].file))


@functools.cache
def _read(folder: Path, reader: str | None, file: str | None):
    if reader is None:
        from lsmnet.io.tables import read

        return read(folder)
    return _read_export(folder, reader, file)


def _read_export(folder: Path, reader: str, file: str):
    """Read a bundled export (``file``, gzip) with the lsmnet importer ``reader``.

    The importers read plain files, so the export is decompressed, under its original name
    (messages and ``meta`` name it), into a temporary folder removed afterwards.
    """
    from lsmnet.io import flows, threew

    read = {"read_3w": threew.read_3w, "read_fts": flows.read_fts}[reader]
    with tempfile.TemporaryDirectory(prefix="lsmnet-") as tmp:
        plain = Path(tmp) / file.removesuffix(".gz")
        with gzip.open(folder / file, "rb") as source, plain.open("wb") as target:
            shutil.copyfileobj(source, target)
        with warnings.catch_warnings():
            # the bundled export's set-aside rows are documented in its SOURCE.md
            warnings.simplefilter("ignore", RowsSetAsideWarning)
            data = read(plain)
    data.meta["source"] = DATASETS[folder.name].source
    data.meta["dataset"] = folder.name
    return data
