"""Where the time of a sector's report goes: the risk computations, then each step of the page
and of the workbook (issues 16 and 18).

Run from the repository root::

    python benchmarks/report_speed.py                          # 2,000 organisations, 30 coalitions
    python benchmarks/report_speed.py --coalitions 300 --memberships 8000
    python benchmarks/report_speed.py --save /tmp/r.pkl        # keep the computed report ...
    python benchmarks/report_speed.py --load /tmp/r.pkl        # ... and time only the rendering

The sector is the seeded synthetic one of ``benchmarks/sectors.py`` (the seed is the number of
organisations for 30 coalitions, as in the ``report`` case of ``benchmarks/run.py``, and 0
otherwise, as in ``benchmarks/report_size.py``). ``lsm.report`` is timed as a whole (its risk
and metric steps are profiled by the risk benchmarks); the rendering is timed step by step:
layouts, static maps, interactive map data, the other figures, register, member tables, the
template, the workbook's tables and the writing of the workbook. The page's steps are timed
again inside ``Report.to_html`` and ``Report.to_excel``, which is what a user runs. Not a
timed test: figures for the performance page (the machine's load changes them).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def _timed(times: dict, name: str, step):
    start = time.perf_counter()
    result = step()
    times[name] = time.perf_counter() - start
    return result


def rendering_steps(rep) -> dict:
    """Seconds of each step of the page and the workbook of the report ``rep``."""
    from lsmnet.reporting import charts, excel, html, methods, netmap, sections, workbook
    from lsmnet.reporting.common import largest_units

    times: dict = {}
    graphs, captions, positions = _timed(times, "map layouts", lambda: charts.map_graphs(rep))
    printed = {u: graphs[u] for u in graphs if u in largest_units(rep, graphs)}
    _timed(times, "static maps (PNG)", lambda: charts.maps(rep, printed, captions, positions))
    _timed(times, "interactive map data", lambda: netmap.map_items(rep, graphs, positions))
    _timed(times, "quadrants (PNG)", lambda: charts.quadrants(rep))
    _timed(times, "Lorenz, layers (SVG)", lambda: (charts.lorenz(rep), charts.layers(rep)))
    _timed(times, "scorecards", lambda: sections._scorecards(rep))
    _timed(times, "register", lambda: sections._risk_groups(rep))
    _timed(times, "member tables", lambda: sections._member_tables(rep))
    _timed(times, "methods", lambda: methods.methods(rep))
    context = _timed(times, "page context (all)", lambda: sections.context(rep, progress=False))
    _timed(times, "template", lambda: html.render(context, lang=rep.lang))
    tables = _timed(times, "workbook tables", lambda: workbook.sheets(rep))
    with tempfile.TemporaryDirectory() as folder:
        _timed(
            times,
            "workbook writing",
            lambda: excel.write_workbook(Path(folder) / "r.xlsx", tables, lang=rep.lang),
        )
    return times


def main(argv=None) -> int:
    import sectors

    import lsmnet as lsm

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--coalitions", type=int, default=30)
    parser.add_argument("--memberships", type=int, default=None, help="default 1.5 per org")
    parser.add_argument("--lang", default="en", choices=("en", "id"))
    parser.add_argument("--save", metavar="FILE", help="pickle the computed report to FILE")
    parser.add_argument("--load", metavar="FILE", help="time the rendering of a pickled report")
    args = parser.parse_args(argv)
    if args.load:
        with open(args.load, "rb") as fh:
            rep = pickle.load(fh)  # the user's own file, written by --save
        computed = float("nan")
    else:
        memberships = args.memberships or 3 * args.organisations // 2
        seed = args.organisations if args.coalitions == 30 else 0
        data = sectors.sector_data(
            args.organisations, args.coalitions, memberships_total=memberships, seed=seed
        )
        start = time.perf_counter()
        rep = lsm.report(data, lang=args.lang, progress=False)
        computed = time.perf_counter() - start
        if args.save:
            with open(args.save, "wb") as fh:
                pickle.dump(rep, fh)
    print(
        f"{len(rep.data.organizations)} organisations, {len(rep.units)} coalitions, "
        f"{len(rep.data.memberships)} memberships, {len(rep.flags)} flags ({rep.lang}); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"  lsm.report: {computed:.1f} s")
    for name, seconds in rendering_steps(rep).items():
        print(f"  {name}: {seconds:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        page = rep.to_html(Path(folder) / "r.html", progress=False)
        to_html = time.perf_counter() - start
        start = time.perf_counter()
        rep.to_excel(Path(folder) / "r.xlsx", progress=False)
        to_excel = time.perf_counter() - start
        size = page.stat().st_size
    print(f"  to_html: {to_html:.1f} s ({size / 1024 / 1024:.2f} MB); to_excel: {to_excel:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
