"""Is this coalition too centralised?

Freeman degree centralization is 1 for a star (one member tied to everyone, no other tie) and
0 when every member has as many partners as every other. The conditional uniform graph test
says whether the value is more than chance gives a network of the same size and density, and
lsmnet's DOM-1 flag compares it with the (heuristic) thresholds 0.50 and 0.70.

    python examples/is_this_coalition_too_centralised.py               # bundled example, C01
    python examples/is_this_coalition_too_centralised.py my_data/ --coalition K1
"""

from __future__ import annotations

import argparse

import lsmnet as lsm


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Is this coalition too centralised?")
    parser.add_argument("path", nargs="?", help="CSV folder or .xlsx (default: indonesia_demo)")
    parser.add_argument("--coalition", default="C01", help="coalition id (default: C01)")
    parser.add_argument("--samples", type=int, default=1000, help="random graphs to compare")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    data = lsm.read(args.path) if args.path else lsm.datasets.load_dataset("indonesia_demo")
    G = lsm.coalition_graph(data, args.coalition)
    observed = lsm.centralization(G, "degree")
    test = lsm.cug_test(G, "degree_centralization", null="edges", n=args.samples, seed=args.seed)
    brokers = lsm.cug_test(
        G, "betweenness_centralization", null="degree", n=args.samples // 5, seed=args.seed
    )
    limits = lsm.RiskThresholds()
    hub = max(G.degree, key=lambda pair: pair[1])[0]

    print(
        f"Coalition {args.coalition}: {G.number_of_nodes()} members, "
        f"{G.number_of_edges()} partnership ties."
    )
    print(
        f"Degree centralization {observed:.3f} (0 = even, 1 = a star); random networks of the "
        f"same size and density: {test.null_mean:.2f} ± {test.null_sd:.2f}, "
        f"P(as high or higher) = {test.p_ge:.3f}."
    )
    print(
        f"Betweenness centralization {brokers.observed:.2f}; with every member keeping its "
        f"number of partners: {brokers.null_mean:.2f} ± {brokers.null_sd:.2f} "
        f"(z = {brokers.z:.1f})."
    )
    if observed >= limits.dom_centralization_high:
        verdict = "yes: hub-and-spoke (DOM-1 high)"
    elif observed >= limits.dom_centralization_watch:
        verdict = "worth watching: DOM-1 watch"
    else:
        verdict = "no: below lsmnet's DOM-1 thresholds"
    print(
        f"Too centralised? {verdict} (thresholds {limits.dom_centralization_watch:.2f} / "
        f"{limits.dom_centralization_high:.2f}, heuristic). "
        f"Most ties run through {hub} {G.nodes[hub].get('name', hub)}."
    )
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except lsm.LsmnetError as err:  # bad data or options: the message says what to fix
        raise SystemExit(f"error: {err}") from None
