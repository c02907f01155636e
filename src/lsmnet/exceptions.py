"""Exceptions raised by lsmnet.

Every error that lsmnet raises on purpose derives from :class:`LsmnetError`, so callers can
catch all of them at once; each also derives from the built-in class a Python user would expect
(``ValueError`` for bad data or parameters, ``TypeError`` for the wrong kind of graph).
"""

from __future__ import annotations

__all__ = [
    "GraphTypeError",
    "InvalidParameterError",
    "LsmnetError",
    "LsmnetWarning",
    "NotNetworkDataError",
    "SchemaError",
]


class LsmnetError(Exception):
    """Base class of every exception raised by lsmnet."""


class SchemaError(LsmnetError, ValueError):
    """Input data does not follow lsmnet's schema.

    Parameters
    ----------
    message : str
        The whole human-readable message (one line per problem).
    problems : pandas.DataFrame, optional
        One row per problem with columns ``file, row, column, value, problem, fix``.
    """

    def __init__(self, message: str, problems=None):
        super().__init__(message)
        self.problems = problems


class InvalidParameterError(LsmnetError, ValueError):
    """A function argument has an invalid value."""


class GraphTypeError(LsmnetError, TypeError):
    """The graph is of a kind the function does not support (e.g. directed, multigraph)."""


class NotNetworkDataError(InvalidParameterError, GraphTypeError):
    """A function that needs a :class:`~lsmnet.NetworkData` was given something else (a
    networkx or igraph graph, a DataFrame, ...); the message says how to get one
    (:func:`lsmnet.from_graph`, :func:`lsmnet.read`, :func:`lsmnet.from_frames`).

    It is both an :class:`InvalidParameterError` (a ``ValueError``) and a
    :class:`GraphTypeError` (a ``TypeError``), so code that catches either keeps working.
    """


class LsmnetWarning(UserWarning):
    """Base class of warnings issued by lsmnet."""
