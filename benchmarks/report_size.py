"""Size and time of the HTML report of a sector of 300 coalitions (issue 16: under 10 MB).

Run from the repository root::

    python benchmarks/report_size.py                 # 300 coalitions, English
    python benchmarks/report_size.py --coalitions 140 --lang id
    python benchmarks/report_size.py --jobs 2        # both cores

The sector is the seeded synthetic one of the risk benchmarks (``benchmarks/sectors.py``):
2,000 organisations and 8,000 memberships in 300 coalitions of heavy-tailed sizes, with
partnership ties, funding ties and survey ratings. Prints the wall time of ``lsm.report`` and
of ``to_html``, the file size and what takes the room (map data, images, the inlined scripts,
the rest). Not a timed test: a figure for the performance page. Exits 1 when the file is
10 MB or more.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

LIMIT = 10 * 1024 * 1024


def main(argv=None) -> int:
    import sectors

    import lsmnet as lsm

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coalitions", type=int, default=300)
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--memberships", type=int, default=8000)
    parser.add_argument("--lang", default="en", choices=("en", "id"))
    parser.add_argument("--jobs", type=int, default=None, help="n_jobs of lsm.report")
    args = parser.parse_args(argv)
    data = sectors.sector_data(
        args.organisations, args.coalitions, memberships_total=args.memberships, seed=0
    )
    start = time.perf_counter()
    rep = lsm.report(data, lang=args.lang, progress=True, n_jobs=args.jobs)
    computed = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        path = rep.to_html(Path(folder) / "report.html")
        rendered = time.perf_counter() - start
        html = path.read_text(encoding="utf-8")
        size = path.stat().st_size
    parts = {
        "map data (JSON)": sum(
            len(b.encode())
            for b in re.findall(r'<script type="application/json"[^>]*>.*?</script>', html, re.S)
        ),
        "images (data: URIs)": sum(len(u) for u in re.findall(r'src="data:[^"]+"', html)),
        "scripts (inlined once)": sum(
            len(b.encode()) for b in re.findall(r"<script>.*?</script>", html, re.S)
        ),
    }
    parts["the rest (text, tables)"] = size - sum(parts.values())
    print(
        f"{args.coalitions} coalitions, {args.organisations} organisations, "
        f"{len(data.memberships)} memberships ({args.lang}): report {computed:.1f} s, "
        f"to_html {rendered:.1f} s, {size / 1024 / 1024:.2f} MB"
    )
    for name, count in parts.items():
        print(f"  {name}: {count / 1024 / 1024:.2f} MB")
    print("by section:")
    for match in re.finditer(r'<section id="([^"]+)">(.*?)</section>', html, re.S):
        print(f"  {match.group(1)}: {len(match.group(2).encode()) / 1024 / 1024:.2f} MB")
    return 0 if size < LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
