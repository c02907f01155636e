"""Trust and value scorecard of a surveyed coalition.

Trust received = mean of the reliability, mission and openness ratings a member receives; value
received = mean of power, involvement and resources (1-4 scale, PARTNER-style items). Members
rated by fewer than three others get no score. Percentages map the scale onto 0-100 %.

    python examples/trust_and_value_scorecard.py                 # bundled example, C01
    python examples/trust_and_value_scorecard.py my_data/ --coalition K1
"""

from __future__ import annotations

import argparse

import lsmnet as lsm


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Trust and value scorecard of a coalition.")
    parser.add_argument("path", nargs="?", help="CSV folder or .xlsx (default: indonesia_demo)")
    parser.add_argument("--coalition", default="C01", help="coalition id (default: C01)")
    parser.add_argument("--top", type=int, default=3, help="members to list at each end")
    args = parser.parse_args(argv)

    data = lsm.read(args.path) if args.path else lsm.datasets.load_dataset("indonesia_demo")
    scores = lsm.trust_value_scores(data, coalition=args.coalition)
    net = scores.network
    nodes = scores.nodes
    names = data.organizations.set_index("org_id")["name"]
    lo, hi = data.scale

    print(
        f"Coalition {args.coalition}: {int(net['raters'])} raters, "
        f"{int(net['trust_dyads'])} rated pairs (scale {lo:g}-{hi:g})."
    )
    print(
        f"Network trust {net['trust']:.2f} ({net['trust_pct']:.0f} %), "
        f"value {net['value']:.2f} ({net['value_pct']:.0f} %)."
    )
    scored = nodes.dropna(subset=["trust", "value"])
    for column in ("trust", "value"):
        low = scored.nsmallest(args.top, column)
        print(f"Lowest {column}:")
        for org, row in low.iterrows():
            print(
                f"  {org} {names.get(org, org)}: {row[column]:.2f} "
                f"from {int(row[column + '_raters'])} raters"
            )
    high_value_low_trust = scored[
        (scored["value"] >= scored["value"].median())
        & (scored["trust"] < scored["trust"].median())
    ]
    print(
        f"Valued but less trusted (above-median value, below-median trust): "
        f"{len(high_value_low_trust)} members."
    )
    print(f"No score (fewer than 3 raters): {len(nodes) - len(scored)} members.")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except lsm.LsmnetError as err:  # bad data or options: the message says what to fix
        raise SystemExit(f"error: {err}") from None
