"""How do I compute the centralities of a national sector on a cluster?

lsmnet's costly path measures run through joblib with ``n_jobs`` (scikit-learn's
convention). On one machine, ``n_jobs=-1`` uses every core; for more, start a Dask cluster
and put the call inside ``joblib.parallel_backend("dask")``: the same pieces of work go to the
cluster's workers, and the values are identical to the one-core run. This script starts a
local cluster of two worker processes (``--scheduler tcp://host:8786`` joins a real one), runs
``centrality_table`` on it and checks the result against the one-core run.

    python examples/centrality_on_a_dask_cluster.py                  # 2,500 organisations
    python examples/centrality_on_a_dask_cluster.py --nodes 10000
    python examples/centrality_on_a_dask_cluster.py --scheduler tcp://10.0.0.5:8786

Needs dask.distributed (``pip install "dask[distributed]"``; in lsmnet's dev extras).
"""

from __future__ import annotations

import argparse
import time

import joblib
import networkx as nx
import pandas as pd

import lsmnet as lsm


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="centrality_table on a Dask cluster")
    parser.add_argument("--nodes", type=int, default=2_500, help="organisations (seeded G(n, 3n))")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    G = nx.gnm_random_graph(args.nodes, 3 * args.nodes, seed=1)
    start = time.perf_counter()
    one_core = lsm.centrality_table(G, n_jobs=1)
    print(f"one core: {time.perf_counter() - start:.1f} s")

    if args.scheduler:
        client, cluster = Client(args.scheduler), None
    else:
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        start = time.perf_counter()
        with joblib.parallel_backend("dask"):
            on_cluster = lsm.centrality_table(G)
        workers = len(client.scheduler_info()["workers"])
        print(f"{workers} Dask workers: {time.perf_counter() - start:.1f} s")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    pd.testing.assert_frame_equal(on_cluster, one_core, check_exact=True)
    top = on_cluster["betweenness"].idxmax()
    print(f"identical to the one-core run; top broker: node {top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
