"""Every rule of the risk register at scale: rows, time and traced peak memory per family.

Usage::

    python benchmarks/flags_scale.py 20000        # the report benchmark's sector at 20,000

The sector is :func:`pipeline.sector` (30 coalitions, 1.5 memberships per organisation).
Each flag family's ``evaluate`` is wrapped to time it and, with ``--memory``, to record the
largest memory it allocates (``tracemalloc``, which slows the run several times); the rows
of each code show whether any rule grows with pairs of members rather than with members and
ties. Timings depend on the machine and on its load.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pipeline

import lsmnet as lsm
from lsmnet.risk import flags


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="organisations")
    parser.add_argument("--memory", action="store_true", help="traced peak per family")
    args = parser.parse_args(argv)
    data = pipeline.sector(args.n)
    members = data.memberships.groupby("coalition_id").size()
    print(
        f"sector: {args.n} organisations, {len(data.memberships)} memberships (largest "
        f"coalition {members.max()}), {len(data.ties)} ties, {len(data.ratings)} ratings"
    )
    seconds: dict = {}
    peaks: dict = {}

    def timed(family):
        name = family.__name__.rsplit(".", 1)[-1]

        def evaluate(scope):
            if args.memory:
                tracemalloc.reset_peak()
                start = tracemalloc.get_traced_memory()[0]
            t = time.perf_counter()
            family.evaluate(scope)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t
            if args.memory:
                peak = tracemalloc.get_traced_memory()[1]
                peaks[name] = max(peaks.get(name, 0), peak - start)
                peaks["all"] = max(peaks.get("all", 0), peak)

        return type(name, (), {"evaluate": staticmethod(evaluate)})

    wrapped = {family: timed(family) for family in flags.FAMILIES}
    flags.FAMILIES = tuple(wrapped[f] for f in flags.FAMILIES)
    flags.STRUCTURAL = tuple(wrapped[f] for f in flags.STRUCTURAL)
    if args.memory:
        tracemalloc.start()
    base = pipeline.peak_rss_mb()
    t = time.perf_counter()
    register = lsm.risk_flags(data, progress=False)
    total = time.perf_counter() - t
    traced = f", traced peak {peaks['all'] / 2**20:.0f} MB" if args.memory else ""
    print(
        f"risk_flags: {total:.1f} s, {len(register)} rows, peak RSS "
        f"{pipeline.peak_rss_mb():.0f} MB (before: {base:.0f} MB){traced}"
    )
    for name in seconds:
        extra = ""
        if args.memory:
            extra = f", largest traced peak of one coalition {peaks[name] / 2**20:7.1f} MB"
        print(f"  {name:14s} {seconds[name]:7.2f} s{extra}")
    counts = register.groupby("code", sort=False).size()
    print(f"rows per code (memberships: {len(data.memberships)}):")
    print("  " + ", ".join(f"{code} {count}" for code, count in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
