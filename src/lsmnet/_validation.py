"""Argument checks shared by every public function.

Each helper raises an lsmnet exception whose message names the function, the parameter, what
is allowed and what was given, in the shape described in ``STYLE.md``.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import TypeVar

import networkx as nx
import numpy as np

from lsmnet.exceptions import GraphTypeError, InvalidParameterError

_T = TypeVar("_T")


def check_graph(
    G: nx.Graph,
    func: str,
    *,
    directed: bool | None = None,
    allow_multigraph: bool = False,
    min_nodes: int = 0,
) -> nx.Graph:
    """Check that ``G`` is a networkx graph of a supported kind; return it unchanged."""
    if not isinstance(G, nx.Graph):
        raise GraphTypeError(
            f"{func} expects a networkx graph as its first argument. Got {type(G).__name__}."
        )
    if G.is_multigraph() and not allow_multigraph:
        raise GraphTypeError(
            f"{func} does not support multigraphs. Collapse parallel edges first, e.g. with "
            "lsmnet.partnership_graph(..., combine='sum') or nx.Graph(G)."
        )
    if directed is True and not G.is_directed():
        raise GraphTypeError(f"{func} requires a directed graph. Got an undirected graph.")
    if directed is False and G.is_directed():
        raise GraphTypeError(
            f"{func} requires an undirected graph. Got a directed graph; convert it explicitly "
            "with G.to_undirected() if that is what you mean."
        )
    if G.number_of_nodes() < min_nodes:
        raise InvalidParameterError(
            f"{func} needs a graph with at least {min_nodes} node(s). Got {G.number_of_nodes()}."
        )
    return G


def check_weight(G: nx.Graph, weight: str | None, func: str) -> str | None:
    """Check that every edge carries a finite, non-negative numeric ``weight`` attribute."""
    if weight is None:
        return None
    if not isinstance(weight, str):
        raise InvalidParameterError(
            f"The 'weight' parameter of {func} must be an edge attribute name or None. "
            f"Got {weight!r}."
        )
    for u, v, d in G.edges(data=True):
        if weight not in d:
            raise InvalidParameterError(
                f"The 'weight' parameter of {func} names the edge attribute {weight!r}, but the "
                f"edge ({u!r}, {v!r}) has no such attribute."
            )
        w = d[weight]
        if not isinstance(w, numbers.Real) or isinstance(w, bool) or not np.isfinite(w) or w < 0:
            raise InvalidParameterError(
                f"Edge weights used by {func} must be finite non-negative numbers. "
                f"Edge ({u!r}, {v!r}) has {weight}={w!r}."
            )
    return weight


def check_option(value: _T, options: Iterable, name: str, func: str) -> _T:
    """Check that ``value`` is one of ``options``."""
    options = tuple(options)
    if value not in options:
        allowed = ", ".join(repr(o) for o in options)
        raise InvalidParameterError(
            f"The {name!r} parameter of {func} must be one of {allowed}. Got {value!r}."
        )
    return value


def check_number(
    value: _T,
    name: str,
    func: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    integer: bool = False,
) -> _T:
    """Check that ``value`` is a real (or integer) number inside the given bounds."""
    kind = numbers.Integral if integer else numbers.Real
    if not isinstance(value, kind) or isinstance(value, bool) or not np.isfinite(value):
        what = "an integer" if integer else "a finite number"
        raise InvalidParameterError(
            f"The {name!r} parameter of {func} must be {what}. Got {value!r}."
        )
    if low is not None and (value < low or (value == low and not low_inclusive)):
        op = ">=" if low_inclusive else ">"
        raise InvalidParameterError(
            f"The {name!r} parameter of {func} must be {op} {low}. Got {value!r}."
        )
    if high is not None and (value > high or (value == high and not high_inclusive)):
        op = "<=" if high_inclusive else "<"
        raise InvalidParameterError(
            f"The {name!r} parameter of {func} must be {op} {high}. Got {value!r}."
        )
    return value


def is_integer_seed(seed: object) -> bool:
    """Whether ``seed`` is an integer (not a bool): a seed that names a random stream, so that
    results drawn from it can be cached and reproduced from the number alone."""
    return isinstance(seed, numbers.Integral) and not isinstance(seed, bool)


def check_seed(seed: np.random.Generator | int | None, func: str) -> np.random.Generator:
    """Turn ``seed`` (None, int or Generator) into a numpy Generator."""
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    if is_integer_seed(seed) and seed >= 0:
        return np.random.default_rng(int(seed))
    raise InvalidParameterError(
        f"The 'seed' parameter of {func} must be None, a non-negative integer or a "
        f"numpy.random.Generator. Got {seed!r}."
    )
