"""Datasets bundled with lsmnet.

- ``indonesia_demo``: SYNTHETIC example data made by :mod:`lsmnet.datasets._generate`.
- ``knoke``: Knoke's bureaucracies (information and money exchange among 10 organisations).
- ``galaskiewicz``: Galaskiewicz's CEOs and clubs (memberships).
- ``davis``: Davis's Southern Women (memberships).

Each lives in ``data/<name>/`` as CSV files in lsmnet's table layout with a ``SOURCE.md``
giving its provenance and licence.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import pandas as pd

from lsmnet.datasets._registry import DATASETS
from lsmnet.exceptions import InvalidParameterError

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
    ['indonesia_demo', 'knoke', 'galaskiewicz', 'davis']
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


def load_dataset(name: str):
    """Load a bundled dataset.

    Parameters
    ----------
    name : str
        One of the names listed by :func:`list_datasets`: ``"indonesia_demo"``,
        ``"knoke"``, ``"galaskiewicz"``, ``"davis"``.

    Returns
    -------
    lsmnet.NetworkData
        A fresh copy on every call (changing it does not change later loads); the files are
        read once per session.
        ``meta["source"]`` says where the data comes from.

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
    The others are classic social-network datasets converted from their published files; see
    each dataset's ``SOURCE.md`` (:func:`dataset_folder`).

    Examples
    --------
    >>> from lsmnet.datasets import load_dataset
    >>> data = load_dataset("knoke")
    >>> len(data.organizations), len(data.ties)
    (10, 71)
    >>> demo = load_dataset("indonesia_demo")
    >>> "SYNTHETIC" in demo.meta["source"]
    True
    """
    return copy.deepcopy(_read(dataset_folder(name)))


@functools.cache
def _read(folder: Path):
    from lsmnet.io.tables import read

    return read(folder)
