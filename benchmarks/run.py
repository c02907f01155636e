"""lsmnet benchmarks: wall time, CPU time and peak memory, side by side with plain networkx.

Usage::

    python benchmarks/run.py --quick      # under 5 minutes; run by .ci/run
    python benchmarks/run.py --full       # 1k, 10k and 100k organisations (1M ties at the top)
    python benchmarks/run.py --full --only projection,backbone
    python benchmarks/run.py --full --only cug_test --merge "why the rows were measured again"

Each case (``benchmarks/cases.py``) runs in a fresh subprocess so that its peak memory is its
own, and lsmnet runs before networkx in it. For every function that networkx also has, the
same computation is done with plain networkx in the same run; where networkx would take more
than a few minutes it is timed on a sample of sources/nodes and extrapolated linearly, and the
row says so. Where both compute the same values they are compared (exact algorithms to 1e-9)
and the run exits with status 1 if they disagree or a case crashes. Ratios (networkx time /
lsmnet time) are the headline, because absolute times depend on the machine and its load; the
1-minute load average is recorded with every row, and CPU time next to wall time.

Synthetic sectors come from ``benchmarks/sectors.py`` (seeded). Results are written to
``benchmarks/results/{quick,full}.json`` and printed as a Markdown table
(``docs/performance.md`` shows them).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

K, TENK, HUNDREDK = 1_000, 10_000, 100_000
# case name -> sizes (organisations; memberships for risk_health) in quick and full mode
PLAN = {
    "quick": {
        "metrics_vs_networkx": [500],
        "centrality_table": [K, TENK],
        "centralization": [500],
        "bonacich_power": [K],
        "pagerank": [K],
        "structural_holes": [K],
        "brokerage_roles": [TENK],
        "ei_index": [TENK],
        "core_periphery": [K],
        "fragmentation": [K],
        "fragmentation_centrality": [K],
        "inequality": [TENK],
        "cohesion_summary": [K],
        "cug_test": [K],
        "backbone": [TENK],
        "projection": [K, TENK],
        "projection_graph": [TENK],
        "risk_health": [5_000],
        "report": [250],
        "import_time": [0],
    },
    "full": {
        "metrics_vs_networkx": [500],
        "centrality_table": [K, TENK, HUNDREDK],
        "centrality_table_exact": [TENK],
        "centralization": [K, TENK, HUNDREDK],
        "bonacich_power": [K, TENK, HUNDREDK],
        "pagerank": [K, TENK, HUNDREDK],
        "structural_holes": [K, TENK, HUNDREDK],
        "brokerage_roles": [K, TENK, HUNDREDK],
        "ei_index": [K, TENK, HUNDREDK],
        "core_periphery": [K, TENK],
        "fragmentation": [K, TENK, HUNDREDK],
        "fragmentation_centrality": [K, TENK, HUNDREDK],
        "inequality": [K, TENK, HUNDREDK],
        "cohesion_summary": [K, TENK],
        "cug_test": [K, TENK, HUNDREDK],
        "backbone": [K, TENK, HUNDREDK],
        "projection": [K, TENK, HUNDREDK],
        "projection_graph": [TENK, HUNDREDK],
        "risk_health": [20_000],
        "report": [250, K, 2_000, TENK],
        "import_time": [0],
    },
}
# sizes a case is not run at, and why (shown as a row of the table)
NOT_RUN = {
    ("core_periphery", HUNDREDK): "the local search scores every single-node move of 22 "
    "starts: quadratic in the number of nodes",
    ("cohesion_summary", HUNDREDK): "mean distance and diameter need a search from every "
    "node (about 10^11 steps at 100k nodes / 1M ties)",
    ("report", HUNDREDK): "time and memory grew about linearly from 2,000 to 10,000 "
    "organisations (37 s / 0.8 GB to 180 s / 3.1 GB): about 30 minutes and 30 GB at 100,000, "
    "more than the 24 GB machine",
}


def _child(case: str, n: int) -> None:
    import cases

    load = os.getloadavg()[0]
    result = getattr(cases, f"case_{case}")(n)
    result["load"] = round(max(load, os.getloadavg()[0]), 2)
    print(json.dumps(result))


def _machine() -> dict:
    import numpy as np

    import lsmnet

    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if "model name" in line)
    except (OSError, StopIteration):
        pass
    try:
        with open("/proc/meminfo") as fh:
            memory = int(fh.readline().split()[1]) / 1024**2
    except (OSError, IndexError, ValueError):
        memory = float("nan")
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "python": platform.python_version(),
        "lsmnet": lsmnet.__version__,
        "numpy": np.__version__,
        "blas_env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
    }


def _fmt(x, digits=2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def row_markdown(res: dict) -> str:
    if res.get("skipped"):
        return f"| {res['case']} | {res['size']:,} | not run | | | | | | | {res['skipped']} |"
    ratio = f"{res['nx_seconds'] / res['seconds']:.0f}x" if res.get("nx_seconds") else "-"
    ext = " (extrapolated)" if res["nx_extrapolated"] else ""
    nx_s = f"{res['nx_seconds']:.2f}{ext}" if res.get("nx_seconds") else "-"
    peak = "-" if res.get("peak_mb") is None else f"{res['peak_mb']:.0f} ({res['base_mb']:.0f})"
    agree = {True: "yes", False: "**NO**", None: "-"}[res["agree"]]
    return (
        f"| {res['case']} | {res['size']:,} | {res['seconds']:.2f} | "
        f"{_fmt(res.get('cpu_seconds'))} | {nx_s} | {ratio} | {peak} | {agree} | "
        f"{res.get('load', '-')} | {res['note'].replace('|', '&#124;')} |"
    )


HEADER = (
    "| case | size | lsmnet wall (s) | lsmnet CPU (s) | networkx (s) | ratio | "
    "peak MB (before) | agrees | load | note |\n|---|---|---|---|---|---|---|---|---|---|"
)


def merge(path: Path, rerun: dict, why: str, plan_name: str) -> None:
    """Put the rows of ``rerun`` into the results file ``path``, in the plan's order."""
    results = json.loads(path.read_text())
    new = {(r["case"], r["size"]): dict(r, rerun=rerun["command"]) for r in rerun["rows"]}
    old = {(r["case"], r["size"]): r for r in results["rows"]}
    order = [(c, n) for c, sizes in PLAN[plan_name].items() for n in sizes]
    order += [key for key in NOT_RUN if key not in order]
    order += [key for key in old if key not in order]
    results["rows"] = [new.get(key, old.get(key)) for key in order if key in new or key in old]
    results.setdefault("reruns", []).append(
        {"command": rerun["command"], "cases": sorted({c for c, _ in new}), "why": why}
    )
    path.write_text(json.dumps(results, indent=1) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small sizes, under 5 minutes")
    mode.add_argument("--full", action="store_true", help="1k, 10k and 100k organisations")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--only", help="comma-separated case names to run")
    parser.add_argument("--out", help="results file (default benchmarks/results/<mode>.json)")
    parser.add_argument(
        "--merge",
        metavar="WHY",
        help="with --only: replace those cases' rows in the results file instead of "
        "overwriting it, and record the command and WHY they were measured again",
    )
    args = parser.parse_args(argv)
    if args.case:
        _child(args.case, args.size)
        return 0
    plan_name = "full" if args.full else "quick"
    plan = PLAN[plan_name]
    if args.merge and not args.only:
        parser.error("--merge needs --only")
    if args.only:
        unknown = set(args.only.split(",")) - set(plan)
        if unknown:
            parser.error(f"unknown case(s) for --{plan_name}: {', '.join(sorted(unknown))}")
        plan = {k: v for k, v in plan.items() if k in args.only.split(",")}
    out = Path(args.out) if args.out else HERE / "results" / f"{plan_name}.json"
    target = out
    if args.merge:
        if not target.exists():
            parser.error(f"--merge: {target} does not exist; run the whole plan first")
        out = out.with_name(f"{out.stem}.rerun.json")
        out.unlink(missing_ok=True)  # left by an interrupted run: never merge stale rows
    out.parent.mkdir(exist_ok=True)
    started = time.time()
    rows, failed = [], []
    machine = _machine()
    print(f"Machine: {machine}\n\n{HEADER}", flush=True)
    todo = [(case, n) for case, sizes in plan.items() for n in sizes]
    if args.full:
        todo += [key for key in NOT_RUN if key[0] in plan]
    for case, n in todo:
        if (case, n) in NOT_RUN:
            res = {"case": case, "size": n, "skipped": NOT_RUN[(case, n)]}
        else:
            cmd = [sys.executable, str(Path(__file__)), "--case", case, "--size", str(n)]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                failed.append(f"{case}[{n}] crashed:\n{proc.stderr[-3000:]}")
                print(f"| {case} | {n:,} | CRASHED | | | | | | | |", flush=True)
                continue
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            res.update(case=case, size=n, case_seconds=round(time.perf_counter() - t0, 1))
            if res["agree"] is False:
                failed.append(f"{case}[{n}] disagrees with networkx: {res['note']}")
        rows.append(res)
        print(row_markdown(res), flush=True)
        out.write_text(
            json.dumps(
                {
                    "command": f"python benchmarks/run.py --{plan_name}"
                    + (f" --only {args.only}" if args.only else ""),
                    "machine": machine,
                    "total_seconds": round(time.time() - started, 1),
                    "rows": rows,
                },
                indent=1,
            )
            + "\n"
        )
    if args.merge and out.exists():  # nothing to merge when every case crashed
        merge(target, json.loads(out.read_text()), args.merge, plan_name)
        out.unlink()
        out = target
    print(f"\ntotal {time.time() - started:.0f} s; results in {out}")
    for f in failed:
        print("FAILED:", f, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
