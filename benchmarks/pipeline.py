"""Step-by-step timing of the risk pipeline that :func:`lsmnet.report` runs.

Usage::

    python benchmarks/pipeline.py 2000                 # every step once, wall seconds
    python benchmarks/pipeline.py 2000 --memory        # also the traced peak (slower)
    python benchmarks/pipeline.py 2000 --profile out.prof   # cProfile of lsm.report
    python benchmarks/pipeline.py 2000 --report        # lsm.report alone (wall, peak RSS)
    python benchmarks/pipeline.py 10000 --skip coalition_health   # the other steps only
    python benchmarks/pipeline.py 5000 --report --jobs 2   # n_jobs=2 (-1: all cores)

The sector is :func:`sectors.sector_data` with 30 coalitions and 1.5 memberships per
organisation, seeded with the size (the ``report`` case of ``benchmarks/run.py``). Steps run
in the order of the report, in one process, so that later steps reuse what earlier ones
cached, as in the report. Timings depend on the machine and on its load.
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import sectors

import lsmnet as lsm
from lsmnet.risk.weaving import MAX_NODES


def sector(n: int):
    """The synthetic sector of ``n`` organisations of the report benchmark."""
    return sectors.sector_data(n, 30, memberships_total=3 * n // 2, seed=n)


def steps(data, n_jobs: int | None = None) -> dict:
    """The report's risk steps, by name (same arguments as :func:`lsmnet.report`)."""
    ids = list(data.coalitions["coalition_id"])
    return {
        "coalition_health": lambda: lsm.coalition_health(data, progress=False, n_jobs=n_jobs),
        "risk_flags": lambda: lsm.risk_flags(data, progress=False, n_jobs=n_jobs),
        "member_table": lambda: [lsm.member_table(data, c, n_jobs=n_jobs) for c in ids],
        "trust_value_scores": lambda: [lsm.trust_value_scores(data, coalition=c) for c in ids],
        "bridge_organizations": lambda: lsm.bridge_organizations(data),
        "weaving_suggestions": lambda: (
            # the report skips it above MAX_NODES organisations (a dense distance matrix)
            lsm.weaving_suggestions(data, top=10) if len(data.organizations) <= MAX_NODES else None
        ),
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workers_cpu() -> float:
    """CPU seconds of the joblib (loky) worker processes, which are shut down to count them:
    on a shared machine the wall time says little about what n_jobs saves, the CPU time
    moved out of the main process does."""
    from joblib.externals.loky import get_reusable_executor

    get_reusable_executor().shutdown(wait=True)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="organisations")
    parser.add_argument("--memory", action="store_true", help="traced peak per step")
    parser.add_argument("--profile", help="write a cProfile of lsm.report to this file")
    parser.add_argument("--report", action="store_true", help="time lsm.report only")
    parser.add_argument("--skip", nargs="*", default=(), help="steps not to run")
    parser.add_argument(
        "--jobs", type=int, default=None, help="n_jobs of the report and its steps (-1: all cores)"
    )
    args = parser.parse_args(argv)
    t = time.perf_counter()
    data = sector(args.n)
    print(
        f"sector: {args.n} organisations, {len(data.memberships)} memberships, "
        f"{len(data.ties)} ties, {len(data.ratings)} ratings ({time.perf_counter() - t:.1f} s)"
    )
    lsm.risk_flags(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01")  # imports
    base = peak_rss_mb()
    if args.profile or args.report:
        profiler = cProfile.Profile() if args.profile else None
        t, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        lsm.report(data, progress=False, n_jobs=args.jobs)
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        wall, cpu = time.perf_counter() - t, time.process_time() - cpu
        print(
            f"lsm.report (n_jobs={args.jobs}): {wall:.1f} s, CPU of this process {cpu:.1f} s "
            f"+ joblib workers {workers_cpu():.1f} s, peak RSS {peak_rss_mb():.0f} MB "
            f"(before: {base:.0f} MB; workers not counted)"
        )
        return 0
    total = 0.0
    for name, step in steps(data, args.jobs).items():
        if name in args.skip:
            continue
        if args.memory:
            tracemalloc.start()
        t = time.perf_counter()
        step()
        seconds = time.perf_counter() - t
        total += seconds
        extra = ""
        if args.memory:
            extra = f", traced peak {tracemalloc.get_traced_memory()[1] / 2**20:.0f} MB"
            tracemalloc.stop()
        print(f"{name:22s} {seconds:7.2f} s{extra}", flush=True)
    print(f"{'total':22s} {total:7.2f} s, peak RSS {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
