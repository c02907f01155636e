"""Where :func:`lsmnet.report` spends its time and memory, step by step (issue 18).

Usage::

    python benchmarks/memory_steps.py --orgs 20000              # national shape, smaller
    python benchmarks/memory_steps.py --orgs 20000 --jobs 2
    python benchmarks/memory_steps.py --orgs 20000 --trace 8    # + top 8 allocation sites
    python benchmarks/memory_steps.py --orgs 20000 --sizes      # + sizes of the big objects
    python benchmarks/memory_steps.py --orgs 20000 --unchanged  # inside unchanged_data(data)

The sector is the national shape of ``benchmarks/national.py`` (300 coalitions, two
memberships per organisation, mean partner degree 10 inside each coalition). The report runs
as it is, in one call: its own step loop is observed from outside (the progress iterator of
:mod:`lsmnet.reporting.core` is replaced by one that measures between steps), so the steps,
their order and their caches are exactly the report's. For each step it prints the wall
time, the peak resident memory *during* the step (Linux ``VmHWM``, reset before each step
through ``/proc/self/clear_refs``), its growth over the resident memory at the step's start,
and the resident memory left after it. The joblib workers of ``--jobs`` are other processes:
their memory is not counted.

``--trace N`` adds :mod:`tracemalloc` (slower, about 2x): after each step, the N source lines
whose live Python allocations grew most during it. ``--sizes`` estimates, after the report,
the memory held by the big objects (the tables, the scope cache of ``lsmnet.risk.flags``:
the whole-sector partnership graph, each coalition's graph, flag rows and cached tables) by
walking the objects they reference (``gc.get_referents``; each object counted once, in the
first group that reaches it). ``--unchanged`` runs the report inside
:func:`lsmnet.risk.flags.unchanged_data`, so that the scope cache checks the tables once
instead of before each of the report's calls (about 300: one per member table).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import national

import lsmnet as lsm
import lsmnet.reporting.core as core
from lsmnet.risk.flags import unchanged_data


def _status(field: str) -> float:
    """A memory field of /proc/self/status (``VmRSS``, ``VmHWM``), in MB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status (Linux only)")


def _reset_peak() -> None:
    """Start a new peak: VmHWM becomes the current VmRSS (Linux 4.0+)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")


class Steps:
    """Measures each step of the report between the iterations of its progress loop."""

    def __init__(self, trace: int = 0):
        self.trace = trace
        self.rows: list[tuple] = []
        self._snapshot = None

    def start(self):
        gc.collect()
        _reset_peak()
        self._rss = _status("VmRSS")
        if self.trace:
            self._snapshot = tracemalloc.take_snapshot()
        self._t = time.perf_counter()

    def stop(self, name: str):
        seconds = time.perf_counter() - self._t
        peak = _status("VmHWM")
        gc.collect()
        after = _status("VmRSS")
        self.rows.append((name, seconds, peak, peak - self._rss, after))
        print(
            f"{name:12s} {seconds:8.1f} s   peak {peak:8.0f} MB (+{peak - self._rss:6.0f})"
            f"   after {after:8.0f} MB",
            flush=True,
        )
        if self.trace:
            stats = tracemalloc.take_snapshot().compare_to(self._snapshot, "lineno")
            for stat in stats[: self.trace]:
                frame = stat.traceback[0]
                where = f"{Path(frame.filename).name}:{frame.lineno}"
                print(f"{'':14s}{stat.size_diff / 2**20:+9.1f} MB  {where}")

    def progress(self, steps, **_):
        for name in steps:
            self.start()
            yield name
            self.stop(name)

    def wrap(self, name: str, func):
        def measured(*args, **kwargs):
            self.start()
            out = func(*args, **kwargs)
            self.stop(name)
            return out

        return measured


def deep_size(obj, seen: set) -> int:
    """Bytes held by ``obj`` and everything it references not in ``seen`` (updated).

    Modules, classes and functions are not followed (shared code, not data); numpy arrays
    count their buffer (``nbytes``) when they own it.
    """
    total = 0
    stack = [obj]
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, type | type(sys) | type(deep_size)):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, np.ndarray) and o.base is None and o.dtype != object:
            total += o.nbytes
            continue
        stack.extend(gc.get_referents(o))
    return total


def sizes(data) -> list[tuple[str, float]]:
    """Estimated MB held by the big objects after the report (first group claims an object)."""
    from lsmnet.risk import flags

    entry = flags._CACHE._entry
    seen: set = set()
    out = []

    def add(name, *objs):
        out.append((name, sum(deep_size(o, seen) for o in objs) / 2**20))

    for table in ("organizations", "coalitions", "memberships", "ties", "ratings"):
        frame = getattr(data, table)
        add(f"data.{table} ({len(frame)} rows)", frame)
    if entry is None:
        return out
    for shared in entry.shared.values():
        G = shared.partnership
        add(f"whole-sector partnership graph ({G.number_of_edges()} ties)", G)
        add("Shared: other cached tables", shared)
    scopes = list(entry.scopes.values())
    add(f"scope graphs ({len(scopes)} coalitions)", *[s.graph for s in scopes])
    add(
        f"scope flag rows ({sum(len(s.rows) for s in scopes)} rows)",
        *[s.rows for s in scopes],
    )
    by_attr: dict = {}
    for s in scopes:
        for k, v in vars(s).items():
            if k not in ("data", "shared", "graph", "rows", "rng", "t"):
                by_attr.setdefault(k, []).append(v)
    for k, values in sorted(by_attr.items()):
        add(f"scope.{k}", *values)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=None, help="n_jobs of lsm.report")
    parser.add_argument("--trace", type=int, default=0, help="top allocation sites per step")
    parser.add_argument("--sizes", action="store_true", help="sizes of the big objects")
    parser.add_argument("--unchanged", action="store_true", help="inside unchanged_data(data)")
    args = parser.parse_args(argv)
    steps = Steps(trace=args.trace)
    steps.start()
    data = national.sector(args.orgs)
    steps.stop("sector")
    if args.trace:
        tracemalloc.start()
    core._progress = steps.progress
    core._units = steps.wrap("units", core._units)
    core._priorities = steps.wrap("priorities", core._priorities)
    start = time.perf_counter()
    with unchanged_data(data) if args.unchanged else contextlib.nullcontext():
        rep = lsm.report(data, progress=False, n_jobs=args.jobs)
    wall = time.perf_counter() - start
    print(
        f"lsm.report: {wall:.0f} s, {len(rep.flags)} flags, VmRSS {_status('VmRSS'):.0f} MB, "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    if args.sizes:
        tracemalloc.stop()
        add = [("report.flags", rep.flags.memory_usage(deep=True).sum() / 2**20)]
        for name, mb in add + sizes(data):
            print(f"  {mb:9.1f} MB  {name}")
    table = pd.DataFrame(
        steps.rows, columns=["step", "seconds", "peak MB", "peak growth MB", "after MB"]
    )
    print(table.round(1).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
