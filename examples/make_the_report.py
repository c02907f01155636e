"""Make the coalition health report (HTML and Excel), in English or Bahasa Indonesia.

The same as ``lsmnet report``, from Python: the report object holds every table, writes
``report.html`` (one self-contained file: open it in any browser, print it, send it) and
``report.xlsx`` (sortable sheets), and shows itself inline in Jupyter.

    python examples/make_the_report.py                          # C04 of the bundled example
    python examples/make_the_report.py --coalition C01 --lang id --out laporan/
    python examples/make_the_report.py my_data/ --out report/   # every coalition of your data
"""

from __future__ import annotations

import argparse
from pathlib import Path

import lsmnet as lsm


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Make the coalition health report.")
    parser.add_argument("path", nargs="?", help="CSV folder or .xlsx (default: indonesia_demo)")
    parser.add_argument(
        "--coalition",
        help="one coalition (default: C04 of the example; every coalition of your data)",
    )
    parser.add_argument("--lang", choices=["en", "id"], default="en")
    parser.add_argument("--out", type=Path, default=Path("report"), help="output folder")
    args = parser.parse_args(argv)

    if args.path:
        data, coalition = lsm.read(args.path), args.coalition
    else:
        data, coalition = lsm.datasets.load_dataset("indonesia_demo"), args.coalition or "C04"
    rep = lsm.report(data, coalition=coalition, lang=args.lang, seed=0)
    args.out.mkdir(parents=True, exist_ok=True)
    html, xlsx = args.out / "report.html", args.out / "report.xlsx"
    rep.to_html(html)
    rep.to_excel(xlsx)

    flags = rep.flags
    print(
        f"Report ({args.lang}) on {coalition or 'every coalition'}: "
        f"{len(flags)} flags, {int((flags['severity'] == 'high').sum())} high."
    )
    print(f"Wrote {html} ({html.stat().st_size // 1024} KB) and {xlsx}.")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except lsm.LsmnetError as err:  # bad data or options: the message says what to fix
        raise SystemExit(f"error: {err}") from None
