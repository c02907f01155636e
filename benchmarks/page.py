"""Write the result tables of ``docs/performance.md`` from ``benchmarks/results/*.json``.

Usage::

    python benchmarks/page.py           # rewrite the tables between the markers
    python benchmarks/page.py --check   # exit 1 if the page differs from the results files

The page keeps its prose; only the blocks between ``<!-- results:full -->`` /
``<!-- results:quick -->`` and ``<!-- /results -->`` are generated, so every figure on the
page is the one in the results file (``tests/test_docs.py`` runs ``--check``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import HEADER, row_markdown  # noqa: E402

PAGE = HERE.parent / "docs" / "performance.md"
RESULTS = HERE / "results"
BLOCK = re.compile(r"(<!-- results:(\w+) -->\n)(.*?)(<!-- /results -->)", re.S)


def results_markdown(results: dict) -> str:
    """The Markdown block for one results file: command, machine, reruns, one row per case."""
    m = results["machine"]
    blas = m["blas_env"]
    lines = [
        f"#### `{results['command']}`",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['platform']}, "
        f"Python {m['python']}, numpy {m['numpy']}, lsmnet {m['lsmnet']}; "
        f"OPENBLAS_CORETYPE={blas['OPENBLAS_CORETYPE']}, "
        f"OPENBLAS_L2_SIZE={blas['OPENBLAS_L2_SIZE']}. "
        f"Total {results['total_seconds'] / 60:.0f} min.",
        "",
    ]
    for rerun in results.get("reruns", []):
        lines += [
            f"Rows of {', '.join(rerun['cases'])} were measured again with "
            f"`{rerun['command']}`: {rerun['why']}.",
            "",
        ]
    lines.append(HEADER)
    for row in results["rows"]:
        if row.get("rerun"):
            row = dict(row, note=row["note"] + f" (measured again: `{row['rerun']}`)")
        lines.append(row_markdown(row))
    return "\n".join(lines) + "\n"


def render(page: str) -> str:
    """``page`` with every results block regenerated from its results file."""

    def block(match: re.Match) -> str:
        results = json.loads((RESULTS / f"{match.group(2)}.json").read_text(encoding="utf-8"))
        return match.group(1) + "\n" + results_markdown(results) + "\n" + match.group(4)

    return BLOCK.sub(block, page)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, exit 1 if stale")
    args = parser.parse_args(argv)
    page = PAGE.read_text(encoding="utf-8")
    if not BLOCK.search(page):
        print(f"{PAGE}: no '<!-- results:NAME -->' block", file=sys.stderr)
        return 1
    new = render(page)
    if args.check:
        if new != page:
            print(f"{PAGE} is stale: run python benchmarks/page.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
