"""bonacich_power around the old 5,000-node solver switch (issue 18): lsmnet against the direct
sparse factorisation (SuperLU) it used below 5,000 nodes until 0.2, on the same systems.

    python benchmarks/bonacich.py [--sizes 3000,5000,5001]

Prints, per size: nodes, ties, lsmnet's seconds, SuperLU's seconds on the same matrix, their
ratio and the largest difference of the scaled scores. Target: <= 0.1 s at 3,000 and 5,000.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as sla

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import _graph

import lsmnet as lsm


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3000,5000,5001")
    args = parser.parse_args(argv)
    lsm.bonacich_power(nx.path_graph(3), beta=0.1)  # imports outside the timing
    print("nodes   ties  lsmnet_s  superlu_s  ratio  max_diff")
    for n in (int(s) for s in args.sizes.split(",")):
        G = _graph(n)
        A = nx.to_scipy_sparse_array(G, nodelist=list(G), weight=None, dtype=float, format="csc")
        lam = float(sla.eigsh(A, k=1, which="LA", return_eigenvectors=False)[0])
        beta = 0.5 / lam
        start = time.perf_counter()
        got = lsm.bonacich_power(G, beta=beta).to_numpy()
        ours = time.perf_counter() - start
        start = time.perf_counter()
        want = sla.spsolve((sp.eye_array(n, format="csc") - beta * A).tocsc(), A @ np.ones(n))
        direct = time.perf_counter() - start
        want *= np.sqrt(n / np.sum(want**2))
        diff = float(np.max(np.abs(got - want)))
        print(
            f"{n:5d} {G.number_of_edges():6d} {ours:9.3f} {direct:10.3f} "
            f"{direct / ours:6.0f}x {diff:9.1e}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
