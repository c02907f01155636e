"""Dyad matrices shared by the QAP tests: input conversion, node alignment, permutations.

Every public function of :mod:`lsmnet.inference` takes its dyadic inputs as networkx graphs,
labelled square DataFrames or numpy arrays; :func:`align` turns them into float arrays in one
node order. :func:`run_chunks` evaluates pre-drawn node permutations in chunks, optionally on
several joblib threads, so that results never depend on ``n_jobs``.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._progress import progress as _progress
from lsmnet._validation import check_number
from lsmnet.exceptions import InvalidParameterError

# Cells of permuted matrices held in memory at once per chunk (about 32 MB of float64).
CHUNK_CELLS = 4_000_000


def _label(name: str) -> str:
    return f"{name!r} parameter" if name in ("x", "y", "network") else f"predictor {name!r}"


def _frame_matrix(M: pd.DataFrame, name: str, func: str) -> tuple[np.ndarray, list]:
    nodes = list(M.index)
    if M.shape[0] != M.shape[1] or set(M.columns) != set(nodes) or len(set(nodes)) != len(nodes):
        raise InvalidParameterError(
            f"The {_label(name)} of {func} must be a square DataFrame whose columns are its "
            f"index labels (one row and one column per node). Got shape {M.shape}."
        )
    values = M.loc[nodes, nodes]
    try:
        array = values.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError) as err:
        raise InvalidParameterError(
            f"The {_label(name)} of {func} must hold numbers. {err}."
        ) from err
    return array, nodes


def _as_labelled(obj, name: str, func: str, weight) -> tuple[np.ndarray, list | None, bool]:
    """``(matrix, node labels or None, is a directed graph)`` of one input."""
    if isinstance(obj, nx.Graph):
        if obj.is_multigraph():
            raise InvalidParameterError(
                f"The {_label(name)} of {func} is a multigraph. Collapse parallel edges first, "
                "e.g. with nx.DiGraph(G) or lsmnet.partnership_graph(..., combine='sum')."
            )
        nodes = list(obj)
        A = nx.to_numpy_array(obj, nodelist=nodes, weight=weight, nonedge=0.0)
        return A, nodes, obj.is_directed()
    if isinstance(obj, pd.DataFrame):
        A, nodes = _frame_matrix(obj, name, func)
        return A, nodes, False
    if isinstance(obj, np.ndarray | list):
        try:
            A = np.asarray(obj, dtype=float)
        except (TypeError, ValueError) as err:
            raise InvalidParameterError(
                f"The {_label(name)} of {func} must hold numbers. {err}."
            ) from err
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            raise InvalidParameterError(
                f"The {_label(name)} of {func} must be a square matrix. Got shape {A.shape}."
            )
        return A.copy(), None, False
    raise InvalidParameterError(
        f"The {_label(name)} of {func} must be a networkx graph, a square pandas DataFrame "
        f"labelled by node, or a square numpy array. Got {type(obj).__name__}; build dyad "
        "matrices from NetworkData with lsmnet.dyad_layer, dyad_same and the other dyad_* "
        "helpers."
    )


def align(inputs: dict, func: str, *, weight: str | None = None) -> tuple[list, dict, bool]:
    """Convert every input to a float array in one node order.

    ``inputs`` maps a name (``"y"`` or a predictor name) to a graph, DataFrame or array. The
    first labelled input fixes the node order; every other labelled input must have the same
    nodes, and arrays the same size. Returns ``(nodes, matrices, any directed graph)``.
    """
    converted = {k: _as_labelled(v, k, func, weight) for k, v in inputs.items()}
    nodes = next((labels for _, labels, _ in converted.values() if labels is not None), None)
    sizes = {k: A.shape[0] for k, (A, _, _) in converted.items()}
    n = len(nodes) if nodes is not None else next(iter(sizes.values()))
    if nodes is None:
        nodes = list(range(n))
    matrices = {}
    for key, (A, labels, _) in converted.items():
        if labels is None:
            if A.shape[0] != n:
                raise InvalidParameterError(
                    f"The {_label(key)} of {func} has {A.shape[0]} rows, but the other inputs "
                    f"have {n} nodes. Give every matrix one row and column per node, in the "
                    "same order."
                )
            matrices[key] = A
            continue
        if set(labels) != set(nodes):
            extra = [v for v in labels if v not in set(nodes)]
            lacking = [v for v in nodes if v not in set(labels)]
            shown = ", ".join(repr(v) for v in (extra or lacking)[:5])
            kind = "has nodes the other inputs lack" if extra else "lacks nodes of other inputs"
            raise InvalidParameterError(
                f"The {_label(key)} of {func} {kind}: {shown}. Give every input the same "
                "nodes, e.g. build each one with nodes=list(data.organizations['org_id'])."
            )
        order = pd.Index(labels).get_indexer(nodes)
        matrices[key] = A[np.ix_(order, order)]
    return nodes, matrices, any(d for _, _, d in converted.values())


def is_symmetric(A: np.ndarray) -> bool:
    return bool(np.allclose(A, A.T, rtol=0, atol=0, equal_nan=True))


def resolve_directed(matrices: dict, directed: bool | None, any_digraph: bool, func: str) -> bool:
    """Decide whether dyads are ordered (see the ``directed`` parameter of the callers)."""
    if directed not in (None, True, False):
        raise InvalidParameterError(
            f"The 'directed' parameter of {func} must be None, True or False. Got {directed!r}."
        )
    asymmetric = [k for k, A in matrices.items() if not is_symmetric(A)]
    if directed is None:
        return any_digraph or bool(asymmetric)
    if directed is False and asymmetric:
        raise InvalidParameterError(
            f"The 'directed' parameter of {func} is False, but the {_label(asymmetric[0])} is "
            "not symmetric, so one triangle would silently drop information. Pass "
            "directed=True, or symmetrise the matrix yourself (e.g. np.maximum(A, A.T))."
        )
    return bool(directed)


def dyad_index(n: int, directed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of every dyad: off-diagonal cells, or the upper triangle if undirected."""
    if directed:
        rows, cols = np.nonzero(~np.eye(n, dtype=bool))
        return rows, cols
    return np.triu_indices(n, k=1)


def check_finite(
    matrices: dict, nodes: list, rows: np.ndarray, cols: np.ndarray, func: str
) -> None:
    """Refuse missing or infinite values in the dyads used."""
    for key, A in matrices.items():
        cells = A[rows, cols]
        bad = ~np.isfinite(cells)
        if bad.any():
            where = [
                (nodes[r], nodes[c]) for r, c in zip(rows[bad][:3], cols[bad][:3], strict=True)
            ]
            shown = ", ".join(f"({a!r}, {b!r})" for a, b in where)
            raise InvalidParameterError(
                f"The {_label(key)} of {func} has {int(bad.sum())} missing or infinite dyad "
                f"value(s), e.g. {shown}. Fill them, or leave out the nodes with missing "
                "attributes (pass nodes=[...] to the dyad_* helpers and subset the graph)."
            )


def check_jobs(n_jobs: int | None, func: str) -> int:
    """Number of worker threads: None means 1, -1 all cores."""
    if n_jobs is None:
        return 1
    check_number(n_jobs, "n_jobs", func, integer=True)
    if n_jobs == -1:
        return os.cpu_count() or 1
    if n_jobs < 1:
        raise InvalidParameterError(
            f"The 'n_jobs' parameter of {func} must be None, -1 (all cores) or a positive "
            f"integer. Got {n_jobs!r}."
        )
    return int(n_jobs)


def draw_permutations(rng: np.random.Generator, count: int, n: int) -> np.ndarray:
    """``count`` node permutations drawn up front from one generator, one per row."""
    return rng.permuted(np.tile(np.arange(n), (count, 1)), axis=1)


def run_chunks(
    evaluate: Callable[[np.ndarray], np.ndarray],
    perms: np.ndarray,
    *,
    chunk: int,
    jobs: int,
    desc: str,
    progress: bool | None,
) -> np.ndarray:
    """Evaluate ``evaluate(perms[a:b])`` over chunks and stack the results in order.

    Several jobs run as joblib threads: the work is numpy array code that releases the GIL,
    and threads share the matrices instead of copying them to worker processes.
    """
    pieces = [perms[s : s + chunk] for s in range(0, len(perms), max(1, chunk))]
    if jobs == 1 or len(pieces) <= 1:
        results = map(evaluate, pieces)
    else:
        from joblib import Parallel, delayed

        parallel = Parallel(n_jobs=jobs, prefer="threads", return_as="generator")
        results = parallel(delayed(evaluate)(p) for p in pieces)
    out = list(_progress(results, total=len(pieces), desc=desc, enabled=progress))
    return np.concatenate(out, axis=0) if out else np.empty((0,))


def tails(null: np.ndarray, observed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two-sided, upper and lower permutation p-values, columnwise.

    ``(1 + #{b : s_b >= s})/(B + 1)`` and likewise; values within a relative 1e-9 of the
    observed one count as ties so that floating-point noise cannot flip them.
    """
    B = null.shape[0]
    tol = 1e-12 + 1e-9 * np.abs(observed)
    with np.errstate(invalid="ignore"):
        ge = (null >= observed - tol).sum(axis=0)
        le = (null <= observed + tol).sum(axis=0)
        both = (np.abs(null) >= np.abs(observed) - tol).sum(axis=0)
    p = (1 + np.stack([both, ge, le])) / (B + 1)
    p[:, np.isnan(observed)] = np.nan
    return p[0], p[1], p[2]
