"""Which new ties would a funder or convenor do best to support?

Network weaving (Krebs & Holley): propose the pairs of organisations, not yet tied, whose new
tie would most reduce Borgatti's distance-weighted fragmentation, chosen one at a time with the
exact gain of each and a preference for pairs that share an issue.

    python examples/which_ties_to_fund.py                   # bundled example, whole sector
    python examples/which_ties_to_fund.py --coalition C01 -k 3
    python examples/which_ties_to_fund.py my_data/ --objective reach
"""

from __future__ import annotations

import argparse

import lsmnet as lsm


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Which new ties would do most good?")
    parser.add_argument("path", nargs="?", help="CSV folder or .xlsx (default: indonesia_demo)")
    parser.add_argument("--coalition", help="weave within this coalition (default: the sector)")
    parser.add_argument("-k", type=int, default=5, help="how many ties to propose")
    parser.add_argument("--objective", choices=["fragmentation", "reach"], default="fragmentation")
    args = parser.parse_args(argv)

    data = lsm.read(args.path) if args.path else lsm.datasets.load_dataset("indonesia_demo")
    ties = lsm.weaving_suggestions(
        data, top=args.k, coalition=args.coalition, objective=args.objective
    )
    scope = f"coalition {args.coalition}" if args.coalition else "the sector"
    print(
        f"{len(ties)} ties to support in {scope} (objective: {args.objective}, "
        f"{ties.attrs['objective_before']:.3f} now):"
    )
    for rank, row in ties.iterrows():
        issues = ", ".join(row["shared_issues"]) or "no shared issue"
        joins = "; joins two separate parts" if row["joins_components"] else ""
        print(
            f"  {rank}. {row['source_name']} + {row['target_name']}: gain {row['gain']:.4f} "
            f"({issues}{joins})"
        )
    if len(ties):
        print(f"After all {len(ties)}: {ties['objective_after'].iloc[-1]:.3f}.")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except lsm.LsmnetError as err:  # bad data or options: the message says what to fix
        raise SystemExit(f"error: {err}") from None
