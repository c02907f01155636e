"""lsmnet benchmarks: wall time and peak memory, side by side with plain networkx.

Usage::

    python benchmarks/run.py --quick      # under 5 minutes; run by .ci/run
    python benchmarks/run.py --full       # 1k, 10k and 100k organisations (about an hour)

Each case runs in a fresh subprocess so that its peak memory (``ru_maxrss``) is its own. For
every case the same computation is also done with plain networkx in the same run; where networkx
would take more than a few minutes it is timed on a sample of sources/nodes and extrapolated
linearly, and the row says so. Where both compute exact values, the results are compared
(to 1e-9) and the run fails if they disagree. Ratios (networkx time / lsmnet time) are the
headline, because absolute times depend on the machine.

Results are written to ``benchmarks/results/{quick,full}.json`` and printed as a Markdown table
(``docs/performance.md`` shows the latest full run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# case name -> sizes (number of organisations) in quick and full mode
PLAN = {
    "quick": {
        "centrality_table": [1_000, 10_000],
        "bonacich_pagerank": [10_000],
        "projection": [10_000],
        "backbone": [10_000],
        "metrics_vs_networkx": [500],
        "risk_health": [2_000],
        "report": [250],
        "import_time": [0],
    },
    "full": {
        "centrality_table": [1_000, 10_000, 100_000],
        "bonacich_pagerank": [10_000, 100_000],
        "projection": [10_000, 100_000],
        "backbone": [10_000, 100_000],
        "metrics_vs_networkx": [500],
        "risk_health": [20_000],
        "report": [250, 2_000],
        "import_time": [0],
    },
}

TOL = 1e-9


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def _ties(n: int) -> int:
    # the top size carries the 1M ties; smaller sizes have mean degree 10
    return 1_000_000 if n >= 100_000 else 5 * n


# --------------------------------------------------------------------------------------------
# cases: each returns a dict with at least seconds, nx_seconds, nx_extrapolated, agree, note
# --------------------------------------------------------------------------------------------


def case_centrality_table(n: int) -> dict:
    import networkx as nx
    import numpy as np
    import sectors

    import lsmnet as lsm

    G = sectors.partnership_graph(n, mean_degree=2 * _ties(n) / n, seed=n)
    approx = 2_000 if n >= 50_000 else None
    table, seconds = _timed(lsm.centrality_table, G, approx=approx, seed=0)
    nodes = list(G)
    rng = np.random.default_rng(0)

    # networkx, column by column; per-source path measures are timed on a sample and scaled
    sample = n if n <= 1_000 else 100
    src = [nodes[i] for i in rng.choice(n, size=sample, replace=False)] if sample < n else nodes
    scale = n / len(src)
    t = {}
    _, t["degree"] = _timed(dict, G.degree())
    bc, t["betweenness"] = _timed(
        nx.betweenness_centrality, G, k=None if sample == n else sample, seed=0
    )
    _, t["closeness"] = _timed(lambda: {u: nx.closeness_centrality(G, u) for u in src})
    _, t["harmonic"] = _timed(nx.harmonic_centrality, G, nbunch=src)
    for key in ("closeness", "harmonic"):
        t[key] *= scale
    _, t["eigenvector"] = _timed(nx.eigenvector_centrality_numpy, G)
    _, t["pagerank"] = _timed(nx.pagerank, G)
    _, t["effective_size"] = _timed(nx.effective_size, G, nodes=src)
    _, t["constraint"] = _timed(nx.constraint, G, nodes=src)
    t["effective_size"] *= scale
    t["constraint"] *= scale
    _, t["core_number"] = _timed(nx.core_number, G)
    _, t["clustering"] = _timed(nx.clustering, G)
    _, t["articulation"] = _timed(lambda: set(nx.articulation_points(G)))
    if sample < n:
        t["betweenness"] *= scale  # k-sampled Brandes visits `sample` of the n sources
    nx_seconds = sum(t.values())
    agree = None
    if sample == n and approx is None:
        exact = np.array([bc[u] for u in table.index])
        agree = bool(np.allclose(table["betweenness"].to_numpy(), exact, atol=TOL, rtol=0))
    return {
        "seconds": seconds,
        "nx_seconds": nx_seconds,
        "nx_extrapolated": sample < n,
        "agree": agree,
        "note": f"{G.number_of_nodes()} nodes, {G.number_of_edges()} ties"
        + (f"; approximate betweenness ({approx} sources)" if approx else ""),
    }


def case_bonacich_pagerank(n: int) -> dict:
    import networkx as nx
    import sectors

    import lsmnet as lsm

    G = sectors.partnership_graph(n, mean_degree=2 * _ties(n) / n, seed=n)
    lsm.bonacich_power(nx.path_graph(3), beta=0.1)  # warm-up: imports, not the solve
    from scipy.sparse.linalg import eigsh

    lam = eigsh(nx.to_scipy_sparse_array(G, weight=None, dtype=float), k=1)[0][0]
    _, t_bon = _timed(lsm.bonacich_power, G, beta=0.5 / lam)
    _, t_nx = _timed(nx.pagerank, G)
    return {
        "seconds": t_bon,
        "nx_seconds": t_nx,
        "nx_extrapolated": False,
        "agree": None,
        "note": "lsmnet: sparse Bonacich solve, beta = 0.5/lambda1; networkx column: nx.pagerank "
        "(networkx has no Bonacich power)",
    }


def case_projection(n: int) -> dict:
    import networkx as nx
    import numpy as np
    import sectors

    import lsmnet as lsm

    n_coal = max(n // 20, 10)
    members = sectors.memberships(n, n_coal, seed=n)
    data = lsm.from_frames(
        organizations=pd.DataFrame({"org_id": [f"O{i}" for i in range(n)]}),
        coalitions=pd.DataFrame({"coalition_id": sorted(members["coalition_id"].unique())}),
        memberships=members,
    )
    P, seconds = _timed(lsm.comembership_graph, data)
    B = nx.Graph()
    B.add_nodes_from(members["org_id"].unique(), bipartite=0)
    B.add_nodes_from(members["coalition_id"].unique(), bipartite=1)
    B.add_edges_from(members.itertuples(index=False, name=None))
    orgs = sorted(members["org_id"].unique())
    sample = (
        orgs
        if len(orgs) <= 2_000
        else list(np.random.default_rng(0).choice(orgs, 2_000, replace=False))
    )
    Pn, t_nx = _timed(nx.bipartite.weighted_projected_graph, B, sample)
    extrapolated = len(sample) < len(orgs)
    agree = None
    if not extrapolated:
        agree = {
            frozenset(e): d["weight"] for e, d in ((e[:2], e[2]) for e in Pn.edges(data=True))
        } == {frozenset(e[:2]): e[2]["weight"] for e in P.edges(data=True)}
    else:
        t_nx *= len(orgs) / len(sample)
    return {
        "seconds": seconds,
        "nx_seconds": t_nx,
        "nx_extrapolated": extrapolated,
        "agree": agree,
        "note": f"{n} organisations x {n_coal} coalitions, {len(members)} memberships, "
        f"{P.number_of_edges()} projected ties",
    }


def case_backbone(n: int) -> dict:
    import sectors

    import lsmnet as lsm

    n_coal = max(n // 20, 10)
    members = sectors.memberships(n, n_coal, seed=n)
    data = lsm.from_frames(
        organizations=pd.DataFrame({"org_id": [f"O{i}" for i in range(n)]}),
        coalitions=pd.DataFrame({"coalition_id": sorted(members["coalition_id"].unique())}),
        memberships=members,
    )
    B = lsm.membership_graph(data)
    # Holm-corrected: without a correction nearly every one of the millions of candidate
    # pairs of a random sector is 'significant', and the time goes into building that graph
    _, t_fixed = _timed(lsm.backbone, B, null="fixedrow", mtc="holm")
    _, t_sdsm = _timed(lsm.backbone, B, null="sdsm", mtc="holm")
    return {
        "seconds": t_fixed + t_sdsm,
        "nx_seconds": None,
        "nx_extrapolated": False,
        "agree": None,
        "note": f"Holm-corrected fixedrow {t_fixed:.1f} s + sdsm {t_sdsm:.1f} s (networkx has no backbone)",
    }


def case_metrics_vs_networkx(n: int) -> dict:
    """Exact agreement of every path/linear-algebra column with networkx on a small sector."""
    import networkx as nx
    import numpy as np
    import sectors

    import lsmnet as lsm

    G = sectors.partnership_graph(n, seed=7)
    table, seconds = _timed(lsm.centrality_table, G)
    ref = {
        "betweenness": nx.betweenness_centrality(G),
        "closeness": nx.closeness_centrality(G),
        "harmonic": nx.harmonic_centrality(G),
        "pagerank": nx.pagerank(G, tol=1e-12, weight=None),
        "core_number": nx.core_number(G),
        "clustering": nx.clustering(G),
        "constraint": nx.constraint(G),
        "effective_size": nx.effective_size(G),
    }
    worst = {}
    for col, values in ref.items():
        if col not in table.columns:
            worst[col] = "missing"
            continue
        exp = np.array([values[u] for u in table.index], dtype=float)
        got = table[col].to_numpy(dtype=float)
        both = ~(np.isnan(exp) & np.isnan(got))
        diff = np.abs(got[both] - exp[both])
        worst[col] = float(np.nanmax(diff)) if diff.size else 0.0
    # PageRank is iterative on both sides: compared at the solver tolerance, not 1e-9
    tol = {"pagerank": 1e-8}
    agree = all(isinstance(v, float) and v <= tol.get(k, TOL) for k, v in worst.items())
    return {
        "seconds": seconds,
        "nx_seconds": None,
        "nx_extrapolated": False,
        "agree": agree,
        "note": "max |lsmnet - networkx| per column: "
        + ", ".join(
            f"{k} {v:.1e}" if isinstance(v, float) else f"{k} {v}" for k, v in worst.items()
        ),
    }


def case_risk_health(n: int) -> dict:
    import sectors

    import lsmnet as lsm

    n_coal = 300
    members = sectors.memberships(n, n_coal, total=n, seed=n)
    edges = sectors.partnership_edges(n, mean_degree=4, seed=n)
    data = lsm.from_frames(
        organizations=pd.DataFrame({"org_id": [f"O{i}" for i in range(n)]}),
        coalitions=pd.DataFrame({"coalition_id": sorted(members["coalition_id"].unique())}),
        memberships=members,
        ties=pd.DataFrame(
            {
                "source": [f"O{a}" for a in edges[:, 0]],
                "target": [f"O{b}" for b in edges[:, 1]],
                "layer": "operational",
            }
        ),
    )
    _, t_flags = _timed(lsm.risk_flags, data)
    _, t_health = _timed(lsm.coalition_health, data)
    return {
        "seconds": t_flags + t_health,
        "nx_seconds": None,
        "nx_extrapolated": False,
        "agree": None,
        "note": f"{n_coal} coalitions, {len(members)} memberships, {len(edges)} ties: "
        f"risk_flags {t_flags:.1f} s, coalition_health {t_health:.1f} s",
    }


def case_report(n: int) -> dict:
    import tempfile

    import lsmnet as lsm

    data = lsm.datasets.load_dataset("indonesia_demo")
    rep, seconds = _timed(lsm.report, data)
    with tempfile.TemporaryDirectory() as tmp:
        _, t_write = _timed(rep.to_html, Path(tmp) / "r.html")
    return {
        "seconds": seconds + t_write,
        "nx_seconds": None,
        "nx_extrapolated": False,
        "agree": None,
        "note": "indonesia_demo, HTML report",
    }


def case_import_time(n: int) -> dict:
    code = (
        "import sys, time; t = time.perf_counter(); import lsmnet; "
        "print(time.perf_counter() - t, 'matplotlib' in sys.modules)"
    )
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        secs, mpl = out.stdout.split()
        runs.append(float(secs))
    return {
        "seconds": min(runs),
        "nx_seconds": None,
        "nx_extrapolated": False,
        "agree": mpl == "False",
        "note": "best of 3 cold `import lsmnet`; agree = matplotlib not imported",
    }


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}


def _child(case: str, n: int) -> None:
    result = CASES[case](n)
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


def _machine() -> str:
    return f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small sizes, under 5 minutes")
    mode.add_argument("--full", action="store_true", help="1k, 10k and 100k organisations")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--only", help="comma-separated case names to run")
    args = parser.parse_args(argv)
    if args.case:
        _child(args.case, args.size)
        return 0
    plan_name = "full" if args.full else "quick"
    plan = PLAN[plan_name]
    if args.only:
        plan = {k: v for k, v in plan.items() if k in args.only.split(",")}
    rows, failed = [], []
    for case, sizes in plan.items():
        for n in sizes:
            cmd = [sys.executable, str(Path(__file__)), "--case", case, "--size", str(n)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                failed.append(f"{case}[{n}] crashed:\n{proc.stderr[-2000:]}")
                continue
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            res.update(case=case, size=n)
            if res["agree"] is False:
                failed.append(f"{case}[{n}] disagrees with networkx: {res['note']}")
            rows.append(res)
            ratio = f"{res['nx_seconds'] / res['seconds']:.0f}x" if res.get("nx_seconds") else "-"
            ext = " (extrapolated)" if res["nx_extrapolated"] else ""
            nx_s = f"{res['nx_seconds']:.2f}{ext}" if res.get("nx_seconds") else "-"
            print(
                f"| {case} | {n} | {res['seconds']:.2f} | {nx_s} | {ratio} | "
                f"{res['peak_mb']:.0f} | {res['agree']} | {res['note']} |",
                flush=True,
            )
    out = HERE / "results" / f"{plan_name}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"machine": _machine(), "rows": rows}, indent=1) + "\n")
    for f in failed:
        print("FAILED:", f, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
