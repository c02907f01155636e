"""A national sector: the whole report at 100,000 organisations and about a million ties.

Usage::

    python benchmarks/national.py                    # 100,000 organisations (issue 18)
    python benchmarks/national.py --orgs 20000       # the same shape, smaller
    python benchmarks/national.py --jobs 2 --html out.html

The sector is :func:`sectors.sector_data` with 300 coalitions of up to 5,000 members (heavy
tailed: ten or so at the cap, half under 340), two memberships per organisation on average and
partnership ties among co-members with mean degree 10 inside each coalition, plus 5 % random
ties: at 100,000 organisations, about 201,000 memberships, a million distinct tied pairs and
1.5 million survey ratings. Prints the wall time and the peak resident memory of
:func:`lsmnet.report` (and of ``to_html`` with ``--html``), the number of flags, and how the
path measures were computed (exact or estimated, from ``attrs``). Target (issue 18): at
most 10 minutes and 8 GB at 100,000 organisations on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sectors

import lsmnet as lsm


def sector(n: int):
    """The national-sector shape of this benchmark at ``n`` organisations."""
    return sectors.sector_data(
        n, 300, memberships_total=2 * n, partner_degree=10, cap=max(n // 20, 50), seed=n
    )


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=None, help="n_jobs of lsm.report")
    parser.add_argument("--html", help="also write the HTML report here")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    data = sector(args.orgs)
    pairs = data.ties.loc[data.ties["layer"] != "funding", ["source", "target"]]
    print(
        f"sector: {args.orgs} organisations, {len(data.coalitions)} coalitions, "
        f"{len(data.memberships)} memberships, {len(pairs.drop_duplicates())} tied pairs, "
        f"{len(data.ratings)} ratings ({time.perf_counter() - start:.0f} s, "
        f"{peak_rss_mb():.0f} MB)",
        flush=True,
    )
    options = {} if args.jobs is None else {"n_jobs": args.jobs}
    start, cpu = time.perf_counter(), time.process_time()
    rep = lsm.report(data, progress=True, **options)
    print(
        f"lsm.report: {time.perf_counter() - start:.0f} s wall, "
        f"{time.process_time() - cpu:.0f} s CPU of this process, peak RSS {peak_rss_mb():.0f} MB; "
        f"{len(rep.flags)} flags; load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    bridges = rep.bridges.attrs if rep.bridges is not None else {}
    print(f"bridge ranking: {dict(bridges)}")
    if args.html:
        start = time.perf_counter()
        rep.to_html(args.html, progress=False)
        size = Path(args.html).stat().st_size / 1e6
        print(
            f"to_html: {time.perf_counter() - start:.0f} s, {size:.2f} MB, "
            f"peak RSS {peak_rss_mb():.0f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
