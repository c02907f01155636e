"""Exceptions raised by lsmnet.

Every error that lsmnet raises on purpose derives from :class:`LsmnetError`, so callers can
catch all of them at once; each also derives from the built-in class a Python user would expect
(``ValueError`` for bad data or parameters, ``TypeError`` for the wrong kind of graph).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GraphTypeError",
    "InvalidParameterError",
    "LsmnetError",
    "LsmnetWarning",
    "NotNetworkDataError",
    "SchemaError",
]


class LsmnetError(Exception):
    """Base class of every exception raised by lsmnet.

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet as lsm
    >>> try:
    ...     lsm.centralization(nx.path_graph(4), "nonsense")
    ... except lsm.LsmnetError as error:
    ...     print(type(error).__name__)
    InvalidParameterError
    """


class SchemaError(LsmnetError, ValueError):
    """Input data does not follow lsmnet's schema.

    Parameters
    ----------
    message : str
        The whole human-readable message (one line per problem).
    problems : pandas.DataFrame, optional
        One row per problem with columns ``table, file, row, column, value, problem, fix``.

    Examples
    --------
    >>> import pandas as pd
    >>> import lsmnet as lsm
    >>> orgs = pd.DataFrame({"org_id": ["A", "A"], "name": ["Alpha", "Alpha again"]})
    >>> try:
    ...     lsm.from_frames(organizations=orgs)
    ... except lsm.SchemaError as error:
    ...     print(list(error.problems.columns))
    ['table', 'file', 'row', 'column', 'value', 'problem', 'fix']
    """

    def __init__(self, message: str, problems: pd.DataFrame | None = None):
        super().__init__(message)
        self.problems = problems


class InvalidParameterError(LsmnetError, ValueError):
    """A function argument has an invalid value.

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet as lsm
    >>> lsm.centrality_table(nx.path_graph(3), approx=-1)
    Traceback (most recent call last):
    ...
    lsmnet.exceptions.InvalidParameterError: ...
    """


class GraphTypeError(LsmnetError, TypeError):
    """The graph is of a kind the function does not support (e.g. directed, multigraph).

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet as lsm
    >>> lsm.centrality_table(nx.MultiGraph([(0, 1), (0, 1)]))
    Traceback (most recent call last):
    ...
    lsmnet.exceptions.GraphTypeError: ...
    """


class NotNetworkDataError(InvalidParameterError, GraphTypeError):
    """A function that needs a :class:`~lsmnet.NetworkData` was given something else (a
    networkx or igraph graph, a DataFrame, ...); the message says how to get one
    (:func:`lsmnet.from_graph`, :func:`lsmnet.read`, :func:`lsmnet.from_frames`).

    It is both an :class:`InvalidParameterError` (a ``ValueError``) and a
    :class:`GraphTypeError` (a ``TypeError``), so code that catches either keeps working.

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet as lsm
    >>> lsm.risk_flags(nx.karate_club_graph())
    Traceback (most recent call last):
    ...
    lsmnet.exceptions.NotNetworkDataError: risk_flags needs a NetworkData ...from_graph(G)...ties.
    """


class LsmnetWarning(UserWarning):
    """Base class of warnings issued by lsmnet.

    Examples
    --------
    >>> import warnings
    >>> import lsmnet as lsm
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", lsm.LsmnetWarning)  # silence all of lsmnet's
    ...     data = lsm.datasets.load_dataset("indonesia_demo")
    """
