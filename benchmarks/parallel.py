"""The single-call targets of issue 18: both cores, Python overhead, Bonacich power.

Usage::

    python benchmarks/parallel.py                 # 10,000 nodes / 50,000 ties
    python benchmarks/parallel.py --nodes 2000    # a smaller graph

Prints, on the seeded partnership graph of ``benchmarks/cases.py``:

- exact betweenness (``centrality_table(G, approx=n)``, every node a source) with
  ``n_jobs=1`` and ``n_jobs=2``, and the speed-up (target: at least 1.8 on an idle 2-core
  machine);
- ``centrality_table`` (exact) against the compiled engine's own calls on the same graph
  (igraph: conversion, betweenness, closeness, harmonic centrality, PageRank, eigenvector,
  k-cores, clustering), and the ratio (target: at most 1.2);
- ``bonacich_power`` at 3,000 and 5,000 nodes (target: at most 0.1 s each).

Each time is the best of ``--repeat`` runs, wall clock; the 1-minute load average is printed
with them, since other work on the machine changes every figure.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import networkx as nx
import scipy.sparse.linalg as sla
from cases import _graph

import lsmnet as lsm


def best(func, repeat: int) -> float:
    """The shortest wall time of ``repeat`` calls of ``func``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def engine_calls(G) -> None:
    """igraph's own calls for the columns of an exact, unweighted centrality_table."""
    import igraph as ig

    g = ig.Graph.from_networkx(G)
    # igraph warns that eigenvector centrality is near zero off the giant component
    warnings.filterwarnings("ignore", "Some eigenvector centralities", RuntimeWarning)
    g.betweenness(directed=False)
    g.closeness()
    g.harmonic_centrality()
    g.pagerank()
    g.eigenvector_centrality(scale=False)
    g.coreness()
    g.transitivity_local_undirected(mode="zero")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    G = _graph(args.nodes)
    n = G.number_of_nodes()
    print(f"graph: {n} nodes, {G.number_of_edges()} ties; load {os.getloadavg()[0]:.2f}")
    lsm.centrality_table(_graph(200), n_jobs=2)  # imports and worker start outside the timing
    one = best(lambda: lsm.centrality_table(G, approx=n, n_jobs=1), args.repeat)
    two = best(lambda: lsm.centrality_table(G, approx=n, n_jobs=2), args.repeat)
    print(
        f"centrality_table exact, n_jobs=1: {one:.2f} s; n_jobs=2: {two:.2f} s; "
        f"speed-up {one / two:.2f} (target >= 1.8); load {os.getloadavg()[0]:.2f}"
    )
    engine = best(lambda: engine_calls(G), args.repeat)
    print(
        f"igraph's own calls: {engine:.2f} s; centrality_table / engine = {one / engine:.2f} "
        f"(target <= 1.2); load {os.getloadavg()[0]:.2f}"
    )
    for size in (3_000, 5_000):
        H = _graph(size)
        A = nx.to_scipy_sparse_array(H, weight=None, dtype=float)
        beta = 0.5 / float(sla.eigsh(A, k=1, which="LA", return_eigenvectors=False)[0])
        seconds = best(lambda H=H, beta=beta: lsm.bonacich_power(H, beta=beta), 3)
        print(f"bonacich_power {size} nodes: {seconds:.3f} s (target <= 0.1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
